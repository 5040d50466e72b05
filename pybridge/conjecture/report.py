"""The conjecture-generation loop and its report (``report.md``, PNG plots, ``results.json``).

:func:`signature_study` reproduces the signature/slope study of Davies et al. (Nature 600 (2021)):
train the MLP on KnotInfo hyperbolic knots, rank features by gradient saliency (eq. (1)), retrain on the
top three, compare with the rule sigma ~ slope/2, fit ``|2 sigma - slope| <= c vol inj^-3`` on the knots
with a computed injectivity radius, search counterexamples on random knots, export the statements.
:func:`generic_fit` runs the model/saliency/relation steps for any target and feature columns.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..errors import PybridgeError
from . import counterexamples, model, relations, saliency, statements
from .data import DatasetError

#: Share of the KnotInfo knots with an injectivity radius on which c is fitted; the rest is held out.
HELD_OUT_TRAIN_FRACTION = 0.7
#: What SnapPy's verified (interval) computations do without Sage, as checked on this project's machines.
VERIFIED_NOTE = ("SnapPy's verified computations (volume(verified=True), cusp_translations(verified=True), "
                 "tetrahedra_shapes(intervals=True)) raise SageNotAvailable outside Sage, so the bound's inputs "
                 "are SnapPy floating-point values, not verified intervals")

SIGNATURE_FEATURES = ["volume", "chern_simons", "cusp_volume", "meridian_real", "meridian_imag", "longitude",
                      "sym_chiral", "sym_reversible", "sym_fully_amphicheiral", "sym_negative_amphicheiral",
                      "sym_positive_amphicheiral"]


def matrix(rows: list[dict], columns: list[str]) -> np.ndarray:
    """The float matrix of ``columns``; :class:`DatasetError` naming a missing column."""
    for column in columns:
        if column not in rows[0]:
            raise DatasetError(f"dataset has no column {column!r} (have: {', '.join(rows[0])})")
    return np.array([[float(row[c]) for c in columns] for row in rows], dtype=float)


def complete(rows: list[dict], columns: list[str]) -> list[dict]:
    """Rows with a finite value in every one of ``columns``."""
    return [r for r in rows if all(math.isfinite(float(r[c])) for c in columns)]


def study_model(rows: list[dict], target: str, features: list[str], seed: int, top_k: int = 3,
                max_epochs: int = 200) -> dict:
    """Train on all features, rank by saliency, retrain on the ``top_k`` most salient."""
    import torch

    torch.set_num_threads(1)
    x, y = matrix(rows, features), matrix(rows, [target])[:, 0]
    splits = model.split_indices(len(x), seed)
    full = model.train_classifier(x, y, features, seed=seed, max_epochs=max_epochs, splits=splits)
    scores = saliency.saliency(full.network, full.standardise(x), class_indices(full, y))
    ranked = saliency.ranking(features, scores)
    top = [name for name, _ in ranked[:top_k]]
    cols = [features.index(name) for name in top]
    reduced = model.train_classifier(x[:, cols], y, top, seed=seed, max_epochs=max_epochs, splits=splits)
    return {"rows": len(x), "split": [len(splits.train), len(splits.validation), len(splits.test)],
            "accuracy_all": full.test_accuracy, "epochs_all": full.epochs, "saliency": ranked,
            "top": top, "accuracy_top": reduced.test_accuracy, "epochs_top": reduced.epochs,
            "test_index": splits.test.tolist()}


def class_indices(trained: model.TrainedModel, y: np.ndarray) -> np.ndarray:
    """Index of each label in ``trained.classes`` (labels unseen in training are dropped by the caller)."""
    lookup = {v: i for i, v in enumerate(trained.classes)}
    return np.array([lookup.get(v, 0) for v in y])


def fit_signature_bound(train: list[dict], held_out: list[dict], digits: int = 3) -> dict:
    """The constant of ``|2 sigma - slope| <= c vol inj^-3`` on ``train`` and its counterexamples in ``held_out``."""
    ratio = _ratios(train)
    fit = relations.fit_bound([r["name"] for r in train], ratio, digits=digits)
    search = counterexamples.find_counterexamples(float(fit.c), [r["name"] for r in held_out], _ratios(held_out))
    train_violations = int(np.sum(ratio > float(fit.c)))
    return {"fit": fit, "search": search, "train_violations": train_violations, "ratio_train": ratio,
            "ratio_held_out": _ratios(held_out)}


def _ratios(rows: list[dict]) -> np.ndarray:
    if not rows:
        return np.zeros(0)
    cols = matrix(rows, ["signature", "slope", "volume", "inj_radius"]).T
    return relations.bound_ratio(*cols)


def export_bound(train: list[dict], c: Fraction, coq_dir: Path | None, lean_dir: Path | None, source: str):
    """Write the statement files; raise ``c`` in its last digit until the outward-rounded check passes."""
    data = [(r["name"], int(r["signature"]), r["slope"], r["volume"], r["inj_radius"]) for r in train]
    step = Fraction(1, c.denominator)
    for _ in range(100):
        spec = statements.make_spec("SignatureSlope", c, data, source)
        if not statements.failing_rows(spec):
            return spec, statements.write_statements(spec, coq_dir, lean_dir)
        c += step
    raise PybridgeError("could not find a constant passing the outward-rounded integer check")


def coq_verdict(path: Path) -> str:
    """Compile ``path`` with coqc in a temporary folder; the ``Print Assumptions`` verdict or the error."""
    coqc = shutil.which("coqc")
    if coqc is None:
        return "not checked: coqc not installed (apt-get install -y coq)"
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / path.name
        shutil.copy(path, target)
        done = subprocess.run([coqc, target.name], cwd=tmp, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        return f"coqc failed: {(done.stderr or done.stdout).strip()[:300]}"
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "coqc printed nothing"


def signature_study(knotinfo_rows: list[dict], random_rows: list[dict], out: Path, seed: int = 0,
                    coq_dir: Path | None = None, lean_dir: Path | None = None, symbolic: bool = True,
                    max_epochs: int = 200) -> dict:
    """The whole loop on the two datasets; writes ``report.md``, PNGs and ``results.json`` into ``out``."""
    rows = complete(knotinfo_rows, SIGNATURE_FEATURES + ["signature", "slope"])
    study = study_model(rows, "signature", SIGNATURE_FEATURES, seed, max_epochs=max_epochs)
    test = [rows[i] for i in study["test_index"]]
    slope_all = matrix(rows, ["slope"])[:, 0]
    sig_all = matrix(rows, ["signature"])[:, 0]
    study["slope_rule_accuracy"] = model.slope_rule_accuracy(matrix(test, ["slope"])[:, 0], matrix(test, ["signature"])[:, 0])
    study["linear"] = relations.linear_fit(slope_all[:, None], sig_all, ["slope"])
    if symbolic:
        sample = np.random.default_rng(seed).permutation(len(rows))[:3000]
        sub = [rows[i] for i in sample]
        study["symbolic"] = relations.symbolic_fit(matrix(sub, study["top"]), matrix(sub, ["signature"])[:, 0],
                                                   study["top"], seed=seed)
    with_inj = complete(rows, ["inj_radius"])
    order = np.random.default_rng(seed).permutation(len(with_inj))
    cut = int(HELD_OUT_TRAIN_FRACTION * len(with_inj))
    train = [with_inj[i] for i in sorted(order[:cut])]  # c is fitted on these only
    knotinfo_held = [with_inj[i] for i in sorted(order[cut:])]
    held_out = complete(random_rows, ["signature", "slope", "volume", "inj_radius"])
    bound = fit_signature_bound(train, held_out)
    bound["knotinfo_held_out"] = counterexamples.find_counterexamples(
        float(bound["fit"].c), [r["name"] for r in knotinfo_held], _ratios(knotinfo_held))
    source = f"{len(train)} hyperbolic KnotInfo knots (<= 13 crossings) with SnapPy invariants, pybridge conjecture signature"
    spec, written = export_bound(train, bound["fit"].c, coq_dir, lean_dir, source)
    exported_c = Fraction(spec["c"])
    coq_files = [p for p in written if p.suffix == ".v"]
    verdict = coq_verdict(coq_files[0]) if coq_files else "not exported"
    out.mkdir(parents=True, exist_ok=True)
    _plots(study, slope_all, sig_all, bound, exported_c, out)
    results = _results(study, bound, exported_c, written, verdict, len(random_rows), len(held_out))
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "report.md").write_text(_markdown(results))
    return results


def _results(study, bound, exported_c, written, verdict, n_random, n_held) -> dict:
    fit, search = bound["fit"], bound["search"]
    out = {key: study[key] for key in ("rows", "split", "accuracy_all", "epochs_all", "top", "accuracy_top",
                                       "epochs_top", "slope_rule_accuracy")}
    out["saliency"] = [[name, score] for name, score in study["saliency"]]
    out["linear_fit"] = study["linear"].formula("signature") + f"  (R^2 = {study['linear'].r2:.4f})"
    if "symbolic" in study:
        s = study["symbolic"]
        out["symbolic_fit"] = {"program": s.program, "r2_train": s.r2_train, "r2_test": s.r2_test}
    out["bound"] = {"c_min": fit.c_min, "c_fitted": str(fit.c), "c_exported": str(exported_c),
                    "training_rows": fit.rows, "training_violations": bound["train_violations"],
                    "extremal": [[n, r] for n, r in fit.extremal], "random_knots": n_random,
                    "held_out_rows": n_held, "held_out_violations": len(search.counterexamples),
                    "counterexamples": [[n, r] for n, r in search.counterexamples[:20]],
                    "refined_c": search.refined_c}
    kh = bound["knotinfo_held_out"]
    out["bound"].update({
        "held_out_rate": len(search.counterexamples) / search.searched if search.searched else None,
        "knotinfo_held_out_rows": kh.searched, "knotinfo_held_out_violations": len(kh.counterexamples),
        "knotinfo_held_out_rate": len(kh.counterexamples) / kh.searched if kh.searched else None,
        "knotinfo_counterexamples": [[n, r] for n, r in kh.counterexamples[:20]],
        "verified_geometry": VERIFIED_NOTE})
    out["statements"] = [str(p) for p in written]
    out["coq_verdict"] = verdict
    return out


def _plots(study, slope, sig, bound, c, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names, scores = zip(*study["saliency"])
    values = saliency.normalised(np.array(scores))
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.barh(list(reversed(names)), list(reversed(values)))
    ax.set_xlabel("gradient saliency (normalised, Davies et al. eq. 1)")
    ax.set_title(f"Saliency for the signature ({study['rows']} KnotInfo knots)")
    fig.tight_layout(); fig.savefig(out / "saliency.png", dpi=120); plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.scatter(slope, sig, s=3, alpha=0.3)
    grid = np.linspace(slope.min(), slope.max(), 2)
    ax.plot(grid, grid / 2, "r-", label="sigma = slope / 2")
    ax.set_xlabel("slope = Re(longitude / meridian)"); ax.set_ylabel("signature"); ax.legend()
    fig.tight_layout(); fig.savefig(out / "signature_vs_slope.png", dpi=120); plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 4))
    bins = np.linspace(0, max(float(c) * 1.5, float(np.max(bound["ratio_held_out"], initial=0))), 60)
    ax.hist(bound["ratio_train"], bins=bins, alpha=0.6, label="KnotInfo (training)", density=True)
    if len(bound["ratio_held_out"]):
        ax.hist(bound["ratio_held_out"], bins=bins, alpha=0.6, label="random knots (held out)", density=True)
    ax.axvline(float(c), color="r", label=f"c = {float(c):.4g}")
    ax.set_xlabel("|2 sigma - slope| inj^3 / vol"); ax.legend()
    fig.tight_layout(); fig.savefig(out / "bound_ratio.png", dpi=120); plt.close(fig)


def _markdown(r: dict) -> str:
    b = r["bound"]
    lines = ["# Conjecture generation: signature from hyperbolic invariants", "",
             f"KnotInfo hyperbolic knots used: {r['rows']} (train/validation/test {'/'.join(map(str, r['split']))}).", "",
             "| model | features | test accuracy | epochs |", "|---|---|---|---|",
             f"| MLP 3x300 sigmoid | all {len(r['saliency'])} | {r['accuracy_all']:.4f} | {r['epochs_all']} |",
             f"| MLP 3x300 sigmoid | top 3: {', '.join(r['top'])} | {r['accuracy_top']:.4f} | {r['epochs_top']} |",
             f"| rule sigma = nearest even integer to slope/2 | slope | {r['slope_rule_accuracy']:.4f} | - |", "",
             f"Accuracy gap all - top-3: {100 * (r['accuracy_all'] - r['accuracy_top']):.2f} points.", "",
             "## Saliency (r_i = mean |dL/dx_i|, standardised features)", "", "![saliency](saliency.png)", "",
             "| rank | feature | saliency |", "|---|---|---|"]
    lines += [f"| {i + 1} | {n} | {s:.5f} |" for i, (n, s) in enumerate(r["saliency"])]
    lines += ["", "## Relations", "", "![signature vs slope](signature_vs_slope.png)", "",
              f"- Linear fit: `{r['linear_fit']}`"]
    if "symbolic_fit" in r:
        s = r["symbolic_fit"]
        lines.append(f"- gplearn on the top-3 features: `{s['program']}` (R^2 train {s['r2_train']:.3f}, test {s['r2_test']:.3f})")
    lines += ["", "### |2 sigma - slope| <= c vol inj^-3", "", "![bound ratio](bound_ratio.png)", "",
              f"- Smallest c on the {b['training_rows']} KnotInfo knots with a computed injectivity radius: "
              f"c_min = {b['c_min']:.6f}; fitted c = {b['c_fitted']} ({_dec(b['c_fitted'])}), exported "
              f"c = {b['c_exported']} ({_dec(b['c_exported'])}); training violations: {b['training_violations']}.",
              "- Extremal knots: " + ", ".join(f"{n} ({v:.4f})" for n, v in b["extremal"]) + ".",
              f"- Counterexample search: {b['held_out_rows']} random knots (15-80 crossings) with a computed "
              f"injectivity radius: {b['held_out_violations']} violation(s)"
              + (": " + ", ".join(f"{n} ({v:.4f})" for n, v in b["counterexamples"]) if b["counterexamples"] else "")
              + f". Refined c on all data: {b['refined_c']:.6f}.",
              f"- Held-out KnotInfo knots (the {b['knotinfo_held_out_rows']} knots with an injectivity radius not used "
              f"to fit c): {b['knotinfo_held_out_violations']} violation(s), rate "
              + (f"{b['knotinfo_held_out_rate']:.4f}" if b["knotinfo_held_out_rate"] is not None else "n/a")
              + "; random knots: rate "
              + (f"{b['held_out_rate']:.4f}" if b["held_out_rate"] is not None else "n/a") + ".",
              f"- {b['verified_geometry']}.", "",
              "## Exported statements", ""]
    lines += [f"- `{p}`" for p in r["statements"]]
    lines += ["", f"Coq check of the finite-data theorem (`Print Assumptions finite_data_rows`): {r['coq_verdict']}.",
              "The Lean file is not built here (no Lean toolchain); `lake build` builds it.",
              "The floating-point invariants are SnapPy values and are not verified; the theorems are about the "
              "integer-scaled values rounded outward.", ""]
    return "\n".join(lines)


def _dec(text: str) -> str:
    return f"{float(Fraction(text)):.6g}"


def generic_fit(rows: list[dict], target: str, features: list[str], out: Path, seed: int = 0,
                symbolic: bool = True, max_epochs: int = 200) -> dict:
    """Classifier accuracy, saliency ranking, linear and symbolic fits for ``target`` from ``features``."""
    used = complete(rows, features + [target])
    if len(used) < 10:
        raise DatasetError(f"only {len(used)} rows have finite {target} and {', '.join(features)}; need at least 10")
    y = matrix(used, [target])[:, 0]
    if not np.all(y == np.round(y)) or len(np.unique(y)) > 100:
        raise DatasetError(f"target {target!r} must be integer-valued with at most 100 classes (a classification target)")
    study = study_model(used, target, features, seed, top_k=min(3, len(features)), max_epochs=max_epochs)
    x = matrix(used, features)
    result = {"rows": len(used), "dropped": len(rows) - len(used), "accuracy_all": study["accuracy_all"],
              "saliency": study["saliency"], "top": study["top"], "accuracy_top": study["accuracy_top"],
              "linear_fit": relations.linear_fit(x, y, features).formula(target)}
    if symbolic:
        sym = relations.symbolic_fit(matrix(used, study["top"]), y, study["top"], seed=seed)
        result["symbolic_fit"] = {"program": sym.program, "r2_train": sym.r2_train, "r2_test": sym.r2_test}
    out.mkdir(parents=True, exist_ok=True)
    _saliency_plot(study["saliency"], target, out / "saliency.png")
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [f"# Fit: {target} from {', '.join(features)}", "", f"Rows: {len(used)} (dropped {result['dropped']} with missing values).", "",
             f"- Test accuracy, all features: {result['accuracy_all']:.4f}",
             f"- Test accuracy, top {len(study['top'])} ({', '.join(study['top'])}): {result['accuracy_top']:.4f}",
             f"- Linear fit: `{result['linear_fit']}`"]
    if symbolic:
        lines.append(f"- gplearn: `{result['symbolic_fit']['program']}` (R^2 test {result['symbolic_fit']['r2_test']:.3f})")
    lines += ["", "![saliency](saliency.png)", "", "| feature | saliency |", "|---|---|"]
    lines += [f"| {n} | {s:.5f} |" for n, s in study["saliency"]]
    (out / "report.md").write_text("\n".join(lines) + "\n")
    return result


def _saliency_plot(ranked, target: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names, scores = zip(*ranked)
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(names) + 1.5))
    ax.barh(list(reversed(names)), list(reversed(saliency.normalised(np.array(scores)))))
    ax.set_xlabel(f"gradient saliency for {target} (normalised)")
    fig.tight_layout(); fig.savefig(path, dpi=120); plt.close(fig)
