import KnotCert.Braid

/-!
# KnotCert.PD: the planar-diagram calculus of pybridge certificates (core Lean 4)

A one-to-one mirror of `coq/theories/PD.v`, which mirrors the trusted Python replayer
`pybridge/certs/pd_checker.py`; the specification is `docs/certificates.md`, section 4. Same
names as Coq (types capitalised, as in `Braid.lean`): `validate_pd`, `pd_faces`, `pd_components`,
`pd_orientation`, `edge_face`, `straighten`, `apply_pd_move`, `check_pd`, the relations `PDEquiv`
(Reidemeister moves) and `PDRibbonReach` (plus counted band moves and deaths of free unknots),
and the soundness theorems `check_pd_sound_unlink`, `check_pd_sound_unknot`,
`check_pd_sound_ribbon`.

Representation. Coq's `positive` labels and keys and its `N` are Lean `Nat`s: Lean's kernel
evaluates `Nat` literals in binary (GMP), so `Nat` plays the role that the binary `positive`
plays in Coq. The tries `PTree` are keyed by `Nat` and split on the low bit exactly as Coq's
tries split on the constructors of `positive` (`1` is `xH`, `2 k` is `xO k`, `2 k + 1` is
`xI k`), so every lookup, every insertion and every traversal order is the same. Because `Nat`
has a `0` that `positive` lacks, `validate_pd` additionally requires every label to be at least 1
(`labels_pos`); nothing a move does can create a label 0.

Recursion. Everything is structural (on a list, on a trie, or on explicit fuel), so the kernel
reduces `check_pd c` and `decide` proves `check_pd c = true`. The fuel values are Coq's: `4 n + 1`
for face, strand and union-find walks (`n` crossings), `4 d + 1` in `straighten` (`d` deleted
crossings), and the key itself for building a fresh trie path (`pfresh`).
-/

namespace KnotCert

/-! ## List and number helpers (Coq standard library) -/

/-- `true` when `p` holds for some element of `l` (Coq `existsb`). -/
def existsb {α : Type} (p : α → Bool) : List α → Bool
  | [] => false
  | x :: xs => p x || existsb p xs

/-- Concatenate the images of the elements (Coq `flat_map`). -/
def flat_map {α β : Type} (f : α → List β) : List α → List β
  | [] => []
  | x :: xs => f x ++ flat_map f xs

/-- Element `n` of `l` (0-based), or `none` past the end (Coq `nth_error`). -/
def nth_error {α : Type} : List α → Nat → Option α
  | [], _ => none
  | x :: _, 0 => some x
  | _ :: xs, n + 1 => nth_error xs n

/-- `a < b` (Coq `Nat.ltb`, `Pos.ltb`). -/
def ltb (a b : Nat) : Bool := Nat.ble (a + 1) b

/-- The larger of two numbers (Coq `Pos.max`, `N.max`). -/
def nmax (a b : Nat) : Nat := if Nat.ble a b then b else a

/-- The smaller of two numbers (Coq `Pos.min`). -/
def nmin (a b : Nat) : Nat := if Nat.ble a b then a else b

/-- `p` is even (Coq `Nat.even`). -/
def nat_even (p : Nat) : Bool := Nat.beq (p % 2) 0

/-- Equality of booleans (Coq `Bool.eqb`). -/
def bool_eqb : Bool → Bool → Bool
  | true, true => true
  | false, false => true
  | _, _ => false

/-- Exclusive or of booleans (Coq `xorb`). -/
def xorb : Bool → Bool → Bool
  | true, true => false
  | true, false => true
  | false, true => true
  | false, false => false

/-! ## A binary trie on keys `≥ 1` (Coq: on `positive` keys) -/

/-- A binary trie: finite maps for labels, crossings and slot sets. -/
inductive PTree (α : Type) where
  | PLeaf : PTree α
  | PNode : PTree α → Option α → PTree α → PTree α

/-- The value at key `k` (`1` is the root; `2 k` goes left, `2 k + 1` right). -/
def pget {α : Type} : Nat → PTree α → Option α
  | _, PTree.PLeaf => none
  | k, PTree.PNode l v r =>
    if Nat.beq k 1 then v
    else if Nat.beq (k % 2) 0 then pget (k / 2) l else pget (k / 2) r

/-- A trie holding only `x` at key `k` (fuel `f`; `f = k` is always enough, since `k / 2 < k`).
Coq builds this path inside `pset` by recursion on the `positive` key. -/
def pfresh {α : Type} : Nat → Nat → α → PTree α
  | 0, _, _ => PTree.PLeaf
  | f + 1, k, x =>
    if Nat.beq k 1 then PTree.PNode PTree.PLeaf (some x) PTree.PLeaf
    else if Nat.beq (k % 2) 0 then PTree.PNode (pfresh f (k / 2) x) none PTree.PLeaf
    else PTree.PNode PTree.PLeaf none (pfresh f (k / 2) x)

/-- Store `x` at key `k`. -/
def pset {α : Type} : Nat → α → PTree α → PTree α
  | k, x, PTree.PLeaf => pfresh k k x
  | k, x, PTree.PNode l v r =>
    if Nat.beq k 1 then PTree.PNode l (some x) r
    else if Nat.beq (k % 2) 0 then PTree.PNode (pset (k / 2) x l) v r
    else PTree.PNode l v (pset (k / 2) x r)

/-- The stored values, in Coq's order (left subtree, node, right subtree), in front of `acc`. -/
def pvalues {α : Type} : PTree α → List α → List α
  | PTree.PLeaf, acc => acc
  | PTree.PNode l v r, acc =>
    pvalues l (match v with
      | some x => x :: pvalues r acc
      | none => pvalues r acc)

/-- `true` when key `k` holds a value. -/
def pmem {α : Type} (k : Nat) (t : PTree α) : Bool :=
  match pget k t with
  | some _ => true
  | none => false

/-! ## States -/

/-- An edge label (Coq `positive`; here a `Nat`, at least 1 in a valid state). -/
abbrev Label : Type := Nat

/-- A crossing `(a, b, c, d)`: `a` the incoming under-strand, `b`, `c`, `d` counter-clockwise. -/
abbrev Crossing : Type := Nat × Nat × Nat × Nat

/-- A PD state `(X, f)`: the crossings and the number of free (crossing-free, split, unknotted)
components. Coq: `Record pd_state := mk_pd { crossings ; free }`. -/
structure PDState where
  mk_pd ::
  crossings : List Crossing
  free : Nat
  deriving DecidableEq

/-- The trivial state: no crossings, `k` free unknots (the `k`-component unlink). -/
def pd_trivial (k : Nat) : PDState := PDState.mk_pd [] k

/-- The label at position `p` (0..3) of a crossing. -/
def get4 (x : Crossing) (p : Nat) : Nat :=
  match x with
  | (a, b, c, d) =>
    match p with
    | 0 => a
    | 1 => b
    | 2 => c
    | _ => d

/-- The crossing with the label at position `p` replaced by `l`. -/
def set4 (x : Crossing) (p : Nat) (l : Nat) : Crossing :=
  match x with
  | (a, b, c, d) =>
    match p with
    | 0 => (l, b, c, d)
    | 1 => (a, l, c, d)
    | 2 => (a, b, l, d)
    | _ => (a, b, c, l)

/-- `p + 1` modulo 4. -/
def add1 (p : Nat) : Nat :=
  match p with
  | 0 => 1
  | 1 => 2
  | 2 => 3
  | _ => 0

/-- `p + 2` modulo 4. -/
def add2 (p : Nat) : Nat :=
  match p with
  | 0 => 2
  | 1 => 3
  | 2 => 0
  | _ => 1

/-- `p + 3` modulo 4. -/
def add3 (p : Nat) : Nat :=
  match p with
  | 0 => 3
  | 1 => 0
  | 2 => 1
  | _ => 2

/-- A slot (and a corner) `(k, p)`: position `p` of the crossing with 0-based index `i`, stored
with the key `k = i + 1`. Reading order is the lexicographic order. -/
abbrev Slot : Type := Nat × Nat

/-- Equality of slots. -/
def slot_eqb (s t : Slot) : Bool := Nat.beq s.1 t.1 && Nat.beq s.2 t.2

/-- The lexicographic order of slots. -/
def slot_ltb (s t : Slot) : Bool := ltb s.1 t.1 || (Nat.beq s.1 t.1 && ltb s.2 t.2)

/-- An injective code of a slot, the key of slot sets (Coq: `xO (xO k)`, `xI (xO k)`, ...). -/
def slot_code (s : Slot) : Nat :=
  match s.2 with
  | 0 => 4 * s.1
  | 1 => 4 * s.1 + 1
  | 2 => 4 * s.1 + 2
  | _ => 4 * s.1 + 3

/-- The key of crossing `i` (Coq `Pos.of_succ_nat`). -/
def key_of (i : Nat) : Nat := i + 1

/-! ## The derived structure of a state -/

/-- Crossings by key, label positions, slots, number of crossings, largest label.
Coq: `Record context := mk_context { cx_xs ; cx_pos ; cx_slots ; cx_n ; cx_max }`. -/
structure PDContext where
  mk_context ::
  cx_xs : PTree Crossing
  cx_pos : PTree (List Slot)
  cx_slots : List Slot
  cx_n : Nat
  cx_max : Nat

/-- Append `s` to the slots of label `l` (one pass down the trie). -/
def add_position : Nat → Slot → PTree (List Slot) → PTree (List Slot)
  | l, s, PTree.PLeaf => pset l [s] PTree.PLeaf
  | l, s, PTree.PNode lt v rt =>
    if Nat.beq l 1 then
      PTree.PNode lt (some (match v with
        | some ss => ss ++ [s]
        | none => [s])) rt
    else if Nat.beq (l % 2) 0 then PTree.PNode (add_position (l / 2) s lt) v rt
    else PTree.PNode lt v (add_position (l / 2) s rt)

/-- Index the crossings from key `k` on. -/
def index_crossings : Nat → List Crossing → PTree Crossing → PTree (List Slot) → List Slot →
    Nat → Nat → PDContext
  | _, [], t, pos, slots, n, mx => PDContext.mk_context t pos (List.reverse slots) n mx
  | k, x :: rest, t, pos, slots, n, mx =>
    match x with
    | (a, b, c, d) =>
      index_crossings (k + 1) rest (pset k x t)
        (add_position d (k, 3) (add_position c (k, 2)
          (add_position b (k, 1) (add_position a (k, 0) pos))))
        ((k, 3) :: (k, 2) :: (k, 1) :: (k, 0) :: slots) (n + 1)
        (nmax mx (nmax (nmax a b) (nmax c d)))

/-- The context of a list of crossings. -/
def make_context (xs : List Crossing) : PDContext :=
  index_crossings 1 xs PTree.PLeaf PTree.PLeaf [] 0 0

/-- Label → slots (Python's `pd_positions`). -/
def pd_positions (xs : List Crossing) : PTree (List Slot) := (make_context xs).cx_pos

/-- The label at a slot. -/
def slot_label (cx : PDContext) (s : Slot) : Nat :=
  match pget s.1 cx.cx_xs with
  | some x => get4 x s.2
  | none => 1

/-- The other slot carrying the label at `s` (its partner). -/
def other_end (cx : PDContext) (s : Slot) : Slot :=
  match pget (slot_label cx s) cx.cx_pos with
  | some [a, b] => if slot_eqb a s then b else a
  | _ => s

/-- `4 n + 1` for `n` crossings: enough for every walk on a state where each label occurs twice. -/
def fuel (cx : PDContext) : Nat := 4 * cx.cx_n + 1

/-! ## Faces -/

/-- Face tracing: corner `(i, p)` continues at the partner of slot `(i, p + 1)`. -/
def next_corner (cx : PDContext) (c : Slot) : Slot := other_end cx (c.1, add1 c.2)

/-- Trace the face from `cur` back to `start`. -/
def trace_face : Nat → PDContext → Slot → Slot → List Slot → List Slot
  | 0, _, _, _, acc => List.reverse acc
  | f + 1, cx, start, cur, acc =>
    if slot_eqb (next_corner cx cur) start then List.reverse (cur :: acc)
    else trace_face f cx start (next_corner cx cur) (cur :: acc)

/-- The corners of the face containing `c`, in tracing order starting there. -/
def face_corners (cx : PDContext) (c : Slot) : List Slot := trace_face (fuel cx) cx c c []

/-- Mark the slots as seen. -/
def mark_all (ss : List Slot) (seen : PTree Unit) : PTree Unit :=
  List.foldl (fun (t : PTree Unit) (s : Slot) => pset (slot_code s) () t) seen ss

/-- The faces through the unseen corners of the list. -/
def faces_from (cx : PDContext) : List Slot → PTree Unit → List (List Slot) → List (List Slot)
  | [], _, acc => List.reverse acc
  | c :: rest, seen, acc =>
    if pmem (slot_code c) seen then faces_from cx rest seen acc
    else faces_from cx rest (mark_all (face_corners cx c) seen) (face_corners cx c :: acc)

/-- All faces, each from its smallest corner, in the order of those corners. -/
def faces_of (cx : PDContext) : List (List Slot) := faces_from cx cx.cx_slots PTree.PLeaf []

/-- The faces of a list of crossings. -/
def pd_faces (xs : List Crossing) : List (List Slot) := faces_of (make_context xs)

/-! ## Pieces: connected components of the crossings, joined when they share a label -/

/-- Union-find root (fuel). -/
def uf_find : Nat → PTree Nat → Nat → Nat
  | 0, _, x => x
  | f + 1, parent, x =>
    match pget x parent with
    | some y => if Nat.beq x y then x else uf_find f parent y
    | none => x

/-- The number of pieces. -/
def pieces_of (cx : PDContext) : Nat :=
  let f := fuel cx
  let parent := List.foldl (fun (par : PTree Nat) (ss : List Slot) =>
      match ss with
      | [s, t] => pset (uf_find f par s.1) (uf_find f par t.1) par
      | _ => par) PTree.PLeaf (pvalues cx.cx_pos [])
  let keys := List.map (fun (s : Slot) => s.1) (List.filter (fun (s : Slot) => Nat.beq s.2 0) cx.cx_slots)
  List.length (List.filter (fun (k : Nat) => Nat.beq (uf_find f parent k) k) keys)

/-! ## Components and orientation -/

/-- Entry slots of the strand entering at `s`: straight across, then along the edge. -/
def trace_strand : Nat → PDContext → Slot → PTree Unit → List Slot → List Slot × PTree Unit
  | 0, _, _, seen, acc => (List.reverse acc, seen)
  | f + 1, cx, s, seen, acc =>
    if pmem (slot_code s) seen then (List.reverse acc, seen)
    else
      trace_strand f cx (other_end cx (s.1, add2 s.2))
        (pset (slot_code (s.1, add2 s.2)) () (pset (slot_code s) () seen)) (s :: acc)

/-- The entry slots of the same component travelled the other way. -/
def reverse_entries (es : List Slot) : List Slot :=
  List.map (fun (s : Slot) => (s.1, add2 s.2)) (List.reverse es)

/-- Index of the first smallest label, scanning from index `i` with the best so far. -/
def argmin_from : List Nat → Nat → Nat → Nat → Nat
  | [], _, best, _ => best
  | l :: rest, i, best, m => if ltb l m then argmin_from rest (i + 1) i l else argmin_from rest (i + 1) best m

/-- Index of the first smallest label. -/
def argmin (ls : List Nat) : Nat :=
  match ls with
  | [] => 0
  | l :: rest => argmin_from rest 1 0 l

/-- Spherogram's rule for a component that is over at all its crossings. -/
def over_only_forward (cx : PDContext) (es : List Slot) : Bool :=
  let ls := List.map (slot_label cx) es
  let len := List.length ls
  let k := argmin ls
  let following := nth ((k + 1) % len) ls 1
  let preceding := nth ((k + len - 1) % len) ls 1
  if !(Nat.beq following preceding) then ltb following preceding
  else slot_ltb (other_end cx (nth k es (1, 0))) (nth k es (1, 0))

/-- The entry slots of a component in its orientation; `none` when it is not consistently
oriented. -/
def orient_component (cx : PDContext) (es : List Slot) : Option (List Slot) :=
  let has0 := existsb (fun (s : Slot) => Nat.beq s.2 0) es
  let has2 := existsb (fun (s : Slot) => Nat.beq s.2 2) es
  if has0 && has2 then none
  else if has2 then some (reverse_entries es)
  else if has0 then some es
  else if over_only_forward cx es then some es else some (reverse_entries es)

/-- The components through the unseen slots of the list. -/
def components_from (cx : PDContext) : List Slot → PTree Unit → List (List Slot) →
    Option (List (List Slot))
  | [], _, acc => some (List.reverse acc)
  | s :: rest, seen, acc =>
    if pmem (slot_code s) seen then components_from cx rest seen acc
    else
      match trace_strand (fuel cx) cx s seen [] with
      | (es, seen') =>
        match orient_component cx es with
        | some es' => components_from cx rest seen' (es' :: acc)
        | none => none

/-- Components as oriented entry-slot cycles; `none` when the state is not consistently oriented. -/
def components_of (cx : PDContext) : Option (List (List Slot)) :=
  components_from cx cx.cx_slots PTree.PLeaf []

/-- The components of a list of crossings. -/
def pd_components (xs : List Crossing) : Option (List (List Slot)) := components_of (make_context xs)

/-- Label → (tail, head) of the oriented edge. -/
def orientation_of (cx : PDContext) : Option (PTree (Slot × Slot)) :=
  match components_of cx with
  | none => none
  | some comps =>
    some (List.foldl (fun (t : PTree (Slot × Slot)) (es : List Slot) =>
      List.foldl (fun (t' : PTree (Slot × Slot)) (s : Slot) =>
        pset (slot_label cx s) (other_end cx s, s) t') t es) PTree.PLeaf comps)

/-- The orientation of a list of crossings. -/
def pd_orientation (xs : List Crossing) : Option (PTree (Slot × Slot)) := orientation_of (make_context xs)

/-- The face on `side` (0 left, 1 right) of the oriented edge `l`: the corner cycle at its tail
(left) or head (right) slot. -/
def edge_face_in (cx : PDContext) (o : PTree (Slot × Slot)) (l : Nat) (side : Nat) : Option (List Slot) :=
  match pget l o with
  | some (tl, hd) => some (face_corners cx (if Nat.beq side 0 then tl else hd))
  | none => none

/-- The face on `side` of the edge `l` of a list of crossings. -/
def edge_face (xs : List Crossing) (l : Nat) (side : Nat) : Option (List Slot) :=
  match orientation_of (make_context xs) with
  | some o => edge_face_in (make_context xs) o l side
  | none => none

/-- Number of link components (traced cycles plus free unknots). -/
def link_components (s : PDState) : Option Nat :=
  match pd_components s.crossings with
  | some cs => some (List.length cs + s.free)
  | none => none

/-! ## Heads and tails under an orientation map -/

/-- The head slot of the oriented edge `l`. -/
def head_of (o : PTree (Slot × Slot)) (l : Nat) : Slot :=
  match pget l o with
  | some (_, hd) => hd
  | none => (1, 0)

/-- The tail slot of the oriented edge `l`. -/
def tail_of (o : PTree (Slot × Slot)) (l : Nat) : Slot :=
  match pget l o with
  | some (tl, _) => tl
  | none => (1, 0)

/-- `s` is the head end (the incoming end) of its edge under `o`. -/
def heads_at (cx : PDContext) (o : PTree (Slot × Slot)) (s : Slot) : Bool :=
  slot_eqb (head_of o (slot_label cx s)) s

def oriented_at (cx : PDContext) (o : PTree (Slot × Slot)) (k : Nat) : Bool :=
  heads_at cx o (k, 0) && !(heads_at cx o (k, 2)) && xorb (heads_at cx o (k, 1)) (heads_at cx o (k, 3)) &&
    forallb (fun (p : Nat) => xorb (heads_at cx o (k, p)) (heads_at cx o (other_end cx (k, p)))) [0, 1, 2, 3]

def oriented_by (cx : PDContext) (o : PTree (Slot × Slot)) : Bool :=
  forallb (fun (i : Nat) => oriented_at cx o (key_of i)) (seq 0 cx.cx_n)

/-! ## Validity: labels positive and twice, planar (Euler), consistently orientable -/

/-- Every label is at least 1 (Coq's `positive` has no 0, so Coq needs no such test). -/
def labels_pos (xs : List Crossing) : Bool :=
  forallb (fun (x : Crossing) => match x with
    | (a, b, c, d) => Nat.ble 1 a && Nat.ble 1 b && Nat.ble 1 c && Nat.ble 1 d) xs

/-- The state conditions of §4. -/
def validate_pd (xs : List Crossing) : Bool :=
  labels_pos xs &&
  forallb (fun (ss : List Slot) => Nat.beq (List.length ss) 2) (pvalues (make_context xs).cx_pos []) &&
  Nat.beq (List.length (faces_of (make_context xs)))
    ((make_context xs).cx_n + 2 * pieces_of (make_context xs)) &&
  (match orientation_of (make_context xs) with
   | some o => oriented_by (make_context xs) o
   | none => false)

/-! ## Straightening -/

/-- Root of `x` in the union-find forest of `straighten` (fuel). -/
def sfind : Nat → PTree Nat → Nat → Nat
  | 0, _, x => x
  | f + 1, parent, x =>
    match pget x parent with
    | some y => sfind f parent y
    | none => x

/-- Join the classes of `x` and `y`; the larger root points to the smaller. -/
def sunion (fu : Nat) (parent : PTree Nat) (x y : Nat) : PTree Nat :=
  if Nat.beq (sfind fu parent x) (sfind fu parent y) then parent
  else pset (nmax (sfind fu parent x) (sfind fu parent y)) (nmin (sfind fu parent x) (sfind fu parent y)) parent

/-- One crossing passed: `some (k + 1)` becomes `some k`, anything else `none`. -/
def count_down (d : Option Nat) : Option Nat :=
  match d with
  | some (k + 1) => some k
  | _ => none

/-- The deleted index is the current crossing. -/
def is_here (d : Option Nat) : Bool :=
  match d with
  | some 0 => true
  | _ => false

/-- Split the crossings into kept and deleted ones; `ds` holds, for each deleted index, how many
crossings remain before it (`some 0`: this one; `none`: already passed). -/
def split_deleted : List Crossing → List (Option Nat) → List Crossing → List Crossing →
    List Crossing × List Crossing
  | [], _, kept, dels => (List.reverse kept, List.reverse dels)
  | x :: rest, ds, kept, dels =>
    if existsb is_here ds then split_deleted rest (List.map count_down ds) kept (x :: dels)
    else split_deleted rest (List.map count_down ds) (x :: kept) dels

/-- The four labels of a crossing. -/
def labels4 (x : Crossing) : List Nat :=
  match x with
  | (a, b, c, d) => [a, b, c, d]

/-- The labels without repetitions, in order of first occurrence. -/
def dedup : List Nat → List Nat → List Nat
  | [], acc => List.reverse acc
  | l :: rest, acc => if existsb (Nat.beq l) acc then dedup rest acc else dedup rest (l :: acc)

/-- The union-find forest of the deleted crossings (`a` with `c`, `b` with `d`). -/
def straighten_parent (fu : Nat) (dels : List Crossing) : PTree Nat :=
  List.foldl (fun (par : PTree Nat) (x : Crossing) =>
    match x with
    | (a, b, c, d) => sunion fu (sunion fu par a c) b d) PTree.PLeaf dels

/-- Class root → the smallest label of the class that a kept crossing carries. -/
def straighten_names (fu : Nat) (parent : PTree Nat) (touched : PTree Unit) (kept : List Crossing) :
    PTree Nat :=
  List.foldl (fun (nm : PTree Nat) (x : Nat) =>
    pset (sfind fu parent x)
      (match pget (sfind fu parent x) nm with
       | some y => nmin y x
       | none => x) nm) PTree.PLeaf
    (List.filter (fun (l : Nat) => pmem l touched) (flat_map labels4 kept))

/-- The new name of label `l` (a label that no deleted crossing carries keeps its name). -/
def straighten_rename (fu : Nat) (parent names : PTree Nat) (touched : PTree Unit) (l : Nat) : Nat :=
  if pmem l touched then
    (match pget (sfind fu parent l) names with
     | some y => y
     | none => l)
  else l

/-- Straighten once the crossings are split into kept and deleted ones. -/
def straighten_split (f : Nat) (kept dels : List Crossing) : PDState :=
  let fu := 4 * List.length dels + 1
  let parent := straighten_parent fu dels
  let touched := List.foldl (fun (t : PTree Unit) (l : Nat) => pset l () t) PTree.PLeaf (flat_map labels4 dels)
  let names := straighten_names fu parent touched kept
  let roots := dedup (List.map (sfind fu parent) (flat_map labels4 dels)) []
  let loops := List.length (List.filter (fun (r : Nat) => !(pmem r names)) roots)
  PDState.mk_pd
    (List.map (fun (x : Crossing) =>
      match x with
      | (a, b, c, d) =>
        (straighten_rename fu parent names touched a, straighten_rename fu parent names touched b,
         straighten_rename fu parent names touched c, straighten_rename fu parent names touched d)) kept)
    (f + loops)

/-- Delete the crossings with the given indices and let both strands pass straight through each. -/
def straighten (xs : List Crossing) (f : Nat) (deleted : List Nat) : PDState :=
  match split_deleted xs (List.map some deleted) [] [] with
  | (kept, dels) => straighten_split f kept dels

/-! ## Rewriting helpers -/

/-- Relabel the slots of the crossings from key `k` on (a later change of the same slot wins). -/
def relabel : Nat → List Crossing → List (Slot × Nat) → List Crossing
  | _, [], _ => []
  | k, x :: rest, changes =>
    List.foldl (fun (y : Crossing) (ch : Slot × Nat) =>
      if Nat.beq ch.1.1 k then set4 y ch.1.2 ch.2 else y) x changes :: relabel (k + 1) rest changes

/-- `xs` with the given slots relabelled and new crossings appended. -/
def with_slots (xs : List Crossing) (changes : List (Slot × Nat)) (appended : List Crossing) : List Crossing :=
  relabel 1 xs changes ++ appended

/-- The label `N + k` for `N` the largest label and `k ≥ 1` (Coq maps `0` to `xH`). -/
def new_label (mx : Nat) (k : Nat) : Nat := if Nat.beq (mx + k) 0 then 1 else mx + k

/-- A side is 0 (left) or 1 (right). -/
def side_ok (side : Nat) : Bool := Nat.ble side 1

/-- The side of the oriented edge `l` on which the face lies: tail first. -/
def side_of (o : PTree (Slot × Slot)) (l : Nat) (face : List Slot) : Option Nat :=
  match pget l o with
  | some (tl, hd) =>
    if existsb (slot_eqb tl) face then some 0 else if existsb (slot_eqb hd) face then some 1 else none
  | none => none

/-! ## Moves -/

/-- The primitive moves of the planar-diagram calculus. -/
inductive PDMove where
  | R1Remove (i : Nat)
  | R1Add (e : Nat) (side : Nat) (sign : Int)
  | R2Remove (i j : Nat)
  | R2Add (o u : Nat) (side : Nat)
  | R3 (e : Nat) (side : Nat)
  | Band (e1 e2 : Nat) (side : Nat) (t : Int)
  | RemoveFree

/-- `true` for a band move. -/
def is_band (m : PDMove) : Bool :=
  match m with
  | PDMove.Band _ _ _ _ => true
  | _ => false

/-- `true` for the removal of a free unknot. -/
def is_death (m : PDMove) : Bool :=
  match m with
  | PDMove.RemoveFree => true
  | _ => false

/-- `true` for the Reidemeister moves (anything but a band or a death). -/
def is_isotopy (m : PDMove) : Bool := !(is_band m || is_death m)

/-- Two adjacent slots of the crossing carry the same label. -/
def is_kink (x : Crossing) : Bool :=
  existsb (fun (p : Nat) => Nat.beq (get4 x p) (get4 x (add1 p))) [0, 1, 2, 3]

/-- The two crossings bound a bigon. -/
def is_bigon (x y : Crossing) : Bool :=
  existsb (fun (p : Nat) => existsb (fun (q : Nat) =>
      Nat.beq ((p + q) % 2) 1 && Nat.beq (get4 x (add1 p)) (get4 y q) &&
        Nat.beq (get4 y (add1 q)) (get4 x p)) [0, 1, 2, 3]) [0, 1, 2, 3]

/-- The crossing of an added kink. -/
def r1_crossing (e loop out : Nat) (side : Nat) (sign : Int) : Crossing :=
  if Nat.beq side 0 then
    (if decide (sign = 1) then (e, out, loop, loop) else (loop, e, out, loop))
  else
    (if decide (sign = -1) then (e, loop, loop, out) else (loop, loop, out, e))

/-- The two crossings of an added bigon. -/
def r2_crossings (o o1 o2 u u1 u2 : Nat) (side under_side : Nat) : List Crossing :=
  if Nat.beq side 0 then
    (if Nat.beq under_side 1 then [(u, o, u1, o1), (u1, o2, u2, o1)]
     else [(u1, o1, u2, o), (u, o1, u1, o2)])
  else
    (if Nat.beq under_side 0 then [(u, o1, u1, o), (u1, o1, u2, o2)]
     else [(u1, o, u2, o1), (u, o2, u1, o1)])

/-- The four slot changes contributed by the triangle corner `(x, s)`. -/
def r3_changes (cx : PDContext) (c : Slot) : List (Slot × Nat) :=
  let es : Slot := (c.1, add1 c.2)
  let yt := other_end cx es
  let l := slot_label cx es
  let ox := slot_label cx (c.1, add3 c.2)
  let oy := slot_label cx (yt.1, add2 yt.2)
  [(es, oy), (yt, ox), ((c.1, add3 c.2), l), ((yt.1, add2 yt.2), l)]

/-- A face with three corners at three crossings, not alternating. -/
def is_triangle (face : List Slot) : Bool :=
  match face with
  | [a, b, c] =>
    !(Nat.beq a.1 b.1) && !(Nat.beq a.1 c.1) && !(Nat.beq b.1 c.1) &&
      !(bool_eqb (nat_even a.2) (nat_even b.2) && bool_eqb (nat_even a.2) (nat_even c.2))
  | _ => false

/-- Crossing `k` (1-based, from `e1`'s end) of a twisted band. -/
def twist_crossing (k side : Nat) (t : Int) (alpha beta : Nat → Nat) : Crossing :=
  if nat_even (k + side) then
    (if decide (0 < t) then (beta k, alpha k, beta (k - 1), alpha (k - 1))
     else (alpha (k - 1), beta k, alpha k, beta (k - 1)))
  else
    (if decide (0 < t) then (alpha (k - 1), beta (k - 1), alpha k, beta k)
     else (beta k, alpha (k - 1), beta (k - 1), alpha k))

/-! ## Run-time witnesses of the moves that insert crossings (as `PD.v`)

`R1Add`, `R2Add` and `Band` are accepted only with a witness checked on the spot: every label of the
result occurs exactly twice, and, for `R1Add`/`R2Add`, removing the inserted crossing(s) by R1/R2
gives back the diagram before, exactly. -/

def labels_twice (xs : List Crossing) : Bool :=
  forallb (fun (ss : List Slot) => Nat.beq (List.length ss) 2) (pvalues (make_context xs).cx_pos [])

def crossing_eqb (x y : Crossing) : Bool :=
  match x, y with
  | (a, b, c, d), (a', b', c', d') => Nat.beq a a' && Nat.beq b b' && Nat.beq c c' && Nat.beq d d'

def crossings_eqb : List Crossing → List Crossing → Bool
  | [], [] => true
  | x :: xs', y :: ys' => crossing_eqb x y && crossings_eqb xs' ys'
  | _, _ => false

def pd_state_eqb (s t : PDState) : Bool :=
  crossings_eqb s.crossings t.crossings && Nat.beq s.free t.free

/-- `t` (a curl added to `s`, appended at index `s.crossings.length`) with its witness. -/
def undo_r1 (t s : PDState) : Option PDState :=
  match nth_error t.crossings (List.length s.crossings) with
  | some x =>
    if labels_twice t.crossings && is_kink x &&
        pd_state_eqb (straighten t.crossings t.free [List.length s.crossings]) s
    then some t else none
  | none => none

/-- `t` (a bigon added to `s`, appended at indices `n` and `n + 1`) with its witness. -/
def undo_r2 (t s : PDState) : Option PDState :=
  match nth_error t.crossings (List.length s.crossings), nth_error t.crossings (List.length s.crossings + 1) with
  | some x, some y =>
    if labels_twice t.crossings && !(Nat.beq (List.length s.crossings) (List.length s.crossings + 1)) &&
        is_bigon x y &&
        pd_state_eqb (straighten t.crossings t.free [List.length s.crossings, List.length s.crossings + 1]) s
    then some t else none
  | _, _ => none

/-- `t` after a band, with its witness: every label occurs twice. -/
def keep_labelled (t : PDState) : Option PDState :=
  if labels_twice t.crossings then some t else none

/-! ## Run-time witness of a band: the picture of `PDBandSpec.SpecBand`, checked on the spot (as `PD.v`)

The band's result is accepted only when it visibly is the picture: `o` orients the diagram consistently
(every crossing has a head at position 0, a tail at 2 and one head among 1, 3; the two ends of every
edge are one head and one tail); the corners from `e1`'s end `F1` to `e2`'s end `F2` walk along one
face; both edges are walked the same way; the new labels are fresh and distinct; and the result is the
old code with the labels at the two heads replaced, followed by the twist row. -/

def real_slot (cx : PDContext) (s : Slot) : Bool :=
  match pget s.1 cx.cx_xs with
  | some _ => ltb s.2 4
  | none => false

/-- From the corner at `c` the face leaves along the edge at `(c, +1)` and arrives at its other end `c'`. -/
def along_b (cx : PDContext) (c c' : Slot) : Bool :=
  let s : Slot := (c.1, add1 c.2)
  real_slot cx c && real_slot cx c' && Nat.beq (slot_label cx s) (slot_label cx c') && !(slot_eqb s c')

def walk_b (cx : PDContext) : Slot → List Slot → Bool
  | _, [] => true
  | c, c' :: rest => along_b cx c c' && walk_b cx c' rest

/-- The corners of `cs` up to the first one equal to `s`. -/
def upto (s : Slot) : List Slot → List Slot
  | [] => []
  | c :: rest => if slot_eqb c s then [c] else c :: upto s rest

def distinct_b : List Nat → Bool
  | [] => true
  | l :: rest => !(existsb (Nat.beq l) rest) && distinct_b rest

/-- Labels that occur nowhere in the code, and pairwise different. -/
def fresh_b (cx : PDContext) (ls : List Nat) : Bool :=
  forallb (fun (l : Nat) => !(pmem l cx.cx_pos)) ls && distinct_b ls

/-- Crossing `i` of the result: the old crossing with the labels at `h1`, `h2` replaced. -/
def kept_ok (cx : PDContext) (ys : List Crossing) (h1 h2 : Slot) (l1 l2 : Nat) (i : Nat) : Bool :=
  match nth_error ys i, pget (key_of i) cx.cx_xs with
  | some y, some x =>
    forallb (fun (p : Nat) => Nat.beq (get4 y p)
      (if slot_eqb (key_of i, p) h1 then l1 else if slot_eqb (key_of i, p) h2 then l2 else get4 x p))
      [0, 1, 2, 3]
  | _, _ => false

/-- The band's witness: `PDBandSpec.band_witness_spec` (Coq) proves that it implies `SpecBand`. -/
def band_witness (cx : PDContext) (o : PTree (Slot × Slot)) (face : List Slot) (e1 e2 : Nat) (side : Nat)
    (t : Int) (m : Nat) (alpha beta : Nat → Nat) (ys : List Crossing) : Bool :=
  let n := cx.cx_n
  let f1 : Slot := (match face with | c :: _ => c | [] => (1, 0))
  let f2 := if Nat.beq side 0 then tail_of o e2 else head_of o e2
  let path := upto f2 face.tail
  let h1 := head_of o e1
  let h2 := head_of o e2
  oriented_by cx o &&
    real_slot cx f1 && real_slot cx f2 && walk_b cx f1 path && slot_eqb (last path f1) f2 &&
    Nat.beq (slot_label cx f1) e1 && Nat.beq (slot_label cx f2) e2 && !(Nat.beq e1 e2) &&
    bool_eqb (heads_at cx o f1) (heads_at cx o f2) && bool_eqb (heads_at cx o f1) (Nat.beq side 1) &&
    real_slot cx h1 && heads_at cx o h1 && Nat.beq (slot_label cx h1) e1 &&
    real_slot cx h2 && heads_at cx o h2 && Nat.beq (slot_label cx h2) e2 &&
    Nat.beq (alpha 0) e1 && Nat.beq (beta (2 * m)) e2 &&
    fresh_b cx (List.map alpha (seq 1 (2 * m)) ++ List.map beta (seq 0 (2 * m))) &&
    Nat.beq (List.length ys) (n + 2 * m) &&
    forallb (kept_ok cx ys h1 h2 (beta 0) (alpha (2 * m))) (seq 0 n) &&
    forallb (fun (k : Nat) =>
      match nth_error ys (n + k - 1) with
      | some y => crossing_eqb y (twist_crossing k side t alpha beta)
      | none => false) (seq 1 (2 * m))

/-- One move with exactly the preconditions and effects of the moves table of §4; `none` when the
precondition fails (or the state turns out not to be consistently oriented). -/
def apply_pd_move (s : PDState) (m : PDMove) : Option PDState :=
  match m with
  | PDMove.R1Remove i =>
    match nth_error s.crossings i with
    | some x => if is_kink x then some (straighten s.crossings s.free [i]) else none
    | none => none
  | PDMove.R2Remove i j =>
    match nth_error s.crossings i, nth_error s.crossings j with
    | some x, some y =>
      if !(Nat.beq i j) && is_bigon x y then some (straighten s.crossings s.free [i, j]) else none
    | _, _ => none
  | PDMove.RemoveFree =>
    match s.free with
    | 0 => none
    | f' + 1 => some (PDState.mk_pd s.crossings f')
  | PDMove.R1Add e side sign =>
    let cx := make_context s.crossings
    if pmem e cx.cx_pos && side_ok side && (decide (sign = 1) || decide (sign = -1)) then
      (match orientation_of cx with
      | none => none
      | some o =>
        undo_r1 (PDState.mk_pd
          (with_slots s.crossings [(head_of o e, new_label cx.cx_max 2)]
            [r1_crossing e (new_label cx.cx_max 1) (new_label cx.cx_max 2) side sign]) s.free) s)
    else none
  | PDMove.R2Add ov un side =>
    let cx := make_context s.crossings
    if pmem ov cx.cx_pos && pmem un cx.cx_pos && side_ok side && !(Nat.beq ov un) then
      (match orientation_of cx with
      | none => none
      | some o =>
        match edge_face_in cx o ov side with
        | none => none
        | some face =>
          match side_of o un face with
          | none => none
          | some us =>
            undo_r2 (PDState.mk_pd
              (with_slots s.crossings
                [(head_of o ov, new_label cx.cx_max 2), (head_of o un, new_label cx.cx_max 4)]
                (r2_crossings ov (new_label cx.cx_max 1) (new_label cx.cx_max 2)
                  un (new_label cx.cx_max 3) (new_label cx.cx_max 4) side us)) s.free) s)
    else none
  | PDMove.R3 e side =>
    let cx := make_context s.crossings
    if pmem e cx.cx_pos && side_ok side then
      (match orientation_of cx with
      | none => none
      | some o =>
        match edge_face_in cx o e side with
        | some face =>
          if is_triangle face then
            some (PDState.mk_pd (with_slots s.crossings (flat_map (r3_changes cx) face) []) s.free)
          else none
        | none => none)
    else none
  | PDMove.Band e1 e2 side t =>
    let cx := make_context s.crossings
    if pmem e1 cx.cx_pos && pmem e2 cx.cx_pos && side_ok side && !(Nat.beq e1 e2) &&
        Nat.ble t.natAbs 10 then
      (match orientation_of cx with
      | none => none
      | some o =>
        match edge_face_in cx o e1 side with
        | none => none
        | some face =>
          match side_of o e2 face with
          | some s2 =>
            if Nat.beq s2 side then
              let alpha := fun (k : Nat) => if Nat.beq k 0 then e1 else new_label cx.cx_max k
              let beta := fun (k : Nat) =>
                if Nat.beq k (2 * t.natAbs) then e2 else new_label cx.cx_max (4 * t.natAbs - k)
              let ys := with_slots s.crossings [(head_of o e1, beta 0), (head_of o e2, alpha (2 * t.natAbs))]
                (List.map (fun (k : Nat) => twist_crossing k side t alpha beta) (seq 1 (2 * t.natAbs)))
              if band_witness cx o face e1 e2 side t t.natAbs alpha beta ys then
                keep_labelled (PDState.mk_pd ys s.free)
              else none
            else none
          | none => none)
    else none

/-! ## Certificates and the checker -/

/-- A PD certificate: `pd_claim` is `components` for `Unknot`/`Unlink` and `bands` for `Ribbon`.
Coq: `Record pd_cert := mk_pd_cert { pd_kind ; pd_input ; pd_claim ; pd_steps }`. -/
structure PDCert where
  mk_pd_cert ::
  pd_kind : Kind
  pd_input : PDState
  pd_claim : Nat
  pd_steps : List PDMove

/-- `none` when the flag is set (a band or death outside a ribbon certificate), else `r`. -/
def pd_guard : Bool → Option (PDState × Nat × Nat) → Option (PDState × Nat × Nat)
  | true, _ => none
  | false, r => r

/-- The state after a move together with the updated counts of bands and deaths. -/
def pd_result (b d : Nat) (m : PDMove) : Option PDState → Option (PDState × Nat × Nat)
  | some t => some (t, bump (is_band m) b, bump (is_death m) d)
  | none => none

/-- One step of `run_pd`. -/
def run_pd_step (k : Kind) (s : PDState) (m : PDMove) (b d : Nat) : Option (PDState × Nat × Nat) :=
  pd_guard (!is_isotopy m && !is_ribbon k) (pd_result b d m (apply_pd_move s m))

/-- Replay the steps; count bands and deaths; neither is allowed outside a ribbon certificate. -/
def run_pd (k : Kind) : PDState → List PDMove → Nat → Nat → Option (PDState × Nat × Nat)
  | s, [], b, d => some (s, b, d)
  | s, m :: rest, b, d =>
    Option.bind (run_pd_step k s m b d) (fun (p : PDState × Nat × Nat) => run_pd k p.1 rest p.2.1 p.2.2)

/-- The claim field as the schema allows it: `≥ 1`, and exactly 1 for an unknot. -/
def pd_claim_ok (c : PDCert) : Bool :=
  Nat.ble 1 c.pd_claim &&
    (match c.pd_kind with
     | Kind.Unknot => Nat.beq c.pd_claim 1
     | _ => true)

/-- `some 1`. -/
def is_one (o : Option Nat) : Bool :=
  match o with
  | some n => Nat.beq n 1
  | none => false

/-- The final state `t` after `b` bands and `d` deaths satisfies the claim. -/
def pd_final_ok (c : PDCert) (t : PDState) (b d : Nat) : Bool :=
  match t.crossings with
  | _ :: _ => false
  | [] =>
    match c.pd_kind with
    | Kind.Ribbon =>
      Nat.beq b c.pd_claim && Nat.beq (t.free + d) (c.pd_claim + 1) && is_one (link_components c.pd_input)
    | _ => Nat.beq t.free c.pd_claim

/-- The verdict on the outcome of `run_pd`. -/
def pd_run_ok (c : PDCert) : Option (PDState × Nat × Nat) → Bool
  | some (t, b, d) => pd_final_ok c t b d
  | none => false

/-- The checker: a valid input, a well-formed claim, every step legal, and the claim reached. -/
def check_pd (c : PDCert) : Bool :=
  validate_pd c.pd_input.crossings && pd_claim_ok c && pd_run_ok c (run_pd c.pd_kind c.pd_input c.pd_steps 0 0)

/-! ## The relations generated by the moves -/

/-- One Reidemeister move (anything but a band or a death). -/
inductive PDStep : PDState → PDState → Prop where
  | pd_step_move : ∀ (s : PDState) (m : PDMove) (t : PDState),
      is_isotopy m = true → apply_pd_move s m = some t → PDStep s t

/-- Reachability by Reidemeister moves (reflexive-transitive closure of `PDStep`). -/
inductive PDEquiv : PDState → PDState → Prop where
  | pd_equiv_refl : ∀ (s : PDState), PDEquiv s s
  | pd_equiv_step : ∀ (s t u : PDState), PDStep s t → PDEquiv t u → PDEquiv s u

/-- `PDRibbonReach b d s u`: `u` is reached from `s` by Reidemeister moves, exactly `b` band moves
and exactly `d` deaths (removals of a free unknot). -/
inductive PDRibbonReach : Nat → Nat → PDState → PDState → Prop where
  | pd_ribbon_refl : ∀ (s : PDState), PDRibbonReach 0 0 s s
  | pd_ribbon_step : ∀ (b d : Nat) (s t u : PDState),
      PDStep s t → PDRibbonReach b d t u → PDRibbonReach b d s u
  | pd_ribbon_band : ∀ (b d e1 e2 side : Nat) (tw : Int) (s t u : PDState),
      apply_pd_move s (PDMove.Band e1 e2 side tw) = some t → PDRibbonReach b d t u →
      PDRibbonReach (b + 1) d s u
  | pd_ribbon_death : ∀ (b d : Nat) (s t u : PDState),
      apply_pd_move s PDMove.RemoveFree = some t → PDRibbonReach b d t u →
      PDRibbonReach b (d + 1) s u

/-! ## Small lemmas (case analysis only) -/

theorem absurd_false_true {P : Prop} (h : false = true) : P := by cases h

theorem absurd_true_false {P : Prop} (h : true = false) : P := by cases h

theorem absurd_none_some {P : Prop} {p : PDState × Nat × Nat}
    (h : (none : Option (PDState × Nat × Nat)) = some p) : P := by cases h

theorem bump_false (n : Nat) : bump false n = n := rfl

theorem isotopy_not_band : ∀ (m : PDMove), is_isotopy m = true → is_band m = false
  | PDMove.R1Remove _, _ => rfl
  | PDMove.R1Add _ _ _, _ => rfl
  | PDMove.R2Remove _ _, _ => rfl
  | PDMove.R2Add _ _ _, _ => rfl
  | PDMove.R3 _ _, _ => rfl
  | PDMove.Band _ _ _ _, h => absurd_false_true h
  | PDMove.RemoveFree, _ => rfl

theorem isotopy_not_death : ∀ (m : PDMove), is_isotopy m = true → is_death m = false
  | PDMove.R1Remove _, _ => rfl
  | PDMove.R1Add _ _ _, _ => rfl
  | PDMove.R2Remove _ _, _ => rfl
  | PDMove.R2Add _ _ _, _ => rfl
  | PDMove.R3 _ _, _ => rfl
  | PDMove.Band _ _ _ _, _ => rfl
  | PDMove.RemoveFree, h => absurd_false_true h

theorem is_one_some : ∀ (o : Option Nat), is_one o = true → o = some 1
  | some n, h => congrArg some (Nat.eq_of_beq_eq_true h)
  | none, h => absurd_false_true h

/-! ## Soundness of `run_pd` and `check_pd` -/

/-- A Reidemeister step of `run_pd` is a `PDStep` and leaves the counts alone. -/
theorem pd_step_of_isotopy (k : Kind) (s : PDState) (m : PDMove) (b d : Nat) (p : PDState × Nat × Nat)
    (hi : is_isotopy m = true) (h : run_pd_step k s m b d = some p) :
    PDStep s p.1 ∧ p.2.1 = b ∧ p.2.2 = d := by
  have h1 : pd_guard (!is_isotopy m && !is_ribbon k) (pd_result b d m (apply_pd_move s m)) = some p := h
  rw [hi] at h1
  have h2 : pd_result b d m (apply_pd_move s m) = some p := h1
  cases hm : apply_pd_move s m with
  | none =>
    rw [hm] at h2
    have h3 : (none : Option (PDState × Nat × Nat)) = some p := h2
    exact absurd_none_some h3
  | some t =>
    rw [hm] at h2
    have h3 : some (t, bump (is_band m) b, bump (is_death m) d) = some p := h2
    cases h3
    exact ⟨PDStep.pd_step_move s m t hi hm,
      Eq.trans (congrArg (fun (x : Bool) => bump x b) (isotopy_not_band m hi)) (bump_false b),
      Eq.trans (congrArg (fun (x : Bool) => bump x d) (isotopy_not_death m hi)) (bump_false d)⟩

/-- Outside a ribbon certificate every step of `run_pd` is a `PDStep`. -/
theorem run_pd_step_isotopy (k : Kind) (hk : is_ribbon k = false) (s : PDState) (m : PDMove)
    (b d : Nat) (p : PDState × Nat × Nat) (h : run_pd_step k s m b d = some p) :
    PDStep s p.1 ∧ p.2.1 = b ∧ p.2.2 = d := by
  cases hi : is_isotopy m with
  | true => exact pd_step_of_isotopy k s m b d p hi h
  | false =>
    have h1 : pd_guard (!is_isotopy m && !is_ribbon k) (pd_result b d m (apply_pd_move s m)) = some p := h
    rw [hi, hk] at h1
    have h2 : (none : Option (PDState × Nat × Nat)) = some p := h1
    exact absurd_none_some h2

/-- In a ribbon certificate a step of `run_pd` is a `PDStep`, a band move or a death. -/
theorem run_pd_step_ribbon (s : PDState) (m : PDMove) (b d : Nat) (p : PDState × Nat × Nat)
    (h : run_pd_step Kind.Ribbon s m b d = some p) :
    (PDStep s p.1 ∧ p.2.1 = b ∧ p.2.2 = d) ∨
    (∃ (e1 e2 side : Nat) (tw : Int),
      apply_pd_move s (PDMove.Band e1 e2 side tw) = some p.1 ∧ p.2.1 = b + 1 ∧ p.2.2 = d) ∨
    (apply_pd_move s PDMove.RemoveFree = some p.1 ∧ p.2.1 = b ∧ p.2.2 = d + 1) := by
  cases hi : is_isotopy m with
  | true => exact Or.inl (pd_step_of_isotopy Kind.Ribbon s m b d p hi h)
  | false =>
    have h0 : pd_guard (!is_isotopy m && !is_ribbon Kind.Ribbon)
        (pd_result b d m (apply_pd_move s m)) = some p := h
    rw [hi] at h0
    have h1 : pd_result b d m (apply_pd_move s m) = some p := h0
    cases m with
    | Band e1 e2 side tw =>
      cases ha : apply_pd_move s (PDMove.Band e1 e2 side tw) with
      | none =>
        rw [ha] at h1
        have h2 : (none : Option (PDState × Nat × Nat)) = some p := h1
        exact absurd_none_some h2
      | some t =>
        rw [ha] at h1
        have h2 : some (t, b + 1, d) = some p := h1
        cases h2
        exact Or.inr (Or.inl ⟨e1, e2, side, tw, ha, rfl, rfl⟩)
    | RemoveFree =>
      cases ha : apply_pd_move s PDMove.RemoveFree with
      | none =>
        rw [ha] at h1
        have h2 : (none : Option (PDState × Nat × Nat)) = some p := h1
        exact absurd_none_some h2
      | some t =>
        rw [ha] at h1
        have h2 : some (t, b, d + 1) = some p := h1
        cases h2
        exact Or.inr (Or.inr ⟨ha, rfl, rfl⟩)
    | R1Remove i => exact absurd_true_false hi
    | R1Add e side sign => exact absurd_true_false hi
    | R2Remove i j => exact absurd_true_false hi
    | R2Add o u side => exact absurd_true_false hi
    | R3 e side => exact absurd_true_false hi

theorem run_pd_isotopy : ∀ (k : Kind) (ms : List PDMove) (s : PDState) (b0 d0 : Nat) (t : PDState)
    (b d : Nat), is_ribbon k = false → run_pd k s ms b0 d0 = some (t, b, d) →
    PDEquiv s t ∧ b = b0 ∧ d = d0 := by
  intro k ms
  induction ms with
  | nil =>
    intro s b0 d0 t b d _ h
    have h1 : some (s, b0, d0) = some (t, b, d) := h
    cases h1
    exact ⟨PDEquiv.pd_equiv_refl _, rfl, rfl⟩
  | cons m ms ih =>
    intro s b0 d0 t b d hk h
    have h1 : Option.bind (run_pd_step k s m b0 d0)
        (fun (p : PDState × Nat × Nat) => run_pd k p.1 ms p.2.1 p.2.2) = some (t, b, d) := h
    cases hst : run_pd_step k s m b0 d0 with
    | none =>
      rw [hst] at h1
      have h2 : (none : Option (PDState × Nat × Nat)) = some (t, b, d) := h1
      exact absurd_none_some h2
    | some p =>
      rw [hst] at h1
      have h2 : run_pd k p.1 ms p.2.1 p.2.2 = some (t, b, d) := h1
      have hp : PDStep s p.1 ∧ p.2.1 = b0 ∧ p.2.2 = d0 := run_pd_step_isotopy k hk s m b0 d0 p hst
      have hr : PDEquiv p.1 t ∧ b = p.2.1 ∧ d = p.2.2 := ih p.1 p.2.1 p.2.2 t b d hk h2
      exact ⟨PDEquiv.pd_equiv_step s p.1 t hp.1 hr.1, Eq.trans hr.2.1 hp.2.1, Eq.trans hr.2.2 hp.2.2⟩

theorem run_pd_ribbon : ∀ (ms : List PDMove) (s : PDState) (b0 d0 : Nat) (t : PDState) (b d : Nat),
    run_pd Kind.Ribbon s ms b0 d0 = some (t, b, d) →
    ∃ (b' d' : Nat), b = b0 + b' ∧ d = d0 + d' ∧ PDRibbonReach b' d' s t := by
  intro ms
  induction ms with
  | nil =>
    intro s b0 d0 t b d h
    have h1 : some (s, b0, d0) = some (t, b, d) := h
    cases h1
    exact ⟨0, 0, rfl, rfl, PDRibbonReach.pd_ribbon_refl _⟩
  | cons m ms ih =>
    intro s b0 d0 t b d h
    have h1 : Option.bind (run_pd_step Kind.Ribbon s m b0 d0)
        (fun (p : PDState × Nat × Nat) => run_pd Kind.Ribbon p.1 ms p.2.1 p.2.2) = some (t, b, d) := h
    cases hst : run_pd_step Kind.Ribbon s m b0 d0 with
    | none =>
      rw [hst] at h1
      have h2 : (none : Option (PDState × Nat × Nat)) = some (t, b, d) := h1
      exact absurd_none_some h2
    | some p =>
      rw [hst] at h1
      have h2 : run_pd Kind.Ribbon p.1 ms p.2.1 p.2.2 = some (t, b, d) := h1
      cases ih p.1 p.2.1 p.2.2 t b d h2 with
      | intro b' hb' =>
        cases hb' with
        | intro d' hr =>
          cases run_pd_step_ribbon s m b0 d0 p hst with
          | inl hA =>
            exact ⟨b', d',
              Eq.trans hr.1 (congrArg (fun (x : Nat) => x + b') hA.2.1),
              Eq.trans hr.2.1 (congrArg (fun (x : Nat) => x + d') hA.2.2),
              PDRibbonReach.pd_ribbon_step b' d' s p.1 t hA.1 hr.2.2⟩
          | inr hBD =>
            cases hBD with
            | inl hB =>
              cases hB with
              | intro e1 hB1 =>
                cases hB1 with
                | intro e2 hB2 =>
                  cases hB2 with
                  | intro side hB3 =>
                    cases hB3 with
                    | intro tw hB =>
                      exact ⟨b' + 1, d',
                        Eq.trans hr.1 (Eq.trans (congrArg (fun (x : Nat) => x + b') hB.2.1)
                          (add_one_add b0 b')),
                        Eq.trans hr.2.1 (congrArg (fun (x : Nat) => x + d') hB.2.2),
                        PDRibbonReach.pd_ribbon_band b' d' e1 e2 side tw s p.1 t hB.1 hr.2.2⟩
            | inr hD =>
              exact ⟨b', d' + 1,
                Eq.trans hr.1 (congrArg (fun (x : Nat) => x + b') hD.2.1),
                Eq.trans hr.2.1 (Eq.trans (congrArg (fun (x : Nat) => x + d') hD.2.2)
                  (add_one_add d0 d')),
                PDRibbonReach.pd_ribbon_death b' d' s p.1 t hD.1 hr.2.2⟩

theorem check_pd_input_valid : ∀ (c : PDCert), check_pd c = true →
    validate_pd c.pd_input.crossings = true := by
  intro c h
  have h1 : (validate_pd c.pd_input.crossings && pd_claim_ok c &&
      pd_run_ok c (run_pd c.pd_kind c.pd_input c.pd_steps 0 0)) = true := h
  exact andb_true_l (andb_true_l h1)

theorem check_pd_sound_unlink : ∀ (c : PDCert),
    check_pd c = true → c.pd_kind ≠ Kind.Ribbon → PDEquiv c.pd_input (pd_trivial c.pd_claim) := by
  intro c h hk
  cases c with
  | mk_pd_cert kind input claim steps =>
    have h1 : (validate_pd input.crossings && pd_claim_ok (PDCert.mk_pd_cert kind input claim steps) &&
        pd_run_ok (PDCert.mk_pd_cert kind input claim steps) (run_pd kind input steps 0 0)) = true := h
    have h2 : pd_run_ok (PDCert.mk_pd_cert kind input claim steps) (run_pd kind input steps 0 0) = true :=
      andb_true_r h1
    have hr : is_ribbon kind = false := by
      cases kind with
      | Unknot => rfl
      | Unlink => rfl
      | Ribbon => exact False.elim (hk rfl)
    cases hrun : run_pd kind input steps 0 0 with
    | none =>
      rw [hrun] at h2
      have h3 : false = true := h2
      exact absurd_false_true h3
    | some q =>
      rw [hrun] at h2
      cases q with
      | mk t bd =>
        cases bd with
        | mk b d =>
          have he : PDEquiv input t := (run_pd_isotopy kind steps input 0 0 t b d hr hrun).1
          cases t with
          | mk_pd xs f =>
            cases xs with
            | cons x xs' =>
              have h3 : false = true := h2
              exact absurd_false_true h3
            | nil =>
              have h3 : Nat.beq f claim = true := by
                cases kind with
                | Unknot => exact h2
                | Unlink => exact h2
                | Ribbon => exact absurd_true_false hr
              have hf : f = claim := Nat.eq_of_beq_eq_true h3
              subst hf
              exact he

theorem check_pd_sound_unknot : ∀ (c : PDCert),
    check_pd c = true → c.pd_kind = Kind.Unknot → PDEquiv c.pd_input (pd_trivial 1) := by
  intro c h hk
  have hne : c.pd_kind ≠ Kind.Ribbon := by
    intro e
    rw [hk] at e
    cases e
  have hu : PDEquiv c.pd_input (pd_trivial c.pd_claim) := check_pd_sound_unlink c h hne
  cases c with
  | mk_pd_cert kind input claim steps =>
    have hk' : kind = Kind.Unknot := hk
    subst hk'
    have h1 : (validate_pd input.crossings && pd_claim_ok (PDCert.mk_pd_cert Kind.Unknot input claim steps) &&
        pd_run_ok (PDCert.mk_pd_cert Kind.Unknot input claim steps)
          (run_pd Kind.Unknot input steps 0 0)) = true := h
    have h2 : pd_claim_ok (PDCert.mk_pd_cert Kind.Unknot input claim steps) = true :=
      andb_true_r (andb_true_l h1)
    have h3 : (Nat.ble 1 claim && Nat.beq claim 1) = true := h2
    have hc : claim = 1 := Nat.eq_of_beq_eq_true (andb_true_r h3)
    subst hc
    exact hu

theorem check_pd_sound_ribbon : ∀ (c : PDCert),
    check_pd c = true → c.pd_kind = Kind.Ribbon →
    ∃ (f d : Nat), PDRibbonReach c.pd_claim d c.pd_input (pd_trivial f) ∧ f + d = c.pd_claim + 1 ∧
      link_components c.pd_input = some 1 := by
  intro c h hk
  cases c with
  | mk_pd_cert kind input claim steps =>
    have hk' : kind = Kind.Ribbon := hk
    subst hk'
    have h1 : (validate_pd input.crossings && pd_claim_ok (PDCert.mk_pd_cert Kind.Ribbon input claim steps) &&
        pd_run_ok (PDCert.mk_pd_cert Kind.Ribbon input claim steps)
          (run_pd Kind.Ribbon input steps 0 0)) = true := h
    have h2 : pd_run_ok (PDCert.mk_pd_cert Kind.Ribbon input claim steps)
        (run_pd Kind.Ribbon input steps 0 0) = true := andb_true_r h1
    cases hrun : run_pd Kind.Ribbon input steps 0 0 with
    | none =>
      rw [hrun] at h2
      have h3 : false = true := h2
      exact absurd_false_true h3
    | some q =>
      rw [hrun] at h2
      cases q with
      | mk t bd =>
        cases bd with
        | mk b d =>
          cases run_pd_ribbon steps input 0 0 t b d hrun with
          | intro b' hb' =>
            cases hb' with
            | intro d' hy =>
              cases t with
              | mk_pd xs f =>
                cases xs with
                | cons x xs' =>
                  have h3 : false = true := h2
                  exact absurd_false_true h3
                | nil =>
                  have h3 : (Nat.beq b claim && Nat.beq (f + d) (claim + 1) &&
                      is_one (link_components input)) = true := h2
                  have hb : b = claim := Nat.eq_of_beq_eq_true (andb_true_l (andb_true_l h3))
                  have hf : f + d = claim + 1 := Nat.eq_of_beq_eq_true (andb_true_r (andb_true_l h3))
                  have hcomp : link_components input = some 1 :=
                    is_one_some (link_components input) (andb_true_r h3)
                  have hbc : b' = claim := Eq.trans (Nat.zero_add b').symm (Eq.trans hy.1.symm hb)
                  have hdd : d' = d := Eq.trans (Nat.zero_add d').symm hy.2.1.symm
                  have hR : PDRibbonReach b' d' input (PDState.mk_pd [] f) := hy.2.2
                  subst hbc
                  subst hdd
                  exact ⟨f, d', hR, hf, hcomp⟩

/-! ## Checking a long certificate chunk by chunk

A generated module for a long certificate proves `run_pd` on each chunk of steps by `decide`,
from the intermediate state written out in the module, and chains the chunks with
`run_pd_chain`; `check_pd_of_run` then gives `check_pd cert = true`. Every state in such a module
is re-computed by the kernel: a wrong intermediate state makes its `decide` fail. -/

theorem run_pd_append (k : Kind) : ∀ (l1 l2 : List PDMove) (s : PDState) (b d : Nat),
    run_pd k s (l1 ++ l2) b d =
      Option.bind (run_pd k s l1 b d) (fun (p : PDState × Nat × Nat) => run_pd k p.1 l2 p.2.1 p.2.2)
  | [], _, _, _, _ => rfl
  | m :: l1, l2, s, b, d => by
    show Option.bind (run_pd_step k s m b d)
        (fun (p : PDState × Nat × Nat) => run_pd k p.1 (l1 ++ l2) p.2.1 p.2.2) =
      Option.bind (Option.bind (run_pd_step k s m b d)
          (fun (p : PDState × Nat × Nat) => run_pd k p.1 l1 p.2.1 p.2.2))
        (fun (q : PDState × Nat × Nat) => run_pd k q.1 l2 q.2.1 q.2.2)
    cases run_pd_step k s m b d with
    | none => rfl
    | some p => exact run_pd_append k l1 l2 p.1 p.2.1 p.2.2

theorem run_pd_chain (k : Kind) (s : PDState) (l1 l2 : List PDMove) (b d : Nat) (t : PDState)
    (b1 d1 : Nat) (u : PDState) (b2 d2 : Nat)
    (h1 : run_pd k s l1 b d = some (t, b1, d1)) (h2 : run_pd k t l2 b1 d1 = some (u, b2, d2)) :
    run_pd k s (l1 ++ l2) b d = some (u, b2, d2) :=
  Eq.trans (run_pd_append k l1 l2 s b d)
    (Eq.trans (congrArg (fun (o : Option (PDState × Nat × Nat)) =>
      Option.bind o (fun (p : PDState × Nat × Nat) => run_pd k p.1 l2 p.2.1 p.2.2)) h1) h2)

theorem check_pd_of_run (c : PDCert) (t : PDState) (b d : Nat)
    (hv : validate_pd c.pd_input.crossings = true) (hc : pd_claim_ok c = true)
    (hr : run_pd c.pd_kind c.pd_input c.pd_steps 0 0 = some (t, b, d))
    (hf : pd_final_ok c t b d = true) : check_pd c = true :=
  andb_true_intro (andb_true_intro hv hc)
    (Eq.mpr (congrArg (fun (o : Option (PDState × Nat × Nat)) => pd_run_ok c o = true) hr) hf)

end KnotCert
