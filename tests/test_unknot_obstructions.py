"""Knotted input stays refused (issue 18): `pybridge unknot` names the invariant that proves a diagram
knotted (or linked), cheapest first, and writes no certificate; unknot and unlink diagrams, the hard
ones included, are never refused."""

import os
import random
import time

import pytest

import pybridge.knots.unknot_obstructions as uo
from pybridge.knots import BraidWord, parse_spec
from pybridge.knots.convert import braid_to_pd
from pybridge.knots.pd import PDCode
from pybridge.knots.unknot_obstructions import Obstruction, unknot_obstruction, unknot_obstruction_report


def _pd(spec: str) -> PDCode:
    return parse_spec(spec).pd


@pytest.mark.parametrize(
    ("spec", "invariant", "value"),
    [
        ("3_1", "signature", "-2 ≠ 0"),
        ("4_1", "determinant", "5 ≠ 1"),
        # Conway and Kinoshita–Terasaka knots: σ = 0, det = 1, Δ(t) = 1; the Jones polynomial sees them.
        ("K11n34", "Jones polynomial", "V(t) = t^-6 - 2*t^-5 + 2*t^-4 - 2*t^-3 + t^-2 + 2*t - 2*t^2 + 2*t^3 - t^4 ≠ 1"),
        ("K11n42", "Jones polynomial", "V(t) = t^-6 - 2*t^-5 + 2*t^-4 - 2*t^-3 + t^-2 + 2*t - 2*t^2 + 2*t^3 - t^4 ≠ 1"),
        ("L2a1", "signature", None),
    ],
)
def test_knotted_inputs_are_refused_naming_the_invariant(spec, invariant, value):
    found = unknot_obstruction(_pd(spec))
    assert isinstance(found, Obstruction) and found.invariant == invariant
    if value is not None:
        assert found.value == value
    assert str(found).startswith(f"{invariant} ") and found.reference


def test_alexander_polynomial_refuses_a_knot_with_sigma_0_and_det_1():
    # 10_153: σ = 0 and det = 1 (KnotInfo), Δ(t) = 1 - t - t^2 + 3t^3 - t^4 - t^5 + t^6.
    found = unknot_obstruction(_pd("10_153"))
    assert found.invariant == "Alexander polynomial"
    assert found.value == "Δ(t) = 1 - t - t^2 + 3*t^3 - t^4 - t^5 + t^6 ≠ 1"
    assert uo._alexander_check(_pd("K11n34")) is None  # Δ(Conway knot) = 1


def test_knot_floer_genus_is_the_last_resort(monkeypatch):
    """With the Jones polynomial out of the way, knot Floer homology still refuses the Kinoshita–Terasaka
    knot (Seifert genus 2) and the Conway knot (genus 3): it detects the unknot exactly."""
    monkeypatch.setattr(uo, "_jones_check", lambda *args, **kwargs: None)
    kt = unknot_obstruction_report(_pd("K11n42"))
    assert kt.obstruction == Obstruction("knot Floer genus", "g = 2 ≠ 0", uo._REFERENCES["knot Floer genus"])
    assert kt.checked[-2:] == ["Alexander polynomial", "Jones polynomial"]
    assert unknot_obstruction(_pd("K11n34")).value == "g = 3 ≠ 0"
    assert unknot_obstruction(_pd("K11n34"), floer=False) is None


def test_a_crash_of_knot_floer_homology_is_a_clear_message_not_a_verdict(monkeypatch):
    """Issue 23: Szabó's program can take the whole process down; it runs in a child process."""
    monkeypatch.setattr(uo, "_jones_check", lambda *args, **kwargs: None)
    monkeypatch.setattr(uo, "_floer_check", lambda *args, **kwargs: os.abort())
    report = unknot_obstruction_report(_pd("K11n42"))
    assert report.obstruction is None
    assert any("knot Floer genus" in note and "signal" in note for note in report.notes), report.notes

    def raises(*args, **kwargs):
        raise ValueError("The PD code describes a knot projection with a reducing Reidemeister 1 move")

    monkeypatch.setattr(uo, "_floer_check", raises)
    report = unknot_obstruction_report(_pd("K11n42"))
    assert report.obstruction is None
    assert any("knot Floer homology failed" in note and "Reidemeister 1" in note for note in report.notes)


def test_the_expensive_checks_are_bounded_in_time(monkeypatch):
    monkeypatch.setattr(uo, "simplify_seeded", lambda pd: time.sleep(60))
    start = time.monotonic()
    report = unknot_obstruction_report(_pd("K11n42"), time_limit_s=1.0)
    assert time.monotonic() - start < 10
    assert report.obstruction is None and "stopped after 1 s while computing simplification" in report.notes[0]


def _scrambled_unknot_pd(seed: int) -> PDCode:
    from pybridge.moves.scramble import unknot_instance

    state, _ = unknot_instance(24, random.Random(seed), max_strands=6)
    return braid_to_pd(BraidWord(state.strands, tuple(state.word)))


def _monster() -> PDCode:
    import regina

    return PDCode([list(c) for c in regina.ExampleLink.monster().pdData()])


@pytest.mark.parametrize(
    ("name", "pd", "components"),
    [
        ("crossing-free unknot", PDCode([], 1), 1),
        ("kinked unknot", PDCode([[1, 2, 2, 1]]), 1),
        ("scrambled unknot 0", _scrambled_unknot_pd(0), 1),
        ("scrambled unknot 1", _scrambled_unknot_pd(1), 1),
        ("2-component unlink (R2 clasp)", braid_to_pd(BraidWord(2, (1, -1))), 2),
        ("3-component unlink", braid_to_pd(BraidWord(3, (1, -1, 2, -2))), 3),
        ("2-component unlink, one component crossing-free", PDCode([[1, 2, 2, 1]], 1), 2),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_unknots_and_unlinks_are_not_refused(name, pd, components):
    assert pd.components == components
    report = unknot_obstruction_report(pd)
    assert report.obstruction is None, report
    assert not report.notes, report.notes


def test_scrambled_two_component_unlink_is_not_refused():
    from pybridge.moves.scramble import scrambled_trivial

    state, _ = scrambled_trivial(4, 6, 3, components=2)
    pd = braid_to_pd(BraidWord(state.strands, tuple(state.word)))
    assert pd.components == 2 and pd.crossings
    assert unknot_obstruction(pd) is None


def test_hard_unknot_diagrams_are_not_refused_in_bounded_time():
    import regina

    gordian = PDCode([list(c) for c in regina.ExampleLink.gordian().pdData()])
    assert gordian.crossing_count == 141
    for pd in (_monster(), gordian):
        report = unknot_obstruction_report(pd)
        assert report.obstruction is None and report.simplified_crossings == 0, report
        assert report.seconds < uo.DEFAULT_TIME_LIMIT_S + 5


def test_an_unlink_with_a_knotted_component_is_refused():
    """σ = 0, lk = 0 and det = 0 (split) say nothing here; the Jones polynomial of the link does."""
    conway_and_circle = PDCode(_pd("K11n34").crossings, free_components=1)
    found = unknot_obstruction(conway_and_circle)
    assert found.invariant == "Jones polynomial" and found.value.endswith("≠ -t^(-1/2) - t^(1/2)")
    figure_eight_and_circle = PDCode(_pd("4_1").crossings, free_components=1)
    assert str(unknot_obstruction(figure_eight_and_circle)).startswith("component 0: determinant 5 ≠ 1")


# --- the command line -------------------------------------------------------------------------------


def _run_cli(args, capsys):
    from pybridge.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


@pytest.mark.parametrize(
    ("spec", "invariant"),
    [
        ("K11n42", "Jones polynomial"),  # a KnotInfo name: the braid route
        ("pd:" + str([list(c) for c in parse_spec("K11n34").pd.crossings]).replace(" ", ""), "Jones polynomial"),
        ("braid:1,1,1", "signature"),
        ("4_1", "determinant"),
    ],
)
def test_cli_unknot_exits_1_naming_the_invariant_and_writes_nothing(spec, invariant, tmp_path, capsys):
    out = tmp_path / "certs"
    code, stdout, stderr = _run_cli(["unknot", spec, "--out", str(out), "--budget-s", "2"], capsys)
    assert code == 1, stderr
    assert "is not the unknot" in stderr and invariant in stderr
    assert not out.exists() or not any(out.iterdir())
    assert stdout == ""


def test_cli_runner_refuses_the_kinoshita_terasaka_knot(tmp_path):
    from click.testing import CliRunner

    from pybridge.cli import cli
    from pybridge.unknot.certify import NotUnknottedError

    out = tmp_path / "certs"
    result = CliRunner().invoke(cli, ["unknot", "K11n42", "--out", str(out)])
    assert result.exit_code == 1
    assert isinstance(result.exception, NotUnknottedError) and result.exception.exit_code == 1
    assert "Jones polynomial" in str(result.exception)
    assert not out.exists() or not any(out.iterdir())


def test_every_invariant_agrees_with_the_unknot_on_an_unsimplified_unknot_diagram(monkeypatch):
    """Without the simplification shortcut, the Alexander and Jones polynomials and the knot Floer
    genus of the monster unknot diagram (10 crossings) all take the unknot's values."""
    monkeypatch.setattr(uo, "simplify_seeded", lambda pd: pd)
    report = unknot_obstruction_report(_monster())
    assert report.obstruction is None and not report.notes, report
    assert report.checked == ["signature", "determinant", "Alexander polynomial", "Jones polynomial",
                              "knot Floer genus"]
    unlink = braid_to_pd(BraidWord(3, (1, -1, 2, -2)))
    report = unknot_obstruction_report(unlink)
    assert report.obstruction is None


def test_without_child_processes_the_checks_run_in_process(monkeypatch):
    """Inside a daemonic pool worker no child process may start: the checks still run, in process."""
    real_context = uo._context

    class NoChildren:
        def __init__(self):
            self.ctx = real_context()

        def Pipe(self, duplex):
            return self.ctx.Pipe(duplex=duplex)

        def Process(self, **kwargs):
            process = self.ctx.Process(**kwargs)

            def start():
                raise AssertionError("daemonic processes are not allowed to have children")

            process.start = start
            return process

    monkeypatch.setattr(uo, "_context", NoChildren)
    report = unknot_obstruction_report(_pd("K11n42"))
    assert report.obstruction.invariant == "Jones polynomial"
    assert "computed in this process" in report.notes[0]
