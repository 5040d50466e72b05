"""The PNG plots of ``pybridge flow check`` (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

NAMES = ("sphere_flow.png", "ntk_width.png", "torus_flow.png", "cy_sigma.png", "ntk_locality.png")


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _save(fig, path: Path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    _pyplot().close(fig)


def write_all(out: Path, r: dict) -> None:
    """Write every plot of :data:`NAMES` into ``out`` from the results dict of ``run_check``."""
    plt = _pyplot()
    sphere = r["sphere"]
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(sphere["times"], sphere["r2"], "o", label="NN flow (L = -2F/Ω)")
    ax.plot(sphere["times"], [1 + sphere["exact_rate"] * t for t in sphere["times"]], "-", label="exact Ricci flow")
    ax.set_xlabel("t"); ax.set_ylabel("r²"); ax.set_title("round S²"); ax.legend()
    _save(fig, out / "sphere_flow.png")

    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.loglog([w["width"] for w in r["sweep"]], [w["mean_relative_error"] for w in r["sweep"]], "o-")
    ax.set_xlabel("width N"); ax.set_ylabel("‖Δg_real − Δg_NTK‖ / ‖Δg_real‖")
    ax.set_title("NTK prediction vs realised update (∫|Ric|² on T²)")
    _save(fig, out / "ntk_width.png")

    torus_plot(out / "torus_flow.png", r["torus"])
    sigma_plot(out / "cy_sigma.png", r["cy"])
    locality_plot(out / "ntk_locality.png", r["cutoff"], r["locality"], r["frozen"])


def torus_plot(path: Path, torus: dict) -> None:
    """Perturbation amplitude RMS(u − ū)/RMS(u₀ − ū₀) vs t: grid flow, linearised flow, NN flows."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    t = [0.0] + torus["times"]
    ax.plot(t, [1.0] + torus["fd_amplitudes"], "k-", lw=2, label="grid Ricci flow (spectral, RK4)")
    ax.plot(t, [1.0] + torus["linear_amplitudes"], "k:", label="linearised, exp(−|k|²t)")
    for row in torus["rows"]:
        ax.plot(t, [1.0] + row["amplitudes"], "o", ms=3, label=f"NN, {row['label']}, N = {row['width']}")
    ax.set_xlabel("t"); ax.set_ylabel("RMS(u − ū) / RMS(u₀ − ū₀)")
    ax.set_title("perturbed flat T²: decay of the perturbation"); ax.legend(fontsize=7)
    _save(fig, path)


def sigma_plot(path: Path, cy: dict) -> None:
    """σ on fresh points vs training epoch (log scale) with the 10⁻³ target."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.semilogy(range(len(cy["sigmas"])), cy["sigmas"], "o-", label="σ (fresh points)")
    ax.axhline(1e-3, color="r", ls="--", label="target 10⁻³")
    ax.set_xlabel("epoch (L-BFGS pass)"); ax.set_ylabel("σ")
    ax.set_title(f"flat torus, τ = {cy['tau']}: Monge–Ampère training"); ax.legend()
    _save(fig, path)


def locality_plot(path: Path, cutoff_rows: list, width_rows: list, frozen_rows: list) -> None:
    """Left: normalised kernel profiles Θ(x₀, x₀ + s e₁) per cutoff; right: deviation from the
    infinite-width kernel, component mixing and relative NTK change vs width."""
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for row in cutoff_rows:
        left.plot(row["offsets"], row["profile"], label=f"K = {row['cutoff']} (HWHM {row['hwhm']:.2f})")
    left.axhline(0.5, color="grey", lw=0.5)
    left.set_xlabel("s = |x − x'|"); left.set_ylabel("Θ(x₀, x₀+s e₁) / Θ(x₀, x₀)")
    left.set_title("locality vs frequency cutoff"); left.legend(fontsize=8)
    widths = [w["width"] for w in width_rows]
    right.loglog(widths, [w["deviation"] for w in width_rows], "o-", label="‖Θ − EΘ‖/‖EΘ‖ (locality)")
    right.loglog(widths, [w["mixing"] for w in width_rows], "s-", label="component mixing (δ_ik δ_jl)")
    right.loglog([w["width"] for w in frozen_rows], [w["ntk_change"] for w in frozen_rows], "^-",
                 label="rel. NTK change in training")
    right.loglog(widths, [width_rows[0]["deviation"] * (widths[0] / w) ** 0.5 for w in widths], "k:", label="∝ N^(−1/2)")
    right.set_xlabel("width N"); right.set_title("NTK locality and frozen-ness vs width"); right.legend(fontsize=7)
    _save(fig, path)
