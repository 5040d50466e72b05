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

    It proves

    - [components_spec]: for every braid [s], the executable [components s] of [Braid.v] is the
      number of cycles of [strand_perm (word s)] on [strands s] points. A wrong [components] (an
      off-by-one strand index, a miscounted cycle) makes this proof fail;
    - non-vacuity: the number of cycles is well defined ([cycle_count_unique]) and invariant under
      Markov equivalence ([markov_equiv_cycle_count], [markov_equiv_components]): equal braids of
      [B_n] have equal permutations, conjugation conjugates the permutation, and stabilisation
      adds the new strand to the cycle of strand [n - 1];
    - hence an accepted certificate claims the right number of components: [components (input c)
      = claim c] for unknot and unlink certificates ([check_unlink_components],
      [check_unknot_components]), and the permutation of the input braid of every accepted
      certificate has [claim c] cycles, or one cycle for a ribbon knot ([check_spec_cycles]). *)

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
  Variable π_lt : forall j, j < n -> π j < n.
  Variable π_inj : forall a b, π a = π b -> a = b.

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

  (** The checker's table [P] of [π]. *)
  Variable P : list nat.
  Variable P_length : length P = n.
  Variable P_nth : forall j, j < n -> nth j P 0 = π j.

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

Lemma components_cycle_count : forall n w, word_on n w ->
  CycleCount n (strand_perm w) (components (mk_state n w)).
Proof.
  intros n w Hw. unfold components. simpl.
  apply count_cycles_correct.
  - intros j Hj. now apply strand_perm_lt.
  - apply strand_perm_inj.
  - apply braid_perm_length.
  - intros j Hj. now apply braid_perm_nth.
Qed.

Theorem components_spec : forall s, is_braid s ->
  CycleCount (strands s) (strand_perm (word s)) (components s).
Proof. intros [n w] [_ Hw]. exact (components_cycle_count n w Hw). Qed.

(** ** Non-vacuity: the number of cycles is a Markov invariant

    Equal braids of [B_n] have equal permutations (the transpositions satisfy Artin's relations),
    conjugation conjugates the permutation, and stabilisation inserts the new strand [n] into the
    cycle of strand [n - 1]. So the number of components of the closure is the same for all
    Markov-equivalent braids, and an accepted unknot or unlink certificate claims the right number
    of components. *)

(** The number of cycles is well defined. *)
Lemma length_le_matching : forall (A B : list nat) (R : nat -> nat -> Prop), NoDup A ->
  (forall a, In a A -> exists b, In b B /\ R a b) ->
  (forall a a' b, In a A -> In a' A -> In b B -> R a b -> R a' b -> a = a') ->
  length A <= length B.
Proof.
  induction A as [|a A IH]; intros B R Hnd Hcov Hinj; simpl; [lia|].
  inversion Hnd as [|? ? Ha HndA]; subst.
  destruct (Hcov a (or_introl eq_refl)) as [b [Hb Hab]].
  assert (length A <= length (remove Nat.eq_dec b B)).
  { apply (IH _ R HndA).
    - intros a' Ha'. destruct (Hcov a' (or_intror Ha')) as [b' [Hb' Hab']]. exists b'. split; [|exact Hab'].
      apply in_in_remove; [|exact Hb']. intros ->.
      assert (a' = a) as -> by (apply (Hinj a' a b); [now right | now left | exact Hb | exact Hab' | exact Hab]).
      contradiction.
    - intros x y z Hx Hy Hz. apply in_remove in Hz as [Hz _]. apply Hinj; auto; now right. }
  pose proof (remove_length_lt Nat.eq_dec B b Hb). lia.
Qed.

Lemma same_cycle_refl : forall π a, SameCycle π a a.
Proof. intros π a. now exists 0. Qed.

Lemma same_cycle_trans : forall π a b c, SameCycle π a b -> SameCycle π b c -> SameCycle π a c.
Proof. intros π a b c [m1 <-] [m2 <-]. exists (m2 + m1). apply iter_add. Qed.

Lemma same_cycle_step : forall π a, SameCycle π a (π a).
Proof. intros π a. now exists 1. Qed.

Theorem cycle_count_unique : forall n π k1 k2,
  (forall j, j < n -> π j < n) -> (forall a b, π a = π b -> a = b) ->
  CycleCount n π k1 -> CycleCount n π k2 -> k1 = k2.
Proof.
  assert (le : forall n π k1 k2,
    (forall j, j < n -> π j < n) -> (forall a b, π a = π b -> a = b) ->
    CycleCount n π k1 -> CycleCount n π k2 -> k1 <= k2).
  { intros n π k1 k2 Hlt Hinj [reps1 [<- [Hnd1 [Hr1 [Hc1 Hd1]]]]] [reps2 [<- [Hnd2 [Hr2 [Hc2 Hd2]]]]].
    apply (length_le_matching reps1 reps2 (fun a b => SameCycle π b a) Hnd1).
    - intros a Ha. apply Hc2, Hr1, Ha.
    - intros a a' b Ha Ha' Hb Hba Hba'. apply Hd1; [exact Ha | exact Ha'|].
      apply same_cycle_trans with b; [|exact Hba'].
      apply (same_cycle_sym n π Hlt Hinj b a); [apply Hr2, Hb | exact Hba]. }
  intros. apply Nat.le_antisymm; eapply le; eauto.
Qed.

Lemma iter_ext : forall (π π' : nat -> nat) m a, (forall j, π j = π' j) -> Nat.iter m π a = Nat.iter m π' a.
Proof. intros π π' m a H. induction m as [|m IH]; simpl; [reflexivity|]. now rewrite IH, H. Qed.

Lemma cycle_count_ext : forall n π π' k, (forall j, π j = π' j) -> CycleCount n π k -> CycleCount n π' k.
Proof.
  intros n π π' k H [reps [Hl [Hnd [Hr [Hc Hd]]]]]. exists reps. repeat split; auto.
  - intros j Hj. destruct (Hc j Hj) as [r [Hin [m E]]]. exists r. split; [exact Hin|].
    exists m. now rewrite <- (iter_ext π π').
  - intros r r' Hin Hin' [m E]. apply Hd; auto. exists m. now rewrite (iter_ext π π').
Qed.

(** Conjugation [σ ∘ π ∘ σ⁻¹] has as many cycles as [π]. *)
Lemma cycle_count_conj : forall n π σ σ' k,
  (forall j, σ' (σ j) = j) -> (forall j, σ (σ' j) = j) ->
  (forall j, j < n -> σ j < n) -> (forall j, j < n -> σ' j < n) ->
  CycleCount n π k -> CycleCount n (fun j => σ (π (σ' j))) k.
Proof.
  intros n π σ σ' k Hl Hr Hσ Hσ' [reps [Hlen [Hnd [Hrep [Hc Hd]]]]].
  assert (Hinj : forall a b, σ a = σ b -> a = b) by (intros a b E; now rewrite <- (Hl a), <- (Hl b), E).
  assert (Hit : forall m a, Nat.iter m (fun j => σ (π (σ' j))) (σ a) = σ (Nat.iter m π a)).
  { induction m as [|m IH]; intros a; simpl; [reflexivity|]. now rewrite IH, Hl. }
  exists (map σ reps). repeat split.
  - now rewrite map_length.
  - clear Hlen Hrep Hc Hd. induction reps as [|r reps IH]; simpl; constructor.
    + intros Hin. apply in_map_iff in Hin as [y [E Hy]]. apply Hinj in E. subst.
      now inversion Hnd.
    + apply IH. now inversion Hnd.
  - intros r Hin. apply in_map_iff in Hin as [y [<- Hy]]. apply Hσ, Hrep, Hy.
  - intros j Hj. destruct (Hc (σ' j) (Hσ' j Hj)) as [r [Hin [m E]]].
    exists (σ r). split; [now apply in_map|]. exists m. now rewrite Hit, E.
  - intros r r' Hin Hin' [m E]. apply in_map_iff in Hin as [a [<- Ha]]. apply in_map_iff in Hin' as [a' [<- Ha']].
    rewrite Hit in E. apply Hinj in E. f_equal. apply Hd; auto. now exists m.
Qed.

(** Stabilisation: [π] on [n] points, and [π ∘ τ_(n-1)] on [n + 1] points, have the same
    number of cycles (the new point [n] joins the cycle of [n - 1]). *)
Lemma cycle_count_stabilize : forall n π k, 1 <= n ->
  (forall j, j < n -> π j < n) -> π n = n ->
  CycleCount n π k -> CycleCount (S n) (fun j => π (transposition (n - 1) j)) k.
Proof.
  intros n π k Hn Hlt Hfix [reps [Hlen [Hnd [Hrep [Hc Hd]]]]].
  set (π' := fun j => π (transposition (n - 1) j)).
  assert (E1 : forall y, y < n - 1 -> π' y = π y).
  { intros y Hy. unfold π', transposition.
    destruct (Nat.eqb_spec y (n - 1)); [lia|]. destruct (Nat.eqb_spec y (S (n - 1))); [lia|reflexivity]. }
  assert (E2 : π' (n - 1) = n).
  { unfold π', transposition. rewrite Nat.eqb_refl. now replace (S (n - 1)) with n by lia. }
  assert (E3 : π' n = π (n - 1)).
  { unfold π', transposition. destruct (Nat.eqb_spec n (n - 1)); [lia|].
    destruct (Nat.eqb_spec n (S (n - 1))); [reflexivity|lia]. }
  (* every step of [π] is a path of [π'] *)
  assert (Fwd : forall a b, a < n -> SameCycle π a b -> SameCycle π' a b).
  { intros a b Ha [m <-]. induction m as [|m IH]; [apply same_cycle_refl|].
    apply same_cycle_trans with (Nat.iter m π a); [exact IH|]. simpl.
    assert (Hy : Nat.iter m π a < n) by (apply (iter_lt n π Hlt), Ha).
    destruct (Nat.eq_dec (Nat.iter m π a) (n - 1)) as [Ey|Ey].
    - rewrite Ey. exists 2. simpl. now rewrite E2, E3.
    - exists 1. simpl. apply E1. lia. }
  (* every path of [π'] between points below [n] is a path of [π] *)
  assert (Bwd : forall a b, a < n -> b < n -> SameCycle π' a b -> SameCycle π a b).
  { set (ρ := fun y => if y =? n then π (n - 1) else y).
    assert (Hlt' : forall y, y < S n -> π' y < S n).
    { intros y Hy. destruct (Nat.eq_dec y n) as [->|Ne]; [rewrite E3; specialize (Hlt (n - 1)); lia|].
      destruct (Nat.eq_dec y (n - 1)) as [->|Ne']; [rewrite E2; lia|]. rewrite E1 by lia.
      specialize (Hlt y). lia. }
    assert (Step : forall y, y < S n -> SameCycle π (ρ y) (ρ (π' y))).
    { intros y Hy. unfold ρ.
      destruct (Nat.eq_dec y n) as [->|Ne].
      - rewrite E3, Nat.eqb_refl. specialize (Hlt (n - 1)).
        destruct (Nat.eqb_spec (π (n - 1)) n); [lia|]. apply same_cycle_refl.
      - destruct (Nat.eqb_spec y n); [contradiction|].
        destruct (Nat.eq_dec y (n - 1)) as [->|Ne'].
        + rewrite E2, Nat.eqb_refl. apply same_cycle_step.
        + rewrite E1 by lia. specialize (Hlt y).
          destruct (Nat.eqb_spec (π y) n); [lia|]. apply same_cycle_step. }
    intros a b Ha Hb [m <-].
    assert (G : forall i, SameCycle π (ρ a) (ρ (Nat.iter i π' a)) /\ Nat.iter i π' a < S n).
    { intros i. induction i as [|i [IH IHlt]]; simpl; [split; [apply same_cycle_refl | lia]|].
      split; [|now apply Hlt'].
      apply same_cycle_trans with (ρ (Nat.iter i π' a)); [exact IH|]. now apply Step. }
    destruct (G m) as [G1 _]. unfold ρ in G1.
    destruct (Nat.eqb_spec a n); [lia|]. destruct (Nat.eqb_spec (Nat.iter m π' a) n); [lia|]. exact G1. }
  exists reps. split; [exact Hlen|]. split; [exact Hnd|]. split; [|split].
  - intros r Hr. specialize (Hrep r Hr). lia.
  - intros j Hj. destruct (Nat.eq_dec j n) as [->|Ne].
    + destruct (Hc (n - 1)) as [r [Hin Hr]]; [lia|]. exists r. split; [exact Hin|].
      apply same_cycle_trans with (n - 1); [apply Fwd; [apply Hrep, Hin | exact Hr]|].
      exists 1. exact E2.
    + destruct (Hc j) as [r [Hin Hr]]; [lia|]. exists r. split; [exact Hin|]. apply Fwd; [apply Hrep, Hin | exact Hr].
  - intros r r' Hin Hin' H. apply Hd; [exact Hin | exact Hin'|]. apply Bwd; [apply Hrep, Hin | apply Hrep, Hin' | exact H].
Qed.

(** The permutation of a word. *)
Lemma strand_perm_app : forall u v j, strand_perm (u ++ v) j = strand_perm u (strand_perm v j).
Proof. induction u as [|g u IH]; intros v j; simpl; [reflexivity|]. now rewrite IH. Qed.

Lemma letter_position_opp : forall g, letter_position (- g)%Z = letter_position g.
Proof. intros g. unfold letter_position. now rewrite Z.abs_opp. Qed.

Lemma strand_perm_inv_l : forall x j, strand_perm (inv x) (strand_perm x j) = j.
Proof.
  induction x as [|g x IH]; intros j; [reflexivity|].
  replace (inv (g :: x)) with (inv x ++ [(- g)%Z]) by (unfold inv; simpl; reflexivity).
  rewrite strand_perm_app. simpl. now rewrite letter_position_opp, transposition_involutive, IH.
Qed.

Lemma strand_perm_inv_r : forall x j, strand_perm x (strand_perm (inv x) j) = j.
Proof. intros x j. rewrite <- (inv_involutive x) at 1. apply strand_perm_inv_l. Qed.

(** The transpositions satisfy Artin's relations. *)
Ltac transposition_cases :=
  unfold transposition;
  repeat (match goal with
          | |- context [?x =? ?y] =>
              lazymatch x with context [if _ then _ else _] => fail | _ => idtac end;
              lazymatch y with context [if _ then _ else _] => fail | _ => idtac end;
              destruct (Nat.eqb_spec x y)
          end; cbn iota);
  lia.

Lemma transposition_far : forall a b x, a + 2 <= b \/ b + 2 <= a ->
  transposition a (transposition b x) = transposition b (transposition a x).
Proof. intros a b x H. transposition_cases. Qed.

Lemma transposition_braid : forall a x,
  transposition a (transposition (S a) (transposition a x)) =
  transposition (S a) (transposition a (transposition (S a) x)).
Proof. intros a x. transposition_cases. Qed.

Lemma strand_perm_artin : forall n l r, ArtinRel n l r -> forall j, strand_perm l j = strand_perm r j.
Proof.
  intros n l r H j. destruct H as [i Hi|i Hi|i i' Hi Hi' Hd|i Hi Hi']; simpl.
  - now rewrite letter_position_opp, transposition_involutive.
  - now rewrite letter_position_opp, transposition_involutive.
  - apply transposition_far. unfold gen, letter_position in *. lia.
  - replace (letter_position (i + 1)%Z) with (S (letter_position i)) by (unfold gen, letter_position in *; lia).
    apply transposition_braid.
Qed.

(** Equal braids have equal permutations. *)
Theorem strand_perm_braid_eq : forall n u v, BraidEq n u v -> forall j, strand_perm u j = strand_perm v j.
Proof.
  intros n u v H. induction H as [u l r v Hr| w | w w' _ IH | a b c _ IH1 _ IH2]; intros j.
  - rewrite !strand_perm_app. f_equal. apply (strand_perm_artin n), Hr.
  - reflexivity.
  - now rewrite IH.
  - now rewrite IH1, IH2.
Qed.

(** Being a braid is invariant under Markov equivalence. *)
Lemma artin_word_on : forall n l r, ArtinRel n l r -> word_on n l /\ word_on n r.
Proof.
  intros n l r H. destruct H as [i Hi|i Hi|i i' Hi Hi' Hd|i Hi Hi']; split; intros g Hg; simpl in Hg;
    repeat (destruct Hg as [<-|Hg]; [unfold gen in *; lia|]); contradiction.
Qed.

Lemma braid_eq_word_on : forall n u v, BraidEq n u v -> (word_on n u <-> word_on n v).
Proof.
  intros n u v H. induction H as [u l r v Hr| w | w w' _ IH | a b c _ IH1 _ IH2].
  - destruct (artin_word_on n l r Hr). rewrite !word_on_app. tauto.
  - reflexivity.
  - now symmetry.
  - now rewrite IH1.
Qed.

Lemma markov_step_is_braid : forall s t, MarkovStep s t -> (is_braid s <-> is_braid t).
Proof.
  intros s t H. destruct H as [n w w' H|n w x Hx|n w e Hn Hw He]; unfold is_braid; simpl.
  - rewrite (braid_eq_word_on n w w' H). reflexivity.
  - rewrite !word_on_app. pose proof (word_on_inv n x Hx). tauto.
  - split; intros _; [|split; assumption]. split; [lia|].
    apply word_on_app. split.
    + intros g Hg. specialize (Hw g Hg). unfold gen in *. lia.
    + intros g [<-|[]]. unfold gen. destruct He as [-> | ->]; lia.
Qed.

Lemma markov_equiv_is_braid : forall s t, MarkovEquiv s t -> (is_braid s <-> is_braid t).
Proof.
  intros s t H. induction H as [s t H|s|s t _ IH|s t u _ IH1 _ IH2].
  - now apply markov_step_is_braid.
  - reflexivity.
  - now symmetry.
  - now rewrite IH1.
Qed.

Lemma letter_position_stabilize : forall n e, (e = 1 \/ e = -1)%Z -> letter_position (e * Z.of_nat n)%Z = n - 1.
Proof. intros n e He. unfold letter_position. destruct He as [-> | ->]; lia. Qed.

Lemma strand_perm_fix : forall n w, word_on n w -> strand_perm w n = n.
Proof.
  intros n w; induction w as [|g w IH]; intros Hw; simpl; [reflexivity|].
  apply word_on_cons in Hw as [Hg Hw]. rewrite IH by exact Hw.
  pose proof (letter_position_lt n g Hg). unfold transposition.
  destruct (Nat.eqb_spec n (letter_position g)); [lia|]. destruct (Nat.eqb_spec n (S (letter_position g))); [lia|reflexivity].
Qed.

(** One Markov move keeps the number of components of the closure. *)
Theorem markov_step_components : forall s t, MarkovStep s t -> is_braid s -> components s = components t.
Proof.
  intros s t H Hs. assert (Ht : is_braid t) by now apply (markov_step_is_braid s t H).
  pose proof (components_spec s Hs) as Cs. pose proof (components_spec t Ht) as Ct.
  destruct Hs as [Hn Hws]. destruct Ht as [Hn' Hwt].
  apply (cycle_count_unique (strands t) (strand_perm (word t)));
    [intros j Hj; now apply strand_perm_lt | apply strand_perm_inj | | exact Ct].
  destruct H as [n w w' H|n w x Hx|n w e Hn0 Hw He]; simpl in *.
  - apply (cycle_count_ext n (strand_perm w)); [|exact Cs]. now apply strand_perm_braid_eq with n.
  - apply (cycle_count_ext n (fun j => strand_perm x (strand_perm w (strand_perm (inv x) j)))).
    + intros j. now rewrite !strand_perm_app.
    + apply cycle_count_conj; [apply strand_perm_inv_l | apply strand_perm_inv_r | | | exact Cs];
        intros j Hj; apply strand_perm_lt; auto. now apply word_on_inv.
  - apply (cycle_count_ext (S n) (fun j => strand_perm w (transposition (n - 1) j))).
    + intros j. rewrite strand_perm_app. simpl. now rewrite letter_position_stabilize.
    + apply cycle_count_stabilize; [exact Hn0 | intros j Hj; now apply strand_perm_lt | now apply strand_perm_fix | exact Cs].
Qed.

(** Markov-equivalent braids have closures with the same number of components. *)
Theorem markov_equiv_components : forall s t, MarkovEquiv s t -> is_braid s -> components s = components t.
Proof.
  intros s t H. induction H as [s t H|s|s t H IH|s t u H1 IH1 _ IH2]; intros Hs.
  - now apply markov_step_components.
  - reflexivity.
  - symmetry. apply IH. now apply (markov_equiv_is_braid _ _ H).
  - rewrite IH1 by exact Hs. apply IH2. now apply (markov_equiv_is_braid s t H1).
Qed.

(** The same, read in the specification: the number of cycles of the permutation. *)
Theorem markov_equiv_cycle_count : forall s t k, MarkovEquiv s t -> is_braid s ->
  CycleCount (strands s) (strand_perm (word s)) k <-> CycleCount (strands t) (strand_perm (word t)) k.
Proof.
  assert (cc : forall s k, is_braid s -> CycleCount (strands s) (strand_perm (word s)) k <-> k = components s).
  { intros s k Hs. split.
    - intros C. apply (cycle_count_unique (strands s) (strand_perm (word s))); auto.
      + intros j Hj. apply strand_perm_lt; [apply Hs | exact Hj].
      + apply strand_perm_inj.
      + now apply components_spec.
    - intros ->. now apply components_spec. }
  intros s t k H Hs. assert (Ht : is_braid t) by now apply (markov_equiv_is_braid s t H).
  rewrite (cc s k Hs), (cc t k Ht). rewrite (markov_equiv_components s t H Hs). reflexivity.
Qed.

Lemma components_trivial : forall k, components (trivial k) = k.
Proof.
  intros k. symmetry. apply (cycle_count_unique k (fun j => j)); auto.
  - exists (seq 0 k). repeat split.
    + apply seq_length.
    + apply seq_NoDup.
    + intros r Hr. apply in_seq in Hr. lia.
    + intros j Hj. exists j. split; [apply in_seq; lia | apply same_cycle_refl].
    + intros r r' _ _ [m <-]. induction m as [|m IH]; simpl; auto.
  - apply (components_cycle_count k []). intros g [].
Qed.

(** An accepted unknot or unlink certificate claims the right number of components: the closure
    of its input braid has [claim c] components (one, for an unknot). *)
Theorem check_unlink_components : forall c, check c = true -> kind c <> Ribbon ->
  components (input c) = claim c.
Proof.
  intros c H Hk. destruct (check_spec_unlink c H Hk) as [Hb Hm].
  rewrite (markov_equiv_components _ _ Hm Hb). apply components_trivial.
Qed.

Corollary check_unknot_components : forall c, check c = true -> kind c = Unknot ->
  components (input c) = 1.
Proof.
  intros c H Hk. destruct (check_spec_unknot c H Hk) as [Hb Hm].
  rewrite (markov_equiv_components _ _ Hm Hb). apply components_trivial.
Qed.

(** What every accepted certificate says about the permutation of its input braid. *)
Theorem check_spec_cycles : forall c, check c = true ->
  CycleCount (strands (input c)) (strand_perm (word (input c)))
             (match kind c with Ribbon => 1 | _ => claim c end).
Proof.
  intros c H. pose proof (valid_is_braid _ (check_input_valid c H)) as Hb.
  destruct (kind c) eqn:Hk.
  - rewrite <- (check_unlink_components c H); [|congruence]. now apply components_spec.
  - rewrite <- (check_unlink_components c H); [|congruence]. now apply components_spec.
  - destruct (check_spec_ribbon c H Hk) as [_ [_ Hc]]. rewrite <- Hc. now apply components_spec.
Qed.

(** ** Examples, computed *)

(** The closure of [σ_1³] (the trefoil) is a knot, that of [σ_1²] (the Hopf link) has two
    components, that of [σ_1 σ_2⁻¹ σ_1 σ_2⁻¹] (the figure-eight knot) is a knot, and that of
    [σ_1 σ_3] on four strands has two. *)
Example components_trefoil : components (mk_state 2 [1; 1; 1]%Z) = 1 := eq_refl.
Example components_hopf : components (mk_state 2 [1; 1]%Z) = 2 := eq_refl.
Example components_figure_eight : components (mk_state 3 [1; -2; 1; -2]%Z) = 1 := eq_refl.
Example components_two_hopf : components (mk_state 4 [1; 3]%Z) = 2 := eq_refl.

Example trefoil_one_cycle : CycleCount 2 (strand_perm [1; 1; 1]%Z) 1.
Proof.
  apply (components_spec (mk_state 2 [1; 1; 1]%Z)).
  split; [simpl; lia|]. intros g Hg. simpl in Hg. unfold gen. intuition (subst; simpl; lia).
Qed.
