"""Weighted plumbing forests as networkx graphs: construction, validation, parsing, serialisation.

Conventions (Neumann, "A calculus for plumbing applied to the topology of complex surface
singularities and degenerating complex curves", Trans. AMS 268 (1981), §1):

* a vertex ``v`` carries an integer weight ``e_v``, the Euler number of the oriented D²-bundle over
  S² attached at ``v`` — in the Kirby diagram, an unknot with framing ``e_v``;
* an edge ``u–v`` plumbs the two bundles (a Hopf clasp of the two unknots). On a forest every edge
  sign can be made ``+`` by reorienting fibres, so edges carry no sign here;
* ``P(Γ)`` is the plumbed 4-manifold and ``M(Γ) = ∂P(Γ)`` the plumbed 3-manifold. The intersection
  form of ``P(Γ)`` is the symmetric matrix ``Q`` with ``Q[v][v] = e_v`` and ``Q[u][v] = 1`` for an edge.
  A single vertex of weight ``e`` gives the lens space ``L(|e|, 1)`` (``S³`` for ``e = ±1``,
  ``S² × S¹`` for ``e = 0``); the empty graph is ``S³``; a forest is the connected sum of its trees.

A graph is an :class:`networkx.Graph` whose nodes are non-negative integer ids, each with a
``weight`` attribute. The file/certificate form is ``{"vertices": [[id, weight], ...], "edges":
[[u, v], ...]}`` (``docs/plumbing.md``).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import networkx as nx
import yaml

from ..errors import InputFileError, PybridgeError

#: ids and weights must fit the certificate schema (``pybridge.certs.model``)
MAX_ID = 100_000
MAX_WEIGHT = 10**6


class PlumbingGraphError(PybridgeError, ValueError):
    """A plumbing graph is malformed (not a forest, bad id or weight, unknown vertex...)."""


def make_graph(weights: dict[int, int], edges) -> nx.Graph:
    """A validated plumbing forest from ``{id: weight}`` and ``[(u, v), ...]``.

    >>> g = make_graph({0: -2, 1: -3}, [(0, 1)])
    >>> sorted(g.nodes(data="weight"))
    [(0, -2), (1, -3)]
    """
    graph = nx.Graph()
    for vertex, weight in weights.items():
        graph.add_node(vertex, weight=weight)
    for edge in edges:
        graph.add_edge(*edge)
    validate(graph, given_edges=list(edges), given_vertices=list(weights))
    return graph


def _require_int(value, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlumbingGraphError(f"{where}: expected an integer, got {value!r}")
    if not low <= value <= high:
        raise PlumbingGraphError(f"{where}: {value} is outside [{low}, {high}]")
    return value


def validate(graph: nx.Graph, given_edges=None, given_vertices=None) -> None:
    """Raise :class:`PlumbingGraphError` unless ``graph`` is a plumbing forest with integer data."""
    if given_vertices is not None and len(set(given_vertices)) != len(given_vertices):
        raise PlumbingGraphError("vertices: an id is listed twice")
    for vertex, weight in graph.nodes(data="weight"):
        _require_int(vertex, "vertex id", 0, MAX_ID)
        if weight is None:
            raise PlumbingGraphError(f"vertex {vertex}: no weight (is it listed in the vertices?)")
        _require_int(weight, f"vertex {vertex} weight", -MAX_WEIGHT, MAX_WEIGHT)
    edges = given_edges if given_edges is not None else list(graph.edges)
    seen = set()
    for u, v in edges:
        if u == v:
            raise PlumbingGraphError(f"edge {u}-{v}: a loop (plumbing graphs here are forests)")
        key = frozenset((u, v))
        if key in seen:
            raise PlumbingGraphError(f"edge {u}-{v}: listed twice (plumbing graphs here are forests)")
        seen.add(key)
    if graph.number_of_nodes() > 0 and not nx.is_forest(graph):
        cycle = nx.find_cycle(graph)
        raise PlumbingGraphError(f"not a forest: cycle through {'-'.join(str(u) for u, _ in cycle)}")


def to_document(graph: nx.Graph) -> dict:
    """``{"vertices": [[id, weight], ...], "edges": [[u, v], ...]}`` sorted by id (u < v)."""
    vertices = [[v, w] for v, w in sorted(graph.nodes(data="weight"))]
    edges = sorted([min(u, v), max(u, v)] for u, v in graph.edges)
    return {"vertices": vertices, "edges": edges}


def from_document(data, where: str = "graph") -> nx.Graph:
    """Parse and validate the mapping form; the error names the offending field."""
    if not isinstance(data, dict) or set(data) - {"vertices", "edges"} or "vertices" not in data:
        raise PlumbingGraphError(f"{where}: expected a mapping with 'vertices' (and 'edges')")
    vertices, edges = data["vertices"], data.get("edges") or []
    if not isinstance(vertices, list) or not isinstance(edges, list):
        raise PlumbingGraphError(f"{where}: 'vertices' and 'edges' must be lists")
    weights = {}
    for k, item in enumerate(vertices):
        if not isinstance(item, list) or len(item) != 2:
            raise PlumbingGraphError(f"{where}.vertices[{k}]: expected [id, weight], got {item!r}")
        vertex = _require_int(item[0], f"{where}.vertices[{k}] id", 0, MAX_ID)
        if vertex in weights:
            raise PlumbingGraphError(f"{where}.vertices[{k}]: id {vertex} is listed twice")
        weights[vertex] = _require_int(item[1], f"{where}.vertices[{k}] weight", -MAX_WEIGHT, MAX_WEIGHT)
    pairs = []
    for k, item in enumerate(edges):
        if not isinstance(item, list) or len(item) != 2:
            raise PlumbingGraphError(f"{where}.edges[{k}]: expected [u, v], got {item!r}")
        for end in item:
            _require_int(end, f"{where}.edges[{k}]", 0, MAX_ID)
            if end not in weights:
                raise PlumbingGraphError(f"{where}.edges[{k}]: vertex {end} is not in the vertices")
        pairs.append((item[0], item[1]))
    return make_graph(weights, pairs)


INLINE = re.compile(r"^\s*(-?\d+(?:\s*,\s*-?\d+)*)?\s*(?:/\s*(\d+\s*-\s*\d+(?:\s*,\s*\d+\s*-\s*\d+)*)?)?\s*$")


def parse_inline(text: str) -> nx.Graph:
    """``[g:]WEIGHTS[/EDGES]``: weights of vertices 0, 1, ... and edges ``u-v``, e.g. ``g:-2,-3,-2/0-1,1-2``
    (the optional ``g:`` keeps a leading minus sign from looking like a command-line option).

    >>> to_document(parse_inline("-2,1/0-1"))
    {'vertices': [[0, -2], [1, 1]], 'edges': [[0, 1]]}
    """
    text = text[2:] if text.startswith("g:") else text  # optional prefix: g:-2,-3 does not look like an option
    match = INLINE.match(text)
    if not match or not (match.group(1) or "/" in text):
        raise PlumbingGraphError(f"{text!r}: expected WEIGHTS[/EDGES] such as -2,-3,-2/0-1,1-2, or a .yaml/.json file")
    weights = {k: int(w) for k, w in enumerate(match.group(1).split(","))} if match.group(1) else {}
    edges = []
    for piece in (match.group(2) or "").split(","):
        if piece.strip():
            u, v = (int(x) for x in piece.split("-"))
            for end in (u, v):
                if end not in weights:
                    raise PlumbingGraphError(f"{text!r}: edge {u}-{v} names vertex {end}, but only "
                                             f"{len(weights)} weights are given")
            edges.append((u, v))
    return make_graph(weights, edges)


def load_graph(spec: str) -> nx.Graph:
    """A graph from a ``.yaml``/``.yml``/``.json`` file (the mapping form) or an inline spec."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml", ".json"):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputFileError(f"{spec}: cannot read ({exc.__class__.__name__})") from None
        try:
            data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as exc:
            raise InputFileError(f"{spec}: not valid {path.suffix[1:].upper()} ({str(exc).splitlines()[0]})") from None
        return from_document(data, where=path.name)
    return parse_inline(spec)


def complexity(graph: nx.Graph) -> int:
    """Ri–Putrov's complexity ``5·#vertices + Σ|e_v|`` (every reducing move lowers it)."""
    return 5 * graph.number_of_nodes() + sum(abs(w) for _, w in graph.nodes(data="weight"))


def random_tree(n: int, rng: random.Random, low: int = -10, high: int = 10) -> nx.Graph:
    """A uniformly random labelled tree on ``n >= 1`` vertices (Prüfer sequence) with weights
    uniform in ``[low, high]``; vertex ids ``0..n-1``."""
    if n < 1:
        raise PlumbingGraphError("a random tree needs at least one vertex")
    tree = nx.from_prufer_sequence([rng.randrange(n) for _ in range(n - 2)]) if n > 2 else nx.path_graph(n)
    for vertex in tree.nodes:
        tree.nodes[vertex]["weight"] = rng.randint(low, high)
    return tree
