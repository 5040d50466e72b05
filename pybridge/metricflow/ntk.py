"""The empirical metric-NTK and the first-order (NTK) prediction of a gradient step (torch.func).

Metric-NTK (Halverson–Ruehle, arXiv 2310.19870, eq. 18):

    Θ_ijkl(x, x') = Σ_I ∂g_ij(x)/∂θ_I · ∂g_kl(x')/∂θ_I.

A gradient-descent step θ → θ − η∇_θL changes the metric, to first order in η, by
Δg(x) = −η Σ_{x'} Θ(x, x')·∂L/∂g(x') = J·(−η∇_θL), J = ∂g/∂θ; :func:`predicted_update` computes
this as a Jacobian–vector product. Components are the independent entries g_ij, i ≤ j.
"""

from __future__ import annotations

import torch
from torch.func import functional_call, jacrev, jvp


def trainable(model) -> dict:
    """The trainable parameters of ``model`` as a name → tensor dict (detached)."""
    return {k: v.detach() for k, v in model.named_parameters() if v.requires_grad}


def _components(g: torch.Tensor) -> torch.Tensor:
    """Independent entries (g_11, g_12, g_22, ...) of a batch of symmetric matrices, shape (P, c)."""
    n = g.shape[-1]
    rows, cols = torch.triu_indices(n, n)
    return g[:, rows, cols]


def output_fn(model, points, method: str | None = None):
    """θ ↦ model outputs at ``points``: metric components (i ≤ j) for ``forward``, or the flattened
    output of another method (e.g. ``"log_metric"``)."""
    module = model if method is None else _Method(model, method)
    prefix = "" if method is None else "m."

    def fn(params):
        result = functional_call(module, {prefix + k: v for k, v in params.items()}, (points,), strict=False)
        return _components(result) if result.dim() == 3 else result
    return fn


class _Method(torch.nn.Module):
    """A module whose forward is ``model.<name>``, so functional_call can reach other methods."""

    def __init__(self, model, name: str):
        super().__init__()
        self.m = model
        self.name = name

    def forward(self, x):
        return getattr(self.m, self.name)(x)


def empirical_ntk(model, points: torch.Tensor, method: str | None = None) -> torch.Tensor:
    """Θ[p, a, q, b] = Σ_I ∂y_a(x_p)/∂θ_I ∂y_b(x_q)/∂θ_I for the model's metric components y."""
    params = trainable(model)
    jac = jacrev(output_fn(model, points, method))(params)
    flat = torch.cat([j.reshape(*j.shape[:2], -1) for j in jac.values()], -1)  # (P, c, nparams)
    return torch.einsum("pai,qbi->paqb", flat, flat)


def predicted_update(model, points: torch.Tensor, tangent: dict) -> torch.Tensor:
    """J·tangent: the first-order change of the metric components for a parameter step ``tangent``."""
    params = trainable(model)
    _, change = jvp(output_fn(model, points), (params,), ({k: tangent[k] for k in params},))
    return change


def relative_change(before: torch.Tensor, after: torch.Tensor) -> float:
    """‖Θ_after − Θ_before‖_F / ‖Θ_before‖_F (frozen-ness of the kernel)."""
    return float(torch.linalg.norm(after - before) / torch.linalg.norm(before))


def kernel_mass(ntk: torch.Tensor, weights: torch.Tensor, component: int = 0) -> float:
    """Ω = mean over points p of Σ_q Θ[p,a,q,a] w_q for one (diagonal) component a: the constant of
    the local limit Θ(x,x') → Ω δ_ν(x − x'), ν the measure whose point masses are ``weights``."""
    block = ntk[:, component, :, component]
    return float((block @ weights.to(block.dtype)).mean())


def kernel_width(profile: torch.Tensor, offsets: torch.Tensor) -> float:
    """The half-width at half-maximum of a kernel profile K(0, s) sampled at increasing ``offsets`` ≥ 0
    (linear interpolation); the locality measure of the cos-feature NTK."""
    k = profile / profile[0]
    below = torch.nonzero(k < 0.5)
    if len(below) == 0:
        return float(offsets[-1])
    i = int(below[0])
    s0, s1, k0, k1 = offsets[i - 1], offsets[i], k[i - 1], k[i]
    return float(s0 + (k0 - 0.5) / (k0 - k1) * (s1 - s0))


def kernel_mass_fast(model, points: torch.Tensor, weights: torch.Tensor, component: int = 0,
                     method: str = "log_metric", chart=None) -> float:
    """:func:`kernel_mass` without forming Θ: Σ_q Θ_pq w_q = J_p·v with v = ∇_θ Σ_q w_q y_q (one
    backward pass and one Jacobian–vector product). ``method`` picks the output (the log-metric)."""
    if chart is not None:
        model.chart = chart
    fn = output_fn(model, points, method)
    params = trainable(model)
    v = torch.func.grad(lambda p: (fn(p)[:, component] * weights).sum())(params)
    _, jv = jvp(fn, (params,), (v,))
    return float(jv[:, component].mean())


def kernel_mass_on(model, points: torch.Tensor, weights: torch.Tensor, f: torch.Tensor, component: int = 0,
                   method: str = "log_metric") -> float:
    """The Rayleigh quotient Ω_f = ⟨f, Θf⟩_ν / ⟨f, f⟩_ν, (Θf)(x_p) = Σ_q Θ_pq w_q f_q, of one diagonal
    component: the kernel mass seen by the pattern f (for Θ = Ω δ_ν(x − x') it is Ω for every f).
    On a band-limited kernel (the torus cos features, whose ∫Θ dx' sees only the constant mode) this
    is the Ω that turns the gradient flow into the local flow for perturbations shaped like f."""
    fn = output_fn(model, points, method)
    params = trainable(model)
    wf = weights * f
    v = torch.func.grad(lambda p: (fn(p)[:, component] * wf).sum())(params)
    _, jv = jvp(fn, (params,), (v,))
    return float((wf * jv[:, component]).sum() / (wf * f).sum())
