"""Drawn diagrams in the report: input diagrams of the unknot section, a movie strip per ribbon or
unknotting certificate (:mod:`pybridge.draw`). Each picture is a PNG under the report directory with a
caption; a picture that cannot be drawn becomes a note, never a failed section (the certificates and
their verdicts do not depend on it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import PybridgeError
from .captions import DIAGRAM_CAPTION, MOVIE_CAPTION, UNKNOTTING_MOVIE_CAPTION, every_kth
from .section import Section

#: movies in the report draw every k-th isotopy step besides the band moves and crossing changes
MOVIE_EVERY = 10
MOVIE_KINDS = ("ribbon", "unknotting")
DIAGRAM_SIZE = 320


def certificate_label(cert) -> str:
    """How the report names a certificate's input: its provenance source, else its short hash."""
    source = cert.provenance.get("source")
    return str(source) if source else cert.short_hash


def add_movies(section: Section, out: Path) -> None:
    """A movie (frames, strip, GIF) for each ribbon/unknotting certificate of ``section``; the strip is
    shown in the section with a caption, the GIF linked."""
    from ..draw.movie import make_movie

    for cert, _ in section.certificates:
        if cert.kind not in MOVIE_KINDS:
            continue
        label = certificate_label(cert)
        target = out / "movies" / cert.short_hash
        try:
            frames = make_movie(cert, target, every=MOVIE_EVERY)
        except PybridgeError as exc:
            section.notes.append(f"movie of {label}: not drawn ({exc})")
            continue
        strip = (target / "strip.png").relative_to(out).as_posix()
        template = MOVIE_CAPTION if cert.kind == "ribbon" else UNKNOTTING_MOVIE_CAPTION
        every = json.loads((target / "movie.json").read_text(encoding="utf-8"))["every"]
        section.images.append(strip)
        section.captions[strip] = template.format(label=label, every=every_kth(every), frames=len(frames))
        section.links.append((f"movie of {label} (GIF)", (target / "movie.gif").relative_to(out).as_posix()))


def add_diagram(section: Section, pd, label: str, out: Path) -> None:
    """Draw ``pd`` into ``DIR/diagrams/`` and show it in ``section`` with a caption."""
    from ..draw.diagram import drawing_of, write_picture
    from ..draw.render import Style

    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", label)[:40].strip("-") or "diagram"
    path = out / "diagrams" / f"{len(section.images):02d}-{name}.png"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        drawing, _ = drawing_of(pd)
        write_picture(drawing, path, Style(width=DIAGRAM_SIZE, height=DIAGRAM_SIZE))
    except (PybridgeError, OSError) as exc:
        section.notes.append(f"diagram of {label}: not drawn ({exc})")
        return
    relative = path.relative_to(out).as_posix()
    section.images.append(relative)
    section.captions[relative] = DIAGRAM_CAPTION.format(label=label, crossings=pd.crossing_count,
                                                        components=pd.components)
