"""Certify the classic hard unknot diagrams and re-check each certificate with Python and Coq.

Usage: python scripts/hard_unknots.py [--budget-s 120] [--out bench-out/hard-unknots] [--no-coq]

For each diagram of :mod:`pybridge.knots.hard_unknots` (Gordian, monster, Goeritz, Thistlethwaite,
Ochiai I–IV, culprit, Burton et al.'s D28/D43/D78) runs ``pybridge unknot NAME`` with the default PD
agent (``global``) and the baseline (``basic``), and spherogram's ``simplify('global')`` as a
reference without certificate, writes the certificates, re-checks them with the
trusted Python checker and with Coq, and writes ``results.csv`` and ``summary.md``: crossings,
certified or not, certificate length, search seconds, Python and Coq verdicts and seconds.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from rich.progress import track

from pybridge.certs import check_certificate, write_certificate
from pybridge.errors import PybridgeError
from pybridge.knots import parse_spec
from pybridge.knots.hard_unknots import HARD_UNKNOTS
from pybridge.unknot.certify import certify_unknot_pd


def certify(name: str, agent: str, budget_s: float, out: Path) -> dict:
    knot = parse_spec(name)
    row = {"name": name, "crossings": knot.pd.crossing_count, "agent": agent, "certified": False, "steps": "",
           "search_s": "", "python": "", "python_s": "", "coq": "", "coq_s": "", "certificate": ""}
    try:
        certified = certify_unknot_pd(knot, budget_s, 0, agent)
    except PybridgeError as exc:
        row["python"] = str(exc).splitlines()[0]
        return row
    cert = certified.certificate
    start = time.monotonic()
    verdict = check_certificate(cert)
    row.update(certified=True, steps=len(cert.steps), search_s=round(certified.seconds, 2),
               python="valid" if verdict.valid else str(verdict), python_s=round(time.monotonic() - start, 3),
               certificate=str(write_certificate(cert, out / "certs" / agent)))
    return row


def snappy_row(name: str) -> dict:
    """spherogram's ``simplify('global')`` on the same diagram (a reference without certificate)."""
    from pybridge.knots.convert import pd_to_link

    knot = parse_spec(name)
    start = time.monotonic()
    link = pd_to_link(knot.pd)
    link.simplify("global")
    return {"name": name, "crossings": knot.pd.crossing_count, "agent": "snappy-global",
            "certified": False, "steps": "", "search_s": round(time.monotonic() - start, 2),
            "python": f"{len(link.crossings)} crossings left (no certificate)", "python_s": "", "coq": "",
            "coq_s": "", "certificate": ""}


def coq_check(rows: list[dict]) -> None:
    """One Coq run over all written certificates; fills ``coq`` and ``coq_s`` per row."""
    from pybridge.certs import read_certificate
    from pybridge.prover.coq import check_with_coq

    written = [row for row in rows if row["certificate"]]
    if written:  # compile the Coq library once, so that the times below are per certificate
        check_with_coq([read_certificate(written[0]["certificate"])])
    for row in written:
        start = time.monotonic()
        result = check_with_coq([read_certificate(row["certificate"])])[0]
        row.update(coq="valid" if result.valid else "REJECTED", coq_s=round(time.monotonic() - start, 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget-s", type=float, default=120.0)
    parser.add_argument("--out", default="bench-out/hard-unknots")
    parser.add_argument("--no-coq", action="store_true")
    parser.add_argument("--agents", default="global,basic")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(name, agent) for name in HARD_UNKNOTS for agent in args.agents.split(",")]
    rows = [certify(name, agent, args.budget_s, out) for name, agent in track(jobs, description="certifying")]
    rows += [snappy_row(name) for name in HARD_UNKNOTS]
    if not args.no_coq:
        coq_check(rows)
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    lines = ["| diagram | crossings | agent | certified | steps | search s | Python | Coq | Coq s |",
             "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['name']} | {r['crossings']} | {r['agent']} | {'yes' if r['certified'] else 'no'} | "
              f"{r['steps']} | {r['search_s']} | {r['python'] if r['certified'] or not r['coq'] else '—'} | {r['coq'] or '—'} | "
              f"{r['coq_s']} |" for r in rows]
    text = (f"# Classic hard unknots (budget {args.budget_s:g} s per diagram and agent)\n\n" + "\n".join(lines)
            + "\n\nCoq s: one `check --kernel coq` of that certificate on a compiled library.\n")
    (out / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
