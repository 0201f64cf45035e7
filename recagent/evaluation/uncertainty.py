"""How sure a figure is: bootstrap confidence intervals over test users, alone and for the gap between models."""

from __future__ import annotations

import numpy as np

__all__ = ["bootstrap_interval", "bootstrap_intervals", "paired_gap"]

_CHUNK = 100  # resamples drawn at once: bounded memory for many users


def _resampled_means(values: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """The mean of `values` over `samples` resamples of the users, with replacement (seeded)."""
    rng = np.random.default_rng(seed)
    means = np.empty(samples)
    for start in range(0, samples, _CHUNK):
        count = min(_CHUNK, samples - start)
        picks = rng.integers(0, len(values), size=(count, len(values)))
        means[start:start + count] = values[picks].mean(axis=1)
    return means


def bootstrap_interval(values: np.ndarray, *, samples: int = 1000, level: float = 0.95,
                       seed: int = 0) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of per-user `values`."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or samples <= 0:
        return (float("nan"), float("nan"))
    means = _resampled_means(values, samples, seed)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return (round(float(low), 6), round(float(high), 6))


def bootstrap_intervals(per_user: dict[str, np.ndarray], *, samples: int = 1000, level: float = 0.95,
                        seed: int = 0) -> dict[str, tuple[float, float]]:
    """An interval for each metric of one model, from its per-user values."""
    return {metric: bootstrap_interval(values, samples=samples, level=level, seed=seed)
            for metric, values in per_user.items()}


def paired_gap(first: np.ndarray, second: np.ndarray, *, samples: int = 1000, level: float = 0.95,
               seed: int = 0) -> tuple[float, tuple[float, float]]:
    """The mean of `first - second` over the same users and its bootstrap interval: when the interval holds
    0, the two models cannot be told apart on these users."""
    gap = np.asarray(first, dtype=float) - np.asarray(second, dtype=float)
    return round(float(gap.mean()), 6), bootstrap_interval(gap, samples=samples, level=level, seed=seed)
