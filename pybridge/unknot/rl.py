"""Reinforcement-learning agent for braid unknotting (stable-baselines3 / sb3-contrib).

The setting is Gukov–Halverson–Ruehle–Sułkowski, "Learning to unknot" (MLST 2 (2021) 025035), on
:class:`pybridge.unknot.env.UnknotBraidEnv`. A successful rollout *is* a certificate: its
trajectory replays to ``(1, [])`` and is re-checked by the trusted checker; the policy is never trusted.

**Architecture** (:class:`BraidConvNet`). The positional actions (``cancel i``, ``commute i``,
``braid i``) ask the same question at every position, and rotating the word (conjugation) changes
nothing about the braid, so the network is a *cyclic, translation-equivariant 1-D convolution* over the
letters:

* each letter becomes a feature vector of one-hots: sign, generator ``|g|``, its distance ``n-1-|g|`` to
  the top generator (the one destabilisation removes), whether ``cancel/commute/braid`` is legal at its
  position, and first/last-letter flags (the only place the word's cut shows);
* a 1×1 embedding, then residual layers ``h[i] += relu(W [h[i-d], h[i], h[i+d]])`` with dilations
  ``d = 1, 2, 4, 8, 16, 1`` (kernel width 3, receptive field 65 letters), where indices wrap around
  *modulo the word's length* (the closed braid is a circle of letters);
* a 1×1 head gives the three per-position logits; positions past the end of the word get a fixed
  logit of -20;
* pooled features (sum and max over letters, the first and last letter, the strand count, the length)
  feed two small MLPs: the logits of ``rotate +1``, ``rotate -1``, ``destabilize``, and the value.

The network lives in the features extractor, whose output *is* ``[action logits, value]``; the sb3
``action_net``/``value_net`` are slices (:class:`_Slice`). :class:`MaskableBraidPolicy` (for
``MaskablePPO``, which masks illegal actions with ``env.action_masks()``) and :class:`BraidPolicy` (for
plain ``PPO``, ``A2C``, ``TRPO``, which learn from the env's illegal-move penalty) share it. At inference
(:func:`rl_reduce`) illegal actions are always masked.

**Reward and curriculum** (:func:`train_unknot`). The env's documented reward (+1 per letter removed,
+2 per strand removed, -0.05 per move, +10 on success, -1 for an illegal action) is multiplied by
``reward_scale`` (0.1) so that values stay O(1). Training instances come from
:class:`CurriculumUnknotEnv`: scrambled unknots of length ``L`` drawn from ``[10, hi]`` (half of the
episodes from the top decade ``[hi-10, hi]``), ``hi`` starting at 20 and growing by 10 whenever 85 % of
the last 100 top-decade training episodes succeeded, up to ``max_train_length``; an episode is cut after
``4 L + 50`` steps.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any, Iterable

import gymnasium as gym
import numpy as np
import torch
from torch import nn

from .env import UnknotBraidEnv
from ..moves.braid import BraidState
from ..moves.scramble import unknot_instance

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL_PATH = MODEL_DIR / "unknot_policy.zip"
ALGOS = ("maskable_ppo", "ppo", "a2c", "trpo")
EVAL_LENGTHS = tuple(range(10, 101, 10))
PAD_LOGIT = -20.0


# --- legality, computed from the observation -------------------------------------------------------


def legal_action_masks(word: torch.Tensor, strands: torch.Tensor) -> torch.Tensor:
    """Legal-action mask ``(B, 3L+3)`` of :class:`UnknotBraidEnv` computed from padded words ``(B, L)``
    (zeros past the end) and strand counts ``(B,)``; equal to ``env.action_masks()``."""
    batch, length = word.shape
    g = word.abs()
    a, b = word[:, :-1], word[:, 1:]
    cancel = (a != 0) & (a == -b)
    commute = (a != 0) & (b != 0) & ((a.abs() - b.abs()).abs() > 1)
    x, y, z = word[:, :-2], word[:, 1:-1], word[:, 2:]
    braid = (x == z) & (x * y > 0) & ((x.abs() - y.abs()).abs() == 1)
    pad = lambda m, k: torch.cat([m, m.new_zeros(batch, k)], dim=1)  # noqa: E731
    letters = (word != 0).sum(1)
    top = strands - 1
    last = g.gather(1, (letters - 1).clamp(min=0)[:, None])[:, 0]
    destab = (strands >= 2) & (letters >= 1) & (last == top) & ((g == top[:, None]).sum(1) == 1)
    rotate = letters >= 2
    return torch.cat([pad(cancel, 1), pad(commute, 1), pad(braid, 2), rotate[:, None], rotate[:, None],
                      destab[:, None]], dim=1)


# --- the network -------------------------------------------------------------------------------------


class CyclicConv(nn.Module):
    """Residual cyclic convolution ``h[i] += relu(W [h[i-d], h[i], h[i+d]] + b)``, indices modulo each
    word's own length; positions past the end stay zero. ``h`` is channels-last, ``(B, L, C)``."""

    def __init__(self, channels: int, dilation: int, kernel: int = 3):
        super().__init__()
        self.offsets = [dilation * (k - kernel // 2) for k in range(kernel)]
        self.linear = nn.Linear(channels * kernel, channels)

    def forward(self, h: torch.Tensor, letters: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        batch, length, channels = h.shape
        pos = torch.arange(length, device=h.device)
        modulus = letters.clamp(min=1)[:, None]
        parts = []
        for offset in self.offsets:
            if offset == 0:
                parts.append(h)
            else:
                index = (pos[None, :] + offset) % modulus
                parts.append(h.gather(1, index[:, :, None].expand(batch, length, channels)))
        return (h + torch.relu(self.linear(torch.cat(parts, dim=2)))) * valid[:, :, None]


class BraidConvNet(nn.Module):
    """Cyclic 1-D convolutional actor-critic over the word (see the module docstring).

    ``forward(obs)`` maps observations ``(B, L+1)`` of :class:`UnknotBraidEnv` to ``(B, 3L+4)``: the
    ``3L+3`` action logits in the env's action layout, then the value.
    """

    TOP_DISTANCES = 6

    def __init__(self, max_length: int = 128, max_strands: int = 12, channels: int = 32,
                 dilations: Iterable[int] = (1, 2, 4, 8, 16, 1), hidden: int = 64):
        super().__init__()
        self.max_length, self.max_strands = max_length, max_strands
        n_letter = 2 + (max_strands - 1) + self.TOP_DISTANCES + 3 + 2 + 1
        self.embed = nn.Linear(n_letter, channels)
        self.layers = nn.ModuleList(CyclicConv(channels, d) for d in dilations)
        self.position_head = nn.Linear(channels, 3)
        n_pooled = 4 * channels + (max_strands + 1) + 3
        self.global_policy = nn.Sequential(nn.Linear(n_pooled, hidden), nn.ReLU(), nn.Linear(hidden, 3))
        self.value_head = nn.Sequential(nn.Linear(n_pooled, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        for head in (self.position_head, self.global_policy[-1]):
            nn.init.normal_(head.weight, std=0.01)
            nn.init.zeros_(head.bias)

    def letter_features(self, word: torch.Tensor, strands: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
        """One-hot letter features ``(B, Lc, F)`` of a cropped word ``(B, Lc)``."""
        lc = word.shape[1]
        g = word.abs()
        valid = word != 0
        letters = valid.sum(1)
        pos = torch.arange(lc, device=word.device)[None, :]
        top_distance = (strands[:, None] - 1 - g).clamp(0, self.TOP_DISTANCES - 1)
        full = self.max_length
        parts = [
            (word > 0)[:, :, None], (word < 0)[:, :, None],
            nn.functional.one_hot((g - 1).clamp(min=0), self.max_strands - 1).bool(),
            nn.functional.one_hot(top_distance, self.TOP_DISTANCES).bool(),
            masks[:, :lc, None], masks[:, full: full + lc, None], masks[:, 2 * full: 2 * full + lc, None],
            (pos == 0)[:, :, None].expand(word.shape[0], lc, 1), (pos == letters[:, None] - 1)[:, :, None],
            valid[:, :, None],
        ]
        return torch.cat(parts, dim=2).float() * valid[:, :, None]

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        full = self.max_length
        word = obs[:, :full].round().long()
        strands = obs[:, full].round().long().clamp(1, self.max_strands)
        masks = legal_action_masks(word, strands)
        letters = (word != 0).sum(1)
        lc = max(int(letters.max()) if len(letters) else 1, 1)
        word_c = word[:, :lc]
        valid = word_c != 0
        h = self.embed(self.letter_features(word_c, strands, masks)) * valid[:, :, None]
        for layer in self.layers:
            h = layer(h, letters, valid)
        batch = obs.shape[0]
        position_logits = torch.full((batch, 3, full), PAD_LOGIT, device=obs.device)
        position_logits[:, :, :lc] = torch.where(valid[:, None, :], self.position_head(h).transpose(1, 2), PAD_LOGIT)
        pooled = self.pool(h, valid, letters, strands, masks)
        return torch.cat([position_logits.reshape(batch, 3 * full), self.global_policy(pooled),
                          self.value_head(pooled)], dim=1)

    def pool(self, h, valid, letters, strands, masks) -> torch.Tensor:
        """Word-level features: sum and max over letters, first and last letter, strands, length."""
        channels = h.shape[2]
        total = h.sum(1) / self.max_length
        maximum = torch.where(valid[:, :, None], h, -1e4).amax(1) * (letters > 0)[:, None]
        first = h[:, 0]
        last = h.gather(1, (letters - 1).clamp(min=0)[:, None, None].expand(-1, 1, channels))[:, 0]
        extras = [
            nn.functional.one_hot(strands, self.max_strands + 1).float(),
            (letters.float() / self.max_length)[:, None],
            masks[:, -3:-2].float(), masks[:, -1:].float(),
        ]
        return torch.cat([total, maximum, first, last, *extras], dim=1)


try:  # the sb3 integration needs the ``rl`` extra; the network above does not
    from sb3_contrib.common.maskable.policies import MaskableActorCriticPolicy
    from stable_baselines3.common.callbacks import BaseCallback
    from stable_baselines3.common.policies import ActorCriticPolicy
    from stable_baselines3.common.torch_layers import BaseFeaturesExtractor
except ImportError:  # pragma: no cover - exercised only without the rl extra
    MaskableActorCriticPolicy = ActorCriticPolicy = BaseCallback = BaseFeaturesExtractor = None


if BaseFeaturesExtractor is not None:

    class BraidFeatures(BaseFeaturesExtractor):
        """sb3 features extractor wrapping :class:`BraidConvNet`; its "features" are logits + value."""

        def __init__(self, observation_space: gym.Space, max_strands: int = 12, channels: int = 32,
                     dilations: tuple[int, ...] = (1, 2, 4, 8, 16, 1), hidden: int = 64):
            max_length = observation_space.shape[0] - 1
            super().__init__(observation_space, features_dim=3 * max_length + 4)
            self.net = BraidConvNet(max_length, max_strands, channels, dilations, hidden)

        def forward(self, observations: torch.Tensor) -> torch.Tensor:
            return self.net(observations)

    class _Slice(nn.Module):
        """Columns ``start:stop`` of the features: stands in for sb3's ``action_net``/``value_net``."""

        def __init__(self, start: int, stop: int):
            super().__init__()
            self.start, self.stop = start, stop

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x[:, self.start: self.stop]

    class _BraidPolicyMixin:
        """Use :class:`BraidFeatures` as the whole actor-critic: no MLP, slices for the heads."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("features_extractor_class", BraidFeatures)
            kwargs["net_arch"] = []
            kwargs["ortho_init"] = False
            super().__init__(*args, **kwargs)

        def _build(self, lr_schedule) -> None:
            super()._build(lr_schedule)
            n = int(self.action_space.n)
            self.action_net, self.value_net = _Slice(0, n), _Slice(n, n + 1)
            self.optimizer = self.optimizer_class(self.parameters(), lr=lr_schedule(1), **self.optimizer_kwargs)

    class MaskableBraidPolicy(_BraidPolicyMixin, MaskableActorCriticPolicy):
        """:class:`BraidConvNet` as a ``MaskablePPO`` policy."""

    class BraidPolicy(_BraidPolicyMixin, ActorCriticPolicy):
        """:class:`BraidConvNet` as a ``PPO``/``A2C``/``TRPO`` policy."""


# --- training environment -----------------------------------------------------------------------------


class CurriculumUnknotEnv(UnknotBraidEnv):
    """:class:`UnknotBraidEnv` with a length curriculum, scaled reward and per-instance step limits.

    Unposed resets draw a length from ``[lo, hi]`` (with probability ``top_fraction`` from the top
    decade ``[hi-10, hi]``), generate :func:`unknot_instance` (the test distribution) from the reset
    seed's stream and allow ``4 L + 50`` steps. Rewards are multiplied by ``reward_scale``.
    ``info["instance_length"]`` names the episode's starting length (read by :class:`CurriculumCallback`).
    """

    def __init__(self, lengths: tuple[int, int] = (10, 20), instance_strands: int = 10,
                 reward_scale: float = 0.1, top_fraction: float = 0.5, **kwargs):
        super().__init__(lengths=lengths, instance_strands=instance_strands, **kwargs)
        self.reward_scale, self.top_fraction = reward_scale, top_fraction
        self.instance_length = 0

    def set_lengths(self, lo: int, hi: int) -> None:
        """Change the curriculum window (called through ``VecEnv.env_method``)."""
        self.lengths = (int(lo), int(hi))

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        if options and "word" in options:
            obs, info = super().reset(seed=seed, options=options)
        else:
            gym.Env.reset(self, seed=seed)
            rng = random.Random(int(self.np_random.integers(2**63 - 1)))
            lo, hi = self.lengths
            if rng.random() < self.top_fraction:
                lo = max(lo, hi - 10)
            state, _ = unknot_instance(rng.randint(lo, hi), rng, max_strands=self.instance_strands)
            obs, info = super().reset(options={"strands": state.strands, "word": list(state.word)})
            self.max_steps = 4 * len(state.word) + 50
        self.instance_length = len(self.state.word)
        return obs, info

    def step(self, action):
        obs, reward, terminated, truncated, info = super().step(action)
        info["instance_length"] = self.instance_length
        return obs, reward * self.reward_scale, terminated, truncated, info


# --- training -------------------------------------------------------------------------------------------


if BaseCallback is not None:

    class CurriculumCallback(BaseCallback):
        """Grows the curriculum, stops at the wall-time limit, shows progress (rich) and logs history."""

        def __init__(self, total_steps: int, start_hi: int, max_hi: int, time_limit_s: float | None,
                     threshold: float = 0.85, window: int = 100, progress: bool = True):
            super().__init__()
            self.total_steps, self.hi, self.max_hi = total_steps, start_hi, max_hi
            self.time_limit_s, self.threshold, self.window = time_limit_s, threshold, window
            self.progress = progress
            self.top: deque = deque(maxlen=window)
            self.recent: deque = deque(maxlen=500)
            self.history: list[dict] = []
            self.start = time.monotonic()
            self._bar = self._task = None

        def _on_training_start(self) -> None:
            self.start = time.monotonic()
            self.history.append({"steps": 0, "hi": self.hi, "wall_s": 0.0})
            if self.progress:
                from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

                self._bar = Progress(TextColumn("[bold]train[/]"), BarColumn(),
                                     TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                     TextColumn("{task.fields[status]}"))
                self._bar.start()
                self._task = self._bar.add_task("train", total=self.total_steps, status="")

        def _on_step(self) -> bool:
            for done, info in zip(self.locals["dones"], self.locals["infos"]):
                if done:
                    solved = bool(info.get("solved"))
                    self.recent.append(solved)
                    if info.get("instance_length", 0) >= self.hi - 10:
                        self.top.append(solved)
            self._maybe_grow()
            if self._bar is not None and self.n_calls % 50 == 0:
                rate = np.mean(self.recent) if self.recent else 0.0
                self._bar.update(self._task, completed=self.num_timesteps,
                                 status=f"lengths 10..{self.hi}  success {rate:.2f}")
            elapsed = time.monotonic() - self.start
            return self.time_limit_s is None or elapsed < self.time_limit_s

        def _maybe_grow(self) -> None:
            if len(self.top) < self.window or np.mean(self.top) < self.threshold or self.hi >= self.max_hi:
                return
            self.hi = min(self.hi + 10, self.max_hi)
            self.top.clear()
            self.training_env.env_method("set_lengths", 10, self.hi)
            self.history.append({"steps": int(self.num_timesteps), "hi": self.hi,
                                 "wall_s": round(time.monotonic() - self.start, 1)})
            if self._bar is not None:
                self._bar.console.log(f"curriculum: lengths 10..{self.hi} at step {self.num_timesteps}")

        def _on_training_end(self) -> None:
            if self._bar is not None:
                self._bar.update(self._task, completed=self.num_timesteps)
                self._bar.stop()


def _algo_class(algo: str):
    from sb3_contrib import TRPO, MaskablePPO
    from stable_baselines3 import A2C, PPO

    return {"maskable_ppo": MaskablePPO, "ppo": PPO, "a2c": A2C, "trpo": TRPO}[algo]


DEFAULT_HYPER = {
    "maskable_ppo": dict(n_steps=128, batch_size=512, n_epochs=4, learning_rate=3e-4, gamma=0.99, gae_lambda=0.95,
                         ent_coef=0.01, clip_range=0.2, vf_coef=0.5, max_grad_norm=0.5),
    "ppo": dict(n_steps=128, batch_size=512, n_epochs=4, learning_rate=3e-4, gamma=0.99, gae_lambda=0.95,
                ent_coef=0.01, clip_range=0.2, vf_coef=0.5, max_grad_norm=0.5),
    "a2c": dict(n_steps=16, learning_rate=3e-4, gamma=0.99, gae_lambda=0.95, ent_coef=0.01, vf_coef=0.5),
    "trpo": dict(n_steps=128, batch_size=512, learning_rate=1e-3, gamma=0.99, gae_lambda=0.95, target_kl=0.01),
}


def make_model(algo: str, env, seed: int = 0, hyper: dict | None = None, net: dict | None = None):
    """An sb3 model of ``algo`` with the braid policy on ``env`` (a VecEnv)."""
    if algo not in ALGOS:
        raise ValueError(f"algo must be one of {', '.join(ALGOS)}, got {algo!r}")
    params = {**DEFAULT_HYPER[algo], **(hyper or {})}
    policy = MaskableBraidPolicy if algo == "maskable_ppo" else BraidPolicy
    policy_kwargs = {"features_extractor_kwargs": dict(net or {})}
    if algo == "trpo":  # TRPO steps the actor by natural gradient; keep the critic's parameters separate
        policy_kwargs["share_features_extractor"] = False
    return _algo_class(algo)(policy, env, seed=seed, device="cpu", verbose=0, policy_kwargs=policy_kwargs, **params)


def train_unknot(algo: str = "maskable_ppo", steps: int = 1_000_000, out: Path = DEFAULT_MODEL_PATH, seed: int = 0, *,
                 n_envs: int = 16, time_limit_s: float | None = None, start_hi: int = 20,
                 max_train_length: int = 100, hyper: dict | None = None, net: dict | None = None,
                 eval_lengths: Iterable[int] = EVAL_LENGTHS, eval_per_length: int = 0, progress: bool = True,
                 threads: int = 1, command: str | None = None) -> Path:
    """Train a policy with the length curriculum; save ``out`` (sb3 zip) and ``out`` with ``.json``.

    Stops after ``steps`` environment steps or ``time_limit_s`` seconds of wall time, whichever comes
    first. With ``eval_per_length > 0`` the saved policy is then evaluated with
    :func:`evaluate_policy_on_lengths` and the success rates go into the metadata. Sets torch's
    thread count to ``threads``: the network is small, and on a busy 2-core machine two OpenMP threads
    ran ten times slower than one.
    """
    from stable_baselines3.common.vec_env import DummyVecEnv

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    env_kwargs = dict(lengths=(10, start_hi), instance_strands=10, reward_scale=0.1)
    venv = DummyVecEnv([lambda: CurriculumUnknotEnv(**env_kwargs) for _ in range(n_envs)])
    venv.seed(seed)
    model = make_model(algo, venv, seed, hyper, net)
    callback = CurriculumCallback(steps, start_hi, max_train_length, time_limit_s, progress=progress)
    started = time.monotonic()
    model.learn(total_timesteps=steps, callback=callback)
    wall = time.monotonic() - started
    model.save(out)
    meta: dict[str, Any] = {
        "algo": algo, "steps_requested": steps, "steps_done": int(model.num_timesteps), "seed": seed,
        "n_envs": n_envs, "train_wall_s": round(wall, 1), "time_limit_s": time_limit_s,
        "env": {**{k: v for k, v in env_kwargs.items() if k != "lengths"}, "max_length": 128, "max_strands": 12,
                "max_steps": "4*L+50", "reward": "UnknotBraidEnv reward x reward_scale"},
        "curriculum": {"start": [10, start_hi], "max": max_train_length, "threshold": callback.threshold,
                       "window": callback.window, "history": callback.history},
        "hyper": {**DEFAULT_HYPER[algo], **(hyper or {})}, "net": net or {},
        "torch": torch.__version__, "command": command,
    }
    metadata_path(out).write_text(json.dumps(meta, indent=2) + "\n")
    venv.close()
    if eval_per_length:
        t0 = time.monotonic()
        rates = evaluate_policy_on_lengths(model, eval_lengths, eval_per_length, seed=12345)
        record_evaluation(out, rates, eval_per_length, 12345, time.monotonic() - t0)
    return out


def metadata_path(model_path: Path) -> Path:
    """The JSON metadata file saved next to a model zip."""
    return Path(model_path).with_suffix(".json")


# --- inference ------------------------------------------------------------------------------------------


def load_policy(path: str | Path | None = None):
    """Load a model saved by :func:`train_unknot` (default: the shipped ``pybridge/models`` policy).

    Loaded for inference: the saved learning-rate and clip schedules are replaced by constants (to
    continue training, load with ``MaskablePPO.load`` and your own ``custom_objects``)."""
    path = Path(path) if path is not None else DEFAULT_MODEL_PATH
    if not path.exists():
        raise FileNotFoundError(f"no policy at {path}")
    algo = "maskable_ppo"
    meta = metadata_path(path)
    if meta.exists():
        algo = json.loads(meta.read_text()).get("algo", algo)
    custom = {"learning_rate": 0.0, "lr_schedule": lambda _: 0.0, "clip_range": lambda _: 0.2}
    return _algo_class(algo).load(path, device="cpu", custom_objects=custom)


def _network(model) -> BraidConvNet:
    return model.policy.pi_features_extractor.net


def policy_logits(model, observations: np.ndarray) -> np.ndarray:
    """Action logits ``(B, 3L+3)`` of the policy for a batch of observations."""
    net = _network(model)
    with torch.no_grad():
        out = net(torch.as_tensor(np.asarray(observations), dtype=torch.float32))
    return out[:, :-1].numpy().astype(np.float64)


def _choose(logits: np.ndarray, mask: np.ndarray, greedy: bool, rng: np.random.Generator,
            temperature: float = 1.0) -> int:
    logits = np.where(mask, logits, -np.inf)
    if greedy:
        return int(np.argmax(logits))
    p = np.exp((logits - logits.max()) / temperature)
    return int(rng.choice(len(p), p=p / p.sum()))


def _rollout(env: UnknotBraidEnv, model, start: dict, budget: int, greedy: bool, temperature: float,
             rng: np.random.Generator, stall_steps: int) -> tuple[list[tuple] | None, int]:
    """One policy rollout from ``start``: ``(trajectory or None, steps used)``.

    Greedy rollouts sample (at ``temperature``) in states they have already visited. A rollout gives up
    after ``budget`` steps, at a dead end, or when it is trapped (cancellations cannot be undone in
    this env): ``stall_steps`` steps without reaching a state it had not seen before, or ``4 *
    stall_steps`` steps without reaching a new smallest ``len(word) + strands``.
    """
    obs, _ = env.reset(options=start)
    seen: set = set()
    best, since_best, since_new = len(env.state.word) + env.state.strands, 0, 0
    for used in range(1, budget + 1):
        mask = env.action_masks()
        if not mask.any():
            return None, used
        new = env.state not in seen
        action = _choose(policy_logits(model, obs[None])[0], mask, greedy and new, rng, temperature)
        seen.add(env.state)
        obs, _, terminated, _, _ = env.step(action)
        if terminated:
            return list(env.trajectory), used
        size = len(env.state.word) + env.state.strands
        best, since_best = (size, 0) if size < best else (best, since_best + 1)
        since_new = 0 if env.state not in seen else since_new + 1
        if since_new >= stall_steps or since_best >= 4 * stall_steps:
            return None, used
    return None, budget


def rl_reduce(state: BraidState, model, *, max_steps: int = 1000, deterministic: bool = True, seed: int = 0,
              target_strands: int = 1, attempts: int = 4, temperature: float = 1.5,
              stall_steps: int = 50) -> list[tuple] | None:
    """Reduce ``state`` to ``(target_strands, [])`` with the policy alone; the env's trajectory, or ``None``.

    Illegal actions are always masked, and at most ``max_steps`` policy steps are taken in all.

    * Attempt 1, with ``deterministic=True``: the policy's most likely action, except in a state already
      visited during the attempt, where a greedy policy would loop: there the action is *sampled*.
      With ``deterministic=False`` every action of attempt 1 is sampled.
    * A rollout can walk into a trap (cancellations and destabilisations are irreversible, and some
      short words such as ``σ1⁻¹σ2σ1σ2⁻¹`` admit no reducing move without insertions); a trapped
      attempt (see :func:`_rollout`; ``stall_steps``) is abandoned, and up to ``attempts - 1`` fresh
      rollouts from the input sample every action at ``temperature``.

    Sampling uses ``numpy.random.default_rng(seed)``: same ``seed`` → same moves. Words longer than the
    env's ``max_length`` (or on more strands than ``max_strands``) return ``None``.
    """
    net = _network(model)
    if len(state.word) > net.max_length or state.strands > net.max_strands:
        return None
    if not state.word and state.strands == target_strands:
        return []
    env = UnknotBraidEnv(max_length=net.max_length, max_strands=net.max_strands, max_steps=max_steps + 1)
    start = {"strands": state.strands, "word": list(state.word), "target_strands": target_strands}
    rng = np.random.default_rng(seed)
    left = max_steps
    for attempt in range(attempts):
        greedy, temp = (deterministic, 1.0) if attempt == 0 else (False, temperature)
        moves, used = _rollout(env, model, start, left, greedy, temp, rng, stall_steps)
        left -= used
        if moves is not None or left <= 0:
            return moves
    return None


def eval_instances(lengths: Iterable[int], per_length: int, seed: int) -> dict[int, list[BraidState]]:
    """``per_length`` instances ``unknot_instance(L, Random(seed * 1000 + L), max_strands=10)`` per length."""
    result = {}
    for length in lengths:
        rng = random.Random(seed * 1000 + length)
        result[length] = [unknot_instance(length, rng, max_strands=10)[0] for _ in range(per_length)]
    return result


def evaluate_policy_on_lengths(model, lengths: Iterable[int] = EVAL_LENGTHS, per_length: int = 50, seed: int = 0, *,
                               max_steps: int = 1000, instances: dict | None = None) -> dict[int, float]:
    """Fraction of scrambled unknots (:func:`eval_instances`) that :func:`rl_reduce` solves, per length."""
    lengths = list(lengths)
    instances = instances or eval_instances(lengths, per_length, seed)
    rates = {}
    for length in lengths:
        solved = sum(rl_reduce(s, model, max_steps=max_steps, seed=seed) is not None for s in instances[length])
        rates[length] = solved / len(instances[length])
    return rates


# --- command line ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m pybridge.unknot.rl train|eval ...``"""
    parser = argparse.ArgumentParser(prog="python -m pybridge.unknot.rl")
    sub = parser.add_subparsers(dest="cmd", required=True)
    train = sub.add_parser("train", help="train a policy with the length curriculum")
    train.add_argument("--algo", choices=ALGOS, default="maskable_ppo")
    train.add_argument("--steps", type=int, default=1_000_000)
    train.add_argument("--out", type=Path, required=True,
                       help=f"where to write the model (pass {DEFAULT_MODEL_PATH} to replace the shipped one)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--n-envs", type=int, default=16)
    train.add_argument("--time-limit-s", type=float, default=None)
    train.add_argument("--eval-per-length", type=int, default=0)
    evaluate = sub.add_parser("eval", help="success rate per length")
    evaluate.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH)
    evaluate.add_argument("--lengths", type=lambda s: [int(x) for x in s.split(",")], default=list(EVAL_LENGTHS))
    evaluate.add_argument("--per-length", type=int, default=50)
    evaluate.add_argument("--seed", type=int, default=12345)
    evaluate.add_argument("--update-metadata", action="store_true",
                          help="store the result as the model's metadata 'eval' (the previous one is kept)")
    args = parser.parse_args(argv)
    if args.cmd == "train":
        path = train_unknot(args.algo, args.steps, args.out, args.seed, n_envs=args.n_envs,
                            time_limit_s=args.time_limit_s, eval_per_length=args.eval_per_length,
                            command=" ".join(["python -m pybridge.unknot.rl", *(argv or sys.argv[1:])]))
        print(path)
    else:
        started = time.monotonic()
        rates = evaluate_policy_on_lengths(load_policy(args.model), args.lengths, args.per_length, args.seed)
        for length, rate in rates.items():
            print(f"{length:4d}  {rate:.2f}")
        if args.update_metadata:
            record_evaluation(args.model, rates, args.per_length, args.seed, time.monotonic() - started)
    return 0


def record_evaluation(model_path: Path, rates: dict[int, float], per_length: int, seed: int, wall_s: float) -> None:
    """Make ``rates`` the model's metadata ``eval``; earlier evaluations move to ``previous_evals``."""
    path = metadata_path(model_path)
    meta = json.loads(path.read_text())
    if "eval" in meta:
        meta.setdefault("previous_evals", []).append(meta["eval"])
    meta["eval"] = {"per_length": per_length, "seed": seed, "success": {str(k): v for k, v in rates.items()},
                    "wall_s": round(wall_s, 1), "rl_reduce": "defaults (greedy, loop escape, 4 attempts)"}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(meta, indent=2) + "\n")
    tmp.replace(path)


if __name__ == "__main__":
    raise SystemExit(main())
