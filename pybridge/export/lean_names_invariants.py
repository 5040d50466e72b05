"""The Coq/Lean name correspondence of the kernel-computable knot invariants (issue 22, deliverable 1).

``coq/theories/Invariants.v`` is mirrored by ``lean/KnotCert/Invariants.lean`` (namespace
``KnotCert.Invariants``), name for name; the Python mirror is ``pybridge/knots/exact_invariants.py``.
Coq's standard-library rationals ``Q`` (with ``Qred``) are the Lean-only structure ``Q`` and its
operations (:data:`INVARIANTS_LEAN_ONLY`). Not ported (Coq only, :data:`INVARIANTS_COQ_ONLY`): the ``nia``
proof ``bareiss_det_2x2``, the writhe-parity induction (``goeritz_loop_writhe``, ``writhe_parity``) and the
three enumerations proved by ``vm_compute`` (too large for one Lean ``decide``). The Lean file has not been compiled (no Lean toolchain here).
"""

from __future__ import annotations

#: the Coq theory and the Lean module that mirrors it
INVARIANTS_FILES: dict[str, tuple[str, ...]] = {"Invariants.v": ("Invariants.lean",)}

_D = {
    "matrix": "integer matrices as lists of rows",
    "zip_with": "entrywise combination of two lists (to the shorter length)",
    "nth_upd": "apply a function to entry `i` of a list",
    "remove_nth": "delete entry `i` of a list",
    "mat_add": "add `v` to entry `(i, j)` of a matrix",
    "zero_matrix": "the `m × m` zero matrix",
    "pick_pivot": "first row with a non-zero head: index, row, the other rows in order",
    "bareiss_loop": "one Bareiss step per call: `(a p - x b) / prev`, sign of the row exchange",
    "bareiss_det": "determinant by Bareiss's fraction-free elimination (Bareiss 1968)",
    "laplace_det_fuel": "cofactor expansion along the first row, with fuel",
    "laplace_det": "the textbook determinant (Laplace expansion)",
    "all_rows": "all lists of length `n` over `vals`",
    "all_matrices": "all `rows × cols` matrices over `vals`",
    "qmatrix": "rational matrices",
    "to_qmatrix": "an integer matrix as a rational one",
    "qnz": "a rational is non-zero",
    "to_front": "move entry `i` of a list to the front",
    "sym_front": "move row and column `i` to the front (a congruence by a permutation)",
    "first_index": "index of the first entry satisfying a test",
    "diag": "the diagonal of a matrix",
    "add_row_col": "add row and column `j` to row and column `i` (a congruence)",
    "first_nonzero": "the first non-zero entry in reading order",
    "choose_pivot": "a congruent matrix with a non-zero top-left entry, or none for the zero matrix",
    "schur": "Schur complement of the pivot: `M_rc - v_r v_c / d`",
    "qsgn": "sign of a rational",
    "qsignature_fuel": "signature by congruence diagonalisation, with fuel",
    "qsignature": "signature of a symmetric integer matrix (Sylvester's law of inertia)",
    "flip": "colour change across an edge between slots `q`, `q'`: `odd q == odd q'`",
    "bit": "the colour bit of a crossing (default false)",
    "colour_walk": "depth-first checkerboard colouring of the crossings' corners",
    "checkerboard": "the colouring with the corner `(a, b)` of the first crossing unshaded",
    "corner_shaded": "corner `(k, p)` is shaded iff `b_k xor odd p`",
    "index_faces": "number the unshaded faces in the order of `faces_of`",
    "over_entries": "crossing key -> slot (1 or 3) where the over-strand enters",
    "face_index": "the unshaded-face number of a corner",
    "goeritz_loop": "Goeritz entries, Gordon–Litherland `mu` and writhe, crossing by crossing",
    "invariants_ok": "a valid, connected PD code",
    "goeritz_data": "reduced Goeritz matrix, correction `mu`, writhe (Gordon–Litherland 1978)",
    "goeritz": "the reduced Goeritz matrix",
    "signature": "`sign G - mu` (KnotInfo convention: positive trefoil −2)",
    "determinant": "`|det G|`",
    "writhe": "sum of the crossing signs of the diagram",
    "knot_invariants": "signature, determinant, writhe from one Goeritz computation",
    "knot_invariants_spec": "`knot_invariants xs = (signature xs, determinant xs, writhe xs)`",
    "pos_powmod": "`a ^ e mod p` (Coq: binary recursion on `positive`; Lean: `(a ^ e) % p`)",
    "inv_mod": "inverse modulo a prime (Fermat)",
    "rank_mod": "rank modulo `p` by Gaussian elimination, one column per call",
    "index_labels": "labels in order of first occurrence -> 0, 1, ...",
    "unit_row": "a row with the given entries added",
    "lab": "the index of a label",
    "fox_system": "the Fox colouring equations, two per crossing",
    "fox_colourings": "number of Fox `p`-colourings: `p ^ (labels - rank mod p)`",
    "brute_fox": "brute-force count of colour tables satisfying PDSpec's `colouring_b`",
    "fox_trefoil_brute": "elimination count = brute force, trefoil, p = 3 (by evaluation)",
    "trefoil_invariants": "trefoil: signature −2, determinant 3, writhe 3, 9 Fox 3-colourings (by evaluation)",
    "figure_eight_invariants": "figure-eight: 0, 5, 0, 25 Fox 5-colourings (by evaluation)",
}

#: (Coq declaration in ``coq/theories/Invariants.v``, Lean declaration in ``lean/KnotCert/Invariants.lean``,
#: what it is)
INVARIANTS_NAME_TABLE: tuple[tuple[str, str, str], ...] = tuple((name, name, what) for name, what in _D.items())

#: (Coq constructor, Lean constructor): the Coq file declares no inductive types or records
INVARIANTS_CONSTRUCTORS: tuple[tuple[str, str], ...] = ()

_NOT_PORTED = "proved in coq/theories/Invariants.v; not in the Lean mirror ({})"

#: Coq declarations with no Lean counterpart, and why
INVARIANTS_COQ_ONLY: dict[str, str] = {
    "bareiss_det_2x2": _NOT_PORTED.format("a nia proof; core Lean has no nonlinear arithmetic tactic"),
    "bareiss_laplace_3x3_small": _NOT_PORTED.format("19,683 matrices: too large for one Lean decide"),
    "bareiss_laplace_4x4_01": _NOT_PORTED.format("65,536 matrices: too large for one Lean decide"),
    "fox_figure_eight_brute": _NOT_PORTED.format("6,561 colour tables: too large for one Lean decide"),
    "goeritz_loop_writhe": _NOT_PORTED.format("induction with lia; Lean proof not written without a toolchain"),
    "writhe_parity": _NOT_PORTED.format("rests on goeritz_loop_writhe"),
}

#: Lean declarations with no Coq counterpart, and why
INVARIANTS_LEAN_ONLY: dict[str, str] = {
    "Q": "rationals (Coq: standard-library Q); numerator Int, denominator Nat",
    **{name: "rational arithmetic, reduced after every operation (Coq: Qred of Qplus, Qminus, Qmult, Qdiv)"
       for name in ("qred", "qadd", "qsub", "qmul", "qdiv")},
    "qzero": "the rational 0 (Coq: 0%Q)",
    "inject_Z": "an integer as a rational (Coq: standard-library inject_Z)",
}
