"""Planar-diagram certificates: valid ones (simplifier output, an unlink, hand-built ribbons) and tampering."""

from __future__ import annotations

import copy
import random

import pytest
import yaml

from pybridge.certs import Certificate, check_certificate, check_document, check_file, document_hash, write_certificate
from pybridge.errors import CertificateFormatError
from pybridge.knots.braid import BraidWord
from pybridge.knots.convert import braid_to_pd
from pybridge.knots.spec import parse_spec
from pybridge.moves.pd import PDState, apply_move, band_moves, replay, roughen, simplify_recorded
from pybridge.moves.scramble import scramble, unknot_instance

regina = pytest.importorskip("regina")

#: 6_1 (stevedore) from KnotInfo, relabelled along the knot; a finger move then one untwisted band
#: give the 2-component unlink.
STEVEDORE_BAND = [("r2_add", 7, 5, 0), ("band", 10, 13, 0, 0)]
#: 8_20: one untwisted band between two edges of a common face.
EIGHT_TWENTY_BAND = [("band", 7, 11, 1, 0)]


def knot_state(name: str) -> PDState:
    return PDState.from_pd(parse_spec(name).pd)


def unknot_state(length: int, seed: int, roughening: int = 20) -> PDState:
    rng = random.Random(seed)
    braid, _ = unknot_instance(length, rng)
    state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    return roughen(state, roughening, rng)[0]


def certify_unknot(state: PDState, seed: int = 0) -> Certificate:
    steps = simplify_recorded(state, seed=seed, time_limit_s=20)
    return Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": "simplify_recorded", "seed": seed, "source": "test"})


def certify_ribbon(state: PDState, band_steps: list[tuple]) -> Certificate:
    after = replay(state, band_steps)
    steps = band_steps + simplify_recorded(after, seed=0, time_limit_s=10)
    bands = sum(step[0] == "band" for step in band_steps)
    return Certificate.create("ribbon", "pd", state.as_input(), {"bands": bands}, steps, {"source": "test"})


@pytest.fixture(scope="module")
def unknot_cert() -> Certificate:
    """A 60-letter scrambled unknot braid, roughened; its reduction uses R1, R2 and R3."""
    cert = certify_unknot(unknot_state(60, seed=5, roughening=60))
    assert {"r1_remove", "r2_remove", "r3"} <= {step[0] for step in cert.steps}
    return cert


@pytest.fixture(scope="module")
def ribbon_cert() -> Certificate:
    return certify_ribbon(knot_state("6_1"), STEVEDORE_BAND)


def document_of(cert: Certificate) -> dict:
    """A private, editable copy of the certificate's document (fixtures are shared between tests)."""
    return copy.deepcopy(cert.to_document())


def resealed(document: dict) -> dict:
    document = copy.deepcopy(document)
    document["sha256"] = document_hash(document)
    return document


def first_step(cert: Certificate, name: str) -> int:
    return next(k for k, step in enumerate(cert.steps) if step[0] == name)


# ------------------------------------------------------------------------------------------------
# Valid certificates
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("length", "seed"), [(20, 1), (60, 2), (100, 3)])
def test_simplified_unknot_diagrams_give_valid_certificates(length, seed, tmp_path):
    cert = certify_unknot(unknot_state(length, seed), seed)
    verdict = check_certificate(cert)
    assert verdict.valid, verdict
    assert verdict.final_state == ((), 1)
    path = write_certificate(cert, tmp_path)
    assert check_file(path).valid
    assert {step[0] for step in cert.steps} <= {"r1_remove", "r1_add", "r2_remove", "r2_add", "r3"}


def test_unlink_certificate():
    rng = random.Random(7)
    braid, _ = scramble(40, rng, components=3, max_strands=5)
    state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    steps = simplify_recorded(state, seed=0, time_limit_s=10)
    cert = Certificate.create("unlink", "pd", state.as_input(), {"components": 3}, steps)
    assert check_certificate(cert).valid
    wrong = Certificate.create("unlink", "pd", state.as_input(), {"components": 2}, steps)
    assert "claim.components: 2 claimed" in check_certificate(wrong).reason


def test_the_stevedore_band_gives_the_two_component_unlink(ribbon_cert):
    """6_1 is ribbon: the band result is the 2-component unlink (checked by regina too)."""
    after_band = replay(knot_state("6_1"), STEVEDORE_BAND)
    assert after_band.components == 2
    link = regina.Link.fromPD([list(c) for c in after_band.crossings])
    assert str(link.jones()) == str(regina.Link(2).jones())
    link.simplifyExhaustive()
    assert link.size() == 0 and link.countComponents() == 2
    verdict = check_certificate(ribbon_cert)
    assert verdict.valid, verdict
    assert verdict.final_state == ((), 2)


def test_eight_twenty_ribbon_certificate():
    cert = certify_ribbon(knot_state("8_20"), EIGHT_TWENTY_BAND)
    assert check_certificate(cert).valid


def test_ribbon_with_remove_free_steps():
    """Capping free unknots on the way counts towards the b + 1 discs."""
    cert = certify_ribbon(knot_state("8_20"), EIGHT_TWENTY_BAND)
    for removed in (1, 2):
        steps = list(cert.steps) + [("remove_free",)] * removed
        capped = Certificate.create("ribbon", "pd", cert.input, {"bands": 1}, steps)
        assert check_certificate(capped).final_state == ((), 2 - removed)
        assert check_certificate(capped).valid
    too_many = Certificate.create("ribbon", "pd", cert.input, {"bands": 1}, steps + [("remove_free",)])
    verdict = check_certificate(too_many)
    assert verdict.step == len(steps) and "no free component" in verdict.reason


def test_ribbon_input_must_be_a_knot():
    """Two circles plus a free unknot, one band joining the circles: the discs count is right (2), but
    the input has three components, so this is not a ribbon certificate."""
    three = PDState(((3, 1, 4, 2), (4, 1, 3, 2)), 1)  # the closure of σ₁σ₁⁻¹, plus a free unknot
    join = next(m for m in band_moves(three) if apply_move(three, m).components == 2)
    cert = certify_ribbon(three, [join])
    verdict = check_certificate(cert)
    assert verdict.final_state == ((), 2)
    assert verdict.reason == "input: the input diagram is not a knot (one component)"


# ------------------------------------------------------------------------------------------------
# Tampering
# ------------------------------------------------------------------------------------------------


def edit_step(cert: Certificate, name: str, position: int, value: int):
    index = first_step(cert, name)

    def edit(document):
        document["steps"][index][position] = value

    return edit, index


@pytest.mark.parametrize(
    ("name", "position", "value", "reason"),
    [
        ("r1_remove", 1, 10**6, "crossing 1000000 is outside"),  # changed crossing index
        ("r2_remove", 2, None, "two different crossings"),  # j := i
        ("r3", 1, 10**6, "edge 1000000 is not a label"),  # changed edge label
        ("r3", 2, 2, "side must be 0 (left) or 1 (right)"),  # side out of range
    ],
)
def test_changed_step_arguments_are_rejected_at_that_step(unknot_cert, name, position, value, reason):
    index = first_step(unknot_cert, name)
    document = document_of(unknot_cert)
    step = document["steps"][index]
    step[position] = step[1] if value is None else value
    verdict = check_document(resealed(document))
    assert not verdict.valid and verdict.step == index and reason in verdict.reason
    assert f"step {index}" in str(verdict)


def test_r3_on_the_other_side_is_rejected(unknot_cert):
    """The other face of the edge is (here) not a triangle, or the replay fails later."""
    index = first_step(unknot_cert, "r3")
    document = document_of(unknot_cert)
    document["steps"][index][2] = 1 - document["steps"][index][2]
    verdict = check_document(resealed(document))
    assert not verdict.valid
    assert (verdict.step is not None and verdict.step >= index) or verdict.reason.startswith("claim")


@pytest.mark.parametrize(
    ("edit", "expected_step"),
    [
        (lambda steps: steps.pop(0), None),  # dropped step
        (lambda steps: steps.insert(0, steps.pop(1)), None),  # swapped steps
        (lambda steps: steps.pop(), "claim"),  # dropped last step: crossings left
    ],
)
def test_dropped_or_swapped_steps_are_rejected(unknot_cert, edit, expected_step):
    document = document_of(unknot_cert)
    edit(document["steps"])
    verdict = check_document(resealed(document))
    assert not verdict.valid
    if expected_step == "claim":
        assert verdict.reason.startswith("claim: the final diagram still has")
    else:
        assert verdict.step is not None and f"step {verdict.step}" in str(verdict)


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d["claim"].__setitem__("components", 2), "claim.components: an unknot claim has exactly 1"),
        (lambda d: d.__setitem__("kind", "unlink") or d["claim"].__setitem__("components", 2),
         "claim.components: 2 claimed but the final state is the 1-component unlink"),
        (lambda d: d.__setitem__("kind", "ribbon") or d.__setitem__("claim", {"bands": 1}), "claim.bands"),
        (lambda d: d["steps"].insert(0, ["band", 1, 2, 0, 0]), "band is not an isotopy"),
        (lambda d: d["steps"].insert(0, ["remove_free"]), "remove_free is not an isotopy"),
        (lambda d: d["steps"].insert(0, ["r4", 1]), "unknown move 'r4'"),
        (lambda d: d["steps"].insert(0, ["r2_remove", 1]), "r2_remove takes 2 argument(s), got 1"),
        (lambda d: d["input"]["pd"][0].__setitem__(0, d["input"]["pd"][0][2]), "input.pd: label"),
        (lambda d: d["input"]["pd"].__setitem__(0, d["input"]["pd"][0][2:] + d["input"]["pd"][0][:2]),
         "input.pd: not consistently oriented"),
        (lambda d: d["input"]["pd"][0].pop(), "input.pd[0]: expected a list of 4 edge labels"),
        (lambda d: d["input"]["pd"][0].__setitem__(1, 0), "input.pd[0][1]: 0 is outside"),
        (lambda d: d["input"]["pd"][0].__setitem__(1, True), "input.pd[0][1]: expected an integer"),
        (lambda d: d["input"].__setitem__("free", -1), "input.free: -1 is outside"),
        (lambda d: d["input"].pop("free"), "input: missing field 'free'"),
        (lambda d: d["input"].__setitem__("strands", 3), "input: unknown field 'strands'"),
        (lambda d: d.__setitem__("calculus", "braid"), "input: missing field 'strands'"),
        (lambda d: d.__setitem__("calculus", "gauss"), "calculus: 'gauss' is not one of braid, pd"),
    ],
)
def test_tampered_fields_are_rejected_with_the_field_or_step_named(unknot_cert, edit, where):
    document = document_of(unknot_cert)
    edit(document)
    verdict = check_document(resealed(document))
    assert not verdict.valid and where in str(verdict)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda step: step.__setitem__(4, 11), "|twists| must be at most 10"),
        (lambda step: step.__setitem__(2, step[1]), "two different edges"),
    ],
)
def test_tampered_band_step_is_rejected_at_the_band(ribbon_cert, edit, reason):
    index = first_step(ribbon_cert, "band")
    document = document_of(ribbon_cert)
    edit(document["steps"][index])
    verdict = check_document(resealed(document))
    assert not verdict.valid and verdict.step == index and reason in verdict.reason


@pytest.mark.parametrize(("position", "value"), [(4, 1), (4, -1), (3, 1)])
def test_changed_twists_or_side_break_the_ribbon_certificate(ribbon_cert, position, value):
    """A different band (twisted, or on the other side) no longer leads to the unlink as recorded."""
    index = first_step(ribbon_cert, "band")
    document = document_of(ribbon_cert)
    document["steps"][index][position] = value
    verdict = check_document(resealed(document))
    assert not verdict.valid
    assert verdict.step is not None or verdict.reason.startswith("claim")


def test_ribbon_claim_counts_bands(ribbon_cert):
    document = document_of(ribbon_cert)
    document["claim"]["bands"] = 2
    verdict = check_document(resealed(document))
    assert "claim.bands: 2 claimed but 1 band steps" in verdict.reason


def test_edit_without_fixing_the_hash_is_rejected(unknot_cert, tmp_path):
    path = write_certificate(unknot_cert, tmp_path)
    text = path.read_text()
    path.write_text(text.replace("- [r3,", "- [r2_remove,", 1))
    verdict = check_file(path)
    assert not verdict.valid and "sha256: hash mismatch" in verdict.reason


def test_edit_with_fixed_hash_is_rejected_by_replay(unknot_cert, tmp_path):
    document = document_of(unknot_cert)
    index = first_step(unknot_cert, "r2_remove")
    document["steps"][index] = ["r1_remove", document["steps"][index][1]]
    path = tmp_path / "forged.yaml"
    path.write_text(yaml.safe_dump(resealed(document)))
    verdict = check_file(path)
    assert not verdict.valid and verdict.step == index


def test_create_refuses_malformed_pd_input():
    with pytest.raises(CertificateFormatError, match=r"input.pd\[0\]\[2\]"):
        Certificate.create("unknot", "pd", {"pd": [[1, 1, -2, 2]], "free": 0}, {"components": 1}, [])


def test_apply_move_is_the_checker(unknot_cert):
    """The search side applies moves through the trusted checker: replaying the steps one by one agrees."""
    state = PDState.of((tuple(tuple(c) for c in unknot_cert.input["pd"]), unknot_cert.input["free"]))
    for step in unknot_cert.steps:
        state = apply_move(state, step)
        assert state is not None
    assert state.crossings == () and state.free == 1


def test_pd_checker_stands_alone():
    """The trusted PD checker imports only the standard library and the braid checker's Verdict/IllegalMove."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path("pybridge/certs/pd_checker.py").read_text())
    imported = {("." * node.level + (node.module or "")) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert imported == {"__future__", "typing", ".checker"}
