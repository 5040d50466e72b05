"""The ``pybridge`` command line (DESIGN.md, "Command-line contract").

Exit codes: 0 success, 1 searched and not found / claim refuted, 2 bad input or usage, 3 a produced
certificate failed its own check, 4 a required external tool is missing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .errors import EXIT_BAD_INPUT, EXIT_NOT_FOUND, PybridgeError

console = Console()
err_console = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pybridge")
def cli() -> None:
    """Search knot moves and certify the results with trusted kernels (Python, Coq, Lean)."""


@cli.group()
def knot() -> None:
    """Inspect knots given as SPECs (8_20, K11n34, braid:1,-2,1, pd:[[...]], dt:[...], @file.yaml)."""


def _knotinfo_reference(knot) -> dict | None:
    if not knot.source.startswith("knotinfo:"):
        return None
    from .knots.catalog import knotinfo_row

    row = knotinfo_row(knot.name)
    return {"signature": row["signature"], "determinant": row["determinant"], "volume": row["volume"]}


def knot_info_data(spec: str) -> dict:
    """Everything ``pybridge knot info`` reports, as a JSON-ready mapping."""
    from .knots import parse_spec
    from .knots.invariants import knot_invariants

    knot = parse_spec(spec)
    data = {"spec": spec, "source": knot.source, "diagram": str(knot.diagram)}
    data.update(knot_invariants(knot.pd))
    reference = _knotinfo_reference(knot)
    if reference:
        data["knotinfo"] = reference
    return data


def _info_table(data: dict) -> Table:
    table = Table(title=f"{data['spec']}  ({data['source']})", show_header=False)
    table.add_column("invariant", style="bold")
    table.add_column("value")
    reference = data.get("knotinfo", {})
    hfk = data.get("knot_floer") or {}
    rows = [
        ("diagram crossings", data["crossings"]),
        ("components", data["components"]),
        ("writhe", data["writhe"]),
        ("linking numbers", ", ".join(f"lk({k})={v}" for k, v in data["linking_numbers"].items()) or "—"),
        ("signature", f"{data['signature']}" + (f"  (KnotInfo: {reference['signature']})" if reference else "")),
        ("determinant", f"{data['determinant']}" + (f"  (KnotInfo: {reference['determinant']})" if reference else "")),
        ("Jones V(t)", data["jones_polynomial"]),
        ("Alexander Δ(t)", data["alexander_polynomial"] or "— (links: not computed)"),
        ("τ / ε / ν", " / ".join(str(hfk[k]) for k in ("tau", "epsilon", "nu")) if hfk else "—"),
        ("Seifert genus", hfk.get("seifert_genus", "—")),
        ("fibered", hfk.get("fibered", "—")),
        ("volume", f"{data['volume']:.10f}" if data["hyperbolic"] else "not hyperbolic"),
    ]
    for index, cusp in enumerate(data.get("cusp_translations") or []):
        m = cusp["meridian"]
        rows.append((f"cusp {index} translations", f"meridian {m[0]:.6f}{m[1]:+.6f}i, longitude {cusp['longitude']:.6f}"))
    unknot = data["regina_unknot"]
    rows.append(("regina: unknot", {True: "yes (complement is a solid torus)", False: "no", None: "skipped (large)"}[unknot]))
    for name, value in rows:
        table.add_row(name, str(value))
    return table


@knot.command("info")
@click.argument("spec")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def knot_info(spec: str, as_json: bool) -> None:
    """Invariants of SPEC: signature and determinant (own Goeritz code), Jones/Alexander (regina),
    τ/ε/genus/fibered (knot Floer homology), volume and cusps (snappy), regina unknot test.

    Example: pybridge knot info 8_20
    """
    data = knot_info_data(spec)
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        console.print(_info_table(data))


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
        err_console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
