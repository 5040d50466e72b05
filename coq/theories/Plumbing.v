(** * KnotCert.Plumbing — the plumbing calculus of pybridge certificates

    Mirrors the trusted Python checker [pybridge/certs/plumbing_checker.py] (same names:
    [valid_forest], [fresh], [apply_pmove], [run_plumb], [iso_ok], [check_plumbing]) and the
    specification [docs/certificates.md] §5: Neumann's moves R1–R3 on weighted plumbing forests
    (W. D. Neumann, "A calculus for plumbing", Trans. AMS 268 (1981)). [check_plumbing c = true] is
    turned into [PEquiv a b]: graph [b] is isomorphic (weights and edges) to a graph reached from [a]
    by the moves. Everything is computable, so a concrete certificate is checked by [vm_compute]. *)

From Coq Require Import ZArith List Bool.
Import ListNotations.

(** ** Graphs *)

(** Vertices [(id, weight)] and edges [(u, v)] (unordered). *)
Record pgraph := mk_pgraph { pverts : list (nat * Z) ; pedges : list (nat * nat) }.

Definition ids (g : pgraph) : list nat := map fst (pverts g).

Definition mem (x : nat) (l : list nat) : bool := existsb (Nat.eqb x) l.

Fixpoint nodup_nat (l : list nat) : bool :=
  match l with
  | [] => true
  | x :: rest => negb (mem x rest) && nodup_nat rest
  end.

Definition has_vertex (g : pgraph) (v : nat) : bool := mem v (ids g).

Fixpoint weight_in (v : nat) (vs : list (nat * Z)) : Z :=
  match vs with
  | [] => 0%Z
  | (x, w) :: rest => if Nat.eqb x v then w else weight_in v rest
  end.

Definition weight_of (g : pgraph) (v : nat) : Z := weight_in v (pverts g).

(** [e] joins [u] and [v] (in either order). *)
Definition same_edge (u v : nat) (e : nat * nat) : bool :=
  (Nat.eqb (fst e) u && Nat.eqb (snd e) v) || (Nat.eqb (fst e) v && Nat.eqb (snd e) u).

Definition adjacent (g : pgraph) (u v : nat) : bool := existsb (same_edge u v) (pedges g).

Definition touches (v : nat) (e : nat * nat) : bool := Nat.eqb (fst e) v || Nat.eqb (snd e) v.

Definition other_end (v : nat) (e : nat * nat) : nat := if Nat.eqb (fst e) v then snd e else fst e.

Definition nbrs (g : pgraph) (v : nat) : list nat :=
  map (other_end v) (filter (touches v) (pedges g)).

Definition degree (g : pgraph) (v : nat) : nat := length (nbrs g v).

(** [max id + 1], or [0] for the empty graph: the id of the vertex a blow-up or split creates. *)
Definition fresh (g : pgraph) : nat := fold_left (fun acc x => Nat.max acc (S x)) (ids g) 0%nat.

Definition delete (g : pgraph) (v : nat) : pgraph :=
  mk_pgraph (filter (fun p => negb (Nat.eqb (fst p) v)) (pverts g))
            (filter (fun e => negb (touches v e)) (pedges g)).

Definition shift (g : pgraph) (v : nat) (d : Z) : pgraph :=
  mk_pgraph (map (fun p => if Nat.eqb (fst p) v then (fst p, (snd p + d)%Z) else p) (pverts g)) (pedges g).

Definition add_vertex (g : pgraph) (v : nat) (w : Z) : pgraph := mk_pgraph (pverts g ++ [(v, w)]) (pedges g).

Definition add_edges (g : pgraph) (es : list (nat * nat)) : pgraph := mk_pgraph (pverts g) (pedges g ++ es).

Definition remove_edge (g : pgraph) (u v : nat) : pgraph :=
  mk_pgraph (pverts g) (filter (fun e => negb (same_edge u v e)) (pedges g)).

(** ** Validity: a simple forest *)

Fixpoint edges_simple (es seen : list (nat * nat)) (g : pgraph) : bool :=
  match es with
  | [] => true
  | (u, v) :: rest =>
      has_vertex g u && has_vertex g v && negb (Nat.eqb u v)
      && negb (existsb (same_edge u v) seen) && edges_simple rest ((u, v) :: seen) g
  end.

(** Delete every vertex of degree [<= 1], repeatedly; a simple graph is a forest iff this empties it. *)
Fixpoint prune (fuel : nat) (g : pgraph) : bool :=
  match pverts g with
  | [] => true
  | _ :: _ =>
      match fuel with
      | O => false
      | S f =>
          let leaves := filter (fun v => Nat.leb (degree g v) 1) (ids g) in
          match leaves with
          | [] => false
          | _ :: _ =>
              prune f (mk_pgraph (filter (fun p => negb (mem (fst p) leaves)) (pverts g))
                                 (filter (fun e => negb (mem (fst e) leaves || mem (snd e) leaves)) (pedges g)))
          end
      end
  end.

Definition valid_forest (g : pgraph) : bool :=
  nodup_nat (ids g) && edges_simple (pedges g) [] g && prune (S (length (pverts g))) g.

(** ** Moves *)

Inductive pmove :=
| BlowupLeaf (v : nat) (e : Z)
| BlowdownLeaf (p : nat)
| BlowupEdge (u v : nat) (e : Z)
| BlowdownEdge (p : nat)
| BlowupPoint (e : Z)
| BlowdownPoint (p : nat)
| Absorb (z : nat)
| Split (v : nat) (a : Z) (moving : list nat).

Definition unit_sign (e : Z) : bool := Z.eqb e 1 || Z.eqb e (-1).

(** [p] is a vertex of weight [±1] and degree [d]. *)
Definition unit_at (g : pgraph) (p : nat) (d : nat) : bool :=
  has_vertex g p && unit_sign (weight_of g p) && Nat.eqb (degree g p) d.

Fixpoint increasing (l : list nat) : bool :=
  match l with
  | x :: (y :: _) as rest => Nat.ltb x y && increasing rest
  | _ => true
  end.

Fixpoint sorted_insert (x : nat) (l : list nat) : list nat :=
  match l with
  | [] => [x]
  | y :: rest => if Nat.leb x y then x :: l else y :: sorted_insert x rest
  end.

Definition sort_nat (l : list nat) : list nat := fold_right sorted_insert [] l.

(** One move, with exactly the preconditions of the §5 moves table; [None] when a precondition fails. *)
Definition apply_pmove (g : pgraph) (m : pmove) : option pgraph :=
  match m with
  | BlowupLeaf v e =>
      if has_vertex g v && unit_sign e
      then let p := fresh g in Some (shift (add_edges (add_vertex g p e) [(v, p)]) v e)
      else None
  | BlowdownLeaf p =>
      if unit_at g p 1 then
        match nbrs g p with
        | [v] => Some (shift (delete g p) v (- weight_of g p))
        | _ => None
        end
      else None
  | BlowupEdge u v e =>
      if has_vertex g u && has_vertex g v && unit_sign e && adjacent g u v && negb (Nat.eqb u v)
      then let p := fresh g in
           Some (shift (shift (add_edges (add_vertex (remove_edge g u v) p e) [(u, p); (p, v)]) u e) v e)
      else None
  | BlowdownEdge p =>
      if unit_at g p 2 then
        match nbrs g p with
        | [u; v] => let e := weight_of g p in
                    Some (shift (shift (add_edges (delete g p) [(u, v)]) u (- e)) v (- e))
        | _ => None
        end
      else None
  | BlowupPoint e => if unit_sign e then Some (add_vertex g (fresh g) e) else None
  | BlowdownPoint p => if unit_at g p 0 then Some (delete g p) else None
  | Absorb z =>
      if has_vertex g z && Z.eqb (weight_of g z) 0 && Nat.eqb (degree g z) 2 then
        match sort_nat (nbrs g z) with
        | [u; v] =>
            let others := filter (fun x => negb (Nat.eqb x z)) (nbrs g v) in
            let h := delete (delete g z) v in
            Some (shift (add_edges h (map (fun x => (u, x)) others)) u (weight_of g v))
        | _ => None
        end
      else None
  | Split v a moving =>
      if has_vertex g v && increasing moving && forallb (adjacent g v) moving then
        let p := fresh g in
        let h := fold_left (fun acc x => remove_edge acc v x) moving g in
        let h := add_vertex (add_vertex h p a) (S p) 0%Z in
        Some (shift (add_edges h (map (fun x => (x, p)) moving ++ [(v, S p); (S p, p)])) v (- a))
      else None
  end.

Fixpoint run_plumb (g : pgraph) (ms : list pmove) : option pgraph :=
  match ms with
  | [] => Some g
  | m :: rest =>
      match apply_pmove g m with
      | Some h => run_plumb h rest
      | None => None
      end
  end.

(** ** The claimed isomorphism *)

Fixpoint image (bij : list (nat * nat)) (x : nat) : nat :=
  match bij with
  | [] => 0%nat
  | (a, b) :: rest => if Nat.eqb a x then b else image rest x
  end.

(** [bij] is a bijection from [g]'s vertices onto [h]'s that preserves weights and sends every edge
    of [g] to an edge of [h], and both have as many edges (for simple graphs: an isomorphism). *)
Definition iso_ok (g h : pgraph) (bij : list (nat * nat)) : bool :=
  let xs := map fst bij in
  let ys := map snd bij in
  nodup_nat xs && nodup_nat ys
  && Nat.eqb (length bij) (length (pverts g)) && Nat.eqb (length bij) (length (pverts h))
  && forallb (fun x => mem x (ids g)) xs && forallb (fun y => mem y (ids h)) ys
  && forallb (fun p => Z.eqb (weight_of g (fst p)) (weight_of h (snd p))) bij
  && Nat.eqb (length (pedges g)) (length (pedges h))
  && forallb (fun e => adjacent h (image bij (fst e)) (image bij (snd e))) (pedges g).

(** ** Certificates and the checker *)

Record plumbing_cert := mk_plumbing_cert {
  pc_a : pgraph ; pc_b : pgraph ; pc_steps : list pmove ; pc_bijection : list (nat * nat) }.

Definition check_plumbing (c : plumbing_cert) : bool :=
  valid_forest (pc_a c) && valid_forest (pc_b c) &&
  match run_plumb (pc_a c) (pc_steps c) with
  | Some e => valid_forest e && iso_ok e (pc_b c) (pc_bijection c)
  | None => false
  end.

(** ** The relation generated by the moves, and soundness *)

Inductive PStep : pgraph -> pgraph -> Prop :=
| pstep : forall g m h, apply_pmove g m = Some h -> PStep g h.

Inductive PReach : pgraph -> pgraph -> Prop :=
| preach_refl : forall g, PReach g g
| preach_step : forall g h k, PStep g h -> PReach h k -> PReach g k.

Definition PIso (g h : pgraph) : Prop := exists bij, iso_ok g h bij = true.

(** [b] is isomorphic to a forest reached from [a] by Neumann moves. *)
Definition PEquiv (a b : pgraph) : Prop := exists e, PReach a e /\ valid_forest e = true /\ PIso e b.

Lemma run_plumb_reach : forall ms g e, run_plumb g ms = Some e -> PReach g e.
Proof.
  induction ms as [| m rest IH]; intros g e H; simpl in H.
  - injection H as <-. apply preach_refl.
  - destruct (apply_pmove g m) as [h |] eqn:Hm; [| discriminate].
    apply preach_step with h; [apply pstep with m; exact Hm | apply IH; exact H].
Qed.

Theorem check_plumbing_sound : forall c, check_plumbing c = true ->
  valid_forest (pc_a c) = true /\ valid_forest (pc_b c) = true /\ PEquiv (pc_a c) (pc_b c).
Proof.
  intros c H. unfold check_plumbing in H.
  destruct (valid_forest (pc_a c)) eqn:Ha; [| discriminate].
  destruct (valid_forest (pc_b c)) eqn:Hb; [| discriminate].
  simpl in H.
  destruct (run_plumb (pc_a c) (pc_steps c)) as [e |] eqn:Hr; [| discriminate].
  apply andb_prop in H as [He Hi].
  split; [reflexivity | split; [reflexivity |]].
  exists e. split; [apply run_plumb_reach with (pc_steps c); exact Hr |].
  split; [exact He | exists (pc_bijection c); exact Hi].
Qed.
