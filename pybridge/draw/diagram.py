"""One call from a PD code to a picture file: embed, trace strands, render by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputFileError
from ..knots.pd import PDCode
from .embedding import embed
from .render import Style, to_png, to_svg
from .strands import Drawing, strands

SUFFIXES = (".png", ".svg")


def drawing_of(pd: PDCode, avoid_outer: set[int] | None = None) -> tuple[Drawing, object]:
    """The :class:`Drawing` of ``pd`` and the embedding it was traced on."""
    embedding = embed(pd, avoid_outer)
    return strands(pd, embedding), embedding


def check_suffix(path: str | Path) -> Path:
    """``path`` as a Path if it ends in .png or .svg, else :class:`InputFileError` (nothing written)."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputFileError(f"--out {path}: the file name must end in .png or .svg (it picks the format)")
    return path


def write_picture(drawing: Drawing, path: str | Path, style: Style | None = None) -> Path:
    """Write ``drawing`` to ``path`` as PNG or SVG (by suffix), atomically (temp file + rename)."""
    path = check_suffix(path)
    temporary = path.with_name(f".{path.name}.tmp{path.suffix}")
    try:
        if path.suffix.lower() == ".svg":
            temporary.write_text(to_svg(drawing, style), encoding="utf-8")
        else:
            to_png(drawing, temporary, style)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InputFileError(f"{path}: cannot write it ({exc.strerror or exc})") from None
    return path


def draw_pd(pd: PDCode, path: str | Path, style: Style | None = None) -> Path:
    """Draw ``pd`` into ``path`` (.png or .svg)."""
    drawing, _ = drawing_of(pd)
    return write_picture(drawing, path, style)
