"""Conjectures over exactly computable invariants, proved over the knot table by the Coq kernel.

``pybridge conjecture exact`` (docs/conjecture.md): the conjecture loop of this package — saliency
(Davies et al., Nature 600 (2021), eq. (1)), symbolic regression (gplearn), a congruence and
inequality search, a counterexample hunt on random knots — run on invariants that are computed
*exactly* from each knot's PD code (:mod:`pybridge.knots.exact_invariants`, mirrored by
``coq/theories/Invariants.v``): signature, determinant, writhe of the table diagram, crossings,
Fox 3-, 5-, 7-colourings; plus KnotInfo columns that no kernel computes here (braid index, Seifert
genus, tau), which enter the search as *data-only* invariants.

Search (on a seeded training split of the table; the rest is held out):

* **congruences**: atoms ``X = r (mod m)`` for every kernel invariant ``X``, ``m`` in
  :data:`MODULI` and every residue ``r`` holding on between 5% and 95% of the training rows; every
  pair of atoms on different invariants that are equivalent on all training rows is a candidate
  ``X = r (mod m) <-> Y = s (mod n)``. Candidates with the same partition of the rows are listed once.
* **inequalities**: ``|X| <= a Y + b`` with ``a`` in {1, 2} and ``b`` the smallest integer valid on
  the training rows; kept when ``b <= 0`` (a bound that is tight somewhere, not a padded one).

Every candidate is then checked on the held-out rows and on random knots (``spherogram.random_link``,
invariants from their PD codes). Candidates over kernel invariants that hold on the whole table are
exported as Coq theorems ``forall K, In K knot_table -> R K`` where ``knot_table`` lists the PD codes
and ``R`` computes the invariants with ``KnotCert.Invariants`` (:mod:`.exact_coq`), proved by
``vm_compute``; the kernel's verdict and ``Print Assumptions`` are recorded.

The target rediscovery: ``sigma = 0 (mod 4) <-> det = 1 (mod 4)``. Why it is true: with Conway's
normalisation ``Delta(t) = nabla(t^(1/2) - t^(-1/2))`` and ``nabla(z) = 1 + a_2 z^2 + ...``, so
``Delta(-1) = nabla(2i) = 1 - 4 a_2 + 16 a_4 - ... = 1 (mod 4)``, and ``Delta(-1) = (-1)^(sigma/2) det``
(the sign of ``Delta(-1)`` is ``(-1)^(sigma/2)``), hence ``det = (-1)^(sigma/2) (mod 4)``.
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import PybridgeError
from .exact_coq import COQ_TERMS

KERNEL = ("signature", "determinant", "writhe", "crossings", "fox3", "fox5", "fox7")
DATA_ONLY = {"braid_index": "braid_index", "three_genus": "three_genus", "tau": "ozsvath_szabo_tau_invariant"}
MODULI = (2, 3, 4, 5, 7, 8, 9, 25, 49)
MIN_SUPPORT = 0.05


# -- data -------------------------------------------------------------------------------------------


def _int_or_nan(text: str) -> float:
    try:
        return float(int(str(text).strip()))
    except ValueError:
        return math.nan


def table_rows(max_crossings: int = 12, progress=None) -> list[dict]:
    """KnotInfo knots with 1..``max_crossings`` crossings: name, Knot Atlas PD code, the kernel
    invariants computed from it (Python mirror of Invariants.v), and the data-only KnotInfo columns."""
    from ..knots.catalog import iter_knotinfo
    from ..knots.exact_invariants import exact_invariants
    from ..knots.pd_convention import to_knot_atlas

    rows = []
    for number, info in enumerate(iter_knotinfo(max_crossings, 1)):
        pd = [tuple(c) for c in to_knot_atlas(json.loads(info["pd_notation"]))[0]]
        row = {"name": info["name"], "pd": pd, **exact_invariants(pd)}
        row.update({key: _int_or_nan(info[column]) for key, column in DATA_ONLY.items()})
        rows.append(row)
        if progress and number % 500 == 0:
            progress(f"exact invariants: {number} knots")
    return rows


def random_rows(n: int, seed: int = 0, min_crossings: int = 15, max_crossings: int = 40) -> list[dict]:
    """``n`` random knot diagrams (``spherogram.random_link``, one component, simplified) with
    ``min_crossings``..``max_crossings`` crossings and their kernel invariants (Python mirror)."""
    import spherogram

    from ..knots.exact_invariants import exact_invariants
    from ..knots.pd_convention import to_knot_atlas

    random.seed(seed)
    rows, tries = [], 0
    while len(rows) < n:
        tries += 1
        if tries > 100 * n:
            raise PybridgeError(f"could not draw {n} random knots in {tries} attempts")
        link = spherogram.random_link(2 * random.randint(min_crossings, max_crossings), num_components=1,
                                      alternating=False, simplify="basic")
        if not min_crossings <= len(link.crossings) <= max_crossings:
            continue
        pd = to_knot_atlas([[x + 1 for x in c] for c in link.PD_code()])[0]
        rows.append({"name": f"random_{seed}_{len(rows)}", "pd": pd, **exact_invariants(pd)})
    return rows


def column(rows: list[dict], name: str) -> np.ndarray:
    return np.array([float(r.get(name, math.nan)) for r in rows])


# -- relations --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Congruence:
    """The atom ``X = r (mod m)`` (``mod`` with a non-negative result, as Coq's ``Z.modulo``)."""

    invariant: str
    modulus: int
    residue: int

    def holds(self, rows: list[dict]) -> np.ndarray:
        return np.mod(column(rows, self.invariant), self.modulus) == self.residue

    def text(self) -> str:
        return f"{self.invariant} = {self.residue} (mod {self.modulus})"

    def coq_bool(self, env=COQ_TERMS) -> str:
        return f"Z.eqb (({env[self.invariant]}) mod {self.modulus}) {self.residue}"

    def coq_prop(self, env=COQ_TERMS) -> str:
        return f"({env[self.invariant]}) mod {self.modulus} = {self.residue}"


@dataclass(frozen=True)
class Equivalence:
    """``A <-> B`` for two congruence atoms."""

    left: Congruence
    right: Congruence

    @property
    def invariants(self) -> tuple[str, ...]:
        return (self.left.invariant, self.right.invariant)

    def holds(self, rows: list[dict]) -> np.ndarray:
        return self.left.holds(rows) == self.right.holds(rows)

    def text(self) -> str:
        return f"{self.left.text()} <-> {self.right.text()}"

    def coq_bool(self, env=COQ_TERMS) -> str:
        return f"Bool.eqb ({self.left.coq_bool(env)}) ({self.right.coq_bool(env)})"

    def coq_prop(self, env=COQ_TERMS) -> str:
        return f"({self.left.coq_prop(env)} <-> {self.right.coq_prop(env)})"


@dataclass(frozen=True)
class AbsBound:
    """``|X| <= a Y + b``."""

    x: str
    a: int
    y: str
    b: int

    @property
    def invariants(self) -> tuple[str, ...]:
        return (self.x, self.y)

    def holds(self, rows: list[dict]) -> np.ndarray:
        x, y = column(rows, self.x), column(rows, self.y)
        return np.abs(x) <= self.a * y + self.b

    def text(self) -> str:
        rhs = f"{self.a} * {self.y}" if self.a != 1 else self.y
        return f"|{self.x}| <= {rhs} {'+' if self.b >= 0 else '-'} {abs(self.b)}"

    def coq_bool(self, env=COQ_TERMS) -> str:
        return f"Z.leb (Z.abs ({env[self.x]})) ({self.a} * ({env[self.y]}) + ({self.b}))"

    def coq_prop(self, env=COQ_TERMS) -> str:
        return f"Z.abs ({env[self.x]}) <= {self.a} * ({env[self.y]}) + ({self.b})"


def kernel_checkable(relation) -> bool:
    """Whether every invariant of ``relation`` is computed by ``KnotCert.Invariants``."""
    return all(name in KERNEL for name in relation.invariants)


def congruence_search(rows: list[dict], invariants=KERNEL, moduli=MODULI, min_support=MIN_SUPPORT) -> list[Equivalence]:
    """Equivalences between congruence atoms of different invariants that hold on every row of
    ``rows`` (module docstring), simplest moduli first, one per partition of the rows."""
    atoms = []
    for name in invariants:
        values = column(rows, name)
        if not np.all(np.isfinite(values)):
            continue
        for m in moduli:
            residues = np.mod(values, m)
            for r in sorted(set(residues.astype(int).tolist())):
                support = float(np.mean(residues == r))
                if min_support <= support <= 1 - min_support:
                    atoms.append((Congruence(name, m, r), residues == r))
    found, seen = [], set()
    for i, (a, va) in enumerate(atoms):
        for b, vb in atoms[i + 1:]:
            if a.invariant == b.invariant or not np.array_equal(va, vb):
                continue
            key = (a.invariant, b.invariant, va.tobytes())
            complement = (a.invariant, b.invariant, (~va).tobytes())
            if key in seen or complement in seen:
                continue
            seen.add(key)
            found.append(Equivalence(a, b))
    return sorted(found, key=lambda e: (e.left.modulus * e.right.modulus, KERNEL.index(e.left.invariant)
                                        if e.left.invariant in KERNEL else 99))


def inequality_search(rows: list[dict], xs=("signature", "writhe", "tau"), ys=None) -> list[AbsBound]:
    """``|X| <= a Y + b`` with the smallest ``b`` valid on ``rows``, kept when ``b <= 0``."""
    ys = ys or [name for name in KERNEL + tuple(DATA_ONLY) if name not in ("fox3", "fox5", "fox7")]
    found = []
    for x in xs:
        for y in ys:
            if x == y:
                continue
            xv, yv = column(rows, x), column(rows, y)
            ok = np.isfinite(xv) & np.isfinite(yv)
            if ok.sum() < 10:
                continue
            for a in (1, 2):
                b = int(np.max(np.abs(xv[ok]) - a * yv[ok]))
                if b <= 0:
                    found.append(AbsBound(x, a, y, b))
                    break
    return found


def violations(relation, rows: list[dict]) -> list[str]:
    """Names of the rows (with finite values) on which ``relation`` fails."""
    finite = np.all([np.isfinite(column(rows, n)) for n in relation.invariants], axis=0)
    bad = finite & ~relation.holds(rows)
    return [r["name"] for r, flag in zip(rows, bad) if flag]


# -- saliency and symbolic regression ---------------------------------------------------------------

RESIDUE_FEATURES = [("determinant", 3), ("determinant", 4), ("determinant", 5), ("determinant", 8),
                    ("writhe", 4), ("crossings", 4), ("fox3", 4)]


def residue_features(rows: list[dict]) -> tuple[np.ndarray, list[str]]:
    """Features for the classifier: every kernel invariant (not the signature) and residues of some."""
    names = [n for n in KERNEL if n != "signature"]
    cols = [column(rows, n) for n in names]
    for name, m in RESIDUE_FEATURES:
        names.append(f"{name}_mod{m}")
        cols.append(np.mod(column(rows, name), m))
    return np.column_stack(cols), names


def saliency_study(rows: list[dict], seed: int, max_epochs: int) -> dict:
    """Classifier for ``signature mod 4`` from the other invariants; gradient saliency ranking."""
    import torch

    from . import model, saliency

    torch.set_num_threads(1)
    x, names = residue_features(rows)
    y = np.mod(column(rows, "signature"), 4)
    trained = model.train_classifier(x, y, names, seed=seed, max_epochs=max_epochs)
    lookup = {v: i for i, v in enumerate(trained.classes)}
    scores = saliency.saliency(trained.network, trained.standardise(x), np.array([lookup.get(v, 0) for v in y]))
    return {"target": "signature mod 4", "accuracy": trained.test_accuracy,
            "saliency": saliency.ranking(names, scores)}


def symbolic_study(rows: list[dict], seed: int) -> dict:
    """gplearn regression of ``|signature|`` on crossings, determinant, writhe (R^2 train / held out)."""
    from .relations import symbolic_fit

    features = ["crossings", "determinant", "writhe"]
    x = np.column_stack([column(rows, n) for n in features])
    y = np.abs(column(rows, "signature"))
    fit = symbolic_fit(x, y, features, seed=seed, generations=8, population=300)
    return {"target": "|signature|", "program": fit.program, "r2_train": fit.r2_train, "r2_test": fit.r2_test}


# -- the whole run ----------------------------------------------------------------------------------


def split(n: int, seed: int, train_fraction: float = 0.7) -> tuple[list[int], list[int]]:
    order = np.random.default_rng(seed).permutation(n).tolist()
    cut = int(train_fraction * n)
    return sorted(order[:cut]), sorted(order[cut:])


def exact_study(out: Path, max_crossings: int = 12, seed: int = 0, random_n: int = 40, max_epochs: int = 40,
                symbolic: bool = True, coq: bool = True, coq_dir: Path | None = None, lean_dir: Path | None = None,
                chunk: int = 100, progress=print) -> dict:
    """Run the search, the checks and the export; write ``report.md`` and ``results.json`` into ``out``."""
    from . import exact_coq

    out.mkdir(parents=True, exist_ok=True)
    timings = {}
    start = time.perf_counter()
    rows = table_rows(max_crossings, progress=progress)
    timings["table_s"] = time.perf_counter() - start
    train_idx, held_idx = split(len(rows), seed)
    train, held = [rows[i] for i in train_idx], [rows[i] for i in held_idx]
    progress(f"{len(rows)} knots: {len(train)} training, {len(held)} held out; searching")
    candidates = congruence_search(train) + inequality_search(train)
    start = time.perf_counter()
    rand = random_rows(random_n, seed=seed) if random_n else []
    timings["random_s"] = time.perf_counter() - start
    results = []
    for relation in candidates:
        entry = {"relation": relation.text(), "kernel": kernel_checkable(relation),
                 "training_violations": len(violations(relation, train)),
                 "held_out_violations": violations(relation, held),
                 "table_violations": violations(relation, rows),
                 "random_violations": violations(relation, rand) if kernel_checkable(relation) else None}
        results.append((relation, entry))
    exported = [rel for rel, e in results if e["kernel"] and not e["table_violations"]
                and not e["random_violations"]]
    summary = {"knots": len(rows), "max_crossings": max_crossings, "train": len(train), "held_out": len(held),
               "random_knots": len(rand), "seed": seed, "candidates": [e for _, e in results],
               "exported": [r.text() for r in exported]}
    target = Equivalence(Congruence("signature", 4, 0), Congruence("determinant", 4, 1))
    summary["rediscovered_sigma_det_mod4"] = any(r == target for r, _ in results)
    if max_epochs:
        start = time.perf_counter()
        summary["saliency"] = saliency_study(rows, seed, max_epochs)
        timings["saliency_s"] = time.perf_counter() - start
    if symbolic:
        start = time.perf_counter()
        summary["symbolic"] = symbolic_study(train, seed)
        timings["symbolic_s"] = time.perf_counter() - start
    coq_dir = coq_dir or out / "statements" / "coq"
    if exported:
        text = exact_coq.render_table_theorems("exact_relation", [r["pd"] for r in rows],
                                               [r["name"] for r in rows], exported, size=chunk)
        coq_dir.mkdir(parents=True, exist_ok=True)
        path = coq_dir / "ExactRelations.v"
        path.write_text(text, encoding="ascii")
        summary["coq_file"] = str(path)
        lean_dir = lean_dir or out / "statements" / "lean"
        lean_dir.mkdir(parents=True, exist_ok=True)
        lean_path = lean_dir / "ExactRelations.lean"
        lean_path.write_text(exact_coq.render_lean_table_theorems("exact_relation", [r["pd"] for r in rows], exported),
                             encoding="utf-8")
        summary["lean_file"] = str(lean_path)
        summary["theorems"] = [{"name": f"exact_relation_{i}", "statement":
                                f"forall K, In K knot_table -> {rel.coq_prop()}",
                                "relation": rel.text()} for i, rel in enumerate(exported)]
        if coq:
            progress(f"coqc: {len(exported)} theorem(s) over {len(rows)} PD codes")
            ok, verdict, seconds = exact_coq.check_table_theorems(text, "ExactRelations", len(exported))
            summary["coq"] = {"valid": ok, "verdict": verdict, "seconds": seconds}
            timings["coq_s"] = seconds
    summary["timings"] = timings
    (out / "results.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    (out / "report.md").write_text(markdown(summary))
    return summary


def markdown(s: dict) -> str:
    lines = [f"# Exact conjectures over {s['knots']} KnotInfo knots (1..{s['max_crossings']} crossings)", "",
             f"Training split {s['train']}, held out {s['held_out']}, random knots {s['random_knots']} "
             f"(seed {s['seed']}). Invariants computed from the PD codes (pybridge.knots.exact_invariants = "
             "KnotCert.Invariants); braid_index, three_genus, tau are KnotInfo data only.", "",
             "| candidate (found on the training split) | kernel | held-out violations | table violations | random violations |",
             "|---|---|---|---|---|"]
    for e in s["candidates"]:
        rv = "-" if e["random_violations"] is None else len(e["random_violations"])
        lines.append(f"| {e['relation']} | {'yes' if e['kernel'] else 'data only'} | {len(e['held_out_violations'])} "
                     f"| {len(e['table_violations'])} | {rv} |")
    lines += ["", f"sigma = 0 (mod 4) <-> det = 1 (mod 4) rediscovered: {s['rediscovered_sigma_det_mod4']}", ""]
    if "saliency" in s:
        sal = s["saliency"]
        lines += [f"Saliency ({sal['target']}, test accuracy {sal['accuracy']:.4f}): " +
                  ", ".join(f"{n} {v:.3g}" for n, v in sal["saliency"][:5]), ""]
    if "symbolic" in s:
        sy = s["symbolic"]
        lines += [f"Symbolic regression of {sy['target']}: `{sy['program']}` (R^2 train {sy['r2_train']:.3f}, "
                  f"held out {sy['r2_test']:.3f})", ""]
    if s.get("theorems"):
        lines += ["Exported (Coq, `forall K, In K knot_table -> R K`, invariants computed by the kernel):", ""]
        lines += [f"- `{t['name']}`: {t['relation']}" for t in s["theorems"]]
        if "coq" in s:
            lines += ["", f"Coq verdict: {s['coq']['verdict']} ({s['coq']['seconds']:.1f} s)"]
    return "\n".join(lines) + "\n"


# -- one relation for the main job, its verdict kept in the ledger ----------------------------------

LEDGER_BATCH = "conjecture-exact"


def record_verdicts(ledger_path: Path, summary: dict) -> None:
    """Record each exported theorem and Coq's verdict as a job of batch :data:`LEDGER_BATCH` in the ledger."""
    from ..certs.ledger import Ledger

    theorems = summary.get("theorems", [])
    coq = summary.get("coq")
    with Ledger(ledger_path) as ledger:
        ledger.queue_jobs(LEDGER_BATCH, [(t["name"], "table-theorem", {"relation": t["relation"], "statement":
                                          t["statement"], "knots": summary["knots"]}) for t in theorems])
        for t in theorems:
            result = {"kernel": "coq", "verdict": ("valid" if coq["valid"] else "invalid") if coq else "skipped",
                      "message": coq["verdict"] if coq else "coqc not run", "seconds": round(coq["seconds"], 2) if coq else 0,
                      "relation": t["relation"], "knots": summary["knots"]}
            ledger.finish_job(LEDGER_BATCH, t["name"], "done", result)


def ledger_verdicts(ledger_path: Path) -> list[dict]:
    """The recorded table theorems of :data:`LEDGER_BATCH` with their verdicts (``result`` decoded)."""
    from ..certs.ledger import Ledger

    with Ledger(ledger_path) as ledger:
        rows = ledger.jobs(LEDGER_BATCH)
    return [{"theorem": row["job_key"], **json.loads(row["result"] or "{}")} for row in rows]


def table_relation(out: Path, max_crossings: int, seed: int, ledger_path: Path, chunk: int = 100) -> dict:
    """For ``pybridge run``: search the congruences on the training split of the KnotInfo table up to
    ``max_crossings`` crossings, take ``sigma = 0 (mod 4) <-> det = 1 (mod 4)`` if it was found (else
    the first kernel-checkable equivalence valid on the whole table), prove it over the table with
    Coq, record the verdict in the ledger and return what the ledger holds for it."""
    from . import exact_coq

    rows = table_rows(max_crossings)
    train_idx, held_idx = split(len(rows), seed)
    found = congruence_search([rows[i] for i in train_idx])
    target = Equivalence(Congruence("signature", 4, 0), Congruence("determinant", 4, 1))
    valid = [r for r in found if kernel_checkable(r) and not violations(r, rows)]
    if not valid:
        raise PybridgeError(f"no congruence found on the {len(train_idx)} training knots holds on the whole table")
    relation = target if target in valid else valid[0]
    held = [rows[i] for i in held_idx]
    text = exact_coq.render_table_theorems("exact_relation", [r["pd"] for r in rows], [r["name"] for r in rows],
                                           [relation], size=chunk)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "ExactRelation.v"
    path.write_text(text, encoding="ascii")
    ok, verdict, seconds = exact_coq.check_table_theorems(text, "ExactRelation", 1)
    summary = {"knots": len(rows), "theorems": [{"name": "exact_relation_0", "relation": relation.text(),
                                                 "statement": f"forall K, In K knot_table -> {relation.coq_prop()}"}],
               "coq": {"valid": ok, "verdict": verdict, "seconds": seconds}}
    record_verdicts(ledger_path, summary)
    recorded = [v for v in ledger_verdicts(ledger_path) if v["theorem"] == "exact_relation_0"]
    return {"relation": relation.text(), "rediscovered": relation == target, "candidates": [r.text() for r in found],
            "held_out_violations": len(violations(relation, held)), "knots": len(rows), "coq_file": str(path),
            "statement": summary["theorems"][0]["statement"], "ledger": recorded[0] if recorded else None}
