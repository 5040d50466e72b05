"""``plumbing-equivalence`` certificates as Lean 4 modules checked by ``KnotCert.Plumbing``.

The Lean twin of :mod:`pybridge.export.coq_plumbing`: the same term tree
(:func:`pybridge.export.terms.build_plumbing`) printed by :func:`pybridge.export.lean.print_lean` --
the graphs, moves and bijection as ``def``\\ s, ``cert_check : KnotCert.Plumbing.check_plumbing cert =
true`` by ``decide`` (kernel evaluation), the claim

    ``And (valid_forest graph_a = true) (And (valid_forest graph_b = true) (PEquiv graph_a graph_b))``

from ``KnotCert.Plumbing.check_plumbing_sound``, then ``#print axioms cert_claim``. The library's
declarations live in the namespace ``KnotCert.Plumbing``; every name is written in full. No Lean
toolchain exists on pybridge's machines, so these modules are not compiled here; the Lean runner's
line audit (:mod:`pybridge.prover.lean`) accepts exactly the lines printed.
"""

from __future__ import annotations

from ..certs.model import Certificate
from . import terms
from .lean import print_lean
from .terms import MAX_ID, MAX_WEIGHT  # noqa: F401

LIBRARY = "KnotCert"
#: the namespace of the plumbing library (``lean/KnotCert/Plumbing.lean``)
NS = terms.PLUMBING
SET_OPTIONS = terms.LIBRARIES["plumbing"].lean_options
COQ_PLUMBING_MOVE = terms.PLUMBING_MOVES


def render_lean_plumbing(cert: Certificate, digest: str, namespace: str, source_text: str) -> str:
    """The Lean 4 module of a ``calculus: plumbing`` certificate (``import KnotCert.Plumbing``)."""
    return print_lean(terms.build_plumbing(cert, digest), namespace, source_text)
