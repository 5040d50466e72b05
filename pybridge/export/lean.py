"""Render certificates as Lean 4 modules checked by the ``KnotCert`` library (``lean/KnotCert``).

One module ``lean/KnotCertGenerated/Cert_<first 12 hex of sha256>.lean`` per certificate, mirroring
:mod:`pybridge.export.coq`: the certificate as a ``def``, ``cert_check : KnotCert.check cert = true``
proved by ``decide`` (evaluation, re-checked by the kernel), the claim ``cert_claim`` stated concretely
and proved from the library's soundness theorems (:data:`pybridge.export.terms.CLAIMS`), then
``#print axioms cert_claim``.

This module is the Lean printer of the term tree that :func:`pybridge.export.terms.build` makes from
a certificate; the Coq printer prints the same tree, so both kernels see the same certificate.
Certificates are untrusted input and the builder validates them: integers genuine ``int`` values in
range, the hash 64 lowercase hex digits, the module and namespace names from the hash only, every
other name from fixed tables. The only free text written is ``provenance.source``, inside a ``--``
line comment, reduced to ``[A-Za-z0-9_.+-]`` (no newline, so it cannot leave the comment) and
replaced by ``redacted`` when it spells a word the kernel runner's audit forbids. Every name is fully
qualified (``KnotCert.check``), so nothing in a generated module depends on ``open`` or on name
resolution.

Size. Lists are chunked (``def steps_k``, joined with ``++``). A PD certificate of more than one chunk
is checked chunk by chunk: the module writes out the state after every chunk (``state_1``, ...,
replayed here by the trusted Python checker), proves ``run_pd`` on each chunk by ``decide``
(``run_k``), chains the chunks with ``KnotCert.run_pd_chain`` (``reach_k``, ``cert_run``) and concludes
with ``KnotCert.check_pd_of_run``. The intermediate states are hints, not trusted: each one is
re-computed by the kernel, and a wrong one makes its ``decide`` fail. A certificate the Python
checker rejects gets the single ``decide`` (which then fails in Lean, as it must).

This module also holds the Lean/Coq name-correspondence table (:data:`NAME_TABLE`), which
``tests/test_lean.py`` checks against both libraries and ``docs/lean.md`` renders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..certs.io import write_text_atomic
from ..certs.model import Certificate
from ..errors import ExportError
from . import lean_names_braidcycles as _braidcycles
from . import lean_names_braidspec as _braidspec
from . import lean_names_invariants as _invariants
from . import lean_names_pdbandspec as _pdbandspec
from . import lean_names_pdcomponents as _pdcomponents
from . import lean_names_pdinsertspec as _pdinsertspec
from . import lean_names_unknotting as _unknotting
from . import lean_names_pdspec as _pdspec
from . import lean_names_plumbingspec as _plumbingspec
from . import terms
from .coq import module_name
from .terms import App, Def, Join, Lit, Module, Name, Seq, Steps, Tup

LIBRARY = "KnotCert"
#: the certificate calculi the Lean library mirrors (``pybridge export lean`` and ``check --kernel lean``)
LEAN_CALCULI = ("braid", "pd", "plumbing")
#: the Lean library of generated modules (``lakefile.lean``: ``lean_lib KnotCertGenerated``)
GENERATED_LIBRARY = "KnotCertGenerated"
LEAN_KIND = {kind: f"KnotCert.Kind.{name}" for kind, name in terms.KINDS.items()}
#: steps per ``def steps_k`` of a braid module (list literals stay short; chunks are joined with ``++``)
CHUNK = terms.LIBRARIES["braid"].lean_chunk
#: the only ``set_option`` lines a generated module contains (evaluation of long certificates)
SET_OPTIONS = terms.LIBRARIES["braid"].lean_options
PD_SET_OPTIONS = terms.LIBRARIES["pd"].lean_options
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
    return terms.safe_comment_text(value, FORBIDDEN_WORDS)


# -- the printer ----------------------------------------------------------------------------------


def term(node) -> str:
    """A term in Lean syntax (numerals plain, negative ones parenthesised)."""
    if isinstance(node, Lit):
        return f"({node.value})" if node.value < 0 else str(node.value)
    if isinstance(node, Name):
        return node.lean
    if isinstance(node, App):
        return " ".join([node.head.lean] + [term(arg) for arg in node.args])
    if isinstance(node, Tup):
        return "(" + ", ".join(term(item) for item in node.items) + ")"
    if isinstance(node, Seq):
        items = [term(item) for item in node.items]
        if node.layout == "inline" or (node.layout == "rows" and not items):
            return "[" + ", ".join(items) + "]"
        return "[\n  " + ",\n  ".join(items) + "]"
    if isinstance(node, Join):
        return " ++ ".join(node.names + ("[]",))
    raise TypeError(f"not a term: {node!r}")


def definition(node: Def, own_line: bool = False) -> str:
    """``def name : type := value`` (``own_line``: the value on the next line)."""
    space = "\n  " if own_line else " "
    return f"def {node.name} : {node.type.lean} :={space}{term(node.value)}\n"


def decide_theorem(statement: str, options: tuple[str, ...]) -> str:
    """``theorem <statement> := by decide`` with the evaluation limits in front."""
    return "".join(f"{option}\n" for option in options) + f"theorem {statement} := by decide\n"


def ordered_definitions(module: Module) -> list[Def]:
    """The definitions in the library's Lean order, ``cert_steps`` expanded into its chunks."""
    order = module.library.lean_order
    nodes = list(module.definitions)
    if order:
        nodes.sort(key=lambda node: order.index("cert_steps" if isinstance(node, Steps) else node.name))
    out = []
    for node in nodes:
        out += terms.steps_chunks(node, module.library.lean_chunk) if isinstance(node, Steps) else [node]
    return out


def chunked_check(module: Module, names: list[str], boundaries: list) -> list[str]:
    """PD: the states after each chunk, one ``decide`` per chunk, the chain, and ``cert_check``."""
    check, options = module.check, module.library.lean_options
    kind, run, chain = check.kind.lean, f"{LIBRARY}.run_pd", f"{LIBRARY}.run_pd_chain"
    out = []
    for i, (state, _, _) in enumerate(boundaries, 1):
        out += [definition(Def(f"state_{i}", check.state_type, state)), "\n"]
    counts = [(0, 0)] + [(b, d) for _, b, d in boundaries]
    n = len(names)
    for i, name in enumerate(names):
        start = "cert_input" if i == 0 else f"state_{i}"
        (b0, d0), (b1, d1) = counts[i], counts[i + 1]
        out += [decide_theorem(f"run_{i} :\n    {run} {kind} {start} {name} {b0} {d0} = "
                               f"some (state_{i + 1}, {b1}, {d1})", options), "\n"]
    for i in range(1, n):
        before, proof_before = " ++ ".join(names[:i]), "run_0" if i == 1 else f"reach_{i - 1}"
        (b1, d1), (b2, d2) = counts[i], counts[i + 1]
        out += [f"theorem reach_{i} :\n    {run} {kind} cert_input ({before} ++ {names[i]}) 0 0 = "
                f"some (state_{i + 1}, {b2}, {d2}) :=\n"
                f"  {chain} {kind} cert_input ({before}) {names[i]} 0 0 state_{i} {b1} {d1} "
                f"state_{i + 1} {b2} {d2} {proof_before} run_{i}\n", "\n"]
    last, (bn, dn) = "run_0" if n == 1 else f"reach_{n - 1}", counts[n]
    out += [f"theorem cert_run :\n    {run} {kind} cert_input cert_steps 0 0 = some (state_{n}, {bn}, {dn}) :=\n"
            f"  {chain} {kind} cert_input ({' ++ '.join(names)}) [] 0 0 state_{n} {bn} {dn} "
            f"state_{n} {bn} {dn} {last} rfl\n", "\n"]
    out += [decide_theorem(f"cert_valid : {LIBRARY}.validate_pd ({LIBRARY}.PDState.crossings cert_input) = true",
                           options), "\n"]
    out += ["".join(f"{option}\n" for option in options)
            + f"theorem cert_check : {check.checker.lean} cert = true :=\n"
            f"  {LIBRARY}.check_pd_of_run cert state_{n} {bn} {dn} cert_valid (by decide) cert_run (by decide)\n"]
    return out


def chunked_unknotting_check(module: Module, names: list[str], boundaries: list) -> list[str]:
    """Unknotting: as :func:`chunked_check` with ``run_u`` (one count, the crossing changes), ``run_u_chain``
    and ``check_unknotting_of_run`` (``lean/KnotCert/Unknotting.lean``)."""
    check, options = module.check, module.library.lean_options
    run, chain = f"{LIBRARY}.run_u", f"{LIBRARY}.run_u_chain"
    out = []
    for i, (state, _, _) in enumerate(boundaries, 1):
        out += [definition(Def(f"state_{i}", check.state_type, state)), "\n"]
    counts = [0] + [k for _, k, _ in boundaries]
    n = len(names)
    for i, name in enumerate(names):
        start = "cert_input" if i == 0 else f"state_{i}"
        out += [decide_theorem(f"run_{i} :\n    {run} {start} {name} {counts[i]} = some (state_{i + 1}, {counts[i + 1]})",
                               options), "\n"]
    for i in range(1, n):
        before, proof_before = " ++ ".join(names[:i]), "run_0" if i == 1 else f"reach_{i - 1}"
        out += [f"theorem reach_{i} :\n    {run} cert_input ({before} ++ {names[i]}) 0 = some (state_{i + 1}, {counts[i + 1]}) :=\n"
                f"  {chain} cert_input ({before}) {names[i]} 0 state_{i} {counts[i]} state_{i + 1} {counts[i + 1]} "
                f"{proof_before} run_{i}\n", "\n"]
    last, kn = "run_0" if n == 1 else f"reach_{n - 1}", counts[n]
    out += [f"theorem cert_run :\n    {run} cert_input cert_steps 0 = some (state_{n}, {kn}) :=\n"
            f"  {chain} cert_input ({' ++ '.join(names)}) [] 0 state_{n} {kn} state_{n} {kn} {last} rfl\n", "\n"]
    out += [decide_theorem(f"cert_valid : {LIBRARY}.validate_pd ({LIBRARY}.PDState.crossings cert_input) = true",
                           options), "\n"]
    out += ["".join(f"{option}\n" for option in options)
            + f"theorem cert_check : {check.checker.lean} cert = true :=\n"
            f"  {LIBRARY}.check_unknotting_of_run cert state_{n} {kn} cert_valid cert_run (by decide)\n"]
    return out


def check_proof(module: Module, definitions: list[Def]) -> list[str]:
    """``cert_check``: one ``decide``, or chunk by chunk when the check carries replay hints."""
    names = [node.name for node in definitions if node.name.startswith("steps_")]
    chunk, replay = module.library.lean_chunk, module.check.replay
    boundaries = replay(chunk) if replay is not None and len(names) > 1 else None
    if boundaries is not None and module.kind == "unknotting":
        return chunked_unknotting_check(module, names, boundaries)
    if boundaries is not None:
        return chunked_check(module, names, boundaries)
    return [decide_theorem(f"cert_check : {module.check.checker.lean} cert = true", module.library.lean_options)]


def print_lean(module: Module, namespace: str, source_text: str | None = None) -> str:
    """The Lean module of ``module`` in ``namespace`` (``source_text``: the comment's source, else
    reduced from the module's)."""
    library = module.library
    text = safe_comment_text(module.source) if source_text is None else source_text
    imports = (library.lean,) + terms.CLAIM_LIBRARIES.get((module.calculus, "lean"), ())
    out = [
        f"-- pybridge certificate {module.digest}\n",
        f"-- generated by pybridge.export.lean; {module.tags}source {text}\n",
        *(f"import {name}\n" for name in imports),
        "\n",
        f"namespace {namespace}\n",
        "\n",
    ]
    definitions = ordered_definitions(module)
    for node in definitions:
        out.append(definition(node, own_line=not library.compact and node.name == "cert"))
        out += [] if library.compact else ["\n"]
    out += ["\n"] if library.compact else []
    out += check_proof(module, definitions)
    out += [
        "\n",
        f"theorem cert_claim :\n    {module.statement.lean} :=\n",
        f"  {module.proof.lean}\n",
        "\n",
        "#print axioms cert_claim\n",
        "\n",
        f"end {namespace}\n",
    ]
    return "".join(out)


# -- the public functions -------------------------------------------------------------------------


def render_lean(cert: Certificate) -> str:
    """The Lean 4 module proving ``cert``'s claim; raise :class:`ExportError` if it cannot be rendered safely."""
    namespace = qualified_module(cert)
    return print_lean(terms.build(cert), namespace)


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
    ("labels_twice", "labels_twice", "every label occurs exactly twice (witness of an insertion)"),
    ("crossing_eqb", "crossing_eqb", "equality of crossings"),
    ("crossings_eqb", "crossings_eqb", "equality of crossing lists"),
    ("pd_state_eqb", "pd_state_eqb", "equality of PD states"),
    ("undo_r1", "undo_r1", "an added curl with its witness (R1 removal gives the state back)"),
    ("undo_r2", "undo_r2", "an added bigon with its witness (R2 removal gives the state back)"),
    ("keep_labelled", "keep_labelled", "a band result with its witness (labels twice)"),
    ("tail_of", "tail_of", "the tail slot of an oriented edge"),
    ("heads_at", "heads_at", "the slot is the head (incoming) end of its edge"),
    ("oriented_at", "oriented_at", "crossing `k` is consistently oriented (band witness)"),
    ("oriented_by", "oriented_by", "every crossing is consistently oriented (band witness)"),
    ("real_slot", "real_slot", "the slot is a position of an existing crossing"),
    ("along_b", "along_b", "one step of a face walk, as a test"),
    ("walk_b", "walk_b", "a face walk, as a test"),
    ("upto", "upto", "the corners of a list up to the first one equal to a slot"),
    ("distinct_b", "distinct_b", "pairwise different labels, as a test"),
    ("fresh_b", "fresh_b", "labels absent from the code and pairwise different"),
    ("kept_ok", "kept_ok", "crossing `i` of a band result: the old one with the two head labels replaced"),
    ("band_witness", "band_witness", "a band result with its witness: the picture of `PDBandSpec.SpecBand`"),
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
    ("xorb", "xorb (defined in PD.lean)"),
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
       for name in ("existsb", "flat_map", "nth_error", "ltb", "nmax", "nmin", "nat_even", "bool_eqb", "xorb")},
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
    "Braid.v": ("Braid.lean", "Examples.lean"),
    "BraidValid.v": ("Valid.lean",),
    "PD.v": ("PD.lean", "PDExamples.lean"),
    "Plumbing.v": ("Plumbing.lean", "PlumbingExamples.lean"),
}


@dataclass(frozen=True)
class SpecMirror:
    """The Lean mirror of one textbook-specification module of ``coq/theories`` (issue 17)."""

    coq_file: str
    lean_files: tuple[str, ...]
    names: tuple[tuple[str, str, str], ...]
    constructors: tuple[tuple[str, str], ...]
    coq_only: dict[str, str]
    lean_only: dict[str, str]


SPEC_MIRRORS: tuple[SpecMirror, ...] = (
    SpecMirror("BraidSpec.v", ("BraidSpec.lean",), _braidspec.BRAIDSPEC_NAME_TABLE, _braidspec.BRAIDSPEC_CONSTRUCTORS,
               {name: why for name, why in _braidspec.BRAIDSPEC_COQ_ONLY.items()
                if name not in _braidspec.BRAIDSPEC_COQ_TACTICS},
               _braidspec.BRAIDSPEC_LEAN_ONLY),
    SpecMirror("BraidCycles.v", ("BraidCycles.lean",), _braidcycles.BRAIDCYCLES_NAME_TABLE,
               _braidcycles.BRAIDCYCLES_CONSTRUCTORS,
               {name: why for name, why in _braidcycles.BRAIDCYCLES_COQ_ONLY.items()
                if name not in _braidcycles.BRAIDCYCLES_COQ_TACTICS},
               _braidcycles.BRAIDCYCLES_LEAN_ONLY),
    SpecMirror("PDSpec.v", ("PDSpec.lean",), _pdspec.PDSPEC_NAME_TABLE, _pdspec.PDSPEC_CONSTRUCTORS,
               {name: why for name, why in _pdspec.PDSPEC_COQ_ONLY.items() if name not in _pdspec.PDSPEC_COQ_TACTICS},
               _pdspec.PDSPEC_LEAN_ONLY),
    SpecMirror("PDInsertSpec.v", ("PDInsertSpec.lean",), _pdinsertspec.PDINSERTSPEC_NAME_TABLE,
               _pdinsertspec.PDINSERTSPEC_CONSTRUCTORS,
               {name: why for name, why in _pdinsertspec.PDINSERTSPEC_COQ_ONLY.items()
                if name not in _pdinsertspec.PDINSERTSPEC_COQ_TACTICS},
               _pdinsertspec.PDINSERTSPEC_LEAN_ONLY),
    SpecMirror("PDBandSpec.v", ("PDBandSpec.lean",), _pdbandspec.PDBANDSPEC_NAME_TABLE,
               _pdbandspec.PDBANDSPEC_CONSTRUCTORS,
               {name: why for name, why in _pdbandspec.PDBANDSPEC_COQ_ONLY.items()
                if name not in _pdbandspec.PDBANDSPEC_COQ_TACTICS},
               _pdbandspec.PDBANDSPEC_LEAN_ONLY),
    SpecMirror("PDComponents.v", ("PDComponents.lean",), _pdcomponents.PDCOMPONENTS_NAME_TABLE,
               _pdcomponents.PDCOMPONENTS_CONSTRUCTORS, _pdcomponents.PDCOMPONENTS_COQ_ONLY,
               _pdcomponents.PDCOMPONENTS_LEAN_ONLY),
    SpecMirror("Unknotting.v", ("Unknotting.lean",), _unknotting.UNKNOTTING_NAME_TABLE,
               _unknotting.UNKNOTTING_CONSTRUCTORS, _unknotting.UNKNOTTING_COQ_ONLY, _unknotting.UNKNOTTING_LEAN_ONLY),
    SpecMirror("UnknottingSpec.v", ("UnknottingSpec.lean",), _unknotting.UNKNOTTINGSPEC_NAME_TABLE,
               _unknotting.UNKNOTTINGSPEC_CONSTRUCTORS, _unknotting.UNKNOTTINGSPEC_COQ_ONLY,
               _unknotting.UNKNOTTINGSPEC_LEAN_ONLY),
    SpecMirror("PlumbingSpec.v", ("PlumbingSpec.lean",), _plumbingspec.PLUMBINGSPEC_NAME_TABLE,
               _plumbingspec.PLUMBINGSPEC_CONSTRUCTORS, _plumbingspec.PLUMBINGSPEC_COQ_ONLY,
               _plumbingspec.PLUMBINGSPEC_LEAN_ONLY),
    SpecMirror("Invariants.v", ("Invariants.lean",), _invariants.INVARIANTS_NAME_TABLE,
               _invariants.INVARIANTS_CONSTRUCTORS, _invariants.INVARIANTS_COQ_ONLY, _invariants.INVARIANTS_LEAN_ONLY),
)
for _mirror in SPEC_MIRRORS:
    NAME_TABLE += _mirror.names
    CONSTRUCTOR_TABLE += _mirror.constructors
    COQ_ONLY.update(_mirror.coq_only)
    LEAN_ONLY.update(_mirror.lean_only)
    MIRRORED_FILES[_mirror.coq_file] = _mirror.lean_files


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
    for mirror in SPEC_MIRRORS:
        lean_files = ", ".join(f"`lean/KnotCert/{name}`" for name in mirror.lean_files)
        rows += ["", f"| Coq (`coq/theories/{mirror.coq_file}`) | Lean ({lean_files}) | what |", "|---|---|---|"]
        rows += [f"| `{coq}` | `{lean}` | {what} |" for coq, lean, what in mirror.names]
    rows += ["", "Constructors and fields keep their Coq spelling: "
             + ", ".join(f"`{lean}`" for _, lean in CONSTRUCTOR_TABLE) + "."]
    rows += ["", "| Coq standard library | Lean |", "|---|---|"]
    rows += [f"| `{coq}` | {lean} |" for coq, lean in LIBRARY_TABLE]
    rows += ["", "Coq-only helpers (membership lemmas, proof helpers; the Lean proofs work differently): "
             + ", ".join(f"`{name}`" for name in COQ_ONLY) + "."]
    return "\n".join(rows) + "\n"
