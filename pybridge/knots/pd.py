"""Planar-diagram (PD) codes.

Convention (KnotAtlas / SnapPy / KnotInfo / regina): a crossing is written ``(a, b, c, d)`` where ``a``
is the *incoming under-strand* and the other three edge labels follow counter-clockwise, so the
under-strand runs ``a -> c``. Every edge label occurs exactly twice. spherogram's ``Link.PD_code()``
labels edges ``0..2n-1``; KnotInfo labels them ``1..2n`` and ``regina.Link.fromPD`` requires labels
``>= 1``; :class:`PDCode` accepts any non-negative labels and :meth:`PDCode.relabelled` shifts them.

A diagram may also carry ``free_components``: crossing-free unknotted circles split from the rest
(they have no crossings, so a PD code cannot describe them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import InvalidDiagramError
from .signature import crossing_signs

MAX_LABEL = 10**9


def _as_label(value, crossing_index: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidDiagramError(f"crossing {crossing_index}: label {value!r} is not an integer")
    if not 0 <= value <= MAX_LABEL:
        raise InvalidDiagramError(f"crossing {crossing_index}: label {value} is negative or too large")
    return value


@dataclass(frozen=True)
class PDCode:
    """An immutable, validated PD code plus a count of crossing-free unknotted components.

    >>> PDCode([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]).crossing_count
    3
    """

    crossings: tuple[tuple[int, int, int, int], ...]
    free_components: int = 0

    def __init__(self, crossings: Iterable[Sequence[int]], free_components: int = 0):
        rows = []
        for index, crossing in enumerate(crossings):
            if isinstance(crossing, (str, bytes)) or not isinstance(crossing, Sequence):
                raise InvalidDiagramError(f"crossing {index}: expected 4 labels, got {crossing!r}")
            if len(crossing) != 4:
                raise InvalidDiagramError(f"crossing {index}: has {len(crossing)} entries, a crossing needs 4")
            rows.append(tuple(_as_label(label, index) for label in crossing))
        if isinstance(free_components, bool) or not isinstance(free_components, int) or free_components < 0:
            raise InvalidDiagramError(f"free_components must be a non-negative integer, got {free_components!r}")
        object.__setattr__(self, "crossings", tuple(rows))
        object.__setattr__(self, "free_components", free_components)
        self._validate()

    def _validate(self) -> None:
        counts = Counter(label for crossing in self.crossings for label in crossing)
        for label, count in sorted(counts.items()):
            if count != 2:
                raise InvalidDiagramError(f"edge label {label} appears {count} time(s); every label must appear exactly twice")
        self._trace_components()  # raises on inconsistent orientation
        pieces = self._connected_pieces()
        expected = len(self.crossings) + 2 * pieces
        if self.crossings and len(self.faces()) != expected:
            genus = (expected - len(self.faces())) // 2
            raise InvalidDiagramError(
                f"PD code is not planar: {len(self.faces())} faces where a planar diagram has {expected} "
                f"(it lives on a surface of genus {genus})"
            )

    def faces(self) -> list[list[tuple[int, int]]]:
        """Faces of the diagram as cycles of corners ``(crossing index, position)``.

        A face is traced by leaving a crossing along the edge at ``position``, arriving at the other
        occurrence ``(j, q)`` of that label and turning to position ``q + 1 (mod 4)`` there (the
        rotation system of the planar 4-valent graph; Euler: a connected diagram with n crossings has
        n + 2 faces).
        """
        where: dict[int, list[tuple[int, int]]] = {}
        for i, crossing in enumerate(self.crossings):
            for pos, label in enumerate(crossing):
                where.setdefault(label, []).append((i, pos))
        seen: set[tuple[int, int]] = set()
        faces = []
        for i in range(len(self.crossings)):
            for pos in range(4):
                face, dart = [], (i, pos)
                while dart not in seen:
                    seen.add(dart)
                    face.append(dart)
                    first, second = where[self.crossings[dart[0]][dart[1]]]
                    j, q = second if first == dart else first
                    dart = (j, (q + 1) % 4)
                if face:
                    faces.append(face)
        return faces

    def _connected_pieces(self) -> int:
        """Number of connected pieces of the diagram's 4-valent graph (crossings only)."""
        parent = list(range(len(self.crossings)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first_seen: dict[int, int] = {}
        for i, crossing in enumerate(self.crossings):
            for label in crossing:
                if label in first_seen:
                    parent[root(i)] = root(first_seen[label])
                else:
                    first_seen[label] = i
        return len({root(i) for i in range(len(self.crossings))})

    @property
    def crossing_count(self) -> int:
        """Number of crossings of this diagram (not the crossing number of the knot)."""
        return len(self.crossings)

    @property
    def labels(self) -> tuple[int, ...]:
        """Sorted edge labels."""
        return tuple(sorted({label for crossing in self.crossings for label in crossing}))

    def _successors(self) -> dict[int, int]:
        """Map each edge label to the next edge along its oriented strand."""
        succ: dict[int, int] = {}
        for (a, b, c, d), enters_b in zip(self.crossings, self.over_strand_enters_at_b()):
            succ[a] = c
            if enters_b:
                succ[b] = d
            else:
                succ[d] = b
        return succ

    def over_strand_enters_at_b(self) -> tuple[bool, ...]:
        """For each crossing, whether its over-strand runs ``b -> d`` (else ``d -> b``).

        Each component is oriented by its under-passes (``a -> c``); a component that only passes
        over others is oriented as ``spherogram.Link`` orients it (see
        :func:`pybridge.knots.signature.crossing_signs`).
        """
        return tuple(sign == -1 for sign in self.writhe_signs())

    def writhe_signs(self) -> tuple[int, ...]:
        """The sign of each crossing: +1 if the over-strand runs ``d -> b``, -1 if ``b -> d``.

        With ``a`` the incoming under-strand and labels counter-clockwise, the over-strand going
        from ``d`` to ``b`` crosses the under-strand from right to left: a positive crossing.
        """
        try:
            return tuple(crossing_signs(self.crossings))
        except ValueError as exc:
            raise InvalidDiagramError(str(exc).replace("malformed PD code: ", "PD code: ")) from None

    def _trace_components(self) -> list[list[int]]:
        succ = self._successors()
        if len(set(succ.values())) != len(succ) or set(succ.values()) != set(succ):
            raise InvalidDiagramError("PD code is not consistently oriented: some edge has two successors")
        seen: set[int] = set()
        components = []
        for start in sorted(succ):
            if start in seen:
                continue
            cycle, label = [], start
            while label not in seen:
                seen.add(label)
                cycle.append(label)
                label = succ[label]
            components.append(cycle)
        return components

    def edge_components(self) -> list[list[int]]:
        """The edge labels of each closed component, in orientation order."""
        return self._trace_components()

    @property
    def components(self) -> int:
        """Number of link components (crossing-free ones included)."""
        return len(self._trace_components()) + self.free_components

    def relabelled(self, start: int = 1) -> "PDCode":
        """Relabel edges ``start, start+1, ...`` following each component in order."""
        mapping: dict[int, int] = {}
        for component in self._trace_components():
            for label in component:
                mapping[label] = start + len(mapping)
        crossings = [tuple(mapping[x] for x in crossing) for crossing in self.crossings]
        return PDCode(crossings, self.free_components)

    def as_lists(self) -> list[list[int]]:
        """Crossings as plain nested lists (for JSON/YAML)."""
        return [list(crossing) for crossing in self.crossings]

    def __str__(self) -> str:
        body = "pd:" + str(self.as_lists()).replace(" ", "")
        return body + (f"+{self.free_components}O" if self.free_components else "")
