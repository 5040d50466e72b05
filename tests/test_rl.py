"""The RL agent (pybridge.unknot.rl): the cyclic-convolution policy, the shipped model, training, seeds.

Every success of the policy is re-checked by the trusted checker: the policy itself is never trusted.
"""

import random

import numpy as np
import pytest
import torch

pytest.importorskip("sb3_contrib")

from pybridge.unknot.rl import (  # noqa: E402
    DEFAULT_MODEL_PATH,
    BraidConvNet,
    CyclicConv,
    CurriculumUnknotEnv,
    legal_action_masks,
    load_policy,
    make_model,
    metadata_path,
    rl_reduce,
    train_unknot,
)
from pybridge.certs import Certificate, check_certificate  # noqa: E402
from pybridge.unknot.env import UnknotBraidEnv  # noqa: E402
from pybridge.moves.braid import BraidState, replay  # noqa: E402
from pybridge.moves.scramble import unknot_instance  # noqa: E402


@pytest.fixture(scope="module")
def shipped():
    return load_policy()


def small_instances():
    """Eight fixed scrambled unknots of lengths 10..20."""
    rng = random.Random(2024)
    return [unknot_instance(length, rng, max_strands=10)[0] for length in (10, 11, 12, 14, 15, 16, 18, 20)]


def random_walk_states(count: int, seed: int):
    """Env states met by random legal moves from scrambled unknots (varied lengths and strands)."""
    env, rng = UnknotBraidEnv(max_steps=10_000), random.Random(seed)
    for _ in range(count):
        start, _ = unknot_instance(rng.randint(1, 40), rng, max_strands=10)
        env.reset(options={"strands": start.strands, "word": list(start.word)})
        for _ in range(rng.randint(0, 60)):
            legal = np.flatnonzero(env.action_masks())
            if not len(legal) or env.step(int(rng.choice(legal)))[2]:
                break
        yield env


def test_masks_computed_by_the_network_agree_with_the_env():
    for env in random_walk_states(60, seed=1):
        obs = torch.as_tensor(env._observation()[None])
        mask = legal_action_masks(obs[:, :-1], obs[:, -1])[0].numpy()
        assert (mask == env.action_masks()).all(), env.state


def test_cyclic_convolution_commutes_with_rotation():
    """Rotating a word's letter features rotates every layer's output (the closed braid is a circle)."""
    torch.manual_seed(0)
    layer = CyclicConv(channels=8, dilation=4)
    letters, padded = 11, 16
    h = torch.zeros(2, padded, 8)
    h[0, :letters] = torch.randn(letters, 8)
    h[1, :letters] = torch.roll(h[0, :letters], shifts=3, dims=0)
    valid = torch.arange(padded)[None, :] < letters
    with torch.no_grad():
        out = layer(h, torch.tensor([letters, letters]), valid.expand(2, -1))
    torch.testing.assert_close(out[1, :letters], torch.roll(out[0, :letters], shifts=3, dims=0))
    assert (out[:, letters:] == 0).all()


def test_network_output_layout():
    net = BraidConvNet().eval()
    obs = np.zeros((2, 129), dtype=np.float32)
    obs[0, :4], obs[1, :2], obs[:, -1] = [1, 2, -1, 3], [1, -1], 4
    with torch.no_grad():
        out = net(torch.as_tensor(obs))
    assert out.shape == (2, 3 * 128 + 4)
    assert (out[0, 4:128] == -20).all() and (out[1, 2:128] == -20).all()  # past the end of the word


@pytest.mark.parametrize("algo", ["maskable_ppo", "ppo", "a2c", "trpo"])
def test_custom_policy_builds_and_acts_on_the_env(algo):
    from stable_baselines3.common.vec_env import DummyVecEnv

    venv = DummyVecEnv([lambda: CurriculumUnknotEnv(lengths=(10, 12)) for _ in range(2)])
    venv.seed(0)
    model = make_model(algo, venv, seed=0, hyper={"n_steps": 8, **({"batch_size": 16} if algo != "a2c" else {})})
    obs = venv.reset()
    kwargs = {"action_masks": np.stack(venv.env_method("action_masks"))} if algo == "maskable_ppo" else {}
    actions, _ = model.predict(obs, deterministic=True, **kwargs)
    assert actions.shape == (2,)
    if kwargs:
        assert all(kwargs["action_masks"][i, a] for i, a in enumerate(actions))
    venv.close()


def test_shipped_policy_certifies_small_unknots(shipped):
    assert DEFAULT_MODEL_PATH.exists() and DEFAULT_MODEL_PATH.stat().st_size < 5_000_000
    assert metadata_path(DEFAULT_MODEL_PATH).exists()
    for state in small_instances():
        moves = rl_reduce(state, shipped)
        assert moves is not None, state
        assert replay(state, moves) == BraidState(1, ())
        cert = Certificate.create("unknot", "braid", {"strands": state.strands, "word": list(state.word)},
                                  {"components": 1}, moves)
        verdict = check_certificate(cert)
        assert verdict.valid, verdict


def test_seeds_reproduce_trajectories(shipped):
    state = small_instances()[-1]
    assert rl_reduce(state, shipped) == rl_reduce(state, shipped)
    sampled = [rl_reduce(state, shipped, deterministic=False, seed=7) for _ in range(2)]
    assert sampled[0] == sampled[1]


def test_rl_reduce_edge_cases(shipped):
    assert rl_reduce(BraidState(1, ()), shipped) == []
    assert rl_reduce(BraidState(3, (1, 2) * 65), shipped) is None  # longer than the env's 128 letters


def test_short_training_run_saves_and_loads(tmp_path):
    path = train_unknot("maskable_ppo", 2000, tmp_path / "policy.zip", seed=3, n_envs=4, progress=False)
    assert path.exists() and metadata_path(path).exists()
    model = load_policy(path)
    assert model.num_timesteps >= 2000
    state = small_instances()[0]
    moves = rl_reduce(state, model, max_steps=200)
    if moves is not None:  # an untrained policy may fail; a success must still be a valid reduction
        assert replay(state, moves) == BraidState(1, ())
    again = load_policy(path)
    assert rl_reduce(state, again, max_steps=200) == moves


def test_training_is_reproducible(tmp_path):
    """Same seed, same parameters (hence same moves)."""
    params = []
    for run in range(2):
        path = train_unknot("maskable_ppo", 512, tmp_path / f"run{run}.zip", seed=5, n_envs=4, progress=False)
        params.append(torch.cat([p.detach().flatten() for p in load_policy(path).policy.parameters()]))
    assert torch.equal(params[0], params[1])
