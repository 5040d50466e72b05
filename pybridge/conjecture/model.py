"""A torch MLP that predicts a discrete invariant (the signature) from real features.

Davies et al., Nature 600 (2021), Methods: a fully connected network, three hidden layers of 300
sigmoid units, softmax over the target classes, Adam (lr 1e-3), batch 64, early stopping on a
validation split. Features are standardised with the training split's mean and standard deviation, so
saliency (:mod:`pybridge.conjecture.saliency`) is measured per standard deviation of each feature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import PybridgeError


@dataclass
class Splits:
    """Index arrays of the train / validation / test rows (disjoint, seeded permutation)."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


@dataclass
class TrainedModel:
    """A trained classifier with its feature names, scaler, class values and test accuracy."""

    network: object
    features: list[str]
    mean: np.ndarray
    std: np.ndarray
    classes: np.ndarray
    test_accuracy: float
    epochs: int
    history: list[float] = field(default_factory=list)

    def standardise(self, x: np.ndarray) -> np.ndarray:
        return (x - self.mean) / self.std

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Predicted target values (class labels) for raw feature rows ``x``."""
        import torch

        with torch.no_grad():
            logits = self.network(torch.as_tensor(self.standardise(x), dtype=torch.float32))
        return self.classes[logits.argmax(dim=1).numpy()]


def split_indices(n: int, seed: int, fractions: tuple[float, float] = (0.7, 0.15)) -> Splits:
    """A seeded random split of ``range(n)`` into train (70%), validation (15%) and test (the rest)."""
    if n < 10:
        raise PybridgeError(f"need at least 10 rows to split into train/validation/test, got {n}")
    order = np.random.default_rng(seed).permutation(n)
    a, b = int(fractions[0] * n), int((fractions[0] + fractions[1]) * n)
    return Splits(order[:a], order[a:b], order[b:])


def make_network(n_in: int, n_out: int, hidden: tuple[int, ...] = (300, 300, 300)):
    """The Davies et al. MLP: ``hidden`` sigmoid layers, then a linear layer to the class logits."""
    import torch.nn as nn

    layers, width = [], n_in
    for size in hidden:
        layers += [nn.Linear(width, size), nn.Sigmoid()]
        width = size
    layers.append(nn.Linear(width, n_out))
    return nn.Sequential(*layers)


def train_classifier(x: np.ndarray, y: np.ndarray, features: list[str], seed: int = 0, max_epochs: int = 200,
                     patience: int = 10, hidden: tuple[int, ...] = (300, 300, 300), batch: int = 64,
                     splits: Splits | None = None) -> TrainedModel:
    """Train the classifier on ``x`` (rows x features) -> ``y`` (class labels), early-stopped.

    Training stops when validation accuracy has not improved for ``patience`` epochs; the best
    validation state is restored. Deterministic for a given ``seed`` (single-threaded torch).
    """
    import torch

    torch.manual_seed(seed)
    splits = splits or split_indices(len(x), seed)
    classes = np.unique(y[splits.train])
    mean, std = x[splits.train].mean(axis=0), x[splits.train].std(axis=0)
    std = np.where(std > 0, std, 1.0)
    model = TrainedModel(make_network(x.shape[1], len(classes), hidden), features, mean, std, classes, math.nan, 0)
    xt = torch.as_tensor(model.standardise(x), dtype=torch.float32)
    label = {value: i for i, value in enumerate(classes)}
    yt = torch.as_tensor([label.get(v, -1) for v in y], dtype=torch.long)
    _fit(model, xt, yt, splits, max_epochs, patience, batch, seed)
    model.test_accuracy = accuracy(model.predict(x[splits.test]), y[splits.test])
    return model


def _fit(model: TrainedModel, xt, yt, splits: Splits, max_epochs: int, patience: int, batch: int, seed: int) -> None:
    import torch

    optimiser = torch.optim.Adam(model.network.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    train = torch.as_tensor(splits.train[yt[splits.train].numpy() >= 0])
    best, best_state, waited = -1.0, None, 0
    for epoch in range(max_epochs):
        model.network.train()
        for chunk in train[torch.randperm(len(train), generator=generator)].split(batch):
            optimiser.zero_grad()
            loss_fn(model.network(xt[chunk]), yt[chunk]).backward()
            optimiser.step()
        score = _accuracy_t(model.network, xt[splits.validation], yt[splits.validation])
        model.history.append(score)
        if score > best:
            best, waited, model.epochs = score, 0, epoch + 1
            best_state = {k: v.clone() for k, v in model.network.state_dict().items()}
        else:
            waited += 1
            if waited >= patience:
                break
    model.network.load_state_dict(best_state)
    model.network.eval()


def _accuracy_t(network, xt, yt) -> float:
    import torch

    with torch.no_grad():
        return float((network(xt).argmax(dim=1) == yt).float().mean())


def accuracy(predicted: np.ndarray, actual: np.ndarray) -> float:
    """Fraction of exact matches."""
    return float(np.mean(np.asarray(predicted) == np.asarray(actual)))


def slope_rule_accuracy(slope: np.ndarray, signature: np.ndarray) -> float:
    """Accuracy of the rule sigma = 2*round(slope/4), the even integer nearest slope/2 (Davies et al.:
    the signature is approximately slope/2)."""
    return accuracy(2 * np.round(np.asarray(slope) / 4), signature)
