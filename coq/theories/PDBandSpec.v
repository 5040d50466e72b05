(** * KnotCert.PDBandSpec — the band move of a ribbon movie, from its picture

    [PDSpec] states the Reidemeister moves as pictures. This file does the same for the oriented band
    move (a saddle; Kauffman, "On knots", 1987, ch. 5; Gukov–Halverson–Manolescu–Ruehle 2023, §2), and
    then states what an accepted ribbon certificate proves with the band given by its picture, not by
    the checker's band function.

    ** The picture

    A *slot* [(i, p)] is position [p] (0..3, counter-clockwise, 0 = incoming under-strand) of crossing
    [i] of the code (crossings counted from 0 in the order listed). [lab xs s] is the label there.

    - *Orientation* ([Orientation xs hd]): [hd s] says that slot [s] is the head end (incoming end) of
      its edge. In the Knot Atlas convention the under-strand enters at position 0 and leaves at 2, and
      the over-strand enters at exactly one of 1, 3; every edge has one head end and one tail end.
    - *Walking along a face* ([Along], [FacePath]): standing at the corner of crossing [i] between
      positions [p] and [p+1], the face boundary leaves along the edge at [(i, p+1)] and arrives at
      the other end [c'] of that edge, at the corner between positions [p'] and [p'+1] of [c'].
      So a list of arrival slots [c1, c2, ..., cn] with each [c(j+1)] reached from [cj] lies on one
      face, and the edge [lab c1] and the edge [lab cn] both border it.
    - *The band* ([SpecBand]): a band [[0,1] x [0,1]] inside that face, attached to the edges [e1]
      (arriving at [c1]) and [e2] (arriving at [cn]), different edges that the face walk traverses in
      the same sense relative to their orientations ([hd c1 = hd cn]; otherwise the band would not be
      orientable-compatible and the surface would not be a ribbon disc). The result replaces the two
      attaching arcs by the band's two long sides: strand A leaves [e1]'s tail and ends at [e2]'s head
      [h2], strand B leaves [e2]'s tail and ends at [e1]'s head [h1]. With [m] full twists the two
      strands cross [2m] times in a row between them (a twist region), all crossings of one sign
      ([pos]: right-handed), the under-strand alternating: A runs through [alpha 0 = e1, alpha 1, ...,
      alpha (2m)], B through [beta (2m) = e2, ..., beta 0]; the new labels are fresh and distinct.
      Untwisted ([m = 0]) the labels at the two heads are simply exchanged.

    A crossing of the twist region in the Knot Atlas convention ([twist_row]): the under-strand's
    incoming label first; a crossing is positive when its over-strand runs from position 3 to
    position 1. Which strand is under at the first crossing is fixed by the side of [e1] the face lies
    on: that choice is the one that keeps the diagram planar (the other one gives a virtual crossing
    pattern; [tests/test_pd_band_spec.py] checks this with the Euler count of faces). *)

From Coq Require Import ZArith List Bool Lia.
Require Import KnotCert.PD KnotCert.PDSpec KnotCert.PDInsertSpec.
Import ListNotations.
Local Open Scope nat_scope.

(** ** Slots by index *)

Definition lab (xs : list crossing) (s : nat * nat) : option label :=
  match nth_error xs (fst s) with
  | Some x => if Nat.ltb (snd s) 4 then Some (get4 x (snd s)) else None
  | None => None
  end.

Definition same_slot (s s' : nat * nat) : bool := Nat.eqb (fst s) (fst s') && Nat.eqb (snd s) (snd s').

(** ** Orientation *)

Definition Orientation (xs : list crossing) (hd : nat * nat -> bool) : Prop :=
  (forall i, i < length xs -> hd (i, 0) = true /\ hd (i, 2) = false /\ hd (i, 1) = negb (hd (i, 3))) /\
  (forall s s' l, lab xs s = Some l -> lab xs s' = Some l -> s <> s' -> hd s = negb (hd s')).

(** ** Faces *)

Definition Along (xs : list crossing) (c c' : nat * nat) : Prop :=
  exists l, lab xs (fst c, add1 (snd c)) = Some l /\ lab xs c' = Some l /\ c' <> (fst c, add1 (snd c)).

Fixpoint FacePath (xs : list crossing) (c : nat * nat) (cs : list (nat * nat)) : Prop :=
  match cs with
  | [] => True
  | c' :: rest => Along xs c c' /\ FacePath xs c' rest
  end.

(** ** The twist region *)

(** The crossing where strand A runs [a0 -> a1] and strand B runs [b1 -> b0]. Its four ends lie
    counter-clockwise as [b1, a1, b0, a0] ([flip = false]) or [b1, a0, b0, a1] ([flip = true]): the
    arrangement is the planar picture of the twist region. The sign [pos] then decides which strand is
    under; the tuple starts at the under-strand's incoming end. *)
Definition twist_row (flip pos : bool) (a0 a1 b0 b1 : label) : crossing :=
  match flip, pos with
  | false, true => (b1, a1, b0, a0)    (* B under; A over from position 3 to 1: positive *)
  | false, false => (a0, b1, a1, b0)   (* A under; B over from position 1 to 3: negative *)
  | true, true => (a0, b0, a1, b1)     (* A under; B over from position 3 to 1: positive *)
  | true, false => (b1, a0, b0, a1)    (* B under; A over from position 1 to 3: negative *)
  end.

(** The new labels of a band with [m] full twists. *)
Definition band_labels (m : nat) (alpha beta : nat -> label) : list label :=
  map alpha (seq 1 (2 * m)) ++ map beta (seq 0 (2 * m)).

(** ** The band move *)

Definition SpecBand (D D' : pd_state) : Prop :=
  exists (hd : nat * nat -> bool) (c1 : nat * nat) (cs : list (nat * nat)) (e1 e2 : label) (h1 h2 : nat * nat)
         (m : nat) (pos : bool) (alpha beta : nat -> label),
    WellLabelled (crossings D) /\ Orientation (crossings D) hd /\
    (* e1 and e2 border one face, walked the same way *)
    FacePath (crossings D) c1 cs /\ lab (crossings D) c1 = Some e1 /\ lab (crossings D) (last cs c1) = Some e2 /\
    e1 <> e2 /\ hd c1 = hd (last cs c1) /\
    (* their head ends *)
    lab (crossings D) h1 = Some e1 /\ hd h1 = true /\ lab (crossings D) h2 = Some e2 /\ hd h2 = true /\
    (* the band's two strands *)
    alpha 0 = e1 /\ beta (2 * m) = e2 /\ NoDup (band_labels m alpha beta) /\
    (forall l, In l (band_labels m alpha beta) -> ~ In l (labels (crossings D))) /\
    (* the result: the old crossings with the heads re-attached, then the twist region *)
    length (crossings D') = length (crossings D) + 2 * m /\
    (forall i p, i < length (crossings D) -> p < 4 ->
       lab (crossings D') (i, p) =
         if same_slot (i, p) h1 then Some (beta 0)
         else if same_slot (i, p) h2 then Some (alpha (2 * m)) else lab (crossings D) (i, p)) /\
    (forall k, 1 <= k <= 2 * m ->
       nth_error (crossings D') (length (crossings D) + k - 1) =
         Some (twist_row (negb (Nat.even (k + (if hd c1 then 1 else 0)))) pos (alpha (k - 1)) (alpha k) (beta (k - 1)) (beta k))) /\
    free D' = free D.

(** * The checker's band is the picture

    [PD.v] accepts a band only when [band_witness] holds; here that check is shown to imply
    [SpecBand]. Nothing below looks at how the checker computed its result. *)

(** The index slot of a key slot. *)
Definition ix (s : slot) : nat * nat := (Pos.to_nat (fst s) - 1, snd s).

Lemma ix_key : forall i p, ix (key_of i, p) = (i, p).
Proof. intros i p. unfold ix, key_of. simpl. rewrite SuccNat2Pos.id_succ. f_equal. lia. Qed.

Lemma ix_inj : forall s s', ix s = ix s' -> s = s'.
Proof.
  intros [k p] [k' p'] H. unfold ix in H. simpl in H. injection H as Hk ->.
  f_equal. apply Pos2Nat.inj. pose proof (Pos2Nat.is_pos k). pose proof (Pos2Nat.is_pos k'). lia.
Qed.

Lemma key_ix : forall s, (key_of (fst (ix s)), snd (ix s)) = s.
Proof. intros [k p]. simpl. now rewrite <- key_of_surj. Qed.

Lemma slot_eqb_same : forall i p h, slot_eqb (key_of i, p) h = same_slot (i, p) (ix h).
Proof.
  intros i p [k q]. unfold slot_eqb, same_slot, ix. simpl. f_equal.
  destruct (Pos.eqb_spec (key_of i) k) as [E|E], (Nat.eqb_spec i (Pos.to_nat k - 1)) as [F|F]; try reflexivity.
  - exfalso. apply F. subst k. unfold key_of. rewrite SuccNat2Pos.id_succ. lia.
  - exfalso. apply E. subst i. symmetry. apply key_of_surj.
Qed.

Lemma real_slot_lab : forall xs s, real_slot (make_context xs) s = true ->
  lab xs (ix s) = Some (slot_label (make_context xs) s).
Proof.
  intros xs [k p] H. unfold real_slot in H. simpl in H.
  destruct (pget k (cx_xs (make_context xs))) as [x|] eqn:E; [|discriminate].
  unfold lab, ix, slot_label. simpl. rewrite E.
  rewrite (key_of_surj k), cx_xs_nth in E. rewrite E, H. reflexivity.
Qed.

Lemma real_slot_add1 : forall cx k p, real_slot cx (k, p) = true -> real_slot cx (k, add1 p) = true.
Proof.
  intros cx k p. unfold real_slot. simpl. destruct (pget k (cx_xs cx)); [|discriminate].
  intros _. apply Nat.ltb_lt. apply add_lt4.
Qed.

Lemma along_spec : forall xs c c', along_b (make_context xs) c c' = true -> Along xs (ix c) (ix c').
Proof.
  intros xs [k p] c' H. unfold along_b in H. simpl in H.
  repeat rewrite andb_true_iff in H. destruct H as [[[Hc Hc'] Hl] Hn].
  exists (slot_label (make_context xs) c'). simpl. split; [|split].
  - change (Pos.to_nat k - 1, add1 p) with (ix (k, add1 p)). rewrite real_slot_lab by (now apply real_slot_add1).
    f_equal. now apply Pos.eqb_eq.
  - now apply real_slot_lab.
  - intros E. change (Pos.to_nat k - 1, add1 p) with (ix (k, add1 p)) in E. apply ix_inj in E.
    subst c'. now rewrite (proj2 (slot_eqb_spec _ _) eq_refl) in Hn.
Qed.

Lemma walk_spec : forall xs cs c, walk_b (make_context xs) c cs = true -> FacePath xs (ix c) (map ix cs).
Proof.
  intros xs cs. induction cs as [|c' cs IH]; intros c H; simpl; [exact I|].
  simpl in H. apply andb_true_iff in H as [H1 H2]. split; [now apply along_spec | now apply IH].
Qed.

Lemma last_map : forall {A B} (f : A -> B) cs c, last (map f cs) (f c) = f (last cs c).
Proof.
  intros A B f cs. induction cs as [|a cs IH]; intros c; [reflexivity|].
  destruct cs as [|b cs]; [reflexivity|]. exact (IH c).
Qed.

(** ** Orientation *)

Lemma in_two : forall (a b x y z : slot), In x [a; b] -> In y [a; b] -> In z [a; b] -> y <> x -> z <> x -> y = z.
Proof. intros a b x y z Hx Hy Hz H1 H2. simpl in *. intuition congruence. Qed.

(** In a well-labelled code, the partner of a slot is the only other slot with its label. *)
Lemma other_end_unique : forall xs i x p j y q, WellLabelled xs -> nth_error xs i = Some x -> p < 4 ->
  nth_error xs j = Some y -> q < 4 -> get4 y q = get4 x p -> (j, q) <> (i, p) ->
  other_end (make_context xs) (key_of i, p) = (key_of j, q).
Proof.
  intros xs i x p j y q W Hx Hp Hy Hq Hl Hne.
  destruct (other_end_spec xs i x p W Hx Hp) as [j' [y' [q' [E [Hy' [Hq' [Hl' Hne']]]]]]].
  rewrite E. set (l := get4 x p).
  assert (Hlen : length (slots_from 1 xs l) = 2).
  { rewrite slots_from_length. apply W. apply nth_error_split in Hx as [l1 [l2 [-> _]]]. rewrite labels_app.
    apply in_or_app. right. destruct x as [[[a b] c] d]. unfold l. simpl.
    destruct p as [|[|[|[|p]]]]; simpl; tauto || lia. }
  assert (Hin : forall n z r, nth_error xs n = Some z -> r < 4 -> get4 z r = l -> In (key_of n, r) (slots_from 1 xs l)).
  { intros n z r Hz Hr Hzl. change 1%positive with (key_of 0). apply slots_from_in. exists n, z.
    repeat split; auto. }
  assert (I1 : In (key_of i, p) (slots_from 1 xs l)) by (now apply (Hin i x)).
  assert (I2 : In (key_of j, q) (slots_from 1 xs l)) by (now apply (Hin j y)).
  assert (I3 : In (key_of j', q') (slots_from 1 xs l)) by (apply (Hin j' y'); auto; unfold l; congruence).
  assert (Hne2 : (key_of j, q) <> (key_of i, p)).
  { intros E'. injection E' as Ej ->. apply key_of_inj in Ej. subst j. now apply Hne. }
  destruct (slots_from 1 xs l) as [|a [|b [|c r]]]; try discriminate.
  symmetry. exact (in_two a b (key_of i, p) _ _ I1 I2 I3 Hne2 Hne').
Qed.

Definition hd_of (cx : context) (o : ptree (slot * slot)) (s : nat * nat) : bool := heads_at cx o (key_of (fst s), snd s).

Lemma xorb_negb : forall a b, xorb a b = true -> a = negb b.
Proof. intros [|] [|]; simpl; congruence. Qed.

Lemma lab_some : forall xs s l, lab xs s = Some l ->
  exists x, nth_error xs (fst s) = Some x /\ snd s < 4 /\ get4 x (snd s) = l.
Proof.
  intros xs [i p] l H. unfold lab in H. simpl in *. destruct (nth_error xs i) as [x|]; [|discriminate].
  destruct (Nat.ltb_spec p 4); [|discriminate]. injection H as <-. now exists x.
Qed.

Lemma oriented_spec : forall xs o, WellLabelled xs -> oriented_by (make_context xs) o = true ->
  Orientation xs (hd_of (make_context xs) o).
Proof.
  intros xs o W H. unfold oriented_by in H. rewrite forallb_forall, cx_n_length in H.
  assert (Hat : forall i, i < length xs -> oriented_at (make_context xs) o (key_of i) = true)
    by (intros i Hi; apply H; apply in_seq; lia).
  split.
  - intros i Hi. specialize (Hat i Hi). unfold oriented_at in Hat. repeat rewrite andb_true_iff in Hat.
    destruct Hat as [[[H0 H2] H13] _]. unfold hd_of. simpl. repeat split.
    + exact H0.
    + now apply negb_true_iff.
    + now apply xorb_negb.
  - intros [i p] [j q] l Hs Hs' Hne.
    destruct (lab_some _ _ _ Hs) as [x [Hx [Hp Hxl]]]. destruct (lab_some _ _ _ Hs') as [y [Hy [Hq Hyl]]].
    simpl in *. assert (Hi : i < length xs) by (apply nth_error_Some; congruence).
    specialize (Hat i Hi). unfold oriented_at in Hat. repeat rewrite andb_true_iff in Hat.
    destruct Hat as [_ Hall]. rewrite forallb_forall in Hall.
    assert (Hp' : In p [0; 1; 2; 3]) by (simpl; lia).
    specialize (Hall p Hp'). rewrite (other_end_unique xs i x p j y q W Hx Hp Hy Hq) in Hall by congruence.
    unfold hd_of. simpl. now apply xorb_negb.
Qed.

(** Validity in the specification's terms: a code the checker validates is well-labelled and
    consistently oriented (the planarity count of [validate_pd] is not restated here). *)
Theorem validate_pd_oriented : forall xs, validate_pd xs = true ->
  WellLabelled xs /\ exists hd, Orientation xs hd.
Proof.
  intros xs H. assert (W : WellLabelled xs) by (now apply validate_pd_WL). split; [exact W|].
  unfold validate_pd in H. apply andb_true_iff in H as [_ H].
  destruct (orientation_of (make_context xs)) as [o|]; [|discriminate].
  exists (hd_of (make_context xs) o). now apply oriented_spec.
Qed.

(** ** Fresh labels *)

Lemma labels_pmem : forall xs l, In l (labels xs) -> pmem l (cx_pos (make_context xs)) = true.
Proof.
  intros xs l Hl. apply occ_pos in Hl. rewrite <- (slots_from_length xs 1), <- cx_pos_slots in Hl.
  unfold pmem. destruct (pget l (cx_pos (make_context xs))); [reflexivity | simpl in Hl; lia].
Qed.

Lemma distinct_b_nodup : forall ls, distinct_b ls = true -> NoDup ls.
Proof.
  induction ls as [|l ls IH]; intros H; [constructor|]. simpl in H. apply andb_true_iff in H as [H1 H2].
  constructor; [|now apply IH]. intros Hin. apply negb_true_iff in H1. rewrite <- not_true_iff_false in H1.
  apply H1. apply existsb_exists. exists l. split; [exact Hin | apply Pos.eqb_refl].
Qed.

Lemma fresh_spec : forall xs ls, fresh_b (make_context xs) ls = true ->
  NoDup ls /\ forall l, In l ls -> ~ In l (labels xs).
Proof.
  intros xs ls H. unfold fresh_b in H. apply andb_true_iff in H as [H1 H2].
  split; [now apply distinct_b_nodup|]. intros l Hl Hin. rewrite forallb_forall in H1.
  specialize (H1 l Hl). rewrite labels_pmem in H1 by exact Hin. discriminate.
Qed.

(** ** The rewritten crossings and the twist region *)

Lemma kept_spec : forall xs ys h1 h2 l1 l2 i p, kept_ok (make_context xs) ys h1 h2 l1 l2 i = true -> p < 4 ->
  lab ys (i, p) = if same_slot (i, p) (ix h1) then Some l1 else if same_slot (i, p) (ix h2) then Some l2 else lab xs (i, p).
Proof.
  intros xs ys h1 h2 l1 l2 i p H Hp. unfold kept_ok in H. rewrite cx_xs_nth in H.
  destruct (nth_error ys i) as [y|] eqn:Ey; [|discriminate]. destruct (nth_error xs i) as [x|] eqn:Ex; [|discriminate].
  rewrite forallb_forall in H. assert (Hp' : In p [0; 1; 2; 3]) by (simpl; lia). specialize (H p Hp').
  apply Pos.eqb_eq in H. unfold lab. simpl. rewrite Ey, Ex. apply Nat.ltb_lt in Hp. rewrite Hp.
  rewrite !slot_eqb_same in H. rewrite H. destruct (same_slot (i, p) (ix h1)); [reflexivity|].
  destruct (same_slot (i, p) (ix h2)); reflexivity.
Qed.

Lemma twist_crossing_row : forall k side t alpha beta,
  twist_crossing k side t alpha beta =
    twist_row (negb (Nat.even (k + side))) (0 <? t)%Z (alpha (k - 1)) (alpha k) (beta (k - 1)) (beta k).
Proof. intros. unfold twist_crossing, twist_row. destruct (Nat.even (k + side)), (0 <? t)%Z; reflexivity. Qed.

Ltac split_ands H :=
  repeat match type of H with
  | (_ && _) = true => let H' := fresh "B" in apply andb_true_iff in H; destruct H as [H H']
  end.

(** The run-time check of [PD.v] is the picture. *)
Theorem band_witness_spec : forall xs f o face e1 e2 side t m alpha beta ys,
  WellLabelled xs -> side <= 1 ->
  band_witness (make_context xs) o face e1 e2 side t m alpha beta ys = true ->
  SpecBand (mk_pd xs f) (mk_pd ys f).
Proof.
  intros xs f o face e1 e2 side t m alpha beta ys W Hs H. unfold band_witness in H. cbv zeta in H.
  set (cx := make_context xs) in *.
  set (f1 := match face with c :: _ => c | [] => (xH, 0) end) in *.
  set (f2 := if Nat.eqb side 0 then tail_of o e2 else head_of o e2) in *.
  set (path := upto f2 (tl face)) in *.
  split_ands H.
  repeat match goal with
  | B : Pos.eqb _ _ = true |- _ => apply Pos.eqb_eq in B
  | B : Nat.eqb _ _ = true |- _ => apply Nat.eqb_eq in B
  | B : Bool.eqb _ _ = true |- _ => apply eqb_prop in B
  | B : slot_eqb _ _ = true |- _ => apply slot_eqb_spec in B
  | B : negb _ = true |- _ => apply negb_true_iff in B
  end.
  (* the hypotheses, by name *)
  match goal with B : oriented_by _ _ = true |- _ => rename B into Hor end.
  match goal with B : walk_b _ _ _ = true |- _ => rename B into Hwalk end.
  match goal with B : last _ _ = _ |- _ => rename B into Hlast end.
  match goal with B : fresh_b _ _ = true |- _ => rename B into Hfresh end.
  match goal with B : forallb (kept_ok _ _ _ _ _ _) _ = true |- _ => rename B into Hkept end.
  match goal with B : forallb _ (seq 1 _) = true |- _ => rename B into Htw end.
  assert (Hreal : forall s, real_slot cx s = true -> lab xs (ix s) = Some (slot_label cx s))
    by (intros s; apply real_slot_lab).
  assert (Hhd : forall s, hd_of cx o (ix s) = heads_at cx o s) by (intros s; unfold hd_of; now rewrite key_ix).
  destruct (fresh_spec xs _ Hfresh) as [Hnd Hnew].
  match goal with B : real_slot cx f1 = true |- _ => rename B into Hr1 end.
  match goal with B : real_slot cx f2 = true |- _ => rename B into Hr2 end.
  assert (Ho : Orientation xs (hd_of cx o)) by (now apply oriented_spec).
  assert (Hp : FacePath xs (ix f1) (map ix path)) by (now apply walk_spec).
  assert (Hl1 : lab xs (ix f1) = Some e1) by (rewrite Hreal by assumption; congruence).
  assert (Hl2 : lab xs (last (map ix path) (ix f1)) = Some e2) by (rewrite last_map, Hlast, Hreal by assumption; congruence).
  assert (Hne : e1 <> e2) by (apply Pos.eqb_neq; assumption).
  assert (Hco : hd_of cx o (ix f1) = hd_of cx o (last (map ix path) (ix f1))) by (rewrite last_map, Hlast, !Hhd; assumption).
  assert (Hh1 : lab xs (ix (head_of o e1)) = Some e1) by (rewrite Hreal by assumption; congruence).
  assert (Hh1' : hd_of cx o (ix (head_of o e1)) = true) by (rewrite Hhd; assumption).
  assert (Hh2 : lab xs (ix (head_of o e2)) = Some e2) by (rewrite Hreal by assumption; congruence).
  assert (Hh2' : hd_of cx o (ix (head_of o e2)) = true) by (rewrite Hhd; assumption).
  assert (Hlen : length ys = length xs + 2 * m) by (subst cx; rewrite cx_n_length in *; assumption).
  assert (Hk : forall i p, i < length xs -> p < 4 ->
            lab ys (i, p) = if same_slot (i, p) (ix (head_of o e1)) then Some (beta 0)
                            else if same_slot (i, p) (ix (head_of o e2)) then Some (alpha (2 * m)) else lab xs (i, p)).
  { intros i p Hi Hp'. rewrite forallb_forall in Hkept. apply kept_spec; [|exact Hp'].
    apply Hkept. apply in_seq. subst cx. rewrite cx_n_length. lia. }
  assert (Ht : forall k, 1 <= k <= 2 * m ->
            nth_error ys (length xs + k - 1) =
              Some (twist_row (negb (Nat.even (k + (if hd_of cx o (ix f1) then 1 else 0)))) (0 <? t)%Z
                              (alpha (k - 1)) (alpha k) (beta (k - 1)) (beta k))).
  { intros k Hkm. rewrite forallb_forall in Htw. assert (Hk' : In k (seq 1 (2 * m))) by (apply in_seq; lia).
    specialize (Htw k Hk'). subst cx. rewrite cx_n_length in Htw.
    destruct (nth_error ys (length xs + k - 1)) as [y|]; [|discriminate].
    apply crossing_eqb_eq in Htw. rewrite Htw, twist_crossing_row, Hhd. f_equal. f_equal. f_equal. f_equal.
    match goal with B : heads_at _ _ f1 = Nat.eqb side 1 |- _ => rewrite B end.
    destruct side as [|[|]]; simpl; lia || reflexivity. }
  exists (hd_of cx o), (ix f1), (map ix path), e1, e2, (ix (head_of o e1)), (ix (head_of o e2)), m, (0 <? t)%Z,
    alpha, beta.
  simpl crossings. simpl free.
  repeat (split; [eassumption|]). reflexivity.
Qed.

(** Every band the checker accepts is the picture. *)
Theorem refine_band : forall s e1 e2 side t u, WellLabelled (crossings s) ->
  apply_pd_move s (Band e1 e2 side t) = Some u -> SpecBand s u.
Proof.
  intros [xs f] e1 e2 side t u W H. unfold apply_pd_move in H. simpl crossings in *. simpl free in *.
  open_pd_guards H.
  destruct (keep_labelled_spec _ _ H) as [-> _].
  eapply band_witness_spec; [exact W | | eassumption].
  repeat match goal with G : (_ && _) = true |- _ => apply andb_true_iff in G; destruct G end.
  match goal with G : side_ok side = true |- _ => apply Nat.leb_le in G; exact G end.
Qed.

(** * What an accepted ribbon certificate proves *)

(** [SpecRibbonMovie b d D D']: a movie of specification isotopies ([SpecStep]), exactly [b] band
    moves given by their picture ([SpecBand]) and [d] deaths of free unknots ([SpecDeath]). Read
    backwards from a crossing-free unlink of [b + 1] components, it builds the knot from [b + 1]
    discs and [b] bands: a ribbon disc. *)
Inductive SpecRibbonMovie : nat -> nat -> pd_state -> pd_state -> Prop :=
| movie_refl : forall D, SpecRibbonMovie 0 0 D D
| movie_step : forall b d D D' D'', SpecStep D D' -> SpecRibbonMovie b d D' D'' -> SpecRibbonMovie b d D D''
| movie_band : forall b d D D' D'', SpecBand D D' -> SpecRibbonMovie b d D' D'' -> SpecRibbonMovie (S b) d D D''
| movie_death : forall b d D D' D'', SpecDeath D D' -> SpecRibbonMovie b d D' D'' -> SpecRibbonMovie b (S d) D D''.

Lemma PDRibbonReach_movie : forall b d s t, PDRibbonReach b d s t -> WellLabelled (crossings s) ->
  SpecRibbonMovie b d s t.
Proof.
  intros b d s t H. induction H as [s|b d s t u Hst H IH|b d e1 e2 side tw s t u Hb H IH|b d s t u Hd H IH];
    intros W.
  - constructor.
  - destruct Hst as [s m t Hi Hm]. apply movie_step with t; [now apply (refine_isotopy add_refinement) with m|].
    apply IH. now apply wl_preservation with s m.
  - apply movie_band with t; [now apply refine_band with e1 e2 side tw|].
    apply IH. now apply wl_preservation with s (Band e1 e2 side tw).
  - apply movie_death with t.
    + simpl in Hd. destruct (free s) as [|f'] eqn:Ef; [discriminate|]. injection Hd as <-. simpl. split; [reflexivity|exact Ef].
    + apply IH. now apply wl_preservation with s RemoveFree.
Qed.

(** An accepted ribbon certificate: the input knot diagram (one component) reaches a crossing-free
    diagram of [f] free unknots by isotopies, exactly [pd_claim c] bands given by their picture and [d]
    deaths, with [f + d = pd_claim c + 1]; so (reading the movie backwards) the knot bounds a ribbon
    disc made of [pd_claim c + 1] discs and [pd_claim c] bands. *)
Theorem pd_ribbon_movie : forall c, check_pd c = true -> pd_kind c = Ribbon ->
  exists f d, SpecRibbonMovie (pd_claim c) d (pd_input c) (pd_trivial f) /\ (f + d = S (pd_claim c))%nat
              /\ link_components (pd_input c) = Some 1%nat.
Proof.
  intros c H Hk. destruct (check_pd_sound_ribbon c H Hk) as [f [d [Hr [Hfd Hl]]]].
  exists f, d. split; [|split; assumption]. apply PDRibbonReach_movie; [exact Hr|].
  apply validate_pd_WL. now apply check_pd_input_valid.
Qed.

(** * Bands computed in the kernel

    The checker's bands on the standard diagram of [6_1], for every pair of edges, both sides and
    0, +1, -1 full twists: exactly the orientable-compatible ones (an edge pair on one face, walked
    the same way) are accepted, 28 for each twist number; the Python checker gives the same count
    ([tests/test_pd_band_spec.py]). A band function that writes its result anywhere but the picture is
    rejected by the witness, and this example then fails to compile. *)
Definition knot_6_1 : pd_state :=
  mk_pd [(1, 7, 2, 6); (3, 10, 4, 11); (5, 3, 6, 2); (7, 1, 8, 12); (9, 4, 10, 5); (11, 9, 12, 8)]%positive 0.

Definition band_choices : list (label * label * nat) :=
  flat_map (fun a => flat_map (fun b => [(Pos.of_nat a, Pos.of_nat b, 0); (Pos.of_nat a, Pos.of_nat b, 1)]) (seq 1 12))
           (seq 1 12).

Definition accepted_bands (D : pd_state) (t : Z) : nat :=
  length (filter (fun c => match apply_pd_move D (Band (fst (fst c)) (snd (fst c)) (snd c) t) with
                           | Some _ => true
                           | None => false
                           end) band_choices).

Example bands_of_6_1 : map (accepted_bands knot_6_1) [0; 1; -1]%Z = [28; 28; 28].
Proof. vm_compute. reflexivity. Qed.

(** * One component, from the picture

    Following a strand straight through a crossing [X[a,b,c,d]] joins [a] to [c] and [b] to [d]. A
    diagram is a knot when these joins connect every edge into one strand and there is no free circle
    besides (or the diagram is a single free circle). In colouring terms (Fox's condition for [p = 2]:
    [b = d] and [2b = a + c], i.e. [a = c] mod 2) a knot has no non-constant mod-2 colouring, and a
    diagram of two or more components has one (colour one component 1, the rest 0). So [SpecKnot] is
    the statement "one component" in the specification's own terms, and being a knot is invariant
    under every specification isotopy ([spec_equiv_knot], from [spec_equiv_col]). *)
Definition SpecKnot (D : pd_state) : Prop := ~ NontrivCol 2 D.

Theorem spec_equiv_knot : forall D D', SpecEquiv D D' -> (SpecKnot D <-> SpecKnot D').
Proof. intros D D' H. unfold SpecKnot. now rewrite (spec_equiv_col 2 D D' H). Qed.

(** The labels joined to [l0] by the pairs [ps], grown pass by pass ([k] passes). *)
Definition grow (ps : list (label * label)) (r : ptree unit) : ptree unit :=
  fold_left (fun r pr => if pmem (fst pr) r then pset (snd pr) tt r
                         else if pmem (snd pr) r then pset (fst pr) tt r else r) ps r.

Fixpoint reach (k : nat) (ps : list (label * label)) (r : ptree unit) : ptree unit :=
  match k with O => r | S k' => reach k' ps (grow ps r) end.

(** Every edge on one strand (joined to the first by the straight-through joins), no free circle
    besides; or one free circle alone. *)
Definition strands_connected (D : pd_state) : bool :=
  let ps := flat_map upairs (crossings D) in
  match labels (crossings D) with
  | [] => Nat.eqb (free D) 1
  | l0 :: rest =>
      let r := reach (length ps) ps (pset l0 tt PLeaf) in
      Nat.eqb (free D) 0 && forallb (fun l => pmem l r) rest
  end.

Lemma xcol_2_strands : forall col x a b, xcol 2 col x -> In (a, b) (upairs x) -> cong 2 (col a) (col b).
Proof.
  intros col [[[a' b'] c'] d'] a b [Hbd Hac] Hin. simpl in Hin.
  destruct Hin as [E | [E | []]]; injection E as <- <-; [|exact Hbd].
  unfold cong in *. destruct Hac as [k Hk]. exists (col b' - k - col c')%Z. lia.
Qed.

Lemma grow_eqv : forall ps l0 qs r, (forall a b, In (a, b) qs -> In (a, b) ps) ->
  (forall z, pmem z r = true -> Eqv ps z l0) ->
  forall z, pmem z (fold_left (fun r pr => if pmem (fst pr) r then pset (snd pr) tt r
                                else if pmem (snd pr) r then pset (fst pr) tt r else r) qs r) = true -> Eqv ps z l0.
Proof.
  intros ps l0 qs. induction qs as [|[a b] qs IH]; intros r Hq Hr; [exact Hr|].
  simpl. apply IH; [intros x y H; apply Hq; now right|].
  assert (Hab : In (a, b) ps) by (apply Hq; now left).
  intros z Hz. simpl in Hz. destruct (pmem a r) eqn:Ea.
  - rewrite pmem_pset in Hz. apply orb_true_iff in Hz as [Hz|Hz]; [|now apply Hr].
    apply Pos.eqb_eq in Hz. subst z. apply eqv_trans with a; [apply eqv_sym; now apply eqv_base | now apply Hr].
  - destruct (pmem b r) eqn:Eb; [|now apply Hr].
    rewrite pmem_pset in Hz. apply orb_true_iff in Hz as [Hz|Hz]; [|now apply Hr].
    apply Pos.eqb_eq in Hz. subst z. apply eqv_trans with b; [now apply eqv_base | now apply Hr].
Qed.

Lemma reach_eqv : forall ps l0 k r, (forall z, pmem z r = true -> Eqv ps z l0) ->
  forall z, pmem z (reach k ps r) = true -> Eqv ps z l0.
Proof.
  intros ps l0 k. induction k as [|k IH]; intros r Hr; [exact Hr|].
  simpl. apply IH. apply grow_eqv; [tauto | exact Hr].
Qed.

Theorem strands_connected_knot : forall D, strands_connected D = true -> SpecKnot D.
Proof.
  intros [xs f] H [col [fc [Hc Hn]]]. unfold strands_connected in H. simpl in H.
  destruct (labels xs) as [|l0 rest] eqn:El.
  - apply Nat.eqb_eq in H. subst f. apply Hn. exists (fc 0%nat). split.
    + intros l Hl. simpl in Hl. rewrite El in Hl. destruct Hl.
    + intros k Hk. simpl in Hk. replace k with 0%nat by lia. apply cong_refl.
  - apply andb_true_iff in H as [Hf Hall]. apply Nat.eqb_eq in Hf. subst f. apply Hn.
    exists (col l0). split; [|intros k Hk; simpl in Hk; lia].
    intros l Hl. simpl in Hl. rewrite El in Hl.
    apply (Eqv_cong 2 col (flat_map upairs xs)).
    + intros a b Hab. apply in_flat_map in Hab as [x [Hx Hab]]. exact (xcol_2_strands col x a b (Hc x Hx) Hab).
    + destruct Hl as [<- | Hl]; [apply eqv_refl|].
      rewrite forallb_forall in Hall. apply (reach_eqv _ l0 (length (flat_map upairs xs)) (pset l0 tt PLeaf)).
      * intros z Hz. rewrite pmem_pset in Hz. unfold pmem in Hz. rewrite pget_leaf, orb_false_r in Hz.
        apply Pos.eqb_eq in Hz. subst z. apply eqv_refl.
      * now apply Hall.
Qed.

(** The input of every accepted ribbon certificate whose strands are connected is a knot in the
    specification's sense (checked by [vm_compute] in each exported certificate). *)
Example six_one_is_a_knot : SpecKnot knot_6_1.
Proof. apply strands_connected_knot. vm_compute. reflexivity. Qed.
