"""Conjecture generation (issue 8): datasets, saliency, relations, counterexamples, statements.

Small fixtures only: KnotInfo knots up to 8 crossings, a few random knots; the full study runs in
`pybridge conjecture signature` (its figures are in docs/conjecture.md).
"""

from __future__ import annotations

import csv
import json
import math
import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from pybridge.cli import main
from pybridge.conjecture import data, relations, saliency, statements
from pybridge.conjecture.counterexamples import find_counterexamples
from pybridge.conjecture.model import make_network, slope_rule_accuracy
from pybridge.conjecture.report import generic_fit, signature_study
from pybridge.errors import ExportError

ROOT = Path(__file__).resolve().parents[1]
coq_needed = pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")


@pytest.fixture(scope="module")
def knotinfo_small():
    rows, notes = data.knotinfo_dataset(max_crossings=8, inj_sample=100, seed=0, progress=False)
    return rows, notes


@pytest.fixture(scope="module")
def random_small():
    return data.random_dataset(3, seed=5, progress=False)


def synthetic_rows(n=400, seed=0):
    """Rows where the signature is the even integer nearest slope/2 and the rest is noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        slope = rng.uniform(-12, 12)
        rows.append({"name": f"s{i}", "slope": slope, "noise_a": rng.normal(), "noise_b": rng.normal(),
                     "signature": float(2 * round(slope / 4))})
    return rows


def test_knotinfo_rows_agree_with_knotinfo_and_carry_the_slope_sign(knotinfo_small):
    rows, notes = knotinfo_small
    names = {r["name"] for r in rows}
    assert "4_1" in names and "8_20" in names and "3_1" not in names  # torus knots are not hyperbolic
    assert all(v < 1e-6 for v in notes["knotinfo_max_abs_deviation"].values())
    assert notes["inj_computed"] >= 0.8 * len(rows)
    # natural slope ~ 2 sigma: the sign of Re(meridian) (which KnotInfo drops) is recovered from SnapPy
    slope, sigma = np.array([r["slope"] for r in rows]), np.array([r["signature"] for r in rows])
    assert np.corrcoef(slope, sigma)[0, 1] > 0.9
    assert slope_rule_accuracy(slope, sigma) > 0.6
    fig8 = next(r for r in rows if r["name"] == "4_1")
    assert fig8["inj_radius"] == pytest.approx(1.0870701449957390 / 2, rel=1e-6)
    assert fig8["sym_fully_amphicheiral"] == 1.0


def test_random_knots_are_hyperbolic_in_range_with_own_signature(random_small):
    rows, notes = random_small
    assert len(rows) == 3 and notes["inj_computed"] == 3
    for row in rows:
        assert 15 <= row["crossing_number"] <= 80 and row["volume"] > 0 and row["signature"] % 2 == 0
    # the diagrams are reproducible by seed; redraws for a failed Dirichlet domain depend on SnapPy's own
    # (unseeded) re-triangulation, so compare with require_inj off
    first_run = data.random_dataset(2, seed=7, require_inj=False, progress=False)[0]
    again = data.random_dataset(2, seed=7, require_inj=False, progress=False)[0]
    for first, second in zip(first_run, again):
        assert (first["name"], first["crossing_number"], first["signature"]) == \
            (second["name"], second["crossing_number"], second["signature"])
        assert first["slope"] == pytest.approx(second["slope"], rel=1e-9)


def test_saliency_equals_finite_difference_on_a_toy_model():
    import torch

    torch.manual_seed(0)
    network = make_network(4, 3, hidden=(8, 8))
    x = np.random.default_rng(1).normal(size=(25, 4))
    y = np.random.default_rng(2).integers(0, 3, size=25)
    exact = saliency.saliency(network, x, y)
    estimate = saliency.finite_difference_saliency(network, x, y)
    assert np.allclose(exact, estimate, rtol=1e-3, atol=1e-6)
    assert saliency.ranking(["a", "b", "c", "d"], exact)[0][1] == pytest.approx(exact.max())


def test_pipeline_finds_the_planted_feature_and_is_reproducible(tmp_path):
    rows = synthetic_rows()
    first = generic_fit(rows, "signature", ["noise_a", "slope", "noise_b"], tmp_path / "a", seed=3, symbolic=False, max_epochs=40)
    second = generic_fit(rows, "signature", ["noise_a", "slope", "noise_b"], tmp_path / "b", seed=3, symbolic=False, max_epochs=40)
    assert first == second
    assert first["saliency"][0][0] == "slope"
    assert first["accuracy_all"] > 0.6
    assert (tmp_path / "a" / "saliency.png").stat().st_size > 1000


def test_symbolic_regression_recovers_a_linear_law():
    rng = np.random.default_rng(0)
    x = rng.uniform(-5, 5, size=(200, 2))
    fit = relations.symbolic_fit(x, 0.5 * x[:, 0], ["slope", "noise"], seed=0, generations=8, population=300)
    assert fit.r2_test > 0.99 and "slope" in fit.program


def test_bound_constant_and_counterexamples():
    ratio = relations.bound_ratio([0, -2, 4], [0.5, -4.2, 9.0], [2.0, 3.0, 5.0], [0.5, 0.4, 0.3])
    assert ratio == pytest.approx([0.5 * 0.125 / 2, 0.2 * 0.064 / 3, 1.0 * 0.027 / 5])
    fit = relations.fit_bound(["a", "b", "c"], ratio, digits=2)
    assert fit.c >= fit.c_min == pytest.approx(ratio.max()) and fit.extremal[0][0] == "a"
    search = find_counterexamples(float(fit.c), ["x", "y"], np.array([0.01, 0.05]))
    assert [n for n, _ in search.counterexamples] == ["y"] and search.refined_c == pytest.approx(0.05)
    with pytest.raises(Exception, match="positive"):
        relations.bound_ratio([0], [0.1], [1.0], [0.0])


def test_malformed_dataset_columns_give_clear_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,signature,slope\n4_1,0,0.0\n5_2,minus two,-4.1\n")
    with pytest.raises(data.DatasetError, match=r"column 'signature', line 3: 'minus two' is not a number"):
        data.read_dataset(bad)
    with pytest.raises(data.DatasetError, match="missing column"):
        data.read_dataset(bad, required=("name", "signature", "volume"))
    out = tmp_path / "out"
    for args in (["--data", str(bad), "--target", "signature", "--features", "slope"],
                 ["--data", str(bad), "--target", "signature", "--features", "volume"],
                 ["--data", str(tmp_path / "none.csv"), "--target", "signature", "--features", "slope"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["conjecture", "fit", *args, "--out", str(out)])
        assert exit_info.value.code == 2
    assert not out.exists()


def test_outward_rounding_encloses_the_floats():
    spec = statements.make_spec("T", Fraction(1, 4), [("k", 2, 0.1, 1.0000001, 0.3)], "fixture", scale=1000)
    _, _, lo, hi, vol_lo, inj_hi = statements.scaled_rows(spec)[0]
    assert Fraction(lo) <= Fraction(0.1) * 1000 <= Fraction(hi) and hi - lo == 1
    assert Fraction(vol_lo) <= Fraction(1.0000001) * 1000 and Fraction(inj_hi) >= Fraction(0.3) * 1000


@coq_needed
def test_exported_finite_data_theorem_checks_in_coq(tmp_path, knotinfo_small):
    rows = [r for r in knotinfo_small[0] if not math.isnan(r["inj_radius"])]
    items = [(r["name"], int(r["signature"]), r["slope"], r["volume"], r["inj_radius"]) for r in rows]
    ratio = relations.bound_ratio(*np.array([[s, sl, v, i] for _, s, sl, v, i in items]).T)
    c = relations.round_up(float(ratio.max()), 3)
    spec = statements.make_spec("SmallTable", c * Fraction(101, 100), items, "fixture: KnotInfo <= 8 crossings")
    written = statements.write_statements(spec, tmp_path / "coq", tmp_path / "lean")
    assert {p.name for p in written} == {"SmallTable.v", "SmallTable.json", "SmallTable.lean"}
    from pybridge.conjecture.report import coq_verdict

    assert coq_verdict(tmp_path / "coq" / "SmallTable.v") == "Closed under the global context"
    # a constant below the extremal ratio is refused before anything is written
    low = statements.make_spec("Low", c / 2, items, "fixture")
    with pytest.raises(ExportError, match="integer check fails"):
        statements.write_statements(low, tmp_path / "low", None)
    assert not (tmp_path / "low").exists()


def test_untrusted_names_and_source_text_cannot_inject_code():
    spec = statements.make_spec("Inj", Fraction(1), [("x *) Axiom f : False. (*", 0, 0.0, 1.0, 0.5)],
                                "sorry -/ axiom bad : False /-")
    for text in (statements.render_coq(spec), statements.render_lean(spec)):
        assert statements.audit(text) == []
        assert "Axiom f" not in text and "axiom bad" not in text
    with pytest.raises(ExportError, match="identifier"):
        statements.make_spec("bad name", Fraction(1), [("k", 0, 0.0, 1.0, 0.5)], "x")


def committed_specs():
    return sorted((ROOT / "coq" / "statements").glob("*.json")) + \
        sorted((ROOT / "lean" / "KnotCertGenerated" / "Statements").glob("*.json"))


def test_committed_statements_regenerate_byte_identically_and_pass_the_audit():
    specs = committed_specs()
    assert specs, "no committed statement specs under coq/statements or lean/KnotCertGenerated/Statements"
    sources = sorted((ROOT / "coq" / "statements").glob("*.v")) + \
        sorted((ROOT / "lean" / "KnotCertGenerated" / "Statements").glob("*.lean"))
    assert len(sources) == len(specs)
    for spec_path in specs:
        suffix = ".v" if spec_path.parent.name == "statements" and spec_path.parent.parent.name == "coq" else ".lean"
        source = spec_path.with_suffix(suffix)
        spec = json.loads(spec_path.read_text())
        rendered = statements.render_coq(spec) if suffix == ".v" else statements.render_lean(spec)
        assert rendered.encode() == source.read_bytes(), f"{source} is not what the renderer writes"
        assert statements.audit(rendered) == []
        assert statements.failing_rows(spec) == []


@coq_needed
def test_committed_coq_statement_checks():
    from pybridge.conjecture.report import coq_verdict

    for path in sorted((ROOT / "coq" / "statements").glob("*.v")):
        assert coq_verdict(path) == "Closed under the global context"


@coq_needed
def test_signature_command_end_to_end_on_fixtures(tmp_path, knotinfo_small, random_small):
    known, rand = tmp_path / "knotinfo.csv", tmp_path / "random.csv"
    data.write_dataset(knotinfo_small[0], known, {"source": "fixture"})
    data.write_dataset(random_small[0], rand, {"source": "fixture"})
    out = tmp_path / "report"
    main(["conjecture", "signature", "--knotinfo-csv", str(known), "--random-csv", str(rand), "--out", str(out),
          "--coq-dir", str(tmp_path / "coq"), "--lean-dir", str(tmp_path / "lean"), "--max-epochs", "20",
          "--no-symbolic"])
    results = json.loads((out / "results.json").read_text())
    assert results["bound"]["training_violations"] == 0
    assert results["coq_verdict"] == "Closed under the global context"
    assert 0 <= results["accuracy_all"] <= 1 and len(results["top"]) == 3
    for name in ("report.md", "saliency.png", "signature_vs_slope.png", "bound_ratio.png"):
        assert (out / name).stat().st_size > 0
    assert "held-out" in (out / "report.md").read_text() or "random knots" in (out / "report.md").read_text()


def test_injectivity_radius_is_time_limited():
    """SnapPea's Dirichlet domain can run for minutes on some triangulations: a time limit gives NaN."""
    import math

    import snappy

    manifold = snappy.Manifold("4_1")
    inj = data.injectivity_radius(manifold)
    assert 0.5 < inj < 1.5  # the figure-eight's shortest geodesic has length ~1.087
    assert math.isnan(data.injectivity_radius(manifold, time_limit_s=1e-4))
