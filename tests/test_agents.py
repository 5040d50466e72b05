"""Agents solve small fixed instances; every answer is a certificate the trusted checker accepts."""

import random

import pytest

from pybridge.unknot.agents import AGENTS, reduce_braid
from pybridge.certs import Certificate, check_certificate
from pybridge.errors import ToolMissingError
from pybridge.moves.braid import BraidState
from pybridge.moves.scramble import unknot_instance
from pybridge.unknot.certify import NotUnknottedError, certify_unknot
from pybridge.knots import parse_spec

FIXED = [BraidState(3, (1, 2, 1, -2, -1, 1)), BraidState(4, (-2, 1, -2, 3, 2)), BraidState(4, (1, -2, 3, 2, -3, -2, 2)),
         BraidState(2, (1, 1, -1))]


def certificate_for(state: BraidState, moves) -> Certificate:
    return Certificate.create("unknot", "braid", {"strands": state.strands, "word": list(state.word)},
                              {"components": 1}, moves)


@pytest.mark.parametrize("agent", [a for a in AGENTS if a != "rl"])
def test_agents_solve_fixed_and_scrambled_unknots(agent):
    instances = FIXED + [unknot_instance(length, random.Random(length), max_strands=6)[0] for length in (10, 20, 30)]
    if agent == "random":  # σ3σ2σ3⁻¹ needs the mixed-sign relation, outside the walker's move set (the paper's)
        instances.remove(BraidState(4, (1, -2, 3, 2, -3, -2, 2)))
    for state in instances:
        result = reduce_braid(state, agent, budget_s=10, seed=1)
        assert result.moves is not None, (agent, state)
        assert check_certificate(certificate_for(state, result.moves)).valid


def test_rl_agent_or_a_clear_missing_policy_error():
    state = FIXED[0]
    try:
        result = reduce_braid(state, "rl", budget_s=5)
    except ToolMissingError as exc:
        assert "train" in str(exc)
    else:
        assert result.moves is not None and check_certificate(certificate_for(state, result.moves)).valid


def test_seeded_random_walker_is_reproducible():
    state = unknot_instance(30, random.Random(3), max_strands=6)[0]
    first = reduce_braid(state, "random", seed=5, budget_s=10).moves
    assert first == reduce_braid(state, "random", seed=5, budget_s=10).moves
    assert first != reduce_braid(state, "random", seed=6, budget_s=10).moves


def test_pipeline_refuses_knotted_inputs_and_certifies_unlinks():
    with pytest.raises(NotUnknottedError, match="signature -2"):
        certify_unknot(parse_spec("braid:1,1,1"))
    with pytest.raises(NotUnknottedError, match="determinant 9"):
        certify_unknot(parse_spec("8_20"))
    certified = certify_unknot(parse_spec("braid:3:1,-1,2,-2"), budget_s=5)
    assert certified.certificate.kind == "unlink" and certified.certificate.claim == {"components": 3}
    assert check_certificate(certified.certificate).valid


def test_pd_specs_take_the_planar_diagram_route():
    import regina

    monster = [list(c) for c in regina.ExampleLink.monster().pdData()]
    certified = certify_unknot(parse_spec("pd:" + str(monster)), budget_s=20)
    cert = certified.certificate
    assert cert.calculus == "pd" and cert.kind == "unknot" and cert.input["pd"] == monster
    assert check_certificate(cert).valid
    with pytest.raises(NotUnknottedError, match="signature -2"):
        certify_unknot(parse_spec("pd:[[1,5,2,4],[3,1,4,6],[5,3,6,2]]"))
    with pytest.raises(NotUnknottedError, match="not the unlink"):
        certify_unknot(parse_spec("L2a1"))
