"""The logistic models the pipeline ships: weights over standardized features, read from the JSON a training
command writes, checked against the features the code computes today. The sentence-level event filter
(``event_filter``) and the event score of dedup (``pipeline/event_score.py``) both are one.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class TrainedOnOtherFeatures(ValueError, RuntimeError):
    """Weights written for other features than the code computes: the model must be trained again."""


@dataclass(frozen=True)
class LogisticModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, x: Sequence[float] | np.ndarray) -> float:
        z = float(self.terms(x).sum() + self.bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def terms(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        """What each feature adds to the log-odds (its weight times its standardized value): which facts
        raised the probability and which lowered it."""
        return (np.asarray(x, dtype=np.float64) - self.mean) / self.scale * self.weights


def read_model(path: Path, names: Sequence[str], retrain: str) -> LogisticModel | None:
    """The model ``path`` holds, or None when there is no such file. Weights written for other features than
    ``names`` are an error that says to run ``retrain``."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(names):
        raise TrainedOnOtherFeatures(f"{path} was trained on other features: train it again ({retrain})")
    return LogisticModel(
        names=tuple(data["features"]),
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        weights=np.asarray(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


def switched_on(variable: str) -> bool:
    """Whether an environment switch (on unless set to off, 0, false or no) is on."""
    return os.environ.get(variable, "on").strip().lower() not in ("off", "0", "false", "no")
