"""``pybridge nnft check``: every exact-vs-Monte-Carlo comparison and symbolic identity, one report.

Writes into DIR (atomically, after everything has run): ``summary.md`` (identities; the table
architecture | quantity | exact | MC ± SE | pull; the width scan and its log-log slope; the φ⁴ table;
throughput of the torch estimator against the NumPy baseline), ``results.csv`` (one row per
comparison), ``g2_vs_separation.png``, ``g4c_vs_width.png`` and ``phi4.png``. A comparison passes when
|pull| = |MC − exact|/SE ≤ 4; failures are listed, never dropped.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from . import exact, identities, mc, phi4
from .arch import from_spec
from .baseline import numpy_g2

PULL_LIMIT = 4.0
SLOPE_TOLERANCE = 0.1
SEPARATIONS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
G2_ARCHS = ("erf:d=2,width=8", "relu:d=2,width=8", "gauss:d=2,width=8", "cos:d=2,width=8",
            "free:d=1,width=256,cutoff=1000,mass=1", "toy:prior=laplace,scale=0.7")
G4_ARCHS = ("cos:d=2,width=2", "gauss:d=2,width=2,sigma_b=0.3")
G4_POINTS = ((0.0, 0.0), (0.3, 0.1), (-0.2, 0.4), (0.5, -0.3))
SCAN_ARCH = "cos:d=1,sigma_b=0.5"
SCAN_WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128)
SCAN_POINTS = ((0.0,), (0.3,), (0.6,), (0.9,))
PHI4_ARCH = "cos:d=1,width=100,sigma_b=0"
PHI4_POINTS = ((-0.3,), (-0.1,), (0.1,), (0.3,))
PHI4_COUPLINGS = (0.05, 0.1, 0.2, 0.4)
THROUGHPUT_ARCH = "cos:d=2,width=64"


@dataclass
class Row:
    """One exact-vs-MC comparison."""

    architecture: str
    quantity: str
    exact: float
    mc: mc.Estimate
    reference: str = "exact"

    @property
    def pull(self) -> float:
        return self.mc.pull(self.exact)

    @property
    def ok(self) -> bool:
        return abs(self.pull) <= PULL_LIMIT


@dataclass
class Report:
    """Everything ``check`` measured."""

    nets: int
    identities: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    scan: list = field(default_factory=list)  # (width, Estimate, exact)
    slope: tuple[float, float] = (math.nan, math.nan)
    phi4: list = field(default_factory=list)
    throughput: dict = field(default_factory=dict)
    curves: dict = field(default_factory=dict)  # spec -> (r, mc values, se, exact)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        slope_ok = abs(self.slope[0] + 1) <= SLOPE_TOLERANCE
        return all(i.holds for i in self.identities) and all(r.ok for r in self.rows) and slope_ok


def _separation_points(arch) -> list[list[float]]:
    if arch.d == 1:
        base = 1.0 if arch.name.startswith("toy") else 0.0
        return [[base + r] for r in SEPARATIONS] if base else [[r] for r in SEPARATIONS]
    return [[0.6 * r, 0.8 * r] + [0.0] * (arch.d - 2) for r in SEPARATIONS]


def g2_rows(spec: str, nets: int, seed: int, report: Report) -> None:
    """G2(x₀, x_k) at separations SEPARATIONS, MC against exact (and Λ → ∞ for the free scalar)."""
    arch = from_spec(spec)
    pts = _separation_points(arch)
    pairs = [(0, k) for k in range(len(pts))]
    est = mc.g2_matrix(arch, torch.tensor(pts), nets, seed, progress=f"G2 {arch.name}", pairs=pairs)
    values = []
    for k, r in enumerate(SEPARATIONS):
        ex = exact.two_point(arch, pts[0], pts[k])
        label = f"G2(x0, x0+{r:g})" if arch.d == 1 else f"G2(x0, x0+{r:g}u)"
        report.rows.append(Row(arch.describe(), label, ex, est[(0, k)]))
        values.append((est[(0, k)].value, est[(0, k)].se, ex))
        if spec.startswith("free"):
            limit = exact.free_propagator_infinite_cutoff(arch, r)
            report.rows.append(Row(arch.describe(), f"G2(0, {r:g})", limit, est[(0, k)], "Λ→∞: e^{-m|x|}/2m"))
    report.curves[arch.describe()] = values


def g4_rows(nets: int, seed: int, report: Report) -> None:
    """Connected and full four-point functions of the cos and gauss nets (N = 2) and the toy model."""
    for spec in G4_ARCHS:
        arch = from_spec(spec)
        points = torch.tensor(G4_POINTS)
        for connected in (True, False):
            est = mc.correlator(arch, points, nets, connected, seed, progress=f"G4 {arch.name}")
            report.rows.append(Row(arch.describe(), "G4c" if connected else "G4",
                                   exact.correlator(arch, G4_POINTS, connected), est))
    toy = from_spec("toy:prior=laplace,scale=0.7")
    xs = ((1.0,), (0.5,), (-1.5,), (2.0,))
    est = mc.correlator(toy, torch.tensor(xs), nets, True, seed, progress="G4c toy")
    report.rows.append(Row(toy.describe(), "G4c = (μ4−3μ2²)x1x2x3x4", exact.correlator(toy, xs, True), est))


def width_scan(nets: int, seed: int, report: Report) -> None:
    """G4c of the cos network at widths SCAN_WIDTHS and the weighted log-log slope."""
    for width in SCAN_WIDTHS:
        arch = from_spec(f"{SCAN_ARCH},width={width}")
        est = mc.correlator(arch, torch.tensor(SCAN_POINTS), nets, True, seed + width, progress=f"G4c N={width}")
        ex = exact.correlator(arch, SCAN_POINTS, True)
        report.scan.append((width, est, ex))
        report.rows.append(Row(arch.describe(), "G4c (width scan)", ex, est))
    report.slope = mc.power_law_slope([w for w, _, _ in report.scan], [e for _, e, _ in report.scan])


def throughput(nets: int, seed: int, report: Report) -> None:
    """networks × points per second of the torch G2 estimator and the NumPy baseline, same workload."""
    arch = from_spec(THROUGHPUT_ARCH)
    pts = np.array(_separation_points(arch))
    pairs = [(p, q) for p in range(len(pts)) for q in range(p, len(pts))]
    start = time.perf_counter()
    mc.g2_matrix(arch, torch.tensor(pts, dtype=torch.float32), nets, seed, pairs=pairs)
    torch_s = time.perf_counter() - start
    start = time.perf_counter()
    numpy_g2(arch, pts, pairs, nets, mc.default_batch(arch, len(pts)), seed)
    numpy_s = time.perf_counter() - start
    work = nets * len(pts)
    report.throughput = {"architecture": arch.describe(), "nets": nets, "points": len(pts),
                         "torch_threads": torch.get_num_threads(), "torch_s": torch_s, "numpy_s": numpy_s,
                         "torch_rate": work / torch_s, "numpy_rate": work / numpy_s}


def run_check(out_dir: str | Path, nets: int = 1_000_000, phi4_nets: int = 200_000,
              throughput_nets: int = 200_000, seed: int = 0) -> Report:
    """Run every comparison, then write the report files into ``out_dir`` (all at once)."""
    from .plots import write_plots
    from .summary import write_csv, write_summary

    start = time.perf_counter()
    report = Report(nets)
    report.identities = identities.all_identities()
    for i, spec in enumerate(G2_ARCHS):
        g2_rows(spec, nets, seed + i, report)
    g4_rows(nets, seed + 100, report)
    width_scan(nets, seed + 200, report)
    report.phi4 = phi4.measure(from_spec(PHI4_ARCH), PHI4_POINTS, PHI4_COUPLINGS, phi4_nets, seed=seed + 300,
                               progress="φ⁴ reweighting")
    throughput(throughput_nets, seed + 400, report)
    report.seconds = time.perf_counter() - start
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".partial-") as tmp:
        write_summary(report, Path(tmp) / "summary.md")
        write_csv(report, Path(tmp) / "results.csv")
        write_plots(report, Path(tmp))
        for name in os.listdir(tmp):
            os.replace(Path(tmp) / name, out / name)
    return report
