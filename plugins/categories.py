"""Built-in category-affinity candidates: popular items in the categories a user's history leans to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from recagent.host import hookimpl
from recagent.catalog_facts import CatalogFacts, catalog_facts
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace

RECENT_ITEMS = 50  # the profile follows what the user picked lately, not ten years ago


def history_profile(history: Sequence[str], categories: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Shares of the recent history per category (later items weigh more); they sum to 1."""
    weights: Counter[str] = Counter()
    recent = list(history)[-RECENT_ITEMS:]
    for position, item_id in enumerate(recent, start=1):
        labels = categories.get(item_id, ())
        for label in labels:
            weights[label] += position / len(recent) / len(labels)
    total = sum(weights.values())
    return {label: weight / total for label, weight in weights.items()} if total else {}


def facts_profile(history: Sequence[str], facts: CatalogFacts) -> dict[str, float]:
    """The history profile, reading categories from the shared catalog arrays."""
    categories = {}
    for item_id in list(history)[-RECENT_ITEMS:]:
        row = facts.position.get(item_id)
        if row is not None:
            categories[item_id] = [facts.labels[j] for j in np.flatnonzero(facts.membership[row])]
    return history_profile(history, categories)


def strongest_label(facts: CatalogFacts, row: int, profile: Mapping[str, float]) -> str | None:
    labels = [facts.labels[j] for j in np.flatnonzero(facts.membership[row]) if profile.get(facts.labels[j])]
    return max(labels, key=lambda label: profile[label]) if labels else None


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not request.history:
        return None
    facts = catalog_facts(workspace)
    profile = facts_profile(request.history, facts)
    if not profile or not facts.labels:
        return None
    affinity = facts.membership @ facts.profile_vector(profile) / np.sqrt(np.maximum(facts.label_count, 1))
    # Popularity breaks ties among the many items of one category, on a log scale.
    scores = affinity * (0.5 + 0.5 * facts.log_popularity)
    if request.exclude_seen:
        seen = [facts.position[i] for i in request.history if i in facts.position]
        scores[seen] = 0.0
    limit = min(request.candidate_limit, int((scores > 0).sum()))
    if limit == 0:
        return None
    top = np.argpartition(-scores, limit - 1)[:limit]
    top = top[np.argsort(-scores[top], kind="stable")]
    best = float(scores[top[0]])
    # The reason names each item's category that weighs most in the profile.
    strongest = (facts.membership[top] * facts.profile_vector(profile)).argmax(axis=1)
    return [
        ScoredItem(facts.ids[row], float(scores[row]) / best, f"matches your interest in {facts.labels[label]}")
        for row, label in zip(top.tolist(), strongest.tolist())
    ]
