"""Ranking metrics over the rank of each user's held-out item (0 = ranked first)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["MISSED", "target_ranks", "hit_rate", "ndcg", "mrr", "coverage", "per_user_values"]

# The rank given to a held-out item that cannot be recommended (it was excluded as already seen).
MISSED = np.iinfo(np.int64).max


def target_ranks(scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """The 0-based rank of each row's target column; ties count against the target, -inf means excluded.

    Ties are broken against the held-out item so that a model cannot gain from constant scores.
    """
    rows = np.arange(len(targets))
    target_scores = scores[rows, targets]
    ahead = (scores >= target_scores[:, None]).sum(axis=1) - 1
    return np.where(np.isneginf(target_scores), MISSED, ahead).astype(np.int64)


def hit_rate(ranks: np.ndarray, k: int) -> float:
    """Share of users whose held-out item is in their top k (HR@k, also called recall@k here)."""
    return float(np.mean(ranks < k)) if len(ranks) else 0.0


def ndcg(ranks: np.ndarray, k: int) -> float:
    """Mean NDCG@k with one relevant item per user: 1 / log2(rank + 2) inside the top k, else 0."""
    if not len(ranks):
        return 0.0
    inside = ranks < k
    gains = np.zeros(len(ranks))
    gains[inside] = 1.0 / np.log2(ranks[inside] + 2.0)
    return float(gains.mean())


def mrr(ranks: np.ndarray) -> float:
    """Mean reciprocal rank over the full ranking; an excluded item counts 0."""
    if not len(ranks):
        return 0.0
    reciprocal = np.zeros(len(ranks))
    found = ranks != MISSED
    reciprocal[found] = 1.0 / (ranks[found] + 1.0)
    return float(reciprocal.mean())


def coverage(top_lists: Iterable[np.ndarray], catalog_size: int) -> float:
    """Share of the catalog that appears in at least one user's top list (item indices, any shape)."""
    if catalog_size <= 0:
        return 0.0
    shown = np.zeros(catalog_size, dtype=bool)
    for top in top_lists:
        shown[np.asarray(top, dtype=np.int64).ravel()] = True
    return float(shown.mean())


def per_user_values(ranks: np.ndarray, metric: str) -> np.ndarray:
    """Each user's own value of `hr@K`, `ndcg@K` or `mrr`: the metric is their mean."""
    ranks = np.asarray(ranks, dtype=np.int64)
    found = ranks != MISSED
    values = np.zeros(len(ranks))
    if metric == "mrr":
        values[found] = 1.0 / (ranks[found] + 1.0)
        return values
    name, _, cut = metric.partition("@")
    k = int(cut)
    inside = ranks < k
    if name == "hr":
        return inside.astype(float)
    if name == "ndcg":
        values[inside] = 1.0 / np.log2(ranks[inside] + 2.0)
        return values
    raise ValueError(f"no per-user values for {metric!r}; hr@K, ndcg@K and mrr have them")
