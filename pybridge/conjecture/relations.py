"""Candidate relations between invariants: linear fits, symbolic regression, inequality templates.

The inequality template is the one of Davies-Juhasz-Lackenby-Tomasev (Geom. Topol. 28 (2024)),
found with the saliency analysis of Davies et al. (Nature 600 (2021)):

    |2*sigma(K) - slope(K)| <= c * vol(K) * inj(K)^(-3).

For data rows the smallest constant that holds is ``c* = max |2 sigma - slope| * inj^3 / vol``; every
row with ``ratio = |2 sigma - slope| * inj^3 / vol > c`` violates the bound with constant ``c``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import PybridgeError


@dataclass(frozen=True)
class LinearFit:
    """``target ~ coefficients . features + intercept`` by least squares, with R^2 on the fitted rows."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    r2: float

    def formula(self, target: str) -> str:
        terms = " ".join(f"{c:+.4f}*{f}" for c, f in zip(self.coefficients, self.features))
        return f"{target} ~ {terms} {self.intercept:+.4f}"


def linear_fit(x: np.ndarray, y: np.ndarray, features: list[str]) -> LinearFit:
    """Ordinary least squares of ``y`` on the columns of ``x`` plus a constant."""
    design = np.column_stack([x, np.ones(len(x))])
    solution, *_ = np.linalg.lstsq(design, y, rcond=None)
    return LinearFit(tuple(features), tuple(map(float, solution[:-1])), float(solution[-1]), r_squared(design @ solution, y))


def r_squared(predicted: np.ndarray, actual: np.ndarray) -> float:
    """Coefficient of determination 1 - SS_res/SS_tot (NaN for constant ``actual``)."""
    total = float(np.sum((actual - np.mean(actual)) ** 2))
    return 1 - float(np.sum((actual - predicted) ** 2)) / total if total > 0 else math.nan


@dataclass(frozen=True)
class SymbolicFit:
    """A gplearn program for the target, with R^2 on training and held-out rows."""

    program: str
    features: tuple[str, ...]
    r2_train: float
    r2_test: float


def symbolic_fit(x: np.ndarray, y: np.ndarray, features: list[str], seed: int = 0, generations: int = 12,
                 population: int = 600, test_fraction: float = 0.3) -> SymbolicFit:
    """Genetic-programming symbolic regression (gplearn ``SymbolicRegressor``; Koza 1992) of ``y`` on
    ``x`` with the function set {add, sub, mul, div}; variables are renamed to the feature names."""
    from gplearn.genetic import SymbolicRegressor

    order = np.random.default_rng(seed).permutation(len(x))
    cut = int(len(x) * (1 - test_fraction))
    train, test = order[:cut], order[cut:]
    model = SymbolicRegressor(population_size=population, generations=generations, function_set=("add", "sub", "mul", "div"),
                              parsimony_coefficient=0.001, random_state=seed, n_jobs=1, verbose=0)
    model.fit(x[train], y[train])
    program = str(model._program)
    for index in sorted(range(len(features)), reverse=True):  # X10 before X1
        program = program.replace(f"X{index}", features[index])
    return SymbolicFit(program, tuple(features), r_squared(model.predict(x[train]), y[train]),
                       r_squared(model.predict(x[test]), y[test]))


def bound_ratio(signature, slope, volume, inj) -> np.ndarray:
    """``|2 sigma - slope| * inj^3 / vol`` per row: the constant each row needs in the template."""
    signature, slope, volume, inj = (np.asarray(a, dtype=float) for a in (signature, slope, volume, inj))
    if np.any(volume <= 0) or np.any(inj <= 0):
        raise PybridgeError("bound ratio needs positive volume and injectivity radius on every row")
    return np.abs(2 * signature - slope) * inj ** 3 / volume


@dataclass(frozen=True)
class BoundFit:
    """The smallest constant on the training rows, the extremal rows, and a reported constant ``c``
    (``c_min`` rounded up to ``digits`` significant digits, so it holds on every training row)."""

    c_min: float
    c: Fraction
    extremal: tuple[tuple[str, float], ...]
    rows: int


def fit_bound(names: list[str], ratio: np.ndarray, digits: int = 3, top: int = 5) -> BoundFit:
    """Smallest ``c`` with ``ratio <= c`` on all rows, rounded up; the ``top`` rows with largest ratio."""
    if len(ratio) == 0:
        raise PybridgeError("no rows to fit the bound constant on")
    c_min = float(np.max(ratio))
    order = np.argsort(-ratio)[:top]
    return BoundFit(c_min, round_up(c_min, digits), tuple((names[i], float(ratio[i])) for i in order), len(ratio))


def round_up(value: float, digits: int) -> Fraction:
    """``value`` rounded up (towards +infinity) to ``digits`` significant digits, exactly (a decimal)."""
    if value <= 0:
        return Fraction(0)
    exponent = digits - 1 - math.floor(math.log10(value))
    scale = Fraction(10) ** exponent
    return Fraction(math.ceil(Fraction(value) * scale)) / scale
