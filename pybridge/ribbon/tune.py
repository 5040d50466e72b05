"""Bayesian optimisation (optuna, TPE) of the weighted-walk weights, and a comparison of ribbon agents.

GHMR report that their walk weights ``[start, attach, over, under, twist] = [1, 17, 1, 1, 3]`` were found
by Bayesian optimisation; :func:`tune_walk_weights` repeats that for this implementation
(:mod:`pybridge.ribbon.walk`). Each trial runs :func:`~pybridge.ribbon.walk.weighted_walk`
once per training knot with a small budget and the same seed per knot in every trial (common random
numbers); the objective is

    solved knots / total seconds spent      (knots certified per second of search)

so unsolved knots cost their whole budget. The first trial is the paper's weights (the baseline on the
same knots and seeds). The result — weights, every trial, the objective, the training set, the command —
is written to ``pybridge/models/ribbon_walk_weights.json`` (atomically), which
:func:`~pybridge.ribbon.walk.default_weights` then uses.

Training set (:func:`pybridge.ribbon.env.training_knots`): the KnotInfo slice knots with at most 11
crossings and ``K # -K`` for eight knots ``K`` of 3–7 crossings; the 12-crossing slice knots and the
larger ``K # -K`` of :func:`pybridge.ribbon.env.benchmark_knots` stay out of training.

:func:`compare_agents` runs ``walk`` (paper or tuned weights), ``rl`` and ``bands`` on a knot list with one
budget and re-checks every certificate with the trusted checker (``python -m pybridge.ribbon.tune
compare``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from ..certs.io import shared_file_mode
from .walk import PAPER_WEIGHTS, WEIGHT_NAMES, WEIGHTS_PATH, weighted_walk

#: the search space of each weight (log-uniform)
WEIGHT_RANGE = (0.05, 50.0)


def evaluate_weights(weights: Sequence[float], knots, *, budget_s: float = 1.0, seed: int = 0) -> dict:
    """Run the walk with ``weights`` on each ``(label, state)`` of ``knots``; solved count, seconds, objective."""
    per_knot, solved, seconds = [], 0, 0.0
    for index, (label, state) in enumerate(knots):
        result = weighted_walk(state, budget_s=budget_s, seed=seed + index, weights=weights)
        ok = result.path is not None
        solved += ok
        seconds += result.seconds
        per_knot.append({"knot": label, "solved": ok, "seconds": round(result.seconds, 3)})
    return {"solved": solved, "knots": len(knots), "seconds": round(seconds, 3),
            "objective": solved / max(seconds, 1e-9), "per_knot": per_knot}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w") as handle:
        handle.write(json.dumps(data, indent=2) + "\n")
    os.chmod(tmp, shared_file_mode())  # mkstemp creates 0600 files; give the user's umask
    os.replace(tmp, path)


def tune_walk_weights(
    trials: int = 40,
    time_limit_s: float | None = 600.0,
    *,
    knots=None,
    budget_s: float = 1.0,
    seed: int = 0,
    out: str | Path | None = WEIGHTS_PATH,
    progress: bool = True,
    command: str | None = None,
) -> dict:
    """TPE search over the five walk weights; return (and write to ``out`` unless ``None``) the record.

    Stops after ``trials`` trials or when ``time_limit_s`` seconds of wall time have passed (a running
    trial is finished). ``knots`` is a list of ``(label, PDState)`` (default
    :func:`pybridge.ribbon.env.training_knots`), each searched for ``budget_s`` seconds per trial.
    """
    import optuna

    from .env import training_knots

    knots = list(knots) if knots is not None else training_knots()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(8, max(trials // 3, 1)))
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.enqueue_trial(dict(zip(WEIGHT_NAMES, PAPER_WEIGHTS)))
    records: list[dict] = []
    started = time.monotonic()

    def objective(trial) -> float:
        weights = [trial.suggest_float(name, *WEIGHT_RANGE, log=True) for name in WEIGHT_NAMES]
        evaluation = evaluate_weights(weights, knots, budget_s=budget_s, seed=seed)
        records.append({"number": trial.number, "weights": dict(zip(WEIGHT_NAMES, weights)),
                        "objective": evaluation["objective"], "solved": evaluation["solved"],
                        "seconds": evaluation["seconds"]})
        if progress:
            print(f"trial {trial.number:3d}  solved {evaluation['solved']:3d}/{len(knots)}  "
                  f"{evaluation['seconds']:7.1f} s  objective {evaluation['objective']:.3f}  "
                  f"weights {[round(w, 3) for w in weights]}", file=sys.stderr, flush=True)
        return evaluation["objective"]

    def stop_when_late(study, _trial) -> None:
        if time_limit_s is not None and time.monotonic() - started >= time_limit_s:
            study.stop()

    study.optimize(objective, n_trials=trials, callbacks=[stop_when_late])
    best = study.best_trial
    best_record = next(r for r in records if r["number"] == best.number)
    record = {
        "weights": {name: best.params[name] for name in WEIGHT_NAMES},
        "weights_list": [best.params[name] for name in WEIGHT_NAMES],
        "weight_order": list(WEIGHT_NAMES),
        "objective": best.value,
        "objective_definition": "solved knots / total search seconds (one weighted_walk per knot)",
        "best": best_record,
        "paper_weights": {"weights": dict(zip(WEIGHT_NAMES, PAPER_WEIGHTS)), **records[0]},
        "trials": records,
        "trials_done": len(records),
        "training_set": [label for label, _ in knots],
        "per_knot_budget_s": budget_s,
        "seed": seed,
        "seeds": f"knot i uses seed {seed} + i in every trial",
        "sampler": f"optuna {optuna.__version__} TPESampler(seed={seed}), first trial = paper weights",
        "search_space": f"each weight log-uniform in {list(WEIGHT_RANGE)}",
        "wall_s": round(time.monotonic() - started, 1),
        "time_limit_s": time_limit_s,
        "command": command,
    }
    if out is not None:
        _write_json(Path(out), record)
    return record


# --------------------------------------------------------------------------------------------------
# Comparison of agents
# --------------------------------------------------------------------------------------------------


def _run_agent(agent: str, state, budget_s: float, seed: int):
    if agent == "walk-paper":
        return weighted_walk(state, budget_s=budget_s, seed=seed, weights=PAPER_WEIGHTS)
    from .agents import run_pd_agent

    return run_pd_agent(agent, state, budget_s, seed)


def compare_agents(agents: Sequence[str] = ("walk-paper", "walk", "rl", "bands"), knots=None, *,
                   budget_s: float = 20.0, seed: int = 0, progress: bool = True) -> list[dict]:
    """One row per (agent, knot): solved (certificate re-checked by the trusted checker), seconds, bands."""
    from ..certs import check_certificate
    from .env import benchmark_knots
    from .bands import ribbon_certificate

    knots = list(knots) if knots is not None else benchmark_knots()
    rows = []
    for agent in agents:
        for label, state in knots:
            result = _run_agent(agent, state, budget_s, seed)
            valid = False
            if result.path is not None:
                cert = ribbon_certificate(state, result.path, {"agent": agent, "seed": seed, "source": label})
                valid = check_certificate(cert).valid
            row = {"agent": agent, "knot": label, "crossings": state.crossing_count, "solved": valid,
                   "seconds": round(result.seconds, 3), "bands": result.path.bands if result.path else None,
                   "steps": len(result.path.steps) if result.path else None}
            rows.append(row)
            if progress:
                print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def summarise(rows: list[dict]) -> list[dict]:
    """Per agent and knot group (``slice12``: KnotInfo knots; ``K#-K``): solved count and median seconds of solved."""
    out = []
    agents = list(dict.fromkeys(r["agent"] for r in rows))
    for agent in agents:
        for group in ("slice12", "K#-K", "all"):
            chosen = [r for r in rows if r["agent"] == agent
                      and (group == "all" or (("#" in r["knot"]) == (group == "K#-K")))]
            times = [r["seconds"] for r in chosen if r["solved"]]
            out.append({"agent": agent, "group": group, "solved": len(times), "knots": len(chosen),
                        "median_s_solved": round(statistics.median(times), 2) if times else None,
                        "median_s_all": round(statistics.median(r["seconds"] for r in chosen), 2) if chosen else None})
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m pybridge.ribbon.tune tune|compare ...``"""
    parser = argparse.ArgumentParser(prog="python -m pybridge.ribbon.tune")
    sub = parser.add_subparsers(dest="cmd", required=True)
    tune = sub.add_parser("tune", help="TPE search over the walk weights")
    tune.add_argument("--trials", type=int, default=40)
    tune.add_argument("--time-limit-s", type=float, default=600.0)
    tune.add_argument("--per-knot-s", type=float, default=1.0)
    tune.add_argument("--seed", type=int, default=0)
    tune.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    compare = sub.add_parser("compare", help="solved count and median seconds per agent on the benchmark knots")
    compare.add_argument("--agents", default="walk-paper,walk,rl,bands")
    compare.add_argument("--budget-s", type=float, default=20.0)
    compare.add_argument("--seed", type=int, default=0)
    compare.add_argument("--out", type=Path, default=None, help="write the rows and summary as JSON")
    args = parser.parse_args(argv)
    command = " ".join(["python -m pybridge.ribbon.tune", *(argv if argv is not None else sys.argv[1:])])
    if args.cmd == "tune":
        record = tune_walk_weights(args.trials, args.time_limit_s, budget_s=args.per_knot_s, seed=args.seed,
                                   out=args.out, command=command)
        print(json.dumps({k: record[k] for k in ("weights", "objective", "trials_done", "wall_s")}))
    else:
        rows = compare_agents(args.agents.split(","), budget_s=args.budget_s, seed=args.seed)
        summary = summarise(rows)
        for line in summary:
            print(json.dumps(line))
        if args.out is not None:
            _write_json(args.out, {"rows": rows, "summary": summary, "budget_s": args.budget_s, "seed": args.seed,
                                   "command": command})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
