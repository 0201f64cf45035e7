"""A learning-to-rank contender: LightGBM's LambdaRank over the same features as the logistic ranker.

Trees find what a weighted sum cannot (a source that only counts when the category matches, popularity that
helps up to a point). The trainer judges it out of fold beside the logistic weights, the defaults and each
source alone, and keeps it only when it ranks the held-out targets best. Reasons stay explainable: LightGBM's
per-feature contributions (SHAP values) say which feature lifted each item, as the logistic weights do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["BoostedRanker", "fit_boosted"]

KIND = "lambdarank"
# Small trees, few rounds: a few thousand users' lists of candidates are all there is to learn from.
PARAMETERS = {
    "objective": "lambdarank", "metric": "ndcg", "eval_at": [10], "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 20, "feature_fraction": 0.9, "lambdarank_truncation_level": 20, "verbose": -1,
    "deterministic": True, "force_row_wise": True,
    # One thread: the data is small, and OpenMP threads spinning against busy cores (GPT training, a server)
    # made one fit 20 times slower.
    "num_threads": 1,
}
ROUNDS = 150


class BoostedRanker:
    """A LightGBM LambdaRank model over candidate features (sources first, then the derived ones)."""

    def __init__(self, sources: Sequence[str], derived: Sequence[str], booster: Any) -> None:
        self.sources = list(sources)
        self.derived = list(derived)
        self.booster = booster

    @property
    def feature_names(self) -> list[str]:
        return [*self.sources, *self.derived]

    def explain(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each feature's share of each row's score (LightGBM's SHAP values), and the scores themselves."""
        shares = np.asarray(self.booster.predict(features, pred_contrib=True, num_threads=1))
        return shares[:, :-1], shares.sum(axis=1)  # the last column is the base every row starts from

    def score(self, features: np.ndarray) -> np.ndarray:
        return np.asarray(self.booster.predict(features, num_threads=1))

    def as_json(self) -> dict[str, Any]:
        return {"kind": KIND, "sources": self.sources, "derived": self.derived,
                "booster": self.booster.model_to_string()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BoostedRanker:
        import lightgbm

        return cls(data["sources"], data["derived"], lightgbm.Booster(model_str=data["booster"]))


def fit_boosted(lists: Sequence[np.ndarray], sources: Sequence[str], derived: Sequence[str],
                rng: np.random.Generator) -> BoostedRanker:
    """LambdaRank on candidate lists whose first row is the target (one query group each)."""
    import lightgbm

    labels = [label for matrix in lists for label in [1] + [0] * (len(matrix) - 1)]
    data = lightgbm.Dataset(np.vstack(lists), label=np.asarray(labels), group=[len(matrix) for matrix in lists],
                            feature_name=[f"f{i}" for i in range(lists[0].shape[1])], free_raw_data=True)
    parameters = {**PARAMETERS, "seed": int(rng.integers(2**31 - 1))}
    booster = lightgbm.train(parameters, data, num_boost_round=ROUNDS)
    return BoostedRanker(sources, derived, booster)
