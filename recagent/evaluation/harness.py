"""The evaluation run: split once, train each model on the same split, rank the held-out items, report."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from recagent.errors import RecagentError
from recagent.evaluation.baselines import ItemKNNModel, PopularityModel, SequenceModel
from recagent.evaluation.metrics import MISSED, coverage, hit_rate, mrr, ndcg, per_user_values, target_ranks
from recagent.evaluation.split import SPLITS, LeaveOneOut, leave_one_out, temporal_split
from recagent.evaluation.uncertainty import bootstrap_intervals
from recagent.frames import as_backend, check_backend
from recagent.progress import progress_bar

if TYPE_CHECKING:
    from recagent.host import PluginHost
    from recagent.workspace import Workspace

__all__ = ["EvaluationReport", "evaluate", "available_models"]

_BATCH = 256


@dataclass
class EvaluationReport:
    """Metrics of every evaluated model on one split, plus how the run was set up and each user's result.

    ``seconds`` holds each model's fit and scoring time, ``training`` the summaries of models that
    report one (epochs, validation score), and ``models`` the fitted models themselves. ``intervals`` holds
    a bootstrap confidence interval (95%, over test users) for each model's `hr@K`, `ndcg@K` and `mrr`;
    ``ranks`` each model's 0-based rank of every test user's held-out item (``MISSED`` when excluded), in
    the order of ``test_users``, with each user's history length and held-out item alongside.
    """

    metrics: dict[str, dict[str, float]]
    users: int
    items: int
    ks: tuple[int, ...]
    sampled: int
    split: str = "leave-one-out"
    seconds: dict[str, dict[str, float]] = field(default_factory=dict)
    training: dict[str, dict[str, Any]] = field(default_factory=dict)
    models: dict[str, SequenceModel] = field(default_factory=dict, repr=False)
    intervals: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    ranks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    test_users: tuple[str, ...] = field(default=(), repr=False)
    history_lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)
    test_items: tuple[str, ...] = field(default=(), repr=False)
    item_popularity: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)

    def as_dict(self) -> dict[str, dict[str, float]]:
        """Each model's name mapped to its metrics (`hr@10`, `ndcg@10`, `mrr`, `coverage`, ...)."""
        return {name: dict(values) for name, values in self.metrics.items()}

    @property
    def ranker_choice(self) -> str | None:
        """What the evaluated pipeline's ranker chose on validation users ("gpt alone", "lambdarank"...), if known."""
        return ((self.training.get("pipeline") or {}).get("ranking") or {}).get("kept")

    def per_user_metrics(self, model: str) -> dict[str, np.ndarray]:
        """One model's per-user values of `hr@K`, `ndcg@K` and `mrr`, aligned with `test_users`."""
        keys = [f"{name}@{k}" for k in self.ks for name in ("hr", "ndcg")] + ["mrr"]
        return {key: per_user_values(self.ranks[model], key) for key in keys}

    def per_user(self, backend: str = "pandas") -> Any:
        """Every test user's result under every model, one row each: user, model, rank (None when the item
        was excluded), each per-user metric, history length, the held-out item and its training popularity.

        `backend` is "pandas" or "polars" (a DataFrame) or "arrow" (a pyarrow Table).
        """
        import pyarrow as pa

        check_backend(backend)
        columns: dict[str, list[Any]] = {"user": [], "model": [], "rank": []}
        values: dict[str, list[float]] = {}
        for name in self.ranks:
            columns["user"] += list(self.test_users)
            columns["model"] += [name] * len(self.test_users)
            columns["rank"] += [None if rank == MISSED else int(rank) for rank in self.ranks[name].tolist()]
            for key, per_user in self.per_user_metrics(name).items():
                values.setdefault(key, []).extend(per_user.tolist())
        repeat = len(self.ranks)
        table = pa.table({
            **columns, **values,
            "history_length": np.tile(self.history_lengths, repeat),
            "test_item": list(self.test_items) * repeat,
            "test_item_popularity": np.tile(self.item_popularity, repeat),
        })
        return as_backend(table, backend)

    def to_parquet(self, path: str | Path) -> Path:
        """Write `per_user()` to a Parquet file."""
        import pyarrow.parquet as pq

        path = Path(path)
        pq.write_table(self.per_user("arrow"), path)
        return path

    def write(self, folder: str | Path) -> Path:
        """A report in `folder`: report.html with plots (PNG), metrics.json and per_user.parquet."""
        from recagent.evaluation.report import write_report

        return write_report(self, Path(folder))


def available_models(workspace: Workspace, host: PluginHost | None) -> dict[str, SequenceModel]:
    """The models plugins offer (`register_evaluation_models` hook), then the popularity and item-kNN baselines."""
    models = host.collect_evaluation_models(workspace) if host is not None else {}
    models.setdefault(PopularityModel.name, PopularityModel())
    models.setdefault(ItemKNNModel.name, ItemKNNModel())
    return models


def evaluate(
    workspace: Workspace,
    host: PluginHost | None = None,
    *,
    ks: Sequence[int] = (10,),
    models: Sequence[str] | None = None,
    sampled: int = 100,
    max_users: int | None = None,
    seed: int = 0,
    split: str = "leave-one-out",
    bootstrap: int = 1000,
) -> EvaluationReport:
    """Evaluation with full ranking (seen items excluded) and the sampled protocol, on a leave-one-out or a
    temporal split; `bootstrap` resamples of the test users give each metric's 95% interval (0: none)."""
    ks = _check_ks(ks)
    if sampled < 0:
        raise RecagentError(f"sampled must be 0 (off) or a number of candidates such as 100, got {sampled}")
    if split not in SPLITS:
        raise RecagentError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    if bootstrap < 0:
        raise RecagentError(f"bootstrap must be 0 (off) or a number of resamples such as 1000, got {bootstrap}")
    offered = available_models(workspace, host)
    # The whole pipeline last: it starts from the networks its components trained on this split, when they can
    # be reused (the `gpt` checkpoint), so that it is compared with them over the same networks.
    wanted = sorted(offered, key=lambda name: name == "pipeline") if not models else list(dict.fromkeys(models))
    unknown = [name for name in wanted if name not in offered]
    if unknown:
        raise RecagentError(
            f"unknown model {', '.join(map(repr, unknown))}; choose from {', '.join(offered)}"
        )
    divide = leave_one_out if split == "leave-one-out" else temporal_split
    data = divide(workspace.store, max_users=max_users, seed=seed)
    negatives = _sample_negatives(data, sampled - 1, seed) if sampled else None
    report = EvaluationReport({}, users=len(data.test_users), items=data.n_items, ks=ks, sampled=sampled, split=split,
                              **_test_users(data))
    for name in wanted:
        model = offered[name]
        started = time.perf_counter()
        model.fit(data.train, data.item_ids)
        fitted = time.perf_counter()
        report.metrics[name], report.ranks[name] = _score_model(model, data, ks, negatives,
                                                                workspace.settings.progress)
        report.seconds[name] = {"fit": fitted - started, "score": time.perf_counter() - fitted}
        if bootstrap:
            report.intervals[name] = bootstrap_intervals(report.per_user_metrics(name), samples=bootstrap, seed=seed)
        summary = getattr(model, "summary", None)
        if summary is not None:
            report.training[name] = summary.as_dict() if hasattr(summary, "as_dict") else dict(summary)
        report.models[name] = model
    return report


def _test_users(data: LeaveOneOut) -> dict[str, Any]:
    """Who the test users are, how long their histories, their held-out items and how popular those were."""
    popularity = np.zeros(data.n_items, dtype=np.int64)
    for sequence in data.train:
        np.add.at(popularity, sequence, 1)
    return {
        "test_users": tuple(data.users[position] for position in data.test_users.tolist()),
        "history_lengths": np.array([len(data.train[position]) for position in data.test_users.tolist()],
                                    dtype=np.int64),
        "test_items": tuple(data.item_ids[index] for index in data.test_items.tolist()),
        "item_popularity": popularity[data.test_items],
    }


def _check_ks(ks: Sequence[int]) -> tuple[int, ...]:
    checked = tuple(dict.fromkeys(ks))
    if not checked or any(not isinstance(k, int) or isinstance(k, bool) or k < 1 for k in checked):
        raise RecagentError(f"cut-offs K must be whole numbers of at least 1, such as 10 or 20; got {list(ks)}")
    return checked


def _sample_negatives(split: LeaveOneOut, count: int, seed: int) -> np.ndarray:
    """For each test user, `count` items they never interacted with, drawn uniformly (seeded)."""
    rng = np.random.default_rng(seed)
    n_items = split.n_items
    negatives = np.zeros((len(split.test_users), count), dtype=np.int64)
    for row, position in enumerate(split.test_users):
        seen = set(split.test_history(row).tolist())
        seen.add(int(split.test_items[row]))
        if n_items - len(seen) < count:
            raise RecagentError(
                f"the sampled protocol needs {count} unseen items per user but a user has seen "
                f"{len(seen)} of {n_items}; pass a smaller sampled count or 0 to turn it off"
            )
        chosen: list[int] = []
        while len(chosen) < count:
            draw = rng.integers(0, n_items, size=2 * count)
            for item in draw.tolist():
                if item not in seen:
                    seen.add(item)
                    chosen.append(item)
                    if len(chosen) == count:
                        break
        negatives[row] = chosen
    return negatives


def _score_model(
    model: SequenceModel,
    split: LeaveOneOut,
    ks: tuple[int, ...],
    negatives: np.ndarray | None,
    progress: bool,
) -> tuple[dict[str, float], np.ndarray]:
    n_users = len(split.test_users)
    ranks = np.zeros(n_users, dtype=np.int64)
    sampled_ranks = np.zeros(n_users, dtype=np.int64)
    top_k = max(ks)
    tops: list[np.ndarray] = []
    with progress_bar(total=n_users, desc=f"evaluating {model.name}", enabled=progress, unit="users") as bar:
        for start in range(0, n_users, _BATCH):
            rows = np.arange(start, min(start + _BATCH, n_users))
            histories = [split.test_history(row) for row in rows]
            scores = np.array(model.score(histories), dtype=np.float32)
            for offset, history in enumerate(histories):
                scores[offset, history] = -np.inf  # seen items are never recommended
            targets = split.test_items[rows]
            ranks[rows] = target_ranks(scores, targets)
            if negatives is not None:
                candidates = np.concatenate([targets[:, None], negatives[rows]], axis=1)
                candidate_scores = np.take_along_axis(scores, candidates, axis=1)
                sampled_ranks[rows] = target_ranks(candidate_scores, np.zeros(len(rows), dtype=np.int64))
            top = np.argpartition(-scores, top_k - 1, axis=1)[:, :top_k] if top_k < scores.shape[1] else None
            if top is None:
                top = np.argsort(-scores, axis=1, kind="stable")
            order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1, kind="stable")
            tops.append(np.take_along_axis(top, order, axis=1)[:, :top_k])
            bar.update(len(rows))
    metrics: dict[str, Any] = {}
    for k in ks:
        metrics[f"hr@{k}"] = hit_rate(ranks, k)
        metrics[f"ndcg@{k}"] = ndcg(ranks, k)
    metrics["mrr"] = mrr(ranks)
    for k in ks:
        metrics[f"coverage@{k}"] = coverage((top[:, :k] for top in tops), split.n_items)
    metrics["coverage"] = metrics[f"coverage@{ks[0]}"]
    if negatives is not None:
        for k in ks:
            metrics[f"sampled_hr@{k}"] = hit_rate(sampled_ranks, k)
            metrics[f"sampled_ndcg@{k}"] = ndcg(sampled_ranks, k)
        metrics["sampled_mrr"] = mrr(sampled_ranks)
    return {key: round(float(value), 6) for key, value in metrics.items()}, ranks
