"""Grid Ricci flow on T², NN flow vs grid flow, the Calabi–Yau σ check, NTK locality and frozen-ness."""

import math

import numpy as np
import pytest
import torch

from pybridge.errors import PybridgeError
from pybridge.metricflow import calabi_yau as cy
from pybridge.metricflow import ricci_fd as fd
from pybridge.metricflow.errors import FlowInputError


def _u0(m, eps):
    x, y = fd.grid(m)
    return eps * (np.cos(x) + 0.6 * np.sin(y) + 0.3 * np.cos(x + y))


def test_grid_flow_linear_decay_and_conserved_area():
    x, _ = fd.grid(16)
    u0 = 1e-6 * np.cos(x)
    (u,) = fd.ricci_flow(u0, [0.7])
    assert np.abs(u - math.exp(-0.7) * u0).max() < 1e-3 * 1e-6  # linearised: e^{−|k|²t}, |k| = 1
    big = _u0(16, 0.3)
    later = fd.ricci_flow(big, [0.2, 0.6])
    assert fd.area(later[-1]) == pytest.approx(fd.area(big), rel=1e-9)  # ∫R dA = 4πχ(T²) = 0
    amplitudes = [fd.perturbation_amplitude(u) for u in [big, *later]]
    assert amplitudes[0] > amplitudes[1] > amplitudes[2]


def test_central_differences_converge_to_spectral_at_second_order():
    reference = fd.ricci_flow(_u0(32, 0.2), [0.5])[0]
    coarse = fd.ricci_flow(_u0(16, 0.2), [0.5], method="central")[0]
    fine = fd.ricci_flow(_u0(32, 0.2), [0.5], method="central")[0]
    e_coarse = np.abs(coarse - reference[::2, ::2]).max()
    e_fine = np.abs(fine - reference).max()
    assert 3.0 < e_coarse / e_fine < 5.0  # O(h²)


@pytest.mark.parametrize("call", [
    lambda: fd.ricci_flow(np.zeros((8, 8)), [0.1], method="upwind"),
    lambda: fd.ricci_flow(np.zeros((8, 6)), [0.1]),
    lambda: fd.ricci_flow(np.zeros((8, 8)), [0.2, 0.1]),
    lambda: fd.ricci_flow(np.full((8, 8), np.nan), [0.1]),
    lambda: fd.euler_flow(np.zeros((8, 8)), -0.1, 3),
    lambda: cy.sample_torus(10, 0.5 - 1j, 0),
    lambda: cy.train_flat_metric(strength=1.0, epochs=1, train_points=10, test_points=50),
])
def test_bad_flow_input_is_a_clear_error(call):
    with pytest.raises(FlowInputError) as info:
        call()
    assert isinstance(info.value, PybridgeError) and str(info.value)


def test_nn_perelman_flow_follows_the_grid_ricci_flow():
    torch.set_num_threads(1)
    from pybridge.metricflow.torus_flow import torus_ricci_comparison

    result = torus_ricci_comparison(widths=(64,), frozen_pairs=130, grid=10, steps=8, flow_time=0.2)
    frozen, trained = result["rows"]
    assert result["fd_amplitudes"][-1] < 0.85  # the perturbation really decays over the flow time
    assert frozen["rel_u"] < 0.02 and frozen["non_conformal"] < 1e-10  # infinite-width kernel: conformal
    assert trained["rel_u"] < 0.10
    assert abs(frozen["amplitudes"][-1] - result["fd_amplitudes"][-1]) < 0.01


def test_sigma_measure_matches_closed_forms():
    ones = torch.ones(4000, dtype=torch.float64)
    assert cy.sigma_measure(3.0 * ones, ones, ones) == pytest.approx(0.0, abs=1e-15)  # normalisation-free
    a = (torch.arange(4000, dtype=torch.float64) + 0.5) / 4000
    det = 2.0 * (1 + 0.1 * torch.cos(2 * math.pi * a))
    assert cy.sigma_measure(det, ones, ones) == pytest.approx(0.2 / math.pi, rel=1e-4)  # E|0.1 cos| = 0.2/π


def test_monge_ampere_training_reaches_sigma_below_1e_3_on_fresh_points():
    torch.set_num_threads(1)
    result = cy.train_flat_metric(cutoff=5, epochs=3, train_points=1500, test_points=3000)
    assert result["sigma_start"] > 0.05  # the deformed start is far from Ricci-flat
    assert result["sigma_end"] < 1e-3
    assert result["max_deviation"] < 0.01 * result["start_deviation"]


def test_ntk_locality_and_frozenness_trends():
    torch.set_num_threads(1)
    from pybridge.metricflow.locality import frozenness_vs_width, locality_vs_cutoff, locality_vs_width

    k1, k4 = locality_vs_cutoff((1, 4), per_mode=2)
    assert k4["hwhm"] < 0.5 * k1["hwhm"]
    narrow, wide = locality_vs_width((32, 1024))
    assert wide["deviation"] < 0.5 * narrow["deviation"] and wide["mixing"] < narrow["mixing"]
    small, large = frozenness_vs_width((32, 512), steps=4, flow_time=0.1, probe_grid=4)
    assert large["ntk_change"] < 0.5 * small["ntk_change"]


def test_is_zero_jet_shortcut_is_sound():
    import sympy as sp

    from pybridge.metricflow.geometry import is_zero

    x, y = sp.symbols("x y", real=True)
    f = sp.Function("f")(x, y)
    assert is_zero(sp.Derivative(f, x, y) - sp.Derivative(f, y, x))  # mixed partials commute
    assert is_zero(sp.exp(-f) * sp.diff(f, x) ** 2 - sp.diff(f, x) * sp.diff(f, x) / sp.exp(f))
    assert not is_zero(sp.diff(f, x) - sp.diff(f, y))
    assert not is_zero(sp.diff(f, x, 2) * f - sp.diff(f, x) ** 2)
