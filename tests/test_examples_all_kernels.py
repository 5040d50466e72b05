"""The shipped examples are valid under every kernel that runs here (Python and Coq)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "certs" / "examples"


@pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed; `make test` installs Debian's coq as root")
def test_check_all_examples_with_every_kernel():
    done = subprocess.run([sys.executable, "-m", "pybridge.cli", "check", str(EXAMPLES), "--kernel", "all", "--json"],
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(list(EXAMPLES.glob("*.yaml"))) >= 30
    assert all('"coq": {"valid": true' in line for line in lines)
