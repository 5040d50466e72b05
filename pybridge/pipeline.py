"""From a knot SPEC to a checked certificate: obstruct, search, certify, re-check, write.

This is the data flow of DESIGN.md (``knots`` → ``agents`` → ``certs``) for the ``pybridge unknot``
command. A certificate is returned only after the trusted checker has accepted it.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from . import __version__
from .certs import Certificate, check_certificate
from .errors import PybridgeError, SelfCheckError
from .knots import BraidWord, Knot


class NotUnknottedError(PybridgeError):
    """The input is provably not the unknot/unlink (an invariant says so): exit code 1."""

    exit_code = 1


class NotFoundError(PybridgeError):
    """The search did not find a certificate within its budget: exit code 1."""

    exit_code = 1


@dataclass(frozen=True)
class Certified:
    """A certificate accepted by the trusted checker, and how it was found."""

    certificate: Certificate
    agent: str
    seconds: float


def unknotting_obstruction(braid: BraidWord) -> str | None:
    """A reason why the closure of ``braid`` is not the unknot/unlink, or ``None`` if none is seen.

    Exact invariants of our own (``pybridge.knots``): a knot with determinant ≠ 1 or signature ≠ 0 is
    knotted; a link with a non-zero linking number or signature is not the unlink.
    """
    from .knots.convert import braid_to_pd
    from .knots.invariants import link_determinant, link_signature, linking_numbers

    pd = braid_to_pd(braid)
    sigma = link_signature(pd)
    if sigma != 0:
        return f"signature {sigma} ≠ 0"
    if braid.components == 1:
        det = link_determinant(pd)
        return f"determinant {det} ≠ 1" if det != 1 else None
    linked = {pair: lk for pair, lk in linking_numbers(pd).items() if lk}
    if linked:
        pair, lk = next(iter(linked.items()))
        return f"linking number lk({pair}) = {lk} ≠ 0"
    return None


def braid_of(knot: Knot) -> BraidWord:
    """The braid the search runs on (a braid SPEC, or KnotInfo's braid representative)."""
    if isinstance(knot.diagram, BraidWord):
        return knot.diagram
    if knot.braid is not None:
        return knot.braid
    from .errors import SpecError

    raise SpecError(
        f"{knot.spec}: no braid representative; PD-diagram unknotting lands with the planar-diagram "
        "calculus (give a braid: SPEC or a KnotInfo name)"
    )


def certify_unknot(knot: Knot, agent: str = "auto", budget_s: float = 30.0, seed: int = 0) -> Certified:
    """Search for an unknotting (unlink) sequence of ``knot``'s braid and return the checked certificate.

    Raises :class:`NotUnknottedError` when an invariant proves the claim false, :class:`NotFoundError`
    when the budget runs out, and :class:`SelfCheckError` if the trusted checker rejects what the
    search produced (a bug).
    """
    from .agents.unknot import reduce_braid
    from .moves.braid import BraidState

    braid = braid_of(knot)
    reason = unknotting_obstruction(braid)
    kind = "unknot" if braid.components == 1 else "unlink"
    if reason:
        raise NotUnknottedError(f"{knot.spec} is not the {kind}: {reason}")
    result = reduce_braid(BraidState(braid.strands, braid.word), agent, target_strands=braid.components,
                          budget_s=budget_s, seed=seed)
    if result.moves is None:
        raise NotFoundError(f"{knot.spec}: no {kind} certificate found within {budget_s:g} s (agent {agent})")
    provenance = {
        "agent": result.agent, "seed": seed, "time": round(result.seconds, 3), "version": __version__,
        "source": knot.source if knot.source not in ("braid", "pd", "dt") else knot.spec[:200],
        "python": platform.python_version(),
    }
    cert = Certificate.create(kind, "braid", {"strands": braid.strands, "word": list(braid.word)},
                              {"components": braid.components}, result.moves, provenance)
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise SelfCheckError(f"the certificate produced by {result.agent} failed the trusted check: {verdict}")
    return Certified(cert, result.agent, result.seconds)
