"""The certificate schema, hash, atomic I/O and the trusted checker (Python side)."""

import ast
import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pybridge.certs import (
    Certificate,
    check_certificate,
    check_document,
    check_file,
    document_hash,
    read_certificate,
    write_certificate,
)
from pybridge.certs.io import dump_certificate
from pybridge.errors import CertificateFormatError

STEPS = [["braid", 0], ["cancel", 2], ["cancel", 1], ["rotate", 1], ["destabilize"], ["destabilize"]]


@pytest.fixture
def cert() -> Certificate:
    """σ1σ2σ1σ2⁻¹σ1⁻¹σ1 = σ2σ1: an unknot on 3 strands, reduced by hand."""
    return Certificate.create(
        "unknot", "braid", {"strands": 3, "word": [1, 2, 1, -2, -1, 1]}, {"components": 1}, STEPS,
        {"agent": "hand", "source": "test"},
    )


def resealed(document: dict) -> dict:
    document = copy.deepcopy(document)
    document["sha256"] = document_hash(document)
    return document


def test_valid_certificate_round_trips_through_yaml(cert, tmp_path):
    assert check_certificate(cert).valid
    path = write_certificate(cert, tmp_path)
    assert path.name == f"unknot-test-{cert.short_hash}.yaml"
    assert read_certificate(path) == cert
    assert check_file(path).valid
    assert not list(tmp_path.glob(".tmp-*"))  # nothing half-written left behind


@pytest.mark.parametrize(
    ("edit", "step", "reason"),
    [
        (lambda d: d["steps"][1].__setitem__(1, 3), 1, "not an inverse pair"),  # move position
        (lambda d: d["input"]["word"].__setitem__(0, 2), 0, "not a sign-uniform braid triple"),  # generator
        (lambda d: d["steps"].pop(2), 4, "occurs more than once"),  # dropped step
        (lambda d: d["input"].__setitem__("strands", 4), 4, "last letter is not ±3"),  # strand count
        (lambda d: d["steps"].insert(1, d["steps"].pop(2)), 1, "not an inverse pair"),  # swapped steps
        (lambda d: d["steps"].__setitem__(0, ["smooth", 0]), 0, "not allowed in a unknot"),
        (lambda d: d["steps"].__setitem__(0, ["teleport", 0]), 0, "unknown move"),
        (lambda d: d["steps"].__setitem__(0, ["braid"]), 0, "takes 1 argument"),
    ],
)
def test_tampered_steps_are_rejected_with_the_step_named(cert, edit, step, reason):
    document = cert.to_document()
    edit(document)
    verdict = check_document(resealed(document))
    assert not verdict.valid
    assert verdict.step == step
    assert reason in verdict.reason
    assert f"step {step}" in str(verdict)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["input"].__setitem__("strands", 2), "input.word[1]"),  # strand count too small
        (lambda d: d.__setitem__("kind", "unlink") or d["claim"].__setitem__("components", 2), "claim.components"),
        (lambda d: d["claim"].__setitem__("components", 2), "claim.components"),
        (lambda d: d.__setitem__("format", "pybridge-cert/0"), "format"),
        (lambda d: d.__setitem__("extra", 1), "unknown field 'extra'"),
        (lambda d: d.pop("provenance"), "missing field 'provenance'"),
        (lambda d: d["steps"][0].__setitem__(1, True), "steps[0][1]"),
        (lambda d: d["steps"][0].__setitem__(1, 1.0), "steps[0][1]"),
        (lambda d: d["input"]["word"].__setitem__(0, 0), "input.word[0]"),
        (lambda d: d["provenance"].__setitem__("x", [1]), "provenance.x"),
    ],
)
def test_tampered_fields_are_rejected_with_the_field_named(cert, edit, field):
    document = cert.to_document()
    edit(document)
    verdict = check_document(resealed(document))
    assert not verdict.valid
    assert field in verdict.reason


def test_edit_without_fixing_the_hash_is_rejected(cert, tmp_path):
    path = write_certificate(cert, tmp_path)
    text = path.read_text().replace("agent: hand", "agent: forged")
    path.write_text(text)
    verdict = check_file(path)
    assert not verdict.valid and "sha256" in verdict.reason and "hash mismatch" in verdict.reason


def test_edit_with_fixed_hash_is_rejected_by_replay(cert, tmp_path):
    document = cert.to_document()
    document["steps"][3] = ["rotate", 0]
    path = tmp_path / "forged.yaml"
    path.write_text(yaml.safe_dump(resealed(document)))
    verdict = check_file(path)
    assert not verdict.valid and verdict.step == 3 and "rotation 0" in verdict.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("format: pybridge-cert/1\nformat: pybridge-cert/1\n", "duplicate key 'format'"),
        ("steps: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
        ("!!python/object:os.system {}\n", "not valid YAML"),
    ],
)
def test_malformed_files_are_rejected(tmp_path, text, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    verdict = check_file(path)
    assert not verdict.valid and reason in verdict.reason


def test_truncated_file_is_rejected(cert, tmp_path):
    text = dump_certificate(cert)
    path = tmp_path / "half.yaml"
    path.write_text(text[: len(text) // 2])
    assert not check_file(path).valid


def test_unlink_and_ribbon_claims():
    unlink = Certificate.create("unlink", "braid", {"strands": 3, "word": [1, -1]}, {"components": 3},
                                [["cancel", 0]])
    assert check_certificate(unlink).valid
    unknot_as_ribbon = Certificate.create("ribbon", "braid", {"strands": 2, "word": [1]}, {"bands": 1},
                                          [["smooth", 0]])
    assert check_certificate(unknot_as_ribbon).valid
    not_a_knot = Certificate.create("ribbon", "braid", {"strands": 2, "word": [1, 1]}, {"bands": 1},
                                    [["smooth", 0], ["smooth", 0]])
    assert "claim.bands" in check_certificate(not_a_knot).reason


def test_ribbon_input_must_be_a_knot():
    cert = Certificate.create("ribbon", "braid", {"strands": 3, "word": [1, 1, 2, -2]}, {"bands": 2},
                              [["smooth", 0], ["smooth", 0], ["cancel", 0]])
    verdict = check_certificate(cert)
    assert not verdict.valid and "not a knot" in verdict.reason


def test_create_refuses_malformed_fields():
    with pytest.raises(CertificateFormatError, match="input.word\\[0\\]"):
        Certificate.create("unknot", "braid", {"strands": 2, "word": [2]}, {"components": 1}, [])


def test_trusted_checker_imports_no_search_code():
    """pybridge.certs must not import moves or a search capability (agents, envs), directly or at run time."""
    capabilities = ("unknot", "ribbon", "unknotting", "plumbing", "conjecture", "nnft", "metricflow")
    forbidden = ("pybridge.moves", "..moves") + tuple(f"{prefix}{name}" for name in capabilities
                                                     for prefix in ("pybridge.", ".."))
    for path in Path("pybridge/certs").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                assert not module.startswith(forbidden), (path, module)
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith(forbidden) for alias in node.names), path
    code = "import sys, pybridge.certs; print(sorted(m for m in sys.modules if m.startswith('pybridge.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "moves" not in loaded and "envs" not in loaded and "agents" not in loaded
    assert not [m for m in ast.literal_eval(loaded) if m.split(".")[1] in capabilities], loaded
