"""Random ribbon knots made by fusion bands on an unlink, in any diagram (the GHMR-style benchmark).

A knot obtained from a ``(b+1)``-component unlink by ``b`` *fusion* bands, each joining two different
components, bounds a ribbon disc: the ``b+1`` discs of the unlink joined by the bands form a tree of
discs and bands, which is a disc whatever the twists of the bands and however they pass over and under
the rest of the diagram (Lickorish, *An Introduction to Knot Theory*, §8; read backwards, the ``b``
fusions are ``b`` fission bands from the knot to the unlink). Such knots are ribbon by construction and
their diagrams have none of the symmetry of ``K # −K``, so they test band search on arbitrary diagrams,
as in the test sets of Gukov–Halverson–Manolescu–Ruehle (arXiv 2304.09304: ribbon knots up to 70
crossings in arbitrary diagrams).

How a knot is drawn, deterministically in the seed:

1. the unlink: the closure of ``w·w⁻¹`` for a random braid word ``w`` on ``b+1`` strands, each generator at
   least once (trivial as a braid, so the closure is the ``(b+1)``-component unlink, drawn with ``2|w|``
   crossings);
2. ``b`` fusion bands, each along a shortest path of the dual graph between random edges of two
   different components (one of the shortest paths at random), passing over or under each crossed
   strand at random, with −1, 0 or 1 half twists (spherogram's ``Band`` and ``add_one_band``);
3. the knot is scrambled by random crossing-increasing Reidemeister moves
   (:func:`pybridge.moves.pd.roughen`).

Draws that look unknotted (:func:`_looks_unknotted`) are discarded and redrawn. Nothing here is trusted:
a benchmark knot is ribbon by the argument above, and a ribbon *certificate* is only what the trusted
checker accepts.
"""

from __future__ import annotations

import itertools
import random

from ..knots.pd import PDCode

#: random crossing-increasing Reidemeister moves applied after the bands
SCRAMBLE_MOVES = (4, 12)
#: half twists of a fusion band
TWISTS = (-1, 0, 1)
#: above this many crossings (after simplification) a draw is kept without computing its Alexander polynomial
ALEXANDER_MAX_CROSSINGS = 30


def unlink_diagram(components: int, extra_letters: int, rng: random.Random):
    """The closure of ``w·w⁻¹``, an unlink of ``components`` circles; ``w`` has each generator once (so that
    every strand crosses another) and ``extra_letters`` more random letters, in random order with random
    signs."""
    import spherogram

    word = list(range(1, components)) + [rng.randint(1, components - 1) for _ in range(extra_letters)]
    rng.shuffle(word)
    word = [rng.choice((1, -1)) * g for g in word]
    return spherogram.Link(braid_closure=word + [-g for g in reversed(word)])


def random_fusion_band(link, rng: random.Random):
    """A spherogram ``Band`` joining random edges of two different components of ``link`` along a shortest
    dual-graph path, random over/under pattern and twist; ``None`` when the two edges lie in different
    pieces of a split diagram (no path)."""
    from spherogram.links.bands.core import (Band, dual_graph, edge_and_face_to_crossing_strands,
                                             floyd_warshall, normalize_crossing_labels, opposite)

    normalize_crossing_labels(link)
    dual = dual_graph(link)
    faces = sorted(dual.vertices, key=lambda face: face.label)
    edges = sorted(dual.edges, key=lambda edge: edge.label)
    crossing_strand = edge_and_face_to_crossing_strands(edges, faces)
    dist, step = floyd_warshall(faces, edges)
    components = [[cs.strand_label() for cs in component] for component in link.link_components]
    first, second = rng.sample(range(len(components)), 2)
    arc1, arc2 = rng.choice(components[first]), rng.choice(components[second])
    ends = list(itertools.product(edges[arc1], edges[arc2]))
    length = min(dist[pair] for pair in ends)
    if length >= 10 * len(faces):  # floyd_warshall's infinity: the edges lie in different pieces
        return None
    start, goal = rng.choice([pair for pair in ends if dist[pair] == length])
    path, face = [], start
    while dist[face, goal] > 0:
        edge = edges[step[face, goal]]
        path.append(crossing_strand[edge.label, face])
        face = opposite(edge, face)
    top = [crossing_strand[arc1, start].opposite()] + path + [crossing_strand[arc2, goal]]
    return Band([(cs.crossing.label, cs.strand_index) for cs in top], rng.getrandbits(length) if length else 0,
                rng.choice(TWISTS))


def _looks_unknotted(link) -> bool:
    """The draw is discarded: its simplified diagram (:func:`pybridge.knots.unknot_obstructions.simplify_seeded`:
    spherogram's ``'global'`` simplification with a fixed seed, so the set is deterministic) has
    at most 2 crossings (the unknot), or at most ``ALEXANDER_MAX_CROSSINGS`` crossings and Alexander
    polynomial 1 (regina; the unknot, or one of the rare knots it cannot tell from the unknot)."""
    from ..knots.invariants import alexander_polynomial
    from ..knots.unknot_obstructions import simplify_seeded

    small = simplify_seeded(PDCode(link.PD_code()))
    if small.crossing_count <= 2:
        return True
    return small.crossing_count <= ALEXANDER_MAX_CROSSINGS and alexander_polynomial(small) == "1"


def fusion_ribbon_knot(bands: int, extra_letters: int, seed: int) -> PDCode | None:
    """A ribbon knot: ``bands`` random fusion bands on the unlink of ``bands + 1`` components, scrambled
    (see the module doc); ``None`` when this seed's draw fails (a split diagram, or the unknot)."""
    from spherogram.links.bands.core import add_one_band

    from ..moves.pd import PDState, roughen

    rng = random.Random(seed)
    link = unlink_diagram(bands + 1, extra_letters, rng)
    for _ in range(bands):
        band = random_fusion_band(link, rng)
        if band is None:
            return None
        link = add_one_band(link, band)
    if len(link.link_components) != 1 or _looks_unknotted(link):
        return None
    state, _ = roughen(PDState.from_pd(PDCode(link.PD_code())), rng.randint(*SCRAMBLE_MOVES), rng)
    return state.to_pdcode()
