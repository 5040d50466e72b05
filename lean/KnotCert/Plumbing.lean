/-!
# KnotCert.Plumbing: the plumbing calculus of pybridge certificates (core Lean 4)

A mirror of `coq/theories/Plumbing.v` and of the trusted Python checker
`pybridge/certs/plumbing_checker.py`; the specification is `docs/certificates.md`, section 5:
Neumann's moves R1–R3 on weighted plumbing forests (W. D. Neumann, "A calculus for plumbing",
Trans. AMS 268 (1981)). Names follow the Coq file (`valid_forest`, `fresh`, `apply_pmove`,
`run_plumb`, `iso_ok`, `check_plumbing`, `PStep`, `PReach`, `PIso`, `PEquiv`,
`check_plumbing_sound`); types are capitalised as in `Braid.lean` (`PGraph`, `PMove`,
`PlumbingCert`). `plumb_final_ok` and `and_true_split` are Lean-only helpers (the Coq
`check_plumbing` inlines the match).

Namespace. Every declaration lives in `KnotCert.Plumbing`, the Coq module path of `Plumbing.v`:
its generic names (`mem`, `ids`, `delete`, `other_end`, ...) must not meet those of `Braid.lean`
and `PD.lean` (which share the namespace `KnotCert`; `PD.lean` has its own `other_end`) when
`KnotCert.lean` imports all of them. Generated modules write every name in full
(`KnotCert.Plumbing.check_plumbing`).

Every function is structurally recursive (or uses explicit fuel) and every test is a `Bool`, so
`check_plumbing c = true` is proved by `decide`. Core Lean only. This file has not been compiled
in pybridge's own CI (no Lean toolchain there); the Coq file is the checked twin.
-/

namespace KnotCert.Plumbing

/-- Vertices `(id, weight)` and edges `(u, v)` (unordered). -/
structure PGraph where
  mk_pgraph ::
  pverts : List (Nat × Int)
  pedges : List (Nat × Nat)

def ids (g : PGraph) : List Nat := g.pverts.map Prod.fst

def mem (x : Nat) (l : List Nat) : Bool := l.any (fun y => Nat.beq x y)

def nodup_nat : List Nat → Bool
  | [] => true
  | x :: rest => !(mem x rest) && nodup_nat rest

def has_vertex (g : PGraph) (v : Nat) : Bool := mem v (ids g)

def weight_in (v : Nat) : List (Nat × Int) → Int
  | [] => 0
  | (x, w) :: rest => if Nat.beq x v then w else weight_in v rest

def weight_of (g : PGraph) (v : Nat) : Int := weight_in v g.pverts

def same_edge (u v : Nat) (e : Nat × Nat) : Bool :=
  (Nat.beq e.1 u && Nat.beq e.2 v) || (Nat.beq e.1 v && Nat.beq e.2 u)

def adjacent (g : PGraph) (u v : Nat) : Bool := g.pedges.any (same_edge u v)

def touches (v : Nat) (e : Nat × Nat) : Bool := Nat.beq e.1 v || Nat.beq e.2 v

def other_end (v : Nat) (e : Nat × Nat) : Nat := if Nat.beq e.1 v then e.2 else e.1

def nbrs (g : PGraph) (v : Nat) : List Nat := (g.pedges.filter (touches v)).map (other_end v)

def degree (g : PGraph) (v : Nat) : Nat := (nbrs g v).length

/-- `max id + 1`, or `0` for the empty graph. -/
def fresh (g : PGraph) : Nat := (ids g).foldl (fun acc x => Nat.max acc (x + 1)) 0

def delete (g : PGraph) (v : Nat) : PGraph :=
  PGraph.mk_pgraph (g.pverts.filter (fun p => !(Nat.beq p.1 v))) (g.pedges.filter (fun e => !(touches v e)))

def shift (g : PGraph) (v : Nat) (d : Int) : PGraph :=
  PGraph.mk_pgraph (g.pverts.map (fun p => if Nat.beq p.1 v then (p.1, p.2 + d) else p)) g.pedges

def add_vertex (g : PGraph) (v : Nat) (w : Int) : PGraph := PGraph.mk_pgraph (g.pverts ++ [(v, w)]) g.pedges

def add_edges (g : PGraph) (es : List (Nat × Nat)) : PGraph := PGraph.mk_pgraph g.pverts (g.pedges ++ es)

def remove_edge (g : PGraph) (u v : Nat) : PGraph :=
  PGraph.mk_pgraph g.pverts (g.pedges.filter (fun e => !(same_edge u v e)))

/-! ## Validity: a simple forest -/

def edges_simple : List (Nat × Nat) → List (Nat × Nat) → PGraph → Bool
  | [], _, _ => true
  | (u, v) :: rest, seen, g =>
    has_vertex g u && has_vertex g v && !(Nat.beq u v) && !(seen.any (same_edge u v))
      && edges_simple rest ((u, v) :: seen) g

/-- Delete every vertex of degree `<= 1`, repeatedly (fuel); a simple graph is a forest iff this
empties it. The fuel is matched first (Coq matches the vertex list first): the same function,
with the recursive call on the fuel's predecessor in plain sight of the structural-recursion check. -/
def prune : Nat → PGraph → Bool
  | 0, g =>
    match g.pverts with
    | [] => true
    | _ :: _ => false
  | f + 1, g =>
    match g.pverts with
    | [] => true
    | _ :: _ =>
      let leaves := (ids g).filter (fun v => Nat.ble (degree g v) 1)
      match leaves with
      | [] => false
      | _ :: _ =>
        prune f (PGraph.mk_pgraph (g.pverts.filter (fun p => !(mem p.1 leaves)))
                                  (g.pedges.filter (fun e => !(mem e.1 leaves || mem e.2 leaves))))

def valid_forest (g : PGraph) : Bool :=
  nodup_nat (ids g) && edges_simple g.pedges [] g && prune (g.pverts.length + 1) g

/-! ## Moves -/

inductive PMove where
  | BlowupLeaf (v : Nat) (e : Int)
  | BlowdownLeaf (p : Nat)
  | BlowupEdge (u v : Nat) (e : Int)
  | BlowdownEdge (p : Nat)
  | BlowupPoint (e : Int)
  | BlowdownPoint (p : Nat)
  | Absorb (z : Nat)
  | Split (v : Nat) (a : Int) (moving : List Nat)

def unit_sign (e : Int) : Bool := decide (e = 1) || decide (e = -1)

def unit_at (g : PGraph) (p d : Nat) : Bool :=
  has_vertex g p && unit_sign (weight_of g p) && Nat.beq (degree g p) d

/-- Strictly increasing. Coq: `x :: (y :: _) as rest => Nat.ltb x y && increasing rest`; here the
recursive call is on the tail variable itself (plainly structural), the comparison with the next
element (if any) beside it. -/
def increasing : List Nat → Bool
  | [] => true
  | x :: rest =>
    (match rest with
     | [] => true
     | y :: _ => Nat.ble (x + 1) y) && increasing rest

def sorted_insert (x : Nat) : List Nat → List Nat
  | [] => [x]
  | y :: rest => if Nat.ble x y then x :: y :: rest else y :: sorted_insert x rest

def sort_nat (l : List Nat) : List Nat := l.foldr sorted_insert []

/-- One move, with exactly the preconditions of the §5 moves table; `none` when one fails. -/
def apply_pmove (g : PGraph) : PMove → Option PGraph
  | PMove.BlowupLeaf v e =>
    if has_vertex g v && unit_sign e then
      let p := fresh g
      some (shift (add_edges (add_vertex g p e) [(v, p)]) v e)
    else none
  | PMove.BlowdownLeaf p =>
    if unit_at g p 1 then
      match nbrs g p with
      | [v] => some (shift (delete g p) v (- weight_of g p))
      | _ => none
    else none
  | PMove.BlowupEdge u v e =>
    if has_vertex g u && has_vertex g v && unit_sign e && adjacent g u v && !(Nat.beq u v) then
      let p := fresh g
      some (shift (shift (add_edges (add_vertex (remove_edge g u v) p e) [(u, p), (p, v)]) u e) v e)
    else none
  | PMove.BlowdownEdge p =>
    if unit_at g p 2 then
      match nbrs g p with
      | [u, v] =>
        let e := weight_of g p
        some (shift (shift (add_edges (delete g p) [(u, v)]) u (- e)) v (- e))
      | _ => none
    else none
  | PMove.BlowupPoint e => if unit_sign e then some (add_vertex g (fresh g) e) else none
  | PMove.BlowdownPoint p => if unit_at g p 0 then some (delete g p) else none
  | PMove.Absorb z =>
    if has_vertex g z && decide (weight_of g z = 0) && Nat.beq (degree g z) 2 then
      match sort_nat (nbrs g z) with
      | [u, v] =>
        let others := (nbrs g v).filter (fun x => !(Nat.beq x z))
        let h := delete (delete g z) v
        some (shift (add_edges h (others.map (fun x => (u, x)))) u (weight_of g v))
      | _ => none
    else none
  | PMove.Split v a moving =>
    if has_vertex g v && increasing moving && moving.all (adjacent g v) then
      let p := fresh g
      let h := moving.foldl (fun acc x => remove_edge acc v x) g
      let h := add_vertex (add_vertex h p a) (p + 1) 0
      some (shift (add_edges h (moving.map (fun x => (x, p)) ++ [(v, p + 1), (p + 1, p)])) v (- a))
    else none

def run_plumb : PGraph → List PMove → Option PGraph
  | g, [] => some g
  | g, m :: rest =>
    match apply_pmove g m with
    | some h => run_plumb h rest
    | none => none

/-! ## The claimed isomorphism -/

def image : List (Nat × Nat) → Nat → Nat
  | [], _ => 0
  | (a, b) :: rest, x => if Nat.beq a x then b else image rest x

/-- `bij` is a bijection from `g`'s vertices onto `h`'s, preserving weights and sending every edge
of `g` to an edge of `h`, with as many edges on both sides. -/
def iso_ok (g h : PGraph) (bij : List (Nat × Nat)) : Bool :=
  let xs := bij.map Prod.fst
  let ys := bij.map Prod.snd
  nodup_nat xs && nodup_nat ys
    && Nat.beq bij.length g.pverts.length && Nat.beq bij.length h.pverts.length
    && xs.all (fun x => mem x (ids g)) && ys.all (fun y => mem y (ids h))
    && bij.all (fun p => decide (weight_of g p.1 = weight_of h p.2))
    && Nat.beq g.pedges.length h.pedges.length
    && g.pedges.all (fun e => adjacent h (image bij e.1) (image bij e.2))

/-! ## Certificates and the checker -/

structure PlumbingCert where
  mk_plumbing_cert ::
  pc_a : PGraph
  pc_b : PGraph
  pc_steps : List PMove
  pc_bijection : List (Nat × Nat)

/-- The end state (if the replay succeeded) is a forest and the bijection maps it onto graph B. -/
def plumb_final_ok (c : PlumbingCert) : Option PGraph → Bool
  | some e => valid_forest e && iso_ok e c.pc_b c.pc_bijection
  | none => false

def check_plumbing (c : PlumbingCert) : Bool :=
  valid_forest c.pc_a && valid_forest c.pc_b && plumb_final_ok c (run_plumb c.pc_a c.pc_steps)

/-! ## The relation generated by the moves, and soundness -/

inductive PStep : PGraph → PGraph → Prop where
  | pstep (g : PGraph) (m : PMove) (h : PGraph) : apply_pmove g m = some h → PStep g h

inductive PReach : PGraph → PGraph → Prop where
  | preach_refl (g : PGraph) : PReach g g
  | preach_step (g h k : PGraph) : PStep g h → PReach h k → PReach g k

def PIso (g h : PGraph) : Prop := ∃ bij, iso_ok g h bij = true

/-- `b` is isomorphic to a forest reached from `a` by Neumann moves. -/
def PEquiv (a b : PGraph) : Prop := ∃ e, PReach a e ∧ valid_forest e = true ∧ PIso e b

theorem and_true_split : ∀ {a b : Bool}, (a && b) = true → a = true ∧ b = true
  | true, true, _ => ⟨rfl, rfl⟩
  | true, false, h => by
    have h' : false = true := h
    cases h'
  | false, _, h => by
    have h' : false = true := h
    cases h'

/-- Coq: induction on the move list, then `destruct (apply_pmove g m) eqn:Hm`. Here the case split is on
a generalised result `o` (with `apply_pmove g m = o` kept), so no hypothesis has to be rewritten. -/
theorem run_plumb_reach : ∀ (ms : List PMove) (g e : PGraph), run_plumb g ms = some e → PReach g e
  | [], g, e, h => by
    have h' : some g = some e := h
    cases h'
    exact PReach.preach_refl _
  | m :: rest, g, e, h => by
    have key : ∀ (o : Option PGraph), apply_pmove g m = o →
        (match o with
         | some k => run_plumb k rest
         | none => none) = some e → PReach g e := by
      intro o
      cases o with
      | none =>
        intro _ h2
        have h3 : (none : Option PGraph) = some e := h2
        cases h3
      | some k =>
        intro hk h2
        have h3 : run_plumb k rest = some e := h2
        exact PReach.preach_step g k e (PStep.pstep g m k hk) (run_plumb_reach rest k e h3)
    exact key (apply_pmove g m) rfl h

theorem check_plumbing_sound (c : PlumbingCert) (h : check_plumbing c = true) :
    valid_forest c.pc_a = true ∧ valid_forest c.pc_b = true ∧ PEquiv c.pc_a c.pc_b := by
  have h0 : (valid_forest c.pc_a && valid_forest c.pc_b
      && plumb_final_ok c (run_plumb c.pc_a c.pc_steps)) = true := h
  have hsplit := and_true_split h0
  have hab := and_true_split hsplit.1
  refine ⟨hab.1, hab.2, ?_⟩
  have key : ∀ (o : Option PGraph), run_plumb c.pc_a c.pc_steps = o → plumb_final_ok c o = true →
      PEquiv c.pc_a c.pc_b := by
    intro o
    cases o with
    | none =>
      intro _ hf
      have hf' : false = true := hf
      cases hf'
    | some e =>
      intro hr hf
      have hf' : (valid_forest e && iso_ok e c.pc_b c.pc_bijection) = true := hf
      have hvi := and_true_split hf'
      unfold PEquiv PIso
      exact ⟨e, run_plumb_reach c.pc_steps c.pc_a e hr, hvi.1, c.pc_bijection, hvi.2⟩
  exact key (run_plumb c.pc_a c.pc_steps) rfl hsplit.2

end KnotCert.Plumbing
