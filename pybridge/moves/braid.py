"""Braid-calculus moves for search: apply a move, enumerate the legal ones.

A state is ``(strands, word)`` with ``word`` a tuple of non-zero ints; a move is a tuple
``(name, *args)`` exactly as written in certificates (``docs/certificates.md`` §1). The functions
here return ``None`` for an illegal move instead of raising, which is what search loops want.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

Move = tuple


class BraidState(NamedTuple):
    """A braid on ``strands`` strands; ``word`` holds σ_g as ``g`` and σ_g⁻¹ as ``-g``."""

    strands: int
    word: tuple[int, ...]

    @property
    def is_trivial(self) -> bool:
        """Empty word: the closure is the ``strands``-component unlink."""
        return not self.word


def _cancel(s: BraidState, i: int) -> BraidState | None:
    w = s.word
    if 0 <= i < len(w) - 1 and w[i] == -w[i + 1]:
        return BraidState(s.strands, w[:i] + w[i + 2 :])
    return None


def _insert(s: BraidState, i: int, g: int) -> BraidState | None:
    if 0 <= i <= len(s.word) and 0 < abs(g) < s.strands:
        return BraidState(s.strands, s.word[:i] + (g, -g) + s.word[i:])
    return None


def _commute(s: BraidState, i: int) -> BraidState | None:
    w = s.word
    if 0 <= i < len(w) - 1 and abs(abs(w[i]) - abs(w[i + 1])) > 1:
        return BraidState(s.strands, w[:i] + (w[i + 1], w[i]) + w[i + 2 :])
    return None


def _braid(s: BraidState, i: int) -> BraidState | None:
    w = s.word
    if 0 <= i < len(w) - 2:
        a, b, c = w[i], w[i + 1], w[i + 2]
        if a == c and a * b > 0 and abs(abs(a) - abs(b)) == 1:
            return BraidState(s.strands, w[:i] + (b, a, b) + w[i + 3 :])
    return None


def _rotate(s: BraidState, k: int) -> BraidState | None:
    if 0 < k < len(s.word):
        return BraidState(s.strands, s.word[k:] + s.word[:k])
    return None


def _stabilize(s: BraidState, sign: int) -> BraidState | None:
    if sign in (1, -1):
        return BraidState(s.strands + 1, s.word + (sign * s.strands,))
    return None


def _destabilize(s: BraidState) -> BraidState | None:
    top = s.strands - 1
    w = s.word
    if top >= 1 and w and abs(w[-1]) == top and top not in map(abs, w[:-1]):
        return BraidState(top, w[:-1])
    return None


def _smooth(s: BraidState, i: int) -> BraidState | None:
    if 0 <= i < len(s.word):
        return BraidState(s.strands, s.word[:i] + s.word[i + 1 :])
    return None


_APPLY = {
    "cancel": _cancel,
    "insert": _insert,
    "commute": _commute,
    "braid": _braid,
    "rotate": _rotate,
    "stabilize": _stabilize,
    "destabilize": _destabilize,
    "smooth": _smooth,
}

ISOTOPY_MOVES = ("cancel", "insert", "commute", "braid", "rotate", "stabilize", "destabilize")


def apply_move(state: BraidState, move: Move) -> BraidState | None:
    """The state after ``move``, or ``None`` if the move is illegal at ``state``."""
    handler = _APPLY.get(move[0]) if move else None
    if handler is None:
        return None
    try:
        return handler(state, *move[1:])
    except TypeError:  # wrong number of arguments
        return None


def legal_moves(
    state: BraidState,
    *,
    inserts: bool = False,
    stabilizations: bool = True,
    rotations: bool = True,
    smoothings: bool = False,
) -> Iterator[Move]:
    """Every legal move at ``state`` (inserts and smoothings only when asked: they are many and
    rarely useful to a simplifier)."""
    w, n = state.word, state.strands
    length = len(w)
    for i in range(length - 1):
        a, b = w[i], w[i + 1]
        if a == -b:
            yield ("cancel", i)
        if abs(abs(a) - abs(b)) > 1:
            yield ("commute", i)
        if i < length - 2 and a == w[i + 2] and a * b > 0 and abs(abs(a) - abs(b)) == 1:
            yield ("braid", i)
    if rotations:
        for k in range(1, length):
            yield ("rotate", k)
    if _destabilize(state) is not None:
        yield ("destabilize",)
    if stabilizations:
        yield ("stabilize", 1)
        yield ("stabilize", -1)
    if inserts:
        for i in range(length + 1):
            for g in range(1, n):
                yield ("insert", i, g)
                yield ("insert", i, -g)
    if smoothings:
        for i in range(length):
            yield ("smooth", i)


def replay(state: BraidState, moves) -> BraidState:
    """Apply ``moves`` in order; raise ``ValueError`` naming the first illegal one."""
    for index, move in enumerate(moves):
        after = apply_move(state, move)
        if after is None:
            raise ValueError(f"move {index} {move!r} is illegal at {state}")
        state = after
    return state
