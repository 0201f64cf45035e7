"""Item text embeddings (the vector store's MiniLM) and the maps between them and GPT item embeddings."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from recagent.errors import ConfigError
from recagent.types import Item

__all__ = [
    "item_description",
    "mostly_described",
    "embed_texts",
    "project_for_init",
    "fit_text_map",
    "apply_text_map",
]

_RIDGE = 1.0


def item_description(item: Item) -> str | None:
    """Title, categories and text as one string, or None when the item has only a placeholder title."""
    title = item.title.strip()
    placeholder = title in ("", item.id, f"Item {item.id}")  # what id-only formats such as S3-Rec store
    if placeholder and not item.text and not item.categories:
        return None
    parts = [] if placeholder else [title]
    if item.categories:
        parts.append(", ".join(item.categories))
    if item.text:
        parts.append(item.text)
    return ". ".join(parts)


def mostly_described(descriptions: Sequence[str | None]) -> bool:
    """Whether at least half of the items have text worth embedding."""
    return bool(descriptions) and sum(d is not None for d in descriptions) * 2 >= len(descriptions)


def _encoder(model_path: str | None) -> Any:
    """The sentence-transformers model, shared in the process with the item index's embedder."""
    if model_path is not None and not os.path.isdir(model_path):
        raise ConfigError(f"gpt_text_model {model_path!r} is not a folder; point it at a local sentence-transformers model")
    from recagent.vectorstore.embedders import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model_path).model


def embed_texts(texts: Sequence[str], model_path: str | None = None, *, progress: bool = False) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    encoder = _encoder(model_path)
    vectors = encoder.encode(list(texts), batch_size=64, show_progress_bar=progress, convert_to_numpy=True,
                             normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)


def project_for_init(text_vectors: np.ndarray, size: int, scale: float, seed: int) -> np.ndarray:
    """Principal components of the text embeddings, `size` of them, scaled so their spread is `scale`.

    Items with similar text start close together, at the spread the network's own initialisation uses.
    """
    centred = text_vectors - text_vectors.mean(axis=0, keepdims=True)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ components[:size].T
    if projected.shape[1] < size:  # fewer texts than dimensions: fill the rest at random
        rng = np.random.default_rng(seed)
        extra = rng.normal(0.0, projected.std() or 1.0, size=(len(projected), size - projected.shape[1]))
        projected = np.concatenate([projected, extra], axis=1)
    spread = projected.std() or 1.0
    return (projected * (scale / spread)).astype(np.float32)


def fit_text_map(text_vectors: np.ndarray, item_vectors: np.ndarray) -> np.ndarray:
    """A ridge regression from text embeddings (plus a bias) to trained item embeddings."""
    design = np.concatenate([text_vectors, np.ones((len(text_vectors), 1), dtype=text_vectors.dtype)], axis=1)
    gram = design.T @ design + _RIDGE * np.eye(design.shape[1], dtype=np.float64)
    return np.linalg.solve(gram, design.T @ item_vectors).astype(np.float32)


def apply_text_map(text_map: np.ndarray, text_vectors: np.ndarray) -> np.ndarray:
    """Item embeddings predicted from text embeddings: how items added after training get scores."""
    design = np.concatenate([text_vectors, np.ones((len(text_vectors), 1), dtype=text_vectors.dtype)], axis=1)
    return (design @ text_map).astype(np.float32)
