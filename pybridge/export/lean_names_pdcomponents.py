"""The Coq/Lean name correspondence of the number of components (issue 17, deliverable 2).

``coq/theories/PDComponents.v`` is mirrored by ``lean/KnotCert/PDComponents.lean`` (namespace
``KnotCert.PDComponents``), name for name. Every *definition* of the Coq file has a Lean ``def`` of the same
name (``scol``, ``StrandCol``, ``colours``, ``ncolours``, ``Components``, ``Covers``).

Ported to Lean with the Coq names: ``covers_trans``, ``components_unique``, ``spec_equiv_components`` and the
certificate theorems ``pd_unlink_components``, ``pd_unlink_components_claim``. Not ported (Coq only): the
per-move proofs (``r1_covers``, ``r2_covers``, ``r3_covers``, ``covers_iso`` and their helpers,
:data:`PDCOMPONENTS_COQ_LEMMAS`) and the theorems ``covers_components``, ``spec_step_components``,
``components_pd_trivial``, ``strands_connected_components``, ``hopf_two_components``,
``no_unknot_certificate_for_hopf``, whose statements are Lean propositions
``<name>_statement``; the ported theorems take the ones they need as explicit hypotheses, where the Coq
theorems take none.

The Lean file has not been compiled (no Lean toolchain here). ``pybridge/export/lean.py`` adds a ``SpecMirror``
for it.
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
PDCOMPONENTS_FILES: dict[str, tuple[str, ...]] = {"PDComponents.v": ("PDComponents.lean",)}

_HU = ("(Lean: with the hypotheses of PDInsertSpec.pd_spec_unlink, spec_step_components_statement and "
       "components_pd_trivial_statement)")

#: (Coq declaration in ``coq/theories/PDComponents.v``, Lean declaration in ``lean/KnotCert/PDComponents.lean``,
#: what it is)
PDCOMPONENTS_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("scol", "scol", "opposite edges at a crossing get one colour (they lie on one strand)"),
    ("StrandCol", "StrandCol", "a colouring constant along every strand through every crossing"),
    ("colours", "colours", "the colours of the edges and of the free circles"),
    ("ncolours", "ncolours", "the number of different colours"),
    ("Components", "Components", "`D` has `k` components: the most colours a strand colouring can use"),
    ("Covers", "Covers", "every strand colouring of `D` has its colours in one of `D'`"),
    ("covers_trans", "covers_trans", "covering is transitive"),
    ("components_unique", "components_unique", "the number of components is well defined"),
    ("spec_equiv_components", "spec_equiv_components",
     "every specification isotopy keeps the number of components (Lean: with the hypothesis "
     "spec_step_components_statement)"),
    ("pd_unlink_components", "pd_unlink_components",
     "an accepted unknot/unlink certificate's input has exactly `claim` components " + _HU),
    ("pd_unlink_components_claim", "pd_unlink_components_claim",
     "no accepted unknot/unlink certificate claims another number of components " + _HU),
    ("hopf", "hopf", "the Hopf link L2a1, two components"),
)

#: no inductive types in PDComponents.v
PDCOMPONENTS_CONSTRUCTORS: tuple[tuple[str, str], ...] = ()

#: Coq theorems not ported whose statements the Lean file records as ``<name>_statement``
PDCOMPONENTS_MAIN_THEOREMS: tuple[str, ...] = (
    "covers_components", "spec_step_components", "components_pd_trivial", "strands_connected_components",
    "hopf_two_components", "no_unknot_certificate_for_hopf",
)

#: Coq lemmas of PDComponents.v whose proofs are not ported to Lean (the steps of ``spec_step_components``,
#: ``components_pd_trivial`` and ``strands_connected_components``)
PDCOMPONENTS_COQ_LEMMAS: tuple[str, ...] = (
    "nodup_incl_length", "StrandCol_perm", "StrandCol_cons", "StrandCol_map", "colours_map", "covers_perm",
    "covers_iso", "scol_rot", "in_colours_label", "in_colours_free", "in_colours_label'", "in_colours_free'",
    "colours_cases", "StrandCol_rename", "join_map_col", "Eqv_col", "r1_covers", "r3_strand", "r3_covers",
    "r2_covers", "covers_both_trans", "covers_both_perm", "spec_r1_covers", "spec_r2_covers", "spec_r3_covers",
    "spec_step_covers", "nodup_length_seq", "nodup_single", "scol_upairs",
    "lt_add_pos", "lt_0_add1", "lt_S_add2", "lt_add_r",
)

_NOT_PORTED = "proved in coq/theories/PDComponents.v; Lean proof not ported (no Lean toolchain here)"

#: Coq declarations of PDComponents.v with no Lean counterpart of the same name, and why
PDCOMPONENTS_COQ_ONLY: dict[str, str] = {
    **{name: _NOT_PORTED + f"; the statement is KnotCert.PDComponents.{name}_statement"
       for name in PDCOMPONENTS_MAIN_THEOREMS},
    **{name: _NOT_PORTED + " (a step of spec_step_components, components_pd_trivial or strands_connected_components)"
       for name in PDCOMPONENTS_COQ_LEMMAS},
}

#: Lean declarations of PDComponents.lean with no Coq counterpart of the same name, and why
PDCOMPONENTS_LEAN_ONLY: dict[str, str] = {
    "nodupZ": "Coq's standard-library `nodup Z.eq_dec` (not a declaration of PDComponents.v)",
    **{f"{name}_statement": f"the statement of the Coq theorem {name} (PDComponents.v), as a Prop (not proved in "
                            f"Lean; ported theorems that need it take it as an explicit hypothesis)"
       for name in PDCOMPONENTS_MAIN_THEOREMS},
}
