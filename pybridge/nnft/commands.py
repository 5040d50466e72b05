"""The ``pybridge nnft`` command group: ``check`` (the full report) and ``correlator`` (one query)."""

from __future__ import annotations

import json
import sys

import click

from ..errors import EXIT_NOT_FOUND, SpecError


@click.group("nnft")
def nnft() -> None:
    """Neural-network field theory: exact (sympy) and Monte Carlo (torch) correlators."""


def parse_points(text: str, d: int) -> list[list[float]]:
    """``"0;0.5;1"`` (d = 1) or ``"0,0;0.3,0.4"`` (d = 2): points separated by ';', coordinates by ','."""
    points = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        try:
            coords = [float(c) for c in item.split(",")]
        except ValueError:
            raise SpecError(f"--points {text!r}: {item!r} is not a comma-separated list of numbers") from None
        if len(coords) != d:
            raise SpecError(f"--points {text!r}: point {item!r} has {len(coords)} coordinates, the architecture has d = {d}")
        points.append(coords)
    if not points:
        raise SpecError(f"--points {text!r}: no points")
    return points


def _positive(value: int, hint: str) -> None:
    if value < 2:
        raise click.BadParameter("must be at least 2", param_hint=hint)


@nnft.command("check")
@click.option("--out", "out_dir", default="nnft-out", show_default=True, help="Directory for the report.")
@click.option("--nets", default=1_000_000, show_default=True, help="Networks per exact-vs-MC comparison.")
@click.option("--phi4-nets", default=200_000, show_default=True, help="Networks for the φ⁴ reweighting.")
@click.option("--throughput-nets", default=200_000, show_default=True, help="Networks for the torch/NumPy timing.")
@click.option("--seed", default=0, show_default=True)
def check_command(out_dir: str, nets: int, phi4_nets: int, throughput_nets: int, seed: int) -> None:
    """Run every symbolic identity and exact-vs-MC comparison; write summary.md, results.csv and plots.

    Exit 0 when every identity holds, every |pull| ≤ 4 and the G4c width slope is within 0.1 of −1;
    exit 1 otherwise (the report is written either way and lists the failures).

    Example: pybridge nnft check --out nnft-out --nets 1000000
    """
    import torch

    from .check import run_check

    for value, hint in ((nets, "--nets"), (phi4_nets, "--phi4-nets"), (throughput_nets, "--throughput-nets")):
        _positive(value, hint)
    torch.set_num_threads(1)
    report = run_check(out_dir, nets, phi4_nets, throughput_nets, seed)
    failed = [r for r in report.rows if not r.ok]
    bad_ids = [i.name for i in report.identities if not i.holds]
    click.echo(f"{out_dir}/summary.md: {'PASS' if report.passed else 'FAIL'} — {len(report.rows)} comparisons "
               f"({len(failed)} failed), {len(report.identities) - len(bad_ids)}/{len(report.identities)} identities, "
               f"G4c slope {report.slope[0]:.3f} ± {report.slope[1]:.3f}, {report.seconds:.0f} s")
    if not report.passed:
        sys.exit(EXIT_NOT_FOUND)


@nnft.command("correlator")
@click.option("--arch", "arch_spec", required=True,
              help="erf|relu|gauss|cos[:d=..,width=..,sigma_w=..,sigma_b=..], free[:d=..,width=..,mass=..,cutoff=..], "
              "toy:prior=normal|uniform|laplace|exponential[,params]")
@click.option("--n", "n", type=int, required=True, help="Number of points (the order of the correlator).")
@click.option("--points", required=True, help="Points separated by ';', coordinates by ',' (e.g. '0;0.5;1;2').")
@click.option("--connected", is_flag=True, help="The connected (cumulant) correlator.")
@click.option("--nets", default=200_000, show_default=True, help="Monte Carlo networks.")
@click.option("--seed", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def correlator_command(arch_spec, n, points, connected, nets, seed, as_json) -> None:
    """G_n(x_1..x_n) of one architecture: exact value where a closed form exists, MC ± SE, pull.

    Example: pybridge nnft correlator --arch cos:width=4 --n 4 --points '0;0.3;0.6;0.9' --connected
    """
    import torch

    from . import exact, mc
    from .arch import from_spec

    arch = from_spec(arch_spec)
    xs = parse_points(points, arch.d)
    if len(xs) != n:
        raise SpecError(f"--n {n} but --points gives {len(xs)} points")
    _positive(nets, "--nets")
    if n > 6:
        raise SpecError(f"--n {n}: at most 6 points (the cumulant has a term per set partition)")
    torch.set_num_threads(1)
    ex = exact.correlator(arch, xs, connected)
    est = mc.correlator(arch, torch.tensor(xs), nets, connected, seed, progress="networks")
    data = {"architecture": arch.describe(), "n": n, "points": xs, "connected": connected, "exact": ex,
            "mc": est.value, "se": est.se, "pull": None if ex is None else est.pull(ex), "nets": nets}
    if as_json:
        click.echo(json.dumps(data))
        return
    name = f"G{n}{'c' if connected else ''}"
    click.echo(f"{arch.describe()}\n{name}({'; '.join(','.join(f'{c:g}' for c in x) for x in xs)})")
    click.echo(f"  exact : {'no closed form' if ex is None else f'{ex:.6g}'}")
    click.echo(f"  MC    : {est.value:.6g} ± {est.se:.2g}  ({nets} networks)")
    if ex is not None:
        click.echo(f"  pull  : {est.pull(ex):+.2f}")
