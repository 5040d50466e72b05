"""Exact correlators of the NN-FT architectures (sympy closed forms; quadrature only for the cut-off
free-scalar propagator in position space).

With k(x, y) = σ_b² + σ_W² x·y/d (the pre-activation covariance), the two-point functions are exact at
every width N (Halverson–Maiti–Stoner 2021, sec. 3; Williams 1997; Cho–Saul 2009):

* erf:   K = σ_b² + (2σ_W²/π) arcsin[2k(x,y) / √((1 + 2k(x,x))(1 + 2k(y,y)))]
* relu:  K = σ_b² + (σ_W²/2π) √(k(x,x)k(y,y)) [sin ϑ + (π − ϑ) cos ϑ],  cos ϑ = k(x,y)/√(k(x,x)k(y,y))
* gauss: K = σ_b² + σ_W² exp(−σ_W² |x − y|² / 2d)
* cos:   K = σ_b² + (σ_W²/2) exp(−σ_W² |x − y|² / 2d)
* free scalar: G2(x, y) = ∫_{|p|<Λ} dᵈp/(2π)ᵈ e^{ip·(x−y)} / (p² + m²)

For i.i.d. neurons h_i and W1 ~ N(0, σ_W²/N) the connected four-point function is exactly

    G4c = (σ_W⁴/N) [3 E(h₁h₂h₃h₄) − (E(h₁h₂)E(h₃h₄) + 2 perms)],

with closed neuron moments for cos (b0 uniform kills every Fourier mode but the balanced ones) and
gauss (Gaussian moment generating function) given in :func:`neuron_moment4`. Odd correlators of the
single-layer and free-scalar networks vanish (φ → −φ under W1, b1 → −W1, −b1, resp. a → −a).

>>> from pybridge.nnft.arch import from_spec
>>> round(two_point(from_spec("cos:sigma_b=0"), [0.0], [0.0]), 6)
0.5
"""

from __future__ import annotations

import math
from itertools import combinations

import sympy
from scipy import integrate, special
from sympy.utilities.iterables import multiset_partitions

from .arch import FreeScalar, LinearToy, SingleLayer

PAIRINGS = (((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2)))


def _vec(x) -> sympy.Matrix:
    return sympy.Matrix([sympy.nsimplify(v) if isinstance(v, (int, float)) else v for v in x])


def _k(arch: SingleLayer, x: sympy.Matrix, y: sympy.Matrix):
    """Pre-activation covariance k(x, y) = σ_b² + σ_W² x·y / d (σ_b absent for cos: b0 is uniform)."""
    sw = sympy.nsimplify(arch.sigma_w)
    sb2 = 0 if arch.activation == "cos" else sympy.nsimplify(arch.sigma_b) ** 2
    return sb2 + sw**2 * x.dot(y) / arch.d


def neuron_moment2(arch: SingleLayer, x, y):
    """E[h(x) h(y)] for one neuron, symbolic (x, y: sequences of numbers or sympy symbols)."""
    x, y = _vec(x), _vec(y)
    kxx, kyy, kxy = _k(arch, x, x), _k(arch, y, y), _k(arch, x, y)
    sw2 = sympy.nsimplify(arch.sigma_w) ** 2
    if arch.activation == "erf":
        return 2 / sympy.pi * sympy.asin(2 * kxy / sympy.sqrt((1 + 2 * kxx) * (1 + 2 * kyy)))
    if arch.activation == "relu":
        theta = sympy.acos(kxy / sympy.sqrt(kxx * kyy))
        return sympy.sqrt(kxx * kyy) / (2 * sympy.pi) * (sympy.sin(theta) + (sympy.pi - theta) * sympy.cos(theta))
    diff = x - y
    gaussian = sympy.exp(-sw2 * diff.dot(diff) / (2 * arch.d))
    return gaussian if arch.activation == "gauss" else gaussian / 2


def neuron_moment4(arch: SingleLayer, xs):
    """E[h(x₁)h(x₂)h(x₃)h(x₄)] for the cos and gauss neurons (closed forms).

    cos:   (1/8) Σ_{splits {ab|cd}} exp(−σ_W² |x_a + x_b − x_c − x_d|² / 2d)
    gauss: exp(Σ_{a<b} k(x_a, x_b) − ½ Σ_a k(x_a, x_a))
    """
    v = [_vec(x) for x in xs]
    sw2 = sympy.nsimplify(arch.sigma_w) ** 2
    if arch.activation == "cos":
        total = 0
        for (a, b), (c, e) in PAIRINGS:
            s = v[a] + v[b] - v[c] - v[e]
            total += sympy.exp(-sw2 * s.dot(s) / (2 * arch.d))
        return total / 8
    if arch.activation == "gauss":
        off = sum(_k(arch, v[a], v[b]) for a, b in combinations(range(4), 2))
        return sympy.exp(off - sum(_k(arch, u, u) for u in v) / 2)
    raise ValueError(f"no closed four-neuron moment for {arch.activation}")


def kernel_expr(arch: SingleLayer, x, y):
    """The two-point function K(x, y) as a sympy expression."""
    return sympy.nsimplify(arch.sigma_b) ** 2 + sympy.nsimplify(arch.sigma_w) ** 2 * neuron_moment2(arch, x, y)


def connected4_expr(arch: SingleLayer, xs):
    """G4c(x₁..x₄) = (σ_W⁴/N)[3 E(h₁h₂h₃h₄) − Σ_pairings E(h_a h_b) E(h_c h_d)] (cos, gauss)."""
    m2 = sum(neuron_moment2(arch, xs[a], xs[b]) * neuron_moment2(arch, xs[c], xs[e])
             for (a, b), (c, e) in PAIRINGS)
    return sympy.nsimplify(arch.sigma_w) ** 4 / arch.width * (3 * neuron_moment4(arch, xs) - m2)


def free_propagator(arch: FreeScalar, r: float) -> float:
    """G2 at separation r = |x − y| with the momentum cut-off Λ (radial quadrature; d = 1, 2, 3)."""
    m, lam, d = arch.mass, arch.cutoff, arch.d
    if d == 1:
        if r == 0:
            return math.atan(lam / m) / (math.pi * m)
        return integrate.quad(lambda p: 1 / (p * p + m * m), 0, lam, weight="cos", wvar=r, limit=2000)[0] / math.pi
    if d == 3:
        if r == 0:
            return (lam - m * math.atan(lam / m)) / (2 * math.pi**2)
        value = integrate.quad(lambda p: p / (p * p + m * m), 0, lam, weight="sin", wvar=r, limit=2000)[0]
        return value / (2 * math.pi**2 * r)
    if d == 2:
        value = integrate.quad(lambda p: p * special.j0(p * r) / (p * p + m * m), 0, lam, limit=5000)[0]
        return value / (2 * math.pi)
    raise ValueError(f"free scalar: exact G2 implemented for d = 1, 2, 3 (got d = {d})")


def free_propagator_infinite_cutoff(arch: FreeScalar, r: float) -> float:
    """Λ → ∞: e^{−mr}/(2m) (d = 1), K₀(mr)/(2π) (d = 2), e^{−mr}/(4πr) (d = 3)."""
    m = arch.mass
    if arch.d == 1:
        return math.exp(-m * r) / (2 * m)
    if arch.d == 2:
        return float(special.k0(m * r)) / (2 * math.pi) if r > 0 else math.inf
    return math.exp(-m * r) / (4 * math.pi * r) if r > 0 else math.inf


def _distance(x, y) -> float:
    return math.sqrt(sum((float(a) - float(b)) ** 2 for a, b in zip(x, y)))


def two_point(arch, x, y) -> float:
    """Exact G2(x, y) of any architecture, as a float."""
    if isinstance(arch, FreeScalar):
        return free_propagator(arch, _distance(x, y))
    if isinstance(arch, LinearToy):
        return float(arch.prior.moment(2)) * float(x[0]) * float(y[0])
    return float(kernel_expr(arch, x, y).evalf())


def toy_correlator(prior, xs, connected: bool = False):
    """Linear toy: G_n = μ_n x₁⋯x_n; connected: the joint cumulant with E[Π_B φ] = μ_|B| Π_B x_i."""
    xs = [sympy.nsimplify(x[0]) for x in xs]
    if not connected:
        return prior.moment(len(xs)) * sympy.Mul(*xs)
    total = 0
    for partition in multiset_partitions(list(range(len(xs)))):
        term = sympy.Mul(*(prior.moment(len(b)) * sympy.Mul(*(xs[i] for i in b)) for b in partition))
        total += math.factorial(len(partition) - 1) * (-1) ** (len(partition) - 1) * term
    return sympy.simplify(total)


def correlator(arch, xs, connected: bool = False) -> float | None:
    """Exact G_n (connected or full) where a closed form exists, else None."""
    n = len(xs)
    if isinstance(arch, LinearToy):
        return float(toy_correlator(arch.prior, xs, connected))
    if n % 2 == 1:
        return 0.0
    if n == 2:
        return two_point(arch, xs[0], xs[1])
    if n == 4 and isinstance(arch, SingleLayer) and arch.activation in ("cos", "gauss"):
        g4c = float(connected4_expr(arch, xs).evalf())
        if connected:
            return g4c
        return g4c + sum(two_point(arch, xs[a], xs[b]) * two_point(arch, xs[c], xs[e])
                         for (a, b), (c, e) in PAIRINGS)
    return None
