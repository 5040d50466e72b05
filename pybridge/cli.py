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
err_console = Console(stderr=True, soft_wrap=True)


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


def knot_info_data(spec: str, timeout_s: float | None = None) -> dict:
    """Everything ``pybridge knot info`` reports, as a JSON-ready mapping (``timeout_s`` per invariant)."""
    from .knots import parse_spec
    from .knots.bounded import DEFAULT_TIMEOUT_S
    from .knots.invariants import knot_invariants

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


def certificate_paths(paths: tuple[str, ...]) -> list[Path]:
    """Expand files and directories (recursively, ``*.yaml``/``*.yml``) into certificate paths."""
    from .errors import InputFileError

    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputFileError(f"{text}: no such file or directory")
    if not found:
        raise InputFileError(f"no certificate files (*.yaml) under {', '.join(paths)}")
    return found


KERNELS = {"python": ("python",), "coq": ("coq",), "lean": ("lean",), "all": ("python", "coq", "lean")}


def requested_kernels(kernel: str) -> tuple[str, ...]:
    """The kernels to run: ``all`` includes Lean only where ``lake`` is installed (no toolchain can be
    installed on pybridge's own machines); ``--kernel lean`` without ``lake`` exits 4."""
    import shutil

    if kernel == "lean":
        from .prover.lean import find_lake

        find_lake()
    if kernel == "all" and shutil.which("lake") is None:
        click.echo("note: --kernel all: skipping Lean (no `lake` toolchain on PATH); checking with python and coq",
                   err=True)
        return ("python", "coq")
    return KERNELS[kernel]


def _run_formal_kernel(name: str, files: list[Path], verdicts: dict, timings: dict | None = None,
                       cached: bool = False) -> None:
    """Export every parseable certificate to ``name`` (coq/lean), run the kernel, record verdicts
    (and, into ``timings[path][name]``, the kernel's ``(seconds, tool version)`` for the ledger).
    ``cached`` lets Coq reuse stored verdicts (``check --cached``); each such verdict says so."""
    if name == "coq":
        from functools import partial

        from .prover.coq import check_with_coq as check_with

        if cached:
            check_with = partial(check_with, use_cache=True)
    else:
        from .prover.lean import check_with_lean as check_with
    readable = {path: cert for path in files if (cert := _read_or_none(path)) is not None}
    if name == "lean":  # calculi without a Lean mirror are skipped (LEAN_CALCULI: braid, pd, plumbing)
        from .export.lean import LEAN_CALCULI

        for path in [p for p, cert in readable.items() if cert.calculus not in LEAN_CALCULI]:
            verdicts[path]["lean"] = (None, f"skipped: no Lean mirror of the {readable[path].calculus} calculus", "n/a")
            del readable[path]
    for (path, _), result in zip(readable.items(), check_with(list(readable.values()))):
        detail = f"{result.seconds:.2f}s" + (" cached" if result.cached else "")
        message = "valid" if result.valid else result.reason
        if result.cached:
            message += " (stored verdict, not recompiled)"
        verdicts[path][name] = (result.valid, message, detail)
        if timings is not None:
            timings[path][name] = (result.seconds, f"{name} {result.tool_version}")
    for path in files:
        verdicts[path].setdefault(name, (False, "not exported: the file does not parse", ""))


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--kernel", type=click.Choice(sorted(KERNELS)), default="python", show_default=True,
              help="Which checkers must accept: the Python trusted checker, Coq (coqc + assumption audit), "
              "Lean (lake build + axiom audit; needs elan/lake), or all (Lean only where lake is installed).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per certificate.")
@click.option("--ledger", "ledger_path", default=None,
              help="Ledger recording each verdict [default: $PYBRIDGE_LEDGER or certs/ledger.sqlite].")
@click.option("--no-ledger", is_flag=True, help="Do not record the verdicts.")
@click.option("--cached", is_flag=True,
              help="Coq only: reuse verdicts stored by earlier runs (bound to the same certificate, generated "
              "source and verified library; a stored 'valid' only where the Python checker also accepts) instead "
              "of compiling. Off by default: stored verdicts never decide validity unless asked for.")
def check(paths: tuple[str, ...], kernel: str, as_json: bool, ledger_path: str | None, no_ledger: bool,
          cached: bool) -> None:
    """Re-check certificate files; exit 0 iff every file is valid under every requested kernel.
    Each verdict is recorded in the ledger (files that do not parse have no hash and are not recorded);
    a reused stored Coq verdict (--cached) is marked "cached" on screen and in the ledger message.

    Example: pybridge check certs/examples --kernel all
    """
    import time

    from .certs.checker import check_file

    files = certificate_paths(paths)
    kernels = requested_kernels(kernel)
    ledger = None if no_ledger else _open_ledger(ledger_path)
    verdicts: dict[Path, dict[str, tuple[bool, str, str]]] = {path: {} for path in files}
    timings: dict[Path, dict[str, tuple[float, str]]] = {path: {} for path in files}
    for path in files:
        start = time.monotonic()
        verdict = check_file(path)
        verdicts[path]["python"] = (verdict.valid, str(verdict), "")
        timings[path]["python"] = (time.monotonic() - start, _python_kernel_version())
    for name in ("coq", "lean"):
        if name in kernels:
            _run_formal_kernel(name, files, verdicts, timings, cached=cached)
    if ledger is not None:
        with ledger:
            _record_verdicts(ledger, files, {p: {k: verdicts[p][k] for k in kernels} for p in files}, timings)
    all_valid = True
    for path in files:
        results = {k: verdicts[path][k] for k in kernels}
        # a skipped kernel (None) counts only when it was the one explicitly asked for
        valid = all(ok or (ok is None and kernel == "all") for ok, _, _ in results.values())
        all_valid &= valid
        meaning = _statement_of(path) if valid else None
        identity, label_warning = _input_identity(path, valid)
        if as_json:
            click.echo(json.dumps({"path": str(path), "valid": valid, "statement": meaning,
                                   "input": identity, "label_warning": label_warning,
                                   "kernels": {k: {"valid": ok, "message": msg, "detail": d}
                                               for k, (ok, msg, d) in results.items()}}))
            continue
        mark = "[green]VALID  [/green]" if valid else "[red]INVALID[/red]"
        labels = {True: "ok", False: "REJECTED", None: "skipped"}
        parts = [f"{k} {labels[ok]}{' ' + d if d else ''}" for k, (ok, _, d) in results.items()]
        console.print(f"{mark} {path}  ({', '.join(parts)})", highlight=False, soft_wrap=True)
        for k, (ok, message, _) in results.items():
            if ok is not True:
                console.print(f"        {k}: {message}", highlight=False, markup=False, soft_wrap=True)
        for line in (meaning or "").splitlines():
            console.print(f"        {line}", highlight=False, markup=False, soft_wrap=True)
        if identity:
            console.print(f"        input: {identity}", highlight=False, markup=False, soft_wrap=True)
        if label_warning:
            console.print(f"        WARNING: {label_warning}", style="bold red", highlight=False, markup=False,
                          soft_wrap=True)
    if not all_valid:
        sys.exit(EXIT_NOT_FOUND)


def _input_identity(path: Path, valid: bool) -> tuple[str | None, str | None]:
    """What the certificate's input diagram is (``pybridge.knots.identify``, outside the trusted checker),
    and a warning when its ``provenance.source`` names a different KnotInfo knot."""
    from .knots.identify import certificate_identity

    cert = _read_or_none(path)
    return certificate_identity(cert, valid) if cert is not None else (None, None)


def _statement_of(path: Path) -> str | None:
    """What the accepted certificate at ``path`` proves, in textbook terms (``pybridge.certs.meaning``)."""
    from .certs.meaning import statement

    cert = _read_or_none(path)
    return statement(cert) if cert is not None else None


def _read_or_none(path: Path):
    """The certificate at ``path`` if it parses and its hash matches, else ``None``."""
    from .certs.io import read_certificate

    try:
        return read_certificate(path)
    except PybridgeError:
        return None


@cli.group()
def export() -> None:
    """Render certificates as formal source files (Coq, Lean 4)."""


@export.command("coq")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", default="out/export/coq", show_default=True, help="Directory for the .v files.")
def export_coq(paths: tuple[str, ...], out_dir: str) -> None:
    """Write one Coq file per certificate: the certificate, a vm_compute proof of `check = true`, the
    soundness corollary stating the claim, and `Print Assumptions`.

    Only certificates the trusted Python checker accepts are exported; otherwise nothing is written.

    Example: pybridge export coq certs/examples --out out/export/coq
    """
    from .export.coq import write_coq_exports

    for written in write_coq_exports(_checked_certificates(paths), out_dir):
        click.echo(str(written))


def _checked_certificates(paths: tuple[str, ...]) -> list:
    """Certificates under ``paths``, each accepted by the trusted checker; otherwise exit 1, nothing written."""
    from .certs.checker import check_certificate
    from .certs.io import read_certificate

    certs = []
    for path in certificate_paths(paths):
        cert = read_certificate(path)
        verdict = check_certificate(cert)
        if not verdict.valid:
            click.echo(f"error: {path}: {verdict}; nothing exported", err=True)
            sys.exit(EXIT_NOT_FOUND)
        certs.append(cert)
    return certs


@export.command("lean")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", default="out/export/lean", show_default=True,
              help="Directory for the .lean modules; pass lean/KnotCertGenerated to add them to the library "
                   "`lake build` checks.")
def export_lean(paths: tuple[str, ...], out_dir: str) -> None:
    """Write one Lean 4 module per certificate: the certificate, `theorem cert_check : check cert = true`
    by kernel evaluation, the soundness corollary stating the claim, and `#print axioms`.

    Example: pybridge export lean certs/examples --out out/export/lean
    """
    from .errors import ExportError
    from .export.lean import write_lean_exports

    from .export.lean import LEAN_CALCULI

    certs = _checked_certificates(paths)
    mirrored = [cert for cert in certs if cert.calculus in LEAN_CALCULI]
    if len(mirrored) < len(certs):
        click.echo(f"note: skipped {len(certs) - len(mirrored)} certificate(s) of a calculus the Lean library "
                   "does not mirror (check them with --kernel coq)", err=True)
    if not mirrored:
        raise ExportError("no certificates of a calculus the Lean library mirrors")
    for written in write_lean_exports(mirrored, out_dir):
        click.echo(str(written))


@cli.command("unknot")
@click.argument("spec")
@click.option("--agent", type=click.Choice(["auto", "greedy", "beam", "rl", "random", "global", "basic"]),
              default="auto", show_default=True,
              help="Search agent. Braid route (braid: SPECs, KnotInfo names): auto = best-first, then the RL "
                   "policy, then random walks. PD route (pd:/dt:/@file SPECs, or forced by global/basic): "
                   "global = Reidemeister moves with pass rerouting (the default), basic = without rerouting.")
@click.option("--budget-s", type=float, default=30.0, show_default=True, help="Search time budget in seconds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out_dir", default="certs", show_default=True, help="Directory for the certificate.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of the path.")
def unknot(spec: str, agent: str, budget_s: float, seed: int, out_dir: str, as_json: bool) -> None:
    """Find moves reducing SPEC to the unknot (unlink), write the certificate, print its path.

    A braid is reduced by braid and Markov moves; a PD diagram by recorded Reidemeister moves, with
    over- and underpasses rerouted in local minima (compiled into R2/R3 moves, so the certificate
    needs nothing new from the checker). A link of k components gets an unlink certificate. Exit 1 when an invariant proves the input
    knotted (or linked) or nothing is found within the budget; exit 3 if the produced certificate
    fails the trusted check (a bug).

    Examples: pybridge unknot braid:1,2,1,-2,-1,1 --out certs
              pybridge unknot gordian --budget-s 60 --out certs
    """
    from .certs import write_certificate
    from .knots import parse_spec
    from .pipeline import certify_unknot

    knot = parse_spec(spec)
    if budget_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--budget-s")
    with err_console.status(f"searching ({agent}, {budget_s:g} s budget)..."):
        certified = certify_unknot(knot, agent, budget_s, seed)
    path = write_certificate(certified.certificate, out_dir)
    if as_json:
        cert = certified.certificate
        click.echo(json.dumps({"path": str(path), "kind": cert.kind, "agent": certified.agent,
                               "steps": len(cert.steps), "seconds": round(certified.seconds, 3),
                               "sha256": cert.sha256, "trusted_check": "valid"}))
    else:
        click.echo(str(path))


@cli.command("ribbon")
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
    from .certs import write_certificate
    from .knots import parse_spec
    from .pipeline import SliceObstructedError, certify_ribbon

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


@cli.command("spc4")
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
    from . import __version__

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


@cli.group()
def train() -> None:
    """Train search policies (reinforcement learning on CPU)."""


@train.command("unknot")
@click.option("--algo", type=click.Choice(["maskable_ppo", "ppo", "a2c", "trpo"]), default="maskable_ppo",
              show_default=True, help="stable-baselines3 (ppo, a2c) or sb3-contrib (trpo, maskable_ppo).")
@click.option("--steps", type=int, default=1_000_000, show_default=True, help="Environment steps.")
@click.option("--time-limit-s", type=float, default=None, help="Stop after this much wall time.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--eval-per-length", type=int, default=20, show_default=True,
              help="Instances per length (10..100) for the success table stored with the model (0: skip).")
@click.option("--out", "out_path", default="models/unknot_policy.zip", show_default=True)
def train_unknot_command(algo, steps, time_limit_s, seed, eval_per_length, out_path) -> None:
    """Train an UnknotBraidEnv policy with a length curriculum; writes the model zip and a .json with
    the settings, wall time and success per length. Use it with `--agent rl` by replacing
    pybridge/models/unknot_policy.zip.

    Example: pybridge train unknot --algo maskable_ppo --steps 200000 --out models/unknot_policy.zip
    """
    from .agents.rl import train_unknot

    if steps < 1:
        raise click.BadParameter("must be positive", param_hint="--steps")
    path = train_unknot(algo, steps, Path(out_path), seed, time_limit_s=time_limit_s,
                        eval_per_length=eval_per_length, command="pybridge train unknot " + " ".join(sys.argv[3:]))
    click.echo(str(path))


@train.command("ribbon")
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
    from .agents.ribbon_rl import train_ribbon

    if steps < 1:
        raise click.BadParameter("must be positive", param_hint="--steps")
    if time_limit_s is not None and time_limit_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--time-limit-s")
    path = train_ribbon(steps=steps, out=Path(out_path), seed=seed, time_limit_s=time_limit_s,
                        command="pybridge train ribbon " + " ".join(sys.argv[3:]))
    click.echo(str(path))


@cli.group()
def tune() -> None:
    """Tune search hyper-parameters (Bayesian optimisation with optuna)."""


@tune.command("ribbon")
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
    from .agents.ribbon_tune import tune_walk_weights

    if trials < 1:
        raise click.BadParameter("must be positive", param_hint="--trials")
    if per_knot_s <= 0:
        raise click.BadParameter("must be positive", param_hint="--per-knot-s")
    record = tune_walk_weights(trials, time_limit_s, budget_s=per_knot_s, seed=seed, out=Path(out_path),
                               command="pybridge tune ribbon " + " ".join(sys.argv[3:]))
    weights = ", ".join(f"{name}={value:.3g}" for name, value in record["weights"].items())
    click.echo(f"{out_path}: {weights} (objective {record['objective']:.3f} solved/s, "
               f"{record['trials_done']} trials, {record['wall_s']:.0f} s)")


@cli.group()
def bench() -> None:
    """Benchmarks; each writes results.csv, summary.md and plot.png into --out."""


@bench.command("check")
@click.option("--out", "out_dir", default="bench-out/check", show_default=True)
@click.option("--lengths", default="10,100,1000,10000", show_default=True, help="Comma-separated move counts.")
@click.option("--seed", default=0, show_default=True)
@click.option("--no-coq", is_flag=True, help="Measure the Python checker only.")
def bench_check(out_dir: str, lengths: str, seed: int, no_coq: bool) -> None:
    """Python checker moves/s and Coq seconds per certificate for growing certificate lengths.

    Example: pybridge bench check --out bench-out/check
    """
    from .bench.check import run
    from .errors import SpecError

    try:
        sizes = [int(x) for x in lengths.split(",")]
    except ValueError:
        raise SpecError(f"--lengths {lengths!r}: expected comma-separated integers") from None
    if any(size < 1 for size in sizes):
        raise SpecError(f"--lengths {lengths!r}: lengths must be positive")
    rows = run(out_dir, sizes, seed=seed, coq=not no_coq)
    table = Table(title="bench check")
    for key in rows[0]:
        table.add_column(key)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)
    console.print(f"wrote {out_dir}/results.csv, summary.md, plot.png")


def _int_list(text: str, option: str) -> list[int]:
    from .errors import SpecError

    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise SpecError(f"{option} {text!r}: expected comma-separated integers") from None
    if not values or any(v < 1 for v in values):
        raise SpecError(f"{option} {text!r}: expected positive integers")
    return values


@bench.command("unknot")
@click.option("--lengths", default="10,20,30,40,50,60,70,80,90,100", show_default=True)
@click.option("--per-length", default=100, show_default=True, help="Instances per length (random walker: 20).")
@click.option("--agents", default="random,beam,rl,auto", show_default=True)
@click.option("--budget-s", default=10.0, show_default=True, help="Time budget per instance and agent.")
@click.option("--seed", default=0, show_default=True)
@click.option("--coq-sample", default=20, show_default=True, help="Certificates re-checked by Coq (0: none).")
@click.option("--calculus", type=click.Choice(["braid", "pd"]), default="braid", show_default=True,
              help="braid: agents on braid words; pd: the recorded simplifier on unknot diagrams.")
@click.option("--diagrams", default=500, show_default=True,
              help="Number of diagrams (--calculus pd; with --set hard: 40 if left at the default).")
@click.option("--set", "set_name", type=click.Choice(["scrambled", "hard"]), default="scrambled", show_default=True,
              help="hard: hard unknot diagrams of 15-200 crossings in four buckets (implies the PD calculus).")
@click.option("--out", "out_dir", default="bench-out/unknot", show_default=True)
def bench_unknot(lengths, per_length, agents, budget_s, seed, coq_sample, calculus, diagrams, set_name,
                 out_dir) -> None:
    """Agents against scrambled unknot braids; results.csv, summary.md, plot.png and certificates.

    With --calculus pd: the recorded Reidemeister simplifier on regina-verified unknot diagrams, beside
    snappy simplify('global') and regina simplifyExhaustive. With --set hard: hard unknot diagrams (no
    R1/R2 removal, snappy's basic simplification fails), certified by the global PD agent (with
    rerouting) and the basic one, beside snappy simplify('global') and regina simplifyExhaustive(1);
    the summary is per crossing bucket.

    Examples: pybridge bench unknot --lengths 10,50,100 --per-length 20 --agents random,beam,auto --out bench-out/unknot
              pybridge bench unknot --set hard --diagrams 40 --budget-s 30 --out bench-out/unknot-hard
    """
    if set_name == "hard":
        from .bench.unknot_hard import run_hard

        count = 40 if diagrams == 500 else diagrams
        run_hard(out_dir, count, budget_s, seed, coq_sample)
        console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
        return
    if calculus == "pd":
        from .bench.unknot_pd import run_pd

        run_pd(out_dir, diagrams, budget_s, seed, coq_sample)
        console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)
        return
    from .agents.unknot import AGENTS
    from .bench.unknot import run
    from .errors import SpecError

    names = [a.strip() for a in agents.split(",") if a.strip()]
    unknown = [a for a in names if a not in AGENTS]
    if unknown or not names:
        raise SpecError(f"--agents: unknown agent {unknown[0] if unknown else agents!r}; choose from {', '.join(AGENTS)}")
    _, coq_line = run(out_dir, _int_list(lengths, "--lengths"), per_length, names, budget_s, seed, coq_sample)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)


@bench.command("ribbon")
@click.option("--set", "set_name", type=click.Choice(["knotinfo-slice-12", "knotinfo-slice-13", "sum-mirror",
                                                     "sum-mirror-plain"]),
              required=True, help="knotinfo-slice-12: the 158 slice KnotInfo knots up to 12 crossings; "
              "knotinfo-slice-13: the 353 with 13; sum-mirror: K # -K for table and random knots, 16-70 crossings, "
              "drawn as symmetric unions; sum-mirror-plain: the same knots drawn as ordinary connected sums "
              "and scrambled by random Reidemeister moves.")
@click.option("--agents", default="auto", show_default=True, help="Comma-separated ribbon agents.")
@click.option("--budget-s", default=60.0, show_default=True, help="Time budget per knot and agent.")
@click.option("--reference-budget-s", default=60.0, show_default=True,
              help="Time limit per knot for the spherogram (Dunfield-Gong) search.")
@click.option("--limit", type=int, default=None, help="Only the first N knots of the set.")
@click.option("--count", default=60, show_default=True, help="Number of K # -K knots (--set sum-mirror).")
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
    from .agents.ribbon_agents import RIBBON_AGENTS
    from .bench.ribbon import run
    from .errors import SpecError

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
    if count < 2:
        raise click.BadParameter("must be at least 2", param_hint="--count")
    run(out_dir, set_name, names, budget_s, reference_budget_s, limit, seed, coq_sample, count,
        reference=not no_reference)
    console.print((Path(out_dir) / "summary.md").read_text(), markup=False, highlight=False)


# -- the ledger (pybridge.certs.ledger) and batches (pybridge.batch) --------------------------------


def _python_kernel_version() -> str:
    from . import __version__

    return f"pybridge {__version__}"


def _open_ledger(ledger_path: str | None):
    """The ledger to record into (created if missing); an unusable path exits 2 before any work."""
    from .certs.ledger import Ledger, default_ledger_path

    return Ledger(ledger_path or default_ledger_path())


def _record_verdicts(ledger, files: list[Path], verdicts: dict, timings: dict) -> None:
    """Record every parseable certificate of a `check` run and its kernel verdicts (one transaction)."""
    from .certs.ledger import VerdictRecord

    words = {True: "valid", False: "invalid", None: "skipped"}
    entries = []
    for path in files:
        cert = _read_or_none(path)
        if cert is None:
            continue
        records = []
        for kernel, (ok, message, _) in verdicts[path].items():
            seconds, version = timings[path].get(kernel, (0.0, f"{kernel} n/a"))
            records.append(VerdictRecord(kernel, words[ok], version, seconds, message))
        entries.append((cert, path, records))
    ledger.record_checks(entries)


def _existing_ledger(ledger_path: str | None):
    from .certs.ledger import default_ledger_path, open_existing

    return open_existing(ledger_path or default_ledger_path())


LEDGER_OPTION = click.option("--ledger", "ledger_path", default=None,
                             help="Ledger file [default: $PYBRIDGE_LEDGER or certs/ledger.sqlite].")


@cli.group()
def ledger() -> None:
    """The ledger (SQLite): every certificate, each kernel's verdict, every batch job."""


@ledger.command("list")
@LEDGER_OPTION
@click.option("--kind", default=None, help="Only certificates of this kind (unknot, unlink, ribbon, ...).")
@click.option("--jobs", is_flag=True, help="List batch jobs instead of certificates.")
@click.option("--batch", "batch_id", default=None, help="With --jobs: only this batch.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def ledger_list(ledger_path, kind, jobs, batch_id, as_json) -> None:
    """List the certificates (hash, kind, source, latest verdict per kernel, path) or batch jobs.

    Example: pybridge ledger list --ledger batch-out/ledger.sqlite --jobs
    """
    with _existing_ledger(ledger_path) as book:
        rows = book.jobs(batch_id) if jobs else book.certificates(kind)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} {'jobs' if jobs else 'certificates'} in {book.path}")
    columns = ("batch", "job_key", "kind", "status") if jobs else ("hash", "kind", "calculus", "source", "verdicts", "path")
    for column in columns:
        table.add_column(column)
    for row in rows:
        if jobs:
            table.add_row(row["batch"], row["job_key"], row["kind"], row["status"])
        else:
            source = json.loads(row["provenance"]).get("source", "")
            verdicts = ", ".join(f"{k} {v}" for k, v in sorted(row["verdicts"].items()))
            table.add_row(row["hash"][:12], row["kind"], row["calculus"], str(source), verdicts, row["path"])
    console.print(table)


@ledger.command("show")
@click.argument("hash_prefix")
@LEDGER_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def ledger_show(hash_prefix, ledger_path, as_json) -> None:
    """One certificate (by a hash prefix of ≥ 6 hex digits): its fields, every verdict, its batch jobs.

    Example: pybridge ledger show 1f3a9c
    """
    with _existing_ledger(ledger_path) as book:
        row = book.show(hash_prefix)
    if as_json:
        click.echo(json.dumps(row, indent=2, ensure_ascii=False))
        return
    for key in ("hash", "kind", "calculus", "input", "claim", "path", "provenance", "recorded_at"):
        console.print(f"[bold]{key:12}[/bold] {row[key]}", highlight=False, soft_wrap=True)
    for v in row["verdicts"]:
        console.print(f"  {v['checked_at']}  {v['kernel']:6} {v['verdict']:8} {v['tool_version']}  "
                      f"{v['seconds']:.3f}s  {v['message']}", highlight=False, markup=False, soft_wrap=True)
    for job in row["jobs"]:
        console.print(f"  batch {job['batch']} job {job['job_key']}: {job['status']}", highlight=False)


@ledger.command("export")
@LEDGER_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--table", type=click.Choice(["certificates", "verdicts", "jobs"]), default="verdicts",
              show_default=True, help="verdicts are joined with their certificate's kind, calculus and path.")
@click.option("--out", "out_path", default=None, help="Write to this file (atomically) instead of stdout.")
def ledger_export(ledger_path, fmt, table, out_path) -> None:
    """Export a ledger table as CSV or JSON.

    Example: pybridge ledger export --format csv --table verdicts --out verdicts.csv
    """
    from .certs.io import write_text_atomic
    from .certs.ledger import export_text
    from .errors import InputFileError

    with _existing_ledger(ledger_path) as book:
        text = export_text(book, table, fmt)
    if out_path is None:
        click.echo(text, nl=False)
        return
    try:
        write_text_atomic(Path(out_path), text)
    except OSError as exc:
        raise InputFileError(f"--out {out_path}: cannot write ({exc.strerror or exc})") from None
    click.echo(out_path)


@cli.command("batch")
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
    from .batch import run_batch

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


from .nnft.commands import nnft  # noqa: E402
cli.add_command(nnft)


from .metricflow.commands import flow  # noqa: E402
cli.add_command(flow)
from .plumbing.commands import bench_plumbing, plumbing  # noqa: E402
cli.add_command(plumbing)
bench.add_command(bench_plumbing, "plumbing")
from .report.commands import run_command  # noqa: E402
cli.add_command(run_command)
from .draw.commands import draw  # noqa: E402
cli.add_command(draw)
from .conjecture.commands import conjecture  # noqa: E402
cli.add_command(conjecture)
from .unknotting.commands import bench_unknotting, unknotting  # noqa: E402
cli.add_command(unknotting)
bench.add_command(bench_unknotting, "unknotting")
from .census import census  # noqa: E402
cli.add_command(census)


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
