"""Render certificates as Coq source files checked by the ``KnotCert`` library (``coq/theories``).

One file ``Cert_<first 12 hex of sha256>.v`` per certificate: the certificate as a ``Definition``,
``cert_check : check cert = true`` (braid calculus, ``KnotCert.Braid``) or ``check_pd cert = true``
(planar-diagram calculus, ``KnotCert.PD``) proved by ``vm_compute``, the claim ``cert_claim`` stated
concretely and proved from the library's soundness theorems, then ``Print Assumptions cert_claim.``

Certificates are untrusted input. Everything that reaches code is re-validated here: integers must be
genuine ``int`` values in range, the hash must be 64 lowercase hex digits, and names come from fixed
tables. The only free text written is ``provenance.source``, inside a comment, reduced to the
characters ``[A-Za-z0-9_.+-]`` (so it can neither open nor close a comment or a string) and replaced by
``redacted`` when it spells a word the kernel runner's audit forbids.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from ..certs.io import write_text_atomic
from ..certs.model import Certificate
from ..errors import ExportError

COQ_KIND = {"unknot": "Unknot", "unlink": "Unlink", "ribbon": "Ribbon"}
CLAIM_KEY = {"unknot": "components", "unlink": "components", "ribbon": "bands"}
#: move name -> (Coq constructor, kind of each argument: "nat" or "Z")
COQ_MOVE = {
    "cancel": ("Cancel", ("nat",)),
    "insert": ("Insert", ("nat", "Z")),
    "commute": ("Commute", ("nat",)),
    "braid": ("Braid", ("nat",)),
    "rotate": ("Rotate", ("nat",)),
    "stabilize": ("Stabilize", ("Z",)),
    "destabilize": ("Destabilize", ()),
    "smooth": ("Smooth", ("nat",)),
}
#: strands and claims are unary ``nat`` in Coq: larger values are refused rather than rendered
MAX_STRANDS = 5000
MAX_INT = 2**31 - 1
#: steps per ``Definition steps_k`` (long list literals are slow to parse; chunks joined with ``++``)
CHUNK = 500
#: words no generated file may contain (the runner's audit rejects them; provenance text is redacted)
FORBIDDEN_WORDS = (
    "Admitted", "admit", "Axiom", "Parameter", "Variable", "Hypothes", "Conjecture", "Context",
    "native_compute", "Unset", "Guard", "Positivity", "Universe Checking", "Extract", "Declare",
    "Load", "Drop", "Redirect", "Timeout", "Fail", "Abort", "Back", "Reset", "Set ", "Local ",
    "Polymorphic", "Bypass", "Module", "Include", "Section",
)
SAFE_TEXT = re.compile(r"[^A-Za-z0-9_.+-]")
HEX64 = re.compile(r"[0-9a-f]{64}")


def module_name(cert: Certificate) -> str:
    """``Cert_<first 12 hex of sha256>``: the file/module name, derived from the hash only."""
    return f"Cert_{checked_hash(cert)[:12]}"


def checked_hash(cert: Certificate) -> str:
    """The certificate's hash, if it is 64 lowercase hex digits."""
    digest = cert.sha256
    if not isinstance(digest, str) or not HEX64.fullmatch(digest):
        raise ExportError("sha256: expected 64 lowercase hex digits")
    return digest


def checked_int(value, where: str, low: int = -MAX_INT, high: int = MAX_INT) -> int:
    """``value`` if it is a genuine ``int`` (not a bool) in ``[low, high]``, else :class:`ExportError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ExportError(f"{where}: expected an integer, got {type(value).__name__}")
    if not low <= value <= high:
        raise ExportError(f"{where}: {value} is outside [{low}, {high}]")
    return value


def nat_literal(value: int) -> str:
    """A ``nat`` literal; from 32 on written ``(N.to_nat k%N)`` (binary: unary literals are slow to elaborate)."""
    return str(value) if value < 32 else f"(N.to_nat {value}%N)"


def z_literal(value: int) -> str:
    """A ``Z`` literal (the file opens ``Z_scope``); negatives are parenthesised."""
    return f"({value})" if value < 0 else str(value)


def safe_comment_text(value) -> str:
    """Free text reduced to ``[A-Za-z0-9_.+-]`` (max 64 chars), ``redacted`` if it spells a forbidden word."""
    text = SAFE_TEXT.sub("_", str(value))[:64]
    lowered = text.lower()
    if any(word.strip().lower() in lowered for word in FORBIDDEN_WORDS):
        return "redacted"
    return text


def render_word(word, where: str) -> str:
    """``[g; ...]`` for a list of integer letters."""
    if not isinstance(word, (list, tuple)):
        raise ExportError(f"{where}: expected a list")
    return "[" + "; ".join(z_literal(checked_int(g, f"{where}[{k}]")) for k, g in enumerate(word)) + "]"


def checked_step(step, index: int, max_position: int) -> tuple[str, list[tuple[int, str]]]:
    """The constructor name of one braid move and its validated ``(value, "nat"|"Z")`` arguments.

    A position (``nat`` argument) outside ``0..max_position`` can never be legal (no word ever gets
    longer than ``max_position``), so such a certificate is refused instead of rendered. Shared by the
    Coq and Lean renderers.
    """
    where = f"steps[{index}]"
    if not isinstance(step, (list, tuple)) or not step or step[0] not in COQ_MOVE:
        raise ExportError(f"{where}: unknown move")
    constructor, arg_types = COQ_MOVE[step[0]]
    args = step[1:]
    if len(args) != len(arg_types):
        raise ExportError(f"{where}: {step[0]} takes {len(arg_types)} argument(s), got {len(args)}")
    checked = []
    for k, (arg, arg_type) in enumerate(zip(args, arg_types)):
        bounds = (0, max_position) if arg_type == "nat" else ()
        checked.append((checked_int(arg, f"{where}[{k + 1}]", *bounds), arg_type))
    return constructor, checked


def render_step(step, index: int, max_position: int) -> str:
    """One move as a Coq constructor application (see :func:`checked_step`)."""
    constructor, args = checked_step(step, index, max_position)
    return " ".join([constructor] + [nat_literal(v) if t == "nat" else z_literal(v) for v, t in args])


def render_steps(steps, word_length: int) -> list[str]:
    """``Definition steps_k`` chunks and ``cert_steps``, their concatenation."""
    if not isinstance(steps, (list, tuple)):
        raise ExportError("steps: expected a list")
    max_position = word_length + 2 * len(steps)
    moves = [render_step(step, k, max_position) for k, step in enumerate(steps)]
    lines, names = [], []
    for start in range(0, len(moves), CHUNK):
        name = f"steps_{start // CHUNK}"
        names.append(name)
        body = ";\n  ".join(moves[start : start + CHUNK])
        lines.append(f"Definition {name} : list move := [\n  {body}].\n")
    lines.append(f"Definition cert_steps : list move := {' ++ '.join(names + ['[]'])}.\n")
    return lines


def render_claim(kind: str, claim: int) -> tuple[str, str]:
    """The statement of ``cert_claim`` and its proof term, from ``BraidSpec.v``'s soundness theorems.

    The statement is in the specification's terms (Artin's presentation, Markov equivalence,
    smoothings), not in terms of the checker's own move function.
    """
    if kind == "ribbon":
        return (f"is_braid cert_input /\\ RibbonChain {claim} cert_input (trivial {claim + 1}) "
                "/\\ components cert_input = 1%nat",
                "check_spec_ribbon cert cert_check eq_refl")
    if kind == "unknot":
        return ("is_braid cert_input /\\ MarkovEquiv cert_input (trivial 1)",
                "check_spec_unknot cert cert_check eq_refl")
    return (f"is_braid cert_input /\\ MarkovEquiv cert_input (trivial {claim})",
            "check_spec_unlink cert cert_check ltac:(discriminate)")


def render_coq(cert: Certificate) -> str:
    """The Coq source proving ``cert``'s claim; raise :class:`ExportError` if it cannot be rendered safely."""
    digest = checked_hash(cert)
    if cert.calculus == "plumbing":  # docs/certificates.md §5, coq/theories/Plumbing.v
        from .coq_plumbing import render_coq_plumbing

        return render_coq_plumbing(cert, digest)
    if cert.kind in COQ_KIND and cert.calculus == "pd":
        return render_coq_pd(cert, digest)
    if cert.kind not in COQ_KIND or cert.calculus != "braid":
        raise ExportError("kind/calculus: not a braid-calculus unknot, unlink or ribbon certificate")
    if not isinstance(cert.input, dict) or set(cert.input) != {"strands", "word"}:
        raise ExportError("input: expected {strands, word}")
    strands = checked_int(cert.input["strands"], "input.strands", 1, MAX_STRANDS)
    word = render_word(cert.input["word"], "input.word")
    key = CLAIM_KEY[cert.kind]
    if not isinstance(cert.claim, dict) or set(cert.claim) != {key}:
        raise ExportError(f"claim: expected {{{key}}}")
    claim = checked_int(cert.claim[key], f"claim.{key}", 1, MAX_STRANDS)
    statement, proof = render_claim(cert.kind, claim)
    source = cert.provenance.get("source", "") if isinstance(cert.provenance, dict) else ""
    header = [
        f"(* pybridge certificate {digest} *)\n",
        f"(* generated by pybridge.export.coq; kind {cert.kind}; source {safe_comment_text(source)} *)\n",
        "From Coq Require Import ZArith List.\n",
        "Require Import KnotCert.Braid KnotCert.BraidSpec.\n",
        "Import ListNotations.\n",
        "Open Scope Z_scope.\n",
        "\n",
    ]
    body = [
        "\n",
        f"Definition cert_input : state := mk_state {strands} {word}.\n",
        f"Definition cert : cert := mk_cert {COQ_KIND[cert.kind]} cert_input {claim} cert_steps.\n",
        "\n",
        "Lemma cert_check : check cert = true.\n",
        "Proof. vm_compute. reflexivity. Qed.\n",
        "\n",
        f"Theorem cert_claim : {statement}.\n",
        f"Proof. exact ({proof}). Qed.\n",
        "\n",
        "Print Assumptions cert_claim.\n",
    ]
    return "".join(header + render_steps(cert.steps, len(cert.input["word"])) + body)


# -- planar-diagram certificates (docs/certificates.md §4, coq/theories/PD.v) ----------------------

#: PD move name -> (Coq constructor, kind of each argument): "label" (``positive``), "index" (a
#: crossing index, ``nat``), "side" (``nat``) or "Z"
COQ_PD_MOVE = {
    "r1_remove": ("R1Remove", ("index",)),
    "r1_add": ("R1Add", ("label", "side", "Z")),
    "r2_remove": ("R2Remove", ("index", "index")),
    "r2_add": ("R2Add", ("label", "label", "side")),
    "r3": ("R3", ("label", "side")),
    "band": ("Band", ("label", "label", "side", "Z")),
    "remove_free": ("RemoveFree", ()),
}
#: at most this many input crossings and free components (unary ``nat`` counts in Coq)
MAX_PD_CROSSINGS = 20000
MAX_PD_FREE = 5000
#: a side outside ``0..MAX_PD_SIDE`` is refused (it is illegal anyway); small illegal sides are rendered
MAX_PD_SIDE = 9
#: crossings a single step can add (``band`` with ``|t| = 10``): bounds every reachable crossing index
MAX_PD_GROWTH = 20


def pd_z_literal(value: int) -> str:
    """A ``Z`` literal in a file that opens ``positive_scope``."""
    return f"({value})%Z" if value < 0 else f"{value}%Z"


def render_pd_step(step, index: int, max_index: int) -> str:
    """One PD move as a Coq constructor application.

    Labels must be positive (a label ``<= 0`` is never a label of a diagram), crossing indices in
    ``0..max_index`` (no diagram ever has more crossings) and sides in ``0..MAX_PD_SIDE``; anything else
    can never be legal, so the certificate is refused instead of rendered.
    """
    where = f"steps[{index}]"
    if not isinstance(step, (list, tuple)) or not step or step[0] not in COQ_PD_MOVE:
        raise ExportError(f"{where}: unknown move")
    constructor, arg_types = COQ_PD_MOVE[step[0]]
    args = step[1:]
    if len(args) != len(arg_types):
        raise ExportError(f"{where}: {step[0]} takes {len(arg_types)} argument(s), got {len(args)}")
    rendered = [constructor]
    for k, (arg, arg_type) in enumerate(zip(args, arg_types)):
        at = f"{where}[{k + 1}]"
        if arg_type == "label":
            rendered.append(str(checked_int(arg, at, 1, MAX_INT)))
        elif arg_type == "index":
            rendered.append(nat_literal(checked_int(arg, at, 0, max_index)))
        elif arg_type == "side":
            rendered.append(str(checked_int(arg, at, 0, MAX_PD_SIDE)))
        else:
            rendered.append(pd_z_literal(checked_int(arg, at)))
    return " ".join(rendered)


def render_pd_steps(steps, crossings: int) -> list[str]:
    """``Definition steps_k`` chunks of ``pd_move`` and ``cert_steps``, their concatenation."""
    if not isinstance(steps, (list, tuple)):
        raise ExportError("steps: expected a list")
    max_index = crossings + MAX_PD_GROWTH * len(steps)
    moves = [render_pd_step(step, k, max_index) for k, step in enumerate(steps)]
    lines, names = [], []
    for start in range(0, len(moves), CHUNK):
        name = f"steps_{start // CHUNK}"
        names.append(name)
        body = ";\n  ".join(moves[start : start + CHUNK])
        lines.append(f"Definition {name} : list pd_move := [\n  {body}].\n")
    lines.append(f"Definition cert_steps : list pd_move := {' ++ '.join(names + ['[]'])}.\n")
    return lines


def render_pd_input(value) -> tuple[str, int]:
    """``mk_pd [(a, b, c, d); ...] f`` (labels in ``positive_scope``) and the number of crossings."""
    if not isinstance(value, dict) or set(value) != {"pd", "free"}:
        raise ExportError("input: expected {pd, free}")
    pd = value["pd"]
    if not isinstance(pd, (list, tuple)) or len(pd) > MAX_PD_CROSSINGS:
        raise ExportError(f"input.pd: expected a list of at most {MAX_PD_CROSSINGS} crossings")
    rendered = []
    for i, crossing in enumerate(pd):
        if not isinstance(crossing, (list, tuple)) or len(crossing) != 4:
            raise ExportError(f"input.pd[{i}]: expected 4 edge labels")
        labels = [str(checked_int(x, f"input.pd[{i}][{p}]", 1, MAX_INT)) for p, x in enumerate(crossing)]
        rendered.append("(" + ", ".join(labels) + ")")
    free = checked_int(value["free"], "input.free", 0, MAX_PD_FREE)
    lines = ";\n  ".join(rendered)
    return f"mk_pd [\n  {lines}] {nat_literal(free)}", len(pd)


def render_pd_claim(kind: str, claim: int) -> tuple[str, str]:
    """The statement of ``cert_claim`` and its proof term, from PD.v's soundness theorems."""
    if kind == "ribbon":
        return (f"exists f d : nat, PDRibbonReach {claim} d cert_input (pd_trivial f) /\\ "
                f"(f + d = {claim + 1})%nat /\\ link_components cert_input = Some 1%nat",
                "check_pd_sound_ribbon cert cert_check eq_refl")
    if kind == "unknot":
        return "PDEquiv cert_input (pd_trivial 1)", "check_pd_sound_unknot cert cert_check eq_refl"
    return (f"PDEquiv cert_input (pd_trivial {claim})",
            "check_pd_sound_unlink cert cert_check ltac:(discriminate)")


def render_coq_pd(cert: Certificate, digest: str) -> str:
    """The Coq source of a ``calculus: pd`` certificate (``Require Import KnotCert.PD``)."""
    state, crossings = render_pd_input(cert.input)
    key = CLAIM_KEY[cert.kind]
    if not isinstance(cert.claim, dict) or set(cert.claim) != {key}:
        raise ExportError(f"claim: expected {{{key}}}")
    claim = checked_int(cert.claim[key], f"claim.{key}", 1, MAX_PD_FREE)
    statement, proof = render_pd_claim(cert.kind, claim)
    source = cert.provenance.get("source", "") if isinstance(cert.provenance, dict) else ""
    header = [
        f"(* pybridge certificate {digest} *)\n",
        f"(* generated by pybridge.export.coq; kind {cert.kind}; calculus pd; source {safe_comment_text(source)} *)\n",
        "From Coq Require Import ZArith List.\n",
        "Require Import KnotCert.PD.\n",
        "Import ListNotations.\n",
        "Open Scope positive_scope.\n",
        "\n",
    ]
    body = [
        "\n",
        f"Definition cert_input : pd_state := {state}.\n",
        f"Definition cert : pd_cert := mk_pd_cert {COQ_KIND[cert.kind]} cert_input {nat_literal(claim)} cert_steps.\n",
        "\n",
        "Lemma cert_check : check_pd cert = true.\n",
        "Proof. vm_compute. reflexivity. Qed.\n",
        "\n",
        f"Theorem cert_claim : {statement}.\n",
        f"Proof. exact ({proof}). Qed.\n",
        "\n",
        "Print Assumptions cert_claim.\n",
    ]
    return "".join(header + render_pd_steps(cert.steps, crossings) + body)


def write_coq_exports(certs: Iterable[Certificate], out_dir: str | os.PathLike) -> list[Path]:
    """Write ``Cert_<hash12>.v`` for each certificate into ``out_dir`` (atomically); return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for cert in certs:
        path = out / f"{module_name(cert)}.v"
        write_text_atomic(path, render_coq(cert))
        paths.append(path)
    return paths
