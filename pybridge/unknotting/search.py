"""Search for unknotting sequences: crossing changes between recorded Reidemeister simplifications.

A *route* is a list of steps from the input diagram: Reidemeister moves (recorded, exactly as the trusted
checker replays them) and ``("crossing_change", i)`` steps. The search is an iterative deepening on the
number ``k`` of crossing changes, starting at the best lower bound (:mod:`pybridge.knots.unknotting_bounds`):

1. In the current diagram ``D``, every crossing ``i`` is a candidate; ``D_i`` is ``D`` with crossing ``i``
   changed (the checker's ``crossing_change``). A candidate is pruned when ``|σ(D_i)|/2`` exceeds the
   number of changes left after it (Murasugi's bound: it could not be unknotted in time), or, for the last
   change, when ``D_i`` is provably knotted (determinant not 1, signature not 0, or Seifert genus > 0 by
   knot Floer homology).
2. The survivors are ranked by how much the change simplifies: ``|σ(D_i)|`` (the signature drop), then
   ``det(D_i)``, then the number of crossings left after a short recorded look-ahead simplification
   (``pybridge.moves.pd.simplify_global``, pass rerouting included).
3. Depth first, best first: the simplified ``D_i`` becomes the current diagram (so the next change happens
   in a *different* diagram of the new knot, often a non-minimal one of the original), until ``k`` changes
   are made; then the recorded simplifier must reach the crossing-free circle.
4. When the input diagram is exhausted for this ``k``, the same search runs from diagrams reached from the
   input by a few random recorded Reidemeister moves (R2/R1 additions, R3), because u(K) is not always
   realised by changes in a minimal diagram (Bleiler 1984, Nakanishi 1983: 10_8).

The search code imports the trusted checker (to apply moves exactly as it does); the checker never
imports this module.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Callable

from ..certs.unknotting_checker import crossing_change
from ..knots.signature import determinant, signature
from ..moves.pd import PDState, canonical, replay, roughen, simplify_global

Move = tuple


@dataclass
class SearchOutcome:
    """The route found (``None`` if none) and the search statistics."""

    steps: list[Move] | None
    changes: int | None
    seconds: float
    tried: int = 0
    depth_reached: int = 0
    variants: int = 0
    log: list[str] = field(default_factory=list)


class _Deadline(Exception):
    pass


def knot_invariants(state: PDState) -> tuple[int, int]:
    """``(det, |σ|)`` of the diagram's knot (exact, Goeritz matrix); the crossing-free circle is ``(1, 0)``."""
    if not state.crossings:
        return 1, 0
    crossings = [tuple(c) for c in state.crossings]
    return determinant(crossings), abs(signature(crossings))


def is_knotted(state: PDState) -> bool:
    """``True`` when knot Floer homology proves the diagram's knot non-trivial (Seifert genus > 0); ``False``
    when it is the unknot or the diagram is too large to decide quickly (over 60 crossings)."""
    if not state.crossings or len(state.crossings) > 60:
        return False
    import spherogram

    link = spherogram.Link([list(c) for c in state.crossings])
    link.simplify("basic")  # knot_floer_homology refuses diagrams with a kink; R1/R2 removals keep the knot
    if not link.crossings:
        return False
    try:
        return link.knot_floer_homology()["seifert_genus"] > 0
    except ValueError:
        return False


def changed(state: PDState, i: int) -> PDState:
    """``state`` with over and under exchanged at crossing ``i`` (the trusted checker's move)."""
    return PDState.of(crossing_change(state.crossings, state.free, i))


class UnknottingSearch:
    """Iterative deepening over the number of crossing changes (see the module docstring)."""

    def __init__(self, start: PDState, *, budget_s: float = 60.0, seed: int = 0, beam: int = 6,
                 lookahead_s: float = 0.5, finish_s: float = 5.0, max_changes: int | None = None,
                 progress: Callable[[str], None] | None = None):
        self.start = start
        self.deadline = time.monotonic() + budget_s
        self.seed = seed
        self.rng = random.Random(seed)
        self.beam = beam
        self.lookahead_s = lookahead_s
        self.finish_s = finish_s
        self.max_changes = max_changes if max_changes is not None else max(1, (len(start.crossings) + 1) // 2)
        self.progress = progress or (lambda message: None)
        self.tried = 0
        self.seen: set = set()

    # -- helpers -----------------------------------------------------------------------------------

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Deadline

    def _simplify(self, state: PDState, *, limit_s: float, unknot: bool) -> tuple[list[Move], PDState]:
        """Recorded simplification; ``unknot``: keep trying (the diagram should vanish), else settle."""
        limit = max(0.05, min(limit_s, self.deadline - time.monotonic()))
        options = {} if unknot else {"give_up_rounds": 3}
        steps = simplify_global(state, seed=self.rng.randrange(2**31), time_limit_s=limit, **options)
        return steps, replay(state, steps)

    def _finish(self, state: PDState) -> list[Move] | None:
        """Steps taking ``state`` to the crossing-free circle, if the simplifier finds them. Diagrams of a
        non-trivial knot are skipped at once: determinant, signature, and the Seifert genus from knot Floer
        homology (zero exactly for the unknot; Ozsváth–Szabó 2004) on diagrams of up to 60 crossings."""
        det, sigma = knot_invariants(state)
        if det != 1 or sigma != 0 or is_knotted(state):
            return None
        steps, final = self._simplify(state, limit_s=self.finish_s, unknot=True)
        return steps if not final.crossings and final.free == 1 else None

    def _candidates(self, state: PDState, remaining: int) -> list[tuple]:
        """Ranked single changes of ``state`` (``remaining`` changes left including this one)."""
        ranked = []
        for i in range(len(state.crossings)):
            self._check_time()
            after = changed(state, i)
            det, sigma = knot_invariants(after)
            if sigma // 2 > remaining - 1 or (remaining == 1 and (det != 1 or sigma or is_knotted(after))):
                continue
            steps, simpler = self._simplify(after, limit_s=self.lookahead_s, unknot=remaining == 1)
            self.tried += 1
            ranked.append(((sigma, det, len(simpler.crossings), i), i, steps, simpler))
        ranked.sort(key=lambda item: item[0])
        return ranked

    # -- the search ------------------------------------------------------------------------------------

    def _dfs(self, state: PDState, route: list[Move], remaining: int) -> list[Move] | None:
        self._check_time()
        if remaining == 0:
            tail = self._finish(state)
            return None if tail is None else route + tail
        key = (canonical(state), remaining)
        if key in self.seen:
            return None
        self.seen.add(key)
        for _, i, steps, simpler in self._candidates(state, remaining)[: self.beam]:
            if not simpler.crossings:
                if remaining == 1 and simpler.free == 1:
                    return route + [("crossing_change", i)] + steps
                continue
            found = self._dfs(simpler, route + [("crossing_change", i)] + steps, remaining - 1)
            if found is not None:
                return found
        return None

    def _attempt(self, k: int, beam: int, variants: int) -> list[Move] | None:
        """Routes with exactly ``k`` changes: from the input diagram, then from ``variants`` roughened ones."""
        self.beam = beam
        self.seen.clear()
        self.progress(f"trying {k} crossing change(s) in the input diagram (beam {beam})")
        found = self._dfs(self.start, [], k)
        for round_ in range(1, variants + 1):
            if found is not None:
                break
            self.variants += 1
            variant, prefix = roughen(self.start, self.rng.randint(1, 3 + round_ // 2), self.rng)
            self.progress(f"trying {k} crossing change(s) in a diagram with {len(variant.crossings)} crossings "
                          f"(variant {round_}, beam {beam})")
            self.seen.clear()
            found = self._dfs(variant, list(prefix), k)
        return found

    def run(self, lower: int = 0, stop_at: int | None = None) -> SearchOutcome:
        """Anytime search. Phase 1: the least ``k >= lower`` for which the ranked search (input diagram first,
        then a few roughened ones) finds a route — a first certificate, fast. Phase 2, while the budget lasts
        and ``k`` is above ``lower``: look for a route with ``k - 1`` changes with a doubled beam and many
        roughened diagrams (the only search that can still improve the bound). ``stop_at`` ends phase 2 once
        the bound is at most that value (a benchmark that knows the answer sets it; it is not a proof)."""
        begin = time.monotonic()
        outcome = SearchOutcome(None, None, 0.0)
        self.variants = 0
        base = self.beam
        try:
            if lower == 0:
                tail = self._finish(self.start)
                if tail is not None:
                    outcome.steps, outcome.changes = tail, 0
                    return outcome
            for k in range(max(lower, 1), self.max_changes + 1):
                outcome.depth_reached = k
                found = self._attempt(k, base, 2 + k)
                if found is not None:
                    outcome.steps, outcome.changes = found, k
                    break
            floor = max(lower, 1) - (lower == 0) if stop_at is None else max(stop_at, lower)
            while outcome.changes is not None and outcome.changes > floor:
                target = outcome.changes - 1
                if target == 0:
                    break
                found = self._attempt(target, 2 * base, 10**6)  # until found or the budget ends
                if found is None:
                    break
                outcome.steps, outcome.changes = found, target
        except _Deadline:
            outcome.log.append("budget spent")
        finally:
            self.beam = base
            outcome.seconds = time.monotonic() - begin
            outcome.tried = self.tried
            outcome.variants = self.variants
        return outcome
