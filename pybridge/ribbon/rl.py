"""Reinforcement learning for ribbon search: a MaskablePPO policy choosing fission bands in ``RibbonEnv``.

The environment is :class:`pybridge.ribbon.env.RibbonEnv`: at each step the policy sees the top-``K``
fission band candidates of the current diagram (ranked by spherogram's look-ahead) and either applies
one (compiled into the PD calculus and settled by recorded simplification) or asks for harder
simplification, which also redraws the candidate pool. A solved episode's path is a ``ribbon``
certificate that the trusted checker replays; the policy is never trusted.

* :func:`train_ribbon` trains ``sb3_contrib.MaskablePPO`` (``MlpPolicy``, two hidden layers of 64) on the
  env's training knots (KnotInfo slice knots with at most 11 crossings and ``K # -K`` for small ``K``),
  one env, and writes ``ribbon_policy.zip`` plus ``ribbon_policy.json``: env settings, PPO
  hyper-parameters, steps, wall time, training episodes and their success rate, the command. A step
  costs about half a second (spherogram look-ahead on the candidate pool, recorded settling), so ten
  minutes buy about a thousand steps; PPO from a random policy learns little in that. Training therefore
  starts (``warm_steps > 0``) with *behaviour cloning* of a simple expert (:func:`expert_action`: take a
  band whose look-ahead says unlink, else simplify harder — which redraws the pool — and on the last
  step take the best-ranked band): the expert's rollouts give (observation, mask, action, return)
  samples, the policy's masked log-likelihood and the value's squared error are fitted by Adam, and
  PPO then continues from that policy for the rest of the steps and time.
* :func:`rl_ribbon` (agent ``rl``) poses the knot in a ``RibbonEnv`` configured as in training and runs the
  policy — greedy (most likely allowed action) in the first episode, sampled afterwards — restarting
  after each truncated episode until the budget is spent.

If no policy file exists, :func:`rl_ribbon` raises :class:`pybridge.errors.ToolMissingError` saying how to
train one.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..certs.io import shared_file_mode
from ..errors import ToolMissingError
from ..moves.pd import PDState
from .bands import RibbonSearchResult

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_POLICY_PATH = MODEL_DIR / "ribbon_policy.zip"

#: RibbonEnv settings used for training (and, read back from the record, for inference)
DEFAULT_ENV = dict(top_k=8, pool=24, lookahead="global", max_twists=1, max_bands=3, max_steps=8,
                   settle_s=0.5, harder_s=1.0)
DEFAULT_HYPER = dict(n_steps=64, batch_size=64, n_epochs=4, learning_rate=3e-4, gamma=0.95, gae_lambda=0.95,
                     ent_coef=0.01, clip_range=0.2, vf_coef=0.5, max_grad_norm=0.5)
NET_ARCH = [64, 64]
TRAIN_HINT = "train one with: pybridge train ribbon --time-limit-s 600 --out pybridge/models/ribbon_policy.zip"


def metadata_path(model_path: str | Path) -> Path:
    """The JSON training record saved next to a model zip."""
    return Path(model_path).with_suffix(".json")


def _write_json(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w") as handle:
        handle.write(json.dumps(data, indent=2) + "\n")
    os.chmod(tmp, shared_file_mode())  # mkstemp creates 0600 files; give the user's umask
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------------


def _callback_class():
    from stable_baselines3.common.callbacks import BaseCallback

    class TrainingLog(BaseCallback):
        """Stops at the wall-clock limit; records finished episodes (solved or not, knot, length)."""

        def __init__(self, time_limit_s: float | None, progress: bool):
            super().__init__()
            self.time_limit_s, self.progress = time_limit_s, progress
            self.episodes: list[dict] = []
            self.started = time.monotonic()
            self._lengths = None

        def _on_step(self) -> bool:
            if self._lengths is None:
                self._lengths = [0] * len(self.locals["dones"])
            for i, (done, info) in enumerate(zip(self.locals["dones"], self.locals["infos"])):
                self._lengths[i] += 1
                if done:
                    self.episodes.append({"solved": bool(info.get("solved")), "length": self._lengths[i],
                                          "bands": info.get("bands"), "step": int(self.num_timesteps)})
                    self._lengths[i] = 0
                    if self.progress and len(self.episodes) % 20 == 0:
                        recent = self.episodes[-100:]
                        rate = sum(e["solved"] for e in recent) / len(recent)
                        print(f"step {self.num_timesteps:6d}  episodes {len(self.episodes):5d}  "
                              f"success (last {len(recent)}) {rate:.2f}  "
                              f"{time.monotonic() - self.started:6.0f} s", file=sys.stderr, flush=True)
            return self.time_limit_s is None or time.monotonic() - self.started < self.time_limit_s

    return TrainingLog


def expert_action(env) -> int:
    """The warm-start expert: a band with look-ahead 0 if any, else simplify harder, the best band on the last step."""
    mask = env.action_masks()
    for i, candidate in enumerate(env.candidates):
        if candidate.estimate == 0 and mask[i]:
            return i
    if env.steps_taken + 1 >= env.max_steps and mask[0]:
        return 0
    return env.top_k


def collect_expert(env, steps: int, *, gamma: float, deadline: float | None = None) -> dict:
    """Roll out :func:`expert_action` for ``steps`` env steps: arrays of observations, masks, actions, returns."""
    observations, masks, actions, rewards, ends = [], [], [], [], []
    episodes = solved = 0
    obs, _ = env.reset()
    for _ in range(steps):
        if deadline is not None and time.monotonic() >= deadline:
            break
        mask = env.action_masks()
        action = expert_action(env)
        observations.append(obs)
        masks.append(mask)
        actions.append(action)
        obs, reward, terminated, truncated, _ = env.step(action)
        rewards.append(reward)
        ends.append(terminated or truncated)
        if terminated or truncated:
            episodes += 1
            solved += terminated
            obs, _ = env.reset()
    if ends:
        ends[-1] = True  # the unfinished last episode is cut (its return is the partial sum)
    returns, running = [0.0] * len(rewards), 0.0
    for i in reversed(range(len(rewards))):
        running = rewards[i] + (0.0 if ends[i] else gamma * running)
        returns[i] = running
    return {"obs": np.array(observations, dtype=np.float32), "masks": np.array(masks, dtype=bool),
            "actions": np.array(actions, dtype=np.int64), "returns": np.array(returns, dtype=np.float32),
            "episodes": episodes, "solved": solved}


def behaviour_clone(model, data: dict, *, epochs: int = 300, lr: float = 1e-3, value_coef: float = 0.5) -> dict:
    """Fit the policy to the expert's actions (masked log-likelihood) and the value to the returns."""
    import torch

    policy = model.policy
    obs = torch.as_tensor(data["obs"])
    masks = torch.as_tensor(data["masks"])
    actions = torch.as_tensor(data["actions"])
    returns = torch.as_tensor(data["returns"])
    optimiser = torch.optim.Adam(policy.parameters(), lr=lr)
    policy.set_training_mode(True)
    for _ in range(epochs):
        values, log_prob, _ = policy.evaluate_actions(obs, actions, action_masks=masks)
        loss = -log_prob.mean() + value_coef * ((values.flatten() - returns) ** 2).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    policy.set_training_mode(False)
    with torch.no_grad():
        chosen = policy.get_distribution(obs, action_masks=masks.numpy()).distribution.probs.argmax(dim=1)
    return {"loss": round(float(loss.detach()), 4), "accuracy": round(float((chosen == actions).float().mean()), 3)}


def train_ribbon(steps: int = 100_000, out: str | Path = DEFAULT_POLICY_PATH, seed: int = 0, *,
                 time_limit_s: float | None = None, knots=None, env_kwargs: dict | None = None,
                 hyper: dict | None = None, warm_steps: int = 300, warm_share: float = 0.4,
                 progress: bool = True, threads: int = 1, command: str | None = None) -> Path:
    """Train MaskablePPO in :class:`~pybridge.ribbon.env.RibbonEnv`; save ``out`` and its ``.json`` record.

    First ``warm_steps`` expert steps (at most ``warm_share`` of ``time_limit_s``) are collected and
    cloned (:func:`behaviour_clone`; ``warm_steps=0`` skips this), then PPO runs. Stops after ``steps``
    env steps in all or ``time_limit_s`` seconds of wall time (checked after each PPO step; the update
    in progress is finished first). ``knots`` defaults to the env's training knots.
    """
    import sb3_contrib
    import stable_baselines3
    import torch
    from sb3_contrib import MaskablePPO
    from stable_baselines3.common.vec_env import DummyVecEnv

    from .env import RibbonEnv, training_knots

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    knots = list(knots) if knots is not None else training_knots()
    env_settings = {**DEFAULT_ENV, **(env_kwargs or {})}
    params = {**DEFAULT_HYPER, **(hyper or {})}
    if steps < params["n_steps"]:
        params["n_steps"] = max(steps, 8)
        params["batch_size"] = min(params["batch_size"], params["n_steps"])
    started = time.monotonic()
    venv = DummyVecEnv([lambda: RibbonEnv(knots, **env_settings)])
    venv.seed(seed)
    model = MaskablePPO("MlpPolicy", venv, seed=seed, device="cpu", verbose=0,
                        policy_kwargs={"net_arch": list(NET_ARCH)}, **params)
    warm: dict[str, Any] | None = None
    warm_steps = min(warm_steps, max(steps - 1, 0))
    if warm_steps > 0:
        expert_env = RibbonEnv(knots, **env_settings)
        expert_env.reset(seed=seed + 10_000)
        warm_deadline = started + warm_share * time_limit_s if time_limit_s is not None else None
        data = collect_expert(expert_env, warm_steps, gamma=params["gamma"], deadline=warm_deadline)
        warm = {"expert": "look-ahead 0 band, else simplify harder, best band on the last step",
                "steps": int(len(data["actions"])), "episodes": data["episodes"], "solved": data["solved"],
                "expert_success_rate": round(data["solved"] / data["episodes"], 3) if data["episodes"] else None,
                "wall_s": round(time.monotonic() - started, 1)}
        if len(data["actions"]):
            warm.update(behaviour_clone(model, data))
        if progress:
            print(f"warm start: {warm}", file=sys.stderr, flush=True)
    left = None if time_limit_s is None else max(time_limit_s - (time.monotonic() - started), 1.0)
    log = _callback_class()(left, progress)
    ppo_steps = max(steps - (warm["steps"] if warm else 0), 1)
    model.learn(total_timesteps=ppo_steps, callback=log)
    wall = time.monotonic() - started
    model.save(out)
    episodes = log.episodes
    last = episodes[-100:]
    meta: dict[str, Any] = {
        "algo": "maskable_ppo", "policy": "MlpPolicy", "net_arch": list(NET_ARCH),
        "steps_requested": steps, "steps_done": int(model.num_timesteps) + (warm["steps"] if warm else 0),
        "ppo_steps": int(model.num_timesteps), "seed": seed,
        "train_wall_s": round(wall, 1), "time_limit_s": time_limit_s,
        "env": RibbonEnv(knots, **env_settings).config(), "hyper": params, "warm_start": warm,
        "training_knots": [label for label, _ in knots] if knots and isinstance(knots[0], tuple) else len(knots),
        "episodes": len(episodes), "solved_episodes": sum(e["solved"] for e in episodes),
        "success_rate_first_100": (sum(e["solved"] for e in episodes[:100]) / len(episodes[:100])) if episodes else None,
        "success_rate_last_100": (sum(e["solved"] for e in last) / len(last)) if last else None,
        "versions": {"torch": torch.__version__, "stable_baselines3": stable_baselines3.__version__,
                     "sb3_contrib": sb3_contrib.__version__},
        "command": command,
    }
    _write_json(metadata_path(out), meta)
    venv.close()
    _load.cache_clear()
    return out


# --------------------------------------------------------------------------------------------------
# Inference
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load(path: str, mtime: float):
    from sb3_contrib import MaskablePPO

    custom = {"learning_rate": 0.0, "lr_schedule": lambda _: 0.0, "clip_range": lambda _: 0.2}
    model = MaskablePPO.load(path, device="cpu", custom_objects=custom)
    meta_file = metadata_path(path)
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    return model, meta


def load_ribbon_policy(path: str | Path | None = None):
    """``(model, training record)`` of a policy saved by :func:`train_ribbon` (default: the shipped one).

    Raises :class:`~pybridge.errors.ToolMissingError` (exit code 4) when there is no such file.
    """
    path = Path(path) if path is not None else DEFAULT_POLICY_PATH
    if not path.exists():
        raise ToolMissingError(f"no ribbon policy at {path}; {TRAIN_HINT}")
    return _load(str(path), path.stat().st_mtime)


def rl_ribbon(start: PDState, *, budget_s: float, seed: int, path: str | Path | None = None,
              model=None) -> RibbonSearchResult:
    """Run the ribbon policy on the knot ``start`` with restarts until solved or ``budget_s`` seconds pass.

    The env is configured as in training (the record's ``env`` settings). Episode 0 takes the policy's
    most likely allowed action, later episodes sample from it; episode ``e`` resets with seed
    ``seed + e`` (candidate pools and settling seeds), and torch's RNG is seeded with ``seed``.
    """
    import torch

    from .env import RibbonEnv

    t0 = time.monotonic()
    deadline = t0 + budget_s
    meta: dict = {}
    if model is None:
        model, meta = load_ribbon_policy(path)
    settings = {k: v for k, v in {**DEFAULT_ENV, **meta.get("env", {})}.items()
                if k in RibbonEnv.__init__.__code__.co_varnames}
    torch.manual_seed(seed)
    env = RibbonEnv(knots=[], **settings)
    env.deadline = deadline
    episodes = steps = 0
    notes: dict = {"episodes": 0, "steps": 0, "policy": str(path or DEFAULT_POLICY_PATH)}
    if start.components != 1:
        return RibbonSearchResult(None, "rl", time.monotonic() - t0, 0, 0, notes)
    while time.monotonic() < deadline:
        obs, _ = env.reset(seed=seed + episodes, options={"state": start})
        greedy = episodes == 0
        episodes += 1
        if not env.path.state.crossings:
            break
        while time.monotonic() < deadline:
            mask = env.action_masks()
            action, _ = model.predict(obs, action_masks=mask, deterministic=greedy)
            obs, _, terminated, truncated, info = env.step(int(np.asarray(action).item()))
            steps += 1
            if terminated:
                notes.update(episodes=episodes, steps=steps)
                return RibbonSearchResult(info["path"], "rl", time.monotonic() - t0, episodes, steps, notes)
            if truncated:
                break
    notes.update(episodes=episodes, steps=steps)
    return RibbonSearchResult(None, "rl", time.monotonic() - t0, episodes, steps, notes)


__all__ = ["DEFAULT_ENV", "DEFAULT_HYPER", "DEFAULT_POLICY_PATH", "behaviour_clone", "collect_expert",
           "expert_action", "load_ribbon_policy", "metadata_path", "rl_ribbon", "train_ribbon"]
