"""Built-in category-affinity candidates: popular items in the categories a user's history leans to."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from recagent.host import hookimpl
from recagent.plugins.popularity import popularity
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace

RECENT_ITEMS = 50  # the profile follows what the user picked lately, not ten years ago
_catalog_cache: dict[tuple[str, int], dict[str, tuple[str, ...]]] = {}


def _categorised_items(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    store = workspace.store
    key = (str(store.path), store.version)
    if key not in _catalog_cache:
        _catalog_cache.clear()
        _catalog_cache[key] = {item.id: item.categories for item in store.iter_items() if item.categories}
    return _catalog_cache[key]


def history_profile(history: list[str], categories: dict[str, tuple[str, ...]]) -> dict[str, float]:
    """Shares of the recent history per category (later items weigh more); they sum to 1."""
    weights: Counter[str] = Counter()
    recent = history[-RECENT_ITEMS:]
    for position, item_id in enumerate(recent, start=1):
        labels = categories.get(item_id, ())
        for label in labels:
            weights[label] += position / len(recent) / len(labels)
    total = sum(weights.values())
    return {label: weight / total for label, weight in weights.items()} if total else {}


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not request.history:
        return None
    categories = _categorised_items(workspace)
    profile = history_profile(list(request.history), categories)
    if not profile:
        return None
    counts = dict(popularity(workspace))
    top_count = max(counts.values(), default=1)
    scored = []
    for item_id, labels in categories.items():
        affinity = sum(profile.get(label, 0.0) for label in labels) / math.sqrt(len(labels))
        if affinity > 0:
            # Popularity breaks ties among the many items of one category, on a log scale.
            prior = math.log1p(counts.get(item_id, 0)) / math.log1p(top_count)
            scored.append((affinity * (0.5 + 0.5 * prior), item_id, labels))
    scored.sort(reverse=True)
    best = scored[0][0] if scored else 1.0
    results = []
    for score, item_id, labels in scored[: request.candidate_limit]:
        strongest = max(labels, key=lambda label: profile.get(label, 0.0))
        results.append(ScoredItem(item_id, score / best, f"matches your interest in {strongest}"))
    return results
