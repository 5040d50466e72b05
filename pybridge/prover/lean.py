"""Re-check certificates with the Lean 4 kernel (``lake``), where a Lean toolchain is installed.

The Lake project is the repository itself (``lakefile.lean``, ``lean-toolchain``; override the
directory with ``$PYBRIDGE_LEAN_PROJECT``). Each certificate is rendered by
:func:`pybridge.export.lean.render_lean`, audited, and written to
``lean/KnotCertGenerated/Cert_<hash12>.lean``; then

1. ``lake build +KnotCert.Braid`` builds the library once (a failure is a bug in the library:
   :class:`LeanLibraryError`);
2. ``lake build +KnotCertGenerated.Cert_<hash12>`` elaborates each module: ``decide`` evaluates
   ``check cert`` and the kernel re-checks the proof (exit status 0 or not, within the timeout);
3. one ``lake env lean`` run on an audit file that imports the built modules prints
   ``#print axioms KnotCertGenerated.Cert_<hash12>.cert_claim`` for each; only ``propext``,
   ``Classical.choice`` and ``Quot.sound`` are allowed (``sorryAx``, ``Lean.ofReduceBool`` — what
   ``native_decide`` adds — or any other axiom makes the certificate invalid).

A certificate is valid only if its generated source passes :func:`audit_source`, its module builds,
and its axiom line is found and clean. Lake's own build cache makes repeated checks cheap, so no
verdict cache is kept here. The parsing functions (:func:`audit_source`, :func:`parse_print_axioms`,
:func:`axioms_reason`) need no toolchain and are unit-tested on recorded outputs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pybridge

from ..certs.hashing import document_hash
from ..certs.model import Certificate
from ..errors import ExportError, PybridgeError, ToolMissingError
from ..export.lean import (
    FORBIDDEN_WORDS,
    GENERATED_LIBRARY,
    LEAN_IDENT,
    PD_SET_OPTIONS,
    SET_OPTIONS,
    lean_module_name,
    render_lean,
    write_text_atomic,
)
from ..export.lean_plumbing import SET_OPTIONS as PLUMBING_SET_OPTIONS
from .coq import KernelResult

ALLOWED_AXIOMS = frozenset({"propext", "Classical.choice", "Quot.sound"})
LIBRARY_TIMEOUT_S = 1200.0
AUDIT_TIMEOUT_S = 600.0
ELAN_INSTALL = "curl https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh -sSf | sh"
INSTALL_HINT = (
    "lake not found on PATH: install the Lean toolchain manager elan with "
    f"`{ELAN_INSTALL}` (it then installs the Lean release pinned in lean-toolchain on the first "
    "`lake build`); until then the certificates are re-checked by the Coq kernel instead "
    "(`pybridge check --kernel coq`)"
)
#: words that may not appear outside the two header comments of a generated module
FORBIDDEN_CODE_WORDS = FORBIDDEN_WORDS + (
    "opaque", "macro", "syntax", "elab", "notation", "infix", "instance", "attribute", "open",
    "private", "noncomputable", "unseal", "seal", "skipKernelTC", "ofReduceBool", "trustCompiler",
    "run_cmd", "run_tac", "#eval", "#exit", "termination_by", "decreasing_by",
)
_AXIOM_LINE = re.compile(
    r"'(?P<name>[^'\s]+)'\s+(?:(?P<none>does not depend on any axioms)|depends on axioms:\s*\[(?P<axioms>[^\]]*)\])"
)


class LeanLibraryError(PybridgeError, RuntimeError):
    """The KnotCert library itself does not build (a bug in ``lean/KnotCert``, not in a certificate)."""


class LeanProjectError(PybridgeError, RuntimeError):
    """The Lake project (``lakefile.lean``) is missing."""


# -- locating things -------------------------------------------------------------------------------


def find_lake() -> str:
    """Path of ``lake``; :class:`ToolMissingError` (saying how to install elan) if there is none."""
    path = shutil.which("lake")
    if path is None:
        raise ToolMissingError(INSTALL_HINT)
    return path


def project_dir() -> Path:
    """The Lake project directory: the repository root, or ``$PYBRIDGE_LEAN_PROJECT``."""
    override = os.environ.get("PYBRIDGE_LEAN_PROJECT")
    return Path(override) if override else Path(pybridge.__file__).resolve().parents[1]


def generated_dir(project: Path) -> Path:
    """``<project>/lean/KnotCertGenerated``: where ``lake build`` finds the certificate modules."""
    return project / "lean" / GENERATED_LIBRARY


def lean_version(lake: str, project: Path) -> str:
    """``4.9.0`` from ``lake --version`` (``Lake version ... (Lean version 4.9.0)``), else its first line."""
    try:
        done = subprocess.run([lake, "--version"], cwd=project, capture_output=True, text=True, timeout=300,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc.__class__.__name__})"
    return short_version(done.stdout + done.stderr)


def short_version(text: str) -> str:
    """The Lean version in ``lake --version`` or ``lean --version`` output."""
    match = re.search(r"Lean \(?version (\S+?)[,)\s]", text + " ")
    if match:
        return match.group(1)
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[0].strip() if lines else "unknown"


# -- auditing ---------------------------------------------------------------------------------------

#: every line a generated module may consist of (the exporter writes nothing else)
_LINE_PATTERNS = [re.compile(p) for p in (
    r"",
    r"-- pybridge certificate [0-9a-f]{64}",
    r"-- generated by pybridge\.export\.lean; kind (unknot|unlink|ribbon); source [A-Za-z0-9_.+-]{0,64}",
    r"import KnotCert\.Braid",
    r"(namespace|end) KnotCertGenerated\.Cert_[0-9a-f]{12}",
    r"def steps_[0-9]+ : List KnotCert\.Move := \[",
    r"  KnotCert\.Move\.(Cancel|Commute|Braid|Rotate|Smooth) [0-9]+[,\]]",
    r"  KnotCert\.Move\.Insert [0-9]+ (\(-[0-9]+\)|[0-9]+)[,\]]",
    r"  KnotCert\.Move\.Stabilize (\(-[0-9]+\)|[0-9]+)[,\]]",
    r"  KnotCert\.Move\.Destabilize[,\]]",
    r"def cert_steps : List KnotCert\.Move := (steps_[0-9]+ \+\+ )*\[\]",
    r"def cert_input : KnotCert\.State := KnotCert\.State\.mk_state [0-9]+ "
    r"\[((\(-[0-9]+\)|[0-9]+)(, (\(-[0-9]+\)|[0-9]+))*)?\]",
    r"def cert : KnotCert\.Cert :=",
    r"  KnotCert\.Cert\.mk_cert KnotCert\.Kind\.(Unknot|Unlink|Ribbon) cert_input [0-9]+ cert_steps",
    *(re.escape(option) for option in SET_OPTIONS),
    r"theorem cert_check : KnotCert\.check cert = true := by decide",
    r"theorem cert_claim :",
    r"    KnotCert\.Equiv cert_input \(KnotCert\.trivial [0-9]+\) :=",
    r"    And \(KnotCert\.BandReach [0-9]+ cert_input \(KnotCert\.trivial [0-9]+\)\)",
    r"      \(KnotCert\.components cert_input = 1\) :=",
    r"  KnotCert\.check_sound_(unknot|ribbon) cert cert_check rfl",
    r"  KnotCert\.check_sound_unlink cert cert_check \(by first \| decide \| \(intro h; cases h\)\)",
    r"#print axioms cert_claim",
    # planar-diagram modules (pybridge.export.lean_pd)
    r"-- generated by pybridge\.export\.lean; kind (unknot|unlink|ribbon); calculus pd; source [A-Za-z0-9_.+-]{0,64}",
    r"import KnotCert\.PD",
    r"def steps_[0-9]+ : List KnotCert\.PDMove := \[",
    r"  KnotCert\.PDMove\.(R1Remove [0-9]+|R1Add [0-9]+ [0-9]+ (\(-[0-9]+\)|[0-9]+)|R2Remove [0-9]+ [0-9]+|"
    r"R2Add [0-9]+ [0-9]+ [0-9]+|R3 [0-9]+ [0-9]+|Band [0-9]+ [0-9]+ [0-9]+ (\(-[0-9]+\)|[0-9]+)|RemoveFree)[,\]]",
    r"def cert_steps : List KnotCert\.PDMove := (steps_[0-9]+ \+\+ )*\[\]",
    r"def (cert_input|state_[0-9]+) : KnotCert\.PDState := KnotCert\.PDState\.mk_pd (\[|\[\] [0-9]+)",
    r"  \([0-9]+, [0-9]+, [0-9]+, [0-9]+\)(,|\] [0-9]+)",
    r"def cert : KnotCert\.PDCert :=",
    r"  KnotCert\.PDCert\.mk_pd_cert KnotCert\.Kind\.(Unknot|Unlink|Ribbon) cert_input [0-9]+ cert_steps",
    *(re.escape(option) for option in PD_SET_OPTIONS),
    r"theorem (run_[0-9]+|reach_[0-9]+|cert_run) :",
    r"    KnotCert\.run_pd KnotCert\.Kind\.(Unknot|Unlink|Ribbon) (cert_input|state_[0-9]+) "
    r"(steps_[0-9]+|\(steps_[0-9]+( \+\+ steps_[0-9]+)*\)|cert_steps) [0-9]+ [0-9]+ = "
    r"some \(state_[0-9]+, [0-9]+, [0-9]+\)( := by decide| :=)",
    r"  KnotCert\.run_pd_chain KnotCert\.Kind\.(Unknot|Unlink|Ribbon) cert_input \(steps_[0-9]+( \+\+ steps_[0-9]+)*\) "
    r"(steps_[0-9]+|\[\]) 0 0 state_[0-9]+ [0-9]+ [0-9]+ state_[0-9]+ [0-9]+ [0-9]+ (run_0|reach_[0-9]+) (run_[0-9]+|rfl)",
    r"theorem cert_valid : KnotCert\.validate_pd \(KnotCert\.PDState\.crossings cert_input\) = true := by decide",
    r"theorem cert_check : KnotCert\.check_pd cert = true := by decide",
    r"theorem cert_check : KnotCert\.check_pd cert = true :=",
    r"  KnotCert\.check_pd_of_run cert state_[0-9]+ [0-9]+ [0-9]+ cert_valid \(by decide\) cert_run \(by decide\)",
    r"    KnotCert\.PDEquiv cert_input \(KnotCert\.pd_trivial [0-9]+\) :=",
    r"    Exists \(fun \(f : Nat\) => Exists \(fun \(d : Nat\) =>",
    r"      And \(KnotCert\.PDRibbonReach [0-9]+ d cert_input \(KnotCert\.pd_trivial f\)\)",
    r"        \(And \(f \+ d = [0-9]+\) \(KnotCert\.link_components cert_input = some 1\)\)\)\) :=",
    r"  KnotCert\.check_pd_sound_(unknot|ribbon) cert cert_check rfl",
    r"  KnotCert\.check_pd_sound_unlink cert cert_check \(by first \| decide \| \(intro h; cases h\)\)",
    # unknotting modules (kind unknotting, calculus pd; KnotCert.Unknotting)
    r"-- generated by pybridge\.export\.lean; kind unknotting; calculus pd; source [A-Za-z0-9_.+-]{0,64}",
    r"import KnotCert\.Unknotting",
    r"def steps_[0-9]+ : List KnotCert\.UMove := \[",
    r"  KnotCert\.UMove\.(UR1Remove [0-9]+|UR1Add [0-9]+ [0-9]+ (\(-[0-9]+\)|[0-9]+)|UR2Remove [0-9]+ [0-9]+|"
    r"UR2Add [0-9]+ [0-9]+ [0-9]+|UR3 [0-9]+ [0-9]+|CrossingChange [0-9]+)[,\]]",
    r"def cert_steps : List KnotCert\.UMove := (steps_[0-9]+ \+\+ )*\[\]",
    r"def cert : KnotCert\.UCert :=",
    r"  KnotCert\.UCert\.mk_u_cert cert_input [0-9]+ cert_steps",
    r"theorem cert_check : KnotCert\.check_unknotting cert = true := by decide",
    r"    KnotCert\.UReach [0-9]+ cert_input \(KnotCert\.pd_trivial 1\) :=",
    r"  KnotCert\.check_unknotting_sound cert cert_check",
    r"    KnotCert\.run_u (cert_input|state_[0-9]+) (steps_[0-9]+|\(steps_[0-9]+( \+\+ steps_[0-9]+)*\)|cert_steps) "
    r"[0-9]+ = some \(state_[0-9]+, [0-9]+\)( := by decide| :=)",
    r"  KnotCert\.run_u_chain cert_input \(steps_[0-9]+( \+\+ steps_[0-9]+)*\) (steps_[0-9]+|\[\]) 0 "
    r"state_[0-9]+ [0-9]+ state_[0-9]+ [0-9]+ (run_0|reach_[0-9]+) (run_[0-9]+|rfl)",
    r"theorem cert_check : KnotCert\.check_unknotting cert = true :=",
    r"  KnotCert\.check_unknotting_of_run cert state_[0-9]+ [0-9]+ cert_valid cert_run \(by decide\)",
)]
_NAT = r"[0-9]+"
_INT = r"(\(-[0-9]+\)|[0-9]+)"
_NAT_PAIRS = rf"\[(\({_NAT}, {_NAT}\)(, \({_NAT}, {_NAT}\))*)?\]"
#: every line a plumbing module (pybridge.export.lean_plumbing) may consist of: a module that imports
#: KnotCert.Plumbing is audited against these shapes only (no braid or PD line is accepted in it)
_PLUMBING_LINE_PATTERNS = [re.compile(p) for p in (
    r"",
    r"-- pybridge certificate [0-9a-f]{64}",
    r"-- generated by pybridge\.export\.lean; kind plumbing-equivalence; calculus plumbing; "
    r"source [A-Za-z0-9_.+-]{0,64}",
    r"import KnotCert\.Plumbing",
    r"(namespace|end) KnotCertGenerated\.Cert_[0-9a-f]{12}",
    rf"def graph_(a|b) : KnotCert\.Plumbing\.PGraph := KnotCert\.Plumbing\.PGraph\.mk_pgraph "
    rf"\[(\({_NAT}, {_INT}\)(, \({_NAT}, {_INT}\))*)?\] {_NAT_PAIRS}",
    r"def cert_steps : List KnotCert\.Plumbing\.PMove := \[",
    rf"  KnotCert\.Plumbing\.PMove\.(BlowupLeaf {_NAT} {_INT}|BlowdownLeaf {_NAT}|BlowupEdge {_NAT} {_NAT} {_INT}|"
    rf"BlowdownEdge {_NAT}|BlowupPoint {_INT}|BlowdownPoint {_NAT}|Absorb {_NAT}|"
    rf"Split {_NAT} {_INT} \[({_NAT}(, {_NAT})*)?\])[,\]]",
    r"  \]",
    rf"def cert_bijection : List \(Prod Nat Nat\) := {_NAT_PAIRS}",
    r"def cert : KnotCert\.Plumbing\.PlumbingCert := KnotCert\.Plumbing\.PlumbingCert\.mk_plumbing_cert "
    r"graph_a graph_b cert_steps cert_bijection",
    *(re.escape(option) for option in PLUMBING_SET_OPTIONS),
    r"theorem cert_check : KnotCert\.Plumbing\.check_plumbing cert = true := by decide",
    r"theorem cert_claim :",
    r"    And \(KnotCert\.Plumbing\.valid_forest graph_a = true\)",
    r"      \(And \(KnotCert\.Plumbing\.valid_forest graph_b = true\) "
    r"\(KnotCert\.Plumbing\.PEquiv graph_a graph_b\)\) :=",
    r"  KnotCert\.Plumbing\.check_plumbing_sound cert cert_check",
    r"#print axioms cert_claim",
)]
#: the library module a generated module may import, by calculus
LIBRARY_IMPORTS = ("import KnotCert.Braid", "import KnotCert.PD", "import KnotCert.Plumbing", "import KnotCert.Unknotting")
#: calculus -> (its import line, its header tag, the checker its ``cert_check`` applies)
CALCULUS_MARKS = {
    "braid": ("import KnotCert.Braid", None, "KnotCert.check cert = true"),
    "pd": ("import KnotCert.PD", "; calculus pd; ", "KnotCert.check_pd cert = true"),
    "plumbing": ("import KnotCert.Plumbing", "; calculus plumbing; ", "KnotCert.Plumbing.check_plumbing cert = true"),
    "unknotting": ("import KnotCert.Unknotting", "; kind unknotting; calculus pd; ", "KnotCert.check_unknotting cert = true"),
}


def audit_source(text: str) -> str:
    """Why the generated source must not be compiled, or ``""`` when it passes.

    Belt and braces on top of the exporter: ASCII only, every line one of the shapes the exporter
    writes, no forbidden word (outside the two header comments: none of
    :data:`FORBIDDEN_CODE_WORDS`; anywhere: none of :data:`pybridge.export.lean.FORBIDDEN_WORDS`),
    the import line first after the comments, one ``#print axioms``, every declared name a plain
    identifier, and a module that opens and closes one namespace.
    """
    if not text.isascii():
        return "audit: non-ASCII character in the generated source"
    if '"' in text or "/-" in text or "-/" in text:
        return "audit: string literal or block comment in the generated source"
    lines = text.split("\n")
    patterns = _PLUMBING_LINE_PATTERNS if "import KnotCert.Plumbing" in lines else _LINE_PATTERNS
    for number, line in enumerate(lines, 1):
        if not any(pattern.fullmatch(line) for pattern in patterns):
            return f"audit: unexpected line {number} in the generated source: {line[:80]!r}"
    lowered = text.lower()
    for word in FORBIDDEN_WORDS:
        if re.search(rf"(?<![a-z0-9_]){re.escape(word)}(?![a-z0-9_])", lowered):
            return f"audit: forbidden word {word!r} in the generated source"
    code = "\n".join(line for line in lines if not line.startswith("--"))
    for word in FORBIDDEN_CODE_WORDS:
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", code):
            return f"audit: forbidden word {word!r} in the generated source"
    imports = [line for line in lines if line.startswith("import")]
    code_lines = [line for line in lines if line and not line.startswith("--")]
    if len(imports) != 1 or imports[0] not in LIBRARY_IMPORTS or not code_lines or code_lines[0] != imports[0]:
        return ("audit: expected exactly one import, KnotCert.Braid, KnotCert.PD or KnotCert.Plumbing, "
                "before everything else")
    header = lines[1] if len(lines) > 1 else ""
    tagged = [name for name, (_, tag, _) in CALCULUS_MARKS.items() if tag is not None and tag in header]
    tagged = ["unknotting"] if "unknotting" in tagged else tagged  # its header also names calculus pd
    calculus = tagged[0] if len(tagged) == 1 else "braid" if not tagged else ""
    checkers = [name for name, (_, _, checker) in CALCULUS_MARKS.items() if checker in text]
    if not calculus or imports[0] != CALCULUS_MARKS[calculus][0] or checkers != [calculus]:
        return "audit: the import does not match the calculus of the module"
    if text.count("#print axioms") != 1:
        return "audit: expected exactly one #print axioms"
    opened = re.findall(r"^namespace (\S+)$", text, re.M)
    closed = re.findall(r"^end (\S+)$", text, re.M)
    if len(opened) != 1 or opened != closed:
        return "audit: expected exactly one namespace, opened and closed"
    for name in re.findall(r"^(?:def|theorem) (\S+)", text, re.M) + opened[0].split("."):
        if not LEAN_IDENT.fullmatch(name):
            return f"audit: declared name {name!r} is not a plain identifier"
    return ""


def parse_print_axioms(output: str) -> dict[str, list[str]]:
    """``{constant: [axiom, ...]}`` from the output of ``#print axioms`` commands.

    Understands both ``'X' depends on axioms: [a, b]`` (the list may be wrapped over several
    lines) and ``'X' does not depend on any axioms`` (an empty list), with or without the
    ``file:line:col: info:`` prefixes that ``lean`` and ``lake`` put in front of messages.
    """
    result: dict[str, list[str]] = {}
    for match in _AXIOM_LINE.finditer(output):
        if match.group("none"):
            axioms: list[str] = []
        else:
            axioms = [item.strip() for item in match.group("axioms").replace("\n", " ").split(",") if item.strip()]
        result[match.group("name")] = axioms
    return result


def axioms_reason(output: str, name: str) -> str:
    """``""`` when ``#print axioms name`` printed only allowed axioms, else what is wrong."""
    found = parse_print_axioms(output)
    if name not in found:
        return f"#print axioms {name}: no axiom line in the Lean output"
    extra = sorted(set(found[name]) - ALLOWED_AXIOMS)
    if extra:
        return f"#print axioms {name}: disallowed axiom(s) {', '.join(extra)}"
    return ""


def audit_file_text(modules: list[str]) -> str:
    """A Lean file that imports ``modules`` and prints the axioms of each one's ``cert_claim``."""
    for module in modules:
        if not all(LEAN_IDENT.fullmatch(part) for part in module.split(".")):
            raise ExportError(f"module name {module!r} is not a dotted plain identifier")
    lines = [f"import {module}" for module in modules]
    lines += [f"#print axioms {module}.cert_claim" for module in modules]
    return "\n".join(lines) + "\n"


# -- running lake ---------------------------------------------------------------------------------


def run_lake(lake: str, project: Path, args: list[str], timeout_s: float) -> tuple[int | None, str]:
    """``(exit status, stdout + stderr)`` of ``lake args`` in ``project``; status ``None`` on a timeout."""
    try:
        done = subprocess.run([lake, *args], cwd=project, capture_output=True, text=True, timeout=timeout_s,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout or b""
        return None, partial.decode(errors="replace") if isinstance(partial, bytes) else partial
    return done.returncode, done.stdout + done.stderr


def build_library(lake: str, project: Path, module: str = "KnotCert.Braid") -> None:
    """``lake build +<module>`` (a library module); :class:`LeanLibraryError` if it does not build."""
    status, output = run_lake(lake, project, ["build", f"+{module}"], LIBRARY_TIMEOUT_S)
    if status != 0:
        what = "timed out" if status is None else f"exited with {status}"
        raise LeanLibraryError(f"{module} does not build (lake {what}):\n{output[-4000:]}")


def imported_library(text: str) -> str:
    """The library module a generated source imports (``KnotCert.Braid`` or ``KnotCert.PD``)."""
    return next(line.split()[1] for line in text.split("\n") if line.startswith("import "))


def build_module(lake: str, project: Path, module: str, timeout_s: float) -> tuple[bool, str]:
    """Build one generated module; return (built, reason when not)."""
    status, output = run_lake(lake, project, ["build", f"+{module}"], timeout_s)
    if status is None:
        return False, f"timeout: lake build did not finish within {timeout_s:g} s"
    if status != 0:
        return False, f"lake build exited with {status}: {' '.join(output.split())[-500:]}"
    return True, ""


def audit_axioms(lake: str, project: Path, modules: list[str]) -> tuple[bool, str]:
    """Run ``lake env lean`` on :func:`audit_file_text`; return (ran, output or the reason it did not)."""
    audit_root = project / ".lake" / "pybridge-audit"
    audit_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="axioms-", dir=audit_root) as tmp:
        path = Path(tmp) / "Audit.lean"
        path.write_text(audit_file_text(modules), encoding="ascii")
        status, output = run_lake(lake, project, ["env", "lean", str(path)], AUDIT_TIMEOUT_S)
    if status is None:
        return False, f"timeout: the axiom audit did not finish within {AUDIT_TIMEOUT_S:g} s"
    if status != 0:
        return False, f"axiom audit (lake env lean) exited with {status}: {' '.join(output.split())[-500:]}"
    return True, output


# -- certificates ---------------------------------------------------------------------------------


def prepare(cert: Certificate) -> tuple[str, str] | str:
    """``(module name, source)`` for a certificate that can be exported and passes the audit, else the reason."""
    try:
        if document_hash(cert.to_document()) != cert.sha256:
            return "sha256 does not match the certificate's contents"
        text = render_lean(cert)
        name = lean_module_name(cert)
    except ExportError as exc:
        return f"not exportable to Lean: {exc}"
    except (TypeError, ValueError) as exc:
        return f"not exportable to Lean: {exc}"
    problem = audit_source(text)
    return problem if problem else (name, text)


def check_with_lean(certs: list[Certificate], timeout_s: float = 600.0) -> list[KernelResult]:
    """Check each certificate with Lean (``lake build`` per module, then the axiom audit); input order.

    Raises :class:`ToolMissingError` without ``lake``, :class:`LeanProjectError` without
    ``lakefile.lean`` and :class:`LeanLibraryError` if the library does not build; every
    certificate-level problem is an invalid :class:`KernelResult` instead. The modules are left in
    ``lean/KnotCertGenerated/`` (they are the exported certificates).
    """
    certs = list(certs)
    lake = find_lake()
    project = project_dir()
    if not (project / "lakefile.lean").is_file():
        raise LeanProjectError(f"{project}: no lakefile.lean (set PYBRIDGE_LEAN_PROJECT to the Lake project)")
    version = lean_version(lake, project)
    started = [time.perf_counter() for _ in certs]
    verdicts: list[tuple[bool, str] | None] = [None] * len(certs)
    prepared: dict[int, str] = {}
    libraries: list[str] = []
    out = generated_dir(project)
    out.mkdir(parents=True, exist_ok=True)
    for index, cert in enumerate(certs):
        ready = prepare(cert)
        if isinstance(ready, str):
            verdicts[index] = (False, ready)
            continue
        name, text = ready
        path = out / f"{name}.lean"
        if not path.is_file() or path.read_text(encoding="ascii", errors="replace") != text:
            write_text_atomic(path, text)
        prepared[index] = f"{GENERATED_LIBRARY}.{name}"
        if imported_library(text) not in libraries:
            libraries.append(imported_library(text))
    for library in sorted(libraries):
        build_library(lake, project, library)
    built: dict[int, str] = {}
    for index, module in prepared.items():
        ok, reason = build_module(lake, project, module, timeout_s)
        if ok:
            built[index] = module
        else:
            verdicts[index] = (False, reason)
    if built:
        ran, output = audit_axioms(lake, project, sorted(set(built.values())))
        for index, module in built.items():
            if not ran:
                verdicts[index] = (False, output)
                continue
            reason = axioms_reason(output, f"{module}.cert_claim")
            axioms = parse_print_axioms(output).get(f"{module}.cert_claim", [])
            shown = ", ".join(axioms) if axioms else "none"
            verdicts[index] = (False, reason) if reason else (
                True, f"lake build proved cert_claim; axioms: {shown}")
    results = []
    for index, cert in enumerate(certs):
        valid, reason = verdicts[index] or (False, "not checked")
        results.append(KernelResult(str(cert.sha256), "lean", valid, reason,
                                    time.perf_counter() - started[index], False, version))
    return results

