(** * KnotCert.PlumbingSpec — what a plumbing certificate means, in the words of Neumann's paper

    Reference: W. D. Neumann, "A calculus for plumbing applied to the topology of complex surface
    singularities and degenerating complex curves", Trans. AMS 268 (1981) 299–344, §2, Prop. 2.1.
    (Labels: [R1Point] and [R1Leaf] are the moves docs/certificates.md §5 calls R1, [R1Edge] the
    one it calls R2, [R3Absorb] its R3.) A plumbing graph Γ has a vertex for each D²-bundle over S² plumbed (its weight
    [e] is the Euler number) and an edge for each plumbing; [M(Γ)] is the boundary of the plumbed
    4-manifold. On forests of genus-0 vertices the moves used by pybridge are (pictures of §2):

    - R1 (blow down a [±1] vertex of degree ≤ 2, i.e. a Kirby blow-down of a ±1-framed unknot):
      {v
       - an isolated vertex [(ε)] disappears ([M # S³ = M]);
       - a leaf [(ε)] hanging at [v]: remove it, [e_v] becomes [e_v − ε];
       - a vertex [(ε)] on a path [u — (ε) — v]: remove it, join [u — v],
         [e_u] becomes [e_u − ε] and [e_v] becomes [e_v − ε]; }
    - R3 (0-chain absorption): a vertex of weight [0] with exactly two neighbours [u, v]
      [u — (0) — v]: the three vertices become one vertex of weight [e_u + e_v] adjacent to all
      the other neighbours of [u] and [v];

    and their inverses. Everything is up to isomorphism of weighted graphs.

    Nothing here uses the executable move function [apply_pmove] to say what a move is: the
    graphs are read only through [Wt] (a vertex and its weight), [Vx] and [Edge], and each move is
    a relation "graph [g] and graph [h] look like Neumann's picture", stated with its own
    variables. Then:

    - [apply_pmove_refines]: every step the checker accepts on a simple forest is a [NeumannStep];
    - [check_plumbing_spec]: an accepted certificate relates two simple forests by
      [NeumannEquiv] (Neumann's moves and isomorphisms);
    - [neumann_step_det]: every [NeumannStep] preserves [|det Q|], Q the intersection (plumbing)
      matrix; hence [check_plumbing_det]: an accepted certificate never relates graphs with
      different [|det Q|] (= the order of [H_1(M)], or 0); [no_cert_e8_a1] is an instance;
    - [Acyclic_iff_no_cycle]: on a simple graph, [Acyclic] is "no cycle" in the textbook sense.

    Trusted, not proved here: Neumann's theorem that each move is an orientation-preserving
    homeomorphism of the boundary 3-manifolds, and that [det Q] of a forest is the matching sum
    computed by [detQ] (the Leibniz expansion restricted to involutions along edges).

    A wrong move function in [Plumbing.v] makes a refinement proof below fail: the build breaks. *)

From Coq Require Import ZArith List Bool Lia Permutation.
Require Import KnotCert.Plumbing.
Import ListNotations.

(** ** Graphs, declaratively *)

(** [v] is a vertex of weight [w]. *)
Definition Wt (g : pgraph) (v : nat) (w : Z) : Prop := In (v, w) (pverts g).

(** [v] is a vertex. *)
Definition Vx (g : pgraph) (v : nat) : Prop := In v (map fst (pverts g)).

(** [u] and [v] are joined by an edge (edges are unordered). *)
Definition Edge (g : pgraph) (u v : nat) : Prop := In (u, v) (pedges g) \/ In (v, u) (pedges g).

(** A weighted simple graph: distinct vertex ids, every edge joins two different existing
    vertices, and every edge is listed once (in one orientation). *)
Record WGraph (g : pgraph) : Prop := {
  wg_nodup : NoDup (map fst (pverts g));
  wg_ends : forall u v, In (u, v) (pedges g) -> Vx g u /\ Vx g v /\ u <> v;
  wg_edges_nodup : NoDup (pedges g);
  wg_no_reverse : forall u v, In (u, v) (pedges g) -> ~ In (v, u) (pedges g) }.

(** A set [S] of vertices (a list) in which every member has two different neighbours inside [S]:
    the vertex set of a subgraph of minimum degree [>= 2]. *)
Definition Core (g : pgraph) (S : list nat) : Prop :=
  forall x, In x S -> Vx g x /\
    exists y1 y2, y1 <> y2 /\ In y1 S /\ In y2 S /\ Edge g x y1 /\ Edge g x y2.

(** A finite graph has a cycle iff it has a nonempty subgraph of minimum degree [>= 2]
    (follow new edges until a vertex repeats; conversely the vertices of a cycle form such a set):
    acyclic means that the only such set is empty. *)
Definition Acyclic (g : pgraph) : Prop := forall S, Core g S -> S = [].

(** A weighted forest: Neumann's plumbing forests of genus-0 vertices. *)
Record WForest (g : pgraph) : Prop := { wf_graph : WGraph g ; wf_acyclic : Acyclic g }.

Definition Unit (e : Z) : Prop := e = 1%Z \/ e = (-1)%Z.

(** ** Isomorphism of weighted graphs *)

(** A bijection [f] of the vertices of [g] onto those of [h] that keeps weights and edges. *)
Definition Iso (g h : pgraph) : Prop :=
  exists f : nat -> nat,
    (forall x y, Vx g x -> Vx g y -> f x = f y -> x = y) /\
    (forall y, Vx h y -> exists x, Vx g x /\ f x = y) /\
    (forall x w, Vx g x -> (Wt g x w <-> Wt h (f x) w)) /\
    (forall x y, Vx g x -> Vx g y -> (Edge g x y <-> Edge h (f x) (f y))).

(** ** Neumann's moves, blow-down direction: [g] is the picture before, [h] after *)

(** R1, degree 0: an isolated vertex [p] of weight [ε = ±1] is deleted. *)
Definition R1Point (g h : pgraph) (p : nat) : Prop :=
  exists e, Unit e /\ Wt g p e /\ (forall y, ~ Edge g p y) /\
    (forall x w, Wt h x w <-> Wt g x w /\ x <> p) /\
    (forall x y, Edge h x y <-> Edge g x y).

(** R1, degree 1: a leaf [p] of weight [ε = ±1] whose only neighbour is [v] is deleted and
    [e_v] becomes [e_v − ε]. *)
Definition R1Leaf (g h : pgraph) (p v : nat) : Prop :=
  exists e, Unit e /\ Wt g p e /\ (forall y, Edge g p y <-> y = v) /\
    (forall x w, Wt h x w <-> x <> p /\ (x <> v -> Wt g x w) /\ (x = v -> Wt g v (w + e)%Z)) /\
    (forall x y, Edge h x y <-> Edge g x y /\ x <> p /\ y <> p).

(** R1, degree 2: a vertex [p] of weight [ε = ±1] with exactly the two neighbours [u] and [v]
    (not joined to each other, as in a forest) is deleted, [u] and [v] are joined, and [e_u],
    [e_v] become [e_u − ε], [e_v − ε]. *)
Definition R1Edge (g h : pgraph) (p u v : nat) : Prop :=
  exists e, Unit e /\ Wt g p e /\ u <> v /\ (forall y, Edge g p y <-> y = u \/ y = v) /\
    ~ Edge g u v /\
    (forall x w, Wt h x w <->
       x <> p /\ (x <> u -> x <> v -> Wt g x w) /\ (x = u \/ x = v -> Wt g x (w + e)%Z)) /\
    (forall x y, Edge h x y <->
       (Edge g x y /\ x <> p /\ y <> p) \/ (x = u /\ y = v) \/ (x = v /\ y = u)).

(** R3, 0-chain absorption: a vertex [z] of weight [0] with exactly the two neighbours [u] and
    [v] ([u], [v] not joined and with no other common neighbour, as in a forest): [z] and [v]
    are deleted, [u] gets weight [e_u + e_v] and is joined to every other neighbour of [v]. *)
Definition R3Absorb (g h : pgraph) (z u v : nat) : Prop :=
  Wt g z 0%Z /\ u <> v /\ (forall y, Edge g z y <-> y = u \/ y = v) /\
  ~ Edge g u v /\ (forall y, Edge g u y -> Edge g v y -> y = z) /\
  (forall x w, Wt h x w <->
     x <> z /\ x <> v /\ (x <> u -> Wt g x w) /\
     (x = u -> exists a b, Wt g u a /\ Wt g v b /\ w = (a + b)%Z)) /\
  (forall x y, Edge h x y <->
     (Edge g x y /\ x <> z /\ y <> z /\ x <> v /\ y <> v) \/
     (x = u /\ Edge g v y /\ y <> z) \/ (y = u /\ Edge g v x /\ x <> z)).

(** One of Neumann's moves, in the direction that shrinks the graph. *)
Inductive Shrink : pgraph -> pgraph -> Prop :=
| shrink_point : forall g h p, R1Point g h p -> Shrink g h
| shrink_leaf : forall g h p v, R1Leaf g h p v -> Shrink g h
| shrink_edge : forall g h p u v, R1Edge g h p u v -> Shrink g h
| shrink_absorb : forall g h z u v, R3Absorb g h z u v -> Shrink g h.

(** A step of Neumann's calculus between weighted forests: a move in either direction
    (blow-down or blow-up, absorption or its inverse), or an isomorphism. *)
Definition NeumannStep (g h : pgraph) : Prop :=
  WForest g /\ WForest h /\ (Shrink g h \/ Shrink h g \/ Iso g h).

(** Neumann equivalence: the reflexive-transitive closure. By Neumann (Thm 2.2, the easy
    direction: each move is a Kirby move), [NeumannEquiv a b] implies that [M(a)] and [M(b)]
    are orientation-preservingly homeomorphic. *)
Inductive NeumannEquiv : pgraph -> pgraph -> Prop :=
| ne_refl : forall g, NeumannEquiv g g
| ne_step : forall g h k, NeumannStep g h -> NeumannEquiv h k -> NeumannEquiv g k.

(** * Part 2: every step of the checker is one of Neumann's moves *)

(** ** List and reflection lemmas *)

Lemma NoDup_app' {A} (l1 l2 : list A) :
  NoDup l1 -> NoDup l2 -> (forall x, In x l1 -> ~ In x l2) -> NoDup (l1 ++ l2).
Proof.
  induction l1 as [| a l1 IH]; simpl; intros H1 H2 H; auto.
  inversion H1; subst. constructor.
  - rewrite in_app_iff. intros [Ha | Ha]; [contradiction | apply (H a); auto].
  - apply IH; auto.
Qed.

Lemma NoDup_map_on {A B} (f : A -> B) (l : list A) :
  NoDup l -> (forall a b, In a l -> In b l -> f a = f b -> a = b) -> NoDup (map f l).
Proof.
  induction l as [| a l IH]; simpl; intros H Hi; constructor.
  - intro Hin. apply in_map_iff in Hin as [b [Hb Hbin]]. inversion H; subst.
    assert (b = a) by (apply Hi; auto). subst. contradiction.
  - inversion H; subst. apply IH; auto.
Qed.

Lemma two_le_length {A} (l : list A) a b : In a l -> In b l -> a <> b -> (2 <= length l)%nat.
Proof.
  destruct l as [| x [| y l]]; simpl; intros Ha Hb Hab; try lia; try contradiction.
  destruct Ha as [<- | []]; destruct Hb as [<- | []]; contradiction.
Qed.

Lemma mem_In x l : mem x l = true <-> In x l.
Proof.
  unfold mem. rewrite existsb_exists. split.
  - intros [y [Hy E]]. apply Nat.eqb_eq in E. subst. exact Hy.
  - intros H. exists x. split; [exact H | apply Nat.eqb_refl].
Qed.

Lemma has_vertex_Vx g v : has_vertex g v = true <-> Vx g v.
Proof. unfold has_vertex, ids, Vx. apply mem_In. Qed.

Lemma Vx_Wt g v : Vx g v <-> exists w, Wt g v w.
Proof.
  unfold Vx, Wt. rewrite in_map_iff. split.
  - intros [[x w] [E H]]. simpl in E. subst. eauto.
  - intros [w H]. exists (v, w). auto.
Qed.

Lemma Wt_Vx g v w : Wt g v w -> Vx g v.
Proof. intros H. apply Vx_Wt. eauto. Qed.

Lemma Edge_sym g u v : Edge g u v -> Edge g v u.
Proof. unfold Edge. tauto. Qed.

Lemma same_edge_spec u v e : same_edge u v e = true <-> e = (u, v) \/ e = (v, u).
Proof.
  destruct e as [a b]. unfold same_edge; simpl.
  rewrite orb_true_iff, !andb_true_iff, !Nat.eqb_eq. split.
  - intros [[-> ->] | [-> ->]]; auto.
  - intros [E | E]; injection E as -> ->; auto.
Qed.

Lemma adjacent_Edge g u v : adjacent g u v = true <-> Edge g u v.
Proof.
  unfold adjacent, Edge. rewrite existsb_exists. split.
  - intros [e [He Hs]]. apply same_edge_spec in Hs as [-> | ->]; auto.
  - intros [H | H]; (eexists; split; [exact H | apply same_edge_spec; auto]).
Qed.

Lemma nbrs_In g v y : In y (nbrs g v) <-> Edge g v y.
Proof.
  unfold nbrs, Edge. rewrite in_map_iff. split.
  - intros [[a b] [E Hin]]. apply filter_In in Hin as [Hin Ht].
    unfold touches in Ht; unfold other_end in E; simpl in Ht, E.
    destruct (Nat.eqb a v) eqn:Ha.
    + apply Nat.eqb_eq in Ha. subst. auto.
    + simpl in Ht. apply Nat.eqb_eq in Ht. subst. auto.
  - intros [H | H].
    + exists (v, y). split.
      * unfold other_end; simpl. rewrite Nat.eqb_refl. reflexivity.
      * apply filter_In. split; auto. unfold touches; simpl. rewrite Nat.eqb_refl. reflexivity.
    + exists (y, v). split.
      * unfold other_end; simpl. destruct (Nat.eqb y v) eqn:E; auto. apply Nat.eqb_eq in E; auto.
      * apply filter_In. split; auto. unfold touches; simpl. rewrite Nat.eqb_refl, orb_true_r. reflexivity.
Qed.

Lemma weight_in_In v vs : In v (map fst vs) -> In (v, weight_in v vs) vs.
Proof.
  induction vs as [| [x w] vs IH]; simpl; [tauto |].
  intros [E | H]; destruct (Nat.eqb x v) eqn:Ex.
  - apply Nat.eqb_eq in Ex. subst. auto.
  - apply Nat.eqb_neq in Ex. contradiction.
  - apply Nat.eqb_eq in Ex. subst. auto.
  - auto.
Qed.

Lemma weight_in_eq v w vs : NoDup (map fst vs) -> In (v, w) vs -> weight_in v vs = w.
Proof.
  induction vs as [| [x w'] vs IH]; simpl; [tauto |].
  intros Hnd [E | H]; inversion Hnd as [| ? ? Hni Hnd']; subst.
  - injection E as -> ->. rewrite Nat.eqb_refl. reflexivity.
  - destruct (Nat.eqb x v) eqn:Ex.
    + apply Nat.eqb_eq in Ex. subst. exfalso. apply Hni. apply in_map_iff. exists (v, w). auto.
    + auto.
Qed.

Lemma weight_of_Wt g v : NoDup (map fst (pverts g)) -> Vx g v -> Wt g v (weight_of g v).
Proof. intros _ H. apply weight_in_In. exact H. Qed.

Lemma Wt_weight_of g v w : NoDup (map fst (pverts g)) -> Wt g v w -> weight_of g v = w.
Proof. intros. apply weight_in_eq; auto. Qed.

Lemma Wt_fun g v w1 w2 : NoDup (map fst (pverts g)) -> Wt g v w1 -> Wt g v w2 -> w1 = w2.
Proof. intros Hnd H1 H2. rewrite <- (Wt_weight_of g v w1), <- (Wt_weight_of g v w2); auto. Qed.

(** ** The checker's graph operations, read through [Wt] and [Edge] *)

Lemma Wt_shift g v d x w : Wt (shift g v d) x w <-> (x = v /\ Wt g x (w - d)%Z) \/ (x <> v /\ Wt g x w).
Proof.
  unfold Wt, shift; simpl. rewrite in_map_iff. split.
  - intros [[a b] [E H]]. simpl in E. destruct (Nat.eqb a v) eqn:Ea.
    + apply Nat.eqb_eq in Ea; subst. injection E as <- <-. left. split; auto.
      replace (b + d - d)%Z with b by lia. auto.
    + apply Nat.eqb_neq in Ea. injection E as <- <-. right; auto.
  - intros [[-> H] | [Hx H]].
    + exists (v, (w - d)%Z). simpl. rewrite Nat.eqb_refl. split; [f_equal; lia | auto].
    + exists (x, w). simpl. apply Nat.eqb_neq in Hx. rewrite Hx. auto.
Qed.

Lemma ids_shift g v d : map fst (pverts (shift g v d)) = map fst (pverts g).
Proof.
  unfold shift; simpl. rewrite map_map. apply map_ext. intros [a b]; simpl.
  destruct (Nat.eqb a v); reflexivity.
Qed.

Lemma Vx_shift g v d x : Vx (shift g v d) x <-> Vx g x.
Proof. unfold Vx. rewrite ids_shift. tauto. Qed.

Lemma Edge_shift g v d x y : Edge (shift g v d) x y <-> Edge g x y.
Proof. unfold Edge, shift; simpl. tauto. Qed.

Lemma Wt_delete g v x w : Wt (delete g v) x w <-> Wt g x w /\ x <> v.
Proof.
  unfold Wt, delete; simpl. rewrite filter_In; simpl. rewrite negb_true_iff, Nat.eqb_neq. tauto.
Qed.

Lemma ids_delete g v :
  map fst (pverts (delete g v)) = filter (fun x => negb (Nat.eqb x v)) (map fst (pverts g)).
Proof.
  unfold delete; simpl. induction (pverts g) as [| [a b] l IH]; simpl; auto.
  destruct (Nat.eqb a v); simpl; rewrite IH; reflexivity.
Qed.

Lemma Vx_delete g v x : Vx (delete g v) x <-> Vx g x /\ x <> v.
Proof. unfold Vx. rewrite ids_delete, filter_In, negb_true_iff, Nat.eqb_neq. tauto. Qed.

Lemma Edge_delete g v x y : Edge (delete g v) x y <-> Edge g x y /\ x <> v /\ y <> v.
Proof.
  unfold Edge, delete; simpl. rewrite !filter_In. unfold touches; simpl.
  rewrite !negb_true_iff, !orb_false_iff, !Nat.eqb_neq. tauto.
Qed.

Lemma Wt_add_vertex g p a x w : Wt (add_vertex g p a) x w <-> Wt g x w \/ (x = p /\ w = a).
Proof.
  unfold Wt, add_vertex; simpl. rewrite in_app_iff; simpl. split.
  - intros [H | [E | []]]; auto. injection E as -> ->. auto.
  - intros [H | [-> ->]]; auto.
Qed.

Lemma ids_add_vertex g p a : map fst (pverts (add_vertex g p a)) = map fst (pverts g) ++ [p].
Proof. unfold add_vertex; simpl. rewrite map_app. reflexivity. Qed.

Lemma Vx_add_vertex g p a x : Vx (add_vertex g p a) x <-> Vx g x \/ x = p.
Proof. unfold Vx. rewrite ids_add_vertex, in_app_iff. simpl. intuition. Qed.

Lemma Edge_add_vertex g p a x y : Edge (add_vertex g p a) x y <-> Edge g x y.
Proof. unfold Edge, add_vertex; simpl. tauto. Qed.

Lemma Edge_add_edges g es x y : Edge (add_edges g es) x y <-> Edge g x y \/ In (x, y) es \/ In (y, x) es.
Proof. unfold Edge, add_edges; simpl. rewrite !in_app_iff. tauto. Qed.

Lemma Wt_add_edges g es x w : Wt (add_edges g es) x w <-> Wt g x w.
Proof. unfold Wt, add_edges; simpl. tauto. Qed.

Lemma Vx_add_edges g es x : Vx (add_edges g es) x <-> Vx g x.
Proof. unfold Vx, add_edges; simpl. tauto. Qed.

Lemma Edge_remove_edge g u v x y :
  Edge (remove_edge g u v) x y <-> Edge g x y /\ ~ (x = u /\ y = v) /\ ~ (x = v /\ y = u).
Proof.
  unfold Edge, remove_edge; simpl. rewrite !filter_In, !negb_true_iff.
  assert (Hs : forall a b, same_edge u v (a, b) = false <-> ~ (a = u /\ b = v) /\ ~ (a = v /\ b = u)).
  { intros a b. rewrite <- not_true_iff_false, same_edge_spec. split.
    - intros H. split; intros [-> ->]; apply H; auto.
    - intros [H1 H2] [E | E]; injection E as -> ->; auto. }
  rewrite !Hs. intuition.
Qed.

Lemma Wt_remove_edge g u v x w : Wt (remove_edge g u v) x w <-> Wt g x w.
Proof. unfold Wt, remove_edge; simpl. tauto. Qed.

Lemma Vx_remove_edge g u v x : Vx (remove_edge g u v) x <-> Vx g x.
Proof. unfold Vx, remove_edge; simpl. tauto. Qed.

Lemma fresh_gt g x : Vx g x -> (x < fresh g)%nat.
Proof.
  unfold fresh, Vx, ids.
  assert (H : forall l acc, (In x l -> x < fold_left (fun acc x => Nat.max acc (S x)) l acc)%nat /\
                            (acc <= fold_left (fun acc x => Nat.max acc (S x)) l acc)%nat).
  { induction l as [| a l IH]; simpl; intros acc; [split; [tauto | lia] |].
    destruct (IH (Nat.max acc (S a))) as [H1 H2]. split; [| lia].
    intros [-> | Hin]; [lia | auto]. }
  intros Hx. apply H. exact Hx.
Qed.

Lemma fresh_not_Vx g : ~ Vx g (fresh g).
Proof. intros H. apply fresh_gt in H. lia. Qed.

Lemma unit_sign_Unit e : unit_sign e = true -> Unit e.
Proof. unfold unit_sign, Unit. rewrite orb_true_iff, !Z.eqb_eq. tauto. Qed.

Lemma unit_at_spec g p d :
  unit_at g p d = true -> Vx g p /\ Unit (weight_of g p) /\ length (nbrs g p) = d.
Proof.
  unfold unit_at, degree. rewrite !andb_true_iff, Nat.eqb_eq, has_vertex_Vx.
  intros [[H1 H2] H3]. apply unit_sign_Unit in H2. auto.
Qed.

Lemma Edge_ends g x y : WGraph g -> Edge g x y -> Vx g x /\ Vx g y /\ x <> y.
Proof. intros W [H | H]; apply (wg_ends g W) in H; intuition. Qed.

Lemma nbrs_NoDup g v : WGraph g -> NoDup (nbrs g v).
Proof.
  intros W. unfold nbrs. apply NoDup_map_on; [apply NoDup_filter, W |].
  intros [a b] [c d] Ha Hb E. apply filter_In in Ha as [Ha Ta]. apply filter_In in Hb as [Hb Tb].
  unfold touches, other_end in *; simpl in *.
  destruct (Nat.eqb a v) eqn:Ea; destruct (Nat.eqb c v) eqn:Ec; simpl in Ta, Tb;
    repeat match goal with H : Nat.eqb _ _ = true |- _ => apply Nat.eqb_eq in H end; subst.
  - reflexivity.
  - exfalso. eapply (wg_no_reverse g W); eauto.
  - exfalso. eapply (wg_no_reverse g W); eauto.
  - reflexivity.
Qed.

Ltac wt_close :=
  match goal with
  | H : Wt ?g ?x ?b |- Wt ?g ?x ?a => replace a with b by lia; exact H
  end.

Lemma acyclic_triangle g p u v :
  WGraph g -> Acyclic g -> Edge g p u -> Edge g p v -> Edge g u v -> False.
Proof.
  intros W A Hpu Hpv Huv.
  destruct (Edge_ends g _ _ W Hpu) as [Vp [Vu Npu]].
  destruct (Edge_ends g _ _ W Hpv) as [_ [Vv Npv]].
  destruct (Edge_ends g _ _ W Huv) as [_ [_ Nuv]].
  assert (C : Core g [p; u; v]).
  { intros x Hx. simpl in Hx. destruct Hx as [<- | [<- | [<- | []]]]; (split; [assumption |]).
    - exists u, v. simpl. intuition.
    - exists p, v. simpl. intuition. apply Edge_sym; auto.
    - exists p, u. simpl. intuition; apply Edge_sym; auto. }
  apply A in C. discriminate.
Qed.

Lemma acyclic_square g z u v y :
  WGraph g -> Acyclic g -> Edge g z u -> Edge g z v -> Edge g u y -> Edge g v y -> u <> v -> y <> z -> False.
Proof.
  intros W A Hzu Hzv Huy Hvy Nuv Nyz.
  destruct (Edge_ends g _ _ W Hzu) as [Vz [Vu Nzu]].
  destruct (Edge_ends g _ _ W Hzv) as [_ [Vv Nzv]].
  destruct (Edge_ends g _ _ W Huy) as [_ [Vy Nuy]].
  destruct (Edge_ends g _ _ W Hvy) as [_ [_ Nvy]].
  assert (C : Core g [z; u; v; y]).
  { intros x Hx. simpl in Hx. destruct Hx as [<- | [<- | [<- | [<- | []]]]]; (split; [assumption |]).
    - exists u, v. simpl. intuition.
    - exists z, y. simpl. intuition. apply Edge_sym; auto.
    - exists z, y. simpl. intuition. apply Edge_sym; auto.
    - exists u, v. simpl. intuition; apply Edge_sym; auto. }
  apply A in C. discriminate.
Qed.

(** ** Each move of the checker is one of Neumann's pictures *)

Lemma refine_blowdown_point g p h :
  WGraph g -> apply_pmove g (BlowdownPoint p) = Some h -> R1Point g h p.
Proof.
  intros W H. simpl in H. destruct (unit_at g p 0) eqn:U; [| discriminate]. injection H as <-.
  apply unit_at_spec in U as [Vp [Ue D]].
  assert (Np : forall y, ~ Edge g p y).
  { intros y Hy. apply nbrs_In in Hy. destruct (nbrs g p); [contradiction | discriminate]. }
  exists (weight_of g p). split; [exact Ue |]. split; [apply weight_of_Wt; auto; apply W |].
  split; [exact Np |]. split.
  - intros x w. apply Wt_delete.
  - intros x y. rewrite Edge_delete. split; [tauto |]. intros Hxy. split; [exact Hxy |].
    split; intros ->; [apply (Np y) | apply (Np x); apply Edge_sym]; exact Hxy.
Qed.

Lemma refine_blowup_point g e h :
  WGraph g -> apply_pmove g (BlowupPoint e) = Some h -> R1Point h g (fresh g).
Proof.
  intros W H. simpl in H. destruct (unit_sign e) eqn:U; [| discriminate]. injection H as <-.
  apply unit_sign_Unit in U. pose proof (fresh_not_Vx g) as Np.
  exists e. split; [exact U |]. split; [apply Wt_add_vertex; auto |]. split.
  - intros y Hy. apply Edge_add_vertex in Hy. apply (Edge_ends g _ _ W) in Hy. tauto.
  - split.
    + intros x w. rewrite Wt_add_vertex. split.
      * intros Hw. split; [auto |]. intros ->. apply Np. eapply Wt_Vx; eauto.
      * intros [[Hw | [-> _]] Hne]; [exact Hw | contradiction].
    + intros x y. rewrite Edge_add_vertex. tauto.
Qed.

Lemma refine_blowdown_leaf g p h :
  WGraph g -> apply_pmove g (BlowdownLeaf p) = Some h -> exists v, R1Leaf g h p v.
Proof.
  intros W H. simpl in H. destruct (unit_at g p 1) eqn:U; [| discriminate].
  destruct (nbrs g p) as [| v [| ? ?]] eqn:N; try discriminate. injection H as <-.
  apply unit_at_spec in U as [Vp [Ue _]].
  assert (Ep : forall y, Edge g p y <-> y = v) by (intros y; rewrite <- nbrs_In, N; simpl; intuition).
  assert (Hpv : p <> v) by (apply (Edge_ends g p v W), Ep; reflexivity).
  pose proof (weight_of_Wt g p (wg_nodup g W) Vp) as Wp.
  exists v, (weight_of g p). split; [exact Ue |]. split; [exact Wp |]. split; [exact Ep |]. split.
  - intros x w. rewrite Wt_shift, !Wt_delete. split.
    + intros [[-> [Hw Hne]] | [Hne [Hw Hxp]]].
      * split; [exact Hne |]. split; [intros C; contradiction C; reflexivity | intros _; wt_close].
      * split; [exact Hxp |]. split; [intros _; exact Hw | intros C; contradiction].
    + intros [Hxp [H1 H2]]. destruct (Nat.eq_dec x v) as [-> | Hne].
      * left. split; [reflexivity |]. split; [| exact Hxp]. specialize (H2 eq_refl). wt_close.
      * right. split; [exact Hne |]. split; [apply H1; exact Hne | exact Hxp].
  - intros x y. rewrite Edge_shift, Edge_delete. tauto.
Qed.

Lemma refine_blowup_leaf g v e h :
  WGraph g -> apply_pmove g (BlowupLeaf v e) = Some h -> R1Leaf h g (fresh g) v.
Proof.
  intros W H. simpl in H. destruct (has_vertex g v && unit_sign e) eqn:C; [| discriminate].
  injection H as <-. apply andb_true_iff in C as [Vv Ue].
  apply has_vertex_Vx in Vv. apply unit_sign_Unit in Ue.
  pose proof (fresh_not_Vx g) as Np. set (p := fresh g) in *.
  assert (Hvp : v <> p) by (intros ->; contradiction).
  exists e. split; [exact Ue |]. split.
  { apply Wt_shift. right. split; [auto |]. apply Wt_add_edges, Wt_add_vertex. right; auto. }
  split.
  { intros y. rewrite Edge_shift, Edge_add_edges, Edge_add_vertex. simpl. split.
    - intros [Hy | [[E | []] | [E | []]]].
      + apply (Edge_ends g _ _ W) in Hy. tauto.
      + injection E; intros; subst. contradiction.
      + injection E; intros; subst. reflexivity.
    - intros ->. auto. }
  split.
  - intros x w. rewrite !Wt_shift, !Wt_add_edges, !Wt_add_vertex. split.
    + intros Hw. assert (Hxp : x <> p) by (intros ->; apply Np; eapply Wt_Vx; eauto).
      split; [exact Hxp |]. split.
      * intros Hxv. right. auto.
      * intros ->. left. split; [reflexivity |]. left. wt_close.
    + intros [Hxp [H1 H2]]. destruct (Nat.eq_dec x v) as [-> | Hne].
      * destruct (H2 eq_refl) as [[_ [Hw | [E _]]] | [C _]]; [wt_close | contradiction | contradiction].
      * destruct (H1 Hne) as [[C _] | [_ [Hw | [E _]]]]; [contradiction | exact Hw | contradiction].
  - intros x y. rewrite Edge_shift, Edge_add_edges, Edge_add_vertex. simpl. split.
    + intros Hxy. destruct (Edge_ends g _ _ W Hxy) as [Vx' [Vy' _]].
      split; [auto |]. split; intros ->; contradiction.
    + intros [[Hxy | [[E | []] | [E | []]]] [Hxp Hyp]]; [exact Hxy | |];
        injection E as -> ->; contradiction.
Qed.

Lemma refine_blowdown_edge g p h :
  WForest g -> apply_pmove g (BlowdownEdge p) = Some h -> exists u v, R1Edge g h p u v.
Proof.
  intros [W A] H. simpl in H. destruct (unit_at g p 2) eqn:U; [| discriminate].
  destruct (nbrs g p) as [| u [| v [| ? ?]]] eqn:N; try discriminate. injection H as <-.
  apply unit_at_spec in U as [Vp [Ue _]].
  pose proof (nbrs_NoDup g p W) as ND. rewrite N in ND.
  assert (Huv : u <> v) by (inversion ND; subst; simpl in *; intuition).
  assert (Ep : forall y, Edge g p y <-> y = u \/ y = v) by (intros y; rewrite <- nbrs_In, N; simpl; intuition).
  assert (Hpu : Edge g p u) by (apply Ep; auto). assert (Hpv : Edge g p v) by (apply Ep; auto).
  destruct (Edge_ends g _ _ W Hpu) as [_ [Vu Npu]]. destruct (Edge_ends g _ _ W Hpv) as [_ [Vv Npv]].
  pose proof (weight_of_Wt g p (wg_nodup g W) Vp) as Wp. set (e := weight_of g p) in *.
  exists u, v, e. split; [exact Ue |]. split; [exact Wp |]. split; [exact Huv |]. split; [exact Ep |].
  split; [intros Huv'; apply (acyclic_triangle g p u v W A Hpu Hpv Huv') |]. split.
  - intros x w. rewrite !Wt_shift, !Wt_add_edges, !Wt_delete. split.
    + intros [[-> [[-> _] | [Hne [Hw Hxp]]]] | [Hxv [[-> [Hw Hxp]] | [Hxu [Hw Hxp]]]]].
      * contradiction.
      * split; [exact Hxp |]. split; [intros _ C; contradiction C; reflexivity | intros _; wt_close].
      * split; [exact Hxp |]. split; [intros C; contradiction C; reflexivity | intros _; wt_close].
      * split; [exact Hxp |]. split; [intros _ _; exact Hw | intros [-> | ->]; contradiction].
    + intros [Hxp [H1 H2]]. destruct (Nat.eq_dec x v) as [-> | Hxv].
      * left. split; [reflexivity |]. right. split; [intros C; apply Huv; auto |].
        split; [| exact Hxp]. specialize (H2 (or_intror eq_refl)). wt_close.
      * right. split; [exact Hxv |]. destruct (Nat.eq_dec x u) as [-> | Hxu].
        -- left. split; [reflexivity |]. split; [| exact Hxp]. specialize (H2 (or_introl eq_refl)). wt_close.
        -- right. split; [exact Hxu |]. split; [apply H1; auto | exact Hxp].
  - intros x y. rewrite !Edge_shift, Edge_add_edges, Edge_delete. simpl.
    split.
    + intros [Hxy | [[E | []] | [E | []]]]; try (injection E; intros; subst); tauto.
    + intros [Hxy | [[-> ->] | [-> ->]]]; tauto.
Qed.

Lemma refine_blowup_edge g u v e h :
  WGraph g -> apply_pmove g (BlowupEdge u v e) = Some h -> R1Edge h g (fresh g) u v.
Proof.
  intros W H. simpl in H.
  destruct (has_vertex g u && has_vertex g v && unit_sign e && adjacent g u v && negb (Nat.eqb u v)) eqn:C;
    [| discriminate].
  injection H as <-. rewrite !andb_true_iff, negb_true_iff, Nat.eqb_neq in C.
  destruct C as [[[[Vu Vv] Ue] Auv] Huv].
  apply has_vertex_Vx in Vu, Vv. apply unit_sign_Unit in Ue. apply adjacent_Edge in Auv.
  pose proof (fresh_not_Vx g) as Np. set (p := fresh g) in *.
  assert (Hup : u <> p) by (intros ->; contradiction).
  assert (Hvp : v <> p) by (intros ->; contradiction).
  exists e. split; [exact Ue |]. split.
  { apply Wt_shift. right. split; [auto |]. apply Wt_shift. right. split; [auto |].
    apply Wt_add_edges, Wt_add_vertex. right; auto. }
  split; [exact Huv |]. split.
  { intros y. rewrite !Edge_shift, Edge_add_edges, Edge_add_vertex, Edge_remove_edge. simpl. split.
    - intros [[Hy _] | [[E | [E | []]] | [E | [E | []]]]];
        try (injection E; intros; subst); try tauto.
      apply (Edge_ends g _ _ W) in Hy. tauto.
    - intros [-> | ->]; auto. }
  split.
  { rewrite !Edge_shift, Edge_add_edges, Edge_add_vertex, Edge_remove_edge. simpl.
    intros [[_ [H1 H2]] | [[E | [E | []]] | [E | [E | []]]]];
      try (injection E; intros; subst); try tauto. }
  split.
  - intros x w. rewrite !Wt_shift, !Wt_add_edges, !Wt_add_vertex, !Wt_remove_edge. split.
    + intros Hw. assert (Hxp : x <> p) by (intros ->; apply Np; eapply Wt_Vx; eauto).
      split; [exact Hxp |]. split.
      * intros Hxu Hxv. right. split; [auto |]. right. split; auto.
      * intros [-> | ->].
        -- right. split; [auto |]. left. split; [reflexivity |]. left. wt_close.
        -- left. split; [reflexivity |]. right. split; [auto |]. left. wt_close.
    + intros [Hxp [H1 H2]]. destruct (Nat.eq_dec x v) as [-> | Hxv].
      * destruct (H2 (or_intror eq_refl)) as [[_ [[Evu [Hw | [E _]]] | [_ [Hw | [E _]]]]] | [C _]];
          try congruence; try wt_close.
      * destruct (Nat.eq_dec x u) as [-> | Hxu].
        -- destruct (H2 (or_introl eq_refl)) as [[C _] | [_ [[_ [Hw | [E _]]] | [C _]]]];
             try contradiction; try wt_close.
        -- destruct (H1 Hxu Hxv) as [[C _] | [_ [[C _] | [_ [Hw | [E _]]]]]]; try contradiction; exact Hw.
  - intros x y. rewrite !Edge_shift, Edge_add_edges, Edge_add_vertex, Edge_remove_edge. simpl. split.
    + intros Hxy. destruct (Edge_ends g _ _ W Hxy) as [Vx' [Vy' _]].
      destruct (Nat.eq_dec x u) as [Exu | Nxu]; destruct (Nat.eq_dec y v) as [Eyv | Nyv];
      destruct (Nat.eq_dec x v) as [Exv | Nxv]; destruct (Nat.eq_dec y u) as [Eyu | Nyu];
      try (right; left; split; assumption); try (right; right; split; assumption);
      left; (split; [left; split; [exact Hxy | split; intros [? ?]; congruence] |
                     split; intros E; rewrite E in *; contradiction]).
    + intros [[[[Hxy _] | [[E | [E | []]] | [E | [E | []]]]] [Hxp Hyp]] | [[-> ->] | [-> ->]]];
        try (injection E; intros; subst); try tauto; auto.
      apply Edge_sym; auto.
Qed.

Lemma sorted_insert_perm x l : Permutation (sorted_insert x l) (x :: l).
Proof.
  induction l as [| y l IH]; simpl; [auto |]. destruct (Nat.leb x y); [auto |].
  eapply perm_trans; [apply perm_skip, IH | apply perm_swap].
Qed.

Lemma sort_nat_perm l : Permutation (sort_nat l) l.
Proof.
  unfold sort_nat. induction l as [| x l IH]; simpl; auto.
  eapply perm_trans; [apply sorted_insert_perm | auto].
Qed.

Lemma In_pair_l (u : nat) (l : list nat) (a b : nat) : In (a, b) (map (fun x => (u, x)) l) <-> a = u /\ In b l.
Proof.
  rewrite in_map_iff. split.
  - intros [c [E Hc]]. injection E as <- <-. auto.
  - intros [-> Hb]. exists b. auto.
Qed.

Lemma In_pair_r (p : nat) (l : list nat) (a b : nat) : In (a, b) (map (fun x => (x, p)) l) <-> In a l /\ b = p.
Proof.
  rewrite in_map_iff. split.
  - intros [c [E Hc]]. injection E as <- <-. auto.
  - intros [Ha ->]. exists a. auto.
Qed.

Lemma refine_absorb g z h :
  WForest g -> apply_pmove g (Absorb z) = Some h -> exists u v, R3Absorb g h z u v.
Proof.
  intros [W A] H. simpl in H.
  destruct (has_vertex g z && Z.eqb (weight_of g z) 0 && Nat.eqb (degree g z) 2) eqn:C; [| discriminate].
  destruct (sort_nat (nbrs g z)) as [| u [| v [| ? ?]]] eqn:N; try discriminate. injection H as <-.
  rewrite !andb_true_iff, Z.eqb_eq, has_vertex_Vx in C. destruct C as [[Vz Wz0] _].
  pose proof (sort_nat_perm (nbrs g z)) as P. rewrite N in P.
  pose proof (nbrs_NoDup g z W) as ND.
  assert (ND2 : NoDup [u; v]) by (eapply Permutation_NoDup; [apply Permutation_sym, P | exact ND]).
  assert (Huv : u <> v) by (inversion ND2; subst; simpl in *; intuition).
  assert (Ez : forall y, Edge g z y <-> y = u \/ y = v).
  { intros y. rewrite <- nbrs_In. split; intros Hy.
    - apply (Permutation_in _ (Permutation_sym P)) in Hy. simpl in Hy. intuition.
    - apply (Permutation_in _ P). simpl. intuition. }
  assert (Hzu : Edge g z u) by (apply Ez; auto). assert (Hzv : Edge g z v) by (apply Ez; auto).
  destruct (Edge_ends g _ _ W Hzu) as [_ [Vu Nzu]]. destruct (Edge_ends g _ _ W Hzv) as [_ [Vv Nzv]].
  assert (Wz : Wt g z 0%Z) by (rewrite <- Wz0; apply weight_of_Wt; [apply W | exact Vz]).
  pose proof (weight_of_Wt g v (wg_nodup g W) Vv) as Wv.
  exists u, v. split; [exact Wz |]. split; [exact Huv |]. split; [exact Ez |].
  split; [intros Huv'; exact (acyclic_triangle g z u v W A Hzu Hzv Huv') |].
  split.
  { intros y Huy Hvy. destruct (Nat.eq_dec y z) as [-> | Hyz]; [reflexivity |].
    exfalso. exact (acyclic_square g z u v y W A Hzu Hzv Huy Hvy Huv Hyz). }
  split.
  - intros x w. rewrite !Wt_shift, !Wt_add_edges, !Wt_delete. split.
    + intros [[-> [[Hw Huz'] Huv']] | [Hxu [[Hw Hxz] Hxv]]].
      * split; [auto |]. split; [auto |]. split; [intros C; contradiction C; reflexivity |].
        intros _. exists (w - weight_of g v)%Z, (weight_of g v). split; [exact Hw |]. split; [exact Wv | lia].
      * split; [auto |]. split; [auto |]. split; [intros _; exact Hw | intros C; contradiction].
    + intros [Hxz [Hxv [H1 H2]]]. destruct (Nat.eq_dec x u) as [-> | Hxu].
      * left. split; [reflexivity |]. destruct (H2 eq_refl) as [a [b [Ha [Hb ->]]]].
        assert (b = weight_of g v) by (symmetry; apply Wt_weight_of; [apply W | exact Hb]). subst b.
        split; [split; [wt_close | exact Hxz] | exact Hxv].
      * right. split; [exact Hxu |]. split; [split; [apply H1; exact Hxu | exact Hxz] | exact Hxv].
  - intros x y. rewrite Edge_shift, Edge_add_edges, !Edge_delete, !In_pair_l, !filter_In, !nbrs_In,
      !negb_true_iff, !Nat.eqb_neq. tauto.
Qed.

Lemma Edge_fold_remove g v ms x y :
  Edge (fold_left (fun acc x => remove_edge acc v x) ms g) x y <->
  Edge g x y /\ ~ (x = v /\ In y ms) /\ ~ (y = v /\ In x ms).
Proof.
  revert g. induction ms as [| m ms IH]; intros g; simpl.
  - tauto.
  - rewrite IH, Edge_remove_edge. split.
    + intros [[H1 [H2 H3]] [H4 H5]]. split; [exact H1 |].
      split; intros [-> [-> | Hin]]; auto.
    + intros [H1 [H2 H3]]. split; [split; [exact H1 |] |]; split; intros [-> Hb]; auto.
Qed.

Lemma Wt_fold_remove g v ms x w :
  Wt (fold_left (fun acc x => remove_edge acc v x) ms g) x w <-> Wt g x w.
Proof.
  revert g. induction ms as [| m ms IH]; intros g; simpl; [tauto |]. rewrite IH. apply Wt_remove_edge.
Qed.

Lemma Vx_fold_remove g v ms x :
  Vx (fold_left (fun acc x => remove_edge acc v x) ms g) x <-> Vx g x.
Proof. rewrite !Vx_Wt. split; intros [w Hw]; exists w; apply Wt_fold_remove in Hw || apply Wt_fold_remove; exact Hw. Qed.

Lemma refine_split g v a ms h :
  WGraph g -> apply_pmove g (Split v a ms) = Some h -> R3Absorb h g (S (fresh g)) v (fresh g).
Proof.
  intros W H. simpl in H.
  destruct (has_vertex g v && increasing ms && forallb (adjacent g v) ms) eqn:C; [| discriminate].
  injection H as <-. rewrite !andb_true_iff, has_vertex_Vx, forallb_forall in C.
  destruct C as [[Vv _] Hms].
  assert (Ems : forall x, In x ms -> Edge g v x) by (intros x Hx; apply adjacent_Edge, Hms, Hx).
  pose proof (fresh_not_Vx g) as Np. pose proof (fresh_gt g) as Fg. set (p := fresh g) in *.
  assert (Nsp : ~ Vx g (S p)) by (intros Hs; apply Fg in Hs; lia).
  assert (NE : forall x y, Edge g x y -> x <> p /\ y <> p /\ x <> S p /\ y <> S p /\ x <> y).
  { intros x y Hxy. destruct (Edge_ends g _ _ W Hxy) as [Vx' [Vy' Nxy]].
    repeat split; auto; intros ->; contradiction. }
  assert (Hvp : v <> p) by (intros ->; contradiction).
  assert (Hvs : v <> S p) by (intros ->; contradiction).
  assert (Hps : p <> S p) by lia.
  assert (Hms' : forall x, In x ms -> x <> p /\ x <> S p /\ x <> v).
  { intros x Hx. destruct (NE v x (Ems x Hx)) as [_ [? [_ [? ?]]]]. auto. }
  assert (EH : forall x y, Edge (shift (add_edges (add_vertex (add_vertex
            (fold_left (fun acc x => remove_edge acc v x) ms g) p a) (S p) 0%Z)
            (map (fun x => (x, p)) ms ++ [(v, S p); (S p, p)])) v (- a)) x y <->
          (Edge g x y /\ ~ (x = v /\ In y ms) /\ ~ (y = v /\ In x ms)) \/
          (In x ms /\ y = p) \/ (x = v /\ y = S p) \/ (x = S p /\ y = p) \/
          (In y ms /\ x = p) \/ (y = v /\ x = S p) \/ (y = S p /\ x = p)).
  { intros x y. rewrite Edge_shift, Edge_add_edges, !Edge_add_vertex, Edge_fold_remove, !in_app_iff,
      !In_pair_r. simpl. split.
    - intros [H | [[H | [E | [E | []]]] | [H | [E | [E | []]]]]];
        try (injection E; intros; subst); tauto.
    - intros [H | [H | [[-> ->] | [[-> ->] | [H | [[-> ->] | [-> ->]]]]]]]; tauto. }
  assert (Ep : forall y, Edge (shift (add_edges (add_vertex (add_vertex
            (fold_left (fun acc x => remove_edge acc v x) ms g) p a) (S p) 0%Z)
            (map (fun x => (x, p)) ms ++ [(v, S p); (S p, p)])) v (- a)) p y <-> In y ms \/ y = S p).
  { intros y. rewrite EH. split.
    - intros [[Hpy _] | [[Hin _] | [[E _] | [[E _] | [[Hin _] | [[_ E] | [E _]]]]]]];
        try (apply NE in Hpy; tauto); try (apply Hms' in Hin; tauto); try congruence; auto.
    - intros [Hin | ->]; [right; right; right; right; left; auto | right; right; right; right; right; right; auto]. }
  split; [| split; [exact Hvp |]].
  { apply Wt_shift. right. split; [auto |]. apply Wt_add_edges, Wt_add_vertex. right; auto. }
  split.
  { intros y. rewrite EH. split.
    - intros [[Hy _] | [[Hin _] | [[E _] | [[_ E] | [[Hin E] | [[E1 E2] | [_ E]]]]]]];
        try (apply NE in Hy; tauto); try (apply Hms' in Hin; tauto); try congruence; try lia; auto.
    - intros [-> | ->]; [right; right; right; right; right; left; auto | right; right; right; left; auto]. }
  split.
  { rewrite EH. intros [[Hy _] | [[Hin _] | [[_ E] | [[E _] | [[Hin _] | [[E _] | [E _]]]]]]];
      try (apply NE in Hy; tauto); try (apply Hms' in Hin; tauto); try congruence. }
  split.
  { intros y Hvy Hpy. apply Ep in Hpy as [Hin | ->]; [| reflexivity]. exfalso.
    destruct (Hms' y Hin) as [Hyp [Hys Hyv]].
    apply EH in Hvy. destruct Hvy as [[_ [C _]] | [[Hin' _] | [[_ E] | [[E _] | [[_ E] | [[E _] | [E _]]]]]]];
      try (apply C; split; auto); try (apply Hms' in Hin'; tauto); try congruence. }
  split.
  - intros x w. rewrite !Wt_shift, !Wt_add_edges, !Wt_add_vertex, !Wt_fold_remove. split.
    + intros Hw. assert (Vx' : Vx g x) by (eapply Wt_Vx; eauto).
      assert (x <> p) by (intros ->; contradiction). assert (x <> S p) by (intros ->; contradiction).
      split; [auto |]. split; [auto |]. split.
      * intros Hxv. right. auto.
      * intros ->. exists (w - a)%Z, a.
        rewrite !Wt_shift, !Wt_add_edges, !Wt_add_vertex, !Wt_fold_remove.
        split; [left; split; [reflexivity | left; left; wt_close] |].
        split; [right; split; [auto | left; right; auto] | lia].
    + intros [Hxs [Hxp [H1 H2]]]. destruct (Nat.eq_dec x v) as [-> | Hxv].
      * destruct (H2 eq_refl) as [a0 [b [Ha [Hb ->]]]].
        rewrite !Wt_shift, !Wt_add_edges, !Wt_add_vertex, !Wt_fold_remove in Ha, Hb.
        destruct Ha as [[_ [[Ha | [E _]] | [E _]]] | [C _]]; try congruence.
        destruct Hb as [[E _] | [_ [[Hb | [_ ->]] | [E _]]]]; try congruence.
        -- apply Wt_Vx in Hb. contradiction.
        -- wt_close.
      * destruct (H1 Hxv) as [[C _] | [_ [[Hw | [E _]] | [E _]]]]; try congruence.
  - intros x y. split.
    + intros Hxy. destruct (NE x y Hxy) as [Nxp [Nyp [Nxs [Nys Nxy]]]].
      destruct (Nat.eq_dec x v) as [-> | Hxv].
      * destruct (in_dec Nat.eq_dec y ms) as [Hin | Hnin].
        -- right. left. split; [reflexivity |]. split; [apply Ep; auto | auto].
        -- left. split; [apply EH; left; split; [exact Hxy | split; intros [C1 C2]; first [contradiction | congruence | (apply Hms' in C2; tauto)]] |].
           auto.
      * destruct (Nat.eq_dec y v) as [-> | Hyv].
        -- destruct (in_dec Nat.eq_dec x ms) as [Hin | Hnin].
           ++ right. right. split; [reflexivity |]. split; [apply Ep; auto | auto].
           ++ left. split; [apply EH; left; split; [exact Hxy | split; intros [C1 C2]; first [contradiction | congruence | (apply Hms' in C2; tauto)]] |].
              auto.
        -- left. split; [apply EH; left; split; [exact Hxy | split; intros [C1 C2]; first [contradiction | congruence | (apply Hms' in C2; tauto)]] |]. auto.
    + intros [[Hxy [Hxs [Hys [Hxp Hyp]]]] | [[-> [Hpy Hys]] | [-> [Hpx Hxs]]]].
      * apply EH in Hxy. destruct Hxy as [[Hxy _] | [[_ E] | [[_ E] | [[E _] | [[_ E] | [[_ E] | [E _]]]]]]];
          try congruence; exact Hxy.
      * apply Ep in Hpy as [Hin | E]; [apply Ems; exact Hin | congruence].
      * apply Ep in Hpx as [Hin | E]; [apply Edge_sym, Ems; exact Hin | congruence].
Qed.

(** ** Every step of the checker keeps a simple graph simple, a forest a forest *)

Definition SimpleL (es : list (nat * nat)) : Prop :=
  NoDup es /\ forall u v, In (u, v) es -> ~ In (v, u) es.

Lemma SimpleL_filter f es : SimpleL es -> SimpleL (filter f es).
Proof.
  intros [N R]. split; [apply NoDup_filter, N |].
  intros u v H1 H2. apply filter_In in H1 as [H1 _]. apply filter_In in H2 as [H2 _]. exact (R u v H1 H2).
Qed.

Lemma SimpleL_app es new :
  SimpleL es -> SimpleL new -> (forall x y, In (x, y) new -> ~ In (x, y) es /\ ~ In (y, x) es) ->
  SimpleL (es ++ new).
Proof.
  intros [N1 R1] [N2 R2] H. split.
  - apply NoDup_app'; auto. intros [x y] Hx Hy. exact (proj1 (H x y Hy) Hx).
  - intros u v Huv Hvu. apply in_app_iff in Huv, Hvu. destruct Huv as [A | A], Hvu as [B | B].
    + exact (R1 u v A B).
    + exact (proj2 (H v u B) A).
    + exact (proj2 (H u v A) B).
    + exact (R2 u v A B).
Qed.

Lemma wgraph_delete g p : WGraph g -> WGraph (delete g p).
Proof.
  intros W. constructor.
  - rewrite ids_delete. apply NoDup_filter, W.
  - intros u v H. unfold delete in H; simpl in H. apply filter_In in H as [H T].
    unfold touches in T; simpl in T. rewrite negb_true_iff, orb_false_iff, !Nat.eqb_neq in T.
    destruct (wg_ends g W u v H) as [Vu [Vv Nuv]]. rewrite !Vx_delete. tauto.
  - apply NoDup_filter, W.
  - intros u v H1 H2. unfold delete in H1, H2; simpl in H1, H2.
    apply filter_In in H1 as [H1 _]. apply filter_In in H2 as [H2 _]. exact (wg_no_reverse g W u v H1 H2).
Qed.

Lemma wgraph_shift g v d : WGraph g -> WGraph (shift g v d).
Proof.
  intros W. constructor.
  - rewrite ids_shift. apply W.
  - intros a b H. rewrite !Vx_shift. apply (wg_ends g W), H.
  - apply W.
  - apply W.
Qed.

Lemma wgraph_remove_edge g u v : WGraph g -> WGraph (remove_edge g u v).
Proof.
  intros W. constructor.
  - apply W.
  - intros a b H. unfold remove_edge in H; simpl in H. apply filter_In in H as [H _].
    rewrite !Vx_remove_edge. apply (wg_ends g W), H.
  - apply NoDup_filter, W.
  - intros a b H1 H2. unfold remove_edge in H1, H2; simpl in H1, H2.
    apply filter_In in H1 as [H1 _]. apply filter_In in H2 as [H2 _]. exact (wg_no_reverse g W a b H1 H2).
Qed.

Lemma wgraph_fold_remove g v ms : WGraph g -> WGraph (fold_left (fun acc x => remove_edge acc v x) ms g).
Proof.
  revert g. induction ms as [| m ms IH]; intros g W; simpl; [exact W |]. apply IH, wgraph_remove_edge, W.
Qed.

Lemma wgraph_add_vertex g p a : WGraph g -> ~ Vx g p -> WGraph (add_vertex g p a).
Proof.
  intros W Np. constructor.
  - rewrite ids_add_vertex. apply NoDup_app'; [apply W | constructor; [simpl; tauto | constructor] |].
    intros x Hx [<- | []]. contradiction.
  - intros u v H. rewrite !Vx_add_vertex. destruct (wg_ends g W u v H) as [? [? ?]]. auto.
  - apply W.
  - apply W.
Qed.

Lemma wgraph_add_edges g new :
  WGraph g -> SimpleL new -> (forall x y, In (x, y) new -> Vx g x /\ Vx g y /\ x <> y /\ ~ Edge g x y) ->
  WGraph (add_edges g new).
Proof.
  intros W Sn Hn. assert (S : SimpleL (pedges g ++ new)).
  { apply SimpleL_app; [split; [apply W | apply W] | exact Sn |].
    intros x y Hxy. destruct (Hn x y Hxy) as [_ [_ [_ NE]]]. unfold Edge in NE. tauto. }
  constructor.
  - apply W.
  - intros u v H. unfold add_edges in H; simpl in H. rewrite !Vx_add_edges.
    apply in_app_iff in H as [H | H]; [apply (wg_ends g W), H | destruct (Hn u v H) as [? [? [? ?]]]; auto].
  - apply S.
  - apply S.
Qed.

Lemma increasing_lt x l : increasing (x :: l) = true -> forall y, In y l -> (x < y)%nat.
Proof.
  revert x. induction l as [| a l IH]; simpl; intros x H y Hy; [contradiction |].
  apply andb_true_iff in H as [Hxa Hl]. apply Nat.ltb_lt in Hxa.
  destruct Hy as [<- | Hy]; [exact Hxa |]. specialize (IH a Hl y Hy). lia.
Qed.

Lemma increasing_NoDup l : increasing l = true -> NoDup l.
Proof.
  induction l as [| x l IH]; intros H; constructor.
  - intros Hx. apply (increasing_lt x l H) in Hx. lia.
  - apply IH. destruct l as [| a l]; [reflexivity |]. simpl in H. apply andb_true_iff in H. tauto.
Qed.

Lemma wgraph_step g m h : WForest g -> apply_pmove g m = Some h -> WGraph h.
Proof.
  intros [W A] H. pose proof (fresh_not_Vx g) as Np. pose proof (fresh_gt g) as Fg.
  destruct m as [v e | p | u v e | p | e | p | z | v a ms]; simpl in H.
  - (* BlowupLeaf *)
    destruct (has_vertex g v && unit_sign e) eqn:C; [| discriminate]. injection H as <-.
    apply andb_true_iff in C as [Vv _]. apply has_vertex_Vx in Vv.
    assert (Hvp : v <> fresh g) by (intros E; rewrite E in Vv; contradiction).
    apply wgraph_shift, wgraph_add_edges; [apply wgraph_add_vertex; auto | |].
    + split; [repeat constructor; simpl; tauto |]. simpl. intros a b [E | []] [E' | []].
      injection E; injection E'; intros; congruence.
    + intros x y [E | []]. injection E as <- <-. rewrite !Vx_add_vertex, Edge_add_vertex.
      split; [auto |]. split; [auto |]. split; [exact Hvp |]. intros Hx.
      apply (Edge_ends g _ _ W) in Hx. tauto.
  - (* BlowdownLeaf *)
    destruct (unit_at g p 1) eqn:U; [| discriminate].
    destruct (nbrs g p) as [| v [| ? ?]]; try discriminate. injection H as <-.
    apply wgraph_shift, wgraph_delete, W.
  - (* BlowupEdge *)
    destruct (has_vertex g u && has_vertex g v && unit_sign e && adjacent g u v && negb (Nat.eqb u v)) eqn:C;
      [| discriminate].
    injection H as <-. rewrite !andb_true_iff, negb_true_iff, Nat.eqb_neq in C.
    destruct C as [[[[Vu Vv] _] _] Huv]. apply has_vertex_Vx in Vu, Vv.
    set (p := fresh g) in *.
    assert (Hup : u <> p) by (intros E; rewrite E in Vu; contradiction).
    assert (Hvp : v <> p) by (intros E; rewrite E in Vv; contradiction).
    apply wgraph_shift, wgraph_shift, wgraph_add_edges;
      [apply wgraph_add_vertex; [apply wgraph_remove_edge, W | rewrite Vx_remove_edge; exact Np] | |].
    + split.
      * constructor; [simpl; intros [E | []]; injection E; intros; congruence | repeat constructor; simpl; tauto].
      * simpl. intros a b [E | [E | []]] [E' | [E' | []]]; injection E; injection E'; intros; congruence.
    + intros x y Hxy. rewrite !Vx_add_vertex, !Vx_remove_edge, Edge_add_vertex.
      assert (NE : forall y, ~ Edge (remove_edge g u v) p y /\ ~ Edge (remove_edge g u v) y p).
      { intros y'. rewrite !Edge_remove_edge. split; intros [Hy _]; apply (Edge_ends g _ _ W) in Hy; tauto. }
      simpl in Hxy. destruct Hxy as [E | [E | []]]; injection E as <- <-;
        (split; [auto |]); (split; [auto |]); (split; [auto |]); apply NE.
  - (* BlowdownEdge *)
    destruct (unit_at g p 2) eqn:U; [| discriminate].
    destruct (nbrs g p) as [| u [| v [| ? ?]]] eqn:N; try discriminate. injection H as <-.
    pose proof (nbrs_NoDup g p W) as ND. rewrite N in ND.
    assert (Huv : u <> v) by (inversion ND; subst; simpl in *; intuition).
    assert (Hpu : Edge g p u) by (apply nbrs_In; rewrite N; simpl; auto).
    assert (Hpv : Edge g p v) by (apply nbrs_In; rewrite N; simpl; auto).
    destruct (Edge_ends g _ _ W Hpu) as [_ [Vu Npu]]. destruct (Edge_ends g _ _ W Hpv) as [_ [Vv Npv]].
    apply wgraph_shift, wgraph_shift, wgraph_add_edges; [apply wgraph_delete, W | |].
    + split; [repeat constructor; simpl; tauto |]. simpl. intros a b [E | []] [E' | []].
      injection E; injection E'; intros; congruence.
    + intros x y [E | []]. injection E as <- <-. rewrite !Vx_delete, Edge_delete.
      split; [auto |]. split; [auto |]. split; [exact Huv |]. intros [Huv' _].
      exact (acyclic_triangle g p u v W A Hpu Hpv Huv').
  - (* BlowupPoint *)
    destruct (unit_sign e); [| discriminate]. injection H as <-. apply wgraph_add_vertex; auto.
  - (* BlowdownPoint *)
    destruct (unit_at g p 0); [| discriminate]. injection H as <-. apply wgraph_delete, W.
  - (* Absorb *)
    destruct (has_vertex g z && Z.eqb (weight_of g z) 0 && Nat.eqb (degree g z) 2) eqn:C; [| discriminate].
    destruct (sort_nat (nbrs g z)) as [| u [| v [| ? ?]]] eqn:N; try discriminate. injection H as <-.
    pose proof (sort_nat_perm (nbrs g z)) as P. rewrite N in P.
    pose proof (nbrs_NoDup g z W) as ND.
    assert (ND2 : NoDup [u; v]) by (eapply Permutation_NoDup; [apply Permutation_sym, P | exact ND]).
    assert (Huv : u <> v) by (inversion ND2; subst; simpl in *; intuition).
    assert (Hzu : Edge g z u) by (apply nbrs_In, (Permutation_in _ P); simpl; auto).
    assert (Hzv : Edge g z v) by (apply nbrs_In, (Permutation_in _ P); simpl; auto).
    destruct (Edge_ends g _ _ W Hzu) as [_ [Vu Nzu]]. destruct (Edge_ends g _ _ W Hzv) as [_ [Vv Nzv]].
    apply wgraph_shift, wgraph_add_edges; [apply wgraph_delete, wgraph_delete, W | |].
    + split.
      * apply NoDup_map_on; [apply NoDup_filter, nbrs_NoDup, W |]. intros a b _ _ E. injection E; auto.
      * intros a b H1 H2. apply In_pair_l in H1 as [-> H1]. apply In_pair_l in H2 as [-> H2].
        apply filter_In in H1 as [H1 _]. apply nbrs_In in H1.
        exact (acyclic_triangle g z u v W A Hzu Hzv (Edge_sym g _ _ H1)).
    + intros x y Hxy. apply In_pair_l in Hxy as [-> Hy]. apply filter_In in Hy as [Hy Hyz].
      rewrite negb_true_iff, Nat.eqb_neq in Hyz. apply nbrs_In in Hy.
      destruct (Edge_ends g _ _ W Hy) as [_ [Vy Nvy]].
      rewrite !Vx_delete, !Edge_delete.
      assert (Hyu : u <> y) by (intros <-; exact (acyclic_triangle g z u v W A Hzu Hzv (Edge_sym g _ _ Hy))).
      split; [auto |]. split; [auto |]. split; [exact Hyu |]. intros [[Huy _] _].
      exact (acyclic_square g z u v y W A Hzu Hzv Huy Hy Huv Hyz).
  - (* Split *)
    destruct (has_vertex g v && increasing ms && forallb (adjacent g v) ms) eqn:C; [| discriminate].
    injection H as <-. rewrite !andb_true_iff, has_vertex_Vx, forallb_forall in C.
    destruct C as [[Vv Inc] Hms]. apply increasing_NoDup in Inc.
    assert (Ems : forall x, In x ms -> Edge g v x) by (intros x Hx; apply adjacent_Edge, Hms, Hx).
    set (p := fresh g) in *.
    assert (Nsp : ~ Vx g (S p)) by (intros Hs; apply Fg in Hs; lia).
    assert (NE : forall x y, Edge g x y -> x <> p /\ y <> p /\ x <> S p /\ y <> S p /\ x <> y).
    { intros x y Hxy. destruct (Edge_ends g _ _ W Hxy) as [Vx' [Vy' Nxy]].
      repeat split; auto; intros E; rewrite E in *; contradiction. }
    assert (Hvp : v <> p) by (intros E; rewrite E in Vv; contradiction).
    assert (Hvs : v <> S p) by (intros E; rewrite E in Vv; contradiction).
    assert (Hms' : forall x, In x ms -> Vx g x /\ x <> p /\ x <> S p /\ x <> v).
    { intros x Hx. destruct (Edge_ends g _ _ W (Ems x Hx)) as [_ [? _]].
      destruct (NE v x (Ems x Hx)) as [_ [? [_ [? ?]]]]. auto. }
    apply wgraph_shift, wgraph_add_edges;
      [apply wgraph_add_vertex; [apply wgraph_add_vertex; [apply wgraph_fold_remove, W |] |] | |].
    + rewrite Vx_fold_remove. exact Np.
    + rewrite Vx_add_vertex, Vx_fold_remove. intros [C | C]; [contradiction | lia].
    + apply SimpleL_app.
      * split.
        -- apply NoDup_map_on; [exact Inc |]. intros a0 b0 _ _ E. injection E; auto.
        -- intros a0 b0 H1 H2. apply In_pair_r in H1 as [H1 ->]. apply In_pair_r in H2 as [H2 _].
           apply Hms' in H2. tauto.
      * split; [constructor; [simpl; intros [E | []]; injection E; intros; lia | repeat constructor; simpl; tauto] |].
        simpl. intros a0 b0 [E | [E | []]] [E' | [E' | []]]; injection E; injection E'; intros; lia.
      * intros x y Hxy. rewrite !In_pair_r. simpl in Hxy. destruct Hxy as [E | [E | []]]; injection E as <- <-.
        -- split; intros [_ E]; [lia | subst; contradiction].
        -- split; intros [Hin _]; apply Hms' in Hin; tauto.
    + intros x y Hxy. rewrite !Vx_add_vertex, !Vx_fold_remove, !Edge_add_vertex, Edge_fold_remove.
      apply in_app_iff in Hxy as [Hxy | Hxy].
      * apply In_pair_r in Hxy as [Hx ->]. destruct (Hms' x Hx) as [? [? [? ?]]].
        split; [auto |]. split; [auto |]. split; [auto |]. intros [Hxp _].
        apply NE in Hxp. tauto.
      * simpl in Hxy. destruct Hxy as [E | [E | []]]; injection E as <- <-;
          (split; [auto |]); (split; [auto |]); (split; [lia || auto |]); intros [Hxp _];
          apply NE in Hxp; tauto.
Qed.

(** ** Neumann's moves keep forests forests (both directions) *)

Lemma acyclic_sub g h p :
  (forall x y, Edge h x y -> x <> p -> y <> p -> Edge g x y) ->
  (forall x, Vx h x -> x <> p -> Vx g x) ->
  (forall y1 y2, Edge h p y1 -> Edge h p y2 -> y1 = y2) ->
  Acyclic g -> Acyclic h.
Proof.
  intros HE HV Hp A S C.
  assert (NP : ~ In p S).
  { intros Hin. destruct (C p Hin) as [_ [y1 [y2 [N [_ [_ [E1 E2]]]]]]]. exact (N (Hp y1 y2 E1 E2)). }
  apply A. intros x Hx. destruct (C x Hx) as [Vh [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
  assert (x <> p) by (intros ->; contradiction).
  split; [apply HV; auto |]. exists y1, y2.
  repeat split; auto; apply HE; auto; intros ->; contradiction.
Qed.

Lemma acyclic_R1Point g h p : R1Point g h p -> Acyclic g -> Acyclic h.
Proof.
  intros [e [_ [_ [Np [HW HE]]]]]. apply acyclic_sub with p.
  - intros x y H _ _. apply HE, H.
  - intros x Hx _. apply Vx_Wt in Hx as [w Hw]. apply HW in Hw as [Hw _]. eapply Wt_Vx; eauto.
  - intros y1 y2 H1. apply HE in H1. exfalso. exact (Np y1 H1).
Qed.

Lemma acyclic_R1Point_rev g h p : R1Point h g p -> Acyclic g -> Acyclic h.
Proof.
  intros [e [_ [_ [Np [HW HE]]]]]. apply acyclic_sub with p.
  - intros x y H _ _. apply HE, H.
  - intros x Hx Hxp. apply Vx_Wt in Hx as [w Hw]. apply Wt_Vx with w. apply HW. auto.
  - intros y1 y2 H1. exfalso. exact (Np y1 H1).
Qed.

Lemma acyclic_R1Leaf g h p v : R1Leaf g h p v -> Acyclic g -> Acyclic h.
Proof.
  intros [e [_ [_ [Ep [HW HE]]]]]. apply acyclic_sub with p.
  - intros x y H _ _. apply HE in H. tauto.
  - intros x Hx _. apply Vx_Wt in Hx as [w Hw]. apply HW in Hw as [_ [H1 H2]].
    destruct (Nat.eq_dec x v) as [-> | Hne]; [eapply Wt_Vx, H2; reflexivity | eapply Wt_Vx, H1, Hne].
  - intros y1 y2 H1. apply HE in H1. tauto.
Qed.

Lemma acyclic_R1Leaf_rev g h p v : R1Leaf h g p v -> Acyclic g -> Acyclic h.
Proof.
  intros [e [_ [_ [Ep [HW HE]]]]]. apply acyclic_sub with p.
  - intros x y H Hx Hy. apply HE. auto.
  - intros x Hx Hxp. apply Vx_Wt in Hx as [w Hw]. destruct (Nat.eq_dec x v) as [-> | Hne].
    + apply Wt_Vx with (w - e)%Z. apply HW. split; [auto |].
      split; [intros C; contradiction C; reflexivity | intros _; wt_close].
    + apply Wt_Vx with w. apply HW. split; [auto |]. split; [intros _; exact Hw | intros C; contradiction].
  - intros y1 y2 H1 H2. apply Ep in H1, H2. congruence.
Qed.

Lemma core_nonempty g (S S' : list nat) : Acyclic g -> Core g S' -> (forall x, In x S -> exists y, In y S') -> S = [].
Proof.
  intros A C H. destruct S as [| x S]; [reflexivity |]. exfalso.
  destruct (H x (or_introl eq_refl)) as [y Hy]. rewrite (A S' C) in Hy. exact Hy.
Qed.

Lemma acyclic_R1Edge g h p u v : WGraph g -> R1Edge g h p u v -> Acyclic g -> Acyclic h.
Proof.
  intros W [e [_ [Wp [Huv [Ep [NEuv [HW HE]]]]]]] A S C.
  assert (VS : forall x, In x S -> Vx g x /\ x <> p).
  { intros x Hx. destruct (C x Hx) as [Vh _]. apply Vx_Wt in Vh as [w Hw]. apply HW in Hw as [Hxp [H1 H2]].
    split; [| exact Hxp]. destruct (Nat.eq_dec x u) as [-> | Hxu]; [eapply Wt_Vx, H2; auto |].
    destruct (Nat.eq_dec x v) as [-> | Hxv]; [eapply Wt_Vx, H2; auto | eapply Wt_Vx, H1; auto]. }
  set (S' := if in_dec Nat.eq_dec u S then if in_dec Nat.eq_dec v S then p :: S else S else S).
  assert (Sub : forall x, In x S -> In x S').
  { intros x Hx. unfold S'. destruct (in_dec Nat.eq_dec u S); destruct (in_dec Nat.eq_dec v S); simpl; auto. }
  assert (K : forall x y, In x S -> In y S -> Edge h x y ->
             (Edge g x y /\ y <> p) \/ (((x = u /\ y = v) \/ (x = v /\ y = u)) /\ In p S' /\ Edge g x p)).
  { intros x y Hx Hy Hxy. apply HE in Hxy as [[Hg [_ Hyp]] | Huv'].
    - left; auto.
    - right. split; [exact Huv' |]. split.
      + unfold S'. destruct Huv' as [[-> ->] | [-> ->]];
          destruct (in_dec Nat.eq_dec u S); destruct (in_dec Nat.eq_dec v S); simpl; tauto.
      + apply Edge_sym, Ep. destruct Huv' as [[-> ->] | [-> ->]]; auto. }
  apply (core_nonempty g S S' A); [| intros x Hx; exists x; apply Sub, Hx].
  intros x Hx'.
  assert (Hcase : (x = p /\ In u S /\ In v S) \/ In x S).
  { unfold S' in Hx'. destruct (in_dec Nat.eq_dec u S); destruct (in_dec Nat.eq_dec v S);
      simpl in Hx'; try tauto. destruct Hx' as [<- | Hx']; tauto. }
  destruct Hcase as [[-> [Hu Hv]] | Hx].
  - split; [eapply Wt_Vx; exact Wp |]. exists u, v.
    split; [exact Huv |]. split; [apply Sub, Hu |]. split; [apply Sub, Hv |]. split; apply Ep; auto.
  - destruct (VS x Hx) as [Vg Hxp]. split; [exact Vg |].
    destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
    destruct (K x y1 Hx I1 E1) as [[G1 P1] | [U1 [Q1 G1]]];
      destruct (K x y2 Hx I2 E2) as [[G2 P2] | [U2 [Q2 G2]]].
    + exists y1, y2. auto 7 using Sub.
    + exists y1, p. auto 7 using Sub.
    + exists p, y2. auto 7 using Sub.
    + exfalso. apply N. destruct U1 as [[? ?] | [? ?]]; destruct U2 as [[? ?] | [? ?]]; congruence.
Qed.

Lemma acyclic_R1Edge_rev g h p u v : WGraph h -> R1Edge h g p u v -> Acyclic g -> Acyclic h.
Proof.
  intros W [e [_ [Wp [Huv [Ep [NEuv [HW HE]]]]]]] A S C.
  assert (Hpu : Edge h p u) by (apply Ep; auto). assert (Hpv : Edge h p v) by (apply Ep; auto).
  destruct (Edge_ends h _ _ W Hpu) as [_ [_ Npu]]. destruct (Edge_ends h _ _ W Hpv) as [_ [_ Npv]].
  assert (PS : In p S -> In u S /\ In v S).
  { intros Hp. destruct (C p Hp) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]]. apply Ep in E1, E2.
    destruct E1 as [-> | ->]; destruct E2 as [-> | ->]; tauto. }
  set (S' := filter (fun x => negb (Nat.eqb x p)) S).
  assert (InS' : forall x, In x S' <-> In x S /\ x <> p)
    by (intros x; unfold S'; rewrite filter_In, negb_true_iff, Nat.eqb_neq; tauto).
  apply (core_nonempty g S S' A).
  - intros x Hx. apply InS' in Hx as [Hx Hxp].
    destruct (C x Hx) as [Vh [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
    split.
    { apply Vx_Wt in Vh as [w Hw]. destruct (Nat.eq_dec x u) as [-> | Hxu].
      - apply Wt_Vx with (w - e)%Z. apply HW. split; [auto |]. split; [intros C'; contradiction | intros _; wt_close].
      - destruct (Nat.eq_dec x v) as [-> | Hxv].
        + apply Wt_Vx with (w - e)%Z. apply HW. split; [auto |]. split; [intros _ C'; contradiction | intros _; wt_close].
        + apply Wt_Vx with w. apply HW. split; [auto |]. split; [auto | intros [C' | C']; contradiction]. }
    assert (Other : forall y, Edge h x p -> In p S ->
               exists w, In w S' /\ Edge g x w /\ (Edge h x y -> y <> p -> w <> y)).
    { intros y Hxp' Hp. destruct (PS Hp) as [Hu Hv]. apply Edge_sym, Ep in Hxp'.
      destruct Hxp' as [-> | ->].
      - exists v. split; [apply InS'; auto |]. split; [apply HE; auto |].
        intros Hy _ ->. exact (NEuv Hy).
      - exists u. split; [apply InS'; auto |]. split; [apply HE; auto |].
        intros Hy _ ->. exact (NEuv (Edge_sym h _ _ Hy)). }
    destruct (Nat.eq_dec y1 p) as [-> | P1]; destruct (Nat.eq_dec y2 p) as [-> | P2].
    + contradiction.
    + destruct (Other y2 E1 I1) as [w [Iw [Gw Nw]]]. exists w, y2.
      split; [apply Nw; auto |]. split; [exact Iw |]. split; [apply InS'; auto |].
      split; [exact Gw | apply HE; auto].
    + destruct (Other y1 E2 I2) as [w [Iw [Gw Nw]]]. exists y1, w.
      split; [intros E; symmetry in E; revert E; apply Nw; auto |]. split; [apply InS'; auto |].
      split; [exact Iw |]. split; [apply HE; auto | exact Gw].
    + exists y1, y2. split; [exact N |]. split; [apply InS'; auto |]. split; [apply InS'; auto |].
      split; apply HE; auto.
  - intros x Hx. destruct (Nat.eq_dec x p) as [-> | Hxp].
    + exists u. apply InS'. split; [apply PS; exact Hx | auto].
    + exists x. apply InS'. auto.
Qed.

Lemma ex_nbr_dec g u (S : list nat) : {y | In y S /\ Edge g u y} + {forall y, In y S -> ~ Edge g u y}.
Proof.
  induction S as [| a S IH].
  - right. intros y [].
  - destruct (adjacent g u a) eqn:E.
    + left. exists a. split; [left; reflexivity | apply adjacent_Edge, E].
    + destruct IH as [[y [Hy Hu]] | IH].
      * left. exists y. split; [right; exact Hy | exact Hu].
      * right. intros y [<- | Hy]; [rewrite <- adjacent_Edge, E; discriminate | apply IH, Hy].
Defined.

Lemma acyclic_R3 g h z u v : WGraph g -> WGraph h -> R3Absorb g h z u v -> Acyclic g -> Acyclic h.
Proof.
  intros Wg Wh [Wz [Huv [Ez [NEuv [Com [HW HE]]]]]] A S C.
  assert (Hzu : Edge g z u) by (apply Ez; auto). assert (Hzv : Edge g z v) by (apply Ez; auto).
  destruct (Edge_ends g _ _ Wg Hzu) as [Vz [Vu Nzu]]. destruct (Edge_ends g _ _ Wg Hzv) as [_ [Vv Nzv]].
  assert (VS : forall x, In x S -> Vx g x /\ x <> z /\ x <> v).
  { intros x Hx. destruct (C x Hx) as [Vh _]. apply Vx_Wt in Vh as [w Hw].
    apply HW in Hw as [Hxz [Hxv [H1 H2]]].
    split; [| auto]. destruct (Nat.eq_dec x u) as [-> | Hxu]; [exact Vu | eapply Wt_Vx, H1, Hxu]. }
  assert (K : forall x y, x <> u -> Edge h x y -> Edge g x y \/ (y = u /\ Edge g v x)).
  { intros x y Hxu Hxy. apply HE in Hxy as [[G _] | [[C' _] | [-> [G Hxz]]]]; [auto | contradiction | auto]. }
  assert (KU : forall y, Edge h u y -> Edge g u y \/ Edge g v y).
  { intros y Hy. destruct (Edge_ends h _ _ Wh Hy) as [_ [_ Nuy]].
    apply HE in Hy as [[G _] | [[_ [G _]] | [-> _]]]; auto. contradiction. }
  destruct (in_dec Nat.eq_dec u S) as [Hu | Hu].
  2: { apply (core_nonempty g S S A); [| intros x Hx; exists x; exact Hx].
       intros x Hx. destruct (VS x Hx) as [Vg _]. split; [exact Vg |].
       destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]]. exists y1, y2.
       assert (x <> u) by (intros ->; contradiction).
       assert (y1 <> u) by (intros ->; contradiction). assert (y2 <> u) by (intros ->; contradiction).
       destruct (K x y1 H E1) as [G1 | [? _]]; [| contradiction].
       destruct (K x y2 H E2) as [G2 | [? _]]; [| contradiction]. auto. }
  destruct (ex_nbr_dec g u S) as [[yu [Iyu Gyu]] | NGU].
  - destruct (ex_nbr_dec g v S) as [[yv [Iyv Gyv]] | NGV].
    + (* both [u] and [v] keep a neighbour in [S]: add [z] and [v] *)
      apply (core_nonempty g S (z :: v :: S) A); [| intros x Hx; exists x; right; right; exact Hx].
      intros x Hx. destruct Hx as [<- | [<- | Hx]].
      * split; [exact Vz |]. exists u, v. simpl. auto 8.
      * split; [exact Vv |]. exists z, yv. destruct (VS yv Iyv) as [_ [? _]].
        split; [auto |]. simpl. split; [auto |]. split; [auto |]. split; [apply Edge_sym, Hzv | exact Gyv].
      * destruct (VS x Hx) as [Vg [Hxz Hxv]]. split; [exact Vg |].
        destruct (Nat.eq_dec x u) as [-> | Hxu].
        -- exists z, yu. destruct (VS yu Iyu) as [_ [? _]].
           split; [auto |]. simpl. split; [auto |]. split; [auto |]. split; [apply Edge_sym, Hzu | exact Gyu].
        -- destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
           destruct (VS y1 I1) as [_ [_ Ny1]]. destruct (VS y2 I2) as [_ [_ Ny2]].
           destruct (K x y1 Hxu E1) as [G1 | [-> G1]]; destruct (K x y2 Hxu E2) as [G2 | [-> G2]].
           ++ exists y1, y2. simpl. auto 8.
           ++ exists y1, v. simpl. split; [auto |]. split; [auto |]. split; [auto |].
              split; [exact G1 | apply Edge_sym, G2].
           ++ exists v, y2. simpl. split; [auto |]. split; [auto |]. split; [auto |].
              split; [apply Edge_sym, G1 | exact G2].
           ++ contradiction.
    + (* [v] has no neighbour in [S]: [S] itself *)
      apply (core_nonempty g S S A); [| intros x Hx; exists x; exact Hx].
      intros x Hx. destruct (VS x Hx) as [Vg [Hxz Hxv]]. split; [exact Vg |].
      destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
      exists y1, y2. split; [exact N |]. split; [exact I1 |]. split; [exact I2 |].
      destruct (Nat.eq_dec x u) as [-> | Hxu].
      * destruct (KU y1 E1) as [G1 | G1]; [| exfalso; exact (NGV y1 I1 G1)].
        destruct (KU y2 E2) as [G2 | G2]; [| exfalso; exact (NGV y2 I2 G2)]. auto.
      * destruct (K x y1 Hxu E1) as [G1 | [_ G1]]; [| exfalso; exact (NGV x Hx G1)].
        destruct (K x y2 Hxu E2) as [G2 | [_ G2]]; [| exfalso; exact (NGV x Hx G2)]. auto.
  - (* [u] has no neighbour in [S] in [g]: replace [u] by [v] *)
    set (S' := v :: filter (fun x => negb (Nat.eqb x u)) S).
    assert (InS' : forall x, In x S' <-> x = v \/ (In x S /\ x <> u)).
    { intros x. unfold S'. simpl. rewrite filter_In, negb_true_iff, Nat.eqb_neq. intuition. }
    apply (core_nonempty g S S' A).
    2: { intros x Hx. destruct (Nat.eq_dec x u) as [-> | Hxu]; [exists v; left; reflexivity |].
         exists x. apply InS'. auto. }
    intros x Hx. apply InS' in Hx as [-> | [Hx Hxu]].
    + split; [exact Vv |]. destruct (C u Hu) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
      destruct (Edge_ends h _ _ Wh E1) as [_ [_ N1]]. destruct (Edge_ends h _ _ Wh E2) as [_ [_ N2]].
      destruct (KU y1 E1) as [G1 | G1]; [exfalso; exact (NGU y1 I1 G1) |].
      destruct (KU y2 E2) as [G2 | G2]; [exfalso; exact (NGU y2 I2 G2) |].
      exists y1, y2. split; [exact N |]. split; [apply InS'; auto |]. split; [apply InS'; auto |]. auto.
    + destruct (VS x Hx) as [Vg [Hxz Hxv]]. split; [exact Vg |].
      destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
      destruct (VS y1 I1) as [_ [_ Ny1]]. destruct (VS y2 I2) as [_ [_ Ny2]].
      assert (Gu : forall y, In y S -> Edge g x y -> y <> u)
        by (intros y Hy G ->; exact (NGU x Hx (Edge_sym g _ _ G))).
      destruct (K x y1 Hxu E1) as [G1 | [-> G1]]; destruct (K x y2 Hxu E2) as [G2 | [-> G2]].
      * exists y1, y2. split; [exact N |]. split; [apply InS'; right; split; [auto | apply (Gu y1); auto] |].
        split; [apply InS'; right; split; [auto | apply (Gu y2); auto] |]. auto.
      * exists y1, v. split; [auto |]. split; [apply InS'; right; split; [auto | apply (Gu y1); auto] |].
        split; [apply InS'; auto |]. split; [exact G1 | apply Edge_sym, G2].
      * exists v, y2. split; [auto |]. split; [apply InS'; auto |].
        split; [apply InS'; right; split; [auto | apply (Gu y2); auto] |]. split; [apply Edge_sym, G1 | exact G2].
      * contradiction.
Qed.

Lemma acyclic_R3_rev g h z u v : WGraph h -> R3Absorb h g z u v -> Acyclic g -> Acyclic h.
Proof.
  intros W [Wz [Huv [Ez [NEuv [Com [HW HE]]]]]] A S C.
  assert (Hzu : Edge h z u) by (apply Ez; auto). assert (Hzv : Edge h z v) by (apply Ez; auto).
  destruct (Edge_ends h _ _ W Hzu) as [Vz [Vu Nzu]]. destruct (Edge_ends h _ _ W Hzv) as [_ [Vv Nzv]].
  assert (ZS : In z S -> In u S /\ In v S).
  { intros Hz. destruct (C z Hz) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]]. apply Ez in E1, E2.
    destruct E1 as [-> | ->]; destruct E2 as [-> | ->]; tauto. }
  set (T := filter (fun x => negb (Nat.eqb x z) && negb (Nat.eqb x u) && negb (Nat.eqb x v)) S).
  assert (InT : forall x, In x T <-> In x S /\ x <> z /\ x <> u /\ x <> v).
  { intros x. unfold T. rewrite filter_In, !andb_true_iff, !negb_true_iff, !Nat.eqb_neq. tauto. }
  assert (VT : forall x, x <> z -> x <> u -> x <> v -> Vx h x -> Vx g x).
  { intros x Hxz Hxu Hxv Vh. apply Vx_Wt in Vh as [w Hw]. apply Wt_Vx with w. apply HW.
    split; [auto |]. split; [auto |]. split; [auto | intros ->; contradiction]. }
  assert (VgU : Vx g u).
  { apply Vx_Wt in Vu as [a Ha]. apply Vx_Wt in Vv as [b Hb]. apply Wt_Vx with (a + b)%Z. apply HW.
    split; [auto |]. split; [auto |]. split; [intros C'; contradiction | intros _; exists a, b; auto]. }
  (* a neighbour in [S] of a vertex of [T] gives a neighbour in [u :: T] *)
  assert (KT : forall x y, In x T -> In y S -> Edge h x y ->
             (y <> u /\ y <> v /\ In y T /\ Edge g x y) \/ ((y = u \/ y = v) /\ Edge g x u)).
  { intros x y Hx Hy Hxy. apply InT in Hx as [Hx [Hxz [Hxu Hxv]]].
    destruct (Edge_ends h _ _ W Hxy) as [_ [_ Nxy]].
    assert (Hyz : y <> z) by (intros ->; apply Edge_sym, Ez in Hxy; destruct Hxy; contradiction).
    destruct (Nat.eq_dec y u) as [-> | Hyu].
    - right. split; [auto |]. apply HE. left. auto.
    - destruct (Nat.eq_dec y v) as [-> | Hyv].
      + right. split; [auto |]. apply HE. right. right. split; [auto |]. split; [apply Edge_sym, Hxy | auto].
      + left. split; [auto |]. split; [auto |]. split; [apply InT; auto |]. apply HE. left. auto. }
  assert (Dec : {In u S \/ In v S} + {~ In u S /\ ~ In v S}).
  { destruct (in_dec Nat.eq_dec u S); [left; auto |].
    destruct (in_dec Nat.eq_dec v S); [left; auto | right; auto]. }
  destruct Dec as [Huv' | Huv'].
  - (* [u] or [v] is in [S]: the merged vertex [u] and the rest *)
    apply (core_nonempty g S (u :: T) A).
    2: { intros x Hx. destruct (Nat.eq_dec x z) as [-> | Hxz]; [exists u; left; reflexivity |].
         destruct (Nat.eq_dec x u) as [-> | Hxu]; [exists u; left; reflexivity |].
         destruct (Nat.eq_dec x v) as [-> | Hxv]; [exists u; left; reflexivity |].
         exists x. right. apply InT. auto. }
    intros x Hx. destruct Hx as [<- | Hx].
    + split; [exact VgU |].
      (* the neighbours of [v] in [S] other than [z] *)
      assert (NV : In v S -> exists w, In w T /\ Edge h v w).
      { intros Hv. destruct (C v Hv) as [_ [w1 [w2 [N [I1 [I2 [E1 E2]]]]]]].
        assert (Pick : forall w, In w S -> Edge h v w -> w <> z -> In w T).
        { intros w Iw Ew Hwz. apply InT. destruct (Edge_ends h _ _ W Ew) as [_ [_ Nvw]].
          split; [auto |]. split; [auto |]. split; [| auto]. intros ->. exact (NEuv (Edge_sym h _ _ Ew)). }
        destruct (Nat.eq_dec w1 z) as [-> | N1].
        - exists w2. split; [apply Pick; auto | exact E2].
        - exists w1. split; [apply Pick; auto | exact E1]. }
      destruct (in_dec Nat.eq_dec u S) as [Hu | Hu].
      * destruct (C u Hu) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
        assert (Pu : forall y, In y S -> Edge h u y -> y <> z -> In y T).
        { intros y Iy Ey Hyz. apply InT. destruct (Edge_ends h _ _ W Ey) as [_ [_ Nuy]].
          split; [auto |]. split; [auto |]. split; [auto |]. intros ->. exact (NEuv Ey). }
        assert (Gu : forall y, In y T -> Edge h u y -> Edge g u y).
        { intros y Iy Ey. apply InT in Iy as [_ [? [? ?]]]. apply HE. left. auto. }
        assert (Gv : forall w, In w T -> Edge h v w -> Edge g u w).
        { intros w Iw Ew. apply InT in Iw as [_ [? [? ?]]]. apply HE. right. left. auto. }
        destruct (Nat.eq_dec y1 z) as [-> | N1].
        -- destruct (ZS I1) as [_ Hv]. destruct (NV Hv) as [w [Iw Ew]].
           assert (N2 : y2 <> z) by (intros ->; contradiction).
           exists y2, w. split.
           { intros ->. apply InT in Iw as [_ [Hwz _]]. exact (Hwz (Com w E2 Ew)). }
           split; [right; apply Pu; auto |]. split; [right; exact Iw |].
           split; [apply Gu; [apply Pu |]; auto | apply Gv; auto].
        -- destruct (Nat.eq_dec y2 z) as [-> | N2].
           ++ destruct (ZS I2) as [_ Hv]. destruct (NV Hv) as [w [Iw Ew]].
              exists y1, w. split.
              { intros ->. apply InT in Iw as [_ [Hwz _]]. exact (Hwz (Com w E1 Ew)). }
              split; [right; apply Pu; auto |]. split; [right; exact Iw |].
              split; [apply Gu; [apply Pu |]; auto | apply Gv; auto].
           ++ exists y1, y2. split; [exact N |]. split; [right; apply Pu; auto |].
              split; [right; apply Pu; auto |]. split; apply Gu; auto; apply Pu; auto.
      * destruct Huv' as [Hu' | Hv]; [contradiction |].
        destruct (C v Hv) as [_ [w1 [w2 [N [I1 [I2 [E1 E2]]]]]]].
        assert (Pv : forall w, In w S -> Edge h v w -> In w T /\ Edge g u w).
        { intros w Iw Ew. destruct (Edge_ends h _ _ W Ew) as [_ [_ Nvw]].
          assert (w <> z) by (intros ->; destruct (ZS Iw); contradiction).
          assert (w <> u) by (intros ->; contradiction).
          split; [apply InT; auto |]. apply HE. right. left. auto. }
        destruct (Pv w1 I1 E1) as [T1 G1]. destruct (Pv w2 I2 E2) as [T2 G2].
        exists w1, w2. simpl. auto 8.
    + apply InT in Hx as Hx'. destruct Hx' as [HxS [Hxz [Hxu Hxv]]].
      destruct (C x HxS) as [Vh [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
      split; [apply VT; auto |].
      destruct (KT x y1 Hx I1 E1) as [[_ [_ [T1 G1]]] | [U1 G1]];
        destruct (KT x y2 Hx I2 E2) as [[_ [_ [T2 G2]]] | [U2 G2]].
      * exists y1, y2. simpl. auto 8.
      * exists y1, u. destruct (proj1 (InT y1) T1) as [_ [_ [? ?]]]. simpl. auto 8.
      * exists u, y2. destruct (proj1 (InT y2) T2) as [_ [_ [? ?]]]. simpl. auto 8.
      * exfalso. apply N. destruct U1 as [-> | ->]; destruct U2 as [-> | ->]; auto.
        -- exfalso. apply Hxz. apply Com; [apply Edge_sym, E1 | apply Edge_sym, E2].
        -- exfalso. apply Hxz. apply Com; [apply Edge_sym, E2 | apply Edge_sym, E1].
  - (* neither [u] nor [v] is in [S] (so neither is [z]): [S] itself *)
    destruct Huv' as [Hu Hv].
    assert (Hz : ~ In z S) by (intros Hz; apply ZS in Hz as [? _]; contradiction).
    apply (core_nonempty g S T A).
    2: { intros x Hx. exists x. apply InT. split; [auto |].
         split; [intros ->; contradiction |]. split; intros ->; contradiction. }
    intros x Hx. destruct (InT x) as [Tx _]. destruct (Tx Hx) as [HxS [Hxz [Hxu Hxv]]].
    destruct (C x HxS) as [Vh [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
    split; [apply VT; auto |].
    destruct (KT x y1 Hx I1 E1) as [[_ [_ [T1 G1]]] | [[-> | ->] _]]; [| contradiction | contradiction].
    destruct (KT x y2 Hx I2 E2) as [[_ [_ [T2 G2]]] | [[-> | ->] _]]; [| contradiction | contradiction].
    exists y1, y2. auto.
Qed.

(** ** The checker's validity test implies the declarative one *)

Lemma nodup_nat_NoDup l : nodup_nat l = true -> NoDup l.
Proof.
  induction l as [| x l IH]; simpl; intros H; constructor.
  - apply andb_true_iff in H as [H _]. rewrite negb_true_iff in H. intros Hx.
    apply mem_In in Hx. congruence.
  - apply andb_true_iff in H as [_ H]. apply IH, H.
Qed.

Lemma edges_simple_spec g es seen : edges_simple es seen g = true ->
  (forall u v, In (u, v) es -> Vx g u /\ Vx g v /\ u <> v) /\
  (forall u v, In (u, v) es -> ~ In (u, v) seen /\ ~ In (v, u) seen) /\ SimpleL es.
Proof.
  revert seen. induction es as [| [u v] es IH]; intros seen H; simpl in H.
  - split; [intros u v [] |]. split; [intros u v [] |]. split; [constructor | intros u v []].
  - rewrite !andb_true_iff, !negb_true_iff, !has_vertex_Vx, Nat.eqb_neq in H.
    destruct H as [[[[Vu Vv] Nuv] Hseen] Hrest].
    assert (NS : ~ In (u, v) seen /\ ~ In (v, u) seen).
    { split; intros Hin; rewrite <- not_true_iff_false in Hseen; apply Hseen, existsb_exists;
        eexists; (split; [exact Hin | apply same_edge_spec; auto]). }
    destruct (IH _ Hrest) as [E1 [E2 [N1 R1]]]. simpl in E2.
    split; [| split; [| split]].
    + intros a b [E | Hin]; [injection E as <- <-; auto | apply E1, Hin].
    + intros a b [E | Hin]; [injection E as <- <-; auto |]. destruct (E2 a b Hin) as [A B]. tauto.
    + constructor; [| exact N1]. intros Hin. destruct (E2 u v Hin) as [A _]. tauto.
    + intros a b [E | Hin] [E' | Hin'].
      * injection E as <- <-. injection E'. intros; congruence.
      * injection E as <- <-. destruct (E2 v u Hin') as [_ B]. tauto.
      * injection E' as <- <-. destruct (E2 v u Hin) as [_ B]. tauto.
      * exact (R1 a b Hin Hin').
Qed.

Lemma prune_step_core g S : Core g S ->
  let leaves := filter (fun v => Nat.leb (degree g v) 1) (ids g) in
  Core (mk_pgraph (filter (fun p => negb (mem (fst p) leaves)) (pverts g))
                  (filter (fun e => negb (mem (fst e) leaves || mem (snd e) leaves)) (pedges g))) S.
Proof.
  intros C leaves.
  assert (NL : forall x, In x S -> mem x leaves = false).
  { intros x Hx. destruct (C x Hx) as [_ [y1 [y2 [N [_ [_ [E1 E2]]]]]]].
    apply not_true_iff_false. intros Hm. apply mem_In in Hm. unfold leaves in Hm.
    apply filter_In in Hm as [_ Hd]. apply Nat.leb_le in Hd. unfold degree in Hd.
    pose proof (two_le_length (nbrs g x) y1 y2) as L. rewrite !nbrs_In in L. specialize (L E1 E2 N). lia. }
  intros x Hx. destruct (C x Hx) as [Vg [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
  split.
  - unfold Vx in *; simpl. apply in_map_iff in Vg as [[a w] [Ea Hin]]. simpl in Ea. subst a.
    apply in_map_iff. exists (x, w). split; [reflexivity |]. apply filter_In. split; [exact Hin |].
    simpl. rewrite NL; auto.
  - exists y1, y2. split; [exact N |]. split; [exact I1 |]. split; [exact I2 |].
    unfold Edge in *; simpl. rewrite !filter_In; simpl. rewrite (NL x Hx), (NL y1 I1), (NL y2 I2). simpl.
    tauto.
Qed.

Lemma prune_acyclic fuel g : prune fuel g = true -> Acyclic g.
Proof.
  revert g. induction fuel as [| f IH]; intros g H S C.
  - simpl in H. destruct S as [| x S]; [reflexivity |]. exfalso.
    destruct (C x (or_introl eq_refl)) as [Vg _]. unfold Vx in Vg.
    destruct (pverts g); [contradiction | discriminate].
  - pose proof (prune_step_core g S C) as Hc. simpl in Hc. revert H Hc. simpl.
    destruct (pverts g) as [| p ps] eqn:E.
    + intros _ _. destruct S as [| x S]; [reflexivity |]. exfalso.
      destruct (C x (or_introl eq_refl)) as [Vg _]. unfold Vx in Vg. rewrite E in Vg. contradiction.
    + destruct (filter (fun v => Nat.leb (degree g v) 1) (ids g)) as [| l ls]; [discriminate |].
      intros H Hc. exact (IH _ H S Hc).
Qed.

Theorem valid_forest_WForest g : valid_forest g = true -> WForest g.
Proof.
  unfold valid_forest. rewrite !andb_true_iff. intros [[N E] P].
  destruct (edges_simple_spec g _ _ E) as [E1 [_ [N2 R2]]].
  split; [constructor | eapply prune_acyclic; exact P].
  - apply nodup_nat_NoDup, N.
  - exact E1.
  - exact N2.
  - exact R2.
Qed.

(** ** The checker's isomorphism test implies a real isomorphism *)

Lemma image_In bij x y : NoDup (map fst bij) -> In (x, y) bij -> image bij x = y.
Proof.
  induction bij as [| [a b] bij IH]; simpl; [tauto |]. intros N [E | Hin]; inversion N as [| ? ? Na Nb]; subst.
  - injection E as -> ->. rewrite Nat.eqb_refl. reflexivity.
  - destruct (Nat.eqb a x) eqn:Ea; [| apply IH; auto].
    apply Nat.eqb_eq in Ea. subst. exfalso. apply Na. apply in_map_iff. exists (x, y). auto.
Qed.

Lemma snd_inj (bij : list (nat * nat)) a b y :
  NoDup (map snd bij) -> In (a, y) bij -> In (b, y) bij -> a = b.
Proof.
  induction bij as [| [c d] bij IH]; simpl; [tauto |]. intros N Ha Hb. inversion N as [| ? ? Nc Nd]; subst.
  destruct Ha as [Ea | Ha]; destruct Hb as [Eb | Hb].
  - injection Ea; injection Eb; intros; congruence.
  - injection Ea as <- <-. exfalso. apply Nc. apply in_map_iff. exists (b, d). auto.
  - injection Eb as <- <-. exfalso. apply Nc. apply in_map_iff. exists (a, d). auto.
  - apply IH; auto.
Qed.

Definition nrm (e : nat * nat) : nat * nat := if Nat.leb (fst e) (snd e) then e else (snd e, fst e).

Lemma nrm_eq a b c d : nrm (a, b) = nrm (c, d) -> (a = c /\ b = d) \/ (a = d /\ b = c).
Proof.
  unfold nrm; simpl. destruct (Nat.leb a b) eqn:E1; destruct (Nat.leb c d) eqn:E2; intros E;
    injection E; intros; subst; auto.
Qed.

Lemma nrm_swap a b : nrm (b, a) = nrm (a, b).
Proof.
  unfold nrm; simpl. destruct (Nat.leb b a) eqn:E1; destruct (Nat.leb a b) eqn:E2; try reflexivity.
  - apply Nat.leb_le in E1. apply Nat.leb_le in E2. assert (a = b) by lia. subst. reflexivity.
  - apply Nat.leb_gt in E1. apply Nat.leb_gt in E2. lia.
Qed.

Lemma iso_ok_Iso e b bij : WGraph e -> WGraph b -> iso_ok e b bij = true -> Iso e b.
Proof.
  intros We Wb H. unfold iso_ok in H. rewrite !andb_true_iff, !Nat.eqb_eq, !forallb_forall in H.
  destruct H as [[[[[[[[Nx Ny] L1] L2] Fx] Fy] Fw] LE] FE].
  apply nodup_nat_NoDup in Nx, Ny.
  assert (Ix : incl (map fst (pverts e)) (map fst bij)).
  { apply NoDup_length_incl; [exact Nx | rewrite !map_length; lia |].
    intros x Hx. apply mem_In, Fx, Hx. }
  assert (Iy : incl (map fst (pverts b)) (map snd bij)).
  { apply NoDup_length_incl; [exact Ny | rewrite !map_length; lia |].
    intros y Hy. apply mem_In, Fy, Hy. }
  set (f := image bij).
  assert (Pair : forall x, Vx e x -> In (x, f x) bij).
  { intros x Vx'. apply Ix in Vx'. apply in_map_iff in Vx' as [[a c] [Ea Hin]]. simpl in Ea. subst a.
    unfold f. rewrite (image_In bij x c Nx Hin). exact Hin. }
  assert (Img : forall x, Vx e x -> Vx b (f x)).
  { intros x Vx'. apply mem_In, Fy, in_map_iff. exists (x, f x). auto. }
  assert (Inj : forall x y, Vx e x -> Vx e y -> f x = f y -> x = y).
  { intros x y Vx' Vy' E. apply (snd_inj bij x y (f x) Ny (Pair x Vx')). rewrite E. apply Pair, Vy'. }
  assert (Sur : forall y, Vx b y -> exists x, Vx e x /\ f x = y).
  { intros y Vy'. apply Iy in Vy'. apply in_map_iff in Vy' as [[a c] [Ec Hin]]. simpl in Ec. subst c.
    exists a. assert (Va : Vx e a) by (apply mem_In, Fx, in_map_iff; exists (a, y); auto).
    split; [exact Va |]. unfold f. apply image_In; auto. }
  assert (FEe : forall x y, Edge e x y -> Edge b (f x) (f y)).
  { intros x y [Hxy | Hyx].
    - apply adjacent_Edge. exact (FE (x, y) Hxy).
    - apply Edge_sym, adjacent_Edge. exact (FE (y, x) Hyx). }
  exists f. split; [exact Inj |]. split; [exact Sur |]. split.
  - intros x w Vx'. pose proof (Fw (x, f x) (Pair x Vx')) as Hw. simpl in Hw. apply Z.eqb_eq in Hw.
    split.
    + intros Wx. rewrite (Wt_weight_of e x w (wg_nodup e We) Wx) in Hw. rewrite Hw.
      apply weight_of_Wt; [apply Wb | apply Img, Vx'].
    + intros Wx. rewrite (Wt_weight_of b (f x) w (wg_nodup b Wb) Wx) in Hw. rewrite <- Hw.
      apply weight_of_Wt; [apply We | exact Vx'].
  - intros x y Vx' Vy'. split; [apply FEe |].
    (* pigeonhole: the images of the edges of [e] are all the edges of [b] *)
    set (F := fun ed : nat * nat => nrm (f (fst ed), f (snd ed))).
    assert (NB : NoDup (map nrm (pedges b))).
    { apply NoDup_map_on; [apply Wb |]. intros [a1 a2] [c1 c2] H1 H2 E.
      apply nrm_eq in E as [[-> ->] | [-> ->]]; [reflexivity |].
      exfalso. exact (wg_no_reverse b Wb _ _ H1 H2). }
    assert (NE : NoDup (map F (pedges e))).
    { apply NoDup_map_on; [apply We |]. intros [a1 a2] [c1 c2] H1 H2 E. unfold F in E; simpl in E.
      destruct (wg_ends e We _ _ H1) as [Va1 [Va2 _]]. destruct (wg_ends e We _ _ H2) as [Vc1 [Vc2 _]].
      apply nrm_eq in E as [[E1 E2] | [E1 E2]].
      - assert (a1 = c1) by (apply Inj; auto). assert (a2 = c2) by (apply Inj; auto). subst. reflexivity.
      - assert (a1 = c2) by (apply Inj; auto). assert (a2 = c1) by (apply Inj; auto). subst.
        exfalso. exact (wg_no_reverse e We _ _ H1 H2). }
    assert (Inc : incl (map F (pedges e)) (map nrm (pedges b))).
    { intros q Hq. apply in_map_iff in Hq as [[a1 a2] [<- Hin]]. unfold F; simpl.
      assert (Hb' : Edge b (f a1) (f a2)) by (apply FEe; left; exact Hin). destruct Hb' as [Hb' | Hb'].
      - apply in_map_iff. exists (f a1, f a2). auto.
      - apply in_map_iff. exists (f a2, f a1). split; [apply nrm_swap | exact Hb']. }
    assert (Back : incl (map nrm (pedges b)) (map F (pedges e)))
      by (apply NoDup_length_incl; [exact NE | rewrite !map_length; lia | exact Inc]).
    intros Hb'.
    assert (Hq : In (nrm (f x, f y)) (map nrm (pedges b))).
    { destruct Hb' as [Hb' | Hb'].
      - apply in_map_iff. exists (f x, f y). auto.
      - apply in_map_iff. exists (f y, f x). split; [apply nrm_swap | exact Hb']. }
    apply Back, in_map_iff in Hq as [[a1 a2] [E Hin]]. unfold F in E; simpl in E.
    destruct (wg_ends e We _ _ Hin) as [Va1 [Va2 _]].
    apply nrm_eq in E as [[E1 E2] | [E1 E2]].
    + assert (a1 = x) by (apply Inj; auto). assert (a2 = y) by (apply Inj; auto). subst. left. exact Hin.
    + assert (a1 = y) by (apply Inj; auto). assert (a2 = x) by (apply Inj; auto). subst. right. exact Hin.
Qed.

(** ** Refinement and soundness in the words of the specification *)

Lemma shrink_acyclic g h : WGraph g -> WGraph h -> Shrink g h -> Acyclic g -> Acyclic h.
Proof.
  intros Wg Wh S. destruct S as [g h p H | g h p v H | g h p u v H | g h z u v H].
  - apply (acyclic_R1Point g h p H).
  - apply (acyclic_R1Leaf g h p v H).
  - apply (acyclic_R1Edge g h p u v Wg H).
  - apply (acyclic_R3 g h z u v Wg Wh H).
Qed.

Lemma grow_acyclic g h : WGraph h -> Shrink h g -> Acyclic g -> Acyclic h.
Proof.
  intros Wh S. destruct S as [h g p H | h g p v H | h g p u v H | h g z u v H].
  - apply (acyclic_R1Point_rev g h p H).
  - apply (acyclic_R1Leaf_rev g h p v H).
  - apply (acyclic_R1Edge_rev g h p u v Wh H).
  - apply (acyclic_R3_rev g h z u v Wh H).
Qed.

(** Every move the checker accepts on a simple forest is one of Neumann's moves, in one direction
    or the other, between simple forests. *)
Theorem apply_pmove_refines : forall g m h,
  WForest g -> apply_pmove g m = Some h -> NeumannStep g h.
Proof.
  intros g m h F H. pose proof (wgraph_step g m h F H) as Wh. destruct F as [Wg A].
  assert (S : Shrink g h \/ Shrink h g).
  { destruct m as [v e | p | u v e | p | e | p | z | v a ms].
    - right. eapply shrink_leaf. eapply refine_blowup_leaf; eauto.
    - left. destruct (refine_blowdown_leaf g p h Wg H) as [v Hv]. eapply shrink_leaf; eauto.
    - right. eapply shrink_edge. eapply refine_blowup_edge; eauto.
    - left. destruct (refine_blowdown_edge g p h (Build_WForest g Wg A) H) as [u [v Huv]].
      eapply shrink_edge; eauto.
    - right. eapply shrink_point. eapply refine_blowup_point; eauto.
    - left. eapply shrink_point. eapply refine_blowdown_point; eauto.
    - left. destruct (refine_absorb g z h (Build_WForest g Wg A) H) as [u [v Huv]].
      eapply shrink_absorb; eauto.
    - right. eapply shrink_absorb. eapply refine_split; eauto. }
  split; [split; auto |]. split; [split; [exact Wh |] |].
  - destruct S as [S | S]; [exact (shrink_acyclic g h Wg Wh S A) | exact (grow_acyclic g h Wh S A)].
  - tauto.
Qed.

Corollary apply_pmove_refines_valid : forall g m h,
  valid_forest g = true -> apply_pmove g m = Some h -> NeumannStep g h.
Proof. intros g m h V. apply apply_pmove_refines, valid_forest_WForest, V. Qed.

Lemma neumann_step_forest g h : NeumannStep g h -> WForest h.
Proof. intros [_ [F _]]. exact F. Qed.

Lemma neumann_equiv_trans a b c : NeumannEquiv a b -> NeumannEquiv b c -> NeumannEquiv a c.
Proof.
  intros H1 H2. induction H1 as [g | g h k S _ IH]; [exact H2 |]. apply ne_step with h; auto.
Qed.

Lemma run_plumb_spec : forall ms g e,
  WForest g -> run_plumb g ms = Some e -> NeumannEquiv g e /\ WForest e.
Proof.
  induction ms as [| m rest IH]; intros g e F H; simpl in H.
  - injection H as <-. split; [apply ne_refl | exact F].
  - destruct (apply_pmove g m) as [h |] eqn:Hm; [| discriminate].
    pose proof (apply_pmove_refines g m h F Hm) as S.
    destruct (IH h e (neumann_step_forest g h S) H) as [E Fe].
    split; [apply ne_step with h; auto | exact Fe].
Qed.

(** Soundness in the words of Neumann's calculus: an accepted certificate relates two weighted
    forests by a chain of Neumann's moves and isomorphisms. *)
Theorem check_plumbing_spec : forall c, check_plumbing c = true ->
  WForest (pc_a c) /\ WForest (pc_b c) /\ NeumannEquiv (pc_a c) (pc_b c).
Proof.
  intros c H. unfold check_plumbing in H.
  destruct (valid_forest (pc_a c)) eqn:Ha; [| discriminate].
  destruct (valid_forest (pc_b c)) eqn:Hb; [| discriminate].
  simpl in H. destruct (run_plumb (pc_a c) (pc_steps c)) as [e |] eqn:Hr; [| discriminate].
  apply andb_true_iff in H as [He Hi].
  apply valid_forest_WForest in Ha, Hb, He.
  destruct (run_plumb_spec _ _ _ Ha Hr) as [E _].
  split; [exact Ha |]. split; [exact Hb |].
  apply neumann_equiv_trans with e; [exact E |].
  apply ne_step with (pc_b c); [| apply ne_refl].
  split; [exact He |]. split; [exact Hb |]. right. right.
  exact (iso_ok_Iso e (pc_b c) (pc_bijection c) (wf_graph e He) (wf_graph _ Hb) Hi).
Qed.

(** * Part 3: non-vacuity — every Neumann step preserves [|det Q|] *)

(** The intersection (plumbing) matrix [Q(Γ)] has the weights on the diagonal and [1] for each
    edge. On a forest every permutation with a cycle of length [>= 3] contributes [0] to the
    Leibniz expansion (such a cycle would be a cycle of the graph), so [det Q] is the sum over the
    matchings [M] of [(-1)^|M|] times the product of the weights of the unmatched vertices;
    expanding along the first vertex [x] of the list: either [x] is unmatched or matched to one
    of its neighbours [y]:
    [det Q(Γ) = e_x · det Q(Γ − x) − Σ_{y ~ x} det Q(Γ − x − y)].
    [Dl] computes this expansion on a list of weighted vertices, with the adjacency given as a
    boolean relation; [detQ] is it on the graph. [|det Q(Γ)|] is the order of [H_1(M(Γ))]
    (or [0] when it is infinite). *)

Fixpoint sumZ (l : list Z) : Z := match l with [] => 0%Z | x :: r => (x + sumZ r)%Z end.

Definition rmv (y : nat) (l : list (nat * Z)) : list (nat * Z) :=
  filter (fun q => negb (Nat.eqb (fst q) y)) l.

Fixpoint Dn (n : nat) (a : nat -> nat -> bool) (l : list (nat * Z)) : Z :=
  match n with
  | O => 1%Z
  | S n' =>
      match l with
      | [] => 1%Z
      | (x, w) :: r =>
          (w * Dn n' a r - sumZ (map (fun q => if a x (fst q) then Dn n' a (rmv (fst q) r) else 0%Z) r))%Z
      end
  end.

Definition Dl (a : nat -> nat -> bool) (l : list (nat * Z)) : Z := Dn (length l) a l.

(** Adjacency in [g], as a boolean relation (symmetric by construction). *)
Definition edgeb (g : pgraph) (x y : nat) : bool :=
  existsb (fun e => (Nat.eqb (fst e) x && Nat.eqb (snd e) y) || (Nat.eqb (fst e) y && Nat.eqb (snd e) x))
          (pedges g).

(** [det Q] of a weighted forest. *)
Definition detQ (g : pgraph) : Z := Dl (edgeb g) (pverts g).

Lemma edgeb_Edge g x y : edgeb g x y = true <-> Edge g x y.
Proof.
  unfold edgeb, Edge. rewrite existsb_exists. split.
  - intros [[a b] [Hin H]]. simpl in H. rewrite orb_true_iff, !andb_true_iff, !Nat.eqb_eq in H.
    destruct H as [[-> ->] | [-> ->]]; auto.
  - intros [H | H]; eexists; (split; [exact H |]); simpl; rewrite !Nat.eqb_refl; simpl; auto.
    rewrite orb_true_r. reflexivity.
Qed.

Lemma edgeb_sym g x y : edgeb g x y = edgeb g y x.
Proof.
  destruct (edgeb g x y) eqn:E1; destruct (edgeb g y x) eqn:E2; auto.
  - apply edgeb_Edge, Edge_sym, edgeb_Edge in E1. congruence.
  - apply edgeb_Edge, Edge_sym, edgeb_Edge in E2. congruence.
Qed.

(** ** Sums *)

Lemma sumZ_app l1 l2 : sumZ (l1 ++ l2) = (sumZ l1 + sumZ l2)%Z.
Proof. induction l1; simpl; lia. Qed.

Lemma sumZ_perm l l' : Permutation l l' -> sumZ l = sumZ l'.
Proof. induction 1; simpl; lia. Qed.

Lemma sumZ_ext {A} (f g : A -> Z) l : (forall q, In q l -> f q = g q) -> sumZ (map f l) = sumZ (map g l).
Proof. intros H. f_equal. apply map_ext_in. exact H. Qed.

Lemma sumZ_add {A} (f g : A -> Z) l :
  sumZ (map (fun q => f q + g q)%Z l) = (sumZ (map f l) + sumZ (map g l))%Z.
Proof. induction l; simpl; lia. Qed.

Lemma sumZ_sub {A} (f g : A -> Z) l :
  sumZ (map (fun q => f q - g q)%Z l) = (sumZ (map f l) - sumZ (map g l))%Z.
Proof. induction l; simpl; lia. Qed.

Lemma sumZ_scale {A} (c : Z) (f : A -> Z) l : sumZ (map (fun q => c * f q)%Z l) = (c * sumZ (map f l))%Z.
Proof. induction l; simpl; lia. Qed.

Lemma sumZ_zero {A} (f : A -> Z) l : (forall q, In q l -> f q = 0%Z) -> sumZ (map f l) = 0%Z.
Proof. induction l as [| a l IH]; simpl; intros H; [reflexivity |]. rewrite H, IH; auto. Qed.

Lemma sumZ_filter {A} (P : A -> bool) (f : A -> Z) l :
  sumZ (map f (filter P l)) = sumZ (map (fun q => if P q then f q else 0%Z) l).
Proof. induction l as [| a l IH]; simpl; [reflexivity |]. destruct (P a); simpl; lia. Qed.

Lemma sumZ_swap {A B} (H : A -> B -> Z) l1 l2 :
  sumZ (map (fun q => sumZ (map (fun t => H q t) l2)) l1) = sumZ (map (fun t => sumZ (map (fun q => H q t) l1)) l2).
Proof.
  induction l1 as [| a l1 IH]; simpl.
  - symmetry. apply sumZ_zero. reflexivity.
  - rewrite IH. rewrite <- sumZ_add. reflexivity.
Qed.

(** ** The expansion does not depend on the fuel, the order of the vertices, or far edges *)

Lemma rmv_length y l : (length (rmv y l) <= length l)%nat.
Proof. unfold rmv. induction l as [| a l IH]; simpl; [lia |]. destruct (negb _); simpl; lia. Qed.

Lemma Dn_fuel : forall n m a l, (length l <= n)%nat -> (length l <= m)%nat -> Dn n a l = Dn m a l.
Proof.
  induction n as [| n IH]; intros m a l Hn Hm.
  - destruct l; [destruct m; reflexivity | simpl in Hn; lia].
  - destruct m as [| m]; [destruct l; [reflexivity | simpl in Hm; lia] |].
    destruct l as [| [x w] r]; [reflexivity |]. simpl in Hn, Hm. simpl.
    rewrite (IH m a r) by lia. f_equal. apply sumZ_ext. intros q _.
    destruct (a x (fst q)); [| reflexivity].
    pose proof (rmv_length (fst q) r). apply IH; lia.
Qed.

Lemma Dl_nil a : Dl a [] = 1%Z.
Proof. reflexivity. Qed.

Lemma Dl_cons a x w r :
  Dl a ((x, w) :: r) =
  (w * Dl a r - sumZ (map (fun q => if a x (fst q) then Dl a (rmv (fst q) r) else 0%Z) r))%Z.
Proof.
  unfold Dl at 1. simpl. f_equal. apply sumZ_ext. intros q _.
  destruct (a x (fst q)); [| reflexivity]. unfold Dl. apply Dn_fuel; [pose proof (rmv_length (fst q) r); lia | lia].
Qed.

Lemma In_rmv y q l : In q (rmv y l) <-> In q l /\ fst q <> y.
Proof. unfold rmv. rewrite filter_In, negb_true_iff, Nat.eqb_neq. tauto. Qed.

Lemma ids_rmv y l : incl (map fst (rmv y l)) (map fst l).
Proof.
  intros x Hx. apply in_map_iff in Hx as [q [<- Hq]]. apply In_rmv in Hq as [Hq _].
  apply in_map_iff. eauto.
Qed.

Lemma NoDup_rmv y l : NoDup (map fst l) -> NoDup (map fst (rmv y l)).
Proof.
  unfold rmv. induction l as [| [x w] l IH]; simpl; intros N; [constructor |].
  inversion N as [| ? ? Nx Nl]; subst. destruct (negb (Nat.eqb x y)); simpl; [| auto].
  constructor; [| auto]. intros Hx. apply Nx. apply (ids_rmv y l), Hx.
Qed.

Lemma rmv_notin y l : ~ In y (map fst l) -> rmv y l = l.
Proof.
  unfold rmv. induction l as [| [x w] l IH]; simpl; intros H; [reflexivity |].
  destruct (Nat.eqb x y) eqn:E; [apply Nat.eqb_eq in E; subst; tauto |]. simpl. rewrite IH; auto.
Qed.

Lemma rmv_comm y t l : rmv y (rmv t l) = rmv t (rmv y l).
Proof.
  unfold rmv. induction l as [| [x w] l IH]; simpl; [reflexivity |].
  destruct (Nat.eqb x t) eqn:E1; destruct (Nat.eqb x y) eqn:E2; simpl; rewrite ?E1, ?E2; simpl; rewrite IH; reflexivity.
Qed.

Lemma Dl_ext_adj : forall n a b l, (length l <= n)%nat ->
  (forall x y, In x (map fst l) -> In y (map fst l) -> a x y = b x y) -> Dl a l = Dl b l.
Proof.
  induction n as [| n IH]; intros a b l Hn H.
  - destruct l; [reflexivity | simpl in Hn; lia].
  - destruct l as [| [x w] r]; [reflexivity |]. rewrite !Dl_cons. simpl in Hn.
    assert (Er : Dl a r = Dl b r) by (apply IH; [lia | intros; apply H; simpl; auto]). rewrite Er.
    f_equal. apply sumZ_ext. intros [y wy] Hq. simpl.
    rewrite (H x y) by (simpl; auto; right; apply in_map_iff; exists (y, wy); auto).
    destruct (b x y); [| reflexivity]. apply IH.
    + pose proof (rmv_length y r). lia.
    + intros s t Hs Ht. apply H; right; apply (ids_rmv y r); auto.
Qed.

Lemma Permutation_filter' {A} (f : A -> bool) l l' : Permutation l l' -> Permutation (filter f l) (filter f l').
Proof.
  induction 1; simpl.
  - constructor.
  - destruct (f x); auto.
  - destruct (f x); destruct (f y); auto. apply perm_swap.
  - eapply perm_trans; eauto.
Qed.

Lemma sumZ_rmv (f : nat * Z -> Z) y l :
  sumZ (map f (rmv y l)) = sumZ (map (fun q => if Nat.eqb (fst q) y then 0%Z else f q) l).
Proof.
  unfold rmv. rewrite sumZ_filter. apply sumZ_ext. intros q _. destruct (Nat.eqb (fst q) y); reflexivity.
Qed.

Lemma Dl_swap a x wx y wy R :
  (forall s t, a s t = a t s) -> NoDup (map fst ((x, wx) :: (y, wy) :: R)) ->
  Dl a ((x, wx) :: (y, wy) :: R) = Dl a ((y, wy) :: (x, wx) :: R).
Proof.
  intros Sym N. simpl in N. inversion N as [| ? ? Nx N']; subst. inversion N' as [| ? ? Ny NR]; subst.
  assert (Hxy : x <> y) by (intros ->; apply Nx; left; reflexivity).
  assert (NxR : ~ In x (map fst R)) by (intros H; apply Nx; right; exact H).
  (* the general shape of both sides *)
  assert (Gen : forall x wx y wy, x <> y -> ~ In x (map fst R) -> ~ In y (map fst R) ->
    Dl a ((x, wx) :: (y, wy) :: R) =
    (wx * wy * Dl a R - wx * sumZ (map (fun t => if a y (fst t) then Dl a (rmv (fst t) R) else 0%Z) R)
     - (if a x y then Dl a R else 0%Z)
     - wy * sumZ (map (fun q => if a x (fst q) then Dl a (rmv (fst q) R) else 0%Z) R)
     + sumZ (map (fun q => sumZ (map (fun t =>
          if a x (fst q) then if a y (fst t) then if Nat.eqb (fst t) (fst q) then 0%Z
          else Dl a (rmv (fst t) (rmv (fst q) R)) else 0%Z else 0%Z) R)) R))%Z).
  { clear x wx y wy Hxy NxR Nx N' Ny N. intros x wx y wy Hxy Hx Hy.
    rewrite Dl_cons. cbn [map sumZ fst]. rewrite Dl_cons.
    assert (E1 : rmv y ((y, wy) :: R) = R).
    { unfold rmv; simpl. rewrite Nat.eqb_refl. simpl. apply rmv_notin, Hy. }
    rewrite E1.
    assert (E2 : sumZ (map (fun q => if a x (fst q) then Dl a (rmv (fst q) ((y, wy) :: R)) else 0%Z) R) =
                 (wy * sumZ (map (fun q => if a x (fst q) then Dl a (rmv (fst q) R) else 0%Z) R)
                  - sumZ (map (fun q => sumZ (map (fun t =>
                      if a x (fst q) then if a y (fst t) then if Nat.eqb (fst t) (fst q) then 0%Z
                      else Dl a (rmv (fst t) (rmv (fst q) R)) else 0%Z else 0%Z) R)) R))%Z).
    { rewrite <- sumZ_scale, <- sumZ_sub. apply sumZ_ext. intros [q wq] Hq. simpl.
      destruct (a x q) eqn:Axq.
      - assert (Hqy : q <> y) by (intros ->; apply Hy; apply in_map_iff; exists (y, wq); auto).
        unfold rmv at 1; simpl. apply Nat.eqb_neq in Hqy. rewrite Nat.eqb_sym, Hqy. simpl.
        fold (rmv q R). rewrite Dl_cons. f_equal.
        rewrite sumZ_rmv. apply sumZ_ext. intros [t wt] _. simpl.
        destruct (a y t); destruct (Nat.eqb t q); reflexivity.
      - rewrite sumZ_zero; [lia | intros; reflexivity]. }
    rewrite E2. destruct (a x y); lia. }
  rewrite (Gen x wx y wy), (Gen y wy x wx); auto.
  rewrite (Sym y x).
  assert (Dbl : sumZ (map (fun q => sumZ (map (fun t =>
          if a x (fst q) then if a y (fst t) then if Nat.eqb (fst t) (fst q) then 0%Z
          else Dl a (rmv (fst t) (rmv (fst q) R)) else 0%Z else 0%Z) R)) R) =
          sumZ (map (fun q => sumZ (map (fun t =>
          if a y (fst q) then if a x (fst t) then if Nat.eqb (fst t) (fst q) then 0%Z
          else Dl a (rmv (fst t) (rmv (fst q) R)) else 0%Z else 0%Z) R)) R)).
  { rewrite sumZ_swap. apply sumZ_ext. intros q _. apply sumZ_ext. intros t _.
    rewrite Nat.eqb_sym, rmv_comm.
    destruct (a x (fst t)); destruct (a y (fst q)); reflexivity. }
  rewrite Dbl. lia.
Qed.

Lemma Dl_perm a : (forall s t, a s t = a t s) ->
  forall l l', NoDup (map fst l) -> Permutation l l' -> Dl a l = Dl a l'.
Proof.
  intros Sym.
  assert (H : forall n l l', (length l <= n)%nat -> NoDup (map fst l) -> Permutation l l' -> Dl a l = Dl a l').
  { induction n as [| n IHn]; intros l l' Hn N P.
    - destruct l; [apply Permutation_nil in P; subst; reflexivity | simpl in Hn; lia].
    - revert Hn N. induction P as [| q l l' P IHP | q1 q2 l | l l' l'' P1 IH1 P2 IH2]; intros Hn N.
      + reflexivity.
      + destruct q as [x w]. rewrite !Dl_cons. simpl in Hn. simpl in N.
        inversion N as [| ? ? Nx Nl]; subst.
        assert (Nl' : NoDup (map fst l')) by (eapply Permutation_NoDup; [apply Permutation_map, P | exact Nl]).
        assert (Eq : Dl a l = Dl a l') by (apply IHn; auto; lia).
        rewrite Eq. f_equal.
        rewrite (sumZ_perm _ _ (Permutation_map _ P)). apply sumZ_ext. intros [q wq] Hq. simpl.
        destruct (a x q); [| reflexivity]. symmetry. apply IHn.
        * pose proof (rmv_length q l'). pose proof (Permutation_length P). lia.
        * apply NoDup_rmv, Nl'.
        * apply Permutation_filter', Permutation_sym, P.
      + destruct q1 as [x wx]. destruct q2 as [y wy]. apply (Dl_swap a y wy x wx l Sym N).
      + rewrite (IH1 Hn N). apply IH2.
        * pose proof (Permutation_length P1). lia.
        * eapply Permutation_NoDup; [apply Permutation_map, P1 | exact N]. }
  intros l l' N P. apply (H (length l)); auto.
Qed.

Lemma Dl_shift a v w w' R : Dl a ((v, w') :: R) = (Dl a ((v, w) :: R) + (w' - w) * Dl a R)%Z.
Proof. rewrite !Dl_cons. lia. Qed.

Lemma sum_single (G : nat -> Z) v (R : list (nat * Z)) : NoDup (map fst R) -> In v (map fst R) ->
  sumZ (map (fun q => if Nat.eqb (fst q) v then G (fst q) else 0%Z) R) = G v.
Proof.
  induction R as [| [x w] R IH]; simpl; intros N Hv; [contradiction |].
  inversion N as [| ? ? Nx NR]; subst. destruct (Nat.eqb x v) eqn:E.
  - apply Nat.eqb_eq in E. subst. rewrite sumZ_zero; [lia |].
    intros [q wq] Hq. simpl. destruct (Nat.eqb q v) eqn:Eq; [| reflexivity].
    apply Nat.eqb_eq in Eq. subst. exfalso. apply Nx. apply in_map_iff. exists (v, wq). auto.
  - destruct Hv as [-> | Hv]; [rewrite Nat.eqb_refl in E; discriminate |]. rewrite IH; auto.
Qed.

Lemma Dl_add_edge a b u wu v R :
  NoDup (map fst R) -> In v (map fst R) -> a u v = false ->
  (forall s t, In s (map fst R) -> In t (map fst R) -> b s t = a s t) ->
  (forall t, In t (map fst R) -> b u t = (a u t || Nat.eqb t v)) ->
  Dl b ((u, wu) :: R) = (Dl a ((u, wu) :: R) - Dl a (rmv v R))%Z.
Proof.
  intros N Hv Auv Bst Bu. rewrite !Dl_cons.
  assert (ER : Dl b R = Dl a R) by (apply (Dl_ext_adj (length R)); auto).
  rewrite ER.
  assert (Sum : sumZ (map (fun q => if b u (fst q) then Dl b (rmv (fst q) R) else 0%Z) R) =
     (sumZ (map (fun q => if a u (fst q) then Dl a (rmv (fst q) R) else 0%Z) R) +
      sumZ (map (fun q => if Nat.eqb (fst q) v then Dl a (rmv (fst q) R) else 0%Z) R))%Z).
  { rewrite <- sumZ_add. apply sumZ_ext. intros [q wq] Hq. simpl.
    assert (Hq' : In q (map fst R)) by (apply in_map_iff; exists (q, wq); auto).
    rewrite (Bu q Hq').
    assert (E : Dl b (rmv q R) = Dl a (rmv q R)).
    { apply (Dl_ext_adj (length (rmv q R))); auto. intros s t Hs Ht. apply Bst; apply (ids_rmv q R); auto. }
    rewrite E. destruct (Nat.eqb q v) eqn:Eq.
    - apply Nat.eqb_eq in Eq. subst. rewrite Auv. simpl. lia.
    - rewrite orb_false_r. destruct (a u q); lia. }
  rewrite Sum, (sum_single (fun y => Dl a (rmv y R)) v R N Hv). lia.
Qed.

Lemma rmv_map (f : nat -> nat) y r :
  (forall z, In z (map fst r) -> f z = f y -> z = y) ->
  rmv (f y) (map (fun q => (f (fst q), snd q)) r) = map (fun q => (f (fst q), snd q)) (rmv y r).
Proof.
  unfold rmv. induction r as [| [z w] r IH]; simpl; intros H; [reflexivity |].
  destruct (Nat.eqb (f z) (f y)) eqn:E1; destruct (Nat.eqb z y) eqn:E2; simpl.
  - apply IH. intros; apply H; auto.
  - apply Nat.eqb_eq in E1. apply H in E1; [| left; reflexivity]. apply Nat.eqb_neq in E2. contradiction.
  - apply Nat.eqb_eq in E2. subst. rewrite Nat.eqb_refl in E1. discriminate.
  - f_equal. apply IH. intros; apply H; auto.
Qed.

Lemma Dl_relabel : forall n (f : nat -> nat) a b l, (length l <= n)%nat ->
  (forall x y, In x (map fst l) -> In y (map fst l) -> f x = f y -> x = y) ->
  (forall x y, In x (map fst l) -> In y (map fst l) -> b (f x) (f y) = a x y) ->
  Dl b (map (fun q => (f (fst q), snd q)) l) = Dl a l.
Proof.
  induction n as [| n IH]; intros f a b l Hn Inj Adj.
  - destruct l; [reflexivity | simpl in Hn; lia].
  - destruct l as [| [x w] r]; [reflexivity |]. simpl map. rewrite !Dl_cons. simpl in Hn.
    assert (Er : Dl b (map (fun q => (f (fst q), snd q)) r) = Dl a r).
    { apply IH; [lia | intros; apply Inj; simpl; auto | intros; apply Adj; simpl; auto]. }
    rewrite Er.
    f_equal. rewrite map_map. apply sumZ_ext. intros [y wy] Hq. simpl.
    assert (Hy : In y (map fst r)) by (apply in_map_iff; exists (y, wy); auto).
    rewrite (Adj x y) by (simpl; auto).
    destruct (a x y); [| reflexivity].
    rewrite rmv_map by (intros; apply Inj; simpl; auto).
    apply IH.
    + pose proof (rmv_length y r). lia.
    + intros s t Hs Ht. apply Inj; right; apply (ids_rmv y r); auto.
    + intros s t Hs Ht. apply Adj; right; apply (ids_rmv y r); auto.
Qed.

(** ** From the moves' pictures to the expansion *)

Lemma perm_of_mem (l l' : list (nat * Z)) : NoDup (map fst l) -> NoDup (map fst l') ->
  (forall x w, In (x, w) l <-> In (x, w) l') -> Permutation l l'.
Proof.
  intros N N' H. apply NoDup_Permutation; [eapply NoDup_map_inv; exact N | eapply NoDup_map_inv; exact N' |].
  intros [x w]. apply H.
Qed.

Lemma detQ_perm g L : WGraph g -> Permutation (pverts g) L -> detQ g = Dl (edgeb g) L.
Proof. intros W P. unfold detQ. apply Dl_perm; [apply edgeb_sym | apply W | exact P]. Qed.

Lemma edgeb_iff g h x y : (Edge g x y <-> Edge h x y) -> edgeb g x y = edgeb h x y.
Proof.
  intros H. destruct (edgeb g x y) eqn:E1; destruct (edgeb h x y) eqn:E2; auto.
  - apply edgeb_Edge, H, edgeb_Edge in E1. congruence.
  - apply edgeb_Edge, H, edgeb_Edge in E2. congruence.
Qed.

Lemma rmv_head v w K : ~ In v (map fst K) -> rmv v ((v, w) :: K) = K.
Proof. intros H. unfold rmv; simpl. rewrite Nat.eqb_refl. simpl. apply rmv_notin, H. Qed.

Lemma rmv_cons_ne x w y K : x <> y -> rmv y ((x, w) :: K) = (x, w) :: rmv y K.
Proof. intros H. unfold rmv; simpl. apply Nat.eqb_neq in H. rewrite H. reflexivity. Qed.

Lemma in_ids (l : list (nat * Z)) x w : In (x, w) l -> In x (map fst l).
Proof. intros H. apply in_map_iff. exists (x, w). auto. Qed.

Lemma In_K x w y l : In (x, w) (rmv y l) <-> In (x, w) l /\ x <> y.
Proof. apply In_rmv. Qed.

Lemma ids_K x y l : In x (map fst (rmv y l)) -> In x (map fst l) /\ x <> y.
Proof.
  intros H. apply in_map_iff in H as [[a w] [<- H]]. apply In_rmv in H as [H Ha]. simpl in Ha.
  split; [eapply in_ids; exact H | exact Ha].
Qed.

Lemma det_R1Point g h p : WGraph g -> WGraph h -> R1Point g h p ->
  exists e, Unit e /\ detQ g = (e * detQ h)%Z.
Proof.
  intros Wg Wh [e [Ue [Wp [Np [HW HE]]]]]. exists e. split; [exact Ue |].
  assert (P : Permutation (pverts g) ((p, e) :: pverts h)).
  { apply perm_of_mem; [apply Wg | |].
    - simpl. constructor; [| apply Wh]. intros Hp. apply Vx_Wt in Hp as [w Hw]. apply HW in Hw. tauto.
    - intros x w. simpl. split.
      + intros Hin. destruct (Nat.eq_dec x p) as [-> | Hxp].
        * left. f_equal. exact (Wt_fun g p e w (wg_nodup g Wg) Wp Hin).
        * right. apply HW. auto.
      + intros [E | Hin]; [injection E as <- <-; exact Wp | apply HW in Hin; tauto]. }
  rewrite (detQ_perm g _ Wg P), Dl_cons, sumZ_zero.
  2: { intros [q wq] Hq. simpl. destruct (edgeb g p q) eqn:E; [| reflexivity].
       apply edgeb_Edge in E. exfalso. exact (Np q E). }
  unfold detQ. rewrite (Dl_ext_adj (length (pverts h)) (edgeb g) (edgeb h)); [lia | lia |].
  intros x y _ _. apply edgeb_iff. split; apply HE.
Qed.

Lemma det_R1Leaf g h p v : WGraph g -> WGraph h -> R1Leaf g h p v ->
  exists e, Unit e /\ detQ g = (e * detQ h)%Z.
Proof.
  intros Wg Wh [e [Ue [Wp [Ep [HW HE]]]]]. exists e. split; [exact Ue |].
  assert (Hpv : Edge g p v) by (apply Ep; reflexivity).
  destruct (Edge_ends g _ _ Wg Hpv) as [_ [Vv Npv]].
  pose proof (weight_of_Wt g v (wg_nodup g Wg) Vv) as Wv. set (wv := weight_of g v) in *.
  set (K := rmv v (pverts h)).
  assert (NK : NoDup (map fst K)) by (apply NoDup_rmv, Wh).
  assert (vK : ~ In v (map fst K)) by (intros H; apply ids_K in H; tauto).
  assert (pH : ~ Vx h p) by (intros H; apply Vx_Wt in H as [w Hw]; apply HW in Hw; tauto).
  assert (pK : ~ In p (map fst K)) by (intros H; apply ids_K in H as [H _]; exact (pH H)).
  assert (Ph : Permutation (pverts h) ((v, (wv - e)%Z) :: K)).
  { apply perm_of_mem; [apply Wh | simpl; constructor; auto |].
    intros x w. simpl. unfold K. rewrite In_K. split.
    - intros Hin. destruct (Nat.eq_dec x v) as [-> | Hxv]; [| right; auto].
      left. apply HW in Hin as [_ [_ H2]]. specialize (H2 eq_refl).
      pose proof (Wt_fun g v _ _ (wg_nodup g Wg) Wv H2). f_equal. lia.
    - intros [E | [Hin _]]; [| exact Hin]. injection E as <- <-. apply HW.
      split; [auto |]. split; [intros C; contradiction C; reflexivity | intros _; wt_close]. }
  assert (Pg : Permutation (pverts g) ((p, e) :: (v, wv) :: K)).
  { apply perm_of_mem; [apply Wg | simpl; constructor; [simpl; intros [? | ?]; auto | constructor; auto] |].
    intros x w. simpl. unfold K. rewrite In_K. split.
    - intros Hin. destruct (Nat.eq_dec x p) as [-> | Hxp].
      { left. f_equal. exact (Wt_fun g p e w (wg_nodup g Wg) Wp Hin). }
      destruct (Nat.eq_dec x v) as [-> | Hxv].
      { right. left. f_equal. exact (Wt_fun g v wv w (wg_nodup g Wg) Wv Hin). }
      right. right. split; [| exact Hxv]. apply HW. split; [auto |]. split; [auto | intros; contradiction].
    - intros [E | [E | [Hin Hxv]]].
      + injection E as <- <-. exact Wp.
      + injection E as <- <-. exact Wv.
      + apply HW in Hin as [Hxp [H1 _]]. apply H1, Hxv. }
  assert (Adj : forall x y, In x (map fst ((v, wv) :: K)) -> In y (map fst ((v, wv) :: K)) ->
                 edgeb g x y = edgeb h x y).
  { intros x y Hx Hy. apply edgeb_iff. rewrite HE.
    assert (x <> p) by (intros ->; simpl in Hx; destruct Hx as [? | ?]; auto).
    assert (y <> p) by (intros ->; simpl in Hy; destruct Hy as [? | ?]; auto). tauto. }
  rewrite (detQ_perm g _ Wg Pg), (detQ_perm h _ Wh Ph).
  rewrite (Dl_shift (edgeb h) v wv (wv - e)%Z K).
  rewrite <- (Dl_ext_adj (length ((v, wv) :: K)) (edgeb g) (edgeb h) ((v, wv) :: K)) by (auto; lia).
  rewrite <- (Dl_ext_adj (length K) (edgeb g) (edgeb h) K)
    by (auto; intros; apply Adj; simpl; auto).
  rewrite Dl_cons. cbn [map sumZ fst].
  assert (Epv : edgeb g p v = true) by (apply edgeb_Edge; exact Hpv).
  rewrite Epv, rmv_head by exact vK.
  rewrite sumZ_zero.
  2: { intros [q wq] Hq. simpl. destruct (edgeb g p q) eqn:E; [| reflexivity].
       apply edgeb_Edge, Ep in E. subst q. exfalso. exact (vK (in_ids K v wq Hq)). }
  destruct Ue as [-> | ->]; lia.
Qed.

Lemma det_R1Edge g h p u v : WGraph g -> WGraph h -> R1Edge g h p u v ->
  exists e, Unit e /\ detQ h = (e * detQ g)%Z.
Proof.
  intros Wg Wh [e [Ue [Wp [Huv [Ep [NEuv [HW HE]]]]]]]. exists e. split; [exact Ue |].
  assert (Hpu : Edge g p u) by (apply Ep; auto). assert (Hpv : Edge g p v) by (apply Ep; auto).
  destruct (Edge_ends g _ _ Wg Hpu) as [_ [Vu Npu]]. destruct (Edge_ends g _ _ Wg Hpv) as [_ [Vv Npv]].
  pose proof (weight_of_Wt g u (wg_nodup g Wg) Vu) as Wu. set (wu := weight_of g u) in *.
  pose proof (weight_of_Wt g v (wg_nodup g Wg) Vv) as Wv. set (wv := weight_of g v) in *.
  set (K := rmv u (rmv v (pverts h))).
  assert (NK : NoDup (map fst K)) by (apply NoDup_rmv, NoDup_rmv, Wh).
  assert (IK : forall x, In x (map fst K) -> In x (map fst (pverts h)) /\ x <> v /\ x <> u).
  { intros x Hx. apply ids_K in Hx as [Hx Hxu]. apply ids_K in Hx as [Hx Hxv]. auto. }
  assert (vK : ~ In v (map fst K)) by (intros H; apply IK in H; tauto).
  assert (uK : ~ In u (map fst K)) by (intros H; apply IK in H; tauto).
  assert (pH : ~ Vx h p) by (intros H; apply Vx_Wt in H as [w Hw]; apply HW in Hw; tauto).
  assert (pK : ~ In p (map fst K)) by (intros H; apply IK in H as [H _]; exact (pH H)).
  assert (InK : forall x w, In (x, w) K <-> In (x, w) (pverts h) /\ x <> v /\ x <> u).
  { intros x w. unfold K. rewrite !In_K. tauto. }
  assert (Ph : Permutation (pverts h) ((u, (wu - e)%Z) :: (v, (wv - e)%Z) :: K)).
  { apply perm_of_mem; [apply Wh | simpl; constructor; [simpl; intros [? | ?]; auto | constructor; auto] |].
    intros x w. simpl. rewrite InK. split.
    - intros Hin. destruct (Nat.eq_dec x u) as [-> | Hxu].
      { left. apply HW in Hin as [_ [_ H2]]. specialize (H2 (or_introl eq_refl)).
        pose proof (Wt_fun g u _ _ (wg_nodup g Wg) Wu H2). f_equal. lia. }
      destruct (Nat.eq_dec x v) as [-> | Hxv].
      { right. left. apply HW in Hin as [_ [_ H2]]. specialize (H2 (or_intror eq_refl)).
        pose proof (Wt_fun g v _ _ (wg_nodup g Wg) Wv H2). f_equal. lia. }
      right. right. auto.
    - intros [E | [E | [Hin _]]]; [| | exact Hin]; injection E as <- <-; apply HW;
        (split; [auto |]); (split; [intros; contradiction | intros _; wt_close]). }
  assert (Pg : Permutation (pverts g) ((p, e) :: (u, wu) :: (v, wv) :: K)).
  { apply perm_of_mem; [apply Wg | |].
    { simpl. constructor; [simpl; intros [? | [? | ?]]; auto |].
      constructor; [simpl; intros [? | ?]; auto | constructor; auto]. }
    intros x w. simpl. rewrite InK. split.
    - intros Hin. destruct (Nat.eq_dec x p) as [-> | Hxp].
      { left. f_equal. exact (Wt_fun g p e w (wg_nodup g Wg) Wp Hin). }
      destruct (Nat.eq_dec x u) as [-> | Hxu].
      { right. left. f_equal. exact (Wt_fun g u wu w (wg_nodup g Wg) Wu Hin). }
      destruct (Nat.eq_dec x v) as [-> | Hxv].
      { right. right. left. f_equal. exact (Wt_fun g v wv w (wg_nodup g Wg) Wv Hin). }
      right. right. right. split; [| auto]. apply HW. split; [auto |].
      split; [auto | intros [? | ?]; contradiction].
    - intros [E | [E | [E | [Hin [Hxv Hxu]]]]].
      + injection E as <- <-. exact Wp.
      + injection E as <- <-. exact Wu.
      + injection E as <- <-. exact Wv.
      + apply HW in Hin as [Hxp [H1 _]]. apply H1; auto. }
  set (ag := edgeb g). set (ah := edgeb h).
  assert (Sym : forall s t, ag s t = ag t s) by (intros; apply edgeb_sym).
  (* on [v :: K] the two adjacencies agree; [h] adds [u — v] *)
  assert (AdjVK : forall s t, In s (map fst ((v, (wv - e)%Z) :: K)) -> In t (map fst ((v, (wv - e)%Z) :: K)) ->
                   ah s t = ag s t).
  { intros s t Hs Ht. apply edgeb_iff. rewrite HE.
    assert (s <> p /\ s <> u).
    { simpl in Hs. destruct Hs as [<- | Hs]; [auto | apply IK in Hs; split; [intros ->; tauto | tauto]]. }
    assert (t <> p /\ t <> u).
    { simpl in Ht. destruct Ht as [<- | Ht]; [auto | apply IK in Ht; split; [intros ->; tauto | tauto]]. }
    intuition. }
  assert (AdjU : forall t, In t (map fst ((v, (wv - e)%Z) :: K)) -> ah u t = (ag u t || Nat.eqb t v)).
  { intros t Ht. assert (t <> p /\ t <> u).
    { simpl in Ht. destruct Ht as [<- | Ht]; [auto | apply IK in Ht; split; [intros ->; tauto | tauto]]. }
    destruct (Nat.eqb t v) eqn:Etv.
    - apply Nat.eqb_eq in Etv. subst t. rewrite orb_true_r. apply edgeb_Edge, HE. auto.
    - apply Nat.eqb_neq in Etv. rewrite orb_false_r. apply edgeb_iff. rewrite HE. intuition. }
  assert (Auv : ag u v = false) by (apply not_true_iff_false; intros H; apply edgeb_Edge in H; contradiction).
  rewrite (detQ_perm g _ Wg Pg), (detQ_perm h _ Wh Ph). fold ag ah.
  rewrite (Dl_add_edge ag ah u (wu - e)%Z v ((v, (wv - e)%Z) :: K)); auto.
  2: { simpl. constructor; auto. }
  2: { simpl. auto. }
  rewrite rmv_head by exact vK.
  (* shift the weights of [u] and [v] back *)
  assert (ND : NoDup (map fst ((u, wu) :: (v, wv) :: K))) by (simpl; constructor; [simpl; intros [? | ?]; auto | constructor; auto]).
  rewrite (Dl_shift ag u wu (wu - e)%Z).
  rewrite (Dl_swap ag u wu v (wv - e)%Z K Sym) by (simpl; constructor; [simpl; intros [? | ?]; auto | constructor; auto]).
  rewrite (Dl_shift ag v wv (wv - e)%Z).
  rewrite <- (Dl_swap ag u wu v wv K Sym ND).
  rewrite (Dl_shift ag v wv (wv - e)%Z K).
  (* expand [g] at [p] *)
  rewrite (Dl_cons ag p e). cbn [map sumZ fst].
  assert (Epu : ag p u = true) by (apply edgeb_Edge; exact Hpu).
  assert (Epv : ag p v = true) by (apply edgeb_Edge; exact Hpv).
  rewrite Epu, Epv, rmv_head by (simpl; intros [? | ?]; auto).
  rewrite rmv_cons_ne by auto. rewrite rmv_head by exact vK.
  rewrite sumZ_zero.
  2: { intros [q wq] Hq. simpl. destruct (ag p q) eqn:E; [| reflexivity].
       apply edgeb_Edge, Ep in E. exfalso. destruct E as [-> | ->];
       [exact (uK (in_ids K u wq Hq)) | exact (vK (in_ids K v wq Hq))]. }
  destruct Ue as [-> | ->]; lia.
Qed.

Lemma det_R3 g h z u v : WGraph g -> WGraph h -> R3Absorb g h z u v -> detQ h = (- detQ g)%Z.
Proof.
  intros Wg Wh [Wz [Huv [Ez [NEuv [Com [HW HE]]]]]].
  assert (Hzu : Edge g z u) by (apply Ez; auto). assert (Hzv : Edge g z v) by (apply Ez; auto).
  destruct (Edge_ends g _ _ Wg Hzu) as [_ [Vu Nzu]]. destruct (Edge_ends g _ _ Wg Hzv) as [_ [Vv Nzv]].
  pose proof (weight_of_Wt g u (wg_nodup g Wg) Vu) as Wu. set (wu := weight_of g u) in *.
  pose proof (weight_of_Wt g v (wg_nodup g Wg) Vv) as Wv. set (wv := weight_of g v) in *.
  set (K := rmv u (pverts h)).
  assert (NK : NoDup (map fst K)) by (apply NoDup_rmv, Wh).
  assert (InK : forall x w, In (x, w) K <-> In (x, w) (pverts h) /\ x <> u) by (intros; unfold K; apply In_K).
  assert (VH : forall x w, In (x, w) (pverts h) -> x <> z /\ x <> v) by (intros x w H; apply HW in H; tauto).
  assert (IK : forall x, In x (map fst K) -> x <> z /\ x <> v /\ x <> u).
  { intros x Hx. apply in_map_iff in Hx as [[a w] [<- Hx]]. apply InK in Hx as [Hx Hxu].
    apply VH in Hx. simpl. tauto. }
  assert (uK : ~ In u (map fst K)) by (intros H; apply IK in H; tauto).
  assert (vK : ~ In v (map fst K)) by (intros H; apply IK in H; tauto).
  assert (zK : ~ In z (map fst K)) by (intros H; apply IK in H; tauto).
  assert (Ph : Permutation (pverts h) ((u, (wu + wv)%Z) :: K)).
  { apply perm_of_mem; [apply Wh | simpl; constructor; auto |].
    intros x w. simpl. rewrite InK. split.
    - intros Hin. destruct (Nat.eq_dec x u) as [-> | Hxu]; [| right; auto].
      left. apply HW in Hin as [_ [_ [_ H2]]]. destruct (H2 eq_refl) as [a [b [Ha [Hb ->]]]].
      rewrite (Wt_fun g u _ _ (wg_nodup g Wg) Wu Ha), (Wt_fun g v _ _ (wg_nodup g Wg) Wv Hb). reflexivity.
    - intros [E | [Hin _]]; [| exact Hin]. injection E as <- <-. apply HW.
      split; [auto |]. split; [auto |]. split; [intros C; contradiction | intros _; exists wu, wv; auto]. }
  assert (Pg : Permutation (pverts g) ((z, 0%Z) :: (u, wu) :: (v, wv) :: K)).
  { apply perm_of_mem; [apply Wg | |].
    { simpl. constructor; [simpl; intros [? | [? | ?]]; auto |].
      constructor; [simpl; intros [? | ?]; auto | constructor; auto]. }
    intros x w. simpl. rewrite InK. split.
    - intros Hin. destruct (Nat.eq_dec x z) as [-> | Hxz].
      { left. f_equal. exact (Wt_fun g z 0%Z w (wg_nodup g Wg) Wz Hin). }
      destruct (Nat.eq_dec x u) as [-> | Hxu].
      { right. left. f_equal. exact (Wt_fun g u wu w (wg_nodup g Wg) Wu Hin). }
      destruct (Nat.eq_dec x v) as [-> | Hxv].
      { right. right. left. f_equal. exact (Wt_fun g v wv w (wg_nodup g Wg) Wv Hin). }
      right. right. right. split; [| auto]. apply HW. split; [auto |]. split; [auto |].
      split; [auto | intros; contradiction].
    - intros [E | [E | [E | [Hin Hxu]]]].
      + injection E as <- <-. exact Wz.
      + injection E as <- <-. exact Wu.
      + injection E as <- <-. exact Wv.
      + apply HW in Hin as [_ [_ [H1 _]]]. apply H1, Hxu. }
  set (ag := edgeb g). set (ah := edgeb h).
  assert (AdjK : forall s t, In s (map fst K) -> In t (map fst K) -> ah s t = ag s t).
  { intros s t Hs Ht. apply IK in Hs. apply IK in Ht. apply edgeb_iff. rewrite HE. intuition. }
  assert (AdjU : forall t, In t (map fst K) ->
                 (if ah u t then 1 else 0)%Z = ((if ag u t then 1 else 0) + (if ag v t then 1 else 0))%Z).
  { intros t Ht. apply IK in Ht as [Htz [Htv Htu]]. unfold ag, ah.
    destruct (edgeb g u t) eqn:Eu; destruct (edgeb g v t) eqn:Ev.
    - apply edgeb_Edge in Eu, Ev. exfalso. exact (Htz (Com t Eu Ev)).
    - replace (edgeb h u t) with true; [reflexivity |]. symmetry. apply edgeb_Edge, HE. left.
      apply edgeb_Edge in Eu. auto 7.
    - replace (edgeb h u t) with true; [reflexivity |]. symmetry. apply edgeb_Edge, HE. right. left.
      apply edgeb_Edge in Ev. auto.
    - replace (edgeb h u t) with false; [reflexivity |]. symmetry. apply not_true_iff_false. intros E.
      apply edgeb_Edge, HE in E. apply not_true_iff_false in Eu, Ev.
      rewrite edgeb_Edge in Eu, Ev. intuition. }
  rewrite (detQ_perm g _ Wg Pg), (detQ_perm h _ Wh Ph). fold ag ah.
  rewrite (Dl_cons ag z 0%Z). cbn [map sumZ fst].
  assert (Ezu : ag z u = true) by (apply edgeb_Edge; exact Hzu).
  assert (Ezv : ag z v = true) by (apply edgeb_Edge; exact Hzv).
  rewrite Ezu, Ezv, rmv_head by (simpl; intros [? | ?]; auto).
  rewrite rmv_cons_ne by auto. rewrite rmv_head by exact vK.
  rewrite sumZ_zero.
  2: { intros [q wq] Hq. simpl. destruct (ag z q) eqn:E; [| reflexivity].
       apply edgeb_Edge, Ez in E. exfalso. destruct E as [-> | ->];
       [exact (uK (in_ids K u wq Hq)) | exact (vK (in_ids K v wq Hq))]. }
  rewrite !Dl_cons.
  rewrite (Dl_ext_adj (length K) ah ag K) by (auto; lia).
  assert (Sum : sumZ (map (fun q => if ah u (fst q) then Dl ah (rmv (fst q) K) else 0%Z) K) =
     (sumZ (map (fun q => if ag u (fst q) then Dl ag (rmv (fst q) K) else 0%Z) K) +
      sumZ (map (fun q => if ag v (fst q) then Dl ag (rmv (fst q) K) else 0%Z) K))%Z).
  { rewrite <- sumZ_add. apply sumZ_ext. intros [q wq] Hq. simpl.
    assert (Hq' : In q (map fst K)) by (eapply in_ids; exact Hq).
    rewrite (Dl_ext_adj (length (rmv q K)) ah ag (rmv q K)).
    2: lia.
    2: { intros s t Hs Ht. apply AdjK; apply (ids_rmv q K); auto. }
    pose proof (AdjU q Hq') as A.
    destruct (ah u q); destruct (ag u q); destruct (ag v q); simpl in A; lia. }
  rewrite Sum. lia.
Qed.

Lemma det_Iso g h : WGraph g -> WGraph h -> Iso g h -> detQ g = detQ h.
Proof.
  intros Wg Wh [f [Inj [Sur [IW IE]]]].
  set (F := fun q : nat * Z => (f (fst q), snd q)).
  assert (P : Permutation (pverts h) (map F (pverts g))).
  { apply perm_of_mem; [apply Wh | |].
    - rewrite map_map. simpl. rewrite <- (map_map fst f). apply NoDup_map_on; [apply Wg |].
      intros x y Hx Hy. apply Inj; auto.
    - intros y w. rewrite in_map_iff. split.
      + intros Hin. destruct (Sur y (in_ids _ y w Hin)) as [x [Vx' <-]].
        exists (x, w). split; [reflexivity |]. apply IW; auto.
      + intros [[x w'] [E Hin]]. unfold F in E; simpl in E. injection E as <- <-.
        apply IW; [eapply in_ids; exact Hin | exact Hin]. }
  rewrite (detQ_perm h _ Wh P). unfold detQ. symmetry.
  apply (Dl_relabel (length (pverts g))); [lia | exact Inj |].
  intros x y Hx Hy. destruct (edgeb h (f x) (f y)) eqn:E1; destruct (edgeb g x y) eqn:E2; auto.
  - apply edgeb_Edge, IE, edgeb_Edge in E1; auto. congruence.
  - apply edgeb_Edge, IE, edgeb_Edge in E2; auto. congruence.
Qed.

(** ** The invariant *)

Lemma shrink_det g h : WGraph g -> WGraph h -> Shrink g h -> Z.abs (detQ g) = Z.abs (detQ h).
Proof.
  intros Wg Wh S. destruct S as [g h p H | g h p v H | g h p u v H | g h z u v H].
  - destruct (det_R1Point g h p Wg Wh H) as [e [[-> | ->] E]]; rewrite E; lia.
  - destruct (det_R1Leaf g h p v Wg Wh H) as [e [[-> | ->] E]]; rewrite E; lia.
  - destruct (det_R1Edge g h p u v Wg Wh H) as [e [[-> | ->] E]]; rewrite E; lia.
  - rewrite (det_R3 g h z u v Wg Wh H). lia.
Qed.

(** Non-vacuity: every step of Neumann's calculus preserves [|det Q|], in general. *)
Theorem neumann_step_det : forall g h, NeumannStep g h -> Z.abs (detQ g) = Z.abs (detQ h).
Proof.
  intros g h [[Wg _] [[Wh _] [S | [S | I]]]].
  - exact (shrink_det g h Wg Wh S).
  - symmetry. exact (shrink_det h g Wh Wg S).
  - rewrite (det_Iso g h Wg Wh I). reflexivity.
Qed.

Theorem neumann_equiv_det : forall g h, NeumannEquiv g h -> Z.abs (detQ g) = Z.abs (detQ h).
Proof.
  intros g h E. induction E as [g | g h k S _ IH]; [reflexivity |].
  rewrite (neumann_step_det g h S). exact IH.
Qed.

(** Hence no accepted certificate relates two forests with different [|det Q|]. *)
Theorem check_plumbing_det : forall c, check_plumbing c = true ->
  Z.abs (detQ (pc_a c)) = Z.abs (detQ (pc_b c)).
Proof.
  intros c H. destruct (check_plumbing_spec c H) as [_ [_ E]]. exact (neumann_equiv_det _ _ E).
Qed.

(** ** Examples, computed by the kernel *)

(** The negative [E8] plumbing (boundary: the Poincaré homology sphere), [|det Q| = 1]. *)
Definition e8 : pgraph :=
  mk_pgraph [(0%nat, (-2)%Z);
    (1%nat, (-2)%Z);
    (2%nat, (-2)%Z);
    (3%nat, (-2)%Z);
    (4%nat, (-2)%Z);
    (5%nat, (-2)%Z);
    (6%nat, (-2)%Z);
    (7%nat, (-2)%Z)]
            [(0%nat, 1%nat); (1%nat, 2%nat); (2%nat, 3%nat); (3%nat, 4%nat); (4%nat, 5%nat); (5%nat, 6%nat); (2%nat, 7%nat)].

(** One vertex of weight [-2] (boundary: [RP³] = L(2,1)), [|det Q| = 2]. *)
Definition a1 : pgraph := mk_pgraph [(0%nat, (-2)%Z)] [].

Example e8_valid : valid_forest e8 = true.
Proof. vm_compute. reflexivity. Qed.

Example e8_det : detQ e8 = 1%Z.
Proof. vm_compute. reflexivity. Qed.

Example a1_det : detQ a1 = (-2)%Z.
Proof. vm_compute. reflexivity. Qed.

(** By [check_plumbing_det], no certificate whatsoever relates [E8] to [a1]. *)
Theorem no_cert_e8_a1 : forall c, pc_a c = e8 -> pc_b c = a1 -> check_plumbing c = false.
Proof.
  intros c Ha Hb. destruct (check_plumbing c) eqn:H; [| reflexivity].
  apply check_plumbing_det in H. rewrite Ha, Hb in H. vm_compute in H. discriminate.
Qed.

(** A small accepted certificate: the chain [(-1) — (-2)] blows down to [(-1)], then to the
    empty graph ([S³]); both sides have [|det Q| = 1]. *)
Definition neumann_chain_cert : plumbing_cert :=
  mk_plumbing_cert (mk_pgraph [(0%nat, (-1)%Z); (1%nat, (-2)%Z)] [(0%nat, 1%nat)])
                   (mk_pgraph [] []) [BlowdownLeaf 0; BlowdownPoint 1] [].

Example chain_cert_ok : check_plumbing neumann_chain_cert = true.
Proof. vm_compute. reflexivity. Qed.

Example chain_cert_spec : NeumannEquiv (pc_a neumann_chain_cert) (pc_b neumann_chain_cert).
Proof. apply (check_plumbing_spec neumann_chain_cert chain_cert_ok). Qed.

Example chain_cert_det : detQ (pc_a neumann_chain_cert) = 1%Z /\ detQ (pc_b neumann_chain_cert) = 1%Z.
Proof. vm_compute. split; reflexivity. Qed.

(** * Appendix: [Acyclic] means "no cycle" *)

(** Consecutive vertices of the list are joined. *)
Fixpoint Path (g : pgraph) (c : list nat) : Prop :=
  match c with
  | x :: (y :: _) as rest => Edge g x y /\ Path g rest
  | _ => True
  end.

(** A cycle: at least three distinct vertices, consecutive ones joined, the last joined to the
    first. *)
Definition Cycle (g : pgraph) (c : list nat) : Prop :=
  (3 <= length c)%nat /\ NoDup c /\ Path g c /\ Edge g (last c 0%nat) (hd 0%nat c).

Lemma Path_app g l x : l <> [] -> Path g l -> Edge g (last l 0%nat) x -> Path g (l ++ [x]).
Proof.
  induction l as [| a l IH]; intros Hne P E; [contradiction |]. destruct l as [| b l].
  - simpl in *. split; auto.
  - simpl in P |- *. destruct P as [Eab P]. split; [exact Eab |].
    apply IH; [discriminate | exact P | exact E].
Qed.

Lemma last_in (l : list nat) d : l <> [] -> In (last l d) l.
Proof.
  induction l as [| a l IH]; intros H; [contradiction |]. destruct l as [| b l]; [left; reflexivity |].
  right. apply IH. discriminate.
Qed.

Lemma Cycle_rotate g x r : Cycle g (x :: r) -> Cycle g (r ++ [x]).
Proof.
  intros [L [N [P E]]]. destruct r as [| y r]; [simpl in L; lia |].
  split; [rewrite app_length; simpl in *; lia |].
  split; [eapply Permutation_NoDup; [apply Permutation_cons_append | exact N] |].
  simpl in P. destruct P as [Exy P]. split.
  - apply Path_app; [discriminate | exact P |]. simpl in E. exact E.
  - rewrite last_last. simpl. exact Exy.
Qed.

Lemma Cycle_rotate_n g : forall l1 l2, Cycle g (l1 ++ l2) -> Cycle g (l2 ++ l1).
Proof.
  induction l1 as [| a l1 IH]; intros l2 C.
  - rewrite app_nil_r. exact C.
  - simpl in C. apply Cycle_rotate in C. rewrite <- app_assoc in C. apply IH in C.
    rewrite <- app_assoc in C. exact C.
Qed.

(** The vertices of a cycle form a [Core]: each has its two cycle neighbours. *)
Lemma Cycle_Core g c : WGraph g -> Cycle g c -> Core g c.
Proof.
  intros W C x Hx. apply in_split in Hx as [l1 [l2 ->]].
  pose proof (Cycle_rotate_n g l1 (x :: l2) C) as C'. simpl in C'.
  destruct C' as [L [N [P E]]].
  assert (Mem : forall z, In z (x :: l2 ++ l1) -> In z (l1 ++ x :: l2)).
  { intros z Hz. apply in_app_iff. simpl in Hz. rewrite in_app_iff in Hz. simpl. tauto. }
  destruct (l2 ++ l1) as [| y r] eqn:Eq; [simpl in L; lia |].
  simpl in P. destruct P as [Exy _]. simpl in E.
  assert (Hr : r <> []) by (intros ->; simpl in L; lia).
  split; [apply (Edge_ends g _ _ W Exy) |].
  exists y, (last (y :: r) 0%nat). split.
  - simpl. destruct r as [| t r]; [contradiction |]. intros Ey.
    inversion N as [| ? ? _ N']. inversion N' as [| ? ? Ny _]. apply Ny. rewrite Ey.
    apply (last_in (t :: r) 0%nat). discriminate.
  - split; [apply Mem; simpl; auto |]. split.
    + apply Mem. right. apply last_in. discriminate.
    + split; [exact Exy | apply Edge_sym; exact E].
Qed.

(** Hence a weighted forest in the sense of [WForest] has no cycle. *)
Theorem WForest_no_cycle g : WForest g -> forall c, ~ Cycle g c.
Proof.
  intros [W A] c C. pose proof (A c (Cycle_Core g c W C)) as E. destruct C as [L _]. subst c.
  simpl in L. lia.
Qed.

(** Conversely, a graph without cycles is [Acyclic]: from a nonempty [Core], walk without going
    straight back; after more steps than there are vertices in the core a vertex repeats, and the
    stretch between its first repetition is a cycle. So [Acyclic] is exactly "no cycle". *)

From Coq Require ListDec.

Fixpoint pick (g : pgraph) (x p : nat) (T : list nat) : option nat :=
  match T with
  | [] => None
  | y :: r => if edgeb g x y && negb (Nat.eqb y p) then Some y else pick g x p r
  end.

Lemma pick_spec g x p T y : pick g x p T = Some y -> In y T /\ Edge g x y /\ y <> p.
Proof.
  induction T as [| a T IH]; simpl; [discriminate |].
  destruct (edgeb g x a && negb (Nat.eqb a p)) eqn:E.
  - intros H. injection H as <-. apply andb_true_iff in E as [E1 E2].
    apply edgeb_Edge in E1. apply negb_true_iff, Nat.eqb_neq in E2. auto.
  - intros H. destruct (IH H) as [? [? ?]]. auto.
Qed.

Lemma pick_none g x p T : pick g x p T = None -> forall y, In y T -> Edge g x y -> y = p.
Proof.
  induction T as [| a T IH]; simpl; [intros _ y [] |].
  destruct (edgeb g x a && negb (Nat.eqb a p)) eqn:E; [discriminate |].
  intros H y [<- | Hy] Hxy.
  - apply andb_false_iff in E as [E | E].
    + apply edgeb_Edge in Hxy. congruence.
    + apply negb_false_iff, Nat.eqb_eq in E. exact E.
  - apply IH; auto.
Qed.

Fixpoint walk (g : pgraph) (T : list nat) (n : nat) (p x : nat) : list nat :=
  match n with
  | O => [x]
  | S n' => x :: match pick g x p T with Some y => walk g T n' x y | None => [] end
  end.

(** No immediate return: of three consecutive vertices, the third is not the first. *)
Fixpoint NB (c : list nat) : Prop :=
  match c with
  | a :: ((b :: c' :: _) as r) => c' <> a /\ NB r
  | _ => True
  end.

Lemma walk_head g T n p x : exists r, walk g T n p x = x :: r.
Proof. destruct n; simpl; eauto. Qed.

Lemma walk_props g T : Core g T -> forall n p x, In x T ->
  length (walk g T n p x) = S n /\ incl (walk g T n p x) T /\
  Path g (walk g T n p x) /\ NB (p :: walk g T n p x).
Proof.
  intros C. induction n as [| n IH]; intros p x Hx.
  - simpl. split; [reflexivity |]. split; [intros z [<- | []]; exact Hx |]. split; exact I.
  - simpl. destruct (pick g x p T) as [y |] eqn:Pk.
    + destruct (pick_spec g x p T y Pk) as [Hy [Exy Nyp]].
      destruct (IH x y Hy) as [L [M [P N]]].
      destruct (walk_head g T n x y) as [r Er]. rewrite Er in *.
      split; [simpl in *; lia |]. split.
      * intros z [<- | Hz]; [exact Hx | apply M, Hz].
      * split; [split; assumption | split; assumption].
    + exfalso. destruct (C x Hx) as [_ [y1 [y2 [N [I1 [I2 [E1 E2]]]]]]].
      apply N. rewrite (pick_none g x p T Pk y1 I1 E1), (pick_none g x p T Pk y2 I2 E2). reflexivity.
Qed.

Lemma Path_app_inv g l1 l2 : Path g (l1 ++ l2) -> Path g l1 /\ Path g l2.
Proof.
  induction l1 as [| a l1 IH]; simpl; intros P; [split; [exact I | exact P] |].
  destruct l1 as [| b l1].
  - simpl in P. split; [exact I |]. destruct l2 as [| c l2]; [exact I |]. destruct P as [_ P]. exact P.
  - simpl in P. destruct P as [E P]. destruct (IH P) as [P1 P2]. split; [split; assumption | exact P2].
Qed.

Lemma NB_tail a l : NB (a :: l) -> NB l.
Proof. destruct l as [| b [| c l]]; simpl; auto; intros [_ H]; exact H. Qed.

Lemma NB_app_inv l1 l2 : NB (l1 ++ l2) -> NB l1 /\ NB l2.
Proof.
  induction l1 as [| a l1 IH]; simpl; intros H; [split; [exact I | exact H] |].
  destruct l1 as [| b [| c l1]].
  - simpl in H. split; [exact I |]. apply (NB_tail a l2 H).
  - simpl in H. split; [exact I |]. destruct l2 as [| c l2]; [exact I |].
    destruct H as [_ H]. apply (IH H).
  - simpl in H. destruct H as [Hca H]. destruct (IH H) as [H1 H2].
    split; [split; [exact Hca | exact H1] | exact H2].
Qed.

Lemma Path_last g l y : l <> [] -> Path g (l ++ [y]) -> Edge g (last l 0%nat) y.
Proof.
  induction l as [| a l IH]; intros Hne P; [contradiction |].
  destruct l as [| b l].
  - simpl in *. destruct P as [E _]. exact E.
  - simpl in P. destruct P as [_ P]. change (last (a :: b :: l) 0%nat) with (last (b :: l) 0%nat).
    apply IH; [discriminate | exact P].
Qed.

Lemma NoDup_app_l (l1 l2 : list nat) : NoDup (l1 ++ l2) -> NoDup l1.
Proof.
  induction l1 as [| a l1 IH]; simpl; intros H; [constructor |].
  inversion H as [| ? ? Ha Hr]; subst. constructor; [| apply IH, Hr].
  intros Hin. apply Ha, in_app_iff. left. exact Hin.
Qed.

Lemma dup_split (l : list nat) : ~ NoDup l ->
  exists pre x mid post, l = pre ++ x :: mid ++ x :: post /\ NoDup (x :: mid).
Proof.
  induction l as [| a r IH]; intros H; [exfalso; apply H; constructor |].
  destruct (ListDec.NoDup_dec Nat.eq_dec r) as [Nr | Nr].
  - assert (Ha : In a r).
    { destruct (in_dec Nat.eq_dec a r) as [Ha | Ha]; [exact Ha | exfalso; apply H; constructor; assumption]. }
    apply in_split in Ha as [mid [post ->]].
    exists [], a, mid, post. split; [reflexivity |]. constructor.
    + intros Hm. apply NoDup_remove_2 in Nr. apply Nr, in_app_iff. left. exact Hm.
    + apply (NoDup_app_l mid (a :: post) Nr).
  - destruct (IH Nr) as [pre [x [mid [post [E N]]]]].
    exists (a :: pre), x, mid, post. split; [rewrite E; reflexivity | exact N].
Qed.

Theorem no_cycle_Acyclic g : WGraph g -> (forall c, ~ Cycle g c) -> Acyclic g.
Proof.
  intros W NC T C. destruct T as [| x0 T0]; [reflexivity |]. exfalso.
  set (T := x0 :: T0) in *.
  destruct (walk_props g T C (length T) x0 x0 (or_introl eq_refl)) as [L [M [P N]]].
  set (l := walk g T (length T) x0 x0) in *.
  assert (ND : ~ NoDup l) by (intros ND; pose proof (NoDup_incl_length ND M); lia).
  apply NB_tail in N.
  destruct (dup_split l ND) as [pre [x [mid [post [El NDx]]]]].
  assert (Seg : l = pre ++ ((x :: mid ++ [x]) ++ post)).
  { rewrite El. f_equal. simpl. rewrite <- app_assoc. reflexivity. }
  rewrite Seg in P, N.
  apply Path_app_inv in P as [_ P]. apply Path_app_inv in P as [P _].
  apply NB_app_inv in N as [_ N]. apply NB_app_inv in N as [N _].
  apply (NC (x :: mid)). split; [| split; [exact NDx |]].
  - destruct mid as [| y [| z mid']].
    + simpl in P. destruct P as [Exx _]. destruct (Edge_ends g _ _ W Exx) as [_ [_ C']]. contradiction.
    + simpl in N. destruct N as [C' _]. contradiction.
    + simpl. lia.
  - split.
    + change (x :: mid ++ [x]) with ((x :: mid) ++ [x]) in P.
      apply Path_app_inv in P as [P _]. exact P.
    + simpl hd. apply Path_last; [discriminate |]. exact P.
Qed.

Corollary Acyclic_iff_no_cycle g : WGraph g -> (Acyclic g <-> forall c, ~ Cycle g c).
Proof.
  intros W. split.
  - intros A. apply (WForest_no_cycle g). split; assumption.
  - apply no_cycle_Acyclic, W.
Qed.
