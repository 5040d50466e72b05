"""Knot diagrams: validated braid words and PD codes, the SPEC parser, conversions, KnotInfo access
and invariants."""

from .braid import BraidWord
from .pd import PDCode
from .spec import Knot, parse_spec

__all__ = ["BraidWord", "Knot", "PDCode", "parse_spec"]
