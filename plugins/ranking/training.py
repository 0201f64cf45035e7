"""Learning the ranker's weights: each sampled user's last item is the one to rank first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import RecagentError
from recagent.holdout import holdout_order
from recagent.pipeline import gather_candidates
from recagent.catalog_facts import catalog_facts
from recagent.plugins.ranking import DERIVED, Ranker, RankerModel, features, text_match
from recagent.plugins.ranking.boosted import fit_boosted
from recagent.progress import progress_bar
from recagent.settings import Setting
from recagent.types import RecommendRequest

if TYPE_CHECKING:
    from recagent.types import Candidate
    from recagent.workspace import Workspace

NEGATIVES_PER_USER = 30
BOOSTED_NEGATIVES = 50  # LambdaRank orders a list: a longer one than the logistic model's pairs teaches it more
FOLDS = 5
# A mix of sources must beat the best source alone by this many standard errors of its mean gain in reciprocal
# rank (one-sided, about 98% confidence): on ML-1M a mix ahead by 1.6% on 3,675 validation users lost 5%
# NDCG@10 on the test.
SIGNIFICANCE = 2.0
# Declared through the ranking plugin's `register_settings` hook.
TRAINING_SETTINGS: tuple[Setting, ...] = (
    Setting("ranking_train_users", int, 5000,
            "How many users the ranker learns from, the first of `recagent.holdout`'s order (whose last items the "
            "GPT model does not train on, up to 10,000); each one's last item is the one to rank first."),
    Setting("ranking_seed", int, 0, "Seed of the ranker's sampled negatives and of its folds."),
    Setting("ranking_query_margin", float, 0.1,
            "With a query, the user's taste reorders only the items whose match with the query is within this "
            "much (cosine similarity) of the best match; weaker matches follow by relevance alone. Chosen on "
            "the INSPIRED development dialogues (bench/chat_quality.py)."),
    Setting("ranking_query_popularity", float, 0.3,
            "With a query, how much an item's popularity (log of its interactions, 1 for the most popular) adds "
            "to its match with the query: asked for \"a horror movie\", people mean one people know. Chosen on "
            "the INSPIRED development dialogues (bench/query_prior.py)."),
)


def _training_examples(workspace: Workspace, histories: dict[str, list[str]]
                       ) -> list[tuple[RecommendRequest, list[Candidate], str]]:
    """(request without the last item, its candidates, the last item) for each user of `histories` (their items,
    oldest first) whose last item was proposed."""
    examples = []
    for user in progress_bar(sorted(histories), desc="ranker: gathering candidates",
                             enabled=workspace.settings.progress, unit="user"):
        history = histories[user]
        request = RecommendRequest(history=tuple(history[:-1]), k=10)
        candidates = [c for c in gather_candidates(workspace, workspace.host, request)
                      if c.item_id not in set(request.history)]
        if any(c.item_id == history[-1] for c in candidates):
            examples.append((request, candidates, history[-1]))
    return examples


def _logistic_regression(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 500) -> tuple[np.ndarray, float]:
    """Weights and bias by gradient descent on the mean log loss (the features are standardised)."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    rate = 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        error = p - y
        weights -= rate * (x.T @ error / len(y) + l2 * weights)
        bias -= rate * float(error.mean())
    return weights, bias


def _featurised(workspace: Workspace, examples: list, sources: list[str], facts: Any) -> list[tuple[np.ndarray, int]]:
    """Each example's feature rows (one per candidate) and its target's row, computed once for every contender.

    A candidate's features do not depend on the other candidates, so any subset is a selection of these rows.
    """
    featurised = []
    for request, candidates, target in examples:
        rows, _ = features(request, candidates, sources, facts, DERIVED, text_match(workspace, request, candidates))
        featurised.append((rows, next(i for i, c in enumerate(candidates) if c.item_id == target)))
    return featurised


def _target_ranks(model: Ranker, examples: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Where each example's target lands among its candidates under `model` (1 is first; ties count against)."""
    ranks = []
    for rows, position in examples:
        scores = model.score(rows)
        ranks.append(int((scores >= scores[position]).sum()))
    return np.asarray(ranks)


def _out_of_fold(fit: Callable[[list[tuple[np.ndarray, int]]], Ranker], featurised: list[tuple[np.ndarray, int]],
                 folds: list[np.ndarray]) -> np.ndarray:
    """Each example's target rank under a model fitted without its fold: every example judges the learner."""
    ranks = np.zeros(len(featurised), dtype=np.int64)
    for held_out in folds:
        fitted_on = np.setdiff1d(np.arange(len(featurised)), held_out)
        model = fit([featurised[i] for i in fitted_on])
        ranks[held_out] = _target_ranks(model, [featurised[i] for i in held_out])
    return ranks


def _target_first(examples: list[tuple[np.ndarray, int]], rng: np.random.Generator,
                  negatives: int) -> list[np.ndarray]:
    """Each example's feature rows: its target first, then up to `negatives` of its other candidates, sampled."""
    lists = []
    for matrix, positive in examples:
        others = [i for i in range(len(matrix)) if i != positive]
        lists.append(matrix[[positive, *rng.choice(others, size=min(negatives, len(others)), replace=False)]])
    return lists


def _fit(examples: list[tuple[np.ndarray, int]], sources: list[str], rng: np.random.Generator) -> RankerModel:
    """Logistic regression of "is the target" on each example's target and sampled other candidates."""
    rows = _target_first(examples, rng, NEGATIVES_PER_USER)
    labels = [label for matrix in rows for label in [1.0] + [0.0] * (len(matrix) - 1)]
    x = np.vstack(rows)
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-6)
    weights, bias = _logistic_regression((x - mean) / scale, np.asarray(labels))
    return RankerModel(sources, weights, bias, mean, scale, trained=True)


def _summary(ranks: np.ndarray) -> dict[str, float]:
    return {"mrr": round(_mrr(ranks), 4), "hr@10": round(float((ranks <= 10).mean()), 4)}


def _mrr(ranks: np.ndarray) -> float:
    """The mean reciprocal rank of target ranks (1 for first)."""
    return float((1.0 / ranks).mean())


def _wins_clearly(ranks: np.ndarray, against: np.ndarray) -> bool:
    """Whether target ranks `ranks` beat `against` (the same examples') by more than the noise of the examples:
    the mean gain in reciprocal rank over `SIGNIFICANCE` standard errors of it."""
    gain = 1.0 / ranks - 1.0 / against
    if len(gain) < 2:
        return False
    return float(gain.mean()) > SIGNIFICANCE * float(gain.std(ddof=1)) / np.sqrt(len(gain))


def _kept(ranks: dict[str, np.ndarray], singles: list[str]) -> str:
    """The contender to serve: the best source alone, unless a mix beats it clearly (`_wins_clearly`); then the
    best mix by mean reciprocal rank. Ties go to the earlier name."""
    def mrr(name: str) -> float:
        return _mrr(ranks[name])

    best_single = max(singles, key=mrr)
    mixes = [name for name in ranks if name not in singles and _wins_clearly(ranks[name], ranks[best_single])]
    return max(mixes, key=mrr) if mixes else best_single


def train_ranker(workspace: Workspace) -> tuple[RankerModel | None, dict[str, Any]]:
    """A trained model (or None when there is too little to learn from) and a summary for `recagent train`."""
    if workspace.host is None:
        raise RecagentError("the ranker trains through the pipeline: open the workspace with Recommender.open")
    settings = workspace.settings
    store = workspace.store
    histories = {user: store.user_history(user) for user in store.users()}
    eligible = [user for user, history in histories.items() if len(history) >= 3]
    # The first users of the holdout order: the GPT model validated on them and never trained on their last items.
    order = holdout_order([histories[user] for user in eligible])
    users = [eligible[position] for position in order[: settings.ranking_train_users]]
    rng = np.random.default_rng(settings.ranking_seed)
    examples = _training_examples(workspace, {user: histories[user] for user in users})
    if len(examples) < 20:
        return None, {"skipped": f"only {len(examples)} users had their last item among the candidates; need 20"}
    sources = sorted({source for _, candidates, _ in examples for c in candidates for source in c.scores})
    featurised = _featurised(workspace, examples, sources, catalog_facts(workspace))

    # The model kept is the best source alone unless the learned weights, LambdaRank or the defaults beat it
    # clearly in the mean reciprocal rank of the targets (`_kept`): ranking is never worse than the best single
    # source (a learned mix can lose to GPT alone). The learners are judged out of fold, so every example judges every
    # contender: with one held-out fifth of 576 examples, a mix that won there by 3 users lost on the test.
    folds = np.array_split(rng.permutation(len(featurised)), min(FOLDS, len(featurised)))
    learners: dict[str, Callable[[list[tuple[np.ndarray, int]]], Ranker]] = {
        "trained weights": lambda part: _fit(part, sources, rng),
        "lambdarank": lambda part: fit_boosted(_target_first(part, rng, BOOSTED_NEGATIVES), sources, DERIVED, rng),
    }
    ranks = {name: _out_of_fold(learn, featurised, folds) for name, learn in learners.items()}
    ranks["default weights"] = _target_ranks(RankerModel.default(sources), featurised)
    for source in sources:
        ranks[f"{source} alone"] = _target_ranks(RankerModel.single(sources, source), featurised)
    scores = {name: _summary(found) for name, found in ranks.items()}
    kept = _kept(ranks, [f"{source} alone" for source in sources])
    trained = _fit(featurised, sources, rng)
    summary = {
        "users": len(users), "examples": len(featurised), "folds": len(folds),
        "mrr_trained": scores["trained weights"]["mrr"], "hr@10_trained": scores["trained weights"]["hr@10"],
        "mrr_lambdarank": scores["lambdarank"]["mrr"], "hr@10_lambdarank": scores["lambdarank"]["hr@10"],
        "mrr_default_weights": scores["default weights"]["mrr"],
        "hr@10_default_weights": scores["default weights"]["hr@10"],
        "mrr_alone": {source: scores[f"{source} alone"]["mrr"] for source in sources},
        "hr@10_alone": {source: scores[f"{source} alone"]["hr@10"] for source in sources},
        # The popularity source and the popularity feature share a name: the feature's weight is said apart.
        "weights": dict(zip([*sources, *(f"{name} (feature)" if name in sources else name for name in DERIVED)],
                            np.round(trained.weights, 3).tolist())),
        "kept": kept,
    }
    if kept == "default weights":
        return None, summary
    if kept == "lambdarank":
        return learners["lambdarank"](featurised), summary
    return (trained if kept == "trained weights" else RankerModel.single(sources, kept.removesuffix(" alone"))), summary
