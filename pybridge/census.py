"""``pybridge census slice``: every knot of a table gets a slice obstruction or a ribbon certificate.

The table is KnotInfo (``database_knotinfo``) for 3 ≤ N ≤ 13 crossings and SnapPy's
``HTLinkExteriors(knots_vs_links='knots', crossings=14)`` (46,972 prime knots, names ``K14a1`` …
``K14a19536``, ``K14n1`` … ``K14n27436``) for N = 14. For each knot, in a worker:

1. the slice obstructions of :mod:`pybridge.knots.slice` without knot Floer homology (signature,
   determinant not a square, Fox–Milnor), then
2. the Levine–Tristram signatures σ_ω at the roots of unity ω of prime-power order listed in
   :data:`pybridge.knots.unknotting_bounds.LT_ORDERS` (computed, with a certified sign margin, by
   :func:`pybridge.knots.unknotting_bounds.levine_tristram_signature`). A slice knot K has σ_ω(K) = 0
   whenever Δ_K(ω) ≠ 0 (Tristram 1969, *Some cobordism invariants for links*, Proc. Camb. Phil. Soc.
   66; Levine 1969), and Δ_K(ω) ≠ 0 for ω of prime-power order q = pʳ because Φ_q(1) = p while
   Δ_K(1) = ±1. A value too close to 0 to decide its sign is skipped, never used;
3. τ and ε from knot Floer homology (again :mod:`pybridge.knots.slice`);
4. if nothing obstructs, the ribbon search of ``pybridge ribbon``
   (:func:`pybridge.ribbon.certify.certify_ribbon` with ``obstruct=False`` since step 1–3 already ran),
   whose certificate the trusted checker accepts before it is returned.

Verdicts: ``obstructed`` (the first obstruction found, cheapest first), ``ribbon`` (a certificate,
re-checked by the trusted checker in the driver before it is written to ``OUT/certs/<knot>.yaml``) or
``unknown`` (no obstruction, no certificate within the budget; also a search stopped by the hard
time limit or a job that failed). A ribbon verdict is only ever given after no obstruction applied, so
a knot is never both.

The jobs run through the batch machinery (:mod:`pybridge.batch_executors`: a process pool or Ray) and
each result goes to the ledger (:mod:`pybridge.certs.ledger`, batch id ``census-slice-N``, job key =
knot name) as it finishes. A re-run skips knots already finished in the ledger, so a census can be
interrupted and continued across runs (``--retry-unknown`` re-runs the unknown ones, e.g. with a
larger budget). ``census.csv``, ``summary.md`` and ``plot.png`` are rebuilt from the ledger at the
end of every run (also an interrupted one) for the selected knots that have finished.
"""

from __future__ import annotations

import cmath
import csv
import io
import json
import math
import os
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import click

from .errors import InputFileError, PybridgeError

#: verdicts of the census, in the order the summary lists them
VERDICTS = ("ribbon", "obstructed", "unknown")
#: ledger job status of each verdict (unknown: ``not-found``, ``timeout`` or ``error``)
STATUS_OF = {"ribbon": "certified", "obstructed": "refuted", "unknown": "not-found"}
#: the HTLinkExteriors 14-crossing table: alternating then non-alternating knots
HT14 = (("K14a", 19536), ("K14n", 27436))
#: Dunfield–Gong (arXiv 2512.21825), as quoted by Dai–Hayman–Juhász–Morellato: slice 14-crossing knots
DUNFIELD_GONG_SLICE_14 = 1194
CSV_FIELDS = ("knot", "verdict", "evidence", "seconds", "detail", "knotinfo")
LT_REASON = ("a slice knot has σ_ω = 0 where Δ(ω) ≠ 0 (Levine 1969, Tristram 1969); "
             "Δ(ω) ≠ 0 for ω of prime-power order as Φ_q(1) = p and Δ(1) = ±1")


# --------------------------------------------------------------------------
# The knot table
# --------------------------------------------------------------------------


def table_size(crossings: int) -> int:
    """Number of prime knots with ``crossings`` crossings in the table the census reads."""
    return len(knot_names(crossings))


def knot_names(crossings: int, every: int = 1, count: int | None = None) -> list[str]:
    """The knots of the table for ``crossings`` (in table order), every ``every``-th from the first,
    at most ``count`` of them. KnotInfo for 3–13 crossings, HTLinkExteriors for 14."""
    if every < 1:
        raise InputFileError(f"--every {every}: must be a positive integer")
    if count is not None and count < 1:
        raise InputFileError(f"--count {count}: must be a positive integer")
    if 3 <= crossings <= 13:
        from .knots.catalog import knotinfo_names

        names = knotinfo_names(crossings, crossings)
    elif crossings == 14:
        names = [f"{prefix}{i}" for prefix, n in HT14 for i in range(1, n + 1)]
    else:
        raise InputFileError(f"--crossings {crossings}: the census covers 3 to 13 crossings (KnotInfo) "
                             "and 14 (SnapPy's HTLinkExteriors)")
    names = names[::every]
    return names[:count] if count is not None else names


def check_ht14_table() -> None:
    """Verify that the names of :data:`HT14` are SnapPy's table (first, boundary and last entries, size)."""
    import snappy

    table = snappy.HTLinkExteriors(knots_vs_links="knots", crossings=14)
    n_alt = HT14[0][1]
    expected = {0: "K14a1", n_alt - 1: f"K14a{n_alt}", n_alt: "K14n1", len(table) - 1: f"K14n{HT14[1][1]}"}
    got = {i: table[i].name() for i in expected}
    if len(table) != sum(n for _, n in HT14) or got != expected:
        raise PybridgeError(f"SnapPy's HTLinkExteriors does not have the expected 14-crossing names: {got}")


def knotinfo_slice(name: str) -> str:
    """KnotInfo's smooth slice status of ``name``: ``slice`` (4-genus 0), ``not slice`` (4-genus ≥ 1),
    ``unknown`` (an interval such as ``[0,1]``), or ``""`` where KnotInfo has no row."""
    from .knots.catalog import has_knot, knotinfo_row

    if not has_knot(name):
        return ""
    genus = knotinfo_row(name)["smooth_four_genus"].strip()
    if genus.isdigit():
        return "slice" if int(genus) == 0 else "not slice"
    if genus.startswith("[") and genus[1:].split(",")[0].strip().isdigit() and int(genus[1:].split(",")[0]) >= 1:
        return "not slice"
    return "unknown"


# --------------------------------------------------------------------------
# One knot (runs in a worker)
# --------------------------------------------------------------------------


def levine_tristram_obstruction(pd):
    """A :class:`~pybridge.knots.slice.SliceObstruction` from a nonzero Levine–Tristram signature at a
    root of unity of prime-power order (see the module docstring), or ``None``."""
    from .knots.slice import SliceObstruction
    from .knots.unknotting_bounds import LT_ORDERS, levine_tristram_signature, seifert_matrix

    if not pd.crossings or pd.components != 1:
        return None
    seifert = seifert_matrix(pd.crossings)
    if not seifert:
        return None
    for q in LT_ORDERS:
        for k in range(1, q // 2 + 1):
            if math.gcd(k, q) != 1:
                continue
            sigma = levine_tristram_signature(seifert, cmath.exp(2j * math.pi * k / q))
            if sigma:  # None (sign not certain) and 0 obstruct nothing
                return SliceObstruction("levine-tristram", f"σ_ω = {sigma} at ω = e^(2πi·{k}/{q})", LT_REASON)
    return None


def census_obstruction(pd):
    """The first slice obstruction of the census, cheapest first (``None``: none applies):
    signature, determinant, Fox–Milnor, Levine–Tristram, τ, ε."""
    from .knots.slice import slice_obstruction, slice_obstructions

    found = slice_obstruction(pd, floer=False)
    if found is None:
        found = levine_tristram_obstruction(pd)
    if found is None:  # τ, ε (the cheap checks run again: milliseconds)
        found = next((o for o in slice_obstructions(pd) if o.invariant in ("tau", "epsilon")), None)
    return found


def _classify(job: dict) -> dict:
    from .batch import _certified
    from .knots import parse_spec
    from .pipeline import NotFoundError
    from .ribbon.certify import certify_ribbon

    knot = parse_spec(job["spec"])
    found = census_obstruction(knot.pd)
    if found is not None:
        return {"status": "refuted", "verdict": "obstructed", "obstruction": found.invariant,
                "value": found.value, "message": str(found), "certificates": []}
    try:
        certified = certify_ribbon(knot, job["agent"], job["budget_s"], job["seed"], obstruct=False)
    except NotFoundError as exc:
        return {"status": "not-found", "verdict": "unknown", "message": str(exc), "certificates": []}
    result = _certified(certified)
    result.update(verdict="ribbon", bands=certified.certificate.claim.get("bands"))
    return result


def census_job(job: dict) -> dict:
    """Classify one knot (in a worker): ``verdict``, ``status`` (the ledger's), ``message``, ``seconds``,
    certificate texts, and for an obstruction its ``obstruction`` name and ``value``.

    The whole job runs under :func:`pybridge.ribbon.spc4.hard_limit_s` of the budget (a safety net: a search
    past it is stopped and the knot is ``unknown``, status ``timeout``); a pybridge error is
    ``unknown`` with status ``error``.
    """
    from .batch import guarded_run
    from .knots.catalog import _table
    from .ribbon.spc4 import hard_limit_s

    _table()  # load the KnotInfo table and the search modules once per worker, outside the knot's time
    import pybridge.ribbon.agents  # noqa: F401
    import pybridge.ribbon.certify  # noqa: F401
    import snappy  # noqa: F401  (SnapPy's link tables, for the 14-crossing names)
    return guarded_run(_classify, job, hard_limit_s(job["budget_s"]), verdict="unknown")


# --------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------


@dataclass
class CensusSummary:
    """What a census run did and where its outputs are."""

    batch: str
    out: Path
    ledger: Path
    selected: int
    skipped: int = 0
    ran: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    interrupted: bool = False


def batch_id(crossings: int) -> str:
    """The ledger batch id of the census of ``crossings``-crossing knots."""
    return f"census-slice-{crossings}"


def _verdict_of(status: str) -> str:
    return {"certified": "ribbon", "refuted": "obstructed"}.get(status, "unknown")


def run_census(crossings: int, out_dir: str | os.PathLike, *, executor: str = "process", budget_s: float = 10.0,
               count: int | None = None, every: int = 1, agent: str = "auto", seed: int = 0,
               workers: int | None = None, address: str | None = None, ledger_path=None,
               retry_unknown: bool = False, show_progress: bool = True, on_result=None) -> CensusSummary:
    """Run (or continue) the slice census; see the module docstring. ``on_result(knot, result)`` is
    called after each knot is recorded (tests use it to interrupt a run)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch import prepare_out, store_certificates
    from .batch_executors import _import_ray, execute, probe_address
    from .certs.ledger import Ledger, default_ledger_path

    executor = {"process": "local", "local": "local", "ray": "ray"}.get(executor)
    if executor is None:
        raise InputFileError("--executor: choose process or ray")
    if not (budget_s > 0 and math.isfinite(budget_s)):
        raise InputFileError(f"--budget-s {budget_s}: must be a positive number of seconds")
    if executor == "ray":
        _import_ray()
        if address is not None:
            probe_address(address)
    names = knot_names(crossings, every, count)
    if crossings == 14:
        check_ht14_table()
    batch = batch_id(crossings)
    out = Path(out_dir)
    start = time.monotonic()
    with prepare_out(out), Ledger(ledger_path or default_ledger_path(out)) as ledger:
        statuses = ledger.job_statuses(batch)
        rerun = ("queued", "not-found", "timeout", "error") if retry_unknown else ("queued",)
        todo = [{"kind": "census-slice", "spec": name, "agent": agent, "budget_s": float(budget_s), "seed": seed,
                 "key": name} for name in names if statuses.get(name, "queued") in rerun]
        summary = CensusSummary(batch, out, ledger.path, len(names), len(names) - len(todo))
        ledger.queue_jobs(batch, [(job["key"], job["kind"], job) for job in todo])
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        try:
            with Progress(*columns, console=Console(stderr=True), disable=not show_progress) as progress:
                task = progress.add_task(f"census {crossings} crossings", total=len(names), completed=summary.skipped)
                runs = execute(executor, census_job, todo, address=address, workers=workers) if todo else _nothing()
                with closing(runs) as results:
                    for job, result in results:
                        result.setdefault("verdict", "unknown")  # a worker that died: executors' failure()
                        _record(ledger, batch, job, result, out, store_certificates)
                        summary.ran += 1
                        verdict = result["verdict"]
                        summary.counts[verdict] = summary.counts.get(verdict, 0) + 1
                        summary.errors += result["status"] == "error"
                        progress.update(task, advance=1, description=f"census {crossings} crossings "
                                        + " ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())))
                        if on_result is not None:
                            on_result(job["spec"], result)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            summary.seconds = round(time.monotonic() - start, 3)
            rows = census_rows(ledger, batch, names, out)
            write_outputs(out, crossings, rows, summary, every=every, workers=workers or os.cpu_count() or 1,
                          budget_s=budget_s, executor=executor)
            summary.disagreements = [f"{r['knot']}: {r['verdict']} but KnotInfo says {r['knotinfo']}"
                                     for r in rows if _disagrees(r)]
    return summary


def _nothing():
    """An empty generator (nothing to run: no executor, in particular no Ray instance, is started)."""
    yield from ()


def _record(ledger, batch: str, job: dict, result: dict, out: Path, store_certificates) -> None:
    """Check and write the certificate (if any) and record the result in the ledger, one transaction."""
    try:
        stored = store_certificates(result, job["key"], out)
    except InputFileError:
        raise
    except PybridgeError as exc:  # the trusted checker rejected it: a search bug, never a ribbon verdict
        stored = []
        result.update(status="error", verdict="unknown", message=str(exc))
    record = {k: v for k, v in result.items() if k != "certificates"}
    record["certificates"] = [str(path) for _, path, _ in stored]
    ledger.finish_job(batch, job["key"], result["status"], record, stored)


def census_rows(ledger, batch: str, names: list[str], out: Path | None = None) -> list[dict]:
    """One CSV row per selected knot that has finished (table order), read from the ledger; certificate
    paths relative to ``out`` where they lie in it."""
    by_key = {row["job_key"]: row for row in ledger.jobs(batch)}
    rows = []
    for name in names:
        row = by_key.get(name)
        if row is None or row["status"] == "queued" or not row["result"]:
            continue
        result = json.loads(row["result"])
        verdict = result.get("verdict") or _verdict_of(row["status"])
        if verdict == "ribbon":
            evidence = (result.get("certificates") or [""])[0]
            if evidence and out is not None:
                try:
                    evidence = str(Path(evidence).resolve().relative_to(Path(out).resolve()))
                except ValueError:
                    pass
            detail = f"{result.get('agent', '')}, {result.get('bands', '?')} band(s)"
        elif verdict == "obstructed":
            evidence, detail = result.get("obstruction", ""), result.get("value", "")
        else:
            evidence = row["status"]
            detail = (result.get("message") or "").splitlines()[0][:200] if result.get("message") else ""
        rows.append({"knot": name, "verdict": verdict, "evidence": evidence,
                     "seconds": float(result.get("seconds", 0.0)), "detail": detail,
                     "knotinfo": knotinfo_slice(name)})
    return rows


def _disagrees(row: dict) -> bool:
    return ((row["verdict"] == "ribbon" and row["knotinfo"] == "not slice")
            or (row["verdict"] == "obstructed" and row["knotinfo"] == "slice"))


# --------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
    from .certs.io import write_text_atomic

    if isinstance(data, str):
        write_text_atomic(path, data)
        return
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_outputs(out: Path, crossings: int, rows: list[dict], summary: CensusSummary, **info) -> None:
    """``census.csv``, ``summary.md`` and ``plot.png`` in ``out`` (each written atomically)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "seconds": f"{row['seconds']:.3f}"})
    _write_atomic(out / "census.csv", buffer.getvalue())
    _write_atomic(out / "summary.md", summary_markdown(crossings, rows, summary, **info))
    _write_atomic(out / "plot.png", plot_png(crossings, rows))


def _count(rows, **match) -> int:
    return sum(all(row[k] == v for k, v in match.items()) for row in rows)


def summary_markdown(crossings: int, rows: list[dict], summary: CensusSummary, *, every: int = 1,
                     workers: int = 1, budget_s: float = 0.0, executor: str = "local") -> str:
    """The census summary: counts per verdict and per obstruction, time, comparison with KnotInfo or
    with Dunfield–Gong's published 14-crossing count, projected time of the whole table."""
    total = table_size(crossings)
    done = len(rows)
    cpu = sum(row["seconds"] for row in rows)
    lines = [f"# Slice census: {crossings}-crossing knots", "",
             f"Table: {'KnotInfo' if crossings <= 13 else 'SnapPy HTLinkExteriors'}, {total} prime knots; "
             f"selected {summary.selected}{'' if every == 1 else f' (every {every}-th knot from the first)'}, finished {done}"
             + (" — the run was interrupted; re-run the same command to continue" if summary.interrupted
                or done < summary.selected else "") + ".",
             f"This run: {summary.ran} knots computed, {summary.skipped} already in the ledger, "
             f"{summary.seconds:.1f} s wall clock ({executor} executor, ribbon budget {budget_s:g} s per knot).",
             "", "## Verdicts", "", "| verdict | knots |", "|---|---:|"]
    for verdict in VERDICTS:
        lines.append(f"| {verdict} | {_count(rows, verdict=verdict)} |")
    lines += ["", "## Obstructions (first found, cheapest first)", "", "| obstruction | knots |", "|---|---:|"]
    names = ("signature", "determinant", "fox-milnor", "levine-tristram", "tau", "epsilon")
    for name in names:
        lines.append(f"| {name} | {_count(rows, verdict='obstructed', evidence=name)} |")
    unknown_status = {}
    for row in rows:
        if row["verdict"] == "unknown":
            unknown_status[row["evidence"]] = unknown_status.get(row["evidence"], 0) + 1
    if unknown_status:
        lines += ["", "Unknown by cause: " + ", ".join(f"{k} {v}" for k, v in sorted(unknown_status.items())) + "."]
    seconds = sorted(row["seconds"] for row in rows)
    if seconds:
        median = seconds[len(seconds) // 2]
        lines += ["", "## Time", "",
                  f"Per knot (worker seconds): total {cpu:.1f} s, median {median:.2f} s, max {seconds[-1]:.2f} s; "
                  + ", ".join(f"mean {v}: {sum(r['seconds'] for r in rows if r['verdict'] == v) / max(1, _count(rows, verdict=v)):.2f} s"
                              for v in VERDICTS if _count(rows, verdict=v)) + "."]
        projected = cpu / done * total
        lines += [f"Projected for all {total} knots: {_duration(projected)} of worker time, i.e. "
                  f"{_duration(projected / workers)} on one machine with {workers} workers, "
                  + ", ".join(f"{_duration(projected / (n * 16))} on a Ray cluster of {n} nodes × 16 cores"
                              for n in (4, 16, 64)) + " (assuming the same per-knot time, perfect scaling)."]
    if crossings <= 13:
        lines += ["", "## Against KnotInfo (smooth 4-genus)", "",
                  "| KnotInfo | ribbon | obstructed | unknown |", "|---|---:|---:|---:|"]
        for status in ("slice", "not slice", "unknown"):
            lines.append(f"| {status} | " + " | ".join(str(_count(rows, knotinfo=status, verdict=v)) for v in VERDICTS)
                         + " |")
        bad = [row for row in rows if _disagrees(row)]
        lines += ["", f"Disagreements (ribbon but KnotInfo not slice, or obstructed but KnotInfo slice): {len(bad)}"
                  + ("." if not bad else ": " + ", ".join(row["knot"] for row in bad) + ".")]
        ks = _count(rows, knotinfo="slice")
        if ks:
            lines.append(f"KnotInfo slice knots certified ribbon: {_count(rows, knotinfo='slice', verdict='ribbon')}/{ks}; "
                         f"KnotInfo non-slice knots obstructed: {_count(rows, knotinfo='not slice', verdict='obstructed')}"
                         f"/{_count(rows, knotinfo='not slice')}.")
    else:
        ribbon = _count(rows, verdict="ribbon")
        scale = total / done if done else 0
        lines += ["", "## Against Dunfield–Gong", "",
                  f"Dunfield–Gong (arXiv 2512.21825) report {DUNFIELD_GONG_SLICE_14} slice knots among the "
                  f"{total} prime 14-crossing knots. Here: {ribbon} ribbon among {done} knots processed"
                  + (f" (scaled to the whole table: about {ribbon * scale:.0f})" if done and done < total else "")
                  + f"; {_count(rows, verdict='unknown')} unknown."]
    lines += ["", "Files: `census.csv` (knot, verdict, evidence = obstruction name or certificate path or why "
              "unknown, seconds, detail, knotinfo), `plot.png`, certificates in `certs/`, the ledger "
              f"(batch id `{summary.batch}`).", ""]
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def plot_png(crossings: int, rows: list[dict]) -> bytes:
    """Two panels: knots per verdict (obstructed split by obstruction) and seconds per knot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = {"ribbon": "tab:green", "obstructed": "tab:blue", "unknown": "tab:orange"}
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    labels, values, bar_colours = [], [], []
    for verdict in VERDICTS:
        if verdict == "obstructed":
            for name in ("signature", "determinant", "fox-milnor", "levine-tristram", "tau", "epsilon"):
                labels.append(f"obstructed:\n{name}")
                values.append(_count(rows, verdict=verdict, evidence=name))
                bar_colours.append(colours[verdict])
        else:
            labels.append(verdict)
            values.append(_count(rows, verdict=verdict))
            bar_colours.append(colours[verdict])
    bars = left.bar(range(len(labels)), values, color=bar_colours)
    left.bar_label(bars, fontsize=8)
    left.set_xticks(range(len(labels)), labels, fontsize=7, rotation=30, ha="right")
    left.set_ylabel("knots")
    left.set_title(f"{crossings}-crossing knots: verdicts ({len(rows)} knots)")
    for verdict in VERDICTS:
        points = [(i, row["seconds"]) for i, row in enumerate(rows) if row["verdict"] == verdict]
        if points:
            right.scatter([p[0] for p in points], [max(p[1], 1e-3) for p in points], s=8, label=verdict,
                          color=colours[verdict])
    right.set_yscale("log")
    right.set_xlabel("knot (table order)")
    right.set_ylabel("seconds")
    right.set_title("seconds per knot")
    if rows:
        right.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


@click.group("census")
def census() -> None:
    """Scan a knot table (resumable): an obstruction or a certificate per knot."""


@census.command("slice")
@click.option("--crossings", type=int, required=True, help="Crossing number: 3-13 (KnotInfo) or 14 (HTLinkExteriors).")
@click.option("--executor", type=click.Choice(["process", "ray"]), default="process", show_default=True,
              help="process: a process pool; ray: Ray tasks (a local Ray instance unless --address is given).")
@click.option("--budget-s", type=float, default=10.0, show_default=True, help="Ribbon search budget per knot (seconds).")
@click.option("--count", type=int, default=None, help="Only the first K knots (after --every).")
@click.option("--every", type=int, default=1, show_default=True, help="Every k-th knot of the table (deterministic sample).")
@click.option("--agent", type=click.Choice(["auto", "bands", "symmetric", "walk", "rl", "braid"]), default="auto",
              show_default=True, help="Ribbon search agent.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workers", type=int, default=None, help="Worker processes / local Ray CPUs [default: all CPUs].")
@click.option("--address", default=None, help="With --executor ray: join this cluster (HOST:PORT or 'auto').")
@click.option("--ledger", "ledger_path", default=None, help="Ledger file [default: $PYBRIDGE_LEDGER or OUT/ledger.sqlite].")
@click.option("--retry-unknown", is_flag=True, help="Also re-run knots that ended unknown (e.g. with a larger budget).")
@click.option("--out", "out_dir", required=True, help="Output directory: census.csv, summary.md, plot.png, certs/.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
def census_slice(crossings, executor, budget_s, count, every, agent, seed, workers, address, ledger_path,
                 retry_unknown, out_dir, as_json) -> None:
    """Every knot with CROSSINGS crossings gets a slice obstruction (σ, det, Fox–Milnor, Levine–Tristram,
    τ, ε) or a ribbon certificate (checked by the trusted checker), or is left unknown. Resumable:
    re-running skips the knots already in the ledger. Exit 0 when the selected knots are all done,
    1 when some job failed with an error or the run was interrupted.

    Example: pybridge census slice --crossings 10 --budget-s 5 --out census-10
    """
    import sys

    if workers is not None and workers < 1:
        raise click.BadParameter("must be positive", param_hint="--workers")
    if address is not None and executor != "ray":
        raise click.BadParameter("needs --executor ray", param_hint="--address")
    summary = run_census(crossings, out_dir, executor=executor, budget_s=budget_s, count=count, every=every,
                         agent=agent, seed=seed, workers=workers, address=address, ledger_path=ledger_path,
                         retry_unknown=retry_unknown)
    counts = {v: summary.counts.get(v, 0) for v in VERDICTS}
    if as_json:
        click.echo(json.dumps({"batch": summary.batch, "out": str(summary.out), "ledger": str(summary.ledger),
                               "selected": summary.selected, "skipped": summary.skipped, "ran": summary.ran,
                               "counts": counts, "errors": summary.errors, "disagreements": summary.disagreements,
                               "seconds": summary.seconds, "interrupted": summary.interrupted}))
    else:
        click.echo(f"census {summary.batch}: {summary.selected} knots, {summary.skipped} already done; ran "
                   f"{summary.ran}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
                   + f" ({summary.seconds:.1f} s); {summary.out / 'summary.md'}")
        for line in summary.disagreements:
            click.echo(f"warning: disagrees with KnotInfo: {line}", err=True)
    if summary.errors or summary.interrupted:
        sys.exit(1)
