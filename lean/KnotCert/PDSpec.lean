import KnotCert.PD

/-!
# KnotCert.PDSpec: what a planar-diagram certificate means, in the words of the pictures

The Lean 4 mirror of `coq/theories/PDSpec.v`, name for name (the table is `PDSPEC_NAME_TABLE` in
`pybridge/export/lean_names_pdspec.py`). References: K. Reidemeister, "Elementare Begründung der
Knotentheorie", Abh. Math. Sem. Hamburg 5 (1927); the Knot Atlas page "Planar Diagrams"
(crossing `X[a,b,c,d]`: `a` the incoming under-strand, then counter-clockwise, so `a`, `c` are the
under-strand and `b`, `d` the over-strand); R. H. Fox, "A quick trip through knot theory" (1962),
for colourings.

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only: no Mathlib,
no Batteries) and checked by reading only. Nothing imports it yet (the lead wires it into
`lean/KnotCert.lean`), so an error here cannot break a certificate. Where a core lemma name was
uncertain the proof tries alternatives with `first | ... | ...`.

**What it states.** Every definition of the Coq file: well-labelled PD codes (`xlabels`, `labels`,
`occ`, `WellLabelled`), crossings seen from a corner (`rot`, `over_at`), renamings and joins (`rn`,
`subst`, `join_map`, `join`, `join2`), isomorphism (`PDIso`), the moves as pictures (`SpecR1`,
`bigon_shape`, `SpecR2`, `over_both`, `under_both`, `r3_shape`, `SpecR3`, `SpecDeath`), the
calculus (`SpecStep`, `SpecEquiv`), Fox colourings (`cong`, `xcol`, `Colouring`, `AllCong`,
`NontrivCol`, `colouring_b`, `table_col`), the example knots (`trefoil`, `figure_eight`,
`knot_5_1`), the two hypotheses of the Coq soundness theorems (`AddRefinement`,
`WLPreservation`, the latter reduced to `WLPreservationRest`), the checker's band step
(`CheckerBand`), `SpecRibbonReach`, and the definitions used inside the proofs (`PathN`, `jstep`,
`seqjoin`, `UFrel`, `upairs`, `Eqv`, `pick`, `dst`, `msel`, `lst`, `slots_from`, `relabel_at`,
`MCL`, `mclb`, `sumc`, `e1b`, `e2b`).

**What is proved here** (same names as Coq): Part 1, the checker's preconditions are the pictures
(`is_kink_spec`, `is_bigon_spec`, `is_triangle_spec`, with `rot_get4`, `in_0123`, `odd_S_even`);
the short lemmas of Part 2 (union-find paths `PathN_sfind`, `PathN_root`, `UFrel_sfind`,
`UFrel_mono`; `join_map_spec`; the equivalence `Eqv_incl`, `Eqv_app_l`, `Eqv_map`, `Eqv_sep`,
`seqjoin_snoc`; relabelling `labels_app`, `labels_cons`, `labels_map_rn`, `rn_ext_in`,
`map_rn_map_rn`, `map_rn_id`; counting `occ_cons`, `occ_perm`, `WL_perm`, `occ_zero`, `occ_pos`,
`count_rot`, `count4_split`, `occ_cons3`, `r3_labels`, `in_rot`, `WL_count`, `WL_count2(')`,
`ind_spec`, `ind_self`, `ind_le`, `pget_leaf`, `pvalues_acc`, `pvalues_in`, `join_map_cases`,
`r1_classes`, `cnt_e`, `cnt_g`, `cnt_end`, `set4_orderA`, `set4_orderB`, `slot_eqb_spec`,
`key_of_S`, `key_of_inj`, `key_of_surj`, `relabel_length`, `relabel_at_none`, `map_Some_dst`,
`flat_map_labels4`, `in_labels_exists`, `Eqv_nil`, `cnt_other`, `mclb_spec`, `r3_distinct`,
`count_map_filter`, `Eqv_snoc`, `join_map_eq`, `seqjoin_eqv`, `seqjoin_rep`, `pick_none`,
`pick_ext`, `relabel_nth`, `join2_eq`, `xlabels_rot`, `labels_perm`, `pick_perm`, `lk_true`,
`lk_false`, `Eqv_support`, `filter_length_perm`, `c2_spec`, `r1_facts`, `upairs_rot`,
`cx_n_length`, `slots_from_length`, `r3_facts`;
`join_crossings`, `join_free`,
`join2_crossings`, `NoDup_app'`, `add_lt4`, `rot_add2`, `r3_shape_add2`); the colouring lemmas (`cong_*`, `xcol_rn`,
`xcol_rot`, `kink_col`, `xcol_ext`, `xcol_ext2`, `const_col`, `Colouring_*`, `NontrivCol_perm(_iff)`,
`NontrivCol_iso(_iff)`, `PDIso_sym`, `Eqv_cong`, `bigon_parity`, `r3_shape_parity`); the colouring
chain `spec_r1_col`, `spec_r2_col`, `spec_r3_col`, `spec_step_col`, `spec_equiv_col`,
`unknot_no_nontriv`, `nontriv_not_unknot`; the computed colourings (`cong_mod`,
`colouring_b_spec`, `nontriv_witness`, `trefoil_3_colourable`, `figure_eight_5_colourable`,
`knot_5_1_5_colourable`, `*_not_unknot`); and Part 5 (`refine_isotopy`, `PDEquiv_spec`,
`PDRibbonReach_spec`, `check_pd_spec_unlink`, `check_pd_spec_unknot`, `check_pd_spec_ribbon`,
`check_pd_unknot_no_colouring`, `no_unknot_certificate_for_trefoil`), with the well-labelledness
lemmas `labels_map_rn_eq`, `count_map_inj`, `WL_iso`, `WL_r3` and `WLPreservation_reduce`
(`WLPreservationRest → WLPreservation`).

**What is not ported.** The long Coq proofs — the refinement theorems `refine_r1_remove`,
`refine_r2_remove`, `refine_r3` and what they rest on (`straighten_char`, `straighten_find`,
`iso_rename`, the face-tracer and index lemmas), the colour-equation case analyses
`r1_col`, `r2_col`, `r3_col_fwd`, `WL_r1` (with `count_map_subst`), `WL_r2` (with
`r2_wl_facts`, `r2_end_count`, `e2b_spec`, ...), and `validate_pd_WL` — are proved in
`coq/theories/PDSpec.v` only (listed in `PDSPEC_COQ_ONLY`). Their statements are Lean
propositions `*_statement` below, and every Lean theorem that needs one takes it as an explicit
hypothesis (`HR1`, `HR2`, `HR3`, `HV`, `HC1`,
`HC2`, `HC3`, `HW1`, `HW2`): for instance

```
check_pd_spec_unknot (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement)
    (HR3 : refine_r3_statement) (HV : validate_pd_WL_statement) :
  AddRefinement → WLPreservation → ∀ c, check_pd c = true → c.pd_kind = Kind.Unknot →
    SpecEquiv c.pd_input (pd_trivial 1)
trefoil_not_unknot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
  ¬ SpecEquiv trefoil (pd_trivial 1)
```

Lean spelling of the Coq notions: `positive` labels are `Nat`s (as in `PD.lean`; valid states have
labels `≥ 1` by `labels_pos`, the specification itself does not need it), `Z` is `Int`, `nat` is
`Nat`, `(p | x - y)` is `∃ k, x - y = p * k` (core's `p ∣ x - y`), `In x l` is `x ∈ l`, Coq's
`Permutation` and `NoDup` are `PermPD` and `NoDupPD` (defined here), `count_occ Pos.eq_dec` is
`count_occ` (defined here), `Pos.eq_dec a v` in a 0/1 count is `Nat.beq a v = true`, `Nat.even`
is `nat_even` and `Nat.odd` is `over_at`, `Pos.max`/`Pos.min` are `nmax`/`nmin` of `PD.lean`.
Everything lives in the namespace `KnotCert.PDSpec`; helpers with no Coq counterpart are prefixed
`pds_` (most in `KnotCert.PDSpec.Aux`). The order of the lemmas follows the Coq file except that a
few small lemmas ported last sit at the end of this file, after the lemmas they use.
-/

namespace KnotCert.PDSpec

open KnotCert

/-- `Permutation` of Coq's standard library (all arguments explicit; Coq's constructor names). -/
inductive PermPD {α : Type} : List α → List α → Prop where
  | perm_nil : PermPD [] []
  | perm_skip (x : α) (l l' : List α) : PermPD l l' → PermPD (x :: l) (x :: l')
  | perm_swap (x y : α) (l : List α) : PermPD (y :: x :: l) (x :: y :: l)
  | perm_trans (l l' l'' : List α) : PermPD l l' → PermPD l' l'' → PermPD l l''

/-- `NoDup` of Coq's standard library: no element occurs twice. -/
inductive NoDupPD {α : Type} : List α → Prop where
  | NoDup_nil : NoDupPD []
  | NoDup_cons {x : α} {l : List α} : x ∉ l → NoDupPD l → NoDupPD (x :: l)

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
    PermPD (D.crossings.map (rn r)) D'.crossings

/-! ## The Reidemeister moves as pictures -/

/-- Reidemeister I: `D` has a curl `rot k l l i o` (loop `l`); `D'` is `D` without it, `i`, `o` joined. -/
def SpecR1 (D D' : PDState) : Prop :=
  ∃ (k l i o : Nat) (E : List Crossing),
    k < 4 ∧ WellLabelled D.crossings ∧ PermPD D.crossings (rot k l l i o :: E) ∧
    PDIso (join i o (PDState.mk_pd E D.free)) D'

/-- The bigon of corners `k` of `rot k g e x2 x3` and `m` of `rot m e g y2 y3`: the strand along `e`
is over at both crossings or under at both. -/
def bigon_shape (k m : Nat) : Prop := over_at (k + 1) = over_at m

/-- Reidemeister II: the two crossings of a bigon are removed, `x3`, `y2` joined and `x2`, `y3` joined. -/
def SpecR2 (D D' : PDState) : Prop :=
  ∃ (k m e g x2 x3 y2 y3 : Nat) (E : List Crossing),
    k < 4 ∧ m < 4 ∧ bigon_shape k m ∧ WellLabelled D.crossings ∧
    PermPD D.crossings (rot k g e x2 x3 :: rot m e g y2 y3 :: E) ∧
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
    PermPD D.crossings (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) ∧
    PermPD D'.crossings (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) ∧
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

/-! ## Definitions used by the proofs (union-find paths, sequential joins, index bookkeeping) -/

/-- `PathN par x r k`: following parent links from `x` in the union-find trie `par` reaches the
root `r` (no parent) in `k` steps. -/
inductive PathN (par : PTree Label) : Label → Label → Nat → Prop where
  | pn_root : ∀ (r : Label), pget r par = none → PathN par r r 0
  | pn_step : ∀ (x y r : Label) (k : Nat), pget x par = some y → PathN par y r k → PathN par x r (k + 1)

/-- One more union, as a renaming of class names: the classes of `u` and `v` get the smaller name. -/
def jstep (F : Label → Label) (pr : Label × Label) : Label → Label :=
  fun z => join_map (F pr.1) (F pr.2) (F z)

/-- The class map of a sequence of unions. -/
def seqjoin (ps : List (Label × Label)) : Label → Label := List.foldl jstep (fun z => z) ps

/-- The trie `par` computes the class map `F` within `m` steps. -/
def UFrel (par : PTree Label) (m : Nat) (F : Label → Label) : Prop :=
  ∀ (x : Label), ∃ (k : Nat), k ≤ m ∧ PathN par x (F x) k

/-- The two strands of a crossing, as pairs of labels (`a` with `c`, `b` with `d`). -/
def upairs (x : Crossing) : List (Label × Label) := [(x.1, x.2.2.1), (x.2.1, x.2.2.2)]

/-- The equivalence relation generated by a list of pairs. -/
inductive Eqv (ps : List (Label × Label)) : Label → Label → Prop where
  | eqv_refl : ∀ (z : Label), Eqv ps z z
  | eqv_sym : ∀ (z w : Label), Eqv ps z w → Eqv ps w z
  | eqv_trans : ∀ (z w u : Label), Eqv ps z w → Eqv ps w u → Eqv ps z u
  | eqv_base : ∀ (a b : Label), (a, b) ∈ ps → Eqv ps a b

/-- The crossings whose index (counted from `n`) is in `D` (`b = true`) or not in `D` (`b = false`). -/
def pick : Nat → List Nat → List Crossing → Bool → List Crossing
  | _, _, [], _ => []
  | n, D, x :: r, b =>
    if bool_eqb (existsb (Nat.beq n) D) b then x :: pick (n + 1) D r b else pick (n + 1) D r b

/-- How many crossings lie before index `i`, counted from `n` (`none` if `i < n`). -/
def dst (n i : Nat) : Option Nat := if Nat.ble n i then some (i - n) else none

/-- The smallest `y` of `L` with `R y = r`, starting from `acc`. -/
def msel (R : Label → Label) (r : Label) (L : List Label) (acc : Option Label) : Option Label :=
  List.foldl (fun (acc : Option Label) (y : Label) =>
    if Nat.beq (R y) r then
      some (match acc with
            | some m => nmin m y
            | none => y)
    else acc) acc L

/-- The list in an optional list (`[]` for `none`). -/
def lst {α : Type} (o : Option (List α)) : List α :=
  match o with
  | some l => l
  | none => []

/-- The slots `(k, p)` (crossing keys from `k`) carrying the label `l`. -/
def slots_from : Nat → List Crossing → Label → List Slot
  | _, [], _ => []
  | k, x :: r, l =>
    List.map (fun (p : Nat) => (k, p)) (List.filter (fun (p : Nat) => Nat.beq (get4 x p) l) [0, 1, 2, 3]) ++
      slots_from (k + 1) r l

/-- The crossing with key `k` after the slot changes `changes` (a later change of a slot wins). -/
def relabel_at (k : Nat) (changes : List (Slot × Label)) (x : Crossing) : Crossing :=
  List.foldl (fun (y : Crossing) (ch : Slot × Label) => if Nat.beq ch.1.1 k then set4 y ch.1.2 ch.2 else y) x changes

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

/-- The bigon's two strands close up into one free circle (`x2 = x3`, `y3 = y2` or `x2 = y2`, `y3 = x3`,
the strands not already closed). -/
def MCL (x2 x3 y2 y3 : Label) : Prop :=
  x3 ≠ y2 ∧ x2 ≠ y3 ∧ ((x2 = x3 ∧ y3 = y2) ∨ (x2 = y2 ∧ y3 = x3))

/-- `MCL` as a Boolean test. -/
def mclb (x2 x3 y2 y3 : Label) : Bool :=
  !(Nat.beq x3 y2) && !(Nat.beq x2 y3) && ((Nat.beq x2 x3 && Nat.beq y3 y2) || (Nat.beq x2 y2 && Nat.beq y3 x3))

/-- `sumc L V`: the occurrences in `L` of the labels of `V`, added up. -/
def sumc : List Label → List Label → Nat
  | _, [] => 0
  | L, v :: V' => count_occ L v + sumc L V'

/-- `w`, `z` in one class of the equivalence generated by the one pair `(a, b)`. -/
def e1b (a b w z : Label) : Bool := Nat.beq w z || (Nat.beq w a || Nat.beq w b) && (Nat.beq z a || Nat.beq z b)

/-- `w`, `z` in one class of the equivalence generated by the pairs `(a, b)`, `(c, d)`. -/
def e2b (a b c d w z : Label) : Bool :=
  e1b a b w z || (e1b a b w c || e1b a b w d) && (e1b a b z c || e1b a b z d)

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

/-- What is left of `WLPreservation` (Coq proves the rest, `WLPreservation_reduce`): the three moves that
insert crossings at the checker's head slots keep codes well-labelled. -/
def WLPreservationRest : Prop :=
  ∀ (s : PDState) (m : PDMove) (t : PDState), WellLabelled s.crossings →
    (match m with
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

/-! ## Coq theorems not ported to Lean, as propositions

The Coq proofs of these statements are long (the union-find of `straighten`, the face tracer of
`R3`, the case analysis of the colour equations) and are not ported. Their statements are recorded
here as propositions; the Lean theorems below that rest on them take them as explicit hypotheses
(named `HR1`, `HR2`, `HR3`, `HV`, `HC1`, `HC2`, `HC3`), so nothing is assumed silently. -/

/-- Coq `straighten_find`: the union-find trie of `straighten` computes `seqjoin` of the strand pairs
of the deleted crossings (`straighten_parent` of `PD.lean` is Coq's inline fold). -/
def straighten_find_statement : Prop :=
  ∀ (dels : List Crossing) (x : Label),
    sfind (4 * dels.length + 1) (straighten_parent (4 * dels.length + 1) dels) x = seqjoin (flat_map upairs dels) x

/-- Coq `straighten_char`: `straighten` renames the kept crossings by the classes of the deleted
strand pairs and adds one free unknot per class that no kept crossing carries. -/
def straighten_char_statement : Prop :=
  ∀ (xs : List Crossing) (f : Nat) (D : List Nat),
    let kept := pick 0 D xs false
    let dels := pick 0 D xs true
    let R := seqjoin (flat_map upairs dels)
    let DL := labels dels
    let LK := List.filter (fun (l : Label) => existsb (Nat.beq l) DL) (labels kept)
    ∃ (ren : Label → Label) (roots : List Label),
      straighten xs f D =
        PDState.mk_pd (List.map (rn ren) kept)
          (f + (List.filter (fun (r : Label) => !(existsb (fun (y : Label) => Nat.beq (R y) r) LK)) roots).length) ∧
      (∀ (z w : Label), z ∈ labels kept → w ∈ labels kept →
        (ren z = ren w ↔ z = w ∨ (z ∈ DL ∧ w ∈ DL ∧ R z = R w))) ∧
      NoDupPD roots ∧ (∀ (r : Label), r ∈ roots ↔ ∃ (z : Label), z ∈ DL ∧ R z = r)

/-- Coq `iso_rename`: two renamings with the same classes on the labels give isomorphic codes. -/
def iso_rename_statement : Prop :=
  ∀ (E : List Crossing) (f : Nat) (r1 r2 : Label → Label),
    (∀ (z w : Label), z ∈ labels E → w ∈ labels E → (r1 z = r1 w ↔ r2 z = r2 w)) →
    PDIso (PDState.mk_pd (List.map (rn r1) E) f) (PDState.mk_pd (List.map (rn r2) E) f)

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

/-- Coq `WL_r1`: the result of a Reidemeister I move of the specification is well-labelled. -/
def WL_r1_statement : Prop := ∀ (D D' : PDState), SpecR1 D D' → WellLabelled D'.crossings

/-- Coq `WL_r2`: the result of a Reidemeister II move of the specification is well-labelled. -/
def WL_r2_statement : Prop := ∀ (D D' : PDState), SpecR2 D D' → WellLabelled D'.crossings

/-- Coq `r1_col`: removing a curl keeps the existence of a non-trivial colouring, both ways. -/
def r1_col_statement : Prop :=
  ∀ (p : Int) (k l i o : Nat) (E : List Crossing) (f : Nat), k < 4 → WellLabelled (rot k l l i o :: E) →
    (NontrivCol p (PDState.mk_pd (rot k l l i o :: E) f) ↔ NontrivCol p (join i o (PDState.mk_pd E f)))

/-- Coq `r2_col`: removing a bigon keeps the existence of a non-trivial colouring, both ways. -/
def r2_col_statement : Prop :=
  ∀ (p : Int) (k m e g x2 x3 y2 y3 : Nat) (E : List Crossing) (f : Nat), k < 4 → m < 4 → bigon_shape k m →
    WellLabelled (rot k g e x2 x3 :: rot m e g y2 y3 :: E) →
    (NontrivCol p (PDState.mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) f) ↔
      NontrivCol p (join2 x3 y2 x2 y3 (PDState.mk_pd E f)))

/-- Coq `r3_col_fwd`: a Reidemeister III move carries a non-trivial colouring forward. -/
def r3_col_fwd_statement : Prop :=
  ∀ (p : Int) (k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 : Nat) (E : List Crossing) (f : Nat),
    k1 < 4 → k2 < 4 → k3 < 4 → r3_shape k1 k2 k3 →
    WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) →
    NontrivCol p (PDState.mk_pd (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) f) →
    NontrivCol p (PDState.mk_pd (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) f)

/-! ## Helpers (Lean-only: Coq standard-library facts the pinned core Lean lacks)

All in the namespace `KnotCert.PDSpec.Aux`, prefixed `pds_` so that no name meets one of the other
mirrors. -/

namespace Aux

theorem pds_mem_head {α : Type} (x : α) (l : List α) : x ∈ x :: l := by
  first
    | exact List.Mem.head l
    | exact List.mem_cons_self x l
    | simp

theorem pds_mem_tail {α : Type} {x : α} (y : α) {l : List α} (h : x ∈ l) : x ∈ y :: l := by
  first
    | exact List.Mem.tail y h
    | exact List.mem_cons_of_mem y h
    | simp [h]

theorem pds_mem_cons_inv {α : Type} {x y : α} {l : List α} (h : x ∈ y :: l) : x = y ∨ x ∈ l := by
  first
    | (cases h with
        | head => exact Or.inl rfl
        | tail _ h' => exact Or.inr h')
    | exact List.mem_cons.mp h

theorem pds_not_mem_nil {α : Type} {x : α} (h : x ∈ ([] : List α)) : False := by
  cases h

theorem pds_mem_app_or {α : Type} {x : α} : ∀ (u v : List α), x ∈ u ++ v → x ∈ u ∨ x ∈ v
  | [], _, h => Or.inr h
  | y :: u, v, h =>
    Or.elim (pds_mem_cons_inv (show x ∈ y :: (u ++ v) from h))
      (fun e => Or.inl (by rw [e]; exact pds_mem_head y u))
      (fun h' => Or.elim (pds_mem_app_or u v h')
        (fun h1 => Or.inl (pds_mem_tail y h1))
        (fun h2 => Or.inr h2))

theorem pds_mem_app_l {α : Type} {x : α} : ∀ (u v : List α), x ∈ u → x ∈ u ++ v
  | [], _, h => absurd h (fun h2 => pds_not_mem_nil h2)
  | y :: u, v, h => by
    show x ∈ y :: (u ++ v)
    cases pds_mem_cons_inv h with
    | inl e =>
      rw [e]
      exact pds_mem_head y (u ++ v)
    | inr h' => exact pds_mem_tail y (pds_mem_app_l u v h')

theorem pds_mem_app_r {α : Type} {x : α} : ∀ (u v : List α), x ∈ v → x ∈ u ++ v
  | [], _, h => h
  | y :: u, v, h => by
    show x ∈ y :: (u ++ v)
    exact pds_mem_tail y (pds_mem_app_r u v h)

theorem pds_mem_map_intro {α β : Type} (f : α → β) : ∀ (l : List α) (x : α), x ∈ l → f x ∈ l.map f
  | [], _, h => absurd h (fun h2 => pds_not_mem_nil h2)
  | y :: l, x, h => by
    show f x ∈ f y :: l.map f
    cases pds_mem_cons_inv h with
    | inl e =>
      rw [e]
      exact pds_mem_head (f y) (l.map f)
    | inr h' => exact pds_mem_tail (f y) (pds_mem_map_intro f l x h')

theorem pds_mem_map_inv {α β : Type} (f : α → β) :
    ∀ (l : List α) (b : β), b ∈ l.map f → ∃ (a : α), a ∈ l ∧ f a = b
  | [], b, h => by
    have h' : b ∈ ([] : List β) := h
    exact absurd h' (fun h2 => pds_not_mem_nil h2)
  | y :: l, b, h => by
    have h' : b ∈ f y :: l.map f := h
    cases pds_mem_cons_inv h' with
    | inl e => exact ⟨y, pds_mem_head y l, e.symm⟩
    | inr h2 =>
      have r := pds_mem_map_inv f l b h2
      match r with
      | ⟨a, ha, e⟩ => exact ⟨a, pds_mem_tail y ha, e⟩

theorem pds_existsb_mem {α : Type} (p : α → Bool) : ∀ (l : List α), existsb p l = true → ∃ (x : α), x ∈ l ∧ p x = true
  | [], h => by cases h
  | y :: l, h => by
    have h' : (p y || existsb p l) = true := h
    cases hy : p y with
    | true => exact ⟨y, pds_mem_head y l, hy⟩
    | false =>
      rw [hy] at h'
      have h2 : existsb p l = true := h'
      match pds_existsb_mem p l h2 with
      | ⟨x, hx, e⟩ => exact ⟨x, pds_mem_tail y hx, e⟩

theorem pds_and_true : ∀ {a b : Bool}, (a && b) = true → a = true ∧ b = true
  | true, true, _ => ⟨rfl, rfl⟩
  | false, _, h => by cases h
  | true, false, h => by cases h

theorem pds_and_intro : ∀ {a b : Bool}, a = true → b = true → (a && b) = true
  | true, true, _, _ => rfl
  | false, _, h, _ => by cases h
  | true, false, _, h => by cases h

theorem pds_ne_of_not_beq {x y : Nat} (h : (!(Nat.beq x y)) = true) : x ≠ y := by
  intro e
  rw [e] at h
  have hb : Nat.beq y y = true := by
    cases hb : Nat.beq y y with
    | true => rfl
    | false => exact absurd rfl (Nat.ne_of_beq_eq_false hb)
  rw [hb] at h
  cases h

theorem pds_lt4 (k : Nat) (h : k < 4) : k = 0 ∨ k = 1 ∨ k = 2 ∨ k = 3 := by
  omega

/-- The permutation lemmas of Coq's standard library that the proofs use. -/
theorem pds_perm_mem {α : Type} {x : α} : ∀ {l l' : List α}, PermPD l l' → x ∈ l → x ∈ l' := by
  intro l l' h
  induction h with
  | perm_nil => exact id
  | perm_skip y l1 l2 _ ih =>
    intro hx
    cases pds_mem_cons_inv hx with
    | inl e =>
      rw [e]
      exact pds_mem_head y l2
    | inr h1 => exact pds_mem_tail y (ih h1)
  | perm_swap a b l1 =>
    intro hx
    cases pds_mem_cons_inv hx with
    | inl e =>
      rw [e]
      exact pds_mem_tail a (pds_mem_head b l1)
    | inr h1 =>
      cases pds_mem_cons_inv h1 with
      | inl e =>
        rw [e]
        exact pds_mem_head a (b :: l1)
      | inr h2 => exact pds_mem_tail a (pds_mem_tail b h2)
  | perm_trans l1 l2 l3 _ _ ih1 ih2 => exact fun hx => ih2 (ih1 hx)

theorem pds_perm_sym {α : Type} : ∀ {l l' : List α}, PermPD l l' → PermPD l' l := by
  intro l l' h
  induction h with
  | perm_nil => exact PermPD.perm_nil
  | perm_skip y l1 l2 _ ih => exact PermPD.perm_skip y l2 l1 ih
  | perm_swap a b l1 => exact PermPD.perm_swap b a l1
  | perm_trans l1 l2 l3 _ _ ih1 ih2 => exact PermPD.perm_trans l3 l2 l1 ih2 ih1

theorem pds_perm_map {α β : Type} (f : α → β) : ∀ {l l' : List α}, PermPD l l' → PermPD (l.map f) (l'.map f) := by
  intro l l' h
  induction h with
  | perm_nil => exact PermPD.perm_nil
  | perm_skip y l1 l2 _ ih => exact PermPD.perm_skip (f y) (l1.map f) (l2.map f) ih
  | perm_swap a b l1 => exact PermPD.perm_swap (f a) (f b) (l1.map f)
  | perm_trans l1 l2 l3 _ _ ih1 ih2 => exact PermPD.perm_trans (l1.map f) (l2.map f) (l3.map f) ih1 ih2

/-- `count_occ` one element at a time (the `if` as a 0/1 summand, for `omega`). -/
theorem pds_count_cons (x v : Nat) (l : List Nat) :
    count_occ (x :: l) v = count_occ l v + (if Nat.beq x v = true then 1 else 0) := by
  first
    | (show (if Nat.beq x v = true then count_occ l v + 1 else count_occ l v) =
          count_occ l v + (if Nat.beq x v = true then 1 else 0)
       cases Nat.beq x v <;> rfl)
    | (cases h : Nat.beq x v <;> simp [count_occ, h])

theorem pds_count_nil (v : Nat) : count_occ [] v = 0 := rfl

theorem pds_count_app (v : Nat) : ∀ (l1 l2 : List Nat), count_occ (l1 ++ l2) v = count_occ l1 v + count_occ l2 v
  | [], l2 => by
    show count_occ l2 v = 0 + count_occ l2 v
    omega
  | x :: l1, l2 => by
    show count_occ (x :: (l1 ++ l2)) v = count_occ (x :: l1) v + count_occ l2 v
    rw [pds_count_cons, pds_count_cons, pds_count_app v l1 l2]
    omega

theorem pds_count_pos_iff : ∀ (l : List Nat) (v : Nat), v ∈ l ↔ 0 < count_occ l v
  | [], v => ⟨fun h => absurd h (fun h2 => pds_not_mem_nil h2), fun h => absurd h (Nat.lt_irrefl 0)⟩
  | x :: l, v => by
    rw [pds_count_cons]
    have ih := pds_count_pos_iff l v
    cases hb : Nat.beq x v with
    | true =>
      have e : x = v := Nat.eq_of_beq_eq_true hb
      constructor
      · intro _
        show 0 < count_occ l v + (if true = true then 1 else 0)
        exact Nat.lt_of_lt_of_le (Nat.zero_lt_one) (Nat.le_add_left 1 (count_occ l v))
      · intro _
        rw [e]
        exact pds_mem_head v l
    | false =>
      have ne : x ≠ v := Nat.ne_of_beq_eq_false hb
      constructor
      · intro h
        show 0 < count_occ l v + (if false = true then 1 else 0)
        cases pds_mem_cons_inv h with
        | inl e => exact absurd e.symm ne
        | inr h1 => exact ih.1 h1
      · intro h
        have h' : 0 < count_occ l v := h
        exact pds_mem_tail x (ih.2 h')

theorem pds_foldl_app {α β : Type} (f : α → β → α) :
    ∀ (l1 l2 : List β) (a : α), List.foldl f a (l1 ++ l2) = List.foldl f (List.foldl f a l1) l2
  | [], _, _ => rfl
  | b :: l1, l2, a => pds_foldl_app f l1 l2 (f a b)

theorem pds_all_iff {α : Type} (f : α → Bool) : ∀ (l : List α), List.all l f = true ↔ ∀ (x : α), x ∈ l → f x = true
  | [] => ⟨fun _ x h => absurd h (fun h2 => pds_not_mem_nil h2), fun _ => rfl⟩
  | y :: l => by
    have ih := pds_all_iff f l
    show (f y && List.all l f) = true ↔ _
    constructor
    · intro h x hx
      have h2 := pds_and_true h
      cases pds_mem_cons_inv hx with
      | inl e =>
        rw [e]
        exact h2.1
      | inr h1 => exact ih.1 h2.2 x h1
    · intro h
      exact pds_and_intro (h y (pds_mem_head y l)) (ih.2 (fun x hx => h x (pds_mem_tail y hx)))

theorem pds_map_append {α β : Type} (f : α → β) : ∀ (l1 l2 : List α), (l1 ++ l2).map f = l1.map f ++ l2.map f
  | [], _ => rfl
  | a :: l1, l2 => congrArg (List.cons (f a)) (pds_map_append f l1 l2)

theorem pds_beq_refl (a : Nat) : Nat.beq a a = true := by
  cases hb : Nat.beq a a with
  | true => rfl
  | false => exact absurd rfl (Nat.ne_of_beq_eq_false hb)

theorem pds_beq_false {a b : Nat} (h : a ≠ b) : Nat.beq a b = false := by
  cases hb : Nat.beq a b with
  | true => exact absurd (Nat.eq_of_beq_eq_true hb) h
  | false => rfl

theorem pds_mem_labels_inv :
    ∀ (xs : List Crossing) (z : Label), z ∈ labels xs → ∃ (x : Crossing), x ∈ xs ∧ z ∈ xlabels x
  | [], z, h => absurd (show z ∈ ([] : List Label) from h) (fun h2 => pds_not_mem_nil h2)
  | x :: xs, z, h =>
    Or.elim (pds_mem_app_or (xlabels x) (labels xs) h)
      (fun h1 => ⟨x, pds_mem_head x xs, h1⟩)
      (fun h2 => match pds_mem_labels_inv xs z h2 with
        | ⟨y, hy, hz⟩ => ⟨y, pds_mem_tail x hy, hz⟩)

theorem pds_mem_labels_intro : ∀ (xs : List Crossing) (x : Crossing) (z : Label), x ∈ xs → z ∈ xlabels x → z ∈ labels xs
  | [], _, _, h, _ => absurd h (fun h2 => pds_not_mem_nil h2)
  | y :: xs, x, z, h, hz => by
    show z ∈ xlabels y ++ labels xs
    cases pds_mem_cons_inv h with
    | inl e =>
      rw [e] at hz
      exact pds_mem_app_l (xlabels y) (labels xs) hz
    | inr h1 => exact pds_mem_app_r (xlabels y) (labels xs) (pds_mem_labels_intro xs x z h1 hz)

theorem pds_mem_xlabels (x : Crossing) :
    x.1 ∈ xlabels x ∧ x.2.1 ∈ xlabels x ∧ x.2.2.1 ∈ xlabels x ∧ x.2.2.2 ∈ xlabels x :=
  ⟨pds_mem_head _ _, pds_mem_tail _ (pds_mem_head _ _), pds_mem_tail _ (pds_mem_tail _ (pds_mem_head _ _)),
   pds_mem_tail _ (pds_mem_tail _ (pds_mem_tail _ (pds_mem_head _ _)))⟩

theorem pds_cong_add {p x x' y y' : Int} (h1 : cong p x x') (h2 : cong p y y') : cong p (x + y) (x' + y') := by
  obtain ⟨c1, e1⟩ := h1
  obtain ⟨c2, e2⟩ := h2
  refine ⟨c1 + c2, ?_⟩
  rw [Int.mul_add]
  omega

/-- `apply_pd_move s RemoveFree = some t` is a death of the specification. -/
theorem pds_death_spec : ∀ (s t : PDState), apply_pd_move s PDMove.RemoveFree = some t → SpecDeath s t
  | PDState.mk_pd xs 0, t, h => by
    have h' : (none : Option PDState) = some t := h
    cases h'
  | PDState.mk_pd xs (f + 1), t, h => by
    have h' : some (PDState.mk_pd xs f) = some t := h
    injection h' with e
    subst e
    exact And.intro rfl rfl

end Aux

open Aux

/-! ## Part 1: the checker's preconditions are the pictures -/

theorem rot_get4 : ∀ (x : Crossing) (k : Nat), k < 4 →
    x = rot k (get4 x k) (get4 x (add1 k)) (get4 x (add2 k)) (get4 x (add3 k))
  | (_, _, _, _), 0, _ => rfl
  | (_, _, _, _), 1, _ => rfl
  | (_, _, _, _), 2, _ => rfl
  | (_, _, _, _), 3, _ => rfl
  | _, k + 4, h => absurd h (by omega)

theorem in_0123 : ∀ (p : Nat), p ∈ [0, 1, 2, 3] → p < 4 := by
  intro p h
  cases pds_mem_cons_inv h with
  | inl e => omega
  | inr h1 =>
    cases pds_mem_cons_inv h1 with
    | inl e => omega
    | inr h2 =>
      cases pds_mem_cons_inv h2 with
      | inl e => omega
      | inr h3 =>
        cases pds_mem_cons_inv h3 with
        | inl e => omega
        | inr h4 => exact absurd h4 (fun h5 => pds_not_mem_nil h5)

theorem is_kink_spec : ∀ (x : Crossing), is_kink x = true → ∃ (k l i o : Nat), k < 4 ∧ x = rot k l l i o := by
  intro x h
  have h' : existsb (fun (p : Nat) => Nat.beq (get4 x p) (get4 x (add1 p))) [0, 1, 2, 3] = true := h
  obtain ⟨p, hp, he⟩ := pds_existsb_mem _ _ h'
  have hp4 : p < 4 := in_0123 p hp
  have he' : get4 x p = get4 x (add1 p) := Nat.eq_of_beq_eq_true he
  refine ⟨p, get4 x p, get4 x (add2 p), get4 x (add3 p), hp4, ?_⟩
  have hx := rot_get4 x p hp4
  rw [← he'] at hx
  exact hx

theorem odd_S_even : ∀ (k : Nat), over_at (k + 1) = nat_even k := by
  intro k
  unfold over_at nat_even
  have hk : k % 2 = 0 ∨ k % 2 = 1 := by omega
  cases hk with
  | inl h =>
    have h' : (k + 1) % 2 = 1 := by omega
    rw [h, h'] <;> rfl
  | inr h =>
    have h' : (k + 1) % 2 = 0 := by omega
    rw [h, h'] <;> rfl

/-- The parity test of `is_bigon` is the bigon picture (Lean-only case split). -/
theorem pds_bigon_shape_of_parity (p q : Nat) (hp : p < 4) (hq : q < 4)
    (h : Nat.beq ((p + q) % 2) 1 = true) : bigon_shape p q := by
  unfold bigon_shape
  revert h
  rcases pds_lt4 p hp with e | e | e | e <;> rcases pds_lt4 q hq with f | f | f | f <;>
    (subst e; subst f; decide)

theorem is_bigon_spec : ∀ (x y : Crossing), is_bigon x y = true →
    ∃ (k m e g x2 x3 y2 y3 : Nat), k < 4 ∧ m < 4 ∧ bigon_shape k m ∧
      x = rot k g e x2 x3 ∧ y = rot m e g y2 y3 := by
  intro x y h
  have h' : existsb (fun (p : Nat) => existsb (fun (q : Nat) =>
      Nat.beq ((p + q) % 2) 1 && Nat.beq (get4 x (add1 p)) (get4 y q) &&
        Nat.beq (get4 y (add1 q)) (get4 x p)) [0, 1, 2, 3]) [0, 1, 2, 3] = true := h
  obtain ⟨p, hp, hq'⟩ := pds_existsb_mem _ _ h'
  obtain ⟨q, hq, hb⟩ := pds_existsb_mem _ _ hq'
  have hb' : (Nat.beq ((p + q) % 2) 1 && Nat.beq (get4 x (add1 p)) (get4 y q) &&
      Nat.beq (get4 y (add1 q)) (get4 x p)) = true := hb
  obtain ⟨h12, h3⟩ := pds_and_true hb'
  obtain ⟨hpar, h1⟩ := pds_and_true h12
  have e1 : get4 x (add1 p) = get4 y q := Nat.eq_of_beq_eq_true h1
  have e2 : get4 y (add1 q) = get4 x p := Nat.eq_of_beq_eq_true h3
  have hp4 : p < 4 := in_0123 p hp
  have hq4 : q < 4 := in_0123 q hq
  refine ⟨p, q, get4 x (add1 p), get4 x p, get4 x (add2 p), get4 x (add3 p), get4 y (add2 q), get4 y (add3 q),
    hp4, hq4, pds_bigon_shape_of_parity p q hp4 hq4 hpar, rot_get4 x p hp4, ?_⟩
  have hy := rot_get4 y q hq4
  rw [← e1, e2] at hy
  exact hy

theorem is_triangle_spec : ∀ (a b c : Slot), is_triangle [a, b, c] = true →
    a.1 ≠ b.1 ∧ a.1 ≠ c.1 ∧ b.1 ≠ c.1 ∧ r3_shape a.2 b.2 c.2 := by
  intro a b c h
  have h' : (!(Nat.beq a.1 b.1) && !(Nat.beq a.1 c.1) && !(Nat.beq b.1 c.1) &&
      !(bool_eqb (nat_even a.2) (nat_even b.2) && bool_eqb (nat_even a.2) (nat_even c.2))) = true := h
  obtain ⟨h1, hs⟩ := pds_and_true h'
  obtain ⟨h2, hbc⟩ := pds_and_true h1
  obtain ⟨hab, hac⟩ := pds_and_true h2
  refine ⟨pds_ne_of_not_beq hab, pds_ne_of_not_beq hac, pds_ne_of_not_beq hbc, ?_⟩
  unfold r3_shape over_both under_both
  rw [odd_S_even, odd_S_even, odd_S_even]
  unfold over_at
  revert hs
  generalize nat_even a.2 = ea
  generalize nat_even b.2 = eb
  generalize nat_even c.2 = ec
  cases ea <;> cases eb <;> cases ec <;> decide

/-! ## Part 2: union-find paths, the equivalence generated by pairs, relabelling, counting -/

theorem PathN_sfind : ∀ (par : PTree Label) (x r : Label) (k n : Nat), PathN par x r k → k ≤ n → sfind n par x = r := by
  intro par x r k n h hn
  revert n
  induction h with
  | pn_root r hr =>
    intro n _
    cases n with
    | zero => rfl
    | succ n =>
      first
        | (simp only [sfind, hr]
           done)
        | (show (match pget r par with
                  | some y => sfind n par y
                  | none => r) = r
           rw [hr] <;> rfl)
  | pn_step x y r k hx _ ih =>
    intro n hn
    cases n with
    | zero => exact absurd hn (by omega)
    | succ n =>
      have hn' : k ≤ n := by omega
      first
        | (simp only [sfind, hx]
           exact ih n hn')
        | (show (match pget x par with
                  | some y => sfind n par y
                  | none => x) = r
           rw [hx]
           exact ih n hn')

theorem PathN_root : ∀ (par : PTree Label) (x r : Label) (k : Nat), PathN par x r k → pget r par = none := by
  intro par x r k h
  induction h with
  | pn_root _ hr => exact hr
  | pn_step _ _ _ _ _ _ ih => exact ih

theorem UFrel_sfind : ∀ (par : PTree Label) (m : Nat) (F : Label → Label) (n : Nat) (x : Label),
    UFrel par m F → m ≤ n → sfind n par x = F x := by
  intro par m F n x h hn
  obtain ⟨k, hk, hp⟩ := h x
  exact PathN_sfind par x (F x) k n hp (by omega)

theorem join_map_spec : ∀ (u v z : Label),
    join_map u v z = if Nat.beq u v = true then z else if Nat.beq z (nmax u v) = true then nmin u v else z := by
  intro u v z
  unfold join_map
  cases Nat.beq u v <;> rfl

theorem UFrel_mono : ∀ (par : PTree Label) (m m' : Nat) (F : Label → Label),
    UFrel par m F → m ≤ m' → UFrel par m' F := by
  intro par m m' F h hm x
  obtain ⟨k, hk, hp⟩ := h x
  exact ⟨k, Nat.le_trans hk hm, hp⟩

theorem Eqv_incl : ∀ (ps ps' : List (Label × Label)), (∀ (a b : Label), (a, b) ∈ ps → Eqv ps' a b) →
    ∀ (z w : Label), Eqv ps z w → Eqv ps' z w := by
  intro ps ps' hi z w h
  induction h with
  | eqv_refl z => exact Eqv.eqv_refl z
  | eqv_sym z w _ ih => exact Eqv.eqv_sym z w ih
  | eqv_trans z w u _ _ ih1 ih2 => exact Eqv.eqv_trans z w u ih1 ih2
  | eqv_base a b hin => exact hi a b hin

theorem Eqv_app_l : ∀ (ps qs : List (Label × Label)) (z w : Label), Eqv ps z w → Eqv (ps ++ qs) z w := by
  intro ps qs
  exact Eqv_incl ps (ps ++ qs) (fun a b h => Eqv.eqv_base a b (pds_mem_app_l ps qs h))

theorem seqjoin_snoc : ∀ (ps : List (Label × Label)) (a b z : Label),
    seqjoin (ps ++ [(a, b)]) z = join_map (seqjoin ps a) (seqjoin ps b) (seqjoin ps z) := by
  intro ps a b z
  show List.foldl jstep (fun z => z) (ps ++ [(a, b)]) z = _
  rw [pds_foldl_app] <;> rfl

theorem Eqv_map : ∀ (ps qs : List (Label × Label)) (s : Label → Label),
    (∀ (a b : Label), (a, b) ∈ ps → Eqv qs (s a) (s b)) → ∀ (z w : Label), Eqv ps z w → Eqv qs (s z) (s w) := by
  intro ps qs s hs z w h
  induction h with
  | eqv_refl z => exact Eqv.eqv_refl (s z)
  | eqv_sym z w _ ih => exact Eqv.eqv_sym (s z) (s w) ih
  | eqv_trans z w u _ _ ih1 ih2 => exact Eqv.eqv_trans (s z) (s w) (s u) ih1 ih2
  | eqv_base a b hin => exact hs a b hin

theorem Eqv_sep : ∀ (ps : List (Label × Label)) (Q : Label → Bool), (∀ (a b : Label), (a, b) ∈ ps → Q a = Q b) →
    ∀ (z w : Label), Eqv ps z w → Q z = Q w := by
  intro ps Q hq z w h
  induction h with
  | eqv_refl z => rfl
  | eqv_sym z w _ ih => exact ih.symm
  | eqv_trans z w u _ _ ih1 ih2 => exact ih1.trans ih2
  | eqv_base a b hin => exact hq a b hin

theorem labels_app : ∀ (xs ys : List Crossing), labels (xs ++ ys) = labels xs ++ labels ys
  | [], _ => rfl
  | x :: xs, ys => by
    show xlabels x ++ labels (xs ++ ys) = (xlabels x ++ labels xs) ++ labels ys
    rw [labels_app xs ys, List.append_assoc]

theorem labels_cons : ∀ (x : Crossing) (E : List Crossing), labels (x :: E) = xlabels x ++ labels E := by
  intro x E
  rfl

theorem labels_map_rn_eq : ∀ (r : Label → Label) (E : List Crossing), labels (E.map (rn r)) = (labels E).map r := by
  intro r E
  induction E with
  | nil => rfl
  | cons x E ih =>
    show [r x.1, r x.2.1, r x.2.2.1, r x.2.2.2] ++ labels (E.map (rn r)) = (xlabels x ++ labels E).map r
    rw [ih]
    exact (pds_map_append r (xlabels x) (labels E)).symm

theorem labels_map_rn : ∀ (r : Label → Label) (E : List Crossing) (l : Label),
    l ∈ labels (E.map (rn r)) ↔ ∃ (z : Label), z ∈ labels E ∧ l = r z := by
  intro r E l
  rw [labels_map_rn_eq]
  constructor
  · intro h
    obtain ⟨z, hz, e⟩ := pds_mem_map_inv r (labels E) l h
    exact ⟨z, hz, e.symm⟩
  · intro h
    obtain ⟨z, hz, e⟩ := h
    rw [e]
    exact pds_mem_map_intro r (labels E) z hz

theorem rn_ext_in : ∀ (r1 r2 : Label → Label) (E : List Crossing), (∀ (z : Label), z ∈ labels E → r1 z = r2 z) →
    E.map (rn r1) = E.map (rn r2) := by
  intro r1 r2 E
  induction E with
  | nil => intro _; rfl
  | cons x E ih =>
    intro h
    have hx : ∀ (z : Label), z ∈ xlabels x → r1 z = r2 z := fun z hz => h z (pds_mem_app_l (xlabels x) (labels E) hz)
    have hE : ∀ (z : Label), z ∈ labels E → r1 z = r2 z := fun z hz => h z (pds_mem_app_r (xlabels x) (labels E) hz)
    obtain ⟨m1, m2, m3, m4⟩ := pds_mem_xlabels x
    show (r1 x.1, r1 x.2.1, r1 x.2.2.1, r1 x.2.2.2) :: E.map (rn r1) =
      (r2 x.1, r2 x.2.1, r2 x.2.2.1, r2 x.2.2.2) :: E.map (rn r2)
    rw [hx _ m1, hx _ m2, hx _ m3, hx _ m4, ih hE]

theorem map_rn_map_rn : ∀ (r1 r2 : Label → Label) (E : List Crossing),
    (E.map (rn r1)).map (rn r2) = E.map (rn (fun z => r2 (r1 z))) := by
  intro r1 r2 E
  induction E with
  | nil => rfl
  | cons x E ih => exact congrArg (List.cons (rn (fun z => r2 (r1 z)) x)) ih

theorem map_rn_id : ∀ (E : List Crossing), E.map (rn (fun z => z)) = E := by
  intro E
  induction E with
  | nil => rfl
  | cons x E ih => exact congrArg (List.cons x) ih

theorem in_labels_perm : ∀ (xs ys : List Crossing) (z : Label), PermPD xs ys → z ∈ labels xs → z ∈ labels ys := by
  intro xs ys z h hz
  obtain ⟨x, hx, hzx⟩ := pds_mem_labels_inv xs z hz
  exact pds_mem_labels_intro ys x z (pds_perm_mem h hx) hzx

theorem occ_cons : ∀ (z : Label) (x : Crossing) (E : List Crossing),
    occ z (x :: E) = count_occ (xlabels x) z + occ z E := by
  intro z x E
  show count_occ (xlabels x ++ labels E) z = count_occ (xlabels x) z + count_occ (labels E) z
  exact pds_count_app z (xlabels x) (labels E)

theorem occ_perm : ∀ (z : Label) (xs ys : List Crossing), PermPD xs ys → occ z xs = occ z ys := by
  intro z xs ys h
  induction h with
  | perm_nil => rfl
  | perm_skip x l1 l2 _ ih => rw [occ_cons, occ_cons, ih]
  | perm_swap a b l1 =>
    rw [occ_cons, occ_cons, occ_cons, occ_cons]
    omega
  | perm_trans l1 l2 l3 _ _ ih1 ih2 => exact ih1.trans ih2

theorem WL_perm : ∀ (xs ys : List Crossing), PermPD xs ys → WellLabelled xs → WellLabelled ys := by
  intro xs ys h w l hl
  rw [← occ_perm l xs ys h]
  exact w l (in_labels_perm ys xs l (pds_perm_sym h) hl)

theorem occ_zero : ∀ (z : Label) (E : List Crossing), occ z E = 0 ↔ ¬ z ∈ labels E := by
  intro z E
  have h := pds_count_pos_iff (labels E) z
  constructor
  · intro e hz
    have hp : 0 < occ z E := h.1 hz
    omega
  · intro hn
    have hle : ¬ 0 < occ z E := fun hp => hn (h.2 hp)
    omega

theorem occ_pos : ∀ (z : Label) (E : List Crossing), 0 < occ z E ↔ z ∈ labels E := by
  intro z E
  exact (pds_count_pos_iff (labels E) z).symm

theorem count_rot : ∀ (k : Nat) (w x y z v : Label),
    count_occ (xlabels (rot k w x y z)) v = count_occ [w, x, y, z] v
  | 0, _, _, _, _, _ => rfl
  | 1, w, x, y, z, v => by
    show count_occ [z, w, x, y] v = count_occ [w, x, y, z] v
    simp only [pds_count_cons, pds_count_nil]
    omega
  | 2, w, x, y, z, v => by
    show count_occ [y, z, w, x] v = count_occ [w, x, y, z] v
    simp only [pds_count_cons, pds_count_nil]
    omega
  | k + 3, w, x, y, z, v => by
    show count_occ [x, y, z, w] v = count_occ [w, x, y, z] v
    simp only [pds_count_cons, pds_count_nil]
    omega

theorem pget_leaf {α : Type} : ∀ (k : Nat), pget k (PTree.PLeaf : PTree α) = none := by
  intro k
  rfl

theorem in_rot : ∀ (k : Nat) (w x y z v : Label), v ∈ xlabels (rot k w x y z) ↔ v = w ∨ v = x ∨ v = y ∨ v = z := by
  intro k w x y z v
  rw [pds_count_pos_iff, count_rot, ← pds_count_pos_iff]
  constructor
  · intro h
    cases pds_mem_cons_inv h with
    | inl e => exact Or.inl e
    | inr h1 =>
      cases pds_mem_cons_inv h1 with
      | inl e => exact Or.inr (Or.inl e)
      | inr h2 =>
        cases pds_mem_cons_inv h2 with
        | inl e => exact Or.inr (Or.inr (Or.inl e))
        | inr h3 =>
          cases pds_mem_cons_inv h3 with
          | inl e => exact Or.inr (Or.inr (Or.inr e))
          | inr h4 => exact absurd h4 (fun h5 => pds_not_mem_nil h5)
  · intro h
    cases h with
    | inl e =>
      rw [e]
      exact pds_mem_head w [x, y, z]
    | inr h1 =>
      cases h1 with
      | inl e =>
        rw [e]
        exact pds_mem_tail w (pds_mem_head x [y, z])
      | inr h2 =>
        cases h2 with
        | inl e =>
          rw [e]
          exact pds_mem_tail w (pds_mem_tail x (pds_mem_head y [z]))
        | inr e =>
          rw [e]
          exact pds_mem_tail w (pds_mem_tail x (pds_mem_tail y (pds_mem_head z [])))

theorem WL_count : ∀ (x : Crossing) (E : List Crossing) (v : Label), WellLabelled (x :: E) → v ∈ xlabels x →
    count_occ (xlabels x) v + occ v E = 2 := by
  intro x E v w h
  have h1 := occ_cons v x E
  have h2 := w v (pds_mem_app_l (xlabels x) (labels E) h)
  omega

theorem WL_count2 : ∀ (x y : Crossing) (E : List Crossing) (v : Label), WellLabelled (x :: y :: E) → v ∈ xlabels x →
    count_occ (xlabels x) v + count_occ (xlabels y) v + occ v E = 2 := by
  intro x y E v w h
  have h1 := occ_cons v x (y :: E)
  have h2 := occ_cons v y E
  have h3 := w v (pds_mem_app_l (xlabels x) (labels (y :: E)) h)
  omega

theorem WL_count2' : ∀ (x y : Crossing) (E : List Crossing) (v : Label), WellLabelled (x :: y :: E) → v ∈ labels E →
    count_occ (xlabels x) v + count_occ (xlabels y) v + occ v E = 2 := by
  intro x y E v w h
  have h1 := occ_cons v x (y :: E)
  have h2 := occ_cons v y E
  have h3 := w v (pds_mem_app_r (xlabels x) (labels (y :: E)) (pds_mem_app_r (xlabels y) (labels E) h))
  omega

theorem join_crossings : ∀ (u v : Label) (D : PDState),
    (join u v D).crossings = D.crossings.map (rn (join_map u v)) := by
  intro u v D
  unfold join join_map
  cases Nat.beq u v with
  | true => exact (map_rn_id D.crossings).symm
  | false => rfl

theorem join_free : ∀ (u v : Label) (D : PDState),
    (join u v D).free = D.free + (if Nat.beq u v = true then 1 else 0) := by
  intro u v D
  unfold join
  cases Nat.beq u v <;> rfl

theorem join2_crossings : ∀ (u1 v1 u2 v2 : Label) (D : PDState),
    (join2 u1 v1 u2 v2 D).crossings = D.crossings.map (rn (seqjoin [(u1, v1), (u2, v2)])) := by
  intro u1 v1 u2 v2 D
  unfold join2
  rw [join_crossings, join_crossings, map_rn_map_rn] <;> rfl

theorem NoDup_app' {α : Type} : ∀ (l1 l2 : List α), NoDupPD l1 → NoDupPD l2 → (∀ (x : α), x ∈ l1 → ¬ x ∈ l2) →
    NoDupPD (l1 ++ l2)
  | [], _, _, h2, _ => h2
  | x :: l1, l2, h1, h2, h => by
    have hc : ¬ x ∈ l1 ∧ NoDupPD l1 := by
      first
        | (cases h1 with
            | NoDup_cons hx hl => exact ⟨hx, hl⟩)
        | (cases h1 with
            | @NoDup_cons _ _ hx hl => exact ⟨hx, hl⟩)
    apply NoDupPD.NoDup_cons
    · intro hm
      cases pds_mem_app_or l1 l2 hm with
      | inl h' => exact hc.1 h'
      | inr h' => exact h x (pds_mem_head x l1) h'
    · exact NoDup_app' l1 l2 hc.2 h2 (fun y hy => h y (pds_mem_tail x hy))

theorem add_lt4 : ∀ (p : Nat), add1 p < 4 ∧ add2 p < 4 ∧ add3 p < 4 := by
  intro p
  refine ⟨?_, ?_, ?_⟩
  · unfold add1
    split <;> omega
  · unfold add2
    split <;> omega
  · unfold add3
    split <;> omega

/-! ## Part 4: Fox colourings -/

theorem cong_refl : ∀ (p x : Int), cong p x x := by
  intro p x
  exact ⟨0, by omega⟩

theorem cong_sym : ∀ (p x y : Int), cong p x y → cong p y x := by
  intro p x y h
  obtain ⟨c, e⟩ := h
  refine ⟨-c, ?_⟩
  rw [Int.mul_neg]
  omega

theorem cong_trans : ∀ (p x y z : Int), cong p x y → cong p y z → cong p x z := by
  intro p x y z h1 h2
  obtain ⟨c1, e1⟩ := h1
  obtain ⟨c2, e2⟩ := h2
  refine ⟨c1 + c2, ?_⟩
  rw [Int.mul_add]
  omega

theorem cong_lin2 : ∀ (p a b x y x' y' : Int), cong p x x' → cong p y y' →
    cong p (a * x + b * y) (a * x' + b * y') := by
  intro p a b x y x' y' h1 h2
  obtain ⟨c1, e1⟩ := h1
  obtain ⟨c2, e2⟩ := h2
  refine ⟨a * c1 + b * c2, ?_⟩
  have ex : a * x - a * x' = a * (p * c1) := by rw [← e1, Int.mul_sub]
  have ey : b * y - b * y' = b * (p * c2) := by rw [← e2, Int.mul_sub]
  have ea : a * (p * c1) = p * (a * c1) := Int.mul_left_comm a p c1
  have eb : b * (p * c2) = p * (b * c2) := Int.mul_left_comm b p c2
  rw [Int.mul_add]
  omega

theorem cong_eq : ∀ (p x y : Int), x = y → cong p x y := by
  intro p x y e
  rw [e]
  exact cong_refl p y

theorem cong_double : ∀ (p a b : Int), cong p a b → cong p (2 * a) (2 * b) := by
  intro p a b h
  obtain ⟨c, e⟩ := h
  refine ⟨2 * c, ?_⟩
  rw [Int.mul_left_comm]
  omega

theorem xcol_rn : ∀ (p : Int) (col : Label → Int) (r : Label → Label) (x : Crossing),
    xcol p col (rn r x) ↔ xcol p (fun z => col (r z)) x := by
  intro p col r x
  exact Iff.rfl

theorem Colouring_perm : ∀ (p : Int) (xs ys : List Crossing) (col : Label → Int), PermPD xs ys →
    Colouring p xs col → Colouring p ys col := by
  intro p xs ys col h c x hx
  exact c x (pds_perm_mem (pds_perm_sym h) hx)

theorem Colouring_cons : ∀ (p : Int) (x : Crossing) (E : List Crossing) (col : Label → Int),
    Colouring p (x :: E) col ↔ xcol p col x ∧ Colouring p E col := by
  intro p x E col
  constructor
  · intro c
    exact ⟨c x (pds_mem_head x E), fun y hy => c y (pds_mem_tail x hy)⟩
  · intro h y hy
    cases pds_mem_cons_inv hy with
    | inl e =>
      rw [e]
      exact h.1
    | inr h1 => exact h.2 y h1

theorem Colouring_map : ∀ (p : Int) (E : List Crossing) (col : Label → Int) (r : Label → Label),
    Colouring p (E.map (rn r)) col ↔ Colouring p E (fun z => col (r z)) := by
  intro p E col r
  constructor
  · intro c x hx
    exact (xcol_rn p col r x).1 (c (rn r x) (pds_mem_map_intro (rn r) E x hx))
  · intro c y hy
    obtain ⟨x, hx, e⟩ := pds_mem_map_inv (rn r) E y hy
    rw [← e]
    exact (xcol_rn p col r x).2 (c x hx)

theorem xcol_ext : ∀ (p : Int) (col col' : Label → Int) (x : Crossing),
    (∀ (z : Label), z ∈ xlabels x → cong p (col z) (col' z)) → xcol p col x → xcol p col' x := by
  intro p col col' x h hx
  obtain ⟨m1, m2, m3, m4⟩ := pds_mem_xlabels x
  have ha := h _ m1
  have hb := h _ m2
  have hc := h _ m3
  have hd := h _ m4
  have hx' : cong p (col x.2.1) (col x.2.2.2) ∧ cong p (2 * col x.2.1) (col x.1 + col x.2.2.1) := hx
  show cong p (col' x.2.1) (col' x.2.2.2) ∧ cong p (2 * col' x.2.1) (col' x.1 + col' x.2.2.1)
  refine ⟨?_, ?_⟩
  · exact cong_trans p _ _ _ (cong_sym p _ _ hb) (cong_trans p _ _ _ hx'.1 hd)
  · exact cong_trans p _ _ _ (cong_sym p _ _ (cong_double p _ _ hb))
      (cong_trans p _ _ _ hx'.2 (pds_cong_add ha hc))

theorem Colouring_ext : ∀ (p : Int) (E : List Crossing) (col col' : Label → Int),
    (∀ (z : Label), z ∈ labels E → cong p (col z) (col' z)) → Colouring p E col → Colouring p E col' := by
  intro p E col col' h c x hx
  exact xcol_ext p col col' x (fun z hz => h z (pds_mem_labels_intro E x z hx hz)) (c x hx)

theorem NontrivCol_perm : ∀ (p : Int) (xs ys : List Crossing) (f : Nat), PermPD xs ys →
    NontrivCol p (PDState.mk_pd xs f) → NontrivCol p (PDState.mk_pd ys f) := by
  intro p xs ys f h hn
  obtain ⟨col, fc, hc, hnc⟩ := hn
  refine ⟨col, fc, Colouring_perm p xs ys col h hc, ?_⟩
  intro ha
  obtain ⟨c, a1, a2⟩ := ha
  apply hnc
  refine ⟨c, ?_, a2⟩
  intro l hl
  exact a1 l (in_labels_perm xs ys l h hl)

theorem PDIso_sym : ∀ (D D' : PDState), PDIso D D' → PDIso D' D := by
  intro D D' h
  obtain ⟨hf, r, r', hr, hp⟩ := h
  refine ⟨hf.symm, r', r, ?_, ?_⟩
  · intro l hl
    have hl' := in_labels_perm _ _ l (pds_perm_sym hp) hl
    obtain ⟨z, hz, e⟩ := (labels_map_rn r D.crossings l).1 hl'
    rw [e, hr z hz]
  · have h1 := pds_perm_map (rn r') hp
    rw [map_rn_map_rn, rn_ext_in (fun z => r' (r z)) (fun z => z) D.crossings hr, map_rn_id] at h1
    exact pds_perm_sym h1

theorem NontrivCol_iso : ∀ (p : Int) (D D' : PDState), PDIso D D' → NontrivCol p D → NontrivCol p D' := by
  intro p D D' hi hn
  obtain ⟨hf, r, r', hr, hp⟩ := hi
  obtain ⟨col, fc, hc, hnc⟩ := hn
  refine ⟨fun z => col (r' z), fc, ?_, ?_⟩
  · apply Colouring_perm p (D.crossings.map (rn r)) D'.crossings _ hp
    apply (Colouring_map p D.crossings (fun z => col (r' z)) r).2
    apply Colouring_ext p D.crossings col _ _ hc
    intro z hz
    show cong p (col z) (col (r' (r z)))
    rw [hr z hz]
    exact cong_refl p (col z)
  · intro ha
    obtain ⟨c, a1, a2⟩ := ha
    apply hnc
    refine ⟨c, ?_, ?_⟩
    · intro l hl
      have hm : r l ∈ labels D'.crossings :=
        in_labels_perm _ _ (r l) hp ((labels_map_rn r D.crossings (r l)).2 ⟨l, hl, rfl⟩)
      have h2 : cong p (col (r' (r l))) c := a1 (r l) hm
      rw [hr l hl] at h2
      exact h2
    · intro k hk
      have hk' : k < D'.free := by rw [← hf]; exact hk
      exact a2 k hk'

theorem cong_2 : ∀ (p a b : Int), cong p (2 * a) (a + b) ↔ cong p a b := by
  intro p a b
  constructor
  · intro h
    obtain ⟨c, e⟩ := h
    exact ⟨c, by omega⟩
  · intro h
    obtain ⟨c, e⟩ := h
    exact ⟨c, by omega⟩

theorem const_col : ∀ (p : Int) (col : Label → Int) (x : Crossing) (c : Int),
    (∀ (z : Label), z ∈ xlabels x → cong p (col z) c) → xcol p col x := by
  intro p col x c h
  obtain ⟨m1, m2, m3, m4⟩ := pds_mem_xlabels x
  show cong p (col x.2.1) (col x.2.2.2) ∧ cong p (2 * col x.2.1) (col x.1 + col x.2.2.1)
  refine ⟨cong_trans p _ _ _ (h _ m2) (cong_sym p _ _ (h _ m4)), ?_⟩
  have e2 : cong p (2 * col x.2.1) (2 * c) := cong_double p _ _ (h _ m2)
  have e3 : cong p (col x.1 + col x.2.2.1) (c + c) := pds_cong_add (h _ m1) (h _ m3)
  have e4 : (2 : Int) * c = c + c := by omega
  rw [e4] at e2
  exact cong_trans p _ _ _ e2 (cong_sym p _ _ e3)

theorem in_labels_cons : ∀ (z : Label) (x : Crossing) (E : List Crossing),
    z ∈ labels (x :: E) ↔ z ∈ xlabels x ∨ z ∈ labels E := by
  intro z x E
  constructor
  · intro h
    exact pds_mem_app_or (xlabels x) (labels E) h
  · intro h
    cases h with
    | inl h1 => exact pds_mem_app_l (xlabels x) (labels E) h1
    | inr h2 => exact pds_mem_app_r (xlabels x) (labels E) h2

theorem cong_solve : ∀ (p c a b : Int), cong p c (2 * a - b) → cong p a c → cong p b c := by
  intro p c a b h1 h2
  obtain ⟨c1, e1⟩ := h1
  obtain ⟨c2, e2⟩ := h2
  refine ⟨c1 + 2 * c2, ?_⟩
  rw [Int.mul_add, Int.mul_left_comm]
  omega

theorem cong_solve2 : ∀ (p x a b c : Int), cong p x (2 * a - b) → cong p x c → cong p a c → cong p b c := by
  intro p x a b c h1 h2 h3
  obtain ⟨c1, e1⟩ := h1
  obtain ⟨c2, e2⟩ := h2
  obtain ⟨c3, e3⟩ := h3
  refine ⟨c1 - c2 + 2 * c3, ?_⟩
  rw [Int.mul_add, Int.mul_sub, Int.mul_left_comm p 2 c3]
  omega

theorem Eqv_cong : ∀ (p : Int) (col : Label → Int) (ps : List (Label × Label)),
    (∀ (a b : Label), (a, b) ∈ ps → cong p (col a) (col b)) → ∀ (z w : Label), Eqv ps z w → cong p (col z) (col w) := by
  intro p col ps h z w e
  induction e with
  | eqv_refl z => exact cong_refl p (col z)
  | eqv_sym z w _ ih => exact cong_sym p _ _ ih
  | eqv_trans z w u _ _ ih1 ih2 => exact cong_trans p _ _ _ ih1 ih2
  | eqv_base a b hin => exact h a b hin

theorem bigon_parity : ∀ (k m : Nat), bigon_shape k m → nat_even m = !(nat_even k) := by
  intro k m h
  have h' : over_at (k + 1) = over_at m := h
  rw [odd_S_even] at h'
  unfold over_at at h'
  revert h'
  cases nat_even k <;> cases nat_even m <;> decide

theorem r3_shape_parity : ∀ (k1 k2 k3 : Nat), r3_shape k1 k2 k3 →
    ¬ (nat_even k1 = nat_even k2 ∧ nat_even k1 = nat_even k3) := by
  intro k1 k2 k3 h
  obtain ⟨h1, _⟩ := h
  unfold over_both at h1
  rw [odd_S_even, odd_S_even, odd_S_even] at h1
  unfold over_at at h1
  revert h1
  cases nat_even k1 <;> cases nat_even k2 <;> cases nat_even k3 <;> decide

theorem xcol_rot : ∀ (p : Int) (col : Label → Int) (k : Nat) (w x y z : Label), k < 4 →
    (xcol p col (rot k w x y z) ↔
      (if nat_even k = true then cong p (col x) (col z) ∧ cong p (2 * col x) (col w + col y)
       else cong p (col w) (col y) ∧ cong p (2 * col w) (col x + col z)))
  | _, _, 0, _, _, _, _, _ => Iff.rfl
  | p, col, 1, w, x, y, z, _ => by
    show (cong p (col w) (col y) ∧ cong p (2 * col w) (col z + col x)) ↔
      (cong p (col w) (col y) ∧ cong p (2 * col w) (col x + col z))
    rw [Int.add_comm (col z) (col x)] <;> exact Iff.rfl
  | p, col, 2, w, x, y, z, _ => by
    show (cong p (col z) (col x) ∧ cong p (2 * col z) (col y + col w)) ↔
      (cong p (col x) (col z) ∧ cong p (2 * col x) (col w + col y))
    rw [Int.add_comm (col y) (col w)]
    constructor
    · intro h
      exact ⟨cong_sym p _ _ h.1, cong_trans p _ _ _ (cong_double p _ _ (cong_sym p _ _ h.1)) h.2⟩
    · intro h
      exact ⟨cong_sym p _ _ h.1, cong_trans p _ _ _ (cong_double p _ _ (cong_sym p _ _ h.1)) h.2⟩
  | p, col, 3, w, x, y, z, _ => by
    show (cong p (col y) (col w) ∧ cong p (2 * col y) (col x + col z)) ↔
      (cong p (col w) (col y) ∧ cong p (2 * col w) (col x + col z))
    constructor
    · intro h
      exact ⟨cong_sym p _ _ h.1, cong_trans p _ _ _ (cong_double p _ _ (cong_sym p _ _ h.1)) h.2⟩
    · intro h
      exact ⟨cong_sym p _ _ h.1, cong_trans p _ _ _ (cong_double p _ _ (cong_sym p _ _ h.1)) h.2⟩
  | _, _, k + 4, _, _, _, _, h => absurd h (by omega)

theorem kink_col : ∀ (p : Int) (col : Label → Int) (k : Nat) (l i o : Label), k < 4 →
    (xcol p col (rot k l l i o) ↔ cong p (col l) (col i) ∧ cong p (col l) (col o)) := by
  intro p col k l i o hk
  rw [xcol_rot p col k l l i o hk]
  cases nat_even k with
  | true =>
    show (cong p (col l) (col o) ∧ cong p (2 * col l) (col l + col i)) ↔ _
    rw [cong_2] <;> exact ⟨fun h => ⟨h.2, h.1⟩, fun h => ⟨h.2, h.1⟩⟩
  | false =>
    show (cong p (col l) (col i) ∧ cong p (2 * col l) (col l + col o)) ↔ _
    rw [cong_2] <;> exact Iff.rfl

theorem xcol_ext2 : ∀ (p : Int) (col : Label → Int) (k : Nat) (w x y z : Label), k < 4 →
    xcol p col (rot k w x y z) →
    (if nat_even k = true then cong p (col z) (col x) ∧ cong p (col y) (2 * col x - col w)
     else cong p (col y) (col w) ∧ cong p (col z) (2 * col w - col x)) := by
  intro p col k w x y z hk h
  have h' := (xcol_rot p col k w x y z hk).1 h
  revert h'
  cases nat_even k with
  | true =>
    intro h'
    have h2 : cong p (col x) (col z) ∧ cong p (2 * col x) (col w + col y) := h'
    show cong p (col z) (col x) ∧ cong p (col y) (2 * col x - col w)
    obtain ⟨c, e⟩ := h2.2
    refine ⟨cong_sym p _ _ h2.1, -c, ?_⟩
    rw [Int.mul_neg]
    omega
  | false =>
    intro h'
    have h2 : cong p (col w) (col y) ∧ cong p (2 * col w) (col x + col z) := h'
    show cong p (col y) (col w) ∧ cong p (col z) (2 * col w - col x)
    obtain ⟨c, e⟩ := h2.2
    refine ⟨cong_sym p _ _ h2.1, -c, ?_⟩
    rw [Int.mul_neg]
    omega

theorem ind_spec : ∀ (a v : Label), (if Nat.beq a v = true then 1 else 0) = 0 → a ≠ v := by
  intro a v h e
  rw [e, pds_beq_refl v] at h
  exact absurd h (by decide)

theorem ind_self : ∀ (v : Label), (if Nat.beq v v = true then 1 else 0) = 1 := by
  intro v
  rw [pds_beq_refl v] <;> rfl

theorem ind_le : ∀ (a v : Label), (if Nat.beq a v = true then 1 else 0) ≤ 1 := by
  intro a v
  split <;> omega

/-! ### Every step of the specification preserves the existence of a non-trivial colouring -/

theorem NontrivCol_perm_iff : ∀ (p : Int) (xs ys : List Crossing) (f : Nat), PermPD xs ys →
    (NontrivCol p (PDState.mk_pd xs f) ↔ NontrivCol p (PDState.mk_pd ys f)) := by
  intro p xs ys f h
  exact ⟨NontrivCol_perm p xs ys f h, NontrivCol_perm p ys xs f (pds_perm_sym h)⟩

theorem NontrivCol_iso_iff : ∀ (p : Int) (D D' : PDState), PDIso D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  exact ⟨NontrivCol_iso p D D' h, NontrivCol_iso p D' D (PDIso_sym D D' h)⟩

theorem pd_eta : ∀ (D : PDState), D = PDState.mk_pd D.crossings D.free := by
  intro D
  cases D
  rfl

/-- Coq `spec_r1_col`; the Coq lemma `r1_col` it uses is the hypothesis `HC1`. -/
theorem spec_r1_col (HC1 : r1_col_statement) :
    ∀ (p : Int) (D D' : PDState), SpecR1 D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  obtain ⟨k, l, i, o, E, hk, w, hp, hiso⟩ := h
  rw [pd_eta D]
  exact (NontrivCol_perm_iff p _ _ _ hp).trans
    ((HC1 p k l i o E D.free hk (WL_perm _ _ hp w)).trans (NontrivCol_iso_iff p _ _ hiso))

/-- Coq `spec_r2_col`; the Coq lemma `r2_col` it uses is the hypothesis `HC2`. -/
theorem spec_r2_col (HC2 : r2_col_statement) :
    ∀ (p : Int) (D D' : PDState), SpecR2 D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  obtain ⟨k, m, e, g, x2, x3, y2, y3, E, hk, hm, hs, w, hp, hiso⟩ := h
  rw [pd_eta D]
  exact (NontrivCol_perm_iff p _ _ _ hp).trans
    ((HC2 p k m e g x2 x3 y2 y3 E D.free hk hm hs (WL_perm _ _ hp w)).trans (NontrivCol_iso_iff p _ _ hiso))

theorem rot_add2 : ∀ (k : Nat) (w x y z : Label), k < 4 → rot k w x y z = rot (add2 k) y z w x
  | 0, _, _, _, _, _ => rfl
  | 1, _, _, _, _, _ => rfl
  | 2, _, _, _, _, _ => rfl
  | 3, _, _, _, _, _ => rfl
  | k + 4, _, _, _, _, h => absurd h (by omega)

/-- `add2` keeps the parity of a position (Lean-only step of `r3_shape_add2`). -/
theorem pds_over_at_add2 : ∀ (k : Nat), k < 4 → over_at (add2 k) = over_at k ∧ over_at (add2 k + 1) = over_at (k + 1)
  | 0, _ => ⟨rfl, rfl⟩
  | 1, _ => ⟨rfl, rfl⟩
  | 2, _ => ⟨rfl, rfl⟩
  | 3, _ => ⟨rfl, rfl⟩
  | k + 4, h => absurd h (by omega)

theorem r3_shape_add2 : ∀ (k1 k2 k3 : Nat), k1 < 4 → k2 < 4 → k3 < 4 →
    r3_shape k1 k2 k3 → r3_shape (add2 k1) (add2 k2) (add2 k3) := by
  intro k1 k2 k3 h1 h2 h3 h
  unfold r3_shape over_both under_both at h ⊢
  rw [(pds_over_at_add2 k1 h1).1, (pds_over_at_add2 k2 h2).1, (pds_over_at_add2 k3 h3).1,
    (pds_over_at_add2 k1 h1).2, (pds_over_at_add2 k2 h2).2, (pds_over_at_add2 k3 h3).2]
  exact h

theorem count4_split : ∀ (a b c d v : Label), count_occ [a, b, c, d] v =
    (if Nat.beq a v = true then 1 else 0) + (if Nat.beq b v = true then 1 else 0) +
      (if Nat.beq c v = true then 1 else 0) + (if Nat.beq d v = true then 1 else 0) := by
  intro a b c d v
  simp only [pds_count_cons, pds_count_nil]
  omega

theorem occ_cons3 : ∀ (v : Label) (x y z : Crossing) (E : List Crossing), occ v (x :: y :: z :: E) =
    count_occ (xlabels x) v + count_occ (xlabels y) v + count_occ (xlabels z) v + occ v E := by
  intro v x y z E
  rw [occ_cons, occ_cons, occ_cons]
  omega

theorem r3_labels : ∀ (k1 k2 k3 : Nat) (l1 l2 l3 x2 x3 y2 y3 z2 z3 : Label) (E : List Crossing) (v : Label),
    occ v (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) =
    occ v (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) := by
  intro k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E v
  rw [occ_cons3, occ_cons3]
  simp only [count_rot, count4_split]
  omega

theorem in_labels_occ : ∀ (v : Label) (xs : List Crossing), v ∈ labels xs ↔ 0 < occ v xs := by
  intro v xs
  exact (occ_pos v xs).symm

/-- Coq `spec_r3_col`; the Coq lemma `r3_col_fwd` it uses is the hypothesis `HC3`. -/
theorem spec_r3_col (HC3 : r3_col_fwd_statement) :
    ∀ (p : Int) (D D' : PDState), SpecR3 D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  obtain ⟨k1, k2, k3, l1, l2, l3, x2, x3, y2, y3, z2, z3, E, h1, h2, h3, hs, w, hp, hp', hf⟩ := h
  have w1 := WL_perm _ _ hp w
  have w2 : WellLabelled (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) := by
    intro v hv
    rw [in_labels_occ, r3_labels, ← in_labels_occ] at hv
    rw [r3_labels]
    exact w1 v hv
  rw [pd_eta D, pd_eta D', NontrivCol_perm_iff p _ _ _ hp, NontrivCol_perm_iff p _ _ _ hp', hf]
  constructor
  · exact HC3 p k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E D.free h1 h2 h3 hs w1
  · intro hn
    have e1 : rot k1 z3 y2 l3 l1 = rot (add2 k1) l3 l1 z3 y2 := rot_add2 k1 z3 y2 l3 l1 h1
    have e2 : rot k2 x3 z2 l1 l2 = rot (add2 k2) l1 l2 x3 z2 := rot_add2 k2 x3 z2 l1 l2 h2
    have e3 : rot k3 y3 x2 l2 l3 = rot (add2 k3) l2 l3 y3 x2 := rot_add2 k3 y3 x2 l2 l3 h3
    rw [e1, e2, e3] at w2 hn
    have R := HC3 p (add2 k1) (add2 k2) (add2 k3) l1 l2 l3 z3 y2 x3 z2 y3 x2 E D.free
      (add_lt4 k1).2.1 (add_lt4 k2).2.1 (add_lt4 k3).2.1 (r3_shape_add2 k1 k2 k3 h1 h2 h3 hs) w2 hn
    rw [← rot_add2 k1 l3 l1 x2 x3 h1, ← rot_add2 k2 l1 l2 y2 y3 h2, ← rot_add2 k3 l2 l3 z2 z3 h3] at R
    exact R

/-- Coq `spec_step_col` (non-vacuity: every step preserves a non-trivial colouring), resting on the
Coq lemmas `r1_col`, `r2_col`, `r3_col_fwd` as the hypotheses `HC1`, `HC2`, `HC3`. -/
theorem spec_step_col (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ∀ (p : Int) (D D' : PDState), SpecStep D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  cases h with
  | spec_r1 _ _ h1 => exact spec_r1_col HC1 p D D' h1
  | spec_r1_inv _ _ h1 => exact (spec_r1_col HC1 p D' D h1).symm
  | spec_r2 _ _ h1 => exact spec_r2_col HC2 p D D' h1
  | spec_r2_inv _ _ h1 => exact (spec_r2_col HC2 p D' D h1).symm
  | spec_r3 _ _ h1 => exact spec_r3_col HC3 p D D' h1
  | spec_r3_inv _ _ h1 => exact (spec_r3_col HC3 p D' D h1).symm
  | spec_iso _ _ h1 => exact NontrivCol_iso_iff p D D' h1

/-- Coq `spec_equiv_col` (hypotheses as in `spec_step_col`). -/
theorem spec_equiv_col (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ∀ (p : Int) (D D' : PDState), SpecEquiv D D' → (NontrivCol p D ↔ NontrivCol p D') := by
  intro p D D' h
  induction h with
  | spec_equiv_refl D0 => exact Iff.rfl
  | spec_equiv_step D0 D1 D2 hs _ ih => exact (spec_step_col HC1 HC2 HC3 p D0 D1 hs).trans ih

theorem unknot_no_nontriv : ∀ (p : Int), ¬ NontrivCol p (pd_trivial 1) := by
  intro p h
  obtain ⟨col, fc, _, hn⟩ := h
  apply hn
  refine ⟨fc 0, ?_, ?_⟩
  · intro l hl
    exact absurd (show l ∈ ([] : List Label) from hl) (fun h2 => pds_not_mem_nil h2)
  · intro k hk
    have hk' : k < 1 := hk
    have e : k = 0 := by omega
    rw [e]
    exact cong_refl p (fc 0)

/-- Coq `nontriv_not_unknot` (hypotheses as in `spec_step_col`). -/
theorem nontriv_not_unknot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ∀ (p : Int) (D : PDState), NontrivCol p D → ¬ SpecEquiv D (pd_trivial 1) := by
  intro p D h e
  exact unknot_no_nontriv p ((spec_equiv_col HC1 HC2 HC3 p D (pd_trivial 1) e).1 h)

/-! ### Computed colourings: the trefoil, the figure-eight knot and `5_1` -/

theorem cong_mod : ∀ (p x y : Int), p ≠ 0 → (cong p x y ↔ (x - y) % p = 0) := by
  intro p x y _
  constructor
  · intro h
    have hd : p ∣ (x - y) := h
    first
      | exact Int.emod_eq_zero_of_dvd hd
      | exact (Int.dvd_iff_emod_eq_zero p (x - y)).1 hd
  · intro h
    have hd : p ∣ (x - y) := by
      first
        | exact Int.dvd_of_emod_eq_zero h
        | exact (Int.dvd_iff_emod_eq_zero p (x - y)).2 h
    exact hd

theorem colouring_b_spec : ∀ (p : Int) (xs : List Crossing) (col : Label → Int), p ≠ 0 →
    (colouring_b p xs col = true ↔ Colouring p xs col) := by
  intro p xs col hp
  unfold colouring_b
  rw [pds_all_iff]
  constructor
  · intro h x hx
    obtain ⟨h1, h2⟩ := pds_and_true (h x hx)
    show cong p (col x.2.1) (col x.2.2.2) ∧ cong p (2 * col x.2.1) (col x.1 + col x.2.2.1)
    exact ⟨(cong_mod p _ _ hp).2 (beq_iff_eq.1 h1), (cong_mod p _ _ hp).2 (beq_iff_eq.1 h2)⟩
  · intro h x hx
    have hc : cong p (col x.2.1) (col x.2.2.2) ∧ cong p (2 * col x.2.1) (col x.1 + col x.2.2.1) := h x hx
    exact pds_and_intro (beq_iff_eq.2 ((cong_mod p _ _ hp).1 hc.1)) (beq_iff_eq.2 ((cong_mod p _ _ hp).1 hc.2))

theorem nontriv_witness : ∀ (p : Int) (xs : List Crossing) (f : Nat) (col : Label → Int) (a b : Label), p ≠ 0 →
    colouring_b p xs col = true → a ∈ labels xs → b ∈ labels xs → (col a - col b) % p ≠ 0 →
    NontrivCol p (PDState.mk_pd xs f) := by
  intro p xs f col a b hp hc ha hb hab
  refine ⟨col, fun _ => 0, (colouring_b_spec p xs col hp).1 hc, ?_⟩
  intro h
  obtain ⟨c, a1, _⟩ := h
  apply hab
  exact (cong_mod p _ _ hp).1 (cong_trans p _ c _ (a1 a ha) (cong_sym p _ _ (a1 b hb)))

/-- Coq `Example trefoil_3_colourable` (Coq: `vm_compute`; Lean: `decide` on three crossings). The
knots are tiny, so no `decide` here evaluates a large input. -/
theorem trefoil_3_colourable : NontrivCol 3 trefoil := by
  have hc : colouring_b 3 trefoil.crossings (table_col [0, 1, 1, 2, 2, 0]) = true := by decide
  have ha : (1 : Label) ∈ labels trefoil.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hb : (2 : Label) ∈ labels trefoil.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hab : (table_col [0, 1, 1, 2, 2, 0] 1 - table_col [0, 1, 1, 2, 2, 0] 2) % 3 ≠ 0 := by
    decide
  exact nontriv_witness 3 trefoil.crossings 0 (table_col [0, 1, 1, 2, 2, 0]) 1 2 (by decide) hc ha hb hab

theorem figure_eight_5_colourable : NontrivCol 5 figure_eight := by
  have hc : colouring_b 5 figure_eight.crossings (table_col [0, 0, 1, 1, 4, 4, 3, 3]) = true := by decide
  have ha : (1 : Label) ∈ labels figure_eight.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hb : (3 : Label) ∈ labels figure_eight.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hab : (table_col [0, 0, 1, 1, 4, 4, 3, 3] 1 - table_col [0, 0, 1, 1, 4, 4, 3, 3] 3) % 5 ≠ 0 := by
    decide
  exact nontriv_witness 5 figure_eight.crossings 0 (table_col [0, 0, 1, 1, 4, 4, 3, 3]) 1 3 (by decide) hc ha hb hab

theorem knot_5_1_5_colourable : NontrivCol 5 knot_5_1 := by
  have hc : colouring_b 5 knot_5_1.crossings (table_col [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]) = true := by decide
  have ha : (1 : Label) ∈ labels knot_5_1.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hb : (3 : Label) ∈ labels knot_5_1.crossings := by
    first
      | decide
      | (repeat (first | exact pds_mem_head _ _ | apply pds_mem_tail))
  have hab : (table_col [0, 0, 1, 1, 2, 2, 3, 3, 4, 4] 1 - table_col [0, 0, 1, 1, 2, 2, 3, 3, 4, 4] 3) % 5 ≠ 0 := by
    decide
  exact nontriv_witness 5 knot_5_1.crossings 0 (table_col [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]) 1 3 (by decide) hc ha hb hab

/-- Coq `trefoil_not_unknot` (hypotheses as in `spec_step_col`). -/
theorem trefoil_not_unknot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ¬ SpecEquiv trefoil (pd_trivial 1) :=
  nontriv_not_unknot HC1 HC2 HC3 3 trefoil trefoil_3_colourable

/-- Coq `figure_eight_not_unknot` (hypotheses as in `spec_step_col`). -/
theorem figure_eight_not_unknot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ¬ SpecEquiv figure_eight (pd_trivial 1) :=
  nontriv_not_unknot HC1 HC2 HC3 5 figure_eight figure_eight_5_colourable

/-- Coq `knot_5_1_not_unknot` (hypotheses as in `spec_step_col`). -/
theorem knot_5_1_not_unknot (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    ¬ SpecEquiv knot_5_1 (pd_trivial 1) :=
  nontriv_not_unknot HC1 HC2 HC3 5 knot_5_1 knot_5_1_5_colourable

/-! ## Part 5: what an accepted certificate proves, in specification terms

The Coq theorems carry the hypotheses `AddRefinement` and `WLPreservation`; the Lean versions carry,
in addition, the statements of the Coq theorems they use that are not ported (`HR1`, `HR2`, `HR3`:
`refine_r1_remove`, `refine_r2_remove`, `refine_r3`; `HV`: `validate_pd_WL`; `HC1`, `HC2`, `HC3`:
`r1_col`, `r2_col`, `r3_col_fwd`). -/

/-- Coq `refine_isotopy`: every Reidemeister move the checker accepts is a step of the specification. -/
theorem refine_isotopy
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement) :
    AddRefinement → ∀ (s : PDState) (m : PDMove) (t : PDState), WellLabelled s.crossings →
      is_isotopy m = true → apply_pd_move s m = some t → SpecStep s t := by
  intro HA s m t w hi h
  cases m with
  | R1Remove i => exact SpecStep.spec_r1 s t (HR1 s i t w h)
  | R1Add e side sign => exact HA s (PDMove.R1Add e side sign) t w True.intro h
  | R2Remove i j => exact SpecStep.spec_r2 s t (HR2 s i j t w h)
  | R2Add o u side => exact HA s (PDMove.R2Add o u side) t w True.intro h
  | R3 e side => exact SpecStep.spec_r3 s t (HR3 s e side t w h)
  | Band e1 e2 side tw =>
    first
      | exact absurd_false_true hi
      | cases hi
  | RemoveFree =>
    first
      | exact absurd_false_true hi
      | cases hi

/-- Coq `PDEquiv_spec`: the checker's Reidemeister chains are chains of the specification. -/
theorem PDEquiv_spec
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement) :
    AddRefinement → WLPreservation → ∀ (s t : PDState), PDEquiv s t → WellLabelled s.crossings → SpecEquiv s t := by
  intro HA HW s t h
  induction h with
  | pd_equiv_refl s0 =>
    intro _
    exact SpecEquiv.spec_equiv_refl s0
  | pd_equiv_step s0 t0 u0 hst _ ih =>
    intro w
    cases hst with
    | pd_step_move _ m _ hi hm =>
      exact SpecEquiv.spec_equiv_step s0 t0 u0 (refine_isotopy HR1 HR2 HR3 HA s0 m t0 w hi hm) (ih (HW s0 m t0 w hm))

/-- Coq `check_pd_spec_unlink`. -/
theorem check_pd_spec_unlink
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) :
    AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind ≠ Kind.Ribbon →
      SpecEquiv c.pd_input (pd_trivial c.pd_claim) := by
  intro HA HW c h hk
  exact PDEquiv_spec HR1 HR2 HR3 HA HW _ _ (check_pd_sound_unlink c h hk) (HV _ (check_pd_input_valid c h))

/-- Coq `check_pd_spec_unknot`. -/
theorem check_pd_spec_unknot
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) :
    AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot →
      SpecEquiv c.pd_input (pd_trivial 1) := by
  intro HA HW c h hk
  exact PDEquiv_spec HR1 HR2 HR3 HA HW _ _ (check_pd_sound_unknot c h hk) (HV _ (check_pd_input_valid c h))

/-- Coq `check_pd_unknot_no_colouring`: an accepted unknot certificate never has an input with a
non-trivial Fox colouring. -/
theorem check_pd_unknot_no_colouring
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement)
    (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    AddRefinement → WLPreservation → ∀ (p : Int) (c : PDCert), check_pd c = true → c.pd_kind = Kind.Unknot →
      ¬ NontrivCol p c.pd_input := by
  intro HA HW p c h hk hn
  exact nontriv_not_unknot HC1 HC2 HC3 p _ hn (check_pd_spec_unknot HR1 HR2 HR3 HV HA HW c h hk)

/-- Coq `no_unknot_certificate_for_trefoil`. -/
theorem no_unknot_certificate_for_trefoil
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement)
    (HC1 : r1_col_statement) (HC2 : r2_col_statement) (HC3 : r3_col_fwd_statement) :
    AddRefinement → WLPreservation → ∀ (c : PDCert), c.pd_input = trefoil → c.pd_kind = Kind.Unknot →
      check_pd c = false := by
  intro HA HW c hi hk
  cases h : check_pd c with
  | false => rfl
  | true =>
    have hn : NontrivCol 3 c.pd_input := by
      rw [hi]
      exact trefoil_3_colourable
    exact absurd hn (check_pd_unknot_no_colouring HR1 HR2 HR3 HV HC1 HC2 HC3 HA HW 3 c h hk)

/-- Coq `PDRibbonReach_spec`: the checker's ribbon chains are chains of the specification. -/
theorem PDRibbonReach_spec
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement) :
    AddRefinement → WLPreservation → ∀ (b d : Nat) (s t : PDState), PDRibbonReach b d s t →
      WellLabelled s.crossings → SpecRibbonReach b d s t := by
  intro HA HW b d s t h
  induction h with
  | pd_ribbon_refl s0 =>
    intro _
    exact SpecRibbonReach.spec_ribbon_refl s0
  | pd_ribbon_step b0 d0 s0 t0 u0 hst _ ih =>
    intro w
    cases hst with
    | pd_step_move _ m _ hi hm =>
      exact SpecRibbonReach.spec_ribbon_step b0 d0 s0 t0 u0 (refine_isotopy HR1 HR2 HR3 HA s0 m t0 w hi hm)
        (ih (HW s0 m t0 w hm))
  | pd_ribbon_band b0 d0 e1 e2 side tw s0 t0 u0 hb _ ih =>
    intro w
    exact SpecRibbonReach.spec_ribbon_band b0 d0 s0 t0 u0
      (Exists.intro e1 (Exists.intro e2 (Exists.intro side (Exists.intro tw hb))))
      (ih (HW s0 (PDMove.Band e1 e2 side tw) t0 w hb))
  | pd_ribbon_death b0 d0 s0 t0 u0 hd _ ih =>
    intro w
    exact SpecRibbonReach.spec_ribbon_death b0 d0 s0 t0 u0 (pds_death_spec s0 t0 hd)
      (ih (HW s0 PDMove.RemoveFree t0 w hd))

/-- Coq `check_pd_spec_ribbon`. -/
theorem check_pd_spec_ribbon
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HV : validate_pd_WL_statement) :
    AddRefinement → WLPreservation → ∀ (c : PDCert), check_pd c = true → c.pd_kind = Kind.Ribbon →
      ∃ (f d : Nat), SpecRibbonReach c.pd_claim d c.pd_input (pd_trivial f) ∧ f + d = c.pd_claim + 1 ∧
        link_components c.pd_input = some 1 := by
  intro HA HW c h hk
  obtain ⟨f, d, hr, hfd, hl⟩ := check_pd_sound_ribbon c h hk
  exact ⟨f, d, PDRibbonReach_spec HR1 HR2 HR3 HA HW _ _ _ _ hr (HV _ (check_pd_input_valid c h)), hfd, hl⟩

/-! ### Well-labelledness (Coq: `WLPreservation` reduced to `WLPreservationRest`) -/

theorem count_map_inj : ∀ (r : Label → Label) (L : List Label) (z : Label),
    (∀ (a : Label), a ∈ L → r a = r z → a = z) → count_occ (L.map r) (r z) = count_occ L z := by
  intro r L z
  induction L with
  | nil => intro _; rfl
  | cons a L ih =>
    intro h
    show count_occ (r a :: L.map r) (r z) = count_occ (a :: L) z
    rw [pds_count_cons, pds_count_cons, ih (fun b hb => h b (pds_mem_tail a hb))]
    cases Nat.decEq a z with
    | isTrue e =>
      rw [e, pds_beq_refl (r z), pds_beq_refl z]
    | isFalse ne =>
      rw [pds_beq_false ne, pds_beq_false (fun e => ne (h a (pds_mem_head a L) e))]

theorem WL_iso : ∀ (D D' : PDState), PDIso D D' → WellLabelled D.crossings → WellLabelled D'.crossings := by
  intro D D' h w
  obtain ⟨_, r, r', hr, hp⟩ := h
  apply WL_perm _ _ hp
  intro l hl
  obtain ⟨z, hz, e⟩ := (labels_map_rn r D.crossings l).1 hl
  rw [e]
  show count_occ (labels (D.crossings.map (rn r))) (r z) = 2
  have hinj : ∀ (a : Label), a ∈ labels D.crossings → r a = r z → a = z := by
    intro a ha ea
    rw [← hr a ha, ← hr z hz, ea]
  rw [labels_map_rn_eq, count_map_inj r (labels D.crossings) z hinj]
  exact w z hz

theorem WL_r3 : ∀ (D D' : PDState), SpecR3 D D' → WellLabelled D'.crossings := by
  intro D D' h
  obtain ⟨k1, k2, k3, l1, l2, l3, x2, x3, y2, y3, z2, z3, E, _, _, _, _, w, hp, hp', _⟩ := h
  apply WL_perm _ _ (pds_perm_sym hp')
  have w1 := WL_perm _ _ hp w
  intro v hv
  rw [in_labels_occ, r3_labels, ← in_labels_occ] at hv
  rw [r3_labels]
  exact w1 v hv

/-- Coq `WLPreservation_reduce`; the Coq theorems `refine_r1_remove`, `refine_r2_remove`, `refine_r3`
and the Coq lemmas `WL_r1`, `WL_r2` it uses are the hypotheses `HR1`, `HR2`, `HR3`, `HW1`, `HW2`. -/
theorem WLPreservation_reduce
    (HR1 : refine_r1_remove_statement) (HR2 : refine_r2_remove_statement) (HR3 : refine_r3_statement)
    (HW1 : WL_r1_statement) (HW2 : WL_r2_statement) : WLPreservationRest → WLPreservation := by
  intro HR s m t w h
  cases m with
  | R1Remove i => exact HW1 s t (HR1 s i t w h)
  | R1Add e side sign => exact HR s (PDMove.R1Add e side sign) t w True.intro h
  | R2Remove i j => exact HW2 s t (HR2 s i j t w h)
  | R2Add o u side => exact HR s (PDMove.R2Add o u side) t w True.intro h
  | R3 e side => exact WL_r3 s t (HR3 s e side t w h)
  | Band e1 e2 side tw => exact HR s (PDMove.Band e1 e2 side tw) t w True.intro h
  | RemoveFree =>
    obtain ⟨e1, _⟩ := pds_death_spec s t h
    rw [e1]
    exact w

/-! ### More of Part 2: small lemmas of the refinement proofs (index bookkeeping, classes, counts) -/

theorem join_map_cases : ∀ (u v z : Label),
    join_map u v z = z ∨ ((z = u ∨ z = v) ∧ (join_map u v z = u ∨ join_map u v z = v)) := by
  intro u v z
  rw [join_map_spec]
  cases h1 : Nat.beq u v with
  | true => exact Or.inl rfl
  | false =>
    cases h2 : Nat.beq z (nmax u v) with
    | false => exact Or.inl rfl
    | true =>
      have e : z = nmax u v := Nat.eq_of_beq_eq_true h2
      right
      show (z = u ∨ z = v) ∧ (nmin u v = u ∨ nmin u v = v)
      unfold nmax at e
      unfold nmin
      cases hb : Nat.ble u v with
      | true =>
        rw [hb] at e
        exact ⟨Or.inr e, Or.inl rfl⟩
      | false =>
        rw [hb] at e
        exact ⟨Or.inl e, Or.inr rfl⟩

theorem r1_classes : ∀ (k : Nat) (l i o : Label), k < 4 →
    Eqv (upairs (rot k l l i o)) l i ∧ Eqv (upairs (rot k l l i o)) l o
  | 0, l, i, o, _ =>
    ⟨Eqv.eqv_base l i (pds_mem_head _ _), Eqv.eqv_base l o (pds_mem_tail _ (pds_mem_head _ _))⟩
  | 1, l, i, o, _ =>
    ⟨Eqv.eqv_base l i (pds_mem_tail _ (pds_mem_head _ _)), Eqv.eqv_sym o l (Eqv.eqv_base o l (pds_mem_head _ _))⟩
  | 2, l, i, o, _ =>
    ⟨Eqv.eqv_sym i l (Eqv.eqv_base i l (pds_mem_head _ _)),
     Eqv.eqv_sym o l (Eqv.eqv_base o l (pds_mem_tail _ (pds_mem_head _ _)))⟩
  | 3, l, i, o, _ =>
    ⟨Eqv.eqv_sym i l (Eqv.eqv_base i l (pds_mem_tail _ (pds_mem_head _ _))), Eqv.eqv_base l o (pds_mem_head _ _)⟩
  | k + 4, _, _, _, h => absurd h (by omega)

/-- Counting lemmas for the bigon: `e` and `g` occur only on the bigon. -/
theorem cnt_e : ∀ (v a c d c' d' : Label) (n : Nat),
    count_occ [a, v, c, d] v + count_occ [v, a, c', d'] v + n = 2 →
    a ≠ v ∧ c ≠ v ∧ d ≠ v ∧ c' ≠ v ∧ d' ≠ v ∧ n = 0 := by
  intro v a c d c' d' n H
  simp only [pds_count_cons, pds_count_nil, ind_self] at H
  refine ⟨fun e => ?_, fun e => ?_, fun e => ?_, fun e => ?_, fun e => ?_, ?_⟩
  all_goals first
    | omega
    | (rw [e] at H
       simp only [ind_self] at H
       omega)

theorem cnt_g : ∀ (v a c d c' d' : Label) (n : Nat),
    count_occ [v, a, c, d] v + count_occ [a, v, c', d'] v + n = 2 →
    a ≠ v ∧ c ≠ v ∧ d ≠ v ∧ c' ≠ v ∧ d' ≠ v ∧ n = 0 := by
  intro v a c d c' d' n H
  simp only [pds_count_cons, pds_count_nil, ind_self] at H
  refine ⟨fun e => ?_, fun e => ?_, fun e => ?_, fun e => ?_, fun e => ?_, ?_⟩
  all_goals first
    | omega
    | (rw [e] at H
       simp only [ind_self] at H
       omega)

theorem cnt_end : ∀ (v g e x2 x3 y2 y3 : Label) (n : Nat), g ≠ v → e ≠ v →
    count_occ [g, e, x2, x3] v + count_occ [e, g, y2, y3] v + n = 2 →
    (if Nat.beq x2 v = true then 1 else 0) + (if Nat.beq x3 v = true then 1 else 0) +
      (if Nat.beq y2 v = true then 1 else 0) + (if Nat.beq y3 v = true then 1 else 0) + n = 2 := by
  intro v g e x2 x3 y2 y3 n hg he H
  have a1 : (if Nat.beq g v = true then 1 else 0) = 0 := by
    rw [pds_beq_false hg] <;> rfl
  have a2 : (if Nat.beq e v = true then 1 else 0) = 0 := by
    rw [pds_beq_false he] <;> rfl
  simp only [pds_count_cons, pds_count_nil] at H
  omega

theorem set4_orderA : ∀ (x : Crossing) (p : Nat) (v0 v1 v2 v3 : Label), p < 4 →
    set4 (set4 (set4 (set4 x (add1 p) v1) (add3 p) v3) p v0) (add2 p) v2 = rot p v0 v1 v2 v3
  | (_, _, _, _), 0, _, _, _, _, _ => rfl
  | (_, _, _, _), 1, _, _, _, _, _ => rfl
  | (_, _, _, _), 2, _, _, _, _, _ => rfl
  | (_, _, _, _), 3, _, _, _, _, _ => rfl
  | _, k + 4, _, _, _, _, h => absurd h (by omega)

theorem set4_orderB : ∀ (x : Crossing) (p : Nat) (v0 v1 v2 v3 : Label), p < 4 →
    set4 (set4 (set4 (set4 x p v0) (add2 p) v2) (add1 p) v1) (add3 p) v3 = rot p v0 v1 v2 v3
  | (_, _, _, _), 0, _, _, _, _, _ => rfl
  | (_, _, _, _), 1, _, _, _, _, _ => rfl
  | (_, _, _, _), 2, _, _, _, _, _ => rfl
  | (_, _, _, _), 3, _, _, _, _, _ => rfl
  | _, k + 4, _, _, _, _, h => absurd h (by omega)

theorem slot_eqb_spec : ∀ (s t : Slot), slot_eqb s t = true ↔ s = t
  | (a, b), (c, d) => by
    constructor
    · intro h
      have h' : (Nat.beq a c && Nat.beq b d) = true := h
      obtain ⟨h1, h2⟩ := pds_and_true h'
      rw [Nat.eq_of_beq_eq_true h1, Nat.eq_of_beq_eq_true h2]
    · intro e
      injection e with e1 e2
      rw [e1, e2]
      exact pds_and_intro (pds_beq_refl c) (pds_beq_refl d)

theorem key_of_S : ∀ (n : Nat), key_of (n + 1) = key_of n + 1 := by
  intro n
  rfl

theorem key_of_inj : ∀ (i j : Nat), key_of i = key_of j → i = j := by
  intro i j h
  unfold key_of at h
  omega

/-- Coq `key_of_surj` for a key `k` (a Coq `positive`, so `k ≥ 1` here). -/
theorem key_of_surj : ∀ (k : Nat), 1 ≤ k → k = key_of (k - 1) := by
  intro k h
  unfold key_of
  omega

theorem relabel_length : ∀ (xs : List Crossing) (k : Nat) (ch : List (Slot × Label)),
    (relabel k xs ch).length = xs.length
  | [], _, _ => rfl
  | _ :: xs, k, ch => congrArg (fun (n : Nat) => n + 1) (relabel_length xs (k + 1) ch)

theorem relabel_at_none : ∀ (k : Nat) (ch : List (Slot × Label)) (x : Crossing),
    (∀ (c : Slot × Label), c ∈ ch → c.1.1 ≠ k) → relabel_at k ch x = x := by
  intro k ch
  induction ch with
  | nil =>
    intro x _
    rfl
  | cons c ch ih =>
    intro x h
    show List.foldl (fun (y : Crossing) (ch : Slot × Label) => if Nat.beq ch.1.1 k then set4 y ch.1.2 ch.2 else y)
      (if Nat.beq c.1.1 k then set4 x c.1.2 c.2 else x) ch = x
    rw [pds_beq_false (h c (pds_mem_head c ch))]
    exact ih x (fun c' hc' => h c' (pds_mem_tail c hc'))

theorem map_Some_dst : ∀ (D : List Nat), D.map some = D.map (dst 0)
  | [] => rfl
  | i :: D => by
    show some i :: D.map some = dst 0 i :: D.map (dst 0)
    rw [map_Some_dst D]
    cases i <;> rfl

theorem flat_map_labels4 : ∀ (xs : List Crossing), flat_map labels4 xs = labels xs
  | [] => rfl
  | (a, b, c, d) :: xs => congrArg (fun (t : List Label) => [a, b, c, d] ++ t) (flat_map_labels4 xs)

theorem in_labels_exists : ∀ (z : Label) (L : List Label), z ∈ L ↔ existsb (Nat.beq z) L = true
  | _, [] => ⟨fun h => absurd h (fun h2 => pds_not_mem_nil h2), fun h => by cases h⟩
  | z, y :: L => by
    have ih := in_labels_exists z L
    show z ∈ y :: L ↔ (Nat.beq z y || existsb (Nat.beq z) L) = true
    cases hb : Nat.beq z y with
    | true =>
      constructor
      · intro _
        rfl
      · intro _
        rw [Nat.eq_of_beq_eq_true hb]
        exact pds_mem_head y L
    | false =>
      constructor
      · intro h
        cases pds_mem_cons_inv h with
        | inl e => exact absurd e (Nat.ne_of_beq_eq_false hb)
        | inr h1 => exact ih.1 h1
      · intro h
        exact pds_mem_tail y (ih.2 h)

theorem pvalues_acc {α : Type} : ∀ (t : PTree α) (acc : List α) (x : α), x ∈ acc → x ∈ pvalues t acc := by
  intro t
  induction t with
  | PLeaf =>
    intro acc x h
    exact h
  | PNode l o r ihl ihr =>
    intro acc x h
    cases o with
    | some y => exact ihl (y :: pvalues r acc) x (pds_mem_tail y (ihr acc x h))
    | none => exact ihl (pvalues r acc) x (ihr acc x h)

theorem pvalues_in {α : Type} : ∀ (t : PTree α) (k : Nat) (v : α) (acc : List α),
    pget k t = some v → v ∈ pvalues t acc := by
  intro t
  induction t with
  | PLeaf =>
    intro k v acc h
    cases h
  | PNode l o r ihl ihr =>
    intro k v acc h
    have h' : (if Nat.beq k 1 = true then o
               else if Nat.beq (k % 2) 0 = true then pget (k / 2) l else pget (k / 2) r) = some v := h
    cases hk1 : Nat.beq k 1 with
    | true =>
      rw [hk1] at h'
      have ho : o = some v := h'
      subst ho
      exact pvalues_acc l (v :: pvalues r acc) v (pds_mem_head v _)
    | false =>
      rw [hk1] at h'
      cases hk2 : Nat.beq (k % 2) 0 with
      | true =>
        rw [hk2] at h'
        have hl : pget (k / 2) l = some v := h'
        cases o with
        | some y => exact ihl (k / 2) v (y :: pvalues r acc) hl
        | none => exact ihl (k / 2) v (pvalues r acc) hl
      | false =>
        rw [hk2] at h'
        have hr : pget (k / 2) r = some v := h'
        cases o with
        | some y => exact pvalues_acc l (y :: pvalues r acc) v (pds_mem_tail y (ihr (k / 2) v acc hr))
        | none => exact pvalues_acc l (pvalues r acc) v (ihr (k / 2) v acc hr)

namespace Aux

theorem pds_beq_iff (a b : Nat) : Nat.beq a b = true ↔ a = b :=
  ⟨Nat.eq_of_beq_eq_true, fun e => by rw [e]; exact pds_beq_refl b⟩

end Aux

theorem mclb_spec : ∀ (x2 x3 y2 y3 : Label), mclb x2 x3 y2 y3 = true ↔ MCL x2 x3 y2 y3 := by
  intro x2 x3 y2 y3
  show (!(Nat.beq x3 y2) && !(Nat.beq x2 y3) &&
      ((Nat.beq x2 x3 && Nat.beq y3 y2) || (Nat.beq x2 y2 && Nat.beq y3 x3))) = true ↔
    (¬ (x3 = y2) ∧ ¬ (x2 = y3) ∧ ((x2 = x3 ∧ y3 = y2) ∨ (x2 = y2 ∧ y3 = x3)))
  rw [← pds_beq_iff x3 y2, ← pds_beq_iff x2 y3, ← pds_beq_iff x2 x3, ← pds_beq_iff y3 y2, ← pds_beq_iff x2 y2,
    ← pds_beq_iff y3 x3]
  generalize Nat.beq x3 y2 = b1
  generalize Nat.beq x2 y3 = b2
  generalize Nat.beq x2 x3 = b3
  generalize Nat.beq y3 y2 = b4
  generalize Nat.beq x2 y2 = b5
  generalize Nat.beq y3 x3 = b6
  cases b1 <;> cases b2 <;> cases b3 <;> cases b4 <;> cases b5 <;> cases b6 <;> decide

theorem r3_distinct : ∀ (k1 k2 k3 : Nat) (l1 l2 l3 x2 x3 y2 y3 z2 z3 : Label) (E : List Crossing),
    WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) →
    l1 ≠ l2 ∧ l1 ≠ l3 ∧ l2 ≠ l3 := by
  intro k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E w
  have m2 : l2 ∈ labels (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) :=
    pds_mem_app_r _ _ (pds_mem_app_l _ _ ((in_rot k2 l1 l2 y2 y3 l2).2 (Or.inr (Or.inl rfl))))
  have m3 : l3 ∈ labels (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) :=
    pds_mem_app_l _ _ ((in_rot k1 l3 l1 x2 x3 l3).2 (Or.inl rfl))
  have h2 := w l2 m2
  have h3 := w l3 m3
  simp only [occ_cons3, count_rot, count4_split, ind_self] at h2 h3
  refine ⟨fun e => ?_, fun e => ?_, fun e => ?_⟩
  · rw [e] at h2
    simp only [ind_self] at h2
    omega
  · rw [e] at h3
    simp only [ind_self] at h3
    omega
  · rw [e] at h3
    simp only [ind_self] at h3
    omega

theorem Eqv_nil : ∀ (w z : Label), Eqv [] w z ↔ w = z := by
  intro w z
  constructor
  · intro h
    induction h with
    | eqv_refl _ => rfl
    | eqv_sym _ _ _ ih => exact ih.symm
    | eqv_trans _ _ _ _ _ ih1 ih2 => exact ih1.trans ih2
    | eqv_base _ _ hin => exact absurd hin (fun h2 => pds_not_mem_nil h2)
  · intro e
    rw [e]
    exact Eqv.eqv_refl z

theorem cnt_other : ∀ (g e x2 x3 y2 y3 z : Label) (n : Nat), z ≠ g → z ≠ e → z ≠ x2 → z ≠ x3 → z ≠ y2 → z ≠ y3 →
    count_occ [g, e, x2, x3] z + count_occ [e, g, y2, y3] z + n = 2 → n = 2 := by
  intro g e x2 x3 y2 y3 z n H1 H2 H3 H4 H5 H6 C
  have a1 : (if Nat.beq g z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H1 h.symm)] <;> rfl
  have a2 : (if Nat.beq e z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H2 h.symm)] <;> rfl
  have a3 : (if Nat.beq x2 z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H3 h.symm)] <;> rfl
  have a4 : (if Nat.beq x3 z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H4 h.symm)] <;> rfl
  have a5 : (if Nat.beq y2 z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H5 h.symm)] <;> rfl
  have a6 : (if Nat.beq y3 z = true then 1 else 0) = 0 := by
    rw [pds_beq_false (fun h => H6 h.symm)] <;> rfl
  simp only [pds_count_cons, pds_count_nil] at C
  omega

namespace Aux

theorem pds_filter_cons_true {α : Type} (p : α → Bool) (a : α) (l : List α) (h : p a = true) :
    List.filter p (a :: l) = a :: List.filter p l := by
  first
    | exact List.filter_cons_of_pos l h
    | exact List.filter_cons_of_pos h
    | simp [List.filter, h]
    | (show (match p a with
              | true => a :: List.filter p l
              | false => List.filter p l) = a :: List.filter p l
       rw [h])

theorem pds_filter_cons_false {α : Type} (p : α → Bool) (a : α) (l : List α) (h : p a = false) :
    List.filter p (a :: l) = List.filter p l := by
  first
    | exact List.filter_cons_of_neg l (fun h' => by rw [h] at h'; cases h')
    | exact List.filter_cons_of_neg (fun h' => by rw [h] at h'; cases h')
    | simp [List.filter, h]
    | (show (match p a with
              | true => a :: List.filter p l
              | false => List.filter p l) = List.filter p l
       rw [h])

end Aux

theorem count_map_filter : ∀ (f : Label → Label) (L : List Label) (y : Label),
    count_occ (L.map f) y = (List.filter (fun (w : Label) => Nat.beq (f w) y) L).length := by
  intro f L y
  induction L with
  | nil => rfl
  | cons a L ih =>
    show count_occ (f a :: L.map f) y = (List.filter (fun (w : Label) => Nat.beq (f w) y) (a :: L)).length
    rw [pds_count_cons, ih]
    cases h : Nat.beq (f a) y with
    | true =>
      rw [pds_filter_cons_true (fun (w : Label) => Nat.beq (f w) y) a L h] <;> rfl
    | false =>
      rw [pds_filter_cons_false (fun (w : Label) => Nat.beq (f w) y) a L h] <;> rfl

/-! ### `seqjoin` is the class map of the equivalence generated by the pairs -/

namespace Aux

/-- Induction on a list from the right (Coq `rev_ind`). -/
theorem pds_snoc_ind {α : Type} (P : List α → Prop) (h0 : P []) (hs : ∀ (l : List α) (a : α), P l → P (l ++ [a])) :
    ∀ (l : List α), P l := by
  have key : ∀ (l : List α), P l.reverse := by
    intro l
    induction l with
    | nil => exact h0
    | cons a l ih =>
      rw [List.reverse_cons]
      exact hs _ a ih
  intro l
  have h := key l.reverse
  rw [List.reverse_reverse] at h
  exact h

theorem pds_ite_beq {α : Type} (a b : Nat) (x y : α) :
    (if Nat.beq a b = true then x else y) = (if a = b then x else y) := by
  cases h : Nat.beq a b with
  | true => rw [if_pos (Nat.eq_of_beq_eq_true h)] <;> rfl
  | false => rw [if_neg (Nat.ne_of_beq_eq_false h)] <;> rfl

end Aux

theorem Eqv_snoc : ∀ (ps : List (Label × Label)) (a b z w : Label),
    Eqv (ps ++ [(a, b)]) z w ↔
      Eqv ps z w ∨ ((Eqv ps z a ∨ Eqv ps z b) ∧ (Eqv ps w a ∨ Eqv ps w b)) := by
  intro ps a b z w
  constructor
  · intro h
    induction h with
    | eqv_refl z0 => exact Or.inl (Eqv.eqv_refl z0)
    | eqv_sym z0 w0 _ ih =>
      cases ih with
      | inl h1 => exact Or.inl (Eqv.eqv_sym z0 w0 h1)
      | inr h1 => exact Or.inr ⟨h1.2, h1.1⟩
    | eqv_trans z0 w0 u0 _ _ ih1 ih2 =>
      cases ih1 with
      | inl h1 =>
        cases ih2 with
        | inl h2 => exact Or.inl (Eqv.eqv_trans z0 w0 u0 h1 h2)
        | inr h2 =>
          refine Or.inr ⟨?_, h2.2⟩
          cases h2.1 with
          | inl h3 => exact Or.inl (Eqv.eqv_trans z0 w0 a h1 h3)
          | inr h3 => exact Or.inr (Eqv.eqv_trans z0 w0 b h1 h3)
      | inr h1 =>
        cases ih2 with
        | inl h2 =>
          refine Or.inr ⟨h1.1, ?_⟩
          cases h1.2 with
          | inl h3 => exact Or.inl (Eqv.eqv_trans u0 w0 a (Eqv.eqv_sym w0 u0 h2) h3)
          | inr h3 => exact Or.inr (Eqv.eqv_trans u0 w0 b (Eqv.eqv_sym w0 u0 h2) h3)
        | inr h2 => exact Or.inr ⟨h1.1, h2.2⟩
    | eqv_base a0 b0 hin =>
      cases pds_mem_app_or ps [(a, b)] hin with
      | inl h1 => exact Or.inl (Eqv.eqv_base a0 b0 h1)
      | inr h1 =>
        cases pds_mem_cons_inv h1 with
        | inl e =>
          injection e with e1 e2
          rw [e1, e2]
          exact Or.inr ⟨Or.inl (Eqv.eqv_refl a), Or.inr (Eqv.eqv_refl b)⟩
        | inr h2 => exact absurd h2 (fun h3 => pds_not_mem_nil h3)
  · intro h
    have Hab : Eqv (ps ++ [(a, b)]) a b := Eqv.eqv_base a b (pds_mem_app_r ps [(a, b)] (pds_mem_head (a, b) []))
    have L : ∀ (x y : Label), Eqv ps x y → Eqv (ps ++ [(a, b)]) x y := Eqv_app_l ps [(a, b)]
    cases h with
    | inl h1 => exact L z w h1
    | inr h1 =>
      have Hz : Eqv (ps ++ [(a, b)]) z a := by
        cases h1.1 with
        | inl h2 => exact L z a h2
        | inr h2 => exact Eqv.eqv_trans z b a (L z b h2) (Eqv.eqv_sym a b Hab)
      have Hw : Eqv (ps ++ [(a, b)]) w a := by
        cases h1.2 with
        | inl h2 => exact L w a h2
        | inr h2 => exact Eqv.eqv_trans w b a (L w b h2) (Eqv.eqv_sym a b Hab)
      exact Eqv.eqv_trans z a w Hz (Eqv.eqv_sym w a Hw)

theorem join_map_eq : ∀ (u v z w : Label),
    join_map u v z = join_map u v w ↔ z = w ∨ ((z = u ∨ z = v) ∧ (w = u ∨ w = v)) := by
  intro u v z w
  have hM : (nmax u v = u ∧ nmin u v = v) ∨ (nmax u v = v ∧ nmin u v = u) := by
    unfold nmax nmin
    cases Nat.ble u v with
    | true => exact Or.inr ⟨rfl, rfl⟩
    | false => exact Or.inl ⟨rfl, rfl⟩
  rw [join_map_spec, join_map_spec]
  simp only [pds_ite_beq]
  repeat' split
  all_goals first
    | omega
    | (constructor <;> intro _ <;> omega)

theorem seqjoin_eqv : ∀ (ps : List (Label × Label)) (z w : Label), seqjoin ps z = seqjoin ps w ↔ Eqv ps z w := by
  intro ps
  refine pds_snoc_ind (fun (qs : List (Label × Label)) => ∀ (z w : Label), seqjoin qs z = seqjoin qs w ↔ Eqv qs z w)
    ?_ ?_ ps
  · intro z w
    exact (Eqv_nil z w).symm
  · intro l ab ih z w
    have ih' : ∀ (z w : Label), seqjoin l z = seqjoin l w ↔ Eqv l z w := ih
    obtain ⟨a, b⟩ := ab
    rw [seqjoin_snoc, seqjoin_snoc, join_map_eq, Eqv_snoc]
    simp only [ih']

theorem seqjoin_rep : ∀ (ps : List (Label × Label)) (z : Label), Eqv ps (seqjoin ps z) z := by
  intro ps
  refine pds_snoc_ind (fun (qs : List (Label × Label)) => ∀ (z : Label), Eqv qs (seqjoin qs z) z) ?_ ?_ ps
  · intro z
    exact Eqv.eqv_refl z
  · intro l ab ih0 z
    have ih : ∀ (z : Label), Eqv l (seqjoin l z) z := ih0
    obtain ⟨a, b⟩ := ab
    rw [seqjoin_snoc]
    have L : ∀ (x y : Label), Eqv l x y → Eqv (l ++ [(a, b)]) x y := Eqv_app_l l [(a, b)]
    have Hab : Eqv (l ++ [(a, b)]) a b := Eqv.eqv_base a b (pds_mem_app_r l [(a, b)] (pds_mem_head (a, b) []))
    rcases join_map_cases (seqjoin l a) (seqjoin l b) (seqjoin l z) with h | ⟨hz | hz, hr | hr⟩
    · rw [h]
      exact L _ _ (ih z)
    · rw [hr, ← hz]
      exact L _ _ (ih z)
    · rw [hr]
      exact Eqv.eqv_trans _ b z (L _ _ (ih b)) (Eqv.eqv_trans b a z (Eqv.eqv_sym a b Hab)
        (Eqv.eqv_trans a (seqjoin l z) z
          (by rw [hz]; exact Eqv.eqv_sym _ _ (L _ _ (ih a))) (L _ _ (ih z))))
    · rw [hr]
      exact Eqv.eqv_trans _ a z (L _ _ (ih a)) (Eqv.eqv_trans a b z Hab
        (Eqv.eqv_trans b (seqjoin l z) z
          (by rw [hz]; exact Eqv.eqv_sym _ _ (L _ _ (ih b))) (L _ _ (ih z))))
    · rw [hr, ← hz]
      exact L _ _ (ih z)

theorem pick_none : ∀ (xs : List Crossing) (n : Nat) (D : List Nat), (∀ (k : Nat), k ∈ D → k < n) →
    pick n D xs true = []
  | [], _, _, _ => rfl
  | x :: r, n, D, h => by
    have hf : existsb (Nat.beq n) D = false := by
      cases he : existsb (Nat.beq n) D with
      | false => rfl
      | true =>
        obtain ⟨k, hk, hn⟩ := pds_existsb_mem _ _ he
        have e : n = k := Nat.eq_of_beq_eq_true hn
        have hlt := h k hk
        omega
    show (if bool_eqb (existsb (Nat.beq n) D) true = true then x :: pick (n + 1) D r true
      else pick (n + 1) D r true) = []
    rw [hf]
    exact pick_none r (n + 1) D (fun k hk => Nat.lt_succ_of_lt (h k hk))

theorem pick_ext : ∀ (xs : List Crossing) (n : Nat) (D D' : List Nat) (b : Bool),
    (∀ (m : Nat), n ≤ m → existsb (Nat.beq m) D = existsb (Nat.beq m) D') → pick n D xs b = pick n D' xs b := by
  intro xs
  induction xs with
  | nil =>
    intro _ _ _ _ _
    rfl
  | cons x r ih =>
    intro n D D' b h
    show (if bool_eqb (existsb (Nat.beq n) D) b = true then x :: pick (n + 1) D r b else pick (n + 1) D r b) =
      (if bool_eqb (existsb (Nat.beq n) D') b = true then x :: pick (n + 1) D' r b else pick (n + 1) D' r b)
    rw [h n (Nat.le_refl n), ih (n + 1) D D' b (fun m hm => h m (by omega))]

theorem relabel_nth : ∀ (xs : List Crossing) (n : Nat) (ch : List (Slot × Label)) (i : Nat),
    nth_error (relabel (key_of n) xs ch) i = Option.map (relabel_at (key_of (n + i)) ch) (nth_error xs i) := by
  intro xs
  induction xs with
  | nil =>
    intro _ _ i
    cases i <;> rfl
  | cons x r ih =>
    intro n ch i
    cases i with
    | zero => rfl
    | succ i =>
      show nth_error (relabel (key_of n + 1) r ch) i = Option.map (relabel_at (key_of (n + (i + 1))) ch) (nth_error r i)
      have e : n + (i + 1) = n + 1 + i := by omega
      rw [e]
      exact ih (n + 1) ch i

theorem join2_eq : ∀ (x3 y2 x2 y3 : Label) (E : List Crossing) (f : Nat),
    join2 x3 y2 x2 y3 (PDState.mk_pd E f) =
      PDState.mk_pd (E.map (rn (seqjoin [(x3, y2), (x2, y3)])))
        (f + ((if Nat.beq x3 y2 = true then 1 else 0) +
          (if Nat.beq (join_map x3 y2 x2) (join_map x3 y2 y3) = true then 1 else 0))) := by
  intro x3 y2 x2 y3 E f
  have hc := join2_crossings x3 y2 x2 y3 (PDState.mk_pd E f)
  have hf : (join2 x3 y2 x2 y3 (PDState.mk_pd E f)).free =
      f + ((if Nat.beq x3 y2 = true then 1 else 0) +
        (if Nat.beq (join_map x3 y2 x2) (join_map x3 y2 y3) = true then 1 else 0)) := by
    unfold join2
    rw [join_free, join_free]
    have e : (PDState.mk_pd E f).free = f := rfl
    omega
  rw [pd_eta (join2 x3 y2 x2 y3 (PDState.mk_pd E f)), hc, hf] <;> rfl

/-! ### Permutations of labels, `pick`, and the classes that a kept crossing carries -/

namespace Aux

theorem pds_perm_refl {α : Type} : ∀ (l : List α), PermPD l l
  | [] => PermPD.perm_nil
  | x :: l => PermPD.perm_skip x l l (pds_perm_refl l)

theorem pds_perm_middle {α : Type} (a : α) : ∀ (l1 l2 : List α), PermPD (a :: (l1 ++ l2)) (l1 ++ a :: l2)
  | [], l2 => pds_perm_refl (a :: l2)
  | b :: l1, l2 =>
    PermPD.perm_trans (a :: b :: (l1 ++ l2)) (b :: a :: (l1 ++ l2)) (b :: (l1 ++ a :: l2))
      (PermPD.perm_swap b a (l1 ++ l2)) (PermPD.perm_skip b (a :: (l1 ++ l2)) (l1 ++ a :: l2) (pds_perm_middle a l1 l2))

theorem pds_perm_app_l {α : Type} {l l' : List α} (h : PermPD l l') : ∀ (m : List α), PermPD (m ++ l) (m ++ l')
  | [] => h
  | x :: m => PermPD.perm_skip x (m ++ l) (m ++ l') (pds_perm_app_l h m)

theorem pds_perm_app_swap {α : Type} (B L : List α) : ∀ (A : List α), PermPD (A ++ (B ++ L)) (B ++ (A ++ L))
  | [] => pds_perm_refl (B ++ L)
  | a :: A =>
    PermPD.perm_trans (a :: (A ++ (B ++ L))) (a :: (B ++ (A ++ L))) (B ++ a :: (A ++ L))
      (PermPD.perm_skip a (A ++ (B ++ L)) (B ++ (A ++ L)) (pds_perm_app_swap B L A))
      (pds_perm_middle a B (A ++ L))

theorem pds_existsb_intro {α : Type} (p : α → Bool) : ∀ (l : List α) (x : α), x ∈ l → p x = true → existsb p l = true
  | [], _, h, _ => absurd h (fun h2 => pds_not_mem_nil h2)
  | y :: l, x, h, hx => by
    show (p y || existsb p l) = true
    cases pds_mem_cons_inv h with
    | inl e =>
      have hy : p y = true := by
        rw [← e]
        exact hx
      rw [hy] <;> rfl
    | inr h1 =>
      have h2 := pds_existsb_intro p l x h1 hx
      cases p y with
      | true => rfl
      | false => exact h2

theorem pds_mem_filter_intro {α : Type} (p : α → Bool) :
    ∀ (l : List α) (x : α), x ∈ l → p x = true → x ∈ List.filter p l
  | [], _, h, _ => absurd h (fun h2 => pds_not_mem_nil h2)
  | a :: l, x, h, hx => by
    cases hp : p a with
    | true =>
      rw [pds_filter_cons_true p a l hp]
      cases pds_mem_cons_inv h with
      | inl e =>
        rw [e]
        exact pds_mem_head a (List.filter p l)
      | inr h' => exact pds_mem_tail a (pds_mem_filter_intro p l x h' hx)
    | false =>
      rw [pds_filter_cons_false p a l hp]
      cases pds_mem_cons_inv h with
      | inl e =>
        rw [e, hp] at hx
        cases hx
      | inr h' => exact pds_mem_filter_intro p l x h' hx

theorem pds_mem_filter_inv {α : Type} (p : α → Bool) :
    ∀ (l : List α) (x : α), x ∈ List.filter p l → x ∈ l ∧ p x = true
  | [], _, h => by
    have h' : _ ∈ ([] : List α) := h
    exact absurd h' (fun h2 => pds_not_mem_nil h2)
  | a :: l, x, h => by
    cases hp : p a with
    | true =>
      rw [pds_filter_cons_true p a l hp] at h
      cases pds_mem_cons_inv h with
      | inl e =>
        rw [e]
        exact ⟨pds_mem_head a l, hp⟩
      | inr h' =>
        have r := pds_mem_filter_inv p l x h'
        exact ⟨pds_mem_tail a r.1, r.2⟩
    | false =>
      rw [pds_filter_cons_false p a l hp] at h
      have r := pds_mem_filter_inv p l x h
      exact ⟨pds_mem_tail a r.1, r.2⟩

end Aux

theorem xlabels_rot : ∀ (k : Nat) (w x y z : Label), PermPD (xlabels (rot k w x y z)) [w, x, y, z]
  | 0, w, x, y, z => pds_perm_refl [w, x, y, z]
  | 1, w, x, y, z => pds_perm_middle z [w, x, y] []
  | 2, w, x, y, z =>
    PermPD.perm_trans [y, z, w, x] [z, w, x, y] [w, x, y, z] (pds_perm_middle y [z, w, x] [])
      (pds_perm_middle z [w, x, y] [])
  | k + 3, w, x, y, z => pds_perm_sym (pds_perm_middle w [x, y, z] [])

theorem labels_perm : ∀ (xs ys : List Crossing), PermPD xs ys → PermPD (labels xs) (labels ys) := by
  intro xs ys h
  induction h with
  | perm_nil => exact PermPD.perm_nil
  | perm_skip x l1 l2 _ ih => exact pds_perm_app_l ih (xlabels x)
  | perm_swap a b l1 => exact pds_perm_app_swap (xlabels a) (labels l1) (xlabels b)
  | perm_trans l1 l2 l3 _ _ ih1 ih2 => exact PermPD.perm_trans (labels l1) (labels l2) (labels l3) ih1 ih2

theorem pick_perm : ∀ (xs : List Crossing) (n : Nat) (D : List Nat),
    PermPD xs (pick n D xs true ++ pick n D xs false) := by
  intro xs
  induction xs with
  | nil =>
    intro _ _
    exact PermPD.perm_nil
  | cons x r ih =>
    intro n D
    show PermPD (x :: r)
      ((if bool_eqb (existsb (Nat.beq n) D) true = true then x :: pick (n + 1) D r true
        else pick (n + 1) D r true) ++
       (if bool_eqb (existsb (Nat.beq n) D) false = true then x :: pick (n + 1) D r false
        else pick (n + 1) D r false))
    cases existsb (Nat.beq n) D with
    | true => exact PermPD.perm_skip x r (pick (n + 1) D r true ++ pick (n + 1) D r false) (ih (n + 1) D)
    | false =>
      exact PermPD.perm_trans (x :: r) (x :: (pick (n + 1) D r true ++ pick (n + 1) D r false))
        (pick (n + 1) D r true ++ x :: pick (n + 1) D r false)
        (PermPD.perm_skip x r (pick (n + 1) D r true ++ pick (n + 1) D r false) (ih (n + 1) D))
        (pds_perm_middle x (pick (n + 1) D r true) (pick (n + 1) D r false))

theorem lk_true : ∀ (R : Label → Label) (DL : List Label) (E : List Crossing) (y r : Label),
    y ∈ labels E → y ∈ DL → R y = r →
    existsb (fun (y : Label) => Nat.beq (R y) r)
      (List.filter (fun (l : Label) => existsb (Nat.beq l) DL) (labels E)) = true := by
  intro R DL E y r h1 h2 h3
  exact pds_existsb_intro _ _ y
    (pds_mem_filter_intro _ _ y h1 ((in_labels_exists y DL).1 h2))
    (show Nat.beq (R y) r = true by rw [h3]; exact pds_beq_refl r)

theorem lk_false : ∀ (R : Label → Label) (DL : List Label) (E : List Crossing) (r : Label),
    (∀ (y : Label), y ∈ labels E → y ∈ DL → R y ≠ r) →
    existsb (fun (y : Label) => Nat.beq (R y) r)
      (List.filter (fun (l : Label) => existsb (Nat.beq l) DL) (labels E)) = false := by
  intro R DL E r h
  cases he : existsb (fun (y : Label) => Nat.beq (R y) r)
      (List.filter (fun (l : Label) => existsb (Nat.beq l) DL) (labels E)) with
  | false => rfl
  | true =>
    obtain ⟨y, hy, hr⟩ := pds_existsb_mem _ _ he
    obtain ⟨hy1, hy2⟩ := pds_mem_filter_inv _ _ y hy
    exact absurd (Nat.eq_of_beq_eq_true hr) (h y hy1 ((in_labels_exists y DL).2 hy2))

namespace Aux

theorem pds_mem_flat_map_intro {α β : Type} (f : α → List β) :
    ∀ (l : List α) (x : α) (y : β), x ∈ l → y ∈ f x → y ∈ flat_map f l
  | [], _, _, h, _ => absurd h (fun h2 => pds_not_mem_nil h2)
  | a :: l, x, y, h, hy => by
    show y ∈ f a ++ flat_map f l
    cases pds_mem_cons_inv h with
    | inl e =>
      rw [e] at hy
      exact pds_mem_app_l (f a) (flat_map f l) hy
    | inr h1 => exact pds_mem_app_r (f a) (flat_map f l) (pds_mem_flat_map_intro f l x y h1 hy)

end Aux

theorem Eqv_support : ∀ (ps : List (Label × Label)) (z w : Label), Eqv ps z w →
    z = w ∨ (z ∈ flat_map (fun (pr : Label × Label) => [pr.1, pr.2]) ps ∧
             w ∈ flat_map (fun (pr : Label × Label) => [pr.1, pr.2]) ps) := by
  intro ps z w h
  induction h with
  | eqv_refl _ => exact Or.inl rfl
  | eqv_sym _ _ _ ih =>
    cases ih with
    | inl e => exact Or.inl e.symm
    | inr h1 => exact Or.inr ⟨h1.2, h1.1⟩
  | eqv_trans _ _ _ _ _ ih1 ih2 =>
    cases ih1 with
    | inl e1 =>
      cases ih2 with
      | inl e2 => exact Or.inl (e1.trans e2)
      | inr h2 => exact Or.inr ⟨by rw [e1]; exact h2.1, h2.2⟩
    | inr h1 =>
      cases ih2 with
      | inl e2 => exact Or.inr ⟨h1.1, by rw [← e2]; exact h1.2⟩
      | inr h2 => exact Or.inr ⟨h1.1, h2.2⟩
  | eqv_base a b hin =>
    exact Or.inr ⟨pds_mem_flat_map_intro _ ps (a, b) a hin (pds_mem_head a [b]),
      pds_mem_flat_map_intro _ ps (a, b) b hin (pds_mem_tail a (pds_mem_head b []))⟩

theorem filter_length_perm {α : Type} (P : α → Bool) :
    ∀ (l l' : List α), PermPD l l' → (List.filter P l).length = (List.filter P l').length := by
  intro l l' h
  induction h with
  | perm_nil => rfl
  | perm_skip x l1 l2 _ ih =>
    cases hx : P x with
    | true =>
      rw [pds_filter_cons_true P x l1 hx, pds_filter_cons_true P x l2 hx]
      exact congrArg (fun (n : Nat) => n + 1) ih
    | false =>
      rw [pds_filter_cons_false P x l1 hx, pds_filter_cons_false P x l2 hx]
      exact ih
  | perm_swap a b l1 =>
    cases ha : P a with
    | true =>
      cases hb : P b with
      | true =>
        rw [pds_filter_cons_true P b (a :: l1) hb, pds_filter_cons_true P a l1 ha,
          pds_filter_cons_true P a (b :: l1) ha, pds_filter_cons_true P b l1 hb] <;> rfl
      | false =>
        rw [pds_filter_cons_false P b (a :: l1) hb, pds_filter_cons_true P a l1 ha,
          pds_filter_cons_true P a (b :: l1) ha, pds_filter_cons_false P b l1 hb] <;> rfl
    | false =>
      cases hb : P b with
      | true =>
        rw [pds_filter_cons_true P b (a :: l1) hb, pds_filter_cons_false P a l1 ha,
          pds_filter_cons_false P a (b :: l1) ha, pds_filter_cons_true P b l1 hb] <;> rfl
      | false =>
        rw [pds_filter_cons_false P b (a :: l1) hb, pds_filter_cons_false P a l1 ha,
          pds_filter_cons_false P a (b :: l1) ha, pds_filter_cons_false P b l1 hb] <;> rfl
  | perm_trans _ _ _ _ _ ih1 ih2 => exact ih1.trans ih2

theorem c2_spec : ∀ (x2 x3 y2 y3 : Label), (x2 = x3 ∨ x2 = y2 ∨ y3 = x3 ∨ y3 = y2 → x3 ≠ y2 ∧ x2 ≠ y3) →
    (join_map x3 y2 x2 = join_map x3 y2 y3 ↔ x2 = y3 ∨ MCL x2 x3 y2 y3) := by
  intro x2 x3 y2 y3 H
  rw [join_map_eq]
  unfold MCL
  omega

theorem r1_facts : ∀ (k : Nat) (l i o : Label) (E : List Crossing), WellLabelled (rot k l l i o :: E) →
    ¬ l ∈ labels E ∧ l ≠ i ∧ l ≠ o ∧ (i ≠ o → i ∈ labels E ∧ o ∈ labels E) ∧ (i = o → ¬ i ∈ labels E) := by
  intro k l i o E w
  have hl := WL_count _ E l w ((in_rot k l l i o l).2 (Or.inl rfl))
  have hi := WL_count _ E i w ((in_rot k l l i o i).2 (Or.inr (Or.inr (Or.inl rfl))))
  have ho := WL_count _ E o w ((in_rot k l l i o o).2 (Or.inr (Or.inr (Or.inr rfl))))
  simp only [count_rot, count4_split, ind_self] at hl hi ho
  have nl : l ≠ i := by
    intro e
    rw [e] at hl
    simp only [ind_self] at hl
    omega
  have no : l ≠ o := by
    intro e
    rw [e] at hl
    simp only [ind_self] at hl
    omega
  have hl0 : occ l E = 0 := by omega
  have a1 : (if Nat.beq l i = true then 1 else 0) = 0 := by
    rw [pds_beq_false nl] <;> rfl
  have b1 : (if Nat.beq l o = true then 1 else 0) = 0 := by
    rw [pds_beq_false no] <;> rfl
  refine ⟨(occ_zero l E).1 hl0, nl, no, ?_, ?_⟩
  · intro hio
    have a2 : (if Nat.beq o i = true then 1 else 0) = 0 := by
      rw [pds_beq_false (fun e => hio e.symm)] <;> rfl
    have b2 : (if Nat.beq i o = true then 1 else 0) = 0 := by
      rw [pds_beq_false hio] <;> rfl
    exact ⟨(occ_pos i E).1 (by omega), (occ_pos o E).1 (by omega)⟩
  · intro hio
    rw [← hio] at hi
    simp only [ind_self] at hi
    exact (occ_zero i E).1 (by omega)

namespace Aux

theorem pds_mem_pair2 {a b p q r s : Label} (h : (a, b) ∈ [(p, q), (r, s)]) : (a = p ∧ b = q) ∨ (a = r ∧ b = s) := by
  cases pds_mem_cons_inv h with
  | inl e =>
    injection e with e1 e2
    exact Or.inl ⟨e1, e2⟩
  | inr h1 =>
    cases pds_mem_cons_inv h1 with
    | inl e =>
      injection e with e1 e2
      exact Or.inr ⟨e1, e2⟩
    | inr h2 => exact absurd h2 (fun h3 => pds_not_mem_nil h3)

end Aux

theorem upairs_rot : ∀ (k : Nat) (w x y z : Label), k < 4 →
    (∀ (a b : Label), (a, b) ∈ upairs (rot k w x y z) →
      (a = w ∧ b = y) ∨ (a = y ∧ b = w) ∨ (a = x ∧ b = z) ∨ (a = z ∧ b = x)) ∧
    Eqv (upairs (rot k w x y z)) w y ∧ Eqv (upairs (rot k w x y z)) x z
  | 0, w, x, y, z, _ =>
    ⟨fun _ _ h => (pds_mem_pair2 h).elim (fun h1 => Or.inl h1) (fun h1 => Or.inr (Or.inr (Or.inl h1))),
     Eqv.eqv_base w y (pds_mem_head _ _), Eqv.eqv_base x z (pds_mem_tail _ (pds_mem_head _ _))⟩
  | 1, w, x, y, z, _ =>
    ⟨fun _ _ h => (pds_mem_pair2 h).elim (fun h1 => Or.inr (Or.inr (Or.inr h1))) (fun h1 => Or.inl h1),
     Eqv.eqv_base w y (pds_mem_tail _ (pds_mem_head _ _)), Eqv.eqv_sym z x (Eqv.eqv_base z x (pds_mem_head _ _))⟩
  | 2, w, x, y, z, _ =>
    ⟨fun _ _ h => (pds_mem_pair2 h).elim (fun h1 => Or.inr (Or.inl h1)) (fun h1 => Or.inr (Or.inr (Or.inr h1))),
     Eqv.eqv_sym y w (Eqv.eqv_base y w (pds_mem_head _ _)),
     Eqv.eqv_sym z x (Eqv.eqv_base z x (pds_mem_tail _ (pds_mem_head _ _)))⟩
  | 3, w, x, y, z, _ =>
    ⟨fun _ _ h => (pds_mem_pair2 h).elim (fun h1 => Or.inr (Or.inr (Or.inl h1))) (fun h1 => Or.inr (Or.inl h1)),
     Eqv.eqv_sym y w (Eqv.eqv_base y w (pds_mem_tail _ (pds_mem_head _ _))), Eqv.eqv_base x z (pds_mem_head _ _)⟩
  | k + 4, _, _, _, _, h => absurd h (by omega)

namespace Aux

theorem pds_index_n : ∀ (xs : List Crossing) (k : Nat) (t : PTree Crossing) (pos : PTree (List Slot))
    (sl : List Slot) (n mx : Nat), (index_crossings k xs t pos sl n mx).cx_n = n + xs.length
  | [], _, _, _, _, _, _ => rfl
  | (a, b, c, d) :: rest, k, t, pos, sl, n, mx => by
    show (index_crossings (k + 1) rest (pset k (a, b, c, d) t)
        (add_position d (k, 3) (add_position c (k, 2) (add_position b (k, 1) (add_position a (k, 0) pos))))
        ((k, 3) :: (k, 2) :: (k, 1) :: (k, 0) :: sl) (n + 1) (nmax mx (nmax (nmax a b) (nmax c d)))).cx_n =
      n + (rest.length + 1)
    rw [pds_index_n rest]
    omega

end Aux

theorem cx_n_length : ∀ (xs : List Crossing), (make_context xs).cx_n = xs.length := by
  intro xs
  have h := pds_index_n xs 1 PTree.PLeaf PTree.PLeaf [] 0 0
  unfold make_context
  omega

theorem slots_from_length : ∀ (xs : List Crossing) (k : Nat) (l : Label), (slots_from k xs l).length = occ l xs
  | [], _, _ => rfl
  | (a, b, c, d) :: r, k, l => by
    have h1 := slots_from_length r (k + 1) l
    have h2 := count_map_filter (get4 (a, b, c, d)) [0, 1, 2, 3] l
    have h3 := occ_cons l (a, b, c, d) r
    have h4 : count_occ ([0, 1, 2, 3].map (get4 (a, b, c, d))) l = count_occ (xlabels (a, b, c, d)) l := rfl
    show (List.map (fun (p : Nat) => (k, p))
        (List.filter (fun (p : Nat) => Nat.beq (get4 (a, b, c, d) p) l) [0, 1, 2, 3]) ++
        slots_from (k + 1) r l).length = occ l ((a, b, c, d) :: r)
    rw [List.length_append, List.length_map]
    omega

theorem r3_facts : ∀ (k1 k2 k3 : Nat) (l1 l2 l3 x2 x3 y2 y3 z2 z3 : Label) (E : List Crossing),
    WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) →
    ∀ (v : Label), v ∈ [l1, l2, l3] →
      ¬ v ∈ labels E ∧ ¬ v ∈ [x2, x3, y2, y3, z2, z3] ∧ (∀ (v' : Label), v' ∈ [l1, l2, l3] → v' ≠ v → True) := by
  intro k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E w v hv
  have hpair : 1 ≤ (if Nat.beq l1 v = true then 1 else 0) + (if Nat.beq l2 v = true then 1 else 0) +
      (if Nat.beq l3 v = true then 1 else 0) := by
    cases pds_mem_cons_inv hv with
    | inl e =>
      rw [← e, ind_self]
      omega
    | inr h1 =>
      cases pds_mem_cons_inv h1 with
      | inl e =>
        rw [← e, ind_self]
        omega
      | inr h2 =>
        cases pds_mem_cons_inv h2 with
        | inl e =>
          rw [← e, ind_self]
          omega
        | inr h3 => exact absurd h3 (fun h4 => pds_not_mem_nil h4)
  have hin : v ∈ labels (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) := by
    cases pds_mem_cons_inv hv with
    | inl e => exact pds_mem_app_r _ _ (pds_mem_app_l _ _ ((in_rot k2 l1 l2 y2 y3 v).2 (Or.inl e)))
    | inr h1 =>
      cases pds_mem_cons_inv h1 with
      | inl e => exact pds_mem_app_r _ _ (pds_mem_app_l _ _ ((in_rot k2 l1 l2 y2 y3 v).2 (Or.inr (Or.inl e))))
      | inr h2 =>
        cases pds_mem_cons_inv h2 with
        | inl e => exact pds_mem_app_l _ _ ((in_rot k1 l3 l1 x2 x3 v).2 (Or.inl e))
        | inr h3 => exact absurd h3 (fun h4 => pds_not_mem_nil h4)
  have C := w v hin
  simp only [occ_cons3, count_rot, count4_split] at C
  refine ⟨(occ_zero v E).1 (by omega), ?_, fun _ _ _ => True.intro⟩
  intro hx
  have hc := (pds_count_pos_iff _ v).1 hx
  simp only [pds_count_cons, pds_count_nil] at hc
  omega

end KnotCert.PDSpec
