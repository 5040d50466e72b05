"""Neumann's moves on plumbing forests (search side), as tuples ``(name, *int_args)``.

Neumann, "A calculus for plumbing" (Trans. AMS 268, 1981), Prop. 2.1, moves R1–R3 restricted to
forests (``docs/certificates.md`` §5 is the exact specification; the trusted checker
``pybridge.certs.plumbing_checker`` re-implements it independently). ``ε ∈ {+1, −1}``; ``fresh`` is
``max(id) + 1`` (``0`` for the empty graph), taken before the move.

============================  ==========================================================================
``("blowup_leaf", v, ε)``     new leaf ``fresh`` of weight ε at ``v``; ``e_v += ε``        (R1 inverse)
``("blowdown_leaf", p)``      ``p`` has weight ε and one neighbour ``v``: delete ``p``; ``e_v −= ε`` (R1)
``("blowup_edge", u, v, ε)``  edge ``u–v`` becomes ``u–fresh–v``, ``e_fresh = ε``; ``e_u, e_v += ε`` (R2⁻¹)
``("blowdown_edge", p)``      ``p`` has weight ε, neighbours ``u, v``: delete ``p``, add ``u–v``,
                              ``e_u, e_v −= ε``                                                  (R2)
``("blowup_point", ε)``       new isolated vertex ``fresh`` of weight ε (an ``S³`` summand)    (R1⁻¹)
``("blowdown_point", p)``     delete an isolated vertex of weight ε                             (R1)
``("absorb", z)``             ``e_z = 0``, neighbours ``u < v``: delete ``z`` and ``v``, ``u`` takes
                              ``v``'s other neighbours and ``e_u += e_v``                       (R3)
``("split", v, a, n…)``       ``n…`` strictly increasing neighbours of ``v``: new ``p = fresh`` of
                              weight ``a`` takes them, ``z = fresh + 1`` of weight 0 joins
                              ``v–z–p``, ``e_v −= a``                                          (R3⁻¹)
============================  ==========================================================================

Each move preserves the oriented homeomorphism type of ``M(Γ)``; the blow-ups change the 4-manifold
``P(Γ)`` by ``# ±CP²`` (signature ``± 1``), absorption/splitting leave the signature unchanged.
"""

from __future__ import annotations

import networkx as nx

#: moves that lower the complexity ``5·#V + Σ|e|`` (used to reduce towards a normal form)
REDUCING = ("blowdown_leaf", "blowdown_edge", "blowdown_point", "absorb")


class IllegalPlumbingMove(ValueError):
    """A move whose precondition fails; the message names the condition."""


def fresh_id(graph: nx.Graph) -> int:
    """``max(id) + 1``, or 0 for the empty graph: the id a blow-up or split gives its new vertex."""
    return max(graph.nodes, default=-1) + 1


def _weight(graph: nx.Graph, vertex: int) -> int:
    if vertex not in graph:
        raise IllegalPlumbingMove(f"vertex {vertex} does not exist")
    return graph.nodes[vertex]["weight"]


def _sign(value: int) -> None:
    if value not in (1, -1):
        raise IllegalPlumbingMove(f"blow-up sign must be 1 or -1, got {value}")


def _unit(graph: nx.Graph, p: int, degree: int) -> int:
    eps = _weight(graph, p)
    if eps not in (1, -1):
        raise IllegalPlumbingMove(f"vertex {p} has weight {eps}, not ±1")
    if graph.degree(p) != degree:
        raise IllegalPlumbingMove(f"vertex {p} has degree {graph.degree(p)}, not {degree}")
    return eps


def _shift(graph: nx.Graph, vertex: int, delta: int) -> None:
    graph.nodes[vertex]["weight"] += delta


def apply_move(graph: nx.Graph, move: tuple) -> nx.Graph:
    """The graph after ``move`` (a new graph); raise :class:`IllegalPlumbingMove` if it is illegal.

    >>> from pybridge.plumbing.graph import make_graph, to_document
    >>> g = make_graph({0: -2, 1: -3}, [(0, 1)])
    >>> to_document(apply_move(g, ("blowup_edge", 0, 1, -1)))
    {'vertices': [[0, -3], [1, -4], [2, -1]], 'edges': [[0, 2], [1, 2]]}
    """
    name, args = move[0], tuple(move[1:])
    handler = HANDLERS.get(name)
    if handler is None:
        raise IllegalPlumbingMove(f"unknown move {name!r}")
    if name != "split" and len(args) != ARITY[name]:
        raise IllegalPlumbingMove(f"{name} takes {ARITY[name]} argument(s), got {len(args)}")
    if name == "split" and len(args) < 2:
        raise IllegalPlumbingMove("split takes a vertex, a weight and the neighbours that move")
    out = graph.copy()
    handler(out, *args)
    return out


def _blowup_leaf(g: nx.Graph, v: int, eps: int) -> None:
    _weight(g, v)
    _sign(eps)
    p = fresh_id(g)
    g.add_node(p, weight=eps)
    g.add_edge(v, p)
    _shift(g, v, eps)


def _blowdown_leaf(g: nx.Graph, p: int) -> None:
    eps = _unit(g, p, 1)
    (v,) = g.neighbors(p)
    g.remove_node(p)
    _shift(g, v, -eps)


def _blowup_edge(g: nx.Graph, u: int, v: int, eps: int) -> None:
    _weight(g, u), _weight(g, v)
    _sign(eps)
    if not g.has_edge(u, v):
        raise IllegalPlumbingMove(f"no edge {u}-{v}")
    p = fresh_id(g)
    g.remove_edge(u, v)
    g.add_node(p, weight=eps)
    g.add_edges_from([(u, p), (p, v)])
    _shift(g, u, eps)
    _shift(g, v, eps)


def _blowdown_edge(g: nx.Graph, p: int) -> None:
    eps = _unit(g, p, 2)
    u, v = g.neighbors(p)
    g.remove_node(p)
    g.add_edge(u, v)
    _shift(g, u, -eps)
    _shift(g, v, -eps)


def _blowup_point(g: nx.Graph, eps: int) -> None:
    _sign(eps)
    g.add_node(fresh_id(g), weight=eps)


def _blowdown_point(g: nx.Graph, p: int) -> None:
    _unit(g, p, 0)
    g.remove_node(p)


def _absorb(g: nx.Graph, z: int) -> None:
    if _weight(g, z) != 0:
        raise IllegalPlumbingMove(f"vertex {z} has weight {g.nodes[z]['weight']}, not 0")
    if g.degree(z) != 2:
        raise IllegalPlumbingMove(f"vertex {z} has degree {g.degree(z)}, not 2")
    u, v = sorted(g.neighbors(z))
    others = [x for x in g.neighbors(v) if x != z]
    weight_v = g.nodes[v]["weight"]
    g.remove_nodes_from([z, v])
    g.add_edges_from((u, x) for x in others)
    _shift(g, u, weight_v)


def _split(g: nx.Graph, v: int, a: int, *moving: int) -> None:
    _weight(g, v)
    if any(b <= x for x, b in zip(moving, moving[1:])):
        raise IllegalPlumbingMove("split: the moving neighbours must be strictly increasing")
    for x in moving:
        if not g.has_edge(v, x):
            raise IllegalPlumbingMove(f"split: {x} is not a neighbour of {v}")
    p = fresh_id(g)
    g.remove_edges_from((v, x) for x in moving)
    g.add_node(p, weight=a)
    g.add_node(p + 1, weight=0)
    g.add_edges_from([(x, p) for x in moving] + [(v, p + 1), (p + 1, p)])
    _shift(g, v, -a)


HANDLERS = {
    "blowup_leaf": _blowup_leaf,
    "blowdown_leaf": _blowdown_leaf,
    "blowup_edge": _blowup_edge,
    "blowdown_edge": _blowdown_edge,
    "blowup_point": _blowup_point,
    "blowdown_point": _blowdown_point,
    "absorb": _absorb,
    "split": _split,
}
ARITY = {"blowup_leaf": 2, "blowdown_leaf": 1, "blowup_edge": 3, "blowdown_edge": 1, "blowup_point": 1,
         "blowdown_point": 1, "absorb": 1}


def reducing_moves(graph: nx.Graph) -> list[tuple]:
    """Every legal move of :data:`REDUCING` (blow-downs of ±1 vertices of degree ≤ 2, absorptions)."""
    moves = []
    for v, w in graph.nodes(data="weight"):
        degree = graph.degree(v)
        if w in (1, -1) and degree <= 2:
            moves.append((("blowdown_point", "blowdown_leaf", "blowdown_edge")[degree], v))
        elif w == 0 and degree == 2:
            moves.append(("absorb", v))
    return moves


def blowup_moves(graph: nx.Graph) -> list[tuple]:
    """Every ±1 blow-up at a vertex (new leaf) or on an edge; splits are not enumerated (they take a
    free weight and a neighbour subset) — the scrambler draws them at random."""
    moves = [("blowup_leaf", v, eps) for v in sorted(graph.nodes) for eps in (1, -1)]
    moves += [("blowup_edge", min(u, v), max(u, v), eps) for u, v in graph.edges for eps in (1, -1)]
    return moves


def inverse_move(before: nx.Graph, move: tuple, after: nx.Graph) -> tuple:
    """The move that takes ``after`` (= ``apply_move(before, move)``) back to a graph isomorphic to
    ``before``, in ``after``'s vertex ids."""
    name, args = move[0], move[1:]
    if name in ("blowup_leaf", "blowup_point"):
        return ("blowdown_leaf" if name == "blowup_leaf" else "blowdown_point", fresh_id(before))
    if name == "blowup_edge":
        return ("blowdown_edge", fresh_id(before))
    if name == "split":
        return ("absorb", fresh_id(before) + 1)
    p = args[0]
    eps = before.nodes[p]["weight"]
    if name == "blowdown_point":
        return ("blowup_point", eps)
    if name == "blowdown_leaf":
        (v,) = before.neighbors(p)
        return ("blowup_leaf", v, eps)
    if name == "blowdown_edge":
        u, v = sorted(before.neighbors(p))
        return ("blowup_edge", u, v, eps)
    # absorb z: u < v merged into u; split u again, moving v's other neighbours to the new vertex
    u, v = sorted(before.neighbors(p))
    moving = sorted(x for x in before.neighbors(v) if x != p)
    return ("split", u, before.nodes[v]["weight"], *moving)


def complexity_change(graph: nx.Graph, move: tuple) -> int:
    """The change of ``5·#V + Σ|e|`` a reducing move makes, computed without applying it."""
    name, x = move[0], move[1]
    w = graph.nodes
    if name == "absorb":
        u, v = graph.neighbors(x)
        return -10 + abs(w[u]["weight"] + w[v]["weight"]) - abs(w[u]["weight"]) - abs(w[v]["weight"])
    eps = w[x]["weight"]
    return -6 + sum(abs(w[u]["weight"] - eps) - abs(w[u]["weight"]) for u in graph.neighbors(x))
