r"""Why a diagram is not the unknot (or not the unlink): the first invariant that proves it.

``pybridge unknot SPEC`` refuses a knotted (or linked) input before any search runs, and names the
invariant that proves it. The invariants are tried cheapest first and the first one that differs from
its value on the unknot (unlink) is returned; if none does, :func:`unknot_obstruction` returns
``None`` and the search may go ahead.

Mathematics (K a knot, L a link of k ≥ 2 components; every test compares an isotopy invariant of the
diagram with its value on the unknot / the k-component unlink, so an obstruction is a proof):

1. **Signature** σ (Trotter 1962, Murasugi 1965; Gordon–Litherland 1978 for the Goeritz form used
   here, :mod:`pybridge.knots.signature`): σ(unknot) = σ(unlink) = 0.
2. **Determinant** det = |Δ(−1)| (same module): det(unknot) = 1. For a link, det(unlink) = 0 (the
   Alexander polynomial of a split link vanishes; equivalently the double branched cover of the
   k-unlink is #^{k−1} S¹×S², with infinite H₁).
3. **Linking numbers** (links, before the determinant): every lk(Kᵢ, Kⱼ) of the unlink is 0. Then
   each component, the others erased, must be an unknot: its signature 0 and determinant 1.
4. **Alexander polynomial** Δ(t) (Alexander 1928; knots only, computed by regina): Δ(unknot) ≐ 1,
   i.e. Δ is a single term ±tⁿ. (Not used on links as a whole — the one-variable Alexander
   polynomial of any split link, the unlink included, is 0, and regina computes it for knots only —
   but it is applied to every component of a link, each of which must be an unknot.)
5. **Jones polynomial** V(t) (Jones 1985, computed by regina): V(unknot) = 1 and
   V(k-component unlink) = (−t^{1/2} − t^{−1/2})^{k−1}. For a link, V depends on the orientation
   only through t^{3λ} factors with λ a sum of linking numbers, which are all 0 by step 3, so the
   comparison does not depend on how the components are oriented.
6. **Knot Floer genus** (Ozsváth–Szabó 2004, *Holomorphic disks and genus bounds*, Geom. Topol. 8,
   311–334: knot Floer homology detects the Seifert genus g(K); computed by Szabó's program,
   ``knot-floer-homology``): g(K) = 0 iff K is the unknot, so this last test refuses *every* knotted
   diagram it finishes on. For a link it is applied to each component.

Steps 1–3 are exact integer arithmetic on the diagram as given, polynomial time, in this process.
Steps 4–6 run on a simplified diagram (spherogram's ``simplify('global')``, Reidemeister moves and
strand re-routing, seeded, so an isotopy: the invariants do not change) in a *separate process*
with a wall-clock limit (``time_limit_s``, default :data:`DEFAULT_TIME_LIMIT_S`): their cost grows
exponentially with the diagram (knot Floer homology explodes beyond about 25 crossings, regina's
Jones polynomial takes 29 s and its Alexander polynomial 121 s on the unsimplified 141-crossing
Gordian unknot), and Szabó's program can raise or abort on some diagrams. A crash, an error or the
time limit never produces an obstruction: the check is then inconclusive, the reason is recorded in
:attr:`ObstructionReport.notes` and logged as a warning, and the caller goes on (a search cannot
certify a knotted input anyway: every certificate is re-checked). If the simplification reaches the
crossing-free diagram the input *is* the unknot/unlink and no further invariant is computed: this is
what keeps the hard unknot diagrams (Gordian, 141 crossings; the "monster", 10 crossings) cheap.
Knot Floer homology is only attempted on (simplified) diagrams of at most
:data:`MAX_FLOER_CROSSINGS` crossings.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .bounded import stop_child
from .pd import PDCode

__all__ = [
    "Obstruction",
    "ObstructionReport",
    "unknot_obstruction",
    "unknot_obstruction_report",
    "DEFAULT_TIME_LIMIT_S",
    "MAX_FLOER_CROSSINGS",
]

log = logging.getLogger(__name__)

#: Wall-clock limit (seconds) for the simplification and steps 4–6 together.
DEFAULT_TIME_LIMIT_S = 20.0
#: Knot Floer homology is not attempted on a simplified diagram with more crossings than this.
MAX_FLOER_CROSSINGS = 40
#: Seed of the simplification (spherogram's ``simplify('global')`` uses :mod:`random`).
SIMPLIFY_SEED = 0

_REFERENCES = {
    "signature": "the unknot and every unlink have signature 0 (Murasugi 1965; computed via Gordon–Litherland 1978)",
    "determinant_knot": "the unknot has determinant |Δ(−1)| = 1",
    "determinant_link": "a split link, such as the unlink, has determinant |Δ(−1)| = 0",
    "linking number": "the components of the unlink have linking numbers 0",
    "Alexander polynomial": "the unknot has Δ(t) ≐ 1 (Alexander 1928)",
    "Jones polynomial": "the unknot has V(t) = 1 (Jones 1985)",
    "Jones polynomial (link)": "the k-component unlink has V(t) = (−t^(1/2) − t^(−1/2))^(k−1) (Jones 1985)",
    "knot Floer genus": "knot Floer homology detects the Seifert genus and only the unknot has genus 0 "
                        "(Ozsváth–Szabó 2004)",
}


@dataclass(frozen=True)
class Obstruction:
    """An invariant whose value proves that a diagram is not the unknot (unlink).

    ``invariant`` names it (``"signature"``, ``"determinant"``, ``"linking number"``,
    ``"Alexander polynomial"``, ``"Jones polynomial"``, ``"knot Floer genus"``), ``value`` is its
    value compared with the unknot's (``"-2 ≠ 0"``), ``reference`` the fact that makes it a proof.
    """

    invariant: str
    value: str
    reference: str

    def __str__(self) -> str:
        return f"{self.invariant} {self.value}: {self.reference}"


@dataclass
class ObstructionReport:
    """What :func:`unknot_obstruction_report` found: the obstruction (or None), the invariants that
    were computed and agreed with the unknot/unlink, notes on what was skipped, failed or timed out,
    and the seconds spent."""

    obstruction: Obstruction | None
    checked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    simplified_crossings: int | None = None


def unknot_obstruction(pd: PDCode, *, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
                       floer: bool = True) -> Obstruction | None:
    """The first invariant (cheapest first, see the module docstring) proving that ``pd`` is not the
    unknot (for a k-component diagram: not the k-component unlink), or ``None`` if none does within
    ``time_limit_s`` seconds for the expensive steps."""
    return unknot_obstruction_report(pd, time_limit_s=time_limit_s, floer=floer).obstruction


def unknot_obstruction_report(pd: PDCode, *, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
                              floer: bool = True) -> ObstructionReport:
    """:func:`unknot_obstruction` with the record of what was computed (see :class:`ObstructionReport`)."""
    start = time.monotonic()
    report = ObstructionReport(None)
    found = _exact_checks(pd, report)
    if found is None and pd.crossings:
        found = _isolated_checks(pd, report, time_limit_s, floer)
    report.obstruction = found
    report.seconds = time.monotonic() - start
    for note in report.notes:
        log.warning("unknot check: %s", note)
    return report


# --------------------------------------------------------------------------
# Steps 1-3: exact, in this process
# --------------------------------------------------------------------------


def _exact_checks(pd: PDCode, report: ObstructionReport) -> Obstruction | None:
    from .invariants import link_determinant, link_signature, linking_numbers

    sigma = link_signature(pd)
    report.checked.append("signature")
    if sigma != 0:
        return Obstruction("signature", f"{sigma} ≠ 0", _REFERENCES["signature"])
    if pd.components == 1:
        det = link_determinant(pd)
        report.checked.append("determinant")
        if det != 1:
            return Obstruction("determinant", f"{det} ≠ 1", _REFERENCES["determinant_knot"])
        return None
    report.checked.append("linking numbers")
    for pair, lk in linking_numbers(pd).items():
        if lk:
            return Obstruction("linking number", f"lk({pair}) = {lk} ≠ 0", _REFERENCES["linking number"])
    det = link_determinant(pd)
    report.checked.append("determinant")
    if det != 0:
        return Obstruction("determinant", f"{det} ≠ 0", _REFERENCES["determinant_link"])
    from .slice import component_pd

    for index in range(pd.components):
        found = _exact_checks_knot(component_pd(pd, index), f"component {index}: ")
        if found is not None:
            return found
    report.checked.append("signature and determinant of each component")
    return None


# --------------------------------------------------------------------------
# Steps 4-6: in a child process, under a wall-clock limit
# --------------------------------------------------------------------------


def _context():
    from .bounded import process_context  # fork with the heavy libraries imported first (shared helper)

    return process_context()


def _isolated_checks(pd: PDCode, report: ObstructionReport, time_limit_s: float,
                     floer: bool) -> Obstruction | None:
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    payload = ([list(c) for c in pd.crossings], pd.free_components)
    child = ctx.Process(target=_worker, args=(sender, payload, floer), daemon=True)
    deadline = time.monotonic() + time_limit_s
    try:
        child.start()
    except (AssertionError, OSError) as exc:  # e.g. inside a daemonic pool worker: no children allowed
        sender.close()
        receiver.close()
        report.notes.append(f"could not start a child process ({exc}); computed in this process, without "
                            "the time limit")
        return _in_process_checks(pd, report, floer)
    sender.close()
    current = "simplification"
    found = None
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                report.notes.append(f"stopped after {time_limit_s:g} s while computing {current}; "
                                    "the remaining invariants were not computed (inconclusive)")
                break
            try:
                message = receiver.recv()
            except EOFError:
                child.join(5)
                code = child.exitcode
                how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
                report.notes.append(f"the process computing {current} {how}; "
                                    "the remaining invariants were not computed (inconclusive)")
                break
            if message[0] == "start":
                current = message[1]
            elif message[0] == "done":
                break
            found = _record(report, message)
            if found is not None:
                break
    finally:
        receiver.close()
        stop_child(child, grace_s=2.0)
    return found


def _record(report: ObstructionReport, message: tuple) -> Obstruction | None:
    """Enter one progress message of :func:`_run_steps` into ``report``; the obstruction, if it is one."""
    tag = message[0]
    if tag == "checked":
        report.checked.append(message[1])
    elif tag == "note":
        report.notes.append(message[1])
    elif tag == "simplified":
        report.simplified_crossings = message[1]
    elif tag == "obstruction":
        return Obstruction(*message[1:])
    return None


def _in_process_checks(pd: PDCode, report: ObstructionReport, floer: bool) -> Obstruction | None:
    found: list[Obstruction] = []

    def send(message: tuple) -> None:
        obstruction = _record(report, message)
        if obstruction is not None:
            found.append(obstruction)

    _run_steps(send, pd, floer)
    return found[0] if found else None


def _worker(conn, payload, floer: bool) -> None:
    """Child process: simplify, then steps 4-6, sending each result to the parent as it comes."""
    try:
        crossings, free = payload
        _run_steps(conn.send, PDCode(crossings, free), floer)
        conn.send(("done",))
    except BaseException as exc:  # report, never print: the parent turns it into a note
        try:
            conn.send(("note", f"invariant computation failed: {type(exc).__name__}: {exc}"))
            conn.send(("done",))
        except Exception:
            pass
    finally:
        conn.close()


class _Stop(Exception):
    pass


def _run_steps(send, pd: PDCode, floer: bool) -> None:
    def emit(obstruction: Obstruction | None, name: str) -> None:
        if obstruction is not None:
            send(("obstruction", obstruction.invariant, obstruction.value, obstruction.reference))
            raise _Stop
        send(("checked", name))

    try:
        send(("start", "simplification"))
        simplified = simplify_seeded(pd)
        send(("simplified", simplified.crossing_count))
        if not simplified.crossings:
            send(("checked", "simplification to the crossing-free diagram (it is the unknot/unlink)"))
            return
        if pd.components == 1:
            knots = [("", simplified)]
        else:
            from .slice import component_pd

            send(("start", "Jones polynomial"))
            emit(_jones_check(simplified, pd.components), "Jones polynomial")
            knots = []
            for index in range(pd.components):
                component = component_pd(pd, index)
                if component.crossings:
                    send(("start", f"component {index}: simplification"))
                    knots.append((f"component {index}: ", simplify_seeded(component)))
        for prefix, knot in knots:
            if not knot.crossings:
                continue
            send(("start", prefix + "Alexander polynomial"))
            emit(_alexander_check(knot, prefix), prefix + "Alexander polynomial")
            send(("start", prefix + "Jones polynomial"))
            emit(_jones_check(knot, 1, prefix), prefix + "Jones polynomial")
        if not floer:
            return
        for prefix, knot in knots:
            if not knot.crossings:
                continue
            if knot.crossing_count > MAX_FLOER_CROSSINGS:
                send(("note", f"{prefix}knot Floer genus not computed: the simplified diagram has "
                              f"{knot.crossing_count} > {MAX_FLOER_CROSSINGS} crossings"))
                continue
            send(("start", prefix + "knot Floer genus"))
            try:
                result = _floer_check(knot, prefix)
            except Exception as exc:  # issue 23: Szabó's program rejects some diagrams
                send(("note", f"{prefix}knot Floer homology failed on the simplified diagram "
                              f"({type(exc).__name__}: {exc}); genus not used"))
                continue
            emit(result, prefix + "knot Floer genus")
    except _Stop:
        return


def simplify_seeded(pd: PDCode) -> PDCode:
    """``pd`` after spherogram's ``simplify('global')`` (seeded): an isotopic diagram, usually smaller."""
    import random

    from .convert import pd_to_link

    link = pd_to_link(pd)
    state = random.getstate()
    random.seed(SIMPLIFY_SEED)
    try:
        link.simplify("global")
    finally:
        random.setstate(state)
    crossings = [list(c) for c in link.PD_code()] if link.crossings else []
    return PDCode(crossings, link.unlinked_unknot_components)


def _exact_checks_knot(knot: PDCode, prefix: str) -> Obstruction | None:
    from .invariants import link_determinant, link_signature

    sigma = link_signature(knot)
    if sigma != 0:
        return Obstruction(prefix + "signature", f"{sigma} ≠ 0", _REFERENCES["signature"])
    det = link_determinant(knot)
    if det != 1:
        return Obstruction(prefix + "determinant", f"{det} ≠ 1", _REFERENCES["determinant_knot"])
    return None


def _alexander_check(knot: PDCode, prefix: str = "") -> Obstruction | None:
    from .convert import pd_to_regina
    from .invariants import format_laurent

    poly = pd_to_regina(knot).alexander()
    coefficients = {Fraction(k): int(str(poly[k])) for k in range(poly.degree() + 1)}
    if sum(1 for c in coefficients.values() if c) == 1:
        return None
    return Obstruction(prefix + "Alexander polynomial", f"Δ(t) = {format_laurent(coefficients)} ≠ 1",
                       _REFERENCES["Alexander polynomial"])


def _jones_coefficients(laurent: Any) -> dict[Fraction, int]:
    return {Fraction(k, 2): int(str(laurent[k])) for k in range(laurent.minExp(), laurent.maxExp() + 1)
            if int(str(laurent[k]))}


def _jones_check(pd: PDCode, components: int, prefix: str = "") -> Obstruction | None:
    import regina

    from .convert import pd_to_regina
    from .invariants import format_laurent

    value = _jones_coefficients(pd_to_regina(pd).jones())
    expected = _jones_coefficients(regina.Link(components).jones())
    if value == expected:
        return None
    if components == 1:
        return Obstruction(prefix + "Jones polynomial", f"V(t) = {format_laurent(value)} ≠ 1",
                           _REFERENCES["Jones polynomial"])
    return Obstruction("Jones polynomial", f"V(t) = {format_laurent(value)} ≠ {format_laurent(expected)}",
                       _REFERENCES["Jones polynomial (link)"])


def _floer_check(knot: PDCode, prefix: str = "") -> Obstruction | None:
    import knot_floer_homology

    genus = knot_floer_homology.pd_to_hfk([list(c) for c in knot.relabelled(0).crossings])["seifert_genus"]
    if genus == 0:
        return None
    return Obstruction(prefix + "knot Floer genus", f"g = {genus} ≠ 0", _REFERENCES["knot Floer genus"])
