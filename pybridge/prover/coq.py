"""Re-check certificates with the Coq kernel.

The ``KnotCert`` library (``coq/theories``, or ``$PYBRIDGE_COQ_DIR/theories``) is compiled once into
``<cache>/coq/lib-<key>/`` (``<cache>`` is ``$PYBRIDGE_CACHE_DIR`` or ``<repo>/.pybridge-cache``), where
``key`` hashes the ``.v`` sources and the ``coqc --version`` text, so an edited library or another Coq
is rebuilt and never mixed up. Each certificate is rendered by :func:`pybridge.export.coq.render_coq`,
audited, and compiled by ``coqc`` in a temporary directory under the cache.

A certificate is valid only if the generated source passes the audit, ``coqc`` exits 0 within the
timeout, and the one line ``Print Assumptions cert_claim`` prints is ``Closed under the global
context``. Verdicts (not timeouts) are cached as JSON under ``<cache>/coq/verdicts/``, keyed by the
certificate hash and the library key, and reused only for the exact same generated source.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import pybridge

from ..certs.hashing import document_hash
from ..certs.model import Certificate
from ..errors import ExportError, PybridgeError, ToolMissingError
from ..export.coq import FORBIDDEN_WORDS, module_name, render_coq, write_text_atomic

CLOSED = "Closed under the global context"
LIBRARY_TIMEOUT_S = 600.0
INSTALL_HINT = "coqc not found on PATH: install Coq, e.g. `apt-get install -y coq` (Debian/Ubuntu)"


class CoqLibraryError(PybridgeError, RuntimeError):
    """The KnotCert library itself does not compile (a bug in ``coq/theories``, not in a certificate)."""


@dataclass(frozen=True)
class KernelResult:
    """One certificate's verdict from a kernel; only ``valid`` needs to be trusted."""

    sha256: str
    kernel: str
    valid: bool
    reason: str
    seconds: float
    cached: bool
    tool_version: str


# -- locating things -------------------------------------------------------------------------------


def find_coqc() -> str:
    """Path of ``coqc``; :class:`ToolMissingError` (saying how to install it) if there is none."""
    path = shutil.which("coqc")
    if path is None:
        raise ToolMissingError(INSTALL_HINT)
    return path


def coqc_version(coqc: str) -> str:
    """The full ``coqc --version`` text (part of every cache key)."""
    done = subprocess.run([coqc, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return done.stdout.strip()


def short_version(version_text: str) -> str:
    """``8.16.1`` from ``The Coq Proof Assistant, version 8.16.1 ...``."""
    match = re.search(r"version\s+(\S+)", version_text)
    if match:
        return match.group(1)
    return version_text.splitlines()[0] if version_text else "unknown"


def library_dir() -> Path:
    """The Coq project directory (``coq/``); override with ``$PYBRIDGE_COQ_DIR``."""
    override = os.environ.get("PYBRIDGE_COQ_DIR")
    return Path(override) if override else Path(pybridge.__file__).resolve().parents[1] / "coq"


def cache_dir() -> Path:
    """``<cache>/coq`` where ``<cache>`` is ``$PYBRIDGE_CACHE_DIR`` or ``<repo>/.pybridge-cache``."""
    override = os.environ.get("PYBRIDGE_CACHE_DIR")
    root = Path(override) if override else Path(pybridge.__file__).resolve().parents[1] / ".pybridge-cache"
    return root / "coq"


# -- the library -----------------------------------------------------------------------------------


def library_sources(lib: Path) -> dict[str, str]:
    """``{module name: source}`` for every ``theories/*.v``."""
    theories = lib / "theories"
    sources = {path.stem: path.read_text(encoding="utf-8") for path in sorted(theories.glob("*.v"))}
    if "Braid" not in sources:
        raise CoqLibraryError(f"{theories}: no Braid.v (set PYBRIDGE_COQ_DIR to the coq/ directory)")
    return sources


def library_key(sources: dict[str, str], version_text: str) -> str:
    """SHA-256 over the library sources and the Coq version."""
    digest = hashlib.sha256(version_text.encode())
    for name, text in sorted(sources.items()):
        digest.update(f"\0{name}\0{len(text)}\0".encode())
        digest.update(text.encode())
    return digest.hexdigest()


def dependency_order(sources: dict[str, str]) -> list[str]:
    """Modules sorted so that each comes after the ``KnotCert.X`` modules it mentions."""
    deps = {name: set(re.findall(r"\bKnotCert\.(\w+)", text)) & set(sources) - {name}
            for name, text in sources.items()}
    order: list[str] = []
    while len(order) < len(deps):
        ready = [name for name in sorted(deps) if name not in order and deps[name] <= set(order)]
        if not ready:
            raise CoqLibraryError(f"cyclic KnotCert dependencies among {sorted(set(deps) - set(order))}")
        order.extend(ready)
    return order


def build_library(coqc: str, version_text: str) -> tuple[Path, str]:
    """Compile the library once per key; return (its ``theories`` build directory, the key)."""
    sources = library_sources(library_dir())
    key = library_key(sources, version_text)
    target = cache_dir() / f"lib-{key[:24]}"
    if (target / "theories").is_dir():
        return target / "theories", key
    cache_dir().mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="building-lib-", dir=cache_dir()))
    try:
        theories = staging / "theories"
        theories.mkdir()
        for name, text in sources.items():
            (theories / f"{name}.v").write_text(text, encoding="utf-8")
        for name in dependency_order(sources):
            done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", str(theories / f"{name}.v")], cwd=staging,
                                  capture_output=True, text=True, timeout=LIBRARY_TIMEOUT_S, check=False)
            if done.returncode != 0:
                raise CoqLibraryError(f"KnotCert.{name} does not compile:\n{done.stdout}{done.stderr}")
        try:
            os.rename(staging, target)
        except OSError:  # another process built the same key first
            if not (target / "theories").is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / "theories", key


# -- one certificate -------------------------------------------------------------------------------


def audit_source(text: str) -> str:
    """Why the generated source must not be compiled, or ``""`` when it passes.

    Belt and braces on top of the exporter: ASCII only, no string literals, only the two header
    comments, none of :data:`pybridge.export.coq.FORBIDDEN_WORDS`, one ``Print Assumptions``.
    """
    if not text.isascii():
        return "audit: non-ASCII character in the generated source"
    if '"' in text:
        return "audit: string literal in the generated source"
    if text.count("(*") != 2 or text.count("*)") != 2:
        return "audit: unexpected comment in the generated source"
    for word in FORBIDDEN_WORDS:
        if word in text:
            return f"audit: forbidden word {word.strip()!r} in the generated source"
    if text.count("Print Assumptions") != 1:
        return "audit: expected exactly one Print Assumptions"
    return ""


def assumptions_reason(stdout: str) -> str:
    """``""`` if coqc printed exactly the closed-assumptions line, else what is wrong."""
    lines = [line.strip() for line in stdout.splitlines() if line.strip()]
    if lines == [CLOSED]:
        return ""
    return "Print Assumptions cert_claim is not closed: " + " | ".join(lines)[:500]


def compile_source(coqc: str, theories: Path, name: str, text: str, timeout_s: float) -> tuple[bool, str]:
    """Compile ``text`` as ``<name>.v`` in a fresh directory; return (valid, reason)."""
    work = cache_dir() / "work"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"{name}-", dir=work) as tmp:
        path = Path(tmp) / f"{name}.v"
        path.write_text(text, encoding="ascii")
        try:
            done = subprocess.run([coqc, "-q", "-Q", str(theories), "KnotCert", path.name], cwd=tmp,
                                  capture_output=True, text=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            return False, f"timeout: coqc did not finish within {timeout_s:g} s"
    if done.returncode != 0:
        message = " ".join((done.stderr or done.stdout).split())[:500]
        return False, f"coqc exited with {done.returncode}: {message}"
    reason = assumptions_reason(done.stdout)
    return (False, reason) if reason else (True, f"coqc proved cert_claim; Print Assumptions: {CLOSED}")


def verdict_path(sha256: str, key: str) -> Path:
    return cache_dir() / "verdicts" / f"{sha256}-{key[:24]}.json"


def load_verdict(sha256: str, key: str, source_hash: str) -> dict | None:
    """A cached verdict for exactly this certificate, library and generated source, if any."""
    try:
        data = json.loads(verdict_path(sha256, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("source_sha256") != source_hash or data.get("library") != key:
        return None
    if not isinstance(data.get("valid"), bool) or not isinstance(data.get("reason"), str):
        return None
    return data


def store_verdict(result: KernelResult, key: str, source_hash: str) -> None:
    path = verdict_path(result.sha256, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = asdict(result) | {"library": key, "source_sha256": source_hash}
    write_text_atomic(path, json.dumps(record, sort_keys=True, indent=1) + "\n")


def check_one(cert: Certificate, coqc: str, theories: Path, key: str, version: str,
              timeout_s: float, use_cache: bool = True) -> KernelResult:
    """Render, audit, compile (or reuse the cached verdict of) one certificate."""
    start = time.perf_counter()

    def result(valid: bool, reason: str, cached: bool = False) -> KernelResult:
        return KernelResult(str(cert.sha256), "coq", valid, reason, time.perf_counter() - start, cached, version)

    try:
        if document_hash(cert.to_document()) != cert.sha256:
            return result(False, "sha256 does not match the certificate's contents")
        text = render_coq(cert)
    except ExportError as exc:
        return result(False, f"not exportable to Coq: {exc}")
    except (TypeError, ValueError) as exc:
        return result(False, f"not exportable to Coq: {exc}")
    problem = audit_source(text)
    if problem:
        return result(False, problem)
    source_hash = hashlib.sha256(text.encode("ascii")).hexdigest()
    cached = load_verdict(cert.sha256, key, source_hash) if use_cache else None
    if cached is not None:
        return result(cached["valid"], cached["reason"], cached=True)
    valid, reason = compile_source(coqc, theories, module_name(cert), text, timeout_s)
    verdict = result(valid, reason)
    if not reason.startswith("timeout"):  # a timeout may pass with more time: not a verdict
        store_verdict(verdict, key, source_hash)
    return verdict


def check_with_coq(certs: list[Certificate], timeout_s: float = 600.0, jobs: int | None = None,
                   use_cache: bool = True) -> list[KernelResult]:
    """Check each certificate with Coq (in parallel, ``jobs`` coqc processes); results in input order.

    With ``use_cache=False`` every certificate is compiled afresh (benchmarks); the verdict is still
    stored.

    Raises :class:`ToolMissingError` without ``coqc`` and :class:`CoqLibraryError` if the library
    does not build; every certificate-level problem is an invalid :class:`KernelResult` instead.
    """
    certs = list(certs)
    coqc = find_coqc()
    version_text = coqc_version(coqc)
    theories, key = build_library(coqc, version_text)
    version = short_version(version_text)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(certs) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(check_one, cert, coqc, theories, key, version, timeout_s, use_cache) for cert in certs]
        return [future.result() for future in futures]
