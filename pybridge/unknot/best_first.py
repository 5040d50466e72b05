"""Deterministic best-first search over the braid calculus, and a ribbon-band search built on it.

:func:`best_first_reduce` looks for certificate steps taking a braid ``(n, w)`` to the trivial braid
``(k, [])``. It is a greedy best-first search (A* with the path cost left out of the priority):

* **priority** of a state ``(n, w)`` is ``len(w) + weight * (n - k)`` (``weight = 2``), ties broken by
  the number of letters ``±(n-1)`` (fewer is closer to a destabilisation), then by fewer steps from the
  input, then by insertion order, so the search is deterministic;
* **states are cyclic words**: the visited set keys a state by ``(n, least rotation of w)``, so all
  rotations (conjugations) of a word are one state. Moves are looked for at every *cyclic* position; one
  whose letters wrap around the end of the word is recorded as an explicit ``rotate`` first;
* **moves** (each successor is a short macro of certificate steps):

  - ``destabilize``, after the ``rotate`` that makes the only letter ``±(n-1)`` last;
  - ``cancel`` of ``a`` and the next ``-a`` when every letter between far-commutes with ``a``
    (recorded as the ``commute`` steps, then the ``cancel``);
  - braid relations on ``a .. b .. ±a`` (``||a|-|b|| = 1``) whose other letters between the ``a``'s
    far-commute with ``a``: the ``commute`` steps, then either the sign-uniform ``braid`` step
    (``a b a -> b a b``) or the mixed-sign relation ``a b a⁻¹ -> b⁻¹ a b`` (and its sign variants),
    recorded as ``insert``, ``braid``, ``cancel`` (length-preserving, so it is not an "insert move");
  - optional: single far ``commute`` steps (``allow_commutes``), and the length- or strand-increasing
    ``insert`` / ``stabilize`` (``allow_inserts`` / ``allow_stabilizations``; off by default; their
    higher priority makes them a last resort);

* **pruning**: a state on more than ``k`` strands whose word has no letter ``±(n-1)`` can never be
  destabilised (no move creates that generator without inserts), so it is dropped unless inserts are on.

Without inserts and stabilisations no move lengthens the word, so the search space is finite and a
``None`` after exhausting it means "not reducible by these moves", not "not trivial".

:func:`ribbon_search` applies ``b`` band moves (smoothing = deleting letters; optionally adding one
letter) for ``b = 1, 2, ...``, keeps the candidates whose permutation has ``b + 1`` cycles, and asks
:func:`best_first_reduce` for an isotopy to ``(b + 1, [])``.

Test inputs come from :mod:`pybridge.moves.scramble` (trivial braids scrambled by inverse moves).
"""

from __future__ import annotations

import heapq
import itertools
import time
from typing import Iterator

from ..certs.checker import components as closure_components
from ..moves.braid import BraidState, replay

Step = tuple
Successor = tuple[tuple[Step, ...], BraidState]


def components(state: BraidState) -> int:
    """Number of components of the closure: cycles of the braid's permutation."""
    return closure_components(state.strands, state.word)


def least_rotation(word: tuple) -> int:
    """Start index of the lexicographically least rotation of ``word`` (Booth 1980, linear time)."""
    doubled = word + word
    failure = [-1] * len(doubled)
    best = 0
    for j in range(1, len(doubled)):
        x = doubled[j]
        i = failure[j - best - 1]
        while i != -1 and x != doubled[best + i + 1]:
            if x < doubled[best + i + 1]:
                best = j - i - 1
            i = failure[i]
        if i == -1 and x != doubled[best]:
            if x < doubled[best]:
                best = j
            failure[j - best] = -1
        else:
            failure[j - best] = i + 1
    return best


def cyclic_key(state: BraidState) -> tuple:
    """``(n, least rotation of w)``: equal for all rotations (conjugations by a prefix) of a word."""
    w = state.word
    if not w:
        return (state.strands, w)
    k = least_rotation(w)
    return (state.strands, w[k:] + w[:k])


def _far(a: int, b: int) -> bool:
    return abs(abs(a) - abs(b)) >= 2


def _window(w: tuple, i: int, span: int) -> tuple[tuple[Step, ...], int]:
    """Steps making letters ``i .. i+span`` (cyclically) contiguous in place, and the new index of ``i``."""
    if i + span < len(w):
        return (), i
    return (("rotate", i),), 0


def _destabilizations(n: int, w: tuple) -> Iterator[tuple[Step, ...]]:
    """Rotate the only letter ``±(n-1)`` to the end, then destabilise."""
    top = [j for j, g in enumerate(w) if abs(g) == n - 1]
    if n >= 2 and len(top) == 1:
        j = top[0]
        pre = () if j == len(w) - 1 else (("rotate", j + 1),)
        yield pre + (("destabilize",),)


def _cancellations(w: tuple) -> Iterator[tuple[Step, ...]]:
    """Cancel ``w[i]`` against the next ``-w[i]`` (cyclically) when every letter between far-commutes
    with it: ``commute`` ``w[i]`` rightwards, then ``cancel``."""
    length = len(w)
    for i, a in enumerate(w):
        for d in range(1, length):
            h = w[(i + d) % length]
            if h == -a:
                pre, t = _window(w, i, d)
                yield pre + tuple(("commute", t + m) for m in range(d - 1)) + (("cancel", t + d - 1),)
            if not _far(a, h):
                break


def _mixed(t: int, p: int, q: int) -> tuple[Step, ...]:
    """Steps rewriting ``p, q, -p`` at ``t`` (``||p|-|q|| = 1``) as ``-s|q|, sgn(q)|p|, s|q|`` with
    ``s = sgn(p)`` (the mixed-sign braid relation, e.g. ``σ1 σ2 σ1⁻¹ = σ2⁻¹ σ1 σ2``) via an insert,
    a sign-uniform braid relation and a cancellation."""
    if (p > 0) == (q > 0):
        return (("insert", t, -q), ("braid", t + 1), ("cancel", t + 3))
    return (("insert", t + 3, q), ("braid", t + 1), ("cancel", t))


def _relations(w: tuple) -> Iterator[tuple[Step, ...]]:
    """Braid relations on ``a .. b .. ±a`` (cyclically) where every other letter between the two
    ``a``'s far-commutes with ``a``: commute the two ``a``'s next to ``b``, then apply the sign-uniform
    relation (``a b a -> b a b``) or the mixed one (``a b -a -> -b a b``, see :func:`_mixed`)."""
    length = len(w)
    for i, a in enumerate(w):
        middle = None
        for d in range(1, length):
            h = w[(i + d) % length]
            if not _far(a, h):
                if middle is None and abs(abs(h) - abs(a)) == 1:
                    middle = d
                    continue
                if middle is not None and abs(h) == abs(a):
                    pre, t = _window(w, i, d)
                    gather = tuple(("commute", t + m) for m in range(middle - 1))
                    gather += tuple(("commute", t + m) for m in range(d - 1, middle, -1))
                    at, b = t + middle - 1, w[(i + middle) % length]
                    if h == a and a * b > 0:
                        yield pre + gather + (("braid", at),)
                    elif h == -a:
                        yield pre + gather + _mixed(at, a, b)
                break


def _commutations(w: tuple) -> Iterator[tuple[Step, ...]]:
    """Single far commutations at every cyclic position (optional: the macros above already commute)."""
    length = len(w)
    for p in range(length if length >= 3 else 0):
        if _far(w[p], w[(p + 1) % length]):
            pre, t = _window(w, p, 1)
            yield pre + (("commute", t),)


def _extra_moves(state: BraidState, inserts: bool, stabilizations: bool) -> Iterator[tuple[Step, ...]]:
    """Optional non-simplifying moves (inserts of ``g, -g`` and Markov stabilisations)."""
    n, w = state
    if inserts:
        for i in range(len(w) + 1):
            for g in range(1, n):
                yield (("insert", i, g),)
                yield (("insert", i, -g),)
    if stabilizations:
        yield (("stabilize", 1),)
        yield (("stabilize", -1),)


def successors(
    state: BraidState, *, inserts: bool = False, stabilizations: bool = False, commutes: bool = False
) -> Iterator[Successor]:
    """``(steps, state after them)`` for the search's moves at ``state`` (see the module docstring)."""
    n, w = state

    def step_lists() -> Iterator[tuple[Step, ...]]:
        if w:
            yield from _destabilizations(n, w)
            yield from _cancellations(w)
            yield from _relations(w)
            if commutes:
                yield from _commutations(w)
        yield from _extra_moves(state, inserts, stabilizations)

    for steps in step_lists():
        yield steps, replay(state, steps)


def _priority(state: BraidState, target: int, weight: int) -> tuple[int, int]:
    n, w = state
    top = sum(1 for g in w if abs(g) == n - 1) if n > target else 0
    return len(w) + weight * (n - target), top


def _dead(state: BraidState, target: int) -> bool:
    """More strands than the target but no letter ``±(n-1)``: no destabilisation is ever possible."""
    n, w = state
    return n > target and all(abs(g) != n - 1 for g in w)


def best_first_reduce(
    state: BraidState,
    *,
    target_strands: int | None = None,
    max_expansions: int = 200_000,
    time_limit_s: float | None = None,
    weight: int = 2,
    allow_inserts: bool = False,
    allow_stabilizations: bool = False,
    allow_commutes: bool = False,
    stats: dict | None = None,
) -> list[tuple] | None:
    """Moves taking ``state`` to ``(target_strands, ())``, or ``None`` if none is found in the budget.

    Greedy best-first: priority ``len(w) + weight * (n - target)``, then the number of letters
    ``±(n-1)``, then fewer steps, then insertion order; states are identified up to rotation (see the
    module docstring). ``target_strands`` defaults to the number of components of the closure; if the
    two differ no search is made. The returned steps are certificate steps (tuples) and are replayed
    before returning. ``allow_commutes`` adds single far commutations as moves (the macros already
    commute letters together, so this only widens the plateaus). A ``stats`` dict receives
    ``expansions`` and ``states`` (deterministic measures of the effort).
    """
    state = BraidState(state.strands, tuple(state.word))
    target = components(state) if target_strands is None else target_strands
    if stats is not None:
        stats.update(expansions=0, states=1)
    if components(state) != target:
        return None
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    goal = BraidState(target, ())
    nodes: list[tuple[BraidState, int, tuple]] = [(state, -1, ())]  # state, parent index, steps from parent
    depth = [0]
    seen = {cyclic_key(state)}
    heap = [(*_priority(state, target, weight), 0, 0)]
    expansions = 0
    while heap and expansions < max_expansions:
        index = heapq.heappop(heap)[-1]
        current = nodes[index][0]
        if current == goal:
            return _path(nodes, index, state, goal)
        expansions += 1
        if stats is not None:
            stats.update(expansions=expansions, states=len(nodes))
        if deadline is not None and time.monotonic() > deadline:
            break
        for steps, after in successors(
            current, inserts=allow_inserts, stabilizations=allow_stabilizations, commutes=allow_commutes
        ):
            key = cyclic_key(after)
            if key in seen or (not allow_inserts and _dead(after, target)):
                continue
            seen.add(key)
            nodes.append((after, index, steps))
            depth.append(depth[index] + len(steps))
            heapq.heappush(heap, (*_priority(after, target, weight), depth[-1], len(nodes) - 1))
    return None


def _path(nodes: list, index: int, start: BraidState, goal: BraidState) -> list[tuple]:
    """The steps from the root to ``nodes[index]``, checked by replaying them from ``start``."""
    chunks = []
    while index > 0:
        _, parent, steps = nodes[index]
        chunks.append(steps)
        index = parent
    path = [step for chunk in reversed(chunks) for step in chunk]
    end = replay(start, path)
    if end != goal:
        raise AssertionError(f"internal error: the path ends at {end}, not at a trivial braid")
    return path


def band_moves(braid: BraidState, bands: int, additions: bool = False) -> Iterator[list[tuple]]:
    """Step lists of ``bands`` band moves on ``braid``: deletions (``smooth``) of ``bands`` letters, in
    lexicographic order of the positions (listed from the highest down, so they do not shift each
    other); with ``additions`` and one band, then also the addition of a letter ``g`` at position ``i``
    (``insert i g`` puts ``g, -g`` there, ``smooth i+1`` deletes the ``-g``)."""
    length = len(braid.word)
    for chosen in itertools.combinations(range(length), bands):
        yield [("smooth", i) for i in sorted(chosen, reverse=True)]
    if additions and bands == 1:
        for i in range(length + 1):
            for g in range(1, braid.strands):
                for letter in (g, -g):
                    yield [("insert", i, letter), ("smooth", i + 1)]


def ribbon_search(
    braid: BraidState,
    max_bands: int = 2,
    *,
    additions: bool = False,
    max_expansions: int = 20_000,
    time_limit_s: float | None = None,
) -> list[tuple] | None:
    """Steps of a ribbon certificate for the knot closing ``braid``: ``b`` band moves, then an isotopy
    to ``(b + 1, [])``; ``None`` if none is found with at most ``max_bands`` bands.

    For ``b = 1, 2, ...`` the candidates of :func:`band_moves` are tried in order (deletions of ``b``
    letters; with ``additions``, for ``b = 1`` also additions of one letter). A candidate whose
    permutation does not have ``b + 1`` cycles is skipped without search (the isotopy moves keep the
    cycle count); the others get :func:`best_first_reduce` with ``max_expansions`` each.
    ``time_limit_s`` bounds the whole call.
    """
    braid = BraidState(braid.strands, tuple(braid.word))
    if components(braid) != 1:
        return None
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    for bands in range(1, max_bands + 1):
        for moves in band_moves(braid, bands, additions):
            banded = replay(braid, moves)
            if components(banded) != bands + 1:
                continue
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return None
            rest = best_first_reduce(banded, target_strands=bands + 1, max_expansions=max_expansions, time_limit_s=left)
            if rest is not None:
                return moves + rest
    return None
