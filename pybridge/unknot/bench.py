"""``pybridge bench unknot``: agents against scrambled unknot braids, in the style of "Learning to
unknot" (Gukov–Halverson–Ruehle–Sułkowski 2021, Fig. 2).

For every length ``L`` it draws ``per_length`` instances with
:func:`pybridge.moves.scramble.unknot_instance` (deterministic in the seed), verifies each with regina
(the closure's complement is a solid torus), and runs every agent with the same time budget. Each
success becomes a certificate, re-checked by the trusted Python checker and written under
``DIR/certs/<agent>/``; a random sample of ``coq_sample`` certificates is also checked by Coq. As a
non-certifying reference, snappy's ``simplify('global')`` runs on each closure.

Outputs: ``results.csv`` (one row per instance and agent), ``summary.md`` (solved fraction, median
steps and median seconds per length and agent; Coq sample result), ``plot.png`` (solved fraction vs
length and median steps vs length).
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
from .agents import reduce_braid
from ..certs import Certificate, check_certificate, write_certificate
from ..moves.braid import BraidState
from ..moves.scramble import unknot_instance

RANDOM_WALKER_PER_LENGTH = 20


@dataclass
class Row:
    """One (instance, agent) result."""

    length: int
    instance: int
    strands: int
    agent: str
    solved: bool
    steps: int | None
    seconds: float
    certificate: str
    trusted_check: str


def instances(lengths, per_length: int, seed: int, max_strands: int = 10) -> list[tuple[int, int, BraidState]]:
    """``(length, index, braid)`` triples, each verified by regina to close to the unknot."""
    from ..knots import BraidWord
    from ..knots.convert import braid_to_pd, pd_to_regina

    drawn = []
    for length in lengths:
        for index in range(per_length):
            state, _ = unknot_instance(length, random.Random(seed * 1_000_003 + length * 1_000 + index),
                                       max_strands=max_strands)
            pd = braid_to_pd(BraidWord(state.strands, state.word))
            if not pd_to_regina(pd).complement().isSolidTorus():
                raise AssertionError(f"generator produced a non-unknot at length {length}: {state}")
            drawn.append((length, index, state))
    return drawn


def run_agent(agent: str, length: int, index: int, state: BraidState, budget_s: float, seed: int,
              cert_dir: Path) -> Row:
    """Run one agent on one instance; certify and re-check a success."""
    result = reduce_braid(state, agent, budget_s=budget_s, seed=seed + index)
    if result.moves is None:
        return Row(length, index, state.strands, agent, False, None, result.seconds, "", "")
    cert = Certificate.create(
        "unknot", "braid", {"strands": state.strands, "word": list(state.word)}, {"components": 1}, result.moves,
        {"agent": result.agent, "seed": seed + index, "time": round(result.seconds, 4), "version": __version__,
         "source": f"bench:unknot-L{length}-{index}"},
    )
    verdict = check_certificate(cert)
    path = write_certificate(cert, cert_dir / agent)
    return Row(length, index, state.strands, agent, verdict.valid, len(cert.steps), result.seconds, str(path),
               "valid" if verdict.valid else str(verdict))


def snappy_reference(length: int, index: int, state: BraidState) -> Row:
    """spherogram/snappy ``simplify('global')`` on the closure: solved iff 0 crossings remain."""
    from ..knots import BraidWord
    from ..knots.convert import braid_to_pd, pd_to_link

    start = time.monotonic()
    link = pd_to_link(braid_to_pd(BraidWord(state.strands, state.word)))
    link.simplify("global")
    return Row(length, index, state.strands, "snappy-simplify", len(link.crossings) == 0, None,
               time.monotonic() - start, "", "no certificate")


def coq_sample(rows: list[Row], size: int, seed: int) -> str:
    """Check a random sample of the written certificates with Coq; a one-line result."""
    from ..certs import read_certificate
    from ..errors import ToolMissingError
    from ..prover.coq import check_with_coq

    paths = [row.certificate for row in rows if row.certificate]
    sample = random.Random(seed).sample(paths, min(size, len(paths)))
    if not sample:
        return "no certificates to sample"
    try:
        results = check_with_coq([read_certificate(path) for path in sample])
    except ToolMissingError as exc:
        return f"Coq sample skipped: {exc}"
    accepted = sum(result.valid for result in results)
    return f"Coq accepted {accepted} of a random sample of {len(sample)} certificates"


def run(out_dir, lengths, per_length: int, agents, budget_s: float, seed: int = 0, coq_sample_size: int = 20,
        snappy: bool = True) -> tuple[list[Row], str]:
    """Run the benchmark; write ``results.csv``, ``summary.md``, ``plot.png`` and the certificates."""
    out = Path(out_dir)
    cert_dir = out / "certs"
    drawn = instances(lengths, per_length, seed)
    jobs = [(agent, item) for agent in agents for item in drawn
            if agent != "random" or item[1] < RANDOM_WALKER_PER_LENGTH]
    rows: list[Row] = []
    with Progress() as progress:
        task = progress.add_task("bench unknot", total=len(jobs) + (len(drawn) if snappy else 0))
        for agent, (length, index, state) in jobs:
            rows.append(run_agent(agent, length, index, state, budget_s, seed, cert_dir))
            progress.advance(task)
        if snappy:
            for length, index, state in drawn:
                rows.append(snappy_reference(length, index, state))
                progress.advance(task)
    coq_line = coq_sample(rows, coq_sample_size, seed) if coq_sample_size else "Coq sample not requested"
    write_outputs(out, rows, coq_line, budget_s)
    return rows, coq_line


def summarise(rows: list[Row]) -> list[dict]:
    """Solved fraction, median steps and median seconds per (agent, length)."""
    table = []
    for agent in dict.fromkeys(row.agent for row in rows):
        for length in sorted({row.length for row in rows}):
            group = [row for row in rows if row.agent == agent and row.length == length]
            if not group:
                continue
            solved = [row for row in group if row.solved]
            table.append({
                "agent": agent, "length": length, "instances": len(group),
                "solved": len(solved) / len(group),
                "median_steps": statistics.median(row.steps for row in solved) if solved and solved[0].steps else None,
                "median_seconds": statistics.median(row.seconds for row in group),
            })
    return table


def write_outputs(out: Path, rows: list[Row], coq_line: str, budget_s: float) -> None:
    """The three report files (see the module docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(rows[0])))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
    table = summarise(rows)
    lines = ["| agent | length | instances | solved | median steps | median seconds |", "|---|---|---|---|---|---|"]
    for item in table:
        steps = "—" if item["median_steps"] is None else f"{item['median_steps']:g}"
        lines.append(f"| {item['agent']} | {item['length']} | {item['instances']} | {item['solved']:.0%} | "
                     f"{steps} | {item['median_seconds']:.3f} |")
    certified = [row for row in rows if row.certificate]
    bad = [row for row in certified if row.trusted_check != "valid"]
    (out / "summary.md").write_text(
        "# pybridge bench unknot\n\n"
        f"Scrambled unknot braids (regina-verified), budget {budget_s:g} s per instance and agent. "
        "`snappy-simplify` is a non-certifying reference (closure simplified to 0 crossings).\n\n"
        + "\n".join(lines)
        + f"\n\nTrusted checker: {len(certified) - len(bad)} of {len(certified)} certificates valid.  \n"
        + coq_line + "\n"
    )
    plot(out / "plot.png", table)


def plot(path: Path, table: list[dict]) -> None:
    """Solved fraction vs length (left) and median certificate length vs length (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for agent in dict.fromkeys(item["agent"] for item in table):
        items = [item for item in table if item["agent"] == agent]
        left.plot([i["length"] for i in items], [i["solved"] for i in items], "o-", label=agent)
        with_steps = [i for i in items if i["median_steps"] is not None]
        if with_steps:
            right.plot([i["length"] for i in with_steps], [i["median_steps"] for i in with_steps], "o-", label=agent)
    left.set(xlabel="braid length", ylabel="solved fraction", ylim=(-0.02, 1.02), title="Unknots certified")
    right.set(xlabel="braid length", ylabel="median certificate steps", title="Certificate length")
    left.legend()
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
