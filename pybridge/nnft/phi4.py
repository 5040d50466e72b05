"""φ⁴ deformation of an NN field theory by importance weights (Halverson–Maiti–Stoner 2021, sec. 5;
Demirtas et al. 2023).

The deformed parameter density P_λ(θ) = P(θ) e^{−S_int[φ_θ]} / Z with S_int = (λ/4!) ∫_box φ_θ(y)⁴ dy
multiplies the field density by e^{−S_int[φ]}. Monte Carlo: draw θ ~ P, weight each network by
ω = e^{−S_int}, and estimate every moment as Σ ω X / Σ ω. The box integral is the Gauss–Legendre
quadrature Σ_j w_j φ(y_j)⁴ on Q nodes; the first-order prediction for the shift of the connected
four-point function uses the same nodes, so both sides describe the same discretised action:

    ΔG4c(x₁..x₄) = −λ Σ_j w_j Π_{i=1..4} G2(x_i, y_j) + O(λ²)   (free, i.e. N → ∞, base theory),

with exact G2 from :mod:`pybridge.nnft.exact`. Finite width adds O(λ/N) corrections. The shift is
measured on the *same* networks as the undeformed G4c (correlated difference), its standard error by
batch means; the effective sample size is ESS = (Σω)² / Σω².
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import torch
from tqdm import tqdm

from ..errors import SpecError
from .exact import two_point
from .mc import Estimate, _batches, joint_cumulant


@dataclass(frozen=True)
class Phi4Row:
    """One coupling: measured shift of G4c, first-order prediction, pull and effective sample size."""

    coupling: float
    shift: Estimate
    prediction: float
    ess: float
    nets: int

    @property
    def pull(self) -> float:
        return self.shift.pull(self.prediction)


def box_rule(box: float, nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes and weights on [−box/2, box/2]."""
    y, w = np.polynomial.legendre.leggauss(nodes)
    return y * box / 2, w * box / 2


def first_order_shift(arch, xs, coupling: float, box: float, nodes: int) -> float:
    """−λ Σ_j w_j Π_i G2(x_i, y_j) (exact G2)."""
    ys, ws = box_rule(box, nodes)
    total = 0.0
    for yj, wj in zip(ys, ws):
        total += wj * math.prod(two_point(arch, x, [float(yj)]) for x in xs)
    return -coupling * total


SUBSETS = [s for size in range(1, 5) for s in combinations(range(4), size)]


def _weighted_g4c(phi: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    total = weights.sum()
    moments = {s: (weights * phi[:, list(s)].prod(dim=1)).sum() / total for s in SUBSETS}
    return joint_cumulant(moments, 4)


def measure(arch, xs, couplings, nets: int, box: float = 4.0, nodes: int = 24, seed: int = 0,
            batch: int = 20_000, progress: str | None = None) -> list[Phi4Row]:
    """Measure ΔG4c(λ) = G4c_λ − G4c_0 at the four points ``xs`` (d = 1) for each coupling λ."""
    if len(xs) != 4 or arch.d != 1:
        raise SpecError("φ⁴ deformation: give four points of a d = 1 architecture")
    if nets < 4 * batch:
        batch = max(nets // 8, 2)
    ys, ws = box_rule(box, nodes)
    points = torch.tensor([[float(x[0])] for x in xs] + [[float(y)] for y in ys])
    w = torch.tensor(ws, dtype=torch.float64)
    gen = torch.Generator().manual_seed(seed)
    per_batch = {lam: [] for lam in couplings}
    sums = {lam: [0.0, 0.0] for lam in couplings}
    count = 0
    with tqdm(total=nets, desc=progress, unit="net", unit_scale=True, disable=progress is None, leave=False) as bar:
        for size in _batches(nets, batch):
            field = arch.sample(points, size, gen).to(torch.float64)  # sampled in float32
            phi, action = field[:, :4], (field[:, 4:] ** 4 @ w) / 24
            base = _weighted_g4c(phi, torch.ones(size, dtype=torch.float64))
            for lam in couplings:
                omega = torch.exp(-lam * action)
                per_batch[lam].append((size, float(_weighted_g4c(phi, omega) - base)))
                sums[lam][0] += float(omega.sum())
                sums[lam][1] += float((omega**2).sum())
            count += size
            bar.update(size)
    return [Phi4Row(lam, _batch_mean(per_batch[lam]), first_order_shift(arch, xs, lam, box, nodes),
                    sums[lam][0] ** 2 / sums[lam][1], count) for lam in couplings]


def _batch_mean(values: list[tuple[int, float]]) -> Estimate:
    sizes = np.array([s for s, _ in values], dtype=float)
    v = np.array([x for _, x in values])
    mean = float((sizes * v).sum() / sizes.sum())
    if len(v) < 2:
        return Estimate(mean, math.inf)
    var = float((sizes * (v - mean) ** 2).sum() / sizes.sum()) * len(v) / (len(v) - 1)
    return Estimate(mean, math.sqrt(var / len(v)))
