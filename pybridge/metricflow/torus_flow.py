"""NN Perelman flow (L = −2F/Ω, as in :mod:`.flows`) of a perturbed flat torus against the grid Ricci
flow of :mod:`.ricci_fd`, from the same initial metric and for the same flow time.

Initial metric: g₀ = e^{2u₀} δ on T² = R²/(2πZ)² with u₀ = ε(cos x + 0.6 sin y + 0.3 cos(x + y)). The
network is :class:`.nn.TorusMetricNet` with background log-metric A₀ = 2u₀ I; gradient descent with
step η on −2F/Ω (φ constant) is Perelman's/Ricci flow ∂_t g = −2 Ric with t = η·steps in the local
frozen-kernel limit. Ω is the kernel mass seen by the initial flow pattern Δ₀u₀
(:func:`.ntk.kernel_mass_on`). Read-outs: u = ¼ log det g (g is conformal for the exact flow), the
perturbation amplitude RMS(u − ū), and relative L2 differences after the flow time.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from . import ricci_fd as fd
from .errors import FlowInputError
from .experiments import DTYPE, torus_grid
from .flows import gd_step, perelman_loss
from .nn import TorusMetricNet
from .ntk import kernel_mass_on


def initial_u(x: torch.Tensor, eps: float) -> torch.Tensor:
    """u₀(x, y) = ε(cos x + 0.6 sin y + 0.3 cos(x + y)) at points (P, 2)."""
    return eps * (torch.cos(x[:, 0]) + 0.6 * torch.sin(x[:, 1]) + 0.3 * torch.cos(x[:, 0] + x[:, 1]))


def initial_laplacian(x: torch.Tensor, eps: float) -> torch.Tensor:
    """Δ₀u₀ = −ε(cos x + 0.6 sin y + 0.6 cos(x + y)), the initial flow pattern (flat Laplacian)."""
    return -eps * (torch.cos(x[:, 0]) + 0.6 * torch.sin(x[:, 1]) + 0.6 * torch.cos(x[:, 0] + x[:, 1]))


class ConformalBackground:
    """A₀(x) = 2u₀(x)·I, the log-metric of g₀ = e^{2u₀}δ (a picklable callable for the network)."""

    def __init__(self, eps: float) -> None:
        self.eps = eps

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return 2 * initial_u(x, self.eps)[:, None, None] * torch.eye(2, dtype=x.dtype)


def conformal_factor(g: torch.Tensor) -> torch.Tensor:
    """u = ¼ log det g, the log-conformal factor of a 2×2 metric (exact when g = e^{2u}δ)."""
    return 0.25 * torch.log(torch.linalg.det(g))


def torus_net(pairs: int, cutoff: int = 2, eps: float = 0.15, train_phases: bool = True, seed: int = 5):
    """The cos-feature network started at g₀ = e^{2u₀}δ (float64)."""
    return TorusMetricNet(pairs, cutoff, background=ConformalBackground(eps), seed=seed,
                          train_phases=train_phases).to(DTYPE)


def nn_torus_flow(pairs: int, cutoff: int = 2, grid: int = 12, steps: int = 15, flow_time: float = 0.3,
                  eps: float = 0.15, train_phases: bool = True, seed: int = 5, model=None) -> dict:
    """Gradient descent on −2F/Ω from g₀ with η = flow_time/steps; u, g and amplitude after each step.
    ``model`` (optional) is a :func:`torus_net` to train in place (the other net arguments are then unused)."""
    model = torus_net(pairs, cutoff, eps, train_phases, seed) if model is None else model
    sample = torus_grid(grid)
    points, weights = sample[0][1], sample[0][2]
    omega = kernel_mass_on(model, points, weights, initial_laplacian(points, eps))
    amplitudes, errors = [], []
    for _ in range(steps):
        result = gd_step(model, lambda m, s: perelman_loss(m, s, omega), sample, flow_time / steps)
        errors.append(result["relative_error"])
        with torch.no_grad():
            g = model(points)
        amplitudes.append(fd.perturbation_amplitude(conformal_factor(g).numpy()))
    u = conformal_factor(g).numpy().reshape(grid, grid)
    return {"u": u, "g": g.numpy(), "amplitudes": amplitudes, "omega": omega, "ntk_errors": errors}


def _fd_metric(u: np.ndarray) -> np.ndarray:
    """g = e^{2u}δ on the grid as (P, 2, 2)."""
    return np.exp(2 * u.ravel())[:, None, None] * np.eye(2)


def compare(nn: dict, u_fd: np.ndarray) -> dict:
    """Relative L2 differences of NN vs grid flow: of g (‖g_NN − g_FD‖_F / ‖g_FD‖_F), of the
    perturbation u (‖u_NN − u_FD‖ / ‖u_FD − ū_FD‖), and the largest non-conformal part |g₁₁ − g₂₂|, |g₁₂|."""
    g_fd = _fd_metric(u_fd)
    g = nn["g"]
    rel_g = float(np.linalg.norm(g - g_fd) / np.linalg.norm(g_fd))
    rel_u = float(np.linalg.norm(nn["u"] - u_fd) / np.linalg.norm(u_fd - u_fd.mean()))
    traceless = float(max(np.abs(g[:, 0, 0] - g[:, 1, 1]).max(), np.abs(g[:, 0, 1]).max()))
    return {"rel_g": rel_g, "rel_u": rel_u, "non_conformal": traceless}


def torus_ricci_comparison(widths=(256, 1024), frozen_pairs: int = 256, cutoff: int = 2, grid: int = 12,
                           steps: int = 15, flow_time: float = 0.3, eps: float = 0.15) -> dict:
    """NN flow (trained phases at each width, plus the random-feature net with frozen phases, whose NTK
    is exactly the infinite-width band-limited kernel) against the RK4 spectral grid flow."""
    if not widths or any(int(w) < 1 for w in widths) or steps < 1 or flow_time <= 0 or grid < 2 * cutoff + 2:
        raise FlowInputError(f"bad torus comparison parameters: widths={widths}, steps={steps}, "
                             f"flow_time={flow_time}, grid={grid} (need grid ≥ 2·cutoff + 2 = {2 * cutoff + 2})")
    x, y = fd.grid(grid)
    u0 = eps * (np.cos(x) + 0.6 * np.sin(y) + 0.3 * np.cos(x + y))
    times = [flow_time * (i + 1) / steps for i in range(steps)]
    exact = fd.ricci_flow(u0, times)
    euler = fd.euler_flow(u0, flow_time / steps, steps)
    a0 = fd.perturbation_amplitude(u0)
    runs = [("frozen phases", frozen_pairs, False)] + [("trained phases", int(w), True) for w in widths]
    rows = []
    for label, pairs, trained in runs:
        result = nn_torus_flow(pairs, cutoff, grid, steps, flow_time, eps, trained)
        rows.append({"label": label, "width": 2 * pairs, **compare(result, exact[-1]),
                     "amplitudes": [a / a0 for a in result["amplitudes"]], "omega": result["omega"],
                     "max_ntk_error": max(result["ntk_errors"])})
    euler_floor = compare({"u": euler[-1], "g": _fd_metric(euler[-1])}, exact[-1])
    return {"times": times, "fd_amplitudes": [fd.perturbation_amplitude(u) / a0 for u in exact],
            "linear_amplitudes": [_linear_amplitude(t) for t in times], "rows": rows,
            "euler_floor": euler_floor, "area_drift": abs(fd.area(exact[-1]) / fd.area(u0) - 1),
            "flow_time": flow_time, "eps": eps, "grid": grid, "cutoff": cutoff}


def _linear_amplitude(t: float) -> float:
    """RMS(u)/RMS(u₀) of the linearised flow ∂_t u = Δ₀u: modes (1,0), (0,1) decay as e^{−t}, (1,1) as e^{−2t}."""
    return math.sqrt((1 + 0.36) * math.exp(-2 * t) + 0.09 * math.exp(-4 * t)) / math.sqrt(1.45)
