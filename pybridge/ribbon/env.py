"""``RibbonEnv``: choose fission bands (and extra simplification) until a knot becomes a crossing-free unlink.

The state is a :class:`~pybridge.ribbon.bands.RibbonPath`: a PD diagram reached from the input knot by
recorded steps (greedy R1/R2 removals at reset, then compiled band moves and recorded Reidemeister
moves), with the number of bands used. A successful episode's ``info["path"]`` is that path; it becomes a
``ribbon`` certificate with :func:`pybridge.ribbon.bands.ribbon_certificate` that the trusted checker
replays, so the policy is never trusted.

**Candidates.** After every step the fission bands of the diagram are enumerated with spherogram
(:func:`pybridge.moves.band_enum.fission_bands`: minimal-length bands, ``max_twists`` half twists); a
*pool* of at most ``pool`` of them (a uniform sample drawn with the env's RNG when there are more) gets a
look-ahead estimate (:func:`pybridge.moves.band_enum.estimate_band` with ``lookahead``: spherogram's
unrecorded ``simplify(mode)`` of the banded link, ``'global'`` by default — on 12-crossing slice knots the
R1/R2-only ``'basic'`` estimate ranks the bands that work among the worst; bands whose banded link has a
non-zero linking number lie on no ribbon movie and are dropped) and the ``K = top_k`` best by
:meth:`~pybridge.moves.band_enum.BandCandidate.key` (estimate, then length, twists) are the band actions.

**Actions** ``Discrete(K + 1)``:

=============  ==========================================================================================
``0 .. K-1``   apply candidate ``i``: compile it into the PD calculus and settle the result with recorded
               simplification (:func:`pybridge.ribbon.bands.extend`); when its estimate is 0 and
               settling left crossings, :func:`~pybridge.ribbon.bands.push_harder` tries more seeds
``K``          *simplify harder*: :func:`~pybridge.moves.pd.simplify_recorded` for ``harder_s`` seconds
               with a fresh seed; the candidate pool is then redrawn (also when the diagram is unchanged)
=============  ==========================================================================================

:meth:`action_masks` (sb3-contrib's ``MaskablePPO`` convention) allows band ``i`` iff there are more than
``i`` candidates and fewer than ``max_bands`` bands have been used; *simplify harder* is always allowed
in a live episode. A masked action taken anyway changes nothing and costs ``illegal_penalty``; so does a
band that does not compile.

**Observation** ``Box(float32, shape=(K * 8 + 6,))``, all entries in ``[-3, 3]``. Per candidate slot
(zeros for an empty slot): ``[present, estimate / c, (c - estimate) / c, estimate == 0, length / 10,
|half twists| / 2, sign of the twists, pool rank / pool size]`` with ``c = max(current crossings, 1)``;
then global features ``[crossings / 50, components / 5, bands used / max_bands, steps left / max_steps,
log(1 + number of fission bands) / 8, crossings / input crossings]``.

**Reward** for a step from ``c`` to ``c'`` crossings, with ``c0`` the crossings of the (simplified) input::

    r = shaping * (c - c') / max(c0, 1) - step_penalty   (+ success_bonus when the diagram is crossing-free)

(defaults ``shaping = 0.5``, ``step_penalty = 0.05``, ``success_bonus = 1``), and ``-illegal_penalty``
(0.1) for a masked action or a band that does not compile, with nothing changed.

**Episode end**: terminated when the diagram is crossing-free after at least one band (solved; ``info``
has ``"path"``, ``"solved": True``); truncated after ``max_steps`` steps or when ``max_bands`` bands have
been used without success.

**Instances**: ``reset(options={"state": PDState})`` or ``{"pd": crossings or PDCode}`` or
``{"knot": name}`` poses a given knot; otherwise one is drawn (with the reset seed) from ``knots``, a list of
KnotInfo names, PD codes or states — by default :func:`training_knots`: the KnotInfo slice knots with at
most 11 crossings and ``K # -K`` for small ``K`` (:func:`knot_minus_knot`).
"""

from __future__ import annotations

import math
import random
import time
from functools import lru_cache

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from ..knots.pd import PDCode
from ..moves.band_enum import BandCandidate, estimate_band, fission_bands
from ..moves.bands import BandCompileError, link_from_state
from ..moves.pd import PDState, replay, simplify_recorded

CANDIDATE_FEATURES = 8
GLOBAL_FEATURES = 6

#: summands K of the training knots K # -K (3..7 crossings, so 6..14 crossings in the sum)
TRAINING_SUMMANDS = ("3_1", "4_1", "5_1", "5_2", "6_2", "6_3", "7_2", "7_5")
#: summands of the held-out benchmark K # -K (8..13 crossings: 16..26 crossings in the sum)
BENCHMARK_SUMMANDS = ("8_1", "8_17", "8_19", "9_1", "9_35", "10_1", "10_100", "11a_1", "12a_1", "13a_1")


# --------------------------------------------------------------------------------------------------
# Knot sets
# --------------------------------------------------------------------------------------------------


def minus(pd: PDCode) -> PDCode:
    """``-K``, the mirror image of ``K`` with its orientation reversed (the concordance inverse).

    Reversal keeps each crossing and lets the under-strand enter at ``c``: ``(a,b,c,d) -> (c,d,a,b)``;
    the mirror changes every crossing; labels are then renamed to increase along the new orientation.
    (Reversal alone would give ``K # K^r``, e.g. the granny knot for the trefoil, which is not slice.)
    """
    from ..knots.convert import mirror_pd, reverse_pd

    return mirror_pd(reverse_pd(pd)).relabelled(1)


def knot_minus_knot(name_or_pd) -> PDCode:
    """``K # -K`` (always ribbon) for a KnotInfo name or a knot PD code, by spherogram's ``connected_sum``."""
    from ..knots.catalog import knotinfo_pd
    from ..knots.convert import connected_sum_pd

    pd = knotinfo_pd(name_or_pd) if isinstance(name_or_pd, str) else PDCode(name_or_pd)
    return connected_sum_pd(pd, minus(pd)).relabelled(1)


@lru_cache(maxsize=None)
def slice_knot_names(max_crossings: int = 11, min_crossings: int = 1) -> tuple[str, ...]:
    """KnotInfo knots whose smooth 4-genus is 0 (slice), crossing number in ``[min_crossings, max_crossings]``."""
    from ..knots.catalog import iter_knotinfo

    return tuple(row["name"] for row in iter_knotinfo(max_crossings, min_crossings)
                 if row.get("smooth_four_genus", "").strip() == "0")


def training_knots(max_crossings: int = 11, summands=TRAINING_SUMMANDS) -> list[tuple[str, PDState]]:
    """``(label, state)``: KnotInfo slice knots with at most ``max_crossings`` crossings, then ``K # -K``."""
    from ..knots.catalog import knotinfo_pd

    knots = [(name, PDState.from_pd(knotinfo_pd(name))) for name in slice_knot_names(max_crossings)]
    return knots + [(f"{k}#-{k}", PDState.from_pd(knot_minus_knot(k))) for k in summands]


def benchmark_knots(count: int = 20, summands=BENCHMARK_SUMMANDS) -> list[tuple[str, PDState]]:
    """Held-out knots: every fifth KnotInfo slice knot with 12 crossings (``count`` of them), then ``K # -K``."""
    from ..knots.catalog import knotinfo_pd

    twelve = slice_knot_names(12, 12)[::5][:count]
    knots = [(name, PDState.from_pd(knotinfo_pd(name))) for name in twelve]
    return knots + [(f"{k}#-{k}", PDState.from_pd(knot_minus_knot(k))) for k in summands]


def as_state(knot) -> PDState:
    """A :class:`PDState` from a state, a :class:`PDCode`, a list of crossings or a KnotInfo name."""
    if isinstance(knot, PDState):
        return knot
    if isinstance(knot, str):
        from ..knots.catalog import knotinfo_pd

        return PDState.from_pd(knotinfo_pd(knot))
    if isinstance(knot, tuple) and len(knot) == 2 and isinstance(knot[1], PDState):  # (label, state)
        return knot[1]
    return PDState.from_pd(knot if isinstance(knot, PDCode) else PDCode(knot))


# --------------------------------------------------------------------------------------------------
# The environment
# --------------------------------------------------------------------------------------------------


class RibbonEnv(gym.Env):
    """Gymnasium environment for ribbon search by fission bands (see the module docstring)."""

    metadata = {"render_modes": ["ansi"], "render_fps": 1}

    def __init__(
        self,
        knots=None,
        top_k: int = 8,
        pool: int = 24,
        lookahead: str = "global",
        max_twists: int = 1,
        max_band_len: int | None = None,
        max_bands: int = 3,
        max_steps: int = 8,
        settle_s: float = 1.0,
        harder_s: float = 2.0,
        shaping: float = 0.5,
        step_penalty: float = 0.05,
        success_bonus: float = 1.0,
        illegal_penalty: float = 0.1,
        render_mode: str | None = None,
    ):
        if top_k < 1 or pool < top_k:
            raise ValueError(f"need 1 <= top_k <= pool, got top_k={top_k}, pool={pool}")
        if lookahead not in ("basic", "level", "global"):
            raise ValueError(f"lookahead must be 'basic', 'level' or 'global', got {lookahead!r}")
        self._knots = knots
        self.top_k, self.pool, self.lookahead = top_k, pool, lookahead
        self.max_twists, self.max_band_len = max_twists, max_band_len
        self.max_bands, self.max_steps = max_bands, max_steps
        self.settle_s, self.harder_s = settle_s, harder_s
        self.shaping, self.step_penalty = shaping, step_penalty
        self.success_bonus, self.illegal_penalty = success_bonus, illegal_penalty
        self.render_mode = render_mode
        size = top_k * CANDIDATE_FEATURES + GLOBAL_FEATURES
        self.observation_space = spaces.Box(low=-3.0, high=3.0, shape=(size,), dtype=np.float32)
        self.action_space = spaces.Discrete(top_k + 1)
        #: optional wall-clock deadline (``time.monotonic()``) capping settle/simplify time and look-aheads
        self.deadline: float | None = None
        self.start: PDState | None = None
        self.path = None
        self.candidates: list[BandCandidate] = []
        self.total_bands = 0
        self.steps_taken = 0
        self.initial_crossings = 0
        self._pool_size = 1
        self._rng = random.Random(0)

    # --- configuration -----------------------------------------------------------------------------

    def config(self) -> dict:
        """The constructor settings (without ``knots``), e.g. for a policy's training record."""
        keys = ("top_k", "pool", "lookahead", "max_twists", "max_band_len", "max_bands", "max_steps", "settle_s",
                "harder_s", "shaping", "step_penalty", "success_bonus", "illegal_penalty")
        return {key: getattr(self, key) for key in keys}

    @property
    def knots(self) -> list:
        if self._knots is None:
            self._knots = training_knots()
        return self._knots

    # --- time ----------------------------------------------------------------------------------------

    def _seconds(self, wanted: float) -> float:
        if self.deadline is None:
            return wanted
        return max(min(wanted, self.deadline - time.monotonic()), 0.05)

    def _late(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    # --- candidates ----------------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Enumerate, sample, estimate and rank the band candidates of the current diagram."""
        self.candidates, self.total_bands, self._pool_size = [], 0, 1
        state = self.path.state
        if not state.crossings or self.path.bands >= self.max_bands:
            return
        try:
            bands = fission_bands(state, max_twists=self.max_twists, max_band_len=self.max_band_len)
            link = link_from_state(state) if bands else None
        except BandCompileError:
            return
        self.total_bands = len(bands)
        if len(bands) > self.pool:
            bands = self._rng.sample(bands, self.pool)
        estimated = []
        for candidate in bands:
            if estimated and self._late():
                break
            try:
                candidate = estimate_band(link, candidate, mode=self.lookahead)
            except Exception:  # noqa: BLE001 - a band spherogram cannot add is not a candidate
                continue
            if candidate is not None:  # None: the banded link has a non-zero linking number
                estimated.append(candidate)
        estimated.sort(key=BandCandidate.key)
        self.candidates = estimated[: self.top_k]
        self._pool_size = max(len(estimated), 1)

    # --- gymnasium API -----------------------------------------------------------------------------

    def action_masks(self) -> np.ndarray:
        """Boolean mask of the allowed actions (see the module docstring)."""
        mask = np.zeros(self.top_k + 1, dtype=bool)
        if self.path is None:
            return mask
        if self.path.bands < self.max_bands:
            mask[: len(self.candidates)] = True
        mask[self.top_k] = True
        return mask

    def _observation(self) -> np.ndarray:
        obs = np.zeros(self.observation_space.shape, dtype=np.float32)
        state = self.path.state
        c = max(state.crossing_count, 1)
        for i, cand in enumerate(self.candidates):
            est = cand.estimate if cand.estimate is not None else c
            obs[i * CANDIDATE_FEATURES: (i + 1) * CANDIDATE_FEATURES] = [
                1.0, est / c, (c - est) / c, float(est == 0), cand.length / 10, abs(cand.twists) / 2,
                float(np.sign(cand.twists)), i / self._pool_size,
            ]
        g = self.top_k * CANDIDATE_FEATURES
        obs[g:] = [
            state.crossing_count / 50, state.components / 5, self.path.bands / self.max_bands,
            (self.max_steps - self.steps_taken) / self.max_steps, math.log1p(self.total_bands) / 8,
            state.crossing_count / max(self.initial_crossings, 1),
        ]
        return np.clip(obs, -3.0, 3.0)

    def _info(self, **extra) -> dict:
        return {"crossings": self.path.state.crossing_count, "bands": self.path.bands,
                "components": self.path.state.components, "candidates": len(self.candidates), **extra}

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        from .bands import simplified_start

        super().reset(seed=seed)
        options = options or {}
        self._rng = random.Random(int(self.np_random.integers(2**63 - 1)))
        if "state" in options:
            start, label = as_state(options["state"]), options.get("label", "state")
        elif "pd" in options:
            start, label = as_state(options["pd"]), options.get("label", "pd")
        elif "knot" in options:
            start, label = as_state(options["knot"]), str(options["knot"])
        else:
            knot = self.knots[self._rng.randrange(len(self.knots))]
            label = knot[0] if isinstance(knot, tuple) else str(knot)
            start = as_state(knot)
        if start.components != 1:
            raise ValueError(f"RibbonEnv poses knots; {label} has {start.components} components")
        self.start = start
        self.path = simplified_start(start)
        self.initial_crossings = self.path.state.crossing_count
        self.steps_taken = 0
        self._refresh()
        return self._observation(), self._info(knot=label)

    def step(self, action):
        from .bands import RibbonPath, extend, push_harder

        action = int(action)
        self.steps_taken += 1
        before = self.path.state.crossing_count
        legal = bool(self.action_masks()[action])
        moved = False
        if legal and action < self.top_k:
            candidate = self.candidates[action]
            child = extend(self.path, candidate, seed=self._rng.randrange(2**31), settle_s=self._seconds(self.settle_s))
            if child is not None:
                if candidate.estimate == 0 and child.state.crossings:
                    child = push_harder(child, seed=self._rng.randrange(2**31), time_limit_s=self._seconds(6.0) / 3)
                self.path, moved = child, True
        elif legal:
            state = self.path.state
            tail = simplify_recorded(state, seed=self._rng.randrange(2**31), time_limit_s=self._seconds(self.harder_s))
            self.path = RibbonPath(replay(state, tail), self.path.steps + tuple(tail), self.path.bands)
            moved = True
        after = self.path.state.crossing_count
        solved = self.path.solved
        if moved:
            reward = self.shaping * (before - after) / max(self.initial_crossings, 1) - self.step_penalty
            if solved:
                reward += self.success_bonus
        else:
            reward = -self.illegal_penalty
        truncated = not solved and (self.steps_taken >= self.max_steps or self.path.bands >= self.max_bands)
        if solved or truncated:
            self.candidates, self.total_bands = [], 0
        else:
            self._refresh()
        info = self._info(solved=solved, legal=moved, action=action)
        if solved:
            info["path"] = self.path
        return self._observation(), float(reward), solved, truncated, info

    def render(self):
        if self.render_mode == "ansi" and self.path is not None:
            state = self.path.state
            return (f"{state.crossing_count} crossings, {state.components} components, {self.path.bands} bands, "
                    f"{len(self.candidates)} candidates (best estimate "
                    f"{self.candidates[0].estimate if self.candidates else '-'})")
        return None


if "pybridge/Ribbon-v0" not in gym.registry:  # importing this module registers the gymnasium id
    gym.register(id="pybridge/Ribbon-v0", entry_point="pybridge.ribbon.env:RibbonEnv")
