"""Planted bugs: a wrong move function in the executable checker must break the Coq build.

Each JSON file in ``tests/planted_bugs/`` lists deliberately wrong variants of one calculus's
executable move functions (``find`` -> ``replace`` in one ``coq/theories`` file, and ``why`` it is
wrong). For every variant the library is copied to a temporary directory, edited, and compiled in
dependency order. The test asserts two things:

* the edited module itself still compiles — the bug is a well-typed definition that the replay
  theorems of that file (closures of the checker's own moves) happily "prove sound";
* a later module — the textbook specification and its refinement proofs — fails to compile.

So the specification, not an accident of proof scripts, is what catches the bug.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pybridge.prover import coq as prover

ROOT = Path(__file__).resolve().parents[1]
THEORIES = ROOT / "coq" / "theories"
BUG_FILES = sorted((Path(__file__).parent / "planted_bugs").glob("*.json"))
CALCULUS_FILES = {"braid": "Braid.v", "pd": "PD.v", "plumbing": "Plumbing.v"}
#: the modules written from the textbook (specification and its refinement proofs)
SPEC_MODULES = ("BraidSpec", "BraidCycles", "PDSpec", "PDInsertSpec", "PDBandSpec", "PlumbingSpec")


def load_bugs() -> list[tuple[str, dict]]:
    bugs = []
    for path in BUG_FILES:
        for bug in json.loads(path.read_text(encoding="utf-8")):
            bugs.append((path.stem, bug))
    return bugs


BUGS = load_bugs()

pytestmark = pytest.mark.skipif(shutil.which("coqc") is None,
                                reason="coqc not installed (make test installs Debian's coq when run as root)")


def compile_until_failure(theories: Path) -> tuple[list[str], str | None, str]:
    """Compile every module in dependency order; (compiled modules, first failing module, its error)."""
    sources = {path.stem: path.read_text(encoding="utf-8") for path in theories.glob("*.v")}
    compiled: list[str] = []
    for name in prover.dependency_order(sources):
        done = subprocess.run(["coqc", "-Q", str(theories), "KnotCert", f"{name}.v"], cwd=theories,
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            return compiled, name, " ".join((done.stdout + done.stderr).split())
        compiled.append(name)
    return compiled, None, ""


def test_every_calculus_has_at_least_three_planted_bugs():
    per_calculus = {name: sum(1 for calc, _ in BUGS if calc == name) for name in CALCULUS_FILES}
    assert per_calculus["braid"] >= 3, per_calculus
    missing = [name for name, count in per_calculus.items() if count < 3]
    assert missing == [], f"calculi with fewer than three planted bugs: {missing} ({per_calculus})"


def test_the_unmodified_library_compiles(tmp_path):
    shutil.copytree(THEORIES, tmp_path / "theories")
    compiled, failed, error = compile_until_failure(tmp_path / "theories")
    assert failed is None, f"KnotCert.{failed} does not compile: {error[:800]}"
    assert {"Braid", "BraidSpec", "PD", "Plumbing"} <= set(compiled)


@pytest.mark.parametrize("calculus,bug", BUGS, ids=[f"{calc}:{bug['name']}" for calc, bug in BUGS])
def test_planted_bug_breaks_the_build(tmp_path, calculus, bug):
    theories = tmp_path / "theories"
    shutil.copytree(THEORIES, theories)
    target = theories / bug["file"]
    text = target.read_text(encoding="utf-8")
    assert text.count(bug["find"]) == 1, f"{bug['name']}: the text to replace must occur exactly once in {bug['file']}"
    target.write_text(text.replace(bug["find"], bug["replace"]), encoding="utf-8")
    compiled, failed, error = compile_until_failure(theories)
    module = Path(bug["file"]).stem
    assert module in compiled, f"{bug['name']}: the planted bug does not even compile in {bug['file']}: {error[:500]}"
    assert failed is not None, f"{bug['name']} ({bug['why']}): the whole library still compiles"
    assert failed in SPEC_MODULES, f"{bug['name']}: failed in {failed}, expected a specification module"
