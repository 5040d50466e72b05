r"""PD codes as the field writes them: normalise to the Knot Atlas convention.

Two conventions for a crossing's 4-tuple are in use. Both list the four edge labels
counter-clockwise around the crossing and put the under-strand in slots 0 and 2; they differ in
where the tuple starts.

* **Knot Atlas** (Bar-Natan's Knot Atlas, "PD notation"; also KnotInfo, SnapPy's ``PD_code()``,
  regina and every certificate pybridge writes): ``(a, b, c, d)`` starts at the *incoming*
  under-strand ``a``, so the under-strand runs ``a -> c``.
* **Outgoing first**: ``(c, d, a, b)``, the same crossing rotated by two positions, starts at the
  *outgoing* under-strand. Such a code does not say on its own which end of an under-strand is the
  incoming one; the orientation is given by the label order along each component instead.
  ``spherogram.Link(pd)`` reads PD codes this way (``Link._component_starts_from_PD``): each
  component is oriented from its smallest label ``m`` towards the smaller of the two labels next to
  ``m`` along the component (so ``1 -> 2 -> ... -> 2n -> 1``, wrapping from the largest label to the
  smallest); then every crossing whose under-strand runs ``c -> a`` is turned by 180 degrees.

:func:`to_knot_atlas` turns a code that mixes the two (any subset of crossings rotated) into a Knot
Atlas code, rotating back exactly the crossings whose under-strand runs ``c -> a``. Component by
component (traced straight through each crossing):

1. **Label order.** The component's labels, sorted, define a cyclic successor (the next larger
   label; the largest is followed by the smallest). At an under-pass entering along ``x`` and
   leaving along ``y``, the labels *say* the strand runs ``x -> y`` when ``y`` follows ``x``, and
   ``y -> x`` when ``x`` follows ``y``; they say nothing when both or neither hold (a component of
   one or two edges, or labels that do not run along the strand).
2. **Already consistent.** If the under-passes of the component all agree with one direction (every
   one runs ``a -> c`` when the component is travelled one way), it is left alone, unless its
   labels run exactly in order along the opposite direction (every edge is followed by the next
   label, at least three edges): then it is an outgoing-first component and all its under-passes
   are rotated. So a Knot Atlas code passes through unchanged whenever its labels do not run
   backwards along a component (KnotInfo and SnapPy codes run forwards), and a code written
   entirely outgoing-first is read as spherogram reads it.
3. **Mixed.** Otherwise the under-passes with a label verdict fix the direction; they must agree,
   else the code is *contradictory* and :class:`~pybridge.errors.InvalidDiagramError` names a
   crossing. Where no under-pass has a verdict (the label order is ambiguous) the direction is
   spherogram's: from the smallest label to its smaller neighbour, and for a component of two
   edges spherogram's tie rule (the slot-0 label of its crossings decides).

Codes that are not planar (the faces do not number ``crossings + 2`` per connected piece) are
refused before any of this; the error names the first crossing at which the code stops fitting on
the sphere (the crossings before it can be drawn on the sphere, with it they cannot). Input that is not a list of 4-tuples of integers with every label
twice is returned as given, so that :class:`~pybridge.knots.pd.PDCode` reports it.

>>> to_knot_atlas([(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)])   # Knot Atlas trefoil: unchanged
([(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)], [])
>>> to_knot_atlas([(2, 4, 1, 5), (3, 1, 4, 6), (6, 2, 5, 3)])   # crossings 0 and 2 outgoing first
([(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)], [0, 2])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import InvalidDiagramError
from .signature import _partners, _trace_components  # shared slot and component tracing

__all__ = ["to_knot_atlas", "rotate"]

Position = tuple[int, int]  # (crossing index, slot 0..3)

#: How many crossings a non-planar code's error message tries listing the other way round.
MAX_CLOCKWISE_SEARCH = 200

def rotate(crossing: Sequence[int]) -> tuple[int, int, int, int]:
    """The crossing read from the opposite end of its under-strand: ``(a,b,c,d) -> (c,d,a,b)``."""
    a, b, c, d = crossing
    return (c, d, a, b)


def _well_formed(crossings: Any) -> list[tuple] | None:
    if not isinstance(crossings, (list, tuple)):
        return None
    code = []
    counts: dict[int, int] = {}
    for crossing in crossings:
        if isinstance(crossing, (str, bytes)) or not isinstance(crossing, Sequence) or len(crossing) != 4:
            return None
        for label in crossing:
            if isinstance(label, bool) or not isinstance(label, int):
                return None
            counts[label] = counts.get(label, 0) + 1
        code.append(tuple(crossing))
    if any(count != 2 for count in counts.values()):
        return None
    return code


def _name(code: list[tuple], i: int) -> str:
    return f"crossing {i} {list(code[i])}"


# -- planarity --------------------------------------------------------------------------------------


def _genus(code: list[tuple]) -> int:
    """Genus of the surface the code's rotation system draws it on: 0 for a planar code.

    Edges whose label occurs only once in ``code`` (a prefix of a code) dangle: a face walk that
    reaches one turns back. Per connected piece ``V - E + F = 2 - 2g`` with ``V - E`` = crossings
    minus closed edges (a dangling edge adds one vertex and one edge).
    """
    where: dict[int, list[Position]] = {}
    for i, crossing in enumerate(code):
        for j, label in enumerate(crossing):
            where.setdefault(label, []).append((i, j))
    partner: dict[Position, Position] = {}
    closed = 0
    for slots in where.values():
        if len(slots) == 2:
            closed += 1
            partner[slots[0]], partner[slots[1]] = slots[1], slots[0]
        else:
            partner[slots[0]] = slots[0]
    seen: set[Position] = set()
    faces = 0
    for start in ((i, j) for i in range(len(code)) for j in range(4)):
        if start in seen:
            continue
        faces += 1
        corner = start
        while corner not in seen:
            seen.add(corner)
            corner = partner[(corner[0], (corner[1] + 1) % 4)]
    parent = list(range(len(code)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, _), (k, _) in partner.items():
        parent[root(i)] = root(k)
    pieces = len({root(i) for i in range(len(code))})
    return (2 * pieces - (len(code) - closed) - faces) // 2


def _check_planar(code: list[tuple]) -> None:
    """Refuse a non-planar code, naming the first crossing at which it stops fitting on the sphere."""
    genus = _genus(code)
    if genus == 0:
        return
    low, high = 1, len(code)  # the genus of a prefix only grows; find the shortest non-planar one
    while low < high:
        mid = (low + high) // 2
        if _genus(code[:mid]) > 0:
            high = mid
        else:
            low = mid + 1
    i = low - 1
    hint = ""
    for k in [i] + [k for k in range(len(code)) if k != i][:MAX_CLOCKWISE_SEARCH]:
        a, b, c, d = code[k]
        if _genus(code[:k] + [(a, d, c, b)] + code[k + 1:]) == 0:
            hint = f"; is {_name(code, k)} listed clockwise? as {[a, d, c, b]} the code would be planar"
            break
    raise InvalidDiagramError(
        f"PD code is not planar (its faces fit a surface of genus {genus}, not the sphere): crossings "
        f"0..{i} already cannot be drawn on the sphere, {_name(code, i)} is the first that does not fit{hint}"
    )


# -- orientation ------------------------------------------------------------------------------------


def _spherogram_forward(code: list[tuple], entries: list[Position], partner: dict[Position, Position]) -> bool:
    """Whether ``spherogram.Link(code)`` travels this component in the direction of ``entries``.

    A transcription of ``Link._component_starts_from_PD`` for one component: it picks the slot at
    which the component *leaves* a crossing along the edge after the smallest label ``m``.
    """
    labels = [code[i][j] for i, j in entries]
    m = min(labels)
    first, second = sorted(p for p in partner if code[p[0]][p[1]] == m)  # code order, like gluings
    (c1, index1), (c2, index2) = first, second
    if c1 == c2:  # m is a kink: go towards the smallest other label at the crossing
        next_label = min(set(code[c1]) - {m})
        leave = (c1, code[c1].index(next_label))
    else:
        j1, j2 = (index1 + 2) % 4, (index2 + 2) % 4
        l1, l2 = code[c1][j1], code[c2][j2]
        if l1 < l2:
            leave = (c1, j1)
        elif l2 < l1:
            leave = (c2, j2)
        elif code[c2][0] == l1 or code[c1][0] == m:  # two edges: slot 0 is taken as incoming
            leave = (c1, j1)
        else:
            leave = (c2, j2)
    return leave in {(i, (j + 2) % 4) for i, j in entries}


def _orient(code: list[tuple], entries: list[Position], partner: dict[Position, Position]) -> set[int]:
    """The crossings of this component's under-passes that must be rotated (see the module doc)."""
    unders = [(i, j) for i, j in entries if j % 2 == 0]
    if not unders:
        return set()
    labels = [code[i][j] for i, j in entries]  # edge entering each crossing, in order of travel
    ordered = sorted(labels)
    follows = {x: ordered[(k + 1) % len(ordered)] for k, x in enumerate(ordered)}
    k = len(labels)

    def in_order(forward: bool) -> bool:
        if k < 3:
            return False
        seq = labels if forward else labels[::-1]
        return all(follows[seq[t]] == seq[(t + 1) % k] for t in range(k))

    def rotations(forward: bool) -> set[int]:  # under-passes running c -> a when travelled so
        return {i for i, j in unders if (j == 2) == forward}

    slots = {j for _, j in unders}
    if slots == {0}:
        return rotations(False) if in_order(False) else set()
    if slots == {2}:
        return rotations(True) if in_order(True) else set()
    verdicts = []  # (crossing, forward?) where the labels at the under-pass say which way it runs
    for i, j in unders:
        x, y = code[i][j], code[i][(j + 2) % 4]  # entering, leaving when travelled forward
        says_forward, says_backward = follows[x] == y, follows[y] == x
        if says_forward != says_backward:
            verdicts.append((i, says_forward, f"{x} -> {y}" if says_forward else f"{y} -> {x}"))
    if verdicts:
        i0, forward, run0 = verdicts[0]
        for i, direction, run in verdicts[1:]:
            if direction != forward:
                raise InvalidDiagramError(
                    f"PD code is contradictory at {_name(code, i)}: its labels say its under-strand "
                    f"runs {run}, but the labels of {_name(code, i0)} say {run0}, the opposite way "
                    "along the same component"
                )
        return rotations(forward)
    return rotations(_spherogram_forward(code, entries, partner))


def to_knot_atlas(crossings: Any) -> tuple[list[tuple], list[int]]:
    """Normalise a PD code to the Knot Atlas convention (see the module docstring).

    Returns the crossings (Knot Atlas tuples) and the sorted indices of the crossings that were
    rotated by two positions; a Knot Atlas code comes back unchanged with no indices. Raises
    :class:`~pybridge.errors.InvalidDiagramError` naming a crossing for a non-planar or
    contradictory code.

    >>> to_knot_atlas([[6, 4, 5, 1], [1, 7, 2, 6], [7, 3, 8, 2], [4, 8, 3, 5]])   # L4a1
    ([(5, 1, 6, 4), (1, 7, 2, 6), (7, 3, 8, 2), (3, 5, 4, 8)], [0, 3])

    A component of two edges has no label order: if it passes under only once, or under twice
    consistently, its tuples are read as Knot Atlas tuples (spherogram does the same), so rotating
    such a crossing reverses that component instead:

    >>> to_knot_atlas([(4, 1, 3, 2), (1, 4, 2, 3)])   # Hopf link (3,2,4,1),(1,4,2,3), crossing 0 rotated
    ([(4, 1, 3, 2), (1, 4, 2, 3)], [])
    """
    code = _well_formed(crossings)
    if code is None or not code:
        return (list(crossings) if isinstance(crossings, (list, tuple)) else crossings), []
    _check_planar(code)
    partner = _partners(code)
    rotated: set[int] = set()
    for entries in _trace_components(code, partner):
        rotated |= _orient(code, entries, partner)
    return [rotate(c) if i in rotated else c for i, c in enumerate(code)], sorted(rotated)
