"""The Lean side: the KnotCert library's lockstep with Coq, the exporter (pybridge.export.lean) and the
runner's audits (pybridge.prover.lean).

No Lean toolchain exists where this suite runs, so nothing here compiles Lean: these tests check
what can be checked without one — names against the Coq library, the committed generated modules
against their certificates, the static safety of every Lean file, the exporter's handling of
hostile input, the missing-toolchain message, and the axiom-audit parser on recorded outputs. The
runner's orchestration is exercised with a stand-in `lake` that records its calls.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pybridge.certs.checker import check_certificate
from pybridge.certs.io import read_certificate
from pybridge.certs.model import Certificate
from pybridge.errors import ExportError, ToolMissingError
from pybridge.export import lean as export
from pybridge.prover import lean as prover

ROOT = Path(__file__).resolve().parents[1]
COQ_THEORIES = ROOT / "coq" / "theories"
LEAN_LIB = ROOT / "lean" / "KnotCert"
GENERATED = ROOT / "lean" / "KnotCertGenerated"
STATEMENTS = GENERATED / "Statements"
EXAMPLES = ROOT / "certs" / "examples"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FORBIDDEN = re.compile(r"\b(" + "|".join(export.FORBIDDEN_WORDS) + r")\b")


def make(kind, strands, word, claim, steps, **provenance) -> Certificate:
    claim_key = "bands" if kind == "ribbon" else "components"
    return Certificate.create(kind, "braid", {"strands": strands, "word": word}, {claim_key: claim},
                              [list(step) for step in steps], provenance or {"source": "test"})


SQUARE_KNOT = [-2, 1, 1, 1, 2, -1, -1, -1]
RIBBON_STEPS = [("smooth", 0), ("rotate", 3), ("cancel", 3), ("cancel", 2), ("cancel", 1), ("destabilize",)]


def sample_certs() -> list[Certificate]:
    return [
        make("unknot", 2, [1], 1, [("destabilize",)]),
        make("unlink", 3, [1, 2, -1], 2, [("rotate", 1), ("cancel", 1), ("destabilize",)]),
        make("ribbon", 3, SQUARE_KNOT, 1, RIBBON_STEPS, source="3_1#3_1*"),
    ]


# -- parsing the two libraries ----------------------------------------------------------------------


def strip_nested(text: str, open_: str, close: str) -> str:
    """``text`` with nested ``open_ ... close`` comments replaced by a space."""
    out, depth, k = [], 0, 0
    while k < len(text):
        if text.startswith(open_, k):
            depth, k = depth + 1, k + len(open_)
        elif depth and text.startswith(close, k):
            depth, k = depth - 1, k + len(close)
            if depth == 0:
                out.append(" ")
        else:
            if not depth:
                out.append(text[k])
            k += 1
    return "".join(out)


def coq_source(path: Path) -> str:
    return strip_nested(path.read_text(encoding="utf-8"), "(*", "*)")


def lean_source(path: Path) -> str:
    text = strip_nested(path.read_text(encoding="utf-8"), "/-", "-/")
    return re.sub(r"--[^\n]*", "", text)


COQ_DECL = re.compile(r"^\s*(Definition|Fixpoint|Inductive|Record|Structure|Theorem|Lemma|Corollary|"
                      r"Remark|Fact|Proposition|Example|Variant|CoInductive|CoFixpoint)\s+([A-Za-z_][A-Za-z0-9_']*)",
                      re.M)
LEAN_DECL = re.compile(r"^\s*(?:@\[[^\]]*\]\s*)?(?:(?:private|protected|noncomputable)\s+)*"
                       r"(def|inductive|structure|theorem|lemma|abbrev|class|instance|opaque)\s+"
                       r"([A-Za-z_][A-Za-z0-9_']*)", re.M)


def coq_declarations(paths) -> dict[str, str]:
    return {name: kind for path in paths for kind, name in COQ_DECL.findall(coq_source(path))}


def lean_declarations(paths) -> dict[str, str]:
    return {name: kind for path in paths for kind, name in LEAN_DECL.findall(lean_source(path))}


def coq_constructors(paths) -> set[str]:
    """Constructors of every ``Inductive`` and constructors and fields of every ``Record``."""
    names: set[str] = set()
    for path in paths:
        text = coq_source(path)
        for body in re.findall(r"\bInductive\s+\w+[^.]*?:=(.*?)\.\s*(?:\n|$)", text, re.S):
            for piece in body.split("|"):
                match = re.match(r"\s*([A-Za-z_]\w*)", piece)
                if match:
                    names.add(match.group(1))
        for constructor, fields in re.findall(r"\bRecord\s+\w+\s*:=\s*(\w+)\s*\{(.*?)\}", text, re.S):
            names.add(constructor)
            names.update(re.findall(r"([A-Za-z_]\w*)\s*:", fields))
    return names


def lean_constructors(paths) -> set[str]:
    """Constructors of every ``inductive``, and the constructor and fields of every ``structure``."""
    names: set[str] = set()
    for path in paths:
        block = None
        for line in lean_source(path).splitlines():
            if re.match(r"^(inductive|structure)\s", line):
                block = line.split()[0]
                continue
            if line and not line[0].isspace():
                block = None
                continue
            if block == "inductive":
                match = re.match(r"^\s+\|\s*([A-Za-z_]\w*)", line)
            elif block == "structure":
                match = re.match(r"^\s+([A-Za-z_]\w*)\s*(?:::|:\s)", line)
            else:
                match = None
            if match:
                names.add(match.group(1))
    return names


COQ_FILES = sorted(COQ_THEORIES.glob("*.v"))
LEAN_FILES = sorted(LEAN_LIB.glob("*.lean"))
MIRRORED_COQ = [COQ_THEORIES / name for name in export.MIRRORED_FILES]
MIRRORED_LEAN = [LEAN_LIB / name for names in export.MIRRORED_FILES.values() for name in names]


def test_parsers_see_the_libraries():
    coq = coq_declarations(COQ_FILES)
    lean = lean_declarations(LEAN_FILES)
    assert coq["check"] == "Definition" and coq["run"] == "Fixpoint" and coq["cert"] == "Record"
    assert coq["check_sound_unknot"] == "Corollary" and coq["run_ribbon"] == "Lemma"
    assert lean["check"] == "def" and lean["Cert"] == "structure" and lean["Move"] == "inductive"
    assert lean["check_sound_unknot"] == "theorem"
    assert "not_a_declaration" not in lean and "Unknot" not in lean  # comments and constructors ignored
    assert {"Cancel", "Unknot", "mk_state", "word", "band_smooth"} <= coq_constructors(COQ_FILES)
    assert {"Cancel", "Unknot", "mk_state", "word", "band_smooth"} <= lean_constructors(LEAN_FILES)


def test_every_table_name_exists_on_both_sides():
    coq = coq_declarations(COQ_FILES)
    lean = lean_declarations(LEAN_FILES)
    one_sided = [(c, l) for c, l, _ in export.NAME_TABLE if c not in coq or l not in lean]
    assert one_sided == [], f"names in NAME_TABLE missing on one side (Coq, Lean): {one_sided}"
    coq_ctors, lean_ctors = coq_constructors(COQ_FILES), lean_constructors(LEAN_FILES)
    one_sided = [(c, l) for c, l in export.CONSTRUCTOR_TABLE if c not in coq_ctors or l not in lean_ctors]
    assert one_sided == [], f"constructors/fields in CONSTRUCTOR_TABLE missing on one side: {one_sided}"


def test_kinds_correspond():
    """Inductive types, records and theorems map to the same kind of Lean declaration."""
    coq, lean = coq_declarations(COQ_FILES), lean_declarations(LEAN_FILES)
    expected = {"Definition": {"def", "abbrev"}, "Fixpoint": {"def"}, "Inductive": {"inductive"},
                "Record": {"structure"}, "Theorem": {"theorem"}, "Lemma": {"theorem"}, "Corollary": {"theorem"},
                "Example": {"theorem"}}
    wrong = [(c, coq[c], l, lean[l]) for c, l, _ in export.NAME_TABLE if lean[l] not in expected[coq[c]]]
    assert wrong == []


def test_every_declaration_of_a_mirrored_file_is_accounted_for():
    coq = coq_declarations(MIRRORED_COQ)
    lean = lean_declarations(MIRRORED_LEAN)
    table_coq = {c for c, _, _ in export.NAME_TABLE}
    table_lean = {l for _, l, _ in export.NAME_TABLE}
    assert sorted(set(coq) - table_coq - set(export.COQ_ONLY)) == [], "Coq declarations with no Lean mirror"
    assert sorted(set(lean) - table_lean - set(export.LEAN_ONLY)) == [], "Lean declarations not in the table"
    assert sorted(set(export.COQ_ONLY) - set(coq)) == [], "stale COQ_ONLY entries"
    assert sorted(set(export.LEAN_ONLY) - set(lean)) == [], "stale LEAN_ONLY entries"
    assert not set(export.COQ_ONLY) & table_coq and not set(export.LEAN_ONLY) & table_lean


#: Coq theories committed before their Lean mirror, and why; every other theory must be mirrored (an entry is
#: removed when its mirror is registered in SPEC_MIRRORS)
NOT_YET_MIRRORED: dict[str, str] = {
}


def test_every_coq_theory_is_mirrored():
    assert {"Braid.v", "PD.v", "Plumbing.v"} <= set(export.MIRRORED_FILES)  # every certificate calculus is mirrored
    assert {"PDSpec.v", "PDInsertSpec.v", "PDBandSpec.v"} <= set(export.MIRRORED_FILES)
    unmirrored = [path.name for path in COQ_FILES if path.name not in export.MIRRORED_FILES]
    assert all(path.is_file() for path in MIRRORED_LEAN + MIRRORED_COQ)
    missing = sorted(set(unmirrored) - set(NOT_YET_MIRRORED))
    assert missing == [], f"Coq theories without a Lean mirror (add one and register it in SPEC_MIRRORS): {missing}"
    stale = sorted(set(NOT_YET_MIRRORED) - set(unmirrored))
    assert stale == [], f"NOT_YET_MIRRORED entries that are mirrored (or gone) now; remove them: {stale}"


def test_docs_render_the_table():
    docs = (ROOT / "docs" / "lean.md").read_text(encoding="utf-8")
    section = docs.split("<!-- name-table:start", 1)[1].split("-->", 1)[1].split("<!-- name-table:end -->")[0]
    assert section.strip() == export.render_name_table_markdown().strip()
    assert "**Not compiled in pybridge's own CI.**" in docs.split("\n\n", 2)[1]  # said up front


# -- the project files -------------------------------------------------------------------------------


def test_project_files():
    toolchain = (ROOT / "lean-toolchain").read_text()
    assert re.fullmatch(r"leanprover/lean4:v\d+\.\d+\.\d+\n", toolchain)
    assert toolchain.split(":v")[1].strip() in (ROOT / "docs" / "lean.md").read_text()
    lakefile = (ROOT / "lakefile.lean").read_text()
    assert re.search(r"@\[default_target\]\s*lean_lib KnotCert where\s*srcDir := \"lean\"", lakefile)
    assert re.search(r"@\[default_target\]\s*lean_lib KnotCertGenerated where\s*srcDir := \"lean\"\s*"
                     r"globs := #\[\.andSubmodules `KnotCertGenerated\]", lakefile)
    assert "require" not in lakefile  # core Lean only: no Mathlib, no Batteries
    manifest = json.loads((ROOT / "lake-manifest.json").read_text())
    assert manifest["packages"] == [] and manifest["name"] == "knotcert"
    assert (ROOT / "lean" / "KnotCertGenerated.lean").is_file()  # the glob includes the root module
    root = (ROOT / "lean" / "KnotCert.lean").read_text()
    assert sorted(f"import KnotCert.{p.stem}" for p in LEAN_FILES) == sorted(re.findall(r"^import .*$", root, re.M))


def test_library_imports_core_lean_only():
    for path in LEAN_FILES:
        imports = re.findall(r"^import (\S+)", path.read_text(), re.M)
        assert all(name.startswith("KnotCert.") for name in imports), (path, imports)
    assert "import" not in lean_source(LEAN_LIB / "Braid.lean").split("namespace")[0]


# -- (b) committed generated modules ----------------------------------------------------------------


def example_certs() -> list[Certificate]:
    return [cert for cert in map(read_certificate, sorted(EXAMPLES.glob("*.yaml"))) if cert.calculus in export.LEAN_CALCULI]


REGENERATE = ("regenerate with: python -c \"from pathlib import Path; from pybridge.certs.io import "
              "read_certificate as r; from pybridge.export.lean import write_lean_exports as w; "
              "w([c for c in map(r, sorted(Path('certs/examples').glob('*.yaml'))) if c.calculus in ('braid', 'pd', 'plumbing')], "
              "'lean/KnotCertGenerated')\"")


def test_every_example_certificate_has_its_module_byte_for_byte():
    certs = example_certs()
    assert len(certs) >= 40 and sum(cert.calculus == "pd" for cert in certs) >= 13
    assert export.LEAN_CALCULI == ("braid", "pd", "plumbing") and sum(cert.calculus == "plumbing" for cert in certs) >= 3
    for cert in certs:
        path = GENERATED / f"Cert_{cert.sha256[:12]}.lean"
        assert path.is_file(), f"{path.name} missing; {REGENERATE}"
        assert path.read_bytes() == export.render_lean(cert).encode("ascii"), f"{path.name} is stale; {REGENERATE}"
        assert check_certificate(cert).valid


def test_no_orphan_generated_modules():
    expected = {f"Cert_{cert.sha256[:12]}.lean" for cert in example_certs()}
    present = {path.name for path in GENERATED.glob("*.lean")}
    assert present - expected == set(), "generated modules whose certificate is not in certs/examples"
    # Statements/ holds the candidate-statement modules of the conjecture exporter (own tests)
    others = [p for p in GENERATED.rglob("*") if STATEMENTS not in p.parents and p != STATEMENTS]
    assert [p for p in others if p.is_dir() or p.suffix != ".lean"] == []


def test_write_lean_exports_reproduces_the_committed_files(tmp_path):
    certs = example_certs()
    paths = export.write_lean_exports(certs, tmp_path / "KnotCertGenerated")
    assert [p.name for p in paths] == [f"Cert_{c.sha256[:12]}.lean" for c in certs]
    for path in paths:
        assert path.read_bytes() == (GENERATED / path.name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "KnotCertGenerated").iterdir()) == sorted(p.name for p in paths)


def test_generated_module_shape():
    text = export.render_lean(sample_certs()[2])
    digest = sample_certs()[2].sha256
    assert text.startswith(f"-- pybridge certificate {digest}\n-- generated by pybridge.export.lean; kind ribbon;")
    assert f"namespace KnotCertGenerated.Cert_{digest[:12]}\n" in text
    assert text.endswith(f"end KnotCertGenerated.Cert_{digest[:12]}\n")
    assert "KnotCert.State.mk_state 3 [(-2), 1, 1, 1, 2, (-1), (-1), (-1)]" in text
    assert "theorem cert_check : KnotCert.check cert = true := by decide\n" in text
    assert ("theorem cert_claim :\n    And (KnotCert.BandReach 1 cert_input (KnotCert.trivial 2))\n"
            "      (KnotCert.components cert_input = 1) :=\n"
            "  KnotCert.check_sound_ribbon cert cert_check rfl\n") in text
    assert "KnotCert.Equiv cert_input (KnotCert.trivial 1) :=" in export.render_lean(sample_certs()[0])
    assert "check_sound_unlink cert cert_check" in export.render_lean(sample_certs()[1])
    assert text.count("#print axioms cert_claim\n") == 1


def test_long_certificates_are_chunked():
    steps = []
    for k in range(150):
        steps += [("insert", k % 3, 1 + k % 2), ("cancel", k % 3)]
    cert = make("unknot", 3, [1, 2], 1, steps + [("destabilize",), ("destabilize",)])
    assert check_certificate(cert).valid
    text = export.render_lean(cert)
    assert "def cert_steps : List KnotCert.Move := steps_0 ++ steps_1 ++ steps_2 ++ steps_3 ++ []\n" in text
    assert [len(chunk.split(",\n")) for chunk in re.findall(r":= \[\n(.*?)\]\n", text, re.S)] == [100, 100, 100, 2]
    assert prover.audit_source(text) == ""
    empty = make("unlink", 2, [], 2, [])
    assert "def cert_steps : List KnotCert.Move := []\n" in export.render_lean(empty)
    assert prover.audit_source(export.render_lean(empty)) == ""


# -- (c) static safety of every Lean file -------------------------------------------------------------


ALL_LEAN = sorted((ROOT / "lean").rglob("*.lean")) + [ROOT / "lakefile.lean"]


@pytest.mark.parametrize("path", ALL_LEAN, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_escape_hatches(path):
    text = path.read_text(encoding="utf-8")
    assert FORBIDDEN.search(text) is None, FORBIDDEN.search(text)
    options = re.sub(r"set_option (maxRecDepth|maxHeartbeats) [0-9]+( in)?\n", "", text)
    assert "debug.skipKernelTC" not in text and "set_option" not in options  # only evaluation limits
    assert "@[" not in text.replace("@[default_target]", "")  # no implemented_by/extern/csimp attributes


@pytest.mark.parametrize("path", sorted(GENERATED.glob("*.lean")), ids=lambda p: p.name)
def test_generated_modules_pass_the_audit_and_use_plain_names(path):
    text = path.read_text(encoding="ascii")
    assert prover.audit_source(text) == ""
    assert IDENT.match(path.stem)
    namespace = re.findall(r"^namespace (\S+)$", text, re.M)[0]
    names = re.findall(r"^(?:def|theorem) (\S+)", text, re.M) + namespace.split(".")
    assert names and all(IDENT.match(name) for name in names)


# -- (d) untrusted input ------------------------------------------------------------------------------


NASTY = {
    "source": '"; theorem bad : False := sorry -- ',
    "agent": "x\n-/ axiom bad : False\n/-",
    "note": "ünïcødé ✓ \u202e \x00 \u2028 -- #eval IO.Process.exit 0",
    "version": "set_option debug.skipKernelTC true in",
    "created": "native_decide implemented_by extern unsafe partial admit",
}


@pytest.mark.parametrize("source", list(NASTY.values()) + ["3_1#3_1*", "AXIOM", "a" * 500, "knotinfo:8_20"])
def test_provenance_cannot_inject(source):
    cert = make("ribbon", 3, SQUARE_KNOT, 1, RIBBON_STEPS, **(NASTY | {"source": source}))
    plain = make("ribbon", 3, SQUARE_KNOT, 1, RIBBON_STEPS, source="plain")
    text, reference = export.render_lean(cert), export.render_lean(plain)
    assert text.isascii() and '"' not in text and "/-" not in text and "-/" not in text
    assert FORBIDDEN.search(text.lower()) is None
    comment = text.splitlines()[1]
    assert re.fullmatch(r"-- generated by pybridge\.export\.lean; kind ribbon; source [A-Za-z0-9_.+-]{0,64}", comment)
    assert [line for line in text.splitlines() if line.startswith("--")] == text.splitlines()[:2]
    # provenance changes the hash (module name) and the comment, nothing else
    strip = lambda t: re.sub(r"[0-9a-f]{64}|Cert_[0-9a-f]{12}", "H", "\n".join(t.splitlines()[2:]))
    assert strip(text) == strip(reference)
    assert prover.audit_source(text) == ""


def test_hostile_fields_are_refused_not_rendered():
    good = sample_certs()[0]
    for bad in ["); axiom f : False", "A" * 64, "0" * 63, None, 7]:
        with pytest.raises(ExportError):
            export.render_lean(dataclasses.replace(good, sha256=bad))
    hostile = [
        dict(kind="unknot\naxiom f : False"),
        dict(calculus="pd"),
        dict(input={"strands": 2, "word": [1], "extra": 1}),
        dict(input={"strands": "2", "word": [1]}),
        dict(input={"strands": True, "word": [1]}),
        dict(input={"strands": 10**6, "word": [1]}),
        dict(input={"strands": 2, "word": [1.0]}),
        dict(input={"strands": 2, "word": ["1) (sorry"]}),
        dict(claim={"components": 1, "bands": 1}),
        dict(claim={"components": 0}),
        dict(steps=(("cancel", "0; sorry"),)),
        dict(steps=(("cancel", -1),)),
        dict(steps=(("cancel", 2**31 - 1),)),
        dict(steps=(("cancel", True),)),
        dict(steps=(("Cancel", 0),)),
        dict(steps=(("exit",),)),
        dict(steps=(("insert", 0),)),
        dict(steps=(("stabilize", 2**40),)),
        dict(steps="destabilize"),
    ]
    for change in hostile:
        with pytest.raises(ExportError):
            export.render_lean(dataclasses.replace(good, **change))


def test_forged_hash_is_invalid_before_anything_is_run():
    good = sample_certs()[0]
    forged = dataclasses.replace(good, steps=())
    assert "sha256" in prover.prepare(forged)
    assert prover.prepare(dataclasses.replace(good, calculus="pd")).startswith(("not exportable", "sha256"))
    name, text = prover.prepare(good)
    assert name == f"Cert_{good.sha256[:12]}" and text == export.render_lean(good)


@pytest.mark.parametrize("bad", [
    "theorem x : False := sorry", "theorem x : False := by native_decide", "axiom bad : False",
    "import Mathlib", "open KnotCert", "set_option debug.skipKernelTC true in", "#print axioms cert_claim",
    "-- é", '-- "string"', "/- block -/", "instance : Inhabited False := sorry", "macro \"x\" : term => `(1)",
    "attribute [implemented_by foo] bar", "def cert_check' : Nat := 1", "  KnotCert.Move.Cancel 0; sorry]",
    "#eval 1", "unsafe def x := 1", "end KnotCertGenerated.Cert_000000000000",
])
def test_audit_rejects_anything_else(bad):
    text = export.render_lean(sample_certs()[1])
    assert prover.audit_source(text) == ""
    assert prover.audit_source(text + bad + "\n") != ""
    assert prover.audit_source(text.replace("import KnotCert.Braid\n", "import KnotCert.Braid\n" + bad + "\n")) != ""


def test_audit_rejects_reordered_or_missing_structure():
    text = export.render_lean(sample_certs()[0])
    lines = text.splitlines(keepends=True)
    assert prover.audit_source("".join(lines[:2] + lines[3:] + lines[2:3])) != ""  # import not first
    assert prover.audit_source(text.replace("#print axioms cert_claim\n", "")) != ""
    assert prover.audit_source(text.replace("end KnotCertGenerated", "end KnotCertGeneratedX")) != ""


# -- (e) the missing toolchain ------------------------------------------------------------------------


def test_find_lake_says_how_to_install_elan(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError) as info:
        prover.find_lake()
    message = str(info.value)
    assert prover.ELAN_INSTALL in message
    assert "curl https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh -sSf | sh" in message
    assert "Coq kernel" in message and info.value.exit_code == 4
    with pytest.raises(ToolMissingError):
        prover.check_with_lean(sample_certs())


def test_find_lake_finds_an_executable_on_path(monkeypatch, tmp_path):
    fake = tmp_path / "lake"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert prover.find_lake() == str(fake)


# -- (f) the axiom audit --------------------------------------------------------------------------------


NAME = "KnotCertGenerated.Cert_32a93df36746.cert_claim"
RECORDED = {
    # `lean file.lean` / `lake env lean file.lean`
    "none": f"'{NAME}' does not depend on any axioms\n",
    "all three": f"'{NAME}' depends on axioms: [propext, Classical.choice, Quot.sound]\n",
    # `lake build` prefixes messages and the formatter may wrap long lists
    "lake": f"info: ././././lean/KnotCertGenerated/Cert_32a93df36746.lean:52:0: '{NAME}' depends on axioms: [propext,\n"
            "  Quot.sound]\n",
    "severity": f"Audit.lean:3:0: info: '{NAME}' depends on axioms: [Quot.sound]\n",
}
REJECTED = {
    "sorry": f"'{NAME}' depends on axioms: [propext, sorryAx]\n",
    "native_decide": f"'{NAME}' depends on axioms: [Classical.choice, Lean.ofReduceBool, propext, Quot.sound]\n",
    "trust compiler": f"'{NAME}' depends on axioms: [Lean.ofReduceBool, Lean.trustCompiler]\n",
    "user axiom": f"'{NAME}' depends on axioms: [KnotCert.bad, propext]\n",
    "missing": "'KnotCertGenerated.Cert_32a93df36746.cert_check' does not depend on any axioms\n",
    "other module": f"'{NAME}x' does not depend on any axioms\n",
    "error only": "Audit.lean:1:0: error: unknown module prefix 'KnotCertGenerated'\n",
    "empty": "",
}


@pytest.mark.parametrize("case", sorted(RECORDED))
def test_axiom_audit_accepts_the_three_allowed_axioms(case):
    assert prover.axioms_reason(RECORDED[case], NAME) == ""


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_axiom_audit_rejects_anything_else(case):
    reason = prover.axioms_reason(REJECTED[case], NAME)
    assert reason != ""
    for axiom in ("sorryAx", "Lean.ofReduceBool", "KnotCert.bad"):
        if axiom in REJECTED[case]:
            assert axiom in reason


def test_parse_print_axioms_on_a_mixed_output():
    output = "".join(RECORDED.values()).replace(NAME, "A.cert_claim", 1) + REJECTED["sorry"].replace(NAME, "B.c")
    parsed = prover.parse_print_axioms(output + "'Foo.bar'' does not depend on any axioms\n")
    assert parsed["A.cert_claim"] == []
    assert parsed["B.c"] == ["propext", "sorryAx"]
    assert parsed[NAME] == ["Quot.sound"]  # the last line for a name wins
    assert prover.short_version("Lake version 5.0.0-abc (Lean version 4.9.0)\n") == "4.9.0"
    assert prover.short_version("Lean (version 4.9.0, x86_64-unknown-linux-gnu, commit abc, Release)") == "4.9.0"


def test_audit_file_imports_and_prints_each_module():
    text = prover.audit_file_text(["KnotCertGenerated.Cert_aaaaaaaaaaaa", "KnotCertGenerated.Cert_bbbbbbbbbbbb"])
    assert text == ("import KnotCertGenerated.Cert_aaaaaaaaaaaa\nimport KnotCertGenerated.Cert_bbbbbbbbbbbb\n"
                    "#print axioms KnotCertGenerated.Cert_aaaaaaaaaaaa.cert_claim\n"
                    "#print axioms KnotCertGenerated.Cert_bbbbbbbbbbbb.cert_claim\n")
    with pytest.raises(ExportError):
        prover.audit_file_text(["KnotCertGenerated.Cert_x\n#eval 1"])


# -- the runner's orchestration, with a stand-in lake ------------------------------------------------------

FAKE_LAKE = r'''#!{python}
"""A stand-in for lake: records its calls; `build +M` fails for modules listed in $FAKE_LAKE_FAIL;
`env lean FILE` prints an axiom line per `#print axioms` ($FAKE_LAKE_AXIOMS: axioms for every line)."""
import os, sys
with open(os.environ["FAKE_LAKE_LOG"], "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\n")
args = sys.argv[1:]
if args == ["--version"]:
    print("Lake version 5.0.0-fake (Lean version 4.9.0)")
elif args[:1] == ["build"]:
    target = args[1].lstrip("+")
    if target in os.environ.get("FAKE_LAKE_FAIL", "").split():
        print(f"error: {{target}}: decide failed, check cert evaluates to false")
        sys.exit(1)
elif args[:2] == ["env", "lean"]:
    axioms = os.environ.get("FAKE_LAKE_AXIOMS", "")
    for line in open(args[2]):
        if line.startswith("#print axioms "):
            name = line.split()[2]
            if axioms:
                print(f"{{args[2]}}:1:0: info: '{{name}}' depends on axioms: [{{axioms}}]")
            else:
                print(f"'{{name}}' does not depend on any axioms")
'''


@pytest.fixture
def fake_lake(tmp_path, monkeypatch):
    bin_dir, project = tmp_path / "bin", tmp_path / "project"
    bin_dir.mkdir()
    (project / "lean").mkdir(parents=True)
    (project / "lakefile.lean").write_text((ROOT / "lakefile.lean").read_text())
    lake = bin_dir / "lake"
    lake.write_text(FAKE_LAKE.format(python=sys.executable))
    lake.chmod(lake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bin_dir) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("PYBRIDGE_LEAN_PROJECT", str(project))
    monkeypatch.setenv("FAKE_LAKE_LOG", str(tmp_path / "calls.log"))
    return project, tmp_path / "calls.log"


def test_runner_builds_each_module_and_audits_axioms(fake_lake, monkeypatch):
    project, log = fake_lake
    certs = sample_certs()
    forged = dataclasses.replace(certs[0], steps=())
    failing = f"KnotCertGenerated.Cert_{certs[1].sha256[:12]}"
    monkeypatch.setenv("FAKE_LAKE_FAIL", failing)
    results = prover.check_with_lean(certs + [forged], timeout_s=60)
    assert [r.kernel for r in results] == ["lean"] * 4
    assert [r.valid for r in results] == [True, False, True, False]
    assert results[0].tool_version == "4.9.0" and "axioms: none" in results[0].reason
    assert results[1].reason.startswith("lake build exited with 1") and "evaluates to false" in results[1].reason
    assert "sha256" in results[3].reason
    for cert in certs:  # the modules are written where `lake build` finds them
        path = project / "lean" / "KnotCertGenerated" / f"Cert_{cert.sha256[:12]}.lean"
        assert path.read_text() == export.render_lean(cert)
    calls = log.read_text().splitlines()
    assert calls[0] == "--version" and calls[1] == "build +KnotCert.Braid"
    assert calls[2:5] == [f"build +KnotCertGenerated.Cert_{c.sha256[:12]}" for c in certs]
    assert calls[5].startswith("env lean ") and len(calls) == 6


@pytest.mark.parametrize("axioms, valid", [("propext, Classical.choice, Quot.sound", True),
                                           ("propext, sorryAx", False), ("Lean.ofReduceBool", False)])
def test_runner_verdict_follows_the_axiom_audit(fake_lake, monkeypatch, axioms, valid):
    monkeypatch.setenv("FAKE_LAKE_AXIOMS", axioms)
    (result,) = prover.check_with_lean(sample_certs()[2:], timeout_s=60)
    assert result.valid is valid
    if not valid:
        assert "disallowed axiom" in result.reason


def test_runner_reports_a_broken_library(fake_lake, monkeypatch):
    monkeypatch.setenv("FAKE_LAKE_FAIL", "KnotCert.Braid")
    with pytest.raises(prover.LeanLibraryError):
        prover.check_with_lean(sample_certs()[:1], timeout_s=60)


def test_runner_needs_a_lake_project(fake_lake, monkeypatch, tmp_path):
    monkeypatch.setenv("PYBRIDGE_LEAN_PROJECT", str(tmp_path / "nowhere"))
    with pytest.raises(prover.LeanProjectError):
        prover.check_with_lean(sample_certs()[:1])


# -- the planar-diagram calculus (lean/KnotCert/PD.lean, pybridge.export.lean_pd) ---------------------

from pybridge.export import lean_pd  # noqa: E402

PD_MOVE_NAMES = {constructor: name for name, (constructor, _) in lean_pd.COQ_PD_MOVE.items()}
PD_EXAMPLE = re.compile(r"example : check_pd (.*?) = (true|false) := by decide", re.S)


def pd_cert(kind, crossings, free, claim, steps, **provenance) -> Certificate:
    key = "bands" if kind == "ribbon" else "components"
    return Certificate.create(kind, "pd", {"pd": [list(c) for c in crossings], "free": free}, {key: claim},
                              [list(step) for step in steps], provenance or {"source": "test"})


def parse_lean_pd_cert(term: str, defs: dict[str, str]) -> Certificate:
    """A ``PDCert.mk_pd_cert ...`` literal of PDExamples.lean (or the name of one) as a Certificate."""
    term = defs.get(term.strip(), term)
    match = re.search(r"PDCert\.mk_pd_cert Kind\.(\w+) \(PDState\.mk_pd \[(.*?)\] (\d+)\) (\d+)\s*\[(.*?)\]", term, re.S)
    assert match, term
    kind, crossings, free, claim, steps = match.groups()
    crossings = [tuple(map(int, c)) for c in re.findall(r"\((\d+), (\d+), (\d+), (\d+)\)", crossings)]
    moves = []
    for constructor, args in re.findall(r"PDMove\.(\w+)((?: (?:\(-\d+\)|\d+))*)", steps):
        moves.append((PD_MOVE_NAMES[constructor], *(int(a.strip("()")) for a in args.split())))
    return pd_cert(kind.lower(), crossings, int(free), int(claim), moves)


def test_pd_examples_agree_with_the_python_checker():
    text = (LEAN_LIB / "PDExamples.lean").read_text()
    defs = dict(re.findall(r"^def (\w+) : PDCert :=\n(.*?)\n\n", text, re.S | re.M))
    cases = PD_EXAMPLE.findall(text)
    assert len(cases) >= 10 and {v for _, v in cases} == {"true", "false"}
    for term, expected in cases:
        cert = parse_lean_pd_cert(term.strip("()"), defs)
        assert check_certificate(cert).valid is (expected == "true"), term[:120]
    # the named examples are the committed example certificates
    for name, path in (("ribbon_6_1", "ribbon-6_1-bb9aa2ca1949.yaml"), ("unknot_monster", "unknot-monster-727f9774ca9a.yaml")):
        example = read_certificate(EXAMPLES / path)
        parsed = parse_lean_pd_cert(name, defs)
        assert parsed.input == example.input and parsed.claim == example.claim
        assert [list(s) for s in parsed.steps] == [list(s) for s in example.steps]


def test_small_pd_certificate_is_one_decide_and_long_one_is_chunked():
    small = read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml")
    text = export.render_lean(small)
    assert "import KnotCert.PD\n" in text and "import KnotCert.Braid" not in text
    assert "theorem cert_check : KnotCert.check_pd cert = true := by decide\n" in text
    assert "KnotCert.check_pd_sound_ribbon cert cert_check rfl" in text and "state_1" not in text
    long = read_certificate(EXAMPLES / "unknot-unknot-pd-120-r80-ec1a04ebedd4.yaml")
    text = export.render_lean(long)
    chunks = -(-len(long.steps) // lean_pd.PD_CHUNK)
    assert text.count(":= by decide\n") == chunks + 1  # one per chunk, and cert_valid
    assert f"def state_{chunks} : KnotCert.PDState := KnotCert.PDState.mk_pd [] 1\n" in text
    assert f"  KnotCert.check_pd_of_run cert state_{chunks} 0 0 cert_valid (by decide) cert_run (by decide)\n" in text
    assert "KnotCert.PDEquiv cert_input (KnotCert.pd_trivial 1) :=" in text
    assert prover.audit_source(text) == ""


def test_chunk_states_are_the_python_replay():
    cert = read_certificate(EXAMPLES / "ribbon-10_123-bed33f9f8ca8.yaml")
    boundaries = lean_pd.replay_chunks(cert, [tuple(c) for c in cert.input["pd"]], cert.input["free"])
    text = export.render_lean(cert)
    for i, (crossings, free, bands, deaths) in enumerate(boundaries, 1):
        assert lean_pd.render_state(f"state_{i}", crossings, free) in text
        assert f"= some (state_{i}, {bands}, {deaths}) := by decide" in text
    assert boundaries[-1][1:] == (2, 1, 0) and boundaries[-1][0] == ()


def test_rejected_pd_certificate_gets_the_single_decide():
    cert = read_certificate(EXAMPLES / "unknot-unknot-pd-40-r0-cc134b5389aa.yaml")
    tampered = pd_cert("unknot", cert.input["pd"], 0, 1, [("remove_free",)] + list(cert.steps))
    assert not check_certificate(tampered).valid
    text = export.render_lean(tampered)
    # a claim that fails only at the end still gets the chunks: its final `decide` fails in Lean
    short = pd_cert("unknot", cert.input["pd"], 0, 1, cert.steps[:-1])
    assert not check_certificate(short).valid and "state_1" in export.render_lean(short)
    assert "state_1" not in text and "theorem cert_check : KnotCert.check_pd cert = true := by decide\n" in text
    assert prover.audit_source(text) == ""


@pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")
def test_chunk_states_agree_with_coq_run_pd(tmp_path, monkeypatch):
    """The intermediate states a chunked Lean module asserts are exactly what Coq's run_pd computes
    (PD.lean transliterates PD.v, so a state Coq reaches is the one the Lean kernel must reach)."""
    from pybridge.export import coq as coq_export
    from pybridge.prover import coq as coq_prover

    monkeypatch.setenv("PYBRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    coqc = coq_prover.find_coqc()
    theories, _ = coq_prover.build_library(coqc, coq_prover.coqc_version(coqc))
    lines = ["From Coq Require Import ZArith List.", "Require Import KnotCert.PD.", "Import ListNotations.",
             "Open Scope positive_scope."]
    for name in ("ribbon-10_123-bed33f9f8ca8.yaml", "unknot-unknot-pd-60-r30-d14dbaab8a4a.yaml"):
        cert = read_certificate(EXAMPLES / name)
        state = ([tuple(c) for c in cert.input["pd"]], cert.input["free"], 0, 0)
        boundaries = lean_pd.replay_chunks(cert, state[0], state[1])
        for i, after in enumerate(boundaries):
            chunk = cert.steps[i * lean_pd.PD_CHUNK:(i + 1) * lean_pd.PD_CHUNK]
            tag = f"c{cert.sha256[:8]}_{i}"
            body = "".join(coq_export.render_pd_steps(chunk, len(state[0])))
            lines.append(body.replace("steps_0", f"{tag}s").replace("cert_steps", tag))
            render = lambda s: coq_export.render_pd_input({"pd": [list(c) for c in s[0]], "free": s[1]})[0]
            lines.append(f"Lemma l{tag} : run_pd {coq_export.COQ_KIND[cert.kind]} ({render(state)}) {tag} "
                         f"{state[2]}%nat {state[3]}%nat = Some (({render(after)}), {after[2]}%nat, {after[3]}%nat).\n"
                         "Proof. vm_compute. reflexivity. Qed.")
            state = after
    (tmp_path / "Chunks.v").write_text("\n".join(lines) + "\n")
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "Chunks.v"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.parametrize("source", list(NASTY.values()) + ["knotinfo:6_1"])
def test_pd_provenance_cannot_inject(source):
    example = read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml")
    cert = pd_cert("ribbon", example.input["pd"], 0, 1, example.steps, **(NASTY | {"source": source}))
    text = export.render_lean(cert)
    assert text.isascii() and '"' not in text and "/-" not in text and FORBIDDEN.search(text.lower()) is None
    assert [line for line in text.splitlines() if line.startswith("--")] == text.splitlines()[:2]
    assert prover.audit_source(text) == ""


def test_hostile_pd_fields_are_refused_not_rendered():
    example = read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml")
    good = pd_cert("ribbon", example.input["pd"], 0, 1, example.steps)
    hostile = [
        dict(input={"pd": [[0, 1, 1, 0]], "free": 0}),
        dict(input={"pd": [[1, 2, 2, True]], "free": 0}),
        dict(input={"pd": [[1, 2, 2, "1) (sorry"]], "free": 0}),
        dict(input={"pd": [[1, 2, 2]], "free": 0}),
        dict(input={"pd": [], "free": -1}),
        dict(input={"pd": [], "free": 0, "extra": 1}),
        dict(claim={"components": 1}),
        dict(steps=(("band", 0, 2, 0, 0),)),
        dict(steps=(("r1_remove", 10**6),)),
        dict(steps=(("r3", 2, 10),)),
        dict(steps=(("r1_add", 1, 0, 2**40),)),
        dict(steps=(("smooth", 0),)),
        dict(steps=(("remove_free", 1),)),
        dict(steps=(("r2_remove", 0, "1; sorry"),)),
    ]
    for change in hostile:
        with pytest.raises(ExportError):
            export.render_lean(dataclasses.replace(good, **change))


@pytest.mark.parametrize("bad", [
    "theorem cert_check : KnotCert.check_pd cert = true := by native_decide",
    "  KnotCert.PDMove.Band 1 2 0 0; sorry]", "def state_1 : KnotCert.PDState := KnotCert.PDState.mk_pd [] x",
    "set_option maxRecDepth 20000", "theorem run_0 : False := by decide",
])
def test_audit_rejects_anything_else_in_pd_modules(bad):
    text = export.render_lean(read_certificate(EXAMPLES / "unknot-unknot-pd-40-r0-cc134b5389aa.yaml"))
    assert prover.audit_source(text) == ""
    assert prover.audit_source(text + bad + "\n") != ""
    assert prover.audit_source(text.replace("import KnotCert.PD\n", "import KnotCert.Braid\n")) != ""


def test_runner_builds_the_pd_library_for_pd_certificates(fake_lake):
    project, log = fake_lake
    pd = read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml")
    results = prover.check_with_lean([sample_certs()[0], pd], timeout_s=60)
    assert [r.valid for r in results] == [True, True]
    calls = log.read_text().splitlines()
    assert calls[1:3] == ["build +KnotCert.Braid", "build +KnotCert.PD"]
    assert f"build +KnotCertGenerated.Cert_{pd.sha256[:12]}" in calls


# -- the plumbing calculus (lean/KnotCert/Plumbing.lean, pybridge.export.lean_plumbing) -------------------

from pybridge.certs import plumbing_checker  # noqa: E402
from pybridge.export import lean_plumbing  # noqa: E402

PLUMBING_MOVE_NAMES = {constructor: name for name, (constructor, _) in lean_plumbing.COQ_PLUMBING_MOVE.items()}
PLUMBING_EXAMPLE = re.compile(r"example : check_plumbing \((.*?)\) = (true|false) := by decide", re.S)
LEAN_GRAPH = re.compile(r"PGraph\.mk_pgraph \[([^\[\]]*)\] \[([^\[\]]*)\]")
PLUMBING_EXAMPLES = {"chain_cert": "plumbing-equivalence-chain-blowdown-f337360c988f.yaml",
                     "hopf_cert": "plumbing-equivalence-hopf-0-0-is-S3-0d23e781ca29.yaml",
                     "scrambled_cert": "plumbing-equivalence-scrambled-tree-6-348ea490e9a5.yaml"}


def plumbing_cert(a, b, steps, bijection) -> Certificate:
    return Certificate.create("plumbing-equivalence", "plumbing", {"a": a, "b": b}, {"bijection": bijection},
                              [list(step) for step in steps], {"source": "test"})


def parse_lean_graph(vertices: str, edges: str) -> dict:
    pair = r"\((-?\d+), (-?\d+)\)"
    return {"vertices": [[int(v), int(w)] for v, w in re.findall(pair, vertices)],
            "edges": [[int(u), int(v)] for u, v in re.findall(pair, edges)]}


def parse_lean_plumbing_cert(term: str, defs: dict[str, str]) -> Certificate:
    """A ``PlumbingCert.mk_plumbing_cert ...`` literal of PlumbingExamples.lean (or the name of one)."""
    term = defs.get(term.strip(), term).strip()
    assert term.startswith("PlumbingCert.mk_plumbing_cert"), term
    graphs = LEAN_GRAPH.findall(term)
    assert len(graphs) == 2, term
    rest = term[LEAN_GRAPH.search(term, term.index(")") + 1).end():]  # after graph B
    match = re.fullmatch(r"\)\s*\[(.*)\]\s*\[([^\[\]]*)\]", rest.strip(), re.S)
    assert match, rest
    moves_text, bijection = match.groups()
    steps = []
    for constructor, args in re.findall(r"PMove\.(\w+)((?: (?:\(-\d+\)|\d+|\[[\d, ]*\]))*)", moves_text):
        numbers = [int(x) for x in re.findall(r"-?\d+", args)]
        steps.append(("split", *numbers) if constructor == "Split" else (PLUMBING_MOVE_NAMES[constructor], *numbers))
    assert len(steps) == moves_text.count("PMove."), moves_text
    pairs = [[int(x), int(y)] for x, y in re.findall(r"\((\d+), (\d+)\)", bijection)]
    return plumbing_cert(parse_lean_graph(*graphs[0]), parse_lean_graph(*graphs[1]), steps, pairs)


def test_plumbing_examples_agree_with_the_python_checker():
    text = (LEAN_LIB / "PlumbingExamples.lean").read_text()
    defs = dict(re.findall(r"^def (\w+) : PlumbingCert :=\n(.*?)\n\n", text, re.S | re.M))
    assert set(defs) == set(PLUMBING_EXAMPLES)
    cases = PLUMBING_EXAMPLE.findall(text)
    assert len(cases) >= 14 and {v for _, v in cases} == {"true", "false"}
    reasons = []
    for term, expected in cases:
        verdict = check_certificate(parse_lean_plumbing_cert(term, defs))
        assert verdict.valid is (expected == "true"), term[:160]
        reasons.append(verdict.reason)
    # the tampered ones cover a wrong bijection, a wrong weight and an illegal move
    assert any("not an edge of B" in r for r in reasons) and any("has weight" in r and "in B" in r for r in reasons)
    assert any("not ±1" in r for r in reasons)
    # the named examples are the committed example certificates
    for name, path in PLUMBING_EXAMPLES.items():
        example, parsed = read_certificate(EXAMPLES / path), parse_lean_plumbing_cert(name, defs)
        assert parsed.input == example.input and parsed.claim == example.claim
        assert [list(s) for s in parsed.steps] == [list(s) for s in example.steps]


def test_plumbing_helper_examples_agree_with_the_python_checker():
    text = (LEAN_LIB / "PlumbingExamples.lean").read_text()
    forests = re.findall(r"example : valid_forest \((PGraph\.mk_pgraph .*?)\) = (true|false) := by decide", text)
    fresh = re.findall(r"example : fresh \((PGraph\.mk_pgraph .*?)\) = (\d+) := by decide", text)
    assert len(forests) >= 4 and {v for _, v in forests} == {"true", "false"} and len(fresh) >= 2
    for term, expected in forests:
        graph = parse_lean_graph(*LEAN_GRAPH.fullmatch(term).groups())
        ids = [v for v, _ in graph["vertices"]]
        reason = plumbing_checker.valid_forest(dict(graph["vertices"]), [tuple(e) for e in graph["edges"]], ids)
        assert (reason == "") is (expected == "true"), (term, reason)
    for term, expected in fresh:
        graph = parse_lean_graph(*LEAN_GRAPH.fullmatch(term).groups())
        g = plumbing_checker.Graph(dict(graph["vertices"]), [tuple(e) for e in graph["edges"]])
        assert plumbing_checker.fresh(g) == int(expected)


def test_plumbing_module_shape_and_audit():
    cert = read_certificate(EXAMPLES / PLUMBING_EXAMPLES["scrambled_cert"])
    text = export.render_lean(cert)
    assert "import KnotCert.Plumbing\n" in text and "import KnotCert.Braid" not in text
    assert "theorem cert_check : KnotCert.Plumbing.check_plumbing cert = true := by decide\n" in text
    assert "  KnotCert.Plumbing.PMove.Split 0 (-3) [16]]\n" in text
    assert "  KnotCert.Plumbing.check_plumbing_sound cert cert_check\n" in text
    assert prover.audit_source(text) == ""
    empty = plumbing_cert({"vertices": [], "edges": []}, {"vertices": [], "edges": []}, [], [])
    assert check_certificate(empty).valid
    assert "def cert_steps : List KnotCert.Plumbing.PMove := [\n  ]\n" in export.render_lean(empty)
    assert prover.audit_source(export.render_lean(empty)) == ""
    name, prepared = prover.prepare(cert)
    assert name == f"Cert_{cert.sha256[:12]}" and prepared == text


@pytest.mark.parametrize("bad", [
    "theorem cert_check : KnotCert.Plumbing.check_plumbing cert = true := by native_decide",
    "  KnotCert.Plumbing.PMove.Absorb 1; sorry]", "  KnotCert.Plumbing.PMove.Absorb x]",
    "  KnotCert.Plumbing.PMove.Split 0 1 [2; 3]]", "  KnotCert.Plumbing.PMove.BlowupPoint 1 2]",
    "def graph_c : KnotCert.Plumbing.PGraph := KnotCert.Plumbing.PGraph.mk_pgraph [] []",
    "def cert_bijection : List (Prod Nat Nat) := [(0, -1)]", "theorem cert_check : KnotCert.check cert = true := by decide",
    "  KnotCert.Move.Cancel 0]", "def cert_input : KnotCert.State := KnotCert.State.mk_state 2 [1]", "open KnotCert",
    "  KnotCert.check_sound_unknot cert cert_check rfl",
])
def test_audit_rejects_anything_else_in_plumbing_modules(bad):
    text = export.render_lean(read_certificate(EXAMPLES / PLUMBING_EXAMPLES["hopf_cert"]))
    assert prover.audit_source(text) == ""
    assert prover.audit_source(text + bad + "\n") != ""
    assert prover.audit_source(text.replace("#print axioms cert_claim\n", bad + "\n#print axioms cert_claim\n")) != ""


def test_audit_ties_the_plumbing_import_to_the_calculus():
    text = export.render_lean(read_certificate(EXAMPLES / PLUMBING_EXAMPLES["chain_cert"]))
    assert prover.audit_source(text.replace("import KnotCert.Plumbing\n", "import KnotCert.Braid\n")) != ""
    assert prover.audit_source(text.replace("import KnotCert.Plumbing\n", "import KnotCert.PD\n")) != ""
    assert prover.audit_source(text.replace("; calculus plumbing; ", "; calculus pd; ")) != ""
    braid = export.render_lean(sample_certs()[0])
    assert prover.audit_source(braid.replace("import KnotCert.Braid\n", "import KnotCert.Plumbing\n")) != ""
    pd = export.render_lean(read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml"))
    assert prover.audit_source(pd.replace("import KnotCert.PD\n", "import KnotCert.Plumbing\n")) != ""


@pytest.mark.parametrize("source", list(NASTY.values()) + ["example:chain-blowdown"])
def test_plumbing_provenance_cannot_inject(source):
    example = read_certificate(EXAMPLES / PLUMBING_EXAMPLES["chain_cert"])
    cert = Certificate.create(example.kind, "plumbing", example.input, example.claim, [list(s) for s in example.steps],
                              NASTY | {"source": source})
    text = export.render_lean(cert)
    assert text.isascii() and '"' not in text and "/-" not in text and FORBIDDEN.search(text.lower()) is None
    assert [line for line in text.splitlines() if line.startswith("--")] == text.splitlines()[:2]
    assert prover.audit_source(text) == ""


def test_hostile_plumbing_fields_are_refused_not_rendered():
    good = read_certificate(EXAMPLES / PLUMBING_EXAMPLES["chain_cert"])
    a = good.input["a"]
    hostile = [
        dict(input={"a": {"vertices": [[0, "1) (sorry"]], "edges": []}, "b": good.input["b"]}),
        dict(input={"a": {"vertices": [[-1, 1]], "edges": []}, "b": good.input["b"]}),
        dict(input={"a": {"vertices": [[0, True]], "edges": []}, "b": good.input["b"]}),
        dict(input={"a": {"vertices": [[0, 10**9]], "edges": []}, "b": good.input["b"]}),
        dict(input={"a": a | {"extra": 1}, "b": good.input["b"]}),
        dict(input={"a": a}),
        dict(claim={"bijection": [[0, "0; sorry"]]}),
        dict(claim={"bijection": [[0, 0]], "extra": 1}),
        dict(steps=(("blowdown_edge", "1; sorry"),)),
        dict(steps=(("blowdown_edge", 1, 2),)),
        dict(steps=(("exit",),)),
        dict(steps=(("split", 0),)),
        dict(steps=(("split", 0, 1, -2),)),
        dict(steps="absorb"),
        dict(kind="unknot"),
    ]
    for change in hostile:
        with pytest.raises(ExportError):
            export.render_lean(dataclasses.replace(good, **change))


def test_runner_builds_the_plumbing_library_for_plumbing_certificates(fake_lake):
    project, log = fake_lake
    cert = read_certificate(EXAMPLES / PLUMBING_EXAMPLES["hopf_cert"])
    results = prover.check_with_lean([cert, sample_certs()[0]], timeout_s=60)
    assert [r.valid for r in results] == [True, True]
    calls = log.read_text().splitlines()
    assert calls[1:3] == ["build +KnotCert.Braid", "build +KnotCert.Plumbing"]
    assert f"build +KnotCertGenerated.Cert_{cert.sha256[:12]}" in calls
    written = project / "lean" / "KnotCertGenerated" / f"Cert_{cert.sha256[:12]}.lean"
    assert written.read_text() == export.render_lean(cert)


def test_cli_sends_plumbing_certificates_to_lean_and_exports_them(monkeypatch, tmp_path):
    """`--kernel lean` no longer skips plumbing certificates, and `export lean` writes their modules."""
    from click.testing import CliRunner

    from pybridge.cli import cli
    from pybridge.prover.coq import KernelResult

    seen = []

    def fake_check(certs, timeout_s=600.0):
        seen.append([c.calculus for c in certs])
        return [KernelResult(c.sha256, "lean", True, "ok", 0.0, False, "test") for c in certs]

    monkeypatch.setattr(shutil, "which", lambda tool, real=shutil.which: "/fake/lake" if tool == "lake" else real(tool))
    monkeypatch.setattr(prover, "check_with_lean", fake_check)
    path = EXAMPLES / PLUMBING_EXAMPLES["chain_cert"]
    result = CliRunner().invoke(cli, ["check", str(path), "--kernel", "lean"])
    assert result.exit_code == 0, result.output
    assert seen == [["plumbing"]] and "skipped" not in result.output
    out = tmp_path / "gen"
    result = CliRunner().invoke(cli, ["export", "lean", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    cert = read_certificate(path)
    assert (out / f"Cert_{cert.sha256[:12]}.lean").read_bytes() == (GENERATED / f"Cert_{cert.sha256[:12]}.lean").read_bytes()
