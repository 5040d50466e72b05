"""Ribbon search on symmetric unions: symmetric fission bands only, no isotopy until the end.

On a diagram with a mirror symmetry (:func:`pybridge.moves.symmetric_union.mirror_symmetry`; for
example ``K # −K`` drawn as ``D`` joined to its reflection), every symmetric band keeps the symmetry,
and the ladder disc of ``K # −K`` is cut into discs by symmetric bands (Lamm, Osaka J. Math. 37
(2000), Thm. 2.3). The search is best-first over symmetric band sequences, ranked by the crossing
number spherogram's look-ahead reaches on the banded link; banded diagrams are *not* simplified
between bands (a recorded simplification would break the symmetry), so each node stays a symmetric
union. When the look-ahead says a banded link is an unlink, the recorded simplifier
(:func:`pybridge.ribbon.bands.push_harder`) turns it into crossing-free circles; only then is the path
a solution. As everywhere, nothing here is trusted: the certificate is replayed by the checker.
"""

from __future__ import annotations

import heapq
import itertools
import time

from ..moves.band_enum import BandCandidate, fission_bands, refined
from ..moves.bands import BandCompileError, compile_band
from ..moves.pd import PDState, canonical, replay, simplify_recorded
from ..moves.symmetric_union import is_symmetric_band, mirror_symmetry
from .bands import RibbonPath, RibbonSearchResult, push_harder

#: longest symmetric band enumerated (``len(cs_along_top)``: crossed strands + 2)
MAX_BAND_LEN = 10
#: symmetric bands per node that get the ``'level'`` look-ahead after the ``'basic'`` pre-ranking
KEEP = 16


def symmetric_bands(state: PDState, *, max_band_len: int = MAX_BAND_LEN) -> list[BandCandidate]:
    """The untwisted fission bands of ``state`` that its mirror symmetry maps to themselves ([] if none)."""
    sigma = mirror_symmetry(state)
    if sigma is None:
        return []
    return [c for c in fission_bands(state, max_twists=0, max_band_len=max_band_len)
            if is_symmetric_band(state, c.band, sigma)]


def _estimated(state: PDState, candidates, *, mode: str, deadline: float) -> list[BandCandidate]:
    estimated = []
    for candidate in refined(state, candidates, mode=mode):
        estimated.append(candidate)
        if time.monotonic() >= deadline:
            break
    return sorted(estimated, key=BandCandidate.key)


def _ranked(state: PDState, *, max_band_len: int, keep: int, deadline: float) -> list[BandCandidate]:
    """Symmetric bands of ``state``, best first: ``'basic'`` pre-ranking, ``'level'`` for the best ``keep``."""
    coarse = _estimated(state, symmetric_bands(state, max_band_len=max_band_len), mode="basic", deadline=deadline)
    return _estimated(state, coarse[:keep], mode="level", deadline=deadline)


def _finish(path: RibbonPath, *, seed: int, deadline: float) -> RibbonPath | None:
    """Record a simplification of ``path``'s (unsimplified) state to crossing-free circles, if one is found."""
    limit = max(min(4.0, deadline - time.monotonic()), 0.5)
    tail = simplify_recorded(path.state, seed=seed, time_limit_s=limit)
    done = RibbonPath(replay(path.state, tail), path.steps + tuple(tail), path.bands)
    if done.solved:
        return done
    done = push_harder(done, seed=seed)
    return done if done.solved else None


def symmetric_band_search(start: PDState, *, budget_s: float = 60.0, seed: int = 0, max_bands: int = 10,
                          width: int = 3, keep: int = KEEP, max_band_len: int = MAX_BAND_LEN) -> RibbonSearchResult:
    """Best-first search over symmetric fission bands (see the module doc) from a symmetric ``start``.

    Node priority: the look-ahead crossing number of the node's banded link, then the band count.
    ``width`` children per expansion (most promising first) of the ``keep`` bands that the cheap
    ``'basic'`` look-ahead ranks best and the ``'level'`` look-ahead then re-ranks. Returns at once (unsolved, note
    ``not symmetric``) when ``start`` has no mirror symmetry.
    """
    t0 = time.monotonic()
    deadline = t0 + budget_s
    stats = {"tried": 0, "expanded": 0}

    def result(path, **notes):
        return RibbonSearchResult(path, "symmetric", time.monotonic() - t0, stats["expanded"], stats["tried"],
                                  notes=notes)

    if mirror_symmetry(start) is None:
        return result(None, reason="not symmetric")
    counter = itertools.count()
    frontier = [(start.crossing_count, 0, next(counter), RibbonPath(start, (), 0))]
    seen = {canonical(start)}
    while frontier and time.monotonic() < deadline:
        _, _, _, node = heapq.heappop(frontier)
        if node.bands >= max_bands:
            continue
        stats["expanded"] += 1
        for candidate in _ranked(node.state, max_band_len=max_band_len, keep=keep, deadline=deadline)[:width]:
            stats["tried"] += 1
            try:
                band_steps, banded = compile_band(node.state, candidate.band)
            except BandCompileError:
                continue
            child = RibbonPath(banded, node.steps + tuple(band_steps), node.bands + 1)
            if candidate.estimate == 0:
                done = _finish(child, seed=seed + stats["tried"], deadline=deadline)
                if done is not None:
                    return result(done)
            key = canonical(banded)
            if key not in seen:
                seen.add(key)
                heapq.heappush(frontier, (candidate.estimate, child.bands, next(counter), child))
    return result(None)
