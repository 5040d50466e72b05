"""The command line: outputs users read, exit codes, and one-line errors without tracebacks."""

import json
import subprocess
import sys

import pytest


def pybridge(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(
    ("spec", "signature", "determinant", "volume"),
    [
        ("8_20", 0, 9, 4.1249),
        ("braid:1,1,1", -2, 3, None),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6,2]]", -2, 3, None),
        ("K11n34", 0, 1, 11.2191),
    ],
)
def test_knot_info_json(spec, signature, determinant, volume):
    result = pybridge("knot", "info", spec, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["signature"] == signature
    assert data["determinant"] == determinant
    if volume is None:
        assert data["hyperbolic"] is False and data["volume"] is None
    else:
        assert data["volume"] == pytest.approx(volume, abs=1e-3)


def test_knot_info_table_shows_the_user_facing_fields():
    result = pybridge("knot", "info", "8_20")
    assert result.returncode == 0, result.stderr
    for text in ("signature", "0  (KnotInfo: 0)", "determinant", "9  (KnotInfo: 9)", "volume", "4.12490"):
        assert text in result.stdout
    torus = pybridge("knot", "info", "braid:1,1,1")
    assert "not hyperbolic" in torus.stdout


def test_unknot_diagram_is_certified_by_regina():
    data = json.loads(pybridge("knot", "info", "braid:1,2,1,-2,-1,1", "--json").stdout)
    assert data["regina_unknot"] is True and data["signature"] == 0 and data["determinant"] == 1


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("braid:1,0", "letter 1 is 0"),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6]]", "crossing 2: has 3 entries"),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6,1]]", "label 1 appears 3 time"),
        ("nonsense_knot", "unknown knot name"),
        ("@/no/such/file.yaml", "cannot read"),
    ],
)
def test_bad_input_exits_2_with_one_line(spec, message):
    result = pybridge("knot", "info", spec)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2():
    assert pybridge("knot", "info").returncode == 2
    assert pybridge("no-such-command").returncode == 2
    assert pybridge("check", "/no/such/dir").returncode == 2


def test_all_kernels_with_lake_run_lean_on_braid_and_pd_certificates(monkeypatch):
    """Where lake exists, `--kernel all` runs Lean on braid and PD certificates (both calculi are mirrored)."""
    import shutil
    from pathlib import Path

    from click.testing import CliRunner

    import pybridge.prover.coq as coq
    import pybridge.prover.lean as lean
    from pybridge.cli import cli
    from pybridge.prover.coq import KernelResult

    examples = Path(__file__).resolve().parent.parent / "certs" / "examples"
    braid = next(p for p in sorted(examples.glob("*.yaml")) if "calculus: braid" in p.read_text())
    pd = next(p for p in sorted(examples.glob("*.yaml")) if "calculus: pd" in p.read_text())
    seen = []

    def fake_kernel(name):
        def check(certs, timeout_s=600.0):
            seen.append((name, [c.calculus for c in certs]))
            return [KernelResult(c.sha256, name, True, "ok", 0.0, False, "test") for c in certs]
        return check

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: "/fake/lake" if tool == "lake" else real_which(tool))
    monkeypatch.setattr(lean, "check_with_lean", fake_kernel("lean"))
    monkeypatch.setattr(coq, "check_with_coq", fake_kernel("coq"))
    result = CliRunner().invoke(cli, ["check", str(braid), str(pd), "--kernel", "all"])
    assert result.exit_code == 0, result.output
    assert ("lean", ["braid", "pd"]) in seen and "lean skipped" not in result.output
    assert CliRunner().invoke(cli, ["check", str(pd), "--kernel", "lean"]).exit_code == 0


def test_ribbon_on_an_unknot_says_to_certify_it_as_an_unknot(tmp_path):
    """A ribbon certificate has at least one band; for a curl diagram of the unknot the search finds none,
    and the error says why and which command certifies it instead (exit 1, nothing written)."""
    result = pybridge("ribbon", "pd:[[1,2,2,1]]", "--budget-s", "1", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "is the unknot" in result.stderr and "pybridge unknot pd:[[1,2,2,1]]" in result.stderr
    assert not (tmp_path / "out").exists()
