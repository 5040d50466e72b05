"""``pybridge unknot SPEC``, ``pybridge train unknot`` and ``pybridge bench unknot``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


@click.command("unknot")
@click.argument("spec")
@click.option("--agent", type=click.Choice(["auto", "greedy", "beam", "rl", "random", "global", "basic"]),
              default="auto", show_default=True,
              help="Search agent. Braid route (braid: SPECs, KnotInfo names): auto = best-first, then the RL "
                   "policy, then random walks. PD route (pd:/dt:/@file SPECs, or forced by global/basic): "
                   "global = Reidemeister moves with pass rerouting (the default), basic = without rerouting.")
@click.option("--budget-s", type=float, default=30.0, show_default=True, help="Search time budget in seconds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="certs", show_default=True, help="Directory for the certificate.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
def unknot(spec: str, agent: str, budget_s: float, seed: int, out_dir: str, as_json: bool) -> None:
    """Find moves reducing SPEC to the unknot (unlink), write the certificate, print its path.

    A braid is reduced by braid and Markov moves; a PD diagram by recorded Reidemeister moves, with
    over- and underpasses rerouted in local minima (compiled into R2/R3 moves, so the certificate
    needs nothing new from the checker). A link of k components gets an unlink certificate. Exit 1 when an invariant proves the input
    knotted (or linked) or nothing is found within the budget; exit 3 if the produced certificate
    fails the trusted check (a bug).

    Examples: pybridge unknot braid:1,2,1,-2,-1,1 --out certs
              pybridge unknot gordian --budget-s 60 --out certs
    """
    from ..certs import write_certificate
    from ..knots import parse_spec
    from .certify import certify_unknot

    knot = parse_spec(spec)
    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    with err_console.status(f"searching ({agent}, {budget_s:g} s budget)..."):
        certified = certify_unknot(knot, agent, budget_s, seed)
    path = write_certificate(certified.certificate, out_dir)
    if as_json:
        cert = certified.certificate
        click.echo(json.dumps({"path": str(path), "kind": cert.kind, "agent": certified.agent,
                               "steps": len(cert.steps), "seconds": round(certified.seconds, 3),
                               "sha256": cert.sha256, "trusted_check": "valid"}))
    else:
        click.echo(str(path))


@click.command("unknot")
@click.option("--algo", type=click.Choice(["maskable_ppo", "ppo", "a2c", "trpo"]), default="maskable_ppo",
              show_default=True, help="stable-baselines3 (ppo, a2c) or sb3-contrib (trpo, maskable_ppo).")
@click.option("--steps", type=int, default=1_000_000, show_default=True, help="Environment steps.")
@click.option("--time-limit-s", type=float, default=None, help="Stop after this much wall time.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--eval-per-length", type=int, default=20, show_default=True,
              help="Instances per length (10..100) for the success table stored with the model (0: skip).")
@click.option("--out", "out_path", default="models/unknot_policy.zip", show_default=True)
def train_unknot_command(algo, steps, time_limit_s, seed, eval_per_length, out_path) -> None:
    """Train an UnknotBraidEnv policy with a length curriculum; writes the model zip and a .json with
    the settings, wall time and success per length. Use it with `--agent rl` by replacing
    pybridge/models/unknot_policy.zip.

    Example: pybridge train unknot --algo maskable_ppo --steps 200000 --out models/unknot_policy.zip
    """
    from .rl import train_unknot

    if steps < 1:
        raise click.BadParameter("must be positive", param_hint="--steps")
    path = train_unknot(algo, steps, Path(out_path), seed, time_limit_s=time_limit_s,
                        eval_per_length=eval_per_length, command="pybridge train unknot " + " ".join(sys.argv[3:]))
    click.echo(str(path))


def _int_list(text: str, option: str) -> list[int]:
    from ..errors import SpecError

    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise SpecError(f"{option} {text!r}: expected comma-separated integers") from None
    if not values or any(v < 1 for v in values):
        raise SpecError(f"{option} {text!r}: expected positive integers")
    return values


@click.command("unknot")
@click.option("--lengths", default="10,20,30,40,50,60,70,80,90,100", show_default=True)
@click.option("--per-length", default=100, show_default=True, help="Instances per length (random walker: 20).")
@click.option("--agents", default="random,beam,rl,auto", show_default=True)
@click.option("--budget-s", default=10.0, show_default=True, help="Time budget per instance and agent.")
@click.option("--seed", default=0, show_default=True)
@click.option("--coq-sample", default=20, show_default=True, help="Certificates re-checked by Coq (0: none).")
@click.option("--calculus", type=click.Choice(["braid", "pd"]), default="braid", show_default=True,
              help="braid: agents on braid words; pd: the recorded simplifier on unknot diagrams.")
@click.option("--diagrams", default=500, show_default=True,
              help="Number of diagrams (--calculus pd; with --set hard: 40 if left at the default).")
@click.option("--set", "set_name", type=click.Choice(["scrambled", "hard"]), default="scrambled", show_default=True,
              help="hard: hard unknot diagrams of 15-200 crossings in four buckets (implies the PD calculus).")
@click.option("--out", "out_dir", default="bench-out/unknot", show_default=True)
def bench_unknot(lengths, per_length, agents, budget_s, seed, coq_sample, calculus, diagrams, set_name,
                 out_dir) -> None:
    """Agents against scrambled unknot braids; results.csv, summary.md, plot.png and certificates.

    With --calculus pd: the recorded Reidemeister simplifier on regina-verified unknot diagrams, beside
    snappy simplify('global') and regina simplifyExhaustive. With --set hard: hard unknot diagrams (no
    R1/R2 removal, snappy's basic simplification fails), certified by the global PD agent (with
    rerouting) and the basic one, beside snappy simplify('global') and regina simplifyExhaustive(1);
    the summary is per crossing bucket.

    Examples: pybridge bench unknot --lengths 10,50,100 --per-length 20 --agents random,beam,auto --out bench-out/unknot
              pybridge bench unknot --set hard --diagrams 40 --budget-s 30 --out bench-out/unknot-hard
    """
    if set_name == "hard":
        from .bench_hard import run_hard

        count = 40 if diagrams == 500 else diagrams
        run_hard(out_dir, count, budget_s, seed, coq_sample)
        console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
        return
    if calculus == "pd":
        from .bench_pd import run_pd

        run_pd(out_dir, diagrams, budget_s, seed, coq_sample)
        console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
        return
    from .agents import AGENTS
    from .bench import run
    from ..errors import SpecError

    names = [a.strip() for a in agents.split(",") if a.strip()]
    unknown = [a for a in names if a not in AGENTS]
    if unknown or not names:
        raise SpecError(f"--agents: unknown agent {unknown[0] if unknown else agents!r}; choose from {', '.join(AGENTS)}")
    _, coq_line = run(out_dir, _int_list(lengths, "--lengths"), per_length, names, budget_s, seed, coq_sample)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
