"""Planar-diagram moves for search: states, legal moves, canonical forms and a recorded simplifier.

A move is a tuple ``(name, *int_args)`` exactly as written in ``calculus: pd`` certificates
(``docs/certificates.md`` §4): crossings are named by 0-based index, edges by label, faces by
``(edge, side)`` with side 0 = left and 1 = right of the oriented edge. Moves are applied by the trusted
checker's :func:`~pybridge.certs.pd_checker.apply_pd_move` (search code may import the checker; the
checker never imports this module), so a recorded move list replays under the checker by construction.

Mathematics. R1, R2 and R3 are the Reidemeister moves; every diagram of the unknot reduces to the
crossing-free circle by them (Reidemeister 1927), but a reduction may first have to *increase* the
number of crossings (Goeritz's 1934 unknot diagram is the classical example). :func:`simplify_recorded`
therefore mixes greedy R1/R2 removals, searches over R3 moves (which keep the crossing count) for a
position where a removal appears, and, in local minima, random R2 additions followed by renewed
simplification, in the spirit of spherogram's ``simplify('level')`` and ``backtrack``.
:func:`simplify_global` adds the strand-rerouting ("pickup") step of spherogram's
``simplify('global')``, compiled into Reidemeister moves by :mod:`pybridge.moves.reroute`; that is
what untangles Haken's 141-crossing Gordian unknot (regina's ``ExampleLink.gordian()``).
Band moves (saddles) are enumerated for ribbon search; they change the link, not just the diagram.
"""

from __future__ import annotations

import random
import time
from collections import deque
from dataclasses import dataclass
from functools import cached_property

from ..certs.checker import IllegalMove
from ..certs.pd_checker import (
    LEFT,
    RIGHT,
    PDDiagram,
    apply_pd_move,
    bigon_corners,
    pd_components,
    pd_faces,
    pd_orientation,
    pd_positions,
)
from ..knots.pd import PDCode

Move = tuple
Crossing = tuple[int, int, int, int]

ISOTOPIES = ("r1_remove", "r1_add", "r2_remove", "r2_add", "r3")
DEFAULT_KINDS = ("r1_remove", "r2_remove", "r3")


@dataclass(frozen=True)
class PDState:
    """An immutable PD state (positive labels) with its derived structure computed on demand.

    Equality and hashing use ``crossings`` and ``free`` only: two states with the same tuples are the
    same diagram *with the same labels*; use :func:`canonical` to compare up to relabelling.
    """

    crossings: tuple[Crossing, ...]
    free: int = 0

    @classmethod
    def from_pd(cls, pd: PDCode) -> "PDState":
        """From a :class:`~pybridge.knots.pd.PDCode` (labels shifted to ``1..2n`` following components)."""
        code = pd.relabelled(1) if pd.crossings else pd
        return cls(tuple(code.crossings), code.free_components)

    @classmethod
    def of(cls, diagram: PDDiagram | tuple) -> "PDState":
        """From the checker's ``PDDiagram`` or any ``(crossings, free)`` pair."""
        crossings, free = diagram
        return cls(tuple(tuple(c) for c in crossings), free)

    def as_input(self) -> dict:
        """The certificate ``input`` mapping ``{pd: [[a,b,c,d], ...], free: k}``."""
        return {"pd": [list(c) for c in self.crossings], "free": self.free}

    def to_pdcode(self) -> PDCode:
        """As a validated :class:`~pybridge.knots.pd.PDCode` (for conversions and invariants)."""
        return PDCode(self.crossings, self.free)

    @property
    def diagram(self) -> PDDiagram:
        """The state as the trusted checker takes it."""
        return PDDiagram(self.crossings, self.free)

    @property
    def crossing_count(self) -> int:
        return len(self.crossings)

    @cached_property
    def positions(self) -> dict[int, list[tuple[int, int]]]:
        return pd_positions(self.crossings)

    @cached_property
    def orientation(self) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
        return pd_orientation(self.crossings, self.positions)

    @cached_property
    def faces(self) -> list[list[tuple[int, int]]]:
        return pd_faces(self.crossings)

    @cached_property
    def components(self) -> int:
        """Number of link components, free unknots included."""
        return len(pd_components(self.crossings, self.positions)) + self.free

    def corner_edge(self, corner: tuple[int, int]) -> tuple[int, int]:
        """The boundary edge that a face's corner ``(i, p)`` names: ``(label at (i, p), side)``.

        Corner ``(i, p)`` lies left of the edge leaving ``i`` at slot ``p`` and right of an edge
        entering there (``docs/certificates.md`` §4, Faces).
        """
        i, p = corner
        label = self.crossings[i][p]
        return label, (LEFT if self.orientation[label][0] == corner else RIGHT)


# ----------------------------------------------------------------------------------------------
# Applying moves
# ----------------------------------------------------------------------------------------------


def apply_move(state: PDState, move: Move) -> PDState | None:
    """The state after ``move``, or ``None`` if the move is illegal there."""
    try:
        return PDState.of(apply_pd_move(state.diagram, move))
    except IllegalMove:
        return None


def replay(state: PDState, steps) -> PDState:
    """Apply ``steps`` in order (raises :class:`IllegalMove` at the first illegal one)."""
    diagram = state.diagram
    for move in steps:
        diagram = apply_pd_move(diagram, tuple(move))
    return PDState.of(diagram)


# ----------------------------------------------------------------------------------------------
# Enumeration
# ----------------------------------------------------------------------------------------------


def kinks(state: PDState) -> list[Move]:
    """All ``r1_remove`` moves."""
    return [("r1_remove", i) for i, c in enumerate(state.crossings) if any(c[p] == c[(p + 1) % 4] for p in range(4))]


def bigons(state: PDState) -> list[Move]:
    """All ``r2_remove i j`` moves (``i < j``): pairs of crossings sharing two edges that bound a bigon."""
    shared: dict[tuple[int, int], int] = {}
    for (i, _), (j, _) in state.positions.values():
        if i != j:
            pair = (min(i, j), max(i, j))
            shared[pair] = shared.get(pair, 0) + 1
    return sorted(("r2_remove", i, j) for (i, j), count in shared.items()
                  if count >= 2 and bigon_corners(state.crossings, i, j) is not None)


def triangle_faces(state: PDState) -> list[list[tuple[int, int]]]:
    """The non-cyclic triangular faces at three distinct crossings (where ``r3`` applies)."""
    return [face for face in state.faces
            if len(face) == 3 and len({i for i, _ in face}) == 3 and len({p % 2 for _, p in face}) == 2]


def r3_move(state: PDState, face: list[tuple[int, int]]) -> Move:
    """The ``r3`` step on a triangular face, named by the face's smallest edge."""
    return ("r3", *min(state.corner_edge(c) for c in face))


def triangles(state: PDState) -> list[Move]:
    """All ``r3`` moves, one per non-cyclic triangular face, named by the face's smallest edge."""
    return [r3_move(state, face) for face in triangle_faces(state)]


def removal_near(state: PDState, crossings) -> Move | None:
    """An ``r1_remove`` or ``r2_remove`` involving one of ``crossings``, if any (a local search: after
    an R3 on a diagram without removals, only the triangle's crossings can have gained one)."""
    rows = state.crossings
    for i in crossings:
        if any(rows[i][p] == rows[i][(p + 1) % 4] for p in range(4)):
            return ("r1_remove", i)
    for i in crossings:
        for label in set(rows[i]):
            for j, _ in state.positions[label]:
                if j != i and bigon_corners(rows, i, j) is not None:
                    return ("r2_remove", min(i, j), max(i, j))
    return None


def r3_on_face(state: PDState, face: list[tuple[int, int]]) -> PDState:
    """The state after ``r3`` on the triangular ``face`` — the rewrite of ``docs/certificates.md`` §4
    (R3), as :func:`pybridge.certs.pd_checker.r3` performs it, with the label positions updated
    locally instead of recomputing positions and orientation.

    A search-side speed-up only: ``face`` must come from :func:`triangle_faces`, and every recorded
    move is replayed by the trusted checker before a certificate is accepted
    (``tests/test_pd_moves.py`` compares the two on random triangles).
    """
    crossings, positions = state.crossings, state.positions
    changes: dict[tuple[int, int], int] = {}
    for x, s in face:
        edge_slot = (x, (s + 1) % 4)
        first, second = positions[crossings[x][edge_slot[1]]]
        y, t = second if first == edge_slot else first
        label = crossings[x][edge_slot[1]]
        changes[edge_slot] = crossings[y][(t + 2) % 4]
        changes[(y, t)] = crossings[x][(s + 3) % 4]
        changes[(x, (s + 3) % 4)] = label
        changes[(y, (t + 2) % 4)] = label
    rows = [list(crossing) for crossing in crossings]
    for (i, p), label in changes.items():
        rows[i][p] = label
    after = PDState(tuple(tuple(row) for row in rows), state.free)
    moved = {crossings[i][p] for i, p in changes} | set(changes.values())
    updated = dict(positions)
    for label in moved:
        kept = [slot for slot in positions[label] if slot not in changes]
        updated[label] = sorted(kept + [slot for slot, new in changes.items() if new == label])
    after.__dict__["positions"] = updated  # fills the cached property
    return after


def face_edges(state: PDState, face: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The boundary edges of ``face`` as ``(label, side of the label on which the face lies)``."""
    return [state.corner_edge(corner) for corner in face]


def r1_additions(state: PDState) -> list[Move]:
    return [("r1_add", e, side, sign) for e in sorted(state.positions) for side in (LEFT, RIGHT) for sign in (1, -1)]


def r2_additions(state: PDState) -> list[Move]:
    """All ``r2_add`` moves: each ordered pair of distinct edges on a common face."""
    moves = []
    for face in state.faces:
        edges = face_edges(state, face)
        moves.extend(("r2_add", o, u, side) for o, side in edges for u, _ in edges if u != o)
    return moves


def band_moves(state: PDState, twists=(0,)) -> list[Move]:
    """All ``band e1 e2 side t`` with ``e1 < e2`` on a common face, on the same side of both."""
    moves = []
    for face in state.faces:
        edges = face_edges(state, face)
        for e1, s1 in edges:
            moves.extend(("band", e1, e2, s1, t) for e2, s2 in edges if e1 < e2 and s1 == s2 for t in twists)
    return moves


def legal_pd_moves(state: PDState, kinds=DEFAULT_KINDS, *, twists=(0,)) -> list[Move]:
    """Every legal move of the given kinds (removals, R3; optionally additions, bands, remove_free).

    Additions are enumerated exhaustively: ``r1_add`` gives ``4 * edges`` moves and ``r2_add`` the sum
    over faces of ``k (k - 1)`` for a face with ``k`` edges, so ask for them only on small diagrams
    (search code samples them with :func:`random_r2_addition` instead). Bands use ``twists``.
    """
    generators = {
        "r1_remove": kinks,
        "r2_remove": bigons,
        "r3": triangles,
        "r1_add": r1_additions,
        "r2_add": r2_additions,
        "band": lambda s: band_moves(s, twists),
        "remove_free": lambda s: [("remove_free",)] if s.free else [],
    }
    unknown = set(kinds) - set(generators)
    if unknown:
        raise ValueError(f"unknown move kind(s): {sorted(unknown)}")
    return [move for kind in kinds for move in generators[kind](state)]


def random_r2_addition(state: PDState, rng: random.Random) -> Move | None:
    """A uniformly random face with at least two edges, then a random ordered pair of its edges."""
    faces = [face for face in state.faces if len(face) >= 2]
    if not faces:
        return None
    edges = face_edges(state, rng.choice(faces))
    (over, side), (under, _) = rng.sample(edges, 2)
    return ("r2_add", over, under, side)


def roughen(state: PDState, moves: int, rng: random.Random, *, p_r2: float = 0.5, p_r1: float = 0.05):
    """Make a diagram harder: ``moves`` random crossing-increasing or -preserving isotopy moves.

    Each move is an R2 addition (probability ``p_r2``), an R1 addition (``p_r1``) or else a random R3
    move. Returns ``(state, steps)``.
    """
    steps = []
    for _ in range(moves):
        roll = rng.random()
        if not state.crossings:
            break
        if roll < p_r2:
            move = random_r2_addition(state, rng)
        elif roll < p_r2 + p_r1:
            move = ("r1_add", rng.choice(sorted(state.positions)), rng.randint(0, 1), rng.choice((1, -1)))
        else:
            options = triangles(state)
            move = rng.choice(options) if options else random_r2_addition(state, rng)
        if move is not None:
            state = apply_move(state, move)
            steps.append(move)
    return state, steps


# ----------------------------------------------------------------------------------------------
# Canonical form
# ----------------------------------------------------------------------------------------------


def canonical(state: PDState) -> PDState:
    """Relabel ``1..2n`` following the components, then sort the crossings.

    Components are taken in order of their smallest label, each from that label along its
    orientation. The result does not depend on the order of the crossings or on how the labels are
    spelled as long as their relative order is kept; it is cheap (linear time plus a sort) and meant
    for visited-state sets, not as a complete invariant of the diagram.
    """
    if not state.crossings:
        return state
    succ = {}
    for component in pd_components(state.crossings, state.positions):
        labels = [state.crossings[i][p] for i, p in component]
        succ.update(zip(labels, labels[1:] + labels[:1]))
    mapping: dict[int, int] = {}
    for start in sorted(succ):
        label = start
        while label not in mapping:
            mapping[label] = len(mapping) + 1
            label = succ[label]
    crossings = sorted(tuple(mapping[x] for x in c) for c in state.crossings)
    return PDState(tuple(crossings), state.free)


# ----------------------------------------------------------------------------------------------
# The recorded simplifier
# ----------------------------------------------------------------------------------------------


class _StepBudgetSpent(Exception):
    """Raised by :meth:`_Recorder.push` instead of recording a move beyond ``max_steps``."""


class _Recorder:
    """The current state and the exact move list that produced it, with checkpoints and budgets."""

    def __init__(self, state: PDState, max_steps: int, deadline: float):
        self.state, self.steps = state, []
        self.max_steps, self.deadline = max_steps, deadline

    def push(self, move: Move) -> None:
        if len(self.steps) >= self.max_steps:
            raise _StepBudgetSpent
        self.state = PDState.of(apply_pd_move(self.state.diagram, move))
        self.steps.append(move)

    def push_state(self, move: Move, state: PDState) -> None:
        """Record ``move`` whose result ``state`` the caller computed (see :func:`r3_on_face`)."""
        if len(self.steps) >= self.max_steps:
            raise _StepBudgetSpent
        self.state = state
        self.steps.append(move)

    def mark(self) -> tuple[PDState, int]:
        return self.state, len(self.steps)

    def revert(self, mark: tuple[PDState, int]) -> None:
        self.state, length = mark
        del self.steps[length:]

    def exhausted(self) -> bool:
        return len(self.steps) >= self.max_steps or time.monotonic() >= self.deadline


def _first_removal(state: PDState) -> Move | None:
    moves = kinks(state) or bigons(state)
    return moves[0] if moves else None


def _reduce(rec: _Recorder) -> None:
    """Greedy R1/R2 removals until none is left."""
    while not rec.exhausted():
        move = _first_removal(rec.state)
        if move is None:
            return
        rec.push(move)


def _r3_search(rec: _Recorder, depth: int, node_limit: int) -> bool:
    """Breadth-first search over R3 sequences (at most ``depth`` long) for a state with a removal.

    R3 keeps crossing order and labels, so a state is identified by its crossing tuple. On success
    the R3 path is recorded and ``True`` returned.
    """
    start = rec.state
    queue = deque([(start, [])])
    seen = {start.crossings}
    while queue and len(seen) < node_limit and not rec.exhausted():
        state, path = queue.popleft()
        if len(path) == depth:
            continue
        for face in triangle_faces(state):
            move, after = r3_move(state, face), r3_on_face(state, face)
            if after.crossings in seen:
                continue
            seen.add(after.crossings)
            if removal_near(after, {i for i, _ in face}) is not None:
                for step in path + [move]:
                    rec.push(step)
                return True
            queue.append((after, path + [move]))
    return False


def _level_walk(rec: _Recorder, rng: random.Random, patience: int) -> bool:
    """Random R3 moves, reducing whenever a removal appears (spherogram's 'level' simplification).

    Stops after ``patience`` consecutive R3 moves without a removal and drops that fruitless tail.
    Returns whether any crossing was removed.
    """
    mark, failures, improved = rec.mark(), 0, False
    while failures < patience and rec.state.crossings and not rec.exhausted():
        options = triangle_faces(rec.state)
        if not options:
            break
        face = rng.choice(options)
        rec.push_state(r3_move(rec.state, face), r3_on_face(rec.state, face))
        if removal_near(rec.state, {i for i, _ in face}) is not None:
            _reduce(rec)
            mark, failures, improved = rec.mark(), 0, True
        else:
            failures += 1
    rec.revert(mark)
    return improved


def _perturb(rec: _Recorder, rng: random.Random, additions: int, shuffles: int) -> None:
    """Leave a local minimum: random R2 additions, each followed by random R3 moves."""
    for _ in range(additions):
        move = random_r2_addition(rec.state, rng)
        if move is None:
            return
        rec.push(move)
        for _ in range(shuffles):
            options = triangles(rec.state)
            if not options:
                break
            rec.push(rng.choice(options))


def _reroute(rec: _Recorder) -> bool:
    """Record the best compiled reroute (:func:`pybridge.moves.reroute.best_reroute`), if one exists."""
    from .reroute import best_reroute

    moves = best_reroute(rec.state)
    for move in moves or ():
        rec.push(move)
    return bool(moves)


def simplify_recorded(
    state: PDState,
    *,
    max_steps: int = 50_000,
    seed: int = 0,
    time_limit_s: float = 30.0,
    r3_depth: int = 2,
    r3_nodes: int = 200,
    patience: int = 100,
    stuck_rounds: int = 8,
    give_up_rounds: int | None = None,
    reroute: bool = False,
) -> list[Move]:
    """Simplify ``state`` by isotopies and return the exact move list (it replays under the checker).

    With ``reroute=True`` this is the recorded counterpart of spherogram's ``simplify('global')``
    (:func:`simplify_global`): in a local minimum, before any random perturbation, the over- or
    underpass with the largest saving is rerouted along a shortest path through the faces, compiled
    into Reidemeister moves by :mod:`pybridge.moves.reroute`.

    Loop: greedy R1/R2 removals; then a breadth-first R3 search (``r3_depth``, ``r3_nodes``) for a
    removal; then random R3 walks (``patience``). In a local minimum, perturb by random R2 additions
    plus R3 shuffles and simplify again; a perturbed run that does not beat the best crossing count
    within ``stuck_rounds`` attempts is rolled back to the best state. Stops when no crossings are
    left, or when ``time_limit_s`` seconds are spent or ``max_steps`` moves recorded (a hard cap), or
    (when ``give_up_rounds`` is set) after that many perturbation rounds in a row that did not beat the
    best crossing count — the setting for diagrams that are not expected to vanish (knotted pieces
    between band moves). The list returned ends at the best (fewest crossings, earliest) state reached.
    """
    rng = random.Random(seed)
    rec = _Recorder(state, max_steps, time.monotonic() + time_limit_s)
    best = rec.mark()
    rounds_since_best = 0
    try:
        _reduce(rec)
        best, failed_rounds = rec.mark(), 0
        while rec.state.crossings and not rec.exhausted():
            if give_up_rounds is not None and rounds_since_best > give_up_rounds:
                break
            if _r3_search(rec, r3_depth, r3_nodes) or _level_walk(rec, rng, patience):
                _reduce(rec)
            elif reroute and _reroute(rec):
                _reduce(rec)
            else:
                if failed_rounds >= stuck_rounds:
                    rec.revert(best)
                    failed_rounds = 0
                _perturb(rec, rng, additions=rng.randint(1, 2), shuffles=rng.randint(2, 8))
                failed_rounds += 1
                rounds_since_best += 1
                _reduce(rec)
            if rec.state.crossing_count < best[0].crossing_count:
                best, failed_rounds, rounds_since_best = rec.mark(), 0, 0
    except _StepBudgetSpent:
        pass
    if rec.state.crossing_count >= best[0].crossing_count:
        rec.revert(best)
    return list(rec.steps)


def simplify_global(state: PDState, **options) -> list[Move]:
    """Recorded global simplification: :func:`simplify_recorded` with pass rerouting.

    The strategy of spherogram's ``simplify('global')`` — R1/R2 removals, R3 moves, rerouting ("picking
    up") over- and underpasses, random perturbation, repeated — with every move recorded, so the result
    is a certificate step list. Options as for :func:`simplify_recorded`.
    """
    return simplify_recorded(state, reroute=True, **options)
