"""``pybridge knot info SPEC``: the invariants of a knot or link given as a SPEC."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


@click.group("knot")
def knot() -> None:
    """Inspect knots given as SPECs (8_20, K11n34, braid:1,-2,1, pd:[[...]], dt:[...], @file.yaml)."""


def _knotinfo_reference(knot) -> dict | None:
    if not knot.source.startswith("knotinfo:"):
        return None
    from .catalog import knotinfo_row

    row = knotinfo_row(knot.name)
    return {"signature": row["signature"], "determinant": row["determinant"], "volume": row["volume"]}


def knot_info_data(spec: str, timeout_s: float | None = None) -> dict:
    """Everything ``pybridge knot info`` reports, as a JSON-ready mapping (``timeout_s`` per invariant)."""
    from . import parse_spec
    from .bounded import DEFAULT_TIMEOUT_S
    from .invariants import knot_invariants

    knot = parse_spec(spec)
    data = {"spec": spec, "source": knot.source, "diagram": str(knot.diagram)}
    data.update(knot_invariants(knot.pd, timeout_s=DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s))
    reference = _knotinfo_reference(knot)
    if reference:
        data["knotinfo"] = reference
    return data


def _info_table(data: dict) -> Table:
    table = Table(title=f"{data['spec']}  ({data['source']})", show_header=False)
    table.add_column("invariant", style="bold")
    table.add_column("value")
    reference = data.get("knotinfo", {})
    unknown = data.get("unknown", {})
    hfk = data.get("knot_floer") or {}

    def shown(key: str, text) -> str:
        return unknown[key] if key in unknown else str(text)

    simplified = data.get("simplified_crossings")
    rows = [
        ("diagram crossings", f"{data['crossings']}" + (f"  (simplified: {simplified})" if simplified is not None else "")),
        ("components", data["components"]),
        ("writhe", data["writhe"]),
        ("linking numbers", ", ".join(f"lk({k})={v}" for k, v in data["linking_numbers"].items()) or "—"),
        ("signature", shown("signature", f"{data['signature']}" + (f"  (KnotInfo: {reference['signature']})" if reference else ""))),
        ("determinant", shown("determinant", f"{data['determinant']}" + (f"  (KnotInfo: {reference['determinant']})" if reference else ""))),
        ("Jones V(t)", shown("jones_polynomial", data["jones_polynomial"])),
        ("Alexander Δ(t)", shown("alexander_polynomial", data["alexander_polynomial"] or "— (links: not computed)")),
        ("τ / ε / ν", shown("knot_floer", " / ".join(str(hfk[k]) for k in ("tau", "epsilon", "nu")) if hfk else "—")),
        ("Seifert genus", shown("knot_floer", hfk.get("seifert_genus", "—"))),
        ("fibered", shown("knot_floer", hfk.get("fibered", "—"))),
        ("volume", shown("volume", f"{data['volume']:.10f}" if data["hyperbolic"] else "not hyperbolic")),
    ]
    for index, cusp in enumerate(data.get("cusp_translations") or []):
        m = cusp["meridian"]
        rows.append((f"cusp {index} translations", f"meridian {m[0]:.6f}{m[1]:+.6f}i, longitude {cusp['longitude']:.6f}"))
    verdict = {True: "yes", False: "no", None: "unknown"}[data["unknot"]]
    rows.append(("unknot", f"{verdict} ({data['unknot_reason']})"))
    regina = data["regina_unknot"]
    rows.append(("regina: unknot", shown("regina_unknot", {True: "yes (complement is a solid torus)", False: "no",
                                                          None: data.get("regina_note", "not run")}[regina])))
    for name, value in rows:
        table.add_row(name, str(value))
    return table


@knot.command("info")
@click.argument("spec")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--timeout-s", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Limit per invariant, in seconds; one that takes longer (or crashes) is shown as unknown.")
def knot_info(spec: str, as_json: bool, timeout_s: float) -> None:
    """Invariants of SPEC: signature and determinant (own Goeritz code), Jones/Alexander (regina),
    τ/ε/genus/fibered (knot Floer homology), volume and cusps (snappy), and whether it is the unknot.

    Every library computation runs in a child process for at most --timeout-s seconds: one that takes
    longer is shown as "unknown (timed out after N s)", one that crashes or fails as "unknown (<invariant>
    crashed: ...)", with a note on stderr; the exit code is still 0. The unknot test: a diagram that
    Reidemeister moves simplify to no crossings is the unknot; else signature, determinant and the knot
    Floer genus (0 exactly for the unknot) decide; regina's solid-torus test of the complement is the
    bounded fallback, and confirms a "yes". At most about 7 x --timeout-s seconds in all.

    Example: pybridge knot info 8_20 --timeout-s 5
    """
    data = knot_info_data(spec, timeout_s)
    for key, message in data.get("unknown", {}).items():
        err_console.print(f"note: {key}: {message}", markup=False, highlight=False)
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        console.print(_info_table(data))
