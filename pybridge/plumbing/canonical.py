"""Canonical forms of weighted forests, and explicit isomorphisms between them.

The canonical string of a weighted tree is the Aho–Hopcroft–Ullman encoding (Aho, Hopcroft, Ullman,
*The Design and Analysis of Computer Algorithms*, 1974, §3.2) rooted at the tree's centre — the
encoding of a vertex is ``(weight child-encodings-sorted)`` — and, for a tree with two centres, the
smaller of the two rootings. A forest's canonical string is its trees' strings, sorted. Two weighted
forests are isomorphic (a bijection of vertices preserving edges and weights) iff their canonical
strings are equal. The explicit bijection comes from networkx's VF2 matcher with weights compared.
"""

from __future__ import annotations

import networkx as nx
from networkx.algorithms.isomorphism import GraphMatcher


def _rooted(tree: nx.Graph, root: int) -> str:
    """AHU string of ``tree`` rooted at ``root`` (iterative post-order: no recursion limit)."""
    parent = {root: None}
    order = [root]
    for vertex in order:
        for nxt in tree.neighbors(vertex):
            if nxt != parent[vertex]:
                parent[nxt] = vertex
                order.append(nxt)
    code: dict[int, str] = {}
    for vertex in reversed(order):
        children = sorted(code[c] for c in tree.neighbors(vertex) if c != parent[vertex])
        code[vertex] = f"({tree.nodes[vertex]['weight']}{''.join(children)})"
    return code[root]


def _centres(tree: nx.Graph) -> list[int]:
    """The one or two centres of a tree (repeatedly strip the leaves)."""
    degree = dict(tree.degree)
    layer = [v for v, d in degree.items() if d <= 1]
    remaining = len(degree)
    while remaining > 2:
        remaining -= len(layer)
        nxt = []
        for leaf in layer:
            for u in tree.neighbors(leaf):
                degree[u] -= 1
                if degree[u] == 1:
                    nxt.append(u)
        layer = nxt
    return layer


def tree_string(tree: nx.Graph) -> str:
    """Canonical string of one weighted tree."""
    return min(_rooted(tree, centre) for centre in _centres(tree))


def canonical_form(graph: nx.Graph) -> str:
    """Canonical string of a weighted forest: equal strings iff isomorphic (weights included).

    >>> from pybridge.plumbing.graph import make_graph
    >>> canonical_form(make_graph({0: -2, 1: 1, 2: -2}, [(0, 1), (1, 2)]))
    '[(1(-2)(-2))]'
    >>> canonical_form(make_graph({5: -2, 7: 1, 9: -2}, [(5, 7), (9, 7)]))
    '[(1(-2)(-2))]'
    """
    parts = sorted(tree_string(graph.subgraph(c)) for c in nx.connected_components(graph))
    return "[" + ",".join(parts) + "]"


def isomorphism(source: nx.Graph, target: nx.Graph) -> dict[int, int] | None:
    """A weight-preserving graph isomorphism ``source → target`` as ``{source id: target id}``, or None."""
    if source.number_of_nodes() != target.number_of_nodes() or source.number_of_edges() != target.number_of_edges():
        return None
    matcher = GraphMatcher(source, target, node_match=lambda a, b: a["weight"] == b["weight"])
    return next(matcher.isomorphisms_iter(), None)
