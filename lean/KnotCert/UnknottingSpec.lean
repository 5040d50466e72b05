import KnotCert.Unknotting
import KnotCert.PDSpec

/-!
# KnotCert.UnknottingSpec: what an unknotting certificate means, in the words of the pictures

The Lean 4 mirror of `coq/theories/UnknottingSpec.v`, name for name (table:
`UNKNOTTINGSPEC_NAME_TABLE` in `pybridge/export/lean_names_unknotting.py`).

A crossing change, from the picture (Rolfsen, *Knots and Links*, §3.B; Adams, *The Knot Book*,
§3.1): the plane curve is kept (the same four edges in the same counter-clockwise order) and the
strand `b — d` of `X[a,b,c,d]` goes under, so it takes the even (under) positions:

  `D = E ⊎ {X[a,b,c,d]}`, `D' = E ⊎ {X[d,a,b,c]}` (or `E ⊎ {X[b,c,d,a]}`), same free unknots.

`SpecUnknotting k D D'`: isotopies (`SpecStep` of `PDSpec`) and exactly `k` crossing changes.
`unknotting_spec_sound`: an accepted certificate gives
`SpecUnknotting (u_claim c) (u_input c) (pd_trivial 1)`, i.e. `u(input) ≤ u_claim c` by
Reidemeister's theorem.

**Not compiled** (no Lean toolchain here; Lean 4.9.0 pinned, core only), checked by reading only.

**Statements, not proofs, for what Coq proves at length.** As in `PDSpec.lean`, the Coq proofs
that rest on permutation lemmas (`refine_crossing_change`, `WL_crossing_change`, with
`xlabels_switch_perm`, `WL_swap_head`, `nth_error_firstn_skipn`) are not ported: their statements
are the propositions `refine_crossing_change_statement` and `WL_crossing_change_statement`, taken
as explicit hypotheses by the Lean theorems that use them, next to `PDSpec`'s own
(`refine_r1_remove_statement`, ..., `validate_pd_WL_statement`) and the two hypotheses
`AddRefinement`, `WLPreservation` (proved in Coq's `PDInsertSpec.v`).
-/

namespace KnotCert.UnknottingSpec

open KnotCert
open KnotCert.PDSpec

/-! ## The specification -/

/-- A crossing change as a local rewrite: `D = E ⊎ {(a, b, c, d)}`, `D' = E ⊎ {(d, a, b, c)}` or
`E ⊎ {(b, c, d, a)}`, the same free unknots. -/
def SpecCrossingChange (D D' : PDState) : Prop :=
  ∃ (a b c d : Nat) (E : List Crossing),
    WellLabelled D.crossings ∧ PermPD D.crossings ((a, b, c, d) :: E) ∧
    (PermPD D'.crossings ((d, a, b, c) :: E) ∨ PermPD D'.crossings ((b, c, d, a) :: E)) ∧
    D'.free = D.free

/-- Isotopies and exactly `k` crossing changes. -/
inductive SpecUnknotting : Nat → PDState → PDState → Prop where
  | spec_u_refl : ∀ (D : PDState), SpecUnknotting 0 D D
  | spec_u_step : ∀ (k : Nat) (D D' D'' : PDState),
      SpecStep D D' → SpecUnknotting k D' D'' → SpecUnknotting k D D''
  | spec_u_change : ∀ (k : Nat) (D D' D'' : PDState),
      SpecCrossingChange D D' → SpecUnknotting k D' D'' → SpecUnknotting (k + 1) D D''

/-! ## Statements of the Coq theorems not ported -/

/-- Coq `refine_crossing_change`: the checker's crossing change is the picture. -/
def refine_crossing_change_statement : Prop :=
  ∀ (s : PDState) (i : Nat) (t : PDState), WellLabelled s.crossings →
    crossing_change s i = some t → SpecCrossingChange s t

/-- Coq `WL_crossing_change`: a crossing change keeps codes well-labelled. -/
def WL_crossing_change_statement : Prop :=
  ∀ (D D' : PDState), SpecCrossingChange D D' → WellLabelled D'.crossings

/-! ## Soundness -/

/-- Coq `UReach_spec`: the checker's chains are chains of the specification. -/
theorem UReach_spec
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HRC : refine_crossing_change_statement) (HWC : WL_crossing_change_statement) :
    AddRefinement → WLPreservation → ∀ (k : Nat) (s t : PDState), UReach k s t →
      WellLabelled s.crossings → SpecUnknotting k s t := by
  intro HA HW k s t h
  induction h with
  | u_refl s0 =>
    intro _
    exact SpecUnknotting.spec_u_refl s0
  | u_step k0 s0 t0 u0 hst _ ih =>
    intro w
    cases hst with
    | pd_step_move _ m _ hi hm =>
      exact SpecUnknotting.spec_u_step k0 s0 t0 u0 (refine_isotopy HR1 HR2 HR3 HA s0 m t0 w hi hm)
        (ih (HW s0 m t0 w hm))
  | u_change k0 i s0 t0 u0 hc _ ih =>
    intro w
    have hs : SpecCrossingChange s0 t0 := HRC s0 i t0 w hc
    exact SpecUnknotting.spec_u_change k0 s0 t0 u0 hs (ih (HWC s0 t0 hs))

/-- Coq `unknotting_spec_sound`: isotopies and exactly `u_claim c` crossing changes take the input
to the one-component crossing-free diagram. -/
theorem unknotting_spec_sound
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement)
    (HRC : refine_crossing_change_statement) (HWC : WL_crossing_change_statement) :
    AddRefinement → WLPreservation → ∀ (c : UCert), check_unknotting c = true →
      SpecUnknotting c.u_claim c.u_input (pd_trivial 1) := by
  intro HA HW c h
  exact UReach_spec HR1 HR2 HR3 HRC HWC HA HW _ _ _ (check_unknotting_sound c h)
    (HV _ (check_unknotting_input_valid c h))

/-! ## Non-vacuity -/

/-- Coq `spec_unknotting_zero`: with no crossing change the chain is an isotopy. -/
theorem spec_unknotting_zero : ∀ (k : Nat) (D D' : PDState), SpecUnknotting k D D' → k = 0 →
    SpecEquiv D D' := by
  intro k D D' h
  induction h with
  | spec_u_refl D0 =>
    intro _
    exact SpecEquiv.spec_equiv_refl D0
  | spec_u_step k0 D0 D1 D2 hs _ ih =>
    intro hk
    exact SpecEquiv.spec_equiv_step D0 D1 D2 hs (ih hk)
  | spec_u_change k0 D0 D1 D2 _ _ _ =>
    intro hk
    first
      | exact absurd hk (Nat.succ_ne_zero k0)
      | cases hk

/-- Coq `no_zero_change_certificate_for_trefoil`: no certificate with claim 0 is accepted for the
trefoil. -/
theorem no_zero_change_certificate_for_trefoil
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement)
    (HRC : refine_crossing_change_statement) (HWC : WL_crossing_change_statement)
    (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    AddRefinement → WLPreservation → ∀ (c : UCert), c.u_input = trefoil → c.u_claim = 0 →
      check_unknotting c = false := by
  intro HA HW c hi hk
  cases h : check_unknotting c with
  | false => rfl
  | true =>
    have hs : SpecUnknotting c.u_claim c.u_input (pd_trivial 1) :=
      unknotting_spec_sound HR1 HR2 HR3 HV HRC HWC HA HW c h
    have he : SpecEquiv c.u_input (pd_trivial 1) := spec_unknotting_zero c.u_claim _ _ hs hk
    rw [hi] at he
    exact False.elim (trefoil_not_unknot HC1 HC2 HC3 he)

end KnotCert.UnknottingSpec
