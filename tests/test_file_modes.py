"""Files people share are readable (issue 23, deliverable 5): outputs get the user's umask, not the
private 0600 of a temporary file, and caches live in the user's cache directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from pybridge.certs.io import current_umask, read_certificate, shared_file_mode, write_certificate, write_text_atomic
from pybridge.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "certs" / "examples" / "unknot-unknot-n2-11fd7efb20b3.yaml"


@pytest.fixture
def umask():
    """Run the test under a given umask (restored afterwards)."""
    saved = os.umask(0o022)
    try:
        yield lambda mask: os.umask(mask)
    finally:
        os.umask(saved)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_umask_is_read_without_changing_it(umask):
    umask(0o027)
    assert current_umask() == 0o027 and shared_file_mode() == 0o640
    assert current_umask() == 0o027
    umask(0o022)
    assert shared_file_mode() == 0o644


def test_certificate_and_atomic_text_get_0644_under_umask_022(tmp_path, umask):
    path = write_certificate(read_certificate(EXAMPLE), tmp_path / "certs")
    assert mode(path) == 0o644
    write_text_atomic(tmp_path / "index.html", "<html></html>")
    write_text_atomic(tmp_path / "run.json", "{}")
    assert mode(tmp_path / "index.html") == 0o644 and mode(tmp_path / "run.json") == 0o644
    umask(0o077)  # a private umask stays private
    write_text_atomic(tmp_path / "private.json", "{}")
    assert mode(tmp_path / "private.json") == 0o600


def test_cli_outputs_get_0644(tmp_path, umask):
    """A certificate from `unknot`, CSV and JSON from `ledger export`, and `.v` files from `export coq`."""
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["unknot", "braid:1,2,-1,-2", "--budget-s", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    certs = list(out.glob("*.yaml"))
    assert certs and all(mode(p) == 0o644 for p in certs)
    ledger = tmp_path / "ledger.sqlite"
    result = runner.invoke(cli, ["check", str(EXAMPLE), "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    for fmt in ("csv", "json"):
        target = tmp_path / f"verdicts.{fmt}"
        result = runner.invoke(cli, ["ledger", "export", "--ledger", str(ledger), "--format", fmt, "--out", str(target)])
        assert result.exit_code == 0, result.output
        assert mode(target) == 0o644
    result = runner.invoke(cli, ["export", "coq", str(EXAMPLE), "--out", str(tmp_path / "coq")])
    assert result.exit_code == 0, result.output
    assert all(mode(p) == 0o644 for p in (tmp_path / "coq").glob("*.v"))


def test_conjecture_dataset_csv_and_statements_get_0644(tmp_path, umask):
    from fractions import Fraction

    from pybridge.conjecture import data, statements

    rows = [{name: (f"k{i}" if name == "name" else float(i + 1)) for name in data.COLUMNS} for i in range(3)]
    path = data.write_dataset(rows, tmp_path / "d.csv", {"source": "fixture"})
    assert mode(path) == 0o644 and mode(path.with_suffix(".json")) == 0o644
    spec = statements.make_spec("T", Fraction(100), [("k", 2, 0.1, 1.0, 0.5)], "fixture")
    for written in statements.write_statements(spec, tmp_path / "coq", tmp_path / "lean"):
        assert mode(written) == 0o644, written


def test_cache_defaults_to_the_user_cache_directory(tmp_path, monkeypatch):
    from pybridge.conjecture.data import cache_root as conjecture_cache
    from pybridge.prover import cache_root
    from pybridge.prover.coq import cache_dir

    monkeypatch.delenv("PYBRIDGE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "pybridge"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "pybridge"
    assert cache_dir() == tmp_path / "xdg" / "pybridge" / "coq"
    assert conjecture_cache() == tmp_path / "xdg" / "pybridge" / "conjecture"
    monkeypatch.setenv("PYBRIDGE_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit" / "coq"
    package = Path(__import__("pybridge").__file__).resolve().parent
    monkeypatch.delenv("PYBRIDGE_CACHE_DIR")
    assert package.parent not in cache_root().parents and package not in cache_root().parents
