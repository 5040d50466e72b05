"""Lazy access to the KnotInfo table (``database_knotinfo``; 12,967 knots up to 13 crossings).

The table is parsed on first use, never at import time. KnotInfo names look like ``3_1``, ``8_20``,
``11n_34``, ``13a_4878``; columns are strings (``'Not Hyperbolic'``, ``'[0,1]'`` and ``''`` occur).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterator

from ..errors import UnknownKnotError
from .braid import BraidWord
from .pd import PDCode


@lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    from database_knotinfo import link_list

    rows = link_list()[1:]  # row 0 is the header
    return {row["name"]: row for row in rows}


def has_knot(name: str) -> bool:
    """Whether ``name`` is a KnotInfo knot name."""
    return name in _table()


def knotinfo_row(name: str) -> dict:
    """The KnotInfo row of ``name`` (all columns as strings); :class:`UnknownKnotError` if absent."""
    try:
        return _table()[name]
    except KeyError:
        raise UnknownKnotError(f"unknown knot name {name!r}: not in KnotInfo (names like 8_20, 11n_34)") from None


def knotinfo_names(max_crossings: int = 13, min_crossings: int = 0) -> list[str]:
    """Names of the KnotInfo knots with crossing number in ``[min_crossings, max_crossings]``."""
    return [
        name
        for name, row in _table().items()
        if min_crossings <= int(row["crossing_number"]) <= max_crossings
    ]


def knotinfo_pd(name: str) -> PDCode:
    """KnotInfo's PD code of ``name`` (labels 1..2n; 0_1 is the crossing-free unknot)."""
    row = knotinfo_row(name)
    text = row["pd_notation"].strip()
    if not text or text == "[]":
        return PDCode([], free_components=1)
    return PDCode(json.loads(text))


def knotinfo_braids(name: str) -> list[BraidWord]:
    """All braid representatives KnotInfo lists for ``name`` (some knots have two)."""
    text = knotinfo_row(name)["braid_notation"].strip()
    if name == "0_1":
        return [BraidWord(1, [])]
    if not text:
        return []
    words = json.loads(text.replace("{", "[").replace("}", "]"))
    if words and isinstance(words[0], list):
        return [BraidWord.from_word(word) for word in words]
    return [BraidWord.from_word(words)]


def knotinfo_braid(name: str) -> BraidWord | None:
    """KnotInfo's (first) braid representative of ``name``, or ``None`` where the table has none."""
    braids = knotinfo_braids(name)
    return braids[0] if braids else None


def iter_knotinfo(max_crossings: int = 12, min_crossings: int = 1) -> Iterator[dict]:
    """Rows of the KnotInfo knots with crossing number in ``[min_crossings, max_crossings]``."""
    for name in knotinfo_names(max_crossings, min_crossings):
        yield _table()[name]
