"""``pybridge unknotting SPEC`` and ``pybridge bench unknotting`` (issue 20)."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from ..errors import EXIT_NOT_FOUND
from .certify import AGENTS

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


def _bounds_lines(bounds) -> list[str]:
    lines = [f"  {b.name:<16} u ≥ {b.value}   ({b.invariant}; {b.source})" for b in bounds.bounds]
    lines += [f"  note: {note}" for note in bounds.notes[:5]]
    return lines


@click.command("unknotting")
@click.argument("spec")
@click.option("--agent", type=click.Choice(sorted(AGENTS)), default="ranked", show_default=True,
              help="ranked: the 6 best-ranked changes per level (signature drop, determinant, look-ahead "
                   "simplification); greedy: only the best one; wide: the 12 best.")
@click.option("--budget-s", type=float, default=30.0, show_default=True,
              help="Search time budget in seconds (spent in full when no lower bound meets the certificate).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="certs", show_default=True, help="Directory for the certificate.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the text report.")
def unknotting(spec: str, agent: str, budget_s: float, seed: int, out_dir: str, as_json: bool) -> None:
    """Certify an upper bound u(K) <= k for the knot SPEC and compute lower bounds for u(K).

    Searches crossing changes in SPEC's diagram and in diagrams reached from it by Reidemeister moves,
    writes an `unknotting` certificate (checked by the trusted checker first) into --out, and prints its
    path, the certified upper bound and the lower bounds (|σ|/2, |τ|, Nakanishi index, Levine-Tristram
    signatures) with their sources; when one meets the certificate, u(K) is exact. Exit 1 when nothing is
    found within the budget (the lower bounds are still printed), 2 for bad input or a link, 3 if the
    certificate fails the trusted check (a bug).

    Example: pybridge unknotting 10_8 --budget-s 30 --out certs
    """
    from ..certs import write_certificate
    from ..knots import parse_spec
    from .certify import UnknottingNotFoundError, certify_unknotting

    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    knot = parse_spec(spec)
    name = knot.name or knot.spec
    with err_console.status(f"searching ({agent}, {budget_s:g} s budget)...") as status:
        try:
            result = certify_unknotting(knot, agent=agent, budget_s=budget_s, seed=seed,
                                        progress=lambda message: status.update(message))
        except UnknottingNotFoundError as exc:
            if as_json:
                click.echo(json.dumps({"status": "not found", "reason": str(exc), **exc.bounds.as_dict()}))
            else:
                click.echo(f"not found: {exc}", err=True)
                click.echo(f"lower bound u({name}) ≥ {exc.bounds.value}")
                click.echo("\n".join(_bounds_lines(exc.bounds)))
            sys.exit(EXIT_NOT_FOUND)
    path = write_certificate(result.certificate, out_dir)
    if as_json:
        click.echo(json.dumps({"path": str(path), "status": "certified", "trusted_check": "valid",
                               **result.summary()}))
        return
    click.echo(str(path))
    changes = "change" if result.upper == 1 else "changes"
    click.echo(f"u({name}) ≤ {result.upper}: {result.upper} crossing {changes} and {len(result.certificate.steps)} steps "
               "in all, accepted by the trusted checker")
    click.echo(f"lower bound u({name}) ≥ {result.bounds.value}")
    click.echo("\n".join(_bounds_lines(result.bounds)))
    if result.exact:
        click.echo(f"u({name}) = {result.upper} exactly: the {result.bounds.best.name} bound meets the certificate")
    else:
        click.echo(f"{result.bounds.value} ≤ u({name}) ≤ {result.upper}")


@click.command("unknotting")
@click.option("--set", "set_name", type=click.Choice(["exact", "interval", "all"]), default="exact", show_default=True,
              help="exact: KnotInfo knots whose u is known (success = certified upper bound equal to it); interval: "
                   "knots whose u is an interval [a, b] (a certified bound below b improves the table).")
@click.option("--max-crossings", type=int, default=12, show_default=True)
@click.option("--count", type=int, default=None, help="At most this many knots per crossing number (seeded draw).")
@click.option("--knots", "knot_names", default="", help="Comma-separated KnotInfo names instead of a set.")
@click.option("--agent", type=click.Choice(sorted(AGENTS)), default="ranked", show_default=True)
@click.option("--budget-s", type=float, default=20.0, show_default=True, help="Search budget per knot.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--coq-sample", type=int, default=20, show_default=True, help="Certificates re-checked by Coq (0: none).")
@click.option("--out", "out_dir", default="bench-out/unknotting", show_default=True)
def bench_unknotting(set_name, max_crossings, count, knot_names, agent, budget_s, seed, coq_sample, out_dir) -> None:
    """Certified unknotting numbers of KnotInfo knots against the table: results.csv, summary.md, plot.png,
    discoveries.md and the certificates under DIR/certs.

    Example: pybridge bench unknotting --set exact --count 5 --budget-s 10 --coq-sample 3 --out bench-out/unknotting
    """
    from pathlib import Path

    from .bench import run

    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    if count is not None and count < 1:
        raise click.BadParameter("must be positive", param_hint="--count")
    names = [n.strip() for n in knot_names.split(",") if n.strip()] or None
    run(out_dir, set_name, max_crossings, count, budget_s, seed, coq_sample, agent, names)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
