"""Reading and writing certificate files (YAML, UTF-8), atomically (``docs/certificates.md`` §2).

Files are untrusted: duplicate keys, YAML tags and anything not plain YAML data are rejected.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from ..errors import CertificateFormatError, InputFileError
from .model import Certificate

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class StrictLoader(_SafeLoader):
    """A safe YAML loader that rejects duplicate mapping keys (an edit could otherwise hide one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise CertificateFormatError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, StrictLoader.construct_mapping)


def read_document(path: str | os.PathLike) -> object:
    """Parse a certificate file into plain data, without validating it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read certificate ({exc.__class__.__name__}: {exc})") from None
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise CertificateFormatError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None


def read_certificate(path: str | os.PathLike) -> Certificate:
    """Read and schema-validate a certificate (hash included); steps are checked by the checker."""
    document = read_document(path)
    try:
        return Certificate.from_document(document)
    except CertificateFormatError as exc:
        raise CertificateFormatError(f"{path}: {exc}") from None


def default_filename(cert: Certificate) -> str:
    """``<kind>-<source>-<hash12>.yaml`` with the source reduced to safe file-name characters."""
    source = str(cert.provenance.get("source") or "input")
    source = re.sub(r"[^A-Za-z0-9_.-]+", "_", source.split(":")[-1])[:40].strip("._") or "input"
    return f"{cert.kind}-{source}-{cert.short_hash}.yaml"


def dump_certificate(cert: Certificate) -> str:
    """YAML text of the certificate: block style at the top, each step and word in flow style."""
    return yaml.dump(
        cert.to_document(), Dumper=_SafeDumper, default_flow_style=None, sort_keys=False, allow_unicode=True, width=100
    )


def write_certificate(cert: Certificate, destination: str | os.PathLike) -> Path:
    """Write ``cert`` atomically (temp file + fsync + rename) and return its path.

    ``destination`` is a directory (the file gets :func:`default_filename`) or a ``.yaml`` path.
    """
    destination = Path(destination)
    if destination.suffix not in (".yaml", ".yml"):
        destination.mkdir(parents=True, exist_ok=True)
        destination = destination / default_filename(cert)
    else:
        destination.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(destination, dump_certificate(cert))
    return destination


def current_umask() -> int:
    """The process umask, read without changing it where Linux exposes it (``/proc/self/status``, no race
    with other threads), else by the classic set-and-restore."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def shared_file_mode() -> int:
    """The mode a plain ``open()`` would give a new file: ``0o666`` less the umask (0644 under umask 022).
    ``mkstemp`` creates its temporary file 0600; atomic writers apply this before the rename."""
    return 0o666 & ~current_umask()


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file next to ``path``, fsync it, and rename it over ``path``:
    a reader sees the old file or the whole new one, never half of it. The file gets the user's umask
    (:func:`shared_file_mode`), not the temporary file's private 0600."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        os.fchmod(fd, shared_file_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
