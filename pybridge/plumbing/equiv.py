"""Decide and certify that two plumbing forests present the same 3-manifold.

1. Invariants first: if ``|det Q|`` (``= |H₁(M)|`` when nonzero) or the invariant factors of
   ``H₁(M) = coker Q`` differ, the manifolds differ and the answer is a refutation naming the
   invariant (:func:`pybridge.plumbing.invariants.distinguishing_invariant`).
2. Otherwise an agent searches moves reducing both graphs to a common one (meet in the middle);
   ``A → N`` is composed with the inverse of ``B → N`` into one certificate
   (:mod:`pybridge.plumbing.certify`), re-checked by the trusted checker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import networkx as nx

from ..certs.model import Certificate
from .agents import search
from .certify import build_certificate
from .invariants import distinguishing_invariant


@dataclass
class EquivOutcome:
    """``status``: ``certified``, ``refuted`` (``reason`` names the invariant) or ``not found``."""

    status: str
    reason: str = ""
    certificate: Certificate | None = None
    steps: int = 0
    seconds: float = 0.0
    agent: str = ""


def decide(a: nx.Graph, b: nx.Graph, agent: str = "auto", budget_s: float | None = 30.0,
           max_steps: int | None = None, seed: int = 0, source: str = "", check_invariants: bool = True
           ) -> EquivOutcome:
    """Refute by an invariant of ``M``, or search and certify ``M(a) ≅ M(b)``."""
    t0 = time.perf_counter()
    if check_invariants:
        reason = distinguishing_invariant(a, b)
        if reason:
            return EquivOutcome("refuted", reason, seconds=time.perf_counter() - t0)
    found = search(agent, a, b, max_steps=max_steps, budget_s=budget_s, seed=seed)
    if not found.found:
        limit = f"{max_steps} steps" if max_steps else f"{budget_s:g} s"
        return EquivOutcome("not found", f"no common reduct found within {limit} ({agent})",
                            steps=found.steps, seconds=time.perf_counter() - t0, agent=found.agent)
    provenance = {"agent": found.agent, "seed": seed, "search_steps": found.steps, "source": source or "plumbing",
                  "seconds": round(time.perf_counter() - t0, 3)}
    cert = build_certificate(a, b, found.path_a, found.path_b, provenance)
    return EquivOutcome("certified", "", cert, found.steps, time.perf_counter() - t0, found.agent)
