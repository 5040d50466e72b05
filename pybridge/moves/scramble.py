"""Random scrambling of the trivial braid: unknot (and unlink) instances with a known reduction.

Each scrambling move has an explicit inverse in the calculus (``docs/certificates.md`` §1):
``insert i g`` ↔ ``cancel i``, ``braid i`` ↔ ``braid i``, ``commute i`` ↔ ``commute i``,
``rotate k`` ↔ ``rotate len−k``, ``stabilize s`` ↔ ``destabilize``. Scrambling ``(k, [])`` with ``m``
random moves therefore yields a braid whose closure is the k-component unlink together with an
``m``-step certificate reducing it (the inverse moves in reverse order).
"""

from __future__ import annotations

import random

from .braid import BraidState, apply_move, legal_moves, replay


def inverse_move(before: BraidState, move: tuple) -> tuple:
    """The move that undoes ``move`` applied at ``before``."""
    name = move[0]
    if name == "insert":
        return ("cancel", move[1])
    if name in ("braid", "commute"):
        return move
    if name == "rotate":
        return ("rotate", len(before.word) - move[1])
    if name == "stabilize":
        return ("destabilize",)
    if name == "cancel":
        return ("insert", move[1], before.word[move[1]])
    raise ValueError(f"move {move!r} has no inverse in the scrambler")


def random_scramble_move(state: BraidState, rng: random.Random, max_strands: int, max_length: int) -> tuple:
    """One random isotopy move that makes the braid more complicated (or moves it around).

    Stabilisations stop at ``max_strands`` and insertions at ``max_length`` letters; beyond that the
    word is only shuffled by braid relations, commutations and rotations.
    """
    roll = rng.random()
    if roll < 0.12 and state.strands < max_strands and len(state.word) < max_length:
        return ("stabilize", rng.choice((1, -1)))
    if roll < 0.40 and state.strands > 1 and len(state.word) + 2 <= max_length:
        g = rng.choice((1, -1)) * rng.randint(1, state.strands - 1)
        return ("insert", rng.randint(0, len(state.word)), g)
    by_kind: dict[str, list[tuple]] = {}
    for move in legal_moves(state, stabilizations=False):
        if move[0] in ("braid", "commute", "rotate"):
            by_kind.setdefault(move[0], []).append(move)
    if by_kind:
        return rng.choice(by_kind[rng.choice(sorted(by_kind))])
    if state.strands < max_strands:
        return ("stabilize", rng.choice((1, -1)))
    g = rng.choice((1, -1)) * rng.randint(1, state.strands - 1)
    return ("insert", rng.randint(0, len(state.word)), g)


def scramble(moves: int, rng: random.Random, *, max_strands: int = 6, max_length: int = 60, components: int = 1):
    """Scramble ``(components, [])`` with ``moves`` random moves.

    Returns ``(scrambled_state, reduction)`` where ``reduction`` is a list of ``moves`` steps taking
    ``scrambled_state`` back to ``(components, [])``.
    """
    state = BraidState(components, ())
    undo = []
    for _ in range(moves):
        move = random_scramble_move(state, rng, max(max_strands, components + 1), max_length)
        after = apply_move(state, move)
        if after is None:
            raise AssertionError(f"scrambler produced an illegal move {move} at {state}")
        undo.append(inverse_move(state, move))
        state = after
    return state, undo[::-1]


def unknot_instance(length: int, rng: random.Random, *, max_strands: int = 10, shuffles_per_letter: int = 3):
    """A scrambled unknot braid with exactly ``length`` letters on at most ``max_strands`` strands.

    The trivial braid is scrambled with ``shuffles_per_letter * length`` moves on at most
    ``max_strands - 1`` strands while the word may grow up to ``length`` letters; it is then brought to
    exactly ``length`` letters by inserting pairs ``g, g⁻¹`` and, for an odd gap, one more
    stabilisation. Returns ``(state, reduction)`` as :func:`scramble` does.
    """
    if length < 1 or max_strands < 2:
        raise ValueError("need length >= 1 and max_strands >= 2")
    state, reduction = scramble(shuffles_per_letter * length, rng, max_strands=max_strands - 1, max_length=length)
    while len(state.word) < length:
        if length - len(state.word) == 1 or state.strands == 1:
            move = ("stabilize", rng.choice((1, -1)))
        else:
            g = rng.choice((1, -1)) * rng.randint(1, state.strands - 1)
            move = ("insert", rng.randint(0, len(state.word)), g)
        reduction.insert(0, inverse_move(state, move))
        state = apply_move(state, move)
    return state, reduction


def scrambled_trivial(
    strands: int,
    rounds: int,
    seed: int,
    *,
    components: int = 1,
    max_length: int = 30,
) -> tuple[BraidState, list[tuple]]:
    """A braid whose closure is the ``components``-component unlink, with the moves that built it.

    Start from ``(components, [])``; do ``rounds`` random scrambles (a braid relator
    ``a b a b⁻¹ a⁻¹ b⁻¹`` built by ``insert``, ``insert``, ``insert``, ``braid``; an inserted pair
    ``g, g⁻¹``; a ``braid`` relation; a far ``commute``; a conjugation by ``rotate``), with
    ``strands - components`` stabilisations (random sign) spread evenly among them, the first at the
    start. Nothing is inserted once the word has ``max_length`` letters. Deterministic in ``seed``.
    Returns the final state and the construction moves (reversed and inverted, they reduce it).
    """
    rng = random.Random(seed)
    state = BraidState(components, ())
    moves = [("stabilize", rng.choice((1, -1))) for _ in range(strands - components)]
    state = replay(state, moves)
    for _ in range(rounds):
        batch = _random_scramble(state, rng, max_length)
        state = replay(state, batch)
        moves.extend(batch)
    return state, moves


def _random_scramble(state: BraidState, rng: random.Random, max_length: int) -> list[tuple]:
    """One random scramble (a short list of moves); see :func:`scrambled_trivial`."""
    n, w = state
    roll = rng.random()
    room = len(w) + 6 <= max_length and n >= 3
    if roll < 0.3 and room:
        i, a = rng.randrange(len(w) + 1), rng.randrange(1, n - 1)
        a, b = rng.choice(((a, a + 1), (a + 1, a)))
        s = rng.choice((1, -1))
        return [("insert", i, s * b), ("insert", i + 1, s * a), ("insert", i + 2, s * b), ("braid", i)]
    if roll < 0.4 and len(w) + 2 <= max_length and n >= 2:
        return [("insert", rng.randrange(len(w) + 1), rng.randrange(1, n) * rng.choice((1, -1)))]
    local = [m for m in legal_moves(state, stabilizations=False, rotations=False) if m[0] in ("braid", "commute")]
    braids = [m for m in local if m[0] == "braid"]
    if braids and roll < 0.7:
        return [rng.choice(braids)]
    if local and roll < 0.85:
        return [rng.choice(local)]
    if len(w) >= 2:
        return [("rotate", rng.randrange(1, len(w)))]
    return []
