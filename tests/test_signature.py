"""Tests for :mod:`pybridge.knots.signature` (Goeritz / Gordon--Litherland).

Reference values: KnotInfo (``database_knotinfo``) and spherogram's Seifert
matrix.  Spherogram's Seifert matrix uses the opposite sign convention to
KnotInfo, so the Seifert-route signature is ``-sign(V + V^T)``.
"""

from __future__ import annotations

import json
import random
import time

import numpy as np
import pytest
import spherogram

from pybridge.knots.signature import (
    crossing_signs,
    determinant,
    goeritz_matrix,
    integer_determinant,
    signature,
    symmetric_signature,
)

TREFOIL = [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]  # KnotInfo 3_1, braid [1,1,1]
FIGURE_EIGHT = [[4, 2, 5, 1], [8, 6, 1, 5], [6, 3, 7, 4], [2, 7, 3, 8]]


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def knotinfo_knots(max_crossings: int = 12) -> list[dict]:
    """KnotInfo knots with 1..max_crossings crossings (row 0 is a header)."""
    import database_knotinfo

    rows = database_knotinfo.link_list()[1:]
    return [r for r in rows if 1 <= int(r["crossing_number"]) <= max_crossings]


@pytest.fixture(scope="module")
def knots() -> list[dict]:
    return knotinfo_knots()


def relabel(pd, f):
    return [tuple(f(x) for x in crossing) for crossing in pd]


def pd_mirror(pd):
    """Mirror by making each over-strand the under-strand, incoming edge first."""
    return [
        (x[3], x[0], x[1], x[2]) if s == 1 else (x[1], x[2], x[3], x[0])
        for x, s in zip(pd, crossing_signs(pd))
    ]


def disjoint_union(pd1, pd2):
    shift = max(x for c in pd1 for x in c) + 1
    return [tuple(c) for c in pd1] + relabel(pd2, lambda x: x + shift)


def seifert_route(pd) -> tuple[int, int]:
    """(signature, determinant) via spherogram's Seifert matrix V."""
    v = [[int(x) for x in row] for row in spherogram.Link(pd).seifert_matrix()]
    s = [[v[i][j] + v[j][i] for j in range(len(v))] for i in range(len(v))]
    return -symmetric_signature(s), abs(integer_determinant(s))


def random_connected_braid(rng: random.Random) -> list[int]:
    """Braid word on 2..5 strands, length 1..20, using every generator.

    Using every generator makes the closed-braid diagram connected, which is
    what spherogram's Seifert matrix needs.
    """
    while True:
        strands = rng.randint(2, 5)
        length = rng.randint(1, 20)
        word = [rng.choice((1, -1)) * rng.randint(1, strands - 1) for _ in range(length)]
        if {abs(g) for g in word} == set(range(1, strands)):
            return word


def random_braid_pds(count: int, seed: int) -> list[tuple[list[int], list, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        word = random_connected_braid(rng)
        link = spherogram.Link(braid_closure=word)
        out.append((word, link.PD_code(), len(link.link_components)))
    return out


# --------------------------------------------------------------------------
# 1. KnotInfo sweep
# --------------------------------------------------------------------------


def test_knotinfo_sweep_up_to_12_crossings(knots):
    start = time.perf_counter()
    mismatches = []
    for row in knots:
        pd = json.loads(row["pd_notation"])
        got = (signature(pd), determinant(pd))
        want = (int(row["signature"]), int(row["determinant"]))
        if got != want:
            mismatches.append(f"{row['name']}: got {got}, KnotInfo {want}")
    elapsed = time.perf_counter() - start
    print(f"\nKnotInfo sweep: {len(knots)} knots checked in {elapsed:.2f}s")
    assert len(knots) == 2977
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"
    assert elapsed < 30


def test_knotinfo_positive_trefoil_convention():
    assert crossing_signs(TREFOIL) == [1, 1, 1]
    assert signature(TREFOIL) == -2
    assert determinant(TREFOIL) == 3
    assert signature(FIGURE_EIGHT) == 0
    assert determinant(FIGURE_EIGHT) == 5


def test_labelling_is_irrelevant(knots):
    """0-based, affine non-consecutive and arbitrarily permuted labels agree."""
    rng = random.Random(7)
    for row in knots[::5]:
        pd = json.loads(row["pd_notation"])
        want = (signature(pd), determinant(pd))
        labels = sorted({x for c in pd for x in c})
        perm = dict(zip(labels, rng.sample(labels, len(labels))))
        for f in (lambda x: x - 1, lambda x: 7 * x + 100, perm.__getitem__, str):
            q = relabel(pd, f)
            assert (signature(q), determinant(q)) == want, row["name"]


def test_both_checkerboard_colourings_agree(knots):
    """Gordon--Litherland holds for either shaded colour (Goeritz matrices differ)."""
    for row in knots[::4]:
        pd = json.loads(row["pd_notation"])
        g0, mu0 = goeritz_matrix(pd)
        g1, mu1 = goeritz_matrix(pd, swap_colours=True)
        assert len(g0) + len(g1) == len(pd), row["name"]  # (n + 2) faces, minus 2
        assert symmetric_signature(g0) - mu0 == int(row["signature"]), row["name"]
        assert symmetric_signature(g1) - mu1 == int(row["signature"]), row["name"]
        assert abs(integer_determinant(g1)) == int(row["determinant"]), row["name"]


# --------------------------------------------------------------------------
# 2. Seifert-matrix cross-check on random braid closures
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def braid_pds():
    return random_braid_pds(200, seed=20240601)


def test_seifert_matrix_cross_check(braid_pds):
    mismatches = []
    n_links = 0
    for word, pd, components in braid_pds:
        n_links += components > 1
        ours = (signature(pd), determinant(pd))
        theirs = seifert_route(pd)
        if ours != theirs:
            mismatches.append((word, components, ours, theirs))
    print(f"\nSeifert cross-check: {len(braid_pds)} braids, {n_links} links")
    assert n_links >= 50 and len(braid_pds) - n_links >= 50
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"


def test_crossing_signs_match_spherogram(braid_pds):
    for word, pd, _ in braid_pds:
        assert crossing_signs(pd) == [c.sign for c in spherogram.Link(pd).crossings], word


# --------------------------------------------------------------------------
# 3. Mirror images
# --------------------------------------------------------------------------


def test_mirror_negates_signature_knotinfo(knots):
    for row in knots[::3]:
        pd = json.loads(row["pd_notation"])
        m = pd_mirror(pd)
        assert signature(m) == -signature(pd), row["name"]
        assert determinant(m) == determinant(pd), row["name"]


def test_mirror_negates_signature_spherogram(braid_pds):
    for word, pd, _ in braid_pds[:80]:
        m = spherogram.Link(pd).mirror().PD_code()
        assert signature(m) == -signature(pd), word
        assert determinant(m) == determinant(pd), word
        assert signature(pd_mirror(pd)) == -signature(pd), word


# --------------------------------------------------------------------------
# 4. Edge cases
# --------------------------------------------------------------------------


def test_zero_crossings_is_unknot():
    assert goeritz_matrix([]) == ([], 0)
    assert signature([]) == 0
    assert determinant([]) == 1


@pytest.mark.parametrize("pd", [[(1, 1, 2, 2)], [(1, 2, 2, 1)], [(0, 0, 1, 1)]])
def test_one_crossing_unknots(pd):
    assert signature(pd) == 0
    assert determinant(pd) == 1


def test_hopf_link_depends_on_orientation():
    positive = spherogram.Link(braid_closure=[1, 1]).PD_code()
    negative = spherogram.Link(braid_closure=[-1, -1]).PD_code()
    assert crossing_signs(positive) == [1, 1]
    assert (signature(positive), determinant(positive)) == (-1, 2)
    assert (signature(negative), determinant(negative)) == (1, 2)
    # Rotating one crossing by 180 degrees reverses the component passing
    # under there (each Hopf component passes under once): linking number -1.
    a, b, c, d = positive[0]
    reversed_one = [(c, d, a, b), positive[1]]
    assert crossing_signs(reversed_one) == [-1, -1]
    assert (signature(reversed_one), determinant(reversed_one)) == (1, 2)


def test_split_union_of_trefoils():
    pd = disjoint_union(TREFOIL, TREFOIL)
    g, mu = goeritz_matrix(pd)
    assert (len(g), mu) == (2, 6)
    assert signature(pd) == -4
    assert determinant(pd) == 0
    assert signature(disjoint_union(TREFOIL, pd_mirror(TREFOIL))) == 0


@pytest.mark.parametrize(
    "pd, message",
    [
        ([(1, 2, 3)], "4"),
        ([(1, 2, 3, 4, 5)], "4"),
        ([(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 7)], "exactly twice"),
        ([(1, 1, 1, 2)], "exactly twice"),
        ([(1, 2, 1, 2)], "faces"),  # not planar
        ([(2, 4, 1, 5), (3, 1, 4, 6), (5, 3, 6, 2)], "direction"),  # under-strand reversed
    ],
)
def test_malformed_pd_raises(pd, message):
    with pytest.raises(ValueError, match=message):
        signature(pd)
    with pytest.raises(ValueError, match=message):
        determinant(pd)


# --------------------------------------------------------------------------
# 5. Exact linear algebra
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "matrix, expected",
    [
        ([], 0),
        ([[0]], 0),
        ([[-3]], -1),
        ([[0, 1], [1, 0]], 0),
        ([[0, 0], [0, 0]], 0),
        ([[1, 2], [2, 1]], 0),
        ([[1, 0, 0], [0, -1, 0], [0, 0, 2]], 1),
        ([[0, 0, 1], [0, 0, 0], [1, 0, 0]], 0),
        ([[0, 1, 1], [1, 0, 1], [1, 1, 0]], -1),  # eigenvalues 2, -1, -1
        ([[0, 0, 0], [0, 0, 3], [0, 3, 5]], 0),
        ([[2, 1], [1, 2]], 2),
    ],
)
def test_symmetric_signature_hand_made(matrix, expected):
    assert symmetric_signature(matrix) == expected


def test_symmetric_signature_rejects_bad_input():
    with pytest.raises(ValueError):
        symmetric_signature([[0, 1], [2, 0]])
    with pytest.raises(ValueError):
        symmetric_signature([[0, 1]])


def test_symmetric_signature_matches_eigenvalues():
    rng = random.Random(11)
    for _ in range(500):
        n = rng.randint(1, 6)
        a = [[0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i, n):
                a[i][j] = a[j][i] = rng.choice((0, 0, 0, 1, -1, 2, -3))
        eig = np.linalg.eigvalsh(np.array(a, dtype=float))
        expected = int((eig > 1e-9).sum() - (eig < -1e-9).sum())
        assert symmetric_signature(a) == expected, a
        assert integer_determinant(a) == round(np.linalg.det(np.array(a, dtype=float)))
