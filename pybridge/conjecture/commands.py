"""``pybridge conjecture``: datasets, the signature study, and generic fits (docs/conjecture.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

KNOTINFO_DEFAULTS = {"max_crossings": 13, "inj_sample": 400, "seed": 0}
RANDOM_DEFAULTS = {"n": 80, "seed": 0, "min_crossings": 15, "max_crossings": 80, "require_inj": True}


@click.group("conjecture")
def conjecture() -> None:
    """Conjecture generation: knot-invariant datasets, saliency, relations, counterexamples, statements."""


def _positive(value: int, hint: str) -> None:
    if value < 1:
        raise click.BadParameter("must be positive", param_hint=hint)


@conjecture.command("dataset")
@click.argument("source", type=click.Choice(["knotinfo", "random"]))
@click.option("--n", "n", type=int, default=RANDOM_DEFAULTS["n"], show_default=True, help="Random knots to draw.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--max-crossings", type=int, default=None, help="KnotInfo: 13; random: 80.")
@click.option("--inj-sample", type=int, default=KNOTINFO_DEFAULTS["inj_sample"], show_default=True,
              help="KnotInfo rows that get an injectivity radius (a Dirichlet domain each).")
@click.option("--out", "out_path", default=None, help="Also copy the CSV (and its .json manifest) here.")
def dataset_command(source, n, seed, max_crossings, inj_sample, out_path) -> None:
    """Build (or reuse from the user cache, ~/.cache/pybridge/conjecture) a dataset and print the CSV path.

    Example: pybridge conjecture dataset random --n 50 --seed 1 --out random50.csv
    """
    from .data import cached_dataset

    _positive(n, "--n")
    if inj_sample < 0:
        raise click.BadParameter("must be >= 0", param_hint="--inj-sample")
    if source == "knotinfo":
        params = {"max_crossings": max_crossings or 13, "inj_sample": inj_sample, "seed": seed}
        if not 3 <= params["max_crossings"] <= 13:
            raise click.BadParameter("KnotInfo knots have 3..13 crossings", param_hint="--max-crossings")
    else:
        params = {**RANDOM_DEFAULTS, "n": n, "seed": seed, "max_crossings": max_crossings or 80}
        if params["max_crossings"] < params["min_crossings"]:
            raise click.BadParameter("must be at least 15", param_hint="--max-crossings")
    path = cached_dataset(source, **params)
    if out_path:
        target = Path(out_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
        shutil.copy(path.with_suffix(".json"), target.with_suffix(".json"))
        path = target
    click.echo(str(path))


@conjecture.command("signature")
@click.option("--out", "out_dir", default="conjecture-out/signature", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--knotinfo-csv", default=None, help="Use this KnotInfo-style dataset instead of the cached build.")
@click.option("--random-csv", default=None, help="Use this random-knot dataset instead of the cached build.")
@click.option("--inj-sample", type=int, default=KNOTINFO_DEFAULTS["inj_sample"], show_default=True)
@click.option("--random-n", type=int, default=RANDOM_DEFAULTS["n"], show_default=True)
@click.option("--coq-dir", default=None,
              help="Where the Coq statement goes [default: OUT/statements/coq]; pass coq/statements to update "
                   "the repository's committed copy.")
@click.option("--lean-dir", default=None,
              help="Where the Lean statement goes [default: OUT/statements/lean]; pass "
                   "lean/KnotCertGenerated/Statements to update the copy `lake build` compiles.")
@click.option("--max-epochs", type=int, default=200, show_default=True)
@click.option("--no-symbolic", is_flag=True, help="Skip gplearn symbolic regression.")
def signature_command(out_dir, seed, knotinfo_csv, random_csv, inj_sample, random_n, coq_dir, lean_dir,
                      max_epochs, no_symbolic) -> None:
    """Davies et al.'s signature study: accuracy, saliency, top-3 retraining, slope rule, the bound
    |2 sigma - slope| <= c vol inj^-3 with counterexample search, and exported Lean/Coq statements.

    Example: pybridge conjecture signature --out conjecture-out/signature
    """
    import torch

    from .data import cached_dataset, read_dataset
    from .report import signature_study

    torch.set_num_threads(1)
    coq_dir = coq_dir or str(Path(out_dir) / "statements" / "coq")
    lean_dir = lean_dir or str(Path(out_dir) / "statements" / "lean")
    _positive(random_n, "--random-n")
    _positive(max_epochs, "--max-epochs")
    known = cached_dataset("knotinfo", **{**KNOTINFO_DEFAULTS, "inj_sample": inj_sample, "seed": seed}) \
        if knotinfo_csv is None else knotinfo_csv
    rand = cached_dataset("random", **{**RANDOM_DEFAULTS, "n": random_n, "seed": seed}) if random_csv is None else random_csv
    results = signature_study(read_dataset(known), read_dataset(rand), Path(out_dir), seed=seed,
                              coq_dir=Path(coq_dir), lean_dir=Path(lean_dir), symbolic=not no_symbolic,
                              max_epochs=max_epochs)
    b = results["bound"]
    click.echo(f"accuracy all features {results['accuracy_all']:.4f}, top-3 {', '.join(results['top'])} "
               f"{results['accuracy_top']:.4f}, slope rule {results['slope_rule_accuracy']:.4f}")
    click.echo(f"c = {b['c_exported']} (c_min {b['c_min']:.6f}) on {b['training_rows']} knots, "
               f"{b['training_violations']} training / {b['held_out_violations']} held-out violations; "
               f"Coq: {results['coq_verdict']}")
    click.echo(f"wrote {out_dir}/report.md, saliency.png, signature_vs_slope.png, bound_ratio.png, results.json; "
               f"statements in {coq_dir} and {lean_dir}")


@conjecture.command("fit")
@click.option("--data", "data_path", required=True, help="Dataset CSV (from `pybridge conjecture dataset`).")
@click.option("--target", required=True, help="Integer-valued target column, e.g. signature.")
@click.option("--features", required=True, help="Comma-separated feature columns.")
@click.option("--out", "out_dir", default="conjecture-out/fit", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--max-epochs", type=int, default=200, show_default=True)
@click.option("--no-symbolic", is_flag=True, help="Skip gplearn symbolic regression.")
def fit_command(data_path, target, features, out_dir, seed, max_epochs, no_symbolic) -> None:
    """Classifier accuracy, saliency ranking, top-3 retraining, linear and symbolic fits of TARGET.

    Example: pybridge conjecture fit --data random50.csv --target signature --features slope,volume,longitude
    """
    import torch

    from .data import DatasetError, read_dataset
    from .report import generic_fit

    torch.set_num_threads(1)
    names = [f.strip() for f in features.split(",") if f.strip()]
    if not names:
        raise DatasetError("--features: give at least one column")
    if target in names:
        raise DatasetError(f"--features must not contain the target {target!r}")
    _positive(max_epochs, "--max-epochs")
    rows = read_dataset(data_path, required=tuple([target] + names))
    result = generic_fit(rows, target, names, Path(out_dir), seed=seed, symbolic=not no_symbolic, max_epochs=max_epochs)
    click.echo(f"accuracy all {result['accuracy_all']:.4f}, top {', '.join(result['top'])} {result['accuracy_top']:.4f}")
    click.echo(f"wrote {out_dir}/report.md, saliency.png, results.json")


@conjecture.command("exact")
@click.option("--out", "out_dir", default="conjecture-out/exact", show_default=True)
@click.option("--max-crossings", type=click.IntRange(3, 12), default=12, show_default=True,
              help="KnotInfo knots with 1..N crossings form the table.")
@click.option("--seed", type=int, default=0, show_default=True, help="Training/held-out split and random knots.")
@click.option("--random-n", type=click.IntRange(0, 1000), default=40, show_default=True,
              help="Random knots (15-40 crossings) for the counterexample hunt.")
@click.option("--max-epochs", type=click.IntRange(0, 1000), default=40, show_default=True,
              help="Saliency classifier epochs (0 skips it).")
@click.option("--no-symbolic", is_flag=True, help="Skip gplearn symbolic regression.")
@click.option("--no-coq", is_flag=True, help="Write the Coq theorems but do not run coqc.")
@click.option("--coq-dir", default=None, help="Where ExactRelations.v goes [default: OUT/statements/coq].")
@click.option("--lean-dir", default=None,
              help="Where ExactRelations.lean goes [default: OUT/statements/lean]; not compiled here (no Lean toolchain).")
@click.option("--chunk", type=click.IntRange(10, 1000), default=100, show_default=True,
              help="Knots per vm_compute lemma.")
def exact_command(out_dir, max_crossings, seed, random_n, max_epochs, no_symbolic, no_coq, coq_dir, lean_dir,
                  chunk) -> None:
    """Relations between exactly computable invariants (signature, determinant, writhe, crossings, Fox
    colourings; braid index, genus, tau as data), found on a training split of the KnotInfo table,
    checked on the held-out split and random knots, and proved over the whole table by Coq computing
    the invariants from the PD codes.

    Example: pybridge conjecture exact --max-crossings 8 --random-n 10 --out conjecture-out/exact8
    """
    from .exact import exact_study

    s = exact_study(Path(out_dir), max_crossings=max_crossings, seed=seed, random_n=random_n,
                    max_epochs=max_epochs, symbolic=not no_symbolic, coq=not no_coq,
                    coq_dir=Path(coq_dir) if coq_dir else None, lean_dir=Path(lean_dir) if lean_dir else None,
                    chunk=chunk, progress=click.echo)
    for e in s["candidates"]:
        rv = "-" if e["random_violations"] is None else len(e["random_violations"])
        click.echo(f"  {e['relation']}: held-out violations {len(e['held_out_violations'])}, table "
                   f"{len(e['table_violations'])}, random {rv}{'' if e['kernel'] else ' (data only)'}")
    if "coq" in s:
        click.echo(f"Coq ({len(s['theorems'])} theorems over {s['knots']} PD codes): {s['coq']['verdict']} "
                   f"[{s['coq']['seconds']:.1f} s]")
    click.echo(f"wrote {out_dir}/report.md, results.json" + (f", {s['coq_file']}" if "coq_file" in s else "")
               + (f", {s['lean_file']} (not compiled: no Lean toolchain)" if "lean_file" in s else ""))
    if "coq" in s and not s["coq"]["valid"]:  # the relations hold in Python on every row: Coq must agree
        click.echo("error: Coq did not prove relations that hold on every row in Python (a bug)", err=True)
        raise SystemExit(3)
