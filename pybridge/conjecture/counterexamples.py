"""Counterexample search for a fitted bound ``ratio <= c`` on rows the constant was not fitted on.

A counterexample is a row whose ratio (:func:`pybridge.conjecture.relations.bound_ratio`) exceeds
``c``; refinement reports the smallest constant valid on training and held-out rows together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Search:
    """Held-out rows searched, the violators (name, ratio; largest first) and the refined constant."""

    searched: int
    counterexamples: tuple[tuple[str, float], ...]
    refined_c: float


def find_counterexamples(c: float, names: list[str], ratio: np.ndarray) -> Search:
    """Rows with ``ratio > c``, largest first; ``refined_c = max(c, max ratio)``."""
    ratio = np.asarray(ratio, dtype=float)
    order = [i for i in np.argsort(-ratio) if ratio[i] > c]
    refined = max(c, float(ratio.max())) if len(ratio) else c
    return Search(len(ratio), tuple((names[i], float(ratio[i])) for i in order), refined)
