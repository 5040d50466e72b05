"""The ``pybridge run`` command (the main job)."""

from __future__ import annotations

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
