"""SPC4 candidate pairs (:mod:`pybridge.ribbon.spc4`, ``pybridge spc4``): validation, 0-surgeries, verdicts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pybridge.ribbon import spc4
from pybridge.certs import check_file
from pybridge.errors import InputFileError
from pybridge.knots import parse_spec
from pybridge.ribbon.spc4 import (
    KnotReport,
    SurgeryComparison,
    compare_zero_surgeries,
    example_pairs_file,
    load_pairs,
    pair_verdict,
    run_pairs,
    zero_surgery,
)

PD_10_155 = ("pd:[[1,11,2,10],[3,13,4,12],[5,14,6,15],[6,19,7,20],[9,16,10,17],[11,3,12,2],[13,19,14,18],"
             "[15,8,16,9],[17,4,18,5],[20,7,1,8]]")  # KnotInfo's PD of 10_155
BRAID_10_155 = "braid:3:-1,-1,-1,-2,1,1,-2,1,1,-2"  # KnotInfo's braid of 10_155


def pybridge(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pairs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# The pairs file
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("k1: 8_20\n", "expected a list of pairs, or a mapping with the one key 'pairs'"),
        ("[]\n", "the list of pairs is empty"),
        ("- [8_20, 3_1]\n", "pair 1 (line 1): expected a mapping"),
        ("- {k1: 8_20}\n", "missing key 'k2'"),
        ("- {k1: 8_20, k2: 3_1, colour: red}\n", "unknown key 'colour'"),
        ("- {k1: 8_20, k2: 3_1}\n- {name: bad, k1: 8_20, k2: 'braid:1,0'}\n", "pair 2 ('bad', line 2): k2: braid letter 1 is 0"),
        ("- {k1: 8_20, k2: 'braid:1,1'}\n", "k2: 'braid:1,1' is a 2-component link"),
        ("- {k1: [1, 2], k2: 3_1}\n", "k1: expected a knot SPEC string"),
        ("- {k1: no_such_knot_x, k2: 3_1}\n", "k1: unknown knot name"),
        ("- {name: a, k1: 3_1, k2: 3_1}\n- {name: a, k1: 4_1, k2: 4_1}\n", "the name 'a' is used twice"),
        ("- {k1: 3_1, k2: [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_pairs_files_are_rejected(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputFileError, match=None) as info:
        load_pairs(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_cli_bad_file_exits_2_and_writes_nothing(tmp_path):
    path = write(tmp_path, "- {k1: 8_20, k2: 'pd:[[1,5,2,4],[3,1,4,6],[5,3,6]]'}\n")
    out = tmp_path / "out"
    result = pybridge("spc4", str(path), "--out", str(out))
    assert result.returncode == 2
    assert "pair 1" in result.stderr and "k2" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    missing = pybridge("spc4", str(tmp_path / "nope.yaml"), "--out", str(out))
    assert missing.returncode == 2 and "cannot read" in missing.stderr and not out.exists()


def test_names_like_8_20_stay_strings(tmp_path):
    """YAML 1.1 reads an unquoted 8_20 as the integer 820; the loader keeps the text as written."""
    entries = load_pairs(write(tmp_path, "pairs:\n  - {k1: 8_20, k2: 10_155}\n"))
    assert (entries[0].spec1, entries[0].spec2, entries[0].name) == ("8_20", "10_155", "pair 1")
    assert entries[0].k1.source == "knotinfo:8_20"


def test_the_example_file_loads():
    entries = load_pairs(example_pairs_file())
    assert len(entries) >= 3
    assert all(e.k1.components == 1 and e.k2.components == 1 for e in entries)
    assert {"12n_309", "K14n14254", "11n_34"} <= {e.spec1 for e in entries} | {e.spec2 for e in entries}


# --------------------------------------------------------------------------
# 0-surgeries
# --------------------------------------------------------------------------


def test_zero_surgery_uses_the_seifert_longitude():
    """H1 of the (a, b) filling of a knot exterior is Z/a: Z exactly for the longitude (0, 1)."""
    knot = parse_spec("8_20")
    assert zero_surgery(knot).homology().elementary_divisors() == [0]
    exterior = spc4.knot_exterior(knot)
    for slope, order in (((1, 0), 1), ((1, 1), 1), ((2, 1), 2), ((5, -2), 5)):
        filled = exterior.copy()
        filled.dehn_fill(slope)
        assert filled.homology().order() == order


def test_same_knot_two_diagrams_isometric():
    result = compare_zero_surgeries(parse_spec(PD_10_155), parse_spec(BRAID_10_155))
    assert result.status == "isometric" and result.homeomorphic
    assert result.volume1 == pytest.approx(7.4058, abs=1e-3)


def test_manolescu_piccirillo_pair_isometric():
    """MP Example 4.10: 12n_309 and K14n14254 have the same 0-surgery."""
    result = compare_zero_surgeries(parse_spec("12n_309"), parse_spec("K14n14254"))
    assert result.status == "isometric"
    assert result.volume1 == pytest.approx(result.volume2)


def test_different_knots_not_isometric():
    assert compare_zero_surgeries(parse_spec("10_155"), parse_spec("12n_309")).status == "not isometric"


def test_non_hyperbolic_falls_back_to_the_exteriors():
    """8_20's 0-surgery gets no positively oriented solution; its two diagrams have isometric
    exteriors, i.e. they are the same knot (up to mirror), so the 0-surgeries agree."""
    result = compare_zero_surgeries(parse_spec("8_20"), parse_spec("braid:3:1,1,1,-2,-1,-1,-1,-2"))
    assert result.status in ("isometric", "same knot") and result.homeomorphic
    torus = compare_zero_surgeries(parse_spec("3_1"), parse_spec("braid:1,1,1"))
    assert torus.status == "unknown" and not torus.homeomorphic


# --------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------


def _report(status: str) -> KnotReport:
    return KnotReport("x", "test", 3, status, [] if status != "obstructed" else [{"invariant": "signature",
                                                                                 "value": "σ = -2", "reason": "r"}])


HOMEO = SurgeryComparison("isometric", "test")
UNKNOWN = SurgeryComparison("unknown", "test")


@pytest.mark.parametrize(
    ("s1", "s2", "surgery", "code", "text"),
    [
        ("ribbon", "ribbon", HOMEO, "ruled-out", "ruled out (both ribbon)"),
        ("ribbon", "ribbon", UNKNOWN, "ruled-out", "ruled out (both ribbon)"),
        ("ribbon", "obstructed", HOMEO, "exotic", "K2 obstructed, K1 ribbon — would give an exotic 4-sphere: re-check!"),
        ("obstructed", "ribbon", HOMEO, "exotic", "K1 obstructed, K2 ribbon — would give an exotic 4-sphere: re-check!"),
        ("ribbon", "obstructed", UNKNOWN, "invalid-pair", "not a valid SPC4 pair"),
        ("obstructed", "obstructed", HOMEO, "both-obstructed", "both obstructed"),
        ("ribbon", "not found", HOMEO, "open", "open"),
        ("not found", "obstructed", HOMEO, "open", "open"),
        ("not found", "not found", HOMEO, "open", "open"),
    ],
)
def test_pair_verdict(s1, s2, surgery, code, text):
    got_code, got_text = pair_verdict(_report(s1), _report(s2), surgery)
    assert got_code == code and got_text.startswith(text)


# --------------------------------------------------------------------------
# End to end
# --------------------------------------------------------------------------


def test_two_diagrams_of_a_slice_knot_are_ruled_out(tmp_path):
    entries = load_pairs(write(tmp_path, f"- {{name: 10_155 twice, k1: '{PD_10_155}', k2: '{BRAID_10_155}'}}\n"))
    [report] = run_pairs(entries, budget_s=30, out_dir=tmp_path / "out")
    assert report.zero_surgery.status == "isometric"
    assert report.verdict == "ruled-out" and report.verdict_text == "ruled out (both ribbon)"
    for knot in (report.k1, report.k2):
        assert knot.status == "ribbon" and not knot.obstructions
        verdict = check_file(knot.certificate)
        assert verdict.valid, str(verdict)
    assert report.k1.certificate != report.k2.certificate  # PD route and braid route


def test_obstructed_knot_is_not_ruled_out(tmp_path):
    entries = load_pairs(write(tmp_path, "- {name: mixed, k1: 10_155, k2: 3_1}\n"
                                         "- {name: trefoils, k1: 3_1, k2: 'braid:1,1,1'}\n"))
    mixed, trefoils = run_pairs(entries, budget_s=30, out_dir=tmp_path / "out")
    assert mixed.k1.status == "ribbon" and mixed.k2.status == "obstructed"
    assert mixed.k2.obstructions[0]["invariant"] == "signature"
    assert not mixed.verdict_text.startswith("ruled out")
    assert mixed.verdict == "invalid-pair"  # the 0-surgeries differ: not an SPC4 pair at all
    assert trefoils.verdict == "both-obstructed" and not trefoils.verdict_text.startswith("ruled out")


def test_cli_writes_reports(tmp_path):
    path = write(tmp_path, f"- {{name: same, k1: 10_155, k2: '{BRAID_10_155}'}}\n- {{k1: 3_1, k2: 3_1}}\n")
    out = tmp_path / "out"
    result = pybridge("spc4", str(path), "--budget-s", "20", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads((out / "spc4.json").read_text(encoding="utf-8"))
    assert data["format"] == "pybridge-spc4/1" and data["summary"] == {"ruled-out": 1, "both-obstructed": 1}
    first = data["pairs"][0]
    assert first["verdict_text"] == "ruled out (both ribbon)" and first["zero_surgery"]["homeomorphic"]
    assert Path(first["k1"]["certificate"]).parent == out
    markdown = (out / "spc4.md").read_text(encoding="utf-8")
    assert "| 1 | same |" in markdown and "ruled out (both ribbon)" in markdown
    checked = pybridge("check", first["k1"]["certificate"], first["k2"]["certificate"])
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_exotic_verdict_is_printed_prominently(tmp_path, monkeypatch):
    """A (fake) ribbon/obstructed pair with isometric 0-surgeries: exit 0, loud warning, in the report."""
    from click.testing import CliRunner

    from pybridge import cli

    def fake_report(knot, agent, budget_s, seed, out_dir):
        return _report("ribbon" if knot.spec == "10_155" else "obstructed")

    monkeypatch.setattr(spc4, "knot_report", fake_report)
    monkeypatch.setattr(spc4, "compare_zero_surgeries", lambda k1, k2: HOMEO)
    path = write(tmp_path, "- {name: fake, k1: 10_155, k2: 3_1}\n")
    result = CliRunner().invoke(cli.cli, ["spc4", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "!!! fake: K2 obstructed, K1 ribbon — would give an exotic 4-sphere: re-check! !!!" in result.output
    assert "WARNING" in (tmp_path / "out" / "spc4.md").read_text(encoding="utf-8")


def test_hard_limit_stops_an_overrunning_search(tmp_path, monkeypatch):
    import time

    import pybridge.ribbon.certify

    def slow(knot, agent, budget_s, seed):
        time.sleep(30)

    monkeypatch.setattr(pybridge.ribbon.certify, "certify_ribbon", slow)
    monkeypatch.setattr(spc4, "hard_limit_s", lambda budget_s: 0.5)
    start = time.monotonic()
    report = spc4.knot_report(parse_spec("10_155"), "auto", 0.1, 0, tmp_path)
    assert time.monotonic() - start < 10
    assert report.status == "not found" and "overran" in report.note
