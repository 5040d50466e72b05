"""Say what a knot diagram is, and how we know: exact invariants matched against KnotInfo, narrowed by
SnapPy's isometry test for hyperbolic knots.

Steps, cheapest first (:func:`identify`):

1. A diagram that regina's (or spherogram's) simplifier takes to no crossings is the unknot (exact:
   the simplification is a sequence of Reidemeister moves).
2. Exact invariants of the simplified diagram — determinant and signature (the project's Goeritz /
   Gordon–Litherland code), Alexander polynomial and Jones polynomial (regina) — are looked up in an
   index of the KnotInfo table (12,965 knots up to 13 crossings). KnotInfo lists one of each mirror
   pair, so a match is accepted up to mirror image (σ ↦ −σ, V(t) ↦ V(1/t)); the mirror image of a
   chiral knot ``K`` is named ``m(K)`` (both are listed when neither σ nor V tells them apart), an
   amphicheiral knot (KnotInfo's symmetry type) just ``K``.
3. If more than one table knot is left: knot Floer data (Seifert genus, fiberedness, τ), when the
   simplified diagram is small enough for Szabó's program to be cheap.
4. If still more than one is left: SnapPy's isometry test of the knot complements against each
   candidate, for hyperbolic inputs. Knot complements determine knots up to mirror image
   (Gordon–Luecke), so an isometry identifies the knot, but the test is **numerical** (floating-point
   hyperbolic structures), and the answer says so.

The result says which steps decided it. A diagram whose exact invariants match no table knot is
certainly not a knot of up to 13 crossings. A match is a proof only when the simplified diagram has at most
13 crossings (then the knot is in the table); a larger simplified diagram may be a knot outside the table
with the same invariants, and is named only by SnapPy's isometry test (numerical) or left unidentified. The KnotInfo index is built once per
``database_knotinfo`` version and cached as JSON under the user cache (``~/.cache/pybridge``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from ..errors import PybridgeError
from .pd import PDCode

INDEX_VERSION = 4
#: knot Floer homology is computed for narrowing only on simplified diagrams up to this size
HFK_MAX_CROSSINGS = 30
#: KnotInfo's table goes up to this many crossings: a diagram simplified to at most this many crossings is a
#: table knot, so a unique match of exact invariants identifies it; a larger one may be a knot outside the table
TABLE_MAX_CROSSINGS = 13
#: the isometry test is tried against at most this many candidates
ISOMETRY_MAX_CANDIDATES = 12
#: polynomials are computed only on simplified diagrams up to this size (a table knot whose diagram
#: does not simplify below it is reported as not identified, never guessed)
POLYNOMIAL_MAX_CROSSINGS = 40
#: regina's simplification is tried first; spherogram's only when it leaves more crossings than this
SPHEROGRAM_AFTER = 20


@dataclass
class Identification:
    """What an input diagram is: ``names`` (KnotInfo names, ``m(K)`` for a mirror image; one name: identified
    uniquely; none: no table knot), ``exact`` (True when only exact invariants decided it), ``method`` (how,
    in words), the invariants computed on the way, and ``decided`` (False: too large to look up)."""

    names: list[str] = field(default_factory=list)
    exact: bool = True
    method: str = ""
    invariants: dict = field(default_factory=dict)
    #: False when the diagram was too large to compute the invariants (``names`` is then empty and means nothing)
    decided: bool = True
    #: the candidates left by the exact invariants alone (before SnapPy's numerical narrowing)
    exact_names: list[str] = field(default_factory=list)

    @property
    def unique(self) -> bool:
        """Whether exactly one knot (or mirror pair member) is left."""
        return len(self.names) == 1

    def matches(self, name: str) -> bool:
        """Whether the KnotInfo knot ``name`` (either chirality) is among the candidates."""
        return any(candidate in (name, f"m({name})") for candidate in self.names)

    def summary(self) -> str:
        """One line: ``8_20 (exact: ...)`` or ``one of 5_1, 10_132 (...)`` or ``not a KnotInfo knot (...)``."""
        kind = "exact" if self.exact else "numerical"
        if not self.decided:
            return self.method
        if not self.names:
            return f"not a knot of KnotInfo's table ({kind}: {self.method})"
        if self.unique:
            return f"{self.names[0]} ({kind}: {self.method})"
        shown = ", ".join(self.names[:8]) + (f", ... ({len(self.names)} in all)" if len(self.names) > 8 else "")
        return f"one of {shown} ({kind}: {self.method})"


# --------------------------------------------------------------------------------------------------
# exact invariants as comparable keys
# --------------------------------------------------------------------------------------------------


_TERM = re.compile(r"([+-]?)(\d+)?\*?(?:(t)(?:\^\(?(-?\d+)\)?)?|/t(?:\^\(?(\d+)\)?)?|(/t))?")


def parse_polynomial(text: str) -> dict[int, int]:
    """A KnotInfo polynomial in ``t`` (``'-t^(-5)+ t^(-4)- 2*t+ 1'``) as ``{exponent: coefficient}``.

    >>> parse_polynomial("t+ t^3-t^4")
    {1: 1, 3: 1, 4: -1}
    >>> parse_polynomial("-7 + 2/t + 16*t - t^10 + t^(-3) - 1/t^2")
    {0: -7, -1: 2, 1: 16, 10: -1, -3: 1, -2: -1}
    """
    body = text.replace(" ", "")
    terms: dict[int, int] = {}
    position = 0
    while position < len(body):
        match = _TERM.match(body, position)
        sign, number, power, exponent, inverse_power, inverse = match.groups()
        over_t = inverse_power is not None or inverse is not None or match.group(0).endswith("/t")
        if match.end() == position or (number is None and power is None and not over_t):
            raise ValueError(f"cannot read the polynomial {text!r} at {body[position:]!r}")
        coefficient = (int(number) if number else 1) * (-1 if sign == "-" else 1)
        if over_t:
            degree = -(int(inverse_power) if inverse_power else 1)
        else:
            degree = (int(exponent) if exponent else 1) if power else 0
        terms[degree] = terms.get(degree, 0) + coefficient
        position = match.end()
    return {e: c for e, c in terms.items() if c}


def alexander_key(coefficients: dict[int, int]) -> tuple[int, ...]:
    """The Alexander polynomial up to units ±t^k: coefficients from the lowest term, sign fixed so the
    lowest coefficient is positive (it is symmetric, so reversal needs no extra care)."""
    if not coefficients:
        return (0,)
    low, high = min(coefficients), max(coefficients)
    values = [coefficients.get(k, 0) for k in range(low, high + 1)]
    if values[0] < 0:
        values = [-v for v in values]
    return tuple(values)


def jones_key(coefficients: dict) -> tuple[tuple[str, int], ...]:
    """The Jones polynomial as a sorted tuple of (exponent as text, coefficient)."""
    return tuple(sorted((str(Fraction(e)), c) for e, c in coefficients.items() if c))


def mirror_jones(coefficients: dict) -> dict:
    """V(1/t): the Jones polynomial of the mirror image."""
    return {-Fraction(e): c for e, c in coefficients.items()}


# --------------------------------------------------------------------------------------------------
# the KnotInfo index (cached)
# --------------------------------------------------------------------------------------------------


def _index_path() -> Path:
    from importlib.metadata import version

    from ..prover import cache_root

    return cache_root() / "identify" / f"knotinfo-index-v{INDEX_VERSION}-{version('database_knotinfo')}.json"


def _build_index() -> dict:
    from .catalog import _table

    index: dict[str, list] = {"1,0": [{"name": "0_1", "signature": 0, "alexander": [1], "jones": {"0": 1},
                                       "floer": {"genus": "0", "fibered": "Y", "tau": "0"}, "amphicheiral": True}]}
    for name, row in _table().items():
        if name == "0_1":
            continue
        det, sigma = int(row["determinant"]), int(row["signature"])
        alexander = list(alexander_key(parse_polynomial(row["alexander_polynomial"])))
        jones = {str(e): c for e, c in parse_polynomial(row["jones_polynomial"]).items()}
        floer = {"genus": row.get("three_genus"), "fibered": row.get("fibered"),
                 "tau": row.get("ozsvath_szabo_tau_invariant")}
        amphicheiral = "amphicheiral" in str(row.get("symmetry_type") or "")
        index.setdefault(f"{det},{abs(sigma)}", []).append(
            {"name": name, "signature": sigma, "alexander": alexander, "jones": jones, "floer": floer,
             "amphicheiral": amphicheiral})
    return index


@lru_cache(maxsize=1)
def knotinfo_index() -> dict:
    """``"det,|σ|" -> [{name, signature, alexander, jones, floer}]`` for every KnotInfo knot, from the cache
    (built on first use, written atomically; an unreadable cache is rebuilt)."""
    path = _index_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    index = _build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(index, stream)
        os.replace(temporary, path)
    except OSError:  # a read-only cache is no error: the index is simply rebuilt next time
        pass
    return index


@lru_cache(maxsize=1)
def knotinfo_names() -> frozenset[str]:
    """Every knot name of the index (KnotInfo's table and ``0_1``), without loading the table itself."""
    return frozenset(entry["name"] for entries in knotinfo_index().values() for entry in entries)


# --------------------------------------------------------------------------------------------------
# identification
# --------------------------------------------------------------------------------------------------


def _regina_polynomials(pd: PDCode) -> tuple[dict[int, int], dict]:
    from .convert import pd_to_regina

    link = pd_to_regina(pd)
    alexander = link.alexander()
    alex = {k: int(str(alexander[k])) for k in range(alexander.degree() + 1)}
    laurent = link.jones()
    jones = {Fraction(k, 2): int(str(laurent[k])) for k in range(laurent.minExp(), laurent.maxExp() + 1)}
    return alex, {e: c for e, c in jones.items() if c}


def _floer(pd: PDCode) -> dict | None:
    if pd.crossing_count > HFK_MAX_CROSSINGS:
        return None
    from .convert import pd_to_link

    data = pd_to_link(pd).knot_floer_homology()
    return {"genus": data["seifert_genus"], "fibered": data["fibered"], "tau": data["tau"]}


def _chirality(entry: dict, sigma: int, jones: dict) -> list[str]:
    """``[name]``, ``[m(name)]`` or both, as the signature and Jones polynomial allow."""
    direct = jones_key(jones) == jones_key({Fraction(e): c for e, c in entry["jones"].items()}) and \
        sigma == entry["signature"]
    mirrored = jones_key(mirror_jones(jones)) == jones_key({Fraction(e): c for e, c in entry["jones"].items()}) and \
        sigma == -entry["signature"]
    if entry["amphicheiral"]:  # the knot is its own mirror image: one name
        return [entry["name"]] if direct or mirrored else []
    return [n for n, ok in ((entry["name"], direct), (f"m({entry['name']})", mirrored)) if ok]


def _snappy_name(name: str) -> str:
    """KnotInfo name -> a name SnapPy's tables know (``11n_34`` -> ``K11n34``; Rolfsen names as they are)."""
    return "K" + name.replace("_", "") if ("a_" in name or "n_" in name) else name


def _isometric(pd: PDCode, names: list[str]) -> list[str] | None:
    """The candidates whose complement SnapPy finds isometric to the input's (None: test not possible)."""
    import snappy

    from .convert import pd_to_link

    try:
        manifold = pd_to_link(pd).exterior()
        if manifold.solution_type() != "all tetrahedra positively oriented":
            return None
        kept = []
        for name in names:
            base = name[2:-1] if name.startswith("m(") else name
            other = snappy.Manifold(_snappy_name(base))
            if manifold.is_isometric_to(other):
                kept.append(name)
        return kept
    except Exception:  # snappy raises RuntimeError/ValueError when it cannot decide; then we do not narrow
        return None


def simplified(pd: PDCode) -> PDCode:
    """An isotopic, usually much smaller diagram of the knot ``pd``: regina's ``Link.simplify`` (fast,
    C++); if that leaves more than :data:`SPHEROGRAM_AFTER` crossings, spherogram's ``'level'``
    simplification (seeded), and ``'global'`` when still too large for the polynomials. Every one of
    them is a sequence of Reidemeister moves."""
    import random

    from .convert import pd_to_link, pd_to_regina

    if not pd.crossings:
        return pd
    link = pd_to_regina(pd)
    link.simplify()
    if link.size() == 0:
        return PDCode([], free_components=1)
    if link.size() <= SPHEROGRAM_AFTER:
        return PDCode([list(c) for c in link.pdData()])
    spherogram_link = pd_to_link(PDCode([list(c) for c in link.pdData()]))
    state = random.getstate()
    random.seed(0)
    try:
        spherogram_link.simplify("level")
        if len(spherogram_link.crossings) > POLYNOMIAL_MAX_CROSSINGS:
            spherogram_link.simplify("global")
    finally:
        random.setstate(state)
    crossings = [list(c) for c in spherogram_link.PD_code()] if spherogram_link.crossings else []
    return PDCode(crossings, spherogram_link.unlinked_unknot_components)


def identify(pd: PDCode) -> Identification:
    """Identify the knot diagram ``pd`` (see the module docstring). Links are not identified."""
    if pd.components != 1:
        return Identification([], True, f"a {pd.components}-component link (only knots are looked up in KnotInfo)",
                              decided=False)
    from .invariants import link_determinant, link_signature
    small = simplified(pd)
    if not small.crossings:
        return Identification(["0_1"], True, "the diagram simplifies to no crossings by Reidemeister moves (a proof)")
    invariants = {"crossings": pd.crossing_count, "simplified_crossings": small.crossing_count}
    if small.crossing_count > POLYNOMIAL_MAX_CROSSINGS:
        return Identification([], True, f"not identified: the simplified diagram still has {small.crossing_count} "
                                           f"crossings (polynomials are computed up to {POLYNOMIAL_MAX_CROSSINGS})",
                              invariants, decided=False)
    det, sigma = abs(link_determinant(small)), link_signature(small)
    alexander, jones = _regina_polynomials(small)
    invariants.update(determinant=det, signature=sigma)
    steps: list[str] = []
    candidates = []
    for entry in knotinfo_index().get(f"{det},{abs(sigma)}", []):
        if entry["alexander"] == list(alexander_key(alexander)):
            candidates += [(entry, name) for name in _chirality(entry, sigma, jones)]
    if not candidates:
        return Identification([], True, "no KnotInfo knot has its determinant, signature, Alexander and Jones "
                                        "polynomials", invariants)
    count = len(candidates)
    steps.append(f"{'the only KnotInfo knot' if count == 1 else f'{count} KnotInfo knots or mirror images'} (up to 13 "
                 "crossings) with its determinant, signature, Alexander and Jones polynomials")
    if len(candidates) > 1:
        floer = _floer(small)
        if floer is not None:
            invariants["knot_floer"] = floer
            kept = [(e, n) for e, n in candidates if _floer_agrees(e["floer"], floer, n.startswith("m("))]
            if kept and len(kept) < len(candidates):
                candidates = kept
                steps.append(f"{len(kept)} of them with its knot Floer genus, fiberedness and τ")
    names = [name for _, name in candidates]
    exact_names = list(names)
    exact = True
    if small.crossing_count > TABLE_MAX_CROSSINGS:
        return _beyond_table(small, names, steps, invariants)
    if 1 < len(names) <= ISOMETRY_MAX_CANDIDATES:
        kept = _isometric(small, names)
        if kept and len(kept) < len(names):
            names, exact = kept, False
            steps.append(f"SnapPy finds its complement isometric to that of {' and '.join(kept)} only (numerical; "
                         "knot complements determine knots up to mirror image, Gordon–Luecke)")
    return Identification(names, exact, "; ".join(steps), invariants, exact_names=exact_names)


def _beyond_table(small: PDCode, names: list[str], steps: list[str], invariants: dict) -> Identification:
    """A diagram that does not simplify to the table's size: matching invariants do not prove it is a table
    knot (a knot with more crossings may share them), so only SnapPy's isometry test (numerical) can name it."""
    steps.append(f"but its simplified diagram still has {small.crossing_count} crossings, more than the table's "
                 f"{TABLE_MAX_CROSSINGS}, so a knot outside the table may share these invariants")
    kept = _isometric(small, names) if len(names) <= ISOMETRY_MAX_CANDIDATES else None
    if kept is None:
        return Identification([], True, "not identified: " + "; ".join(steps) + " (no isometry test possible)",
                              invariants, decided=False, exact_names=names)
    if not kept:
        steps.append("SnapPy finds its complement isometric to none of them (numerical)")
    else:
        steps.append(f"SnapPy finds its complement isometric to that of {' and '.join(kept)} (numerical; knot "
                     "complements determine knots up to mirror image, Gordon–Luecke)")
    return Identification(kept, False, "; ".join(steps), invariants, exact_names=names)


def _floer_agrees(table: dict, ours: dict, mirrored: bool) -> bool:
    """Whether KnotInfo's genus / fibered / τ (where listed) agree with ours (τ changes sign under mirror)."""
    def as_int(text):
        try:
            return int(str(text))
        except (TypeError, ValueError):
            return None

    genus, tau = as_int(table.get("genus")), as_int(table.get("tau"))
    if genus is not None and genus != ours["genus"]:
        return False
    if tau is not None and (-tau if mirrored else tau) != ours["tau"]:
        return False
    fibered = table.get("fibered")
    return not (fibered in ("Y", "N") and (fibered == "Y") != bool(ours["fibered"]))


# --------------------------------------------------------------------------------------------------
# certificate inputs (used by ``pybridge check`` and the report, never by the trusted checker)
# --------------------------------------------------------------------------------------------------


def input_diagram(calculus: str, data: dict) -> PDCode | None:
    """The PD code of a certificate's ``input`` (braid closures via spherogram); None for other calculi."""
    if calculus == "pd":
        return PDCode(data["pd"], data.get("free", 0))
    if calculus == "braid":
        from .braid import BraidWord
        from .convert import braid_to_pd

        return braid_to_pd(BraidWord(data["strands"], data["word"]))
    return None


def source_knot(source) -> str | None:
    """The KnotInfo name a provenance ``source`` such as ``knotinfo:10_123`` claims, else None."""
    if not isinstance(source, str) or not source.startswith("knotinfo:"):
        return None
    name = source.split(":", 1)[1]
    return name if name in knotinfo_names() else None


def label_warning(source, identification: Identification) -> str | None:
    """A warning when ``source`` names a KnotInfo knot the identified input cannot be (None otherwise).

    Only a definite contradiction warns: an identification that lists candidates warns when the named
    knot is not among them; "not identified" never warns.
    """
    name = source_knot(source)
    if name is None or not identification.decided:
        return None
    if identification.matches(name):
        return None
    if any(candidate in (name, f"m({name})") for candidate in identification.exact_names):
        why = f"SnapPy finds its complement not isometric to that of {name} (numerical)"
    elif identification.names == ["0_1"]:
        why = "it is the unknot (its diagram simplifies to no crossings)"
    else:
        why = (f"its exact invariants (determinant, signature, Alexander and Jones polynomials, knot Floer data) "
               f"differ from {name}'s")
    return (f"provenance.source says {source}, but the input diagram is not {name}: {why}; it is "
            f"{identification.summary()}. The label is wrong; the verdict is about the input diagram and stands.")


def certificate_identity(cert, valid: bool = False) -> tuple[str | None, str | None]:
    """``(identification summary, label warning)`` for a parsed certificate (any object with ``kind``,
    ``calculus``, ``input``, ``claim`` and ``provenance``); ``(None, None)`` for calculi without a knot
    diagram. ``valid``: the caller's kernels accepted it — then an unknot or unlink certificate is its own
    identification (no invariants are computed). Identification is advisory: an invariant computation
    that fails is reported in the summary, never raised."""
    try:
        pd = input_diagram(cert.calculus, cert.input)
        if pd is None:
            return None, None
        if valid and cert.kind in ("unknot", "unlink"):
            components = cert.claim.get("components", 1)
            what = "0_1" if components == 1 else f"the {components}-component unlink"
            found = Identification(["0_1"] if components == 1 else [], True,
                                   "this certificate, accepted above, proves it", decided=components == 1)
            return f"{what} (exact: this certificate, accepted above, proves it)", \
                label_warning(cert.provenance.get("source"), found)
        found = identify(pd)
    except (PybridgeError, ValueError, RuntimeError) as exc:
        return f"not identified ({type(exc).__name__}: {exc})", None
    return found.summary(), label_warning(cert.provenance.get("source"), found)
