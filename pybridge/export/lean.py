"""Render certificates as Lean 4 modules checked by the ``KnotCert`` library (``lean/KnotCert``).

One module ``lean/KnotCertGenerated/Cert_<first 12 hex of sha256>.lean`` per certificate, mirroring
:mod:`pybridge.export.coq`: the certificate as a ``def``, ``cert_check : KnotCert.check cert = true``
proved by ``decide`` (evaluation, re-checked by the kernel), the claim ``cert_claim`` stated concretely
and proved from the library's soundness theorems, then ``#print axioms cert_claim``.

Certificates are untrusted input. The same rules as the Coq exporter apply, with its validation
helpers: integers must be genuine ``int`` values in range, the hash must be 64 lowercase hex digits,
the module and namespace names come from the hash only, and every other name comes from fixed
tables. The only free text written is ``provenance.source``, inside a ``--`` line comment, reduced to
``[A-Za-z0-9_.+-]`` (no newline, so it cannot leave the comment) and replaced by ``redacted`` when it
spells a word the kernel runner's audit forbids. Every name is fully qualified (``KnotCert.check``),
so nothing in a generated module depends on ``open`` or on name resolution.

This module also holds the Lean/Coq name-correspondence table (:data:`NAME_TABLE`), which
``tests/test_lean.py`` checks against both libraries and ``docs/lean.md`` renders.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from ..certs.model import Certificate
from ..errors import ExportError
from .coq import (
    CLAIM_KEY,
    MAX_STRANDS,
    SAFE_TEXT,
    checked_hash,
    checked_int,
    checked_step,
    module_name,
    write_text_atomic,
    z_literal,
)
from .lean_pd import PD_SET_OPTIONS, render_lean_pd

LIBRARY = "KnotCert"
#: the certificate calculi the Lean library mirrors (``pybridge export lean`` and ``check --kernel lean``)
LEAN_CALCULI = ("braid", "pd", "plumbing")
#: the Lean library of generated modules (``lakefile.lean``: ``lean_lib KnotCertGenerated``)
GENERATED_LIBRARY = "KnotCertGenerated"
LEAN_KIND = {"unknot": "KnotCert.Kind.Unknot", "unlink": "KnotCert.Kind.Unlink", "ribbon": "KnotCert.Kind.Ribbon"}
#: steps per ``def steps_k`` (list literals stay short; chunks are joined with ``++``)
CHUNK = 100
#: the only ``set_option`` lines a generated module contains (evaluation of long certificates)
SET_OPTIONS = ("set_option maxRecDepth 10000 in", "set_option maxHeartbeats 4000000 in")
#: identifiers a generated module may declare or open: ``^[A-Za-z_][A-Za-z0-9_]*$``
LEAN_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: words no Lean file of the project may contain, comments included (the runner's audit and
#: tests/test_lean.py reject them; provenance text that spells one is redacted)
FORBIDDEN_WORDS = (
    "sorry", "admit", "native_decide", "axiom", "unsafe", "implemented_by", "extern", "partial",
)


def lean_module_name(cert: Certificate) -> str:
    """``Cert_<hash12>`` (shared with the Coq exporter), checked to be a plain Lean identifier."""
    name = module_name(cert)
    if not LEAN_IDENT.fullmatch(name):
        raise ExportError(f"module name {name!r} is not a plain identifier")
    return name


def qualified_module(cert: Certificate) -> str:
    """``KnotCertGenerated.Cert_<hash12>``: the module, and the namespace of its declarations."""
    return f"{GENERATED_LIBRARY}.{lean_module_name(cert)}"


def safe_comment_text(value) -> str:
    """Free text reduced to ``[A-Za-z0-9_.+-]`` (max 64 chars), ``redacted`` if it spells a forbidden word."""
    text = SAFE_TEXT.sub("_", str(value))[:64]
    lowered = text.lower()
    if any(word in lowered for word in FORBIDDEN_WORDS):
        return "redacted"
    return text


def render_word(word, where: str) -> str:
    """``[g, ...]`` for a list of integer letters (negatives parenthesised)."""
    if not isinstance(word, (list, tuple)):
        raise ExportError(f"{where}: expected a list")
    return "[" + ", ".join(z_literal(checked_int(g, f"{where}[{k}]")) for k, g in enumerate(word)) + "]"


def render_step(step, index: int, max_position: int) -> str:
    """One move as a fully qualified ``KnotCert.Move`` constructor application; positions are ``Nat``
    literals, validated as in Coq (:func:`pybridge.export.coq.checked_step`)."""
    constructor, args = checked_step(step, index, max_position)
    return " ".join([f"{LIBRARY}.Move.{constructor}"] + [str(v) if t == "nat" else z_literal(v) for v, t in args])


def render_steps(steps, word_length: int) -> list[str]:
    """``def steps_k`` chunks and ``cert_steps``, their concatenation."""
    if not isinstance(steps, (list, tuple)):
        raise ExportError("steps: expected a list")
    max_position = word_length + 2 * len(steps)
    moves = [render_step(step, k, max_position) for k, step in enumerate(steps)]
    lines, names = [], []
    for start in range(0, len(moves), CHUNK):
        name = f"steps_{start // CHUNK}"
        names.append(name)
        body = ",\n  ".join(moves[start : start + CHUNK])
        lines.append(f"def {name} : List {LIBRARY}.Move := [\n  {body}]\n\n")
    lines.append(f"def cert_steps : List {LIBRARY}.Move := {' ++ '.join(names + ['[]'])}\n")
    return lines


def render_claim(kind: str, claim: int) -> tuple[str, str]:
    """The statement of ``cert_claim`` and its proof term, from the library's soundness theorems."""
    if kind == "ribbon":
        return (f"And ({LIBRARY}.BandReach {claim} cert_input ({LIBRARY}.trivial {claim + 1}))\n"
                f"      ({LIBRARY}.components cert_input = 1)",
                f"{LIBRARY}.check_sound_ribbon cert cert_check rfl")
    if kind == "unknot":
        return f"{LIBRARY}.Equiv cert_input ({LIBRARY}.trivial 1)", f"{LIBRARY}.check_sound_unknot cert cert_check rfl"
    return (f"{LIBRARY}.Equiv cert_input ({LIBRARY}.trivial {claim})",
            f"{LIBRARY}.check_sound_unlink cert cert_check (by first | decide | (intro h; cases h))")


def render_lean(cert: Certificate) -> str:
    """The Lean 4 module proving ``cert``'s claim; raise :class:`ExportError` if it cannot be rendered safely."""
    digest = checked_hash(cert)
    namespace = qualified_module(cert)
    source = cert.provenance.get("source", "") if isinstance(cert.provenance, dict) else ""
    if cert.calculus == "plumbing":  # lean/KnotCert/Plumbing.lean (namespace KnotCert.Plumbing)
        from .lean_plumbing import render_lean_plumbing

        return render_lean_plumbing(cert, digest, namespace, safe_comment_text(source))
    if cert.kind in LEAN_KIND and cert.calculus == "pd":
        return render_lean_pd(cert, digest, namespace, safe_comment_text(source))
    if cert.kind not in LEAN_KIND or cert.calculus != "braid":
        raise ExportError("kind/calculus: not a braid- or PD-calculus unknot, unlink or ribbon certificate")
    if not isinstance(cert.input, dict) or set(cert.input) != {"strands", "word"}:
        raise ExportError("input: expected {strands, word}")
    strands = checked_int(cert.input["strands"], "input.strands", 1, MAX_STRANDS)
    word = render_word(cert.input["word"], "input.word")
    key = CLAIM_KEY[cert.kind]
    if not isinstance(cert.claim, dict) or set(cert.claim) != {key}:
        raise ExportError(f"claim: expected {{{key}}}")
    claim = checked_int(cert.claim[key], f"claim.{key}", 1, MAX_STRANDS)
    statement, proof = render_claim(cert.kind, claim)
    header = [
        f"-- pybridge certificate {digest}\n",
        f"-- generated by pybridge.export.lean; kind {cert.kind}; source {safe_comment_text(source)}\n",
        f"import {LIBRARY}.Braid\n",
        "\n",
        f"namespace {namespace}\n",
        "\n",
    ]
    body = [
        "\n",
        f"def cert_input : {LIBRARY}.State := {LIBRARY}.State.mk_state {strands} {word}\n",
        "\n",
        f"def cert : {LIBRARY}.Cert :=\n",
        f"  {LIBRARY}.Cert.mk_cert {LEAN_KIND[cert.kind]} cert_input {claim} cert_steps\n",
        "\n",
        *(f"{option}\n" for option in SET_OPTIONS),
        f"theorem cert_check : {LIBRARY}.check cert = true := by decide\n",
        "\n",
        f"theorem cert_claim :\n    {statement} :=\n",
        f"  {proof}\n",
        "\n",
        "#print axioms cert_claim\n",
        "\n",
        f"end {namespace}\n",
    ]
    return "".join(header + render_steps(cert.steps, len(cert.input["word"])) + body)


def write_lean_exports(certs: Iterable[Certificate], out_dir: str | os.PathLike) -> list[Path]:
    """Write ``Cert_<hash12>.lean`` for each certificate into ``out_dir`` (atomically); return the paths.

    ``out_dir`` is normally ``<repo>/lean/KnotCertGenerated`` (the glob of ``lean_lib
    KnotCertGenerated`` in ``lakefile.lean``), so that ``lake build`` checks every written module.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for cert in certs:
        path = out / f"{lean_module_name(cert)}.lean"
        write_text_atomic(path, render_lean(cert))
        paths.append(path)
    return paths


# -- the Lean/Coq name correspondence --------------------------------------------------------------

#: (Coq declaration in ``coq/theories/``, Lean declaration in ``lean/KnotCert/``, what it is)
BRAID_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("state", "State", "braid state `(strands, word)`; constructor `mk_state`"),
    ("trivial", "trivial", "the trivial state on `k` strands"),
    ("move", "Move", "the primitive moves"),
    ("is_smooth", "is_smooth", "a move is a smoothing"),
    ("letter_ok", "letter_ok", "`1 <= abs g <= n - 1`"),
    ("valid_state", "valid_state", "`n >= 1` and every letter ok"),
    ("apply_move", "apply_move", "one move, `none` when its precondition fails"),
    ("swap_at", "swap_at", "swap entries `j`, `j + 1`"),
    ("braid_perm", "braid_perm", "the permutation of a braid word"),
    ("set_seen", "set_seen", "mark one entry as seen"),
    ("mark_cycle", "mark_cycle", "mark one cycle (fuel)"),
    ("count_cycles", "count_cycles", "count the cycles"),
    ("components", "components", "components of the closure"),
    ("Kind", "Kind", "`Unknot`, `Unlink`, `Ribbon`"),
    ("cert", "Cert", "certificate; constructor `mk_cert`"),
    ("is_ribbon", "is_ribbon", "a kind allows smoothings"),
    ("run", "run", "replay the steps, count smoothings"),
    ("claim_ok", "claim_ok", "the claim field's range"),
    ("final_ok", "final_ok", "the final state meets the claim"),
    ("check", "check", "the checker"),
    ("Step", "Step", "one isotopy move (inductive)"),
    ("Equiv", "Equiv", "reflexive-transitive closure of `Step`"),
    ("BandReach", "BandReach", "isotopy moves plus `b` smoothings"),
    ("run_isotopy", "run_isotopy", "`run` without smoothings gives `Equiv`"),
    ("run_ribbon", "run_ribbon", "`run` of a ribbon certificate gives `BandReach`"),
    ("final_state", "final_state", "an empty word on `k` strands is `trivial k`"),
    ("check_input_valid", "check_input_valid", "a checked input is valid"),
    ("check_sound_unlink", "check_sound_unlink", "soundness, unknot/unlink claims"),
    ("check_sound_unknot", "check_sound_unknot", "soundness, unknot claims (corollary)"),
    ("check_sound_ribbon", "check_sound_ribbon", "soundness, ribbon claims"),
    ("apply_move_valid", "apply_move_valid", "every move keeps a state valid"),
    ("Equiv_valid", "Equiv_valid", "`Equiv` keeps a state valid"),
    ("BandReach_valid", "BandReach_valid", "`BandReach` keeps a state valid"),
)

#: the planar-diagram calculus: ``coq/theories/PD.v`` and ``lean/KnotCert/PD.lean``
PD_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("ptree", "PTree", "binary trie (Coq: `positive` keys; Lean: `Nat` keys >= 1, split on the low bit)"),
    ("pget", "pget", "trie lookup"),
    ("pset", "pset", "trie insertion"),
    ("pvalues", "pvalues", "trie values, in the same order"),
    ("pmem", "pmem", "trie membership"),
    ("label", "Label", "edge label (`positive` / `Nat`)"),
    ("crossing", "Crossing", "`(a, b, c, d)`, `a` the incoming under-strand"),
    ("pd_state", "PDState", "PD state `(crossings, free)`; constructor `mk_pd`"),
    ("pd_trivial", "pd_trivial", "no crossings, `k` free unknots"),
    ("get4", "get4", "label at a position"),
    ("set4", "set4", "replace the label at a position"),
    ("add1", "add1", "`p + 1` mod 4"),
    ("add2", "add2", "`p + 2` mod 4"),
    ("add3", "add3", "`p + 3` mod 4"),
    ("slot", "Slot", "`(crossing key, position)`"),
    ("slot_eqb", "slot_eqb", "slot equality"),
    ("slot_ltb", "slot_ltb", "reading order"),
    ("slot_code", "slot_code", "injective key of a slot (`4 k + p`)"),
    ("key_of", "key_of", "key `i + 1` of crossing `i`"),
    ("context", "PDContext", "derived structure; constructor `mk_context`"),
    ("add_position", "add_position", "append a slot to a label's positions"),
    ("index_crossings", "index_crossings", "build the context"),
    ("make_context", "make_context", "the context of a crossing list"),
    ("pd_positions", "pd_positions", "label -> slots"),
    ("slot_label", "slot_label", "label at a slot"),
    ("other_end", "other_end", "partner slot of a label"),
    ("fuel", "fuel", "`4 n + 1`"),
    ("next_corner", "next_corner", "face tracing step"),
    ("trace_face", "trace_face", "trace one face (fuel)"),
    ("face_corners", "face_corners", "the face through a corner"),
    ("mark_all", "mark_all", "mark slots as seen"),
    ("faces_from", "faces_from", "faces through unseen corners"),
    ("faces_of", "faces_of", "all faces of a context"),
    ("pd_faces", "pd_faces", "all faces"),
    ("uf_find", "uf_find", "union-find root (fuel)"),
    ("pieces_of", "pieces_of", "connected pieces"),
    ("trace_strand", "trace_strand", "entry slots of one component (fuel)"),
    ("reverse_entries", "reverse_entries", "the component travelled backwards"),
    ("argmin_from", "argmin_from", "first smallest label (scan)"),
    ("argmin", "argmin", "first smallest label"),
    ("over_only_forward", "over_only_forward", "orientation of an over-only component"),
    ("orient_component", "orient_component", "orient one component"),
    ("components_from", "components_from", "components through unseen slots"),
    ("components_of", "components_of", "oriented components of a context"),
    ("pd_components", "pd_components", "oriented components"),
    ("orientation_of", "orientation_of", "label -> (tail, head), context"),
    ("pd_orientation", "pd_orientation", "label -> (tail, head)"),
    ("edge_face_in", "edge_face_in", "face on a side of an edge, context"),
    ("edge_face", "edge_face", "face on a side of an edge"),
    ("link_components", "link_components", "number of link components"),
    ("validate_pd", "validate_pd", "state conditions (Lean also: labels >= 1)"),
    ("sfind", "sfind", "straightening union-find root (fuel)"),
    ("sunion", "sunion", "straightening union"),
    ("count_down", "count_down", "deleted-index countdown"),
    ("is_here", "is_here", "the current crossing is deleted"),
    ("split_deleted", "split_deleted", "kept and deleted crossings"),
    ("labels4", "labels4", "the four labels"),
    ("dedup", "dedup", "labels without repetitions"),
    ("straighten", "straighten", "delete crossings, strands pass straight through"),
    ("relabel", "relabel", "relabel slots"),
    ("with_slots", "with_slots", "relabel and append crossings"),
    ("new_label", "new_label", "the label `N + k`"),
    ("side_ok", "side_ok", "side is 0 or 1"),
    ("side_of", "side_of", "side of an edge a face lies on"),
    ("head_of", "head_of", "head slot of an edge"),
    ("pd_move", "PDMove", "the primitive PD moves"),
    ("is_band", "is_band", "a move is a band move"),
    ("is_death", "is_death", "a move removes a free unknot"),
    ("is_isotopy", "is_isotopy", "a move is a Reidemeister move"),
    ("is_kink", "is_kink", "R1 precondition"),
    ("is_bigon", "is_bigon", "R2 precondition"),
    ("r1_crossing", "r1_crossing", "crossing of an added kink"),
    ("r2_crossings", "r2_crossings", "crossings of an added bigon"),
    ("r3_changes", "r3_changes", "slot changes of R3"),
    ("is_triangle", "is_triangle", "R3 precondition"),
    ("twist_crossing", "twist_crossing", "crossing of a twisted band"),
    ("apply_pd_move", "apply_pd_move", "one PD move, `none` when its precondition fails"),
    ("pd_cert", "PDCert", "PD certificate; constructor `mk_pd_cert`"),
    ("run_pd", "run_pd", "replay, count bands and deaths"),
    ("pd_claim_ok", "pd_claim_ok", "the claim field's range"),
    ("is_one", "is_one", "`some 1`"),
    ("pd_final_ok", "pd_final_ok", "the final state meets the claim"),
    ("check_pd", "check_pd", "the PD checker"),
    ("PDStep", "PDStep", "one Reidemeister move (inductive)"),
    ("PDEquiv", "PDEquiv", "reflexive-transitive closure of `PDStep`"),
    ("PDRibbonReach", "PDRibbonReach", "Reidemeister moves plus `b` bands and `d` deaths"),
    ("run_pd_isotopy", "run_pd_isotopy", "`run_pd` without bands/deaths gives `PDEquiv`"),
    ("run_pd_ribbon", "run_pd_ribbon", "`run_pd` of a ribbon certificate gives `PDRibbonReach`"),
    ("check_pd_input_valid", "check_pd_input_valid", "a checked input is valid"),
    ("check_pd_sound_unlink", "check_pd_sound_unlink", "soundness, unknot/unlink claims"),
    ("check_pd_sound_unknot", "check_pd_sound_unknot", "soundness, unknot claims (corollary)"),
    ("check_pd_sound_ribbon", "check_pd_sound_ribbon", "soundness, ribbon claims"),
)

#: the plumbing calculus: ``coq/theories/Plumbing.v`` and ``lean/KnotCert/Plumbing.lean`` (namespace
#: ``KnotCert.Plumbing``, the Coq module path, so ``other_end`` does not meet PD's)
PLUMBING_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("pgraph", "PGraph", "weighted graph `(vertices (id, weight), edges (u, v))`; constructor `mk_pgraph`"),
    ("ids", "ids", "the vertex ids"),
    ("mem", "mem", "membership in a list of ids"),
    ("nodup_nat", "nodup_nat", "no repeated id"),
    ("has_vertex", "has_vertex", "a vertex of the graph"),
    ("weight_in", "weight_in", "weight in a vertex list (`0` if absent)"),
    ("weight_of", "weight_of", "weight of a vertex"),
    ("same_edge", "same_edge", "an edge joins `u` and `v` (either order)"),
    ("adjacent", "adjacent", "`u` and `v` are joined"),
    ("touches", "touches", "an edge has `v` as an end"),
    ("other_end", "other_end", "the other end of an edge (Lean: `KnotCert.Plumbing.other_end`)"),
    ("nbrs", "nbrs", "neighbours, in edge order"),
    ("degree", "degree", "number of neighbours"),
    ("fresh", "fresh", "`max id + 1` (`0` for the empty graph)"),
    ("delete", "delete", "remove a vertex and its edges"),
    ("shift", "shift", "add to a vertex's weight"),
    ("add_vertex", "add_vertex", "append a vertex"),
    ("add_edges", "add_edges", "append edges"),
    ("remove_edge", "remove_edge", "remove the edge `u v`"),
    ("edges_simple", "edges_simple", "edges join distinct vertices, no repeats"),
    ("prune", "prune", "delete vertices of degree <= 1 repeatedly (fuel)"),
    ("valid_forest", "valid_forest", "a simple forest with distinct ids"),
    ("pmove", "PMove", "Neumann's moves R1-R3"),
    ("unit_sign", "unit_sign", "`e = 1` or `e = -1`"),
    ("unit_at", "unit_at", "a `+-1` vertex of a given degree"),
    ("increasing", "increasing", "strictly increasing list"),
    ("sorted_insert", "sorted_insert", "insertion into a sorted list"),
    ("sort_nat", "sort_nat", "insertion sort"),
    ("apply_pmove", "apply_pmove", "one move, `none` when its precondition fails"),
    ("run_plumb", "run_plumb", "replay the moves"),
    ("image", "image", "image of an id under the bijection"),
    ("iso_ok", "iso_ok", "the bijection is a weight-preserving isomorphism"),
    ("plumbing_cert", "PlumbingCert", "plumbing certificate; constructor `mk_plumbing_cert`"),
    ("check_plumbing", "check_plumbing", "the plumbing checker"),
    ("PStep", "PStep", "one Neumann move (inductive)"),
    ("PReach", "PReach", "reflexive-transitive closure of `PStep`"),
    ("PIso", "PIso", "some bijection passes `iso_ok`"),
    ("PEquiv", "PEquiv", "isomorphic to a forest reached by moves"),
    ("run_plumb_reach", "run_plumb_reach", "`run_plumb` gives `PReach`"),
    ("check_plumbing_sound", "check_plumbing_sound", "soundness of `check_plumbing`"),
)

NAME_TABLE: tuple[tuple[str, str, str], ...] = BRAID_NAME_TABLE + PD_NAME_TABLE + PLUMBING_NAME_TABLE

#: (Coq constructor or field, Lean constructor or field): same spelling on both sides
CONSTRUCTOR_TABLE: tuple[tuple[str, str], ...] = (
    ("mk_state", "mk_state"), ("strands", "strands"), ("word", "word"),
    ("Cancel", "Cancel"), ("Insert", "Insert"), ("Commute", "Commute"), ("Braid", "Braid"),
    ("Rotate", "Rotate"), ("Stabilize", "Stabilize"), ("Destabilize", "Destabilize"), ("Smooth", "Smooth"),
    ("Unknot", "Unknot"), ("Unlink", "Unlink"), ("Ribbon", "Ribbon"),
    ("mk_cert", "mk_cert"), ("kind", "kind"), ("input", "input"), ("claim", "claim"), ("steps", "steps"),
    ("step_move", "step_move"), ("equiv_refl", "equiv_refl"), ("equiv_step", "equiv_step"),
    ("band_refl", "band_refl"), ("band_step", "band_step"), ("band_smooth", "band_smooth"),
    *((name, name) for name in (
        "PLeaf", "PNode", "mk_pd", "crossings", "free", "mk_context", "cx_xs", "cx_pos", "cx_slots", "cx_n",
        "cx_max", "R1Remove", "R1Add", "R2Remove", "R2Add", "R3", "Band", "RemoveFree", "mk_pd_cert", "pd_kind",
        "pd_input", "pd_claim", "pd_steps", "pd_step_move", "pd_equiv_refl", "pd_equiv_step", "pd_ribbon_refl",
        "pd_ribbon_step", "pd_ribbon_band", "pd_ribbon_death",
        "mk_pgraph", "pverts", "pedges", "BlowupLeaf", "BlowdownLeaf", "BlowupEdge", "BlowdownEdge", "BlowupPoint",
        "BlowdownPoint", "Absorb", "Split", "mk_plumbing_cert", "pc_a", "pc_b", "pc_steps", "pc_bijection", "pstep",
        "preach_refl", "preach_step")),
)

#: Coq standard-library functions used by Braid.v and what the Lean side uses instead
LIBRARY_TABLE: tuple[tuple[str, str], ...] = (
    ("firstn", "firstn (defined in Braid.lean)"), ("skipn", "skipn (defined)"), ("nth", "nth (defined)"),
    ("last", "last (defined)"), ("removelast", "removelast (defined)"), ("forallb", "forallb (defined)"),
    ("seq", "seq (defined)"), ("repeat", "List.replicate"), ("fold_left", "List.foldl"),
    ("Z", "Int"), ("nat", "Nat"), ("Z.abs", "Int.natAbs (a Nat)"), ("Z.of_nat", "Int.ofNat"),
    ("Z.eqb, Z.leb, Z.ltb", "decide (a = b), decide (0 < a)"), ("Nat.eqb, Nat.leb", "Nat.beq, Nat.ble"),
    ("option, Some, None", "Option, some, none"), ("S n", "n + 1"),
    ("positive, N (PD.v)", "Nat (binary literals in the kernel)"), ("Pos.eqb, Pos.ltb", "Nat.beq, ltb (defined)"),
    ("Pos.max, Pos.min, N.max", "nmax, nmin (defined)"), ("Nat.even, Nat.odd, Bool.eqb", "nat_even, % 2, bool_eqb (defined)"),
    ("existsb, flat_map, nth_error", "existsb, flat_map, nth_error (defined in PD.lean)"),
    ("rev', map, filter, length, app", "List.reverse, List.map, List.filter, List.length, ++"),
)

#: Coq declarations with no Lean counterpart of the same name, and why
COQ_ONLY: dict[str, str] = {
    "in_firstn": "membership helper; Lean proves the invariant on forallb (forallb_firstn)",
    "in_skipn": "membership helper; Lean: forallb_skipn",
    "in_removelast": "membership helper; Lean: forallb_removelast",
    "valid_iff": "membership form of valid_state; Lean works with the Bool directly (valid_mk)",
    "letter_ok_iff": "Z-arithmetic form of letter_ok; Lean: letter_ok_neg, letter_ok_succ, letter_ok_destab",
    "in_skipn_cons": "membership helper; Lean passes skipn i w to the per-move lemmas",
}

#: Lean declarations with no Coq counterpart of the same name, and why
LEAN_ONLY: dict[str, str] = {
    **{name: "Coq standard-library function, defined here for a core-only library"
       for name in ("firstn", "skipn", "nth", "last", "removelast_from", "removelast", "forallb", "seq")},
    "absdiff": "Nat form of Z.abs (Z.abs a - Z.abs b)",
    **{name: "one branch of apply_move, split out so proofs can case on skipn i w"
       for name in ("cancel_at", "insert_at", "commute_at", "braid_at", "rotate_at", "stabilize_at",
                    "destab_ok", "destabilize_at", "smooth_at")},
    **{name: "one step of run (the Coq run inlines it)"
       for name in ("bump", "guard_none", "step_result", "run_step", "run_ok")},
    **{name: "Bool/Nat helper lemma (core Lean only, no library lemma names)"
       for name in ("andb_true_l", "andb_true_r", "andb_true_intro", "add_one_add", "notb_true")},
    "run_step_isotopy": "one step of run_isotopy",
    "run_step_ribbon": "one step of run_ribbon",
    **{name: "forallb form of the Coq membership helpers (Valid.lean)"
       for name in ("forallb_app_intro", "forallb_firstn", "forallb_skipn", "forallb_removelast_from",
                    "forallb_removelast", "forallb_imp", "forallb_imp2", "valid_mk")},
    **{name: "Int.natAbs arithmetic (Valid.lean)"
       for name in ("natAbs_neg_eq", "natAbs_negOfNat_eq", "natAbs_mul_ofNat", "natAbs_sign_mul",
                    "letter_ok_neg", "letter_ok_succ", "letter_ok_destab")},
    **{name: "one case of apply_move_valid (Valid.lean)"
       for name in ("cancel_at_valid", "insert_at_valid", "commute_at_valid", "braid_at_valid",
                    "rotate_at_valid", "stabilize_at_valid", "destabilize_at_valid", "smooth_at_valid",
                    "step_valid")},
    **{name: "evaluation example (Examples.lean)"
       for name in ("square_knot", "ribbon_steps", "all_moves", "all_moves_unknot")},
    **{name: "Coq standard-library function or number operation, defined in PD.lean for a core-only library"
       for name in ("existsb", "flat_map", "nth_error", "ltb", "nmax", "nmin", "nat_even", "bool_eqb")},
    "pfresh": "a fresh trie path; Coq builds it inside pset by recursion on the positive key (Lean: fuel = key)",
    "labels_pos": "labels >= 1: Coq's positive has no 0, Lean's Nat has",
    **{name: "one part of straighten (the Coq function inlines it)"
       for name in ("straighten_parent", "straighten_names", "straighten_rename", "straighten_split")},
    **{name: "one step of run_pd (the Coq run_pd inlines it)"
       for name in ("pd_guard", "pd_result", "run_pd_step", "pd_run_ok")},
    **{name: "case-analysis helper lemma (PD.lean)"
       for name in ("absurd_false_true", "absurd_true_false", "absurd_none_some", "bump_false",
                    "isotopy_not_band", "isotopy_not_death", "is_one_some")},
    **{name: "one step of run_pd_isotopy / run_pd_ribbon"
       for name in ("pd_step_of_isotopy", "run_pd_step_isotopy", "run_pd_step_ribbon")},
    **{name: "chunked checking of long certificates (generated modules)"
       for name in ("run_pd_append", "run_pd_chain", "check_pd_of_run")},
    **{name: "evaluation example (PDExamples.lean)"
       for name in ("kink", "ribbon_6_1", "unknot_monster", "pd_kink_unknot")},
    "plumb_final_ok": "the end-state test of check_plumbing (the Coq check_plumbing inlines the match)",
    "and_true_split": "Bool helper lemma (Plumbing.lean imports nothing, so it does not reuse Braid's)",
    **{name: "evaluation example (PlumbingExamples.lean)"
       for name in ("chain_cert", "hopf_cert", "scrambled_cert", "chain_equiv")},
}

#: Coq theory files and the Lean modules that mirror them (a PD mirror is added next to Braid)
MIRRORED_FILES: dict[str, tuple[str, ...]] = {
    "Braid.v": ("Braid.lean", "Valid.lean", "Examples.lean"),
    "PD.v": ("PD.lean", "PDExamples.lean"),
    "Plumbing.v": ("Plumbing.lean", "PlumbingExamples.lean"),
}


def render_name_table_markdown() -> str:
    """The correspondence table as Markdown (``docs/lean.md`` includes it verbatim)."""
    rows = ["| Coq (`coq/theories/Braid.v`) | Lean (`lean/KnotCert/Braid.lean`, `Valid.lean`) | what |",
            "|---|---|---|"]
    rows += [f"| `{coq}` | `{lean}` | {what} |" for coq, lean, what in BRAID_NAME_TABLE]
    rows += ["", "| Coq (`coq/theories/PD.v`) | Lean (`lean/KnotCert/PD.lean`) | what |", "|---|---|---|"]
    rows += [f"| `{coq}` | `{lean}` | {what} |" for coq, lean, what in PD_NAME_TABLE]
    rows += ["", "| Coq (`coq/theories/Plumbing.v`) | Lean (`lean/KnotCert/Plumbing.lean`, namespace "
             "`KnotCert.Plumbing`) | what |", "|---|---|---|"]
    rows += [f"| `{coq}` | `{lean}` | {what} |" for coq, lean, what in PLUMBING_NAME_TABLE]
    rows += ["", "Constructors and fields keep their Coq spelling: "
             + ", ".join(f"`{lean}`" for _, lean in CONSTRUCTOR_TABLE) + "."]
    rows += ["", "| Coq standard library | Lean |", "|---|---|"]
    rows += [f"| `{coq}` | {lean} |" for coq, lean in LIBRARY_TABLE]
    rows += ["", "Coq-only helpers (membership lemmas; the Lean proofs work on `forallb` instead): "
             + ", ".join(f"`{name}`" for name in COQ_ONLY) + "."]
    return "\n".join(rows) + "\n"
