"""GHMR-style ribbon knots (fusion bands on an unlink): the construction, the benchmark sets, a certificate."""

from __future__ import annotations

from math import isqrt

import pytest

from pybridge.certs import check_certificate
from pybridge.knots.invariants import link_determinant, link_signature
from pybridge.knots.slice import fox_milnor_holds, alexander_coefficients, slice_obstruction
from pybridge.knots.spec import parse_spec
from pybridge.ribbon import bench
from pybridge.ribbon.fusion import fusion_ribbon_knot, unlink_diagram


def test_the_braid_closure_is_an_unlink_of_the_asked_size():
    import random

    for components in (2, 4, 7):
        link = unlink_diagram(components, 5, random.Random(components))
        assert len(link.link_components) == components
        assert not any(value for row in link.linking_matrix() for value in row)
        link.simplify("global")
        assert not link.crossings and link.unlinked_unknot_components == components


@pytest.mark.parametrize("bands, extra, seed", [(2, 6, 7), (3, 2, 0), (4, 6, 1)])
def test_fusion_knots_are_knots_that_pass_every_slice_test(bands, extra, seed):
    pd = fusion_ribbon_knot(bands, extra, seed)
    assert pd is not None and pd.components == 1 and pd.crossing_count >= 10
    assert fusion_ribbon_knot(bands, extra, seed).crossings == pd.crossings  # deterministic in the seed
    # ribbon, hence algebraically slice: signature 0, determinant a square, Fox-Milnor
    assert link_signature(pd) == 0
    det = link_determinant(pd)
    assert isqrt(det) ** 2 == det
    assert fox_milnor_holds(alexander_coefficients(pd))
    assert slice_obstruction(pd) is None


def test_a_failed_draw_says_so_instead_of_returning_the_unknot():
    # one fusion band on a 2-component unlink drawn with few crossings gives the unknot: the draw is refused
    results = [fusion_ribbon_knot(1, 0, seed) for seed in range(5)]
    assert results.count(None) >= 4


def test_fusion_sets_fill_their_crossing_buckets_deterministically():
    drawn = bench.instances("fusion", count=2, seed=3)
    assert [i.name for i in drawn] == [i.name for i in bench.instances("fusion", count=2, seed=3)]
    buckets = [bench.bucket_of("fusion", item.crossings) for item in drawn]
    assert sorted(buckets) == sorted(["15–30"] * 2 + ["31–50"] * 2 + ["51–70"] * 2)
    assert [item.crossings for item in drawn] == sorted(item.crossings for item in drawn)
    for item in drawn:
        bands = int(item.name[1:].split(".")[0])
        assert 2 <= bands <= 5 and item.knot.source == f"fusion:{item.name}"


def test_auto_certifies_a_fusion_knot_and_the_checker_accepts_it():
    from pybridge.ribbon.certify import certify_ribbon

    pd = fusion_ribbon_knot(3, 2, 0)
    knot = parse_spec("pd:" + str([list(c) for c in pd.crossings]))
    certified = certify_ribbon(knot, "auto", budget_s=30, seed=0)
    assert certified.certificate.kind == "ribbon"
    assert check_certificate(certified.certificate).valid


def test_a_failed_search_on_a_large_knotted_diagram_ends_promptly():
    """After a failed search the unknot test is cheap (determinant first): regina's solid-torus test once
    ran for minutes on such a diagram and the benchmark killed the agent."""
    import time

    from pybridge.pipeline import NotFoundError
    from pybridge.ribbon.certify import certify_ribbon

    pd = fusion_ribbon_knot(4, 6, 1)
    knot = parse_spec("pd:" + str([list(c) for c in pd.crossings]))
    start = time.monotonic()
    try:
        certified = certify_ribbon(knot, "walk", budget_s=0.5, seed=0, obstruct=False)
        assert check_certificate(certified.certificate).valid
    except NotFoundError as exc:
        assert "no ribbon certificate found within 0.5 s" in str(exc) and "unknot" not in str(exc)
    assert time.monotonic() - start < 60
