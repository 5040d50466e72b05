"""``pybridge batch``: many unknot / ribbon / SPC4 / plumbing jobs on a process pool or a Ray cluster, resumable.

A jobs file (YAML, schema in ``docs/batch.md``) names a batch and lists jobs. Each job has a
deterministic key (its ``id``, or kind + SPEC + a hash of its parameters). The driver

1. validates the whole file (every SPEC parsed) before anything runs;
2. reads the ledger: jobs of this batch already finished are skipped, the others (never started, or
   ``queued`` when an earlier driver died) are queued again;
3. fans the jobs out (:mod:`pybridge.batch_executors`) and, as each finishes, checks its certificates
   with the trusted checker, writes them atomically to ``OUT/certs/<job key>[-k1|-k2].yaml`` (a re-run
   overwrites the same name, never adds a second file) and records certificate, verdict and job status
   in the ledger in one transaction.

A driver killed at any point leaves finished jobs recorded and at worst a certificate file whose job
is still ``queued``: the re-run recomputes it under the same name.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .certs.hashing import canonical_json
from .errors import InputFileError, PybridgeError

JOB_KINDS = ("unknot", "ribbon", "spc4", "plumbing")
AGENTS = {"unknot": ("auto", "greedy", "beam", "rl", "random"), "ribbon": ("auto", "bands", "symmetric", "walk", "rl", "braid"),
          "spc4": ("auto", "bands", "symmetric", "walk", "rl", "braid"),
          "plumbing": ("random", "beam", "rl", "auto")}  # = pybridge.plumbing.agents.AGENTS (tested)
COMMON_KEYS = ("kind", "id", "agent", "budget_s", "seed")
KIND_KEYS = {"unknot": ("spec",), "ribbon": ("spec",), "spc4": ("k1", "k2", "name"), "plumbing": ("a", "b", "name")}
DEFAULT_KEYS = ("agent", "budget_s", "seed")
TOP_KEYS = ("batch", "defaults", "jobs")
DEFAULTS = {"agent": "auto", "budget_s": 10.0, "seed": 0}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


@dataclass(frozen=True)
class BatchSpec:
    """A validated jobs file: the batch id and its jobs (plain dicts with a ``key``)."""

    batch: str
    jobs: list[dict] = field(repr=False)


# --------------------------------------------------------------------------
# The jobs file
# --------------------------------------------------------------------------


class _Loader(yaml.BaseLoader):
    """Every scalar stays a string (YAML 1.1 would read the SPEC 8_20 as 820); duplicate keys are errors."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.value in seen:
                raise InputFileError(f"duplicate key {key_node.value!r} at line {key_node.start_mark.line + 1}")
            seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


def _mapping(value, where: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise InputFileError(f"{where}: expected a mapping")
    unknown = [key for key in value if key not in allowed]
    if unknown:
        raise InputFileError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(allowed)})")
    return value


def _number(value, where: str, kind=float):
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise InputFileError(f"{where}: expected {'a number' if kind is float else 'an integer'}, got {value!r}") from None
    if kind is float and not (0 < number < float("inf")):
        raise InputFileError(f"{where}: must be a positive number of seconds, got {value!r}")
    return number


def _settings(data: dict, where: str, base: dict, kind: str) -> dict:
    """``agent``, ``budget_s`` and ``seed`` of a job (or of ``defaults``), validated."""
    settings = dict(base)
    if "agent" in data:
        settings["agent"] = data["agent"]
    if "budget_s" in data:
        settings["budget_s"] = _number(data["budget_s"], f"{where}.budget_s")
    if "seed" in data:
        settings["seed"] = _number(data["seed"], f"{where}.seed", int)
    if kind and settings["agent"] not in AGENTS[kind]:
        raise InputFileError(f"{where}.agent: {settings['agent']!r} is not a {kind} agent "
                             f"(choose from {', '.join(AGENTS[kind])})")
    return settings


def _knot_spec(value, where: str, knot_only: bool) -> str:
    from .knots import parse_spec

    if not isinstance(value, str) or not value.strip():
        raise InputFileError(f"{where}: expected a knot SPEC string such as 8_20 or braid:1,-2,1")
    try:
        knot = parse_spec(value)
        components = knot.components if knot_only else 1
    except PybridgeError as exc:
        raise InputFileError(f"{where}: {exc}") from None
    if components != 1:
        raise InputFileError(f"{where}: {value!r} is a {components}-component link; expected a knot")
    return value.strip()


def _plumbing_graph(value, where: str) -> dict:
    """A plumbing GRAPH (file or inline ``g:WEIGHTS/EDGES``, as for ``pybridge plumbing equiv``), validated
    here and carried in the job as its document, so workers on other machines need no file."""
    from .plumbing.graph import load_graph, to_document

    if not isinstance(value, str) or not value.strip():
        raise InputFileError(f"{where}: expected a plumbing graph such as g:-2,1,-2/0-1,1-2 or a .yaml/.json file")
    try:
        return to_document(load_graph(value.strip()))
    except PybridgeError as exc:
        raise InputFileError(f"{where}: {exc}") from None


def job_key(job: dict) -> str:
    """``<kind>-<spec or name>-<8 hex digits of the job's parameters>``: the same job, the same key."""
    digest = hashlib.sha256(canonical_json(job).encode()).hexdigest()[:8]
    label = job.get("spec") or job.get("name") or job.get("k1") or "job"
    label = re.sub(r"[^A-Za-z0-9_.-]+", "_", label.split(":")[-1])[:32].strip("._") or "job"
    return f"{job['kind']}-{label}-{digest}"


def _job(data, index: int, defaults: dict) -> dict:
    where = f"jobs[{index}]"
    if not isinstance(data, dict):
        raise InputFileError(f"{where}: expected a mapping like {{kind: unknot, spec: 'braid:1,-1'}}")
    kind = data.get("kind")
    if kind not in JOB_KINDS:
        raise InputFileError(f"{where}.kind: unknown job kind {kind!r} (choose from {', '.join(JOB_KINDS)})")
    _mapping(data, where, COMMON_KEYS + KIND_KEYS[kind])
    job = {"kind": kind, **_settings(data, where, defaults, kind)}
    if kind == "plumbing":
        for key in ("a", "b"):
            if key not in data:
                raise InputFileError(f"{where}: missing key {key!r}")
            job[key] = _plumbing_graph(data[key], f"{where}.{key}")
        job["name"] = str(data.get("name") or f"{data['a'].strip()} ~ {data['b'].strip()}")
    elif kind == "spc4":
        for key in ("k1", "k2"):
            if key not in data:
                raise InputFileError(f"{where}: missing key {key!r}")
            job[key] = _knot_spec(data[key], f"{where}.{key}", knot_only=True)
        job["name"] = str(data.get("name") or f"{job['k1']} / {job['k2']}")
    else:
        if "spec" not in data:
            raise InputFileError(f"{where}: missing key 'spec'")
        job["spec"] = _knot_spec(data["spec"], f"{where}.spec", knot_only=kind == "ribbon")
    if "id" in data and not (isinstance(data["id"], str) and NAME.match(data["id"])):
        raise InputFileError(f"{where}.id: {data['id']!r} must be letters, digits, '_', '.', '-' (at most 80)")
    job["key"] = data.get("id") or job_key(job)
    return job


def load_jobs(path: str | os.PathLike) -> BatchSpec:
    """Read and validate a jobs file; raise :class:`InputFileError` naming the job and key at fault."""
    path = Path(path)
    try:
        root = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"{path}: not valid YAML ({str(exc).splitlines()[0][:80]})") from None
    except InputFileError as exc:
        raise InputFileError(f"{path}: {exc}") from None
    try:
        return _batch(root, path)
    except InputFileError as exc:
        raise InputFileError(f"{path}: {exc}") from None


def _batch(root, path: Path) -> BatchSpec:
    top = _mapping(root, "top level", TOP_KEYS)
    batch = top.get("batch") or path.stem
    if not isinstance(batch, str) or not NAME.match(batch):
        raise InputFileError(f"batch: {batch!r} must be letters, digits, '_', '.', '-' (at most 80)")
    defaults = _settings(_mapping(top.get("defaults", {}), "defaults", DEFAULT_KEYS), "defaults", DEFAULTS, "")
    entries = top.get("jobs")
    if not isinstance(entries, list) or not entries:
        raise InputFileError("jobs: expected a non-empty list of jobs")
    jobs, seen = [], {}
    for index, entry in enumerate(entries):
        job = _job(entry, index, defaults)
        if job["key"] in seen:
            raise InputFileError(f"jobs[{index}]: the same job key {job['key']!r} as jobs[{seen[job['key']]}] "
                                 "(a duplicate job, or give each an 'id')")
        seen[job["key"]] = index
        jobs.append(job)
    return BatchSpec(batch, jobs)


# --------------------------------------------------------------------------
# One job (runs in a worker process)
# --------------------------------------------------------------------------


def _certified(certified, status: str = "certified") -> dict:
    from .certs.io import dump_certificate

    cert = certified.certificate
    return {"status": status, "message": f"{cert.kind} certificate, {len(cert.steps)} steps",
            "agent": certified.agent, "certificates": [{"suffix": "", "text": dump_certificate(cert)}]}


def _search_job(job: dict) -> dict:
    from .knots import parse_spec
    from .pipeline import NotFoundError
    from .ribbon.certify import SliceObstructedError, certify_ribbon
    from .unknot.certify import NotUnknottedError, certify_unknot

    knot = parse_spec(job["spec"])
    certify = certify_unknot if job["kind"] == "unknot" else certify_ribbon
    try:
        return _certified(certify(knot, job["agent"], job["budget_s"], job["seed"]))
    except (NotUnknottedError, SliceObstructedError) as exc:
        return {"status": "refuted", "message": str(exc), "certificates": []}
    except NotFoundError as exc:
        return {"status": "not-found", "message": str(exc), "certificates": []}


def _spc4_job(job: dict) -> dict:
    from .knots import parse_spec
    from .ribbon.spc4 import compare_zero_surgeries, knot_report, pair_verdict

    k1, k2 = parse_spec(job["k1"]), parse_spec(job["k2"])
    surgery = compare_zero_surgeries(k1, k2)
    certificates, reports = [], []
    with tempfile.TemporaryDirectory(prefix="pybridge-spc4-") as scratch:
        for label, knot in (("k1", k1), ("k2", k2)):
            report = knot_report(knot, job["agent"], job["budget_s"], job["seed"], Path(scratch))
            if report.certificate:
                certificates.append({"suffix": f"-{label}", "text": Path(report.certificate).read_text("utf-8")})
            reports.append(report)
    code, text = pair_verdict(reports[0], reports[1], surgery)
    return {"status": "done", "message": text, "verdict": code, "zero_surgery": surgery.status,
            "k1": reports[0].status, "k2": reports[1].status, "certificates": certificates}


def _plumbing_job(job: dict) -> dict:
    from .plumbing.equiv import decide
    from .plumbing.graph import from_document

    a, b = from_document(job["a"], "a"), from_document(job["b"], "b")
    outcome = decide(a, b, job["agent"], job["budget_s"], None, job["seed"], f"plumbing:{job['name']}")
    if outcome.certificate is not None:
        return _certified(outcome)
    status = "refuted" if outcome.status == "refuted" else "not-found"
    return {"status": status, "message": outcome.reason, "certificates": []}


RUNNERS = {"unknot": _search_job, "ribbon": _search_job, "spc4": _spc4_job, "plumbing": _plumbing_job}


def guarded_run(run, job: dict, limit_s: float, **failed) -> dict:
    """``run(job)`` under a hard wall-clock limit of ``limit_s`` seconds, with its ``seconds`` added.

    An overrun is reported as status ``timeout``, a pybridge error (bad input, self-check failure) as status
    ``error``; both results carry no certificate and the extra fields ``failed`` (e.g. ``verdict="unknown"``).
    """
    from .ribbon.spc4 import _hard_limit, _Overrun

    start = time.monotonic()
    try:
        with _hard_limit(limit_s):
            result = run(job)
    except _Overrun:
        result = {"status": "timeout", "message": f"stopped after {limit_s:g} s (budget {job['budget_s']:g} s)",
                  "certificates": [], **failed}
    except PybridgeError as exc:
        result = {"status": "error", "message": f"{type(exc).__name__}: {exc}", "certificates": [], **failed}
    result["seconds"] = round(time.monotonic() - start, 3)
    return result


def run_job(job: dict) -> dict:
    """Run one job (in a worker): the result's ``status``, ``message``, ``seconds`` and certificate texts.

    A search that overruns its budget by far (see :func:`pybridge.ribbon.spc4.hard_limit_s`) is stopped and
    reported ``timeout``; a pybridge error (bad input, self-check failure) is reported ``error``.
    """
    from .ribbon.spc4 import hard_limit_s

    limit = hard_limit_s(job["budget_s"]) * (2 if job["kind"] == "spc4" else 1)
    return guarded_run(RUNNERS[job["kind"]], job, limit)


# --------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """What a run did: jobs skipped as already finished, jobs run, and the count per status."""

    batch: str
    ledger: Path
    total: int
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def prepare_out(out_dir: str | os.PathLike):
    """Create ``OUT/certs``, prove it writable, take the lock ``OUT/.batch.lock`` and return the open lock
    file (closing it releases the lock; so does the death of the process, even by SIGKILL).

    Holding the lock, temporary files left in ``OUT/certs`` by a driver that was killed mid-write are
    removed. A second driver on the same ``OUT`` is refused.
    """
    import fcntl

    out = Path(out_dir)
    try:
        (out / "certs").mkdir(parents=True, exist_ok=True)
        lock = open(out / ".batch.lock", "a")
    except OSError as exc:
        raise InputFileError(f"--out {out_dir}: cannot write there ({exc.strerror or exc}); "
                             "choose a writable output directory") from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise InputFileError(f"--out {out_dir}: another pybridge batch is running there") from None
    for stale in (out / "certs").glob(".tmp-*"):
        stale.unlink(missing_ok=True)
    return lock


def store_certificates(result: dict, key: str, out: Path) -> list:
    """Check each certificate text of ``result`` with the trusted checker, write the accepted ones to
    ``OUT/certs/<key><suffix>.yaml`` atomically; return ``(certificate, path, verdict record)`` triples.

    A certificate the checker rejects is not written; the job becomes an ``error`` (a search bug).
    """
    from . import __version__
    from .certs import Certificate, check_certificate
    from .certs.io import StrictLoader, write_text_atomic
    from .certs.ledger import VerdictRecord

    stored = []
    for item in result.get("certificates", []):
        start = time.monotonic()
        cert = Certificate.from_document(yaml.load(item["text"], Loader=StrictLoader))
        verdict = check_certificate(cert)
        if not verdict.valid:
            raise PybridgeError(f"job {key}: the produced certificate failed the trusted check: {verdict}")
        path = out / "certs" / f"{key}{item['suffix']}.yaml"
        try:
            write_text_atomic(path, item["text"])
        except OSError as exc:  # e.g. a full disk: the job stays queued, a re-run redoes it
            raise InputFileError(f"cannot write {path} ({exc.strerror or exc}); the batch stopped, "
                                 "re-run it when there is space") from None
        record = VerdictRecord("python", "valid", f"pybridge {__version__}", time.monotonic() - start, "valid")
        stored.append((cert, path, record))
    return stored


def _pending(spec: BatchSpec, ledger, retry: bool) -> tuple[list[dict], int]:
    statuses = ledger.job_statuses(spec.batch)
    rerun = ("queued", "error", "timeout") if retry else ("queued",)
    todo = [job for job in spec.jobs if statuses.get(job["key"], "queued") in rerun]
    return todo, len(spec.jobs) - len(todo)


def _record(ledger, spec: BatchSpec, job: dict, result: dict, out: Path) -> str:
    try:
        stored = store_certificates(result, job["key"], out)
    except InputFileError:
        raise
    except PybridgeError as exc:
        stored, result = [], {**result, "status": "error", "message": str(exc)}
    summary = {k: v for k, v in result.items() if k != "certificates"}
    summary["certificates"] = [str(path) for _, path, _ in stored]
    ledger.finish_job(spec.batch, job["key"], result["status"], summary, stored)
    return result["status"]


def run_batch(jobs_file: str | os.PathLike, executor: str = "local", *, out_dir: str | os.PathLike = "batch-out",
              ledger_path: str | os.PathLike | None = None, address: str | None = None,
              workers: int | None = None, retry: bool = False, show_progress: bool = True) -> BatchSummary:
    """Run (or resume) the batch in ``jobs_file``; see the module docstring. Returns a :class:`BatchSummary`.

    Finished jobs of the same batch id found in the ledger are skipped; with ``retry`` also those that
    ended ``error`` or ``timeout`` run again.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch_executors import EXECUTORS, _import_ray, execute, probe_address
    from .certs.ledger import Ledger, default_ledger_path

    if executor not in EXECUTORS:
        raise PybridgeError(f"--executor {executor!r}: choose from {', '.join(EXECUTORS)}")
    if executor == "ray":
        _import_ray()  # Ray missing: exit 4 before anything is written
    spec = load_jobs(jobs_file)
    if executor == "ray" and address is not None:
        probe_address(address)  # bounded: an unreachable head fails here, before anything is written
    out = Path(out_dir)
    start = time.monotonic()
    with prepare_out(out), Ledger(ledger_path or default_ledger_path(out)) as ledger:
        todo, skipped = _pending(spec, ledger, retry)
        summary = BatchSummary(spec.batch, ledger.path, len(spec.jobs), skipped)
        ledger.queue_jobs(spec.batch, [(job["key"], job["kind"], job) for job in todo])
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), disable=not show_progress) as progress:
            task = progress.add_task(f"batch {spec.batch} ({executor})", total=len(spec.jobs), completed=skipped)
            with closing(execute(executor, run_job, todo, address=address, workers=workers)) as results:
                for job, result in results:
                    status = _record(ledger, spec, job, result, out)
                    summary.counts[status] = summary.counts.get(status, 0) + 1
                    progress.update(task, advance=1, description=f"batch {spec.batch} ({executor}) "
                                    + " ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())))
    summary.seconds = round(time.monotonic() - start, 3)
    return summary
