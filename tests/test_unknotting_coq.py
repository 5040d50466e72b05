"""Unknotting certificates under the Coq kernel (issue 20): verdicts on valid and tampered certificates,
the closed soundness theorem of ``coq/theories/UnknottingSpec.v``, and a planted bug that the specification
catches."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pybridge.certs.checker import check_certificate
from pybridge.certs.model import Certificate

pytestmark = pytest.mark.skipif(shutil.which("coqc") is None,
                                reason="coqc not installed (make test installs Debian's coq when run as root)")

TREFOIL = [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]
TREFOIL_STEPS = [["crossing_change", 0], ["r2_remove", 0, 1], ["r1_remove", 0]]


def make(pd, changes, steps) -> Certificate:
    return Certificate.create("unknotting", "pd", {"pd": pd, "free": 0}, {"changes": changes},
                              [list(s) for s in steps], {"source": "test"})


@pytest.fixture(scope="module")
def theories() -> Path:
    """The verified compiled KnotCert library (built from coq/theories, cached under the user cache)."""
    from pybridge.prover import coq as prover

    coqc = prover.find_coqc()
    return prover.prepare_library(coqc, prover.coqc_version(coqc)).theories


def wrong_crossing_certificate() -> Certificate:
    """A 6_2 certificate whose crossing change was moved to a crossing that cannot unknot it."""
    from pybridge.knots import parse_spec
    from pybridge.moves.pd import PDState, replay
    from pybridge.unknotting.certify import certify_unknotting
    from pybridge.unknotting.search import changed, knot_invariants

    cert = certify_unknotting(parse_spec("6_2"), budget_s=60, seed=0).certificate
    steps = [list(s) for s in cert.steps]
    k = next(k for k, s in enumerate(steps) if s[0] == "crossing_change")
    before = replay(PDState(tuple(map(tuple, cert.input["pd"]))), steps[:k])
    steps[k] = ["crossing_change", next(j for j in range(len(before.crossings))
                                        if knot_invariants(changed(before, j))[0] != 1)]
    return make(cert.input["pd"], 1, steps)


def test_coq_accepts_the_valid_and_rejects_every_tampered_certificate(theories):
    from pybridge.prover.coq import check_with_coq

    certs = [
        make(TREFOIL, 1, TREFOIL_STEPS),  # valid
        make(TREFOIL, 0, TREFOIL_STEPS),  # claim k - 1
        wrong_crossing_certificate(),  # wrong crossing changed
        make(TREFOIL, 1, [["crossing_change", 0], ["r1_remove", 0], ["r1_remove", 0]]),  # edited step
    ]
    python = [check_certificate(c).valid for c in certs]
    coq = [r.valid for r in check_with_coq(certs, jobs=1)]
    assert python == coq == [True, False, False, False]


def test_soundness_theorem_is_closed(theories, tmp_path):
    (tmp_path / "Audit.v").write_text(
        "Require Import KnotCert.UnknottingSpec.\n"
        "Print Assumptions KnotCert.UnknottingSpec.unknotting_spec_sound.\n"
        "Print Assumptions KnotCert.UnknottingSpec.no_zero_change_certificate_for_trefoil.\n")
    done = subprocess.run(["coqc", "-Q", str(theories), "KnotCert", "Audit.v"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n").count("Closed under the global context") == 2, done.stdout


def test_a_wrong_crossing_change_breaks_the_specification(theories, tmp_path):
    """A planted bug: the checker 'changes' a crossing by leaving it as it is in one of the two readings.
    Unknotting.v still compiles (its soundness is about its own function), UnknottingSpec.v does not."""
    lib = tmp_path / "theories"
    shutil.copytree(theories, lib)
    source = (lib / "Unknotting.v").read_text()
    good = "match x with (a, b, c, d) => if d_enters then (d, a, b, c) else (b, c, d, a) end."
    assert good in source
    (lib / "Unknotting.v").write_text(source.replace(good, good.replace("(d, a, b, c)", "(a, b, c, d)")))
    compile_ = lambda name: subprocess.run(["coqc", "-Q", str(lib), "KnotCert", f"{name}.v"], cwd=lib,  # noqa: E731
                                           capture_output=True, text=True, timeout=600)
    assert compile_("Unknotting").returncode == 0
    broken = compile_("UnknottingSpec")
    assert broken.returncode != 0, broken.stdout


def test_lean_chunk_states_agree_with_coq_run_u(theories, tmp_path):
    """The intermediate states a chunked Lean module writes out (replayed by the Python checker) are the
    states Coq's own run_u reaches on the same chunks (10_8 example: 21 steps, three chunks)."""
    from pybridge.certs.io import read_certificate
    from pybridge.export import coq as coq_export
    from pybridge.export import terms

    examples = Path(__file__).resolve().parents[1] / "certs" / "examples"
    cert = read_certificate(examples / "unknotting-10_8-32e924b3f83d.yaml")
    module = terms.build(cert)
    steps = next(node for node in module.definitions if isinstance(node, terms.Steps))
    chunks = terms.steps_chunks(steps, 10)[:-1]
    cert_input = next(node for node in module.definitions if getattr(node, "name", "") == "cert_input")
    boundaries = module.check.replay(10)
    assert len(chunks) == len(boundaries) == 3
    lines = ["From Coq Require Import ZArith List.\n", "Require Import KnotCert.Unknotting.\n",
             "Import ListNotations.\n", "Open Scope positive_scope.\n"]
    lines += [coq_export.definition(node, "positive") for node in chunks + [cert_input]]
    lines += [coq_export.definition(terms.Def(f"state_{i}", terms.PD_STATE, state), "positive")
              for i, (state, _, _) in enumerate(boundaries, 1)]
    counts = [0] + [k for _, k, _ in boundaries]
    for i, chunk in enumerate(chunks):
        start = "cert_input" if i == 0 else f"state_{i}"
        lines.append(f"Lemma run_{i} : run_u {start} {chunk.name} {counts[i]}%nat = Some (state_{i + 1}, "
                     f"{counts[i + 1]}%nat).\nProof. vm_compute. reflexivity. Qed.\n")
    (tmp_path / "Chunks.v").write_text("".join(lines))
    done = subprocess.run(["coqc", "-Q", str(theories), "KnotCert", "Chunks.v"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert counts == [0, 1, 2, 2]
