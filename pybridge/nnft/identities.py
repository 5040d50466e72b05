"""Symbolic identities behind the exact NN-FT correlators, each re-derived and checked by sympy.

Every function returns an :class:`Identity`; ``holds`` is True only if sympy reduced
(left − right) to exactly 0. References: Halverson, "Building quantum field theories out of neurons",
arXiv:2112.04527 (eq. 11, the free scalar); Halverson–Maiti–Stoner, MLST 2 (2021) 035002 (kernels,
symmetries).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .arch import SingleLayer
from .exact import kernel_expr, neuron_moment4, toy_correlator
from .priors import prior_from_spec


@dataclass(frozen=True)
class Identity:
    """A symbolic statement and sympy's verdict on it."""

    name: str
    statement: str
    holds: bool


def _zero(expr) -> bool:
    """True iff sympy simplifies expr to 0 (trigonometric form, else exponential form)."""
    if sp.simplify(sp.expand_trig(sp.simplify(expr))) == 0:
        return True
    return sp.simplify(expr.rewrite(sp.exp)) == 0


m, lam, sigma_a, r, p = sp.symbols("m Lambda sigma_a R p", positive=True)
b, c, x, y, s, t = sp.symbols("b c x y s t", real=True)


def phase_average() -> Identity:
    """(1/2π) ∫_{−π}^{π} cos(u + c) cos(v + c) dc = cos(u − v)/2: the uniform c makes G2 depend on
    x − y only (translation invariance), here with u = b·x + b·s, v = b·y + b·s for any shift s."""
    u, v = sp.symbols("u v", real=True)
    avg = sp.integrate(sp.cos(u + c) * sp.cos(v + c), (c, -sp.pi, sp.pi)) / (2 * sp.pi)
    avg = avg.subs({u: b * (x + s), v: b * (y + s)})
    return Identity("translation invariance (free scalar, cos-net)",
                    "E_c[cos(b·(x+s)+c) cos(b·(y+s)+c)] = cos(b·(x−y))/2 for every shift s",
                    _zero(avg - sp.cos(b * (x - y)) / 2))


def _ball_volume(d: int):
    if d == 1:
        return sp.integrate(1, (b, -lam, lam))
    theta, phi = sp.symbols("vartheta varphi", real=True)
    solid = sp.integrate(sp.integrate(sp.sin(theta), (theta, 0, sp.pi)), (phi, 0, 2 * sp.pi))
    return sp.integrate(solid * p**2, (p, 0, lam))


def free_scalar_momentum_space(d: int) -> Identity:
    """From the parameter integral of eq. (11): G2(x, y) = C² N E[a²] E_b[½ cos(b·Δ)/(b² + m²)], with
    b uniform in B_Λ (density 1/vol B_Λ, the volume integrated by sympy) and C² = 2 vol/(σ_a²(2π)^d),
    read off G2(p) = (2π)^d C² σ_a² / (2 vol (p² + m²)) and check it equals 1/(p² + m²) for |p| < Λ."""
    vol = _ball_volume(d)
    n = sp.Symbol("N", positive=True)
    c2 = 2 * vol / (sigma_a**2 * (2 * sp.pi) ** d)
    g2_p = (2 * sp.pi) ** d * c2 * n * (sigma_a**2 / n) * sp.Rational(1, 2) / vol / (p**2 + m**2)
    return Identity(f"free scalar G2(p), d={d}",
                    f"G2(p) = 1/(p²+m²) for |p| < Λ (vol B_Λ = {sp.sstr(vol)})",
                    _zero(g2_p - 1 / (p**2 + m**2)))


def free_scalar_position_space_d1() -> Identity:
    """d = 1, Λ → ∞: ∫ dp/(2π) cos(pR)/(p² + m²) = e^{−mR}/(2m) (R > 0)."""
    value = sp.integrate(sp.cos(p * r) / (p**2 + m**2), (p, -sp.oo, sp.oo)) / (2 * sp.pi)
    return Identity("free scalar G2(x), d=1, Λ→∞", "∫dp/2π e^{ipR}/(p²+m²) = e^{−mR}/(2m)",
                    _zero(value - sp.exp(-m * r) / (2 * m)))


def free_scalar_radial_d3() -> Identity:
    """d = 3 radially: the angular integral ∫ e^{ipR cos ϑ} dΩ = 4π sin(pR)/(pR), so
    G2(R) = (1/2π²R) ∫_0^Λ p sin(pR)/(p² + m²) dp, and for Λ → ∞ G2 = e^{−mR}/(4πR)."""
    u, phi = sp.symbols("u varphi", real=True)  # u = cos ϑ, dΩ = du dφ
    angular = sp.integrate(sp.integrate(sp.exp(sp.I * p * r * u), (u, -1, 1)), (phi, 0, 2 * sp.pi))
    angular_ok = _zero(angular - 4 * sp.pi * sp.sin(p * r) / (p * r))
    # p² · 4π sin(pR)/(pR) / (p² + m²) = (4π/R) · p sin(pR)/(p² + m²)
    radial = 4 * sp.pi / r * sp.integrate(p * sp.sin(p * r) / (p**2 + m**2), (p, 0, sp.oo))
    g2 = radial / (2 * sp.pi) ** 3
    ok = angular_ok and _zero(g2 - sp.exp(-m * r) / (4 * sp.pi * r))
    return Identity("free scalar G2(R), d=3 radial, Λ→∞",
                    "∫dΩ e^{ipR cosϑ} = 4π sin(pR)/(pR);  ∫d³p/(2π)³ e^{ip·x}/(p²+m²) = e^{−mR}/(4πR)", ok)


def _rotation(angle):
    return sp.Matrix([[sp.cos(angle), -sp.sin(angle)], [sp.sin(angle), sp.cos(angle)]])


def rotation_invariance(activation: str) -> Identity:
    """K(Rx, Ry) = K(x, y) for every rotation R of R² (the kernel depends on x·y, |x|², |y|² only, because
    W0 ~ N(0, σ²/d · 1) is rotation invariant)."""
    arch = SingleLayer(activation, d=2, width=1, sigma_w=1.0, sigma_b=1.0)
    alpha = sp.Symbol("alpha", real=True)
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    vx, vy = sp.Matrix([x1, x2]), sp.Matrix([y1, y2])
    rot = _rotation(alpha)
    k_rot = kernel_expr(arch, list(rot * vx), list(rot * vy))
    k_rot = k_rot.replace(lambda e: e.is_Add, lambda e: sp.trigsimp(sp.expand(e)))
    return Identity(f"rotation invariance ({activation}-net)", "K(Rx, Ry) = K(x, y), R ∈ SO(2)",
                    sp.simplify(k_rot - kernel_expr(arch, [x1, x2], [y1, y2])) == 0)


def free_scalar_rotation_invariance() -> Identity:
    """The free-scalar integrand depends on b only through |b| and b·Δ, both invariant under b → Rb,
    Δ → RΔ; the uniform law on B_Λ is rotation invariant, so G2(Rx, Ry) = G2(x, y)."""
    alpha = sp.Symbol("alpha", real=True)
    b1, b2, d1, d2 = sp.symbols("b1 b2 d1 d2", real=True)
    vb, vd, rot = sp.Matrix([b1, b2]), sp.Matrix([d1, d2]), _rotation(alpha)
    ok = _zero((rot * vb).dot(rot * vb) - vb.dot(vb)) and _zero((rot * vb).dot(rot * vd) - vb.dot(vd))
    return Identity("rotation invariance (free scalar)", "|Rb|² = |b|², (Rb)·(RΔ) = b·Δ", ok)


def cos_four_neuron_average() -> Identity:
    """(1/2π) ∫ Π_{k=1..4} cos(z_k + c) dc = (1/8) Σ_splits cos(z_a + z_b − z_c − z_d), and
    E[cos(tS)] = e^{−t²/2} for S ~ N(0, 1): together they give the cos-net G4 closed form."""
    z = sp.symbols("z1:5", real=True)
    avg = sp.integrate(sp.expand(sp.expand_trig(sp.Mul(*[sp.cos(zk + c) for zk in z]))), (c, -sp.pi, sp.pi)) / (2 * sp.pi)
    target = sum(sp.cos(z[0] + z[i] - sum(z[j] for j in range(1, 4) if j != i)) for i in (1, 2, 3)) / 8
    gauss = sp.integrate(sp.cos(t * s) * sp.exp(-s**2 / 2), (s, -sp.oo, sp.oo)) / sp.sqrt(2 * sp.pi)
    return Identity("cos-net four-neuron moment", "E_c[Π cos(z_k+c)] = ⅛Σ cos(z_a+z_b−z_c−z_d); E cos(tS) = e^{−t²/2}",
                    _zero(avg - target) and _zero(gauss - sp.exp(-t**2 / 2)))


def gauss_neuron_moments() -> Identity:
    """E[e^{tS}] = e^{t²/2} (S ~ N(0,1)); hence E[h(x)h(y)] = exp(k(x,y) − (k(x,x)+k(y,y))/2) =
    exp(−σ_W²|x−y|²/2d) for the normalised exponential, and the four-neuron moment of
    :func:`pybridge.nnft.exact.neuron_moment4` at coincident pairs reduces to it."""
    mgf = sp.integrate(sp.exp(t * s) * sp.exp(-s**2 / 2), (s, -sp.oo, sp.oo)) / sp.sqrt(2 * sp.pi)
    arch = SingleLayer("gauss", d=2, width=1, sigma_w=1.5, sigma_b=0.5)
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    four = neuron_moment4(arch, [[x1, x2], [x1, x2], [y1, y2], [y1, y2]])
    kxx = sp.Rational(1, 4) + sp.Rational(9, 4) * (x1**2 + x2**2) / 2
    kyy = sp.Rational(1, 4) + sp.Rational(9, 4) * (y1**2 + y2**2) / 2
    kxy = sp.Rational(1, 4) + sp.Rational(9, 4) * (x1 * y1 + x2 * y2) / 2
    expected = sp.exp(4 * kxy)  # E[e^{2z+2z'}]/e^{2kxx+2kyy} = e^{2kxx+2kyy+4kxy}/e^{2kxx+2kyy}
    ok = _zero(mgf - sp.exp(t**2 / 2)) and _zero(sp.log(four) - sp.log(expected))
    return Identity("gauss-net neuron moments", "E e^{tS} = e^{t²/2}; E[h_x² h_y²] = e^{4k(x,y)}", ok)


def relu_diagonal() -> Identity:
    """E[relu(z)²] = k/2 for z ~ N(0, k), and the arc-cosine kernel at x = y (ϑ = 0) gives σ_b² + σ_W² k/2."""
    k = sp.Symbol("k", positive=True)
    second = sp.integrate(s**2 * sp.exp(-s**2 / (2 * k)), (s, 0, sp.oo)) / sp.sqrt(2 * sp.pi * k)
    arch = SingleLayer("relu", d=1, width=1, sigma_w=1.0, sigma_b=1.0)
    xv = sp.Symbol("x", positive=True)
    diag = kernel_expr(arch, [xv], [xv]) - 1
    return Identity("relu-net diagonal", "E[relu(z)²] = k/2; K(x,x) = σ_b² + σ_W² k(x,x)/2",
                    _zero(second - k / 2) and _zero(diag - (1 + xv**2) / 2))


def toy_parity_and_cumulant() -> Identity:
    """Even P(θ) ⇒ p(θ) = p(−θ) and μ_odd = 0, so G_odd = 0 (parity φ → −φ); the connected toy
    four-point function is (μ₄ − 3μ₂²) x₁x₂x₃x₄ (0 for a Gaussian, 12 s⁴ x₁x₂x₃x₄ for Laplace(s))."""
    xs = [[sp.Symbol(f"x{i}", real=True)] for i in range(1, 5)]
    prod = sp.Mul(*(v[0] for v in xs))
    ok = True
    for text in ("prior=normal,sigma=0.5", "prior=laplace,scale=2", "prior=uniform,a=-3,b=3"):
        prior = prior_from_spec(text)
        ok &= prior.is_even() and all(prior.moment(n) == 0 for n in (1, 3, 5))
        g4c = toy_correlator(prior, xs, connected=True)
        ok &= _zero(g4c - (prior.moment(4) - 3 * prior.moment(2) ** 2) * prod)
    skewed = prior_from_spec("prior=exponential,rate=1")
    ok &= (not skewed.is_even()) and skewed.moment(3) != 0
    return Identity("parity and toy G4c", "even P(θ) ⇒ G_odd = 0; G4c = (μ4 − 3μ2²)x1x2x3x4; exponential prior breaks parity", ok)


def all_identities(progress=None) -> list[Identity]:
    """Every identity above (about 10 s of sympy)."""
    checks = [phase_average, lambda: free_scalar_momentum_space(1), lambda: free_scalar_momentum_space(3),
              free_scalar_position_space_d1, free_scalar_radial_d3, free_scalar_rotation_invariance,
              cos_four_neuron_average, gauss_neuron_moments, relu_diagonal, toy_parity_and_cumulant]
    checks += [lambda a=a: rotation_invariance(a) for a in ("erf", "relu", "gauss", "cos")]
    results = []
    for check in checks:
        results.append(check())
        if progress:
            progress()
    return results
