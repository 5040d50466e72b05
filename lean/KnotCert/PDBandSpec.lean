import KnotCert.PD
import KnotCert.PDSpec
import KnotCert.PDInsertSpec

/-!
# KnotCert.PDBandSpec: the band move of a ribbon movie, from its picture

The Lean 4 mirror of `coq/theories/PDBandSpec.v`, name for name (the table is `PDBANDSPEC_NAME_TABLE`
in `pybridge/export/lean_names_pdbandspec.py`). References: L. H. Kauffman, "On knots" (1987), ch. 5;
Gukov, Halverson, Manolescu, Ruehle (2023), §2.

The oriented band move (a saddle) as a picture on PD codes: an orientation of the diagram
(`Orientation`: the under-strand enters at position 0 and leaves at 2, the over-strand enters at
exactly one of 1, 3, every edge has one head end and one tail end), a walk along one face (`Along`,
`FacePath`), and the band (`SpecBand`): attached to two different edges `e1`, `e2` on that face,
walked the same way, it re-attaches the two heads to the band's long sides, with a twist region of
`2 m` crossings (`twist_row`) whose labels (`band_labels`) are fresh and distinct. `SpecRibbonMovie`
is a movie of specification isotopies, exactly `b` bands given by their picture and `d` deaths.

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only: no Mathlib,
no Batteries) and checked by reading only.

`SpecKnot` (no non-constant mod-2 colouring) is "one component" in the specification's own terms;
`strands_connected` is its executable test.

**What is proved here** (same names as Coq): `ix_key`, `xorb_negb`, `last_map`, `twist_crossing_row`,
the movie chain `PDRibbonReach_movie`, `pd_ribbon_movie`, and `spec_equiv_knot`, `xcol_2_strands`,
`six_one_is_a_knot` (by `decide`, with `strands_connected_knot` as a hypothesis).

**What is not ported.** The Coq proofs that `PD.v`'s run-time check `band_witness` is the picture
(`band_witness_spec`, with the lemmas on slots, faces, orientation, fresh labels and the rewritten
crossings it rests on), `validate_pd_oriented` (valid inputs are consistently oriented), `refine_band` (every band the checker accepts is a `SpecBand`; a case
analysis of `apply_pd_move`), `strands_connected_knot` (with `grow_eqv`, `reach_eqv`), and the kernel
computation `bands_of_6_1` (Coq: `vm_compute`; a Lean `decide` over 432 band moves is not attempted
without a toolchain to time it). Their statements are the propositions `*_statement` below (only
the statements of `band_witness_spec`, `validate_pd_oriented`, `refine_band`, `bands_of_6_1` and
`strands_connected_knot`;
the helper lemmas are listed as Coq-only in the name table). The Lean `PDRibbonReach_movie`,
`pd_ribbon_movie` and `six_one_is_a_knot` take the ones they need and the statements of `PDSpec`
and `PDInsertSpec` as explicit hypotheses; the Coq ones take none.

Lean spelling: Coq's index slots `nat * nat` are `Nat × Nat`, `Nat.even` is `nat_even`, `xorb` is
`xorb` (defined in `PD.lean`), `(0 <? t)%Z` is `decide (0 < t)`, `NoDup` is `NoDupPD`, `In` is `∈`,
`Pos.to_nat k - 1` is `k - 1` (labels and keys are `Nat`s), `Pos.of_nat a` for `a ≥ 1` is `a`, and
Coq's `label * label * nat` (left-nested) is `(Label × Label) × Nat`.
-/

namespace KnotCert.PDBandSpec

open KnotCert
open KnotCert.PDSpec
open KnotCert.PDSpec.Aux
open KnotCert.PDInsertSpec

/-! ## Slots by index -/

/-- The label at index slot `(i, p)`: position `p` of crossing `i` (counted from 0). -/
def lab (xs : List Crossing) (s : Nat × Nat) : Option Label :=
  match nth_error xs s.1 with
  | some x => if ltb s.2 4 then some (get4 x s.2) else none
  | none => none

def same_slot (s s' : Nat × Nat) : Bool := Nat.beq s.1 s'.1 && Nat.beq s.2 s'.2

/-! ## Orientation -/

/-- `hd s`: slot `s` is the head end (incoming end) of its edge. -/
def Orientation (xs : List Crossing) (hd : Nat × Nat → Bool) : Prop :=
  (∀ (i : Nat), i < xs.length → hd (i, 0) = true ∧ hd (i, 2) = false ∧ hd (i, 1) = !(hd (i, 3))) ∧
  (∀ (s s' : Nat × Nat) (l : Label), lab xs s = some l → lab xs s' = some l → s ≠ s' → hd s = !(hd s'))

/-! ## Faces -/

/-- From the corner at `c` the face boundary leaves along the edge at `(c, +1)` and arrives at `c'`. -/
def Along (xs : List Crossing) (c c' : Nat × Nat) : Prop :=
  ∃ (l : Label), lab xs (c.1, add1 c.2) = some l ∧ lab xs c' = some l ∧ c' ≠ (c.1, add1 c.2)

def FacePath (xs : List Crossing) : Nat × Nat → List (Nat × Nat) → Prop
  | _, [] => True
  | c, c' :: rest => Along xs c c' ∧ FacePath xs c' rest

/-! ## The twist region -/

/-- The crossing where strand A runs `a0 → a1` and strand B runs `b1 → b0`: ends counter-clockwise
`b1, a1, b0, a0` (`flip = false`) or `b1, a0, b0, a1` (`flip = true`); `pos` decides which strand is
under; the tuple starts at the under-strand's incoming end. -/
def twist_row (flip pos : Bool) (a0 a1 b0 b1 : Label) : Crossing :=
  match flip, pos with
  | false, true => (b1, a1, b0, a0)
  | false, false => (a0, b1, a1, b0)
  | true, true => (a0, b0, a1, b1)
  | true, false => (b1, a0, b0, a1)

/-- The new labels of a band with `m` full twists. -/
def band_labels (m : Nat) (alpha beta : Nat → Label) : List Label :=
  List.map alpha (seq 1 (2 * m)) ++ List.map beta (seq 0 (2 * m))

/-! ## The band move -/

def SpecBand (D D' : PDState) : Prop :=
  ∃ (hd : Nat × Nat → Bool) (c1 : Nat × Nat) (cs : List (Nat × Nat)) (e1 e2 : Label) (h1 h2 : Nat × Nat)
    (m : Nat) (pos : Bool) (alpha beta : Nat → Label),
    WellLabelled D.crossings ∧ Orientation D.crossings hd ∧
    FacePath D.crossings c1 cs ∧ lab D.crossings c1 = some e1 ∧ lab D.crossings (last cs c1) = some e2 ∧
    e1 ≠ e2 ∧ hd c1 = hd (last cs c1) ∧
    lab D.crossings h1 = some e1 ∧ hd h1 = true ∧ lab D.crossings h2 = some e2 ∧ hd h2 = true ∧
    alpha 0 = e1 ∧ beta (2 * m) = e2 ∧ NoDupPD (band_labels m alpha beta) ∧
    (∀ (l : Label), l ∈ band_labels m alpha beta → ¬ (l ∈ labels D.crossings)) ∧
    D'.crossings.length = D.crossings.length + 2 * m ∧
    (∀ (i p : Nat), i < D.crossings.length → p < 4 →
      lab D'.crossings (i, p) =
        (if same_slot (i, p) h1 then some (beta 0)
         else if same_slot (i, p) h2 then some (alpha (2 * m)) else lab D.crossings (i, p))) ∧
    (∀ (k : Nat), 1 ≤ k ∧ k ≤ 2 * m →
      nth_error D'.crossings (D.crossings.length + k - 1) =
        some (twist_row (!(nat_even (k + (if hd c1 then 1 else 0)))) pos (alpha (k - 1)) (alpha k)
          (beta (k - 1)) (beta k))) ∧
    D'.free = D.free

/-! ## The checker's band is the picture -/

/-- The index slot of a key slot (Coq: `Pos.to_nat k - 1`). -/
def ix (s : Slot) : Nat × Nat := (s.1 - 1, s.2)

def hd_of (cx : PDContext) (o : PTree (Slot × Slot)) (s : Nat × Nat) : Bool := heads_at cx o (key_of s.1, s.2)

theorem ix_key : ∀ (i p : Nat), ix (key_of i, p) = (i, p) := by
  intro i p
  show (i + 1 - 1, p) = (i, p)
  first
    | rw [Nat.add_sub_cancel]
    | rfl
    | simp

theorem last_map {A B : Type} (f : A → B) : ∀ (cs : List A) (c : A), last (cs.map f) (f c) = f (last cs c)
  | [], _ => rfl
  | a :: cs, _ => last_map f cs a

theorem xorb_negb : ∀ (a b : Bool), xorb a b = true → a = !b
  | true, true, h => by cases h
  | true, false, _ => rfl
  | false, true, _ => rfl
  | false, false, h => by cases h

theorem twist_crossing_row : ∀ (k side : Nat) (t : Int) (alpha beta : Nat → Nat),
    twist_crossing k side t alpha beta =
      twist_row (!(nat_even (k + side))) (decide (0 < t)) (alpha (k - 1)) (alpha k) (beta (k - 1)) (beta k) := by
  intro k side t alpha beta
  unfold twist_crossing twist_row
  cases nat_even (k + side) <;> cases decide (0 < t) <;> rfl

/-! ## Coq theorems not ported to Lean, as propositions -/

/-- Coq `band_witness_spec`: the run-time check of `PD.v` is the picture. -/
def band_witness_spec_statement : Prop :=
  ∀ (xs : List Crossing) (f : Nat) (o : PTree (Slot × Slot)) (face : List Slot) (e1 e2 side : Nat) (t : Int)
    (m : Nat) (alpha beta : Nat → Label) (ys : List Crossing),
    WellLabelled xs → side ≤ 1 →
    band_witness (make_context xs) o face e1 e2 side t m alpha beta ys = true →
    SpecBand (PDState.mk_pd xs f) (PDState.mk_pd ys f)

/-- Coq `validate_pd_oriented`: a code the checker validates is well-labelled and consistently oriented
(the planarity count of `validate_pd` is not restated). -/
def validate_pd_oriented_statement : Prop :=
  ∀ (xs : List Crossing), validate_pd xs = true → WellLabelled xs ∧ ∃ (hd : Nat × Nat → Bool), Orientation xs hd

/-- Coq `refine_band`: every band the checker accepts is the picture. -/
def refine_band_statement : Prop :=
  ∀ (s : PDState) (e1 e2 side : Nat) (t : Int) (u : PDState), WellLabelled s.crossings →
    apply_pd_move s (PDMove.Band e1 e2 side t) = some u → SpecBand s u

/-! ## What an accepted ribbon certificate proves -/

/-- A movie of specification isotopies, exactly `b` bands given by their picture and `d` deaths. -/
inductive SpecRibbonMovie : Nat → Nat → PDState → PDState → Prop where
  | movie_refl : ∀ (D : PDState), SpecRibbonMovie 0 0 D D
  | movie_step : ∀ (b d : Nat) (D D' D'' : PDState),
      SpecStep D D' → SpecRibbonMovie b d D' D'' → SpecRibbonMovie b d D D''
  | movie_band : ∀ (b d : Nat) (D D' D'' : PDState),
      SpecBand D D' → SpecRibbonMovie b d D' D'' → SpecRibbonMovie (b + 1) d D D''
  | movie_death : ∀ (b d : Nat) (D D' D'' : PDState),
      SpecDeath D D' → SpecRibbonMovie b d D' D'' → SpecRibbonMovie b (d + 1) D D''

/-- Coq `PDRibbonReach_movie`; the Coq theorems it uses that are not ported are the hypotheses
(`HB`: `refine_band`; `HA`, `HWR`: `add_refinement`, `wl_preservation_rest`; the `PDSpec` ones). -/
theorem PDRibbonReach_movie
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) (HB : refine_band_statement) :
    ∀ (b d : Nat) (s t : PDState), PDRibbonReach b d s t → WellLabelled s.crossings →
      SpecRibbonMovie b d s t := by
  intro b d s t h
  have HW : WLPreservation := wl_preservation HR1 HR2 HR3 HW1 HW2 HWR
  induction h with
  | pd_ribbon_refl s0 =>
    intro _
    exact SpecRibbonMovie.movie_refl s0
  | pd_ribbon_step b0 d0 s0 t0 u0 hst _ ih =>
    intro w
    cases hst with
    | pd_step_move _ m _ hi hm =>
      exact SpecRibbonMovie.movie_step b0 d0 s0 t0 u0 (refine_isotopy HR1 HR2 HR3 HA s0 m t0 w hi hm)
        (ih (HW s0 m t0 w hm))
  | pd_ribbon_band b0 d0 e1 e2 side tw s0 t0 u0 hb _ ih =>
    intro w
    exact SpecRibbonMovie.movie_band b0 d0 s0 t0 u0 (HB s0 e1 e2 side tw t0 w hb)
      (ih (HW s0 (PDMove.Band e1 e2 side tw) t0 w hb))
  | pd_ribbon_death b0 d0 s0 t0 u0 hd _ ih =>
    intro w
    exact SpecRibbonMovie.movie_death b0 d0 s0 t0 u0 (pds_death_spec s0 t0 hd)
      (ih (HW s0 PDMove.RemoveFree t0 w hd))

/-- Coq `pd_ribbon_movie`: an accepted ribbon certificate's input reaches a crossing-free diagram of
`f` free unknots by isotopies, exactly `pd_claim` bands given by their picture and `d` deaths, with
`f + d = pd_claim + 1`; read backwards, a ribbon disc. -/
theorem pd_ribbon_movie
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) (HW1 : WL_r1_statement) (HW2 : WL_r2_statement)
    (HA : add_refinement_statement) (HWR : wl_preservation_rest_statement) (HB : refine_band_statement) :
    ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Ribbon →
      ∃ (f d : Nat), SpecRibbonMovie c.pd_claim d c.pd_input (pd_trivial f) ∧ f + d = c.pd_claim + 1 ∧
        link_components c.pd_input = some 1 := by
  intro c h hk
  obtain ⟨f, d, hr, hfd, hl⟩ := check_pd_sound_ribbon c h hk
  exact ⟨f, d, PDRibbonReach_movie HR1 HR2 HR3 HW1 HW2 HA HWR HB _ _ _ _ hr (HV _ (check_pd_input_valid c h)),
    hfd, hl⟩

/-! ## Bands computed in the kernel (Coq: `vm_compute`) -/

def knot_6_1 : PDState :=
  PDState.mk_pd [(1, 7, 2, 6), (3, 10, 4, 11), (5, 3, 6, 2), (7, 1, 8, 12), (9, 4, 10, 5), (11, 9, 12, 8)] 0

def band_choices : List ((Label × Label) × Nat) :=
  flat_map (fun (a : Nat) => flat_map (fun (b : Nat) => [((a, b), 0), ((a, b), 1)]) (seq 1 12)) (seq 1 12)

def accepted_bands (D : PDState) (t : Int) : Nat :=
  (List.filter (fun (c : (Label × Label) × Nat) =>
      match apply_pd_move D (PDMove.Band c.1.1 c.1.2 c.2 t) with
      | some _ => true
      | none => false) band_choices).length

/-- Coq `bands_of_6_1` (an `Example` proved by `vm_compute`): 28 accepted bands on `6_1` for each of
0, +1, -1 full twists. -/
def bands_of_6_1_statement : Prop :=
  List.map (accepted_bands knot_6_1) [0, 1, -1] = [28, 28, 28]

/-! ## One component, from the picture

Following a strand straight through `X[a,b,c,d]` joins `a` to `c` and `b` to `d`. A diagram is a knot
when these joins connect every edge into one strand and there is no free circle besides (or the
diagram is a single free circle). In colouring terms (Fox's condition for `p = 2`) a knot has no
non-constant mod-2 colouring, and a diagram of two or more components has one; so `SpecKnot` is "one
component" in the specification's own terms, invariant under every specification isotopy. -/

def SpecKnot (D : PDState) : Prop := ¬ NontrivCol 2 D

/-- Coq `spec_equiv_knot` (from `spec_equiv_col`; the Coq lemmas `r1_col`, `r2_col`, `r3_col_fwd` it rests
on are the hypotheses `HC1`, `HC2`, `HC3`, as in `PDSpec`). -/
theorem spec_equiv_knot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ∀ (D D' : PDState), SpecEquiv D D' → (SpecKnot D ↔ SpecKnot D') := by
  intro D D' h
  have e := spec_equiv_col HC1 HC2 HC3 2 D D' h
  constructor
  · intro k n
    exact k (e.2 n)
  · intro k n
    exact k (e.1 n)

/-- The labels joined to the start by the pairs `ps`, one more pass. -/
def grow (ps : List (Label × Label)) (r : PTree Unit) : PTree Unit :=
  List.foldl (fun (r : PTree Unit) (pr : Label × Label) =>
    if pmem pr.1 r then pset pr.2 () r else if pmem pr.2 r then pset pr.1 () r else r) r ps

/-- `k` passes of `grow`. -/
def reach : Nat → List (Label × Label) → PTree Unit → PTree Unit
  | 0, _, r => r
  | k + 1, ps, r => reach k ps (grow ps r)

/-- Every edge on one strand (joined to the first by the straight-through joins), no free circle
besides; or one free circle alone. -/
def strands_connected (D : PDState) : Bool :=
  let ps := flat_map upairs D.crossings
  match labels D.crossings with
  | [] => Nat.beq D.free 1
  | l0 :: rest =>
    let r := reach ps.length ps (pset l0 () PTree.PLeaf)
    Nat.beq D.free 0 && forallb (fun (l : Label) => pmem l r) rest

theorem xcol_2_strands : ∀ (col : Label → Int) (x : Crossing) (a b : Label),
    xcol 2 col x → (a, b) ∈ upairs x → cong 2 (col a) (col b)
  | col, (a', b', c', d'), a, b, hx, hin => by
    obtain ⟨h1, h2⟩ := hx
    have hbd : cong 2 (col b') (col d') := h1
    have hac : cong 2 (2 * col b') (col a' + col c') := h2
    have hin' : (a, b) ∈ [(a', c'), (b', d')] := hin
    cases pds_mem_pair2 hin' with
    | inl e =>
      rw [e.1, e.2]
      obtain ⟨k, hk⟩ := hac
      exact ⟨col b' - k - col c', by omega⟩
    | inr e =>
      rw [e.1, e.2]
      exact hbd

/-- Coq `strands_connected_knot` (not ported: its Coq proof rests on `grow_eqv`, `reach_eqv` and the
trie lemma `pmem_pset`, none of them ported). -/
def strands_connected_knot_statement : Prop :=
  ∀ (D : PDState), strands_connected D = true → SpecKnot D

set_option maxRecDepth 20000 in
/-- Coq `six_one_is_a_knot` (an `Example`: `strands_connected_knot`, then `vm_compute`); here with the
Coq theorem `strands_connected_knot` as the hypothesis `HS`, and `decide` for the computation. -/
theorem six_one_is_a_knot (HS : strands_connected_knot_statement) : SpecKnot knot_6_1 :=
  HS knot_6_1 (by decide)

end KnotCert.PDBandSpec
