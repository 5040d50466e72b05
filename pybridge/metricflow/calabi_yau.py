"""A Calabi–Yau metric check in complex dimension one: the flat torus X = C/(Z + τZ) (torch).

Kähler potential K = |z|²-part + ψ + φ_θ on X: a flat part with g_{zz̄} = 1, a fixed periodic
deformation ψ (so the starting metric is *not* Ricci-flat, like the Fubini–Study restriction in cymetric)
and a periodic NN correction φ_θ (cos features in the lattice coordinates (a, b), z = a + bτ). The metric
is g_{zz̄} = ∂_z∂_z̄K = 1 + ¼Δ(ψ + φ_θ), Δ = ∂_x² + ∂_y² (z = x + iy), and ω = i g_{zz̄} dz ∧ dz̄ stays in
the Kähler class of the flat metric because ∂∂̄ of a periodic function integrates to zero.

Monge–Ampère / Ricci-flat condition: ω^n/Vol_K = (i Ω∧Ω̄)/Vol_Ω with Ω = dz (|Ω|² = 1); in dimension
n = 1 this is g_{zz̄} = Vol_K/Vol_Ω = 1, whose unique solution in the class is φ = −ψ + const (the flat
metric). Loss: mean over training points of (1 − η)², η = (det g/|Ω|²)·Vol_Ω/Vol_K with the exact
(topological) Vol_K.

σ measure (Douglas–Karp–Lukic–Reinbacher hep-th/0612075; cymetric, Larfors–Lukas–Ruehle–Schneider
arXiv 2111.01436, ``sigma_measure``):

    σ = (1/Vol_CY) Σ_i w_i |1 − (det g_i/|Ω_i|²)·Vol_CY/Vol_K| / N,
    Vol_CY = Σ_i w_i / N,   Vol_K = Σ_i w_i det g_i/|Ω_i|² / N,

with the points drawn from the |Ω|²-measure (here: uniform in the fundamental domain, so w_i = 1) and
the Monte Carlo Vol_K of cymetric's code. It is evaluated on fresh points never used for training.
"""

from __future__ import annotations

import math

import torch

from .errors import FlowInputError
from .nn import Centered, CosFeatures, integer_box

DTYPE = torch.float64


def lattice_frame(tau: complex) -> torch.Tensor:
    """The real 2×2 matrix M with (x, y) = M (a, b) for z = a + bτ (columns 1 and τ)."""
    if tau.imag <= 0:
        raise FlowInputError(f"τ must lie in the upper half-plane, got {tau}")
    return torch.tensor([[1.0, tau.real], [0.0, tau.imag]], dtype=DTYPE)


def sample_torus(count: int, tau: complex, seed: int) -> torch.Tensor:
    """``count`` points uniform in the fundamental domain, as real coordinates (x, y), shape (count, 2).
    Uniform in (a, b) is the measure i Ω∧Ω̄ = 2 dx dy, so the cymetric weights are w_i = 1."""
    if count < 1:
        raise FlowInputError(f"need at least one sample point, got {count}")
    gen = torch.Generator().manual_seed(seed)
    ab = torch.rand(count, 2, generator=gen, dtype=DTYPE)
    return ab @ lattice_frame(tau).T


class Deformation:
    """ψ(a, b) = c·exp(0.6 cos 2πa + 0.4 sin 2π(a + b)): a smooth periodic Kähler-potential deformation."""

    def __init__(self, tau: complex, strength: float = 0.02) -> None:
        self.inverse = torch.linalg.inv(lattice_frame(tau))
        self.strength = strength

    def __call__(self, xy: torch.Tensor) -> torch.Tensor:
        ab = xy @ self.inverse.T
        a, b = ab[:, 0], ab[:, 1]
        return self.strength * torch.exp(0.6 * torch.cos(2 * math.pi * a) + 0.4 * torch.sin(2 * math.pi * (a + b)))


class KahlerPotentialNet(torch.nn.Module):
    """φ_θ(x, y) = centred cos features of 2π(a, b) with integer frequencies |k|_∞ ≤ cutoff (periodic on X),
    each scaled by 4/|κ|², κ its wave vector in (x, y), so that its contribution ¼Δφ to g_{zz̄} is O(1)."""

    def __init__(self, tau: complex, pairs: int = 128, cutoff: int = 4, seed: int = 0) -> None:
        super().__init__()
        if pairs < 1 or cutoff < 1:
            raise FlowInputError(f"need pairs ≥ 1 and cutoff ≥ 1, got pairs={pairs}, cutoff={cutoff}")
        modes = integer_box(cutoff).to(DTYPE)
        gen = torch.Generator().manual_seed(seed + 7)
        freqs = modes[torch.randint(len(modes), (pairs,), generator=gen)]
        freqs[: len(modes)] = modes[:pairs]  # every mode at least once when pairs allows
        to_lattice = 2 * math.pi * torch.linalg.inv(lattice_frame(tau))
        wave2 = ((freqs @ to_lattice) ** 2).sum(-1)  # |∇(k·2π(a,b))|² in x, y
        amplitude = torch.where(wave2 > 0, 4 / wave2.clamp(min=1e-12), 1.0)  # ¼Δ of each feature is O(1)
        self.features = Centered(CosFeatures(freqs, 1, seed, amplitude=amplitude).to(DTYPE))
        self.register_buffer("to_lattice", to_lattice)

    def forward(self, xy: torch.Tensor) -> torch.Tensor:
        return self.features(xy @ self.to_lattice.T)[:, 0]


def metric(potential, xy: torch.Tensor, create_graph: bool = False) -> torch.Tensor:
    """g_{zz̄} = ∂_z∂_z̄ K = 1 + ¼(∂_x² + ∂_y²)(potential) at points (P, 2), by autograd."""
    xy = xy.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(potential(xy).sum(), xy, create_graph=True)
    lap = sum(torch.autograd.grad(grad[:, k].sum(), xy, create_graph=create_graph, retain_graph=True)[0][:, k]
              for k in range(2))
    return 1 + 0.25 * lap


def sigma_measure(det_g: torch.Tensor, omega2: torch.Tensor, weights: torch.Tensor) -> float:
    """The cymetric σ of the module docstring (Monte Carlo Vol_CY and Vol_K on the same points)."""
    ratio = det_g / omega2
    vol_cy = weights.mean()
    vol_k = (weights * ratio).mean()
    return float((weights * (1 - ratio * vol_cy / vol_k).abs()).mean() / vol_cy)


def train_flat_metric(tau: complex = 0.3 + 1.1j, cutoff: int = 5, pairs: int | None = None, epochs: int = 6,
                      train_points: int = 2000, test_points: int = 5000, inner_steps: int = 10,
                      strength: float = 0.02, seed: int = 0, progress=None) -> dict:
    """Minimise the Monge–Ampère loss by L-BFGS (strong-Wolfe line search, full training batch; one
    epoch = ``inner_steps`` iterations); σ on fresh test points before training and after every epoch.
    ``pairs`` defaults to 3 per Fourier mode of the box; ``progress`` is called with each epoch number."""
    if epochs < 1 or inner_steps < 1:
        raise FlowInputError(f"need epochs ≥ 1 and inner_steps ≥ 1, got {epochs}, {inner_steps}")
    pairs = 3 * len(integer_box(cutoff)) if pairs is None else pairs
    psi = Deformation(tau, strength)
    net = KahlerPotentialNet(tau, pairs, cutoff, seed)
    train = sample_torus(train_points, tau, seed + 100)
    test = sample_torus(test_points, tau, seed + 200)
    ones = torch.ones(test_points, dtype=DTYPE)
    g_test = metric(psi, test).detach()
    if g_test.min() <= 0:
        raise FlowInputError(f"deformation strength {strength} makes the starting metric non-positive")
    start_deviation = float((g_test - 1).abs().max())
    optimizer = torch.optim.LBFGS(net.parameters(), lr=1, max_iter=inner_steps, history_size=50,
                                  line_search_fn="strong_wolfe", tolerance_grad=1e-12, tolerance_change=1e-15)

    def closure():
        optimizer.zero_grad()
        g = metric(lambda p: psi(p) + net(p), train, create_graph=True)
        loss = ((1 - g) ** 2).mean()  # η = g: |Ω|² = 1 and Vol_Ω = Vol_K (module docstring)
        loss.backward()
        return loss

    sigmas, losses = [sigma_measure(g_test, ones, ones)], []
    for epoch in range(epochs):
        optimizer.step(closure)
        losses.append(float(closure().detach()))
        g_test = metric(lambda p: psi(p) + net(p), test).detach()
        sigmas.append(sigma_measure(g_test, ones, ones))
        if progress is not None:
            progress(epoch + 1)
    return {"sigmas": sigmas, "losses": losses, "sigma_start": sigmas[0], "sigma_end": sigmas[-1],
            "max_deviation": float((g_test - 1).abs().max()), "start_deviation": start_deviation,
            "tau": tau, "pairs": pairs, "cutoff": cutoff, "epochs": epochs}
