"""What each certificate's input diagram is (:mod:`pybridge.knots.identify`), in the report's tables.

For every certificate a search section produced, the row that links to it gets an ``identified as``
cell, and a ``provenance.source`` naming a KnotInfo knot the input cannot be becomes a WARNING note at
the top of the section (the certificate's verdict is not touched: it is about the input diagram)."""

from __future__ import annotations

from pathlib import Path

from .section import Section

COLUMN = "identified as"


def add_identities(section: Section, out: Path) -> None:
    """Fill the ``identified as`` column of ``section`` and add label warnings to its notes."""
    from ..knots.identify import certificate_identity

    by_path = {}
    for cert, path in section.certificates:
        try:
            relative = Path(path).resolve().relative_to(out.resolve()).as_posix()
        except ValueError:
            relative = str(path)
        by_path[relative] = cert
    touched = False
    for row in section.rows:
        cert = by_path.get(str(row.get("certificate", "")))
        if cert is None:
            continue
        # the pipeline re-checked every certificate with the trusted checker before handing it over
        identity, warning = certificate_identity(cert, valid=True)
        if identity is None:
            continue
        row[COLUMN] = identity
        touched = True
        if warning:
            section.notes.insert(0, f"WARNING: {row['certificate']}: {warning}")
    if touched and COLUMN not in section.columns:
        section.columns.insert(min(2, len(section.columns)), COLUMN)
