import KnotCert.PD
import KnotCert.PDSpec

/-!
# KnotCert.Invariants: knot invariants computed from a PD code (core Lean 4)

The Lean 4 mirror of `coq/theories/Invariants.v`, name for name (the table is
`INVARIANTS_NAME_TABLE` in `pybridge/export/lean_names_invariants.py`); the Python mirror is
`pybridge/knots/exact_invariants.py`. From the crossings of a Knot Atlas PD code: the reduced
Goeritz matrix of a checkerboard colouring and the Gordon–Litherland correction `mu`
(C. McA. Gordon and R. A. Litherland, "On the signature of a link", Invent. Math. 47 (1978)
53–69: `sigma = sign G - mu`, `det = |det G|`), the determinant by Bareiss's fraction-free
elimination (E. H. Bareiss, Math. Comp. 22 (1968) 565–578), the signature of a symmetric
matrix by congruence diagonalisation over the rationals, the writhe, and the number of Fox
`p`-colourings (`p ^ (labels - rank mod p)`, `p` prime).

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has never
been through `lake build`; it was written against the pinned release (core Lean only) and checked
by reading only.

Representation. Coq's `Z` is `Int`, `positive`/`nat` are `Nat` (as in `KnotCert.PD`). Coq's
standard-library rationals `Q` (with `Qred` after every operation) are the Lean-only structure
`Q` below (numerator `Int`, denominator `Nat`, reduced by `qred` after every operation): the
values, hence every zero test and every sign, are the same. Coq's `Z.div`/`Z.modulo` are
`Int.ediv`/`Int.emod` (the divisions of Bareiss's algorithm are exact; the moduli are positive).
Coq's `pos_powmod` recurses on the binary digits of a `positive`; here it is `(a ^ e) % p`, the
same value.

What is proved (same names as Coq): `knot_invariants_spec`, and by kernel evaluation (`decide`)
`fox_trefoil_brute`, `trefoil_invariants`, `figure_eight_invariants`. The Coq file's
`bareiss_det_2x2` (a `nia` proof), `bareiss_laplace_3x3_small`, `bareiss_laplace_4x4_01` and
`fox_figure_eight_brute` (enumerations of 19,683 and 65,536 matrices and 6,561 colour tables,
too large for one `decide`), and the writhe-parity induction `goeritz_loop_writhe`/`writhe_parity`
(a `lia` proof) are not mirrored: see `INVARIANTS_COQ_ONLY`.
-/

namespace KnotCert.Invariants

open KnotCert

/-! ## Lists and matrices -/

abbrev matrix : Type := List (List Int)

def zip_with {α β γ : Type} (f : α → β → γ) : List α → List β → List γ
  | x :: xr, y :: yr => f x y :: zip_with f xr yr
  | _, _ => []

def nth_upd {α : Type} : List α → Nat → (α → α) → List α
  | [], _, _ => []
  | x :: r, 0, f => f x :: r
  | x :: r, k + 1, f => x :: nth_upd r k f

def remove_nth {α : Type} : Nat → List α → List α
  | _, [] => []
  | 0, _ :: r => r
  | k + 1, x :: r => x :: remove_nth k r

def mat_add (M : matrix) (i j : Nat) (v : Int) : matrix :=
  nth_upd M i (fun row => nth_upd row j (fun x => x + v))

def zero_matrix (m : Nat) : matrix := List.replicate m (List.replicate m 0)

/-! ## Determinant: Bareiss (1968) -/

def pick_pivot : matrix → Nat → Option (Nat × List Int × matrix)
  | [], _ => none
  | r :: rest, i =>
    match r with
    | x :: _ =>
      if x != 0 then some (i, r, rest)
      else match pick_pivot rest (i + 1) with
        | some (j, p, others) => some (j, p, r :: others)
        | none => none
    | [] => none

def bareiss_loop : Nat → Int → Int → matrix → Int
  | _, prev, sign, [] => sign * prev
  | 0, _, _, _ :: _ => 0
  | f + 1, prev, sign, M@(_ :: _) =>
    match pick_pivot M 0 with
    | none => 0
    | some (j, prow, others) =>
      match prow with
      | [] => 0
      | p :: prest =>
        let sign' := if j % 2 == 0 then sign else -sign
        let elim : List Int → List Int := fun row =>
          match row with
          | [] => []
          | x :: xr => zip_with (fun a b => Int.ediv (a * p - x * b) prev) xr prest
        bareiss_loop f p sign' (others.map elim)

def bareiss_det (M : matrix) : Int := bareiss_loop (M.length + 1) 1 1 M

/-- Coq sums `s * x * minor + go (j + 1) xr (-s)` with an inner fixpoint `go`; here the same
alternating sum over the indexed first row (a fold, so the recursion stays structural). -/
def laplace_det_fuel : Nat → matrix → Int
  | _, [] => 1
  | 0, _ :: _ => 0
  | f + 1, row :: rest =>
    ((List.range row.length).zip row).foldl
      (fun acc jx => acc + (if jx.1 % 2 == 0 then 1 else -1) * jx.2 * laplace_det_fuel f (rest.map (remove_nth jx.1)))
      0

def laplace_det (M : matrix) : Int := laplace_det_fuel (M.length + 1) M

def all_rows (vals : List Int) : Nat → List (List Int)
  | 0 => [[]]
  | k + 1 => flat_map (fun x => (all_rows vals k).map (List.cons x)) vals

def all_matrices (vals : List Int) : Nat → Nat → List matrix
  | 0, _ => [[]]
  | k + 1, cols => flat_map (fun r => (all_matrices vals k cols).map (List.cons r)) (all_rows vals cols)

/-! ## Rationals (Lean-only; Coq uses its standard library `Q` with `Qred`) -/

structure Q where
  num : Int
  den : Nat

def qred (a : Q) : Q :=
  let g := Nat.gcd a.num.natAbs a.den
  if g == 0 then ⟨0, 1⟩ else ⟨Int.ediv a.num (Int.ofNat g), a.den / g⟩

def qadd (a b : Q) : Q := qred ⟨a.num * b.den + b.num * a.den, a.den * b.den⟩
def qsub (a b : Q) : Q := qred ⟨a.num * b.den - b.num * a.den, a.den * b.den⟩
def qmul (a b : Q) : Q := qred ⟨a.num * b.num, a.den * b.den⟩
/-- `a / b` (Coq's `Qdiv`; `b ≠ 0` wherever it is used). -/
def qdiv (a b : Q) : Q :=
  qred ⟨a.num * b.den * (if b.num < 0 then -1 else 1), a.den * b.num.natAbs⟩
def qzero : Q := ⟨0, 1⟩
def inject_Z (z : Int) : Q := ⟨z, 1⟩

/-! ## Signature of a symmetric matrix -/

abbrev qmatrix : Type := List (List Q)

def to_qmatrix (M : matrix) : qmatrix := M.map (fun row => row.map inject_Z)

def qnz (x : Q) : Bool := x.num != 0

def to_front {α : Type} (i : Nat) (l : List α) : List α :=
  match nth_error l i with
  | some x => x :: remove_nth i l
  | none => l

def sym_front (i : Nat) (M : qmatrix) : qmatrix := to_front i (M.map (to_front i))

def first_index {α : Type} (f : α → Bool) : List α → Nat → Option Nat
  | [], _ => none
  | x :: r, i => if f x then some i else first_index f r (i + 1)

def diag {α : Type} (d : α) : List (List α) → Nat → List α
  | [], _ => []
  | row :: rest, i => (row.getD i d) :: diag d rest (i + 1)

def add_row_col (M : qmatrix) (i j : Nat) : qmatrix :=
  let rj := M.getD j []
  let M1 := nth_upd M i (fun ri => zip_with qadd ri rj)
  M1.map (fun row => nth_upd row i (fun a => qadd a (row.getD j qzero)))

def first_nonzero : qmatrix → Nat → Option (Nat × Nat)
  | [], _ => none
  | row :: rest, i =>
    match first_index qnz row 0 with
    | some j => some (i, j)
    | none => first_nonzero rest (i + 1)

def choose_pivot (M : qmatrix) : Option qmatrix :=
  match first_index qnz (diag qzero M 0) 0 with
  | some i => some (sym_front i M)
  | none =>
    match first_nonzero M 0 with
    | some (i, j) => some (sym_front i (add_row_col M i j))
    | none => none

def schur (d : Q) (v : List Q) (rows : qmatrix) : qmatrix :=
  rows.map (fun row => match row with
    | [] => []
    | vr :: rr => zip_with (fun a vc => qsub a (qdiv (qmul vr vc) d)) rr v)

def qsgn (d : Q) : Int := if d.num > 0 then 1 else if d.num < 0 then -1 else 0

def qsignature_fuel : Nat → qmatrix → Int
  | _, [] => 0
  | 0, _ :: _ => 0
  | f + 1, M@(_ :: _) =>
    match choose_pivot M with
    | none => 0
    | some M' =>
      match M' with
      | (d :: v) :: rows => qsgn d + qsignature_fuel f (schur d v rows)
      | _ => 0

def qsignature (M : matrix) : Int := qsignature_fuel (M.length + 1) (to_qmatrix M)

/-! ## Checkerboard colouring, Goeritz matrix, correction term, writhe -/

/-- `b_k' = b_k xor (odd q == odd q')`. -/
def flip (q q' : Nat) : Bool := bool_eqb (q % 2 == 1) (q' % 2 == 1)

def bit (bits : PTree Bool) (k : Nat) : Bool :=
  match pget k bits with
  | some b => b
  | none => false

def colour_walk : Nat → PDContext → List Nat → PTree Bool → PTree Bool
  | 0, _, _, bits => bits
  | _ + 1, _, [], bits => bits
  | f + 1, cx, k :: rest, bits =>
    let b := bit bits k
    let step : List Nat × PTree Bool → Nat → List Nat × PTree Bool := fun acc q =>
      let s' := other_end cx (k, q)
      if pmem s'.1 acc.2 then acc
      else (s'.1 :: acc.1, pset s'.1 (b != KnotCert.Invariants.flip q s'.2) acc.2)
    let r := [0, 1, 2, 3].foldl step (rest, bits)
    colour_walk f cx r.1 r.2

def checkerboard (cx : PDContext) : PTree Bool :=
  colour_walk (fuel cx) cx [1] (pset 1 false PTree.PLeaf)

def corner_shaded (bits : PTree Bool) (c : Slot) : Bool := bit bits c.1 != (c.2 % 2 == 1)

def index_faces (bits : PTree Bool) : List (List Slot) → Nat → PTree Nat → PTree Nat × Nat
  | [], next, t => (t, next)
  | f :: rest, next, t =>
    match f with
    | [] => index_faces bits rest next t
    | c :: _ =>
      if corner_shaded bits c then index_faces bits rest next t
      else index_faces bits rest (next + 1) (f.foldl (fun t' s => pset (slot_code s) next t') t)

def over_entries (comps : List (List Slot)) : PTree Nat :=
  comps.foldl (fun t es => es.foldl (fun t' s => if s.2 % 2 == 1 then pset s.1 s.2 t' else t') t) PTree.PLeaf

def face_index (fidx : PTree Nat) (c : Slot) : Nat :=
  match pget (slot_code c) fidx with
  | some i => i
  | none => 0

def goeritz_loop : List Crossing → Nat → PTree Bool → PTree Nat → PTree Nat → matrix → Int → Int →
    matrix × Int × Int
  | [], _, _, _, _, G, mu, w => (G, mu, w)
  | _ :: rest, k, bits, fidx, over, G, mu, w =>
    let sc : Nat := if bit bits k then 0 else 1
    let eta : Int := if bit bits k then -1 else 1
    let r := face_index fidx (k, add1 sc)
    let s := face_index fidx (k, add3 sc)
    let G' := if r == s then G
      else mat_add (mat_add (mat_add (mat_add G r s (-eta)) s r (-eta)) r r eta) s s eta
    let oin : Nat := match pget k over with
      | some q => q
      | none => 1
    let type2 := bool_eqb (sc % 2 == 1) (oin == 3)
    let mu' := if type2 then mu + eta else mu
    let w' := if oin == 3 then w + 1 else w - 1
    goeritz_loop rest (k + 1) bits fidx over G' mu' w'

def invariants_ok (xs : List Crossing) : Bool :=
  validate_pd xs && Nat.ble (pieces_of (make_context xs)) 1

def goeritz_data (xs : List Crossing) : Option (matrix × Int × Int) :=
  if !invariants_ok xs then none
  else
    let cx := make_context xs
    match components_of cx with
    | none => none
    | some comps =>
      match xs with
      | [] => some ([], 0, 0)
      | _ :: _ =>
        let bits := checkerboard cx
        let fm := index_faces bits (faces_of cx) 0 PTree.PLeaf
        let res := goeritz_loop xs 1 bits fm.1 (over_entries comps) (zero_matrix fm.2) 0 0
        some (res.1.tail.map List.tail, res.2.1, res.2.2)

def goeritz (xs : List Crossing) : matrix :=
  match goeritz_data xs with
  | some (G, _, _) => G
  | none => []

def signature (xs : List Crossing) : Int :=
  match goeritz_data xs with
  | some (G, mu, _) => qsignature G - mu
  | none => 0

def determinant (xs : List Crossing) : Int :=
  match goeritz_data xs with
  | some (G, _, _) => Int.ofNat (bareiss_det G).natAbs
  | none => 0

def writhe (xs : List Crossing) : Int :=
  match goeritz_data xs with
  | some (_, _, w) => w
  | none => 0

def knot_invariants (xs : List Crossing) : Int × Int × Int :=
  match goeritz_data xs with
  | some (G, mu, w) => (qsignature G - mu, Int.ofNat (bareiss_det G).natAbs, w)
  | none => (0, 0, 0)

theorem knot_invariants_spec (xs : List Crossing) :
    knot_invariants xs = (signature xs, determinant xs, writhe xs) := by
  unfold knot_invariants signature determinant writhe
  cases goeritz_data xs with
  | none => rfl
  | some v =>
    cases v with
    | mk G rest =>
      cases rest with
      | mk mu w => rfl

/-! ## Fox colourings -/

def pos_powmod (a : Int) (e : Nat) (p : Int) : Int := Int.emod (a ^ e) p

def inv_mod (a p : Int) : Int := if p > 2 then pos_powmod a (p - 2).toNat p else 1

def rank_mod : Nat → Int → matrix → Nat
  | 0, _, _ => 0
  | f + 1, p, rows =>
    if rows.all (fun r => r.isEmpty) then 0
    else
      match pick_pivot (rows.map (fun r => r.map (fun x => Int.emod x p))) 0 with
      | none => rank_mod f p (rows.map List.tail)
      | some (_, prow, others) =>
        match prow with
        | [] => 0
        | x :: xr =>
          let i := inv_mod x p
          let elim : List Int → List Int := fun row =>
            match row with
            | [] => []
            | y :: yr => zip_with (fun a b => Int.emod (a - y * i * b) p) yr xr
          rank_mod f p (others.map elim) + 1

def index_labels : List Nat → PTree Nat → Nat → PTree Nat × Nat
  | [], t, n => (t, n)
  | l :: rest, t, n => if pmem l t then index_labels rest t n else index_labels rest (pset l n t) (n + 1)

def unit_row (len : Nat) (entries : List (Nat × Int)) : List Int :=
  entries.foldl (fun r e => nth_upd r e.1 (fun x => x + e.2)) (List.replicate len 0)

def lab (t : PTree Nat) (l : Nat) : Nat :=
  match pget l t with
  | some i => i
  | none => 0

def fox_system (xs : List Crossing) : matrix × Nat :=
  let tn := index_labels (flat_map labels4 xs) PTree.PLeaf 0
  let t := tn.1
  let n := tn.2
  (flat_map (fun x => match x with
    | (a, b, c, d) =>
      [unit_row n [(lab t b, 1), (lab t d, -1)], unit_row n [(lab t b, 2), (lab t a, -1), (lab t c, -1)]]) xs, n)

def fox_colourings (p : Int) (xs : List Crossing) : Int :=
  let rn := fox_system xs
  p ^ (rn.2 - rank_mod (rn.2 + 1) p rn.1)

def brute_fox (p : Int) (n : Nat) (xs : List Crossing) : Nat :=
  let vals := (List.range p.toNat).map Int.ofNat
  ((all_rows vals n).filter (fun t => PDSpec.colouring_b p xs (PDSpec.table_col t))).length

theorem fox_trefoil_brute :
    brute_fox 3 6 PDSpec.trefoil.crossings = (fox_colourings 3 PDSpec.trefoil.crossings).toNat := by decide

/-! ## Small examples -/

theorem trefoil_invariants :
    (signature PDSpec.trefoil.crossings, determinant PDSpec.trefoil.crossings, writhe PDSpec.trefoil.crossings,
     fox_colourings 3 PDSpec.trefoil.crossings) = (-2, 3, 3, 9) := by decide

theorem figure_eight_invariants :
    (signature PDSpec.figure_eight.crossings, determinant PDSpec.figure_eight.crossings, writhe PDSpec.figure_eight.crossings,
     fox_colourings 5 PDSpec.figure_eight.crossings) = (0, 5, 0, 25) := by decide

end KnotCert.Invariants
