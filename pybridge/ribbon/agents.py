"""One entry point for ribbon search: pick an agent by name, run it within a time budget.

Agents (each returns a ``ribbon`` certificate that the caller re-checks with the trusted checker):

* ``bands`` — best-first fission-band search with spherogram's look-ahead (:func:`pybridge.ribbon.bands.band_search`);
* ``walk`` — the weighted random walk of Gukov–Halverson–Manolescu–Ruehle (arXiv 2304.09304) over
  bands routed in the dual graph, with weights tuned by optuna (:mod:`pybridge.ribbon.walk`);
* ``rl`` — a MaskablePPO policy choosing among ranked band candidates in :class:`pybridge.ribbon.env.RibbonEnv`
  (:mod:`pybridge.ribbon.rl`);
* ``braid`` — the braid-calculus route: delete letters of a braid representative (oriented smoothings)
  and reduce to the trivial braid (:mod:`pybridge.ribbon.braid`); needs a braid (a ``braid:``
  SPEC or a KnotInfo name);
* ``symmetric`` — symmetric fission bands on a diagram with a mirror symmetry (a symmetric union such
  as ``K # −K`` drawn as ``D ∪ −D*``; :mod:`pybridge.ribbon.symmetric`); gives up at once on
  diagrams without one;
* ``auto`` — the portfolio, strongest first (docs/benchmarks.md): ``symmetric`` on half the budget when
  the diagram has a mirror symmetry, then ``bands`` on 60% of the rest, then ``braid`` on half the
  rest where a braid is known, then ``walk`` until the budget is spent.
"""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass

from .. import __version__
from ..errors import ToolMissingError
from ..moves.pd import PDState

RIBBON_AGENTS = ("auto", "bands", "symmetric", "walk", "rl", "braid")


@dataclass(frozen=True)
class RibbonAgentResult:
    """A (not yet re-checked) ribbon certificate or ``None``, the agent that found it, seconds spent."""

    certificate: object | None
    agent: str
    seconds: float


def _provenance(knot, agent: str, seed: int, seconds: float) -> dict:
    return {"agent": agent, "seed": seed, "time": round(seconds, 3), "version": __version__,
            "source": getattr(knot, "source", "pd") if knot is not None else "pd",
            "python": platform.python_version()}


def run_pd_agent(name: str, start: PDState, budget_s: float, seed: int):
    """Run the PD-calculus agent ``name`` (``bands``, ``symmetric``, ``walk``, ``rl``); a :class:`~pybridge.ribbon.bands.RibbonSearchResult`."""
    if name == "symmetric":
        from .symmetric import symmetric_band_search

        return symmetric_band_search(start, budget_s=budget_s, seed=seed)
    if name == "bands":
        from .bands import band_search

        return band_search(start, budget_s=budget_s, seed=seed)
    if name == "walk":
        from .walk import weighted_walk

        return weighted_walk(start, budget_s=budget_s, seed=seed)
    if name == "rl":
        from .rl import rl_ribbon

        return rl_ribbon(start, budget_s=budget_s, seed=seed)
    raise ValueError(f"unknown ribbon agent {name!r}; choose from {', '.join(RIBBON_AGENTS)}")


def _run(name: str, start: PDState, budget_s: float, seed: int, knot) -> RibbonAgentResult:
    t0 = time.monotonic()
    if name == "braid":
        from .braid import braid_ribbon_certificate

        braid = _braid_of(knot)
        cert = None
        if braid is not None:
            cert = braid_ribbon_certificate(braid, budget_s=budget_s, seed=seed,
                                            provenance=_provenance(knot, "braid", seed, 0.0))
        return RibbonAgentResult(cert, "braid", time.monotonic() - t0)
    from .bands import ribbon_certificate

    result = run_pd_agent(name, start, budget_s, seed)
    seconds = time.monotonic() - t0
    if result.path is None:
        return RibbonAgentResult(None, name, seconds)
    return RibbonAgentResult(ribbon_certificate(start, result.path, _provenance(knot, name, seed, seconds)),
                             name, seconds)


def _braid_of(knot):
    from ..knots import BraidWord

    if knot is None:
        return None
    return knot.diagram if isinstance(knot.diagram, BraidWord) else knot.braid


def find_ribbon(start: PDState, agent: str = "auto", *, budget_s: float = 60.0, seed: int = 0,
                knot=None) -> RibbonAgentResult:
    """Search a ribbon certificate for the knot diagram ``start`` with ``agent`` (see the module doc).

    ``knot`` (a parsed SPEC) supplies the provenance and, for ``braid``/``auto``, the braid
    representative. The returned certificate has not been re-checked: the caller does that.
    """
    if agent not in RIBBON_AGENTS:
        raise ValueError(f"unknown ribbon agent {agent!r}; choose from {', '.join(RIBBON_AGENTS)}")
    if agent != "auto":
        return _run(agent, start, budget_s, seed, knot)
    t0 = time.monotonic()
    from ..moves.symmetric_union import mirror_symmetry

    plan = ([("symmetric", 0.5)] if mirror_symmetry(start) is not None else []) + [("bands", 0.6)]
    plan += ([("braid", 0.5)] if _braid_of(knot) is not None else []) + [("walk", 1.0)]
    for member, share in plan:
        left = budget_s - (time.monotonic() - t0)
        if left <= 0.05:
            break
        try:
            result = _run(member, start, left * share, seed, knot)
        except ToolMissingError:  # e.g. no shipped policy: the portfolio goes on without it
            continue
        if result.certificate is not None:
            return RibbonAgentResult(result.certificate, f"auto:{member}", time.monotonic() - t0)
    return RibbonAgentResult(None, "auto", time.monotonic() - t0)
