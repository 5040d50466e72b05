(** * KnotCert.UnknottingSpec — what an unknotting certificate proves, in the words of the pictures

    [KnotCert.Unknotting] is the executable checker; its relation [UReach] is a closure of
    [apply_pd_move] and [crossing_change] themselves. This file states a crossing change as a local
    rewrite of PD codes drawn from the picture, WITHOUT calling any function of [Unknotting.v] or
    [PD.v] ([crossing_change], [switch_crossing], the orientation map, ...), and proves that every
    step the checker accepts is a step of the specification: the Reidemeister moves through
    [PDSpec]/[PDInsertSpec] ([refine_isotopy], [add_refinement], [wl_preservation]), the crossing
    changes through [refine_crossing_change] below.

    ** The picture (Rolfsen, Knots and Links, §3.B; Adams, The Knot Book, §3.1)

    A crossing [X[a,b,c,d]] of a PD code (Knot Atlas convention, as in [PDSpec]): the four edges
    [a], [b], [c], [d] met counter-clockwise around the crossing, the under-strand [a — c] at the
    even positions 0 and 2, the over-strand [b — d] at the odd positions 1 and 3. A crossing change
    keeps the plane curve (the same four edges in the same counter-clockwise order) and exchanges
    which strand is on top: afterwards [b — d] is the under-strand, so it sits at the even
    positions, and the crossing reads [X[d,a,b,c]] or [X[b,c,d,a]] (the same picture read from the
    other end of [b — d]). Nothing else changes:

      [D = E ⊎ {X[a,b,c,d]}] and [D' = E ⊎ {X[d,a,b,c]}] (or [E ⊎ {X[b,c,d,a]}]), with the same free
      unknots.

    ** The theorem

    [SpecUnknotting k D D']: [D'] is reached from [D] by isotopies ([SpecStep]: Reidemeister moves
    in both directions and relabelling, [PDSpec]) and exactly [k] crossing changes. The unknotting
    number [u(K)] is the least [k] with [SpecUnknotting k D (pd_trivial 1)] over diagrams [D] of [K]
    (Wendt 1937); by Reidemeister's theorem (Reidemeister 1927, Alexander–Briggs 1927) the isotopy
    steps do not change the knot type. [unknotting_spec_sound] says that an accepted certificate
    gives [SpecUnknotting (u_claim c) (u_input c) (pd_trivial 1)], i.e. [u(input) <= u_claim c].

    Non-vacuity: with no crossing change the relation is [SpecEquiv] ([spec_unknotting_zero]), so by
    [PDSpec]'s Fox colourings no certificate with claim 0 is accepted for the trefoil
    ([no_zero_change_certificate_for_trefoil]). *)

From Coq Require Import ZArith List Bool Lia Permutation.
Require Import KnotCert.PD KnotCert.PDSpec KnotCert.PDInsertSpec KnotCert.Unknotting.
Import ListNotations.

(** ** The specification *)

(** A crossing change as a local rewrite: [D = E ⊎ {(a, b, c, d)}], [D' = E ⊎ {(d, a, b, c)}] or
    [D' = E ⊎ {(b, c, d, a)}]: the strand [b — d] moves from the odd (over) to the even (under)
    positions, the cyclic order of the four edges is kept, nothing else changes. *)
Definition SpecCrossingChange (D D' : pd_state) : Prop :=
  exists a b c d E,
    WellLabelled (crossings D) /\
    Permutation (crossings D) ((a, b, c, d) :: E) /\
    (Permutation (crossings D') ((d, a, b, c) :: E) \/ Permutation (crossings D') ((b, c, d, a) :: E)) /\
    free D' = free D.

(** Isotopies and exactly [k] crossing changes. *)
Inductive SpecUnknotting : nat -> pd_state -> pd_state -> Prop :=
| spec_u_refl : forall D, SpecUnknotting 0 D D
| spec_u_step : forall k D D' D'', SpecStep D D' -> SpecUnknotting k D' D'' -> SpecUnknotting k D D''
| spec_u_change : forall k D D' D'', SpecCrossingChange D D' -> SpecUnknotting k D' D'' ->
    SpecUnknotting (S k) D D''.

(** ** Crossing changes keep codes well-labelled *)

Lemma xlabels_switch_perm : forall a b c d,
  Permutation (xlabels (a, b, c, d)) (xlabels (d, a, b, c)) /\
  Permutation (xlabels (a, b, c, d)) (xlabels (b, c, d, a)).
Proof.
  intros a b c d. simpl. split.
  - change [d; a; b; c] with ([d] ++ [a; b; c]). change [a; b; c; d] with ([a; b; c] ++ [d]).
    apply Permutation_app_comm.
  - change [b; c; d; a] with ([b; c; d] ++ [a]). change [a; b; c; d] with ([a] ++ [b; c; d]).
    apply Permutation_app_comm.
Qed.

Lemma WL_swap_head : forall x y E, Permutation (xlabels x) (xlabels y) ->
  WellLabelled (x :: E) -> WellLabelled (y :: E).
Proof.
  intros x y E Hp W l Hl.
  assert (HL : Permutation (labels (x :: E)) (labels (y :: E))).
  { unfold labels. simpl. now apply Permutation_app_tail. }
  unfold occ. rewrite <- (proj1 (Permutation_count_occ Pos.eq_dec _ _) HL l).
  apply W. exact (Permutation_in _ (Permutation_sym HL) Hl).
Qed.

Theorem WL_crossing_change : forall D D', SpecCrossingChange D D' -> WellLabelled (crossings D').
Proof.
  intros D D' [a [b [c [d [E [W [Hp [Hp' _]]]]]]]].
  pose proof (WL_perm _ _ Hp W) as W1. destruct (xlabels_switch_perm a b c d) as [P1 P2].
  destruct Hp' as [Hp' | Hp']; apply WL_perm with (1 := Permutation_sym Hp').
  - exact (WL_swap_head _ _ E P1 W1).
  - exact (WL_swap_head _ _ E P2 W1).
Qed.

(** ** Refinement: the checker's crossing change is the picture *)

Lemma nth_error_firstn_skipn : forall {A} (xs : list A) i x,
  nth_error xs i = Some x -> xs = firstn i xs ++ x :: skipn (S i) xs.
Proof.
  intros A xs. induction xs as [|y xs IH]; intros [|i] x H; simpl in *; try discriminate.
  - injection H as ->. reflexivity.
  - f_equal. now apply IH.
Qed.

Theorem refine_crossing_change : forall s i t, WellLabelled (crossings s) ->
  crossing_change s i = Some t -> SpecCrossingChange s t.
Proof.
  intros [xs f] i t W H. unfold crossing_change in H. simpl in H, W.
  destruct (nth_error xs i) as [x|] eqn:Hx; [|discriminate].
  destruct (orientation_of (make_context xs)) as [o|]; [|discriminate].
  injection H as <-. destruct x as [[[a b] c] d].
  pose proof (nth_error_firstn_skipn xs i _ Hx) as Hs.
  exists a, b, c, d, (firstn i xs ++ skipn (S i) xs). simpl.
  split; [exact W|]. split.
  { rewrite Hs at 1. apply Permutation_sym, Permutation_middle. }
  split; [|reflexivity].
  unfold switch_crossing. destruct (slot_eqb _ _); [left | right]; apply Permutation_sym, Permutation_middle.
Qed.

(** ** Soundness *)

Lemma UReach_spec : forall k s t, UReach k s t -> WellLabelled (crossings s) -> SpecUnknotting k s t.
Proof.
  intros k s t H. induction H as [s|k s t u Hst H IH|k i s t u Hc H IH]; intros W.
  - constructor.
  - destruct Hst as [s m t Hi Hm]. apply spec_u_step with t.
    + exact (refine_isotopy add_refinement s m t W Hi Hm).
    + apply IH. exact (wl_preservation s m t W Hm).
  - pose proof (refine_crossing_change s i t W Hc) as Hs. apply spec_u_change with t; [exact Hs|].
    apply IH. exact (WL_crossing_change _ _ Hs).
Qed.

(** What an accepted unknotting certificate proves: isotopies and exactly [u_claim c] crossing
    changes take the input diagram to the one-component crossing-free diagram. By Reidemeister's
    theorem, [u(input) <= u_claim c]. *)
Theorem unknotting_spec_sound : forall c, check_unknotting c = true ->
  SpecUnknotting (u_claim c) (u_input c) (pd_trivial 1).
Proof.
  intros c H. apply UReach_spec; [now apply check_unknotting_sound|].
  apply validate_pd_WL. now apply check_unknotting_input_valid.
Qed.

(** ** Non-vacuity *)

(** With no crossing change, the chain is an isotopy. *)
Theorem spec_unknotting_zero : forall k D D', SpecUnknotting k D D' -> k = 0%nat -> SpecEquiv D D'.
Proof.
  intros k D D' H. induction H as [D|k D D' D'' Hs H IH|k D D' D'' Hc H IH]; intros Hk.
  - constructor.
  - apply spec_equiv_step with D'; [exact Hs | now apply IH].
  - discriminate.
Qed.

(** An unknotting certificate with claim 0 would prove the trefoil trivial: none is accepted. *)
Corollary no_zero_change_certificate_for_trefoil : forall c,
  u_input c = trefoil -> u_claim c = 0%nat -> check_unknotting c = false.
Proof.
  intros c Hi Hk. destruct (check_unknotting c) eqn:H; [|reflexivity]. exfalso.
  apply trefoil_not_unknot. rewrite <- Hi.
  apply (spec_unknotting_zero (u_claim c)); [now apply unknotting_spec_sound | exact Hk].
Qed.

