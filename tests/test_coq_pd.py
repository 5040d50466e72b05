"""The Coq side of the planar-diagram calculus: coq/theories/PD.v, its exporter and the runner.

Every certificate here is first judged by the trusted Python checker (``pybridge/certs/pd_checker.py``);
Coq's ``check_pd`` must agree with it, on valid and tampered certificates and on random walks.
"""

from __future__ import annotations

import ast
import os
import random
import re
import shutil
import subprocess

import pytest

from pybridge.certs import Certificate, check_certificate
from pybridge.certs.checker import IllegalMove
from pybridge.certs.pd_checker import (
    RIBBON_ONLY,
    InvalidDiagram,
    PDDiagram,
    apply_pd_move,
    link_components,
    pd_positions,
    validate_pd,
)
from pybridge.errors import ExportError
from pybridge.export import coq as export
from pybridge.knots.braid import BraidWord
from pybridge.knots.convert import braid_to_pd
from pybridge.knots.spec import parse_spec
from pybridge.moves.pd import PDState, band_moves, legal_pd_moves, replay, roughen, simplify_recorded
from pybridge.moves.scramble import scramble, unknot_instance
from pybridge.prover import coq as prover

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None, reason="coqc not installed; `make test` installs Debian's coq when run as root"
)

# The constructions of tests/test_pd_certs.py (repeated here: that module needs regina, this one does not).
#: 6_1: a finger move then one untwisted band give the 2-component unlink.
STEVEDORE_BAND = [("r2_add", 7, 5, 0), ("band", 10, 13, 0, 0)]
#: 8_20: one untwisted band between two edges of a common face.
EIGHT_TWENTY_BAND = [("band", 7, 11, 1, 0)]
#: the closure of sigma_1 sigma_1^-1 (a 2-component unlink, one component over at both crossings)
TWO_CIRCLES = ((3, 1, 4, 2), (4, 1, 3, 2))
#: consistently oriented codes with every label twice that are not planar (two labels of 3_1, 4_1, 6_1
#: and 8_20 swapped): only the face count rejects them
NOT_PLANAR = [
    [[1, 3, 2, 4], [5, 1, 4, 6], [5, 3, 6, 2]],
    [[4, 2, 5, 3], [8, 6, 1, 5], [6, 1, 7, 4], [2, 7, 3, 8]],
    [[1, 7, 2, 6], [3, 10, 4, 11], [5, 3, 6, 2], [4, 1, 8, 12], [9, 7, 10, 5], [11, 9, 12, 8]],
    [[1, 7, 2, 8], [4, 13, 5, 14], [5, 9, 6, 8], [7, 3, 6, 2], [10, 15, 11, 16], [12, 9, 13, 10], [14, 3, 15, 4],
     [16, 11, 1, 12]],
]


@pytest.fixture(scope="module", autouse=True)
def cache(tmp_path_factory):
    """A private cache directory for the module (the library is built once, in there)."""
    path = tmp_path_factory.mktemp("pybridge-cache")
    old = os.environ.get("PYBRIDGE_CACHE_DIR")
    os.environ["PYBRIDGE_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        del os.environ["PYBRIDGE_CACHE_DIR"]
    else:
        os.environ["PYBRIDGE_CACHE_DIR"] = old


def knot_state(name: str) -> PDState:
    return PDState.from_pd(parse_spec(name).pd)


def unknot_state(length: int, seed: int, roughening: int = 20) -> PDState:
    rng = random.Random(seed)
    braid, _ = unknot_instance(length, rng)
    state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    return roughen(state, roughening, rng)[0]


def certify_unknot(state: PDState, seed: int = 0) -> Certificate:
    steps = simplify_recorded(state, seed=seed, time_limit_s=20)
    return Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": "simplify_recorded", "seed": seed, "source": "test"})


def certify_ribbon(state: PDState, band_steps: list[tuple], extra=()) -> Certificate:
    after = replay(state, band_steps)
    steps = band_steps + simplify_recorded(after, seed=0, time_limit_s=10) + list(extra)
    bands = sum(step[0] == "band" for step in band_steps)
    return Certificate.create("ribbon", "pd", state.as_input(), {"bands": bands}, steps, {"source": "test"})


def make(kind, crossings, free, claim, steps) -> Certificate:
    claim_key = "bands" if kind == "ribbon" else "components"
    return Certificate.create(kind, "pd", {"pd": [list(c) for c in crossings], "free": free}, {claim_key: claim},
                              [list(step) for step in steps], {"source": "test"})


@pytest.fixture(scope="module")
def valid_certs() -> dict[str, Certificate]:
    rng = random.Random(7)
    braid, _ = scramble(40, rng, components=3, max_strands=5)
    unlink = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    certs = {
        "unknot 20": certify_unknot(unknot_state(20, 1), 1),
        "unknot 60": certify_unknot(unknot_state(60, 2), 2),
        "unknot 60 roughened": certify_unknot(unknot_state(60, 5, roughening=60)),
        "unlink 3": Certificate.create("unlink", "pd", unlink.as_input(), {"components": 3},
                                       simplify_recorded(unlink, seed=0, time_limit_s=10)),
        "6_1 ribbon": certify_ribbon(knot_state("6_1"), STEVEDORE_BAND),
        "8_20 ribbon": certify_ribbon(knot_state("8_20"), EIGHT_TWENTY_BAND),
        "8_20 ribbon capped": certify_ribbon(knot_state("8_20"), EIGHT_TWENTY_BAND, [("remove_free",)]),
    }
    for name, cert in certs.items():
        assert check_certificate(cert).valid, name
    return certs


def test_pd_library_theorems_are_closed(cache):
    coqc = prover.find_coqc()
    theories, _ = prover.build_library(coqc, prover.coqc_version(coqc))
    names = ["check_pd_sound_unlink", "check_pd_sound_unknot", "check_pd_sound_ribbon", "check_pd_input_valid"]
    source = "Require Import KnotCert.PD.\n" + "".join(f"Print Assumptions {n}.\n" for n in names)
    (cache / "LibPD.v").write_text(source)
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "LibPD.v"], cwd=cache, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.strip()] == [prover.CLOSED] * len(names)


def test_dependency_order_builds_pd_after_braid():
    sources = prover.library_sources(prover.library_dir())
    order = prover.dependency_order(sources)
    assert "PD" in order and order.index("Braid") < order.index("PD")


def test_valid_pd_certificates_are_accepted(valid_certs):
    names = sorted(valid_certs)
    results = prover.check_with_coq([valid_certs[n] for n in names])
    for name, result in zip(names, results):
        assert result.valid, (name, result.reason)
        assert prover.CLOSED in result.reason


def test_exported_pd_file_shape(valid_certs):
    text = export.render_coq(valid_certs["8_20 ribbon"])
    assert ("Require Import KnotCert.PD KnotCert.PDSpec KnotCert.PDInsertSpec KnotCert.PDBandSpec "
            "KnotCert.PDComponents.\n") in text
    assert "KnotCert.Braid" not in text
    assert "Lemma cert_check : check_pd cert = true.\nProof. vm_compute. reflexivity. Qed.\n" in text
    assert ("Theorem cert_claim : (exists f d : nat, SpecRibbonMovie 1 d cert_input (pd_trivial f) /\\ "
            "(f + d = 2)%nat /\\ link_components cert_input = Some 1%nat) /\\ Components cert_input 1.") in text
    assert prover.audit_source(text) == ""
    unknot = export.render_coq(valid_certs["unknot 20"])
    assert "Theorem cert_claim : SpecEquiv cert_input (pd_trivial 1) /\\ Components cert_input 1." in unknot
    assert "pd_unlink_components cert cert_check" in unknot
    assert "pd_spec_unknot cert cert_check" in unknot
    assert export.module_name(valid_certs["unknot 20"]) == f"Cert_{valid_certs['unknot 20'].sha256[:12]}"


def tampered(valid: dict[str, Certificate]) -> dict[str, Certificate]:
    """Certificates with a correct hash but a wrong step, label, side, twist or claim."""
    unknot, ribbon, unlink = valid["unknot 60 roughened"], valid["6_1 ribbon"], valid["unlink 3"]

    def edit(cert, index_of, position, value, kind=None, claim=None):
        steps = [list(s) for s in cert.steps]
        index = next(k for k, s in enumerate(steps) if s[0] == index_of) if isinstance(index_of, str) else index_of
        steps[index][position] = value(steps[index]) if callable(value) else value
        claim_ = claim or cert.claim
        return Certificate.create(kind or cert.kind, "pd", cert.input, claim_, steps, {"source": "tampered"})

    def with_steps(cert, steps, kind=None, claim=None):
        return Certificate.create(kind or cert.kind, "pd", cert.input, claim or cert.claim, steps)

    three = PDState(TWO_CIRCLES, 1)
    join = next(m for m in band_moves(three) if replay(three, [m]).components == 2)
    rotated = [list(c) for c in unknot.input["pd"]]
    rotated[0] = rotated[0][2:] + rotated[0][:2]
    return {
        "r1_remove index": edit(unknot, "r1_remove", 1, lambda s: s[1] + 1),
        "r2_remove same crossing": edit(unknot, "r2_remove", 2, lambda s: s[1]),
        "r3 label": edit(unknot, "r3", 1, 10**6),
        "r3 side out of range": edit(unknot, "r3", 2, 2),
        "r3 other side": edit(unknot, "r3", 2, lambda s: 1 - s[2]),
        "band twist": edit(ribbon, "band", 4, 1),
        "band side": edit(ribbon, "band", 3, 1),
        "band twist too large": edit(ribbon, "band", 4, 11),
        "r2_add side": edit(ribbon, "r2_add", 3, 1),
        "dropped step": with_steps(unknot, list(unknot.steps[1:])),
        "swapped steps": with_steps(unknot, [unknot.steps[1], unknot.steps[0]] + list(unknot.steps[2:])),
        "dropped last step": with_steps(unknot, list(unknot.steps[:-1])),
        "unlink components": with_steps(unlink, list(unlink.steps), claim={"components": 2}),
        "ribbon bands": with_steps(ribbon, list(ribbon.steps), claim={"bands": 2}),
        "band in an unlink": with_steps(ribbon, list(ribbon.steps), kind="unlink", claim={"components": 2}),
        "remove_free in an unknot": with_steps(unknot, list(unknot.steps) + [("remove_free",)]),
        "remove_free without free": with_steps(ribbon, list(ribbon.steps) + [("remove_free",)] * 3),
        "ribbon input not a knot": certify_ribbon(three, [join]),
        "input not oriented": Certificate.create("unknot", "pd", {"pd": rotated, "free": 0}, unknot.claim,
                                                 unknot.steps),
        "input label thrice": make("unknot", [(1, 1, 2, 2), (1, 3, 4, 3)], 0, 1, []),
        "input not planar": make("unlink", [(1, 2, 3, 4), (3, 2, 1, 4)], 0, 1, [("r2_remove", 0, 1)]),
    }


def test_tampered_pd_certificates_are_rejected_by_python_and_coq(valid_certs):
    certs = tampered(valid_certs)
    for name, cert in certs.items():
        assert not check_certificate(cert).valid, name
    results = prover.check_with_coq(list(certs.values()))
    for name, result in zip(certs, results):
        assert not result.valid, name
        assert result.reason.startswith(("coqc exited", "not exportable")), (name, result.reason)


def test_impossible_pd_arguments_are_refused_not_rendered(valid_certs):
    cert = valid_certs["unknot 20"]
    for bad in (["r1_remove", -1], ["r3", 0, 0], ["r3", 5, 10], ["r1_remove", 10**7], ["band", -2, 3, 0, 0]):
        forged = Certificate.create("unknot", "pd", cert.input, cert.claim, [bad] + [list(s) for s in cert.steps])
        assert not check_certificate(forged).valid
        with pytest.raises(ExportError):
            export.render_coq(forged)
    (result,) = prover.check_with_coq([forged])
    assert not result.valid and result.reason.startswith("not exportable")


def test_pd_provenance_cannot_inject(valid_certs):
    cert = valid_certs["8_20 ribbon"]
    nasty = Certificate.create("ribbon", "pd", cert.input, cert.claim, cert.steps,
                               {"source": '"). Axiom False. (* *) Print Assumptions cert_claim.'})
    text = export.render_coq(nasty)
    assert prover.audit_source(text) == "" and "Axiom" not in text


# ------------------------------------------------------------------------------------------------
# Differential test: Coq's check_pd against Python's check_certificate on random walks
# ------------------------------------------------------------------------------------------------

ALL_KINDS = ("r1_remove", "r1_add", "r2_remove", "r2_add", "r3", "band", "remove_free")


def random_step(rnd: random.Random, name: str, diagram: PDDiagram) -> tuple:
    """``name`` with random, small (often illegal) arguments."""
    labels = sorted(pd_positions(diagram.crossings)) or [1]
    label = lambda: rnd.choice(labels + [labels[-1] + 1, labels[-1] + 3])  # noqa: E731
    index = lambda: rnd.randint(0, len(diagram.crossings) + 1)  # noqa: E731
    side = lambda: rnd.choice([0, 1, 0, 1, 2])  # noqa: E731
    return {
        "r1_remove": lambda: (name, index()),
        "r1_add": lambda: (name, label(), side(), rnd.choice([1, -1, 1, -1, 0, 2])),
        "r2_remove": lambda: (name, index(), index()),
        "r2_add": lambda: (name, label(), label(), side()),
        "r3": lambda: (name, label(), side()),
        "band": lambda: (name, label(), label(), side(), rnd.choice([0, 0, 1, -1, 2, -3, 11])),
        "remove_free": lambda: (name,),
    }[name]()


def random_pd_certificate(rnd: random.Random, pool: list[tuple[PDState, list, bool, str]]) -> Certificate:
    """A random walk in the PD calculus: mostly legal moves, at most one illegal one, random claims.

    A pool entry is ``(start, prefix, simplifiable, kinds)``: ``prefix`` (a known band, for the ribbon
    knots) is replayed first, the walk is finished by the recorded simplifier when it can reach no
    crossings, and the kind is drawn from ``kinds`` (mostly the ones that fit the start).
    """
    start, prefix, simplifiable, fitting = rnd.choice(pool)
    kind = rnd.choice(fitting.split() * 4 + ["unknot", "unlink", "ribbon"])
    ribbon_moves = rnd.random() < (0.3 if kind == "ribbon" else 0.05)
    kinds = list(ALL_KINDS[:5]) + (["band", "remove_free"] if ribbon_moves else [])
    state, steps = PDState(start.crossings, start.free), []
    illegal_at = rnd.randint(0, 20)
    planned = list(prefix) + [None] * rnd.randint(0, 6)
    for index, planned_move in enumerate(planned):
        move = planned_move
        if move is None and rnd.random() < 0.6:
            name = rnd.choice(kinds)
            options = legal_pd_moves(state, [name], twists=(0, 1, -1)) if len(state.crossings) < 30 else []
            move = rnd.choice(options) if options else None
        move = move or random_step(rnd, rnd.choice(kinds), state.diagram)
        try:
            new = PDState.of(apply_pd_move(state.diagram, move))
        except (IllegalMove, InvalidDiagram):
            if index != illegal_at:
                continue
            new = state
        steps.append(move)
        state = new
    if simplifiable and rnd.random() < 0.85 and state.crossings:
        tail = simplify_recorded(state, seed=rnd.randint(0, 9), time_limit_s=0.3, max_steps=150)
        steps += tail
        state = replay(state, tail)
    if kind == "ribbon" and rnd.random() < 0.3:
        steps += [("remove_free",)] * rnd.randint(0, state.free + 1)
    bands = sum(step[0] == "band" for step in steps)
    if kind == "unknot":
        claim = {"components": 1}
    elif kind == "ribbon":
        claim = {"bands": max(1, bands + rnd.choice([0, 0, 0, 0, 1, -1]))}
    else:
        claim = {"components": max(1, state.free + rnd.choice([0, 0, 0, 0, 1, -1]))}
    crossings = [list(c) for c in start.crossings]
    if crossings and rnd.random() < 0.1:  # tamper with the input: a rotated crossing or two swapped labels
        i, j = rnd.randrange(len(crossings)), rnd.randrange(len(crossings))
        if rnd.random() < 0.5:
            crossings[i] = crossings[i][1:] + crossings[i][:1]
        else:
            p, q = rnd.randrange(4), rnd.randrange(4)
            crossings[i][p], crossings[j][q] = crossings[j][q], crossings[i][p]
    return Certificate.create(kind, "pd", {"pd": crossings, "free": start.free}, claim,
                              [list(s) for s in steps], {"source": "random"})


def differential_pool() -> list[tuple[PDState, list, bool, str]]:
    rng = random.Random(3)
    braid, _ = scramble(12, rng, components=2, max_strands=4)
    unlink = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    return [
        (knot_state("6_1"), STEVEDORE_BAND, True, "ribbon"), (knot_state("8_20"), EIGHT_TWENTY_BAND, True, "ribbon"),
        (knot_state("3_1"), [], False, "unknot"), (knot_state("4_1"), [], False, "ribbon"),
        (PDState(TWO_CIRCLES, 0), [], True, "unlink"), (PDState(TWO_CIRCLES, 1), [], True, "unlink"),
        (unlink, [], True, "unlink"), (unknot_state(8, 1, 4), [], True, "unknot unlink"),
        (unknot_state(12, 2, 6), [], True, "unknot"), (unknot_state(16, 3, 2), [], True, "unknot"),
    ]


def coq_term(cert: Certificate) -> str:
    """``mk_pd_cert ...`` for ``cert``, built from the exporter's pieces."""
    state, crossings = export.render_pd_input(cert.input)
    steps = "; ".join(export.render_pd_step(step, k, 10**5) for k, step in enumerate(cert.steps))
    claim = cert.claim["bands" if cert.kind == "ribbon" else "components"]
    return f"mk_pd_cert {export.COQ_KIND[cert.kind]} ({state}) {claim} [{steps}]"


def python_trace(cert: Certificate) -> list[int]:
    """What the Coq side prints for ``cert`` (see ``COQ_TRACE``), computed by the Python checker:
    ``validate_pd`` of the input (0/1), its link components (+1, 0 if it is not oriented), and the
    state after replaying every step (``[1, free, bands, deaths, labels...]``, ``[]`` if a step fails)."""
    crossings = tuple(tuple(c) for c in cert.input["pd"])
    try:
        validate_pd(crossings)
    except InvalidDiagram:
        return [0]
    state = PDDiagram(crossings, cert.input["free"])
    trace = [1, link_components(state) + 1]
    bands = deaths = 0
    for move in cert.steps:
        if move[0] in RIBBON_ONLY and cert.kind != "ribbon":
            return trace
        try:
            state = apply_pd_move(state, move)
        except (IllegalMove, InvalidDiagram):
            return trace
        bands, deaths = bands + (move[0] == "band"), deaths + (move[0] == "remove_free")
    return trace + [1, state.free, bands, deaths] + [x for c in state.crossings for x in c]


#: the Coq mirror of :func:`python_trace`
COQ_TRACE = """
Open Scope N_scope.
Definition flat_state (o : option (pd_state * nat * nat)) : list N :=
  match o with
  | None => []
  | Some (s, b, d) =>
      1 :: N.of_nat (free s) :: N.of_nat b :: N.of_nat d
        :: flat_map (fun x => match x with (a, b', c, d') => [Npos a; Npos b'; Npos c; Npos d'] end) (crossings s)
  end.
Definition trace (c : pd_cert) : list N :=
  if validate_pd (crossings (pd_input c)) then
    1 :: match link_components (pd_input c) with Some k => N.of_nat (S k) | None => 0 end
      :: flat_state (run_pd (pd_kind c) (pd_input c) (pd_steps c) 0 0)
  else [0].
"""


def test_coq_check_pd_agrees_with_python_on_random_certificates(cache):
    """Verdicts (``check_pd``) and, step by step, states: Coq's replay must produce the same labels."""
    rnd = random.Random(20250611)
    pool = differential_pool()
    certs, refused = [], 0
    while len(certs) < 200:
        cert = random_pd_certificate(rnd, pool)
        try:
            coq_term(cert)
        except ExportError:  # an argument that can never be legal: the exporter refuses it
            assert not check_certificate(cert).valid
            refused += 1
            continue
        certs.append(cert)
    certs += [make("unlink", crossings, 0, 1, []) for crossings in NOT_PLANAR]
    expected = [check_certificate(cert).valid for cert in certs]
    assert 40 < sum(expected) < 160, sum(expected)  # both verdicts are well represented
    traces = [python_trace(cert) for cert in certs]
    assert sum(len(t) > 2 for t in traces) > 50  # many walks replay to the end
    assert sum(t == [0] for t in traces) >= len(NOT_PLANAR)
    coqc = prover.find_coqc()
    theories, _ = prover.build_library(coqc, prover.coqc_version(coqc))
    source = ["From Coq Require Import ZArith List.", "Require Import KnotCert.PD.", "Import ListNotations.",
              "Open Scope positive_scope."]
    source += [f"Definition c{k} : pd_cert := {coq_term(cert)}." for k, cert in enumerate(certs)]
    names = "; ".join(f"c{k}" for k in range(len(certs)))
    source += [f"Definition all_certs := [{names}].", COQ_TRACE, "Eval vm_compute in map check_pd all_certs.",
               "Eval vm_compute in map trace all_certs."]
    (cache / "DifferentialPD.v").write_text("\n".join(source) + "\n")
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "DifferentialPD.v"], cwd=cache,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    verdict_text, trace_text = re.findall(r"=\s*(\[.*?\])\s*:\s*list", done.stdout, re.S)
    got = [v.strip() == "true" for v in verdict_text.strip("[]").split(";")]
    mismatches = [(k, certs[k].kind, expected[k], check_certificate(certs[k]).reason)
                  for k in range(len(certs)) if got[k] != expected[k]]
    assert not mismatches, mismatches[:5]
    got_traces = ast.literal_eval(" ".join(trace_text.split()).replace(";", ","))
    differ = [k for k in range(len(certs)) if got_traces[k] != traces[k]]
    assert not differ, [(k, certs[k].steps, traces[k][:12], got_traces[k][:12]) for k in differ[:3]]


def test_long_pd_certificate_compiles():
    """A ~500-step certificate on a ~150-crossing diagram: roughened by recorded moves, then simplified."""
    rng = random.Random(11)
    start = unknot_state(60, 5, roughening=60)
    rough, rough_steps = roughen(start, 220, rng, p_r2=0.4, p_r1=0.05)
    steps = rough_steps + simplify_recorded(rough, seed=1, time_limit_s=20)
    cert = Certificate.create("unknot", "pd", start.as_input(), {"components": 1}, steps, {"source": "long"})
    assert len(cert.steps) >= 400 and check_certificate(cert).valid
    (result,) = prover.check_with_coq([cert], timeout_s=120)
    assert result.valid, result.reason
    assert result.seconds < 30
