"""Streaming Monte Carlo estimators of NN-FT correlators (torch), with standard errors.

For an ensemble of networks θ_1..θ_M the n-point function G_n(x_1..x_n) = E_θ[φ(x_1)⋯φ(x_n)] is
estimated by the sample mean of the product; the connected function (joint cumulant)

    G_n,c = Σ_π (|π|−1)! (−1)^{|π|−1} Π_{B∈π} E[Π_{i∈B} φ(x_i)]   (sum over set partitions π)

is a smooth function of the moments of all sub-products; its standard error follows by the delta
method, SE² = ∇gᵀ Σ ∇g / M, with Σ the sample covariance of the sub-products and ∇g from torch
autograd. Networks are drawn in batches; the means and co-moment matrix are merged batch by batch
(Chan, Golub & LeVeque 1979, the parallel form of Welford's update), so memory is bounded by one batch
whatever M is (10⁷ networks run in the memory of ``batch`` networks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import torch
from sympy.utilities.iterables import multiset_partitions
from tqdm import tqdm

from ..errors import SpecError


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo value with its standard error."""

    value: float
    se: float

    def pull(self, exact: float) -> float:
        """(MC − exact)/SE; ±inf if SE is 0 and the values differ."""
        if self.se == 0:
            return 0.0 if self.value == exact else math.copysign(math.inf, self.value - exact)
        return (self.value - exact) / self.se


class Comoments:
    """Running count, mean vector and co-moment matrix of k observables, merged batch by batch."""

    def __init__(self, k: int):
        self.count = 0
        self.mean = torch.zeros(k, dtype=torch.float64)
        self.m2 = torch.zeros(k, k, dtype=torch.float64)

    def add(self, batch: torch.Tensor) -> None:
        """Merge a (b, k) batch of observations (Chan et al. pairwise update)."""
        batch = batch.to(torch.float64)
        b = batch.shape[0]
        mean_b = batch.mean(0)
        centred = batch - mean_b
        m2_b = centred.T @ centred
        delta = mean_b - self.mean
        total = self.count + b
        self.m2 += m2_b + torch.outer(delta, delta) * (self.count * b / total)
        self.mean += delta * (b / total)
        self.count = total

    def covariance(self) -> torch.Tensor:
        return self.m2 / max(self.count - 1, 1)


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [s for size in range(1, n + 1) for s in combinations(range(n), size)]


def joint_cumulant(moment: dict[tuple[int, ...], torch.Tensor], n: int) -> torch.Tensor:
    """κ(φ_1..φ_n) from the moments E[Π_{i∈B} φ_i] of all subsets B (set-partition formula)."""
    total = torch.zeros((), dtype=torch.float64)
    for partition in multiset_partitions(list(range(n))):
        blocks = len(partition)
        term = torch.ones((), dtype=torch.float64)
        for block in partition:
            term = term * moment[tuple(block)]
        total = total + math.factorial(blocks - 1) * (-1) ** (blocks - 1) * term
    return total


def _batches(nets: int, batch: int):
    done = 0
    while done < nets:
        size = min(batch, nets - done)
        yield size
        done += size


def default_batch(arch, points: int) -> int:
    """Networks per batch so that one batch holds about 2·10⁶ neuron values."""
    width = getattr(arch, "width", 1)
    return max(256, min(200_000, 2_000_000 // max(1, width * points)))


def accumulate(arch, points: torch.Tensor, observables, nets: int, seed: int = 0, batch: int | None = None,
               progress: str | None = None) -> Comoments:
    """Stream ``nets`` networks through ``observables`` (field (b, P) → (b, k)) and return the merged
    co-moments. ``progress`` is a tqdm label (None: silent)."""
    if nets < 2:
        raise SpecError(f"--nets {nets}: need at least 2 networks for a standard error")
    gen = torch.Generator().manual_seed(seed)
    batch = batch or default_batch(arch, points.shape[0])
    acc = None
    with tqdm(total=nets, desc=progress, unit="net", unit_scale=True, disable=progress is None,
              leave=False) as bar:
        for size in _batches(nets, batch):
            values = observables(arch.sample(points, size, gen))
            if acc is None:
                acc = Comoments(values.shape[1])
            acc.add(values)
            bar.update(size)
    return acc


def g2_matrix(arch, points: torch.Tensor, nets: int, seed: int = 0, progress: str | None = None,
              pairs: list[tuple[int, int]] | None = None):
    """MC estimates of G2(x_p, x_q) for the given index pairs (default: all p ≤ q): (p, q) → Estimate."""
    if pairs is None:
        pairs = [(p, q) for p in range(points.shape[0]) for q in range(p, points.shape[0])]
    left = torch.tensor([p for p, _ in pairs])
    right = torch.tensor([q for _, q in pairs])
    acc = accumulate(arch, points, lambda f: f[:, left] * f[:, right], nets, seed, progress=progress)
    se = (acc.covariance().diagonal() / acc.count).sqrt()
    return {pair: Estimate(float(acc.mean[i]), float(se[i])) for i, pair in enumerate(pairs)}


def correlator(arch, points: torch.Tensor, nets: int, connected: bool = False, seed: int = 0,
               progress: str | None = None) -> Estimate:
    """G_n(x_1..x_n) (or its connected part) at the n = len(points) given points."""
    n = points.shape[0]
    subsets = _subsets(n) if connected else [tuple(range(n))]
    index = [torch.tensor(s) for s in subsets]

    def observables(field: torch.Tensor) -> torch.Tensor:
        return torch.stack([field[:, s].prod(dim=1) for s in index], dim=1)

    acc = accumulate(arch, points, observables, nets, seed, progress=progress)
    if not connected:
        return Estimate(float(acc.mean[0]), float((acc.covariance()[0, 0] / acc.count).sqrt()))
    return connected_from(acc, subsets, n)


def connected_from(acc: Comoments, subsets: list[tuple[int, ...]], n: int) -> Estimate:
    """Delta-method estimate of the joint cumulant from accumulated sub-product moments."""
    mean = acc.mean.clone().requires_grad_(True)
    value = joint_cumulant({s: mean[i] for i, s in enumerate(subsets)}, n)
    (grad,) = torch.autograd.grad(value, mean)
    variance = grad @ acc.covariance() @ grad / acc.count
    return Estimate(float(value.detach()), float(variance.clamp_min(0).sqrt()))


def power_law_slope(widths, estimates: list[Estimate]) -> tuple[float, float]:
    """Exponent s of G = A·N^s fitted to the MC values by weighted least squares (weights 1/SE²,
    scipy ``curve_fit``), with its standard error: the slope of log G against log N. Fitting the values
    rather than their logarithms keeps noise-dominated points (possibly of the wrong sign) in the fit
    without bias."""
    from scipy.optimize import curve_fit

    n = torch.tensor([float(w) for w in widths], dtype=torch.float64).numpy()
    g = torch.tensor([e.value for e in estimates], dtype=torch.float64).numpy()
    se = torch.tensor([e.se for e in estimates], dtype=torch.float64).numpy()
    start = (float(g[0] * n[0]), -1.0)
    (amplitude, slope), cov = curve_fit(lambda x, a, s: a * x**s, n, g, p0=start, sigma=se, absolute_sigma=True)
    return float(slope), float(math.sqrt(cov[1, 1]))
