"""Unknotting certificates (issue 20): the trusted checker, the lower bounds, the search, the CLI, the export.

The Coq side (kernel verdicts on valid and tampered certificates, the closed soundness theorem, a planted bug)
is in ``tests/test_unknotting_coq.py``.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pybridge.certs.checker import check_certificate, check_document, check_file
from pybridge.certs.meaning import statement
from pybridge.certs.model import Certificate
from pybridge.certs.unknotting_checker import crossing_change, switch_crossing
from pybridge.errors import CertificateFormatError, ExportError
from pybridge.knots.catalog import knotinfo_row
from pybridge.knots.unknotting_bounds import _poly, diagonal_form, lower_bounds, module_generators

TREFOIL = [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]
TREFOIL_STEPS = [["crossing_change", 0], ["r2_remove", 0, 1], ["r1_remove", 0]]


def make(pd, changes, steps, source="test") -> Certificate:
    return Certificate.create("unknotting", "pd", {"pd": pd, "free": 0}, {"changes": changes},
                              [list(s) for s in steps], {"source": source})


def knotinfo_pd(name: str) -> list[list[int]]:
    return json.loads(knotinfo_row(name)["pd_notation"])


def knotinfo_u(name: str) -> tuple[int, int]:
    text = knotinfo_row(name)["unknotting_number"]
    if text.startswith("["):
        low, high = json.loads(text)
        return low, high
    return int(text), int(text)


# -- the trusted checker ---------------------------------------------------------------------------


def test_crossing_change_exchanges_over_and_under():
    # crossing 0 of the trefoil, (1, 5, 2, 4): the over-strand runs 4 -> 5 (edge 4 enters at position 3)
    after = crossing_change(tuple(map(tuple, TREFOIL)), 0, 0)
    assert after.crossings[0] == (4, 1, 5, 2) and after.crossings[1:] == ((3, 1, 4, 6), (5, 3, 6, 2))
    assert switch_crossing((1, 5, 2, 4), True) == (4, 1, 5, 2)
    assert switch_crossing((1, 5, 2, 4), False) == (5, 2, 4, 1)
    # the change is an involution on a knot diagram (the new under-strand enters at position 0)
    for i in range(3):
        once = crossing_change(tuple(map(tuple, TREFOIL)), 0, i)
        assert crossing_change(once.crossings, 0, i).crossings == tuple(map(tuple, TREFOIL))


def test_trefoil_certificate_is_valid_and_means_u_at_most_one():
    cert = make(TREFOIL, 1, TREFOIL_STEPS, "knotinfo:3_1")
    verdict = check_certificate(cert)
    assert verdict.valid, verdict
    assert verdict.final_state == ((), 1)
    sentence = statement(cert).splitlines()[0]
    assert "exactly 1 crossing change(s)" in sentence and "u(K) ≤ 1" in sentence
    assert "unknotting_spec_sound" in sentence


@pytest.mark.parametrize("steps, changes, reason", [
    (TREFOIL_STEPS, 0, "claim.changes: 0 claimed but 1"),  # claim k - 1
    (TREFOIL_STEPS, 2, "claim.changes: 2 claimed but 1"),  # claim k + 1 (exactly k)
    ([["crossing_change", 0], ["r1_remove", 0], ["r1_remove", 0]], 1, "is not a kink"),  # edited step
    ([["crossing_change", 3], ["r2_remove", 0, 1], ["r1_remove", 0]], 1, "outside 0..2"),
    ([["crossing_change", 0, 1]] + TREFOIL_STEPS[1:], 1, "takes 1 argument"),
    ([["crossing_change", 0], ["r2_remove", 0, 1]], 1, "still has 1 crossing"),
    ([["band", 1, 2, 0, 0]], 0, "not an isotopy"),
])
def test_tampered_certificates_are_rejected(steps, changes, reason):
    verdict = check_certificate(make(TREFOIL, changes, steps))
    assert not verdict.valid
    assert reason in verdict.reason


def test_changing_the_wrong_crossing_is_rejected():
    """A certificate for 6_2 (u = 1) with its crossing change moved to a crossing whose change leaves a knot of
    determinant != 1 (never the unknot) is rejected, at the step that no longer applies or at the claim."""
    from pybridge.knots import parse_spec
    from pybridge.moves.pd import PDState, replay
    from pybridge.unknotting.certify import certify_unknotting
    from pybridge.unknotting.search import changed, knot_invariants

    cert = certify_unknotting(parse_spec("6_2"), budget_s=60, seed=0).certificate
    steps = [list(s) for s in cert.steps]
    k = next(k for k, s in enumerate(steps) if s[0] == "crossing_change")
    before = replay(PDState(tuple(map(tuple, cert.input["pd"]))), steps[:k])
    wrong = next(j for j in range(len(before.crossings)) if knot_invariants(changed(before, j))[0] != 1)
    steps[k] = ["crossing_change", wrong]
    verdict = check_certificate(make(cert.input["pd"], 1, steps))
    assert not verdict.valid


def test_the_final_state_must_be_one_circle_and_edits_break_the_hash():
    # the 2-component unlink is not the unknot: a Hopf link crossing change gives it
    hopf = [[4, 1, 3, 2], [2, 3, 1, 4]]
    cert = make(hopf, 1, [["crossing_change", 0], ["r2_remove", 0, 1]])
    verdict = check_certificate(cert)
    assert not verdict.valid and "2-component unlink" in verdict.reason
    document = make(TREFOIL, 1, TREFOIL_STEPS).to_document()
    document["claim"]["changes"] = 0
    assert "hash mismatch" in check_document(document).reason


def test_schema_of_the_unknotting_kind():
    with pytest.raises(CertificateFormatError, match="claim.changes"):
        make(TREFOIL, -1, TREFOIL_STEPS)
    with pytest.raises(CertificateFormatError, match="only pd"):
        Certificate.create("unknotting", "braid", {"strands": 2, "word": [1, 1, 1]}, {"changes": 1}, [], {})
    # crossing changes are refused outside an unknotting certificate
    unknot = Certificate.create("unknot", "pd", {"pd": TREFOIL, "free": 0}, {"components": 1}, TREFOIL_STEPS, {})
    assert not check_certificate(unknot).valid


# -- lower bounds ----------------------------------------------------------------------------------


def test_module_generators_count_per_prime():
    t = {1: 1, 0: -1}  # t - 1
    f = _poly(t, 3)
    g = _poly({1: 1, 0: 1}, 3)  # t + 1, coprime to t - 1
    assert module_generators([f, f], 3) == 2  # (F[t]/(t-1))^2 needs two generators
    assert module_generators([f, g], 3) == 1  # F[t]/(t-1) + F[t]/(t+1) is cyclic
    assert module_generators([_poly({1: 1}, 3), _poly({0: 1}, 3)], 3) == 0  # t is a unit of F[t^±1]
    m = [[_poly({1: 2, 0: -1}, 0), _poly({0: 0}, 0)], [_poly({0: 0}, 0), _poly({1: 2, 0: -1}, 0)]]
    assert module_generators(diagonal_form(m, 0), 0) == 2


@pytest.mark.parametrize("name, bound, value", [
    ("3_1", "signature", 1), ("10_8", "signature", 2), ("10_8", "tau", 2), ("7_1", "levine-tristram", 3),
    ("8_18", "nakanishi", 2), ("4_1", "nakanishi", 1), ("9_35", "nakanishi", 2),
])
def test_known_bounds(name, bound, value):
    bounds = {b.name: b for b in lower_bounds(knotinfo_pd(name)).bounds}
    assert bounds[bound].value == value
    assert bounds[bound].source  # every bound names its theorem


def test_signature_bound_is_knotinfos_signature():
    for name in ("3_1", "5_2", "8_19", "9_42", "10_124"):
        bounds = {b.name: b for b in lower_bounds(knotinfo_pd(name), tau=False, nakanishi=False,
                                                  levine_tristram=False).bounds}
        assert bounds["signature"].value == abs(int(knotinfo_row(name)["signature"])) // 2


def test_no_bound_exceeds_knotinfos_unknotting_number():
    """Every bound on every KnotInfo knot up to 8 crossings stays at or below KnotInfo's u (the top of the
    interval where u is not known); the bench runs the same comparison on up to 12 crossings."""
    from pybridge.knots.catalog import iter_knotinfo

    checked = 0
    for row in iter_knotinfo(8, 3):
        low, high = knotinfo_u(row["name"])
        report = lower_bounds(json.loads(row["pd_notation"]))
        assert all(b.value <= high for b in report.bounds), (row["name"], [b.as_dict() for b in report.bounds])
        checked += 1
    assert checked == 35


# -- the search ------------------------------------------------------------------------------------


def test_10_8_needs_a_non_minimal_diagram_and_is_certified_at_its_true_value():
    """Bleiler (1984) and Nakanishi (1983): u(10_8) = 2, but no two crossing changes in its minimal diagram
    unknot it. Here: no pair of simultaneous changes in KnotInfo's 10-crossing diagram even reaches
    determinant 1 and signature 0; the search changes one crossing, simplifies (a different diagram),
    changes a second, and the lower bound |σ|/2 = 2 makes the value exact."""
    from pybridge.knots import parse_spec
    from pybridge.moves.pd import PDState
    from pybridge.unknotting.certify import certify_unknotting
    from pybridge.unknotting.search import changed, knot_invariants

    state = PDState(tuple(map(tuple, knotinfo_pd("10_8"))))
    for i, j in itertools.combinations(range(10), 2):
        assert knot_invariants(changed(changed(state, i), j)) != (1, 0)
    result = certify_unknotting(parse_spec("10_8"), budget_s=60, seed=0)
    assert result.upper == 2 and result.exact and result.bounds.best.name in ("signature", "tau", "levine-tristram")
    assert check_certificate(result.certificate).valid
    steps = result.certificate.steps
    first, second = [k for k, s in enumerate(steps) if s[0] == "crossing_change"]
    assert second > first + 1  # Reidemeister moves between the two changes


def test_a_diagram_with_kinks_is_handled():
    """A trefoil with an extra curl (knot Floer homology refuses kinked diagrams: it runs on a simplified copy)."""
    from pybridge.knots import parse_spec
    from pybridge.unknotting.certify import certify_unknotting

    kinked = "pd:[[1,5,2,4],[3,1,4,8],[5,3,6,2],[6,7,7,8]]"
    result = certify_unknotting(parse_spec(kinked), budget_s=30, seed=0)
    assert result.upper == 1 and result.exact and {b.name for b in result.bounds.bounds} >= {"signature", "tau"}


@pytest.mark.parametrize("name", ["5_2", "6_2", "7_4", "8_3"])
def test_search_matches_knotinfo_on_small_knots(name):
    from pybridge.knots import parse_spec
    from pybridge.unknotting.certify import certify_unknotting

    low, high = knotinfo_u(name)
    result = certify_unknotting(parse_spec(name), budget_s=60, seed=0, stop_at=low)
    assert result.upper == low == high


# -- the command line ------------------------------------------------------------------------------


def run_cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_cli_certifies_checks_and_states_the_bound(tmp_path):
    done = run_cli("unknotting", "5_1", "--budget-s", "30", "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["upper_bound"] == 2 and data["lower_bound"] == 2 and data["exact"] and data["met_by"] == "signature"
    path = Path(data["path"])
    assert path.parent == tmp_path and check_file(path).valid
    checked = run_cli("check", str(path), "--no-ledger")
    assert checked.returncode == 0 and "u(K) ≤ 2" in checked.stdout
    text = run_cli("unknotting", "3_1", "--budget-s", "30", "--out", str(tmp_path))
    assert text.returncode == 0 and "u(3_1) = 1 exactly: the signature bound meets the certificate" in text.stdout


def test_cli_bad_input_writes_nothing(tmp_path):
    for spec in ("pd:[[1,2,3]]", "L2a1", "no_such_knot_xyz"):
        done = run_cli("unknotting", spec, "--out", str(tmp_path / "out"))
        assert done.returncode == 2, (spec, done.stdout, done.stderr)
        assert done.stderr.strip()
    assert not (tmp_path / "out").exists()


# -- export ----------------------------------------------------------------------------------------


def test_export_states_the_specification_claim():
    from pybridge.export.coq import render_coq
    from pybridge.export.lean import render_lean
    from pybridge.prover.coq import audit_source as coq_audit
    from pybridge.prover.lean import audit_source as lean_audit

    cert = make(TREFOIL, 1, TREFOIL_STEPS)
    coq = render_coq(cert)
    assert "Require Import KnotCert.Unknotting KnotCert.UnknottingSpec" in coq
    assert "Lemma cert_check : check_unknotting cert = true." in coq
    assert "Theorem cert_claim : SpecUnknotting 1 cert_input (pd_trivial 1)." in coq
    assert "CrossingChange 0;\n  UR2Remove 0 1;\n  UR1Remove 0]" in coq
    assert coq_audit(coq) == ""
    lean = render_lean(cert)
    assert "KnotCert.UReach 1 cert_input (KnotCert.pd_trivial 1)" in lean and lean_audit(lean) == ""
    with pytest.raises(ExportError):  # a band has no constructor in u_move
        render_coq(make(TREFOIL, 0, [["band", 1, 2, 0, 0]]))


def test_bench_writes_its_outputs(tmp_path):
    """A two-knot bench run: every output file, certificates re-checked from disk, KnotInfo's values met."""
    import csv

    done = run_cli("bench", "unknotting", "--knots", "4_1,8_18", "--budget-s", "20", "--coq-sample", "0",
                   "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    for name in ("results.csv", "summary.md", "plot.png", "discoveries.md"):
        assert (tmp_path / name).is_file()
    rows = list(csv.DictReader(open(tmp_path / "results.csv")))
    assert [(r["name"], r["upper"], r["lower"], r["lower_by"], r["exact_match"], r["rechecked"]) for r in rows] == [
        ("4_1", "1", "1", "nakanishi", "True", "True"), ("8_18", "2", "2", "nakanishi", "True", "True")]
    summary = (tmp_path / "summary.md").read_text()
    assert "exact set: 2/2 certified at KnotInfo's value" in summary and "bound_conflicts" in summary
    assert all(check_file(r["certificate"]).valid for r in rows)
