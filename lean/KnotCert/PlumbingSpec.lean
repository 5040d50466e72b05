import KnotCert.Plumbing

/-!
# KnotCert.PlumbingSpec: what a plumbing certificate means, in the words of Neumann's paper

The Lean 4 mirror of `coq/theories/PlumbingSpec.v` (the table is `PLUMBINGSPEC_NAME_TABLE` in
`pybridge/export/lean_names_plumbingspec.py`). Reference: W. D. Neumann, "A calculus for plumbing
applied to the topology of complex surface singularities and degenerating complex curves",
Trans. AMS 268 (1981) 299–344, §2 (moves R1 and R3 on forests of genus-0 vertices).

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only: no Mathlib,
no Batteries) and checked by reading only. Generated certificate modules import
`KnotCert.Plumbing` alone, so an error here cannot break a certificate.

**Definitions, and part of the proofs.** Every definition of the Coq file is mirrored here with
the same name and the same meaning: the declarative graph vocabulary (`Wt`, `Vx`, `Edge`,
`WGraph`, `Core`, `Acyclic`, `WForest`, `Iso`), Neumann's moves as pictures (`R1Point`, `R1Leaf`,
`R1Edge`, `R3Absorb`, `Shrink`), the calculus (`NeumannStep`, `NeumannEquiv`) and the determinant
of the plumbing matrix (`sumZ`, `rmv`, `Dn`, `Dl`, `edgeb`, `detQ`). The Coq proofs are being
ported theorem by theorem with the Coq names (the table lists each one):

* Part 3 (non-vacuity), completely: the sums, the expansion's independence of fuel, vertex order
  and far edges (`Dn_fuel`, `Dl_perm`, `Dl_swap`, `Dl_relabel`, `Dl_add_edge`, ...), the effect of
  each move on `det Q` (`det_R1Point`, `det_R1Leaf`, `det_R1Edge`, `det_R3`, `det_Iso`) and

```
neumann_step_det  : ∀ g h, NeumannStep g h → (detQ g).natAbs = (detQ h).natAbs
neumann_equiv_det : ∀ g h, NeumannEquiv g h → (detQ g).natAbs = (detQ h).natAbs
```

* Part 2, in part: the reflection lemmas (`mem_In`, `adjacent_Edge`, `nbrs_In`, `unit_at_spec`, ...),
  the checker's graph operations read through `Wt`/`Vx`/`Edge` (`Wt_shift`, `Edge_delete`,
  `Edge_add_edges`, `Edge_remove_edge`, `fresh_gt`, ...), `valid_forest_WForest` (with
  `edges_simple_spec`, `prune_step_core`, `prune_acyclic`), the refinement of five moves
  (`refine_blowdown_point`, `refine_blowup_point`, `refine_blowdown_leaf`, `refine_blowup_leaf`,
  `refine_blowdown_edge`), and list steps of the
  other proofs (`wgraph_delete`, `SimpleL_app`, `sort_nat_perm`, `image_In`, `nrm_eq`, ...);
* forest preservation for the point and leaf moves (`acyclic_sub`, `acyclic_R1Point(_rev)`,
  `acyclic_R1Leaf(_rev)`, `core_nonempty`);
* the appendix, completely: `Acyclic_iff_no_cycle` (`WForest_no_cycle` with `Cycle_Core`,
  `Cycle_rotate_n`, ...; `no_cycle_Acyclic` with `walk_props`, `dup_split`, ...).

Not ported yet (their Coq names are in `PLUMBINGSPEC_COQ_ONLY`, and the three remaining main
statements are recorded below as propositions, `*_statement`, Lean-only): the refinement of the
other moves, forest preservation for R1 (degree 2) and R3 (`acyclic_R1Edge`, `acyclic_R3`, ...),
`iso_ok_Iso`, `run_plumb_spec`, the examples, and so

```
apply_pmove_refines : ∀ g m h, WForest g → apply_pmove g m = some h → NeumannStep g h
check_plumbing_spec : ∀ c, check_plumbing c = true →
                        WForest c.pc_a ∧ WForest c.pc_b ∧ NeumannEquiv c.pc_a c.pc_b
check_plumbing_det  : ∀ c, check_plumbing c = true → (detQ c.pc_a).natAbs = (detQ c.pc_b).natAbs
```

(`check_plumbing_det` is `neumann_equiv_det` composed with `check_plumbing_spec`.) Helpers with no
Coq counterpart (standard-library list, `Permutation`, `Bool` and arithmetic facts the pinned core
lacks, and a few proof-internal steps) live in the namespace `KnotCert.PlumbingSpec.Aux`; Coq's
`Permutation` is `PermL`. Where a core lemma's name or form at the pinned release is uncertain, the
helper tries it first and falls back to a direct proof (`first | ... | ...`).

Lean spelling of the Coq notions: `Z` is `Int`, `Z.abs x = Z.abs y` is `x.natAbs = y.natAbs`,
`NoDup` (Coq standard library) is `NoDupL` (defined here: the pinned core has no `List.Nodup`
lemmas to lean on), `In x l` is `x ∈ l`, `Nat.eqb` is `Nat.beq`, `Nat.leb` is `Nat.ble`.
Everything lives in the namespace `KnotCert.PlumbingSpec` (the Coq module path), opening
`KnotCert.Plumbing` for the checker's names.
-/

namespace KnotCert.PlumbingSpec

open KnotCert.Plumbing

/-- `NoDup` of Coq's standard library: no element occurs twice. -/
inductive NoDupL {α : Type} : List α → Prop where
  | nil : NoDupL []
  | cons {x : α} {l : List α} : x ∉ l → NoDupL l → NoDupL (x :: l)

/-! ## Graphs, declaratively -/

/-- `v` is a vertex of weight `w`. -/
def Wt (g : PGraph) (v : Nat) (w : Int) : Prop := (v, w) ∈ g.pverts

/-- `v` is a vertex. -/
def Vx (g : PGraph) (v : Nat) : Prop := v ∈ g.pverts.map Prod.fst

/-- `u` and `v` are joined by an edge (edges are unordered). -/
def Edge (g : PGraph) (u v : Nat) : Prop := (u, v) ∈ g.pedges ∨ (v, u) ∈ g.pedges

/-- A weighted simple graph: distinct vertex ids, every edge joins two different existing
vertices, every edge is listed once (in one orientation). -/
structure WGraph (g : PGraph) : Prop where
  wg_nodup : NoDupL (g.pverts.map Prod.fst)
  wg_ends : ∀ (u v : Nat), (u, v) ∈ g.pedges → Vx g u ∧ Vx g v ∧ u ≠ v
  wg_edges_nodup : NoDupL g.pedges
  wg_no_reverse : ∀ (u v : Nat), (u, v) ∈ g.pedges → (v, u) ∉ g.pedges

/-- A set `S` of vertices in which every member has two different neighbours inside `S`: the
vertex set of a subgraph of minimum degree `>= 2`. -/
def Core (g : PGraph) (S : List Nat) : Prop :=
  ∀ (x : Nat), x ∈ S → Vx g x ∧
    ∃ (y1 y2 : Nat), y1 ≠ y2 ∧ y1 ∈ S ∧ y2 ∈ S ∧ Edge g x y1 ∧ Edge g x y2

/-- A finite graph has a cycle iff it has a nonempty subgraph of minimum degree `>= 2`: acyclic
means that the only such set is empty. -/
def Acyclic (g : PGraph) : Prop := ∀ (S : List Nat), Core g S → S = []

/-- A weighted forest (Neumann's plumbing forests of genus-0 vertices). -/
structure WForest (g : PGraph) : Prop where
  wf_graph : WGraph g
  wf_acyclic : Acyclic g

/-- `e = ±1`. -/
def Unit (e : Int) : Prop := e = 1 ∨ e = -1

/-! ## Isomorphism of weighted graphs -/

/-- A bijection `f` of the vertices of `g` onto those of `h` that keeps weights and edges. -/
def Iso (g h : PGraph) : Prop :=
  ∃ (f : Nat → Nat),
    (∀ (x y : Nat), Vx g x → Vx g y → f x = f y → x = y) ∧
    (∀ (y : Nat), Vx h y → ∃ (x : Nat), Vx g x ∧ f x = y) ∧
    (∀ (x : Nat) (w : Int), Vx g x → (Wt g x w ↔ Wt h (f x) w)) ∧
    (∀ (x y : Nat), Vx g x → Vx g y → (Edge g x y ↔ Edge h (f x) (f y)))

/-! ## Neumann's moves, blow-down direction: `g` is the picture before, `h` after -/

/-- R1, degree 0: an isolated vertex `p` of weight `ε = ±1` is deleted. -/
def R1Point (g h : PGraph) (p : Nat) : Prop :=
  ∃ (e : Int), Unit e ∧ Wt g p e ∧ (∀ (y : Nat), ¬ Edge g p y) ∧
    (∀ (x : Nat) (w : Int), Wt h x w ↔ Wt g x w ∧ x ≠ p) ∧
    (∀ (x y : Nat), Edge h x y ↔ Edge g x y)

/-- R1, degree 1: a leaf `p` of weight `ε = ±1` whose only neighbour is `v` is deleted and `e_v`
becomes `e_v − ε`. -/
def R1Leaf (g h : PGraph) (p v : Nat) : Prop :=
  ∃ (e : Int), Unit e ∧ Wt g p e ∧ (∀ (y : Nat), Edge g p y ↔ y = v) ∧
    (∀ (x : Nat) (w : Int), Wt h x w ↔ x ≠ p ∧ (x ≠ v → Wt g x w) ∧ (x = v → Wt g v (w + e))) ∧
    (∀ (x y : Nat), Edge h x y ↔ Edge g x y ∧ x ≠ p ∧ y ≠ p)

/-- R1, degree 2: a vertex `p` of weight `ε = ±1` with exactly the two (non-adjacent) neighbours
`u` and `v` is deleted, `u` and `v` are joined, and `e_u`, `e_v` become `e_u − ε`, `e_v − ε`. -/
def R1Edge (g h : PGraph) (p u v : Nat) : Prop :=
  ∃ (e : Int), Unit e ∧ Wt g p e ∧ u ≠ v ∧ (∀ (y : Nat), Edge g p y ↔ y = u ∨ y = v) ∧
    ¬ Edge g u v ∧
    (∀ (x : Nat) (w : Int), Wt h x w ↔
       x ≠ p ∧ (x ≠ u → x ≠ v → Wt g x w) ∧ (x = u ∨ x = v → Wt g x (w + e))) ∧
    (∀ (x y : Nat), Edge h x y ↔
       (Edge g x y ∧ x ≠ p ∧ y ≠ p) ∨ (x = u ∧ y = v) ∨ (x = v ∧ y = u))

/-- R3, 0-chain absorption: a vertex `z` of weight `0` with exactly the two neighbours `u` and
`v` (not joined, no other common neighbour): `z` and `v` are deleted, `u` gets weight
`e_u + e_v` and is joined to every other neighbour of `v`. -/
def R3Absorb (g h : PGraph) (z u v : Nat) : Prop :=
  Wt g z 0 ∧ u ≠ v ∧ (∀ (y : Nat), Edge g z y ↔ y = u ∨ y = v) ∧
  ¬ Edge g u v ∧ (∀ (y : Nat), Edge g u y → Edge g v y → y = z) ∧
  (∀ (x : Nat) (w : Int), Wt h x w ↔
     x ≠ z ∧ x ≠ v ∧ (x ≠ u → Wt g x w) ∧
     (x = u → ∃ (a b : Int), Wt g u a ∧ Wt g v b ∧ w = a + b)) ∧
  (∀ (x y : Nat), Edge h x y ↔
     (Edge g x y ∧ x ≠ z ∧ y ≠ z ∧ x ≠ v ∧ y ≠ v) ∨
     (x = u ∧ Edge g v y ∧ y ≠ z) ∨ (y = u ∧ Edge g v x ∧ x ≠ z))

/-- One of Neumann's moves, in the direction that shrinks the graph. -/
inductive Shrink : PGraph → PGraph → Prop where
  | shrink_point (g h : PGraph) (p : Nat) : R1Point g h p → Shrink g h
  | shrink_leaf (g h : PGraph) (p v : Nat) : R1Leaf g h p v → Shrink g h
  | shrink_edge (g h : PGraph) (p u v : Nat) : R1Edge g h p u v → Shrink g h
  | shrink_absorb (g h : PGraph) (z u v : Nat) : R3Absorb g h z u v → Shrink g h

/-- A step of Neumann's calculus between weighted forests: a move in either direction, or an
isomorphism. -/
def NeumannStep (g h : PGraph) : Prop :=
  WForest g ∧ WForest h ∧ (Shrink g h ∨ Shrink h g ∨ Iso g h)

/-- Neumann equivalence: the reflexive-transitive closure of `NeumannStep`. -/
inductive NeumannEquiv : PGraph → PGraph → Prop where
  | ne_refl (g : PGraph) : NeumannEquiv g g
  | ne_step (g h k : PGraph) : NeumannStep g h → NeumannEquiv h k → NeumannEquiv g k

theorem Edge_sym (g : PGraph) (u v : Nat) (h : Edge g u v) : Edge g v u := Or.symm h

theorem neumann_step_forest (g h : PGraph) (H : NeumannStep g h) : WForest h :=
  And.left (And.right H)

theorem neumann_equiv_trans (a b c : PGraph) (H1 : NeumannEquiv a b) (H2 : NeumannEquiv b c) :
    NeumannEquiv a c := by
  revert H2
  induction H1 with
  | ne_refl g => exact fun H2 => H2
  | ne_step g h k S _ IH => exact fun H2 => NeumannEquiv.ne_step g h c S (IH H2)

/-! ## Simple edge lists, normalised edges (used by the Coq proofs) -/

def SimpleL (es : List (Nat × Nat)) : Prop :=
  NoDupL es ∧ ∀ (u v : Nat), (u, v) ∈ es → (v, u) ∉ es

def nrm (e : Nat × Nat) : Nat × Nat := if Nat.ble e.1 e.2 then e else (e.2, e.1)

/-! ## The determinant of the plumbing matrix

`Q(Γ)` has the weights on the diagonal and `1` for each edge. On a forest only involutions along
edges survive in the Leibniz expansion, so expanding along the first vertex `x`:
`det Q(Γ) = e_x · det Q(Γ − x) − Σ_{y ~ x} det Q(Γ − x − y)`. -/

def sumZ : List Int → Int
  | [] => 0
  | x :: r => x + sumZ r

def rmv (y : Nat) (l : List (Nat × Int)) : List (Nat × Int) := l.filter (fun q : Nat × Int => !(Nat.beq q.1 y))

def Dn : Nat → (Nat → Nat → Bool) → List (Nat × Int) → Int
  | 0, _, _ => 1
  | _ + 1, _, [] => 1
  | n + 1, a, (x, w) :: r =>
    w * Dn n a r - sumZ (r.map (fun q => if a x q.1 then Dn n a (rmv q.1 r) else 0))

def Dl (a : Nat → Nat → Bool) (l : List (Nat × Int)) : Int := Dn l.length a l

/-- Adjacency in `g`, as a boolean relation (symmetric by construction). -/
def edgeb (g : PGraph) (x y : Nat) : Bool :=
  g.pedges.any (fun e => (Nat.beq e.1 x && Nat.beq e.2 y) || (Nat.beq e.1 y && Nat.beq e.2 x))

/-- `det Q` of a weighted forest. -/
def detQ (g : PGraph) : Int := Dl (edgeb g) g.pverts

theorem Dl_nil (a : Nat → Nat → Bool) : Dl a [] = 1 := rfl

/-! ## Proofs (ported from the Coq file, theorem by theorem)

Helper lemmas with no Coq counterpart (core Lean 4 has few list lemmas at the pinned release) live
in the namespace `KnotCert.PlumbingSpec.Aux`; Coq's `Permutation` is `PermL` below. -/

/-- `Permutation` of Coq's standard library (all arguments explicit). -/
inductive PermL {α : Type} : List α → List α → Prop where
  | nil : PermL [] []
  | skip (x : α) (l l' : List α) : PermL l l' → PermL (x :: l) (x :: l')
  | swap (x y : α) (l : List α) : PermL (y :: x :: l) (x :: y :: l)
  | trans (l l' l'' : List α) : PermL l l' → PermL l' l'' → PermL l l''

namespace Aux

theorem mem_head {α : Type} (x : α) (l : List α) : x ∈ x :: l := by
  first
    | exact List.Mem.head l
    | exact List.mem_cons_self x l
    | simp

theorem mem_tail {α : Type} {x : α} (y : α) {l : List α} (h : x ∈ l) : x ∈ y :: l := by
  first
    | exact List.Mem.tail y h
    | exact List.mem_cons_of_mem y h
    | simp [h]

theorem mem_cons_inv {α : Type} {x y : α} {l : List α} (h : x ∈ y :: l) : x = y ∨ x ∈ l := by
  first
    | (cases h with
        | head => exact Or.inl rfl
        | tail _ h' => exact Or.inr h')
    | exact List.mem_cons.mp h

theorem not_mem_nil {α : Type} {x : α} (h : x ∈ ([] : List α)) : False := by
  cases h

theorem mem_app_or {α : Type} {x : α} : ∀ (u v : List α), x ∈ u ++ v → x ∈ u ∨ x ∈ v
  | [], _, h => Or.inr h
  | y :: u, v, h =>
    Or.elim (mem_cons_inv (show x ∈ y :: (u ++ v) from h))
      (fun e => Or.inl (by rw [e]; exact mem_head y u))
      (fun h' => Or.elim (mem_app_or u v h')
        (fun h1 => Or.inl (mem_tail y h1))
        (fun h2 => Or.inr h2))

theorem nodup_cons_inv {α : Type} {x : α} {l : List α} (h : NoDupL (x :: l)) : ¬ (x ∈ l) ∧ NoDupL l := by
  first
    | (cases h with
        | cons h1 h2 => exact ⟨h1, h2⟩)
    | (cases h with
        | @cons _ _ h1 h2 => exact ⟨h1, h2⟩)

theorem bool_cases (b : Bool) : b = true ∨ b = false := by
  cases b with
  | true => exact Or.inl rfl
  | false => exact Or.inr rfl

theorem not_true_of_false {b : Bool} (h : b = false) : ¬ (b = true) := by
  intro h'
  rw [h] at h'
  cases h'

theorem bool_false_of_not {b : Bool} (h : ¬ (b = true)) : b = false := by
  cases b with
  | true => exact absurd rfl h
  | false => rfl

theorem or_true_r (b : Bool) : (b || true) = true := by
  cases b <;> rfl

theorem or_false_r (b : Bool) : (b || false) = b := by
  cases b <;> rfl

theorem or_true_cases {a b : Bool} (h : (a || b) = true) : a = true ∨ b = true := by
  cases a with
  | true => exact Or.inl rfl
  | false => exact Or.inr h

theorem orb_true_of_l : ∀ (a b : Bool), a = true → (a || b) = true
  | true, _, _ => rfl
  | false, _, h => by cases h

theorem orb_true_of_r : ∀ (a b : Bool), b = true → (a || b) = true
  | true, _, _ => rfl
  | false, _, h => h

theorem beq_of_eq {a b : Nat} (h : a = b) : Nat.beq a b = true := by
  cases hb : Nat.beq a b with
  | true => rfl
  | false => exact absurd h (Nat.ne_of_beq_eq_false hb)

theorem beq_of_ne {a b : Nat} (h : a ≠ b) : Nat.beq a b = false := by
  cases hb : Nat.beq a b with
  | true => exact absurd (Nat.eq_of_beq_eq_true hb) h
  | false => rfl

theorem beq_refl (a : Nat) : Nat.beq a a = true := beq_of_eq rfl

theorem beq_comm (a b : Nat) : Nat.beq a b = Nat.beq b a := by
  cases Nat.decEq a b with
  | isTrue e => rw [beq_of_eq e, beq_of_eq e.symm]
  | isFalse ne => rw [beq_of_ne ne, beq_of_ne (fun e => ne e.symm)]

theorem not_beq_of_eq {x y : Nat} (e : x = y) : (!(Nat.beq x y)) = false := by
  cases hb : Nat.beq x y with
  | true => rfl
  | false => exact absurd e (Nat.ne_of_beq_eq_false hb)

theorem not_beq_of_ne {x y : Nat} (h : x ≠ y) : (!(Nat.beq x y)) = true := by
  cases hb : Nat.beq x y with
  | true => exact absurd (Nat.eq_of_beq_eq_true hb) h
  | false => rfl

theorem ne_of_not_beq {x y : Nat} (h : (!(Nat.beq x y)) = true) : x ≠ y := by
  intro e
  rw [not_beq_of_eq e] at h
  cases h

theorem filter_cons_true {α : Type} (p : α → Bool) (a : α) (l : List α) (h : p a = true) :
    List.filter p (a :: l) = a :: List.filter p l := by
  first
    | exact List.filter_cons_of_pos l h
    | exact List.filter_cons_of_pos h
    | simp [List.filter, h]
    | (show (match p a with
              | true => a :: List.filter p l
              | false => List.filter p l) = a :: List.filter p l
       rw [h])

theorem filter_cons_false {α : Type} (p : α → Bool) (a : α) (l : List α) (h : p a = false) :
    List.filter p (a :: l) = List.filter p l := by
  first
    | exact List.filter_cons_of_neg l (not_true_of_false h)
    | exact List.filter_cons_of_neg (not_true_of_false h)
    | simp [List.filter, h]
    | (show (match p a with
              | true => a :: List.filter p l
              | false => List.filter p l) = List.filter p l
       rw [h])

theorem mem_filter_inv {α : Type} (p : α → Bool) :
    ∀ (l : List α) (x : α), x ∈ List.filter p l → x ∈ l ∧ p x = true
  | [], _, h => absurd h (fun h2 => not_mem_nil h2)
  | a :: l, x, h => by
    cases bool_cases (p a) with
    | inl hp =>
      rw [filter_cons_true p a l hp] at h
      cases mem_cons_inv h with
      | inl e =>
        rw [e]
        exact ⟨mem_head a l, hp⟩
      | inr h' =>
        have r := mem_filter_inv p l x h'
        exact ⟨mem_tail a r.1, r.2⟩
    | inr hp =>
      rw [filter_cons_false p a l hp] at h
      have r := mem_filter_inv p l x h
      exact ⟨mem_tail a r.1, r.2⟩

theorem mem_filter_intro {α : Type} (p : α → Bool) :
    ∀ (l : List α) (x : α), x ∈ l → p x = true → x ∈ List.filter p l
  | [], _, h, _ => absurd h (fun h2 => not_mem_nil h2)
  | a :: l, x, h, hx => by
    cases bool_cases (p a) with
    | inl hp =>
      rw [filter_cons_true p a l hp]
      cases mem_cons_inv h with
      | inl e =>
        rw [e]
        exact mem_head a (List.filter p l)
      | inr h' => exact mem_tail a (mem_filter_intro p l x h' hx)
    | inr hp =>
      rw [filter_cons_false p a l hp]
      cases mem_cons_inv h with
      | inl e =>
        rw [e] at hx
        rw [hp] at hx
        cases hx
      | inr h' => exact mem_filter_intro p l x h' hx

theorem length_filter_le {α : Type} (p : α → Bool) : ∀ (l : List α), (List.filter p l).length ≤ l.length
  | [] => Nat.le_refl 0
  | a :: l => by
    have ih := length_filter_le p l
    cases bool_cases (p a) with
    | inl hp =>
      rw [filter_cons_true p a l hp]
      show (List.filter p l).length + 1 ≤ l.length + 1
      omega
    | inr hp =>
      rw [filter_cons_false p a l hp]
      show (List.filter p l).length ≤ l.length + 1
      omega

theorem mem_map_intro {α β : Type} (f : α → β) : ∀ (l : List α) (x : α), x ∈ l → f x ∈ l.map f
  | [], _, h => absurd h (fun h2 => not_mem_nil h2)
  | y :: l, x, h => by
    show f x ∈ f y :: l.map f
    cases mem_cons_inv h with
    | inl e =>
      rw [e]
      exact mem_head (f y) (l.map f)
    | inr h' => exact mem_tail (f y) (mem_map_intro f l x h')

theorem mem_map_inv {α β : Type} (f : α → β) :
    ∀ (l : List α) (b : β), b ∈ l.map f → ∃ (a : α), a ∈ l ∧ f a = b
  | [], b, h => by
    have h' : b ∈ ([] : List β) := h
    exact absurd h' (fun h2 => not_mem_nil h2)
  | y :: l, b, h => by
    have h' : b ∈ f y :: l.map f := h
    cases mem_cons_inv h' with
    | inl e => exact ⟨y, mem_head y l, e.symm⟩
    | inr h2 =>
      cases mem_map_inv f l b h2 with
      | intro a ha => exact ⟨a, mem_tail y ha.1, ha.2⟩

theorem ids_inv : ∀ (l : List (Nat × Int)) (x : Nat), x ∈ l.map Prod.fst → ∃ (w : Int), (x, w) ∈ l
  | [], x, h => by
    have h' : x ∈ ([] : List Nat) := h
    exact absurd h' (fun h2 => not_mem_nil h2)
  | (a, b) :: l, x, h => by
    have h' : x ∈ a :: l.map Prod.fst := h
    cases mem_cons_inv h' with
    | inl e =>
      rw [e]
      exact ⟨b, mem_head (a, b) l⟩
    | inr h2 =>
      cases ids_inv l x h2 with
      | intro w hw => exact ⟨w, mem_tail (a, b) hw⟩

theorem map_map {α β γ : Type} (f : α → β) (g : β → γ) :
    ∀ (l : List α), (l.map f).map g = l.map (fun x => g (f x))
  | [] => rfl
  | x :: l => by
    show g (f x) :: (l.map f).map g = g (f x) :: l.map (fun x => g (f x))
    rw [map_map f g l]

theorem nodup_of_map {α β : Type} (f : α → β) : ∀ (l : List α), NoDupL (l.map f) → NoDupL l
  | [], _ => NoDupL.nil
  | x :: l, N => by
    have N2 := nodup_cons_inv (show NoDupL (f x :: l.map f) from N)
    exact NoDupL.cons (fun hx => N2.1 (mem_map_intro f l x hx)) (nodup_of_map f l N2.2)

theorem mem_split {α : Type} (x : α) : ∀ (l : List α), x ∈ l → ∃ (l1 l2 : List α), l = l1 ++ x :: l2
  | [], h => absurd h (fun h2 => not_mem_nil h2)
  | y :: l, h => by
    cases mem_cons_inv h with
    | inl e => exact ⟨[], l, congrArg (fun z => z :: l) e.symm⟩
    | inr h' =>
      cases mem_split x l h' with
      | intro l1 hl =>
        cases hl with
        | intro l2 e => exact ⟨y :: l1, l2, congrArg (fun m => y :: m) e⟩

/-! ### Permutations -/

theorem perm_refl {α : Type} : ∀ (l : List α), PermL l l
  | [] => PermL.nil
  | x :: l => PermL.skip x l l (perm_refl l)

theorem perm_sym {α : Type} (l l' : List α) (P : PermL l l') : PermL l' l := by
  induction P with
  | nil => exact PermL.nil
  | skip x l1 l2 _ IH => exact PermL.skip x l2 l1 IH
  | swap x y l => exact PermL.swap y x l
  | trans l1 l2 l3 _ _ IH1 IH2 => exact PermL.trans l3 l2 l1 IH2 IH1

theorem perm_length {α : Type} (l l' : List α) (P : PermL l l') : l.length = l'.length := by
  induction P with
  | nil => rfl
  | skip x l1 l2 _ IH =>
    show l1.length + 1 = l2.length + 1
    omega
  | swap x y l => rfl
  | trans l1 l2 l3 _ _ IH1 IH2 => exact IH1.trans IH2

theorem perm_mem {α : Type} (l l' : List α) (P : PermL l l') : ∀ (z : α), z ∈ l → z ∈ l' := by
  induction P with
  | nil => exact fun z h => h
  | skip x l1 l2 _ IH =>
    intro z h
    cases mem_cons_inv h with
    | inl e =>
      rw [e]
      exact mem_head x l2
    | inr h' => exact mem_tail x (IH z h')
  | swap x y l =>
    intro z h
    cases mem_cons_inv h with
    | inl e =>
      rw [e]
      exact mem_tail x (mem_head y l)
    | inr h' =>
      cases mem_cons_inv h' with
      | inl e =>
        rw [e]
        exact mem_head x (y :: l)
      | inr h'' => exact mem_tail x (mem_tail y h'')
  | trans l1 l2 l3 _ _ IH1 IH2 => exact fun z h => IH2 z (IH1 z h)

theorem perm_nodup {α : Type} (l l' : List α) (P : PermL l l') : NoDupL l → NoDupL l' := by
  induction P with
  | nil => exact fun h => h
  | skip x l1 l2 P1 IH =>
    intro h
    have h2 := nodup_cons_inv h
    exact NoDupL.cons (fun hx => h2.1 (perm_mem l2 l1 (perm_sym l1 l2 P1) x hx)) (IH h2.2)
  | swap x y l =>
    intro h
    have h1 := nodup_cons_inv h
    have h2 := nodup_cons_inv h1.2
    refine NoDupL.cons ?_ (NoDupL.cons (fun hy => h1.1 (mem_tail x hy)) h2.2)
    intro hx
    cases mem_cons_inv hx with
    | inl e => exact h1.1 (by rw [e]; exact mem_head y l)
    | inr h' => exact h2.1 h'
  | trans l1 l2 l3 _ _ IH1 IH2 => exact fun h => IH2 (IH1 h)

theorem perm_map {α β : Type} (f : α → β) (l l' : List α) (P : PermL l l') : PermL (l.map f) (l'.map f) := by
  induction P with
  | nil => exact PermL.nil
  | skip x l1 l2 _ IH => exact PermL.skip (f x) (l1.map f) (l2.map f) IH
  | swap x y l => exact PermL.swap (f x) (f y) (l.map f)
  | trans l1 l2 l3 _ _ IH1 IH2 => exact PermL.trans _ _ _ IH1 IH2

theorem perm_nil_gen {α : Type} (l l' : List α) (P : PermL l l') : l = [] → l' = [] := by
  induction P with
  | nil => exact fun _ => rfl
  | skip x l1 l2 _ _ => exact fun h => by cases h
  | swap x y l => exact fun h => by cases h
  | trans l1 l2 l3 _ _ IH1 IH2 => exact fun h => IH2 (IH1 h)

theorem perm_middle {α : Type} (x : α) : ∀ (l1 l2 : List α), PermL (l1 ++ x :: l2) (x :: (l1 ++ l2))
  | [], l2 => perm_refl (x :: l2)
  | a :: l1, l2 =>
    PermL.trans (a :: (l1 ++ x :: l2)) (a :: x :: (l1 ++ l2)) (x :: a :: (l1 ++ l2))
      (PermL.skip a _ _ (perm_middle x l1 l2)) (PermL.swap x a (l1 ++ l2))

/-- Coq's `NoDup_Permutation`: two duplicate-free lists with the same members are permutations. -/
theorem perm_of_same {α : Type} :
    ∀ (l l' : List α), NoDupL l → NoDupL l' → (∀ (z : α), z ∈ l ↔ z ∈ l') → PermL l l'
  | [], [], _, _, _ => PermL.nil
  | [], y :: l', _, _, H => absurd ((H y).2 (mem_head y l')) (fun h => not_mem_nil h)
  | x :: l, l', N, N', H => by
    have hx : x ∈ l' := (H x).1 (mem_head x l)
    cases mem_split x l' hx with
    | intro l1 hl =>
      cases hl with
      | intro l2 e =>
        have Pm : PermL (l1 ++ x :: l2) (x :: (l1 ++ l2)) := perm_middle x l1 l2
        have N0 : NoDupL (l1 ++ x :: l2) := by
          rw [← e]
          exact N'
        have Nc := nodup_cons_inv (perm_nodup _ _ Pm N0)
        have Nl := nodup_cons_inv N
        have Hr : ∀ (z : α), z ∈ l ↔ z ∈ l1 ++ l2 := by
          intro z
          constructor
          · intro hz
            have hz' : z ∈ l1 ++ x :: l2 := by
              rw [← e]
              exact (H z).1 (mem_tail x hz)
            cases mem_cons_inv (perm_mem _ _ Pm z hz') with
            | inl ezx => exact absurd (by rw [← ezx]; exact hz) Nl.1
            | inr h => exact h
          · intro hz
            have hz2 : z ∈ l1 ++ x :: l2 := perm_mem _ _ (perm_sym _ _ Pm) z (mem_tail x hz)
            have hz3 : z ∈ x :: l := (H z).2 (by rw [e]; exact hz2)
            cases mem_cons_inv hz3 with
            | inl ezx => exact absurd (by rw [← ezx]; exact hz) Nc.1
            | inr h => exact h
        rw [e]
        exact PermL.trans _ _ _ (PermL.skip x l (l1 ++ l2) (perm_of_same l (l1 ++ l2) Nl.2 Nc.2 Hr))
          (perm_sym _ _ Pm)

/-! ### Integer arithmetic (ring steps `omega` does not do) -/

theorem mul_sub' (a b c : Int) : a * (b - c) = a * b - a * c := by
  first
    | exact Int.mul_sub a b c
    | rw [Int.sub_eq_add_neg, Int.mul_add, Int.mul_neg, ← Int.sub_eq_add_neg]

theorem sub_mul' (a b c : Int) : (a - b) * c = a * c - b * c := by
  first
    | exact Int.sub_mul a b c
    | rw [Int.sub_eq_add_neg, Int.add_mul, Int.neg_mul, ← Int.sub_eq_add_neg]

theorem mul_add' (a b c : Int) : a * (b + c) = a * b + a * c := by
  first
    | exact Int.mul_add a b c
    | exact Int.left_distrib a b c

theorem mul_left_comm' (a b c : Int) : a * (b * c) = b * (a * c) := by
  first
    | exact Int.mul_left_comm a b c
    | rw [← Int.mul_assoc, Int.mul_comm a b, Int.mul_assoc]

theorem mul_zero' (a : Int) : a * 0 = 0 := by
  first
    | exact Int.mul_zero a
    | omega

end Aux

namespace Aux

theorem any_true {α : Type} (p : α → Bool) : ∀ (l : List α), l.any p = true → ∃ (a : α), a ∈ l ∧ p a = true
  | [], h => by
    have h' : false = true := h
    cases h'
  | x :: l, h => by
    have h' : (p x || l.any p) = true := h
    cases or_true_cases h' with
    | inl hx => exact ⟨x, mem_head x l, hx⟩
    | inr hl =>
      cases any_true p l hl with
      | intro y hy => exact ⟨y, mem_tail x hy.1, hy.2⟩

theorem any_intro {α : Type} (p : α → Bool) : ∀ (l : List α) (x : α), x ∈ l → p x = true → l.any p = true
  | [], _, hx, _ => absurd hx (fun h2 => not_mem_nil h2)
  | y :: l, x, hx, hp => by
    show (p y || l.any p) = true
    cases mem_cons_inv hx with
    | inl e =>
      rw [e] at hp
      exact orb_true_of_l (p y) (l.any p) hp
    | inr hx' => exact orb_true_of_r (p y) (l.any p) (any_intro p l x hx' hp)

end Aux

/-! ### Reflection lemmas: the checker's tests read through `Wt`, `Vx`, `Edge` -/

theorem in_ids (l : List (Nat × Int)) (x : Nat) (w : Int) (h : (x, w) ∈ l) : x ∈ l.map Prod.fst :=
  Aux.mem_map_intro Prod.fst l (x, w) h

theorem NoDup_map_on {α β : Type} (f : α → β) : ∀ (l : List α), NoDupL l →
    (∀ (a b : α), a ∈ l → b ∈ l → f a = f b → a = b) → NoDupL (l.map f)
  | [], _, _ => NoDupL.nil
  | x :: l, N, Hi => by
    have N2 := Aux.nodup_cons_inv N
    show NoDupL (f x :: l.map f)
    refine NoDupL.cons ?_
      (NoDup_map_on f l N2.2 (fun a b ha hb e => Hi a b (Aux.mem_tail x ha) (Aux.mem_tail x hb) e))
    intro hin
    cases Aux.mem_map_inv f l (f x) hin with
    | intro b hb =>
      have ebx : b = x := Hi b x (Aux.mem_tail x hb.1) (Aux.mem_head x l) hb.2
      apply N2.1
      rw [← ebx]
      exact hb.1

theorem mem_In (x : Nat) (l : List Nat) : mem x l = true ↔ x ∈ l := by
  constructor
  · intro h
    cases Aux.any_true (fun y => Nat.beq x y) l h with
    | intro y hy =>
      have e : x = y := Nat.eq_of_beq_eq_true hy.2
      rw [e]
      exact hy.1
  · intro h
    exact Aux.any_intro (fun y => Nat.beq x y) l x h (Aux.beq_refl x)

theorem has_vertex_Vx (g : PGraph) (v : Nat) : has_vertex g v = true ↔ Vx g v :=
  mem_In v (ids g)

theorem Vx_Wt (g : PGraph) (v : Nat) : Vx g v ↔ ∃ (w : Int), Wt g v w :=
  ⟨fun h => Aux.ids_inv g.pverts v h, fun ⟨w, h⟩ => in_ids g.pverts v w h⟩

theorem Wt_Vx (g : PGraph) (v : Nat) (w : Int) (h : Wt g v w) : Vx g v := in_ids g.pverts v w h

theorem weight_in_In (v : Nat) : ∀ (vs : List (Nat × Int)), v ∈ vs.map Prod.fst → (v, weight_in v vs) ∈ vs
  | [], h => absurd h (fun h2 => Aux.not_mem_nil h2)
  | (x, w) :: vs, h => by
    show (v, (if Nat.beq x v then w else weight_in v vs)) ∈ (x, w) :: vs
    cases Nat.decEq x v with
    | isTrue e =>
      rw [if_pos (Aux.beq_of_eq e), e]
      exact Aux.mem_head (v, w) vs
    | isFalse ne =>
      rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne ne))]
      have h' : v ∈ vs.map Prod.fst := by
        cases Aux.mem_cons_inv (show v ∈ x :: vs.map Prod.fst from h) with
        | inl e => exact absurd e.symm ne
        | inr h2 => exact h2
      exact Aux.mem_tail (x, w) (weight_in_In v vs h')

theorem weight_in_eq (v : Nat) (w : Int) :
    ∀ (vs : List (Nat × Int)), NoDupL (vs.map Prod.fst) → (v, w) ∈ vs → weight_in v vs = w
  | [], _, h => absurd h (fun h2 => Aux.not_mem_nil h2)
  | (x, w') :: vs, N, h => by
    have N2 := Aux.nodup_cons_inv (show NoDupL (x :: vs.map Prod.fst) from N)
    show (if Nat.beq x v then w' else weight_in v vs) = w
    cases Aux.mem_cons_inv h with
    | inl e =>
      have e1 : v = x := congrArg Prod.fst e
      have e2 : w = w' := congrArg Prod.snd e
      rw [if_pos (Aux.beq_of_eq e1.symm), e2]
    | inr h2 =>
      have hxv : x ≠ v := fun e => N2.1 (by rw [e]; exact in_ids vs v w h2)
      rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne hxv))]
      exact weight_in_eq v w vs N2.2 h2

theorem weight_of_Wt (g : PGraph) (v : Nat) (_N : NoDupL (g.pverts.map Prod.fst)) (H : Vx g v) :
    Wt g v (weight_of g v) :=
  weight_in_In v g.pverts H

theorem Wt_weight_of (g : PGraph) (v : Nat) (w : Int) (N : NoDupL (g.pverts.map Prod.fst)) (H : Wt g v w) :
    weight_of g v = w :=
  weight_in_eq v w g.pverts N H

theorem Wt_fun (g : PGraph) (v : Nat) (w1 w2 : Int) (N : NoDupL (g.pverts.map Prod.fst))
    (H1 : Wt g v w1) (H2 : Wt g v w2) : w1 = w2 :=
  (Wt_weight_of g v w1 N H1).symm.trans (Wt_weight_of g v w2 N H2)

theorem Edge_ends (g : PGraph) (x y : Nat) (W : WGraph g) (H : Edge g x y) : Vx g x ∧ Vx g y ∧ x ≠ y := by
  cases H with
  | inl h => exact W.wg_ends x y h
  | inr h =>
    have r := W.wg_ends y x h
    exact ⟨r.2.1, r.1, fun e => r.2.2 e.symm⟩

theorem edgeb_Edge (g : PGraph) (x y : Nat) : edgeb g x y = true ↔ Edge g x y := by
  constructor
  · intro h
    cases Aux.any_true _ g.pedges h with
    | intro e he =>
      cases e with
      | mk c d =>
        have hp : ((Nat.beq c x && Nat.beq d y) || (Nat.beq c y && Nat.beq d x)) = true := he.2
        cases Aux.or_true_cases hp with
        | inl h1 =>
          have h2 := and_true_split h1
          have ec : c = x := Nat.eq_of_beq_eq_true h2.1
          have ed : d = y := Nat.eq_of_beq_eq_true h2.2
          apply Or.inl
          rw [← ec, ← ed]
          exact he.1
        | inr h1 =>
          have h2 := and_true_split h1
          have ec : c = y := Nat.eq_of_beq_eq_true h2.1
          have ed : d = x := Nat.eq_of_beq_eq_true h2.2
          apply Or.inr
          rw [← ec, ← ed]
          exact he.1
  · intro h
    cases h with
    | inl h1 =>
      apply Aux.any_intro _ g.pedges (x, y) h1
      show ((Nat.beq x x && Nat.beq y y) || (Nat.beq x y && Nat.beq y x)) = true
      exact Aux.orb_true_of_l _ _ (by rw [Aux.beq_refl x, Aux.beq_refl y] <;> rfl)
    | inr h1 =>
      apply Aux.any_intro _ g.pedges (y, x) h1
      show ((Nat.beq y x && Nat.beq x y) || (Nat.beq y y && Nat.beq x x)) = true
      exact Aux.orb_true_of_r _ _ (by rw [Aux.beq_refl x, Aux.beq_refl y] <;> rfl)

theorem edgeb_sym (g : PGraph) (x y : Nat) : edgeb g x y = edgeb g y x := by
  cases h1 : edgeb g x y with
  | true => exact ((edgeb_Edge g y x).2 (Edge_sym g x y ((edgeb_Edge g x y).1 h1))).symm
  | false =>
    cases h2 : edgeb g y x with
    | true =>
      exact absurd ((edgeb_Edge g x y).2 (Edge_sym g y x ((edgeb_Edge g y x).1 h2)))
        (Aux.not_true_of_false h1)
    | false => rfl

theorem edgeb_iff (g h : PGraph) (x y : Nat) (H : Edge g x y ↔ Edge h x y) : edgeb g x y = edgeb h x y := by
  cases h1 : edgeb g x y with
  | true => exact ((edgeb_Edge h x y).2 (H.1 ((edgeb_Edge g x y).1 h1))).symm
  | false =>
    cases h2 : edgeb h x y with
    | true =>
      exact absurd ((edgeb_Edge g x y).2 (H.2 ((edgeb_Edge h x y).1 h2))) (Aux.not_true_of_false h1)
    | false => rfl

/-! ### Sums -/

theorem sumZ_app : ∀ (l1 l2 : List Int), sumZ (l1 ++ l2) = sumZ l1 + sumZ l2
  | [], l2 => by
    show sumZ l2 = 0 + sumZ l2
    omega
  | x :: l1, l2 => by
    have ih := sumZ_app l1 l2
    show x + sumZ (l1 ++ l2) = (x + sumZ l1) + sumZ l2
    omega

theorem sumZ_perm (l l' : List Int) (P : PermL l l') : sumZ l = sumZ l' := by
  induction P with
  | nil => rfl
  | skip x l1 l2 _ IH =>
    show x + sumZ l1 = x + sumZ l2
    omega
  | swap x y l =>
    show y + (x + sumZ l) = x + (y + sumZ l)
    omega
  | trans l1 l2 l3 _ _ IH1 IH2 => exact IH1.trans IH2

theorem sumZ_ext {α : Type} (f g : α → Int) :
    ∀ (l : List α), (∀ (q : α), q ∈ l → f q = g q) → sumZ (l.map f) = sumZ (l.map g)
  | [], _ => rfl
  | x :: l, H => by
    have h1 := H x (Aux.mem_head x l)
    have h2 := sumZ_ext f g l (fun q hq => H q (Aux.mem_tail x hq))
    show f x + sumZ (l.map f) = g x + sumZ (l.map g)
    omega

theorem sumZ_add {α : Type} (f g : α → Int) :
    ∀ (l : List α), sumZ (l.map (fun q => f q + g q)) = sumZ (l.map f) + sumZ (l.map g)
  | [] => by
    show (0 : Int) = 0 + 0
    omega
  | x :: l => by
    have ih := sumZ_add f g l
    show f x + g x + sumZ (l.map (fun q => f q + g q)) = (f x + sumZ (l.map f)) + (g x + sumZ (l.map g))
    omega

theorem sumZ_sub {α : Type} (f g : α → Int) :
    ∀ (l : List α), sumZ (l.map (fun q => f q - g q)) = sumZ (l.map f) - sumZ (l.map g)
  | [] => by
    show (0 : Int) = 0 - 0
    omega
  | x :: l => by
    have ih := sumZ_sub f g l
    show f x - g x + sumZ (l.map (fun q => f q - g q)) = (f x + sumZ (l.map f)) - (g x + sumZ (l.map g))
    omega

theorem sumZ_scale {α : Type} (c : Int) (f : α → Int) :
    ∀ (l : List α), sumZ (l.map (fun q => c * f q)) = c * sumZ (l.map f)
  | [] => by
    show (0 : Int) = c * 0
    rw [Aux.mul_zero' c]
  | x :: l => by
    have ih := sumZ_scale c f l
    have d := Aux.mul_add' c (f x) (sumZ (l.map f))
    show c * f x + sumZ (l.map (fun q => c * f q)) = c * (f x + sumZ (l.map f))
    omega

theorem sumZ_zero {α : Type} (f : α → Int) :
    ∀ (l : List α), (∀ (q : α), q ∈ l → f q = 0) → sumZ (l.map f) = 0
  | [], _ => rfl
  | x :: l, H => by
    have h1 := H x (Aux.mem_head x l)
    have h2 := sumZ_zero f l (fun q hq => H q (Aux.mem_tail x hq))
    show f x + sumZ (l.map f) = 0
    omega

theorem sumZ_filter {α : Type} (P : α → Bool) (f : α → Int) :
    ∀ (l : List α), sumZ ((l.filter P).map f) = sumZ (l.map (fun q => if P q then f q else 0))
  | [] => rfl
  | a :: l => by
    have ih := sumZ_filter P f l
    cases Aux.bool_cases (P a) with
    | inl hp =>
      rw [Aux.filter_cons_true P a l hp]
      show f a + sumZ ((l.filter P).map f)
        = (if P a then f a else 0) + sumZ (l.map (fun q => if P q then f q else 0))
      rw [if_pos hp] <;> omega
    | inr hp =>
      rw [Aux.filter_cons_false P a l hp]
      show sumZ ((l.filter P).map f)
        = (if P a then f a else 0) + sumZ (l.map (fun q => if P q then f q else 0))
      rw [if_neg (Aux.not_true_of_false hp)] <;> omega

theorem sumZ_swap {α β : Type} (H : α → β → Int) : ∀ (l1 : List α) (l2 : List β),
    sumZ (l1.map (fun q => sumZ (l2.map (fun t => H q t))))
      = sumZ (l2.map (fun t => sumZ (l1.map (fun q => H q t))))
  | [], l2 => (sumZ_zero (fun t => sumZ (([] : List α).map (fun q => H q t))) l2 (fun _ _ => rfl)).symm
  | a :: l1, l2 => by
    have ih := sumZ_swap H l1 l2
    have ha : sumZ (l2.map (fun t => H a t + sumZ (l1.map (fun q => H q t))))
        = sumZ (l2.map (fun t => H a t)) + sumZ (l2.map (fun t => sumZ (l1.map (fun q => H q t)))) :=
      sumZ_add (fun t => H a t) (fun t => sumZ (l1.map (fun q => H q t))) l2
    show sumZ (l2.map (fun t => H a t)) + sumZ (l1.map (fun q => sumZ (l2.map (fun t => H q t))))
      = sumZ (l2.map (fun t => H a t + sumZ (l1.map (fun q => H q t))))
    omega

/-! ### `rmv`, and the expansion: fuel, vertex order, far edges -/

theorem rmv_cons_ne (x : Nat) (w : Int) (y : Nat) (K : List (Nat × Int)) (h : x ≠ y) :
    rmv y ((x, w) :: K) = (x, w) :: rmv y K :=
  Aux.filter_cons_true (fun q : Nat × Int => !(Nat.beq q.1 y)) (x, w) K (Aux.not_beq_of_ne h)

namespace Aux

theorem rmv_cons_eq (x : Nat) (w : Int) (y : Nat) (K : List (Nat × Int)) (h : x = y) :
    rmv y ((x, w) :: K) = rmv y K :=
  filter_cons_false (fun q : Nat × Int => !(Nat.beq q.1 y)) (x, w) K (not_beq_of_eq h)

end Aux

theorem rmv_notin (y : Nat) : ∀ (l : List (Nat × Int)), ¬ (y ∈ l.map Prod.fst) → rmv y l = l
  | [], _ => rfl
  | (x, w) :: l, H => by
    have hxy : x ≠ y := fun e => H (by rw [← e]; exact Aux.mem_head x (l.map Prod.fst))
    have H' : ¬ (y ∈ l.map Prod.fst) := fun h => H (Aux.mem_tail x h)
    rw [rmv_cons_ne x w y l hxy, rmv_notin y l H']

theorem rmv_head (v : Nat) (w : Int) (K : List (Nat × Int)) (H : ¬ (v ∈ K.map Prod.fst)) :
    rmv v ((v, w) :: K) = K := by
  rw [Aux.rmv_cons_eq v w v K rfl]
  exact rmv_notin v K H

theorem rmv_length (y : Nat) (l : List (Nat × Int)) : (rmv y l).length ≤ l.length :=
  Aux.length_filter_le (fun q : Nat × Int => !(Nat.beq q.1 y)) l

theorem In_rmv (y : Nat) (q : Nat × Int) (l : List (Nat × Int)) : q ∈ rmv y l ↔ q ∈ l ∧ q.1 ≠ y := by
  constructor
  · intro h
    have r := Aux.mem_filter_inv (fun q : Nat × Int => !(Nat.beq q.1 y)) l q h
    exact ⟨r.1, Aux.ne_of_not_beq r.2⟩
  · intro h
    exact Aux.mem_filter_intro (fun q : Nat × Int => !(Nat.beq q.1 y)) l q h.1 (Aux.not_beq_of_ne h.2)

theorem In_K (x : Nat) (w : Int) (y : Nat) (l : List (Nat × Int)) : (x, w) ∈ rmv y l ↔ (x, w) ∈ l ∧ x ≠ y :=
  In_rmv y (x, w) l

theorem ids_rmv (y : Nat) (l : List (Nat × Int)) :
    ∀ (x : Nat), x ∈ (rmv y l).map Prod.fst → x ∈ l.map Prod.fst := by
  intro x hx
  cases Aux.ids_inv (rmv y l) x hx with
  | intro w hw => exact in_ids l x w ((In_rmv y (x, w) l).1 hw).1

theorem ids_K (x y : Nat) (l : List (Nat × Int)) (H : x ∈ (rmv y l).map Prod.fst) :
    x ∈ l.map Prod.fst ∧ x ≠ y := by
  cases Aux.ids_inv (rmv y l) x H with
  | intro w hw =>
    have r := (In_rmv y (x, w) l).1 hw
    exact ⟨in_ids l x w r.1, r.2⟩

theorem NoDup_rmv (y : Nat) :
    ∀ (l : List (Nat × Int)), NoDupL (l.map Prod.fst) → NoDupL ((rmv y l).map Prod.fst)
  | [], _ => NoDupL.nil
  | (x, w) :: l, N => by
    have N2 := Aux.nodup_cons_inv (show NoDupL (x :: l.map Prod.fst) from N)
    cases Nat.decEq x y with
    | isTrue e =>
      rw [Aux.rmv_cons_eq x w y l e]
      exact NoDup_rmv y l N2.2
    | isFalse ne =>
      rw [rmv_cons_ne x w y l ne]
      show NoDupL (x :: (rmv y l).map Prod.fst)
      exact NoDupL.cons (fun hx => N2.1 (ids_rmv y l x hx)) (NoDup_rmv y l N2.2)

theorem rmv_comm (y t : Nat) : ∀ (l : List (Nat × Int)), rmv y (rmv t l) = rmv t (rmv y l)
  | [] => rfl
  | (x, w) :: l => by
    cases Nat.decEq x t with
    | isTrue e1 =>
      cases Nat.decEq x y with
      | isTrue e2 =>
        rw [Aux.rmv_cons_eq x w t l e1, Aux.rmv_cons_eq x w y l e2]
        exact rmv_comm y t l
      | isFalse n2 =>
        rw [Aux.rmv_cons_eq x w t l e1, rmv_cons_ne x w y l n2, Aux.rmv_cons_eq x w t (rmv y l) e1]
        exact rmv_comm y t l
    | isFalse n1 =>
      cases Nat.decEq x y with
      | isTrue e2 =>
        rw [rmv_cons_ne x w t l n1, Aux.rmv_cons_eq x w y (rmv t l) e2, Aux.rmv_cons_eq x w y l e2]
        exact rmv_comm y t l
      | isFalse n2 =>
        rw [rmv_cons_ne x w t l n1, rmv_cons_ne x w y (rmv t l) n2, rmv_cons_ne x w y l n2,
          rmv_cons_ne x w t (rmv y l) n1, rmv_comm y t l]

theorem sumZ_rmv (f : Nat × Int → Int) (y : Nat) (l : List (Nat × Int)) :
    sumZ ((rmv y l).map f) = sumZ (l.map (fun q => if Nat.beq q.1 y then 0 else f q)) := by
  have e := sumZ_filter (fun q : Nat × Int => !(Nat.beq q.1 y)) f l
  have e2 : sumZ (l.map (fun q : Nat × Int => if (!(Nat.beq q.1 y)) = true then f q else 0))
      = sumZ (l.map (fun q => if Nat.beq q.1 y then 0 else f q)) := by
    apply sumZ_ext
    intro q _
    show (if (!(Nat.beq q.1 y)) = true then f q else 0) = (if Nat.beq q.1 y then 0 else f q)
    cases Aux.bool_cases (Nat.beq q.1 y) with
    | inl hb => rw [hb] <;> rfl
    | inr hb => rw [hb] <;> rfl
  exact e.trans e2

theorem Dn_fuel : ∀ (n m : Nat) (a : Nat → Nat → Bool) (l : List (Nat × Int)),
    l.length ≤ n → l.length ≤ m → Dn n a l = Dn m a l
  | 0, 0, _, _, _, _ => rfl
  | 0, _ + 1, _, [], _, _ => rfl
  | 0, _ + 1, _, _ :: r, Hn, _ => by
    have h : r.length + 1 ≤ 0 := Hn
    exact absurd h (by omega)
  | _ + 1, 0, _, [], _, _ => rfl
  | _ + 1, 0, _, _ :: r, _, Hm => by
    have h : r.length + 1 ≤ 0 := Hm
    exact absurd h (by omega)
  | _ + 1, _ + 1, _, [], _, _ => rfl
  | n + 1, m + 1, a, (x, w) :: r, Hn, Hm => by
    have Hn' : r.length ≤ n := by
      have h : r.length + 1 ≤ n + 1 := Hn
      omega
    have Hm' : r.length ≤ m := by
      have h : r.length + 1 ≤ m + 1 := Hm
      omega
    show w * Dn n a r - sumZ (r.map (fun q => if a x q.1 then Dn n a (rmv q.1 r) else 0))
       = w * Dn m a r - sumZ (r.map (fun q => if a x q.1 then Dn m a (rmv q.1 r) else 0))
    have e1 : Dn n a r = Dn m a r := Dn_fuel n m a r Hn' Hm'
    have e2 : sumZ (r.map (fun q => if a x q.1 then Dn n a (rmv q.1 r) else 0))
        = sumZ (r.map (fun q => if a x q.1 then Dn m a (rmv q.1 r) else 0)) := by
      apply sumZ_ext
      intro q _
      have hq : (rmv q.1 r).length ≤ r.length := rmv_length q.1 r
      have e3 : Dn n a (rmv q.1 r) = Dn m a (rmv q.1 r) :=
        Dn_fuel n m a (rmv q.1 r) (Nat.le_trans hq Hn') (Nat.le_trans hq Hm')
      show (if a x q.1 then Dn n a (rmv q.1 r) else 0) = (if a x q.1 then Dn m a (rmv q.1 r) else 0)
      rw [e3]
    rw [e1, e2]

theorem Dl_cons (a : Nat → Nat → Bool) (x : Nat) (w : Int) (r : List (Nat × Int)) :
    Dl a ((x, w) :: r) = w * Dl a r - sumZ (r.map (fun q => if a x q.1 then Dl a (rmv q.1 r) else 0)) := by
  show w * Dn r.length a r - sumZ (r.map (fun q => if a x q.1 then Dn r.length a (rmv q.1 r) else 0))
     = w * Dn r.length a r - sumZ (r.map (fun q => if a x q.1 then Dn (rmv q.1 r).length a (rmv q.1 r) else 0))
  have e : sumZ (r.map (fun q => if a x q.1 then Dn r.length a (rmv q.1 r) else 0))
      = sumZ (r.map (fun q => if a x q.1 then Dn (rmv q.1 r).length a (rmv q.1 r) else 0)) := by
    apply sumZ_ext
    intro q _
    have e3 : Dn r.length a (rmv q.1 r) = Dn (rmv q.1 r).length a (rmv q.1 r) :=
      Dn_fuel r.length (rmv q.1 r).length a (rmv q.1 r) (rmv_length q.1 r) (Nat.le_refl _)
    show (if a x q.1 then Dn r.length a (rmv q.1 r) else 0)
      = (if a x q.1 then Dn (rmv q.1 r).length a (rmv q.1 r) else 0)
    rw [e3]
  rw [e]

theorem Dl_ext_adj : ∀ (n : Nat) (a b : Nat → Nat → Bool) (l : List (Nat × Int)), l.length ≤ n →
    (∀ (x y : Nat), x ∈ l.map Prod.fst → y ∈ l.map Prod.fst → a x y = b x y) → Dl a l = Dl b l
  | _, _, _, [], _, _ => rfl
  | 0, _, _, _ :: r, Hn, _ => by
    have h : r.length + 1 ≤ 0 := Hn
    exact absurd h (by omega)
  | n + 1, a, b, (x, w) :: r, Hn, H => by
    have Hn' : r.length ≤ n := by
      have h : r.length + 1 ≤ n + 1 := Hn
      omega
    have Er : Dl a r = Dl b r :=
      Dl_ext_adj n a b r Hn' (fun s t hs ht => H s t (Aux.mem_tail x hs) (Aux.mem_tail x ht))
    have Es : sumZ (r.map (fun q => if a x q.1 then Dl a (rmv q.1 r) else 0))
        = sumZ (r.map (fun q => if b x q.1 then Dl b (rmv q.1 r) else 0)) := by
      apply sumZ_ext
      intro q hq
      have hq' : q.1 ∈ r.map Prod.fst := Aux.mem_map_intro Prod.fst r q hq
      have Exq : a x q.1 = b x q.1 := H x q.1 (Aux.mem_head x (r.map Prod.fst)) (Aux.mem_tail x hq')
      have Erq : Dl a (rmv q.1 r) = Dl b (rmv q.1 r) :=
        Dl_ext_adj n a b (rmv q.1 r) (Nat.le_trans (rmv_length q.1 r) Hn')
          (fun s t hs ht => H s t (Aux.mem_tail x (ids_rmv q.1 r s hs)) (Aux.mem_tail x (ids_rmv q.1 r t ht)))
      show (if a x q.1 then Dl a (rmv q.1 r) else 0) = (if b x q.1 then Dl b (rmv q.1 r) else 0)
      rw [Exq, Erq]
    rw [Dl_cons a x w r, Dl_cons b x w r, Er, Es]

theorem Dl_shift (a : Nat → Nat → Bool) (v : Nat) (w w' : Int) (R : List (Nat × Int)) :
    Dl a ((v, w') :: R) = Dl a ((v, w) :: R) + (w' - w) * Dl a R := by
  rw [Dl_cons a v w' R, Dl_cons a v w R, Aux.sub_mul' w' w (Dl a R)] <;> omega

theorem sum_single (G : Nat → Int) (v : Nat) : ∀ (R : List (Nat × Int)), NoDupL (R.map Prod.fst) →
    v ∈ R.map Prod.fst → sumZ (R.map (fun q => if Nat.beq q.1 v then G q.1 else 0)) = G v
  | [], _, Hv => absurd Hv (fun h => Aux.not_mem_nil h)
  | (x, w) :: R, N, Hv => by
    have N2 := Aux.nodup_cons_inv (show NoDupL (x :: R.map Prod.fst) from N)
    show (if Nat.beq x v then G x else 0) + sumZ (R.map (fun q => if Nat.beq q.1 v then G q.1 else 0)) = G v
    cases Nat.decEq x v with
    | isTrue e =>
      rw [if_pos (Aux.beq_of_eq e)]
      have z : sumZ (R.map (fun q => if Nat.beq q.1 v then G q.1 else 0)) = 0 := by
        apply sumZ_zero
        intro q hq
        have hne : q.1 ≠ v := fun e2 =>
          N2.1 (by rw [e, ← e2]; exact Aux.mem_map_intro Prod.fst R q hq)
        show (if Nat.beq q.1 v then G q.1 else 0) = 0
        rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne hne))]
      have e' : G x = G v := by rw [e]
      omega
    | isFalse ne =>
      rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne ne))]
      have Hv' : v ∈ R.map Prod.fst := by
        cases Aux.mem_cons_inv (show v ∈ x :: R.map Prod.fst from Hv) with
        | inl e => exact absurd e.symm ne
        | inr h => exact h
      have ih := sum_single G v R N2.2 Hv'
      omega

theorem Dl_add_edge (a b : Nat → Nat → Bool) (u : Nat) (wu : Int) (v : Nat) (R : List (Nat × Int))
    (N : NoDupL (R.map Prod.fst)) (Hv : v ∈ R.map Prod.fst) (Auv : a u v = false)
    (Bst : ∀ (s t : Nat), s ∈ R.map Prod.fst → t ∈ R.map Prod.fst → b s t = a s t)
    (Bu : ∀ (t : Nat), t ∈ R.map Prod.fst → b u t = (a u t || Nat.beq t v)) :
    Dl b ((u, wu) :: R) = Dl a ((u, wu) :: R) - Dl a (rmv v R) := by
  rw [Dl_cons b u wu R, Dl_cons a u wu R]
  have ER : Dl b R = Dl a R := Dl_ext_adj R.length b a R (Nat.le_refl _) Bst
  have hadd : sumZ (R.map (fun q : Nat × Int => (if a u q.1 then Dl a (rmv q.1 R) else 0)
          + (if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0)))
      = sumZ (R.map (fun q : Nat × Int => if a u q.1 then Dl a (rmv q.1 R) else 0))
        + sumZ (R.map (fun q : Nat × Int => if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0)) :=
    sumZ_add (fun q : Nat × Int => if a u q.1 then Dl a (rmv q.1 R) else 0)
      (fun q : Nat × Int => if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0) R
  have Sum : sumZ (R.map (fun q => if b u q.1 then Dl b (rmv q.1 R) else 0))
      = sumZ (R.map (fun q : Nat × Int => (if a u q.1 then Dl a (rmv q.1 R) else 0)
          + (if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0))) := by
    apply sumZ_ext
    intro q hq
    have hq' : q.1 ∈ R.map Prod.fst := Aux.mem_map_intro Prod.fst R q hq
    have E : Dl b (rmv q.1 R) = Dl a (rmv q.1 R) :=
      Dl_ext_adj (rmv q.1 R).length b a (rmv q.1 R) (Nat.le_refl _)
        (fun s t hs ht => Bst s t (ids_rmv q.1 R s hs) (ids_rmv q.1 R t ht))
    show (if b u q.1 then Dl b (rmv q.1 R) else 0)
      = (if a u q.1 then Dl a (rmv q.1 R) else 0) + (if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0)
    cases Nat.decEq q.1 v with
    | isTrue e =>
      have hb : b u q.1 = true := by
        rw [Bu q.1 hq', Aux.beq_of_eq e]
        exact Aux.or_true_r (a u q.1)
      have ha : a u q.1 = false := by
        rw [e]
        exact Auv
      rw [if_pos hb, if_neg (Aux.not_true_of_false ha), if_pos (Aux.beq_of_eq e)] <;> omega
    | isFalse ne =>
      have hb : b u q.1 = a u q.1 := by
        rw [Bu q.1 hq', Aux.beq_of_ne ne]
        exact Aux.or_false_r (a u q.1)
      rw [hb, if_neg (Aux.not_true_of_false (Aux.beq_of_ne ne))]
      cases Aux.bool_cases (a u q.1) with
      | inl hc =>
        rw [if_pos hc, if_pos hc] <;> omega
      | inr hc =>
        rw [if_neg (Aux.not_true_of_false hc), if_neg (Aux.not_true_of_false hc)] <;> omega
  have single : sumZ (R.map (fun q : Nat × Int => if Nat.beq q.1 v then Dl a (rmv q.1 R) else 0))
      = Dl a (rmv v R) :=
    sum_single (fun y => Dl a (rmv y R)) v R N Hv
  rw [ER]
  omega

theorem rmv_map (f : Nat → Nat) (y : Nat) : ∀ (r : List (Nat × Int)),
    (∀ (z : Nat), z ∈ r.map Prod.fst → f z = f y → z = y) →
    rmv (f y) (r.map (fun q => (f q.1, q.2))) = (rmv y r).map (fun q => (f q.1, q.2))
  | [], _ => rfl
  | (z, w) :: r, H => by
    have H' : ∀ (z' : Nat), z' ∈ r.map Prod.fst → f z' = f y → z' = y :=
      fun z' hz e => H z' (Aux.mem_tail z hz) e
    show rmv (f y) ((f z, w) :: r.map (fun q => (f q.1, q.2))) = (rmv y ((z, w) :: r)).map (fun q => (f q.1, q.2))
    cases Nat.decEq z y with
    | isTrue e =>
      have fe : f z = f y := by rw [e]
      rw [Aux.rmv_cons_eq (f z) w (f y) _ fe, Aux.rmv_cons_eq z w y r e]
      exact rmv_map f y r H'
    | isFalse ne =>
      have fne : f z ≠ f y := fun e => ne (H z (Aux.mem_head z (r.map Prod.fst)) e)
      rw [rmv_cons_ne (f z) w (f y) _ fne, rmv_cons_ne z w y r ne, rmv_map f y r H'] <;> rfl

theorem Dl_relabel : ∀ (n : Nat) (f : Nat → Nat) (a b : Nat → Nat → Bool) (l : List (Nat × Int)),
    l.length ≤ n →
    (∀ (x y : Nat), x ∈ l.map Prod.fst → y ∈ l.map Prod.fst → f x = f y → x = y) →
    (∀ (x y : Nat), x ∈ l.map Prod.fst → y ∈ l.map Prod.fst → b (f x) (f y) = a x y) →
    Dl b (l.map (fun q => (f q.1, q.2))) = Dl a l
  | _, _, _, _, [], _, _, _ => rfl
  | 0, _, _, _, _ :: r, Hn, _, _ => by
    have h : r.length + 1 ≤ 0 := Hn
    exact absurd h (by omega)
  | n + 1, f, a, b, (x, w) :: r, Hn, Inj, Adj => by
    have Hn' : r.length ≤ n := by
      have h : r.length + 1 ≤ n + 1 := Hn
      omega
    have hx : x ∈ ((x, w) :: r).map Prod.fst := Aux.mem_head x (r.map Prod.fst)
    have Er : Dl b (r.map (fun q => (f q.1, q.2))) = Dl a r :=
      Dl_relabel n f a b r Hn'
        (fun s t hs ht e => Inj s t (Aux.mem_tail x hs) (Aux.mem_tail x ht) e)
        (fun s t hs ht => Adj s t (Aux.mem_tail x hs) (Aux.mem_tail x ht))
    have Sum : sumZ ((r.map (fun q => (f q.1, q.2))).map
          (fun q => if b (f x) q.1 then Dl b (rmv q.1 (r.map (fun q => (f q.1, q.2)))) else 0))
        = sumZ (r.map (fun q => if a x q.1 then Dl a (rmv q.1 r) else 0)) := by
      rw [Aux.map_map]
      apply sumZ_ext
      intro q hq
      have hq1 : q.1 ∈ r.map Prod.fst := Aux.mem_map_intro Prod.fst r q hq
      show (if b (f x) (f q.1) then Dl b (rmv (f q.1) (r.map (fun q => (f q.1, q.2)))) else 0)
        = (if a x q.1 then Dl a (rmv q.1 r) else 0)
      rw [Adj x q.1 hx (Aux.mem_tail x hq1)]
      cases Aux.bool_cases (a x q.1) with
      | inl hc =>
        rw [if_pos hc, if_pos hc]
        rw [rmv_map f q.1 r (fun z hz e => Inj z q.1 (Aux.mem_tail x hz) (Aux.mem_tail x hq1) e)]
        exact Dl_relabel n f a b (rmv q.1 r) (Nat.le_trans (rmv_length q.1 r) Hn')
          (fun s t hs ht e =>
            Inj s t (Aux.mem_tail x (ids_rmv q.1 r s hs)) (Aux.mem_tail x (ids_rmv q.1 r t ht)) e)
          (fun s t hs ht =>
            Adj s t (Aux.mem_tail x (ids_rmv q.1 r s hs)) (Aux.mem_tail x (ids_rmv q.1 r t ht)))
      | inr hc =>
        rw [if_neg (Aux.not_true_of_false hc), if_neg (Aux.not_true_of_false hc)]
    show Dl b ((f x, w) :: r.map (fun q => (f q.1, q.2))) = Dl a ((x, w) :: r)
    rw [Dl_cons b (f x) w (r.map (fun q => (f q.1, q.2))), Dl_cons a x w r, Er, Sum]

theorem Permutation_filter' {α : Type} (f : α → Bool) (l l' : List α) (P : PermL l l') :
    PermL (l.filter f) (l'.filter f) := by
  induction P with
  | nil => exact PermL.nil
  | skip x l1 l2 _ IH =>
    cases Aux.bool_cases (f x) with
    | inl h =>
      rw [Aux.filter_cons_true f x l1 h, Aux.filter_cons_true f x l2 h]
      exact PermL.skip x _ _ IH
    | inr h =>
      rw [Aux.filter_cons_false f x l1 h, Aux.filter_cons_false f x l2 h]
      exact IH
  | swap x y l =>
    cases Aux.bool_cases (f x) with
    | inl hx =>
      cases Aux.bool_cases (f y) with
      | inl hy =>
        rw [Aux.filter_cons_true f y (x :: l) hy, Aux.filter_cons_true f x l hx,
          Aux.filter_cons_true f x (y :: l) hx, Aux.filter_cons_true f y l hy]
        exact PermL.swap x y _
      | inr hy =>
        rw [Aux.filter_cons_false f y (x :: l) hy, Aux.filter_cons_true f x l hx,
          Aux.filter_cons_true f x (y :: l) hx, Aux.filter_cons_false f y l hy]
        exact Aux.perm_refl _
    | inr hx =>
      cases Aux.bool_cases (f y) with
      | inl hy =>
        rw [Aux.filter_cons_true f y (x :: l) hy, Aux.filter_cons_false f x l hx,
          Aux.filter_cons_false f x (y :: l) hx, Aux.filter_cons_true f y l hy]
        exact Aux.perm_refl _
      | inr hy =>
        rw [Aux.filter_cons_false f y (x :: l) hy, Aux.filter_cons_false f x l hx,
          Aux.filter_cons_false f x (y :: l) hx, Aux.filter_cons_false f y l hy]
        exact Aux.perm_refl _
  | trans l1 l2 l3 _ _ IH1 IH2 => exact PermL.trans _ _ _ IH1 IH2

namespace Aux

/-- The single sum in the expansion of `Dl a ((x, _) :: R)` (an abbreviation for the proof of `Dl_swap`). -/
def S1 (a : Nat → Nat → Bool) (R : List (Nat × Int)) (x : Nat) : Int :=
  sumZ (R.map (fun q => if a x q.1 then Dl a (rmv q.1 R) else 0))

/-- The double sum in the expansion of `Dl a ((x, _) :: (y, _) :: R)` (likewise). -/
def Dbl (a : Nat → Nat → Bool) (R : List (Nat × Int)) (x y : Nat) : Int :=
  sumZ (R.map (fun q => if a x q.1 then
    sumZ (R.map (fun t => if Nat.beq t.1 q.1 then 0 else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0)))
    else 0))

theorem ite_sum {α : Type} (c : Bool) (f : α → Int) (l : List α) :
    (if c then sumZ (l.map f) else 0) = sumZ (l.map (fun t => if c then f t else 0)) := by
  cases c with
  | true =>
    show sumZ (l.map f) = sumZ (l.map (fun t => if true then f t else 0))
    exact sumZ_ext f (fun t => if true then f t else 0) l (fun _ _ => rfl)
  | false =>
    show (0 : Int) = sumZ (l.map (fun t => if false then f t else 0))
    exact (sumZ_zero (fun t => if false then f t else 0) l (fun _ _ => rfl)).symm

theorem ite3 (b1 b2 b3 : Bool) (D : Int) :
    (if b1 then (if b3 then 0 else (if b2 then D else 0)) else 0)
      = (if b2 then (if b3 then 0 else (if b1 then D else 0)) else 0) := by
  cases b1 <;> cases b2 <;> cases b3 <;> rfl

theorem dbl_in (a : Nat → Nat → Bool) (R : List (Nat × Int)) (x y : Nat) :
    Dbl a R x y = sumZ (R.map (fun q => sumZ (R.map (fun t =>
      if a x q.1 then (if Nat.beq t.1 q.1 then 0 else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0))
      else 0)))) := by
  unfold Dbl
  apply sumZ_ext
  intro q _
  exact ite_sum (a x q.1)
    (fun t : Nat × Int => if Nat.beq t.1 q.1 then 0 else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0)) R

theorem dbl_symm (a : Nat → Nat → Bool) (R : List (Nat × Int)) (x y : Nat) : Dbl a R x y = Dbl a R y x := by
  rw [dbl_in a R x y, dbl_in a R y x]
  refine (sumZ_swap (fun (q t : Nat × Int) =>
      if a x q.1 then (if Nat.beq t.1 q.1 then 0 else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0))
      else 0) R R).trans ?_
  apply sumZ_ext
  intro q _
  apply sumZ_ext
  intro t _
  show (if a x t.1 then (if Nat.beq q.1 t.1 then 0 else (if a y q.1 then Dl a (rmv q.1 (rmv t.1 R)) else 0)) else 0)
     = (if a y q.1 then (if Nat.beq t.1 q.1 then 0 else (if a x t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0)) else 0)
  rw [beq_comm q.1 t.1, rmv_comm q.1 t.1 R]
  exact ite3 (a x t.1) (a y q.1) (Nat.beq t.1 q.1) (Dl a (rmv t.1 (rmv q.1 R)))

theorem dl_swap_gen (a : Nat → Nat → Bool) (R : List (Nat × Int)) (x : Nat) (wx : Int) (y : Nat) (wy : Int)
    (_Hxy : x ≠ y) (_Hx : ¬ (x ∈ R.map Prod.fst)) (Hy : ¬ (y ∈ R.map Prod.fst)) :
    Dl a ((x, wx) :: (y, wy) :: R)
      = wx * (wy * Dl a R - S1 a R y) - ((if a x y then Dl a R else 0) + (wy * S1 a R x - Dbl a R x y)) := by
  rw [Dl_cons a x wx ((y, wy) :: R), Dl_cons a y wy R]
  show wx * (wy * Dl a R - S1 a R y)
      - ((if a x y then Dl a (rmv y ((y, wy) :: R)) else 0)
         + sumZ (R.map (fun q => if a x q.1 then Dl a (rmv q.1 ((y, wy) :: R)) else 0)))
    = wx * (wy * Dl a R - S1 a R y) - ((if a x y then Dl a R else 0) + (wy * S1 a R x - Dbl a R x y))
  rw [rmv_head y wy R Hy]
  have pt : sumZ (R.map (fun q => if a x q.1 then Dl a (rmv q.1 ((y, wy) :: R)) else 0))
      = sumZ (R.map (fun q : Nat × Int => wy * (if a x q.1 then Dl a (rmv q.1 R) else 0)
          - (if a x q.1 then sumZ (R.map (fun t => if Nat.beq t.1 q.1 then 0
              else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0))) else 0))) := by
    apply sumZ_ext
    intro q hq
    show (if a x q.1 then Dl a (rmv q.1 ((y, wy) :: R)) else 0)
      = wy * (if a x q.1 then Dl a (rmv q.1 R) else 0)
        - (if a x q.1 then sumZ (R.map (fun t => if Nat.beq t.1 q.1 then 0
              else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0))) else 0)
    cases bool_cases (a x q.1) with
    | inl hc =>
      rw [if_pos hc, if_pos hc, if_pos hc]
      have hyq : y ≠ q.1 := fun e => Hy (by rw [e]; exact mem_map_intro Prod.fst R q hq)
      rw [rmv_cons_ne y wy q.1 R hyq, Dl_cons a y wy (rmv q.1 R),
        sumZ_rmv (fun t => if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0) q.1 R]
    | inr hc =>
      rw [if_neg (not_true_of_false hc), if_neg (not_true_of_false hc), if_neg (not_true_of_false hc)]
        <;> omega
  have E2 : sumZ (R.map (fun q => if a x q.1 then Dl a (rmv q.1 ((y, wy) :: R)) else 0))
      = wy * S1 a R x - Dbl a R x y := by
    rw [pt, sumZ_sub (fun q : Nat × Int => wy * (if a x q.1 then Dl a (rmv q.1 R) else 0))
      (fun q : Nat × Int => if a x q.1 then sumZ (R.map (fun t => if Nat.beq t.1 q.1 then 0
          else (if a y t.1 then Dl a (rmv t.1 (rmv q.1 R)) else 0))) else 0) R,
      sumZ_scale wy (fun q : Nat × Int => if a x q.1 then Dl a (rmv q.1 R) else 0) R] <;> rfl
  rw [E2]

end Aux

theorem Dl_swap (a : Nat → Nat → Bool) (x : Nat) (wx : Int) (y : Nat) (wy : Int) (R : List (Nat × Int))
    (Sym : ∀ (s t : Nat), a s t = a t s) (N : NoDupL (((x, wx) :: (y, wy) :: R).map Prod.fst)) :
    Dl a ((x, wx) :: (y, wy) :: R) = Dl a ((y, wy) :: (x, wx) :: R) := by
  have N1 := Aux.nodup_cons_inv (show NoDupL (x :: y :: R.map Prod.fst) from N)
  have N2 := Aux.nodup_cons_inv N1.2
  have Hxy : x ≠ y := fun e => N1.1 (by rw [e]; exact Aux.mem_head y (R.map Prod.fst))
  have HxR : ¬ (x ∈ R.map Prod.fst) := fun h => N1.1 (Aux.mem_tail y h)
  have G1 := Aux.dl_swap_gen a R x wx y wy Hxy HxR N2.1
  have G2 := Aux.dl_swap_gen a R y wy x wx (fun e => Hxy e.symm) N2.1 HxR
  have D : Aux.Dbl a R x y = Aux.Dbl a R y x := Aux.dbl_symm a R x y
  rw [Sym x y, D] at G1
  have m1 := Aux.mul_sub' wx (wy * Dl a R) (Aux.S1 a R y)
  have m2 := Aux.mul_sub' wy (wx * Dl a R) (Aux.S1 a R x)
  have m3 := Aux.mul_left_comm' wx wy (Dl a R)
  omega

theorem Dl_perm (a : Nat → Nat → Bool) (Sym : ∀ (s t : Nat), a s t = a t s) :
    ∀ (l l' : List (Nat × Int)), NoDupL (l.map Prod.fst) → PermL l l' → Dl a l = Dl a l' := by
  have H : ∀ (n : Nat) (l l' : List (Nat × Int)), l.length ≤ n → NoDupL (l.map Prod.fst) →
      PermL l l' → Dl a l = Dl a l' := by
    intro n
    induction n with
    | zero =>
      intro l l' Hn _ P
      cases l with
      | nil => rw [Aux.perm_nil_gen [] l' P rfl]
      | cons q r =>
        have h : r.length + 1 ≤ 0 := Hn
        exact absurd h (by omega)
    | succ n IHn =>
      intro l l' Hn N P
      revert Hn N
      induction P with
      | nil => exact fun _ _ => rfl
      | skip q l1 l2 P1 _ =>
        intro Hn N
        cases q with
        | mk x w =>
          have N1 := Aux.nodup_cons_inv (show NoDupL (x :: l1.map Prod.fst) from N)
          have Hn1 : l1.length ≤ n := by
            have h : l1.length + 1 ≤ n + 1 := Hn
            omega
          have Eq1 : Dl a l1 = Dl a l2 := IHn l1 l2 Hn1 N1.2 P1
          have S : sumZ (l1.map (fun q => if a x q.1 then Dl a (rmv q.1 l1) else 0))
              = sumZ (l2.map (fun q => if a x q.1 then Dl a (rmv q.1 l2) else 0)) := by
            have sp := sumZ_perm _ _
              (Aux.perm_map (fun q : Nat × Int => if a x q.1 then Dl a (rmv q.1 l1) else 0) l1 l2 P1)
            rw [sp]
            apply sumZ_ext
            intro q _
            show (if a x q.1 then Dl a (rmv q.1 l1) else 0) = (if a x q.1 then Dl a (rmv q.1 l2) else 0)
            cases Aux.bool_cases (a x q.1) with
            | inl hc =>
              rw [if_pos hc, if_pos hc]
              exact IHn (rmv q.1 l1) (rmv q.1 l2) (Nat.le_trans (rmv_length q.1 l1) Hn1)
                (NoDup_rmv q.1 l1 N1.2) (Permutation_filter' (fun p : Nat × Int => !(Nat.beq p.1 q.1)) l1 l2 P1)
            | inr hc =>
              rw [if_neg (Aux.not_true_of_false hc), if_neg (Aux.not_true_of_false hc)]
          rw [Dl_cons a x w l1, Dl_cons a x w l2, Eq1, S]
      | swap q1 q2 l =>
        intro _ N
        cases q1 with
        | mk x wx =>
          cases q2 with
          | mk y wy => exact Dl_swap a y wy x wx l Sym N
      | trans l1 l2 l3 P1 _ IH1 IH2 =>
        intro Hn N
        have e1 := IH1 Hn N
        have hl := Aux.perm_length l1 l2 P1
        have Hn2 : l2.length ≤ n + 1 := by omega
        have N2 : NoDupL (l2.map Prod.fst) := Aux.perm_nodup _ _ (Aux.perm_map Prod.fst _ _ P1) N
        rw [e1]
        exact IH2 Hn2 N2
  intro l l' N P
  exact H l.length l l' (Nat.le_refl _) N P

theorem perm_of_mem (l l' : List (Nat × Int)) (N : NoDupL (l.map Prod.fst)) (N' : NoDupL (l'.map Prod.fst))
    (H : ∀ (x : Nat) (w : Int), (x, w) ∈ l ↔ (x, w) ∈ l') : PermL l l' :=
  Aux.perm_of_same l l' (Aux.nodup_of_map Prod.fst l N) (Aux.nodup_of_map Prod.fst l' N')
    (fun q => by
      cases q with
      | mk x w => exact H x w)

theorem detQ_perm (g : PGraph) (L : List (Nat × Int)) (W : WGraph g) (P : PermL g.pverts L) :
    detQ g = Dl (edgeb g) L :=
  Dl_perm (edgeb g) (edgeb_sym g) g.pverts L W.wg_nodup P

/-! ### From the moves' pictures to the expansion -/

namespace Aux

theorem bool_eq_of_iff {b1 b2 : Bool} (H : b1 = true ↔ b2 = true) : b1 = b2 := by
  cases b1 with
  | true => exact (H.1 rfl).symm
  | false =>
    cases b2 with
    | true => exact absurd (H.2 rfl) (fun h => by cases h)
    | false => rfl

theorem natAbs_neg' (x : Int) : (-x).natAbs = x.natAbs := by
  first
    | exact Int.natAbs_neg x
    | (cases x with
        | ofNat n => cases n <;> rfl
        | negSucc n => rfl)

theorem natAbs_unit_mul (e x : Int) (Ue : Unit e) : (e * x).natAbs = x.natAbs := by
  cases Ue with
  | inl he =>
    subst he
    have h : 1 * x = x := by omega
    rw [h]
  | inr he =>
    subst he
    have h : -1 * x = -x := by omega
    rw [h]
    exact natAbs_neg' x

theorem ite_add3 (b1 b2 b3 : Bool) (D : Int)
    (A : (if b1 then (1 : Int) else 0) = (if b2 then (1 : Int) else 0) + (if b3 then (1 : Int) else 0)) :
    (if b1 then D else 0) = (if b2 then D else 0) + (if b3 then D else 0) := by
  cases b1 <;> cases b2 <;> cases b3
  all_goals first
    | (have _A' : (0 : Int) = 0 + 0 := A
       show (0 : Int) = 0 + 0
       omega)
    | (have A' : (0 : Int) = 0 + 1 := A
       exact absurd A' (by omega))
    | (have A' : (0 : Int) = 1 + 0 := A
       exact absurd A' (by omega))
    | (have A' : (0 : Int) = 1 + 1 := A
       exact absurd A' (by omega))
    | (have A' : (1 : Int) = 0 + 0 := A
       exact absurd A' (by omega))
    | (have _A' : (1 : Int) = 0 + 1 := A
       show D = 0 + D
       omega)
    | (have _A' : (1 : Int) = 1 + 0 := A
       show D = D + 0
       omega)
    | (have A' : (1 : Int) = 1 + 1 := A
       exact absurd A' (by omega))

/-- The expansion behind `det_R1Edge`, on the reordered vertex lists. -/
theorem det_edge_core (ag ah : Nat → Nat → Bool) (Sym : ∀ (s t : Nat), ag s t = ag t s)
    (p u v : Nat) (e wu wv : Int) (K : List (Nat × Int))
    (Ue : Unit e) (NK : NoDupL (K.map Prod.fst))
    (uK : ¬ (u ∈ K.map Prod.fst)) (vK : ¬ (v ∈ K.map Prod.fst)) (Huv : u ≠ v)
    (Epu : ag p u = true) (Epv : ag p v = true)
    (EpK : ∀ (q : Nat × Int), q ∈ K → ag p q.1 = false)
    (Auv : ag u v = false)
    (AdjVK : ∀ (s t : Nat), s ∈ ((v, wv - e) :: K).map Prod.fst → t ∈ ((v, wv - e) :: K).map Prod.fst →
      ah s t = ag s t)
    (AdjU : ∀ (t : Nat), t ∈ ((v, wv - e) :: K).map Prod.fst → ah u t = (ag u t || Nat.beq t v)) :
    Dl ah ((u, wu - e) :: (v, wv - e) :: K) = e * Dl ag ((p, e) :: (u, wu) :: (v, wv) :: K) := by
  have NVK : NoDupL (((v, wv - e) :: K).map Prod.fst) := NoDupL.cons vK NK
  have uVK : ¬ (u ∈ ((v, wv) :: K).map Prod.fst) := fun hu => by
    cases mem_cons_inv (show u ∈ v :: K.map Prod.fst from hu) with
    | inl e1 => exact Huv e1
    | inr h2 => exact uK h2
  have uVK' : ¬ (u ∈ ((v, wv - e) :: K).map Prod.fst) := fun hu => by
    cases mem_cons_inv (show u ∈ v :: K.map Prod.fst from hu) with
    | inl e1 => exact Huv e1
    | inr h2 => exact uK h2
  have AE := Dl_add_edge ag ah u (wu - e) v ((v, wv - e) :: K) NVK (mem_head v (K.map Prod.fst)) Auv
    AdjVK AdjU
  rw [rmv_head v (wv - e) K vK] at AE
  have sh1 := Dl_shift ag u wu (wu - e) ((v, wv - e) :: K)
  have sw1 := Dl_swap ag u wu v (wv - e) K Sym (NoDupL.cons uVK' NVK)
  have sh2 := Dl_shift ag v wv (wv - e) ((u, wu) :: K)
  have sw2 := Dl_swap ag u wu v wv K Sym (NoDupL.cons uVK (NoDupL.cons vK NK))
  have sh3 := Dl_shift ag v wv (wv - e) K
  have cg := Dl_cons ag p e ((u, wu) :: (v, wv) :: K)
  have ru : rmv u ((u, wu) :: (v, wv) :: K) = (v, wv) :: K := rmv_head u wu ((v, wv) :: K) uVK
  have rv : rmv v ((u, wu) :: (v, wv) :: K) = (u, wu) :: K := by
    rw [rmv_cons_ne u wu v ((v, wv) :: K) Huv, rmv_head v wv K vK]
  have z : sumZ (K.map (fun q => if ag p q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0)) = 0 := by
    apply sumZ_zero
    intro q hq
    show (if ag p q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0) = 0
    rw [if_neg (not_true_of_false (EpK q hq))]
  have sm : sumZ (((u, wu) :: (v, wv) :: K).map
        (fun q => if ag p q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0))
      = Dl ag ((v, wv) :: K) + Dl ag ((u, wu) :: K) := by
    show (if ag p u then Dl ag (rmv u ((u, wu) :: (v, wv) :: K)) else 0)
        + ((if ag p v then Dl ag (rmv v ((u, wu) :: (v, wv) :: K)) else 0)
        + sumZ (K.map (fun q => if ag p q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0)))
      = Dl ag ((v, wv) :: K) + Dl ag ((u, wu) :: K)
    rw [if_pos Epu, if_pos Epv, ru, rv] <;> omega
  have d1 : wu - e - wu = -e := by omega
  have d2 : wv - e - wv = -e := by omega
  rw [d1] at sh1
  rw [d2] at sh2 sh3
  cases Ue with
  | inl he =>
    subst he
    omega
  | inr he =>
    subst he
    omega

/-- The expansion behind `det_R3`, on the reordered vertex lists. -/
theorem det_r3_core (ag ah : Nat → Nat → Bool) (z u v : Nat) (wu wv : Int) (K : List (Nat × Int))
    (NK : NoDupL (K.map Prod.fst)) (uK : ¬ (u ∈ K.map Prod.fst)) (vK : ¬ (v ∈ K.map Prod.fst)) (Huv : u ≠ v)
    (Ezu : ag z u = true) (Ezv : ag z v = true) (EzK : ∀ (q : Nat × Int), q ∈ K → ag z q.1 = false)
    (AdjK : ∀ (s t : Nat), s ∈ K.map Prod.fst → t ∈ K.map Prod.fst → ah s t = ag s t)
    (AdjU : ∀ (t : Nat), t ∈ K.map Prod.fst →
      (if ah u t then (1 : Int) else 0) = (if ag u t then (1 : Int) else 0) + (if ag v t then (1 : Int) else 0)) :
    Dl ah ((u, wu + wv) :: K) = - Dl ag ((z, 0) :: (u, wu) :: (v, wv) :: K) := by
  have uVK : ¬ (u ∈ ((v, wv) :: K).map Prod.fst) := fun hu => by
    cases mem_cons_inv (show u ∈ v :: K.map Prod.fst from hu) with
    | inl e1 => exact Huv e1
    | inr h2 => exact uK h2
  have cg := Dl_cons ag z 0 ((u, wu) :: (v, wv) :: K)
  have ru : rmv u ((u, wu) :: (v, wv) :: K) = (v, wv) :: K := rmv_head u wu ((v, wv) :: K) uVK
  have rv : rmv v ((u, wu) :: (v, wv) :: K) = (u, wu) :: K := by
    rw [rmv_cons_ne u wu v ((v, wv) :: K) Huv, rmv_head v wv K vK]
  have z0 : sumZ (K.map (fun q => if ag z q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0)) = 0 := by
    apply sumZ_zero
    intro q hq
    show (if ag z q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0) = 0
    rw [if_neg (not_true_of_false (EzK q hq))]
  have sm : sumZ (((u, wu) :: (v, wv) :: K).map
        (fun q => if ag z q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0))
      = Dl ag ((v, wv) :: K) + Dl ag ((u, wu) :: K) := by
    show (if ag z u then Dl ag (rmv u ((u, wu) :: (v, wv) :: K)) else 0)
        + ((if ag z v then Dl ag (rmv v ((u, wu) :: (v, wv) :: K)) else 0)
        + sumZ (K.map (fun q => if ag z q.1 then Dl ag (rmv q.1 ((u, wu) :: (v, wv) :: K)) else 0)))
      = Dl ag ((v, wv) :: K) + Dl ag ((u, wu) :: K)
    rw [if_pos Ezu, if_pos Ezv, ru, rv] <;> omega
  have cu := Dl_cons ag u wu K
  have cv := Dl_cons ag v wv K
  have ch := Dl_cons ah u (wu + wv) K
  have EK : Dl ah K = Dl ag K := Dl_ext_adj K.length ah ag K (Nat.le_refl _) AdjK
  have hadd : sumZ (K.map (fun q : Nat × Int => (if ag u q.1 then Dl ag (rmv q.1 K) else 0)
          + (if ag v q.1 then Dl ag (rmv q.1 K) else 0)))
      = sumZ (K.map (fun q : Nat × Int => if ag u q.1 then Dl ag (rmv q.1 K) else 0))
        + sumZ (K.map (fun q : Nat × Int => if ag v q.1 then Dl ag (rmv q.1 K) else 0)) :=
    sumZ_add (fun q : Nat × Int => if ag u q.1 then Dl ag (rmv q.1 K) else 0)
      (fun q : Nat × Int => if ag v q.1 then Dl ag (rmv q.1 K) else 0) K
  have Sum : sumZ (K.map (fun q => if ah u q.1 then Dl ah (rmv q.1 K) else 0))
      = sumZ (K.map (fun q : Nat × Int => (if ag u q.1 then Dl ag (rmv q.1 K) else 0)
          + (if ag v q.1 then Dl ag (rmv q.1 K) else 0))) := by
    apply sumZ_ext
    intro q hq
    have hq' : q.1 ∈ K.map Prod.fst := mem_map_intro Prod.fst K q hq
    have E : Dl ah (rmv q.1 K) = Dl ag (rmv q.1 K) :=
      Dl_ext_adj (rmv q.1 K).length ah ag (rmv q.1 K) (Nat.le_refl _)
        (fun s t hs ht => AdjK s t (ids_rmv q.1 K s hs) (ids_rmv q.1 K t ht))
    show (if ah u q.1 then Dl ah (rmv q.1 K) else 0)
      = (if ag u q.1 then Dl ag (rmv q.1 K) else 0) + (if ag v q.1 then Dl ag (rmv q.1 K) else 0)
    rw [E]
    exact ite_add3 (ah u q.1) (ag u q.1) (ag v q.1) (Dl ag (rmv q.1 K)) (AdjU q.1 hq')
  rw [EK] at ch
  have m : (wu + wv) * Dl ag K = wu * Dl ag K + wv * Dl ag K := by
    first
      | exact Int.add_mul wu wv (Dl ag K)
      | exact Int.right_distrib wu wv (Dl ag K)
  omega

end Aux

theorem det_R1Point (g h : PGraph) (p : Nat) (Wg : WGraph g) (Wh : WGraph h) (H : R1Point g h p) :
    ∃ (e : Int), Unit e ∧ detQ g = e * detQ h := by
  have ⟨e, Ue, Wp, Np, HW, HE⟩ := H
  refine ⟨e, Ue, ?_⟩
  have pH : ¬ (p ∈ h.pverts.map Prod.fst) := fun hp => by
    have ⟨w, hw⟩ := (Vx_Wt h p).1 hp
    exact ((HW p w).1 hw).2 rfl
  have P : PermL g.pverts ((p, e) :: h.pverts) := by
    apply perm_of_mem
    · exact Wg.wg_nodup
    · exact NoDupL.cons pH Wh.wg_nodup
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x p with
        | isTrue exp =>
          rw [exp] at hin
          have ew : e = w := Wt_fun g p e w Wg.wg_nodup Wp hin
          rw [exp, ew]
          exact Aux.mem_head (p, w) h.pverts
        | isFalse nxp => exact Aux.mem_tail (p, e) ((HW x w).2 ⟨hin, nxp⟩)
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = p := congrArg Prod.fst eq
          have e2 : w = e := congrArg Prod.snd eq
          rw [e1, e2]
          exact Wp
        | inr hin2 => exact ((HW x w).1 hin2).1
  have Z : sumZ (h.pverts.map (fun q => if edgeb g p q.1 then Dl (edgeb g) (rmv q.1 h.pverts) else 0)) = 0 := by
    apply sumZ_zero
    intro q _
    show (if edgeb g p q.1 then Dl (edgeb g) (rmv q.1 h.pverts) else 0) = 0
    have hf : edgeb g p q.1 = false :=
      Aux.bool_false_of_not (fun ht => Np q.1 ((edgeb_Edge g p q.1).1 ht))
    rw [if_neg (Aux.not_true_of_false hf)]
  have E : Dl (edgeb g) h.pverts = Dl (edgeb h) h.pverts :=
    Dl_ext_adj h.pverts.length (edgeb g) (edgeb h) h.pverts (Nat.le_refl _)
      (fun x y _ _ => edgeb_iff g h x y (Iff.symm (HE x y)))
  have C := Dl_cons (edgeb g) p e h.pverts
  rw [detQ_perm g _ Wg P]
  show Dl (edgeb g) ((p, e) :: h.pverts) = e * Dl (edgeb h) h.pverts
  rw [C, Z, E] <;> omega

theorem det_R1Leaf (g h : PGraph) (p v : Nat) (Wg : WGraph g) (Wh : WGraph h) (H : R1Leaf g h p v) :
    ∃ (e : Int), Unit e ∧ detQ g = e * detQ h := by
  have ⟨e, Ue, Wp, Ep, HW, HE⟩ := H
  refine ⟨e, Ue, ?_⟩
  have Hpv : Edge g p v := (Ep v).2 rfl
  have EE := Edge_ends g p v Wg Hpv
  have Wv : Wt g v (weight_of g v) := weight_of_Wt g v Wg.wg_nodup EE.2.1
  have NK : NoDupL ((rmv v h.pverts).map Prod.fst) := NoDup_rmv v h.pverts Wh.wg_nodup
  have vK : ¬ (v ∈ (rmv v h.pverts).map Prod.fst) := fun hv => (ids_K v v h.pverts hv).2 rfl
  have pH : ¬ (p ∈ h.pverts.map Prod.fst) := fun hp => by
    have ⟨w, hw⟩ := (Vx_Wt h p).1 hp
    exact ((HW p w).1 hw).1 rfl
  have pK : ¬ (p ∈ (rmv v h.pverts).map Prod.fst) := fun hp => pH (ids_K p v h.pverts hp).1
  have Ph : PermL h.pverts ((v, weight_of g v - e) :: rmv v h.pverts) := by
    apply perm_of_mem
    · exact Wh.wg_nodup
    · exact NoDupL.cons vK NK
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x v with
        | isTrue exv =>
          have H2 := ((HW x w).1 hin).2.2 exv
          have ew : weight_of g v = w + e := Wt_weight_of g v (w + e) Wg.wg_nodup H2
          have ew2 : w = weight_of g v - e := by omega
          rw [exv, ew2]
          exact Aux.mem_head _ _
        | isFalse nxv => exact Aux.mem_tail _ ((In_K x w v h.pverts).2 ⟨hin, nxv⟩)
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = v := congrArg Prod.fst eq
          have e2 : w = weight_of g v - e := congrArg Prod.snd eq
          apply (HW x w).2
          refine ⟨fun exp => EE.2.2 (by rw [← exp, e1]), fun nxv => absurd e1 nxv, fun _ => ?_⟩
          have ew : w + e = weight_of g v := by omega
          rw [ew]
          exact Wv
        | inr hin2 => exact ((In_K x w v h.pverts).1 hin2).1
  have Pg : PermL g.pverts ((p, e) :: (v, weight_of g v) :: rmv v h.pverts) := by
    apply perm_of_mem
    · exact Wg.wg_nodup
    · refine NoDupL.cons ?_ (NoDupL.cons vK NK)
      intro hp
      cases Aux.mem_cons_inv hp with
      | inl epv => exact EE.2.2 epv
      | inr hp2 => exact pK hp2
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x p with
        | isTrue exp =>
          rw [exp] at hin
          have ew : e = w := Wt_fun g p e w Wg.wg_nodup Wp hin
          rw [exp, ew]
          exact Aux.mem_head _ _
        | isFalse nxp =>
          cases Nat.decEq x v with
          | isTrue exv =>
            rw [exv] at hin
            have ew : weight_of g v = w := Wt_weight_of g v w Wg.wg_nodup hin
            rw [exv, ← ew]
            exact Aux.mem_tail _ (Aux.mem_head _ _)
          | isFalse nxv =>
            refine Aux.mem_tail _ (Aux.mem_tail _ ((In_K x w v h.pverts).2 ⟨?_, nxv⟩))
            exact (HW x w).2 ⟨nxp, fun _ => hin, fun e' => absurd e' nxv⟩
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = p := congrArg Prod.fst eq
          have e2 : w = e := congrArg Prod.snd eq
          rw [e1, e2]
          exact Wp
        | inr hin2 =>
          cases Aux.mem_cons_inv hin2 with
          | inl eq =>
            have e1 : x = v := congrArg Prod.fst eq
            have e2 : w = weight_of g v := congrArg Prod.snd eq
            rw [e1, e2]
            exact Wv
          | inr hin3 =>
            have r := (In_K x w v h.pverts).1 hin3
            exact ((HW x w).1 r.1).2.1 r.2
  have notp : ∀ (z : Nat), z ∈ ((v, weight_of g v) :: rmv v h.pverts).map Prod.fst → z ≠ p := by
    intro z hz ezp
    cases Aux.mem_cons_inv (show z ∈ v :: (rmv v h.pverts).map Prod.fst from hz) with
    | inl ezv => exact EE.2.2 (by rw [← ezp, ezv])
    | inr hz2 => exact pK (by rw [← ezp]; exact hz2)
  have Adj : ∀ (x y : Nat), x ∈ ((v, weight_of g v) :: rmv v h.pverts).map Prod.fst →
      y ∈ ((v, weight_of g v) :: rmv v h.pverts).map Prod.fst → edgeb g x y = edgeb h x y := by
    intro x y hx hy
    have nx := notp x hx
    have ny := notp y hy
    apply edgeb_iff
    constructor
    · intro hxy
      exact (HE x y).2 ⟨hxy, nx, ny⟩
    · intro hxy
      exact ((HE x y).1 hxy).1
  have S1 := Dl_shift (edgeb h) v (weight_of g v) (weight_of g v - e) (rmv v h.pverts)
  have dd : weight_of g v - e - weight_of g v = -e := by omega
  rw [dd] at S1
  have E1 : Dl (edgeb g) ((v, weight_of g v) :: rmv v h.pverts)
      = Dl (edgeb h) ((v, weight_of g v) :: rmv v h.pverts) :=
    Dl_ext_adj _ (edgeb g) (edgeb h) _ (Nat.le_refl _) Adj
  have E2 : Dl (edgeb g) (rmv v h.pverts) = Dl (edgeb h) (rmv v h.pverts) :=
    Dl_ext_adj _ (edgeb g) (edgeb h) _ (Nat.le_refl _)
      (fun x y hx hy => Adj x y (Aux.mem_tail v hx) (Aux.mem_tail v hy))
  have C := Dl_cons (edgeb g) p e ((v, weight_of g v) :: rmv v h.pverts)
  have Epv : edgeb g p v = true := (edgeb_Edge g p v).2 Hpv
  have z : sumZ ((rmv v h.pverts).map (fun q => if edgeb g p q.1 then
      Dl (edgeb g) (rmv q.1 ((v, weight_of g v) :: rmv v h.pverts)) else 0)) = 0 := by
    apply sumZ_zero
    intro q hq
    show (if edgeb g p q.1 then Dl (edgeb g) (rmv q.1 ((v, weight_of g v) :: rmv v h.pverts)) else 0) = 0
    have hf : edgeb g p q.1 = false := by
      apply Aux.bool_false_of_not
      intro ht
      have eqv : q.1 = v := (Ep q.1).1 ((edgeb_Edge g p q.1).1 ht)
      exact vK (by rw [← eqv]; exact Aux.mem_map_intro Prod.fst _ q hq)
    rw [if_neg (Aux.not_true_of_false hf)]
  have Zs : sumZ (((v, weight_of g v) :: rmv v h.pverts).map (fun q => if edgeb g p q.1 then
      Dl (edgeb g) (rmv q.1 ((v, weight_of g v) :: rmv v h.pverts)) else 0)) = Dl (edgeb g) (rmv v h.pverts) := by
    show (if edgeb g p v then Dl (edgeb g) (rmv v ((v, weight_of g v) :: rmv v h.pverts)) else 0)
        + sumZ ((rmv v h.pverts).map (fun q => if edgeb g p q.1 then
            Dl (edgeb g) (rmv q.1 ((v, weight_of g v) :: rmv v h.pverts)) else 0))
      = Dl (edgeb g) (rmv v h.pverts)
    rw [if_pos Epv, rmv_head v (weight_of g v) (rmv v h.pverts) vK] <;> omega
  rw [detQ_perm g _ Wg Pg, detQ_perm h _ Wh Ph]
  cases Ue with
  | inl he =>
    subst he
    omega
  | inr he =>
    subst he
    omega

theorem det_R1Edge (g h : PGraph) (p u v : Nat) (Wg : WGraph g) (Wh : WGraph h) (H : R1Edge g h p u v) :
    ∃ (e : Int), Unit e ∧ detQ h = e * detQ g := by
  have ⟨e, Ue, Wp, Huv, Ep, NEuv, HW, HE⟩ := H
  refine ⟨e, Ue, ?_⟩
  have Hpu : Edge g p u := (Ep u).2 (Or.inl rfl)
  have Hpv : Edge g p v := (Ep v).2 (Or.inr rfl)
  have EU := Edge_ends g p u Wg Hpu
  have EV := Edge_ends g p v Wg Hpv
  have Wu : Wt g u (weight_of g u) := weight_of_Wt g u Wg.wg_nodup EU.2.1
  have Wv : Wt g v (weight_of g v) := weight_of_Wt g v Wg.wg_nodup EV.2.1
  have NK : NoDupL ((rmv u (rmv v h.pverts)).map Prod.fst) :=
    NoDup_rmv u _ (NoDup_rmv v _ Wh.wg_nodup)
  have IK : ∀ (x : Nat), x ∈ (rmv u (rmv v h.pverts)).map Prod.fst →
      x ∈ h.pverts.map Prod.fst ∧ x ≠ v ∧ x ≠ u := by
    intro x hx
    have r1 := ids_K x u (rmv v h.pverts) hx
    have r2 := ids_K x v h.pverts r1.1
    exact ⟨r2.1, r2.2, r1.2⟩
  have vK : ¬ (v ∈ (rmv u (rmv v h.pverts)).map Prod.fst) := fun hv => (IK v hv).2.1 rfl
  have uK : ¬ (u ∈ (rmv u (rmv v h.pverts)).map Prod.fst) := fun hu => (IK u hu).2.2 rfl
  have pH : ¬ (p ∈ h.pverts.map Prod.fst) := fun hp => by
    have ⟨w, hw⟩ := (Vx_Wt h p).1 hp
    exact ((HW p w).1 hw).1 rfl
  have pK : ¬ (p ∈ (rmv u (rmv v h.pverts)).map Prod.fst) := fun hp => pH (IK p hp).1
  have InK : ∀ (x : Nat) (w : Int),
      (x, w) ∈ rmv u (rmv v h.pverts) ↔ (x, w) ∈ h.pverts ∧ x ≠ v ∧ x ≠ u := by
    intro x w
    constructor
    · intro hin
      have r1 := (In_K x w u (rmv v h.pverts)).1 hin
      have r2 := (In_K x w v h.pverts).1 r1.1
      exact ⟨r2.1, r2.2, r1.2⟩
    · intro hin
      exact (In_K x w u (rmv v h.pverts)).2 ⟨(In_K x w v h.pverts).2 ⟨hin.1, hin.2.1⟩, hin.2.2⟩
  have Ph : PermL h.pverts
      ((u, weight_of g u - e) :: (v, weight_of g v - e) :: rmv u (rmv v h.pverts)) := by
    apply perm_of_mem
    · exact Wh.wg_nodup
    · refine NoDupL.cons ?_ (NoDupL.cons vK NK)
      intro hu
      cases Aux.mem_cons_inv hu with
      | inl euv => exact Huv euv
      | inr hu2 => exact uK hu2
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x u with
        | isTrue exu =>
          have H2 := ((HW x w).1 hin).2.2 (Or.inl exu)
          rw [exu] at H2
          have ew : weight_of g u = w + e := Wt_weight_of g u (w + e) Wg.wg_nodup H2
          have ew2 : w = weight_of g u - e := by omega
          rw [exu, ew2]
          exact Aux.mem_head _ _
        | isFalse nxu =>
          cases Nat.decEq x v with
          | isTrue exv =>
            have H2 := ((HW x w).1 hin).2.2 (Or.inr exv)
            rw [exv] at H2
            have ew : weight_of g v = w + e := Wt_weight_of g v (w + e) Wg.wg_nodup H2
            have ew2 : w = weight_of g v - e := by omega
            rw [exv, ew2]
            exact Aux.mem_tail _ (Aux.mem_head _ _)
          | isFalse nxv =>
            exact Aux.mem_tail _ (Aux.mem_tail _ ((InK x w).2 ⟨hin, nxv, nxu⟩))
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = u := congrArg Prod.fst eq
          have e2 : w = weight_of g u - e := congrArg Prod.snd eq
          apply (HW x w).2
          refine ⟨fun exp => EU.2.2 (by rw [← exp, e1]), fun nxu => absurd e1 nxu, fun _ => ?_⟩
          have ew : w + e = weight_of g u := by omega
          rw [ew, e1]
          exact Wu
        | inr hin2 =>
          cases Aux.mem_cons_inv hin2 with
          | inl eq =>
            have e1 : x = v := congrArg Prod.fst eq
            have e2 : w = weight_of g v - e := congrArg Prod.snd eq
            apply (HW x w).2
            refine ⟨fun exp => EV.2.2 (by rw [← exp, e1]), fun _ nxv => absurd e1 nxv, fun _ => ?_⟩
            have ew : w + e = weight_of g v := by omega
            rw [ew, e1]
            exact Wv
          | inr hin3 => exact ((InK x w).1 hin3).1
  have Pg : PermL g.pverts
      ((p, e) :: (u, weight_of g u) :: (v, weight_of g v) :: rmv u (rmv v h.pverts)) := by
    apply perm_of_mem
    · exact Wg.wg_nodup
    · refine NoDupL.cons ?_ (NoDupL.cons ?_ (NoDupL.cons vK NK))
      · intro hp
        cases Aux.mem_cons_inv hp with
        | inl epu => exact EU.2.2 epu
        | inr hp2 =>
          cases Aux.mem_cons_inv hp2 with
          | inl epv => exact EV.2.2 epv
          | inr hp3 => exact pK hp3
      · intro hu
        cases Aux.mem_cons_inv hu with
        | inl euv => exact Huv euv
        | inr hu2 => exact uK hu2
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x p with
        | isTrue exp =>
          rw [exp] at hin
          have ew : e = w := Wt_fun g p e w Wg.wg_nodup Wp hin
          rw [exp, ew]
          exact Aux.mem_head _ _
        | isFalse nxp =>
          cases Nat.decEq x u with
          | isTrue exu =>
            rw [exu] at hin
            have ew : weight_of g u = w := Wt_weight_of g u w Wg.wg_nodup hin
            rw [exu, ← ew]
            exact Aux.mem_tail _ (Aux.mem_head _ _)
          | isFalse nxu =>
            cases Nat.decEq x v with
            | isTrue exv =>
              rw [exv] at hin
              have ew : weight_of g v = w := Wt_weight_of g v w Wg.wg_nodup hin
              rw [exv, ← ew]
              exact Aux.mem_tail _ (Aux.mem_tail _ (Aux.mem_head _ _))
            | isFalse nxv =>
              refine Aux.mem_tail _ (Aux.mem_tail _ (Aux.mem_tail _ ((InK x w).2 ⟨?_, nxv, nxu⟩)))
              refine (HW x w).2 ⟨nxp, fun _ _ => hin, fun o => ?_⟩
              cases o with
              | inl e1 => exact absurd e1 nxu
              | inr e1 => exact absurd e1 nxv
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = p := congrArg Prod.fst eq
          have e2 : w = e := congrArg Prod.snd eq
          rw [e1, e2]
          exact Wp
        | inr hin2 =>
          cases Aux.mem_cons_inv hin2 with
          | inl eq =>
            have e1 : x = u := congrArg Prod.fst eq
            have e2 : w = weight_of g u := congrArg Prod.snd eq
            rw [e1, e2]
            exact Wu
          | inr hin3 =>
            cases Aux.mem_cons_inv hin3 with
            | inl eq =>
              have e1 : x = v := congrArg Prod.fst eq
              have e2 : w = weight_of g v := congrArg Prod.snd eq
              rw [e1, e2]
              exact Wv
            | inr hin4 =>
              have r := (InK x w).1 hin4
              exact ((HW x w).1 r.1).2.1 r.2.2 r.2.1
  have notpu : ∀ (z : Nat), z ∈ ((v, weight_of g v - e) :: rmv u (rmv v h.pverts)).map Prod.fst →
      z ≠ p ∧ z ≠ u := by
    intro z hz
    cases Aux.mem_cons_inv (show z ∈ v :: (rmv u (rmv v h.pverts)).map Prod.fst from hz) with
    | inl ezv =>
      rw [ezv]
      exact ⟨fun evp => EV.2.2 evp.symm, fun evu => Huv evu.symm⟩
    | inr hz2 => exact ⟨fun ezp => pK (by rw [← ezp]; exact hz2), (IK z hz2).2.2⟩
  have AdjVK : ∀ (s t : Nat), s ∈ ((v, weight_of g v - e) :: rmv u (rmv v h.pverts)).map Prod.fst →
      t ∈ ((v, weight_of g v - e) :: rmv u (rmv v h.pverts)).map Prod.fst → edgeb h s t = edgeb g s t := by
    intro s t hs ht
    have ns := notpu s hs
    have nt := notpu t ht
    apply edgeb_iff
    constructor
    · intro hst
      cases (HE s t).1 hst with
      | inl h1 => exact h1.1
      | inr h1 =>
        cases h1 with
        | inl h2 => exact absurd h2.1 ns.2
        | inr h2 => exact absurd h2.2 nt.2
    · intro hst
      exact (HE s t).2 (Or.inl ⟨hst, ns.1, nt.1⟩)
  have AdjU : ∀ (t : Nat), t ∈ ((v, weight_of g v - e) :: rmv u (rmv v h.pverts)).map Prod.fst →
      edgeb h u t = (edgeb g u t || Nat.beq t v) := by
    intro t ht
    have nt := notpu t ht
    cases Nat.decEq t v with
    | isTrue etv =>
      rw [Aux.beq_of_eq etv, Aux.or_true_r]
      apply (edgeb_Edge h u t).2
      apply (HE u t).2
      exact Or.inr (Or.inl ⟨rfl, etv⟩)
    | isFalse ntv =>
      rw [Aux.beq_of_ne ntv, Aux.or_false_r]
      apply edgeb_iff
      constructor
      · intro hut
        cases (HE u t).1 hut with
        | inl h1 => exact h1.1
        | inr h1 =>
          cases h1 with
          | inl h2 => exact absurd h2.2 ntv
          | inr h2 => exact absurd h2.1 Huv
      · intro hut
        exact (HE u t).2 (Or.inl ⟨hut, fun eup => EU.2.2 eup.symm, nt.1⟩)
  have Auv : edgeb g u v = false :=
    Aux.bool_false_of_not (fun ht => NEuv ((edgeb_Edge g u v).1 ht))
  have Epu : edgeb g p u = true := (edgeb_Edge g p u).2 Hpu
  have Epv : edgeb g p v = true := (edgeb_Edge g p v).2 Hpv
  have EpK : ∀ (q : Nat × Int), q ∈ rmv u (rmv v h.pverts) → edgeb g p q.1 = false := by
    intro q hq
    apply Aux.bool_false_of_not
    intro ht
    have hq1 := IK q.1 (Aux.mem_map_intro Prod.fst _ q hq)
    cases (Ep q.1).1 ((edgeb_Edge g p q.1).1 ht) with
    | inl e1 => exact hq1.2.2 e1
    | inr e1 => exact hq1.2.1 e1
  rw [detQ_perm g _ Wg Pg, detQ_perm h _ Wh Ph]
  exact Aux.det_edge_core (edgeb g) (edgeb h) (edgeb_sym g) p u v e (weight_of g u) (weight_of g v)
    (rmv u (rmv v h.pverts)) Ue NK uK vK Huv Epu Epv EpK Auv AdjVK AdjU

theorem det_R3 (g h : PGraph) (z u v : Nat) (Wg : WGraph g) (Wh : WGraph h) (H : R3Absorb g h z u v) :
    detQ h = - detQ g := by
  have ⟨Wz, Huv, Ez, _NEuv, Com, HW, HE⟩ := H
  have Hzu : Edge g z u := (Ez u).2 (Or.inl rfl)
  have Hzv : Edge g z v := (Ez v).2 (Or.inr rfl)
  have EU := Edge_ends g z u Wg Hzu
  have EV := Edge_ends g z v Wg Hzv
  have Wu : Wt g u (weight_of g u) := weight_of_Wt g u Wg.wg_nodup EU.2.1
  have Wv : Wt g v (weight_of g v) := weight_of_Wt g v Wg.wg_nodup EV.2.1
  have NK : NoDupL ((rmv u h.pverts).map Prod.fst) := NoDup_rmv u h.pverts Wh.wg_nodup
  have IK : ∀ (x : Nat), x ∈ (rmv u h.pverts).map Prod.fst → x ≠ z ∧ x ≠ v ∧ x ≠ u := by
    intro x hx
    have r1 := ids_K x u h.pverts hx
    have ⟨w, hw⟩ := Aux.ids_inv h.pverts x r1.1
    have r2 := (HW x w).1 hw
    exact ⟨r2.1, r2.2.1, r1.2⟩
  have uK : ¬ (u ∈ (rmv u h.pverts).map Prod.fst) := fun hu => (IK u hu).2.2 rfl
  have vK : ¬ (v ∈ (rmv u h.pverts).map Prod.fst) := fun hv => (IK v hv).2.1 rfl
  have Ph : PermL h.pverts ((u, weight_of g u + weight_of g v) :: rmv u h.pverts) := by
    apply perm_of_mem
    · exact Wh.wg_nodup
    · exact NoDupL.cons uK NK
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x u with
        | isTrue exu =>
          have ⟨a, b, Ha, Hb, ew⟩ := ((HW x w).1 hin).2.2.2 exu
          have ea : a = weight_of g u := Wt_fun g u a (weight_of g u) Wg.wg_nodup Ha Wu
          have eb : b = weight_of g v := Wt_fun g v b (weight_of g v) Wg.wg_nodup Hb Wv
          rw [exu, ew, ea, eb]
          exact Aux.mem_head _ _
        | isFalse nxu => exact Aux.mem_tail _ ((In_K x w u h.pverts).2 ⟨hin, nxu⟩)
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = u := congrArg Prod.fst eq
          have e2 : w = weight_of g u + weight_of g v := congrArg Prod.snd eq
          apply (HW x w).2
          exact ⟨fun exz => EU.2.2 (by rw [← exz, e1]), fun exv => Huv (by rw [← e1, exv]),
            fun nxu => absurd e1 nxu, fun _ => ⟨weight_of g u, weight_of g v, Wu, Wv, e2⟩⟩
        | inr hin2 => exact ((In_K x w u h.pverts).1 hin2).1
  have Pg : PermL g.pverts ((z, 0) :: (u, weight_of g u) :: (v, weight_of g v) :: rmv u h.pverts) := by
    apply perm_of_mem
    · exact Wg.wg_nodup
    · refine NoDupL.cons ?_ (NoDupL.cons ?_ (NoDupL.cons vK NK))
      · intro hz
        cases Aux.mem_cons_inv hz with
        | inl ezu => exact EU.2.2 ezu
        | inr hz2 =>
          cases Aux.mem_cons_inv hz2 with
          | inl ezv => exact EV.2.2 ezv
          | inr hz3 => exact (IK z hz3).1 rfl
      · intro hu
        cases Aux.mem_cons_inv hu with
        | inl euv => exact Huv euv
        | inr hu2 => exact uK hu2
    · intro x w
      constructor
      · intro hin
        cases Nat.decEq x z with
        | isTrue exz =>
          rw [exz] at hin
          have ew : (0 : Int) = w := Wt_fun g z 0 w Wg.wg_nodup Wz hin
          rw [exz, ← ew]
          exact Aux.mem_head _ _
        | isFalse nxz =>
          cases Nat.decEq x u with
          | isTrue exu =>
            rw [exu] at hin
            have ew : weight_of g u = w := Wt_weight_of g u w Wg.wg_nodup hin
            rw [exu, ← ew]
            exact Aux.mem_tail _ (Aux.mem_head _ _)
          | isFalse nxu =>
            cases Nat.decEq x v with
            | isTrue exv =>
              rw [exv] at hin
              have ew : weight_of g v = w := Wt_weight_of g v w Wg.wg_nodup hin
              rw [exv, ← ew]
              exact Aux.mem_tail _ (Aux.mem_tail _ (Aux.mem_head _ _))
            | isFalse nxv =>
              refine Aux.mem_tail _ (Aux.mem_tail _ (Aux.mem_tail _ ((In_K x w u h.pverts).2 ⟨?_, nxu⟩)))
              exact (HW x w).2 ⟨nxz, nxv, fun _ => hin, fun exu => absurd exu nxu⟩
      · intro hin
        cases Aux.mem_cons_inv hin with
        | inl eq =>
          have e1 : x = z := congrArg Prod.fst eq
          have e2 : w = 0 := congrArg Prod.snd eq
          rw [e1, e2]
          exact Wz
        | inr hin2 =>
          cases Aux.mem_cons_inv hin2 with
          | inl eq =>
            have e1 : x = u := congrArg Prod.fst eq
            have e2 : w = weight_of g u := congrArg Prod.snd eq
            rw [e1, e2]
            exact Wu
          | inr hin3 =>
            cases Aux.mem_cons_inv hin3 with
            | inl eq =>
              have e1 : x = v := congrArg Prod.fst eq
              have e2 : w = weight_of g v := congrArg Prod.snd eq
              rw [e1, e2]
              exact Wv
            | inr hin4 =>
              have r := (In_K x w u h.pverts).1 hin4
              exact ((HW x w).1 r.1).2.2.1 r.2
  have AdjK : ∀ (s t : Nat), s ∈ (rmv u h.pverts).map Prod.fst → t ∈ (rmv u h.pverts).map Prod.fst →
      edgeb h s t = edgeb g s t := by
    intro s t hs ht
    have ns := IK s hs
    have nt := IK t ht
    apply edgeb_iff
    constructor
    · intro hst
      cases (HE s t).1 hst with
      | inl h1 => exact h1.1
      | inr h1 =>
        cases h1 with
        | inl h2 => exact absurd h2.1 ns.2.2
        | inr h2 => exact absurd h2.1 nt.2.2
    · intro hst
      exact (HE s t).2 (Or.inl ⟨hst, ns.1, nt.1, ns.2.1, nt.2.1⟩)
  have AdjU : ∀ (t : Nat), t ∈ (rmv u h.pverts).map Prod.fst →
      (if edgeb h u t then (1 : Int) else 0)
        = (if edgeb g u t then (1 : Int) else 0) + (if edgeb g v t then (1 : Int) else 0) := by
    intro t ht
    have nt := IK t ht
    cases Aux.bool_cases (edgeb g u t) with
    | inl gu =>
      cases Aux.bool_cases (edgeb g v t) with
      | inl gv => exact absurd (Com t ((edgeb_Edge g u t).1 gu) ((edgeb_Edge g v t).1 gv)) nt.1
      | inr gv =>
        have hu : edgeb h u t = true := (edgeb_Edge h u t).2 ((HE u t).2
          (Or.inl ⟨(edgeb_Edge g u t).1 gu, fun euz => EU.2.2 euz.symm, nt.1, Huv, nt.2.1⟩))
        rw [hu, gu, gv] <;> rfl
    | inr gu =>
      cases Aux.bool_cases (edgeb g v t) with
      | inl gv =>
        have hu : edgeb h u t = true := (edgeb_Edge h u t).2 ((HE u t).2
          (Or.inr (Or.inl ⟨rfl, (edgeb_Edge g v t).1 gv, nt.1⟩)))
        rw [hu, gu, gv] <;> rfl
      | inr gv =>
        have hu : edgeb h u t = false := by
          apply Aux.bool_false_of_not
          intro ht'
          cases (HE u t).1 ((edgeb_Edge h u t).1 ht') with
          | inl h1 => exact Aux.not_true_of_false gu ((edgeb_Edge g u t).2 h1.1)
          | inr h1 =>
            cases h1 with
            | inl h2 => exact Aux.not_true_of_false gv ((edgeb_Edge g v t).2 h2.2.1)
            | inr h2 => exact nt.2.2 h2.1
        rw [hu, gu, gv] <;> rfl
  have EzK : ∀ (q : Nat × Int), q ∈ rmv u h.pverts → edgeb g z q.1 = false := by
    intro q hq
    apply Aux.bool_false_of_not
    intro ht
    have hq1 := IK q.1 (Aux.mem_map_intro Prod.fst _ q hq)
    cases (Ez q.1).1 ((edgeb_Edge g z q.1).1 ht) with
    | inl e1 => exact hq1.2.2 e1
    | inr e1 => exact hq1.2.1 e1
  rw [detQ_perm g _ Wg Pg, detQ_perm h _ Wh Ph]
  exact Aux.det_r3_core (edgeb g) (edgeb h) z u v (weight_of g u) (weight_of g v) (rmv u h.pverts)
    NK uK vK Huv ((edgeb_Edge g z u).2 Hzu) ((edgeb_Edge g z v).2 Hzv) EzK AdjK AdjU

theorem det_Iso (g h : PGraph) (Wg : WGraph g) (Wh : WGraph h) (I : Iso g h) : detQ g = detQ h := by
  have ⟨f, Inj, Sur, IW, IE⟩ := I
  have P : PermL h.pverts (g.pverts.map (fun q => (f q.1, q.2))) := by
    apply perm_of_mem
    · exact Wh.wg_nodup
    · have e : (g.pverts.map (fun q => (f q.1, q.2))).map Prod.fst = (g.pverts.map Prod.fst).map f := by
        rw [Aux.map_map, Aux.map_map] <;> rfl
      rw [e]
      exact NoDup_map_on f _ Wg.wg_nodup (fun x y hx hy => Inj x y hx hy)
    · intro y w
      constructor
      · intro hin
        have ⟨x, Vx', fx⟩ := Sur y (in_ids _ y w hin)
        have hg : (x, w) ∈ g.pverts := (IW x w Vx').2 (by rw [fx]; exact hin)
        have hm := Aux.mem_map_intro (fun q : Nat × Int => (f q.1, q.2)) g.pverts (x, w) hg
        rw [← fx]
        exact hm
      · intro hin
        have ⟨q, hq, eq⟩ := Aux.mem_map_inv (fun q : Nat × Int => (f q.1, q.2)) g.pverts (y, w) hin
        cases q with
        | mk x w' =>
          have e1 : f x = y := congrArg Prod.fst eq
          have e2 : w' = w := congrArg Prod.snd eq
          rw [← e1, ← e2]
          exact (IW x w' (in_ids _ x w' hq)).1 hq
  rw [detQ_perm h _ Wh P]
  exact (Dl_relabel g.pverts.length f (edgeb g) (edgeb h) g.pverts (Nat.le_refl _) Inj
    (fun x y hx hy => Aux.bool_eq_of_iff
      ((edgeb_Edge h (f x) (f y)).trans ((IE x y hx hy).symm.trans (edgeb_Edge g x y).symm)))).symm

/-! ### The invariant -/

theorem shrink_det (g h : PGraph) (Wg : WGraph g) (Wh : WGraph h) (S : Shrink g h) :
    (detQ g).natAbs = (detQ h).natAbs := by
  cases S with
  | shrink_point _ _ p H =>
    have ⟨e, Ue, E⟩ := det_R1Point g h p Wg Wh H
    rw [E]
    exact Aux.natAbs_unit_mul e (detQ h) Ue
  | shrink_leaf _ _ p v H =>
    have ⟨e, Ue, E⟩ := det_R1Leaf g h p v Wg Wh H
    rw [E]
    exact Aux.natAbs_unit_mul e (detQ h) Ue
  | shrink_edge _ _ p u v H =>
    have ⟨e, Ue, E⟩ := det_R1Edge g h p u v Wg Wh H
    rw [E]
    exact (Aux.natAbs_unit_mul e (detQ g) Ue).symm
  | shrink_absorb _ _ z u v H =>
    rw [det_R3 g h z u v Wg Wh H]
    exact (Aux.natAbs_neg' (detQ g)).symm

/-- Non-vacuity: every step of Neumann's calculus preserves `|det Q|`, in general. -/
theorem neumann_step_det : ∀ (g h : PGraph), NeumannStep g h → (detQ g).natAbs = (detQ h).natAbs := by
  intro g h H
  have ⟨Fg, Fh, S⟩ := H
  cases S with
  | inl S1 => exact shrink_det g h Fg.wf_graph Fh.wf_graph S1
  | inr S2 =>
    cases S2 with
    | inl S3 => exact (shrink_det h g Fh.wf_graph Fg.wf_graph S3).symm
    | inr I => rw [det_Iso g h Fg.wf_graph Fh.wf_graph I]

theorem neumann_equiv_det : ∀ (g h : PGraph), NeumannEquiv g h → (detQ g).natAbs = (detQ h).natAbs := by
  intro g h E
  induction E with
  | ne_refl _ => rfl
  | ne_step g1 h1 _ S _ IH => exact (neumann_step_det g1 h1 S).trans IH

/-! ### The checker's graph operations, read through `Wt`, `Vx` and `Edge` -/

namespace Aux

theorem mem_app_l {α : Type} {x : α} (v : List α) : ∀ (u : List α), x ∈ u → x ∈ u ++ v
  | [], h => absurd h (fun h2 => not_mem_nil h2)
  | y :: u, h => by
    show x ∈ y :: (u ++ v)
    cases mem_cons_inv h with
    | inl e =>
      rw [e]
      exact mem_head y (u ++ v)
    | inr h' => exact mem_tail y (mem_app_l v u h')

theorem mem_app_r {α : Type} {x : α} (v : List α) (h : x ∈ v) : ∀ (u : List α), x ∈ u ++ v
  | [] => h
  | y :: u => mem_tail y (mem_app_r v h u)

theorem map_append {α β : Type} (f : α → β) : ∀ (l1 l2 : List α), (l1 ++ l2).map f = l1.map f ++ l2.map f
  | [], _ => rfl
  | x :: l1, l2 => by
    show f x :: (l1 ++ l2).map f = f x :: (l1.map f ++ l2.map f)
    rw [map_append f l1 l2]

theorem map_fst_map {β : Type} (F : Nat × β → Nat × β) (hF : ∀ (q : Nat × β), (F q).1 = q.1) :
    ∀ (l : List (Nat × β)), (l.map F).map Prod.fst = l.map Prod.fst
  | [] => rfl
  | q :: l => by
    show (F q).1 :: (l.map F).map Prod.fst = q.1 :: l.map Prod.fst
    rw [hF q, map_fst_map F hF l]

theorem not_touches (v a b : Nat) : (!(touches v (a, b))) = true ↔ a ≠ v ∧ b ≠ v := by
  show (!(Nat.beq a v || Nat.beq b v)) = true ↔ a ≠ v ∧ b ≠ v
  cases Nat.decEq a v with
  | isTrue e1 =>
    rw [beq_of_eq e1]
    exact ⟨fun h => by cases h, fun h => absurd e1 h.1⟩
  | isFalse n1 =>
    cases Nat.decEq b v with
    | isTrue e2 =>
      rw [beq_of_ne n1, beq_of_eq e2]
      exact ⟨fun h => by cases h, fun h => absurd e2 h.2⟩
    | isFalse n2 =>
      rw [beq_of_ne n1, beq_of_ne n2]
      exact ⟨fun _ => ⟨n1, n2⟩, fun _ => rfl⟩

theorem le_nat_max (a b : Nat) : a ≤ Nat.max a b ∧ b ≤ Nat.max a b := by
  first
    | exact ⟨Nat.le_max_left a b, Nat.le_max_right a b⟩
    | (show a ≤ (if a ≤ b then b else a) ∧ b ≤ (if a ≤ b then b else a)
       cases Nat.decLe a b with
       | isTrue h =>
         rw [if_pos h]
         exact ⟨h, Nat.le_refl b⟩
       | isFalse h =>
         rw [if_neg h]
         exact ⟨Nat.le_refl a, by omega⟩)

end Aux

theorem same_edge_spec (u v : Nat) (e : Nat × Nat) : same_edge u v e = true ↔ e = (u, v) ∨ e = (v, u) := by
  cases e with
  | mk a b =>
    constructor
    · intro h
      have h' : ((Nat.beq a u && Nat.beq b v) || (Nat.beq a v && Nat.beq b u)) = true := h
      cases Aux.or_true_cases h' with
      | inl h1 =>
        have h2 := and_true_split h1
        rw [Nat.eq_of_beq_eq_true h2.1, Nat.eq_of_beq_eq_true h2.2]
        exact Or.inl rfl
      | inr h1 =>
        have h2 := and_true_split h1
        rw [Nat.eq_of_beq_eq_true h2.1, Nat.eq_of_beq_eq_true h2.2]
        exact Or.inr rfl
    · intro h
      show ((Nat.beq a u && Nat.beq b v) || (Nat.beq a v && Nat.beq b u)) = true
      cases h with
      | inl e1 =>
        have ea : a = u := congrArg Prod.fst e1
        have eb : b = v := congrArg Prod.snd e1
        rw [ea, eb]
        exact Aux.orb_true_of_l _ _ (by rw [Aux.beq_refl u, Aux.beq_refl v] <;> rfl)
      | inr e1 =>
        have ea : a = v := congrArg Prod.fst e1
        have eb : b = u := congrArg Prod.snd e1
        rw [ea, eb]
        exact Aux.orb_true_of_r _ _ (by rw [Aux.beq_refl u, Aux.beq_refl v] <;> rfl)

theorem adjacent_Edge (g : PGraph) (u v : Nat) : adjacent g u v = true ↔ Edge g u v := by
  constructor
  · intro h
    cases Aux.any_true (same_edge u v) g.pedges h with
    | intro e he =>
      cases (same_edge_spec u v e).1 he.2 with
      | inl e1 =>
        apply Or.inl
        rw [← e1]
        exact he.1
      | inr e1 =>
        apply Or.inr
        rw [← e1]
        exact he.1
  · intro h
    cases h with
    | inl h1 =>
      exact Aux.any_intro (same_edge u v) g.pedges (u, v) h1 ((same_edge_spec u v (u, v)).2 (Or.inl rfl))
    | inr h1 =>
      exact Aux.any_intro (same_edge u v) g.pedges (v, u) h1 ((same_edge_spec u v (v, u)).2 (Or.inr rfl))

theorem nbrs_In (g : PGraph) (v y : Nat) : y ∈ nbrs g v ↔ Edge g v y := by
  constructor
  · intro h
    have ⟨e, he, ey⟩ := Aux.mem_map_inv (other_end v) _ y h
    have r := Aux.mem_filter_inv (touches v) g.pedges e he
    cases e with
    | mk a b =>
      have ey' : (if Nat.beq a v then b else a) = y := ey
      cases Nat.decEq a v with
      | isTrue eav =>
        rw [if_pos (Aux.beq_of_eq eav)] at ey'
        apply Or.inl
        rw [← eav, ← ey']
        exact r.1
      | isFalse nav =>
        rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne nav))] at ey'
        have ht : (Nat.beq a v || Nat.beq b v) = true := r.2
        rw [Aux.beq_of_ne nav] at ht
        have ht2 : Nat.beq b v = true := ht
        have ebv : b = v := Nat.eq_of_beq_eq_true ht2
        apply Or.inr
        rw [← ebv, ← ey']
        exact r.1
  · intro h
    cases h with
    | inl h1 =>
      have ht : touches v (v, y) = true := Aux.orb_true_of_l (Nat.beq v v) (Nat.beq y v) (Aux.beq_refl v)
      have hm := Aux.mem_map_intro (other_end v) _ (v, y) (Aux.mem_filter_intro (touches v) g.pedges (v, y) h1 ht)
      have eo : other_end v (v, y) = y := by
        show (if Nat.beq v v then y else v) = y
        rw [if_pos (Aux.beq_refl v)]
      rw [eo] at hm
      exact hm
    | inr h1 =>
      have ht : touches v (y, v) = true := Aux.orb_true_of_r (Nat.beq y v) (Nat.beq v v) (Aux.beq_refl v)
      have hm := Aux.mem_map_intro (other_end v) _ (y, v) (Aux.mem_filter_intro (touches v) g.pedges (y, v) h1 ht)
      have eo : other_end v (y, v) = y := by
        show (if Nat.beq y v then v else y) = y
        cases Nat.decEq y v with
        | isTrue e =>
          rw [if_pos (Aux.beq_of_eq e), e]
        | isFalse ne =>
          rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne ne))]
      rw [eo] at hm
      exact hm

theorem Wt_shift (g : PGraph) (v : Nat) (d : Int) (x : Nat) (w : Int) :
    Wt (shift g v d) x w ↔ (x = v ∧ Wt g x (w - d)) ∨ (x ≠ v ∧ Wt g x w) := by
  constructor
  · intro h
    have ⟨q, hq, eq⟩ := Aux.mem_map_inv
      (fun p : Nat × Int => if Nat.beq p.1 v then (p.1, p.2 + d) else p) g.pverts (x, w) h
    cases q with
    | mk a b =>
      have e0 : (if Nat.beq a v then (a, b + d) else (a, b)) = (x, w) := eq
      cases Nat.decEq a v with
      | isTrue eav =>
        rw [if_pos (Aux.beq_of_eq eav)] at e0
        have e1 : a = x := congrArg Prod.fst e0
        have e2 : b + d = w := congrArg Prod.snd e0
        apply Or.inl
        refine ⟨by rw [← e1]; exact eav, ?_⟩
        have e3 : w - d = b := by omega
        rw [e3, ← e1]
        exact hq
      | isFalse nav =>
        rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne nav))] at e0
        apply Or.inr
        refine ⟨fun exv => nav (by rw [← exv]; exact congrArg Prod.fst e0), ?_⟩
        show (x, w) ∈ g.pverts
        rw [← e0]
        exact hq
  · intro h
    show (x, w) ∈ g.pverts.map (fun p : Nat × Int => if Nat.beq p.1 v then (p.1, p.2 + d) else p)
    cases h with
    | inl h1 =>
      have hm := Aux.mem_map_intro (fun p : Nat × Int => if Nat.beq p.1 v then (p.1, p.2 + d) else p)
        g.pverts (x, w - d) h1.2
      have ev : (if Nat.beq x v then (x, w - d + d) else (x, w - d)) = (x, w) := by
        rw [if_pos (Aux.beq_of_eq h1.1)]
        have e4 : w - d + d = w := by omega
        rw [e4]
      rw [← ev]
      exact hm
    | inr h1 =>
      have hm := Aux.mem_map_intro (fun p : Nat × Int => if Nat.beq p.1 v then (p.1, p.2 + d) else p)
        g.pverts (x, w) h1.2
      have ev : (if Nat.beq x v then (x, w + d) else (x, w)) = (x, w) := by
        rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne h1.1))]
      rw [← ev]
      exact hm

theorem ids_shift (g : PGraph) (v : Nat) (d : Int) :
    (shift g v d).pverts.map Prod.fst = g.pverts.map Prod.fst :=
  Aux.map_fst_map (fun p : Nat × Int => if Nat.beq p.1 v then (p.1, p.2 + d) else p)
    (fun q => by
      show (if Nat.beq q.1 v then (q.1, q.2 + d) else q).1 = q.1
      cases Aux.bool_cases (Nat.beq q.1 v) with
      | inl hb => rw [if_pos hb] <;> rfl
      | inr hb => rw [if_neg (Aux.not_true_of_false hb)])
    g.pverts

theorem Vx_shift (g : PGraph) (v : Nat) (d : Int) (x : Nat) : Vx (shift g v d) x ↔ Vx g x := by
  show x ∈ (shift g v d).pverts.map Prod.fst ↔ x ∈ g.pverts.map Prod.fst
  rw [ids_shift g v d]

theorem Edge_shift (g : PGraph) (v : Nat) (d : Int) (x y : Nat) : Edge (shift g v d) x y ↔ Edge g x y :=
  Iff.rfl

theorem Wt_delete (g : PGraph) (v x : Nat) (w : Int) : Wt (delete g v) x w ↔ Wt g x w ∧ x ≠ v :=
  In_rmv v (x, w) g.pverts

theorem Vx_delete (g : PGraph) (v x : Nat) : Vx (delete g v) x ↔ Vx g x ∧ x ≠ v := by
  constructor
  · intro h
    have ⟨w, hw⟩ := (Vx_Wt (delete g v) x).1 h
    have r := (Wt_delete g v x w).1 hw
    exact ⟨Wt_Vx g x w r.1, r.2⟩
  · intro h
    have ⟨w, hw⟩ := (Vx_Wt g x).1 h.1
    exact Wt_Vx (delete g v) x w ((Wt_delete g v x w).2 ⟨hw, h.2⟩)

theorem Edge_delete (g : PGraph) (v x y : Nat) : Edge (delete g v) x y ↔ Edge g x y ∧ x ≠ v ∧ y ≠ v := by
  have key : ∀ (a b : Nat), (a, b) ∈ (delete g v).pedges ↔ (a, b) ∈ g.pedges ∧ a ≠ v ∧ b ≠ v := by
    intro a b
    constructor
    · intro h
      have r := Aux.mem_filter_inv (fun e : Nat × Nat => !(touches v e)) g.pedges (a, b) h
      exact ⟨r.1, (Aux.not_touches v a b).1 r.2⟩
    · intro h
      exact Aux.mem_filter_intro (fun e : Nat × Nat => !(touches v e)) g.pedges (a, b) h.1
        ((Aux.not_touches v a b).2 h.2)
  constructor
  · intro h
    cases h with
    | inl h1 =>
      have r := (key x y).1 h1
      exact ⟨Or.inl r.1, r.2.1, r.2.2⟩
    | inr h1 =>
      have r := (key y x).1 h1
      exact ⟨Or.inr r.1, r.2.2, r.2.1⟩
  · intro h
    cases h.1 with
    | inl h1 => exact Or.inl ((key x y).2 ⟨h1, h.2.1, h.2.2⟩)
    | inr h1 => exact Or.inr ((key y x).2 ⟨h1, h.2.2, h.2.1⟩)

theorem Wt_add_vertex (g : PGraph) (p : Nat) (a : Int) (x : Nat) (w : Int) :
    Wt (add_vertex g p a) x w ↔ Wt g x w ∨ (x = p ∧ w = a) := by
  constructor
  · intro h
    cases Aux.mem_app_or g.pverts [(p, a)] h with
    | inl h1 => exact Or.inl h1
    | inr h1 =>
      cases Aux.mem_cons_inv h1 with
      | inl e => exact Or.inr ⟨congrArg Prod.fst e, congrArg Prod.snd e⟩
      | inr h2 => exact absurd h2 (fun h3 => Aux.not_mem_nil h3)
  · intro h
    cases h with
    | inl h1 => exact Aux.mem_app_l [(p, a)] g.pverts h1
    | inr h1 =>
      refine Aux.mem_app_r [(p, a)] ?_ g.pverts
      rw [h1.1, h1.2]
      exact Aux.mem_head (p, a) []

theorem ids_add_vertex (g : PGraph) (p : Nat) (a : Int) :
    (add_vertex g p a).pverts.map Prod.fst = g.pverts.map Prod.fst ++ [p] :=
  Aux.map_append Prod.fst g.pverts [(p, a)]

theorem Vx_add_vertex (g : PGraph) (p : Nat) (a : Int) (x : Nat) : Vx (add_vertex g p a) x ↔ Vx g x ∨ x = p := by
  show x ∈ (add_vertex g p a).pverts.map Prod.fst ↔ x ∈ g.pverts.map Prod.fst ∨ x = p
  rw [ids_add_vertex g p a]
  constructor
  · intro h
    cases Aux.mem_app_or _ _ h with
    | inl h1 => exact Or.inl h1
    | inr h1 =>
      cases Aux.mem_cons_inv h1 with
      | inl e => exact Or.inr e
      | inr h2 => exact absurd h2 (fun h3 => Aux.not_mem_nil h3)
  · intro h
    cases h with
    | inl h1 => exact Aux.mem_app_l [p] _ h1
    | inr h1 => exact Aux.mem_app_r [p] (by rw [h1]; exact Aux.mem_head p []) _

theorem Edge_add_vertex (g : PGraph) (p : Nat) (a : Int) (x y : Nat) : Edge (add_vertex g p a) x y ↔ Edge g x y :=
  Iff.rfl

theorem Edge_add_edges (g : PGraph) (es : List (Nat × Nat)) (x y : Nat) :
    Edge (add_edges g es) x y ↔ Edge g x y ∨ (x, y) ∈ es ∨ (y, x) ∈ es := by
  constructor
  · intro h
    cases h with
    | inl h1 =>
      cases Aux.mem_app_or g.pedges es h1 with
      | inl h2 => exact Or.inl (Or.inl h2)
      | inr h2 => exact Or.inr (Or.inl h2)
    | inr h1 =>
      cases Aux.mem_app_or g.pedges es h1 with
      | inl h2 => exact Or.inl (Or.inr h2)
      | inr h2 => exact Or.inr (Or.inr h2)
  · intro h
    cases h with
    | inl h1 =>
      cases h1 with
      | inl h2 => exact Or.inl (Aux.mem_app_l es g.pedges h2)
      | inr h2 => exact Or.inr (Aux.mem_app_l es g.pedges h2)
    | inr h1 =>
      cases h1 with
      | inl h2 => exact Or.inl (Aux.mem_app_r es h2 g.pedges)
      | inr h2 => exact Or.inr (Aux.mem_app_r es h2 g.pedges)

theorem Wt_add_edges (g : PGraph) (es : List (Nat × Nat)) (x : Nat) (w : Int) :
    Wt (add_edges g es) x w ↔ Wt g x w :=
  Iff.rfl

theorem Vx_add_edges (g : PGraph) (es : List (Nat × Nat)) (x : Nat) : Vx (add_edges g es) x ↔ Vx g x :=
  Iff.rfl

namespace Aux

theorem not_same_edge (u v a b : Nat) :
    (!(same_edge u v (a, b))) = true ↔ ¬ (a = u ∧ b = v) ∧ ¬ (a = v ∧ b = u) := by
  constructor
  · intro h
    have hf : same_edge u v (a, b) = false := by
      cases hs : same_edge u v (a, b) with
      | true =>
        rw [hs] at h
        cases h
      | false => rfl
    constructor
    · intro hab
      apply not_true_of_false hf
      apply (same_edge_spec u v (a, b)).2
      rw [hab.1, hab.2]
      exact Or.inl rfl
    · intro hab
      apply not_true_of_false hf
      apply (same_edge_spec u v (a, b)).2
      rw [hab.1, hab.2]
      exact Or.inr rfl
  · intro h
    have hf : same_edge u v (a, b) = false := by
      apply bool_false_of_not
      intro ht
      cases (same_edge_spec u v (a, b)).1 ht with
      | inl e => exact h.1 ⟨congrArg Prod.fst e, congrArg Prod.snd e⟩
      | inr e => exact h.2 ⟨congrArg Prod.fst e, congrArg Prod.snd e⟩
    rw [hf] <;> rfl

end Aux

theorem Edge_remove_edge (g : PGraph) (u v x y : Nat) :
    Edge (remove_edge g u v) x y ↔ Edge g x y ∧ ¬ (x = u ∧ y = v) ∧ ¬ (x = v ∧ y = u) := by
  have key : ∀ (a b : Nat), (a, b) ∈ (remove_edge g u v).pedges ↔
      (a, b) ∈ g.pedges ∧ ¬ (a = u ∧ b = v) ∧ ¬ (a = v ∧ b = u) := by
    intro a b
    constructor
    · intro h
      have r := Aux.mem_filter_inv (fun e : Nat × Nat => !(same_edge u v e)) g.pedges (a, b) h
      exact ⟨r.1, (Aux.not_same_edge u v a b).1 r.2⟩
    · intro h
      exact Aux.mem_filter_intro (fun e : Nat × Nat => !(same_edge u v e)) g.pedges (a, b) h.1
        ((Aux.not_same_edge u v a b).2 h.2)
  constructor
  · intro h
    cases h with
    | inl h1 =>
      have r := (key x y).1 h1
      exact ⟨Or.inl r.1, r.2.1, r.2.2⟩
    | inr h1 =>
      have r := (key y x).1 h1
      exact ⟨Or.inr r.1, fun hxy => r.2.2 ⟨hxy.2, hxy.1⟩, fun hxy => r.2.1 ⟨hxy.2, hxy.1⟩⟩
  · intro h
    cases h.1 with
    | inl h1 => exact Or.inl ((key x y).2 ⟨h1, h.2.1, h.2.2⟩)
    | inr h1 =>
      exact Or.inr ((key y x).2 ⟨h1, fun hyx => h.2.2 ⟨hyx.2, hyx.1⟩, fun hyx => h.2.1 ⟨hyx.2, hyx.1⟩⟩)

theorem Wt_remove_edge (g : PGraph) (u v x : Nat) (w : Int) : Wt (remove_edge g u v) x w ↔ Wt g x w :=
  Iff.rfl

theorem Vx_remove_edge (g : PGraph) (u v x : Nat) : Vx (remove_edge g u v) x ↔ Vx g x :=
  Iff.rfl

theorem fresh_gt (g : PGraph) (x : Nat) (Hx : Vx g x) : x < fresh g := by
  have H : ∀ (l : List Nat) (acc : Nat),
      (x ∈ l → x < l.foldl (fun acc x => Nat.max acc (x + 1)) acc) ∧
      acc ≤ l.foldl (fun acc x => Nat.max acc (x + 1)) acc := by
    intro l
    induction l with
    | nil =>
      intro acc
      exact ⟨fun h => absurd h (fun h2 => Aux.not_mem_nil h2), Nat.le_refl acc⟩
    | cons a l ih =>
      intro acc
      have r := ih (Nat.max acc (a + 1))
      have m := Aux.le_nat_max acc (a + 1)
      refine ⟨?_, ?_⟩
      · intro h
        show x < l.foldl (fun acc x => Nat.max acc (x + 1)) (Nat.max acc (a + 1))
        cases Aux.mem_cons_inv h with
        | inl e =>
          rw [e]
          have r2 := r.2
          have m2 := m.2
          omega
        | inr h' => exact r.1 h'
      · show acc ≤ l.foldl (fun acc x => Nat.max acc (x + 1)) (Nat.max acc (a + 1))
        have r2 := r.2
        have m1 := m.1
        omega
  exact (H (ids g) 0).1 Hx

theorem fresh_not_Vx (g : PGraph) : ¬ Vx g (fresh g) := by
  intro H
  have h := fresh_gt g (fresh g) H
  omega

theorem unit_sign_Unit (e : Int) (h : unit_sign e = true) : Unit e := by
  have h' : (decide (e = 1) || decide (e = -1)) = true := h
  cases Aux.or_true_cases h' with
  | inl h1 => exact Or.inl (of_decide_eq_true h1)
  | inr h1 => exact Or.inr (of_decide_eq_true h1)

theorem unit_at_spec (g : PGraph) (p d : Nat) (h : unit_at g p d = true) :
    Vx g p ∧ Unit (weight_of g p) ∧ (nbrs g p).length = d := by
  have h' : ((has_vertex g p && unit_sign (weight_of g p)) && Nat.beq (degree g p) d) = true := h
  have s1 := and_true_split h'
  have s2 := and_true_split s1.1
  exact ⟨(has_vertex_Vx g p).1 s2.1, unit_sign_Unit _ s2.2, Nat.eq_of_beq_eq_true s1.2⟩

theorem two_le_length {α : Type} (l : List α) (a b : α) (Ha : a ∈ l) (Hb : b ∈ l) (Hab : a ≠ b) :
    2 ≤ l.length := by
  cases l with
  | nil => exact absurd Ha (fun h => Aux.not_mem_nil h)
  | cons x r =>
    cases r with
    | nil =>
      cases Aux.mem_cons_inv Ha with
      | inl ea =>
        cases Aux.mem_cons_inv Hb with
        | inl eb => exact absurd (ea.trans eb.symm) Hab
        | inr hb => exact absurd hb (fun h => Aux.not_mem_nil h)
      | inr ha => exact absurd ha (fun h => Aux.not_mem_nil h)
    | cons y r' =>
      show 2 ≤ r'.length + 1 + 1
      omega

theorem NoDup_app' {α : Type} : ∀ (l1 l2 : List α), NoDupL l1 → NoDupL l2 →
    (∀ (x : α), x ∈ l1 → ¬ (x ∈ l2)) → NoDupL (l1 ++ l2)
  | [], _, _, H2, _ => H2
  | a :: l1, l2, H1, H2, H => by
    have N := Aux.nodup_cons_inv H1
    show NoDupL (a :: (l1 ++ l2))
    refine NoDupL.cons ?_ (NoDup_app' l1 l2 N.2 H2 (fun x hx => H x (Aux.mem_tail a hx)))
    intro hin
    cases Aux.mem_app_or l1 l2 hin with
    | inl h1 => exact N.1 h1
    | inr h2 => exact H a (Aux.mem_head a l1) h2

/-! ### Each move of the checker is one of Neumann's pictures (ported so far: the point and leaf blow-downs,
the point blow-up) -/

theorem refine_blowdown_point (g : PGraph) (p : Nat) (h : PGraph) (W : WGraph g)
    (H : apply_pmove g (PMove.BlowdownPoint p) = some h) : R1Point g h p := by
  have H' : (if unit_at g p 0 = true then some (delete g p) else none) = some h := H
  cases Aux.bool_cases (unit_at g p 0) with
  | inr hu =>
    rw [if_neg (Aux.not_true_of_false hu)] at H'
    cases H'
  | inl hu =>
    rw [if_pos hu] at H'
    cases H'
    have U := unit_at_spec g p 0 hu
    have Np : ∀ (y : Nat), ¬ Edge g p y := by
      intro y hy
      have hin := (nbrs_In g p y).2 hy
      have hl : (nbrs g p).length = 0 := U.2.2
      cases hn : nbrs g p with
      | nil =>
        rw [hn] at hin
        exact Aux.not_mem_nil hin
      | cons a r =>
        rw [hn] at hl
        have h2 : r.length + 1 = 0 := hl
        omega
    refine ⟨weight_of g p, U.2.1, weight_of_Wt g p W.wg_nodup U.1, Np, fun x w => Wt_delete g p x w, ?_⟩
    intro x y
    rw [Edge_delete]
    constructor
    · intro hxy
      exact hxy.1
    · intro hxy
      refine ⟨hxy, fun exp => Np y (by rw [← exp]; exact hxy), fun eyp => Np x ?_⟩
      rw [← eyp]
      exact Edge_sym g x y hxy

theorem refine_blowup_point (g : PGraph) (e : Int) (h : PGraph) (W : WGraph g)
    (H : apply_pmove g (PMove.BlowupPoint e) = some h) : R1Point h g (fresh g) := by
  have H' : (if unit_sign e = true then some (add_vertex g (fresh g) e) else none) = some h := H
  cases Aux.bool_cases (unit_sign e) with
  | inr hu =>
    rw [if_neg (Aux.not_true_of_false hu)] at H'
    cases H'
  | inl hu =>
    rw [if_pos hu] at H'
    cases H'
    have Ue := unit_sign_Unit e hu
    have Np := fresh_not_Vx g
    refine ⟨e, Ue, (Wt_add_vertex g (fresh g) e (fresh g) e).2 (Or.inr ⟨rfl, rfl⟩), ?_, ?_, ?_⟩
    · intro y hy
      have r := Edge_ends g (fresh g) y W ((Edge_add_vertex g (fresh g) e (fresh g) y).1 hy)
      exact Np r.1
    · intro x w
      rw [Wt_add_vertex]
      constructor
      · intro hw
        refine ⟨Or.inl hw, fun exp => Np ?_⟩
        rw [← exp]
        exact Wt_Vx g x w hw
      · intro hw
        cases hw.1 with
        | inl h1 => exact h1
        | inr h1 => exact absurd h1.1 hw.2
    · intro x y
      exact (Edge_add_vertex g (fresh g) e x y).symm

theorem refine_blowdown_leaf (g : PGraph) (p : Nat) (h : PGraph) (W : WGraph g)
    (H : apply_pmove g (PMove.BlowdownLeaf p) = some h) : ∃ (v : Nat), R1Leaf g h p v := by
  have H' : (if unit_at g p 1 = true then
      (match nbrs g p with
       | [v] => some (shift (delete g p) v (- weight_of g p))
       | _ => none) else none) = some h := H
  cases Aux.bool_cases (unit_at g p 1) with
  | inr hu =>
    rw [if_neg (Aux.not_true_of_false hu)] at H'
    cases H'
  | inl hu =>
    rw [if_pos hu] at H'
    have U := unit_at_spec g p 1 hu
    cases hn : nbrs g p with
    | nil =>
      rw [hn] at H'
      have H2 : (none : Option PGraph) = some h := H'
      cases H2
    | cons v r =>
      cases r with
      | cons v2 r2 =>
        rw [hn] at H'
        have H2 : (none : Option PGraph) = some h := H'
        cases H2
      | nil =>
        rw [hn] at H'
        have H2 : some (shift (delete g p) v (- weight_of g p)) = some h := H'
        cases H2
        have Ep : ∀ (y : Nat), Edge g p y ↔ y = v := by
          intro y
          constructor
          · intro hy
            have hin := (nbrs_In g p y).2 hy
            rw [hn] at hin
            cases Aux.mem_cons_inv hin with
            | inl e => exact e
            | inr h2 => exact absurd h2 (fun h3 => Aux.not_mem_nil h3)
          · intro ey
            apply (nbrs_In g p y).1
            rw [hn, ey]
            exact Aux.mem_head v []
        have Wp := weight_of_Wt g p W.wg_nodup U.1
        refine ⟨v, weight_of g p, U.2.1, Wp, Ep, ?_, ?_⟩
        · intro x w
          rw [Wt_shift, Wt_delete, Wt_delete]
          have ew : w - -weight_of g p = w + weight_of g p := by omega
          constructor
          · intro hw
            cases hw with
            | inl h1 =>
              refine ⟨h1.2.2, fun nxv => absurd h1.1 nxv, fun _ => ?_⟩
              have h3 := h1.2.1
              rw [ew, h1.1] at h3
              exact h3
            | inr h1 => exact ⟨h1.2.2, fun _ => h1.2.1, fun exv => absurd exv h1.1⟩
          · intro hw
            cases Nat.decEq x v with
            | isTrue exv =>
              refine Or.inl ⟨exv, ?_, hw.1⟩
              rw [ew, exv]
              exact hw.2.2 exv
            | isFalse nxv => exact Or.inr ⟨nxv, hw.2.1 nxv, hw.1⟩
        · intro x y
          rw [Edge_shift, Edge_delete]


namespace Aux

theorem nodup_filter {α : Type} (p : α → Bool) : ∀ (l : List α), NoDupL l → NoDupL (l.filter p)
  | [], _ => NoDupL.nil
  | a :: l, N => by
    have N2 := nodup_cons_inv N
    cases bool_cases (p a) with
    | inl hp =>
      rw [filter_cons_true p a l hp]
      exact NoDupL.cons (fun h => N2.1 (mem_filter_inv p l a h).1) (nodup_filter p l N2.2)
    | inr hp =>
      rw [filter_cons_false p a l hp]
      exact nodup_filter p l N2.2

end Aux

theorem sorted_insert_perm (x : Nat) : ∀ (l : List Nat), PermL (sorted_insert x l) (x :: l)
  | [] => Aux.perm_refl [x]
  | y :: l => by
    show PermL (if Nat.ble x y then x :: y :: l else y :: sorted_insert x l) (x :: y :: l)
    cases Aux.bool_cases (Nat.ble x y) with
    | inl hb =>
      rw [if_pos hb]
      exact Aux.perm_refl _
    | inr hb =>
      rw [if_neg (Aux.not_true_of_false hb)]
      exact PermL.trans _ _ _ (PermL.skip y _ _ (sorted_insert_perm x l)) (PermL.swap x y l)

theorem sort_nat_perm : ∀ (l : List Nat), PermL (sort_nat l) l
  | [] => PermL.nil
  | x :: l => by
    show PermL (sorted_insert x (l.foldr sorted_insert [])) (x :: l)
    exact PermL.trans _ _ _ (sorted_insert_perm x _) (PermL.skip x _ _ (sort_nat_perm l))

theorem In_pair_l (u : Nat) (l : List Nat) (a b : Nat) :
    (a, b) ∈ l.map (fun x => (u, x)) ↔ a = u ∧ b ∈ l := by
  constructor
  · intro h
    have ⟨c, hc, e⟩ := Aux.mem_map_inv (fun x : Nat => (u, x)) l (a, b) h
    have e1 : u = a := congrArg Prod.fst e
    have e2 : c = b := congrArg Prod.snd e
    refine ⟨e1.symm, ?_⟩
    rw [← e2]
    exact hc
  · intro h
    have hm := Aux.mem_map_intro (fun x : Nat => (u, x)) l b h.2
    rw [h.1]
    exact hm

theorem In_pair_r (p : Nat) (l : List Nat) (a b : Nat) :
    (a, b) ∈ l.map (fun x => (x, p)) ↔ a ∈ l ∧ b = p := by
  constructor
  · intro h
    have ⟨c, hc, e⟩ := Aux.mem_map_inv (fun x : Nat => (x, p)) l (a, b) h
    have e1 : c = a := congrArg Prod.fst e
    have e2 : p = b := congrArg Prod.snd e
    refine ⟨?_, e2.symm⟩
    rw [← e1]
    exact hc
  · intro h
    have hm := Aux.mem_map_intro (fun x : Nat => (x, p)) l a h.1
    rw [h.2]
    exact hm

theorem SimpleL_filter (f : Nat × Nat → Bool) (es : List (Nat × Nat)) (H : SimpleL es) :
    SimpleL (es.filter f) :=
  ⟨Aux.nodup_filter f es H.1, fun u v H1 H2 =>
    H.2 u v (Aux.mem_filter_inv f es (u, v) H1).1 (Aux.mem_filter_inv f es (v, u) H2).1⟩

theorem SimpleL_app (es new : List (Nat × Nat)) (S1 : SimpleL es) (S2 : SimpleL new)
    (H : ∀ (x y : Nat), (x, y) ∈ new → ¬ ((x, y) ∈ es) ∧ ¬ ((y, x) ∈ es)) : SimpleL (es ++ new) := by
  refine ⟨NoDup_app' es new S1.1 S2.1 (fun q hq hn => ?_), ?_⟩
  · cases q with
    | mk x y => exact (H x y hn).1 hq
  · intro u v Huv Hvu
    cases Aux.mem_app_or es new Huv with
    | inl A =>
      cases Aux.mem_app_or es new Hvu with
      | inl B => exact S1.2 u v A B
      | inr B => exact (H v u B).2 A
    | inr A =>
      cases Aux.mem_app_or es new Hvu with
      | inl B => exact (H u v A).2 B
      | inr B => exact S2.2 u v A B

theorem wgraph_delete (g : PGraph) (p : Nat) (W : WGraph g) : WGraph (delete g p) :=
  WGraph.mk (NoDup_rmv p g.pverts W.wg_nodup)
    (fun u v H => by
      have r0 := Aux.mem_filter_inv (fun e : Nat × Nat => !(touches p e)) g.pedges (u, v) H
      have nt := (Aux.not_touches p u v).1 r0.2
      have r := W.wg_ends u v r0.1
      exact ⟨(Vx_delete g p u).2 ⟨r.1, nt.1⟩, (Vx_delete g p v).2 ⟨r.2.1, nt.2⟩, r.2.2⟩)
    (Aux.nodup_filter (fun e : Nat × Nat => !(touches p e)) g.pedges W.wg_edges_nodup)
    (fun u v H1 H2 => W.wg_no_reverse u v
      (Aux.mem_filter_inv (fun e : Nat × Nat => !(touches p e)) g.pedges (u, v) H1).1
      (Aux.mem_filter_inv (fun e : Nat × Nat => !(touches p e)) g.pedges (v, u) H2).1)

theorem wgraph_shift (g : PGraph) (v : Nat) (d : Int) (W : WGraph g) : WGraph (shift g v d) :=
  WGraph.mk
    (by
      rw [ids_shift g v d]
      exact W.wg_nodup)
    (fun a b H => by
      have r := W.wg_ends a b H
      exact ⟨(Vx_shift g v d a).2 r.1, (Vx_shift g v d b).2 r.2.1, r.2.2⟩)
    W.wg_edges_nodup W.wg_no_reverse

theorem wgraph_remove_edge (g : PGraph) (u v : Nat) (W : WGraph g) : WGraph (remove_edge g u v) :=
  WGraph.mk W.wg_nodup
    (fun a b H => by
      have r := W.wg_ends a b
        (Aux.mem_filter_inv (fun e : Nat × Nat => !(same_edge u v e)) g.pedges (a, b) H).1
      exact ⟨r.1, r.2.1, r.2.2⟩)
    (Aux.nodup_filter (fun e : Nat × Nat => !(same_edge u v e)) g.pedges W.wg_edges_nodup)
    (fun a b H1 H2 => W.wg_no_reverse a b
      (Aux.mem_filter_inv (fun e : Nat × Nat => !(same_edge u v e)) g.pedges (a, b) H1).1
      (Aux.mem_filter_inv (fun e : Nat × Nat => !(same_edge u v e)) g.pedges (b, a) H2).1)

theorem wgraph_fold_remove (g : PGraph) (v : Nat) (ms : List Nat) (W : WGraph g) :
    WGraph (ms.foldl (fun acc x => remove_edge acc v x) g) := by
  induction ms generalizing g with
  | nil => exact W
  | cons m ms ih => exact ih (remove_edge g v m) (wgraph_remove_edge g v m W)

theorem wgraph_add_vertex (g : PGraph) (p : Nat) (a : Int) (W : WGraph g) (Np : ¬ Vx g p) :
    WGraph (add_vertex g p a) :=
  WGraph.mk
    (by
      rw [ids_add_vertex g p a]
      exact NoDup_app' _ [p] W.wg_nodup (NoDupL.cons (fun h => Aux.not_mem_nil h) NoDupL.nil)
        (fun x hx hp => by
          cases Aux.mem_cons_inv hp with
          | inl e =>
            rw [e] at hx
            exact Np hx
          | inr h2 => exact Aux.not_mem_nil h2))
    (fun u v H => by
      have r := W.wg_ends u v H
      exact ⟨(Vx_add_vertex g p a u).2 (Or.inl r.1), (Vx_add_vertex g p a v).2 (Or.inl r.2.1), r.2.2⟩)
    W.wg_edges_nodup W.wg_no_reverse

theorem increasing_lt (x : Nat) (l : List Nat) (H : increasing (x :: l) = true) :
    ∀ (y : Nat), y ∈ l → x < y := by
  induction l generalizing x with
  | nil => exact fun y hy => absurd hy (fun h => Aux.not_mem_nil h)
  | cons a l ih =>
    intro y hy
    have H' : (Nat.ble (x + 1) a && increasing (a :: l)) = true := H
    have s := and_true_split H'
    have hxa : x + 1 ≤ a := Nat.le_of_ble_eq_true s.1
    cases Aux.mem_cons_inv hy with
    | inl e =>
      rw [e]
      omega
    | inr hy' =>
      have h2 := ih a s.2 y hy'
      omega

theorem increasing_NoDup : ∀ (l : List Nat), increasing l = true → NoDupL l
  | [], _ => NoDupL.nil
  | x :: l, H => by
    have Hl : increasing l = true := by
      cases l with
      | nil => rfl
      | cons a l' =>
        have H' : (Nat.ble (x + 1) a && increasing (a :: l')) = true := H
        exact (and_true_split H').2
    refine NoDupL.cons ?_ (increasing_NoDup l Hl)
    intro hx
    have h2 := increasing_lt x l H x hx
    omega

/-! ### The checker's validity and isomorphism tests, read declaratively (ported so far: the list steps) -/

theorem nodup_nat_NoDup : ∀ (l : List Nat), nodup_nat l = true → NoDupL l
  | [], _ => NoDupL.nil
  | x :: l, H => by
    have H' : (!(mem x l) && nodup_nat l) = true := H
    have s := and_true_split H'
    refine NoDupL.cons ?_ (nodup_nat_NoDup l s.2)
    intro hx
    have s1 := s.1
    rw [(mem_In x l).2 hx] at s1
    exact absurd s1 (by decide)

theorem image_In : ∀ (bij : List (Nat × Nat)) (x y : Nat), NoDupL (bij.map Prod.fst) → (x, y) ∈ bij →
    image bij x = y
  | [], _, _, _, h => absurd h (fun h2 => Aux.not_mem_nil h2)
  | (a, b) :: bij, x, y, N, h => by
    have N2 := Aux.nodup_cons_inv (show NoDupL (a :: bij.map Prod.fst) from N)
    show (if Nat.beq a x then b else image bij x) = y
    cases Aux.mem_cons_inv h with
    | inl e =>
      have e1 : x = a := congrArg Prod.fst e
      have e2 : y = b := congrArg Prod.snd e
      rw [if_pos (Aux.beq_of_eq e1.symm), e2]
    | inr h2 =>
      have hax : a ≠ x := fun e => N2.1 (by rw [e]; exact Aux.mem_map_intro Prod.fst bij (x, y) h2)
      rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne hax))]
      exact image_In bij x y N2.2 h2

theorem snd_inj : ∀ (bij : List (Nat × Nat)) (a b y : Nat), NoDupL (bij.map Prod.snd) →
    (a, y) ∈ bij → (b, y) ∈ bij → a = b
  | [], _, _, _, _, Ha, _ => absurd Ha (fun h => Aux.not_mem_nil h)
  | (c, d) :: bij, a, b, y, N, Ha, Hb => by
    have N2 := Aux.nodup_cons_inv (show NoDupL (d :: bij.map Prod.snd) from N)
    cases Aux.mem_cons_inv Ha with
    | inl Ea =>
      cases Aux.mem_cons_inv Hb with
      | inl Eb =>
        have e1 : a = c := congrArg Prod.fst Ea
        have e2 : b = c := congrArg Prod.fst Eb
        rw [e1, e2]
      | inr Hb' =>
        have e2 : y = d := congrArg Prod.snd Ea
        exact absurd (by rw [← e2]; exact Aux.mem_map_intro Prod.snd bij (b, y) Hb') N2.1
    | inr Ha' =>
      cases Aux.mem_cons_inv Hb with
      | inl Eb =>
        have e2 : y = d := congrArg Prod.snd Eb
        exact absurd (by rw [← e2]; exact Aux.mem_map_intro Prod.snd bij (a, y) Ha') N2.1
      | inr Hb' => exact snd_inj bij a b y N2.2 Ha' Hb'

theorem nrm_eq (a b c d : Nat) (E : nrm (a, b) = nrm (c, d)) : (a = c ∧ b = d) ∨ (a = d ∧ b = c) := by
  have E' : (if Nat.ble a b then (a, b) else (b, a)) = (if Nat.ble c d then (c, d) else (d, c)) := E
  cases Aux.bool_cases (Nat.ble a b) with
  | inl h1 =>
    cases Aux.bool_cases (Nat.ble c d) with
    | inl h2 =>
      rw [if_pos h1, if_pos h2] at E'
      exact Or.inl ⟨congrArg Prod.fst E', congrArg Prod.snd E'⟩
    | inr h2 =>
      rw [if_pos h1, if_neg (Aux.not_true_of_false h2)] at E'
      exact Or.inr ⟨congrArg Prod.fst E', congrArg Prod.snd E'⟩
  | inr h1 =>
    cases Aux.bool_cases (Nat.ble c d) with
    | inl h2 =>
      rw [if_neg (Aux.not_true_of_false h1), if_pos h2] at E'
      exact Or.inr ⟨congrArg Prod.snd E', congrArg Prod.fst E'⟩
    | inr h2 =>
      rw [if_neg (Aux.not_true_of_false h1), if_neg (Aux.not_true_of_false h2)] at E'
      exact Or.inl ⟨congrArg Prod.snd E', congrArg Prod.fst E'⟩

theorem nrm_swap (a b : Nat) : nrm (b, a) = nrm (a, b) := by
  show (if Nat.ble b a then (b, a) else (a, b)) = (if Nat.ble a b then (a, b) else (b, a))
  cases Aux.bool_cases (Nat.ble b a) with
  | inl h1 =>
    cases Aux.bool_cases (Nat.ble a b) with
    | inl h2 =>
      have e : a = b := Nat.le_antisymm (Nat.le_of_ble_eq_true h2) (Nat.le_of_ble_eq_true h1)
      rw [if_pos h1, if_pos h2, e]
    | inr h2 => rw [if_pos h1, if_neg (Aux.not_true_of_false h2)]
  | inr h1 =>
    cases Aux.bool_cases (Nat.ble a b) with
    | inl h2 => rw [if_neg (Aux.not_true_of_false h1), if_pos h2]
    | inr h2 =>
      have c1 : ¬ (b ≤ a) := fun h => Aux.not_true_of_false h1 (Nat.ble_eq_true_of_le h)
      have c2 : ¬ (a ≤ b) := fun h => Aux.not_true_of_false h2 (Nat.ble_eq_true_of_le h)
      exfalso
      omega

namespace Aux

theorem false_of_not_true {b : Bool} (h : (!b) = true) : b = false := by
  cases b with
  | true => exact absurd h (by decide)
  | false => rfl

end Aux

theorem acyclic_triangle (g : PGraph) (p u v : Nat) (W : WGraph g) (A : Acyclic g)
    (Hpu : Edge g p u) (Hpv : Edge g p v) (Huv : Edge g u v) : False := by
  have E1 := Edge_ends g p u W Hpu
  have E2 := Edge_ends g p v W Hpv
  have E3 := Edge_ends g u v W Huv
  have mp : p ∈ [p, u, v] := Aux.mem_head p [u, v]
  have mu : u ∈ [p, u, v] := Aux.mem_tail p (Aux.mem_head u [v])
  have mv : v ∈ [p, u, v] := Aux.mem_tail p (Aux.mem_tail u (Aux.mem_head v []))
  have C : Core g [p, u, v] := by
    intro x hx
    cases Aux.mem_cons_inv hx with
    | inl e =>
      rw [e]
      exact ⟨E1.1, u, v, E3.2.2, mu, mv, Hpu, Hpv⟩
    | inr hx2 =>
      cases Aux.mem_cons_inv hx2 with
      | inl e =>
        rw [e]
        exact ⟨E1.2.1, p, v, E2.2.2, mp, mv, Edge_sym g p u Hpu, Huv⟩
      | inr hx3 =>
        cases Aux.mem_cons_inv hx3 with
        | inl e =>
          rw [e]
          exact ⟨E2.2.1, p, u, E1.2.2, mp, mu, Edge_sym g p v Hpv, Edge_sym g u v Huv⟩
        | inr hx4 => exact absurd hx4 (fun h => Aux.not_mem_nil h)
  have h := A [p, u, v] C
  cases h

theorem acyclic_square (g : PGraph) (z u v y : Nat) (W : WGraph g) (A : Acyclic g)
    (Hzu : Edge g z u) (Hzv : Edge g z v) (Huy : Edge g u y) (Hvy : Edge g v y) (Nuv : u ≠ v)
    (Nyz : y ≠ z) : False := by
  have E1 := Edge_ends g z u W Hzu
  have E2 := Edge_ends g z v W Hzv
  have E3 := Edge_ends g u y W Huy
  have mz : z ∈ [z, u, v, y] := Aux.mem_head z [u, v, y]
  have mu : u ∈ [z, u, v, y] := Aux.mem_tail z (Aux.mem_head u [v, y])
  have mv : v ∈ [z, u, v, y] := Aux.mem_tail z (Aux.mem_tail u (Aux.mem_head v [y]))
  have my : y ∈ [z, u, v, y] := Aux.mem_tail z (Aux.mem_tail u (Aux.mem_tail v (Aux.mem_head y [])))
  have Nzy : z ≠ y := fun e => Nyz e.symm
  have C : Core g [z, u, v, y] := by
    intro x hx
    cases Aux.mem_cons_inv hx with
    | inl e =>
      rw [e]
      exact ⟨E1.1, u, v, Nuv, mu, mv, Hzu, Hzv⟩
    | inr hx2 =>
      cases Aux.mem_cons_inv hx2 with
      | inl e =>
        rw [e]
        exact ⟨E1.2.1, z, y, Nzy, mz, my, Edge_sym g z u Hzu, Huy⟩
      | inr hx3 =>
        cases Aux.mem_cons_inv hx3 with
        | inl e =>
          rw [e]
          exact ⟨E2.2.1, z, y, Nzy, mz, my, Edge_sym g z v Hzv, Hvy⟩
        | inr hx4 =>
          cases Aux.mem_cons_inv hx4 with
          | inl e =>
            rw [e]
            exact ⟨E3.2.1, u, v, Nuv, mu, mv, Edge_sym g u y Huy, Edge_sym g v y Hvy⟩
          | inr hx5 => exact absurd hx5 (fun h => Aux.not_mem_nil h)
  have h := A [z, u, v, y] C
  cases h

theorem edges_simple_spec (g : PGraph) : ∀ (es seen : List (Nat × Nat)), edges_simple es seen g = true →
    (∀ (u v : Nat), (u, v) ∈ es → Vx g u ∧ Vx g v ∧ u ≠ v) ∧
    (∀ (u v : Nat), (u, v) ∈ es → ¬ ((u, v) ∈ seen) ∧ ¬ ((v, u) ∈ seen)) ∧ SimpleL es
  | [], _, _ =>
    ⟨fun _ _ h => absurd h (fun h2 => Aux.not_mem_nil h2), fun _ _ h => absurd h (fun h2 => Aux.not_mem_nil h2),
      ⟨NoDupL.nil, fun _ _ h => absurd h (fun h2 => Aux.not_mem_nil h2)⟩⟩
  | (u, v) :: es, seen, H => by
    have H' : ((((has_vertex g u && has_vertex g v) && !(Nat.beq u v)) && !(seen.any (same_edge u v)))
        && edges_simple es ((u, v) :: seen) g) = true := H
    have s1 := and_true_split H'
    have s2 := and_true_split s1.1
    have s3 := and_true_split s2.1
    have s4 := and_true_split s3.1
    have Vu := (has_vertex_Vx g u).1 s4.1
    have Vv := (has_vertex_Vx g v).1 s4.2
    have Nuv : u ≠ v := Aux.ne_of_not_beq s3.2
    have hany : seen.any (same_edge u v) = false := Aux.false_of_not_true s2.2
    have NS1 : ¬ ((u, v) ∈ seen) := fun hin => Aux.not_true_of_false hany
      (Aux.any_intro (same_edge u v) seen (u, v) hin ((same_edge_spec u v (u, v)).2 (Or.inl rfl)))
    have NS2 : ¬ ((v, u) ∈ seen) := fun hin => Aux.not_true_of_false hany
      (Aux.any_intro (same_edge u v) seen (v, u) hin ((same_edge_spec u v (v, u)).2 (Or.inr rfl)))
    have IH := edges_simple_spec g es ((u, v) :: seen) s1.2
    refine ⟨?_, ?_, ⟨?_, ?_⟩⟩
    · intro a b hab
      cases Aux.mem_cons_inv hab with
      | inl e =>
        have e1 : a = u := congrArg Prod.fst e
        have e2 : b = v := congrArg Prod.snd e
        rw [e1, e2]
        exact ⟨Vu, Vv, Nuv⟩
      | inr h2 => exact IH.1 a b h2
    · intro a b hab
      cases Aux.mem_cons_inv hab with
      | inl e =>
        have e1 : a = u := congrArg Prod.fst e
        have e2 : b = v := congrArg Prod.snd e
        rw [e1, e2]
        exact ⟨NS1, NS2⟩
      | inr h2 =>
        have r := IH.2.1 a b h2
        exact ⟨fun hin => r.1 (Aux.mem_tail (u, v) hin), fun hin => r.2 (Aux.mem_tail (u, v) hin)⟩
    · exact NoDupL.cons (fun hin => (IH.2.1 u v hin).1 (Aux.mem_head (u, v) seen)) IH.2.2.1
    · intro a b hab hba
      cases Aux.mem_cons_inv hab with
      | inl e =>
        have e1 : a = u := congrArg Prod.fst e
        have e2 : b = v := congrArg Prod.snd e
        rw [e1, e2] at hba
        cases Aux.mem_cons_inv hba with
        | inl e' =>
          have e3 : v = u := congrArg Prod.fst e'
          exact Nuv e3.symm
        | inr h3 => exact (IH.2.1 v u h3).2 (Aux.mem_head (u, v) seen)
      | inr h2 =>
        cases Aux.mem_cons_inv hba with
        | inl e' =>
          have e3 : b = u := congrArg Prod.fst e'
          have e4 : a = v := congrArg Prod.snd e'
          rw [e3, e4] at h2
          exact (IH.2.1 v u h2).2 (Aux.mem_head (u, v) seen)
        | inr h3 => exact IH.2.2.2 a b h2 h3

theorem prune_step_core (g : PGraph) (S : List Nat) (C : Core g S) :
    let leaves := (ids g).filter (fun v => Nat.ble (degree g v) 1)
    Core (PGraph.mk_pgraph (g.pverts.filter (fun p => !(mem p.1 leaves)))
                           (g.pedges.filter (fun e => !(mem e.1 leaves || mem e.2 leaves)))) S := by
  intro leaves
  have NL : ∀ (x : Nat), x ∈ S → mem x leaves = false := by
    intro x hx
    have ⟨_, y1, y2, N, _, _, E1, E2⟩ := C x hx
    apply Aux.bool_false_of_not
    intro hm
    have hin := (mem_In x leaves).1 hm
    have hd := (Aux.mem_filter_inv (fun v => Nat.ble (degree g v) 1) (ids g) x hin).2
    have hd' : degree g x ≤ 1 := Nat.le_of_ble_eq_true hd
    have L := two_le_length (nbrs g x) y1 y2 ((nbrs_In g x y1).2 E1) ((nbrs_In g x y2).2 E2) N
    have hdeg : degree g x = (nbrs g x).length := rfl
    omega
  intro x hx
  have ⟨Vg, y1, y2, N, I1, I2, E1, E2⟩ := C x hx
  have edge_keep : ∀ (y : Nat), y ∈ S → Edge g x y →
      Edge (PGraph.mk_pgraph (g.pverts.filter (fun p => !(mem p.1 leaves)))
        (g.pedges.filter (fun e => !(mem e.1 leaves || mem e.2 leaves)))) x y := by
    intro y hy Exy
    have c1 : (!(mem x leaves || mem y leaves)) = true := by
      rw [NL x hx, NL y hy] <;> rfl
    have c2 : (!(mem y leaves || mem x leaves)) = true := by
      rw [NL x hx, NL y hy] <;> rfl
    cases Exy with
    | inl h1 =>
      exact Or.inl (Aux.mem_filter_intro (fun e : Nat × Nat => !(mem e.1 leaves || mem e.2 leaves))
        g.pedges (x, y) h1 c1)
    | inr h1 =>
      exact Or.inr (Aux.mem_filter_intro (fun e : Nat × Nat => !(mem e.1 leaves || mem e.2 leaves))
        g.pedges (y, x) h1 c2)
  refine ⟨?_, y1, y2, N, I1, I2, edge_keep y1 I1 E1, edge_keep y2 I2 E2⟩
  have ⟨w, hw⟩ := (Vx_Wt g x).1 Vg
  apply in_ids _ x w
  apply Aux.mem_filter_intro (fun p : Nat × Int => !(mem p.1 leaves)) g.pverts (x, w) hw
  show (!(mem x leaves)) = true
  rw [NL x hx] <;> rfl

theorem prune_acyclic : ∀ (fuel : Nat) (g : PGraph), prune fuel g = true → Acyclic g
  | 0, g, H => by
    intro S C
    cases S with
    | nil => rfl
    | cons x S' =>
      exfalso
      have Vg : x ∈ g.pverts.map Prod.fst := (C x (Aux.mem_head x S')).1
      cases g with
      | mk_pgraph vs es =>
        cases vs with
        | nil => exact Aux.not_mem_nil Vg
        | cons q qs =>
          have H2 : false = true := H
          cases H2
  | f + 1, g, H => by
    intro S C
    cases S with
    | nil => rfl
    | cons x S' =>
      have Hc := prune_step_core g (x :: S') C
      have Vg : x ∈ g.pverts.map Prod.fst := (C x (Aux.mem_head x S')).1
      cases g with
      | mk_pgraph vs es =>
        cases vs with
        | nil => exact absurd Vg (fun h => Aux.not_mem_nil h)
        | cons q qs =>
          simp only [prune] at H
          split at H
          next => exact absurd H (by decide)
          next => exact prune_acyclic f _ H (x :: S') Hc

theorem valid_forest_WForest (g : PGraph) (H : valid_forest g = true) : WForest g := by
  have H' : ((nodup_nat (ids g) && edges_simple g.pedges [] g) && prune (g.pverts.length + 1) g) = true := H
  have s1 := and_true_split H'
  have s2 := and_true_split s1.1
  have E := edges_simple_spec g g.pedges [] s2.2
  exact ⟨⟨nodup_nat_NoDup (ids g) s2.1, E.1, E.2.2.1, E.2.2.2⟩, prune_acyclic _ g s1.2⟩

theorem wgraph_add_edges (g : PGraph) (new : List (Nat × Nat)) (W : WGraph g) (Sn : SimpleL new)
    (Hn : ∀ (x y : Nat), (x, y) ∈ new → Vx g x ∧ Vx g y ∧ x ≠ y ∧ ¬ Edge g x y) :
    WGraph (add_edges g new) := by
  have S : SimpleL (g.pedges ++ new) :=
    SimpleL_app g.pedges new ⟨W.wg_edges_nodup, W.wg_no_reverse⟩ Sn
      (fun x y hxy => ⟨fun h => (Hn x y hxy).2.2.2 (Or.inl h), fun h => (Hn x y hxy).2.2.2 (Or.inr h)⟩)
  exact WGraph.mk W.wg_nodup
    (fun u v H => by
      cases Aux.mem_app_or g.pedges new H with
      | inl h1 => exact W.wg_ends u v h1
      | inr h1 =>
        have r := Hn u v h1
        exact ⟨r.1, r.2.1, r.2.2.1⟩)
    S.1 S.2

theorem refine_blowup_leaf (g : PGraph) (v : Nat) (e : Int) (h : PGraph) (W : WGraph g)
    (H : apply_pmove g (PMove.BlowupLeaf v e) = some h) : R1Leaf h g (fresh g) v := by
  have H' : (if (has_vertex g v && unit_sign e) = true then
      some (shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e) else none) = some h := H
  cases Aux.bool_cases (has_vertex g v && unit_sign e) with
  | inr hc =>
    rw [if_neg (Aux.not_true_of_false hc)] at H'
    cases H'
  | inl hc =>
    rw [if_pos hc] at H'
    cases H'
    have s := and_true_split hc
    have Vv := (has_vertex_Vx g v).1 s.1
    have Ue := unit_sign_Unit e s.2
    have Np := fresh_not_Vx g
    have Hvp : v ≠ fresh g := fun e1 => Np (by rw [← e1]; exact Vv)
    have hmem : ∀ (a b : Nat), (a, b) ∈ [(v, fresh g)] → a = v ∧ b = fresh g := by
      intro a b hab
      cases Aux.mem_cons_inv hab with
      | inl e1 => exact ⟨congrArg Prod.fst e1, congrArg Prod.snd e1⟩
      | inr h2 => exact absurd h2 (fun h3 => Aux.not_mem_nil h3)
    refine ⟨e, Ue, ?_, ?_, ?_, ?_⟩
    · apply (Wt_shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e (fresh g) e).2
      exact Or.inr ⟨fun e1 => Hvp e1.symm, (Wt_add_vertex g (fresh g) e (fresh g) e).2 (Or.inr ⟨rfl, rfl⟩)⟩
    · intro y
      constructor
      · intro hy
        cases (Edge_add_edges (add_vertex g (fresh g) e) [(v, fresh g)] (fresh g) y).1 hy with
        | inl h1 => exact absurd (Edge_ends g (fresh g) y W h1).1 Np
        | inr h1 =>
          cases h1 with
          | inl h2 => exact absurd (hmem _ _ h2).1.symm Hvp
          | inr h2 => exact (hmem _ _ h2).1
      · intro ey
        rw [ey]
        exact (Edge_add_edges (add_vertex g (fresh g) e) [(v, fresh g)] (fresh g) v).2
          (Or.inr (Or.inr (Aux.mem_head (v, fresh g) [])))
    · intro x w
      constructor
      · intro Wx
        have Hxp : x ≠ fresh g := fun e1 => Np (by rw [← e1]; exact Wt_Vx g x w Wx)
        refine ⟨Hxp, fun hxv => ?_, fun exv => ?_⟩
        · exact (Wt_shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e x w).2
            (Or.inr ⟨hxv, (Wt_add_vertex g (fresh g) e x w).2 (Or.inl Wx)⟩)
        · have ew : w + e - e = w := by omega
          apply (Wt_shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e v (w + e)).2
          refine Or.inl ⟨rfl, ?_⟩
          apply (Wt_add_vertex g (fresh g) e v (w + e - e)).2
          apply Or.inl
          rw [ew, ← exv]
          exact Wx
      · intro hw
        have ⟨Hxp, H1, H2⟩ := hw
        cases Nat.decEq x v with
        | isTrue exv =>
          cases (Wt_shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e v (w + e)).1 (H2 exv) with
          | inl h1 =>
            cases (Wt_add_vertex g (fresh g) e v (w + e - e)).1 h1.2 with
            | inl h2 =>
              have ew : w + e - e = w := by omega
              rw [ew] at h2
              rw [exv]
              exact h2
            | inr h2 => exact absurd h2.1 Hvp
          | inr h1 => exact absurd rfl h1.1
        | isFalse nxv =>
          cases (Wt_shift (add_edges (add_vertex g (fresh g) e) [(v, fresh g)]) v e x w).1 (H1 nxv) with
          | inl h1 => exact absurd h1.1 nxv
          | inr h1 =>
            cases (Wt_add_vertex g (fresh g) e x w).1 h1.2 with
            | inl h2 => exact h2
            | inr h2 => exact absurd h2.1 Hxp
    · intro x y
      constructor
      · intro hxy
        have EE := Edge_ends g x y W hxy
        exact ⟨(Edge_add_edges (add_vertex g (fresh g) e) [(v, fresh g)] x y).2 (Or.inl hxy),
          fun e1 => Np (by rw [← e1]; exact EE.1), fun e1 => Np (by rw [← e1]; exact EE.2.1)⟩
      · intro hxy
        have ⟨h1, hxp, hyp⟩ := hxy
        cases (Edge_add_edges (add_vertex g (fresh g) e) [(v, fresh g)] x y).1 h1 with
        | inl h2 => exact h2
        | inr h2 =>
          cases h2 with
          | inl h3 => exact absurd (hmem _ _ h3).2 hyp
          | inr h3 => exact absurd (hmem _ _ h3).2 hxp

theorem Wt_fold_remove (g : PGraph) (v : Nat) (ms : List Nat) (x : Nat) (w : Int) :
    Wt (ms.foldl (fun acc y => remove_edge acc v y) g) x w ↔ Wt g x w := by
  induction ms generalizing g with
  | nil => exact Iff.rfl
  | cons m ms ih => exact (ih (remove_edge g v m)).trans (Wt_remove_edge g v m x w)

theorem Vx_fold_remove (g : PGraph) (v : Nat) (ms : List Nat) (x : Nat) :
    Vx (ms.foldl (fun acc y => remove_edge acc v y) g) x ↔ Vx g x := by
  constructor
  · intro h
    have ⟨w, hw⟩ := (Vx_Wt _ x).1 h
    exact Wt_Vx g x w ((Wt_fold_remove g v ms x w).1 hw)
  · intro h
    have ⟨w, hw⟩ := (Vx_Wt g x).1 h
    exact Wt_Vx _ x w ((Wt_fold_remove g v ms x w).2 hw)

theorem Edge_fold_remove (g : PGraph) (v : Nat) (ms : List Nat) (x y : Nat) :
    Edge (ms.foldl (fun acc z => remove_edge acc v z) g) x y ↔
      Edge g x y ∧ ¬ (x = v ∧ y ∈ ms) ∧ ¬ (y = v ∧ x ∈ ms) := by
  induction ms generalizing g with
  | nil =>
    constructor
    · intro h
      exact ⟨h, fun hc => Aux.not_mem_nil hc.2, fun hc => Aux.not_mem_nil hc.2⟩
    · intro h
      exact h.1
  | cons m ms ih =>
    have e1 := ih (remove_edge g v m)
    have e2 := Edge_remove_edge g v m x y
    constructor
    · intro h
      have r1 := e1.1 h
      have r2 := e2.1 r1.1
      refine ⟨r2.1, ?_, ?_⟩
      · intro hc
        cases Aux.mem_cons_inv hc.2 with
        | inl eym => exact r2.2.1 ⟨hc.1, eym⟩
        | inr hin => exact r1.2.1 ⟨hc.1, hin⟩
      · intro hc
        cases Aux.mem_cons_inv hc.2 with
        | inl exm => exact r2.2.2 ⟨exm, hc.1⟩
        | inr hin => exact r1.2.2 ⟨hc.1, hin⟩
    · intro h
      apply e1.2
      refine ⟨e2.2 ⟨h.1, fun hc => h.2.1 ⟨hc.1, ?_⟩, fun hc => h.2.2 ⟨hc.2, ?_⟩⟩,
        fun hc => h.2.1 ⟨hc.1, Aux.mem_tail m hc.2⟩, fun hc => h.2.2 ⟨hc.1, Aux.mem_tail m hc.2⟩⟩
      · rw [hc.2]
        exact Aux.mem_head m ms
      · rw [hc.1]
        exact Aux.mem_head m ms

/-! ### Neumann's moves keep forests forests (ported so far: the point and leaf moves) -/

theorem acyclic_sub (g h : PGraph) (p : Nat)
    (HE : ∀ (x y : Nat), Edge h x y → x ≠ p → y ≠ p → Edge g x y)
    (HV : ∀ (x : Nat), Vx h x → x ≠ p → Vx g x)
    (Hp : ∀ (y1 y2 : Nat), Edge h p y1 → Edge h p y2 → y1 = y2) (A : Acyclic g) : Acyclic h := by
  intro S C
  have NP : ¬ (p ∈ S) := by
    intro hin
    have ⟨_, y1, y2, N, _, _, E1, E2⟩ := C p hin
    exact N (Hp y1 y2 E1 E2)
  apply A S
  intro x hx
  have ⟨Vh, y1, y2, N, I1, I2, E1, E2⟩ := C x hx
  have nxp : x ≠ p := fun e => NP (by rw [← e]; exact hx)
  have n1 : y1 ≠ p := fun e => NP (by rw [← e]; exact I1)
  have n2 : y2 ≠ p := fun e => NP (by rw [← e]; exact I2)
  exact ⟨HV x Vh nxp, y1, y2, N, I1, I2, HE x y1 E1 nxp n1, HE x y2 E2 nxp n2⟩

theorem acyclic_R1Point (g h : PGraph) (p : Nat) (R : R1Point g h p) (A : Acyclic g) : Acyclic h := by
  have ⟨_, _, _, Np, HW, HE⟩ := R
  refine acyclic_sub g h p (fun x y H _ _ => (HE x y).1 H) ?_ ?_ A
  · intro x hx _
    have ⟨w, hw⟩ := (Vx_Wt h x).1 hx
    exact Wt_Vx g x w ((HW x w).1 hw).1
  · intro y1 y2 H1
    exact absurd ((HE p y1).1 H1) (Np y1)

theorem acyclic_R1Point_rev (g h : PGraph) (p : Nat) (R : R1Point h g p) (A : Acyclic g) : Acyclic h := by
  have ⟨_, _, _, Np, HW, HE⟩ := R
  refine acyclic_sub g h p (fun x y H _ _ => (HE x y).2 H) ?_ ?_ A
  · intro x hx hxp
    have ⟨w, hw⟩ := (Vx_Wt h x).1 hx
    exact Wt_Vx g x w ((HW x w).2 ⟨hw, hxp⟩)
  · intro y1 y2 H1
    exact absurd H1 (Np y1)

theorem acyclic_R1Leaf (g h : PGraph) (p v : Nat) (R : R1Leaf g h p v) (A : Acyclic g) : Acyclic h := by
  have ⟨e, _, _, _, HW, HE⟩ := R
  refine acyclic_sub g h p (fun x y H _ _ => ((HE x y).1 H).1) ?_ ?_ A
  · intro x hx _
    have ⟨w, hw⟩ := (Vx_Wt h x).1 hx
    have r := (HW x w).1 hw
    cases Nat.decEq x v with
    | isTrue exv =>
      have h2 := r.2.2 exv
      rw [exv]
      exact Wt_Vx g v (w + e) h2
    | isFalse nxv => exact Wt_Vx g x w (r.2.1 nxv)
  · intro y1 y2 H1
    exact absurd rfl ((HE p y1).1 H1).2.1

theorem acyclic_R1Leaf_rev (g h : PGraph) (p v : Nat) (R : R1Leaf h g p v) (A : Acyclic g) :
    Acyclic h := by
  have ⟨e, _, _, Ep, HW, HE⟩ := R
  refine acyclic_sub g h p (fun x y H hx hy => (HE x y).2 ⟨H, hx, hy⟩) ?_ ?_ A
  · intro x hx hxp
    have ⟨w, hw⟩ := (Vx_Wt h x).1 hx
    cases Nat.decEq x v with
    | isTrue exv =>
      apply Wt_Vx g x (w - e)
      apply (HW x (w - e)).2
      refine ⟨hxp, fun nxv => absurd exv nxv, fun _ => ?_⟩
      have ew : w - e + e = w := by omega
      rw [ew, ← exv]
      exact hw
    | isFalse nxv =>
      apply Wt_Vx g x w
      exact (HW x w).2 ⟨hxp, fun _ => hw, fun exv => absurd exv nxv⟩
  · intro y1 y2 H1 H2
    rw [(Ep y1).1 H1, (Ep y2).1 H2]

theorem core_nonempty (g : PGraph) (S S' : List Nat) (A : Acyclic g) (C : Core g S')
    (H : ∀ (x : Nat), x ∈ S → ∃ (y : Nat), y ∈ S') : S = [] := by
  cases S with
  | nil => rfl
  | cons x S =>
    exfalso
    have ⟨y, hy⟩ := H x (Aux.mem_head x S)
    rw [A S' C] at hy
    exact Aux.not_mem_nil hy

/-! ## Examples (the Coq file computes them with `vm_compute`) -/

/-- The negative `E8` plumbing, `|det Q| = 1`. -/
def e8 : PGraph :=
  PGraph.mk_pgraph [(0, -2), (1, -2), (2, -2), (3, -2), (4, -2), (5, -2), (6, -2), (7, -2)]
                   [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (2, 7)]

/-- One vertex of weight `-2`, `|det Q| = 2`. -/
def a1 : PGraph := PGraph.mk_pgraph [(0, -2)] []

/-- The chain `(-1) — (-2)` blows down to the empty graph. -/
def neumann_chain_cert : PlumbingCert :=
  PlumbingCert.mk_plumbing_cert (PGraph.mk_pgraph [(0, -1), (1, -2)] [(0, 1)]) (PGraph.mk_pgraph [] [])
    [PMove.BlowdownLeaf 0, PMove.BlowdownPoint 1] []

/-! ## The statements proved in Coq (not proved here) -/

/-- Coq `apply_pmove_refines`. -/
def apply_pmove_refines_statement : Prop :=
  ∀ (g : PGraph) (m : PMove) (h : PGraph), WForest g → apply_pmove g m = some h → NeumannStep g h

/-- Coq `check_plumbing_spec`. -/
def check_plumbing_spec_statement : Prop :=
  ∀ (c : PlumbingCert), check_plumbing c = true →
    WForest c.pc_a ∧ WForest c.pc_b ∧ NeumannEquiv c.pc_a c.pc_b

/-- Coq `check_plumbing_det`. -/
def check_plumbing_det_statement : Prop :=
  ∀ (c : PlumbingCert), check_plumbing c = true → (detQ c.pc_a).natAbs = (detQ c.pc_b).natAbs

/-! ## Appendix: `Acyclic` means "no cycle" (Coq proves `Acyclic_iff_no_cycle`) -/

/-- Consecutive vertices of the list are joined. -/
def Path (g : PGraph) : List Nat → Prop
  | x :: rest@(y :: _) => Edge g x y ∧ Path g rest
  | _ => True

/-- A cycle: at least three distinct vertices, consecutive ones joined, the last joined to the
first. -/
def Cycle (g : PGraph) (c : List Nat) : Prop :=
  3 ≤ c.length ∧ NoDupL c ∧ Path g c ∧ Edge g (c.getLastD 0) (c.headD 0)

/-- A neighbour of `x` in `T` other than `p` (the first one), if any. -/
def pick (g : PGraph) (x p : Nat) : List Nat → Option Nat
  | [] => none
  | y :: r => if edgeb g x y && !(Nat.beq y p) then some y else pick g x p r

/-- `n` steps of a walk inside `T` that never goes straight back (Coq: `no_cycle_Acyclic`). -/
def walk (g : PGraph) (T : List Nat) : Nat → Nat → Nat → List Nat
  | 0, _, x => [x]
  | n + 1, p, x => x :: (match pick g x p T with
                         | some y => walk g T n x y
                         | none => [])

/-- No immediate return: of three consecutive vertices, the third is not the first. -/
def NB : List Nat → Prop
  | a :: r@(_ :: c :: _) => c ≠ a ∧ NB r
  | _ => True

/-! ### Appendix, first half: a forest has no cycle (`WForest_no_cycle`; the converse
`no_cycle_Acyclic` and `Acyclic_iff_no_cycle` are not ported yet) -/

namespace Aux

theorem app_nil {α : Type} : ∀ (l : List α), l ++ [] = l
  | [] => rfl
  | x :: l => by
    show x :: (l ++ []) = x :: l
    rw [app_nil l]

theorem app_assoc' {α : Type} : ∀ (a b c : List α), (a ++ b) ++ c = a ++ (b ++ c)
  | [], _, _ => rfl
  | x :: a, b, c => by
    show x :: ((a ++ b) ++ c) = x :: (a ++ (b ++ c))
    rw [app_assoc' a b c]

theorem length_append_single {α : Type} (x : α) : ∀ (l : List α), (l ++ [x]).length = l.length + 1
  | [] => rfl
  | _ :: l => by
    show (l ++ [x]).length + 1 = l.length + 1 + 1
    rw [length_append_single x l]

theorem getLastD_append_single (x d : Nat) : ∀ (l : List Nat), (l ++ [x]).getLastD d = x
  | [] => rfl
  | [_] => rfl
  | a :: b :: l => by
    have ih := getLastD_append_single x d (b :: l)
    have e : ((a :: b :: l) ++ [x]).getLastD d = ((b :: l) ++ [x]).getLastD d := rfl
    rw [e, ih]

end Aux

theorem Path_app (g : PGraph) : ∀ (l : List Nat) (x : Nat), l ≠ [] → Path g l →
    Edge g (l.getLastD 0) x → Path g (l ++ [x])
  | [], _, Hne, _, _ => absurd rfl Hne
  | [_], _, _, _, E => ⟨E, trivial⟩
  | a :: b :: l, x, _, P, E => by
    have P' : Edge g a b ∧ Path g (b :: l) := P
    have E' : Edge g ((b :: l).getLastD 0) x := E
    exact ⟨P'.1, Path_app g (b :: l) x (fun h => by cases h) P'.2 E'⟩

theorem last_in : ∀ (l : List Nat) (d : Nat), l ≠ [] → l.getLastD d ∈ l
  | [], _, H => absurd rfl H
  | [a], _, _ => Aux.mem_head a []
  | a :: b :: l, d, _ => Aux.mem_tail a (last_in (b :: l) d (fun h => by cases h))

theorem Cycle_rotate (g : PGraph) (x : Nat) (r : List Nat) (C : Cycle g (x :: r)) : Cycle g (r ++ [x]) := by
  have ⟨L, N, P, E⟩ := C
  cases r with
  | nil =>
    have L' : 3 ≤ 1 := L
    exact absurd L' (by decide)
  | cons y r =>
    have P' : Edge g x y ∧ Path g (y :: r) := P
    refine ⟨?_, ?_, ?_, ?_⟩
    · have h1 : (r ++ [x]).length = r.length + 1 := Aux.length_append_single x r
      have L' : 3 ≤ r.length + 1 + 1 := L
      show 3 ≤ (r ++ [x]).length + 1
      omega
    · have Pm := Aux.perm_sym _ _ (Aux.perm_middle x (y :: r) [])
      rw [Aux.app_nil (y :: r)] at Pm
      exact Aux.perm_nodup _ _ Pm N
    · exact Path_app g (y :: r) x (fun h => by cases h) P'.2 E
    · have e1 : ((y :: r) ++ [x]).getLastD 0 = x := Aux.getLastD_append_single x 0 (y :: r)
      rw [e1]
      exact P'.1

theorem Cycle_rotate_n (g : PGraph) : ∀ (l1 l2 : List Nat), Cycle g (l1 ++ l2) → Cycle g (l2 ++ l1)
  | [], l2, C => by
    rw [Aux.app_nil l2]
    exact C
  | a :: l1, l2, C => by
    have C1 := Cycle_rotate g a (l1 ++ l2) C
    rw [Aux.app_assoc' l1 l2 [a]] at C1
    have C2 := Cycle_rotate_n g l1 (l2 ++ [a]) C1
    rw [Aux.app_assoc' l2 [a] l1] at C2
    exact C2

theorem Cycle_Core (g : PGraph) (c : List Nat) (W : WGraph g) (C : Cycle g c) : Core g c := by
  intro x hx
  have ⟨l1, l2, ec⟩ := Aux.mem_split x c hx
  rw [ec] at C
  have C' : Cycle g (x :: (l2 ++ l1)) := Cycle_rotate_n g l1 (x :: l2) C
  have Mem : ∀ (z : Nat), z ∈ x :: (l2 ++ l1) → z ∈ c := by
    intro z hz
    rw [ec]
    cases Aux.mem_cons_inv hz with
    | inl e =>
      rw [e]
      exact Aux.mem_app_r (x :: l2) (Aux.mem_head x l2) l1
    | inr h2 =>
      cases Aux.mem_app_or l2 l1 h2 with
      | inl h3 => exact Aux.mem_app_r (x :: l2) (Aux.mem_tail x h3) l1
      | inr h3 => exact Aux.mem_app_l (x :: l2) l1 h3
  have ⟨L, N, P, E⟩ := C'
  cases hR : l2 ++ l1 with
  | nil =>
    rw [hR] at L
    have L' : 3 ≤ 1 := L
    exact absurd L' (by decide)
  | cons y r =>
    rw [hR] at L N P E Mem
    have P' : Edge g x y ∧ Path g (y :: r) := P
    have E' : Edge g ((y :: r).getLastD 0) x := E
    cases r with
    | nil =>
      have L' : 3 ≤ 2 := L
      exact absurd L' (by decide)
    | cons t r' =>
      have N1 := Aux.nodup_cons_inv N
      have N2 := Aux.nodup_cons_inv N1.2
      have hlast : (y :: t :: r').getLastD 0 = (t :: r').getLastD 0 := rfl
      have lin := last_in (t :: r') 0 (fun h => by cases h)
      refine ⟨(Edge_ends g x y W P'.1).1, y, (y :: t :: r').getLastD 0, ?_, Mem y ?_, Mem _ ?_, P'.1,
        Edge_sym g _ x E'⟩
      · intro ey
        rw [hlast] at ey
        apply N2.1
        rw [ey]
        exact lin
      · exact Aux.mem_tail x (Aux.mem_head y _)
      · exact Aux.mem_tail x (Aux.mem_tail y (by rw [hlast]; exact lin))

/-- A weighted forest in the sense of `WForest` has no cycle. -/
theorem WForest_no_cycle (g : PGraph) (F : WForest g) : ∀ (c : List Nat), ¬ Cycle g c := by
  intro c C
  have E := F.wf_acyclic c (Cycle_Core g c F.wf_graph C)
  have L := C.1
  rw [E] at L
  exact absurd L (by decide)

/-! ### Appendix, second half: steps towards `no_cycle_Acyclic` (ported so far: the list lemmas) -/

theorem pick_spec (g : PGraph) (x p : Nat) :
    ∀ (T : List Nat) (y : Nat), pick g x p T = some y → y ∈ T ∧ Edge g x y ∧ y ≠ p
  | [], y, H => by
    have H' : (none : Option Nat) = some y := H
    cases H'
  | a :: T, y, H => by
    have H' : (if (edgeb g x a && !(Nat.beq a p)) = true then some a else pick g x p T) = some y := H
    cases Aux.bool_cases (edgeb g x a && !(Nat.beq a p)) with
    | inl hc =>
      rw [if_pos hc] at H'
      have ey : a = y := Option.some.inj H'
      rw [← ey]
      have s := and_true_split hc
      exact ⟨Aux.mem_head a T, (edgeb_Edge g x a).1 s.1, Aux.ne_of_not_beq s.2⟩
    | inr hc =>
      rw [if_neg (Aux.not_true_of_false hc)] at H'
      have r := pick_spec g x p T y H'
      exact ⟨Aux.mem_tail a r.1, r.2.1, r.2.2⟩

theorem pick_none (g : PGraph) (x p : Nat) :
    ∀ (T : List Nat), pick g x p T = none → ∀ (y : Nat), y ∈ T → Edge g x y → y = p
  | [], _, _, hy, _ => absurd hy (fun h => Aux.not_mem_nil h)
  | a :: T, H, y, hy, Hxy => by
    have H' : (if (edgeb g x a && !(Nat.beq a p)) = true then some a else pick g x p T) = none := H
    cases Aux.bool_cases (edgeb g x a && !(Nat.beq a p)) with
    | inl hc =>
      rw [if_pos hc] at H'
      cases H'
    | inr hc =>
      rw [if_neg (Aux.not_true_of_false hc)] at H'
      cases Aux.mem_cons_inv hy with
      | inl eya =>
        rw [eya] at Hxy
        have he : edgeb g x a = true := (edgeb_Edge g x a).2 Hxy
        rw [he] at hc
        have hc2 : (!(Nat.beq a p)) = false := hc
        cases Nat.decEq a p with
        | isTrue eap => rw [eya, eap]
        | isFalse nap => exact absurd hc2 (by rw [Aux.not_beq_of_ne nap]; decide)
      | inr hy' => exact pick_none g x p T H' y hy' Hxy

theorem walk_head (g : PGraph) (T : List Nat) (n p x : Nat) : ∃ (r : List Nat), walk g T n p x = x :: r := by
  cases n with
  | zero => exact ⟨[], rfl⟩
  | succ n => exact ⟨_, rfl⟩

theorem walk_props (g : PGraph) (T : List Nat) (C : Core g T) : ∀ (n p x : Nat), x ∈ T →
    (walk g T n p x).length = n + 1 ∧ (∀ (z : Nat), z ∈ walk g T n p x → z ∈ T) ∧
    Path g (walk g T n p x) ∧ NB (p :: walk g T n p x)
  | 0, p, x, Hx => by
    refine ⟨rfl, ?_, trivial, trivial⟩
    intro z hz
    cases Aux.mem_cons_inv hz with
    | inl e =>
      rw [e]
      exact Hx
    | inr h => exact absurd h (fun h2 => Aux.not_mem_nil h2)
  | n + 1, p, x, Hx => by
    cases hpk : pick g x p T with
    | none =>
      exfalso
      have ⟨_, y1, y2, N, I1, I2, E1, E2⟩ := C x Hx
      apply N
      rw [pick_none g x p T hpk y1 I1 E1, pick_none g x p T hpk y2 I2 E2]
    | some y =>
      have ⟨Hy, Exy, Nyp⟩ := pick_spec g x p T y hpk
      have ⟨L, M, P, N⟩ := walk_props g T C n x y Hy
      have ⟨r, Er⟩ := walk_head g T n x y
      have Ew : walk g T (n + 1) p x = x :: walk g T n x y := by
        show (x :: (match pick g x p T with
                    | some y => walk g T n x y
                    | none => [])) = x :: walk g T n x y
        rw [hpk] <;> rfl
      rw [Ew]
      rw [Er] at L M P N ⊢
      refine ⟨?_, ?_, ⟨Exy, P⟩, ⟨Nyp, N⟩⟩
      · have L' : r.length + 1 = n + 1 := L
        show r.length + 1 + 1 = n + 1 + 1
        omega
      · intro z hz
        cases Aux.mem_cons_inv hz with
        | inl e =>
          rw [e]
          exact Hx
        | inr h => exact M z h

theorem Path_app_inv (g : PGraph) : ∀ (l1 l2 : List Nat), Path g (l1 ++ l2) → Path g l1 ∧ Path g l2
  | [], _, P => ⟨trivial, P⟩
  | [_], [], _ => ⟨trivial, trivial⟩
  | [a], b :: l2, P => by
    have P' : Edge g a b ∧ Path g (b :: l2) := P
    exact ⟨trivial, P'.2⟩
  | a :: b :: l1, l2, P => by
    have P' : Edge g a b ∧ Path g (b :: (l1 ++ l2)) := P
    have IH := Path_app_inv g (b :: l1) l2 P'.2
    exact ⟨⟨P'.1, IH.1⟩, IH.2⟩

theorem NB_tail (a : Nat) : ∀ (l : List Nat), NB (a :: l) → NB l
  | [], _ => trivial
  | [_], _ => trivial
  | b :: c :: l, H => (show c ≠ a ∧ NB (b :: c :: l) from H).2

theorem NB_app_inv : ∀ (l1 l2 : List Nat), NB (l1 ++ l2) → NB l1 ∧ NB l2
  | [], _, H => ⟨trivial, H⟩
  | [a], l2, H => ⟨trivial, NB_tail a l2 H⟩
  | [a, b], l2, H => by
    refine ⟨trivial, ?_⟩
    cases l2 with
    | nil => exact trivial
    | cons c l2 =>
      have H' : c ≠ a ∧ NB (b :: c :: l2) := H
      exact NB_tail b (c :: l2) H'.2
  | a :: b :: c :: l1, l2, H => by
    have H' : c ≠ a ∧ NB (b :: c :: (l1 ++ l2)) := H
    have IH := NB_app_inv (b :: c :: l1) l2 H'.2
    exact ⟨⟨H'.1, IH.1⟩, IH.2⟩

theorem Path_last (g : PGraph) : ∀ (l : List Nat) (y : Nat), l ≠ [] → Path g (l ++ [y]) →
    Edge g (l.getLastD 0) y
  | [], _, H, _ => absurd rfl H
  | [a], y, _, P => (show Edge g a y ∧ Path g [y] from P).1
  | a :: b :: l, y, _, P =>
    Path_last g (b :: l) y (fun h => by cases h) (show Edge g a b ∧ Path g (b :: (l ++ [y])) from P).2

theorem NoDup_app_l : ∀ (l1 l2 : List Nat), NoDupL (l1 ++ l2) → NoDupL l1
  | [], _, _ => NoDupL.nil
  | a :: l1, l2, H => by
    have N := Aux.nodup_cons_inv (show NoDupL (a :: (l1 ++ l2)) from H)
    exact NoDupL.cons (fun h => N.1 (Aux.mem_app_l l2 l1 h)) (NoDup_app_l l1 l2 N.2)

namespace Aux

theorem nodup_nat_of_NoDup : ∀ (l : List Nat), NoDupL l → nodup_nat l = true
  | [], _ => rfl
  | x :: l, N => by
    have N2 := nodup_cons_inv N
    show (!(mem x l) && nodup_nat l) = true
    have hm : mem x l = false := bool_false_of_not (fun h => N2.1 ((mem_In x l).1 h))
    rw [hm, nodup_nat_of_NoDup l N2.2] <;> rfl

/-- Remove the first occurrence of `a` (for the pigeonhole step of `no_cycle_Acyclic`). -/
def erase1 (a : Nat) : List Nat → List Nat
  | [] => []
  | b :: t => if Nat.beq b a then t else b :: erase1 a t

theorem erase1_length (a : Nat) : ∀ (T : List Nat), a ∈ T → (erase1 a T).length + 1 = T.length
  | [], h => absurd h (fun h2 => not_mem_nil h2)
  | b :: t, h => by
    show (if Nat.beq b a then t else b :: erase1 a t).length + 1 = t.length + 1
    cases Nat.decEq b a with
    | isTrue e => rw [if_pos (beq_of_eq e)]
    | isFalse ne =>
      rw [if_neg (not_true_of_false (beq_of_ne ne))]
      have h' : a ∈ t := by
        cases mem_cons_inv h with
        | inl e => exact absurd e.symm ne
        | inr h2 => exact h2
      have ih := erase1_length a t h'
      show (erase1 a t).length + 1 + 1 = t.length + 1
      omega

theorem mem_erase1 (a z : Nat) : ∀ (T : List Nat), z ∈ T → z ≠ a → z ∈ erase1 a T
  | [], h, _ => absurd h (fun h2 => not_mem_nil h2)
  | b :: t, h, hza => by
    show z ∈ (if Nat.beq b a then t else b :: erase1 a t)
    cases Nat.decEq b a with
    | isTrue e =>
      rw [if_pos (beq_of_eq e)]
      cases mem_cons_inv h with
      | inl ezb => exact absurd (ezb.trans e) hza
      | inr h2 => exact h2
    | isFalse ne =>
      rw [if_neg (not_true_of_false (beq_of_ne ne))]
      cases mem_cons_inv h with
      | inl ezb =>
        rw [ezb]
        exact mem_head b (erase1 a t)
      | inr h2 => exact mem_tail b (mem_erase1 a z t h2 hza)

/-- Coq's `NoDup_incl_length` (pigeonhole). -/
theorem nodup_incl_length : ∀ (l T : List Nat), NoDupL l → (∀ (z : Nat), z ∈ l → z ∈ T) →
    l.length ≤ T.length
  | [], _, _, _ => Nat.zero_le _
  | a :: r, T, N, H => by
    have N2 := nodup_cons_inv N
    have ha : a ∈ T := H a (mem_head a r)
    have hl := erase1_length a T ha
    have ih := nodup_incl_length r (erase1 a T) N2.2 (fun z hz =>
      mem_erase1 a z T (H z (mem_tail a hz)) (fun e => N2.1 (by rw [← e]; exact hz)))
    show r.length + 1 ≤ T.length
    omega

end Aux

theorem dup_split : ∀ (l : List Nat), ¬ NoDupL l →
    ∃ (pre : List Nat) (x : Nat) (mid post : List Nat), l = pre ++ x :: mid ++ x :: post ∧ NoDupL (x :: mid)
  | [], H => absurd NoDupL.nil H
  | a :: r, H => by
    cases Aux.bool_cases (nodup_nat r) with
    | inl hr =>
      have Nr := nodup_nat_NoDup r hr
      have Ha : a ∈ r := by
        cases Aux.bool_cases (mem a r) with
        | inl hm => exact (mem_In a r).1 hm
        | inr hm =>
          exact absurd (NoDupL.cons (fun h => Aux.not_true_of_false hm ((mem_In a r).2 h)) Nr) H
      have ⟨mid, post, er⟩ := Aux.mem_split a r Ha
      have Nr' : NoDupL (mid ++ a :: post) := by
        rw [← er]
        exact Nr
      have Nc := Aux.nodup_cons_inv (Aux.perm_nodup _ _ (Aux.perm_middle a mid post) Nr')
      exact ⟨[], a, mid, post, congrArg (fun t => a :: t) er,
        NoDupL.cons (fun h => Nc.1 (Aux.mem_app_l post mid h)) (NoDup_app_l mid (a :: post) Nr')⟩
    | inr hr =>
      have Nr : ¬ NoDupL r := fun h => Aux.not_true_of_false hr (Aux.nodup_nat_of_NoDup r h)
      have ⟨pre, x, mid, post, E, N⟩ := dup_split r Nr
      exact ⟨a :: pre, x, mid, post, congrArg (fun t => a :: t) E, N⟩

theorem no_cycle_Acyclic (g : PGraph) (W : WGraph g) (NC : ∀ (c : List Nat), ¬ Cycle g c) : Acyclic g := by
  intro T C
  cases T with
  | nil => rfl
  | cons x0 T0 =>
    exfalso
    have ⟨L, M, P, N⟩ := walk_props g (x0 :: T0) C (x0 :: T0).length x0 x0 (Aux.mem_head x0 T0)
    have ND : ¬ NoDupL (walk g (x0 :: T0) (x0 :: T0).length x0 x0) := by
      intro h
      have hle := Aux.nodup_incl_length _ _ h M
      omega
    have N' := NB_tail x0 _ N
    have ⟨pre, x, mid, post, El, NDx⟩ := dup_split _ ND
    have e1 : (mid ++ [x]) ++ post = mid ++ x :: post := Aux.app_assoc' mid [x] post
    have Seg : walk g (x0 :: T0) (x0 :: T0).length x0 x0 = pre ++ ((x :: (mid ++ [x])) ++ post) :=
      El.trans (congrArg (fun t => pre ++ x :: t) e1.symm)
    rw [Seg] at P N'
    have P1 : Path g (x :: (mid ++ [x])) :=
      (Path_app_inv g (x :: (mid ++ [x])) post (Path_app_inv g pre _ P).2).1
    have N1 : NB (x :: (mid ++ [x])) := (NB_app_inv (x :: (mid ++ [x])) post (NB_app_inv pre _ N').2).1
    apply NC (x :: mid)
    refine ⟨?_, NDx, (Path_app_inv g (x :: mid) [x] P1).1, Path_last g (x :: mid) x (fun h => by cases h) P1⟩
    cases mid with
    | nil =>
      have P2 : Edge g x x ∧ Path g [x] := P1
      exact absurd rfl (Edge_ends g x x W P2.1).2.2
    | cons y mid' =>
      cases mid' with
      | nil =>
        have N2 : x ≠ x ∧ NB [y, x] := N1
        exact absurd rfl N2.1
      | cons z mid'' =>
        show 3 ≤ mid''.length + 1 + 1 + 1
        omega

/-- On a simple graph, `Acyclic` is exactly "no cycle". -/
theorem Acyclic_iff_no_cycle (g : PGraph) (W : WGraph g) : Acyclic g ↔ ∀ (c : List Nat), ¬ Cycle g c :=
  ⟨fun A => WForest_no_cycle g ⟨W, A⟩, fun NC => no_cycle_Acyclic g W NC⟩

/-! ### Two more list facts of Part 2 -/

theorem ids_delete (g : PGraph) (v : Nat) :
    (delete g v).pverts.map Prod.fst = (g.pverts.map Prod.fst).filter (fun x => !(Nat.beq x v)) := by
  show (g.pverts.filter (fun p : Nat × Int => !(Nat.beq p.1 v))).map Prod.fst
    = (g.pverts.map Prod.fst).filter (fun x => !(Nat.beq x v))
  generalize g.pverts = l
  induction l with
  | nil => rfl
  | cons q l ih =>
    cases Aux.bool_cases (Nat.beq q.1 v) with
    | inl hb =>
      rw [Aux.filter_cons_false (fun p : Nat × Int => !(Nat.beq p.1 v)) q l
        (Aux.not_beq_of_eq (Nat.eq_of_beq_eq_true hb))]
      show _ = (q.1 :: l.map Prod.fst).filter (fun x => !(Nat.beq x v))
      rw [Aux.filter_cons_false (fun x => !(Nat.beq x v)) q.1 (l.map Prod.fst)
        (Aux.not_beq_of_eq (Nat.eq_of_beq_eq_true hb))]
      exact ih
    | inr hb =>
      rw [Aux.filter_cons_true (fun p : Nat × Int => !(Nat.beq p.1 v)) q l
        (Aux.not_beq_of_ne (Nat.ne_of_beq_eq_false hb))]
      show q.1 :: _ = (q.1 :: l.map Prod.fst).filter (fun x => !(Nat.beq x v))
      rw [Aux.filter_cons_true (fun x => !(Nat.beq x v)) q.1 (l.map Prod.fst)
        (Aux.not_beq_of_ne (Nat.ne_of_beq_eq_false hb)), ih]

theorem nbrs_NoDup (g : PGraph) (v : Nat) (W : WGraph g) : NoDupL (nbrs g v) := by
  apply NoDup_map_on (other_end v) (g.pedges.filter (touches v))
    (Aux.nodup_filter (touches v) g.pedges W.wg_edges_nodup)
  intro e1 e2 h1 h2 E
  have r1 := Aux.mem_filter_inv (touches v) g.pedges e1 h1
  have r2 := Aux.mem_filter_inv (touches v) g.pedges e2 h2
  cases e1 with
  | mk a b =>
    cases e2 with
    | mk c d =>
      have E' : (if Nat.beq a v then b else a) = (if Nat.beq c v then d else c) := E
      have t1 : (Nat.beq a v || Nat.beq b v) = true := r1.2
      have t2 : (Nat.beq c v || Nat.beq d v) = true := r2.2
      cases Nat.decEq a v with
      | isTrue eav =>
        cases Nat.decEq c v with
        | isTrue ecv =>
          rw [if_pos (Aux.beq_of_eq eav), if_pos (Aux.beq_of_eq ecv)] at E'
          rw [eav, ecv, E']
        | isFalse ncv =>
          rw [if_pos (Aux.beq_of_eq eav), if_neg (Aux.not_true_of_false (Aux.beq_of_ne ncv))] at E'
          rw [Aux.beq_of_ne ncv] at t2
          have t2' : Nat.beq d v = true := t2
          have edv : d = v := Nat.eq_of_beq_eq_true t2'
          exfalso
          apply W.wg_no_reverse a b r1.1
          rw [E', eav, ← edv]
          exact r2.1
      | isFalse nav =>
        rw [Aux.beq_of_ne nav] at t1
        have t1' : Nat.beq b v = true := t1
        have ebv : b = v := Nat.eq_of_beq_eq_true t1'
        cases Nat.decEq c v with
        | isTrue ecv =>
          rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne nav)), if_pos (Aux.beq_of_eq ecv)] at E'
          exfalso
          apply W.wg_no_reverse c d r2.1
          rw [← E', ecv, ← ebv]
          exact r1.1
        | isFalse ncv =>
          rw [if_neg (Aux.not_true_of_false (Aux.beq_of_ne nav)),
            if_neg (Aux.not_true_of_false (Aux.beq_of_ne ncv))] at E'
          rw [Aux.beq_of_ne ncv] at t2
          have t2' : Nat.beq d v = true := t2
          have edv : d = v := Nat.eq_of_beq_eq_true t2'
          rw [E', ebv, edv]

theorem refine_blowdown_edge (g : PGraph) (p : Nat) (h : PGraph) (F : WForest g)
    (H : apply_pmove g (PMove.BlowdownEdge p) = some h) : ∃ (u v : Nat), R1Edge g h p u v := by
  have W := F.wf_graph
  have A := F.wf_acyclic
  have H' : (if unit_at g p 2 = true then
      (match nbrs g p with
       | [u, v] => some (shift (shift (add_edges (delete g p) [(u, v)]) u (- weight_of g p)) v (- weight_of g p))
       | _ => none) else none) = some h := H
  cases Aux.bool_cases (unit_at g p 2) with
  | inr hu =>
    rw [if_neg (Aux.not_true_of_false hu)] at H'
    cases H'
  | inl hu =>
    rw [if_pos hu] at H'
    have U := unit_at_spec g p 2 hu
    have ND := nbrs_NoDup g p W
    cases hn : nbrs g p with
    | nil =>
      rw [hn] at H'
      have H2 : (none : Option PGraph) = some h := H'
      cases H2
    | cons u r =>
      cases r with
      | nil =>
        rw [hn] at H'
        have H2 : (none : Option PGraph) = some h := H'
        cases H2
      | cons v r2 =>
        cases r2 with
        | cons w3 r3 =>
          rw [hn] at H'
          have H2 : (none : Option PGraph) = some h := H'
          cases H2
        | nil =>
          rw [hn] at H'
          have H2 : some (shift (shift (add_edges (delete g p) [(u, v)]) u (- weight_of g p)) v
              (- weight_of g p)) = some h := H'
          cases H2
          rw [hn] at ND
          have Nd := Aux.nodup_cons_inv ND
          have Huv : u ≠ v := fun e => Nd.1 (by rw [e]; exact Aux.mem_head v [])
          have Ep : ∀ (y : Nat), Edge g p y ↔ y = u ∨ y = v := by
            intro y
            constructor
            · intro hy
              have hin := (nbrs_In g p y).2 hy
              rw [hn] at hin
              cases Aux.mem_cons_inv hin with
              | inl e => exact Or.inl e
              | inr h2 =>
                cases Aux.mem_cons_inv h2 with
                | inl e => exact Or.inr e
                | inr h3 => exact absurd h3 (fun h4 => Aux.not_mem_nil h4)
            · intro hy
              apply (nbrs_In g p y).1
              rw [hn]
              cases hy with
              | inl e =>
                rw [e]
                exact Aux.mem_head u [v]
              | inr e =>
                rw [e]
                exact Aux.mem_tail u (Aux.mem_head v [])
          have Hpu : Edge g p u := (Ep u).2 (Or.inl rfl)
          have Hpv : Edge g p v := (Ep v).2 (Or.inr rfl)
          have Wp := weight_of_Wt g p W.wg_nodup U.1
          have single : ∀ (a b : Nat), (a, b) ∈ [(u, v)] ↔ a = u ∧ b = v := by
            intro a b
            constructor
            · intro hab
              cases Aux.mem_cons_inv hab with
              | inl e1 => exact ⟨congrArg Prod.fst e1, congrArg Prod.snd e1⟩
              | inr h2 => exact absurd h2 (fun h3 => Aux.not_mem_nil h3)
            · intro hab
              rw [hab.1, hab.2]
              exact Aux.mem_head (u, v) []
          refine ⟨u, v, weight_of g p, U.2.1, Wp, Huv, Ep,
            fun Huv' => acyclic_triangle g p u v W A Hpu Hpv Huv', ?_, ?_⟩
          · intro x w
            have ew : w - -weight_of g p = w + weight_of g p := by omega
            constructor
            · intro hw
              cases (Wt_shift _ v (-weight_of g p) x w).1 hw with
              | inl h1 =>
                cases (Wt_shift _ u (-weight_of g p) x (w - -weight_of g p)).1 h1.2 with
                | inl h2 => exact absurd (h2.1.symm.trans h1.1) Huv
                | inr h2 =>
                  have h3 := (Wt_delete g p x (w - -weight_of g p)).1 h2.2
                  rw [ew] at h3
                  exact ⟨h3.2, fun _ nxv => absurd h1.1 nxv, fun _ => h3.1⟩
              | inr h1 =>
                cases (Wt_shift _ u (-weight_of g p) x w).1 h1.2 with
                | inl h2 =>
                  have h3 := (Wt_delete g p x (w - -weight_of g p)).1 h2.2
                  rw [ew] at h3
                  exact ⟨h3.2, fun nxu _ => absurd h2.1 nxu, fun _ => h3.1⟩
                | inr h2 =>
                  have h3 := (Wt_delete g p x w).1 h2.2
                  refine ⟨h3.2, fun _ _ => h3.1, fun o => ?_⟩
                  cases o with
                  | inl e1 => exact absurd e1 h2.1
                  | inr e1 => exact absurd e1 h1.1
            · intro hw
              have ⟨Hxp, H1, H2⟩ := hw
              apply (Wt_shift _ v (-weight_of g p) x w).2
              cases Nat.decEq x v with
              | isTrue exv =>
                refine Or.inl ⟨exv, ?_⟩
                apply (Wt_shift _ u (-weight_of g p) x (w - -weight_of g p)).2
                refine Or.inr ⟨fun exu => Huv (exu.symm.trans exv), ?_⟩
                apply (Wt_delete g p x (w - -weight_of g p)).2
                rw [ew]
                exact ⟨H2 (Or.inr exv), Hxp⟩
              | isFalse nxv =>
                refine Or.inr ⟨nxv, ?_⟩
                apply (Wt_shift _ u (-weight_of g p) x w).2
                cases Nat.decEq x u with
                | isTrue exu =>
                  refine Or.inl ⟨exu, ?_⟩
                  apply (Wt_delete g p x (w - -weight_of g p)).2
                  rw [ew]
                  exact ⟨H2 (Or.inl exu), Hxp⟩
                | isFalse nxu => exact Or.inr ⟨nxu, (Wt_delete g p x w).2 ⟨H1 nxu nxv, Hxp⟩⟩
          · intro x y
            constructor
            · intro hxy
              cases (Edge_add_edges (delete g p) [(u, v)] x y).1 hxy with
              | inl h1 => exact Or.inl ((Edge_delete g p x y).1 h1)
              | inr h1 =>
                cases h1 with
                | inl h2 => exact Or.inr (Or.inl ((single x y).1 h2))
                | inr h2 =>
                  have r := (single y x).1 h2
                  exact Or.inr (Or.inr ⟨r.2, r.1⟩)
            · intro hxy
              apply (Edge_add_edges (delete g p) [(u, v)] x y).2
              cases hxy with
              | inl h1 => exact Or.inl ((Edge_delete g p x y).2 h1)
              | inr h1 =>
                cases h1 with
                | inl h2 => exact Or.inr (Or.inl ((single x y).2 h2))
                | inr h2 => exact Or.inr (Or.inr ((single y x).2 ⟨h2.2, h2.1⟩))

end KnotCert.PlumbingSpec
