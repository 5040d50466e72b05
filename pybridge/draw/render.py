"""Render a :class:`~pybridge.draw.strands.Drawing` as SVG (written directly) or PNG (matplotlib Agg).

Both renderers use the same pixel transform (y up on the page, so the picture is not mirrored), the
same stroke widths and colours. The SVG marks what it draws so a browser (or a test) can find it:
``<path class="arc">`` per strand arc, ``<circle class="free">`` per crossing-free component,
``<path class="arrow">``, ``<text class="label">``, ``<path class="highlight">`` and ``<path class="band">``.
Nothing here needs Tk or a display.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .strands import Drawing

#: component colours (a knot is drawn in the first)
PALETTE = ("#1f3a93", "#b8420f", "#2a7d2e", "#7b2d8e", "#8a6d00", "#00727a", "#a3174a", "#4d4d4d")
HIGHLIGHT = "#e6007e"
BAND = "#f5a000"


@dataclass
class Style:
    """What to draw besides the strands.

    ``highlight_edges``: edge label -> colour (drawn over the strand); ``highlight_crossings``: crossing
    index -> colour (a ring around it); ``bands``: polylines in drawing coordinates drawn as wide
    translucent ribbons (a band about to be attached); ``labels``: write each edge label.
    """

    width: int = 600
    height: int = 600
    labels: bool = False
    title: str = ""
    highlight_edges: dict[int, str] = field(default_factory=dict)
    highlight_crossings: dict[int, str] = field(default_factory=dict)
    bands: list[list[np.ndarray]] = field(default_factory=list)


class _Frame:
    """The map from drawing coordinates to pixels (y downwards), and the stroke widths."""

    def __init__(self, drawing: Drawing, style: Style):
        low, high = drawing.bounds()
        for band in style.bands:
            low, high = np.minimum(low, np.min(band, axis=0)), np.maximum(high, np.max(band, axis=0))
        top = 28 if style.title else 0
        margin = 0.06 * min(style.width, style.height) + 6
        span = np.maximum(high - low, 1e-9)
        self.scale = float(min((style.width - 2 * margin) / span[0], (style.height - 2 * margin - top) / span[1]))
        used = span * self.scale
        self.origin = np.array([(style.width - used[0]) / 2, (style.height + top - used[1]) / 2])
        self.low, self.height = low, style.height
        radii = [r for _, r in drawing.crossings.values()]
        smallest = min(radii) * self.scale if radii else style.width / 10
        quartile = float(np.percentile(radii, 25)) * self.scale if radii else style.width / 10
        # small crossings get wider gaps (strands.MAX_GAP): the stroke follows the lower quartile of the
        # crossing sizes but stays under the widest gap the smallest crossing can have
        self.stroke = float(np.clip(min(0.6 * quartile, 1.1 * smallest), 1.6, min(style.width, style.height) / 100))

    def __call__(self, point) -> tuple[float, float]:
        x, y = (np.asarray(point) - self.low) * self.scale + self.origin
        return float(x), float(self.height - y)


def _colour(drawing: Drawing, component: int) -> str:
    return PALETTE[component % len(PALETTE)] if drawing.components > 1 else PALETTE[0]


def _arrow_polygon(frame: _Frame, point, direction, span: float) -> list[tuple[float, float]]:
    """A filled arrowhead at ``point``; no longer than half the local strand piece ``span`` (so arrows
    stay inside small loops of a crowded diagram)."""
    size = min(3.2 * frame.stroke + 3, max(3.0, 0.5 * span * frame.scale))
    tip = np.array(frame(point))
    d = np.array([direction[0], -direction[1]])  # pixel space has y downwards
    normal = np.array([-d[1], d[0]])
    base = tip - d * size
    return [tuple(tip + d * size * 0.4), tuple(base + normal * size * 0.55), tuple(base - normal * size * 0.55)]


def _path_d(frame: _Frame, segments) -> str:
    parts = []
    for k, (p0, c1, c2, p1) in enumerate(segments):
        if k == 0:
            parts.append("M %.2f %.2f" % frame(p0))
        parts.append("C %.2f %.2f %.2f %.2f %.2f %.2f" % (*frame(c1), *frame(c2), *frame(p1)))
    return " ".join(parts)


def _highlight_runs(arc, colours: dict[int, str]) -> list[tuple[str, list]]:
    """Maximal runs of consecutive segments of ``arc`` whose edge is highlighted, with the colour."""
    runs: list[tuple[str, list]] = []
    for segment, label in zip(arc.segments, arc.labels):
        colour = colours.get(label)
        if colour is None:
            continue
        if runs and runs[-1][0] == colour and runs[-1][1][-1][3] is segment[0]:
            runs[-1][1].append(segment)
        else:
            runs.append((colour, [segment]))
    return runs


def to_svg(drawing: Drawing, style: Style | None = None) -> str:
    """The drawing as a standalone SVG document (``style`` defaults to :class:`Style`)."""
    style = style or Style()
    frame = _Frame(drawing, style)
    w, h, sw = style.width, style.height, frame.stroke
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           f'<rect width="{w}" height="{h}" fill="white"/>']
    if style.title:
        out.append(f'<text x="{w / 2:.1f}" y="20" text-anchor="middle" font-family="sans-serif" font-size="15" '
                   f'class="title">{html.escape(style.title)}</text>')
    for band in style.bands:
        points = " ".join("%.2f,%.2f" % frame(p) for p in band)
        out.append(f'<polyline class="band" points="{points}" fill="none" stroke="{BAND}" stroke-opacity="0.55" '
                   f'stroke-width="{5 * sw:.2f}" stroke-linecap="round" stroke-linejoin="round"/>')
    for arc in drawing.arcs:
        closing = " Z" if arc.closed else ""
        out.append(f'<path class="arc" data-component="{arc.component}" d="{_path_d(frame, arc.segments)}{closing}" '
                   f'fill="none" stroke="{_colour(drawing, arc.component)}" stroke-width="{sw:.2f}" '
                   'stroke-linecap="round"/>')
        for colour, run in _highlight_runs(arc, style.highlight_edges):
            out.append(f'<path class="highlight" d="{_path_d(frame, run)}" fill="none" stroke="{html.escape(colour)}" '
                       f'stroke-width="{1.8 * sw:.2f}" stroke-linecap="round"/>')
    for number, (centre, radius) in enumerate(drawing.circles):
        x, y = frame(centre)
        out.append(f'<circle class="free" cx="{x:.2f}" cy="{y:.2f}" r="{radius * frame.scale:.2f}" fill="none" '
                   f'stroke="{_colour(drawing, drawing.components - len(drawing.circles) + number)}" stroke-width="{sw:.2f}"/>')
    for crossing, colour in style.highlight_crossings.items():
        centre, radius = drawing.crossings[crossing]
        x, y = frame(centre)
        out.append(f'<circle class="crossing-mark" cx="{x:.2f}" cy="{y:.2f}" r="{1.6 * radius * frame.scale:.2f}" '
                   f'fill="none" stroke="{html.escape(colour)}" stroke-width="{sw:.2f}"/>')
    for point, direction, span in drawing.arrows:
        polygon = " ".join("%.2f,%.2f" % p for p in _arrow_polygon(frame, point, direction, span))
        out.append(f'<polygon class="arrow" points="{polygon}" fill="#222"/>')
    if style.labels:
        for label, (point, normal) in sorted(drawing.label_points.items()):
            x, y = frame(np.asarray(point) + normal * 0.9)
            out.append(f'<text class="label" x="{x:.1f}" y="{y:.1f}" font-family="sans-serif" font-size="11" '
                       f'text-anchor="middle" dominant-baseline="middle" fill="#555">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def to_png(drawing: Drawing, path: str | Path, style: Style | None = None) -> None:
    """Write the drawing as a ``style.width`` x ``style.height`` PNG with matplotlib's Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, PathPatch, Polygon
    from matplotlib.path import Path as MPath

    style = style or Style()
    frame = _Frame(drawing, style)
    points_per_px = 72 / 100
    fig = plt.figure(figsize=(style.width / 100, style.height / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, style.width)
    ax.set_ylim(style.height, 0)
    ax.axis("off")
    lw = frame.stroke * points_per_px

    def patch(segments, colour, width, closed=False):
        vertices = [frame(segments[0][0])]
        codes = [MPath.MOVETO]
        for _, c1, c2, p1 in segments:
            vertices += [frame(c1), frame(c2), frame(p1)]
            codes += [MPath.CURVE4] * 3
        if closed:
            vertices.append(vertices[0])
            codes.append(MPath.CLOSEPOLY)
        ax.add_patch(PathPatch(MPath(vertices, codes), fill=False, edgecolor=colour, linewidth=width, capstyle="round"))

    if style.title:
        size = min(11, 1.9 * style.width / max(len(style.title), 1))
        ax.text(style.width / 2, 16, style.title, ha="center", va="center", parse_math=False, fontsize=size)
    for band in style.bands:
        xs, ys = zip(*(frame(p) for p in band))
        ax.plot(xs, ys, color=BAND, alpha=0.55, linewidth=5 * lw, solid_capstyle="round", solid_joinstyle="round")
    for arc in drawing.arcs:
        patch(arc.segments, _colour(drawing, arc.component), lw, arc.closed)
        for colour, run in _highlight_runs(arc, style.highlight_edges):
            patch(run, colour, 1.8 * lw)
    for number, (centre, radius) in enumerate(drawing.circles):
        ax.add_patch(Circle(frame(centre), radius * frame.scale, fill=False, linewidth=lw,
                            edgecolor=_colour(drawing, drawing.components - len(drawing.circles) + number)))
    for crossing, colour in style.highlight_crossings.items():
        centre, radius = drawing.crossings[crossing]
        ax.add_patch(Circle(frame(centre), 1.6 * radius * frame.scale, fill=False, linewidth=lw, edgecolor=colour))
    for point, direction, span in drawing.arrows:
        ax.add_patch(Polygon(_arrow_polygon(frame, point, direction, span), closed=True, facecolor="#222",
                             edgecolor="none"))
    if style.labels:
        for label, (point, normal) in sorted(drawing.label_points.items()):
            ax.text(*frame(np.asarray(point) + normal * 0.9), str(label), ha="center", va="center", fontsize=7,
                    parse_math=False, color="#555")
    fig.savefig(path, dpi=100, facecolor="white")
    plt.close(fig)
