"""RibbonEnv: gymnasium conformance, masking, the documented reward, certificates from solved episodes."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

pytest.importorskip("spherogram")

from pybridge.ribbon.bands import ribbon_certificate  # noqa: E402
from pybridge.certs import check_certificate  # noqa: E402
from pybridge.ribbon.env import (  # noqa: E402  (importing it registers pybridge/Ribbon-v0)
    CANDIDATE_FEATURES, GLOBAL_FEATURES, RibbonEnv, as_state, knot_minus_knot)
from pybridge.moves.pd import replay  # noqa: E402

SMALL = dict(top_k=4, pool=8, settle_s=0.3, harder_s=0.3, max_steps=4, max_bands=2)


def small_knots():
    return [("8_20", as_state("8_20")), ("9_46", as_state("9_46")), ("3_1#-3_1", as_state(knot_minus_knot("3_1")))]


def test_registered_env_passes_the_gymnasium_checker():
    env = gym.make("pybridge/Ribbon-v0", knots=small_knots(), **SMALL)
    assert isinstance(env.unwrapped, RibbonEnv)
    check_env(env.unwrapped, skip_render_check=True)
    assert env.observation_space.shape == (4 * CANDIDATE_FEATURES + GLOBAL_FEATURES,)
    assert env.action_space.n == 5


def test_mask_allows_the_candidates_and_simplify_harder():
    env = RibbonEnv(small_knots(), **SMALL)
    for seed in range(3):
        obs, info = env.reset(seed=seed)
        assert env.observation_space.contains(obs)
        mask = env.action_masks()
        assert mask.dtype == bool and mask.shape == (5,)
        assert list(mask[:4]) == [i < len(env.candidates) for i in range(4)] and mask[4]
        assert 1 <= len(env.candidates) <= 4 and info["candidates"] == len(env.candidates)
        estimates = [c.estimate for c in env.candidates]
        assert estimates == sorted(estimates)  # ranked by the look-ahead
        # the observation's first slot describes the best candidate
        c = env.path.state.crossing_count
        assert obs[0] == 1.0 and obs[1] == pytest.approx(estimates[0] / c)


def test_masked_action_changes_nothing_and_is_penalised():
    env = RibbonEnv(small_knots(), **SMALL)
    env.reset(seed=0, options={"knot": "8_20"})
    env.candidates = env.candidates[:1]  # only one candidate left: band actions 1..3 are masked
    assert list(env.action_masks()) == [True, False, False, False, True]
    before = env.path
    _, reward, terminated, truncated, info = env.step(2)
    assert env.path == before and reward == -env.illegal_penalty and not terminated and not info["legal"]


def test_band_budget_spent_truncates():
    env = RibbonEnv(small_knots(), **{**SMALL, "max_bands": 1})
    env.reset(seed=0, options={"knot": "8_20"})
    # a band that does not finish the knot: the worst-ranked candidate (estimate > 0)
    worst = max(range(len(env.candidates)), key=lambda i: env.candidates[i].estimate)
    assert env.candidates[worst].estimate > 0
    _, _, terminated, truncated, info = env.step(worst)
    if not terminated:
        assert truncated and info["bands"] == 1 and not env.action_masks()[:4].any()


def test_successful_episode_certifies_and_reward_is_as_documented():
    env = RibbonEnv(small_knots(), **SMALL)
    start = as_state("9_46")
    obs, info = env.reset(seed=0, options={"state": start})
    c0 = env.initial_crossings
    total, steps = 0.0, 0
    while True:
        before = env.path.state.crossing_count
        action = 0 if env.candidates and env.candidates[0].estimate == 0 else env.top_k
        obs, reward, terminated, truncated, info = env.step(action)
        steps += 1
        after = info["crossings"]
        expected = env.shaping * (before - after) / c0 - env.step_penalty + (env.success_bonus if terminated else 0)
        assert reward == pytest.approx(expected)
        total += reward
        if terminated or truncated:
            break
    assert terminated and info["solved"] and steps <= SMALL["max_steps"]
    path = info["path"]
    assert path.solved and replay(start, path.steps) == path.state
    verdict = check_certificate(ribbon_certificate(start, path, {"agent": "rl-env-test"}))
    assert verdict.valid, verdict


def test_simplify_harder_is_recorded():
    env = RibbonEnv(small_knots(), **SMALL)
    start = as_state("3_1#-3_1" and knot_minus_knot("3_1"))
    env.reset(seed=1, options={"state": start})
    _, reward, _, _, info = env.step(env.top_k)
    assert info["legal"] and replay(start, env.path.steps) == env.path.state and env.path.bands == 0
    assert reward == pytest.approx(-env.step_penalty + env.shaping * (env.initial_crossings - info["crossings"])
                                   / env.initial_crossings)


def test_reset_rejects_links_and_bad_settings():
    env = RibbonEnv(small_knots(), **SMALL)
    with pytest.raises(ValueError, match="components"):
        env.reset(options={"pd": [[1, 3, 2, 4], [3, 1, 4, 2]]})
    with pytest.raises(ValueError):
        RibbonEnv(top_k=8, pool=4)
    with pytest.raises(ValueError):
        RibbonEnv(lookahead="fast")


def test_default_training_set_excludes_the_benchmark():
    from pybridge.ribbon.env import benchmark_knots, training_knots

    train = {label for label, _ in training_knots()}
    bench = {label for label, _ in benchmark_knots()}
    assert not train & bench
    assert "6_1" in train and "3_1#-3_1" in train and len(bench) == 30
    assert np.all([s.components == 1 for _, s in training_knots()])
