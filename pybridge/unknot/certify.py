"""Certify the unknot (unlink): obstruct, search braids or PD diagrams, re-check (``pybridge unknot``).

A certificate is returned only after the trusted checker has accepted it (:func:`pybridge.pipeline.checked`).
"""

from __future__ import annotations

from ..certs import Certificate
from ..errors import PybridgeError
from ..knots import BraidWord, Knot
from ..pipeline import Certified, NotFoundError, checked, pd_start, provenance


class NotUnknottedError(PybridgeError):
    """The input is provably not the unknot/unlink (an invariant says so): exit code 1."""

    exit_code = 1


def unknotting_obstruction(braid: BraidWord) -> str | None:
    """A reason why the closure of ``braid`` is not the unknot/unlink (see :func:`pd_obstruction`)."""
    from ..knots.convert import braid_to_pd

    return pd_obstruction(braid_to_pd(braid))


def pd_obstruction(pd) -> str | None:
    """A reason why the diagram ``pd`` is not the unknot/unlink, or ``None`` if none is seen.

    Delegates to :func:`pybridge.knots.unknot_obstructions.unknot_obstruction`: signature,
    determinant, linking numbers (exact, in process), then Alexander and Jones polynomials and the
    knot Floer genus (on a simplified diagram, in a child process under a time limit), cheapest first,
    stopping at the first that proves the claim false. The message names that invariant.
    """
    from ..knots.unknot_obstructions import unknot_obstruction

    found = unknot_obstruction(pd)
    return None if found is None else str(found)


def braid_of(knot: Knot) -> BraidWord:
    """The braid the search runs on (a braid SPEC, or KnotInfo's braid representative)."""
    return knot.diagram if isinstance(knot.diagram, BraidWord) else knot.braid


def certify_unknot(knot: Knot, agent: str = "auto", budget_s: float = 30.0, seed: int = 0) -> Certified:
    """Certify that ``knot`` is the unknot (a k-component link: the k-component unlink).

    The route follows the SPEC: a ``braid:`` SPEC or a KnotInfo name (which has a table braid) is
    reduced in the braid calculus by ``agent``; a PD, DT or SnapPy-name SPEC — or any SPEC when
    ``agent`` is one of :data:`PD_AGENTS` — is simplified in the planar-diagram calculus
    (:func:`certify_unknot_pd`).
    """
    if agent in PD_AGENTS:
        return certify_unknot_pd(knot, budget_s, seed, agent)
    if isinstance(knot.diagram, BraidWord) or knot.braid is not None:
        return certify_unknot_braid(knot, agent, budget_s, seed)
    return certify_unknot_pd(knot, budget_s, seed)


#: PD-calculus simplifiers: ``global`` (default; with compiled pass rerouting) and ``basic`` (without)
PD_AGENTS = ("global", "basic")


def certify_unknot_pd(knot: Knot, budget_s: float = 30.0, seed: int = 0, agent: str = "global") -> Certified:
    """PD route of :func:`certify_unknot`: recorded Reidemeister simplification to no crossings.

    ``agent`` ``global`` is :func:`pybridge.moves.pd.simplify_global` (R1/R2/R3 plus over- and
    underpass rerouting compiled into Reidemeister moves); ``basic`` is the earlier recorded
    simplifier without rerouting (:func:`pybridge.moves.pd.simplify_recorded`), kept as a baseline.
    """
    import time

    from ..moves.pd import replay, simplify_global, simplify_recorded

    if agent == "auto":
        agent = "global"
    if agent not in PD_AGENTS:
        raise ValueError(f"unknown PD agent {agent!r}; choose from {', '.join(PD_AGENTS)}")
    simplify = simplify_global if agent == "global" else simplify_recorded

    pd = knot.pd
    kind = "unknot" if pd.components == 1 else "unlink"
    reason = pd_obstruction(pd)
    if reason:
        raise NotUnknottedError(f"{knot.spec} is not the {kind}: {reason}")
    state = pd_start(knot)
    start = time.monotonic()
    steps = simplify(state, seed=seed, time_limit_s=budget_s)
    seconds = time.monotonic() - start
    final = replay(state, steps)
    if final.crossings:
        raise NotFoundError(f"{knot.spec}: simplification stopped at {len(final.crossings)} crossings within "
                            f"{budget_s:g} s; no {kind} certificate")
    cert = Certificate.create(kind, "pd", state.as_input(), {"components": pd.components}, steps,
                              provenance(knot, f"pd-{agent}", seed, seconds))
    return checked(cert, f"pd-{agent}", seconds)


def certify_unknot_braid(knot: Knot, agent: str = "auto", budget_s: float = 30.0, seed: int = 0) -> Certified:
    """Braid route of :func:`certify_unknot`: reduce ``knot``'s braid to the trivial braid.

    Raises :class:`NotUnknottedError` when an invariant proves the claim false, :class:`NotFoundError`
    when the budget runs out, and :class:`SelfCheckError` if the trusted checker rejects what the
    search produced (a bug).
    """
    from .agents import reduce_braid
    from ..moves.braid import BraidState

    braid = braid_of(knot)
    reason = unknotting_obstruction(braid)
    kind = "unknot" if braid.components == 1 else "unlink"
    if reason:
        raise NotUnknottedError(f"{knot.spec} is not the {kind}: {reason}")
    result = reduce_braid(BraidState(braid.strands, braid.word), agent, target_strands=braid.components,
                          budget_s=budget_s, seed=seed)
    if result.moves is None:
        raise NotFoundError(f"{knot.spec}: no {kind} certificate found within {budget_s:g} s (agent {agent})")
    cert = Certificate.create(kind, "braid", {"strands": braid.strands, "word": list(braid.word)},
                              {"components": braid.components}, result.moves,
                              provenance(knot, result.agent, seed, result.seconds))
    return checked(cert, result.agent, result.seconds)
