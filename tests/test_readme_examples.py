"""Every README example that takes under a minute runs as written (issue 23, deliverable 6).

The ``pybridge`` lines of the README's ``bash`` blocks run in order, through bash (globs and comments as
a reader would type them), in a clean clone of the repository (relative paths such as ``certs/examples``
resolve; outputs stay in the clone), with ``HOME`` in a temporary folder. An example whose comment says
it exits 1 must exit 1; every other one must exit 0. The examples in :data:`SLOW` take longer than a
minute (or need a cluster) and are skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: command prefix -> why the example is not run here
SLOW = {
    "pybridge tune ribbon": "Optuna search, 600 s",
    "pybridge train ": "RL training, 600 s",
    "pybridge check certs/examples --kernel all": "Coq on all 40 examples, about 60 s or more",
    "pybridge bench ": "benchmarks take minutes to hours",
    "pybridge conjecture signature": "the signature study builds the KnotInfo dataset (about 6 minutes)",
    "pybridge conjecture dataset random --n 50": "50 random knots with SnapPy invariants, over a minute",
    "pybridge conjecture fit": "needs random50.csv from the dataset example",
    "pybridge plumbing train": "800 training episodes, about 3 minutes",
    "pybridge run ": "the main job, about 2 minutes",
    "pybridge batch pybridge/data/batch_example.yaml --executor ray": "starts a local Ray instance",
    "pybridge batch jobs.yaml": "needs a Ray cluster at HOST:6379",
    "pybridge ledger show": "the hash prefix is an illustration",
    "pybridge nnft check": "about 2 minutes",
    "pybridge flow check": "metric-flow training, about 2 minutes",
    "pybridge spc4": "ribbon searches on several pairs at 20 s each",
}


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.S)
            for line in block.splitlines() if line.strip().startswith("pybridge ")]


EXAMPLES = readme_examples()


def slow_reason(example: str) -> str | None:
    return next((why for prefix, why in SLOW.items() if example.startswith(prefix)), None)


def expected_exit(example: str) -> int:
    comment = example.partition("#")[2]
    return 1 if re.search(r"\bexits? 1\b", comment) else 0


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    base = tmp_path_factory.mktemp("readme")
    repo = base / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    shutil.rmtree(repo / "pybridge")  # the package under test, committed or not
    shutil.copytree(ROOT / "pybridge", repo / "pybridge", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (base / "home").mkdir()
    (base / "bin").mkdir()
    launcher = base / "bin" / "pybridge"  # runs the clone's package (the cwd is first on sys.path)
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'from pybridge.cli import main; main()' \"$@\"\n")
    launcher.chmod(0o755)
    return repo, base


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 30 and len([e for e in EXAMPLES if not slow_reason(e)]) >= 15


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_runs(example, clone):
    if reason := slow_reason(example):
        pytest.skip(f"over a minute: {reason}")
    repo, base = clone
    from pybridge.prover import cache_root

    env = {k: v for k, v in os.environ.items() if k not in ("PYBRIDGE_LEDGER", "XDG_CACHE_HOME")}
    # the user's cache (re-verified before use) spares a Coq library build; the rest of HOME is temporary
    env |= {"PYBRIDGE_CACHE_DIR": str(cache_root()), "HOME": str(base / "home"), "PATH": f"{base / 'bin'}:{env.get('PATH', '')}", "MPLBACKEND": "Agg"}
    start = time.monotonic()
    done = subprocess.run(["bash", "-c", example], cwd=repo, env=env, capture_output=True, text=True, timeout=180)
    seconds = time.monotonic() - start
    assert done.returncode == expected_exit(example), f"{example}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    print(f"{seconds:.1f} s  {example}")
