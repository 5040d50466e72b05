"""UnknotBraidEnv: gymnasium conformance, masking, reward bookkeeping, seeding."""

import random

import gymnasium as gym
import numpy as np
from gymnasium.utils.env_checker import check_env

from pybridge.certs import Certificate, check_certificate
from pybridge.unknot.env import UnknotBraidEnv  # registers pybridge/UnknotBraid-v0
from pybridge.moves.braid import BraidState, apply_move


def test_registered_env_passes_the_gymnasium_checker():
    env = gym.make("pybridge/UnknotBraid-v0")
    check_env(env.unwrapped, skip_render_check=True)
    assert isinstance(env.unwrapped, UnknotBraidEnv)


def test_mask_allows_exactly_the_legal_moves():
    env = UnknotBraidEnv(max_length=24, max_strands=6, lengths=(4, 20), instance_strands=6)
    rng = np.random.default_rng(0)
    for episode in range(60):
        env.reset(seed=episode)
        for _ in range(30):
            mask = env.action_masks()
            for action in range(env.action_space.n):
                legal = apply_move(env.state, env.decode(action)) is not None
                assert mask[action] == legal, (env.state, env.decode(action))
            if not mask.any():
                break
            action = int(rng.choice(np.flatnonzero(mask)))
            _, _, terminated, truncated, _ = env.step(action)
            if terminated or truncated:
                break


def test_illegal_action_is_penalised_and_changes_nothing():
    env = UnknotBraidEnv(max_length=8, max_strands=4)
    env.reset(options={"strands": 3, "word": [1, 2]})
    before = env.state
    _, reward, terminated, _, info = env.step(0)  # cancel 0 is illegal on [1, 2]
    assert env.state == before and reward == -env.illegal_penalty and not terminated and not info["legal"]


def test_reward_and_termination_on_a_known_reduction():
    env = UnknotBraidEnv(max_length=8, max_strands=4)
    env.reset(options={"strands": 3, "word": [2, 1, -1]})
    _, r1, _, _, _ = env.step(1)  # cancel 1: length 3 -> 1
    assert r1 == 2 - env.step_penalty
    _, r2, terminated, _, info = env.step(3 * 8 + 2)  # destabilize: (3,[2]) -> (2,[])
    assert not terminated and r2 == 1 + 2 - env.step_penalty
    assert env.state == BraidState(2, ())
    env.reset(options={"strands": 2, "word": [1]})
    _, r3, terminated, _, info = env.step(3 * 8 + 2)
    assert terminated and info["solved"] and r3 == 1 + 2 - env.step_penalty + env.success_bonus
    cert = Certificate.create("unknot", "braid", {"strands": 2, "word": [1]}, {"components": 1}, env.trajectory)
    assert check_certificate(cert).valid


def test_same_seed_same_instances_and_trajectories():
    def rollout(seed: int):
        env = UnknotBraidEnv(max_length=40, lengths=(10, 30))
        obs, _ = env.reset(seed=seed)
        env.action_space.seed(seed)
        rng = random.Random(seed)
        for _ in range(50):
            legal = np.flatnonzero(env.action_masks())
            if not len(legal):
                break
            obs, _, terminated, truncated, _ = env.step(int(rng.choice(list(legal))))
            if terminated or truncated:
                break
        return env.trajectory, obs.tolist()

    assert rollout(7) == rollout(7)
    assert rollout(7) != rollout(8)


def test_episode_truncates_at_the_step_limit():
    env = UnknotBraidEnv(max_length=16, max_steps=3)
    env.reset(options={"strands": 3, "word": [1, 2, 1, 2, 1, 2]})
    results = [env.step(3 * 16) for _ in range(3)]  # rotate 1 three times
    assert results[-1][3] is True and not results[-1][2]
