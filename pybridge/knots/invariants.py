"""Invariants of a knot diagram, each from the library that computes it best.

* crossings, components, writhe, linking numbers — from the PD code (this package);
* signature and determinant — the project's own Goeritz / Gordon–Litherland code
  (:mod:`pybridge.knots.signature`, exact integers, KnotInfo's sign convention);
* Jones and Alexander polynomials — regina (Jones in ``t``, regina's variable is ``x = t^{1/2}``);
* τ, ε, ν, Seifert genus, fibered — knot-floer-homology (Szabó's program), knots only;
* hyperbolic volume and cusp translations — snappy, when a positively oriented solution is found;
* unknot recognition — a diagram simplified to no crossings, or knot Floer genus 0 (knot Floer
  homology detects the genus, and only the unknot has genus 0: Ozsváth–Szabó 2004); regina's
  solid-torus test of the complement as a bounded fallback, and as an independent confirmation of a
  "yes" on diagrams of at most 40 crossings.

:func:`knot_invariants` (what ``pybridge knot info`` shows) runs every library computation through
:func:`pybridge.knots.bounded.run_bounded`: in a child process, at most ``timeout_s`` seconds each, so
a slow invariant is reported as ``unknown (timed out after N s)`` and a crash or error as ``unknown
(<invariant> crashed: ...)`` instead of hanging or killing the command (issue 23). The knot Floer
homology, Jones and Alexander polynomials of a knot are computed on the diagram simplified by
Reidemeister moves (an isotopy, so the invariants are the same; Szabó's program rejects diagrams with
R1 kinks, and every cost grows with the crossings).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .bounded import DEFAULT_TIMEOUT_S, Bounded, run_bounded
from .convert import pd_to_link, pd_to_regina
from .pd import PDCode
from .signature import determinant, signature

HFK_MAX_CROSSINGS = 60
REGINA_UNKNOT_MAX_CROSSINGS = 40
HYPERBOLIC_TRIES = 8


def writhe(pd: PDCode) -> int:
    """Sum of the crossing signs of the diagram (see :meth:`PDCode.writhe_signs`)."""
    return sum(pd.writhe_signs())


def linking_numbers(pd: PDCode) -> dict[str, int]:
    """Pairwise linking numbers ``lk(i, j) = ½ Σ sign(c)`` over crossings between components i ≠ j.

    Components are numbered as in :meth:`PDCode.edge_components` (crossing-free ones last, linking
    nothing). Keys are ``"i,j"`` with ``i < j``.
    """
    component_of = {label: k for k, edges in enumerate(pd.edge_components()) for label in edges}
    totals: dict[tuple[int, int], int] = {}
    for (a, b, _, _), sign in zip(pd.crossings, pd.writhe_signs()):
        i, j = sorted((component_of[a], component_of[b]))
        if i != j:
            totals[(i, j)] = totals.get((i, j), 0) + sign
    count = pd.components
    return {f"{i},{j}": totals.get((i, j), 0) // 2 for i in range(count) for j in range(i + 1, count)}


def format_laurent(coefficients: dict[Fraction, int], variable: str = "t") -> str:
    """``{0: 1, 1: -1, 2: 1}`` -> ``'1 - t + t^2'`` (exponents may be half-integers)."""
    terms = []
    for exponent in sorted(coefficients):
        coefficient = coefficients[exponent]
        if coefficient == 0:
            continue
        if exponent == 0:
            body = str(abs(coefficient))
        else:
            power = "" if exponent == 1 else f"^{exponent}" if exponent.denominator == 1 else f"^({exponent})"
            body = ("" if abs(coefficient) == 1 else f"{abs(coefficient)}*") + variable + power
        terms.append(("-" if coefficient < 0 else "+", body))
    if not terms:
        return "0"
    text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
    return text + "".join(f" {sign} {body}" for sign, body in terms[1:])


def jones_polynomial(pd: PDCode) -> str:
    """Jones polynomial V(t) (regina; KnotInfo's normalisation: V(3_1) = t + t^3 - t^4)."""
    laurent = pd_to_regina(pd).jones()
    coefficients = {Fraction(k, 2): int(str(laurent[k])) for k in range(laurent.minExp(), laurent.maxExp() + 1)}
    return format_laurent(coefficients)


def alexander_polynomial(pd: PDCode) -> str | None:
    """Alexander polynomial Δ(t) of a knot (regina), normalised with lowest term t^0; None for links."""
    if pd.components != 1:
        return None
    poly = pd_to_regina(pd).alexander()
    coefficients = {Fraction(k): int(str(poly[k])) for k in range(poly.degree() + 1)}
    return format_laurent(coefficients)


def knot_floer(pd: PDCode) -> dict[str, Any] | None:
    """τ, ε, ν, Seifert genus, fibered, L-space from knot Floer homology (knots only, small diagrams)."""
    if pd.components != 1 or pd.crossing_count > HFK_MAX_CROSSINGS:
        return None
    if not pd.crossings:
        return {"tau": 0, "epsilon": 0, "nu": 0, "seifert_genus": 0, "fibered": True, "L_space_knot": True}
    data = pd_to_link(pd).knot_floer_homology()
    keys = ("tau", "epsilon", "nu", "seifert_genus", "fibered", "L_space_knot")
    return {key: data[key] for key in keys}


def hyperbolic_invariants(pd: PDCode) -> dict[str, Any] | None:
    """Volume and cusp translations (snappy) if a positively oriented hyperbolic structure is found.

    Returns ``None`` when none is found after a few re-triangulations: the link is then reported
    as "not hyperbolic" (for torus and satellite knots that is the truth; numerically it is evidence,
    not proof).
    """
    if not pd.crossings or pd.free_components:
        return None
    manifold = pd_to_link(pd).exterior()
    for _ in range(HYPERBOLIC_TRIES):
        if manifold.solution_type() == "all tetrahedra positively oriented":
            break
        manifold.randomize()
    else:
        return None
    volume = float(manifold.volume())
    try:
        cusps = [
            {"meridian": [float(m.real()), float(m.imag())], "longitude": float(l)}
            for m, l in manifold.cusp_translations()
        ]
    except Exception:  # e.g. snappy's InsufficientPrecisionError: the volume is still good
        cusps = None
    return {"volume": volume, "cusp_translations": cusps}


def regina_unknot(pd: PDCode) -> bool | None:
    """Whether regina certifies the knot is the unknot (complement is a solid torus); None if skipped."""
    if pd.components != 1:
        return False
    if pd.crossing_count > REGINA_UNKNOT_MAX_CROSSINGS:
        return None
    if not pd.crossings:
        return True
    return bool(pd_to_regina(pd).complement().isSolidTorus())


def link_signature(pd: PDCode) -> int:
    """Signature of the link (crossing-free split components contribute 0)."""
    return signature(pd.crossings) if pd.crossings else 0


def link_determinant(pd: PDCode) -> int:
    """Determinant |Δ(−1)|; 0 for a split link (a crossing-free component beside anything else)."""
    if pd.free_components and (pd.crossings or pd.free_components > 1):
        return 0
    return determinant(pd.crossings) if pd.crossings else 1


def _signature_and_determinant(pd: PDCode) -> tuple[int, int]:
    return link_signature(pd), link_determinant(pd)


def _simplified(pd: PDCode) -> PDCode:
    from .unknot_obstructions import simplify_seeded

    return simplify_seeded(pd)


def _unknot_by_floer(hfk: dict[str, Any]) -> bool:
    return hfk["seifert_genus"] == 0


def knot_invariants(pd: PDCode, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> dict[str, Any]:
    """All invariants above for the diagram ``pd``, as a JSON-ready mapping.

    Every library computation runs in a child process for at most ``timeout_s`` seconds (see the
    module docstring). An invariant that timed out, crashed or failed has the value ``None`` and an
    entry in ``data["unknown"]`` with the ``unknown (...)`` text that says why. ``data["unknot"]`` is
    True/False/None (undecided) with the reason in ``data["unknot_reason"]``; ``data["regina_unknot"]``
    is regina's verdict, or ``None`` when regina was not run (the reason then in
    ``data["regina_note"]``) or did not finish (then in ``data["unknown"]``). Regina runs when nothing
    else decided, and to confirm a "yes" on diagrams of at most :data:`REGINA_UNKNOT_MAX_CROSSINGS`
    crossings.
    """
    unknown: dict[str, str] = {}
    seconds: dict[str, float] = {}

    def bounded(key: str, name: str, func, *args) -> Any:
        result: Bounded = run_bounded(name, func, *args, timeout_s=timeout_s)
        seconds[key] = round(result.seconds, 3)
        if not result.ok:
            unknown[key] = result.message()
            return None
        return result.value

    data: dict[str, Any] = {
        "crossings": pd.crossing_count,
        "components": pd.components,
        "writhe": writhe(pd),
        "linking_numbers": linking_numbers(pd),
    }
    pair = bounded("signature", "signature and determinant", _signature_and_determinant, pd)
    if pair is None:
        unknown["determinant"] = unknown["signature"]
    data["signature"], data["determinant"] = pair if pair is not None else (None, None)

    knot = pd.components == 1
    simplified = None
    if knot and pd.crossings:
        simplified = bounded("simplification", "simplification", _simplified, pd)
    data["simplified_crossings"] = simplified.crossing_count if simplified is not None else None
    work = simplified if simplified is not None else pd  # knots only: an isotopic diagram

    data["jones_polynomial"] = bounded("jones_polynomial", "Jones polynomial", jones_polynomial, work)
    data["alexander_polynomial"] = (bounded("alexander_polynomial", "Alexander polynomial", alexander_polynomial, work)
                                    if knot else None)
    hfk = None
    if knot:
        if work.crossing_count > HFK_MAX_CROSSINGS:
            unknown["knot_floer"] = (f"unknown (not computed: {work.crossing_count} > {HFK_MAX_CROSSINGS} crossings"
                                     + (" after simplification)" if simplified is not None else ")"))
        else:
            hfk = bounded("knot_floer", "knot Floer homology", knot_floer, work)
    data["knot_floer"] = hfk

    hyperbolic = None
    if pd.crossings and not pd.free_components:
        hyperbolic = bounded("volume", "hyperbolic structure (SnapPy)", hyperbolic_invariants, pd)
    data["hyperbolic"] = None if "volume" in unknown else hyperbolic is not None
    data["volume"] = hyperbolic["volume"] if hyperbolic else None
    data["cusp_translations"] = hyperbolic["cusp_translations"] if hyperbolic else None

    unknot, reason = _unknot_verdict(pd, data, simplified, hfk)
    regina_verdict, regina_note = None, ""
    # regina: the fallback when nothing else decided; a confirmation of a "yes" on small diagrams only
    confirm = unknot is True and pd.crossing_count <= REGINA_UNKNOT_MAX_CROSSINGS
    if knot and pd.crossings and (unknot is None or confirm):
        regina_verdict = bounded("regina_unknot", "regina's solid-torus test", _regina_solid_torus, pd)
        if unknot is None and regina_verdict is not None:
            unknot = regina_verdict
            reason = ("regina: the complement is a solid torus" if regina_verdict
                      else "regina: the complement is not a solid torus")
        elif unknot is None:
            reason = "undecided: " + "; ".join(f"{k} {v}" for k, v in unknown.items())
    elif not knot:
        regina_verdict, regina_note = False, "a link of several components"
    elif not pd.crossings:
        regina_verdict, regina_note = True, "the crossing-free diagram"
    elif unknot:
        regina_note = f"not run (a confirmation, for diagrams of at most {REGINA_UNKNOT_MAX_CROSSINGS} crossings)"
    else:
        regina_note = "not run: " + reason
    data["unknot"] = unknot
    data["unknot_reason"] = reason
    data["regina_unknot"] = regina_verdict
    if regina_note:
        data["regina_note"] = regina_note
    data["timeout_s"] = timeout_s
    data["seconds"] = seconds
    data["unknown"] = unknown
    return data


def _regina_solid_torus(pd: PDCode) -> bool:
    return bool(pd_to_regina(pd).complement().isSolidTorus())


def _unknot_verdict(pd: PDCode, data: dict[str, Any], simplified: PDCode | None,
                    hfk: dict[str, Any] | None) -> tuple[bool | None, str]:
    """Whether ``pd`` is the unknot, from what :func:`knot_invariants` computed, and why."""
    if pd.components != 1:
        return False, f"a link of {pd.components} components"
    if not pd.crossings:
        return True, "the crossing-free diagram"
    if simplified is not None and not simplified.crossings:
        return True, "Reidemeister moves simplify the diagram to the crossing-free one"
    if data["signature"]:
        return False, f"signature {data['signature']} ≠ 0"
    if data["determinant"] not in (None, 1):
        return False, f"determinant {data['determinant']} ≠ 1"
    if hfk is not None:
        if _unknot_by_floer(hfk):
            return True, "knot Floer genus 0 (knot Floer homology detects the unknot, Ozsváth–Szabó 2004)"
        return False, f"knot Floer genus {hfk['seifert_genus']} ≠ 0"
    alexander = data["alexander_polynomial"]
    if alexander is not None and ("t" in alexander):
        return False, f"Alexander polynomial {alexander} ≠ 1"
    jones = data["jones_polynomial"]
    if jones is not None and jones != "1":
        return False, f"Jones polynomial {jones} ≠ 1"
    return None, "undecided"
