import KnotCert.PD
import KnotCert.PDSpec
import KnotCert.PDInsertSpec
import KnotCert.PDBandSpec

/-!
# KnotCert.PDComponents: the number of components of a diagram, and its invariance

The Lean 4 mirror of `coq/theories/PDComponents.v`, name for name (the table is
`PDCOMPONENTS_NAME_TABLE` in `pybridge/export/lean_names_pdcomponents.py`). Reference: W. B. R. Lickorish,
"An Introduction to Knot Theory" (1997), ch. 1.

Every component of a link diagram is a closed strand that passes straight through the crossings: at
`X[a,b,c,d]` the under-strand runs `a → c` and the over-strand `b → d`. A strand colouring
(`StrandCol`) gives opposite edges at every crossing one colour, so a colour is constant along each
component; with a colour for each free circle, the number of components is the largest number of
different colours a strand colouring can use (`Components D k`).

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only) and checked by
reading only.

**What is proved here** (same names as Coq): `covers_trans`, `components_unique`,
`spec_equiv_components` and the certificate theorems `pd_unlink_components`,
`pd_unlink_components_claim`.

**What is not ported.** The Coq proofs that every specification step keeps the number of components
(`spec_step_components`, from `r1_covers`, `r2_covers`, `r3_covers`, `covers_iso` and
`covers_components`), that `n` free circles have `n` components (`components_pd_trivial`), that a
diagram whose strands are connected has one (`strands_connected_components`), and the Hopf-link example
(`hopf_two_components`, `no_unknot_certificate_for_hopf`). Their statements are
the propositions `*_statement` below; the Lean theorems take the ones they need, and the statements
that `PDInsertSpec.pd_spec_unlink` needs, as explicit hypotheses, where the Coq theorems take none.

Lean spelling: Coq's `nodup Z.eq_dec` is `nodupZ`, `seq 0 n` is `List.range n`, `incl l l'` is
`∀ v, v ∈ l → v ∈ l'`.
-/

namespace KnotCert.PDComponents

open KnotCert
open KnotCert.PDSpec
open KnotCert.PDInsertSpec
open KnotCert.PDBandSpec

/-! ## Strand colourings and their colours -/

/-- Opposite edges at a crossing lie on one strand and get one colour. -/
def scol (col : Label → Int) (x : Crossing) : Prop :=
  col x.1 = col x.2.2.1 ∧ col x.2.1 = col x.2.2.2

def StrandCol (xs : List Crossing) (col : Label → Int) : Prop := ∀ (x : Crossing), x ∈ xs → scol col x

/-- Coq's `nodup Z.eq_dec`: keep the last occurrence of each element. -/
def nodupZ : List Int → List Int
  | [] => []
  | x :: xs => if x ∈ xs then nodupZ xs else x :: nodupZ xs

/-- The colours used: one per edge and one per free circle. -/
def colours (D : PDState) (col : Label → Int) (fc : Nat → Int) : List Int :=
  (labels D.crossings).map col ++ (List.range D.free).map fc

/-- The number of different colours. -/
def ncolours (D : PDState) (col : Label → Int) (fc : Nat → Int) : Nat := (nodupZ (colours D col fc)).length

/-- `D` has `k` components: some strand colouring uses `k` colours, and none uses more. -/
def Components (D : PDState) (k : Nat) : Prop :=
  (∃ (col : Label → Int) (fc : Nat → Int), StrandCol D.crossings col ∧ ncolours D col fc = k) ∧
  (∀ (col : Label → Int) (fc : Nat → Int), StrandCol D.crossings col → ncolours D col fc ≤ k)

/-- `D'` has a strand colouring with every colour of any given strand colouring of `D`. -/
def Covers (D D' : PDState) : Prop :=
  ∀ (col : Label → Int) (fc : Nat → Int), StrandCol D.crossings col →
    ∃ (col' : Label → Int) (fc' : Nat → Int), StrandCol D'.crossings col' ∧
      ∀ (v : Int), v ∈ colours D col fc → v ∈ colours D' col' fc'

theorem covers_trans : ∀ (D D' D'' : PDState), Covers D D' → Covers D' D'' → Covers D D'' := by
  intro D D' D'' h1 h2 col fc s
  obtain ⟨col', fc', s', i'⟩ := h1 col fc s
  obtain ⟨col'', fc'', s'', i''⟩ := h2 col' fc' s'
  exact ⟨col'', fc'', s'', fun v hv => i'' v (i' v hv)⟩

/-- The number of components is well defined. -/
theorem components_unique : ∀ (D : PDState) (k k' : Nat), Components D k → Components D k' → k = k' := by
  intro D k k' h h'
  obtain ⟨⟨c, f, s, e⟩, m⟩ := h
  obtain ⟨⟨c', f', s', e'⟩, m'⟩ := h'
  have h1 : k ≤ k' := by rw [← e]; exact m' c f s
  have h2 : k' ≤ k := by rw [← e']; exact m c' f' s'
  omega

/-! ## Coq theorems not ported to Lean, as propositions -/

/-- Coq `covers_components`: two diagrams that cover each other have the same number of components. -/
def covers_components_statement : Prop :=
  ∀ (D D' : PDState) (k : Nat), Covers D D' → Covers D' D → Components D k → Components D' k

/-- Coq `spec_step_components`: Reidemeister moves and relabelling keep the number of components. -/
def spec_step_components_statement : Prop :=
  ∀ (D D' : PDState) (k : Nat), SpecStep D D' → (Components D k ↔ Components D' k)

/-- Coq `components_pd_trivial`: `n` crossing-free circles have `n` components. -/
def components_pd_trivial_statement : Prop := ∀ (n : Nat), Components (pd_trivial n) n

/-- Coq `strands_connected_components`: a diagram whose edges all lie on one strand has one component. -/
def strands_connected_components_statement : Prop :=
  ∀ (D : PDState), strands_connected D = true → Components D 1

/-! ## Every specification isotopy keeps the number of components -/

/-- Coq `spec_equiv_components` (the Coq `spec_step_components` is the hypothesis `HS`). -/
theorem spec_equiv_components (HS : spec_step_components_statement) :
    ∀ (D D' : PDState) (k : Nat), SpecEquiv D D' → (Components D k ↔ Components D' k) := by
  intro D D' k h
  induction h with
  | spec_equiv_refl D => exact Iff.rfl
  | spec_equiv_step D D' D'' hs _ ih => exact (HS D D' k hs).trans ih

/-! ## What accepted certificates prove about components -/

/-- Coq `pd_unlink_components`: the input of an accepted unknot or unlink certificate has exactly as
many components as the claim. -/
theorem pd_unlink_components
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement)
    (HS : spec_step_components_statement) (HT : components_pd_trivial_statement) :
    ∀ (c : PDCert), check_pd c = true → c.pd_kind ≠ Kind.Ribbon → Components c.pd_input c.pd_claim := by
  intro c h hk
  exact (spec_equiv_components HS c.pd_input (pd_trivial c.pd_claim) c.pd_claim
    (pd_spec_unlink HR1 HR2 HR3 HV HW1 HW2 HA HWR c h hk)).2 (HT c.pd_claim)

/-- Coq `pd_unlink_components_claim`: no accepted certificate claims another number of components. -/
theorem pd_unlink_components_claim
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement)
    (HS : spec_step_components_statement) (HT : components_pd_trivial_statement) :
    ∀ (c : PDCert) (k : Nat), check_pd c = true → c.pd_kind ≠ Kind.Ribbon →
      Components c.pd_input k → c.pd_claim = k := by
  intro c k h hk hc
  exact components_unique c.pd_input c.pd_claim k
    (pd_unlink_components HR1 HR2 HR3 HV HW1 HW2 HA HWR HS HT c h hk) hc

/-! ## Non-vacuity: the Hopf link has two components -/

/-- The Hopf link (Knot Atlas L2a1): under-strands `4 → 3` and `2 → 1`; components `{1, 2}`, `{3, 4}`. -/
def hopf : PDState := PDState.mk_pd [(4, 1, 3, 2), (2, 3, 1, 4)] 0

/-- Coq `hopf_two_components` (an `Example`). -/
def hopf_two_components_statement : Prop := Components hopf 2

/-- Coq `no_unknot_certificate_for_hopf`: no accepted unknot certificate starts from the Hopf link. -/
def no_unknot_certificate_for_hopf_statement : Prop :=
  ∀ (c : PDCert), c.pd_input = hopf → c.pd_kind = Kind.Unknot → check_pd c = false

end KnotCert.PDComponents
