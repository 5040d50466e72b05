"""Gradient-descent flows of NN metrics and their comparison with the NTK prediction.

A gradient step θ → θ − η∇_θL moves the metric by Δg = −ηΘ·∂L/∂g + O(η²) (metric-NTK flow,
Halverson–Ruehle eq. 18). Losses:

* :func:`ricci_sq_loss` — L = ∫|Ric|² dV (minimised by Ricci-flat metrics);
* :func:`perelman_loss` — L = −2F/Ω with F Perelman's functional on the fixed measure ν. Its gradient is
  taken from the first-variation formula δF = −∫ h^ij (R_ij + ∇_i∇_jφ) dν (verified in
  :mod:`.perelman`): L(θ) = (2/Ω) Σ_p w_p ⟨G_p, g_θ(x_p)⟩ with G^ij = g^ia g^jb (R_ab + ∇_a∇_bφ) held
  fixed during the step. In the local frozen-kernel limit Θ = Ω δ_ν(x−x') (DeWitt on the log-metric)
  the flow is Perelman's ∂_t g = −2(Ric + ∇∇φ) with t = η·steps. ``phi=None`` takes φ spatially
  constant (the Ricci-flow gauge: ∂_t g = −2 Ric; on a round sphere R is constant and this *is*
  Perelman's flow).

A *sample* is a list of groups (chart, points, weights); ``chart`` is None for the torus or a key of
:data:`.nn.CHART_ROTATIONS` for the sphere.
"""

from __future__ import annotations

import torch

from . import curvature as C
from .ntk import _components, predicted_update, trainable


def _each_chart(model, sample):
    for chart, points, weights in sample:
        if chart is not None:
            model.chart = chart
        yield points, weights


def ricci_sq_loss(model, sample) -> torch.Tensor:
    """∫ |Ric|² dV ≈ Σ_p w_p |Ric|²(x_p) √det g(x_p) (w_p: coordinate quadrature weights)."""
    total = 0.0
    for points, weights in _each_chart(model, sample):
        g, dg, ddg = C.jet(model, points)
        ric = C.ricci(g, dg, ddg)
        total = total + (weights * C.ricci_norm2(g, ric) * C.sqrt_det(g)).sum()
    return total


def perelman_tensor(model, points, phi=None) -> tuple[torch.Tensor, torch.Tensor]:
    """(g, R_ij + ∇_i∇_jφ) at ``points``, detached; ``phi`` maps points (P,n) to values (P,)."""
    g, dg, ddg = C.jet(model, points)
    tensor = C.ricci(g, dg, ddg)
    if phi is not None:
        u = points.detach().clone().requires_grad_(True)
        (d1,) = torch.autograd.grad(phi(u).sum(), u, create_graph=True)
        d2 = torch.stack([torch.autograd.grad(d1[:, k].sum(), u, retain_graph=True)[0]
                          for k in range(u.shape[1])], 1)
        gamma, _ = C.christoffel(g, dg)
        tensor = tensor + d2 - torch.einsum("pkij,pk->pij", gamma, d1)
    return g.detach(), tensor.detach()


def perelman_loss(model, sample, omega: float, phi=None) -> torch.Tensor:
    """L(θ) = (2/Ω) Σ_p w_p G^ij(x_p) g_θ,ij(x_p), whose θ-gradient is that of −2F/Ω (see module doc)."""
    total = 0.0
    for points, weights in _each_chart(model, sample):
        g, tensor = perelman_tensor(model, points, phi)
        gi = torch.linalg.inv(g)
        upper = gi @ tensor @ gi
        total = total + (2 / omega) * torch.einsum("p,pij,pij->", weights, upper, model(points))
    return total


def metric_components(model, sample) -> torch.Tensor:
    """The independent metric components at every sample point, concatenated, shape (P, c)."""
    with torch.no_grad():
        return torch.cat([_components(model(points)) for points, _ in _each_chart(model, sample)])


def gd_step(model, loss, sample, lr: float) -> dict:
    """One plain gradient-descent step; returns the loss, the realised metric change at the sample
    points, the NTK prediction J·(−η∇L) and their relative difference ‖Δ_real − Δ_NTK‖/‖Δ_real‖."""
    names = list(trainable(model))
    params = dict(model.named_parameters())
    value = loss(model, sample)
    grads = torch.autograd.grad(value, [params[k] for k in names])
    tangent = {k: -lr * gr for k, gr in zip(names, grads)}
    before = metric_components(model, sample)
    predicted = torch.cat([predicted_update(model, points, tangent) for points, _ in _each_chart(model, sample)])
    with torch.no_grad():
        for k in names:
            params[k].add_(tangent[k])
    realised = metric_components(model, sample) - before
    error = float(torch.linalg.norm(realised - predicted) / torch.linalg.norm(realised))
    return {"loss": float(value.detach()), "realised": realised, "predicted": predicted, "relative_error": error}
