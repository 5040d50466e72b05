"""Invariants of plumbed manifolds from the intersection form (exact integer arithmetic, sympy).

For a plumbing forest Γ, the plumbed 4-manifold ``P(Γ)`` is simply connected with ``H₂ = Z^V`` and
intersection form ``Q`` (``Q[v][v] = e_v``, ``Q[u][v] = 1`` on edges), and ``M = ∂P`` has
``H₁(M; Z) ≅ coker Q`` (the long exact sequence of ``(P, M)``; e.g. Gompf–Stipsicz, *4-Manifolds and
Kirby Calculus*, Cor. 5.3.12). Hence:

* ``|det Q|`` is ``|H₁(M)|`` when nonzero; ``det Q = 0`` iff ``H₁(M)`` is infinite. Invariant of M.
* the invariant factors of ``Q`` (Smith normal form) give ``H₁(M) ≅ ⊕ Z/d_i``: an invariant of M.
* the signature ``σ(Q)`` is an invariant of the 4-manifold ``P(Γ)`` but **not** of M: a ±1 blow-up
  changes ``P`` by ``# ±CP²`` and ``σ`` by ``±1`` while ``M`` is unchanged (absorption and splitting
  keep ``σ``). Only ``σ`` together with ``b₂`` up to these shifts carries information, so ``equiv``
  never uses the signature to refute an equivalence; it reports it for information.
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import sympy
from sympy.matrices.normalforms import smith_normal_form
from sympy.polys.matrices import DomainMatrix


def intersection_form(graph: nx.Graph) -> sympy.Matrix:
    """``Q`` in the order of sorted vertex ids (a 0×0 matrix for the empty graph)."""
    order = sorted(graph.nodes)
    index = {v: k for k, v in enumerate(order)}
    q = sympy.zeros(len(order), len(order))
    for v in order:
        q[index[v], index[v]] = graph.nodes[v]["weight"]
    for u, v in graph.edges:
        q[index[u], index[v]] = q[index[v], index[u]] = 1
    return q


def determinant(graph: nx.Graph) -> int:
    """``det Q`` (``1`` for the empty graph, which presents ``S³``).

    >>> from pybridge.plumbing.graph import parse_inline
    >>> determinant(parse_inline("-2,-2,-2/0-1,1-2"))   # L(4, 3): |H1| = 4
    -4
    """
    q = intersection_form(graph)
    return 1 if q.rows == 0 else int(DomainMatrix.from_Matrix(q).convert_to(sympy.ZZ).det())


def h1_invariant_factors(graph: nx.Graph) -> list[int]:
    """The invariant factors ``d_i ≠ 1`` of ``Q``: ``H₁(M) ≅ ⊕ Z/d_i`` (``0`` stands for a ``Z``)."""
    q = intersection_form(graph)
    if q.rows == 0:
        return []
    snf = smith_normal_form(q, domain=sympy.ZZ)
    return sorted(abs(int(snf[k, k])) for k in range(q.rows) if abs(int(snf[k, k])) != 1)


def signature(graph: nx.Graph) -> int:
    """``σ(Q)`` = #positive − #negative eigenvalues, by exact symmetric (congruence) elimination.

    >>> from pybridge.plumbing.graph import parse_inline
    >>> signature(parse_inline("0,0/0-1")), signature(parse_inline("-2,-2/0-1"))
    (0, -2)
    """
    a = [[Fraction(int(x)) for x in row] for row in intersection_form(graph).tolist()]
    sig = 0
    while a:
        pivot = next((k for k in range(len(a)) if a[k][k] != 0), None)
        if pivot is None:
            j = next(((i, k) for i in range(len(a)) for k in range(len(a)) if a[i][k] != 0), None)
            if j is None:
                break
            i, k = j  # a[i][i] = 0 = a[k][k], a[i][k] != 0: row/col i += k gives 2 a[i][k] != 0
            for r in range(len(a)):
                a[i][r] += a[k][r]
            for r in range(len(a)):
                a[r][i] += a[r][k]
            pivot = i
        p = a[pivot][pivot]
        sig += 1 if p > 0 else -1
        rest = [r for r in range(len(a)) if r != pivot]
        a = [[a[r][c] - a[r][pivot] * a[pivot][c] / p for c in rest] for r in rest]
    return sig


def summary(graph: nx.Graph) -> dict:
    """The invariants ``equiv`` reports: det, |H₁| (None when infinite), H₁ factors, b₂ and σ."""
    det = determinant(graph)
    return {"det": det, "h1_order": abs(det) if det else None, "h1_factors": h1_invariant_factors(graph),
            "b2": graph.number_of_nodes(), "signature": signature(graph)}


def distinguishing_invariant(a: nx.Graph, b: nx.Graph) -> str | None:
    """A sentence naming an invariant of the 3-manifold that differs between ``M(a)`` and ``M(b)``, or None."""
    da, db = abs(determinant(a)), abs(determinant(b))
    if da != db:
        describe = lambda d: f"|H1| = {d}" if d else "H1 infinite (det 0)"  # noqa: E731
        return f"|det Q| differs: {da} vs {db} ({describe(da)} vs {describe(db)}), so M(A) and M(B) are not homeomorphic"
    fa, fb = h1_invariant_factors(a), h1_invariant_factors(b)
    if fa != fb:
        return (f"H1 = coker Q differs: invariant factors {fa} vs {fb} (0 = a Z summand), "
                "so M(A) and M(B) are not homeomorphic")
    return None
