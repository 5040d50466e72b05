r"""Signature and determinant of a knot or link from a PD code, computed exactly.

This module is pure Python (standard library only: :mod:`fractions`), so that
trusted code can rely on it without Sage, SnapPy or floating point.

Mathematics
-----------
Reference: C. McA. Gordon and R. A. Litherland, *On the signature of a link*,
Invent. Math. 47 (1978), 53--69.

Let ``D`` be a connected link diagram.  Its complement in the plane (the
2-sphere) consists of ``n + 2`` faces (``n`` = number of crossings).  Colour the
faces in checkerboard fashion: faces sharing an edge get different colours.
Call one colour class *shaded*; the shaded faces, joined by a half-twisted band
at every crossing, form a spanning surface ``F`` of the link.  Number the
unshaded faces ``R_0, ..., R_m``.

At a crossing ``c`` the four corners alternate shaded / unshaded.

* **Incidence number** ``eta(c)``.  Write the
  crossing as a PD tuple ``(a, b, c, d)``: ``a`` is the incoming under-edge and
  the edges are listed counter-clockwise, so the corners are ``(a,b)``,
  ``(b,c)``, ``(c,d)``, ``(d,a)``.  Rotating the over-strand ``b--d``
  counter-clockwise about the crossing sweeps the corners ``(b,c)`` and
  ``(d,a)``.  We set ``eta(c) = +1`` when those swept corners are the shaded
  ones and ``eta(c) = -1`` when ``(a,b)``, ``(c,d)`` are shaded.  ``eta`` does
  not depend on the orientation of the link.

* **Type.**  The oriented (Seifert) smoothing of ``c`` joins two opposite
  corners into one region and separates the other two.  The crossing is of
  *type I* when the separated corners are the shaded ones (near ``c`` the
  surface ``F`` then looks like a Seifert surface: the band joins two shaded
  discs and its boundary orientation agrees with the link), and of *type II*
  when the smoothing joins the two shaded corners.  With the PD convention
  this reads: the over-strand runs ``d -> b`` exactly when the crossing is
  positive, and then the smoothing joins ``(b,c)`` with ``(d,a)``; it runs
  ``b -> d`` exactly when the crossing is negative, and then it joins ``(a,b)``
  with ``(c,d)``.  Consequently a crossing is of type II iff
  ``eta(c) = writhe sign of c``.

* **Goeritz matrix.**  For ``i != j`` let ``g_ij = - sum eta(c)`` over the
  crossings ``c`` whose two unshaded corners lie in ``R_i`` and ``R_j``, and
  ``g_ii = - sum_{j != i} g_ij``.  The rows of ``(g_ij)`` sum to zero; the
  *reduced* Goeritz matrix ``G`` deletes the row and column of ``R_0``.  It
  represents the Gordon--Litherland form of ``F`` in the basis of loops
  around the unshaded faces ``R_1, ..., R_m``.

* **Correction term.**  ``mu = sum eta(c)`` over the crossings of type II.

**Theorem** (Gordon--Litherland 1978, combinatorial form of the main theorem)::

    sigma(L) = sign(G) - mu,           det(L) = |det G| = |Delta_L(-1)|.

It holds for either choice of shaded colour (both are tested).  For knots
``det G`` is odd; for links it may be 0.

Sign convention
---------------
We use the **same convention as KnotInfo: the positive (right-handed) trefoil
has sigma = -2**, and positive knots and links have negative signature (also
the convention of Rolfsen and Murasugi).  With ``eta`` and the types exactly as
defined above, ``sign(G) - mu`` already has this sign: no global flip is
applied.  The positive Hopf link (linking number +1) has sigma = -1.
(Spherogram's ``Link.seifert_matrix()`` returns ``V`` with the opposite
convention: in ours ``sigma = -sign(V + V^T)``, for knots and links alike.)

Orientation of a PD code
------------------------
PD codes follow the KnotAtlas/SnapPy convention: crossing ``(a, b, c, d)`` lists
edge labels counter-clockwise starting from the incoming under-edge ``a``, so
the under-strand runs ``a -> c``.  Labels are arbitrary hashable values, each
occurring exactly twice (0-based, 1-based and non-consecutive labellings are
all accepted).  The direction of each over-strand is *not* read off from label
arithmetic: we trace every link component through the diagram (straight across
each crossing, then along the edge to the other occurrence of its label) and
orient it by its under-passes, which must all agree.  A component that passes
only over other strands carries no orientation in the code; as in spherogram
we orient it from its smallest label towards the smaller of the two
neighbouring labels (on a tie, for a component through two crossings, the
smallest label enters the crossing of its later occurrence in the code).  This
reproduces the orientation ``spherogram.Link(pd)`` gives such components.

Split diagrams
--------------
A diagram whose crossings fall into several connected pieces is handled piece
by piece: the Goeritz matrix is the block sum of the pieces' reduced Goeritz
matrices, ``mu`` is the sum, so the signature adds; the determinant of a split
link is 0.  A diagram with no crossings is read as the unknot (signature 0,
determinant 1).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction

__all__ = [
    "goeritz_matrix",
    "symmetric_signature",
    "signature",
    "determinant",
    "crossing_signs",
    "integer_determinant",
]

PD = Sequence[Sequence[Hashable]]
Position = tuple[int, int]  # (crossing index, slot 0..3)


# --------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------


def _validate(pd: PD) -> list[tuple]:
    """Return ``pd`` as a list of 4-tuples, or raise ``ValueError``."""
    code = []
    for i, crossing in enumerate(pd):
        entries = tuple(crossing)
        if len(entries) != 4:
            raise ValueError(
                f"malformed PD code: crossing {i} has {len(entries)} entries, expected 4"
            )
        code.append(entries)
    counts: dict[Hashable, int] = {}
    for entries in code:
        for label in entries:
            counts[label] = counts.get(label, 0) + 1
    bad = sorted((repr(k) for k, v in counts.items() if v != 2))
    if bad:
        raise ValueError(
            "malformed PD code: every edge label must occur exactly twice; "
            f"offending labels: {', '.join(bad[:10])}"
        )
    return code


def _partners(code: list[tuple]) -> dict[Position, Position]:
    """Map each slot ``(i, j)`` to the other slot carrying the same edge label."""
    where: dict[Hashable, list[Position]] = {}
    for i, entries in enumerate(code):
        for j, label in enumerate(entries):
            where.setdefault(label, []).append((i, j))
    partner = {}
    for p, q in where.values():
        partner[p] = q
        partner[q] = p
    return partner


def _connected_pieces(code: list[tuple], partner: dict[Position, Position]) -> list[list[int]]:
    """Indices of crossings grouped into connected pieces of the diagram."""
    parent = list(range(len(code)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, _), (k, _) in partner.items():
        parent[find(i)] = find(k)
    pieces: dict[int, list[int]] = {}
    for i in range(len(code)):
        pieces.setdefault(find(i), []).append(i)
    return list(pieces.values())


def _sub_code(code: list[tuple], indices: list[int]) -> list[tuple]:
    return [code[i] for i in indices]


# --------------------------------------------------------------------------
# Orientation
# --------------------------------------------------------------------------


def _trace_components(code: list[tuple], partner: dict[Position, Position]) -> list[list[Position]]:
    """Trace link components.

    Each component is returned as the list of slots through which it *enters*
    a crossing, in order of travel (for an arbitrary initial direction): from
    entry slot ``(i, j)`` the strand leaves by ``(i, j+2)`` and enters the next
    crossing at ``partner[(i, j+2)]``.
    """
    seen: set[Position] = set()
    components = []
    for i in range(len(code)):
        for j in range(4):
            if (i, j) in seen:
                continue
            entries = []
            p = (i, j)
            while p not in seen:
                exit_slot = (p[0], (p[1] + 2) % 4)
                seen.update((p, exit_slot))
                entries.append(p)
                p = partner[exit_slot]
            components.append(entries)
    return components


def _reverse(entries: list[Position]) -> list[Position]:
    """Entry slots of the same component travelled the other way."""
    return [(i, (j + 2) % 4) for (i, j) in reversed(entries)]


def _label_rule_is_forward(
    code: list[tuple], entries: list[Position], partner: dict[Position, Position]
) -> bool:
    """Spherogram's rule for a component without under-passes.

    Go from the smallest label ``m`` towards the smaller of its two
    neighbouring labels.  On a tie (a component through two crossings) ``m``
    enters the crossing of its later occurrence in the code.
    """
    labels = [code[i][j] for (i, j) in entries]  # edge entering each crossing
    k = labels.index(min(labels))
    following, preceding = labels[(k + 1) % len(labels)], labels[k - 1]
    if following == preceding:
        return entries[k] > partner[entries[k]]
    return following < preceding


def _orient_component(
    code: list[tuple], entries: list[Position], partner: dict[Position, Position]
) -> list[Position]:
    """Orient one component so that every under-pass enters at slot 0."""
    under = {j for (_, j) in entries if j % 2 == 0}
    if under == {0, 2}:
        i = next(i for (i, j) in entries if j % 2 == 0)
        raise ValueError(
            "malformed PD code: under-strands of one component disagree on the "
            f"direction (e.g. at crossing {i} {code[i]}); slot 0 must be incoming"
        )
    if under == {2}:
        return _reverse(entries)
    if under == {0}:
        return entries
    return entries if _label_rule_is_forward(code, entries, partner) else _reverse(entries)


def _over_entry_slots(code: list[tuple], partner: dict[Position, Position]) -> list[int]:
    """For each crossing, the slot (1 or 3) at which the over-strand enters."""
    over_in = [0] * len(code)
    for component in _trace_components(code, partner):
        for i, j in _orient_component(code, component, partner):
            if j % 2 == 1:
                over_in[i] = j
    return over_in


def crossing_signs(pd: PD) -> list[int]:
    """Writhe sign of each crossing: ``+1`` iff the over-strand runs ``d -> b``.

    With ``a`` at the bottom pointing up and the slots counter-clockwise, ``d``
    is on the left and ``b`` on the right, so ``d -> b`` is the right-handed
    (positive) crossing.
    """
    code = _validate(pd)
    return [1 if j == 3 else -1 for j in _over_entry_slots(code, _partners(code))]


# --------------------------------------------------------------------------
# Faces and checkerboard colouring
# --------------------------------------------------------------------------


def _faces(code: list[tuple], partner: dict[Position, Position]) -> dict[Position, int]:
    """Face index of every corner.

    Corner ``(i, j)`` of crossing ``i`` lies between slots ``j`` and ``j+1``
    (counter-clockwise).  Following the edge in slot ``j+1`` to its other end
    ``(i', j')``, the same face continues in corner ``(i', j')``.
    """
    face_of: dict[Position, int] = {}
    faces = 0
    for start in ((i, j) for i in range(len(code)) for j in range(4)):
        if start in face_of:
            continue
        face, faces = faces, faces + 1
        corner = start
        while corner not in face_of:
            face_of[corner] = face
            corner = partner[(corner[0], (corner[1] + 1) % 4)]
    return face_of


def _checkerboard(code: list[tuple], face_of: dict[Position, int]) -> dict[int, int]:
    """2-colour the faces so that faces meeting along an edge differ.

    Around each crossing the corners alternate in colour; we propagate this
    constraint by breadth-first search and raise ``ValueError`` if it is
    violated (which cannot happen for a planar diagram).
    """
    neighbours: dict[int, set[int]] = {}
    for i in range(len(code)):
        for j in range(4):
            f, g = face_of[(i, j)], face_of[(i, (j + 1) % 4)]
            neighbours.setdefault(f, set()).add(g)
            neighbours.setdefault(g, set()).add(f)
    colour = {0: 0}
    queue = [0]
    while queue:
        f = queue.pop()
        for g in neighbours[f]:
            if g not in colour:
                colour[g] = 1 - colour[f]
                queue.append(g)
            elif colour[g] == colour[f]:
                raise ValueError("malformed PD code: faces cannot be checkerboard coloured")
    return colour


def _check_planar(code: list[tuple], face_of: dict[Position, int]) -> None:
    """Euler characteristic of the sphere: ``V - E + F = n - 2n + F = 2``."""
    faces = len(set(face_of.values()))
    if faces != len(code) + 2:
        raise ValueError(
            f"malformed PD code: {len(code)} crossings but {faces} faces; "
            "a connected planar diagram has crossings + 2 faces"
        )


# --------------------------------------------------------------------------
# Goeritz matrix (one connected piece)
# --------------------------------------------------------------------------


def _eta(shaded_corner: int) -> int:
    """Incidence number: ``+1`` iff the corners ``(b,c)``, ``(d,a)`` (odd) are shaded."""
    return 1 if shaded_corner % 2 == 1 else -1


def _is_type_two(shaded_corner: int, over_in: int) -> bool:
    """Type II iff the oriented smoothing joins the two shaded corners.

    Over-strand ``b -> d`` (enters at slot 1): the smoothing arcs are ``a--d``
    and ``b--c``, joining corners ``(a,b)`` and ``(c,d)`` (even).  Over-strand
    ``d -> b`` (enters at slot 3): it joins ``(b,c)`` and ``(d,a)`` (odd).
    """
    joined_parity = 0 if over_in == 1 else 1
    return shaded_corner % 2 == joined_parity


def _piece_goeritz(code: list[tuple], swap_colours: bool) -> tuple[list[list[int]], int]:
    """Reduced Goeritz matrix and ``mu`` of one connected, non-empty diagram."""
    partner = _partners(code)
    face_of = _faces(code, partner)
    _check_planar(code, face_of)
    colour = _checkerboard(code, face_of)
    over_in = _over_entry_slots(code, partner)

    if swap_colours:
        colour = {f: 1 - col for f, col in colour.items()}
    unshaded = sorted(f for f, col in colour.items() if col == 0)
    index = {f: k for k, f in enumerate(unshaded)}
    full = [[0] * len(unshaded) for _ in unshaded]
    mu = 0
    for i in range(len(code)):
        shaded_corner = 0 if colour[face_of[(i, 0)]] == 1 else 1
        eta = _eta(shaded_corner)
        r = index[face_of[(i, (shaded_corner + 1) % 4)]]
        s = index[face_of[(i, (shaded_corner + 3) % 4)]]
        if r != s:
            full[r][s] -= eta
            full[s][r] -= eta
            full[r][r] += eta
            full[s][s] += eta
        if _is_type_two(shaded_corner, over_in[i]):
            mu += eta
    reduced = [row[1:] for row in full[1:]]
    return reduced, mu


def _block_sum(blocks: list[list[list[int]]]) -> list[list[int]]:
    size = sum(len(b) for b in blocks)
    out = [[0] * size for _ in range(size)]
    offset = 0
    for b in blocks:
        for r, row in enumerate(b):
            out[offset + r][offset : offset + len(row)] = row
        offset += len(b)
    return out


def _pieces(pd: PD) -> list[list[tuple]]:
    code = _validate(pd)
    partner = _partners(code)
    return [_sub_code(code, idx) for idx in _connected_pieces(code, partner)]


def goeritz_matrix(pd: PD, *, swap_colours: bool = False) -> tuple[list[list[int]], int]:
    """Return ``(G, mu)``: reduced Goeritz matrix and Gordon--Litherland correction.

    ``G`` is the Goeritz matrix of the checkerboard colouring in which the face
    containing corner ``(a, b)`` of the first crossing of each piece is
    unshaded (the other colouring if ``swap_colours``), with the row and
    column of the first unshaded face deleted (see the module
    docstring for ``eta``, types I/II and the formula
    ``g_ij = -sum eta(c)``, ``g_ii = -sum_{j != i} g_ij``).  ``mu`` is the sum
    of ``eta(c)`` over the crossings of type II, so that
    ``signature(pd) == symmetric_signature(G) - mu`` and, for a connected
    diagram, ``determinant(pd) == abs(det G)`` (Gordon--Litherland 1978); both
    hold for either colouring.

    For a diagram with several connected pieces, ``G`` is the block sum of the
    pieces' reduced matrices and ``mu`` the sum of their corrections.  An empty
    PD code gives ``([], 0)``.

    Raises ``ValueError`` for a malformed PD code.
    """
    results = [_piece_goeritz(piece, swap_colours) for piece in _pieces(pd)]
    return _block_sum([g for g, _ in results]), sum(mu for _, mu in results)


# --------------------------------------------------------------------------
# Exact linear algebra
# --------------------------------------------------------------------------


def _check_square(matrix: Sequence[Sequence[int]]) -> list[list[Fraction]]:
    a = [[Fraction(x) for x in row] for row in matrix]
    if any(len(row) != len(a) for row in a):
        raise ValueError("matrix must be square")
    return a


def _swap(a: list[list[Fraction]], i: int, j: int) -> None:
    """Congruence by a transposition: swap rows and columns ``i``, ``j``."""
    a[i], a[j] = a[j], a[i]
    for row in a:
        row[i], row[j] = row[j], row[i]


def _add_to(a: list[list[Fraction]], target: int, source: int, factor: Fraction) -> None:
    """Congruence ``E A E^T``: add ``factor`` times row/column ``source`` to ``target``."""
    for k in range(len(a)):
        a[target][k] += factor * a[source][k]
    for k in range(len(a)):
        a[k][target] += factor * a[k][source]


def _make_pivot(a: list[list[Fraction]], k: int) -> bool:
    """Arrange ``a[k][k] != 0`` by congruences; ``False`` if the rest is zero.

    A later nonzero diagonal entry is swapped in.  If the remaining diagonal
    is zero but ``a[i][j] != 0``, adding row/column ``j`` to ``i`` makes
    ``a[i][i] = 2 a[i][j] != 0``.
    """
    n = len(a)
    for p in range(k, n):
        if a[p][p] != 0:
            _swap(a, k, p)
            return True
    for i in range(k, n):
        for j in range(i + 1, n):
            if a[i][j] != 0:
                _add_to(a, i, j, Fraction(1))
                _swap(a, k, i)
                return True
    return False


def symmetric_signature(matrix: Sequence[Sequence[int]]) -> int:
    """Signature (#positive - #negative eigenvalues) of a symmetric matrix, exactly.

    By Sylvester's law of inertia the signature is invariant under congruence
    ``A -> E A E^T``.  We diagonalise by symmetric Gaussian elimination over
    :class:`fractions.Fraction` (handling zero pivots as in ``_make_pivot``)
    and count the signs of the pivots.  Raises ``ValueError`` if the matrix
    is not square and symmetric.
    """
    a = _check_square(matrix)
    n = len(a)
    if any(a[i][j] != a[j][i] for i in range(n) for j in range(i)):
        raise ValueError("matrix must be symmetric")
    total = 0
    for k in range(n):
        if not _make_pivot(a, k):
            break
        pivot = a[k][k]
        for r in range(k + 1, n):
            if a[r][k] != 0:
                _add_to(a, r, k, -a[r][k] / pivot)
        total += 1 if pivot > 0 else -1
    return total


def integer_determinant(matrix: Sequence[Sequence[int]]) -> int:
    """Determinant of a square integer matrix by fraction-free Bareiss elimination."""
    a = [list(map(int, row)) for row in matrix]
    n = len(a)
    if any(len(row) != n for row in a):
        raise ValueError("matrix must be square")
    sign, prev = 1, 1
    for k in range(n - 1):
        if a[k][k] == 0:
            swap = next((r for r in range(k + 1, n) if a[r][k] != 0), None)
            if swap is None:
                return 0
            a[k], a[swap] = a[swap], a[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) // prev
        prev = a[k][k]
    return sign * a[n - 1][n - 1] if n else 1


# --------------------------------------------------------------------------
# Public invariants
# --------------------------------------------------------------------------


def signature(pd: PD) -> int:
    """Signature of the oriented link with PD code ``pd``.

    ``sigma(L) = sign(G) - mu`` (Gordon--Litherland 1978), in KnotInfo's
    convention: the positive trefoil ``[[1,5,2,4],[3,1,4,6],[5,3,6,2]]`` has
    ``sigma = -2``.  Additive over the connected pieces of a split diagram;
    ``0`` for the empty diagram.
    """
    g, mu = goeritz_matrix(pd)
    return symmetric_signature(g) - mu


def determinant(pd: PD) -> int:
    """Determinant ``|det G| = |Delta_L(-1)|`` of the link with PD code ``pd``.

    ``1`` for the empty diagram (unknot) and ``0`` for a diagram with more than
    one connected piece (a split link).
    """
    pieces = _pieces(pd)
    if len(pieces) > 1:
        return 0
    g, _ = goeritz_matrix(pd)
    return abs(integer_determinant(g))
