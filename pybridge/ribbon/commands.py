"""``pybridge ribbon SPEC``, ``pybridge spc4``, ``pybridge train ribbon``, ``pybridge tune ribbon`` and
``pybridge bench ribbon``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import EXIT_NOT_FOUND

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


@click.command("ribbon")
@click.argument("spec")
@click.option("--agent", type=click.Choice(["auto", "bands", "symmetric", "walk", "rl", "braid"]), default="auto",
              show_default=True, help="Search agent (auto = symmetric bands on symmetric unions, band search, braid smoothings, the walk).")
@click.option("--budget-s", type=float, default=60.0, show_default=True, help="Search time budget in seconds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="certs", show_default=True, help="Directory for the certificate.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
def ribbon(spec: str, agent: str, budget_s: float, seed: int, out_dir: str, as_json: bool) -> None:
    """Find band moves turning the knot SPEC into an unlink, write the ribbon certificate, print its path.

    First the slice obstructions are computed (signature, determinant, Fox–Milnor, τ, ε); if one
    applies it is printed and the exit code is 1, without searching. Exit 1 also when nothing is found
    within the budget; exit 2 for a link or bad input; exit 3 if the certificate fails the trusted check.

    Example: pybridge ribbon 8_20 --out certs
    """
    from ..certs import write_certificate
    from ..knots import parse_spec
    from .certify import SliceObstructedError, certify_ribbon

    knot = parse_spec(spec)
    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    try:
        with err_console.status(f"searching bands ({agent}, {budget_s:g} s budget)..."):
            certified = certify_ribbon(knot, agent, budget_s, seed)
    except SliceObstructedError as exc:
        if as_json:
            found = exc.obstruction
            click.echo(json.dumps({"spec": spec, "ribbon": False, "obstruction": found.invariant,
                                   "value": found.value, "reason": str(found)}))
            sys.exit(EXIT_NOT_FOUND)
        raise
    path = write_certificate(certified.certificate, out_dir)
    if as_json:
        cert = certified.certificate
        click.echo(json.dumps({"path": str(path), "kind": cert.kind, "calculus": cert.calculus,
                               "agent": certified.agent, "bands": cert.claim["bands"], "steps": len(cert.steps),
                               "seconds": round(certified.seconds, 3), "sha256": cert.sha256,
                               "trusted_check": "valid"}))
    else:
        click.echo(str(path))


@click.command("spc4")
@click.argument("pairs_file")
@click.option("--budget-s", type=float, default=60.0, show_default=True, help="Ribbon search budget per knot, seconds.")
@click.option("--agent", type=click.Choice(["auto", "bands", "symmetric", "walk", "rl", "braid"]), default="auto",
              show_default=True, help="Ribbon search agent (as for `pybridge ribbon`).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="spc4-out", show_default=True,
              help="Directory for spc4.md, spc4.json and the ribbon certificates.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report instead of the table.")
def spc4(pairs_file: str, budget_s: float, agent: str, seed: int, out_dir: str, as_json: bool) -> None:
    """Test knot pairs as SPC4 counterexample candidates (Manolescu–Piccirillo).

    PAIRS_FILE is a YAML list of {k1: SPEC, k2: SPEC, name: optional}. For each pair: are the
    0-surgeries isometric (SnapPy), slice obstructions of both knots, ribbon certificates for both
    (written into --out), and a verdict: "ruled out (both ribbon)", "open", or — one knot ribbon,
    the other obstructed, same 0-surgery — "would give an exotic 4-sphere: re-check!". Writes
    spc4.md and spc4.json into --out. Exit 0 when the run completes (open pairs included); exit 2
    for a malformed file or SPEC (nothing written).

    Example: pybridge spc4 pybridge/data/spc4_pairs.yaml --budget-s 20 --out spc4-out
    """
    from .spc4 import load_pairs, reports_json, run_pairs, write_reports
    from .. import __version__

    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    entries = load_pairs(pairs_file)
    with err_console.status("SPC4 pairs...") as status:
        reports = run_pairs(entries, agent=agent, budget_s=budget_s, seed=seed, out_dir=out_dir,
                            progress=lambda text: status.update(text))
    meta = {"pairs_file": pairs_file, "agent": agent, "budget_s": budget_s, "seed": seed, "version": __version__}
    md_path, json_path = write_reports(reports, meta, out_dir)
    if as_json:
        click.echo(json.dumps(reports_json(reports, meta), ensure_ascii=False))
    else:
        table = Table(title=f"SPC4 pairs ({pairs_file})")
        for column in ("pair", "0-surgeries", "K1", "K2", "verdict"):
            table.add_column(column)
        for r in reports:
            cells = []
            for k in (r.k1, r.k2):
                cells.append(f"{k.spec[:30]}: {k.status}" + (f" ({k.obstructions[0]['value']})" if k.obstructions else ""))
            table.add_row(r.name, r.zero_surgery.status, *cells, r.verdict_text)
        console.print(table)
        click.echo(f"{md_path}\n{json_path}")
    for r in reports:
        if r.verdict == "exotic":
            err_console.print(f"[bold white on red] !!! {r.name}: {r.verdict_text} !!! [/]")
            err_console.print(f"[bold red]K1 = {r.k1.spec}\nK2 = {r.k2.spec}\n0-surgeries: {r.zero_surgery.detail}[/]")


@click.command("ribbon")
@click.option("--steps", type=int, default=100_000, show_default=True, help="Environment steps (band choices).")
@click.option("--time-limit-s", type=float, default=None, help="Stop after this much wall time.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_path", default="models/ribbon_policy.zip", show_default=True)
def train_ribbon_command(steps, time_limit_s, seed, out_path) -> None:
    """Train a MaskablePPO policy in RibbonEnv (fission-band choices on KnotInfo slice knots with at most
    11 crossings and K # -K of small K); writes the model zip and a .json training record. Use it with
    `pybridge ribbon --agent rl` by replacing pybridge/models/ribbon_policy.zip.

    Example: pybridge train ribbon --time-limit-s 600 --out models/ribbon_policy.zip
    """
    from .rl import train_ribbon

    if steps < 1:
        raise click.BadParameter("must be positive", param_hint="--steps")
    if time_limit_s is not None and time_limit_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--time-limit-s")
    path = train_ribbon(steps=steps, out=Path(out_path), seed=seed, time_limit_s=time_limit_s,
                        command="pybridge train ribbon " + " ".join(sys.argv[3:]))
    click.echo(str(path))


@click.command("ribbon")
@click.option("--trials", type=int, default=40, show_default=True, help="Optuna (TPE) trials.")
@click.option("--time-limit-s", type=float, default=600.0, show_default=True,
              help="Stop starting trials after this much wall time.")
@click.option("--per-knot-s", type=float, default=1.0, show_default=True,
              help="Walk budget per training knot and trial.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_path", required=True,
              help="Weights JSON to write (required: pass pybridge/models/ribbon_walk_weights.json to replace the "
                   "shipped weights the walk uses).")
def tune_ribbon_command(trials, time_limit_s, per_knot_s, seed, out_path) -> None:
    """Tune the weights [start, attach, over, under, twist] of the weighted random walk (`--agent walk`)
    by TPE; objective = knots certified per second of search on KnotInfo slice knots with at most 11
    crossings and K # -K of small K. Writes a JSON with the weights, every trial, the training set and
    the command; the walk uses pybridge/models/ribbon_walk_weights.json by default.

    Example: pybridge tune ribbon --trials 40 --time-limit-s 600 --out out/ribbon_walk_weights.json
    """
    from .tune import tune_walk_weights

    if trials < 1:
        raise click.BadParameter("must be positive", param_hint="--trials")
    if per_knot_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--per-knot-s")
    record = tune_walk_weights(trials, time_limit_s, budget_s=per_knot_s, seed=seed, out=Path(out_path),
                               command="pybridge tune ribbon " + " ".join(sys.argv[3:]))
    weights = ", ".join(f"{name}={value:.3g}" for name, value in record["weights"].items())
    click.echo(f"{out_path}: {weights} (objective {record['objective']:.3f} solved/s, "
               f"{record['trials_done']} trials, {record['wall_s']:.0f} s)")


@click.command("ribbon")
@click.option("--set", "set_name", type=click.Choice(["knotinfo-slice-12", "knotinfo-slice-13", "sum-mirror",
                                                     "sum-mirror-plain", "fusion", "fusion-many", "ribbon-sum"]),
              required=True, help="knotinfo-slice-12: the 158 slice KnotInfo knots up to 12 crossings; "
              "knotinfo-slice-13: the 353 with 13; sum-mirror: K # -K for table and random knots, 16-70 crossings, "
              "drawn as symmetric unions; sum-mirror-plain: the same knots drawn as ordinary connected sums "
              "and scrambled by random Reidemeister moves; fusion: GHMR-style ribbon knots (2-5 random fusion "
              "bands on a scrambled unlink), 15-70 crossings; fusion-many: 6-9 fusion bands, 31-100 crossings; ribbon-sum: connected sums of 3-4 slice "
              "KnotInfo knots, scrambled.")
@click.option("--agents", default="auto", show_default=True, help="Comma-separated ribbon agents.")
@click.option("--budget-s", default=60.0, show_default=True, help="Time budget per knot and agent.")
@click.option("--reference-budget-s", default=60.0, show_default=True,
              help="Time limit per knot for the spherogram (Dunfield-Gong) search.")
@click.option("--limit", type=int, default=None, help="Only the first N knots of the set.")
@click.option("--count", type=int, default=None,
              help="sum-mirror sets and ribbon-sum: number of knots [default: 60]; fusion sets: knots per crossing "
              "bucket [default: 200].")
@click.option("--seed", default=0, show_default=True)
@click.option("--coq-sample", default=20, show_default=True, help="Certificates re-checked by Coq (0: none).")
@click.option("--no-reference", is_flag=True, help="Skip the spherogram search.")
@click.option("--out", "out_dir", default="bench-out/ribbon", show_default=True)
def bench_ribbon(set_name, agents, budget_s, reference_budget_s, limit, count, seed, coq_sample, no_reference,
                 out_dir) -> None:
    """Ribbon certificates for slice knots, beside Dunfield-Gong's spherogram band search in the same run;
    results.csv, summary.md, plot.png and the certificates under DIR/certs/<agent>/.

    Example: pybridge bench ribbon --set knotinfo-slice-12 --budget-s 60 --out bench-out/ribbon-slice12
    """
    from .agents import RIBBON_AGENTS
    from .bench import run
    from ..errors import SpecError

    names = [a.strip() for a in agents.split(",") if a.strip()]
    unknown = [a for a in names if a not in RIBBON_AGENTS]
    if unknown or not names:
        raise SpecError(f"--agents: unknown agent {unknown[0] if unknown else agents!r}; "
                        f"choose from {', '.join(RIBBON_AGENTS)}")
    for value, hint in ((budget_s, "--budget-s"), (reference_budget_s, "--reference-budget-s")):
        if value <= 0:
            raise click.BadParameter("must be positive", param_hint=hint)
    if limit is not None and limit < 1:
        raise click.BadParameter("must be positive", param_hint="--limit")
    if count is not None and count < 2:
        raise click.BadParameter("must be at least 2", param_hint="--count")
    run(out_dir, set_name, names, budget_s, reference_budget_s, limit, seed, coq_sample, count,
        reference=not no_reference)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
