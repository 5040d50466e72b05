(** * KnotCert.BraidValid — every move of the braid checker keeps a state valid

    So every state on the way from a checked input (which [check] validates) is a braid on
    [strands] strands. Mirrored by [lean/KnotCert/Valid.lean]. These are facts about the executable
    [apply_move] of [KnotCert.Braid]; [BraidSpec] uses them to read the checker's steps
    in Artin's and Markov's terms. *)

From Coq Require Import ZArith List Bool Lia.
Require Import KnotCert.Braid.
Import ListNotations.

Lemma in_firstn : forall {A} (x : A) i l, In x (firstn i l) -> In x l.
Proof. intros A x i l H. rewrite <- (firstn_skipn i l). apply in_or_app. now left. Qed.

Lemma in_skipn : forall {A} (x : A) i l, In x (skipn i l) -> In x l.
Proof. intros A x i l H. rewrite <- (firstn_skipn i l). apply in_or_app. now right. Qed.

Lemma in_removelast : forall {A} (x : A) l, In x (removelast l) -> In x l.
Proof.
  intros A x l H. destruct l as [|a l]; [contradiction|].
  rewrite (@app_removelast_last A (a :: l) a) by discriminate. apply in_or_app. now left.
Qed.

Lemma valid_iff : forall s,
  valid_state s = true <-> (1 <= strands s)%nat /\ (forall g, In g (word s) -> letter_ok (strands s) g = true).
Proof.
  intros s. unfold valid_state. rewrite andb_true_iff, forallb_forall, Nat.leb_le. reflexivity.
Qed.

Lemma letter_ok_iff : forall n g, letter_ok n g = true <-> (1 <= Z.abs g <= Z.of_nat n - 1)%Z.
Proof. intros n g. unfold letter_ok. rewrite andb_true_iff, !Z.leb_le. reflexivity. Qed.

(** The letters after position [i] when [skipn i w] has a given shape. *)
Lemma in_skipn_cons : forall (x : Z) i w l, skipn i w = l -> In x l -> In x w.
Proof. intros x i w l <- H. exact (in_skipn x i w H). Qed.

Ltac letters :=
  repeat match goal with
  | H : In _ (_ ++ _) |- _ => apply in_app_or in H as [H|H]
  | H : In ?x (_ :: _) |- _ => let E := fresh "E" in destruct H as [E|H]; [try subst x|]
  | H : In _ [] |- _ => contradiction H
  | H : In _ (firstn _ _) |- _ => apply in_firstn in H
  | H : In _ (skipn _ _) |- _ => apply in_skipn in H
  end.

Theorem apply_move_valid : forall s m t,
  valid_state s = true -> apply_move s m = Some t -> valid_state t = true.
Proof.
  intros [n w] m t Hv Hm. apply valid_iff in Hv as [Hn Hw]; simpl in Hn, Hw.
  apply valid_iff.
  destruct m as [i|i g|i|i|k|sgn| |i]; unfold apply_move in Hm; cbn [strands word] in Hm.
  - (* Cancel *)
    destruct (skipn i w) as [|a [|b rest]] eqn:Hs; try discriminate.
    destruct (a + b =? 0)%Z; [|discriminate]. injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; [auto|]. apply Hw, (in_skipn_cons _ i w _ Hs). simpl; auto.
  - (* Insert *)
    destruct ((i <=? length w)%nat && letter_ok n g) eqn:Hc; [|discriminate].
    apply andb_true_iff in Hc as [_ Hg]. injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; auto.
    apply letter_ok_iff in Hg. apply letter_ok_iff. rewrite Z.abs_opp. assumption.
  - (* Commute *)
    destruct (skipn i w) as [|a [|b rest]] eqn:Hs; try discriminate.
    destruct (2 <=? _)%Z; [|discriminate]. injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; auto; apply Hw, (in_skipn_cons _ i w _ Hs); simpl; auto.
  - (* Braid *)
    destruct (skipn i w) as [|a [|b [|c rest]]] eqn:Hs; try discriminate.
    destruct (_ && _ && _); [|discriminate]. injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; auto; apply Hw, (in_skipn_cons _ i w _ Hs); simpl; auto.
  - (* Rotate *)
    destruct (_ && _); [|discriminate]. injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; auto.
  - (* Stabilize *)
    destruct (orb _ _) eqn:Hsg; [|discriminate]. injection Hm as <-. simpl. split; [lia|].
    intros x Hx. letters.
    + specialize (Hw x Hx). apply letter_ok_iff in Hw. apply letter_ok_iff. lia.
    + apply letter_ok_iff. apply orb_true_iff in Hsg as [E|E]; apply Z.eqb_eq in E; subst; lia.
  - (* Destabilize *)
    destruct w as [|a w']; [discriminate|]. cbn beta iota in Hm.
    destruct (_ && _ && _) eqn:Hc; [|discriminate].
    apply andb_true_iff in Hc as [Hc Hnot]. apply andb_true_iff in Hc as [H2 _].
    apply Nat.leb_le in H2.
    rewrite forallb_forall in Hnot.
    injection Hm as <-. cbn [strands word]. split; [lia|].
    intros x Hx. specialize (Hnot x Hx). apply negb_true_iff, Z.eqb_neq in Hnot.
    specialize (Hw x (in_removelast x (a :: w') Hx)). apply letter_ok_iff in Hw. apply letter_ok_iff.
    rewrite Nat2Z.inj_sub by lia. lia.
  - (* Smooth *)
    destruct (skipn i w) as [|a rest] eqn:Hs; [discriminate|].
    injection Hm as <-. simpl. split; [assumption|].
    intros x Hx. letters; [auto|]. apply Hw, (in_skipn_cons _ i w _ Hs). simpl; auto.
Qed.

Lemma Equiv_valid : forall s t, Equiv s t -> valid_state s = true -> valid_state t = true.
Proof.
  intros s t H. induction H as [|s t u [s' m t' _ Hm] _ IH]; [auto|].
  intros Hv. apply IH, (apply_move_valid _ _ _ Hv Hm).
Qed.

Lemma BandReach_valid : forall b s t, BandReach b s t -> valid_state s = true -> valid_state t = true.
Proof.
  intros b s t H. induction H as [|b s t u [s' m t' _ Hm] _ IH|b i s t u Hm _ IH]; [auto| |];
    intros Hv; apply IH; eapply apply_move_valid; eassumption.
Qed.
