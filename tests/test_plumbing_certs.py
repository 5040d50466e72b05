"""plumbing-equivalence certificates: produced by search, re-checked by the trusted checker and by Coq;
tampered ones (wrong bijection, wrong weight, illegal move) rejected by every kernel that runs here."""

from __future__ import annotations

import ast
import random
import shutil
from pathlib import Path

import pytest

from pybridge.certs.checker import IllegalMove, check_certificate, check_document
from pybridge.certs.model import Certificate
from pybridge.certs.plumbing_checker import Graph, apply_pmove
from pybridge.export.coq import render_coq
from pybridge.errors import ExportError
from pybridge.plumbing.agents import beam_search
from pybridge.plumbing.certify import build_certificate
from pybridge.plumbing.equiv import decide
from pybridge.plumbing.graph import make_graph, parse_inline, random_tree
from pybridge.plumbing.moves import IllegalPlumbingMove, apply_move
from pybridge.plumbing.scramble import random_move, scramble

ROOT = Path(__file__).resolve().parents[1]


def scrambled_pair(seed: int, n: int = 8, moves: int = 15):
    rng = random.Random(seed)
    a = random_tree(n, rng)
    b, _ = scramble(a, moves, rng)
    return a, b


@pytest.fixture(scope="module")
def cert() -> Certificate:
    a, b = scrambled_pair(1)
    found = beam_search(a, b, budget_s=10)
    assert found.found
    return build_certificate(a, b, found.path_a, found.path_b, {"agent": "beam", "source": "test"})


def reseal(cert: Certificate, **changes) -> dict:
    """The certificate's document with fields replaced and the hash recomputed (a forged but sealed file)."""
    document = cert.to_document()
    document.update(changes)
    del document["sha256"]
    return Certificate.create(document["kind"], document["calculus"], document["input"], document["claim"],
                              document["steps"], document["provenance"]).to_document()


def tampered(cert: Certificate) -> dict[str, dict]:
    bijection = [list(p) for p in cert.claim["bijection"]]
    swapped = [list(p) for p in bijection]
    swapped[0][1], swapped[1][1] = swapped[1][1], swapped[0][1]
    graph_b = {"vertices": [list(v) for v in cert.input["b"]["vertices"]], "edges": cert.input["b"]["edges"]}
    graph_b["vertices"][0][1] += 1
    steps = [list(s) for s in cert.steps] + [["absorb", 10**5]]
    return {
        "wrong bijection": reseal(cert, claim={"bijection": swapped}),
        "wrong weight": reseal(cert, input={"a": cert.input["a"], "b": graph_b}),
        "illegal move": reseal(cert, steps=steps),
    }


def test_search_certificate_is_valid_and_replays_to_b(cert):
    verdict = check_certificate(cert)
    assert verdict.valid, verdict
    assert cert.kind == "plumbing-equivalence" and cert.calculus == "plumbing" and cert.steps


def test_tampered_certificates_are_rejected_by_the_trusted_checker(cert):
    reasons = {name: check_document(doc) for name, doc in tampered(cert).items()}
    assert all(not v.valid for v in reasons.values())
    assert "claim.bijection" in reasons["wrong bijection"].reason
    assert "claim.bijection" in reasons["wrong weight"].reason and "weight" in reasons["wrong weight"].reason
    assert reasons["illegal move"].step == len(cert.steps) and "does not exist" in reasons["illegal move"].reason


@pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")
def test_coq_accepts_the_certificate_and_rejects_every_tampered_one(cert):
    from pybridge.prover.coq import check_with_coq

    forged = [Certificate.from_document(doc) for doc in tampered(cert).values()]
    results = check_with_coq([cert] + forged, jobs=2, use_cache=False)
    assert results[0].valid, results[0].reason
    assert [r.valid for r in results[1:]] == [False, False, False], [r.reason for r in results]


def test_schema_errors_name_the_field(cert):
    document = cert.to_document()
    bad_kind = dict(document, kind="unknot")
    assert "does not go with calculus" in check_document(reseal_raw(bad_kind)).reason
    assert "claim: expected exactly the field 'bijection'" in check_document(
        reseal_raw(dict(document, claim={"components": 1}))).reason
    broken = dict(document, input={"a": document["input"]["a"], "b": {"vertices": [[0, "x"]], "edges": []}})
    assert "input.b.vertices[0][1]" in check_document(reseal_raw(broken)).reason
    edited = dict(document, steps=document["steps"][:-1])
    assert "hash mismatch" in check_document(edited).reason


def reseal_raw(document: dict) -> dict:
    from pybridge.certs.hashing import document_hash

    body = {k: v for k, v in document.items() if k != "sha256"}
    return body | {"sha256": document_hash(body)}


def test_input_graphs_must_be_forests(cert):
    cycle = {"vertices": [[0, -2], [1, -2], [2, -2]], "edges": [[0, 1], [1, 2], [2, 0]]}
    verdict = check_document(reseal(cert, input={"a": cycle, "b": cert.input["b"]}))
    assert not verdict.valid and "input.a: not a forest" in verdict.reason


def test_search_moves_and_trusted_checker_agree_on_every_move():
    """Differential test: random legal and illegal moves give the same verdict and the same graph."""
    rng = random.Random(11)
    for trial in range(40):
        graph = random_tree(rng.randint(1, 9), rng)
        for _ in range(12):
            move = random_move(graph, rng)
            if rng.random() < 0.3:  # corrupt the move: another vertex or sign
                move = (move[0], *[x + rng.choice([-1, 1]) for x in move[1:]])
            trusted = Graph({v: w for v, w in graph.nodes(data="weight")}, list(graph.edges))
            try:
                after = apply_move(graph, move)
            except IllegalPlumbingMove:
                with pytest.raises(IllegalMove):
                    apply_pmove(trusted, move)
                continue
            apply_pmove(trusted, move)
            assert trusted.w == dict(after.nodes(data="weight"))
            assert trusted.e == {frozenset(e) for e in after.edges}
            graph = after


def test_trusted_checker_imports_no_search_code():
    tree = ast.parse((ROOT / "pybridge" / "certs" / "plumbing_checker.py").read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert imported and not [m for m in imported if any(p in m for p in ("plumbing.", "moves", "envs", "agents"))
                             and m != ".checker"]
    assert "networkx" not in imported


def test_non_equivalent_pairs_are_refuted_by_the_invariant_and_never_certified():
    rng = random.Random(5)
    for _ in range(5):
        a = random_tree(6, rng)
        b, _ = scramble(a, 10, rng)
        b.nodes[min(b.nodes)]["weight"] += 7
        outcome = decide(a, b, "auto", budget_s=2)
        if outcome.status == "refuted":
            assert "|det Q| differs" in outcome.reason or "H1" in outcome.reason
        assert outcome.certificate is None  # |det| may agree by chance; then nothing is found either


def test_oriented_lens_spaces_are_not_confused():
    """L(3,1) (weight -3) and the -2,-2 chain, L(3,2), have |H1| = 3 but opposite orientations: the
    calculus (for oriented manifolds) must not connect them."""
    outcome = decide(parse_inline("g:-3"), parse_inline("g:-2,-2/0-1"), "beam", budget_s=1)
    assert outcome.status == "not found" and outcome.certificate is None
    outcome = decide(parse_inline("g:-3"), parse_inline("g:-2,1,-2/0-1,1-2"), "auto", budget_s=5)
    assert outcome.status == "refuted"  # det 8


def test_coq_renderer_refuses_hostile_fields(cert):
    document = cert.to_document()
    hostile = dict(document, steps=[["absorb", True]])
    with pytest.raises(ExportError):
        render_coq(Certificate(cert.kind, cert.calculus, cert.input, cert.claim, (("absorb", True),), {}, cert.sha256))
    with pytest.raises(ExportError):
        render_coq(Certificate(cert.kind, cert.calculus, cert.input, cert.claim, (("no_such_move", 1),), {},
                               cert.sha256))
    source = render_coq(Certificate(cert.kind, cert.calculus, cert.input, cert.claim, cert.steps,
                                    {"source": "*) Axiom x. (*"}, cert.sha256))
    assert "Axiom" not in source and source.count("(*") == 2
    assert hostile  # the document form is refused earlier by the schema (bool is not an int)
    assert "step" in check_document(reseal_raw(hostile)).reason


def test_empty_and_trivial_graphs():
    s3 = make_graph({}, [])
    outcome = decide(parse_inline("g:1"), s3, "auto", budget_s=2)
    assert outcome.status == "certified" and check_certificate(outcome.certificate).valid
    outcome = decide(parse_inline("g:0,0/0-1"), s3, "auto", budget_s=5)  # 0-0 Hopf link: S^3
    assert outcome.status == "certified" and check_certificate(outcome.certificate).valid
