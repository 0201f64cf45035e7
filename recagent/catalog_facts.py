"""Per-item arrays (categories, all-time and recent popularity) that any plugin may read: a catalog view.

Built once per store version (`Catalog.view`, rebuilt after events as well as item changes), so the
popularity, category and ranking plugins share one copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from recagent.workspace import Workspace

__all__ = ["CatalogFacts", "catalog_facts", "popularity_said", "RECENT_DAYS", "RATING_PRIOR", "POPULAR_SHARE",
           "POPULAR_SAID"]

RECENT_DAYS = 30
# A rated item's adjusted mean counts this many more ratings at the catalog's mean: two five-star ratings make no
# masterpiece, a hundred at 4.4 outrank them. (IMDb's top list weighs its films so, with far more votes.)
RATING_PRIOR = 10
# An item is called popular only among this share of the items with events, the best known first: "popular: 4
# interactions" stood beside "less known" (a film of the demo catalog's middle has three).
POPULAR_SHARE = 0.1
POPULAR_SAID = "popular: "  # how a reason that calls an item popular begins


@dataclass
class CatalogFacts:
    """Item ids, category membership, and all-time and recent popularity, as aligned arrays."""

    ids: list[str]
    position: dict[str, int]
    labels: list[str]
    label_position: dict[str, int]
    membership: np.ndarray  # items x labels, 1 where the item has the label
    label_count: np.ndarray  # labels per item
    counts: np.ndarray
    recent: np.ndarray
    log_popularity: np.ndarray  # log1p(count), scaled so the most popular item has 1
    log_recent: np.ndarray
    by_popularity: np.ndarray  # rows of the items with events, most popular first (ties by id)
    rating_count: np.ndarray  # events of kind "rating" with a value, per item
    rating_mean: np.ndarray  # their mean; 0 for an item nobody rated
    rating_adjusted: np.ndarray  # the mean drawn toward the catalog's by RATING_PRIOR ratings (see RATING_PRIOR)

    @property
    def popular_count(self) -> float:
        """The fewest interactions of the best known `POPULAR_SHARE` of the items with events."""
        if not len(self.by_popularity):
            return math.inf
        return float(self.counts[self.by_popularity[math.ceil(len(self.by_popularity) * POPULAR_SHARE) - 1]])

    def profile_vector(self, profile: dict[str, float]) -> np.ndarray:
        vector = np.zeros(len(self.labels), dtype=np.float32)
        for label, share in profile.items():
            if label in self.label_position:
                vector[self.label_position[label]] = share
        return vector


def catalog_facts(workspace: Workspace) -> CatalogFacts:
    """The facts for the workspace's current store version (a catalog view: popularity moves with events)."""
    return workspace.catalog.view("catalog_facts", lambda _catalog: _build(workspace), with_events=True)


def _build(workspace: Workspace) -> CatalogFacts:
    store = workspace.store
    items = list(store.iter_items())
    ids = [item.id for item in items]
    position = {item_id: n for n, item_id in enumerate(ids)}
    labels = store.category_names()
    label_position = {label: n for n, label in enumerate(labels)}
    membership = np.zeros((len(ids), len(labels)), dtype=np.float32)
    for row, item in enumerate(items):
        for label in item.categories:
            membership[row, label_position[label]] = 1.0
    counts = np.zeros(len(ids), dtype=np.float32)
    for item_id, count in store.item_popularity():
        counts[position[item_id]] = count
    recent = np.zeros(len(ids), dtype=np.float32)
    _, last = store.time_span()  # not stats(): its user and category counts are not needed here
    if last is not None:
        for item_id, count in store.item_popularity(since=last - RECENT_DAYS * 86400):
            recent[position[item_id]] = count
    rating_count = np.zeros(len(ids), dtype=np.float32)
    rating_mean = np.zeros(len(ids), dtype=np.float32)
    for item_id, count, mean in store.item_ratings():
        if item_id in position:
            rating_count[position[item_id]], rating_mean[position[item_id]] = count, mean
    total = float(rating_count.sum())
    overall = float((rating_count * rating_mean).sum()) / total if total else 0.0
    adjusted = (rating_count * rating_mean + RATING_PRIOR * overall) / (rating_count + RATING_PRIOR)
    return CatalogFacts(ids, position, labels, label_position, membership, membership.sum(axis=1), counts, recent,
                        _log_scaled(counts), _log_scaled(recent), _most_popular_first(counts), rating_count,
                        rating_mean, adjusted.astype(np.float32))


def _most_popular_first(counts: np.ndarray) -> np.ndarray:
    order = np.argsort(-counts, kind="stable")  # ids are sorted, so ties stay in id order
    return order[counts[order] > 0]


def _log_scaled(values: np.ndarray) -> np.ndarray:
    return np.log1p(values) / math.log1p(max(1.0, float(values.max(initial=0))))


def popularity_said(count: int, popular_count: float) -> str:
    """How many interactions an item has, in a reason: "popular: 87 interactions" only among the best known (see
    `POPULAR_SHARE`), else the count alone, which claims nothing."""
    said = f"{count} interaction{'' if count == 1 else 's'}"
    return f"{POPULAR_SAID}{said}" if count >= popular_count else said

