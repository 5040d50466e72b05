"""PNG plots of a :class:`pybridge.nnft.check.Report` (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def _g2_plot(report, path: Path) -> None:
    from .check import SEPARATIONS

    curves = report.curves
    fig, axes = plt.subplots(2, (len(curves) + 1) // 2, figsize=(4 * ((len(curves) + 1) // 2), 7))
    for ax, (name, values) in zip(axes.flat, curves.items()):
        mc_values, se, ex = (np.array(v) for v in zip(*values))
        ax.plot(SEPARATIONS, ex, "-", color="black", label="exact")
        ax.errorbar(SEPARATIONS, mc_values, yerr=4 * se, fmt="o", ms=3, capsize=2, label="MC ± 4 SE")
        if name.startswith("free scalar"):
            r = np.linspace(0, SEPARATIONS[-1], 200)
            ax.plot(r, np.exp(-r) / 2, "--", color="tab:red", label="e^{-m|x|}/2m")
        ax.set_title(name, fontsize=8)
        ax.set_xlabel("separation r")
        ax.set_ylabel("G2")
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(curves):]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _g4_plot(report, path: Path) -> None:
    widths = np.array([w for w, _, _ in report.scan], dtype=float)
    values = np.array([e.value for _, e, _ in report.scan])
    se = np.array([e.se for _, e, _ in report.scan])
    exact = np.array([ex for _, _, ex in report.scan])
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.errorbar(widths, np.abs(values), yerr=se, fmt="o", capsize=2, label="MC |G4c| ± SE")
    ax.plot(widths, np.abs(exact), "-", color="black", label="exact (σ⁴/N)[…]")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("width N")
    ax.set_ylabel("|G4c|")
    ax.set_title(f"cos-net: slope {report.slope[0]:.3f} ± {report.slope[1]:.3f}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _phi4_plot(report, path: Path) -> None:
    lam = np.array([row.coupling for row in report.phi4])
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.errorbar(lam, [row.shift.value for row in report.phi4], yerr=[row.shift.se for row in report.phi4],
                fmt="o", capsize=2, label="MC ΔG4c ± SE (reweighted)")
    ax.plot(lam, [row.prediction for row in report.phi4], "-", color="black", label="first order −λ∫ΠG2")
    ax.set_xlabel("λ")
    ax.set_ylabel("ΔG4c")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_plots(report, out: Path) -> None:
    """g2_vs_separation.png, g4c_vs_width.png, phi4.png."""
    _g2_plot(report, out / "g2_vs_separation.png")
    _g4_plot(report, out / "g4c_vs_width.png")
    _phi4_plot(report, out / "phi4.png")
