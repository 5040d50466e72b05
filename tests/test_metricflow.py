"""Metric flows: sympy identities, torch curvature, NN Perelman flow on S², NTK prediction."""

import subprocess
import sys

import pytest
import sympy as sp
import torch

from pybridge.metricflow import curvature as C
from pybridge.metricflow.geometry import Metric, flat_torus, is_zero, round_sphere
from pybridge.metricflow.perelman import first_variation_defect, generic_symmetric, varied_density_derivative

x, y, z = sp.symbols("x y z", real=True)


@pytest.mark.parametrize("n", [2, 3])
def test_round_sphere_is_einstein(n):
    r = sp.Symbol("r", positive=True)
    sphere = round_sphere(n)
    assert is_zero(sphere.ricci - (n - 1) / r**2 * sphere.g)
    assert is_zero(sphere.scalar() - n * (n - 1) / r**2)


@pytest.mark.parametrize("n", [2, 3])
def test_flat_torus_is_ricci_flat(n):
    assert is_zero(flat_torus(n).ricci)


def test_perelman_first_variation_generic_2d_metric():
    E, F, G, phi = (sp.Function(k)(x, y) for k in ("E", "F", "G", "phi"))
    metric = Metric((x, y), sp.Matrix([[E, F], [F, G]]), simplify=False)
    assert is_zero(first_variation_defect(metric, phi, generic_symmetric((x, y))))


def test_perelman_first_variation_3d_diagonal_metric():
    a, b, c, phi = (sp.Function(k)(x, y, z) for k in ("a", "b", "c", "phi"))
    metric = Metric((x, y, z), sp.diag(a, b, c), simplify=False)
    assert is_zero(first_variation_defect(metric, phi, generic_symmetric((x, y, z))))


def test_first_variation_fails_outside_the_measure_preserving_class():
    """With δφ = 0 instead of tr(h)/2 the identity must not hold: the defect is nonzero somewhere."""
    u, phi = sp.sin(x) * sp.cos(y) / 3, sp.cos(x + 2 * y) / 2
    metric = Metric((x, y), sp.exp(2 * u) * sp.eye(2), simplify=False)
    h = sp.Matrix([[sp.cos(x), sp.sin(y)], [sp.sin(y), 1 + sp.cos(x) ** 2]])
    good = first_variation_defect(metric, phi, h)
    from pybridge.metricflow import perelman
    wrong = perelman.f_density(Metric((x, y), metric.g + perelman.EPS * h, simplify=False), phi)
    shift = sp.diff(wrong, perelman.EPS).subs(perelman.EPS, 0) - varied_density_derivative(metric, phi, h)
    point = {x: 0.7, y: -0.4}
    assert abs(float(good.subs(point).evalf())) < 1e-10
    assert abs(float(shift.subs(point).evalf())) > 1e-3


def test_torch_ricci_matches_sympy():
    G = sp.Matrix([[2 + sp.sin(x) * y, sp.cos(y) / 3], [sp.cos(y) / 3, 1.5 + sp.cos(x) ** 2]])
    reference = sp.lambdify((x, y), Metric((x, y), G, simplify=False).ricci)

    def fn(u):
        X, Y = u[:, 0], u[:, 1]
        off = torch.cos(Y) / 3
        return torch.stack([torch.stack([2 + torch.sin(X) * Y, off], -1),
                            torch.stack([off, 1.5 + torch.cos(X) ** 2], -1)], -2)

    u = torch.tensor([[0.3, 1.1], [2.0, -0.5]], dtype=torch.float64)
    ric = C.ricci(*C.jet(fn, u)).detach()
    for p, point in enumerate(u.tolist()):
        assert torch.allclose(ric[p], torch.tensor(reference(*point), dtype=torch.float64), atol=1e-12)


def test_sphere_net_starts_round_in_both_charts():
    from pybridge.metricflow.experiments import sphere_sample
    from pybridge.metricflow.nn import SphereMetricNet

    model = SphereMetricNet(32, radius=2.0).double()
    for chart, u, _ in sphere_sample(40):
        model.chart = chart
        g, dg, ddg = C.jet(model, u)
        assert torch.allclose(C.scalar(g, C.ricci(g, dg, ddg)), torch.full((len(u),), 0.5, dtype=torch.float64))


def test_nn_perelman_flow_shrinks_round_sphere_at_the_ricci_rate():
    torch.set_num_threads(1)
    from pybridge.metricflow.experiments import sphere_flow

    result = sphere_flow(steps=8)
    assert result["exact_rate"] == -2.0
    assert result["fitted_rate"] == pytest.approx(result["exact_rate"], rel=0.05)


def test_ntk_prediction_matches_realised_update_better_when_wider():
    torch.set_num_threads(1)
    from pybridge.metricflow.experiments import ntk_width_sweep

    narrow, wide = ntk_width_sweep(widths=(8, 128), steps=3)
    assert wide["mean_relative_error"] < narrow["mean_relative_error"]
    assert wide["max_relative_error"] < 0.05
    assert wide["loss_end"] < wide["loss_start"]  # ∫|Ric|² decreases under the flow


def test_flow_check_rejects_bad_size(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pybridge.cli", "flow", "check", "--size", "huge",
                             "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "huge" in result.stderr
    assert not (tmp_path / "o").exists()
