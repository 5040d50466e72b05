"""Beam search over the braid calculus (the classical baseline beside best-first).

Each round expands every state in the beam with :func:`pybridge.unknot.best_first.successors` and
keeps the ``width`` best new states, ranked like best-first search: fewer letters plus
``weight · (strands − target)``, then fewer letters ``±(n−1)``. States are identified up to rotation
and never revisited, so the search stops when the beam empties.
"""

from __future__ import annotations

import time

from ..moves.braid import BraidState, replay
from .best_first import _dead, _priority, components, cyclic_key, successors


def beam_reduce(
    state: BraidState,
    *,
    target_strands: int | None = None,
    width: int = 32,
    max_rounds: int = 2_000,
    weight: int = 2,
    time_limit_s: float | None = None,
) -> list[tuple] | None:
    """Moves taking ``state`` to ``(target_strands, ())`` found by beam search, or ``None``."""
    state = BraidState(state.strands, tuple(state.word))
    target = components(state) if target_strands is None else target_strands
    if components(state) != target:
        return None
    goal = BraidState(target, ())
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    beam: list[tuple[BraidState, tuple]] = [(state, ())]
    seen = {cyclic_key(state)}
    for _ in range(max_rounds):
        candidates = []
        for current, path in beam:
            if current == goal:
                return list(path)
            for steps, after in successors(current):
                key = cyclic_key(after)
                if key in seen or _dead(after, target):
                    continue
                seen.add(key)
                candidates.append((_priority(after, target, weight), len(candidates), after, path + steps))
        if not candidates or (deadline is not None and time.monotonic() > deadline):
            return None
        candidates.sort(key=lambda item: (item[0], item[1]))
        beam = [(after, path) for _, _, after, path in candidates[:width]]
        for after, path in beam:
            if after == goal:
                replay(state, path)  # raises if a macro produced an illegal step
                return list(path)
    return None
