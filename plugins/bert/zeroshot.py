"""Zero-shot categorization: similarity between an item's text and the category names."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from recagent.vectorstore.embedders import SentenceTransformerEmbedder

__all__ = ["ZeroShotCategorizer"]


class ZeroShotCategorizer:
    """Assign the categories whose names are closest to the item text, when they are close enough.

    A category is kept when its cosine similarity is at least `threshold` and within `margin` of the
    best one (at most `max_labels` of them); an item with no category that close is left uncategorised
    rather than guessed.
    """

    def __init__(self, backbone: str, labels: Sequence[str], threshold: float = 0.35, margin: float = 0.05,
                 max_labels: int = 3) -> None:
        if not labels:
            raise ValueError("zero-shot categorization needs at least one category name")
        # The index's embedder: one copy of the model per process, whoever loads it first.
        self.encoder = SentenceTransformerEmbedder(backbone)
        self.labels = list(labels)
        self.threshold = threshold
        self.margin = margin
        self.max_labels = max_labels
        self._label_vectors = self._encode(self.labels)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.embed(list(texts))

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts) @ self._label_vectors.T

    def predict(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        predictions = []
        for row in self.similarities(texts):
            best = float(row.max())
            keep = (row >= self.threshold) & (row >= best - self.margin)
            predictions.append(tuple(self.labels[j] for j in np.argsort(-row) if keep[j])[: self.max_labels])
        return predictions
