"""Kernel runners: re-check certificates with proof assistants (Coq: :mod:`pybridge.prover.coq`)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The user cache of pybridge: ``$PYBRIDGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/pybridge``, else
    ``~/.cache/pybridge``; never the package's own directory (from a wheel that would be site-packages).
    Each user of a shared server gets their own; nothing is created here (callers ``mkdir`` what they use)."""
    override = os.environ.get("PYBRIDGE_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():  # the XDG spec: a relative value is invalid and ignored
        return Path(xdg) / "pybridge"
    return Path.home() / ".cache" / "pybridge"
