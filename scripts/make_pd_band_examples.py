#!/usr/bin/env python
"""Write PD-calculus ribbon certificates built from spherogram bands into ``certs/examples/`` (deterministic).

For each knot, spherogram's ribbon search (``spherogram.links.bands.search.ribbon_concordant_links``,
Dunfield–Gong; one band, at most 2 half twists, with the module-level ``random`` seeded) finds a band on
KnotInfo's diagram; :func:`pybridge.moves.bands.ribbon_certificate_from_bands` compiles it into finger
moves, at most one kink and one ``band`` step, then simplifies to the 2-component unlink. Before
writing, regina independently confirms that the link right after the band is the 2-component unlink
(``simplify`` / ``simplifyExhaustive`` reach 0 crossings); the trusted checker accepts the certificate and
accepts it again when re-read from disk.

The knots show the three shapes of a compiled band: 6_1 (one half twist: a kink and an untwisted band),
9_46 (a plain band), 10_99 (the band passes over an edge: a finger move over it) and 10_123 (the band
passes under an edge: that edge is pushed over the band's end).

Provenance holds only deterministic data (no wall-clock time). Files named like ours whose provenance
says this script wrote them and that this run did not produce are removed.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pybridge
from pybridge.certs import check_certificate, check_file, read_document, write_certificate
from pybridge.knots.catalog import knotinfo_pd
from pybridge.knots.convert import pd_to_link, pd_to_regina
from pybridge.moves.bands import as_band, compile_band, ribbon_certificate_from_bands, state_from_link

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "certs" / "examples"
GENERATOR = "scripts/make_pd_band_examples.py"
NAME = re.compile(r"^ribbon-[A-Za-z0-9_.-]+-[0-9a-f]{12}\.yaml$")
KNOTS = ["6_1", "9_46", "10_99", "10_123"]
SEED = 0


def regina_is_unlink(state, count: int) -> str | None:
    """regina: Reidemeister moves reach a crossing-free diagram with ``count`` components; how, or ``None``."""
    link = pd_to_regina(state.to_pdcode())
    if link.countComponents() != count:
        return None
    link.simplify()
    if link.size() == 0:
        return "regina Link.simplify -> 0 crossings"
    for height in (1, 2):
        link.simplifyExhaustive(height)
        if link.size() == 0:
            return f"regina Link.simplifyExhaustive({height}) -> 0 crossings"
    return None


def spherogram_band(knot) -> str:
    """The band spec spherogram's ribbon search finds on ``knot`` (one band to an unlink)."""
    from spherogram.links.bands.search import ribbon_concordant_links

    saved = random.getstate()
    random.seed(SEED)
    try:
        found = ribbon_concordant_links(knot, max_bands=1, max_twists=2, certify=True,
                                        filter_for_plausibly_slice=False, use_ribbon_link_cache=False)
    finally:
        random.setstate(saved)
    history = found.get("unknot") if isinstance(found, dict) else None
    if not history or history[-1] != "unknot" or history[0] != knot.PD_code():
        raise SystemExit(f"spherogram's ribbon search found no single band to the unlink on {knot}")
    return history[1]


def make(name: str):
    import spherogram

    knot = pd_to_link(knotinfo_pd(name))
    spec = spherogram_band(knot)
    steps, banded = compile_band(knot, spec)
    how = regina_is_unlink(banded, 2)
    if how is None:
        raise SystemExit(f"{name}: regina does not confirm that band {spec} gives the 2-component unlink")
    band = as_band(spec)
    provenance = {
        "agent": "spherogram-bands",
        "source": f"knotinfo:{name}",
        "bands": spec,
        "band_crossed_edges": len(band) - 2,
        "band_half_twists": band.num_twist,
        "band_steps": len(steps),
        "seed": SEED,
        "version": pybridge.__version__,
        "spherogram": spherogram.__version__,
        "independent_check": f"link after the band: {how}",
        "generator": GENERATOR,
    }
    cert = ribbon_certificate_from_bands(knot, [spec], provenance=provenance, seed=SEED)
    assert cert.input == state_from_link(knot).as_input()
    return cert, steps


def remove_stale(keep: set[Path]) -> list[Path]:
    removed = []
    for path in sorted(OUT.glob("*.yaml")):
        if path in keep or not NAME.match(path.name):
            continue
        try:
            document = read_document(path)
        except Exception:  # an unreadable file is not ours to delete
            continue
        provenance = document.get("provenance") if isinstance(document, dict) else None
        if isinstance(provenance, dict) and provenance.get("generator") == GENERATOR:
            path.unlink()
            removed.append(path)
    return removed


def main() -> int:
    written, ok = set(), True
    for name in KNOTS:
        cert, band_steps = make(name)
        verdict = check_certificate(cert)
        if not verdict.valid:
            print(f"REJECTED ribbon {name}: {verdict}", file=sys.stderr)
            ok = False
            continue
        path = write_certificate(cert, OUT)
        verdict = check_file(path)
        ok &= verdict.valid
        written.add(path)
        print(f"{'ok ' if verdict.valid else 'BAD'} {path.relative_to(ROOT)}  crossings={len(cert.input['pd'])} "
              f"band={cert.provenance['bands']} steps={len(cert.steps)}  band steps: "
              f"{' '.join(map(str, band_steps))}  [{cert.provenance['independent_check']}]")
    for path in remove_stale(written):
        print(f"removed stale {path.relative_to(ROOT)}")
    return 0 if ok and len(written) == len(KNOTS) else 1


if __name__ == "__main__":
    sys.exit(main())
