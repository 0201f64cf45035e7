"""F1 scores for multi-label predictions: micro, macro and per label."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["f1_report"]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_report(truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], labels: Sequence[str]) -> dict:
    """Micro-F1, macro-F1 (mean over labels present in the truth) and per-label F1."""
    if len(truth) != len(predicted):
        raise ValueError(f"{len(truth)} true label sets but {len(predicted)} predictions")
    counts = {label: [0, 0, 0] for label in labels}  # tp, fp, fn
    for true_set, predicted_set in zip(truth, predicted):
        true_labels, guessed = set(true_set), set(predicted_set)
        for label in labels:
            if label in guessed and label in true_labels:
                counts[label][0] += 1
            elif label in guessed:
                counts[label][1] += 1
            elif label in true_labels:
                counts[label][2] += 1
    per_label = {label: _f1(*c) for label, c in counts.items()}
    present = [label for label, c in counts.items() if c[0] + c[2] > 0]
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {
        "micro_f1": _f1(*totals),
        "macro_f1": sum(per_label[label] for label in present) / len(present) if present else 0.0,
        "per_label_f1": per_label,
        "support": {label: c[0] + c[2] for label, c in counts.items()},
    }
