"""Neural-network architectures with parameter distributions P(θ): each defines a random field φ_θ(x).

Conventions (Halverson–Maiti–Stoner, MLST 2 (2021) 035002; Halverson, arXiv:2112.04527 eq. 11):

* single layer, width N, input x ∈ R^d:  φ(x) = Σ_i W1_i h(W0_i·x + b0_i) + b1 with
  W0 ~ N(0, σ_W²/d), W1 ~ N(0, σ_W²/N), b0, b1 ~ N(0, σ_b²); activations ``erf``, ``relu``,
  ``gauss`` (h(z) = e^z / e^{k(x,x)}, the normalised exponential, k(x,x) = σ_b² + σ_W²|x|²/d) and
  ``cos`` (h = cos, with b0 ~ U[−π, π]);
* free scalar (eq. 11):  φ(x) = C Σ_i a_i cos(b_i·x + c_i) / √(b_i² + m²), a ~ N(0, σ_a²/N),
  b uniform in the ball B_Λ ⊂ R^d, c ~ U[−π, π], C² = 2 vol(B_Λ) / (σ_a² (2π)^d);
* linear toy model φ(x) = θ x (x ∈ R) with a prior P(θ) from :mod:`pybridge.nnft.priors`.

Every architecture samples ``nets`` independent networks and returns their values at the given points,
a ``(nets, P)`` tensor; parameters are drawn in one batch, so memory is O(nets · N · P).

>>> import torch
>>> arch = from_spec("cos:width=4,d=2")
>>> arch.sample(torch.zeros(3, 2), 5, torch.Generator().manual_seed(0)).shape
torch.Size([5, 3])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import torch

from ..errors import SpecError
from .priors import Prior, prior_from_spec

ACTIVATIONS = ("erf", "relu", "gauss", "cos")


@dataclass(frozen=True)
class SingleLayer:
    """One hidden layer of width N with activation erf, relu, gauss or cos (conventions above)."""

    activation: str
    d: int = 1
    width: int = 8
    sigma_w: float = 1.0
    sigma_b: float = 1.0

    @property
    def name(self) -> str:
        return f"{self.activation}-net"

    def describe(self) -> str:
        return f"{self.name} (d={self.d}, N={self.width}, σ_W={self.sigma_w:g}, σ_b={self.sigma_b:g})"

    def sample(self, points: torch.Tensor, nets: int, gen: torch.Generator,
               dtype: torch.dtype = torch.float32) -> torch.Tensor:
        """Values φ_θ(x_p) of ``nets`` independent networks at ``points`` (shape (P, d)) → (nets, P)."""
        n, d = self.width, self.d
        x = points.to(dtype)
        w0 = torch.randn(nets, n, d, generator=gen, dtype=dtype) * (self.sigma_w / math.sqrt(d))
        if self.activation == "cos":
            b0 = (torch.rand(nets, n, 1, generator=gen, dtype=dtype) * 2 - 1) * math.pi
        else:
            b0 = torch.randn(nets, n, 1, generator=gen, dtype=dtype) * self.sigma_b
        z = w0 @ x.T + b0
        h = self._activate(z, x)
        w1 = torch.randn(nets, 1, n, generator=gen, dtype=dtype) * (self.sigma_w / math.sqrt(n))
        b1 = torch.randn(nets, 1, generator=gen, dtype=dtype) * self.sigma_b
        return (w1 @ h).squeeze(1) + b1

    def _activate(self, z: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        if self.activation == "erf":
            return torch.erf(z)
        if self.activation == "relu":
            return torch.relu(z)
        if self.activation == "cos":
            return torch.cos(z)
        k_diag = self.sigma_b**2 + self.sigma_w**2 * (x * x).sum(dim=1) / self.d
        return torch.exp(z - k_diag)


@dataclass(frozen=True)
class FreeScalar:
    """The plane-wave network of eq. (11), whose two-point function is the cut-off free propagator."""

    d: int = 1
    width: int = 512
    mass: float = 1.0
    cutoff: float = 1000.0
    sigma_a: float = 1.0

    @property
    def name(self) -> str:
        return "free-scalar"

    def describe(self) -> str:
        return f"free scalar (d={self.d}, N={self.width}, m={self.mass:g}, Λ={self.cutoff:g})"

    def ball_volume(self) -> float:
        """vol(B_Λ) = π^{d/2} Λ^d / Γ(d/2 + 1)."""
        return math.pi ** (self.d / 2) * self.cutoff**self.d / math.gamma(self.d / 2 + 1)

    def sample(self, points: torch.Tensor, nets: int, gen: torch.Generator,
               dtype: torch.dtype = torch.float32) -> torch.Tensor:
        """Values of ``nets`` free-scalar networks at ``points`` (P, d) → (nets, P)."""
        n, d = self.width, self.d
        direction = torch.randn(nets, n, d, generator=gen, dtype=dtype)
        direction = direction / direction.norm(dim=2, keepdim=True).clamp_min(1e-30)
        radius = self.cutoff * torch.rand(nets, n, 1, generator=gen, dtype=dtype) ** (1.0 / d)
        b = direction * radius
        c = (torch.rand(nets, n, 1, generator=gen, dtype=dtype) * 2 - 1) * math.pi
        a = torch.randn(nets, 1, n, generator=gen, dtype=dtype) * (self.sigma_a / math.sqrt(n))
        scale = math.sqrt(2 * self.ball_volume() / (self.sigma_a**2 * (2 * math.pi) ** d))
        waves = torch.cos(b @ points.to(dtype).T + c) / torch.sqrt((b * b).sum(2, keepdim=True) + self.mass**2)
        return scale * (a @ waves).squeeze(1)


@dataclass(frozen=True)
class LinearToy:
    """φ(x) = θ x for x ∈ R, θ ~ P(θ): the correlators are G_n = μ_n x_1⋯x_n with μ_n = E[θⁿ]."""

    prior: Prior
    d: int = 1

    @property
    def name(self) -> str:
        return f"toy[{self.prior.label()}]"

    def describe(self) -> str:
        return f"linear toy φ=θx, θ ~ {self.prior.label()}"

    def sample(self, points: torch.Tensor, nets: int, gen: torch.Generator,
               dtype: torch.dtype = torch.float32) -> torch.Tensor:
        theta = self.prior.sample(nets, gen, dtype)
        return theta[:, None] * points.to(dtype)[:, 0][None, :]


Architecture = SingleLayer | FreeScalar | LinearToy


def _parse_options(text: str, spec: str) -> dict[str, str]:
    options = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise SpecError(f"architecture {spec!r}: expected key=value, got {item!r}")
        options[key.strip()] = value.strip()
    return options


def _build(cls, options: dict[str, str], spec: str, **fixed):
    known = {f.name: f.type for f in fields(cls) if f.name not in fixed}
    kwargs = dict(fixed)
    for key, value in options.items():
        if key not in known:
            raise SpecError(f"architecture {spec!r}: unknown option {key!r}; choose from {', '.join(known)}")
        try:
            kwargs[key] = int(value) if known[key] in ("int", int) else float(value)
        except ValueError:
            raise SpecError(f"architecture {spec!r}: {key}={value!r} is not a number") from None
    arch = cls(**kwargs)
    _validate(arch, spec)
    return arch


def _validate(arch, spec: str) -> None:
    for name in ("d", "width"):
        if getattr(arch, name, 1) < 1:
            raise SpecError(f"architecture {spec!r}: {name} must be a positive integer")
    for name in ("sigma_w", "sigma_a", "mass", "cutoff"):
        if getattr(arch, name, 1.0) <= 0:
            raise SpecError(f"architecture {spec!r}: {name} must be positive")
    if getattr(arch, "sigma_b", 0.0) < 0:
        raise SpecError(f"architecture {spec!r}: sigma_b must be non-negative")


def from_spec(spec: str) -> Architecture:
    """Parse ``NAME[:key=value,...]``: ``erf|relu|gauss|cos`` (d, width, sigma_w, sigma_b),
    ``free`` (d, width, mass, cutoff, sigma_a) or ``toy:prior=KIND,...`` (see
    :func:`pybridge.nnft.priors.prior_from_spec`).

    >>> from_spec("relu:width=16,sigma_b=0.5").describe()
    'relu-net (d=1, N=16, σ_W=1, σ_b=0.5)'
    """
    name, _, rest = spec.strip().partition(":")
    if name == "toy":
        return LinearToy(prior_from_spec(rest, spec))
    options = _parse_options(rest, spec)
    if name in ACTIVATIONS:
        return _build(SingleLayer, options, spec, activation=name)
    if name == "free":
        return _build(FreeScalar, options, spec)
    raise SpecError(f"architecture {spec!r}: unknown name {name!r}; choose from "
                    f"{', '.join(ACTIVATIONS)}, free, toy")
