"""From a search result to a checked certificate: the step every search capability shares.

The data flow of DESIGN.md (``knots`` → search → ``certs``): :mod:`pybridge.unknot.certify`
(``pybridge unknot``) and :mod:`pybridge.ribbon.certify` (``pybridge ribbon``) obstruct and search; this
module stamps the provenance, re-checks the certificate with the trusted checker
(:func:`checked`) and says where a PD search starts (:func:`pd_start`). A certificate is returned only
after the trusted checker has accepted it. Imports no capability.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from . import __version__
from .certs import Certificate, check_certificate
from .errors import PybridgeError, SelfCheckError
from .knots import Knot




class NotFoundError(PybridgeError):
    """The search did not find a certificate within its budget: exit code 1."""

    exit_code = 1


@dataclass(frozen=True)
class Certified:
    """A certificate accepted by the trusted checker, and how it was found."""

    certificate: Certificate
    agent: str
    seconds: float


def provenance(knot: Knot, agent: str, seed: int, seconds: float) -> dict:
    return {
        "agent": agent, "seed": seed, "time": round(seconds, 3), "version": __version__,
        "source": knot.source,
        "python": platform.python_version(),
    }


def checked(cert: Certificate, agent: str, seconds: float) -> Certified:
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise SelfCheckError(f"the certificate produced by {agent} failed the trusted check: {verdict}")
    return Certified(cert, agent, seconds)


def pd_start(knot: Knot):
    """The PD state a PD-calculus search starts from: the SPEC's own PD labels when they are positive."""
    from .moves.pd import PDState

    pd = knot.pd
    labels = [label for crossing in pd.crossings for label in crossing]
    if labels and min(labels) >= 1:
        return PDState(tuple(tuple(c) for c in pd.crossings), pd.free_components)
    return PDState.from_pd(pd)
