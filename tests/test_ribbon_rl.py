"""The ribbon RL agent (pybridge.ribbon.rl): shipped policy, training, the missing-policy error.

Every success of the policy is re-checked by the trusted checker: the policy itself is never trusted.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("sb3_contrib")
pytest.importorskip("spherogram")

from pybridge.ribbon.bands import ribbon_certificate  # noqa: E402
from pybridge.ribbon.rl import (  # noqa: E402
    DEFAULT_POLICY_PATH,
    load_ribbon_policy,
    metadata_path,
    rl_ribbon,
    train_ribbon,
)
from pybridge.certs import check_certificate  # noqa: E402
from pybridge.ribbon.env import as_state  # noqa: E402
from pybridge.errors import EXIT_TOOL_MISSING, ToolMissingError  # noqa: E402


def test_shipped_policy_certifies_an_easy_knot():
    if not DEFAULT_POLICY_PATH.exists():
        pytest.skip("no ribbon policy shipped")
    start = as_state("8_20")
    result = rl_ribbon(start, budget_s=25.0, seed=0)
    assert result.path is not None and result.agent == "rl", result.notes
    verdict = check_certificate(ribbon_certificate(start, result.path, {"agent": "rl", "seed": 0}))
    assert verdict.valid, verdict


def test_shipped_policy_has_a_training_record():
    if not DEFAULT_POLICY_PATH.exists():
        pytest.skip("no ribbon policy shipped")
    meta = json.loads(metadata_path(DEFAULT_POLICY_PATH).read_text())
    assert meta["algo"] == "maskable_ppo" and meta["steps_done"] > 0 and meta["command"]
    assert meta["env"]["top_k"] >= 1 and meta["train_wall_s"] <= 700
    assert not any(name.startswith("12") for name in meta["training_knots"])


def test_missing_policy_says_how_to_train_one(tmp_path):
    with pytest.raises(ToolMissingError, match="pybridge train ribbon") as info:
        rl_ribbon(as_state("8_20"), budget_s=1.0, seed=0, path=tmp_path / "none.zip")
    assert info.value.exit_code == EXIT_TOOL_MISSING


def test_training_a_few_steps_saves_a_loadable_policy(tmp_path):
    knots = [("9_46", as_state("9_46")), ("8_20", as_state("8_20"))]
    out = train_ribbon(steps=16, out=tmp_path / "policy.zip", seed=0, knots=knots, progress=False,
                       env_kwargs=dict(top_k=4, pool=6, settle_s=0.3, harder_s=0.3, max_steps=3),
                       command="test")
    assert out.exists()
    model, meta = load_ribbon_policy(out)
    assert meta["steps_done"] >= 16 and meta["training_knots"] == ["9_46", "8_20"] and meta["env"]["top_k"] == 4
    assert model.action_space.n == 5
    result = rl_ribbon(as_state("9_46"), budget_s=15.0, seed=0, path=out)
    if result.path is not None:
        assert check_certificate(ribbon_certificate(as_state("9_46"), result.path, {"agent": "rl"})).valid


def test_train_cli_rejects_bad_options():
    from click.testing import CliRunner

    from pybridge.cli import cli

    assert CliRunner().invoke(cli, ["train", "ribbon", "--steps", "0"]).exit_code == 2
    assert CliRunner().invoke(cli, ["train", "ribbon", "--time-limit-s", "0"]).exit_code == 2
    assert "MaskablePPO" in CliRunner().invoke(cli, ["train", "ribbon", "--help"]).output
