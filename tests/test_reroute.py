"""Pass rerouting compiled into Reidemeister moves (``pybridge.moves.reroute``), and the global agent."""

import random

import pytest

from pybridge.certs import Certificate, check_certificate
from pybridge.certs.pd_checker import pd_components
from pybridge.knots import BraidWord
from pybridge.knots.convert import braid_to_pd, pd_to_link
from pybridge.moves.pd import PDState, replay, simplify_global, simplify_recorded
from pybridge.moves.reroute import compile_reroute, passes, random_route, reroute_moves, shortest_routes
from pybridge.moves.scramble import unknot_instance


def _unknot(seed: int, letters: int = 24) -> PDState:
    rng = random.Random(seed)
    braid, _ = unknot_instance(letters, rng, max_strands=5)
    return PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))


def _lengthened(seed: int, times: int = 6) -> PDState:
    """An unknot diagram whose passes were laid along random longer routes (checked moves only)."""
    rng, state = random.Random(seed), _unknot(seed)
    for _ in range(40):
        if times == 0:
            break
        pas = rng.choice(passes(state, min_crossings=1))
        found = random_route(state, pas, rng, min_length=pas.crossings + 2)
        moves = compile_reroute(state, pas, *found) if found else None
        if moves:
            state, times = replay(state, moves), times - 1
    return state


def _strand_kinds(state: PDState) -> dict[int, list[bool]]:
    """For each edge label entering a crossing: whether the strand is over there."""
    kinds = {}
    for entries in pd_components(state.crossings, state.positions):
        for i, p in entries:
            kinds[state.crossings[i][p]] = p % 2 == 1
    return kinds


@pytest.mark.parametrize("seed", range(4))
def test_passes_are_maximal_runs_of_one_kind(seed):
    state = _lengthened(seed)
    kinds = _strand_kinds(state)
    found = passes(state)
    assert found
    for pas in found:
        run = [pas.entry, *pas.inner]
        assert {kinds[label] for label in run} == {pas.over}
        assert kinds[pas.exit] != pas.over  # maximal: the strand changes level after the pass


@pytest.mark.parametrize("seed", range(6))
def test_a_shorter_route_saves_exactly_k_minus_m_crossings(seed):
    state = _lengthened(seed)
    tried = 0
    for pas in passes(state):
        routes = shortest_routes(state, pas)
        if not routes or len(routes[0][2]) >= pas.crossings:
            continue
        moves = reroute_moves(state, pas)
        if moves is None:
            continue
        tried += 1
        after = replay(state, moves)  # the trusted checker's moves, one by one
        assert after.crossing_count < state.crossing_count
        assert after.components == state.components
    assert tried, "no pass of the lengthened diagram could be shortened"


def test_a_longer_random_route_compiles_and_adds_m_minus_k():
    rng, state = random.Random(3), _unknot(3)
    done = 0
    for pas in passes(state, min_crossings=1):
        found = random_route(state, pas, rng, min_length=pas.crossings + 3)
        if found is None:
            continue
        moves = compile_reroute(state, pas, *found)
        if moves is None:
            continue
        done += 1
        side, route = found
        assert replay(state, moves).crossing_count == state.crossing_count + len(route) - pas.crossings
    assert done >= 3


def test_global_agent_certifies_the_gordian_unknot():
    """Haken's Gordian unknot (141 crossings, regina's ExampleLink) needs rerouting; the basic
    recorded simplifier stalls on it."""
    regina = pytest.importorskip("regina")
    from pybridge.knots.pd import PDCode

    state = PDState.from_pd(PDCode(regina.ExampleLink.gordian().pdData()))
    assert state.crossing_count == 141
    steps = simplify_global(state, seed=0, time_limit_s=240)
    assert replay(state, steps).crossing_count == 0
    cert = Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": "pd-global", "seed": 0, "source": "regina:ExampleLink.gordian"})
    assert check_certificate(cert).valid
    basic = replay(state, simplify_recorded(state, seed=0, time_limit_s=10))
    assert basic.crossing_count > 50
    link = pd_to_link(state.to_pdcode())
    link.simplify("basic")
    assert len(link.crossings) > 0  # no R1/R2 simplification alone undoes it


def test_hard_bench_instances_are_hard_for_basic_moves():
    from pybridge.unknot.bench_hard import hard_instances
    from pybridge.moves.pd import bigons, kinks

    drawn = hard_instances(2, seed=5)
    assert drawn
    for _, bucket, state in drawn:
        low, high = map(int, bucket.split("-"))
        assert low <= state.crossing_count <= high
        assert not kinks(state) and not bigons(state)
        assert replay(state, simplify_global(state, seed=0, time_limit_s=30)).crossing_count == 0


def test_bench_unknot_hard_writes_a_bucket_table(tmp_path):
    from pybridge.unknot.bench_hard import run_hard

    rows = run_hard(tmp_path, count=2, budget_s=10, seed=1, coq_sample_size=0)
    summary = (tmp_path / "summary.md").read_text()
    assert "| 15-30 | pd-global |" in summary and "snappy-global" in summary
    assert (tmp_path / "plot.png").stat().st_size > 0
    assert all(row.trusted_check == "valid" for row in rows if row.certificate)
