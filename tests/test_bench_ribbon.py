"""`pybridge bench ribbon`: the sets, the K # -K construction, a tiny real run, the report."""

from __future__ import annotations

import csv
import shutil
from math import isqrt

import pytest

from pybridge.ribbon import bench
from pybridge.certs import check_certificate, read_certificate
from pybridge.knots.catalog import knotinfo_pd
from pybridge.knots.convert import pd_to_regina
from pybridge.knots.invariants import link_determinant, link_signature


def test_slice_sets_have_the_known_sizes():
    assert len(bench.slice_names("knotinfo-slice-12")) == 158
    assert len(bench.slice_names("knotinfo-slice-13")) == 353
    assert bench.slice_names("knotinfo-slice-12")[:2] == ["6_1", "8_8"]


@pytest.mark.parametrize("name", ["4_1", "8_17", "9_32", "12n_19"])
def test_minus_is_regina_mirror_and_reverse(name):
    pd = knotinfo_pd(name)
    minus = pd_to_regina(bench.minus_pd(pd))
    # same projection, every crossing switched, orientation reversed: identical diagrams up to relabelling
    switched = pd_to_regina(pd)
    switched.changeAll()
    switched.reverse()
    assert minus.sig(False, False, False) == switched.sig(False, False, False)
    # regina's reflect() gives the planar mirror diagram: the same up to rotating the diagram over
    reflected = pd_to_regina(pd)
    reflected.reflect()
    reflected.reverse()
    assert minus.sig(True, False, True) == reflected.sig(True, False, True)


@pytest.mark.parametrize("name", ["3_1", "8_17", "9_32", "10_132"])
def test_sum_mirror_matches_regina_compose_and_is_algebraically_slice(name):
    pd = knotinfo_pd(name)
    summed = bench.sum_mirror_pd(pd)
    assert summed.crossing_count == 2 * pd.crossing_count and summed.components == 1
    minus = pd_to_regina(pd)
    minus.reflect()
    minus.reverse()
    composed = pd_to_regina(pd)
    composed.composeWith(minus)
    assert str(pd_to_regina(summed).jones()) == str(composed.jones())
    assert link_signature(summed) == 0
    det = link_determinant(summed)
    assert det == link_determinant(pd) ** 2 and isqrt(det) ** 2 == det


def test_reverse_keeps_the_knot_and_reverses_the_strand():
    pd = knotinfo_pd("8_17")
    reversed_pd = bench.reverse_pd(pd)
    assert pd_to_regina(reversed_pd).sig(False, False, False) == pd_to_regina(pd).sig(False, True, False)
    (order,) = reversed_pd.edge_components()
    assert order == sorted(order)  # labels increase along the new orientation


def test_random_knots_are_deterministic_and_sized():
    first = bench.random_knots([9, 12], seed=3)
    second = bench.random_knots([9, 12], seed=3)
    assert first == second
    assert [abs(k.crossing_count - t) <= 1 for k, t in zip(first, [9, 12])] == [True, True]
    assert all(k.components == 1 for k in first)


def test_sum_mirror_set_has_table_and_random_knots_sorted():
    drawn = bench.instances("sum-mirror", seed=0, count=2)
    assert [item.note.split()[0] for item in drawn] == ["table", "random"]
    assert [item.crossings for item in drawn] == sorted(item.crossings for item in drawn)
    assert all(16 <= item.crossings <= 70 and item.knot.source.startswith("sum-mirror:") for item in drawn)
    assert drawn[0].name.endswith("#-" + drawn[0].name.split("#")[0])


def test_sum_mirror_plain_draws_the_same_knots_without_symmetry():
    from pybridge.knots.invariants import link_determinant, link_signature
    from pybridge.moves.pd import PDState
    from pybridge.moves.symmetric_union import mirror_symmetry

    symmetric = bench.instances("sum-mirror", seed=0, count=2)
    plain = bench.instances("sum-mirror-plain", seed=0, count=2)
    assert [item.name for item in plain] == [item.name for item in symmetric]
    for one, other in zip(plain, symmetric):
        assert one.knot.source.startswith("sum-mirror-plain:")
        # the same knot K # -K: slice invariants agree (sigma = 0, det a square), the drawing differs
        assert link_signature(one.knot.pd) == link_signature(other.knot.pd) == 0
        assert link_determinant(one.knot.pd) == link_determinant(other.knot.pd)
        assert mirror_symmetry(PDState.from_pd(other.knot.pd)) is not None
        assert mirror_symmetry(PDState.from_pd(one.knot.pd)) is None
        assert one.knot.pd.crossings != other.knot.pd.crossings


def test_reference_times_out_on_13n_3162():
    item = bench.Instance("knotinfo-slice-13", "13n_3162",
                          bench._pd_knot(knotinfo_pd("13n_3162"), "knotinfo:13n_3162", "13n_3162"))
    row = bench.run_reference(item, 0.5)
    assert not row.solved and row.note == "timeout after 0.5 s" and row.seconds < 5


def test_tiny_run_writes_reports_and_valid_certificates(tmp_path):
    rows, coq_line = bench.run(tmp_path, "knotinfo-slice-12", ["auto"], budget_s=20, reference_budget_s=20,
                               limit=3, coq_sample_size=1 if shutil.which("coqc") else 0)
    for name in ("results.csv", "summary.md", "plot.png"):
        assert (tmp_path / name).stat().st_size > 0
    with open(tmp_path / "results.csv") as handle:
        table = list(csv.DictReader(handle))
    assert [(r["name"], r["method"]) for r in table] == [
        (n, m) for n in ("6_1", "8_8", "8_9") for m in ("auto", bench.REFERENCE)]
    for row in table:
        assert row["set"] == "knotinfo-slice-12" and int(row["crossings"]) in (6, 8)
        if row["method"] == "auto":
            # either a checked certificate or a note saying why not
            assert (row["solved"] == "True") == bool(row["certificate"]) == (row["trusted_check"] == "valid")
            assert row["note"].startswith("found by auto") or row["note"].startswith("not found within")
        else:
            assert row["solved"] == "True" and row["note"].startswith("ends in ") and row["bands"] in ("1", "2")
    written = sorted((tmp_path / "certs" / "auto").glob("*.yaml"))
    assert len(written) == sum(r["certificate"] != "" for r in table) >= 1
    for path in written:
        cert = read_certificate(path)
        assert cert.kind == "ribbon" and check_certificate(cert).valid
    summary = (tmp_path / "summary.md").read_text()
    assert "| auto |" in summary and f"| {bench.REFERENCE} | 3/3" in summary
    assert "Median seconds, auto / spherogram-search" in summary
    assert "no move-level certificate" in summary
    assert "Slice obstructions reported (must be 0 on these sets): 0" in summary
    if shutil.which("coqc"):
        assert coq_line == "Coq accepted 1 of a random sample of 1 certificates"


def test_summary_buckets_and_failures_for_sum_mirror(tmp_path):
    def row(name, crossings, method, solved, seconds, note):
        return bench.Row("sum-mirror", name, crossings, method, solved, seconds, 1 if solved else None,
                         5 if solved and method == "auto" else None, "", "valid" if solved else "", note)

    rows = [row("a", 16, "auto", True, 1.0, "found by auto:bands"),
            row("a", 16, bench.REFERENCE, True, 0.5, "ends in unknot"),
            row("b", 60, "auto", False, 60.0, "not found within 60 s"),
            row("b", 60, bench.REFERENCE, False, 60.0, "timeout after 60 s")]
    bench.write_outputs(tmp_path, rows, "Coq sample not requested", set_name="sum-mirror", agents=["auto"],
                        budget_s=60, reference_budget_s=60, seed=0)
    summary = (tmp_path / "summary.md").read_text()
    assert "| 16–30 | auto | 1 | 1/1 (100%) |" in summary
    assert "| 51–70 | spherogram-search | 1 | 0/1 (0%) |" in summary
    assert "b (60 cr., not found within 60 s)" in summary
    assert "30.500 / 30.250 = **1.01×**" in summary
    assert (tmp_path / "plot.png").stat().st_size > 0


def _item(name="6_1"):
    return bench.Instance("knotinfo-slice-12", name, bench._pd_knot(knotinfo_pd(name), f"knotinfo:{name}", name))


def test_an_agent_overrunning_its_budget_is_killed_and_recorded(tmp_path, monkeypatch):
    import time

    import pybridge.ribbon.certify

    monkeypatch.setattr(pybridge.ribbon.certify, "certify_ribbon", lambda *args, **kw: time.sleep(30))
    row = bench.run_agent(_item(), "auto", 0.2, 0, tmp_path, grace_s=0.5)
    assert not row.solved and row.note.startswith("killed: still running") and row.seconds < 10


def test_an_agent_crashing_the_interpreter_is_recorded(tmp_path, monkeypatch):
    import os
    import signal

    import pybridge.ribbon.certify

    monkeypatch.setattr(pybridge.ribbon.certify, "certify_ribbon", lambda *args, **kw: os.kill(os.getpid(), signal.SIGKILL))
    row = bench.run_agent(_item(), "auto", 5, 0, tmp_path)
    assert not row.solved and row.note == "error: the search crashed (signal 9)"
