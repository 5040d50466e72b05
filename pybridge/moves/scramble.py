"""Random scrambling of the trivial braid: unknot (and unlink) instances with a known reduction.

Each scrambling move has an explicit inverse in the calculus (``docs/certificates.md`` §1):
``insert i g`` ↔ ``cancel i``, ``braid i`` ↔ ``braid i``, ``commute i`` ↔ ``commute i``,
``rotate k`` ↔ ``rotate len−k``, ``stabilize s`` ↔ ``destabilize``. Scrambling ``(k, [])`` with ``m``
random moves therefore yields a braid whose closure is the k-component unlink together with an
``m``-step certificate reducing it (the inverse moves in reverse order).
"""

from __future__ import annotations

import random

from .braid import BraidState, apply_move, legal_moves


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
