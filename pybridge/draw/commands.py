"""The ``pybridge draw`` command: a knot SPEC or a certificate as a picture, or a certificate as a movie."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..errors import InputFileError


def _is_certificate_path(text: str) -> bool:
    path = Path(text)
    return path.suffix.lower() in (".yaml", ".yml") and path.is_file() and not text.startswith("@")


def _load(target: str):
    """``(pd, certificate or None, title)`` for a SPEC or a certificate file (hash-checked: untrusted)."""
    from ..knots import parse_spec

    if _is_certificate_path(target):
        from ..certs.io import read_certificate
        from .closure import braid_closure_pd

        cert = read_certificate(target)
        if cert.calculus == "braid":
            pd = braid_closure_pd(cert.input["strands"], cert.input["word"]).pd
        elif cert.calculus == "pd":
            from ..knots.pd import PDCode

            pd = PDCode(cert.input["pd"], cert.input["free"])
        else:
            raise InputFileError(f"{target}: a {cert.calculus} certificate has no knot diagram to draw")
        return pd, cert, f"{cert.kind} certificate {cert.short_hash} (input)"
    knot = parse_spec(target)
    title = knot.name or (target if len(target) <= 40 else target[:37] + "...")
    return knot.pd, None, title


def _default_out(target: str) -> str:
    """``out/draw/<name>.png`` (``out/`` is git-ignored): the SPEC or certificate file name, made file-safe."""
    stem = Path(target).stem if _is_certificate_path(target) else target
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")[:60] or "knot"
    return f"out/draw/{name}.png"


@click.command("draw")
@click.argument("target", metavar="SPEC|CERT")
@click.option("--out", "out_path", default=None,
              help="Picture file: F.png or F.svg (the suffix picks the format) [default: out/draw/NAME.png].")
@click.option("--movie", "movie_dir", default=None,
              help="CERT only: replay it and write DIR/frame-NNN.png, DIR/strip.png, DIR/movie.gif, DIR/movie.json.")
@click.option("--every", type=int, default=10, show_default=True,
              help="With --movie: also draw every k-th isotopy step (0: band moves and crossing changes only).")
@click.option("--labels", is_flag=True, help="Write the edge labels of the PD code next to the edges.")
@click.option("--size", type=click.IntRange(120, 4000), default=600, show_default=True,
              help="Picture width and height in pixels (movie frames: 360).")
def draw(target: str, out_path: str | None, movie_dir: str | None, every: int, labels: bool, size: int) -> None:
    """Draw a knot diagram (PNG or SVG), or a certificate as a movie of its band moves.

    SPEC is any knot spec (8_20, braid:1,-2,1, pd:[[...]], @file.yaml); CERT a certificate file, whose
    input diagram is drawn (braid certificates as their closure). The layout is a circle-packing embedding
    of the PD code's planar graph; under-strands have gaps, arrows show the orientation; crossing-free
    components are circles.

    Examples: pybridge draw 8_20 --out 8_20.svg;
    pybridge draw certs/examples/ribbon-6_1-bb9aa2ca1949.yaml --movie out/movie-6_1
    """
    from .diagram import check_suffix, drawing_of, write_picture
    from .movie import BAND_MOVES, CHANGE_MOVES
    from .render import Style

    path = check_suffix(out_path or _default_out(target))
    if movie_dir is not None:
        if not _is_certificate_path(target):
            raise InputFileError(f"--movie needs a certificate file (*.yaml), got {target!r}")
        if every < 0:
            raise click.BadParameter("must be 0 or positive", param_hint="--every")
        from ..certs.io import read_certificate
        from .movie import make_movie

        frames = make_movie(read_certificate(target), movie_dir, every=every)
        bands = sum(1 for f in frames if f.move in BAND_MOVES + CHANGE_MOVES)
        click.echo(f"{len(frames)} frames ({bands} band move(s) / crossing change(s)) in {movie_dir}: "
                   "frame-NNN.png, strip.png, movie.gif, movie.json")
        if out_path is None:
            return
    pd, _, title = _load(target)
    drawing, _ = drawing_of(pd)
    if out_path is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_picture(drawing, path, Style(width=size, height=size, labels=labels, title=title))
    click.echo(f"{path}: {pd.crossing_count} crossings, {pd.components} component(s)")
