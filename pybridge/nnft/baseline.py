"""A straightforward NumPy implementation of the single-layer G2 estimator, the yardstick for the torch
Monte Carlo throughput (same networks' law, same observables, NumPy's default float64).

For each batch: draw W0, b0, W1, b1 with ``numpy.random.default_rng``, evaluate
φ(x_p) = Σ_i W1_i h(W0_i·x_p + b0_i) + b1, and add φ(x_p)φ(x_q) to running sums of values and squares.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import erf

from .arch import SingleLayer


def numpy_field(arch: SingleLayer, points: np.ndarray, nets: int, rng: np.random.Generator) -> np.ndarray:
    """(nets, P) field values of ``nets`` single-layer networks (conventions of :mod:`pybridge.nnft.arch`)."""
    n, d = arch.width, arch.d
    w0 = rng.normal(0.0, arch.sigma_w / math.sqrt(d), size=(nets, n, d))
    if arch.activation == "cos":
        b0 = rng.uniform(-math.pi, math.pi, size=(nets, n, 1))
    else:
        b0 = rng.normal(0.0, arch.sigma_b, size=(nets, n, 1))
    z = w0 @ points.T + b0
    if arch.activation == "cos":
        h = np.cos(z)
    elif arch.activation == "erf":
        h = erf(z)
    elif arch.activation == "relu":
        h = np.maximum(z, 0.0)
    else:
        h = np.exp(z - (arch.sigma_b**2 + arch.sigma_w**2 * (points**2).sum(1) / d))
    w1 = rng.normal(0.0, arch.sigma_w / math.sqrt(n), size=(nets, 1, n))
    b1 = rng.normal(0.0, arch.sigma_b, size=(nets, 1))
    return (w1 @ h)[:, 0, :] + b1


def numpy_g2(arch: SingleLayer, points: np.ndarray, pairs, nets: int, batch: int, seed: int = 0):
    """Mean and standard error of φ(x_p)φ(x_q) for each pair, by running sums over batches."""
    rng = np.random.default_rng(seed)
    left, right = np.array([p for p, _ in pairs]), np.array([q for _, q in pairs])
    total = np.zeros(len(pairs))
    squares = np.zeros(len(pairs))
    done = 0
    while done < nets:
        size = min(batch, nets - done)
        field = numpy_field(arch, points, size, rng)
        products = field[:, left] * field[:, right]
        total += products.sum(0)
        squares += (products**2).sum(0)
        done += size
    mean = total / nets
    return mean, np.sqrt((squares / nets - mean**2) / (nets - 1))
