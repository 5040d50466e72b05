"""Braid words.

``BraidWord(strands, word)``: ``strands = n >= 1`` and letters ``g`` with ``1 <= |g| <= n-1``; ``g > 0``
is the Artin generator σ_g and ``g < 0`` its inverse, as in SnapPy's ``braid_closure`` and KnotInfo's
``braid_notation`` (the closure of σ₁³ is the trefoil whose KnotInfo signature is −2). The closure of
the braid is the link the word denotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..errors import InvalidDiagramError

MAX_STRANDS = 10_000


@dataclass(frozen=True)
class BraidWord:
    """An immutable, validated braid word on ``strands`` strands.

    >>> BraidWord(3, [1, -2, 1]).components
    1
    >>> BraidWord(2, [1, 1]).components
    2
    """

    strands: int
    word: tuple[int, ...]

    def __init__(self, strands: int, word: Iterable[int]):
        if isinstance(strands, bool) or not isinstance(strands, int) or not 1 <= strands <= MAX_STRANDS:
            raise InvalidDiagramError(f"strand count must be an integer in 1..{MAX_STRANDS}, got {strands!r}")
        letters = tuple(word)
        for index, g in enumerate(letters):
            if isinstance(g, bool) or not isinstance(g, int):
                raise InvalidDiagramError(f"braid letter {index} is {g!r}, not an integer")
            if g == 0:
                raise InvalidDiagramError(f"braid letter {index} is 0; there is no generator σ_0 (use ±1..±{max(strands - 1, 1)})")
            if abs(g) >= strands:
                raise InvalidDiagramError(
                    f"braid letter {index} is {g}, but a braid on {strands} strands has generators ±1..±{strands - 1}"
                )
        object.__setattr__(self, "strands", strands)
        object.__setattr__(self, "word", letters)

    @classmethod
    def from_word(cls, word: Iterable[int]) -> "BraidWord":
        """The braid on ``max|g| + 1`` strands (the fewest the word needs)."""
        letters = tuple(word)
        bad = [g for g in letters if isinstance(g, bool) or not isinstance(g, int)]
        if bad:
            raise InvalidDiagramError(f"braid letter {bad[0]!r} is not an integer")
        return cls(max((abs(g) for g in letters), default=0) + 1, letters)

    def __len__(self) -> int:
        return len(self.word)

    def permutation(self) -> tuple[int, ...]:
        """The underlying permutation (0-based): strand ``j`` at the bottom ends at ``perm[j]``."""
        positions = list(range(self.strands))
        for g in self.word:
            j = abs(g) - 1
            positions[j], positions[j + 1] = positions[j + 1], positions[j]
        return tuple(positions)

    @property
    def components(self) -> int:
        """Number of components of the closure: the cycle count of :meth:`permutation`."""
        perm, seen, cycles = self.permutation(), set(), 0
        for start in range(self.strands):
            if start not in seen:
                cycles += 1
                j = start
                while j not in seen:
                    seen.add(j)
                    j = perm[j]
        return cycles

    @property
    def writhe(self) -> int:
        """Exponent sum (the writhe of the closure diagram)."""
        return sum(1 if g > 0 else -1 for g in self.word)

    def mirror(self) -> "BraidWord":
        """The mirror image: every letter inverted."""
        return BraidWord(self.strands, [-g for g in self.word])

    def reverse(self) -> "BraidWord":
        """The closure with reversed orientation: the word read backwards."""
        return BraidWord(self.strands, reversed(self.word))

    def __str__(self) -> str:
        return f"braid:{self.strands}:" + ",".join(str(g) for g in self.word)
