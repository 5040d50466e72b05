"""The numerical experiments behind ``pybridge flow check`` (each returns plain numbers)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
import torch

from . import curvature as C
from .flows import gd_step, perelman_loss, ricci_sq_loss
from .geometry import round_sphere
from .nn import SphereMetricNet, TorusMetricNet
from .ntk import kernel_mass_fast

DTYPE = torch.float64


def exact_sphere_rate(n: int = 2) -> float:
    """dr²/dt under Ricci flow of the round Sⁿ from the symbolic Ricci tensor: ∂_t g = −2 Ric and
    Ric = c g/r² give ∂_t r² = −2c, with c read off sympy's Ricci tensor."""
    sphere = round_sphere(n)
    r = sp.Symbol("r", positive=True)
    c = sp.simplify(sphere.ricci[0, 0] / sphere.g[0, 0] * r**2)
    return float(-2 * c)


def fibonacci_sphere(count: int) -> torch.Tensor:
    """``count`` nearly uniform points on the unit sphere (Fibonacci lattice), shape (count, 3)."""
    i = torch.arange(count, dtype=DTYPE) + 0.5
    z = 1 - 2 * i / count
    phi = math.pi * (1 + 5**0.5) * i
    s = torch.sqrt(1 - z**2)
    return torch.stack([s * torch.cos(phi), s * torch.sin(phi), z], -1)


def sphere_sample(count: int, radius: float = 1.0) -> list:
    """Fibonacci points grouped into the two Lambert charts ("north" for |z| ≤ 1/√2, else "side"),
    each with ν-mass 4πr²/count (ν = the initial round measure)."""
    points = fibonacci_sphere(count)
    mass = 4 * math.pi * radius**2 / count
    north = points[:, 2].abs() <= 2**-0.5
    groups = []
    for chart, mask, (zc, xc, yc) in (("north", north, (2, 0, 1)), ("side", ~north, (0, 1, 2))):
        p = points[mask]
        u = torch.stack([p[:, zc], torch.atan2(p[:, yc], p[:, xc])], -1)
        groups.append((chart, u, torch.full((len(u),), mass, dtype=DTYPE)))
    return groups


def sphere_radius2(model, sample) -> float:
    """r² of a (nearly) round metric: mean over points of ½ tr(ĝ⁻¹ g), ĝ the unit round metric
    diag(1/(1−z²), 1−z²) of the Lambert chart."""
    values = []
    for chart, u, _ in sample:
        model.chart = chart
        with torch.no_grad():
            g = model(u)
        z = u[:, 0]
        values.append(0.5 * (g[:, 0, 0] * (1 - z**2) + g[:, 1, 1] / (1 - z**2)))
    return float(torch.cat(values).mean())


def sphere_flow(points: int = 300, pairs: int = 512, sigma: float = 4.0, dt: float = 0.01, steps: int = 10,
                seed: int = 0) -> dict:
    """NN Perelman flow of the round unit S² (L = −2F/Ω, φ constant) against exact Ricci flow; the
    kernel scale σ sets the locality (width ~1/σ) and must stay small against the number of features."""
    model = SphereMetricNet(pairs, sigma=sigma, seed=seed).double()
    sample = sphere_sample(points)
    omega = sum(kernel_mass_fast(model, u, w, chart=c) * len(u) for c, u, w in sample) / points
    times, r2, errors = [0.0], [sphere_radius2(model, sample)], []
    for step in range(steps):
        result = gd_step(model, lambda m, s: perelman_loss(m, s, omega), sample, dt)
        errors.append(result["relative_error"])
        times.append(dt * (step + 1))
        r2.append(sphere_radius2(model, sample))
    slope = float(np.polyfit(times, r2, 1)[0])
    return {"times": times, "r2": r2, "fitted_rate": slope, "exact_rate": exact_sphere_rate(2),
            "ntk_errors": errors, "omega": omega}


def torus_grid(m: int):
    """An m×m grid on [0, 2π)² with Lebesgue weights, as a one-group sample."""
    s = torch.arange(m, dtype=DTYPE) * 2 * math.pi / m
    x, y = torch.meshgrid(s, s, indexing="ij")
    pts = torch.stack([x.ravel(), y.ravel()], -1)
    return [(None, pts, torch.full((m * m,), (2 * math.pi) ** 2 / (m * m), dtype=DTYPE))]


def perturbed_torus(x: torch.Tensor) -> torch.Tensor:
    """The log-metric A₀(x) of a perturbed flat torus (not conformally flat in these coordinates)."""
    a = 0.3 * torch.cos(x[:, 0])
    b = 0.2 * torch.sin(x[:, 1])
    c = 0.25 * torch.cos(x[:, 0] + x[:, 1])
    return torch.stack([torch.stack([a, b], -1), torch.stack([b, c], -1)], -2)


def ntk_width_sweep(widths=(8, 32, 128, 512), steps: int = 8, lr: float = 0.004, grid: int = 12) -> list:
    """Gradient descent on L = ∫|Ric|² for the cos-feature torus net at several widths; per width the
    mean relative error between realised metric update and NTK prediction, and the loss drop."""
    sample = torus_grid(grid)
    rows = []
    for pairs in widths:
        model = TorusMetricNet(pairs, 2, background=perturbed_torus, seed=3).double()
        errors, losses = [], []
        for _ in range(steps):
            result = gd_step(model, ricci_sq_loss, sample, lr)
            errors.append(result["relative_error"])
            losses.append(result["loss"])
        rows.append({"width": 2 * pairs, "mean_relative_error": float(np.mean(errors)),
                     "max_relative_error": float(np.max(errors)), "loss_start": losses[0], "loss_end": losses[-1]})
    return rows


def max_scalar_curvature(model, sample) -> float:
    """max |R| over the sample points."""
    values = []
    for chart, u, _ in sample:
        if chart is not None:
            model.chart = chart
        g, dg, ddg = C.jet(model, u)
        values.append(C.scalar(g, C.ricci(g, dg, ddg)).detach().abs())
    return float(torch.cat(values).max())
