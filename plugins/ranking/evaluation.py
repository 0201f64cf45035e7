"""The whole pipeline as the evaluation harness sees it: every plugin trained on the split it is given."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.progress import progress_bar
from recagent.types import Event

if TYPE_CHECKING:
    from recagent.sdk import Recommender
    from recagent.workspace import Workspace

__all__ = ["PipelineEvaluationModel"]

LIST_LENGTH = 100  # items the pipeline ranks per user; the others share the lowest score
# Settings that point at state shared beyond one folder (or the folder itself): never carried into a scratch copy.
_SHARED_STATE = ("workspace", "store_url", "chroma_url", "models_dir")


class PipelineEvaluationModel:
    """Copies the catalog and the training sequences into a scratch workspace, trains there, recommends."""

    name = "pipeline"

    def __init__(self, workspace: Workspace, *, query_for: Any = None) -> None:
        self.workspace = workspace
        self.query_for = query_for  # optional: history -> free-text query, for runs that evaluate queries
        self.summary: dict[str, Any] | None = None
        self._scratch: Recommender | None = None
        self._item_ids: list[str] = []

    def fit(self, sequences: Sequence[np.ndarray], item_ids: Sequence[str]) -> None:
        from recagent.sdk import Recommender

        folder = self.workspace.artifacts_dir("ranking") / "evaluation"
        shutil.rmtree(folder, ignore_errors=True)  # a fresh start: nothing may leak from an earlier split
        settings = self.workspace.settings
        # The catalog is copied as it is: categorizers would only spend minutes re-deriving what it holds.
        categorizers = self.workspace.host.implementers("categorize_items")
        # Every setting carries over but those of the plugins left out, which would declare them nowhere, and
        # those that say where state lives: the scratch copy keeps its store, index and models in its own folder,
        # never in the shared database, Chroma server or models folder that serve users.
        overrides = {name: settings[name] for name in settings
                     if name not in _SHARED_STATE and settings.owner(name) not in categorizers}
        overrides["disable_plugins"] = tuple(dict.fromkeys([*settings.disable_plugins, *categorizers]))
        plugins = [(name, self.workspace.host.manager.get_plugin(name)) for name in self._extra_plugins()]
        self._scratch = Recommender.open(folder, settings=overrides, plugins=plugins)
        self._item_ids = list(item_ids)
        catalog = self.workspace.store.get_items(self._item_ids)
        # Zero-padded names keep the store's user order the split's order (see _reuse_gpt_training).
        events = [
            Event(f"user{row:08d}", self._item_ids[index], float(position))
            for row, sequence in enumerate(sequences)
            for position, index in enumerate(np.asarray(sequence).tolist())
        ]
        self._scratch.ingest(items=[catalog[i] for i in self._item_ids], events=events)
        self._build_index_if_described()
        self._reuse_gpt_training()
        self.summary = self._scratch.train()

    def _extra_plugins(self) -> list[str]:
        """Plugins registered in code on the evaluated workspace (entry points and built-ins load anyway)."""
        host = self.workspace.host
        return [info.name for info in host.plugins() if info.source == "registered in code" and not info.error]

    def _build_index_if_described(self) -> None:
        host = self._scratch.host
        if "vectorsearch" not in {info.name for info in host.plugins() if not info.error}:
            return
        # Titles, categories and tags say what a film is (the ranker's text match, the source of items like the
        # recent ones); id-only catalogs (S3-Rec) have nothing to embed.
        if not any(item.text or item.categories or item.title not in ("", item.id)
                   for item in self._scratch.workspace.store.iter_items()):
            return
        self._scratch.build_index()

    def _reuse_gpt_training(self) -> None:
        """Start the scratch GPT from the `gpt` evaluation model's checkpoint, when there is one.

        GPT training resumes only from a checkpoint whose fingerprint (the token sequences, the catalog, the
        training options, the text initialisation) matches its own, so a checkpoint of this same split gives the
        pipeline the very network `gpt` is scored with: the two are then compared over one network rather than
        over two trainings cut at different points by a time budget, and it is not trained twice. A checkpoint
        of anything else fails the fingerprint check and training starts afresh.
        """
        if "gpt" not in {info.name for info in self._scratch.host.plugins() if not info.error}:
            return
        from recagent.plugins.gpt.evaluation import evaluation_folder
        from recagent.plugins.gpt.model import ARTIFACTS
        from recagent.plugins.gpt.training import CHECKPOINT_FILE

        source = evaluation_folder(self.workspace) / CHECKPOINT_FILE
        if source.exists():
            shutil.copy2(source, self._scratch.workspace.artifacts_dir(ARTIFACTS) / CHECKPOINT_FILE)

    def score(self, histories: Sequence[np.ndarray]) -> np.ndarray:
        if self._scratch is None:
            raise RuntimeError("fit the model before scoring")
        position = {item_id: index for index, item_id in enumerate(self._item_ids)}
        scores = np.full((len(histories), len(self._item_ids)), -1e9, dtype=np.float32)
        for row, history in enumerate(progress_bar(histories, desc="pipeline", enabled=False)):
            ids = [self._item_ids[i] for i in np.asarray(history).tolist()]
            query = self.query_for(ids) if self.query_for else None
            results = self._scratch.recommend(history=ids, query=query, k=LIST_LENGTH)
            for rank, recommendation in enumerate(results):
                scores[row, position[recommendation.item.id]] = LIST_LENGTH - rank
        return scores
