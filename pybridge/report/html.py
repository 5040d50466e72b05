"""``index.html`` of ``pybridge run``: one self-contained page (inline CSS, PNG plots embedded as data
URIs) with a table per section and links to the certificates and generated Lean/Coq sources.
Every piece of text is HTML-escaped: certificate fields and knot names are untrusted input.

The studies' Markdown summaries are rendered to HTML (:mod:`.md_html`), tables longer than
:data:`~pybridge.report.md_html.COLLAPSE_ROWS` rows fold into ``<details>``, and every figure carries a
caption saying what was measured (:mod:`.captions`).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from .captions import caption_for
from .md_html import collapsible, markdown_to_html
from .section import Section

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } .ok { color: #17692d; } .failed { color: #a11; font-weight: bold; }
img { max-width: 100%; border: 1px solid #ddd; margin: 0.5em 0; } .note { color: #555; }
ul.links { columns: 2; font-size: 0.85em; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
figure { margin: 1em 0; } figure.diagram { display: inline-block; width: 330px; vertical-align: top; margin-right: 0.8em; }
figcaption { font-size: 0.85em; color: #444; max-width: 60em; }
details.long-table summary { cursor: pointer; color: #1f3a93; margin: 0.5em 0; }
.summary h3, .summary h4, .summary h5 { margin-bottom: 0.3em; } .warning { color: #a11; font-weight: bold; }
"""

LINK_COLUMNS = ("certificate", "path", "file")


def _cell(column: str, value) -> str:
    text = html.escape(str(value))
    if column in LINK_COLUMNS and isinstance(value, str) and value and not value.startswith("not "):
        return f'<a href="{html.escape(value, quote=True)}">{text}</a>'
    return text


def _table(section: Section) -> str:
    if not section.rows:
        return ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in section.columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c, row.get(c, ''))}</td>" for c in section.columns) + "</tr>"
                   for row in section.rows)
    table = f'<table id="table-{html.escape(section.key)}"><tr>{head}</tr>{body}</table>'
    return collapsible(table, f"{section.title} table")


def _image(out: Path, relative: str, caption: str) -> str:
    data = base64.b64encode((out / relative).read_bytes()).decode("ascii")
    name = html.escape(relative, quote=True)
    css = ' class="diagram"' if relative.startswith("diagrams/") else ""
    return f'<figure{css}><img src="data:image/png;base64,{data}" alt="{html.escape(caption, quote=True)}"><figcaption>' \
           f'{html.escape(caption)} <a href="{name}">{html.escape(relative)}</a></figcaption></figure>'


def _markdown_image(out: Path, section: Section, shown: set[str]):
    """The image callback for a section's Markdown: PNG files inside the report directory are inlined
    (and not repeated in the section's gallery); anything else is named, not fetched."""
    root = out.resolve()

    def image(src: str, alt: str) -> str:
        path = (out / section.markdown_base / src).resolve()
        inside = path.is_relative_to(root) and path.suffix.lower() == ".png" and path.is_file()
        if not inside:
            return f'<p class="note">[image {html.escape(src)} not embedded: not a PNG file of this report]</p>'
        relative = path.relative_to(root).as_posix()
        shown.add(relative)
        return _image(out, relative, caption_for(relative, section.captions))

    return image


def _section_html(section: Section, out: Path) -> str:
    status = '<span class="ok">passed</span>' if section.ok else '<span class="failed">FAILED</span>'
    parts = [f'<section id="{html.escape(section.key)}"><h2>{html.escape(section.title)} — {status} '
             f'<small>({section.seconds:.1f} s)</small></h2>']
    parts += [f'<p class="{"warning" if note.startswith("WARNING") else "note"}">{html.escape(note)}</p>'
              for note in section.notes]
    parts.append(_table(section))
    shown: set[str] = set()
    if section.preformatted:
        rendered = markdown_to_html(section.preformatted, _markdown_image(out, section, shown))
        parts.append(f'<div class="summary">{rendered}</div>')
    parts += [_image(out, image, caption_for(image, section.captions)) for image in section.images
              if image not in shown]
    if section.links:
        items = "".join(f'<li><a href="{html.escape(href, quote=True)}">{html.escape(label)}</a></li>'
                        for label, href in section.links)
        parts.append(f'<ul class="links">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(sections: list[Section], out: Path, header: dict) -> str:
    """The report page for ``sections``; ``header`` holds the run's version, date, seconds and verdict."""
    overview = "".join(f"<tr><td>{html.escape(s.title)}</td><td>{'passed' if s.ok else 'FAILED'}</td>"
                       f"<td>{s.seconds:.1f}</td></tr>" for s in sections)
    facts = " · ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in header.items())
    body = "\n".join(_section_html(s, out) for s in sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>pybridge run</title>'
            f"<style>{STYLE}</style></head><body>\n<h1>pybridge run</h1><p class=\"note\">{facts}</p>\n"
            f'<table id="overview"><tr><th>section</th><th>status</th><th>seconds</th></tr>{overview}</table>\n'
            f"{body}\n</body></html>\n")
