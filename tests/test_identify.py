"""Identified inputs (issue 21.4): exact invariants against KnotInfo, SnapPy for the rest, the label check
of ``pybridge check`` on a re-labelled certificate."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pybridge.certs.hashing import document_hash
from pybridge.knots import parse_spec
from pybridge.knots.catalog import _table, knotinfo_names, knotinfo_pd
from pybridge.knots.convert import mirror_pd
from pybridge.knots.identify import identify, label_warning, parse_polynomial

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "certs" / "examples"


def pybridge(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_polynomial_parser_agrees_with_knotinfo_coefficient_vectors():
    checked = 0
    for name, row in _table().items():
        for column in ("jones_polynomial", "alexander_polynomial"):
            vector = row.get(f"{column}_vector")
            if name == "0_1" or not vector:
                continue
            values = json.loads(vector)
            expected = {values[0] + k: c for k, c in enumerate(values[2:]) if c}
            assert parse_polynomial(row[column]) == expected, (name, column)
            checked += 1
    assert checked > 5000
    assert parse_polynomial("-7 + 2/t + 16*t - t^10") == {0: -7, -1: 2, 1: 16, 10: -1}  # 13-crossing style


@pytest.mark.parametrize("spec, names", [
    ("3_1", ["3_1"]), ("8_20", ["8_20"]), ("4_1", ["4_1"]), ("11n_34", ["11n_34"]), ("monster", ["0_1"]),
    ("braid:1,1,1", ["3_1"]),
])
def test_known_diagrams(spec, names):
    found = identify(parse_spec(spec).pd)
    assert found.names == names and found.decided


def test_a_mirror_image_is_named_as_one_and_an_amphicheiral_knot_is_not():
    assert identify(mirror_pd(parse_spec("3_1").pd)).names == ["m(3_1)"]
    assert identify(mirror_pd(parse_spec("4_1").pd)).names == ["4_1"]  # 4_1 is amphicheiral


def test_links_and_non_table_knots_are_not_given_a_table_name():
    link = identify(parse_spec("L4a1").pd)
    assert not link.decided and "2-component link" in link.summary()
    from pybridge.knots.convert import connected_sum_pd

    big = connected_sum_pd(knotinfo_pd("8_20"), knotinfo_pd("7_4"))  # 15 crossings, prime factors 8_20, 7_4
    found = identify(big)
    assert found.names == [] and found.exact and "not a knot of KnotInfo's table" in found.summary()


def test_a_fourteen_crossing_knot_sharing_a_table_knots_invariants_is_not_named_by_them():
    """K14n16185 has the determinant, signature, Alexander and Jones polynomials of 12a_377 but a different
    complement (volumes 19.43 and 18.67): matching invariants of a 14-crossing diagram prove nothing."""
    found = identify(parse_spec("K14n16185").pd)
    assert "12a_377" in found.exact_names
    assert not found.matches("12a_377")
    assert not found.exact
    assert label_warning("knotinfo:12a_377", found) is not None


def test_fifty_scrambled_knotinfo_knots_are_identified():
    """50 random KnotInfo knots, each scrambled by 10-30 random Reidemeister moves: the true knot is always
    among the answers, and (measured with this seed) all 50 answers name exactly one knot."""
    from pybridge.moves.pd import PDState, roughen

    rng = random.Random(0)
    unique = 0
    for name in rng.sample(knotinfo_names(13, 3), 50):
        pd = roughen(PDState.from_pd(knotinfo_pd(name)), rng.randint(10, 30), rng)[0].to_pdcode()
        found = identify(pd)
        assert found.matches(name), (name, found.summary())
        unique += found.unique
    assert unique == 50


def _relabelled(tmp_path: Path, source: str) -> Path:
    document = yaml.safe_load((EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml").read_text())
    document["provenance"]["source"] = source
    document["sha256"] = document_hash(document)  # re-sealed: a well-formed certificate with a wrong label
    path = tmp_path / "relabelled.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_a_relabelled_certificate_is_valid_but_gets_a_loud_warning(tmp_path):
    path = _relabelled(tmp_path, "knotinfo:10_123")
    result = pybridge("check", str(path), "--no-ledger")
    assert result.returncode == 0, result.stdout + result.stderr  # the claim about the input diagram stands
    assert "VALID" in result.stdout and "input: 6_1 (exact" in result.stdout
    assert "WARNING: provenance.source says knotinfo:10_123, but the input diagram is not 10_123: its exact " \
           "invariants" in result.stdout and "it is 6_1 (exact" in result.stdout
    data = json.loads(pybridge("check", str(path), "--no-ledger", "--json").stdout)
    assert data["valid"] and data["input"].startswith("6_1") and "label is wrong" in data["label_warning"]


def test_a_correct_label_gets_no_warning(tmp_path):
    path = _relabelled(tmp_path, "knotinfo:6_1")
    result = pybridge("check", str(path), "--no-ledger")
    assert result.returncode == 0 and "input: 6_1" in result.stdout and "WARNING" not in result.stdout


def test_label_warning_needs_a_definite_contradiction():
    found = identify(parse_spec("10_48").pd)  # σ and V do not tell 10_48 from its mirror
    assert label_warning("knotinfo:10_48", found) is None
    assert label_warning("example:whatever", found) is None and label_warning("knotinfo:not_a_knot", found) is None
    assert "label is wrong" in label_warning("knotinfo:3_1", found)


def test_a_label_excluded_only_by_snappy_says_so():
    """8_8's mirror and 10_129 share determinant, signature, Alexander and Jones polynomials and knot Floer
    data; only SnapPy's (numerical) isometry test tells 10_129 from them."""
    found = identify(parse_spec("10_129").pd)
    assert found.names == ["10_129"] and not found.exact and "m(8_8)" in found.exact_names
    warning = label_warning("knotinfo:8_8", found)
    assert "not isometric to that of 8_8 (numerical)" in warning and "it is 10_129 (numerical" in warning
