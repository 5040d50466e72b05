"""Symmetric unions: mirror-symmetry detection, symmetric bands, and the symmetric ribbon search."""

from __future__ import annotations

import pytest

from pybridge.ribbon.bands import ribbon_certificate
from pybridge.ribbon.agents import find_ribbon
from pybridge.ribbon.symmetric import symmetric_band_search, symmetric_bands
from pybridge.ribbon.bench import random_knot_pd, side_by_side_sum_mirror_pd, sum_mirror_pd
from pybridge.certs.checker import check_certificate
from pybridge.knots.catalog import knotinfo_pd
from pybridge.moves.bands import compile_band
from pybridge.moves.pd import PDState
from pybridge.moves.symmetric_union import mirror_symmetry


def _state(pd) -> PDState:
    return PDState.from_pd(pd)


@pytest.mark.parametrize("name", ["3_1", "6_1", "8_13", "10_132"])
def test_k_sum_minus_k_drawn_symmetrically_has_the_reflection(name):
    state = _state(sum_mirror_pd(knotinfo_pd(name)))
    sigma = mirror_symmetry(state)
    assert sigma is not None
    assert all(sigma[sigma[label]] == label for label in sigma)
    crossings = set(state.crossings)
    assert all((sigma[c], sigma[b], sigma[a], sigma[d]) in crossings for a, b, c, d in state.crossings)


@pytest.mark.parametrize("name", ["3_1", "5_2", "7_4"])
def test_chiral_knots_have_no_mirror_symmetric_diagram(name):
    # a mirror symmetry would make K isotopic to -K*, impossible for a knot with non-zero signature
    assert mirror_symmetry(_state(knotinfo_pd(name))) is None


def test_symmetric_bands_keep_the_symmetry():
    state = _state(sum_mirror_pd(knotinfo_pd("8_13")))
    bands = symmetric_bands(state)
    assert bands
    for candidate in bands[:10]:
        _, banded = compile_band(state, candidate.band)
        assert mirror_symmetry(banded) is not None


def test_symmetric_search_certifies_k_sum_minus_k():
    state = _state(sum_mirror_pd(random_knot_pd(12, 0)))
    result = symmetric_band_search(state, budget_s=60, seed=0)
    assert result.path is not None and result.path.solved
    cert = ribbon_certificate(state, result.path, {"agent": "symmetric", "seed": 0, "source": "test"})
    assert check_certificate(cert).valid
    assert cert.claim["bands"] == result.path.bands >= 1


def test_symmetric_search_gives_up_on_asymmetric_diagrams():
    state = _state(side_by_side_sum_mirror_pd(random_knot_pd(12, 0)))
    assert mirror_symmetry(state) is None
    result = symmetric_band_search(state, budget_s=5)
    assert result.path is None and result.notes == {"reason": "not symmetric"}


def test_auto_runs_the_symmetric_agent_on_symmetric_unions():
    state = _state(sum_mirror_pd(random_knot_pd(12, 1)))
    found = find_ribbon(state, "auto", budget_s=60)
    assert found.certificate is not None and found.agent == "auto:symmetric"
    assert check_certificate(found.certificate).valid


@pytest.mark.parametrize("name", ["5_2", "8_19", "9_42"])
def test_symmetric_drawing_is_k_sum_minus_k(name):
    """Determinant multiplies and signatures cancel, as for K # −K (the knot, not K # K)."""
    from pybridge.knots.signature import determinant, signature

    base = knotinfo_pd(name)
    drawn = sum_mirror_pd(base)
    assert drawn.crossing_count == 2 * base.crossing_count and drawn.components == 1
    assert determinant(drawn.crossings) == determinant(base.crossings) ** 2
    assert signature(base.crossings) != 0 and signature(drawn.crossings) == 0
