"""Built-in GPT interest prediction: a small GPT-2 over item ids learns what a user picks next.

Hooks: `fit` trains it on the workspace's sequences, `predict_interests` scores the catalog for a history
(with a category profile), `candidates` proposes its top items, `register_settings` declares the `gpt_*`
settings and `register_evaluation_models` offers the model to `recagent evaluate`. torch and transformers
load only when a hook needs them, so listing plugins stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recagent.errors import ModelNotTrainedError, UnknownItemError
from recagent.host import hookimpl
from recagent.plugins.gpt.options import GPT_SETTINGS
from recagent.settings import Setting
from recagent.types import Interests, ScoredItem

if TYPE_CHECKING:
    from recagent.evaluation.baselines import SequenceModel
    from recagent.plugins.gpt.model import InterestModel
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace

__all__ = ["fit", "predict_interests", "candidates", "register_settings", "register_evaluation_models", "load_model"]

EVALUATION_MODEL = "gpt"

# Loaded models by workspace folder, reused while neither the model's version nor the catalog's items change
# (events, feedback given in a chat included, change neither).
_loaded: dict[Path, tuple[tuple[str, float, int], InterestModel, dict[str, tuple[str, ...]]]] = {}


def load_model(workspace: Workspace) -> tuple[InterestModel, dict[str, tuple[str, ...]]]:
    """The workspace's trained model and every scorable item's categories, loaded once and cached."""
    from recagent.plugins.gpt.model import InterestModel, model_folder

    folder = model_folder(workspace)  # resolved once: the whole model is read from this version
    manifest = folder / "model.json"
    if not manifest.exists():
        raise ModelNotTrainedError("GPT interest")
    stamp = (str(folder), manifest.stat().st_mtime, workspace.store.items_version)
    cached = _loaded.get(workspace.path)
    if cached is None or cached[0] != stamp:
        model = InterestModel.load(workspace, folder)
        categories = {
            item.id: item.categories for item in workspace.store.get_items(list(model.item_ids)).values()
        }
        cached = _loaded[workspace.path] = (stamp, model, categories)
    return cached[1], cached[2]


@hookimpl
def fit(workspace: Workspace) -> dict[str, Any]:
    from recagent.plugins.gpt.model import InterestModel

    model = InterestModel.fit(workspace)
    _loaded.pop(workspace.path, None)
    return model.summary


@hookimpl
def predict_interests(history: Sequence[str], k: int, workspace: Workspace) -> Interests | None:
    try:
        model, categories = load_model(workspace)
        return model.predict(list(history), k, categories)
    except (ModelNotTrainedError, UnknownItemError):
        return None  # another plugin may know better; the pipeline reports unknown catalog items itself


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not request.history:
        return None
    try:
        model, _ = load_model(workspace)
        interests = model.predict(list(request.history), request.candidate_limit,
                                  exclude_seen=request.exclude_seen)
    except (ModelNotTrainedError, UnknownItemError):
        return None
    if not interests.items:
        return None
    top = interests.items[0].score
    return [
        ScoredItem(entry.item_id, entry.score / top, "fits what you watched lately")
        for entry in interests.items
    ]


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    for setting in GPT_SETTINGS:
        register(setting)


def _evaluation_model(workspace: Workspace) -> SequenceModel:
    """The GPT model for `recagent evaluate`, trained there on the evaluation split."""
    from recagent.plugins.gpt.evaluation import GPTEvaluationModel

    return GPTEvaluationModel(workspace)


@hookimpl
def register_evaluation_models(register: Callable[[str, Callable[[Workspace], SequenceModel]], None]) -> None:
    register(EVALUATION_MODEL, _evaluation_model)
