"""Render ``plumbing-equivalence`` certificates as Coq files checked by ``KnotCert.Plumbing``.

The file states the two graphs, the moves and the bijection as ``Definition``\\ s, proves
``cert_check : check_plumbing cert = true`` by ``vm_compute`` and the claim

    ``valid_forest graph_a = true /\\ valid_forest graph_b = true /\\ PEquiv graph_a graph_b``

from ``check_plumbing_sound``, then ``Print Assumptions cert_claim``. Everything is re-validated here
(certificates are untrusted): ids are genuine ``int`` values in ``[0, 100000]``, weights and signs
bounded integers, move names come from a fixed table. No numeral depends on an open scope: every
literal carries ``%nat`` or ``%Z``.
"""

from __future__ import annotations

from ..certs.model import Certificate
from ..errors import ExportError
from .coq import CHUNK, checked_int, safe_comment_text

MAX_ID = 100_000
MAX_WEIGHT = 10**6
#: move name -> (Coq constructor, argument kinds: "id" (nat), "Z"); split: id, Z, then a list of ids
COQ_PLUMBING_MOVE = {
    "blowup_leaf": ("BlowupLeaf", ("id", "Z")),
    "blowdown_leaf": ("BlowdownLeaf", ("id",)),
    "blowup_edge": ("BlowupEdge", ("id", "id", "Z")),
    "blowdown_edge": ("BlowdownEdge", ("id",)),
    "blowup_point": ("BlowupPoint", ("Z",)),
    "blowdown_point": ("BlowdownPoint", ("id",)),
    "absorb": ("Absorb", ("id",)),
}


def nat_lit(value, where: str) -> str:
    """A ``nat`` literal for an id (binary ``N.to_nat`` from 32 on: unary literals are slow)."""
    value = checked_int(value, where, 0, MAX_ID)
    return f"{value}%nat" if value < 32 else f"(N.to_nat {value}%N)"


def z_lit(value, where: str) -> str:
    """A ``Z`` literal, parenthesised."""
    return f"({checked_int(value, where, -MAX_WEIGHT, MAX_WEIGHT)})%Z"


def pairs(value, where: str) -> list:
    if not isinstance(value, (list, tuple)):
        raise ExportError(f"{where}: expected a list")
    for k, item in enumerate(value):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ExportError(f"{where}[{k}]: expected a pair")
    return list(value)


def render_graph(value, where: str) -> str:
    """``mk_pgraph [(id, w); ...] [(u, v); ...]``."""
    if not isinstance(value, dict) or set(value) != {"vertices", "edges"}:
        raise ExportError(f"{where}: expected {{vertices, edges}}")
    vertices = [f"({nat_lit(v, f'{where}.vertices[{k}]')}, {z_lit(w, f'{where}.vertices[{k}]')})"
                for k, (v, w) in enumerate(pairs(value["vertices"], f"{where}.vertices"))]
    edges = [f"({nat_lit(u, f'{where}.edges[{k}]')}, {nat_lit(v, f'{where}.edges[{k}]')})"
             for k, (u, v) in enumerate(pairs(value["edges"], f"{where}.edges"))]
    return f"mk_pgraph [{'; '.join(vertices)}]\n  [{'; '.join(edges)}]"


def render_pmove(step, index: int) -> str:
    """One move as a ``pmove`` constructor application."""
    where = f"steps[{index}]"
    if not isinstance(step, (list, tuple)) or not step:
        raise ExportError(f"{where}: unknown move")
    name, args = step[0], list(step[1:])
    if name == "split":
        if len(args) < 2:
            raise ExportError(f"{where}: split takes a vertex, a weight and a neighbour list")
        moving = "; ".join(nat_lit(x, where) for x in args[2:])
        return f"Split {nat_lit(args[0], where)} {z_lit(args[1], where)} [{moving}]"
    if name not in COQ_PLUMBING_MOVE:
        raise ExportError(f"{where}: unknown move")
    constructor, kinds = COQ_PLUMBING_MOVE[name]
    if len(args) != len(kinds):
        raise ExportError(f"{where}: {name} takes {len(kinds)} argument(s), got {len(args)}")
    rendered = [nat_lit(a, where) if kind == "id" else z_lit(a, where) for a, kind in zip(args, kinds)]
    return " ".join([constructor] + rendered)


def render_pmoves(steps) -> list[str]:
    """``Definition steps_k`` chunks and ``cert_steps``."""
    if not isinstance(steps, (list, tuple)):
        raise ExportError("steps: expected a list")
    moves = [render_pmove(step, k) for k, step in enumerate(steps)]
    lines, names = [], []
    for begin in range(0, len(moves), CHUNK):
        name = f"steps_{begin // CHUNK}"
        names.append(name)
        lines.append(f"Definition {name} : list pmove := [\n  " + ";\n  ".join(moves[begin:begin + CHUNK]) + "].\n")
    lines.append(f"Definition cert_steps : list pmove := {' ++ '.join(names + ['[]'])}.\n")
    return lines


def render_coq_plumbing(cert: Certificate, digest: str) -> str:
    """The Coq source of a ``calculus: plumbing`` certificate (``Require Import KnotCert.Plumbing``)."""
    if cert.kind != "plumbing-equivalence" or not isinstance(cert.input, dict) or set(cert.input) != {"a", "b"}:
        raise ExportError("input: expected a plumbing-equivalence certificate with graphs a and b")
    if not isinstance(cert.claim, dict) or set(cert.claim) != {"bijection"}:
        raise ExportError("claim: expected {bijection}")
    bijection = "; ".join(f"({nat_lit(x, 'claim.bijection')}, {nat_lit(y, 'claim.bijection')})"
                          for x, y in pairs(cert.claim["bijection"], "claim.bijection"))
    source = cert.provenance.get("source", "") if isinstance(cert.provenance, dict) else ""
    header = [
        f"(* pybridge certificate {digest} *)\n",
        f"(* generated by pybridge.export.coq; kind plumbing-equivalence; calculus plumbing; "
        f"source {safe_comment_text(source)} *)\n",
        "From Coq Require Import ZArith List.\n",
        "Require Import KnotCert.Plumbing.\n",
        "Import ListNotations.\n",
        "\n",
        f"Definition graph_a : pgraph := {render_graph(cert.input['a'], 'input.a')}.\n",
        f"Definition graph_b : pgraph := {render_graph(cert.input['b'], 'input.b')}.\n",
        f"Definition cert_bijection : list (nat * nat) := [{bijection}].\n",
    ]
    body = [
        "Definition cert : plumbing_cert := mk_plumbing_cert graph_a graph_b cert_steps cert_bijection.\n",
        "\n",
        "Lemma cert_check : check_plumbing cert = true.\n",
        "Proof. vm_compute. reflexivity. Qed.\n",
        "\n",
        "Theorem cert_claim :\n",
        "  valid_forest graph_a = true /\\ valid_forest graph_b = true /\\ PEquiv graph_a graph_b.\n",
        "Proof. exact (check_plumbing_sound cert cert_check). Qed.\n",
        "\n",
        "Print Assumptions cert_claim.\n",
    ]
    return "".join(header + render_pmoves(cert.steps) + body)
