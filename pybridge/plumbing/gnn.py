"""A small graph-neural actor–critic for :class:`pybridge.plumbing.env.PlumbingEnv`, trained by A2C.

Network (torch, message passing over the padded adjacency ``A``): ``h⁰ = relu(W_in x)``, then three
rounds ``h^{t+1} = relu(W_self h^t + W_nbr A h^t)``; the actor gives 5 logits per vertex slot
(``W_out h``, illegal actions masked to ``-inf``), the critic ``V = w·mean_v h_v``. Training is
advantage actor–critic (Mnih et al., "Asynchronous methods for deep RL", ICML 2016; Ri–Putrov use its
asynchronous form with 8 workers): one worker, 5-step bootstrapped returns ``G_t = Σ_{k<5} γ^k
r_{t+k} + γ^5 V(s_{t+5})`` over 40-step episodes (rewards scaled by 1/10), loss ``−log π(a|s)·(G − V) + ½ (G − V)² − β H(π)``, Adam with lr 5·10⁻⁴ (actor) and 10⁻³
(critic), ``γ = 0.99``, ``β = 0.01``. Weights are stored as JSON (``pybridge/models/plumbing_gnn.json``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import networkx as nx
import numpy as np
import torch
from torch import nn

from .actions import FEATURES, KINDS_PER_VERTEX, action_mask, action_move, node_features, step_graph
from .agents import Budget, Meeting, SearchResult, result, start, visit

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "plumbing_gnn.json"
MAX_VERTICES = 64


class PlumbingGNN(nn.Module):
    """Message-passing actor–critic over padded vertex slots (see the module docstring)."""

    def __init__(self, hidden: int = 32, rounds: int = 3) -> None:
        super().__init__()
        self.inp = nn.Linear(FEATURES, hidden)
        self.self_layers = nn.ModuleList(nn.Linear(hidden, hidden) for _ in range(rounds))
        self.nbr_layers = nn.ModuleList(nn.Linear(hidden, hidden, bias=False) for _ in range(rounds))
        self.actor = nn.Linear(hidden, KINDS_PER_VERTEX)
        self.critic = nn.Linear(hidden, 1)

    def forward(self, x, adj, mask):
        """``x [B,N,F]``, ``adj [B,N,N]``, ``mask [B,N]`` -> (logits ``[B, 5N]``, value ``[B]``)."""
        h = torch.relu(self.inp(x))
        for lin_self, lin_nbr in zip(self.self_layers, self.nbr_layers):
            h = torch.relu(lin_self(h) + lin_nbr(adj @ h)) * mask.unsqueeze(-1)
        logits = self.actor(h).reshape(h.shape[0], -1)
        pooled = h.sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        return logits, self.critic(pooled).squeeze(-1)


def tensors(graph: nx.Graph, n: int = MAX_VERTICES):
    x, adj, mask = node_features(graph, n)
    return torch.from_numpy(x)[None], torch.from_numpy(adj)[None], torch.from_numpy(mask)[None]


def distribution(model: PlumbingGNN, graph: nx.Graph, n: int = MAX_VERTICES):
    """(masked categorical distribution over the ``5 n`` actions, value) for one graph; None if no legal action."""
    legal = action_mask(graph, n)
    if not legal.any():
        return None, None
    logits, value = model(*tensors(graph, n))
    logits = logits[0].masked_fill(~torch.from_numpy(legal), float("-inf"))
    return torch.distributions.Categorical(logits=logits), value[0]


def save(model: PlumbingGNN, path: Path = MODEL_PATH, meta: dict | None = None) -> None:
    """Weights as JSON lists (small, diff-able, no pickle)."""
    state = {k: v.tolist() for k, v in model.state_dict().items()}
    path.write_text(json.dumps({"meta": meta or {}, "state": state}))


def load(path: Path = MODEL_PATH) -> PlumbingGNN:
    """The trained policy (an untrained one, seeded, if no weights file exists)."""
    model = PlumbingGNN()
    if path.is_file():
        data = json.loads(path.read_text())
        model.load_state_dict({k: torch.tensor(v) for k, v in data["state"].items()})
    model.eval()
    return model


def n_step_returns(rewards: list[float], values: list[float], gamma: float, n: int) -> torch.Tensor:
    """``G_t = Σ_{k<n} γ^k r_{t+k}/10 + γ^n V(s_{t+n})`` (``values`` has one more entry: the state after
    the last step, 0 when terminal); rewards are scaled by 1/10."""
    out = []
    for t in range(len(rewards)):
        end = min(t + n, len(rewards))
        g = sum(gamma ** (k - t) * rewards[k] / 10.0 for k in range(t, end))
        out.append(g + gamma ** (end - t) * values[end])
    return torch.tensor(out)


def train(episodes: int = 600, seed: int = 0, gamma: float = 0.99, beta: float = 0.01, n_step: int = 5,
          progress=None) -> tuple:
    """A2C on ``PlumbingEnv`` (trees of 3–15 vertices scrambled by 5–30 moves); return (model, log)."""
    from .env import PlumbingEnv

    torch.manual_seed(seed)
    env = PlumbingEnv(max_vertices=MAX_VERTICES, tree_vertices=(3, 15), scramble_moves=(5, 30), max_steps=40)
    model = PlumbingGNN()
    actor_params = list(model.inp.parameters()) + list(model.self_layers.parameters()) + \
        list(model.nbr_layers.parameters()) + list(model.actor.parameters())
    optimiser = torch.optim.Adam([{"params": actor_params, "lr": 5e-4},
                                  {"params": model.critic.parameters(), "lr": 1e-3}])
    log = []
    for episode in range(episodes):
        env.reset(seed=seed * 100_003 + episode)
        log_probs, values, rewards, entropies = [], [], [], []
        solved = False
        for _ in range(env.max_steps):
            dist, value = distribution(model, env.graph)
            if dist is None:
                break
            action = dist.sample()
            _, reward, terminated, truncated, _ = env.step(int(action))
            log_probs.append(dist.log_prob(action))
            values.append(value)
            rewards.append(reward)
            entropies.append(dist.entropy())
            if terminated:
                solved = True
                break
            if truncated:
                break
        if not rewards:
            continue
        if solved:
            tail = 0.0
        else:
            _, final_value = distribution(model, env.graph)
            tail = 0.0 if final_value is None else float(final_value.detach())
        values_t, log_probs_t = torch.stack(values), torch.stack(log_probs)
        returns = n_step_returns(rewards, values_t.detach().tolist() + [tail], gamma, n_step)
        advantage = returns - values_t
        loss = -(log_probs_t * advantage.detach()).mean() + 0.5 * advantage.pow(2).mean() \
            - beta * torch.stack(entropies).mean()
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        log.append({"episode": episode, "return": float(sum(rewards)), "solved": solved, "steps": len(rewards)})
        if progress is not None:
            progress(episode, log[-1])
    model.eval()
    return model, log


_CACHED: dict = {}


def cached_policy() -> PlumbingGNN:
    if "model" not in _CACHED:
        _CACHED["model"] = load()
    return _CACHED["model"]


@torch.no_grad()
def policy_search(a: nx.Graph, b: nx.Graph, max_steps=None, budget_s=10.0, seed: int = 0, policy=None,
                  rollout_length: int | None = None) -> SearchResult:
    """The ``rl`` agent: alternate policy rollouts from A and from B (the first from each side greedy,
    later ones sampled; ``2·#V + 40`` moves unless ``rollout_length`` is given), recording every state;
    success when the two sides meet."""
    torch.set_num_threads(1)
    model = policy or cached_policy()
    gen = torch.Generator().manual_seed(seed)
    budget = Budget(max_steps, budget_s)
    sides, key = start(a, b)
    if key is not None:
        return result(sides, "rl", budget, key)
    rollout = 0
    try:
        while budget.left():
            index = rollout % 2
            graph, path = sides[index].start, []
            for _ in range(rollout_length or 2 * graph.number_of_nodes() + 40):
                if graph.number_of_nodes() >= MAX_VERTICES:
                    break
                dist, _ = distribution(model, graph)
                if dist is None or not budget.spend():
                    break
                if rollout < 2:
                    action = int(dist.probs.argmax())
                else:
                    action = int(torch.multinomial(dist.probs, 1, generator=gen))
                nxt = step_graph(graph, action)
                if nxt is None:
                    break
                path = path + [action_move(graph, action)]
                graph = nxt
                visit(sides, index, graph, path)
            rollout += 1
    except Meeting as meeting:
        return result(sides, "rl", budget, meeting.key)
    return result(sides, "rl", budget, None)


def train_and_save(episodes: int, seed: int, path: Path = MODEL_PATH) -> dict:
    """Train, save the weights, return a summary of the training log."""
    torch.set_num_threads(1)
    t0 = time.time()
    model, log = train(episodes, seed)
    tail = log[-100:]
    meta = {"episodes": episodes, "seed": seed, "seconds": round(time.time() - t0, 1),
            "last100_mean_return": float(np.mean([e["return"] for e in tail])) if tail else None,
            "last100_solved": float(np.mean([e["solved"] for e in tail])) if tail else None}
    save(model, path, meta)
    return meta
