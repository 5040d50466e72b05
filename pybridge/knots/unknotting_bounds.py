r"""Lower bounds for the unknotting number u(K), each computed from a diagram and reported with its source.

Every bound here is a theorem of the form ``u(K) >= b(K)``; the certified upper bound of an ``unknotting``
certificate meets one of them exactly when u(K) is determined.

Mathematics
-----------
* **Signature** (Murasugi, *On a certain numerical invariant of link types*, Trans. AMS 117 (1965),
  Thm 10.1): a crossing change changes σ by 0 or ±2, so ``u(K) >= |σ(K)|/2``. σ is computed exactly
  (Gordon–Litherland from the Goeritz matrix, :func:`pybridge.knots.signature.signature`) and cross-checked
  against the signature of ``V + Vᵀ`` for a Seifert matrix ``V`` (spherogram's ``seifert_matrix``).
* **Ozsváth–Szabó τ** (*Knot Floer homology and the four-ball genus*, Geom. Topol. 7 (2003), Cor. 1.3):
  ``|τ(K)| <= g_4(K) <= u(K)``; τ from knot Floer homology (``knot_floer_homology``, Szabó's program).
* **Nakanishi index** (Nakanishi, *A note on unknotting number*, Math. Sem. Notes Kobe Univ. 9 (1981)):
  ``u(K) >= e(K)``, the least number of generators of the Alexander module ``A = coker(tV - Vᵀ)`` over
  ``Z[t^±1]``. Generators over ``Z[t^±1]`` give generators of ``A ⊗ F[t^±1]`` for any field ``F`` of
  characteristic ``p`` (``F_p``, or ``Q`` for ``p = 0``), so ``e(K)`` is at least the least number of
  generators of ``A ⊗ F[t^±1]``. ``F[t^±1]`` is a principal ideal domain; if ``tV - Vᵀ`` is brought to
  diagonal form ``diag(d_1, ..., d_n)`` by invertible row and column operations over ``F[t]``, then
  ``A ⊗ F[t^±1] ≅ ⊕ F[t^±1]/(d_i)`` and its least number of generators is
  ``max_f #{i : f | d_i}`` over the irreducible ``f ≠ t`` (a module over a PID needs ``dim M/fM``
  generators at each prime ``f``, and that many suffice). We compute this exactly for
  ``p ∈ {0, 2, 3, 5, 7}``.
* **Levine–Tristram signatures** (Tristram, *Some cobordism invariants for links*, Proc. Camb. Phil. Soc.
  66 (1969); Taylor, Pacific J. Math. 1979): for ω on the unit circle with ``Δ_K(ω) ≠ 0``,
  ``|σ_ω(K)| <= 2 g_4(K) <= 2 u(K)``, where ``σ_ω`` is the signature of the Hermitian matrix
  ``(1 - ω)V + (1 - ω̄)Vᵀ``. We use ω of prime-power order ``q = p^r``: then ``Δ_K(ω) ≠ 0`` always,
  because ``Φ_q(1) = p`` while ``Δ_K(1) = ±1``, so the cyclotomic polynomial ``Φ_q`` cannot divide
  ``Δ_K``. The matrix is therefore non-singular; its eigenvalues are computed in double precision by
  LAPACK's Hermitian solver (backward stable: each computed eigenvalue is within ``c·n·ε·‖H‖`` of a true
  one, Weyl's inequality), and a value is used only when every eigenvalue is at least ``1e-8·‖H‖_F``
  away from 0, so the signs, hence σ_ω, are certain. Otherwise that ω is skipped (reported in ``notes``).
"""

from __future__ import annotations

import cmath
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

#: characteristics of the fields used for the Nakanishi bound (0 = the rationals)
NAKANISHI_PRIMES = (0, 2, 3, 5, 7)
#: prime-power orders of the roots of unity used for Levine–Tristram signatures (2 is σ itself)
LT_ORDERS = (3, 4, 5, 7, 8, 9, 11, 13, 16)
#: a Levine–Tristram value counts only if every eigenvalue is this far from 0 (relative to ‖H‖_F)
LT_MARGIN = 1e-8
#: knot Floer homology is run on diagrams of at most this many crossings
TAU_MAX_CROSSINGS = 60


@dataclass(frozen=True)
class LowerBound:
    """``u(K) >= value`` by the theorem named in ``source``; ``invariant`` is what was computed."""

    name: str
    value: int
    invariant: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BoundsReport:
    """All bounds computed for one knot, the best one, and notes on what could not be computed."""

    bounds: list[LowerBound] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> LowerBound | None:
        """The largest bound (the first one computed among equals)."""
        return max(self.bounds, key=lambda b: b.value, default=None)

    @property
    def value(self) -> int:
        return self.best.value if self.best else 0

    def as_dict(self) -> dict[str, Any]:
        best = self.best
        return {"lower_bound": self.value, "met_by": best.name if best and best.value else None,
                "bounds": [b.as_dict() for b in self.bounds], "notes": list(self.notes)}


# -- inputs ------------------------------------------------------------------------------------------


def _crossings(pd) -> list[tuple[int, int, int, int]]:
    """The crossings of a PD code (a :class:`~pybridge.knots.pd.PDCode` or a list of 4-tuples)."""
    rows = getattr(pd, "crossings", pd)
    crossings = [tuple(int(x) for x in row) for row in rows]
    if any(len(c) != 4 for c in crossings):
        raise ValueError("a PD crossing has 4 labels")
    return crossings


def seifert_matrix(crossings: Sequence[tuple[int, int, int, int]]) -> list[list[int]]:
    """A Seifert matrix of the knot (spherogram's, from Seifert's algorithm on this diagram)."""
    import spherogram

    if not crossings:
        return []
    return [list(map(int, row)) for row in spherogram.Link([list(c) for c in crossings]).seifert_matrix()]


# -- signature ------------------------------------------------------------------------------------------


def signature_bound(crossings, seifert: list[list[int]] | None = None) -> LowerBound:
    """``|σ|/2`` with σ from the Goeritz matrix (Gordon–Litherland), checked against ``sign(V + Vᵀ)``."""
    from .signature import signature, symmetric_signature

    sigma = signature(list(crossings)) if crossings else 0
    if seifert:
        n = len(seifert)
        other = symmetric_signature([[seifert[i][j] + seifert[j][i] for j in range(n)] for i in range(n)])
        if abs(other) != abs(sigma):  # the two conventions differ by a sign, never in absolute value
            raise ArithmeticError(f"signature mismatch: Goeritz gives {sigma}, Seifert matrix {other}")
    return LowerBound("signature", abs(sigma) // 2, f"σ = {sigma}",
                      "u ≥ |σ|/2 (Murasugi 1965); σ exact (Gordon–Litherland, Goeritz matrix; = sign(V+Vᵀ) up to sign)")


# -- tau ------------------------------------------------------------------------------------------------


def tau_bound(crossings) -> LowerBound | None:
    """``|τ|`` from knot Floer homology, or ``None`` for diagrams too large to run it on (or refused by it)."""
    if not crossings:
        return LowerBound("tau", 0, "τ = 0", "u ≥ g_4 ≥ |τ| (Ozsváth–Szabó 2003)")
    if len(crossings) > TAU_MAX_CROSSINGS:
        return None
    import spherogram

    link = spherogram.Link([list(c) for c in crossings])
    link.simplify("basic")  # knot_floer_homology refuses diagrams with a kink; R1/R2 removals keep the knot
    if not link.crossings:
        return LowerBound("tau", 0, "τ = 0", "u ≥ g_4 ≥ |τ| (Ozsváth–Szabó 2003)")
    try:
        tau = int(link.knot_floer_homology()["tau"])
    except ValueError:
        return None
    return LowerBound("tau", abs(tau), f"τ = {tau}", "u ≥ g_4 ≥ |τ| (Ozsváth–Szabó 2003; knot Floer homology)")


# -- Nakanishi index ------------------------------------------------------------------------------------


def _poly(coefficients: dict[int, int], p: int):
    import sympy

    t = sympy.Symbol("t")
    expr = sum(sympy.Integer(c) * t**k for k, c in coefficients.items())
    return sympy.Poly(expr, t, modulus=p) if p else sympy.Poly(expr, t, domain=sympy.QQ)


def diagonal_form(matrix: list[list], p: int) -> list:
    """Diagonal entries of ``matrix`` (sympy ``Poly`` entries over ``F_p[t]`` or ``Q[t]``) after invertible
    row and column operations (Euclidean elimination: the pivot is always an entry of least degree, and
    remainders replace entries until the pivot's row and column are clear)."""
    a = [row[:] for row in matrix]
    n = len(a)
    diagonal = []
    for k in range(n):
        while True:
            candidates = [(a[i][j].degree(), i, j) for i in range(k, n) for j in range(k, n) if not a[i][j].is_zero]
            if not candidates:
                return diagonal + [a[i][i] for i in range(k, n)]  # zero entries: free summands
            _, i, j = min(candidates)
            a[k], a[i] = a[i], a[k]
            for row in a:
                row[k], row[j] = row[j], row[k]
            pivot, clean = a[k][k], True
            for i in range(k + 1, n):
                if not a[i][k].is_zero:
                    q, r = a[i][k].div(pivot)
                    a[i] = [x - q * y for x, y in zip(a[i], a[k])]
                    clean &= r.is_zero
            for j in range(k + 1, n):
                if not a[k][j].is_zero:
                    q, r = a[k][j].div(pivot)
                    for row in a:
                        row[j] = row[j] - q * row[k]
                    clean &= r.is_zero
            if clean and all(a[i][k].is_zero for i in range(k + 1, n)) and all(a[k][j].is_zero for j in range(k + 1, n)):
                diagonal.append(pivot)
                break
    return diagonal


def module_generators(diagonal: list, p: int) -> int:
    """Least number of generators of ``⊕ F[t^±1]/(d_i)``: ``max_f #{i : f | d_i}`` over irreducible
    ``f ≠ t`` (a zero ``d_i`` is a free summand and counts for every ``f``)."""
    import warnings

    import sympy

    t = sympy.Symbol("t")
    counts: dict[str, int] = {}
    free = 0
    for d in diagonal:
        if d.is_zero:
            free += 1
            continue
        if d.degree() == 0:
            continue
        with warnings.catch_warnings():  # sympy sorts GF(p) factors with a deprecated comparison
            warnings.simplefilter("ignore")
            factors = sympy.factor_list(d.as_expr(), t, modulus=p) if p else sympy.factor_list(d.as_expr(), t)
        for factor, _ in factors[1]:
            f = sympy.Poly(factor, t, modulus=p) if p else sympy.Poly(factor, t, domain=sympy.QQ)
            if f.degree() == 0 or f.monic().all_coeffs() == [1, 0]:
                continue  # units of F[t^±1]
            key = str(f.monic().all_coeffs())
            counts[key] = counts.get(key, 0) + 1
    return free + max(counts.values(), default=0)


def nakanishi_bound(seifert: list[list[int]], primes: Sequence[int] = NAKANISHI_PRIMES) -> LowerBound:
    """``u ≥ e(K) ≥`` the least number of generators of ``coker(tV - Vᵀ) ⊗ F_p[t^±1]``, maximised over ``p``."""
    best, where = 0, []
    n = len(seifert)
    for p in primes:
        matrix = [[_poly({1: seifert[i][j], 0: -seifert[j][i]}, p) for j in range(n)] for i in range(n)]
        generators = module_generators(diagonal_form(matrix, p), p)
        where.append(f"{'Q' if p == 0 else f'F_{p}'}: {generators}")
        best = max(best, generators)
    return LowerBound("nakanishi", best, "generators of the Alexander module over " + ", ".join(where),
                      "u ≥ e(K) (Nakanishi 1981); e(K) ≥ generators of coker(tV−Vᵀ) ⊗ F[t^±1] (exact elimination)")


# -- Levine–Tristram signatures ---------------------------------------------------------------------------


def levine_tristram_signature(seifert: list[list[int]], omega: complex) -> int | None:
    """σ_ω = signature of ``(1 - ω)V + (1 - ω̄)Vᵀ``, or ``None`` when an eigenvalue is too close to 0 to
    decide its sign with certainty (see the module docstring)."""
    import numpy as np

    v = np.array(seifert, dtype=float)
    if v.size == 0:
        return 0
    h = (1 - omega) * v + (1 - omega.conjugate()) * v.T
    eigenvalues = np.linalg.eigvalsh(h)
    scale = float(np.linalg.norm(h))
    if scale == 0 or np.min(np.abs(eigenvalues)) <= LT_MARGIN * scale:
        return None
    return int(np.sum(eigenvalues > 0) - np.sum(eigenvalues < 0))


def levine_tristram_bound(seifert: list[list[int]], orders: Sequence[int] = LT_ORDERS,
                          notes: list[str] | None = None) -> LowerBound:
    """``max |σ_ω|/2`` over the roots of unity ω of prime-power order in ``orders``."""
    best, at = 0, "—"
    for q in orders:
        for k in range(1, q // 2 + 1):
            if math.gcd(k, q) != 1:
                continue
            sigma = levine_tristram_signature(seifert, cmath.exp(2j * math.pi * k / q))
            if sigma is None:
                if notes is not None:
                    notes.append(f"σ_ω at ω = e^(2πi·{k}/{q}) not decided (eigenvalue near 0); skipped")
                continue
            if abs(sigma) // 2 > best:
                best, at = abs(sigma) // 2, f"σ_ω = {sigma} at ω = e^(2πi·{k}/{q})"
    return LowerBound("levine-tristram", best, at,
                      "u ≥ g_4 ≥ |σ_ω|/2 for ω of prime-power order (Tristram 1969; Δ(ω) ≠ 0 as Φ_q(1) = p)")


# -- all together ----------------------------------------------------------------------------------------


def lower_bounds(pd, *, tau: bool = True, nakanishi: bool = True, levine_tristram: bool = True) -> BoundsReport:
    """Every lower bound for u(K) of the knot with PD code ``pd`` (one component), with its source."""
    crossings = _crossings(pd)
    report = BoundsReport()
    seifert = seifert_matrix(crossings)
    report.bounds.append(signature_bound(crossings, seifert))
    if tau:
        bound = tau_bound(crossings)
        if bound is None:
            report.notes.append(f"τ not computed (more than {TAU_MAX_CROSSINGS} crossings, or refused by "
                                "knot_floer_homology)")
        else:
            report.bounds.append(bound)
    if nakanishi and seifert:
        report.bounds.append(nakanishi_bound(seifert))
    if levine_tristram and seifert:
        report.bounds.append(levine_tristram_bound(seifert, notes=report.notes))
    return report
