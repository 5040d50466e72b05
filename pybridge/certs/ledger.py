"""The ledger: one SQLite file recording every certificate, every kernel verdict and every batch job.

Tables (``docs/batch.md`` describes them for readers of the file):

* ``certificates`` — one row per certificate hash: kind, calculus, input, claim and provenance (as
  canonical JSON), the file's path and when it was first recorded;
* ``verdicts`` — one row per kernel run on a certificate: kernel, verdict (``valid``, ``invalid``,
  ``skipped``), tool version, seconds, message, time;
* ``batch_jobs`` — one row per (batch id, job key) of ``pybridge batch``: status, result (JSON), the
  certificate hashes it produced.

Concurrency: WAL journal, a 60 s busy timeout and ``BEGIN IMMEDIATE`` transactions, so any number of
processes may write at once; a transaction is all-or-nothing, so a crash, a full disk or a killed
process never leaves half a record. Default location: ``$PYBRIDGE_LEDGER`` if set, else
``certs/ledger.sqlite`` (``pybridge check``) or ``OUT/ledger.sqlite`` (``pybridge batch``).

This module belongs to the trusted package: it imports nothing from the search code.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import PybridgeError
from .hashing import canonical_json
from .model import Certificate

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 60.0
VERDICTS = ("valid", "invalid", "skipped")
TERMINAL = ("certified", "refuted", "not-found", "timeout", "error", "done")

SCHEMA = """
CREATE TABLE IF NOT EXISTS certificates (
    hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),
    kind        TEXT NOT NULL,
    calculus    TEXT NOT NULL,
    input       TEXT NOT NULL,
    claim       TEXT NOT NULL,
    path        TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS verdicts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate  TEXT NOT NULL REFERENCES certificates(hash),
    kernel       TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('valid', 'invalid', 'skipped')),
    tool_version TEXT NOT NULL,
    seconds      REAL NOT NULL CHECK (seconds >= 0),
    message      TEXT NOT NULL,
    checked_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verdicts_by_certificate ON verdicts(certificate);
CREATE TABLE IF NOT EXISTS batch_jobs (
    batch        TEXT NOT NULL,
    job_key      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    job          TEXT NOT NULL,
    status       TEXT NOT NULL,
    result       TEXT,
    certificates TEXT NOT NULL DEFAULT '[]',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (batch, job_key)
);
"""


class LedgerError(PybridgeError):
    """The ledger file cannot be opened or written (unwritable path, full disk, not a ledger): exit 2."""


@dataclass(frozen=True)
class VerdictRecord:
    """One kernel's verdict on one certificate, as stored in the ``verdicts`` table."""

    kernel: str
    verdict: str  # one of VERDICTS
    tool_version: str
    seconds: float
    message: str = ""


def default_ledger_path(out_dir: str | os.PathLike | None = None) -> Path:
    """``$PYBRIDGE_LEDGER`` if set, else ``OUT/ledger.sqlite`` for a batch output directory, else
    ``certs/ledger.sqlite`` (relative to the working directory)."""
    if os.environ.get("PYBRIDGE_LEDGER"):
        return Path(os.environ["PYBRIDGE_LEDGER"])
    return Path(out_dir) / "ledger.sqlite" if out_dir is not None else Path("certs") / "ledger.sqlite"


def now() -> str:
    """The current UTC time, ISO 8601 with microseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _explain(path: Path, exc: sqlite3.Error) -> LedgerError:
    text = str(exc)
    if "full" in text:
        hint = "the disk (or the database size limit) is full; nothing of this transaction was written"
    elif "readonly" in text or "unable to open" in text or "disk I/O" in text:
        hint = "cannot write there; choose a writable --ledger PATH"
    elif "not a database" in text:
        hint = "the file is not an SQLite ledger"
    else:
        hint = "the transaction was rolled back"
    return LedgerError(f"ledger {path}: {text} ({hint})")


class Ledger:
    """An open ledger file. Use as a context manager, or call :meth:`close`.

    >>> with Ledger(":memory:") as ledger:
    ...     ledger.certificate_count()
    0
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except OSError as exc:
            raise LedgerError(f"ledger {path}: cannot create its directory ({exc.strerror or exc}); "
                              "choose a writable --ledger PATH") from None
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from None
        try:
            self._setup()
        except sqlite3.Error as exc:
            self.connection.close()
            raise _explain(self.path, exc) from None

    def _setup(self) -> None:
        db = self.connection
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        with self.transaction():  # statement by statement: executescript would commit early
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the last one to close folds the WAL back into the file)."""
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any error rolls everything back and raises :class:`LedgerError`."""
        db = self.connection
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from None
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _explain(self.path, exc) from None
            raise

    # -- writing --------------------------------------------------------------------------------

    @staticmethod
    def _put_certificate(db: sqlite3.Connection, cert: Certificate, path: str | os.PathLike) -> None:
        db.execute(
            "INSERT INTO certificates (hash, kind, calculus, input, claim, path, provenance, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO UPDATE SET path = excluded.path",
            (cert.sha256, cert.kind, cert.calculus, canonical_json(cert.input), canonical_json(cert.claim),
             os.path.abspath(path), canonical_json(cert.provenance), now()))

    @staticmethod
    def _put_verdict(db: sqlite3.Connection, sha256: str, record: VerdictRecord) -> None:
        if record.verdict not in VERDICTS:
            raise ValueError(f"verdict {record.verdict!r} is not one of {', '.join(VERDICTS)}")
        db.execute(
            "INSERT INTO verdicts (certificate, kernel, verdict, tool_version, seconds, message, checked_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, record.kernel, record.verdict, record.tool_version, max(0.0, float(record.seconds)),
             record.message, now()))

    def record_checks(self, entries: list[tuple[Certificate, str | os.PathLike, list[VerdictRecord]]]) -> None:
        """Record ``(certificate, path, verdicts)`` entries in one transaction: all of them or none."""
        with self.transaction() as db:
            for cert, path, verdicts in entries:
                self._put_certificate(db, cert, path)
                for record in verdicts:
                    self._put_verdict(db, cert.sha256, record)

    def queue_jobs(self, batch: str, jobs: list[tuple[str, str, dict]]) -> None:
        """Mark ``(job_key, kind, job)`` entries of ``batch`` as ``queued`` (one transaction)."""
        with self.transaction() as db:
            for key, kind, job in jobs:
                db.execute(
                    "INSERT INTO batch_jobs (batch, job_key, kind, job, status, updated_at) VALUES (?, ?, ?, ?, "
                    "'queued', ?) ON CONFLICT(batch, job_key) DO UPDATE SET status = 'queued', result = NULL, "
                    "certificates = '[]', updated_at = excluded.updated_at",
                    (batch, key, kind, canonical_json(job), now()))

    def finish_job(self, batch: str, key: str, status: str, result: dict,
                   certificates: list[tuple[Certificate, str | os.PathLike, VerdictRecord]] = ()) -> None:
        """Record a finished job, its certificates and their verdicts in one transaction."""
        if status not in TERMINAL:
            raise ValueError(f"status {status!r} is not one of {', '.join(TERMINAL)}")
        with self.transaction() as db:
            for cert, path, record in certificates:
                self._put_certificate(db, cert, path)
                self._put_verdict(db, cert.sha256, record)
            hashes = [cert.sha256 for cert, _, _ in certificates]
            updated = db.execute(
                "UPDATE batch_jobs SET status = ?, result = ?, certificates = ?, updated_at = ? "
                "WHERE batch = ? AND job_key = ?",
                (status, canonical_json(result), json.dumps(hashes), now(), batch, key)).rowcount
            if updated != 1:
                raise ValueError(f"batch {batch!r} has no queued job {key!r}")

    # -- reading --------------------------------------------------------------------------------

    def _rows(self, sql: str, args: tuple = ()) -> list[dict]:
        try:
            cursor = self.connection.execute(sql, args)
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from None
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def certificate_count(self) -> int:
        """Number of certificate rows."""
        return self._rows("SELECT count(*) AS n FROM certificates")[0]["n"]

    def job_statuses(self, batch: str) -> dict[str, str]:
        """``{job_key: status}`` of every recorded job of ``batch``."""
        rows = self._rows("SELECT job_key, status FROM batch_jobs WHERE batch = ?", (batch,))
        return {row["job_key"]: row["status"] for row in rows}

    def jobs(self, batch: str | None = None) -> list[dict]:
        """Batch job rows (all batches, or one), ordered by batch and key."""
        where, args = ("WHERE batch = ?", (batch,)) if batch else ("", ())
        return self._rows(f"SELECT * FROM batch_jobs {where} ORDER BY batch, job_key", args)

    def certificates(self, kind: str | None = None) -> list[dict]:
        """Certificate rows with their latest verdict per kernel (``verdicts``: ``{kernel: verdict}``)."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = self._rows(f"SELECT * FROM certificates {where} ORDER BY recorded_at, hash", args)
        latest = self._rows("SELECT certificate, kernel, verdict FROM verdicts WHERE id IN "
                            "(SELECT max(id) FROM verdicts GROUP BY certificate, kernel)")
        by_hash: dict[str, dict] = {}
        for row in latest:
            by_hash.setdefault(row["certificate"], {})[row["kernel"]] = row["verdict"]
        for row in rows:
            row["verdicts"] = by_hash.get(row["hash"], {})
        return rows

    def show(self, prefix: str) -> dict:
        """The certificate whose hash starts with ``prefix`` (≥ 6 hex digits), all its verdicts and jobs."""
        if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
            raise LedgerError(f"{prefix!r}: give at least 6 lowercase hex digits of a certificate hash")
        found = self._rows("SELECT * FROM certificates WHERE hash LIKE ? ORDER BY hash", (prefix + "%",))
        if not found:
            raise LedgerNotFoundError(f"ledger {self.path}: no certificate whose hash starts with {prefix}")
        if len(found) > 1:
            raise LedgerError(f"{prefix!r} matches {len(found)} certificates; give more digits")
        row = found[0]
        row["verdicts"] = self._rows("SELECT kernel, verdict, tool_version, seconds, message, checked_at "
                                     "FROM verdicts WHERE certificate = ? ORDER BY id", (row["hash"],))
        row["jobs"] = self._rows("SELECT batch, job_key, status FROM batch_jobs WHERE certificates LIKE ?",
                                 (f'%"{row["hash"]}"%',))
        return row

    def verdict_rows(self) -> list[dict]:
        """Every verdict row, joined with its certificate's kind, calculus and path (for export)."""
        return self._rows(
            "SELECT v.id, v.certificate, c.kind, c.calculus, c.path, v.kernel, v.verdict, v.tool_version, "
            "v.seconds, v.message, v.checked_at FROM verdicts v JOIN certificates c ON c.hash = v.certificate "
            "ORDER BY v.id")


class LedgerNotFoundError(LedgerError):
    """No ledger row matches: exit 1."""

    exit_code = 1


def open_existing(path: str | os.PathLike) -> Ledger:
    """Open a ledger that must already exist (for ``pybridge ledger``): a missing file is an error, not created."""
    if not Path(path).is_file():
        raise LedgerError(f"ledger {path}: no such file (run `pybridge check` or `pybridge batch` first, "
                          "or give --ledger PATH)")
    return Ledger(path)


EXPORT_TABLES = ("certificates", "verdicts", "jobs")


def export_text(ledger: Ledger, table: str, fmt: str) -> str:
    """The ``certificates``, ``verdicts`` or ``jobs`` table as CSV or JSON text."""
    rows = {"certificates": ledger.certificates, "verdicts": ledger.verdict_rows, "jobs": ledger.jobs}[table]()
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for k, v in row.items()})
    return buffer.getvalue()
