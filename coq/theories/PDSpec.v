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
