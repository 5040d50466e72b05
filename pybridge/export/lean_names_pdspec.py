"""The Coq/Lean name correspondence of the PD specification (issue 17, deliverables 2 and 7).

``coq/theories/PDSpec.v`` is mirrored by ``lean/KnotCert/PDSpec.lean`` (namespace ``KnotCert.PDSpec``). Every
definition that states the specification (well-labelled PD codes, crossings seen from a corner, joins,
isomorphism, the Reidemeister moves as pictures, the calculus, Fox colourings, the example knots, the two
hypotheses of the soundness theorems, the ribbon relation) has a Lean ``def`` or ``inductive`` of the same name,
and every inductive constructor keeps its Coq spelling. None of the Coq *proofs* is ported yet: their names are
in :data:`PDSPEC_COQ_ONLY` with that reason, and the statements of the main theorems are recorded on the Lean side
as propositions (``*_statement``, in :data:`PDSPEC_LEAN_ONLY`).

The Lean file has not been compiled (see its module docstring). This table is kept in its own module so that
``pybridge/export/lean.py`` can add a ``SpecMirror`` for it (``PDSPEC_FILES``, ``PDSPEC_NAME_TABLE``,
``PDSPEC_CONSTRUCTORS``, ``PDSPEC_COQ_ONLY``, ``PDSPEC_LEAN_ONLY``) when the mirror is wired into
``lean/KnotCert.lean``.
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
PDSPEC_FILES: dict[str, tuple[str, ...]] = {"PDSpec.v": ("PDSpec.lean",)}

#: (Coq declaration in ``coq/theories/PDSpec.v``, Lean declaration in ``lean/KnotCert/PDSpec.lean``, what it is)
PDSPEC_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    # PD codes, declaratively
    ("xlabels", "xlabels", "the four labels of a crossing"),
    ("labels", "labels", "all labels of a code, with multiplicity"),
    ("occ", "occ", "number of occurrences of a label in a code"),
    ("WellLabelled", "WellLabelled", "PD code: every label that occurs, occurs exactly twice"),
    ("rot", "rot", "the crossing seen from corner `k`: positions `k..k+3` carry `w, x, y, z`"),
    ("over_at", "over_at", "positions 1 and 3 (odd) hold the over-strand"),
    # renamings and joins
    ("rn", "rn", "rename every label of a crossing"),
    ("subst", "subst", "replace one label by another"),
    ("join_map", "join_map", "make two strand ends one edge, named by the smaller label"),
    ("join", "join", "two strand ends become one edge; a closed strand becomes a free unknot"),
    ("join2", "join2", "two strands lose their crossings (the second pair read after the first join)"),
    ("PDIso", "PDIso", "same crossings up to order and a renaming with an inverse on the labels"),
    # the moves as pictures
    ("SpecR1", "SpecR1", "Reidemeister I: remove a curl `rot k l l i o`, join `i` and `o`"),
    ("bigon_shape", "bigon_shape", "the strand along the bigon side `e` is over at both crossings or under at both"),
    ("SpecR2", "SpecR2", "Reidemeister II: remove the two crossings of a bigon, join the strands' ends"),
    ("over_both", "over_both", "a triangle edge over at both ends"),
    ("under_both", "under_both", "a triangle edge under at both ends"),
    ("r3_shape", "r3_shape", "the Reidemeister III picture: one triangle edge over-over, one under-under"),
    ("SpecR3", "SpecR3", "Reidemeister III: the triangle moves to the opposite corner of its three crossings"),
    ("SpecStep", "SpecStep", "R1, R2, R3 in either direction, or an isomorphism"),
    ("SpecEquiv", "SpecEquiv", "reflexive-transitive closure of `SpecStep`"),
    ("SpecDeath", "SpecDeath", "remove one free unknot"),
    # Fox colourings
    ("cong", "cong", "congruence modulo `p` (`p` divides `x - y`)"),
    ("xcol", "xcol", "the Fox condition at a crossing: `b = d` and `2 b = a + c` mod `p`"),
    ("Colouring", "Colouring", "a `p`-colouring of the edges"),
    ("AllCong", "AllCong", "all edges and free unknots have one colour"),
    ("NontrivCol", "NontrivCol", "there is a non-constant `p`-colouring"),
    ("colouring_b", "colouring_b", "executable check of the Fox condition"),
    ("table_col", "table_col", "a colouring given as a table (label `l` gets entry `l - 1`)"),
    ("trefoil", "trefoil", "Knot Atlas PD code of 3_1"),
    ("figure_eight", "figure_eight", "Knot Atlas PD code of 4_1"),
    ("knot_5_1", "knot_5_1", "Knot Atlas PD code of 5_1"),
    # soundness
    ("AddRefinement", "AddRefinement", "hypothesis: R1Add/R2Add are steps of the specification (not proved yet)"),
    ("WLPreservation", "WLPreservation", "hypothesis: every move keeps codes well-labelled (not proved yet)"),
    ("WLPreservationRest", "WLPreservationRest",
     "what is left of `WLPreservation`: R2Remove, R1Add, R2Add and Band keep codes well-labelled"),
    ("CheckerBand", "CheckerBand", "the band step as the checker performs it (not yet specified from the picture)"),
    ("SpecRibbonReach", "SpecRibbonReach", "specification isotopies, exactly `b` bands and `d` deaths"),
)

#: (Coq constructor, Lean constructor): same spelling on both sides
PDSPEC_CONSTRUCTORS: tuple[tuple[str, str], ...] = tuple((name, name) for name in (
    "spec_r1", "spec_r1_inv", "spec_r2", "spec_r2_inv", "spec_r3", "spec_r3_inv", "spec_iso",
    "spec_equiv_refl", "spec_equiv_step",
    "spec_ribbon_refl", "spec_ribbon_step", "spec_ribbon_band", "spec_ribbon_death",
))

#: Coq theorems whose statements the Lean file records as ``<name>_statement`` propositions
PDSPEC_MAIN_THEOREMS: tuple[str, ...] = (
    "is_kink_spec", "is_bigon_spec", "is_triangle_spec", "refine_r1_remove", "refine_r2_remove", "refine_r3",
    "validate_pd_WL", "spec_step_col", "spec_equiv_col", "nontriv_not_unknot", "check_pd_spec_unlink",
    "check_pd_spec_unknot", "check_pd_spec_ribbon", "check_pd_unknot_no_colouring",
    "no_unknot_certificate_for_trefoil", "trefoil_not_unknot", "figure_eight_not_unknot", "knot_5_1_not_unknot",
    "WLPreservation_reduce",
)

#: Coq definitions used only inside the refinement and colouring proofs (union-find paths, sequential joins,
#: the equivalence generated by pairs, index bookkeeping, the bigon's closed-loop test)
PDSPEC_COQ_PROOF_DEFINITIONS: tuple[str, ...] = (
    "PathN", "jstep", "seqjoin", "UFrel", "upairs", "Eqv", "pick", "dst", "msel", "lst", "slots_from", "relabel_at",
    "MCL", "mclb",
)

#: Coq lemmas of PDSpec.v that are not ported to Lean yet
PDSPEC_COQ_LEMMAS: tuple[str, ...] = (
    "rot_get4", "in_0123", "odd_S_even", "pget_pset", "pget_leaf", "pmem_pset", "rev'_rev", "PathN_sfind",
    "PathN_root", "PathN_pset", "UFrel_sfind", "join_map_spec", "sunion_UF", "UFrel_mono", "sunion_fold_UF",
    "straighten_parent", "straighten_find", "Eqv_incl", "Eqv_app_l", "Eqv_snoc", "join_map_eq", "seqjoin_snoc",
    "seqjoin_eqv", "Eqv_support", "Eqv_map", "split_deleted_pick", "pick_perm", "pick_none", "pick_single",
    "pick_two", "map_Some_dst", "touched_spec", "name_spec", "msel_some", "msel_none", "dedup_spec",
    "filter_length_perm", "nodup_two", "flat_map_labels4", "in_labels_exists", "straighten_char", "labels_app",
    "labels_map_rn", "rn_ext_in", "map_rn_map_rn", "map_rn_id", "iso_rename", "labels_perm", "occ_perm", "WL_perm",
    "occ_cons", "xlabels_rot", "count_rot", "in_rot", "occ_zero", "occ_pos", "WL_count", "labels_cons", "r1_facts",
    "r1_classes", "roots_single", "Eqv_sep", "upairs_rot", "join_crossings", "join_free", "join2_crossings",
    "lk_true", "lk_false", "roots_pair", "cnt_e", "cnt_g", "cnt_end", "WL_count2", "WL_count2'",
    "add_position_spec", "index_crossings_pos", "index_crossings_xs", "cx_xs_nth", "cx_pos_slots", "cx_n_length",
    "key_of_S", "key_of_inj", "key_of_surj", "slots_from_in", "NoDup_app'", "slots_from_nodup",
    "slots_from_length", "slot_label_real", "other_end_cases", "slot_eqb_spec", "other_end_spec", "face3",
    "pick_ext", "pick_true_perm", "relabel_nth", "relabel_length", "relabel_at_none", "pick_relabel_false",
    "set4_orderA", "set4_orderB", "add_lt4", "cong_refl", "cong_sym", "cong_trans", "cong_lin2", "cong_eq",
    "cong_double", "xcol_rot", "xcol_ext", "xcol_rn", "Colouring_perm", "Colouring_cons", "Colouring_map",
    "Colouring_ext", "in_labels_perm", "NontrivCol_perm", "NontrivCol_iso", "PDIso_sym", "cong_2", "kink_col",
    "const_col", "in_labels_cons", "join_map_cases", "r1_col", "cong_solve", "xcol_ext2", "ind_spec",
    "count4_split", "ind_self", "ind_le", "occ_cons3", "r3_facts", "r3_distinct", "r3_shape_parity", "cong_solve2",
    "r3_col_fwd", "r2_end_facts", "seqjoin_rep", "Eqv_cong", "join2_eq", "mclb_spec", "c2_spec", "bigon_parity",
    "r2_col", "NontrivCol_perm_iff", "NontrivCol_iso_iff", "pd_eta", "spec_r1_col", "spec_r2_col", "rot_add2",
    "r3_shape_add2", "r3_labels", "in_labels_occ", "spec_r3_col", "unknot_no_nontriv", "cong_mod",
    "colouring_b_spec", "nontriv_witness", "pvalues_acc", "pvalues_in", "refine_isotopy", "PDEquiv_spec",
    "PDRibbonReach_spec", "labels_map_rn_eq", "count_map_inj", "WL_iso", "count_map_subst", "WL_r1", "WL_r3",
)

#: Coq examples computed by vm_compute (the colourings of 3_1, 4_1, 5_1)
PDSPEC_COQ_EXAMPLES: tuple[str, ...] = ("trefoil_3_colourable", "figure_eight_5_colourable", "knot_5_1_5_colourable")

_NOT_PORTED = "Coq proof not ported to Lean yet (the Lean file has definitions and statements only)"

#: Coq declarations of PDSpec.v with no Lean counterpart of the same name, and why
PDSPEC_COQ_ONLY: dict[str, str] = {
    **{name: _NOT_PORTED + f"; the statement is KnotCert.PDSpec.{name}_statement" for name in PDSPEC_MAIN_THEOREMS},
    **{name: _NOT_PORTED for name in PDSPEC_COQ_LEMMAS},
    **{name: "definition used only inside the Coq proofs (not ported)" for name in PDSPEC_COQ_PROOF_DEFINITIONS},
    **{name: "Coq Example computed by vm_compute; not mirrored (the Lean file defines the knots only)"
       for name in PDSPEC_COQ_EXAMPLES},
}

#: Lean declarations of PDSpec.lean with no Coq counterpart of the same name, and why
PDSPEC_LEAN_ONLY: dict[str, str] = {
    "PermL": "Coq standard library Permutation (core Lean only; all constructor arguments explicit)",
    "count_occ": "Coq standard library count_occ Pos.eq_dec (core Lean only)",
    **{f"{name}_statement": f"the statement of the Coq theorem {name}, as a Prop (not proved in Lean)"
       for name in PDSPEC_MAIN_THEOREMS},
}
