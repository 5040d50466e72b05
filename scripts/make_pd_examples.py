#!/usr/bin/env python
"""Write the planar-diagram (``calculus: pd``) unknot and unlink examples into ``certs/examples/``.

Deterministic: a rerun rewrites the same files. Each input diagram is first confirmed independently
with regina (unknot: the complement is a solid torus; unlink: the right number of components and
``simplifyExhaustive`` reaches no crossings), then certified by the recorded simplifier
(:func:`pybridge.moves.pd.simplify_recorded`), re-checked by the trusted checker and re-read from disk.
Exits non-zero if anything fails. Ribbon examples from spherogram bands are written by
``scripts/make_pd_band_examples.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import regina

import pybridge
from pybridge.certs import Certificate, check_certificate, check_file, read_document, write_certificate
from pybridge.knots import BraidWord, PDCode
from pybridge.knots.convert import braid_to_pd, pd_to_regina
from pybridge.moves.pd import PDState, replay, roughen, simplify_recorded
from pybridge.moves.scramble import scramble, unknot_instance

OUT = Path(__file__).resolve().parent.parent / "certs" / "examples"
GENERATOR = "scripts/make_pd_examples.py"
#: (letters, roughening moves, seed) of braid-scrambled unknot closures
UNKNOTS = [(20, 0, 1), (40, 0, 2), (60, 30, 3), (80, 40, 4), (100, 60, 5), (120, 80, 6)]
#: (components, scramble moves, seed) of unlink diagrams
UNLINKS = [(2, 40, 7), (3, 60, 8)]


def unknot_diagrams() -> list[tuple[str, PDState]]:
    """Freedman's monster (regina) and scrambled, roughened braid closures."""
    diagrams = [("regina:monster", PDState(tuple(tuple(c) for c in regina.ExampleLink.monster().pdData()), 0))]
    for letters, rough, seed in UNKNOTS:
        rng = random.Random(seed)
        braid, _ = unknot_instance(letters, rng, max_strands=8)
        state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
        state, _ = roughen(state, rough, rng)
        diagrams.append((f"construction:unknot-pd-{letters}-r{rough}", state))
    return diagrams


def unlink_diagrams() -> list[tuple[str, int, PDState]]:
    """Closures of scrambled trivial braids on k strands (the k-component unlink)."""
    found = []
    for components, moves, seed in UNLINKS:
        braid, _ = scramble(moves, random.Random(seed), max_strands=components + 3, components=components)
        pd = braid_to_pd(BraidWord(braid.strands, braid.word))
        found.append((f"construction:unlink-pd-k{components}", components, PDState.from_pd(pd)))
    return found


def regina_confirms(state: PDState, components: int) -> bool:
    link = pd_to_regina(PDCode(state.crossings, state.free))
    if components == 1:
        return bool(link.complement().isSolidTorus())
    link.simplifyExhaustive(2)
    return link.countComponents() == components and link.size() == 0


def certify(source: str, components: int, state: PDState) -> Certificate:
    if not regina_confirms(state, components):
        raise SystemExit(f"regina does not confirm {source} is the {components}-component unlink")
    steps = simplify_recorded(state, seed=0, time_limit_s=60)
    if replay(state, steps).crossings:
        raise SystemExit(f"the simplifier did not reduce {source}")
    kind = "unknot" if components == 1 else "unlink"
    provenance = {"agent": "pd-simplify", "source": source, "seed": 0, "version": pybridge.__version__,
                  "independent_check": "regina", "generator": GENERATOR}
    return Certificate.create(kind, "pd", state.as_input(), {"components": components}, steps, provenance)


def remove_stale(keep: set[Path]) -> None:
    for path in OUT.glob("*.yaml"):
        document = read_document(path)
        if path not in keep and isinstance(document, dict) and \
                (document.get("provenance") or {}).get("generator") == GENERATOR:
            path.unlink()
            print(f"removed stale {path.name}")


def main() -> int:
    certs = [certify(source, 1, state) for source, state in unknot_diagrams()]
    certs += [certify(source, k, state) for source, k, state in unlink_diagrams()]
    written = set()
    for cert in certs:
        if not check_certificate(cert).valid:
            print(f"REJECTED {cert.provenance['source']}", file=sys.stderr)
            return 1
        path = write_certificate(cert, OUT)
        if not check_file(path).valid:
            return 1
        written.add(path)
        print(f"ok {path.name}: {len(cert.input['pd'])} crossings, {len(cert.steps)} steps")
    remove_stale(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
