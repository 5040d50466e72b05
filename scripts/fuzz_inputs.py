"""Fuzz of slow and crashy inputs (issue 23, deliverable 7).

Random diagrams of 15-80 crossings, knotted and unknotted, with kinks (R1) and nugatory crossings
added, go through ``pybridge knot info``, ``pybridge unknot`` and ``pybridge ribbon`` as subprocesses
(``--budget-s B`` for the searches, ``--timeout-s T`` for ``knot info``), each under a wall-clock limit
of B + 30 s. Recorded per run: exit code, seconds, whether stderr holds a Python traceback. Writes a
CSV and prints a summary: how many finished within B + 30 s, how many tracebacks (must be 0), exit
codes by command.

* unknotted: a scrambled unknot braid (:func:`pybridge.moves.scramble.unknot_instance`), closed
  (:func:`pybridge.knots.convert.braid_to_pd`), roughened by random R2/R3/R1 moves
  (:func:`pybridge.moves.pd.roughen`);
* knotted: ``spherogram.random_link(n, num_components=1)`` (one component, so it is a knot; almost
  always a non-trivial one), then kinks added by ``r1_add`` moves.

Usage::

    .venv/bin/python scripts/fuzz_inputs.py --count 40 --out out/fuzz
    .venv/bin/python scripts/fuzz_inputs.py --knot-info-timing --count 50 --out out/fuzz

``--knot-info-timing`` runs only ``knot info`` on ``--count`` random *knotted* diagrams of 20-60
crossings and prints the median and maximum time (the "must show" of issue 23).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PYBRIDGE = ROOT / ".venv" / "bin" / "pybridge"
COMMANDS = ("knot info", "unknot", "ribbon")


def _with_kinks(pd, kinks: int, rng: random.Random):
    """``pd`` with ``kinks`` R1 kinks (nugatory crossings) added at random edges."""
    from pybridge.moves.pd import PDState, apply_move

    state = PDState.from_pd(pd)
    for _ in range(kinks):
        if not state.crossings:
            break
        move = ("r1_add", rng.choice(sorted(state.positions)), rng.randint(0, 1), rng.choice((1, -1)))
        state = apply_move(state, move) or state
    return state.to_pdcode()


def knotted_diagram(crossings: int, rng: random.Random):
    """A random one-component diagram with about ``crossings`` crossings (kinks included)."""
    import spherogram

    from pybridge.knots.convert import link_to_pd

    kinks = rng.randint(1, max(1, crossings // 8))
    target = max(3, crossings - kinks)
    random.seed(rng.random())  # spherogram's random_link draws from the global generator
    best = None
    for _ in range(40):  # random_link simplifies its output: draw until the size fits
        link = spherogram.random_link(rng.randint(target, 3 * target), num_components=1, simplify="basic",
                                      prime_decomposition=False)
        pd = link_to_pd(link)
        if best is None or abs(pd.crossing_count - target) < abs(best.crossing_count - target):
            best = pd
        if target - 3 <= pd.crossing_count <= target:
            break
    # kinks (nugatory crossings) bring it to ``crossings``; at least one
    return _with_kinks(best, max(1, crossings - best.crossing_count), rng)


def unknotted_diagram(crossings: int, rng: random.Random):
    """A roughened unknot diagram with about ``crossings`` crossings (kinks included)."""
    from pybridge.knots.braid import BraidWord
    from pybridge.knots.convert import braid_to_pd
    from pybridge.moves.pd import PDState, roughen

    length = max(3, crossings // 2)
    state, _ = unknot_instance_state(length, rng)
    pd = braid_to_pd(BraidWord(state.strands, tuple(state.word)))
    pd_state = PDState.from_pd(pd)
    while pd_state.crossings and pd_state.crossing_count < crossings - 2:
        pd_state, _ = roughen(pd_state, 1, rng, p_r2=0.6, p_r1=0.1)
    return _with_kinks(pd_state.to_pdcode(), rng.randint(1, 2), rng)


def unknot_instance_state(length: int, rng: random.Random):
    from pybridge.moves.scramble import unknot_instance

    return unknot_instance(length, rng, max_strands=6)


def spec_of(pd) -> str:
    return "pd:" + json.dumps([list(c) for c in pd.crossings], separators=(",", ":"))


def run_command(command: str, spec: str, budget_s: float, out_dir: Path) -> dict:
    if command == "knot info":
        args = [str(PYBRIDGE), "knot", "info", spec, "--json", "--timeout-s", f"{budget_s:g}"]
    else:
        args = [str(PYBRIDGE), command, spec, "--budget-s", f"{budget_s:g}", "--out", str(out_dir), "--json"]
    limit = budget_s + 30
    start = time.monotonic()
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=limit)
        code, stderr, finished, stdout = done.returncode, done.stderr, True, done.stdout
    except subprocess.TimeoutExpired as exc:
        code = None
        stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        finished, stdout = False, ""
    seconds = time.monotonic() - start
    unknown = ""
    if command == "knot info" and code == 0:
        try:
            unknown = ";".join(f"{k}: {v}" for k, v in json.loads(stdout).get("unknown", {}).items())
        except ValueError:
            unknown = "(stdout is not JSON)"
    return {"exit_code": code, "seconds": round(seconds, 2), "finished": finished, "unknown": unknown,
            "traceback": "Traceback" in stderr, "stderr_tail": stderr.strip().splitlines()[-1][:200] if stderr.strip() else ""}


def generate(count: int, seed: int, low: int, high: int, knotted_only: bool):
    rng = random.Random(seed)
    for index in range(count):
        crossings = rng.randint(low, high)
        knotted = knotted_only or index % 2 == 0
        pd = knotted_diagram(crossings, rng) if knotted else unknotted_diagram(crossings, rng)
        yield index, ("knotted" if knotted else "unknotted"), pd


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="number of diagrams (default 200)")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--budget-s", type=float, default=10.0, help="--budget-s / --timeout-s given to each command")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated subset of: " + ", ".join(COMMANDS))
    parser.add_argument("--knot-info-timing", action="store_true",
                        help="only `knot info` on knotted diagrams of 20-60 crossings; median and maximum time")
    parser.add_argument("--out", type=Path, default=Path("out/fuzz"), help="folder for the CSV and certificates")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.knot_info_timing:
        commands, low, high, knotted_only = ["knot info"], 20, 60, True
        csv_path = args.out / "knot_info_timing.csv"
    else:
        commands = [c.strip() for c in args.commands.split(",") if c.strip()]
        low, high, knotted_only = 15, 80, False
        csv_path = args.out / "fuzz_inputs.csv"
    rows = []
    with csv_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["index", "kind", "crossings", "command", "exit_code", "seconds",
                                                    "finished", "traceback", "unknown", "stderr_tail", "spec"])
        writer.writeheader()
        for index, kind, pd in generate(args.count, args.seed, low, high, knotted_only):
            spec = spec_of(pd)
            for command in commands:
                row = {"index": index, "kind": kind, "crossings": pd.crossing_count, "command": command, "spec": spec}
                row.update(run_command(command, spec, args.budget_s, args.out / "certs"))
                writer.writerow(row)
                handle.flush()
                rows.append(row)
                print(f"[{index + 1}/{args.count}] {kind:9s} {pd.crossing_count:3d} crossings  {command:9s} "
                      f"exit {row['exit_code']}  {row['seconds']:6.1f} s" + ("  TRACEBACK" if row["traceback"] else "")
                      + (f"  [{row['unknown']}]" if row["unknown"] else ""),
                      flush=True)
    print(f"\nwrote {csv_path}")
    limit = args.budget_s + 30
    print(f"diagrams: {args.count} ({low}-{high} crossings), budget {args.budget_s:g} s, limit {limit:g} s per run")
    for command in commands:
        mine = [r for r in rows if r["command"] == command]
        times = [r["seconds"] for r in mine]
        codes = Counter("timeout" if r["exit_code"] is None else r["exit_code"] for r in mine)
        print(f"{command:9s}: {sum(r['finished'] for r in mine)}/{len(mine)} finished within {limit:g} s; "
              f"tracebacks {sum(r['traceback'] for r in mine)}; exit codes {dict(sorted(codes.items(), key=str))}; "
              f"median {statistics.median(times):.1f} s, max {max(times):.1f} s")
    tracebacks = sum(r["traceback"] for r in rows)
    unfinished = sum(not r["finished"] for r in rows)
    # documented: 0 success, 1 not found / refuted, 2 bad input, 3 self-check failed (a bug), 4 tool missing
    undocumented = sum(r["finished"] and r["exit_code"] not in (0, 1, 2, 4) for r in rows)
    print(f"total: {len(rows)} runs, {unfinished} over the limit, {tracebacks} tracebacks, "
          f"{undocumented} with an exit code other than 0, 1, 2, 4")
    return 1 if tracebacks or unfinished or undocumented else 0


if __name__ == "__main__":
    sys.exit(main())
