"""Built-in ranker: a logistic model over per-candidate features, with sensible weights before training.

Features of a candidate: each candidate source's score (GPT interests, vector similarity, category
affinity, popularity...), how well the item's categories match the user's recent history, the item's
popularity and how popular it is lately, and how many sources proposed it. `fit` learns the weights
from each user's last item, held out from the history the candidates were made for; until then the
sources' scores count equally. Every ranked item carries the reason of its strongest feature.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.host import hookimpl
from recagent.plugins.categories import history_profile
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import Candidate, RecommendRequest
    from recagent.workspace import Workspace

NAME = "ranking"
MODEL_FILE = "ranker.json"
RECENT_DAYS = 30
DERIVED = ("category_match", "popularity", "recency", "agreement")
DEFAULT_DERIVED_WEIGHTS = {"category_match": 0.3, "popularity": 0.1, "recency": 0.1, "agreement": 0.1}


@dataclass
class CatalogFacts:
    """What the ranker knows about every item, rebuilt when the store changes."""

    categories: dict[str, tuple[str, ...]]
    counts: dict[str, int]
    recent: dict[str, int]
    top_count: int
    top_recent: int


_facts: dict[tuple[str, int], CatalogFacts] = {}
_models: dict[str, tuple[float, RankerModel]] = {}


def catalog_facts(workspace: Workspace) -> CatalogFacts:
    store = workspace.store
    key = (str(store.path), store.version)
    if key not in _facts:
        _facts.clear()
        counts = dict(store.item_popularity())
        stats = store.stats()
        since = (stats.last_timestamp or 0) - RECENT_DAYS * 86400
        recent = dict(store.item_popularity(since=since))
        _facts[key] = CatalogFacts(
            {item.id: item.categories for item in store.iter_items() if item.categories},
            counts, recent, max(counts.values(), default=1), max(recent.values(), default=1),
        )
    return _facts[key]


@dataclass
class RankerModel:
    """Feature weights over standardised features; `sources` names the candidate-source features."""

    sources: list[str]
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    trained: bool

    @classmethod
    def default(cls, sources: Sequence[str]) -> RankerModel:
        names = [*sources, *DERIVED]
        weights = np.array([1.0] * len(sources) + [DEFAULT_DERIVED_WEIGHTS[d] for d in DERIVED])
        return cls(list(sources), weights, 0.0, np.zeros(len(names)), np.ones(len(names)), trained=False)

    @property
    def feature_names(self) -> list[str]:
        return [*self.sources, *DERIVED]

    def contributions(self, features: np.ndarray) -> np.ndarray:
        return (features - self.mean) / self.scale * self.weights

    def as_json(self) -> dict[str, Any]:
        return {"sources": self.sources, "weights": self.weights.tolist(), "bias": self.bias,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "trained": self.trained}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RankerModel:
        return cls(data["sources"], np.asarray(data["weights"]), float(data["bias"]), np.asarray(data["mean"]),
                   np.asarray(data["scale"]), bool(data["trained"]))


def features(request: RecommendRequest, candidates: Sequence[Candidate], sources: Sequence[str],
             facts: CatalogFacts) -> tuple[np.ndarray, dict[str, float]]:
    """One row per candidate, one column per feature name (sources first), and the user's profile."""
    profile = history_profile(list(request.history), facts.categories)
    log_top, log_recent = math.log1p(facts.top_count), math.log1p(facts.top_recent)
    rows = np.zeros((len(candidates), len(sources) + len(DERIVED)))
    for row, candidate in enumerate(candidates):
        for column, source in enumerate(sources):
            rows[row, column] = candidate.scores.get(source, 0.0)
        labels = facts.categories.get(candidate.item_id, ())
        base = len(sources)
        rows[row, base] = sum(profile.get(label, 0.0) for label in labels)
        rows[row, base + 1] = math.log1p(facts.counts.get(candidate.item_id, 0)) / log_top
        rows[row, base + 2] = math.log1p(facts.recent.get(candidate.item_id, 0)) / log_recent
        rows[row, base + 3] = len(candidate.scores) / max(1, len(sources))
    return rows, profile


def _reason(name: str, candidate: Candidate, profile: dict[str, float], facts: CatalogFacts) -> str | None:
    if name in candidate.reasons:
        return candidate.reasons[name]
    if name == "category_match":
        labels = [label for label in facts.categories.get(candidate.item_id, ()) if profile.get(label)]
        return f"matches your interest in {max(labels, key=profile.get)}" if labels else None
    if name == "recency" and facts.recent.get(candidate.item_id):
        return f"popular this month: {facts.recent[candidate.item_id]} recent interactions"
    if name == "popularity" and facts.counts.get(candidate.item_id):
        return f"popular: {facts.counts[candidate.item_id]} interactions"
    return None


def load_ranker(workspace: Workspace) -> RankerModel | None:
    path = workspace.path / "models" / NAME / MODEL_FILE
    if not path.exists():
        return None
    stamp = path.stat().st_mtime
    cached = _models.get(str(path))
    if cached is None or cached[0] != stamp:
        cached = _models[str(path)] = (stamp, RankerModel.from_json(json.loads(path.read_text())))
    return cached[1]


@hookimpl
def rank(request: RecommendRequest, candidates: list[Candidate], workspace: Workspace) -> list[ScoredItem] | None:
    if not candidates:
        return None
    facts = catalog_facts(workspace)
    model = load_ranker(workspace)
    if model is None:
        model = RankerModel.default(sorted({source for c in candidates for source in c.scores}))
    rows, profile = features(request, candidates, model.sources, facts)
    contributions = model.contributions(rows)
    scores = contributions.sum(axis=1) + model.bias
    if model.trained:
        scores = 1.0 / (1.0 + np.exp(-scores))  # the probability that this is the item the user picks
    names = model.feature_names
    ranked = []
    for index in np.argsort(-scores, kind="stable"):
        candidate = candidates[index]
        reason = None
        for feature in np.argsort(-contributions[index]):
            if rows[index, feature] > 0:
                reason = _reason(names[feature], candidate, profile, facts)
                if reason:
                    break
        ranked.append(ScoredItem(candidate.item_id, float(scores[index]), reason))
    return ranked


@hookimpl(trylast=True)  # after every candidate source has trained: the ranker learns from their scores
def fit(workspace: Workspace) -> dict[str, Any] | None:
    from recagent.plugins.ranking_training import train_ranker

    model, summary = train_ranker(workspace)
    if model is None:
        return summary
    path = workspace.artifacts_dir(NAME) / MODEL_FILE
    path.write_text(json.dumps(model.as_json(), indent=2))
    return summary
