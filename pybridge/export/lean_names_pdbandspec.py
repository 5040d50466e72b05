"""The Coq/Lean name correspondence of the band move specified from its picture (issue 17, deliverable 7).

``coq/theories/PDBandSpec.v`` is mirrored by ``lean/KnotCert/PDBandSpec.lean`` (namespace ``KnotCert.PDBandSpec``),
name for name. Every *definition* of the Coq file has a Lean ``def`` or ``inductive`` of the same name (index slots
``lab``, ``same_slot``, ``ix``, ``hd_of``; the picture: ``Orientation``, ``Along``, ``FacePath``, ``twist_row``,
``band_labels``, ``SpecBand``; the movie ``SpecRibbonMovie`` with its constructors; the kernel example's
``knot_6_1``, ``band_choices``, ``accepted_bands``; one component from the picture: ``SpecKnot``, ``grow``,
``reach``, ``strands_connected``). The executable witness ``band_witness`` and its helpers are in
``PD.v``/``PD.lean`` and in ``PD_NAME_TABLE``.

Ported to Lean with the Coq names: ``ix_key``, ``last_map``, ``xorb_negb``, ``twist_crossing_row``, the movie
chain ``PDRibbonReach_movie``, ``pd_ribbon_movie``, and ``spec_equiv_knot``, ``xcol_2_strands``,
``six_one_is_a_knot`` (``decide``). Not ported (Coq only): ``band_witness_spec`` (the run-time check is the picture)
with the slot, face, orientation, freshness and rewriting lemmas it rests on (:data:`PDBANDSPEC_COQ_LEMMAS`),
``validate_pd_oriented`` (valid inputs are consistently oriented), ``refine_band`` (a case analysis of
``apply_pd_move``), ``strands_connected_knot`` (with ``grow_eqv``, ``reach_eqv``) and the kernel computation
``bands_of_6_1`` (Coq ``vm_compute``; no Lean ``decide`` attempted without a toolchain to time it). The statements
of ``band_witness_spec``, ``validate_pd_oriented``, ``refine_band``, ``bands_of_6_1`` and ``strands_connected_knot``
are Lean propositions ``<name>_statement``; the Lean ``PDRibbonReach_movie``, ``pd_ribbon_movie`` and
``six_one_is_a_knot`` take the ones they need (and the ``PDSpec``/``PDInsertSpec`` statements) as explicit
hypotheses, where the Coq theorems take none.

The Lean file has not been compiled (no Lean toolchain here). ``pybridge/export/lean.py`` adds a ``SpecMirror`` for
it (``PDBANDSPEC_FILES``, ``PDBANDSPEC_NAME_TABLE``, ``PDBANDSPEC_CONSTRUCTORS``, ``PDBANDSPEC_COQ_ONLY`` without
:data:`PDBANDSPEC_COQ_TACTICS`, ``PDBANDSPEC_LEAN_ONLY``).
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
PDBANDSPEC_FILES: dict[str, tuple[str, ...]] = {"PDBandSpec.v": ("PDBandSpec.lean",)}

_HM = ("(Lean: with the hypotheses refine_r1_remove_statement, refine_r2_remove_statement, refine_r3_statement, "
       "WL_r1_statement, WL_r2_statement, add_refinement_statement, wl_preservation_rest_statement, "
       "refine_band_statement")

#: (Coq declaration in ``coq/theories/PDBandSpec.v``, Lean declaration in ``lean/KnotCert/PDBandSpec.lean``,
#: what it is)
PDBANDSPEC_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    # slots by index
    ("lab", "lab", "the label at index slot `(i, p)` (crossing `i` counted from 0), if any"),
    ("same_slot", "same_slot", "equality of index slots, as a test"),
    # the picture
    ("Orientation", "Orientation",
     "`hd` marks head ends: under-strand in at 0, out at 2, over-strand in at one of 1, 3; each edge one head"),
    ("Along", "Along", "one step of a face walk: leave along the edge at `(c, +1)`, arrive at its other end"),
    ("FacePath", "FacePath", "a list of arrival slots along one face"),
    ("twist_row", "twist_row", "a crossing of the twist region in its planar arrangement, by sign"),
    ("band_labels", "band_labels", "the new labels of a band with `m` full twists"),
    ("SpecBand", "SpecBand",
     "the oriented band move from its picture: two edges of one face walked the same way, heads re-attached, "
     "a twist region of fresh labels"),
    # the checker's band is the picture
    ("ix", "ix", "the index slot of a key slot"),
    ("hd_of", "hd_of", "the checker's orientation as a head marking of index slots"),
    ("ix_key", "ix_key", "`ix (key_of i, p) = (i, p)`"),
    ("last_map", "last_map", "`last` commutes with `map`"),
    ("xorb_negb", "xorb_negb", "`xorb a b = true` gives `a = negb b`"),
    ("twist_crossing_row", "twist_crossing_row", "the checker's `twist_crossing` is `twist_row`"),
    # what an accepted ribbon certificate proves
    ("SpecRibbonMovie", "SpecRibbonMovie",
     "specification isotopies, exactly `b` bands given by their picture and `d` deaths"),
    ("PDRibbonReach_movie", "PDRibbonReach_movie",
     "the checker's ribbon chains are `SpecRibbonMovie` movies " + _HM + ")"),
    ("pd_ribbon_movie", "pd_ribbon_movie",
     "an accepted ribbon certificate: a movie with pictured bands to a trivial diagram, one component, no "
     "hypothesis in Coq " + _HM + ", validate_pd_WL_statement)"),
    # bands computed in the kernel
    ("knot_6_1", "knot_6_1", "the standard PD code of 6_1"),
    ("band_choices", "band_choices", "every pair of edges of 6_1 with both sides"),
    ("accepted_bands", "accepted_bands", "how many of those bands the checker accepts for a twist number"),
    # one component, from the picture
    ("SpecKnot", "SpecKnot", "one component: no non-constant mod-2 colouring"),
    ("spec_equiv_knot", "spec_equiv_knot",
     "every specification isotopy keeps a knot a knot (Lean: with the hypotheses r1_col_statement, "
     "r2_col_statement, r3_col_fwd_statement)"),
    ("grow", "grow", "one pass of joining labels to the start along the straight-through pairs"),
    ("reach", "reach", "`k` passes of `grow`"),
    ("strands_connected", "strands_connected", "every edge on one strand and no free circle, or one free circle"),
    ("xcol_2_strands", "xcol_2_strands", "a mod-2 colouring is constant along a strand through a crossing"),
    ("six_one_is_a_knot", "six_one_is_a_knot",
     "`SpecKnot` of 6_1 (Lean: `decide`, with the hypothesis strands_connected_knot_statement)"),
)

#: (Coq constructor, Lean constructor): same spelling on both sides
PDBANDSPEC_CONSTRUCTORS: tuple[tuple[str, str], ...] = tuple((name, name) for name in (
    "movie_refl", "movie_step", "movie_band", "movie_death",
))

#: Coq theorems not ported whose statements the Lean file records as ``<name>_statement``
PDBANDSPEC_MAIN_THEOREMS: tuple[str, ...] = (
    "band_witness_spec", "validate_pd_oriented", "refine_band", "bands_of_6_1", "strands_connected_knot",
)

#: Coq lemmas of PDBandSpec.v whose proofs are not ported to Lean (the steps of ``band_witness_spec`` and of
#: ``strands_connected_knot``)
PDBANDSPEC_COQ_LEMMAS: tuple[str, ...] = (
    "ix_inj", "key_ix", "slot_eqb_same", "real_slot_lab", "real_slot_add1", "along_spec", "walk_spec", "in_two",
    "other_end_unique", "lab_some", "oriented_spec", "labels_pmem", "distinct_b_nodup", "fresh_spec", "kept_spec",
    "grow_eqv", "reach_eqv",
)

#: the Ltac tactics of PDBandSpec.v: not declarations, so merge only the other entries of
#: :data:`PDBANDSPEC_COQ_ONLY` into ``COQ_ONLY``
PDBANDSPEC_COQ_TACTICS: tuple[str, ...] = ("split_ands",)

_NOT_PORTED = "proved in coq/theories/PDBandSpec.v; Lean proof not ported (no Lean toolchain here)"

#: Coq declarations of PDBandSpec.v with no Lean counterpart of the same name, and why
PDBANDSPEC_COQ_ONLY: dict[str, str] = {
    **{name: _NOT_PORTED + f"; the statement is KnotCert.PDBandSpec.{name}_statement"
       for name in PDBANDSPEC_MAIN_THEOREMS},
    **{name: _NOT_PORTED + " (a step of band_witness_spec or strands_connected_knot)"
       for name in PDBANDSPEC_COQ_LEMMAS},
    **{name: "Ltac (not a declaration): splits a conjunction of Boolean tests" for name in PDBANDSPEC_COQ_TACTICS},
}

#: Lean declarations of PDBandSpec.lean with no Coq counterpart of the same name, and why
PDBANDSPEC_LEAN_ONLY: dict[str, str] = {
    f"{name}_statement": f"the statement of the Coq theorem {name} (PDBandSpec.v), as a Prop (not proved in Lean; "
                         f"ported theorems that need it take it as an explicit hypothesis)"
    for name in PDBANDSPEC_MAIN_THEOREMS
}
