(** * KnotCert.PDComponents — the number of components of a link diagram, and its invariance

    A link is a disjoint union of closed curves, its *components*. In a planar diagram every
    component is a closed strand made of edges that passes straight through the crossings: at a
    crossing [X[a,b,c,d]] the under-strand runs [a -> c] and the over-strand [b -> d] (Knot Atlas,
    "Planar Diagrams"). Crossing-free split circles, which a PD code cannot show, are counted by
    [free] and are components of their own.

    Declaratively (Lickorish, "An Introduction to Knot Theory", ch. 1): colour every edge so that
    opposite edges at each crossing get the same colour ([StrandCol]) — a colour is then constant
    along each component — and give each free circle a colour ([fc]). The number of components is
    the largest number of different colours such a colouring can use ([Components D k]): at most one
    colour per component, and exactly one per component when every component gets its own.

    Theorems (for the general move, not per certificate):
    - [spec_step_components]: every specification step ([SpecStep]: Reidemeister I, II, III in
      both directions, relabelling; [PDSpec.v]) keeps the number of components;
    - [components_pd_trivial]: the crossing-free diagram of [n] circles has [n] components;
    - [pd_unlink_components]: the input of every accepted unknot/unlink PD certificate has exactly
      as many components as its claim — one for an unknot — whatever the checker's own
      [link_components] computes. *)

From Coq Require Import ZArith List Bool Lia Permutation.
Require Import KnotCert.PD KnotCert.PDSpec KnotCert.PDInsertSpec KnotCert.PDBandSpec.
Import ListNotations.

(** ** Strand colourings and their colours *)

(** Opposite edges at a crossing lie on one strand and get one colour. *)
Definition scol (col : label -> Z) (x : crossing) : Prop :=
  match x with (a, b, c, d) => col a = col c /\ col b = col d end.

Definition StrandCol (xs : list crossing) (col : label -> Z) : Prop := forall x, In x xs -> scol col x.

(** The colours used: one per edge and one per free circle. *)
Definition colours (D : pd_state) (col : label -> Z) (fc : nat -> Z) : list Z :=
  map col (labels (crossings D)) ++ map fc (seq 0 (free D)).

(** The number of different colours. *)
Definition ncolours (D : pd_state) (col : label -> Z) (fc : nat -> Z) : nat :=
  length (nodup Z.eq_dec (colours D col fc)).

(** [D] has [k] components: some strand colouring uses [k] colours, and none uses more. *)
Definition Components (D : pd_state) (k : nat) : Prop :=
  (exists col fc, StrandCol (crossings D) col /\ ncolours D col fc = k) /\
  (forall col fc, StrandCol (crossings D) col -> (ncolours D col fc <= k)%nat).

(** ** Counting colours *)

Lemma nodup_incl_length : forall (L L' : list Z), incl L L' ->
  (length (nodup Z.eq_dec L) <= length (nodup Z.eq_dec L'))%nat.
Proof.
  intros L L' H. apply NoDup_incl_length; [apply NoDup_nodup|].
  intros z Hz. apply nodup_In. apply H. now apply nodup_In in Hz.
Qed.

(** [D'] has a strand colouring with every colour of any given strand colouring of [D]. *)
Definition Covers (D D' : pd_state) : Prop :=
  forall col fc, StrandCol (crossings D) col ->
    exists col' fc', StrandCol (crossings D') col' /\ incl (colours D col fc) (colours D' col' fc').

Lemma covers_trans : forall D D' D'', Covers D D' -> Covers D' D'' -> Covers D D''.
Proof.
  intros D D' D'' H1 H2 col fc S. destruct (H1 col fc S) as [col' [fc' [S' I']]].
  destruct (H2 col' fc' S') as [col'' [fc'' [S'' I'']]]. exists col'', fc''. split; [exact S''|].
  intros z Hz. apply I'', I', Hz.
Qed.

(** Two diagrams that cover each other have the same number of components. *)
Theorem covers_components : forall D D' k, Covers D D' -> Covers D' D -> Components D k -> Components D' k.
Proof.
  intros D D' k H1 H2 [[col [fc [S E]]] M]. destruct (H1 col fc S) as [col' [fc' [S' I]]].
  assert (Hge : (k <= ncolours D' col' fc')%nat) by (rewrite <- E; now apply nodup_incl_length).
  split.
  - exists col', fc'. split; [exact S'|]. apply Nat.le_antisymm; [|exact Hge].
    destruct (H2 col' fc' S') as [c [f [Sc Ic]]].
    apply Nat.le_trans with (ncolours D c f); [now apply nodup_incl_length | now apply M].
  - intros c f Sc. destruct (H2 c f Sc) as [c' [f' [Sc' Ic]]].
    apply Nat.le_trans with (ncolours D c' f'); [now apply nodup_incl_length | now apply M].
Qed.

(** ** Permutations and relabellings *)

Lemma StrandCol_perm : forall xs ys col, Permutation xs ys -> StrandCol xs col -> StrandCol ys col.
Proof. intros xs ys col H S x Hx. apply S. now apply Permutation_in with ys; [symmetry|]. Qed.

Lemma StrandCol_cons : forall x E col, StrandCol (x :: E) col <-> scol col x /\ StrandCol E col.
Proof.
  intros x E col. split.
  - intros S. split; [apply S; now left | intros y Hy; apply S; now right].
  - intros [Sx SE] y [<-|Hy]; [exact Sx | now apply SE].
Qed.

Lemma StrandCol_map : forall E col r, StrandCol (map (rn r) E) col <-> StrandCol E (fun z => col (r z)).
Proof.
  intros E col r. split.
  - intros S [[[a b] c] d] Hx. exact (S _ (in_map (rn r) _ _ Hx)).
  - intros S y Hy. apply in_map_iff in Hy as [[[[a b] c] d] [<- Hx]]. exact (S _ Hx).
Qed.

Lemma colours_map : forall E f col fc r,
  colours (mk_pd (map (rn r) E) f) col fc = colours (mk_pd E f) (fun z => col (r z)) fc.
Proof. intros. unfold colours. cbn [crossings free]. f_equal. now rewrite labels_map_rn_eq, map_map. Qed.

Lemma covers_perm : forall xs ys f, Permutation xs ys -> Covers (mk_pd xs f) (mk_pd ys f).
Proof.
  intros xs ys f H col fc S. exists col, fc. split; [exact (StrandCol_perm _ _ _ H S)|].
  intros z Hz. unfold colours in *. cbn [crossings free] in *. apply in_app_or in Hz as [Hz|Hz]; apply in_or_app.
  - left. apply in_map_iff in Hz as [l [<- Hl]]. apply in_map. now apply Permutation_in with (labels xs); [apply labels_perm|].
  - now right.
Qed.


Lemma covers_iso : forall D D', PDIso D D' -> Covers D D' /\ Covers D' D.
Proof.
  intros [xs f] [ys f'] [Hf [r [r' [Hr Hp]]]]. cbn [crossings free] in *. subst f'. split.
  - intros col fc S.
    assert (S' : StrandCol (map (rn r) xs) (fun z => col (r' z))).
    { apply StrandCol_map. intros [[[a b] c] d] Hx. specialize (S _ Hx). simpl in S |- *.
      assert (L : forall z, In z [a; b; c; d] -> r' (r z) = z).
      { intros z Hz. apply Hr. unfold labels. apply in_flat_map. now exists (a, b, c, d). }
      rewrite !L by (simpl; tauto). exact S. }
    destruct (covers_perm _ _ f Hp _ fc S') as [col' [fc' [S'' I]]]. exists col', fc'. split; [exact S''|].
    intros z Hz. apply I. rewrite colours_map. unfold colours in *. cbn [crossings free] in *.
    apply in_app_or in Hz as [Hz|Hz]; apply in_or_app; [left|now right].
    apply in_map_iff in Hz as [l [<- Hl]]. apply in_map_iff. exists l. split; [now rewrite Hr|exact Hl].
  - intros col fc S. exists (fun z => col (r z)), fc. split.
    + apply StrandCol_map. apply StrandCol_perm with ys; [now symmetry|exact S].
    + intros z Hz. rewrite <- colours_map. unfold colours in *. cbn [crossings free] in *.
      apply in_app_or in Hz as [Hz|Hz]; apply in_or_app; [left|now right].
      apply in_map_iff in Hz as [l [<- Hl]]. apply in_map. now apply Permutation_in with (labels ys);
        [symmetry; apply labels_perm|].
Qed.

(** ** The colour condition at a crossing seen from a corner *)

Lemma scol_rot : forall col k w x y z, (k < 4)%nat -> (scol col (rot k w x y z) <-> col w = col y /\ col x = col z).
Proof. intros col k w x y z Hk. destruct k as [|[|[|[|k]]]]; simpl; try lia; intuition congruence. Qed.

Lemma in_colours_label : forall D col fc l, In l (labels (crossings D)) -> In (col l) (colours D col fc).
Proof. intros. unfold colours. apply in_or_app. left. now apply in_map. Qed.

Lemma in_colours_free : forall D col fc k, (k < free D)%nat -> In (fc k) (colours D col fc).
Proof. intros. unfold colours. apply in_or_app. right. apply in_map, in_seq. lia. Qed.

Lemma in_colours_label' : forall D col fc l v, In l (labels (crossings D)) -> col l = v -> In v (colours D col fc).
Proof. intros D col fc l v H <-. now apply in_colours_label. Qed.

Lemma in_colours_free' : forall D col fc k v, (k < free D)%nat -> fc k = v -> In v (colours D col fc).
Proof. intros D col fc k v H <-. now apply in_colours_free. Qed.

Lemma colours_cases : forall D col fc v, In v (colours D col fc) ->
  (exists l, In l (labels (crossings D)) /\ v = col l) \/ (exists k, (k < free D)%nat /\ v = fc k).
Proof.
  intros D col fc v H. unfold colours in H. apply in_app_or in H as [H|H].
  - left. apply in_map_iff in H as [l [<- Hl]]. now exists l.
  - right. apply in_map_iff in H as [k [<- Hk]]. apply in_seq in Hk. exists k. split; [lia|reflexivity].
Qed.

(** Renaming by a map that the colouring cannot see changes nothing. *)
Lemma StrandCol_rename : forall E col r, (forall z, col (r z) = col z) -> StrandCol E col -> StrandCol (map (rn r) E) col.
Proof.
  intros E col r H S. apply StrandCol_map. intros [[[a b] c] d] Hx. specialize (S _ Hx). simpl in S |- *.
  now rewrite !H.
Qed.

Lemma join_map_col : forall (col : label -> Z) u v, col u = col v -> forall z, col (join_map u v z) = col z.
Proof.
  intros col u v H z. destruct (join_map_cases u v z) as [->|[[-> | ->] [-> | ->]]]; congruence.
Qed.

(** Equal colours along a chain of joined pairs. *)
Lemma Eqv_col : forall (col : label -> Z) ps, (forall a b, In (a, b) ps -> col a = col b) ->
  forall z w, Eqv ps z w -> col z = col w.
Proof. intros col ps H z w E. induction E; congruence || auto. Qed.

(** ** Reidemeister I *)

Lemma r1_covers : forall k l i o E f, (k < 4)%nat -> WellLabelled (rot k l l i o :: E) ->
  Covers (mk_pd (rot k l l i o :: E) f) (join i o (mk_pd E f)) /\
  Covers (join i o (mk_pd E f)) (mk_pd (rot k l l i o :: E) f).
Proof.
  intros k l i o E f Hk W. destruct (r1_facts k l i o E W) as [Fl [Fli [Flo [Fne Feq]]]].
  unfold join. destruct (Pos.eqb_spec i o) as [<-|Hio]; cbn [crossings free]; split.
  - intros col fc S. cbn [crossings] in S. apply StrandCol_cons in S as [SX SE]. apply scol_rot in SX as [Ci _]; [|exact Hk].
    exists col, (fun n => if Nat.eqb n f then col i else fc n). split; [exact SE|].
    intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]]; cbn [crossings free] in *.
    + rewrite in_labels_cons, in_rot in Hz. destruct Hz as [[->|[->|[->| ->]]]|Hz].
      1, 2: rewrite Ci. 1-4: apply in_colours_free' with f; [simpl; lia | now rewrite Nat.eqb_refl].
      now apply in_colours_label.
    + apply in_colours_free' with n; [simpl; lia|]. destruct (Nat.eqb_spec n f); [lia|reflexivity].
  - intros col fc S. cbn [crossings] in S.
    exists (fun z => if Pos.eqb z l || Pos.eqb z i then fc f else col z), fc. split.
    + apply StrandCol_cons. split.
      * apply scol_rot; [exact Hk|]. rewrite !Pos.eqb_refl, orb_true_r. simpl. split; reflexivity.
      * intros [[[a b] c] d] Hx. specialize (S _ Hx). simpl in S |- *.
        assert (L : forall z, In z [a; b; c; d] -> Pos.eqb z l || Pos.eqb z i = false).
        { intros z Hz. assert (Hz' : In z (labels E)) by (unfold labels; apply in_flat_map; now exists (a, b, c, d)).
          apply orb_false_iff. split; apply Pos.eqb_neq; intros ->; [exact (Fl Hz') | exact (Feq eq_refl Hz')]. }
        rewrite !L by (simpl; tauto). exact S.
    + intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]]; cbn [crossings free] in *.
      * assert (Hzl : z <> l) by (intros ->; exact (Fl Hz)). assert (Hzi : z <> i) by (intros ->; exact (Feq eq_refl Hz)).
        apply in_colours_label' with z; [cbn [crossings]; apply in_labels_cons; now right|].
        now rewrite (proj2 (Pos.eqb_neq _ _) Hzl), (proj2 (Pos.eqb_neq _ _) Hzi).
      * destruct (Nat.eq_dec n f) as [->|Hnf].
        -- apply in_colours_label' with l; [|now rewrite Pos.eqb_refl].
           cbn [crossings]. apply in_labels_cons. left. apply in_rot. now left.
        -- apply in_colours_free. simpl. lia.
  - intros col fc S. cbn [crossings] in S. apply StrandCol_cons in S as [SX SE]. apply scol_rot in SX as [Ci Co]; [|exact Hk].
    assert (Hio' : col i = col o) by congruence.
    exists col, fc. split; [exact (StrandCol_rename _ _ _ (join_map_col col i o Hio') SE)|].
    intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]]; cbn [crossings free] in *.
    + assert (Hz' : exists w, In w (labels E) /\ col z = col w).
      { rewrite in_labels_cons, in_rot in Hz. destruct Hz as [[->|[->|[->| ->]]]|Hz].
        1, 2: exists i; split; [exact (proj1 (Fne Hio)) | exact Ci].
        - exists i; split; [exact (proj1 (Fne Hio)) | reflexivity].
        - exists o; split; [exact (proj2 (Fne Hio)) | reflexivity].
        - now exists z. }
      destruct Hz' as [w [Hw ->]]. rewrite <- (join_map_col col i o Hio' w).
      apply in_colours_label. cbn [crossings]. apply labels_map_rn. now exists w.
    + now apply in_colours_free.
  - intros col fc S. cbn [crossings] in S. set (J := join_map i o).
    exists (fun z => if Pos.eqb z l then col (J i) else col (J z)), fc. split.
    + apply StrandCol_cons. split.
      * apply scol_rot; [exact Hk|]. rewrite Pos.eqb_refl, (proj2 (Pos.eqb_neq i l) (not_eq_sym Fli)),
          (proj2 (Pos.eqb_neq o l) (not_eq_sym Flo)).
        assert (HJ : J i = J o) by (apply join_map_eq; right; tauto).
        split; [reflexivity | now rewrite HJ].
      * apply (proj1 (StrandCol_map E col J)) in S. intros [[[a b] c] d] Hx. specialize (S _ Hx). simpl in S |- *.
        assert (L : forall z, In z [a; b; c; d] -> Pos.eqb z l = false).
        { intros z Hz. apply Pos.eqb_neq. intros ->. apply Fl. unfold labels. apply in_flat_map. now exists (a, b, c, d). }
        rewrite !L by (simpl; tauto). exact S.
    + intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]]; cbn [crossings free] in *.
      * apply labels_map_rn in Hz as [w [Hw ->]].
        apply in_colours_label' with w; [cbn [crossings]; apply in_labels_cons; now right|].
        rewrite (proj2 (Pos.eqb_neq w l)); [reflexivity | intros ->; exact (Fl Hw)].
      * now apply in_colours_free.
Qed.

(** ** Reidemeister III: the same strands through the same edges *)

Lemma r3_strand : forall col k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E,
  (k1 < 4)%nat -> (k2 < 4)%nat -> (k3 < 4)%nat ->
  (StrandCol (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) col <->
   StrandCol (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) col).
Proof. intros. rewrite !StrandCol_cons, !scol_rot by assumption. intuition congruence. Qed.

Lemma r3_covers : forall k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E f,
  (k1 < 4)%nat -> (k2 < 4)%nat -> (k3 < 4)%nat ->
  Covers (mk_pd (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) f)
         (mk_pd (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) f) /\
  Covers (mk_pd (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) f)
         (mk_pd (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) f).
Proof.
  intros k1 k2 k3 l1 l2 l3 x2 x3 y2 y3 z2 z3 E f H1 H2 H3. split; intros col fc S; exists col, fc; cbn [crossings] in S.
  - split; [now apply r3_strand|]. intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]].
    + apply in_colours_label. cbn [crossings] in *. rewrite in_labels_occ, r3_labels. now apply in_labels_occ.
    + now apply in_colours_free.
  - split; [now apply r3_strand|]. intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]].
    + apply in_colours_label. cbn [crossings] in *. rewrite in_labels_occ, <- r3_labels. now apply in_labels_occ.
    + now apply in_colours_free.
Qed.

(** ** Reidemeister II *)

Lemma lt_add_pos : forall f a, (0 < a)%nat -> (f < f + a)%nat.
Proof. intros; lia. Qed.

Lemma lt_0_add1 : forall c, (0 < c + 1)%nat.
Proof. intros; lia. Qed.

Lemma lt_S_add2 : forall f, (S f < f + (1 + 1))%nat.
Proof. intros; lia. Qed.

Lemma lt_add_r : forall n f a, (n < f)%nat -> (n < f + a)%nat.
Proof. intros; lia. Qed.

Lemma r2_covers : forall k m e g x2 x3 y2 y3 E f, (k < 4)%nat -> (m < 4)%nat ->
  WellLabelled (rot k g e x2 x3 :: rot m e g y2 y3 :: E) ->
  Covers (mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) f) (join2 x3 y2 x2 y3 (mk_pd E f)) /\
  Covers (join2 x3 y2 x2 y3 (mk_pd E f)) (mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) f).
Proof.
  intros k m e g x2 x3 y2 y3 E f Hk Hm W.
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
  rewrite join2_eq.
  set (J := seqjoin [(x3, y2); (x2, y3)]).
  assert (JA : J x3 = J y2) by (apply seqjoin_eqv, eqv_base; simpl; tauto).
  assert (JB : J x2 = J y3) by (apply seqjoin_eqv, eqv_base; simpl; tauto).
  pose proof (c2_spec x2 x3 y2 y3 Hco) as Hc2.
  set (c1 := if Pos.eqb x3 y2 then 1%nat else 0%nat).
  set (c2 := if Pos.eqb (join_map x3 y2 x2) (join_map x3 y2 y3) then 1%nat else 0%nat).
  split.
  - (* the colours of the diagram with the bigon are colours of the diagram without it *)
    intros col fc S. cbn [crossings free] in S.
    apply StrandCol_cons in S as [SX S]. apply StrandCol_cons in S as [SY SE].
    apply scol_rot in SX as [SX1 SX2]; [|exact Hk]. apply scol_rot in SY as [SY1 SY2]; [|exact Hm].
    assert (KA : col x3 = col y2) by congruence. assert (KB : col x2 = col y3) by congruence.
    assert (HJc : forall z, col (J z) = col z).
    { intros z. apply (Eqv_col col [(x3, y2); (x2, y3)]); [|apply seqjoin_rep].
      intros a b [Hab|[Hab|[]]]; injection Hab as <- <-; assumption. }
    set (fc' := fun n => if (n <? f)%nat then fc n else if Nat.eqb n f && Pos.eqb x3 y2 then col x3 else col x2).
    exists col, fc'. split; [exact (StrandCol_rename _ _ _ HJc SE)|].
    set (D' := mk_pd (map (rn J) E) (f + (c1 + c2))).
    assert (HE : forall z, In z (labels E) -> In (col z) (colours D' col fc')).
    { intros z Hz. apply in_colours_label' with (J z); [|apply HJc]. apply labels_map_rn. now exists z. }
    assert (MA : MCL x2 x3 y2 y3 -> col x2 = col x3).
    { intros [_ [_ [[-> _]|[-> _]]]]; [reflexivity | now rewrite KA]. }
    assert (Hx3 : In (col x3) (colours D' col fc')).
    { destruct GA as [G|[G|[G|G]]].
      - now apply HE.
      - rewrite KA. now apply HE.
      - apply in_colours_free' with f; [unfold D', c1; cbn [free]; rewrite (proj2 (Pos.eqb_eq _ _) G); apply lt_add_pos; apply Nat.lt_0_succ|].
        unfold fc'. rewrite Nat.ltb_irrefl, Nat.eqb_refl, (proj2 (Pos.eqb_eq _ _) G). reflexivity.
      - assert (Hc : c2 = 1%nat) by (unfold c2; now rewrite (proj2 (Pos.eqb_eq _ _) (proj2 Hc2 (or_intror G)))).
        apply in_colours_free' with f; [unfold D'; cbn [free]; rewrite Hc; apply lt_add_pos, lt_0_add1|].
        unfold fc'. rewrite Nat.ltb_irrefl, Nat.eqb_refl, (proj2 (Pos.eqb_neq _ _) (proj1 G)). simpl. now apply MA. }
    assert (Hx2 : In (col x2) (colours D' col fc')).
    { destruct GB as [G|[G|[G|G]]].
      - now apply HE.
      - rewrite KB. now apply HE.
      - assert (Hc : c2 = 1%nat) by (unfold c2; now rewrite (proj2 (Pos.eqb_eq _ _) (f_equal _ G))).
        destruct (Pos.eqb_spec x3 y2) as [E1|E1].
        + apply in_colours_free' with (S f); [unfold D', c1; cbn [free]; rewrite ?(proj2 (Pos.eqb_eq _ _) E1), Hc; apply lt_S_add2|].
          unfold fc'. replace (S f <? f)%nat with false by (symmetry; apply Nat.ltb_ge; lia).
          replace (Nat.eqb (S f) f) with false by (symmetry; apply Nat.eqb_neq; lia). reflexivity.
        + apply in_colours_free' with f; [unfold D'; cbn [free]; rewrite Hc; apply lt_add_pos, lt_0_add1|].
          unfold fc'. rewrite Nat.ltb_irrefl, Nat.eqb_refl, ?(proj2 (Pos.eqb_neq _ _) E1). reflexivity.
      - rewrite (MA G). exact Hx3. }
    intros v Hv. apply colours_cases in Hv as [[z [Hz ->]]|[n [Hn ->]]]; [cbn [crossings free] in Hz | cbn [crossings free] in Hn].
    + rewrite !in_labels_cons, !in_rot in Hz.
      destruct Hz as [[->|[->|[->| ->]]]|[[->|[->|[->| ->]]]|Hz]].
      * rewrite SX1. exact Hx2.
      * rewrite SX2. exact Hx3.
      * exact Hx2.
      * exact Hx3.
      * rewrite SY1, <- KA. exact Hx3.
      * rewrite SY2, <- KB. exact Hx2.
      * rewrite <- KA. exact Hx3.
      * rewrite <- KB. exact Hx2.
      * now apply HE.
    + apply in_colours_free' with n; [unfold D'; cbn [free]; now apply lt_add_r|]. unfold fc'.
      now rewrite (proj2 (Nat.ltb_lt n f) Hn).
  - (* and back: colour the bigon's strands by the colours of the pulled-apart ones *)
    intros col' fc' S. cbn [crossings free] in S. apply (proj1 (StrandCol_map E col' J)) in S.
    set (cA := if Pos.eqb x3 y2 || mclb x2 x3 y2 y3 then fc' f else col' (J x3)).
    set (cB := if Pos.eqb x2 y3 then fc' (f + c1)%nat else if mclb x2 x3 y2 y3 then fc' f else col' (J x2)).
    set (col := fun z => if Pos.eqb z x3 || Pos.eqb z y2 then cA else if Pos.eqb z x2 || Pos.eqb z y3 then cB
                         else if Pos.eqb z e then cA else if Pos.eqb z g then cB else col' (J z)).
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
    assert (Ve : col e = cA).
    { unfold col. rewrite (proj2 (Pos.eqb_neq e x3) (not_eq_sym Fx3e)), (proj2 (Pos.eqb_neq e y2) (not_eq_sym Fy2e)),
        (proj2 (Pos.eqb_neq e x2) (not_eq_sym Fx2e)), (proj2 (Pos.eqb_neq e y3) (not_eq_sym Fy3e)), Pos.eqb_refl. reflexivity. }
    assert (Vg : col g = cB).
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
    + cbn [crossings]. apply StrandCol_cons. split; [|apply StrandCol_cons; split].
      * apply scol_rot; [exact Hk|]. rewrite Ve, Vg, Vx2, Vx3. split; reflexivity.
      * apply scol_rot; [exact Hm|]. rewrite Ve, Vg, Vy2, Vy3. split; reflexivity.
      * intros [[[a b] c] d] Hx. specialize (S _ Hx). simpl in S |- *.
        assert (L : forall z, In z [a; b; c; d] -> col z = col' (J z)).
        { intros z Hz. apply VE. unfold labels. apply in_flat_map. now exists (a, b, c, d). }
        rewrite (L a), (L b), (L c), (L d) by (simpl; tauto). exact S.
    + set (D := mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) f).
      assert (LA : In cA (colours D col fc')).
      { apply in_colours_label' with x3; [|exact Vx3]. unfold D; cbn [crossings]. apply in_labels_cons. left. apply in_rot. right; right; right; reflexivity. }
      assert (LB : In cB (colours D col fc')).
      { apply in_colours_label' with x2; [|exact Vx2]. unfold D; cbn [crossings]. apply in_labels_cons. left. apply in_rot. right; right; left; reflexivity. }
      intros v Hv. apply colours_cases in Hv as [[w [Hw ->]]|[n [Hn ->]]]; [cbn [crossings free] in Hw | cbn [crossings free] in Hn].
      * apply labels_map_rn in Hw as [z [Hz ->]]. apply in_colours_label' with z; [|now apply VE].
        unfold D; cbn [crossings]. rewrite !in_labels_cons. right; right; exact Hz.
      * destruct (Nat.lt_ge_cases n f) as [Hlt|Hge]; [now apply in_colours_free|].
        destruct (Pos.eqb_spec x3 y2) as [E1|E1].
        -- assert (Hc1v : c1 = 1%nat) by (unfold c1; rewrite ?(proj2 (Pos.eqb_eq _ _) E1); reflexivity).
           assert (LA' : In (fc' f) (colours D col fc')) by (unfold cA in LA; rewrite ?(proj2 (Pos.eqb_eq _ _) E1) in LA; exact LA).
           destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y3)) as [E2|E2].
           ++ assert (Hc2v : c2 = 1%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_eq _ _) E2); reflexivity).
              assert (E2' : x2 = y3).
              { destruct (proj1 Hc2 E2) as [H|[H _]]; [exact H | contradiction]. }
              destruct (Nat.eq_dec n f) as [->|Hne]; [exact LA'|].
              replace n with (f + c1)%nat by (rewrite Hc1v, Hc2v in Hn; rewrite Hc1v; clear - Hn Hge Hne; lia).
              unfold cB in LB. rewrite (proj2 (Pos.eqb_eq _ _) E2') in LB. exact LB.
           ++ assert (Hc2v : c2 = 0%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_neq _ _) E2); reflexivity).
              replace n with f by (rewrite Hc1v, Hc2v in Hn; clear - Hn Hge; lia). exact LA'.
        -- assert (Hc1v : c1 = 0%nat) by (unfold c1; rewrite ?(proj2 (Pos.eqb_neq _ _) E1); reflexivity).
           destruct (Pos.eqb_spec (join_map x3 y2 x2) (join_map x3 y2 y3)) as [E2|E2].
           2:{ assert (Hc2v : c2 = 0%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_neq _ _) E2); reflexivity).
               exfalso. rewrite Hc1v, Hc2v in Hn. clear - Hn Hge; lia. }
           assert (Hc2v : c2 = 1%nat) by (unfold c2; rewrite ?(proj2 (Pos.eqb_eq _ _) E2); reflexivity).
           replace n with f by (rewrite Hc1v, Hc2v in Hn; clear - Hn Hge; lia).
           destruct (proj1 Hc2 E2) as [H|H].
           ++ unfold cB in LB. rewrite (proj2 (Pos.eqb_eq _ _) H) in LB. rewrite Hc1v, Nat.add_0_r in LB. exact LB.
           ++ unfold cA in LA. apply mclb_spec in H. rewrite H, orb_true_r in LA. exact LA.
Qed.

(** ** Every specification step keeps the number of components *)

Lemma covers_both_trans : forall D D' D'', Covers D D' /\ Covers D' D -> Covers D' D'' /\ Covers D'' D' ->
  Covers D D'' /\ Covers D'' D.
Proof. intros D D' D'' [A B] [C E]. split; eapply covers_trans; eauto. Qed.

Lemma covers_both_perm : forall xs ys f, Permutation xs ys -> Covers (mk_pd xs f) (mk_pd ys f) /\ Covers (mk_pd ys f) (mk_pd xs f).
Proof. intros xs ys f H. split; apply covers_perm; [exact H | now symmetry]. Qed.

Lemma spec_r1_covers : forall D D', SpecR1 D D' -> Covers D D' /\ Covers D' D.
Proof.
  intros D D' [k [l [i [o [E [Hk [W [Hp Hiso]]]]]]]]. rewrite (pd_eta D).
  apply covers_both_trans with (mk_pd (rot k l l i o :: E) (free D)); [now apply covers_both_perm|].
  apply covers_both_trans with (join i o (mk_pd E (free D))); [apply r1_covers; [exact Hk | exact (WL_perm _ _ Hp W)]|].
  now apply covers_iso.
Qed.

Lemma spec_r2_covers : forall D D', SpecR2 D D' -> Covers D D' /\ Covers D' D.
Proof.
  intros D D' [k [m [e [g [x2 [x3 [y2 [y3 [E [Hk [Hm [Hs [W [Hp Hiso]]]]]]]]]]]]]]. rewrite (pd_eta D).
  apply covers_both_trans with (mk_pd (rot k g e x2 x3 :: rot m e g y2 y3 :: E) (free D)); [now apply covers_both_perm|].
  apply covers_both_trans with (join2 x3 y2 x2 y3 (mk_pd E (free D)));
    [apply r2_covers; [exact Hk | exact Hm | exact (WL_perm _ _ Hp W)]|].
  now apply covers_iso.
Qed.

Lemma spec_r3_covers : forall D D', SpecR3 D D' -> Covers D D' /\ Covers D' D.
Proof.
  intros D D' [k1 [k2 [k3 [l1 [l2 [l3 [x2 [x3 [y2 [y3 [z2 [z3 [E [H1 [H2 [H3 [Hs [W [Hp [Hp' Hf]]]]]]]]]]]]]]]]]]]].
  rewrite (pd_eta D), (pd_eta D'), Hf.
  apply covers_both_trans with (mk_pd (rot k1 l3 l1 x2 x3 :: rot k2 l1 l2 y2 y3 :: rot k3 l2 l3 z2 z3 :: E) (free D));
    [now apply covers_both_perm|].
  apply covers_both_trans with (mk_pd (rot k1 z3 y2 l3 l1 :: rot k2 x3 z2 l1 l2 :: rot k3 y3 x2 l2 l3 :: E) (free D));
    [now apply r3_covers|].
  apply covers_both_perm. now symmetry.
Qed.

Lemma spec_step_covers : forall D D', SpecStep D D' -> Covers D D' /\ Covers D' D.
Proof.
  intros D D' H. destruct H as [D D' H|D D' H|D D' H|D D' H|D D' H|D D' H|D D' H].
  - now apply spec_r1_covers.
  - apply and_comm. now apply spec_r1_covers.
  - now apply spec_r2_covers.
  - apply and_comm. now apply spec_r2_covers.
  - now apply spec_r3_covers.
  - apply and_comm. now apply spec_r3_covers.
  - now apply covers_iso.
Qed.

(** Reidemeister moves and relabelling keep the number of components. *)
Theorem spec_step_components : forall D D' k, SpecStep D D' -> (Components D k <-> Components D' k).
Proof.
  intros D D' k H. destruct (spec_step_covers D D' H) as [A B].
  split; apply covers_components; assumption.
Qed.

Theorem spec_equiv_components : forall D D' k, SpecEquiv D D' -> (Components D k <-> Components D' k).
Proof.
  intros D D' k H. induction H as [D|D D' D'' Hs H IH]; [reflexivity|].
  rewrite (spec_step_components D D' k Hs). exact IH.
Qed.

(** The number of components is well defined. *)
Lemma components_unique : forall D k k', Components D k -> Components D k' -> k = k'.
Proof.
  intros D k k' [[c [f [S E]]] M] [[c' [f' [S' E']]] M'].
  apply Nat.le_antisymm; [rewrite <- E; now apply M' | rewrite <- E'; now apply M].
Qed.

(** ** The diagrams with known component counts *)

Lemma nodup_length_seq : forall n, length (nodup Z.eq_dec (map Z.of_nat (seq 0 n))) = n.
Proof.
  intros n. rewrite nodup_fixed_point; [now rewrite map_length, seq_length|].
  apply FinFun.Injective_map_NoDup; [intros a b H; now apply Nat2Z.inj | apply seq_NoDup].
Qed.

(** [n] crossing-free circles have [n] components. *)
Theorem components_pd_trivial : forall n, Components (pd_trivial n) n.
Proof.
  intros n. split.
  - exists (fun _ => 0%Z), Z.of_nat. split; [intros x []|]. unfold ncolours, colours. simpl.
    apply nodup_length_seq.
  - intros col fc _. unfold ncolours, colours. simpl.
    apply Nat.le_trans with (length (map fc (seq 0 n))); [apply NoDup_incl_length; [apply NoDup_nodup|]|].
    + intros z Hz. now apply nodup_In in Hz.
    + now rewrite map_length, seq_length.
Qed.

Lemma nodup_single : forall (L : list Z) v, In v L -> (forall w, In w L -> w = v) -> length (nodup Z.eq_dec L) = 1%nat.
Proof.
  intros L v Hv H. apply Nat.le_antisymm.
  - change 1%nat with (length [v]). apply NoDup_incl_length; [apply NoDup_nodup|].
    intros z Hz. apply nodup_In in Hz. left. symmetry. now apply H.
  - destruct (nodup Z.eq_dec L) eqn:Ed; [|simpl; lia]. apply (nodup_In Z.eq_dec) in Hv. now rewrite Ed in Hv.
Qed.

Lemma scol_upairs : forall col x a b, scol col x -> In (a, b) (upairs x) -> col a = col b.
Proof.
  intros col [[[a' b'] c'] d'] a b [H1 H2] Hin. simpl in Hin.
  destruct Hin as [E | [E | []]]; injection E as <- <-; assumption.
Qed.

(** A diagram whose edges all lie on one strand (the check [strands_connected], run by [vm_compute]
    in every exported ribbon certificate) has exactly one component. *)
Theorem strands_connected_components : forall D, strands_connected D = true -> Components D 1.
Proof.
  intros [xs f] H. unfold strands_connected in H. cbn [crossings free] in H.
  destruct (labels xs) as [|l0 rest] eqn:El.
  - apply Nat.eqb_eq in H. subst f. split.
    + exists (fun _ => 0%Z), (fun _ => 0%Z). split; [intros [[[a b] c] d] _; simpl; split; reflexivity|].
      unfold ncolours, colours. cbn [crossings free]. rewrite El. reflexivity.
    + intros col fc _. unfold ncolours, colours. cbn [crossings free]. rewrite El. simpl. lia.
  - apply andb_true_iff in H as [Hf Hall]. apply Nat.eqb_eq in Hf. subst f.
    assert (Heq : forall col, StrandCol xs col -> forall l, In l (labels xs) -> col l = col l0).
    { intros col S l Hl. rewrite El in Hl.
      apply (Eqv_col col (flat_map upairs xs)).
      - intros a b Hab. apply in_flat_map in Hab as [x [Hx Hab]]. exact (scol_upairs col x a b (S x Hx) Hab).
      - destruct Hl as [<- | Hl]; [apply eqv_refl|].
        rewrite forallb_forall in Hall. apply (reach_eqv _ l0 (length (flat_map upairs xs)) (pset l0 tt PLeaf)).
        + intros z Hz. rewrite pmem_pset in Hz. unfold pmem in Hz. rewrite pget_leaf, orb_false_r in Hz.
          apply Pos.eqb_eq in Hz. subst z. apply eqv_refl.
        + now apply Hall. }
    assert (One : forall col fc, StrandCol xs col -> ncolours (mk_pd xs 0) col fc = 1%nat).
    { intros col fc S. unfold ncolours, colours. cbn [crossings free]. rewrite app_nil_r.
      apply nodup_single with (col l0); [apply in_map; rewrite El; now left|].
      intros w Hw. apply in_map_iff in Hw as [l [<- Hl]]. now apply Heq. }
    split.
    + exists (fun _ => 0%Z), (fun _ => 0%Z). assert (S : StrandCol xs (fun _ => 0%Z)) by (intros [[[a b] c] d] _; simpl; split; reflexivity).
      split; [exact S | now apply One].
    + intros col fc S. rewrite One by exact S. lia.
Qed.

(** ** What accepted certificates prove about components *)

(** The input of an accepted unknot or unlink certificate has exactly as many components as the
    claim: the certificate's chain of Reidemeister moves ([pd_spec_unlink]) ends at [claim]
    crossing-free circles, and every move keeps the number of components. *)
Theorem pd_unlink_components : forall c, check_pd c = true -> pd_kind c <> Ribbon ->
  Components (pd_input c) (pd_claim c).
Proof.
  intros c H Hk. apply (spec_equiv_components _ _ _ (pd_spec_unlink c H Hk)). apply components_pd_trivial.
Qed.

(** Non-vacuity: no accepted certificate claims the unknot for a diagram of two components, or an
    [n]-component unlink for a diagram with another number of components. *)
Corollary pd_unlink_components_claim : forall c k, check_pd c = true -> pd_kind c <> Ribbon ->
  Components (pd_input c) k -> pd_claim c = k.
Proof. intros c k H Hk Hc. exact (components_unique _ _ _ (pd_unlink_components c H Hk) Hc). Qed.

(** ** Non-vacuity: the Hopf link has two components, so no certificate unknots it *)

(** The Hopf link (Knot Atlas L2a1): under-strands [4 -> 3] and [2 -> 1]; components [{1, 2}], [{3, 4}]. *)
Definition hopf : pd_state := mk_pd [(4, 1, 3, 2); (2, 3, 1, 4)]%positive 0.

Example hopf_two_components : Components hopf 2.
Proof.
  split.
  - exists (fun z => if Pos.leb z 2 then 0%Z else 1%Z), (fun _ => 0%Z). split; [|vm_compute; reflexivity].
    intros x [<-|[<-|[]]]; simpl; split; reflexivity.
  - intros col fc S.
    destruct (S (4, 1, 3, 2)%positive (or_introl eq_refl)) as [A B].
    destruct (S (2, 3, 1, 4)%positive (or_intror (or_introl eq_refl))) as [C _].
    apply Nat.le_trans with (length (nodup Z.eq_dec [col 1%positive; col 3%positive])).
    + apply nodup_incl_length. unfold colours. cbn [crossings free labels flat_map xlabels seq map app].
      intros v Hv. simpl in Hv |- *. rewrite A, <- B in Hv. intuition.
    + apply Nat.le_trans with (length [col 1%positive; col 3%positive]); [|apply Nat.le_refl].
      apply NoDup_incl_length; [apply NoDup_nodup | intros z Hz; now apply nodup_In in Hz].
Qed.

Corollary no_unknot_certificate_for_hopf : forall c, pd_input c = hopf -> pd_kind c = Unknot -> check_pd c = false.
Proof.
  intros c Hi Hk. destruct (check_pd c) eqn:H; [|reflexivity]. exfalso.
  pose proof (pd_spec_unknot c H Hk) as E. rewrite Hi in E.
  pose proof (proj2 (spec_equiv_components _ _ 1 E) (components_pd_trivial 1)) as C1.
  pose proof (components_unique _ _ _ C1 hopf_two_components). discriminate.
Qed.
