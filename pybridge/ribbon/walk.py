"""The weighted random walk of Gukov–Halverson–Manolescu–Ruehle over bands routed in the dual graph.

GHMR ("Searching for ribbons with machine learning", arXiv 2304.09304; code ``ruehlef/ribbon``) build a
band one action at a time on a knot diagram and sample each action with probability proportional to a
weight of its *type*, among the legal actions only. Their action vector has one entry per concrete
action (``4 M + 2`` for ``M`` faces): one *start* per face, and per neighbouring edge an *under*, an
*attach* and an *over*, plus two *twists* — so a type's total probability grows with the number of its
legal actions. Their shipped weights ``[start, attach, over, under, twist] = [1, 17, 1, 1, 3]`` were
"found by Bayesian optimisation".

Here the walk (:func:`weighted_walk`) works on :class:`~pybridge.moves.pd.PDState` with the dual graph of
the diagram (faces = :attr:`PDState.faces`, lists of corners ``(crossing, slot)``; a corner names a face
and the edge at that slot, and the edge's other end is the corner on its other side). A band under
construction is spherogram's path ``P0 -> F0 -> F1 -> ... -> Fk -> P1`` (see
:mod:`pybridge.moves.bands`). Actions, each a separate choice with its type's weight:

* **start** ``P`` (one per face): begin a new band in face ``P`` (= ``P0``); any partial band is dropped.
  Before a band is started, these are the only legal actions; afterwards they stay legal (an
  abandoned band costs a step; this is what gives the start weight a meaning).
* **attach** ``c`` (one per corner of the current face):
  - right after *start*: the band's first end goes on the edge of corner ``c`` and the band enters the
    face across it (``F0``; the corner there is spherogram's ``X``);
  - later: the band's second end goes on the edge of ``c``; legal when that edge lies on the same
    component as the first end, is not yet used, and the number of half twists has the parity that
    makes the band a *fission* band (odd exactly when both ends are tails or both heads of their
    edges). This finishes the band.
* **over** / **under** ``c``: the band crosses the edge of corner ``c`` (over it, resp. under it) into the
  next face; legal for edges not yet used whose next face has not been visited (the path stays simple).
* **twist** ``±1``: one more positive/negative half twist, while ``|half twists| <= max_twists``.

The finished band is spherogram's ``Band(cs_along_top, arc_is_under, num_twist)`` on the state's slots.
Its look-ahead is spherogram's ``simplify('global')`` of ``add_one_band`` (an unrecorded, untrusted
estimate, tens of milliseconds); a band whose estimate exceeds ``input crossings + max_growth``
crossings is rejected (GHMR's size limit; the paper uses ``crossings + 1``) and the attempt restarts.
An accepted band is applied with :func:`pybridge.ribbon.bands.extend` (compiled into R2 finger moves,
a kink and a ``band`` step, then recorded settling); an estimate of 0 gets
:func:`~pybridge.ribbon.bands.push_harder`. The walk goes on from the banded diagram (more bands) until
it is crossing-free (solved), or restarts from the input when a limit is hit: ``max_bands`` bands,
``max_components`` components, ``max_steps`` walk actions per attempt (GHMR: 5 bands / 5 twists /
5 components — their README applies the bound to each quantity separately — and 50 steps).

Default weights: ``pybridge/models/ribbon_walk_weights.json`` (written by ``pybridge tune ribbon``,
:mod:`pybridge.ribbon.tune`, with how they were tuned) if present, else the paper's
:data:`PAPER_WEIGHTS`. Nothing the walk believes is trusted: the solved path's steps become a certificate
(:func:`pybridge.ribbon.bands.ribbon_certificate`) that the trusted checker replays.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..moves.band_enum import BandCandidate
from ..moves.bands import BandCompileError, link_from_state
from ..moves.pd import PDState
from .bands import RibbonSearchResult, extend, push_harder, simplified_start

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
WEIGHTS_PATH = MODEL_DIR / "ribbon_walk_weights.json"
WEIGHT_NAMES = ("start", "attach", "over", "under", "twist")
#: GHMR's shipped weights ``[start, attach, over, under, twist]``
PAPER_WEIGHTS = (1.0, 17.0, 1.0, 1.0, 3.0)

Corner = tuple[int, int]


def load_weights(path: str | Path | None = None) -> tuple[float, ...] | None:
    """The tuned weights stored at ``path`` (default :data:`WEIGHTS_PATH`), or ``None`` if there is no file.

    The file is JSON with ``"weights"`` either a list in :data:`WEIGHT_NAMES` order or a mapping by name.
    """
    path = Path(path) if path is not None else WEIGHTS_PATH
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return normalise_weights(data["weights"])


def normalise_weights(weights) -> tuple[float, ...]:
    """``weights`` (list in :data:`WEIGHT_NAMES` order, or a mapping by name) as a validated 5-tuple."""
    if isinstance(weights, dict):
        weights = [weights[name] for name in WEIGHT_NAMES]
    values = tuple(float(w) for w in weights)
    if len(values) != len(WEIGHT_NAMES) or any(not w >= 0 for w in values):
        raise ValueError(f"weights must be {len(WEIGHT_NAMES)} non-negative numbers "
                         f"({', '.join(WEIGHT_NAMES)}), got {weights!r}")
    return values


def default_weights() -> tuple[float, ...]:
    """The shipped tuned weights if ``pybridge/models/ribbon_walk_weights.json`` exists, else :data:`PAPER_WEIGHTS`."""
    try:
        return load_weights() or PAPER_WEIGHTS
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        return PAPER_WEIGHTS


# --------------------------------------------------------------------------------------------------
# The dual graph of a PD state
# --------------------------------------------------------------------------------------------------


class DualGraph:
    """Faces, corners and edges of a PD state, as the walk needs them.

    ``faces[f]`` is the list of corners of face ``f``; ``face_of[corner]`` its face; ``other[corner]``
    the corner at the other end of the same edge (it lies in the face on the other side);
    ``label[corner]`` the edge; ``component[label]`` the link component; ``is_tail[corner]`` whether the
    corner is the tail slot of its edge (the edge leaves the crossing there).
    """

    def __init__(self, state: PDState):
        from ..certs.pd_checker import pd_components

        self.state = state
        self.faces: list[list[Corner]] = [list(face) for face in state.faces]
        self.face_of = {corner: f for f, face in enumerate(self.faces) for corner in face}
        self.label = {(i, p): x for i, c in enumerate(state.crossings) for p, x in enumerate(c)}
        self.other: dict[Corner, Corner] = {}
        for slots in state.positions.values():
            a, b = slots
            self.other[tuple(a)], self.other[tuple(b)] = tuple(b), tuple(a)
        orientation = state.orientation
        self.is_tail = {corner: orientation[x][0] == corner for corner, x in self.label.items()}
        self.component: dict[int, int] = {}
        for k, component in enumerate(pd_components(state.crossings, state.positions)):
            for i, p in component:
                self.component[state.crossings[i][p]] = k


# --------------------------------------------------------------------------------------------------
# Building one band by weighted random actions
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WalkLimits:
    """Limits of the walk (GHMR's defaults where they have one)."""

    max_bands: int = 4
    max_twists: int = 5  # half twists per band, |num_twist| <= max_twists
    max_components: int = 5
    max_steps: int = 50  # walk actions per attempt (all bands of the attempt together)
    max_growth: int = 1  # a band is rejected when its look-ahead exceeds input crossings + max_growth
    settle_s: float = 1.0  # recorded settling after each accepted band


class _BandBuilder:
    """The state machine of one band on a dual graph (see the module docstring)."""

    def __init__(self, graph: DualGraph, max_twists: int):
        self.graph, self.max_twists = graph, max_twists
        self.reset()

    def reset(self) -> None:
        self.p0: int | None = None  # face the band starts in (P0); None before start
        self.path: list[Corner] = []  # [X, A_1, ..., A_k]
        self.over: list[bool] = []  # arc_is_under: the crossed strand is under the band
        self.visited: list[int] = []  # faces F0..Fk
        self.used: set[int] = set()  # edge labels met so far
        self.twists = 0

    def actions(self, weights: Sequence[float]) -> list[tuple[float, tuple]]:
        """``(weight, action)`` for every legal action."""
        w_start, w_attach, w_over, w_under, w_twist = weights
        g = self.graph
        out: list[tuple[float, tuple]] = []
        starts = [(w_start, ("start", f)) for f in range(len(g.faces))]
        if self.p0 is None:
            return starts
        out.extend(starts)
        if not self.path:  # attach the first end on an edge of P0
            out.extend((w_attach, ("attach", c)) for c in g.faces[self.p0])
            return out
        x = self.path[0]
        first = g.label[x]
        for c in g.faces[self.visited[-1]]:
            edge = g.label[c]
            if edge in self.used:
                continue
            nxt = g.face_of[g.other[c]]
            if nxt not in self.visited:
                out.append((w_over, ("over", c)))
                out.append((w_under, ("under", c)))
            if g.component.get(edge) == g.component.get(first):
                odd_needed = g.is_tail[x] == g.is_tail[g.other[c]]  # both ends tails (or heads): odd
                if odd_needed == (self.twists % 2 == 1):
                    out.append((w_attach, ("attach", c)))
        for sign in (1, -1):
            if abs(self.twists + sign) <= self.max_twists:
                out.append((w_twist, ("twist", sign)))
        return out

    def act(self, action: tuple):
        """Apply ``action``; return a spherogram ``Band`` when it finishes one, else ``None``."""
        from spherogram.links.bands.core import Band

        g = self.graph
        kind, arg = action
        if kind == "start":
            self.reset()
            self.p0 = arg
        elif kind == "attach" and not self.path:
            x = g.other[arg]
            self.path, self.visited, self.used = [x], [g.face_of[x]], {g.label[x]}
        elif kind == "attach":
            band = Band(list(self.path) + [g.other[arg]], list(self.over), self.twists)
            self.reset()
            return band
        elif kind in ("over", "under"):
            a = g.other[arg]
            self.path.append(a)
            self.over.append(kind == "over")
            self.visited.append(g.face_of[a])
            self.used.add(g.label[a])
        elif kind == "twist":
            self.twists += arg
        return None


def _choose(options: list[tuple[float, tuple]], rng: random.Random) -> tuple:
    total = sum(w for w, _ in options)
    if total <= 0:  # every legal action has weight 0: uniform, as GHMR do
        return rng.choice(options)[1]
    roll = rng.random() * total
    for w, action in options:
        roll -= w
        if roll < 0:
            return action
    return options[-1][1]


def random_band(graph: DualGraph, rng: random.Random, weights: Sequence[float] = PAPER_WEIGHTS, *,
                max_twists: int = 5, max_steps: int = 50):
    """One weighted walk on ``graph`` until a band is attached: ``(Band or None, actions used)``."""
    builder = _BandBuilder(graph, max_twists)
    for used in range(1, max_steps + 1):
        band = builder.act(_choose(builder.actions(weights), rng))
        if band is not None:
            return band, used
    return None, max_steps


# --------------------------------------------------------------------------------------------------
# The search
# --------------------------------------------------------------------------------------------------


def lookahead(link, band) -> int | None:
    """Crossings of ``link`` banded along ``band`` after spherogram's ``simplify('global')``.

    ``None`` when spherogram cannot add the band, or when the banded link has a non-zero linking
    number: such a link lies on no ribbon movie (its components would bound disjoint ribbon discs, the
    final unlink's discs fused by the remaining bands), so the band is useless.
    """
    from spherogram.links.bands.core import add_one_band

    try:
        banded = add_one_band(link, band)
        if any(value for row in banded.linking_matrix() for value in row):
            return None
        banded.simplify("global")
    except Exception:  # noqa: BLE001 - spherogram asserts planarity etc.; such a band is just skipped
        return None
    return len(banded.crossings)


def weighted_walk(
    start: PDState,
    *,
    budget_s: float,
    seed: int,
    weights: Sequence[float] | dict | None = None,
    max_bands: int = 4,
    limits: WalkLimits | None = None,
) -> RibbonSearchResult:
    """GHMR's weighted random walk for fission bands turning the knot ``start`` into a crossing-free unlink.

    ``weights`` are ``[start, attach, over, under, twist]`` (default :func:`default_weights`);
    ``limits`` the walk's limits (:class:`WalkLimits`; ``max_bands`` overrides its ``max_bands``). Each
    attempt starts from the input after greedy R1/R2 removals and builds bands by :func:`random_band`;
    see the module docstring for look-ahead, acceptance and restarts. Stops at the first crossing-free
    state or after ``budget_s`` seconds. ``notes`` records the weights, attempts, bands looked at and
    bands applied. Deterministic in ``seed`` up to the time budget.
    """
    t0 = time.monotonic()
    deadline = t0 + budget_s
    weights = normalise_weights(weights) if weights is not None else default_weights()
    limits = limits or WalkLimits()
    if max_bands != limits.max_bands:
        limits = WalkLimits(**{**limits.__dict__, "max_bands": max_bands})
    rng = random.Random(seed)
    root = simplified_start(start)
    stats = {"attempts": 0, "walk_steps": 0, "bands": 0, "rejected": 0, "applied": 0}
    notes = {"weights": dict(zip(WEIGHT_NAMES, weights)), "limits": limits.__dict__, "stats": stats}

    def result(path):
        return RibbonSearchResult(path, "walk", time.monotonic() - t0, stats["attempts"], stats["bands"], notes)

    if not root.state.crossings or start.components != 1:
        return result(None)
    size_limit = root.state.crossing_count + limits.max_growth
    cache: dict[PDState, tuple] = {}

    def structures(state: PDState):
        if state not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[state] = (DualGraph(state), link_from_state(state))
        return cache[state]

    while time.monotonic() < deadline:
        stats["attempts"] += 1
        path, steps_left = root, limits.max_steps
        while steps_left > 0 and time.monotonic() < deadline:
            try:
                graph, link = structures(path.state)
            except BandCompileError:
                break
            band, used = random_band(graph, rng, weights, max_twists=limits.max_twists, max_steps=steps_left)
            steps_left -= used
            stats["walk_steps"] += used
            if band is None:
                break
            stats["bands"] += 1
            estimate = lookahead(link, band)
            if estimate is None or estimate > size_limit:
                stats["rejected"] += 1
                break
            candidate = BandCandidate(band, band.compressed_spec(), len(band), band.num_twist, estimate)
            left = max(deadline - time.monotonic(), 0.05)
            child = extend(path, candidate, seed=rng.randrange(2**31), settle_s=min(limits.settle_s, left))
            if child is None:
                stats["rejected"] += 1
                break
            stats["applied"] += 1
            if estimate == 0 and child.state.crossings:
                left = max(deadline - time.monotonic(), 0.15)
                child = push_harder(child, seed=rng.randrange(2**31), time_limit_s=min(2.0, left / 3))
            if child.solved:
                return result(child)
            path = child
            if path.bands >= limits.max_bands or path.state.components >= limits.max_components:
                break
    return result(None)


__all__ = ["DualGraph", "PAPER_WEIGHTS", "WEIGHT_NAMES", "WEIGHTS_PATH", "WalkLimits", "default_weights",
           "load_weights", "lookahead", "normalise_weights", "random_band", "weighted_walk"]
