"""Bounded time and crash isolation (issue 23): `knot info` answers "unknown (...)" instead of hanging or dying."""

import json
import os
import random
import subprocess
import sys
import time

import pytest

from pybridge.knots import invariants
from pybridge.knots.bounded import run_bounded
from pybridge.knots.pd import PDCode

TREFOIL = PDCode([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]])


def pybridge(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def _sleep_forever(*args):
    time.sleep(600)


def _abort(*args):
    os.abort()


def _raise(*args):
    raise ValueError("The PD code describes a knot projection with a reducing Reidemeister 1 move")


def test_a_timeout_is_unknown_quickly():
    start = time.monotonic()
    result = run_bounded("regina's solid-torus test", _sleep_forever, timeout_s=0.5)
    assert time.monotonic() - start < 5
    assert result.status == "timeout" and result.value is None
    assert result.message() == "unknown (timed out after 0.5 s)"


def test_a_crash_in_the_child_is_a_message_naming_the_invariant():
    result = run_bounded("knot Floer homology", _abort, timeout_s=10)
    assert result.status == "crash"
    assert result.message() == "unknown (knot Floer homology crashed: killed by signal SIGABRT)"
    error = run_bounded("knot Floer homology", _raise, timeout_s=10)
    assert error.status == "error" and "Traceback" not in error.message()
    assert error.message().startswith("unknown (knot Floer homology failed: ValueError: The PD code")


def test_a_value_comes_back():
    result = run_bounded("signature", invariants.link_signature, TREFOIL, timeout_s=30)
    assert result.ok and result.value == -2 and result.message() == ""


def test_knot_invariants_report_slow_and_crashing_invariants_and_still_decide(monkeypatch):
    monkeypatch.setattr(invariants, "jones_polynomial", _sleep_forever)
    monkeypatch.setattr(invariants, "knot_floer", _abort)
    start = time.monotonic()
    data = invariants.knot_invariants(TREFOIL, timeout_s=1)
    assert time.monotonic() - start < 20
    assert data["jones_polynomial"] is None
    assert data["unknown"]["jones_polynomial"] == "unknown (timed out after 1 s)"
    assert data["knot_floer"] is None
    assert data["unknown"]["knot_floer"] == "unknown (knot Floer homology crashed: killed by signal SIGABRT)"
    # the rest is computed, and the exact signature still decides the unknot question
    assert (data["signature"], data["determinant"], data["alexander_polynomial"]) == (-2, 3, "1 - t + t^2")
    assert data["unknot"] is False and "signature" in data["unknot_reason"]
    assert data["regina_unknot"] is None and "regina_unknot" not in data["unknown"]


def test_knot_floer_genus_decides_the_unknot_and_regina_is_only_the_fallback(monkeypatch):
    monkeypatch.setattr(invariants, "_regina_solid_torus", lambda pd: False)  # runs in the child
    # the figure-eight knot: signature 0, and its determinant 5 decides before knot Floer homology
    eight = PDCode([[4, 2, 5, 1], [8, 6, 1, 5], [6, 3, 7, 4], [2, 7, 3, 8]])
    data = invariants.knot_invariants(eight, timeout_s=30)
    assert data["unknot"] is False and data["knot_floer"]["seifert_genus"] == 1
    assert "regina_unknot" not in data["seconds"] and data["regina_note"].startswith("not run: determinant 5")
    # with signature and determinant of the unknot, knot Floer homology decides; regina is not needed
    monkeypatch.setattr(invariants, "_signature_and_determinant", lambda pd: (0, 1))
    data = invariants.knot_invariants(eight, timeout_s=30)
    assert data["unknot"] is False and data["unknot_reason"] == "knot Floer genus 1 ≠ 0"
    assert "regina_unknot" not in data["seconds"]
    # knot Floer homology timed out (and Alexander/Jones gone): regina's bounded test is the fallback
    for name in ("knot_floer", "alexander_polynomial", "jones_polynomial"):
        monkeypatch.setattr(invariants, name, _sleep_forever)
    data = invariants.knot_invariants(eight, timeout_s=0.5)
    assert "regina_unknot" in data["seconds"] and data["regina_unknot"] is False
    assert data["unknot"] is False and data["unknot_reason"] == "regina: the complement is not a solid torus"


def test_kinked_diagram_exits_0_without_traceback():
    """`pd:[[1,2,2,1]]` made Szabó's program raise (a reducing R1 move): the kink is simplified away first."""
    result = pybridge("knot", "info", "pd:[[1,2,2,1]]", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert data["unknot"] is True and data["knot_floer"]["seifert_genus"] == 0 and data["unknown"] == {}


def _large_knot_spec() -> str:
    import spherogram

    from pybridge.knots.convert import link_to_pd

    random.seed(7)
    pd = link_to_pd(spherogram.random_link(400, num_components=1, simplify="basic", prime_decomposition=False))
    assert pd.crossing_count > 100  # (136 with this seed) so that some invariants take far longer than 1 s
    return "pd:" + json.dumps([list(c) for c in pd.crossings])


def test_timeout_option_bounds_knot_info_on_a_large_diagram():
    spec = _large_knot_spec()
    start = time.monotonic()
    result = pybridge("knot", "info", spec, "--json", "--timeout-s", "1")
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert data["timeout_s"] == 1
    # at most 7 bounded computations of 1 s each, plus start-up (imports) and the in-process parts
    assert elapsed < 7 * 1 + 15, elapsed
    assert all(seconds < 1 + 2 for seconds in data["seconds"].values()), data["seconds"]
    for key, message in data["unknown"].items():
        assert message.startswith("unknown ("), (key, message)
        assert f"note: {key}: {message}" in result.stderr


def test_the_table_says_unknown(monkeypatch):
    from click.testing import CliRunner

    from pybridge.cli import cli

    monkeypatch.setattr(invariants, "alexander_polynomial", _sleep_forever)
    result = CliRunner().invoke(cli, ["knot", "info", "3_1", "--timeout-s", "0.5"])
    assert result.exit_code == 0, result.output
    assert "unknown (timed out after 0.5 s)" in result.output
    assert "no (signature" in result.output


def test_regina_confirms_a_yes_only_on_small_diagrams():
    from pybridge.moves.pd import PDState, apply_move

    state = PDState.from_pd(PDCode([[1, 2, 2, 1]]))
    while state.crossing_count <= invariants.REGINA_UNKNOT_MAX_CROSSINGS:
        state = apply_move(state, ("r1_add", min(state.positions), 0, 1))
    big = invariants.knot_invariants(state.to_pdcode(), timeout_s=20)
    assert big["unknot"] is True and big["regina_unknot"] is None
    assert big["regina_note"].startswith("not run") and "regina_unknot" not in big["seconds"]
    small = invariants.knot_invariants(PDCode([[1, 2, 2, 1]]), timeout_s=20)
    assert small["unknot"] is True and small["regina_unknot"] is True
