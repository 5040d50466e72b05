"""No trusted caches (issue 17, deliverable 5): the Coq runner's compiled-library cache and verdict cache.

Every test really runs ``coqc`` in a private cache (``PYBRIDGE_CACHE_DIR`` = a temporary directory).
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from pybridge.certs import write_certificate
from pybridge.certs.checker import check_certificate
from pybridge.certs.ledger import Ledger
from pybridge.certs.model import Certificate
from pybridge.cli import cli
from pybridge.export.coq import render_coq
from pybridge.prover import coq as prover

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None, reason="coqc not installed; `make test` installs Debian's coq when run as root"
)


def unknot(steps: int) -> Certificate:
    """The closure of sigma_1 sigma_2 on 3 strands with ``steps`` destabilisations (2 make it valid)."""
    return Certificate.create("unknot", "braid", {"strands": 3, "word": [1, 2]}, {"components": 1},
                              [["destabilize"]] * steps, {"source": "test"})


VALID = unknot(2)
INVALID = unknot(1)  # a step removed, re-sealed with a correct sha256: the Python checker rejects it


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A cache with the library compiled once for the module (copied into each test's own cache)."""
    root = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYBRIDGE_CACHE_DIR", str(root))
        prover.check_with_coq([])
    return root


@pytest.fixture
def cache(tmp_path, monkeypatch, built):
    """This test's ``<cache>/coq`` directory, holding a copy of the verified compiled library."""
    shutil.copytree(built / "coq", tmp_path / "coq", ignore=shutil.ignore_patterns("work", "verdicts"))
    monkeypatch.setenv("PYBRIDGE_CACHE_DIR", str(tmp_path))
    return tmp_path / "coq"


def library() -> prover.Library:
    coqc = prover.find_coqc()
    return prover.prepare_library(coqc, prover.coqc_version(coqc))


def forge(cert: Certificate, valid: bool, **override) -> None:
    """Write the verdict an attacker with write access to the cache would write: correctly bound to the
    certificate, its generated source and the current library manifest (unless ``override``)."""
    lib = library()
    source_hash = hashlib.sha256(render_coq(cert).encode("ascii")).hexdigest()
    record = prover.verdict_binding(cert.sha256, source_hash, lib) | override | {
        "valid": valid, "reason": "coqc proved cert_claim; Print Assumptions: " + prover.CLOSED if valid else "forged",
        "kernel": "coq", "seconds": 0.0, "cached": False, "tool_version": "8.16.1"}
    path = prover.verdict_path(cert.sha256, lib.key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record))


def test_the_certificates_are_what_the_tests_say():
    assert check_certificate(VALID).valid
    assert not check_certificate(INVALID).valid


def test_valid_certificate_is_valid_and_compiled_every_time(cache):
    for _ in range(2):
        (result,) = prover.check_with_coq([VALID])
        assert result.valid and not result.cached, result.reason
        assert prover.CLOSED in result.reason
    stored = json.loads(prover.verdict_path(VALID.sha256, library().key).read_text())
    assert stored["valid"] is True and stored["library_manifest_sha256"] == library().manifest_sha256
    (again,) = prover.check_with_coq([VALID], use_cache=True)
    assert again.valid and again.cached


def test_forged_valid_verdict_does_not_make_an_invalid_certificate_valid(cache):
    forge(INVALID, valid=True)
    (result,) = prover.check_with_coq([INVALID])
    assert not result.valid and not result.cached
    assert result.reason.startswith("coqc exited"), result.reason
    forge(INVALID, valid=True)
    (result,) = prover.check_with_coq([INVALID], use_cache=True)  # the Python checker disagrees: recompiled
    assert not result.valid and not result.cached
    assert result.reason.startswith("coqc exited"), result.reason
    stored = json.loads(prover.verdict_path(INVALID.sha256, library().key).read_text())
    assert stored["valid"] is False  # the forgery was replaced by the compiled verdict


@pytest.mark.parametrize("cached", [False, True])
def test_forged_verdict_is_rejected_by_the_cli(cache, tmp_path, cached):
    forge(INVALID, valid=True)
    path = write_certificate(INVALID, tmp_path / "certs")
    args = ["check", str(path), "--kernel", "coq", "--no-ledger"] + (["--cached"] if cached else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "REJECTED" in result.output and "cached" not in result.output


@pytest.mark.parametrize("field", ["source_sha256", "library_manifest_sha256", "library"])
def test_cached_mode_ignores_verdicts_bound_to_something_else(cache, field):
    forge(VALID, valid=False, **{field: "0" * 64})
    (result,) = prover.check_with_coq([VALID], use_cache=True)
    assert result.valid and not result.cached, result.reason


def test_cached_mode_says_so_on_screen_and_in_the_ledger(cache, tmp_path):
    """A stored (here forged) "invalid" verdict for a valid certificate is reused only under --cached, and
    marked: a forged entry can reject a valid certificate there, never accept an invalid one."""
    forge(VALID, valid=False)
    path = write_certificate(VALID, tmp_path / "certs")
    ledger = tmp_path / "ledger.sqlite"
    plain = CliRunner().invoke(cli, ["check", str(path), "--kernel", "coq", "--ledger", str(ledger)])
    assert plain.exit_code == 0, plain.output
    forge(VALID, valid=False)
    cached = CliRunner().invoke(cli, ["check", str(path), "--kernel", "coq", "--ledger", str(ledger), "--cached"])
    assert cached.exit_code == 1 and "cached" in cached.output, cached.output
    with Ledger(ledger) as book:
        rows = [row for row in book.verdict_rows() if row["kernel"] == "coq"]
    assert [row["verdict"] for row in rows] == ["valid", "invalid"]
    assert "stored verdict" not in rows[0]["message"] and "stored verdict" in rows[1]["message"]


def other_vo_bytes(theories):
    (theories / "Braid.vo").write_bytes((theories / "Plumbing.vo").read_bytes())


def truncated_vo(theories):
    data = (theories / "Braid.vo").read_bytes()
    (theories / "Braid.vo").write_bytes(data[: len(data) // 2])


def extra_vo(theories):
    (theories / "Extra.vo").write_bytes((theories / "Braid.vo").read_bytes())


def no_manifest(theories):
    (theories.parent / prover.MANIFEST).unlink()


def edited_manifest(theories):
    manifest = theories.parent / prover.MANIFEST
    manifest.write_text(manifest.read_text().replace('"compiled"', '"compiled_"'))


TAMPERINGS = {"Braid.vo replaced by Plumbing.vo": other_vo_bytes, "Braid.vo truncated": truncated_vo,
              "extra .vo": extra_vo, "manifest deleted": no_manifest, "manifest edited": edited_manifest}


def files(directory) -> dict:
    return {path.relative_to(directory).as_posix(): path.read_bytes()
            for path in directory.rglob("*") if path.is_file()}


def assert_rebuilt(theories, tampered: dict, capsys) -> None:
    """The library directory was rebuilt (said on stderr and in the log) and verifies again."""
    assert "failed verification" in capsys.readouterr().err
    assert "rebuilding" in (prover.cache_dir() / "library.log").read_text()
    rebuilt = files(theories.parent)
    assert rebuilt != tampered and "theories/Extra.vo" not in rebuilt
    manifest = json.loads(rebuilt[prover.MANIFEST])
    assert manifest["compiled"]["Braid.vo"] == hashlib.sha256(rebuilt["theories/Braid.vo"]).hexdigest()
    sources = prover.library_sources(prover.library_dir())
    assert prover.verify_library(theories.parent, sources, prover.coqc_version(prover.find_coqc())) == ""


def test_tampered_library_is_detected_and_rebuilt_with_correct_verdicts(cache, capsys):
    """The real library with Braid.vo replaced: rebuilt, and both verdicts are right."""
    theories = library().theories
    other_vo_bytes(theories)
    tampered = files(theories.parent)
    valid, invalid = prover.check_with_coq([VALID, INVALID])
    assert_rebuilt(theories, tampered, capsys)
    assert valid.valid and not valid.cached, valid.reason
    assert not invalid.valid and invalid.reason.startswith("coqc exited"), invalid.reason


SMALL_LIBRARY = {"Braid.v": "Definition one := 1.\n", "Plumbing.v": "Require Import KnotCert.Braid.\n"
                 "Definition two := one + one.\n"}


@pytest.mark.parametrize("name", sorted(TAMPERINGS))
def test_every_tampering_is_detected(tmp_path, monkeypatch, capsys, name):
    """Each kind of tampering, on a two-module stand-in library (fast to rebuild)."""
    (tmp_path / "coq" / "theories").mkdir(parents=True)
    for file, text in SMALL_LIBRARY.items():
        (tmp_path / "coq" / "theories" / file).write_text(text)
    monkeypatch.setenv("PYBRIDGE_COQ_DIR", str(tmp_path / "coq"))
    monkeypatch.setenv("PYBRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    theories = library().theories
    assert prover.verify_library(theories.parent, prover.library_sources(prover.library_dir()),
                                 prover.coqc_version(prover.find_coqc())) == ""
    TAMPERINGS[name](theories)
    tampered = files(theories.parent)
    assert library().theories == theories
    assert_rebuilt(theories, tampered, capsys)


def test_replaced_vo_would_have_changed_the_verdict(cache):
    """The tampering above is not harmless: compiled against the unverified library, a valid certificate
    is rejected (so a reused tampered library does decide verdicts)."""
    theories = library().theories
    other_vo_bytes(theories)
    ok, reason = prover.compile_source(prover.find_coqc(), theories, "Probe", render_coq(VALID), 60)
    assert not ok and "coqc exited" in reason


def test_verified_library_is_reused_without_rebuilding(cache, capsys):
    before = {path: path.stat().st_mtime_ns for path in library().theories.glob("*.vo")}
    (result,) = prover.check_with_coq([VALID])
    assert result.valid
    assert {path: path.stat().st_mtime_ns for path in library().theories.glob("*.vo")} == before
    assert "failed verification" not in capsys.readouterr().err
