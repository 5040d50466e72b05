"""``pybridge bench ribbon``: our ribbon agents against Dunfield–Gong's band search on slice knots.

Sets (every knot in them is ribbon, so each one is a true positive):

* ``knotinfo-slice-12`` — the 158 KnotInfo knots with 1–12 crossings and ``smooth_four_genus == '0'``;
* ``knotinfo-slice-13`` — the 353 such knots with 13 crossings;
* ``fusion`` / ``fusion-many`` — GHMR-style ribbon knots in arbitrary diagrams: ``b`` random fusion bands
  (2–5, resp. 6–9) on a ``(b+1)``-component unlink, scrambled (:mod:`pybridge.ribbon.fusion`), ``count``
  knots per crossing bucket (15–30, 31–50, 51–70; resp. 31–50, 51–70, 71–100);
* ``ribbon-sum`` — connected sums of 3 or 4 slice KnotInfo knots (6–10 crossings), ordinary connected sums
  scrambled like ``sum-mirror-plain``: the disc joined from the summands' discs has more bands than the
  reference's 2;
* ``sum-mirror`` — ``K # −K`` (``−K``: the mirror image with reversed orientation, the concordance
  inverse of ``K``), for KnotInfo table knots (8–13 crossings) and for random knots
  (``spherogram.random_link`` simplified by ``simplify('global')``, 14–35 crossings), 16–70 crossings
  in all, sorted by crossings, each drawn as the symmetric union ``D ∪ −D*`` (``D`` joined to its
  reflection; :func:`sum_mirror_pd`). ``K # −K`` is ribbon by the classical argument: it bounds the
  disc obtained by spinning a knotted arc of ``K`` through half a turn in ``B⁴`` (Fox–Milnor 1966; see
  e.g. Lickorish, *An Introduction to Knot Theory*, Ch. 8), the "ladder" ``arc × I``, which
  ``bridge(K) − 1`` symmetric fission bands cut into discs (Lamm, Osaka J. Math. 37 (2000)).

For every knot, in the same run:

1. each of our agents through :func:`pybridge.ribbon.certify.certify_ribbon` (slice obstructions, search,
   certificate, trusted re-check — the whole call is timed) in a forked child that is killed when it
   overruns its budget by more than :data:`AGENT_GRACE_S` seconds; a certificate is written under
   ``DIR/certs/<agent>/`` and read back and re-checked from disk;
2. the reference, Dunfield–Gong's search (arXiv 2512.21825)
   ``spherogram.links.bands.search.ribbon_concordant_links(link, max_bands=2, max_twists=1,
   certify=True, filter_for_plausibly_slice=False)`` on the same diagram, in a forked child process
   killed after ``reference_budget_s`` seconds (the search has no time limit of its own). It is solved
   when its certificate ends in ``'unknot'`` or in a name of ``snappy.RibbonLinks``. It writes no
   move-level certificate: its own verification compares hyperbolic structures numerically.

A random sample of ``coq_sample_size`` of our certificates is re-checked by Coq. Outputs:
``results.csv`` (one row per knot and method), ``summary.md`` (per method: solved/total, median and
total seconds, median bands; the ratio of our median seconds to the reference's; the Coq line; for
the sum-mirror, fusion and ribbon-sum sets also per crossing range), ``plot.png`` (seconds against
crossings, solved fraction per crossing bucket).
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import multiprocessing
import random
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.progress import Progress

from ..knots.pd import PDCode
from ..knots.spec import Knot

SETS = ("knotinfo-slice-12", "knotinfo-slice-13", "sum-mirror", "sum-mirror-plain", "fusion", "fusion-many",
        "ribbon-sum")
SUM_MIRROR_SETS = ("sum-mirror", "sum-mirror-plain")
#: fusion sets: the fusion-band counts drawn from, and the diagram crossing buckets filled
FUSION_SETS = {"fusion": ((2, 5), ((15, 30), (31, 50), (51, 70))),
               "fusion-many": ((6, 9), ((31, 50), (51, 70), (71, 100)))}
FUSION_EXTRA_LETTERS = (0, 8)  # letters of the unlink's braid word beyond one per generator
DEFAULT_FUSION_COUNT = 200  # knots per crossing bucket
RIBBON_SUM_SUMMANDS = (3, 4)  # slice KnotInfo knots per ribbon-sum knot
RIBBON_SUM_MAX_CROSSINGS = 10  # largest summand drawn
#: sets whose report groups knots by crossing range
RANGED_SETS = (*SUM_MIRROR_SETS, *FUSION_SETS, "ribbon-sum")
PLAIN_SCRAMBLE_MOVES = (4, 12)  # random R2/R1/R3 moves applied to a sum-mirror-plain diagram
SET_SIZES = {"knotinfo-slice-12": 158, "knotinfo-slice-13": 353}
REFERENCE = "spherogram-search"
SUM_MIRROR_RANGES = ((16, 30), (31, 50), (51, 70))
TABLE_CROSSINGS = range(8, 14)  # table knots K for K # -K: 16-26 crossings
RANDOM_CROSSINGS = (14, 35)  # random knots K for K # -K: 28-70 crossings
DEFAULT_SUM_MIRROR_COUNT = 60


@dataclass
class Instance:
    """One knot of a benchmark set: its name, the diagram, and where it came from."""

    set: str
    name: str
    knot: Knot
    note: str = ""

    @property
    def crossings(self) -> int:
        return self.knot.pd.crossing_count


@dataclass
class Row:
    """One (knot, method) result: a row of ``results.csv``."""

    set: str
    name: str
    crossings: int
    method: str
    solved: bool
    seconds: float
    bands: int | None
    steps: int | None
    certificate: str
    trusted_check: str
    note: str


# --------------------------------------------------------------------------------------------------
# Diagrams: mirror, reverse, connected sum


def reverse_pd(pd: PDCode) -> PDCode:
    """The same diagram with the orientation reversed (a knot).

    A crossing ``(a, b, c, d)`` (``a`` the incoming under-strand, counter-clockwise) becomes
    ``(c, d, a, b)``: ``c`` is now the incoming under-strand and the cyclic order is unchanged. The
    labels are then renamed ``1..2n`` increasing along the new orientation, so the over-strands are
    oriented by consecutive labels as in the KnotAtlas convention.
    """
    if pd.components != 1 or pd.free_components:
        raise ValueError("reverse_pd expects a knot diagram with crossings")
    (order,) = pd.edge_components()
    new = {label: len(order) - index for index, label in enumerate(order)}
    return PDCode([(new[c], new[d], new[a], new[b]) for a, b, c, d in pd.crossings])


def mirror_pd(pd: PDCode) -> PDCode:
    """The mirror image (every crossing switched, same projection and orientation) via spherogram's
    ``Link.mirror()``, labelled ``1..2n`` along the orientation."""
    from ..knots.convert import link_to_pd, pd_to_link

    mirrored = link_to_pd(pd_to_link(pd).mirror())
    return PDCode(mirrored.crossings).relabelled(1)


def minus_pd(pd: PDCode) -> PDCode:
    """A diagram of ``−K`` (mirror image, orientation reversed: the concordance inverse of ``K``)."""
    return reverse_pd(mirror_pd(pd))


def _heads(pd: PDCode) -> dict[int, tuple[int, int]]:
    """For each edge label, the ``(crossing, position)`` where the oriented edge ends."""
    heads = {}
    for index, ((a, b, _, d), enters_b) in enumerate(zip(pd.crossings, pd.over_strand_enters_at_b())):
        heads[a] = (index, 0)
        if enters_b:
            heads[b] = (index, 1)
        else:
            heads[d] = (index, 3)
    return heads


def connected_sum_pd(first: PDCode, second: PDCode) -> PDCode:
    """The oriented connected sum of two knot diagrams (placed side by side, joined at one edge each).

    The first edge of ``first`` and the first edge of ``second`` are cut and their heads swapped:
    the tail of each now runs into the head of the other, so both orientations are kept. Any two edges
    can be joined this way in the plane (put each on the outer face of its diagram and rotate the
    second one). Labels are renamed ``1..2n`` along the orientation.
    """
    one = first.relabelled(1)
    offset = 2 * one.crossing_count
    two = PDCode([tuple(label + offset for label in c) for c in second.relabelled(1).crossings])
    crossings = [list(c) for c in one.crossings + two.crossings]
    x, y = 1, offset + 1
    (i, p), (j, q) = _heads(one)[x], _heads(two)[y]
    crossings[i][p] = y
    crossings[len(one.crossings) + j][q] = x
    return PDCode(crossings).relabelled(1)


def reflect_pd(pd: PDCode) -> PDCode:
    """The reflection of the diagram in a line of the plane: a diagram of the mirror image.

    Reflecting the projection plane (heights kept) reverses the counter-clockwise order at every
    crossing and keeps over and under: ``(a, b, c, d)`` becomes ``(a, d, c, b)``.
    """
    return PDCode([(a, d, c, b) for a, b, c, d in pd.crossings])


def side_by_side_sum_mirror_pd(pd: PDCode) -> PDCode:
    """``K # −K`` drawn as ``D`` beside a translated copy with every crossing switched (no symmetry)."""
    base = PDCode(pd.crossings).relabelled(1)
    return connected_sum_pd(base, minus_pd(base))


def sum_mirror_pd(pd: PDCode) -> PDCode:
    """``K # −K`` drawn as the symmetric union ``D ∪ −D*``: ``D`` joined to its reflection, reversed.

    The edge ``2n`` of ``D`` is joined to its own mirror image, so the reflection in the axis maps the
    diagram to itself (:func:`pybridge.moves.symmetric_union.mirror_symmetry`): the standard picture of
    ``K # −K`` (Lamm, Osaka J. Math. 37 (2000)). Twice the crossings of ``pd``.
    """
    base = PDCode(pd.crossings).relabelled(1)
    edges = 2 * base.crossing_count
    rotated = PDCode([tuple(label % edges + 1 for label in c) for c in base.crossings]).relabelled(1)
    return connected_sum_pd(rotated, reverse_pd(reflect_pd(base)))


# --------------------------------------------------------------------------------------------------
# Random knots (deterministic in the seed)


@contextlib.contextmanager
def deterministic_spherogram():
    """Make spherogram's simplification reproducible for a given state of Python's ``random``.

    ``Link.simplify`` iterates over sets of crossings, strands and dual-graph edges whose hashes are
    ``id()``s (memory addresses), so the same random seed can give different diagrams. Inside this
    context those objects hash by a serial number given on first use, which is deterministic; the
    original hashes are restored on exit (objects created inside must not be kept in sets afterwards:
    callers keep only PD codes).
    """
    from spherogram import graphs
    from spherogram.links import links_base

    counter = itertools.count()

    def serial_hash(self):
        try:
            return self.__dict__["_pybridge_hash"]
        except KeyError:
            value = self.__dict__["_pybridge_hash"] = next(counter)
            return value

    classes = (links_base.Crossing, links_base.Strand, links_base.Link, graphs.BaseEdge, graphs.Edge,
               graphs.FatEdge)
    saved = {cls: cls.__dict__.get("__hash__") for cls in classes}
    for cls in classes:
        cls.__hash__ = serial_hash
    try:
        yield
    finally:
        for cls, original in saved.items():
            if original is None:
                del cls.__hash__
            else:
                cls.__hash__ = original


def random_knots(targets, seed: int, *, tolerance: int = 1, max_attempts: int = 5000) -> list[PDCode]:
    """Random knot diagrams, the ``i``-th with ``targets[i] ± tolerance`` crossings; deterministic in ``seed``.

    Each attempt is ``spherogram.random_link(n, num_components=1, alternating=False)`` followed by
    ``simplify('global')``, with Python's ``random`` (which spherogram's generator and simplifier
    use) seeded before the call and :func:`deterministic_spherogram` removing the dependence on
    memory addresses. ``n`` is aimed at one of the targets still open (in turn); the knot fills the
    open target closest to its crossing number, if one is within ``tolerance``.
    """
    import spherogram

    targets = list(targets)
    found: dict[int, PDCode] = {}
    for attempt in range(max_attempts):
        open_slots = [i for i in range(len(targets)) if i not in found]
        if not open_slots:
            break
        aim = targets[open_slots[attempt % len(open_slots)]]
        random.seed(seed * 1_000_003 + attempt)
        with deterministic_spherogram():
            try:
                link = spherogram.random_link(3 * aim + 10 * (attempt % 3), num_components=1, alternating=False)
            except Exception:  # LinkGenerationError: too few components; the next seed
                continue
            link.simplify("global")
            if len(link.link_components) != 1 or not link.crossings:
                continue
            crossings = len(link.crossings)
            fits = [i for i in open_slots if abs(crossings - targets[i]) <= tolerance]
            if not fits:
                continue
            slot = min(fits, key=lambda i: (abs(crossings - targets[i]), i))
            found[slot] = PDCode([list(c) for c in link.PD_code()]).relabelled(1)
    if len(found) < len(targets):
        missing = [targets[i] for i in range(len(targets)) if i not in found]
        raise RuntimeError(f"no random knots with {missing} crossings after {max_attempts} attempts (seed {seed})")
    return [found[i] for i in range(len(targets))]


def random_knot_pd(target: int, seed: int, *, tolerance: int = 1) -> PDCode:
    """One random knot diagram with ``target ± tolerance`` crossings (see :func:`random_knots`)."""
    return random_knots([target], seed, tolerance=tolerance)[0]


# --------------------------------------------------------------------------------------------------
# Benchmark sets


def _pd_knot(pd: PDCode, source: str, name: str) -> Knot:
    return Knot("pd:" + json.dumps(pd.as_lists(), separators=(",", ":")), source, pd, None, name)


def slice_names(set_name: str) -> list[str]:
    """KnotInfo names of a ``knotinfo-slice-*`` set (asserts the known counts 158 and 353)."""
    from ..knots.catalog import knotinfo_names, knotinfo_row

    low, high = (1, 12) if set_name == "knotinfo-slice-12" else (13, 13)
    names = [n for n in knotinfo_names(high, low) if knotinfo_row(n)["smooth_four_genus"].strip() == "0"]
    if len(names) != SET_SIZES[set_name]:
        raise AssertionError(f"{set_name}: expected {SET_SIZES[set_name]} KnotInfo knots, found {len(names)}")
    return names


def scrambled_plain_sum_mirror_pd(pd: PDCode, rng: random.Random) -> PDCode:
    """``K # −K`` as an ordinary connected sum (:func:`side_by_side_sum_mirror_pd`, no symmetry),
    scrambled by random crossing-increasing Reidemeister moves (:func:`pybridge.moves.pd.roughen`)."""
    from ..moves.pd import PDState, roughen

    state, _ = roughen(PDState.from_pd(side_by_side_sum_mirror_pd(pd)), rng.randint(*PLAIN_SCRAMBLE_MOVES), rng)
    return state.to_pdcode()


def sum_mirror_instances(count: int = DEFAULT_SUM_MIRROR_COUNT, seed: int = 0, *, plain: bool = False) -> list[Instance]:
    """``count`` knots ``K # −K``: half from KnotInfo (8–13 crossings, spread evenly over the crossing
    numbers, drawn with ``seed``), half random (14–35 crossings, evenly spaced targets); sorted by
    crossings. Drawn as a symmetric union, or with ``plain`` as a scrambled ordinary connected sum
    (:func:`scrambled_plain_sum_mirror_pd`)."""
    from ..knots.catalog import knotinfo_names, knotinfo_pd

    rng = random.Random(seed)
    scramble_rng = random.Random(seed + 7)
    set_name = "sum-mirror-plain" if plain else "sum-mirror"

    def draw(base: PDCode) -> PDCode:
        return scrambled_plain_sum_mirror_pd(base, scramble_rng) if plain else sum_mirror_pd(base)

    table_count, random_count = count // 2, count - count // 2
    by_crossings = {c: knotinfo_names(c, c) for c in TABLE_CROSSINGS}
    per = {c: 0 for c in TABLE_CROSSINGS}
    for index in range(table_count):
        per[TABLE_CROSSINGS[index % len(TABLE_CROSSINGS)]] += 1
    drawn = []
    for c in TABLE_CROSSINGS:
        for name in sorted(rng.sample(by_crossings[c], per[c]), key=by_crossings[c].index):
            pd = draw(knotinfo_pd(name))
            drawn.append(Instance(set_name, f"{name}#-{name}", _pd_knot(pd, f"{set_name}:{name}", f"{name}#-{name}"),
                                  f"table knot {name}"))
    low, high = RANDOM_CROSSINGS
    targets = [low + round((high - low) * index / max(random_count - 1, 1)) for index in range(random_count)]
    for index, base in enumerate(random_knots(targets, seed)):
        name = f"R{base.crossing_count}.s{seed}.{index}"
        drawn.append(Instance(set_name, f"{name}#-{name}",
                              _pd_knot(draw(base), f"{set_name}:{name}", f"{name}#-{name}"),
                              f"random knot {name}: random_link + simplify('global'), {base.crossing_count} crossings"))
    return sorted(drawn, key=lambda item: (item.crossings, item.name))


def fusion_instances(set_name: str, count: int = DEFAULT_FUSION_COUNT, seed: int = 0) -> list[Instance]:
    """``count`` ribbon knots per crossing bucket of the fusion set ``set_name`` (:data:`FUSION_SETS`): ``b``
    random fusion bands on a scrambled ``(b+1)``-component unlink
    (:func:`pybridge.ribbon.fusion.fusion_ribbon_knot`), ``b`` and the unlink's word length drawn per knot;
    draws are kept when their crossings fall in a bucket that is not yet full. Deterministic in ``seed``;
    sorted by crossings."""
    from .fusion import fusion_ribbon_knot

    (low_b, high_b), buckets = FUSION_SETS[set_name]
    filled = {bucket: 0 for bucket in buckets}
    drawn = []
    rng = random.Random(f"{set_name}:{seed}")
    for draw in itertools.count():
        if all(n >= count for n in filled.values()):
            break
        if draw > 200 * count * len(buckets):
            raise RuntimeError(f"{set_name}: could not fill the crossing buckets (filled {filled})")
        bands, extra = rng.randint(low_b, high_b), rng.randint(*FUSION_EXTRA_LETTERS)
        knot_seed = rng.getrandbits(32)
        pd = fusion_ribbon_knot(bands, extra, knot_seed)
        bucket = next((b for b in buckets if pd is not None and b[0] <= pd.crossing_count <= b[1]), None)
        if bucket is None or filled[bucket] >= count:
            continue
        filled[bucket] += 1
        name = f"F{bands}.{extra}.{knot_seed:08x}"
        drawn.append(Instance(set_name, name, _pd_knot(pd, f"{set_name}:{name}", name),
                              f"{bands} fusion bands on the unlink of {bands + 1} circles "
                              f"(word +{extra} letters), seed {knot_seed}"))
    return sorted(drawn, key=lambda item: (item.crossings, item.name))


def ribbon_sum_instances(count: int = DEFAULT_SUM_MIRROR_COUNT, seed: int = 0) -> list[Instance]:
    """``count`` connected sums of 3 or 4 slice KnotInfo knots (6–10 crossings each, KnotInfo's PD codes),
    drawn as ordinary connected sums and scrambled like ``sum-mirror-plain``; sorted by crossings.

    A connected sum of ribbon knots is ribbon: the boundary connected sum of the summands' ribbon discs,
    with the bands of every summand, so one band per summand at least in this disc (fewer bands are not
    ruled out in general). The reference stops at 2 bands, though its search may end early in a link of
    ``snappy.RibbonLinks``.
    """
    from ..knots.catalog import knotinfo_pd
    from ..moves.pd import PDState, roughen

    rng = random.Random(f"ribbon-sum:{seed}")
    pool = [name for name in slice_names("knotinfo-slice-12")
            if name.split("_")[0].isdigit() and int(name.split("_")[0]) <= RIBBON_SUM_MAX_CROSSINGS]
    drawn = []
    for _ in range(count):
        names = rng.sample(pool, rng.choice(RIBBON_SUM_SUMMANDS))
        pd = knotinfo_pd(names[0])
        for name in names[1:]:
            pd = connected_sum_pd(pd, knotinfo_pd(name))
        state, _ = roughen(PDState.from_pd(pd), rng.randint(*PLAIN_SCRAMBLE_MOVES), rng)
        name = "#".join(names)
        drawn.append(Instance("ribbon-sum", name, _pd_knot(state.to_pdcode(), f"ribbon-sum:{name}", name),
                              f"connected sum of {len(names)} slice KnotInfo knots"))
    return sorted(drawn, key=lambda item: (item.crossings, item.name))


def instances(set_name: str, *, seed: int = 0, limit: int | None = None,
              count: int | None = None) -> list[Instance]:
    """The knots of ``set_name`` (see :data:`SETS`), the first ``limit`` of them if given; ``count``: knots
    in a sum-mirror set or ``ribbon-sum`` (default 60), per crossing bucket in a fusion set (default 200)."""
    from ..knots.catalog import knotinfo_pd

    if set_name not in SETS:
        raise ValueError(f"unknown set {set_name!r}; choose from {', '.join(SETS)}")
    if set_name in FUSION_SETS:
        return fusion_instances(set_name, count or DEFAULT_FUSION_COUNT, seed)[:limit]
    count = count or DEFAULT_SUM_MIRROR_COUNT
    if set_name == "ribbon-sum":
        return ribbon_sum_instances(count, seed)[:limit]
    if set_name in SUM_MIRROR_SETS:
        return sum_mirror_instances(count, seed, plain=set_name == "sum-mirror-plain")[:limit]
    names = slice_names(set_name)[:limit]
    return [Instance(set_name, name, _pd_knot(knotinfo_pd(name), f"knotinfo:{name}", name)) for name in names]


# --------------------------------------------------------------------------------------------------
# Methods


AGENT_GRACE_S = 30.0  # an agent still running this long after its budget is killed


def _agent_child(knot: Knot, agent: str, budget_s: float, seed: int, connection) -> None:
    from ..errors import SelfCheckError
    from ..pipeline import NotFoundError
    from .certify import SliceObstructedError, certify_ribbon

    start = time.monotonic()
    try:
        certified = certify_ribbon(knot, agent, budget_s, seed)
        message = ("certified", time.monotonic() - start, certified.certificate, certified.agent)
    except NotFoundError:
        message = ("not found", time.monotonic() - start, None, f"not found within {budget_s:g} s")
    except SliceObstructedError as exc:
        message = ("obstructed", time.monotonic() - start, None, f"slice obstruction: {exc.obstruction}")
    except SelfCheckError as exc:
        message = ("invalid", time.monotonic() - start, None, f"self-check failed: {exc}")
    except Exception as exc:  # a crash of the search is a result too
        message = ("error", time.monotonic() - start, None, f"error: {type(exc).__name__}: {exc}")
    try:
        connection.send(message)
    finally:
        connection.close()


def run_agent(item: Instance, agent: str, budget_s: float, seed: int, cert_dir: Path,
              grace_s: float = AGENT_GRACE_S) -> Row:
    """Our agent through :func:`pybridge.ribbon.certify.certify_ribbon`; write and re-check a certificate.

    The call runs in a forked child (timed there: obstructions, search, certificate, trusted check),
    so a search that overruns its budget by more than ``grace_s`` seconds, or crashes the
    interpreter, is recorded instead of stopping the benchmark. The parent writes the certificate
    and re-checks the file read back from disk.
    """
    from ..certs import check_file, write_certificate

    def row(solved=False, seconds=0.0, bands=None, steps=None, path="", check="", note=""):
        return Row(item.set, item.name, item.crossings, agent, solved, round(seconds, 4), bands, steps, path,
                   check, note)

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    start = time.monotonic()
    child = context.Process(target=_agent_child, args=(item.knot, agent, budget_s, seed, send), daemon=True)
    child.start()
    send.close()
    message = None
    if receive.poll(budget_s + grace_s):
        with contextlib.suppress(EOFError):
            message = receive.recv()
    elapsed = time.monotonic() - start
    if child.is_alive():
        child.kill()
    child.join()
    receive.close()
    if message is None:
        if child.exitcode is not None and child.exitcode < 0 and elapsed < budget_s + grace_s:
            return row(seconds=elapsed, note=f"error: the search crashed (signal {-child.exitcode})")
        return row(seconds=elapsed, note=f"killed: still running {elapsed:.0f} s after start (budget {budget_s:g} s)")
    status, seconds, cert, detail = message
    if status != "certified":
        return row(seconds=seconds, check="INVALID" if status == "invalid" else "", note=detail)
    path = write_certificate(cert, cert_dir / agent)
    verdict = check_file(path)
    return row(verdict.valid, seconds, cert.claim["bands"], len(cert.steps), str(path),
               "valid" if verdict.valid else f"INVALID: {verdict}", f"found by {detail}")


def _reference_child(crossings: list, connection) -> None:
    import spherogram
    from spherogram.links.bands.search import ribbon_concordant_links

    try:
        link = spherogram.Link(crossings)
        start = time.monotonic()
        found = ribbon_concordant_links(link, max_bands=2, max_twists=1, certify=True,
                                        filter_for_plausibly_slice=False)
        seconds = time.monotonic() - start
        certificate = found.get("unknot") if isinstance(found, dict) else None
        if certificate:
            connection.send(("solved", seconds, (len(certificate) - 1) // 2, str(certificate[-1])))
        else:
            connection.send(("unsolved", seconds, None, ""))
    except Exception as exc:  # report, never hang the parent
        connection.send(("error", 0.0, None, f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def run_reference(item: Instance, budget_s: float) -> Row:
    """Dunfield–Gong's search (≤ 2 bands, ≤ 1 twist) in a forked child, killed after ``budget_s``."""
    import snappy  # noqa: F401  (loaded before forking, so the child does not pay for it)
    import spherogram.links.bands.search  # noqa: F401

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    crossings = [list(c) for c in item.knot.pd.crossings]
    start = time.monotonic()
    child = context.Process(target=_reference_child, args=(crossings, send), daemon=True)
    child.start()
    send.close()
    message = receive.recv() if receive.poll(budget_s) else None
    elapsed = time.monotonic() - start
    if child.is_alive():
        child.kill()
    child.join()
    receive.close()

    def row(solved, seconds, bands, note):
        return Row(item.set, item.name, item.crossings, REFERENCE, solved, round(seconds, 4), bands, None, "",
                   "no certificate (numerical verification)", note)

    if message is None:
        return row(False, elapsed, None, f"timeout after {budget_s:g} s")
    status, seconds, bands, detail = message
    if status == "solved":
        end = "unknot" if detail == "unknot" else f"snappy.RibbonLinks {detail}"
        return row(True, seconds, bands, f"ends in {end}")
    if status == "unsolved":
        return row(False, seconds, None, "not found with ≤ 2 bands, ≤ 1 twist")
    return row(False, seconds, None, f"error: {detail}")


def _warm_up(agents, seed: int) -> None:
    """One untimed call per agent on 6_1, so imports and caches are not charged to the first knot."""
    from ..knots.catalog import knotinfo_pd
    from .certify import certify_ribbon

    knot = _pd_knot(knotinfo_pd("6_1"), "knotinfo:6_1", "6_1")
    for agent in agents:
        with contextlib.suppress(Exception):
            certify_ribbon(knot, agent, 5.0, seed)


def run(out_dir, set_name: str, agents=("auto",), budget_s: float = 60.0, reference_budget_s: float = 60.0,
        limit: int | None = None, seed: int = 0, coq_sample_size: int = 20,
        count: int | None = None, reference: bool = True) -> tuple[list[Row], str]:
    """Run the benchmark; write ``results.csv``, ``summary.md``, ``plot.png`` and the certificates."""
    from ..unknot.bench import coq_sample

    out = Path(out_dir)
    cert_dir = out / "certs"
    drawn = instances(set_name, seed=seed, limit=limit, count=count)
    if not drawn:
        raise ValueError(f"{set_name}: no knots selected")
    _warm_up(agents, seed)
    rows: list[Row] = []
    started = time.monotonic()
    with Progress() as progress:
        task = progress.add_task(f"bench ribbon {set_name}", total=len(drawn) * (len(agents) + reference))
        for index, item in enumerate(drawn):
            for agent in agents:
                progress.update(task, description=f"{item.name} ({item.crossings} cr.): {agent}")
                rows.append(run_agent(item, agent, budget_s, seed + index, cert_dir))
                progress.advance(task)
            if reference:
                progress.update(task, description=f"{item.name} ({item.crossings} cr.): {REFERENCE}")
                rows.append(run_reference(item, reference_budget_s))
                progress.advance(task)
            write_csv(out, rows)  # partial results survive an interrupted run
    wall = time.monotonic() - started
    coq_line = coq_sample(rows, coq_sample_size, seed) if coq_sample_size else "Coq sample not requested"
    write_outputs(out, rows, coq_line, set_name=set_name, agents=list(agents), budget_s=budget_s,
                  reference_budget_s=reference_budget_s if reference else None, seed=seed, wall_s=wall)
    return rows, coq_line


# --------------------------------------------------------------------------------------------------
# Reports


def _median(values) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def _fmt(value, spec: str = ".3f") -> str:
    return "—" if value is None else format(value, spec)


def method_summary(rows: list[Row]) -> list[dict]:
    """Per method: knots, solved, median and total seconds, median bands, obstructions, errors."""
    table = []
    for method in dict.fromkeys(row.method for row in rows):
        group = [row for row in rows if row.method == method]
        solved = [row for row in group if row.solved]
        table.append({
            "method": method, "knots": len(group), "solved": len(solved),
            "median_seconds": _median(row.seconds for row in group),
            "total_seconds": sum(row.seconds for row in group),
            "median_seconds_solved": _median(row.seconds for row in solved),
            "median_bands": _median(row.bands for row in solved if row.bands is not None),
            "obstructed": sum(row.note.startswith("slice obstruction") for row in group),
            "errors": sum(row.note.startswith("error") or row.note.startswith("self-check") for row in group),
            "timeouts": sum(row.note.startswith(("timeout", "not found within", "killed")) for row in group),
            "killed": sum(row.note.startswith("killed") for row in group),
        })
    return table


def bucket_of(set_name: str, crossings: int) -> str:
    """The crossing bucket of the report: a range for :data:`RANGED_SETS`, the crossing number otherwise."""
    if set_name in RANGED_SETS:
        for low, high in (FUSION_SETS[set_name][1] if set_name in FUSION_SETS else SUM_MIRROR_RANGES):
            if low <= crossings <= high:
                return f"{low}–{high}"
        return f"{crossings}"
    return str(crossings)


def bucket_summary(rows: list[Row], set_name: str) -> list[dict]:
    """Per (crossing bucket, method): knots, solved, median seconds."""
    order = sorted({row.crossings for row in rows})
    buckets = list(dict.fromkeys(bucket_of(set_name, c) for c in order))
    table = []
    for bucket in buckets:
        for method in dict.fromkeys(row.method for row in rows):
            group = [r for r in rows if r.method == method and bucket_of(set_name, r.crossings) == bucket]
            if group:
                table.append({"bucket": bucket, "method": method, "knots": len(group),
                              "solved": sum(r.solved for r in group),
                              "median_seconds": _median(r.seconds for r in group)})
    return table


SET_DESCRIPTIONS = {
    "knotinfo-slice-12": "KnotInfo knots with 1–12 crossings and smooth 4-genus 0 (158 in all)",
    "knotinfo-slice-13": "KnotInfo knots with 13 crossings and smooth 4-genus 0 (353 in all)",
    "sum-mirror": "K # −K (−K = mirror image with reversed orientation; ribbon by the classical argument), "
                  "drawn as the symmetric union D ∪ −D* (D joined to its reflection), "
                  "for KnotInfo knots K with 8–13 crossings and random knots K with 14–35 crossings",
    "sum-mirror-plain": "the same K # −K drawn as an ordinary connected sum (D beside −D, no symmetry) and "
                        "scrambled by 4–12 random crossing-increasing Reidemeister moves",
    "fusion": "GHMR-style ribbon knots: b = 2–5 random fusion bands on the (b+1)-component unlink drawn as the "
              "closure of w·w⁻¹ (random braid word w), scrambled by 4–12 random Reidemeister moves; ribbon by "
              "construction (the unlink's discs joined by the bands form a disc)",
    "fusion-many": "the same construction with b = 6–9 fusion bands (more bands than the reference's two)",
    "ribbon-sum": "connected sums of 3 or 4 slice KnotInfo knots with 6–10 crossings (whose discs joined "
                  "have a band per summand: more than the reference's two), drawn as ordinary connected sums "
                  "and scrambled by 4–12 random crossing-increasing Reidemeister moves",
}


def write_csv(out: Path, rows: list[Row]) -> None:
    """``results.csv``: one row per (knot, method), the fields of :class:`Row`."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(Row.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)


def write_outputs(out: Path, rows: list[Row], coq_line: str, *, set_name: str, agents: list[str],
                  budget_s: float, reference_budget_s: float | None, seed: int, wall_s: float = 0.0) -> None:
    """The three report files (see the module docstring)."""
    write_csv(out, rows)
    names = list(dict.fromkeys(row.name for row in rows))
    crossings = [row.crossings for row in rows]
    table = method_summary(rows)
    lines = [
        "| method | solved | median s | total s | median s (solved) | median bands | timeouts | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for item in table:
        lines.append(
            f"| {item['method']} | {item['solved']}/{item['knots']} ({item['solved'] / item['knots']:.1%}) | "
            f"{_fmt(item['median_seconds'])} | {item['total_seconds']:.1f} | {_fmt(item['median_seconds_solved'])} | "
            f"{_fmt(item['median_bands'], 'g')} | {item['timeouts']} | {item['errors']} |")
    by_method = {item["method"]: item for item in table}
    text = [
        f"# pybridge bench ribbon --set {set_name}\n",
        f"{SET_DESCRIPTIONS[set_name]}: {len(names)} knots with "
        + (f"{min(crossings)}–{max(crossings)}" if min(crossings) < max(crossings) else f"{min(crossings)}")
        + " diagram crossings; "
        "every one is ribbon. Our agents "
        f"({', '.join(agents)}) run through `certify_ribbon` with a {budget_s:g} s budget per knot (the time is the "
        "whole call: slice obstructions, search, certificate, trusted re-check; in a child process killed "
        f"{AGENT_GRACE_S:g} s after the budget)"
        + (f"; `{REFERENCE}` is Dunfield–Gong's `ribbon_concordant_links(max_bands=2, max_twists=1, certify=True, "
           f"filter_for_plausibly_slice=False)` on the same diagram, killed after {reference_budget_s:g} s."
           if reference_budget_s is not None else ".")
        + f" Seed {seed}; wall time of the run {wall_s:.0f} s.\n",
        "\n".join(lines) + "\n",
    ]
    if REFERENCE in by_method:
        reference_median = by_method[REFERENCE]["median_seconds"]
        for agent in agents:
            ours = by_method.get(agent, {}).get("median_seconds")
            if ours is not None and reference_median:
                text.append(f"Median seconds, {agent} / {REFERENCE}: {ours:.3f} / {reference_median:.3f} = "
                            f"**{ours / reference_median:.2f}×**.  ")
        text.append(f"`{REFERENCE}` writes no move-level certificate: its certificate (PD codes and band specs "
                    "ending in `'unknot'` or a `snappy.RibbonLinks` name) is verified numerically, by comparing "
                    "hyperbolic structures (`verify_ribbon_to_unknot`); it is not re-checked here. "
                    + _reference_endings(rows) + "\n")
    certified = [row for row in rows if row.certificate]
    bad = [row for row in certified if row.trusted_check != "valid"]
    obstructed = [row for row in rows if row.note.startswith("slice obstruction")]
    killed = [row for row in rows if row.note.startswith("killed")]
    if killed:
        text.append(f"Killed after overrunning the budget by more than {AGENT_GRACE_S:g} s (counted as not solved, "
                    f"seconds = time until the kill): {len(killed)} — "
                    + ", ".join(f"{r.method} on {r.name}" for r in killed) + ".\n")
    text.append(f"Trusted checker (file read back from disk): {len(certified) - len(bad)} of {len(certified)} "
                f"certificates valid.  \n{coq_line}.  \nSlice obstructions reported (must be 0 on these sets): "
                f"{len(obstructed)}" + (f" ({', '.join(r.name for r in obstructed)})" if obstructed else "") + ".\n")
    if set_name in RANGED_SETS:
        bucket_lines = ["| crossings | method | knots | solved | median s |", "|---|---|---|---|---|"]
        for item in bucket_summary(rows, set_name):
            bucket_lines.append(f"| {item['bucket']} | {item['method']} | {item['knots']} | "
                                f"{item['solved']}/{item['knots']} ({item['solved'] / item['knots']:.0%}) | "
                                f"{_fmt(item['median_seconds'])} |")
        text.append("## By crossing range\n\n" + "\n".join(bucket_lines) + "\n")
    failures = []
    for method in dict.fromkeys(row.method for row in rows):
        missed = [row for row in rows if row.method == method and not row.solved]
        if missed:
            failures.append(f"- {method} ({len(missed)}): " + ", ".join(
                f"{r.name} ({r.crossings} cr., {r.note})" for r in missed[:40]) + (" …" if len(missed) > 40 else ""))
    text.append("## Not solved\n\n" + ("\n".join(failures) if failures else "Every method solved every knot.") + "\n")
    (out / "summary.md").write_text("\n".join(text))
    plot(out / "plot.png", rows, set_name)


def _reference_endings(rows: list[Row]) -> str:
    """How the reference's solved runs ended (the unknot, or a ``snappy.RibbonLinks`` name), counted."""
    endings = _counts(r.note[len("ends in "):] for r in rows if r.method == REFERENCE and r.solved)
    if not endings:
        return "It solved none."
    return "How its solved runs ended: " + ", ".join(f"{end}: {n}" for end, n in endings.items()) + "."


def _counts(values) -> dict:
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def plot(path: Path, rows: list[Row], set_name: str) -> None:
    """Seconds per knot against crossings (log y, hollow markers: unsolved) and solved fraction per bucket."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    methods = list(dict.fromkeys(row.method for row in rows))
    for index, method in enumerate(methods):
        color = f"C{index}"
        shift = (index - (len(methods) - 1) / 2) * 0.15  # methods side by side at each crossing number
        solved = [r for r in rows if r.method == method and r.solved]
        missed = [r for r in rows if r.method == method and not r.solved]
        left.scatter([r.crossings + shift for r in solved], [max(r.seconds, 1e-3) for r in solved], s=12,
                     color=color, label=f"{method} (solved)", alpha=0.7)
        if missed:
            left.scatter([r.crossings + shift for r in missed], [max(r.seconds, 1e-3) for r in missed], s=24,
                         facecolors="none", edgecolors=color, label=f"{method} (not solved)")
    left.set(xlabel="diagram crossings", ylabel="seconds per knot", yscale="log", title=f"{set_name}: time per knot")
    left.legend(fontsize=8)
    table = bucket_summary(rows, set_name)
    buckets = list(dict.fromkeys(item["bucket"] for item in table))
    width = 0.8 / max(len(methods), 1)
    for index, method in enumerate(methods):
        values = {item["bucket"]: item["solved"] / item["knots"] for item in table if item["method"] == method}
        positions = [b + (index - (len(methods) - 1) / 2) * width for b in range(len(buckets))]
        right.bar(positions, [values.get(b, 0.0) for b in buckets], width=width, label=method, color=f"C{index}")
    right.set_xticks(range(len(buckets)), buckets)
    right.set(xlabel="crossings", ylabel="solved fraction", ylim=(0, 1.18), title="Solved per crossing bucket")
    right.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    right.legend(fontsize=8, loc="upper center", ncol=len(methods))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
