"""The knot steps of ``pybridge run``: unknot certificates, ribbon certificates, slice obstructions.

Each step calls the same code as the CLI (:mod:`pybridge.unknot.certify`, :mod:`pybridge.ribbon.certify`):
search, build the certificate, re-check it with the trusted checker, write it atomically under ``DIR/certs/``.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..certs import write_certificate
from ..errors import PybridgeError
from .section import Section


def _relative(path: Path, out: Path) -> str:
    return str(Path(path).resolve().relative_to(out.resolve()))


def unknot_section(config: dict, out: Path, seed: int) -> Section:
    """Unknot (or unlink) certificates for the configured braids and PD diagrams."""
    from ..knots import parse_spec
    from ..unknot.certify import certify_unknot

    section = Section("unknot", "Unknotting certificates", ["input", "calculus", "agent", "steps", "seconds", "certificate"])
    from .figures import add_diagram

    for spec in config["specs"]:
        label = spec if len(spec) <= 48 else spec[:45] + "..."
        try:
            knot = parse_spec(spec)
            add_diagram(section, knot.pd, label, out)
            certified = certify_unknot(knot, config["agent"], float(config["budget_s"]), seed)
        except PybridgeError as exc:
            section.ok = False
            section.rows.append({"input": label, "calculus": "", "agent": config["agent"], "steps": "",
                                 "seconds": "", "certificate": f"not certified: {exc}"})
            continue
        path = write_certificate(certified.certificate, out / "certs" / "unknot")
        section.certificates.append((certified.certificate, path))
        section.rows.append({"input": label, "calculus": certified.certificate.calculus, "agent": certified.agent,
                             "steps": len(certified.certificate.steps), "seconds": round(certified.seconds, 2),
                             "certificate": _relative(path, out)})
    return section


def _sum_mirror_knot(name: str):
    from ..ribbon.bench import _pd_knot, sum_mirror_pd
    from ..knots.catalog import knotinfo_pd

    return _pd_knot(sum_mirror_pd(knotinfo_pd(name)), f"sum-mirror:{name}", f"{name}#-{name}")


def ribbon_section(config: dict, out: Path, seed: int) -> Section:
    """Ribbon certificates for slice KnotInfo knots and for ``K # −K``; obstructions for the others."""
    from ..knots import parse_spec
    from ..ribbon.certify import SliceObstructedError, certify_ribbon

    section = Section("ribbon", "Ribbon certificates and slice obstructions",
                      ["knot", "crossings", "result", "agent", "bands", "seconds", "certificate"])
    jobs = [(name, lambda n=name: parse_spec(n), True) for name in config["knots"]]
    jobs += [(f"{name} # -{name}", lambda n=name: _sum_mirror_knot(n), True) for name in config["sum_mirror"]]
    jobs += [(name, lambda n=name: parse_spec(n), False) for name in config["obstructed"]]
    for label, make, expect_ribbon in jobs:
        start = time.monotonic()
        row = {"knot": label, "crossings": "", "result": "", "agent": "", "bands": "", "seconds": "", "certificate": ""}
        try:
            knot = make()
            row["crossings"] = knot.pd.crossing_count
            certified = certify_ribbon(knot, config["agent"], float(config["budget_s"]), seed)
        except SliceObstructedError as exc:
            row["result"] = f"obstructed: {exc.obstruction}"
            section.ok &= not expect_ribbon
        except PybridgeError as exc:
            row["result"] = f"not certified: {exc}"
            section.ok = False
        else:
            path = write_certificate(certified.certificate, out / "certs" / "ribbon")
            section.certificates.append((certified.certificate, path))
            row.update(result="ribbon", agent=certified.agent, bands=certified.certificate.claim["bands"],
                       certificate=_relative(path, out))
            section.ok &= expect_ribbon
        row["seconds"] = round(time.monotonic() - start, 2)
        section.rows.append(row)
    return section


def plumbing_section(config: dict, out: Path, seed: int) -> Section:
    """Plumbing-graph pairs: an equivalence certificate, or the invariant that tells them apart."""
    from ..plumbing.equiv import decide
    from ..plumbing.graph import load_graph

    section = Section("plumbing", "Plumbing-graph equivalences (3-manifolds)",
                      ["A", "B", "result", "agent", "moves", "seconds", "certificate"])
    for pair in config["pairs"]:
        row = {"A": pair["a"], "B": pair["b"], "result": "", "agent": "", "moves": "", "seconds": "", "certificate": ""}
        outcome = decide(load_graph(pair["a"]), load_graph(pair["b"]), "auto", float(config["budget_s"]), seed=seed,
                         source="run")
        row["seconds"] = round(outcome.seconds, 2)
        if outcome.status == "certified":
            path = write_certificate(outcome.certificate, out / "certs" / "plumbing")
            section.certificates.append((outcome.certificate, path))
            row.update(result="same 3-manifold (certified)", agent=outcome.agent,
                       moves=len(outcome.certificate.steps), certificate=_relative(path, out))
        elif outcome.status == "refuted":
            row["result"] = f"different: {outcome.reason}"
        else:
            row["result"] = f"not found: {outcome.reason}"
            section.ok = False
        section.rows.append(row)
    if config["pairs"] and not section.certificates:
        section.ok = False
        section.notes.append("no pair was certified equivalent")
    return section
