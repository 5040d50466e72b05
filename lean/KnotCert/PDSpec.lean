import KnotCert.PD

/-!
# KnotCert.PDSpec: what a planar-diagram certificate means, in the words of the pictures

The Lean 4 mirror of `coq/theories/PDSpec.v` (the table is `PDSPEC_NAME_TABLE` in
`pybridge/export/lean_names_pdspec.py`). References: K. Reidemeister, "Elementare Begründung der
Knotentheorie", Abh. Math. Sem. Hamburg 5 (1927); the Knot Atlas page "Planar Diagrams"
(crossing `X[a,b,c,d]`: `a` the incoming under-strand, then counter-clockwise, so `a`, `c` are the
under-strand and `b`, `d` the over-strand); R. H. Fox, "A quick trip through knot theory" (1962),
for colourings.

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only: no Mathlib,
no Batteries) and checked by reading only. Nothing imports it yet (the lead wires it into
`lean/KnotCert.lean`), so an error here cannot break a certificate.

**Definitions only.** Every definition of the Coq file that states the specification is mirrored
here with the same name and meaning: well-labelled PD codes (`xlabels`, `labels`, `occ`,
`WellLabelled`), crossings seen from a corner (`rot`, `over_at`), renamings and joins (`rn`,
`subst`, `join_map`, `join`, `join2`), isomorphism (`PDIso`), the moves as pictures (`SpecR1`,
`bigon_shape`, `SpecR2`, `over_both`, `under_both`, `r3_shape`, `SpecR3`, `SpecDeath`), the
calculus (`SpecStep`, `SpecEquiv`), Fox colourings (`cong`, `xcol`, `Colouring`, `AllCong`,
`NontrivCol`, `colouring_b`, `table_col`), the example knots (`trefoil`, `figure_eight`,
`knot_5_1`), the two hypotheses that the Coq soundness theorems still carry (`AddRefinement`,
`WLPreservation`, the latter reduced to `WLPreservationRest`), the checker's band step (`CheckerBand`)
and `SpecRibbonReach`.

None of the Coq proofs is ported yet. The main Coq theorems are recorded below as propositions
(`*_statement`, Lean-only), for instance

```
check_pd_spec_unknot_statement : Prop :=
  AddRefinement → WLPreservation → ∀ c, check_pd c = true → c.pd_kind = Kind.Unknot →
    SpecEquiv c.pd_input (pd_trivial 1)
spec_equiv_col_statement : Prop :=
  ∀ p D D', SpecEquiv D D' → (NontrivCol p D ↔ NontrivCol p D')
```

Lean spelling of the Coq notions: `positive` labels are `Nat`s (as in `PD.lean`), `Z` is `Int`,
`(p | x - y)` is `∃ k, x - y = p * k`, `In x l` is `x ∈ l`, Coq's `Permutation` is `PermL`
(defined here), `count_occ Pos.eq_dec` is `count_occ` (defined here), `Pos.max`/`Pos.min` are
`nmax`/`nmin` of `PD.lean`. Everything lives in the namespace `KnotCert.PDSpec`.
-/

namespace KnotCert.PDSpec

open KnotCert

/-- `Permutation` of Coq's standard library (all arguments explicit). -/
inductive PermL {α : Type} : List α → List α → Prop where
  | nil : PermL [] []
  | skip (x : α) (l l' : List α) : PermL l l' → PermL (x :: l) (x :: l')
  | swap (x y : α) (l : List α) : PermL (y :: x :: l) (x :: y :: l)
  | trans (l l' l'' : List α) : PermL l l' → PermL l' l'' → PermL l l''

/-- `count_occ Pos.eq_dec l v` of Coq's standard library. -/
def count_occ : List Nat → Nat → Nat
  | [], _ => 0
  | x :: xs, v => if Nat.beq x v then count_occ xs v + 1 else count_occ xs v

/-! ## Labels and well-labelled codes -/

/-- The four labels of a crossing. -/
def xlabels (x : Crossing) : List Label := [x.1, x.2.1, x.2.2.1, x.2.2.2]

/-- All labels of a code, with multiplicity. -/
def labels (xs : List Crossing) : List Label := flat_map xlabels xs

/-- The number of occurrences of a label in a code. -/
def occ (l : Label) (xs : List Crossing) : Nat := count_occ (labels xs) l

/-- A PD code: every label that occurs, occurs exactly twice (the two ends of an edge). -/
def WellLabelled (xs : List Crossing) : Prop := ∀ (l : Label), l ∈ labels xs → occ l xs = 2

/-- The crossing seen from its corner `k`: positions `k`, `k+1`, `k+2`, `k+3` carry `w`, `x`, `y`, `z`. -/
def rot (k : Nat) (w x y z : Label) : Crossing :=
  match k with
  | 0 => (w, x, y, z)
  | 1 => (z, w, x, y)
  | 2 => (y, z, w, x)
  | _ => (x, y, z, w)

/-- Positions 1 and 3 hold the over-strand. -/
def over_at (p : Nat) : Bool := !(nat_even p)

/-! ## Renaming labels -/

/-- Rename every label of a crossing. -/
def rn (r : Label → Label) (x : Crossing) : Crossing := (r x.1, r x.2.1, r x.2.2.1, r x.2.2.2)

/-- Replace `u` by `v`. -/
def subst (u v : Label) (z : Label) : Label := if Nat.beq z u then v else z

/-- The renaming that makes the strand ends `u`, `v` one edge (named by the smaller label). -/
def join_map (u v : Label) : Label → Label :=
  if Nat.beq u v then (fun z => z) else subst (nmax u v) (nmin u v)

/-- The ends `u`, `v` of a strand that lost its crossings become one edge; if they are the same
edge the strand was a closed circle and becomes a free unknot. -/
def join (u v : Label) (D : PDState) : PDState :=
  if Nat.beq u v then PDState.mk_pd D.crossings (D.free + 1)
  else PDState.mk_pd (D.crossings.map (rn (join_map u v))) D.free

/-- Two strands, `(u1, v1)` then `(u2, v2)` (read after the first join), lose their crossings. -/
def join2 (u1 v1 u2 v2 : Label) (D : PDState) : PDState :=
  join (join_map u1 v1 u2) (join_map u1 v1 v2) (join u1 v1 D)

/-- Isomorphic PD codes are the same diagram: the same crossings up to order and a renaming `r`
with an inverse `r'` on the labels. -/
def PDIso (D D' : PDState) : Prop :=
  D.free = D'.free ∧
  ∃ (r r' : Label → Label), (∀ (l : Label), l ∈ labels D.crossings → r' (r l) = l) ∧
    PermL (D.crossings.map (rn r)) D'.crossings

/-! ## The Reidemeister moves as pictures -/

/-- Reidemeister I: `D` has a curl `rot k l l i o` (loop `l`); `D'` is `D` without it, `i`, `o` joined. -/
def SpecR1 (D D' : PDState) : Prop :=
  ∃ (k l i o : Nat) (E : List Crossing),
    k < 4 ∧ WellLabelled D.crossings ∧ PermL D.crossings (rot k l l i o :: E) ∧
    PDIso (join i o (PDState.mk_pd E D.free)) D'

/-- The bigon of corners `k` of `rot k g e x2 x3` and `m` of `rot m e g y2 y3`: the strand along `e`
is over at both crossings or under at both. -/
def bigon_shape (k m : Nat) : Prop := over_at (k + 1) = over_at m

/-- Reidemeister II: the two crossings of a bigon are removed, `x3`, `y2` joined and `x2`, `y3` joined. -/
def SpecR2 (D D' : PDState) : Prop :=
  ∃ (k m e g x2 x3 y2 y3 : Nat) (E : List Crossing),
    k < 4 ∧ m < 4 ∧ bigon_shape k m ∧ WellLabelled D.crossings ∧
    PermL D.crossings (rot k g e x2 x3 :: rot m e g y2 y3 :: E) ∧
    PDIso (join2 x3 y2 x2 y3 (PDState.mk_pd E D.free)) D'

/-- A triangle edge over at both its ends. -/
def over_both (p q : Nat) : Prop := over_at p = true ∧ over_at q = true

/-- A triangle edge under at both its ends. -/
def under_both (p q : Nat) : Prop := over_at p = false ∧ over_at q = false

/-- The Reidemeister III picture: some triangle edge is over at both ends, some under at both. -/
def r3_shape (k1 k2 k3 : Nat) : Prop :=
  (over_both (k1 + 1) k2 ∨ over_both (k2 + 1) k3 ∨ over_both (k3 + 1) k1) ∧
  (under_both (k1 + 1) k2 ∨ under_both (k2 + 1) k3 ∨ under_both (k3 + 1) k1)

/-- Reidemeister III: the triangle moves to the opposite corner of each of its crossings; every
strand meets its two crossings in the reverse order and keeps its outer edges. -/
def SpecR3 (D D' : PDState) : Prop :=
  ∃ (k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 : Nat) (E : List Crossing),
    k1 < 4 ∧ k2 < 4 ∧ k3 < 4 ∧ r3_shape k1 k2 k3 ∧ WellLabelled D.crossings ∧
    PermL D.crossings (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) ∧
    PermL D'.crossings (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) ∧
    D'.free = D.free

/-- Isotopy: Reidemeister moves in both directions, and relabelling. -/
inductive SpecStep : PDState → PDState → Prop where
  | spec_r1 : ∀ (D D' : PDState), SpecR1 D D' → SpecStep D D'
  | spec_r1_inv : ∀ (D D' : PDState), SpecR1 D' D → SpecStep D D'
  | spec_r2 : ∀ (D D' : PDState), SpecR2 D D' → SpecStep D D'
  | spec_r2_inv : ∀ (D D' : PDState), SpecR2 D' D → SpecStep D D'
  | spec_r3 : ∀ (D D' : PDState), SpecR3 D D' → SpecStep D D'
  | spec_r3_inv : ∀ (D D' : PDState), SpecR3 D' D → SpecStep D D'
  | spec_iso : ∀ (D D' : PDState), PDIso D D' → SpecStep D D'

/-- The reflexive-transitive closure of `SpecStep`. -/
inductive SpecEquiv : PDState → PDState → Prop where
  | spec_equiv_refl : ∀ (D : PDState), SpecEquiv D D
  | spec_equiv_step : ∀ (D D' D'' : PDState), SpecStep D D' → SpecEquiv D' D'' → SpecEquiv D D''

/-- Death: a free unknot is capped off by a disc. -/
def SpecDeath (D D' : PDState) : Prop := D'.crossings = D.crossings ∧ D.free = D'.free + 1

/-! ## Fox colourings -/

/-- `x = y` modulo `p`. -/
def cong (p x y : Int) : Prop := ∃ (k : Int), x - y = p * k

/-- The Fox condition at `X[a,b,c,d]`: the over-strand `b = d` has one colour and twice it is the
sum of the colours of the under-strand `a → c`. -/
def xcol (p : Int) (col : Label → Int) (x : Crossing) : Prop :=
  cong p (col x.2.1) (col x.2.2.2) ∧ cong p (2 * col x.2.1) (col x.1 + col x.2.2.1)

/-- A `p`-colouring of the edges. -/
def Colouring (p : Int) (xs : List Crossing) (col : Label → Int) : Prop := ∀ (x : Crossing), x ∈ xs → xcol p col x

/-- All items of the diagram — the edges and the free unknots (`fc k`, `k < free`) — have colour `c`. -/
def AllCong (p : Int) (D : PDState) (col : Label → Int) (fc : Nat → Int) (c : Int) : Prop :=
  (∀ (l : Label), l ∈ labels D.crossings → cong p (col l) c) ∧ (∀ (k : Nat), k < D.free → cong p (fc k) c)

/-- A non-trivial `p`-colouring: a colouring whose colours are not all the same. -/
def NontrivCol (p : Int) (D : PDState) : Prop :=
  ∃ (col : Label → Int) (fc : Nat → Int), Colouring p D.crossings col ∧ ¬ ∃ (c : Int), AllCong p D col fc c

/-- The executable check of the Fox condition. -/
def colouring_b (p : Int) (xs : List Crossing) (col : Label → Int) : Bool :=
  xs.all (fun x => ((col x.2.1 - col x.2.2.2) % p == 0) && ((2 * col x.2.1 - (col x.1 + col x.2.2.1)) % p == 0))

/-- A colouring given as a table: label `l` gets entry `l - 1`. -/
def table_col (t : List Int) (l : Label) : Int := (t.get? (l - 1)).getD 0

/-- The trefoil (Knot Atlas PD code of `3_1`). -/
def trefoil : PDState := PDState.mk_pd [(1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)] 0

/-- The figure-eight knot (Knot Atlas PD code of `4_1`). -/
def figure_eight : PDState := PDState.mk_pd [(4, 2, 5, 1), (8, 6, 1, 5), (6, 3, 7, 4), (2, 7, 3, 8)] 0

/-- The knot `5_1` (Knot Atlas PD code). -/
def knot_5_1 : PDState :=
  PDState.mk_pd [(2, 8, 3, 7), (4, 10, 5, 9), (6, 2, 7, 1), (8, 4, 9, 3), (10, 6, 1, 5)] 0

/-! ## Soundness in specification terms -/

/-- Not proved in general yet: `R1Add` and `R2Add` take a well-labelled code to a step of the
specification (it needs the orientation map to give every label a head slot). -/
def AddRefinement : Prop :=
  ∀ (s : PDState) (m : PDMove) (t : PDState), WellLabelled s.crossings →
    (match m with
     | PDMove.R1Add _ _ _ => True
     | PDMove.R2Add _ _ _ => True
     | _ => False) →
    apply_pd_move s m = some t → SpecStep s t

/-- Not proved in general yet: every move keeps codes well-labelled. -/
def WLPreservation : Prop :=
  ∀ (s : PDState) (m : PDMove) (t : PDState), WellLabelled s.crossings → apply_pd_move s m = some t →
    WellLabelled t.crossings

/-- What is left of `WLPreservation` (Coq proves the rest, `WLPreservation_reduce`): `R2Remove` and the
three moves that insert crossings at the checker's head slots keep codes well-labelled. -/
def WLPreservationRest : Prop :=
  ∀ (s : PDState) (m : PDMove) (t : PDState), WellLabelled s.crossings →
    (match m with
     | PDMove.R2Remove _ _ => True
     | PDMove.R1Add _ _ _ => True
     | PDMove.R2Add _ _ _ => True
     | PDMove.Band _ _ _ _ => True
     | _ => False) →
    apply_pd_move s m = some t → WellLabelled t.crossings

/-- The band step as the checker performs it (not yet specified from the picture). -/
def CheckerBand (D D' : PDState) : Prop :=
  ∃ (e1 e2 side : Nat) (t : Int), apply_pd_move D (PDMove.Band e1 e2 side t) = some D'

/-- Specification isotopies, exactly `b` band moves and `d` deaths. -/
inductive SpecRibbonReach : Nat → Nat → PDState → PDState → Prop where
  | spec_ribbon_refl : ∀ (D : PDState), SpecRibbonReach 0 0 D D
  | spec_ribbon_step : ∀ (b d : Nat) (D D' D'' : PDState),
      SpecStep D D' → SpecRibbonReach b d D' D'' → SpecRibbonReach b d D D''
  | spec_ribbon_band : ∀ (b d : Nat) (D D' D'' : PDState),
      CheckerBand D D' → SpecRibbonReach b d D' D'' → SpecRibbonReach (b + 1) d D D''
  | spec_ribbon_death : ∀ (b d : Nat) (D D' D'' : PDState),
      SpecDeath D D' → SpecRibbonReach b d D' D'' → SpecRibbonReach b (d + 1) D D''

/-! ## The Coq theorems, as propositions (not proved in Lean yet) -/

/-- Coq `is_kink_spec`. -/
def is_kink_spec_statement : Prop :=
  ∀ (x : Crossing), is_kink x = true → ∃ (k l i o : Nat), k < 4 ∧ x = rot k l l i o

/-- Coq `is_bigon_spec`. -/
def is_bigon_spec_statement : Prop :=
  ∀ (x y : Crossing), is_bigon x y = true →
    ∃ (k m e g x2 x3 y2 y3 : Nat), k < 4 ∧ m < 4 ∧ bigon_shape k m ∧ x = rot k g e x2 x3 ∧ y = rot m e g y2 y3

/-- Coq `is_triangle_spec`. -/
def is_triangle_spec_statement : Prop :=
  ∀ (a b c : Slot), is_triangle [a, b, c] = true →
    a.1 ≠ b.1 ∧ a.1 ≠ c.1 ∧ b.1 ≠ c.1 ∧ r3_shape a.2 b.2 c.2

/-- Coq `refine_r1_remove`. -/
def refine_r1_remove_statement : Prop :=
  ∀ (s : PDState) (i : Nat) (t : PDState), WellLabelled s.crossings →
    apply_pd_move s (PDMove.R1Remove i) = some t → SpecR1 s t

/-- Coq `refine_r2_remove`. -/
def refine_r2_remove_statement : Prop :=
  ∀ (s : PDState) (i j : Nat) (t : PDState), WellLabelled s.crossings →
    apply_pd_move s (PDMove.R2Remove i j) = some t → SpecR2 s t

/-- Coq `refine_r3`. -/
def refine_r3_statement : Prop :=
  ∀ (s : PDState) (e side : Nat) (t : PDState), WellLabelled s.crossings →
    apply_pd_move s (PDMove.R3 e side) = some t → SpecR3 s t

/-- Coq `validate_pd_WL`. -/
def validate_pd_WL_statement : Prop := ∀ (xs : List Crossing), validate_pd xs = true → WellLabelled xs

/-- Coq `spec_step_col`. -/
def spec_step_col_statement : Prop :=
  ∀ (p : Int) (D D' : PDState), SpecStep D D' → (NontrivCol p D ↔ NontrivCol p D')

/-- Coq `spec_equiv_col`. -/
def spec_equiv_col_statement : Prop :=
  ∀ (p : Int) (D D' : PDState), SpecEquiv D D' → (NontrivCol p D ↔ NontrivCol p D')

/-- Coq `nontriv_not_unknot`. -/
def nontriv_not_unknot_statement : Prop :=
  ∀ (p : Int) (D : PDState), NontrivCol p D → ¬ SpecEquiv D (pd_trivial 1)

/-- Coq `check_pd_spec_unlink`. -/
def check_pd_spec_unlink_statement : Prop :=
  AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind ≠ Kind.Ribbon →
    SpecEquiv c.pd_input (pd_trivial c.pd_claim)

/-- Coq `check_pd_spec_unknot`. -/
def check_pd_spec_unknot_statement : Prop :=
  AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot →
    SpecEquiv c.pd_input (pd_trivial 1)

/-- Coq `check_pd_spec_ribbon`. -/
def check_pd_spec_ribbon_statement : Prop :=
  AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Ribbon →
    ∃ (f d : Nat), SpecRibbonReach c.pd_claim d c.pd_input (pd_trivial f) ∧ f + d = c.pd_claim + 1 ∧
      link_components c.pd_input = some 1

/-- Coq `check_pd_unknot_no_colouring`. -/
def check_pd_unknot_no_colouring_statement : Prop :=
  AddRefinement → WLPreservation → ∀ (p : Int) (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot →
    ¬ NontrivCol p c.pd_input

/-- Coq `no_unknot_certificate_for_trefoil`. -/
def no_unknot_certificate_for_trefoil_statement : Prop :=
  AddRefinement → WLPreservation → ∀ (c : PDCert), c.pd_input = trefoil → c.pd_kind = Kind.Unknot →
    check_pd c = false

/-- Coq `trefoil_not_unknot`, `figure_eight_not_unknot`, `knot_5_1_not_unknot`. -/
def trefoil_not_unknot_statement : Prop := ¬ SpecEquiv trefoil (pd_trivial 1)

/-- Coq `figure_eight_not_unknot`. -/
def figure_eight_not_unknot_statement : Prop := ¬ SpecEquiv figure_eight (pd_trivial 1)

/-- Coq `WLPreservation_reduce`. -/
def WLPreservation_reduce_statement : Prop := WLPreservationRest → WLPreservation

/-- Coq `knot_5_1_not_unknot`. -/
def knot_5_1_not_unknot_statement : Prop := ¬ SpecEquiv knot_5_1 (pd_trivial 1)

end KnotCert.PDSpec
