"""Re-check certificates with the Coq kernel.

The ``KnotCert`` library (``coq/theories``, or ``$PYBRIDGE_COQ_DIR/theories``) is compiled into
``<cache>/coq/lib-<key>/`` (``<cache>``: ``$PYBRIDGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/pybridge``, else
``~/.cache/pybridge``), where
``key`` hashes the ``.v`` sources and the ``coqc --version`` text, so an edited library or another Coq
is rebuilt and never mixed up. Each certificate is rendered by :func:`pybridge.export.coq.render_coq`,
audited, and compiled by ``coqc`` in a temporary directory under the cache.

A certificate is valid only if the generated source passes the audit, ``coqc`` exits 0 within the
timeout, and the one line ``Print Assumptions cert_claim`` prints is ``Closed under the global
context``.

**Nothing cached decides a verdict by default.**

* *Compiled library.* Each build writes ``manifest.json`` into the library directory: the SHA-256 of
  every ``.v`` source and every produced ``.vo``, and the ``coqc --version`` text. Before every reuse the
  sources in ``coq/theories``, the copied ``.v`` files and all ``.vo`` files are hashed again and
  compared with it; a missing or unreadable manifest, a changed, missing, extra or truncated file
  rebuilds the library from scratch (said on stderr and in ``<cache>/coq/library.log``). With
  ``$PYBRIDGE_COQCHK=1`` a fresh build is also re-checked by ``coqchk`` (off by default: about ten
  times the build time, e.g. 289 s against about 33 s for the eight modules on 2 shared cores).
  The manifest lives in the same writable cache, so this catches stale, partial and accidental
  corruption and a ``.vo`` replaced without its manifest, not an attacker who rewrites both.
* *Verdicts.* Each compiled verdict (not a timeout) is stored as JSON under ``<cache>/coq/verdicts/``
  together with what it is bound to: the certificate hash, the SHA-256 of the generated source, the
  library key and the SHA-256 of the verified library manifest. By default (``use_cache=False``,
  ``pybridge check`` without ``--cached``) stored verdicts are never read: every certificate is
  compiled. Only with ``use_cache=True`` (``pybridge check --cached``) is a stored verdict reused, and
  then only if its binding matches the certificate, source and library of this run, and — for a
  *valid* verdict — if the trusted Python checker accepts the certificate too; such results carry
  ``cached=True`` and ``pybridge check`` says so on screen and in the ledger. A forged "valid" entry
  therefore cannot make an invalid certificate pass; the worst a forged entry can do under
  ``--cached`` is reject a valid certificate, or hide a disagreement between Coq and the Python
  checker — which is why it is not the default.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

import pybridge

from ..certs.checker import check_certificate
from ..certs.hashing import document_hash
from ..certs.model import Certificate
from ..errors import ExportError, PybridgeError, ToolMissingError
from ..export.coq import FORBIDDEN_WORDS, module_name, render_coq, write_text_atomic

CLOSED = "Closed under the global context"
LIBRARY_TIMEOUT_S = 600.0
COQCHK_TIMEOUT_S = 1800.0
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "pybridge-coq-library/1"
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
    """``<cache>/coq`` where ``<cache>`` is :func:`pybridge.prover.cache_root` (``$PYBRIDGE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/pybridge``, else ``~/.cache/pybridge``)."""
    from . import cache_root

    return cache_root() / "coq"


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


class Library(NamedTuple):
    """A verified compiled library: its ``theories`` directory, cache key and manifest hash."""

    theories: Path
    key: str
    manifest_sha256: str


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_hashes(sources: dict[str, str]) -> dict[str, str]:
    """``{"<module>.v": sha256}`` of the library sources (as read from ``coq/theories``)."""
    return {f"{name}.v": hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in sources.items()}


def compiled_hashes(theories: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every ``.vo`` under ``theories`` (any ``.vo`` there can be loaded)."""
    return {path.relative_to(theories).as_posix(): sha256_file(path) for path in sorted(theories.rglob("*.vo"))}


def make_manifest(sources: dict[str, str], theories: Path, version_text: str, coqchk: str) -> dict:
    """What a build produced: source and ``.vo`` hashes, the Coq version, the ``coqchk`` outcome."""
    return {"format": MANIFEST_FORMAT, "coqc_version": version_text, "sources": source_hashes(sources),
            "compiled": compiled_hashes(theories), "coqchk": coqchk}


def verify_library(target: Path, sources: dict[str, str], version_text: str) -> str:
    """Why the compiled library in ``target`` must not be reused, or ``""`` when every hash matches."""
    theories = target / "theories"
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"no readable {MANIFEST} ({type(exc).__name__})"
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return f"{MANIFEST} has an unknown format"
    if manifest.get("coqc_version") != version_text:
        return "built by another coqc version"
    expected = source_hashes(sources)
    if manifest.get("sources") != expected:
        return "the sources in coq/theories differ from the recorded ones"
    try:
        copied = {path.name: sha256_file(path) for path in sorted(theories.glob("*.v"))}
        compiled = compiled_hashes(theories)
    except OSError as exc:
        return f"cannot read the compiled library ({exc})"
    if copied != expected:
        return "the copied .v sources differ from the recorded ones"
    recorded = manifest.get("compiled")
    if not isinstance(recorded, dict) or set(recorded) != {f"{name}.vo" for name in sources}:
        return f"{MANIFEST} does not list one .vo per source"
    changed = sorted(set(recorded) ^ set(compiled) | {n for n in recorded if recorded[n] != compiled.get(n)})
    return f"changed, missing or extra .vo: {', '.join(changed)}" if changed else ""


def note(message: str) -> None:
    """Say ``message`` on stderr and append it to ``<cache>/coq/library.log``."""
    print(f"pybridge: {message}", file=sys.stderr, flush=True)
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        with open(cache_dir() / "library.log", "a", encoding="utf-8") as log:
            log.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')} {message}\n")
    except OSError:
        pass


def discard(target: Path) -> None:
    """Move a rejected library out of the way (atomically) and delete it."""
    trash = Path(tempfile.mkdtemp(prefix="rejected-lib-", dir=cache_dir()))
    try:
        os.rename(target, trash / "lib")
    except OSError:  # another process moved it first
        pass
    shutil.rmtree(trash, ignore_errors=True)


def run_coqchk(theories: Path, modules: list[str]) -> str:
    """Re-check the compiled modules with ``coqchk`` when ``$PYBRIDGE_COQCHK`` is ``1``.

    Returns what the manifest records; raises :class:`CoqLibraryError` if ``coqchk`` rejects the library.
    """
    if os.environ.get("PYBRIDGE_COQCHK") != "1":
        return "not run (set PYBRIDGE_COQCHK=1)"
    coqchk = shutil.which("coqchk")
    if coqchk is None:
        return "not run (coqchk not found)"
    start = time.perf_counter()
    done = subprocess.run([coqchk, "-silent", "-Q", str(theories), "KnotCert", *[f"KnotCert.{m}" for m in modules]],
                          capture_output=True, text=True, timeout=COQCHK_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise CoqLibraryError(f"coqchk rejects the compiled library:\n{done.stdout}{done.stderr}")
    return f"passed in {time.perf_counter() - start:.1f} s"


def compile_library(coqc: str, version_text: str, sources: dict[str, str], target: Path) -> None:
    """Compile ``sources`` in a staging directory, write its manifest, and rename it to ``target``."""
    cache_dir().mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="building-lib-", dir=cache_dir()))
    try:
        theories = staging / "theories"
        theories.mkdir()
        for name, text in sources.items():
            (theories / f"{name}.v").write_text(text, encoding="utf-8")
        order = dependency_order(sources)
        for name in order:
            done = subprocess.run([coqc, "-Q", str(theories), "KnotCert", str(theories / f"{name}.v")], cwd=staging,
                                  capture_output=True, text=True, timeout=LIBRARY_TIMEOUT_S, check=False)
            if done.returncode != 0:
                raise CoqLibraryError(f"KnotCert.{name} does not compile:\n{done.stdout}{done.stderr}")
        manifest = make_manifest(sources, theories, version_text, run_coqchk(theories, order))
        write_text_atomic(staging / MANIFEST, json.dumps(manifest, sort_keys=True, indent=1) + "\n")
        try:
            os.rename(staging, target)
        except OSError:  # another process built the same key first; it is verified by the caller
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def prepare_library(coqc: str, version_text: str) -> Library:
    """The compiled library for the current sources: reused only if it verifies, else rebuilt."""
    sources = library_sources(library_dir())
    key = library_key(sources, version_text)
    target = cache_dir() / f"lib-{key[:24]}"
    if target.exists():
        problem = verify_library(target, sources, version_text)
        if not problem:
            return Library(target / "theories", key, sha256_file(target / MANIFEST))
        note(f"compiled KnotCert library {target} failed verification ({problem}); rebuilding it from scratch")
        discard(target)
    compile_library(coqc, version_text, sources, target)
    problem = verify_library(target, sources, version_text)
    if problem:
        raise CoqLibraryError(f"the freshly built library {target} does not verify: {problem}")
    return Library(target / "theories", key, sha256_file(target / MANIFEST))


def build_library(coqc: str, version_text: str) -> tuple[Path, str]:
    """Verify or (re)build the library; return (its ``theories`` build directory, the key)."""
    library = prepare_library(coqc, version_text)
    return library.theories, library.key


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
    """Where the verdict for certificate ``sha256`` under library ``key`` is stored."""
    return cache_dir() / "verdicts" / f"{sha256}-{key[:24]}.json"


def verdict_binding(sha256: str, source_hash: str, library: Library) -> dict:
    """What a stored verdict must be bound to before ``--cached`` may reuse it."""
    return {"sha256": sha256, "source_sha256": source_hash, "library": library.key,
            "library_manifest_sha256": library.manifest_sha256}


def load_verdict(binding: dict, library: Library) -> dict | None:
    """The stored verdict whose binding equals ``binding`` exactly, or ``None``."""
    try:
        data = json.loads(verdict_path(binding["sha256"], library.key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or any(data.get(field) != value for field, value in binding.items()):
        return None
    if not isinstance(data.get("valid"), bool) or not isinstance(data.get("reason"), str):
        return None
    return data


def store_verdict(result: KernelResult, binding: dict, library: Library) -> None:
    """Store a compiled verdict with its binding (read back only under ``use_cache=True``)."""
    path = verdict_path(result.sha256, library.key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(asdict(result) | binding, sort_keys=True, indent=1) + "\n")


def python_accepts(cert: Certificate) -> bool:
    """Whether the trusted Python checker accepts ``cert`` (any error counts as no)."""
    try:
        return check_certificate(cert).valid
    except Exception:  # noqa: BLE001 - a checker crash must not let a cached verdict through
        return False


def reusable_verdict(cert: Certificate, binding: dict, library: Library) -> dict | None:
    """A stored verdict that ``use_cache=True`` may reuse: bound to this run, and a *valid* one
    only if the trusted Python checker agrees (so a forged entry cannot make an invalid certificate pass)."""
    data = load_verdict(binding, library)
    if data is None or (data["valid"] and not python_accepts(cert)):
        return None
    return data


def check_one(cert: Certificate, coqc: str, library: Library, version: str,
              timeout_s: float, use_cache: bool = False) -> KernelResult:
    """Render, audit and compile one certificate (or, with ``use_cache``, reuse a bound stored verdict)."""
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
    binding = verdict_binding(str(cert.sha256), hashlib.sha256(text.encode("ascii")).hexdigest(), library)
    cached = reusable_verdict(cert, binding, library) if use_cache else None
    if cached is not None:
        return result(cached["valid"], cached["reason"], cached=True)
    valid, reason = compile_source(coqc, library.theories, module_name(cert), text, timeout_s)
    verdict = result(valid, reason)
    if not reason.startswith("timeout"):  # a timeout may pass with more time: not a verdict
        store_verdict(verdict, binding, library)
    return verdict


def check_with_coq(certs: list[Certificate], timeout_s: float = 600.0, jobs: int | None = None,
                   use_cache: bool = False) -> list[KernelResult]:
    """Check each certificate with Coq (in parallel, ``jobs`` coqc processes); results in input order.

    The compiled library is re-verified against its manifest (or rebuilt) first. By default every
    certificate is compiled; ``use_cache=True`` (``pybridge check --cached``) may reuse stored verdicts
    as the module docstring says, and marks them ``cached``. Compiled verdicts are always stored.

    Raises :class:`ToolMissingError` without ``coqc`` and :class:`CoqLibraryError` if the library
    does not build; every certificate-level problem is an invalid :class:`KernelResult` instead.
    """
    certs = list(certs)
    coqc = find_coqc()
    version_text = coqc_version(coqc)
    library = prepare_library(coqc, version_text)
    version = short_version(version_text)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(certs) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(check_one, cert, coqc, library, version, timeout_s, use_cache) for cert in certs]
        return [future.result() for future in futures]
