"""Random Neumann moves: scrambling a plumbing forest into an equivalent one (Ri–Putrov protocol)."""

from __future__ import annotations

import random

import networkx as nx

from .moves import apply_move, blowup_moves, reducing_moves


def random_split(graph: nx.Graph, rng: random.Random) -> tuple | None:
    """A random ``split``: a random vertex, weight in ``[-5, 5]`` and a random subset of its neighbours."""
    if graph.number_of_nodes() == 0:
        return None
    v = rng.choice(sorted(graph.nodes))
    moving = sorted(x for x in graph.neighbors(v) if rng.random() < 0.5)
    return ("split", v, rng.randint(-5, 5), *moving)


def random_move(graph: nx.Graph, rng: random.Random, p_reduce: float = 0.3, p_split: float = 0.15) -> tuple:
    """One random legal move: a reducing move with probability ``p_reduce`` (when there is one), a split
    with probability ``p_split``, otherwise a ±1 blow-up at a random vertex or edge (or a point)."""
    reducing = reducing_moves(graph)
    roll = rng.random()
    if reducing and roll < p_reduce:
        return rng.choice(reducing)
    if roll < p_reduce + p_split:
        split = random_split(graph, rng)
        if split is not None:
            return split
    ups = blowup_moves(graph)
    return rng.choice(ups) if ups else ("blowup_point", rng.choice((1, -1)))


def scramble(graph: nx.Graph, moves: int, rng: random.Random, **weights) -> tuple[nx.Graph, list[tuple]]:
    """Apply ``moves`` random legal moves; return the scrambled graph and the moves applied."""
    applied = []
    for _ in range(moves):
        move = random_move(graph, rng, **weights)
        graph = apply_move(graph, move)
        applied.append(move)
    return graph, applied
