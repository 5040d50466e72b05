"""``pybridge bench unknot --calculus pd``: the recorded Reidemeister simplifier on unknot diagrams.

Instances (deterministic in the seed): closures of scrambled unknot braids
(:func:`pybridge.moves.scramble.unknot_instance`, 20–120 letters) converted to PD codes, half of them
made harder by random crossing-increasing R2/R1 and R3 moves (:func:`pybridge.moves.pd.roughen`).
Every instance is verified by regina (complement is a solid torus). The recorded simplifier
certifies each one; every certificate is re-checked by the trusted checker and a random sample by
Coq. As non-certifying references, snappy's ``simplify('global')`` and regina's
``simplifyExhaustive`` run on the same diagrams (solved = no crossings left).
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
from ..moves.pd import PDState, replay, roughen, simplify_recorded
from ..moves.scramble import unknot_instance
from .bench import coq_sample


@dataclass
class PDRow:
    """One (diagram, method) result."""

    instance: int
    crossings: int
    roughened: bool
    method: str
    solved: bool
    steps: int | None
    seconds: float
    certificate: str
    trusted_check: str


def pd_instances(count: int, seed: int, min_letters: int = 20, max_letters: int = 120) -> list[tuple[int, bool, PDState]]:
    """``count`` regina-verified unknot diagrams; odd-numbered ones roughened by 20–80 random moves."""
    drawn = []
    for index in range(count):
        rng = random.Random(seed * 1_000_003 + index)
        braid, _ = unknot_instance(rng.randint(min_letters, max_letters), rng, max_strands=10)
        state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
        roughened = index % 2 == 1
        if roughened:
            state, _ = roughen(state, rng.randint(20, 80), rng)
        if not pd_to_regina(state.to_pdcode()).complement().isSolidTorus():
            raise AssertionError(f"instance {index} is not an unknot diagram")
        drawn.append((index, roughened, state))
    return drawn


def certify(index: int, roughened: bool, state: PDState, budget_s: float, seed: int, cert_dir: Path) -> PDRow:
    """Run the recorded simplifier; certify and re-check a success."""
    start = time.monotonic()
    steps = simplify_recorded(state, seed=seed + index, time_limit_s=budget_s)
    seconds = time.monotonic() - start
    if replay(state, steps).crossings:
        return PDRow(index, state.crossing_count, roughened, "pd-simplify", False, None, seconds, "", "")
    cert = Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": "pd-simplify", "seed": seed + index, "time": round(seconds, 4),
                               "version": __version__, "source": f"bench:unknot-pd-{index}"})
    verdict = check_certificate(cert)
    path = write_certificate(cert, cert_dir)
    return PDRow(index, state.crossing_count, roughened, "pd-simplify", verdict.valid, len(steps), seconds,
                 str(path), "valid" if verdict.valid else str(verdict))


def references(index: int, roughened: bool, state: PDState) -> list[PDRow]:
    """snappy ``simplify('global')`` and regina ``simplifyExhaustive`` on the same diagram."""
    rows = []
    start = time.monotonic()
    link = pd_to_link(state.to_pdcode())
    link.simplify("global")
    rows.append(PDRow(index, state.crossing_count, roughened, "snappy-simplify", len(link.crossings) == 0, None,
                      time.monotonic() - start, "", "no certificate"))
    start = time.monotonic()
    regina_link = pd_to_regina(state.to_pdcode())
    regina_link.simplifyExhaustive(1)
    rows.append(PDRow(index, state.crossing_count, roughened, "regina-simplifyExhaustive", regina_link.size() == 0,
                      None, time.monotonic() - start, "", "no certificate"))
    return rows


def run_pd(out_dir, count: int, budget_s: float, seed: int = 0, coq_sample_size: int = 20) -> list[PDRow]:
    """Run the PD benchmark and write ``results.csv``, ``summary.md``, ``plot.png`` and certificates."""
    out = Path(out_dir)
    drawn = pd_instances(count, seed)
    rows: list[PDRow] = []
    with Progress() as progress:
        task = progress.add_task("bench unknot --calculus pd", total=len(drawn))
        for index, roughened, state in drawn:
            rows.append(certify(index, roughened, state, budget_s, seed, out / "certs" / "pd-simplify"))
            rows.extend(references(index, roughened, state))
            progress.advance(task)
    coq_line = coq_sample(rows, coq_sample_size, seed) if coq_sample_size else "Coq sample not requested"
    write_pd_outputs(out, rows, coq_line, budget_s)
    return rows


def write_pd_outputs(out: Path, rows: list[PDRow], coq_line: str, budget_s: float) -> None:
    """``results.csv``, ``summary.md`` (per method: solved, median seconds, median steps) and ``plot.png``."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(rows[0])))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
    lines = ["| method | diagrams | solved | median seconds | median steps |", "|---|---|---|---|---|"]
    for method in dict.fromkeys(row.method for row in rows):
        group = [row for row in rows if row.method == method]
        solved = [row for row in group if row.solved]
        steps = [row.steps for row in solved if row.steps is not None]
        lines.append(f"| {method} | {len(group)} | {len(solved) / len(group):.1%} | "
                     f"{statistics.median(r.seconds for r in group):.4f} | "
                     f"{statistics.median(steps) if steps else '—'} |")
    certified = [row for row in rows if row.certificate]
    bad = [row for row in certified if row.trusted_check != "valid"]
    crossings = [row.crossings for row in rows if row.method == "pd-simplify"]
    (out / "summary.md").write_text(
        "# pybridge bench unknot --calculus pd\n\n"
        f"{len(crossings)} regina-verified unknot diagrams with {min(crossings)}–{max(crossings)} crossings "
        f"(half roughened by random crossing-increasing moves), budget {budget_s:g} s each. Only "
        "`pd-simplify` produces certificates; the other two are references.\n\n"
        + "\n".join(lines)
        + f"\n\nTrusted checker: {len(certified) - len(bad)} of {len(certified)} certificates valid.  \n"
        + coq_line + "\n"
    )
    plot_pd(out / "plot.png", rows)


def plot_pd(path: Path, rows: list[PDRow]) -> None:
    """Seconds against diagram crossings, per method (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axis = plt.subplots(figsize=(6, 4))
    for method in dict.fromkeys(row.method for row in rows):
        group = [row for row in rows if row.method == method]
        axis.scatter([r.crossings for r in group], [max(r.seconds, 1e-5) for r in group], s=8, label=method)
    axis.set(xlabel="diagram crossings", ylabel="seconds", yscale="log", title="Unknot diagrams")
    axis.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
