"""The GPT interest model: it learns a planted sequential pattern, reproducibly, resumes, and scores new items."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest

from recagent import Event, Item, PluginError, Recommender, UnknownItemError, UnknownUserError
from recagent.errors import ConfigError, ModelNotTrainedError, NotEnoughDataError
from recagent.evaluation.harness import available_models

N_ITEMS = 20
# Fast, small and free of randomness that does not come from the seed: a test that the model learns.
TINY = {
    "gpt_embedding_size": 32, "gpt_layers": 1, "gpt_heads": 2, "gpt_dropout": 0.0, "gpt_epochs": 40,
    "gpt_patience": 40, "gpt_batch_size": 16, "gpt_learning_rate": 0.01, "gpt_max_length": 8,
    "gpt_text_init": False, "gpt_threads": 1, "disable_plugins": "bert,vectorsearch",
}


def successor(item: int) -> int:
    """The planted pattern: after item i, users always pick item i + 7 (mod 20), one cycle through all items."""
    return (item + 7) % N_ITEMS


def chain_events(users: int = 60, length: int = 8, seed: int = 0) -> list[Event]:
    rng = np.random.default_rng(seed)
    events = []
    for user in range(users):
        item = int(rng.integers(N_ITEMS))
        for position in range(length):
            events.append(Event(f"u{user}", str(item), float(position)))
            item = successor(item)
    return events


def chain_items() -> list[Item]:
    return [Item(str(i), f"Product {i}", categories=("Even",) if i % 2 == 0 else ("Odd",)) for i in range(N_ITEMS)]


@pytest.fixture
def chain_recommender(make_recommender: Callable[..., Recommender]) -> Callable[..., Recommender]:
    def make(**settings: object) -> Recommender:
        rec = make_recommender(settings={**TINY, **settings}, strict=True)
        rec.ingest(items=chain_items(), events=chain_events())
        return rec

    return make


def test_learns_the_planted_chain_and_beats_popularity(chain_recommender) -> None:
    rec = chain_recommender()
    report = rec.evaluate(k=[1, 10], models=["gpt", "popularity"], sampled=0)
    gpt, popularity = report.metrics["gpt"], report.metrics["popularity"]
    assert gpt["hr@1"] >= 0.9, gpt  # a network that did not train would be near 1 in 20
    assert popularity["hr@1"] <= 0.3 and gpt["ndcg@10"] > 2 * popularity["ndcg@10"]
    assert report.training["gpt"]["validation_ndcg10"] > 0.9


def test_the_evaluated_pipeline_reuses_the_evaluated_gpt_network(chain_recommender) -> None:
    rec = chain_recommender()
    report = rec.evaluate(k=[1], models=["gpt", "pipeline"], sampled=0)
    gpt, in_pipeline = report.training["gpt"], report.training["pipeline"]["gpt"]
    assert gpt["resumed_from_epoch"] == 0
    # Same split, same options: the pipeline's GPT is the checkpoint `gpt` left, not a second training.
    assert in_pipeline["resumed_from_epoch"] == gpt["epochs"] and "already trained" in in_pipeline["stopped"]
    assert report.metrics["pipeline"]["hr@1"] >= 0.9
    # A later run in this process is still offered the model (an imported submodule once hid its factory).
    assert "gpt" in available_models(rec.workspace, rec.host)


def test_train_then_predict_and_recommend(chain_recommender) -> None:
    rec = chain_recommender()
    summary = rec.train()["gpt"]
    assert summary["epochs"] >= 1 and summary["softmax"] == "full"
    interests = rec.interests(history=["4", "11"], k=3)
    assert interests.items[0].item_id == str(successor(11))
    assert 0.5 < interests.items[0].score <= 1.0  # a probability, and a confident one
    assert "4" not in {entry.item_id for entry in interests.items}  # seen items are not predicted
    # successor(11) = 18 is even, so most of the probability lands on the "Even" category.
    assert list(interests.categories)[0] == "Even" and interests.categories["Even"] > 0.5
    recommended = rec.recommend(history=["4", "11"], k=1)
    assert recommended[0].item.id == str(successor(11))
    assert "fits what you watched lately" in recommended[0].reasons
    user_history = rec.workspace.store.user_history("u0")
    assert rec.interests(user="u0", k=1).items[0].item_id == str(successor(int(user_history[-1])))


def test_same_seed_same_model_and_another_seed_another(chain_recommender, tmp_path) -> None:
    from recagent.plugins.gpt.model import InterestModel
    from recagent.plugins.gpt.options import GPTOptions

    rec = chain_recommender()
    options = GPTOptions.from_settings(rec.settings)
    first = InterestModel.fit(rec.workspace, GPTOptions(**{**options.__dict__, "epochs": 3}))
    weights = {k: v.clone() for k, v in first.network.state_dict().items()}
    (rec.workspace.artifacts_dir("gpt") / "checkpoint.pt").unlink()  # train afresh, not from the checkpoint
    again = InterestModel.fit(rec.workspace, GPTOptions(**{**options.__dict__, "epochs": 3}))
    assert all(np.array_equal(weights[k], v) for k, v in again.network.state_dict().items())
    other = InterestModel.fit(rec.workspace, GPTOptions(**{**options.__dict__, "epochs": 3, "seed": 7}))
    assert not all(np.array_equal(weights[k], v) for k, v in other.network.state_dict().items())


def test_resumes_an_interrupted_run_to_the_same_model(make_recommender, tmp_path) -> None:
    from recagent.plugins.gpt.model import InterestModel
    from recagent.plugins.gpt.options import GPTOptions

    def open_at(folder: str, **settings: object) -> Recommender:
        rec = Recommender.open(tmp_path / folder, settings={**TINY, **settings}, strict=True)
        if rec.stats().events == 0:
            rec.ingest(items=chain_items(), events=chain_events())
        return rec

    with open_at("straight", gpt_epochs=6) as rec:
        straight = InterestModel.fit(rec.workspace)
    with open_at("interrupted", gpt_epochs=3) as rec:
        assert InterestModel.fit(rec.workspace).summary["stopped"] == "epoch limit"
    with open_at("interrupted", gpt_epochs=6) as rec:
        resumed = InterestModel.fit(rec.workspace)
        assert resumed.summary["resumed_from_epoch"] == 3 and resumed.summary["epochs"] == 6
        for name, value in straight.network.state_dict().items():
            assert np.allclose(value, resumed.network.state_dict()[name], atol=1e-6), name
        assert "already trained" in InterestModel.fit(rec.workspace).summary["stopped"]
    # Different data is a different run: the old checkpoint is not resumed.
    with open_at("interrupted", gpt_epochs=6) as rec:
        rec.ingest(events=[Event("new", "1", 0.0), Event("new", "10", 1.0), Event("new", "13", 2.0)])
        assert InterestModel.fit(rec.workspace, GPTOptions.from_settings(rec.settings)).summary[
            "resumed_from_epoch"] == 0


def test_sampled_softmax_for_large_catalogs_still_learns(chain_recommender) -> None:
    rec = chain_recommender(gpt_full_softmax_items=5, gpt_negatives=8)
    summary = rec.train()["gpt"]
    assert summary["softmax"].startswith("sampled")
    assert rec.interests(history=["5"], k=1).items[0].item_id == str(successor(5))


TEXTS = [
    "a chess board with wooden pieces", "a red racing bicycle", "a jar of wildflower honey",
    "a telescope for watching stars", "a pair of hiking boots", "a cast iron frying pan",
    "a book of italian poetry", "a set of watercolour paints", "an acoustic guitar",
    "a sleeping bag for winter camping",
]


def test_new_item_is_scored_from_its_text_without_retraining(make_recommender) -> None:
    items = [Item(str(i), text, text=f"{text}, sold by the shop") for i, text in enumerate(TEXTS)]
    events = [Event(f"u{n}", str((start + step) % 10), float(step))
              for n, start in enumerate(list(range(10)) * 4) for step in range(5)]
    rec = make_recommender(settings={**TINY, "gpt_text_init": True, "gpt_epochs": 30}, strict=True)
    rec.ingest(items=items, events=events)
    rec.train()
    twin = Item("twin", "a telescope for watching stars", text="a telescope for watching stars, new model")
    rec.ingest(items=[twin])
    from recagent.plugins.gpt import load_model

    model, _ = load_model(rec.workspace)
    assert "twin" in model.cold_item_ids and "twin" not in model.vocabulary
    scores = dict(zip(model.item_ids, model.scores(["1", "2"]).tolist()))
    ranked = sorted(scores, key=scores.get, reverse=True)
    assert ranked[0] == "3"  # the learned next item (after 2 comes 3)
    assert ranked.index("twin") <= 2, ranked  # its text twin is scored close to it, never trained on
    assert rec.interests(history=["twin"], k=3).items  # a history of only new items still gets predictions


def test_clear_errors(make_recommender, chain_recommender) -> None:
    from recagent.plugins.gpt.model import InterestModel
    from recagent.plugins.gpt.options import GPTOptions

    empty = make_recommender(settings=TINY, strict=True)
    with pytest.raises(PluginError, match="no events to learn from; ingest a dataset first"):
        empty.train()
    with pytest.raises(NotEnoughDataError, match="ingest"):
        InterestModel.fit(empty.workspace)
    with pytest.raises(ModelNotTrainedError, match="run `recagent train` first"):
        InterestModel.load(empty.workspace)
    with pytest.raises(ConfigError, match="must divide"):
        GPTOptions(embedding_size=30, heads=4)

    rec = chain_recommender()
    rec.train()
    model = InterestModel.load(rec.workspace)
    with pytest.raises(UnknownItemError, match="'nope'"):
        model.predict(["nope"])
    with pytest.raises(NotEnoughDataError, match="history is empty"):
        model.predict([])
    with pytest.raises(UnknownUserError, match="'ghost'"):
        model.predict_for_user(rec.workspace, "ghost")
    with pytest.raises(UnknownItemError):
        rec.recommend(history=["nope"])
    with pytest.raises(UnknownUserError):
        rec.interests(user="ghost")


def test_plugin_module_loads_without_torch() -> None:
    code = ("import sys, recagent.plugins.gpt, recagent.evaluation; "
            "print(json.dumps(sorted(m for m in ('torch', 'transformers') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_training_threads_follow_the_cores_that_are_free(monkeypatch) -> None:
    from recagent.plugins.gpt import cores

    monkeypatch.setattr(cores.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(cores, "_allowed_cores", lambda: 8)
    snapshots = iter([(1000, 8000), (1000 + 300, 8000 + 400)])  # three quarters of the machine idle
    monkeypatch.setattr(cores, "_cpu_times", lambda: next(snapshots))
    assert cores.free_cores(sample_seconds=0) == 6
    snapshots = iter([(1000, 8000), (1000, 8000 + 400)])  # every core busy: still one thread
    assert cores.free_cores(sample_seconds=0) == 1
    monkeypatch.setattr(cores, "_allowed_cores", lambda: 2)  # pinned to two of the eight
    snapshots = iter([(1000, 8000), (1400, 8400)])
    assert cores.free_cores(sample_seconds=0) == 2
    monkeypatch.undo()
    assert 1 <= cores.free_cores(sample_seconds=0.05) <= len(os.sched_getaffinity(0))


def test_a_time_limit_ends_the_epoch_under_way_and_keeps_what_it_learned(tmp_path) -> None:
    """Any budget is kept, however long an epoch: here one of 500 steps, with a budget of a few of them."""
    from recagent.errors import ConfigError
    from recagent.plugins.gpt.options import GPTOptions
    from recagent.plugins.gpt.training import train_network
    from tests.test_gpt_processes import ITEMS, habits

    options = GPTOptions(epochs=5, batch_size=4, embedding_size=16, max_length=16, text_init=False, threads=1,
                         max_minutes=0.001)
    network, summary = train_network(habits(users=2000), ITEMS, options, tmp_path, progress=False)
    assert summary.stopped == "time limit" and summary.epochs == 1
    assert 0 < summary.steps < 500  # 2,000 windows of 4: the epoch was cut short, not run to its end
    assert summary.validation_ndcg10 is not None and network.transformer.wte.weight.shape[0] == ITEMS + 1
    with pytest.raises(ConfigError, match="gpt_max_minutes' must be above 0"):
        GPTOptions(max_minutes=0)


def test_training_threads_follow_the_cores_other_work_leaves(monkeypatch) -> None:
    """Busy with its own threads, the machine's idle share says nothing: the others' share is the busy time less
    this process's own CPU time."""
    from recagent.plugins.gpt import cores

    monkeypatch.setattr(cores.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cores, "_allowed_cores", lambda: 2)
    monkeypatch.setattr(cores.os, "sysconf", lambda name: 100)
    clock = iter([0.0, 10.0, 20.0])
    monkeypatch.setattr(cores.time, "monotonic", lambda: next(clock))
    # (idle, total) jiffies of both cores; this process's CPU seconds.
    machine = iter([(0, 0), (0, 2000), (1000, 4000)])
    mine = iter([0.0, 10.0, 29.5])
    monkeypatch.setattr(cores, "_cpu_times", lambda: next(machine))
    monkeypatch.setattr(cores.time, "process_time", lambda: next(mine))
    watch = cores.CoresLeft()
    assert watch.since_last() == 1  # both cores busy, this process only used one: another job has the other
    assert watch.since_last() == 2  # half the machine idle, this process used 9.5 of the 10 busy seconds


def test_the_evaluated_pipeline_has_the_item_index_of_a_titled_catalog(chain_recommender) -> None:
    # Titles and categories alone are text enough to embed: the pipeline is judged with the index's source.
    rec = chain_recommender(disable_plugins="bert", embedding_model="hashing")
    report = rec.evaluate(k=[1], models=["pipeline"], sampled=0)
    assert "vectorsearch" in report.training["pipeline"]["ranking"]["mrr_alone"]


def test_only_the_validation_users_hold_out_their_last_item() -> None:
    from recagent.plugins.gpt.training import split_for_validation

    sequences = [np.arange(1, 6), np.arange(1, 3), np.arange(10, 14), np.arange(20, 25), np.arange(30, 34)]
    train, histories, targets = split_for_validation(sequences, limit=2)
    assert targets.tolist() == [5, 13]  # the first two with three items or more, in the order given
    assert [h.tolist() for h in histories] == [[1, 2, 3, 4], [10, 11, 12]]
    for n, sequence in enumerate(sequences):  # the others train whole, their most recent item included
        assert np.array_equal(train[n], sequence[:-1] if n in (0, 2) else sequence)
    _, every, _ = split_for_validation(sequences)
    assert len(every) == 4


def test_the_ranker_learns_from_users_whose_last_item_the_gpt_model_held_out() -> None:
    from recagent.holdout import holdout_order

    users = {f"u{n}": [f"i{(n * 7 + k) % 50}" for k in range(3 + n % 4)] for n in range(200)}
    histories = list(users.values())
    order = holdout_order(histories)
    assert sorted(order) == list(range(200)) and order != list(range(200))  # a shuffle, not the given order
    assert holdout_order(histories) == order  # the same every time: a hash of the items, no seed
    # Whatever order the users come in, the same ones come first: the GPT model's first 100 hold the ranker's 50.
    reversed_order = holdout_order(histories[::-1])
    gpt_validation = {tuple(histories[::-1][p]) for p in reversed_order[:100]}
    assert {tuple(histories[p]) for p in order[:50]} <= gpt_validation
