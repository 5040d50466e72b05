import KnotCert.Braid
import KnotCert.BraidSpec

/-!
# KnotCert.BraidCycles: the number of components of a closed braid, in the words of the textbook

The Lean 4 mirror of `coq/theories/BraidCycles.v`, name for name (the table is
`BRAIDCYCLES_NAME_TABLE` in `pybridge/export/lean_names_braidcycles.py`).

**Not compiled.** No Lean toolchain can be installed where this file was written, so it has
never been through `lake build`; it was written against the pinned release (v4.9.0, core Lean
only: no Mathlib, no Batteries) and checked by reading only. Generated certificate modules import
`KnotCert.Braid` alone, so an error here cannot break a certificate.

The closure of a braid `β ∈ B_n` has one component per cycle of the permutation of `β`
(Kassel–Turaev, "Braid Groups", §1.2.3; Birman, §1.4): the homomorphism `B_n → S_n` that sends
`σ_i` to the transposition of the neighbouring strand positions `i - 1` and `i` (0-based). This file
defines, without using the checker's list functions,

* `transposition i`: the permutation of `Nat` that exchanges `i` and `i + 1`;
* `strand_perm w`: the permutation of a braid word, the product (composition) of the
  transpositions of its letters (`σ_i` and `σ_i⁻¹` have the same transposition);
* `SameCycle π a b`: `b = π^m(a)` for some `m`;
* `CycleCount n π k`: the permutation `π` of `{0, ..., n-1}` has exactly `k` cycles (a list of `k`
  distinct representatives, one in each cycle).

It proves

* `components_spec`: for every braid `s`, the executable `components s` of `KnotCert.Braid` is the
  number of cycles of `strand_perm s.word` on `s.strands` points;
* non-vacuity: the number of cycles is well defined (`cycle_count_unique`) and invariant under
  Markov equivalence (`markov_equiv_cycle_count`, `markov_equiv_components`);
* hence an accepted certificate claims the right number of components
  (`check_unlink_components`, `check_unknot_components`, `check_spec_cycles`).

Lean spelling of the Coq notions (as in `BraidSpec.lean`): `Z` is `Int`, `nat` is `Nat`, `S n` is
`n + 1`, `Z.abs g` is `(g.natAbs : Int)`, `In x l` is `x ∈ l`, `fold_left f w p` is
`List.foldl f p w`, `repeat a m` is `List.replicate m a`, `nth`/`seq` are those of
`KnotCert.Braid`, and `j =? i` in a definition is the decidable test `j = i`. Coq's
`Nat.iter m π a` is the function `iter m π a` defined below (same argument order,
`iter (m + 1) π a = π (iter m π a)`), not core's `Nat.repeat`. Coq's `NoDup` and the standard
library list lemmas the Coq proofs use are proved here for `Nat` lists. The variables and
hypotheses of the Coq `Section Cycles` (`n`, `π`, `π_lt`, `π_inj`, `P`, `P_length`, `P_nth`) are
explicit arguments of the Lean theorems, each theorem taking those its Coq counterpart uses after
`End Cycles`. Helper lemmas with no Coq counterpart live in the namespace `KnotCert.BraidCycles`.
-/

namespace KnotCert

open BraidSpec

/-! ## Helpers with no Coq counterpart: `Nat.iter`, `NoDup` and standard list lemmas -/

namespace BraidCycles

/-- Coq's `Nat.iter m f x`: `f` applied `m` times to `x`. -/
def iter : Nat → (Nat → Nat) → Nat → Nat
  | 0, _, x => x
  | m + 1, f, x => f (iter m f x)

/-- Coq's `NoDup`, for lists of natural numbers. -/
inductive NoDup : List Nat → Prop where
  | NoDup_nil : NoDup []
  | NoDup_cons : ∀ (x : Nat) (l : List Nat), ¬ (x ∈ l) → NoDup l → NoDup (x :: l)

theorem nodup_cons_inv {x : Nat} {l : List Nat} (h : NoDup (x :: l)) : ¬ (x ∈ l) ∧ NoDup l := by
  cases h with
  | NoDup_cons _ _ h1 h2 => exact And.intro h1 h2

theorem orb_true_of_l : ∀ (a b : Bool), a = true → (a || b) = true
  | true, _, _ => rfl
  | false, _, h => by cases h

theorem orb_true_of_r : ∀ (a b : Bool), b = true → (a || b) = true
  | true, _, _ => rfl
  | false, _, h => h

/-- Coq's `existsb`, for lists of natural numbers. -/
def existsb_nat (p : Nat → Bool) : List Nat → Bool
  | [] => false
  | x :: l => p x || existsb_nat p l

theorem existsb_nat_true (p : Nat → Bool) :
    ∀ (l : List Nat), existsb_nat p l = true → ∃ (x : Nat), x ∈ l ∧ p x = true
  | [], h => by
    have h' : false = true := h
    cases h'
  | x :: l, h => by
    have h' : (p x || existsb_nat p l) = true := h
    cases hx : p x with
    | true => exact ⟨x, mem_head x l, hx⟩
    | false =>
      rw [hx] at h'
      have h2 : existsb_nat p l = true := h'
      cases existsb_nat_true p l h2 with
      | intro y hy => exact ⟨y, mem_tail x hy.1, hy.2⟩

theorem existsb_nat_intro (p : Nat → Bool) :
    ∀ (l : List Nat) (x : Nat), x ∈ l → p x = true → existsb_nat p l = true
  | [], _, hx, _ => by cases hx
  | y :: l, x, hx, hp => by
    show (p y || existsb_nat p l) = true
    cases mem_cons_inv hx with
    | inl e =>
      have hy : p y = true := by
        rw [← e]
        exact hp
      exact orb_true_of_l (p y) (existsb_nat p l) hy
    | inr hx' => exact orb_true_of_r (p y) (existsb_nat p l) (existsb_nat_intro p l x hx' hp)

theorem seq_length : ∀ (a k : Nat), (seq a k).length = k
  | _, 0 => rfl
  | a, k + 1 => by
    show (seq (a + 1) k).length + 1 = k + 1
    rw [seq_length (a + 1) k]

theorem mem_seq_bounds : ∀ (a k x : Nat), x ∈ seq a k → a ≤ x ∧ x < a + k
  | _, 0, x, h => by
    have h' : x ∈ ([] : List Nat) := h
    cases h'
  | a, k + 1, x, h => by
    have h' : x ∈ a :: seq (a + 1) k := h
    cases mem_cons_inv h' with
    | inl e => exact And.intro (by omega) (by omega)
    | inr h2 =>
      have hb := mem_seq_bounds (a + 1) k x h2
      exact And.intro (by omega) (by omega)

theorem mem_seq_intro : ∀ (a k x : Nat), a ≤ x → x < a + k → x ∈ seq a k
  | a, 0, x, h1, h2 => absurd h2 (by omega)
  | a, k + 1, x, h1, h2 => by
    show x ∈ a :: seq (a + 1) k
    cases Nat.decEq x a with
    | isTrue e =>
      rw [e]
      exact mem_head a (seq (a + 1) k)
    | isFalse ne => exact mem_tail a (mem_seq_intro (a + 1) k x (by omega) (by omega))

theorem seq_nth : ∀ (a k j d : Nat), j < k → nth j (seq a k) d = a + j
  | _, 0, j, _, h => absurd h (Nat.not_lt_zero j)
  | a, _ + 1, 0, _, _ => (Nat.add_zero a).symm
  | a, k + 1, j + 1, d, h => by
    show nth j (seq (a + 1) k) d = a + (j + 1)
    have e := seq_nth (a + 1) k j d (by omega)
    omega

theorem seq_nodup : ∀ (a k : Nat), NoDup (seq a k)
  | _, 0 => NoDup.NoDup_nil
  | a, k + 1 => by
    show NoDup (a :: seq (a + 1) k)
    exact NoDup.NoDup_cons a (seq (a + 1) k)
      (fun h => by
        have hb := mem_seq_bounds (a + 1) k a h
        omega)
      (seq_nodup (a + 1) k)

theorem length_map (f : Nat → Nat) : ∀ (l : List Nat), (List.map f l).length = l.length
  | [] => rfl
  | _ :: l => by
    show (List.map f l).length + 1 = l.length + 1
    rw [length_map f l]

theorem mem_map_intro (f : Nat → Nat) : ∀ (l : List Nat) (x : Nat), x ∈ l → f x ∈ List.map f l
  | [], _, h => by cases h
  | y :: l, x, h => by
    show f x ∈ f y :: List.map f l
    cases mem_cons_inv h with
    | inl e =>
      rw [e]
      exact mem_head (f y) (List.map f l)
    | inr h' => exact mem_tail (f y) (mem_map_intro f l x h')

theorem mem_map_inv (f : Nat → Nat) :
    ∀ (l : List Nat) (b : Nat), b ∈ List.map f l → ∃ (a : Nat), a ∈ l ∧ f a = b
  | [], b, h => by
    have h' : b ∈ ([] : List Nat) := h
    cases h'
  | y :: l, b, h => by
    have h' : b ∈ f y :: List.map f l := h
    cases mem_cons_inv h' with
    | inl e => exact ⟨y, mem_head y l, e.symm⟩
    | inr h2 =>
      cases mem_map_inv f l b h2 with
      | intro a ha => exact ⟨a, mem_tail y ha.1, ha.2⟩

theorem nodup_map_inj (f : Nat → Nat) (Hinj : ∀ (a b : Nat), f a = f b → a = b) :
    ∀ (l : List Nat), NoDup l → NoDup (List.map f l)
  | [], _ => NoDup.NoDup_nil
  | x :: l, H => by
    have H' := nodup_cons_inv H
    show NoDup (f x :: List.map f l)
    refine NoDup.NoDup_cons (f x) (List.map f l) ?_ (nodup_map_inj f Hinj l H'.2)
    intro Hin
    cases mem_map_inv f l (f x) Hin with
    | intro y hy =>
      have eyx : y = x := Hinj y x hy.2
      apply H'.1
      rw [← eyx]
      exact hy.1

theorem replicate_length (a : Bool) : ∀ (m : Nat), (List.replicate m a).length = m
  | 0 => rfl
  | m + 1 => by
    show (List.replicate m a).length + 1 = m + 1
    rw [replicate_length a m]

/-- Coq's `remove Nat.eq_dec b l`. -/
def remove_nat (b : Nat) : List Nat → List Nat
  | [] => []
  | x :: l => if x = b then remove_nat b l else x :: remove_nat b l

theorem mem_remove_nat_intro :
    ∀ (l : List Nat) (x b : Nat), x ≠ b → x ∈ l → x ∈ remove_nat b l
  | [], _, _, _, h => by cases h
  | y :: l, x, b, hne, h => by
    show x ∈ (if y = b then remove_nat b l else y :: remove_nat b l)
    cases Nat.decEq y b with
    | isTrue e =>
      rw [if_pos e]
      cases mem_cons_inv h with
      | inl e' => exact absurd (e'.trans e) hne
      | inr h' => exact mem_remove_nat_intro l x b hne h'
    | isFalse e =>
      rw [if_neg e]
      cases mem_cons_inv h with
      | inl e' =>
        rw [e']
        exact mem_head y (remove_nat b l)
      | inr h' => exact mem_tail y (mem_remove_nat_intro l x b hne h')

theorem mem_remove_nat_inv : ∀ (l : List Nat) (x b : Nat), x ∈ remove_nat b l → x ∈ l ∧ x ≠ b
  | [], _, _, h => by cases h
  | y :: l, x, b, h => by
    have h0 : x ∈ (if y = b then remove_nat b l else y :: remove_nat b l) := h
    cases Nat.decEq y b with
    | isTrue e =>
      rw [if_pos e] at h0
      have r := mem_remove_nat_inv l x b h0
      exact And.intro (mem_tail y r.1) r.2
    | isFalse e =>
      rw [if_neg e] at h0
      cases mem_cons_inv h0 with
      | inl e' =>
        refine And.intro ?_ ?_
        · rw [e']
          exact mem_head y l
        · intro exb
          exact e (e'.symm.trans exb)
      | inr h' =>
        have r := mem_remove_nat_inv l x b h'
        exact And.intro (mem_tail y r.1) r.2

theorem remove_nat_length_le : ∀ (l : List Nat) (b : Nat), (remove_nat b l).length ≤ l.length
  | [], _ => Nat.le_refl 0
  | y :: l, b => by
    show (if y = b then remove_nat b l else y :: remove_nat b l).length ≤ l.length + 1
    have ih := remove_nat_length_le l b
    cases Nat.decEq y b with
    | isTrue e =>
      rw [if_pos e]
      omega
    | isFalse e =>
      rw [if_neg e]
      show (remove_nat b l).length + 1 ≤ l.length + 1
      omega

theorem remove_nat_length_lt : ∀ (l : List Nat) (b : Nat), b ∈ l → (remove_nat b l).length < l.length
  | [], _, h => by cases h
  | y :: l, b, h => by
    show (if y = b then remove_nat b l else y :: remove_nat b l).length < l.length + 1
    cases Nat.decEq y b with
    | isTrue e =>
      rw [if_pos e]
      have ih := remove_nat_length_le l b
      omega
    | isFalse e =>
      rw [if_neg e]
      show (remove_nat b l).length + 1 < l.length + 1
      have hb : b ∈ l := by
        cases mem_cons_inv h with
        | inl e' => exact absurd e'.symm e
        | inr h' => exact h'
      have ih := remove_nat_length_lt l b hb
      omega

end BraidCycles

open BraidCycles

/-! ## The specification -/

/-- The transposition of the strand positions `i` and `i + 1`. -/
def transposition (i j : Nat) : Nat :=
  if j = i then i + 1 else if j = i + 1 then i else j

/-- The strand positions exchanged by the letter `σ_|g|^(±1)`: `|g| - 1` and `|g|` (0-based). -/
def letter_position (g : Int) : Nat := g.natAbs - 1

/-- The permutation of a braid word: the product of the transpositions of its letters,
`strand_perm (g :: w) = transposition (letter_position g) ∘ strand_perm w`. -/
def strand_perm : List Int → Nat → Nat
  | [] => fun j => j
  | g :: w' => fun j => transposition (letter_position g) (strand_perm w' j)

/-- `a` and `b` lie in the same cycle of `π`: `b = π^m(a)`. -/
def SameCycle (π : Nat → Nat) (a b : Nat) : Prop := ∃ (m : Nat), iter m π a = b

/-- The permutation `π` of `{0, ..., n-1}` has `k` cycles: `k` distinct points, one in each cycle. -/
def CycleCount (n : Nat) (π : Nat → Nat) (k : Nat) : Prop :=
  ∃ (reps : List Nat),
    reps.length = k ∧ NoDup reps ∧
    (∀ (r : Nat), r ∈ reps → r < n) ∧
    (∀ (j : Nat), j < n → ∃ (r : Nat), r ∈ reps ∧ SameCycle π r j) ∧
    (∀ (r r' : Nat), r ∈ reps → r' ∈ reps → SameCycle π r r' → r = r')

namespace BraidCycles

/-- The three cases of `transposition i j`; every arithmetic fact about transpositions below goes
through this lemma, so `omega` only ever sees linear facts (Coq: `Nat.eqb_spec` and `lia`). -/
theorem transposition_cases (i j : Nat) :
    (j = i ∧ transposition i j = i + 1) ∨ (j = i + 1 ∧ transposition i j = i) ∨
      (j ≠ i ∧ j ≠ i + 1 ∧ transposition i j = j) := by
  cases Nat.decEq j i with
  | isTrue h =>
    have e : transposition i j = i + 1 := by
      show (if j = i then i + 1 else if j = i + 1 then i else j) = i + 1
      rw [if_pos h]
    exact Or.inl (And.intro h e)
  | isFalse h =>
    cases Nat.decEq j (i + 1) with
    | isTrue h' =>
      have e : transposition i j = i := by
        show (if j = i then i + 1 else if j = i + 1 then i else j) = i
        rw [if_neg h, if_pos h']
      exact Or.inr (Or.inl (And.intro h' e))
    | isFalse h' =>
      have e : transposition i j = j := by
        show (if j = i then i + 1 else if j = i + 1 then i else j) = j
        rw [if_neg h, if_neg h']
      exact Or.inr (Or.inr (And.intro h (And.intro h' e)))

theorem transposition_eq_l (i : Nat) : transposition i i = i + 1 := by
  have h := transposition_cases i i
  omega

theorem transposition_eq_r (i : Nat) : transposition i (i + 1) = i := by
  have h := transposition_cases i (i + 1)
  omega

theorem transposition_eq_other (i j : Nat) (h1 : j ≠ i) (h2 : j ≠ i + 1) : transposition i j = j := by
  have h := transposition_cases i j
  omega

/-- The value of `transposition i j` from one of its three cases (used where a proof meets several
transpositions at once, so that `omega` is never handed many disjunctions together). -/
theorem transposition_val (i j v : Nat)
    (h : (j = i ∧ v = i + 1) ∨ (j = i + 1 ∧ v = i) ∨ (j ≠ i ∧ j ≠ i + 1 ∧ v = j)) :
    transposition i j = v := by
  have c := transposition_cases i j
  omega

/-- Rewriting the index of `nth`. -/
theorem nth_idx_eq {α : Type} {a b : Nat} (l : List α) (d : α) (e : a = b) : nth a l d = nth b l d := by
  rw [e]

/-- `SameCycle` and `CycleCount` as the existentials they are. -/
theorem same_cycle_unfold {π : Nat → Nat} {a b : Nat} (h : SameCycle π a b) :
    ∃ (m : Nat), iter m π a = b := h

theorem cycle_count_unfold {n : Nat} {π : Nat → Nat} {k : Nat} (h : CycleCount n π k) :
    ∃ (reps : List Nat),
      reps.length = k ∧ NoDup reps ∧
      (∀ (r : Nat), r ∈ reps → r < n) ∧
      (∀ (j : Nat), j < n → ∃ (r : Nat), r ∈ reps ∧ SameCycle π r j) ∧
      (∀ (r r' : Nat), r ∈ reps → r' ∈ reps → SameCycle π r r' → r = r') := h

/-- `σ_i` a generator gives `σ_|i|` a generator. -/
theorem gen_abs_of_gen {n : Nat} {i : Int} (h : gen n i) : gen n (i.natAbs : Int) := by
  have h1 := gen_lo h
  have h2 := gen_hi h
  have e := natAbs_spec i
  exact gen_mk (by omega) (by omega)

end BraidCycles

/-! ## Facts about transpositions and the permutation of a word -/

theorem transposition_involutive : ∀ (i j : Nat), transposition i (transposition i j) = j := by
  intro i j
  have h1 := transposition_cases i j
  have h2 := transposition_cases i (transposition i j)
  omega

theorem transposition_inj : ∀ (i a b : Nat), transposition i a = transposition i b → a = b := by
  intro i a b H
  have h1 := transposition_involutive i a
  have h2 := transposition_involutive i b
  rw [H] at h1
  exact h1.symm.trans h2

theorem transposition_lt : ∀ (i j n : Nat), i + 1 < n → j < n → transposition i j < n := by
  intro i j n Hi Hj
  have h := transposition_cases i j
  omega

theorem transposition_S : ∀ (i j : Nat), transposition (i + 1) (j + 1) = transposition i j + 1 := by
  intro i j
  have h1 := transposition_cases (i + 1) (j + 1)
  have h2 := transposition_cases i j
  omega

theorem strand_perm_inj : ∀ (w : List Int) (a b : Nat), strand_perm w a = strand_perm w b → a = b
  | [], _, _, H => H
  | g :: w, a, b, H =>
    strand_perm_inj w a b
      (transposition_inj (letter_position g) (strand_perm w a) (strand_perm w b) H)

/-- On a braid of `n` strands every letter exchanges two positions below `n`. -/
theorem letter_position_lt : ∀ (n : Nat) (g : Int), gen n (g.natAbs : Int) → letter_position g + 1 < n := by
  intro n g H
  have h1 := gen_lo H
  have h2 := gen_hi H
  show g.natAbs - 1 + 1 < n
  omega

theorem strand_perm_lt : ∀ (n : Nat) (w : List Int) (j : Nat), word_on n w → j < n → strand_perm w j < n
  | _, [], _, _, Hj => Hj
  | n, g :: w, j, Hw, Hj => by
    have H := (word_on_cons n g w).mp Hw
    exact transposition_lt (letter_position g) (strand_perm w j) n (letter_position_lt n g H.1)
      (strand_perm_lt n w j H.2 Hj)

/-! ## The checker's list `braid_perm n w` is the table of `strand_perm w` -/

theorem swap_at_length : ∀ (i : Nat) (p : List Nat), (swap_at i p).length = p.length
  | 0, [] => rfl
  | 0, [_] => rfl
  | 0, _ :: _ :: _ => rfl
  | _ + 1, [] => rfl
  | i + 1, _ :: rest => by
    show (swap_at i rest).length + 1 = rest.length + 1
    rw [swap_at_length i rest]

theorem nth_swap_at : ∀ (i : Nat) (p : List Nat) (j d : Nat), i + 1 < p.length →
    nth j (swap_at i p) d = nth (transposition i j) p d
  | 0, [], _, _, h => by
    have h' : 0 + 1 < 0 := h
    omega
  | 0, [_], _, _, h => by
    have h' : 0 + 1 < 0 + 1 := h
    omega
  | 0, x :: y :: rest, 0, d, _ => by
    have e : transposition 0 0 = 1 := transposition_eq_l 0
    show y = nth (transposition 0 0) (x :: y :: rest) d
    exact (nth_idx_eq (x :: y :: rest) d e).symm
  | 0, x :: y :: rest, 1, d, _ => by
    have e : transposition 0 1 = 0 := transposition_eq_r 0
    show x = nth (transposition 0 1) (x :: y :: rest) d
    exact (nth_idx_eq (x :: y :: rest) d e).symm
  | 0, x :: y :: rest, j + 2, d, _ => by
    have e : transposition 0 (j + 2) = j + 2 := transposition_eq_other 0 (j + 2) (by omega) (by omega)
    show nth j rest d = nth (transposition 0 (j + 2)) (x :: y :: rest) d
    exact (nth_idx_eq (x :: y :: rest) d e).symm
  | i + 1, [], _, _, h => by
    have h' : i + 1 + 1 < 0 := h
    omega
  | i + 1, x :: rest, 0, d, _ => by
    have e : transposition (i + 1) 0 = 0 := transposition_eq_other (i + 1) 0 (by omega) (by omega)
    show x = nth (transposition (i + 1) 0) (x :: rest) d
    exact (nth_idx_eq (x :: rest) d e).symm
  | i + 1, x :: rest, j + 1, d, h => by
    show nth j (swap_at i rest) d = nth (transposition (i + 1) (j + 1)) (x :: rest) d
    rw [transposition_S i j]
    show nth j (swap_at i rest) d = nth (transposition i j) rest d
    have h' : i + 1 + 1 < rest.length + 1 := h
    exact nth_swap_at i rest j d (by omega)

theorem fold_swap_length : ∀ (w : List Int) (p : List Nat),
    (List.foldl (fun (p : List Nat) (g : Int) => swap_at (letter_position g) p) p w).length = p.length
  | [], _ => rfl
  | g :: w, p => by
    show (List.foldl (fun (p : List Nat) (g : Int) => swap_at (letter_position g) p)
      (swap_at (letter_position g) p) w).length = p.length
    rw [fold_swap_length w (swap_at (letter_position g) p), swap_at_length]

theorem fold_swap_nth : ∀ (w : List Int) (p : List Nat) (j d : Nat),
    (∀ (g : Int), g ∈ w → letter_position g + 1 < p.length) →
    nth j (List.foldl (fun (p : List Nat) (g : Int) => swap_at (letter_position g) p) p w) d =
      nth (strand_perm w j) p d
  | [], _, _, _, _ => rfl
  | g :: w, p, j, d, Hw => by
    show nth j (List.foldl (fun (p : List Nat) (g : Int) => swap_at (letter_position g) p)
      (swap_at (letter_position g) p) w) d =
        nth (transposition (letter_position g) (strand_perm w j)) p d
    have Hw' : ∀ (g' : Int), g' ∈ w → letter_position g' + 1 < (swap_at (letter_position g) p).length := by
      intro g' Hg'
      rw [swap_at_length]
      exact Hw g' (mem_tail g Hg')
    rw [fold_swap_nth w (swap_at (letter_position g) p) j d Hw']
    exact nth_swap_at (letter_position g) p (strand_perm w j) d (Hw g (mem_head g w))

/-- The checker's table: the identity `[0, ..., n-1]` with the positions of each letter swapped in
turn. This lemma is proved by computation (`rfl`), whatever the spelling of `braid_perm`; it fails
if the checker swaps other positions than those of the letter. -/
theorem braid_perm_swaps : ∀ (n : Nat) (w : List Int),
    braid_perm n w = List.foldl (fun (p : List Nat) (g : Int) => swap_at (letter_position g) p) (seq 0 n) w :=
  fun _ _ => rfl

theorem braid_perm_length : ∀ (n : Nat) (w : List Int), (braid_perm n w).length = n := by
  intro n w
  rw [braid_perm_swaps, fold_swap_length, seq_length]

theorem braid_perm_nth : ∀ (n : Nat) (w : List Int) (j d : Nat), word_on n w → j < n →
    nth j (braid_perm n w) d = strand_perm w j := by
  intro n w j d Hw Hj
  have Hl : ∀ (g : Int), g ∈ w → letter_position g + 1 < (seq 0 n).length := by
    intro g Hg
    rw [seq_length]
    exact letter_position_lt n g (word_on_mem Hw g Hg)
  rw [braid_perm_swaps, fold_swap_nth w (seq 0 n) j d Hl,
    seq_nth 0 n (strand_perm w j) d (strand_perm_lt n w j Hw Hj), Nat.zero_add]

/-! ## Cycles of a permutation given as a table, and what `mark_cycle` and `count_cycles` compute -/

theorem iter_add : ∀ (f : Nat → Nat) (a b x : Nat), iter (a + b) f x = iter a f (iter b f x)
  | f, 0, b, x => by
    show iter (0 + b) f x = iter b f x
    rw [Nat.zero_add]
  | f, a + 1, b, x => by
    have e : a + 1 + b = (a + b) + 1 := by omega
    rw [e]
    show f (iter (a + b) f x) = f (iter a f (iter b f x))
    rw [iter_add f a b x]

theorem NoDup_map_seq : ∀ (f : Nat → Nat) (k a : Nat),
    (∀ (x y : Nat), a ≤ x ∧ x < a + k → a ≤ y ∧ y < a + k → f x = f y → x = y) →
    NoDup (List.map f (seq a k))
  | _, 0, _, _ => NoDup.NoDup_nil
  | f, k + 1, a, H => by
    show NoDup (f a :: List.map f (seq (a + 1) k))
    refine NoDup.NoDup_cons (f a) (List.map f (seq (a + 1) k)) ?_ ?_
    · intro Hin
      cases mem_map_inv f (seq (a + 1) k) (f a) Hin with
      | intro y hy =>
        have Hy := mem_seq_bounds (a + 1) k y hy.1
        have E : a = y := H a y (And.intro (by omega) (by omega)) (And.intro (by omega) (by omega)) hy.2.symm
        omega
    · exact NoDup_map_seq f k (a + 1) (fun x y Hx Hy E =>
        H x y (And.intro (by omega) (by omega)) (And.intro (by omega) (by omega)) E)

theorem nth_repeat_lt : ∀ (a d : Bool) (m k : Nat), k < m → nth k (List.replicate m a) d = a
  | _, _, 0, k, h => absurd h (Nat.not_lt_zero k)
  | _, _, _ + 1, 0, _ => rfl
  | a, d, m + 1, k + 1, h => nth_repeat_lt a d m k (by omega)

theorem set_seen_length : ∀ (j : Nat) (seen : List Bool), (set_seen j seen).length = seen.length
  | 0, [] => rfl
  | 0, _ :: _ => rfl
  | _ + 1, [] => rfl
  | j + 1, _ :: rest => by
    show (set_seen j rest).length + 1 = rest.length + 1
    rw [set_seen_length j rest]

namespace BraidCycles

theorem set_seen_same : ∀ (j : Nat) (seen : List Bool), j < seen.length → nth j (set_seen j seen) true = true
  | 0, [], h => by
    have h' : 0 < 0 := h
    omega
  | 0, _ :: _, _ => rfl
  | j + 1, [], h => by
    have h' : j + 1 < 0 := h
    omega
  | j + 1, _ :: rest, h => by
    have h' : j + 1 < rest.length + 1 := h
    show nth j (set_seen j rest) true = true
    exact set_seen_same j rest (by omega)

theorem set_seen_other : ∀ (j : Nat) (seen : List Bool) (k : Nat), k ≠ j →
    nth k (set_seen j seen) true = nth k seen true
  | 0, [], _, _ => rfl
  | 0, _ :: _, 0, h => False.elim (h rfl)
  | 0, _ :: _, _ + 1, _ => rfl
  | _ + 1, [], _, _ => rfl
  | _ + 1, _ :: _, 0, _ => rfl
  | j + 1, _ :: rest, k + 1, h => by
    show nth k (set_seen j rest) true = nth k rest true
    exact set_seen_other j rest k (fun e => h (congrArg (fun (x : Nat) => x + 1) e))

end BraidCycles

theorem nth_set_seen : ∀ (j : Nat) (seen : List Bool) (k : Nat), j < seen.length →
    nth k (set_seen j seen) true = (if k = j then true else nth k seen true) := by
  intro j seen k Hj
  cases Nat.decEq k j with
  | isTrue e =>
    rw [if_pos e, e]
    exact set_seen_same j seen Hj
  | isFalse ne =>
    rw [if_neg ne]
    exact set_seen_other j seen k ne

namespace BraidCycles

/-- One step of `mark_cycle` on a seen point, and on an unseen one. -/
theorem mark_cycle_seen (f : Nat) (P : List Nat) (seen : List Bool) (j : Nat)
    (h : nth j seen true = true) : mark_cycle (f + 1) P seen j = seen := by
  show (if nth j seen true = true then seen else mark_cycle f P (set_seen j seen) (nth j P 0)) = seen
  rw [if_pos h]

theorem mark_cycle_unseen (f : Nat) (P : List Nat) (seen : List Bool) (j : Nat)
    (h : nth j seen true = false) :
    mark_cycle (f + 1) P seen j = mark_cycle f P (set_seen j seen) (nth j P 0) := by
  have h' : ¬ (nth j seen true = true) := by
    intro e
    rw [h] at e
    cases e
  show (if nth j seen true = true then seen else mark_cycle f P (set_seen j seen) (nth j P 0)) =
    mark_cycle f P (set_seen j seen) (nth j P 0)
  rw [if_neg h']

/-- One step of `count_cycles` on a seen start, and on an unseen one. -/
theorem count_cycles_seen (j : Nat) (rest P : List Nat) (seen : List Bool) (acc : Nat)
    (h : nth j seen true = true) : count_cycles (j :: rest) P seen acc = count_cycles rest P seen acc := by
  show (if nth j seen true = true then count_cycles rest P seen acc
    else count_cycles rest P (mark_cycle P.length P seen j) (acc + 1)) = count_cycles rest P seen acc
  rw [if_pos h]

theorem count_cycles_unseen (j : Nat) (rest P : List Nat) (seen : List Bool) (acc : Nat)
    (h : nth j seen true = false) :
    count_cycles (j :: rest) P seen acc = count_cycles rest P (mark_cycle P.length P seen j) (acc + 1) := by
  have h' : ¬ (nth j seen true = true) := by
    intro e
    rw [h] at e
    cases e
  show (if nth j seen true = true then count_cycles rest P seen acc
    else count_cycles rest P (mark_cycle P.length P seen j) (acc + 1)) =
      count_cycles rest P (mark_cycle P.length P seen j) (acc + 1)
  rw [if_neg h']

end BraidCycles

/-! ### The number of cycles is well defined: a matching lemma

(In Coq `length_le_matching` comes after `End Cycles`; here it comes first because the
pigeonhole step of `period` uses it, as Coq's `NoDup_incl_length`.) -/

theorem length_le_matching : ∀ (A B : List Nat) (R : Nat → Nat → Prop), NoDup A →
    (∀ (a : Nat), a ∈ A → ∃ (b : Nat), b ∈ B ∧ R a b) →
    (∀ (a a' b : Nat), a ∈ A → a' ∈ A → b ∈ B → R a b → R a' b → a = a') →
    A.length ≤ B.length
  | [], B, _, _, _, _ => Nat.zero_le B.length
  | a :: A, B, R, Hnd, Hcov, Hinj => by
    have Hnd' := nodup_cons_inv Hnd
    cases Hcov a (mem_head a A) with
    | intro b Hb =>
      have IH : A.length ≤ (remove_nat b B).length := by
        refine length_le_matching A (remove_nat b B) R Hnd'.2 ?_ ?_
        · intro a' Ha'
          cases Hcov a' (mem_tail a Ha') with
          | intro b' Hb' =>
            refine ⟨b', mem_remove_nat_intro B b' b ?_ Hb'.1, Hb'.2⟩
            intro e
            have Rab : R a' b := by
              rw [← e]
              exact Hb'.2
            have ea : a' = a := Hinj a' a b (mem_tail a Ha') (mem_head a A) Hb.1 Rab Hb.2
            apply Hnd'.1
            rw [← ea]
            exact Ha'
        · intro x y z Hx Hy Hz Rxz Ryz
          exact Hinj x y z (mem_tail a Hx) (mem_tail a Hy) (mem_remove_nat_inv B z b Hz).1 Rxz Ryz
      have Hlt := remove_nat_length_lt B b Hb.1
      show A.length + 1 ≤ B.length
      omega

namespace BraidCycles

/-- Coq's `NoDup_incl_length`, for lists of natural numbers. -/
theorem nodup_incl_length (A B : List Nat) (Hnd : NoDup A) (Hinc : ∀ (a : Nat), a ∈ A → a ∈ B) :
    A.length ≤ B.length :=
  length_le_matching A B (fun (a b : Nat) => a = b) Hnd
    (fun a Ha => ⟨a, Hinc a Ha, rfl⟩)
    (fun a a' b _ _ _ e1 e2 => Eq.trans e1 (Eq.symm e2))

end BraidCycles

/-! ### Section `Cycles` of the Coq file

The section variables `n`, `π` and hypotheses `π_lt`, `π_inj` (and later `P`, `P_length`,
`P_nth`) are explicit arguments. -/

theorem iter_lt (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n) :
    ∀ (m j : Nat), j < n → iter m π j < n
  | 0, _, Hj => Hj
  | m + 1, j, Hj => π_lt (iter m π j) (iter_lt n π π_lt m j Hj)

theorem iter_inj (π : Nat → Nat) (π_inj : ∀ (a b : Nat), π a = π b → a = b) :
    ∀ (m a b : Nat), iter m π a = iter m π b → a = b
  | 0, _, _, H => H
  | m + 1, a, b, H => iter_inj π π_inj m a b (π_inj (iter m π a) (iter m π b) H)

/-- Pigeonhole: the orbit of a point returns to it within `n` steps. -/
theorem period (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) :
    ∀ (j : Nat), j < n → ∃ (L : Nat), (1 ≤ L ∧ L ≤ n) ∧ iter L π j = j := by
  intro j Hj
  cases E : existsb_nat (fun (b : Nat) => existsb_nat (fun (a : Nat) => decide (iter a π j = iter b π j)) (seq 0 b))
      (seq 0 (n + 1)) with
  | true =>
    cases existsb_nat_true _ _ E with
    | intro b Hb =>
      cases existsb_nat_true _ _ Hb.2 with
      | intro a Ha =>
        have Bb := mem_seq_bounds 0 (n + 1) b Hb.1
        have Ba := mem_seq_bounds 0 b a Ha.1
        have Eab : iter a π j = iter b π j := of_decide_eq_true Ha.2
        refine ⟨b - a, And.intro (by omega) (by omega), ?_⟩
        apply iter_inj π π_inj a
        rw [← iter_add π a (b - a) j]
        have e : a + (b - a) = b := by omega
        rw [e]
        exact Eab.symm
  | false =>
    apply False.elim
    have G : ∀ (a b : Nat), a < b → b ≤ n → iter a π j ≠ iter b π j := by
      intro a b Hab Hbn Efab
      have T := existsb_nat_intro
        (fun (b : Nat) => existsb_nat (fun (a : Nat) => decide (iter a π j = iter b π j)) (seq 0 b))
        (seq 0 (n + 1)) b (mem_seq_intro 0 (n + 1) b (Nat.zero_le b) (by omega))
        (existsb_nat_intro (fun (a : Nat) => decide (iter a π j = iter b π j)) (seq 0 b) a
          (mem_seq_intro 0 b a (Nat.zero_le a) (by omega)) (decide_eq_true Efab))
      have F : false = true := Eq.trans E.symm T
      cases F
    have Hd : NoDup (List.map (fun (m : Nat) => iter m π j) (seq 0 (n + 1))) := by
      apply NoDup_map_seq
      intro x y Hx Hy Hxy
      have Hxy' : iter x π j = iter y π j := Hxy
      cases Nat.lt_or_ge x y with
      | inl hxy => exact absurd Hxy' (G x y hxy (by omega))
      | inr hxy =>
        cases Nat.lt_or_ge y x with
        | inl hyx => exact absurd Hxy'.symm (G y x hyx (by omega))
        | inr hyx => omega
    have Hinc : ∀ (x : Nat), x ∈ List.map (fun (m : Nat) => iter m π j) (seq 0 (n + 1)) → x ∈ seq 0 n := by
      intro x Hx
      cases mem_map_inv (fun (m : Nat) => iter m π j) (seq 0 (n + 1)) x Hx with
      | intro m Hm =>
        have e : iter m π j = x := Hm.2
        rw [← e]
        have Hlt := iter_lt n π π_lt m j Hj
        exact mem_seq_intro 0 n (iter m π j) (Nat.zero_le _) (by omega)
    have Hl := nodup_incl_length _ _ Hd Hinc
    have e1 := length_map (fun (m : Nat) => iter m π j) (seq 0 (n + 1))
    have e2 := seq_length 0 (n + 1)
    have e3 := seq_length 0 n
    omega

theorem iter_period_mult (π : Nat → Nat) :
    ∀ (L j q : Nat), iter L π j = j → iter (q * L) π j = j
  | L, j, 0, _ => by
    have e := congrArg (fun (k : Nat) => iter k π j) (Nat.zero_mul L)
    exact e
  | L, j, q + 1, H => by
    have e : (q + 1) * L = q * L + L := Nat.succ_mul q L
    rw [e, iter_add π (q * L) L j, H]
    exact iter_period_mult π L j q H

theorem iter_period_mod (π : Nat → Nat) :
    ∀ (L j m : Nat), 1 ≤ L → iter L π j = j → iter m π j = iter (m % L) π j := by
  intro L j m _ H
  have h1 : m % L + L * (m / L) = m := Nat.mod_add_div m L
  rw [Nat.mul_comm] at h1
  calc iter m π j = iter (m % L + m / L * L) π j := by rw [h1]
    _ = iter (m % L) π (iter (m / L * L) π j) := iter_add π (m % L) (m / L * L) j
    _ = iter (m % L) π j := by rw [iter_period_mult π L j (m / L) H]

theorem same_cycle_sym (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) :
    ∀ (a b : Nat), a < n → SameCycle π a b → SameCycle π b a := by
  intro a b Ha Hab
  cases same_cycle_unfold Hab with
  | intro m Em =>
    cases period n π π_lt π_inj a Ha with
    | intro L HL =>
      subst Em
      refine Exists.intro (m * (L - 1)) ?_
      rw [← iter_add π (m * (L - 1)) m a]
      have e : m * (L - 1) + m = m * L := by
        have e1 : m * (L - 1 + 1) = m * (L - 1) + m := Nat.mul_succ m (L - 1)
        have e2 : L - 1 + 1 = L := by omega
        rw [e2] at e1
        exact e1.symm
      rw [e]
      exact iter_period_mult π L a m HL.2

/-- A `seen` list is closed when it is a union of cycles. -/
def closed (n : Nat) (π : Nat → Nat) (seen : List Bool) : Prop :=
  ∀ (k : Nat), k < n → nth k seen true = true → nth (π k) seen true = true

theorem closed_iter (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n) :
    ∀ (seen : List Bool) (m k : Nat), closed n π seen → k < n → nth k seen true = true →
      nth (iter m π k) seen true = true
  | _, 0, _, _, _, H => H
  | seen, m + 1, k, Hc, Hk, H => by
    have Hc' : ∀ (k : Nat), k < n → nth k seen true = true → nth (π k) seen true = true := Hc
    exact Hc' (iter m π k) (iter_lt n π π_lt m k Hk) (closed_iter n π π_lt seen m k Hc Hk H)

theorem closed_same_cycle (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) :
    ∀ (seen : List Bool) (a b : Nat), closed n π seen → a < n → nth a seen true = false →
      SameCycle π a b → nth b seen true = false := by
  intro seen a b Hc Ha Hna Hab
  cases Hb : nth b seen true with
  | false => rfl
  | true =>
    have Hb' : b < n := by
      cases same_cycle_unfold Hab with
      | intro m e =>
        rw [← e]
        exact iter_lt n π π_lt m a Ha
    cases same_cycle_unfold (same_cycle_sym n π π_lt π_inj a b Ha Hab) with
    | intro m E =>
      have h1 := closed_iter n π π_lt seen m b Hc Hb' Hb
      rw [E, Hna] at h1
      cases h1

/-- If `π^d(j) = j` with `d >= 1`, the first `T >= d` points of the orbit of `j` are its cycle. -/
theorem orbit_prefix (π : Nat → Nat) :
    ∀ (j d T k : Nat), 1 ≤ d → d ≤ T → iter d π j = j →
      ((∃ (m : Nat), m < T ∧ iter m π j = k) ↔ SameCycle π j k) := by
  intro j d T k Hd HT E
  refine Iff.intro ?_ ?_
  · intro h
    cases h with
    | intro m hm => exact Exists.intro m hm.2
  · intro h
    cases same_cycle_unfold h with
    | intro m hm =>
      have Hlt : m % d < d := Nat.mod_lt m (by omega)
      have HmT : m % d < T := Nat.lt_of_lt_of_le Hlt HT
      refine ⟨m % d, HmT, ?_⟩
      rw [← hm]
      exact (iter_period_mod π d j m Hd E).symm

/-- `mark_cycle` started on an unseen point `j` of a closed `seen` list marks exactly its cycle. -/
theorem mark_cycle_spec_gen (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) (P : List Nat)
    (P_nth : ∀ (j : Nat), j < n → nth j P 0 = π j) :
    ∀ (seen : List Bool) (j L : Nat), seen.length = n → closed n π seen → j < n →
    nth j seen true = false → 1 ≤ L → iter L π j = j →
    ∀ (f t : Nat) (seen' : List Bool), seen'.length = n →
    (∀ (k : Nat), k < n → (nth k seen' true = true ↔
      nth k seen true = true ∨ ∃ (m : Nat), m < t ∧ iter m π j = k)) →
    L ≤ t + f →
    (mark_cycle f P seen' (iter t π j)).length = n ∧
    ∀ (k : Nat), k < n → (nth k (mark_cycle f P seen' (iter t π j)) true = true ↔
                          nth k seen true = true ∨ SameCycle π j k) := by
  intro seen j L Hlen Hc Hj Hnj HL EL f
  induction f with
  | zero =>
    intro t seen' Hlen' Hs Hf
    have Hf' : L ≤ t := Hf
    show seen'.length = n ∧ ∀ (k : Nat), k < n →
      (nth k seen' true = true ↔ nth k seen true = true ∨ SameCycle π j k)
    refine And.intro Hlen' ?_
    intro k Hk
    rw [Hs k Hk, orbit_prefix π j L t k HL Hf' EL]
  | succ f IH =>
    intro t seen' Hlen' Hs Hf
    have Hf' : L ≤ t + (f + 1) := Hf
    show (mark_cycle (f + 1) P seen' (iter t π j)).length = n ∧ ∀ (k : Nat), k < n →
      (nth k (mark_cycle (f + 1) P seen' (iter t π j)) true = true ↔
        nth k seen true = true ∨ SameCycle π j k)
    have Ht : iter t π j < n := iter_lt n π π_lt t j Hj
    cases Hseen : nth (iter t π j) seen' true with
    | true =>
      -- the orbit has come back: the marked prefix is the whole cycle
      rw [mark_cycle_seen f P seen' (iter t π j) Hseen]
      cases (Hs (iter t π j) Ht).mp Hseen with
      | inl Hseen' =>
        have F : nth (iter t π j) seen true = false :=
          closed_same_cycle n π π_lt π_inj seen j (iter t π j) Hc Hj Hnj (Exists.intro t rfl)
        rw [Hseen'] at F
        cases F
      | inr Hst =>
        cases Hst with
        | intro s Hs' =>
          have Ed : iter (t - s) π j = j := by
            apply iter_inj π π_inj s
            rw [← iter_add π s (t - s) j]
            have e : s + (t - s) = t := by omega
            rw [e]
            exact Hs'.2.symm
          refine And.intro Hlen' ?_
          intro k Hk
          rw [Hs k Hk, orbit_prefix π j (t - s) t k (by omega) (by omega) Ed]
    | false =>
      rw [mark_cycle_unseen f P seen' (iter t π j) Hseen]
      have EP : nth (iter t π j) P 0 = iter (t + 1) π j := P_nth (iter t π j) Ht
      rw [EP]
      apply IH (t + 1) (set_seen (iter t π j) seen')
      · rw [set_seen_length]
        exact Hlen'
      · intro k Hk
        rw [nth_set_seen (iter t π j) seen' k (by rw [Hlen']; exact Ht)]
        cases Nat.decEq k (iter t π j) with
        | isTrue e =>
          rw [if_pos e]
          exact Iff.intro (fun _ => Or.inr ⟨t, by omega, e.symm⟩) (fun _ => rfl)
        | isFalse ne =>
          rw [if_neg ne, Hs k Hk]
          refine Iff.intro ?_ ?_
          · intro h
            cases h with
            | inl h1 => exact Or.inl h1
            | inr h2 =>
              cases h2 with
              | intro m hm => exact Or.inr ⟨m, by omega, hm.2⟩
          · intro h
            cases h with
            | inl h1 => exact Or.inl h1
            | inr h2 =>
              cases h2 with
              | intro m hm =>
                have Hmt : m < t := by
                  cases Nat.decEq m t with
                  | isTrue em =>
                    have ek : k = iter t π j := by
                      rw [← hm.2, em]
                    exact absurd ek ne
                  | isFalse nm => omega
                exact Or.inr ⟨m, Hmt, hm.2⟩
      · omega

theorem mark_cycle_spec (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) (P : List Nat) (P_length : P.length = n)
    (P_nth : ∀ (j : Nat), j < n → nth j P 0 = π j) :
    ∀ (seen : List Bool) (j : Nat), seen.length = n → closed n π seen → j < n →
    nth j seen true = false →
    (mark_cycle P.length P seen j).length = n ∧
    ∀ (k : Nat), k < n → (nth k (mark_cycle P.length P seen j) true = true ↔
                          nth k seen true = true ∨ SameCycle π j k) := by
  intro seen j Hlen Hc Hj Hnj
  cases period n π π_lt π_inj j Hj with
  | intro L HLp =>
    have Hs : ∀ (k : Nat), k < n → (nth k seen true = true ↔
        nth k seen true = true ∨ ∃ (m : Nat), m < 0 ∧ iter m π j = k) := by
      intro k _
      refine Iff.intro Or.inl ?_
      intro h
      cases h with
      | inl h1 => exact h1
      | inr h2 =>
        cases h2 with
        | intro m hm => exact absurd hm.1 (Nat.not_lt_zero m)
    have HLn : L ≤ 0 + P.length := by
      have h1 := HLp.1.2
      omega
    exact mark_cycle_spec_gen n π π_lt π_inj P P_nth seen j L Hlen Hc Hj Hnj HLp.1.1 HLp.2
      P.length 0 seen Hlen Hs HLn

theorem count_cycles_spec (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) (P : List Nat) (P_length : P.length = n)
    (P_nth : ∀ (j : Nat), j < n → nth j P 0 = π j) :
    ∀ (starts : List Nat) (seen : List Bool) (acc : Nat) (reps : List Nat),
    seen.length = n → closed n π seen →
    (∀ (j : Nat), j ∈ starts → j < n) →
    (∀ (k : Nat), k < n → nth k seen true = true ∨ k ∈ starts) →
    reps.length = acc → NoDup reps →
    (∀ (r : Nat), r ∈ reps → r < n ∧ nth r seen true = true) →
    (∀ (k : Nat), k < n → nth k seen true = true → ∃ (r : Nat), r ∈ reps ∧ SameCycle π r k) →
    (∀ (r r' : Nat), r ∈ reps → r' ∈ reps → SameCycle π r r' → r = r') →
    CycleCount n π (count_cycles starts P seen acc)
  | [], seen, acc, reps, _, _, _, Hcov, Hacc, Hnd, Hreps, Hrep, Hdist => by
    show CycleCount n π acc
    refine Exists.intro reps ⟨Hacc, Hnd, fun r Hr => (Hreps r Hr).1, ?_, Hdist⟩
    intro k Hk
    apply Hrep k Hk
    cases Hcov k Hk with
    | inl H => exact H
    | inr H => cases H
  | j :: starts, seen, acc, reps, Hlen, Hc, Hst, Hcov, Hacc, Hnd, Hreps, Hrep, Hdist => by
    have Hj : j < n := Hst j (mem_head j starts)
    have Hc' : ∀ (k : Nat), k < n → nth k seen true = true → nth (π k) seen true = true := Hc
    cases Hsj : nth j seen true with
    | true =>
      rw [count_cycles_seen j starts P seen acc Hsj]
      refine count_cycles_spec n π π_lt π_inj P P_length P_nth starts seen acc reps Hlen Hc
        (fun k Hk => Hst k (mem_tail j Hk)) ?_ Hacc Hnd Hreps Hrep Hdist
      intro k Hk
      cases Hcov k Hk with
      | inl H => exact Or.inl H
      | inr H =>
        cases mem_cons_inv H with
        | inl e =>
          apply Or.inl
          rw [e]
          exact Hsj
        | inr H' => exact Or.inr H'
    | false =>
      have M := mark_cycle_spec n π π_lt π_inj P P_length P_nth seen j Hlen Hc Hj Hsj
      have Hs2 := M.2
      rw [count_cycles_unseen j starts P seen acc Hsj]
      refine count_cycles_spec n π π_lt π_inj P P_length P_nth starts (mark_cycle P.length P seen j)
        (acc + 1) (j :: reps) M.1 ?_ (fun k Hk => Hst k (mem_tail j Hk)) ?_ ?_ ?_ ?_ ?_ ?_
      · -- the new seen list is a union of cycles
        show ∀ (k : Nat), k < n → nth k (mark_cycle P.length P seen j) true = true →
          nth (π k) (mark_cycle P.length P seen j) true = true
        intro k Hk H
        have Hpk : π k < n := π_lt k Hk
        apply (Hs2 (π k) Hpk).mpr
        cases (Hs2 k Hk).mp H with
        | inl H' => exact Or.inl (Hc' k Hk H')
        | inr H' =>
          cases same_cycle_unfold H' with
          | intro m Em =>
            refine Or.inr (Exists.intro (m + 1) ?_)
            show π (iter m π j) = π k
            rw [Em]
      · intro k Hk
        cases Hcov k Hk with
        | inl H => exact Or.inl ((Hs2 k Hk).mpr (Or.inl H))
        | inr H =>
          cases mem_cons_inv H with
          | inl e => exact Or.inl ((Hs2 k Hk).mpr (Or.inr (Exists.intro 0 e.symm)))
          | inr H' => exact Or.inr H'
      · show reps.length + 1 = acc + 1
        rw [Hacc]
      · refine NoDup.NoDup_cons j reps ?_ Hnd
        intro Hin
        have X := (Hreps j Hin).2
        rw [Hsj] at X
        cases X
      · intro r Hr
        cases mem_cons_inv Hr with
        | inl e =>
          rw [e]
          exact And.intro Hj ((Hs2 j Hj).mpr (Or.inr (Exists.intro 0 rfl)))
        | inr Hr' =>
          have R := Hreps r Hr'
          exact And.intro R.1 ((Hs2 r R.1).mpr (Or.inl R.2))
      · intro k Hk H
        cases (Hs2 k Hk).mp H with
        | inl H' =>
          cases Hrep k Hk H' with
          | intro r hr => exact ⟨r, mem_tail j hr.1, hr.2⟩
        | inr H' => exact ⟨j, mem_head j reps, H'⟩
      · intro r r' Hr Hr' E
        cases mem_cons_inv Hr with
        | inl e1 =>
          cases mem_cons_inv Hr' with
          | inl e2 => rw [e1, e2]
          | inr Hr'' =>
            have X := (Hreps r' Hr'').2
            have E' : SameCycle π j r' := by
              rw [← e1]
              exact E
            rw [closed_same_cycle n π π_lt π_inj seen j r' Hc Hj Hsj E'] at X
            cases X
        | inr Hr0 =>
          cases mem_cons_inv Hr' with
          | inl e2 =>
            have X := (Hreps r Hr0).2
            cases same_cycle_unfold E with
            | intro m Em =>
              have Y := closed_iter n π π_lt seen m r Hc (Hreps r Hr0).1 X
              rw [Em, e2, Hsj] at Y
              cases Y
          | inr Hr'' => exact Hdist r r' Hr0 Hr'' E

theorem count_cycles_correct (n : Nat) (π : Nat → Nat) (π_lt : ∀ (j : Nat), j < n → π j < n)
    (π_inj : ∀ (a b : Nat), π a = π b → a = b) (P : List Nat) (P_length : P.length = n)
    (P_nth : ∀ (j : Nat), j < n → nth j P 0 = π j) :
    CycleCount n π (count_cycles (seq 0 n) P (List.replicate n false) 0) := by
  refine count_cycles_spec n π π_lt π_inj P P_length P_nth (seq 0 n) (List.replicate n false) 0 []
    (replicate_length false n) ?_ ?_ ?_ rfl NoDup.NoDup_nil ?_ ?_ ?_
  · show ∀ (k : Nat), k < n → nth k (List.replicate n false) true = true →
      nth (π k) (List.replicate n false) true = true
    intro k Hk H
    rw [nth_repeat_lt false true n k Hk] at H
    cases H
  · intro j Hj
    have B := mem_seq_bounds 0 n j Hj
    omega
  · intro k Hk
    exact Or.inr (mem_seq_intro 0 n k (Nat.zero_le k) (by omega))
  · intro r Hr
    cases Hr
  · intro k Hk H
    rw [nth_repeat_lt false true n k Hk] at H
    cases H
  · intro r r' Hr
    cases Hr

/-! ## The theorem: `components` counts the cycles of the permutation of the braid -/

theorem components_cycle_count : ∀ (n : Nat) (w : List Int), word_on n w →
    CycleCount n (strand_perm w) (components (State.mk_state n w)) := by
  intro n w Hw
  exact count_cycles_correct n (strand_perm w) (fun j Hj => strand_perm_lt n w j Hw Hj)
    (strand_perm_inj w) (braid_perm n w) (braid_perm_length n w)
    (fun j Hj => braid_perm_nth n w j 0 Hw Hj)

theorem components_spec : ∀ (s : State), is_braid s →
    CycleCount s.strands (strand_perm s.word) (components s) := by
  intro s Hs
  cases s with
  | mk_state n w =>
    have Hs' : 1 ≤ n ∧ word_on n w := Hs
    exact components_cycle_count n w Hs'.2

/-! ## Non-vacuity: the number of cycles is a Markov invariant

Equal braids of `B_n` have equal permutations (the transpositions satisfy Artin's relations),
conjugation conjugates the permutation, and stabilisation inserts the new strand `n` into the
cycle of strand `n - 1`. So the number of components of the closure is the same for all
Markov-equivalent braids, and an accepted unknot or unlink certificate claims the right number
of components. (`length_le_matching` is stated above, before the section.) -/

theorem same_cycle_refl : ∀ (π : Nat → Nat) (a : Nat), SameCycle π a a :=
  fun _ _ => Exists.intro 0 rfl

theorem same_cycle_trans : ∀ (π : Nat → Nat) (a b c : Nat),
    SameCycle π a b → SameCycle π b c → SameCycle π a c := by
  intro π a b c H1 H2
  cases same_cycle_unfold H1 with
  | intro m1 e1 =>
    cases same_cycle_unfold H2 with
    | intro m2 e2 =>
      refine Exists.intro (m2 + m1) ?_
      rw [iter_add π m2 m1 a, e1, e2]

theorem same_cycle_step : ∀ (π : Nat → Nat) (a : Nat), SameCycle π a (π a) :=
  fun _ _ => Exists.intro 1 rfl

/-- The number of cycles is well defined. -/
theorem cycle_count_unique : ∀ (n : Nat) (π : Nat → Nat) (k1 k2 : Nat),
    (∀ (j : Nat), j < n → π j < n) → (∀ (a b : Nat), π a = π b → a = b) →
    CycleCount n π k1 → CycleCount n π k2 → k1 = k2 := by
  have le : ∀ (n : Nat) (π : Nat → Nat) (k1 k2 : Nat),
      (∀ (j : Nat), j < n → π j < n) → (∀ (a b : Nat), π a = π b → a = b) →
      CycleCount n π k1 → CycleCount n π k2 → k1 ≤ k2 := by
    intro n π k1 k2 Hlt Hinj C1 C2
    cases cycle_count_unfold C1 with
    | intro reps1 H1 =>
      cases cycle_count_unfold C2 with
      | intro reps2 H2 =>
        have L : reps1.length ≤ reps2.length :=
          length_le_matching reps1 reps2 (fun (a b : Nat) => SameCycle π b a) H1.2.1
            (fun a Ha => H2.2.2.2.1 a (H1.2.2.1 a Ha))
            (fun a a' b Ha Ha' Hb Hba Hba' =>
              H1.2.2.2.2 a a' Ha Ha'
                (same_cycle_trans π a b a'
                  (same_cycle_sym n π Hlt Hinj b a (H2.2.2.1 b Hb) Hba) Hba'))
        have e1 := H1.1
        have e2 := H2.1
        omega
  intro n π k1 k2 Hlt Hinj C1 C2
  exact Nat.le_antisymm (le n π k1 k2 Hlt Hinj C1 C2) (le n π k2 k1 Hlt Hinj C2 C1)

theorem iter_ext : ∀ (π π' : Nat → Nat) (m a : Nat), (∀ (j : Nat), π j = π' j) →
    iter m π a = iter m π' a
  | _, _, 0, _, _ => rfl
  | π, π', m + 1, a, H => by
    show π (iter m π a) = π' (iter m π' a)
    rw [iter_ext π π' m a H, H (iter m π' a)]

theorem cycle_count_ext : ∀ (n : Nat) (π π' : Nat → Nat) (k : Nat), (∀ (j : Nat), π j = π' j) →
    CycleCount n π k → CycleCount n π' k := by
  intro n π π' k H C
  cases cycle_count_unfold C with
  | intro reps Hr =>
    refine Exists.intro reps ⟨Hr.1, Hr.2.1, Hr.2.2.1, ?_, ?_⟩
    · intro j Hj
      cases Hr.2.2.2.1 j Hj with
      | intro r hr =>
        cases same_cycle_unfold hr.2 with
        | intro m E =>
          exact ⟨r, hr.1, Exists.intro m (Eq.trans (iter_ext π π' m r H).symm E)⟩
    · intro r r' Hin Hin' S
      cases same_cycle_unfold S with
      | intro m E =>
        exact Hr.2.2.2.2 r r' Hin Hin' (Exists.intro m (Eq.trans (iter_ext π π' m r H) E))

/-- Conjugation `σ ∘ π ∘ σ⁻¹` has as many cycles as `π`. -/
theorem cycle_count_conj : ∀ (n : Nat) (π σ σ' : Nat → Nat) (k : Nat),
    (∀ (j : Nat), σ' (σ j) = j) → (∀ (j : Nat), σ (σ' j) = j) →
    (∀ (j : Nat), j < n → σ j < n) → (∀ (j : Nat), j < n → σ' j < n) →
    CycleCount n π k → CycleCount n (fun (j : Nat) => σ (π (σ' j))) k := by
  intro n π σ σ' k Hl Hr Hσ Hσ' C
  have Hinj : ∀ (a b : Nat), σ a = σ b → a = b :=
    fun a b E => Eq.trans (Hl a).symm (Eq.trans (congrArg σ' E) (Hl b))
  have Hit : ∀ (m a : Nat), iter m (fun (j : Nat) => σ (π (σ' j))) (σ a) = σ (iter m π a) := by
    intro m
    induction m with
    | zero => exact fun _ => rfl
    | succ m IH =>
      intro a
      show σ (π (σ' (iter m (fun (j : Nat) => σ (π (σ' j))) (σ a)))) = σ (π (iter m π a))
      rw [IH a, Hl (iter m π a)]
  cases cycle_count_unfold C with
  | intro reps H =>
    refine Exists.intro (List.map σ reps) ⟨?_, nodup_map_inj σ Hinj reps H.2.1, ?_, ?_, ?_⟩
    · rw [length_map]
      exact H.1
    · intro r Hin
      cases mem_map_inv σ reps r Hin with
      | intro y hy =>
        rw [← hy.2]
        exact Hσ y (H.2.2.1 y hy.1)
    · intro j Hj
      cases H.2.2.2.1 (σ' j) (Hσ' j Hj) with
      | intro r hr =>
        cases same_cycle_unfold hr.2 with
        | intro m E =>
          refine ⟨σ r, mem_map_intro σ reps r hr.1, Exists.intro m ?_⟩
          rw [Hit m r, E, Hr j]
    · intro r r' Hin Hin' S
      cases mem_map_inv σ reps r Hin with
      | intro a ha =>
        cases mem_map_inv σ reps r' Hin' with
        | intro a' ha' =>
          cases same_cycle_unfold S with
          | intro m E =>
            have ea : σ a = r := ha.2
            have ea' : σ a' = r' := ha'.2
            subst ea
            subst ea'
            rw [Hit m a] at E
            have E' : iter m π a = a' := Hinj (iter m π a) a' E
            exact congrArg σ (H.2.2.2.2 a a' ha.1 ha'.1 (Exists.intro m E'))

namespace BraidCycles

/-- The map `y ↦ (if y = n then π (n - 1) else y)` of the Coq proof of `cycle_count_stabilize`. -/
def stab_rho (n : Nat) (π : Nat → Nat) (y : Nat) : Nat := if y = n then π (n - 1) else y

theorem stab_rho_n (n : Nat) (π : Nat → Nat) : stab_rho n π n = π (n - 1) := by
  show (if n = n then π (n - 1) else n) = π (n - 1)
  rw [if_pos (rfl : n = n)]

theorem stab_rho_other (n : Nat) (π : Nat → Nat) (y : Nat) (h : y ≠ n) : stab_rho n π y = y := by
  show (if y = n then π (n - 1) else y) = y
  rw [if_neg h]

/-- The body of the Coq proof of `cycle_count_stabilize`, for any `π'` with the three equations
`E1`, `E2`, `E3` that the Coq proof asserts of `π' = π ∘ τ_(n-1)`. -/
theorem cycle_count_stabilize_gen (n : Nat) (π π' : Nat → Nat) (k : Nat) (Hn : 1 ≤ n)
    (Hlt : ∀ (j : Nat), j < n → π j < n)
    (E1 : ∀ (y : Nat), y < n - 1 → π' y = π y) (E2 : π' (n - 1) = n) (E3 : π' n = π (n - 1))
    (C : CycleCount n π k) : CycleCount (n + 1) π' k := by
  -- every step of `π` is a path of `π'`
  have Fwd : ∀ (a b : Nat), a < n → SameCycle π a b → SameCycle π' a b := by
    intro a b Ha S
    have Fm : ∀ (m : Nat), SameCycle π' a (iter m π a) := by
      intro m
      induction m with
      | zero => exact same_cycle_refl π' a
      | succ m IH =>
        apply same_cycle_trans π' a (iter m π a) _ IH
        have Hy : iter m π a < n := iter_lt n π Hlt m a Ha
        show SameCycle π' (iter m π a) (π (iter m π a))
        cases Nat.decEq (iter m π a) (n - 1) with
        | isTrue Ey =>
          rw [Ey]
          refine Exists.intro 2 ?_
          show π' (π' (n - 1)) = π (n - 1)
          rw [E2, E3]
        | isFalse Ey => exact Exists.intro 1 (E1 (iter m π a) (by omega))
    cases same_cycle_unfold S with
    | intro m E =>
      rw [← E]
      exact Fm m
  -- every path of `π'` between points below `n` is a path of `π`
  have Bwd : ∀ (a b : Nat), a < n → b < n → SameCycle π' a b → SameCycle π a b := by
    have Hlt' : ∀ (y : Nat), y < n + 1 → π' y < n + 1 := by
      intro y Hy
      cases Nat.decEq y n with
      | isTrue e =>
        rw [e, E3]
        have h1 := Hlt (n - 1) (by omega)
        omega
      | isFalse ne =>
        cases Nat.decEq y (n - 1) with
        | isTrue e' =>
          rw [e', E2]
          omega
        | isFalse ne' =>
          rw [E1 y (by omega)]
          have h1 := Hlt y (by omega)
          omega
    have Step : ∀ (y : Nat), y < n + 1 → SameCycle π (stab_rho n π y) (stab_rho n π (π' y)) := by
      intro y Hy
      cases Nat.decEq y n with
      | isTrue e =>
        rw [e, E3, stab_rho_n n π]
        have h1 := Hlt (n - 1) (by omega)
        rw [stab_rho_other n π (π (n - 1)) (by omega)]
        exact same_cycle_refl π (π (n - 1))
      | isFalse ne =>
        rw [stab_rho_other n π y ne]
        cases Nat.decEq y (n - 1) with
        | isTrue e' =>
          rw [e', E2, stab_rho_n n π]
          exact same_cycle_step π (n - 1)
        | isFalse ne' =>
          rw [E1 y (by omega)]
          have h1 := Hlt y (by omega)
          rw [stab_rho_other n π (π y) (by omega)]
          exact same_cycle_step π y
    intro a b Ha Hb S
    cases same_cycle_unfold S with
    | intro m E =>
      have G : ∀ (i : Nat), SameCycle π (stab_rho n π a) (stab_rho n π (iter i π' a)) ∧
          iter i π' a < n + 1 := by
        intro i
        induction i with
        | zero =>
          refine And.intro (same_cycle_refl π (stab_rho n π a)) ?_
          show a < n + 1
          omega
        | succ i IH =>
          exact And.intro
            (same_cycle_trans π (stab_rho n π a) (stab_rho n π (iter i π' a))
              (stab_rho n π (π' (iter i π' a))) IH.1 (Step (iter i π' a) IH.2))
            (Hlt' (iter i π' a) IH.2)
      have G1 := (G m).1
      rw [E, stab_rho_other n π a (by omega), stab_rho_other n π b (by omega)] at G1
      exact G1
  cases cycle_count_unfold C with
  | intro reps H =>
    refine Exists.intro reps ⟨H.1, H.2.1, ?_, ?_, ?_⟩
    · intro r Hr
      have h1 := H.2.2.1 r Hr
      omega
    · intro j Hj
      cases Nat.decEq j n with
      | isTrue e =>
        cases H.2.2.2.1 (n - 1) (by omega) with
        | intro r hr =>
          refine ⟨r, hr.1, ?_⟩
          rw [e]
          exact same_cycle_trans π' r (n - 1) n (Fwd r (n - 1) (H.2.2.1 r hr.1) hr.2)
            (Exists.intro 1 E2)
      | isFalse ne =>
        cases H.2.2.2.1 j (by omega) with
        | intro r hr => exact ⟨r, hr.1, Fwd r j (H.2.2.1 r hr.1) hr.2⟩
    · intro r r' Hin Hin' S
      exact H.2.2.2.2 r r' Hin Hin' (Bwd r r' (H.2.2.1 r Hin) (H.2.2.1 r' Hin') S)

end BraidCycles

/-- Stabilisation: `π` on `n` points, and `π ∘ τ_(n-1)` on `n + 1` points, have the same
number of cycles (the new point `n` joins the cycle of `n - 1`). -/
theorem cycle_count_stabilize : ∀ (n : Nat) (π : Nat → Nat) (k : Nat), 1 ≤ n →
    (∀ (j : Nat), j < n → π j < n) → π n = n →
    CycleCount n π k → CycleCount (n + 1) (fun (j : Nat) => π (transposition (n - 1) j)) k := by
  intro n π k Hn Hlt Hfix C
  refine cycle_count_stabilize_gen n π (fun (j : Nat) => π (transposition (n - 1) j)) k Hn Hlt
    ?_ ?_ ?_ C
  · intro y Hy
    show π (transposition (n - 1) y) = π y
    rw [transposition_eq_other (n - 1) y (by omega) (by omega)]
  · show π (transposition (n - 1) (n - 1)) = n
    rw [transposition_eq_l (n - 1)]
    have e : n - 1 + 1 = n := by omega
    rw [e]
    exact Hfix
  · show π (transposition (n - 1) n) = π (n - 1)
    have e : transposition (n - 1) n = n - 1 := by
      have h := transposition_cases (n - 1) n
      omega
    rw [e]

/-- The permutation of a word. -/
theorem strand_perm_app : ∀ (u v : List Int) (j : Nat),
    strand_perm (u ++ v) j = strand_perm u (strand_perm v j)
  | [], _, _ => rfl
  | g :: u, v, j => by
    show transposition (letter_position g) (strand_perm (u ++ v) j) =
      transposition (letter_position g) (strand_perm u (strand_perm v j))
    rw [strand_perm_app u v j]

theorem letter_position_opp : ∀ (g : Int), letter_position (-g) = letter_position g := by
  intro g
  show (-g).natAbs - 1 = g.natAbs - 1
  have e1 := natAbs_spec g
  have e2 := natAbs_spec (-g)
  omega

theorem strand_perm_inv_l : ∀ (x : List Int) (j : Nat), strand_perm (inv x) (strand_perm x j) = j
  | [], _ => rfl
  | g :: x, j => by
    rw [inv_cons g x, strand_perm_app]
    show strand_perm (inv x) (transposition (letter_position (-g))
      (transposition (letter_position g) (strand_perm x j))) = j
    rw [letter_position_opp g, transposition_involutive, strand_perm_inv_l x j]

theorem strand_perm_inv_r : ∀ (x : List Int) (j : Nat), strand_perm x (strand_perm (inv x) j) = j := by
  intro x j
  have h := strand_perm_inv_l (inv x) j
  rw [inv_involutive x] at h
  exact h

/-! The transpositions satisfy Artin's relations. (Coq's Ltac `transposition_cases` is, here, the
lemma `BraidCycles.transposition_cases` followed by `omega`.) -/

theorem transposition_far : ∀ (a b x : Nat), a + 2 ≤ b ∨ b + 2 ≤ a →
    transposition a (transposition b x) = transposition b (transposition a x) := by
  intro a b x H
  have h1 := transposition_cases b x
  have h2 := transposition_cases a x
  have h3 := transposition_cases a (transposition b x)
  have h4 := transposition_cases b (transposition a x)
  omega

/-- (The case analysis of Coq's `transposition_cases` on `x = a`, `a + 1`, `a + 2` or none of them,
with one value per term, so that each `omega` call sees a single disjunction.) -/
theorem transposition_braid : ∀ (a x : Nat),
    transposition a (transposition (a + 1) (transposition a x)) =
      transposition (a + 1) (transposition a (transposition (a + 1) x)) := by
  intro a x
  cases Nat.decEq x a with
  | isTrue e =>
    have v1 : transposition a x = a + 1 := transposition_val _ _ _ (by omega)
    have v2 : transposition (a + 1) (transposition a x) = a + 2 := transposition_val _ _ _ (by omega)
    have v3 : transposition a (transposition (a + 1) (transposition a x)) = a + 2 :=
      transposition_val _ _ _ (by omega)
    have w1 : transposition (a + 1) x = a := transposition_val _ _ _ (by omega)
    have w2 : transposition a (transposition (a + 1) x) = a + 1 := transposition_val _ _ _ (by omega)
    have w3 : transposition (a + 1) (transposition a (transposition (a + 1) x)) = a + 2 :=
      transposition_val _ _ _ (by omega)
    rw [v3, w3]
  | isFalse e =>
    cases Nat.decEq x (a + 1) with
    | isTrue e1 =>
      have v1 : transposition a x = a := transposition_val _ _ _ (by omega)
      have v2 : transposition (a + 1) (transposition a x) = a := transposition_val _ _ _ (by omega)
      have v3 : transposition a (transposition (a + 1) (transposition a x)) = a + 1 :=
        transposition_val _ _ _ (by omega)
      have w1 : transposition (a + 1) x = a + 2 := transposition_val _ _ _ (by omega)
      have w2 : transposition a (transposition (a + 1) x) = a + 2 := transposition_val _ _ _ (by omega)
      have w3 : transposition (a + 1) (transposition a (transposition (a + 1) x)) = a + 1 :=
        transposition_val _ _ _ (by omega)
      rw [v3, w3]
    | isFalse e1 =>
      cases Nat.decEq x (a + 2) with
      | isTrue e2 =>
        have v1 : transposition a x = a + 2 := transposition_val _ _ _ (by omega)
        have v2 : transposition (a + 1) (transposition a x) = a + 1 := transposition_val _ _ _ (by omega)
        have v3 : transposition a (transposition (a + 1) (transposition a x)) = a :=
          transposition_val _ _ _ (by omega)
        have w1 : transposition (a + 1) x = a + 1 := transposition_val _ _ _ (by omega)
        have w2 : transposition a (transposition (a + 1) x) = a := transposition_val _ _ _ (by omega)
        have w3 : transposition (a + 1) (transposition a (transposition (a + 1) x)) = a :=
          transposition_val _ _ _ (by omega)
        rw [v3, w3]
      | isFalse e2 =>
        have v1 : transposition a x = x := transposition_val _ _ _ (by omega)
        have v2 : transposition (a + 1) (transposition a x) = x := transposition_val _ _ _ (by omega)
        have v3 : transposition a (transposition (a + 1) (transposition a x)) = x :=
          transposition_val _ _ _ (by omega)
        have w1 : transposition (a + 1) x = x := transposition_val _ _ _ (by omega)
        have w2 : transposition a (transposition (a + 1) x) = x := transposition_val _ _ _ (by omega)
        have w3 : transposition (a + 1) (transposition a (transposition (a + 1) x)) = x :=
          transposition_val _ _ _ (by omega)
        rw [v3, w3]

theorem strand_perm_artin : ∀ (n : Nat) (l r : List Int), ArtinRel n l r →
    ∀ (j : Nat), strand_perm l j = strand_perm r j := by
  intro n l r H j
  cases H with
  | artin_inverse_right i Hi =>
    show transposition (letter_position i) (transposition (letter_position (-i)) j) = j
    rw [letter_position_opp i, transposition_involutive]
  | artin_inverse_left i Hi =>
    show transposition (letter_position (-i)) (transposition (letter_position i) j) = j
    rw [letter_position_opp i, transposition_involutive]
  | artin_far i i' Hi Hi' Hd =>
    show transposition (letter_position i) (transposition (letter_position i') j) =
      transposition (letter_position i') (transposition (letter_position i) j)
    apply transposition_far
    have a1 := gen_lo Hi
    have a2 := gen_hi Hi
    have b1 := gen_lo Hi'
    have b2 := gen_hi Hi'
    have e1 := natAbs_spec i
    have e2 := natAbs_spec i'
    have e3 := natAbs_spec (i - i')
    show i.natAbs - 1 + 2 ≤ i'.natAbs - 1 ∨ i'.natAbs - 1 + 2 ≤ i.natAbs - 1
    omega
  | artin_braid i Hi Hi' =>
    have e : letter_position (i + 1) = letter_position i + 1 := by
      have a1 := gen_lo Hi
      have e1 := natAbs_spec i
      have e2 := natAbs_spec (i + 1)
      show (i + 1).natAbs - 1 = i.natAbs - 1 + 1
      omega
    show transposition (letter_position i) (transposition (letter_position (i + 1))
        (transposition (letter_position i) j)) =
      transposition (letter_position (i + 1)) (transposition (letter_position i)
        (transposition (letter_position (i + 1)) j))
    rw [e]
    exact transposition_braid (letter_position i) j

/-- Equal braids have equal permutations. -/
theorem strand_perm_braid_eq : ∀ (n : Nat) (u v : List Int), BraidEq n u v →
    ∀ (j : Nat), strand_perm u j = strand_perm v j := by
  intro n u v H
  induction H with
  | braid_eq_rel u' l r v' Hr =>
    intro j
    rw [strand_perm_app u' (l ++ v') j, strand_perm_app l v' j, strand_perm_app u' (r ++ v') j,
      strand_perm_app r v' j, strand_perm_artin n l r Hr (strand_perm v' j)]
  | braid_eq_refl w => exact fun _ => rfl
  | braid_eq_sym w w' _ IH => exact fun j => (IH j).symm
  | braid_eq_trans a b c _ _ IH1 IH2 => exact fun j => (IH1 j).trans (IH2 j)

/-- Being a braid is invariant under Markov equivalence. -/
theorem artin_word_on : ∀ (n : Nat) (l r : List Int), ArtinRel n l r → word_on n l ∧ word_on n r := by
  intro n l r H
  cases H with
  | artin_inverse_right i Hi =>
    exact And.intro
      (word_on_cons_intro (gen_abs_of_gen Hi)
        (word_on_cons_intro (gen_abs_neg (gen_abs_of_gen Hi)) word_on_nil))
      word_on_nil
  | artin_inverse_left i Hi =>
    exact And.intro
      (word_on_cons_intro (gen_abs_neg (gen_abs_of_gen Hi))
        (word_on_cons_intro (gen_abs_of_gen Hi) word_on_nil))
      word_on_nil
  | artin_far i i' Hi Hi' _ =>
    exact And.intro
      (word_on_cons_intro (gen_abs_of_gen Hi) (word_on_cons_intro (gen_abs_of_gen Hi') word_on_nil))
      (word_on_cons_intro (gen_abs_of_gen Hi') (word_on_cons_intro (gen_abs_of_gen Hi) word_on_nil))
  | artin_braid i Hi Hi' =>
    exact And.intro
      (word_on_cons_intro (gen_abs_of_gen Hi) (word_on_cons_intro (gen_abs_of_gen Hi')
        (word_on_cons_intro (gen_abs_of_gen Hi) word_on_nil)))
      (word_on_cons_intro (gen_abs_of_gen Hi') (word_on_cons_intro (gen_abs_of_gen Hi)
        (word_on_cons_intro (gen_abs_of_gen Hi') word_on_nil)))

theorem braid_eq_word_on : ∀ (n : Nat) (u v : List Int), BraidEq n u v → (word_on n u ↔ word_on n v) := by
  intro n u v H
  induction H with
  | braid_eq_rel u' l r v' Hr =>
    have A := artin_word_on n l r Hr
    rw [word_on_app n u' (l ++ v'), word_on_app n l v', word_on_app n u' (r ++ v'),
      word_on_app n r v']
    exact Iff.intro (fun h => ⟨h.1, A.2, h.2.2⟩) (fun h => ⟨h.1, A.1, h.2.2⟩)
  | braid_eq_refl w => exact Iff.rfl
  | braid_eq_sym w w' _ IH => exact IH.symm
  | braid_eq_trans a b c _ _ IH1 IH2 => exact IH1.trans IH2

theorem markov_step_is_braid : ∀ (s t : State), MarkovStep s t → (is_braid s ↔ is_braid t) := by
  intro s t H
  cases H with
  | markov_artin n w w' H' =>
    show (1 ≤ n ∧ word_on n w) ↔ (1 ≤ n ∧ word_on n w')
    rw [braid_eq_word_on n w w' H']
  | markov_conjugate n w x Hx =>
    show (1 ≤ n ∧ word_on n w) ↔ (1 ≤ n ∧ word_on n (x ++ (w ++ inv x)))
    rw [word_on_app n x (w ++ inv x), word_on_app n w (inv x)]
    have Hi := word_on_inv n x Hx
    exact Iff.intro (fun h => ⟨h.1, Hx, h.2, Hi⟩) (fun h => ⟨h.1, h.2.2.1⟩)
  | markov_stabilize n w e Hn Hw He =>
    show (1 ≤ n ∧ word_on n w) ↔ (1 ≤ n + 1 ∧ word_on (n + 1) (w ++ [e * (n : Int)]))
    refine Iff.intro (fun _ => And.intro (by omega) ?_) (fun _ => And.intro Hn Hw)
    apply (word_on_app (n + 1) w [e * (n : Int)]).mpr
    refine And.intro (word_on_intro (fun g Hg => ?_)) (word_on_cons_intro ?_ word_on_nil)
    · have G := word_on_mem Hw g Hg
      have G1 := gen_lo G
      have G2 := gen_hi G
      exact gen_mk (by omega) (by omega)
    · have E := natAbs_spec (e * (n : Int))
      cases He with
      | inl h =>
        subst h
        exact gen_mk (by omega) (by omega)
      | inr h =>
        subst h
        exact gen_mk (by omega) (by omega)

theorem markov_equiv_is_braid : ∀ (s t : State), MarkovEquiv s t → (is_braid s ↔ is_braid t) := by
  intro s t H
  induction H with
  | markov_step s t H' => exact markov_step_is_braid s t H'
  | markov_refl s => exact Iff.rfl
  | markov_sym s t _ IH => exact IH.symm
  | markov_trans s t u _ _ IH1 IH2 => exact IH1.trans IH2

theorem letter_position_stabilize : ∀ (n : Nat) (e : Int), (e = 1 ∨ e = -1) →
    letter_position (e * (n : Int)) = n - 1 := by
  intro n e He
  show (e * (n : Int)).natAbs - 1 = n - 1
  have E := natAbs_spec (e * (n : Int))
  cases He with
  | inl h =>
    subst h
    omega
  | inr h =>
    subst h
    omega

theorem strand_perm_fix : ∀ (n : Nat) (w : List Int), word_on n w → strand_perm w n = n
  | _, [], _ => rfl
  | n, g :: w, Hw => by
    have H := (word_on_cons n g w).mp Hw
    have Hl := letter_position_lt n g H.1
    show transposition (letter_position g) (strand_perm w n) = n
    rw [strand_perm_fix n w H.2]
    exact transposition_eq_other (letter_position g) n (by omega) (by omega)

/-- One Markov move keeps the number of components of the closure. -/
theorem markov_step_components : ∀ (s t : State), MarkovStep s t → is_braid s →
    components s = components t := by
  intro s t H Hs
  have Ht : is_braid t := (markov_step_is_braid s t H).mp Hs
  have Cs := components_spec s Hs
  have Ct := components_spec t Ht
  cases H with
  | markov_artin n w w' Hb =>
    have Ht' : 1 ≤ n ∧ word_on n w' := Ht
    exact cycle_count_unique n (strand_perm w') _ _ (fun j Hj => strand_perm_lt n w' j Ht'.2 Hj)
      (strand_perm_inj w')
      (cycle_count_ext n (strand_perm w) (strand_perm w') _ (strand_perm_braid_eq n w w' Hb) Cs) Ct
  | markov_conjugate n w x Hx =>
    have Ht' : 1 ≤ n ∧ word_on n (x ++ (w ++ inv x)) := Ht
    have Cconj := cycle_count_conj n (strand_perm w) (strand_perm x) (strand_perm (inv x)) _
      (strand_perm_inv_l x) (strand_perm_inv_r x)
      (fun j Hj => strand_perm_lt n x j Hx Hj)
      (fun j Hj => strand_perm_lt n (inv x) j (word_on_inv n x Hx) Hj) Cs
    have C1 := cycle_count_ext n (fun (j : Nat) => strand_perm x (strand_perm w (strand_perm (inv x) j)))
      (strand_perm (x ++ (w ++ inv x))) _
      (fun j => Eq.symm (Eq.trans (strand_perm_app x (w ++ inv x) j)
        (congrArg (strand_perm x) (strand_perm_app w (inv x) j)))) Cconj
    exact cycle_count_unique n (strand_perm (x ++ (w ++ inv x))) _ _
      (fun j Hj => strand_perm_lt n _ j Ht'.2 Hj) (strand_perm_inj _) C1 Ct
  | markov_stabilize n w e Hn0 Hw He =>
    have Ht' : 1 ≤ n + 1 ∧ word_on (n + 1) (w ++ [e * (n : Int)]) := Ht
    have Cstab := cycle_count_stabilize n (strand_perm w) _ Hn0
      (fun j Hj => strand_perm_lt n w j Hw Hj) (strand_perm_fix n w Hw) Cs
    have Ext : ∀ (j : Nat), (fun (j : Nat) => strand_perm w (transposition (n - 1) j)) j =
        strand_perm (w ++ [e * (n : Int)]) j := by
      intro j
      show strand_perm w (transposition (n - 1) j) = strand_perm (w ++ [e * (n : Int)]) j
      rw [strand_perm_app w [e * (n : Int)] j]
      show strand_perm w (transposition (n - 1) j) =
        strand_perm w (transposition (letter_position (e * (n : Int))) j)
      rw [letter_position_stabilize n e He]
    have C1 := cycle_count_ext (n + 1) (fun (j : Nat) => strand_perm w (transposition (n - 1) j))
      (strand_perm (w ++ [e * (n : Int)])) _ Ext Cstab
    exact cycle_count_unique (n + 1) (strand_perm (w ++ [e * (n : Int)])) _ _
      (fun j Hj => strand_perm_lt (n + 1) _ j Ht'.2 Hj) (strand_perm_inj _) C1 Ct

/-- Markov-equivalent braids have closures with the same number of components. -/
theorem markov_equiv_components : ∀ (s t : State), MarkovEquiv s t → is_braid s →
    components s = components t := by
  intro s t H
  induction H with
  | markov_step s t H' => exact fun Hs => markov_step_components s t H' Hs
  | markov_refl s => exact fun _ => rfl
  | markov_sym s t H' IH =>
    exact fun Ht => (IH ((markov_equiv_is_braid s t H').mpr Ht)).symm
  | markov_trans s t u H1 _ IH1 IH2 =>
    exact fun Hs => (IH1 Hs).trans (IH2 ((markov_equiv_is_braid s t H1).mp Hs))

/-- The same, read in the specification: the number of cycles of the permutation. -/
theorem markov_equiv_cycle_count : ∀ (s t : State) (k : Nat), MarkovEquiv s t → is_braid s →
    (CycleCount s.strands (strand_perm s.word) k ↔ CycleCount t.strands (strand_perm t.word) k) := by
  have cc : ∀ (s : State) (k : Nat), is_braid s →
      (CycleCount s.strands (strand_perm s.word) k ↔ k = components s) := by
    intro s k Hs
    have Hs' : 1 ≤ s.strands ∧ word_on s.strands s.word := Hs
    refine Iff.intro ?_ ?_
    · intro C
      exact cycle_count_unique s.strands (strand_perm s.word) k (components s)
        (fun j Hj => strand_perm_lt s.strands s.word j Hs'.2 Hj) (strand_perm_inj s.word) C
        (components_spec s Hs)
    · intro e
      rw [e]
      exact components_spec s Hs
  intro s t k H Hs
  have Ht : is_braid t := (markov_equiv_is_braid s t H).mp Hs
  rw [cc s k Hs, cc t k Ht, markov_equiv_components s t H Hs]

namespace BraidCycles

theorem iter_id : ∀ (m a : Nat), iter m (fun (j : Nat) => j) a = a
  | 0, _ => rfl
  | m + 1, a => iter_id m a

end BraidCycles

theorem components_trivial : ∀ (k : Nat), components (trivial k) = k := by
  intro k
  have C1 : CycleCount k (fun (j : Nat) => j) k := by
    refine Exists.intro (seq 0 k) ⟨seq_length 0 k, seq_nodup 0 k, ?_, ?_, ?_⟩
    · intro r Hr
      have B := mem_seq_bounds 0 k r Hr
      omega
    · intro j Hj
      exact ⟨j, mem_seq_intro 0 k j (Nat.zero_le j) (by omega), same_cycle_refl (fun (j : Nat) => j) j⟩
    · intro r r' _ _ S
      cases same_cycle_unfold S with
      | intro m E =>
        rw [iter_id m r] at E
        exact E
  have C2 : CycleCount k (fun (j : Nat) => j) (components (trivial k)) :=
    components_cycle_count k [] word_on_nil
  exact (cycle_count_unique k (fun (j : Nat) => j) k (components (trivial k)) (fun _ Hj => Hj)
    (fun _ _ e => e) C1 C2).symm

/-- An accepted unknot or unlink certificate claims the right number of components: the closure
of its input braid has `claim c` components (one, for an unknot). -/
theorem check_unlink_components : ∀ (c : Cert), check c = true → c.kind ≠ Kind.Ribbon →
    components c.input = c.claim := by
  intro c H Hk
  have X := check_spec_unlink c H Hk
  rw [markov_equiv_components c.input (trivial c.claim) X.2 X.1]
  exact components_trivial c.claim

theorem check_unknot_components : ∀ (c : Cert), check c = true → c.kind = Kind.Unknot →
    components c.input = 1 := by
  intro c H Hk
  have X := check_spec_unknot c H Hk
  rw [markov_equiv_components c.input (trivial 1) X.2 X.1]
  exact components_trivial 1

/-- What every accepted certificate says about the permutation of its input braid. -/
theorem check_spec_cycles : ∀ (c : Cert), check c = true →
    CycleCount c.input.strands (strand_perm c.input.word)
      (match c.kind with
       | Kind.Ribbon => 1
       | _ => c.claim) := by
  intro c H
  have Hb : is_braid c.input := valid_is_braid c.input (check_input_valid c H)
  have C := components_spec c.input Hb
  cases Hk : c.kind with
  | Unknot =>
    have hne : c.kind ≠ Kind.Ribbon := by
      intro e
      rw [Hk] at e
      cases e
    rw [check_unlink_components c H hne] at C
    exact C
  | Unlink =>
    have hne : c.kind ≠ Kind.Ribbon := by
      intro e
      rw [Hk] at e
      cases e
    rw [check_unlink_components c H hne] at C
    exact C
  | Ribbon =>
    have R := check_spec_ribbon c H Hk
    rw [R.2.2] at C
    exact C

/-! ## Examples, computed

The closure of `σ_1³` (the trefoil) is a knot, that of `σ_1²` (the Hopf link) has two
components, that of `σ_1 σ_2⁻¹ σ_1 σ_2⁻¹` (the figure-eight knot) is a knot, and that of
`σ_1 σ_3` on four strands has two. (Coq `Example`s; Lean `theorem`s, so that they have names.) -/

set_option maxRecDepth 10000 in
theorem components_trefoil : components (State.mk_state 2 [1, 1, 1]) = 1 := by decide

set_option maxRecDepth 10000 in
theorem components_hopf : components (State.mk_state 2 [1, 1]) = 2 := by decide

set_option maxRecDepth 10000 in
theorem components_figure_eight : components (State.mk_state 3 [1, -2, 1, -2]) = 1 := by decide

set_option maxRecDepth 10000 in
theorem components_two_hopf : components (State.mk_state 4 [1, 3]) = 2 := by decide

set_option maxRecDepth 10000 in
theorem trefoil_one_cycle : CycleCount 2 (strand_perm [1, 1, 1]) 1 := by
  have Hv : valid_state (State.mk_state 2 [1, 1, 1]) = true := by decide
  have C := components_spec (State.mk_state 2 [1, 1, 1]) (valid_is_braid _ Hv)
  rw [components_trefoil] at C
  exact C

end KnotCert
