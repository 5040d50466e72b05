"""The trusted replayer of ``unknotting`` certificates (``docs/certificates.md`` §4, "Unknotting").

An ``unknotting`` certificate lives in the planar-diagram calculus: its steps are the Reidemeister
moves of :mod:`.pd_checker` (``r1_*``, ``r2_*``, ``r3``; bands and deaths are refused) and exactly
``claim.changes`` steps ``["crossing_change", i]``, and the last state must be the crossing-free
one-component diagram (no crossings, ``free == 1``).

Mathematics
-----------
A *crossing change* at a crossing exchanges the over- and the under-strand there and changes the
diagram nowhere else (Rolfsen, *Knots and Links*, §3.B; Adams, *The Knot Book*, §3.1). The
*unknotting number* ``u(K)`` is the least number of crossing changes, over all diagrams of ``K`` and
with Reidemeister moves in between, that turn ``K`` into the unknot (Wendt 1937). Since every
Reidemeister move is an isotopy (Reidemeister 1927), a certificate whose replay uses ``k`` crossing
changes and ends at the crossing-free circle proves ``u(input) <= k``: perform the isotopies before
the first change on the diagram, make that change, and so on; the final isotopy class is the unknot.

Convention. Crossing ``(a, b, c, d)`` (KnotAtlas: ``a`` the incoming under-strand, counter-clockwise)
after the change has ``b``–``d`` as its under-strand, so in KnotAtlas order it starts at the end where
that strand comes in: ``(d, a, b, c)`` if the oriented edge ``d`` enters the crossing at position 3,
``(b, c, d, a)`` otherwise (then ``b`` enters at position 1). Both are the same unoriented picture
(the second is the first rotated by two positions); the orientation only chooses the reading that
keeps the code consistently oriented. The Coq mirror (``coq/theories/Unknotting.v``) uses the same
names: ``switch_crossing``, ``crossing_change``, ``apply_u_move``, ``run_u``, ``check_unknotting``.

Like :mod:`.pd_checker` this module imports nothing from the search code.
"""

from __future__ import annotations

from .checker import IllegalMove, Verdict
from .pd_checker import (
    RIBBON_ONLY,
    InvalidDiagram,
    PDDiagram,
    apply_pd_move,
    pd_input_state,
    pd_orientation,
)

#: the step name of a crossing change, and its number of integer arguments
CROSSING_CHANGE = "crossing_change"
CROSSING_CHANGE_ARITY = 1


def switch_crossing(x: tuple, d_enters: bool) -> tuple:
    """``(a, b, c, d)`` with over and under exchanged: ``(d, a, b, c)`` if ``d_enters`` (the edge ``d``
    enters at position 3), else ``(b, c, d, a)``."""
    a, b, c, d = x
    return (d, a, b, c) if d_enters else (b, c, d, a)


def crossing_change(crossings, free: int, i: int) -> PDDiagram:
    """Exchange over and under at crossing ``i`` (0-based); every other crossing is kept as it is.

    ``(a, b, c, d)`` becomes ``(d, a, b, c)`` when the edge ``d`` enters crossing ``i`` at position 3,
    else ``(b, c, d, a)``. Raises :class:`IllegalMove` for an index outside the diagram and
    :class:`InvalidDiagram` when the state is not consistently oriented.
    """
    crossings = tuple(tuple(c) for c in crossings)
    if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(crossings):
        raise IllegalMove(f"crossing {i} is outside 0..{len(crossings) - 1}")
    x = crossings[i]
    orientation = pd_orientation(crossings)
    new = switch_crossing(x, orientation[x[3]][1] == (i, 3))
    return PDDiagram(crossings[:i] + (new,) + crossings[i + 1:], free)


def apply_u_move(state: PDDiagram | tuple, move: tuple) -> PDDiagram:
    """One step of an unknotting certificate: a crossing change, or a Reidemeister move of §4."""
    name, args = move[0], tuple(move[1:])
    crossings, free = state
    if name == CROSSING_CHANGE:
        if len(args) != CROSSING_CHANGE_ARITY:
            raise IllegalMove(f"crossing_change takes {CROSSING_CHANGE_ARITY} argument(s), got {len(args)}")
        return crossing_change(crossings, free, args[0])
    if name in RIBBON_ONLY:
        raise IllegalMove(f"{name} is not an isotopy, not allowed in an unknotting certificate")
    return apply_pd_move((crossings, free), move)


def run_u(state: PDDiagram, steps) -> tuple[PDDiagram, int]:
    """Replay ``steps`` from ``state``; return the final state and the number of crossing changes.

    Raises :class:`IllegalMove` (with ``.step`` set to the index) on the first illegal step."""
    changes = 0
    for index, move in enumerate(steps):
        try:
            state = apply_u_move(state, tuple(move))
        except (IllegalMove, InvalidDiagram) as exc:
            reason = str(exc) if isinstance(exc, IllegalMove) else f"the state became invalid: {exc}"
            error = IllegalMove(reason)
            error.step = index  # type: ignore[attr-defined]
            raise error from None
        changes += move[0] == CROSSING_CHANGE
    return state, changes


def check_unknotting(cert) -> Verdict:
    """Replay an ``unknotting`` certificate and test its claim: exactly ``claim.changes`` crossing
    changes, and the crossing-free one-component diagram at the end."""
    try:
        state = pd_input_state(cert.input)
    except InvalidDiagram as exc:
        return Verdict(False, f"input.pd: {exc}")
    try:
        state, changes = run_u(state, cert.steps)
    except IllegalMove as exc:
        index = getattr(exc, "step", None)
        return Verdict(False, str(exc), index, cert.steps[index] if index is not None else None)
    final = (state.crossings, state.free)
    if state.crossings:
        return Verdict(False, f"claim: the final diagram still has {len(state.crossings)} crossing(s)",
                       final_state=final)
    if state.free != 1:
        return Verdict(False, f"claim: the final state is the {state.free}-component unlink, not the unknot",
                       final_state=final)
    claimed = cert.claim["changes"]
    if changes != claimed:
        return Verdict(False, f"claim.changes: {claimed} claimed but {changes} crossing_change steps",
                       final_state=final)
    return Verdict(True, final_state=final)
