"""One section of the main job's report: a title, a table, images, notes and whether it passed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """What a step of ``pybridge run`` produced, ready for the HTML and Markdown renderers.

    ``rows`` are dicts keyed by ``columns``; ``images`` and ``links`` are paths relative to the report
    directory; ``ok`` is False when something the step promised did not happen (it is shown, never
    hidden). ``certificates`` holds ``(Certificate, path)`` pairs the kernels step re-checks.
    """

    key: str
    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ok: bool = True
    seconds: float = 0.0
    certificates: list = field(default_factory=list)
    #: a study's own ``summary.md`` text (Markdown, rendered to HTML by the report)
    preformatted: str = ""
    #: the directory (relative to the report) the Markdown's own image links are relative to
    markdown_base: str = ""
    #: image path -> caption saying what the plot shows (default: :mod:`pybridge.report.captions`)
    captions: dict[str, str] = field(default_factory=dict)
