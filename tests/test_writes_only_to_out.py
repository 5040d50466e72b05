"""Commands write only where they are told (issue 23, deliverable 3).

Each command runs in a clean clone of this repository (with the package under test copied over it and
committed there, so uncommitted work is what runs), with every output under a temporary ``--out`` and
``HOME`` pointing at a temporary folder (user caches land there). Afterwards ``git status --porcelain``
of the clone must be empty: nothing was written into a committed folder, and no cache was put next to
the package's own files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a git checkout")


def _git(clone: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    base = tmp_path_factory.mktemp("clean-clone")
    repo = base / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    # run the working tree's package (committed or not), committed in the clone as the new baseline
    shutil.rmtree(repo / "pybridge")
    shutil.copytree(ROOT / "pybridge", repo / "pybridge", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _git(repo, "add", "-A", "pybridge")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "--allow-empty",
                    "-m", "package under test"], cwd=repo, check=True)
    assert _git(repo, "status", "--porcelain") == ""
    home = base / "home"
    home.mkdir()
    return repo, home, base / "out"


def pybridge(clone, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    repo, home, _ = clone
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYBRIDGE_CACHE_DIR", "PYBRIDGE_LEDGER", "XDG_CACHE_HOME", "PYTHONPATH")}
    env |= {"HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    # `-c` puts the clone (the cwd) first on sys.path: the clone's package runs, not the installed one
    return subprocess.run([sys.executable, "-c", "from pybridge.cli import main; main()", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_clean(clone, result, ok_codes=(0,)):
    repo, _, _ = clone
    assert result.returncode in ok_codes, result.stdout + result.stderr
    status = _git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all")
    assert status == "", f"the command wrote into the repository:\n{status}"


def test_knot_commands_and_exports_write_only_under_out(clone):
    out = clone[2] / "knots"
    assert_clean(clone, pybridge(clone, "unknot", "braid:1,2,-1,-2", "--budget-s", "5", "--out", str(out / "certs")))
    assert_clean(clone, pybridge(clone, "ribbon", "6_1", "--budget-s", "20", "--out", str(out / "certs")))
    assert_clean(clone, pybridge(clone, "check", "certs/examples/unknot-unknot-n2-11fd7efb20b3.yaml",
                                 "--ledger", str(out / "ledger.sqlite")))
    assert_clean(clone, pybridge(clone, "export", "coq", "certs/examples/unknot-unknot-n2-11fd7efb20b3.yaml",
                                 "--out", str(out / "coq")))
    assert_clean(clone, pybridge(clone, "export", "lean", "certs/examples/unknot-unknot-n2-11fd7efb20b3.yaml",
                                 "--out", str(out / "lean")))
    assert_clean(clone, pybridge(clone, "ledger", "export", "--ledger", str(out / "ledger.sqlite"),
                                 "--out", str(out / "verdicts.csv")))
    assert_clean(clone, pybridge(clone, "bench", "check", "--no-coq", "--lengths", "10", "--out", str(out / "bench")))
    assert len(list((out / "coq").glob("Cert_*.v"))) == 1 and len(list((out / "lean").glob("Cert_*.lean"))) == 1


def test_export_defaults_are_not_committed_folders(clone):
    """Without --out, exports go to out/export/... (git-ignored), not coq/ or lean/KnotCertGenerated/."""
    repo = clone[0]
    for kernel, pattern in (("coq", "Cert_*.v"), ("lean", "Cert_*.lean")):
        result = pybridge(clone, "export", kernel, "certs/examples/unknot-unknot-n2-11fd7efb20b3.yaml")
        assert result.returncode == 0, result.stderr
        assert list((repo / "out" / "export" / kernel).glob(pattern))
        assert _git(clone[0], "status", "--porcelain") == ""
    shutil.rmtree(repo / "out")


def test_plumbing_commands_write_only_under_out(clone):
    out = clone[2] / "plumbing"
    assert_clean(clone, pybridge(clone, "plumbing", "equiv", "g:-2,1,-2/0-1,1-2", "g:-3,-3/0-1", "--out", str(out)))
    assert_clean(clone, pybridge(clone, "plumbing", "train", "--episodes", "2", "--out", str(out / "gnn.json")))
    assert (out / "gnn.json").exists()
    # without --out, train refuses (exit 2) instead of overwriting the shipped model
    result = pybridge(clone, "plumbing", "train", "--episodes", "2")
    assert_clean(clone, result, ok_codes=(2,))
    assert "--out" in result.stderr


def test_batch_writes_only_under_out(clone, tmp_path):
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text("batch: clean\ndefaults: {budget_s: 5}\njobs:\n  - {kind: unknot, spec: \"braid:1,2,-1,-2\"}\n"
                    "  - {kind: plumbing, a: \"g:-2,1,-2/0-1,1-2\", b: \"g:-3,-3/0-1\"}\n")
    assert_clean(clone, pybridge(clone, "batch", str(jobs), "--workers", "1", "--out", str(clone[2] / "batch")))


def test_conjecture_commands_write_only_under_out(clone):
    """Datasets go to the user cache; the generated Coq/Lean statements default to OUT/statements/."""
    out = clone[2] / "conjecture"
    known, rand = out / "knotinfo.csv", out / "random.csv"
    assert_clean(clone, pybridge(clone, "conjecture", "dataset", "knotinfo", "--max-crossings", "8",
                                 "--inj-sample", "40", "--out", str(known), timeout=300))
    assert_clean(clone, pybridge(clone, "conjecture", "dataset", "random", "--n", "3", "--seed", "5",
                                 "--out", str(rand), timeout=300))
    assert list((clone[1] / ".cache" / "pybridge" / "conjecture").glob("*.csv")), "the dataset cache is not in ~/.cache"
    assert_clean(clone, pybridge(clone, "conjecture", "signature", "--knotinfo-csv", str(known), "--random-csv",
                                 str(rand), "--out", str(out / "signature"), "--max-epochs", "5", "--no-symbolic",
                                 timeout=300))
    assert (out / "signature" / "statements" / "coq" / "SignatureSlope.v").exists()
    assert (out / "signature" / "statements" / "lean" / "SignatureSlope.lean").exists()
