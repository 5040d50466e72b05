"""The exact invariants of ``pybridge.knots.exact_invariants`` (mirror of ``coq/theories/Invariants.v``)."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from pybridge.errors import InvalidDiagramError
from pybridge.knots import exact_invariants as E
from pybridge.knots import signature as S
from pybridge.knots.catalog import iter_knotinfo
from pybridge.knots.pd_convention import to_knot_atlas

TREFOIL = [(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)]
FIGURE_EIGHT = [(4, 2, 5, 1), (8, 6, 1, 5), (6, 3, 7, 4), (2, 7, 3, 8)]


def _mirror(pd):
    """The mirror image: every crossing read from the other side, (a,b,c,d) -> (a,d,c,b)."""
    return [(a, d, c, b) for a, b, c, d in pd]


def test_small_knots():
    assert E.exact_invariants(TREFOIL) == {"crossings": 3, "signature": -2, "determinant": 3, "writhe": 3,
                                           "fox3": 9, "fox5": 5, "fox7": 7}
    assert E.exact_invariants(FIGURE_EIGHT)["signature"] == 0
    assert E.exact_invariants(FIGURE_EIGHT)["determinant"] == 5
    assert E.exact_invariants(FIGURE_EIGHT)["fox5"] == 25
    mirrored = E.exact_invariants(_mirror(TREFOIL))
    assert (mirrored["signature"], mirrored["writhe"], mirrored["determinant"]) == (2, -3, 3)
    assert E.goeritz_data([]) == ([], 0, 0)


def test_bareiss_equals_laplace_on_random_matrices():
    rng = random.Random(1)
    for n in range(0, 7):
        for _ in range(40):
            m = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(n)]
            if n and rng.random() < 0.3:
                m[rng.randrange(n)] = [0] * n  # singular cases and zero pivots
            assert E.bareiss_det(m) == E.laplace_det(m)
    for m in itertools.product([0, 1], repeat=9):  # every 3x3 0/1 matrix
        rows = [list(m[0:3]), list(m[3:6]), list(m[6:9])]
        assert E.bareiss_det(rows) == E.laplace_det(rows)


def test_qsignature_against_eigenvalues_and_existing_code():
    numpy = pytest.importorskip("numpy")
    rng = random.Random(2)
    for n in range(1, 8):
        for _ in range(30):
            a = [[0] * n for _ in range(n)]
            for i in range(n):
                for j in range(i, n):
                    a[i][j] = a[j][i] = rng.choice([0, 0, 0, 1, -1, 2, -3])
            eig = numpy.linalg.eigvalsh(numpy.array(a, dtype=float))
            expected = int((eig > 1e-9).sum() - (eig < -1e-9).sum())
            assert E.qsignature(a) == expected == S.symmetric_signature(a)
    assert E.qsignature([[0, 1], [1, 0]]) == 0  # zero diagonal: the add-row-column step
    with pytest.raises(ValueError):
        E.qsignature([[0, 1], [2, 0]])


def test_fox_colourings_match_brute_force():
    for pd, p in [(TREFOIL, 3), (TREFOIL, 5), (FIGURE_EIGHT, 5), (FIGURE_EIGHT, 3)]:
        labels = sorted({x for c in pd for x in c})
        count = 0
        for values in itertools.product(range(p), repeat=len(labels)):
            col = dict(zip(labels, values))
            if all((col[b] - col[d]) % p == 0 and (2 * col[b] - col[a] - col[c]) % p == 0 for a, b, c, d in pd):
                count += 1
        assert E.fox_colourings(p, pd) == count
    with pytest.raises(ValueError):
        E.fox_colourings(4, TREFOIL)


def test_refuses_split_and_bad_codes():
    with pytest.raises(InvalidDiagramError):
        E.goeritz_data(TREFOIL + [(7, 11, 8, 10), (9, 7, 10, 12), (11, 9, 12, 8)])  # split trefoils
    with pytest.raises(InvalidDiagramError):
        E.goeritz_data([(1, 2, 3, 4)])


def test_agrees_with_knotinfo_on_every_knot_up_to_12_crossings():
    rows = list(iter_knotinfo(12, 1))
    assert len(rows) == 2977
    disagreements = []
    for row in rows:
        pd, _ = to_knot_atlas(json.loads(row["pd_notation"]))
        g, mu, _ = E.goeritz_data(pd)
        sigma, det = E.qsignature(g) - mu, abs(E.bareiss_det(g))
        if (sigma, det) != (int(row["signature"]), int(row["determinant"])):
            disagreements.append(row["name"])
    assert disagreements == []


def test_fox_count_and_determinant():
    """For a knot and a prime p: p^2 | #p-colourings exactly when p | det (then #col = p * p^nullity)."""
    for row in list(iter_knotinfo(9, 1)):
        pd = json.loads(row["pd_notation"])
        det = int(row["determinant"])
        for p in (3, 5, 7):
            count = E.fox_colourings(p, pd)
            assert (count > p) == (det % p == 0), (row["name"], p)


@pytest.mark.coq
def test_coq_computes_the_same_invariants_on_a_sample():
    """Coq's KnotCert.Invariants, by vm_compute from the PD codes, on 60 KnotInfo knots (every 50th
    of the 2,977 with <= 12 crossings): equal to KnotInfo (signature, determinant) and to the Python
    mirror (also writhe and Fox 3-colourings). The full table: scripts/coq_invariants_table.py."""
    import shutil

    if shutil.which("coqc") is None:
        pytest.skip("coqc not installed")
    from pybridge.conjecture.exact_coq import coq_evaluate

    rows = list(iter_knotinfo(12, 1))[::50]
    assert len(rows) == 60
    pds = [to_knot_atlas(json.loads(row["pd_notation"]))[0] for row in rows]
    evaluation = coq_evaluate(pds, size=20)
    for row, pd, (sigma, det, wr, fox3) in zip(rows, pds, evaluation.values):
        assert (sigma, det) == (int(row["signature"]), int(row["determinant"])), row["name"]
        py = E.exact_invariants(pd)
        assert (wr, fox3) == (py["writhe"], py["fox3"]), row["name"]
