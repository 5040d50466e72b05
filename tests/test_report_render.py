"""The HTML report renders: Markdown summaries as HTML tables and headings, long tables collapsible,
captioned figures, drawn diagrams and a ribbon movie strip — checked in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pybridge.certs.io import read_certificate
from pybridge.knots import parse_spec
from pybridge.report.captions import CAPTIONS
from pybridge.report.figures import add_diagram, add_movies
from pybridge.report.html import render_html
from pybridge.report.markdown import render_markdown
from pybridge.report.md_html import COLLAPSE_ROWS, markdown_to_html
from pybridge.report.section import Section

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "certs" / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

SUMMARY = ("# Study summary\n\nVerdict: **PASS** <script>alert(1)</script>\n\n"
           "| feature | saliency |\n|---|---|\n" + "".join(f"| f{i} | {i / 10} |\n" for i in range(COLLAPSE_ROWS + 8)) +
           "\n![saliency](saliency.png)\n\n![escape](../../../etc/passwd.png)\n\n## Short table\n\n"
           "| a | b |\n|---|---|\n| 1 | 2 |\n")


def _plot(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [0, 1, 4])
    fig.savefig(path)
    plt.close(fig)


def test_markdown_tables_and_headings_become_html_and_raw_html_stays_text():
    body = markdown_to_html(SUMMARY, lambda src, alt: f"<figure>{alt}</figure>")
    assert "<h3>Study summary</h3>" in body and "<h4>Short table</h4>" in body
    assert body.count("<table>") == 2 and "|---|" not in body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert body.count('<details class="long-table">') == 1 and f"{COLLAPSE_ROWS + 8} rows" in body
    assert "<figure>saliency</figure>" in body


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    (out / "conjecture").mkdir()
    _plot(out / "conjecture" / "saliency.png")
    _plot(out / "kernels.png")
    unknot = Section("unknot", "Unknotting certificates", ["input", "steps"], [{"input": "8_20", "steps": 3}])
    for spec in ("3_1", "8_20", "L4a1"):
        add_diagram(unknot, parse_spec(spec).pd, spec, out)
    ribbon = Section("ribbon", "Ribbon certificates", ["knot", "result"],
                     [{"knot": f"K{i}", "result": "ribbon"} for i in range(COLLAPSE_ROWS + 3)])
    for name in ("ribbon-6_1-bb9aa2ca1949.yaml", "ribbon-8_20-a7393e223224.yaml"):
        path = EXAMPLES / name
        ribbon.certificates.append((read_certificate(path), path))
    add_movies(ribbon, out)
    study = Section("conjecture", "Conjecture generation", preformatted=SUMMARY, markdown_base="conjecture",
                    images=["conjecture/saliency.png"])
    kernels = Section("kernels", "Kernel checks", ["kernel", "valid"], [{"kernel": "python", "valid": 2}],
                      images=["kernels.png"])
    sections = [unknot, ribbon, kernels, study]
    (out / "index.html").write_text(render_html(sections, out, {"run": "test"}))
    (out / "summary.md").write_text(render_markdown(sections, {"run": "test"}))
    return out, sections


def test_every_figure_has_a_caption_saying_what_was_measured(report):
    out, sections = report
    page = (out / "index.html").read_text()
    figures = re.findall(r"<figure[^>]*>(.*?)</figure>", page, re.S)
    assert len(figures) == 3 + 2 + 1 + 1  # diagrams, movie strips, kernels plot, saliency (inline, once)
    for figure in figures:
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
        assert "no caption registered" not in caption and len(caption) > 40
    assert "Ribbon movie of knotinfo:6_1" in page and "band move" in page
    assert "passwd" in page and "not embedded" in page  # a link out of the report is named, not read
    assert "*Checking time per certificate" in (out / "summary.md").read_text()


def test_every_plot_the_run_writes_has_a_registered_caption():
    from pybridge.metricflow.plots import NAMES

    for name in (*NAMES, "g2_vs_separation.png", "g4c_vs_width.png", "phi4.png", "saliency.png",
                 "signature_vs_slope.png", "bound_ratio.png", "kernels.png"):
        assert name in CAPTIONS, name


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it when run as root)")
def test_headless_chromium_shows_tables_not_markdown_and_a_non_blank_page(report, tmp_path):
    out, _ = report
    url = (out / "index.html").resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert '<section id="conjecture">' in dom
    for pre in re.findall(r"<pre[^>]*>(.*?)</pre>", dom, re.S):
        assert not re.search(r"^\s*\|.*\|\s*$", pre, re.M), pre[:200]  # no raw Markdown table in a <pre>
    assert dom.count("<table") >= 5 and dom.count("<details") == 2
    assert dom.count('src="data:image/png;base64,') == 7
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,1600", url], capture_output=True,
                   timeout=120)
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] >= 1000 and pixels.std() > 0.05


def test_the_report_identifies_inputs_and_warns_about_a_wrong_label(tmp_path):
    import yaml

    from pybridge.certs.hashing import document_hash
    from pybridge.report.identities import COLUMN, add_identities

    document = yaml.safe_load((EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml").read_text())
    document["provenance"]["source"] = "knotinfo:10_123"
    document["sha256"] = document_hash(document)
    (tmp_path / "certs").mkdir()
    path = tmp_path / "certs" / "relabelled.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    section = Section("ribbon", "Ribbon certificates", ["knot", "result", "certificate"],
                      [{"knot": "10_123", "result": "ribbon", "certificate": "certs/relabelled.yaml"}])
    section.certificates.append((read_certificate(path), path))
    add_identities(section, tmp_path)
    assert COLUMN in section.columns and section.rows[0][COLUMN].startswith("6_1 (exact")
    assert section.notes[0].startswith("WARNING: certs/relabelled.yaml: provenance.source says knotinfo:10_123, but")
    page = render_html([section], tmp_path, {"run": "test"})
    assert '<p class="warning">WARNING: certs/relabelled.yaml' in page
