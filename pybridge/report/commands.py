"""``pybridge run`` (the main job and its report) and ``pybridge batch`` (many jobs on a process pool or Ray)."""

from __future__ import annotations

import json
import sys

import click

from ..errors import EXIT_NOT_FOUND


@click.command("run")
@click.option("--config", "config_path", default=None,
              help="YAML file overriding keys of the embedded default (docs/run.md); unknown keys are errors.")
@click.option("--out", "out_dir", default="out/run", show_default=True, help="Report directory.")
def run_command(config_path: str | None, out_dir: str) -> None:
    """The main job: certify, kernel-check, conjecture, NN-FT and metric-flow checks; one report.

    Writes DIR/index.html, DIR/summary.md, DIR/run.json, DIR/ledger.sqlite, DIR/certs/, DIR/generated/.
    Exit 1 when a section failed (the report says which).

    Example: pybridge run --out out/run
    """
    from .config import load_config
    from .job import run_job

    config = load_config(config_path)
    sections = run_job(config, out_dir)
    for section in sections:
        click.echo(f"{'ok    ' if section.ok else 'FAILED'} {section.title} ({section.seconds:.1f} s)")
    click.echo(f"report: {out_dir}/index.html")
    if not all(section.ok for section in sections):
        sys.exit(EXIT_NOT_FOUND)


@click.command("batch")
@click.argument("jobs_file")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool; ray: Ray tasks (a local Ray instance unless --address is given).")
@click.option("--address", default=None, help="With --executor ray: join this cluster (HOST:PORT or 'auto').")
@click.option("--workers", type=int, default=None, help="Worker processes / local Ray CPUs [default: all CPUs].")
@click.option("--out", "out_dir", default="batch-out", show_default=True,
              help="Directory for certs/<job key>.yaml and (by default) ledger.sqlite.")
@click.option("--ledger", "ledger_path", default=None,
              help="Ledger file [default: $PYBRIDGE_LEDGER or OUT/ledger.sqlite].")
@click.option("--retry", is_flag=True, help="Also re-run jobs that ended with status error or timeout.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
def batch(jobs_file, executor, address, workers, out_dir, ledger_path, retry, as_json) -> None:
    """Run the unknot/ribbon/spc4/plumbing jobs of JOBS_FILE (YAML; see docs/batch.md), resumably: jobs of the
    same batch already finished in the ledger are skipped, unfinished ones run again. Exit 0 when every
    job finished (certified, refuted, not-found or done), 1 when some ended error or timeout.

    Example: pybridge batch pybridge/data/batch_example.yaml --executor ray --out batch-out
    """
    from ..batch import run_batch

    if workers is not None and workers < 1:
        raise click.BadParameter("must be positive", param_hint="--workers")
    if address is not None and executor != "ray":
        raise click.BadParameter("needs --executor ray", param_hint="--address")
    summary = run_batch(jobs_file, executor, out_dir=out_dir, ledger_path=ledger_path, address=address,
                        workers=workers, retry=retry)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "nothing to run"
    if as_json:
        click.echo(json.dumps({"batch": summary.batch, "ledger": str(summary.ledger), "jobs": summary.total,
                               "skipped": summary.skipped, "counts": summary.counts, "seconds": summary.seconds}))
    else:
        click.echo(f"batch {summary.batch}: {summary.total} jobs, {summary.skipped} already finished; ran: {counts} "
                   f"({summary.seconds:.1f} s); ledger {summary.ledger}")
    if summary.counts.get("error") or summary.counts.get("timeout"):
        sys.exit(EXIT_NOT_FOUND)
