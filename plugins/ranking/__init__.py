"""Built-in ranker: a logistic model over per-candidate features, with sensible weights before training.

Features of a candidate: each candidate source's score (GPT interests, vector similarity, category
affinity, popularity...), how well the item's categories match the user's recent history, the item's
popularity and how popular it is lately, how many sources proposed it, and how close its text is in
meaning to the user's recent items (every candidate, whichever source proposed it; 0 without an item index).
`fit` learns the weights from each user's last item, held out from the history the candidates were made for,
and keeps whichever ranks held-out targets best: those weights, a LambdaRank model over the same features
(`boosted.py`), the defaults, or one source alone. Until then the sources' scores count equally. Every ranked
item carries the reason of its strongest feature. A request with a query gets the items that match it well first, ordered by taste, then
weaker matches by relevance alone (search, then personalise; `ranking_query_margin` says how close to the best
match is "well"):
training has no queries to learn their weight from, and a person who asks for something in words expects
to get it, not a weak match the user's history happens to favour.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

import numpy as np

from recagent.artifacts import atomic_write_text
from recagent.errors import IndexDamagedError
from recagent.host import hookimpl
from recagent.catalog_facts import RECENT_DAYS, CatalogFacts, catalog_facts, popularity_said
from recagent.plugins.categories import facts_profile, strongest_label
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.evaluation.baselines import SequenceModel
    from recagent.plugins.ranking.boosted import BoostedRanker
    from recagent.settings import Setting
    from recagent.types import Candidate, RecommendRequest
    from recagent.workspace import Workspace

NAME = "ranking"
MODEL_FILE = "ranker.json"
EVALUATION_MODEL = "pipeline"  # the whole pipeline, as `recagent evaluate` names it
DERIVED = ("category_match", "popularity", "recency", "agreement", "text_match")
# Rankers saved before `text_match` existed name no derived features: these are theirs.
FIRST_DERIVED = ("category_match", "popularity", "recency", "agreement")
DEFAULT_DERIVED_WEIGHTS = {"category_match": 0.3, "popularity": 0.1, "recency": 0.1, "agreement": 0.1,
                           "text_match": 0.2}
EXPLAINED = 200  # reasons are worked out for the best few only: the rest are never shown

_models: dict[str, tuple[float, Ranker]] = {}
_warned: set[str] = set()  # candidate sources a trained model has no weight for, already reported


@dataclass
class RankerModel:
    """Feature weights over standardised features; `sources` names the candidate-source features, `derived`
    the others (`DERIVED`, or the features of the version that saved the model)."""

    sources: list[str]
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    trained: bool
    derived: tuple[str, ...] = DERIVED

    @classmethod
    def default(cls, sources: Sequence[str]) -> RankerModel:
        names = [*sources, *DERIVED]
        weights = np.array([1.0] * len(sources) + [DEFAULT_DERIVED_WEIGHTS[d] for d in DERIVED])
        return cls(list(sources), weights, 0.0, np.zeros(len(names)), np.ones(len(names)), trained=False)

    @classmethod
    def single(cls, sources: Sequence[str], source: str) -> RankerModel:
        """Rank by one source's score alone (a contender when the ranker is trained)."""
        names = [*sources, *DERIVED]
        weights = np.array([1.0 if name == source else 0.0 for name in names])
        return cls(list(sources), weights, 0.0, np.zeros(len(names)), np.ones(len(names)), trained=False)

    @property
    def feature_names(self) -> list[str]:
        return [*self.sources, *self.derived]

    def contributions(self, features: np.ndarray) -> np.ndarray:
        return (features - self.mean) / self.scale * self.weights

    def explain(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each feature's share of each row's score, and the scores (a probability once trained)."""
        contributions = self.contributions(features)
        scores = contributions.sum(axis=1) + self.bias
        if self.trained:
            scores = 1.0 / (1.0 + np.exp(-scores))  # the probability that this is the item the user picks
        return contributions, scores

    def score(self, features: np.ndarray) -> np.ndarray:
        """Scores in the model's order (before the probability, which keeps the order)."""
        return self.contributions(features).sum(axis=1) + self.bias

    def as_json(self) -> dict[str, Any]:
        return {"kind": "logistic", "sources": self.sources, "derived": list(self.derived),
                "weights": self.weights.tolist(), "bias": self.bias, "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "trained": self.trained}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RankerModel:
        return cls(data["sources"], np.asarray(data["weights"]), float(data["bias"]), np.asarray(data["mean"]),
                   np.asarray(data["scale"]), bool(data["trained"]), tuple(data.get("derived", FIRST_DERIVED)))


Ranker = Union[RankerModel, "BoostedRanker"]


def features(request: RecommendRequest, candidates: Sequence[Candidate], sources: Sequence[str],
             facts: CatalogFacts, derived: Sequence[str] = DERIVED,
             text_match: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, float]]:
    """One row per candidate, one column per feature name (sources first, then `derived`), and the user's
    profile. `text_match` holds each candidate's similarity in meaning to the history (zeros when None)."""
    profile = facts_profile(request.history, facts)
    rows = np.zeros((len(candidates), len(sources) + len(derived)))
    for column, source in enumerate(sources):
        rows[:, column] = [c.scores.get(source, 0.0) for c in candidates]
    positions = np.array([facts.position.get(c.item_id, -1) for c in candidates], dtype=np.int64)
    known = positions >= 0
    column = dict(zip(derived, range(len(sources), len(sources) + len(derived))))
    if facts.labels and "category_match" in column:
        rows[known, column["category_match"]] = facts.membership[positions[known]] @ facts.profile_vector(profile)
    if "popularity" in column:
        rows[known, column["popularity"]] = facts.log_popularity[positions[known]]
    if "recency" in column:
        rows[known, column["recency"]] = facts.log_recent[positions[known]]
    if "agreement" in column:
        rows[:, column["agreement"]] = [len(c.scores) / max(1, len(sources)) for c in candidates]
    if text_match is not None and "text_match" in column:
        rows[:, column["text_match"]] = text_match
    return rows, profile


def text_match(workspace: Workspace, request: RecommendRequest, candidates: Sequence[Candidate]) -> np.ndarray:
    """Each candidate's similarity in meaning to the request's history, by the catalog's item index (zeros when
    the index is damaged: the index's own candidate source says so, and the other features still rank)."""
    try:
        return workspace.catalog.history_similarity(request.history, [c.item_id for c in candidates])
    except IndexDamagedError:
        return np.zeros(len(candidates))


def _reason(name: str, candidate: Candidate, profile: dict[str, float], facts: CatalogFacts) -> str | None:
    row = facts.position.get(candidate.item_id)
    if name == "popularity" and row is not None and facts.counts[row] < facts.popular_count:
        return None  # a count that claims nothing is no reason it ranked high ("rated 4.8 by 4 people; 4 interactions")
    if name in candidate.reasons:
        return candidate.reasons[name]
    if row is None:
        return None
    if name == "category_match":
        label = strongest_label(facts, row, profile)
        return f"matches your interest in {label}" if label else None
    if name == "recency" and facts.recent[row]:
        # "popular this month: 1 recent interactions" claimed popularity for one event, in broken English.
        return f"watched lately: {_times(int(facts.recent[row]), 'interaction')} in the last {RECENT_DAYS} days"
    if name == "popularity" and facts.counts[row]:
        return popularity_said(int(facts.counts[row]), facts.popular_count)
    if name == "text_match":
        return "like your recent items"
    return None


def _times(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def ranker_from_json(data: dict[str, Any]) -> Ranker:
    """A saved ranker: the logistic weights (files without a kind are those), or a LambdaRank model."""
    if data.get("kind") == "lambdarank":
        from recagent.plugins.ranking.boosted import BoostedRanker

        return BoostedRanker.from_json(data)
    return RankerModel.from_json(data)


def load_ranker(workspace: Workspace) -> Ranker | None:
    path = workspace.models_path / NAME / MODEL_FILE
    if not path.exists():
        return None
    stamp = path.stat().st_mtime
    cached = _models.get(str(path))
    if cached is None or cached[0] != stamp:
        cached = _models[str(path)] = (stamp, ranker_from_json(json.loads(path.read_text())))
    return cached[1]


@hookimpl
def rank(request: RecommendRequest, candidates: list[Candidate], workspace: Workspace) -> list[ScoredItem] | None:
    if not candidates:
        return None
    facts = catalog_facts(workspace)
    sources = {source for c in candidates for source in c.scores}
    # Nothing known of the person and nothing asked (a cold start, "what should I watch tonight?"): the default
    # weights, every source on equal terms. The ranker learned from people with histories, whose most popular
    # items are mostly seen already: asked for anything, it put Stargate and Die Hard: With a Vengeance (140-odd
    # interactions) before Forrest Gump.
    cold = not request.history and not request.query
    model = None if cold else load_ranker(workspace)
    if model is None:
        model = RankerModel.default(sorted(sources))
    else:
        _warn_unweighted(sources - set(model.sources))
    derived = model.derived
    similarity = text_match(workspace, request, candidates) if "text_match" in derived else None
    rows, profile = features(request, candidates, model.sources, facts, derived, similarity)
    contributions, scores = model.explain(rows)
    names = model.feature_names
    if request.query:
        relevance = query_relevance(candidates, facts, workspace.settings.ranking_query_popularity)
        # Without a history there is no taste to reorder by: the good matches go by relevance too.
        order = relevance_first(taste_order(scores, relevance), relevance, workspace.settings.ranking_query_margin,
                                by_taste=bool(request.history))
    else:
        order = np.argsort(-scores, kind="stable")
    ranked = []
    for place, index in enumerate(order):
        candidate = candidates[index]
        reason = None
        if place < EXPLAINED:
            for feature in np.argsort(-contributions[index]):
                if rows[index, feature] > 0:
                    reason = _reason(names[feature], candidate, profile, facts)
                    if reason:
                        break
        ranked.append(ScoredItem(candidate.item_id, float(scores[index]), reason))
    return ranked


def _warn_unweighted(sources: set[str]) -> None:
    """Say once per process that a trained model gives a source no weight: it was installed after training."""
    for source in sorted(sources - _warned):
        _warned.add(source)
        warnings.warn(f"the ranker was trained without the candidate source {source!r}: its items are ranked by "
                      "category match and popularity alone until `recagent train` runs again", stacklevel=3)


def query_relevance(candidates: Sequence[Candidate], facts: CatalogFacts, popularity: float) -> np.ndarray:
    """How well each candidate answers the query (NaN for those that do not): its match by meaning, plus
    `popularity` times its scaled log popularity, since a person who asks for "a horror movie" means one
    people know, not the closest description nobody has watched."""
    relevance = np.array([np.nan if c.query_relevance is None else c.query_relevance for c in candidates],
                         dtype=float)
    positions = np.array([facts.position.get(c.item_id, -1) for c in candidates], dtype=np.int64)
    known = positions >= 0
    relevance[known] += popularity * facts.log_popularity[positions[known]]
    return relevance


def taste_order(scores: np.ndarray, relevance: np.ndarray) -> np.ndarray:
    """The model's order of the candidates (`scores`, best first) where a query was asked: of two it scores alike, the
    better match (`relevance`, NaN for none) first. After a liked Whiplash, "movies about music" put High Fidelity,
    tagged music, below ten films the model scored alike, in the order their sources gave them."""
    return np.lexsort((-np.nan_to_num(relevance, nan=-np.inf), -scores))


def relevance_first(order: np.ndarray, relevance_of: np.ndarray, margin: float, *,
                    by_taste: bool = True) -> np.ndarray:
    """With a query, relevance comes first: the user's taste (the model's `order`) reorders only the good matches.

    `relevance_of` holds each candidate's relevance (NaN where it does not answer the query). Good matches
    are those within `margin` of the best match's relevance, in the model's order (by relevance too when not
    `by_taste`); the other matches follow by relevance alone, then the items that do not answer the query, in
    the model's order.
    """
    relevance = relevance_of[order]
    answers = ~np.isnan(relevance)
    if not answers.any():
        return order
    good = answers & (relevance >= np.nanmax(relevance) - margin)
    weaker = answers & ~good

    def by_relevance(chosen: np.ndarray) -> np.ndarray:
        return order[chosen][np.argsort(-relevance[chosen], kind="stable")]

    return np.concatenate([order[good] if by_taste else by_relevance(good), by_relevance(weaker),
                           order[~answers]])


def _evaluation_model(workspace: Workspace) -> SequenceModel:
    """The full pipeline for `recagent evaluate`, trained there on the evaluation split."""
    from recagent.plugins.ranking.evaluation import PipelineEvaluationModel

    return PipelineEvaluationModel(workspace)


@hookimpl
def register_evaluation_models(register: Callable[[str, Callable[[Workspace], SequenceModel]], None]) -> None:
    register(EVALUATION_MODEL, _evaluation_model)


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    # Imported here: the training module imports this one.
    from recagent.plugins.ranking.training import TRAINING_SETTINGS

    for setting in TRAINING_SETTINGS:
        register(setting)


@hookimpl(trylast=True)  # after every candidate source has trained: the ranker learns from their scores
def fit(workspace: Workspace) -> dict[str, Any] | None:
    from recagent.plugins.ranking.training import train_ranker

    model, summary = train_ranker(workspace)
    if model is None:
        return summary
    atomic_write_text(workspace.artifacts_dir(NAME) / MODEL_FILE, json.dumps(model.as_json(), indent=2))
    return summary
