"""Locality and frozen-ness of the cos-feature metric-NTK on T² (the hypotheses of the local flow).

For :class:`.nn.TorusMetricNet` with integer frequencies k_a (|k|_∞ ≤ K), constant-mode factor c_a and
scale s = 1/√(2·pairs), the NTK of the log-metric components A_b (output weights and phases together)
has expectation over the random weights

    E Θ_bc(x, x') = 2 s² Σ_a c_a² cos(k_a·(x − x')) δ_bc,

which for frequencies stratified over the box is (2π²/M)·P_K(x − x') δ_bc, P_K the band-limited δ
(Dirichlet kernel of the box, M the number of modes up to ±k). So the kernel is local with
half-width ∝ 1/(K + ½) along an axis (1D Dirichlet kernel sin((K+½)s)/sin(s/2)), and the finite-width
fluctuation around it shrinks like (pairs per mode)^{−1/2}. Frozen-ness: in NTK parametrisation each
parameter moves by O(1/√N) during training, so ‖Θ_T − Θ₀‖/‖Θ₀‖ = O(1/√N) (Jacot–Gabriel–Hongler 2018).
"""

from __future__ import annotations

import math

import torch

from .errors import FlowInputError
from .experiments import DTYPE, torus_grid
from .nn import TorusMetricNet, integer_box
from .ntk import empirical_ntk, kernel_width, relative_change
from .torus_flow import nn_torus_flow, torus_net


def line_points(count: int = 48, length: float = math.pi) -> tuple[torch.Tensor, torch.Tensor]:
    """x₀ = (0.4, 1.1) and x₀ + s e₁ for ``count`` offsets s ∈ [0, length); returns (points, offsets)."""
    offsets = torch.arange(count, dtype=DTYPE) * length / count
    points = torch.stack([0.4 + offsets, torch.full_like(offsets, 1.1)], -1)
    return points, offsets


def expected_profile(model: TorusMetricNet, offsets: torch.Tensor) -> torch.Tensor:
    """E Θ_00(x₀, x₀ + s e₁) = 2 s² Σ_a c_a² cos(k_a,1 s) (module docstring) for the model's frequencies."""
    cos = model.features.net
    c2 = cos.amplitude[:, 0] ** 2
    return 2 * cos.scale**2 * (c2 * torch.cos(offsets[:, None] * cos.freqs[:, 0])).sum(-1)


def kernel_profile(model, points: torch.Tensor) -> torch.Tensor:
    """Θ[q, b, c] = Θ_{A_b A_c}(x₀, x_q) of the log-metric components, x₀ = points[0]."""
    return empirical_ntk(model, points, method="log_metric")[0].permute(1, 0, 2)


def locality_vs_cutoff(cutoffs=(1, 2, 4), per_mode: int = 4, seed: int = 3) -> list:
    """Half-width (HWHM along e₁) of Θ_00(x₀, x₀ + s e₁) for each cutoff K, with ``per_mode`` feature
    pairs per Fourier mode; HWHM·(K + ½) is constant for a Dirichlet-kernel shape."""
    if not cutoffs or min(cutoffs) < 1 or per_mode < 1:
        raise FlowInputError(f"need cutoffs ≥ 1 and per_mode ≥ 1, got {cutoffs}, {per_mode}")
    points, offsets = line_points()
    rows = []
    for cutoff in cutoffs:
        pairs = per_mode * len(integer_box(cutoff))
        model = TorusMetricNet(pairs, cutoff, seed=seed).to(DTYPE)
        profile = kernel_profile(model, points)[:, 0, 0]
        width = kernel_width(profile, offsets)
        rows.append({"cutoff": cutoff, "width": 2 * pairs, "hwhm": width, "hwhm_x_cutoff": width * (cutoff + 0.5),
                     "profile": (profile / profile[0]).tolist(), "offsets": offsets.tolist()})
    return rows


def locality_vs_width(pairs_list=(64, 256, 1024), cutoff: int = 2, seed: int = 3) -> list:
    """At fixed cutoff: ‖Θ_00 − EΘ_00‖/‖EΘ_00‖ along the line (distance to the infinite-width local
    kernel) and the component mixing max_q |Θ_bc(x₀, x_q)|, b ≠ c, over Θ_00(x₀, x₀), per width."""
    if not pairs_list or min(pairs_list) < 1:
        raise FlowInputError(f"widths must be positive, got {pairs_list}")
    points, offsets = line_points()
    rows = []
    for pairs in pairs_list:
        model = TorusMetricNet(int(pairs), cutoff, seed=seed).to(DTYPE)
        theta = kernel_profile(model, points)
        expected = expected_profile(model, offsets)
        deviation = float(torch.linalg.norm(theta[:, 0, 0] - expected) / torch.linalg.norm(expected))
        off = theta - torch.diag_embed(torch.diagonal(theta, dim1=1, dim2=2))
        rows.append({"width": 2 * int(pairs), "deviation": deviation,
                     "mixing": float(off.abs().max() / theta[0, 0, 0]),
                     "hwhm": kernel_width(theta[:, 0, 0], offsets)})
    return rows


def frozenness_vs_width(pairs_list=(64, 256, 1024), cutoff: int = 2, steps: int = 15, flow_time: float = 0.3,
                        probe_grid: int = 6) -> list:
    """‖Θ_T − Θ₀‖_F/‖Θ₀‖_F of the log-metric NTK on a probe grid, before and after the NN Perelman flow
    of the perturbed torus (:func:`.torus_flow.nn_torus_flow`, same flow time at every width)."""
    if not pairs_list or min(pairs_list) < 1:
        raise FlowInputError(f"widths must be positive, got {pairs_list}")
    probe = torus_grid(probe_grid)[0][1]
    rows = []
    for pairs in pairs_list:
        model = torus_net(int(pairs), cutoff)
        before = empirical_ntk(model, probe, method="log_metric")
        result = nn_torus_flow(int(pairs), cutoff, steps=steps, flow_time=flow_time, model=model)
        after = empirical_ntk(model, probe, method="log_metric")
        rows.append({"width": 2 * int(pairs), "ntk_change": relative_change(before, after),
                     "amplitude_end": result["amplitudes"][-1] / result["amplitudes"][0]})
    return rows
