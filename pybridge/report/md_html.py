"""Markdown summaries (the studies' ``summary.md`` / ``report.md``) as HTML for the self-contained report.

Python-Markdown (``markdown``) with the ``tables``, ``fenced_code`` and ``sane_lists`` extensions, and
with raw HTML switched off (its block and inline HTML handlers are removed, so ``<script>`` in a summary
comes out as text): the summaries quote knot names and other values that are not ours to trust.
Headings are shifted down so a summary's ``#`` sits under the report section's ``<h2>``; tables with
more than :data:`COLLAPSE_ROWS` rows are folded into ``<details>``; images are inlined as data URIs
with their captions by the caller's ``image`` function.
"""

from __future__ import annotations

import html
import re
from typing import Callable

#: tables with more body rows than this are collapsed into <details>
COLLAPSE_ROWS = 12
HEADING_SHIFT = 2

_IMG = re.compile(r'<p>\s*<img alt="([^"]*)" src="([^"]*)"\s*/?>\s*</p>|<img alt="([^"]*)" src="([^"]*)"\s*/?>')
_TABLE = re.compile(r"<table>.*?</table>", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _converter():
    import markdown

    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def collapsible(table_html: str, label: str = "table") -> str:
    """``table_html`` itself when short; inside ``<details>`` (closed) with a row count when long."""
    rows = table_html.count("<tr") - 1
    if rows <= COLLAPSE_ROWS:
        return table_html
    return (f"<details class=\"long-table\"><summary>{html.escape(label)}: {rows} rows (click to expand)</summary>"
            f"{table_html}</details>")


def markdown_to_html(text: str, image: Callable[[str, str], str]) -> str:
    """Render Markdown ``text``; ``image(src, alt)`` returns the HTML for each image it references."""
    body = _converter().convert(text)

    def heading(match: re.Match) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + HEADING_SHIFT, 6)}>"

    def picture(match: re.Match) -> str:
        alt = match.group(1) if match.group(1) is not None else match.group(3)
        src = match.group(2) if match.group(2) is not None else match.group(4)
        return image(html.unescape(src), html.unescape(alt))

    body = _HEADING.sub(heading, body)
    body = _IMG.sub(picture, body)
    return _TABLE.sub(lambda m: collapsible(m.group(0)), body)
