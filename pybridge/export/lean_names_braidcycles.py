"""The Coq/Lean name correspondence of the braid-permutation theory (issue 17, deliverable 7).

``coq/theories/BraidCycles.v`` is mirrored by ``lean/KnotCert/BraidCycles.lean`` name for name: every
Definition, Fixpoint, Inductive, Lemma/Theorem/Corollary and Example of the Coq file (the lemmas of
``Section Cycles`` included) has a Lean ``def`` or ``theorem`` of the same name (namespace
``KnotCert``). The Coq ``Example``s become named Lean ``theorem``s (a Lean ``example`` has no name).
The variables and hypotheses of the Coq ``Section Cycles`` (``n``, ``π``, ``π_lt``, ``π_inj``, ``P``,
``P_length``, ``P_nth``) are explicit arguments of the Lean theorems, each taking those that its Coq
counterpart takes after ``End Cycles``. Coq's ``Nat.iter m π a`` is the Lean helper ``iter m π a``
(same argument order), not core's ``Nat.repeat``. The Coq file's Ltac tactic
``transposition_cases`` is not a declaration (:data:`BRAIDCYCLES_COQ_TACTICS`); the Lean proofs use
helper lemmas instead, all in the namespace ``KnotCert.BraidCycles`` (:data:`BRAIDCYCLES_LEAN_ONLY`).
The Coq file declares no inductive type, so there are no constructors to pair; the one Lean-only
inductive, ``NoDup`` (Coq's standard-library ``NoDup``), is listed in :data:`BRAIDCYCLES_LEAN_ONLY`.

The Lean file has not been compiled (no Lean toolchain where it was written); see its module
docstring. This table is kept in its own module so that ``pybridge/export/lean.py`` can merge it
into ``NAME_TABLE`` / ``COQ_ONLY`` / ``LEAN_ONLY`` when the mirror is wired into ``MIRRORED_FILES``
and ``lean/KnotCert.lean``. Note for that merge: ``tests/test_lean.py::test_kinds_correspond`` maps
Coq kinds to Lean kinds and has no entry for ``Example`` yet (it should map to ``{"theorem"}``).
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
BRAIDCYCLES_FILES: dict[str, tuple[str, ...]] = {"BraidCycles.v": ("BraidCycles.lean",)}

_SEC = " (Section Cycles; Coq section variables are explicit Lean arguments: {})"

#: (Coq declaration in ``coq/theories/BraidCycles.v``, Lean declaration in
#: ``lean/KnotCert/BraidCycles.lean``, what it is)
BRAIDCYCLES_NAME_TABLE: tuple[tuple[str, str, str], ...] = (
    # the specification
    ("transposition", "transposition", "the permutation of Nat exchanging `i` and `i + 1`"),
    ("letter_position", "letter_position", "positions exchanged by letter `g`: `|g| - 1` and `|g|` (0-based)"),
    ("strand_perm", "strand_perm", "permutation of a word: product (composition) of its letters' transpositions"),
    ("SameCycle", "SameCycle", "`b = π^m(a)` for some `m` (Lean: `iter m π a = b`)"),
    ("CycleCount", "CycleCount", "`π` on `{0..n-1}` has `k` cycles: `k` distinct representatives, one per cycle"),
    # transpositions and the permutation of a word
    ("transposition_involutive", "transposition_involutive", "`τ_i (τ_i j) = j`"),
    ("transposition_inj", "transposition_inj", "`τ_i` is injective"),
    ("transposition_lt", "transposition_lt", "`τ_i` maps `{0..n-1}` into itself when `i + 1 < n`"),
    ("transposition_S", "transposition_S", "`τ_(i+1) (j+1) = τ_i j + 1`"),
    ("strand_perm_inj", "strand_perm_inj", "the permutation of a word is injective"),
    ("letter_position_lt", "letter_position_lt", "a letter of `B_n` exchanges two positions below `n`"),
    ("strand_perm_lt", "strand_perm_lt", "the permutation of a word of `B_n` maps `{0..n-1}` into itself"),
    # braid_perm is the table of strand_perm
    ("swap_at_length", "swap_at_length", "`swap_at` keeps the length"),
    ("nth_swap_at", "nth_swap_at", "entry `j` of `swap_at i p` is entry `τ_i j` of `p`"),
    ("fold_swap_length", "fold_swap_length", "swapping along a word keeps the length"),
    ("fold_swap_nth", "fold_swap_nth", "entry `j` after swapping along `w` is entry `strand_perm w j`"),
    ("braid_perm_swaps", "braid_perm_swaps", "the checker's `braid_perm` swaps exactly the letters' positions (by computation)"),
    ("braid_perm_length", "braid_perm_length", "`braid_perm n w` has length `n`"),
    ("braid_perm_nth", "braid_perm_nth", "`braid_perm n w` is the table of `strand_perm w` on a braid"),
    # cycles of a table, mark_cycle, count_cycles
    ("iter_add", "iter_add", "`π^(a+b) x = π^a (π^b x)`"),
    ("NoDup_map_seq", "NoDup_map_seq", "an injective map on `[a, a+k)` gives a duplicate-free list"),
    ("nth_repeat_lt", "nth_repeat_lt", "entry `k < m` of `repeat a m` (Lean: `List.replicate m a`) is `a`"),
    ("set_seen_length", "set_seen_length", "`set_seen` keeps the length"),
    ("nth_set_seen", "nth_set_seen", "entry `k` of `set_seen j seen`"),
    ("iter_lt", "iter_lt", "iterates stay below `n`" + _SEC.format("n, π, π_lt")),
    ("iter_inj", "iter_inj", "iterates of an injection are injective" + _SEC.format("π, π_inj")),
    ("period", "period", "pigeonhole: the orbit of `j < n` returns to `j` within `n` steps" + _SEC.format("n, π, π_lt, π_inj")),
    ("iter_period_mult", "iter_period_mult", "`π^L j = j` gives `π^(qL) j = j`" + _SEC.format("π")),
    ("iter_period_mod", "iter_period_mod", "`π^L j = j` gives `π^m j = π^(m mod L) j`" + _SEC.format("π")),
    ("same_cycle_sym", "same_cycle_sym", "`SameCycle` is symmetric on `{0..n-1}`" + _SEC.format("n, π, π_lt, π_inj")),
    ("closed", "closed", "a `seen` list is a union of cycles" + _SEC.format("n, π")),
    ("closed_iter", "closed_iter", "a closed `seen` list contains the orbits of its points" + _SEC.format("n, π, π_lt")),
    ("closed_same_cycle", "closed_same_cycle", "a closed `seen` list misses the whole cycle of an unseen point" + _SEC.format("n, π, π_lt, π_inj")),
    ("orbit_prefix", "orbit_prefix", "the first `T >= d` orbit points of a `d`-periodic point are its cycle" + _SEC.format("π")),
    ("mark_cycle_spec_gen", "mark_cycle_spec_gen", "`mark_cycle` invariant: marks exactly the cycle (general fuel/start)" + _SEC.format("n, π, π_lt, π_inj, P, P_nth")),
    ("mark_cycle_spec", "mark_cycle_spec", "`mark_cycle` on an unseen point marks exactly its cycle" + _SEC.format("n, π, π_lt, π_inj, P, P_length, P_nth")),
    ("count_cycles_spec", "count_cycles_spec", "`count_cycles` invariant: a list of cycle representatives" + _SEC.format("n, π, π_lt, π_inj, P, P_length, P_nth")),
    ("count_cycles_correct", "count_cycles_correct", "`count_cycles` from scratch counts the cycles of `π`" + _SEC.format("n, π, π_lt, π_inj, P, P_length, P_nth")),
    # the theorem
    ("components_cycle_count", "components_cycle_count", "`components (mk_state n w)` is the number of cycles of `strand_perm w`"),
    ("components_spec", "components_spec", "for every braid, `components` is the number of cycles of its permutation"),
    # non-vacuity: a Markov invariant
    ("length_le_matching", "length_le_matching", "a matching from a duplicate-free list into another bounds its length (stated before the Section in Lean)"),
    ("same_cycle_refl", "same_cycle_refl", "`SameCycle π a a`"),
    ("same_cycle_trans", "same_cycle_trans", "`SameCycle` is transitive"),
    ("same_cycle_step", "same_cycle_step", "`SameCycle π a (π a)`"),
    ("cycle_count_unique", "cycle_count_unique", "the number of cycles of a permutation is well defined"),
    ("iter_ext", "iter_ext", "pointwise equal maps have equal iterates"),
    ("cycle_count_ext", "cycle_count_ext", "`CycleCount` depends only on the values of `π`"),
    ("cycle_count_conj", "cycle_count_conj", "conjugation `σ ∘ π ∘ σ⁻¹` keeps the number of cycles"),
    ("cycle_count_stabilize", "cycle_count_stabilize", "`π` on `n` points and `π ∘ τ_(n-1)` on `n+1` points have as many cycles"),
    ("strand_perm_app", "strand_perm_app", "`strand_perm (u ++ v) = strand_perm u ∘ strand_perm v`"),
    ("letter_position_opp", "letter_position_opp", "`σ_i` and `σ_i⁻¹` exchange the same positions"),
    ("strand_perm_inv_l", "strand_perm_inv_l", "the inverse word gives the inverse permutation (left)"),
    ("strand_perm_inv_r", "strand_perm_inv_r", "the inverse word gives the inverse permutation (right)"),
    ("transposition_far", "transposition_far", "far transpositions commute"),
    ("transposition_braid", "transposition_braid", "neighbouring transpositions satisfy the braid relation"),
    ("strand_perm_artin", "strand_perm_artin", "Artin's relations hold for the permutations"),
    ("strand_perm_braid_eq", "strand_perm_braid_eq", "equal braids of `B_n` have equal permutations"),
    ("artin_word_on", "artin_word_on", "both sides of a relation of `B_n` are words of `B_n`"),
    ("braid_eq_word_on", "braid_eq_word_on", "equality in `B_n` preserves being a word of `B_n`"),
    ("markov_step_is_braid", "markov_step_is_braid", "a Markov move preserves `is_braid`, both ways"),
    ("markov_equiv_is_braid", "markov_equiv_is_braid", "Markov equivalence preserves `is_braid`, both ways"),
    ("letter_position_stabilize", "letter_position_stabilize", "the stabilising letter `±n` exchanges `n - 1` and `n`"),
    ("strand_perm_fix", "strand_perm_fix", "a word of `B_n` fixes the point `n`"),
    ("markov_step_components", "markov_step_components", "one Markov move keeps `components`"),
    ("markov_equiv_components", "markov_equiv_components", "Markov-equivalent braids have equal `components`"),
    ("markov_equiv_cycle_count", "markov_equiv_cycle_count", "Markov-equivalent braids have equally many permutation cycles"),
    ("components_trivial", "components_trivial", "`components (trivial k) = k`"),
    ("check_unlink_components", "check_unlink_components", "accepted unknot/unlink certificate: `components input = claim`"),
    ("check_unknot_components", "check_unknot_components", "accepted unknot certificate: `components input = 1`"),
    ("check_spec_cycles", "check_spec_cycles", "accepted certificate: input permutation has `claim` cycles (1 for ribbon)"),
    # examples, computed (Coq Example; Lean theorem, so that they have names)
    ("components_trefoil", "components_trefoil", "`σ_1³` closes to a knot (computed; Coq Example, Lean theorem)"),
    ("components_hopf", "components_hopf", "`σ_1²` closes to two components (computed; Coq Example, Lean theorem)"),
    ("components_figure_eight", "components_figure_eight", "`σ_1 σ_2⁻¹ σ_1 σ_2⁻¹` closes to a knot (computed; Coq Example, Lean theorem)"),
    ("components_two_hopf", "components_two_hopf", "`σ_1 σ_3` on 4 strands closes to two components (computed; Coq Example, Lean theorem)"),
    ("trefoil_one_cycle", "trefoil_one_cycle", "the trefoil's permutation has one cycle (Coq Example, Lean theorem)"),
)

#: (Coq constructor, Lean constructor): BraidCycles.v declares no inductive type or record
BRAIDCYCLES_CONSTRUCTORS: tuple[tuple[str, str], ...] = ()

#: the entries of :data:`BRAIDCYCLES_COQ_ONLY` that are Ltac tactics, not Coq declarations: the
#: declaration parser of ``tests/test_lean.py`` does not see them, so merge only the other entries into
#: ``COQ_ONLY`` (its stale-entry check would flag these)
BRAIDCYCLES_COQ_TACTICS: tuple[str, ...] = ("transposition_cases",)

#: Coq-only names of BraidCycles.v, and why they have no Lean counterpart of the same kind
BRAIDCYCLES_COQ_ONLY: dict[str, str] = {
    "transposition_cases": "Ltac (not a declaration): case analysis on the `=?` tests of transposition, "
                           "then lia; Lean has the lemma BraidCycles.transposition_cases (three cases) "
                           "followed by omega instead (the Lean lemma lives in a helper namespace and "
                           "is listed in BRAIDCYCLES_LEAN_ONLY)",
}

#: Lean declarations of BraidCycles.lean with no Coq counterpart of the same name (all in the namespace
#: ``KnotCert.BraidCycles``), and why
BRAIDCYCLES_LEAN_ONLY: dict[str, str] = {
    "iter": "Coq's Nat.iter m f x (same argument order, iter (m + 1) f x = f (iter m f x))",
    "NoDup": "Coq standard library NoDup (inductive, constructors NoDup_nil and NoDup_cons), for Nat lists",
    "nodup_cons_inv": "Coq: inversion on NoDup (x :: l)",
    "orb_true_of_l": "Bool helper for existsb (Coq: orb_true_iff)",
    "orb_true_of_r": "Bool helper for existsb (Coq: orb_true_iff)",
    "existsb_nat": "Coq standard library existsb, for Nat lists (used by the proof of period)",
    "existsb_nat_true": "Coq standard library existsb_exists, one direction",
    "existsb_nat_intro": "Coq standard library existsb_exists, other direction",
    "seq_length": "Coq standard library seq_length, for Braid.lean's seq",
    "mem_seq_bounds": "Coq standard library in_seq, one direction",
    "mem_seq_intro": "Coq standard library in_seq, other direction",
    "seq_nth": "Coq standard library seq_nth, for Braid.lean's seq and nth",
    "seq_nodup": "Coq standard library seq_NoDup",
    "length_map": "Coq standard library map_length",
    "mem_map_intro": "Coq standard library in_map",
    "mem_map_inv": "Coq standard library in_map_iff, one direction",
    "nodup_map_inj": "the NoDup (map σ reps) induction inside the Coq proof of cycle_count_conj, as a lemma",
    "replicate_length": "Coq standard library repeat_length, for List.replicate",
    "remove_nat": "Coq standard library remove Nat.eq_dec (used by length_le_matching)",
    "mem_remove_nat_intro": "Coq standard library in_in_remove",
    "mem_remove_nat_inv": "Coq standard library in_remove",
    "remove_nat_length_le": "Coq standard library remove_length_le",
    "remove_nat_length_lt": "Coq standard library remove_length_lt",
    "nodup_incl_length": "Coq standard library NoDup_incl_length (used by period), from length_le_matching",
    "transposition_cases": "the three cases of transposition i j, for omega (Coq: the Ltac transposition_cases, "
                           "Nat.eqb_spec and lia)",
    "transposition_eq_l": "`τ_i i = i + 1` (Coq: unfold transposition; Nat.eqb_refl)",
    "transposition_eq_r": "`τ_i (i + 1) = i` (Coq: unfold transposition; case analysis)",
    "transposition_eq_other": "`τ_i j = j` off `i, i + 1` (Coq: unfold transposition; case analysis)",
    "transposition_val": "the value of transposition i j from one of its three cases, one value per term "
                         "(Coq: the Ltac transposition_cases; keeps each omega call to one disjunction)",
    "nth_idx_eq": "rewrite the index of nth (Coq: rewrite in place)",
    "same_cycle_unfold": "SameCycle as the existential it is (Coq destructs it directly)",
    "cycle_count_unfold": "CycleCount as the existential it is (Coq destructs it directly)",
    "gen_abs_of_gen": "`gen n i` gives `gen n |i|` (Coq: unfold gen; lia)",
    "set_seen_same": "nth_set_seen at the set position (Coq: one case of its proof)",
    "set_seen_other": "nth_set_seen off the set position (Coq: one case of its proof)",
    "mark_cycle_seen": "one step of mark_cycle on a seen point (Coq: simpl and the if)",
    "mark_cycle_unseen": "one step of mark_cycle on an unseen point (Coq: simpl and the if)",
    "count_cycles_seen": "one step of count_cycles on a seen start (Coq: simpl and the if)",
    "count_cycles_unseen": "one step of count_cycles on an unseen start (Coq: simpl and the if)",
    "stab_rho": "the local map ρ of the Coq proof of cycle_count_stabilize",
    "stab_rho_n": "ρ n = π (n - 1) (Coq: unfold ρ; Nat.eqb_refl)",
    "stab_rho_other": "ρ y = y for y ≠ n (Coq: unfold ρ; Nat.eqb_spec)",
    "cycle_count_stabilize_gen": "the body of the Coq proof of cycle_count_stabilize, for any π' with its asserted "
                                 "equations E1, E2, E3",
    "iter_id": "iterates of the identity (an induction inside the Coq proof of components_trivial)",
}
