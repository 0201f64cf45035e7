"""Training only the top layers: the frozen lower layers run once per item instead of once per epoch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from recagent.plugins.bert.precision import autocast
from recagent.progress import progress_bar

__all__ = ["FrozenLayerCache"]


def _pad_states(states: Sequence[Any]) -> tuple[Any, Any]:
    import torch

    width = max(state.shape[0] for state in states)
    hidden = torch.zeros((len(states), width, states[0].shape[1]))
    mask = torch.zeros((len(states), width), dtype=torch.long)
    for row, state in enumerate(states):
        hidden[row, : state.shape[0]] = state
        mask[row, : state.shape[0]] = 1
    return hidden, mask


class FrozenLayerCache:
    """Each item's hidden states after the embeddings and the frozen layers, kept at its own length.

    Attention is masked to each item's own tokens, so these states do not depend on the batch they
    were computed in: reusing them every epoch gives the same training as running the frozen layers anew
    (less their dropout, which frozen layers have no use for).
    """

    def __init__(self, model: Any, encoded: Sequence[Sequence[int]], pad_id: int, frozen_layers: int,
                 *, batch_size: int = 64, precision: str = "auto", progress: bool = False) -> None:
        import torch

        self.frozen_layers = frozen_layers
        self.states: list[Any] = [None] * len(encoded)
        order = np.argsort([len(ids) for ids in encoded])
        model.eval()
        with torch.inference_mode(), autocast(precision):
            for start in progress_bar(range(0, len(order), batch_size), desc="encoding with the frozen layers",
                                      enabled=progress, unit="batch"):
                batch = order[start:start + batch_size]
                width = max(len(encoded[i]) for i in batch)
                ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, index in enumerate(batch):
                    ids[row, : len(encoded[index])] = torch.tensor(encoded[index])
                    mask[row, : len(encoded[index])] = 1
                hidden = self._run_layers(model, model.bert.embeddings(input_ids=ids), mask, 0, frozen_layers)
                for row, index in enumerate(batch):
                    self.states[index] = hidden[row, : len(encoded[index])].to(torch.float32, copy=True)

    @staticmethod
    def _run_layers(model: Any, hidden: Any, mask: Any, first: int, last: int) -> Any:
        from transformers.masking_utils import create_bidirectional_mask

        attention = create_bidirectional_mask(config=model.config, inputs_embeds=hidden, attention_mask=mask)
        for layer in model.bert.encoder.layer[first:last]:
            hidden = layer(hidden, attention)
        return hidden

    def logits(self, model: Any, indices: Sequence[int], pooling: str = "mean") -> Any:
        """The classifier's logits for these items, running only the trainable top of the network."""
        from recagent.plugins.bert.classifier import pooled_logits

        hidden, mask = _pad_states([self.states[i] for i in indices])
        hidden = self._run_layers(model, hidden, mask, self.frozen_layers, len(model.bert.encoder.layer))
        return pooled_logits(model, hidden, mask, pooling)
