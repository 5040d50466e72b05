"""The per-vertex action encoding shared by :class:`pybridge.plumbing.env.PlumbingEnv` and the GNN.

Vertices are taken in increasing id order and padded to ``max_vertices`` slots. Action ``a`` means
vertex slot ``a // 5`` and kind ``a % 5`` (five actions per vertex, as in Ri–Putrov):

====  ======================================================================================
0     blow down the vertex (weight ±1, degree 0, 1 or 2: ``blowdown_point/leaf/edge``)
1     absorb the vertex (weight 0, degree 2)
2     blow up a ``+1`` leaf at the vertex
3     blow up a ``−1`` leaf at the vertex
4     blow up the edge to its smallest-id neighbour, with ``ε = −1`` if the weight is ``> 0``, else ``+1``
====  ======================================================================================

An action is legal when its move's precondition holds and the result has at most ``max_vertices``
vertices.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from .moves import IllegalPlumbingMove, apply_move

KINDS_PER_VERTEX = 5
FEATURES = 8


def action_move(graph: nx.Graph, action: int) -> tuple | None:
    """The move of ``action`` on ``graph``, or None when the slot is empty or the move is not defined."""
    order = sorted(graph.nodes)
    slot, kind = divmod(int(action), KINDS_PER_VERTEX)
    if slot >= len(order):
        return None
    v = order[slot]
    w, degree = graph.nodes[v]["weight"], graph.degree(v)
    if kind == 0:
        return (("blowdown_point", "blowdown_leaf", "blowdown_edge")[degree], v) if w in (1, -1) and degree <= 2 else None
    if kind == 1:
        return ("absorb", v) if w == 0 and degree == 2 else None
    if kind in (2, 3):
        return ("blowup_leaf", v, 1 if kind == 2 else -1)
    if degree == 0:
        return None
    u = min(graph.neighbors(v))
    return ("blowup_edge", min(u, v), max(u, v), -1 if w > 0 else 1)


def action_mask(graph: nx.Graph, max_vertices: int) -> np.ndarray:
    """Boolean mask of the legal actions (``max_vertices * 5`` entries)."""
    mask = np.zeros(max_vertices * KINDS_PER_VERTEX, dtype=bool)
    room = graph.number_of_nodes() < max_vertices
    for action in range(min(graph.number_of_nodes(), max_vertices) * KINDS_PER_VERTEX):
        move = action_move(graph, action)
        mask[action] = move is not None and (room or move[0].startswith("blowdown") or move[0] == "absorb")
    return mask


def step_graph(graph: nx.Graph, action: int) -> nx.Graph | None:
    """The graph after ``action``, or None if it is illegal."""
    move = action_move(graph, action)
    if move is None:
        return None
    try:
        return apply_move(graph, move)
    except IllegalPlumbingMove:
        return None


def node_features(graph: nx.Graph, max_vertices: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features ``[N, 8]``, adjacency ``[N, N]``, vertex mask ``[N]``) in sorted-id slot order.

    Features: ``w/10, |w|/10, [w = 0], [w = 1], [w = −1], deg/4, [deg = 1], [deg = 2]``.
    """
    order = sorted(graph.nodes)[:max_vertices]
    index = {v: k for k, v in enumerate(order)}
    x = np.zeros((max_vertices, FEATURES), dtype=np.float32)
    adj = np.zeros((max_vertices, max_vertices), dtype=np.float32)
    mask = np.zeros(max_vertices, dtype=np.float32)
    for v, k in index.items():
        w, d = graph.nodes[v]["weight"], graph.degree(v)
        x[k] = [w / 10, abs(w) / 10, w == 0, w == 1, w == -1, d / 4, d == 1, d == 2]
        mask[k] = 1
    for u, v in graph.edges:
        if u in index and v in index:
            adj[index[u], index[v]] = adj[index[v], index[u]] = 1
    return x, adj, mask
