"""Built-in BERT categorization: fills missing item categories from a fine-tuned classifier or zero-shot.

`fit` fine-tunes `BertForSequenceClassification` on the catalog's labelled items (the bundled MiniLM is a
6-layer BERT) and saves it in the workspace. `categorize_items` then labels items that arrive without
categories; before any training it falls back to zero-shot similarity with the category names.
`register_settings` declares the `bert_*` settings (options.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from recagent.artifacts import POINTER, current_version, publish_version
from recagent.host import hookimpl
from recagent.plugins.bert.backbone import backbone_path, item_text
from recagent.plugins.bert.options import BERT_SETTINGS
from recagent.settings import Setting

if TYPE_CHECKING:
    import click

    from recagent.types import Item
    from recagent.workspace import Workspace

NAME = "bert"
MODEL_FOLDER = "classifier"
_loaded: dict[str, tuple[tuple[str, float], Any]] = {}


def training_options(workspace: Workspace, *, progress: bool | None = None) -> Any:
    from recagent.plugins.bert.classifier import TrainingOptions

    settings = workspace.settings
    return TrainingOptions(
        epochs=settings.bert_epochs, batch_size=settings.bert_batch_size, learning_rate=settings.bert_learning_rate,
        head_learning_rate=settings.bert_head_learning_rate, max_length=settings.bert_max_length,
        trainable_layers=settings.bert_trainable_layers, seed=settings.bert_seed, precision=settings.bert_precision,
        progress=settings.progress if progress is None else progress,
    )


def trained_classifier(workspace: Workspace) -> Any | None:
    """The classifier saved by `fit`, loaded once per process and reloaded when it changes on disk."""
    from recagent.plugins.bert.classifier import CategoryClassifier

    folder = workspace.models_path / NAME / MODEL_FOLDER
    version = current_version(folder)  # resolved once: every file is read from this version
    marker = version / "categorizer.json"
    if not marker.exists():
        return None
    key, stamp = str(folder), (str(version), marker.stat().st_mtime)
    if key not in _loaded or _loaded[key][0] != stamp:
        _loaded[key] = (stamp, CategoryClassifier.load(version, workspace.settings.bert_precision))
    return _loaded[key][1]


@hookimpl
def fit(workspace: Workspace) -> dict[str, Any] | None:
    from recagent.plugins.bert.classifier import CategoryClassifier

    items = list(workspace.store.iter_items())
    labelled = [item for item in items if item.categories]
    if len({c for item in labelled for c in item.categories}) < 2:
        return None  # nothing to learn: zero-shot keeps working from category names
    missing = len(items) - len(labelled)
    if not workspace.settings.bert_always_fit and missing < workspace.settings.bert_fit_min_share * len(items):
        # Fine-tuning takes minutes on a CPU: for a few items without categories it is not worth it.
        return {"skipped": f"{missing:,} of {len(items):,} items lack categories, under bert_fit_min_share "
                           f"({workspace.settings.bert_fit_min_share:.0%}); set bert_always_fit to fine-tune anyway"}
    classifier, summary = CategoryClassifier.fine_tune(
        [item_text(i.title, i.text) for i in labelled], [i.categories for i in labelled],
        backbone_path(workspace.settings.bert_model), training_options(workspace),
    )
    folder = workspace.artifacts_dir(NAME) / MODEL_FOLDER
    # Weights, tokenizer and labels are switched in together; files of a classifier saved before versions
    # (directly in the folder) go once a second version has replaced them.
    legacy = [path.name for path in folder.glob("*") if path.is_file() and path.name != POINTER]
    with publish_version(folder, legacy=legacy) as version:
        classifier.save(version)
    return summary


@hookimpl
def categorize_items(items: list[Item], categories: Sequence[str], workspace: Workspace) -> dict[str, tuple[str, ...]] | None:
    classifier = trained_classifier(workspace)
    if classifier is not None:
        texts = [item_text(item.title, item.text) for item in items]
        predicted = classifier.predict(texts, progress=workspace.settings.progress)
        return {item.id: labels for item, labels in zip(items, predicted) if labels}
    names = list(categories) or list(workspace.settings.bert_categories)
    # A title alone is too little evidence for zero-shot: it named Pirates of the Caribbean a film noir.
    described = [item for item in items if item.text.strip()]
    if not names or not described:
        return None
    from recagent.plugins.bert.zeroshot import ZeroShotCategorizer

    zero_shot = ZeroShotCategorizer(str(backbone_path(workspace.settings.bert_model)), names,
                                    threshold=workspace.settings.bert_zero_shot_threshold)
    predicted = zero_shot.predict([item_text(i.title, i.text) for i in described])
    return {item.id: labels for item, labels in zip(described, predicted) if labels}


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    for setting in BERT_SETTINGS:
        register(setting)


@hookimpl
def register_commands(cli: click.Group, recommender_command: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    from recagent.plugins.bert.command import categorize_command

    cli.add_command(categorize_command(recommender_command))
