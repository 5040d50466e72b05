"""Conversions between braid words, PD codes, DT codes, spherogram/snappy links and regina links.

Label conventions: :class:`~pybridge.knots.pd.PDCode` keeps whatever labels it was given;
spherogram's ``Link.PD_code()`` produces ``0..2n-1``; :func:`pd_to_regina` shifts to ``1..2n``
because ``regina.Link.fromPD`` rejects label 0. All three use the same crossing convention
(``(a, b, c, d)``, ``a`` the incoming under-strand, counter-clockwise), so no other change is needed.
"""

from __future__ import annotations

from typing import Sequence

from ..errors import InvalidDiagramError
from .braid import BraidWord
from .pd import PDCode


def link_to_pd(link) -> PDCode:
    """PD code of a spherogram ``Link`` (labels ``0..2n-1``), with its unlinked unknot components."""
    return PDCode(link.PD_code(), free_components=link.unlinked_unknot_components)


def braid_to_pd(braid: BraidWord) -> PDCode:
    """PD code of the closure of ``braid`` (via spherogram's ``braid_closure``).

    spherogram infers ``max|g| + 1`` strands and drops the strands above; each of those is a
    crossing-free component of the closure and is added to ``free_components``.
    """
    if not braid.word:
        return PDCode([], free_components=braid.strands)
    import spherogram

    link = spherogram.Link(braid_closure=list(braid.word))
    used = max(abs(g) for g in braid.word) + 1
    pd = link_to_pd(link)
    return PDCode(pd.crossings, pd.free_components + braid.strands - used)


def pd_to_link(pd: PDCode):
    """A spherogram ``Link`` for ``pd`` (crossing-free components are kept as unlinked unknots)."""
    import snappy  # noqa: F401  (registers Link.exterior)
    import spherogram

    if not pd.crossings:
        link = spherogram.Link([])
    else:
        link = spherogram.Link([list(c) for c in pd.crossings])
    link.unlinked_unknot_components += pd.free_components
    return link


def pd_to_regina(pd: PDCode):
    """A ``regina.Link`` for ``pd`` with labels shifted to ``1..2n``; crossing-free components are
    added as zero-crossing unknot components (``regina.Link(k)`` is the k-component unlink)."""
    import regina

    if not pd.crossings:
        return regina.Link(pd.free_components)
    relabelled = pd.relabelled(1)
    link = regina.Link.fromPD([list(c) for c in relabelled.crossings])
    if pd.free_components:
        link.insertLink(regina.Link(pd.free_components))
    return link


def dt_to_pd(dt: Sequence[int]) -> PDCode:
    """PD code of the knot with Dowker–Thistlethwaite code ``dt`` (even integers, one per crossing)."""
    import spherogram

    codes = list(dt)
    if not codes or any(isinstance(x, bool) or not isinstance(x, int) or x == 0 or x % 2 for x in codes):
        raise InvalidDiagramError(f"DT code {codes!r}: expected a non-empty list of non-zero even integers")
    if sorted(abs(x) for x in codes) != list(range(2, 2 * len(codes) + 1, 2)):
        raise InvalidDiagramError(f"DT code {codes!r}: |entries| must be 2, 4, ..., {2 * len(codes)} in some order")
    try:
        link = spherogram.Link("DT: " + str(codes))
    except Exception as exc:  # spherogram raises bare Exceptions for non-realisable codes
        raise InvalidDiagramError(f"DT code {codes!r} is not realisable as a planar diagram ({exc})") from None
    return link_to_pd(link)


def mirror_pd(pd: PDCode) -> PDCode:
    """The mirror image: every crossing changed (the over-strand becomes the incoming under-strand)."""
    flipped = []
    for (a, b, c, d), enters_b in zip(pd.crossings, pd.over_strand_enters_at_b()):
        flipped.append((b, c, d, a) if enters_b else (d, a, b, c))
    return PDCode(flipped, pd.free_components)


def reverse_pd(pd: PDCode) -> PDCode:
    """Every component's orientation reversed: the under-strand now enters at ``c``."""
    return PDCode([(c, d, a, b) for a, b, c, d in pd.crossings], pd.free_components)


def connected_sum_pd(first: PDCode, second: PDCode) -> PDCode:
    """Connected sum of two knot diagrams (spherogram's ``Link.connected_sum``)."""
    if first.components - first.free_components != 1 or second.components - second.free_components != 1:
        raise InvalidDiagramError("connected sum is defined here for knots (one component with crossings)")
    if not first.crossings:
        return second
    if not second.crossings:
        return first
    link = pd_to_link(first)
    link.unlinked_unknot_components = 0
    other = pd_to_link(second)
    other.unlinked_unknot_components = 0
    total = link.connected_sum(other)
    pd = link_to_pd(total)
    return PDCode(pd.crossings, first.free_components + second.free_components)
