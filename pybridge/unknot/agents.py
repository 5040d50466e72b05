"""One entry point for braid reduction: pick an agent by name, run it within a time budget.

Agents (all return certificate steps, replayed by the caller's trusted check):

* ``random`` — the uniform random walker of Gukov–Halverson–Ruehle–Sułkowski (the paper's baseline);
* ``greedy`` — deterministic best-first search (:mod:`pybridge.unknot.best_first`);
* ``beam`` — beam search with the same successor moves and ranking (:mod:`pybridge.unknot.beam`);
* ``rl`` — the shipped reinforcement-learning policy alone (:mod:`pybridge.unknot.rl`);
* ``auto`` — the default portfolio: best-first on half the budget (it stops early when its finite
  search space is exhausted), then the RL policy with sampled restarts, then the random walker until
  the budget is spent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ToolMissingError
from ..moves.braid import BraidState

AGENTS = ("auto", "greedy", "beam", "rl", "random")


@dataclass(frozen=True)
class SearchResult:
    """The outcome of one search: the steps (``None`` if not found), which agent found them, the time."""

    moves: list[tuple] | None
    agent: str
    seconds: float


@lru_cache(maxsize=1)
def shipped_policy():
    """The RL policy shipped with pybridge (loaded once)."""
    from ..errors import ToolMissingError
    from .rl import load_policy

    try:
        return load_policy()
    except FileNotFoundError as exc:
        raise ToolMissingError(f"{exc}; train one with `pybridge train unknot`") from None


def _run_rl(state: BraidState, target: int, budget_s: float, seed: int) -> list[tuple] | None:
    from .rl import rl_reduce

    model = shipped_policy()
    deadline = time.monotonic() + budget_s
    attempt = 0
    while True:
        moves = rl_reduce(state, model, deterministic=attempt == 0, seed=seed + attempt, target_strands=target)
        if moves is not None or time.monotonic() > deadline:
            return moves
        attempt += 1


def _run(agent: str, state: BraidState, target: int, budget_s: float, seed: int) -> list[tuple] | None:
    if agent == "greedy":
        from .best_first import best_first_reduce

        return best_first_reduce(state, target_strands=target, time_limit_s=budget_s)
    if agent == "beam":
        from .beam import beam_reduce

        return beam_reduce(state, target_strands=target, time_limit_s=budget_s)
    if agent == "rl":
        return _run_rl(state, target, budget_s, seed)
    if agent == "random":
        from .random_walk import random_walk

        return random_walk(state, target_strands=target, seed=seed, time_limit_s=budget_s)
    raise ValueError(f"unknown agent {agent!r}; choose from {', '.join(AGENTS)}")


def reduce_braid(state: BraidState, agent: str = "auto", *, target_strands: int = 1, budget_s: float = 10.0,
                 seed: int = 0) -> SearchResult:
    """Search for moves taking ``state`` to the trivial braid on ``target_strands`` strands."""
    start = time.monotonic()
    if agent != "auto":
        moves = _run(agent, state, target_strands, budget_s, seed)
        return SearchResult(moves, agent, time.monotonic() - start)
    for member, share in (("greedy", 0.5), ("rl", 0.25), ("random", 1.0)):
        left = budget_s - (time.monotonic() - start)
        if left <= 0:
            break
        try:
            moves = _run(member, state, target_strands, left * share, seed)
        except ToolMissingError:  # no RL policy installed: the portfolio goes on without it
            continue
        if moves is not None:
            return SearchResult(moves, f"auto:{member}", time.monotonic() - start)
    return SearchResult(None, "auto", time.monotonic() - start)
