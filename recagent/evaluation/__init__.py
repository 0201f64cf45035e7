"""Offline evaluation: leave-one-out splits, ranking metrics, baselines and the harness that runs them."""

from __future__ import annotations

from recagent.evaluation.baselines import ItemKNNModel, PopularityModel, SequenceModel
from recagent.evaluation.harness import EvaluationReport, available_models, evaluate
from recagent.evaluation.metrics import MISSED, coverage, hit_rate, mrr, ndcg, per_user_values, target_ranks
from recagent.evaluation.split import SPLITS, LeaveOneOut, leave_one_out, temporal_split, user_sequences

__all__ = [
    "evaluate",
    "EvaluationReport",
    "available_models",
    "SequenceModel",
    "PopularityModel",
    "ItemKNNModel",
    "LeaveOneOut",
    "leave_one_out",
    "temporal_split",
    "SPLITS",
    "per_user_values",
    "user_sequences",
    "target_ranks",
    "hit_rate",
    "ndcg",
    "mrr",
    "coverage",
    "MISSED",
]
