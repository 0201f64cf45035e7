"""The GPT interest model of a workspace: trained from its store, saved in its artifacts, used for predictions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.artifacts import current_version, publish_version
from recagent.errors import ModelNotTrainedError, NotEnoughDataError, UnknownItemError, UnknownUserError
from recagent.evaluation.split import user_sequences
from recagent.holdout import holdout_order
from recagent.plugins.gpt.network import build_network, item_table, score_histories, torch_threads
from recagent.plugins.gpt.options import GPTOptions
from recagent.plugins.gpt.profile import category_profile
from recagent.plugins.gpt.text_embeddings import (
    apply_text_map,
    embed_texts,
    fit_text_map,
    item_description,
    mostly_described,
    project_for_init,
)
from recagent.plugins.gpt.training import train_network
from recagent.plugins.gpt.vocabulary import ItemVocabulary
from recagent.types import Interests, Item, ScoredItem

if TYPE_CHECKING:
    import torch
    from transformers import GPT2LMHeadModel

    from recagent.workspace import Workspace

__all__ = ["InterestModel", "text_initialisation", "model_folder", "ARTIFACTS"]

ARTIFACTS = "gpt"
_WEIGHTS = "network.pt"
_MANIFEST = "model.json"
_TEXT_MAP = "text_map.npy"
# The model's files, written directly into the artifacts folder before models were published as versions.
_LEGACY_FILES = (_WEIGHTS, _MANIFEST, _TEXT_MAP)
_INIT_SCALE = 0.02  # GPT-2's own initializer_range


def text_initialisation(items: Sequence[Item], options: GPTOptions, *, progress: bool = False
                        ) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None]:
    """Initial item embeddings from text, the text vectors and which items had text; Nones when text is off."""
    descriptions = [item_description(item) for item in items]
    if not options.text_init or not mostly_described(descriptions):
        return None, None, None
    described = np.array([d is not None for d in descriptions])
    vectors = embed_texts([d for d in descriptions if d is not None], options.text_model, progress=progress)
    rng = np.random.default_rng(options.seed)
    initial = rng.normal(0.0, _INIT_SCALE, size=(len(items), options.embedding_size)).astype(np.float32)
    initial[described] = project_for_init(vectors, options.embedding_size, _INIT_SCALE, options.seed)
    return initial, vectors, described


class InterestModel:
    """A trained GPT network with its item vocabulary, plus text-scored items added after training."""

    def __init__(self, network: GPT2LMHeadModel, vocabulary: ItemVocabulary, options: GPTOptions,
                 text_map: np.ndarray | None = None, summary: dict[str, Any] | None = None) -> None:
        self.network = network.eval()
        self.vocabulary = vocabulary
        self.options = options
        self.text_map = text_map
        self.summary = summary or {}
        self.cold_item_ids: tuple[str, ...] = ()
        self._tables: tuple[torch.Tensor | None, torch.Tensor | None] = (None, None)
        self._positions = {item_id: position for position, item_id in enumerate(vocabulary.item_ids)}

    # -- training -----------------------------------------------------------------------------------
    @classmethod
    def fit(cls, workspace: Workspace, options: GPTOptions | None = None) -> InterestModel:
        """Train on every user's sequence in the store and save the model in the workspace."""
        options = options or GPTOptions.from_settings(workspace.settings)
        store = workspace.store
        items = list(store.iter_items())
        if not items or store.stats().events == 0:
            raise NotEnoughDataError(
                "the workspace has no events to learn from; ingest a dataset first, e.g. "
                "`recagent ingest --events ratings.csv` or `recagent demo`"
            )
        vocabulary = ItemVocabulary([item.id for item in items])
        by_user = list(user_sequences(store).values())
        # In holdout order: the validation users are the first of it, the ones the ranker learns from.
        sequences = [vocabulary.encode(by_user[position]) for position in holdout_order(by_user)]
        progress = workspace.settings.progress
        initial, vectors, described = text_initialisation(items, options, progress=progress)
        folder = workspace.artifacts_dir(ARTIFACTS)
        network, summary = train_network(sequences, len(vocabulary), options, folder,
                                         initial_embeddings=initial, progress=progress)
        text_map = None
        if vectors is not None:
            trained = item_table(network).detach().numpy()[described]
            text_map = fit_text_map(vectors, trained)
        model = cls(network, vocabulary, options, text_map, summary.as_dict())
        # The weights and the manifest that describes them are switched in together: a crash between the two
        # writes would otherwise pair new weights with the old item vocabulary.
        with publish_version(folder, legacy=_LEGACY_FILES) as version:
            model.save(version)
        return model

    # -- files --------------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the model's files into `folder` (fit publishes them as a version of the workspace's model)."""
        import torch

        torch.save(self.network.state_dict(), folder / _WEIGHTS)
        if self.text_map is not None:
            np.save(folder / _TEXT_MAP, self.text_map)
        elif (folder / _TEXT_MAP).exists():
            (folder / _TEXT_MAP).unlink()
        manifest = {"options": self.options.__dict__, "item_ids": list(self.vocabulary.item_ids),
                    "summary": self.summary}
        (folder / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    @classmethod
    def load(cls, workspace: Workspace, folder: Path | None = None) -> InterestModel:
        """The model last trained in this workspace (or the version in `folder`), new items scored from their text."""
        import torch

        folder = folder if folder is not None else model_folder(workspace)
        if not (folder / _MANIFEST).exists() or not (folder / _WEIGHTS).exists():
            raise ModelNotTrainedError("GPT interest")
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        options = GPTOptions(**manifest["options"])
        vocabulary = ItemVocabulary(manifest["item_ids"])
        network = build_network(len(vocabulary), options)
        # Onto the CPU, where serving runs, whatever device wrote the weights.
        network.load_state_dict(torch.load(folder / _WEIGHTS, weights_only=True, map_location="cpu"))
        text_map = np.load(folder / _TEXT_MAP) if (folder / _TEXT_MAP).exists() else None
        model = cls(network, vocabulary, options, text_map, manifest.get("summary"))
        model.add_cold_items(workspace.store.iter_items())
        return model

    def add_cold_items(self, items: Sequence[Item] | Any) -> int:
        """Give items the network never saw embeddings predicted from their text; returns how many."""
        import torch

        if self.text_map is None:
            return 0
        new = [(item.id, item_description(item)) for item in items if item.id not in self.vocabulary]
        new = [(item_id, text) for item_id, text in new if text is not None]
        if not new:
            return 0
        vectors = apply_text_map(self.text_map, embed_texts([text for _, text in new], self.options.text_model))
        self.cold_item_ids = tuple(item_id for item_id, _ in new)
        self._positions = {item_id: position for position, item_id in enumerate(self.item_ids)}
        # Scored items are the trained ones then the cold ones; inputs also need the padding row first.
        output_table = torch.cat([item_table(self.network).detach(), torch.from_numpy(vectors)])
        padding = self.network.transformer.wte.weight[:1].detach()
        self._tables = (output_table, torch.cat([padding, output_table]))
        return len(new)

    # -- predictions --------------------------------------------------------------------------------
    @property
    def item_ids(self) -> tuple[str, ...]:
        """Every item the model can score: trained items, then items scored from their text."""
        return self.vocabulary.item_ids + self.cold_item_ids

    def _tokens(self, history: Sequence[str]) -> np.ndarray:
        placed = [self._positions[item] + 1 for item in history if item in self._positions]
        if not history:
            raise NotEnoughDataError("the history is empty; pass at least one item the user interacted with")
        if not placed:
            raise UnknownItemError(list(history))
        return np.asarray(placed, dtype=np.int64)

    def scores(self, history: Sequence[str]) -> np.ndarray:
        """Logits of every item in `item_ids` as the next item after `history` (oldest first)."""
        output_table, input_table = self._tables
        tokens = self._tokens(history)
        # One history is a few small products: a second thread mostly waits, and it stalls every product while
        # the other core is busy (Chroma's query threads in the same request). At 100k items, p99 117 ms with
        # torch's two threads against 20 ms with one (p50 19.7 against 16.7 ms).
        with torch_threads(1):
            return score_histories(self.network, [tokens], self.options.max_length, output_table, input_table)[0]

    def predict(self, history: Sequence[str], k: int = 10, categories: dict[str, Sequence[str]] | None = None,
                *, exclude_seen: bool = True) -> Interests:
        """The k items most likely next, as probabilities, and the category profile of that prediction."""
        logits = self.scores(history).astype(np.float64)
        probabilities = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        ids = self.item_ids
        ranked = probabilities.copy()
        if exclude_seen:
            ranked[[self._positions[item] for item in history if item in self._positions]] = -1.0
        top = _top(ranked, k)
        items = tuple(ScoredItem(ids[i], float(probabilities[i])) for i in top if ranked[i] >= 0)
        profile = category_profile(ids, probabilities, categories) if categories else {}
        return Interests(items=items, categories=profile)

    def predict_for_user(self, workspace: Workspace, user: str, k: int = 10) -> Interests:
        """Predictions from a known user's stored history."""
        store = workspace.store
        if not store.has_user(user):
            raise UnknownUserError(user)
        history = store.user_history(user)
        categories = {item.id: item.categories for item in store.get_items(list(self.item_ids)).values()}
        return self.predict(history, k, categories)


def model_folder(workspace: Workspace) -> Path:
    """The folder of the workspace's current GPT model: its latest version, or the folder of an older workspace."""
    return current_version(workspace.artifacts_dir(ARTIFACTS))


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest values, largest first."""
    if k < len(values):
        part = np.argpartition(-values, k - 1)[:k]
        return part[np.argsort(-values[part], kind="stable")]
    return np.argsort(-values, kind="stable")
