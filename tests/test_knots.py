"""The knot layer: validated types, SPEC parsing, conversions and their round trips."""

import random

import pytest
import regina
import spherogram

from pybridge.errors import InvalidDiagramError, PybridgeError, SpecError, UnknownKnotError
from pybridge.knots import BraidWord, PDCode, parse_spec
from pybridge.knots.catalog import knotinfo_braids, knotinfo_names, knotinfo_pd, knotinfo_row
from pybridge.knots.convert import (
    braid_to_pd,
    connected_sum_pd,
    link_to_pd,
    mirror_pd,
    pd_to_link,
    pd_to_regina,
    reverse_pd,
)
from pybridge.knots.invariants import jones_polynomial, link_signature, linking_numbers, writhe

TREFOIL = [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]


def random_braid(rng: random.Random) -> BraidWord:
    strands = rng.randint(2, 5)
    return BraidWord(strands, [rng.choice([1, -1]) * rng.randint(1, strands - 1) for _ in range(rng.randint(1, 16))])


# --- validated types -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strands", "word", "message"),
    [
        (3, [1, 0], "letter 1 is 0"),
        (3, [1, 3], "letter 1 is 3"),
        (3, [-3], "letter 0 is -3"),
        (0, [], "strand count"),
        (2, [1.0], "not an integer"),
        (2, [True], "not an integer"),
    ],
)
def test_braid_rejects_impossible_generators(strands, word, message):
    with pytest.raises(InvalidDiagramError, match=message):
        BraidWord(strands, word)


def test_braid_components_count_permutation_cycles():
    assert BraidWord(3, [1, -2]).components == 1
    assert BraidWord(3, [1, -2, 1]).components == 2
    assert BraidWord(2, [1, 1]).components == 2
    assert BraidWord(5, [1]).components == 4  # strands 3..5 are split unknots
    assert BraidWord(1, []).components == 1


@pytest.mark.parametrize(
    ("crossings", "message"),
    [
        ([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 7]], "label 2 appears 1 time"),
        ([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 1]], "label 1 appears 3 time"),
        ([[1, 5, 2], [3, 1, 4, 6]], "crossing 0: has 3 entries"),
        ([[1, 5, 2, "x"]], "not an integer"),
        ([[1, 1, 1, 1]], "appears 4 time"),
        ([[-1, 5, 2, 4]], "negative"),
    ],
)
def test_pd_rejects_malformed_codes(crossings, message):
    with pytest.raises(InvalidDiagramError, match=message):
        PDCode(crossings)


def test_pd_rejects_non_planar_codes():
    # A 4-valent "diagram" on the torus: the rotation system has too few faces for the sphere.
    with pytest.raises(InvalidDiagramError, match="not planar"):
        PDCode([[1, 2, 3, 4], [3, 1, 2, 4]])


def test_pd_components_writhe_and_faces():
    pd = PDCode(TREFOIL)
    assert pd.components == 1
    assert writhe(pd) == 3
    assert len(pd.faces()) == pd.crossing_count + 2
    hopf = link_to_pd(spherogram.Link("L2a1"))
    assert hopf.components == 2
    assert list(linking_numbers(hopf).values()) in ([1], [-1])


def test_every_knotinfo_code_is_a_valid_knot():
    names = knotinfo_names(12, 1)
    assert len(names) == 2977
    for name in names:
        pd = knotinfo_pd(name)
        assert pd.components == 1, name
        assert pd.crossing_count == int(knotinfo_row(name)["crossing_number"]), name
        assert all(braid.components == 1 for braid in knotinfo_braids(name)), name


# --- conversions and round trips -------------------------------------------------------------------


def test_knotinfo_pd_codes_load_into_spherogram_and_regina_unchanged():
    """KnotInfo's 1-based codes load into spherogram (0-based) and regina (1-based) unchanged."""
    for name in knotinfo_names(12, 1):
        crossings = sorted(knotinfo_pd(name).crossings)
        link = spherogram.Link([list(c) for c in crossings])
        assert sorted(tuple(x + 1 for x in c) for c in link.PD_code()) == crossings, name
        assert sorted(map(tuple, pd_to_regina(knotinfo_pd(name)).pdData())) == crossings, name


def test_braid_to_pd_to_spherogram_round_trip_preserves_the_link():
    rng = random.Random(20261128)
    for _ in range(200):
        braid = random_braid(rng)
        pd = braid_to_pd(braid)
        again = link_to_pd(pd_to_link(pd))
        assert pd.components == again.components == braid.components, braid
        assert jones_polynomial(pd) == jones_polynomial(again), braid
        assert link_signature(pd) == link_signature(again), braid
        assert writhe(pd) == braid.writhe


def test_braid_closure_matches_knotinfo_jones():
    for name in ["3_1", "4_1", "8_20", "10_132"]:
        braid = knotinfo_braids(name)[0]
        assert jones_polynomial(braid_to_pd(braid)) == jones_polynomial(knotinfo_pd(name))


def test_mirror_reverse_and_connected_sum():
    trefoil = PDCode(TREFOIL)
    assert link_signature(mirror_pd(trefoil)) == 2
    assert jones_polynomial(mirror_pd(trefoil)) == "-t^-4 + t^-3 + t^-1"
    assert jones_polynomial(reverse_pd(trefoil)) == jones_polynomial(trefoil)
    square = connected_sum_pd(trefoil, mirror_pd(trefoil))
    assert square.crossing_count == 6 and square.components == 1
    assert link_signature(square) == 0
    granny = connected_sum_pd(trefoil, trefoil)
    assert link_signature(granny) == -4
    assert pd_to_regina(reverse_pd(trefoil)).countComponents() == 1


def test_regina_sees_braid_closure_unknot():
    pd = braid_to_pd(BraidWord(3, [1, 2, 1, -2, -1, 1]))  # = σ2σ1 by braid relations: an unknot
    link = pd_to_regina(pd)
    assert link.complement().isSolidTorus()


# --- SPEC grammar ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "source", "components", "crossings"),
    [
        ("8_20", "knotinfo:8_20", 1, 8),
        ("11n_34", "knotinfo:11n_34", 1, 11),
        ("K11n34", "snappy:K11n34", 1, 11),
        ("L2a1", "snappy:L2a1", 2, 2),
        ("braid:1,-2,1", "braid", 2, 3),
        ("braid:4:1,-2,1", "braid", 3, 3),
        ("braid:[1,1,1]", "braid", 1, 3),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6,2]]", "pd", 1, 3),
        ("dt:[4,6,2]", "dt", 1, 3),
        ("0_1", "knotinfo:0_1", 1, 0),
    ],
)
def test_spec_grammar(spec, source, components, crossings):
    knot = parse_spec(spec)
    assert knot.source == source
    assert knot.components == components
    assert knot.pd.crossing_count == crossings


def test_spec_from_yaml_files(tmp_path):
    (tmp_path / "b.yaml").write_text("braid: [1, 1, 1]\nstrands: 3\n")
    (tmp_path / "p.yaml").write_text("pd: [[1,5,2,4],[3,1,4,6],[5,3,6,2]]\n")
    (tmp_path / "n.yaml").write_text("name: 4_1\n")
    assert parse_spec(f"@{tmp_path / 'b.yaml'}").components == 2
    assert parse_spec(f"@{tmp_path / 'p.yaml'}").pd.crossing_count == 3
    assert parse_spec(f"@{tmp_path / 'n.yaml'}").source == "knotinfo:4_1"


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        ("braid:1,0,1", InvalidDiagramError, "letter 1 is 0"),
        ("braid:2:1,2", InvalidDiagramError, "letter 1 is 2"),
        ("braid:1,x", SpecError, "'x' is not an integer"),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6]]", InvalidDiagramError, "crossing 2: has 3 entries"),
        ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6,5]]", InvalidDiagramError, "label 2 appears 1 time"),
        ("pd:not json", SpecError, "not valid JSON"),
        ("99_99", UnknownKnotError, "unknown knot name '99_99'"),
        ("@/does/not/exist.yaml", PybridgeError, "cannot read"),
        ("", SpecError, "empty SPEC"),
        ("import os; os.system('x')", SpecError, "not a knot name"),
    ],
)
def test_spec_errors_name_the_problem(spec, error, message):
    with pytest.raises(error, match=message):
        parse_spec(spec)
