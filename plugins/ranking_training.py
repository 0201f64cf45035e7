"""Learning the ranker's weights: each sampled user's last item is the one to rank first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import RecagentError
from recagent.pipeline import gather_candidates
from recagent.plugins.catalog_facts import catalog_facts
from recagent.plugins.ranking import RankerModel, features
from recagent.progress import progress_bar
from recagent.types import RecommendRequest

if TYPE_CHECKING:
    from recagent.types import Candidate
    from recagent.workspace import Workspace

NEGATIVES_PER_USER = 30
VALIDATION_SHARE = 0.2


def _training_examples(workspace: Workspace, users: list[str]) -> list[tuple[RecommendRequest, list[Candidate], str]]:
    """(request without the last item, its candidates, the last item) for users whose last item was proposed."""
    store = workspace.store
    examples = []
    for user in progress_bar(users, desc="ranker: gathering candidates", enabled=workspace.settings.progress,
                             unit="user"):
        history = store.user_history(user)
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


def _hit_rate(model: RankerModel, examples: list, facts: Any, k: int = 10) -> float:
    hits = 0
    for request, candidates, target in examples:
        rows, _ = features(request, candidates, model.sources, facts)
        scores = model.contributions(rows).sum(axis=1)
        top = {candidates[i].item_id for i in np.argsort(-scores, kind="stable")[:k]}
        hits += target in top
    return hits / len(examples) if examples else 0.0


def train_ranker(workspace: Workspace) -> tuple[RankerModel | None, dict[str, Any]]:
    """A trained model (or None when there is too little to learn from) and a summary for `recagent train`."""
    if workspace.host is None:
        raise RecagentError("the ranker trains through the pipeline: open the workspace with Recommender.open")
    settings = workspace.settings
    store = workspace.store
    eligible = [user for user in store.users() if len(store.user_history(user)) >= 3]
    rng = np.random.default_rng(settings.ranking_seed)
    users = sorted(rng.permutation(eligible)[: settings.ranking_train_users].tolist())
    examples = _training_examples(workspace, users)
    if len(examples) < 20:
        return None, {"skipped": f"only {len(examples)} users had their last item among the candidates; need 20"}
    facts = catalog_facts(workspace)
    sources = sorted({source for _, candidates, _ in examples for c in candidates for source in c.scores})
    order = rng.permutation(len(examples))
    n_validation = max(1, int(len(examples) * VALIDATION_SHARE))
    validation = [examples[i] for i in order[:n_validation]]
    training = [examples[i] for i in order[n_validation:]]

    rows, labels = [], []
    for request, candidates, target in training:
        positive = next(i for i, c in enumerate(candidates) if c.item_id == target)
        others = [i for i in range(len(candidates)) if i != positive]
        chosen = [positive, *rng.choice(others, size=min(NEGATIVES_PER_USER, len(others)), replace=False)]
        matrix, _ = features(request, [candidates[i] for i in chosen], sources, facts)
        rows.append(matrix)
        labels += [1.0] + [0.0] * (len(chosen) - 1)
    x = np.vstack(rows)
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-6)
    weights, bias = _logistic_regression((x - mean) / scale, np.asarray(labels))
    trained = RankerModel(sources, weights, bias, mean, scale, trained=True)
    # The model kept is the best on validation among the learned one, the defaults and each source alone:
    # ranking is never worse there than the best single source (a learned mix can lose to GPT alone).
    contenders = {"trained weights": trained, "default weights": RankerModel.default(sources),
                  **{f"{source} alone": RankerModel.single(sources, source) for source in sources}}
    hit_rates = {name: _hit_rate(model, validation, facts) for name, model in contenders.items()}
    kept = max(hit_rates, key=lambda name: hit_rates[name])  # ties go to the earlier: trained, then defaults
    summary = {
        "users": len(users), "examples": len(examples), "validation_users": len(validation),
        "hr@10_trained": round(hit_rates["trained weights"], 4),
        "hr@10_default_weights": round(hit_rates["default weights"], 4),
        "hr@10_alone": {source: round(hit_rates[f"{source} alone"], 4) for source in sources},
        "weights": dict(zip(trained.feature_names, np.round(weights, 3).tolist())),
        "kept": kept,
    }
    return (None if kept == "default weights" else contenders[kept]), summary
