"""PD moves: the trusted checker's rewrites against regina, invariants, faces, and the search helpers.

regina implements R1/R2/R3 independently (``hasR1``/``withR1``, ``hasR2``/``withR2``, ``hasR3``/``withR3``).
Every candidate location of a random diagram is tried in both: legality must agree, and legal moves must
give the same diagram up to relabelling, which regina decides with ``Link.sig`` (reflection and rotation
of the diagram not allowed, so over/under and handedness count; reversal allowed because a PD code does
not record the direction of a component that is over at all its crossings).

Arcs: edge ``e`` of our diagram is the regina arc that starts at ``e``'s tail crossing on the strand it
leaves by (``StrandRef(i, 0)`` from the under-strand, ``StrandRef(i, 1)`` from the over-strand). regina
may orient an over-only component the other way (``fromPD`` cannot know); we detect that from the crossing
sign at the tail and then use the arc from the head crossing with the sides exchanged.
"""

from __future__ import annotations

import itertools
import random

import pytest

from pybridge.certs.checker import IllegalMove
from pybridge.certs.pd_checker import (
    InvalidDiagram,
    PDDiagram,
    apply_pd_move,
    pd_components,
    pd_faces,
    validate_pd,
)
from pybridge.knots.pd import PDCode
from pybridge.moves.pd import (
    ISOTOPIES,
    PDState,
    apply_move,
    band_moves,
    bigons,
    canonical,
    kinks,
    legal_pd_moves,
    replay,
    roughen,
    simplify_recorded,
    triangles,
)

regina = pytest.importorskip("regina")
spherogram = pytest.importorskip("spherogram")


# ------------------------------------------------------------------------------------------------
# Random diagrams and the regina side
# ------------------------------------------------------------------------------------------------


def seeded_global_random(seed: int):
    """spherogram's generators use the module-level ``random``; seed it without leaking the state."""
    saved = random.getstate()
    random.seed(seed)
    return saved


def random_diagram(rng: random.Random) -> PDState | None:
    """A braid closure or an unsimplified ``spherogram.random_link`` diagram, then 0-4 random moves."""
    if rng.random() < 0.5:
        strands = rng.randint(2, 5)
        word = [rng.choice((-1, 1)) * rng.randint(1, strands - 1) for _ in range(rng.randint(2, 10))]
        link = spherogram.Link(braid_closure=word)
    else:
        saved = seeded_global_random(rng.randrange(2**32))
        try:
            link = spherogram.random_link(rng.randint(3, 14), num_components="any", simplify=None,
                                          prime_decomposition=False)
        finally:
            random.setstate(saved)
    code = link.PD_code()
    if not code:
        return None
    state = PDState(tuple(tuple(x + 1 for x in c) for c in code), 0)
    state, _ = roughen(state, rng.randint(0, 4), rng, p_r2=0.4, p_r1=0.2)
    return state


def random_diagrams(seed: int, count: int) -> list[PDState]:
    rng = random.Random(seed)
    states = []
    while len(states) < count:
        state = random_diagram(rng)
        if state is not None:
            states.append(state)
    return states


def to_regina(state: PDState):
    """A regina link with labels compressed to ``1..2n`` (order kept) plus ``free`` unknots."""
    if not state.crossings:
        return regina.Link(state.free)
    labels = {x: k + 1 for k, x in enumerate(sorted(state.positions))}
    link = regina.Link.fromPD([[labels[x] for x in c] for c in state.crossings])
    if state.free:
        link.insertLink(regina.Link(state.free))
    return link


def sig(link) -> str:
    return link.sig(False, True, False)


def writhe_signs(state: PDState) -> list[int]:
    """+1 where the over-strand enters at ``d`` (position 3), from the checker's orientation."""
    heads = {head for _, head in state.orientation.values()}
    return [1 if (i, 3) in heads else -1 for i in range(len(state.crossings))]


def regina_arc(link, state: PDState, signs: list[int], e: int):
    """``(StrandRef, flipped)`` for edge ``e``; ``flipped`` when regina orients its component backwards."""
    (i, p), (j, _) = state.orientation[e]
    if p % 2 == 1 and link.crossing(i).sign() != signs[i]:
        return regina.StrandRef(link.crossing(j), 1), True
    return regina.StrandRef(link.crossing(i), 0 if p == 2 else 1), False


def piece_of(state: PDState) -> dict[int, int]:
    """Label -> index of its connected piece."""
    parent = list(range(len(state.crossings)))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for (i, _), (j, _) in state.positions.values():
        parent[root(i)] = root(j)
    return {label: root(slots[0][0]) for label, slots in state.positions.items()}


# ------------------------------------------------------------------------------------------------
# The oracle
# ------------------------------------------------------------------------------------------------


def compare_r1_removals(state, link, counts):
    for i in range(len(state.crossings)):
        ours, theirs = apply_move(state, ("r1_remove", i)), link.withR1(link.crossing(i))
        assert (ours is None) == (theirs is None), (state, i)
        if ours is not None:
            assert sig(to_regina(ours)) == sig(theirs), (state, i)
            counts["r1_remove"] += 1


def compare_r2_removals(state, link, counts):
    upper_start = {}
    for c in range(len(state.crossings)):
        if link.hasR2(link.crossing(c)):
            partner = link.crossing(c).next(1).crossing().index()
            upper_start[frozenset((c, partner))] = c
    for i, j in itertools.combinations(range(len(state.crossings)), 2):
        ours = apply_move(state, ("r2_remove", i, j))
        assert (ours is None) == (frozenset((i, j)) not in upper_start), (state, i, j)
        if ours is not None:
            assert apply_move(state, ("r2_remove", j, i)) == ours
            theirs = link.withR2(link.crossing(upper_start[frozenset((i, j))]))
            assert sig(to_regina(ours)) == sig(theirs), (state, i, j)
            counts["r2_remove"] += 1
        counts["r2_remove candidates"] += 1


def compare_edge_moves(state, link, signs, counts):
    """r3 (legality and result) and r1_add (result) at every edge and side."""
    for e in state.positions:
        arc, flipped = regina_arc(link, state, signs, e)
        for side in (0, 1):
            ours, theirs = apply_move(state, ("r3", e, side)), link.withR3(arc, side ^ flipped)
            assert (ours is None) == (theirs is None), (state, e, side)
            counts["r3 candidates"] += 1
            if ours is not None:
                assert sig(to_regina(ours)) == sig(theirs), (state, e, side)
                counts["r3"] += 1
            for sign in (1, -1):
                ours = apply_move(state, ("r1_add", e, side, sign))
                assert sig(to_regina(ours)) == sig(link.withR1(arc, side ^ flipped, sign)), (state, e, side, sign)
                counts["r1_add"] += 1


def compare_r2_additions(state, link, signs, rng, counts, samples=40):
    """r2_add on random (over, under, side): legal iff regina allows it with some lower side."""
    labels, piece = sorted(state.positions), piece_of(state)
    if len(labels) < 2:
        return
    candidates = legal_pd_moves(state, ("r2_add",))
    picks = rng.sample(candidates, min(len(candidates), samples // 2))
    picks += [("r2_add", *rng.sample(labels, 2), rng.randint(0, 1)) for _ in range(samples // 2)]
    for move in picks:
        _, over, under, side = move
        ours = apply_move(state, move)
        counts["r2_add candidates"] += 1
        if piece[over] != piece[under]:
            assert ours is None  # regina also pushes across different diagram pieces; we do not
            continue
        up, up_flip = regina_arc(link, state, signs, over)
        low, low_flip = regina_arc(link, state, signs, under)
        theirs = [link.withR2(up, side ^ up_flip, low, s) for s in (0, 1)]
        theirs = [t for t in theirs if t is not None]
        assert (ours is None) == (not theirs), (state, move)
        if ours is not None:
            assert len(theirs) == 1 and sig(to_regina(ours)) == sig(theirs[0]), (state, move)
            counts["r2_add"] += 1


def run_oracle(seed: int, count: int) -> dict[str, int]:
    rng = random.Random(seed + 1)
    counts = dict.fromkeys(["r1_remove", "r2_remove", "r2_remove candidates", "r3", "r3 candidates", "r1_add",
                            "r2_add", "r2_add candidates"], 0)
    for state in random_diagrams(seed, count):
        link, signs = to_regina(state), writhe_signs(state)
        compare_r1_removals(state, link, counts)
        compare_r2_removals(state, link, counts)
        compare_edge_moves(state, link, signs, counts)
        compare_r2_additions(state, link, signs, rng, counts)
    return counts


def test_reidemeister_moves_agree_with_regina():
    counts = run_oracle(seed=11, count=500)
    assert counts["r1_remove"] >= 100 and counts["r2_remove"] >= 300 and counts["r3"] >= 1000
    assert counts["r1_add"] >= 10_000 and counts["r2_add"] >= 3000


@pytest.mark.slow
def test_reidemeister_moves_agree_with_regina_on_thousands_of_diagrams():
    counts = run_oracle(seed=12, count=3000)
    assert counts["r3"] >= 6000 and counts["r2_add"] >= 20_000


# ------------------------------------------------------------------------------------------------
# Invariants
# ------------------------------------------------------------------------------------------------


def jones(state: PDState) -> str:
    return str(to_regina(state).jones())


def test_isotopy_moves_preserve_the_jones_polynomial():
    rng, applied = random.Random(5), 0
    for state in random_diagrams(21, 150):
        before = jones(state)
        moves = legal_pd_moves(state, ISOTOPIES)
        for move in rng.sample(moves, min(len(moves), 15)):
            after = apply_move(state, move)
            validate_pd(after.crossings)
            assert jones(after) == before, (state, move)
            applied += 1
    assert applied >= 2000


def knots(seed: int, count: int) -> list[PDState]:
    return [s for s in random_diagrams(seed, 3 * count) if s.components == 1][:count]


def test_band_moves_split_knots_with_the_stated_twisting():
    rng, checked = random.Random(8), 0
    for state in knots(31, 60):
        for _, e1, e2, side, _ in rng.sample(band_moves(state), min(6, len(band_moves(state)))):
            linking = {}
            for t in (-2, -1, 0, 1, 2):
                after = apply_move(state, ("band", e1, e2, side, t))
                validate_pd(after.crossings)
                assert after.components == 2
                new = writhe_signs(after)[len(state.crossings):]
                assert new == [1 if t > 0 else -1] * (2 * abs(t))
                if t:
                    linking[t] = to_regina(after).linking()
                checked += 1
            assert linking[2] - linking[1] == 1 and linking[1] - linking[-1] == 2 and linking[-1] - linking[-2] == 1
    assert checked >= 1000


def test_band_moves_join_two_components():
    merged = 0
    for state in random_diagrams(41, 150):
        comps = pd_components(state.crossings)
        owner = {state.crossings[i][p]: k for k, comp in enumerate(comps) for i, p in comp}
        for move in band_moves(state, twists=(0, 1)):
            after = apply_move(state, move)
            change = -1 if owner[move[1]] != owner[move[2]] else 1
            assert after.components == state.components + change
            merged += change == -1
    assert merged >= 100


def test_illegal_bands_are_refused():
    """A band to an edge that has the face on its other side would not be orientable-compatible."""
    state = random_diagrams(51, 1)[0]
    face = next(f for f in state.faces if len({side for _, side in map(state.corner_edge, f)}) == 2)
    edges = [state.corner_edge(c) for c in face]
    (e1, side), e2 = edges[0], next(e for e, s in edges if s != edges[0][1])
    with pytest.raises(IllegalMove, match="does not have the face"):
        apply_pd_move(state.diagram, ("band", e1, e2, side, 0))
    e1, e2, side, _ = band_moves(state)[0][1:]
    with pytest.raises(IllegalMove, match="at most 10"):
        apply_pd_move(state.diagram, ("band", e1, e2, side, 11))
    with pytest.raises(IllegalMove, match="two different edges"):
        apply_pd_move(state.diagram, ("band", e1, e1, side, 0))


# ------------------------------------------------------------------------------------------------
# Faces, orientation, validation
# ------------------------------------------------------------------------------------------------


def test_faces_match_spherogram():
    for state in random_diagrams(61, 200):
        ours = sorted(len(f) for f in pd_faces(state.crossings))
        theirs = sorted(len(f) for f in spherogram.Link([list(c) for c in state.crossings]).faces())
        assert ours == theirs


def test_orientation_matches_spherogram_rule():
    """Crossing signs from the checker's orientation = pybridge.knots (spherogram's rule, over-only included)."""
    over_only = 0
    for state in random_diagrams(71, 300):
        assert writhe_signs(state) == list(PDCode(state.crossings).writhe_signs())
        over_only += any(all(p % 2 for _, p in comp) for comp in pd_components(state.crossings))
    assert over_only >= 5


@pytest.mark.parametrize(
    ("crossings", "reason"),
    [
        (((1, 2, 1, 2),), "not planar"),
        (((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2), (7, 7, 8, 8), (8, 9, 9, 10)), "occurs 3 time"),
        (((2, 4, 1, 5), (3, 1, 4, 6), (5, 3, 6, 2)), "not consistently oriented"),
        (((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 0)), "positive integer labels"),
    ],
)
def test_invalid_codes_are_refused(crossings, reason):
    with pytest.raises(InvalidDiagram, match=reason):
        validate_pd(crossings)


def test_every_move_keeps_the_state_valid():
    rng = random.Random(9)
    for state in random_diagrams(81, 100):
        moves = legal_pd_moves(state, ISOTOPIES + ("band",), twists=(-1, 0, 2))
        for move in rng.sample(moves, min(10, len(moves))):
            validate_pd(apply_pd_move(state.diagram, move).crossings)


def test_straightening_rules():
    """A kink keeps the smaller label; the 1-crossing unknot becomes a free component."""
    trefoil_with_kink = ((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 8), (2, 8, 7, 7))
    validate_pd(trefoil_with_kink)
    after = apply_pd_move(PDDiagram(trefoil_with_kink, 0), ("r1_remove", 3))
    assert after == PDDiagram(((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)), 0)
    assert apply_pd_move(PDDiagram(((1, 1, 2, 2),), 3), ("r1_remove", 0)) == PDDiagram((), 4)
    with pytest.raises(IllegalMove, match="not a kink"):
        apply_pd_move(PDDiagram(trefoil_with_kink, 0), ("r1_remove", 0))


def test_r1_add_puts_the_loop_in_the_named_face():
    for state in random_diagrams(91, 50):
        e = min(state.positions)
        for side in (0, 1):
            after = PDState.of(apply_pd_move(state.diagram, ("r1_add", e, side, 1)))
            loop = max(state.positions) + 1
            monogon_owner = [f for f in after.faces if any(after.crossings[i][p] == loop for i, p in f) and len(f) > 1]
            assert len(monogon_owner) == 1
            assert set(after.corner_edge(c) for c in monogon_owner[0]) >= {(e, side)}


# ------------------------------------------------------------------------------------------------
# Search helpers
# ------------------------------------------------------------------------------------------------


def brute_force(state: PDState) -> dict[str, set]:
    """Results of every syntactically possible removal / R3 move, by kind."""
    n, labels = len(state.crossings), sorted(state.positions)
    found = {"r1_remove": set(), "r2_remove": set(), "r3": set()}
    for move in [("r1_remove", i) for i in range(n)] + [("r2_remove", i, j) for i in range(n) for j in range(n)] \
            + [("r3", e, s) for e in labels for s in (0, 1)]:
        after = apply_move(state, move)
        if after is not None:
            found[move[0]].add(after)
    return found


def test_enumeration_finds_every_legal_removal_and_r3():
    for state in random_diagrams(101, 120):
        found = brute_force(state)
        assert {apply_move(state, m) for m in kinks(state)} == found["r1_remove"]
        assert {apply_move(state, m) for m in bigons(state)} == found["r2_remove"]
        assert {apply_move(state, m) for m in triangles(state)} == found["r3"]
        assert len(triangles(state)) == len(found["r3"])


def test_canonical_form_ignores_crossing_order_and_label_spelling():
    rng = random.Random(3)
    for state in random_diagrams(111, 100):
        crossings = [tuple(3 * x + 5 for x in c) for c in state.crossings]
        rng.shuffle(crossings)
        respelled = PDState(tuple(crossings), state.free)
        assert canonical(respelled) == canonical(state)
        labels = sorted(canonical(state).positions)
        assert labels == list(range(1, 2 * len(state.crossings) + 1))
        validate_pd(canonical(state).crossings)
        assert jones(canonical(state)) == jones(state)


def test_simplifier_reduces_roughened_unknots_and_its_steps_replay():
    from pybridge.knots.braid import BraidWord
    from pybridge.knots.convert import braid_to_pd
    from pybridge.moves.scramble import unknot_instance

    rng = random.Random(4)
    for length in (20, 40, 60):
        braid, _ = unknot_instance(length, rng)
        state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
        state, _ = roughen(state, 40, rng)
        steps = simplify_recorded(state, seed=length, time_limit_s=20)
        final = replay(state, steps)
        assert final.crossings == () and final.free == 1
        assert all(step[0] in ISOTOPIES for step in steps)


def test_simplifier_stops_at_a_knot():
    trefoil = PDState(((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)), 0)
    steps = simplify_recorded(trefoil, seed=0, time_limit_s=0.5)
    assert replay(trefoil, steps).crossing_count == 3


def random_step(state: PDState, rng: random.Random) -> tuple:
    """A move with arguments drawn near (and sometimes outside) the legal ranges."""
    labels = sorted(state.positions) or [1]
    label = lambda: rng.choice(labels) if rng.random() < 0.9 else rng.randint(-2, max(labels) + 3)  # noqa: E731
    index = lambda: rng.randint(-1, len(state.crossings))  # noqa: E731
    side = lambda: rng.choice((0, 1)) if rng.random() < 0.9 else rng.randint(-2, 3)  # noqa: E731
    return rng.choice([
        ("r1_remove", index()),
        ("r1_add", label(), side(), rng.choice((1, -1, 0, 2))),
        ("r2_remove", index(), index()),
        ("r2_add", label(), label(), side()),
        ("r3", label(), side()),
        ("band", label(), label(), side(), rng.randint(-12, 12)),
        ("remove_free",),
    ])


def test_arbitrary_steps_are_applied_or_refused_never_crash():
    """The checker answers every syntactically well-formed step with a valid state or IllegalMove."""
    rng, applied, refused = random.Random(13), 0, 0
    for state in random_diagrams(121, 100):
        diagram = state.diagram
        for _ in range(60):
            try:
                diagram = apply_pd_move(diagram, random_step(PDState.of(diagram), rng))
            except IllegalMove:
                refused += 1
                continue
            validate_pd(diagram.crossings)
            applied += 1
    assert applied >= 500 and refused >= 2000


def test_simplifier_respects_the_step_budget():
    state = random_diagrams(131, 1)[0]
    state, _ = roughen(state, 30, random.Random(1))
    for budget in (0, 1, 5, 12):
        steps = simplify_recorded(state, max_steps=budget, seed=0, time_limit_s=5)
        assert len(steps) <= budget
        replay(state, steps)


def test_search_side_r3_equals_the_checker_r3():
    """``r3_on_face`` (the simplifier's fast R3) gives the checker's diagram and consistent positions."""
    from pybridge.certs.pd_checker import pd_positions
    from pybridge.moves.pd import PDState, r3_move, r3_on_face, roughen, triangle_faces
    from pybridge.moves.scramble import unknot_instance
    from pybridge.knots import BraidWord
    from pybridge.knots.convert import braid_to_pd

    compared = 0
    for seed in range(12):
        rng = random.Random(seed)
        braid, _ = unknot_instance(30, rng, max_strands=6)
        state, _ = roughen(PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word))), 30, rng)
        for _ in range(20):
            options = triangle_faces(state)
            if not options:
                break
            for face in options:
                fast = r3_on_face(state, face)
                assert fast.crossings == apply_pd_move(state.diagram, r3_move(state, face)).crossings
                assert fast.positions == pd_positions(fast.crossings)
                compared += 1
            state = r3_on_face(state, rng.choice(options))
    assert compared > 100
