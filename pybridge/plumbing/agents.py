"""Search agents that connect two plumbing forests by Neumann moves (meet in the middle).

Every agent explores from both graphs at once and records each state it reaches under its canonical
form (:func:`pybridge.plumbing.canonical.canonical_form`) with the move path that reached it. The
search succeeds when a canonical form is reached from both sides: then ``A →(path_a) N ≅ N' ←(path_b)
B``, which :mod:`pybridge.plumbing.certify` turns into one move list from ``A`` to ``B``. One *step*
is one move applied by the agent (the unit of the ``--max-steps`` budgets).

* ``random`` — random walks from both sides (reducing moves preferred), restarted from the start;
* ``beam`` — normal-form search: a greedy descent by complexity-lowering moves (blow-downs and
  absorptions, and the 0-leaf macro of :mod:`.macros`) from both sides, then their reduction closure (every state reachable by such moves,
  capped), then a bidirectional beam over all moves ranked by the complexity ``5·#V + Σ|e|``;
* ``rl`` — rollouts of the trained graph-neural actor–critic policy (:mod:`pybridge.plumbing.gnn`);
* ``auto`` — ``beam`` (half the step budget, 60% of the time), then ``rl``, then ``random`` on what is left.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import networkx as nx

from .canonical import canonical_form
from .graph import complexity
from .macros import zero_leaf_macros
from .moves import apply_move, blowup_moves, complexity_change, reducing_moves

AGENTS = ("random", "beam", "rl", "auto")


@dataclass
class Side:
    """The states reached from one start: canonical form -> (graph, move path from the start)."""

    start: nx.Graph
    seen: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.seen[canonical_form(self.start)] = (self.start, [])


@dataclass
class SearchResult:
    """``found``: the two paths meet in a common canonical form ``meeting``."""

    found: bool
    steps: int
    agent: str
    path_a: list = field(default_factory=list)
    path_b: list = field(default_factory=list)
    meeting: str = ""


class Budget:
    """Counts moves applied; exhausted at ``max_steps`` moves or ``deadline`` (``time.monotonic``)."""

    def __init__(self, max_steps: int | None, budget_s: float | None) -> None:
        self.max_steps, self.used = max_steps, 0
        self.deadline = time.monotonic() + budget_s if budget_s else None

    def spend(self) -> bool:
        """Count one move; False when the budget is exhausted."""
        self.used += 1
        if self.max_steps is not None and self.used > self.max_steps:
            return False
        return self.deadline is None or self.used % 64 or time.monotonic() < self.deadline

    def left(self) -> bool:
        over_steps = self.max_steps is not None and self.used >= self.max_steps
        return not over_steps and (self.deadline is None or time.monotonic() < self.deadline)


class Meeting(Exception):
    """Raised inside a search when a state is reached from both sides."""

    def __init__(self, key: str) -> None:
        self.key = key


def visit(sides: tuple[Side, Side], index: int, graph: nx.Graph, path: list) -> tuple[str, bool]:
    """Record ``graph`` (reached by ``path``) on side ``index``; return (key, new). Raise Meeting."""
    key = canonical_form(graph)
    side, other = sides[index], sides[1 - index]
    new = key not in side.seen
    if new:
        side.seen[key] = (graph, path)
    if key in other.seen:
        raise Meeting(key)
    return key, new


def result(sides, agent: str, budget: Budget, key: str | None) -> SearchResult:
    if key is None:
        return SearchResult(False, budget.used, agent)
    return SearchResult(True, budget.used, agent, sides[0].seen[key][1], sides[1].seen[key][1], key)


def start(a: nx.Graph, b: nx.Graph) -> tuple[tuple[Side, Side], str | None]:
    sides = (Side(a), Side(b))
    key = canonical_form(b)
    return sides, (key if key in sides[0].seen else None)


# -- normal-form (reduction) search and beam ----------------------------------------------------------


def reduction_closure(sides, index: int, budget: Budget, cap: int) -> list[tuple[nx.Graph, list]]:
    """Explore every state reachable from side ``index``'s start by reductions (:func:`reductions`, up
    to ``cap`` states); return the irreducible ones (the normal-form candidates)."""
    graph, path = sides[index].start, []
    stack, irreducible, queued = [(graph, path)], [], {canonical_form(graph)}
    while stack and len(queued) < cap and budget.left():
        graph, path = stack.pop()
        options = reductions(graph)
        if not options:
            irreducible.append((graph, path))
        for moves in options:
            state = follow(sides, index, graph, path, moves, budget)
            if state is None:
                break
            key = canonical_form(state[0])
            if key not in queued:
                queued.add(key)
                stack.append(state)
    return irreducible


def follow(sides, index: int, graph: nx.Graph, path: list, moves: list, budget: Budget):
    """Apply ``moves`` one by one, visiting each state; (graph, path), or None when the budget runs out."""
    for move in moves:
        if not budget.spend():
            return None
        graph, path = apply_move(graph, move), path + [move]
        visit(sides, index, graph, path)
    return graph, path


def reductions(graph: nx.Graph) -> list[list[tuple]]:
    """Complexity-lowering options: each reducing move, best first, then each 0-leaf macro."""
    moves = sorted(reducing_moves(graph), key=lambda m: (complexity_change(graph, m), m[1]))
    return [[m] for m in moves] + zero_leaf_macros(graph)


def greedy_descent(sides, index: int, budget: Budget) -> None:
    """From side ``index``'s start, repeatedly take the best reduction — the reducing move lowering the
    complexity most (:func:`~pybridge.plumbing.moves.complexity_change`), else the shortest 0-leaf
    macro (:mod:`.macros`) — until none is left."""
    graph, path = sides[index].start, []
    while budget.left():
        options = reductions(graph)
        state = follow(sides, index, graph, path, options[0], budget) if options else None
        if state is None:
            return
        graph, path = state


def beam_round(sides, index: int, frontier, budget: Budget, width: int, rng: random.Random):
    """Expand ``frontier`` by every reducing move and every ±1 blow-up; keep the ``width`` lowest in
    complexity (ties broken at random)."""
    children = []
    for graph, path in frontier:
        for move in reducing_moves(graph) + blowup_moves(graph):
            if not budget.spend():
                return children
            child = apply_move(graph, move)
            _, new = visit(sides, index, child, path + [move])
            if new:
                children.append((complexity(child) - 6 * len(reducing_moves(child)), rng.random(), child, path + [move]))
    children.sort(key=lambda item: item[:2])
    return [(child, path) for _, _, child, path in children[:width]]


def beam_search(a: nx.Graph, b: nx.Graph, max_steps: int | None = None, budget_s: float | None = 10.0,
                seed: int = 0, width: int = 6, cap: int = 400) -> SearchResult:
    """The ``beam`` agent (see the module docstring)."""
    rng, budget = random.Random(seed), Budget(max_steps, budget_s)
    sides, key = start(a, b)
    if key is not None:
        return result(sides, "beam", budget, key)
    try:
        for i in (0, 1):
            greedy_descent(sides, i, budget)
        frontiers = [reduction_closure(sides, i, budget, cap) for i in (0, 1)]
        frontiers = [f[:width] or [(s.start, [])] for f, s in zip(frontiers, sides)]
        while budget.left():
            grown = False
            for i in (0, 1):
                nxt = beam_round(sides, i, frontiers[i], budget, width, rng)
                if nxt:
                    frontiers[i], grown = nxt, True
            if not grown:
                break
    except Meeting as meeting:
        return result(sides, "beam", budget, meeting.key)
    return result(sides, "beam", budget, None)


# -- random walks ---------------------------------------------------------------------------------


def random_search(a: nx.Graph, b: nx.Graph, max_steps: int | None = None, budget_s: float | None = 10.0,
                  seed: int = 0, walk_length: int = 40, p_reduce: float = 0.8) -> SearchResult:
    """The ``random`` agent: alternate random walks of ``walk_length`` moves from each side; a walk
    takes a random reducing move with probability ``p_reduce`` (when one exists), else a random ±1
    blow-up."""
    rng, budget = random.Random(seed), Budget(max_steps, budget_s)
    sides, key = start(a, b)
    if key is not None:
        return result(sides, "random", budget, key)
    try:
        index = 0
        while budget.left():
            graph, path = sides[index].start, []
            for _ in range(walk_length):
                reducing = reducing_moves(graph)
                moves = reducing if reducing and rng.random() < p_reduce else blowup_moves(graph)
                if not moves or not budget.spend():
                    break
                move = rng.choice(moves)
                graph, path = apply_move(graph, move), path + [move]
                visit(sides, index, graph, path)
            index = 1 - index
    except Meeting as meeting:
        return result(sides, "random", budget, meeting.key)
    return result(sides, "random", budget, None)


def rl_search(a, b, max_steps=None, budget_s=10.0, seed=0, policy=None) -> SearchResult:
    """The ``rl`` agent: rollouts of the graph-neural policy from both sides (:mod:`.gnn`)."""
    from .gnn import policy_search

    return policy_search(a, b, max_steps=max_steps, budget_s=budget_s, seed=seed, policy=policy)


def auto_search(a, b, max_steps=None, budget_s=10.0, seed=0) -> SearchResult:
    """The ``auto`` agent: ``beam`` on 60% of the time budget and half the step budget, then ``rl``
    (most of what is left) and ``random`` on the rest."""
    t0, used = time.monotonic(), 0
    for name, agent, share in (("beam", beam_search, 0.6), ("rl", rl_search, 0.8), ("random", random_search, 1.0)):
        steps_left = None if max_steps is None else max_steps - used
        time_left = None if budget_s is None else budget_s - (time.monotonic() - t0)
        if (steps_left is not None and steps_left <= 0) or (time_left is not None and time_left <= 0.01):
            break
        steps = None if steps_left is None else max(1, int(steps_left * (0.5 if name == "beam" else share)))
        found = agent(a, b, max_steps=steps, budget_s=None if time_left is None else time_left * share, seed=seed)
        used += found.steps
        if found.found:
            return SearchResult(True, used, f"auto:{name}", found.path_a, found.path_b, found.meeting)
    return SearchResult(False, used, "auto")


SEARCHES = {"random": random_search, "beam": beam_search, "rl": rl_search, "auto": auto_search}


def search(agent: str, a: nx.Graph, b: nx.Graph, **options) -> SearchResult:
    """Run the named agent (one of :data:`AGENTS`)."""
    return SEARCHES[agent](a, b, **options)
