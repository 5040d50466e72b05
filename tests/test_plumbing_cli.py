"""`pybridge plumbing equiv`, `pybridge bench plumbing`, PlumbingEnv and the graph-neural agent."""

from __future__ import annotations

import csv
import random

import gymnasium as gym
import numpy as np
import pytest
import torch
import yaml
from click.testing import CliRunner

from pybridge.certs.checker import check_file
from pybridge.cli import cli, main
from pybridge.plumbing.env import ILLEGAL_PENALTY, PlumbingEnv
from pybridge.plumbing import gnn
from pybridge.plumbing.actions import action_move
from pybridge.plumbing.graph import complexity, parse_inline, random_tree, to_document
from pybridge.plumbing.scramble import scramble


def run_main(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return exit_info.value.code, capsys.readouterr()


def test_equiv_writes_a_valid_certificate_from_files_and_inline(tmp_path, capsys):
    rng = random.Random(4)
    a = random_tree(7, rng)
    b, _ = scramble(a, 12, rng)
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(to_document(a)))
    (tmp_path / "b.json").write_text(__import__("json").dumps(to_document(b)))
    result = CliRunner().invoke(cli, ["plumbing", "equiv", str(tmp_path / "a.yaml"), str(tmp_path / "b.json"),
                                      "--out", str(tmp_path / "out"), "--budget-s", "10"])
    assert result.exit_code == 0, result.output
    path = result.output.strip()
    assert path.endswith(".yaml") and "plumbing-equivalence-a_b-" in path and check_file(path).valid
    result = CliRunner().invoke(cli, ["plumbing", "equiv", "g:-2,1,-2/0-1,1-2", "g:-3,-3/0-1", "--json",
                                      "--out", str(tmp_path / "out2")])
    assert result.exit_code == 0 and '"status": "certified"' in result.output


def test_equiv_refutes_by_the_invariant_and_writes_nothing(tmp_path, capsys):
    code, out = run_main(["plumbing", "equiv", "g:-5", "g:-2,-2/0-1", "--out", str(tmp_path)], capsys)
    assert code == 1 and "|det Q| differs: 5 vs 3" in out.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,message", [
    (["g:-2,-2,-2/0-1,1-2,2-0", "g:-3"], "not a forest"),
    (["g:-2", "missing.yaml"], "cannot read"),
    (["g:-2", "g:-2", "--budget-s", "0"], "must be positive"),
])
def test_equiv_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, args, message):
    code, out = run_main(["plumbing", "equiv", *args, "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and message in out.err + out.out
    assert not (tmp_path / "o").exists()


def test_info_reports_h1_and_signature(capsys):
    result = CliRunner().invoke(cli, ["plumbing", "info", "g:-2,-2,-2/0-1,1-2", "--json"])
    data = __import__("json").loads(result.output)
    assert data["h1_order"] == 4 and data["h1_factors"] == [4] and data["signature"] == -3


def test_bench_writes_results_summary_and_plot(tmp_path):
    out = tmp_path / "bench"
    result = CliRunner().invoke(cli, ["bench", "plumbing", "--pairs", "6", "--hard-pairs", "2", "--nonequiv-pairs", "2",
                                      "--hard-agents", "beam,random", "--coq-sample", "0", "--budget-s", "4",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "results.csv").open()))
    assert {r["set"] for r in rows} == {"ri-putrov", "hard", "non-equivalent", "non-equivalent-no-invariant"}
    ri = [r for r in rows if r["set"] == "ri-putrov"]
    certified = [r for r in ri if r["certified"] == "True"]
    assert len(ri) == 6 and len(certified) >= 5 and all(check_file(r["certificate"]).valid for r in certified)
    neq = [r for r in rows if r["set"].startswith("non-equivalent")]
    assert all(r["certified"] == "False" for r in neq)
    assert all(r["status"] == "refuted" for r in neq if r["set"] == "non-equivalent")
    summary = (out / "summary.md").read_text()
    assert f"| auto | {len(certified)}/6 (" in summary and "refuted 2/2" in summary
    assert (out / "plot.png").read_bytes()[:4] == b"\x89PNG"
    bad = CliRunner().invoke(cli, ["bench", "plumbing", "--agents", "nope", "--out", str(tmp_path / "x")])
    assert bad.exit_code != 0 and not (tmp_path / "x").exists()


def test_env_rewards_masks_and_termination():
    env = gym.make("pybridge/Plumbing-v0").unwrapped
    assert isinstance(env, PlumbingEnv)
    start = parse_inline("g:-2,1,-3/0-1,1-2")
    obs, info = env.reset(seed=0, options={"graph": start, "target": parse_inline("g:-3,-4/0-1")})
    assert obs["features"].shape == (48, 8) and obs["vertex_mask"].sum() == 3
    mask = info["action_mask"]
    legal_reductions = [a for a in np.flatnonzero(mask) if action_move(start, a)[0].startswith("blowdown")]
    assert [action_move(start, a) for a in legal_reductions] == [("blowdown_edge", 1)]
    illegal = int(np.flatnonzero(~mask)[0])
    _, reward, terminated, _, _ = env.step(illegal)
    assert reward == ILLEGAL_PENALTY and not terminated and complexity(env.graph) == complexity(start)
    _, reward, terminated, _, _ = env.step(legal_reductions[0])
    assert terminated and reward == complexity(start) - complexity(parse_inline("g:-3,-4/0-1"))
    obs, info = env.reset(seed=3)  # random episode: a scrambled tree
    assert info["vertices"] >= 1 and info["action_mask"].any()


def test_gnn_shapes_and_masking():
    model = gnn.PlumbingGNN()
    graph = parse_inline("g:-2,1,0,-3/0-1,1-2,2-3")
    with torch.no_grad():
        dist, value = gnn.distribution(model, graph)
    legal = torch.from_numpy(__import__("pybridge.plumbing.actions", fromlist=["x"]).action_mask(graph, gnn.MAX_VERTICES))
    assert dist.probs.shape == (5 * gnn.MAX_VERTICES,) and value.shape == ()
    assert float(dist.probs[~legal].sum()) == 0.0 and abs(float(dist.probs.sum()) - 1) < 1e-5


def test_trained_policy_prefers_reductions_and_certifies_pairs():
    """The committed weights put most probability on complexity-lowering moves (an untrained network
    spreads it over every legal action), and the rl agent connects scrambled pairs."""
    trained, untrained = gnn.load(), gnn.PlumbingGNN()
    env = PlumbingEnv(max_vertices=gnn.MAX_VERTICES)

    def reduction_mass(model, seed):
        env.reset(seed=seed)
        with torch.no_grad():
            dist, _ = gnn.distribution(model, env.graph)
        moves = {a: action_move(env.graph, a) for a in np.flatnonzero(dist.probs.detach().numpy() > 0)}
        return sum(float(dist.probs[a]) for a, m in moves.items() if m[0].startswith("blowdown") or m[0] == "absorb")

    seeds = [s for s in range(40, 60)]
    assert np.mean([reduction_mass(trained, s) for s in seeds]) > 0.6
    assert np.mean([reduction_mass(trained, s) for s in seeds]) > 2 * np.mean([reduction_mass(untrained, s) for s in seeds])
    rng = random.Random(9)
    solved = 0
    for k in range(8):
        a = random_tree(rng.randint(3, 10), rng)
        b, _ = scramble(a, rng.randint(5, 20), rng)
        solved += gnn.policy_search(a, b, budget_s=3, seed=k).found
    assert solved >= 6
