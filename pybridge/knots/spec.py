"""The knot SPEC grammar of the command line (DESIGN.md, "Command-line contract").

============================  =====================================================
``8_20``, ``11n_34``          KnotInfo name (PD and braid from the table)
``K11n34``, ``L2a1``, ``4_1`` SnapPy/Rolfsen/Hoste–Thistlethwaite name (spherogram)
``braid:1,-2,1``              braid on ``max|g|+1`` strands
``braid:4:1,-2,1``            braid on 4 strands (brackets optional: ``braid:[1,-2,1]``)
``pd:[[1,5,2,4],...]``        PD code (JSON list of 4-lists)
``gordian``, ``goeritz``, …   a classic hard unknot diagram (:mod:`pybridge.knots.hard_unknots`)
``dt:[4,6,2]``                Dowker–Thistlethwaite code
``@path.yaml``                a YAML file: ``{name: ...}``, ``{braid: [...], strands: n}``,
                              ``{pd: [[...]]}``, ``{dt: [...]}``, or a certificate (its input)
============================  =====================================================

Every failure raises a :class:`~pybridge.errors.PybridgeError` subclass whose message names the
offending item; nothing else escapes :func:`parse_spec`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from ..errors import InputFileError, InvalidDiagramError, PybridgeError, SpecError, UnknownKnotError
from . import catalog
from .braid import BraidWord
from .convert import braid_to_pd, dt_to_pd, link_to_pd
from .pd import PDCode
from .pd_convention import to_knot_atlas

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,40}$")
MAX_SPEC_LENGTH = 1_000_000


@dataclass(frozen=True)
class Knot:
    """A parsed SPEC: the diagram it denotes and where it came from.

    ``diagram`` is the diagram the user gave (a :class:`BraidWord` for ``braid:`` specs, else a
    :class:`PDCode`); ``braid`` is a braid representative when one is known (KnotInfo lists one).
    ``source`` is ``knotinfo:NAME``, ``snappy:NAME``, ``braid``, ``pd``, ``dt`` or ``file:PATH``.
    """

    spec: str
    source: str
    diagram: BraidWord | PDCode
    braid: BraidWord | None = None
    name: str | None = None

    @property
    def pd(self) -> PDCode:
        """A PD code of the diagram (braid closures converted with spherogram)."""
        if isinstance(self.diagram, PDCode):
            return self.diagram
        return braid_to_pd(self.diagram)

    @property
    def components(self) -> int:
        """Number of components of the link."""
        return self.diagram.components


def _parse_int_list(text: str, what: str) -> list[int]:
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    if not body.strip():
        return []
    letters = []
    for item in body.split(","):
        item = item.strip()
        if not re.fullmatch(r"[+-]?\d{1,12}", item):
            raise SpecError(f"{what}: {item!r} is not an integer")
        letters.append(int(item))
    return letters


def parse_braid(body: str) -> BraidWord:
    """``1,-2,1`` or ``4:1,-2,1`` (strand count first)."""
    if ":" in body:
        strands_text, word_text = body.split(":", 1)
        if not re.fullmatch(r"\s*\d{1,6}\s*", strands_text):
            raise SpecError(f"braid: strand count {strands_text!r} is not a positive integer")
        return BraidWord(int(strands_text), _parse_int_list(word_text, "braid"))
    return BraidWord.from_word(_parse_int_list(body, "braid"))


def _load_json(body: str, what: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise SpecError(f"{what}: not valid JSON ({str(exc).splitlines()[0][:80]})") from None


def parse_pd(body: str) -> PDCode:
    """A JSON list of crossings, each a list of 4 integer labels."""
    data = _load_json(body, "pd")
    if not isinstance(data, list):
        raise SpecError("pd: expected a JSON list of crossings like [[1,5,2,4],...]")
    if not data:
        raise SpecError("pd: empty PD code; write the crossing-free unknot as 0_1 or braid:1:")
    return PDCode(_knot_atlas(data, "pd"))


def _knot_atlas(crossings: list, what: str) -> list:
    """``crossings`` in the Knot Atlas convention, with a note on stderr if any had to be rotated.

    Tuples that start at the outgoing under-strand (oriented by the label order, as spherogram
    reads them) are rotated by two positions; see :mod:`pybridge.knots.pd_convention`.
    """
    normalised, rotated = to_knot_atlas(crossings)
    if rotated:
        click.echo(
            f"note: {what}: rotated {len(rotated)} of {len(normalised)} crossings to the Knot Atlas "
            "convention (their tuples started at the outgoing under-strand)",
            err=True,
        )
    return normalised


def parse_dt(body: str) -> PDCode:
    """A DT code: JSON list of even integers."""
    data = _load_json(body, "dt")
    if not isinstance(data, list):
        raise SpecError("dt: expected a JSON list of even integers like [4,6,2]")
    return dt_to_pd(data)


def parse_name(name: str, spec: str) -> Knot:
    """KnotInfo names first, then SnapPy's tables (through spherogram)."""
    if not NAME_PATTERN.match(name):
        raise SpecError(f"{spec!r} is not a knot name, braid:, pd:, dt: or @file spec")
    if catalog.has_knot(name):
        return Knot(spec, f"knotinfo:{name}", catalog.knotinfo_pd(name), catalog.knotinfo_braid(name), name)
    from .hard_unknots import HARD_UNKNOTS, hard_unknot

    if name.lower() in HARD_UNKNOTS:
        return Knot(spec, f"hard-unknot:{name.lower()}", hard_unknot(name), None, name.lower())
    import snappy  # noqa: F401  (loads the link tables spherogram looks names up in)
    import spherogram

    try:
        link = spherogram.Link(name)
    except Exception:  # spherogram raises ValueError/KeyError/IndexError for unknown names
        raise UnknownKnotError(
            f"unknown knot name {name!r}: not in KnotInfo (e.g. 8_20, 11n_34) nor SnapPy's tables (e.g. K11n34, L2a1)"
        ) from None
    return Knot(spec, f"snappy:{name}", link_to_pd(link), None, name)


def _raw_scalar(text: str, key: str) -> str:
    """The scalar under ``key`` exactly as written: YAML 1.1 would read ``4_1`` as the integer 41."""
    for key_node, value_node in yaml.compose(text).value:
        if key_node.value == key and isinstance(value_node, yaml.ScalarNode):
            return value_node.value
    raise InputFileError(f"{key} must be a plain string such as 8_20")


def parse_file(path_text: str, spec: str) -> Knot:
    """A YAML file holding a name, a braid, a PD or DT code, or a certificate."""
    path = Path(path_text)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputFileError(f"{path_text}: cannot read ({exc.__class__.__name__})") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise InputFileError(f"{path_text}: not valid YAML ({str(exc).splitlines()[0][:80]})") from None
    if not isinstance(data, dict):
        raise InputFileError(f"{path_text}: expected a mapping with one of name, braid, pd, dt, input")
    if "format" in data and isinstance(data.get("input"), dict):
        data = data["input"]
        if "word" in data:
            data = {"braid": data.get("word"), "strands": data.get("strands")}
    source = f"file:{path_text}"
    if "name" in data:
        knot = parse_name(_raw_scalar(text, "name"), spec)
        return Knot(spec, knot.source, knot.diagram, knot.braid, knot.name)
    if "braid" in data:
        word = data["braid"]
        if not isinstance(word, list):
            raise InputFileError(f"{path_text}: braid must be a list of integers")
        strands = data.get("strands")
        braid = BraidWord(strands, word) if strands is not None else BraidWord.from_word(word)
        return Knot(spec, source, braid, braid)
    if "pd" in data:
        if not isinstance(data["pd"], list):
            raise InputFileError(f"{path_text}: pd must be a list of crossings")
        crossings = _knot_atlas(data["pd"], f"{path_text}: pd")
        return Knot(spec, source, PDCode(crossings, data.get("free_components", 0)))
    if "dt" in data:
        if not isinstance(data["dt"], list):
            raise InputFileError(f"{path_text}: dt must be a list of even integers")
        return Knot(spec, source, dt_to_pd(data["dt"]))
    raise InputFileError(f"{path_text}: expected one of the keys name, braid, pd, dt (or a certificate)")


def parse_spec(spec: str) -> Knot:
    """Parse a knot SPEC string (see the module docstring) into a :class:`Knot`.

    >>> parse_spec("braid:1,1,1").diagram
    BraidWord(strands=2, word=(1, 1, 1))
    >>> parse_spec("8_20").source
    'knotinfo:8_20'
    """
    if not isinstance(spec, str):
        raise SpecError(f"SPEC must be a string, got {type(spec).__name__}")
    if len(spec) > MAX_SPEC_LENGTH:
        raise SpecError(f"SPEC is {len(spec)} characters long; the limit is {MAX_SPEC_LENGTH}")
    text = spec.strip()
    if not text:
        raise SpecError("empty SPEC: give a knot name, braid:..., pd:..., dt:... or @file.yaml")
    try:
        prefix, _, body = text.partition(":")
        kind = prefix.strip().lower()
        if text.startswith("@"):
            return parse_file(text[1:], spec)
        if kind == "braid" and _:
            braid = parse_braid(body)
            return Knot(spec, "braid", braid, braid)
        if kind == "pd" and _:
            return Knot(spec, "pd", parse_pd(body))
        if kind == "dt" and _:
            return Knot(spec, "dt", parse_dt(body))
        return parse_name(text, spec)
    except PybridgeError:
        raise
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise SpecError(f"SPEC {spec[:40]!r} is too large or deeply nested ({exc.__class__.__name__})") from None
