"""Run one computation in a child process under a wall-clock limit (issue 23).

Some library calls can take unbounded time (regina's solid-torus test on a knotted complement,
knot Floer homology on a large diagram, SnapPy's hyperbolic structure) and some can kill the
interpreter (Szabó's knot Floer program aborts on some diagrams, spherogram has segfaulted).
:func:`run_bounded` runs ``func(*args)`` in a forked child process and returns a :class:`Bounded`
result instead of raising or hanging:

* ``ok`` — the value came back;
* ``timeout`` — the child was still running after ``timeout_s`` seconds and was killed;
* ``crash`` — the child died without answering (a signal such as SIGSEGV/SIGABRT, or ``os._exit``);
* ``error`` — ``func`` raised; the exception's type and message are kept, never a traceback.

:meth:`Bounded.message` turns the last three into the text users see, e.g.
``unknown (timed out after 10 s)`` or ``unknown (knot Floer homology crashed: killed by signal
SIGABRT)``. The child writes nothing to the parent's stdout (its fd 1 is pointed at stderr), so a
library that prints cannot corrupt ``--json`` output.

Where no child process can be started (inside a daemonic ``multiprocessing`` worker), the function
runs in this process: errors are still caught, but there is no time limit; the result's ``note``
says so.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Bounded", "run_bounded", "process_context", "DEFAULT_TIMEOUT_S"]

#: Default per-invariant limit (seconds) of ``pybridge knot info``.
DEFAULT_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Bounded:
    """Outcome of :func:`run_bounded` for the computation called ``name``."""

    name: str
    status: str  # "ok", "timeout", "crash" or "error"
    value: Any = None
    detail: str = ""
    seconds: float = 0.0
    timeout_s: float = 0.0
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def message(self) -> str:
        """``""`` for ``ok``, else the user-facing ``unknown (...)`` text naming what went wrong."""
        if self.status == "ok":
            return ""
        if self.status == "timeout":
            return f"unknown (timed out after {self.timeout_s:g} s)"
        if self.status == "crash":
            return f"unknown ({self.name} crashed: {self.detail})"
        return f"unknown ({self.name} failed: {self.detail})"


def process_context():
    """The multiprocessing context for bounded children: ``fork`` where available.

    The heavy libraries are imported here first, so that a forked child inherits them instead of
    importing them (a child importing while another parent thread held an import lock could hang),
    and starting a child costs milliseconds.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        import knot_floer_homology  # noqa: F401
        import regina  # noqa: F401
        import snappy  # noqa: F401
        import spherogram  # noqa: F401

        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


def _child(conn, func: Callable, args: tuple, kwargs: dict) -> None:
    try:
        import faulthandler

        faulthandler.disable()  # a crash is reported by the parent, without a Python stack dump
        os.dup2(2, 1)  # whatever the library prints goes to stderr, never into the parent's stdout
    except Exception:
        pass
    try:
        value = func(*args, **kwargs)
        message = ("ok", value)
    except BaseException as exc:  # reported to the parent as text, never printed
        message = ("error", _describe(exc))
    try:
        conn.send(message)
    except Exception as exc:  # e.g. an unpicklable value
        try:
            conn.send(("error", f"result could not be sent back ({_describe(exc)})"))
        except Exception:
            pass
    finally:
        conn.close()


def _exit_detail(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"the process exited with code {code} without an answer"


def run_bounded(name: str, func: Callable, *args: Any, timeout_s: float = DEFAULT_TIMEOUT_S,
                **kwargs: Any) -> Bounded:
    """``func(*args, **kwargs)`` in a child process, at most ``timeout_s`` seconds (see the module)."""
    ctx = process_context()
    start = time.monotonic()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, func, args, kwargs), daemon=True)
    try:
        child.start()
    except (AssertionError, OSError) as exc:  # e.g. a daemonic pool worker may not have children
        sender.close()
        receiver.close()
        note = f"computed in this process without a time limit (no child process: {exc})"
        try:
            value = func(*args, **kwargs)
        except Exception as error:
            return Bounded(name, "error", None, _describe(error), time.monotonic() - start, timeout_s, note)
        return Bounded(name, "ok", value, "", time.monotonic() - start, timeout_s, note)
    sender.close()
    try:
        if not receiver.poll(max(timeout_s, 0.0)):
            return Bounded(name, "timeout", None, f"no answer after {timeout_s:g} s",
                           time.monotonic() - start, timeout_s)
        try:
            tag, payload = receiver.recv()
        except (EOFError, OSError):
            child.join(5)
            return Bounded(name, "crash", None, _exit_detail(child.exitcode), time.monotonic() - start, timeout_s)
        except Exception as exc:  # a value that cannot be unpickled here
            return Bounded(name, "error", None, f"the answer could not be read ({_describe(exc)})",
                           time.monotonic() - start, timeout_s)
        if tag == "ok":
            return Bounded(name, "ok", payload, "", time.monotonic() - start, timeout_s)
        return Bounded(name, "error", None, payload, time.monotonic() - start, timeout_s)
    finally:
        receiver.close()
        stop_child(child)


def stop_child(child, grace_s: float = 1.0) -> None:
    """Terminate a child process that is still running (``kill`` after ``grace_s``) and reap it."""
    if child.is_alive():
        child.terminate()
        child.join(grace_s)
        if child.is_alive():
            child.kill()
    child.join(2)
