"""``pybridge run``: the main job on the embedded default (or a ``--config`` file).

Steps, in order (``docs/run.md``): unknot certificates (braids and PD diagrams), ribbon certificates
(slice KnotInfo knots and ``K # −K``) and slice obstructions, plumbing-graph equivalences, export to
Lean and Coq and re-check by every available kernel (verdicts go to ``DIR/ledger.sqlite``), the
signature conjecture pipeline, the NN field theory checks and the metric-flow checks. Writes
``DIR/index.html`` (self-contained), ``DIR/summary.md``, ``DIR/run.json``, the certificates under
``DIR/certs/``, the generated sources under ``DIR/generated/`` and each study's own report.
"""

from __future__ import annotations

import json
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .. import __version__
from ..certs.io import write_text_atomic
from ..certs.ledger import Ledger
from ..errors import InputFileError, PybridgeError
from .figures import add_movies
from .html import render_html
from .identities import add_identities
from .kernels import kernels_section
from .knot_sections import plumbing_section, ribbon_section, unknot_section
from .markdown import render_markdown
from .section import Section
from .studies import conjecture_section, flow_section, nnft_section

# (key, title, function(config-section, out, seed) -> Section, runs when)
SEARCH_STEPS = (
    ("unknot", "unknot certificates", unknot_section),
    ("ribbon", "ribbon certificates and obstructions", ribbon_section),
    ("plumbing", "plumbing-graph equivalences", plumbing_section),
)
STUDY_STEPS = (
    ("conjecture", "conjecture generation", conjecture_section),
    ("nnft", "NN field theory", nnft_section),
    ("flow", "metric flows", flow_section),
)


def _prepare(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise InputFileError(f"--out {out}: cannot write there ({exc.strerror or exc})") from None
    return out


def _timed(key: str, title: str, function, *args) -> Section:
    start = time.monotonic()
    try:
        section = function(*args)
    except PybridgeError as exc:  # a step that fails is reported, the job goes on
        section = Section(key, title, ok=False, notes=[f"error: {exc}"])
    section.seconds = time.monotonic() - start
    return section


def _enabled(config: dict, key: str) -> bool:
    return config[key].get("enabled", True)


def run_job(config: dict, out_dir: str | Path, console: Console | None = None) -> list[Section]:
    """Run every step of ``config`` into ``out_dir``; write the report; return the sections."""
    out = _prepare(out_dir)
    seed = config["seed"]
    started = time.monotonic()
    sections: list[Section] = []
    studies = [step for step in STUDY_STEPS if _enabled(config, step[0])]
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Ledger(out / "ledger.sqlite") as ledger, Progress(*columns, console=console) as progress:
        task = progress.add_task("pybridge run", total=len(SEARCH_STEPS) + 1 + len(studies))
        for key, title, function in SEARCH_STEPS:
            progress.update(task, description=title)
            sections.append(_timed(key, title, function, config[key], out, seed))
            add_movies(sections[-1], out)
            add_identities(sections[-1], out)
            progress.advance(task)
        progress.update(task, description="Lean/Coq export and kernel checks")
        sections.append(_timed("kernels", "kernel checks", kernels_section, list(sections), config["kernels"], out, ledger))
        progress.advance(task)
        for key, title, function in studies:
            progress.update(task, description=title)
            sections.append(_timed(key, title, function, config[key], out, seed))
            progress.advance(task)
    header = {"pybridge": __version__, "python": platform.python_version(),
              "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "seconds": round(time.monotonic() - started, 1),
              "verdict": "all sections passed" if all(s.ok for s in sections) else "some sections FAILED"}
    write_text_atomic(out / "index.html", render_html(sections, out, header))
    write_text_atomic(out / "summary.md", render_markdown(sections, header))
    write_text_atomic(out / "run.json", json.dumps({"header": header, "config": config, "sections": [
        {"key": s.key, "title": s.title, "ok": s.ok, "seconds": round(s.seconds, 2), "rows": s.rows,
         "images": s.images, "notes": s.notes} for s in sections]}, indent=2, default=str) + "\n")
    return sections
