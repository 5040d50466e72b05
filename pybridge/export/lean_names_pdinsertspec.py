"""The Coq/Lean name correspondence of the PD insertion witnesses (issue 17, deliverable 7).

``coq/theories/PDInsertSpec.v`` is mirrored by ``lean/KnotCert/PDInsertSpec.lean`` (namespace
``KnotCert.PDInsertSpec``), name for name. The Coq file has no definitions of its own (the witnesses ``undo_r1``,
``undo_r2``, ``keep_labelled``, ``labels_twice`` and ``pd_state_eqb`` are in ``PD.v``/``PD.lean``); it proves that
the witnesses make ``AddRefinement`` and ``WLPreservation`` hold and restates soundness with no hypothesis.

Ported to Lean with the Coq names: the Boolean-equality lemmas ``crossing_eqb_eq``, ``crossings_eqb_eq``,
``pd_state_eqb_eq``, ``keep_labelled_spec``, and the compositions ``wl_preservation``, ``pd_spec_unknot``,
``pd_spec_unlink``, ``pd_spec_ribbon``, ``pd_unknot_no_colouring``. Not ported (Coq only, in
:data:`PDINSERTSPEC_COQ_ONLY`): ``labels_twice_WL`` (it rests on ``cx_pos_slots`` of ``PDSpec.v``, itself not
ported), ``undo_r1_spec``, ``undo_r2_spec``, ``add_refinement`` and ``wl_preservation_rest`` (case analyses of
``apply_pd_move``); their statements are Lean propositions ``<name>_statement`` (in
:data:`PDINSERTSPEC_LEAN_ONLY`) taken as explicit hypotheses by the ported theorems. So the Lean ``pd_spec_*``
theorems keep hypotheses (the ``PDSpec`` statements plus ``add_refinement_statement`` and
``wl_preservation_rest_statement``) where the Coq ones have none.

The Lean file has not been compiled (no Lean toolchain here). ``pybridge/export/lean.py`` adds a ``SpecMirror`` for
it (``PDINSERTSPEC_FILES``, ``PDINSERTSPEC_NAME_TABLE``, ``PDINSERTSPEC_CONSTRUCTORS``, ``PDINSERTSPEC_COQ_ONLY``
without :data:`PDINSERTSPEC_COQ_TACTICS`, ``PDINSERTSPEC_LEAN_ONLY``).
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
PDINSERTSPEC_FILES: dict[str, tuple[str, ...]] = {"PDInsertSpec.v": ("PDInsertSpec.lean",)}

_HS = ("(Lean: with the hypotheses refine_r1_remove_statement, refine_r2_remove_statement, refine_r3_statement, "
       "WL_r1_statement, WL_r2_statement, wl_preservation_rest_statement)")
_HP = ("(Lean: with the hypotheses refine_r1_remove_statement, refine_r2_remove_statement, refine_r3_statement, "
       "validate_pd_WL_statement, WL_r1_statement, WL_r2_statement, add_refinement_statement, "
       "wl_preservation_rest_statement")

#: (Coq declaration in ``coq/theories/PDInsertSpec.v``, Lean declaration in ``lean/KnotCert/PDInsertSpec.lean``,
#: what it is)
PDINSERTSPEC_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("crossing_eqb_eq", "crossing_eqb_eq", "`crossing_eqb` is equality of crossings"),
    ("crossings_eqb_eq", "crossings_eqb_eq", "`crossings_eqb` is equality of crossing lists"),
    ("pd_state_eqb_eq", "pd_state_eqb_eq", "`pd_state_eqb` (the witness's comparison) is equality of states"),
    ("keep_labelled_spec", "keep_labelled_spec",
     "an accepted band result is well-labelled (Lean: with the hypothesis labels_twice_WL_statement)"),
    ("wl_preservation", "wl_preservation", "every move keeps codes well-labelled: `WLPreservation` " + _HS),
    ("pd_spec_unknot", "pd_spec_unknot",
     "an accepted unknot certificate: input `SpecEquiv` the unknot, no hypothesis in Coq " + _HP + ")"),
    ("pd_spec_unlink", "pd_spec_unlink",
     "an accepted unlink/unknot certificate: input `SpecEquiv` the trivial diagram, no hypothesis in Coq "
     + _HP + ")"),
    ("pd_spec_ribbon", "pd_spec_ribbon",
     "an accepted ribbon certificate: `SpecRibbonReach` to a trivial diagram, one component, no hypothesis in Coq "
     + _HP + ")"),
    ("pd_unknot_no_colouring", "pd_unknot_no_colouring",
     "an accepted unknot certificate's input has no non-trivial Fox colouring, no hypothesis in Coq "
     + _HP + ", r1_col_statement, r2_col_statement, r3_col_fwd_statement)"),
)

#: (Coq constructor, Lean constructor): the Coq file declares no inductive types or records
PDINSERTSPEC_CONSTRUCTORS: tuple[tuple[str, str], ...] = ()

#: Coq lemmas and theorems not ported whose statements the Lean file records as ``<name>_statement``
PDINSERTSPEC_MAIN_THEOREMS: tuple[str, ...] = (
    "labels_twice_WL", "undo_r1_spec", "undo_r2_spec", "add_refinement", "wl_preservation_rest",
)

#: the Ltac tactics of PDInsertSpec.v: not declarations (the declaration parser of ``tests/test_lean.py`` does not
#: see them), so merge only the other entries of :data:`PDINSERTSPEC_COQ_ONLY` into ``COQ_ONLY``
PDINSERTSPEC_COQ_TACTICS: tuple[str, ...] = ("open_pd_guards",)

_NOT_PORTED = "proved in coq/theories/PDInsertSpec.v; Lean proof not ported (no Lean toolchain here)"

#: Coq declarations of PDInsertSpec.v with no Lean counterpart of the same name, and why
PDINSERTSPEC_COQ_ONLY: dict[str, str] = {
    **{name: _NOT_PORTED + f"; the statement is KnotCert.PDInsertSpec.{name}_statement"
       for name in PDINSERTSPEC_MAIN_THEOREMS},
    **{name: "Ltac (not a declaration): opens the guards of an accepted apply_pd_move branch" for name in
       PDINSERTSPEC_COQ_TACTICS},
}

#: Lean declarations of PDInsertSpec.lean with no Coq counterpart of the same name, and why
PDINSERTSPEC_LEAN_ONLY: dict[str, str] = {
    f"{name}_statement": f"the statement of the Coq theorem {name} (PDInsertSpec.v), as a Prop (not proved in Lean; "
                         f"ported theorems that need it take it as an explicit hypothesis)"
    for name in PDINSERTSPEC_MAIN_THEOREMS
}
