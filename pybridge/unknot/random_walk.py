"""The random walker: the baseline of "Learning to unknot" (Gukov–Halverson–Ruehle–Sułkowski 2021).

At every step it picks uniformly among the legal moves of :class:`~pybridge.unknot.env.UnknotBraidEnv`'s
action set (cancellations, commutations, braid relations, rotation by one letter either way,
destabilisation) and stops when the braid is trivial on ``target_strands`` strands or after
``max_steps`` moves. Restarts from the input until ``time_limit_s`` runs out.
"""

from __future__ import annotations

import random
import time

from ..moves.braid import BraidState, apply_move


def walker_moves(state: BraidState) -> list[tuple]:
    """The walker's legal moves at ``state`` (the env's action set)."""
    w = state.word
    moves = []
    for i in range(len(w) - 1):
        a, b = w[i], w[i + 1]
        if a == -b:
            moves.append(("cancel", i))
        if abs(abs(a) - abs(b)) > 1:
            moves.append(("commute", i))
        if i < len(w) - 2 and a == w[i + 2] and a * b > 0 and abs(abs(a) - abs(b)) == 1:
            moves.append(("braid", i))
    if len(w) >= 2:
        moves += [("rotate", 1), ("rotate", len(w) - 1)]
    if apply_move(state, ("destabilize",)) is not None:
        moves.append(("destabilize",))
    return moves


def random_walk(
    state: BraidState,
    *,
    target_strands: int = 1,
    max_steps: int = 1_000,
    seed: int = 0,
    time_limit_s: float = 1.0,
) -> list[tuple] | None:
    """Uniform random walk with restarts; the move list of the first walk that reaches the trivial
    braid on ``target_strands`` strands, or ``None`` when the time runs out."""
    rng = random.Random(seed)
    deadline = time.perf_counter() + time_limit_s
    while True:
        current, path = state, []
        for _ in range(max_steps):
            if not current.word and current.strands == target_strands:
                return path
            options = walker_moves(current)
            if not options:
                break
            move = rng.choice(options)
            current = apply_move(current, move)
            path.append(move)
        if not current.word and current.strands == target_strands:
            return path
        if time.perf_counter() > deadline:
            return None
