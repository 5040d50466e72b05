"""The shipped hard unknot diagrams (pybridge/data/hard_unknots.yaml): each loads as a valid PD code
with the stated crossing count, is the unknot by an independent check (regina), and spherogram's
'basic' simplification cannot remove a single crossing from it."""

import random
from importlib import resources

import pytest
import yaml

from pybridge.errors import UnknownKnotError
from pybridge.knots.hard_unknots import (
    HARD_UNKNOTS,
    hard_unknot,
    hard_unknot_source,
    hard_unknots_not_found,
)
from pybridge.knots.pd import PDCode

# Crossing counts of the literature (diagram names of Burton et al. carry theirs).
EXPECTED_CROSSINGS = {
    "gordian": 141,
    "monster": 10,
    "goeritz": 11,
    "thistlethwaite": 15,
    "ochiai1": 16,
    "ochiai2": 45,
    "ochiai3": 67,
    "ochiai4": 55,
    "culprit": 10,
    "burton_d28": 28,
    "burton_d43": 43,
    "burton_d78": 78,
}

# pi_1(complement) = Z already proves each diagram is the unknot (Dehn's lemma). regina's isSolidTorus
# is a second, independent check, kept for the small diagrams only: its running time is not predictable
# on larger complements (burton_d78: 0.0 s in one process, still running after 15 min in a CI run).
SOLID_TORUS_MAX_CROSSINGS = 30
# knot Floer homology is fast only on the small ones.
HFK_MAX_CROSSINGS = 28


def test_names_are_the_expected_set():
    assert set(HARD_UNKNOTS) == set(EXPECTED_CROSSINGS)
    assert hard_unknots_not_found() == {}


def test_data_file_is_package_data():
    text = resources.files("pybridge.data").joinpath("hard_unknots.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["format"] == "pybridge-hard-unknots/1"


@pytest.mark.parametrize("name", sorted(EXPECTED_CROSSINGS))
def test_loads_valid_with_stated_crossings(name):
    pd = hard_unknot(name)
    assert isinstance(pd, PDCode)
    assert pd.crossing_count == EXPECTED_CROSSINGS[name]
    assert pd.components == 1
    # a fresh PDCode from the raw lists validates too (planarity, orientation)
    assert PDCode(pd.as_lists()) == pd
    assert hard_unknot_source(name).strip()


def test_unknown_name_is_a_clear_error():
    with pytest.raises(UnknownKnotError, match="unknown hard unknot 'trefoil'"):
        hard_unknot("trefoil")
    with pytest.raises(KeyError):
        hard_unknot_source("trefoil")


def test_names_are_case_insensitive():
    assert hard_unknot("Culprit") == hard_unknot("culprit")


def test_regina_convention_matches_pdcode():
    """regina's PD (where the two regina diagrams come from) is the Knot Atlas convention."""
    regina = pytest.importorskip("regina")
    for name, link in (("monster", regina.ExampleLink.monster()), ("gordian", regina.ExampleLink.gordian())):
        pd = hard_unknot(name)
        assert [list(c) for c in link.pdData()] == pd.as_lists()
        assert sum(pd.writhe_signs()) == link.writhe()
    right = PDCode([list(c) for c in regina.ExampleLink.trefoilRight().pdData()])
    assert sum(right.writhe_signs()) == 3


@pytest.mark.parametrize("name", sorted(EXPECTED_CROSSINGS))
def test_is_unknot_by_regina(name):
    regina = pytest.importorskip("regina")
    pd = hard_unknot(name)
    link = regina.Link.fromPD(pd.as_lists())
    assert link.size() == pd.crossing_count
    assert link.writhe() == sum(pd.writhe_signs())
    complement = link.complement()
    # pi_1 of the complement is Z: the knot is trivial (Dehn's lemma)
    assert complement.group().recogniseGroup() == "Z"
    if pd.crossing_count <= SOLID_TORUS_MAX_CROSSINGS:
        assert complement.isSolidTorus()


@pytest.mark.parametrize("name", [n for n, c in sorted(EXPECTED_CROSSINGS.items()) if c <= HFK_MAX_CROSSINGS])
def test_is_unknot_by_knot_floer(name):
    knot_floer_homology = pytest.importorskip("knot_floer_homology")
    pd = hard_unknot(name).relabelled(0)
    hfk = knot_floer_homology.pd_to_hfk([list(c) for c in pd.crossings])
    assert hfk["seifert_genus"] == 0
    assert hfk["total_rank"] == 1


@pytest.mark.parametrize("name", sorted(EXPECTED_CROSSINGS))
def test_basic_simplification_gets_stuck(name):
    """Every one of these is hard: spherogram's R1/R2 'basic' simplification removes nothing."""
    spherogram = pytest.importorskip("spherogram")
    pd = hard_unknot(name)
    link = spherogram.Link(pd.as_lists())
    link.simplify("basic")
    assert len(link.crossings) == pd.crossing_count


@pytest.mark.parametrize("name", ["culprit", "monster", "goeritz", "thistlethwaite", "ochiai1", "burton_d28"])
def test_global_simplification_unknots_small_ones(name):
    """spherogram's randomized 'global' simplification does reach the crossing-free circle on these."""
    spherogram = pytest.importorskip("spherogram")
    random.seed(2104_14076)  # spherogram draws its random moves from the random module
    link = spherogram.Link(hard_unknot(name).as_lists())
    link.simplify("global")
    assert len(link.crossings) == 0
