"""The category-level interest profile: how the predicted next-item probability spreads over categories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["category_profile"]


def category_profile(
    item_ids: Sequence[str],
    probabilities: np.ndarray,
    categories: Mapping[str, Sequence[str]],
    top: int = 10,
) -> dict[str, float]:
    """The `top` categories by share of probability; an item's probability is split evenly over its categories.

    Shares are of the probability that falls on categorised items, so they sum to at most 1 over all categories.
    """
    mass: dict[str, float] = {}
    for item_id, probability in zip(item_ids, probabilities.tolist()):
        labels = categories.get(item_id, ())
        for label in labels:
            mass[label] = mass.get(label, 0.0) + probability / len(labels)
    total = sum(mass.values())
    if total <= 0:
        return {}
    ranked = sorted(mass.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return {label: round(share / total, 4) for label, share in ranked}
