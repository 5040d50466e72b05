import KnotCert.PD
import KnotCert.PDSpec

/-!
# KnotCert.PDInsertSpec: the crossing-inserting PD moves, read in the specification

The Lean 4 mirror of `coq/theories/PDInsertSpec.v`, name for name (the table is
`PDINSERTSPEC_NAME_TABLE` in `pybridge/export/lean_names_pdinsertspec.py`).

`PDSpec` states soundness with two hypotheses about the moves that insert crossings
(`AddRefinement`, `WLPreservation`). `PD.v`/`PD.lean` accept `R1Add`, `R2Add` and `Band` only with a
run-time witness (`undo_r1`, `undo_r2`, `keep_labelled`): the result is well-labelled
(`labels_twice`) and, for the two Reidemeister insertions, removing the inserted crossing(s) gives
back the diagram before the move, exactly (`pd_state_eqb`). The Coq file turns the witnesses into
`add_refinement : AddRefinement` and `wl_preservation : WLPreservation` and restates soundness with
no hypothesis left (`pd_spec_unknot`, `pd_spec_unlink`, `pd_spec_ribbon`, `pd_unknot_no_colouring`).

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only: no Mathlib,
no Batteries) and checked by reading only.

**What is proved here** (same names as Coq): `crossing_eqb_eq`, `crossings_eqb_eq`,
`pd_state_eqb_eq` (the Boolean equality of the witness is equality), `keep_labelled_spec`, and the
compositions `wl_preservation`, `pd_spec_unknot`, `pd_spec_unlink`, `pd_spec_ribbon`,
`pd_unknot_no_colouring`.

**What is not ported.** The Coq proofs of `labels_twice_WL` (it rests on the context lemma
`cx_pos_slots` of `PDSpec.v`, itself not ported), `undo_r1_spec`, `undo_r2_spec` (they unfold
`apply_pd_move`), `add_refinement` and `wl_preservation_rest` (the guard-by-guard case analysis of
`apply_pd_move`, Coq's tactic `open_pd_guards`). Their statements are the propositions
`*_statement` below; the Lean theorems that need them take them as explicit hypotheses, next to the
`PDSpec` statements they need (`HR1`, `HR2`, `HR3`: `refine_r1_remove`, `refine_r2_remove`,
`refine_r3`; `HV`: `validate_pd_WL`; `HW1`, `HW2`: `WL_r1`, `WL_r2`; `HC1`, `HC2`, `HC3`: `r1_col`,
`r2_col`, `r3_col_fwd`). So the Lean `pd_spec_*` theorems still carry hypotheses: `add_refinement`
and `wl_preservation_rest` (`HA`, `HWR`) among them. In Coq they carry none.
-/

namespace KnotCert.PDInsertSpec

open KnotCert
open KnotCert.PDSpec
open KnotCert.PDSpec.Aux

/-! ## Coq lemmas and theorems not ported to Lean, as propositions -/

/-- Coq `labels_twice_WL`: the checker's test `labels_twice` implies well-labelledness. -/
def labels_twice_WL_statement : Prop :=
  ∀ (xs : List Crossing), labels_twice xs = true → WellLabelled xs

/-- Coq `undo_r1_spec`: an accepted curl insertion is well-labelled and R1 removes it again. -/
def undo_r1_spec_statement : Prop :=
  ∀ (t s u : PDState), undo_r1 t s = some u →
    u = t ∧ WellLabelled t.crossings ∧ apply_pd_move t (PDMove.R1Remove (List.length s.crossings)) = some s

/-- Coq `undo_r2_spec`: an accepted bigon insertion is well-labelled and R2 removes it again. -/
def undo_r2_spec_statement : Prop :=
  ∀ (t s u : PDState), undo_r2 t s = some u →
    u = t ∧ WellLabelled t.crossings ∧
      apply_pd_move t
        (PDMove.R2Remove (List.length s.crossings) (List.length s.crossings + 1)) = some s

/-- Coq `add_refinement : AddRefinement` (every accepted `R1Add`/`R2Add` is a specification step, R1 or
R2 read backwards). -/
def add_refinement_statement : Prop := AddRefinement

/-- Coq `wl_preservation_rest : WLPreservationRest` (`R1Add`, `R2Add` and `Band` keep codes
well-labelled). -/
def wl_preservation_rest_statement : Prop := WLPreservationRest

/-! ## Part 6: the insertions, through their run-time witnesses -/

theorem crossing_eqb_eq : ∀ (x y : Crossing), crossing_eqb x y = true → x = y
  | (a, b, c, d), (a', b', c', d'), h => by
    have h' : (Nat.beq a a' && Nat.beq b b' && Nat.beq c c' && Nat.beq d d') = true := h
    obtain ⟨h123, h4⟩ := pds_and_true h'
    obtain ⟨h12, h3⟩ := pds_and_true h123
    obtain ⟨h1, h2⟩ := pds_and_true h12
    rw [Nat.eq_of_beq_eq_true h1, Nat.eq_of_beq_eq_true h2, Nat.eq_of_beq_eq_true h3,
      Nat.eq_of_beq_eq_true h4]

theorem crossings_eqb_eq : ∀ (xs ys : List Crossing), crossings_eqb xs ys = true → xs = ys
  | [], [], _ => rfl
  | [], _ :: _, h => by cases h
  | _ :: _, [], h => by cases h
  | x :: xs, y :: ys, h => by
    have h' : (crossing_eqb x y && crossings_eqb xs ys) = true := h
    obtain ⟨h1, h2⟩ := pds_and_true h'
    rw [crossing_eqb_eq x y h1, crossings_eqb_eq xs ys h2]

theorem pd_state_eqb_eq : ∀ (s t : PDState), pd_state_eqb s t = true → s = t
  | PDState.mk_pd xs f, PDState.mk_pd ys g, h => by
    have h' : (crossings_eqb xs ys && Nat.beq f g) = true := h
    obtain ⟨h1, h2⟩ := pds_and_true h'
    rw [crossings_eqb_eq xs ys h1, Nat.eq_of_beq_eq_true h2]

/-- Coq `keep_labelled_spec`; the Coq lemma `labels_twice_WL` it uses is the hypothesis `HL`. -/
theorem keep_labelled_spec (HL : labels_twice_WL_statement) :
    ∀ (t u : PDState), keep_labelled t = some u → u = t ∧ WellLabelled t.crossings := by
  intro t u h
  cases g : labels_twice t.crossings with
  | false =>
    have e : keep_labelled t = none := by
      show (if labels_twice t.crossings = true then some t else none) = none
      rw [g]
      try rfl
    rw [e] at h
    cases h
  | true =>
    have e : keep_labelled t = some t := by
      show (if labels_twice t.crossings = true then some t else none) = some t
      rw [g]
      try rfl
    rw [e] at h
    cases h
    exact ⟨rfl, HL _ g⟩

/-- Coq `wl_preservation` (`WLPreservation_reduce wl_preservation_rest`); the Lean
`WLPreservation_reduce` takes the `PDSpec` statements `HR1`, `HR2`, `HR3`, `HW1`, `HW2`, and the
Coq theorem `wl_preservation_rest` is the hypothesis `HWR`. -/
theorem wl_preservation
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HW1 : WL_r1_statement) (HW2 : WL_r2_statement) (HWR : wl_preservation_rest_statement) :
    WLPreservation :=
  WLPreservation_reduce HR1 HR2 HR3 HW1 HW2 HWR

/-! ## What an accepted PD certificate proves

In Coq with no hypothesis left; in Lean with the statements of the Coq theorems that are not ported
(`HA`: `add_refinement`, `HWR`: `wl_preservation_rest`, and the `PDSpec` ones). -/

/-- Coq `pd_spec_unknot`. -/
theorem pd_spec_unknot
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) :
    ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot →
      SpecEquiv c.pd_input (pd_trivial 1) :=
  check_pd_spec_unknot HR1 HR2 HR3 HV HA (wl_preservation HR1 HR2 HR3 HW1 HW2 HWR)

/-- Coq `pd_spec_unlink`. -/
theorem pd_spec_unlink
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) :
    ∀ (c : PDCert), check_pd c = true → c.pd_kind ≠ Kind.Ribbon →
      SpecEquiv c.pd_input (pd_trivial c.pd_claim) :=
  check_pd_spec_unlink HR1 HR2 HR3 HV HA (wl_preservation HR1 HR2 HR3 HW1 HW2 HWR)

/-- Coq `pd_spec_ribbon`. -/
theorem pd_spec_ribbon
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) :
    ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Ribbon →
      ∃ (f d : Nat), SpecRibbonReach c.pd_claim d c.pd_input (pd_trivial f) ∧ f + d = c.pd_claim + 1 ∧
        link_components c.pd_input = some 1 :=
  check_pd_spec_ribbon HR1 HR2 HR3 HV HA (wl_preservation HR1 HR2 HR3 HW1 HW2 HWR)

/-- Coq `pd_unknot_no_colouring`: no accepted unknot certificate starts from a diagram with a
non-constant Fox `p`-colouring. -/
theorem pd_unknot_no_colouring
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) :
    ∀ (p : Int) (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot → ¬ NontrivCol p c.pd_input :=
  check_pd_unknot_no_colouring HR1 HR2 HR3 HV HC1 HC2 HC3 HA (wl_preservation HR1 HR2 HR3 HW1 HW2 HWR)

end KnotCert.PDInsertSpec
