"""Coq side of the exact invariants: tables of PD codes for ``KnotCert.Invariants`` to compute on.

Two uses:

* :func:`coq_evaluate` — Coq computes ``signature``, ``determinant``, ``writhe`` and
  ``fox_colourings 3`` of every PD code itself (``Eval vm_compute``, in chunks) and the values are
  read back, to compare with KnotInfo and with :mod:`pybridge.knots.exact_invariants`.
* :func:`render_table_theorems` — a Coq file stating each proposed relation as a theorem
  ``forall K, In K knot_table -> R K`` over the table *given by its PD codes*, with the invariants
  computed by the kernel (``vm_compute`` per chunk), followed by ``Print Assumptions``.

PD codes are untrusted input: only lists of 4-tuples of positive integers are rendered.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExportError

CLOSED = "Closed under the global context"
CHUNK = 100
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

#: Invariant name -> the Coq term computing it from the PD code ``K`` (crossings of the diagram).
COQ_TERMS = {
    "signature": "signature K",
    "determinant": "determinant K",
    "writhe": "writhe K",
    "crossings": "Z.of_nat (length K)",
    "fox3": "fox_colourings 3 K",
    "fox5": "fox_colourings 5 K",
    "fox7": "fox_colourings 7 K",
}


def render_pd(pd) -> str:
    """A Coq ``list crossing`` literal; :class:`ExportError` unless ``pd`` is 4-tuples of positive ints."""
    parts = []
    for crossing in pd:
        if len(crossing) != 4 or not all(isinstance(x, int) and not isinstance(x, bool) and x > 0 for x in crossing):
            raise ExportError(f"PD crossing {crossing!r}: need four positive integer labels")
        parts.append("(" + ",".join(str(x) for x in crossing) + ")")
    return "[" + ";".join(parts) + "]"


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _header() -> list[str]:
    return ["From Coq Require Import ZArith List Bool Lia.",
            "Require Import KnotCert.PD KnotCert.Invariants.",
            "Import ListNotations.", "Open Scope Z_scope.", ""]


def _chunk_definitions(pds: list, size: int) -> tuple[list[str], int]:
    lines = []
    chunks = _chunks(pds, size)
    for number, chunk in enumerate(chunks):
        lines.append(f"Definition chunk{number} : list (list crossing) := [")
        lines += ["  " + render_pd(pd) + ("" if i == len(chunk) - 1 else ";") for i, pd in enumerate(chunk)]
        lines += ["]%positive.", ""]
    return lines, len(chunks)


def library_theories() -> Path:
    """The verified compiled KnotCert library (built from ``coq/theories`` if needed)."""
    from ..prover.coq import build_library, coqc_version, find_coqc

    coqc = find_coqc()
    theories, _ = build_library(coqc, coqc_version(coqc))
    return theories


def run_coqc(text: str, name: str, theories: Path, timeout_s: float) -> tuple[subprocess.CompletedProcess, float]:
    """Compile ``text`` as ``name.v`` against the library; (process, wall seconds)."""
    from ..prover.coq import find_coqc

    with tempfile.TemporaryDirectory(prefix=f"{name}-") as tmp:
        path = Path(tmp) / f"{name}.v"
        path.write_text(text, encoding="ascii")
        start = time.perf_counter()
        done = subprocess.run([find_coqc(), "-q", "-Q", str(theories), "KnotCert", path.name], cwd=tmp,
                              capture_output=True, text=True, timeout=timeout_s, check=False)
        return done, time.perf_counter() - start


def render_evaluation(pds: list, size: int = CHUNK) -> str:
    """Coq source printing ``[signature; determinant; writhe; fox3]`` of every code, chunk by chunk."""
    lines, count = _chunk_definitions(pds, size)
    body = []
    for number in range(count):
        body += [f"Eval vm_compute in flat_map (fun K => [signature K; determinant K; writhe K; "
                 f"fox_colourings 3 K]) chunk{number}.", ""]
    return "\n".join(_header() + lines + body)


@dataclass
class Evaluation:
    """What Coq computed: one ``(signature, determinant, writhe, fox3)`` per code, and the coqc time."""

    values: list[tuple[int, int, int, int]]
    seconds: float


def coq_evaluate(pds: list, size: int = CHUNK, timeout_s: float = 900, theories: Path | None = None) -> Evaluation:
    """Let Coq compute the invariants of ``pds`` (see :func:`render_evaluation`) and read them back."""
    theories = theories or library_theories()
    done, seconds = run_coqc(render_evaluation(pds, size), "InvariantsTable", theories, timeout_s)
    if done.returncode != 0:
        raise ExportError(f"coqc failed on the invariants table: {(done.stderr or done.stdout)[:800]}")
    numbers = []
    for block in done.stdout.split("= [")[1:]:
        numbers += [int(x) for x in re.findall(r"-?\d+", block.split("]")[0])]
    if len(numbers) != 4 * len(pds):
        raise ExportError(f"expected {4 * len(pds)} numbers from coqc, read {len(numbers)}")
    return Evaluation([tuple(numbers[i:i + 4]) for i in range(0, len(numbers), 4)], seconds)


# -- relations as theorems over the table ----------------------------------------------------------


#: Variable names for the invariants inside the generated boolean checks.
VARIABLES = {name: f"v_{name}" for name in COQ_TERMS}
#: How the per-knot check computes each invariant (one Goeritz computation for the first three).
LETS = {"crossings": "Z.of_nat (length K)", "fox3": "fox_colourings 3 K", "fox5": "fox_colourings 5 K",
        "fox7": "fox_colourings 7 K"}
GOERITZ = ("signature", "determinant", "writhe")


def _used(relation) -> list[str]:
    return [name for name in COQ_TERMS if name in relation.invariants]


def render_table_theorems(name: str, pds: list, knot_names: list[str], relations: list, size: int = CHUNK) -> str:
    """Coq source: the table ``knot_table`` of PD codes, and for every relation ``R_i`` (objects with
    ``invariants``, ``coq_bool(env)``, ``coq_prop(env)``, ``text()``) the theorem
    ``forall K, In K knot_table -> R_i K``, where ``R_i K`` applies the relation to ``signature K``,
    ``determinant K``, ... (``KnotCert.Invariants``).

    The check per knot computes the invariants once (``knot_invariants``: one Goeritz matrix for
    signature, determinant and writhe; the Fox counts only if a relation uses them) and evaluates all
    relations; one ``vm_compute`` per chunk of ``size`` knots. ``Print Assumptions`` on every theorem.
    """
    if not IDENT.match(name):
        raise ExportError(f"statement name {name!r} is not an identifier")
    if not relations:
        raise ExportError("no relations to state")
    del knot_names  # names are not rendered: the table is the list of PD codes
    lines = [f"(* Generated by pybridge.conjecture.exact_coq: {len(pds)} knots given by their PD codes",
             "   (KnotInfo, Knot Atlas convention). Every invariant below is computed by the kernel from",
             "   the PD code (KnotCert.Invariants); no invariant value is imported. *)"]
    lines += _header()
    chunk_lines, count = _chunk_definitions(pds, size)
    lines += chunk_lines
    lines.append("Definition knot_table : list (list crossing) := " + " ++ ".join(f"chunk{i}" for i in range(count)) + ".")
    lines.append("")
    for index, relation in enumerate(relations):
        used = _used(relation)
        args = " ".join(VARIABLES[n] for n in used)
        lines += [f"(* R{index}: {relation.text()} *)",
                  f"Definition rel{index}_v ({args} : Z) : bool := {relation.coq_bool(VARIABLES)}.",
                  f"Definition rel{index} (K : list crossing) : Prop := {relation.coq_prop()}.",
                  f"Lemma rel{index}_spec : forall K, rel{index}_v " + " ".join(f"({COQ_TERMS[n]})" for n in used)
                  + f" = true -> rel{index} K.",
                  "Proof.",
                  f"  intros K. unfold rel{index}_v, rel{index}.",
                  "  repeat match goal with",
                  "  | |- context [Z.eqb ?x ?y] => destruct (Z.eqb_spec x y)",
                  "  | |- context [Z.leb ?x ?y] => destruct (Z.leb_spec x y)",
                  "  end; cbv beta iota; intros; try discriminate; try tauto; lia.",
                  "Qed.", ""]
    needed = [n for n in COQ_TERMS if any(n in r.invariants for r in relations)]
    body = ["Definition all_b (K : list crossing) : bool :="]
    if any(n in GOERITZ for n in needed):
        body.append("  let '(v_signature, v_determinant, v_writhe) := knot_invariants K in")
    body += [f"  let {VARIABLES[n]} := {LETS[n]} in" for n in needed if n in LETS]
    conj = " && ".join(f"rel{i}_v " + " ".join(VARIABLES[n] for n in _used(r)) for i, r in enumerate(relations))
    body.append(f"  {conj}.")
    lines += body + [""]
    for i in range(count):
        lines += [f"Lemma chunk{i}_ok : forallb all_b chunk{i} = true.", "Proof. vm_compute. reflexivity. Qed.", ""]
    rewrites = ", ".join(f"chunk{i}_ok" for i in range(count))
    lines += ["Lemma table_ok : forallb all_b knot_table = true.",
              f"Proof. unfold knot_table. rewrite ?forallb_app, {rewrites}. reflexivity. Qed.", "",
              f"Theorem table_length : length knot_table = {len(pds)}%nat.",
              "Proof. vm_compute. reflexivity. Qed.", ""]
    for index, relation in enumerate(relations):
        lines += [f"Theorem {name}_{index} : forall K, In K knot_table -> rel{index} K.",
                  "Proof.",
                  f"  intros K H. apply rel{index}_spec.",
                  "  pose proof (proj1 (forallb_forall all_b knot_table) table_ok K H) as E.",
                  "  unfold all_b in E. rewrite knot_invariants_spec in E. cbv beta iota zeta in E.",
                  "  repeat rewrite Bool.andb_true_iff in E. tauto.",
                  "Qed.", "",
                  f"Print Assumptions {name}_{index}.", ""]
    return "\n".join(lines)


def check_table_theorems(text: str, name: str, count: int, timeout_s: float = 900,
                         theories: Path | None = None) -> tuple[bool, str, float]:
    """Compile the theorem file; (valid, verdict text, coqc seconds). Valid iff coqc exits 0 and every
    ``Print Assumptions`` says exactly ``Closed under the global context``."""
    theories = theories or library_theories()
    try:
        done, seconds = run_coqc(text, name, theories, timeout_s)
    except subprocess.TimeoutExpired:
        return False, f"timeout: coqc did not finish within {timeout_s:g} s", timeout_s
    if done.returncode != 0:
        return False, "coqc exited with {}: {}".format(done.returncode, " ".join((done.stderr or done.stdout).split())[:500]), seconds
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if lines != [CLOSED] * count:
        return False, "Print Assumptions is not closed: " + " | ".join(lines)[:500], seconds
    return True, f"coqc proved {count} theorem(s); Print Assumptions: {CLOSED}", seconds


# -- the same theorems for Lean (core Lean; not compiled here) ------------------------------------

#: Lean terms for the invariants of ``K`` (``KnotCert.Invariants``, the Lean mirror of Invariants.v)
LEAN_LETS = {"crossings": "(K.length : Int)", "fox3": "fox_colourings 3 K", "fox5": "fox_colourings 5 K",
             "fox7": "fox_colourings 7 K"}
LEAN_CHUNK = 20


def _lean_bool(relation, env: dict) -> str:
    """The relation's Boolean check in Lean syntax (from its Coq rendering's structure)."""
    from .exact import AbsBound, Congruence, Equivalence

    def atom(a: Congruence) -> str:
        return f"({env[a.invariant]} % {a.modulus} == {a.residue})"

    if isinstance(relation, Equivalence):
        return f"({atom(relation.left)} == {atom(relation.right)})"
    if isinstance(relation, AbsBound):
        return f"decide ((({env[relation.x]}).natAbs : Int) ≤ {relation.a} * {env[relation.y]} + ({relation.b}))"
    raise ExportError(f"no Lean rendering for {relation!r}")


def render_lean_table_theorems(name: str, pds: list, relations: list, size: int = LEAN_CHUNK) -> str:
    """Lean 4 source (core Lean, ``import KnotCert.Invariants``): the table of PD codes and, per relation,
    ``check_i K`` (the relation applied to ``knot_invariants K``, which ``knot_invariants_spec`` equates
    with ``(signature K, determinant K, writhe K)``) and ``exact_relation_i : ∀ K ∈ knot_table,
    check_i K = true``, proved chunk by chunk with ``decide``. Written for ``lake build``; no Lean
    toolchain exists where it was written, so it has not been compiled and its kernel time is unknown."""
    if not IDENT.match(name):
        raise ExportError(f"statement name {name!r} is not an identifier")
    chunks = _chunks(pds, size)
    lines = [f"/- Generated by pybridge.conjecture.exact_coq: {len(pds)} knots given by their PD codes (KnotInfo,",
             "   Knot Atlas convention); every invariant is computed by the kernel from the PD code",
             "   (KnotCert.Invariants). Not compiled where it was generated (no Lean toolchain). -/",
             "import KnotCert.Invariants", "", "namespace KnotCertGenerated.Statements.ExactRelations", "",
             "open KnotCert KnotCert.Invariants", ""]
    for number, chunk in enumerate(chunks):
        lines.append(f"def chunk{number} : List (List Crossing) := [")
        lines += ["  " + render_pd(pd).replace(";", ", ") + ("" if i == len(chunk) - 1 else ",")
                  for i, pd in enumerate(chunk)]
        lines += ["]", ""]
    lines += ["def knot_table : List (List Crossing) := " + " ++ ".join(f"chunk{i}" for i in range(len(chunks))), ""]
    for index, relation in enumerate(relations):
        needed = [n for n in COQ_TERMS if n in relation.invariants]
        body = [f"/-- R{index}: {relation.text()} -/", f"def check{index} (K : List Crossing) : Bool :=",
                "  match knot_invariants K with", "  | (v_signature, v_determinant, v_writhe) =>"]
        body += [f"    let {VARIABLES[n]} : Int := {LEAN_LETS[n]}" for n in needed if n in LEAN_LETS]
        body += [f"    {_lean_bool(relation, VARIABLES)}", ""]
        lines += body
        for number in range(len(chunks)):
            lines += [f"theorem check{index}_chunk{number} : chunk{number}.all check{index} = true := by decide"]
        rewrites = ", ".join(f"check{index}_chunk{i}" for i in range(len(chunks)))
        lines += ["", f"theorem check{index}_table : knot_table.all check{index} = true := by",
                  f"  simp only [knot_table, List.all_append, {rewrites}, Bool.and_self]", "",
                  f"theorem {name}_{index} : ∀ K ∈ knot_table, check{index} K = true :=",
                  f"  fun K hK => List.all_eq_true.mp check{index}_table K hK", "",
                  f"#print axioms {name}_{index}", ""]
    lines += ["end KnotCertGenerated.Statements.ExactRelations", ""]
    return "\n".join(lines)
