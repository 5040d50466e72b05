"""Parameter priors P(θ) for the linear toy model, each with an exact (sympy.stats) and a sampled (torch) form.

Moments μ_n = E[θⁿ] come from sympy.stats, so they are exact rationals or closed forms, e.g. for
θ ~ N(0, σ²): μ_4 = 3σ⁴; for θ ~ Laplace(0, s): μ_4 = 24 s⁴.

>>> prior_from_spec("prior=laplace,scale=1").moment(4)
24
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy
import sympy.stats as st
import torch

from ..errors import SpecError

# kind -> (parameter names with defaults)
KINDS: dict[str, dict[str, float]] = {
    "normal": {"sigma": 1.0},
    "uniform": {"a": -1.0, "b": 1.0},
    "laplace": {"scale": 1.0},
    "exponential": {"rate": 1.0},
}


@dataclass(frozen=True)
class Prior:
    """θ ~ normal(0, sigma²) | uniform[a, b] | laplace(0, scale) | exponential(rate)."""

    kind: str
    params: tuple[tuple[str, float], ...]

    def value(self, name: str) -> float:
        return dict(self.params)[name]

    def label(self) -> str:
        return f"{self.kind}(" + ", ".join(f"{k}={v:g}" for k, v in self.params) + ")"

    def random_variable(self, symbol: str = "theta"):
        """The sympy.stats random variable (parameters as exact rationals)."""
        p = {k: sympy.nsimplify(v) for k, v in self.params}
        if self.kind == "normal":
            return st.Normal(symbol, 0, p["sigma"])
        if self.kind == "uniform":
            return st.Uniform(symbol, p["a"], p["b"])
        if self.kind == "laplace":
            return st.Laplace(symbol, 0, p["scale"])
        return st.Exponential(symbol, p["rate"])

    def moment(self, n: int):
        """μ_n = E[θⁿ], exact (sympy)."""
        return _moment(self, n)

    def is_even(self) -> bool:
        """True iff the density satisfies p(θ) = p(−θ) identically (checked symbolically)."""
        rv = self.random_variable()
        t = sympy.Symbol("t", real=True)
        density = st.density(rv)(t)
        return sympy.simplify(density - density.subs(t, -t)) == 0

    def sample(self, count: int, gen: torch.Generator, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        """``count`` independent draws of θ."""
        u = torch.rand(count, generator=gen, dtype=torch.float64).clamp_min(1e-300)
        if self.kind == "normal":
            out = torch.randn(count, generator=gen, dtype=torch.float64) * self.value("sigma")
        elif self.kind == "uniform":
            out = self.value("a") + (self.value("b") - self.value("a")) * u
        elif self.kind == "laplace":
            sign = torch.where(torch.rand(count, generator=gen, dtype=torch.float64) < 0.5, -1.0, 1.0)
            out = -sign * self.value("scale") * torch.log(u)
        else:
            out = -torch.log(u) / self.value("rate")
        return out.to(dtype)


@lru_cache(maxsize=256)
def _moment(prior: Prior, n: int):
    return sympy.simplify(st.E(prior.random_variable() ** n))


def prior_from_spec(text: str, spec: str | None = None) -> Prior:
    """Parse ``prior=KIND[,param=value...]`` (KIND in normal, uniform, laplace, exponential)."""
    spec = spec if spec is not None else text
    options = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        if not sep:
            raise SpecError(f"architecture {spec!r}: expected key=value, got {item!r}")
        options[key.strip()] = value.strip()
    kind = options.pop("prior", "normal")
    if kind not in KINDS:
        raise SpecError(f"architecture {spec!r}: unknown prior {kind!r}; choose from {', '.join(KINDS)}")
    params = dict(KINDS[kind])
    for key, value in options.items():
        if key not in params:
            raise SpecError(f"architecture {spec!r}: prior {kind} has no parameter {key!r} "
                            f"(it has {', '.join(params)})")
        try:
            params[key] = float(value)
        except ValueError:
            raise SpecError(f"architecture {spec!r}: {key}={value!r} is not a number") from None
    if any(params.get(k, 1.0) <= 0 for k in ("sigma", "scale", "rate")) or params.get("a", 0) >= params.get("b", 1):
        raise SpecError(f"architecture {spec!r}: prior parameters out of range {params}")
    return Prior(kind, tuple(params.items()))
