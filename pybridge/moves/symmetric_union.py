"""Mirror symmetry of a PD diagram and the symmetric band moves of symmetric unions.

A *symmetric union* (Kinoshita–Terasaka 1957; Lamm, "Symmetric unions and ribbon knots", Osaka J.
Math. 37 (2000)) is a diagram ``D ∪ D*`` made of a diagram ``D`` and its reflection ``D*`` in a line
(the axis) of the plane, with orientation reversed on ``D*``. ``K # −K`` drawn as ``D`` joined to its
reflection is the basic example. The reflection ``ρ`` in the vertical plane through the axis keeps
heights, so it maps the diagram to itself, reverses every orientation and reverses the cyclic order at
every crossing: a crossing ``(a, b, c, d)`` (``a`` the incoming under-strand, counter-clockwise) is
sent to the crossing ``(σc, σb, σa, σd)``, where ``σ`` is the induced map on edge labels.

A band whose ends are a mirror pair of edges ``{x, σx}``, whose core crosses mirror pairs of strands in
palindromic order with the same over/under choice, and which has no twist, is mapped to itself by ``ρ``
(a *symmetric band*); the banded link is again a symmetric union. The ribbon disc of ``K # −K`` (the
"ladder" ``arc × I``) is cut into discs by such bands, which is why a search restricted to symmetric
bands is effective on symmetric unions (Lamm, Thm. 2.3). This module only proposes bands: the trusted
checker replays whatever the search records.
"""

from __future__ import annotations

from .pd import PDState

#: position of a strand in ``(a, b, c, d)`` -> its position in the image crossing ``(σc, σb, σa, σd)``
MIRROR_POSITION = (2, 1, 0, 3)


def _slots(state: PDState) -> dict[int, list[tuple[int, int]]]:
    slots: dict[int, list[tuple[int, int]]] = {}
    for index, crossing in enumerate(state.crossings):
        for position, label in enumerate(crossing):
            slots.setdefault(label, []).append((index, position))
    return slots


def _propagate(state: PDState, slots, first: int, image: int) -> dict[int, int] | None:
    """Extend ``crossing first -> crossing image`` to a full label map ``σ``, or ``None`` if it fails."""
    sigma: dict[int, int] = {}
    crossing_map = {first: image}
    todo = [first]
    while todo:
        x = todo.pop()
        source, target = state.crossings[x], state.crossings[crossing_map[x]]
        for position, label in enumerate(source):
            mirrored = target[MIRROR_POSITION[position]]
            if sigma.setdefault(label, mirrored) != mirrored:
                return None
            for other, other_position in slots[label]:
                if (other, other_position) == (x, position) or other in crossing_map:
                    continue
                # the other end of ``label`` maps to the other end of ``mirrored``
                ends = [slot for slot in slots[mirrored] if slot != (crossing_map[x], MIRROR_POSITION[position])]
                if len(ends) != 1 or ends[0][1] != MIRROR_POSITION[other_position]:
                    return None
                if ends[0][0] in crossing_map.values():
                    return None
                crossing_map[other] = ends[0][0]
                todo.append(other)
    if len(crossing_map) != len(state.crossings) or len(set(crossing_map.values())) != len(crossing_map):
        return None
    return sigma


def mirror_symmetry(state: PDState) -> dict[int, int] | None:
    """The edge map ``σ`` of a reflection symmetry of ``state`` (see the module doc), or ``None``.

    ``σ`` is an involution on the edge labels with ``(σc, σb, σa, σd)`` a crossing of ``state`` for every
    crossing ``(a, b, c, d)``. Found by trying each crossing as the image of crossing 0 and propagating
    along the edges (``O(n²)`` for ``n`` crossings). Diagrams with free circles or no crossings: ``None``.

    >>> from pybridge.moves.pd import PDState
    >>> mirror_symmetry(PDState(((1, 4, 2, 5), (3, 6, 4, 1), (5, 2, 6, 3)), 0)) is None  # a trefoil
    True
    """
    if not state.crossings or state.free:
        return None
    slots = _slots(state)
    if any(len(ends) != 2 for ends in slots.values()):
        return None
    for image in range(len(state.crossings)):
        sigma = _propagate(state, slots, 0, image)
        if sigma is not None and all(sigma[sigma[label]] == label for label in sigma) and \
                any(sigma[label] != label for label in sigma):
            if all(_has_image(state, crossing, sigma) for crossing in state.crossings):
                return sigma
    return None


def _has_image(state: PDState, crossing, sigma) -> bool:
    a, b, c, d = crossing
    return (sigma[c], sigma[b], sigma[a], sigma[d]) in set(state.crossings)


def is_symmetric_band(state: PDState, band, sigma: dict[int, int]) -> bool:
    """Whether a spherogram ``band`` on ``state`` is mapped to itself by the reflection ``σ``.

    Its end edges are a mirror pair, its crossed edges are mirror pairs in palindromic order with a
    palindromic over/under pattern, and it has no twist (a reflection turns a twist into its inverse).
    """
    if band.num_twist != 0:
        return False
    labels = [state.crossings[c][s] for c, s in band.cs_along_top]
    pattern = list(band.arc_is_under)
    if len(labels) < 2:
        return False
    pairs_ok = all(sigma.get(labels[i]) == labels[-1 - i] for i in range(len(labels)))
    return pairs_ok and pattern == pattern[::-1]
