"""The Coq/Lean name correspondence of the plumbing specification (issue 17, deliverables 3 and 7).

``coq/theories/PlumbingSpec.v`` is mirrored by ``lean/KnotCert/PlumbingSpec.lean`` (namespace
``KnotCert.PlumbingSpec``). Every *definition* of the Coq file (the declarative graph vocabulary, Neumann's
moves as pictures, the calculus, the determinant of the plumbing matrix, the examples' graphs) has a Lean
``def``, ``structure`` or ``inductive`` of the same name, and every inductive constructor keeps its Coq
spelling. Of the Coq *proofs*, Part 3 (every Neumann step preserves ``|det Q|``: ``neumann_step_det``,
``neumann_equiv_det`` and everything they use) is ported to Lean with the Coq names, and so are part of Part 2
(reflection lemmas, the graph operations read through ``Wt``/``Vx``/``Edge``, ``valid_forest_WForest``, five
refinement lemmas, list steps) and the appendix (``Acyclic_iff_no_cycle``); the Lean-only helpers (namespace
``KnotCert.PlumbingSpec.Aux``) are :data:`PLUMBINGSPEC_AUX_LEMMAS` and :data:`PLUMBINGSPEC_AUX_STEPS`. The rest
(the other refinement and forest-preservation proofs, ``iso_ok_Iso``, ``run_plumb_spec``, the examples) is not
ported yet: those Coq names are in :data:`PLUMBINGSPEC_COQ_ONLY` with that reason, and the statements of the
remaining main theorems are recorded on the Lean side as propositions (``*_statement``, in
:data:`PLUMBINGSPEC_LEAN_ONLY`).

The Lean file has not been compiled (see its module docstring). This table is kept in its own module so that
``pybridge/export/lean.py`` can add a ``SpecMirror`` for it (``PLUMBINGSPEC_FILES``,
``PLUMBINGSPEC_NAME_TABLE``, ``PLUMBINGSPEC_CONSTRUCTORS``, ``PLUMBINGSPEC_COQ_ONLY``,
``PLUMBINGSPEC_LEAN_ONLY``) when the mirror is wired into ``lean/KnotCert.lean``.
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
PLUMBINGSPEC_FILES: dict[str, tuple[str, ...]] = {"PlumbingSpec.v": ("PlumbingSpec.lean",)}

#: (Coq declaration in ``coq/theories/PlumbingSpec.v``, Lean declaration in
#: ``lean/KnotCert/PlumbingSpec.lean``, what it is)
PLUMBINGSPEC_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    # graphs, declaratively
    ("Wt", "Wt", "`v` is a vertex of weight `w` (an entry of the vertex list)"),
    ("Vx", "Vx", "`v` is a vertex"),
    ("Edge", "Edge", "`u` and `v` are joined (either orientation of the edge list)"),
    ("WGraph", "WGraph", "simple weighted graph: distinct ids, edges between distinct vertices, each listed once"),
    ("Core", "Core", "a vertex set in which every member has two distinct neighbours inside it"),
    ("Acyclic", "Acyclic", "the only `Core` is empty (no cycle)"),
    ("WForest", "WForest", "a simple weighted forest (`WGraph` and `Acyclic`)"),
    ("Unit", "Unit", "`e = 1` or `e = -1`"),
    ("Iso", "Iso", "a bijection of vertex ids keeping weights and edges (both ways)"),
    # Neumann's moves (blow-down direction) and the calculus
    ("R1Point", "R1Point", "Neumann R1, degree 0: an isolated ±1 vertex is deleted"),
    ("R1Leaf", "R1Leaf", "Neumann R1, degree 1: a ±1 leaf at `v` is deleted, `e_v` becomes `e_v − ε`"),
    ("R1Edge", "R1Edge", "Neumann R1, degree 2: a ±1 vertex between `u`, `v` is replaced by the edge `u — v`, "
                         "`e_u − ε`, `e_v − ε`"),
    ("R3Absorb", "R3Absorb", "Neumann R3: a 0-vertex between `u`, `v` is absorbed, `u` gets `e_u + e_v` and "
                             "`v`'s other neighbours"),
    ("Shrink", "Shrink", "one of the four moves, in the shrinking direction"),
    ("NeumannStep", "NeumannStep", "a move in either direction, or an isomorphism, between simple forests"),
    ("NeumannEquiv", "NeumannEquiv", "reflexive-transitive closure of `NeumannStep`"),
    ("Edge_sym", "Edge_sym", "edges are unordered"),
    ("neumann_step_forest", "neumann_step_forest", "the target of a step is a simple forest"),
    ("neumann_equiv_trans", "neumann_equiv_trans", "`NeumannEquiv` is transitive"),
    ("SimpleL", "SimpleL", "an edge list without repeats in either orientation"),
    ("nrm", "nrm", "an edge with its smaller end first"),
    # the determinant of the plumbing matrix
    ("sumZ", "sumZ", "sum of a list of integers"),
    ("rmv", "rmv", "delete a vertex (by id) from a weighted vertex list"),
    ("Dn", "Dn", "det Q by expansion along the first vertex, with fuel"),
    ("Dl", "Dl", "det Q of a weighted vertex list under an adjacency relation"),
    ("edgeb", "edgeb", "adjacency of a graph as a Bool relation"),
    ("detQ", "detQ", "det of the plumbing matrix (weights on the diagonal, 1 per edge)"),
    ("Dl_nil", "Dl_nil", "det Q of the empty graph is 1"),
    # examples
    ("e8", "e8", "the negative E8 plumbing tree"),
    ("a1", "a1", "one vertex of weight −2"),
    ("neumann_chain_cert", "neumann_chain_cert", "a small accepted certificate: `(-1) — (-2)` to the empty graph"),
    # Acyclic means "no cycle"
    ("Path", "Path", "consecutive vertices of a list are joined"),
    ("Cycle", "Cycle", "at least three distinct vertices joined in a closed path"),
    ("pick", "pick", "the first neighbour of `x` in a list other than `p`"),
    ("walk", "walk", "a walk of `n` steps inside a vertex list, never going straight back"),
    ("NB", "NB", "no immediate return along a list of vertices"),
    # proofs ported to Lean: reflection lemmas, sums, the expansion, |det Q| invariance
    ("in_ids", "in_ids", "`(x, w)` in a vertex list puts `x` among its ids"),
    ("mem_In", "mem_In", "the checker's `mem` is list membership"),
    ("has_vertex_Vx", "has_vertex_Vx", "the checker's `has_vertex` is `Vx`"),
    ("Vx_Wt", "Vx_Wt", "a vertex has a weight"),
    ("Wt_Vx", "Wt_Vx", "a weighted vertex is a vertex"),
    ("weight_in_In", "weight_in_In", "`weight_in` finds the weight of a listed vertex"),
    ("weight_in_eq", "weight_in_eq", "on distinct ids, `weight_in` returns the listed weight"),
    ("weight_of_Wt", "weight_of_Wt", "`weight_of` is a weight of the vertex"),
    ("Wt_weight_of", "Wt_weight_of", "on distinct ids, a weight is `weight_of`"),
    ("Wt_fun", "Wt_fun", "on distinct ids, a vertex has one weight"),
    ("Edge_ends", "Edge_ends", "an edge of a simple graph joins two different vertices"),
    ("NoDup_map_on", "NoDup_map_on", "a map injective on a duplicate-free list keeps it duplicate-free"),
    ("edgeb_Edge", "edgeb_Edge", "`edgeb` decides `Edge`"),
    ("edgeb_sym", "edgeb_sym", "`edgeb` is symmetric"),
    ("edgeb_iff", "edgeb_iff", "graphs with the same edge at `x, y` have the same `edgeb`"),
    ("sumZ_app", "sumZ_app", "sum of a concatenation"),
    ("sumZ_perm", "sumZ_perm", "sums are invariant under permutation"),
    ("sumZ_ext", "sumZ_ext", "sums of pointwise equal summands are equal"),
    ("sumZ_add", "sumZ_add", "sum of a pointwise sum"),
    ("sumZ_sub", "sumZ_sub", "sum of a pointwise difference"),
    ("sumZ_scale", "sumZ_scale", "sum of a scaled summand"),
    ("sumZ_zero", "sumZ_zero", "sum of zeros"),
    ("sumZ_filter", "sumZ_filter", "sum over a filtered list"),
    ("sumZ_swap", "sumZ_swap", "exchange of a double sum"),
    ("rmv_cons_ne", "rmv_cons_ne", "`rmv` keeps a head of another id"),
    ("rmv_notin", "rmv_notin", "`rmv` of an absent id is the identity"),
    ("rmv_head", "rmv_head", "`rmv` of the head's id (absent from the tail) is the tail"),
    ("rmv_length", "rmv_length", "`rmv` does not lengthen a list"),
    ("In_rmv", "In_rmv", "membership in `rmv y l`"),
    ("In_K", "In_K", "membership in `rmv y l`, for a pair"),
    ("ids_rmv", "ids_rmv", "the ids of `rmv y l` are ids of `l`"),
    ("ids_K", "ids_K", "an id of `rmv y l` is an id of `l` other than `y`"),
    ("NoDup_rmv", "NoDup_rmv", "`rmv` keeps ids distinct"),
    ("rmv_comm", "rmv_comm", "two `rmv` commute"),
    ("sumZ_rmv", "sumZ_rmv", "a sum over `rmv y l` is a sum over `l` with `y` zeroed"),
    ("Dn_fuel", "Dn_fuel", "the expansion does not depend on the fuel"),
    ("Dl_cons", "Dl_cons", "the expansion along the first vertex"),
    ("Dl_ext_adj", "Dl_ext_adj", "the expansion only reads the adjacency among the listed vertices"),
    ("Dl_shift", "Dl_shift", "the expansion is affine in the first weight"),
    ("sum_single", "sum_single", "a sum with one non-zero summand"),
    ("Dl_add_edge", "Dl_add_edge", "adding the edge `u — v` subtracts `Dl` of the list without `u`, `v`"),
    ("rmv_map", "rmv_map", "`rmv` commutes with an injective relabelling"),
    ("Dl_relabel", "Dl_relabel", "the expansion is invariant under relabelling the vertices"),
    ("Permutation_filter'", "Permutation_filter'", "`filter` keeps permutations"),
    ("Dl_swap", "Dl_swap", "the expansion is invariant under swapping the first two vertices"),
    ("Dl_perm", "Dl_perm", "the expansion is invariant under permuting the vertices (distinct ids, symmetric adjacency)"),
    ("perm_of_mem", "perm_of_mem", "lists with distinct ids and the same pairs are permutations"),
    ("detQ_perm", "detQ_perm", "`detQ` may be expanded in any order of the vertices"),
    ("det_R1Point", "det_R1Point", "R1 (degree 0) multiplies `det Q` by `±1`"),
    ("det_R1Leaf", "det_R1Leaf", "R1 (degree 1) multiplies `det Q` by `±1`"),
    ("det_R1Edge", "det_R1Edge", "R1 (degree 2) multiplies `det Q` by `±1`"),
    ("det_R3", "det_R3", "R3 changes the sign of `det Q`"),
    ("det_Iso", "det_Iso", "isomorphic graphs have the same `det Q`"),
    ("shrink_det", "shrink_det", "every move (shrinking direction) preserves `|det Q|`"),
    ("neumann_step_det", "neumann_step_det", "non-vacuity: every `NeumannStep` preserves `|det Q|`"),
    ("neumann_equiv_det", "neumann_equiv_det", "`NeumannEquiv` preserves `|det Q|`"),
    # proofs ported to Lean: the checker's graph operations read through Wt, Vx, Edge
    ("same_edge_spec", "same_edge_spec", "the checker's `same_edge u v e`: `e` is `(u, v)` or `(v, u)`"),
    ("adjacent_Edge", "adjacent_Edge", "the checker's `adjacent` is `Edge`"),
    ("nbrs_In", "nbrs_In", "the checker's `nbrs g v` lists the neighbours of `v`"),
    ("Wt_shift", "Wt_shift", "weights after `shift` (only `v` changes, by `d`)"),
    ("ids_shift", "ids_shift", "`shift` keeps the vertex ids"),
    ("Vx_shift", "Vx_shift", "`shift` keeps the vertices"),
    ("Edge_shift", "Edge_shift", "`shift` keeps the edges"),
    ("Wt_delete", "Wt_delete", "weights after `delete`"),
    ("Vx_delete", "Vx_delete", "vertices after `delete`"),
    ("Edge_delete", "Edge_delete", "edges after `delete` (those not touching the vertex)"),
    ("ids_delete", "ids_delete", "ids after `delete`"),
    ("nbrs_NoDup", "nbrs_NoDup", "in a simple graph, `nbrs` lists each neighbour once"),
    ("Wt_add_vertex", "Wt_add_vertex", "weights after `add_vertex`"),
    ("ids_add_vertex", "ids_add_vertex", "ids after `add_vertex`"),
    ("Vx_add_vertex", "Vx_add_vertex", "vertices after `add_vertex`"),
    ("Edge_add_vertex", "Edge_add_vertex", "`add_vertex` keeps the edges"),
    ("Edge_add_edges", "Edge_add_edges", "edges after `add_edges`"),
    ("Wt_add_edges", "Wt_add_edges", "`add_edges` keeps the weights"),
    ("Vx_add_edges", "Vx_add_edges", "`add_edges` keeps the vertices"),
    ("Edge_remove_edge", "Edge_remove_edge", "edges after `remove_edge`"),
    ("Wt_remove_edge", "Wt_remove_edge", "`remove_edge` keeps the weights"),
    ("Vx_remove_edge", "Vx_remove_edge", "`remove_edge` keeps the vertices"),
    ("fresh_gt", "fresh_gt", "`fresh g` exceeds every vertex id"),
    ("fresh_not_Vx", "fresh_not_Vx", "`fresh g` is not a vertex"),
    ("unit_sign_Unit", "unit_sign_Unit", "the checker's `unit_sign` is `Unit`"),
    ("unit_at_spec", "unit_at_spec", "the checker's `unit_at g p d`: a `±1` vertex of degree `d`"),
    ("two_le_length", "two_le_length", "a list with two different members has length at least 2"),
    ("NoDup_app'", "NoDup_app'", "concatenation of disjoint duplicate-free lists is duplicate-free"),
    # proofs ported to Lean: refinement of single moves
    ("refine_blowdown_point", "refine_blowdown_point", "refinement: the checker's `BlowdownPoint` step is an `R1Point` picture"),
    ("refine_blowup_point", "refine_blowup_point", "refinement: the checker's `BlowupPoint` step is an `R1Point` picture, read backwards"),
    ("refine_blowdown_leaf", "refine_blowdown_leaf", "refinement: the checker's `BlowdownLeaf` step is an `R1Leaf` picture"),
    ("refine_blowdown_edge", "refine_blowdown_edge", "refinement: the checker's `BlowdownEdge` step is an `R1Edge` picture"),
    # proofs ported to Lean: list steps of the forest-preservation, validity and isomorphism proofs
    ("sorted_insert_perm", "sorted_insert_perm", "`sorted_insert x l` is a permutation of `x :: l`"),
    ("sort_nat_perm", "sort_nat_perm", "`sort_nat l` is a permutation of `l`"),
    ("In_pair_l", "In_pair_l", "membership in `l.map (fun x => (u, x))`"),
    ("In_pair_r", "In_pair_r", "membership in `l.map (fun x => (x, p))`"),
    ("SimpleL_filter", "SimpleL_filter", "a sublist (filter) of a simple edge list is simple"),
    ("SimpleL_app", "SimpleL_app", "appending a simple edge list with no common edge keeps it simple"),
    ("wgraph_delete", "wgraph_delete", "`delete` keeps a simple graph simple"),
    ("wgraph_shift", "wgraph_shift", "`shift` keeps a simple graph simple"),
    ("wgraph_remove_edge", "wgraph_remove_edge", "`remove_edge` keeps a simple graph simple"),
    ("wgraph_fold_remove", "wgraph_fold_remove", "removing several edges keeps a simple graph simple"),
    ("wgraph_add_vertex", "wgraph_add_vertex", "adding a fresh vertex keeps a simple graph simple"),
    ("increasing_lt", "increasing_lt", "the head of an increasing list is below its other members"),
    ("increasing_NoDup", "increasing_NoDup", "an increasing list is duplicate-free"),
    ("nodup_nat_NoDup", "nodup_nat_NoDup", "the checker's `nodup_nat` implies `NoDup`"),
    ("image_In", "image_In", "the checker's `image` follows a listed pair (distinct first components)"),
    ("snd_inj", "snd_inj", "distinct second components: a pair is determined by its second component"),
    ("nrm_eq", "nrm_eq", "equal normalised edges are the same edge up to orientation"),
    ("nrm_swap", "nrm_swap", "normalising ignores the orientation"),
    # proofs ported to Lean: the checker's validity test implies the declarative one
    ("acyclic_triangle", "acyclic_triangle", "a forest has no triangle"),
    ("acyclic_square", "acyclic_square", "a forest has no 4-cycle through `z`, `u`, `y`, `v`"),
    ("edges_simple_spec", "edges_simple_spec", "the checker's `edges_simple` implies a simple edge list between existing vertices"),
    ("prune_step_core", "prune_step_core", "pruning the leaves keeps every `Core`"),
    ("prune_acyclic", "prune_acyclic", "the checker's `prune` succeeds only on acyclic graphs"),
    ("valid_forest_WForest", "valid_forest_WForest", "the checker's `valid_forest` implies `WForest`"),
    # proofs ported to Lean: appendix, first half (Acyclic excludes cycles)
    ("Path_app", "Path_app", "a path extended by an edge at its end is a path"),
    ("last_in", "last_in", "the last element of a nonempty list is a member"),
    ("Cycle_rotate", "Cycle_rotate", "a rotation of a cycle (head to the end) is a cycle"),
    ("Cycle_rotate_n", "Cycle_rotate_n", "every rotation of a cycle is a cycle"),
    ("Cycle_Core", "Cycle_Core", "the vertices of a cycle form a `Core`"),
    ("WForest_no_cycle", "WForest_no_cycle", "a `WForest` has no cycle"),
    ("pick_spec", "pick_spec", "`pick` returns a neighbour in the list, other than `p`"),
    ("pick_none", "pick_none", "when `pick` fails, `p` is the only neighbour in the list"),
    ("walk_head", "walk_head", "a walk starts at its start vertex"),
    ("walk_props", "walk_props", "in a `Core`, a walk of `n` steps never stops, stays inside, follows edges and never goes straight back"),
    ("Path_app_inv", "Path_app_inv", "both parts of a path are paths"),
    ("NB_tail", "NB_tail", "no immediate return is inherited by the tail"),
    ("NB_app_inv", "NB_app_inv", "no immediate return is inherited by both parts"),
    ("Path_last", "Path_last", "the last edge of a path extended by `y`"),
    ("NoDup_app_l", "NoDup_app_l", "a prefix of a duplicate-free list is duplicate-free"),
    ("dup_split", "dup_split", "a list with a repetition contains a stretch `x :: mid ++ [x]` with `x :: mid` duplicate-free"),
    ("no_cycle_Acyclic", "no_cycle_Acyclic", "a simple graph without cycles is `Acyclic`"),
    ("Acyclic_iff_no_cycle", "Acyclic_iff_no_cycle", "on a simple graph, `Acyclic` is exactly \"no cycle\""),
    ("wgraph_add_edges", "wgraph_add_edges", "adding new edges between existing, non-adjacent vertices keeps a graph simple"),
    ("refine_blowup_leaf", "refine_blowup_leaf", "refinement: the checker's `BlowupLeaf` step is an `R1Leaf` picture, read backwards"),
    ("Wt_fold_remove", "Wt_fold_remove", "removing several edges keeps the weights"),
    ("Vx_fold_remove", "Vx_fold_remove", "removing several edges keeps the vertices"),
    ("Edge_fold_remove", "Edge_fold_remove", "edges after removing the edges from `v` to a list of vertices"),
    ("acyclic_sub", "acyclic_sub", "a graph that embeds, away from `p` (of degree at most 1), into an acyclic one is acyclic"),
    ("acyclic_R1Point", "acyclic_R1Point", "R1 (degree 0), blow-down: keeps acyclicity"),
    ("acyclic_R1Point_rev", "acyclic_R1Point_rev", "R1 (degree 0), blow-up: keeps acyclicity"),
    ("acyclic_R1Leaf", "acyclic_R1Leaf", "R1 (degree 1), blow-down: keeps acyclicity"),
    ("acyclic_R1Leaf_rev", "acyclic_R1Leaf_rev", "R1 (degree 1), blow-up: keeps acyclicity"),
    ("core_nonempty", "core_nonempty", "in an acyclic graph, a list whose members witness a core is empty"),
)

#: (Coq constructor, Lean constructor): same spelling on both sides
PLUMBINGSPEC_CONSTRUCTORS: tuple[tuple[str, str], ...] = tuple((name, name) for name in (
    "shrink_point", "shrink_leaf", "shrink_edge", "shrink_absorb", "ne_refl", "ne_step",
))

_NOT_PORTED = ("proved in coq/theories/PlumbingSpec.v; the Lean proof is not ported (no Lean toolchain "
               "where it was written, and a theorem cannot be stated without a proof)")

#: the main theorems not yet ported: their statements are Lean propositions ``<name>_statement``
PLUMBINGSPEC_MAIN_THEOREMS: tuple[str, ...] = (
    "apply_pmove_refines", "check_plumbing_spec", "check_plumbing_det",
)

#: Coq helper lemmas of the refinement, forest-preservation and determinant proofs
PLUMBINGSPEC_COQ_LEMMAS: tuple[str, ...] = (
    "refine_blowup_edge", "refine_absorb", "refine_split", "wgraph_step", "acyclic_R1Edge",
    "acyclic_R1Edge_rev", "ex_nbr_dec", "acyclic_R3", "acyclic_R3_rev", "iso_ok_Iso", "shrink_acyclic",
    "grow_acyclic", "apply_pmove_refines_valid", "run_plumb_spec", "no_cert_e8_a1",
)

#: the ``Example``s of the Coq file (kernel computations by ``vm_compute`` on ``e8``, ``a1``, ``neumann_chain_cert``)
PLUMBINGSPEC_COQ_EXAMPLES: tuple[str, ...] = (
    "e8_valid", "e8_det", "a1_det", "chain_cert_ok", "chain_cert_spec", "chain_cert_det",
)

#: Coq-only names of PlumbingSpec.v, and why they have no Lean counterpart
PLUMBINGSPEC_COQ_ONLY: dict[str, str] = {
    **{name: _NOT_PORTED + f"; the statement is KnotCert.PlumbingSpec.{name}_statement"
       for name in PLUMBINGSPEC_MAIN_THEOREMS},
    **{name: _NOT_PORTED for name in PLUMBINGSPEC_COQ_LEMMAS},
    **{name: "Coq Example computed by vm_compute; not mirrored (the Lean file defines the graphs only)"
       for name in PLUMBINGSPEC_COQ_EXAMPLES},
}

#: Lean-only helper lemmas (namespace ``KnotCert.PlumbingSpec.Aux``): list, Bool and Int facts of Coq's standard
#: library (``in_map_iff``, ``filter_In``, ``Permutation`` lemmas, ``NoDup_Permutation``, ``lia`` steps) that the
#: pinned core Lean does not provide
PLUMBINGSPEC_AUX_LEMMAS: tuple[str, ...] = (
    "mem_head", "mem_tail", "mem_cons_inv", "not_mem_nil", "mem_app_or", "nodup_cons_inv", "bool_cases",
    "not_true_of_false", "bool_false_of_not", "or_true_r", "or_false_r", "or_true_cases", "orb_true_of_l",
    "orb_true_of_r", "beq_of_eq", "beq_of_ne", "beq_refl", "beq_comm", "not_beq_of_eq", "not_beq_of_ne",
    "ne_of_not_beq", "filter_cons_true", "filter_cons_false", "mem_filter_inv", "mem_filter_intro",
    "length_filter_le", "mem_map_intro", "mem_map_inv", "ids_inv", "map_map", "nodup_of_map", "mem_split",
    "perm_refl", "perm_sym", "perm_length", "perm_mem", "perm_nodup", "perm_map", "perm_nil_gen", "perm_middle",
    "perm_of_same", "mul_sub'", "sub_mul'", "mul_add'", "mul_left_comm'", "mul_zero'", "any_true", "any_intro",
    "rmv_cons_eq", "bool_eq_of_iff", "natAbs_unit_mul", "natAbs_neg'", "mem_app_l", "mem_app_r", "map_append",
    "map_fst_map", "not_touches", "le_nat_max", "not_same_edge", "nodup_filter",
    "false_of_not_true", "app_nil", "app_assoc'", "length_append_single", "getLastD_append_single",
    "nodup_nat_of_NoDup", "erase1", "erase1_length", "mem_erase1", "nodup_incl_length",
)

#: Lean-only steps of the longer proofs (the Coq proofs do them inline with ``assert``, ``set`` and ``lia``)
PLUMBINGSPEC_AUX_STEPS: tuple[str, ...] = (
    "S1", "Dbl", "ite_sum", "ite3", "dbl_in", "dbl_symm", "dl_swap_gen", "ite_add3", "det_edge_core",
    "det_r3_core",
)

#: Lean declarations of PlumbingSpec.lean with no Coq counterpart of the same name, and why
PLUMBINGSPEC_LEAN_ONLY: dict[str, str] = {
    "NoDupL": "Coq standard library NoDup (core Lean only)",
    "PermL": "Coq standard library Permutation (core Lean only; all constructor arguments explicit)",
    **{name: "helper lemma for a Coq standard-library fact the pinned core Lean lacks (namespace "
             "KnotCert.PlumbingSpec.Aux)"
       for name in PLUMBINGSPEC_AUX_LEMMAS},
    **{name: "proof-internal abbreviation or step of the Lean proofs of Dl_swap, det_R1Edge, det_R3 (namespace "
             "KnotCert.PlumbingSpec.Aux)"
       for name in PLUMBINGSPEC_AUX_STEPS},
    **{f"{name}_statement": f"the statement of the Coq theorem {name}, as a Prop (not proved in Lean)"
       for name in PLUMBINGSPEC_MAIN_THEOREMS},
}
