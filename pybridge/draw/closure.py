"""The PD code of a braid closure, keeping track of which crossing is which letter.

Drawing a braid certificate needs to know where letter ``k`` of the word sits in the diagram (to mark
the crossing a band smooths), so the closure is built here letter by letter instead of through
spherogram (whose crossing order is its own). The braid runs upwards, strand positions ``1..n`` from
left to right; letter ``±i`` crosses positions ``i`` and ``i+1``. In the KnotAtlas convention (``a``
the incoming under-strand, counter-clockwise) with incoming labels ``x`` (left), ``y`` (right) and
outgoing ``x'`` (left), ``y'`` (right):

* ``+i`` (a positive crossing, the over-strand runs ``d -> b``): ``(y, y', x', x)``;
* ``-i`` (negative, over-strand ``b -> d``): ``(x, y, y', x')``.

The closure joins the top of each position to its bottom. Positions no letter touches are crossing-free
components (``free_components``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knots.pd import PDCode


@dataclass(frozen=True)
class BraidClosure:
    """``pd``: the closure, its crossing ``k`` being letter ``k`` of the word; ``label_at[t][p]``: the edge label at position ``p``
    (1-based) after ``t`` letters (``t = 0..len(word)``), or ``None`` on an untouched position."""

    pd: PDCode
    label_at: tuple[tuple[int | None, ...], ...]


def braid_closure_pd(strands: int, word: list[int] | tuple[int, ...]) -> BraidClosure:
    """The closure of the braid ``word`` on ``strands`` strands (see the module docstring)."""
    used = {p for g in word for p in (abs(g), abs(g) + 1)}
    current = {p: p for p in used}
    next_label = strands + 1
    crossings: list[list[int]] = []
    history = [dict(current)]
    for g in word:
        i = abs(g)
        x, y = current[i], current[i + 1]
        x_out, y_out = next_label, next_label + 1
        next_label += 2
        crossings.append([y, y_out, x_out, x] if g > 0 else [x, y, y_out, x_out])
        current[i], current[i + 1] = x_out, y_out
        history.append(dict(current))
    final = {current[p]: p for p in used}  # the top of position p is its bottom label p
    crossings = [[final.get(label, label) for label in crossing] for crossing in crossings]
    label_at = tuple(tuple(final.get(h[p], h[p]) if p in h else None for p in range(1, strands + 1))
                     for h in history)
    pd = PDCode(crossings, free_components=strands - len(used)) if word else PDCode([], strands)
    return BraidClosure(pd, label_at)
