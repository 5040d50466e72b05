"""The braid route of ribbon search: smooth crossings of a braid, then reduce to a trivial braid.

A crossing of a braid closure and its oriented smoothing differ by one oriented band move (a saddle),
so deleting ``b`` letters of a braid word (``smooth i`` steps, ``docs/certificates.md`` §1) and then
reducing the result by braid and Markov moves to the trivial braid on ``b + 1`` strands proves the
closure ribbon: read backwards, ``b + 1`` discs in B⁴ joined by ``b`` bands give a ribbon disc. The
certificate is a ``ribbon`` certificate in the braid calculus with claim ``{bands: b}``.

Search (:func:`braid_ribbon_certificate`), deterministic in ``seed`` up to the time budget:

1. **Variants.** Breadth-first over the non-lengthening macro moves of the best-first search
   (:func:`pybridge.unknot.best_first.successors`: destabilisations, cancellations, braid relations,
   far commutations, all at cyclic positions) from the input word, identified up to rotation. A plain
   rotation (conjugation by a prefix) never yields a new smoothing — deleting letter ``i`` of a
   rotated word is a rotation of deleting the matching letter of the original — so the variants
   that matter are those reached by braid relations and commutations (and, from the second round
   on, from the two Markov stabilisations of the input). Each variant keeps the certificate steps
   that reach it from the input.
2. **Candidates** for ``b = 1, …, max_bands``: ``b`` letters of a variant are deleted. A deletion
   changes the cycle count of the braid permutation by ±1, so the ``b`` deletions each add a
   component exactly when the result has ``b + 1`` components (checked; the others are dropped).
   For ``b = 1`` also *additions* of one letter ``g`` (``insert i g`` then ``smooth i+1``: the
   inverse of a smoothing, again one oriented band). Candidates are deduplicated up to rotation and
   ranked by the length of their cyclic free reduction, then strands, then the variant's
   breadth-first index, then a tie-breaker drawn from ``seed``; deletions and additions alternate.
3. **Filter.** A candidate whose closure has an exact invariant that the (b+1)-component unlink does
   not have is dropped: a non-zero linking number (read off the word), or what
   :func:`pybridge.unknot.certify.unknotting_obstruction` finds (signature, linking numbers).
4. **Reduce** each remaining candidate with ``reduce_braid(..., "greedy", target_strands=b+1)``
   (deterministic best-first search; it stops early when its finite move space is exhausted).

Rounds: up to :data:`ROUNDS` passes with growing pools of variants (200, 800, 3200 words; additions
from 40, 80, 160 of them; ``b >= 2`` deletions from 20, 40, 80), never retrying a candidate, while the
budget lasts. Within a round the variants take at most 10 % of the time left, ``b = 1`` gets 60 % of
the rest and every later ``b`` an equal share of what remains (unused time passes on); one greedy
call gets at most a quarter of its band count's share. The returned certificate has been replayed and
accepted by the trusted checker :func:`pybridge.certs.check_certificate`.

Measured on KnotInfo's 158 slice knots with at most 12 crossings, their table braids, 5 s each: 92
certified in 360 s on 2 shared cores (85 in runs under heavier load; all but one with a single band);
``tests/test_ribbon_braid.py::test_knotinfo_slice_sweep`` (marked slow) repeats it.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import deque
from dataclasses import dataclass
from typing import Iterator

from ..certs import Certificate, check_certificate
from ..knots import BraidWord
from ..moves.braid import BraidState, replay
from ..unknot.best_first import components, cyclic_key, successors

DEFAULT_MAX_VARIANTS = 200  # variants in the first round; each later round has GROWTH times more
ADDITION_VARIANTS = 40  # variants whose one-letter additions are tried (there are 2(n-1)(len+1) each)
MULTI_BAND_VARIANTS = 20  # variants whose b-letter deletions are tried for b >= 2
ROUNDS = 3  # rounds with growing variant pools, while the budget lasts (candidates are never retried)
GROWTH = 4  # the pool of variants grows 4-fold per round, the additions' and b >= 2 pools 2-fold
FIRST_BAND_SHARE = 0.6  # of a round's time, for one band (almost every success has one band)


@dataclass(frozen=True)
class _Variant:
    state: BraidState
    steps: tuple  # certificate steps from the input to ``state``


@dataclass(frozen=True)
class _Candidate:
    state: BraidState  # after the band moves
    steps: tuple  # steps from the input: isotopy to the variant, then the band moves
    bands: int
    origin: int  # index of the variant (breadth-first order: 0 is the input word)


def free_reduced_length(word: tuple[int, ...]) -> int:
    """Length of the cyclic free reduction of ``word`` (cancel ``g, -g`` pairs, also across the end)."""
    stack: list[int] = []
    for g in word:
        if stack and stack[-1] == -g:
            stack.pop()
        else:
            stack.append(g)
    start, end = 0, len(stack)
    while end - start >= 2 and stack[start] == -stack[end - 1]:
        start += 1
        end -= 1
    return end - start


def braid_variants(state: BraidState, max_variants: int = DEFAULT_MAX_VARIANTS,
                   deadline: float | None = None, stabilized: bool = False) -> list[_Variant]:
    """Words isotopic to ``state`` by non-lengthening moves (breadth-first, up to rotation), each with
    the certificate steps that reach it; the input comes first. With ``stabilized`` the search also
    starts from the two Markov stabilisations of ``state`` (one more strand, letter ``±n`` added)."""
    roots = [_Variant(state, ())]
    if stabilized:
        roots += [_Variant(BraidState(state.strands + 1, state.word + (sign * state.strands,)), (("stabilize", sign),))
                  for sign in (1, -1)]
    found = list(roots)
    seen = {cyclic_key(v.state) for v in roots}
    queue = deque(range(len(roots)))
    while queue and len(found) < max_variants:
        if deadline is not None and time.monotonic() > deadline:
            break
        current = found[queue.popleft()]
        for steps, after in successors(current.state, commutes=True):
            key = cyclic_key(after)
            if key in seen:
                continue
            seen.add(key)
            found.append(_Variant(after, current.steps + tuple(steps)))
            queue.append(len(found) - 1)
            if len(found) >= max_variants:
                break
    return found


def _deletions(variant: _Variant, bands: int, origin: int, deadline: float) -> Iterator[_Candidate]:
    n, w = variant.state
    for count, chosen in enumerate(itertools.combinations(range(len(w)), bands)):
        if count % 256 == 255 and time.monotonic() > deadline:
            return
        moves = tuple(("smooth", i) for i in sorted(chosen, reverse=True))  # highest first: no shifting
        drop = set(chosen)
        after = BraidState(n, tuple(g for i, g in enumerate(w) if i not in drop))
        if components(after) == bands + 1:
            yield _Candidate(after, variant.steps + moves, bands, origin)


def _additions(variant: _Variant, origin: int) -> Iterator[_Candidate]:
    n, w = variant.state
    for i in range(len(w) + 1):
        for g in itertools.chain(range(1, n), range(-1, -n, -1)):
            after = BraidState(n, w[:i] + (g,) + w[i:])
            yield _Candidate(after, variant.steps + (("insert", i, g), ("smooth", i + 1)), 1, origin)


def _ranked(candidates: Iterator[_Candidate], rng: random.Random, seen: set, deadline: float) -> list[_Candidate]:
    """Deduplicated (up to rotation; also dropping those in ``seen``, the ones already tried) and
    sorted by free-reduced length, strands, variant index, then a seeded tie-breaker. Generation
    stops at ``deadline`` (the candidates generated so far are ranked)."""
    unique: dict = {}
    for count, candidate in enumerate(candidates):
        if count % 256 == 255 and time.monotonic() > deadline:
            break
        key = cyclic_key(candidate.state)
        if key not in seen and key not in unique:
            unique[key] = candidate
    order = list(unique.values())
    ties = {id(c): rng.random() for c in order}
    order.sort(key=lambda c: (free_reduced_length(c.state.word), c.state.strands, c.origin, ties[id(c)]))
    return order


def _interleaved(*groups: list[_Candidate]) -> Iterator[_Candidate]:
    """Round-robin over ranked lists, so that no kind of band move starves the others of time."""
    for layer in itertools.zip_longest(*groups):
        yield from (c for c in layer if c is not None)


def _candidates(variants: list[_Variant], bands: int, additions: bool, rng: random.Random,
                seen: set, widths: tuple[int, int], deadline: float) -> Iterator[_Candidate]:
    """Ranked candidates for ``bands`` bands not in ``seen``: for one band, deletions (from every
    variant) and additions (from the first ``widths[0]``) interleaved; for more bands, deletions
    from the first ``widths[1]`` variants."""
    if bands == 1:
        deletions = _ranked((c for k, v in enumerate(variants) for c in _deletions(v, 1, k, deadline)), rng, seen,
                            deadline)
        if not additions:
            return iter(deletions)
        added = _ranked((c for k, v in enumerate(variants[:widths[0]]) for c in _additions(v, k)), rng, seen,
                        deadline)
        return _interleaved(deletions, added)
    chosen = variants[:widths[1]]
    return iter(_ranked((c for k, v in enumerate(chosen) for c in _deletions(v, bands, k, deadline)), rng, seen,
                        deadline))


def linking_numbers(state: BraidState) -> dict[tuple[int, int], int]:
    """Pairwise linking numbers of the components of the closure of ``state`` (components numbered
    by the cycles of the braid permutation): half the signed count of crossings between them."""
    n, w = state
    perm = list(range(n))
    for g in w:
        j = abs(g) - 1
        perm[j], perm[j + 1] = perm[j + 1], perm[j]
    cycle = [-1] * n
    count = 0
    for s in range(n):
        if cycle[s] < 0:
            j = s
            while cycle[j] < 0:
                cycle[j] = count
                j = perm[j]
            count += 1
    at = list(range(n))  # at[position] = strand there
    totals: dict[tuple[int, int], int] = {}
    for g in w:
        j = abs(g) - 1
        a, b = cycle[at[j]], cycle[at[j + 1]]
        if a != b:
            key = (min(a, b), max(a, b))
            totals[key] = totals.get(key, 0) + (1 if g > 0 else -1)
        at[j], at[j + 1] = at[j + 1], at[j]
    return {key: total // 2 for key, total in totals.items()}


def _is_unlink_candidate(state: BraidState) -> bool:
    """No exact invariant distinguishes the closure from the unlink: all linking numbers vanish (read
    off the word, cheap) and :func:`pybridge.unknot.certify.unknotting_obstruction` finds nothing
    (signature, linking numbers of the PD code)."""
    from ..unknot.certify import unknotting_obstruction

    if not state.word:
        return True
    if any(linking_numbers(state).values()):
        return False
    return unknotting_obstruction(BraidWord(state.strands, state.word)) is None


def braid_ribbon_certificate(braid: BraidWord, *, budget_s: float, seed: int, provenance: dict,
                             max_bands: int = 3, additions: bool = True,
                             max_variants: int = DEFAULT_MAX_VARIANTS) -> Certificate | None:
    """A braid-calculus ``ribbon`` certificate for the closure of ``braid``, or ``None``.

    Searches ``b = 1, …, max_bands`` smoothings (and, for one band, additions of a letter) of
    ``braid`` and of words isotopic to it, followed by a greedy reduction to the trivial braid on
    ``b + 1`` strands (module docstring). ``None`` when the closure is not a knot or nothing is found
    within ``budget_s`` seconds. ``provenance`` is copied into the certificate, with ``time`` set to
    the seconds spent. The certificate's steps have been replayed and accepted by the trusted
    checker; callers re-check it anyway (as :func:`pybridge.ribbon.certify.certify_ribbon` does).
    """
    start = time.monotonic()
    deadline = start + max(budget_s, 0.0)
    state = BraidState(braid.strands, tuple(braid.word))
    if components(state) != 1 or not state.word or max_bands < 1:
        return None
    rng = random.Random(seed)
    seen: set = set()
    for level in range(ROUNDS):
        scale = GROWTH ** level
        left = deadline - time.monotonic()
        if left <= 0:
            break
        variants = braid_variants(state, max_variants * scale, deadline=time.monotonic() + 0.1 * left,
                                  stabilized=level > 0)
        widths = (ADDITION_VARIANTS * 2 ** level, MULTI_BAND_VARIANTS * 2 ** level)
        found = _search_round(state, variants, widths, max_bands, additions, rng, seen, seed, deadline)
        if found is not None:
            candidate, moves = found
            return _certificate(state, candidate, moves, provenance, start)
    return None


def _search_round(state: BraidState, variants: list[_Variant], widths: tuple[int, int], max_bands: int,
                  additions: bool, rng: random.Random, seen: set, seed: int, deadline: float):
    """One pass over the not yet tried candidates from ``variants``: ``(candidate, moves)`` or ``None``."""
    from ..unknot.agents import reduce_braid

    for bands in range(1, max_bands + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        if bands == 1:
            share = left * (FIRST_BAND_SHARE if max_bands > 1 else 1.0)
        else:
            share = left / (max_bands - bands + 1)
        band_deadline = time.monotonic() + share
        per_call = max(share / 4, 0.05)
        for candidate in _candidates(variants, bands, additions, rng, seen, widths, band_deadline):
            now = time.monotonic()
            if now > band_deadline:
                break
            key = cyclic_key(candidate.state)
            if key in seen:
                continue
            seen.add(key)
            if not _is_unlink_candidate(candidate.state):
                continue
            result = reduce_braid(candidate.state, "greedy", target_strands=bands + 1,
                                  budget_s=min(per_call, band_deadline - now), seed=seed)
            if result.moves is not None:
                return candidate, result.moves
    return None


def _certificate(state: BraidState, candidate: _Candidate, moves, provenance: dict, start: float) -> Certificate:
    """The ribbon certificate: band moves then ``moves``, replayed and checked before it is returned."""
    steps = candidate.steps + tuple(tuple(step) for step in moves)
    if replay(state, steps) != BraidState(candidate.bands + 1, ()):
        raise AssertionError("internal error: the braid ribbon path does not end at the trivial braid")
    meta = dict(provenance)
    meta["time"] = round(time.monotonic() - start, 3)
    cert = Certificate.create("ribbon", "braid", {"strands": state.strands, "word": list(state.word)},
                              {"bands": candidate.bands}, steps, meta)
    verdict = check_certificate(cert)
    if not verdict.valid:
        raise AssertionError(f"internal error: the braid ribbon certificate was rejected: {verdict}")
    return cert
