"""The study steps of ``pybridge run``: NN field theory, metric flows, conjecture generation.

Each study writes its own report (``summary.md`` and PNG plots) into ``DIR/<study>/``; the section
shows that summary verbatim, embeds the plots, and passes when the study's own targets pass.
"""

from __future__ import annotations

from pathlib import Path

from .section import Section


def _collect(section: Section, sub: Path, out: Path) -> Section:
    summary = sub / "summary.md"
    if summary.is_file():
        section.preformatted = summary.read_text(encoding="utf-8")
        section.links.append(("summary.md", str(summary.relative_to(out))))
    section.images = sorted(str(p.relative_to(out)) for p in sub.glob("*.png"))
    return section


def flow_section(config: dict, out: Path, seed: int) -> Section:
    """``pybridge flow check`` at the configured size (:func:`pybridge.metricflow.check.run_check`)."""
    from ..metricflow.check import run_check

    sub = out / "flow"
    result = run_check(sub, quick=config["size"] == "quick")
    section = Section("flow", "Neural-network metric flows")
    section.ok = all(ok for _, ok in result["identities"]) and result["rate_error"] <= 0.05 and result["sigma_ok"]
    return _collect(section, sub, out)


def nnft_section(config: dict, out: Path, seed: int) -> Section:
    """``pybridge nnft check`` with ``nets`` networks per comparison (:func:`pybridge.nnft.check.run_check`)."""
    import torch

    from ..nnft.check import run_check

    torch.set_num_threads(1)
    sub = out / "nnft"
    nets = config["nets"]
    report = run_check(sub, nets, max(nets // 5, 1000), max(nets // 5, 1000), seed)
    section = Section("nnft", "Neural-network field theory", ok=report.passed)
    section.notes.append(f"{len(report.rows)} exact-vs-Monte-Carlo comparisons at {nets} networks, "
                         f"{sum(r.ok for r in report.rows)} within 4 standard errors; "
                         f"{sum(i.holds for i in report.identities)}/{len(report.identities)} sympy identities; "
                         f"G4c width slope {report.slope[0]:.3f} ± {report.slope[1]:.3f} (target −1 ± 0.1)")
    return _collect(section, sub, out)
