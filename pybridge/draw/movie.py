"""Certificate movies: replay a certificate with the trusted checker's own move functions and draw it.

The certificate is first re-checked (:func:`pybridge.certs.checker.check_certificate`); a rejected one
is an error and nothing is written. Then it is replayed step by step with the checker's functions
(``apply_move`` for the braid calculus, ``apply_pd_move`` for planar diagrams, ``apply_u_move`` for
unknotting certificates), and a frame is drawn

* of the input,
* before every band move (the band drawn in orange across its face, or the smoothed letter or the crossing
  about to change ringed) and after it (``band`` in the PD calculus, ``smooth`` in the braid calculus) and every
  crossing change, with the band's two sides (or the changed crossing) in colour,
* after every ``every``-th isotopy step, and of the final state.

Braid certificates are drawn as braid *closures* converted to PD codes letter by letter
(:mod:`pybridge.draw.closure`), so a smoothed letter is located exactly. The directory receives
``frame-NNN.png``, ``strip.png`` (all frames in rows), ``movie.gif`` (animated) and ``movie.json``
(what each frame shows).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputFileError, InvalidDiagramError, PybridgeError
from ..knots.pd import PDCode
from .closure import braid_closure_pd
from .diagram import drawing_of
from .render import BAND, HIGHLIGHT, Style, to_png

BAND_MOVES = ("band", "smooth")
CHANGE_MOVES = ("crossing_change",)
FRAME_SIZE = 360
STRIP_COLUMNS = 6
GIF_MS_PER_FRAME = 900
#: at most this many isotopy frames: ``every`` is raised for long certificates (movie.json records it)
MAX_ISOTOPY_FRAMES = 40


class MovieError(PybridgeError):
    """A certificate that cannot be drawn as a movie (rejected by the checker, or not a knot calculus)."""


@dataclass
class Frame:
    """One frame: the step index after which it is drawn (-1: the input), the move, the state's size."""

    file: str
    step: int
    move: str
    crossings: int
    components: int
    note: str


def _replayer(cert):
    """The trusted checker's step function for ``cert``'s calculus, and the input state."""
    if cert.calculus == "braid":
        from ..certs.checker import apply_move

        return (lambda state, move: apply_move(state[0], list(state[1]), move)), (cert.input["strands"],
                                                                                   list(cert.input["word"]))
    if cert.calculus == "pd":
        from ..certs.pd_checker import apply_pd_move, pd_input_state

        step = apply_pd_move
        if cert.kind == "unknotting":
            from ..certs.unknotting_checker import apply_u_move as step
        return step, pd_input_state(cert.input)
    raise MovieError(f"a {cert.calculus} certificate ({cert.kind}) has no knot diagram to draw")


def _state_pd(cert, state) -> tuple[PDCode, list]:
    """The PD code of a replay state, and the braid-closure label table (braids) or None."""
    if cert.calculus == "braid":
        closure = braid_closure_pd(state[0], state[1])
        return closure.pd, closure.label_at
    return PDCode(state[0], state[1]), None


def _highlight(move, before, after, labels_after) -> tuple[dict, dict, str]:
    """Edges/crossings to colour in the frame after ``move``, and a words description."""
    name = move[0]
    if name == "band":
        e1, e2 = move[1], move[2]
        old = {label for crossing in before[0] for label in crossing}
        new = {label for crossing in after[0] for label in crossing} - old
        return {e: HIGHLIGHT for e in {e1, e2, *new}}, {}, f"band between edges {e1} and {e2}, {move[4]} twists"
    if name == "smooth":
        index = move[1]
        g = before[1][index]
        edges = {labels_after[index][abs(g) - 1], labels_after[index][abs(g)]} - {None}
        return {e: HIGHLIGHT for e in edges}, {}, f"band: letter {index} (σ{abs(g)}{'⁻¹' if g < 0 else ''}) smoothed"
    if name == "crossing_change":
        return {}, {move[1]: BAND}, f"crossing {move[1]} changed"
    return {}, {}, ""


def _title(shot: "_Shot", pd: PDCode) -> str:
    if shot.move is None:
        what = "input"
    elif shot.before:
        what = f"before step {shot.index + 1}: {shot.move[0]}"
    else:
        what = f"step {shot.index + 1}: {shot.move[0]}"
    return f"{what} · {pd.crossing_count} cr. · {pd.components} comp."


@dataclass
class _Shot:
    """A planned frame: the state after step ``index`` (or before it, ``before``), what to colour, and
    for a band about to be attached its two edges and the face it runs through (PDCode.faces order)."""

    index: int
    move: tuple | None
    state: object
    edges: dict = field(default_factory=dict)
    crossings: dict = field(default_factory=dict)
    note: str = ""
    before: bool = False
    band: tuple[int, int] | None = None
    band_face: int | None = None


def _before(index: int, move, state) -> _Shot:
    """The frame before a band move or crossing change: the band drawn across its face (PD), the letter
    about to be smoothed or the crossing about to change ringed."""
    if move[0] == "band":
        from ..certs.pd_checker import edge_face, pd_orientation, pd_positions

        crossings = tuple(tuple(c) for c in state[0])
        positions = pd_positions(crossings)
        corner = edge_face(crossings, positions, pd_orientation(crossings, positions), move[1], move[3])[0]
        dart = (corner[0], (corner[1] + 1) % 4)  # checker corner (i, p) lies before slot p + 1
        face = next(k for k, darts in enumerate(PDCode(crossings, state[1]).faces()) if dart in darts)
        return _Shot(index, move, state, note=f"band between edges {move[1]} and {move[2]} about to be attached",
                     before=True, band=(move[1], move[2]), band_face=face)
    if move[0] == "smooth":
        return _Shot(index, move, state, crossings={move[1]: BAND}, before=True,
                     note=f"letter {move[1]} about to be smoothed (the band)")
    return _Shot(index, move, state, crossings={move[1]: BAND}, before=True,
                 note=f"crossing {move[1]} about to be changed")


def make_movie(cert, out_dir: str | Path, every: int = 10, size: int = FRAME_SIZE) -> list[Frame]:
    """Replay ``cert`` (already parsed and hash-checked) and write its frames, strip and GIF into
    ``out_dir``. ``every``: draw every ``every``-th isotopy step as well (0: none); raised so that at most
    :data:`MAX_ISOTOPY_FRAMES` isotopy frames are drawn (``movie.json`` records the value used)."""
    from ..certs.checker import check_certificate

    if every < 0:
        raise InputFileError(f"--every {every}: must be 0 (band moves only) or positive")
    if cert.calculus not in ("braid", "pd"):
        raise MovieError(f"a {cert.calculus} certificate ({cert.kind}) has no knot diagram to draw")
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise MovieError(f"the trusted checker rejects this certificate ({verdict}); no movie drawn")
    step_function, state = _replayer(cert)
    plan = [_Shot(-1, None, state)]
    isotopy_steps = sum(1 for move in cert.steps if move[0] not in BAND_MOVES + CHANGE_MOVES)
    if every and isotopy_steps > every * MAX_ISOTOPY_FRAMES:  # a 10,000-move certificate: keep the movie short
        every = -(-isotopy_steps // MAX_ISOTOPY_FRAMES)
    isotopies = 0
    for index, move in enumerate(cert.steps):
        after = step_function(state, move)
        if move[0] in BAND_MOVES or move[0] in CHANGE_MOVES:
            plan.append(_before(index, move, state))
            labels_after = _state_pd(cert, after)[1]
            edges, crossings, words = _highlight(move, state, after, labels_after)
            plan.append(_Shot(index, move, after, edges, crossings, words))
        else:
            isotopies += 1
            if every and isotopies % every == 0:
                plan.append(_Shot(index, move, after))
        state = after
    if plan[-1].index != len(cert.steps) - 1 and cert.steps:
        plan.append(_Shot(len(cert.steps) - 1, cert.steps[-1], state, note="final state"))
    out = _prepare(out_dir)
    frames = []
    for number, shot in enumerate(plan):
        pd, _ = _state_pd(cert, shot.state)
        try:
            drawing, embedding = drawing_of(pd, {shot.band_face} if shot.band_face is not None else None)
        except InvalidDiagramError as exc:  # the checker accepted the state; a drawing failure is a bug here
            raise MovieError(f"cannot draw the state after step {shot.index + 1}: {exc}") from None
        bands = []
        if shot.band is not None and shot.band_face in embedding.face:
            e1, e2 = shot.band
            bands.append([embedding.mid[e1], embedding.face[shot.band_face], embedding.mid[e2]])
        name = f"frame-{number:03d}.png"
        to_png(drawing, out / name, Style(width=size, height=size, title=_title(shot, pd), highlight_edges=shot.edges,
                                          highlight_crossings=shot.crossings, bands=bands))
        move = "input" if shot.move is None else shot.move[0] + (" (before)" if shot.before else "")
        frames.append(Frame(name, shot.index, move, pd.crossing_count, pd.components, shot.note))
    _strip(out, frames, size)
    _gif(out, frames)
    (out / "movie.json").write_text(json.dumps({"certificate": cert.sha256, "kind": cert.kind,
                                                "calculus": cert.calculus, "every": every,
                                                "frames": [asdict(f) for f in frames]}, indent=1) + "\n")
    return frames


def _prepare(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputFileError(f"--movie {out}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"--movie {out}: cannot create it ({exc.strerror or exc})") from None
    return out


def _strip(out: Path, frames: list[Frame], size: int) -> None:
    """All frames side by side, ``STRIP_COLUMNS`` per row, separated by a thin grey rule."""
    import matplotlib.image
    import numpy as np

    images = [matplotlib.image.imread(out / f.file)[:, :, :3] for f in frames]
    columns = min(STRIP_COLUMNS, len(images))
    rows = -(-len(images) // columns)
    strip = np.full((rows * (size + 4), columns * (size + 4), 3), 0.8, dtype=np.float32)
    for k, image in enumerate(images):
        r, c = divmod(k, columns)
        strip[r * (size + 4):r * (size + 4) + size, c * (size + 4):c * (size + 4) + size] = image
    matplotlib.image.imsave(out / "strip.png", strip)


def _gif(out: Path, frames: list[Frame]) -> None:
    """An animated GIF of the frames (Pillow, which matplotlib depends on), looping forever."""
    from PIL import Image

    images = [Image.open(out / f.file).convert("RGB") for f in frames]
    images[0].save(out / "movie.gif", save_all=True, append_images=images[1:], duration=GIF_MS_PER_FRAME, loop=0)
