"""Certificates: schema, canonical hashing, atomic I/O and the trusted checker.

This package is the independent second opinion on every search result. It imports nothing from the
search code (``pybridge.moves`` and the capability packages ``pybridge.unknot``, ``pybridge.ribbon``, ...)
so that a bug there cannot hide itself; ``tests/test_certs.py::test_trusted_checker_imports_no_search_code``
enforces that. Semantics: ``docs/certificates.md``.
"""

from .checker import Verdict, check_certificate, check_document, check_file
from .hashing import canonical_json, document_hash
from .io import read_certificate, read_document, write_certificate
from .model import FORMAT, Certificate

__all__ = [
    "FORMAT",
    "Certificate",
    "Verdict",
    "canonical_json",
    "check_certificate",
    "check_document",
    "check_file",
    "document_hash",
    "read_certificate",
    "read_document",
    "write_certificate",
]
