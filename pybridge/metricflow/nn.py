"""Neural networks that output positive-definite metrics on charts of T² and S² (torch).

Three architectures, all in NTK parametrisation (weights ~ N(0,1), outputs scaled by 1/√width):

* :class:`TorusMetricNet` — log-Euclidean metric g(x) = expm(A₀(x) + A_θ(x) − A_θ₀(x)) on
  T² = R²/(2πZ)², with A_θ a *cos-feature* network: paired features cos(k·x+b), sin(k·x+b) with integer
  frequencies k in the box |k|_∞ ≤ cutoff (so g is periodic). Its output-weight NTK is exactly
  (1/N)Σ_a c_a² cos(k_a·(x−x')) (c_a = 1/√2 for k_a = 0, see CosFeatures): for stratified frequencies a
  multiple of the band-limited δ(x−x'), tending to δ as width and cutoff grow (see :mod:`.locality`).
* :class:`SphereMetricNet` — g_ij(u) = r₀² ∂_iX(u)ᵀ expm(S_θ(X) − S_θ₀(X)) ∂_jX(u) on S² ⊂ R³:
  the pull-back of an ambient positive matrix field, so one network defines the metric in every chart
  (Lambert equal-area charts, rotated to cover the poles). At θ = θ₀ it is the round metric of radius r₀.
* :class:`CholeskyMetricNet` — a tanh MLP on the periodic embedding (cos x, sin x, cos y, sin y) whose
  output is a lower-triangular factor L with softplus diagonal; g = L Lᵀ + ε I on T².

The centred form (A_θ − A_θ₀) leaves the NTK unchanged and makes the initial metric exact.
The exponential parametrisation has dg = g dA for isotropic A, so a kernel δ_ac δ_bd on A becomes
the DeWitt kernel ½(g_ik g_jl + g_il g_jk) on g: this is what turns gradient descent on Perelman's F
into Perelman's flow with lower indices (see :mod:`.flows`).
"""

from __future__ import annotations

import copy
import itertools
import math

import torch
from torch import nn


def sym_basis(n: int) -> torch.Tensor:
    """A Frobenius-orthonormal basis of symmetric n×n matrices, shape (n(n+1)/2, n, n)."""
    basis = []
    for i in range(n):
        for j in range(i, n):
            e = torch.zeros(n, n)
            if i == j:
                e[i, i] = 1.0
            else:
                e[i, j] = e[j, i] = 1 / math.sqrt(2)
            basis.append(e)
    return torch.stack(basis)


def sym_expm(a: torch.Tensor, squarings: int = 6, order: int = 10) -> torch.Tensor:
    """Matrix exponential of a batch of symmetric matrices by scaling and squaring of the Taylor
    series (pure matmuls, so forward- and reverse-mode autograd of any order work)."""
    x = a / 2**squarings
    term = torch.eye(a.shape[-1], dtype=a.dtype).expand_as(a)
    total = term
    for k in range(1, order + 1):
        term = term @ x / k
        total = total + term
    for _ in range(squarings):
        total = total @ total
    return total


class CosFeatures(nn.Module):
    """f(x) = (1/√N) Σ_a c_a [W_a cos(k_a·x + b_a) + V_a sin(k_a·x + b_a)], N = 2·pairs, outputs ∈ R^m.

    ``freqs`` (pairs, d) are fixed buffers (integers on a torus); phases b and weights W, V train.
    c_a = 1/√2 for k_a = 0 and 1 otherwise: a pair with k ≠ 0 puts half of its kernel weight on each
    of the modes ±k, the constant pair all of it on k = 0, so with c_a every Fourier mode of the box
    gets the same NTK eigenvalue (the infinite-width kernel is a multiple of the band-limited δ).
    ``amplitude`` (pairs,), optional, multiplies c_a (a spectral preconditioner, e.g. 1/|k|²)."""

    def __init__(self, freqs: torch.Tensor, outputs: int, seed: int = 0, train_phases: bool = True,
                 amplitude: torch.Tensor | None = None) -> None:
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        pairs = freqs.shape[0]
        self.register_buffer("freqs", freqs.to(torch.get_default_dtype()))
        c = torch.where((freqs == 0).all(-1), 2**-0.5, 1.0).to(torch.get_default_dtype())
        if amplitude is not None:
            c = c * amplitude.to(c.dtype)
        self.register_buffer("amplitude", c[:, None])
        phases = (torch.rand(pairs, generator=gen) * 2 - 1) * math.pi
        self.phases = nn.Parameter(phases, requires_grad=train_phases)
        self.w_cos = nn.Parameter(torch.randn(pairs, outputs, generator=gen))
        self.w_sin = nn.Parameter(torch.randn(pairs, outputs, generator=gen))
        self.scale = 1 / math.sqrt(2 * pairs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        arg = x @ self.freqs.T + self.phases
        return self.scale * (torch.cos(arg) @ (self.amplitude * self.w_cos) + torch.sin(arg) @ (self.amplitude * self.w_sin))


class Centered(nn.Module):
    """net(x) − net₀(x), with net₀ a frozen copy of the initial network (same NTK, zero output at init)."""

    def __init__(self, net: nn.Module) -> None:
        super().__init__()
        self.net = net
        self.initial = copy.deepcopy(net).requires_grad_(False)

    def forward(self, x):
        return self.net(x) - self.initial(x)


def integer_box(cutoff: int, dim: int = 2) -> torch.Tensor:
    """All integer vectors k with |k|_∞ ≤ cutoff, one of each ±k pair (and k = 0), shape (M, dim)."""
    modes = []
    for k in itertools.product(range(-cutoff, cutoff + 1), repeat=dim):
        if k >= tuple(0 for _ in k):  # lexicographic half-space: k and −k give the same features
            modes.append(k)
    return torch.tensor(modes, dtype=torch.get_default_dtype())


def torus_frequencies(pairs: int, cutoff: int, seed: int = 0) -> torch.Tensor:
    """``pairs`` frequencies stratified over :func:`integer_box` (each mode equally often, the rest of
    the last round drawn at random)."""
    modes = integer_box(cutoff)
    gen = torch.Generator().manual_seed(seed + 1)
    rounds = [torch.randperm(len(modes), generator=gen) for _ in range(pairs // len(modes) + 1)]
    return modes[torch.cat(rounds)[:pairs]]


class TorusMetricNet(nn.Module):
    """g(x) = expm(A₀(x) + Σ_b E_b f_b(x)) on T², x ∈ [0, 2π)²; ``background`` gives A₀ (P,2,2)."""

    def __init__(self, pairs: int, cutoff: int, background=None, seed: int = 0, train_phases: bool = True):
        super().__init__()
        self.features = Centered(CosFeatures(torus_frequencies(pairs, cutoff, seed), 3, seed, train_phases))
        self.register_buffer("basis", sym_basis(2))
        self.background = background

    def log_metric(self, x: torch.Tensor) -> torch.Tensor:
        a = torch.einsum("pb,bij->pij", self.features(x), self.basis)
        return a if self.background is None else a + self.background(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return sym_expm(self.log_metric(x))


def lambert_frame(u: torch.Tensor, rotation: torch.Tensor):
    """Embedding X(z, φ) = R·(√(1−z²)cos φ, √(1−z²)sin φ, z) of the Lambert chart and ∂_zX, ∂_φX."""
    z, phi = u[:, 0], u[:, 1]
    s = torch.sqrt(1 - z**2)
    point = torch.stack([s * torch.cos(phi), s * torch.sin(phi), z], -1)
    d_z = torch.stack([-z / s * torch.cos(phi), -z / s * torch.sin(phi), torch.ones_like(z)], -1)
    d_phi = torch.stack([-s * torch.sin(phi), s * torch.cos(phi), torch.zeros_like(z)], -1)
    return point @ rotation.T, torch.stack([d_z @ rotation.T, d_phi @ rotation.T], 1)


CHART_ROTATIONS = {"north": torch.eye(3), "side": torch.tensor([[0.0, 0, 1], [1, 0, 0], [0, 1, 0]])}


class SphereMetricNet(nn.Module):
    """g_ij(u) = r₀² ∂_iXᵀ expm(S_θ(X)) ∂_jX in a Lambert chart (``chart`` in CHART_ROTATIONS);
    S_θ is a centred cos-feature network R³ → Sym(3) with Gaussian frequencies of scale ``sigma``."""

    def __init__(self, pairs: int, sigma: float = 1.0, radius: float = 1.0, seed: int = 0):
        super().__init__()
        gen = torch.Generator().manual_seed(seed + 2)
        freqs = torch.randn(pairs, 3, generator=gen) * sigma
        self.features = Centered(CosFeatures(freqs, 6, seed))
        self.register_buffer("basis", sym_basis(3))
        self.radius = radius
        self.chart = "north"

    def ambient(self, points: torch.Tensor) -> torch.Tensor:
        """The ambient positive matrix field expm(S_θ(X)) at points X ∈ S², shape (P,3,3)."""
        return sym_expm(torch.einsum("pb,bij->pij", self.features(points), self.basis))

    def log_metric(self, u: torch.Tensor) -> torch.Tensor:
        """S_θ(X(u)) − S_θ₀(X(u)), the ambient log-metric at chart points (P,3,3)."""
        point, _ = lambert_frame(u, CHART_ROTATIONS[self.chart].to(u.dtype))
        return torch.einsum("pb,bij->pij", self.features(point), self.basis)

    def forward(self, u: torch.Tensor) -> torch.Tensor:
        rotation = CHART_ROTATIONS[self.chart].to(u.dtype)
        point, frame = lambert_frame(u, rotation)
        return self.radius**2 * torch.einsum("pia,pab,pjb->pij", frame, self.ambient(point), frame)


class CholeskyMetricNet(nn.Module):
    """g = L Lᵀ + ε I on T², L lower-triangular with softplus diagonal, from a tanh MLP (NTK
    parametrisation) of the periodic embedding (cos x, sin x, cos y, sin y)."""

    def __init__(self, width: int = 64, depth: int = 2, eps: float = 1e-3, seed: int = 0):
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        sizes = [4] + [width] * depth + [3]
        self.weights = nn.ParameterList(
            [nn.Parameter(torch.randn(a, b, generator=gen)) for a, b in zip(sizes, sizes[1:])])
        self.biases = nn.ParameterList([nn.Parameter(torch.zeros(b)) for b in sizes[1:]])
        self.eps = eps

    def factor(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.cat([torch.cos(x), torch.sin(x)], -1)
        for index, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w / math.sqrt(w.shape[0]) + b
            if index < len(self.weights) - 1:
                h = torch.tanh(h)
        diag = nn.functional.softplus(h[:, :2] + 0.5413)  # softplus(0.5413) = 1
        zero = torch.zeros_like(h[:, 2])
        return torch.stack([torch.stack([diag[:, 0], zero], -1), torch.stack([h[:, 2], diag[:, 1]], -1)], -2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        low = self.factor(x)
        return low @ low.transpose(1, 2) + self.eps * torch.eye(2, dtype=x.dtype)
