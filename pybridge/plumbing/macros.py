"""Search-side macro: remove a 0-weighted leaf together with its neighbour, by primitive moves only.

A 0-leaf ``z`` at ``v`` (a 0-framed meridian of ``v``'s unknot) lets ``e_v`` change freely — the
slam-dunk of Kirby calculus (Gompf–Stipsicz, *4-Manifolds and Kirby Calculus*, §5.1), here spelled
in Neumann's moves: ``blowup_edge z v ε`` then ``blowdown_leaf z`` shifts ``e_v`` by ``ε`` and leaves
a new 0-leaf at ``v``. When ``deg v = 2`` the shifts bring ``e_v`` to 0 and ``absorb v`` removes both
vertices (Neumann's R6 on a chain); when ``deg v = 1`` (a component ``v – z``, an ``S³`` summand) they
bring ``e_v`` to ±1, and ``blowdown_leaf v`` and ``blowdown_point`` remove the component. Certificates
contain only the primitive moves, so the checkers need to know nothing about this macro.
"""

from __future__ import annotations

import networkx as nx

from .moves import apply_move, fresh_id


def zero_leaf_macro(graph: nx.Graph, z: int) -> list[tuple] | None:
    """The primitive moves removing the 0-leaf ``z`` and its neighbour, or None if ``z`` is not a
    0-leaf whose neighbour has degree 1 or 2."""
    if graph.nodes[z]["weight"] != 0 or graph.degree(z) != 1:
        return None
    (v,) = graph.neighbors(z)
    degree, weight = graph.degree(v), graph.nodes[v]["weight"]
    if degree not in (1, 2):
        return None
    target = 0 if degree == 2 else (1 if weight >= 0 else -1)
    moves, current = [], graph
    for _ in range(abs(target - weight)):
        eps = 1 if target > weight else -1
        p = fresh_id(current)
        for move in (("blowup_edge", min(z, v), max(z, v), eps), ("blowdown_leaf", z)):
            current = apply_move(current, move)
            moves.append(move)
        z = p
    if degree == 2:
        return moves + [("absorb", v)]
    return moves + [("blowdown_leaf", v), ("blowdown_point", z)]


def zero_leaf_macros(graph: nx.Graph) -> list[list[tuple]]:
    """Every applicable 0-leaf macro, shortest first."""
    found = [zero_leaf_macro(graph, z) for z, w in graph.nodes(data="weight") if w == 0 and graph.degree(z) == 1]
    return sorted((m for m in found if m), key=len)
