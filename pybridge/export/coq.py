"""Render certificates as Coq source files checked by the ``KnotCert`` library (``coq/theories``).

One file ``Cert_<first 12 hex of sha256>.v`` per certificate: the certificate as a ``Definition``,
``cert_check : check cert = true`` (braid calculus, ``KnotCert.Braid``), ``check_pd cert = true``
(planar-diagram calculus, ``KnotCert.PD``) or ``check_plumbing cert = true`` (``KnotCert.Plumbing``)
proved by ``vm_compute``, the claim ``cert_claim`` stated concretely and proved from the library's
theorems (:data:`pybridge.export.terms.CLAIMS`), then ``Print Assumptions cert_claim.``

This module is the Coq printer of the term tree that :func:`pybridge.export.terms.build` makes from
a certificate; the Lean printer (:mod:`pybridge.export.lean`) prints the same tree. Certificates are
untrusted input: the builder re-validates everything that reaches code (integers genuine ``int``
values in range, the hash 64 lowercase hex digits, names from fixed tables). The only free text
written is ``provenance.source``, inside a comment, reduced to the characters ``[A-Za-z0-9_.+-]`` (so
it can neither open nor close a comment or a string) and replaced by ``redacted`` when it spells a
word the kernel runner's audit forbids.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..certs.io import write_text_atomic
from ..certs.model import Certificate
from . import terms
from .terms import (  # noqa: F401  (re-exported: the validation helpers and limits)
    CLAIM_KEY,
    HEX64,
    MAX_INT,
    MAX_PD_CROSSINGS,
    MAX_PD_FREE,
    MAX_PD_GROWTH,
    MAX_PD_SIDE,
    MAX_STRANDS,
    SAFE_TEXT,
    App,
    Def,
    Join,
    Lit,
    Module,
    Name,
    Seq,
    Steps,
    Tup,
    checked_hash,
    checked_int,
)

COQ_KIND = terms.KINDS
#: move name -> (Coq constructor, kind of each argument)
COQ_MOVE = terms.BRAID_MOVES
COQ_PD_MOVE = terms.PD_MOVES
#: steps per ``Definition steps_k`` (long list literals are slow to parse; chunks joined with ``++``)
CHUNK = terms.COQ_CHUNK
#: words no generated file may contain (the runner's audit rejects them; provenance text is redacted)
FORBIDDEN_WORDS = (
    "Admitted", "admit", "Axiom", "Parameter", "Variable", "Hypothes", "Conjecture", "Context",
    "native_compute", "Unset", "Guard", "Positivity", "Universe Checking", "Extract", "Declare",
    "Load", "Drop", "Redirect", "Timeout", "Fail", "Abort", "Back", "Reset", "Set ", "Local ",
    "Polymorphic", "Bypass", "Module", "Include", "Section",
)


def module_name(cert: Certificate) -> str:
    """``Cert_<first 12 hex of sha256>``: the file/module name, derived from the hash only."""
    return f"Cert_{checked_hash(cert)[:12]}"


def safe_comment_text(value) -> str:
    """Free text reduced to ``[A-Za-z0-9_.+-]`` (max 64 chars), ``redacted`` if it spells a forbidden word."""
    return terms.safe_comment_text(value, FORBIDDEN_WORDS)


# -- the printer ----------------------------------------------------------------------------------


def literal(node: Lit, scope: str | None) -> str:
    """An integer literal in a file that opens ``scope`` (``Z``, ``positive`` or none).

    ``nat`` from 32 on is written ``(N.to_nat k%N)`` (unary literals are slow to elaborate); a ``Z``
    outside ``Z_scope`` carries ``%Z``; negatives are parenthesised.
    """
    value, sort = node.value, node.sort
    if sort == "nat":
        if value >= 32:
            return f"(N.to_nat {value}%N)"
        return str(value) if scope else f"{value}%nat"
    if sort == "num":
        return str(value)
    text = f"({value})" if value < 0 or scope is None else str(value)
    return text if scope == "Z" else f"{text}%Z"


def term(node, scope: str | None) -> str:
    """A term in Coq syntax."""
    if isinstance(node, Lit):
        return literal(node, scope)
    if isinstance(node, Name):
        return node.coq
    if isinstance(node, App):
        parts = [node.head.coq] + [term(arg, scope) for arg in node.args]
        if node.wrap:
            return " ".join(parts[:2]) + "".join(f"\n  {part}" for part in parts[2:])
        return " ".join(parts)
    if isinstance(node, Tup):
        return "(" + ", ".join(term(item, scope) for item in node.items) + ")"
    if isinstance(node, Seq):
        items = [term(item, scope) for item in node.items]
        if node.layout == "inline":
            return "[" + "; ".join(items) + "]"
        return "[\n  " + ";\n  ".join(items) + "]"
    if isinstance(node, Join):
        return " ++ ".join(node.names + ("[]",))
    raise TypeError(f"not a term: {node!r}")


def definition(node: Def, scope: str | None) -> str:
    """``Definition name : type := value.``"""
    return f"Definition {node.name} : {node.type.coq} := {term(node.value, scope)}.\n"


def definitions(module: Module) -> list[str]:
    """The definitions; ``cert_steps`` in chunks of :data:`CHUNK` (a blank line after them unless compact)."""
    scope, lines = module.library.coq_scope, []
    for node in module.definitions:
        if isinstance(node, Steps):
            lines += [definition(chunk, scope) for chunk in terms.steps_chunks(node, CHUNK)]
            lines += [] if module.library.compact else ["\n"]
        else:
            lines.append(definition(node, scope))
    return lines


def print_coq(module: Module, source_text: str | None = None) -> str:
    """The Coq file of ``module`` (``source_text``: the comment's source, else reduced from the module's)."""
    library = module.library
    text = safe_comment_text(module.source) if source_text is None else source_text
    requires = " ".join((library.coq,) + terms.CLAIM_LIBRARIES.get((module.calculus, "coq"), ()))
    header = [
        f"(* pybridge certificate {module.digest} *)\n",
        f"(* generated by pybridge.export.coq; {module.tags}source {text} *)\n",
        "From Coq Require Import ZArith List.\n",
        f"Require Import {requires}.\n",
        "Import ListNotations.\n",
        *([f"Open Scope {library.coq_scope}_scope.\n"] if library.coq_scope else []),
        "\n",
    ]
    statement = module.statement.coq
    space = "" if statement.startswith("\n") else " "  # a statement may start on the next line
    body = [
        "\n",
        f"Lemma cert_check : {module.check.checker.coq} cert = true.\n",
        "Proof. vm_compute. reflexivity. Qed.\n",
        "\n",
        f"Theorem cert_claim :{space}{statement}.\n",
        f"Proof. exact ({module.proof.coq}). Qed.\n",
        "\n",
        "Print Assumptions cert_claim.\n",
    ]
    return "".join(header + definitions(module) + body)


# -- the public functions -------------------------------------------------------------------------


def render_coq(cert: Certificate) -> str:
    """The Coq source proving ``cert``'s claim; raise :class:`ExportError` if it cannot be rendered safely."""
    return print_coq(terms.build(cert))


def render_word(word, where: str) -> str:
    """``[g; ...]`` for a list of integer letters."""
    return term(terms.braid_word(word, where), "Z")


def render_step(step, index: int, max_position: int) -> str:
    """One braid move as a Coq constructor application (positions in ``0..max_position``)."""
    return term(terms.braid_step(step, index, max_position), "Z")


def render_pd_input(value) -> tuple[str, int]:
    """``mk_pd [(a, b, c, d); ...] f`` (labels in ``positive_scope``) and the number of crossings."""
    crossings, free = terms.checked_pd_input(value)
    return term(terms.pd_state(crossings, free, "input.pd"), "positive"), len(crossings)


def render_pd_step(step, index: int, max_index: int) -> str:
    """One PD move as a Coq constructor application (see :func:`pybridge.export.terms.pd_step`)."""
    return term(terms.pd_step(step, index, max_index), "positive")


def render_pd_steps(steps, crossings: int) -> list[str]:
    """``Definition steps_k`` chunks of ``pd_move`` and ``cert_steps``, their concatenation."""
    return [definition(chunk, "positive") for chunk in terms.steps_chunks(terms.pd_steps(steps, crossings), CHUNK)]


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
