"""The formal step of ``pybridge run``: export every certificate to Lean and Coq, re-check it with the
trusted Python checker and every available formal kernel, and record all verdicts in the run's ledger.

The report's kernel table is read back *from the ledger* (:func:`ledger_table`), so the numbers a
reader sees are the ones stored there.
"""

from __future__ import annotations

import time
from pathlib import Path

from .. import __version__
from ..certs.checker import check_certificate
from ..certs.ledger import Ledger, VerdictRecord
from ..errors import ToolMissingError
from .section import Section


def _python_records(certs) -> list[VerdictRecord]:
    records = []
    for cert in certs:
        start = time.monotonic()
        verdict = check_certificate(cert)
        records.append(VerdictRecord("python", "valid" if verdict.valid else "invalid", f"pybridge {__version__}",
                                     round(time.monotonic() - start, 4), "" if verdict.valid else str(verdict)))
    return records


def _formal_records(kernel: str, certs, timeout_s: float) -> tuple[list[VerdictRecord], str]:
    """Verdicts of ``kernel`` (coq/lean) on ``certs``; when the tool is missing, ``skipped`` rows and why."""
    if kernel == "coq":
        from ..prover.coq import check_with_coq as check_with
    else:
        from ..prover.lean import check_with_lean as check_with
    try:
        results = check_with(list(certs), timeout_s=timeout_s)
    except ToolMissingError as exc:
        reason = str(exc).splitlines()[0]
        return [VerdictRecord(kernel, "skipped", "not installed", 0.0, reason) for _ in certs], reason
    return [VerdictRecord(kernel, "valid" if r.valid else "invalid", f"{kernel} {r.tool_version}", round(r.seconds, 3),
                          "" if r.valid else r.reason) for r in results], ""


def _export_sources(certs, out: Path) -> list[tuple[str, str]]:
    from ..export.coq import write_coq_exports
    from ..export.lean import LEAN_CALCULI, write_lean_exports

    coq = write_coq_exports(certs, out / "generated" / "coq")
    lean = write_lean_exports([c for c in certs if c.calculus in LEAN_CALCULI], out / "generated" / "lean")
    return [(f"Coq {p.name}", str(p.relative_to(out))) for p in coq] + \
           [(f"Lean {p.name}", str(p.relative_to(out))) for p in lean]


def kernels_section(sections: list[Section], config: dict, out: Path, ledger: Ledger) -> Section:
    """Export, re-check and record every certificate the earlier sections produced."""
    pairs = [pair for section in sections for pair in section.certificates]
    certs = [cert for cert, _ in pairs]
    section = Section("kernels", "Kernel checks (read back from the ledger)",
                      ["kernel", "tool", "valid", "invalid", "skipped", "seconds"])
    if not certs:
        section.notes.append("no certificates were produced")
        return section
    section.links = _export_sources(certs, out)
    per_kernel = {"python": _python_records(certs)}
    for kernel in config["formal"]:
        per_kernel[kernel], reason = _formal_records(kernel, certs, float(config["timeout_s"]))
        if reason:
            section.notes.append(f"{kernel}: not run here — {reason}")
    entries = [(cert, path, [per_kernel[k][i] for k in per_kernel]) for i, (cert, path) in enumerate(pairs)]
    ledger.record_checks(entries)
    hashes = {cert.sha256 for cert in certs}
    section.rows = ledger_table(ledger, hashes)
    plot_kernel_seconds(ledger, hashes, out / "kernels.png")
    section.images.append("kernels.png")
    section.ok = all(row["invalid"] == 0 for row in section.rows) and \
        all(row["valid"] == len(certs) for row in section.rows if row["kernel"] == "python")
    return section


def _latest_verdicts(ledger: Ledger, hashes: set[str] | None) -> dict[tuple[str, str], dict]:
    """``(certificate, kernel) -> `` its latest verdict row in ``ledger`` (only ``hashes``, if given)."""
    latest = {}
    for row in ledger.verdict_rows():  # ordered by id: later rows replace earlier ones
        if hashes is None or row["certificate"] in hashes:
            latest[(row["certificate"], row["kernel"])] = row
    return latest


def ledger_table(ledger: Ledger, hashes: set[str] | None = None) -> list[dict]:
    """Per kernel: the tool version and how many certificates (of ``hashes``, default all) are
    valid/invalid/skipped by their latest verdict in ``ledger``."""
    counts: dict[str, dict] = {}
    for row in _latest_verdicts(ledger, hashes).values():
        entry = counts.setdefault(row["kernel"], {"kernel": row["kernel"], "tool": row["tool_version"], "valid": 0,
                                                  "invalid": 0, "skipped": 0, "seconds": 0.0})
        entry[row["verdict"]] += 1
        entry["seconds"] = round(entry["seconds"] + float(row["seconds"] or 0.0), 2)
    order = {"python": 0, "coq": 1, "lean": 2}
    return sorted(counts.values(), key=lambda e: (order.get(e["kernel"], 9), e["kernel"]))


def plot_kernel_seconds(ledger: Ledger, hashes: set[str], path: Path) -> None:
    """A bar chart of each kernel's checking time per certificate (from the ledger), saved as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    latest = {key: float(row["seconds"] or 0.0) for key, row in _latest_verdicts(ledger, hashes).items()
              if row["verdict"] != "skipped"}
    certs = sorted({c for c, _ in latest})
    kernels = sorted({k for _, k in latest}, key=lambda k: {"python": 0, "coq": 1, "lean": 2}.get(k, 9))
    fig, ax = plt.subplots(figsize=(max(5.0, 0.45 * len(certs) + 2), 3.6))
    width = 0.8 / max(len(kernels), 1)
    for index, kernel in enumerate(kernels):
        ax.bar([i + index * width for i in range(len(certs))], [max(latest.get((c, kernel), 0.0), 1e-4) for c in certs],
               width, label=kernel)
    ax.set_yscale("log")
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(certs))], [c[:8] for c in certs], rotation=60, fontsize=7)
    ax.set_ylabel("seconds (log)")
    ax.set_title("kernel checking time per certificate (ledger)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
