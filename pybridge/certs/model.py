"""The certificate model and its schema (``docs/certificates.md`` §2).

:meth:`Certificate.from_document` validates the *shape* of an untrusted mapping (keys, types, integer
ranges, the hash) and names the offending field; whether the steps are legal moves is decided by the
trusted checker (:mod:`pybridge.certs.checker`), which replays them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import CertificateFormatError
from .hashing import HASH_FIELD, canonical_json, document_hash

FORMAT = "pybridge-cert/1"
KINDS = ("unknot", "unlink", "ribbon")
CALCULI = ("braid", "pd")
CLAIM_KEY = {"unknot": "components", "unlink": "components", "ribbon": "bands"}
TOP_LEVEL_KEYS = ("format", "kind", "calculus", "input", "claim", "steps", "provenance", HASH_FIELD)
MAX_INT = 2**31 - 1


def require_int(value: Any, where: str, low: int = -MAX_INT, high: int = MAX_INT) -> int:
    """Return ``value`` if it is a genuine ``int`` (not a bool) in ``[low, high]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CertificateFormatError(f"{where}: expected an integer, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise CertificateFormatError(f"{where}: {value} is outside [{low}, {high}]")
    return value


def require_mapping(value: Any, where: str, keys: tuple[str, ...] | None = None) -> dict:
    """Return ``value`` as a dict with string keys; with ``keys``, exactly those keys."""
    if not isinstance(value, Mapping):
        raise CertificateFormatError(f"{where}: expected a mapping, got {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise CertificateFormatError(f"{where}: key {key!r} is not a string")
    if keys is not None:
        missing = [k for k in keys if k not in value]
        extra = [k for k in value if k not in keys]
        if missing:
            raise CertificateFormatError(f"{where}: missing field {missing[0]!r}")
        if extra:
            raise CertificateFormatError(f"{where}: unknown field {extra[0]!r}")
    return dict(value)


def require_choice(value: Any, where: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of the strings ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise CertificateFormatError(f"{where}: {value!r} is not one of {', '.join(choices)}")
    return value


def parse_braid_input(value: Any) -> dict:
    """Validate ``{strands: n, word: [...]}`` with ``n >= 1`` and ``1 <= |g| <= n-1``."""
    data = require_mapping(value, "input", ("strands", "word"))
    strands = require_int(data["strands"], "input.strands", 1)
    word = data["word"]
    if not isinstance(word, list):
        raise CertificateFormatError(f"input.word: expected a list, got {type(word).__name__}")
    for index, letter in enumerate(word):
        require_int(letter, f"input.word[{index}]")
        if not 1 <= abs(letter) <= strands - 1:
            raise CertificateFormatError(
                f"input.word[{index}]: generator {letter} needs 1 <= |g| <= {strands - 1} on {strands} strands"
            )
    return {"strands": strands, "word": list(word)}


def parse_pd_input(value: Any) -> dict:
    """Validate the shape of ``{pd: [[a, b, c, d], ...], free: k}``: positive labels, ``k >= 0``.

    Whether the code is a valid diagram (labels twice, planar, orientable) is a state condition that
    the trusted checker decides (``docs/certificates.md`` §4).
    """
    data = require_mapping(value, "input", ("pd", "free"))
    crossings = data["pd"]
    if not isinstance(crossings, list):
        raise CertificateFormatError(f"input.pd: expected a list of crossings, got {type(crossings).__name__}")
    for index, crossing in enumerate(crossings):
        where = f"input.pd[{index}]"
        if not isinstance(crossing, list) or len(crossing) != 4:
            raise CertificateFormatError(f"{where}: expected a list of 4 edge labels, got {crossing!r}")
        for slot, label in enumerate(crossing):
            require_int(label, f"{where}[{slot}]", 1)
    free = require_int(data["free"], "input.free", 0)
    return {"pd": [list(crossing) for crossing in crossings], "free": free}


INPUT_PARSERS = {"braid": parse_braid_input, "pd": parse_pd_input}


def parse_plumbing_input(value: Any) -> dict:
    """Validate ``{a: GRAPH, b: GRAPH}`` for ``calculus: plumbing`` (``docs/certificates.md`` §5)."""
    from .plumbing_checker import parse_plumbing_input as parse

    return parse(value)


# the plumbing calculus (docs/certificates.md §5): kind plumbing-equivalence, claim {bijection: [...]}
KINDS = KINDS + ("plumbing-equivalence",)
CALCULI = CALCULI + ("plumbing",)
CLAIM_KEY = CLAIM_KEY | {"plumbing-equivalence": "bijection"}
INPUT_PARSERS["plumbing"] = parse_plumbing_input

# the unknotting calculus (docs/certificates.md §4, "Unknotting"): PD isotopies plus exactly k crossing
# changes, claim {changes: k} with k >= 0; only in the PD calculus
KINDS = KINDS + ("unknotting",)
CLAIM_KEY = CLAIM_KEY | {"unknotting": "changes"}


def parse_step(value: Any, index: int) -> tuple:
    """Validate one step ``[name, int, ...]`` and return it as a tuple."""
    where = f"steps[{index}]"
    if not isinstance(value, list) or not value:
        raise CertificateFormatError(f"{where}: expected a non-empty list [move, args...]")
    name = value[0]
    if not isinstance(name, str):
        raise CertificateFormatError(f"{where}[0]: move name must be a string, got {name!r}")
    args = tuple(require_int(arg, f"{where}[{k + 1}]") for k, arg in enumerate(value[1:]))
    return (name, *args)


def parse_provenance(value: Any) -> dict:
    """Provenance is free-form but JSON-typed: str, int, float, bool, None (no nesting)."""
    data = require_mapping(value, "provenance")
    for key, item in data.items():
        if item is not None and not isinstance(item, (str, int, float, bool)):
            raise CertificateFormatError(
                f"provenance.{key}: expected a string, number, boolean or null, got {type(item).__name__}"
            )
        if isinstance(item, float) and not math.isfinite(item):
            raise CertificateFormatError(f"provenance.{key}: NaN/infinity is not allowed")
    return data


@dataclass(frozen=True)
class Certificate:
    """A validated certificate; ``steps`` are tuples ``(name, *int_args)``.

    Build new certificates with :meth:`create` (computes the hash); read untrusted ones with
    :meth:`from_document` (verifies it).
    """

    kind: str
    calculus: str
    input: dict
    claim: dict
    steps: tuple[tuple, ...]
    provenance: dict = field(default_factory=dict)
    sha256: str = ""

    @classmethod
    def create(cls, kind, calculus, input, claim, steps, provenance=None) -> "Certificate":
        """Validate the fields, compute the hash and return the certificate."""
        document = {
            "format": FORMAT,
            "kind": kind,
            "calculus": calculus,
            "input": input,
            "claim": claim,
            "steps": [list(step) for step in steps],
            "provenance": dict(provenance or {}),
        }
        document[HASH_FIELD] = document_hash(document)
        return cls.from_document(document)

    @classmethod
    def from_document(cls, document: Any) -> "Certificate":
        """Validate an untrusted mapping (e.g. parsed YAML); raise :class:`CertificateFormatError`."""
        data = require_mapping(document, "certificate", TOP_LEVEL_KEYS)
        if data["format"] != FORMAT:
            raise CertificateFormatError(f"format: expected {FORMAT!r}, got {data['format']!r}")
        kind = require_choice(data["kind"], "kind", KINDS)
        calculus = require_choice(data["calculus"], "calculus", CALCULI)
        input_ = INPUT_PARSERS[calculus](data["input"])
        claim_key = CLAIM_KEY[kind]
        if (kind == "plumbing-equivalence") != (calculus == "plumbing"):
            raise CertificateFormatError(f"kind: {kind!r} does not go with calculus {calculus!r}")
        if calculus == "plumbing":
            from .plumbing_checker import parse_plumbing_claim

            claim = parse_plumbing_claim(data["claim"])
        else:
            claim = require_mapping(data["claim"], "claim", (claim_key,))
            require_int(claim[claim_key], f"claim.{claim_key}", 0 if kind == "unknotting" else 1)
        if kind == "unknotting" and calculus != "pd":
            raise CertificateFormatError(f"kind: 'unknotting' does not go with calculus {calculus!r} (only pd)")
        if kind == "unknot" and claim[claim_key] != 1:
            raise CertificateFormatError("claim.components: an unknot claim has exactly 1 component")
        if not isinstance(data["steps"], list):
            raise CertificateFormatError("steps: expected a list")
        steps = tuple(parse_step(step, i) for i, step in enumerate(data["steps"]))
        provenance = parse_provenance(data["provenance"])
        digest = data[HASH_FIELD]
        if not isinstance(digest, str) or len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise CertificateFormatError("sha256: expected 64 lowercase hex digits")
        try:
            expected = document_hash(data)
        except (TypeError, ValueError) as exc:
            raise CertificateFormatError(f"certificate: not representable as canonical JSON ({exc})") from None
        if digest != expected:
            raise CertificateFormatError(
                "sha256: hash mismatch (the file was edited after it was sealed): "
                f"file says {digest[:12]}..., contents hash to {expected[:12]}..."
            )
        return cls(kind, calculus, input_, claim, steps, provenance, digest)

    def to_document(self) -> dict:
        """The YAML/JSON mapping of this certificate (hash included), in the schema's key order."""
        return {
            "format": FORMAT,
            "kind": self.kind,
            "calculus": self.calculus,
            "input": self.input,
            "claim": self.claim,
            "steps": [list(step) for step in self.steps],
            "provenance": self.provenance,
            HASH_FIELD: self.sha256,
        }

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of the hash, used in file and module names."""
        return self.sha256[:12]

    def canonical(self) -> str:
        """Canonical JSON of the whole certificate (hash included)."""
        return canonical_json(self.to_document())
