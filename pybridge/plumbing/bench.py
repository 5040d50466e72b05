"""``pybridge bench plumbing``: the Ri–Putrov protocol (MLST 4 035026, §4) on our agents.

Sets (all pairs are generated from the seed, nothing is fixed in advance):

* ``ri-putrov`` — ``pairs`` random trees of 1–25 vertices (uniform labelled trees, Prüfer), weights
  uniform in [−10, 10]; graph A is the tree, graph B the tree scrambled by 1–40 random Neumann moves
  (:func:`pybridge.plumbing.scramble.scramble`). Each agent gets ``budget_s`` seconds per pair.
* ``hard`` — ``hard_pairs`` random 10-vertex trees, each scrambled by 100 moves; every agent gets at
  most ``hard_max_steps`` (500) moves per pair (and ``budget_s`` seconds).
* ``non-equivalent`` — ``nonequiv_pairs`` pairs (A, B′) with B′ a scramble of A with one weight
  shifted by a nonzero amount, kept when ``|det Q|`` differs (so ``M(A) ≇ M(B′)``); ``equiv`` must
  refute each by the invariant, and a search run without the invariant check must certify none.

A pair is *solved* when the agent's two searches meet, and *certified* when the composed certificate
passes the trusted checker (read back from disk); ``coq_sample`` random certificates of the first set
are re-checked by Coq. Outputs in DIR: ``results.csv``, ``summary.md``, ``plot.png``, ``certs/``.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from pathlib import Path

import torch
from rich.progress import Progress

from ..certs.checker import check_file
from ..certs.io import read_certificate, write_certificate
from ..errors import SelfCheckError
from .equiv import decide
from .graph import random_tree
from .invariants import determinant
from .scramble import scramble

FIELDS = ("set", "pair", "agent", "vertices_a", "vertices_b", "scramble_moves", "status", "certified",
          "search_steps", "cert_steps", "seconds", "reason", "certificate")


def make_pairs(name: str, count: int, rng: random.Random) -> list[tuple]:
    """``(A, B, scramble length)`` for a set."""
    pairs = []
    while len(pairs) < count:
        n = rng.randint(1, 25) if name != "hard" else 10
        moves = rng.randint(1, 40) if name != "hard" else 100
        a = random_tree(n, rng)
        b, _ = scramble(a, moves, rng)
        if name == "non-equivalent":
            v = rng.choice(sorted(b.nodes))
            b.nodes[v]["weight"] += rng.choice([-3, -2, -1, 1, 2, 3])
            if abs(determinant(a)) == abs(determinant(b)):
                continue
        pairs.append((a, b, moves))
    return pairs


def run_pair(set_name: str, index: int, a, b, moves: int, agent: str, budget_s: float, max_steps, seed: int,
             cert_dir: Path, check_invariants: bool = True) -> dict:
    """One pair with one agent; the certificate is written, read back and re-checked from disk."""
    row = {"set": set_name, "pair": index, "agent": agent, "vertices_a": a.number_of_nodes(),
           "vertices_b": b.number_of_nodes(), "scramble_moves": moves, "certified": False, "certificate": ""}
    try:
        outcome = decide(a, b, agent, budget_s, max_steps, seed, f"bench:{set_name}-{index}", check_invariants)
    except SelfCheckError as exc:
        return row | {"status": "self-check failed", "reason": str(exc), "search_steps": 0, "cert_steps": 0,
                      "seconds": 0.0}
    row |= {"status": outcome.status, "reason": outcome.reason, "search_steps": outcome.steps,
            "seconds": round(outcome.seconds, 4), "cert_steps": 0}
    if outcome.certificate is not None:
        path = write_certificate(outcome.certificate, cert_dir / agent)
        row |= {"certified": check_file(path).valid, "cert_steps": len(outcome.certificate.steps),
                "certificate": str(path)}
    return row


def run_set(set_name, pairs, agents, budget_s, max_steps, seed, cert_dir, progress, check_invariants=True):
    task = progress.add_task(f"{set_name}", total=len(pairs) * len(agents))
    rows = []
    for agent in agents:
        for index, (a, b, moves) in enumerate(pairs):
            rows.append(run_pair(set_name, index, a, b, moves, agent, budget_s, max_steps, seed + index, cert_dir,
                                 check_invariants))
            progress.advance(task)
    return rows


def coq_check(rows: list[dict], sample: int, rng: random.Random) -> tuple[int, int, float]:
    """(valid, checked, seconds) for a random sample of the certified rows, by Coq."""
    from ..prover.coq import check_with_coq

    certified = [r for r in rows if r["certified"]]
    chosen = rng.sample(certified, min(sample, len(certified)))
    if not chosen:
        return 0, 0, 0.0
    t0 = time.perf_counter()
    results = check_with_coq([read_certificate(r["certificate"]) for r in chosen], jobs=1, use_cache=False)
    return sum(r.valid for r in results), len(results), time.perf_counter() - t0


def run(out_dir, pairs=1000, hard_pairs=100, nonequiv_pairs=100, agents=("auto",),
        hard_agents=("random", "beam", "rl", "auto"), budget_s=5.0, hard_max_steps=500, coq_sample=20,
        seed=0) -> dict:
    """Run the three sets and write ``results.csv``, ``summary.md`` and ``plot.png`` into ``out_dir``."""
    torch.set_num_threads(1)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {"ri-putrov": pairs, "hard": hard_pairs, "non-equivalent": nonequiv_pairs}
    # one generator per set (seeded by name), so a set is the same whether run alone or with the others
    sets = {name: make_pairs(name, count, random.Random(f"{seed}:{name}")) for name, count in counts.items()}
    rng = random.Random(seed)
    rows = []
    with Progress() as progress:
        rows += run_set("ri-putrov", sets["ri-putrov"], agents, budget_s, None, seed, out / "certs", progress)
        rows += run_set("hard", sets["hard"], hard_agents, budget_s, hard_max_steps, seed, out / "certs-hard", progress)
        rows += run_set("non-equivalent", sets["non-equivalent"], ["auto"], budget_s, None, seed, out / "certs-neq",
                        progress)
        rows += run_set("non-equivalent-no-invariant", sets["non-equivalent"], ["beam"], min(budget_s, 1.0), None,
                        seed, out / "certs-neq", progress, check_invariants=False)
    coq = coq_check([r for r in rows if r["set"] == "ri-putrov" and r["agent"] == "auto"], coq_sample, rng)
    write_csv(out / "results.csv", rows)
    summary = summarise(rows, coq, budget_s, hard_max_steps, seed)
    (out / "summary.md").write_text(summary, encoding="utf-8")
    plot(rows, out / "plot.png")
    return {"rows": rows, "coq": coq}


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def _stats(rows: list[dict]) -> str:
    solved = [r for r in rows if r["status"] == "certified"]
    certified = sum(r["certified"] for r in rows)
    steps = [r["search_steps"] for r in solved] or [0]
    cert_steps = [r["cert_steps"] for r in solved] or [0]
    seconds = [r["seconds"] for r in rows] or [0]
    return (f"| {rows[0]['agent']} | {certified}/{len(rows)} ({100 * certified / len(rows):.1f}%) | "
            f"{statistics.median(steps):g} | {max(steps)} | {statistics.median(cert_steps):g} | "
            f"{statistics.median(seconds):.3f} | {sum(seconds):.1f} |")


def summarise(rows, coq, budget_s, hard_max_steps, seed) -> str:
    lines = [f"# bench plumbing (seed {seed}, {budget_s:g} s per pair; hard set ≤ {hard_max_steps} agent steps)", ""]
    header = ("| agent | certified (trusted checker, from disk) | median search steps | max search steps | "
              "median certificate moves | median s | total s |")
    for set_name in ("ri-putrov", "hard"):
        lines += [f"## {set_name}", "", header, "|---|---|---|---|---|---|---|"]
        for agent in dict.fromkeys(r["agent"] for r in rows if r["set"] == set_name):
            lines.append(_stats([r for r in rows if r["set"] == set_name and r["agent"] == agent]))
        lines.append("")
    valid, checked, seconds = coq
    lines += [f"Coq: {valid}/{checked} sampled ri-putrov certificates valid ({seconds:.1f} s, Print Assumptions closed).",
              ""]
    neq = [r for r in rows if r["set"] == "non-equivalent"]
    bare = [r for r in rows if r["set"] == "non-equivalent-no-invariant"]
    refuted = sum(r["status"] == "refuted" and "det" in r["reason"] for r in neq)
    lines += ["## non-equivalent (|det Q| differs)", "",
              f"- `equiv` refuted {refuted}/{len(neq)} by the invariant; certified {sum(r['certified'] for r in neq)}.",
              f"- search without the invariant check (beam, 1 s): certified {sum(r['certified'] for r in bare)}/"
              f"{len(bare)}.",
              f"- example reason: {neq[0]['reason'] if neq else '-'}", ""]
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> None:
    """Certified fraction per agent and set; search steps per certified pair (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = [(s, a) for s in ("ri-putrov", "hard") for a in dict.fromkeys(r["agent"] for r in rows if r["set"] == s)]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    fractions = [sum(r["certified"] for r in rows if (r["set"], r["agent"]) == g) /
                 max(1, sum(1 for r in rows if (r["set"], r["agent"]) == g)) for g in groups]
    labels = [f"{s}\n{a}" for s, a in groups]
    left.bar(labels, fractions, color=["tab:blue" if s == "ri-putrov" else "tab:orange" for s, _ in groups])
    left.set_ylim(0, 1.05)
    left.set_ylabel("certified fraction")
    left.set_title("certified (trusted checker)")
    data = [[max(1, r["search_steps"]) for r in rows if (r["set"], r["agent"]) == g and r["certified"]] or [1]
            for g in groups]
    right.boxplot(data, tick_labels=labels)
    right.set_yscale("log")
    right.set_ylabel("agent steps (moves applied)")
    right.set_title("search steps per certified pair")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
