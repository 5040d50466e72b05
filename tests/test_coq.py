"""The Coq side: the KnotCert library, the exporter (pybridge.export.coq) and the runner (pybridge.prover.coq).

Every certificate here is first judged by the trusted Python checker; Coq must agree with it.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import shutil
import subprocess

import pytest

from pybridge.certs.checker import IllegalMove, apply_move, check_certificate, components
from pybridge.certs.model import Certificate
from pybridge.errors import ExportError, ToolMissingError
from pybridge.export import coq as export
from pybridge.prover import coq as prover

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None, reason="coqc not installed; `make test` installs Debian's coq when run as root"
)


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


def make(kind, strands, word, claim, steps, **provenance):
    claim_key = "bands" if kind == "ribbon" else "components"
    return Certificate.create(kind, "braid", {"strands": strands, "word": word}, {claim_key: claim},
                              [list(step) for step in steps], provenance or {"source": "test"})


ALL_MOVES = [  # unknot (4, [1, 3, 2]) using every isotopy move
    ("commute", 0), ("rotate", 1), ("insert", 0, 1), ("cancel", 0), ("stabilize", -1), ("destabilize",),
    ("destabilize",), ("insert", 2, 1), ("braid", 0), ("rotate", 3), ("braid", 1), ("cancel", 0),
    ("rotate", 1), ("destabilize",), ("destabilize",),
]
#: 3_1 # 3_1* (square knot): one band turns it into beta sigma_2 beta^-1, the 2-component unlink
SQUARE_KNOT = [-2, 1, 1, 1, 2, -1, -1, -1]
RIBBON_STEPS = [("smooth", 0), ("rotate", 3), ("cancel", 3), ("cancel", 2), ("cancel", 1), ("destabilize",)]


def valid_certs() -> list[Certificate]:
    return [
        make("unknot", 2, [1], 1, [("destabilize",)]),
        make("unknot", 3, [1, 2], 1, [("destabilize",), ("destabilize",)]),
        make("unknot", 4, [1, 3, 2], 1, ALL_MOVES),
        make("unlink", 3, [1, 2, -1], 2, [("rotate", 1), ("cancel", 1), ("destabilize",)]),
        make("ribbon", 3, SQUARE_KNOT, 1, RIBBON_STEPS, source="3_1#3_1*"),
        make("ribbon", 3, [2, 1, 1, 1, 2, -1, -1, -1], 1, RIBBON_STEPS, source="8_20"),
    ]


def tampered_certs() -> dict[str, Certificate]:
    moves = list(ALL_MOVES)
    swapped = moves[:2] + [moves[3], moves[2]] + moves[4:]
    return {
        "wrong position": make("unknot", 4, [1, 3, 2], 1, [("commute", 1)] + moves[1:]),
        "wrong generator": make("unknot", 3, [1, -1], 1, [("destabilize",), ("destabilize",)]),
        "wrong strand count": make("unknot", 4, [1, 2], 1, [("destabilize",), ("destabilize",)]),
        "dropped step": make("unknot", 4, [1, 3, 2], 1, moves[:5] + moves[6:]),
        "swapped steps": make("unknot", 4, [1, 3, 2], 1, swapped),
        "wrong components": make("unlink", 3, [1, 2, -1], 3, [("rotate", 1), ("cancel", 1), ("destabilize",)]),
        "unknot is an unlink": make("unknot", 3, [1], 1, [("destabilize",)]),
        "smooth in an unlink": make("unlink", 2, [1, -1], 2, [("smooth", 0), ("smooth", 0)]),
        "wrong bands": make("ribbon", 3, SQUARE_KNOT, 2, RIBBON_STEPS),
        "ribbon input not a knot": make("ribbon", 3, [1, -1], 2, [("smooth", 0), ("smooth", 0)]),
        "word left over": make("unlink", 2, [1, -1], 2, []),
    }


def test_examples_agree_with_python_checker():
    assert components(3, SQUARE_KNOT) == 1
    for cert in valid_certs():
        assert check_certificate(cert).valid, cert
    for name, cert in tampered_certs().items():
        assert not check_certificate(cert).valid, name


def test_library_theorems_are_closed(cache):
    coqc = prover.find_coqc()
    theories, _ = prover.build_library(coqc, prover.coqc_version(coqc))
    names = ["check_sound_unlink", "check_sound_unknot", "check_sound_ribbon", "check_input_valid",
             "apply_move_valid", "Equiv_valid", "BandReach_valid", "apply_move_spec", "apply_smooth_spec",
             "check_spec_unknot", "check_spec_unlink", "check_spec_ribbon"]
    source = ("Require Import KnotCert.Braid KnotCert.BraidValid KnotCert.BraidSpec.\n"
              + "".join(f"Print Assumptions {n}.\n" for n in names))
    (cache / "Lib.v").write_text(source)
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "Lib.v"], cwd=cache, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.strip()] == [prover.CLOSED] * len(names)


SPEC_MODULES = sorted(path.stem for path in (prover.library_dir() / "theories").glob("*.v")
                      if path.stem.endswith("Spec") or path.stem in ("BraidCycles", "PDComponents"))


def test_every_theorem_of_the_specifications_is_closed(cache):
    """Every Theorem/Corollary of the textbook-specification modules uses no axiom."""
    assert {"BraidSpec", "BraidCycles", "PDComponents"} <= set(SPEC_MODULES)
    coqc = prover.find_coqc()
    theories, _ = prover.build_library(coqc, prover.coqc_version(coqc))
    names = []
    for module in SPEC_MODULES:
        text = (theories / f"{module}.v").read_text(encoding="utf-8")
        names += [f"KnotCert.{module}.{name}" for name in re.findall(r"^\s*(?:Theorem|Corollary)\s+(\w+)", text, re.M)]
    assert len(names) >= 8
    source = "".join(f"Require KnotCert.{module}.\n" for module in SPEC_MODULES)
    source += "".join(f"Print Assumptions {name}.\n" for name in names)
    (cache / "Spec.v").write_text(source)
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "Spec.v"], cwd=cache, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.strip()] == [prover.CLOSED] * len(names), names


def test_library_has_no_escape_hatches():
    for path in (prover.library_dir() / "theories").glob("*.v"):
        text = path.read_text()
        for word in ("Admitted", "admit", "Axiom", "Parameter", "Hypothesis", "Conjecture", "native_compute"):
            assert word not in text, (path, word)


def test_valid_certificates_are_accepted_then_cached():
    certs = valid_certs()
    results = prover.check_with_coq(certs)
    for cert, result in zip(certs, results):
        assert result.sha256 == cert.sha256 and result.kernel == "coq"
        assert result.valid, result.reason
        assert prover.CLOSED in result.reason and not result.cached
    assert not any(r.cached for r in prover.check_with_coq(certs[:1]))  # by default every check compiles
    again = prover.check_with_coq(certs, use_cache=True)
    assert all(r.valid and r.cached for r in again)
    assert all(r.tool_version == results[0].tool_version != "" for r in again)


@pytest.mark.parametrize("name", sorted(tampered_certs()))
def test_tampered_certificates_are_rejected(name):
    cert = tampered_certs()[name]
    assert not check_certificate(cert).valid
    (result,) = prover.check_with_coq([cert])
    assert not result.valid
    assert result.reason.startswith(("coqc exited", "not exportable")), result.reason


def test_forged_hash_is_rejected():
    good = valid_certs()[2]
    prover.check_with_coq([good])  # a cached valid verdict exists for good.sha256
    forged = dataclasses.replace(good, steps=good.steps[:-1])  # same sha256, other contents
    (result,) = prover.check_with_coq([forged])
    assert not result.valid and "sha256" in result.reason
    with pytest.raises(ExportError):
        export.render_coq(dataclasses.replace(good, sha256="); Axiom False. (*"))


def test_impossible_positions_are_refused_not_rendered():
    cert = make("unknot", 2, [1], 1, [("cancel", 2**31 - 1), ("destabilize",)])
    with pytest.raises(ExportError):
        export.render_coq(cert)
    (result,) = prover.check_with_coq([cert])
    assert not result.valid and result.reason.startswith("not exportable")


NASTY = {
    "source": '"). Axiom False. (* *) Print Assumptions cert_claim.',
    "agent": "x\n*)\nAxiom f : False.\n(*",
    "note": "ünïcødé ✓ \u202e \x00",
    "version": "Closed under the global context",
    "created": "Admitted. admit. Unset Guard Checking.",
}


@pytest.mark.parametrize("source", list(NASTY.values()) + ["3_1#3_1*", "AXIOM", "a" * 500])
def test_provenance_cannot_inject(source):
    cert = make("unknot", 2, [1], 1, [("destabilize",)], **(NASTY | {"source": source}))
    text = export.render_coq(cert)
    assert text.isascii() and '"' not in text
    assert text.count("(*") == 2 and text.count("*)") == 2
    assert "Axiom" not in text and "dmit" not in text and "Unset" not in text
    assert text.count("Print Assumptions") == 1 and "Closed" not in text
    assert prover.audit_source(text) == ""


def test_nasty_provenance_certificate_proves_only_its_claim():
    cert = make("ribbon", 3, SQUARE_KNOT, 1, RIBBON_STEPS, **NASTY)
    (result,) = prover.check_with_coq([cert])
    assert result.valid, result.reason
    text = export.render_coq(cert)
    assert ("Theorem cert_claim : is_braid cert_input /\\ RibbonChain 1 cert_input (trivial 2) "
            "/\\ components cert_input = 1%nat.") in text
    assert "mk_state 3 [(-2); 1; 1; 1; 2; (-1); (-1); (-1)]" in text


@pytest.mark.parametrize("bad", ["Admitted.", "Axiom x : False.", "Proof. admit.", "native_compute",
                                 "Unset Guard Checking.", '"string"', "(* extra comment *)", "é"])
def test_audit_rejects_escape_hatches(bad):
    text = export.render_coq(valid_certs()[0])
    assert prover.audit_source(text) == ""
    assert prover.audit_source(text + bad + "\n") != ""


def test_assumptions_must_be_closed():
    assert prover.assumptions_reason(prover.CLOSED + "\n") == ""
    assert prover.assumptions_reason("Axioms:\nfoo : False\n") != ""
    assert prover.assumptions_reason(prover.CLOSED + "\n" + prover.CLOSED) != ""
    assert prover.assumptions_reason("") != ""


def test_timeout_is_invalid_and_not_cached():
    cert = make("unknot", 3, [1, 2], 1, [("destabilize",), ("destabilize",)], source="timeout")
    (result,) = prover.check_with_coq([cert], timeout_s=0.01)
    assert not result.valid and result.reason.startswith("timeout")
    (result,) = prover.check_with_coq([cert])
    assert result.valid and not result.cached


def test_long_certificate_compiles():
    steps = []
    for k in range(1000):
        steps += [("insert", k % 3, 1 + k % 2), ("cancel", k % 3)]
    cert = make("unknot", 3, [1, 2], 1, steps + [("destabilize",), ("destabilize",)])
    assert len(cert.steps) == 2002 and check_certificate(cert).valid
    (result,) = prover.check_with_coq([cert], timeout_s=60)
    assert result.valid, result.reason
    assert result.seconds < 30


def test_write_coq_exports(tmp_path):
    certs = valid_certs()[:2]
    paths = export.write_coq_exports(certs, tmp_path / "out")
    assert [p.name for p in paths] == [f"Cert_{c.sha256[:12]}.v" for c in certs]
    assert paths[0].read_text() == export.render_coq(certs[0])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_missing_coqc_says_how_to_install(monkeypatch):
    monkeypatch.setattr(prover.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissingError, match="apt-get install -y coq"):
        prover.check_with_coq(valid_certs()[:1])


def finish(state, steps, smooth_allowed):
    """Greedily empty the word: cancel, destabilize, rotate, and (for ribbon) smooth; append the steps."""
    for _ in range(40):
        length = len(state[1])
        candidates = [("cancel", i) for i in range(length)] + [("destabilize",)] + [("rotate", 1)] * (length > 1)
        candidates += [("smooth", 0)] * (smooth_allowed and length > 0)
        for move in candidates:
            try:
                state = apply_move(*state, move)
            except IllegalMove:
                continue
            steps.append(move)
            break
        if not state[1]:
            break
    return state


def random_move(rnd, name, state) -> tuple:
    """``name`` with random, small (often illegal) arguments for ``state``."""
    size = len(state[1]) + 1
    if name == "insert":
        return (name, rnd.randint(0, size), rnd.randint(-state[0], state[0]))
    if name == "stabilize":
        return (name, rnd.choice([1, -1, 1, -1, 0, 2]))
    if name == "destabilize":
        return (name,)
    return (name, rnd.randint(0, size))


def random_certificate(rnd) -> Certificate:
    """A random walk in the braid calculus: mostly legal moves, some illegal ones, random claims."""
    strands = rnd.randint(1, 4)
    word = [rnd.choice([1, -1]) * rnd.randint(1, strands - 1) for _ in range(rnd.randint(0, 6))] if strands > 1 else []
    kind = rnd.choice(["unknot", "unlink", "ribbon"])
    state, steps = (strands, list(word)), []
    names = ["cancel", "insert", "commute", "braid", "rotate", "stabilize", "destabilize"]
    names += ["smooth"] * (kind == "ribbon" or rnd.random() < 0.05)
    illegal_at = rnd.randint(0, 60)  # one illegal step, if the walk gets that far
    for index in range(rnd.randint(0, 12)):
        for _attempt in range(30):
            move = random_move(rnd, rnd.choice(names), state)
            try:
                new = apply_move(*state, move)
            except IllegalMove:
                if index != illegal_at:
                    continue
                new = state
            steps.append(move)
            state = new
            break
    if rnd.random() < 0.8:
        state = finish(state, steps, kind == "ribbon")
    smooths = sum(step[0] == "smooth" for step in steps)
    if kind == "unknot":
        claim = 1
    elif kind == "ribbon":
        claim = max(1, smooths + rnd.choice([0, 0, 0, 1, -1]))
    else:
        claim = max(1, state[0] + rnd.choice([0, 0, 0, 1, -1]))
    return make(kind, strands, word, claim, steps)


def coq_term(cert: Certificate) -> str:
    """``mk_cert ...`` for ``cert``, built from the exporter's pieces."""
    key = "bands" if cert.kind == "ribbon" else "components"
    steps = "; ".join(export.render_step(step, k, 10**6) for k, step in enumerate(cert.steps))
    word = export.render_word(cert.input["word"], "word")
    return f"mk_cert {export.COQ_KIND[cert.kind]} (mk_state {cert.input['strands']} {word}) {cert.claim[key]} [{steps}]"


def test_coq_check_agrees_with_python_checker_on_random_certificates(cache):
    rnd = random.Random(20240611)
    certs = [random_certificate(rnd) for _ in range(600)]
    expected = [check_certificate(cert).valid for cert in certs]
    assert 100 < sum(expected) < 500  # both verdicts are well represented
    coqc = prover.find_coqc()
    theories, _ = prover.build_library(coqc, prover.coqc_version(coqc))
    source = ["From Coq Require Import ZArith List.", "Require Import KnotCert.Braid.", "Import ListNotations.",
              "Open Scope Z_scope."]
    source += [f"Definition c{k} : cert := {coq_term(cert)}." for k, cert in enumerate(certs)]
    source.append(f"Eval vm_compute in map check [{'; '.join(f'c{k}' for k in range(len(certs)))}].")
    (cache / "Differential.v").write_text("\n".join(source) + "\n")
    done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", "Differential.v"], cwd=cache,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    verdicts = done.stdout.split("=", 1)[1].split(":", 1)[0].replace("[", "").replace("]", "")
    assert [v.strip() == "true" for v in verdicts.split(";")] == expected
