"""The ``pybridge flow`` command group."""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_NOT_FOUND


@click.group("flow")
def flow() -> None:
    """Neural-network metric flows: symbolic geometry, metric-NTK, Perelman–Ricci flow."""


@flow.command("check")
@click.option("--out", "out_dir", default="bench-out/flow", show_default=True, help="Directory for summary.md and plots.")
@click.option("--size", type=click.Choice(["quick", "full"]), default="quick", show_default=True)
def check(out_dir: str, size: str) -> None:
    """Verify the symbolic identities and run the NN flow experiments; exit 1 if a target is missed
    (an identity fails, the S² rate misses 5%, or the Calabi–Yau σ is not below 1e-3).

    Example: pybridge flow check --out bench-out/flow --size quick
    """
    from .check import run_check

    result = run_check(out_dir, quick=size == "quick")
    click.echo((__import__("pathlib").Path(out_dir) / "summary.md").read_text())
    if not all(ok for _, ok in result["identities"]) or result["rate_error"] > 0.05 or not result["sigma_ok"]:
        sys.exit(EXIT_NOT_FOUND)
