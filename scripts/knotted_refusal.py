"""Knotted input stays refused (issue 18.6): `pybridge unknot` on random provably knotted diagrams.

Draws random one-component diagrams with spherogram (``random_link(n, num_components=1,
simplify='basic', prime_decomposition=False)``, seeded, n drawn uniformly from 20..200), keeps those
with 15 to 60 crossings that are *provably knotted* — knot Floer genus > 0 (Szabó's program, on the
diagram after spherogram's ``simplify('global')``, for simplified diagrams of at most 20 crossings)
or, failing that, a positively oriented hyperbolic structure of positive volume from SnapPy (a
numerical certificate; SnapPy's rigorous ``verify_hyperbolicity`` needs Sage), or one of these for a
connected summand (spherogram's ``deconnect_sum``; a sum is knotted iff a summand is) — and runs the real
command line ``pybridge unknot pd:[...] --out DIR --budget-s B`` in this process (``pybridge.cli.main``,
the same code path as the installed ``pybridge`` script) on each. Discarded draws (unknots, too small
or too large, not provably knotted) are counted.

For each diagram: exit code, the invariant named in the refusal, wall time, whether any file was
written into its --out directory (for a knotted diagram that would be a bug: a certificate of a false
claim). Writes ``results.csv`` into ``--out`` and prints a summary table.

    .venv/bin/python scripts/knotted_refusal.py --out /tmp/knotted_refusal --count 200
    .venv/bin/python scripts/knotted_refusal.py --out /tmp/knotted_refusal_det1 --count 200 --source det1

Measured (2026-12-07, shared 2-core machine, seed 0, --budget-s 5):

* ``--source random``: 200/200 exit 1 naming an invariant, no file written; signature 162,
  determinant 38; median 0.014 s, max 0.22 s per command (15-60 crossings, median 32). Knotted by:
  knot Floer genus 100, hyperbolic volume 49, a summand's genus 26 / volume 25; 140 draws discarded
  for size, 1 unknot.
* ``--source det1`` (the 56 KnotInfo knots with σ = 0 and det = 1, diagrams enlarged to 15-60
  crossings): 200/200 exit 1, no file written; Alexander polynomial 131, Jones polynomial 69; median
  0.33 s, max 0.94 s.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import multiprocessing
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

INVARIANTS = ("knot Floer genus", "Jones polynomial", "Alexander polynomial", "signature", "determinant",
              "linking number")
FLOER_CROSSINGS = 20
FLOER_TIMEOUT_S = 20.0


def _genus_worker(conn, pd):
    try:
        import knot_floer_homology

        conn.send(("ok", knot_floer_homology.pd_to_hfk(pd)["seifert_genus"]))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def floer_genus(pd: list[list[int]], timeout_s: float = FLOER_TIMEOUT_S) -> int | None:
    """Seifert genus from knot Floer homology in a child process (a crash or timeout gives None)."""
    import knot_floer_homology  # noqa: F401  (imported before fork)

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_genus_worker, args=(sender, pd), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(timeout_s):
            tag, value = receiver.recv()
            return value if tag == "ok" else None
        return None
    except EOFError:
        return None
    finally:
        if child.is_alive():
            child.kill()
        child.join(2)


def hyperbolic_volume(link) -> float | None:
    """Volume of a positively oriented hyperbolic structure on the exterior, or None if none is found."""
    import snappy  # noqa: F401

    manifold = link.exterior()
    for _ in range(8):
        if manifold.solution_type() == "all tetrahedra positively oriented":
            return float(manifold.volume())
        manifold.randomize()
    return None


def knotted_evidence(link) -> str | None:
    """Why the (simplified, one-component) diagram ``link`` is knotted: its knot Floer genus > 0
    (diagrams of at most FLOER_CROSSINGS crossings) or a hyperbolic structure of positive volume."""
    if len(link.crossings) <= FLOER_CROSSINGS:
        genus = floer_genus([list(c) for c in link.PD_code()])
        if genus:
            return f"knot Floer genus {genus}"
    volume = hyperbolic_volume(link)
    if volume and volume > 0.1:
        return f"hyperbolic volume {volume:.4f}"
    return None


def draw(seed: int, min_crossings: int, max_crossings: int):
    """One random diagram and the proof that it is knotted, or the reason it was discarded."""
    import spherogram

    random.seed(seed)
    n = random.randint(20, 200)
    link = spherogram.random_link(n, num_components=1, simplify="basic", prime_decomposition=False)
    crossings = len(link.crossings)
    if not min_crossings <= crossings <= max_crossings:
        return None, "size"
    pd = [list(c) for c in link.PD_code()]
    simple = link.copy()
    random.seed(seed)
    simple.simplify("global")
    if not simple.crossings:
        return None, "unknot"
    evidence = knotted_evidence(simple)
    if evidence is None and hasattr(simple, "deconnect_sum"):
        # A connected sum is knotted iff a summand is (Seifert genus is additive, Schubert 1949).
        for piece in simple.deconnect_sum():
            found = knotted_evidence(piece) if piece.crossings else None
            if found:
                evidence = f"summand of {len(piece.crossings)} crossings: {found}"
                break
    if evidence is None:
        return None, "unproven"
    return {"seed": seed, "n": n, "crossings": crossings, "simplified": len(simple.crossings),
            "knotted_by": evidence, "pd": pd}, None


def det1_knots() -> list[tuple[str, str]]:
    """KnotInfo's knots with signature 0 and determinant 1 (name, Seifert genus): the two cheapest
    invariants cannot see them; 19 of the 56 also have Alexander polynomial 1."""
    from database_knotinfo import link_list

    return [(k["name"], k["three_genus"]) for k in link_list()[1:]
            if k.get("determinant") == "1" and k.get("signature") == "0"]


def draw_det1(seed: int, knots: list[tuple[str, str]], min_crossings: int, max_crossings: int):
    """A random diagram of a KnotInfo knot with σ = 0 and det = 1: its table diagram made larger by
    spherogram's ``backtrack`` (random Reidemeister moves that add crossings; an isotopy, so the knot
    type, hence the proof of knottedness — KnotInfo's Seifert genus > 0 — is known)."""
    import spherogram

    from pybridge.knots import parse_spec

    random.seed(seed)
    name, genus = knots[seed % len(knots)]
    link = spherogram.Link([list(c) for c in parse_spec(name).pd.crossings])
    link.backtrack(steps=random.randint(5, 60))
    crossings = len(link.crossings)
    if not min_crossings <= crossings <= max_crossings:
        return None, "size"
    return {"seed": seed, "n": name, "crossings": crossings, "simplified": "",
            "knotted_by": f"KnotInfo {name}, Seifert genus {genus}", "pd": [list(c) for c in link.PD_code()]}, None


def run_cli(pd: list[list[int]], out_dir: Path, budget_s: float) -> tuple[int, str, str, float]:
    """``pybridge unknot pd:... --out out_dir --budget-s budget_s`` in process: (exit code, stdout,
    stderr, seconds)."""
    from pybridge.cli import main

    spec = "pd:" + str(pd).replace(" ", "")
    stdout, stderr = io.StringIO(), io.StringIO()
    start = time.monotonic()
    code = 0
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(["unknot", spec, "--out", str(out_dir), "--budget-s", str(budget_s)])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return code, stdout.getvalue(), stderr.getvalue(), time.monotonic() - start


def named_invariant(message: str) -> str:
    marker = "is not the unknot: "
    if marker not in message:
        return ""
    reason = message.split(marker, 1)[1]
    return next((name for name in INVARIANTS if reason.startswith(name)), reason.split(":")[0][:40])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="directory for results.csv and per-run --out dirs")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-crossings", type=int, default=15)
    parser.add_argument("--max-crossings", type=int, default=60)
    parser.add_argument("--source", choices=("random", "det1"), default="random",
                        help="random: spherogram.random_link diagrams; det1: larger diagrams of KnotInfo knots "
                             "with signature 0 and determinant 1")
    parser.add_argument("--budget-s", type=float, default=5.0, help="search budget passed to pybridge unknot")
    args = parser.parse_args(argv)
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    console = Console()
    args.out.mkdir(parents=True, exist_ok=True)
    runs_dir = args.out / "runs"
    rows, discarded = [], Counter()
    seed = args.seed * 1_000_000
    knots = det1_knots() if args.source == "det1" else None
    with Progress(console=console, transient=False) as progress:
        task = progress.add_task("pybridge unknot on provably knotted diagrams", total=args.count)
        while len(rows) < args.count:
            seed += 1
            if knots is None:
                sample, why = draw(seed, args.min_crossings, args.max_crossings)
            else:
                sample, why = draw_det1(seed, knots, args.min_crossings, args.max_crossings)
            if sample is None:
                discarded[why] += 1
                continue
            out_dir = runs_dir / f"seed{seed}"
            code, stdout, stderr, seconds = run_cli(sample["pd"], out_dir, args.budget_s)
            written = sorted(p.name for p in out_dir.rglob("*") if p.is_file()) if out_dir.exists() else []
            message = next((line for line in stderr.splitlines() if line.startswith("error:")), "")
            rows.append({
                "seed": seed, "source": sample["n"] if knots is not None else "random_link", "crossings": sample["crossings"], "simplified_crossings": sample["simplified"],
                "knotted_by": sample["knotted_by"], "exit_code": code, "invariant": named_invariant(message),
                "seconds": round(seconds, 4), "certificate_written": bool(written),
                "files": ";".join(written), "reason": message.split("is not the unknot: ", 1)[-1][:300],
            })
            progress.advance(task)
    with (args.out / "results.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    times = [row["seconds"] for row in rows]
    what = "random" if knots is None else "σ = 0, det = 1 KnotInfo knots' random"
    table = Table(title=f"pybridge unknot on {len(rows)} provably knotted {what} diagrams "
                        f"({args.min_crossings}-{args.max_crossings} crossings)")
    for column in ("refused by", "diagrams", "median s", "max s"):
        table.add_column(column, justify="left" if column == "refused by" else "right")
    by_invariant = Counter(row["invariant"] or f"not refused (exit {row['exit_code']})" for row in rows)
    for name, count in by_invariant.most_common():
        picked = [row["seconds"] for row in rows if (row["invariant"] or f"not refused (exit {row['exit_code']})") == name]
        table.add_row(name, str(count), f"{statistics.median(picked):.3f}", f"{max(picked):.3f}")
    table.add_row("all", str(len(rows)), f"{statistics.median(times):.3f}", f"{max(times):.3f}")
    console.print(table)
    exit_1 = sum(row["exit_code"] == 1 and bool(row["invariant"]) for row in rows)
    certs = sum(row["certificate_written"] for row in rows)
    evidence = Counter(("summand: " if row["knotted_by"].startswith("summand") else "")
                       + row["knotted_by"].rsplit(" ", 1)[0].split(": ")[-1] for row in rows)
    if knots is not None:
        evidence = Counter("KnotInfo knot type" for _ in rows)
    crossings = [row["crossings"] for row in rows]
    console.print(f"exit 1 naming an invariant: {exit_1}/{len(rows)}; exit codes {dict(Counter(r['exit_code'] for r in rows))}; "
                  f"certificate files written: {certs} (any is a bug)")
    console.print(f"crossings: median {statistics.median(crossings)}, range {min(crossings)}-{max(crossings)}; "
                  f"knotted by: {dict(evidence)}; discarded draws: {dict(discarded)}")
    console.print(f"CSV: {args.out / 'results.csv'}")
    return 0 if certs == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
