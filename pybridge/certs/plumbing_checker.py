"""The trusted checker of the plumbing calculus (``docs/certificates.md`` §5).

It re-plays Neumann's moves on plain dictionaries and imports nothing from the search code
(``pybridge.plumbing``): a bug there cannot hide itself. ``coq/theories/Plumbing.v`` and
``lean/KnotCert/Plumbing.lean`` define the same functions under the same names (``valid_forest``,
``fresh``, ``apply_pmove``, ``run_plumb``, ``iso_ok``, ``check_plumbing``).

A graph is ``(weights, edges)``: ``weights`` maps a vertex id to its integer weight (the Euler
number), ``edges`` is a set of 2-element frozensets. A ``plumbing-equivalence`` certificate is valid
iff both input graphs are forests, every step's precondition holds, the end state is a forest and the
claimed bijection maps it onto graph B preserving weights and edges.
"""

from __future__ import annotations

from typing import Any

from ..errors import CertificateFormatError
from .checker import IllegalMove, Verdict

#: move name -> number of integer arguments (``split`` takes 2 or more)
PLUMBING_ARITY = {
    "blowup_leaf": 2,
    "blowdown_leaf": 1,
    "blowup_edge": 3,
    "blowdown_edge": 1,
    "blowup_point": 1,
    "blowdown_point": 1,
    "absorb": 1,
    "split": None,
}
MAX_ID = 100_000
MAX_WEIGHT = 10**6


# -- schema (called from pybridge.certs.model) ------------------------------------------------------


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CertificateFormatError(f"{where}: expected an integer, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise CertificateFormatError(f"{where}: {value} is outside [{low}, {high}]")
    return value


def _pairs(value: Any, where: str, second: tuple[int, int]) -> list[list[int]]:
    if not isinstance(value, list):
        raise CertificateFormatError(f"{where}: expected a list, got {type(value).__name__}")
    out = []
    for k, item in enumerate(value):
        if not isinstance(item, list) or len(item) != 2:
            raise CertificateFormatError(f"{where}[{k}]: expected a pair [x, y], got {item!r}")
        out.append([_int(item[0], f"{where}[{k}][0]", 0, MAX_ID), _int(item[1], f"{where}[{k}][1]", *second)])
    return out


def _graph_shape(value: Any, where: str) -> dict:
    if not isinstance(value, dict) or sorted(value) != ["edges", "vertices"]:
        raise CertificateFormatError(f"{where}: expected exactly the fields 'vertices' and 'edges'")
    return {"vertices": _pairs(value["vertices"], f"{where}.vertices", (-MAX_WEIGHT, MAX_WEIGHT)),
            "edges": _pairs(value["edges"], f"{where}.edges", (0, MAX_ID))}


def parse_plumbing_input(value: Any) -> dict:
    """Validate the shape of ``{a: GRAPH, b: GRAPH}`` with ``GRAPH = {vertices: [[id, weight]...],
    edges: [[u, v]...]}``; ids in ``[0, 100000]``, weights in ``[-10^6, 10^6]``."""
    if not isinstance(value, dict) or sorted(value) != ["a", "b"]:
        raise CertificateFormatError("input: expected exactly the fields 'a' and 'b' (the two graphs)")
    return {"a": _graph_shape(value["a"], "input.a"), "b": _graph_shape(value["b"], "input.b")}


def parse_plumbing_claim(value: Any) -> dict:
    """Validate ``{bijection: [[end-state id, graph-B id], ...]}``."""
    if not isinstance(value, dict) or list(value) != ["bijection"]:
        raise CertificateFormatError("claim: expected exactly the field 'bijection'")
    return {"bijection": _pairs(value["bijection"], "claim.bijection", (0, MAX_ID))}


# -- states --------------------------------------------------------------------------------------


def graph_of(document: dict) -> tuple[dict[int, int], list[tuple[int, int]], list[int]]:
    """``(weights, edge list, id list)`` of a schema-checked graph, as written."""
    ids = [v for v, _ in document["vertices"]]
    return {v: w for v, w in document["vertices"]}, [(u, v) for u, v in document["edges"]], ids


def valid_forest(weights: dict, edges: list, ids: list) -> str:
    """``""`` if the graph is a simple forest, else why not. Distinct ids, edge ends exist, no loop,
    no repeated edge, and repeatedly deleting every vertex of degree <= 1 empties the graph."""
    if len(set(ids)) != len(ids):
        return "a vertex id is listed twice"
    seen = set()
    for u, v in edges:
        if u not in weights or v not in weights:
            return f"edge {u}-{v} names a vertex that does not exist"
        if u == v:
            return f"edge {u}-{v} is a loop"
        if frozenset((u, v)) in seen:
            return f"edge {u}-{v} is listed twice"
        seen.add(frozenset((u, v)))
    alive, live_edges = set(ids), set(seen)
    while alive:
        degree = {v: 0 for v in alive}
        for edge in live_edges:
            for end in edge:
                degree[end] += 1
        leaves = {v for v, d in degree.items() if d <= 1}
        if not leaves:
            return f"not a forest: the vertices {sorted(alive)[:6]} lie on a cycle"
        alive -= leaves
        live_edges = {edge for edge in live_edges if not edge & leaves}
    return ""


class Graph:
    """A mutable plumbing graph: ``w`` (id -> weight) and ``e`` (set of frozenset edges)."""

    def __init__(self, weights: dict[int, int], edges) -> None:
        self.w = dict(weights)
        self.e = {frozenset(edge) for edge in edges}

    def nbrs(self, v: int) -> list[int]:
        return sorted(x for edge in self.e if v in edge for x in edge if x != v)

    def need(self, v: int) -> int:
        if v not in self.w:
            raise IllegalMove(f"vertex {v} does not exist")
        return self.w[v]

    def delete(self, v: int) -> None:
        del self.w[v]
        self.e = {edge for edge in self.e if v not in edge}


def fresh(g: Graph) -> int:
    """``max(id) + 1``, or 0 for the empty graph."""
    return max(g.w, default=-1) + 1


def _sign(eps: int) -> None:
    if eps not in (1, -1):
        raise IllegalMove(f"blow-up sign must be 1 or -1, got {eps}")


def _unit(g: Graph, p: int, degree: int) -> int:
    eps = g.need(p)
    if eps not in (1, -1):
        raise IllegalMove(f"vertex {p} has weight {eps}, not ±1")
    if len(g.nbrs(p)) != degree:
        raise IllegalMove(f"vertex {p} has degree {len(g.nbrs(p))}, not {degree}")
    return eps


def apply_pmove(g: Graph, move: tuple) -> Graph:
    """Apply one move of the plumbing calculus (§5 moves table) in place; raise IllegalMove."""
    name, args = move[0], list(move[1:])
    if name not in PLUMBING_ARITY:
        raise IllegalMove(f"unknown move {name!r}")
    arity = PLUMBING_ARITY[name]
    if (arity is not None and len(args) != arity) or (arity is None and len(args) < 2):
        raise IllegalMove(f"{name} takes {arity if arity is not None else 'at least 2'} argument(s), got {len(args)}")
    if name == "blowup_leaf":
        v, eps = args
        g.need(v), _sign(eps)
        p = fresh(g)
        g.w[p] = eps
        g.e.add(frozenset((v, p)))
        g.w[v] += eps
    elif name == "blowdown_leaf":
        (p,) = args
        eps = _unit(g, p, 1)
        (v,) = g.nbrs(p)
        g.delete(p)
        g.w[v] -= eps
    elif name == "blowup_edge":
        u, v, eps = args
        g.need(u), g.need(v), _sign(eps)
        if frozenset((u, v)) not in g.e or u == v:
            raise IllegalMove(f"no edge {u}-{v}")
        p = fresh(g)
        g.e.discard(frozenset((u, v)))
        g.w[p] = eps
        g.e |= {frozenset((u, p)), frozenset((p, v))}
        g.w[u] += eps
        g.w[v] += eps
    elif name == "blowdown_edge":
        (p,) = args
        eps = _unit(g, p, 2)
        u, v = g.nbrs(p)
        g.delete(p)
        g.e.add(frozenset((u, v)))
        g.w[u] -= eps
        g.w[v] -= eps
    elif name == "blowup_point":
        (eps,) = args
        _sign(eps)
        g.w[fresh(g)] = eps
    elif name == "blowdown_point":
        (p,) = args
        _unit(g, p, 0)
        g.delete(p)
    elif name == "absorb":
        (z,) = args
        if g.need(z) != 0:
            raise IllegalMove(f"vertex {z} has weight {g.w[z]}, not 0")
        if len(g.nbrs(z)) != 2:
            raise IllegalMove(f"vertex {z} has degree {len(g.nbrs(z))}, not 2")
        u, v = g.nbrs(z)
        others, weight_v = [x for x in g.nbrs(v) if x != z], g.w[v]
        g.delete(z)
        g.delete(v)
        g.e |= {frozenset((u, x)) for x in others}
        g.w[u] += weight_v
    else:  # split v a n1 < n2 < ...
        v, a, moving = args[0], args[1], args[2:]
        g.need(v)
        if any(y <= x for x, y in zip(moving, moving[1:])):
            raise IllegalMove("split: the moving neighbours must be strictly increasing")
        for x in moving:
            if frozenset((v, x)) not in g.e:
                raise IllegalMove(f"split: {x} is not a neighbour of {v}")
        p = fresh(g)
        g.e -= {frozenset((v, x)) for x in moving}
        g.w[p], g.w[p + 1] = a, 0
        g.e |= {frozenset((x, p)) for x in moving} | {frozenset((v, p + 1)), frozenset((p + 1, p))}
        g.w[v] -= a
    return g


def iso_ok(g: Graph, b_weights: dict, b_edges: list, bijection: list) -> str:
    """``""`` if ``bijection`` (pairs ``[x, y]``) is a bijection from ``g``'s vertices onto B's that
    preserves weights and maps every edge of ``g`` to an edge of B, with as many edges on both sides
    (both are simple graphs, so the edge sets then correspond exactly); else why not."""
    xs, ys = [x for x, _ in bijection], [y for _, y in bijection]
    if len(set(xs)) != len(xs) or set(xs) != set(g.w) or len(xs) != len(g.w):
        return "claim.bijection: the first entries are not exactly the end state's vertices, each once"
    if len(set(ys)) != len(ys) or set(ys) != set(b_weights) or len(ys) != len(b_weights):
        return "claim.bijection: the second entries are not exactly graph B's vertices, each once"
    f = dict(bijection)
    for x, y in bijection:
        if g.w[x] != b_weights[y]:
            return f"claim.bijection: vertex {x} has weight {g.w[x]} but its image {y} in B has {b_weights[y]}"
    target = {frozenset(edge) for edge in b_edges}
    if len(g.e) != len(b_edges):
        return f"claim.bijection: the end state has {len(g.e)} edges, graph B has {len(b_edges)}"
    for edge in sorted(tuple(sorted(edge)) for edge in g.e):
        if frozenset(f[x] for x in edge) not in target:
            return f"claim.bijection: edge {edge[0]}-{edge[1]} maps to {f[edge[0]]}-{f[edge[1]]}, not an edge of B"
    return ""


def run_plumb(g: Graph, steps) -> tuple[Graph, int | None, str]:
    """Replay ``steps``; return (state, index of the failing step or None, reason)."""
    for index, move in enumerate(steps):
        try:
            apply_pmove(g, move)
        except IllegalMove as exc:
            return g, index, str(exc)
    return g, None, ""


def check_plumbing(cert) -> Verdict:
    """Check a ``plumbing-equivalence`` certificate (``docs/certificates.md`` §5)."""
    (wa, ea, ia), (wb, eb, ib) = graph_of(cert.input["a"]), graph_of(cert.input["b"])
    for name, (w, e, ids) in (("a", (wa, ea, ia)), ("b", (wb, eb, ib))):
        problem = valid_forest(w, e, ids)
        if problem:
            return Verdict(False, f"input.{name}: {problem}")
    g, index, reason = run_plumb(Graph(wa, ea), cert.steps)
    if index is not None:
        return Verdict(False, reason, index, cert.steps[index])
    final = (tuple(sorted(g.w.items())), tuple(sorted(tuple(sorted(edge)) for edge in g.e)))
    edges = [tuple(sorted(edge)) for edge in g.e]
    problem = valid_forest(g.w, edges, list(g.w)) or iso_ok(g, wb, eb, cert.claim["bijection"])
    if problem:
        return Verdict(False, problem, final_state=final)
    return Verdict(True, final_state=final)
