"""Markdown and CSV renderings of a :class:`pybridge.nnft.check.Report`."""

from __future__ import annotations

import csv
import math
from pathlib import Path


def _num(x: float) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.5g}"


def _pull(x: float) -> str:
    return f"{x:+.2f}" if math.isfinite(x) else str(x)


def _identity_lines(report) -> list[str]:
    lines = ["## Symbolic identities (sympy)", "", "| identity | statement | holds |", "|---|---|---|"]
    lines += [f"| {i.name} | {i.statement} | {'yes' if i.holds else '**NO**'} |" for i in report.identities]
    return lines


def _comparison_lines(report) -> list[str]:
    from .check import PULL_LIMIT

    failed = [r for r in report.rows if not r.ok]
    lines = ["## Exact vs Monte Carlo", "",
             f"{len(report.rows)} comparisons, {len(failed)} with |pull| > {PULL_LIMIT:g}. "
             "u = (0.6, 0.8) in d = 2; the free scalar is compared with its exact cut-off propagator and "
             "with the Λ → ∞ form.", "",
             "| architecture | quantity | reference | exact | MC ± SE | pull | ok |", "|---|---|---|---|---|---|---|"]
    for r in report.rows:
        lines.append(f"| {r.architecture} | {r.quantity} | {r.reference} | {_num(r.exact)} | "
                     f"{r.mc.value:.5g} ± {r.mc.se:.2g} | {_pull(r.pull)} | {'yes' if r.ok else '**NO**'} |")
    if failed:
        lines += ["", "**Failed comparisons:** " + "; ".join(f"{r.architecture} {r.quantity} (pull {_pull(r.pull)})"
                                                          for r in failed)]
    return lines


def _scan_lines(report) -> list[str]:
    from .check import SCAN_ARCH, SCAN_POINTS, SLOPE_TOLERANCE

    slope, se = report.slope
    ok = abs(slope + 1) <= SLOPE_TOLERANCE
    lines = ["## Width scan: G4c ∝ 1/N", "",
             f"`{SCAN_ARCH}` at x = {', '.join(str(p[0]) for p in SCAN_POINTS)}. Slope on log-log axes (exponent of a "
             f"weighted power-law fit A·N^s to the MC values) **{slope:.4f} ± {se:.4f}** (target −1 ± {SLOPE_TOLERANCE:g}: {'met' if ok else '**missed**'}).", "",
             "| N | exact G4c | MC ± SE | pull |", "|---|---|---|---|"]
    lines += [f"| {w} | {_num(ex)} | {e.value:.5g} ± {e.se:.2g} | {_pull(e.pull(ex))} |" for w, e, ex in report.scan]
    return lines


def _phi4_lines(report) -> list[str]:
    from .check import PHI4_ARCH, PHI4_POINTS

    lines = ["## φ⁴ deformation (importance weights)", "",
             f"`{PHI4_ARCH}`, box [−2, 2], 24 Gauss–Legendre nodes, x = "
             f"{', '.join(str(p[0]) for p in PHI4_POINTS)}. ΔG4c = G4c(λ) − G4c(0) on the same networks; "
             "first order: −λ ∫ Π G2(x_i, y) dy. The O(λ²) terms grow with λ, so agreement is expected at "
             "small λ only.", "",
             "| λ | MC ΔG4c ± SE | first order | ratio | pull | ESS / nets |", "|---|---|---|---|---|---|"]
    for row in report.phi4:
        lines.append(f"| {row.coupling:g} | {row.shift.value:.4g} ± {row.shift.se:.2g} | {row.prediction:.4g} | "
                     f"{row.shift.value / row.prediction:.3f} | {_pull(row.pull)} | {row.ess:.4g} / {row.nets} |")
    return lines


def _throughput_lines(report) -> list[str]:
    t = report.throughput
    return ["## Throughput (same run, same workload)", "",
            f"G2 of all point pairs, {t['architecture']}, {t['nets']} networks × {t['points']} points.", "",
            "| implementation | seconds | networks × points / s |", "|---|---|---|",
            f"| torch estimator (float32, {t['torch_threads']} thread) | {t['torch_s']:.2f} | {t['torch_rate']:.4g} |",
            f"| NumPy baseline (float64) | {t['numpy_s']:.2f} | {t['numpy_rate']:.4g} |",
            "", f"Ratio torch / NumPy: {t['torch_rate'] / t['numpy_rate']:.2f}."]


def write_summary(report, path: Path) -> None:
    """summary.md: verdict, identities, comparison table, width scan, φ⁴, throughput."""
    verdict = "PASS" if report.passed else "FAIL"
    lines = ["# pybridge nnft check", "",
             f"Verdict: **{verdict}** — {report.nets} networks per MC estimate, {report.seconds:.0f} s in total.", ""]
    for block in (_identity_lines, _comparison_lines, _scan_lines, _phi4_lines, _throughput_lines):
        lines += block(report) + [""]
    lines += ["Plots: `g2_vs_separation.png`, `g4c_vs_width.png`, `phi4.png`."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_csv(report, path: Path) -> None:
    """results.csv: one row per exact-vs-MC comparison."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["architecture", "quantity", "reference", "exact", "mc", "se", "pull", "ok"])
        for r in report.rows:
            writer.writerow([r.architecture, r.quantity, r.reference, r.exact, r.mc.value, r.mc.se, r.pull, r.ok])
