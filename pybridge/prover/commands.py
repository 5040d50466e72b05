"""The kernel end of the data flow: ``pybridge check`` (Python, Coq, Lean verdicts, recorded in the ledger),
``pybridge export coq|lean``, ``pybridge ledger list|show|export`` and ``pybridge bench check``.

Exit codes as in :mod:`pybridge.cli`; the trusted checker itself is :mod:`pybridge.certs` (no CLI code).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import EXIT_NOT_FOUND, PybridgeError

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


def certificate_paths(paths: tuple[str, ...]) -> list[Path]:
    """Expand files and directories (recursively, ``*.yaml``/``*.yml``) into certificate paths."""
    from ..errors import InputFileError

    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputFileError(f"{text}: no such file or directory")
    if not found:
        raise InputFileError(f"no certificate files (*.yaml) under {', '.join(paths)}")
    return found


KERNELS = {"python": ("python",), "coq": ("coq",), "lean": ("lean",), "all": ("python", "coq", "lean")}


def requested_kernels(kernel: str) -> tuple[str, ...]:
    """The kernels to run: ``all`` includes Lean only where ``lake`` is installed (no toolchain can be
    installed on pybridge's own machines); ``--kernel lean`` without ``lake`` exits 4."""
    import shutil

    if kernel == "lean":
        from .lean import find_lake

        find_lake()
    if kernel == "all" and shutil.which("lake") is None:
        click.echo("note: --kernel all: skipping Lean (no `lake` toolchain on PATH); checking with python and coq",
                   err=True)
        return ("python", "coq")
    return KERNELS[kernel]


def _run_formal_kernel(name: str, files: list[Path], verdicts: dict, timings: dict | None = None,
                       cached: bool = False) -> None:
    """Export every parseable certificate to ``name`` (coq/lean), run the kernel, record verdicts
    (and, into ``timings[path][name]``, the kernel's ``(seconds, tool version)`` for the ledger).
    ``cached`` lets Coq reuse stored verdicts (``check --cached``); each such verdict says so."""
    if name == "coq":
        from functools import partial

        from .coq import check_with_coq as check_with

        if cached:
            check_with = partial(check_with, use_cache=True)
    else:
        from .lean import check_with_lean as check_with
    readable = {path: cert for path in files if (cert := _read_or_none(path)) is not None}
    if name == "lean":  # calculi without a Lean mirror are skipped (LEAN_CALCULI: braid, pd, plumbing)
        from ..export.lean import LEAN_CALCULI

        for path in [p for p, cert in readable.items() if cert.calculus not in LEAN_CALCULI]:
            verdicts[path]["lean"] = (None, f"skipped: no Lean mirror of the {readable[path].calculus} calculus", "n/a")
            del readable[path]
    for (path, _), result in zip(readable.items(), check_with(list(readable.values()))):
        detail = f"{result.seconds:.2f}s" + (" cached" if result.cached else "")
        message = "valid" if result.valid else result.reason
        if result.cached:
            message += " (stored verdict, not recompiled)"
        verdicts[path][name] = (result.valid, message, detail)
        if timings is not None:
            timings[path][name] = (result.seconds, f"{name} {result.tool_version}")
    for path in files:
        verdicts[path].setdefault(name, (False, "not exported: the file does not parse", ""))


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--kernel", type=click.Choice(sorted(KERNELS)), default="python", show_default=True,
              help="Which checkers must accept: the Python trusted checker, Coq (coqc + assumption audit), "
              "Lean (lake build + axiom audit; needs elan/lake), or all (Lean only where lake is installed).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per certificate.")
@click.option("--ledger", "ledger_path", default=None,
              help="Ledger recording each verdict [default: $PYBRIDGE_LEDGER or certs/ledger.sqlite].")
@click.option("--no-ledger", is_flag=True, help="Do not record the verdicts.")
@click.option("--cached", is_flag=True,
              help="Coq only: reuse verdicts stored by earlier runs (bound to the same certificate, generated "
              "source and verified library; a stored 'valid' only where the Python checker also accepts) instead "
              "of compiling. Off by default: stored verdicts never decide validity unless asked for.")
def check(paths: tuple[str, ...], kernel: str, as_json: bool, ledger_path: str | None, no_ledger: bool,
          cached: bool) -> None:
    """Re-check certificate files; exit 0 iff every file is valid under every requested kernel.
    Each verdict is recorded in the ledger (files that do not parse have no hash and are not recorded);
    a reused stored Coq verdict (--cached) is marked "cached" on screen and in the ledger message.

    Example: pybridge check certs/examples --kernel all
    """
    import time

    from ..certs.checker import check_file

    files = certificate_paths(paths)
    kernels = requested_kernels(kernel)
    ledger = None if no_ledger else _open_ledger(ledger_path)
    verdicts: dict[Path, dict[str, tuple[bool, str, str]]] = {path: {} for path in files}
    timings: dict[Path, dict[str, tuple[float, str]]] = {path: {} for path in files}
    for path in files:
        start = time.monotonic()
        verdict = check_file(path)
        verdicts[path]["python"] = (verdict.valid, str(verdict), "")
        timings[path]["python"] = (time.monotonic() - start, _python_kernel_version())
    for name in ("coq", "lean"):
        if name in kernels:
            _run_formal_kernel(name, files, verdicts, timings, cached=cached)
    if ledger is not None:
        with ledger:
            _record_verdicts(ledger, files, {p: {k: verdicts[p][k] for k in kernels} for p in files}, timings)
    all_valid = True
    for path in files:
        results = {k: verdicts[path][k] for k in kernels}
        # a skipped kernel (None) counts only when it was the one explicitly asked for
        valid = all(ok or (ok is None and kernel == "all") for ok, _, _ in results.values())
        all_valid &= valid
        meaning = _statement_of(path) if valid else None
        identity, label_warning = _input_identity(path, valid)
        if as_json:
            click.echo(json.dumps({"path": str(path), "valid": valid, "statement": meaning,
                                   "input": identity, "label_warning": label_warning,
                                   "kernels": {k: {"valid": ok, "message": msg, "detail": d}
                                               for k, (ok, msg, d) in results.items()}}))
            continue
        mark = "[green]VALID  [/green]" if valid else "[red]INVALID[/red]"
        labels = {True: "ok", False: "REJECTED", None: "skipped"}
        parts = [f"{k} {labels[ok]}{' ' + d if d else ''}" for k, (ok, _, d) in results.items()]
        console.print(f"{mark} {path}  ({', '.join(parts)})", highlight=False, soft_wrap=True)
        for k, (ok, message, _) in results.items():
            if ok is not True:
                console.print(f"        {k}: {message}", highlight=False, markup=False, soft_wrap=True)
        for line in (meaning or "").splitlines():
            console.print(f"        {line}", highlight=False, markup=False, soft_wrap=True)
        if identity:
            console.print(f"        input: {identity}", highlight=False, markup=False, soft_wrap=True)
        if label_warning:
            console.print(f"        WARNING: {label_warning}", style="bold red", highlight=False, markup=False,
                          soft_wrap=True)
    if not all_valid:
        sys.exit(EXIT_NOT_FOUND)


def _input_identity(path: Path, valid: bool) -> tuple[str | None, str | None]:
    """What the certificate's input diagram is (``pybridge.knots.identify``, outside the trusted checker),
    and a warning when its ``provenance.source`` names a different KnotInfo knot."""
    from ..knots.identify import certificate_identity

    cert = _read_or_none(path)
    return certificate_identity(cert, valid) if cert is not None else (None, None)


def _statement_of(path: Path) -> str | None:
    """What the accepted certificate at ``path`` proves, in textbook terms (``pybridge.certs.meaning``)."""
    from ..certs.meaning import statement

    cert = _read_or_none(path)
    return statement(cert) if cert is not None else None


def _read_or_none(path: Path):
    """The certificate at ``path`` if it parses and its hash matches, else ``None``."""
    from ..certs.io import read_certificate

    try:
        return read_certificate(path)
    except PybridgeError:
        return None


@click.group("export")
def export() -> None:
    """Render certificates as formal source files (Coq, Lean 4)."""


@export.command("coq")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", default="out/export/coq", show_default=True, help="Directory for the .v files.")
def export_coq(paths: tuple[str, ...], out_dir: str) -> None:
    """Write one Coq file per certificate: the certificate, a vm_compute proof of `check = true`, the
    soundness corollary stating the claim, and `Print Assumptions`.

    Only certificates the trusted Python checker accepts are exported; otherwise nothing is written.

    Example: pybridge export coq certs/examples --out out/export/coq
    """
    from ..export.coq import write_coq_exports

    for written in write_coq_exports(_checked_certificates(paths), out_dir):
        click.echo(str(written))


def _checked_certificates(paths: tuple[str, ...]) -> list:
    """Certificates under ``paths``, each accepted by the trusted checker; otherwise exit 1, nothing written."""
    from ..certs.checker import check_certificate
    from ..certs.io import read_certificate

    certs = []
    for path in certificate_paths(paths):
        cert = read_certificate(path)
        verdict = check_certificate(cert)
        if not verdict.valid:
            click.echo(f"error: {path}: {verdict}; nothing exported", err=True)
            sys.exit(EXIT_NOT_FOUND)
        certs.append(cert)
    return certs


@export.command("lean")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", default="out/export/lean", show_default=True,
              help="Directory for the .lean modules; pass lean/KnotCertGenerated to add them to the library "
                   "`lake build` checks.")
def export_lean(paths: tuple[str, ...], out_dir: str) -> None:
    """Write one Lean 4 module per certificate: the certificate, `theorem cert_check : check cert = true`
    by kernel evaluation, the soundness corollary stating the claim, and `#print axioms`.

    Example: pybridge export lean certs/examples --out out/export/lean
    """
    from ..errors import ExportError
    from ..export.lean import write_lean_exports

    from ..export.lean import LEAN_CALCULI

    certs = _checked_certificates(paths)
    mirrored = [cert for cert in certs if cert.calculus in LEAN_CALCULI]
    if len(mirrored) < len(certs):
        click.echo(f"note: skipped {len(certs) - len(mirrored)} certificate(s) of a calculus the Lean library "
                   "does not mirror (check them with --kernel coq)", err=True)
    if not mirrored:
        raise ExportError("no certificates of a calculus the Lean library mirrors")
    for written in write_lean_exports(mirrored, out_dir):
        click.echo(str(written))


# -- the ledger (pybridge.certs.ledger) -------------------------------------------------------------


def _python_kernel_version() -> str:
    from .. import __version__

    return f"pybridge {__version__}"


def _open_ledger(ledger_path: str | None):
    """The ledger to record into (created if missing); an unusable path exits 2 before any work."""
    from ..certs.ledger import Ledger, default_ledger_path

    return Ledger(ledger_path or default_ledger_path())


def _record_verdicts(ledger, files: list[Path], verdicts: dict, timings: dict) -> None:
    """Record every parseable certificate of a `check` run and its kernel verdicts (one transaction)."""
    from ..certs.ledger import VerdictRecord

    words = {True: "valid", False: "invalid", None: "skipped"}
    entries = []
    for path in files:
        cert = _read_or_none(path)
        if cert is None:
            continue
        records = []
        for kernel, (ok, message, _) in verdicts[path].items():
            seconds, version = timings[path].get(kernel, (0.0, f"{kernel} n/a"))
            records.append(VerdictRecord(kernel, words[ok], version, seconds, message))
        entries.append((cert, path, records))
    ledger.record_checks(entries)


def _existing_ledger(ledger_path: str | None):
    from ..certs.ledger import default_ledger_path, open_existing

    return open_existing(ledger_path or default_ledger_path())


LEDGER_OPTION = click.option("--ledger", "ledger_path", default=None,
                             help="Ledger file [default: $PYBRIDGE_LEDGER or certs/ledger.sqlite].")


@click.group("ledger")
def ledger() -> None:
    """The ledger (SQLite): every certificate, each kernel's verdict, every batch job."""


@ledger.command("list")
@LEDGER_OPTION
@click.option("--kind", default=None, help="Only certificates of this kind (unknot, unlink, ribbon, ...).")
@click.option("--jobs", is_flag=True, help="List batch jobs instead of certificates.")
@click.option("--batch", "batch_id", default=None, help="With --jobs: only this batch.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def ledger_list(ledger_path, kind, jobs, batch_id, as_json) -> None:
    """List the certificates (hash, kind, source, latest verdict per kernel, path) or batch jobs.

    Example: pybridge ledger list --ledger batch-out/ledger.sqlite --jobs
    """
    with _existing_ledger(ledger_path) as book:
        rows = book.jobs(batch_id) if jobs else book.certificates(kind)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} {'jobs' if jobs else 'certificates'} in {book.path}")
    columns = ("batch", "job_key", "kind", "status") if jobs else ("hash", "kind", "calculus", "source", "verdicts", "path")
    for column in columns:
        table.add_column(column)
    for row in rows:
        if jobs:
            table.add_row(row["batch"], row["job_key"], row["kind"], row["status"])
        else:
            source = json.loads(row["provenance"]).get("source", "")
            verdicts = ", ".join(f"{k} {v}" for k, v in sorted(row["verdicts"].items()))
            table.add_row(row["hash"][:12], row["kind"], row["calculus"], str(source), verdicts, row["path"])
    console.print(table)


@ledger.command("show")
@click.argument("hash_prefix")
@LEDGER_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def ledger_show(hash_prefix, ledger_path, as_json) -> None:
    """One certificate (by a hash prefix of ≥ 6 hex digits): its fields, every verdict, its batch jobs.

    Example: pybridge ledger show 1f3a9c
    """
    with _existing_ledger(ledger_path) as book:
        row = book.show(hash_prefix)
    if as_json:
        click.echo(json.dumps(row, indent=2, ensure_ascii=False))
        return
    for key in ("hash", "kind", "calculus", "input", "claim", "path", "provenance", "recorded_at"):
        console.print(f"[bold]{key:12}[/bold] {row[key]}", highlight=False, soft_wrap=True)
    for v in row["verdicts"]:
        console.print(f"  {v['checked_at']}  {v['kernel']:6} {v['verdict']:8} {v['tool_version']}  "
                      f"{v['seconds']:.3f}s  {v['message']}", highlight=False, markup=False, soft_wrap=True)
    for job in row["jobs"]:
        console.print(f"  batch {job['batch']} job {job['job_key']}: {job['status']}", highlight=False)


@ledger.command("export")
@LEDGER_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--table", type=click.Choice(["certificates", "verdicts", "jobs"]), default="verdicts",
              show_default=True, help="verdicts are joined with their certificate's kind, calculus and path.")
@click.option("--out", "out_path", default=None, help="Write to this file (atomically) instead of stdout.")
def ledger_export(ledger_path, fmt, table, out_path) -> None:
    """Export a ledger table as CSV or JSON.

    Example: pybridge ledger export --format csv --table verdicts --out verdicts.csv
    """
    from ..certs.io import write_text_atomic
    from ..certs.ledger import export_text
    from ..errors import InputFileError

    with _existing_ledger(ledger_path) as book:
        text = export_text(book, table, fmt)
    if out_path is None:
        click.echo(text, nl=False)
        return
    try:
        write_text_atomic(Path(out_path), text)
    except OSError as exc:
        raise InputFileError(f"--out {out_path}: cannot write ({exc.strerror or exc})") from None
    click.echo(out_path)


@click.command("check")
@click.option("--out", "out_dir", default="bench-out/check", show_default=True)
@click.option("--lengths", default="10,100,1000,10000", show_default=True, help="Comma-separated move counts.")
@click.option("--seed", default=0, show_default=True)
@click.option("--no-coq", is_flag=True, help="Measure the Python checker only.")
def bench_check(out_dir: str, lengths: str, seed: int, no_coq: bool) -> None:
    """Python checker moves/s and Coq seconds per certificate for growing certificate lengths.

    Example: pybridge bench check --out bench-out/check
    """
    from .bench import run
    from ..errors import SpecError

    try:
        sizes = [int(x) for x in lengths.split(",")]
    except ValueError:
        raise SpecError(f"--lengths {lengths!r}: expected comma-separated integers") from None
    if any(size < 1 for size in sizes):
        raise SpecError(f"--lengths {lengths!r}: lengths must be positive")
    rows = run(out_dir, sizes, seed=seed, coq=not no_coq)
    table = Table(title="bench check")
    for key in rows[0]:
        table.add_column(key)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)
    console.print(f"wrote {out_dir}/results.csv, summary.md, plot.png")
