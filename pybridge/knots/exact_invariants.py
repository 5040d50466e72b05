r"""Exact knot invariants from a PD code: the Python mirror of ``coq/theories/Invariants.v``.

Same algorithm, same names, same order of operations as the Coq file (and its Lean mirror
``lean/KnotCert/Invariants.lean``), so that a value computed here can be compared with the value
the Coq kernel computes by ``vm_compute`` from the same PD code. Pure Python, exact arithmetic
(:class:`int`, :class:`fractions.Fraction`).

Mathematics
-----------
* **Goeritz matrix and correction** (C. McA. Gordon and R. A. Litherland, *On the signature of a
  link*, Invent. Math. 47 (1978) 53–69). Checkerboard-colour the faces of a connected diagram so
  that the face of corner ``(a, b)`` of the first crossing is unshaded. At each crossing the
  incidence number is ``eta = +1`` when the odd corners ``(b, c)``, ``(d, a)`` are shaded, else
  ``-1``. With the unshaded faces ``R_0, ..., R_m`` (in the order the faces are traced),
  ``g_ij = -sum eta`` over the crossings whose unshaded corners lie in ``R_i != R_j`` and
  ``g_ii = -sum_{j != i} g_ij``; the reduced matrix ``G`` deletes ``R_0``. A crossing is of type II
  when its oriented smoothing joins the two shaded corners; ``mu = sum eta`` over type-II crossings.
  **Theorem** (Gordon–Litherland): ``sigma(K) = sign(G) - mu`` and ``det(K) = |det G|``, in
  KnotInfo's convention (positive trefoil ``sigma = -2``).
* **Colouring walk.** Corner ``(k, p)`` is shaded iff ``b_k xor odd(p)``; since corner
  ``(k, q-1)`` continues at corner ``other_end(k, q) = (k', q')``, ``b_k' = b_k xor (odd q ==
  odd q')``. A depth-first walk from the first crossing (``b = False``) fixes every bit.
* **Determinant** by Bareiss's fraction-free elimination (E. H. Bareiss, *Sylvester's identity and
  multistep integer-preserving Gaussian elimination*, Math. Comp. 22 (1968) 565–578): with the
  previous pivot ``prev``, each step replaces ``a_ij`` by ``(a_ij p - a_i0 a_0j) / prev``, an exact
  division (every entry is a minor of the input).
* **Signature** of a symmetric matrix by congruence diagonalisation over the rationals (Sylvester's
  law of inertia): a non-zero diagonal entry is moved to the front (or, on a zero diagonal with
  ``M_ij != 0``, row/column ``j`` is added to ``i`` first, making ``M_ii = 2 M_ij``), its sign is
  counted and the Schur complement ``M_rc - v_r v_c / d`` is processed next.
* **Writhe**: the sum of the crossing signs, ``+1`` when the over-strand enters at slot 3.
* **Fox colourings** (R. H. Fox, 1962): for a prime ``p`` the colourings of the labels are the
  solutions of ``col b = col d``, ``2 col b = col a + col c`` over ``Z/p`` at every crossing
  ``(a, b, c, d)``, so their number is ``p ** (labels - rank)``, the rank by elimination mod ``p``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..errors import InvalidDiagramError
from .pd_convention import _genus
from .signature import _orient_component, _partners, _trace_components, _validate

__all__ = [
    "bareiss_det", "qsignature", "laplace_det", "goeritz_data", "goeritz", "signature", "determinant",
    "writhe", "fox_colourings", "exact_invariants", "INVARIANT_NAMES",
]

Matrix = list[list[int]]

#: The invariants :func:`exact_invariants` returns (and Coq computes, same names).
INVARIANT_NAMES = ("crossings", "signature", "determinant", "writhe", "fox3", "fox5", "fox7")


# -- determinant ------------------------------------------------------------------------------------


def _pick_pivot(rows: Matrix):
    """First row with a non-zero head: ``(index, row, other rows in order)``, or ``None``."""
    for i, row in enumerate(rows):
        if not row:
            return None
        if row[0] != 0:
            return i, row, rows[:i] + rows[i + 1:]
    return None


def bareiss_det(matrix: Sequence[Sequence[int]]) -> int:
    """Determinant of a square integer matrix (Bareiss 1968), as ``bareiss_det`` in Invariants.v."""
    m = [list(map(int, row)) for row in matrix]
    if any(len(row) != len(m) for row in m):
        raise ValueError("matrix must be square")
    prev, sign = 1, 1
    while m:
        picked = _pick_pivot(m)
        if picked is None:
            return 0
        j, (p, *prest), others = picked
        if j % 2:
            sign = -sign
        m = [[(a * p - row[0] * b) // prev for a, b in zip(row[1:], prest)] for row in others]
        prev = p
    return sign * prev


def laplace_det(matrix: Sequence[Sequence[int]]) -> int:
    """The cofactor expansion along the first row (the textbook definition; for tests)."""
    if not matrix:
        return 1
    first, rest = matrix[0], matrix[1:]
    return sum((-1) ** j * x * laplace_det([r[:j] + r[j + 1:] for r in rest]) for j, x in enumerate(first))


# -- signature --------------------------------------------------------------------------------------


def _to_front(i: int, items: list) -> list:
    return [items[i]] + items[:i] + items[i + 1:] if i < len(items) else items


def _sym_front(i: int, m: list[list[Fraction]]) -> list[list[Fraction]]:
    return _to_front(i, [_to_front(i, row) for row in m])


def _add_row_col(m: list[list[Fraction]], i: int, j: int) -> list[list[Fraction]]:
    m1 = [list(row) for row in m]
    m1[i] = [a + b for a, b in zip(m1[i], m[j])]
    for row in m1:
        row[i] = row[i] + row[j]
    return m1


def _choose_pivot(m: list[list[Fraction]]):
    for i in range(len(m)):
        if m[i][i] != 0:
            return _sym_front(i, m)
    for i, row in enumerate(m):
        for j, x in enumerate(row):
            if x != 0:
                return _sym_front(i, _add_row_col(m, i, j))
    return None


def qsignature(matrix: Sequence[Sequence[int]]) -> int:
    """Signature (#positive - #negative eigenvalues) of a symmetric integer matrix, exactly."""
    m = [[Fraction(x) for x in row] for row in matrix]
    if any(len(row) != len(m) for row in m) or any(m[i][j] != m[j][i] for i in range(len(m)) for j in range(i)):
        raise ValueError("matrix must be square and symmetric")
    total = 0
    while m:
        chosen = _choose_pivot(m)
        if chosen is None:
            break
        d, v = chosen[0][0], chosen[0][1:]
        total += 1 if d > 0 else -1
        m = [[a - row[0] * vc / d for a, vc in zip(row[1:], v)] for row in chosen[1:]]
    return total


# -- Goeritz matrix, correction, writhe -------------------------------------------------------------


def _check(code: list[tuple]) -> dict:
    """``invariants_ok``: labels twice (``_validate``), planar, consistently oriented, connected."""
    partner = _partners(code)
    if code and _genus(code) != 0:
        raise InvalidDiagramError("PD code is not planar")
    parent = list(range(len(code)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for (i, _), (k, _) in partner.items():
        parent[find(i)] = find(k)
    if len({find(i) for i in range(len(code))}) > 1:
        raise InvalidDiagramError("PD code is not connected (a split diagram): the Goeritz code needs one piece")
    return partner


def _faces(code: list[tuple], partner: dict) -> list[list[tuple[int, int]]]:
    """Faces as corner cycles, each from its smallest corner, in reading order (PD.v ``faces_of``)."""
    seen: set = set()
    faces = []
    for start in ((i, j) for i in range(len(code)) for j in range(4)):
        if start in seen:
            continue
        face, corner = [], start
        while corner not in seen:
            seen.add(corner)
            face.append(corner)
            corner = partner[(corner[0], (corner[1] + 1) % 4)]
        faces.append(face)
    return faces


def _checkerboard(code: list[tuple], partner: dict) -> list[bool]:
    """``checkerboard``: bit ``b_k`` per crossing; corner ``(k, p)`` is shaded iff ``b_k xor odd p``."""
    bits: dict[int, bool] = {0: False}
    stack = [0]
    while stack:
        k = stack.pop()
        b = bits[k]
        for q in range(4):
            k2, q2 = partner[(k, q)]
            if k2 not in bits:
                stack.append(k2)
                bits[k2] = b ^ ((q % 2) == (q2 % 2))
    return [bits[k] for k in range(len(code))]


def goeritz_data(pd: Sequence[Sequence[int]]) -> tuple[Matrix, int, int]:
    """``(G, mu, writhe)`` as ``goeritz_data`` in Invariants.v (module docstring); the empty code gives
    ``([], 0, 0)``. :class:`InvalidDiagramError` for a split, non-planar or inconsistent code."""
    try:
        code = _validate(pd)
    except ValueError as error:
        raise InvalidDiagramError(str(error)) from None
    if not code:
        return [], 0, 0
    partner = _check(code)
    over = {}
    for component in _trace_components(code, partner):
        try:
            oriented = _orient_component(code, component, partner)
        except ValueError as error:
            raise InvalidDiagramError(str(error)) from None
        for i, j in oriented:
            if j % 2:
                over[i] = j
    bits = _checkerboard(code, partner)
    index: dict[tuple[int, int], int] = {}
    m = 0
    for face in _faces(code, partner):
        k, p = face[0]
        if not (bits[k] ^ (p % 2 == 1)):
            for corner in face:
                index[corner] = m
            m += 1
    full = [[0] * m for _ in range(m)]
    mu = w = 0
    for k in range(len(code)):
        sc = 0 if bits[k] else 1
        eta = -1 if bits[k] else 1
        r, s = index[(k, (sc + 1) % 4)], index[(k, (sc + 3) % 4)]
        if r != s:
            full[r][s] -= eta
            full[s][r] -= eta
            full[r][r] += eta
            full[s][s] += eta
        oin = over.get(k, 1)
        if (sc % 2 == 1) == (oin == 3):
            mu += eta
        w += 1 if oin == 3 else -1
    return [row[1:] for row in full[1:]], mu, w


def goeritz(pd) -> Matrix:
    """The reduced Goeritz matrix ``G`` of :func:`goeritz_data`."""
    return goeritz_data(pd)[0]


def signature(pd) -> int:
    """``sign(G) - mu`` (Gordon–Litherland 1978), KnotInfo's convention."""
    g, mu, _ = goeritz_data(pd)
    return qsignature(g) - mu


def determinant(pd) -> int:
    """``|det G|`` by Bareiss elimination."""
    return abs(bareiss_det(goeritz_data(pd)[0]))


def writhe(pd) -> int:
    """Sum of the crossing signs of the diagram (depends on the diagram, not only the knot)."""
    return goeritz_data(pd)[2]


# -- Fox colourings ---------------------------------------------------------------------------------


def _rank_mod(p: int, rows: Matrix) -> int:
    rank = 0
    while rows and any(rows):
        picked = _pick_pivot([[x % p for x in row] for row in rows])
        if picked is None:
            rows = [row[1:] for row in rows]
            continue
        _, (x, *xr), others = picked
        inv = pow(x, p - 2, p) if p > 2 else 1
        rows = [[(a - row[0] * inv * b) % p for a, b in zip(row[1:], xr)] for row in others]
        rank += 1
    return rank


def fox_colourings(p: int, pd: Sequence[Sequence[int]]) -> int:
    """Number of Fox ``p``-colourings of the labels of ``pd`` for a prime ``p``: ``p ** (labels - rank)``."""
    if p < 2 or any(p % q == 0 for q in range(2, int(p ** 0.5) + 1)):
        raise ValueError(f"fox_colourings needs a prime p, got {p}")
    index: dict = {}
    for crossing in pd:
        for label in crossing:
            index.setdefault(label, len(index))
    n = len(index)
    rows = []
    for a, b, c, d in pd:
        r1, r2 = [0] * n, [0] * n
        r1[index[b]] += 1
        r1[index[d]] -= 1
        r2[index[b]] += 2
        r2[index[a]] -= 1
        r2[index[c]] -= 1
        rows += [r1, r2]
    return p ** (n - _rank_mod(p, rows))


def exact_invariants(pd) -> dict[str, int]:
    """All of :data:`INVARIANT_NAMES` for a connected Knot Atlas PD code."""
    g, mu, w = goeritz_data(pd)
    return {"crossings": len(pd), "signature": qsignature(g) - mu, "determinant": abs(bareiss_det(g)),
            "writhe": w, "fox3": fox_colourings(3, pd), "fox5": fox_colourings(5, pd), "fox7": fox_colourings(7, pd)}
