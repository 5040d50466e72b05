"""Gradient saliency of a trained classifier (Davies et al., Nature 600 (2021), eq. (1)).

    r_i = (1/|X|) * sum_{x in X} |dL(f(x), y(x)) / dx_i|

where ``L`` is the per-example cross-entropy loss of the network ``f`` against the true label ``y(x)``
and ``x`` is the standardised feature vector (so ``r_i`` is per standard deviation of feature ``i``).
Rankings compare features by ``r_i``; :func:`normalised` rescales so the largest is 1.
"""

from __future__ import annotations

import numpy as np


def saliency(network, x: np.ndarray, y_index: np.ndarray) -> np.ndarray:
    """``r_i`` of eq. (1) over the rows of ``x`` (already standardised) with class indices ``y_index``."""
    import torch

    xt = torch.as_tensor(x, dtype=torch.float32).clone().requires_grad_(True)
    losses = torch.nn.functional.cross_entropy(network(xt), torch.as_tensor(y_index, dtype=torch.long),
                                               reduction="none")
    (grad,) = torch.autograd.grad(losses.sum(), xt)  # row k of grad is dL_k/dx_k: losses are per-row
    return grad.abs().mean(dim=0).numpy().astype(float)


def finite_difference_saliency(network, x: np.ndarray, y_index: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """The same mean |dL/dx_i| by central differences (float64 copy of the network); for testing."""
    import copy

    import torch

    net = copy.deepcopy(network).double()
    xt = torch.as_tensor(x, dtype=torch.float64)
    yt = torch.as_tensor(y_index, dtype=torch.long)
    out = np.zeros(x.shape[1])
    with torch.no_grad():
        for i in range(x.shape[1]):
            step = torch.zeros_like(xt)
            step[:, i] = h
            plus = torch.nn.functional.cross_entropy(net(xt + step), yt, reduction="none")
            minus = torch.nn.functional.cross_entropy(net(xt - step), yt, reduction="none")
            out[i] = float(((plus - minus) / (2 * h)).abs().mean())
    return out


def ranking(features: list[str], scores: np.ndarray) -> list[tuple[str, float]]:
    """``(feature, score)`` pairs, most salient first (ties broken by feature name)."""
    return sorted(zip(features, map(float, scores)), key=lambda item: (-item[1], item[0]))


def normalised(scores: np.ndarray) -> np.ndarray:
    """Scores divided by their maximum (all zeros stay zeros)."""
    top = float(np.max(scores)) if len(scores) else 0.0
    return np.asarray(scores) / top if top > 0 else np.asarray(scores, dtype=float)
