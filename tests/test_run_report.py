"""`pybridge run`: configuration validation, the report files, ledger agreement, the browser check."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
import yaml

from pybridge.certs.checker import check_file
from pybridge.errors import InputFileError, SpecError
from pybridge.report.config import load_config
from pybridge.report.job import run_job

SMALL = {
    "unknot": {"specs": ["braid:3:1,2,1,1,-1,-2,1,2,2,-2,1,-1,-1,-2",
                         "pd:[[1,12,2,13],[5,19,6,18],[7,17,8,16],[9,3,10,2],[11,20,12,1],[13,10,14,11],"
                         "[14,3,15,4],[15,9,16,8],[17,5,18,4],[19,7,20,6]]"], "budget_s": 10},
    "ribbon": {"knots": ["6_1"], "sum_mirror": ["6_1"], "obstructed": ["3_1"], "budget_s": 30},
    "plumbing": {"pairs": [{"a": "g:-2,1,-2/0-1,1-2", "b": "g:-3,-3/0-1"}, {"a": "g:-5", "b": "g:-2,-2/0-1"}]},
    "kernels": {"formal": ["coq", "lean"]},
    "conjecture": {"enabled": False}, "nnft": {"enabled": False}, "flow": {"enabled": False},
}


def _config(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "run.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_embedded_default_is_valid():
    config = load_config()
    assert config["ribbon"]["knots"] and config["unknot"]["specs"] and config["ribbon"]["sum_mirror"]


@pytest.mark.parametrize("data, message", [
    ({"unknown": {}}, "unknown key 'unknown'"),
    ({"ribbon": {"bugdet_s": 3}}, "unknown key ribbon.bugdet_s"),
    ({"ribbon": {"budget_s": "fast"}}, "ribbon.budget_s: expected"),
    ({"ribbon": {"budget_s": -1}}, "ribbon.budget_s: must be positive"),
    ({"ribbon": {"knots": [61]}}, "quote knot names"),
    ({"kernels": {"formal": ["isabelle"]}}, "unknown kernel 'isabelle'"),
    ({"flow": {"enabled": "yes"}}, "flow.enabled: expected true/false"),
    ({"plumbing": {"pairs": [{"a": "g:-5"}]}}, r"plumbing.pairs\[0\]: expected \{a: GRAPH, b: GRAPH\}"),
])
def test_bad_configs_name_the_key(tmp_path, data, message):
    with pytest.raises(SpecError, match=message):
        load_config(_config(tmp_path, data))


def test_yaml_reads_unquoted_knot_names_as_numbers_and_we_refuse(tmp_path):
    path = tmp_path / "raw.yaml"
    path.write_text("ribbon:\n  knots: [6_1]\n")
    with pytest.raises(SpecError, match=r"ribbon.knots\[0\].*61"):
        load_config(path)


def test_unwritable_output_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputFileError, match="cannot write there"):
        run_job(load_config(_config(tmp_path, SMALL)), blocker / "out")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    out = tmp / "out"
    sections = run_job(load_config(_config(tmp, SMALL)), out)
    return out, sections


def test_the_run_writes_the_report_and_certificates(report):
    out, sections = report
    for name in ("index.html", "summary.md", "run.json", "ledger.sqlite", "kernels.png"):
        assert (out / name).is_file(), name
    by_key = {s.key: s for s in sections}
    assert by_key["unknot"].ok and by_key["ribbon"].ok
    ribbon = {row["knot"]: row for row in by_key["ribbon"].rows}
    assert ribbon["6_1"]["result"] == "ribbon" and ribbon["6_1 # -6_1"]["result"] == "ribbon"
    assert ribbon["3_1"]["result"].startswith("obstructed: signature")
    plumbing = by_key["plumbing"].rows
    assert plumbing[0]["result"] == "same 3-manifold (certified)" and plumbing[1]["result"].startswith("different:")
    paths = [row["certificate"] for key in ("unknot", "ribbon", "plumbing") for row in by_key[key].rows if row["certificate"]]
    assert len(paths) == 5
    assert all(check_file(out / p).valid for p in paths)
    generated = [href for _, href in by_key["kernels"].links]
    assert any(h.endswith(".v") for h in generated) and any(h.endswith(".lean") for h in generated)
    assert all((out / h).is_file() for h in generated)


def test_report_numbers_match_the_ledger(report):
    out, sections = report
    kernels = next(s for s in sections if s.key == "kernels")
    db = sqlite3.connect(out / "ledger.sqlite")
    counted = {}
    for kernel, verdict, n in db.execute(
            "SELECT kernel, verdict, count(*) FROM verdicts WHERE id IN "
            "(SELECT max(id) FROM verdicts GROUP BY certificate, kernel) GROUP BY kernel, verdict"):
        counted.setdefault(kernel, {"valid": 0, "invalid": 0, "skipped": 0})[verdict] = n
    shown = {row["kernel"]: {k: row[k] for k in ("valid", "invalid", "skipped")} for row in kernels.rows}
    assert shown == counted
    assert shown["python"]["valid"] == db.execute("SELECT count(*) FROM certificates").fetchone()[0] == 5
    if shutil.which("coqc"):
        assert shown["coq"]["valid"] == 5
    saved = json.loads((out / "run.json").read_text())
    assert next(s for s in saved["sections"] if s["key"] == "kernels")["rows"] == kernels.rows
    summary = (out / "summary.md").read_text()
    assert re.search(rf"\| python \| pybridge [^|]+ \| {shown['python']['valid']} \| 0 \| 0 \|", summary)


def test_html_escapes_untrusted_text(tmp_path):
    from pybridge.report.html import render_html
    from pybridge.report.section import Section

    page = render_html([Section("x", "<script>alert(1)</script>", ["knot"], [{"knot": "<b>K</b>"}])], tmp_path,
                       {"run": "<i>"})
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>K</b>" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it when run as root)")
def test_headless_chromium_renders_the_report(report, tmp_path):
    out, sections = report
    url = (out / "index.html").resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    for section in sections:
        assert f'<section id="{section.key}">' in dom
    assert dom.count('src="data:image/png;base64,') >= 1
    assert 'id="overview"' in dom and "table-ribbon" in dom
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,1600", url],
                   capture_output=True, timeout=120)
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] >= 1000 and pixels.std() > 0.05  # a page with text and plots, not a blank one
