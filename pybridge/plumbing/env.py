"""``PlumbingEnv``: simplify a scrambled plumbing tree by Neumann moves (Ri–Putrov, MLST 4 035026).

Episode: a random tree ``T`` (``tree_vertices`` vertices, weights in ``[-10, 10]``) is reduced by
complexity-lowering moves to a *target* ``N`` (the first irreducible graph the greedy reduction
reaches) and scrambled by ``scramble_moves`` random Neumann moves; the agent starts from the scramble.
(``reset(options={"graph": G, "target": H})`` sets both explicitly.)

* **Observation** (``Dict``): ``features`` ``[N, 8]`` (see :func:`pybridge.plumbing.actions.node_features`),
  ``adjacency`` ``[N, N]`` (0/1), ``vertex_mask`` ``[N]`` for ``N = max_vertices`` slots in
  increasing vertex-id order.
* **Actions**: ``Discrete(5 N)`` — five per vertex slot (:mod:`pybridge.plumbing.actions`); the legal
  ones are ``info["action_mask"]`` and :meth:`action_masks` (the sb3-contrib ``MaskablePPO`` hook).
* **Reward**: the decrease of the complexity ``5·#vertices + Σ|weights|`` (Ri–Putrov); an illegal
  action costs ``-10`` and leaves the state unchanged.
* **Termination**: the state is isomorphic to the target; truncation after ``max_steps`` steps
  (Ri–Putrov: 40).
"""

from __future__ import annotations

import random

import gymnasium as gym
import networkx as nx
import numpy as np
from gymnasium import spaces

from .actions import FEATURES, KINDS_PER_VERTEX, action_mask, node_features, step_graph
from .canonical import canonical_form
from .graph import complexity, random_tree
from .moves import apply_move, reducing_moves
from .scramble import scramble

ILLEGAL_PENALTY = -10.0


def greedy_reduce(graph: nx.Graph) -> nx.Graph:
    """Apply the first reducing move (lowest id) until none is left."""
    while True:
        moves = reducing_moves(graph)
        if not moves:
            return graph
        graph = apply_move(graph, min(moves, key=lambda m: (m[1], m[0])))


class PlumbingEnv(gym.Env):
    """See the module docstring."""

    metadata = {"render_modes": []}

    def __init__(self, max_vertices: int = 48, tree_vertices: tuple[int, int] = (1, 25),
                 scramble_moves: tuple[int, int] = (1, 40), max_steps: int = 40) -> None:
        self.max_vertices, self.tree_vertices = max_vertices, tree_vertices
        self.scramble_moves, self.max_steps = scramble_moves, max_steps
        n = max_vertices
        self.observation_space = spaces.Dict({
            "features": spaces.Box(-np.inf, np.inf, (n, FEATURES), np.float32),
            "adjacency": spaces.Box(0.0, 1.0, (n, n), np.float32),
            "vertex_mask": spaces.Box(0.0, 1.0, (n,), np.float32),
        })
        self.action_space = spaces.Discrete(n * KINDS_PER_VERTEX)
        self.graph = nx.Graph()
        self.target_key = ""
        self.steps = 0

    def _observation(self) -> dict:
        x, adj, mask = node_features(self.graph, self.max_vertices)
        return {"features": x, "adjacency": adj, "vertex_mask": mask}

    def _info(self) -> dict:
        return {"action_mask": self.action_masks(), "complexity": complexity(self.graph),
                "vertices": self.graph.number_of_nodes()}

    def action_masks(self) -> np.ndarray:
        """The legal actions (boolean, ``5 N`` entries)."""
        return action_mask(self.graph, self.max_vertices)

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        rng = random.Random(int(self.np_random.integers(2**31)))
        options = options or {}
        if "graph" in options:
            self.graph, target = options["graph"], options.get("target", greedy_reduce(options["graph"]))
        else:
            while True:
                tree = random_tree(rng.randint(*self.tree_vertices), rng)
                target = greedy_reduce(tree)
                self.graph, _ = scramble(target, rng.randint(*self.scramble_moves), rng)
                if self.graph.number_of_nodes() <= self.max_vertices:
                    break
        self.target_key = canonical_form(target)
        self.steps = 0
        return self._observation(), self._info()

    def step(self, action: int):
        self.steps += 1
        after = step_graph(self.graph, int(action)) if self.action_masks()[int(action)] else None
        if after is None:
            reward = ILLEGAL_PENALTY
        else:
            reward = float(complexity(self.graph) - complexity(after))
            self.graph = after
        terminated = canonical_form(self.graph) == self.target_key
        truncated = not terminated and self.steps >= self.max_steps
        return self._observation(), reward, terminated, truncated, self._info()


if "pybridge/Plumbing-v0" not in gym.registry:  # importing this module registers the gymnasium id
    gym.register(id="pybridge/Plumbing-v0", entry_point="pybridge.plumbing.env:PlumbingEnv")
