"""Baselines evaluated in the same run as the models: most popular items and item-item co-occurrence kNN."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["SequenceModel", "PopularityModel", "ItemKNNModel"]


@runtime_checkable
class SequenceModel(Protocol):
    """A model the harness can train on index sequences and ask for scores over the whole catalog."""

    name: str

    def fit(self, sequences: Sequence[np.ndarray], item_ids: Sequence[str]) -> None:
        """Train on each user's training sequence of catalog indices, oldest first."""

    def score(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        """A (len(histories), len(item_ids)) array of scores, higher is better."""


class PopularityModel:
    """Scores every item by its number of training interactions, the same for every user."""

    name = "popularity"

    def __init__(self) -> None:
        self._counts = np.zeros(0, dtype=np.float32)

    def fit(self, sequences: Sequence[np.ndarray], item_ids: Sequence[str]) -> None:
        flat = np.concatenate([np.asarray(s, dtype=np.int64) for s in sequences]) if sequences else np.zeros(0, int)
        self._counts = np.bincount(flat, minlength=len(item_ids)).astype(np.float32)

    def score(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        return np.broadcast_to(self._counts, (len(histories), len(self._counts))).copy()


class ItemKNNModel:
    """Item-item kNN: cosine similarity of items' user sets, summed over the items in a history."""

    name = "itemknn"

    def __init__(self, neighbours: int = 100, shrink: float = 10.0) -> None:
        self.neighbours = neighbours
        self.shrink = shrink
        self._similarity = None

    def fit(self, sequences: Sequence[np.ndarray], item_ids: Sequence[str]) -> None:
        from scipy import sparse

        n_items = len(item_ids)
        interactions = _binary_matrix(sequences, n_items)
        co_occurrence = (interactions.T @ interactions).tocsr().astype(np.float32)
        co_occurrence.setdiag(0)
        co_occurrence.eliminate_zeros()
        counts = np.asarray(interactions.sum(axis=0)).ravel().astype(np.float32)
        norms = np.sqrt(counts)
        entries = co_occurrence.tocoo()
        rows, cols, values = entries.row, entries.col, entries.data
        # Shrinkage keeps items seen together once or twice from dominating the neighbour lists.
        values = values / (norms[rows] * norms[cols] + self.shrink)
        similarity = sparse.csr_matrix((values, (rows, cols)), shape=(n_items, n_items))
        self._similarity = _keep_top(similarity, self.neighbours)

    def score(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        if self._similarity is None:
            raise RuntimeError("fit the model before scoring")
        history_matrix = _binary_matrix(histories, self._similarity.shape[0])
        return np.asarray((history_matrix @ self._similarity).todense(), dtype=np.float32)


def _binary_matrix(sequences: Sequence[np.ndarray], n_items: int):  # noqa: ANN202 - scipy is imported lazily
    from scipy import sparse

    lengths = [len(s) for s in sequences]
    rows = np.repeat(np.arange(len(sequences)), lengths)
    cols = np.concatenate([np.asarray(s, dtype=np.int64) for s in sequences]) if sequences else np.zeros(0, int)
    matrix = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(sequences), n_items))
    matrix.data[:] = 1.0  # repeated items count once
    return matrix


def _keep_top(matrix, k: int):  # noqa: ANN001, ANN202
    """Keep each row's k largest entries."""
    from scipy import sparse

    matrix = matrix.tocsr()
    rows, cols, values = [], [], []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        row_values = matrix.data[start:end]
        keep = np.argpartition(-row_values, k)[:k] if len(row_values) > k else np.arange(len(row_values))
        rows.append(np.full(len(keep), row))
        cols.append(matrix.indices[start:end][keep])
        values.append(row_values[keep])
    if not rows:
        return matrix
    return sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=matrix.shape
    )
