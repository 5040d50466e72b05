"""Executors for ``pybridge batch``: run one function over many jobs, yield results as they finish.

* ``local`` — a process pool on this machine (:func:`run_local`);
* ``ray`` — Ray tasks (:func:`run_ray`): a local Ray instance started for the run when no address is
  given, or an existing cluster (``--address HOST:PORT`` or ``auto``).

Both yield ``(job, result)`` pairs in completion order. A job whose worker dies yields an ``error``
result instead of stopping the batch. Workers only compute: the driver writes files and the ledger.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

from .errors import PybridgeError, ToolMissingError

EXECUTORS = ("local", "ray")
Job = dict
Result = dict


def failure(message: str) -> Result:
    """The result recorded for a job whose worker failed (crashed, killed, raised a bug)."""
    return {"status": "error", "message": message, "seconds": 0.0, "certificates": []}


def run_local(fn: Callable[[Job], Result], jobs: list[Job], workers: int | None = None) -> Iterator[tuple[Job, Result]]:
    """Run ``fn`` on every job in a pool of ``workers`` processes (default: the CPU count)."""
    if not jobs:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    pending = {pool.submit(fn, job): job for job in jobs}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = failure("the worker process died (re-run the batch with --retry to try again)")
                except Exception as exc:  # a bug in a job: recorded, the batch goes on
                    result = failure(f"{type(exc).__name__}: {exc}")
                yield job, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _import_ray():
    """The ``ray`` module, or :class:`ToolMissingError` (exit 4) saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ToolMissingError("the ray executor needs Ray: pip install 'pybridge[dist]' "
                               "(or pip install 'ray==2.60.0')") from None
    return ray


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
                    result = failure(f"Ray task failed: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}")
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
