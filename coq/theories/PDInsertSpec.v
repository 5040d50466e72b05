(** * KnotCert.PDInsertSpec — the crossing-inserting PD moves, read in the specification

    [PDSpec] proves in general that the checker's removals ([R1Remove], [R2Remove]) and [R3] are
    the Knot Atlas pictures, and states soundness with two hypotheses about the moves that insert
    crossings ([AddRefinement], [WLPreservation]). This file discharges both through the run-time
    witnesses of [PD.v] and restates soundness with no hypothesis left. *)

From Coq Require Import ZArith List Bool Lia.
Require Import KnotCert.PD KnotCert.PDSpec.
Import ListNotations.

(** * Part 6: the insertions, through their run-time witnesses

    [R1Add], [R2Add] and [Band] are accepted by [PD.v] only with a witness checked on the spot
    ([undo_r1], [undo_r2], [keep_labelled]): the result is well-labelled and, for the two
    Reidemeister insertions, removing the inserted crossing(s) gives back the diagram before the
    move, exactly. With [refine_r1_remove] and [refine_r2_remove] this makes every insertion the
    picture of a removal read backwards, so [AddRefinement] and [WLPreservation] hold outright and
    the soundness theorems lose their hypotheses. *)

Lemma labels_twice_WL : forall xs, labels_twice xs = true -> WellLabelled xs.
Proof.
  intros xs H l Hl. unfold labels_twice in H.
  rewrite forallb_forall in H. rewrite <- (slots_from_length xs 1), <- cx_pos_slots.
  destruct (pget l (cx_pos (make_context xs))) as [ss|] eqn:E.
  - simpl. apply Nat.eqb_eq. apply H. eapply pvalues_in. exact E.
  - exfalso. pose proof (cx_pos_slots xs l) as C. rewrite E in C. simpl in C.
    apply occ_pos in Hl. rewrite <- (slots_from_length xs 1), <- C in Hl. simpl in Hl. lia.
Qed.

Lemma crossing_eqb_eq : forall x y, crossing_eqb x y = true -> x = y.
Proof.
  intros [[[a b] c] d] [[[a' b'] c'] d'] H. simpl in H.
  apply andb_true_iff in H as [H H4]. apply andb_true_iff in H as [H H3]. apply andb_true_iff in H as [H1 H2].
  apply Pos.eqb_eq in H1, H2, H3, H4. now subst.
Qed.

Lemma crossings_eqb_eq : forall xs ys, crossings_eqb xs ys = true -> xs = ys.
Proof.
  induction xs as [|x xs IH]; intros [|y ys] H; simpl in H; try discriminate; [reflexivity|].
  apply andb_true_iff in H as [Hx Hr]. f_equal; [now apply crossing_eqb_eq | now apply IH].
Qed.

Lemma pd_state_eqb_eq : forall s t, pd_state_eqb s t = true -> s = t.
Proof.
  intros [xs f] [ys g] H. unfold pd_state_eqb in H. simpl in H. apply andb_true_iff in H as [H1 H2].
  apply crossings_eqb_eq in H1. apply Nat.eqb_eq in H2. now subst.
Qed.

Lemma undo_r1_spec : forall t s u, undo_r1 t s = Some u ->
  u = t /\ WellLabelled (crossings t) /\ apply_pd_move t (R1Remove (length (crossings s))) = Some s.
Proof.
  intros t s u H. unfold undo_r1 in H.
  destruct (nth_error (crossings t) (length (crossings s))) as [x|] eqn:Ex; [|discriminate].
  destruct (labels_twice (crossings t) && is_kink x && pd_state_eqb _ s) eqn:G; [|discriminate].
  injection H as <-. apply andb_true_iff in G as [G Heq]. apply andb_true_iff in G as [Hl Hk].
  split; [reflexivity|]. split; [now apply labels_twice_WL|].
  cbv beta iota zeta delta [apply_pd_move]. rewrite Ex, Hk. f_equal. now apply pd_state_eqb_eq.
Qed.

Lemma undo_r2_spec : forall t s u, undo_r2 t s = Some u ->
  u = t /\ WellLabelled (crossings t) /\
  apply_pd_move t (R2Remove (length (crossings s)) (S (length (crossings s)))) = Some s.
Proof.
  intros t s u H. unfold undo_r2 in H.
  destruct (nth_error (crossings t) (length (crossings s))) as [x|] eqn:Ex; [|discriminate].
  match type of H with (match ?e with Some _ => _ | None => _ end) = Some _ =>
    destruct e as [y|] eqn:Ey; [|discriminate] end.
  destruct (labels_twice (crossings t) && _ && is_bigon x y && pd_state_eqb _ s) eqn:G; [|discriminate].
  injection H as <-. apply andb_true_iff in G as [G Heq]. apply andb_true_iff in G as [G Hb].
  apply andb_true_iff in G as [Hl Hn].
  split; [reflexivity|]. split; [now apply labels_twice_WL|].
  cbv beta iota zeta delta [apply_pd_move]. rewrite Ex, Ey, Hn, Hb. simpl. f_equal. now apply pd_state_eqb_eq.
Qed.

Lemma keep_labelled_spec : forall t u, keep_labelled t = Some u -> u = t /\ WellLabelled (crossings t).
Proof.
  intros t u H. unfold keep_labelled in H. destruct (labels_twice (crossings t)) eqn:G; [|discriminate].
  injection H as <-. split; [reflexivity | now apply labels_twice_WL].
Qed.

(** Open every guard of an accepted branch of [apply_pd_move] up to its last call. *)
Ltac open_pd_guards H :=
  repeat match type of H with
  | (if ?c then _ else _) = Some _ => let G := fresh "G" in destruct c eqn:G; [|discriminate H]
  | (match ?x with Some _ => _ | None => _ end) = Some _ =>
      let E := fresh "E" in destruct x eqn:E; [|discriminate H]
  | (let _ := _ in _) = Some _ => cbv zeta in H
  end.

(** Every [R1Add] and [R2Add] the checker accepts is a specification step (R1 or R2 read backwards). *)
Theorem add_refinement : AddRefinement.
Proof.
  intros s m t W Hm H. destruct m; try contradiction Hm; clear Hm; unfold apply_pd_move in H; open_pd_guards H.
  - destruct (undo_r1_spec _ _ _ H) as [-> [Wt Hr]]. apply spec_r1_inv. exact (refine_r1_remove _ _ _ Wt Hr).
  - destruct (undo_r2_spec _ _ _ H) as [-> [Wt Hr]]. apply spec_r2_inv. exact (refine_r2_remove _ _ _ _ Wt Hr).
Qed.

Theorem wl_preservation_rest : WLPreservationRest.
Proof.
  intros s m t W Hm H. destruct m; try contradiction Hm; clear Hm; unfold apply_pd_move in H; open_pd_guards H.
  - now destruct (undo_r1_spec _ _ _ H) as [-> [Wt _]].
  - now destruct (undo_r2_spec _ _ _ H) as [-> [Wt _]].
  - now destruct (keep_labelled_spec _ _ H) as [-> Wt].
Qed.

Theorem wl_preservation : WLPreservation.
Proof. exact (WLPreservation_reduce wl_preservation_rest). Qed.

(** What an accepted PD certificate proves, with no hypothesis left. *)
Theorem pd_spec_unknot : forall c, check_pd c = true -> pd_kind c = Unknot ->
  SpecEquiv (pd_input c) (pd_trivial 1).
Proof. exact (check_pd_spec_unknot add_refinement wl_preservation). Qed.

Theorem pd_spec_unlink : forall c, check_pd c = true -> pd_kind c <> Ribbon ->
  SpecEquiv (pd_input c) (pd_trivial (pd_claim c)).
Proof. exact (check_pd_spec_unlink add_refinement wl_preservation). Qed.

Theorem pd_spec_ribbon : forall c, check_pd c = true -> pd_kind c = Ribbon ->
  exists f d, SpecRibbonReach (pd_claim c) d (pd_input c) (pd_trivial f) /\ (f + d = S (pd_claim c))%nat
              /\ link_components (pd_input c) = Some 1%nat.
Proof. exact (check_pd_spec_ribbon add_refinement wl_preservation). Qed.

(** Non-vacuity, for every certificate: no accepted unknot certificate starts from a diagram with a
    non-constant Fox [p]-colouring (the trefoil, the figure-eight knot, [5_1], ...). *)
Theorem pd_unknot_no_colouring : forall p c, check_pd c = true -> pd_kind c = Unknot -> ~ NontrivCol p (pd_input c).
Proof. exact (check_pd_unknot_no_colouring add_refinement wl_preservation). Qed.
