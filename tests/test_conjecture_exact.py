"""``pybridge conjecture exact``: search over exactly computable invariants, proofs over the table."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction

import pytest
from click.testing import CliRunner

from pybridge.conjecture import exact as X
from pybridge.conjecture import exact_coq as C

needs_coq = pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")
TARGET = X.Equivalence(X.Congruence("signature", 4, 0), X.Congruence("determinant", 4, 1))


@pytest.fixture(scope="module")
def small_table():
    return X.table_rows(9)


def test_congruence_search_rediscovers_sigma_det_mod_4_unaided(small_table):
    found = X.congruence_search(small_table)
    assert TARGET in found
    texts = [e.text() for e in found]
    assert "determinant = 0 (mod 3) <-> fox3 = 0 (mod 9)" in texts
    for relation in found:  # every candidate holds on the rows it was found on, none is constant
        assert X.violations(relation, small_table) == []
        assert 0 < relation.left.holds(small_table).mean() < 1


def test_search_finds_nothing_on_shuffled_data(small_table):
    import random

    rng = random.Random(0)
    dets = [r["determinant"] for r in small_table]
    rng.shuffle(dets)
    shuffled = [{**r, "determinant": d} for r, d in zip(small_table, dets)]
    assert TARGET not in X.congruence_search(shuffled)


def test_inequality_search_fits_tight_bounds(small_table):
    texts = [b.text() for b in X.inequality_search(small_table)]
    assert "|signature| <= crossings - 1" in texts
    assert "|writhe| <= crossings + 0" in texts


def test_random_knots_satisfy_the_theorem():
    rows = X.random_rows(4, seed=3)
    assert all(15 <= r["crossings"] <= 40 for r in rows)
    assert X.violations(TARGET, rows) == []


def test_render_refuses_bad_pd_and_names():
    with pytest.raises(Exception):
        C.render_pd([(0, 1, 2, 3)])
    with pytest.raises(Exception):
        C.render_table_theorems("bad name", [[(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)]], ["3_1"], [TARGET])


@needs_coq
@pytest.mark.coq
def test_coq_proves_the_relation_over_the_table_and_refuses_a_false_one(small_table):
    rows = small_table[:40]
    pds, names = [r["pd"] for r in rows], [r["name"] for r in rows]
    text = C.render_table_theorems("exact_relation", pds, names, [TARGET], size=10)
    assert "Print Assumptions exact_relation_0" in text
    ok, verdict, _ = C.check_table_theorems(text, "ExactRelations", 1)
    assert ok, verdict
    assert "Closed under the global context" in verdict
    wrong = X.Equivalence(X.Congruence("signature", 4, 0), X.Congruence("determinant", 4, 3))
    ok, verdict, _ = C.check_table_theorems(C.render_table_theorems("exact_relation", pds, names, [wrong], size=10),
                                            "ExactRelations", 1)
    assert not ok and "coqc exited" in verdict


@needs_coq
@pytest.mark.coq
def test_cli_exact_end_to_end(tmp_path):
    from pybridge.cli import cli

    out = tmp_path / "exact"
    result = CliRunner().invoke(cli, ["conjecture", "exact", "--max-crossings", "7", "--random-n", "3",
                                       "--max-epochs", "0", "--no-symbolic", "--out", str(out), "--chunk", "10"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "results.json").read_text())
    assert summary["knots"] == 14
    assert summary["coq"]["valid"], summary["coq"]
    assert (out / "statements" / "coq" / "ExactRelations.v").exists()
    assert "Coq (" in result.output
    assert "signature = 0 (mod 4) <-> determinant = 1 (mod 4)" in summary["exported"]


def test_signature_slope_statement_says_what_its_finite_check_covers():
    from pybridge.conjecture import statements

    spec = statements.make_spec("S", Fraction(1, 10), [("4_1", 0, 0.5, 2.03, 0.5)], "test")
    for text in (statements.render_coq(spec), statements.render_lean(spec)):
        assert "this finite check covers rounded" in text and "SnapPy values" in text
        assert "not a statement about verified hyperbolic" in text


@needs_coq
@pytest.mark.coq
def test_table_relation_for_the_main_job_keeps_its_verdict_in_the_ledger(tmp_path):
    summary = X.table_relation(tmp_path / "exact", 8, 0, tmp_path / "ledger.sqlite", chunk=20)
    assert summary["relation"] == TARGET.text() and summary["rediscovered"]
    assert summary["knots"] == 35
    assert summary["statement"] == ("forall K, In K knot_table -> ((signature K) mod 4 = 0 <-> "
                                    "(determinant K) mod 4 = 1)")
    recorded = X.ledger_verdicts(tmp_path / "ledger.sqlite")
    assert [r["theorem"] for r in recorded] == ["exact_relation_0"]
    assert recorded[0]["verdict"] == "valid" and "Closed under the global context" in recorded[0]["message"]


def test_lean_table_theorems_are_chunked_and_pass_the_statement_audit(small_table):
    from pybridge.conjecture import statements

    rows = small_table[:45]
    bound = X.AbsBound("signature", 1, "crossings", -1)
    text = C.render_lean_table_theorems("exact_relation", [r["pd"] for r in rows], [TARGET, bound], size=20)
    assert statements.audit(text) == []
    assert text.count(":= by decide") == 2 * 3  # 45 knots in chunks of 20, per relation
    assert "theorem exact_relation_0 : ∀ K ∈ knot_table, check0 K = true" in text
    assert "((v_signature % 4 == 0) == (v_determinant % 4 == 1))" in text
    assert "import KnotCert.Invariants" in text and "sorry" not in text
