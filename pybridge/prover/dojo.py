"""Try a small tactic portfolio on exported candidate statements with LeanDojo (extra ``pybridge[lean]``).

The conjecture exporter writes candidate statements into ``lean/KnotCertGenerated/Statements/``.
Where ``lean-dojo``, ``git`` and a Lean toolchain (``lake``) are installed, :func:`prove_statements`
opens each statement with LeanDojo (``Dojo(Theorem(repo, file, name))``) and runs every tactic of
:data:`PORTFOLIO` on the initial goal, recording which ones close it. LeanDojo traces the committed
``HEAD`` of the repository (``LeanGitRepo.from_path``): uncommitted statements are not seen.

``lean_dojo`` is imported lazily, only when a proof attempt is requested; without it (or without
``git``/``lake``) :func:`load_api` raises :class:`ToolMissingError` (exit 4) naming what is missing.
The portfolio logic takes the LeanDojo API as an argument, so it is tested with a stand-in.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

from ..certs.io import write_text_atomic
from ..errors import ToolMissingError

#: tactics tried, in order, each on the initial goal of a statement
PORTFOLIO = ("decide", "rfl", "simp", "omega")
INSTALL_DOJO = "pip install 'pybridge[lean]'  (installs lean-dojo)"
STATEMENTS_DIR = Path("lean") / "KnotCertGenerated" / "Statements"
_DECL = re.compile(r"^(?:theorem|lemma)\s+([A-Za-z_][A-Za-z0-9_.]*)", re.M)
_NAMESPACE = re.compile(r"^namespace\s+([A-Za-z_][A-Za-z0-9_.]*)", re.M)


@dataclass(frozen=True)
class TacticAttempt:
    """One tactic run on a statement's initial goal."""

    tactic: str
    outcome: str  # "proved", "open" (goals remain), "error" (Lean rejected the tactic)
    message: str = ""


@dataclass(frozen=True)
class StatementResult:
    """The portfolio's outcome on one statement."""

    file: str
    theorem: str
    proved_by: str | None
    attempts: tuple[TacticAttempt, ...]


def load_api() -> SimpleNamespace:
    """The LeanDojo API (``LeanGitRepo``, ``Theorem``, ``Dojo``, ``ProofFinished``, ``LeanError``).

    Raises :class:`ToolMissingError` naming every missing piece: the ``lean_dojo`` module, ``git``,
    ``lake`` (the Lean toolchain, installed with elan).
    """
    missing = []
    try:
        import lean_dojo  # noqa: PLC0415 (optional dependency, imported on use)
    except ImportError:
        lean_dojo = None
        missing.append(f"the Python package lean-dojo ({INSTALL_DOJO})")
    if shutil.which("git") is None:
        missing.append("git (LeanDojo traces a git repository)")
    if shutil.which("lake") is None:
        missing.append("a Lean toolchain: lake not found on PATH (install elan: "
                       "curl https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh -sSf | sh)")
    if missing:
        raise ToolMissingError("LeanDojo proof attempts need " + "; ".join(missing))
    return SimpleNamespace(LeanGitRepo=lean_dojo.LeanGitRepo, Theorem=lean_dojo.Theorem, Dojo=lean_dojo.Dojo,
                           ProofFinished=lean_dojo.ProofFinished, LeanError=lean_dojo.LeanError)


def find_statements(project: str | Path) -> list[tuple[str, str]]:
    """``(file relative to the project, fully qualified theorem name)`` of every statement module."""
    root = Path(project)
    found = []
    for path in sorted((root / STATEMENTS_DIR).glob("**/*.lean")):
        text = path.read_text(encoding="utf-8")
        namespace = _NAMESPACE.search(text)
        prefix = f"{namespace.group(1)}." if namespace else ""
        found += [(str(path.relative_to(root)), prefix + name) for name in _DECL.findall(text)]
    return found


def classify(api, outcome) -> tuple[str, str]:
    """``("proved" | "error" | "open", message)`` for the result of ``dojo.run_tac``."""
    if isinstance(outcome, api.ProofFinished):
        return "proved", ""
    if isinstance(outcome, api.LeanError):
        return "error", str(getattr(outcome, "error", outcome))[:500]
    return "open", str(getattr(outcome, "pp", outcome))[:500]


def try_portfolio(api, theorem, file: str, name: str, tactics=PORTFOLIO) -> StatementResult:
    """Run each tactic on the initial goal of ``theorem``; the first that closes it is ``proved_by``."""
    attempts = []
    with api.Dojo(theorem) as (dojo, initial):
        for tactic in tactics:
            outcome, message = classify(api, dojo.run_tac(initial, tactic))
            attempts.append(TacticAttempt(tactic, outcome, message))
    proved = next((a.tactic for a in attempts if a.outcome == "proved"), None)
    return StatementResult(file, name, proved, tuple(attempts))


def prove_statements(project: str | Path, statements=None, api=None, out: str | Path | None = None,
                     tactics=PORTFOLIO) -> list[StatementResult]:
    """Open every candidate statement with LeanDojo and try the portfolio; optionally write JSON to ``out``.

    ``statements`` defaults to :func:`find_statements`; ``api`` to :func:`load_api` (exit 4 when
    LeanDojo, git or a toolchain is missing).
    """
    api = api or load_api()
    statements = find_statements(project) if statements is None else list(statements)
    repo = api.LeanGitRepo.from_path(str(project))
    results = [try_portfolio(api, api.Theorem(repo, file, name), file, name, tactics) for file, name in statements]
    if out is not None:
        write_text_atomic(Path(out), json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return results
