(** * KnotCert.PDSpec — what a planar-diagram certificate proves, in the words of the pictures

    [KnotCert.PD] is the executable checker; its relations [PDEquiv] and [PDRibbonReach] are closures
    of [apply_pd_move] itself, so they say nothing about knots on their own. This file states the
    Reidemeister moves (Reidemeister 1927; Alexander–Briggs 1927) and the band and death moves of a
    ribbon movie as rewrites of PD codes drawn from the pictures, WITHOUT calling any move function
    of [PD.v] ([apply_pd_move], [straighten], [is_kink], [is_bigon], [is_triangle], [r1_crossing],
    [r2_crossings], [r3_changes], the face tracer, ...), and proves that the checker only takes
    steps of this specification.

    ** Conventions (Knot Atlas, "Planar Diagrams"; SnapPy/spherogram, KnotInfo)

    A crossing [X[a,b,c,d]] lists the four edge labels met when going counter-clockwise around the
    crossing, starting from the incoming under-strand: the under-strand runs [a -> c] (positions 0
    and 2), the over-strand occupies positions 1 and 3. A PD code is a multiset of crossings in
    which every label occurs exactly twice ([WellLabelled]); crossing-free split unknotted circles,
    which a PD code cannot show, are counted by [free]. Two PD codes that differ by the order of the
    crossings ([Permutation]) or by a bijective renaming of the labels ([PDIso]) are the same
    diagram.

    To write a local picture we look at a crossing "from one of its corners": [rot k w x y z] is
    the crossing whose positions [k], [k+1], [k+2], [k+3] (mod 4) carry [w], [x], [y], [z]. So [w]
    and [x] are the two edges bounding the corner [k] (the angle between positions [k] and [k+1]),
    [y] continues the strand of [w] straight through the crossing and [z] continues the strand of
    [x]. A strand is *over* at a crossing when it sits at an odd position ([over_at]).

    ** The moves (each stated for a [WellLabelled] code, the one with more crossings)

    - [SpecR1] (Reidemeister I, the curl): a crossing [rot k l l i o]: the edge [l] leaves the
      crossing and comes straight back into the next position — a loop bounding a monogon. The strand
      [i — (crossing) — l — (crossing) — o] is straightened: [i] and [o] become one edge; if [i = o]
      the whole component was the curl and becomes a free unknot.
    - [SpecR2] (Reidemeister II, the bigon): two crossings [rot k g e x2 x3] and [rot m e g y2 y3]
      sharing the two edges [e] and [g], which bound a bigon face (corner [k] of the first, corner [m]
      of the second); the strand through [e] ([x3 — e — y2]) is over at both crossings or under at
      both, hence (the positions of [e] and [g] at each crossing differ by one) the strand through [g]
      ([x2 — g — y3]) is the other way round at both. The strands are pulled apart: [x3], [y2] become
      one edge, and [x2], [y3] another, closed strands becoming free unknots.
    - [SpecR3] (Reidemeister III, the triangle): three crossings whose corners [k1], [k2], [k3] bound a
      triangle with edges [l1] (from the first to the second crossing), [l2], [l3]; one triangle edge
      lies on a strand over at both its crossings and one on a strand under at both (the third strand
      is over at one, under at the other). After the move the third crossing's strand-pair has been
      passed: each strand meets its two crossings in the reverse order, the triangle sits at the
      opposite corner ([k+2]) of each crossing, every crossing keeps its over/under pattern, and the
      outer edges keep their strands.
    - [SpecDeath]: remove one free unknot (cap it with a disc).
    - [SpecBand] (oriented band move, a saddle): see below.

    In every move "the two ends of a strand become one edge" is the substitution of the larger
    label by the smaller one ([join]); any other naming is the same diagram by [PDIso].

    ** Non-vacuity (Fox 1962, "A quick trip through knot theory"; Przytycki 1998)

    A Fox [p]-colouring gives every edge a residue mod [p] such that at each crossing
    [X[a,b,c,d]] the over-strand has one colour ([b = d]) and [2·over = under_in + under_out]. We
    prove, for the general moves, that every [SpecStep] preserves the existence of a non-trivial
    (non-constant) [p]-colouring, for every [p]. The one-component unknot has none, the trefoil has a
    3-colouring, the figure-eight knot and [5_1] have 5-colourings, so no accepted certificate can
    claim that one of them is the unknot. *)

From Coq Require Import ZArith List Bool Lia Permutation.
From KnotCert Require Import PD.
Import ListNotations.

(** ** Labels and well-labelled codes *)

Definition xlabels (x : crossing) : list label := match x with (a, b, c, d) => [a; b; c; d] end.
Definition labels (xs : list crossing) : list label := flat_map xlabels xs.

(** The number of occurrences of a label in a code. *)
Definition occ (l : label) (xs : list crossing) : nat := count_occ Pos.eq_dec (labels xs) l.

(** A PD code: every label that occurs, occurs exactly twice (the two ends of an edge). *)
Definition WellLabelled (xs : list crossing) : Prop := forall l, In l (labels xs) -> occ l xs = 2.

(** The crossing seen from its corner [k]: positions [k], [k+1], [k+2], [k+3] carry [w], [x], [y], [z]. *)
Definition rot (k : nat) (w x y z : label) : crossing :=
  match k with 0 => (w, x, y, z) | 1 => (z, w, x, y) | 2 => (y, z, w, x) | _ => (x, y, z, w) end.

(** Positions 1 and 3 hold the over-strand. *)
Definition over_at (p : nat) : bool := Nat.odd p.

(** ** Renaming labels *)

Definition rn (r : label -> label) (x : crossing) : crossing :=
  match x with (a, b, c, d) => (r a, r b, r c, r d) end.

(** Replace [u] by [v]. *)
Definition subst (u v : label) (z : label) : label := if Pos.eqb z u then v else z.

(** The renaming that makes the strand ends [u], [v] one edge (named by the smaller label). *)
Definition join_map (u v : label) : label -> label :=
  if Pos.eqb u v then (fun z => z) else subst (Pos.max u v) (Pos.min u v).

(** The two ends [u], [v] of a strand that has lost its crossings become one edge; when they are
    the same edge, the strand was a closed circle and becomes a free unknot. *)
Definition join (u v : label) (D : pd_state) : pd_state :=
  if Pos.eqb u v then mk_pd (crossings D) (S (free D))
  else mk_pd (map (rn (join_map u v)) (crossings D)) (free D).

(** Two strands, [(u1, v1)] then [(u2, v2)], lose their crossings (the second pair read after the
    first join). *)
Definition join2 (u1 v1 u2 v2 : label) (D : pd_state) : pd_state :=
  join (join_map u1 v1 u2) (join_map u1 v1 v2) (join u1 v1 D).

(** Isomorphic PD codes are the same diagram: the same crossings up to order and a renaming [r]
    of the labels that has an inverse [r'] on them. *)
Definition PDIso (D D' : pd_state) : Prop :=
  free D = free D' /\
  exists r r', (forall l, In l (labels (crossings D)) -> r' (r l) = l) /\
               Permutation (map (rn r) (crossings D)) (crossings D').

(** ** Reidemeister I *)

(** [D] has a curl [rot k l l i o] (loop [l]); [D'] is [D] without it, [i] and [o] joined. *)
Definition SpecR1 (D D' : pd_state) : Prop :=
  exists k l i o E,
    k < 4 /\ WellLabelled (crossings D) /\
    Permutation (crossings D) (rot k l l i o :: E) /\
    PDIso (join i o (mk_pd E (free D))) D'.

(** ** Reidemeister II *)

(** The bigon: corner [k] of [X = rot k g e x2 x3] and corner [m] of [Y = rot m e g y2 y3] bound a
    face with sides [e] and [g]; the strand along [e] is over at both or under at both. *)
Definition bigon_shape (k m : nat) : Prop := over_at (S k) = over_at m.

Definition SpecR2 (D D' : pd_state) : Prop :=
  exists k m e g x2 x3 y2 y3 E,
    k < 4 /\ m < 4 /\ bigon_shape k m /\ WellLabelled (crossings D) /\
    Permutation (crossings D) (rot k g e x2 x3 :: rot m e g y2 y3 :: E) /\
    PDIso (join2 x3 y2 x2 y3 (mk_pd E (free D))) D'.

(** ** Reidemeister III *)

(** The triangle: corner [k1] of [X = rot k1 l3 l1 x2 x3], [k2] of [Y = rot k2 l1 l2 y2 y3], [k3] of
    [Z = rot k3 l2 l3 z2 z3]; [l1] runs from [X] (position [k1+1]) to [Y] (position [k2]), [l2]
    from [Y] to [Z], [l3] from [Z] to [X]. The triangle is not cyclic: some side is over at both its
    ends and some side under at both. *)
Definition over_both (p q : nat) : Prop := over_at p = true /\ over_at q = true.
Definition under_both (p q : nat) : Prop := over_at p = false /\ over_at q = false.

Definition r3_shape (k1 k2 k3 : nat) : Prop :=
  (over_both (S k1) k2 \/ over_both (S k2) k3 \/ over_both (S k3) k1) /\
  (under_both (S k1) k2 \/ under_both (S k2) k3 \/ under_both (S k3) k1).

Definition SpecR3 (D D' : pd_state) : Prop :=
  exists k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E,
    k1 < 4 /\ k2 < 4 /\ k3 < 4 /\ r3_shape k1 k2 k3 /\ WellLabelled (crossings D) /\
    Permutation (crossings D) (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) /\
    Permutation (crossings D') (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) /\
    free D' = free D.

(** ** Isotopy: Reidemeister moves in both directions, and relabelling *)

Inductive SpecStep : pd_state -> pd_state -> Prop :=
| spec_r1 : forall D D', SpecR1 D D' -> SpecStep D D'
| spec_r1_inv : forall D D', SpecR1 D' D -> SpecStep D D'
| spec_r2 : forall D D', SpecR2 D D' -> SpecStep D D'
| spec_r2_inv : forall D D', SpecR2 D' D -> SpecStep D D'
| spec_r3 : forall D D', SpecR3 D D' -> SpecStep D D'
| spec_r3_inv : forall D D', SpecR3 D' D -> SpecStep D D'
| spec_iso : forall D D', PDIso D D' -> SpecStep D D'.

Inductive SpecEquiv : pd_state -> pd_state -> Prop :=
| spec_equiv_refl : forall D, SpecEquiv D D
| spec_equiv_step : forall D D' D'', SpecStep D D' -> SpecEquiv D' D'' -> SpecEquiv D D''.

(** ** Death: a free unknot is capped off by a disc *)

Definition SpecDeath (D D' : pd_state) : Prop := crossings D' = crossings D /\ free D = S (free D').

(** * Part 1: the checker's preconditions are the pictures

    These lemmas are where a wrong precondition in [PD.v] breaks the build: a crossing accepted by
    [is_kink] is a curl, two crossings accepted by [is_bigon] form a Reidemeister II bigon (one
    strand over at both, the other under at both), and a face accepted by [is_triangle] has the
    Reidemeister III over/under pattern. *)

Lemma rot_get4 : forall x k, k < 4 -> x = rot k (get4 x k) (get4 x (add1 k)) (get4 x (add2 k)) (get4 x (add3 k)).
Proof.
  intros [[[a b] c] d] k Hk.
  destruct k as [|[|[|[|k]]]]; try reflexivity; lia.
Qed.

Lemma in_0123 : forall p, In p [0; 1; 2; 3] -> p < 4.
Proof. intros p H. simpl in H. lia. Qed.

Theorem is_kink_spec : forall x, is_kink x = true -> exists k l i o, k < 4 /\ x = rot k l l i o.
Proof.
  intros x H. unfold is_kink in H. apply existsb_exists in H as [p [Hp He]].
  apply Pos.eqb_eq in He. apply in_0123 in Hp.
  exists p, (get4 x p), (get4 x (add2 p)), (get4 x (add3 p)). split; [exact Hp|].
  rewrite (rot_get4 x p Hp) at 1. rewrite <- He. reflexivity.
Qed.

Theorem is_bigon_spec : forall x y, is_bigon x y = true ->
  exists k m e g x2 x3 y2 y3, k < 4 /\ m < 4 /\ bigon_shape k m /\
    x = rot k g e x2 x3 /\ y = rot m e g y2 y3.
Proof.
  intros x y H. unfold is_bigon in H.
  apply existsb_exists in H as [p [Hp H]]. apply existsb_exists in H as [q [Hq H]].
  apply andb_true_iff in H as [H H2]. apply andb_true_iff in H as [Hpar H1].
  apply Pos.eqb_eq in H1, H2. apply in_0123 in Hp, Hq.
  exists p, q, (get4 x (add1 p)), (get4 x p), (get4 x (add2 p)), (get4 x (add3 p)),
         (get4 y (add2 q)), (get4 y (add3 q)).
  split; [exact Hp|]. split; [exact Hq|]. split.
  - unfold bigon_shape, over_at.
    destruct p as [|[|[|[|p]]]]; destruct q as [|[|[|[|q]]]]; try lia; try discriminate; reflexivity.
  - split; [apply rot_get4; exact Hp|].
    rewrite (rot_get4 y q Hq) at 1. rewrite H1, H2. reflexivity.
Qed.

Lemma odd_S_even : forall k, Nat.odd (S k) = Nat.even k.
Proof. intros k. unfold Nat.odd. rewrite Nat.even_succ. unfold Nat.odd. now destruct (Nat.even k). Qed.

Theorem is_triangle_spec : forall a b c, is_triangle [a; b; c] = true ->
  fst a <> fst b /\ fst a <> fst c /\ fst b <> fst c /\ r3_shape (snd a) (snd b) (snd c).
Proof.
  intros [ka pa] [kb pb] [kc pc] H. unfold is_triangle in H; simpl in H.
  apply andb_true_iff in H as [H Hs]. apply andb_true_iff in H as [H Hbc].
  apply andb_true_iff in H as [Hab Hac].
  apply negb_true_iff in Hab, Hac, Hbc. apply Pos.eqb_neq in Hab, Hac, Hbc. simpl.
  split; [exact Hab|]. split; [exact Hac|]. split; [exact Hbc|].
  unfold r3_shape, over_both, under_both, over_at. rewrite !odd_S_even. unfold Nat.odd.
  destruct (Nat.even pa), (Nat.even pb), (Nat.even pc); simpl in Hs |- *;
    try discriminate; intuition (try discriminate; auto).
Qed.

(** * Part 2: general lemmas about the checker's data structures *)

Lemma pget_pset : forall {A} (k k' : positive) (v : A) t,
  pget k (pset k' v t) = if Pos.eqb k k' then Some v else pget k t.
Proof.
  intros A k k'. revert k. induction k' as [k' IH|k' IH|]; intros k v t;
    destruct t as [|l o r]; destruct k as [k|k|]; simpl; auto;
    try rewrite IH; simpl; try (destruct k; reflexivity);
    try (destruct (Pos.eqb k k'); reflexivity).
Qed.

Lemma pget_leaf : forall {A} k, @pget A k PLeaf = None.
Proof. intros A k. destruct k; reflexivity. Qed.

Lemma pmem_pset : forall {A} k k' (v : A) t, pmem k (pset k' v t) = Pos.eqb k k' || pmem k t.
Proof. intros. unfold pmem. rewrite pget_pset. now destruct (Pos.eqb k k'). Qed.

Lemma rev'_rev : forall {A} (l : list A), rev' l = rev l.
Proof. intros. unfold rev'. now rewrite <- rev_alt. Qed.

(** ** Union–find: [sfind] computes the sequential join of the unions made so far *)

Inductive PathN (par : ptree label) : label -> label -> nat -> Prop :=
| pn_root : forall r, pget r par = None -> PathN par r r 0
| pn_step : forall x y r k, pget x par = Some y -> PathN par y r k -> PathN par x r (S k).

Lemma PathN_sfind : forall par x r k n, PathN par x r k -> k <= n -> sfind n par x = r.
Proof.
  intros par x r k n H. revert n. induction H as [r Hr|x y r k Hx H IH]; intros n Hn.
  - destruct n; simpl; [reflexivity|]. now rewrite Hr.
  - destruct n as [|n]; [lia|]. simpl. rewrite Hx. apply IH. lia.
Qed.

Lemma PathN_root : forall par x r k, PathN par x r k -> pget r par = None.
Proof. intros par x r k H. induction H; assumption. Qed.

Lemma PathN_pset : forall par x r k K V, PathN par x r k -> pget K par = None -> pget V par = None -> V <> K ->
  PathN (pset K V par) x (if Pos.eqb r K then V else r) (if Pos.eqb r K then S k else k).
Proof.
  intros par x r k K V H HK HV HVK. induction H as [r Hr|x y r k Hx H IH].
  - destruct (Pos.eqb_spec r K) as [->|Hne].
    + apply pn_step with V; [rewrite pget_pset, Pos.eqb_refl; reflexivity|].
      apply pn_root. rewrite pget_pset. apply Pos.eqb_neq in HVK. now rewrite HVK.
    + apply pn_root. rewrite pget_pset. apply Pos.eqb_neq in Hne. now rewrite Hne.
  - assert (Hxk : x <> K) by congruence.
    destruct (Pos.eqb r K); apply pn_step with y; try assumption;
      rewrite pget_pset; apply Pos.eqb_neq in Hxk; now rewrite Hxk.
Qed.

(** One more union, as a renaming of class names: the two classes of [u] and [v] get the smaller name. *)
Definition jstep (F : label -> label) (pr : label * label) : label -> label :=
  fun z => join_map (F (fst pr)) (F (snd pr)) (F z).

Definition seqjoin (ps : list (label * label)) : label -> label := fold_left jstep ps (fun z => z).

Definition UFrel (par : ptree label) (m : nat) (F : label -> label) : Prop :=
  forall x, exists k, k <= m /\ PathN par x (F x) k.

Lemma UFrel_sfind : forall par m F n x, UFrel par m F -> m <= n -> sfind n par x = F x.
Proof. intros par m F n x H Hn. destruct (H x) as [k [Hk Hp]]. apply PathN_sfind with k; [exact Hp | lia]. Qed.

Lemma join_map_spec : forall u v z,
  join_map u v z = if Pos.eqb u v then z else if Pos.eqb z (Pos.max u v) then Pos.min u v else z.
Proof. intros. unfold join_map, subst. now destruct (Pos.eqb u v). Qed.

Lemma sunion_UF : forall fu par m F a b, UFrel par m F -> m <= fu ->
  UFrel (sunion fu par a b) (S m) (jstep F (a, b)).
Proof.
  intros fu par m F a b H Hm. unfold sunion, jstep; simpl.
  rewrite (UFrel_sfind par m F fu a H Hm), (UFrel_sfind par m F fu b H Hm).
  intros x. destruct (H x) as [k [Hk Hp]]. rewrite join_map_spec.
  destruct (Pos.eqb_spec (F a) (F b)) as [Heq|Hne].
  - exists k. split; [lia | exact Hp].
  - assert (HKa : pget (F a) par = None) by (destruct (H a) as [? [_ Ha]]; exact (PathN_root _ _ _ _ Ha)).
    assert (HKb : pget (F b) par = None) by (destruct (H b) as [? [_ Hb]]; exact (PathN_root _ _ _ _ Hb)).
    assert (HK : pget (Pos.max (F a) (F b)) par = None) by (destruct (Pos.max_spec (F a) (F b)) as [[_ ->]|[_ ->]]; assumption).
    assert (HV : pget (Pos.min (F a) (F b)) par = None) by (destruct (Pos.min_spec (F a) (F b)) as [[_ ->]|[_ ->]]; assumption).
    assert (HVK : Pos.min (F a) (F b) <> Pos.max (F a) (F b)) by (intro E; apply Hne; lia).
    pose proof (PathN_pset par x (F x) k _ _ Hp HK HV HVK) as P.
    destruct (Pos.eqb (F x) (Pos.max (F a) (F b))); eexists; (split; [|exact P]); lia.
Qed.

Lemma UFrel_mono : forall par m m' F, UFrel par m F -> m <= m' -> UFrel par m' F.
Proof. intros par m m' F H Hm x. destruct (H x) as [k [Hk Hp]]. exists k. split; [lia | exact Hp]. Qed.

Lemma sunion_fold_UF : forall fu ps par m F, UFrel par m F -> m + length ps <= fu ->
  UFrel (fold_left (fun p pr => sunion fu p (fst pr) (snd pr)) ps par) (m + length ps) (fold_left jstep ps F).
Proof.
  intros fu ps. induction ps as [|[a b] ps IH]; intros par m F H Hm; simpl.
  - now rewrite Nat.add_0_r.
  - replace (m + S (length ps)) with (S m + length ps) by lia.
    apply IH; [apply sunion_UF; [exact H | simpl in Hm; lia] | simpl in Hm; lia].
Qed.

Definition upairs (x : crossing) : list (label * label) :=
  match x with (a, b, c, d) => [(a, c); (b, d)] end.

Lemma straighten_parent : forall fu dels par,
  fold_left (fun par x => match x with (a, b, c, d) => sunion fu (sunion fu par a c) b d end) dels par =
  fold_left (fun p pr => sunion fu p (fst pr) (snd pr)) (flat_map upairs dels) par.
Proof.
  intros fu dels. induction dels as [|[[[a b] c] d] dels IH]; intros par; simpl; [reflexivity|].
  apply IH.
Qed.

Theorem straighten_find : forall dels x,
  let fu := S (4 * length dels) in
  sfind fu (fold_left (fun par x => match x with (a, b, c, d) => sunion fu (sunion fu par a c) b d end) dels PLeaf) x
  = seqjoin (flat_map upairs dels) x.
Proof.
  intros dels x fu. rewrite straighten_parent.
  assert (Hl : length (flat_map upairs dels) = 2 * length dels).
  { induction dels as [|[[[a b] c] d] dels IH]; simpl; [reflexivity|]. simpl in IH. lia. }
  apply UFrel_sfind with (0 + length (flat_map upairs dels)).
  - apply sunion_fold_UF; [|unfold fu; lia].
    intros y. exists 0. split; [lia|]. apply pn_root. apply pget_leaf.
  - unfold fu. lia.
Qed.

(** ** The equivalence generated by a list of pairs, and [seqjoin] as its class map *)

Inductive Eqv (ps : list (label * label)) : label -> label -> Prop :=
| eqv_refl : forall z, Eqv ps z z
| eqv_sym : forall z w, Eqv ps z w -> Eqv ps w z
| eqv_trans : forall z w u, Eqv ps z w -> Eqv ps w u -> Eqv ps z u
| eqv_base : forall a b, In (a, b) ps -> Eqv ps a b.

Lemma Eqv_incl : forall ps ps', (forall a b, In (a, b) ps -> Eqv ps' a b) -> forall z w, Eqv ps z w -> Eqv ps' z w.
Proof.
  intros ps ps' Hi z w H. induction H.
  - apply eqv_refl.
  - now apply eqv_sym.
  - now apply eqv_trans with w.
  - now apply Hi.
Qed.

Lemma Eqv_app_l : forall ps qs z w, Eqv ps z w -> Eqv (ps ++ qs) z w.
Proof. intros ps qs. apply Eqv_incl. intros a b H. apply eqv_base. apply in_or_app. now left. Qed.

Lemma Eqv_snoc : forall ps a b z w,
  Eqv (ps ++ [(a, b)]) z w <->
  Eqv ps z w \/ ((Eqv ps z a \/ Eqv ps z b) /\ (Eqv ps w a \/ Eqv ps w b)).
Proof.
  intros ps a b z w. split.
  - intros H. induction H as [z|z w H IH|z w u H1 IH1 H2 IH2|a' b' Hin].
    + left. apply eqv_refl.
    + destruct IH as [IH|IH]; [left; now apply eqv_sym | right; tauto].
    + destruct IH1 as [IH1|[IH1 IH1']]; destruct IH2 as [IH2|[IH2 IH2']].
      * left. now apply eqv_trans with w.
      * right. split; [|exact IH2'].
        destruct IH2 as [IH2|IH2]; [left|right]; now apply eqv_trans with w.
      * right. split; [exact IH1|].
        destruct IH1' as [IH|IH]; [left|right]; apply eqv_trans with w; [now apply eqv_sym|exact IH|now apply eqv_sym|exact IH].
      * right. tauto.
    + apply in_app_or in Hin as [Hin|Hin].
      * left. now apply eqv_base.
      * simpl in Hin. destruct Hin as [Hin|[]]. injection Hin as <- <-.
        right. split; [left|right]; apply eqv_refl.
  - intros [H|[Hz Hw]]; [now apply Eqv_app_l|].
    assert (Hab : Eqv (ps ++ [(a, b)]) a b) by (apply eqv_base; apply in_or_app; right; left; reflexivity).
    assert (Hz' : Eqv (ps ++ [(a, b)]) z a)
      by (destruct Hz as [Hz|Hz]; [now apply Eqv_app_l | apply eqv_trans with b; [now apply Eqv_app_l | now apply eqv_sym]]).
    assert (Hw' : Eqv (ps ++ [(a, b)]) w a)
      by (destruct Hw as [Hw|Hw]; [now apply Eqv_app_l | apply eqv_trans with b; [now apply Eqv_app_l | now apply eqv_sym]]).
    apply eqv_trans with a; [exact Hz' | now apply eqv_sym].
Qed.

Lemma join_map_eq : forall u v z w,
  join_map u v z = join_map u v w <-> z = w \/ ((z = u \/ z = v) /\ (w = u \/ w = v)).
Proof.
  intros u v z w. rewrite !join_map_spec.
  destruct (Pos.eqb_spec u v) as [->|Huv].
  - split; [tauto|]. intros [H|[[H1|H1] [H2|H2]]]; congruence.
  - destruct (Pos.eqb_spec z (Pos.max u v)), (Pos.eqb_spec w (Pos.max u v)); split; intros H;
      try (destruct (Pos.max_spec u v) as [[? ?]|[? ?]]; destruct (Pos.min_spec u v) as [[? ?]|[? ?]]); lia.
Qed.

Lemma seqjoin_snoc : forall ps a b z,
  seqjoin (ps ++ [(a, b)]) z = join_map (seqjoin ps a) (seqjoin ps b) (seqjoin ps z).
Proof. intros. unfold seqjoin. now rewrite fold_left_app. Qed.

Theorem seqjoin_eqv : forall ps z w, seqjoin ps z = seqjoin ps w <-> Eqv ps z w.
Proof.
  intros ps. induction ps as [|[a b] ps IH] using rev_ind; intros z w.
  - unfold seqjoin; simpl. split; intros H; [subst; apply eqv_refl|].
    induction H as [| | | a b Hin]; [reflexivity | now symmetry | congruence | destruct Hin].
  - rewrite !seqjoin_snoc, join_map_eq, Eqv_snoc, !IH. tauto.
Qed.

(** Every label of the list is equivalent to itself only unless it occurs in a pair. *)
Lemma Eqv_support : forall ps z w, Eqv ps z w -> z = w \/ (In z (flat_map (fun pr => [fst pr; snd pr]) ps) /\
                                                          In w (flat_map (fun pr => [fst pr; snd pr]) ps)).
Proof.
  intros ps z w H. induction H as [z|z w H IH|z w u H1 IH1 H2 IH2|a b Hin].
  - now left.
  - destruct IH as [->|[? ?]]; [now left | right; tauto].
  - destruct IH1 as [->|[? ?]], IH2 as [->|[? ?]]; auto.
  - right. split; apply in_flat_map; exists (a, b); simpl; tauto.
Qed.

(** A map [s] that sends each pair of [ps] to [qs]-equivalent labels sends [ps]-classes into [qs]-classes. *)
Lemma Eqv_map : forall ps qs (s : label -> label),
  (forall a b, In (a, b) ps -> Eqv qs (s a) (s b)) -> forall z w, Eqv ps z w -> Eqv qs (s z) (s w).
Proof.
  intros ps qs s Hs z w H. induction H.
  - apply eqv_refl.
  - now apply eqv_sym.
  - now apply eqv_trans with (s w).
  - now apply Hs.
Qed.

(** ** [split_deleted]: the deleted crossings and the kept ones *)

Fixpoint pick (n : nat) (D : list nat) (xs : list crossing) (b : bool) : list crossing :=
  match xs with
  | [] => []
  | x :: r => if Bool.eqb (existsb (Nat.eqb n) D) b then x :: pick (S n) D r b else pick (S n) D r b
  end.

Definition dst (n i : nat) : option nat := if Nat.leb n i then Some (i - n) else None.

Lemma split_deleted_pick : forall xs n D kept dels,
  split_deleted xs (map (dst n) D) kept dels = (rev kept ++ pick n D xs false, rev dels ++ pick n D xs true).
Proof.
  intros xs. induction xs as [|x r IH]; intros n D kept dels; simpl.
  - rewrite !rev'_rev, !app_nil_r. reflexivity.
  - assert (Hh : existsb is_here (map (dst n) D) = existsb (Nat.eqb n) D).
    { induction D as [|i D IHD]; simpl; [reflexivity|]. rewrite IHD. f_equal.
      unfold dst, is_here. destruct (Nat.leb_spec n i); destruct (Nat.eqb_spec n i); try lia;
        destruct (i - n) eqn:E; try reflexivity; lia. }
    assert (Hc : map count_down (map (dst n) D) = map (dst (S n)) D).
    { rewrite map_map. apply map_ext. intros i. unfold dst, count_down.
      destruct (Nat.leb_spec n i), (Nat.leb_spec (S n) i); try lia.
      - destruct (i - n) eqn:E; [lia|]. f_equal. lia.
      - destruct (i - n) eqn:E; [reflexivity|lia].
      - reflexivity. }
    rewrite Hh, Hc. destruct (existsb (Nat.eqb n) D); simpl; rewrite IH; simpl; rewrite <- !app_assoc; reflexivity.
Qed.

Lemma pick_perm : forall xs n D, Permutation xs (pick n D xs true ++ pick n D xs false).
Proof.
  intros xs. induction xs as [|x r IH]; intros n D; simpl; [constructor|].
  destruct (existsb (Nat.eqb n) D); simpl.
  - constructor. apply IH.
  - apply Permutation_cons_app. apply IH.
Qed.

Lemma pick_none : forall xs n D, (forall k, In k D -> k < n) -> pick n D xs true = [].
Proof.
  intros xs. induction xs as [|x r IH]; intros n D H; simpl; [reflexivity|].
  assert (Hf : existsb (Nat.eqb n) D = false).
  { apply Bool.not_true_iff_false. intros He. apply existsb_exists in He as [k [Hk Hn]].
    apply Nat.eqb_eq in Hn. subst k. specialize (H n Hk). lia. }
  rewrite Hf. simpl. apply IH. intros k Hk. specialize (H k Hk). lia.
Qed.

Lemma pick_single : forall xs n i x D, (forall k, In k D -> k < n \/ k = i) -> In i D -> n <= i ->
  nth_error xs (i - n) = Some x -> pick n D xs true = [x].
Proof.
  intros xs. induction xs as [|x0 r IH]; intros n i x D HD Hi Hn Hx; simpl.
  - destruct (i - n); discriminate.
  - destruct (Nat.eq_dec i n) as [->|Hne].
    + rewrite Nat.sub_diag in Hx. simpl in Hx. injection Hx as ->.
      assert (Ht : existsb (Nat.eqb n) D = true) by (apply existsb_exists; exists n; split; [exact Hi | apply Nat.eqb_refl]).
      rewrite Ht. simpl. f_equal. apply pick_none. intros k Hk. destruct (HD k Hk); lia.
    + assert (Hf : existsb (Nat.eqb n) D = false).
      { apply Bool.not_true_iff_false. intros He. apply existsb_exists in He as [k [Hk Hnk]].
        apply Nat.eqb_eq in Hnk. subst k. destruct (HD n Hk); lia. }
      rewrite Hf. simpl. apply IH with i; try assumption; [intros k Hk; destruct (HD k Hk); lia | lia |].
      replace (i - n) with (S (i - S n)) in Hx by lia. exact Hx.
Qed.

Lemma pick_two : forall xs n i j x y, i < j -> n <= i -> nth_error xs (i - n) = Some x -> nth_error xs (j - n) = Some y ->
  forall D, (forall k, In k D <-> k = i \/ k = j) -> pick n D xs true = [x; y].
Proof.
  intros xs. induction xs as [|x0 r IH]; intros n i j x y Hij Hn Hx Hy D HD; simpl.
  - destruct (i - n); discriminate.
  - destruct (Nat.eq_dec i n) as [->|Hne].
    + rewrite Nat.sub_diag in Hx. simpl in Hx. injection Hx as ->.
      assert (Ht : existsb (Nat.eqb n) D = true) by (apply existsb_exists; exists n; split; [apply HD; now left | apply Nat.eqb_refl]).
      rewrite Ht. simpl. f_equal. apply pick_single with j.
      * intros k Hk. apply HD in Hk. lia.
      * apply HD. now right.
      * lia.
      * replace (j - n) with (S (j - S n)) in Hy by lia. exact Hy.
    + assert (Hf : existsb (Nat.eqb n) D = false).
      { apply Bool.not_true_iff_false. intros He. apply existsb_exists in He as [k [Hk Hnk]].
        apply Nat.eqb_eq in Hnk. subst k. apply HD in Hk. lia. }
      rewrite Hf. simpl. apply IH with i j; try assumption; try lia.
      * replace (i - n) with (S (i - S n)) in Hx by lia. exact Hx.
      * replace (j - n) with (S (j - S n)) in Hy by lia. exact Hy.
Qed.

Lemma map_Some_dst : forall D, map Some D = map (dst 0) D.
Proof. intros D. apply map_ext. intros i. unfold dst. simpl. f_equal. lia. Qed.

(** ** Finite maps built by folds *)

Lemma touched_spec : forall L t z,
  pmem z (fold_left (fun t l => pset l tt t) L t) = existsb (Pos.eqb z) L || pmem z t.
Proof.
  intros L. induction L as [|l L IH]; intros t z; simpl; [reflexivity|].
  rewrite IH, pmem_pset. destruct (Pos.eqb z l), (existsb (Pos.eqb z) L); reflexivity.
Qed.

Definition msel (R : label -> label) (r : label) (L : list label) (acc : option label) : option label :=
  fold_left (fun acc y => if Pos.eqb (R y) r then Some (match acc with Some m => Pos.min m y | None => y end) else acc) L acc.

Lemma name_spec : forall (R : label -> label) L nm r,
  pget r (fold_left (fun nm x => let r := R x in pset r (match pget r nm with Some y => Pos.min y x | None => x end) nm) L nm)
  = msel R r L (pget r nm).
Proof.
  intros R L. induction L as [|y L IH]; intros nm r; simpl; [reflexivity|].
  rewrite IH. f_equal. rewrite pget_pset. destruct (Pos.eqb_spec r (R y)) as [->|Hne].
  - now rewrite Pos.eqb_refl.
  - destruct (Pos.eqb_spec (R y) r); [congruence | reflexivity].
Qed.

Lemma msel_some : forall R r L acc m, msel R r L acc = Some m ->
  (acc = Some m \/ (In m L /\ R m = r)) /\ (forall y, In y L -> R y = r -> Pos.le m y) /\
  (forall a, acc = Some a -> Pos.le m a).
Proof.
  intros R r L. induction L as [|y L IH]; intros acc m H; simpl in H.
  - split; [now left|]. split; [intros y []|]. intros a Ha. rewrite Ha in H. injection H as ->. lia.
  - destruct (Pos.eqb_spec (R y) r) as [Hy|Hy].
    + destruct (IH _ _ H) as [H1 [H2 H3]].
      specialize (H3 _ eq_refl).
      split; [|split].
      * destruct H1 as [H1|[H1 H1']]; [|right; split; [now right | exact H1']].
        injection H1 as H1. destruct acc as [a|]; [|right; split; [now left | rewrite <- H1; exact Hy]].
        destruct (Pos.min_spec a y) as [[_ E]|[_ E]]; rewrite E in H1;
          [left; now rewrite H1 | right; split; [now left | rewrite <- H1; exact Hy]].
      * intros z [<-|Hz] Hz'; [|now apply H2].
        destruct acc as [a|]; [pose proof (Pos.le_min_r a y)|]; lia.
      * intros a ->. pose proof (Pos.le_min_l a y). lia.
    + destruct (IH _ _ H) as [H1 [H2 H3]]. split; [|split].
      * destruct H1 as [H1|[H1 H1']]; [now left | right; split; [now right | exact H1']].
      * intros z [<-|Hz] Hz'; [congruence | now apply H2].
      * exact H3.
Qed.

Lemma msel_none : forall R r L acc, msel R r L acc = None -> acc = None /\ forall y, In y L -> R y <> r.
Proof.
  intros R r L. induction L as [|y L IH]; intros acc H; simpl in H.
  - split; [exact H | intros y []].
  - destruct (Pos.eqb_spec (R y) r) as [Hy|Hy].
    + destruct (IH _ H) as [H1 _]. discriminate.
    + destruct (IH _ H) as [H1 H2]. split; [exact H1|]. intros z [<-|Hz]; [exact Hy | now apply H2].
Qed.

Lemma dedup_spec : forall ls acc, NoDup acc ->
  NoDup (dedup ls acc) /\ forall z, In z (dedup ls acc) <-> In z ls \/ In z acc.
Proof.
  intros ls. induction ls as [|l ls IH]; intros acc Hacc; simpl.
  - rewrite rev'_rev. split; [now apply NoDup_rev|]. intros z. rewrite <- in_rev. tauto.
  - destruct (existsb (Pos.eqb l) acc) eqn:E.
    + apply existsb_exists in E as [w [Hw Hlw]]. apply Pos.eqb_eq in Hlw. subst w.
      destruct (IH acc Hacc) as [H1 H2]. split; [exact H1|]. intros z. rewrite H2. split; [tauto|].
      intros [[<-|H]|H]; tauto.
    + assert (Hn : ~ In l acc).
      { intros Hl. assert (existsb (Pos.eqb l) acc = true) by (apply existsb_exists; exists l; split; [exact Hl | apply Pos.eqb_refl]). congruence. }
      destruct (IH (l :: acc)) as [H1 H2]; [now constructor|].
      split; [exact H1|]. intros z. rewrite H2. simpl. tauto.
Qed.

Lemma filter_length_perm : forall {A} (P : A -> bool) l l', Permutation l l' -> length (filter P l) = length (filter P l').
Proof.
  intros A P l l' H. induction H; simpl; try reflexivity.
  - destruct (P x); simpl; auto.
  - destruct (P x), (P y); reflexivity.
  - congruence.
Qed.

Lemma nodup_two : forall (l : list label) a b, NoDup l -> (forall z, In z l <-> z = a \/ z = b) ->
  Permutation l (if Pos.eqb a b then [a] else [a; b]).
Proof.
  intros l a b Hl H. apply NoDup_Permutation; [exact Hl| |].
  - destruct (Pos.eqb_spec a b); constructor; simpl; try tauto; try constructor; try constructor; simpl; intuition.
  - intros z. rewrite H. destruct (Pos.eqb_spec a b) as [->|]; simpl; intuition.
Qed.

(** ** [straighten], characterised: the kept crossings renamed by the classes of the deleted pairs *)

Lemma flat_map_labels4 : forall xs, flat_map labels4 xs = labels xs.
Proof. reflexivity. Qed.

Lemma in_labels_exists : forall z L, In z L <-> existsb (Pos.eqb z) L = true.
Proof.
  intros z L. rewrite existsb_exists. split.
  - intros H. exists z. split; [exact H | apply Pos.eqb_refl].
  - intros [w [Hw Hzw]]. apply Pos.eqb_eq in Hzw. now subst.
Qed.

Theorem straighten_char : forall xs f D,
  let kept := pick 0 D xs false in
  let dels := pick 0 D xs true in
  let R := seqjoin (flat_map upairs dels) in
  let DL := labels dels in
  let LK := filter (fun l => existsb (Pos.eqb l) DL) (labels kept) in
  exists ren roots,
    straighten xs f D =
      mk_pd (map (rn ren) kept) (f + length (filter (fun r => negb (existsb (fun y => Pos.eqb (R y) r) LK)) roots)) /\
    (forall z w, In z (labels kept) -> In w (labels kept) ->
       (ren z = ren w <-> z = w \/ (In z DL /\ In w DL /\ R z = R w))) /\
    NoDup roots /\ (forall r, In r roots <-> exists z, In z DL /\ R z = r).
Proof.
  intros xs f D kept dels R DL LK.
  unfold straighten. rewrite map_Some_dst, split_deleted_pick. cbv beta iota zeta. simpl rev. rewrite !app_nil_l.
  fold kept dels.
  set (fu := S (4 * length dels)).
  set (parent := fold_left (fun par x => match x with (a, b, c, d) => sunion fu (sunion fu par a c) b d end) dels PLeaf).
  assert (HR : forall y, sfind fu parent y = R y) by (intros y; apply straighten_find).
  set (touched := fold_left (fun t l => pset l tt t) (flat_map labels4 dels) PLeaf).
  assert (HT : forall z, pmem z touched = existsb (Pos.eqb z) DL).
  { intros z. unfold touched. rewrite touched_spec. unfold pmem. rewrite pget_leaf, orb_false_r. reflexivity. }
  set (name := fold_left (fun nm x => let r := sfind fu parent x in pset r (match pget r nm with Some y => Pos.min y x | None => x end) nm) (filter (fun l => pmem l touched) (flat_map labels4 kept)) PLeaf).
  assert (HLK : filter (fun l => pmem l touched) (flat_map labels4 kept) = LK).
  { apply filter_ext. intros l. apply HT. }
  assert (HN : forall r, pget r name = msel (sfind fu parent) r LK None).
  { intros r. unfold name. rewrite name_spec, pget_leaf, HLK. reflexivity. }
  assert (HNm : forall r, pmem r name = existsb (fun y => Pos.eqb (R y) r) LK).
  { intros r. unfold pmem. rewrite HN. destruct (msel (sfind fu parent) r LK None) as [m|] eqn:E.
    - apply msel_some in E as [[E|[E1 E2]] _]; [discriminate|]. symmetry. apply existsb_exists.
      exists m. split; [exact E1|]. rewrite <- HR. now apply Pos.eqb_eq.
    - apply msel_none in E as [_ E]. symmetry. apply Bool.not_true_iff_false. intros He.
      apply existsb_exists in He as [y [Hy Hy']]. apply Pos.eqb_eq in Hy'. apply (E y Hy). now rewrite HR. }
  exists (fun l => if pmem l touched then match pget (sfind fu parent l) name with Some y => y | None => l end else l).
  exists (dedup (map (sfind fu parent) (flat_map labels4 dels)) []).
  destruct (dedup_spec (map (sfind fu parent) (flat_map labels4 dels)) [] (NoDup_nil _)) as [Hnd Hin].
  split; [|split; [|split]].
  - f_equal. f_equal. f_equal. apply filter_ext. intros r. now rewrite HNm.
  - assert (Hren : forall z, In z (labels kept) -> In z DL ->
              exists m, pget (sfind fu parent z) name = Some m /\ In m DL /\ R m = R z).
    { intros z Hz Hd. rewrite HN. destruct (msel (sfind fu parent) (sfind fu parent z) LK None) as [m|] eqn:E.
      - apply msel_some in E as [[E|[E1 E2]] _]; [discriminate|]. exists m. split; [reflexivity|].
        split; [unfold LK in E1; apply filter_In in E1 as [_ E1]; now apply in_labels_exists|].
        rewrite <- !HR. exact E2.
      - apply msel_none in E as [_ E]. exfalso. apply (E z); [|reflexivity].
        unfold LK. apply filter_In. split; [exact Hz | now apply in_labels_exists]. }
    intros z w Hz Hw. rewrite !HT.
    destruct (existsb (Pos.eqb z) DL) eqn:Ez, (existsb (Pos.eqb w) DL) eqn:Ew;
      pose proof (proj2 (in_labels_exists z DL)) as Iz; pose proof (proj2 (in_labels_exists w DL)) as Iw;
      pose proof (proj1 (in_labels_exists z DL)) as Jz; pose proof (proj1 (in_labels_exists w DL)) as Jw.
    + destruct (Hren z Hz (Iz Ez)) as [mz [Pz [Dz Rz]]]. destruct (Hren w Hw (Iw Ew)) as [mw [Pw [Dw Rw]]].
      rewrite Pz, Pw. split.
      * intros ->. right. split; [now apply Iz | split; [now apply Iw | congruence]].
      * intros [->|[_ [_ H]]]; [congruence|]. rewrite !HR, H in *. congruence.
    + destruct (Hren z Hz (Iz Ez)) as [mz [Pz [Dz Rz]]]. rewrite Pz. split.
      * intros ->. apply Jw in Dz. congruence.
      * intros [->|[_ [H _]]]; [congruence|]. apply Jw in H. congruence.
    + destruct (Hren w Hw (Iw Ew)) as [mw [Pw [Dw Rw]]]. rewrite Pw. split.
      * intros <-. apply Jz in Dw. congruence.
      * intros [->|[H _]]; [congruence|]. apply Jz in H. congruence.
    + split; [now left|]. intros [H|[H _]]; [exact H|]. apply Jz in H. congruence.
  - exact Hnd.
  - intros r. rewrite Hin, in_map_iff. split.
    + intros [[z [Hz1 Hz2]]|[]]. exists z. split; [exact Hz2|]. rewrite <- HR. exact Hz1.
    + intros [z [Hz1 Hz2]]. left. exists z. split; [rewrite HR; exact Hz2 | exact Hz1].
Qed.

(** ** Relabelling *)

Lemma labels_app : forall xs ys, labels (xs ++ ys) = labels xs ++ labels ys.
Proof. intros. unfold labels. now rewrite flat_map_app. Qed.



Lemma labels_map_rn : forall r E l, In l (labels (map (rn r) E)) <-> exists z, In z (labels E) /\ l = r z.
Proof.
  intros r E l. unfold labels. rewrite in_flat_map. split.
  - intros [x [Hx Hl]]. apply in_map_iff in Hx as [[[[a b] c] d] [<- Hy]]. simpl in Hl.
    destruct Hl as [<-|[<-|[<-|[<-|[]]]]];
      [exists a|exists b|exists c|exists d]; (split; [|reflexivity]); apply in_flat_map; exists (a, b, c, d);
      (split; [exact Hy | simpl; tauto]).
  - intros [z [Hz ->]]. apply in_flat_map in Hz as [[[[a b] c] d] [Hy Hz]].
    exists (rn r (a, b, c, d)). split; [apply in_map; exact Hy|]. simpl in Hz |- *.
    destruct Hz as [<-|[<-|[<-|[<-|[]]]]]; tauto.
Qed.

Lemma rn_ext_in : forall r1 r2 E, (forall z, In z (labels E) -> r1 z = r2 z) -> map (rn r1) E = map (rn r2) E.
Proof.
  intros r1 r2 E H. induction E as [|[[[a b] c] d] E IH]; simpl; [reflexivity|].
  f_equal; [|apply IH; intros z Hz; apply H; simpl; tauto].
  simpl in H. rewrite !H; tauto.
Qed.

Lemma map_rn_map_rn : forall r1 r2 E, map (rn r2) (map (rn r1) E) = map (rn (fun z => r2 (r1 z))) E.
Proof. intros. rewrite map_map. apply map_ext. intros [[[a b] c] d]. reflexivity. Qed.

Lemma map_rn_id : forall E, map (rn (fun z => z)) E = E.
Proof. intros E. induction E as [|[[[a b] c] d] E IH]; simpl; congruence. Qed.

(** Two renamings with the same classes on the labels of [E] give isomorphic codes. *)
Theorem iso_rename : forall E f r1 r2,
  (forall z w, In z (labels E) -> In w (labels E) -> (r1 z = r1 w <-> r2 z = r2 w)) ->
  PDIso (mk_pd (map (rn r1) E) f) (mk_pd (map (rn r2) E) f).
Proof.
  intros E f r1 r2 H. split; [reflexivity|]. simpl.
  set (r := fun y => match find (fun z => Pos.eqb (r1 z) y) (labels E) with Some z => r2 z | None => y end).
  set (r' := fun y => match find (fun z => Pos.eqb (r2 z) y) (labels E) with Some z => r1 z | None => y end).
  assert (Hr : forall z, In z (labels E) -> r (r1 z) = r2 z).
  { intros z Hz. unfold r. destruct (find (fun w => Pos.eqb (r1 w) (r1 z)) (labels E)) as [w|] eqn:F.
    - apply find_some in F as [Fw Fe]. apply Pos.eqb_eq in Fe. now apply (H w z Fw Hz).
    - apply (find_none _ _ F) in Hz. now rewrite Pos.eqb_refl in Hz. }
  assert (Hr' : forall z, In z (labels E) -> r' (r2 z) = r1 z).
  { intros z Hz. unfold r'. destruct (find (fun w => Pos.eqb (r2 w) (r2 z)) (labels E)) as [w|] eqn:F.
    - apply find_some in F as [Fw Fe]. apply Pos.eqb_eq in Fe. now apply (H w z Fw Hz).
    - apply (find_none _ _ F) in Hz. now rewrite Pos.eqb_refl in Hz. }
  exists r, r'. split.
  - intros l Hl. apply labels_map_rn in Hl as [z [Hz ->]]. rewrite Hr by exact Hz. now apply Hr'.
  - rewrite map_rn_map_rn. rewrite (rn_ext_in _ r2); [apply Permutation_refl|]. exact Hr.
Qed.

(** ** Counting labels *)

Lemma labels_perm : forall xs ys, Permutation xs ys -> Permutation (labels xs) (labels ys).
Proof. intros xs ys H. unfold labels. now apply (Permutation_flat_map xlabels). Qed.

Lemma occ_perm : forall z xs ys, Permutation xs ys -> occ z xs = occ z ys.
Proof. intros z xs ys H. unfold occ. apply Permutation_count_occ. now apply labels_perm. Qed.

Lemma WL_perm : forall xs ys, Permutation xs ys -> WellLabelled xs -> WellLabelled ys.
Proof.
  intros xs ys H W l Hl. rewrite <- (occ_perm l _ _ H). apply W.
  apply Permutation_in with (labels ys); [symmetry; now apply labels_perm | exact Hl].
Qed.

Lemma occ_cons : forall z x E, occ z (x :: E) = count_occ Pos.eq_dec (xlabels x) z + occ z E.
Proof. intros. unfold occ, labels. simpl. now rewrite count_occ_app. Qed.

Lemma xlabels_rot : forall k w x y z, Permutation (xlabels (rot k w x y z)) [w; x; y; z].
Proof.
  intros k w x y z. destruct k as [|[|[|k]]]; simpl.
  - apply Permutation_refl.
  - apply (Permutation_cons_append [w; x; y] z).
  - change [y; z; w; x] with ([y; z] ++ [w; x]). apply (Permutation_app_comm [y; z] [w; x]).
  - apply Permutation_sym, (Permutation_cons_append [x; y; z] w).
Qed.

Lemma count_rot : forall k w x y z v,
  count_occ Pos.eq_dec (xlabels (rot k w x y z)) v = count_occ Pos.eq_dec [w; x; y; z] v.
Proof. intros. apply Permutation_count_occ, xlabels_rot. Qed.

Lemma in_rot : forall k w x y z v, In v (xlabels (rot k w x y z)) <-> v = w \/ v = x \/ v = y \/ v = z.
Proof.
  intros. split; intros H.
  - apply (Permutation_in _ (xlabels_rot k w x y z)) in H. simpl in H. intuition.
  - apply (Permutation_in _ (Permutation_sym (xlabels_rot k w x y z))). simpl. intuition.
Qed.

Lemma occ_zero : forall z E, occ z E = 0 <-> ~ In z (labels E).
Proof. intros z E. unfold occ. split; [apply count_occ_not_In | apply count_occ_not_In]. Qed.

Lemma occ_pos : forall z E, 0 < occ z E <-> In z (labels E).
Proof. intros z E. unfold occ. rewrite (count_occ_In Pos.eq_dec). lia. Qed.

(** The number of occurrences of [v] in a crossing [rot k w x y z] plus in the rest is 2. *)
Lemma WL_count : forall x E v, WellLabelled (x :: E) -> In v (xlabels x) ->
  count_occ Pos.eq_dec (xlabels x) v + occ v E = 2.
Proof.
  intros x E v W H. rewrite <- occ_cons. apply W. unfold labels. simpl. apply in_or_app. now left.
Qed.

Ltac count4 := simpl; repeat match goal with
  | |- context [Pos.eq_dec ?a ?b] => destruct (Pos.eq_dec a b)
  | H : context [Pos.eq_dec ?a ?b] |- _ => destruct (Pos.eq_dec a b)
  end; subst; try lia.

Lemma labels_cons : forall x E, labels (x :: E) = xlabels x ++ labels E.
Proof. reflexivity. Qed.

Lemma r1_facts : forall k l i o E, WellLabelled (rot k l l i o :: E) ->
  ~ In l (labels E) /\ l <> i /\ l <> o /\ (i <> o -> In i (labels E) /\ In o (labels E)) /\
  (i = o -> ~ In i (labels E)).
Proof.
  intros k l i o E W.
  pose proof (WL_count _ _ l W (proj2 (in_rot k l l i o l) (or_introl eq_refl))) as Hl.
  pose proof (WL_count _ _ i W (proj2 (in_rot k l l i o i) (or_intror (or_intror (or_introl eq_refl))))) as Hi.
  pose proof (WL_count _ _ o W (proj2 (in_rot k l l i o o) (or_intror (or_intror (or_intror eq_refl))))) as Ho.
  rewrite count_rot in Hl, Hi, Ho.
  rewrite <- !occ_zero, <- !occ_pos.
  destruct (Pos.eq_dec l i) as [<-|Hli]; [simpl in Hl; destruct (Pos.eq_dec l l); [|congruence]; count4|].
  destruct (Pos.eq_dec l o) as [<-|Hlo]; [simpl in Hl; destruct (Pos.eq_dec l l); [|congruence]; count4|].
  destruct (Pos.eq_dec i o) as [<-|Hio].
  - simpl in Hl, Hi. count4.
  - simpl in Hl, Hi, Ho. count4.
Qed.

Lemma r1_classes : forall k l i o, k < 4 ->
  Eqv (upairs (rot k l l i o)) l i /\ Eqv (upairs (rot k l l i o)) l o.
Proof.
  intros k l i o Hk.
  destruct k as [|[|[|[|k]]]]; [| | | |lia]; simpl;
    split; first [apply eqv_base; simpl; tauto | apply eqv_sym, eqv_base; simpl; tauto].
Qed.

Lemma roots_single : forall (roots : list label) (P : label -> bool) a,
  NoDup roots -> (forall r, In r roots <-> r = a) -> length (filter P roots) = if P a then 1 else 0.
Proof.
  intros roots P a Hnd H. rewrite (filter_length_perm P roots [a]).
  - simpl. now destruct (P a).
  - apply NoDup_Permutation; [exact Hnd | repeat constructor; simpl; tauto |]. intros r. rewrite H. simpl. intuition.
Qed.

(** R1Remove is a Reidemeister I move of the specification. *)
Theorem refine_r1_remove : forall s i t, WellLabelled (crossings s) ->
  apply_pd_move s (R1Remove i) = Some t -> SpecR1 s t.
Proof.
  intros s i0 t W H. simpl in H.
  destruct (nth_error (crossings s) i0) as [x|] eqn:Hx; [|discriminate].
  destruct (is_kink x) eqn:Hk; [|discriminate]. injection H as <-.
  pose proof (straighten_char (crossings s) (free s) [i0]) as SC. cbv zeta in SC.
  assert (Hd : pick 0 [i0] (crossings s) true = [x]).
  { apply pick_single with i0; [intros k [<-|[]]; now right | now left | lia | now rewrite Nat.sub_0_r]. }
  rewrite Hd in SC. destruct SC as [ren [roots [Hst [Hren [Hnd Hroots]]]]].
  set (kept := pick 0 [i0] (crossings s) false) in *.
  assert (Hp : Permutation (crossings s) (x :: kept)) by (pose proof (pick_perm (crossings s) 0 [i0]) as P; now rewrite Hd in P).
  destruct (is_kink_spec x Hk) as [k [l [i [o [Hk4 Hxe]]]]]. subst x.
  pose proof (WL_perm _ _ Hp W) as W'.
  destruct (r1_facts k l i o kept W') as [Fl [Fli [Flo [Fne Feq]]]].
  destruct (r1_classes k l i o Hk4) as [Cli Clo].
  set (P := flat_map upairs [rot k l l i o]) in *.
  assert (HP : forall z w, Eqv (upairs (rot k l l i o)) z w -> Eqv P z w).
  { intros z w. unfold P. simpl. rewrite app_nil_r. tauto. }
  set (R := seqjoin P) in *.
  assert (Ri : R i = R l) by (symmetry; apply seqjoin_eqv; apply HP; exact Cli).
  assert (Ro : R o = R l) by (symmetry; apply seqjoin_eqv; apply HP; exact Clo).
  assert (HDL : forall z, In z (labels [rot k l l i o]) <-> z = l \/ z = i \/ z = o).
  { intros z. unfold labels. simpl. rewrite app_nil_r, in_rot. tauto. }
  assert (Hroots' : forall r, In r roots <-> r = R l).
  { intros r. rewrite Hroots. split.
    - intros [z [Hz <-]]. apply HDL in Hz as [->|[->| ->]]; auto.
    - intros ->. exists l. split; [apply HDL; now left | reflexivity]. }
  rewrite (roots_single _ _ (R l) Hnd Hroots') in Hst.
  exists k, l, i, o, kept. split; [exact Hk4|]. split; [exact W|]. split; [exact Hp|].
  rewrite Hst. unfold join. simpl free. simpl crossings.
  destruct (Pos.eqb_spec i o) as [<-|Hio].
  - match goal with |- context [if ?b then 1 else 0] => replace b with true end.
    2:{ symmetry. apply negb_true_iff, Bool.not_true_iff_false. intros He.
        apply existsb_exists in He as [y [Hy _]]. apply filter_In in Hy as [Hy1 Hy2].
        apply in_labels_exists, HDL in Hy2. destruct Hy2 as [->|[->| ->]]; [exact (Fl Hy1)|exact (Feq eq_refl Hy1)|exact (Feq eq_refl Hy1)]. }
    replace (free s + 1) with (S (free s)) by lia.
    rewrite <- (map_rn_id kept) at 1. apply iso_rename.
    intros z w Hz Hw. rewrite (Hren z w Hz Hw). split; [tauto|].
    intros [->|[Hz' _]]; [reflexivity|]. exfalso. apply HDL in Hz' as [->|[->| ->]]; [exact (Fl Hz)|exact (Feq eq_refl Hz)|exact (Feq eq_refl Hz)].
  - destruct (Fne Hio) as [Ii Io].
    match goal with |- context [if ?b then 1 else 0] => replace b with false end.
    2:{ symmetry. apply negb_false_iff. apply existsb_exists. exists i. split; [|rewrite Ri; apply Pos.eqb_refl].
        apply filter_In. split; [exact Ii|]. apply in_labels_exists, HDL. tauto. }
    rewrite Nat.add_0_r. apply iso_rename. intros z w Hz Hw. rewrite join_map_eq, (Hren z w Hz Hw).
    assert (Kz : In z (labels [rot k l l i o]) <-> z = i \/ z = o) by (rewrite HDL; split; [intros [->|H]; [contradiction|exact H] | tauto]).
    assert (Kw : In w (labels [rot k l l i o]) <-> w = i \/ w = o) by (rewrite HDL; split; [intros [->|H]; [contradiction|exact H] | tauto]).
    rewrite Kz, Kw. split.
    + intros [->|[Hz' Hw']]; [now left | right; split; [exact Hz'|split; [exact Hw'|]]].
      destruct Hz' as [->| ->], Hw' as [->| ->]; congruence.
    + intros [->|[Hz' [Hw' _]]]; [now left | right; tauto].
Qed.

Lemma Eqv_sep : forall ps (Q : label -> bool), (forall a b, In (a, b) ps -> Q a = Q b) ->
  forall z w, Eqv ps z w -> Q z = Q w.
Proof. intros ps Q HQ z w H. induction H; congruence || auto. Qed.

Lemma upairs_rot : forall k w x y z, k < 4 ->
  (forall a b, In (a, b) (upairs (rot k w x y z)) ->
     (a = w /\ b = y) \/ (a = y /\ b = w) \/ (a = x /\ b = z) \/ (a = z /\ b = x)) /\
  Eqv (upairs (rot k w x y z)) w y /\ Eqv (upairs (rot k w x y z)) x z.
Proof.
  intros k w x y z Hk. destruct k as [|[|[|[|k]]]]; [| | | |lia]; simpl;
    (split; [intros a b H; repeat destruct H as [H|H]; try contradiction; injection H as <- <-; tauto|]);
    split; first [apply eqv_base; simpl; tauto | apply eqv_sym, eqv_base; simpl; tauto].
Qed.

Lemma join_crossings : forall u v D, crossings (join u v D) = map (rn (join_map u v)) (crossings D).
Proof.
  intros u v D. unfold join, join_map. destruct (Pos.eqb u v); simpl; [now rewrite map_rn_id | reflexivity].
Qed.

Lemma join_free : forall u v D, free (join u v D) = free D + (if Pos.eqb u v then 1 else 0).
Proof. intros u v D. unfold join. destruct (Pos.eqb u v); simpl; lia. Qed.

Lemma join2_crossings : forall u1 v1 u2 v2 D,
  crossings (join2 u1 v1 u2 v2 D) = map (rn (seqjoin [(u1, v1); (u2, v2)])) (crossings D).
Proof. intros. unfold join2. rewrite !join_crossings, map_rn_map_rn. reflexivity. Qed.

Lemma lk_true : forall (R : label -> label) DL E y r, In y (labels E) -> In y DL -> R y = r ->
  existsb (fun y => Pos.eqb (R y) r) (filter (fun l => existsb (Pos.eqb l) DL) (labels E)) = true.
Proof.
  intros R DL E y r H1 H2 H3. apply existsb_exists. exists y. split; [|now apply Pos.eqb_eq].
  apply filter_In. split; [exact H1 | now apply in_labels_exists].
Qed.

Lemma lk_false : forall (R : label -> label) DL E r, (forall y, In y (labels E) -> In y DL -> R y <> r) ->
  existsb (fun y => Pos.eqb (R y) r) (filter (fun l => existsb (Pos.eqb l) DL) (labels E)) = false.
Proof.
  intros R DL E r H. apply Bool.not_true_iff_false. intros He. apply existsb_exists in He as [y [Hy Hr]].
  apply filter_In in Hy as [Hy1 Hy2]. apply in_labels_exists in Hy2. apply Pos.eqb_eq in Hr. exact (H y Hy1 Hy2 Hr).
Qed.

Lemma roots_pair : forall (roots : list label) (P : label -> bool) a b,
  NoDup roots -> (forall r, In r roots <-> r = a \/ r = b) -> a <> b ->
  length (filter P roots) = (if P a then 1 else 0) + (if P b then 1 else 0).
Proof.
  intros roots P a b Hnd H Hab. rewrite (filter_length_perm P roots [a; b]).
  - simpl. now destruct (P a), (P b).
  - apply NoDup_Permutation; [exact Hnd | repeat constructor; simpl; intuition |]. intros r. rewrite H. simpl. intuition.
Qed.

(** Counting lemmas for the bigon: [e] and [g] occur only on the bigon. *)
Lemma cnt_e : forall v a c d c' d' n,
  count_occ Pos.eq_dec [a; v; c; d] v + count_occ Pos.eq_dec [v; a; c'; d'] v + n = 2 ->
  a <> v /\ c <> v /\ d <> v /\ c' <> v /\ d' <> v /\ n = 0.
Proof.
  intros v a c d c' d' n H. simpl in H. destruct (Pos.eq_dec v v); [|congruence].
  destruct (Pos.eq_dec a v), (Pos.eq_dec c v), (Pos.eq_dec d v), (Pos.eq_dec c' v), (Pos.eq_dec d' v); lia.
Qed.

Lemma cnt_g : forall v a c d c' d' n,
  count_occ Pos.eq_dec [v; a; c; d] v + count_occ Pos.eq_dec [a; v; c'; d'] v + n = 2 ->
  a <> v /\ c <> v /\ d <> v /\ c' <> v /\ d' <> v /\ n = 0.
Proof.
  intros v a c d c' d' n H. simpl in H. destruct (Pos.eq_dec v v); [|congruence].
  destruct (Pos.eq_dec a v), (Pos.eq_dec c v), (Pos.eq_dec d v), (Pos.eq_dec c' v), (Pos.eq_dec d' v); lia.
Qed.

Lemma cnt_end : forall v g e x2 x3 y2 y3 n, g <> v -> e <> v ->
  count_occ Pos.eq_dec [g; e; x2; x3] v + count_occ Pos.eq_dec [e; g; y2; y3] v + n = 2 ->
  (if Pos.eq_dec x2 v then 1 else 0) + (if Pos.eq_dec x3 v then 1 else 0) +
  (if Pos.eq_dec y2 v then 1 else 0) + (if Pos.eq_dec y3 v then 1 else 0) + n = 2.
Proof.
  intros v g e x2 x3 y2 y3 n Hg He H. simpl in H.
  destruct (Pos.eq_dec g v); [congruence|]. destruct (Pos.eq_dec e v); [congruence|].
  destruct (Pos.eq_dec x2 v), (Pos.eq_dec x3 v), (Pos.eq_dec y2 v), (Pos.eq_dec y3 v); lia.
Qed.

Lemma WL_count2 : forall x y E v, WellLabelled (x :: y :: E) -> In v (xlabels x) ->
  count_occ Pos.eq_dec (xlabels x) v + count_occ Pos.eq_dec (xlabels y) v + occ v E = 2.
Proof.
  intros x y E v W H. rewrite <- Nat.add_assoc, <- occ_cons, <- occ_cons. apply W.
  unfold labels. simpl. apply in_or_app. now left.
Qed.

Lemma WL_count2' : forall x y E v, WellLabelled (x :: y :: E) -> In v (labels E) ->
  count_occ Pos.eq_dec (xlabels x) v + count_occ Pos.eq_dec (xlabels y) v + occ v E = 2.
Proof.
  intros x y E v W H. rewrite <- Nat.add_assoc, <- occ_cons, <- occ_cons. apply W.
  unfold labels. simpl. apply in_or_app. right. apply in_or_app. now right.
Qed.

Ltac eqb_simpl := repeat match goal with
  | |- context [Pos.eqb ?a ?a] => rewrite Pos.eqb_refl
  | |- context [Pos.eqb ?a ?b] =>
      let H := fresh in assert (H : a <> b) by congruence; apply Pos.eqb_neq in H; rewrite H; clear H
  end.

Ltac solve_cnt C := let H := fresh in pose proof C as H;
  repeat match type of H with context [Pos.eq_dec ?a ?b] => destruct (Pos.eq_dec a b); simpl in H end;
  try congruence; lia.

Ltac nokept Fe Fg HDL :=
  apply lk_false; let yy := fresh in let Hy1 := fresh in let Hy2 := fresh in let Hy3 := fresh in
  intros yy Hy1 Hy2 Hy3; apply HDL in Hy2; repeat destruct Hy2 as [Hy2|Hy2]; subst yy;
  first [exact (Fg Hy1) | exact (Fe Hy1) | congruence |
         (apply occ_pos in Hy1; match goal with O : occ _ _ = 0 |- _ => rewrite O in Hy1; exact (Nat.lt_irrefl 0 Hy1) end)].
Ltac inkept v Rv := apply (lk_true _ _ _ v);
  [apply occ_pos; match goal with O : occ v _ = 1 |- _ => rewrite O; exact Nat.lt_0_1 end | | exact Rv];
  match goal with H : forall z, In z _ <-> _ |- _ => apply H; tauto end.

(** R2Remove is a Reidemeister II move of the specification. *)
Theorem refine_r2_remove : forall s i j t, WellLabelled (crossings s) ->
  apply_pd_move s (R2Remove i j) = Some t -> SpecR2 s t.
Proof.
  intros s i0 j0 t W H. simpl in H.
  destruct (nth_error (crossings s) i0) as [x|] eqn:Hx; [|discriminate].
  destruct (nth_error (crossings s) j0) as [y|] eqn:Hy; [|discriminate].
  destruct (negb (Nat.eqb i0 j0) && is_bigon x y) eqn:Hb; [|discriminate]. injection H as <-.
  apply andb_true_iff in Hb as [Hij Hb]. apply negb_true_iff, Nat.eqb_neq in Hij.
  pose proof (straighten_char (crossings s) (free s) [i0; j0]) as SC. cbv zeta in SC.
  assert (Hd : Permutation (pick 0 [i0; j0] (crossings s) true) [x; y]).
  { destruct (Nat.lt_ge_cases i0 j0).
    - rewrite (pick_two _ 0 i0 j0 x y); [apply Permutation_refl | lia | lia | now rewrite Nat.sub_0_r
        | now rewrite Nat.sub_0_r | intros kk; simpl; intuition congruence].
    - rewrite (pick_two _ 0 j0 i0 y x); [apply perm_swap | lia | lia | now rewrite Nat.sub_0_r
        | now rewrite Nat.sub_0_r | intros kk; simpl; intuition congruence]. }
  set (dels := pick 0 [i0; j0] (crossings s) true) in *.
  set (kept := pick 0 [i0; j0] (crossings s) false) in *.
  destruct SC as [ren [roots [Hst [Hren [Hnd Hroots]]]]].
  assert (Hp : Permutation (crossings s) (x :: y :: kept)).
  { eapply Permutation_trans; [apply (pick_perm (crossings s) 0 [i0; j0])|]. fold dels kept.
    change (x :: y :: kept) with ([x; y] ++ kept). now apply Permutation_app_tail. }
  destruct (is_bigon_spec x y Hb) as [k [m [e [g [x2 [x3 [y2 [y3 [Hk [Hm [Hshape [Ex Ey]]]]]]]]]]]].
  subst x y.
  pose proof (WL_perm _ _ Hp W) as W'.
  pose proof (WL_count2 _ _ kept e W' (proj2 (in_rot k g e x2 x3 e) (or_intror (or_introl eq_refl)))) as Ce.
  rewrite !count_rot in Ce. apply cnt_e in Ce as [Fge [Fx2e [Fx3e [Fy2e [Fy3e Fe]]]]].
  pose proof (WL_count2 _ _ kept g W' (proj2 (in_rot k g e x2 x3 g) (or_introl eq_refl))) as Cg.
  rewrite !count_rot in Cg. apply cnt_g in Cg as [Feg [Fx2g [Fx3g [Fy2g [Fy3g Fg]]]]].
  apply occ_zero in Fe, Fg.
  assert (Cx2 := WL_count2 _ _ kept x2 W' (proj2 (in_rot k g e x2 x3 x2) (or_intror (or_intror (or_introl eq_refl))))).
  assert (Cx3 := WL_count2 _ _ kept x3 W' (proj2 (in_rot k g e x2 x3 x3) (or_intror (or_intror (or_intror eq_refl))))).
  assert (Cy2 : count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y2 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y2
                + occ y2 kept = 2).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W') as W''. rewrite (Nat.add_comm (count_occ _ _ y2)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  assert (Cy3 : count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y3 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y3
                + occ y3 kept = 2).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W') as W''. rewrite (Nat.add_comm (count_occ _ _ y3)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  rewrite !count_rot in Cx2, Cx3, Cy2, Cy3.
  apply cnt_end in Cx2; [|congruence|congruence]. apply cnt_end in Cx3; [|congruence|congruence].
  apply cnt_end in Cy2; [|congruence|congruence]. apply cnt_end in Cy3; [|congruence|congruence].
  (* the classes of the deleted pairs *)
  set (X := rot k g e x2 x3) in *. set (Y := rot m e g y2 y3) in *.
  set (P4 := flat_map upairs dels) in *.
  assert (HP4 : forall a b, In (a, b) P4 <-> In (a, b) (upairs X) \/ In (a, b) (upairs Y)).
  { intros a b. unfold P4. rewrite in_flat_map. split.
    - intros [z [Hz Hab]]. apply (Permutation_in _ Hd) in Hz. destruct Hz as [<-|[<-|[]]]; tauto.
    - intros [H|H]; [exists X | exists Y]; (split; [|exact H]);
        apply (Permutation_in _ (Permutation_sym Hd)); simpl; tauto. }
  destruct (upairs_rot k g e x2 x3 Hk) as [UX [EX1 EX2]]. destruct (upairs_rot m e g y2 y3 Hm) as [UY [EY1 EY2]].
  fold X in UX, EX1, EX2. fold Y in UY, EY1, EY2.
  assert (HX : forall z w, Eqv (upairs X) z w -> Eqv P4 z w)
    by (apply Eqv_incl; intros a b Hab; apply eqv_base, HP4; tauto).
  assert (HY : forall z w, Eqv (upairs Y) z w -> Eqv P4 z w)
    by (apply Eqv_incl; intros a b Hab; apply eqv_base, HP4; tauto).
  set (R := seqjoin P4) in *.
  assert (Rx2 : R x2 = R g) by (symmetry; apply seqjoin_eqv, HX, EX1).
  assert (Rx3 : R x3 = R e) by (symmetry; apply seqjoin_eqv, HX, EX2).
  assert (Ry2 : R y2 = R e) by (symmetry; apply seqjoin_eqv, HY, EY1).
  assert (Ry3 : R y3 = R g) by (symmetry; apply seqjoin_eqv, HY, EY2).
  set (DL := labels dels) in *.
  assert (HDL : forall z, In z DL <-> z = g \/ z = e \/ z = x2 \/ z = x3 \/ z = y2 \/ z = y3).
  { intros z. unfold DL, X, Y in *. split.
    - intros Hz. apply (Permutation_in _ (labels_perm _ _ Hd)) in Hz. unfold labels in Hz. simpl in Hz.
      rewrite app_nil_r in Hz. apply in_app_or in Hz as [Hz|Hz]; apply in_rot in Hz; tauto.
    - intros Hz. apply (Permutation_in _ (Permutation_sym (labels_perm _ _ Hd))). unfold labels. simpl.
      rewrite app_nil_r. apply in_or_app. rewrite !in_rot. tauto. }
  assert (Hroots2 : forall r, In r roots <-> r = R e \/ r = R g).
  { intros r. rewrite Hroots. split.
    - intros [z [Hz <-]]. apply HDL in Hz. repeat destruct Hz as [Hz|Hz]; subst z; tauto.
    - intros [->| ->]; [exists e | exists g]; split; try reflexivity; apply HDL; tauto. }
  (* separating the two classes when they are apart *)
  assert (Sep : forall Q : label -> bool, Q e = true -> Q g = false ->
           Q x3 = true -> Q y2 = true -> Q x2 = false -> Q y3 = false -> R e <> R g).
  { intros Q Qe Qg Qx3 Qy2 Qx2 Qy3 HR. apply seqjoin_eqv in HR.
    apply (Eqv_sep P4 Q) in HR; [congruence|]. intros a b Hab. apply HP4 in Hab as [Hab|Hab];
      [apply UX in Hab | apply UY in Hab]; repeat destruct Hab as [Hab|Hab]; destruct Hab as [-> ->]; congruence. }

  set (LK := filter (fun l => existsb (Pos.eqb l) DL) (labels kept)) in *.
  assert (Hloops : length (filter (fun r => negb (existsb (fun y => Pos.eqb (R y) r) LK)) roots)
          = (if Pos.eqb x3 y2 then 1 else 0) + (if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1 else 0)).
  { clear Hst Hren Hp W W' HP4 UX UY HX HY EX1 EX2 EY1 EY2 Hd Hx Hy Hb Hshape Hk Hm Hij.
    destruct (Pos.eq_dec x3 y2) as [E1|N1].
    - subst y2.
      assert (O3 : occ x3 kept = 0) by solve_cnt Cx3.
      assert (N23 : x2 <> x3) by solve_cnt Cx3. assert (N33 : y3 <> x3) by solve_cnt Cx3.
      assert (Hsep : R e <> R g)
        by (apply (Sep (fun z => Pos.eqb z e || Pos.eqb z x3)); eqb_simpl; reflexivity).
      rewrite (roots_pair _ _ _ _ Hnd Hroots2 Hsep).
      assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = false) by nokept Fe Fg HDL.
      rewrite Pe. unfold join_map. rewrite Pos.eqb_refl.
      destruct (Pos.eq_dec x2 y3) as [E2|N2].
      + subst y3. assert (O2 : occ x2 kept = 0) by solve_cnt Cx2.
        assert (Pg : existsb (fun y => Pos.eqb (R y) (R g)) LK = false) by nokept Fe Fg HDL.
        rewrite Pg, Pos.eqb_refl. reflexivity.
      + assert (O2 : occ x2 kept = 1) by solve_cnt Cx2.
        assert (Pg : existsb (fun y => Pos.eqb (R y) (R g)) LK = true) by inkept x2 Rx2.
        rewrite Pg. eqb_simpl. reflexivity.
    - destruct (Pos.eq_dec x2 y3) as [E2|N2].
      + subst y3. assert (O2 : occ x2 kept = 0) by solve_cnt Cx2.
        assert (N32 : x3 <> x2) by solve_cnt Cx2. assert (N22 : y2 <> x2) by solve_cnt Cx2.
        assert (O3 : occ x3 kept = 1) by solve_cnt Cx3.
        assert (Hsep : R e <> R g)
          by (apply (Sep (fun z => Pos.eqb z e || Pos.eqb z x3 || Pos.eqb z y2)); eqb_simpl; reflexivity).
        rewrite (roots_pair _ _ _ _ Hnd Hroots2 Hsep).
        assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept x3 Rx3.
        assert (Pg : existsb (fun y => Pos.eqb (R y) (R g)) LK = false) by nokept Fe Fg HDL.
        rewrite Pe, Pg, Pos.eqb_refl. eqb_simpl. reflexivity.
      + destruct (Pos.eq_dec x3 x2) as [E3|N3]; [|destruct (Pos.eq_dec x3 y3) as [E4|N4]];
          [| |destruct (Pos.eq_dec y2 x2) as [E5|N5]; [|destruct (Pos.eq_dec y2 y3) as [E6|N6]]].
        * (* x3 = x2 *) subst x2.
          assert (O3 : occ x3 kept = 0) by solve_cnt Cx3. assert (N33 : y3 <> x3) by solve_cnt Cx3.
          assert (Hm' : R g = R e) by congruence.
          assert (Hr1 : forall r, In r roots <-> r = R e) by (intros r; rewrite Hroots2; rewrite Hm'; tauto).
          rewrite (roots_single _ _ _ Hnd Hr1). eqb_simpl.
          destruct (Pos.eq_dec y2 y3) as [E6|N6].
          -- subst y3. assert (O2 : occ y2 kept = 0) by solve_cnt Cy2.
             assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = false) by nokept Fe Fg HDL.
             rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 x3) (join_map x3 y2 y2)) as [J|J];
               [reflexivity | exfalso; apply J, join_map_eq; tauto].
          -- assert (O2 : occ y2 kept = 1) by solve_cnt Cy2.
             assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept y2 Ry2.
             rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 x3) (join_map x3 y2 y3)) as [J|J];
               [apply join_map_eq in J; exfalso; intuition congruence | reflexivity].
        * (* x3 = y3 *) subst y3.
          assert (O3 : occ x3 kept = 0) by solve_cnt Cx3.
          assert (Hm' : R g = R e) by congruence.
          assert (Hr1 : forall r, In r roots <-> r = R e) by (intros r; rewrite Hroots2; rewrite Hm'; tauto).
          rewrite (roots_single _ _ _ Hnd Hr1). eqb_simpl.
          destruct (Pos.eq_dec y2 x2) as [E5|N5].
          -- subst x2. assert (O2 : occ y2 kept = 0) by solve_cnt Cy2.
             assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = false) by nokept Fe Fg HDL.
             rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 y2) (join_map x3 y2 x3)) as [J|J];
               [reflexivity | exfalso; apply J, join_map_eq; tauto].
          -- assert (O2 : occ y2 kept = 1) by solve_cnt Cy2.
             assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept y2 Ry2.
             rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 x3)) as [J|J];
               [apply join_map_eq in J; exfalso; intuition congruence | reflexivity].
        * (* y2 = x2 *) subst x2.
          assert (O3 : occ x3 kept = 1) by solve_cnt Cx3.
          assert (Hm' : R g = R e) by congruence.
          assert (Hr1 : forall r, In r roots <-> r = R e) by (intros r; rewrite Hroots2; rewrite Hm'; tauto).
          rewrite (roots_single _ _ _ Hnd Hr1). eqb_simpl.
          assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept x3 Rx3.
          rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 y2) (join_map x3 y2 y3)) as [J|J];
            [apply join_map_eq in J; exfalso; intuition congruence | reflexivity].
        * (* y2 = y3 *) subst y3.
          assert (O3 : occ x3 kept = 1) by solve_cnt Cx3.
          assert (Hm' : R g = R e) by congruence.
          assert (Hr1 : forall r, In r roots <-> r = R e) by (intros r; rewrite Hroots2; rewrite Hm'; tauto).
          rewrite (roots_single _ _ _ Hnd Hr1). eqb_simpl.
          assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept x3 Rx3.
          rewrite Pe. destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y2)) as [J|J];
            [apply join_map_eq in J; exfalso; intuition congruence | reflexivity].
        * (* four distinct ends *)
          assert (O3 : occ x3 kept = 1) by solve_cnt Cx3. assert (O2 : occ x2 kept = 1) by solve_cnt Cx2.
          assert (Hsep : R e <> R g)
            by (apply (Sep (fun z => Pos.eqb z e || Pos.eqb z x3 || Pos.eqb z y2)); eqb_simpl; reflexivity).
          rewrite (roots_pair _ _ _ _ Hnd Hroots2 Hsep).
          assert (Pe : existsb (fun y => Pos.eqb (R y) (R e)) LK = true) by inkept x3 Rx3.
          assert (Pg : existsb (fun y => Pos.eqb (R y) (R g)) LK = true) by inkept x2 Rx2.
          rewrite Pe, Pg. eqb_simpl. destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y3)) as [J|J];
            [apply join_map_eq in J; exfalso; intuition congruence | reflexivity]. }
  exists k, m, e, g, x2, x3, y2, y3, kept.
  split; [exact Hk|]. split; [exact Hm|]. split; [exact Hshape|]. split; [exact W|]. split; [exact Hp|].
  rewrite Hst.
  assert (HJ : join2 x3 y2 x2 y3 (mk_pd kept (free s)) =
               mk_pd (map (rn (seqjoin [(x3, y2); (x2, y3)])) kept)
                     (free s + ((if Pos.eqb x3 y2 then 1 else 0) +
                                (if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1 else 0)))).
  { pose proof (join2_crossings x3 y2 x2 y3 (mk_pd kept (free s))) as HC.
    change (crossings (mk_pd kept (free s))) with kept in HC.
    assert (HF : free (join2 x3 y2 x2 y3 (mk_pd kept (free s))) =
                 free s + ((if Pos.eqb x3 y2 then 1 else 0) +
                           (if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1 else 0)))
      by (unfold join2; rewrite !join_free; simpl free; lia).
    destruct (join2 x3 y2 x2 y3 (mk_pd kept (free s))) as [c0 f0]. simpl in HC, HF. now subst. }
  rewrite HJ, Hloops. apply iso_rename.
  intros z w Hz Hw. rewrite (Hren z w Hz Hw), seqjoin_eqv.
  assert (Hze : z <> e) by (intros ->; exact (Fe Hz)). assert (Hzg : z <> g) by (intros ->; exact (Fg Hz)).
  assert (Hwe : w <> e) by (intros ->; exact (Fe Hw)). assert (Hwg : w <> g) by (intros ->; exact (Fg Hw)).
  split.
  - intros HE. destruct (Eqv_support _ _ _ HE) as [->|[Sz Sw]]; [now left|]. right. simpl in Sz, Sw.
    split; [apply HDL; destruct Sz as [H|[H|[H|[H|[]]]]]; subst; tauto|].
    split; [apply HDL; destruct Sw as [H|[H|[H|[H|[]]]]]; subst; tauto|].
    apply seqjoin_eqv. apply (Eqv_incl [(x3, y2); (x2, y3)]); [|exact HE].
    intros a b [Hab|[Hab|[]]]; injection Hab as <- <-.
    + apply eqv_trans with e; [apply eqv_sym, HX, EX2 | apply HY, EY1].
    + apply eqv_trans with g; [apply eqv_sym, HX, EX1 | apply HY, EY2].
  - intros [->|[_ [_ HR]]]; [apply eqv_refl|]. apply seqjoin_eqv in HR.
    set (sg := fun z => if Pos.eqb z e then x3 else if Pos.eqb z g then x2 else z).
    assert (Hs : Eqv [(x3, y2); (x2, y3)] (sg z) (sg w)).
    { apply (Eqv_map P4); [|exact HR]. intros a b Hab. apply HP4 in Hab as [Hab|Hab];
        [apply UX in Hab | apply UY in Hab]; repeat destruct Hab as [Hab|Hab]; destruct Hab as [-> ->];
        unfold sg; eqb_simpl;
        first [apply eqv_refl | apply eqv_base; simpl; tauto | apply eqv_sym, eqv_base; simpl; tauto]. }
    unfold sg in Hs. revert Hs. eqb_simpl. tauto.
Qed.

(** ** The context of a state: crossings by key, slots by label *)

Definition lst {A} (o : option (list A)) : list A := match o with Some l => l | None => [] end.

Lemma add_position_spec : forall pos l l' s,
  lst (pget l (add_position l' s pos)) = if Pos.eqb l l' then lst (pget l pos) ++ [s] else lst (pget l pos).
Proof.
  intros pos. induction pos as [|lt IHl v rt IHr]; intros l l' s.
  - assert (E : add_position l' s PLeaf = pset l' [s] PLeaf) by (destruct l'; reflexivity). rewrite E.
    rewrite pget_pset, pget_leaf. destruct (Pos.eqb l l'); reflexivity.
  - destruct l' as [l'|l'|]; destruct l as [l|l|]; simpl; try rewrite IHr; try rewrite IHl;
      try reflexivity; try (destruct v; reflexivity).
Qed.

Fixpoint slots_from (k : positive) (xs : list crossing) (l : label) : list slot :=
  match xs with
  | [] => []
  | x :: r => map (fun p => (k, p)) (filter (fun p => Pos.eqb (get4 x p) l) [0; 1; 2; 3]) ++ slots_from (Pos.succ k) r l
  end.

Lemma index_crossings_pos : forall xs k t pos sl n mx l,
  lst (pget l (cx_pos (index_crossings k xs t pos sl n mx))) = lst (pget l pos) ++ slots_from k xs l.
Proof.
  intros xs. induction xs as [|[[[a b] c] d] r IH]; intros k t pos sl n mx l; simpl.
  - now rewrite app_nil_r.
  - rewrite IH, !add_position_spec. simpl get4.
    rewrite (Pos.eqb_sym a l), (Pos.eqb_sym b l), (Pos.eqb_sym c l), (Pos.eqb_sym d l).
    destruct (Pos.eqb l a), (Pos.eqb l b), (Pos.eqb l c), (Pos.eqb l d); simpl;
      repeat rewrite <- app_assoc; reflexivity.
Qed.

Lemma index_crossings_xs : forall xs k t pos sl n mx i,
  pget (Pos.of_succ_nat (Pos.to_nat k - 1 + i)) (cx_xs (index_crossings k xs t pos sl n mx)) =
  match nth_error xs i with Some x => Some x | None => pget (Pos.of_succ_nat (Pos.to_nat k - 1 + i)) t end.
Proof.
  intros xs. induction xs as [|[[[a b] c] d] r IH]; intros k t pos sl n mx i; simpl.
  - destruct i; reflexivity.
  - destruct i as [|i].
    + rewrite Nat.add_0_r. specialize (IH (Pos.succ k) (pset k (a, b, c, d) t) (add_position d (k, 3)
        (add_position c (k, 2) (add_position b (k, 1) (add_position a (k, 0) pos))))
        ((k, 3) :: (k, 2) :: (k, 1) :: (k, 0) :: sl) (S n)
        (N.max mx (N.max (N.max (Npos a) (Npos b)) (N.max (Npos c) (Npos d))))).
      assert (Hk : Pos.of_succ_nat (Pos.to_nat k - 1) = k) by (rewrite Pos.of_nat_succ; replace (S (Pos.to_nat k - 1)) with (Pos.to_nat k) by lia; apply Pos2Nat.id).
      rewrite Hk.
      (* the key k is below every later key: pget k is the pset just made *)
      assert (Hlow : forall ys k' t' pos' sl' n' mx', Pos.lt k k' ->
                 pget k (cx_xs (index_crossings k' ys t' pos' sl' n' mx')) = pget k t').
      { intros ys. induction ys as [|y ys IHy]; intros k' t' pos' sl' n' mx' Hlt; simpl; [reflexivity|].
        destruct y as [[[a' b'] c'] d']. rewrite IHy by lia. rewrite pget_pset.
        destruct (Pos.eqb_spec k k'); [lia | reflexivity]. }
      rewrite Hlow by lia. rewrite pget_pset, Pos.eqb_refl. reflexivity.
    + specialize (IH (Pos.succ k)). replace (Pos.to_nat k - 1 + S i) with (Pos.to_nat (Pos.succ k) - 1 + i)
        by (rewrite Pos2Nat.inj_succ; lia).
      rewrite IH. simpl nth_error. destruct (nth_error r i); [reflexivity|].
      rewrite pget_pset. destruct (Pos.eqb_spec (Pos.of_succ_nat (Pos.to_nat (Pos.succ k) - 1 + i)) k) as [E|]; [|reflexivity].
      exfalso. apply (f_equal Pos.to_nat) in E. rewrite SuccNat2Pos.id_succ, Pos2Nat.inj_succ in E. lia.
Qed.

Lemma cx_xs_nth : forall xs i, pget (key_of i) (cx_xs (make_context xs)) = nth_error xs i.
Proof.
  intros xs i. unfold make_context, key_of. pose proof (index_crossings_xs xs 1 PLeaf PLeaf [] 0 0%N i) as H.
  simpl (Pos.to_nat 1 - 1 + i) in H. rewrite H, pget_leaf. destruct (nth_error xs i); reflexivity.
Qed.

Lemma cx_pos_slots : forall xs l, lst (pget l (cx_pos (make_context xs))) = slots_from 1 xs l.
Proof. intros xs l. unfold make_context. now rewrite index_crossings_pos, pget_leaf. Qed.

Lemma cx_n_length : forall xs, cx_n (make_context xs) = length xs.
Proof.
  intros xs. unfold make_context.
  assert (H : forall ys k t pos sl n mx, cx_n (index_crossings k ys t pos sl n mx) = n + length ys).
  { intros ys. induction ys as [|[[[a b] c] d] ys IH]; intros; simpl; [lia | rewrite IH; lia]. }
  rewrite H. reflexivity.
Qed.

Lemma key_of_S : forall n, key_of (S n) = Pos.succ (key_of n).
Proof. reflexivity. Qed.

Lemma key_of_inj : forall i j, key_of i = key_of j -> i = j.
Proof. intros i j H. unfold key_of in H. apply (f_equal Pos.to_nat) in H. rewrite !SuccNat2Pos.id_succ in H. lia. Qed.

Lemma key_of_surj : forall k, k = key_of (Pos.to_nat k - 1).
Proof. intros k. unfold key_of. rewrite Pos.of_nat_succ. replace (S (Pos.to_nat k - 1)) with (Pos.to_nat k) by lia. now rewrite Pos2Nat.id. Qed.

Lemma slots_from_in : forall xs n l k p, In (k, p) (slots_from (key_of n) xs l) <->
  exists i x, k = key_of (n + i) /\ nth_error xs i = Some x /\ p < 4 /\ get4 x p = l.
Proof.
  intros xs. induction xs as [|x r IH]; intros n l k p; cbn [slots_from].
  - simpl. split; [intros []|]. intros [i [x [_ [H _]]]]. destruct i; discriminate.
  - rewrite in_app_iff, in_map_iff, <- key_of_S, IH. split.
    + intros [[q [Hq Hf]]|[i [y [Hk [Hy [Hp Hl]]]]]].
      * injection Hq as <- <-. apply filter_In in Hf as [Hq Hl]. apply Pos.eqb_eq in Hl.
        exists 0, x. rewrite Nat.add_0_r. simpl in Hq. repeat split; auto; lia.
      * exists (S i), y. rewrite Hk. repeat split; auto. f_equal. lia.
    + intros [[|i] [y [Hk [Hy [Hp Hl]]]]].
      * simpl in Hy. injection Hy as <-. left. exists p. rewrite Nat.add_0_r in Hk. subst k. split; [reflexivity|].
        apply filter_In. split; [simpl; lia | now apply Pos.eqb_eq].
      * right. exists i, y. rewrite Hk. repeat split; auto. f_equal. lia.
Qed.

Lemma NoDup_app' : forall {A} (l1 l2 : list A), NoDup l1 -> NoDup l2 -> (forall x, In x l1 -> ~ In x l2) ->
  NoDup (l1 ++ l2).
Proof.
  intros A l1. induction l1 as [|a l1 IH]; intros l2 H1 H2 H; simpl; [exact H2|].
  inversion H1; subst. constructor.
  - intros Ha. apply in_app_or in Ha as [Ha|Ha]; [contradiction | exact (H a (or_introl eq_refl) Ha)].
  - apply IH; auto. intros x Hx. apply H. now right.
Qed.

Lemma slots_from_nodup : forall xs k l, NoDup (slots_from k xs l).
Proof.
  intros xs. induction xs as [|x r IH]; intros k l; cbn [slots_from]; [constructor|].
  apply NoDup_app'.
  - apply FinFun.Injective_map_NoDup; [intros p q H; now injection H|].
    apply NoDup_filter. repeat constructor; simpl; lia.
  - apply IH.
  - intros s Hs Hs'. apply in_map_iff in Hs as [q [<- _]].
    assert (Hlt : forall ys k' q', Pos.lt k k' -> ~ In (k, q') (slots_from k' ys l)).
    { intros ys. induction ys as [|y ys IHy]; intros k' q' Hk' H; simpl in H; [exact H|].
      apply in_app_or in H as [H|H]; [apply in_map_iff in H as [? [E _]]; injection E; lia|].
      apply (IHy (Pos.succ k') q'); [lia | exact H]. }
    exact (Hlt r (Pos.succ k) q (Pos.lt_succ_diag_r k) Hs').
Qed.

Lemma slots_from_length : forall xs k l, length (slots_from k xs l) = occ l xs.
Proof.
  intros xs. induction xs as [|[[[a b] c] d] r IH]; intros k l; cbn [slots_from]; [reflexivity|].
  rewrite app_length, map_length, IH. unfold occ, labels. cbn [flat_map]. rewrite count_occ_app. f_equal. simpl.
  rewrite (Pos.eqb_sym a l), (Pos.eqb_sym b l), (Pos.eqb_sym c l), (Pos.eqb_sym d l).
  destruct (Pos.eq_dec a l) as [Ea|Na]; [rewrite Ea, Pos.eqb_refl | rewrite (proj2 (Pos.eqb_neq l a) (not_eq_sym Na))];
  (destruct (Pos.eq_dec b l) as [Eb|Nb]; [rewrite Eb, Pos.eqb_refl | rewrite (proj2 (Pos.eqb_neq l b) (not_eq_sym Nb))]);
  (destruct (Pos.eq_dec c l) as [Ec|Nc]; [rewrite Ec, Pos.eqb_refl | rewrite (proj2 (Pos.eqb_neq l c) (not_eq_sym Nc))]);
  (destruct (Pos.eq_dec d l) as [Ed|Nd]; [rewrite Ed, Pos.eqb_refl | rewrite (proj2 (Pos.eqb_neq l d) (not_eq_sym Nd))]);
  reflexivity.
Qed.

Lemma slot_label_real : forall xs i x p, nth_error xs i = Some x ->
  slot_label (make_context xs) (key_of i, p) = get4 x p.
Proof. intros xs i x p H. unfold slot_label. simpl fst. simpl snd. now rewrite cx_xs_nth, H. Qed.

Lemma other_end_cases : forall xs s,
  other_end (make_context xs) s = s \/ In (other_end (make_context xs) s) (slots_from 1 xs (slot_label (make_context xs) s)).
Proof.
  intros xs s. unfold other_end. rewrite <- cx_pos_slots.
  destruct (pget (slot_label (make_context xs) s) (cx_pos (make_context xs))) as [[|a [|b [|c r]]]|]; simpl; auto.
  destruct (slot_eqb a s); simpl; tauto.
Qed.

Lemma slot_eqb_spec : forall s t, slot_eqb s t = true <-> s = t.
Proof.
  intros [k p] [k' p']. unfold slot_eqb. simpl. rewrite andb_true_iff, Pos.eqb_eq, Nat.eqb_eq.
  split; [intros [-> ->]; reflexivity | intros H; injection H as -> ->; tauto].
Qed.

(** In a well-labelled code, the partner of a real slot is the other slot of its label. *)
Lemma other_end_spec : forall xs i x p, WellLabelled xs -> nth_error xs i = Some x -> p < 4 ->
  exists j y q, other_end (make_context xs) (key_of i, p) = (key_of j, q) /\ nth_error xs j = Some y /\ q < 4 /\
                get4 y q = get4 x p /\ (key_of j, q) <> (key_of i, p).
Proof.
  intros xs i x p W Hx Hp.
  set (l := get4 x p).
  assert (Hin : In (key_of i, p) (slots_from (key_of 0) xs l)) by (apply slots_from_in; exists i, x; auto).
  assert (Hlen : length (slots_from (key_of 0) xs l) = 2).
  { rewrite slots_from_length. apply W. apply (Permutation_in _ (Permutation_sym (labels_perm _ _ (Permutation_refl _)))).
    apply nth_error_split in Hx as [l1 [l2 [-> _]]]. rewrite labels_app. apply in_or_app. right.
    destruct x as [[[a b] c] d]. unfold l. simpl. destruct p as [|[|[|[|p]]]]; simpl; tauto || lia. }
  pose proof (slots_from_nodup xs (key_of 0) l) as Hnd.
  change (key_of 0) with 1%positive in *.
  unfold other_end. rewrite (slot_label_real xs i x p Hx). fold l.
  assert (HP : pget l (cx_pos (make_context xs)) = Some (slots_from 1 xs l)).
  { pose proof (cx_pos_slots xs l) as H. destruct (pget l (cx_pos (make_context xs))) as [ss|].
    - simpl in H. now rewrite H.
    - simpl in H. rewrite <- H in Hlen. discriminate. }
  rewrite HP. destruct (slots_from 1 xs l) as [|s1 [|s2 [|s3 r]]] eqn:E; try discriminate.
  assert (Hne : s1 <> s2) by (inversion Hnd; subst; simpl in *; intuition).
  assert (Hs2 : In s2 (slots_from (key_of 0) xs l)) by (change (key_of 0) with 1%positive; rewrite E; simpl; tauto).
  assert (Hs1 : In s1 (slots_from (key_of 0) xs l)) by (change (key_of 0) with 1%positive; rewrite E; simpl; tauto).
  destruct (slot_eqb s1 (key_of i, p)) eqn:Es.
  - apply slot_eqb_spec in Es. destruct s2 as [k2 q2]. apply slots_from_in in Hs2 as [j [y [Hk [Hy [Hq Hl]]]]].
    exists j, y, q2. simpl in Hk. subst k2. repeat split; auto. congruence.
  - assert (Hs : s1 <> (key_of i, p)) by (intros H; apply slot_eqb_spec in H; congruence).
    destruct s1 as [k1 q1]. apply slots_from_in in Hs1 as [j [y [Hk [Hy [Hq Hl]]]]].
    exists j, y, q1. simpl in Hk. subst k1. repeat split; auto.
Qed.

(** ** Faces with three corners *)

Lemma face3 : forall F cx st a b c, F <> 3 -> trace_face F cx st st [] = [a; b; c] ->
  a = st /\ next_corner cx a = b /\ next_corner cx b = c /\ next_corner cx c = a.
Proof.
  intros F cx st a b c HF H.
  assert (Hlen : forall F' cur acc, length (trace_face F' cx st cur acc) >= length acc + (if F' then 0 else 1)).
  { intros F'. induction F' as [|F' IH]; intros cur acc; simpl.
    - rewrite rev'_rev, rev_length. lia.
    - destruct (slot_eqb (next_corner cx cur) st); [rewrite rev'_rev, rev_length; simpl; lia|].
      specialize (IH (next_corner cx cur) (cur :: acc)). simpl in IH. destruct F'; lia. }
  destruct F as [|[|[|[|F]]]]; [discriminate| | |lia|].
  - simpl in H. destruct (slot_eqb _ st); discriminate.
  - simpl in H. destruct (slot_eqb _ st); [discriminate|]. destruct (slot_eqb _ st); discriminate.
  - cbn [trace_face] in H.
    destruct (slot_eqb (next_corner cx st) st) eqn:E1; [discriminate|].
    destruct (slot_eqb (next_corner cx (next_corner cx st)) st) eqn:E2; [discriminate|].
    destruct (slot_eqb (next_corner cx (next_corner cx (next_corner cx st))) st) eqn:E3.
    + injection H as <- <- <-. apply slot_eqb_spec in E3. auto.
    + pose proof (Hlen (S F) (next_corner cx (next_corner cx (next_corner cx st)))
        [next_corner cx (next_corner cx st); next_corner cx st; st]) as L.
      cbn [trace_face] in L. rewrite H in L. simpl in L. lia.
Qed.

(** ** Picking several crossings, and relabelling slots *)

Lemma pick_ext : forall xs n D D' b, (forall m, n <= m -> existsb (Nat.eqb m) D = existsb (Nat.eqb m) D') ->
  pick n D xs b = pick n D' xs b.
Proof.
  intros xs. induction xs as [|x r IH]; intros n D D' b H; simpl; [reflexivity|].
  rewrite (H n (le_n n)). rewrite (IH (S n) D D'); [reflexivity|]. intros m Hm. apply H. lia.
Qed.

Lemma pick_true_perm : forall xs n D d, NoDup D -> (forall i, In i D -> n <= i /\ i < n + length xs) ->
  Permutation (pick n D xs true) (map (fun i => nth (i - n) xs d) D).
Proof.
  intros xs. induction xs as [|x r IH]; intros n D d Hnd HD; simpl.
  - destruct D as [|i D]; [constructor|]. specialize (HD i (or_introl eq_refl)). simpl in HD. lia.
  - destruct (existsb (Nat.eqb n) D) eqn:E; simpl.
    + apply existsb_exists in E as [i [Hi Hn]]. apply Nat.eqb_eq in Hn. subst i.
      apply in_split in Hi as [D1 [D2 ->]].
      apply NoDup_remove in Hnd as [Hnd Hn].
      rewrite map_app. simpl. rewrite Nat.sub_diag.
      apply Permutation_trans with (x :: map (fun i => nth (i - n) (x :: r) d) (D1 ++ D2));
        [|rewrite map_app; apply Permutation_middle].
      constructor. rewrite (pick_ext r (S n) (D1 ++ n :: D2) (D1 ++ D2)).
      * rewrite (map_ext_in _ (fun i => nth (i - S n) r d)).
        -- apply IH; [exact Hnd|]. intros i Hi. assert (Hi' : In i (D1 ++ n :: D2)) by (apply in_app_or in Hi; apply in_or_app; simpl; tauto).
           specialize (HD i Hi'). split; [|simpl in HD; lia]. destruct (Nat.eq_dec i n); [subst; contradiction|lia].
        -- intros i Hi. assert (Hi' : In i (D1 ++ n :: D2)) by (apply in_app_or in Hi; apply in_or_app; simpl; tauto).
           specialize (HD i Hi'). destruct (Nat.eq_dec i n); [subst; contradiction|].
           replace (i - n) with (S (i - S n)) by lia. reflexivity.
      * intros m Hm. rewrite !existsb_app. simpl. destruct (Nat.eqb_spec m n); [lia|]. reflexivity.
    + rewrite (map_ext_in _ (fun i => nth (i - S n) r d)).
      * apply IH; [exact Hnd|]. intros i Hi. specialize (HD i Hi). split; [|simpl in HD; lia].
        destruct (Nat.eq_dec i n); [|lia]. subst. exfalso.
        assert (existsb (Nat.eqb n) D = true) by (apply existsb_exists; exists n; split; [exact Hi | apply Nat.eqb_refl]). congruence.
      * intros i Hi. specialize (HD i Hi). destruct (Nat.eq_dec i n).
        -- subst. exfalso. assert (existsb (Nat.eqb n) D = true) by (apply existsb_exists; exists n; split; [exact Hi | apply Nat.eqb_refl]). congruence.
        -- replace (i - n) with (S (i - S n)) by lia. reflexivity.
Qed.

Definition relabel_at (k : positive) (changes : list (slot * label)) (x : crossing) : crossing :=
  fold_left (fun y ch => if Pos.eqb (fst (fst ch)) k then set4 y (snd (fst ch)) (snd ch) else y) changes x.

Lemma relabel_nth : forall xs n ch i,
  nth_error (relabel (key_of n) xs ch) i = option_map (relabel_at (key_of (n + i)) ch) (nth_error xs i).
Proof.
  intros xs. induction xs as [|x r IH]; intros n ch i; simpl; [destruct i; reflexivity|].
  destruct i as [|i]; simpl.
  - rewrite Nat.add_0_r. reflexivity.
  - rewrite <- key_of_S, IH. f_equal. f_equal. f_equal. lia.
Qed.

Lemma relabel_length : forall xs k ch, length (relabel k xs ch) = length xs.
Proof. intros xs. induction xs; intros; simpl; congruence. Qed.

Lemma relabel_at_none : forall k ch x, (forall c, In c ch -> fst (fst c) <> k) -> relabel_at k ch x = x.
Proof.
  intros k ch. unfold relabel_at. induction ch as [|c ch IH]; intros x H; simpl; [reflexivity|].
  destruct (Pos.eqb_spec (fst (fst c)) k) as [E|_]; [exfalso; exact (H c (or_introl eq_refl) E)|].
  apply IH. intros c' Hc'. apply H. now right.
Qed.

Lemma pick_relabel_false : forall xs n D ch,
  (forall c, In c ch -> exists i, In i D /\ fst (fst c) = key_of i) ->
  pick n D (relabel (key_of n) xs ch) false = pick n D xs false.
Proof.
  intros xs. induction xs as [|x r IH]; intros n D ch H; simpl; [reflexivity|].
  rewrite <- key_of_S, IH by exact H.
  destruct (existsb (Nat.eqb n) D) eqn:E; simpl; [reflexivity|]. f_equal.
  apply relabel_at_none. intros c Hc E'. destruct (H c Hc) as [i [Hi Hk]]. rewrite Hk in E'.
  apply key_of_inj in E'. subst i.
  assert (existsb (Nat.eqb n) D = true) by (apply existsb_exists; exists n; split; [exact Hi | apply Nat.eqb_refl]). congruence.
Qed.

Lemma set4_orderA : forall x p v0 v1 v2 v3, p < 4 ->
  set4 (set4 (set4 (set4 x (add1 p) v1) (add3 p) v3) p v0) (add2 p) v2 = rot p v0 v1 v2 v3.
Proof. intros [[[a b] c] d] p v0 v1 v2 v3 Hp. destruct p as [|[|[|[|p]]]]; try reflexivity; lia. Qed.

Lemma set4_orderB : forall x p v0 v1 v2 v3, p < 4 ->
  set4 (set4 (set4 (set4 x p v0) (add2 p) v2) (add1 p) v1) (add3 p) v3 = rot p v0 v1 v2 v3.
Proof. intros [[[a b] c] d] p v0 v1 v2 v3 Hp. destruct p as [|[|[|[|p]]]]; try reflexivity; lia. Qed.

Lemma add_lt4 : forall p, add1 p < 4 /\ add2 p < 4 /\ add3 p < 4.
Proof. intros p. destruct p as [|[|[|[|p]]]]; simpl; lia. Qed.

(** R3 is a Reidemeister III move of the specification. *)
Theorem refine_r3 : forall s e side t, WellLabelled (crossings s) ->
  apply_pd_move s (R3 e side) = Some t -> SpecR3 s t.
Proof.
  intros s e side t W H. unfold apply_pd_move in H.
  set (xs := crossings s) in *. set (cx := make_context xs) in *.
  destruct (pmem e (cx_pos cx) && side_ok side); [|discriminate].
  destruct (orientation_of cx) as [o|]; [|discriminate].
  destruct (edge_face_in cx o e side) as [face|] eqn:Hf; [|discriminate].
  destruct (is_triangle face) eqn:Ht; [|discriminate]. injection H as <-.
  assert (Hface : exists c0, face = face_corners cx c0).
  { unfold edge_face_in in Hf. destruct (pget e o) as [[tl hd]|]; [|discriminate]. injection Hf as <-. eexists; reflexivity. }
  destruct Hface as [c0 Hc0].
  destruct face as [|a [|b [|c [|d r]]]]; try discriminate Ht.
  destruct (is_triangle_spec a b c Ht) as [Nab [Nac [Nbc Hshape]]].
  unfold face_corners in Hc0. symmetry in Hc0.
  apply face3 in Hc0 as [_ [Nxa [Nxb Nxc]]]; [|unfold fuel; lia].
  assert (Real : forall u v, next_corner cx u = v -> fst u <> fst v ->
            exists j y q, v = (key_of j, q) /\ nth_error xs j = Some y /\ q < 4).
  { intros u v Huv Hne. unfold next_corner in Huv.
    destruct (other_end_cases xs (fst u, add1 (snd u))) as [E|E]; fold cx in E; rewrite Huv in E.
    - exfalso. apply Hne. rewrite E. reflexivity.
    - destruct v as [k q]. change 1%positive with (key_of 0) in E.
      apply slots_from_in in E as [j [y [Hk [Hy [Hq _]]]]]. exists j, y, q. simpl in Hk. rewrite Hk. auto. }
  destruct (Real a b Nxa Nab) as [jb [Xb [sb [-> [Hb Hsb]]]]].
  destruct (Real _ _ Nxb Nbc) as [jc [Xc [sc [-> [Hc Hsc]]]]].
  destruct (Real _ _ Nxc (not_eq_sym Nac)) as [ja [Xa [sa [-> [Ha Hsa]]]]].
  simpl fst in Nab, Nac, Nbc. simpl snd in Hshape.
  assert (Lab : forall j X p j' X' p', nth_error xs j = Some X -> p < 4 -> nth_error xs j' = Some X' ->
            next_corner cx (key_of j, p) = (key_of j', p') -> get4 X' p' = get4 X (add1 p)).
  { intros j X p j' X' p' HX Hp HX' Hn. unfold next_corner in Hn. simpl in Hn.
    destruct (other_end_spec xs j X (add1 p) W HX (proj1 (add_lt4 p))) as [j0 [y [q [Ho [Hy [Hq [Hl _]]]]]]].
    fold cx in Ho. rewrite Hn in Ho. injection Ho as Hk ->. apply key_of_inj in Hk. subst j0. congruence. }
  pose proof (Lab _ _ _ _ _ _ Ha Hsa Hb Nxa) as L1.
  pose proof (Lab _ _ _ _ _ _ Hb Hsb Hc Nxb) as L2.
  pose proof (Lab _ _ _ _ _ _ Hc Hsc Ha Nxc) as L3.
  assert (Ia : ja <> jb) by (intros ->; contradiction). assert (Ib : ja <> jc) by (intros ->; contradiction).
  assert (Ic : jb <> jc) by (intros ->; contradiction).
  set (D := [ja; jb; jc]).
  assert (HnD : NoDup D) by (repeat constructor; simpl; intuition).
  assert (HD : forall i, In i D -> 0 <= i /\ i < 0 + length xs).
  { intros i Hi. split; [lia|]. simpl. apply nth_error_Some.
    destruct Hi as [<-|[<-|[<-|[]]]]; congruence. }
  set (E := pick 0 D xs false).
  assert (Hp : Permutation xs (Xa :: Xb :: Xc :: E)).
  { eapply Permutation_trans; [apply (pick_perm xs 0 D)|]. change (Xa :: Xb :: Xc :: E) with ([Xa; Xb; Xc] ++ E).
    apply Permutation_app_tail. eapply Permutation_trans; [apply (pick_true_perm xs 0 D (xH, xH, xH, xH) HnD HD)|].
    simpl. rewrite !Nat.sub_0_r, (nth_error_nth _ _ _ Ha), (nth_error_nth _ _ _ Hb), (nth_error_nth _ _ _ Hc).
    apply Permutation_refl. }
  set (ch := flat_map (r3_changes cx) [(key_of ja, sa); (key_of jb, sb); (key_of jc, sc)]).
  assert (Ech : ch = [((key_of ja, add1 sa), get4 Xb (add2 sb)); ((key_of jb, sb), get4 Xa (add3 sa));
                      ((key_of ja, add3 sa), get4 Xa (add1 sa)); ((key_of jb, add2 sb), get4 Xa (add1 sa));
                      ((key_of jb, add1 sb), get4 Xc (add2 sc)); ((key_of jc, sc), get4 Xb (add3 sb));
                      ((key_of jb, add3 sb), get4 Xb (add1 sb)); ((key_of jc, add2 sc), get4 Xb (add1 sb));
                      ((key_of jc, add1 sc), get4 Xa (add2 sa)); ((key_of ja, sa), get4 Xc (add3 sc));
                      ((key_of jc, add3 sc), get4 Xc (add1 sc)); ((key_of ja, add2 sa), get4 Xc (add1 sc))]).
  { unfold ch. simpl flat_map. unfold r3_changes. simpl fst. simpl snd. unfold next_corner in Nxa, Nxb, Nxc.
    simpl fst in Nxa, Nxb, Nxc. simpl snd in Nxa, Nxb, Nxc. rewrite Nxa, Nxb, Nxc. simpl fst. simpl snd.
    rewrite !(slot_label_real xs ja Xa), !(slot_label_real xs jb Xb), !(slot_label_real xs jc Xc) by assumption.
    reflexivity. }
  assert (Hch : forall c', In c' ch -> exists i, In i D /\ fst (fst c') = key_of i).
  { intros c' Hc'. rewrite Ech in Hc'. simpl in Hc'.
    repeat destruct Hc' as [Hc'|Hc']; try contradiction; subst c'; simpl;
      first [exists ja; unfold D; simpl; tauto | exists jb; unfold D; simpl; tauto | exists jc; unfold D; simpl; tauto]. }
  assert (Rnth : forall j X, nth_error xs j = Some X -> nth (j - 0) (relabel (key_of 0) xs ch) (xH, xH, xH, xH) = relabel_at (key_of j) ch X).
  { intros j X HX. rewrite Nat.sub_0_r. apply nth_error_nth. rewrite relabel_nth, HX. reflexivity. }
  assert (Ka : key_of ja <> key_of jb) by exact Nab. assert (Kb : key_of ja <> key_of jc) by exact Nac.
  assert (Kc : key_of jb <> key_of jc) by exact Nbc.
  assert (RA : relabel_at (key_of ja) ch Xa = rot sa (get4 Xc (add3 sc)) (get4 Xb (add2 sb)) (get4 Xc (add1 sc)) (get4 Xa (add1 sa))).
  { rewrite Ech. unfold relabel_at. simpl fold_left. simpl fst. simpl snd. eqb_simpl. apply set4_orderA. exact Hsa. }
  assert (RB : relabel_at (key_of jb) ch Xb = rot sb (get4 Xa (add3 sa)) (get4 Xc (add2 sc)) (get4 Xa (add1 sa)) (get4 Xb (add1 sb))).
  { rewrite Ech. unfold relabel_at. simpl fold_left. simpl fst. simpl snd. eqb_simpl. apply set4_orderB. exact Hsb. }
  assert (RC : relabel_at (key_of jc) ch Xc = rot sc (get4 Xb (add3 sb)) (get4 Xa (add2 sa)) (get4 Xb (add1 sb)) (get4 Xc (add1 sc))).
  { rewrite Ech. unfold relabel_at. simpl fold_left. simpl fst. simpl snd. eqb_simpl. apply set4_orderB. exact Hsc. }
  assert (Hp' : Permutation (relabel 1 xs ch) (relabel_at (key_of ja) ch Xa :: relabel_at (key_of jb) ch Xb ::
                                              relabel_at (key_of jc) ch Xc :: E)).
  { change 1%positive with (key_of 0). eapply Permutation_trans; [apply (pick_perm _ 0 D)|].
    rewrite (pick_relabel_false xs 0 D ch Hch). fold E.
    change (relabel_at (key_of ja) ch Xa :: relabel_at (key_of jb) ch Xb :: relabel_at (key_of jc) ch Xc :: E)
      with ([relabel_at (key_of ja) ch Xa; relabel_at (key_of jb) ch Xb; relabel_at (key_of jc) ch Xc] ++ E).
    apply Permutation_app_tail. eapply Permutation_trans.
    - apply (pick_true_perm _ 0 D (xH, xH, xH, xH) HnD). rewrite relabel_length. exact HD.
    - unfold D. cbn [map]. rewrite (Rnth ja Xa Ha), (Rnth jb Xb Hb), (Rnth jc Xc Hc). apply Permutation_refl. }
  rewrite RA, RB, RC in Hp'.
  exists sa, sb, sc, (get4 Xa (add1 sa)), (get4 Xb (add1 sb)), (get4 Xc (add1 sc)),
         (get4 Xa (add2 sa)), (get4 Xa (add3 sa)), (get4 Xb (add2 sb)), (get4 Xb (add3 sb)),
         (get4 Xc (add2 sc)), (get4 Xc (add3 sc)), E.
  split; [exact Hsa|]. split; [exact Hsb|]. split; [exact Hsc|]. split; [exact Hshape|]. split; [exact W|].
  split; [|split; [|reflexivity]].
  - rewrite (rot_get4 Xa sa Hsa), (rot_get4 Xb sb Hsb), (rot_get4 Xc sc Hsc) in Hp.
    rewrite L1, L2, L3 in Hp. exact Hp.
  - cbn [crossings]. unfold with_slots. rewrite app_nil_r. exact Hp'.
Qed.

Open Scope Z_scope.

(** * Part 4: Fox colourings are invariant under every move of the specification *)

(** [cong p x y]: [x = y] modulo [p]. *)
Definition cong (p x y : Z) : Prop := (p | x - y).

Lemma cong_refl : forall p x, cong p x x.
Proof. intros p x. unfold cong. rewrite Z.sub_diag. apply Z.divide_0_r. Qed.
Lemma cong_sym : forall p x y, cong p x y -> cong p y x.
Proof. intros p x y H. unfold cong in *. replace (y - x) with (-(x - y)) by ring. now apply Z.divide_opp_r. Qed.
Lemma cong_trans : forall p x y z, cong p x y -> cong p y z -> cong p x z.
Proof. intros p x y z H1 H2. unfold cong in *. replace (x - z) with ((x - y) + (y - z)) by ring. now apply Z.divide_add_r. Qed.
Lemma cong_lin2 : forall p a b x y x' y', cong p x x' -> cong p y y' -> cong p (a * x + b * y) (a * x' + b * y').
Proof.
  intros p a b x y x' y' H1 H2. unfold cong in *.
  replace (a * x + b * y - (a * x' + b * y')) with (a * (x - x') + b * (y - y')) by ring.
  apply Z.divide_add_r; now apply Z.divide_mul_r.
Qed.
Lemma cong_eq : forall p x y, x = y -> cong p x y.
Proof. intros p x y ->. apply cong_refl. Qed.

(** The Fox condition at a crossing [X[a,b,c,d]]: the over-strand [b = d] has one colour, and twice
    it is the sum of the colours of the under-strand [a -> c]. *)
Definition xcol (p : Z) (col : label -> Z) (x : crossing) : Prop :=
  match x with (a, b, c, d) => cong p (col b) (col d) /\ cong p (2 * col b) (col a + col c) end.

Definition Colouring (p : Z) (xs : list crossing) (col : label -> Z) : Prop := forall x, In x xs -> xcol p col x.

(** All items of the diagram — the edges and the free unknots ([fc k], [k < free D]) — have colour [c]. *)
Definition AllCong (p : Z) (D : pd_state) (col : label -> Z) (fc : nat -> Z) (c : Z) : Prop :=
  (forall l, In l (labels (crossings D)) -> cong p (col l) c) /\ (forall k, (k < free D)%nat -> cong p (fc k) c).

(** A non-trivial [p]-colouring: a colouring whose colours are not all the same. *)
Definition NontrivCol (p : Z) (D : pd_state) : Prop :=
  exists col fc, Colouring p (crossings D) col /\ ~ exists c, AllCong p D col fc c.

(** The condition at a crossing seen from a corner: over-strand at the odd positions. *)
Lemma cong_double : forall p a b, cong p a b -> cong p (2 * a) (2 * b).
Proof. intros p a b H. pose proof (cong_lin2 p 2 0 a 0 b 0 H (cong_refl p 0)) as E. rewrite !Z.mul_0_l, !Z.add_0_r in E. exact E. Qed.

Lemma xcol_rot : forall p col k w x y z, (k < 4)%nat ->
  xcol p col (rot k w x y z) <->
  (if Nat.even k then cong p (col x) (col z) /\ cong p (2 * col x) (col w + col y)
   else cong p (col w) (col y) /\ cong p (2 * col w) (col x + col z)).
Proof.
  intros p col k w x y z Hk. destruct k as [|[|[|[|k]]]]; cbn -[Z.mul Z.add]; try lia.
  - tauto.
  - rewrite (Z.add_comm (col z)). tauto.
  - split; intros [H1 H2]; (split; [now apply cong_sym|]).
    + apply cong_trans with (2 * col z); [now apply cong_double, cong_sym|]. now rewrite Z.add_comm.
    + apply cong_trans with (2 * col x); [now apply cong_double, cong_sym|]. now rewrite Z.add_comm.
  - split; intros [H1 H2]; (split; [now apply cong_sym|]).
    + apply cong_trans with (2 * col y); [now apply cong_double, cong_sym|]. exact H2.
    + apply cong_trans with (2 * col w); [now apply cong_double, cong_sym|]. exact H2.
Qed.

Lemma xcol_ext : forall p col col' x, (forall z, In z (xlabels x) -> cong p (col z) (col' z)) ->
  xcol p col x -> xcol p col' x.
Proof.
  intros p col col' [[[a b] c] d] H [H1 H2]. simpl in H.
  assert (Ha := H a ltac:(tauto)). assert (Hb := H b ltac:(tauto)).
  assert (Hc := H c ltac:(tauto)). assert (Hd := H d ltac:(tauto)). split.
  - apply cong_trans with (col b); [now apply cong_sym|]. apply cong_trans with (col d); assumption.
  - apply cong_trans with (2 * col b); [apply cong_sym; apply (cong_lin2 p 2 0 _ 0 _ 0) in Hb; [|apply cong_refl];
      rewrite !Z.mul_0_l, !Z.add_0_r in Hb; exact Hb|].
    apply cong_trans with (col a + col c); [exact H2|].
    pose proof (cong_lin2 p 1 1 _ _ _ _ Ha Hc) as E. rewrite !Z.mul_1_l in E. exact E.
Qed.

Lemma xcol_rn : forall p col r x, xcol p col (rn r x) <-> xcol p (fun z => col (r z)) x.
Proof. intros p col r [[[a b] c] d]. reflexivity. Qed.

Lemma Colouring_perm : forall p xs ys col, Permutation xs ys -> Colouring p xs col -> Colouring p ys col.
Proof. intros p xs ys col H C x Hx. apply C. now apply Permutation_in with ys; [symmetry|]. Qed.

Lemma Colouring_cons : forall p x E col, Colouring p (x :: E) col <-> xcol p col x /\ Colouring p E col.
Proof.
  intros p x E col. split.
  - intros C. split; [apply C; now left | intros y Hy; apply C; now right].
  - intros [Cx C] y [<-|Hy]; [exact Cx | now apply C].
Qed.

Lemma Colouring_map : forall p E col r, Colouring p (map (rn r) E) col <-> Colouring p E (fun z => col (r z)).
Proof.
  intros p E col r. split.
  - intros C x Hx. apply xcol_rn. apply C. now apply in_map.
  - intros C y Hy. apply in_map_iff in Hy as [x [<- Hx]]. apply xcol_rn. now apply C.
Qed.

Lemma Colouring_ext : forall p E col col', (forall z, In z (labels E) -> cong p (col z) (col' z)) ->
  Colouring p E col -> Colouring p E col'.
Proof.
  intros p E col col' H C x Hx. apply (xcol_ext p col); [|now apply C].
  intros z Hz. apply H. unfold labels. apply in_flat_map. now exists x.
Qed.

Lemma in_labels_perm : forall xs ys z, Permutation xs ys -> In z (labels xs) -> In z (labels ys).
Proof. intros xs ys z H Hz. apply Permutation_in with (labels xs); [now apply labels_perm | exact Hz]. Qed.

(** Permuting the crossings changes nothing. *)
Lemma NontrivCol_perm : forall p xs ys f, Permutation xs ys -> NontrivCol p (mk_pd xs f) -> NontrivCol p (mk_pd ys f).
Proof.
  intros p xs ys f H [col [fc [C N]]]. exists col, fc. split; [now apply Colouring_perm with xs|].
  intros [c [A1 A2]]. apply N. exists c. split; [|exact A2].
  intros l Hl. apply A1. simpl in *. now apply in_labels_perm with xs.
Qed.

(** Isomorphic codes have the same colourings. *)
Lemma NontrivCol_iso : forall p D D', PDIso D D' -> NontrivCol p D -> NontrivCol p D'.
Proof.
  intros p [xs f] [ys f'] [Hf [r [r' [Hr Hp]]]] [col [fc [C N]]]. simpl in *. subst f'.
  exists (fun z => col (r' z)), fc. split.
  - apply Colouring_perm with (map (rn r) xs); [exact Hp|]. apply Colouring_map.
    apply Colouring_ext with col; [|exact C]. intros z Hz. rewrite Hr by exact Hz. apply cong_refl.
  - intros [c [A1 A2]]. apply N. exists c. split; [|exact A2]. intros l Hl. simpl.
    rewrite <- (Hr l Hl). apply A1. simpl. apply in_labels_perm with (map (rn r) xs); [exact Hp|].
    apply labels_map_rn. now exists l.
Qed.

Lemma PDIso_sym : forall D D', PDIso D D' -> PDIso D' D.
Proof.
  intros [xs f] [ys f'] [Hf [r [r' [Hr Hp]]]]. simpl in *. split; [now symmetry|]. exists r', r. split.
  - intros l Hl. apply (in_labels_perm _ _ _ (Permutation_sym Hp)) in Hl. apply labels_map_rn in Hl as [z [Hz ->]].
    now rewrite Hr.
  - apply Permutation_trans with (map (rn r') (map (rn r) xs)); [now apply Permutation_map, Permutation_sym|].
    rewrite map_rn_map_rn. rewrite (rn_ext_in _ (fun z => z)); [rewrite map_rn_id; apply Permutation_refl|]. exact Hr.
Qed.

Lemma cong_2 : forall p a b, cong p (2 * a) (a + b) <-> cong p a b.
Proof. intros p a b. unfold cong. replace (2 * a - (a + b)) with (a - b) by ring. tauto. Qed.

Lemma kink_col : forall p col k l i o, (k < 4)%nat ->
  xcol p col (rot k l l i o) <-> cong p (col l) (col i) /\ cong p (col l) (col o).
Proof.
  intros p col k l i o Hk. rewrite xcol_rot by exact Hk.
  destruct (Nat.even k); rewrite cong_2; tauto.
Qed.

Lemma const_col : forall p col x c, (forall z, In z (xlabels x) -> cong p (col z) c) -> xcol p col x.
Proof.
  intros p col [[[a b] c0] d] c H. simpl in H. split.
  - apply cong_trans with c; [apply H; tauto | apply cong_sym, H; tauto].
  - apply cong_trans with (2 * c); [apply cong_double, H; tauto|].
    replace (2 * c) with (1 * c + 1 * c) by ring.
    pose proof (cong_lin2 p 1 1 _ _ _ _ (H a ltac:(tauto)) (H c0 ltac:(tauto))) as E. rewrite !Z.mul_1_l in *.
    now apply cong_sym.
Qed.

Lemma in_labels_cons : forall z x E, In z (labels (x :: E)) <-> In z (xlabels x) \/ In z (labels E).
Proof. intros. unfold labels. simpl. apply in_app_iff. Qed.

Lemma join_map_cases : forall u v z, join_map u v z = z \/ ((z = u \/ z = v) /\ (join_map u v z = u \/ join_map u v z = v)).
Proof.
  intros u v z. rewrite join_map_spec. destruct (Pos.eqb_spec u v); [now left|].
  destruct (Pos.eqb_spec z (Pos.max u v)) as [->|]; [right|now left].
  destruct (Pos.max_spec u v) as [[_ E]|[_ E]]; destruct (Pos.min_spec u v) as [[_ F]|[_ F]]; rewrite ?E, ?F; lia.
Qed.

Lemma r1_col : forall p k l i o E f, (k < 4)%nat -> WellLabelled (rot k l l i o :: E) ->
  (NontrivCol p (mk_pd (rot k l l i o :: E) f) <-> NontrivCol p (join i o (mk_pd E f))).
Proof.
  intros p k l i o E f Hk W. destruct (r1_facts k l i o E W) as [Fl [Fli [Flo [Fne Feq]]]].
  unfold join. destruct (Pos.eqb_spec i o) as [<-|Hio].
  - split.
    + intros [col [fc [C N]]]. apply Colouring_cons in C as [CX CE]. apply kink_col in CX as [Ci _]; [|exact Hk].
      exists col, (fun k => if Nat.eqb k f then col i else fc k). split; [exact CE|].
      intros [c [A1 A2]]. apply N. exists c. simpl in *. split.
      * intros z Hz. apply in_labels_cons in Hz as [Hz|Hz]; [|now apply A1].
        assert (Hc : cong p (col i) c) by (specialize (A2 f (Nat.lt_succ_diag_r f)); now rewrite Nat.eqb_refl in A2).
        apply in_rot in Hz. destruct Hz as [->|[->|[->| ->]]]; try exact Hc; apply cong_trans with (col i); assumption.
      * intros k' Hk'. simpl in Hk'. specialize (A2 k' ltac:(simpl; lia)). destruct (Nat.eqb_spec k' f); [lia | exact A2].
    + intros [col [fc [C N]]]. simpl in C.
      exists (fun z => if Pos.eqb z l || Pos.eqb z i then fc f else col z), fc. split.
      * apply Colouring_cons. split.
        -- apply kink_col; [exact Hk|]. rewrite !Pos.eqb_refl. simpl. rewrite orb_true_r. split; apply cong_refl.
        -- apply Colouring_ext with col; [|exact C]. intros z Hz.
           destruct (Pos.eqb_spec z l) as [E1|N1]; [rewrite E1 in Hz; contradiction|].
           destruct (Pos.eqb_spec z i) as [E2|N2]; [rewrite E2 in Hz; exfalso; exact (Feq eq_refl Hz)|].
           apply cong_refl.
      * intros [c [A1 A2]]. apply N. exists c. simpl in *. split.
        -- intros z Hz. specialize (A1 z (proj2 (in_labels_cons _ _ _) (or_intror Hz))).
           destruct (Pos.eqb_spec z l) as [E1|N1]; [rewrite E1 in Hz; contradiction|].
           destruct (Pos.eqb_spec z i) as [E2|N2]; [rewrite E2 in Hz; exfalso; exact (Feq eq_refl Hz)|].
           exact A1.
        -- intros k' Hk'. simpl in Hk'. destruct (Nat.eq_dec k' f) as [->|]; [|apply A2; simpl; lia].
           specialize (A1 l (proj2 (in_labels_cons _ _ _) (or_introl (proj2 (in_rot k l l i i l) (or_introl eq_refl))))).
           rewrite Pos.eqb_refl in A1. exact A1.
  - destruct (Fne Hio) as [Ii Io]. split.
    + intros [col [fc [C N]]]. apply Colouring_cons in C as [CX CE]. apply kink_col in CX as [Ci Co]; [|exact Hk].
      assert (Hio' : cong p (col i) (col o)) by (apply cong_trans with (col l); [now apply cong_sym | exact Co]).
      assert (Hs : forall z, cong p (col z) (col (join_map i o z))).
      { intros z. destruct (join_map_cases i o z) as [->|[[->| ->] [-> | ->]]];
          first [apply cong_refl | exact Hio' | now apply cong_sym]. }
      exists col, fc. split.
      * simpl. apply Colouring_map. apply Colouring_ext with col; [|exact CE]. intros z _. apply Hs.
      * intros [c [A1 A2]]. apply N. exists c. simpl in *. split; [|exact A2].
        assert (HE : forall z, In z (labels E) -> cong p (col z) c).
        { intros z Hz. apply cong_trans with (col (join_map i o z)); [apply Hs|]. apply A1. apply labels_map_rn. now exists z. }
        intros z Hz. apply in_labels_cons in Hz as [Hz|Hz]; [|now apply HE].
        apply in_rot in Hz. destruct Hz as [->|[->|[->| ->]]].
        -- apply cong_trans with (col i); [exact Ci | now apply HE].
        -- apply cong_trans with (col i); [exact Ci | now apply HE].
        -- now apply HE.
        -- now apply HE.
    + intros [col [fc [C N]]]. cbn [crossings free] in C. apply (proj1 (Colouring_map p E col (join_map i o))) in C.
      assert (Hsame : join_map i o i = join_map i o o) by (apply join_map_eq; tauto).
      exists (fun z => if Pos.eqb z l then col (join_map i o i) else col (join_map i o z)), fc. split.
      * apply Colouring_cons. split.
        -- apply kink_col; [exact Hk|]. rewrite Pos.eqb_refl.
           destruct (Pos.eqb_spec i l); [congruence|]. destruct (Pos.eqb_spec o l); [congruence|].
           rewrite Hsame. split; apply cong_refl.
        -- apply Colouring_ext with (fun z => col (join_map i o z)); [|exact C]. intros z Hz.
           destruct (Pos.eqb_spec z l) as [E1|N1]; [rewrite E1 in Hz; contradiction | apply cong_refl].
      * intros [c [A1 A2]]. apply N. exists c. simpl in *. split; [|exact A2].
        intros z' Hz'. apply labels_map_rn in Hz' as [z [Hz ->]].
        specialize (A1 z (proj2 (in_labels_cons _ _ _) (or_intror Hz))).
        destruct (Pos.eqb_spec z l) as [E1|N1]; [rewrite E1 in Hz; contradiction | exact A1].
Qed.

From Coq Require Import Setoid Morphisms.

#[export] Instance cong_equiv (p : Z) : Equivalence (cong p).
Proof. split; [intros x; apply cong_refl | intros x y; apply cong_sym | intros x y z; apply cong_trans]. Qed.

#[export] Instance add_cong (p : Z) : Proper (cong p ==> cong p ==> cong p) Z.add.
Proof. intros a a' Ha b b' Hb. pose proof (cong_lin2 p 1 1 _ _ _ _ Ha Hb) as E. now rewrite !Z.mul_1_l in E. Qed.

#[export] Instance sub_cong (p : Z) : Proper (cong p ==> cong p ==> cong p) Z.sub.
Proof.
  intros a a' Ha b b' Hb. pose proof (cong_lin2 p 1 (-1) _ _ _ _ Ha Hb) as E.
  replace (a - b) with (1 * a + -1 * b) by ring. replace (a' - b') with (1 * a' + -1 * b') by ring. exact E.
Qed.

#[export] Instance mul_cong (p : Z) : Proper (cong p ==> cong p ==> cong p) Z.mul.
Proof.
  intros a a' Ha b b' Hb. unfold cong in *.
  replace (a * b - a' * b') with (a * (b - b') + b' * (a - a')) by ring.
  apply Z.divide_add_r; now apply Z.divide_mul_r.
Qed.

Lemma cong_solve : forall p c a b, cong p c (2 * a - b) -> cong p a c -> cong p b c.
Proof.
  intros p c a b H Ha. rewrite Ha in H. unfold cong in *.
  replace (b - c) with (c - (2 * c - b)) by ring. exact H.
Qed.

(** At a crossing [rot k w x y z], the labels [y], [z] in terms of [w], [x]. *)
Lemma xcol_ext2 : forall p col k w x y z, (k < 4)%nat -> xcol p col (rot k w x y z) ->
  if Nat.even k then cong p (col z) (col x) /\ cong p (col y) (2 * col x - col w)
  else cong p (col y) (col w) /\ cong p (col z) (2 * col w - col x).
Proof.
  intros p col k w x y z Hk H. apply xcol_rot in H; [|exact Hk]. destruct (Nat.even k); destruct H as [H1 H2].
  - split; [now symmetry|]. unfold cong in *. replace (col y - (2 * col x - col w)) with (-(2 * col x - (col w + col y))) by ring.
    now apply Z.divide_opp_r.
  - split; [now symmetry|]. unfold cong in *. replace (col z - (2 * col w - col x)) with (-(2 * col w - (col x + col z))) by ring.
    now apply Z.divide_opp_r.
Qed.

Lemma ind_spec : forall a v, (if Pos.eq_dec a v then 1 else 0)%nat = 0%nat -> a <> v.
Proof. intros a v H. destruct (Pos.eq_dec a v); [discriminate | exact n]. Qed.

Lemma count4_split : forall a b c d v, count_occ Pos.eq_dec [a; b; c; d] v =
  ((if Pos.eq_dec a v then 1 else 0) + (if Pos.eq_dec b v then 1 else 0) + (if Pos.eq_dec c v then 1 else 0)
   + (if Pos.eq_dec d v then 1 else 0))%nat.
Proof. intros. simpl. destruct (Pos.eq_dec a v), (Pos.eq_dec b v), (Pos.eq_dec c v), (Pos.eq_dec d v); lia. Qed.

Lemma ind_self : forall v, (if Pos.eq_dec v v then 1 else 0)%nat = 1%nat.
Proof. intros v. destruct (Pos.eq_dec v v); [reflexivity | congruence]. Qed.

Lemma ind_le : forall a v, ((if Pos.eq_dec a v then 1 else 0) <= 1)%nat.
Proof. intros a v. destruct (Pos.eq_dec a v); lia. Qed.

Lemma occ_cons3 : forall v x y z E, occ v (x :: y :: z :: E) =
  (count_occ Pos.eq_dec (xlabels x) v + count_occ Pos.eq_dec (xlabels y) v + count_occ Pos.eq_dec (xlabels z) v + occ v E)%nat.
Proof. intros. rewrite !occ_cons. lia. Qed.

(** The three triangle edges occur nowhere else. *)
Lemma r3_facts : forall k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E,
  WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) ->
  forall v, In v [l1; l2; l3] -> ~ In v (labels E) /\ ~ In v [x2; x3; y2; y3; z2; z3] /\
    (forall v', In v' [l1; l2; l3] -> v' <> v -> True).
Proof.
  intros k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E W v Hv.
  assert (Hin : In v (labels (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E))).
  { unfold labels. simpl flat_map. rewrite !in_app_iff, !in_rot. simpl in Hv. intuition. }
  pose proof (W v Hin) as C. rewrite occ_cons3, !count_rot, !count4_split in C.
  pose proof (ind_le l1 v). pose proof (ind_le l2 v). pose proof (ind_le l3 v).
  pose proof (ind_le x2 v). pose proof (ind_le x3 v). pose proof (ind_le y2 v). pose proof (ind_le y3 v).
  pose proof (ind_le z2 v). pose proof (ind_le z3 v).
  assert (Hpair : ((if Pos.eq_dec l1 v then 1 else 0) + (if Pos.eq_dec l2 v then 1 else 0) + (if Pos.eq_dec l3 v then 1 else 0) >= 1)%nat).
  { simpl in Hv. destruct Hv as [<-|[<-|[<-|[]]]]; rewrite ind_self; lia. }
  split; [|split; [|trivial]].
  - apply occ_zero. lia.
  - simpl. intros Hx. repeat destruct Hx as [Hx|Hx]; try contradiction; subst v; rewrite ind_self in C; lia.
Qed.

Lemma r3_distinct : forall k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E,
  WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) ->
  l1 <> l2 /\ l1 <> l3 /\ l2 <> l3.
Proof.
  intros k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E W.
  assert (Hin : forall v, In v [l1; l2; l3] -> occ v (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) = 2%nat).
  { intros v Hv. apply W. unfold labels. simpl flat_map. rewrite !in_app_iff, !in_rot. simpl in Hv. intuition. }
  pose proof (Hin l1 ltac:(simpl; tauto)) as C1. pose proof (Hin l2 ltac:(simpl; tauto)) as C2.
  rewrite occ_cons3, !count_rot, !count4_split in C1, C2. rewrite !ind_self in C1, C2.
  repeat split; intros E'; subst;
    repeat match goal with H : context [Pos.eq_dec ?a ?a] |- _ => rewrite (ind_self a) in H end; lia.
Qed.

Lemma r3_shape_parity : forall k1 k2 k3, r3_shape k1 k2 k3 ->
  ~ (Nat.even k1 = Nat.even k2 /\ Nat.even k1 = Nat.even k3).
Proof.
  intros k1 k2 k3 [H _]. unfold over_both, over_at in H. rewrite !odd_S_even in H. unfold Nat.odd in H.
  destruct (Nat.even k1), (Nat.even k2), (Nat.even k3); simpl in H; intuition discriminate.
Qed.

Lemma cong_solve2 : forall p x a b c, cong p x (2 * a - b) -> cong p x c -> cong p a c -> cong p b c.
Proof.
  intros p x a b c H1 H2 H3. unfold cong in *.
  replace (b - c) with ((x - (2 * a - b)) - (x - c) + 2 * (a - c)) by ring.
  apply Z.divide_add_r; [apply Z.divide_sub_r; assumption | now apply Z.divide_mul_r].
Qed.

Ltac int_solve col c := repeat match goal with
  | H : cong ?p (col ?x) (col ?l), Ax : cong ?p (col ?x) c |- _ =>
      let H' := fresh in assert (H' : cong p (col l) c) by (apply cong_trans with (col x); [apply cong_sym; exact H | exact Ax]);
      clear H
  | H : cong ?p (col ?x) (2 * col ?a - col ?b), Ax : cong ?p (col ?x) c, Aa : cong ?p (col ?a) c |- _ =>
      let H' := fresh in assert (H' : cong p (col b) c) by (exact (cong_solve2 p _ _ _ c H Ax Aa)); clear H
  end.

(** The forward direction of R3 preserves non-trivial colourings (the backward one is R3 again). *)
Lemma r3_col_fwd : forall p k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E f,
  (k1 < 4)%nat -> (k2 < 4)%nat -> (k3 < 4)%nat -> r3_shape k1 k2 k3 ->
  WellLabelled (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) ->
  NontrivCol p (mk_pd (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) f) ->
  NontrivCol p (mk_pd (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) f).
Proof.
  intros p k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E f Hk1 Hk2 Hk3 Hs W [col [fc [C N]]].
  simpl in C. apply Colouring_cons in C as [CX C]. apply Colouring_cons in C as [CY C].
  apply Colouring_cons in C as [CZ CE].
  apply xcol_ext2 in CX; [|exact Hk1]. apply xcol_ext2 in CY; [|exact Hk2]. apply xcol_ext2 in CZ; [|exact Hk3].
  destruct (r3_distinct _ _ _ _ _ _ _ _ _ _ _ _ _ W) as [D12 [D13 D23]].
  destruct (r3_facts _ _ _ _ _ _ _ _ _ _ _ _ _ W l1 ltac:(simpl; tauto)) as [F1 [G1 _]].
  destruct (r3_facts _ _ _ _ _ _ _ _ _ _ _ _ _ W l2 ltac:(simpl; tauto)) as [F2 [G2 _]].
  destruct (r3_facts _ _ _ _ _ _ _ _ _ _ _ _ _ W l3 ltac:(simpl; tauto)) as [F3 [G3 _]].
  simpl in G1, G2, G3.
  assert (N1 : x2 <> l1 /\ x3 <> l1 /\ y2 <> l1 /\ y3 <> l1 /\ z2 <> l1 /\ z3 <> l1) by intuition.
  assert (N2 : x2 <> l2 /\ x3 <> l2 /\ y2 <> l2 /\ y3 <> l2 /\ z2 <> l2 /\ z3 <> l2) by intuition.
  assert (N3 : x2 <> l3 /\ x3 <> l3 /\ y2 <> l3 /\ y3 <> l3 /\ z2 <> l3 /\ z3 <> l3) by intuition.
  clear G1 G2 G3.
  destruct N1 as [? [? [? [? [? ?]]]]]. destruct N2 as [? [? [? [? [? ?]]]]]. destruct N3 as [? [? [? [? [? ?]]]]].
  set (L1 := if Nat.even k1 then col y2 else 2 * col z3 - col y2).
  set (L2 := if Nat.even k2 then col z2 else 2 * col x3 - col z2).
  set (L3 := if Nat.even k3 then col x2 else 2 * col y3 - col x2).
  set (col' := fun z => if Pos.eqb z l1 then L1 else if Pos.eqb z l2 then L2 else if Pos.eqb z l3 then L3 else col z).
  assert (Ext : forall z, z <> l1 -> z <> l2 -> z <> l3 -> col' z = col z).
  { intros z Q1 Q2 Q3. unfold col'. apply Pos.eqb_neq in Q1, Q2, Q3. now rewrite Q1, Q2, Q3. }
  assert (V1 : col' l1 = L1) by (unfold col'; now rewrite Pos.eqb_refl).
  assert (V2 : col' l2 = L2) by (unfold col'; apply Pos.eqb_neq in D12; rewrite Pos.eqb_sym in D12; rewrite D12; now rewrite Pos.eqb_refl).
  assert (V3 : col' l3 = L3) by (unfold col'; apply Pos.eqb_neq in D13, D23; rewrite Pos.eqb_sym in D13, D23;
                                rewrite D13, D23; now rewrite Pos.eqb_refl).
  assert (Ex2 : col' x2 = col x2) by (apply Ext; assumption). assert (Ex3 : col' x3 = col x3) by (apply Ext; assumption).
  assert (Ey2 : col' y2 = col y2) by (apply Ext; assumption). assert (Ey3 : col' y3 = col y3) by (apply Ext; assumption).
  assert (Ez2 : col' z2 = col z2) by (apply Ext; assumption). assert (Ez3 : col' z3 = col z3) by (apply Ext; assumption).
  pose proof (r3_shape_parity _ _ _ Hs) as Hpar.
  exists col', fc. split.
  - simpl. apply Colouring_cons. split; [|apply Colouring_cons; split; [|apply Colouring_cons; split]].
    4:{ apply Colouring_ext with col; [|exact CE]. intros z Hz. rewrite Ext; [reflexivity| | |];
        intros ->; contradiction. }
    all: apply xcol_rot; [assumption|]; rewrite ?V1, ?V2, ?V3, ?Ex2, ?Ex3, ?Ey2, ?Ey3, ?Ez2, ?Ez3; unfold L1, L2, L3.
    all: destruct (Nat.even k1), (Nat.even k2), (Nat.even k3); try (exfalso; apply Hpar; split; reflexivity);
      destruct CX as [CX1 CX2], CY as [CY1 CY2], CZ as [CZ1 CZ2];
      rewrite ?CX1, ?CX2, ?CY1, ?CY2, ?CZ1, ?CZ2; split; apply cong_eq; ring.
  - intros [c [A1 A2]]. apply N. exists c. split; [|exact A2]. cbn [crossings free] in A1 |- *.
    assert (HE : forall z, In z (labels E) -> cong p (col z) c).
    { intros z Hz. rewrite <- Ext; [apply A1; rewrite !in_labels_cons; tauto | | |]; intros ->; contradiction. }
    assert (Hx : forall z, In z [x2; x3; y2; y3; z2; z3] -> cong p (col' z) c).
    { intros z Hz. apply A1. rewrite !in_labels_cons, !in_rot. simpl in Hz. intuition. }
    pose proof (Hx x2 ltac:(simpl; tauto)) as Ax2. pose proof (Hx x3 ltac:(simpl; tauto)) as Ax3.
    pose proof (Hx y2 ltac:(simpl; tauto)) as Ay2. pose proof (Hx y3 ltac:(simpl; tauto)) as Ay3.
    pose proof (Hx z2 ltac:(simpl; tauto)) as Az2. pose proof (Hx z3 ltac:(simpl; tauto)) as Az3.
    rewrite Ex2 in Ax2. rewrite Ex3 in Ax3. rewrite Ey2 in Ay2. rewrite Ey3 in Ay3. rewrite Ez2 in Az2. rewrite Ez3 in Az3.
    clear Hx A1.
    assert (Hint : cong p (col l1) c /\ cong p (col l2) c /\ cong p (col l3) c).
    { destruct (Nat.even k1), (Nat.even k2), (Nat.even k3); try (exfalso; apply Hpar; split; reflexivity);
        destruct CX as [CX1 CX2], CY as [CY1 CY2], CZ as [CZ1 CZ2];
        int_solve col c; tauto. }
    destruct Hint as [I1 [I2 I3]].
    intros z Hz. rewrite !in_labels_cons, !in_rot in Hz.
    destruct Hz as [[->|[->|[->| ->]]]|[[->|[->|[->| ->]]]|[[->|[->|[->| ->]]]|Hz]]];
      first [assumption | rewrite <- Ext by assumption; assumption | now apply HE].
Qed.

Definition MCL (x2 x3 y2 y3 : label) : Prop :=
  x3 <> y2 /\ x2 <> y3 /\ ((x2 = x3 /\ y3 = y2) \/ (x2 = y2 /\ y3 = x3)).

Lemma r2_end_facts : forall x2 x3 y2 y3 (n2 n3 n4 n5 : nat),
  ((if Pos.eq_dec x2 x2 then 1 else 0) + (if Pos.eq_dec x3 x2 then 1 else 0) +
   (if Pos.eq_dec y2 x2 then 1 else 0) + (if Pos.eq_dec y3 x2 then 1 else 0) + n2 = 2)%nat ->
  ((if Pos.eq_dec x2 x3 then 1 else 0) + (if Pos.eq_dec x3 x3 then 1 else 0) +
   (if Pos.eq_dec y2 x3 then 1 else 0) + (if Pos.eq_dec y3 x3 then 1 else 0) + n3 = 2)%nat ->
  ((if Pos.eq_dec x2 y2 then 1 else 0) + (if Pos.eq_dec x3 y2 then 1 else 0) +
   (if Pos.eq_dec y2 y2 then 1 else 0) + (if Pos.eq_dec y3 y2 then 1 else 0) + n4 = 2)%nat ->
  ((if Pos.eq_dec x2 y3 then 1 else 0) + (if Pos.eq_dec x3 y3 then 1 else 0) +
   (if Pos.eq_dec y2 y3 then 1 else 0) + (if Pos.eq_dec y3 y3 then 1 else 0) + n5 = 2)%nat ->
  (((0 < n3)%nat \/ (0 < n4)%nat) -> x3 <> y2 /\ ~ MCL x2 x3 y2 y3) /\
  (((0 < n2)%nat \/ (0 < n5)%nat) -> x2 <> y3 /\ ~ MCL x2 x3 y2 y3) /\
  ((0 < n3)%nat \/ (0 < n4)%nat \/ x3 = y2 \/ MCL x2 x3 y2 y3) /\
  ((0 < n2)%nat \/ (0 < n5)%nat \/ x2 = y3 \/ MCL x2 x3 y2 y3) /\
  ((x2 = x3 \/ x2 = y2 \/ y3 = x3 \/ y3 = y2) -> x3 <> y2 /\ x2 <> y3).
Proof.
  intros x2 x3 y2 y3 n2 n3 n4 n5 C2 C3 C4 C5. unfold MCL.
  destruct (Pos.eq_dec x3 y2), (Pos.eq_dec x2 y3), (Pos.eq_dec x2 x3), (Pos.eq_dec y3 y2),
           (Pos.eq_dec x2 y2), (Pos.eq_dec y3 x3); subst;
  repeat match goal with
    | H : context [Pos.eq_dec ?a ?a] |- _ => destruct (Pos.eq_dec a a); [|congruence]
    | H : context [Pos.eq_dec ?a ?b] |- _ => destruct (Pos.eq_dec a b); [congruence|]
    end;
  try (exfalso; congruence); intuition (try lia; try congruence).
Qed.

Lemma seqjoin_rep : forall ps z, Eqv ps (seqjoin ps z) z.
Proof.
  intros ps. induction ps as [|[a b] ps IH] using rev_ind; intros z.
  - apply eqv_refl.
  - rewrite seqjoin_snoc. set (F := seqjoin ps).
    assert (L : forall u v, Eqv ps u v -> Eqv (ps ++ [(a, b)]) u v) by (intros; now apply Eqv_app_l).
    assert (Hab : Eqv (ps ++ [(a, b)]) a b) by (apply eqv_base; apply in_or_app; right; now left).
    destruct (join_map_cases (F a) (F b) (F z)) as [->|[[Hz|Hz] [Hr|Hr]]]; [now apply L | | | |];
      rewrite Hr; clear Hr.
    + rewrite <- Hz. now apply L.
    + apply eqv_trans with b; [apply L; apply IH|]. apply eqv_trans with a; [now apply eqv_sym|].
      apply eqv_trans with (F z); [rewrite Hz; apply eqv_sym; apply L; apply IH | apply L; apply IH].
    + apply eqv_trans with a; [apply L; apply IH|]. apply eqv_trans with b; [exact Hab|].
      apply eqv_trans with (F z); [rewrite Hz; apply eqv_sym; apply L; apply IH | apply L; apply IH].
    + rewrite <- Hz. now apply L.
Qed.

Lemma Eqv_cong : forall p (col : label -> Z) ps, (forall a b, In (a, b) ps -> cong p (col a) (col b)) ->
  forall z w, Eqv ps z w -> cong p (col z) (col w).
Proof.
  intros p col ps H z w E. induction E.
  - apply cong_refl.
  - now apply cong_sym.
  - now apply cong_trans with (col w).
  - now apply H.
Qed.

Lemma join2_eq : forall x3 y2 x2 y3 E f,
  join2 x3 y2 x2 y3 (mk_pd E f) =
  mk_pd (map (rn (seqjoin [(x3, y2); (x2, y3)])) E)
        (f + ((if Pos.eqb x3 y2 then 1 else 0) + (if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1 else 0)))%nat.
Proof.
  intros. pose proof (join2_crossings x3 y2 x2 y3 (mk_pd E f)) as HC.
  change (crossings (mk_pd E f)) with E in HC.
  assert (HF : free (join2 x3 y2 x2 y3 (mk_pd E f)) =
               (f + ((if Pos.eqb x3 y2 then 1 else 0) +
                     (if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1 else 0)))%nat)
    by (unfold join2; rewrite !join_free; simpl free; lia).
  destruct (join2 x3 y2 x2 y3 (mk_pd E f)) as [c0 f0]. simpl in HC, HF. now subst.
Qed.

Definition mclb (x2 x3 y2 y3 : label) : bool :=
  negb (Pos.eqb x3 y2) && negb (Pos.eqb x2 y3) && ((Pos.eqb x2 x3 && Pos.eqb y3 y2) || (Pos.eqb x2 y2 && Pos.eqb y3 x3)).

Lemma mclb_spec : forall x2 x3 y2 y3, mclb x2 x3 y2 y3 = true <-> MCL x2 x3 y2 y3.
Proof.
  intros. unfold mclb, MCL. rewrite !andb_true_iff, orb_true_iff, !andb_true_iff, !negb_true_iff, !Pos.eqb_eq.
  rewrite <- !not_true_iff_false, !Pos.eqb_eq. tauto.
Qed.

Lemma c2_spec : forall x2 x3 y2 y3, (x2 = x3 \/ x2 = y2 \/ y3 = x3 \/ y3 = y2 -> x3 <> y2 /\ x2 <> y3) ->
  (join_map x3 y2 x2 = join_map x3 y2 y3 <-> x2 = y3 \/ MCL x2 x3 y2 y3).
Proof.
  intros x2 x3 y2 y3 H. rewrite join_map_eq. unfold MCL. split.
  - intros [->|[[Ha|Ha] [Hb|Hb]]]; [now left| | | |];
      (destruct (Pos.eq_dec x2 y3); [now left|]); right; (split; [apply H; tauto|]); split; auto; subst; tauto.
  - intros [->|[_ [_ [[-> ->]|[-> ->]]]]]; [now left | right; tauto | right; tauto].
Qed.

Lemma bigon_parity : forall k m, bigon_shape k m -> Nat.even m = negb (Nat.even k).
Proof.
  intros k m H. unfold bigon_shape, over_at in H. rewrite odd_S_even in H. unfold Nat.odd in H.
  destruct (Nat.even k), (Nat.even m); simpl in *; congruence.
Qed.

Lemma r2_col : forall p k m e g x2 x3 y2 y3 E f, (k < 4)%nat -> (m < 4)%nat -> bigon_shape k m ->
  WellLabelled (rot k g e x2 x3 :: rot m e g y2 y3 :: E) ->
  (NontrivCol p (mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) f) <-> NontrivCol p (join2 x3 y2 x2 y3 (mk_pd E f))).
Proof.
  intros p k m e g x2 x3 y2 y3 E f Hk Hm Hshape W.
  pose proof (WL_count2 _ _ E e W (proj2 (in_rot k g e x2 x3 e) (or_intror (or_introl eq_refl)))) as Ce.
  rewrite !count_rot in Ce. apply cnt_e in Ce as [Fge [Fx2e [Fx3e [Fy2e [Fy3e Fe]]]]].
  pose proof (WL_count2 _ _ E g W (proj2 (in_rot k g e x2 x3 g) (or_introl eq_refl))) as Cg.
  rewrite !count_rot in Cg. apply cnt_g in Cg as [Feg [Fx2g [Fx3g [Fy2g [Fy3g Fg]]]]].
  apply occ_zero in Fe, Fg.
  assert (Cx2 := WL_count2 _ _ E x2 W (proj2 (in_rot k g e x2 x3 x2) (or_intror (or_intror (or_introl eq_refl))))).
  assert (Cx3 := WL_count2 _ _ E x3 W (proj2 (in_rot k g e x2 x3 x3) (or_intror (or_intror (or_intror eq_refl))))).
  assert (Cy2 : (count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y2 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y2
                + occ y2 E = 2)%nat).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W) as W''. rewrite (Nat.add_comm (count_occ _ _ y2)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  assert (Cy3 : (count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y3 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y3
                + occ y3 E = 2)%nat).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W) as W''. rewrite (Nat.add_comm (count_occ _ _ y3)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  rewrite !count_rot in Cx2, Cx3, Cy2, Cy3.
  apply cnt_end in Cx2; [|congruence|congruence]. apply cnt_end in Cx3; [|congruence|congruence].
  apply cnt_end in Cy2; [|congruence|congruence]. apply cnt_end in Cy3; [|congruence|congruence].
  destruct (r2_end_facts x2 x3 y2 y3 _ _ _ _ Cx2 Cx3 Cy2 Cy3) as [FA [FB [GA [GB Hco]]]].
  clear Cx2 Cx3 Cy2 Cy3.
  rewrite !occ_pos in FA, FB, GA, GB.
  pose proof (bigon_parity k m Hshape) as Hpar.
  rewrite join2_eq.
  set (J := seqjoin [(x3, y2); (x2, y3)]).
  assert (JA : J x3 = J y2) by (apply seqjoin_eqv, eqv_base; simpl; tauto).
  assert (JB : J x2 = J y3) by (apply seqjoin_eqv, eqv_base; simpl; tauto).
  pose proof (c2_spec x2 x3 y2 y3 Hco) as Hc2.
  set (c1 := if Pos.eqb x3 y2 then 1%nat else 0%nat).
  set (c2 := if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1%nat else 0%nat).
  split.
  - (* a colouring of the diagram with the bigon gives one of the diagram without it *)
    intros [col [fc [C N]]]. cbn [crossings free] in C, N.
    apply Colouring_cons in C as [CX C]. apply Colouring_cons in C as [CY CE].
    apply xcol_ext2 in CX; [|exact Hk]. apply xcol_ext2 in CY; [|exact Hm]. rewrite Hpar in CY.
    assert (KA : cong p (col x3) (col y2) /\ cong p (col x2) (col y3)).
    { destruct (Nat.even k); simpl in CY; destruct CX as [CX1 CX2], CY as [CY1 CY2].
      - split; [now rewrite CX1, CY1 | now rewrite CX2, CY2].
      - split; [now rewrite CX2, CY2 | now rewrite CX1, CY1]. }
    destruct KA as [KA KB].
    assert (HJc : forall z, cong p (col (J z)) (col z)).
    { intros z. apply (Eqv_cong p col [(x3, y2); (x2, y3)]); [|apply seqjoin_rep].
      intros a b [Hab|[Hab|[]]]; injection Hab as <- <-; assumption. }
    exists col, (fun k => if (k <? f)%nat then fc k else if Nat.eqb k f && Pos.eqb x3 y2 then col x3 else col x2).
    split.
    + cbn [crossings]. apply Colouring_map. apply Colouring_ext with col; [|exact CE]. intros z _. now rewrite HJc.
    + intros [c [A1 A2]]. apply N. exists c. cbn [crossings free] in A1, A2 |- *.
      assert (HE : forall z, In z (labels E) -> cong p (col z) c).
      { intros z Hz. rewrite <- (HJc z). apply A1. apply labels_map_rn. now exists z. }
      assert (Af : forall k, (k < f)%nat -> cong p (fc k) c).
      { intros k' Hk'. specialize (A2 k' ltac:(clear - Hk'; lia)). now rewrite (proj2 (Nat.ltb_lt k' f) Hk') in A2. }
      assert (A2f : (c1 + c2 > 0)%nat -> cong p (if Pos.eqb x3 y2 then col x3 else col x2) c).
      { intros Hc. specialize (A2 f ltac:(clear - Hc; lia)). rewrite Nat.ltb_irrefl, Nat.eqb_refl in A2. exact A2. }
      assert (Hx3 : cong p (col x3) c).
      { destruct GA as [G|[G|[G|G]]].
        - now apply HE.
        - rewrite KA. now apply HE.
        - assert (Hc : (c1 > 0)%nat) by (unfold c1; rewrite (proj2 (Pos.eqb_eq _ _) G); clear; lia).
          specialize (A2f ltac:(clear - Hc; lia)). now rewrite (proj2 (Pos.eqb_eq _ _) G) in A2f.
        - assert (Hc : (c2 > 0)%nat) by (unfold c2; rewrite (proj2 (Pos.eqb_eq _ _) (proj2 Hc2 (or_intror G))); clear; lia).
          specialize (A2f ltac:(clear - Hc; lia)). destruct G as [G1 [G2 [[-> ->]|[-> ->]]]].
          + rewrite (proj2 (Pos.eqb_neq _ _) G1) in A2f. exact A2f.
          + rewrite (proj2 (Pos.eqb_neq _ _) G1) in A2f. rewrite KA. exact A2f. }
      assert (Hx2 : cong p (col x2) c).
      { destruct GB as [G|[G|[G|G]]].
        - now apply HE.
        - rewrite KB. now apply HE.
        - destruct (Pos.eq_dec x3 y2) as [E1|E1].
          + assert (Hc : (c2 > 0)%nat) by (unfold c2; rewrite (proj2 (Pos.eqb_eq _ _) (f_equal _ G)); clear; lia).
            assert (Hc1 : c1 = 1%nat) by (unfold c1; now rewrite (proj2 (Pos.eqb_eq _ _) E1)).
            specialize (A2 (S f) ltac:(clear - Hc Hc1; lia)).
            replace (S f <? f)%nat with false in A2 by (symmetry; apply Nat.ltb_ge; clear; lia).
            replace (Nat.eqb (S f) f) with false in A2 by (symmetry; apply Nat.eqb_neq; clear; lia). exact A2.
          + assert (Hc : (c2 > 0)%nat) by (unfold c2; rewrite (proj2 (Pos.eqb_eq _ _) (f_equal _ G)); clear; lia).
            specialize (A2f ltac:(clear - Hc; lia)). now rewrite (proj2 (Pos.eqb_neq _ _) E1) in A2f.
        - destruct G as [G1 [G2 [[-> ->]|[-> ->]]]]; [exact Hx3 | rewrite <- KA; exact Hx3]. }
      assert (Hy2 : cong p (col y2) c) by (rewrite <- KA; exact Hx3).
      assert (Hy3 : cong p (col y3) c) by (rewrite <- KB; exact Hx2).
      assert (Heg : cong p (col e) c /\ cong p (col g) c).
      { destruct (Nat.even k); destruct CX as [CX1 CX2].
        - assert (He' : cong p (col e) c) by (rewrite <- CX1; exact Hx3). split; [exact He'|].
          exact (cong_solve2 p _ _ _ c CX2 Hx2 He').
        - assert (Hg' : cong p (col g) c) by (rewrite <- CX1; exact Hx2). split; [|exact Hg'].
          exact (cong_solve2 p _ _ _ c CX2 Hx3 Hg'). }
      destruct Heg as [He Hg].
      split; [|exact Af]. intros z Hz. cbn [crossings] in Hz. rewrite !in_labels_cons, !in_rot in Hz.
      destruct Hz as [[->|[->|[->| ->]]]|[[->|[->|[->| ->]]]|Hz]]; try assumption. now apply HE.
  - (* and back *)
    intros [col' [fc' [C N]]]. cbn [crossings free] in C, N. apply (proj1 (Colouring_map p E col' J)) in C.
    set (cA := if Pos.eqb x3 y2 || mclb x2 x3 y2 y3 then fc' f else col' (J x3)).
    set (cB := if Pos.eqb x2 y3 then fc' (f + c1)%nat else if mclb x2 x3 y2 y3 then fc' f else col' (J x2)).
    set (ce := if Nat.even k then cA else 2 * cB - cA).
    set (cg := if Nat.even k then 2 * cA - cB else cB).
    set (col := fun z => if Pos.eqb z x3 || Pos.eqb z y2 then cA else if Pos.eqb z x2 || Pos.eqb z y3 then cB
                         else if Pos.eqb z e then ce else if Pos.eqb z g then cg else col' (J z)).
    assert (AB : x2 = x3 \/ x2 = y2 \/ y3 = x3 \/ y3 = y2 -> cA = cB).
    { intros H. destruct (Hco H) as [N1 N2]. unfold cA, cB.
      rewrite (proj2 (Pos.eqb_neq _ _) N1), (proj2 (Pos.eqb_neq _ _) N2). simpl.
      destruct (mclb x2 x3 y2 y3); [reflexivity|]. f_equal.
      destruct H as [->|[->|[->| ->]]]; congruence. }
    assert (Vx3 : col x3 = cA) by (unfold col; now rewrite Pos.eqb_refl).
    assert (Vy2 : col y2 = cA) by (unfold col; rewrite Pos.eqb_refl, orb_true_r; reflexivity).
    assert (Vx2 : col x2 = cB).
    { unfold col. rewrite Pos.eqb_refl. destruct (Pos.eqb_spec x2 x3), (Pos.eqb_spec x2 y2); simpl; try reflexivity;
        first [apply AB; now left | apply AB; right; now left]. }
    assert (Vy3 : col y3 = cB).
    { unfold col. rewrite Pos.eqb_refl, orb_true_r. destruct (Pos.eqb_spec y3 x3), (Pos.eqb_spec y3 y2); simpl; try reflexivity;
        first [apply AB; right; right; now left | apply AB; right; right; now right]. }
    assert (Ve : col e = ce).
    { unfold col. rewrite (proj2 (Pos.eqb_neq e x3) (not_eq_sym Fx3e)), (proj2 (Pos.eqb_neq e y2) (not_eq_sym Fy2e)),
        (proj2 (Pos.eqb_neq e x2) (not_eq_sym Fx2e)), (proj2 (Pos.eqb_neq e y3) (not_eq_sym Fy3e)), Pos.eqb_refl. reflexivity. }
    assert (Vg : col g = cg).
    { unfold col. rewrite (proj2 (Pos.eqb_neq g x3) (not_eq_sym Fx3g)), (proj2 (Pos.eqb_neq g y2) (not_eq_sym Fy2g)),
        (proj2 (Pos.eqb_neq g x2) (not_eq_sym Fx2g)), (proj2 (Pos.eqb_neq g y3) (not_eq_sym Fy3g)),
        (proj2 (Pos.eqb_neq g e) Fge), Pos.eqb_refl. reflexivity. }
    assert (VE : forall z, In z (labels E) -> col z = col' (J z)).
    { intros z Hz. assert (Hze : z <> e) by (intros ->; contradiction). assert (Hzg : z <> g) by (intros ->; contradiction).
      destruct (Pos.eqb_spec z x3) as [->|Nz3].
      - rewrite Vx3. destruct (FA (or_introl Hz)) as [N1 N2]. unfold cA.
        rewrite (proj2 (Pos.eqb_neq _ _) N1). destruct (mclb x2 x3 y2 y3) eqn:Em; [apply mclb_spec in Em; contradiction|].
        reflexivity.
      - destruct (Pos.eqb_spec z y2) as [->|Nz2].
        + rewrite Vy2, <- JA. destruct (FA (or_intror Hz)) as [N1 N2]. unfold cA.
          rewrite (proj2 (Pos.eqb_neq _ _) N1). destruct (mclb x2 x3 y2 y3) eqn:Em; [apply mclb_spec in Em; contradiction|].
          reflexivity.
        + destruct (Pos.eqb_spec z x2) as [->|Nx2].
          * rewrite Vx2. destruct (FB (or_introl Hz)) as [N1 N2]. unfold cB.
            rewrite (proj2 (Pos.eqb_neq _ _) N1). destruct (mclb x2 x3 y2 y3) eqn:Em; [apply mclb_spec in Em; contradiction|].
            reflexivity.
          * destruct (Pos.eqb_spec z y3) as [->|Ny3].
            -- rewrite Vy3, <- JB. destruct (FB (or_intror Hz)) as [N1 N2]. unfold cB.
               rewrite (proj2 (Pos.eqb_neq _ _) N1). destruct (mclb x2 x3 y2 y3) eqn:Em; [apply mclb_spec in Em; contradiction|].
               reflexivity.
            -- unfold col. rewrite (proj2 (Pos.eqb_neq _ _) Nz3), (proj2 (Pos.eqb_neq _ _) Nz2),
                 (proj2 (Pos.eqb_neq _ _) Nx2), (proj2 (Pos.eqb_neq _ _) Ny3), (proj2 (Pos.eqb_neq _ _) Hze),
                 (proj2 (Pos.eqb_neq _ _) Hzg). reflexivity. }
    exists col, fc'. split.
    + cbn [crossings]. apply Colouring_cons. split; [|apply Colouring_cons; split].
      * apply xcol_rot; [exact Hk|]. rewrite Ve, Vg, Vx2, Vx3. unfold ce, cg.
        destruct (Nat.even k); split; apply cong_eq; ring.
      * apply xcol_rot; [exact Hm|]. rewrite Hpar, Ve, Vg, Vy2, Vy3. unfold ce, cg.
        destruct (Nat.even k); simpl; split; apply cong_eq; ring.
      * apply Colouring_ext with (fun z => col' (J z)); [|exact C]. intros z Hz. rewrite VE by exact Hz. apply cong_refl.
    + intros [c [A1 A2]]. apply N. exists c. cbn [crossings free] in A1, A2 |- *. split.
      * intros z' Hz'. apply labels_map_rn in Hz' as [z [Hz ->]]. rewrite <- VE by exact Hz.
        apply A1. cbn [crossings]. rewrite !in_labels_cons. right; right; exact Hz.
      * assert (L : forall z, In z [x2; x3; y2; y3] -> cong p (col z) c).
        { intros z Hz. apply A1. cbn [crossings]. rewrite !in_labels_cons, !in_rot. simpl in Hz.
          destruct Hz as [<-|[<-|[<-|[<-|[]]]]].
          - left; right; right; left; reflexivity.
          - left; right; right; right; reflexivity.
          - right; left; right; right; left; reflexivity.
          - right; left; right; right; right; reflexivity. }
        assert (LA : cong p cA c) by (rewrite <- Vx3; apply L; right; left; reflexivity).
        assert (LB : cong p cB c) by (rewrite <- Vx2; apply L; left; reflexivity).
        intros k' Hk'. cbn [free] in Hk'. destruct (Nat.lt_ge_cases k' f) as [Hlt|Hge]; [now apply A2|].
        destruct (Pos.eqb_spec x3 y2) as [E1|E1].
        -- assert (Hc1v : c1 = 1%nat) by (unfold c1; rewrite ?(proj2 (Pos.eqb_eq _ _) E1); reflexivity).
           assert (LA' : cong p (fc' f) c) by (unfold cA in LA; rewrite ?(proj2 (Pos.eqb_eq _ _) E1) in LA; exact LA).
           destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y3)) as [E2|E2].
           ++ assert (Hc2v : c2 = 1%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_eq _ _) E2); reflexivity).
              assert (E2' : x2 = y3).
              { destruct (proj1 Hc2 E2) as [H|[H _]]; [exact H | contradiction]. }
              destruct (Nat.eq_dec k' f) as [->|Hne]; [exact LA'|].
              replace k' with (f + c1)%nat by (rewrite Hc1v, Hc2v in Hk'; rewrite Hc1v; clear - Hk' Hge Hne; lia).
              unfold cB in LB. rewrite (proj2 (Pos.eqb_eq _ _) E2') in LB. exact LB.
           ++ assert (Hc2v : c2 = 0%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_neq _ _) E2); reflexivity).
              replace k' with f by (rewrite Hc1v, Hc2v in Hk'; clear - Hk' Hge; lia). exact LA'.
        -- assert (Hc1v : c1 = 0%nat) by (unfold c1; rewrite ?(proj2 (Pos.eqb_neq _ _) E1); reflexivity).
           destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y3)) as [E2|E2].
           2:{ assert (Hc2v : c2 = 0%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_neq _ _) E2); reflexivity).
               exfalso. rewrite Hc1v, Hc2v in Hk'. clear - Hk' Hge; lia. }
           assert (Hc2v : c2 = 1%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_eq _ _) E2); reflexivity).
           replace k' with f by (rewrite Hc1v, Hc2v in Hk'; clear - Hk' Hge; lia).
           destruct (proj1 Hc2 E2) as [H|H].
           ++ unfold cB in LB. rewrite (proj2 (Pos.eqb_eq _ _) H) in LB. rewrite Hc1v, Nat.add_0_r in LB. exact LB.
           ++ unfold cA in LA. apply mclb_spec in H. rewrite H, orb_true_r in LA. exact LA.
Qed.

(** ** Every step of the specification preserves the existence of a non-trivial colouring *)

Lemma NontrivCol_perm_iff : forall p xs ys f, Permutation xs ys -> (NontrivCol p (mk_pd xs f) <-> NontrivCol p (mk_pd ys f)).
Proof. intros p xs ys f H. split; apply NontrivCol_perm; [exact H | now symmetry]. Qed.

Lemma NontrivCol_iso_iff : forall p D D', PDIso D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof. intros p D D' H. split; apply NontrivCol_iso; [exact H | now apply PDIso_sym]. Qed.

Lemma pd_eta : forall D, D = mk_pd (crossings D) (free D).
Proof. intros [xs f]. reflexivity. Qed.

Lemma spec_r1_col : forall p D D', SpecR1 D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof.
  intros p D D' [k [l [i [o [E [Hk [W [Hp Hiso]]]]]]]].
  rewrite (pd_eta D), (NontrivCol_perm_iff p _ _ _ Hp), r1_col; [|exact Hk | exact (WL_perm _ _ Hp W)].
  now apply NontrivCol_iso_iff.
Qed.

Lemma spec_r2_col : forall p D D', SpecR2 D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof.
  intros p D D' [k [m [e [g [x2 [x3 [y2 [y3 [E [Hk [Hm [Hs [W [Hp Hiso]]]]]]]]]]]]]].
  rewrite (pd_eta D), (NontrivCol_perm_iff p _ _ _ Hp), r2_col; [|exact Hk | exact Hm | exact Hs | exact (WL_perm _ _ Hp W)].
  now apply NontrivCol_iso_iff.
Qed.

Lemma rot_add2 : forall k w x y z, (k < 4)%nat -> rot k w x y z = rot (add2 k) y z w x.
Proof. intros k w x y z Hk. destruct k as [|[|[|[|k]]]]; try reflexivity; lia. Qed.

Lemma r3_shape_add2 : forall k1 k2 k3, (k1 < 4)%nat -> (k2 < 4)%nat -> (k3 < 4)%nat ->
  r3_shape k1 k2 k3 -> r3_shape (add2 k1) (add2 k2) (add2 k3).
Proof.
  intros k1 k2 k3 H1 H2 H3 H.
  destruct k1 as [|[|[|[|k1]]]], k2 as [|[|[|[|k2]]]], k3 as [|[|[|[|k3]]]]; try lia; exact H.
Qed.

(** Reidemeister III does not change the multiset of labels. *)
Lemma r3_labels : forall k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E v,
  occ v (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) =
  occ v (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E).
Proof. intros. rewrite !occ_cons3, !count_rot, !count4_split. lia. Qed.

Lemma in_labels_occ : forall v xs, In v (labels xs) <-> (0 < occ v xs)%nat.
Proof. intros v xs. now rewrite occ_pos. Qed.

Lemma spec_r3_col : forall p D D', SpecR3 D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof.
  intros p D D' [k1 [k2 [k3 [l1 [l2 [l3 [x2 [x3 [y2 [y3 [z2 [z3 [E [H1 [H2 [H3 [Hs [W [Hp [Hp' Hf]]]]]]]]]]]]]]]]]]]].
  pose proof (WL_perm _ _ Hp W) as W1.
  assert (W2 : WellLabelled (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E)).
  { intros v Hv. rewrite in_labels_occ, r3_labels, <- in_labels_occ in Hv. rewrite r3_labels. now apply W1. }
  rewrite (pd_eta D), (pd_eta D'), (NontrivCol_perm_iff p _ _ _ Hp), (NontrivCol_perm_iff p _ _ _ Hp'), Hf.
  split; [now apply r3_col_fwd|].
  intros HN. rewrite (rot_add2 k1), (rot_add2 k2), (rot_add2 k3) in W2, HN by assumption.
  pose proof (r3_col_fwd p (add2 k1) (add2 k2) (add2 k3) l1 l2 l3 z3 y2 x3 z2 y3 x2 E (free D)
                (proj1 (proj2 (add_lt4 k1))) (proj1 (proj2 (add_lt4 k2))) (proj1 (proj2 (add_lt4 k3)))
                (r3_shape_add2 _ _ _ H1 H2 H3 Hs) W2 HN) as R.
  rewrite <- (rot_add2 k1), <- (rot_add2 k2), <- (rot_add2 k3) in R by assumption. exact R.
Qed.

Theorem spec_step_col : forall p D D', SpecStep D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof.
  intros p D D' H. destruct H as [D D' H|D D' H|D D' H|D D' H|D D' H|D D' H|D D' H].
  - now apply spec_r1_col.
  - symmetry. now apply spec_r1_col.
  - now apply spec_r2_col.
  - symmetry. now apply spec_r2_col.
  - now apply spec_r3_col.
  - symmetry. now apply spec_r3_col.
  - now apply NontrivCol_iso_iff.
Qed.

Theorem spec_equiv_col : forall p D D', SpecEquiv D D' -> (NontrivCol p D <-> NontrivCol p D').
Proof.
  intros p D D' H. induction H as [D|D D' D'' Hs H IH]; [reflexivity|].
  rewrite (spec_step_col p D D' Hs). exact IH.
Qed.

(** The one-component unknot has only constant colourings. *)
Lemma unknot_no_nontriv : forall p, ~ NontrivCol p (pd_trivial 1).
Proof.
  intros p [col [fc [_ N]]]. apply N. exists (fc 0%nat). split.
  - intros l [].
  - intros k Hk. simpl in Hk. replace k with 0%nat by lia. apply cong_refl.
Qed.

(** Non-vacuity: a diagram with a non-trivial [p]-colouring is not equivalent to the unknot. *)
Corollary nontriv_not_unknot : forall p D, NontrivCol p D -> ~ SpecEquiv D (pd_trivial 1).
Proof. intros p D H E. apply (unknot_no_nontriv p). now apply (spec_equiv_col p D). Qed.

(** ** Computed colourings: the trefoil, the figure-eight knot and [5_1] are not the unknot *)

(** An executable check of the Fox condition, proved equal to the declarative one. *)
Definition colouring_b (p : Z) (xs : list crossing) (col : label -> Z) : bool :=
  forallb (fun x => match x with (a, b, c, d) =>
             Z.eqb ((col b - col d) mod p) 0 && Z.eqb ((2 * col b - (col a + col c)) mod p) 0 end) xs.

Lemma cong_mod : forall p x y, p <> 0 -> (cong p x y <-> (x - y) mod p = 0).
Proof. intros p x y Hp. unfold cong. split; [now apply Z.mod_divide | intros H; now apply Z.mod_divide]. Qed.

Theorem colouring_b_spec : forall p xs col, p <> 0 -> (colouring_b p xs col = true <-> Colouring p xs col).
Proof.
  intros p xs col Hp. unfold colouring_b, Colouring. rewrite forallb_forall. split.
  - intros H [[[a b] c] d] Hx. specialize (H _ Hx). apply andb_true_iff in H as [H1 H2].
    apply Z.eqb_eq in H1, H2. split; now apply cong_mod.
  - intros H [[[a b] c] d] Hx. destruct (H _ Hx) as [H1 H2]. apply cong_mod in H1, H2; [|exact Hp|exact Hp].
    now rewrite H1, H2.
Qed.

(** A colouring that gives two edges different colours is non-trivial. *)
Lemma nontriv_witness : forall p xs f col a b, p <> 0 -> colouring_b p xs col = true ->
  In a (labels xs) -> In b (labels xs) -> (col a - col b) mod p <> 0 -> NontrivCol p (mk_pd xs f).
Proof.
  intros p xs f col a b Hp Hc Ha Hb Hab. exists col, (fun _ => 0). split; [now apply colouring_b_spec|].
  intros [c [A1 _]]. apply Hab. apply cong_mod; [exact Hp|]. simpl in A1.
  apply cong_trans with c; [now apply A1 | apply cong_sym; now apply A1].
Qed.

Definition table_col (t : list Z) (l : label) : Z := nth (Pos.to_nat l - 1) t 0.

(** Knot Atlas PD codes. *)
Definition trefoil : pd_state := mk_pd [(1, 5, 2, 4); (3, 1, 4, 6); (5, 3, 6, 2)]%positive 0.
Definition figure_eight : pd_state := mk_pd [(4, 2, 5, 1); (8, 6, 1, 5); (6, 3, 7, 4); (2, 7, 3, 8)]%positive 0.
Definition knot_5_1 : pd_state :=
  mk_pd [(2, 8, 3, 7); (4, 10, 5, 9); (6, 2, 7, 1); (8, 4, 9, 3); (10, 6, 1, 5)]%positive 0.

Example trefoil_3_colourable : NontrivCol 3 trefoil.
Proof.
  apply (nontriv_witness 3 _ 0 (table_col [0; 1; 1; 2; 2; 0]) 1%positive 2%positive);
    [discriminate | vm_compute; reflexivity | simpl; tauto | simpl; tauto | vm_compute; discriminate].
Qed.

Example figure_eight_5_colourable : NontrivCol 5 figure_eight.
Proof.
  apply (nontriv_witness 5 _ 0 (table_col [0; 0; 1; 1; 4; 4; 3; 3]) 1%positive 3%positive);
    [discriminate | vm_compute; reflexivity | simpl; tauto | simpl; tauto | vm_compute; discriminate].
Qed.

Example knot_5_1_5_colourable : NontrivCol 5 knot_5_1.
Proof.
  apply (nontriv_witness 5 _ 0 (table_col [0; 0; 1; 1; 2; 2; 3; 3; 4; 4]) 1%positive 3%positive);
    [discriminate | vm_compute; reflexivity | simpl; tauto | simpl; tauto | vm_compute; discriminate].
Qed.

Corollary trefoil_not_unknot : ~ SpecEquiv trefoil (pd_trivial 1).
Proof. exact (nontriv_not_unknot 3 trefoil trefoil_3_colourable). Qed.
Corollary figure_eight_not_unknot : ~ SpecEquiv figure_eight (pd_trivial 1).
Proof. exact (nontriv_not_unknot 5 figure_eight figure_eight_5_colourable). Qed.
Corollary knot_5_1_not_unknot : ~ SpecEquiv knot_5_1 (pd_trivial 1).
Proof. exact (nontriv_not_unknot 5 knot_5_1 knot_5_1_5_colourable). Qed.

(** * Part 5: what an accepted certificate proves, in specification terms *)

Lemma pvalues_acc : forall {A} (t : ptree A) acc x, In x acc -> In x (pvalues t acc).
Proof.
  intros A t. induction t as [|l IHl o r IHr]; intros acc x H; simpl; [exact H|].
  apply IHl. destruct o; [right|]; apply IHr; exact H.
Qed.

Lemma pvalues_in : forall {A} (t : ptree A) k v acc, pget k t = Some v -> In v (pvalues t acc).
Proof.
  intros A t. induction t as [|l IHl o r IHr]; intros k v acc H; simpl.
  - rewrite pget_leaf in H. discriminate.
  - destruct k as [k|k|]; simpl in H.
    + apply pvalues_acc. destruct o; [right|]; eapply IHr; exact H.
    + eapply IHl. exact H.
    + subst o. apply pvalues_acc. now left.
Qed.

(** The checker's validation implies that every label occurs exactly twice. *)
Theorem validate_pd_WL : forall xs, validate_pd xs = true -> WellLabelled xs.
Proof.
  intros xs H l Hl. unfold validate_pd in H. apply andb_true_iff in H as [H _]. apply andb_true_iff in H as [H _].
  rewrite forallb_forall in H. rewrite <- (slots_from_length xs 1), <- cx_pos_slots.
  destruct (pget l (cx_pos (make_context xs))) as [ss|] eqn:E.
  - simpl. apply Nat.eqb_eq. apply H. eapply pvalues_in. exact E.
  - exfalso. pose proof (cx_pos_slots xs l) as C. rewrite E in C. simpl in C.
    apply occ_pos in Hl. rewrite <- (slots_from_length xs 1), <- C in Hl. simpl in Hl. lia.
Qed.

(** What is NOT proved here in general, stated as hypotheses of the final theorems:
    - [AddRefinement]: that [R1Add] and [R2Add] take a well-labelled code to one from which the
      specification's R1/R2 removes the new curl/bigon (this needs the orientation map to cover
      every edge — every label gets a head slot — which is not yet proved);
    - [WLPreservation]: that every move maps well-labelled codes to well-labelled codes. *)
Definition AddRefinement : Prop :=
  forall s m t, WellLabelled (crossings s) ->
    match m with R1Add _ _ _ | R2Add _ _ _ => True | _ => False end ->
    apply_pd_move s m = Some t -> SpecStep s t.

Definition WLPreservation : Prop :=
  forall s m t, WellLabelled (crossings s) -> apply_pd_move s m = Some t -> WellLabelled (crossings t).

(** Every Reidemeister move the checker accepts is a step of the specification
    (R1Remove, R2Remove and R3 proved above in general; the two Add moves by hypothesis). *)
Theorem refine_isotopy : AddRefinement -> forall s m t, WellLabelled (crossings s) ->
  is_isotopy m = true -> apply_pd_move s m = Some t -> SpecStep s t.
Proof.
  intros HA s m t W Hi H. destruct m; try discriminate Hi.
  - apply spec_r1. now apply refine_r1_remove with i.
  - now apply (HA s (R1Add e side sign) t W I).
  - apply spec_r2. now apply refine_r2_remove with i j.
  - now apply (HA s (R2Add o u side) t W I).
  - apply spec_r3. now apply refine_r3 with e side.
Qed.

Lemma PDEquiv_spec : AddRefinement -> WLPreservation ->
  forall s t, PDEquiv s t -> WellLabelled (crossings s) -> SpecEquiv s t.
Proof.
  intros HA HW s t H. induction H as [s|s t u Hst H IH]; intros W; [constructor|].
  destruct Hst as [s m t Hi Hm]. apply spec_equiv_step with t.
  - now apply refine_isotopy with m.
  - apply IH. now apply HW with s m.
Qed.

Theorem check_pd_spec_unlink : AddRefinement -> WLPreservation -> forall c,
  check_pd c = true -> pd_kind c <> Ribbon -> SpecEquiv (pd_input c) (pd_trivial (pd_claim c)).
Proof.
  intros HA HW c H Hk. apply PDEquiv_spec; [exact HA | exact HW | now apply check_pd_sound_unlink|].
  apply validate_pd_WL. now apply check_pd_input_valid.
Qed.

Theorem check_pd_spec_unknot : AddRefinement -> WLPreservation -> forall c,
  check_pd c = true -> pd_kind c = Unknot -> SpecEquiv (pd_input c) (pd_trivial 1).
Proof.
  intros HA HW c H Hk. apply PDEquiv_spec; [exact HA | exact HW | now apply check_pd_sound_unknot|].
  apply validate_pd_WL. now apply check_pd_input_valid.
Qed.

(** Non-vacuity for certificates: an accepted unknot certificate never has an input with a
    non-trivial Fox colouring, e.g. the trefoil. *)
Theorem check_pd_unknot_no_colouring : AddRefinement -> WLPreservation -> forall p c,
  check_pd c = true -> pd_kind c = Unknot -> ~ NontrivCol p (pd_input c).
Proof.
  intros HA HW p c H Hk HN. exact (nontriv_not_unknot p _ HN (check_pd_spec_unknot HA HW c H Hk)).
Qed.

Corollary no_unknot_certificate_for_trefoil : AddRefinement -> WLPreservation -> forall c,
  pd_input c = trefoil -> pd_kind c = Unknot -> check_pd c = false.
Proof.
  intros HA HW c Hi Hk. destruct (check_pd c) eqn:H; [|reflexivity]. exfalso.
  apply (check_pd_unknot_no_colouring HA HW 3 c H Hk). rewrite Hi. exact trefoil_3_colourable.
Qed.

(** ** Ribbon certificates *)

(** The band step as the checker performs it. Unlike R1–R3 it is NOT yet specified from the
    picture (a band between two edges of one face with [t] full twists): this is the one move whose
    meaning still rests on [apply_pd_move]. *)
Definition CheckerBand (D D' : pd_state) : Prop := exists e1 e2 side t, apply_pd_move D (Band e1 e2 side t) = Some D'.

(** [SpecRibbonReach b d D D']: specification isotopies, exactly [b] band moves and [d] deaths. *)
Inductive SpecRibbonReach : nat -> nat -> pd_state -> pd_state -> Prop :=
| spec_ribbon_refl : forall D, SpecRibbonReach 0 0 D D
| spec_ribbon_step : forall b d D D' D'', SpecStep D D' -> SpecRibbonReach b d D' D'' -> SpecRibbonReach b d D D''
| spec_ribbon_band : forall b d D D' D'', CheckerBand D D' -> SpecRibbonReach b d D' D'' -> SpecRibbonReach (S b) d D D''
| spec_ribbon_death : forall b d D D' D'', SpecDeath D D' -> SpecRibbonReach b d D' D'' -> SpecRibbonReach b (S d) D D''.

Lemma PDRibbonReach_spec : AddRefinement -> WLPreservation ->
  forall b d s t, PDRibbonReach b d s t -> WellLabelled (crossings s) -> SpecRibbonReach b d s t.
Proof.
  intros HA HW b d s t H. induction H as [s|b d s t u Hst H IH|b d e1 e2 side tw s t u Hb H IH|b d s t u Hd H IH];
    intros W.
  - constructor.
  - destruct Hst as [s m t Hi Hm]. apply spec_ribbon_step with t; [now apply refine_isotopy with m|].
    apply IH. now apply HW with s m.
  - apply spec_ribbon_band with t; [now exists e1, e2, side, tw|]. apply IH. now apply HW with s (Band e1 e2 side tw).
  - apply spec_ribbon_death with t.
    + simpl in Hd. destruct (free s) as [|f'] eqn:Ef; [discriminate|]. injection Hd as <-. simpl. split; [reflexivity|exact Ef].
    + apply IH. now apply HW with s RemoveFree.
Qed.

Theorem check_pd_spec_ribbon : AddRefinement -> WLPreservation -> forall c,
  check_pd c = true -> pd_kind c = Ribbon ->
  exists f d, SpecRibbonReach (pd_claim c) d (pd_input c) (pd_trivial f) /\ (f + d = S (pd_claim c))%nat
              /\ link_components (pd_input c) = Some 1%nat.
Proof.
  intros HA HW c H Hk. destruct (check_pd_sound_ribbon c H Hk) as [f [d [Hr [Hfd Hl]]]].
  exists f, d. split; [|split; assumption]. apply PDRibbonReach_spec; [exact HA | exact HW | exact Hr|].
  apply validate_pd_WL. now apply check_pd_input_valid.
Qed.

(** ** Moves that keep codes well-labelled *)

Lemma labels_map_rn_eq : forall r E, labels (map (rn r) E) = map r (labels E).
Proof.
  intros r E. induction E as [|[[[a b] c] d] E IH]; [reflexivity|].
  unfold labels in *. simpl. f_equal. f_equal. f_equal. f_equal. exact IH.
Qed.

Lemma count_map_inj : forall (r : label -> label) L z,
  (forall a, In a L -> r a = r z -> a = z) -> count_occ Pos.eq_dec (map r L) (r z) = count_occ Pos.eq_dec L z.
Proof.
  intros r L z. induction L as [|a L IH]; intros H; simpl; [reflexivity|].
  rewrite IH by (intros b Hb; apply H; now right).
  destruct (Pos.eq_dec (r a) (r z)) as [E|E], (Pos.eq_dec a z) as [E'|E']; try reflexivity.
  - exfalso. apply E'. apply H; [now left | exact E].
  - subst. contradiction.
Qed.

Lemma WL_iso : forall D D', PDIso D D' -> WellLabelled (crossings D) -> WellLabelled (crossings D').
Proof.
  intros D D' [_ [r [r' [Hr Hp]]]] W l Hl.
  assert (HL : Permutation (map r (labels (crossings D))) (labels (crossings D')))
    by (rewrite <- labels_map_rn_eq; now apply labels_perm).
  apply (Permutation_in _ (Permutation_sym HL)) in Hl. apply in_map_iff in Hl as [z [<- Hz]].
  unfold occ. rewrite <- (proj1 (Permutation_count_occ Pos.eq_dec _ _) HL (r z)).
  rewrite count_map_inj; [now apply W|]. intros a Ha E. rewrite <- (Hr a Ha), <- (Hr z Hz). now f_equal.
Qed.

Lemma count_map_subst : forall u v L z, u <> v ->
  count_occ Pos.eq_dec (map (subst u v) L) z =
  if Pos.eq_dec z v then (count_occ Pos.eq_dec L u + count_occ Pos.eq_dec L v)%nat
  else if Pos.eq_dec z u then 0%nat else count_occ Pos.eq_dec L z.
Proof.
  intros u v L z Huv. induction L as [|a L IH]; simpl.
  - destruct (Pos.eq_dec z v), (Pos.eq_dec z u); reflexivity.
  - rewrite IH. unfold subst. destruct (Pos.eqb_spec a u) as [Eau|Hau];
      repeat match goal with |- context [Pos.eq_dec ?x ?y] => destruct (Pos.eq_dec x y) end;
      subst; try congruence; lia.
Qed.

Lemma WL_r1 : forall D D', SpecR1 D D' -> WellLabelled (crossings D').
Proof.
  intros D D' [k [l [i [o [E [Hk [W [Hp Hiso]]]]]]]].
  apply WL_iso with (1 := Hiso).
  pose proof (WL_perm _ _ Hp W) as W1. destruct (r1_facts k l i o E W1) as [Fl [Fli [Flo [Fne Feq]]]].
  assert (HE : forall z, In z (labels E) -> z <> l -> z <> i -> z <> o -> occ z E = 2%nat).
  { intros z Hz H1 H2 H3. pose proof (W1 z (proj2 (in_labels_cons _ _ _) (or_intror Hz))) as C.
    rewrite occ_cons, count_rot, count4_split in C.
    destruct (Pos.eq_dec l z); [congruence|]. destruct (Pos.eq_dec i z); [congruence|].
    destruct (Pos.eq_dec o z); [congruence|]. lia. }
  unfold join. destruct (Pos.eqb_spec i o) as [<-|Hio]; simpl.
  - intros z Hz. apply HE; [exact Hz | intros ->; contradiction | intros ->; exact (Feq eq_refl Hz) | intros ->; exact (Feq eq_refl Hz)].
  - destruct (Fne Hio) as [Ii Io].
    assert (Ci : occ i E = 1%nat).
    { pose proof (W1 i (proj2 (in_labels_cons _ _ _) (or_intror Ii))) as C. rewrite occ_cons, count_rot, count4_split in C.
      destruct (Pos.eq_dec l i); [congruence|]. destruct (Pos.eq_dec o i); [congruence|]. rewrite ind_self in C. lia. }
    assert (Co : occ o E = 1%nat).
    { pose proof (W1 o (proj2 (in_labels_cons _ _ _) (or_intror Io))) as C. rewrite occ_cons, count_rot, count4_split in C.
      destruct (Pos.eq_dec l o); [congruence|]. destruct (Pos.eq_dec i o); [congruence|]. rewrite ind_self in C. lia. }
    unfold join_map. rewrite (proj2 (Pos.eqb_neq _ _) Hio).
    assert (Hmm : Pos.max i o <> Pos.min i o) by (intros E'; apply Hio; lia).
    intros z Hz. unfold occ in *. rewrite labels_map_rn_eq in *. rewrite count_map_subst by exact Hmm.
    destruct (Pos.eq_dec z (Pos.min i o)) as [Ez|Nz].
    + destruct (Pos.max_spec i o) as [[_ ->]|[_ ->]]; destruct (Pos.min_spec i o) as [[_ ->]|[_ ->]]; lia.
    + destruct (Pos.eq_dec z (Pos.max i o)) as [Ez'|Nz'].
      * exfalso. apply in_map_iff in Hz as [w [Hw _]]. unfold subst in Hw.
        destruct (Pos.eqb_spec w (Pos.max i o)); congruence.
      * apply in_map_iff in Hz as [w [Hw Hw']]. unfold subst in Hw.
        destruct (Pos.eqb_spec w (Pos.max i o)) as [|Nw]; [congruence|]. subst w.
        apply HE; [exact Hw' | intros Ez; rewrite Ez in Hw'; contradiction | |];
          intros Ez; rewrite Ez in Nz, Nz';
          destruct (Pos.max_spec i o) as [[_ E1]|[_ E1]]; destruct (Pos.min_spec i o) as [[_ E2]|[_ E2]]; congruence.
Qed.

Lemma WL_r3 : forall D D', SpecR3 D D' -> WellLabelled (crossings D').
Proof.
  intros D D' [k1 [k2 [k3 [l1 [l2 [l3 [x2 [x3 [y2 [y3 [z2 [z3 [E [H1 [H2 [H3 [Hs [W [Hp [Hp' Hf]]]]]]]]]]]]]]]]]]]].
  apply WL_perm with (1 := Permutation_sym Hp'). pose proof (WL_perm _ _ Hp W) as W1.
  intros v Hv. rewrite in_labels_occ, r3_labels, <- in_labels_occ in Hv. rewrite r3_labels. now apply W1.
Qed.

Lemma count_map_filter : forall (f : label -> label) L y,
  count_occ Pos.eq_dec (map f L) y = length (filter (fun w => Pos.eqb (f w) y) L).
Proof.
  intros f L y. induction L as [|a L IH]; simpl; [reflexivity|].
  destruct (Pos.eq_dec (f a) y) as [E|E]; destruct (Pos.eqb_spec (f a) y); try congruence; simpl; lia.
Qed.

Fixpoint sumc (L : list label) (V : list label) : nat :=
  match V with [] => 0 | v :: V' => count_occ Pos.eq_dec L v + sumc L V' end.

Lemma length_filter_class : forall L (p : label -> bool) V, NoDup V ->
  (forall w, p w = existsb (Pos.eqb w) V) -> length (filter p L) = sumc L V.
Proof.
  intros L p V Hnd Hp. induction L as [|a L IH]; simpl.
  - clear Hp Hnd. induction V; simpl; auto.
  - rewrite Hp. assert (Hs : forall V, NoDup V -> sumc (a :: L) V = (sumc L V + if existsb (Pos.eqb a) V then 1 else 0)%nat).
    { intros V0 Hn. induction Hn as [|v V0 Hv Hn IH0]; simpl; [reflexivity|]. rewrite IH0.
      destruct (Pos.eq_dec a v) as [->|Ne].
      - rewrite Pos.eqb_refl. simpl.
        assert (existsb (Pos.eqb v) V0 = false).
        { apply Bool.not_true_iff_false. intros He. apply existsb_exists in He as [u [Hu Hvu]]. apply Pos.eqb_eq in Hvu.
          subst. contradiction. }
        rewrite H. lia.
      - rewrite (proj2 (Pos.eqb_neq a v) Ne). simpl. lia. }
    rewrite Hs by exact Hnd. destruct (existsb (Pos.eqb a) V); simpl; lia.
Qed.

Definition e1b (a b w z : label) : bool := Pos.eqb w z || (Pos.eqb w a || Pos.eqb w b) && (Pos.eqb z a || Pos.eqb z b).
Definition e2b (a b c d w z : label) : bool :=
  e1b a b w z || (e1b a b w c || e1b a b w d) && (e1b a b z c || e1b a b z d).

Lemma Eqv_nil : forall w z, Eqv [] w z <-> w = z.
Proof.
  intros w z. split; [|intros ->; apply eqv_refl]. intros H. induction H as [| | | a b []]; congruence.
Qed.

Lemma e1b_spec : forall a b w z, e1b a b w z = true <-> Eqv [(a, b)] w z.
Proof.
  intros a b w z. change [(a, b)] with ([] ++ [(a, b)]). rewrite Eqv_snoc, !Eqv_nil. unfold e1b.
  rewrite orb_true_iff, andb_true_iff, !orb_true_iff, !Pos.eqb_eq. intuition congruence.
Qed.

Lemma e2b_spec : forall a b c d w z, e2b a b c d w z = true <-> Eqv [(a, b); (c, d)] w z.
Proof.
  intros a b c d w z. change [(a, b); (c, d)] with ([(a, b)] ++ [(c, d)]). rewrite Eqv_snoc, <- !e1b_spec. unfold e2b.
  rewrite orb_true_iff, andb_true_iff, !orb_true_iff. tauto.
Qed.

Lemma J_eqb : forall a b c d w z, Pos.eqb (seqjoin [(a, b); (c, d)] w) (seqjoin [(a, b); (c, d)] z) = e2b a b c d w z.
Proof.
  intros. apply eq_true_iff_eq. rewrite Pos.eqb_eq, seqjoin_eqv, e2b_spec. tauto.
Qed.

Ltac dedup_vars l := match l with
  | nil => constr:(@nil label)
  | ?a :: ?r => let r' := dedup_vars r in
      match r' with
      | context [a] => r'
      | _ => constr:(a :: r')
      end
  end.

Ltac decide_eqbs := repeat match goal with
  | |- context [Pos.eqb ?a ?a] => rewrite Pos.eqb_refl
  | |- context [Pos.eqb ?a ?b] =>
      let H := fresh in assert (H : a <> b) by congruence; apply Pos.eqb_neq in H; rewrite H; clear H
  end.


Lemma r2_end_count : forall x2 x3 y2 y3 (L : list label) z,
  ((if Pos.eq_dec x2 x2 then 1 else 0) + (if Pos.eq_dec x3 x2 then 1 else 0) +
   (if Pos.eq_dec y2 x2 then 1 else 0) + (if Pos.eq_dec y3 x2 then 1 else 0) + count_occ Pos.eq_dec L x2 = 2)%nat ->
  ((if Pos.eq_dec x2 x3 then 1 else 0) + (if Pos.eq_dec x3 x3 then 1 else 0) +
   (if Pos.eq_dec y2 x3 then 1 else 0) + (if Pos.eq_dec y3 x3 then 1 else 0) + count_occ Pos.eq_dec L x3 = 2)%nat ->
  ((if Pos.eq_dec x2 y2 then 1 else 0) + (if Pos.eq_dec x3 y2 then 1 else 0) +
   (if Pos.eq_dec y2 y2 then 1 else 0) + (if Pos.eq_dec y3 y2 then 1 else 0) + count_occ Pos.eq_dec L y2 = 2)%nat ->
  ((if Pos.eq_dec x2 y3 then 1 else 0) + (if Pos.eq_dec x3 y3 then 1 else 0) +
   (if Pos.eq_dec y2 y3 then 1 else 0) + (if Pos.eq_dec y3 y3 then 1 else 0) + count_occ Pos.eq_dec L y3 = 2)%nat ->
  In z [x2; x3; y2; y3] -> (0 < count_occ Pos.eq_dec L z)%nat ->
  length (filter (fun w => e2b x3 y2 x2 y3 w z) L) = 2%nat.
Proof.
  intros x2 x3 y2 y3 L z Cx2 Cx3 Cy2 Cy3 Hz Hc.
  destruct Hz as [<-|[<-|[<-|[<-|[]]]]];
  destruct (Pos.eq_dec x3 y2), (Pos.eq_dec x2 y3), (Pos.eq_dec x2 x3), (Pos.eq_dec y3 y2),
           (Pos.eq_dec x2 y2), (Pos.eq_dec y3 x3); subst;
    repeat match goal with
    | H : context [Pos.eq_dec ?a ?a] |- _ => destruct (Pos.eq_dec a a); [|congruence]
    | H : context [Pos.eq_dec ?a ?b] |- _ => destruct (Pos.eq_dec a b); [congruence|]
    end; try (exfalso; congruence); try lia;
  match goal with |- length (filter (fun w => e2b ?a ?b ?c ?d w ?z) ?L) = _ =>
         let V := dedup_vars (a :: b :: c :: d :: nil) in
         rewrite (length_filter_class L (fun w => e2b a b c d w z) (filter (fun v => e2b a b c d v z) V));
         [ unfold e2b, e1b; simpl filter; decide_eqbs; simpl; lia
         | apply NoDup_filter; repeat constructor; simpl; intuition congruence
         | let w := fresh "w" in intros w; unfold e2b, e1b; simpl filter; decide_eqbs; simpl;
           repeat match goal with |- context [Pos.eqb w ?v] => destruct (Pos.eqb_spec w v) end;
           subst; simpl; try reflexivity; decide_eqbs; simpl; reflexivity ]
  end.
Qed.


Lemma r2_nonend_count : forall a b c d (L : list label) z, z <> a -> z <> b -> z <> c -> z <> d ->
  length (filter (fun w => e2b a b c d w z) L) = count_occ Pos.eq_dec L z.
Proof.
  intros a b c d L z Na Nb Nc Nd.
  rewrite (length_filter_class _ _ [z]); [simpl; lia | repeat constructor; simpl; tauto |].
  intros w. unfold e2b, e1b. simpl. rewrite orb_false_r.
  destruct (Pos.eqb_spec w z) as [->|Nw]; [reflexivity|].
  rewrite (proj2 (Pos.eqb_neq z a) Na), (proj2 (Pos.eqb_neq z b) Nb), (proj2 (Pos.eqb_neq z c) Nc),
    (proj2 (Pos.eqb_neq z d) Nd). simpl. rewrite !andb_false_r. reflexivity.
Qed.

Lemma cnt_other : forall g e x2 x3 y2 y3 z n, z <> g -> z <> e -> z <> x2 -> z <> x3 -> z <> y2 -> z <> y3 ->
  (count_occ Pos.eq_dec [g; e; x2; x3] z + count_occ Pos.eq_dec [e; g; y2; y3] z + n = 2)%nat -> n = 2%nat.
Proof.
  intros g e x2 x3 y2 y3 z n H1 H2 H3 H4 H5 H6 C. simpl in C.
  destruct (Pos.eq_dec g z); [congruence|]. destruct (Pos.eq_dec e z); [congruence|].
  destruct (Pos.eq_dec x2 z); [congruence|]. destruct (Pos.eq_dec x3 z); [congruence|].
  destruct (Pos.eq_dec y2 z); [congruence|]. destruct (Pos.eq_dec y3 z); [congruence|]. exact C.
Qed.

Lemma r2_wl_facts : forall k m e g x2 x3 y2 y3 E,
  WellLabelled (rot k g e x2 x3 :: rot m e g y2 y3 :: E) ->
  ((if Pos.eq_dec x2 x2 then 1 else 0) + (if Pos.eq_dec x3 x2 then 1 else 0) +
   (if Pos.eq_dec y2 x2 then 1 else 0) + (if Pos.eq_dec y3 x2 then 1 else 0) + occ x2 E = 2)%nat /\
  ((if Pos.eq_dec x2 x3 then 1 else 0) + (if Pos.eq_dec x3 x3 then 1 else 0) +
   (if Pos.eq_dec y2 x3 then 1 else 0) + (if Pos.eq_dec y3 x3 then 1 else 0) + occ x3 E = 2)%nat /\
  ((if Pos.eq_dec x2 y2 then 1 else 0) + (if Pos.eq_dec x3 y2 then 1 else 0) +
   (if Pos.eq_dec y2 y2 then 1 else 0) + (if Pos.eq_dec y3 y2 then 1 else 0) + occ y2 E = 2)%nat /\
  ((if Pos.eq_dec x2 y3 then 1 else 0) + (if Pos.eq_dec x3 y3 then 1 else 0) +
   (if Pos.eq_dec y2 y3 then 1 else 0) + (if Pos.eq_dec y3 y3 then 1 else 0) + occ y3 E = 2)%nat /\
  (forall z, In z (labels E) -> z <> x2 -> z <> x3 -> z <> y2 -> z <> y3 -> occ z E = 2%nat).
Proof.
  intros k m e g x2 x3 y2 y3 E W1.
  pose proof (WL_count2 _ _ E e W1 (proj2 (in_rot k g e x2 x3 e) (or_intror (or_introl eq_refl)))) as Ce.
  rewrite !count_rot in Ce. apply cnt_e in Ce as [Fge [Fx2e [Fx3e [Fy2e [Fy3e Fe]]]]].
  pose proof (WL_count2 _ _ E g W1 (proj2 (in_rot k g e x2 x3 g) (or_introl eq_refl))) as Cg.
  rewrite !count_rot in Cg. apply cnt_g in Cg as [Feg [Fx2g [Fx3g [Fy2g [Fy3g Fg]]]]].
  assert (Cx2 := WL_count2 _ _ E x2 W1 (proj2 (in_rot k g e x2 x3 x2) (or_intror (or_intror (or_introl eq_refl))))).
  assert (Cx3 := WL_count2 _ _ E x3 W1 (proj2 (in_rot k g e x2 x3 x3) (or_intror (or_intror (or_intror eq_refl))))).
  assert (Cy2 : (count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y2 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y2
                + occ y2 E = 2)%nat).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W1) as W''. rewrite (Nat.add_comm (count_occ _ _ y2)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  assert (Cy3 : (count_occ Pos.eq_dec (xlabels (rot k g e x2 x3)) y3 + count_occ Pos.eq_dec (xlabels (rot m e g y2 y3)) y3
                + occ y3 E = 2)%nat).
  { pose proof (WL_perm _ _ (perm_swap _ _ _) W1) as W''. rewrite (Nat.add_comm (count_occ _ _ y3)).
    apply WL_count2; [exact W''|]. apply in_rot. tauto. }
  rewrite !count_rot in Cx2, Cx3, Cy2, Cy3.
  apply cnt_end in Cx2; [|congruence|congruence]. apply cnt_end in Cx3; [|congruence|congruence].
  apply cnt_end in Cy2; [|congruence|congruence]. apply cnt_end in Cy3; [|congruence|congruence].
  assert (HN : forall z, In z (labels E) -> z <> x2 -> z <> x3 -> z <> y2 -> z <> y3 -> occ z E = 2%nat).
  { intros z Hz N2 N3 N4 N5. pose proof (WL_count2' _ _ E z W1 Hz) as C. rewrite !count_rot in C.
    assert (Nze : z <> e) by (intros ->; apply occ_zero in Fe; contradiction).
    assert (Nzg : z <> g) by (intros ->; apply occ_zero in Fg; contradiction).
    exact (cnt_other _ _ _ _ _ _ _ _ Nzg Nze N2 N3 N4 N5 C). }
  split; [exact Cx2|]. split; [exact Cx3|]. split; [exact Cy2|]. split; [exact Cy3|]. exact HN.
Qed.

Lemma WL_r2 : forall D D', SpecR2 D D' -> WellLabelled (crossings D').
Proof.
  intros D D' [k [m [e [g [x2 [x3 [y2 [y3 [E [Hk [Hm [Hs [W [Hp Hiso]]]]]]]]]]]]]].
  apply WL_iso with (1 := Hiso). pose proof (WL_perm _ _ Hp W) as W1. clear Hiso Hp W.
  destruct (r2_wl_facts k m e g x2 x3 y2 y3 E W1) as [Cx2 [Cx3 [Cy2 [Cy3 HN]]]].
  clear W1 Hk Hm Hs.
  rewrite join2_eq. intros z' Hz'. cbn [crossings] in Hz' |- *.
  rewrite labels_map_rn_eq in Hz'. apply in_map_iff in Hz' as [z [<- Hz]].
  unfold occ. rewrite labels_map_rn_eq, count_map_filter.
  rewrite (filter_ext _ (fun w => e2b x3 y2 x2 y3 w z)) by (intros w; apply J_eqb).
  destruct (Pos.eq_dec z x2) as [Z2|Z2]; [|destruct (Pos.eq_dec z x3) as [Z3|Z3];
    [|destruct (Pos.eq_dec z y2) as [Z4|Z4]; [|destruct (Pos.eq_dec z y3) as [Z5|Z5]]]].
  5:{ rewrite r2_nonend_count by assumption. fold (occ z E). now apply HN. }
  all: subst z; apply occ_pos in Hz; unfold occ in *.
  all: apply r2_end_count; try assumption; simpl; tauto.
Qed.

(** What is left of [WLPreservation]: the three moves that insert crossings at the head slots given by the
    checker's orientation map ([R1Add], [R2Add], [Band]); every other move is proved above to keep codes
    well-labelled ([WL_r1], [WL_r2], [WL_r3] through the refinement theorems; [RemoveFree] keeps the crossings). *)
Definition WLPreservationRest : Prop :=
  forall s m t, WellLabelled (crossings s) ->
    match m with R1Add _ _ _ | R2Add _ _ _ | Band _ _ _ _ => True | _ => False end ->
    apply_pd_move s m = Some t -> WellLabelled (crossings t).

Theorem WLPreservation_reduce : WLPreservationRest -> WLPreservation.
Proof.
  intros HR s m t W H. destruct m.
  - exact (WL_r1 _ _ (refine_r1_remove s i t W H)).
  - exact (HR s (R1Add e side sign) t W I H).
  - exact (WL_r2 _ _ (refine_r2_remove s i j t W H)).
  - exact (HR s (R2Add o u side) t W I H).
  - exact (WL_r3 _ _ (refine_r3 s e side t W H)).
  - exact (HR s (Band e1 e2 side t0) t W I H).
  - simpl in H. destruct (free s); [discriminate|]. injection H as <-. exact W.
Qed.
