"""``pybridge draw``: diagrams checked in a real headless browser, PNGs, movies, bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from pybridge.certs.hashing import document_hash
from pybridge.draw.closure import braid_closure_pd
from pybridge.draw.diagram import drawing_of, write_picture
from pybridge.draw.render import BAND, HIGHLIGHT, Style, to_svg
from pybridge.knots import parse_spec

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "certs" / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it "
                                    "when run as root)")

#: Runs in the browser on the inline SVG: samples every drawn arc with getPointAtLength, counts
#: intersections between arcs (a clean drawing has none), pairs arc ends into gaps (mutual nearest
#: ends) and counts the gaps that exactly one arc passes through: the drawn crossings.
PROBE = r"""
(function () {
  const arcs = [...document.querySelectorAll('svg path.arc')];
  const lines = arcs.map(p => {
    const L = p.getTotalLength(), n = Math.max(24, Math.ceil(L / 1.5)), pts = [];
    for (let i = 0; i <= n; i++) { const q = p.getPointAtLength(L * i / n); pts.push([q.x, q.y]); }
    return {pts, closed: /Z\s*$/.test(p.getAttribute('d'))};
  });
  const o = (p, q, r) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const cross = (a, b, c, d) => o(c, d, a) * o(c, d, b) < 0 && o(a, b, c) * o(a, b, d) < 0;
  function hits(P, a, b, skip) {
    let n = 0;
    for (let i = 0; i + 1 < P.length; i++) if (!(skip && skip(i)) && cross(P[i], P[i + 1], a, b)) n++;
    return n;
  }
  let intersections = 0;
  for (let x = 0; x < lines.length; x++) {
    const P = lines[x].pts;
    for (let y = x; y < lines.length; y++) {
      const Q = lines[y].pts;
      for (let j = 0; j + 1 < Q.length; j++)
        intersections += hits(P, Q[j], Q[j + 1], x !== y ? null :
          (i => i <= j + 1 || (lines[x].closed && i >= P.length - 2 && j === 0)));
    }
  }
  const ends = [];
  lines.forEach((l, k) => { if (!l.closed) { ends.push(l.pts[0]); ends.push(l.pts[l.pts.length - 1]); } });
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const nearest = ends.map((e, i) => {
    let best = -1, bd = Infinity;
    ends.forEach((f, j) => { if (j !== i && dist(e, f) < bd) { bd = dist(e, f); best = j; } });
    return best;
  });
  let gaps = 0, crossings = 0;
  nearest.forEach((j, i) => {
    if (i < j && nearest[j] === i) {
      gaps++;
      let over = 0;
      lines.forEach(l => { over += hits(l.pts, ends[i], ends[j], null); });
      if (over === 1) crossings++;
    }
  });
  const out = document.createElement('pre');
  out.id = 'result';
  out.textContent = JSON.stringify({arcs: arcs.length, free: document.querySelectorAll('svg circle.free').length,
    arrows: document.querySelectorAll('svg polygon.arrow').length, intersections, gaps, crossings});
  document.body.appendChild(out);
})();
"""


def pybridge(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True, cwd=cwd)


def browser_probe(svg_path: Path, tmp_path: Path) -> dict:
    """Load the SVG file inline in a page in headless Chromium and return what :data:`PROBE` measured."""
    page = tmp_path / "probe.html"
    page.write_text(f"<!DOCTYPE html><html><body>{svg_path.read_text()}<script>{PROBE}</script></body></html>")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.resolve().as_uri()], capture_output=True, text=True,
                         timeout=180).stdout
    found = re.search(r'<pre id="result">(.*?)</pre>', dom)
    assert found, dom[-500:]
    return json.loads(found.group(1))


@needs_chromium
@pytest.mark.parametrize("spec", ["3_1", "8_20", "12a_1", "12n_242", "L4a1", "braid:3:1,1,1", "pd:[[1,1,2,2]]"])
def test_the_browser_finds_one_gap_and_one_crossing_per_pd_crossing(spec, tmp_path):
    pd = parse_spec(spec).pd
    svg = tmp_path / "knot.svg"
    result = pybridge("draw", spec, "--out", str(svg))
    assert result.returncode == 0, result.stderr
    seen = browser_probe(svg, tmp_path)
    n = pd.crossing_count
    assert seen["arcs"] == n and seen["gaps"] == n and seen["crossings"] == n, seen
    assert seen["intersections"] == 0, seen
    assert seen["free"] == pd.free_components
    assert seen["arrows"] >= pd.components - pd.free_components


def test_png_has_the_requested_size_and_is_not_blank(tmp_path):
    import matplotlib.image

    path = tmp_path / "k.png"
    result = pybridge("draw", "8_20", "--out", str(path), "--size", "400", "--labels")
    assert result.returncode == 0, result.stderr
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[:2] == (400, 400)
    dark = (pixels[:, :, :3].mean(axis=2) < 0.6).mean()
    assert 0.005 < dark < 0.3  # strands, arrows and labels drawn; not a filled square


def test_a_two_component_link_uses_two_colours_and_free_circles(tmp_path):
    pd = parse_spec("braid:4:1,1").pd  # a Hopf link plus two crossing-free circles
    drawing, _ = drawing_of(pd)
    svg = to_svg(drawing)
    strokes = set(re.findall(r'class="arc" data-component="\d" d="[^"]*" fill="none" stroke="(#[0-9a-f]+)"', svg))
    assert len(strokes) == 2 and svg.count('class="free"') == 2


@pytest.mark.parametrize("word, strands", [([1, 1, 1], 2), ([1, -2, 1, -2], 3), ([1, 2, -1, 2, 2], 3), ([1, 1], 4)])
def test_braid_closure_pd_is_the_same_link_as_spherogram_closure(word, strands):
    from pybridge.knots.braid import BraidWord
    from pybridge.knots.convert import braid_to_pd
    from pybridge.knots.invariants import jones_polynomial

    ours = braid_closure_pd(strands, word).pd
    theirs = braid_to_pd(BraidWord(strands, word))
    assert ours.writhe_signs() == tuple(1 if g > 0 else -1 for g in word)
    assert ours.components == theirs.components and jones_polynomial(ours) == jones_polynomial(theirs)


@pytest.mark.parametrize("args, message", [
    (["8_20", "--out", "x.jpg"], "must end in .png or .svg"),
    (["not_a_knot", "--out", "x.png"], "unknown knot name"),
    (["8_20", "--movie", "mv"], "--movie needs a certificate file"),
    ([str(EXAMPLES / "plumbing-equivalence-hopf-0-0-is-S3-0d23e781ca29.yaml"), "--out", "x.png"], "no knot diagram"),
])
def test_bad_input_exits_2_and_writes_nothing(args, message, tmp_path):
    result = pybridge("draw", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ribbon_movie_of_a_pd_certificate(tmp_path):
    from PIL import Image

    cert = EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml"
    steps = yaml.safe_load(cert.read_text())["steps"]
    out = tmp_path / "movie"
    result = pybridge("draw", str(cert), "--movie", str(out), "--every", "3")
    assert result.returncode == 0, result.stderr
    meta = json.loads((out / "movie.json").read_text())
    frames = meta["frames"]
    isotopies = sum(1 for s in steps if s[0] != "band" and s[0] != "remove_free")
    bands = [f for f in frames if f["move"] == "band"]
    assert frames[0]["move"] == "input" and frames[0]["crossings"] == 6 and frames[0]["components"] == 1
    assert len(bands) == sum(1 for s in steps if s[0] == "band") == 1
    assert bands[0]["components"] == 2 and "band between edges" in bands[0]["note"]
    assert len([f for f in frames if f["move"] not in ("input", "band")]) >= isotopies // 3
    assert frames[-1]["crossings"] == 0 and frames[-1]["step"] == len(steps) - 1
    for frame in frames:
        assert (out / frame["file"]).is_file()
    band_pixels = np.asarray(Image.open(out / bands[0]["file"]).convert("RGB")).reshape(-1, 3)
    magenta = tuple(int(HIGHLIGHT[k:k + 2], 16) for k in (1, 3, 5))
    assert (np.abs(band_pixels.astype(int) - magenta).sum(axis=1) < 30).sum() > 20  # the band's sides coloured
    before = [f for f in frames if f["move"] == "band (before)"]
    assert len(before) == 1 and before[0]["components"] == 1 and "about to be attached" in before[0]["note"]
    ribbon_pixels = np.asarray(Image.open(out / before[0]["file"]).convert("RGB")).reshape(-1, 3).astype(int)
    orange = np.array([int(BAND[k:k + 2], 16) for k in (1, 3, 5)]) * 0.55 + 255 * 0.45  # 55 % opaque on white
    assert (np.abs(ribbon_pixels - orange).sum(axis=1) < 30).sum() > 50  # the band itself, across its face
    strip = Image.open(out / "strip.png")
    assert strip.size == (len(frames) * 364, 364)
    gif = Image.open(out / "movie.gif")
    assert gif.n_frames == len(frames)


def test_braid_movie_marks_the_smoothed_letter(tmp_path):
    from pybridge.certs.io import read_certificate
    from pybridge.draw.movie import make_movie

    cert = read_certificate(EXAMPLES / "ribbon-8_20-a7393e223224.yaml")
    frames = make_movie(cert, tmp_path / "m", every=0)
    assert [f.move for f in frames] == ["input", "smooth (before)", "smooth", cert.steps[-1][0]]
    assert frames[1].crossings == 8 and "letter 3 about to be smoothed" in frames[1].note
    assert frames[0].crossings == 8 and frames[2].crossings == 7 and frames[2].components == 2
    assert frames[-1].crossings == 0 and frames[-1].components == 2  # the 2-component unlink
    assert "letter 3" in frames[2].note


def test_a_tampered_certificate_gets_no_movie(tmp_path):
    document = yaml.safe_load((EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml").read_text())
    document["steps"] = document["steps"][:-1]  # drop the last move and re-seal: well-formed, but false
    document["sha256"] = document_hash(document)
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(document, sort_keys=False))
    result = pybridge("draw", str(bad), "--movie", str(tmp_path / "movie"))
    assert result.returncode == 2 and "rejects this certificate" in result.stderr
    assert not (tmp_path / "movie").exists()


def test_a_picture_is_written_atomically_and_replaces_an_old_one(tmp_path):
    pd = parse_spec("4_1").pd
    drawing, _ = drawing_of(pd)
    path = tmp_path / "k.svg"
    path.write_text("old")
    write_picture(drawing, path, Style(width=300, height=300))
    assert path.read_text().startswith("<svg") and [p.name for p in tmp_path.iterdir()] == ["k.svg"]


def test_unknotting_movie_rings_each_changed_crossing(tmp_path):
    """An unknotting certificate made by ``pybridge unknotting`` is replayed with the trusted checker's
    ``apply_u_move``: one frame per crossing change, the changed crossing ringed in orange."""
    from PIL import Image

    made = pybridge("unknotting", "3_1", "--out", str(tmp_path / "certs"), "--budget-s", "20")
    assert made.returncode == 0, made.stderr
    cert = next((tmp_path / "certs").glob("unknotting-*.yaml"))
    out = tmp_path / "movie"
    result = pybridge("draw", str(cert), "--movie", str(out), "--every", "0")
    assert result.returncode == 0, result.stderr
    frames = json.loads((out / "movie.json").read_text())["frames"]
    changes = [f for f in frames if f["move"] == "crossing_change"]
    assert len(changes) == yaml.safe_load(cert.read_text())["claim"]["changes"] == 1
    assert frames[-1]["crossings"] == 0 and frames[-1]["components"] == 1
    pixels = np.asarray(Image.open(out / changes[0]["file"]).convert("RGB")).reshape(-1, 3).astype(int)
    orange = tuple(int(BAND[k:k + 2], 16) for k in (1, 3, 5))
    assert (np.abs(pixels - orange).sum(axis=1) < 40).sum() > 20


def test_without_out_the_picture_goes_under_the_ignored_out_folder(tmp_path):
    result = pybridge("draw", "8_20", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()] == ["out/draw/8_20.png"]


@pytest.mark.parametrize("spec", ["3_1", "8_20", "12a_1", "L4a1", "braid:-1,-1,-1"])
def test_drawn_crossings_have_the_pd_codes_signs(spec):
    """The picture is not a mirror image: at every crossing the drawn over-strand direction o and
    under-strand direction u (a -> c) satisfy sign(o × u) = the PD code's crossing sign."""
    pd = parse_spec(spec).pd
    _, embedding = drawing_of(pd)
    for i, (enters_b, sign) in enumerate(zip(pd.over_strand_enters_at_b(), pd.writhe_signs())):
        u = embedding.slot[(i, 2)] - embedding.slot[(i, 0)]
        o = embedding.slot[(i, 3)] - embedding.slot[(i, 1)]
        o = o if enters_b else -o
        assert np.sign(o[0] * u[1] - o[1] * u[0]) == sign, (spec, i)


def test_long_certificates_get_a_short_movie(tmp_path, monkeypatch):
    """``every`` is raised so that at most MAX_ISOTOPY_FRAMES isotopy frames are drawn."""
    from pybridge.certs.io import read_certificate
    from pybridge.draw import movie

    monkeypatch.setattr(movie, "MAX_ISOTOPY_FRAMES", 3)
    cert = read_certificate(EXAMPLES / "ribbon-6_1-bb9aa2ca1949.yaml")
    isotopies = sum(1 for step in cert.steps if step[0] not in ("band", "remove_free"))
    frames = movie.make_movie(cert, tmp_path / "m", every=1)
    every = json.loads((tmp_path / "m" / "movie.json").read_text())["every"]
    assert every == -(-isotopies // 3) > 1
    assert len([f for f in frames if "band" not in f.move and f.move != "input"]) <= 3 + 1  # + the final state
