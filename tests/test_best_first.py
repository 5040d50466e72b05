"""The best-first braid search and the ribbon search; every result goes through the trusted checker."""

from pathlib import Path

import pytest

from pybridge.unknot.best_first import (
    best_first_reduce,
    components,
    ribbon_search,
    successors,
)
from pybridge.certs import Certificate, check_certificate, check_file
from pybridge.certs.checker import apply_move as trusted_apply
from pybridge.knots.catalog import knotinfo_braids
from pybridge.moves.braid import BraidState
from pybridge.moves.scramble import scrambled_trivial

EXAMPLES = Path(__file__).resolve().parent.parent / "certs" / "examples"


def certify(kind: str, state: BraidState, claim: dict, steps: list):
    cert = Certificate.create(
        kind, "braid", {"strands": state.strands, "word": list(state.word)}, claim, steps, {"agent": "test"}
    )
    return check_certificate(cert)


@pytest.mark.parametrize("strands, seed", [(2, 1), (3, 2), (4, 3), (5, 4), (6, 5), (8, 6), (12, 7)])
def test_reduces_scrambled_unknots(strands, seed):
    state, construction = scrambled_trivial(strands, 80, seed, max_length=24)
    assert components(state) == 1 and len(state.word) > 0
    steps = best_first_reduce(state, max_expansions=20_000, time_limit_s=10)
    assert steps is not None
    verdict = certify("unknot", state, {"components": 1}, steps)
    assert verdict.valid, str(verdict)


def test_reduces_scrambled_unlink():
    state, _ = scrambled_trivial(5, 60, 11, components=3, max_length=20)
    steps = best_first_reduce(state, target_strands=3, max_expansions=20_000)
    assert steps is not None
    assert certify("unlink", state, {"components": 3}, steps).valid


def test_deterministic():
    state, _ = scrambled_trivial(6, 100, 9, max_length=26)
    assert best_first_reduce(state) == best_first_reduce(state)


def test_trefoil_is_not_reduced():
    trefoil = BraidState(2, (1, 1, 1))
    assert best_first_reduce(trefoil, max_expansions=1_000) is None
    assert best_first_reduce(trefoil, max_expansions=300, allow_inserts=True, time_limit_s=5) is None


def test_wrong_component_count_is_refused():
    assert best_first_reduce(BraidState(2, (1, 1)), target_strands=1) is None
    assert best_first_reduce(BraidState(3, ()), target_strands=3) == []


def test_successor_steps_are_legal_for_the_trusted_checker():
    state, _ = scrambled_trivial(5, 60, 3, max_length=20)
    for steps, after in successors(state, inserts=True, stabilizations=True, commutes=True):
        strands, word = state.strands, list(state.word)
        for step in steps:
            strands, word = trusted_apply(strands, word, step)
        assert (strands, tuple(word)) == tuple(after)


def test_ribbon_search_8_20():
    braid = knotinfo_braids("8_20")[0]
    state = BraidState(braid.strands, braid.word)
    steps = ribbon_search(state, max_bands=1)
    assert steps is not None and steps[0][0] == "smooth"
    bands = sum(1 for step in steps if step[0] == "smooth")
    assert bands == 1
    verdict = certify("ribbon", state, {"bands": bands}, steps)
    assert verdict.valid, str(verdict)


def test_ribbon_search_refuses_links():
    assert ribbon_search(BraidState(2, (1, 1))) is None


def test_example_files_pass_the_checker():
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        verdict = check_file(path)
        assert verdict.valid, f"{path.name}: {verdict}"
