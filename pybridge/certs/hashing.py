"""Canonical JSON and the SHA-256 that seals a certificate (``docs/certificates.md`` §2)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

HASH_FIELD = "sha256"


def canonical_json(obj: Any) -> str:
    """Serialise ``obj`` the one way every checker agrees on.

    Keys sorted by code point, no whitespace, non-ASCII written literally, NaN/inf forbidden.

    >>> canonical_json({"b": [1, -2], "a": "é"})
    '{"a":"é","b":[1,-2]}'
    """
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def document_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 (lowercase hex) of the canonical JSON of ``document`` without its ``sha256`` key."""
    body = {key: value for key, value in document.items() if key != HASH_FIELD}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
