"""Differential tests: the search moves (pybridge.moves.braid) and the trusted checker agree."""

import random

from pybridge.certs.checker import IllegalMove
from pybridge.certs.checker import apply_move as trusted_apply
from pybridge.moves.braid import BraidState, apply_move, legal_moves, replay

NAMES = ("cancel", "insert", "commute", "braid", "rotate", "stabilize", "destabilize", "smooth")


def random_state(rng: random.Random) -> BraidState:
    strands = rng.randint(1, 6)
    if strands == 1:
        return BraidState(1, ())
    length = rng.randint(0, 12)
    gens = [rng.choice((1, -1)) * rng.randint(1, strands - 1) for _ in range(length)]
    # bias towards legal moves: plant inverse pairs and braid triples
    if gens and rng.random() < 0.5:
        i = rng.randrange(len(gens))
        gens[i:i] = [gens[i], -gens[i]]
    if strands > 2 and rng.random() < 0.4:
        a = rng.randint(1, strands - 2)
        s = rng.choice((1, -1))
        i = rng.randint(0, len(gens))
        gens[i:i] = [s * a, s * (a + 1), s * a]
    return BraidState(strands, tuple(gens))


def random_move(rng: random.Random, state: BraidState) -> tuple:
    name = rng.choice(NAMES)
    position = rng.randint(-2, len(state.word) + 2)
    if name == "insert":
        return (name, position, rng.randint(-state.strands - 1, state.strands + 1))
    if name == "stabilize":
        return (name, rng.choice((1, -1, 0, 2)))
    if name == "destabilize":
        return (name,)
    return (name, position)


def trusted(state: BraidState, move: tuple) -> BraidState | None:
    try:
        strands, word = trusted_apply(state.strands, list(state.word), move)
    except IllegalMove:
        return None
    return BraidState(strands, tuple(word))


def test_search_moves_agree_with_trusted_checker_on_10000_random_moves():
    rng = random.Random(3)
    legal = 0
    for _ in range(10_000):
        state = random_state(rng)
        move = random_move(rng, state)
        expected = trusted(state, move)
        assert apply_move(state, move) == expected, (state, move)
        legal += expected is not None
    assert legal > 2_000  # the sample exercises legal moves, not only rejections


def test_every_enumerated_move_is_legal_for_the_checker_and_nothing_is_missed():
    rng = random.Random(4)
    for _ in range(1_000):
        state = random_state(rng)
        enumerated = set(legal_moves(state, inserts=True, smoothings=True))
        for move in enumerated:
            assert trusted(state, move) == apply_move(state, move) is not None, (state, move)
        # every legal single-argument move at a position is enumerated
        for name in ("cancel", "commute", "braid", "rotate", "smooth"):
            for i in range(len(state.word)):
                if trusted(state, (name, i)) is not None:
                    assert (name, i) in enumerated, (state, name, i)


def test_replay_names_the_illegal_move():
    state = BraidState(3, (1, -1, 2))
    assert replay(state, [("cancel", 0), ("destabilize",)]) == BraidState(2, ())
    try:
        replay(state, [("cancel", 1)])
    except ValueError as exc:
        assert "move 0" in str(exc)
    else:
        raise AssertionError("an illegal move was accepted")
