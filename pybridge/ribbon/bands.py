"""Ribbon search in the planar-diagram calculus: fission bands plus recorded simplification.

A knot ``K`` is ribbon when a movie ``K → (b fission bands, isotopies) → (b+1)``-component unlink exists
(docs/certificates.md §4, "Why a ribbon certificate proves ribbon"). Every search here works on
:class:`~pybridge.moves.pd.PDState` and records the exact steps: band moves compiled by
:func:`~pybridge.moves.bands.compile_band` (R2 finger moves plus a short ``band``) and Reidemeister
moves from :func:`~pybridge.moves.pd.simplify_global`. Nothing the search believes is trusted; the
caller turns the steps into a certificate and re-checks it.

:func:`band_search` is best-first over diagrams: expand a diagram by its most promising fission bands
(ranked by spherogram's look-ahead, :func:`pybridge.moves.band_enum.ranked_bands`), settle each banded
diagram by recorded simplification, stop at the first crossing-free diagram. It is the systematic
search of Dunfield–Gong (arXiv 2512.21825) with two changes: the isotopies between bands are recorded
moves (so a kernel can replay them), and the search takes turns between Dunfield–Gong's breadth-first
order and an order that follows the diagrams that shrink fastest (:func:`search_priority`).
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field

from ..moves.band_enum import BandCandidate, fission_bands, refined
from ..moves.bands import BandCompileError, compile_band
from ..moves.pd import PDState, bigons, canonical, kinks, replay, simplify_global

Move = tuple

#: above this many crossings a node's bands are pre-ranked by spherogram's ``'basic'`` simplification
LARGE_DIAGRAM = 24
#: longest band (``len(cs_along_top)``: crossed strands + 2) enumerated on a large diagram when no bound is given
LARGE_BAND_LEN = 4
#: how many pre-ranked bands get the ``'global'`` look-ahead on a large diagram
COARSE_KEEP = 60
#: crossings one band is worth in the ``'shrink'`` search order (:func:`search_priority`)
BAND_COST = 3
#: the search orders whose queues :func:`band_search` takes turns on
SEARCH_ORDERS = ("breadth", "shrink")


@dataclass(frozen=True)
class RibbonPath:
    """A diagram reached from the input knot, the exact steps that reach it, and the bands used."""

    state: PDState
    steps: tuple[Move, ...] = ()
    bands: int = 0

    @property
    def solved(self) -> bool:
        """Crossing-free: every component is a split unknot, the ``bands + 1`` discs of the claim."""
        return not self.state.crossings and self.bands >= 1


@dataclass(frozen=True)
class RibbonSearchResult:
    """The outcome of one ribbon search: the solved path (``None`` if not found), agent, seconds, effort."""

    path: RibbonPath | None
    agent: str
    seconds: float
    expanded: int = 0
    tried_bands: int = 0
    notes: dict = field(default_factory=dict)


def settle(state: PDState, *, seed: int = 0, time_limit_s: float = 1.0, give_up_rounds: int = 3) -> list[Move]:
    """Recorded simplification of a diagram that may stay knotted, with pass rerouting in local minima
    (:func:`pybridge.moves.pd.simplify_global`): stop after ``give_up_rounds`` fruitless perturbations."""
    return simplify_global(state, seed=seed, time_limit_s=time_limit_s, give_up_rounds=give_up_rounds)


def extend(path: RibbonPath, candidate: BandCandidate, *, seed: int = 0, settle_s: float = 1.0) -> RibbonPath | None:
    """Add one fission band to ``path`` and settle the result; ``None`` if the band does not compile."""
    try:
        band_steps, banded = compile_band(path.state, candidate.band)
    except BandCompileError:
        return None
    tail = settle(banded, seed=seed, time_limit_s=settle_s)
    return RibbonPath(replay(banded, tail), path.steps + tuple(band_steps) + tuple(tail), path.bands + 1)


def push_harder(path: RibbonPath, *, seed: int, attempts: int = 3, time_limit_s: float = 2.0) -> RibbonPath:
    """More recorded simplification for a diagram the look-ahead says is an unlink (several seeds)."""
    for attempt in range(attempts):
        tail = simplify_global(path.state, seed=seed + 101 * (attempt + 1), time_limit_s=time_limit_s)
        final = replay(path.state, tail)
        if not final.crossings:
            return RibbonPath(final, path.steps + tuple(tail), path.bands)
    return path


def simplified_start(state: PDState) -> RibbonPath:
    """The input diagram after greedy R1/R2 removals only (R3 moves could hide a short band)."""
    steps = []
    while True:
        moves = kinks(state) or bigons(state)
        if not moves:
            return RibbonPath(state, tuple(steps), 0)
        state = replay(state, [moves[0]])
        steps.append(moves[0])


def look_ahead(node: RibbonPath, *, deadline: float, seed: int, max_twists: int, max_band_len: int | None,
               stats: dict) -> tuple[RibbonPath | None, list[BandCandidate]]:
    """Estimate ``node``'s fission bands; return ``(solved path, the other candidates best first)``.

    Bands with a non-zero linking number are left out (:func:`~pybridge.moves.band_enum.estimate_band`).
    On diagrams with more than :data:`LARGE_DIAGRAM` crossings only the :data:`COARSE_KEEP` best by the
    cheap ``'basic'`` look-ahead go on, and bands cross at most :data:`LARGE_BAND_LEN` − 2 strands. Bands are visited in spherogram's order (shortest first), each
    estimated by spherogram's ``simplify('global')`` of the banded link; one whose estimate is 0 is
    extended at once and ends the search when the recorded simplification confirms it (the common
    one-band case). When ``deadline`` comes first, only the bands estimated so far compete.
    """
    estimated = []
    try:
        large = node.state.crossing_count > LARGE_DIAGRAM
        if max_band_len is None and large:
            max_band_len = LARGE_BAND_LEN
        candidates = fission_bands(node.state, max_twists=max_twists, max_band_len=max_band_len)
        if large:  # pre-rank by the cheap R1/R2 look-ahead
            coarse = []
            for candidate in refined(node.state, candidates, mode="basic"):
                coarse.append(candidate)
                if time.monotonic() >= deadline:
                    break
            candidates = sorted(coarse, key=BandCandidate.key)[:COARSE_KEEP]
    except BandCompileError:  # spherogram cannot read this diagram with our slots: skip the node
        return None, []
    for candidate in refined(node.state, candidates, mode="global" if node.bands == 0 else "level"):
        if candidate.estimate == 0:
            child = _child(node, candidate, seed=seed + stats["tried"], stats=stats)
            if child is not None and child.solved:
                return child, []
        else:
            estimated.append(candidate)
        if time.monotonic() >= deadline:
            break
    return None, sorted(estimated, key=BandCandidate.key)


def _child(node: RibbonPath, candidate: BandCandidate, *, seed: int, stats: dict) -> RibbonPath | None:
    """Extend ``node`` by ``candidate``; ``None`` when it does not compile or the result is obstructed."""
    stats["tried"] += 1
    child = extend(node, candidate, seed=seed)
    if child is not None and child.state.crossings and candidate.estimate == 0:
        child = push_harder(child, seed=seed)
    return child


def strongly_slice_plausible(candidate: BandCandidate) -> bool:
    """Whether no cheap obstruction rules out that the banded link of ``candidate`` bounds disjoint discs in B⁴.

    Every link of a ribbon movie does (the discs of the final unlink fused by the bands still to come),
    so a banded diagram with a non-zero linking number or signature, or with a component that has a
    knot slice obstruction (signature, determinant, Fox–Milnor), is a dead end
    (:func:`pybridge.knots.slice.slice_obstruction`, without knot Floer homology, which is slow).
    """
    from ..knots.pd import PDCode
    from ..knots.slice import slice_obstruction

    crossings, free = candidate.banded
    if not crossings:
        return True
    return slice_obstruction(PDCode(crossings, free), floer=False) is None


def search_priority(order: str, bands: int, crossings: int) -> tuple[int, int]:
    """Queue priority of a node with ``bands`` bands and ``crossings`` crossings (smaller first).

    ``'breadth'``: ``(bands, crossings)``, Dunfield–Gong's order — every band of the input before any
    second band. ``'shrink'``: ``(crossings + BAND_COST · bands, bands)`` — a band after which the diagram
    shrinks is followed at once, so a disc that needs several bands (one per summand of a connected sum,
    say) is found band by band.
    """
    if order == "breadth":
        return (bands, crossings)
    if order == "shrink":
        return (crossings + BAND_COST * bands, bands)
    raise ValueError(f"unknown search order {order!r}; choose from {', '.join(SEARCH_ORDERS)}")


def band_search(
    start: PDState,
    *,
    budget_s: float = 60.0,
    seed: int = 0,
    max_bands: int = 4,
    max_twists: int = 1,
    width: int = 4,
    max_band_len: int | None = None,
    node_share: float = 0.4,
    retry_penalty: int = 2,
    orders: tuple[str, ...] = SEARCH_ORDERS,
) -> RibbonSearchResult:
    """Best-first search for fission bands that turn ``start`` (a knot) into a crossing-free unlink.

    A node is a :class:`RibbonPath`. Every node waits in one queue per search order of ``orders``
    (:func:`search_priority`) and the queues take turns: with both orders, half of the expansions go
    breadth-first in the number of bands and half follow the diagrams that shrink fastest, so neither a
    two-band disc whose first band makes the diagram bigger (12a_631) nor a three-band disc of a
    connected sum is starved. Expanding a node runs :func:`look_ahead` once; its bands are then settled
    into children ``width`` at a time, skipping bands whose banded link fails
    :func:`strongly_slice_plausible`; the node goes back into the queues with its remaining bands,
    ``retry_penalty`` crossings worse each time. Diagrams are deduplicated up to relabelling
    (:func:`~pybridge.moves.pd.canonical`). Stops at the first crossing-free diagram, when the queues are
    empty or after ``budget_s`` seconds.
    """
    t0 = time.monotonic()
    deadline = t0 + budget_s
    root = simplified_start(start)
    counter = itertools.count()
    queues: list[list] = [[] for _ in orders]
    seen = {canonical(root.state)}
    done: set[int] = set()
    stats = {"tried": 0, "expanded": 0}

    def push(node: RibbonPath, ranked, cursor: int, penalty: int) -> None:
        entry = next(counter)
        for queue, order in zip(queues, orders):
            key = search_priority(order, node.bands, node.state.crossing_count + penalty)
            heapq.heappush(queue, (key, entry, node, ranked, cursor, penalty))

    def result(path):
        return RibbonSearchResult(path, "bands", time.monotonic() - t0, stats["expanded"], stats["tried"])

    push(root, None, 0, 0)
    for turn in itertools.count():
        waiting = [queue for queue in queues if queue]
        if not waiting or time.monotonic() >= deadline:
            break
        _, entry, node, ranked, cursor, penalty = heapq.heappop(waiting[turn % len(waiting)])
        if entry in done or node.bands >= max_bands:
            continue
        done.add(entry)
        if ranked is None:
            stats["expanded"] += 1
            node_deadline = min(deadline, time.monotonic() + max(node_share * (deadline - time.monotonic()), 0.5))
            solved, ranked = look_ahead(node, deadline=node_deadline, seed=seed, max_twists=max_twists,
                                        max_band_len=max_band_len, stats=stats)
            if solved is not None:
                return result(solved)
        for candidate in ranked[cursor:cursor + width]:
            if time.monotonic() >= deadline:
                break
            if not strongly_slice_plausible(candidate):
                stats["pruned"] = stats.get("pruned", 0) + 1
                continue
            child = _child(node, candidate, seed=seed + stats["tried"], stats=stats)
            if child is None:
                continue
            if child.solved:
                return result(child)
            key = canonical(child.state)
            if key not in seen:
                seen.add(key)
                push(child, None, 0, 0)
        if cursor + width < len(ranked):
            push(node, ranked, cursor + width, penalty + retry_penalty)
    return result(None)


def ribbon_certificate(start: PDState, path: RibbonPath, provenance: dict):
    """The ``ribbon`` PD certificate of a solved path from ``start`` (not yet checked; the caller checks).

    After ``b`` fission bands the crossing-free diagram has ``b + 1`` free circles — the discs of the
    claim; any extra free circle (none arise from fission bands) is removed by ``remove_free``.
    """
    from ..certs.model import Certificate

    if not path.solved:
        raise ValueError("the path does not end in a crossing-free diagram")
    extra = path.state.free - (path.bands + 1)
    if extra < 0:
        raise ValueError(f"{path.state.free} circles left after {path.bands} bands; {path.bands + 1} needed")
    steps = list(path.steps) + [("remove_free",)] * extra
    return Certificate.create("ribbon", "pd", start.as_input(), {"bands": path.bands}, steps, provenance)
