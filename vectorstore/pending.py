"""Embeddings computed but not yet written to Chroma, kept on disk so a failed batch loses no work.

They are keyed by the model and the hash of the embedded text: a later build reuses a vector only for
the same text embedded by the same model, whatever became of the item in between.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["PendingEmbeddings"]


class PendingEmbeddings:
    """Files of (text hash, vector) in a folder, one file per failed batch."""

    def __init__(self, folder: Path | None, model: str) -> None:
        self.folder = folder
        self.model = model

    def _files(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("pending-*.npz"))

    def save(self, text_hashes: Sequence[str], vectors: np.ndarray) -> Path | None:
        """Keep a batch's vectors; returns the file, or None when there is no folder to keep them in."""
        if self.folder is None or len(text_hashes) == 0:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"pending-{uuid.uuid4().hex}.npz"
        partial = path.with_suffix(".partial")
        with open(partial, "wb") as handle:  # written whole, then renamed: never a half file
            np.savez(handle, hashes=np.asarray(text_hashes), vectors=vectors, model=np.asarray(self.model))
        partial.rename(path)
        return path

    def load(self) -> dict[str, np.ndarray]:
        """Every kept vector of this model, by text hash."""
        found: dict[str, np.ndarray] = {}
        for path in self._files():
            with np.load(path) as data:
                if str(data["model"]) != self.model:
                    continue
                for text_hash, vector in zip(data["hashes"], data["vectors"]):
                    found[str(text_hash)] = vector
        return found

    def count(self) -> int:
        total = 0
        for path in self._files():
            with np.load(path) as data:
                total += len(data["hashes"])
        return total

    def clear(self) -> None:
        """Forget kept vectors once everything they were for is written."""
        for path in self._files():
            path.unlink(missing_ok=True)
