"""From a knot SPEC to a checked ``unknotting`` certificate and its lower bounds."""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass

from .. import __version__
from ..certs.checker import check_certificate
from ..certs.model import Certificate
from ..errors import InvalidDiagramError, PybridgeError, SelfCheckError
from ..knots.spec import Knot
from ..knots.unknotting_bounds import BoundsReport, lower_bounds
from ..moves.pd import PDState
from .search import UnknottingSearch

#: search agents: how many ranked candidates each level explores
AGENTS = {"ranked": 6, "greedy": 1, "wide": 12}


class UnknottingNotFoundError(PybridgeError):
    """No unknotting sequence within the budget: exit code 1 (the lower bounds are still reported)."""

    exit_code = 1

    def __init__(self, message: str, bounds: BoundsReport):
        super().__init__(message)
        self.bounds = bounds


@dataclass
class UnknottingResult:
    """A checked certificate (``u(K) <= upper``), the lower bounds, and whether they meet."""

    certificate: Certificate
    upper: int
    bounds: BoundsReport
    seconds: float
    agent: str

    @property
    def exact(self) -> bool:
        return self.bounds.value == self.upper

    def summary(self) -> dict:
        best = self.bounds.best
        return {"upper_bound": self.upper, "lower_bound": self.bounds.value, "exact": self.exact,
                "met_by": best.name if self.exact and best is not None else None,
                "seconds": round(self.seconds, 3), "agent": self.agent, "sha256": self.certificate.sha256,
                "steps": len(self.certificate.steps), "bounds": [b.as_dict() for b in self.bounds.bounds],
                "notes": self.bounds.notes}


def start_state(knot: Knot) -> PDState:
    """The diagram the certificate starts from: the SPEC's own PD labels when they are positive."""
    pd = knot.pd
    labels = [label for crossing in pd.crossings for label in crossing]
    if labels and min(labels) >= 1:
        return PDState(tuple(tuple(c) for c in pd.crossings), pd.free_components)
    return PDState.from_pd(pd)


def certify_unknotting(knot: Knot, *, agent: str = "ranked", budget_s: float = 60.0, seed: int = 0,
                       progress=None, bounds: BoundsReport | None = None,
                       stop_at: int | None = None) -> UnknottingResult:
    """Search an unknotting sequence for ``knot`` and return the checked certificate with the bounds.

    The search stops early when a lower bound meets the certified bound (or, with ``stop_at``, once the bound
    is at most ``stop_at``); otherwise it spends the budget trying to lower it. Raises :class:`InvalidDiagramError` for a link or a diagram with free components,
    :class:`UnknottingNotFoundError` when nothing is found within ``budget_s``, :class:`SelfCheckError`
    if the trusted checker rejects the produced certificate (a bug).
    """
    if agent not in AGENTS:
        raise InvalidDiagramError(f"unknown agent {agent!r}; choose from {', '.join(AGENTS)}")
    pd = knot.pd
    if pd.components != 1 or pd.free_components:
        raise InvalidDiagramError(f"{knot.spec} has {pd.components} components; the unknotting number is defined "
                                  "for knots (one component, no free circles)")
    begin = time.monotonic()
    state = start_state(knot)
    if bounds is None:
        bounds = lower_bounds(state.crossings)
    remaining = max(1.0, budget_s - (time.monotonic() - begin))
    outcome = UnknottingSearch(state, budget_s=remaining, seed=seed, beam=AGENTS[agent], progress=progress).run(
        lower=bounds.value, stop_at=stop_at)
    seconds = time.monotonic() - begin
    if outcome.steps is None:
        raise UnknottingNotFoundError(f"{knot.spec}: no unknotting sequence found within {budget_s:g} s "
                                      f"(tried up to {outcome.depth_reached} change(s))", bounds)
    provenance = {"agent": f"unknotting-{agent}", "seed": seed, "time": round(seconds, 3), "version": __version__,
                  "source": knot.source, "python": platform.python_version()}
    cert = Certificate.create("unknotting", "pd", state.as_input(), {"changes": outcome.changes},
                              [list(step) for step in outcome.steps], provenance)
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise SelfCheckError(f"the unknotting certificate for {knot.spec} failed the trusted check: {verdict}")
    return UnknottingResult(cert, outcome.changes, bounds, seconds, agent)
