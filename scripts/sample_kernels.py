"""Re-check a reproducible random sample of certificates with the Python checker and with Coq.

Usage: python scripts/sample_kernels.py [--count 200] [--seed 0]

The sample mixes braid unknot certificates (scrambled trivial braids of 5-300 moves), braid unlink
certificates (2-3 components), PD unknot certificates (braid closures roughened by random
Reidemeister moves, simplified by the recorded simplifier) and PD ribbon certificates with band moves
(small ribbon knots roughened by random Reidemeister moves, certified by the PD band search). Every certificate must be accepted by the
trusted Python checker and by Coq (compiled afresh, no stored verdicts). Prints the counts and times;
exits 1 if any certificate is rejected by either kernel.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from rich.progress import track

from pybridge.prover.bench import make_certificate
from pybridge.certs import Certificate, check_certificate
from pybridge.knots.braid import BraidWord
from pybridge.knots.convert import braid_to_pd
from pybridge.moves.pd import PDState, roughen, simplify_recorded
from pybridge.moves.scramble import scramble, unknot_instance
from pybridge.prover.coq import check_with_coq


def braid_unlink(seed: int) -> Certificate:
    """A scrambled trivial braid on 2-3 components and the moves that reduce it."""
    rng = random.Random(seed)
    components = rng.choice((2, 3))
    state, reduction = scramble(rng.randint(5, 120), rng, max_strands=6, max_length=40, components=components)
    return Certificate.create("unlink", "braid", {"strands": state.strands, "word": list(state.word)},
                              {"components": components}, reduction, {"agent": "scramble", "seed": seed,
                                                                      "source": "sample:unlink"})


def pd_unknot(seed: int) -> Certificate:
    """A roughened closure of an unknotted braid, unknotted by the recorded simplifier."""
    rng = random.Random(seed)
    braid, _ = unknot_instance(rng.randint(2, 6), rng)
    state = PDState.from_pd(braid_to_pd(BraidWord(braid.strands, braid.word)))
    state = roughen(state, rng.randint(0, 25), rng)[0]
    steps = simplify_recorded(state, seed=seed, time_limit_s=20)
    return Certificate.create("unknot", "pd", state.as_input(), {"components": 1}, steps,
                              {"agent": "simplify_recorded", "seed": seed, "source": "sample:pd-unknot"})


#: small knots known to be ribbon (KnotInfo, Lamm's tables); the inputs of the PD ribbon part of the sample
RIBBON_KNOTS = ("6_1", "8_8", "8_9", "8_20", "9_27", "9_41", "9_46", "10_22", "10_48", "10_99", "10_123",
                "10_129", "10_137", "10_140", "10_153", "10_155")


def pd_ribbon(seed: int) -> Certificate | None:
    """A small ribbon knot roughened by random Reidemeister moves and certified by the PD band search
    (``None`` when the search finds nothing within its budget)."""
    from pybridge.ribbon.agents import find_ribbon
    from pybridge.knots.spec import parse_spec

    rng = random.Random(seed)
    knot = parse_spec(rng.choice(RIBBON_KNOTS))
    state = roughen(PDState.from_pd(knot.pd), rng.randint(0, 12), rng)[0]
    return find_ribbon(state, "bands", budget_s=15.0, seed=seed, knot=knot).certificate


def sample(count: int, seed: int) -> list[Certificate]:
    """``count`` certificates: in every five, two braid unknots, one braid unlink, one PD unknot and one
    PD ribbon certificate (a ribbon the search did not find within its budget is replaced by a PD unknot)."""
    rng = random.Random(seed)
    certs = []
    for index in track(range(count), description="building the sample"):
        kind = index % 5
        if kind in (0, 1):
            certs.append(make_certificate(rng.randint(5, 300), rng.randrange(10**9)))
        elif kind == 2:
            certs.append(braid_unlink(rng.randrange(10**9)))
        elif kind == 3:
            certs.append(pd_unknot(rng.randrange(10**9)))
        else:
            certs.append(pd_ribbon(rng.randrange(10**9)) or pd_unknot(rng.randrange(10**9)))
    return certs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    certs = sample(args.count, args.seed)
    start = time.perf_counter()
    python_ok = [check_certificate(cert).valid for cert in certs]
    python_s = time.perf_counter() - start
    start = time.perf_counter()
    coq = check_with_coq(certs, use_cache=False)
    coq_s = time.perf_counter() - start
    rejected = [(cert.sha256[:12], result.reason) for cert, result in zip(certs, coq) if not result.valid]
    by_kind: dict[str, int] = {}
    for cert in certs:
        by_kind[f"{cert.calculus}/{cert.kind}"] = by_kind.get(f"{cert.calculus}/{cert.kind}", 0) + 1
    print(f"sample: {len(certs)} certificates {by_kind}, {sum(len(c.steps) for c in certs)} steps in all")
    print(f"python: {sum(python_ok)}/{len(certs)} valid in {python_s:.2f} s")
    print(f"coq:    {len(certs) - len(rejected)}/{len(certs)} valid in {coq_s:.1f} s wall")
    for digest, reason in rejected[:10]:
        print(f"  coq rejected {digest}: {reason}")
    return 0 if all(python_ok) and not rejected else 1


if __name__ == "__main__":
    sys.exit(main())
