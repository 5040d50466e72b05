"""Invariants of a knot diagram, each from the library that computes it best.

* crossings, components, writhe, linking numbers — from the PD code (this package);
* signature and determinant — the project's own Goeritz / Gordon–Litherland code
  (:mod:`pybridge.knots.signature`, exact integers, KnotInfo's sign convention);
* Jones and Alexander polynomials — regina (Jones in ``t``, regina's variable is ``x = t^{1/2}``);
* τ, ε, ν, Seifert genus, fibered — knot-floer-homology (Szabó's program), knots only;
* hyperbolic volume and cusp translations — snappy, when a positively oriented solution is found;
* unknot recognition — regina: the complement is a solid torus (rigorous), for small diagrams.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

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
    cusps = [
        {"meridian": [float(m.real()), float(m.imag())], "longitude": float(l)}
        for m, l in manifold.cusp_translations()
    ]
    return {"volume": float(manifold.volume()), "cusp_translations": cusps}


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


def knot_invariants(pd: PDCode) -> dict[str, Any]:
    """All invariants above for the diagram ``pd``, as a JSON-ready mapping."""
    hyperbolic = hyperbolic_invariants(pd)
    return {
        "crossings": pd.crossing_count,
        "components": pd.components,
        "writhe": writhe(pd),
        "linking_numbers": linking_numbers(pd),
        "signature": link_signature(pd),
        "determinant": link_determinant(pd),
        "jones_polynomial": jones_polynomial(pd),
        "alexander_polynomial": alexander_polynomial(pd),
        "knot_floer": knot_floer(pd),
        "hyperbolic": hyperbolic is not None,
        "volume": hyperbolic["volume"] if hyperbolic else None,
        "cusp_translations": hyperbolic["cusp_translations"] if hyperbolic else None,
        "regina_unknot": regina_unknot(pd),
    }
