"""The Coq/Lean name correspondence of the unknotting calculus (issue 20).

``coq/theories/Unknotting.v`` (the executable checker: crossing changes plus the Reidemeister moves of ``PD.v``)
is mirrored by ``lean/KnotCert/Unknotting.lean`` (namespace ``KnotCert``), and ``coq/theories/UnknottingSpec.v``
(the crossing change as a local rewrite of PD codes, the refinement and soundness theorems) by
``lean/KnotCert/UnknottingSpec.lean`` (namespace ``KnotCert.UnknottingSpec``), name for name.

Lean-only declarations split a Coq definition or proof into steps the kernel reduces by case analysis
(``run_u_step``, ``u_run_ok``, ``run_u_step_reach``), or are the statements of the Coq theorems not ported
(``refine_crossing_change_statement``, ``WL_crossing_change_statement``), taken as explicit hypotheses by the
Lean theorems that need them, as in ``PDSpec.lean``. Neither Lean file has been compiled (no Lean toolchain here).
``pybridge/export/lean.py`` adds a ``SpecMirror`` for each file.
"""

from __future__ import annotations

#: the Coq theories and the Lean modules that mirror them
UNKNOTTING_FILES: dict[str, tuple[str, ...]] = {"Unknotting.v": ("Unknotting.lean",),
                                                "UnknottingSpec.v": ("UnknottingSpec.lean",)}

#: (Coq declaration in ``coq/theories/Unknotting.v``, Lean declaration in ``lean/KnotCert/Unknotting.lean``, what)
UNKNOTTING_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("switch_crossing", "switch_crossing", "`(a, b, c, d)` with over and under exchanged: `(d, a, b, c)` or "
     "`(b, c, d, a)`"),
    ("crossing_change", "crossing_change", "exchange over and under at crossing `i` (orientation picks the reading)"),
    ("u_move", "UMove", "a step: a Reidemeister move of `PD` or a crossing change (no band, no death)"),
    ("is_change", "is_change", "a step is a crossing change"),
    ("apply_u_move", "apply_u_move", "one step, `none` when its precondition fails"),
    ("u_cert", "UCert", "unknotting certificate; constructor `mk_u_cert`"),
    ("run_u", "run_u", "replay the steps, count crossing changes"),
    ("u_final_ok", "u_final_ok", "crossing-free, one component, exactly the claimed number of changes"),
    ("check_unknotting", "check_unknotting", "the unknotting checker"),
    ("UReach", "UReach", "Reidemeister moves (`PDStep`) plus exactly `k` crossing changes"),
    ("run_u_reach", "run_u_reach", "`run_u` gives `UReach`"),
    ("check_unknotting_input_valid", "check_unknotting_input_valid", "a checked input is valid"),
    ("check_unknotting_sound", "check_unknotting_sound", "soundness: `UReach (u_claim c) (u_input c) (pd_trivial 1)`"),
)

UNKNOTTING_CONSTRUCTORS: tuple[tuple[str, str], ...] = tuple(
    (name, name) for name in ("UR1Remove", "UR1Add", "UR2Remove", "UR2Add", "UR3", "CrossingChange", "mk_u_cert",
                              "u_input", "u_claim", "u_steps", "u_refl", "u_step", "u_change"))

UNKNOTTING_COQ_ONLY: dict[str, str] = {}

UNKNOTTING_LEAN_ONLY: dict[str, str] = {
    "run_u_step": "one step of run_u (the Coq run_u inlines it)",
    "u_run_ok": "the verdict on run_u's outcome (the Coq check_unknotting inlines the match)",
    "run_u_step_reach": "one step of run_u_reach",
    **{name: "chunked checking of long unknotting certificates (generated modules)"
       for name in ("run_u_append", "run_u_chain", "check_unknotting_of_run")},
}

#: (Coq declaration in ``coq/theories/UnknottingSpec.v``, Lean declaration in ``lean/KnotCert/UnknottingSpec.lean``,
#: what it is)
UNKNOTTINGSPEC_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    ("SpecCrossingChange", "SpecCrossingChange", "crossing change as a picture: `E ⊎ {(a,b,c,d)}` becomes "
     "`E ⊎ {(d,a,b,c)}` or `E ⊎ {(b,c,d,a)}`"),
    ("SpecUnknotting", "SpecUnknotting", "specification isotopies (`SpecStep`) plus exactly `k` crossing changes"),
    ("UReach_spec", "UReach_spec", "the checker's chains are chains of the specification (Lean: with the hypotheses "
     "refine_r1_remove_statement, refine_r2_remove_statement, refine_r3_statement, "
     "refine_crossing_change_statement, WL_crossing_change_statement, AddRefinement, WLPreservation)"),
    ("unknotting_spec_sound", "unknotting_spec_sound", "an accepted certificate: `SpecUnknotting (u_claim c) "
     "(u_input c) (pd_trivial 1)`, i.e. `u(input) <= k` (Coq: no hypothesis; Lean: as `UReach_spec` plus "
     "validate_pd_WL_statement)"),
    ("spec_unknotting_zero", "spec_unknotting_zero", "no crossing change: the chain is `SpecEquiv`"),
    ("no_zero_change_certificate_for_trefoil", "no_zero_change_certificate_for_trefoil",
     "no accepted certificate claims `u(3_1) <= 0` (Lean: with the colouring statements as well)"),
)

UNKNOTTINGSPEC_CONSTRUCTORS: tuple[tuple[str, str], ...] = (
    ("spec_u_refl", "spec_u_refl"), ("spec_u_step", "spec_u_step"), ("spec_u_change", "spec_u_change"))

UNKNOTTINGSPEC_COQ_ONLY: dict[str, str] = {
    "xlabels_switch_perm": "permutation of the four labels (Lean: inside refine_crossing_change_statement)",
    "WL_swap_head": "well-labelledness under a label permutation (Lean: WL_crossing_change_statement)",
    "WL_crossing_change": "proved in Coq; Lean takes WL_crossing_change_statement as a hypothesis",
    "nth_error_firstn_skipn": "list lemma (Lean: inside refine_crossing_change_statement)",
    "refine_crossing_change": "proved in Coq; Lean takes refine_crossing_change_statement as a hypothesis",
}

UNKNOTTINGSPEC_LEAN_ONLY: dict[str, str] = {
    "refine_crossing_change_statement": "statement of the Coq theorem refine_crossing_change (a hypothesis in Lean)",
    "WL_crossing_change_statement": "statement of the Coq theorem WL_crossing_change (a hypothesis in Lean)",
}
