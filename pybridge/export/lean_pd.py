"""Render planar-diagram certificates (``calculus: pd``) as Lean 4 modules checked by ``KnotCert.PD``.

Same contract as the braid renderer in :mod:`pybridge.export.lean`: one module per certificate, named
from the hash only, every integer validated (with the Coq exporter's PD helpers), every name fully
qualified, the only free text the reduced ``provenance.source`` in a ``--`` comment.

Size. A certificate of at most :data:`PD_CHUNK` steps gets ``theorem cert_check : KnotCert.check_pd cert =
true := by decide``. A longer one is checked chunk by chunk: the module writes out the state after
every :data:`PD_CHUNK` steps (``state_1``, ``state_2``, ..., replayed here by the trusted Python checker),
proves ``run_pd`` on each chunk by ``decide`` (``run_k``), chains the chunks with
``KnotCert.run_pd_chain`` (``reach_k``, ``cert_run``) and concludes with ``KnotCert.check_pd_of_run``.
Each ``decide`` then evaluates only ``PD_CHUNK`` moves from a literal state, instead of the whole
replay as one lazily built term. The intermediate states are hints, not trusted: each one is
re-computed by the kernel, and a wrong one makes its ``decide`` fail. A certificate the Python checker
rejects gets the single ``decide`` (which then fails in Lean, as it must).
"""

from __future__ import annotations

from ..certs import pd_checker
from ..certs.model import Certificate
from ..errors import ExportError
from .coq import (
    CLAIM_KEY,
    COQ_PD_MOVE,
    MAX_INT,
    MAX_PD_CROSSINGS,
    MAX_PD_FREE,
    MAX_PD_GROWTH,
    MAX_PD_SIDE,
    checked_int,
    z_literal,
)

LIBRARY = "KnotCert"
LEAN_KIND = {"unknot": "KnotCert.Kind.Unknot", "unlink": "KnotCert.Kind.Unlink", "ribbon": "KnotCert.Kind.Ribbon"}
#: steps per ``def steps_k`` and per ``decide`` of a chunked module
PD_CHUNK = 10
#: the ``set_option`` lines in front of every ``decide`` of a PD module (docs/lean.md, "Size")
PD_SET_OPTIONS = ("set_option maxRecDepth 20000 in", "set_option maxHeartbeats 0 in")


def render_pd_step(step, index: int, max_index: int) -> str:
    """One PD move as a fully qualified ``KnotCert.PDMove`` constructor application.

    Labels must be positive, crossing indices in ``0..max_index`` and sides in ``0..MAX_PD_SIDE``
    (anything else can never be legal, so the certificate is refused instead of rendered).
    """
    where = f"steps[{index}]"
    if not isinstance(step, (list, tuple)) or not step or step[0] not in COQ_PD_MOVE:
        raise ExportError(f"{where}: unknown move")
    constructor, arg_types = COQ_PD_MOVE[step[0]]
    args = step[1:]
    if len(args) != len(arg_types):
        raise ExportError(f"{where}: {step[0]} takes {len(arg_types)} argument(s), got {len(args)}")
    bounds = {"label": (1, MAX_INT), "index": (0, max_index), "side": (0, MAX_PD_SIDE), "Z": ()}
    rendered = [f"{LIBRARY}.PDMove.{constructor}"]
    for k, (arg, arg_type) in enumerate(zip(args, arg_types)):
        value = checked_int(arg, f"{where}[{k + 1}]", *bounds[arg_type])
        rendered.append(z_literal(value))
    return " ".join(rendered)


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


def render_state(name: str, crossings, free: int) -> str:
    """``def name : KnotCert.PDState := KnotCert.PDState.mk_pd [...] free`` (one crossing per line)."""
    head = f"def {name} : {LIBRARY}.PDState := {LIBRARY}.PDState.mk_pd"
    if not crossings:
        return f"{head} [] {free}\n"
    rows = ",\n  ".join("(" + ", ".join(str(checked_int(x, f"{name} label", 1, MAX_INT)) for x in c) + ")"
                        for c in crossings)
    return f"{head} [\n  {rows}] {free}\n"


def render_pd_steps(steps, crossings: int) -> tuple[list[str], list[str]]:
    """``def steps_k`` chunks and ``cert_steps``; also the chunk names."""
    if not isinstance(steps, (list, tuple)):
        raise ExportError("steps: expected a list")
    max_index = crossings + MAX_PD_GROWTH * len(steps)
    moves = [render_pd_step(step, k, max_index) for k, step in enumerate(steps)]
    lines, names = [], []
    for start in range(0, len(moves), PD_CHUNK):
        name = f"steps_{start // PD_CHUNK}"
        names.append(name)
        body = ",\n  ".join(moves[start : start + PD_CHUNK])
        lines.append(f"def {name} : List {LIBRARY}.PDMove := [\n  {body}]\n\n")
    lines.append(f"def cert_steps : List {LIBRARY}.PDMove := {' ++ '.join(names + ['[]'])}\n")
    return lines, names


def replay_chunks(cert: Certificate, crossings, free: int) -> list[tuple[tuple, int, int, int]] | None:
    """``[(crossings, free, bands, deaths)]`` after each chunk, by the trusted checker; ``None`` if it rejects."""
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
            if (k + 1) % PD_CHUNK == 0 or k + 1 == len(cert.steps):
                boundaries.append((state.crossings, state.free, bands, deaths))
    except (pd_checker.IllegalMove, pd_checker.InvalidDiagram, TypeError, ValueError, IndexError, KeyError):
        return None
    return boundaries


def render_pd_claim(kind: str, claim: int) -> tuple[str, str]:
    """The statement of ``cert_claim`` and its proof term, from PD.lean's soundness theorems."""
    if kind == "ribbon":
        return (f"Exists (fun (f : Nat) => Exists (fun (d : Nat) =>\n"
                f"      And ({LIBRARY}.PDRibbonReach {claim} d cert_input ({LIBRARY}.pd_trivial f))\n"
                f"        (And (f + d = {claim + 1}) ({LIBRARY}.link_components cert_input = some 1))))",
                f"{LIBRARY}.check_pd_sound_ribbon cert cert_check rfl")
    if kind == "unknot":
        return (f"{LIBRARY}.PDEquiv cert_input ({LIBRARY}.pd_trivial 1)",
                f"{LIBRARY}.check_pd_sound_unknot cert cert_check rfl")
    return (f"{LIBRARY}.PDEquiv cert_input ({LIBRARY}.pd_trivial {claim})",
            f"{LIBRARY}.check_pd_sound_unlink cert cert_check (by first | decide | (intro h; cases h))")


def decide_theorem(statement: str) -> str:
    """``theorem <statement> := by decide`` with the evaluation limits in front."""
    return "".join(f"{option}\n" for option in PD_SET_OPTIONS) + f"theorem {statement} := by decide\n"


def render_chunked_check(kind: str, names: list[str], boundaries) -> list[str]:
    """States after each chunk, one ``decide`` per chunk, the chain, and ``cert_check``."""
    k = LEAN_KIND[kind]
    out = []
    for i, (crossings, free, _, _) in enumerate(boundaries, 1):
        out += [render_state(f"state_{i}", crossings, free), "\n"]
    counts = [(0, 0)] + [(b, d) for _, _, b, d in boundaries]
    n = len(names)
    for i, name in enumerate(names):
        start = "cert_input" if i == 0 else f"state_{i}"
        (b0, d0), (b1, d1) = counts[i], counts[i + 1]
        out += [decide_theorem(f"run_{i} :\n    {LIBRARY}.run_pd {k} {start} {name} {b0} {d0} = "
                               f"some (state_{i + 1}, {b1}, {d1})"), "\n"]
    for i in range(1, n):
        before, proof_before = " ++ ".join(names[:i]), "run_0" if i == 1 else f"reach_{i - 1}"
        (b1, d1), (b2, d2) = counts[i], counts[i + 1]
        out += [f"theorem reach_{i} :\n    {LIBRARY}.run_pd {k} cert_input ({before} ++ {names[i]}) 0 0 = "
                f"some (state_{i + 1}, {b2}, {d2}) :=\n"
                f"  {LIBRARY}.run_pd_chain {k} cert_input ({before}) {names[i]} 0 0 state_{i} {b1} {d1} "
                f"state_{i + 1} {b2} {d2} {proof_before} run_{i}\n", "\n"]
    last, (bn, dn) = "run_0" if n == 1 else f"reach_{n - 1}", counts[n]
    out += [f"theorem cert_run :\n    {LIBRARY}.run_pd {k} cert_input cert_steps 0 0 = some (state_{n}, {bn}, {dn}) :=\n"
            f"  {LIBRARY}.run_pd_chain {k} cert_input ({' ++ '.join(names)}) [] 0 0 state_{n} {bn} {dn} "
            f"state_{n} {bn} {dn} {last} rfl\n", "\n"]
    out += [decide_theorem(f"cert_valid : {LIBRARY}.validate_pd ({LIBRARY}.PDState.crossings cert_input) = true"), "\n"]
    out += ["".join(f"{option}\n" for option in PD_SET_OPTIONS)
            + f"theorem cert_check : {LIBRARY}.check_pd cert = true :=\n"
            f"  {LIBRARY}.check_pd_of_run cert state_{n} {bn} {dn} cert_valid (by decide) cert_run (by decide)\n"]
    return out


def render_lean_pd(cert: Certificate, digest: str, namespace: str, source_text: str) -> str:
    """The Lean 4 module of a ``calculus: pd`` certificate (``import KnotCert.PD``)."""
    crossings, free = checked_pd_input(cert.input)
    key = CLAIM_KEY[cert.kind]
    if not isinstance(cert.claim, dict) or set(cert.claim) != {key}:
        raise ExportError(f"claim: expected {{{key}}}")
    claim = checked_int(cert.claim[key], f"claim.{key}", 1, MAX_PD_FREE)
    steps, names = render_pd_steps(cert.steps, len(crossings))
    statement, proof = render_pd_claim(cert.kind, claim)
    boundaries = replay_chunks(cert, crossings, free) if len(names) > 1 else None
    if boundaries is not None:
        check = render_chunked_check(cert.kind, names, boundaries)
    else:
        check = [decide_theorem(f"cert_check : {LIBRARY}.check_pd cert = true")]
    header = [
        f"-- pybridge certificate {digest}\n",
        f"-- generated by pybridge.export.lean; kind {cert.kind}; calculus pd; source {source_text}\n",
        f"import {LIBRARY}.PD\n",
        "\n",
        f"namespace {namespace}\n",
        "\n",
    ]
    body = [
        "\n",
        render_state("cert_input", crossings, free),
        "\n",
        f"def cert : {LIBRARY}.PDCert :=\n",
        f"  {LIBRARY}.PDCert.mk_pd_cert {LEAN_KIND[cert.kind]} cert_input {claim} cert_steps\n",
        "\n",
        *check,
        "\n",
        f"theorem cert_claim :\n    {statement} :=\n",
        f"  {proof}\n",
        "\n",
        "#print axioms cert_claim\n",
        "\n",
        f"end {namespace}\n",
    ]
    return "".join(header + steps + body)
