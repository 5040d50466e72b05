"""Rerouting over- and underpasses, compiled into recorded Reidemeister moves.

A *pass* of a diagram is a maximal run of consecutive crossings along one component at which the
component is always the over-strand (an *overpass*) or always the under-strand (an *underpass*).
Because the pass lies above (below) everything it meets, it can be lifted off the plane and laid down
along any other route between its two ends, over (under) everything the new route meets: the link does
not change. This is the "pickup" step of spherogram's ``simplify('global')`` (``strand_pickup`` in
``spherogram/links/simplify.py``) and what untangles Haken's Gordian unknot.

The PD calculus has no reroute move: :func:`reroute_moves` *compiles* one reroute into the moves the
trusted checker already knows, so nothing is trusted from here (every move is replayed by
:func:`pybridge.certs.pd_checker.apply_pd_move`). With ``P`` the old route (``k`` crossings) and ``Q``
a shortest route through the faces that does not cross ``P`` (``m`` crossings):

1. **finger** — ``m`` ``r2_add`` moves push a finger of the strand, just before the pass, along ``Q``,
   over (under) every edge ``Q`` crosses. The strand now runs out along ``Q``, back along ``Q``, then
   along ``P``: the part *back along Q, then P* is a pass whose two ends lie on one face, so together
   with an arc in that face it bounds a disc ``Δ`` (the region between ``P`` and ``Q``).
2. **contraction** — the loop is swept across ``Δ``: a bigon between the loop and an edge is removed
   (``r2_remove``); a crossing ``w`` of ``Δ`` next to the loop is moved out of ``Δ`` by ``r3`` on a
   triangle, which is first created by one ``r2_add`` when ``w``'s face has more than three corners.
   Every crossing of ``Δ`` leaves it once, so the sweep ends with the loop gone.

A route that leaves on one side of the pass and arrives on the other is preceded by one ``r1_add``
kink at the pass's exit (:func:`reroute_moves`). The net change is ``m - k`` crossings, at a cost of
about ``m + 2·|Δ| + (k + m)/2`` moves.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..certs.checker import IllegalMove
from ..certs.pd_checker import LEFT, RIGHT, apply_pd_move, bigon_corners, pd_components
from .pd import Move, PDState, r3_on_face

Slot = tuple[int, int]


@dataclass(frozen=True)
class Pass:
    """A maximal over- or underpass: the labels of its edges and its number of crossings.

    ``entry`` is the edge entering its first crossing, ``inner`` the edges between its crossings and
    ``exit`` the edge leaving its last crossing, all oriented along the component.
    """

    over: bool
    entry: int
    inner: tuple[int, ...]
    exit: int

    @property
    def crossings(self) -> int:
        return len(self.inner) + 1


def _is_over(slot: Slot) -> bool:
    return slot[1] % 2 == 1


def passes(state: PDState, *, min_crossings: int = 2) -> list[Pass]:
    """Every maximal over- and underpass with at least ``min_crossings`` crossings."""
    found = []
    for entries in pd_components(state.crossings, state.positions):
        kinds = [_is_over(slot) for slot in entries]
        if len(set(kinds)) < 2:
            continue  # the whole component is one pass: nothing to reroute it against
        labels = [state.crossings[i][p] for i, p in entries]
        start = next(t for t in range(len(kinds)) if kinds[t] != kinds[t - 1])
        order = list(range(start, len(kinds))) + list(range(start))
        run: list[int] = []
        for t in order + [start]:
            if run and kinds[t] != kinds[run[0]]:
                if len(run) >= min_crossings:
                    found.append(Pass(kinds[run[0]], labels[run[0]], tuple(labels[r] for r in run[1:]),
                                      labels[t]))
                run = []
            run.append(t)
    return found


def _edge_faces(state: PDState) -> tuple[dict[Slot, int], dict[int, tuple[int, int]]]:
    """Face index of each corner, and each label's (left face, right face)."""
    face_of = {corner: f for f, face in enumerate(state.faces) for corner in face}
    sides = {label: (face_of[tail], face_of[head]) for label, (tail, head) in state.orientation.items()}
    return face_of, sides


def _dual_graph(state: PDState, pas: Pass) -> tuple[dict[int, tuple[int, int]], dict[int, list[tuple[int, int]]]]:
    """Each label's (left face, right face), and the dual graph without the pass and its end edges."""
    _, sides = _edge_faces(state)
    blocked = {pas.entry, pas.exit, *pas.inner}
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for label, (left, right) in sides.items():
        if label not in blocked and left != right:
            adjacency.setdefault(left, []).append((label, right))
            adjacency.setdefault(right, []).append((label, left))
    return sides, adjacency


def _dijkstra(adjacency, start: int, goal: int, weights) -> list[int] | None:
    """The edges crossed by a cheapest dual path from face ``start`` to face ``goal`` (``None``: none)."""
    parent: dict[int, tuple[int | None, int | None]] = {}
    heap, counter = [(0, 0, start, None, None)], 1
    while heap:
        cost, _, face, label, previous = heapq.heappop(heap)
        if face in parent:
            continue
        parent[face] = (label, previous)
        if face == goal:
            crossed = []
            while parent[face][0] is not None:
                label, face = parent[face]
                crossed.append(label)
            return crossed[::-1]
        for label, neighbour in adjacency.get(face, []):
            if neighbour not in parent:
                step = 1 if weights is None else weights(label)
                heapq.heappush(heap, (cost + step, counter, neighbour, label, face))
                counter += 1
    return None


def shortest_routes(state: PDState, pas: Pass, weights=None) -> list[tuple[int, int, list[int]]]:
    """Shortest new routes for ``pas`` as ``(side it leaves the entry edge, side it reaches the exit
    edge, edges it crosses)``, shortest first.

    Each runs through the dual graph between a face beside the pass's entry edge and one beside its
    exit edge, never crossing the pass or its end edges (Dijkstra, ``weights(label)`` the cost of
    crossing ``label``; breadth-first when ``None``). A route that keeps to one side bounds, with the
    pass, a disc away from the strand's continuation; one that changes sides also sweeps past an end
    of the pass (an R1-like twist), which the compiled moves may or may not manage — the caller keeps
    only compilations the checker accepts.
    """
    sides, adjacency = _dual_graph(state, pas)
    found = []
    for start in (LEFT, RIGHT):
        for end in (LEFT, RIGHT):
            route = _dijkstra(adjacency, sides[pas.entry][start], sides[pas.exit][end], weights)
            if route is not None:
                found.append((start, end, route))
    return sorted(found, key=lambda item: (len(item[2]), item[0] != item[1]))


def random_route(state: PDState, pas: Pass, rng, *, min_length: int, tries: int = 20) -> tuple[int, list[int]] | None:
    """A random self-avoiding route for ``pas`` (on one side, as in :func:`shortest_routes`) of at least
    ``min_length`` crossings, or ``None`` if ``tries`` random walks find none (used to make hard
    diagrams: the inverse of a pickup)."""
    sides, adjacency = _dual_graph(state, pas)
    for _ in range(tries):
        side = rng.randint(LEFT, RIGHT)
        face, goal, seen, route = sides[pas.entry][side], sides[pas.exit][side], set(), []
        seen.add(face)
        while face != goal or len(route) < min_length:
            options = [(label, f) for label, f in adjacency.get(face, []) if f not in seen]
            if not options:
                break
            label, face = rng.choice(options)
            seen.add(face)
            route.append(label)
        if face == goal and len(route) >= min_length:
            return side, route
    return None


# ----------------------------------------------------------------------------------------------
# The compiled reroute
# ----------------------------------------------------------------------------------------------


class _Trace:
    """A state and the moves that produced it (every move applied by the trusted checker)."""

    def __init__(self, state: PDState):
        self.state, self.moves = state, []

    def push(self, move: Move) -> None:
        self.state = PDState.of(apply_pd_move(self.state.diagram, move))
        self.moves.append(move)

    def push_r3(self, face: list[Slot]) -> None:
        """``r3`` on a triangular face (:func:`pybridge.moves.pd.r3_on_face`; replayed by the checker later)."""
        label, side = self.state.corner_edge(face[0])
        if len({i for i, _ in face}) != 3 or len({p % 2 for _, p in face}) != 2:
            raise IllegalMove("not a non-cyclic triangle at three crossings")
        self.state = r3_on_face(self.state, face)
        self.moves.append(("r3", label, side))


def _max_label(state: PDState) -> int:
    return max(state.positions)


def _face_side(state: PDState, label: int, face: set[Slot]) -> int | None:
    tail, head = state.orientation[label]
    return LEFT if tail in face else RIGHT if head in face else None


def _push(trace: _Trace, over: bool, strand: int, other: int, face: set[Slot]) -> None:
    """``r2_add`` making ``strand`` cross ``other`` twice inside ``face``, over iff ``over``."""
    top, bottom = (strand, other) if over else (other, strand)
    trace.push(("r2_add", top, bottom, _face_side(trace.state, top, face)))


def _lay_finger(trace: _Trace, pas: Pass, side: int, route: list[int]) -> None:
    """Push a finger of ``pas.entry`` along ``route`` (step 1 of the module docstring)."""
    tip = pas.entry
    face = set(trace.state.faces[_edge_faces(trace.state)[1][tip][side]])
    for crossed in route:
        n = _max_label(trace.state)
        _push(trace, pas.over, tip, crossed, face)
        tip = n + 1 if pas.over else n + 3
        left, right = _edge_faces(trace.state)[1][tip]
        face = set(trace.state.faces[right if len(trace.state.faces[left]) == 2 else left])


def _loop(state: PDState, pas: Pass, skip: int) -> list[Slot] | None:
    """Entry slots of the loop: the pass-type crossings after the first ``skip`` along the strand."""
    slot, run = state.orientation[pas.entry][1], []
    while _is_over(slot) == pas.over:
        run.append(slot)
        i, p = slot
        slot = state.orientation[state.crossings[i][(p + 2) % 4]][1]
        if len(run) > 2 * len(state.crossings):
            return None  # the whole component became one pass
    return run[skip:] if len(run) >= skip else None


def _loop_edges(state: PDState, loop: list[Slot], ends: bool) -> set[int]:
    """Labels of the edges between consecutive loop crossings, with ``ends``: also the edge entering
    its first crossing and the one leaving its last."""
    inner = {state.crossings[i][(p + 2) % 4] for i, p in loop[:-1]}
    if not ends:
        return inner
    (i, p), (j, q) = loop[0], loop[-1]
    return inner | {state.crossings[i][p], state.crossings[j][(q + 2) % 4]}


def _sweep_step(trace: _Trace, pas: Pass, loop: list[Slot], side: int, ends: bool) -> bool:
    """One step of the contraction (step 2 of the module docstring); ``False`` if none applies."""
    state = trace.state
    crossings = [i for i, _ in loop]
    for i, j in zip(crossings, crossings[1:]):
        if bigon_corners(state.crossings, i, j) is not None:
            trace.push(("r2_remove", min(i, j), max(i, j)))
            return True
    members, loop_edges = set(crossings), _loop_edges(state, loop, ends or len(loop) == 1)
    face_of = _edge_faces(state)[0]
    for label in sorted(loop_edges):
        tail, head = state.orientation[label]
        face = state.faces[face_of[tail if side == LEFT else head]]
        if _sweep_in_face(trace, pas, face, members, loop_edges):
            return True
    return False


def _sweep_in_face(trace: _Trace, pas: Pass, face: list[Slot], members: set[int], loop_edges: set[int]) -> bool:
    """Move one crossing of ``face`` that is next to the loop across it (``r3``, after an ``r2_add``)."""
    state, size = trace.state, len(face)
    for t in range(size):
        before, corner, after = face[t - 1], face[t], face[(t + 1) % size]
        if corner[0] not in members:
            continue
        came_by, _ = state.corner_edge(corner)             # edge from `before` to `corner`
        leaves_by, _ = state.corner_edge(after)            # edge from `corner` to `after`
        if came_by in loop_edges and after[0] not in members:
            w, far, third = after, face[(t + 2) % size], before
            other, _ = state.corner_edge(far)               # edge from w onwards
            loop_edge = came_by
        elif leaves_by in loop_edges and before[0] not in members:
            w, far, third = before, face[t - 2], after
            other, _ = state.corner_edge(before)            # edge into w
            loop_edge = leaves_by
        else:
            continue
        if size == 3 and third[0] in members:
            trace.push_r3(face)
            return True
        moved, fresh = w[0], len(state.crossings)
        _push(trace, pas.over, loop_edge, other, set(face))
        return _r3_at(trace, moved, corner[0], fresh)
    return False


def _r3_at(trace: _Trace, w: int, c: int, fresh: int) -> bool:
    """``r3`` on the triangle with corners at crossings ``w``, ``c`` and a new one (index >= ``fresh``)."""
    for face in trace.state.faces:
        crossings = {i for i, _ in face}
        if len(face) == 3 and {w, c} <= crossings and len(crossings) == 3 and max(crossings) >= fresh:
            try:
                trace.push_r3(face)
            except IllegalMove:
                continue
            return True
    return False


def _contract(trace: _Trace, pas: Pass, skip: int, side: int, max_moves: int, ends: bool) -> bool:
    while len(trace.moves) < max_moves:
        loop = _loop(trace.state, pas, skip)
        if loop is None:
            return False
        if not loop:
            return True
        if not _sweep_step(trace, pas, loop, side, ends):
            return False
    return False


def compile_reroute(state: PDState, pas: Pass, side: int, route: list[int]) -> list[Move] | None:
    """Moves laying ``pas`` along ``route`` (edges crossed, leaving ``entry`` on ``side``), or ``None``.

    The moves replay under the trusted checker and change the crossing number by ``m - k``
    (``m = len(route)``, module docstring); ``None`` when the compilation does not close (it then
    proposes nothing rather than something unchecked). The disc lies on ``side`` of the loop; the
    sweep first uses only the loop's inner edges, then also its two end edges.
    """
    target = state.crossing_count + len(route) - pas.crossings
    budget = 5 * (state.crossing_count + 2 * len(route)) // 2 + 20  # successful sweeps took <= 2.01 n on Gordian
    for ends in (False, True):
        trace = _Trace(state)
        try:
            _lay_finger(trace, pas, side, route)
            if _contract(trace, pas, len(route), side, budget, ends) and trace.state.crossing_count == target:
                return trace.moves
        except (IllegalMove, KeyError, StopIteration):
            continue
    return None


def reroute_moves(state: PDState, pas: Pass, routes=None) -> list[Move] | None:
    """Moves rerouting ``pas`` along the shortest route that is shorter and compiles, else ``None``.

    A route that leaves on one side of the pass and arrives on the other (odd ``k + m``) cannot be
    swept by R2/R3 alone: the strand's continuation lies inside the disc. It is first turned into a
    one-sided route by a kink (``r1_add`` at the pass's exit edge, crossed first over for an
    overpass, under for an underpass), which lengthens the pass by one crossing and moves its
    continuation to the other side (:func:`_kinked`). ``routes``: :func:`shortest_routes` of ``pas``
    if the caller has them already.
    """
    for side, end, route in shortest_routes(state, pas) if routes is None else routes:
        if len(route) >= pas.crossings:
            break
        moves = compile_reroute(state, pas, side, route) if side == end else _kinked(state, pas, len(route))
        if moves is not None:
            return moves
    return None


def _kinked(state: PDState, pas: Pass, length: int) -> list[Move] | None:
    """A kink on the exit edge, then a one-sided reroute of the longer pass no longer than ``length``."""
    n = _max_label(state)
    for side in (LEFT, RIGHT):
        for sign in (1, -1):
            move = ("r1_add", pas.exit, side, sign)
            try:
                kinked = PDState.of(apply_pd_move(state.diagram, move))
            except IllegalMove:
                continue
            longer = next((p for p in passes(kinked) if p.entry == pas.entry and p.over == pas.over
                           and p.crossings == pas.crossings + 1), None)
            if longer is None:
                continue
            for start, end, route in shortest_routes(kinked, longer):
                if len(route) > length:
                    break
                if start == end:
                    moves = compile_reroute(kinked, longer, start, route)
                    if moves is not None:
                        return [move, *moves]
    return None


def best_reroute(state: PDState) -> list[Move] | None:
    """The compiled reroute of the pass with the largest saving ``k - m`` that compiles, if any."""
    candidates = []
    for pas in passes(state):
        routes = shortest_routes(state, pas)
        if routes and len(routes[0][2]) < pas.crossings:
            candidates.append((pas.crossings - len(routes[0][2]), pas, routes))
    for _, pas, routes in sorted(candidates, key=lambda item: -item[0]):
        moves = reroute_moves(state, pas, routes)
        if moves is not None:
            return moves
    return None
