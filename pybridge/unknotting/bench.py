"""``pybridge bench unknotting``: certified unknotting numbers against KnotInfo (issue 20).

Two sets of KnotInfo knots (``unknotting_number`` column):

* ``exact`` — u(K) is known. Success = the certificate's upper bound equals KnotInfo's value.
* ``interval`` — KnotInfo lists ``[a, b]``. A certified bound below ``b`` improves the table; a lower bound
  above ``a`` would too. Such knots are listed in ``discoveries.md`` (certificate path, verdicts).

Per knot: the lower bounds of :mod:`pybridge.knots.unknotting_bounds`, the search of
:mod:`pybridge.unknotting.search` with ``--budget-s``, the certificate written under ``DIR/certs`` and
re-checked *from disk* by the trusted checker; a sample (``--coq-sample``) is re-checked by Coq.
Every lower bound is also compared with KnotInfo: a bound above a known u (or above an interval's top)
would be a bug and is counted in the summary (``bound_conflicts``).

Outputs: ``results.csv``, ``summary.md``, ``plot.png``, ``discoveries.md``, ``certs/``.
"""

from __future__ import annotations

import csv
import json
import random
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.progress import Progress

SETS = ("exact", "interval", "all")


@dataclass
class Row:
    name: str
    crossings: int
    knotinfo_u: str
    known_low: int
    known_high: int
    lower: int
    lower_by: str
    upper: int | None
    exact_match: bool
    improves_top: bool
    improves_bottom: bool
    bound_conflict: bool
    seconds: float
    steps: int
    certificate: str
    rechecked: bool | None
    coq: str


def parse_u(text: str) -> tuple[int, int] | None:
    """KnotInfo's ``unknotting_number``: ``'2'`` -> (2, 2), ``'[2,3]'`` -> (2, 3); ``None`` if empty."""
    text = (text or "").strip()
    if not text:
        return None
    if text.startswith("["):
        low, high = json.loads(text)
        return int(low), int(high)
    return int(text), int(text)


def knot_set(set_name: str, max_crossings: int, count: int | None, seed: int, names: list[str] | None = None) -> list[dict]:
    """The KnotInfo rows of the set; with ``count``, at most that many per crossing number (seeded draw)."""
    from ..knots.catalog import iter_knotinfo, knotinfo_row

    if names:
        return [knotinfo_row(name) for name in names]
    rows = []
    for row in iter_knotinfo(max_crossings, 3):
        u = parse_u(row.get("unknotting_number", ""))
        if u is None:
            continue
        exact = u[0] == u[1]
        if set_name == "all" or (set_name == "exact") == exact:
            rows.append(row)
    if count is None:
        return rows
    rng = random.Random(seed)
    buckets: dict[int, list[dict]] = {}
    for row in rows:
        buckets.setdefault(int(row["crossing_number"]), []).append(row)
    drawn = []
    for n in sorted(buckets):
        bucket = buckets[n]
        drawn += bucket if len(bucket) <= count else sorted(rng.sample(bucket, count), key=lambda r: rows.index(r))
    return drawn


def bench_one(row: dict, budget_s: float, seed: int, cert_dir: Path, agent: str) -> Row:
    """Bounds, search and certificate for one KnotInfo knot."""
    from ..certs.checker import check_file
    from ..certs.io import write_certificate
    from ..knots.spec import parse_spec
    from ..knots.unknotting_bounds import lower_bounds
    from .certify import UnknottingNotFoundError, certify_unknotting, start_state

    name = row["name"]
    low, high = parse_u(row["unknotting_number"])
    knot = parse_spec(name)
    bounds = lower_bounds(start_state(knot).crossings)
    best = bounds.best
    upper, seconds, steps, path, rechecked = None, budget_s, 0, "", None
    try:
        # stop once KnotInfo's value (exact set) or its lower end (interval set) is reached: below it nothing
        # can be found, so the rest of the budget would be spent in vain
        result = certify_unknotting(knot, agent=agent, budget_s=budget_s, seed=seed, bounds=bounds, stop_at=low)
        upper, seconds, steps = result.upper, result.seconds, len(result.certificate.steps)
        written = write_certificate(result.certificate, cert_dir)
        path, rechecked = str(written), check_file(written).valid
    except UnknottingNotFoundError:
        pass
    conflict = bounds.value > high or (upper is not None and upper < low)
    return Row(name, int(row["crossing_number"]), row["unknotting_number"], low, high, bounds.value,
               best.name if best and best.value else "", upper, upper is not None and low == high == upper,
               upper is not None and upper < high, bounds.value > low, conflict, round(seconds, 3), steps, path,
               rechecked, "")


def run(out_dir, set_name: str = "exact", max_crossings: int = 12, count: int | None = None, budget_s: float = 20.0,
        seed: int = 0, coq_sample: int = 20, agent: str = "ranked", names: list[str] | None = None) -> list[Row]:
    """Run the benchmark; write ``results.csv``, ``summary.md``, ``plot.png``, ``discoveries.md``."""
    out = Path(out_dir)
    cert_dir = out / "certs"
    cert_dir.mkdir(parents=True, exist_ok=True)
    rows = knot_set(set_name, max_crossings, count, seed, names)
    results: list[Row] = []
    with Progress() as progress:
        task = progress.add_task(f"bench unknotting --set {set_name}", total=len(rows))
        for row in rows:
            results.append(bench_one(row, budget_s, seed, cert_dir, agent))
            progress.advance(task)
    coq_line = coq_recheck(results, coq_sample, seed)
    write_outputs(out, results, set_name, budget_s, coq_line)
    return results


def coq_recheck(results: list[Row], sample: int, seed: int) -> str:
    """Re-check a seeded sample of the written certificates with Coq; fills ``Row.coq``."""
    if sample <= 0:
        return "Coq: not run (--coq-sample 0)"
    from ..certs.io import read_certificate
    from ..errors import PybridgeError
    from ..prover.coq import check_with_coq

    written = [r for r in results if r.certificate]
    chosen = random.Random(seed).sample(written, min(sample, len(written)))
    if not chosen:
        return "Coq: no certificate to check"
    try:
        verdicts = check_with_coq([read_certificate(r.certificate) for r in chosen], jobs=1)
    except PybridgeError as exc:
        for r in chosen:
            r.coq = "not run"
        return f"Coq: not run ({str(exc).splitlines()[0][:200]})"
    valid = 0
    for r, verdict in zip(chosen, verdicts):
        r.coq = "valid" if verdict.valid else f"invalid: {verdict.reason[:80]}"
        valid += verdict.valid
    return f"Coq re-check of a sample: {valid}/{len(chosen)} valid"


def _median(values) -> float:
    values = list(values)
    return round(statistics.median(values), 3) if values else float("nan")


def write_outputs(out: Path, results: list[Row], set_name: str, budget_s: float, coq_line: str) -> None:
    if not results:
        (out / "summary.md").write_text("No knots in the set.\n")
        return
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(results[0])))
        writer.writeheader()
        writer.writerows(asdict(r) for r in results)
    lines = [f"# bench unknotting --set {set_name} (budget {budget_s:g} s per knot)", "",
             "| crossings | knots | certified | upper = KnotInfo u (exact set) | interval top improved | "
             "exact by a lower bound | median s (certified) |", "|---|---|---|---|---|---|---|"]
    for n in sorted({r.crossings for r in results}):
        group = [r for r in results if r.crossings == n]
        exact = [r for r in group if r.known_low == r.known_high]
        lines.append(f"| {n} | {len(group)} | {sum(r.upper is not None for r in group)} | "
                     f"{sum(r.exact_match for r in exact)}/{len(exact)} | "
                     f"{sum(r.improves_top for r in group)}/{len(group) - len(exact)} | "
                     f"{sum(r.upper is not None and r.upper == r.lower for r in group)} | "
                     f"{_median(r.seconds for r in group if r.upper is not None)} |")
    exact_all = [r for r in results if r.known_low == r.known_high]
    lines += ["", f"Total: {len(results)} knots, {sum(r.upper is not None for r in results)} certified; "
              f"exact set: {sum(r.exact_match for r in exact_all)}/{len(exact_all)} certified at KnotInfo's value; "
              f"median {_median(r.seconds for r in results if r.upper is not None)} s.",
              f"Certificates re-checked from disk by the trusted checker: "
              f"{sum(bool(r.rechecked) for r in results)}/{sum(bool(r.certificate) for r in results)} valid.",
              coq_line,
              f"bound_conflicts (a lower bound above KnotInfo's u or interval top, or a certificate below KnotInfo's "
              f"lower end; each would be a bug): {sum(r.bound_conflict for r in results)}.",
              f"Lower bound met by: " + ", ".join(f"{name} {count}" for name, count in sorted(
                  {r.lower_by: sum(x.lower_by == r.lower_by and x.upper == x.lower for x in results)
                   for r in results if r.lower_by}.items()))]
    (out / "summary.md").write_text("\n".join(lines) + "\n")
    improved = [r for r in results if r.improves_top or r.improves_bottom]
    disc = ["# Candidate improvements of KnotInfo's unknotting-number intervals", ""]
    if improved:
        disc += ["| knot | KnotInfo | certified upper | lower bound | certificate | Python | Coq |", "|---|---|---|---|---|---|---|"]
        disc += [f"| {r.name} | {r.knotinfo_u} | {r.upper} | {r.lower} ({r.lower_by}) | {r.certificate} | "
                 f"{'valid' if r.rechecked else '—'} | {r.coq or 'not in the sample'} |" for r in improved]
    else:
        disc.append(f"None in this run: no certified bound below an interval's top and no lower bound above its bottom "
                    f"({sum(r.known_low != r.known_high for r in results)} interval knots).")
    (out / "discoveries.md").write_text("\n".join(disc) + "\n")
    plot(out / "plot.png", results)


def plot(path: Path, results: list[Row]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = sorted({r.crossings for r in results})
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    share = [sum(r.upper is not None and (r.exact_match or r.known_low != r.known_high) for r in results
                 if r.crossings == n) / max(1, sum(r.crossings == n for r in results)) for n in ns]
    left.bar(ns, share, color="tab:blue")
    left.set_xlabel("crossing number")
    left.set_ylabel("share certified (exact set: at KnotInfo's u)")
    left.set_ylim(0, 1.05)
    times = [r.seconds for r in results if r.upper is not None]
    right.hist(times, bins=30, color="tab:green")
    right.set_xlabel("seconds per certified knot")
    right.set_ylabel("knots")
    fig.suptitle("pybridge bench unknotting")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
