"""Certify that a knot is ribbon: slice obstructions first, then band search, re-check (``pybridge ribbon``).

A certificate is returned only after the trusted checker has accepted it (:func:`pybridge.pipeline.checked`).
"""

from __future__ import annotations

from ..errors import PybridgeError
from ..knots import Knot
from ..pipeline import Certified, NotFoundError, checked, pd_start


class SliceObstructedError(PybridgeError):
    """The knot is provably not slice (hence not ribbon): exit code 1, no search is run."""

    exit_code = 1

    def __init__(self, message: str, obstruction=None):
        super().__init__(message)
        self.obstruction = obstruction


#: largest simplified diagram handed to regina's solid-torus test after a failed search (it can take minutes above)
REGINA_UNKNOT_CROSSINGS = 16


def _is_unknot(pd) -> bool:
    """Whether the knot ``pd`` is certainly the unknot, decided cheaply after a failed search: a determinant
    other than 1 says knotted at once; otherwise the simplified diagram
    (:func:`pybridge.knots.identify.simplified`) has no crossings, or has at most
    :data:`REGINA_UNKNOT_CROSSINGS` crossings and regina's solid-torus test (``isSolidTorus``) accepts it.
    ``False`` when undecided (the message then says only that no certificate was found)."""
    from ..knots.identify import simplified
    from ..knots.invariants import link_determinant, regina_unknot

    if link_determinant(pd) != 1:
        return False
    small = simplified(pd)
    if not small.crossings:
        return True
    return small.crossing_count <= REGINA_UNKNOT_CROSSINGS and bool(regina_unknot(small))


def certify_ribbon(knot: Knot, agent: str = "auto", budget_s: float = 60.0, seed: int = 0,
                   *, obstruct: bool = True) -> Certified:
    """Certify that ``knot`` is ribbon: a PD ``ribbon`` certificate accepted by the trusted checker.

    Before searching, the slice obstructions of :mod:`pybridge.knots.slice` are computed (signature,
    determinant, Fox–Milnor, τ, ε); if one applies, :class:`SliceObstructedError` is raised and no
    search runs — a slice obstruction and a ribbon certificate can never both be produced. Raises
    :class:`NotFoundError` when ``agent`` (see :data:`pybridge.ribbon.agents.RIBBON_AGENTS`)
    finds nothing within ``budget_s`` seconds, :class:`~pybridge.errors.InvalidDiagramError` for a
    link (ribbon certificates start from a knot), :class:`SelfCheckError` if the checker rejects
    what the search produced.
    """
    from .bands import ribbon_certificate
    from .agents import find_ribbon
    from ..errors import InvalidDiagramError

    pd = knot.pd
    if pd.components != 1:
        raise InvalidDiagramError(f"{knot.spec} has {pd.components} components; a ribbon certificate starts from a knot")
    if obstruct:
        from ..knots.slice import slice_obstruction

        found = slice_obstruction(pd)
        if found is not None:
            raise SliceObstructedError(f"{knot.spec} is not slice, so not ribbon: {found}", found)
    start = pd_start(knot)
    result = find_ribbon(start, agent, budget_s=budget_s, seed=seed, knot=knot)
    if result.certificate is None:
        if _is_unknot(pd):
            raise NotFoundError(f"{knot.spec} is the unknot (regina: its complement is a solid torus): it bounds a "
                                f"disc with no band, and a ribbon certificate has at least one band; certify it "
                                f"with `pybridge unknot {knot.spec}` instead")
        raise NotFoundError(f"{knot.spec}: no ribbon certificate found within {budget_s:g} s (agent {agent}); "
                            f"no slice obstruction applies either")
    return checked(result.certificate, result.agent, result.seconds)
