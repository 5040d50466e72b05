"""The table improvements listed in ``docs/discoveries.md`` stand on their certificates and bounds.

Each certificate under ``certs/discoveries/`` must be accepted by the trusted checker, be listed in the
document, and — for an unknotting interval narrowed from below — the lower bound we compute from the
input diagram must reach the new lower end (here u(12n_873) >= 2 from the Nakanishi index over F_2,
where KnotInfo's interval says [1, 3]).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pybridge.certs.checker import check_file
from pybridge.certs.io import read_certificate
from pybridge.knots.unknotting_bounds import lower_bounds, nakanishi_bound, seifert_matrix

ROOT = Path(__file__).resolve().parents[1]
DISCOVERIES = sorted((ROOT / "certs" / "discoveries").glob("*.yaml"))


@pytest.mark.parametrize("path", DISCOVERIES, ids=[p.stem for p in DISCOVERIES])
def test_discovery_certificates_are_valid_and_listed(path):
    verdict = check_file(path)
    assert verdict.valid, verdict.reason
    assert path.name in (ROOT / "docs" / "discoveries.md").read_text(encoding="utf-8")


def test_12n_873_interval_narrows_to_two_three():
    path = next(p for p in DISCOVERIES if "12n_873" in p.name)
    cert = read_certificate(path)
    assert cert.provenance["source"] == "knotinfo:12n_873" and cert.claim["changes"] == 3
    pd = cert.input["pd"]
    bound = nakanishi_bound(seifert_matrix([tuple(x) for x in pd]))
    assert bound.value == 2 and "F_2: 2" in bound.invariant, bound
    assert lower_bounds(pd, tau=False, levine_tristram=False).value == 2
