"""Render ``plumbing-equivalence`` certificates as Coq files checked by ``KnotCert.Plumbing``.

The file states the two graphs, the bijection and the moves as ``Definition``\\ s, proves
``cert_check : check_plumbing cert = true`` by ``vm_compute`` and the claim

    ``valid_forest graph_a = true /\\ valid_forest graph_b = true /\\ PEquiv graph_a graph_b``

from ``check_plumbing_sound``, then ``Print Assumptions cert_claim``. The term tree is built by
:func:`pybridge.export.terms.build_plumbing` (ids genuine ``int`` values in ``[0, 100000]``, weights
bounded, move names from a fixed table) and printed by :func:`pybridge.export.coq.print_coq`. No
numeral depends on an open scope: every literal carries ``%nat`` or ``%Z``.
"""

from __future__ import annotations

from ..certs.model import Certificate
from . import terms
from .coq import print_coq
from .terms import MAX_ID, MAX_WEIGHT  # noqa: F401

COQ_PLUMBING_MOVE = terms.PLUMBING_MOVES


def render_coq_plumbing(cert: Certificate, digest: str) -> str:
    """The Coq source of a ``calculus: plumbing`` certificate (``Require Import KnotCert.Plumbing``)."""
    return print_coq(terms.build_plumbing(cert, digest))
