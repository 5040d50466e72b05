(** * KnotCert.PlumbingSpec — what a plumbing certificate means, in the words of Neumann's paper

    Reference: W. D. Neumann, "A calculus for plumbing applied to the topology of complex surface
    singularities and degenerating complex curves", Trans. AMS 268 (1981) 299–344, §2, Prop. 2.1
    (moves R0–R8). A plumbing graph Γ has a vertex for each D²-bundle over S² plumbed (its weight
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
      different [|det Q|] (= the order of [H_1(M)], or 0).

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
