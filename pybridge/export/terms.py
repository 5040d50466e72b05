"""One term tree per certificate, printed as Coq (:mod:`.coq`) or as Lean 4 (:mod:`.lean`).

:func:`build` validates a certificate (untrusted input) and returns a :class:`Module`: the
definitions of the generated file (the input, the move list, the certificate term), the check lemma
and the claim theorem. The two printers walk the same tree, so the Coq and the Lean kernels always
see the same certificate, literal for literal, and the same claim (:data:`CLAIMS`, one table for
both languages).

Validation happens here, once: every integer must be a genuine ``int`` (not a bool) in range, the
hash 64 lowercase hex digits, move names come from fixed tables, and the only free text,
``provenance.source``, is kept raw for the printers to reduce to ``[A-Za-z0-9_.+-]`` inside a comment.

Layout. Whatever differs between the files of two calculi is data in :data:`LIBRARIES` (imports,
the scope a Coq file opens, Lean's chunk size and evaluation limits, and the ``compact`` layout of
plumbing files); the printers contain no per-calculus code beyond the chunked ``decide`` proof that
only Lean's PD library supports. Two node attributes are layout only, kept so that the committed
Lean modules stay byte for byte the same: :attr:`App.wrap` (Coq writes a plumbing graph's edge list
on its own line) and the ``rows`` layout of :class:`Seq` (Lean writes an empty PD state as ``[]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Union

from ..certs import pd_checker
from ..certs.model import Certificate
from ..errors import ExportError

# -- limits and fixed tables ----------------------------------------------------------------------

MAX_INT = 2**31 - 1
#: strands and braid claims are unary ``nat`` in Coq: larger values are refused rather than rendered
MAX_STRANDS = 5000
#: at most this many input crossings and free components (unary ``nat`` counts in Coq)
MAX_PD_CROSSINGS = 20000
MAX_PD_FREE = 5000
#: a side outside ``0..MAX_PD_SIDE`` is refused (it is illegal anyway); small illegal sides are rendered
MAX_PD_SIDE = 9
#: crossings a single step can add (``band`` with ``|t| = 10``): bounds every reachable crossing index
MAX_PD_GROWTH = 20
#: plumbing vertex ids and weights
MAX_ID = 100_000
MAX_WEIGHT = 10**6

KINDS = {"unknot": "Unknot", "unlink": "Unlink", "ribbon": "Ribbon"}
CLAIM_KEY = {"unknot": "components", "unlink": "components", "ribbon": "bands"}
#: braid move name -> (constructor, kind of each argument: "nat" (a position) or "Z")
BRAID_MOVES = {
    "cancel": ("Cancel", ("nat",)),
    "insert": ("Insert", ("nat", "Z")),
    "commute": ("Commute", ("nat",)),
    "braid": ("Braid", ("nat",)),
    "rotate": ("Rotate", ("nat",)),
    "stabilize": ("Stabilize", ("Z",)),
    "destabilize": ("Destabilize", ()),
    "smooth": ("Smooth", ("nat",)),
}
#: PD move name -> (constructor, kind of each argument): "label" (``positive``), "index" (a crossing
#: index, ``nat``), "side" (``nat``) or "Z"
PD_MOVES = {
    "r1_remove": ("R1Remove", ("index",)),
    "r1_add": ("R1Add", ("label", "side", "Z")),
    "r2_remove": ("R2Remove", ("index", "index")),
    "r2_add": ("R2Add", ("label", "label", "side")),
    "r3": ("R3", ("label", "side")),
    "band": ("Band", ("label", "label", "side", "Z")),
    "remove_free": ("RemoveFree", ()),
}
#: unknotting step name -> (constructor of ``u_move`` in ``coq/theories/Unknotting.v``, argument kinds as in
#: :data:`PD_MOVES`); bands and deaths have no constructor there
UNKNOTTING_MOVES = {
    "r1_remove": ("UR1Remove", ("index",)),
    "r1_add": ("UR1Add", ("label", "side", "Z")),
    "r2_remove": ("UR2Remove", ("index", "index")),
    "r2_add": ("UR2Add", ("label", "label", "side")),
    "r3": ("UR3", ("label", "side")),
    "crossing_change": ("CrossingChange", ("index",)),
}
#: plumbing move name -> (constructor, argument kinds: "id" (nat), "Z"); ``split`` (id, Z, then a list
#: of ids) is handled apart
PLUMBING_MOVES = {
    "blowup_leaf": ("BlowupLeaf", ("id", "Z")),
    "blowdown_leaf": ("BlowdownLeaf", ("id",)),
    "blowup_edge": ("BlowupEdge", ("id", "id", "Z")),
    "blowdown_edge": ("BlowdownEdge", ("id",)),
    "blowup_point": ("BlowupPoint", ("Z",)),
    "blowdown_point": ("BlowdownPoint", ("id",)),
    "absorb": ("Absorb", ("id",)),
}

SAFE_TEXT = re.compile(r"[^A-Za-z0-9_.+-]")
HEX64 = re.compile(r"[0-9a-f]{64}")

# -- the claim each certificate proves: ONE table for both languages --------------------------------

#: (calculus, kind, language) -> (statement of ``cert_claim``, its proof term). ``{c}`` is the claim
#: (components or bands), ``{c1}`` the claim plus one. A statement that begins with a line break
#: starts on the line after ``cert_claim :``.
CLAIMS: dict[tuple[str, str, str], tuple[str, str]] = {
    # braid calculus -- Coq: BraidSpec.v (Artin's presentation, Markov equivalence, smoothings)
    ("braid", "unknot", "coq"): ("is_braid cert_input /\\ MarkovEquiv cert_input (trivial 1)",
                                 "check_spec_unknot cert cert_check eq_refl"),
    ("braid", "unlink", "coq"): ("is_braid cert_input /\\ MarkovEquiv cert_input (trivial {c})",
                                 "check_spec_unlink cert cert_check ltac:(discriminate)"),
    ("braid", "ribbon", "coq"): ("is_braid cert_input /\\ RibbonChain {c} cert_input (trivial {c1}) "
                                 "/\\ components cert_input = 1%nat",
                                 "check_spec_ribbon cert cert_check eq_refl"),
    # braid calculus -- Lean: Braid.lean's soundness theorems
    ("braid", "unknot", "lean"): ("KnotCert.Equiv cert_input (KnotCert.trivial 1)",
                                  "KnotCert.check_sound_unknot cert cert_check rfl"),
    ("braid", "unlink", "lean"): ("KnotCert.Equiv cert_input (KnotCert.trivial {c})",
                                  "KnotCert.check_sound_unlink cert cert_check "
                                  "(by first | decide | (intro h; cases h))"),
    ("braid", "ribbon", "lean"): ("And (KnotCert.BandReach {c} cert_input (KnotCert.trivial {c1}))\n"
                                  "      (KnotCert.components cert_input = 1)",
                                  "KnotCert.check_sound_ribbon cert cert_check rfl"),
    # planar-diagram calculus -- Coq: PDSpec.v / PDInsertSpec.v / PDBandSpec.v (moves and bands from the pictures)
    # (PDComponents.v: the number of components, kept by every isotopy move)
    ("pd", "unknot", "coq"): ("SpecEquiv cert_input (pd_trivial 1) /\\ Components cert_input 1",
                              "conj (pd_spec_unknot cert cert_check eq_refl) "
                              "(pd_unlink_components cert cert_check ltac:(discriminate))"),
    ("pd", "unlink", "coq"): ("SpecEquiv cert_input (pd_trivial {c}) /\\ Components cert_input {c}",
                              "conj (pd_spec_unlink cert cert_check ltac:(discriminate)) "
                              "(pd_unlink_components cert cert_check ltac:(discriminate))"),
    ("pd", "ribbon", "coq"): ("(exists f d : nat, SpecRibbonMovie {c} d cert_input (pd_trivial f) /\\ "
                              "(f + d = {c1})%nat /\\ link_components cert_input = Some 1%nat) /\\ "
                              "Components cert_input 1",
                              "conj (pd_ribbon_movie cert cert_check eq_refl) "
                              "(strands_connected_components cert_input ltac:(vm_compute; reflexivity))"),
    # planar-diagram calculus -- Lean: PD.lean
    ("pd", "unknot", "lean"): ("KnotCert.PDEquiv cert_input (KnotCert.pd_trivial 1)",
                               "KnotCert.check_pd_sound_unknot cert cert_check rfl"),
    ("pd", "unlink", "lean"): ("KnotCert.PDEquiv cert_input (KnotCert.pd_trivial {c})",
                               "KnotCert.check_pd_sound_unlink cert cert_check "
                               "(by first | decide | (intro h; cases h))"),
    ("pd", "ribbon", "lean"): ("Exists (fun (f : Nat) => Exists (fun (d : Nat) =>\n"
                               "      And (KnotCert.PDRibbonReach {c} d cert_input (KnotCert.pd_trivial f))\n"
                               "        (And (f + d = {c1}) (KnotCert.link_components cert_input = some 1))))",
                               "KnotCert.check_pd_sound_ribbon cert cert_check rfl"),
    # unknotting certificates (PD moves plus crossing changes) -- Coq: UnknottingSpec.v; Lean: Unknotting.lean
    ("pd", "unknotting", "coq"): ("SpecUnknotting {c} cert_input (pd_trivial 1)",
                                  "unknotting_spec_sound cert cert_check"),
    ("pd", "unknotting", "lean"): ("KnotCert.UReach {c} cert_input (KnotCert.pd_trivial 1)",
                                   "KnotCert.check_unknotting_sound cert cert_check"),
    # plumbing calculus -- Coq: PlumbingSpec.v (Neumann's moves on weighted forests);
    # Lean: Plumbing.lean's soundness theorem (namespace KnotCert.Plumbing)
    ("plumbing", "plumbing-equivalence", "coq"): (
        "\n  WForest graph_a /\\ WForest graph_b /\\ NeumannEquiv graph_a graph_b",
        "check_plumbing_spec cert cert_check"),
    ("plumbing", "plumbing-equivalence", "lean"): (
        "And (KnotCert.Plumbing.valid_forest graph_a = true)\n"
        "      (And (KnotCert.Plumbing.valid_forest graph_b = true) (KnotCert.Plumbing.PEquiv graph_a graph_b))",
        "KnotCert.Plumbing.check_plumbing_sound cert cert_check"),
}
#: (calculus, language) -> library modules the claims above need besides the calculus's own
CLAIM_LIBRARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("braid", "coq"): ("KnotCert.BraidSpec",),
    ("pd", "coq"): ("KnotCert.PDSpec", "KnotCert.PDInsertSpec", "KnotCert.PDBandSpec", "KnotCert.PDComponents"),
    ("plumbing", "coq"): ("KnotCert.PlumbingSpec",),
}


@dataclass(frozen=True)
class Library:
    """What the generated files of one calculus import, and how they are laid out."""

    coq: str  #: the Coq library module (``Require Import``)
    lean: str  #: the Lean library module (``import``)
    coq_scope: str | None  #: the scope the Coq file opens (``Z``, ``positive``); literals are spelled for it
    lean_chunk: int | None  #: moves per Lean ``steps_k`` (``None``: one list); Coq uses :data:`COQ_CHUNK`
    lean_options: tuple[str, ...]  #: the ``set_option`` lines in front of every Lean ``decide``
    #: no blank lines between definitions (Coq and Lean) and Lean's ``cert`` value on the ``def`` line
    compact: bool = False
    #: the order of the definitions in Lean, when it is not the tree's
    lean_order: tuple[str, ...] = ()


#: moves per Coq ``Definition steps_k`` (long list literals are slow to parse; chunks joined with ``++``)
COQ_CHUNK = 500
#: per calculus; ``compact`` and ``lean_order`` only keep the committed plumbing modules byte for byte
LIBRARIES = {
    "braid": Library(coq="KnotCert.Braid", lean="KnotCert.Braid", coq_scope="Z", lean_chunk=100,
                     lean_options=("set_option maxRecDepth 10000 in", "set_option maxHeartbeats 4000000 in")),
    "pd": Library(coq="KnotCert.PD", lean="KnotCert.PD", coq_scope="positive", lean_chunk=10,
                  lean_options=("set_option maxRecDepth 20000 in", "set_option maxHeartbeats 0 in")),
    # unknotting certificates are PD-calculus certificates checked by KnotCert.Unknotting (Coq: and its spec)
    "unknotting": Library(coq="KnotCert.Unknotting KnotCert.UnknottingSpec", lean="KnotCert.Unknotting",
                          coq_scope="positive", lean_chunk=10,
                          lean_options=("set_option maxRecDepth 20000 in", "set_option maxHeartbeats 0 in")),
    "plumbing": Library(coq="KnotCert.Plumbing", lean="KnotCert.Plumbing", coq_scope=None, lean_chunk=None,
                        lean_options=("set_option maxRecDepth 20000 in", "set_option maxHeartbeats 0 in"),
                        compact=True, lean_order=("graph_a", "graph_b", "cert_steps", "cert_bijection", "cert")),
}

# -- the nodes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    """An integer literal: ``num`` (a plain numeral), ``nat`` (Coq: binary from 32 on) or ``Z``."""

    value: int
    sort: str


@dataclass(frozen=True)
class Name:
    """A name of the library (or a local definition), spelled for each language."""

    coq: str
    lean: str


@dataclass(frozen=True)
class App:
    """``head arg ...``; ``wrap``: Coq puts each argument after the first on its own line."""

    head: Name
    args: tuple = ()
    wrap: bool = False


@dataclass(frozen=True)
class Tup:
    """``(a, b, ...)``."""

    items: tuple


@dataclass(frozen=True)
class Seq:
    """A list literal: ``inline``, or one item per line (``moves``; ``rows``: Lean writes ``[]`` when empty)."""

    items: tuple
    layout: str = "inline"


@dataclass(frozen=True)
class Join:
    """``a ++ b ++ []``: the concatenation of the named lists."""

    names: tuple[str, ...]


Term = Union[Lit, Name, App, Tup, Seq, Join]


@dataclass(frozen=True)
class Def:
    """``name : type := value``."""

    name: str
    type: Name
    value: Term


@dataclass(frozen=True)
class Steps:
    """The move list ``cert_steps``: printed as ``steps_k`` chunks (per language) joined with ``++``."""

    type: Name
    moves: tuple


@dataclass(frozen=True)
class Check:
    """``cert_check : checker cert = true``, by kernel evaluation.

    ``replay`` (PD only) gives, for a chunk size, the state after each chunk as ``(term, bands,
    deaths)`` computed by the trusted Python checker, or ``None`` when it rejects; Lean uses these
    states as hints for a chunked proof (each one is re-computed by its kernel), Coq ignores them.
    """

    checker: Name
    kind: Name | None = None
    state_type: Name | None = None
    replay: Callable[[int], list | None] | None = None


@dataclass(frozen=True)
class Module:
    """One generated file: header fields, definitions, the check lemma and the claim theorem."""

    digest: str
    calculus: str
    kind: str
    source: object  #: raw ``provenance.source`` (untrusted: each printer reduces it for its comment)
    library: Library
    definitions: tuple
    check: Check
    statement: Name
    proof: Name

    @property
    def tags(self) -> str:
        """``kind K; `` (braid) or ``kind K; calculus C; `` for the header comment."""
        return f"kind {self.kind}; " + ("" if self.calculus == "braid" else f"calculus {self.calculus}; ")


# -- validation -----------------------------------------------------------------------------------


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


def checked_list(value, where: str) -> list:
    """``value`` as a list, if it is a list or tuple."""
    if not isinstance(value, (list, tuple)):
        raise ExportError(f"{where}: expected a list")
    return list(value)


def checked_pairs(value, where: str) -> list:
    """A list of 2-element lists or tuples."""
    value = checked_list(value, where)
    for k, item in enumerate(value):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ExportError(f"{where}[{k}]: expected a pair")
    return value


def safe_comment_text(value, forbidden: tuple[str, ...]) -> str:
    """Free text reduced to ``[A-Za-z0-9_.+-]`` (max 64 chars), ``redacted`` if it spells a forbidden word."""
    text = SAFE_TEXT.sub("_", str(value))[:64]
    lowered = text.lower()
    if any(word.strip().lower() in lowered for word in forbidden):
        return "redacted"
    return text


def checked_claim(cert: Certificate, high: int) -> int:
    """The claim's one integer (components or bands), in ``1..high``."""
    key = CLAIM_KEY[cert.kind]
    if not isinstance(cert.claim, dict) or set(cert.claim) != {key}:
        raise ExportError(f"claim: expected {{{key}}}")
    return checked_int(cert.claim[key], f"claim.{key}", 1, high)


def checked_step(step, index: int, table: dict) -> tuple[str, str, list]:
    """``(name, constructor, arguments)`` of one move whose name is in ``table``, argument count checked."""
    where = f"steps[{index}]"
    if not isinstance(step, (list, tuple)) or not step or step[0] not in table:
        raise ExportError(f"{where}: unknown move")
    constructor, arg_types = table[step[0]]
    args = list(step[1:])
    if len(args) != len(arg_types):
        raise ExportError(f"{where}: {step[0]} takes {len(arg_types)} argument(s), got {len(args)}")
    return step[0], constructor, args


# -- names ----------------------------------------------------------------------------------------


def same(name: str) -> Name:
    """A local name (``cert_input``, ``steps_0``): the same in both languages."""
    return Name(name, name)


def lib(coq: str, lean: str) -> Name:
    """A library name: ``coq`` in Coq, ``lean`` (written in full) in Lean."""
    return Name(coq, lean)


def ctor(lean_type: str, constructor: str) -> Name:
    """A constructor: its bare name in Coq, ``<Lean type>.<name>`` in Lean."""
    return Name(constructor, f"{lean_type}.{constructor}")


def list_of(element: Name) -> Name:
    """``list T`` / ``List T``."""
    return Name(f"list {element.coq}", f"List {element.lean}")


def kind_name(kind: str) -> Name:
    """``Unknot`` / ``KnotCert.Kind.Unknot``."""
    return ctor("KnotCert.Kind", KINDS[kind])


def claim_names(calculus: str, kind: str, claim: int | None = None) -> tuple[Name, Name]:
    """The statement and proof of ``cert_claim`` from :data:`CLAIMS`, for both languages."""
    fill = {"c": claim, "c1": None if claim is None else claim + 1}
    coq, lean = CLAIMS[calculus, kind, "coq"], CLAIMS[calculus, kind, "lean"]
    return (Name(coq[0].format(**fill), lean[0].format(**fill)), Name(coq[1].format(**fill), lean[1].format(**fill)))


def provenance_source(cert: Certificate) -> object:
    """``provenance.source`` as it is (untrusted), ``""`` if absent."""
    return cert.provenance.get("source", "") if isinstance(cert.provenance, dict) else ""


# -- builders -------------------------------------------------------------------------------------


def build(cert: Certificate) -> Module:
    """The validated term tree of ``cert``; :class:`ExportError` if it cannot be rendered safely."""
    digest = checked_hash(cert)
    if cert.calculus == "plumbing":
        return build_plumbing(cert, digest)
    if cert.kind == "unknotting" and cert.calculus == "pd":
        return build_unknotting(cert, digest)
    if cert.kind in KINDS and cert.calculus == "pd":
        return build_pd(cert, digest)
    if cert.kind not in KINDS or cert.calculus != "braid":
        raise ExportError("kind/calculus: not a braid- or PD-calculus unknot, unlink or ribbon certificate, "
                          "nor a plumbing-equivalence certificate")
    return build_braid(cert, digest)


# braid calculus (docs/certificates.md §3; coq/theories/Braid.v, lean/KnotCert/Braid.lean)

BRAID_MOVE = lib("move", "KnotCert.Move")


def braid_word(word, where: str) -> Seq:
    """The letters of a braid word, as ``Z`` literals."""
    word = checked_list(word, where)
    return Seq(tuple(Lit(checked_int(g, f"{where}[{k}]"), "Z") for k, g in enumerate(word)))


def braid_step(step, index: int, max_position: int) -> App:
    """One braid move. A position outside ``0..max_position`` can never be legal (no word ever gets
    longer), so such a certificate is refused instead of rendered."""
    name, constructor, args = checked_step(step, index, BRAID_MOVES)
    terms = []
    for k, (arg, arg_type) in enumerate(zip(args, BRAID_MOVES[name][1])):
        bounds = (0, max_position) if arg_type == "nat" else ()
        terms.append(Lit(checked_int(arg, f"steps[{index}][{k + 1}]", *bounds), arg_type))
    return App(ctor("KnotCert.Move", constructor), tuple(terms))


def braid_steps(steps, word_length: int) -> Steps:
    """The move list; positions are bounded by the longest word the moves can make."""
    steps = checked_list(steps, "steps")
    max_position = word_length + 2 * len(steps)
    return Steps(BRAID_MOVE, tuple(braid_step(step, k, max_position) for k, step in enumerate(steps)))


def build_braid(cert: Certificate, digest: str) -> Module:
    """``cert_input : state := mk_state n w``, the moves and ``cert := mk_cert Kind cert_input k cert_steps``."""
    if not isinstance(cert.input, dict) or set(cert.input) != {"strands", "word"}:
        raise ExportError("input: expected {strands, word}")
    strands = checked_int(cert.input["strands"], "input.strands", 1, MAX_STRANDS)
    word = braid_word(cert.input["word"], "input.word")
    claim = checked_claim(cert, MAX_STRANDS)
    steps = braid_steps(cert.steps, len(word.items))
    state = App(ctor("KnotCert.State", "mk_state"), (Lit(strands, "num"), word))
    term = App(ctor("KnotCert.Cert", "mk_cert"),
               (kind_name(cert.kind), same("cert_input"), Lit(claim, "num"), same("cert_steps")))
    definitions = (steps, Def("cert_input", lib("state", "KnotCert.State"), state),
                   Def("cert", lib("cert", "KnotCert.Cert"), term))
    statement, proof = claim_names("braid", cert.kind, claim)
    return Module(digest, "braid", cert.kind, provenance_source(cert), LIBRARIES["braid"], definitions,
                  Check(lib("check", "KnotCert.check")), statement, proof)


# planar-diagram calculus (docs/certificates.md §4; coq/theories/PD.v, lean/KnotCert/PD.lean)

PD_STATE = lib("pd_state", "KnotCert.PDState")
PD_BOUNDS = {"label": (1, MAX_INT), "side": (0, MAX_PD_SIDE), "Z": ()}
PD_SORT = {"label": "num", "index": "nat", "side": "num", "Z": "Z"}


def pd_step(step, index: int, max_index: int) -> App:
    """One PD move. Labels must be positive, crossing indices in ``0..max_index`` and sides in
    ``0..MAX_PD_SIDE`` (anything else can never be legal, so the certificate is refused)."""
    name, constructor, args = checked_step(step, index, PD_MOVES)
    bounds = dict(PD_BOUNDS, index=(0, max_index))
    terms = tuple(Lit(checked_int(arg, f"steps[{index}][{k + 1}]", *bounds[t]), PD_SORT[t])
                  for k, (arg, t) in enumerate(zip(args, PD_MOVES[name][1])))
    return App(ctor("KnotCert.PDMove", constructor), terms)


def pd_steps(steps, crossings: int) -> Steps:
    """The move list; crossing indices are bounded by the most crossings the moves can make."""
    steps = checked_list(steps, "steps")
    max_index = crossings + MAX_PD_GROWTH * len(steps)
    return Steps(lib("pd_move", "KnotCert.PDMove"), tuple(pd_step(step, k, max_index) for k, step in enumerate(steps)))


def checked_pd_input(value) -> tuple[list[tuple[int, int, int, int]], int]:
    """The input crossings (validated labels) and the number of free components."""
    if not isinstance(value, dict) or set(value) != {"pd", "free"}:
        raise ExportError("input: expected {pd, free}")
    pd = value["pd"]
    if not isinstance(pd, (list, tuple)) or len(pd) > MAX_PD_CROSSINGS:
        raise ExportError(f"input.pd: expected a list of at most {MAX_PD_CROSSINGS} crossings")
    crossings = []
    for i, crossing in enumerate(pd):
        if not isinstance(crossing, (list, tuple)) or len(crossing) != 4:
            raise ExportError(f"input.pd[{i}]: expected 4 edge labels")
        crossings.append(tuple(checked_int(x, f"input.pd[{i}][{p}]", 1, MAX_INT) for p, x in enumerate(crossing)))
    return crossings, checked_int(value["free"], "input.free", 0, MAX_PD_FREE)


def pd_state(crossings, free: int, where: str = "state") -> App:
    """``mk_pd [(a, b, c, d); ...] free``, one crossing per row (labels checked again)."""
    rows = tuple(Tup(tuple(Lit(checked_int(x, f"{where} label", 1, MAX_INT), "num") for x in c)) for c in crossings)
    return App(ctor("KnotCert.PDState", "mk_pd"), (Seq(rows, "rows"), Lit(free, "nat")))


def pd_replay(cert: Certificate, crossings, free: int, every: int) -> list[tuple[tuple, int, int, int]] | None:
    """``[(crossings, free, bands, deaths)]`` after every ``every`` steps (and the last), by the trusted
    checker; ``None`` if it rejects."""
    state = pd_checker.PDDiagram(tuple(crossings), free)
    bands = deaths = 0
    boundaries = []
    try:
        pd_checker.validate_pd(state.crossings)
        for k, move in enumerate(cert.steps):
            if move[0] in pd_checker.RIBBON_ONLY and cert.kind != "ribbon":
                return None
            state = pd_checker.apply_pd_move(state, tuple(move))
            bands += move[0] == "band"
            deaths += move[0] == "remove_free"
            if (k + 1) % every == 0 or k + 1 == len(cert.steps):
                boundaries.append((state.crossings, state.free, bands, deaths))
    except (pd_checker.IllegalMove, pd_checker.InvalidDiagram, TypeError, ValueError, IndexError, KeyError):
        return None
    return boundaries


def pd_checkpoints(cert: Certificate, crossings, free: int) -> Callable[[int], list | None]:
    """The ``replay`` of a PD :class:`Check`: states after each chunk as terms."""

    def replay(every: int) -> list | None:
        boundaries = pd_replay(cert, crossings, free, every)
        if boundaries is None:
            return None
        return [(pd_state(c, f, f"state_{i}"), b, d) for i, (c, f, b, d) in enumerate(boundaries, 1)]

    return replay


def build_pd(cert: Certificate, digest: str) -> Module:
    """``cert_input : pd_state``, the moves and ``cert := mk_pd_cert Kind cert_input k cert_steps``."""
    crossings, free = checked_pd_input(cert.input)
    claim = checked_claim(cert, MAX_PD_FREE)
    steps = pd_steps(cert.steps, len(crossings))
    term = App(ctor("KnotCert.PDCert", "mk_pd_cert"),
               (kind_name(cert.kind), same("cert_input"), Lit(claim, "nat"), same("cert_steps")))
    definitions = (steps, Def("cert_input", PD_STATE, pd_state(crossings, free, "cert_input")),
                   Def("cert", lib("pd_cert", "KnotCert.PDCert"), term))
    check = Check(lib("check_pd", "KnotCert.check_pd"), kind_name(cert.kind), PD_STATE,
                  pd_checkpoints(cert, crossings, free))
    statement, proof = claim_names("pd", cert.kind, claim)
    return Module(digest, "pd", cert.kind, provenance_source(cert), LIBRARIES["pd"], definitions, check,
                  statement, proof)


# unknotting certificates (docs/certificates.md §4, Unknotting; coq/theories/Unknotting.v, lean/KnotCert/Unknotting.lean)


def unknotting_step(step, index: int, max_index: int) -> App:
    """One step of an unknotting certificate: a Reidemeister move or ``crossing_change i`` (a band or a
    death cannot be written in ``u_move`` and is refused); bounds as in :func:`pd_step`."""
    name, constructor, args = checked_step(step, index, UNKNOTTING_MOVES)
    bounds = dict(PD_BOUNDS, index=(0, max_index))
    terms = tuple(Lit(checked_int(arg, f"steps[{index}][{k + 1}]", *bounds[t]), PD_SORT[t])
                  for k, (arg, t) in enumerate(zip(args, UNKNOTTING_MOVES[name][1])))
    return App(ctor("KnotCert.UMove", constructor), terms)


def build_unknotting(cert: Certificate, digest: str) -> Module:
    """``cert_input : pd_state``, the steps and ``cert := mk_u_cert cert_input k cert_steps``."""
    crossings, free = checked_pd_input(cert.input)
    if not isinstance(cert.claim, dict) or set(cert.claim) != {"changes"}:
        raise ExportError("claim: expected {changes}")
    claim = checked_int(cert.claim["changes"], "claim.changes", 0, MAX_PD_CROSSINGS)
    steps = checked_list(cert.steps, "steps")
    max_index = len(crossings) + MAX_PD_GROWTH * len(steps)
    moves = Steps(lib("u_move", "KnotCert.UMove"),
                  tuple(unknotting_step(step, k, max_index) for k, step in enumerate(steps)))
    term = App(ctor("KnotCert.UCert", "mk_u_cert"), (same("cert_input"), Lit(claim, "nat"), same("cert_steps")))
    definitions = (moves, Def("cert_input", PD_STATE, pd_state(crossings, free, "cert_input")),
                   Def("cert", lib("u_cert", "KnotCert.UCert"), term))
    statement, proof = claim_names("pd", "unknotting", claim)
    check = Check(lib("check_unknotting", "KnotCert.check_unknotting"), None, PD_STATE,
                  unknotting_checkpoints(cert, crossings, free))
    return Module(digest, "pd", "unknotting", provenance_source(cert), LIBRARIES["unknotting"], definitions,
                  check, statement, proof)


def unknotting_checkpoints(cert: Certificate, crossings, free: int) -> Callable[[int], list | None]:
    """The ``replay`` of an unknotting :class:`Check`: ``(state term, changes, 0)`` after every chunk,
    computed by the trusted checker; ``None`` when it rejects."""
    from ..certs import unknotting_checker

    def replay(every: int) -> list | None:
        state, changes, boundaries = pd_checker.PDDiagram(tuple(crossings), free), 0, []
        try:
            pd_checker.validate_pd(state.crossings)
            for k, move in enumerate(cert.steps):
                state = unknotting_checker.apply_u_move(state, tuple(move))
                changes += move[0] == unknotting_checker.CROSSING_CHANGE
                if (k + 1) % every == 0 or k + 1 == len(cert.steps):
                    boundaries.append((state.crossings, state.free, changes))
        except (pd_checker.IllegalMove, pd_checker.InvalidDiagram, TypeError, ValueError, IndexError, KeyError):
            return None
        return [(pd_state(c, f, f"state_{i}"), k, 0) for i, (c, f, k) in enumerate(boundaries, 1)]

    return replay


# plumbing calculus (docs/certificates.md §5; coq/theories/Plumbing.v, lean/KnotCert/Plumbing.lean)

PLUMBING = "KnotCert.Plumbing"


def plumbing_id(value, where: str) -> Lit:
    """A vertex id, ``0..MAX_ID``."""
    return Lit(checked_int(value, where, 0, MAX_ID), "nat")


def plumbing_weight(value, where: str) -> Lit:
    """A weight (or a sign), ``|w| <= MAX_WEIGHT``."""
    return Lit(checked_int(value, where, -MAX_WEIGHT, MAX_WEIGHT), "Z")


def plumbing_graph(value, where: str) -> App:
    """``mk_pgraph [(id, w); ...] [(u, v); ...]``."""
    if not isinstance(value, dict) or set(value) != {"vertices", "edges"}:
        raise ExportError(f"{where}: expected {{vertices, edges}}")
    vertices = tuple(Tup((plumbing_id(v, f"{where}.vertices[{k}]"), plumbing_weight(w, f"{where}.vertices[{k}]")))
                     for k, (v, w) in enumerate(checked_pairs(value["vertices"], f"{where}.vertices")))
    edges = tuple(Tup((plumbing_id(u, f"{where}.edges[{k}]"), plumbing_id(v, f"{where}.edges[{k}]")))
                  for k, (u, v) in enumerate(checked_pairs(value["edges"], f"{where}.edges")))
    return App(ctor(f"{PLUMBING}.PGraph", "mk_pgraph"), (Seq(vertices), Seq(edges)), wrap=True)


def plumbing_step(step, index: int) -> App:
    """One Neumann move (``split``: a vertex, a weight and the list of neighbours that move)."""
    where = f"steps[{index}]"
    if isinstance(step, (list, tuple)) and step and step[0] == "split":
        args = list(step[1:])
        if len(args) < 2:
            raise ExportError(f"{where}: split takes a vertex, a weight and a neighbour list")
        moving = Seq(tuple(plumbing_id(x, where) for x in args[2:]))
        terms = (plumbing_id(args[0], where), plumbing_weight(args[1], where), moving)
        return App(ctor(f"{PLUMBING}.PMove", "Split"), terms)
    name, constructor, args = checked_step(step, index, PLUMBING_MOVES)
    terms = tuple(plumbing_id(a, where) if kind == "id" else plumbing_weight(a, where)
                  for a, kind in zip(args, PLUMBING_MOVES[name][1]))
    return App(ctor(f"{PLUMBING}.PMove", constructor), terms)


def build_plumbing(cert: Certificate, digest: str) -> Module:
    """``graph_a``, ``graph_b``, ``cert_bijection``, the moves and ``cert := mk_plumbing_cert ...``."""
    if cert.kind != "plumbing-equivalence" or not isinstance(cert.input, dict) or set(cert.input) != {"a", "b"}:
        raise ExportError("input: expected a plumbing-equivalence certificate with graphs a and b")
    if not isinstance(cert.claim, dict) or set(cert.claim) != {"bijection"}:
        raise ExportError("claim: expected {bijection}")
    bijection = Seq(tuple(Tup((plumbing_id(x, "claim.bijection"), plumbing_id(y, "claim.bijection")))
                          for x, y in checked_pairs(cert.claim["bijection"], "claim.bijection")))
    graph = lib("pgraph", f"{PLUMBING}.PGraph")
    graph_a = Def("graph_a", graph, plumbing_graph(cert.input["a"], "input.a"))
    graph_b = Def("graph_b", graph, plumbing_graph(cert.input["b"], "input.b"))
    steps = Steps(lib("pmove", f"{PLUMBING}.PMove"),
                  tuple(plumbing_step(step, k) for k, step in enumerate(checked_list(cert.steps, "steps"))))
    term = App(ctor(f"{PLUMBING}.PlumbingCert", "mk_plumbing_cert"),
               tuple(same(name) for name in ("graph_a", "graph_b", "cert_steps", "cert_bijection")))
    definitions = (graph_a, graph_b, Def("cert_bijection", lib("list (nat * nat)", "List (Prod Nat Nat)"), bijection),
                   steps, Def("cert", lib("plumbing_cert", f"{PLUMBING}.PlumbingCert"), term))
    statement, proof = claim_names("plumbing", cert.kind)
    return Module(digest, "plumbing", cert.kind, provenance_source(cert), LIBRARIES["plumbing"], definitions,
                  Check(lib("check_plumbing", f"{PLUMBING}.check_plumbing")), statement, proof)


# -- walking a tree -------------------------------------------------------------------------------


def literals(node) -> list[int]:
    """Every integer literal under ``node``, in printing order (definitions, steps, application args)."""
    if isinstance(node, Lit):
        return [node.value]
    if isinstance(node, App):
        return [v for arg in node.args for v in literals(arg)]
    if isinstance(node, (Tup, Seq)):
        return [v for item in node.items for v in literals(item)]
    if isinstance(node, Def):
        return literals(node.value)
    if isinstance(node, Steps):
        return [v for move in node.moves for v in literals(move)]
    if isinstance(node, Module):
        return [v for definition in node.definitions for v in literals(definition)]
    return []


def steps_chunks(steps: Steps, chunk: int | None) -> list[Def]:
    """The ``Def``\\ s that spell ``cert_steps``: ``steps_k`` chunks of ``chunk`` moves and their
    concatenation ``steps_0 ++ ... ++ []``, or (``chunk`` ``None``) one list."""
    list_type = list_of(steps.type)
    if chunk is None:
        return [Def("cert_steps", list_type, Seq(steps.moves, "moves"))]
    chunks = [Def(f"steps_{k // chunk}", list_type, Seq(steps.moves[k:k + chunk], "moves"))
              for k in range(0, len(steps.moves), chunk)]
    return chunks + [Def("cert_steps", list_type, Join(tuple(d.name for d in chunks)))]
