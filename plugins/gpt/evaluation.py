"""The GPT interest model as the evaluation harness sees it: trained on the split it is given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.holdout import holdout_order
from recagent.plugins.gpt.model import ARTIFACTS, text_initialisation
from recagent.plugins.gpt.network import score_histories, torch_threads
from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.training import TrainingSummary, train_network

if TYPE_CHECKING:
    from pathlib import Path

    from recagent.workspace import Workspace

__all__ = ["GPTEvaluationModel", "evaluation_folder"]


def evaluation_folder(workspace: Workspace) -> Path:
    """Where evaluation runs train and checkpoint their network, apart from the served model."""
    return workspace.artifacts_dir(ARTIFACTS) / "evaluation"


class GPTEvaluationModel:
    """Trains a fresh network on the harness's training sequences, apart from the workspace's served model."""

    name = "gpt"

    def __init__(self, workspace: Workspace, options: GPTOptions | None = None) -> None:
        self.workspace = workspace
        self.options = options or GPTOptions.from_settings(workspace.settings)
        self.summary: TrainingSummary | None = None
        self._network: Any = None

    def fit(self, sequences: Sequence[np.ndarray], item_ids: Sequence[str]) -> None:
        progress = self.workspace.settings.progress
        catalog = self.workspace.store.get_items(list(item_ids))
        initial, _, _ = text_initialisation([catalog[i] for i in item_ids], self.options, progress=progress)
        # Its own folder: an evaluation run must not replace or resume the served model.
        folder = evaluation_folder(self.workspace)
        # In holdout order, as `recagent train` orders them: the pipeline evaluated next resumes this network.
        order = holdout_order([[item_ids[index] for index in sequence] for sequence in sequences])
        tokens = [np.asarray(sequences[position], dtype=np.int64) + 1 for position in order]
        self._network, self.summary = train_network(tokens, len(item_ids), self.options, folder,
                                                    initial_embeddings=initial, progress=progress)

    def score(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        if self._network is None:
            raise RuntimeError("fit the model before scoring")
        tokens = [np.asarray(h, dtype=np.int64) + 1 for h in histories]
        with torch_threads(self.options.threads):
            return score_histories(self._network, tokens, self.options.max_length)
