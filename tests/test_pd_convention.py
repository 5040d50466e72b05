"""PD codes as the field writes them (issue 18.5): tuples that start at the outgoing under-strand.

:func:`pybridge.knots.pd_convention.to_knot_atlas` rotates such crossings back to the Knot Atlas
convention (``a`` = incoming under-strand), orienting each component by its label order as
``spherogram.Link(pd)`` does; the ``pd:`` SPEC and ``pd:`` files say so on stderr.
"""

from __future__ import annotations

import json
import random

import click
import pytest
import regina
import spherogram
from click.testing import CliRunner

from pybridge.cli import main
from pybridge.errors import InvalidDiagramError
from pybridge.knots import catalog
from pybridge.knots.pd import PDCode
from pybridge.knots.pd_convention import rotate, to_knot_atlas
from pybridge.knots.signature import determinant, signature, symmetric_signature
from pybridge.knots.spec import parse_spec

TREFOIL = [(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)]
#: crossing 1 of the trefoil listed clockwise: consistently oriented, every label twice, not planar
NON_PLANAR = [[1, 5, 2, 4], [3, 6, 4, 1], [5, 3, 6, 2]]
#: the trefoil relabelled and partly rotated so that crossings 1 and 2 orient the knot opposite ways
CONTRADICTORY = [[1, 2, 4, 5], [3, 4, 2, 6], [5, 3, 6, 1]]


def rotate_some(code, rng, probability=0.5):
    """``code`` with each crossing rotated by two positions with the given probability."""
    return [rotate(c) if rng.random() < probability else tuple(c) for c in code]


def jones(code) -> str:
    return str(regina.Link.fromPD([list(c) for c in code]).jones())


# -- (1) every KnotInfo knot up to 12 crossings -----------------------------------------------------


def knotinfo_codes(max_crossings=12):
    for name in catalog.knotinfo_names(max_crossings, 1):
        yield name, [tuple(c) for c in json.loads(catalog.knotinfo_row(name)["pd_notation"])]


def test_knotinfo_codes_pass_through_unchanged():
    codes = list(knotinfo_codes())
    assert len(codes) == 2977
    for name, code in codes:
        assert to_knot_atlas(code) == (code, []), name


def test_randomly_rotated_knotinfo_codes_read_back_as_the_same_knot():
    """All 2,977 knots with <= 12 crossings, each crossing rotated with probability 1/2 (seeded).

    KnotInfo labels run 1..2n along the knot, so the label order recovers the exact code; the
    invariants are compared as well (signature and determinant exactly, Jones with regina).
    """
    rng = random.Random(18_5)
    failures = []
    for name, code in knotinfo_codes():
        rotated = rotate_some(code, rng)
        normalised, indices = to_knot_atlas(rotated)
        assert indices == [i for i, (a, b) in enumerate(zip(code, rotated)) if a != b], name
        if normalised != code:
            failures.append(name)
        PDCode(normalised)  # valid, and oriented by its under-passes
        if (signature(normalised), determinant(normalised), jones(normalised)) != (
            signature(code), determinant(code), jones(code)
        ):
            failures.append(name)
    assert failures == []


def test_knotinfo_codes_written_entirely_outgoing_first():
    for name, code in knotinfo_codes(10):
        assert to_knot_atlas([rotate(c) for c in code]) == (code, list(range(len(code)))), name


def test_relabelled_knot_atlas_codes_pass_through():
    """Labels that do not run along the knot carry no label order: a Knot Atlas code is left alone."""
    rng = random.Random(7)
    for name, code in list(knotinfo_codes())[::10]:
        labels = sorted({x for c in code for x in c})
        image = labels[:]
        rng.shuffle(image)
        relabelled = [tuple(dict(zip(labels, image))[x] for x in c) for c in code]
        normalised, indices = to_knot_atlas(relabelled)
        if indices:  # only when the shuffle happens to make the labels run backwards, in order
            assert indices == list(range(len(code))), name
        else:
            assert normalised == relabelled, name


# -- (2) random diagrams against spherogram's own reading -------------------------------------------


def random_links(count=300, sizes=(3, 6, 12, 25, 50)):
    """Seeded random links (spherogram draws its planar maps with Python's ``random``)."""
    state = random.getstate()
    try:
        for seed in range(count):
            rng = random.Random(seed)
            size = rng.choice(sizes)
            simplify = rng.choice([None, "basic"])  # None keeps kinks and components of two edges
            random.seed(seed)
            link = spherogram.random_link(size, num_components="any", simplify=simplify, prime_decomposition=False)
            code = [tuple(c) for c in link.PD_code(min_strand_index=1)]
            if code:
                yield seed, code, rng
    finally:
        random.setstate(state)


def read_by_spherogram_as(link: spherogram.Link, code) -> bool:
    """Whether ``link`` (spherogram's reading of some code) is the oriented diagram ``code``.

    spherogram keeps crossing ``i`` of the code as ``link.crossings[i]`` and turns it by 180
    degrees where it finds the under-strand running ``c -> a``; so the readings agree when every
    slot of every crossing is glued to the same slot in both.
    """
    where = {}
    for i, crossing in enumerate(code):
        for k, label in enumerate(crossing):
            where.setdefault(label, []).append((i, k))
    for i, crossing in enumerate(code):
        for k, label in enumerate(crossing):
            first, second = where[label]
            other = second if first == (i, k) else first
            neighbour, slot = link.crossings[i].adjacent[k]
            if (neighbour.label, slot) != other:
                return False
    return True


def seifert_signature(link: spherogram.Link) -> int:
    """Our signature convention from spherogram's Seifert matrix ``V``: ``-sign(V + V^T)``."""
    v = link.seifert_matrix()
    return -symmetric_signature([[v[i][j] + v[j][i] for j in range(len(v))] for i in range(len(v))])


def test_random_links_agree_with_spherogram():
    checked = components = 0
    for seed, code, rng in random_links():
        assert to_knot_atlas(code) == (code, []), seed  # spherogram's own codes are Knot Atlas codes
        for rotated in (rotate_some(code, rng), [rotate(c) for c in code]):
            normalised, _ = to_knot_atlas(rotated)
            theirs = spherogram.Link(rotated)
            assert read_by_spherogram_as(theirs, normalised), seed
            assert list(PDCode(normalised).writhe_signs()) == [c.sign for c in theirs.crossings], seed
            checked += 1
        components += len(theirs.link_components)
    assert checked >= 500 and components > checked // 2


def test_random_links_signature_agrees_with_spherogram_seifert_matrix():
    for seed, code, rng in random_links(80, sizes=(3, 6, 12, 25)):
        rotated = rotate_some(code, rng)
        normalised, _ = to_knot_atlas(rotated)
        assert signature(normalised) == seifert_signature(spherogram.Link(rotated)), seed


def test_two_edge_components_follow_spherogram():
    """A component of two edges has no label order; like spherogram, slot 0 is read as incoming."""
    hopf = [(3, 2, 4, 1), (1, 4, 2, 3)]
    for rotated in ([rotate(hopf[0]), hopf[1]], [hopf[0], rotate(hopf[1])], [rotate(c) for c in hopf]):
        normalised, indices = to_knot_atlas(rotated)
        assert (normalised, indices) == (rotated, [])
        assert read_by_spherogram_as(spherogram.Link(rotated), normalised)


# -- (3) bad input ----------------------------------------------------------------------------------


def test_non_planar_code_names_a_crossing():
    with pytest.raises(InvalidDiagramError, match=r"not planar.*crossing 2 \[5, 3, 6, 2\].*crossing 1 \[3, 6, 4, 1\] listed clockwise"):
        to_knot_atlas(NON_PLANAR)
    with pytest.raises(InvalidDiagramError, match=r"not planar.*crossing 1 \[3, 1, 2, 4\]"):
        to_knot_atlas([[1, 2, 3, 4], [3, 1, 2, 4]])


def test_contradictory_code_names_the_crossing():
    with pytest.raises(InvalidDiagramError, match=r"contradictory at crossing 1 \[3, 4, 2, 6\].*crossing 2 \[5, 3, 6, 1\]"):
        to_knot_atlas(CONTRADICTORY)


def test_malformed_codes_are_left_to_pdcode():
    for code in ([[1, 5, 2], [3, 1, 4, 6]], [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 7]], [[1, 5, 2, "x"]], []):
        assert to_knot_atlas(code) == (code, [])


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def entry(args):
    """The real entry point (it turns pybridge errors into exit codes) under CliRunner."""
    main(list(args))


@pytest.mark.parametrize(
    ("code", "message"),
    [(NON_PLANAR, "not planar"), (CONTRADICTORY, "contradictory at crossing 1 [3, 4, 2, 6]")],
)
def test_cli_refuses_bad_codes_with_exit_2(code, message):
    result = CliRunner().invoke(entry, ["knot", "info", "pd:" + json.dumps(code), "--json"])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_reads_a_rotated_code_with_a_note():
    rotated = [list(rotate(TREFOIL[0])), list(TREFOIL[1]), list(rotate(TREFOIL[2]))]
    result = CliRunner().invoke(entry, ["knot", "info", "pd:" + json.dumps(rotated), "--json"])
    assert result.exit_code == 0, result.output
    assert "rotated 2 of 3 crossings to the Knot Atlas convention" in result.stderr
    data = json.loads(result.stdout)
    assert (data["signature"], data["determinant"]) == (-2, 3)
    plain = CliRunner().invoke(entry, ["knot", "info", "pd:" + json.dumps(TREFOIL), "--json"])
    assert plain.exit_code == 0 and "rotated" not in plain.stderr


def test_pd_files_are_normalised_too(tmp_path, capsys):
    path = tmp_path / "k.yaml"
    path.write_text("pd: " + json.dumps([list(rotate(c)) for c in TREFOIL]) + "\n")
    knot = parse_spec(f"@{path}")
    assert knot.diagram == PDCode(TREFOIL)
    assert "rotated 3 of 3 crossings" in capsys.readouterr().err
    assert parse_spec("pd:" + json.dumps(TREFOIL)).diagram == PDCode(TREFOIL)
    assert capsys.readouterr().err == ""
