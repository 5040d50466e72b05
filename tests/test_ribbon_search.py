"""Ribbon search in the PD calculus: band search, the `certify_ribbon` pipeline and `pybridge ribbon`.

What a user relies on: a certificate comes out only for knots the search really reduced to an unlink
(the trusted checker and Coq replay it), obstructed knots are refused before any search, and bad input
exits 2 with nothing written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from pybridge.ribbon.bands import band_search, ribbon_certificate
from pybridge.certs import check_certificate, check_document, read_certificate
from pybridge.knots import parse_spec
from pybridge.moves.pd import PDState, replay
from pybridge.ribbon.certify import SliceObstructedError, certify_ribbon


def pybridge(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True)


@pytest.mark.parametrize("name", ["6_1", "8_20", "9_46", "10_123", "11n_139", "12a_456"])
def test_band_search_certifies_table_slice_knots(name):
    start = PDState.from_pd(parse_spec(name).pd)
    result = band_search(start, budget_s=60, seed=0)
    assert result.path is not None, f"{name}: not found"
    final = replay(start, result.path.steps)
    assert not final.crossings and final.free == result.path.bands + 1
    cert = ribbon_certificate(start, result.path, {"source": f"knotinfo:{name}"})
    verdict = check_certificate(cert)
    assert verdict.valid, verdict


def test_band_search_follows_a_shrinking_diagram_to_a_three_band_disc():
    """6_1 # 6_1 # 6_1 needs at least 2 bands (H_1 of its double branched cover is (Z/9)^3, of rank 3 over
    F_3, and a disc with b bands leaves rank at most 2b); one band per summand is the natural disc. The
    'shrink' queue finds it; breadth-first by bands alone (Dunfield-Gong's order) tries every band of the
    18-crossing input first and did not finish within 60 s when measured."""
    from pybridge.knots.catalog import knotinfo_pd
    from pybridge.ribbon.bench import connected_sum_pd

    pd = connected_sum_pd(connected_sum_pd(knotinfo_pd("6_1"), knotinfo_pd("6_1")), knotinfo_pd("6_1"))
    start = PDState.from_pd(pd)
    result = band_search(start, budget_s=90, seed=0)
    assert result.path is not None and result.path.bands >= 2
    cert = ribbon_certificate(start, result.path, {"source": "pd"})
    assert check_certificate(cert).valid


def test_search_orders():
    from pybridge.ribbon.bands import search_priority

    # breadth-first: any diagram with fewer bands first; shrink: 3 crossings per band
    assert search_priority("breadth", 1, 5) < search_priority("breadth", 2, 0)
    assert search_priority("shrink", 2, 10) < search_priority("shrink", 1, 20)
    with pytest.raises(ValueError, match="unknown search order 'depth'"):
        search_priority("depth", 0, 0)


def test_certify_ribbon_keeps_the_users_labels_and_records_provenance():
    knot = parse_spec("8_20")
    certified = certify_ribbon(knot, "bands", budget_s=30)
    cert = certified.certificate
    assert cert.kind == "ribbon" and cert.calculus == "pd"
    assert cert.input["pd"] == [list(c) for c in knot.pd.crossings]
    assert cert.provenance["source"] == "knotinfo:8_20" and cert.provenance["agent"] == "bands"


@pytest.mark.parametrize("name", ["3_1", "4_1", "5_1", "6_2", "7_4"])
def test_obstructed_knots_are_refused_before_searching(name, monkeypatch):
    import pybridge.ribbon.agents as agents

    def no_search(*args, **kwargs):  # the search must not even start
        raise AssertionError("searched an obstructed knot")

    monkeypatch.setattr(agents, "find_ribbon", no_search)
    with pytest.raises(SliceObstructedError) as info:
        certify_ribbon(parse_spec(name), "bands", budget_s=5)
    assert info.value.obstruction is not None


def test_cli_ribbon_writes_a_certificate_that_check_accepts(tmp_path):
    done = pybridge("ribbon", "6_1", "--agent", "bands", "--budget-s", "30", "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["bands"] >= 1 and summary["trusted_check"] == "valid"
    assert read_certificate(summary["path"]).claim == {"bands": summary["bands"]}
    checked = pybridge("check", summary["path"])
    assert checked.returncode == 0 and "VALID" in checked.stdout


def test_cli_ribbon_prints_the_obstruction_and_writes_nothing(tmp_path):
    done = pybridge("ribbon", "3_1", "--out", str(tmp_path / "certs"))
    assert done.returncode == 1
    assert "signature" in done.stderr and "not slice" in done.stderr
    assert not (tmp_path / "certs").exists()


@pytest.mark.parametrize("spec, message", [
    ("L2a1", "components"),
    ("pd:[[1,5,2,4],[3,1,4,6],[5,3,6]]", "crossing"),
    ("braid:0,1", "generator"),
])
def test_cli_ribbon_bad_input_exits_2(tmp_path, spec, message):
    done = pybridge("ribbon", spec, "--out", str(tmp_path / "certs"))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "certs").exists()


@pytest.fixture(scope="module")
def stevedore_ribbon():
    return certify_ribbon(parse_spec("6_1"), "bands", budget_s=30).certificate


def test_edited_ribbon_certificates_are_rejected(stevedore_ribbon):
    from pybridge.certs.io import dump_certificate

    doc = yaml.safe_load(dump_certificate(stevedore_ribbon))
    band_index = next(i for i, step in enumerate(doc["steps"]) if step[0] == "band")
    forged = json.loads(json.dumps(doc))
    forged["steps"][band_index][-1] += 1  # one more full twist: the hash no longer matches
    assert not check_document(forged).valid
    from pybridge.certs.hashing import document_hash

    forged["sha256"] = document_hash(forged)  # re-hashed: now the final state is not an unlink
    verdict = check_document(forged)
    assert not verdict.valid and "step" in str(verdict)
    fewer = json.loads(json.dumps(doc))
    fewer["claim"] = {"bands": doc["claim"]["bands"] + 1}
    fewer["sha256"] = document_hash(fewer)
    assert not check_document(fewer).valid


@pytest.mark.coq
@pytest.mark.skipif(shutil.which("coqc") is None,
                    reason="coqc not installed; `make test` installs Debian's coq when run as root")
def test_searched_ribbon_certificates_pass_coq():
    from pybridge.prover.coq import check_with_coq

    certs = [certify_ribbon(parse_spec(name), "bands", budget_s=30).certificate for name in ("6_1", "10_123")]
    results = check_with_coq(certs)
    assert all(result.valid for result in results), [result.reason for result in results]


def test_no_ribbon_certificate_for_200_obstructed_table_knots(monkeypatch):
    """200 KnotInfo knots with non-zero signature or τ: `certify_ribbon` refuses every one, never searching."""
    import pybridge.ribbon.agents as agents
    from pybridge.knots.catalog import knotinfo_names, knotinfo_row

    def no_search(*args, **kwargs):
        raise AssertionError("searched an obstructed knot")

    monkeypatch.setattr(agents, "find_ribbon", no_search)
    names = [name for name in knotinfo_names(12, 1)
             if knotinfo_row(name)["signature"] not in ("0", "")
             or knotinfo_row(name)["ozsvath_szabo_tau_invariant"] not in ("0", "")]
    sample = names[:: len(names) // 200][:200]
    assert len(sample) == 200
    for name in sample:
        with pytest.raises(SliceObstructedError):
            certify_ribbon(parse_spec(name), "auto", budget_s=5)
