"""Symbolic Riemannian geometry in coordinates (sympy).

Conventions (do Carmo / Wald; Halverson–Ruehle, arXiv 2310.19870, section 2):

* Christoffel symbols  Γ^k_ij = ½ g^kl (∂_i g_lj + ∂_j g_li − ∂_l g_ij), stored as ``gamma[k][i][j]``.
* Riemann tensor       R^a_bcd = ∂_c Γ^a_db − ∂_d Γ^a_cb + Γ^a_ce Γ^e_db − Γ^a_de Γ^e_cb.
* Ricci tensor         R_bd = R^a_bad, scalar curvature R = g^bd R_bd (positive on round spheres).
* Laplacian            Δf = (1/√g) ∂_i(√g g^ij ∂_j f)  (the analyst's sign: Δ = +div grad).
* Hessian              ∇_i∇_j f = ∂_i∂_j f − Γ^k_ij ∂_k f.

Example
-------
>>> import sympy as sp
>>> from pybridge.metricflow.geometry import round_sphere
>>> s2 = round_sphere(2)
>>> sp.simplify(s2.scalar())
2/r**2
"""

from __future__ import annotations

from functools import cached_property

import sympy as sp


class Metric:
    """A Riemannian metric ``g_ij(x)`` on a coordinate chart with coordinates ``coords``."""

    def __init__(self, coords, matrix, inverse=None, simplify: bool = True) -> None:
        """``inverse`` may supply g^ij (e.g. a truncated series for g + εh); ``simplify=False`` skips
        sympy.simplify on intermediate results (faster for large generic expressions)."""
        self.coords = tuple(coords)
        self.g = sp.Matrix(matrix)
        self._inverse = None if inverse is None else sp.Matrix(inverse)
        self._simp = sp.simplify if simplify else (lambda e: e)
        n = len(self.coords)
        if self.g.shape != (n, n):
            raise ValueError(f"metric must be {n}x{n} for {n} coordinates, got {self.g.shape}")
        if self.g != self.g.T:
            raise ValueError("metric matrix must be symmetric")
        self.n = n

    @cached_property
    def inv(self) -> sp.Matrix:
        """The inverse metric g^ij."""
        if self._inverse is not None:
            return self._inverse
        return self._simp(self.g.inv())

    @cached_property
    def sqrt_det(self) -> sp.Expr:
        """The volume density √det g (dV = √det g dⁿx)."""
        return sp.sqrt(self.g.det())

    @cached_property
    def christoffel(self) -> list:
        """Γ^k_ij as nested lists ``[k][i][j]``."""
        g, gi, x, n = self.g, self.inv, self.coords, self.n
        return [[[self._simp(sum(gi[k, l] * (sp.diff(g[l, j], x[i]) + sp.diff(g[l, i], x[j])
                                              - sp.diff(g[i, j], x[l])) for l in range(n)) / 2)
                  for j in range(n)] for i in range(n)] for k in range(n)]

    def riemann(self, a: int, b: int, c: int, d: int) -> sp.Expr:
        """R^a_bcd = ∂_c Γ^a_db − ∂_d Γ^a_cb + Γ^a_ce Γ^e_db − Γ^a_de Γ^e_cb."""
        G, x = self.christoffel, self.coords
        return (sp.diff(G[a][d][b], x[c]) - sp.diff(G[a][c][b], x[d])
                + sum(G[a][c][e] * G[e][d][b] - G[a][d][e] * G[e][c][b] for e in range(self.n)))

    @cached_property
    def ricci(self) -> sp.Matrix:
        """R_bd = R^a_bad."""
        n = self.n
        return sp.Matrix(n, n, lambda b, d: self._simp(sum(self.riemann(a, b, a, d) for a in range(n))))

    def scalar(self) -> sp.Expr:
        """Scalar curvature R = g^ij R_ij."""
        return self._simp(contract(self.inv, self.ricci))

    def gradient(self, f) -> list:
        """Components ∂_i f of the differential of ``f``."""
        return [sp.diff(f, xi) for xi in self.coords]

    def grad_norm2(self, f) -> sp.Expr:
        """|∇f|² = g^ij ∂_i f ∂_j f."""
        df = self.gradient(f)
        return sum(self.inv[i, j] * df[i] * df[j] for i in range(self.n) for j in range(self.n))

    def laplacian(self, f) -> sp.Expr:
        """Δf = (1/√g) ∂_i(√g g^ij ∂_j f)."""
        s, x = self.sqrt_det, self.coords
        return sum(sp.diff(s * self.inv[i, j] * sp.diff(f, x[j]), x[i])
                   for i in range(self.n) for j in range(self.n)) / s

    def hessian(self, f) -> sp.Matrix:
        """∇_i∇_j f = ∂_i∂_j f − Γ^k_ij ∂_k f."""
        x, G = self.coords, self.christoffel
        return sp.Matrix(self.n, self.n, lambda i, j: sp.diff(f, x[i], x[j])
                         - sum(G[k][i][j] * sp.diff(f, x[k]) for k in range(self.n)))

    def divergence(self, vector) -> sp.Expr:
        """div V = (1/√g) ∂_i(√g V^i) for a vector field with components V^i."""
        s = self.sqrt_det
        return sum(sp.diff(s * vector[i], self.coords[i]) for i in range(self.n)) / s


def contract(upper: sp.Matrix, lower: sp.Matrix) -> sp.Expr:
    """The full contraction a^ij b_ij of two n×n matrices."""
    n = upper.shape[0]
    return sum(upper[i, j] * lower[i, j] for i in range(n) for j in range(n))


def is_zero(expr) -> bool:
    """True iff sympy simplifies ``expr`` (a scalar or a matrix) to zero.

    First test: every derivative ∂^α f(x) of an undetermined function (and f itself) is replaced by an
    independent symbol, and the numerator of the resulting rational expression is expanded. Zero there
    means zero for all functions (mixed partials are one atom, as sympy orders derivative variables), and
    it is much faster than expanding the jet expressions; otherwise ``sp.simplify`` decides."""
    if isinstance(expr, sp.MatrixBase):
        return all(is_zero(e) for e in expr)
    numerator, _ = sp.fraction(sp.together(_jets_as_symbols(sp.sympify(expr))))
    return sp.expand(numerator) == 0 or sp.simplify(expr) == 0


def _jets_as_symbols(expr: sp.Expr) -> sp.Expr:
    """``expr`` with each Derivative of an undetermined function, then each such function, replaced by
    a fresh symbol."""
    derivs = sorted(expr.atoms(sp.Derivative), key=sp.default_sort_key)
    expr = expr.xreplace({d: sp.Dummy(f"d{i}") for i, d in enumerate(derivs)})
    funcs = sorted(expr.atoms(sp.core.function.AppliedUndef), key=sp.default_sort_key)
    return expr.xreplace({f: sp.Dummy(f"f{i}") for i, f in enumerate(funcs)})


def round_sphere(n: int, radius=None) -> Metric:
    """The round n-sphere of radius ``r`` in hyperspherical angles (ψ₁..ψ_{n−1}, θ):
    g = r²(dψ₁² + sin²ψ₁ dψ₂² + … + sin²ψ₁⋯sin²ψ_{n−1} dθ²)."""
    if n < 2:
        raise ValueError("round_sphere needs n >= 2")
    r = radius if radius is not None else sp.Symbol("r", positive=True)
    angles = sp.symbols(f"psi1:{n + 1}", positive=True)
    factors, diag = sp.Integer(1), []
    for angle in angles:
        diag.append(r**2 * factors)
        factors *= sp.sin(angle) ** 2
    return Metric(angles, sp.diag(*diag))


def flat_torus(n: int) -> Metric:
    """A flat n-torus Rⁿ/Λ in lattice coordinates: a constant symmetric matrix of symbols g_ij
    (every flat torus is of this form; positivity is not needed for the curvature identities)."""
    coords = sp.symbols(f"x1:{n + 1}", real=True)
    entries = {}
    for i in range(n):
        for j in range(i, n):
            entries[(i, j)] = entries[(j, i)] = sp.Symbol(f"a{i + 1}{j + 1}", real=True)
    return Metric(coords, sp.Matrix(n, n, lambda i, j: entries[(i, j)]))
