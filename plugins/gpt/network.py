"""The GPT-2 network over item tokens: building it, padding histories and reading out item scores.

torch and transformers are imported inside the functions so that loading the plugin stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.vocabulary import PAD

if TYPE_CHECKING:
    import torch
    from transformers import GPT2LMHeadModel

__all__ = ["build_network", "pad_right", "last_hidden", "item_table", "score_histories", "torch_threads"]


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Use `count` CPU threads inside the block (0 leaves torch's setting alone), then restore the old count."""
    import torch

    if count <= 0:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def build_network(n_items: int, options: GPTOptions) -> GPT2LMHeadModel:
    """A small GPT-2 whose vocabulary is the padding token plus one token per item, output tied to input."""
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=n_items + 1,
        n_positions=options.max_length,
        n_embd=options.embedding_size,
        n_layer=options.layers,
        n_head=options.heads,
        resid_pdrop=options.dropout,
        embd_pdrop=options.dropout,
        attn_pdrop=options.dropout,
        # No special-token ids: PAD only ever trails real tokens, which the causal mask already ignores.
        bos_token_id=None,
        eos_token_id=None,
        pad_token_id=None,
        tie_word_embeddings=True,
        use_cache=False,
    )
    return GPT2LMHeadModel(config)


def pad_right(sequences: Sequence[np.ndarray], max_length: int) -> torch.Tensor:
    """The last `max_length` tokens of each sequence, padded on the right with PAD.

    Right padding keeps every real token at positions 0..n-1, and the causal mask means real tokens
    never attend to the padding, so no attention mask is needed.
    """
    import torch

    clipped = [np.asarray(s[-max_length:], dtype=np.int64) for s in sequences]
    width = max(1, max(len(s) for s in clipped))
    batch = np.full((len(clipped), width), PAD, dtype=np.int64)
    for row, tokens in enumerate(clipped):
        batch[row, : len(tokens)] = tokens
    return torch.from_numpy(batch)


def item_table(network: GPT2LMHeadModel) -> torch.Tensor:
    """The item embeddings (without the padding row): inputs and, tied, the output layer."""
    return network.transformer.wte.weight[1:]


def hidden_states(network: GPT2LMHeadModel, tokens: torch.Tensor, input_table: torch.Tensor | None = None
                  ) -> torch.Tensor:
    """Hidden state after each position; `input_table` replaces the input embeddings (for cold items)."""
    if input_table is None:
        return network.transformer(input_ids=tokens, use_cache=False).last_hidden_state
    import torch.nn.functional as F

    return network.transformer(inputs_embeds=F.embedding(tokens, input_table), use_cache=False).last_hidden_state


def last_hidden(network: GPT2LMHeadModel, tokens: torch.Tensor, input_table: torch.Tensor | None = None
                ) -> torch.Tensor:
    """The hidden state after each history's last real token."""
    import torch

    states = hidden_states(network, tokens, input_table)
    last = (tokens != PAD).sum(dim=1).clamp(min=1) - 1
    return states[torch.arange(len(tokens), device=tokens.device), last]


def score_histories(
    network: GPT2LMHeadModel,
    histories: Sequence[np.ndarray],
    max_length: int,
    output_table: torch.Tensor | None = None,
    input_table: torch.Tensor | None = None,
    batch_size: int = 512,
) -> np.ndarray:
    """Logits of every item (a row per history) for histories of tokens, computed on the network's device (the
    tables' when given); the network is put in eval mode."""
    import torch

    network.eval()
    table = item_table(network) if output_table is None else output_table
    rows = []
    with torch.inference_mode():
        for start in range(0, len(histories), batch_size):
            tokens = pad_right(histories[start:start + batch_size], max_length).to(table.device)
            rows.append((last_hidden(network, tokens, input_table) @ table.T).cpu().numpy())
    return np.concatenate(rows) if rows else np.zeros((0, len(table)), dtype=np.float32)
