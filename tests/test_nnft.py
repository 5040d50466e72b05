"""NN field theory: exact correlators (sympy), streaming Monte Carlo (torch), φ⁴ reweighting, CLI.

Monte Carlo tests use fixed seeds and tolerances of 5 standard errors, so they are deterministic and
their pass/fail does not depend on luck; sizes are small (the full-size figures come from
`pybridge nnft check`).
"""

import json
import math

import pytest
import sympy as sp
import torch
from click.testing import CliRunner

from pybridge.nnft import exact, identities, mc, phi4
from pybridge.nnft.arch import from_spec
from pybridge.nnft.commands import nnft
from pybridge.errors import SpecError

torch.set_num_threads(1)


def pybridge(capsys, *args):
    """Run ``pybridge ARGS`` in-process through the real entry point; (exit code, stdout, stderr)."""
    from pybridge.cli import main

    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


# --- exact side ---------------------------------------------------------------------------------

def test_identity_checker_rejects_a_false_identity():
    x = sp.Symbol("x", real=True)
    assert not identities._zero(sp.cos(x) ** 2 - 1)
    assert identities._zero(sp.cos(x) ** 2 + sp.sin(x) ** 2 - 1)


def test_closed_form_kernels_at_known_points():
    assert exact.two_point(from_spec("cos:sigma_w=2,sigma_b=0.5"), [0.3], [0.3]) == pytest.approx(0.25 + 2)
    relu = from_spec("relu:sigma_b=1")
    assert exact.two_point(relu, [2.0], [2.0]) == pytest.approx(1 + (1 + 4) / 2)
    gauss = from_spec("gauss:d=2,sigma_w=1,sigma_b=0")
    assert exact.two_point(gauss, [0, 0], [1, 1]) == pytest.approx(math.exp(-2 / 4))
    erf = from_spec("erf:sigma_b=0")
    assert exact.two_point(erf, [0.0], [1.0]) == pytest.approx(0.0)  # k(0, x) = 0 without bias


def test_free_scalar_propagator_approaches_the_continuum():
    for d, r, limit in ((1, 1.0, math.exp(-1) / 2), (3, 1.0, math.exp(-1) / (4 * math.pi))):
        arch = from_spec(f"free:d={d},cutoff=2000")
        assert exact.free_propagator(arch, r) == pytest.approx(limit, rel=2e-3)
    d1 = from_spec("free:d=1,cutoff=50")
    assert exact.free_propagator(d1, 0.0) == pytest.approx(math.atan(50) / math.pi)


def test_toy_model_moments_and_connected_four_point():
    toy = from_spec("toy:prior=laplace,scale=2")
    assert toy.prior.moment(4) == 24 * 16
    xs = [[1.0], [2.0], [-1.0], [0.5]]
    assert exact.correlator(toy, xs, connected=True) == pytest.approx((384 - 3 * 64) * -1.0)
    assert exact.correlator(from_spec("toy:prior=normal,sigma=3"), xs, connected=True) == pytest.approx(0.0)


# --- Monte Carlo --------------------------------------------------------------------------------

def test_streaming_moments_equal_the_one_shot_moments():
    data = torch.randn(1000, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(1)) * 3 + 1
    acc = mc.Comoments(3)
    for chunk in torch.split(data, 137):
        acc.add(chunk)
    assert torch.allclose(acc.mean, data.mean(0))
    assert torch.allclose(acc.covariance(), torch.cov(data.T))


def test_joint_cumulant_of_known_laws():
    normal = {s: torch.tensor(float([1, 0, 1, 0, 3][len(s)])) for s in mc._subsets(4)}  # N(0, 1) moments
    exponential = {s: torch.tensor(float(math.factorial(len(s)))) for s in mc._subsets(4)}  # Exp(1): k!
    assert float(mc.joint_cumulant(normal, 4)) == pytest.approx(0.0)
    assert float(mc.joint_cumulant(exponential, 4)) == pytest.approx(6.0)  # κ4 = 3!


@pytest.mark.parametrize("spec", ["erf:d=2,width=4", "relu:d=2,width=4", "gauss:d=2,width=4", "cos:d=2,width=4",
                                  "free:d=1,width=64,cutoff=100", "toy:prior=uniform,a=-1,b=2"])
def test_monte_carlo_two_point_agrees_with_exact(spec):
    arch = from_spec(spec)
    pts = [[0.0], [0.7], [1.5]] if arch.d == 1 else [[0.0, 0.0], [0.4, -0.3], [1.0, 0.5]]
    estimates = mc.g2_matrix(arch, torch.tensor(pts), 40_000, seed=11)
    for (p, q), est in estimates.items():
        assert abs(est.pull(exact.two_point(arch, pts[p], pts[q]))) < 5, (p, q, est)
        assert est.se < 0.05 * max(1.0, abs(est.value))


@pytest.mark.parametrize("spec", ["cos:d=2,width=2", "gauss:d=2,width=2,sigma_b=0.3"])
def test_monte_carlo_connected_four_point_agrees_with_closed_form(spec):
    arch = from_spec(spec)
    pts = [[0.0, 0.0], [0.3, 0.1], [-0.2, 0.4], [0.5, -0.3]]
    est = mc.correlator(arch, torch.tensor(pts), 100_000, connected=True, seed=5)
    ex = exact.correlator(arch, pts, connected=True)
    assert ex > 0.1 and abs(est.pull(ex)) < 5 and est.se < ex / 3


def test_connected_four_point_scales_as_one_over_width():
    widths = [1, 2, 4, 8, 16]
    points = torch.tensor([[0.0], [0.3], [0.6], [0.9]])
    estimates = [mc.correlator(from_spec(f"cos:sigma_b=0.5,width={n}"), points, 60_000, True, seed=n)
                 for n in widths]
    slope, se = mc.power_law_slope(widths, estimates)
    assert abs(slope + 1) < 0.2 and se < 0.1


def test_phi4_reweighting_matches_first_order_perturbation_theory():
    arch = from_spec("cos:width=100,sigma_b=0")
    xs = [[-0.3], [-0.1], [0.1], [0.3]]
    (row,) = phi4.measure(arch, xs, [0.1], 60_000, seed=2)
    assert row.prediction < 0 and abs(row.pull) < 4
    assert row.ess > 0.99 * row.nets


def test_bad_architecture_specs_are_rejected():
    for spec in ("tanh", "cos:width=0", "cos:widht=3", "relu:sigma_w=abc", "toy:prior=cauchy", "free:mass=-1"):
        with pytest.raises(SpecError):
            from_spec(spec)


# --- command line -------------------------------------------------------------------------------

def test_correlator_command_reports_exact_and_monte_carlo(capsys):
    code, out, err = pybridge(capsys, "nnft", "correlator", "--arch", "cos:width=4", "--n", "4", "--points", "0;0.3;0.6;0.9",
                      "--connected", "--nets", "50000", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["exact"] == pytest.approx(exact.correlator(from_spec("cos:width=4"), [[0], [0.3], [0.6], [0.9]], True))
    assert abs(data["pull"]) < 5 and data["se"] > 0


@pytest.mark.parametrize(("args", "message"), [
    (["--arch", "cos", "--n", "2", "--points", "0,1;2"], "coordinates"),
    (["--arch", "cos", "--n", "3", "--points", "0;1"], "--n 3"),
    (["--arch", "sigmoid", "--n", "2", "--points", "0;1"], "unknown name"),
])
def test_correlator_command_rejects_bad_input(capsys, args, message):
    code, out, err = pybridge(capsys, "nnft", "correlator", *args)
    assert code == 2 and message in err and out == ""


def test_check_writes_the_full_report(tmp_path):
    """The report, with every sympy identity (free-scalar G2(p) = 1/(p²+m²), kernels, symmetries) holding."""
    out = tmp_path / "report"
    result = CliRunner().invoke(nnft, ["check", "--out", str(out), "--nets", "4000", "--phi4-nets", "4000",
                                       "--throughput-nets", "4000"])
    assert result.exit_code in (0, 1), result.output
    names = {p.name for p in out.iterdir()}
    assert {"summary.md", "results.csv", "g2_vs_separation.png", "g4c_vs_width.png", "phi4.png"} <= names
    summary = (out / "summary.md").read_text()
    for heading in ("Symbolic identities", "Exact vs Monte Carlo", "Width scan", "φ⁴ deformation", "Throughput"):
        assert heading in summary
    identity_rows = [line for line in summary.split("## Exact vs Monte Carlo")[0].splitlines()
                     if line.startswith("| ") and line.endswith(" |") and "---" not in line][1:]
    assert len(identity_rows) >= 14 and all(line.endswith("| yes |") for line in identity_rows)
    rows = (out / "results.csv").read_text().splitlines()
    assert len(rows) > 50 and rows[0].startswith("architecture,quantity")


def test_check_rejects_too_few_networks(tmp_path):
    out = tmp_path / "never"
    result = CliRunner().invoke(nnft, ["check", "--out", str(out), "--nets", "1"])
    assert result.exit_code == 2 and not out.exists()
