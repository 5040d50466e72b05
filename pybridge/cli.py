"""The ``pybridge`` command line (DESIGN.md, "Command-line contract"): only the assembly of the groups.

Every command lives with the package that does its work (docs/architecture.md): the capabilities
(``unknot``, ``ribbon``, ``unknotting``, ``plumbing``, ``conjecture``, ``nnft``, ``metricflow``) each own a
``commands.py``; ``knots/commands.py`` holds ``knot``, ``prover/commands.py`` the kernel end (``check``,
``export``, ``ledger``, ``bench check``), ``report/commands.py`` ``run`` and ``batch``. The umbrella groups
``train``, ``tune`` and ``bench`` are defined here and collect the capabilities' subcommands.

Exit codes: 0 success, 1 searched and not found / claim refuted, 2 bad input or usage, 3 a produced
certificate failed its own check, 4 a required external tool is missing.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console

from .census import census
from .conjecture.commands import conjecture
from .draw.commands import draw
from .errors import EXIT_BAD_INPUT, EXIT_NOT_FOUND, PybridgeError
from .knots.commands import knot
from .metricflow.commands import flow
from .nnft.commands import nnft
from .plumbing.commands import bench_plumbing, plumbing
from .prover.commands import bench_check, check, export, ledger
from .report.commands import batch, run_command
from .ribbon.commands import bench_ribbon, ribbon, spc4, train_ribbon_command, tune_ribbon_command
from .unknot.commands import bench_unknot, train_unknot_command, unknot
from .unknotting.commands import bench_unknotting, unknotting

err_console = Console(stderr=True, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pybridge")
def cli() -> None:
    """Search knot moves and certify the results with trusted kernels (Python, Coq, Lean)."""


@cli.group()
def train() -> None:
    """Train search policies (reinforcement learning on CPU)."""


@cli.group()
def tune() -> None:
    """Tune search hyper-parameters (Bayesian optimisation with optuna)."""


@cli.group()
def bench() -> None:
    """Benchmarks; each writes results.csv, summary.md and plot.png into --out."""


for command in (knot, check, export, ledger, batch, run_command, unknot, ribbon, spc4, unknotting, plumbing,
                conjecture, nnft, flow, draw, census):
    cli.add_command(command)
train.add_command(train_unknot_command, "unknot")
train.add_command(train_ribbon_command, "ribbon")
tune.add_command(tune_ribbon_command, "ribbon")
bench.add_command(bench_check, "check")
bench.add_command(bench_unknot, "unknot")
bench.add_command(bench_ribbon, "ribbon")
bench.add_command(bench_unknotting, "unknotting")
bench.add_command(bench_plumbing, "plumbing")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning pybridge errors into one-line messages and exit codes."""
    try:
        cli.main(args=argv, prog_name="pybridge", standalone_mode=False)
    except click.exceptions.Abort:
        err_console.print("aborted")
        sys.exit(EXIT_NOT_FOUND)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT)
    except PybridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
