"""Perelman's F-functional and its first variation, checked symbolically (sympy).

F[g, φ] = ∫ (R + |∇φ|²) e^{−φ} dV      (Perelman, arXiv math/0211159, §1.1).

Variation class: g → g + εh and φ → φ + ε·tr_g(h)/2. Since δ(√det g) = ½ tr_g(h) √det g, this class is
exactly the one that keeps the measure e^{−φ} dV fixed. Perelman's first-variation formula is then

    δF = ∫ −h^ij (R_ij + ∇_i∇_jφ) e^{−φ} dV,                                   (1)

i.e. δF/δg_ij = −(R^ij + ∇^i∇^jφ) e^{−φ} √det g with respect to the coordinate measure dⁿx.
Pointwise, (1) holds up to an explicit divergence: with H = tr_g h,

    d/dε|₀ [(R + |∇φ|²) e^{−φ} √g](g+εh, φ+εH/2)
        = −h^ij (R_ij + ∇_i∇_jφ) e^{−φ} √g + ∂_i(√g V^i),
    V^i = e^{−φ} (∇_j h^ij − ∇^i H + h^ij ∂_jφ),                                (2)

so on a closed manifold (e.g. a torus with periodic g, h, φ) the divergence integrates to zero and (1)
follows. :func:`first_variation_defect` returns LHS − RHS of (2) for any concrete metric, φ and h, and the
tests check that sympy simplifies it to zero.
"""

from __future__ import annotations

import sympy as sp

from .geometry import Metric, contract

EPS = sp.Symbol("epsilon")


def f_density(metric: Metric, phi) -> sp.Expr:
    """The integrand of F with respect to dⁿx: (R + |∇φ|²) e^{−φ} √det g."""
    return (metric.scalar() + metric.grad_norm2(phi)) * sp.exp(-phi) * metric.sqrt_det


def raise_both(metric: Metric, h: sp.Matrix) -> sp.Matrix:
    """h^ij = g^ia g^jb h_ab."""
    return metric.inv * h * metric.inv


def varied_density_derivative(metric: Metric, phi, h: sp.Matrix) -> sp.Expr:
    """d/dε at ε=0 of the F-density at (g + εh, φ + ε tr_g(h)/2).

    The inverse of g + εh is taken as g⁻¹ − ε g⁻¹ h g⁻¹, which is exact to first order in ε."""
    inverse = metric.inv - EPS * metric.inv * h * metric.inv
    varied = Metric(metric.coords, metric.g + EPS * h, inverse=inverse, simplify=False)
    trace = contract(metric.inv, h)
    density = f_density(varied, phi + EPS * trace / 2)
    return sp.diff(density, EPS).subs(EPS, 0)


def perelman_gradient(metric: Metric, phi) -> sp.Matrix:
    """The tensor R_ij + ∇_i∇_jφ; −2 times it is the right-hand side of Perelman's flow."""
    return metric.ricci + metric.hessian(phi)


def divergence_of_symmetric(metric: Metric, upper: sp.Matrix) -> list:
    """(div T)^i = ∇_j T^ij = (1/√g) ∂_j(√g T^ij) + Γ^i_jk T^jk for a symmetric tensor T^ij."""
    s, x, G, n = metric.sqrt_det, metric.coords, metric.christoffel, metric.n
    return [sum(sp.diff(s * upper[i, j], x[j]) for j in range(n)) / s
            + sum(G[i][j][k] * upper[j, k] for j in range(n) for k in range(n)) for i in range(n)]


def variation_flux(metric: Metric, phi, h: sp.Matrix) -> list:
    """The vector field V^i = e^{−φ}(∇_j h^ij − ∇^i tr h + h^ij ∂_jφ) of identity (2)."""
    up = raise_both(metric, h)
    trace = contract(metric.inv, h)
    div_h = divergence_of_symmetric(metric, up)
    d_tr, d_phi = metric.gradient(trace), metric.gradient(phi)
    n = metric.n
    return [sp.exp(-phi) * (div_h[i] - sum(metric.inv[i, j] * d_tr[j] for j in range(n))
                            + sum(up[i, j] * d_phi[j] for j in range(n))) for i in range(n)]


def first_variation_defect(metric: Metric, phi, h: sp.Matrix) -> sp.Expr:
    """LHS − RHS of identity (2); zero for every metric, φ and symmetric h."""
    h = sp.Matrix(h)
    lhs = varied_density_derivative(metric, phi, h)
    bulk = -contract(raise_both(metric, h), perelman_gradient(metric, phi)) * sp.exp(-phi) * metric.sqrt_det
    flux = variation_flux(metric, phi, h)
    divergence = sum(sp.diff(metric.sqrt_det * flux[i], metric.coords[i]) for i in range(metric.n))
    return (lhs - bulk - divergence) * sp.exp(phi)


def generic_symmetric(coords, name: str = "h") -> sp.Matrix:
    """A symmetric matrix of undetermined functions h_ij(x) (the generic variation)."""
    n = len(coords)
    entries = {}
    for i in range(n):
        for j in range(i, n):
            entries[(i, j)] = entries[(j, i)] = sp.Function(f"{name}{i + 1}{j + 1}")(*coords)
    return sp.Matrix(n, n, lambda i, j: entries[(i, j)])
