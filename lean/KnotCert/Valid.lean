import KnotCert.Braid

/-!
# KnotCert.Valid: every move keeps a state valid

The Lean counterpart of the last section of `coq/theories/Braid.v` (`apply_move_valid`,
`Equiv_valid`, `BandReach_valid`). So every state on the way from a checked input (which `check`
validates, `check_input_valid`) is a braid on `strands` strands: the relations `Equiv` and
`BandReach` only ever relate genuine braids.

The Coq proof reasons about list membership (`In`); here the same facts are proved directly
about `forallb`, which is how `valid_state` is defined. The generated certificate modules import
only `KnotCert.Braid`, so they do not depend on this file.
-/

namespace KnotCert

/-! ## `forallb` on the list operations used by the moves -/

theorem forallb_app_intro {α : Type} (p : α → Bool) (l2 : List α) (h2 : forallb p l2 = true) :
    ∀ (l1 : List α), forallb p l1 = true → forallb p (l1 ++ l2) = true
  | [], _ => h2
  | x :: xs, h1 => by
    have hx : (p x && forallb p xs) = true := h1
    show (p x && forallb p (xs ++ l2)) = true
    exact andb_true_intro (andb_true_l hx) (forallb_app_intro p l2 h2 xs (andb_true_r hx))

theorem forallb_firstn {α : Type} (p : α → Bool) :
    ∀ (i : Nat) (l : List α), forallb p l = true → forallb p (firstn i l) = true
  | 0, _, _ => rfl
  | _ + 1, [], _ => rfl
  | i + 1, x :: xs, h => by
    have hx : (p x && forallb p xs) = true := h
    show (p x && forallb p (firstn i xs)) = true
    exact andb_true_intro (andb_true_l hx) (forallb_firstn p i xs (andb_true_r hx))

theorem forallb_skipn {α : Type} (p : α → Bool) :
    ∀ (i : Nat) (l : List α), forallb p l = true → forallb p (skipn i l) = true
  | 0, _, h => h
  | _ + 1, [], _ => rfl
  | i + 1, x :: xs, h => by
    have hx : (p x && forallb p xs) = true := h
    show forallb p (skipn i xs) = true
    exact forallb_skipn p i xs (andb_true_r hx)

theorem forallb_removelast_from {α : Type} (p : α → Bool) :
    ∀ (x : α) (l : List α), forallb p (x :: l) = true → forallb p (removelast_from x l) = true
  | _, [], _ => rfl
  | x, y :: ys, h => by
    have hx : (p x && (p y && forallb p ys)) = true := h
    show (p x && forallb p (removelast_from y ys)) = true
    exact andb_true_intro (andb_true_l hx) (forallb_removelast_from p y ys (andb_true_r hx))

theorem forallb_removelast {α : Type} (p : α → Bool) :
    ∀ (l : List α), forallb p l = true → forallb p (removelast l) = true
  | [], _ => rfl
  | x :: xs, h => forallb_removelast_from p x xs h

theorem forallb_imp {α : Type} (p q : α → Bool) (hpq : ∀ (x : α), p x = true → q x = true) :
    ∀ (l : List α), forallb p l = true → forallb q l = true
  | [], _ => rfl
  | x :: xs, h => by
    have hx : (p x && forallb p xs) = true := h
    show (q x && forallb q xs) = true
    exact andb_true_intro (hpq x (andb_true_l hx)) (forallb_imp p q hpq xs (andb_true_r hx))

theorem forallb_imp2 {α : Type} (p q r : α → Bool)
    (hpqr : ∀ (x : α), p x = true → q x = true → r x = true) :
    ∀ (l : List α), forallb p l = true → forallb q l = true → forallb r l = true
  | [], _, _ => rfl
  | x :: xs, hp, hq => by
    have hpx : (p x && forallb p xs) = true := hp
    have hqx : (q x && forallb q xs) = true := hq
    show (r x && forallb r xs) = true
    exact andb_true_intro (hpqr x (andb_true_l hpx) (andb_true_l hqx))
      (forallb_imp2 p q r hpqr xs (andb_true_r hpx) (andb_true_r hqx))

theorem valid_mk (n : Nat) (w : List Int) (hn : Nat.ble 1 n = true)
    (hw : forallb (letter_ok n) w = true) : valid_state (State.mk_state n w) = true := by
  show (Nat.ble 1 n && forallb (letter_ok n) w) = true
  exact andb_true_intro hn hw

/-! ## Letters -/

theorem natAbs_neg_eq : ∀ (g : Int), (-g).natAbs = g.natAbs
  | Int.ofNat 0 => by first | rfl | simp
  | Int.ofNat (k + 1) => by first | rfl | simp
  | Int.negSucc k => by first | rfl | simp

theorem natAbs_negOfNat_eq : ∀ (m : Nat), (Int.negOfNat m).natAbs = m
  | 0 => by first | rfl | simp [Int.negOfNat]
  | k + 1 => by first | rfl | simp [Int.negOfNat]

theorem natAbs_mul_ofNat (n : Nat) :
    ∀ (sgn : Int), (sgn * Int.ofNat n).natAbs = sgn.natAbs * n
  | Int.ofNat k => by first | rfl | simp [Int.natAbs_mul]
  | Int.negSucc k => by first | exact natAbs_negOfNat_eq (Nat.succ k * n) | simp [Int.natAbs_mul]

theorem natAbs_sign_mul (n : Nat) (sgn : Int)
    (h : (decide (sgn = 1) || decide (sgn = -1)) = true) : (sgn * Int.ofNat n).natAbs = n := by
  have hs : sgn.natAbs = 1 := by
    cases h1 : decide (sgn = 1) with
    | true =>
      have e : sgn = 1 := of_decide_eq_true h1
      subst e
      rfl
    | false =>
      rw [h1] at h
      have h2 : decide (sgn = -1) = true := h
      have e : sgn = -1 := of_decide_eq_true h2
      subst e
      rfl
  exact Eq.trans (natAbs_mul_ofNat n sgn)
    (Eq.trans (congrArg (fun (x : Nat) => x * n) hs) (Nat.one_mul n))

theorem letter_ok_neg (n : Nat) (g : Int) : letter_ok n (-g) = letter_ok n g := by
  show (Nat.ble 1 (-g).natAbs && Nat.ble (-g).natAbs (n - 1)) =
    (Nat.ble 1 g.natAbs && Nat.ble g.natAbs (n - 1))
  rw [natAbs_neg_eq g]

theorem letter_ok_succ (n : Nat) (g : Int) (h : letter_ok n g = true) :
    letter_ok (n + 1) g = true := by
  have h' : (Nat.ble 1 g.natAbs && Nat.ble g.natAbs (n - 1)) = true := h
  have hb : g.natAbs ≤ n - 1 := Nat.le_of_ble_eq_true (andb_true_r h')
  have hb' : g.natAbs ≤ n + 1 - 1 := by omega
  show (Nat.ble 1 g.natAbs && Nat.ble g.natAbs (n + 1 - 1)) = true
  exact andb_true_intro (andb_true_l h') (Nat.ble_eq_true_of_le hb')

theorem notb_true : ∀ {b : Bool}, (!b) = true → b = false
  | false, _ => rfl
  | true, h => by first | exact Bool.noConfusion h | cases h | exact nomatch h

theorem letter_ok_destab (n : Nat) (g : Int) (h1 : letter_ok n g = true)
    (h2 : (!(Nat.beq g.natAbs (n - 1))) = true) : letter_ok (n - 1) g = true := by
  have h' : (Nat.ble 1 g.natAbs && Nat.ble g.natAbs (n - 1)) = true := h1
  have hb : g.natAbs ≤ n - 1 := Nat.le_of_ble_eq_true (andb_true_r h')
  have hne : g.natAbs ≠ n - 1 := Nat.ne_of_beq_eq_false (notb_true h2)
  have hb' : g.natAbs ≤ n - 1 - 1 := by omega
  show (Nat.ble 1 g.natAbs && Nat.ble g.natAbs (n - 1 - 1)) = true
  exact andb_true_intro (andb_true_l h') (Nat.ble_eq_true_of_le hb')

/-! ## One lemma per move -/

theorem cancel_at_valid (n : Nat) (w : List Int) (i : Nat) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true) :
    ∀ (l : List Int), forallb (letter_ok n) l = true → cancel_at n w i l = some t →
      valid_state t = true
  | [], _, h => by cases h
  | [_], _, h => by cases h
  | a :: b :: rest, hl, h => by
    have h1 : (if decide (a + b = 0) then some (State.mk_state n (firstn i w ++ rest))
        else none) = some t := h
    cases hd : decide (a + b = 0) with
    | false =>
      rw [hd] at h1
      cases h1
    | true =>
      rw [hd] at h1
      have h2 : some (State.mk_state n (firstn i w ++ rest)) = some t := h1
      cases h2
      have hl' : (letter_ok n a && (letter_ok n b && forallb (letter_ok n) rest)) = true := hl
      exact valid_mk n (firstn i w ++ rest) hn
        (forallb_app_intro (letter_ok n) rest (andb_true_r (andb_true_r hl')) (firstn i w)
          (forallb_firstn (letter_ok n) i w hw))

theorem insert_at_valid (n : Nat) (w : List Int) (i : Nat) (g : Int) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true)
    (h : insert_at n w i g = some t) : valid_state t = true := by
  have h1 : (if (Nat.ble i w.length && letter_ok n g) then
      some (State.mk_state n (firstn i w ++ g :: (-g) :: skipn i w)) else none) = some t := h
  cases hc : (Nat.ble i w.length && letter_ok n g) with
  | false =>
    rw [hc] at h1
    cases h1
  | true =>
    rw [hc] at h1
    have h2 : some (State.mk_state n (firstn i w ++ g :: (-g) :: skipn i w)) = some t := h1
    cases h2
    have hg : letter_ok n g = true := andb_true_r hc
    have hng : letter_ok n (-g) = true := Eq.trans (letter_ok_neg n g) hg
    have hs : forallb (letter_ok n) (skipn i w) = true := forallb_skipn (letter_ok n) i w hw
    have hnew : forallb (letter_ok n) (g :: (-g) :: skipn i w) = true := by
      show (letter_ok n g && (letter_ok n (-g) && forallb (letter_ok n) (skipn i w))) = true
      exact andb_true_intro hg (andb_true_intro hng hs)
    exact valid_mk n (firstn i w ++ g :: (-g) :: skipn i w) hn
      (forallb_app_intro (letter_ok n) (g :: (-g) :: skipn i w) hnew (firstn i w)
        (forallb_firstn (letter_ok n) i w hw))

theorem commute_at_valid (n : Nat) (w : List Int) (i : Nat) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true) :
    ∀ (l : List Int), forallb (letter_ok n) l = true → commute_at n w i l = some t →
      valid_state t = true
  | [], _, h => by cases h
  | [_], _, h => by cases h
  | a :: b :: rest, hl, h => by
    have h1 : (if Nat.ble 2 (absdiff a.natAbs b.natAbs) then
        some (State.mk_state n (firstn i w ++ b :: a :: rest)) else none) = some t := h
    cases hd : Nat.ble 2 (absdiff a.natAbs b.natAbs) with
    | false =>
      rw [hd] at h1
      cases h1
    | true =>
      rw [hd] at h1
      have h2 : some (State.mk_state n (firstn i w ++ b :: a :: rest)) = some t := h1
      cases h2
      have hl' : (letter_ok n a && (letter_ok n b && forallb (letter_ok n) rest)) = true := hl
      have hnew : forallb (letter_ok n) (b :: a :: rest) = true := by
        show (letter_ok n b && (letter_ok n a && forallb (letter_ok n) rest)) = true
        exact andb_true_intro (andb_true_l (andb_true_r hl'))
          (andb_true_intro (andb_true_l hl') (andb_true_r (andb_true_r hl')))
      exact valid_mk n (firstn i w ++ b :: a :: rest) hn
        (forallb_app_intro (letter_ok n) (b :: a :: rest) hnew (firstn i w)
          (forallb_firstn (letter_ok n) i w hw))

theorem braid_at_valid (n : Nat) (w : List Int) (i : Nat) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true) :
    ∀ (l : List Int), forallb (letter_ok n) l = true → braid_at n w i l = some t →
      valid_state t = true
  | [], _, h => by cases h
  | [_], _, h => by cases h
  | [_, _], _, h => by cases h
  | a :: b :: c :: rest, hl, h => by
    have h1 : (if (decide (a = c) && (decide (0 < a) == decide (0 < b)) &&
        Nat.beq (absdiff a.natAbs b.natAbs) 1) then
        some (State.mk_state n (firstn i w ++ b :: a :: b :: rest)) else none) = some t := h
    cases hd : (decide (a = c) && (decide (0 < a) == decide (0 < b)) &&
        Nat.beq (absdiff a.natAbs b.natAbs) 1) with
    | false =>
      rw [hd] at h1
      cases h1
    | true =>
      rw [hd] at h1
      have h2 : some (State.mk_state n (firstn i w ++ b :: a :: b :: rest)) = some t := h1
      cases h2
      have hl' : (letter_ok n a && (letter_ok n b && (letter_ok n c &&
          forallb (letter_ok n) rest))) = true := hl
      have ha : letter_ok n a = true := andb_true_l hl'
      have hb : letter_ok n b = true := andb_true_l (andb_true_r hl')
      have hr : forallb (letter_ok n) rest = true := andb_true_r (andb_true_r (andb_true_r hl'))
      have hnew : forallb (letter_ok n) (b :: a :: b :: rest) = true := by
        show (letter_ok n b && (letter_ok n a && (letter_ok n b &&
          forallb (letter_ok n) rest))) = true
        exact andb_true_intro hb (andb_true_intro ha (andb_true_intro hb hr))
      exact valid_mk n (firstn i w ++ b :: a :: b :: rest) hn
        (forallb_app_intro (letter_ok n) (b :: a :: b :: rest) hnew (firstn i w)
          (forallb_firstn (letter_ok n) i w hw))

theorem rotate_at_valid (n : Nat) (w : List Int) (k : Nat) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true)
    (h : rotate_at n w k = some t) : valid_state t = true := by
  have h1 : (if (Nat.ble 1 k && Nat.ble (k + 1) w.length) then
      some (State.mk_state n (skipn k w ++ firstn k w)) else none) = some t := h
  cases hc : (Nat.ble 1 k && Nat.ble (k + 1) w.length) with
  | false =>
    rw [hc] at h1
    cases h1
  | true =>
    rw [hc] at h1
    have h2 : some (State.mk_state n (skipn k w ++ firstn k w)) = some t := h1
    cases h2
    exact valid_mk n (skipn k w ++ firstn k w) hn
      (forallb_app_intro (letter_ok n) (firstn k w) (forallb_firstn (letter_ok n) k w hw)
        (skipn k w) (forallb_skipn (letter_ok n) k w hw))

theorem stabilize_at_valid (n : Nat) (w : List Int) (sgn : Int) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true)
    (h : stabilize_at n w sgn = some t) : valid_state t = true := by
  have h1 : (if (decide (sgn = 1) || decide (sgn = -1)) then
      some (State.mk_state (n + 1) (w ++ [sgn * Int.ofNat n])) else none) = some t := h
  cases hc : (decide (sgn = 1) || decide (sgn = -1)) with
  | false =>
    rw [hc] at h1
    cases h1
  | true =>
    rw [hc] at h1
    have h2 : some (State.mk_state (n + 1) (w ++ [sgn * Int.ofNat n])) = some t := h1
    cases h2
    have habs : (sgn * Int.ofNat n).natAbs = n := natAbs_sign_mul n sgn hc
    have hle1 : n ≤ n + 1 - 1 := by omega
    have hpos : 1 ≤ n + 1 := by omega
    have e1 : Nat.ble 1 (sgn * Int.ofNat n).natAbs = true :=
      Eq.trans (congrArg (fun (x : Nat) => Nat.ble 1 x) habs) hn
    have e2 : Nat.ble (sgn * Int.ofNat n).natAbs (n + 1 - 1) = true :=
      Eq.trans (congrArg (fun (x : Nat) => Nat.ble x (n + 1 - 1)) habs) (Nat.ble_eq_true_of_le hle1)
    have hletter : letter_ok (n + 1) (sgn * Int.ofNat n) = true := by
      show (Nat.ble 1 (sgn * Int.ofNat n).natAbs &&
        Nat.ble (sgn * Int.ofNat n).natAbs (n + 1 - 1)) = true
      exact andb_true_intro e1 e2
    have hnew : forallb (letter_ok (n + 1)) [sgn * Int.ofNat n] = true := by
      show (letter_ok (n + 1) (sgn * Int.ofNat n) && true) = true
      exact andb_true_intro hletter rfl
    have hold : forallb (letter_ok (n + 1)) w = true :=
      forallb_imp (letter_ok n) (letter_ok (n + 1)) (fun (g : Int) hg => letter_ok_succ n g hg) w hw
    exact valid_mk (n + 1) (w ++ [sgn * Int.ofNat n]) (Nat.ble_eq_true_of_le hpos)
      (forallb_app_intro (letter_ok (n + 1)) [sgn * Int.ofNat n] hnew w hold)

theorem destabilize_at_valid (n : Nat) (w : List Int) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true)
    (h : destabilize_at n w = some t) : valid_state t = true := by
  cases w with
  | nil => cases h
  | cons x xs =>
    have h1 : (if destab_ok n (x :: xs) then
        some (State.mk_state (n - 1) (removelast (x :: xs))) else none) = some t := h
    cases hc : destab_ok n (x :: xs) with
    | false =>
      rw [hc] at h1
      cases h1
    | true =>
      rw [hc] at h1
      have h2 : some (State.mk_state (n - 1) (removelast (x :: xs))) = some t := h1
      cases h2
      have hc' : (Nat.ble 2 n && Nat.beq (last (x :: xs) 0).natAbs (n - 1) &&
          forallb (fun (g : Int) => !(Nat.beq g.natAbs (n - 1))) (removelast (x :: xs))) =
          true := hc
      have h2n : 2 ≤ n := Nat.le_of_ble_eq_true (andb_true_l (andb_true_l hc'))
      have hpos : 1 ≤ n - 1 := by omega
      have hfree : forallb (fun (g : Int) => !(Nat.beq g.natAbs (n - 1)))
          (removelast (x :: xs)) = true := andb_true_r hc'
      have hrl : forallb (letter_ok n) (removelast (x :: xs)) = true :=
        forallb_removelast (letter_ok n) (x :: xs) hw
      exact valid_mk (n - 1) (removelast (x :: xs)) (Nat.ble_eq_true_of_le hpos)
        (forallb_imp2 (letter_ok n) (fun (g : Int) => !(Nat.beq g.natAbs (n - 1)))
          (letter_ok (n - 1)) (fun (g : Int) hg1 hg2 => letter_ok_destab n g hg1 hg2)
          (removelast (x :: xs)) hrl hfree)

theorem smooth_at_valid (n : Nat) (w : List Int) (i : Nat) (t : State)
    (hn : Nat.ble 1 n = true) (hw : forallb (letter_ok n) w = true) :
    ∀ (l : List Int), forallb (letter_ok n) l = true → smooth_at n w i l = some t →
      valid_state t = true
  | [], _, h => by cases h
  | a :: rest, hl, h => by
    have h2 : some (State.mk_state n (firstn i w ++ rest)) = some t := h
    cases h2
    have hl' : (letter_ok n a && forallb (letter_ok n) rest) = true := hl
    exact valid_mk n (firstn i w ++ rest) hn
      (forallb_app_intro (letter_ok n) rest (andb_true_r hl') (firstn i w)
        (forallb_firstn (letter_ok n) i w hw))

/-! ## Every move, every relation -/

theorem apply_move_valid : ∀ (s : State) (m : Move) (t : State),
    valid_state s = true → apply_move s m = some t → valid_state t = true := by
  intro s m t hv h
  cases s with
  | mk_state n w =>
    have hv' : (Nat.ble 1 n && forallb (letter_ok n) w) = true := hv
    have hn : Nat.ble 1 n = true := andb_true_l hv'
    have hw : forallb (letter_ok n) w = true := andb_true_r hv'
    cases m with
    | Cancel i =>
      exact cancel_at_valid n w i t hn hw (skipn i w) (forallb_skipn (letter_ok n) i w hw) h
    | Insert i g => exact insert_at_valid n w i g t hn hw h
    | Commute i =>
      exact commute_at_valid n w i t hn hw (skipn i w) (forallb_skipn (letter_ok n) i w hw) h
    | Braid i =>
      exact braid_at_valid n w i t hn hw (skipn i w) (forallb_skipn (letter_ok n) i w hw) h
    | Rotate k => exact rotate_at_valid n w k t hn hw h
    | Stabilize sgn => exact stabilize_at_valid n w sgn t hn hw h
    | Destabilize => exact destabilize_at_valid n w t hn hw h
    | Smooth i =>
      exact smooth_at_valid n w i t hn hw (skipn i w) (forallb_skipn (letter_ok n) i w hw) h

theorem step_valid : ∀ (s t : State), Step s t → valid_state s = true → valid_state t = true := by
  intro s t hst hv
  cases hst with
  | step_move _ m _ _ hm => exact apply_move_valid _ m _ hv hm

theorem Equiv_valid : ∀ (s t : State), Equiv s t → valid_state s = true → valid_state t = true := by
  intro s t h
  induction h with
  | equiv_refl _ => exact fun hv => hv
  | equiv_step _ _ _ hst _ ih => exact fun hv => ih (step_valid _ _ hst hv)

theorem BandReach_valid : ∀ (b : Nat) (s t : State),
    BandReach b s t → valid_state s = true → valid_state t = true := by
  intro b s t h
  induction h with
  | band_refl _ => exact fun hv => hv
  | band_step _ _ _ _ hst _ ih => exact fun hv => ih (step_valid _ _ hst hv)
  | band_smooth _ _ _ _ _ hm _ ih => exact fun hv => ih (apply_move_valid _ _ _ hv hm)

end KnotCert
