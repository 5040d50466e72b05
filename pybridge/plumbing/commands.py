"""``pybridge plumbing ...`` and ``pybridge bench plumbing`` (docs/plumbing.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from ..errors import EXIT_NOT_FOUND
from .agents import AGENTS

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


@click.group("plumbing")
def plumbing() -> None:
    """Plumbing graphs (weighted forests presenting 3-manifolds) and Neumann's moves."""


@plumbing.command("info")
@click.argument("graph")
@click.option("--json", "as_json", is_flag=True)
def info(graph: str, as_json: bool) -> None:
    """Invariants of GRAPH: a .yaml/.json file {vertices: [[id, weight], ...], edges: [[u, v], ...]} or
    inline g:WEIGHTS/EDGES.

    Example: pybridge plumbing info g:-2,-2,-2/0-1,1-2
    """
    from .canonical import canonical_form
    from .graph import complexity, load_graph
    from .invariants import summary

    g = load_graph(graph)
    data = summary(g) | {"vertices": g.number_of_nodes(), "edges": g.number_of_edges(),
                         "complexity": complexity(g), "canonical": canonical_form(g)}
    if as_json:
        click.echo(json.dumps(data))
        return
    for key, value in data.items():
        console.print(f"[bold]{key:>11}[/bold]  {value}", highlight=False)


@plumbing.command("equiv")
@click.argument("graph_a")
@click.argument("graph_b")
@click.option("--agent", type=click.Choice(AGENTS), default="auto", show_default=True)
@click.option("--budget-s", type=float, default=30.0, show_default=True, help="Search time budget in seconds.")
@click.option("--max-steps", type=int, default=None, help="Stop after this many agent moves.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="certs", show_default=True, help="Directory for the certificate.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
def equiv(graph_a, graph_b, agent, budget_s, max_steps, seed, out_dir, as_json) -> None:
    """Certify that GRAPH_A and GRAPH_B present homeomorphic 3-manifolds, or refute it by an invariant.

    Each graph is a .yaml/.json file {vertices: [[id, weight], ...], edges: [[u, v], ...]} or inline
    g:WEIGHTS/EDGES. Writes a plumbing-equivalence certificate into --out and prints its path. Exit 1 when |det Q| (= |H1|) or H1 differs (the message names the invariant) or
    nothing is found within the budget; exit 3 if the certificate fails the trusted check (a bug).

    Example: pybridge plumbing equiv g:-2,1,-2/0-1,1-2 g:-3,-3/0-1 --out certs
    """
    from ..certs import write_certificate
    from .equiv import decide
    from .graph import load_graph

    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    if max_steps is not None and max_steps < 1:
        raise click.BadParameter("must be positive", param_hint="--max-steps")
    a, b = load_graph(graph_a), load_graph(graph_b)
    name = lambda spec: Path(spec).stem if Path(spec).suffix in (".yaml", ".yml", ".json") else "inline"  # noqa: E731
    source = f"plumbing:{name(graph_a)}~{name(graph_b)}"
    with err_console.status(f"searching ({agent}, {budget_s:g} s budget)..."):
        outcome = decide(a, b, agent, budget_s, max_steps, seed, source)
    if outcome.certificate is None:
        if as_json:
            click.echo(json.dumps({"status": outcome.status, "reason": outcome.reason}))
        click.echo(f"{'refuted' if outcome.status == 'refuted' else 'not found'}: {outcome.reason}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    path = write_certificate(outcome.certificate, out_dir)
    if as_json:
        click.echo(json.dumps({"status": "certified", "path": str(path), "agent": outcome.agent,
                               "moves": len(outcome.certificate.steps), "search_steps": outcome.steps,
                               "seconds": round(outcome.seconds, 3)}))
    else:
        click.echo(str(path))


@plumbing.command("train")
@click.option("--episodes", type=int, default=800, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_path", required=True,
              help="Weights file to write (required: pass pybridge/models/plumbing_gnn.json to replace the shipped "
                   "model; the rl agent loads the shipped one).")
def train(episodes: int, seed: int, out_path: str | None) -> None:
    """Train the graph-neural actor–critic (A2C) on PlumbingEnv and save its weights.

    Example: pybridge plumbing train --episodes 800 --out /tmp/plumbing_gnn.json
    """
    from .gnn import train_and_save

    if episodes < 1:
        raise click.BadParameter("must be positive", param_hint="--episodes")
    path = Path(out_path)
    with err_console.status(f"training {episodes} episodes..."):
        meta = train_and_save(episodes, seed, path)
    click.echo(json.dumps({"path": str(path), **meta}))


@click.command("plumbing")
@click.option("--pairs", type=int, default=1000, show_default=True, help="Pairs in the Ri–Putrov set (1–25 vertices, ≤40 moves).")
@click.option("--hard-pairs", type=int, default=100, show_default=True, help="Pairs in the hard set (10 vertices, 100 moves).")
@click.option("--nonequiv-pairs", type=int, default=100, show_default=True, help="Non-equivalent pairs (|det| differs).")
@click.option("--agents", default="auto", show_default=True, help="Agents on the Ri–Putrov set (comma-separated).")
@click.option("--hard-agents", default="random,beam,rl,auto", show_default=True, help="Agents on the hard set.")
@click.option("--budget-s", type=float, default=5.0, show_default=True, help="Seconds per pair and agent.")
@click.option("--hard-max-steps", type=int, default=500, show_default=True, help="Agent moves per pair on the hard set.")
@click.option("--coq-sample", type=int, default=20, show_default=True, help="Certificates re-checked by Coq (0: none).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="bench-out/plumbing", show_default=True)
def bench_plumbing(pairs, hard_pairs, nonequiv_pairs, agents, hard_agents, budget_s, hard_max_steps, coq_sample,
                   seed, out_dir) -> None:
    """Ri–Putrov protocol: certify scrambled pairs of plumbing trees; results.csv, summary.md, plot.png.

    Example: pybridge bench plumbing --pairs 1000 --out bench-out/plumbing
    """
    from ..errors import SpecError
    from .bench import run

    names, hard_names = [a for a in agents.split(",") if a], [a for a in hard_agents.split(",") if a]
    unknown = [a for a in names + hard_names if a not in AGENTS]
    if unknown or not names:
        raise SpecError(f"--agents: unknown agent {unknown[0] if unknown else agents!r}; choose from {', '.join(AGENTS)}")
    for value, hint in ((pairs, "--pairs"), (budget_s, "--budget-s"), (hard_max_steps, "--hard-max-steps")):
        if value <= 0:
            raise click.BadParameter("must be positive", param_hint=hint)
    if min(hard_pairs, nonequiv_pairs, coq_sample) < 0:
        raise click.BadParameter("must not be negative", param_hint="--hard-pairs/--nonequiv-pairs/--coq-sample")
    run(out_dir, pairs, hard_pairs, nonequiv_pairs, tuple(names), tuple(hard_names), budget_s, hard_max_steps,
        coq_sample, seed)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
