"""Planar-diagram certificates (``calculus: pd``) as Lean 4 modules checked by ``KnotCert.PD``.

The term tree is built by :func:`pybridge.export.terms.build_pd` and printed by
:func:`pybridge.export.lean.print_lean`, like every other certificate. A certificate of more than
:data:`PD_CHUNK` steps is checked chunk by chunk (see :mod:`pybridge.export.lean`, "Size"): the states
after each chunk come from :func:`replay_chunks`, the trusted Python checker's replay.
"""

from __future__ import annotations

from ..certs.model import Certificate
from . import terms
from .lean import PD_SET_OPTIONS, definition, print_lean  # noqa: F401  (PD_SET_OPTIONS re-exported)

COQ_PD_MOVE = terms.PD_MOVES
#: steps per ``def steps_k`` and per ``decide`` of a chunked module
PD_CHUNK = terms.LIBRARIES["pd"].lean_chunk


def replay_chunks(cert: Certificate, crossings, free: int) -> list[tuple[tuple, int, int, int]] | None:
    """``[(crossings, free, bands, deaths)]`` after each chunk, by the trusted checker; ``None`` if it rejects."""
    return terms.pd_replay(cert, crossings, free, PD_CHUNK)


def render_state(name: str, crossings, free: int) -> str:
    """``def name : KnotCert.PDState := KnotCert.PDState.mk_pd [...] free`` (one crossing per line)."""
    return definition(terms.Def(name, terms.PD_STATE, terms.pd_state(crossings, free, name)))


def render_lean_pd(cert: Certificate, digest: str, namespace: str, source_text: str) -> str:
    """The Lean 4 module of a ``calculus: pd`` certificate (``import KnotCert.PD``)."""
    return print_lean(terms.build_pd(cert, digest), namespace, source_text)
