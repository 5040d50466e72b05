"""``summary.md`` of ``pybridge run``: the same sections as ``index.html``, as Markdown tables."""

from __future__ import annotations

from .captions import caption_for
from .section import Section


def _escape(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(section: Section) -> list[str]:
    if not section.rows:
        return []
    lines = ["| " + " | ".join(section.columns) + " |", "|" + "---|" * len(section.columns)]
    lines += ["| " + " | ".join(_escape(row.get(c, "")) for c in section.columns) + " |" for row in section.rows]
    return lines + [""]


def render_markdown(sections: list[Section], header: dict) -> str:
    """The Markdown summary of a run (tables, notes, image paths relative to the report directory)."""
    lines = ["# pybridge run", "", " · ".join(f"{k}: {v}" for k, v in header.items()), ""]
    lines += ["| section | status | seconds |", "|---|---|---|"]
    lines += [f"| {s.title} | {'passed' if s.ok else 'FAILED'} | {s.seconds:.1f} |" for s in sections] + [""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        lines += [f"{note}" for note in section.notes] + ([""] if section.notes else [])
        lines += _table(section)
        if section.preformatted:
            lines += ["```", section.preformatted.rstrip(), "```", ""]
        for image in section.images:
            lines += [f"![{image}]({image})", "", f"*{_escape(caption_for(image, section.captions))}*", ""]
        lines += [f"- [{label}]({href})" for label, href in section.links] + ([""] if section.links else [])
    return "\n".join(lines)
