"""The band move against its picture (``coq/theories/PDBandSpec.v``).

The Coq specification ``SpecBand`` fixes the twist region's arrangement by the side of ``e1`` on which
the band's face lies. These tests check, on real knot diagrams, that this arrangement is the planar one
(the other arrangement gives a code with the wrong Euler count of faces, i.e. a virtual diagram), that
the Python mirror of the run-time witness accepts every band the checker builds and rejects tampered
results, and that it agrees with the count compiled into ``PDBandSpec.v`` (``bands_of_6_1``).
"""

from __future__ import annotations

import random

import pytest

from pybridge.certs import pd_checker as pc
from pybridge.certs.checker import IllegalMove
from pybridge.knots.spec import parse_spec

KNOTS = ("3_1", "4_1", "5_2", "6_1", "7_4", "8_20", "9_46", "10_140")
SIX_ONE = ((1, 7, 2, 6), (3, 10, 4, 11), (5, 3, 6, 2), (7, 1, 8, 12), (9, 4, 10, 5), (11, 9, 12, 8))


def crossings_of(name: str) -> tuple[tuple[int, int, int, int], ...]:
    return tuple(tuple(x) for x in parse_spec(name).pd.crossings)


def accepted_bands(crossings, twists: int) -> list[tuple[int, int, int]]:
    labels = sorted({label for crossing in crossings for label in crossing})
    found = []
    for e1 in labels:
        for e2 in labels:
            for side in (pc.LEFT, pc.RIGHT):
                try:
                    pc.band(crossings, 0, e1, e2, side, twists)
                except IllegalMove:
                    continue
                found.append((e1, e2, side))
    return found


def is_planar(crossings) -> bool:
    positions = pc.pd_positions(crossings)
    if any(len(slots) != 2 for slots in positions.values()):
        return False
    return len(pc.pd_faces(crossings)) == len(crossings) + 2 * pc.pd_pieces(crossings, positions)


def test_python_counts_the_bands_coq_counts_on_6_1():
    """``PDBandSpec.v`` ``bands_of_6_1``: 28 accepted bands for 0, +1 and -1 full twists."""
    assert [len(accepted_bands(SIX_ONE, t)) for t in (0, 1, -1)] == [28, 28, 28]


@pytest.mark.parametrize("name", KNOTS)
def test_twist_arrangement_of_the_specification_is_the_planar_one(name):
    crossings = crossings_of(name)
    rng = random.Random(name)
    bands = accepted_bands(crossings, 0)
    assert bands, f"{name}: no band at all"
    for e1, e2, side in rng.sample(bands, min(6, len(bands))):
        for twists in (1, -1, 2):
            after = pc.band(crossings, 0, e1, e2, side, twists).crossings
            assert is_planar(after), f"{name}: band {e1},{e2},{side},{twists} is not planar"
            m, n = abs(twists), len(crossings)
            top = max(label for crossing in crossings for label in crossing)
            alpha = [e1] + [top + k for k in range(1, 2 * m + 1)]
            beta = [top + 4 * m - k for k in range(2 * m)] + [e2]
            flipped = tuple(after[:n]) + tuple(pc._twist_crossing(k, 1 - side, twists, alpha, beta)
                                               for k in range(1, 2 * m + 1))
            assert not is_planar(flipped), f"{name}: the other twist arrangement is planar too"


def band_parts(crossings, e1, e2, side, twists):
    positions = pc.pd_positions(crossings)
    orientation = pc.pd_orientation(crossings, positions)
    face = pc.edge_face(crossings, positions, orientation, e1, side)
    m, top = abs(twists), max(positions)
    alpha = [e1] + [top + k for k in range(1, 2 * m + 1)]
    beta = [top + 4 * m - k for k in range(2 * m)] + [e2]
    twist = [pc._twist_crossing(k, side, twists, alpha, beta) for k in range(1, 2 * m + 1)]
    after = pc.band(crossings, 0, e1, e2, side, twists).crossings
    return positions, orientation, face, alpha, beta, twist, after


def test_witness_rejects_a_result_that_is_not_the_picture():
    e1, e2, side = accepted_bands(SIX_ONE, 1)[0]
    positions, orientation, face, alpha, beta, twist, after = band_parts(SIX_ONE, e1, e2, side, 1)
    pc.band_witness(SIX_ONE, positions, orientation, face, e1, e2, side, alpha, beta, twist, after)
    # e2's new end written at its tail instead of its head: an orientation-incoherent reconnection
    tail = orientation[e2][0]
    wrong = [list(x) for x in after]
    head = orientation[e2][1]
    wrong[head[0]][head[1]], wrong[tail[0]][tail[1]] = e2, alpha[-1]
    with pytest.raises(IllegalMove, match="band witness"):
        pc.band_witness(SIX_ONE, positions, orientation, face, e1, e2, side, alpha, beta, twist,
                        tuple(map(tuple, wrong)))
    # a twist region that reuses an old label
    with pytest.raises(IllegalMove, match="fresh"):
        pc.band_witness(SIX_ONE, positions, orientation, face, e1, e2, side,
                        [e1, 1, alpha[2]], beta, twist, after)


def test_witness_rejects_edges_walked_in_opposite_senses():
    """Two edges on one face but walked in opposite senses: the band would not be orientable-compatible."""
    positions = pc.pd_positions(SIX_ONE)
    orientation = pc.pd_orientation(SIX_ONE, positions)
    coherent = set(accepted_bands(SIX_ONE, 0))
    rejected = 0
    for face in pc.pd_faces(SIX_ONE):
        labels = [SIX_ONE[i][p] for i, p in face]
        for e1 in labels:
            for e2 in labels:
                for side in (pc.LEFT, pc.RIGHT):
                    if e1 != e2 and (e1, e2, side) not in coherent:
                        with pytest.raises(IllegalMove):
                            pc.band(SIX_ONE, 0, e1, e2, side, 0)
                        rejected += 1
    assert rejected > 0
