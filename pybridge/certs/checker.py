"""The trusted checker: a short, dependency-free re-player of certificates.

It implements ``docs/certificates.md`` word for word and imports nothing from the search code: the
Coq library ``coq/theories/Braid.v`` and the Lean library ``lean/KnotCert/Braid.lean`` define the same
functions under the same names (``apply_move``, ``check``, ``components``). This module replays the
braid calculus (§1); certificates with ``calculus: pd`` are replayed by :mod:`.pd_checker` (§4).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..errors import CertificateFormatError, InputFileError
from .io import read_document
from .model import Certificate

#: move name -> number of integer arguments (braid calculus)
BRAID_ARITY = {
    "cancel": 1,
    "insert": 2,
    "commute": 1,
    "braid": 1,
    "rotate": 1,
    "stabilize": 1,
    "destabilize": 0,
    "smooth": 1,
}


class IllegalMove(Exception):
    """A step whose precondition fails; the message says which condition."""


@dataclass(frozen=True)
class Verdict:
    """The checker's answer. ``valid`` is the only field a caller needs to trust.

    When invalid, ``reason`` says why; ``step`` is the 0-based index of the failing step (or ``None``
    for file/schema/claim errors) and ``move`` that step as written.
    """

    valid: bool
    reason: str = ""
    step: int | None = None
    move: tuple | None = None
    final_state: tuple | None = None

    def __str__(self) -> str:
        if self.valid:
            return "valid"
        where = f"step {self.step} {list(self.move)}: " if self.step is not None else ""
        return f"invalid: {where}{self.reason}"


def apply_move(strands: int, word: list[int], move: tuple) -> tuple[int, list[int]]:
    """Apply one braid-calculus move to ``(strands, word)``; raise :class:`IllegalMove` if illegal.

    ``word`` is not modified. Semantics: ``docs/certificates.md`` §1 (moves table).
    """
    name, args = move[0], move[1:]
    if name not in BRAID_ARITY:
        raise IllegalMove(f"unknown move {name!r}")
    if len(args) != BRAID_ARITY[name]:
        raise IllegalMove(f"{name} takes {BRAID_ARITY[name]} argument(s), got {len(args)}")
    length = len(word)
    if name == "cancel":
        (i,) = args
        if not (0 <= i and i + 1 < length and word[i] + word[i + 1] == 0):
            raise IllegalMove(f"letters {i},{i + 1} are not an inverse pair")
        return strands, word[:i] + word[i + 2 :]
    if name == "insert":
        i, g = args
        if not 0 <= i <= length:
            raise IllegalMove(f"position {i} is outside 0..{length}")
        if not 1 <= abs(g) <= strands - 1:
            raise IllegalMove(f"generator {g} needs 1 <= |g| <= {strands - 1}")
        return strands, word[:i] + [g, -g] + word[i:]
    if name == "commute":
        (i,) = args
        if not (0 <= i and i + 1 < length and abs(abs(word[i]) - abs(word[i + 1])) >= 2):
            raise IllegalMove(f"letters {i},{i + 1} are not distant generators")
        return strands, word[:i] + [word[i + 1], word[i]] + word[i + 2 :]
    if name == "braid":
        (i,) = args
        if not (0 <= i and i + 2 < length):
            raise IllegalMove(f"no three letters at {i}")
        a, b, c = word[i : i + 3]
        if not (a == c and (a > 0) == (b > 0) and abs(abs(a) - abs(b)) == 1):
            raise IllegalMove(f"letters {a},{b},{c} are not a sign-uniform braid triple a,b,a with ||a|-|b||=1")
        return strands, word[:i] + [b, a, b] + word[i + 3 :]
    if name == "rotate":
        (k,) = args
        if not 1 <= k <= length - 1:
            raise IllegalMove(f"rotation {k} is outside 1..{length - 1}")
        return strands, word[k:] + word[:k]
    if name == "stabilize":
        (s,) = args
        if s not in (1, -1):
            raise IllegalMove(f"stabilisation sign must be 1 or -1, got {s}")
        return strands + 1, word + [s * strands]
    if name == "destabilize":
        top = strands - 1
        if not (strands >= 2 and length >= 1 and abs(word[-1]) == top):
            raise IllegalMove(f"last letter is not ±{top}")
        if any(abs(g) == top for g in word[:-1]):
            raise IllegalMove(f"generator ±{top} occurs more than once")
        return strands - 1, word[:-1]
    # smooth
    (i,) = args
    if not 0 <= i < length:
        raise IllegalMove(f"position {i} is outside 0..{length - 1}")
    return strands, word[:i] + word[i + 1 :]


def components(strands: int, word: list[int]) -> int:
    """Number of components of the braid closure: cycles of the braid's permutation."""
    perm = list(range(strands))
    for g in word:
        j = abs(g) - 1
        perm[j], perm[j + 1] = perm[j + 1], perm[j]
    seen, cycles = [False] * strands, 0
    for start in range(strands):
        if not seen[start]:
            cycles += 1
            j = start
            while not seen[j]:
                seen[j] = True
                j = perm[j]
    return cycles


def check_certificate(cert: Certificate) -> Verdict:
    """Replay ``cert``'s steps from its input and test the claim, in the certificate's calculus."""
    if cert.calculus == "pd" and cert.kind == "unknotting":
        from .unknotting_checker import check_unknotting  # isotopies plus crossing changes (§4, Unknotting)

        return check_unknotting(cert)
    if cert.calculus == "pd":
        from .pd_checker import check_pd  # pd_checker builds on this module's Verdict and IllegalMove

        return check_pd(cert)
    if cert.calculus == "plumbing":
        from .plumbing_checker import check_plumbing  # docs/certificates.md §5

        return check_plumbing(cert)
    return check_braid(cert)


def check_braid(cert: Certificate) -> Verdict:
    """Replay a braid-calculus certificate and test its claim (``docs/certificates.md`` §1)."""
    strands, word = cert.input["strands"], list(cert.input["word"])
    smoothings = 0
    for index, move in enumerate(cert.steps):
        if move[0] == "smooth":
            if cert.kind != "ribbon":
                return Verdict(False, f"smooth is a band move, not allowed in a {cert.kind} certificate", index, move)
            smoothings += 1
        try:
            strands, word = apply_move(strands, word, move)
        except IllegalMove as exc:
            return Verdict(False, str(exc), index, move)
    final = (strands, tuple(word))
    if word:
        return Verdict(False, f"claim: final word is not empty ({len(word)} letters left)", final_state=final)
    if cert.kind == "ribbon":
        bands = cert.claim["bands"]
        if smoothings != bands:
            return Verdict(False, f"claim.bands: {bands} claimed but {smoothings} smooth steps", final_state=final)
        if strands != bands + 1:
            return Verdict(False, f"claim: ends on {strands} strands, a ribbon with {bands} bands needs {bands + 1}",
                           final_state=final)
        if components(cert.input["strands"], cert.input["word"]) != 1:
            return Verdict(False, "input: the closure of the input braid is not a knot", final_state=final)
        return Verdict(True, final_state=final)
    claimed = cert.claim["components"]
    if strands != claimed:
        return Verdict(False, f"claim.components: {claimed} claimed but the final state is the {strands}-component "
                       "unlink", final_state=final)
    return Verdict(True, final_state=final)


def check_document(document: Any) -> Verdict:
    """Validate and replay an untrusted mapping; schema errors become invalid verdicts naming the field."""
    try:
        cert = Certificate.from_document(document)
    except CertificateFormatError as exc:
        return Verdict(False, str(exc))
    return check_certificate(cert)


def check_file(path: str | os.PathLike) -> Verdict:
    """Read, validate and replay the certificate file at ``path``."""
    try:
        document = read_document(path)
    except (CertificateFormatError, InputFileError) as exc:
        return Verdict(False, str(exc))
    return check_document(document)
