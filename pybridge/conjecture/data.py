"""Knot-invariant datasets for conjecture generation (Davies et al., Nature 600 (2021) 70-74).

Two sources, one row schema (:data:`COLUMNS`):

* ``knotinfo``: every hyperbolic KnotInfo knot up to ``max_crossings`` (12,965 up to 13 crossings).
  Signature and symmetry type come from KnotInfo; volume, Chern-Simons and the maximal-cusp
  translations are computed by SnapPy from KnotInfo's PD code for *every* row (KnotInfo lists cusp data
  only up to 12 crossings, and drops the sign of Re(meridian)); where KnotInfo has them, the SnapPy
  values are cross-checked and the largest deviation is written to the manifest. The injectivity radius
  is slow (a Dirichlet domain per knot), so it is computed for a seeded random sample of ``inj_sample``
  rows and left empty (NaN) elsewhere.
* ``random``: SnapPy invariants of random knots (``spherogram.random_link``, 15-80 crossings after
  simplification, hyperbolic only); signature by the project's own Goeritz code
  (:func:`pybridge.knots.signature.signature`, KnotInfo's convention).

Conventions: on the maximal cusp, ``meridian = meridian_real + i*meridian_imag`` and the longitude
translation is real (SnapPy's ``CuspNeighborhood.translations``); ``slope = Re(longitude/meridian)``
(the natural slope of Davies et al. and Davies-Juhasz-Lackenby-Tomasev); ``inj_radius`` is half the
length of the shortest closed geodesic (SnapPy Dirichlet-domain length spectrum). Units: hyperbolic
lengths and volumes. Every table is cached as ``<cache>/conjecture/<key>.csv`` plus a ``.json``
manifest saying how each column was computed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import multiprocessing
import os
import random
import tempfile
from pathlib import Path

from ..certs.io import shared_file_mode
from ..errors import InputFileError, PybridgeError

SYMMETRIES = ("chiral", "reversible", "fully amphicheiral", "negative amphicheiral", "positive amphicheiral")

COLUMN_DOCS = {
    "name": "KnotInfo name, or random_<seed>_<index>",
    "crossing_number": "KnotInfo crossing number, or crossings of the simplified random diagram",
    "signature": "knot signature, KnotInfo convention (positive trefoil -2); KnotInfo column or own Goeritz code",
    "volume": "hyperbolic volume, snappy Manifold.volume()",
    "chern_simons": "Chern-Simons invariant, snappy Manifold.chern_simons() (mod 1/2)",
    "cusp_volume": "volume of the maximal cusp, snappy CuspNeighborhood at its stopping displacement",
    "meridian_real": "Re of the meridian translation on the maximal cusp (snappy CuspNeighborhood.translations)",
    "meridian_imag": "Im of the meridian translation on the maximal cusp",
    "longitude": "longitude translation on the maximal cusp (real)",
    "slope": "natural slope Re(longitude/meridian) = longitude*meridian_real/|meridian|^2",
    "inj_radius": "half the shortest closed geodesic length (snappy DirichletDomain.length_spectrum_dicts); NaN if not computed",
    **{f"sym_{s.replace(' ', '_')}": f"1 if KnotInfo symmetry_type is '{s}' else 0 (random knots: NaN)" for s in SYMMETRIES},
}
COLUMNS = tuple(COLUMN_DOCS)
NUMERIC = COLUMNS[1:]


class DatasetError(PybridgeError, ValueError):
    """A dataset table is malformed: the message names the column (and row) at fault."""


# -- snappy invariants ------------------------------------------------------------------------------


def cusp_data(manifold) -> dict:
    """Maximal-cusp translations and cusp volume of a one-cusped hyperbolic manifold.

    The cusp neighbourhood is grown to SnapPy's stopping displacement (the maximal cusp); the meridian
    translation is complex, the longitude translation real. Returns ``meridian_real``,
    ``meridian_imag``, ``longitude``, ``cusp_volume`` and ``slope = Re(longitude/meridian)``.
    """
    nbhd = manifold.cusp_neighborhood()
    nbhd.set_displacement(nbhd.stopping_displacement(0), 0)
    meridian, longitude = nbhd.translations(0)
    mu, lam = complex(meridian), float(complex(longitude).real)
    return {"meridian_real": mu.real, "meridian_imag": mu.imag, "longitude": lam,
            "cusp_volume": float(nbhd.volume(0)), "slope": (lam / mu).real}


def _robust_cusp_data(manifold, attempts: int = 4) -> dict:
    """:func:`cusp_data`, retried on re-randomised triangulations when SnapPea's kernel gives up."""
    from snappy.exceptions import SnapPeaFatalError

    work = manifold.copy()
    for _ in range(attempts):
        try:
            return cusp_data(work)
        except (SnapPeaFatalError, RuntimeError, ValueError):
            work.randomize()
    raise SnapPeaFailure("SnapPy could not compute the maximal cusp")


class SnapPeaFailure(RuntimeError):
    """SnapPy's kernel failed on every triangulation tried (the row is skipped and counted)."""


#: seconds one injectivity-radius computation may take before it counts as failed (NaN)
INJ_TIME_LIMIT_S = 10.0


def injectivity_radius(manifold, attempts: int = 4, time_limit_s: float = INJ_TIME_LIMIT_S) -> float:
    """Half the length of the shortest closed geodesic of ``manifold`` (NaN if SnapPy fails).

    The Dirichlet domain construction often fails for table triangulations; we retry with looser vertex
    tolerances, alternating centring, and re-randomised triangulations (``attempts`` rounds), then grow
    the length cutoff from 1.0 in steps of 0.5 until a geodesic appears (at most 6.0). On some
    triangulations SnapPea's construction runs for many minutes and cannot be interrupted, so it runs
    in a forked child that is killed after ``time_limit_s`` seconds (the result is then NaN).
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_injectivity_child, args=(manifold, attempts, send), daemon=True)
    child.start()
    send.close()
    try:
        value = receive.recv() if receive.poll(time_limit_s) else math.nan
    except EOFError:  # the child died (SnapPea crashed)
        value = math.nan
    if child.is_alive():
        child.kill()
    child.join()
    receive.close()
    return value


def _injectivity_child(manifold, attempts: int, connection) -> None:
    try:
        connection.send(_injectivity_radius(manifold, attempts))
    except Exception:  # report a failure as NaN, never hang the parent
        connection.send(math.nan)
    finally:
        connection.close()


def _injectivity_radius(manifold, attempts: int) -> float:
    work = manifold.copy()
    for attempt in range(attempts):
        for epsilon in (1e-8, 1e-6, 1e-5, 1e-4):
            try:
                domain = work.dirichlet_domain(vertex_epsilon=epsilon, maximize_injectivity_radius=attempt % 2 == 0)
            except RuntimeError:
                continue
            return _shortest_geodesic(domain) / 2
        work.randomize()
    return math.nan


def _shortest_geodesic(domain) -> float:
    cutoff = 1.0
    while cutoff <= 6.0:
        spectrum = domain.length_spectrum_dicts(cutoff_length=cutoff)
        if spectrum:
            return min(float(g["length"].real()) for g in spectrum)
        cutoff += 0.5
    return math.nan


def hyperbolic_invariants(link, with_inj: bool) -> dict | None:
    """Volume, Chern-Simons, cusp data (and inj radius) of ``link``'s exterior; None if not hyperbolic."""
    manifold = link.exterior()
    if not manifold.solution_type().startswith("all tetrahedra positively"):
        return None
    row = {"volume": float(manifold.volume()), "chern_simons": float(manifold.chern_simons())}
    row.update(_robust_cusp_data(manifold))
    row["inj_radius"] = injectivity_radius(manifold) if with_inj else math.nan
    return row


# -- KnotInfo ---------------------------------------------------------------------------------------


def _symmetry_columns(text: str) -> dict:
    kind = text.strip()
    return {f"sym_{s.replace(' ', '_')}": float(kind == s) for s in SYMMETRIES}


def _knotinfo_check(row: dict, info: dict, deviations: dict) -> None:
    """Largest |snappy - KnotInfo| per quantity (KnotInfo lists |Re meridian| only)."""
    if not info["meridian_translation"].strip():
        return
    re_mu, im_mu = json.loads(info["meridian_translation"].replace("(", "[").replace(")", "]"))
    longitude = json.loads(info["longitude_translation"].replace("(", "[").replace(")", "]"))[0]
    pairs = {"|meridian_real|": (abs(row["meridian_real"]), re_mu), "meridian_imag": (row["meridian_imag"], im_mu),
             "longitude": (row["longitude"], longitude), "cusp_volume": (row["cusp_volume"], float(info["maximum_cusp_volume"])),
             "volume": (row["volume"], float(info["volume"]))}
    for key, (ours, theirs) in pairs.items():
        deviations[key] = max(deviations.get(key, 0.0), abs(ours - theirs))


def knotinfo_dataset(max_crossings: int = 13, inj_sample: int = 500, seed: int = 0, progress: bool = True):
    """Rows for the hyperbolic KnotInfo knots with at most ``max_crossings`` crossings.

    Returns ``(rows, notes)``; ``notes`` holds the KnotInfo cross-check deviations and counts.
    """
    import snappy  # noqa: F401  (registers Link.exterior)
    import spherogram

    from ..knots.catalog import iter_knotinfo

    infos = [r for r in iter_knotinfo(max_crossings, 3) if r["volume"][:1].isdigit()]
    chosen = set(random.Random(seed).sample(range(len(infos)), min(inj_sample, len(infos))))
    rows, deviations, skipped, failed = [], {}, [], []
    for index, info in _progress(list(enumerate(infos)), "KnotInfo invariants", progress):
        link = spherogram.Link(json.loads(info["pd_notation"]))
        try:
            values = hyperbolic_invariants(link, with_inj=index in chosen)
        except SnapPeaFailure:
            failed.append(info["name"])
            continue
        if values is None:
            skipped.append(info["name"])
            continue
        row = {"name": info["name"], "crossing_number": float(info["crossing_number"]),
               "signature": float(info["signature"]), **values, **_symmetry_columns(info["symmetry_type"])}
        _knotinfo_check(row, info, deviations)
        rows.append(row)
    notes = {"knotinfo_max_abs_deviation": deviations, "skipped_not_hyperbolic": skipped, "snappy_failed": failed,
             "inj_sample": len(chosen), "inj_computed": sum(not math.isnan(r["inj_radius"]) for r in rows)}
    return rows, notes


# -- random knots -----------------------------------------------------------------------------------


def random_dataset(n: int, seed: int = 0, min_crossings: int = 15, max_crossings: int = 80,
                   require_inj: bool = True, progress: bool = True):
    """``n`` hyperbolic random knots with ``min_crossings``..``max_crossings`` crossings after
    simplification (``spherogram.random_link``, seeded through Python's ``random``).

    Signature by the project's Goeritz code. With ``require_inj`` a knot whose Dirichlet domain SnapPy
    cannot build is redrawn (this biases the set towards smaller triangulations; the manifest counts
    the draws). Returns ``(rows, notes)``.
    """
    import snappy  # noqa: F401  (registers Link.exterior)
    import spherogram

    from ..knots.signature import signature

    random.seed(seed)
    rows, tries = [], 0
    for index in _progress(list(range(n)), "random knots", progress):
        while True:
            tries += 1
            if tries > 200 * n:
                raise PybridgeError(f"could not draw {n} hyperbolic random knots in {tries} attempts")
            target = random.randint(min_crossings, max_crossings)
            link = spherogram.random_link(2 * target, num_components=1, alternating=False, simplify="basic")
            if not min_crossings <= len(link.crossings) <= max_crossings:
                continue
            try:
                values = hyperbolic_invariants(link, with_inj=True)
            except SnapPeaFailure:
                continue
            if values is not None and not (require_inj and math.isnan(values["inj_radius"])):
                break
        row = {"name": f"random_{seed}_{index}", "crossing_number": float(len(link.crossings)),
               "signature": float(signature(link.PD_code())), **values,
               **{f"sym_{s.replace(' ', '_')}": math.nan for s in SYMMETRIES}}
        rows.append(row)
    return rows, {"draws": tries, "inj_computed": sum(not math.isnan(r["inj_radius"]) for r in rows)}


def _progress(items, label: str, show: bool):
    if not show:
        return items
    from rich.progress import track

    return track(items, description=label, transient=False)


# -- files ------------------------------------------------------------------------------------------


def cache_root() -> Path:
    """``<cache>/conjecture`` where ``<cache>`` is :func:`pybridge.prover.cache_root` (``$PYBRIDGE_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/pybridge``, else ``~/.cache/pybridge``)."""
    from ..prover import cache_root as user_cache

    return user_cache() / "conjecture"


def write_dataset(rows: list[dict], path: Path, manifest: dict) -> Path:
    """Write ``rows`` as CSV at ``path`` and the manifest beside it (``.json``), each atomically."""
    validate_rows(rows, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (row[k] if k == "name" else repr(float(row[k]))) for k in COLUMNS})
    os.chmod(handle.name, shared_file_mode())  # NamedTemporaryFile is 0600; give the user's umask
    os.replace(handle.name, path)
    full = {**manifest, "rows": len(rows), "columns": COLUMN_DOCS}
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as handle:
        json.dump(full, handle, indent=2, sort_keys=True)
    os.chmod(handle.name, shared_file_mode())  # NamedTemporaryFile is 0600; give the user's umask
    os.replace(handle.name, path.with_suffix(".json"))
    return path


def read_dataset(path: str | Path, required: tuple[str, ...] = ("name", "signature")) -> list[dict]:
    """Read a dataset CSV; :class:`DatasetError` naming the column and row of any malformed entry.

    Every column but ``name`` must parse as a float (``nan`` allowed); ``required`` columns must exist.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such dataset file")
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise DatasetError(f"{path}: missing column(s) {', '.join(missing)} (have: {', '.join(header) or 'none'})")
        rows = []
        for line, raw in enumerate(reader, start=2):
            rows.append({k: (v if k == "name" else _number(v, k, line, path)) for k, v in raw.items()})
    if not rows:
        raise DatasetError(f"{path}: no data rows")
    return rows


def _number(text: str | None, column: str, line: int, path: Path) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        raise DatasetError(f"{path}: column {column!r}, line {line}: {text!r} is not a number") from None


def validate_rows(rows: list[dict], where: str) -> None:
    """Every row has every column of :data:`COLUMNS`, numeric where it must be."""
    for index, row in enumerate(rows):
        for column in COLUMNS:
            if column not in row:
                raise DatasetError(f"{where}: row {index} has no column {column!r}")
            if column != "name" and not isinstance(row[column], (int, float)):
                raise DatasetError(f"{where}: row {index}, column {column!r}: {row[column]!r} is not a number")


def cached_dataset(source: str, progress: bool = True, **params) -> Path:
    """Path of the cached CSV for ``source`` (``knotinfo`` or ``random``) with ``params``; builds it if absent."""
    import snappy

    builders = {"knotinfo": knotinfo_dataset, "random": random_dataset}
    if source not in builders:
        raise DatasetError(f"unknown dataset source {source!r}; choose from {', '.join(builders)}")
    key_text = json.dumps({"source": source, "params": params, "snappy": snappy.__version__, "schema": COLUMNS},
                          sort_keys=True)
    key = hashlib.sha256(key_text.encode()).hexdigest()[:12]
    path = cache_root() / f"{source}-{key}.csv"
    if path.is_file() and path.with_suffix(".json").is_file():
        return path
    rows, notes = builders[source](progress=progress, **params)
    manifest = {"source": source, "params": params, "snappy_version": snappy.__version__, "notes": notes}
    return write_dataset(rows, path, manifest)
