"""Smooth strands through an :class:`~pybridge.draw.embedding.Embedding`, cut at under-crossings.

Each component is followed in its orientation (the PD convention: the under-strand runs ``a -> c``; the
over-strand ``b -> d`` or ``d -> b`` by the crossing's sign). It passes through crossing centres, slot
points and edge midpoints; consecutive points are joined by cubic Bézier segments whose tangents are
the directions previous -> next point (a C¹ curve, transversal at every crossing). At each crossing
the under-strand is interrupted: the two segments next to the centre are shortened, leaving a gap that
the over-strand passes through. What remains is a list of *arcs* (for a knot with ``n >= 1`` crossings
exactly ``n``), each a list of Bézier segments tagged with the edge label they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..knots.pd import PDCode
from .embedding import Embedding

Segment = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
#: the fraction of the slot-to-centre segment removed on each side of an under-crossing (a crossing
#: much smaller than the typical one loses more, up to MAX_GAP, so its gap stays visible at one stroke width)
GAP = 0.45
MAX_GAP = 0.8
#: about one arrow per this many edges of a component (at least one per component)
EDGES_PER_ARROW = 6


@dataclass
class Arc:
    """A drawn piece of strand from one under-crossing gap to the next (or a whole closed component)."""

    component: int
    segments: list[Segment] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # the edge label of each segment
    closed: bool = False


@dataclass
class Drawing:
    """Everything a renderer needs: arcs, arrows (point, unit direction, local length scale), edge-label anchors, free
    circles (centre, radius), each crossing's centre and radius (for highlights)."""

    arcs: list[Arc] = field(default_factory=list)
    arrows: list[tuple[np.ndarray, np.ndarray, float]] = field(default_factory=list)
    label_points: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    circles: list[tuple[np.ndarray, float]] = field(default_factory=list)
    crossings: dict[int, tuple[np.ndarray, float]] = field(default_factory=dict)
    components: int = 0

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Lower-left and upper-right corners of everything drawn."""
        points = [p for arc in self.arcs for seg in arc.segments for p in seg]
        points += [c + d * r for c, r in self.circles for d in (np.array([1, 1]), np.array([-1, -1]))]
        if not points:
            return np.zeros(2), np.ones(2)
        stacked = np.array(points)
        return stacked.min(axis=0), stacked.max(axis=0)


def edge_ends(pd: PDCode) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """Label -> ``(tail slot, head slot)``: where the oriented edge leaves a crossing and enters one."""
    tail: dict[int, tuple[int, int]] = {}
    head: dict[int, tuple[int, int]] = {}
    for i, ((a, b, c, d), enters_b) in enumerate(zip(pd.crossings, pd.over_strand_enters_at_b())):
        head[a], tail[c] = (i, 0), (i, 2)
        if enters_b:
            head[b], tail[d] = (i, 1), (i, 3)
        else:
            head[d], tail[b] = (i, 3), (i, 1)
    return {label: (tail[label], head[label]) for label in head}


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.hypot(*vector))
    return vector / norm if norm > 0 else np.array([1.0, 0.0])


def split(segment: Segment, t: float) -> tuple[Segment, Segment]:
    """De Casteljau: the two halves of a cubic Bézier segment at parameter ``t``."""
    p0, p1, p2, p3 = segment
    a, b, c = p0 + (p1 - p0) * t, p1 + (p2 - p1) * t, p2 + (p3 - p2) * t
    d, e = a + (b - a) * t, b + (c - b) * t
    f = d + (e - d) * t
    return (p0, a, d, f), (f, e, c, p3)


def point_at(segment: Segment, t: float) -> np.ndarray:
    """The point of a cubic Bézier segment at parameter ``t``."""
    p0, p1, p2, p3 = segment
    s = 1 - t
    return s**3 * p0 + 3 * s * s * t * p1 + 3 * s * t * t * p2 + t**3 * p3


def _component_nodes(embedding: Embedding, labels: list[int], ends) -> tuple[list[tuple], list[int]]:
    """Points along one component: ``(point, kind, crossing, edge label)`` with kind c/s/m, and the
    index of each edge's middle point (where arrows go)."""
    nodes, middles = [], []
    for label in labels:
        (i, p), (j, q) = ends[label]
        nodes.append((embedding.slot[(i, p)], "s", i, label))
        along = embedding.along[(label, (i, p))]
        middles.append(len(nodes) + len(along) // 2)
        nodes += [(point, "m", None, label) for point in along]
        nodes.append((embedding.slot[(j, q)], "s", j, label))
        nodes.append((embedding.centre[j], "c-under" if q % 2 == 0 else "c-over", j, label))
    return nodes, middles


def _segments(nodes: list[tuple]) -> list[Segment]:
    count = len(nodes)
    points = [node[0] for node in nodes]
    tangents = [_unit(points[(k + 1) % count] - points[k - 1]) for k in range(count)]
    segments = []
    for k in range(count):
        a, b = points[k], points[(k + 1) % count]
        length = float(np.hypot(*(b - a)))
        segments.append((a, a + tangents[k] * length / 3, b - tangents[(k + 1) % count] * length / 3, b))
    return segments


def strands(pd: PDCode, embedding: Embedding) -> Drawing:
    """The :class:`Drawing` of ``pd`` over ``embedding`` (see the module docstring)."""
    drawing = Drawing(components=pd.components)
    ends = edge_ends(pd)
    typical = float(np.median(list(embedding.radius.values()))) if embedding.radius else 1.0
    gap = {i: min(MAX_GAP, GAP * (typical / r) ** 0.5) if r > 0 else MAX_GAP for i, r in embedding.radius.items()}
    for number, labels in enumerate(pd.edge_components()):
        nodes, middles = _component_nodes(embedding, labels, ends)
        segments = _segments(nodes)
        seg_labels = [nodes[(k + 1) % len(nodes)][3] if nodes[k][1].startswith("c") else nodes[k][3]
                      for k in range(len(nodes))]
        unders = [k for k, node in enumerate(nodes) if node[1] == "c-under"]
        if not unders:
            drawing.arcs.append(Arc(number, segments, seg_labels, closed=True))
        else:
            start = unders[0]
            order = [(start + k) % len(nodes) for k in range(len(nodes))]
            arc = None
            for k in order:
                segment = segments[k]
                if nodes[k][1] == "c-under":  # segment leaving an under-crossing: a new arc starts
                    if arc is not None:
                        drawing.arcs.append(arc)
                    arc = Arc(number)
                    segment = split(segment, gap[nodes[k][2]])[1]
                if nodes[(k + 1) % len(nodes)][1] == "c-under":  # segment entering one: stop short
                    segment = split(segment, 1 - gap[nodes[(k + 1) % len(nodes)][2]])[0]
                arc.segments.append(segment)
                arc.labels.append(seg_labels[k])
            drawing.arcs.append(arc)
        step = max(1, round(len(labels) / max(1, round(len(labels) / EDGES_PER_ARROW))))
        for k in range(0, len(labels), step):
            at = middles[k]
            span = nodes[at + 1][0] - nodes[at - 1][0]
            drawing.arrows.append((nodes[at][0], _unit(span), float(np.hypot(*span))))
    for label, (tail, head) in ends.items():
        direction = _unit(embedding.slot[head] - embedding.slot[tail])
        drawing.label_points[label] = (embedding.mid[label], np.array([-direction[1], direction[0]]))
    for i, centre in embedding.centre.items():
        drawing.crossings[i] = (centre, embedding.radius[i])
    _place_free_circles(pd, drawing)
    return drawing


def _place_free_circles(pd: PDCode, drawing: Drawing) -> None:
    """Crossing-free components as circles in a row to the right of (or instead of) the diagram."""
    if not pd.free_components:
        return
    low, high = drawing.bounds() if drawing.arcs else (np.zeros(2), np.zeros(2))
    radius = max(2.0, 0.18 * float(high[1] - low[1])) if drawing.arcs else 2.0
    y = (low[1] + high[1]) / 2
    x = float(high[0]) + (radius + 3.0 if drawing.arcs else radius)
    for _ in range(pd.free_components):
        drawing.circles.append((np.array([x, y]), radius))
        x += 2 * radius + 2.0

