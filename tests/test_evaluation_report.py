"""Evaluation a data scientist can use: per-user results, bootstrap intervals, the temporal split, the report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from recagent import Event, Item, hookimpl
from recagent.cli import cli
from recagent.evaluation import ItemKNNModel, PopularityModel, temporal_split
from recagent.evaluation.uncertainty import bootstrap_interval, paired_gap
from tests.test_evaluation import BASELINES_ONLY

ITEMS = [Item(str(i), f"Film {i}", categories=("Drama",)) for i in range(30)]
# Forty users each watch a run of consecutive films, one a day: the structure item-kNN finds and popularity does not.
EVENTS = [Event(f"u{u}", str((u + step) % 30), float(step)) for u in range(40) for step in range(6)]


class Models:
    """Offers a "pipeline" that only knows popularity and a component that knows the item-to-item structure."""

    @hookimpl
    def register_evaluation_models(self, register):
        class Pipeline(PopularityModel):
            name = "pipeline"

        class Component(ItemKNNModel):
            name = "component"

        register("pipeline", lambda workspace: Pipeline())
        register("component", lambda workspace: Component())


@pytest.fixture
def rec(make_recommender):
    rec = make_recommender(("models", Models()), settings=BASELINES_ONLY)
    rec.ingest(items=ITEMS, events=EVENTS)
    return rec


def test_each_users_result_comes_back_as_a_dataframe(rec) -> None:
    report = rec.evaluate(k=[5, 10], sampled=0, models=["popularity", "itemknn"])
    frame = report.per_user()
    assert len(frame) == 2 * report.users and set(frame["model"]) == {"popularity", "itemknn"}
    assert {"user", "rank", "hr@5", "ndcg@10", "mrr", "history_length", "test_item", "test_item_popularity"} \
        <= set(frame.columns)
    for model, rows in frame.groupby("model"):  # the per-user values average to the reported metrics
        assert rows["ndcg@10"].mean() == pytest.approx(report.metrics[model]["ndcg@10"], abs=1e-6)
        assert rows["hr@5"].mean() == pytest.approx(report.metrics[model]["hr@5"], abs=1e-6)
    assert (frame["history_length"] == 5).all()  # six films: the last is tested, the five before predict it
    polars = report.per_user("polars")
    assert polars.height == len(frame) and polars.columns == list(frame.columns)


def test_every_metric_has_a_bootstrap_interval_around_it(rec) -> None:
    report = rec.evaluate(k=10, sampled=0, models=["popularity", "itemknn"], bootstrap=500)
    for model, metrics in report.metrics.items():
        for key in ("hr@10", "ndcg@10", "mrr"):
            low, high = report.intervals[model][key]
            assert low <= metrics[key] <= high
    assert all(high > low for low, high in report.intervals["popularity"].values())  # it hits some users only
    assert report.intervals["itemknn"]["hr@10"] == (1.0, 1.0)  # every user's next film is in its top 10
    assert rec.evaluate(k=10, sampled=0, models=["popularity"], bootstrap=0).intervals == {}


def test_bootstrap_intervals_match_the_spread_of_the_mean() -> None:
    values = np.random.default_rng(3).random(4000)
    low, high = bootstrap_interval(values, samples=2000)
    half = 1.96 * values.std() / np.sqrt(len(values))  # the normal approximation, for a mean of many
    assert low == pytest.approx(values.mean() - half, abs=half * 0.15)
    assert high == pytest.approx(values.mean() + half, abs=half * 0.15)
    gap, (gap_low, gap_high) = paired_gap(values + 0.01, values)
    assert gap == pytest.approx(0.01) and gap_low == pytest.approx(0.01) and gap_high == pytest.approx(0.01)


def test_the_temporal_split_learns_from_the_past_only(rec) -> None:
    split = temporal_split(rec.workspace.store)
    assert split.cutoff == 5.0  # the last day holds a sixth of the events, the smallest share above a tenth
    assert all(len(sequence) == 5 for sequence in split.train)  # nothing from the last day
    assert len(split.test_users) == 40
    positions = {item_id: index for index, item_id in enumerate(split.item_ids)}
    assert split.test_items[0] == positions["5"]  # u0 watched 0..4, then film 5 on the last day
    report = rec.evaluate(k=10, sampled=0, models=["itemknn"], split="temporal")
    assert report.split == "temporal" and report.users == 40
    with pytest.raises(Exception, match="split must be one of leave-one-out, temporal"):
        rec.evaluate(split="random")


def test_the_report_says_when_the_pipeline_is_below_a_component(rec, tmp_path: Path) -> None:
    report = rec.evaluate(k=10, sampled=0)
    assert list(report.metrics)[-1] == "pipeline"  # after its components, whose networks it may start from
    page = report.write(tmp_path / "report")
    folder = page.parent
    assert {path.name for path in folder.iterdir()} == {
        "report.html", "metrics.json", "per_user.parquet", "by_model.png", "by_history_length.png",
        "by_item_popularity.png"}
    assert all((folder / name).read_bytes()[:4] == b"\x89PNG" for name in ("by_model.png", "by_history_length.png"))
    summary = json.loads((folder / "metrics.json").read_text())
    below = [line for line in summary["findings"] if "below its component component" in line]
    assert len(below) == 1 and "a real gap: the interval excludes 0" in below[0]
    assert any(line.startswith("By history length") for line in summary["findings"])
    text = page.read_text()
    assert "The pipeline scores below its component component" in text and 'src="by_model.png"' in text
    import pyarrow.parquet as pq

    assert pq.read_table(folder / "per_user.parquet").num_rows == 4 * report.users


def test_the_cli_writes_the_report(rec, tmp_path: Path) -> None:
    folder = str(rec.workspace.path)
    rec.close()
    env = {"RECAGENT_DISABLE_PLUGINS": BASELINES_ONLY["disable_plugins"]}
    result = CliRunner().invoke(cli, ["evaluate", "-w", folder, "--sampled", "0", "--model", "itemknn", "--split",
                                      "temporal", "--report", str(tmp_path / "out")], env=env)
    assert result.exit_code == 0, result.output
    assert "Temporal on 40 users" in result.output and "ndcg@10 95%" in result.output
    assert f"Report: {tmp_path / 'out' / 'report.html'}" in result.output
