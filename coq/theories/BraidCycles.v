(** * KnotCert.BraidCycles — the number of components of a closed braid, in the words of the textbook

    The closure of a braid [β ∈ B_n] has one component per cycle of the permutation of [β]
    (Kassel–Turaev, "Braid Groups", GTM 247, §1.2.3; Birman, "Braids, Links and Mapping Class
    Groups", §1.4): the group homomorphism [B_n → S_n] that sends the generator [σ_i] to the
    transposition of the neighbouring strand positions [i] and [i + 1].

    This file defines, without using the checker's list functions,

    - [transposition i]: the permutation of the natural numbers that exchanges [i] and [i + 1]
      (strand positions are 0-based here, so [σ_i] of the textbook, [1 <= i <= n - 1], exchanges
      the positions [i - 1] and [i]);
    - [strand_perm w]: the permutation of a braid word [w = g_1 g_2 ... g_k], the product
      (composition of functions) [τ_1 ∘ τ_2 ∘ ... ∘ τ_k] of the transpositions of its letters
      ([σ_i] and [σ_i⁻¹] have the same transposition). Reading the product in the other order
      gives the inverse permutation, which has the same cycles;
    - [SameCycle π a b]: [b = π^m(a)] for some [m >= 0];
    - [CycleCount n π k]: the permutation [π] of [{0, ..., n-1}] has exactly [k] cycles, i.e.
      there is a list of [k] distinct representatives, one in each cycle.

    It proves [components_spec]: for every braid [s], the executable [components s] of [Braid.v]
    is the number of cycles of [strand_perm (word s)] on [strands s] points. A wrong
    [components] (an off-by-one strand index, a miscounted cycle) makes that proof fail. *)

From Coq Require Import ZArith List Bool Lia.
Require Import KnotCert.Braid KnotCert.BraidSpec.
Import ListNotations.

(** ** The specification *)

(** The transposition of the strand positions [i] and [i + 1]. *)
Definition transposition (i j : nat) : nat :=
  if j =? i then S i else if j =? S i then i else j.

(** The strand positions exchanged by the letter [σ_|g|^(±1)]: [|g| - 1] and [|g|] (0-based). *)
Definition letter_position (g : Z) : nat := Z.to_nat (Z.abs g) - 1.

(** The permutation of a braid word: the product of the transpositions of its letters,
    [strand_perm (g :: w) = transposition (letter_position g) ∘ strand_perm w]. *)
Fixpoint strand_perm (w : list Z) : nat -> nat :=
  match w with
  | [] => fun j => j
  | g :: w' => fun j => transposition (letter_position g) (strand_perm w' j)
  end.

(** [a] and [b] lie in the same cycle of [π]: [b = π^m(a)]. *)
Definition SameCycle (π : nat -> nat) (a b : nat) : Prop := exists m, Nat.iter m π a = b.

(** The permutation [π] of [{0, ..., n-1}] has [k] cycles: [k] distinct points, one in each cycle. *)
Definition CycleCount (n : nat) (π : nat -> nat) (k : nat) : Prop :=
  exists reps,
    length reps = k /\ NoDup reps /\
    (forall r, In r reps -> r < n) /\
    (forall j, j < n -> exists r, In r reps /\ SameCycle π r j) /\
    (forall r r', In r reps -> In r' reps -> SameCycle π r r' -> r = r').

(** ** Facts about transpositions and the permutation of a word *)

Lemma transposition_involutive : forall i j, transposition i (transposition i j) = j.
Proof.
  intros i j. unfold transposition.
  destruct (Nat.eqb_spec j i); destruct (Nat.eqb_spec j (S i)); subst;
    repeat (match goal with |- context [?a =? ?b] => destruct (Nat.eqb_spec a b) end); lia.
Qed.

Lemma transposition_inj : forall i a b, transposition i a = transposition i b -> a = b.
Proof.
  intros i a b H. rewrite <- (transposition_involutive i a), <- (transposition_involutive i b).
  now rewrite H.
Qed.

Lemma transposition_lt : forall i j n, S i < n -> j < n -> transposition i j < n.
Proof.
  intros i j n Hi Hj. unfold transposition.
  destruct (Nat.eqb_spec j i); [lia|]. destruct (Nat.eqb_spec j (S i)); lia.
Qed.

Lemma transposition_S : forall i j, transposition (S i) (S j) = S (transposition i j).
Proof.
  intros i j. unfold transposition. simpl.
  destruct (j =? i); [reflexivity|]. destruct (j =? S i); reflexivity.
Qed.

Lemma strand_perm_inj : forall w a b, strand_perm w a = strand_perm w b -> a = b.
Proof.
  induction w as [|g w IH]; simpl; intros a b H; [exact H|].
  apply IH. exact (transposition_inj _ _ _ H).
Qed.

(** On a braid of [n] strands every letter exchanges two positions below [n]. *)
Lemma letter_position_lt : forall n g, gen n (Z.abs g) -> S (letter_position g) < n.
Proof. intros n g H. unfold gen, letter_position in *. lia. Qed.

Lemma strand_perm_lt : forall n w j, word_on n w -> j < n -> strand_perm w j < n.
Proof.
  intros n w; induction w as [|g w IH]; simpl; intros j Hw Hj; [exact Hj|].
  apply word_on_cons in Hw as [Hg Hw].
  apply transposition_lt; [now apply letter_position_lt | now apply IH].
Qed.

(** ** The checker's list [braid_perm n w] is the table of [strand_perm w] *)

Lemma swap_at_length : forall i p, length (swap_at i p) = length p.
Proof.
  induction i as [|i IH]; intros p.
  - destruct p as [|x [|y rest]]; reflexivity.
  - destruct p as [|x rest]; [reflexivity|]. simpl. now rewrite IH.
Qed.

Lemma nth_swap_at : forall i p j d, S i < length p -> nth j (swap_at i p) d = nth (transposition i j) p d.
Proof.
  induction i as [|i IH]; intros p j d Hi.
  - destruct p as [|x [|y rest]]; simpl in Hi; try lia.
    destruct j as [|[|j]]; reflexivity.
  - destruct p as [|x rest]; simpl in Hi; [lia|].
    destruct j as [|j]; [reflexivity|].
    rewrite transposition_S. simpl. apply IH. lia.
Qed.

Lemma fold_swap_length : forall w p,
  length (fold_left (fun p g => swap_at (letter_position g) p) w p) = length p.
Proof.
  induction w as [|g w IH]; intros p; simpl; [reflexivity|]. now rewrite IH, swap_at_length.
Qed.

Lemma fold_swap_nth : forall w p j d,
  (forall g, In g w -> S (letter_position g) < length p) ->
  nth j (fold_left (fun p g => swap_at (letter_position g) p) w p) d = nth (strand_perm w j) p d.
Proof.
  induction w as [|g w IH]; intros p j d Hw; simpl; [reflexivity|].
  rewrite IH.
  - apply nth_swap_at. apply Hw. now left.
  - intros g' Hg'. rewrite swap_at_length. apply Hw. now right.
Qed.

(** The checker's table: the identity [[0; ...; n-1]] with the positions of each letter swapped in
    turn. This lemma is proved by computation ([reflexivity]), whatever the spelling of
    [braid_perm]; it fails if the checker swaps other positions than those of the letter. *)
Lemma braid_perm_swaps : forall n w,
  braid_perm n w = fold_left (fun p g => swap_at (letter_position g) p) w (seq 0 n).
Proof. reflexivity. Qed.

Lemma braid_perm_length : forall n w, length (braid_perm n w) = n.
Proof. intros n w. rewrite braid_perm_swaps. now rewrite fold_swap_length, seq_length. Qed.

Lemma braid_perm_nth : forall n w j d, word_on n w -> j < n -> nth j (braid_perm n w) d = strand_perm w j.
Proof.
  intros n w j d Hw Hj. rewrite braid_perm_swaps, fold_swap_nth.
  - rewrite seq_nth; [reflexivity|]. now apply strand_perm_lt.
  - intros g Hg. rewrite seq_length. apply letter_position_lt, Hw, Hg.
Qed.

(** ** Cycles of a permutation given as a table, and what [mark_cycle] and [count_cycles] compute *)

Lemma iter_add : forall (f : nat -> nat) a b x, Nat.iter (a + b) f x = Nat.iter a f (Nat.iter b f x).
Proof. intros f a b x. induction a as [|a IH]; simpl; [reflexivity|]. now rewrite IH. Qed.

Lemma NoDup_map_seq : forall (f : nat -> nat) k a,
  (forall x y, a <= x < a + k -> a <= y < a + k -> f x = f y -> x = y) -> NoDup (map f (seq a k)).
Proof.
  intros f k; induction k as [|k IH]; intros a H; simpl; [constructor|].
  constructor.
  - intros Hin. apply in_map_iff in Hin as [y [E Hy]]. apply in_seq in Hy.
    assert (a = y) by (apply H; lia). lia.
  - apply IH. intros x y Hx Hy. apply H; lia.
Qed.

Lemma nth_repeat_lt : forall (a d : bool) m k, k < m -> nth k (repeat a m) d = a.
Proof.
  intros a d m; induction m as [|m IH]; intros k Hk; [lia|].
  destruct k; simpl; [reflexivity|]. apply IH. lia.
Qed.

Lemma set_seen_length : forall j seen, length (set_seen j seen) = length seen.
Proof.
  induction j as [|j IH]; intros [|x seen]; simpl; try reflexivity. now rewrite IH.
Qed.

Lemma nth_set_seen : forall j seen k, j < length seen ->
  nth k (set_seen j seen) true = if k =? j then true else nth k seen true.
Proof.
  induction j as [|j IH]; intros [|x seen] k Hj; simpl in Hj; try lia.
  - destruct k; reflexivity.
  - destruct k; simpl; [reflexivity|]. apply IH. lia.
Qed.

Section Cycles.

  Variable n : nat.
  Variable π : nat -> nat.
  Hypothesis π_lt : forall j, j < n -> π j < n.
  Hypothesis π_inj : forall a b, π a = π b -> a = b.
  Variable P : list nat.
  Hypothesis P_length : length P = n.
  Hypothesis P_nth : forall j, j < n -> nth j P 0 = π j.

  Lemma iter_lt : forall m j, j < n -> Nat.iter m π j < n.
  Proof. induction m as [|m IH]; intros j Hj; simpl; [exact Hj|]. apply π_lt, IH, Hj. Qed.

  Lemma iter_inj : forall m a b, Nat.iter m π a = Nat.iter m π b -> a = b.
  Proof. induction m as [|m IH]; simpl; intros a b H; [exact H|]. apply IH, π_inj, H. Qed.

  (** Pigeonhole: the orbit of a point returns to it within [n] steps. *)
  Lemma period : forall j, j < n -> exists L, 1 <= L <= n /\ Nat.iter L π j = j.
  Proof.
    intros j Hj.
    set (f := fun m => Nat.iter m π j).
    destruct (existsb (fun b => existsb (fun a => f a =? f b) (seq 0 b)) (seq 0 (S n))) eqn:E.
    - apply existsb_exists in E as [b [Hb E]]. apply existsb_exists in E as [a [Ha E]].
      apply in_seq in Hb, Ha. apply Nat.eqb_eq in E. unfold f in E.
      exists (b - a). split; [lia|].
      apply (iter_inj a). rewrite <- iter_add. replace (a + (b - a)) with b by lia. now symmetry.
    - exfalso.
      assert (Hd : NoDup (map f (seq 0 (S n)))).
      { apply NoDup_map_seq. intros x y Hx Hy Hxy.
        assert (G : forall a b, a < b <= n -> f a <> f b).
        { intros a b Hab Efab.
          assert (existsb (fun b => existsb (fun a => f a =? f b) (seq 0 b)) (seq 0 (S n)) = true) as T.
          { apply existsb_exists. exists b. split; [apply in_seq; lia|].
            apply existsb_exists. exists a. split; [apply in_seq; lia|]. now apply Nat.eqb_eq. }
          congruence. }
        destruct (Nat.lt_trichotomy x y) as [L|[L|L]]; [|exact L|];
          exfalso; [apply (G x y) | apply (G y x)]; auto; lia. }
      apply NoDup_incl_length with (l' := seq 0 n) in Hd.
      + rewrite map_length, !seq_length in Hd. lia.
      + intros x Hx. apply in_map_iff in Hx as [m [<- _]]. apply in_seq. split; [lia|].
        apply iter_lt, Hj.
  Qed.

  Lemma iter_period_mult : forall L j q, Nat.iter L π j = j -> Nat.iter (q * L) π j = j.
  Proof.
    intros L j q H. induction q as [|q IH]; [reflexivity|].
    simpl. rewrite iter_add, IH. exact H.
  Qed.

  Lemma iter_period_mod : forall L j m, 1 <= L -> Nat.iter L π j = j ->
    Nat.iter m π j = Nat.iter (m mod L) π j.
  Proof.
    intros L j m HL H.
    replace (Nat.iter m π j) with (Nat.iter (m mod L + m / L * L) π j)
      by (f_equal; pose proof (Nat.div_mod_eq m L); lia).
    now rewrite iter_add, iter_period_mult.
  Qed.

  Lemma same_cycle_sym : forall a b, a < n -> SameCycle π a b -> SameCycle π b a.
  Proof.
    intros a b Ha [m <-]. destruct (period a Ha) as [L [HL E]].
    exists (m * L - m). rewrite <- iter_add. replace (m * L - m + m) with (m * L) by nia.
    now apply iter_period_mult.
  Qed.

  (** A [seen] list is closed when it is a union of cycles. *)
  Definition closed (seen : list bool) : Prop :=
    forall k, k < n -> nth k seen true = true -> nth (π k) seen true = true.

  Lemma closed_iter : forall seen m k, closed seen -> k < n -> nth k seen true = true ->
    nth (Nat.iter m π k) seen true = true.
  Proof.
    intros seen m k Hc Hk H. induction m as [|m IH]; simpl; [exact H|].
    apply Hc; [apply iter_lt, Hk | exact IH].
  Qed.

  Lemma closed_same_cycle : forall seen a b, closed seen -> a < n -> nth a seen true = false ->
    SameCycle π a b -> nth b seen true = false.
  Proof.
    intros seen a b Hc Ha Hna Hab. destruct (nth b seen true) eqn:Hb; [|reflexivity].
    assert (Hb' : b < n) by (destruct Hab as [m <-]; now apply iter_lt).
    destruct (same_cycle_sym a b Ha Hab) as [m E].
    rewrite <- Hna, <- E. symmetry. now apply closed_iter.
  Qed.

  (** If [π^d(j) = j] with [d >= 1], the first [T >= d] points of the orbit of [j] are its cycle. *)
  Lemma orbit_prefix : forall j d T k, 1 <= d -> d <= T -> Nat.iter d π j = j ->
    ((exists m, m < T /\ Nat.iter m π j = k) <-> SameCycle π j k).
  Proof.
    intros j d T k Hd HT E. split.
    - intros [m [_ Hm]]. now exists m.
    - intros [m <-]. exists (m mod d). split; [|symmetry; now apply iter_period_mod].
      pose proof (Nat.mod_upper_bound m d). lia.
  Qed.

  (** [mark_cycle] started on an unseen point [j] of a closed [seen] list marks exactly its cycle. *)
  Lemma mark_cycle_spec_gen : forall seen j L, length seen = n -> closed seen -> j < n ->
    nth j seen true = false -> 1 <= L -> Nat.iter L π j = j ->
    forall f t seen', length seen' = n ->
    (forall k, k < n -> (nth k seen' true = true <-> nth k seen true = true \/ exists m, m < t /\ Nat.iter m π j = k)) ->
    L <= t + f ->
    length (mark_cycle f P seen' (Nat.iter t π j)) = n /\
    forall k, k < n -> (nth k (mark_cycle f P seen' (Nat.iter t π j)) true = true <->
                        nth k seen true = true \/ SameCycle π j k).
  Proof.
    intros seen j L Hlen Hc Hj Hnj HL EL f.
    induction f as [|f IH]; intros t seen' Hlen' Hs Hf; simpl.
    - split; [exact Hlen'|]. intros k Hk. rewrite Hs by exact Hk.
      rewrite (orbit_prefix j L t k); [reflexivity | exact HL | lia | exact EL].
    - assert (Ht : Nat.iter t π j < n) by (apply iter_lt, Hj).
      destruct (nth (Nat.iter t π j) seen' true) eqn:Hseen.
      + (* the orbit has come back: the marked prefix is the whole cycle *)
        destruct (proj1 (Hs _ Ht) Hseen) as [Hseen' | [s [Hst Es]]].
        * exfalso. assert (nth (Nat.iter t π j) seen true = false) as F
            by (apply (closed_same_cycle seen j); auto; now exists t).
          congruence.
        * assert (Ed : Nat.iter (t - s) π j = j).
          { apply (iter_inj s). rewrite <- iter_add. replace (s + (t - s)) with t by lia. now symmetry. }
          split; [exact Hlen'|]. intros k Hk. rewrite Hs by exact Hk.
          rewrite (orbit_prefix j (t - s) t k); [reflexivity | lia | lia | exact Ed].
      + replace (nth (Nat.iter t π j) P 0) with (Nat.iter (S t) π j) by (simpl; symmetry; now apply P_nth).
        apply IH; [| |lia].
        * rewrite set_seen_length. exact Hlen'.
        * intros k Hk. rewrite nth_set_seen by lia.
          destruct (Nat.eqb_spec k (Nat.iter t π j)) as [->|Hne].
          -- split; [intros _; right; exists t; split; [lia|reflexivity] | reflexivity].
          -- rewrite Hs by exact Hk. split.
             ++ intros [H|[m [Hm Em]]]; [now left | right; exists m; split; [lia | exact Em]].
             ++ intros [H|[m [Hm Em]]]; [now left|]. right. exists m. split; [|exact Em].
                destruct (Nat.eq_dec m t); [subst; contradiction | lia].
  Qed.

  Lemma mark_cycle_spec : forall seen j, length seen = n -> closed seen -> j < n ->
    nth j seen true = false ->
    length (mark_cycle (length P) P seen j) = n /\
    forall k, k < n -> (nth k (mark_cycle (length P) P seen j) true = true <->
                        nth k seen true = true \/ SameCycle π j k).
  Proof.
    intros seen j Hlen Hc Hj Hnj. destruct (period j Hj) as [L [HL EL]].
    change j with (Nat.iter 0 π j) at 1 3.
    apply (mark_cycle_spec_gen seen j L); auto.
    - lia.
    - intros k Hk. split; [now left|]. intros [H|[m [Hm _]]]; [exact H | lia].
    - lia.
  Qed.

  Lemma count_cycles_spec : forall starts seen acc reps,
    length seen = n -> closed seen ->
    (forall j, In j starts -> j < n) ->
    (forall k, k < n -> nth k seen true = true \/ In k starts) ->
    length reps = acc -> NoDup reps ->
    (forall r, In r reps -> r < n /\ nth r seen true = true) ->
    (forall k, k < n -> nth k seen true = true -> exists r, In r reps /\ SameCycle π r k) ->
    (forall r r', In r reps -> In r' reps -> SameCycle π r r' -> r = r') ->
    CycleCount n π (count_cycles starts P seen acc).
  Proof.
    induction starts as [|j starts IH]; intros seen acc reps Hlen Hc Hst Hcov Hacc Hnd Hreps Hrep Hdist; simpl.
    - exists reps. repeat split; auto.
      + intros r Hr. now apply Hreps.
      + intros k Hk. apply Hrep; [exact Hk|]. destruct (Hcov k Hk) as [H|[]]. exact H.
    - assert (Hj : j < n) by (apply Hst; now left).
      destruct (nth j seen true) eqn:Hsj.
      + apply (IH seen acc reps); auto.
        * intros k Hk. apply Hst. now right.
        * intros k Hk. destruct (Hcov k Hk) as [H|[<-|H]]; auto.
      + destruct (mark_cycle_spec seen j Hlen Hc Hj Hsj) as [Hlen2 Hs2].
        set (seen2 := mark_cycle (length P) P seen j) in *.
        apply (IH seen2 (S acc) (j :: reps)); auto.
        * (* the new seen list is a union of cycles *)
          intros k Hk H. assert (Hpk : π k < n) by (apply π_lt, Hk).
          apply (proj2 (Hs2 _ Hpk)). destruct (proj1 (Hs2 _ Hk) H) as [H'|[m Em]].
          -- left. now apply Hc.
          -- right. exists (S m). simpl. now rewrite Em.
        * intros k Hk. apply Hst. now right.
        * intros k Hk. destruct (Hcov k Hk) as [H|[<-|H]]; [left | left | right; exact H];
            apply (proj2 (Hs2 _ Hk)).
          -- now left.
          -- right. now exists 0.
        * simpl. now rewrite Hacc.
        * constructor; [|exact Hnd]. intros Hin. apply Hreps in Hin as [_ Hin]. congruence.
        * intros r [<-|Hr].
          -- split; [exact Hj|]. apply (proj2 (Hs2 _ Hj)). right. now exists 0.
          -- destruct (Hreps r Hr) as [Hrn Hrs]. split; [exact Hrn|].
             apply (proj2 (Hs2 _ Hrn)). now left.
        * intros k Hk H. destruct (proj1 (Hs2 _ Hk) H) as [H'|H'].
          -- destruct (Hrep k Hk H') as [r [Hr E]]. exists r. split; [now right | exact E].
          -- exists j. split; [now left | exact H'].
        * intros r r' Hr Hr' E. destruct Hr as [<-|Hr]; destruct Hr' as [<-|Hr'].
          -- reflexivity.
          -- exfalso. apply Hreps in Hr' as [Hr'n Hr'].
             rewrite (closed_same_cycle seen j r') in Hr'; auto. discriminate.
          -- exfalso. apply Hreps in Hr as [Hrn Hr].
             destruct E as [m <-]. rewrite closed_iter in Hsj; auto. discriminate.
          -- now apply Hdist.
  Qed.

  Theorem count_cycles_correct : CycleCount n π (count_cycles (seq 0 n) P (repeat false n) 0).
  Proof.
    apply (count_cycles_spec _ _ _ []).
    - apply repeat_length.
    - intros k Hk. rewrite nth_repeat_lt by exact Hk. discriminate.
    - intros j Hj. apply in_seq in Hj. lia.
    - intros k Hk. right. apply in_seq. lia.
    - reflexivity.
    - constructor.
    - intros r [].
    - intros k Hk. rewrite nth_repeat_lt by exact Hk. discriminate.
    - intros r r' [].
  Qed.

End Cycles.

(** ** The theorem: [components] counts the cycles of the permutation of the braid *)

Theorem components_spec : forall s, is_braid s ->
  CycleCount (strands s) (strand_perm (word s)) (components s).
Proof.
  intros [n w] [Hn Hw]. simpl in Hn, Hw |- *. unfold components. simpl.
  apply count_cycles_correct.
  - intros j Hj. now apply strand_perm_lt.
  - apply strand_perm_inj.
  - apply braid_perm_length.
  - intros j Hj. now apply braid_perm_nth.
Qed.
