"""Coq computes signature, determinant, writhe and Fox 3-colourings of every KnotInfo knot.

    .venv/bin/python scripts/coq_invariants_table.py [--max-crossings 12] [--limit N] [--chunk 100]
                                                     [--json OUT.json]

For each KnotInfo knot with 1..MAX crossings the PD code (normalised to the Knot Atlas convention by
``pybridge.knots.pd_convention``) is written into one Coq file; ``KnotCert.Invariants`` computes the
invariants by ``vm_compute``, chunk by chunk, and the values are read back and compared with
KnotInfo's signature and determinant and with the Python mirror ``pybridge.knots.exact_invariants``
(all four invariants). Prints the agreement counts and the coqc wall time; exit 1 on any disagreement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-crossings", type=int, default=12)
    parser.add_argument("--limit", type=int, default=None, help="only the first N knots")
    parser.add_argument("--chunk", type=int, default=100, help="knots per vm_compute")
    parser.add_argument("--json", default=None, help="write the per-knot values here")
    parser.add_argument("--theories", default=None,
                        help="a compiled KnotCert theories directory to use instead of the verified library build")
    args = parser.parse_args(argv)

    from pybridge.conjecture.exact_coq import coq_evaluate, library_theories
    from pybridge.knots import exact_invariants as E
    from pybridge.knots.catalog import iter_knotinfo
    from pybridge.knots.pd_convention import to_knot_atlas

    rows = list(iter_knotinfo(args.max_crossings, 1))[: args.limit]
    names = [row["name"] for row in rows]
    pds = [to_knot_atlas(json.loads(row["pd_notation"]))[0] for row in rows]
    start = time.perf_counter()
    python = [E.exact_invariants(pd) for pd in pds]
    python_s = time.perf_counter() - start
    theories = Path(args.theories) if args.theories else library_theories()
    print(f"{len(rows)} KnotInfo knots with 1..{args.max_crossings} crossings; Python {python_s:.1f} s; "
          f"Coq library {theories}", flush=True)
    evaluation = coq_evaluate(pds, size=args.chunk, timeout_s=900, theories=theories)
    knotinfo_ok = coq_python_ok = 0
    bad = []
    for name, row, py, coq in zip(names, rows, python, evaluation.values):
        sigma, det, wr, fox3 = coq
        ki = (int(row["signature"]), int(row["determinant"]))
        agree_ki = (sigma, det) == ki
        agree_py = coq == (py["signature"], py["determinant"], py["writhe"], py["fox3"])
        knotinfo_ok += agree_ki
        coq_python_ok += agree_py
        if not (agree_ki and agree_py):
            bad.append((name, coq, ki, py))
    print(f"Coq (signature, determinant) = KnotInfo: {knotinfo_ok}/{len(rows)}")
    print(f"Coq (signature, determinant, writhe, fox3) = Python mirror: {coq_python_ok}/{len(rows)}")
    print(f"coqc wall time (library loaded, {len(rows)} codes in chunks of {args.chunk}): {evaluation.seconds:.1f} s")
    for item in bad[:10]:
        print("DISAGREE", item)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "knots": len(rows), "knotinfo_agree": knotinfo_ok, "python_agree": coq_python_ok,
            "coq_seconds": evaluation.seconds, "python_seconds": python_s,
            "values": {n: list(v) for n, v in zip(names, evaluation.values)}}, indent=1) + "\n")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
