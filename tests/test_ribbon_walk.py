"""The GHMR weighted random walk (pybridge.ribbon.walk) and its optuna tuner.

Every solved walk is turned into a ribbon certificate and re-checked by the trusted checker.
"""

from __future__ import annotations

import json
import random

import pytest

pytest.importorskip("spherogram")

from pybridge.ribbon.bands import ribbon_certificate  # noqa: E402
from pybridge.ribbon.walk import (  # noqa: E402
    PAPER_WEIGHTS,
    WEIGHT_NAMES,
    DualGraph,
    default_weights,
    load_weights,
    normalise_weights,
    random_band,
    weighted_walk,
)
from pybridge.certs import check_certificate  # noqa: E402
from pybridge.ribbon.env import as_state, knot_minus_knot, minus  # noqa: E402
from pybridge.knots.catalog import knotinfo_pd  # noqa: E402
from pybridge.moves.bands import compile_band  # noqa: E402
from pybridge.moves.pd import replay  # noqa: E402


@pytest.mark.parametrize("name", ["6_1", "8_20", "9_46"])
def test_walk_certifies_small_slice_knots(name):
    start = as_state(name)
    result = weighted_walk(start, budget_s=20.0, seed=0)
    assert result.path is not None and result.path.solved, result.notes
    assert result.agent == "walk" and result.seconds < 20.5
    assert replay(start, result.path.steps) == result.path.state  # the recorded steps reach the state
    cert = ribbon_certificate(start, result.path, {"agent": "walk", "seed": 0, "source": f"knotinfo:{name}"})
    verdict = check_certificate(cert)
    assert verdict.valid, verdict
    assert cert.claim["bands"] == result.path.bands >= 1


def test_walk_certifies_a_square_knot():
    start = as_state(knot_minus_knot("3_1"))
    result = weighted_walk(start, budget_s=20.0, seed=1)
    assert result.path is not None
    assert check_certificate(ribbon_certificate(start, result.path, {"agent": "walk"})).valid


def test_band_walk_is_deterministic_in_its_rng():
    graph = DualGraph(as_state("8_20"))
    first = [random_band(graph, random.Random(5), PAPER_WEIGHTS)[0] for _ in range(3)]
    second = [random_band(graph, random.Random(5), PAPER_WEIGHTS)[0] for _ in range(3)]
    assert first == second and first[0] is not None


def test_random_bands_are_fission_bands_that_compile():
    """A band the walk finishes is orientable and joins one component to itself: +1 component."""
    state = as_state("10_140")
    graph = DualGraph(state)
    rng = random.Random(0)
    bands = [band for band, _ in (random_band(graph, rng, PAPER_WEIGHTS) for _ in range(40)) if band is not None]
    assert len(bands) >= 20
    for band in bands:
        _, banded = compile_band(state, band)
        assert banded.components == 2
        assert len(band.arc_is_under) == len(band.cs_along_top) - 2


def test_walk_respects_the_weights():
    """With the attach weight 0 (and twists impossible), a started band can only restart or cross strands."""
    state = as_state("6_1")
    graph = DualGraph(state)
    band, used = random_band(graph, random.Random(0), (1.0, 0.0, 1.0, 1.0, 0.0), max_steps=30)
    assert band is None and used == 30


def test_walk_refuses_links_and_crossing_free_inputs():
    from pybridge.moves.pd import PDState

    assert weighted_walk(PDState((), 1), budget_s=1.0, seed=0).path is None
    hopf = as_state([[1, 3, 2, 4], [3, 1, 4, 2]])
    assert weighted_walk(hopf, budget_s=1.0, seed=0).path is None


def test_weights_files(tmp_path):
    path = tmp_path / "w.json"
    assert load_weights(path) is None
    path.write_text(json.dumps({"weights": {"start": 2, "attach": 10, "over": 1, "under": 0.5, "twist": 4}}))
    assert load_weights(path) == (2.0, 10.0, 1.0, 0.5, 4.0)
    path.write_text(json.dumps({"weights": [1, 2, 3, 4, 5]}))
    assert load_weights(path) == (1.0, 2.0, 3.0, 4.0, 5.0)
    with pytest.raises(ValueError):
        normalise_weights([1, 2, 3])
    with pytest.raises(ValueError):
        normalise_weights([1, 2, 3, 4, -1])
    assert len(default_weights()) == len(WEIGHT_NAMES)


def test_shipped_weights_record_how_they_were_tuned():
    from pybridge.ribbon.walk import WEIGHTS_PATH

    if not WEIGHTS_PATH.exists():
        pytest.skip("no tuned weights shipped")
    record = json.loads(WEIGHTS_PATH.read_text())
    assert default_weights() == tuple(record["weights_list"])
    assert record["trials_done"] == len(record["trials"]) >= 2
    assert record["training_set"] and record["command"]
    assert not any(name.startswith("12") for name in record["training_set"])  # benchmark knots held out


def test_minus_is_the_concordance_inverse():
    """K # -K has signature 0 (K # K, the granny knot for the trefoil, does not)."""
    from pybridge.knots.convert import connected_sum_pd
    from pybridge.knots.signature import signature

    trefoil = knotinfo_pd("3_1")
    assert signature(knot_minus_knot("3_1").crossings) == 0
    assert signature(connected_sum_pd(trefoil, trefoil).crossings) != 0
    assert signature(minus(trefoil).crossings) == -signature(trefoil.crossings)
    assert knot_minus_knot("5_2").crossing_count == 10


def test_tuner_runs_two_trials_on_two_knots(tmp_path):
    from pybridge.ribbon.tune import tune_walk_weights

    knots = [("8_20", as_state("8_20")), ("9_46", as_state("9_46"))]
    out = tmp_path / "weights.json"
    record = tune_walk_weights(2, 60.0, knots=knots, budget_s=1.0, seed=0, out=out, progress=False, command="test")
    assert record["trials_done"] == 2
    assert record["trials"][0]["weights"] == dict(zip(WEIGHT_NAMES, PAPER_WEIGHTS))  # the baseline comes first
    assert record["training_set"] == ["8_20", "9_46"]
    stored = json.loads(out.read_text())
    assert stored["weights_list"] == record["weights_list"] and stored["command"] == "test"
    assert load_weights(out) == tuple(record["weights_list"])


def test_tune_cli_rejects_bad_options():
    from click.testing import CliRunner

    from pybridge.cli import cli

    assert CliRunner().invoke(cli, ["tune", "ribbon", "--trials", "0"]).exit_code == 2
    assert CliRunner().invoke(cli, ["tune", "ribbon", "--per-knot-s", "-1"]).exit_code == 2
    assert "weights" in CliRunner().invoke(cli, ["tune", "ribbon", "--help"]).output
