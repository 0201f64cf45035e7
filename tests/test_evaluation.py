"""The evaluation harness: metrics against hand-computed values, the split, the baselines, SDK and CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from click.testing import CliRunner

from recagent import Event, Item, RecagentError
from recagent.errors import NotEnoughDataError
from recagent.cli import cli
from recagent.evaluation import (
    MISSED,
    ItemKNNModel,
    PopularityModel,
    coverage,
    hit_rate,
    leave_one_out,
    mrr,
    ndcg,
    target_ranks,
    user_sequences,
)



def _all_plugins_but_preprocessing() -> str:
    from recagent.host import create_host

    return ",".join(info.name for info in create_host().plugins() if info.name != "preprocess")


# The baselines need no plugin, and plugins that offer models (GPT, the pipeline) train for seconds.
BASELINES_ONLY = {"disable_plugins": _all_plugins_but_preprocessing()}


def test_metrics_match_hand_computed_values() -> None:
    ranks = np.array([0, 1, 4, MISSED])
    assert hit_rate(ranks, 1) == 0.25 and hit_rate(ranks, 5) == 0.75
    assert ndcg(ranks, 5) == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(6)) / 4)
    assert ndcg(ranks, 2) == pytest.approx((1 + 1 / math.log2(3)) / 4)
    assert mrr(ranks) == pytest.approx((1 + 1 / 2 + 1 / 5) / 4)
    assert hit_rate(np.array([], dtype=np.int64), 10) == 0.0
    assert coverage([np.array([[0, 1], [1, 2]]), np.array([[2, 3]])], 8) == 0.5


def test_ranks_break_ties_against_the_target_and_excluded_targets_miss() -> None:
    scores = np.array([[0.5, 0.9, 0.1, 0.5], [1.0, 1.0, 1.0, 1.0], [-np.inf, 2.0, 1.0, 0.0]])
    assert target_ranks(scores, np.array([0, 2, 0])).tolist() == [2, 3, MISSED]


def test_leave_one_out_holds_out_the_last_item(make_recommender) -> None:
    rec = make_recommender(settings=BASELINES_ONLY)
    rec.ingest(items=[Item(i, f"Film {i}") for i in "abcde"], events=[
        Event("u1", "a", 1), Event("u1", "b", 2), Event("u1", "c", 3), Event("u1", "a", 4),
        Event("u2", "d", 1), Event("u2", "e", 2),
    ])
    assert user_sequences(rec.workspace.store) == {"u1": ["b", "c", "a"], "u2": ["d", "e"]}
    split = leave_one_out(rec.workspace.store)
    assert split.item_ids == tuple("abcde") and split.users == ("u1", "u2")
    assert split.test_users.tolist() == [0] and split.test_items.tolist() == [0]  # u1's last item, "a"
    assert [s.tolist() for s in split.train] == [[1, 2], [3, 4]]  # u2 is too short to test and only trains


def test_baselines_score_as_defined() -> None:
    sequences = [np.array([0, 1]), np.array([0, 1, 2]), np.array([2, 3])]
    popularity = PopularityModel()
    popularity.fit(sequences, ["a", "b", "c", "d"])
    assert popularity.score([np.array([0])]).tolist() == [[2, 2, 2, 1]]
    knn = ItemKNNModel(neighbours=10, shrink=0.0)
    knn.fit(sequences, ["a", "b", "c", "d"])
    scores = knn.score([np.array([0])])[0]
    # Item a's users {1, 2}; b's {1, 2}; c's {2, 3}; d's {3}: cosine(a, b) = 1, cosine(a, c) = 1/2, (a, d) = 0.
    assert scores.tolist() == pytest.approx([0.0, 1.0, 0.5, 0.0])


@pytest.fixture
def movie_recommender(make_recommender):
    """Forty users who each watch a run of consecutive films: enough structure for the baselines."""
    rec = make_recommender(settings=BASELINES_ONLY)
    items = [Item(str(i), f"Film {i}", categories=("Drama",)) for i in range(30)]
    events = [Event(f"u{u}", str((u + step) % 30), float(step)) for u in range(40) for step in range(6)]
    rec.ingest(items=items, events=events)
    return rec


def test_evaluate_reports_every_metric_for_every_model(movie_recommender) -> None:
    report = movie_recommender.evaluate(k=[5, 10], sampled=20)
    assert set(report.as_dict()) == {"popularity", "itemknn"}
    expected = {"hr@5", "ndcg@5", "hr@10", "ndcg@10", "mrr", "coverage", "coverage@5", "coverage@10",
                "sampled_hr@5", "sampled_ndcg@5", "sampled_hr@10", "sampled_ndcg@10", "sampled_mrr"}
    assert set(report.metrics["itemknn"]) == expected
    assert report.users == 40 and report.items == 30 and report.ks == (5, 10)
    assert report.metrics["itemknn"]["ndcg@10"] > report.metrics["popularity"]["ndcg@10"]
    assert report.metrics["itemknn"]["coverage"] == report.metrics["itemknn"]["coverage@5"]
    # 30 items leave fewer than 99 unseen ones per user: the error says what to change.
    with pytest.raises(RecagentError, match="pass a smaller sampled count or 0"):
        movie_recommender.evaluate(models=["popularity"])


def test_evaluate_rejects_bad_requests(movie_recommender, make_recommender, tmp_path) -> None:
    with pytest.raises(RecagentError, match="unknown model 'sasrec'; choose from popularity, itemknn"):
        movie_recommender.evaluate(models=["sasrec"])
    with pytest.raises(RecagentError, match="cut-offs K must be whole numbers"):
        movie_recommender.evaluate(k=[0])
    from recagent import Recommender

    with Recommender.open(tmp_path / "empty", settings=BASELINES_ONLY) as empty:
        with pytest.raises(NotEnoughDataError, match="ingest a dataset first"):
            empty.evaluate()


def test_cli_prints_a_table_and_json(movie_recommender) -> None:
    runner = CliRunner()
    folder = str(movie_recommender.workspace.path)
    movie_recommender.close()
    env = {"RECAGENT_DISABLE_PLUGINS": BASELINES_ONLY["disable_plugins"]}
    result = runner.invoke(cli, ["evaluate", "-w", folder, "--json", "--sampled", "20", "-k", "10"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"popularity", "itemknn"}
    assert {"hr@10", "ndcg@10", "mrr", "coverage", "sampled_hr@10"} <= set(data["itemknn"])
    table = runner.invoke(cli, ["evaluate", "-w", folder, "--sampled", "0", "--model", "popularity"], env=env)
    assert table.exit_code == 0, table.output
    assert "Leave-one-out on 40 users and 30 items" in table.output and "popularity" in table.output
    assert "ndcg@10" in table.output and "itemknn" not in table.output
    bad = runner.invoke(cli, ["evaluate", "-w", folder, "--model", "nope"], env=env)
    assert bad.exit_code == 1 and "unknown model 'nope'" in bad.output
