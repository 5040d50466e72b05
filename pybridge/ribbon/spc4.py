"""Candidate counterexamples to the smooth 4-dimensional Poincaré conjecture (SPC4) from knot pairs.

Manolescu–Piccirillo (arXiv 2102.04391, after Akbulut–Kirby and Gompf): if two knots K1, K2 ⊂ S³
have homeomorphic 0-surgeries, K1 is slice and K2 is not, then a homotopy 4-sphere that is not
diffeomorphic to S⁴ exists (an *exotic* S⁴). Gukov–Halverson–Manolescu–Ruehle (arXiv 2304.09304)
ruled out many of their candidate pairs by showing both knots ribbon.

For each pair this module

1. compares the 0-surgeries (:func:`compare_zero_surgeries`): SnapPy's exterior of each diagram,
   filled along the Seifert longitude ``(0, 1)`` (checked: H₁ of the filling is Z, which holds for
   exactly one slope, ±λ), then ``is_isometric_to`` when both fillings are hyperbolic (positively
   oriented solutions; Mostow rigidity turns an isometry into a homeomorphism). ``is_isometric_to``
   ignores orientation, which does not matter here: M₀(K) ≅ −M₀(K′) = M₀(mirror K′), and a knot and
   its mirror are slice together. When that is not decisive, isometric *exteriors* mean the two
   diagrams show the same knot up to mirror (Gordon–Luecke 1989), so the 0-surgeries agree too;
2. computes the slice obstructions of both knots (:func:`pybridge.knots.slice.slice_obstructions`)
   and, for unobstructed ones, searches a ribbon certificate
   (:func:`pybridge.ribbon.certify.certify_ribbon`), written into the output directory;
3. gives a verdict (:func:`pair_verdict`).

Numerical caveat: SnapPy's hyperbolic structures and isometry test are floating point (not
verified interval arithmetic here, which needs Sage); a "would give an exotic 4-sphere" verdict is
a request to re-check by rigorous means, not a theorem. Ribbon certificates and slice obstructions
are exact.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .. import __version__
from ..errors import InputFileError, PybridgeError
from ..knots import Knot, parse_spec

FORMAT = "pybridge-spc4/1"
HOMEOMORPHIC = ("isometric", "same knot")  # 0-surgery statuses that show the 0-surgeries homeomorphic
SURGERY_TRIES = 12
VOLUME_TOLERANCE = 1e-6
POSITIVE = "all tetrahedra positively oriented"


# --------------------------------------------------------------------------
# The pairs file
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PairEntry:
    """One validated entry of a pairs file: a name and the two parsed knots."""

    index: int  # 1-based position in the file
    name: str
    spec1: str
    spec2: str
    k1: Knot = field(repr=False)
    k2: Knot = field(repr=False)


def _scalar(node, where: str, what: str = "a knot SPEC string such as 8_20 or braid:1,-2,1") -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise InputFileError(f"{where}: expected {what}")
    return str(node.value).strip()  # the text as written: YAML 1.1 would read 8_20 as the integer 820


def _entry_nodes(root, path: str) -> list:
    if isinstance(root, yaml.MappingNode):
        keys = [k.value for k, _ in root.value]
        if keys != ["pairs"]:
            raise InputFileError(f"{path}: expected a list of pairs, or a mapping with the one key 'pairs' "
                                 f"(found keys {', '.join(map(str, keys)) or 'none'})")
        root = root.value[0][1]
    if not isinstance(root, yaml.SequenceNode):
        raise InputFileError(f"{path}: expected a list of pairs like '- {{k1: 8_20, k2: braid:...}}'")
    if not root.value:
        raise InputFileError(f"{path}: the list of pairs is empty")
    return root.value


def _parse_knot(spec: str, where: str, base: Path) -> Knot:
    if spec.startswith("@") and not Path(spec[1:]).is_absolute() and not Path(spec[1:]).exists():
        spec = "@" + str(base / spec[1:])  # @file SPECs may be relative to the pairs file
    try:
        knot = parse_spec(spec)
        components = knot.components
    except PybridgeError as exc:
        raise InputFileError(f"{where}: {exc}") from None
    if components != 1:
        raise InputFileError(f"{where}: {spec!r} is a {components}-component link; SPC4 pairs are pairs of knots")
    return knot


def load_pairs(path: str | Path) -> list[PairEntry]:
    """Read and validate a pairs file; every SPEC is parsed before anything is computed.

    The file is a YAML list (or a mapping ``{pairs: [...]}``) of mappings ``{k1: SPEC, k2: SPEC,
    name: optional}``. Errors raise :class:`~pybridge.errors.InputFileError` naming the entry (its
    number, name and line) and the key at fault.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise InputFileError(f"{path}: not valid YAML ({str(exc).splitlines()[0][:80]})") from None
    if root is None:
        raise InputFileError(f"{path}: the file is empty; expected a list of pairs")
    entries, names = [], set()
    for index, node in enumerate(_entry_nodes(root, str(path)), start=1):
        where = f"{path}: pair {index} (line {node.start_mark.line + 1})"
        if not isinstance(node, yaml.MappingNode):
            raise InputFileError(f"{where}: expected a mapping with keys k1, k2 and optionally name")
        values = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in ("k1", "k2", "name"):
                raise InputFileError(f"{where}: unknown key {key!r} (allowed: k1, k2, name)")
            if key in values:
                raise InputFileError(f"{where}: key {key!r} appears twice")
            values[key] = value_node
        name = _scalar(values["name"], f"{where}: name", "a non-empty string") if "name" in values else f"pair {index}"
        where = f"{path}: pair {index} ({name!r}, line {node.start_mark.line + 1})"
        if name in names:
            raise InputFileError(f"{where}: the name {name!r} is used twice")
        names.add(name)
        specs = []
        for key in ("k1", "k2"):
            if key not in values:
                raise InputFileError(f"{where}: missing key {key!r} (a knot SPEC)")
            specs.append(_scalar(values[key], f"{where}: {key}"))
        k1 = _parse_knot(specs[0], f"{where}: k1", path.parent)
        k2 = _parse_knot(specs[1], f"{where}: k2", path.parent)
        entries.append(PairEntry(index, name, specs[0], specs[1], k1, k2))
    return entries


# --------------------------------------------------------------------------
# 0-surgeries
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SurgeryComparison:
    """``status``: ``isometric`` (hyperbolic 0-surgeries, SnapPy finds an isometry), ``same knot``
    (isometric exteriors: the same knot up to mirror, so equal 0-surgeries), ``not isometric``
    (both hyperbolic, different volumes or no isometry found), or ``unknown``."""

    status: str
    detail: str
    volume1: float | None = None
    volume2: float | None = None

    @property
    def homeomorphic(self) -> bool:
        """Whether the 0-surgeries are shown homeomorphic (up to orientation)."""
        return self.status in HOMEOMORPHIC


def knot_exterior(knot: Knot):
    """SnapPy's exterior of the knot's diagram; its peripheral curves are (meridian, Seifert longitude)."""
    from ..knots.convert import pd_to_link

    return pd_to_link(knot.pd).exterior()


def zero_surgery(knot: Knot):
    """The 0-surgery on ``knot``: its exterior filled along the slope ``(0, 1)``.

    spherogram's ``Link.exterior()`` takes the longitude to be the Seifert (homological) longitude,
    so ``(0, 1)`` is the 0-framing. Checked every time: a filling ``aμ + bλ`` has H₁ = Z/a, so H₁ = Z
    holds exactly for the slope ±λ; anything else raises ``RuntimeError``.
    """
    manifold = knot_exterior(knot)
    manifold.dehn_fill((0, 1))
    divisors = manifold.homology().elementary_divisors()
    if list(divisors) != [0]:
        raise RuntimeError(f"{knot.spec}: the (0,1) filling has H1 = {manifold.homology()}, not Z: "
                           "(0,1) is not the homological longitude")
    return manifold


def _hyperbolic(manifold, tries: int = SURGERY_TRIES):
    """A positively oriented hyperbolic model of ``manifold`` and its volume, or ``(None, None)``.

    Each of ``tries`` attempts looks at the (re-randomized) manifold and, for a Dehn filling, at a
    fresh closed triangulation of it (``Manifold(M.filled_triangulation())``, which SnapPy often
    solves when the filled one is stuck); a solution with negatively oriented or degenerate
    tetrahedra is not accepted as evidence of hyperbolicity.
    """
    import snappy

    manifold = manifold.copy()
    filled = any(not complete for complete in manifold.cusp_info("is_complete"))
    for attempt in range(tries):
        if manifold.solution_type() == POSITIVE:
            return manifold, float(manifold.volume())
        if filled:
            try:
                closed = snappy.Manifold(manifold.filled_triangulation())
            except (RuntimeError, ValueError):  # SnapPea could not build the closed triangulation
                closed = None
            if closed is not None and closed.solution_type() == POSITIVE:
                return closed, float(closed.volume())
        if attempt < tries - 1:
            manifold.randomize()
    return None, None


def _isometric(a, b, tries: int = SURGERY_TRIES) -> bool | None:
    """SnapPy's isometry test, retried on the kernel's "could not decide"; ``None`` if never decided."""
    for _ in range(tries):
        try:
            return bool(a.is_isometric_to(b))
        except RuntimeError:
            a.randomize()
            b.randomize()
    return None


def compare_zero_surgeries(k1: Knot, k2: Knot) -> SurgeryComparison:
    """Whether the 0-surgeries of ``k1`` and ``k2`` are homeomorphic, as far as SnapPy can tell.

    See the module docstring: hyperbolic 0-surgeries are compared by volume and isometry; otherwise
    isometric hyperbolic exteriors show the knots equal up to mirror; otherwise ``unknown``.
    """
    m1, v1 = _hyperbolic(zero_surgery(k1))
    m2, v2 = _hyperbolic(zero_surgery(k2))
    if v1 is not None and v2 is not None:
        if abs(v1 - v2) > VOLUME_TOLERANCE * max(1.0, v1, v2):
            return SurgeryComparison("not isometric",
                                     f"hyperbolic 0-surgeries of different volumes {v1:.6f} and {v2:.6f}", v1, v2)
        same = _isometric(m1, m2)
        if same is True:
            return SurgeryComparison("isometric", f"hyperbolic 0-surgeries, isometric (volume {v1:.6f})", v1, v2)
        if same is False:
            return SurgeryComparison("not isometric", f"hyperbolic 0-surgeries of volume {v1:.6f}, SnapPy finds no "
                                     "isometry", v1, v2)
    if v1 is not None and v2 is not None:
        reason = "SnapPy could not decide whether the hyperbolic 0-surgeries are isometric"
    else:
        unproven = " and ".join(k.spec[:40] for k, v in ((k1, v1), (k2, v2)) if v is None)
        reason = f"0-surgery of {unproven} not shown hyperbolic (no positively oriented solution)"
    e1, e2 = _hyperbolic(knot_exterior(k1))[0], _hyperbolic(knot_exterior(k2))[0]
    if e1 is not None and e2 is not None and _isometric(e1, e2):
        return SurgeryComparison("same knot", f"{reason}; the exteriors are isometric, so the knots agree up to "
                                 "mirror (Gordon–Luecke) and so do their 0-surgeries", v1, v2)
    return SurgeryComparison("unknown", reason, v1, v2)


# --------------------------------------------------------------------------
# Sliceness of each knot
# --------------------------------------------------------------------------


@dataclass
class KnotReport:
    """What is known about one knot: ``status`` is ``ribbon`` (certificate written), ``obstructed``
    (a slice obstruction applies: not slice) or ``not found`` (neither within the budget)."""

    spec: str
    source: str
    crossings: int
    status: str
    obstructions: list[dict]
    certificate: str | None = None
    agent: str | None = None
    bands: int | None = None
    seconds: float = 0.0
    note: str = ""


class _Overrun(Exception):
    """Raised by the SIGALRM handler of :func:`_hard_limit`."""


@contextmanager
def _hard_limit(seconds: float):
    """Interrupt the block with :class:`_Overrun` after ``seconds`` (main thread with SIGALRM only;
    elsewhere the block runs unguarded). A safety net for searches that overrun their budget."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise _Overrun()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hard_limit_s(budget_s: float) -> float:
    """Wall-clock limit after which a ribbon search of budget ``budget_s`` is stopped: 1.5 × budget + 10 s."""
    return 1.5 * budget_s + 10.0


def knot_report(knot: Knot, agent: str, budget_s: float, seed: int, out_dir: Path) -> KnotReport:
    """Slice obstructions of ``knot``; if none, a ribbon search whose certificate is written to ``out_dir``.

    The search gets ``budget_s`` seconds; one that runs past :func:`hard_limit_s` is stopped and the
    knot reported ``not found`` with a note (agents should keep their budget; this is a safety net).
    """
    from ..certs import write_certificate
    from ..knots.slice import slice_obstructions
    from ..pipeline import NotFoundError
    from .certify import SliceObstructedError, certify_ribbon

    start = time.monotonic()
    pd = knot.pd
    found = slice_obstructions(pd)
    report = KnotReport(knot.spec, knot.source, len(pd.crossings), "not found",
                        [{"invariant": o.invariant, "value": o.value, "reason": str(o)} for o in found])
    if found:
        report.status = "obstructed"
    else:
        limit = hard_limit_s(budget_s)
        try:
            with _hard_limit(limit):
                certified = certify_ribbon(knot, agent, budget_s, seed)
        except _Overrun:
            report.status = "not found"
            report.note = (f"the {agent} search overran its {budget_s:g} s budget and was stopped after {limit:g} s")
        except SliceObstructedError as exc:  # not reached: the obstructions above come first
            report.status = "obstructed"
            if exc.obstruction is not None and not report.obstructions:
                report.obstructions.append({"invariant": exc.obstruction.invariant, "value": exc.obstruction.value,
                                            "reason": str(exc.obstruction)})
        except NotFoundError:
            report.status = "not found"
        else:
            path = write_certificate(certified.certificate, out_dir)
            report.status, report.certificate = "ribbon", str(path)
            report.agent, report.bands = certified.agent, certified.certificate.claim["bands"]
    report.seconds = round(time.monotonic() - start, 3)
    return report


# --------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------


def pair_verdict(r1: KnotReport, r2: KnotReport, surgery: SurgeryComparison) -> tuple[str, str]:
    """``(code, text)`` for a pair: codes ``ruled-out``, ``exotic``, ``invalid-pair``, ``both-obstructed``, ``open``.

    * both ribbon: ``ruled out (both ribbon)`` — the pair is no counterexample;
    * one ribbon, the other obstructed, 0-surgeries shown homeomorphic: ``exotic`` — by
      Manolescu–Piccirillo this would give an exotic S⁴; almost certainly a bug or a numerical
      error, so it says "re-check!";
    * one ribbon, the other obstructed, 0-surgeries not shown homeomorphic: ``invalid-pair``;
    * both obstructed: neither knot is slice, so no exotic S⁴ from this pair;
    * otherwise ``open``.
    """
    s1, s2 = r1.status, r2.status
    if s1 == s2 == "ribbon":
        return "ruled-out", "ruled out (both ribbon)"
    if {s1, s2} == {"ribbon", "obstructed"}:
        ribbon, obstructed = ("K1", "K2") if s1 == "ribbon" else ("K2", "K1")
        if surgery.homeomorphic:
            return "exotic", f"{obstructed} obstructed, {ribbon} ribbon — would give an exotic 4-sphere: re-check!"
        return "invalid-pair", (f"not a valid SPC4 pair: {ribbon} ribbon, {obstructed} obstructed, but the 0-surgeries "
                                f"are not shown homeomorphic ({surgery.status})")
    if s1 == s2 == "obstructed":
        return "both-obstructed", "both obstructed: neither knot is slice, no exotic S⁴ from this pair"
    return "open", "open"


@dataclass
class PairReport:
    """The result for one pair."""

    name: str
    k1: KnotReport
    k2: KnotReport
    zero_surgery: SurgeryComparison
    verdict: str
    verdict_text: str


def run_pairs(entries: list[PairEntry], *, agent: str = "auto", budget_s: float = 60.0, seed: int = 0,
              out_dir: str | Path = "spc4-out", progress: Callable[[str], None] | None = None) -> list[PairReport]:
    """Analyse every pair (module docstring); certificates go to ``out_dir``. A SPEC that occurs in
    several pairs is analysed once. ``progress`` receives one line per step."""
    out_dir = Path(out_dir)
    say = progress or (lambda text: None)
    cache: dict[str, KnotReport] = {}
    reports = []
    for entry in entries:
        say(f"{entry.name}: comparing 0-surgeries")
        surgery = compare_zero_surgeries(entry.k1, entry.k2)
        knots = []
        for label, spec, knot in (("K1", entry.spec1, entry.k1), ("K2", entry.spec2, entry.k2)):
            if spec not in cache:
                say(f"{entry.name}: {label} = {spec}: slice obstructions, then ribbon search ({agent}, {budget_s:g} s)")
                cache[spec] = knot_report(knot, agent, budget_s, seed, out_dir)
            knots.append(cache[spec])
        code, text = pair_verdict(knots[0], knots[1], surgery)
        reports.append(PairReport(entry.name, knots[0], knots[1], surgery, code, text))
    return reports


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def reports_json(reports: list[PairReport], meta: dict) -> dict:
    """The JSON document written to ``spc4.json``."""
    pairs = []
    for r in reports:
        pairs.append({"name": r.name, "k1": asdict(r.k1), "k2": asdict(r.k2),
                      "zero_surgery": asdict(r.zero_surgery) | {"homeomorphic": r.zero_surgery.homeomorphic},
                      "verdict": r.verdict, "verdict_text": r.verdict_text})
    counts: dict[str, int] = {}
    for r in reports:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    return {"format": FORMAT, **meta, "pairs": pairs, "summary": counts}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _knot_cell(k: KnotReport) -> str:
    if k.status == "ribbon":
        return f"ribbon ({k.bands} band{'s' if k.bands != 1 else ''})"
    if k.status == "obstructed":
        return "obstructed: " + ", ".join(o["value"] for o in k.obstructions)
    return "not found"


def reports_markdown(reports: list[PairReport], meta: dict) -> str:
    """The Markdown report written to ``spc4.md``: one table row per pair, then the details."""
    lines = ["# SPC4 candidate pairs", "",
             f"Pairs file `{meta['pairs_file']}`; ribbon agent `{meta['agent']}`, {meta['budget_s']:g} s per knot, "
             f"seed {meta['seed']}; pybridge {meta['version']}.", "",
             "Manolescu–Piccirillo: homeomorphic 0-surgeries, K1 slice and K2 not ⇒ an exotic S⁴. "
             "0-surgeries are compared numerically with SnapPy; ribbon certificates and obstructions are exact.", ""]
    exotic = [r for r in reports if r.verdict == "exotic"]
    if exotic:
        lines += ["**WARNING: " + "; ".join(f"{r.name}: {r.verdict_text}" for r in exotic) + "**", ""]
    lines += ["| # | pair | K1 | K2 | 0-surgeries | K1 | K2 | verdict |", "|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(reports, start=1):
        lines.append("| " + " | ".join(_cell(x) for x in (
            i, r.name, f"`{r.k1.spec[:40]}`", f"`{r.k2.spec[:40]}`", r.zero_surgery.status,
            _knot_cell(r.k1), _knot_cell(r.k2), r.verdict_text)) + " |")
    lines.append("")
    for i, r in enumerate(reports, start=1):
        lines += [f"## {i}. {_cell(r.name)}", "",
                  f"* 0-surgeries: **{r.zero_surgery.status}** — {r.zero_surgery.detail}"]
        for label, k in (("K1", r.k1), ("K2", r.k2)):
            text = f"* {label} `{k.spec[:60]}` ({k.source}, {k.crossings} crossings): **{k.status}**"
            if k.certificate:
                text += f", certificate `{k.certificate}` (agent {k.agent})"
            if k.note:
                text += f" — {k.note}"
            lines.append(text)
            lines += [f"  * {o['reason']}" for o in k.obstructions]
        lines += [f"* verdict: **{r.verdict_text}**", ""]
    return "\n".join(lines)


def write_reports(reports: list[PairReport], meta: dict, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``spc4.md`` and ``spc4.json`` into ``out_dir`` atomically; return their paths."""
    from ..certs.io import write_text_atomic

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "spc4.md", out_dir / "spc4.json"
    write_text_atomic(js, json.dumps(reports_json(reports, meta), indent=2, ensure_ascii=False) + "\n")
    write_text_atomic(md, reports_markdown(reports, meta))
    return md, js


def run_file(pairs_file: str | Path, *, agent: str = "auto", budget_s: float = 60.0, seed: int = 0,
             out_dir: str | Path = "spc4-out", progress: Callable[[str], None] | None = None):
    """Validate ``pairs_file``, analyse its pairs, write the reports: ``(reports, md_path, json_path)``."""
    entries = load_pairs(pairs_file)
    reports = run_pairs(entries, agent=agent, budget_s=budget_s, seed=seed, out_dir=out_dir, progress=progress)
    meta = {"pairs_file": str(pairs_file), "agent": agent, "budget_s": budget_s, "seed": seed, "version": __version__}
    md, js = write_reports(reports, meta, out_dir)
    return reports, md, js


def example_pairs_file() -> Path:
    """The example pairs file shipped with pybridge (``pybridge/data/spc4_pairs.yaml``)."""
    return Path(__file__).resolve().parent.parent / "data" / "spc4_pairs.yaml"
