r"""Obstructions to sliceness: invariants that prove a knot (or link) bounds no disc in B⁴.

A knot K ⊂ S³ = ∂B⁴ is *(smoothly) slice* if it bounds a smoothly embedded disc in B⁴; a link is
*strongly slice* if its components bound disjoint such discs. Ribbon knots and links are slice, so
every obstruction below also proves that no band/ribbon search can succeed. Each test is a theorem
of the form "slice ⇒ invariant vanishes"; finding no obstruction proves nothing (the list is empty
for the ribbon knot 6_1 and for the Conway knot 11n_34, which is not slice (Piccirillo 2020), alike).

Knots (one component), cheapest first:

1. **Signature** (Murasugi 1965, *On a certain numerical invariant of link types*, Trans. AMS 117):
   σ(K) is a concordance invariant, so a slice knot has σ = 0. Computed exactly by the project's
   Gordon–Litherland code (:func:`pybridge.knots.invariants.link_signature`, KnotInfo's convention).
2. **Determinant**: for a slice knot Δ(t) ≐ f(t)f(t⁻¹) (item 3), so det K = |Δ(−1)| = f(−1)² is a
   perfect square. A cheap corollary of Fox–Milnor, reported separately because it needs no
   Alexander polynomial (Goeritz determinant, :func:`pybridge.knots.invariants.link_determinant`).
3. **Fox–Milnor** (Fox–Milnor 1966, *Singularities of 2-spheres in 4-space and cobordism of knots*,
   Osaka J. Math. 3): a slice knot has Δ(t) ≐ f(t)f(t⁻¹) for some f ∈ Z[t], where ≐ is equality up
   to a unit ±tᵏ of Z[t, t⁻¹]. Z[t] is a UFD, so this is decided exactly (:func:`fox_milnor_holds`):
   with Δ = c·∏ pᵢ^{mᵢ} (pᵢ primitive irreducible, c the content), Δ ≐ f f̄ iff |c| is a square,
   every self-reciprocal factor (p(t⁻¹) ≐ p(t)) has even multiplicity, and every other factor p
   has the same multiplicity as its reciprocal p*(t) = t^{deg p} p(t⁻¹). Δ from regina.
4. **τ** (Ozsváth–Szabó 2003, *Knot Floer homology and the four-ball genus*, Geom. Topol. 7):
   |τ(K)| ≤ g₄(K), so a slice knot has τ = 0.
5. **ε** (Hom 2014, *Bordered Heegaard Floer homology and the tau-invariant of cable knots*,
   J. Topology 7): ε ∈ {−1, 0, 1} is a concordance invariant with ε(unknot) = 0, so a slice knot has
   ε = 0 (and ε = 0 ⇒ τ = 0, so ε catches everything τ does, sometimes more).

τ and ε come from knot Floer homology (Szabó's program, ``knot-floer-homology``); it is only run
when asked for (``floer=True``) and the diagram, after Reidemeister I/II reductions, has at most
``max_floer_crossings`` crossings (default :data:`MAX_FLOER_CROSSINGS` = 22): its run time explodes
beyond ~25 crossings (minutes at 30, more at 50). τ carries KnotInfo's sign: τ(3_1) = 1 for the
positive trefoil, whose signature is −2.

Links (two or more components), for strong sliceness:

* **Linking numbers**: disjoint discs Dᵢ, Dⱼ ⊂ B⁴ give lk(Kᵢ, Kⱼ) = Dᵢ·Dⱼ = 0.
* **Signature** (Murasugi 1965; Kauffman–Taylor 1976, *Signature of links*, Trans. AMS 216): the
  link signature is a concordance invariant and a strongly slice link has σ = 0.
* **Components**: each component of a strongly slice link is a slice knot, so every knot
  obstruction above applied to a component (the diagram with the other components erased)
  obstructs the link.

A diagram without crossings (unknot, unlink, or the empty diagram) has no obstruction.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import isqrt
from typing import Iterator, Sequence

from .convert import pd_to_link, pd_to_regina
from .invariants import format_laurent, link_determinant, link_signature, linking_numbers
from .pd import PDCode

__all__ = [
    "SliceObstruction",
    "slice_obstructions",
    "slice_obstruction",
    "fox_milnor_holds",
    "fox_milnor_failure",
    "alexander_coefficients",
    "component_pd",
]

# Knot Floer homology time on random non-alternating knots (spherogram.random_link, simplified;
# measured on a shared 2-core machine): 19-23 crossings 0.1-0.7 s; 24-25 crossings 1.4-21 s;
# 28-31 crossings 37 s, 44 s, 578 s and two over 90 s; all of 48-51 and 78-82 over 90 s. Its run time
# depends on the diagram, not only on its size, and explodes beyond ~25 crossings, so the default
# keeps every call under about a second. Raise it (``max_floer_crossings=``) for a patient run.
MAX_FLOER_CROSSINGS = 22

_LABELS = {
    "signature": ("signature", " ≠ 0"),
    "determinant": ("determinant", " is not a perfect square"),
    "fox-milnor": ("Alexander polynomial", " is not of the form f(t)·f(t⁻¹)"),
    "tau": ("Ozsváth–Szabó", " ≠ 0"),
    "epsilon": ("Hom's", " ≠ 0"),
    "linking-number": ("linking number", " ≠ 0"),
}


@dataclass(frozen=True)
class SliceObstruction:
    """One invariant whose value proves the knot is not slice (the link not strongly slice).

    ``invariant`` is one of ``"signature"``, ``"determinant"``, ``"fox-milnor"``, ``"tau"``,
    ``"epsilon"``, ``"linking-number"``; ``value`` is the computed value (``"σ = -2"``); ``reason``
    is the theorem that makes it an obstruction, with its reference.
    """

    invariant: str
    value: str
    reason: str

    def __str__(self) -> str:
        label, verdict = _LABELS.get(self.invariant, (self.invariant, ""))
        return f"{label} {self.value}{verdict}: {self.reason}"


# --------------------------------------------------------------------------
# Fox–Milnor, exactly over Z[t]
# --------------------------------------------------------------------------


def _primitive(poly):
    """``poly`` (a sympy ``Poly`` over Z) divided by its content, with positive leading coefficient."""
    poly = poly.primitive()[1]
    return -poly if poly.LC() < 0 else poly


def _reciprocal(poly):
    """p*(t) = t^{deg p} p(t⁻¹), primitive with positive leading coefficient."""
    from sympy import Poly

    return _primitive(Poly(list(poly.all_coeffs())[::-1], poly.gen, domain="ZZ"))


def fox_milnor_failure(alexander_coefficients: Sequence[int]) -> str | None:
    """Why Δ(t) is not ≐ f(t)f(t⁻¹) over Z[t, t⁻¹], or ``None`` if it is (Fox–Milnor 1966).

    ``alexander_coefficients[k]`` is the coefficient of tᵏ (lowest degree first; a common power of
    t is a unit and is ignored). The zero polynomial is 0·0 and passes. The answer names the first
    factor that breaks the condition, e.g. ``"the self-reciprocal factor 1 - t + t^2 occurs to the
    power 1"``.
    """
    from sympy import Poly, symbols

    coefficients = [int(c) for c in alexander_coefficients]
    if not any(coefficients):
        return None
    t = symbols("t")
    content, factors = Poly(coefficients[::-1], t, domain="ZZ").factor_list()
    if isqrt(abs(int(content))) ** 2 != abs(int(content)):
        return f"the content {abs(int(content))} is not a perfect square"
    multiplicity: dict = {}
    for factor, power in factors:
        if factor.degree() > 0 and factor != Poly(t, t):  # t is a unit of Z[t, t⁻¹]
            key = _primitive(factor)
            multiplicity[key] = multiplicity.get(key, 0) + power
    for factor, power in multiplicity.items():
        partner = _reciprocal(factor)
        text = _poly_text(factor)
        if partner == factor and power % 2:
            return f"the self-reciprocal factor {text} occurs to the odd power {power}"
        if partner != factor and multiplicity.get(partner, 0) != power:
            return (
                f"the factor {text} occurs to the power {power} but its reciprocal "
                f"{_poly_text(partner)} to the power {multiplicity.get(partner, 0)}"
            )
    return None


def fox_milnor_holds(alexander_coefficients: Sequence[int]) -> bool:
    """Whether Δ(t) ≐ f(t)f(t⁻¹) for some f ∈ Z[t] (exact; see :func:`fox_milnor_failure`).

    >>> fox_milnor_holds([2, -5, 2])    # 6_1: (2 - t)(1 - 2t)
    True
    >>> fox_milnor_holds([1, -1, 1])    # 3_1
    False
    """
    return fox_milnor_failure(alexander_coefficients) is None


def _poly_text(poly) -> str:
    """A sympy ``Poly`` in t as ``'1 - t + t^2'`` (lowest degree first)."""
    coefficients = poly.all_coeffs()[::-1]
    return format_laurent({Fraction(k): int(c) for k, c in enumerate(coefficients)})


def alexander_coefficients(pd: PDCode) -> list[int]:
    """Coefficients of the Alexander polynomial of a knot (regina), lowest degree (t⁰) first."""
    if not pd.crossings:
        return [1]
    poly = pd_to_regina(pd).alexander()
    return [int(str(poly[k])) for k in range(poly.degree() + 1)]


# --------------------------------------------------------------------------
# Knots
# --------------------------------------------------------------------------


def _signature_check(pd: PDCode, reason: str) -> SliceObstruction | None:
    sigma = link_signature(pd)
    if sigma == 0:
        return None
    return SliceObstruction("signature", f"σ = {sigma}", reason)


def _determinant_check(pd: PDCode) -> SliceObstruction | None:
    det = link_determinant(pd)
    if isqrt(det) ** 2 == det:
        return None
    return SliceObstruction(
        "determinant", f"det = {det}",
        "a slice knot has Δ(t) ≐ f(t)f(t⁻¹), so det = |Δ(−1)| = f(−1)² is a square (Fox–Milnor 1966)",
    )


#: diagrams with more crossings get regina's Alexander polynomial in a time-limited child process
BOUNDED_ALEXANDER_ABOVE = 30
ALEXANDER_TIMEOUT_S = 20.0


def _fox_milnor_check(pd: PDCode) -> SliceObstruction | None:
    """Fox–Milnor on regina's Alexander polynomial. On large diagrams (regina needed 121 s on the
    141-crossing Gordian unknot) it runs bounded (:func:`pybridge.knots.bounded.run_bounded`); a
    timeout or crash means no obstruction from this check, said on stderr."""
    if pd.crossing_count <= BOUNDED_ALEXANDER_ABOVE:
        coefficients = alexander_coefficients(pd)
    else:
        import sys

        from .bounded import run_bounded

        outcome = run_bounded("Alexander polynomial", alexander_coefficients, pd, timeout_s=ALEXANDER_TIMEOUT_S)
        if not outcome.ok:
            print(f"slice check: Fox–Milnor skipped, Alexander polynomial {outcome.message()}", file=sys.stderr)
            return None
        coefficients = outcome.value
    failure = fox_milnor_failure(coefficients)
    if failure is None:
        return None
    text = format_laurent({Fraction(k): c for k, c in enumerate(coefficients)})
    return SliceObstruction(
        "fox-milnor", f"Δ(t) = {text}",
        f"a slice knot has Δ(t) ≐ f(t)f(t⁻¹) (Fox–Milnor 1966), but {failure}",
    )


def _floer_checks(pd: PDCode, max_floer_crossings: int) -> Iterator[SliceObstruction]:
    """τ then ε from one knot Floer homology computation, on the diagram after Reidemeister I/II
    reductions (spherogram's deterministic ``simplify('basic')``; Szabó's program rejects diagrams
    with a kink). Nothing if the reduced diagram has more than ``max_floer_crossings`` crossings."""
    link = pd_to_link(pd)
    link.simplify("basic")
    if not link.crossings or len(link.crossings) > max_floer_crossings:
        return
    data = link.knot_floer_homology()
    if data["tau"] != 0:
        yield SliceObstruction("tau", f"τ = {data['tau']}", "a slice knot has τ = 0, as |τ| ≤ g₄ (Ozsváth–Szabó 2003)")
    if data["epsilon"] != 0:
        yield SliceObstruction(
            "epsilon", f"ε = {data['epsilon']}",
            "a slice knot has ε = 0, ε being a concordance invariant (Hom 2014)",
        )


def _knot_obstructions(pd: PDCode, floer: bool, max_floer_crossings: int) -> Iterator[SliceObstruction]:
    """Obstructions for a knot diagram, lazily and cheapest first."""
    if not pd.crossings:
        return
    for check in (lambda: _signature_check(pd, "a slice knot has signature 0 (Murasugi 1965)"), lambda: _determinant_check(pd), lambda: _fox_milnor_check(pd)):
        found = check()
        if found is not None:
            yield found
    if floer:
        yield from _floer_checks(pd, max_floer_crossings)


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def component_pd(pd: PDCode, index: int) -> PDCode:
    """The diagram of component ``index`` alone (numbered as in :meth:`PDCode.edge_components`,
    crossing-free components last): the other components are erased, and the two edges of the
    component on either side of a crossing with another component are merged into one.
    """
    components = pd.edge_components()
    if index >= len(components):
        return PDCode([], free_components=1)
    mine = set(components[index])
    parent = {label: label for label in mine}

    def root(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    kept = []
    for a, b, c, d in pd.crossings:
        if a in mine and b in mine:
            kept.append((a, b, c, d))
        elif a in mine:  # the component passes under another one: a -> c
            parent[root(a)] = root(c)
        elif b in mine:  # it passes over another one along b -- d
            parent[root(b)] = root(d)
    if not kept:
        return PDCode([], free_components=1)
    return PDCode([tuple(root(x) for x in crossing) for crossing in kept])


def _linking_check(pd: PDCode) -> SliceObstruction | None:
    nonzero = []
    for key, value in linking_numbers(pd).items():
        if value:
            i, j = (int(x) + 1 for x in key.split(","))
            nonzero.append(f"lk({i},{j}) = {value}")
    if not nonzero:
        return None
    return SliceObstruction(
        "linking-number", ", ".join(nonzero),
        "components bounding disjoint discs Dᵢ, Dⱼ in B⁴ have lk = Dᵢ·Dⱼ = 0",
    )


_LINK_SIGNATURE = "a strongly slice link has signature 0 (Murasugi 1965; Kauffman–Taylor 1976)"


def _link_obstructions(pd: PDCode, floer: bool, max_floer_crossings: int) -> Iterator[SliceObstruction]:
    """Obstructions to strong sliceness, lazily and cheapest first; components numbered from 1."""
    if not pd.crossings:
        return
    for check in (lambda: _linking_check(pd), lambda: _signature_check(pd, _LINK_SIGNATURE)):
        found = check()
        if found is not None:
            yield found
    for index in range(len(pd.edge_components())):
        for found in _knot_obstructions(component_pd(pd, index), floer, max_floer_crossings):
            yield SliceObstruction(
                found.invariant, f"of component {index + 1}: {found.value}",
                f"each component of a strongly slice link is a slice knot, and {found.reason}",
            )


def _obstructions(pd: PDCode, floer: bool = True, max_floer_crossings: int = MAX_FLOER_CROSSINGS):
    if pd.components >= 2:
        return _link_obstructions(pd, floer, max_floer_crossings)
    return _knot_obstructions(pd, floer, max_floer_crossings)


def slice_obstructions(
    pd: PDCode, *, floer: bool = True, max_floer_crossings: int = MAX_FLOER_CROSSINGS
) -> list[SliceObstruction]:
    """Every obstruction that applies, cheapest first (empty: none found; that does NOT mean slice).

    For a knot: signature, determinant, Fox–Milnor, then τ and ε (knot Floer homology, only if
    ``floer`` and the diagram has at most ``max_floer_crossings`` crossings). For a link
    (≥ 2 components, strong sliceness): linking numbers, signature, then the knot obstructions of
    each component. See the module docstring for the theorems.
    """
    return list(_obstructions(pd, floer, max_floer_crossings))


def slice_obstruction(pd: PDCode, **kw) -> SliceObstruction | None:
    """The first (cheapest) obstruction of :func:`slice_obstructions`, or ``None``; later (more
    expensive) invariants are not computed once one is found."""
    return next(iter(_obstructions(pd, **kw)), None)
