"""Tests for :mod:`pybridge.knots.slice` (signature, determinant, Fox–Milnor, τ, ε; linking numbers).

Reference values come from KnotInfo (``database_knotinfo``): ``smooth_four_genus``, ``signature``,
``ozsvath_szabo_tau_invariant`` and ``epsilon``. The most important property is that no slice knot
ever gets an obstruction (a false obstruction would be a wrong theorem).
"""

from __future__ import annotations

import pytest
import spherogram

from pybridge.knots import slice as slice_module
from pybridge.knots.catalog import knotinfo_names, knotinfo_pd, knotinfo_row
from pybridge.knots.convert import link_to_pd, pd_to_link
from pybridge.knots.invariants import link_signature
from pybridge.knots.pd import PDCode
from pybridge.knots.slice import (
    SliceObstruction,
    alexander_coefficients,
    component_pd,
    fox_milnor_failure,
    fox_milnor_holds,
    slice_obstruction,
    slice_obstructions,
)

TREFOIL = [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]  # KnotInfo 3_1: positive trefoil, σ = -2, τ = 1


def _invariants(pd: PDCode, **kw) -> list[str]:
    return [o.invariant for o in slice_obstructions(pd, **kw)]


def _value(obstructions: list[SliceObstruction], invariant: str) -> int | None:
    """The integer after '= ' in the value of the obstruction ``invariant`` (None if absent)."""
    for o in obstructions:
        if o.invariant == invariant:
            return int(o.value.split("= ")[1])
    return None


def _mirror(pd: PDCode) -> PDCode:
    return link_to_pd(pd_to_link(pd).mirror())


def _shifted(pd: PDCode, offset: int) -> list[tuple[int, ...]]:
    return [tuple(x + offset for x in c) for c in pd.crossings]


# --------------------------------------------------------------------------
# Fox–Milnor on polynomials (coefficients lowest degree first)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "coefficients, holds",
    [
        ([2, -5, 2], True),  # 6_1 = (2 - t)(1 - 2t), ribbon
        ([1, -1, 1], False),  # 3_1: irreducible, self-reciprocal, power 1
        ([1, -3, 1], False),  # 4_1
        ([1, -2, 3, -2, 1], True),  # 8_20 = (1 - t + t^2)^2
        ([1], True),  # unknot
        ([0, 0, 2, -5, 2], True),  # a power of t is a unit
        ([-2, 5, -2], True),  # so is -1
        ([1, -2, 1], True),  # (1 - t)^2
        ([2, -1], False),  # 2 - t without its reciprocal 1 - 2t
        ([4, -4, 1], False),  # (2 - t)^2, reciprocal missing
        ([4, -12, 17, -12, 4], True),  # (2 - t)^2 (1 - 2t)^2
        ([1, -1, 1, -1, 1], False),  # Φ10: 5_1
        ([1, -2, 3, -2, 1, 0, 0], True),  # trailing zeros are ignored
        ([4], True),  # content 4 = 2·2
        ([3], False),  # content 3 is not a square
        ([0, 0], True),  # 0 = 0·0
    ],
)
def test_fox_milnor_polynomials(coefficients, holds):
    assert fox_milnor_holds(coefficients) is holds
    assert (fox_milnor_failure(coefficients) is None) is holds


def test_fox_milnor_failure_names_the_factor():
    assert "1 - t + t^2" in fox_milnor_failure([1, -1, 1])
    assert "odd power 1" in fox_milnor_failure([1, -1, 1])
    assert "reciprocal" in fox_milnor_failure([2, -1])


def test_alexander_coefficients_match_knotinfo():
    assert alexander_coefficients(knotinfo_pd("6_1")) in ([2, -5, 2], [-2, 5, -2])
    assert alexander_coefficients(knotinfo_pd("8_20")) in ([1, -2, 3, -2, 1], [-1, 2, -3, 2, -1])
    assert alexander_coefficients(PDCode([], free_components=1)) == [1]


# --------------------------------------------------------------------------
# Knots: examples
# --------------------------------------------------------------------------


def test_trefoil_and_its_mirror_signs():
    right = knotinfo_pd("3_1")
    found = slice_obstructions(right)
    assert [o.invariant for o in found] == ["signature", "determinant", "fox-milnor", "tau", "epsilon"]
    assert (_value(found, "signature"), _value(found, "tau"), _value(found, "epsilon")) == (-2, 1, 1)
    assert int(knotinfo_row("3_1")["ozsvath_szabo_tau_invariant"]) == 1
    mirrored = slice_obstructions(_mirror(right))
    assert (_value(mirrored, "signature"), _value(mirrored, "tau"), _value(mirrored, "epsilon")) == (2, -1, -1)


def test_str_and_fields():
    first = slice_obstruction(PDCode(TREFOIL))
    assert first == SliceObstruction("signature", "σ = -2", "a slice knot has signature 0 (Murasugi 1965)")
    assert str(first) == "signature σ = -2 ≠ 0: a slice knot has signature 0 (Murasugi 1965)"
    fox = [o for o in slice_obstructions(PDCode(TREFOIL)) if o.invariant == "fox-milnor"][0]
    assert fox.value == "Δ(t) = 1 - t + t^2"
    assert "Fox–Milnor" in str(fox)


def test_figure_eight_only_determinant_and_fox_milnor():
    found = slice_obstructions(knotinfo_pd("4_1"))
    assert [o.invariant for o in found] == ["determinant", "fox-milnor"]
    assert found[0].value == "det = 5"


@pytest.mark.parametrize("name", ["6_1", "8_20", "9_46", "10_140", "12a_3"])
def test_known_slice_knots_have_no_obstruction(name):
    assert knotinfo_row(name)["smooth_four_genus"] == "0"
    assert slice_obstructions(knotinfo_pd(name)) == []
    assert slice_obstruction(knotinfo_pd(name)) is None


def test_square_determinant_but_fox_milnor_fails():
    # 11n_143: σ = 0, det = 9 = 3², τ = ε = 0; only Fox–Milnor sees that it is not slice (g₄ = 1)
    row = knotinfo_row("11n_143")
    assert (row["signature"], row["determinant"], row["smooth_four_genus"]) == ("0", "9", "1")
    assert _invariants(knotinfo_pd("11n_143")) == ["fox-milnor"]


def test_tau_matters():
    # 13n_1496 has Δ = 1 (topologically slice), σ = 0, but τ = 1: only knot Floer homology sees it
    pd = knotinfo_pd("13n_1496")
    assert knotinfo_row("13n_1496")["alexander_polynomial"] == "1"
    found = slice_obstructions(pd)
    assert [o.invariant for o in found] == ["tau", "epsilon"]
    assert _value(found, "tau") == int(knotinfo_row("13n_1496")["ozsvath_szabo_tau_invariant"]) == 1
    assert slice_obstructions(pd, floer=False) == []
    assert slice_obstructions(pd, max_floer_crossings=12) == []


def test_conway_knot_is_not_detected():
    # 11n_34 is not slice (Piccirillo 2020) but all these invariants vanish: an empty list is no proof
    assert knotinfo_row("11n_34")["smooth_four_genus"] == "1"
    assert slice_obstructions(knotinfo_pd("11n_34")) == []


def test_first_obstruction_is_lazy(monkeypatch):
    def no_floer(*args, **kw):
        raise AssertionError("knot Floer homology should not be computed")

    monkeypatch.setattr(slice_module, "_floer_checks", no_floer)
    assert slice_obstruction(PDCode(TREFOIL)).invariant == "signature"
    assert slice_obstruction(knotinfo_pd("4_1")).invariant == "determinant"
    assert _invariants(PDCode(TREFOIL), floer=False) == ["signature", "determinant", "fox-milnor"]


def test_floer_runs_on_diagrams_with_kinks():
    # an R1 kink added to the trefoil: Szabó's program rejects kinks, so the diagram is reduced first
    kinked = PDCode([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 7, 2], [7, 6, 8, 8]])
    assert kinked.components == 1
    assert _value(slice_obstructions(kinked), "tau") == 1


def test_crossing_free_diagrams():
    for pd in (PDCode([]), PDCode([], free_components=1), PDCode([], free_components=3)):
        assert slice_obstructions(pd) == []
        assert slice_obstruction(pd) is None


# --------------------------------------------------------------------------
# Knots: KnotInfo sweeps
# --------------------------------------------------------------------------


def _slice_knots() -> list[str]:
    return [n for n in knotinfo_names(12, 1) if knotinfo_row(n)["smooth_four_genus"] == "0"]


def test_no_slice_knot_up_to_12_crossings_is_obstructed():
    names = _slice_knots()
    assert len(names) == 158
    wrong = {n: [str(o) for o in slice_obstructions(knotinfo_pd(n))] for n in names}
    assert {n: o for n, o in wrong.items() if o} == {}


def _obstructed_sample() -> list[str]:
    """200 knots (every 10th, in table order) with nonzero KnotInfo signature or τ."""
    names = [
        n
        for n in knotinfo_names(12, 1)
        if knotinfo_row(n)["signature"] != "0" or knotinfo_row(n)["ozsvath_szabo_tau_invariant"] != "0"
    ]
    return names[:: len(names) // 200][:200]


def test_200_non_slice_knots_are_obstructed_with_knotinfo_values():
    sample = _obstructed_sample()
    assert len(sample) == 200
    disagreements = []
    for name in sample:
        row = knotinfo_row(name)
        found = slice_obstructions(knotinfo_pd(name))
        assert found, name
        ours = (_value(found, "signature") or 0, _value(found, "tau") or 0, _value(found, "epsilon") or 0)
        theirs = (int(row["signature"]), int(row["ozsvath_szabo_tau_invariant"]), int(row["epsilon"]))
        if ours != theirs:
            disagreements.append((name, ours, theirs))
    assert disagreements == []


@pytest.mark.slow
def test_full_table_up_to_12_crossings_agrees_with_knotinfo():
    """All 2977 nontrivial knots: slice ones unobstructed, σ, τ, ε as in KnotInfo."""
    bad = []
    for name in knotinfo_names(12, 1):
        row = knotinfo_row(name)
        found = slice_obstructions(knotinfo_pd(name))
        ours = (_value(found, "signature") or 0, _value(found, "tau") or 0, _value(found, "epsilon") or 0)
        theirs = (int(row["signature"]), int(row["ozsvath_szabo_tau_invariant"]), int(row["epsilon"]))
        if ours != theirs or (row["smooth_four_genus"] == "0" and found):
            bad.append((name, ours, theirs, [o.invariant for o in found]))
    assert bad == []


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------


def test_hopf_link_linking_number_and_signature():
    found = slice_obstructions(link_to_pd(spherogram.Link("L2a1")))
    assert [o.invariant for o in found] == ["linking-number", "signature"]
    assert found[0].value in ("lk(1,2) = 1", "lk(1,2) = -1")
    assert str(found[0]).startswith("linking number lk(1,2) = ")


def test_link_components_are_checked():
    # L7n1: lk = 2 and one component is a trefoil
    found = slice_obstructions(link_to_pd(spherogram.Link("L7n1")))
    assert found[0].invariant == "linking-number"
    assert any(o.invariant == "tau" and o.value.startswith("of component ") for o in found)


def test_split_trefoil_and_mirror_is_caught_by_its_components():
    # σ = 0 and all lk = 0, but each component is a trefoil
    right = PDCode(TREFOIL)
    split = PDCode(list(right.crossings) + _shifted(_mirror(right), 100))
    assert split.components == 2 and link_signature(split) == 0
    found = slice_obstructions(split)
    assert "linking-number" not in [o.invariant for o in found]
    assert [o.value for o in found if o.invariant == "signature"] == [
        "of component 1: σ = -2", "of component 2: σ = 2"
    ]
    assert "each component of a strongly slice link is a slice knot" in found[0].reason


def test_link_with_free_components():
    trefoil_and_circle = PDCode(TREFOIL, free_components=1)
    assert trefoil_and_circle.components == 2
    found = slice_obstructions(trefoil_and_circle)
    assert (found[0].invariant, found[0].value) == ("signature", "σ = -2")
    assert found[0].reason.startswith("a strongly slice link has signature 0")
    hopf_and_circle = link_to_pd(spherogram.Link("L2a1"))
    hopf_and_circle = PDCode(hopf_and_circle.crossings, free_components=2)
    assert [o.invariant for o in slice_obstructions(hopf_and_circle)] == ["linking-number", "signature"]


@pytest.mark.parametrize("name", ["L6a4", "L10n36", "L11n247", "L10a140"])
def test_links_without_obstruction(name):
    # Borromean rings (L6a4) and others with lk = 0, σ = 0 and unknotted (or 8_20-like) components
    assert slice_obstructions(link_to_pd(spherogram.Link(name))) == []


@pytest.mark.parametrize("name", ["L2a1", "L7n1", "L9n14", "L10n36", "L11a500", "L10a140"])
def test_component_pd_agrees_with_spherogram_sublink(name):
    link = spherogram.Link(name)
    pd = link_to_pd(link)
    ours = sorted(
        (link_signature(component_pd(pd, i)), tuple(alexander_coefficients(component_pd(pd, i))))
        for i in range(len(pd.edge_components()))
    )
    theirs = []
    for i in range(len(link.link_components)):
        sub = link.sublink([i])
        sub.simplify("basic")
        sub_pd = link_to_pd(sub)
        theirs.append((link_signature(sub_pd), tuple(alexander_coefficients(sub_pd))))
    assert ours == sorted(theirs)
    for i in range(len(pd.edge_components())):
        assert component_pd(pd, i).components == 1


def _slow_alexander(pd):
    import time

    time.sleep(30)
    return [1]


def test_fox_milnor_on_a_large_diagram_is_time_limited(monkeypatch, capsys):
    """regina's Alexander polynomial can take minutes on large diagrams (121 s on the Gordian unknot):
    above BOUNDED_ALEXANDER_ABOVE crossings it runs in a child process and a timeout means no verdict."""
    import time

    from pybridge.knots import slice as slice_module

    monkeypatch.setattr(slice_module, "alexander_coefficients", _slow_alexander)
    monkeypatch.setattr(slice_module, "BOUNDED_ALEXANDER_ABOVE", 0)
    monkeypatch.setattr(slice_module, "ALEXANDER_TIMEOUT_S", 1.0)
    start = time.monotonic()
    assert slice_module._fox_milnor_check(knotinfo_pd("8_20")) is None
    assert time.monotonic() - start < 10
    assert "timed out after 1 s" in capsys.readouterr().err
