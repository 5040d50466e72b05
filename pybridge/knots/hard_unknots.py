"""Classic hard diagrams of the unknot, as named :class:`~pybridge.knots.pd.PDCode` inputs.

A diagram of the unknot is *hard* when it cannot be reduced to the crossing-free circle by
Reidemeister moves that never increase the number of crossings. The diagrams shipped here
(``pybridge/data/hard_unknots.yaml``) are:

- ``gordian`` -- Haken's Gordian unknot, 141 crossings (W. Haken, Acta Math. 105, 1961), and
  ``monster`` -- the 10-crossing "monster unknot", both exactly as regina ships them
  (``regina.ExampleLink.gordian()``, ``regina.ExampleLink.monster()``).
- ``goeritz`` -- Goeritz's 11-crossing unknot (L. Goeritz, Abh. Math. Sem. Hamburg 10, 1934);
  ``thistlethwaite`` -- Thistlethwaite's 15-crossing unknot; ``ochiai1`` .. ``ochiai4`` --
  Ochiai's unknots (M. Ochiai, Astérisque 192, 1990; IV attributed to Suzuki); ``culprit`` -- the
  10-crossing "culprit" of L. H. Kauffman and S. Lambropoulou ("Hard unknots and collapsing
  tangles").
- ``burton_d28``, ``burton_d43``, ``burton_d78`` -- the three diagrams of B. A. Burton, H.-C. Chang,
  M. Löffler, A. de Mesmay, C. Maria, S. Schleimer, E. Sedgwick, J. Spreer, "Hard diagrams of the
  unknot" (arXiv:2104.14076; Experimental Mathematics), which need at least three extra crossings
  before Reidemeister moves in S² can simplify them (the paper's computer proof).

All but the two regina diagrams are converted (regina ``Link.fromGauss`` then ``Link.pdData``) from
the Gauss codes of Burton et al., Appendix A; a Gauss code fixes a diagram only up to mirror image,
so those PD codes may be the mirror of the published drawing (same crossings, same difficulty).
Each entry's ``source`` field says exactly where its code was taken from.

>>> hard_unknot("culprit").crossing_count
10
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import UnknownKnotError
from .pd import PDCode

DATA_FILE = "hard_unknots.yaml"


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    text = resources.files("pybridge.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("diagrams"), dict):
        raise ValueError(f"pybridge/data/{DATA_FILE}: expected a mapping with a 'diagrams' table")
    return data


def _entry(name: str) -> dict[str, Any]:
    diagrams = _load()["diagrams"]
    key = name.strip().lower() if isinstance(name, str) else name
    if key not in diagrams:
        known = ", ".join(diagrams)
        raise UnknownKnotError(f"unknown hard unknot {name!r}; known: {known}")
    return diagrams[key]


#: Names of the shipped hard unknot diagrams, in file order.
HARD_UNKNOTS: tuple[str, ...] = tuple(_load()["diagrams"])


def hard_unknot(name: str) -> PDCode:
    """The named hard unknot diagram as a validated :class:`PDCode` (Knot Atlas convention).

    Raises :class:`~pybridge.errors.UnknownKnotError` (a ``KeyError``) for a name not in
    :data:`HARD_UNKNOTS`.
    """
    entry = _entry(name)
    pd = PDCode(entry["pd"])
    if pd.crossing_count != entry["crossings"]:
        raise ValueError(f"{name}: {pd.crossing_count} crossings in the PD code, {entry['crossings']} stated")
    return pd


def hard_unknot_source(name: str) -> str:
    """Where the named diagram's code comes from (citation and the file or package it was taken from)."""
    return str(_entry(name)["source"])


def hard_unknot_notes(name: str) -> str:
    """Free-text notes for the named diagram (cross-checks, chirality caveats)."""
    return str(_entry(name).get("notes", ""))


def hard_unknots_not_found() -> dict[str, str]:
    """Diagrams that were looked for but not found in a published source, with the reason."""
    return dict(_load().get("not_found") or {})


__all__ = ["HARD_UNKNOTS", "hard_unknot", "hard_unknot_notes", "hard_unknot_source", "hard_unknots_not_found"]
