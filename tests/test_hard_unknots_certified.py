"""Every classic hard unknot diagram is certified by the default PD agent and checked by Python and Coq."""

import pytest

from pybridge.certs import check_certificate
from pybridge.knots import parse_spec
from pybridge.knots.hard_unknots import HARD_UNKNOTS
from pybridge.unknot.certify import certify_unknot_pd

CERTIFIED = {}


@pytest.mark.parametrize("name", HARD_UNKNOTS)
def test_the_global_agent_certifies_each_hard_unknot(name):
    knot = parse_spec(name)
    certified = certify_unknot_pd(knot, budget_s=120, seed=0, agent="global")
    cert = certified.certificate
    assert cert.kind == "unknot" and cert.input["pd"] == [list(c) for c in knot.pd.crossings]  # the published code
    assert check_certificate(cert).valid
    CERTIFIED[name] = cert


def test_coq_accepts_the_hard_unknot_certificates():
    from pybridge.prover.coq import check_with_coq

    missing = [name for name in HARD_UNKNOTS if name not in CERTIFIED]
    assert not missing, f"certify these first (run the whole module): {missing}"
    results = check_with_coq([CERTIFIED[name] for name in HARD_UNKNOTS])
    assert [result.valid for result in results] == [True] * len(HARD_UNKNOTS)
