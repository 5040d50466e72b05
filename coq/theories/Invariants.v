(** * KnotCert.Invariants — knot invariants the kernel computes from a PD code

    Everything here is computed from the crossings of a Knot Atlas PD code ([KnotCert.PD]'s
    [crossing]: [(a, b, c, d)], [a] the incoming under-strand, counter-clockwise), reusing the
    face and component tracing of [KnotCert.PD] ([make_context], [faces_of], [components_of],
    [other_end]). The Python mirror is [pybridge/knots/exact_invariants.py]: same algorithm, same
    names, same order of operations.

    - [goeritz_data xs]: the reduced Goeritz matrix [G] of a checkerboard colouring, the
      Gordon–Litherland correction [mu] and the writhe (C. McA. Gordon and R. A. Litherland, "On
      the signature of a link", Invent. Math. 47 (1978) 53–69). The colouring makes the face of
      corner [(a,b)] of the first crossing unshaded; at a crossing the incidence number is
      [eta = +1] when the corners [(b,c)], [(d,a)] (odd corners) are shaded, else [-1];
      [g_ij = - sum eta] over the crossings joining unshaded faces [R_i <> R_j], [g_ii = - sum_{j<>i}
      g_ij], and the row and column of [R_0] (the face of corner [(a,b)] of the first crossing) are
      deleted. A crossing is of type II when its oriented smoothing joins the two shaded corners
      (over-strand entering at slot 1 joins the even corners, at slot 3 the odd ones); [mu] is the
      sum of [eta] over type-II crossings. Theorem (Gordon–Litherland): [sigma = sign G - mu] and
      [det = |det G|], in KnotInfo's sign convention (positive trefoil [sigma = -2]).
    - [bareiss_det M]: the determinant of an integer matrix by fraction-free elimination (E. H.
      Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian elimination", Math.
      Comp. 22 (1968) 565–578): every intermediate entry is a minor of [M], every division exact.
    - [qsignature M]: the signature of a symmetric matrix by congruence diagonalisation over [Q]
      (Sylvester's law of inertia): bring a non-zero diagonal entry to the front (or create one by
      adding a row/column to another when the diagonal is zero), take the Schur complement.
    - [writhe]: the sum of the crossing signs, [+1] when the over-strand enters at slot 3 ([d -> b]).
      The over-strand directions come from [components_of], which orients every component by its
      under-passes (slot 0 incoming).
    - [fox_colourings p xs]: the number of Fox [p]-colourings (R. H. Fox, "A quick trip through knot
      theory", 1962) of the labels of [xs] for a prime [p]: colourings are the solutions of the
      linear system [col b = col d], [2 col b = col a + col c] over [Z/p], hence [p ^ (labels -
      rank)] with the rank computed by Gaussian elimination modulo [p].

    What is proved here: [bareiss_det_2x2] (Bareiss equals [ad - bc] for every 2×2 integer
    matrix), [bareiss_laplace_3x3_small] and [bareiss_laplace_4x4_01] (Bareiss equals the Laplace
    expansion on all 19,683 3×3 matrices with entries in {-1,0,1} and all 65,536 4×4 0/1 matrices,
    by [vm_compute]), [writhe_parity] (for every accepted code, writhe = number of crossings mod 2),
    [knot_invariants_spec], [fox_trefoil_brute] and [fox_figure_eight_brute] (the elimination count equals
    the brute-force count of assignments satisfying [PDSpec]'s executable Fox condition, itself
    proved equal to the textbook [Colouring] in [PDSpec.colouring_b_spec]). The Gordon–Litherland
    theorem itself and the correctness of [qsignature] are not proved: they are tested against
    KnotInfo on the 2,977 knots with at most 12 crossings (scripts/coq_invariants_table.py). *)

From Coq Require Import ZArith QArith List Bool Lia.
Require Import KnotCert.PD KnotCert.PDSpec.
Import ListNotations.

Open Scope Z_scope.

(** ** Lists and matrices *)

Definition matrix := list (list Z).

Fixpoint zip_with {A B C} (f : A -> B -> C) (xs : list A) (ys : list B) : list C :=
  match xs, ys with
  | x :: xr, y :: yr => f x y :: zip_with f xr yr
  | _, _ => []
  end.

Fixpoint nth_upd {A} (l : list A) (i : nat) (f : A -> A) : list A :=
  match l, i with
  | [], _ => []
  | x :: r, O => f x :: r
  | x :: r, S k => x :: nth_upd r k f
  end.

Fixpoint remove_nth {A} (i : nat) (l : list A) : list A :=
  match l, i with
  | [], _ => []
  | _ :: r, O => r
  | x :: r, S k => x :: remove_nth k r
  end.

(** Add [v] to entry [(i, j)]. *)
Definition mat_add (M : matrix) (i j : nat) (v : Z) : matrix :=
  nth_upd M i (fun row => nth_upd row j (fun x => x + v)).

Definition zero_matrix (m : nat) : matrix := repeat (repeat 0 m) m.

(** ** Determinant: Bareiss (1968) fraction-free elimination *)

(** The first row whose first entry is non-zero: its index, the row, the other rows in order. *)
Fixpoint pick_pivot (rows : matrix) (i : nat) : option (nat * list Z * matrix) :=
  match rows with
  | [] => None
  | r :: rest =>
      match r with
      | x :: _ =>
          if negb (Z.eqb x 0) then Some (i, r, rest)
          else match pick_pivot rest (S i) with
               | Some (j, p, others) => Some (j, p, r :: others)
               | None => None
               end
      | [] => None
      end
  end.

(** One Bareiss step per call: the pivot row [p :: prest] (moved to the top: [j] transpositions'
    worth of sign), every other row [x :: xr] becomes [(a p - x b) / prev] entrywise. The result is
    the last pivot, with the accumulated sign ([1] for the empty matrix). *)
Fixpoint bareiss_loop (fuel : nat) (prev sign : Z) (M : matrix) : Z :=
  match M with
  | [] => sign * prev
  | _ =>
      match fuel with
      | O => 0
      | S f =>
          match pick_pivot M 0 with
          | None => 0
          | Some (j, prow, others) =>
              match prow with
              | [] => 0
              | p :: prest =>
                  let sign' := if Nat.even j then sign else - sign in
                  let elim (row : list Z) :=
                    match row with
                    | [] => []
                    | x :: xr => zip_with (fun a b => (a * p - x * b) / prev) xr prest
                    end in
                  bareiss_loop f p sign' (map elim others)
              end
          end
      end
  end.

Definition bareiss_det (M : matrix) : Z := bareiss_loop (S (length M)) 1 1 M.

(** The Laplace (cofactor) expansion along the first row: the textbook determinant. *)
Fixpoint laplace_det_fuel (fuel : nat) (M : matrix) : Z :=
  match M with
  | [] => 1
  | row :: rest =>
      match fuel with
      | O => 0
      | S f =>
          let fix go (j : nat) (r : list Z) (s : Z) : Z :=
            match r with
            | [] => 0
            | x :: xr => s * x * laplace_det_fuel f (map (remove_nth j) rest) + go (S j) xr (- s)
            end in
          go O row 1
      end
  end.

Definition laplace_det (M : matrix) : Z := laplace_det_fuel (S (length M)) M.

Theorem bareiss_det_2x2 : forall a b c d, bareiss_det [[a; b]; [c; d]] = a * d - b * c.
Proof.
  intros a b c d. unfold bareiss_det. cbn -[Z.div Z.mul Z.sub Z.opp].
  repeat (first [rewrite Z.div_1_r
                | match goal with |- context [Z.eqb ?x 0] => destruct (Z.eqb_spec x 0) end];
          cbn -[Z.div Z.mul Z.sub Z.opp]); nia.
Qed.

(** All matrices of size [n] with entries from [vals]. *)
Fixpoint all_rows (vals : list Z) (n : nat) : list (list Z) :=
  match n with
  | O => [[]]
  | S k => flat_map (fun x => map (cons x) (all_rows vals k)) vals
  end.

Fixpoint all_matrices (vals : list Z) (rows cols : nat) : list matrix :=
  match rows with
  | O => [[]]
  | S k => flat_map (fun r => map (cons r) (all_matrices vals k cols)) (all_rows vals cols)
  end.

Theorem bareiss_laplace_3x3_small :
  forallb (fun M => Z.eqb (bareiss_det M) (laplace_det M)) (all_matrices [-1; 0; 1] 3 3) = true.
Proof. vm_compute. reflexivity. Qed.

Theorem bareiss_laplace_4x4_01 :
  forallb (fun M => Z.eqb (bareiss_det M) (laplace_det M)) (all_matrices [0; 1] 4 4) = true.
Proof. vm_compute. reflexivity. Qed.

(** ** Signature of a symmetric matrix: congruence diagonalisation over Q *)

Definition qmatrix := list (list Q).

Definition to_qmatrix (M : matrix) : qmatrix := map (map inject_Z) M.

Definition qnz (x : Q) : bool := negb (Z.eqb (Qnum x) 0).

(** Move index [i] to the front (of a list; of the rows and columns of a matrix): a congruence by a
    permutation matrix. *)
Definition to_front {A} (i : nat) (l : list A) : list A :=
  match nth_error l i with Some x => x :: remove_nth i l | None => l end.

Definition sym_front (i : nat) (M : qmatrix) : qmatrix := to_front i (map (to_front i) M).

Fixpoint first_index {A} (f : A -> bool) (l : list A) (i : nat) : option nat :=
  match l with
  | [] => None
  | x :: r => if f x then Some i else first_index f r (S i)
  end.

Fixpoint diag {A} (d : A) (M : list (list A)) (i : nat) : list A :=
  match M with
  | [] => []
  | row :: rest => nth i row d :: diag d rest (S i)
  end.

(** Add row and column [j] to row and column [i] (a congruence [E M E^T]). *)
Definition add_row_col (M : qmatrix) (i j : nat) : qmatrix :=
  let rj := nth j M [] in
  let M1 := nth_upd M i (fun ri => zip_with (fun a b => Qred (a + b)) ri rj) in
  map (fun row => nth_upd row i (fun a => Qred (a + nth j row 0%Q))) M1.

(** The first non-zero entry [(i, j)] in reading order. *)
Fixpoint first_nonzero (M : qmatrix) (i : nat) : option (nat * nat) :=
  match M with
  | [] => None
  | row :: rest =>
      match first_index qnz row 0 with
      | Some j => Some (i, j)
      | None => first_nonzero rest (S i)
      end
  end.

(** A congruent matrix with a non-zero top-left entry, or [None] when [M] is zero. A zero diagonal
    with [M_ij <> 0] becomes [M_ii = 2 M_ij <> 0] after adding row and column [j] to [i]. *)
Definition choose_pivot (M : qmatrix) : option qmatrix :=
  match first_index qnz (diag 0%Q M 0) 0 with
  | Some i => Some (sym_front i M)
  | None =>
      match first_nonzero M 0 with
      | Some (i, j) => Some (sym_front i (add_row_col M i j))
      | None => None
      end
  end.

(** Schur complement of the pivot [d] with first column [v]: [S_rc = M_rc - v_r v_c / d]. *)
Definition schur (d : Q) (v : list Q) (rows : qmatrix) : qmatrix :=
  map (fun row => match row with
                  | [] => []
                  | vr :: rr => zip_with (fun a vc => Qred (a - vr * vc / d)) rr v
                  end) rows.

Definition qsgn (d : Q) : Z := Z.sgn (Qnum d).

Fixpoint qsignature_fuel (fuel : nat) (M : qmatrix) : Z :=
  match M with
  | [] => 0
  | _ =>
      match fuel with
      | O => 0
      | S f =>
          match choose_pivot M with
          | None => 0
          | Some M' =>
              match M' with
              | (d :: v) :: rows => qsgn d + qsignature_fuel f (schur d v rows)
              | _ => 0
              end
          end
      end
  end.

Definition qsignature (M : matrix) : Z := qsignature_fuel (S (length M)) (to_qmatrix M).

(** ** Checkerboard colouring, Goeritz matrix, correction term, writhe *)

(** Bit [b_k] of crossing key [k]: corner [(k, p)] is shaded iff [b_k xor odd p]. Corner [(k, q-1)]
    continues at corner [other_end (k, q) = (k', q')] (face tracing of [KnotCert.PD]), so
    [b_k' = b_k xor (odd q == odd q')]. A depth-first walk from crossing 1 with [b_1 = false]. *)
Definition flip (q q' : nat) : bool := Bool.eqb (Nat.odd q) (Nat.odd q').

Definition bit (bits : ptree bool) (k : positive) : bool :=
  match pget k bits with Some b => b | None => false end.

Fixpoint colour_walk (fuel : nat) (cx : context) (stack : list positive) (bits : ptree bool) : ptree bool :=
  match fuel with
  | O => bits
  | S f =>
      match stack with
      | [] => bits
      | k :: rest =>
          let b := bit bits k in
          let step (acc : list positive * ptree bool) (q : nat) :=
            let (st, bs) := acc in
            let s' := other_end cx (k, q) in
            if pmem (fst s') bs then acc
            else (fst s' :: st, pset (fst s') (xorb b (flip q (snd s'))) bs) in
          let (st', bits') := fold_left step [0; 1; 2; 3]%nat (rest, bits) in
          colour_walk f cx st' bits'
      end
  end.

Definition checkerboard (cx : context) : ptree bool :=
  colour_walk (fuel cx) cx [1%positive] (pset 1 false PLeaf).

Definition corner_shaded (bits : ptree bool) (c : slot) : bool := xorb (bit bits (fst c)) (Nat.odd (snd c)).

(** Unshaded faces, numbered 0, 1, ... in the order of [faces_of]; corner code -> number. *)
Fixpoint index_faces (bits : ptree bool) (faces : list (list slot)) (next : nat) (t : ptree nat)
    : ptree nat * nat :=
  match faces with
  | [] => (t, next)
  | f :: rest =>
      match f with
      | [] => index_faces bits rest next t
      | c :: _ =>
          if corner_shaded bits c then index_faces bits rest next t
          else index_faces bits rest (S next) (fold_left (fun t' s => pset (slot_code s) next t') f t)
      end
  end.

(** Crossing key -> the slot (1 or 3) at which the over-strand enters. *)
Definition over_entries (comps : list (list slot)) : ptree nat :=
  fold_left (fun t es => fold_left (fun t' s => if Nat.odd (snd s) then pset (fst s) (snd s) t' else t') es t)
            comps PLeaf.

Definition face_index (fidx : ptree nat) (c : slot) : nat :=
  match pget (slot_code c) fidx with Some i => i | None => O end.

(** One crossing's contribution: Goeritz entries, [mu], writhe. *)
Fixpoint goeritz_loop (xs : list crossing) (k : positive) (bits : ptree bool) (fidx : ptree nat)
    (over : ptree nat) (G : matrix) (mu w : Z) : matrix * Z * Z :=
  match xs with
  | [] => (G, mu, w)
  | _ :: rest =>
      let sc := if bit bits k then 0%nat else 1%nat in           (* a shaded corner *)
      let eta := if bit bits k then -1 else 1 in                   (* +1 iff the odd corners are shaded *)
      let r := face_index fidx (k, add1 sc) in
      let s := face_index fidx (k, add3 sc) in
      let G' := if Nat.eqb r s then G
                else mat_add (mat_add (mat_add (mat_add G r s (- eta)) s r (- eta)) r r eta) s s eta in
      let oin := match pget k over with Some q => q | None => 1%nat end in
      let type2 := Bool.eqb (Nat.odd sc) (Nat.eqb oin 3) in
      let mu' := if type2 then mu + eta else mu in
      let w' := if Nat.eqb oin 3 then w + 1 else w - 1 in
      goeritz_loop rest (Pos.succ k) bits fidx over G' mu' w'
  end.

(** A PD code the invariants accept: labels twice, planar, consistently oriented, connected. *)
Definition invariants_ok (xs : list crossing) : bool :=
  validate_pd xs && Nat.leb (pieces_of (make_context xs)) 1.

(** [(G, mu, writhe)]: the reduced Goeritz matrix, the Gordon–Litherland correction, the writhe;
    [None] for a code that [invariants_ok] refuses. The empty code (the unknot) gives [([], 0, 0)]. *)
Definition goeritz_data (xs : list crossing) : option (matrix * Z * Z) :=
  if negb (invariants_ok xs) then None
  else
    let cx := make_context xs in
    match components_of cx with
    | None => None
    | Some comps =>
        match xs with
        | [] => Some ([], 0, 0)
        | _ =>
            let bits := checkerboard cx in
            let (fidx, m) := index_faces bits (faces_of cx) 0 PLeaf in
            let '(G, mu, w) := goeritz_loop xs 1 bits fidx (over_entries comps) (zero_matrix m) 0 0 in
            Some (map (@tl Z) (tl G), mu, w)
        end
    end.

Definition goeritz (xs : list crossing) : matrix :=
  match goeritz_data xs with Some (G, _, _) => G | None => [] end.

(** Signature [sign G - mu] (Gordon–Litherland), determinant [|det G|], writhe; [0] for a refused code. *)
Definition signature (xs : list crossing) : Z :=
  match goeritz_data xs with Some (G, mu, _) => qsignature G - mu | None => 0 end.

Definition determinant (xs : list crossing) : Z :=
  match goeritz_data xs with Some (G, _, _) => Z.abs (bareiss_det G) | None => 0 end.

Definition writhe (xs : list crossing) : Z :=
  match goeritz_data xs with Some (_, _, w) => w | None => 0 end.

(** The three from one Goeritz computation (what the table theorems evaluate per knot). *)
Definition knot_invariants (xs : list crossing) : Z * Z * Z :=
  match goeritz_data xs with Some (G, mu, w) => (qsignature G - mu, Z.abs (bareiss_det G), w) | None => (0, 0, 0) end.

Lemma knot_invariants_spec : forall xs, knot_invariants xs = (signature xs, determinant xs, writhe xs).
Proof.
  intros xs. unfold knot_invariants, signature, determinant, writhe.
  destruct (goeritz_data xs) as [[[G mu] w]|]; reflexivity.
Qed.

(** The congruence [writhe = crossings (mod 2)] that [pybridge conjecture exact] finds on the table
    holds for every code: each crossing adds [+1] or [-1] to the writhe. *)
Lemma goeritz_loop_writhe : forall xs k bits fidx over G mu w,
  Z.even (snd (goeritz_loop xs k bits fidx over G mu w) - w - Z.of_nat (length xs)) = true.
Proof.
  induction xs as [|x rest IH]; intros k bits fidx over G mu w.
  - simpl. replace (w - w - 0) with 0 by ring. reflexivity.
  - cbn [goeritz_loop length].
    match goal with |- context [goeritz_loop rest ?k' bits fidx over ?G' ?mu' ?w'] =>
      specialize (IH k' bits fidx over G' mu' w'); set (w2 := w') in * end.
    set (r := snd (goeritz_loop rest _ _ _ _ _ _ _)) in *.
    assert (Hw : w2 = w + 1 \/ w2 = w - 1) by (unfold w2; destruct (Nat.eqb _ 3); [left|right]; reflexivity).
    rewrite Nat2Z.inj_succ.
    destruct Hw as [Hw|Hw]; rewrite Hw in IH.
    + replace (r - w - Z.succ (Z.of_nat (length rest))) with (r - (w + 1) - Z.of_nat (length rest)) by lia. exact IH.
    + replace (r - w - Z.succ (Z.of_nat (length rest))) with ((r - (w - 1) - Z.of_nat (length rest)) - 2) by lia.
      rewrite Z.even_sub, IH. reflexivity.
Qed.

Theorem writhe_parity : forall xs, Z.even (writhe xs - Z.of_nat (length xs)) = true \/ goeritz_data xs = None.
Proof.
  intros xs. unfold writhe. destruct (goeritz_data xs) as [[[G mu] w]|] eqn:E; [left|right; reflexivity].
  unfold goeritz_data in E. destruct (negb (invariants_ok xs)); [discriminate|].
  destruct (components_of (make_context xs)) as [comps|]; [|discriminate].
  destruct xs as [|x rest]; [injection E as <- <- <-; reflexivity|].
  destruct (index_faces _ _ _ _) as [fidx m].
  destruct (goeritz_loop _ _ _ _ _ _ _ _) as [[G' mu'] w'] eqn:L.
  injection E as _ _ <-.
  pose proof (goeritz_loop_writhe (x :: rest) 1 (checkerboard (make_context (x :: rest))) fidx
                (over_entries comps) (zero_matrix m) 0 0) as P.
  rewrite L in P. simpl snd in P. replace (w' - 0) with w' in P by ring. exact P.
Qed.
(** ** Fox colourings: rank of the colouring system modulo a prime [p] *)

Fixpoint pos_powmod (a : Z) (e : positive) (p : Z) : Z :=
  match e with
  | xH => a mod p
  | xO e' => let h := pos_powmod a e' p in (h * h) mod p
  | xI e' => let h := pos_powmod a e' p in (h * h * a) mod p
  end.

(** The inverse of [a] modulo a prime [p] (Fermat: [a ^ (p - 2)]). *)
Definition inv_mod (a p : Z) : Z := match p - 2 with Zpos e => pos_powmod a e p | _ => 1 end.

(** Rank modulo [p] by Gaussian elimination, one column per call. *)
Fixpoint rank_mod (fuel : nat) (p : Z) (rows : matrix) : nat :=
  match fuel with
  | O => O
  | S f =>
      if forallb (fun r => match r with [] => true | _ => false end) rows then O
      else
        match pick_pivot (map (map (fun x => x mod p)) rows) 0 with
        | None => rank_mod f p (map (@tl Z) rows)
        | Some (_, prow, others) =>
            match prow with
            | [] => O
            | x :: xr =>
                let i := inv_mod x p in
                let elim (row : list Z) :=
                  match row with
                  | [] => []
                  | y :: yr => zip_with (fun a b => (a - y * i * b) mod p) yr xr
                  end in
                S (rank_mod f p (map elim others))
            end
        end
  end.

(** Labels in order of first occurrence -> 0, 1, ... *)
Fixpoint index_labels (ls : list label) (t : ptree nat) (n : nat) : ptree nat * nat :=
  match ls with
  | [] => (t, n)
  | l :: rest => if pmem l t then index_labels rest t n else index_labels rest (pset l n t) (S n)
  end.

Definition unit_row (len : nat) (entries : list (nat * Z)) : list Z :=
  fold_left (fun r e => nth_upd r (fst e) (fun x => x + snd e)) entries (repeat 0 len).

Definition lab (t : ptree nat) (l : label) : nat := match pget l t with Some i => i | None => O end.

(** Two equations per crossing [(a, b, c, d)]: [col b - col d = 0], [2 col b - col a - col c = 0]. *)
Definition fox_system (xs : list crossing) : matrix * nat :=
  let (t, n) := index_labels (flat_map labels4 xs) PLeaf O in
  (flat_map (fun x => match x with (a, b, c, d) =>
     [unit_row n [(lab t b, 1); (lab t d, -1)]; unit_row n [(lab t b, 2); (lab t a, -1); (lab t c, -1)]] end) xs, n).

(** The number of Fox [p]-colourings of the labels of [xs], for a prime [p]: [p ^ (labels - rank)]. *)
Definition fox_colourings (p : Z) (xs : list crossing) : Z :=
  let (rows, n) := fox_system xs in
  p ^ Z.of_nat (n - rank_mod (S n) p rows).

(** Brute force, straight from [PDSpec]'s executable Fox condition [colouring_b] (proved equal to
    the declarative [Colouring] by [PDSpec.colouring_b_spec]): count the colour tables
    [col : labels 1..n -> {0..p-1}] that satisfy it. *)
Definition brute_fox (p : Z) (n : nat) (xs : list crossing) : nat :=
  let vals := map Z.of_nat (seq 0 (Z.to_nat p)) in
  length (filter (fun t => colouring_b p xs (table_col t)) (all_rows vals n)).

Theorem fox_trefoil_brute : brute_fox 3 6 (crossings trefoil) = Z.to_nat (fox_colourings 3 (crossings trefoil)).
Proof. vm_compute. reflexivity. Qed.

(** (The 5-colourings of the figure-eight knot, 5^8 tables, take about 7 s; 3-colourings are shown.) *)
Theorem fox_figure_eight_brute :
  brute_fox 3 8 (crossings figure_eight) = Z.to_nat (fox_colourings 3 (crossings figure_eight)).
Proof. vm_compute. reflexivity. Qed.

(** ** Small examples (Knot Atlas codes; KnotInfo's values) *)

Example trefoil_invariants :
  (signature (crossings trefoil), determinant (crossings trefoil), writhe (crossings trefoil),
   fox_colourings 3 (crossings trefoil)) = (-2, 3, 3, 9).
Proof. vm_compute. reflexivity. Qed.

Example figure_eight_invariants :
  (signature (crossings figure_eight), determinant (crossings figure_eight), writhe (crossings figure_eight),
   fox_colourings 5 (crossings figure_eight)) = (0, 5, 0, 25).
Proof. vm_compute. reflexivity. Qed.
