"""The ledger (pybridge.certs.ledger): records, queries, export, concurrency and failure handling."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pybridge.certs import read_certificate
from pybridge.certs.hashing import canonical_json
from pybridge.certs.ledger import Ledger, LedgerError, VerdictRecord, export_text
from pybridge.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "certs" / "examples"


def small_examples(count: int) -> list[Path]:
    """The ``count`` smallest example certificates (quick to check)."""
    return sorted(EXAMPLES.glob("*.yaml"), key=lambda p: p.stat().st_size)[:count]


def pybridge(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def test_record_query_and_export_round_trip(tmp_path):
    certs = [read_certificate(p) for p in small_examples(2)]
    with Ledger(tmp_path / "l.sqlite") as ledger:
        ledger.record_checks([(c, f"/x/{c.short_hash}.yaml", [VerdictRecord("python", "valid", "pybridge t", 0.5)])
                              for c in certs])
        ledger.record_checks([(certs[0], "/y/moved.yaml", [VerdictRecord("coq", "invalid", "coq 8.16", 1.0, "no")])])
        rows = {row["hash"]: row for row in ledger.certificates()}
        assert set(rows) == {c.sha256 for c in certs}
        first = rows[certs[0].sha256]
        assert first["path"] == "/y/moved.yaml"  # the latest path wins; still one row per hash
        assert first["verdicts"] == {"python": "valid", "coq": "invalid"}
        assert json.loads(first["input"]) == certs[0].input and first["claim"] == canonical_json(certs[0].claim)
        shown = ledger.show(certs[0].sha256[:10])
        assert [v["kernel"] for v in shown["verdicts"]] == ["python", "coq"]
        exported = json.loads(export_text(ledger, "verdicts", "json"))
        csv_lines = export_text(ledger, "verdicts", "csv").splitlines()
    assert len(exported) == 3 and exported[2]["message"] == "no" and exported[2]["kind"] == certs[0].kind
    assert csv_lines[0].startswith("id,certificate,kind") and len(csv_lines) == 4


def test_check_records_verdicts_at_the_default_location_and_ledger_commands(tmp_path):
    cert = small_examples(1)[0]
    done = pybridge("check", str(cert), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    ledger = tmp_path / "certs" / "ledger.sqlite"
    assert ledger.is_file()
    runner = CliRunner()
    listed = runner.invoke(cli, ["ledger", "list", "--ledger", str(ledger), "--json"])
    assert listed.exit_code == 0, listed.output
    (row,) = json.loads(listed.output)
    assert row["hash"] == read_certificate(cert).sha256 and row["verdicts"] == {"python": "valid"}
    shown = runner.invoke(cli, ["ledger", "show", row["hash"][:8], "--ledger", str(ledger)])
    assert shown.exit_code == 0 and "python valid" in shown.output
    out = tmp_path / "v.csv"
    exported = runner.invoke(cli, ["ledger", "export", "--ledger", str(ledger), "--format", "csv", "--out", str(out)])
    assert exported.exit_code == 0 and row["hash"] in out.read_text()
    missing_hash = pybridge("ledger", "show", "ffffff", "--ledger", str(ledger))
    assert missing_hash.returncode == 1 and "no certificate whose hash starts with ffffff" in missing_hash.stderr
    missing_file = pybridge("ledger", "list", "--ledger", str(tmp_path / "missing.sqlite"))
    assert missing_file.returncode == 2 and "no such file" in missing_file.stderr
    assert not (tmp_path / "missing.sqlite").exists()


def test_fifty_concurrent_checks_leave_no_corrupted_rows(tmp_path):
    """50 `pybridge check` processes on one certificate directory and one ledger, all at once."""
    certs_dir = tmp_path / "certs-dir"
    certs_dir.mkdir()
    files = small_examples(4)
    for path in files:
        shutil.copy(path, certs_dir / path.name)
    ledger = tmp_path / "ledger.sqlite"
    command = [sys.executable, "-m", "pybridge.cli", "check", str(certs_dir), "--ledger", str(ledger), "--json"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(50)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * 50, [err for _, err in outputs if err][:3]
    for out, _ in outputs:
        assert [json.loads(line)["valid"] for line in out.splitlines()] == [True] * 4
    db = sqlite3.connect(ledger)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    expected = {read_certificate(p).sha256: read_certificate(p) for p in files}
    rows = db.execute("SELECT hash, kind, calculus, input, claim, provenance, path FROM certificates").fetchall()
    assert len(rows) == 4
    for sha, kind, calculus, input_, claim, provenance, path in rows:
        cert = expected[sha]
        assert (kind, calculus) == (cert.kind, cert.calculus)
        assert (input_, claim, provenance) == tuple(canonical_json(x) for x in (cert.input, cert.claim, cert.provenance))
        assert read_certificate(path).sha256 == sha
    verdicts = db.execute("SELECT certificate, kernel, verdict, tool_version, seconds FROM verdicts").fetchall()
    assert len(verdicts) == 200
    assert {(kernel, verdict) for _, kernel, verdict, _, _ in verdicts} == {("python", "valid")}
    assert all(sha in expected and version.startswith("pybridge ") and seconds >= 0
               for sha, _, _, version, seconds in verdicts)
    counts = db.execute("SELECT count(*) FROM verdicts GROUP BY certificate").fetchall()
    assert counts == [(50,)] * 4


def test_a_full_database_rolls_the_whole_transaction_back(tmp_path):
    """SQLITE_FULL (the error of a full disk; here from a page limit) leaves no half-written record."""
    cert = read_certificate(small_examples(1)[0])
    with Ledger(tmp_path / "l.sqlite") as ledger:
        ledger.record_checks([(cert, "a.yaml", [VerdictRecord("python", "valid", "v", 0.1)])])
        pages = ledger.connection.execute("PRAGMA page_count").fetchone()[0]
        ledger.connection.execute(f"PRAGMA max_page_count = {pages + 1}")
        many = [VerdictRecord("python", "valid", "v" * 2000, 0.1, "m" * 2000)] * 50
        with pytest.raises(LedgerError, match="full"):
            ledger.record_checks([(cert, "b.yaml", many)])
        assert ledger.connection.execute("SELECT count(*) FROM verdicts").fetchone() == (1,)
        assert ledger.certificates()[0]["path"].endswith("a.yaml")


def test_unusable_ledger_paths_are_clear_errors_and_nothing_is_checked(tmp_path):
    cert = str(small_examples(1)[0])
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    done = pybridge("check", cert, "--ledger", str(blocker / "ledger.sqlite"))
    assert done.returncode == 2 and "ledger" in done.stderr and "Traceback" not in done.stderr
    assert "VALID" not in done.stdout
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not sqlite" * 100)
    done = pybridge("check", cert, "--ledger", str(garbage))
    assert done.returncode == 2 and "not an SQLite ledger" in done.stderr
    assert pybridge("check", cert, "--no-ledger", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "certs").exists()


def test_the_ledger_imports_no_search_code():
    code = ("import sys, pybridge.certs.ledger; "
            "bad = [m for m in sys.modules if m.startswith(('pybridge.moves', 'pybridge.unknot', 'pybridge.ribbon', 'pybridge.plumbing'))]; "
            "assert not bad, bad")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
