"""One term tree per certificate (pybridge.export.terms), printed by one Coq and one Lean printer.

The same certificate term and the same claim must reach both kernels: the tree is built once, both
printers render every node of it, and every definition printed in Coq and in Lean carries the same
integer literals in the same order as the tree. Hostile certificates are refused by the builder,
before either printer runs, with the same message for both languages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from pathlib import Path

import pytest

from pybridge.certs.io import read_certificate
from pybridge.certs.model import Certificate
from pybridge.errors import ExportError
from pybridge.export import coq, lean, terms
from pybridge.export.terms import App, Def, Join, Lit, Name, Seq, Steps, Tup

EXAMPLES = Path(__file__).resolve().parents[1] / "certs" / "examples"
#: an integer literal in printed text (not a digit inside a name such as ``steps_0`` or ``R1Add``)
LITERAL = re.compile(r"(?<![A-Za-z0-9_.])-?[0-9]+(?![A-Za-z0-9_])")
NASTY = ['"; theorem bad : False := sorry -- ', "x\n-/ axiom bad : False\n/-", "*) Axiom x. (*",
         "ünïcødé ✓ \u202e \x00 \u2028 -- #eval IO.Process.exit 0", "Set Implicit", "a" * 500]


# -- certificates of the three calculi ------------------------------------------------------------


def unsealed(kind, calculus, data, claim, steps, source="random") -> Certificate:
    """A certificate as the exporter may receive it: any in-range numbers (no schema, no replay), a
    well-formed hash."""
    digest = hashlib.sha256(repr((kind, calculus, data, claim, steps, source)).encode()).hexdigest()
    return Certificate(kind, calculus, data, claim, tuple(tuple(s) for s in steps), {"source": source}, digest)


def braid_cert(rnd: random.Random) -> Certificate:
    """A random braid certificate (not necessarily valid: the exporter renders what is in range)."""
    strands = rnd.randint(1, 60)
    word = [rnd.choice([-1, 1]) * rnd.randint(1, 60) for _ in range(rnd.randint(0, 12))]
    count = rnd.choice([0, 3, 40, 130])
    steps = []
    for _ in range(count):
        name = rnd.choice(list(terms.BRAID_MOVES))
        kinds = terms.BRAID_MOVES[name][1]
        steps.append([name] + [rnd.randint(0, len(word) + 2 * count) if k == "nat" else rnd.randint(-70, 70)
                               for k in kinds])
    kind = rnd.choice(list(terms.KINDS))
    claim = {terms.CLAIM_KEY[kind]: rnd.randint(1, 50)}
    return unsealed(kind, "braid", {"strands": strands, "word": word}, claim, steps)


def pd_cert(rnd: random.Random) -> Certificate:
    """A random PD certificate: labels, indices, sides and twists in range, any shape."""
    crossings = [[rnd.randint(1, 80) for _ in range(4)] for _ in range(rnd.randint(0, 9))]
    bounds = {"label": (1, 90), "index": (0, 40), "side": (0, 2), "Z": (-12, 12)}
    steps = []
    for _ in range(rnd.choice([0, 4, 25])):
        name = rnd.choice(list(terms.PD_MOVES))
        steps.append([name] + [rnd.randint(*bounds[k]) for k in terms.PD_MOVES[name][1]])
    kind = rnd.choice(list(terms.KINDS))
    claim = {terms.CLAIM_KEY[kind]: rnd.randint(1, 40)}
    return unsealed(kind, "pd", {"pd": crossings, "free": rnd.randint(0, 40)}, claim, steps)


def plumbing_cert(rnd: random.Random) -> Certificate:
    """A random plumbing certificate (ids, weights and moves in range, any shape)."""
    def graph():
        ids = rnd.sample(range(60), rnd.randint(0, 7))
        return {"vertices": [[v, rnd.randint(-50, 50)] for v in ids],
                "edges": [[rnd.choice(ids), rnd.choice(ids)] for _ in range(len(ids) // 2)]}

    steps = []
    for _ in range(rnd.choice([0, 5, 30])):
        name = rnd.choice(list(terms.PLUMBING_MOVES) + ["split"])
        if name == "split":
            steps.append([name, rnd.randint(0, 60), rnd.randint(-5, 5)] + rnd.sample(range(60), rnd.randint(0, 3)))
        else:
            steps.append([name] + [rnd.randint(0, 60) if k == "id" else rnd.randint(-3, 3)
                                   for k in terms.PLUMBING_MOVES[name][1]])
    bijection = [[x, rnd.randint(0, 60)] for x in range(rnd.randint(0, 6))]
    return unsealed("plumbing-equivalence", "plumbing", {"a": graph(), "b": graph()}, {"bijection": bijection}, steps)


def random_certs(count: int = 60) -> list[Certificate]:
    rnd = random.Random(8)
    return [make(rnd) for _ in range(count) for make in (braid_cert, pd_cert, plumbing_cert)]


def example_certs() -> list[Certificate]:
    return [read_certificate(path) for path in sorted(EXAMPLES.glob("*.yaml"))]


def walk(node):
    """Every node under ``node`` (a module, a definition, a term), itself included."""
    yield node
    children = {terms.Module: lambda n: n.definitions + (n.check.checker,), Def: lambda n: (n.type, n.value),
                Steps: lambda n: n.moves,
                App: lambda n: (n.head,) + n.args, Tup: lambda n: n.items, Seq: lambda n: n.items}
    for kind, get in children.items():
        if isinstance(node, kind):
            for child in get(node):
                yield from walk(child)


# -- the same tree reaches both languages ---------------------------------------------------------


def test_the_tree_has_every_kind_of_node_and_both_printers_render_each():
    modules = [terms.build(cert) for cert in example_certs()]
    chunks = [d for m in modules for node in m.definitions if isinstance(node, Steps)
              for d in terms.steps_chunks(node, 7)]
    nodes = [node for tree in modules + chunks for node in walk(tree)]
    seen = {type(node) for node in nodes} | {(Lit, n.sort) for n in nodes if isinstance(n, Lit)}
    seen |= {(Seq, n.layout) for n in nodes if isinstance(n, Seq)}
    seen |= {(App, n.wrap) for n in nodes if isinstance(n, App)}
    assert {Lit, Name, App, Tup, Seq, Join, Def, Steps} <= seen
    assert {(Lit, "num"), (Lit, "nat"), (Lit, "Z"), (Seq, "inline"), (Seq, "moves"), (Seq, "rows")} <= seen
    assert {(App, True), (App, False)} <= seen
    for module in modules:
        scope = module.library.coq_scope
        for node in walk(module):
            if isinstance(node, (Lit, Name, App, Tup, Seq, Join)):
                assert coq.term(node, scope) and lean.term(node)
        for node in module.definitions:
            for chunk in terms.steps_chunks(node, 7) if isinstance(node, Steps) else [node]:
                assert coq.definition(chunk, scope).startswith(f"Definition {chunk.name} : ")
                assert lean.definition(chunk).startswith(f"def {chunk.name} : ")
    assert coq.term(Join(("steps_0", "steps_1")), None) == lean.term(Join(("steps_0", "steps_1"))) == \
        "steps_0 ++ steps_1 ++ []"
    with pytest.raises(TypeError):
        coq.term(object(), None)
    with pytest.raises(TypeError):
        lean.term(object())


def test_render_is_build_then_print():
    for cert in example_certs() + random_certs(10):
        module = terms.build(cert)
        assert coq.render_coq(cert) == coq.print_coq(module)
        assert lean.render_lean(cert) == lean.print_lean(module, lean.qualified_module(cert))


def flat(text: str) -> str:
    """``text`` with every run of whitespace one space (line breaks are layout)."""
    return " ".join(text.split())


@pytest.mark.parametrize("calculus", ["braid", "pd", "plumbing"])
def test_coq_and_lean_print_the_same_literals_in_the_same_order(calculus):
    certs = [c for c in random_certs() + example_certs() if c.calculus == calculus]
    assert len(certs) >= 60
    for cert in certs:
        module = terms.build(cert)
        scope = module.library.coq_scope
        for node in module.definitions:
            expected = terms.literals(node)
            if isinstance(node, Steps):
                coq_text = "".join(coq.definition(d, scope) for d in terms.steps_chunks(node, coq.CHUNK))
                lean_text = "".join(lean.definition(d) for d in terms.steps_chunks(node, module.library.lean_chunk))
            else:
                coq_text, lean_text = coq.definition(node, scope), lean.definition(node)
            assert [int(x) for x in LITERAL.findall(coq_text)] == expected, (cert.sha256, coq_text)
            assert [int(x) for x in LITERAL.findall(lean_text)] == expected, (cert.sha256, lean_text)
            assert flat(coq_text) in flat(coq.print_coq(module))
            assert flat(lean_text) in flat(lean.print_lean(module, "N"))


def certificate_numbers(cert: Certificate) -> list[int]:
    """The certificate's integers in the order the tree holds them (moves, input, claim; plumbing:
    graphs, bijection, moves)."""
    steps = [v for step in cert.steps for v in step[1:]]
    if cert.calculus == "braid":
        return steps + [cert.input["strands"], *cert.input["word"], *cert.claim.values()]
    if cert.calculus == "pd":
        return steps + [x for c in cert.input["pd"] for x in c] + [cert.input["free"], *cert.claim.values()]
    graphs = [x for g in "ab" for part in ("vertices", "edges") for pair in cert.input[g][part] for x in pair]
    return graphs + [x for pair in cert.claim["bijection"] for x in pair] + steps


def test_the_tree_holds_exactly_the_certificate_numbers():
    for cert in random_certs(30) + example_certs():
        assert terms.literals(terms.build(cert)) == certificate_numbers(cert), cert.sha256


def test_one_claim_table_for_both_languages():
    for (calculus, kind, language), (statement, proof) in terms.CLAIMS.items():
        other = terms.CLAIMS[calculus, kind, "lean" if language == "coq" else "coq"]
        # both languages state the claim about the same numbers, and prove it from cert_check
        assert set(re.findall(r"\{\w+\}", statement)) == set(re.findall(r"\{\w+\}", other[0]))
        assert "cert_check" in proof
    assert {(c, k) for c, k, _ in terms.CLAIMS} == {(c, k) for c in ("braid", "pd") for k in terms.KINDS} | {
        ("plumbing", "plumbing-equivalence"), ("pd", "unknotting")}
    ribbon = terms.build(braid_ribbon())
    assert "RibbonChain 2 cert_input (trivial 3)" in ribbon.statement.coq
    assert "KnotCert.BandReach 2 cert_input (KnotCert.trivial 3)" in ribbon.statement.lean
    assert "Require Import KnotCert.Braid KnotCert.BraidSpec.\n" in coq.print_coq(ribbon)
    assert "import KnotCert.Braid\n\n" in lean.print_lean(ribbon, "N")


def braid_ribbon() -> Certificate:
    return unsealed("ribbon", "braid", {"strands": 3, "word": [1, -2, 1]}, {"bands": 2}, [["smooth", 0]])


def test_library_names_come_from_the_name_table():
    """Every library name in a tree is a Coq name of the lockstep table and its Lean mirror."""
    table = {c: l for c, l, _ in lean.NAME_TABLE} | dict(lean.CONSTRUCTOR_TABLE)
    names = {node for cert in example_certs() for node in walk(terms.build(cert)) if isinstance(node, Name)}
    library = [n for n in names if n.lean.startswith("KnotCert.") and " " not in n.coq]
    assert len(library) >= 25
    for name in library:
        assert name.coq in table, name
        assert name.lean.rsplit(".", 1)[1] == table[name.coq], name


def test_pd_chunk_hints_only_in_lean():
    cert = read_certificate(EXAMPLES / "unknot-unknot-pd-120-r80-ec1a04ebedd4.yaml")
    module = terms.build(cert)
    hints = module.check.replay(module.library.lean_chunk)
    assert len(hints) == -(-len(cert.steps) // module.library.lean_chunk)
    text = lean.print_lean(module, "N")
    assert f"def state_{len(hints)} : KnotCert.PDState := KnotCert.PDState.mk_pd [] 1\n" in text
    assert "state_1" not in coq.print_coq(module) and "vm_compute" in coq.print_coq(module)


# -- untrusted input ------------------------------------------------------------------------------


def hostile_changes(cert: Certificate) -> list[dict]:
    common = [dict(sha256="); Axiom False. (*"), dict(sha256="A" * 64), dict(kind="unknot\naxiom f : False"),
              dict(steps="destabilize"), dict(steps=(("exit",),)), dict(claim={"x": 1})]
    return common + {
        "braid": [dict(input={"strands": True, "word": [1]}), dict(input={"strands": 2, "word": ["1) (sorry"]}),
                  dict(input={"strands": 10**6, "word": [1]}), dict(input={"strands": 2, "word": [1.0]}),
                  dict(steps=(("cancel", -1),)), dict(steps=(("cancel", 2**31 - 1),)),
                  dict(steps=(("stabilize", 2**40),)), dict(steps=(("insert", 0),)), dict(calculus="pd")],
        "pd": [dict(input={"pd": [[0, 1, 1, 0]], "free": 0}), dict(input={"pd": [[1, 2, 2, True]], "free": 0}),
               dict(input={"pd": [[1, 2, 2]], "free": 0}), dict(input={"pd": [], "free": -1}),
               dict(steps=(("r1_remove", 10**6),)), dict(steps=(("r3", 2, 10),)),
               dict(steps=(("r2_remove", 0, "1; sorry"),)), dict(steps=(("smooth", 0),))],
        "plumbing": [dict(input={"a": {"vertices": [[0, 2**40]], "edges": []}, "b": cert.input.get("b")}),
                     dict(input={"a": {"vertices": [[True, 1]], "edges": []}, "b": cert.input.get("b")}),
                     dict(claim={"bijection": [[0, -1]]}), dict(steps=(("absorb", True),)),
                     dict(steps=(("split", 1),)), dict(steps=(("split", 1, 0, "2] sorry"),)),
                     dict(kind="unknot")],
    }[cert.calculus]


@pytest.mark.parametrize("calculus", ["braid", "pd", "plumbing"])
def test_hostile_fields_are_refused_by_the_builder_with_one_message(calculus):
    good = next(cert for cert in example_certs() if cert.calculus == calculus)
    for change in hostile_changes(good):
        bad = dataclasses.replace(good, **change)
        with pytest.raises(ExportError) as built:
            terms.build(bad)
        with pytest.raises(ExportError) as in_coq:
            coq.render_coq(bad)
        with pytest.raises(ExportError) as in_lean:
            lean.render_lean(bad)
        assert str(built.value) == str(in_coq.value) == str(in_lean.value), change


@pytest.mark.parametrize("source", NASTY)
def test_provenance_is_a_comment_in_both_languages(source):
    for good in example_certs()[::9]:
        cert = unsealed(good.kind, good.calculus, good.input, good.claim, good.steps, source)
        module = terms.build(cert)
        coq_text, lean_text = coq.print_coq(module), lean.print_lean(module, lean.qualified_module(cert))
        assert coq_text.isascii() and lean_text.isascii() and '"' not in coq_text + lean_text
        assert coq_text.count("(*") == coq_text.count("*)") == 2 and "Axiom" not in coq_text
        assert [line for line in lean_text.splitlines() if line.startswith("--")] == lean_text.splitlines()[:2]
        assert re.search(r"\b(sorry|axiom)\b", lean_text.lower()) is None
        plain = terms.build(dataclasses.replace(cert, provenance={"source": "plain"}))
        assert coq.print_coq(plain).splitlines()[2:] == coq_text.splitlines()[2:]
        assert lean.print_lean(plain, "N").splitlines()[2:] == lean.print_lean(module, "N").splitlines()[2:]
