"""The built-in ranker: default weights, reasons from the strongest feature, and learned weights."""

from __future__ import annotations

import random

import numpy as np

from recagent import Event, Item, ScoredItem, hookimpl
from recagent.plugins.ranking import DEFAULT_DERIVED_WEIGHTS
from tests.conftest import without_hook

ITEMS = [Item(str(i), f"Item {i}", categories=("Even" if i % 2 == 0 else "Odd",)) for i in range(30)]


class Oracle:
    """Proposes the true next item (last + 1) with a modest score."""

    @hookimpl
    def candidates(self, request):
        if not request.history:
            return None
        return [ScoredItem(str((int(request.history[-1]) + 1) % 30), 0.3, "the oracle says so")]


class Noise:
    """Proposes random items with high scores."""

    @hookimpl
    def candidates(self, request):
        rng = random.Random(",".join(request.history))
        return [ScoredItem(str(i), rng.uniform(0.5, 1.0), "noise") for i in rng.sample(range(30), 12)]


def _sequences(n_users: int) -> list[Event]:
    events = []
    for user in range(n_users):
        start = (user * 7) % 30
        for step in range(5):
            events.append(Event(f"u{user}", str((start + step) % 30), float(step)))
    return events


def _recommender(make_recommender, *plugins):
    """Only the test's candidate sources and the built-in ranker (the other trainable plugins are off too)."""
    return make_recommender(*plugins, settings=without_hook("candidates", "fit", keep=("ranking",)))


def test_default_weights_favour_agreement_and_explain_with_the_strongest_feature(make_recommender) -> None:
    class Both:
        @hookimpl
        def candidates(self, request):
            return [ScoredItem("1", 0.6, "first source"), ScoredItem("2", 0.7, "first source")]

    class Second:
        @hookimpl
        def candidates(self, request):
            return [ScoredItem("1", 0.5, "second source")]

    rec = _recommender(make_recommender, ("both", Both()), ("second", Second()))
    rec.ingest(items=ITEMS)
    recs = rec.recommend(k=2)
    assert [r.item.id for r in recs] == ["1", "2"]  # 0.6 + 0.5 from two sources beats 0.7 from one
    assert recs[0].reasons[0] == "first source" and "second source" in recs[0].reasons
    assert set(DEFAULT_DERIVED_WEIGHTS) == {"category_match", "popularity", "recency", "agreement", "text_match"}


def test_category_match_reason(make_recommender) -> None:
    class Flat:
        @hookimpl
        def candidates(self, request):
            return [ScoredItem(str(i), 0.5) for i in range(10)]

    rec = _recommender(make_recommender, ("flat", Flat()))
    rec.ingest(items=ITEMS)
    recs = rec.recommend(history=["2", "4"], k=2)
    assert all(int(r.item.id) % 2 == 0 for r in recs)
    assert recs[0].reasons[0] == "matches your interest in Even"


def test_hook_fit_learns_which_source_predicts_the_next_item(make_recommender) -> None:
    rec = _recommender(make_recommender, ("oracle", Oracle()), ("noise", Noise()))
    rec.ingest(items=ITEMS, events=_sequences(120))
    before = rec.recommend(history=["10"], k=1)[0].item.id
    summary = rec.train()["ranking"]
    # The learned weights find the oracle, but cannot beat it alone (both rank every target first): the simpler
    # contender serves.
    assert summary["kept"] == "oracle alone", summary
    assert summary["mrr_trained"] > summary["mrr_default_weights"] and summary["folds"] == 5
    assert summary["hr@10_alone"]["oracle"] > summary["hr@10_alone"]["noise"]
    assert summary["mrr_trained"] >= max(summary["mrr_alone"].values())
    assert summary["weights"]["oracle"] > summary["weights"]["noise"]
    after = rec.recommend(history=["10"], k=1)[0]
    assert after.item.id == "11" and before != "11"
    assert 0 < after.score < 1 and after.reasons[0] == "the oracle says so"
    assert (rec.workspace.path / "models" / "ranking" / "ranker.json").exists()


def test_fit_with_too_little_data_keeps_defaults(make_recommender) -> None:
    rec = _recommender(make_recommender, ("oracle", Oracle()))
    rec.ingest(items=ITEMS, events=_sequences(5))
    assert "skipped" in rec.train()["ranking"]


def test_with_a_query_taste_reorders_only_the_good_matches() -> None:
    from recagent import Candidate
    from recagent.plugins.ranking import relevance_first

    candidates = [
        Candidate("weak-but-loved", {"gpt": 0.9}, query_relevance=0.40),
        Candidate("best", {"gpt": 0.1}, query_relevance=0.80),
        Candidate("good", {"gpt": 0.5}, query_relevance=0.75),
        Candidate("weaker", {"gpt": 0.2}, query_relevance=0.60),
        Candidate("no-match", {"gpt": 1.0}),
    ]
    taste = np.array([4, 0, 2, 1, 3])  # the model's order: no-match, weak-but-loved, good, best, weaker
    relevance = np.array([np.nan if c.query_relevance is None else c.query_relevance for c in candidates])
    order = relevance_first(taste, relevance, margin=0.1)
    assert [candidates[i].item_id for i in order] == ["good", "best", "weaker", "weak-but-loved", "no-match"]
    wide = relevance_first(taste, relevance, margin=1.0)  # everything matches "well": taste decides
    assert [candidates[i].item_id for i in wide] == ["weak-but-loved", "good", "best", "weaker", "no-match"]
    # Without a taste, the good matches go by relevance; what does not answer keeps the model's order.
    candidates.append(Candidate("no-match-2", {"gpt": 0.0}))
    relevance = np.append(relevance, np.nan)
    untasted = relevance_first(np.array([5, 4, 0, 2, 1, 3]), relevance, margin=0.1, by_taste=False)
    assert [candidates[i].item_id for i in untasted] == ["best", "good", "weaker", "weak-but-loved", "no-match-2",
                                                         "no-match"]


def test_of_candidates_the_taste_scores_alike_the_better_match_comes_first() -> None:
    from recagent.plugins.ranking import relevance_first, taste_order

    scores = np.array([0.6, 0.0, 0.0, 0.0, 0.0])
    relevance = np.array([0.7, 0.5, 0.8, np.nan, 0.75])
    order = taste_order(scores, relevance)
    assert list(order) == [0, 2, 4, 1, 3]  # alike in taste: 0.8, 0.75, 0.5, then what answers nothing
    assert list(relevance_first(order, relevance, margin=0.2)) == [0, 2, 4, 1, 3]


def test_with_a_query_a_known_item_beats_a_slightly_closer_unknown_one(make_recommender) -> None:
    """Asked for a kind of movie in words, people mean one people know: popularity adds to the match."""
    class Query:
        @hookimpl
        def candidates(self, request):
            if request.query:
                return [ScoredItem("obscure", 0.62, "close", matches_query=True),
                        ScoredItem("classic", 0.58, "close", matches_query=True)]
            return None

    items = [Item("obscure", "Obscure"), Item("classic", "Classic"), Item("other", "Other")]
    events = [Event(f"u{n}", "classic", float(n)) for n in range(40)] + [Event("u0", "obscure", 99.0)]
    rec = make_recommender(("query", Query()), settings={"ranking_query_popularity": 0.3})
    rec.ingest(items=items, events=events)
    assert [r.item.id for r in rec.recommend(query="a kind of movie", k=2)] == ["classic", "obscure"]
    rec.close()
    rec = make_recommender(("query", Query()), settings={"ranking_query_popularity": 0.0})
    assert [r.item.id for r in rec.recommend(query="a kind of movie", k=2)] == ["obscure", "classic"]


def test_a_query_match_is_first_in_the_pipeline_even_against_the_users_taste(make_recommender) -> None:
    class Query:
        @hookimpl
        def candidates(self, request):
            if not request.query:
                return None
            return [ScoredItem("3", 0.9, "asked for", matches_query=True),
                    ScoredItem("5", 0.4, "asked for", matches_query=True)]

    class Taste:
        @hookimpl
        def candidates(self, request):
            return [ScoredItem("5", 1.0, "you love it"), ScoredItem("7", 1.0, "you love it")]

    rec = make_recommender(("query", Query()), ("taste", Taste()), settings=without_hook("candidates"))
    rec.ingest(items=ITEMS, events=[Event("u", "1", 1.0)])
    ranked = [r.item.id for r in rec.recommend(user="u", query="anything", k=3)]
    assert ranked == ["3", "5", "7"]  # "5" is loved, but a much weaker match than "3"


def test_a_source_installed_after_training_is_reported_once(make_recommender, workspace_dir) -> None:
    import warnings

    import pytest

    from recagent import Recommender
    from recagent.plugins import ranking

    rec = _recommender(make_recommender, ("oracle", Oracle()), ("noise", Noise()))
    rec.ingest(items=ITEMS, events=_sequences(120))
    assert rec.train()["ranking"]["kept"] == "oracle alone"  # a model of the sources it knew
    rec.close()
    ranking._warned.discard("newcomer")
    later = Recommender.open(workspace_dir, plugins=[("oracle", Oracle()), ("newcomer", Noise())],
                             settings=without_hook("candidates", "fit", keep=("ranking",)))
    try:
        with pytest.warns(UserWarning, match="trained without the candidate source 'newcomer'.*recagent train"):
            later.recommend(history=["10"], k=3)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # said once per process, not on every request
            later.recommend(history=["11"], k=3)
    finally:
        later.close()


class Band:
    """Scores the true next item 0.5 and ten others either low or high: only the middle of its scale is right."""

    @hookimpl
    def candidates(self, request):
        if not request.history:
            return None
        target = (int(request.history[-1]) + 1) % 30
        rng = random.Random(",".join(request.history))
        others = [i for i in rng.sample(range(30), 12) if i != target][:10]
        scores = [rng.uniform(0.05, 0.3) if n % 2 else rng.uniform(0.7, 0.95) for n in range(len(others))]
        return [ScoredItem(str(target), 0.5, "in the band"),
                *(ScoredItem(str(i), score, "off the band") for i, score in zip(others, scores))]


def test_lambdarank_is_kept_when_a_weighted_sum_cannot_rank(make_recommender) -> None:
    rec = _recommender(make_recommender, ("band", Band()))
    rec.ingest(items=ITEMS, events=_sequences(150))
    summary = rec.train()["ranking"]
    assert summary["kept"] == "lambdarank", summary
    assert summary["mrr_lambdarank"] > max(summary["mrr_trained"], summary["mrr_alone"]["band"]) + 0.3
    saved = (rec.workspace.path / "models" / "ranking" / "ranker.json").read_text()
    assert '"kind": "lambdarank"' in saved
    top = rec.recommend(history=["3", "4"], k=3)[0]
    assert top.item.id == "5" and top.reasons[0] == "in the band"  # the feature that lifted it explains it


def test_train_only_or_skip_named_plugins(make_recommender) -> None:
    import pytest

    from recagent import RecagentError

    rec = _recommender(make_recommender, ("oracle", Oracle()), ("noise", Noise()))
    rec.ingest(items=ITEMS, events=_sequences(120))
    assert rec.train(skip=["ranking"]) == {}
    assert not (rec.workspace.path / "models" / "ranking" / "ranker.json").exists()
    assert list(rec.train(only=["ranking"])) == ["ranking"]
    with pytest.raises(RecagentError, match="no trainable plugin is named 'rankin'; these train: ranking"):
        rec.train(only=["rankin"])


TEXTS = [Item("a", "Harbour", "pirates sail a stormy sea in search of buried gold", ("Adventure",)),
         Item("b", "Cove", "pirates and sailors search the sea for buried gold", ("Adventure",)),
         Item("c", "Ledger", "an accountant audits a small bank in a quiet town", ("Adventure",)),
         Item("d", "Island", "a pirate crew sails the sea to an island of gold", ("Adventure",))]


class Even:
    """Proposes every item but the history's with one and the same score: only the derived features decide."""

    @hookimpl
    def candidates(self, request):
        return [ScoredItem(item.id, 0.5, "even") for item in TEXTS if item.id not in request.history]


def test_items_close_in_meaning_to_the_history_rank_first_whichever_source_proposed_them(make_recommender) -> None:
    rec = make_recommender(("even", Even()), settings={**without_hook("candidates", "fit", keep=("ranking",)),
                                                        "embedding_model": "hashing"})
    rec.ingest(items=TEXTS)
    assert [r.item.id for r in rec.recommend(history=["a"], k=3)] == ["b", "c", "d"]  # no index: no text match
    rec.build_index()
    assert [r.item.id for r in rec.recommend(history=["a"], k=3)][-1] == "c"  # the accountant is furthest away
    similarity = rec.catalog.history_similarity(["a"], ["b", "c", "zz"])
    assert similarity[0] > similarity[1] > 0 and similarity[2] == 0  # an id the index lacks counts 0


def test_a_ranker_saved_before_text_match_still_ranks(make_recommender) -> None:
    import json

    rec = _recommender(make_recommender, ("oracle", Oracle()), ("noise", Noise()))
    rec.ingest(items=ITEMS, events=_sequences(120))
    assert "text_match" in rec.train()["ranking"]["weights"]
    path = rec.workspace.path / "models" / "ranking" / "ranker.json"
    saved = json.loads(path.read_text())
    assert saved["derived"][-1] == "text_match"
    # As an earlier version wrote it: no list of derived features, and no weight for the text match.
    for key in ("weights", "mean", "scale"):
        saved[key] = saved[key][:-1]
    del saved["derived"]
    path.write_text(json.dumps(saved))
    top = rec.recommend(history=["10"], k=1)[0]
    assert top.item.id == "11" and top.reasons[0] == "the oracle says so"


def test_a_source_and_a_feature_of_one_name_both_show_their_weight(make_recommender) -> None:
    rec = make_recommender(("oracle", Oracle()), settings=without_hook("candidates", "fit",
                                                                          keep=("ranking", "popularity")))
    rec.ingest(items=ITEMS, events=_sequences(120))
    weights = rec.train()["ranking"]["weights"]
    assert {"oracle", "popularity", "popularity (feature)", "text_match"} <= set(weights), weights


def test_a_mix_serves_only_when_it_beats_the_best_source_alone_clearly() -> None:
    from recagent.plugins.ranking.training import _kept

    rng = np.random.default_rng(0)
    alone = rng.integers(1, 30, size=3000)
    # Ahead in mean reciprocal rank by the luck of a few examples: 40 targets move from second to first, 35 the
    # other way.
    swapped = alone.copy()
    swapped[np.flatnonzero(alone == 2)[:40]] = 1
    swapped[np.flatnonzero(alone == 1)[:35]] = 2
    assert (1 / swapped).mean() > (1 / alone).mean()
    assert _kept({"trained weights": swapped, "gpt alone": alone, "noise alone": alone + 5},
                 ["gpt alone", "noise alone"]) == "gpt alone"
    clearly = np.where(rng.random(3000) < 0.3, 1, alone)  # 30% more targets ranked first
    assert _kept({"trained weights": clearly, "gpt alone": alone}, ["gpt alone"]) == "trained weights"
