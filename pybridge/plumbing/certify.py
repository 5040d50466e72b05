"""Turn a meeting ``A →(path_a) N ≅ N' ←(path_b) B`` into a ``plumbing-equivalence`` certificate.

The certificate's steps are ``path_a`` followed by the inverses of ``path_b`` in reverse order,
translated into the vertex ids of the A side: an isomorphism ``ψ`` from the current B-side state to
the current A-side state is kept (networkx VF2, recomputed after each step), each inverse move is
rewritten through ``ψ`` and applied on the A side. The final bijection maps the end state onto B.
The certificate is then re-checked by the trusted checker; a failure is a bug (exit 3).
"""

from __future__ import annotations

import networkx as nx

from .. import __version__
from ..certs.checker import check_certificate
from ..certs.model import Certificate
from ..errors import SelfCheckError
from .canonical import isomorphism
from .graph import to_document
from .moves import apply_move, inverse_move

ID_ARGS = {"blowup_leaf": 1, "blowdown_leaf": 1, "blowup_edge": 2, "blowdown_edge": 1, "blowup_point": 0,
           "blowdown_point": 1, "absorb": 1}


def translate(move: tuple, psi: dict[int, int]) -> tuple:
    """``move`` with its vertex-id arguments sent through ``psi`` (split's neighbour list re-sorted)."""
    name, args = move[0], list(move[1:])
    if name == "split":
        return ("split", psi[args[0]], args[1], *sorted(psi[x] for x in args[2:]))
    ids = ID_ARGS[name]
    return (name, *[psi[x] for x in args[:ids]], *args[ids:])


def b_side_states(b: nx.Graph, path_b: list) -> list[nx.Graph]:
    """``[B_0 = B, B_1, ..., B_l]`` along ``path_b``."""
    states = [b]
    for move in path_b:
        states.append(apply_move(states[-1], move))
    return states


def compose(a: nx.Graph, b: nx.Graph, path_a: list, path_b: list) -> tuple[list[tuple], nx.Graph, dict]:
    """One move list from ``a`` to a graph isomorphic to ``b``; returns (steps, end state, bijection)."""
    current = a
    for move in path_a:
        current = apply_move(current, move)
    states = b_side_states(b, path_b)
    psi = isomorphism(states[-1], current)
    if psi is None:
        raise SelfCheckError("the two search paths do not meet in isomorphic graphs")
    steps = list(path_a)
    for j in range(len(path_b), 0, -1):
        back = translate(inverse_move(states[j - 1], path_b[j - 1], states[j]), psi)
        current = apply_move(current, back)
        steps.append(back)
        psi = isomorphism(states[j - 1], current)
        if psi is None:
            raise SelfCheckError(f"inverse of B-side move {j - 1} does not restore the B-side state")
    bijection = {x: y for y, x in psi.items()}
    return steps, current, bijection


def build_certificate(a: nx.Graph, b: nx.Graph, path_a: list, path_b: list, provenance: dict) -> Certificate:
    """The sealed certificate ``A ~ B``, re-checked by the trusted checker (SelfCheckError if not valid)."""
    steps, _, bijection = compose(a, b, path_a, path_b)
    cert = Certificate.create(
        "plumbing-equivalence", "plumbing", {"a": to_document(a), "b": to_document(b)},
        {"bijection": [[x, bijection[x]] for x in sorted(bijection)]}, [list(s) for s in steps],
        {"version": __version__, **provenance},
    )
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise SelfCheckError(f"produced plumbing certificate fails the trusted check: {verdict}")
    return cert
