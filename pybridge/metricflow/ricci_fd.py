"""Grid Ricci flow of a conformal metric on the flat torus T² = R²/(2πZ)² (numpy), the reference
for the NN flow.

On a surface Ric = (R/2) g, so Ricci flow ∂_t g = −2 Ric = −R g keeps the conformal class. For
g = e^{2u} δ the scalar curvature is R = −2 e^{−2u} Δ₀u (Δ₀ = ∂_x² + ∂_y², the flat Laplacian), so
Ricci flow is the scalar equation

    ∂_t u = e^{−2u} Δ₀u                          (Hamilton 1988, "The Ricci flow on surfaces"; Chow 1991)

The area ∫ e^{2u} d²x is conserved (d/dt Area = −∫ R dA = −4πχ(T²) = 0) and u tends to a constant
(the flat metric). Linearised about u = 0 a Fourier mode e^{ik·x} decays like e^{−|k|² t}.

Space: the periodic grid x_j = 2πj/m, with the Laplacian either by FFT (``"spectral"``, exact on
band-limited data) or by the 5-point central difference (``"central"``, O(h²)). Time: classical
Runge–Kutta (RK4) with a step below the explicit stability limit.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import FlowInputError

METHODS = ("spectral", "central")


def grid(m: int) -> tuple[np.ndarray, np.ndarray]:
    """The m×m periodic grid on [0, 2π)² as (X, Y) arrays, indexing 'ij'."""
    if m < 4:
        raise FlowInputError(f"grid size must be at least 4, got {m}")
    s = 2 * math.pi * np.arange(m) / m
    return np.meshgrid(s, s, indexing="ij")


def laplacian(u: np.ndarray, method: str = "spectral") -> np.ndarray:
    """Δ₀u = ∂_x²u + ∂_y²u on the periodic grid of spacing h = 2π/m."""
    m = u.shape[0]
    if method == "spectral":
        k = np.fft.fftfreq(m, d=1.0 / m)
        k2 = k[:, None] ** 2 + k[None, :] ** 2
        return np.real(np.fft.ifft2(-k2 * np.fft.fft2(u)))
    if method == "central":
        h = 2 * math.pi / m
        return (np.roll(u, 1, 0) + np.roll(u, -1, 0) + np.roll(u, 1, 1) + np.roll(u, -1, 1) - 4 * u) / h**2
    raise FlowInputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")


def velocity(u: np.ndarray, method: str = "spectral") -> np.ndarray:
    """∂_t u = e^{−2u} Δ₀u (conformal Ricci flow on T²)."""
    return np.exp(-2 * u) * laplacian(u, method)


def stable_dt(u: np.ndarray, safety: float = 0.5) -> float:
    """A time step inside RK4's stability region: λ_max·dt ≤ 2.78·safety, λ_max = max e^{−2u}·k²_max
    (k²_max = 2(m/2)² for the spectral, 8/h² for the central Laplacian; the larger is used)."""
    m = u.shape[0]
    lam = float(np.exp(-2 * u).max()) * max(2 * (m / 2) ** 2, 8 / (2 * math.pi / m) ** 2)
    return 2.78 * safety / lam


def rk4_step(u: np.ndarray, dt: float, method: str = "spectral") -> np.ndarray:
    """One classical Runge–Kutta step of ∂_t u = e^{−2u}Δ₀u."""
    k1 = velocity(u, method)
    k2 = velocity(u + 0.5 * dt * k1, method)
    k3 = velocity(u + 0.5 * dt * k2, method)
    k4 = velocity(u + dt * k3, method)
    return u + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def ricci_flow(u0: np.ndarray, times, method: str = "spectral", safety: float = 0.5) -> list[np.ndarray]:
    """u(t) at each of the increasing ``times`` (t ≥ 0) under conformal Ricci flow from u(0) = ``u0``
    (an m×m array of log-conformal factors on the periodic grid)."""
    u = np.asarray(u0, dtype=float)
    if u.ndim != 2 or u.shape[0] != u.shape[1] or u.shape[0] < 4:
        raise FlowInputError(f"u0 must be a square grid of side ≥ 4, got shape {u.shape}")
    if not np.all(np.isfinite(u)):
        raise FlowInputError("u0 contains non-finite values")
    times = [float(t) for t in times]
    if any(t < 0 for t in times) or any(b < a for a, b in zip(times, times[1:])):
        raise FlowInputError(f"times must be non-negative and increasing, got {times}")
    laplacian(u, method)  # validates the method name before any work
    out, now = [], 0.0
    for target in times:
        while target - now > 1e-14:
            dt = min(stable_dt(u, safety), target - now)
            u = rk4_step(u, dt, method)
            now += dt
        out.append(u.copy())
    return out


def euler_flow(u0: np.ndarray, dt: float, steps: int, method: str = "spectral") -> list[np.ndarray]:
    """u after each of ``steps`` forward-Euler steps u ← u + dt·e^{−2u}Δ₀u: the time discretisation of
    gradient descent (t = η·steps), to separate the time-step error from the kernel error of the NN flow."""
    if dt <= 0 or steps < 1:
        raise FlowInputError(f"need dt > 0 and steps ≥ 1, got dt={dt}, steps={steps}")
    u, out = np.asarray(u0, dtype=float), []
    for _ in range(steps):
        u = u + dt * velocity(u, method)
        out.append(u.copy())
    return out


def area(u: np.ndarray) -> float:
    """Area ∫ e^{2u} d²x of g = e^{2u}δ (grid quadrature, spectrally accurate for periodic data)."""
    return float(np.exp(2 * u).mean() * (2 * math.pi) ** 2)


def perturbation_amplitude(u: np.ndarray) -> float:
    """RMS of u − ū over the grid: the size of the deviation from the flat (constant-u) metric."""
    return float(np.sqrt(np.mean((u - u.mean()) ** 2)))
