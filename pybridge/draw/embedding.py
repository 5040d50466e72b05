"""A planar embedding of a PD code by circle packing.

The PD code's 4-valent graph, together with its faces (computed from the code's rotation system:
positions ``a, b, c, d`` counter-clockwise), is refined into a triangulation of the sphere:

* one vertex per crossing (its centre) and one per *slot* ``(crossing, position)``, joined into a small
  square around the crossing (four triangles ``centre, slot p, slot p+1``);
* one to three vertices along every edge (so loops and bigons become simple cycles; edges of 1-gons
  and 2-gons get more of them, which keeps kinks and twist regions from shrinking to nothing);
* one vertex per face, joined to every slot and midpoint on its boundary.

A 4-valent planar graph has no bridge, so no face passes a slot or midpoint twice and the refined
complex is a simple triangulation. One face (the largest, or one the caller prefers) is removed and
becomes the outer boundary. The remaining disc is circle-packed (Collins & Stephenson's uniform
neighbour iteration; interior angle sums 2π, boundary angle sums those of a regular polygon), and the
circle centres are laid out triangle by triangle. The result is a straight-line planar drawing of the
refined graph in which crossings are well separated: a smooth strand through the slot and midpoint
points crosses other strands only at the crossing centres.

Several connected pieces (split diagrams) are embedded separately and placed side by side; crossing-free
components (``free_components``) are left to the renderer, which draws them as circles.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from ..knots.pd import PDCode

Point = tuple[float, float]
MAX_ITERATIONS = 20000
MAX_NEWTON_STEPS = 60
WARM_SWEEPS = 30
TOLERANCE = 1e-7
#: wall-clock budget of one packing; deeply nested diagrams (radii over 10^10 apart) stop there with the
#: best radii so far (their innermost crossings are too small to see at any picture size anyway)
PACKING_SECONDS = 4.0


@dataclass
class Embedding:
    """Positions (plane coordinates, unit-free) of the refined graph of a PD code.

    ``centre[i]`` is crossing ``i``'s centre, ``slot[(i, p)]`` the point where the edge at position ``p``
    leaves it, ``mid[label]`` the middle of edge ``label``, ``along[(label, slot)]`` the points inside the
    edge in order from ``slot`` (one of its two ends), ``face[k]`` the centre of face ``k`` (in
    :meth:`PDCode.faces` order; absent for each piece's outer face), ``radius`` the packing radius of
    each crossing centre (the drawing's length scale). ``outer`` lists the outer face of each piece.
    """

    centre: dict[int, np.ndarray] = field(default_factory=dict)
    slot: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    mid: dict[int, np.ndarray] = field(default_factory=dict)
    along: dict[tuple[int, tuple[int, int]], list[np.ndarray]] = field(default_factory=dict)
    face: dict[int, np.ndarray] = field(default_factory=dict)
    radius: dict[int, float] = field(default_factory=dict)
    outer: list[int] = field(default_factory=list)

    def points(self) -> np.ndarray:
        """All positions as an ``(N, 2)`` array (for bounding boxes)."""
        values = [*self.centre.values(), *self.slot.values(), *self.mid.values(), *self.face.values()]
        return np.array(values) if values else np.zeros((0, 2))


def first_slots(pd: PDCode) -> dict[int, tuple[int, int]]:
    """Label -> the slot of its first occurrence in reading order (the edge's reference end)."""
    first: dict[int, tuple[int, int]] = {}
    for i, crossing in enumerate(pd.crossings):
        for p, label in enumerate(crossing):
            first.setdefault(label, (i, p))
    return first


def subdivisions(pd: PDCode, faces: list[list[tuple[int, int]]]) -> dict[int, int]:
    """Label -> how many points subdivide the edge: 3 next to a 1-gon, 2 next to a bigon, else 1."""
    count: dict[int, int] = {}
    for face in faces:
        for i, p in face:
            label = pd.crossings[i][p]
            count[label] = max(count.get(label, 1), {1: 3, 2: 2}.get(len(face), 1))
    return count


def face_boundary(pd: PDCode, face: list[tuple[int, int]], first, counts) -> list[tuple]:
    """The refined boundary of a face given as darts ``(i, p)`` (leave crossing ``i`` along slot ``p``):
    ``('s', i, p-1), ('s', i, p)`` and the edge's points ``('m', label, k)`` from that slot on, per dart,
    in tracing order (the face on the right)."""
    cycle = []
    for i, p in face:
        label = pd.crossings[i][p]
        points = [("m", label, k) for k in range(counts[label])]
        cycle += [("s", i, (p - 1) % 4), ("s", i, p)] + (points if first[label] == (i, p) else points[::-1])
    return cycle


def _pieces(pd: PDCode) -> list[list[int]]:
    """Crossing indices of each connected piece of the diagram."""
    where: dict[int, list[int]] = {}
    for i, crossing in enumerate(pd.crossings):
        for label in crossing:
            where.setdefault(label, []).append(i)
    seen: set[int] = set()
    pieces = []
    for start in range(len(pd.crossings)):
        if start in seen:
            continue
        stack, piece = [start], []
        seen.add(start)
        while stack:
            i = stack.pop()
            piece.append(i)
            for label in pd.crossings[i]:
                for j in where[label]:
                    if j not in seen:
                        seen.add(j)
                        stack.append(j)
        pieces.append(sorted(piece))
    return pieces


def _triangulation(pd: PDCode, crossings: list[int], faces: dict[int, list], outer: int, first, counts):
    """Vertices (keys) and counter-clockwise triangles of one piece's refined triangulation minus ``outer``."""
    index: dict[tuple, int] = {}

    def vid(key: tuple) -> int:
        return index.setdefault(key, len(index))

    triangles = []
    for i in crossings:
        for p in range(4):
            triangles.append((vid(("c", i)), vid(("s", i, p)), vid(("s", i, (p + 1) % 4))))
    boundary = []
    for k, face in faces.items():
        cycle = face_boundary(pd, face, first, counts)
        if k == outer:
            boundary = [vid(key) for key in cycle]
            continue
        centre = vid(("f", k))
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            triangles.append((centre, vid(b), vid(a)))
    return index, np.array(triangles, dtype=int), boundary


def _corner_angles(r0: np.ndarray, r1: np.ndarray, r2: np.ndarray) -> np.ndarray:
    """Angle at the circle of radius ``r0`` in triangles of mutually tangent circles (law of cosines)."""
    a, b, c = r0 + r1, r0 + r2, r1 + r2
    cosine = (a * a + b * b - c * c) / (2 * a * b)
    return np.arccos(np.clip(cosine, -1.0, 1.0))


def _angles(radii: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """Angle at the first vertex of each triangle of tangent circles."""
    return _corner_angles(radii[triangles[:, 0]], radii[triangles[:, 1]], radii[triangles[:, 2]])


def _angle_sums(radii: np.ndarray, rotations: np.ndarray, count: int) -> np.ndarray:
    return np.bincount(rotations[:, 0], weights=_angles(radii, rotations), minlength=count)


def _newton_step(radii: np.ndarray, rotations: np.ndarray, interior: np.ndarray, residual: np.ndarray) -> np.ndarray:
    """The Newton direction in log-radius space for the interior angle sums (boundary radii fixed).

    The Jacobian of the angle sums with respect to the log radii is symmetric and negative definite on
    the interior vertices (it is the Hessian of the convex Colin de Verdière functional); its entries
    are assembled from central differences of each triangle's angle in its three radii.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import spsolve

    h = 1e-6
    rows, cols, values = [], [], []
    base = radii[rotations]
    for column in range(3):
        up, down = base.copy(), base.copy()
        up[:, column] *= math.exp(h)
        down[:, column] *= math.exp(-h)
        derivative = (_corner_angles(*up.T) - _corner_angles(*down.T)) / (2 * h)
        rows.append(rotations[:, 0])
        cols.append(rotations[:, column])
        values.append(derivative)
    count = len(radii)
    jacobian = coo_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(count, count)).tocsr()
    free = np.flatnonzero(interior)
    step = np.zeros(count)
    step[free] = spsolve(jacobian[free][:, free].tocsc(), -residual[free])
    return step


def circle_pack(count: int, triangles: np.ndarray, boundary: list[int]) -> np.ndarray:
    """Radii of a Euclidean circle packing of the triangulated disc.

    Interior vertices get angle sum 2π; boundary vertices keep radius 1 (prescribing boundary *angles*
    instead drives boundary vertices with few triangles to radius 0). A few Collins–Stephenson
    uniform-neighbour sweeps give a start, then damped Newton steps in log-radius space converge
    quickly even where the radii span many orders of magnitude (deeply nested diagrams); the
    uniform-neighbour iteration goes on alone if Newton stops making progress. Radii are normalised to
    mean 1.
    """
    deadline = time.monotonic() + PACKING_SECONDS
    rotations = np.concatenate([triangles, triangles[:, [1, 2, 0]], triangles[:, [2, 0, 1]]])
    petals = np.bincount(rotations[:, 0], minlength=count).astype(float)
    interior = np.ones(count, dtype=bool)
    interior[boundary] = False
    delta = np.sin(2 * math.pi / (2 * petals))
    radii = np.ones(count)

    def sweep(radii: np.ndarray, sums: np.ndarray) -> np.ndarray:
        beta = np.sin(sums / (2 * petals))
        return np.where(interior, radii * beta / (1 - beta) * (1 - delta) / delta, radii)

    for _ in range(WARM_SWEEPS):
        radii = sweep(radii, _angle_sums(radii, rotations, count))
    for _ in range(MAX_NEWTON_STEPS):
        residual = np.where(interior, _angle_sums(radii, rotations, count) - 2 * math.pi, 0.0)
        if float(np.max(np.abs(residual))) < TOLERANCE or time.monotonic() > deadline:
            return radii / radii.mean()
        step = _newton_step(radii, rotations, interior, residual)
        error = float(residual @ residual)  # the Newton direction descends the sum of squared residuals
        scale = 1.0
        while scale > 1e-6:
            trial = radii * np.exp(np.clip(scale * step, -30, 30))
            trial_residual = np.where(interior, _angle_sums(trial, rotations, count) - 2 * math.pi, 0.0)
            if float(trial_residual @ trial_residual) < error:
                radii = trial
                break
            scale /= 2
        else:
            break
    for _ in range(MAX_ITERATIONS):
        sums = _angle_sums(radii, rotations, count)
        if np.max(np.abs(sums - 2 * math.pi)[interior]) < TOLERANCE or time.monotonic() > deadline:
            break
        radii = sweep(radii, sums)
    return radii / radii.mean()


def _layout(radii: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """Circle centres: place one triangle, then every triangle sharing an edge with a placed one."""
    position = np.full((len(radii), 2), np.nan)
    by_edge: dict[tuple[int, int], list[int]] = {}
    for t, (x, y, z) in enumerate(triangles):
        for u, v in ((x, y), (y, z), (z, x)):
            by_edge.setdefault((min(u, v), max(u, v)), []).append(t)
    angles = np.stack([_angles(radii, triangles[:, order]) for order in ([0, 1, 2], [1, 2, 0], [2, 0, 1])], axis=1)
    x, y, _ = triangles[0]
    position[x] = (0.0, 0.0)
    position[y] = (radii[x] + radii[y], 0.0)
    queue, done = [0], {0}
    while queue:
        t = queue.pop()
        corners = list(triangles[t])
        for k in range(3):  # place the vertex after two placed ones (counter-clockwise order)
            a, b, c = corners[k], corners[(k + 1) % 3], corners[(k + 2) % 3]
            if not np.isnan(position[a, 0]) and not np.isnan(position[b, 0]) and np.isnan(position[c, 0]):
                direction = math.atan2(*(position[b] - position[a])[::-1]) + angles[t, k]
                position[c] = position[a] + (radii[a] + radii[c]) * np.array([math.cos(direction), math.sin(direction)])
        for u, v in zip(corners, corners[1:] + corners[:1]):
            for other in by_edge[(min(u, v), max(u, v))]:
                if other not in done:
                    done.add(other)
                    queue.append(other)
    return position


def _middle(polyline: list[np.ndarray]) -> np.ndarray:
    """The point halfway along a polyline (by length)."""
    lengths = [float(np.hypot(*(b - a))) for a, b in zip(polyline, polyline[1:])]
    half = sum(lengths) / 2
    for a, b, length in zip(polyline, polyline[1:], lengths):
        if half <= length and length > 0:
            return a + (b - a) * (half / length)
        half -= length
    return polyline[-1]


def embed(pd: PDCode, avoid_outer: set[int] | None = None) -> Embedding:
    """Embed ``pd`` (see the module docstring). ``avoid_outer``: face indices (in :meth:`PDCode.faces`
    order) that should not be the outer face if another can be (for example the face a band lies in)."""
    faces = pd.faces()
    first, counts = first_slots(pd), subdivisions(pd, faces)
    embedding = Embedding()
    offset = 0.0
    for crossings in _pieces(pd):
        members = set(crossings)
        piece_faces = {k: face for k, face in enumerate(faces) if face[0][0] in members}
        avoid = avoid_outer or set()
        outer = max(piece_faces, key=lambda k: (k not in avoid, len(piece_faces[k]), -k))
        index, triangles, boundary = _triangulation(pd, crossings, piece_faces, outer, first, counts)
        radii = circle_pack(len(index), triangles, boundary)
        position = _layout(radii, triangles)
        anchor = crossings[0]
        u = position[index[("s", anchor, 0)]] - position[index[("c", anchor)]]
        v = position[index[("s", anchor, 1)]] - position[index[("c", anchor)]]
        if u[0] * v[1] - u[1] * v[0] < 0:  # keep positions a, b, c, d counter-clockwise (else: the mirror)
            position[:, 0] *= -1
        scale = 1.0 / min(radii[index[("c", i)]] for i in crossings)
        position *= scale
        position -= position.min(axis=0)
        position[:, 0] += offset
        offset = position[:, 0].max() + 4.0
        embedding.outer.append(outer)
        for i in crossings:
            for p, label in enumerate(pd.crossings[i]):
                if (i, p) != first[label]:  # the same points seen from the other end
                    points = [position[index[("m", label, k)]] for k in range(counts[label])]
                    embedding.along[(label, (i, p))] = points[::-1]
                    embedding.mid[label] = _middle([position[index[("s", i, p)]], *points,
                                                    position[index[("s", *first[label])]]])
        for key, v_id in index.items():
            point = position[v_id]
            if key[0] == "c":
                embedding.centre[key[1]] = point
                embedding.radius[key[1]] = radii[v_id] * scale
            elif key[0] == "s":
                embedding.slot[(key[1], key[2])] = point
            elif key[0] == "m":
                embedding.along.setdefault((key[1], first[key[1]]), [None] * counts[key[1]])[key[2]] = point
            else:
                embedding.face[key[1]] = point
    return embedding
