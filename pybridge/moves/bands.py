"""Compile spherogram band moves into the planar-diagram calculus, and build ribbon certificates.

spherogram's band machinery (``spherogram.links.bands``, Dunfield–Gong, arXiv 2512.21825, Fig. 7)
describes a band on a link diagram by a :class:`spherogram.links.bands.core.Band`:

* ``cs_along_top = [X, A_1, ..., A_k, Z]`` — crossing strands ``(c, s)`` (crossing *index* in
  ``link.crossings``, strand position ``0..3``). Each one names an edge (the edge at strand ``s`` of
  crossing ``c``) *and* a face: the corner of crossing ``c`` between strands ``s`` and ``s + 1``. The
  band's core is a path in the dual graph ``P0 -> F_0 -> F_1 -> ... -> F_k -> P1``; ``X`` is the
  corner of ``F_0`` on the first attaching edge (the band leaves that edge into ``F_0``), ``A_i`` the
  corner of ``F_i`` on the ``i``-th edge the band crosses (from ``F_{i-1}`` into ``F_i``), and ``Z``
  the corner of ``P1`` on the second attaching edge (which bounds ``F_k``). ``add_one_band`` cuts the
  edges ``X–X.opposite()`` and ``Z–Z.opposite()`` and joins ``X`` to ``Z`` along the top of the band,
  the opposite ends along the bottom.
* ``arc_is_under[i]`` — whether the ``i``-th crossed edge passes *under* the band (the band is over).
* ``num_twist`` — the number of *half* twists (one crossing of the band's two sides each), put next
  to ``X``; spherogram takes it odd exactly when both attaching ends point the same way (``X`` and
  ``Z`` both heads or both tails of their edges), which is what makes the band orientable.

Label conventions. spherogram's ``Link.PD_code()`` lists ``link.crossings`` in order, crossing ``c``
as ``c.strand_labels`` (strand positions ``0..3``, 0-based edge labels, ``0`` the incoming
under-strand, counter-clockwise). We relabel with :meth:`pybridge.knots.pd.PDCode.relabelled` (start
1), which keeps the crossing order and the positions. So the spherogram crossing strand ``(c, s)`` *is*
our slot ``(c, s)``, its edge is the label ``state.crossings[c][s]`` and the spherogram corner ``(c, s)``
is our corner ``(c, s)`` (both trace faces by ``next(c, s) = partner(c, s + 1)``). :func:`edge_label_map`
gives the label map explicitly. A band can equally be given on a :class:`~pybridge.moves.pd.PDState`: its
``(c, s)`` then name the state's own slots (the same as on :func:`link_from_state`).

Compilation (:func:`compile_band`). Let ``e`` be the first attaching edge and ``s`` the side of ``e`` on
which ``F_0`` lies (``X`` is ``e``'s tail slot iff ``F_0`` is its left face). A band is isotopic to a
shorter one whose end has been dragged along its core, so the end on ``e`` is pushed along the path by
finger moves, one per crossed edge ``a_i``:

* band over ``a_i``: ``r2_add tip a_i s`` (the tip goes over; the new tip is the middle piece ``N+1``);
* band under ``a_i``: ``r2_add a_i tip s'`` with ``s'`` the side of ``a_i`` facing the tip's face
  (``a_i`` goes over the tip; the new tip is the under-strand's middle piece ``N+3``).

In both cases the new tip runs parallel to the old one and has the next face ``F_i`` on the same side
``s``. After ``k`` pushes the tip and the second attaching edge ``f`` bound ``F_k``. If ``F_k`` is on side
``s`` of ``f`` too (even ``num_twist = 2t``), one ``band tip f s (TWIST_SIGN * t)`` finishes. Otherwise
(odd ``num_twist``) a kink ``r1_add tip s ε`` first puts a loop into ``F_k``, running against the tip
(so ``F_k`` is on the other side of the loop, the side it is on for ``f``); an untwisted band attached to
that loop is a band with one half twist of handedness ``KINK_HALF_TWIST * ε`` at its end, and
``band loop f s' (TWIST_SIGN * (num_twist - KINK_HALF_TWIST * ε) / 2)`` finishes (``ε`` is chosen so
that the kink's half twist has the sign of ``num_twist``: one half twist needs no ``band`` twist). The
two sign constants were fixed by comparing with ``add_one_band`` (Jones polynomials, hyperbolic
exteriors; ``tests/test_bands.py``): any other choice disagrees with spherogram on most twisted bands.

:func:`ribbon_certificate_from_bands` compiles bands one after the other and then simplifies the result
to a crossing-free unlink with :func:`~pybridge.moves.pd.simplify_recorded`, giving a ``ribbon``
certificate that the trusted checker (:mod:`pybridge.certs.pd_checker`) replays.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ..certs.checker import IllegalMove
from ..certs.model import Certificate
from ..certs.pd_checker import LEFT, RIGHT, PDDiagram, apply_pd_move, edge_face, pd_orientation, pd_positions
from ..knots.pd import PDCode
from .pd import PDState, replay, simplify_recorded

Move = tuple

#: our full twists ``t`` per spherogram full twist (two half twists, ``num_twist = 2``)
TWIST_SIGN = -1
#: the spherogram half twist (+1 or -1) equivalent to a band on the loop of an ``r1_add ... ε`` kink, per ε
KINK_HALF_TWIST = -1


class BandCompileError(ValueError):
    """A band that cannot be expressed (not a simple path, not orientable, or inconsistent with the diagram)."""


# --------------------------------------------------------------------------------------------------
# Conversions between spherogram links and PD states
# --------------------------------------------------------------------------------------------------


def as_band(band):
    """A spherogram ``Band`` from a ``Band``, a compressed spec string or a ``(cs_along_top,
    arc_is_under, num_twist)`` tuple."""
    from spherogram.links.bands.core import Band

    if isinstance(band, Band):
        return band
    if isinstance(band, str):
        return Band(band)
    return Band(*band)


def _is_spherogram_link(obj) -> bool:
    return hasattr(obj, "crossings") and hasattr(obj, "PD_code")


def edge_label_map(link) -> dict[int, int]:
    """spherogram strand label (``link.PD_code()``, 0-based) -> our edge label (:func:`state_from_link`)."""
    code = PDCode(link.PD_code(), link.unlinked_unknot_components)
    relabelled = code.relabelled(1)
    return {old: new for c0, c1 in zip(code.crossings, relabelled.crossings) for old, new in zip(c0, c1)}


def state_from_link(link) -> PDState:
    """The PD state of a spherogram ``Link``; crossing strand ``(c, s)`` of ``link`` is slot ``(c, s)``.

    Crossing ``c`` is ``link.crossings[c]`` (its position in the list, which is what a ``Band``
    indexes), labels are spherogram's strand labels relabelled ``1..2n`` along the components.
    """
    return PDState.from_pd(PDCode(link.PD_code(), link.unlinked_unknot_components))


def link_from_state(state: PDState):
    """A spherogram ``Link`` whose crossing strand ``(c, s)`` is the slot ``(c, s)`` of ``state``.

    spherogram builds the crossings from the PD code in order and keeps the positions (the incoming
    under-strand is already at position 0); this is checked (:class:`BandCompileError` if not).
    """
    import snappy  # noqa: F401  (registers Link.exterior)
    import spherogram

    from spherogram.links.bands.core import normalize_crossing_labels

    ours = {(i, p): label for i, c in enumerate(state.crossings) for p, label in enumerate(c)}
    for crossings in (state.crossings, _oriented_labels(state)):
        link = spherogram.Link([list(c) for c in crossings]) if crossings else spherogram.Link([])
        link.unlinked_unknot_components += state.free
        normalize_crossing_labels(link)  # crossing labels = positions, as the band code requires
        theirs = {(i, p): label for i, c in enumerate(link.PD_code()) for p, label in enumerate(c)}
        if len(theirs) == len(ours) and _pairing(ours) == _pairing(theirs):
            return link
    raise BandCompileError("spherogram did not keep the crossing order and strand positions of the PD state")


def _oriented_labels(state: PDState) -> tuple:
    """The state's crossings with labels renamed ``1, 2, ...`` along each component in the checker's orientation.

    Same crossing order and strand positions (slots), so a band read on it is a band on ``state``; with
    consecutive labels spherogram cannot orient a component (say an over-only one) differently.
    """
    from ..certs.pd_checker import pd_components

    mapping: dict[int, int] = {}
    for component in pd_components(state.crossings, state.positions):
        for i, p in component:
            mapping.setdefault(state.crossings[i][p], len(mapping) + 1)
    return tuple(tuple(mapping[x] for x in c) for c in state.crossings)


def _pairing(slot_labels: dict) -> set[frozenset]:
    by_label: dict[int, list] = {}
    for slot, label in slot_labels.items():
        by_label.setdefault(label, []).append(slot)
    return {frozenset(slots) for slots in by_label.values()}


def _state_of(link_or_pd) -> PDState:
    if isinstance(link_or_pd, PDState):
        return link_or_pd
    if isinstance(link_or_pd, PDCode):
        return PDState.from_pd(link_or_pd)
    if isinstance(link_or_pd, PDDiagram):
        return PDState.of(link_or_pd)
    if _is_spherogram_link(link_or_pd):
        return state_from_link(link_or_pd)
    return PDState.from_pd(PDCode(link_or_pd))  # a plain list of crossings


# --------------------------------------------------------------------------------------------------
# Compiling one band
# --------------------------------------------------------------------------------------------------


class _Tracker:
    """The current diagram while steps are appended (moves applied by the trusted checker)."""

    def __init__(self, state: PDState):
        self.diagram, self.steps = state.diagram, []

    def push(self, move: Move) -> None:
        try:
            self.diagram = apply_pd_move(self.diagram, move)
        except IllegalMove as exc:  # pragma: no cover - guarded by the checks below
            raise BandCompileError(f"compiled step {move} is illegal: {exc}") from None
        self.steps.append(move)

    def max_label(self) -> int:
        return max((x for c in self.diagram.crossings for x in c), default=0)

    def face_side(self, label: int, face_of: tuple[int, int]) -> int | None:
        """Side of edge ``label`` on which the face on side ``face_of[1]`` of edge ``face_of[0]`` lies."""
        crossings = self.diagram.crossings
        positions = pd_positions(crossings)
        orientation = pd_orientation(crossings, positions)
        if label not in orientation:
            return None
        face = set(edge_face(crossings, positions, orientation, face_of[0], face_of[1]))
        tail, head = orientation[label]
        return LEFT if tail in face else (RIGHT if head in face else None)


def compile_band(link_or_pd, band) -> tuple[list[Move], PDState]:
    """Express a spherogram band on ``link_or_pd`` as PD-calculus steps; return ``(steps, final state)``.

    ``link_or_pd`` is a spherogram ``Link`` (the band's crossing indices are positions in
    ``link.crossings``; the start state is :func:`state_from_link`), a :class:`PDState`, a
    :class:`~pybridge.knots.pd.PDCode` (relabelled ``1..2n`` first, positions kept) or a list of
    crossings. ``band`` is a ``Band``, a compressed spec or a tuple. The steps are ``r2_add`` finger moves
    pushing the band's first end along its path, possibly one ``r1_add`` (odd number of half twists) and
    one ``band``; they replay under the trusted checker from the start state. Raises
    :class:`BandCompileError` for bands that are not embedded simple paths or not orientable.
    """
    band = as_band(band)
    start = _state_of(link_or_pd)
    cs = [tuple(x) for x in band.cs_along_top]
    n = len(start.crossings)
    for c, s in cs:
        if not (0 <= c < n and 0 <= s < 4):
            raise BandCompileError(f"crossing strand {(c, s)} is not in a diagram with {n} crossings")
    labels = [start.crossings[c][s] for c, s in cs]
    first, crossed, last = labels[0], labels[1:-1], labels[-1]
    if len(set(labels)) != len(labels):
        raise BandCompileError(f"band {band} meets an edge twice (edges {labels}); only simple paths are supported")

    orientation = start.orientation
    side = LEFT if orientation[first][0] == cs[0] else RIGHT  # F_0 holds corner X
    track = _Tracker(start)
    tip = first
    for label, band_over in zip(crossed, band.arc_is_under):
        other_side = track.face_side(label, (tip, side))
        if other_side is None:
            raise BandCompileError(f"edge {label} does not bound the face the band has reached (band {band})")
        n_max = track.max_label()
        if band_over:
            track.push(("r2_add", tip, label, side))
            tip = n_max + 1
        else:
            track.push(("r2_add", label, tip, other_side))
            tip = n_max + 3

    last_side = track.face_side(last, (tip, side))
    if last_side is None:
        raise BandCompileError(f"the band's path does not end on edge {last} (band {band})")
    half_twists = band.num_twist
    if last_side == side:
        if half_twists % 2:
            raise BandCompileError(f"band {band} is not orientable (odd number of half twists, ends compatible)")
        track.push(("band", tip, last, side, TWIST_SIGN * (half_twists // 2)))
    else:
        if half_twists % 2 == 0:
            raise BandCompileError(f"band {band} is not orientable (even number of half twists, ends opposite)")
        sign = KINK_HALF_TWIST * (1 if half_twists > 0 else -1)  # the kink's half twist has num_twist's sign
        n_max = track.max_label()
        track.push(("r1_add", tip, side, sign))
        loop = n_max + 1
        if track.face_side(loop, (last, last_side)) != last_side:  # pragma: no cover - geometry guarantee
            raise BandCompileError("internal: the kink's loop does not face the band's last edge")
        remaining = half_twists - KINK_HALF_TWIST * sign
        track.push(("band", loop, last, last_side, TWIST_SIGN * (remaining // 2)))
    return list(track.steps), PDState.of(track.diagram)


# --------------------------------------------------------------------------------------------------
# Ribbon certificates
# --------------------------------------------------------------------------------------------------


def ribbon_certificate_from_bands(
    knot_pd,
    bands: Sequence | Iterable,
    *,
    provenance: dict | None = None,
    seed: int = 0,
    time_limit_s: float = 30.0,
    max_steps: int = 50_000,
    attempts: int = 3,
) -> Certificate:
    """A ``ribbon`` PD certificate: compile each band in turn, then simplify to the ``(b+1)``-component unlink.

    ``knot_pd`` is a knot as in :func:`compile_band` (spherogram ``Link``, ``PDState``, ``PDCode`` or
    crossings). Band ``j`` is read on the state reached after compiling bands ``0..j-1`` (no
    simplification in between; its crossing strands are that state's slots, i.e. the crossing strands of
    :func:`link_from_state`). The result after the last band is simplified by
    :func:`~pybridge.moves.pd.simplify_recorded` (``attempts`` seeds from ``seed``) to a crossing-free
    state; free circles that remain are the ``b + 1`` discs of the claim (``remove_free`` steps are only
    added if there are more). Raises :class:`BandCompileError` if a band does not compile and
    ``RuntimeError`` if the banded link is not simplified to an unlink; the returned certificate has
    been accepted by the trusted checker.
    """
    from ..certs import check_certificate

    start = _state_of(knot_pd)
    if start.components != 1:
        raise BandCompileError(f"the input has {start.components} components; a ribbon certificate starts from a knot")
    state, steps, count = start, [], 0
    for band in bands:
        band_steps, state = compile_band(state, band)
        steps.extend(band_steps)
        count += 1
    if count == 0:
        raise BandCompileError("a ribbon certificate needs at least one band")
    for attempt in range(attempts):
        tail = simplify_recorded(state, seed=seed + attempt, time_limit_s=time_limit_s, max_steps=max_steps)
        final = replay(state, tail)
        if not final.crossings:
            break
    else:
        raise RuntimeError(f"could not simplify the banded link to a crossing-free diagram "
                           f"({final.crossing_count} crossings left after {attempts} attempt(s))")
    extra = final.free - (count + 1)
    if extra < 0:
        raise RuntimeError(f"the banded link has {final.free} components, {count + 1} needed")
    tail = list(tail) + [("remove_free",)] * extra
    cert = Certificate.create("ribbon", "pd", start.as_input(), {"bands": count}, steps + tail, provenance or {})
    verdict = check_certificate(cert)
    if not verdict.valid:  # pragma: no cover - compile_band and simplify_recorded use the checker's moves
        raise RuntimeError(f"the trusted checker rejected the ribbon certificate: {verdict}")
    return cert
