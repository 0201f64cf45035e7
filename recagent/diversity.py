"""Diversity of a recommendation list: item similarity, maximal marginal relevance, intra-list diversity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from recagent.types import Item

__all__ = ["similarity_matrix", "mmr_order", "intra_list_diversity"]


def similarity_matrix(items: Sequence[Item], vectors: Mapping[str, Sequence[float]] | None = None) -> np.ndarray:
    """Pairwise similarity in 0..1: cosine of the items' vectors when every item has one, else category overlap."""
    if vectors and all(item.id in vectors for item in items):
        matrix = np.asarray([vectors[item.id] for item in items], dtype=np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return np.clip(matrix @ matrix.T, 0.0, 1.0)
    sets = [set(item.categories) for item in items]
    size = len(items)
    similarity = np.eye(size, dtype=np.float32)
    for i in range(size):
        for j in range(i + 1, size):
            union = sets[i] | sets[j]
            similarity[i, j] = similarity[j, i] = len(sets[i] & sets[j]) / len(union) if union else 0.0
    return similarity


def mmr_order(relevance: Sequence[float], similarity: np.ndarray, weight: float, k: int) -> list[int]:
    """Indices of k items chosen by maximal marginal relevance.

    Each step takes the item maximising (1 - weight) * relevance - weight * (its highest similarity to
    an item already chosen); relevance is rescaled to 0..1 first. Weight 0 keeps the relevance order.
    """
    scores = np.asarray(relevance, dtype=np.float64)
    if scores.size == 0:
        return []
    spread = scores.max() - scores.min()
    scores = (scores - scores.min()) / spread if spread > 0 else np.ones_like(scores)
    chosen: list[int] = []
    closest = np.zeros_like(scores)
    available = np.ones(scores.size, dtype=bool)
    for _ in range(min(k, scores.size)):
        value = np.where(available, (1 - weight) * scores - weight * closest, -np.inf)
        best = int(np.argmax(value))
        chosen.append(best)
        available[best] = False
        closest = np.maximum(closest, similarity[best])
    return chosen


def intra_list_diversity(similarity: np.ndarray) -> float:
    """Mean dissimilarity (1 - similarity) over all pairs of a list; 0 for fewer than two items."""
    size = similarity.shape[0]
    if size < 2:
        return 0.0
    upper = similarity[np.triu_indices(size, k=1)]
    return float(np.mean(1.0 - upper))
