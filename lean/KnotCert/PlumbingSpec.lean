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

**Definitions only (plus a few one-line theorems).** Every definition of the Coq file is mirrored
here with the same name and the same meaning: the declarative graph vocabulary (`Wt`, `Vx`,
`Edge`, `WGraph`, `Core`, `Acyclic`, `WForest`, `Iso`), Neumann's moves as pictures (`R1Point`,
`R1Leaf`, `R1Edge`, `R3Absorb`, `Shrink`), the calculus (`NeumannStep`, `NeumannEquiv`) and the
determinant of the plumbing matrix (`sumZ`, `rmv`, `Dn`, `Dl`, `edgeb`, `detQ`). The Coq proofs
(about 2,000 lines: refinement of every move of `apply_pmove`, preservation of simple forests,
`valid_forest → WForest`, `iso_ok → Iso`, and `|det Q|` invariance) are **not** ported: a
theorem cannot be stated in Lean without a proof, and placeholder proofs are not allowed. Their Coq names are
listed, with this reason, in `PLUMBINGSPEC_COQ_ONLY`. The statements of the four main theorems
are recorded below as propositions (`*_statement`, Lean-only), so that a Lean reader sees exactly
what Coq proves:

```
apply_pmove_refines : ∀ g m h, WForest g → apply_pmove g m = some h → NeumannStep g h
check_plumbing_spec : ∀ c, check_plumbing c = true →
                        WForest c.pc_a ∧ WForest c.pc_b ∧ NeumannEquiv c.pc_a c.pc_b
neumann_step_det    : ∀ g h, NeumannStep g h → (detQ g).natAbs = (detQ h).natAbs
check_plumbing_det  : ∀ c, check_plumbing c = true → (detQ c.pc_a).natAbs = (detQ c.pc_b).natAbs
```

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

def rmv (y : Nat) (l : List (Nat × Int)) : List (Nat × Int) := l.filter (fun q => !(Nat.beq q.1 y))

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

/-- Coq `neumann_step_det`. -/
def neumann_step_det_statement : Prop :=
  ∀ (g h : PGraph), NeumannStep g h → (detQ g).natAbs = (detQ h).natAbs

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

end KnotCert.PlumbingSpec
