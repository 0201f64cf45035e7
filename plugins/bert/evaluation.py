"""Held-out evaluation of the categorizer on the catalog's labelled items."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from recagent.errors import RecagentError
from recagent.plugins.bert.backbone import item_text
from recagent.plugins.bert.classifier import CategoryClassifier, TrainingOptions
from recagent.plugins.bert.scores import f1_report
from recagent.plugins.bert.zeroshot import ZeroShotCategorizer
from recagent.types import Item

__all__ = ["split_labelled", "evaluate_categorizer"]


def split_labelled(items: Sequence[Item], test_fraction: float, seed: int) -> tuple[list[Item], list[Item]]:
    """A seeded split of the labelled items into training and held-out parts."""
    labelled = sorted((item for item in items if item.categories), key=lambda item: item.id)
    if len(labelled) < 10:
        raise RecagentError(f"evaluation needs at least 10 labelled items, found {len(labelled)}")
    order = np.random.default_rng(seed).permutation(len(labelled))
    n_test = max(1, int(round(len(labelled) * test_fraction)))
    return [labelled[i] for i in order[n_test:]], [labelled[i] for i in order[:n_test]]


def evaluate_categorizer(
    items: Sequence[Item],
    backbone: Path,
    options: TrainingOptions,
    *,
    test_fraction: float = 0.2,
    zero_shot: bool = True,
    zero_shot_threshold: float = 0.35,
) -> dict[str, Any]:
    """Fine-tune on the training part, score the held-out part; zero-shot scored on the same part."""
    train, test = split_labelled(items, test_fraction, options.seed)
    labels = sorted({c for item in train for c in item.categories})
    classifier, summary = CategoryClassifier.fine_tune(
        [item_text(i.title, i.text) for i in train], [i.categories for i in train], backbone, options
    )
    texts = [item_text(i.title, i.text) for i in test]
    truth = [i.categories for i in test]
    started = time.perf_counter()
    predicted = classifier.predict(texts, progress=options.progress)
    seconds = time.perf_counter() - started
    result = f1_report(truth, predicted, labels)
    result.update({
        "train_items": len(train), "test_items": len(test), "training": summary,
        "inference_items_per_second": round(len(test) / seconds, 1) if seconds else None,
    })
    if zero_shot:
        zero = ZeroShotCategorizer(str(backbone), labels, threshold=zero_shot_threshold)
        result["zero_shot_micro_f1"] = f1_report(truth, zero.predict(texts), labels)["micro_f1"]
    return result
