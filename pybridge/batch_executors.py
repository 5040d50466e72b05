"""Executors for ``pybridge batch``: run one function over many jobs, yield results as they finish.

* ``local`` — a process pool on this machine (:func:`run_local`);
* ``ray`` — Ray tasks (:func:`run_ray`): a local Ray instance started for the run when no address is
  given, or an existing cluster (``--address HOST:PORT`` or ``auto``).

Both yield ``(job, result)`` pairs in completion order. A job whose worker dies (a segfault in a
library, the OOM killer) yields an ``error`` result naming the job, and the other jobs go on. Error
messages keep their full text without terminal colour codes; for a failed Ray task, the underlying
exception. Workers only compute: the driver writes files and the ledger.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import socket
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

from .errors import PybridgeError, ToolMissingError

EXECUTORS = ("local", "ray")
Job = dict
Result = dict


#: ANSI/VT100 escape sequences (colours, cursor moves) that Ray and rich put into exception text
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
#: the longest message kept in the ledger (a traceback of a few hundred lines fits)
MAX_MESSAGE = 20_000
#: seconds to wait for a TCP connection to ``--address HOST:PORT`` before giving up
CONNECT_TIMEOUT_S = 10.0
#: seconds a trial ``ray.init`` (in a child process) may take to join ``--address`` before giving up
JOIN_TIMEOUT_S = 20.0


def clean_message(text: str) -> str:
    """``text`` without terminal escape codes and trailing blanks, at most :data:`MAX_MESSAGE` characters."""
    text = ANSI.sub("", str(text)).replace("\r\n", "\n").strip()
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + f"\n... ({len(text) - MAX_MESSAGE} more characters)"


def failure(message: str) -> Result:
    """The result recorded for a job whose worker failed (crashed, killed, raised a bug)."""
    return {"status": "error", "message": clean_message(message), "seconds": 0.0, "certificates": []}


def describe(exc: BaseException) -> str:
    """``Type: message`` of ``exc``; for a Ray task error the exception raised inside the task (its cause),
    followed by the remote traceback Ray kept, colour codes removed."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException):
        head = f"{type(cause).__name__}: {cause}"
        remote = getattr(exc, "traceback_str", "") or ""
        return clean_message(head + (f"\n\n(remote traceback)\n{remote}" if remote else ""))
    return clean_message(f"{type(exc).__name__}: {exc}")


WORKER_DIED = ("the worker process running this job died ({how}); the other jobs went on. Re-run with --retry "
               "to try it again")


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def run_local(fn: Callable[[Job], Result], jobs: list[Job], workers: int | None = None) -> Iterator[tuple[Job, Result]]:
    """Run ``fn`` on every job in a pool of ``workers`` processes (default: the CPU count).

    The pool is fed at most ``workers`` jobs at a time. A worker that dies (segfault, killed) breaks the
    pool and fails the jobs then in it, so which one crashed is unknown: a fresh pool takes the queue,
    and each affected job runs again alone in a pool of its own, where a second death is that job's and
    is recorded ``error``. The other jobs go on.
    """
    if not jobs:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    shared = _new_pool(workers)
    queue, alone = list(jobs), []  # alone: jobs that were in a pool that broke
    pending: dict = {}  # future -> (job, its own pool or None for the shared one)
    try:
        while queue or alone or pending:
            while alone and len(pending) < workers:
                job = alone.pop(0)
                own = _new_pool(1)
                pending[own.submit(fn, job)] = (job, own)
            while queue and len(pending) < workers:
                job = queue.pop(0)
                pending[shared.submit(fn, job)] = (job, None)
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                job, own = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    if own is None:
                        broken = True
                        alone.append(job)
                        continue
                    result = failure(WORKER_DIED.format(how="a crash in a library such as a segfault, "
                                                        "or the process was killed"))
                except Exception as exc:  # a bug in a job: recorded, the batch goes on
                    result = failure(describe(exc))
                finally:
                    if own is not None:
                        own.shutdown(wait=False, cancel_futures=True)
                yield job, result
            if broken:
                for future in [f for f, (_, own) in pending.items() if own is None]:
                    alone.append(pending.pop(future)[0])
                shared.shutdown(wait=False, cancel_futures=True)
                shared = _new_pool(workers)
    finally:
        shared.shutdown(wait=True, cancel_futures=True)
        for _, own in pending.values():
            if own is not None:
                own.shutdown(wait=False, cancel_futures=True)


def _import_ray():
    """The ``ray`` module, or :class:`ToolMissingError` (exit 4) saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ToolMissingError("the ray executor needs Ray: pip install 'pybridge[dist]' "
                               "(or pip install 'ray==2.60.0')") from None
    return ray


JOIN_PROBE = ("import sys, ray; ray.init(address=sys.argv[1], log_to_driver=False, logging_level='ERROR'); "
              "ray.shutdown()")


def probe_address(address: str, timeout_s: float = CONNECT_TIMEOUT_S, join_timeout_s: float = JOIN_TIMEOUT_S) -> None:
    """Fail in bounded time with a clear message when Ray at ``address`` cannot be joined: ``ray.init``
    itself retries for minutes. First a TCP connection to ``HOST:PORT`` (``timeout_s``), then a trial
    ``ray.init`` in a child process, killed after ``join_timeout_s`` (something answers on the port that
    is not a Ray head, or a firewall accepts and drops). ``auto`` and ``ray://`` skip the TCP step."""
    if address != "auto" and "://" not in address:
        _probe_tcp(address, timeout_s)
    try:
        done = subprocess.run([sys.executable, "-c", JOIN_PROBE, address], capture_output=True, text=True,
                              timeout=join_timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise PybridgeError(f"cannot join Ray at {address}: no Ray head answered within {join_timeout_s:g} s "
                            "(is the head node running `ray start --head`, and is this its GCS port?)") from None
    if done.returncode != 0:
        lines = [line for line in clean_message(done.stderr).splitlines() if line.strip()]
        raise PybridgeError(f"cannot join Ray at {address}: {lines[-1] if lines else f'exit {done.returncode}'}")


def _probe_tcp(address: str, timeout_s: float) -> None:
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise PybridgeError(f"--address {address!r}: expected HOST:PORT (for example 10.0.0.5:6379) or 'auto'")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s):
            pass
    except socket.timeout:
        raise PybridgeError(f"cannot join Ray at {address}: no answer within {timeout_s:g} s "
                            "(is the head node running `ray start --head`, and the port open?)") from None
    except OSError as exc:
        raise PybridgeError(f"cannot join Ray at {address}: {exc.strerror or exc} "
                            "(is the head node running `ray start --head --port PORT`?)") from None


def _connect(ray, address: str | None, workers: int | None) -> bool:
    """Start or join Ray unless this process is already connected; return whether we connected."""
    if ray.is_initialized():
        return False
    try:
        if address is None:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(address=address, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise PybridgeError(f"cannot {'start' if address is None else 'join'} Ray"
                            f"{'' if address is None else ' at ' + address}: {exc}") from None
    return True


def run_ray(fn: Callable[[Job], Result], jobs: list[Job], address: str | None = None,
            workers: int | None = None) -> Iterator[tuple[Job, Result]]:
    """Run ``fn`` on every job as a Ray task (one CPU each); results come back as they finish.

    With ``address`` ``None`` a local Ray instance with ``workers`` CPUs (default: all) is started and
    shut down afterwards; a process already connected to Ray (``ray.init`` done) reuses its session.
    """
    ray = _import_ray()
    owns = _connect(ray, address, workers)
    task = ray.remote(num_cpus=1, max_retries=1)(fn)
    pending = {task.remote(job): job for job in jobs}
    try:
        while pending:
            done, _ = ray.wait(list(pending), num_returns=len(pending), timeout=0.2)
            for ref in done:
                job = pending.pop(ref)
                try:
                    result = ray.get(ref)
                except ray.exceptions.RayError as exc:
                    result = failure(f"Ray task failed: {describe(exc)}")
                yield job, result
    finally:
        for ref in pending:
            ray.cancel(ref, force=True)
        if owns:
            ray.shutdown()


def execute(executor: str, fn: Callable[[Job], Result], jobs: Iterable[Job], *, address: str | None = None,
            workers: int | None = None) -> Iterator[tuple[Job, Result]]:
    """Dispatch to :func:`run_local` or :func:`run_ray`."""
    jobs = list(jobs)
    if executor == "local":
        if address is not None:
            raise PybridgeError("--address is for --executor ray")
        return run_local(fn, jobs, workers)
    if executor == "ray":
        return run_ray(fn, jobs, address, workers)
    raise PybridgeError(f"--executor {executor!r}: choose from {', '.join(EXECUTORS)}")
