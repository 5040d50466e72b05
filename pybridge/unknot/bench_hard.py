"""``pybridge bench unknot --set hard``: certified simplification of hard unknot diagrams.

Instances (deterministic in the seed, :func:`hard_instances`): the closure of a scrambled trivial braid
(:func:`pybridge.moves.scramble.unknot_instance`) whose passes are rerouted along random *longer*
routes (the inverse of a pickup, compiled into Reidemeister moves by
:func:`pybridge.moves.reroute.compile_reroute`) until the diagram reaches its crossing bucket, then
shuffled by random R3 moves and simplified by spherogram's ``simplify('basic')``. A diagram is kept only
if that leaves it in the bucket with no R1 or R2 removal available, so no single Reidemeister move
lowers its crossing number and snappy's basic simplification fails on it. Every instance is an unknot
by construction (isotopies of a trivial braid closure).

Methods, in one run on the same diagrams: ``pd-global`` (the default PD agent, certified) and
``pd-basic`` (the recorded simplifier without rerouting, certified) beside snappy's
``simplify('global')`` and regina's ``simplifyExhaustive(1)`` (no certificates). Each certificate is
re-checked by the trusted checker, a sample by Coq.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.progress import Progress

from .. import __version__
from ..certs import Certificate, check_certificate, write_certificate
from ..knots import BraidWord
from ..knots.convert import braid_to_pd, pd_to_link, pd_to_regina
from ..knots.pd import PDCode
from ..moves.pd import PDState, apply_move, bigons, kinks, replay, simplify_global, simplify_recorded, triangles
from ..moves.reroute import compile_reroute, passes, random_route
from ..moves.scramble import unknot_instance
from .bench import coq_sample

BUCKETS = ((15, 30), (31, 60), (61, 100), (101, 200))
CERTIFIED = {"pd-global": simplify_global, "pd-basic": simplify_recorded}


@dataclass
class HardRow:
    """One (diagram, method) result."""

    instance: int
    bucket: str
    crossings: int
    method: str
    solved: bool
    steps: int | None
    seconds: float
    certificate: str
    trusted_check: str


def lengthen(state: PDState, rng: random.Random, target: int, attempts: int = 400) -> PDState:
    """Reroute random passes along random longer routes until ``state`` has ``target`` crossings."""
    for _ in range(attempts):
        if state.crossing_count >= target:
            break
        pas = rng.choice(passes(state, min_crossings=1))
        found = random_route(state, pas, rng, min_length=pas.crossings + rng.randint(1, 6))
        moves = compile_reroute(state, pas, *found) if found else None
        for move in moves or ():
            state = apply_move(state, move)
    return state


def _shuffled(state: PDState, rng: random.Random) -> PDState:
    for _ in range(3 * state.crossing_count):
        options = triangles(state)
        if not options:
            break
        state = apply_move(state, rng.choice(options))
    return state


def hard_instance(rng: random.Random, low: int, high: int, tries: int = 30) -> PDState | None:
    """One hard unknot diagram with ``low``–``high`` crossings (module docstring), or ``None``."""
    for _ in range(tries):
        braid, _ = unknot_instance(rng.randint(6, 20), rng, max_strands=5)
        state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
        state = _shuffled(lengthen(state, rng, rng.randint(low, high) * 3 // 2), rng)
        link = pd_to_link(state.to_pdcode())
        link.simplify("basic")
        if not low <= len(link.crossings) <= high:
            continue
        hard = PDState.from_pd(PDCode(link.PD_code()).relabelled(1))
        if hard.crossing_count == len(link.crossings) and not kinks(hard) and not bigons(hard):
            return hard
    return None


def hard_instances(count: int, seed: int, buckets=BUCKETS, first: int = 0) -> list[tuple[int, str, PDState]]:
    """Hard diagrams number ``first``, …, ``first + count - 1``, spread round-robin over ``buckets``
    (diagram ``i`` depends only on ``seed`` and ``i``); draws that fail are left out."""
    drawn = []
    for index in range(first, first + count):
        low, high = buckets[index % len(buckets)]
        state = hard_instance(random.Random(seed * 1_000_003 + index), low, high)
        if state is not None:
            drawn.append((index, f"{low}-{high}", state))
    return drawn


def certify(index: int, bucket: str, state: PDState, method: str, budget_s: float, seed: int,
            cert_dir: Path) -> HardRow:
    """Run one certified simplifier; write and re-check a success."""
    start = time.monotonic()
    steps = CERTIFIED[method](state, seed=seed + index, time_limit_s=budget_s)
    seconds = time.monotonic() - start
    if replay(state, steps).crossings:
        return HardRow(index, bucket, state.crossing_count, method, False, None, seconds, "", "")
    cert = Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": method, "seed": seed + index, "time": round(seconds, 4),
                               "version": __version__, "source": f"bench:unknot-hard-{index}"})
    verdict = check_certificate(cert)
    path = write_certificate(cert, cert_dir)
    return HardRow(index, bucket, state.crossing_count, method, verdict.valid, len(steps), seconds, str(path),
                   "valid" if verdict.valid else str(verdict))


def references(index: int, bucket: str, state: PDState) -> list[HardRow]:
    """snappy ``simplify('global')`` and regina ``simplifyExhaustive(1)`` on the same diagram."""
    start = time.monotonic()
    link = pd_to_link(state.to_pdcode())
    link.simplify("global")
    rows = [HardRow(index, bucket, state.crossing_count, "snappy-global", len(link.crossings) == 0, None,
                    time.monotonic() - start, "", "no certificate")]
    start = time.monotonic()
    regina_link = pd_to_regina(state.to_pdcode())
    regina_link.simplifyExhaustive(1)
    rows.append(HardRow(index, bucket, state.crossing_count, "regina-exhaustive-h1", regina_link.size() == 0, None,
                        time.monotonic() - start, "", "no certificate"))
    return rows


def run_hard(out_dir, count: int, budget_s: float, seed: int = 0, coq_sample_size: int = 10) -> list[HardRow]:
    """Run the hard-set benchmark; write ``results.csv``, ``summary.md``, ``plot.png`` and certificates."""
    out = Path(out_dir)
    rows: list[HardRow] = []
    with Progress() as progress:
        task = progress.add_task("bench unknot --set hard: drawing diagrams", total=count)
        drawn = []
        for index in range(count):
            drawn.extend(hard_instances(1, seed, (BUCKETS[index % len(BUCKETS)],), first=index))
            progress.advance(task)
        task = progress.add_task("bench unknot --set hard: simplifying", total=len(drawn))
        for number, (_, bucket, state) in enumerate(drawn):
            for method in CERTIFIED:
                rows.append(certify(number, bucket, state, method, budget_s, seed, out / "certs" / method))
            rows.extend(references(number, bucket, state))
            progress.advance(task)
    coq_line = coq_sample(rows, coq_sample_size, seed) if coq_sample_size else "Coq sample not requested"
    write_hard_outputs(out, rows, coq_line, budget_s, count)
    return rows


def summary_table(rows: list[HardRow]) -> list[str]:
    """Per bucket and method: diagrams, solved fraction, median seconds, median certificate length."""
    lines = ["| crossings | method | diagrams | solved | median seconds | median steps |",
             "|---|---|---|---|---|---|"]
    for bucket in dict.fromkeys(row.bucket for row in rows):
        for method in dict.fromkeys(row.method for row in rows):
            group = [row for row in rows if row.bucket == bucket and row.method == method]
            if not group:
                continue
            solved = [row for row in group if row.solved]
            steps = [row.steps for row in solved if row.steps is not None]
            lines.append(f"| {bucket} | {method} | {len(group)} | {len(solved) / len(group):.0%} | "
                         f"{statistics.median(r.seconds for r in group):.3f} | "
                         f"{statistics.median(steps) if steps else '—'} |")
    return lines


def write_hard_outputs(out: Path, rows: list[HardRow], coq_line: str, budget_s: float, asked: int) -> None:
    """``results.csv``, ``summary.md`` and ``plot.png``."""
    out.mkdir(parents=True, exist_ok=True)
    if rows:
        with open(out / "results.csv", "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(asdict(rows[0])))
            writer.writeheader()
            writer.writerows(asdict(row) for row in rows)
    certified = [row for row in rows if row.certificate]
    bad = [row for row in certified if row.trusted_check != "valid"]
    diagrams = len({row.instance for row in rows})
    (out / "summary.md").write_text(
        "# pybridge bench unknot --set hard\n\n"
        f"{diagrams} hard unknot diagrams ({asked} asked for; a bucket's draw can fail), generated by random "
        "inverse pickups on scrambled trivial braid closures, R3-shuffled and reduced by snappy `simplify('basic')`; "
        "each has no R1/R2 removal left. "
        f"Budget {budget_s:g} s per certified method. `pd-global` and `pd-basic` produce certificates; "
        "`snappy-global` and `regina-exhaustive-h1` are references without certificates.\n\n"
        + "\n".join(summary_table(rows))
        + f"\n\nTrusted checker: {len(certified) - len(bad)} of {len(certified)} certificates valid.  \n"
        + coq_line + "\n"
    )
    plot_hard(out / "plot.png", rows)


def plot_hard(path: Path, rows: list[HardRow]) -> None:
    """Seconds against diagram crossings, per method (log scale); hollow markers: not solved."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axis = plt.subplots(figsize=(6.5, 4))
    for method in dict.fromkeys(row.method for row in rows):
        group = [row for row in rows if row.method == method]
        solved = [row for row in group if row.solved]
        points = axis.scatter([r.crossings for r in solved], [max(r.seconds, 1e-4) for r in solved], s=10,
                              label=method)
        failed = [row for row in group if not row.solved]
        if failed:
            axis.scatter([r.crossings for r in failed], [max(r.seconds, 1e-4) for r in failed], s=18,
                         facecolors="none", edgecolors=points.get_facecolor()[0])
    axis.set(xlabel="diagram crossings", ylabel="seconds", yscale="log",
             title="Hard unknot diagrams (hollow: not solved)")
    axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
