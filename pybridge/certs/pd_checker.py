"""The trusted replayer of the planar-diagram calculus (``docs/certificates.md`` §4).

It implements §4 word for word on the standard library: besides the braid checker's ``IllegalMove``
and ``Verdict`` it imports nothing, in particular nothing from the search code (``pybridge.moves``,
the capability packages ``pybridge.unknot``, ``pybridge.ribbon``, ...) nor from ``pybridge.knots``, so the small orientation and face
code it needs is written out here. The Coq mirror uses the same names:
``validate_pd``, ``pd_faces``, ``pd_components``, ``pd_orientation``, ``edge_face``, ``straighten``,
``apply_pd_move``, ``check_pd``.

Conventions
-----------
A state is ``PDDiagram(crossings, free)``: ``crossings`` a tuple of 4-tuples of positive edge labels
in the KnotAtlas convention (``(a, b, c, d)``, ``a`` the incoming under-strand, the others following
counter-clockwise; every label occurs exactly twice) and ``free`` the number of crossing-free,
unknotted, split components. A *slot* ``(i, p)`` is position ``p`` (0..3) of crossing ``i`` (0-based);
a *corner* ``(i, p)`` is the angle of crossing ``i`` between slots ``p`` and ``p + 1 (mod 4)``.

Mathematics
-----------
``r1_*``, ``r2_*`` and ``r3`` are Reidemeister moves, hence isotopies of the link (Reidemeister 1927).
``band`` is an oriented band move (a saddle): a band ``[0,1] x [0,1]`` with ``twists`` full twists is
attached to the link along ``{0,1} x [0,1]`` inside one face, and the link is replaced by the
symmetric difference with the band's boundary. ``remove_free`` deletes a split unknot (capping it off
by a disc). Only the isotopies are allowed in ``unknot`` and ``unlink`` certificates.
"""

from __future__ import annotations

from typing import NamedTuple

from .checker import IllegalMove, Verdict

Slot = tuple[int, int]
Crossing = tuple[int, int, int, int]

LEFT, RIGHT = 0, 1
MAX_TWISTS = 10

#: move name -> number of integer arguments (planar-diagram calculus)
PD_ARITY = {
    "r1_remove": 1,
    "r1_add": 3,
    "r2_remove": 2,
    "r2_add": 3,
    "r3": 2,
    "band": 4,
    "remove_free": 0,
}
#: moves that are not isotopies: allowed only in ``ribbon`` certificates
RIBBON_ONLY = ("band", "remove_free")


class InvalidDiagram(ValueError):
    """A PD code violates the state conditions of §4 (labels, planarity, orientation)."""


class PDDiagram(NamedTuple):
    """A planar-diagram state: crossings (4-tuples of labels) and the number of free unknots."""

    crossings: tuple[Crossing, ...]
    free: int


# --------------------------------------------------------------------------------------------------
# Slots, faces and orientation
# --------------------------------------------------------------------------------------------------


def pd_positions(crossings: tuple[Crossing, ...]) -> dict[int, list[Slot]]:
    """Label -> the slots where it occurs, in reading order (crossing index, then position)."""
    positions: dict[int, list[Slot]] = {}
    for i, crossing in enumerate(crossings):
        for p, label in enumerate(crossing):
            positions.setdefault(label, []).append((i, p))
    return positions


def other_end(crossings, positions, slot: Slot) -> Slot:
    """The other slot carrying the label at ``slot`` (its partner)."""
    first, second = positions[crossings[slot[0]][slot[1]]]
    return second if first == slot else first


def next_corner(crossings, positions, corner: Slot) -> Slot:
    """Face tracing: corner ``(i, p)`` continues at the partner of slot ``(i, p + 1)``."""
    i, p = corner
    return other_end(crossings, positions, (i, (p + 1) % 4))


def face_corners(crossings, positions, corner: Slot) -> list[Slot]:
    """The corners of the face containing ``corner``, in tracing order starting there."""
    corners, current = [], corner
    while True:
        corners.append(current)
        current = next_corner(crossings, positions, current)
        if current == corner:
            return corners


def pd_faces(crossings: tuple[Crossing, ...]) -> list[list[Slot]]:
    """All faces as corner cycles; each starts at its smallest corner, faces sorted by that corner."""
    positions = pd_positions(crossings)
    seen: set[Slot] = set()
    faces = []
    for corner in ((i, p) for i in range(len(crossings)) for p in range(4)):
        if corner not in seen:
            face = face_corners(crossings, positions, corner)
            seen.update(face)
            faces.append(face)
    return faces


def pd_pieces(crossings: tuple[Crossing, ...], positions) -> int:
    """Connected pieces of the diagram: crossings joined when they share a label."""
    parent = list(range(len(crossings)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, _), (j, _) in positions.values():
        parent[root(i)] = root(j)
    return len({root(i) for i in range(len(crossings))})


def _trace_strand(crossings, positions, start: Slot, seen: set[Slot]) -> list[Slot]:
    """Entry slots of the component entering at ``start``: straight across, then along the edge."""
    entries, slot = [], start
    while slot not in seen:
        exit_slot = (slot[0], (slot[1] + 2) % 4)
        seen.update((slot, exit_slot))
        entries.append(slot)
        slot = other_end(crossings, positions, exit_slot)
    return entries


def _reverse(entries: list[Slot]) -> list[Slot]:
    """The entry slots of the same component travelled the other way."""
    return [(i, (p + 2) % 4) for i, p in reversed(entries)]


def _over_only_forward(crossings, positions, entries: list[Slot]) -> bool:
    """Orientation rule for a component that is over at all its crossings (spherogram's rule).

    Let ``m`` be its smallest label. Travel so that ``m`` is followed by the smaller of its two
    neighbouring labels; if they coincide (two edges), so that ``m`` enters a crossing at the later
    (in reading order) of its two occurrences.
    """
    labels = [crossings[i][p] for i, p in entries]
    k = labels.index(min(labels))
    following, preceding = labels[(k + 1) % len(labels)], labels[k - 1]
    if following != preceding:
        return following < preceding
    return entries[k] > other_end(crossings, positions, entries[k])


def pd_components(crossings: tuple[Crossing, ...], positions=None) -> list[list[Slot]]:
    """Components, each as its entry slots in orientation order (raises :class:`InvalidDiagram`).

    A component is traced from its first slot in reading order. It is oriented so that it enters
    every crossing where it is the under-strand at position 0 (``a``); if it passes both ways, the
    code is not consistently orientable. Over-only components follow :func:`_over_only_forward`.
    """
    positions = pd_positions(crossings) if positions is None else positions
    seen: set[Slot] = set()
    components = []
    for start in ((i, p) for i in range(len(crossings)) for p in range(4)):
        if start in seen:
            continue
        entries = _trace_strand(crossings, positions, start, seen)
        under = {p for _, p in entries if p % 2 == 0}
        if under == {0, 2}:
            i = next(i for i, p in entries if p == 2)
            raise InvalidDiagram(f"not consistently oriented: crossing {i} {list(crossings[i])} is entered at "
                                 "position 2 by a component that enters another under-crossing at position 0")
        if under == {2} or (not under and not _over_only_forward(crossings, positions, entries)):
            entries = _reverse(entries)
        components.append(entries)
    return components


def pd_orientation(crossings: tuple[Crossing, ...], positions=None) -> dict[int, tuple[Slot, Slot]]:
    """Label -> ``(tail, head)``: the slot where the oriented edge leaves a crossing and where it enters."""
    positions = pd_positions(crossings) if positions is None else positions
    ends: dict[int, tuple[Slot, Slot]] = {}
    for component in pd_components(crossings, positions):
        for i, p in component:
            head_label = crossings[i][p]
            tail = other_end(crossings, positions, (i, p))
            ends[head_label] = (tail, (i, p))
    return ends


def edge_face(crossings, positions, orientation, label: int, side: int) -> list[Slot]:
    """The face on ``side`` (0 left, 1 right) of the oriented edge ``label``, as its corner cycle.

    Left: the corner at the edge's tail slot ``(i, p)`` (between ``p`` and ``p + 1``). Right: the corner
    at its head slot.
    """
    tail, head = orientation[label]
    return face_corners(crossings, positions, tail if side == LEFT else head)


def validate_pd(crossings: tuple[Crossing, ...]) -> None:
    """Check the state conditions of §4: labels twice, planar, consistently orientable."""
    for i, crossing in enumerate(crossings):
        if len(crossing) != 4 or any(isinstance(x, bool) or not isinstance(x, int) or x < 1 for x in crossing):
            raise InvalidDiagram(f"crossing {i}: expected 4 positive integer labels, got {list(crossing)}")
    positions = pd_positions(crossings)
    for label in sorted(positions):
        if len(positions[label]) != 2:
            raise InvalidDiagram(f"label {label} occurs {len(positions[label])} time(s); every label occurs twice")
    faces, pieces = len(pd_faces(crossings)), pd_pieces(crossings, positions)
    if faces != len(crossings) + 2 * pieces:
        raise InvalidDiagram(f"not planar: {faces} faces, but {len(crossings)} crossings in {pieces} connected "
                             f"piece(s) need {len(crossings) + 2 * pieces}")
    if not _oriented_by(crossings, positions, pd_orientation(crossings, positions)):
        raise InvalidDiagram("not consistently oriented: the traced orientation does not enter every crossing at "
                             "position 0, leave at 2 and run the over-strand one way")


def link_components(state: PDDiagram) -> int:
    """Number of link components: traced components plus the free unknots."""
    return len(pd_components(state.crossings)) + state.free


# --------------------------------------------------------------------------------------------------
# Rewriting helpers
# --------------------------------------------------------------------------------------------------


def _max_label(positions) -> int:
    return max(positions, default=0)


def _with_slots(crossings, changes: dict[Slot, int], appended=()) -> tuple[Crossing, ...]:
    """``crossings`` with the given slots relabelled and new crossings appended."""
    rows = [list(c) for c in crossings]
    for (i, p), label in changes.items():
        rows[i][p] = label
    return tuple(tuple(r) for r in rows) + tuple(tuple(c) for c in appended)


def straighten(crossings, free: int, deleted: set[int]) -> PDDiagram:
    """Delete crossings and let both strands pass straight through each (§4, "Straightening").

    Labels joined through a deleted crossing (``a`` with ``c``, ``b`` with ``d``) form one edge named
    by the smallest of its labels that still occur; a class none of whose labels still occurs is a
    closed crossing-free loop and becomes a free component.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for i in sorted(deleted):
        a, b, c, d = crossings[i]
        for x, y in ((a, c), (b, d)):
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    kept = [c for k, c in enumerate(crossings) if k not in deleted]
    name: dict[int, int] = {}
    for crossing in kept:
        for x in crossing:
            r = find(x)
            name[r] = min(name.get(r, x), x)
    loops = {find(x) for i in deleted for x in crossings[i]} - set(name)
    return PDDiagram(tuple(tuple(name[find(x)] for x in c) for c in kept), free + len(loops))


def _require_crossing(crossings, i: int) -> None:
    if not 0 <= i < len(crossings):
        raise IllegalMove(f"crossing {i} is outside 0..{len(crossings) - 1}")


def _require_label(positions, label: int) -> None:
    if label not in positions:
        raise IllegalMove(f"edge {label} is not a label of the diagram")


def _require_side(side: int) -> None:
    if side not in (LEFT, RIGHT):
        raise IllegalMove(f"side must be 0 (left) or 1 (right), got {side}")


# --------------------------------------------------------------------------------------------------
# Moves
# --------------------------------------------------------------------------------------------------


def _labels_twice(after: PDDiagram) -> PDDiagram:
    """``after`` if every label occurs exactly twice (the witness of a band, PD.v ``keep_labelled``)."""
    for label, slots in pd_positions(after.crossings).items():
        if len(slots) != 2:
            raise IllegalMove(f"the move would leave label {label} at {len(slots)} slot(s)")
    return after


def _witnessed_insertion(after: PDDiagram, crossings, free: int, undo) -> PDDiagram:
    """``after`` with the run-time witness of an insertion (PD.v ``undo_r1``/``undo_r2``): every label
    occurs twice, and removing the inserted crossings (``undo``, an R1 or R2 removal) gives back exactly
    the diagram before the move. This is what lets the Coq proof read the insertion as the picture of
    the removal run backwards (``PDSpec.v``)."""
    _labels_twice(after)
    try:
        back = undo(after)
    except IllegalMove as exc:
        raise IllegalMove(f"the inserted crossings cannot be removed again: {exc}") from None
    if list(map(tuple, back.crossings)) != list(map(tuple, crossings)) or back.free != free:
        raise IllegalMove("removing the inserted crossings does not give back the diagram before the move")
    return after


def r1_remove(crossings, free, i: int) -> PDDiagram:
    """Undo a kink: crossing ``i`` carries one label at two cyclically adjacent positions."""
    _require_crossing(crossings, i)
    c = crossings[i]
    if not any(c[p] == c[(p + 1) % 4] for p in range(4)):
        raise IllegalMove(f"crossing {i} {list(c)} is not a kink (no label at two adjacent positions)")
    return straighten(crossings, free, {i})


def r1_add(crossings, free, e: int, side: int, sign: int) -> PDDiagram:
    """Add a kink of writhe ``sign`` on edge ``e``, its loop in the face on ``side`` of ``e``.

    With ``N`` the largest label, ``e`` keeps its tail, the loop is ``N+1`` and the edge from the new
    crossing to ``e``'s old head is ``N+2``; the new crossing is appended.
    """
    positions = pd_positions(crossings)
    _require_label(positions, e)
    _require_side(side)
    if sign not in (1, -1):
        raise IllegalMove(f"sign must be 1 or -1, got {sign}")
    orientation = pd_orientation(crossings, positions)
    n = _max_label(positions)
    loop, out = n + 1, n + 2
    new = {
        (LEFT, 1): (e, out, loop, loop),
        (LEFT, -1): (loop, e, out, loop),
        (RIGHT, -1): (e, loop, loop, out),
        (RIGHT, 1): (loop, loop, out, e),
    }[(side, sign)]
    after = PDDiagram(_with_slots(crossings, {orientation[e][1]: out}, [new]), free)
    return _witnessed_insertion(after, crossings, free, lambda d: r1_remove(d.crossings, d.free, len(crossings)))


def bigon_corners(crossings, i: int, j: int) -> tuple[int, int] | None:
    """``(p, q)`` such that corners ``(i, p)``, ``(j, q)`` form a bigon face whose two edges are each
    over at both ends or under at both ends (``p + q`` odd); ``None`` if there is none."""
    ci, cj = crossings[i], crossings[j]
    for p in range(4):
        for q in range(4):
            if (p + q) % 2 == 1 and ci[(p + 1) % 4] == cj[q] and cj[(q + 1) % 4] == ci[p]:
                return p, q
    return None


def r2_remove(crossings, free, i: int, j: int) -> PDDiagram:
    """Pull apart the two strands of a bigon between crossings ``i`` and ``j``."""
    _require_crossing(crossings, i)
    _require_crossing(crossings, j)
    if i == j:
        raise IllegalMove("r2_remove needs two different crossings")
    if bigon_corners(crossings, i, j) is None:
        raise IllegalMove(f"crossings {i} and {j} do not bound a bigon with one strand over at both")
    return straighten(crossings, free, {i, j})


def _side_of(orientation, label: int, face: set[Slot]) -> int | None:
    """The side of the oriented edge ``label`` on which ``face`` (a set of corners) lies, if any."""
    tail, head = orientation[label]
    if tail in face:
        return LEFT
    if head in face:
        return RIGHT
    return None


def r2_add(crossings, free, over: int, under: int, side: int) -> PDDiagram:
    """Push edge ``over`` across the face on its ``side`` and over edge ``under`` (a finger move).

    With ``N`` the largest label: ``over`` is split into ``over, N+1, N+2`` and ``under`` into
    ``under, N+3, N+4`` (in orientation order); the crossings ``P`` (first along ``over``) and then
    ``Q`` are appended, as tabulated in §4.
    """
    positions = pd_positions(crossings)
    _require_label(positions, over)
    _require_label(positions, under)
    _require_side(side)
    if over == under:
        raise IllegalMove("r2_add needs two different edges")
    orientation = pd_orientation(crossings, positions)
    face = set(edge_face(crossings, positions, orientation, over, side))
    under_side = _side_of(orientation, under, face)
    if under_side is None:
        raise IllegalMove(f"edge {under} does not bound the face on side {side} of edge {over}")
    n = _max_label(positions)
    o, o1, o2, u, u1, u2 = over, n + 1, n + 2, under, n + 3, n + 4
    p_cross, q_cross = {
        (LEFT, RIGHT): ((u, o, u1, o1), (u1, o2, u2, o1)),
        (LEFT, LEFT): ((u1, o1, u2, o), (u, o1, u1, o2)),
        (RIGHT, LEFT): ((u, o1, u1, o), (u1, o1, u2, o2)),
        (RIGHT, RIGHT): ((u1, o, u2, o1), (u, o2, u1, o1)),
    }[(side, under_side)]
    changes = {orientation[over][1]: o2, orientation[under][1]: u2}
    after = PDDiagram(_with_slots(crossings, changes, [p_cross, q_cross]), free)
    n = len(crossings)
    return _witnessed_insertion(after, crossings, free, lambda d: r2_remove(d.crossings, d.free, n, n + 1))


def r3(crossings, free, e: int, side: int) -> PDDiagram:
    """Reidemeister III across the triangular face on ``side`` of edge ``e``.

    Each of the triangle's three edges runs between slots ``(x, s)`` and ``(y, t)``; the slots
    opposite carry outer labels ``o_x``, ``o_y``. Simultaneously for all three edges: ``(x, s) := o_y``,
    ``(y, t) := o_x`` and both opposite slots get the edge's own label. No label or crossing is
    created or deleted.
    """
    positions = pd_positions(crossings)
    _require_label(positions, e)
    _require_side(side)
    orientation = pd_orientation(crossings, positions)
    face = edge_face(crossings, positions, orientation, e, side)
    if len(face) != 3 or len({i for i, _ in face}) != 3:
        raise IllegalMove(f"the face on side {side} of edge {e} is not a triangle with three distinct crossings "
                          f"({len(face)} corner(s))")
    if len({p % 2 for _, p in face}) == 1:
        raise IllegalMove(f"the triangle on side {side} of edge {e} is cyclic: no strand is over at both of its "
                          "crossings")
    changes: dict[Slot, int] = {}
    for x, s in face:
        edge_slot = (x, (s + 1) % 4)
        y, t = other_end(crossings, positions, edge_slot)
        label = crossings[x][edge_slot[1]]
        outer_x, outer_y = crossings[x][(s + 3) % 4], crossings[y][(t + 2) % 4]
        changes[edge_slot] = outer_y
        changes[(y, t)] = outer_x
        changes[(x, (s + 3) % 4)] = label
        changes[(y, (t + 2) % 4)] = label
    return PDDiagram(_with_slots(crossings, changes), free)


def _twist_crossing(k: int, side: int, twists: int, alpha: list[int], beta: list[int]) -> Crossing:
    """Crossing ``k`` (1-based, from ``e1``'s end of the band) of a twisted band, as tabulated in §4."""
    a0, a1, b0, b1 = alpha[k - 1], alpha[k], beta[k - 1], beta[k]
    type_x = (k + side) % 2 == 0
    if type_x:
        return (b1, a1, b0, a0) if twists > 0 else (a0, b1, a1, b0)
    return (a0, b0, a1, b1) if twists > 0 else (b1, a0, b0, a1)


def _heads_at(crossings, orientation, slot: Slot) -> bool:
    """``slot`` is the head end (the incoming end) of its edge (PD.v ``heads_at``)."""
    return orientation[crossings[slot[0]][slot[1]]][1] == slot


def _oriented_by(crossings, positions, orientation) -> bool:
    """PD.v ``oriented_by``: every crossing has a head at position 0, a tail at 2 and one head among 1
    and 3, and the two ends of every edge are one head and one tail."""
    for i in range(len(crossings)):
        heads = [_heads_at(crossings, orientation, (i, p)) for p in range(4)]
        if not (heads[0] and not heads[2] and heads[1] != heads[3]):
            return False
        if any(heads[p] == _heads_at(crossings, orientation, other_end(crossings, positions, (i, p)))
               for p in range(4)):
            return False
    return True


def _walks_along_face(crossings, start: Slot, path: list[Slot]) -> bool:
    """PD.v ``walk_b``: from each corner the face leaves along the edge at position ``p + 1`` and
    arrives at that edge's other end, the next corner."""
    current = start
    for corner in path:
        leaving = (current[0], (current[1] + 1) % 4)
        if corner == leaving or crossings[leaving[0]][leaving[1]] != crossings[corner[0]][corner[1]]:
            return False
        current = corner
    return True


def _upto(slot: Slot, corners: list[Slot]) -> list[Slot]:
    """The corners up to the first one equal to ``slot`` (PD.v ``upto``)."""
    return corners[:corners.index(slot) + 1] if slot in corners else list(corners)


def band_witness(crossings, positions, orientation, face: list[Slot], e1: int, e2: int, side: int,
                 alpha: list[int], beta: list[int], twist: list[Crossing], after: tuple[Crossing, ...]) -> None:
    """The run-time witness of a band (PD.v ``band_witness``; ``PDBandSpec.v`` proves it is the picture
    ``SpecBand``): raise ``IllegalMove`` naming the first condition that fails.

    The diagram is consistently oriented; the corners from ``e1``'s end ``f1`` (the first corner of
    ``face``) to ``e2``'s end ``f2`` on that face walk along one face and both edges are walked the same
    way; the new labels are fresh and distinct; ``after`` is the old code with the labels at the two
    heads replaced (``beta[0]`` at ``e1``'s head, ``alpha[-1]`` at ``e2``'s) followed by the twist row.
    """
    n, m2 = len(crossings), len(alpha) - 1
    f1 = face[0]
    f2 = orientation[e2][0] if side == LEFT else orientation[e2][1]
    path = _upto(f2, face[1:])
    h1, h2 = orientation[e1][1], orientation[e2][1]
    checks = (
        (_oriented_by(crossings, positions, orientation), "the diagram is not consistently oriented"),
        (_walks_along_face(crossings, f1, path) and (path or [f1])[-1] == f2,
         f"edges {e1} and {e2} do not border one face"),
        (crossings[f1[0]][f1[1]] == e1 and crossings[f2[0]][f2[1]] == e2 and e1 != e2,
         "the face walk does not start at e1 and end at e2"),
        (_heads_at(crossings, orientation, f1) == _heads_at(crossings, orientation, f2) == (side == RIGHT),
         "the band is not orientable-compatible"),
        (alpha[0] == e1 and beta[-1] == e2, "the band's strands do not start at e1 and e2"),
        (_fresh(positions, alpha[1:] + beta[:-1]), "the band's new labels are not fresh and distinct"),
        (len(after) == n + m2, "the band result has the wrong number of crossings"),
        (all(after[i][p] == (beta[0] if (i, p) == h1 else alpha[-1] if (i, p) == h2 else crossings[i][p])
             for i in range(n) for p in range(4)) and list(after[n:]) == list(twist),
         "the band result is not the old code with the heads re-attached plus the twist row"),
    )
    for holds, failure in checks:
        if not holds:
            raise IllegalMove(f"band witness: {failure}")


def _fresh(positions, labels: list[int]) -> bool:
    """PD.v ``fresh_b``: labels that occur nowhere in the code, pairwise different."""
    return all(label not in positions for label in labels) and len(set(labels)) == len(labels)


def band(crossings, free, e1: int, e2: int, side: int, twists: int) -> PDDiagram:
    """Oriented band move between edges ``e1`` and ``e2`` that both have the same face on ``side``.

    The band reconnects ``e1``'s tail to ``e2``'s head (strand A) and ``e2``'s tail to ``e1``'s head
    (strand B). Untwisted, this swaps the labels at the two heads. With ``m = |twists| > 0`` the band
    carries ``2m`` crossings of sign ``sign(twists)``: with ``N`` the largest label, A is
    ``e1, N+1, ..., N+2m`` and B is ``e2, N+2m+1, ..., N+4m`` in orientation order.
    """
    positions = pd_positions(crossings)
    _require_label(positions, e1)
    _require_label(positions, e2)
    _require_side(side)
    if e1 == e2:
        raise IllegalMove("band needs two different edges")
    if abs(twists) > MAX_TWISTS:
        raise IllegalMove(f"|twists| must be at most {MAX_TWISTS}, got {twists}")
    orientation = pd_orientation(crossings, positions)
    face = set(edge_face(crossings, positions, orientation, e1, side))
    if _side_of(orientation, e2, face) != side:
        raise IllegalMove(f"edge {e2} does not have the face on side {side} of edge {e1} on its own side {side} "
                          "(the band would not be orientable-compatible)")
    m, n = abs(twists), _max_label(positions)
    alpha = [e1] + [n + k for k in range(1, 2 * m + 1)]
    beta = [n + 4 * m - k for k in range(2 * m)] + [e2]
    twist = [_twist_crossing(k, side, twists, alpha, beta) for k in range(1, 2 * m + 1)]
    changes = {orientation[e1][1]: beta[0], orientation[e2][1]: alpha[-1]}
    after = _with_slots(crossings, changes, twist)
    band_witness(crossings, positions, orientation, edge_face(crossings, positions, orientation, e1, side),
                 e1, e2, side, alpha, beta, twist, after)
    return _labels_twice(PDDiagram(after, free))


def remove_free(crossings, free) -> PDDiagram:
    """Delete one free unknot (a split, crossing-free component)."""
    if free < 1:
        raise IllegalMove("there is no free component to remove")
    return PDDiagram(tuple(crossings), free - 1)


_MOVES = {
    "r1_remove": r1_remove,
    "r1_add": r1_add,
    "r2_remove": r2_remove,
    "r2_add": r2_add,
    "r3": r3,
    "band": band,
    "remove_free": remove_free,
}


def apply_pd_move(state: PDDiagram | tuple, move: tuple) -> PDDiagram:
    """Apply one PD-calculus move to a valid state; raise :class:`IllegalMove` (with the reason) if its
    precondition fails. ``state`` is not modified. Semantics: ``docs/certificates.md`` §4."""
    name, args = move[0], tuple(move[1:])
    if name not in PD_ARITY:
        raise IllegalMove(f"unknown move {name!r}")
    if len(args) != PD_ARITY[name]:
        raise IllegalMove(f"{name} takes {PD_ARITY[name]} argument(s), got {len(args)}")
    crossings, free = state
    return _MOVES[name](tuple(crossings), free, *args)


# --------------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------------


def pd_input_state(document_input: dict) -> PDDiagram:
    """The input state ``{pd: [[a,b,c,d], ...], free: k}``, validated (raises :class:`InvalidDiagram`)."""
    crossings = tuple(tuple(c) for c in document_input["pd"])
    validate_pd(crossings)
    return PDDiagram(crossings, document_input["free"])


def check_pd(cert) -> Verdict:
    """Replay a ``calculus: pd`` certificate from its input and test its claim (§4, Claims)."""
    try:
        state = pd_input_state(cert.input)
    except InvalidDiagram as exc:
        return Verdict(False, f"input.pd: {exc}")
    counts = {name: 0 for name in RIBBON_ONLY}
    for index, move in enumerate(cert.steps):
        if move[0] in RIBBON_ONLY:
            if cert.kind != "ribbon":
                return Verdict(False, f"{move[0]} is not an isotopy, not allowed in a {cert.kind} certificate",
                               index, move)
            counts[move[0]] += 1
        try:
            state = apply_pd_move(state, move)
        except IllegalMove as exc:
            return Verdict(False, str(exc), index, move)
        except InvalidDiagram as exc:  # moves preserve validity; if one did not, reject rather than crash
            return Verdict(False, f"the state became invalid: {exc}", index, move)
    return _check_pd_claim(cert, state, counts)


def _check_pd_claim(cert, state: PDDiagram, counts: dict[str, int]) -> Verdict:
    final = (state.crossings, state.free)
    if state.crossings:
        return Verdict(False, f"claim: the final diagram still has {len(state.crossings)} crossing(s)",
                       final_state=final)
    if cert.kind == "ribbon":
        bands = cert.claim["bands"]
        if counts["band"] != bands:
            return Verdict(False, f"claim.bands: {bands} claimed but {counts['band']} band steps", final_state=final)
        discs = state.free + counts["remove_free"]
        if discs != bands + 1:
            return Verdict(False, f"claim: {discs} discs (free components removed or left), a ribbon with {bands} "
                           f"band(s) needs {bands + 1}", final_state=final)
        if link_components(pd_input_state(cert.input)) != 1:
            return Verdict(False, "input: the input diagram is not a knot (one component)", final_state=final)
        return Verdict(True, final_state=final)
    claimed = cert.claim["components"]
    if state.free != claimed:
        return Verdict(False, f"claim.components: {claimed} claimed but the final state is the {state.free}-component "
                       "unlink", final_state=final)
    return Verdict(True, final_state=final)
