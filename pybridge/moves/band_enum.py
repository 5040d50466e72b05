"""Candidate band moves on a PD state, from spherogram's band enumeration, ranked by a cheap look-ahead.

A *fission band* on a knot or link diagram is a band whose two ends lie on the same component and are
oriented so that the band move splits that component in two (Dunfield–Gong, arXiv 2512.21825, §3;
spherogram's ``min_len_bands``: the band's core is a shortest path in the dual graph, every over/under
pattern along it, ``-max_twists..max_twists`` half twists of the parity that makes it orientable).
A ribbon disc with ``b`` bands is a movie knot → ``b`` fission bands → ``(b+1)``-component unlink.

The ranking is a heuristic, never trusted: a candidate's *estimate* is the crossing number spherogram's
``simplify('global')`` reaches on the banded link (an unrecorded simplification; the search then
records its own Reidemeister moves with :func:`pybridge.moves.pd.simplify_recorded`, which the checker
replays). Bands are expressed in the checker's calculus by :func:`pybridge.moves.bands.compile_band`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .bands import link_from_state
from .pd import PDState


@dataclass(frozen=True)
class BandCandidate:
    """A spherogram band on a state, with its length (dual-graph edges crossed + 2), half twists and estimate."""

    band: object  # spherogram.links.bands.core.Band
    spec: str
    length: int
    twists: int
    estimate: int | None = None
    #: PD code (crossings, free circles) of the banded link after the look-ahead's simplification
    banded: tuple | None = None

    def key(self) -> tuple:
        """Sort key: estimated crossings after the band, then shorter, then fewer twists, then spec."""
        estimate = self.estimate if self.estimate is not None else 10**9
        return (estimate, self.length, abs(self.twists), self.spec)


def fission_bands(state: PDState, *, max_twists: int = 1, max_band_len: int | None = None) -> list[BandCandidate]:
    """All minimal-length fission bands of ``state`` (spherogram ``min_len_bands``), unranked.

    ``max_band_len`` bounds ``len(cs_along_top)`` (2 = the band crosses no strand); ``None`` is no
    bound. The band's crossing strands are the state's slots (:func:`~pybridge.moves.bands.link_from_state`).
    """
    from spherogram.links.bands.core import min_len_bands

    if not state.crossings:
        return []
    link = link_from_state(state)
    return [BandCandidate(band, band.compressed_spec(), len(band), band.num_twist)
            for band in min_len_bands(link, max_twists, max_band_len)]


def estimate_band(state_link, candidate: BandCandidate, *, mode: str = "global") -> BandCandidate | None:
    """``candidate`` with its estimate: crossings of the banded link after spherogram's ``simplify(mode)``.

    ``None`` when the banded link has a non-zero linking number. Such a band never lies on a ribbon
    movie: every link in the movie bounds disjoint ribbon discs (the fusion of the final unlink's discs
    by the bands still to come, read backwards), so all its linking numbers vanish.
    """
    from spherogram.links.bands.core import add_one_band

    banded = add_one_band(state_link, candidate.band)
    if any(value for row in banded.linking_matrix() for value in row):
        return None
    banded.simplify(mode)
    code = (tuple(tuple(c) for c in banded.PD_code()), banded.unlinked_unknot_components)
    return BandCandidate(candidate.band, candidate.spec, candidate.length, candidate.twists, len(banded.crossings), code)


def ranked_bands(
    state: PDState,
    *,
    max_twists: int = 1,
    max_band_len: int | None = None,
    sample: int | None = None,
    rng: random.Random | None = None,
    mode: str = "basic",
) -> list[BandCandidate]:
    """Fission bands of ``state`` ranked by :meth:`BandCandidate.key` (most promising first).

    ``mode`` is the spherogram simplification of the look-ahead: ``'basic'`` (R1/R2 only, about a
    millisecond a band), ``'level'`` or ``'global'`` (tens of milliseconds). With ``sample``, only a
    subset of that many candidates is estimated (uniformly drawn with ``rng``, else the shortest).
    """
    candidates = fission_bands(state, max_twists=max_twists, max_band_len=max_band_len)
    if sample is not None and len(candidates) > sample:
        candidates = rng.sample(candidates, sample) if rng is not None else candidates[:sample]
    link = link_from_state(state)
    estimated = (estimate_band(link, c, mode=mode) for c in candidates)
    return sorted((c for c in estimated if c is not None), key=BandCandidate.key)


def refined(state: PDState, candidates, *, mode: str = "global"):
    """Yield ``candidates`` (in their order) estimated with the look-ahead ``mode``, linked ones left out."""
    link = link_from_state(state)
    for candidate in candidates:
        estimated = estimate_band(link, candidate, mode=mode)
        if estimated is not None:
            yield estimated
