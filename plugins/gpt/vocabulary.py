"""The GPT vocabulary: one token per catalog item, after the padding token."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["PAD", "ItemVocabulary"]

PAD = 0


class ItemVocabulary:
    """Maps item ids to tokens 1..n and back; token 0 pads short histories."""

    def __init__(self, item_ids: Sequence[str]) -> None:
        self.item_ids = tuple(item_ids)
        self._tokens = {item_id: token for token, item_id in enumerate(self.item_ids, start=1)}
        if len(self._tokens) != len(self.item_ids):
            raise ValueError("item ids of a vocabulary must be unique")

    def __len__(self) -> int:
        return len(self.item_ids)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._tokens

    def token(self, item_id: str) -> int:
        return self._tokens[item_id]

    def encode(self, item_ids: Iterable[str]) -> np.ndarray:
        """Tokens of the known items, in order; unknown ids are skipped."""
        return np.fromiter((self._tokens[i] for i in item_ids if i in self._tokens), dtype=np.int64)
