#!/usr/bin/env python
"""Write the ``unknotting`` examples into ``certs/examples/`` and their Lean modules (issue 20).

For each KnotInfo knot below, :func:`pybridge.unknotting.certify.certify_unknotting` (seed 0) finds an
unknotting sequence; the certificate (provenance without a timestamp) is checked by the trusted checker,
written, re-read from disk and re-checked, and its Lean module is written to ``lean/KnotCertGenerated``.
The certified upper bound must equal KnotInfo's unknotting number and a lower bound must meet it.
The search uses time limits, so a rerun may find a different (equally valid) sequence. Exits non-zero
if anything fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pybridge
from pybridge.certs import Certificate, check_certificate, check_file, write_certificate
from pybridge.export.lean import write_lean_exports
from pybridge.knots import parse_spec
from pybridge.knots.catalog import knotinfo_row
from pybridge.unknotting.certify import certify_unknotting

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "certs" / "examples"
#: 3_1: one change; 10_8: u = 2, not realised by changes in its minimal diagram (Bleiler 1984, Nakanishi 1983)
KNOTS = ("3_1", "10_8")


def main() -> int:
    for name in KNOTS:
        result = certify_unknotting(parse_spec(name), budget_s=60, seed=0)
        expected = int(knotinfo_row(name)["unknotting_number"])
        if result.upper != expected or not result.exact:
            print(f"{name}: certified {result.upper}, KnotInfo {expected}, lower bound {result.bounds.value}")
            return 1
        found = result.certificate
        cert = Certificate.create(found.kind, found.calculus, found.input, found.claim, found.steps,
                                  {"agent": found.provenance["agent"], "seed": 0, "version": pybridge.__version__,
                                   "source": f"knotinfo:{name}", "generator": "scripts/make_unknotting_examples.py"})
        if not check_certificate(cert).valid:
            print(f"{name}: the trusted checker rejects the certificate")
            return 1
        path = write_certificate(cert, OUT)
        if not check_file(path).valid:
            print(f"{path}: invalid when re-read")
            return 1
        write_lean_exports([cert], ROOT / "lean" / "KnotCertGenerated")
        print(f"{path}  u({name}) = {result.upper} ({result.bounds.best.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
