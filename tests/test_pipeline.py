"""The pipeline after ranking: allow and deny lists, diversity (MMR) and batch recommendations."""

from __future__ import annotations

import numpy as np
import pytest

from recagent import Item, RecagentError, ScoredItem, UnknownItemError, hookimpl
from recagent.diversity import intra_list_diversity, mmr_order, similarity_matrix
from tests.conftest import without_hook

CATALOG = [Item(f"a{i}", f"Action {i}", categories=("Action",)) for i in range(4)]
CATALOG += [Item(f"c{i}", f"Comedy {i}", categories=("Comedy",)) for i in range(4)]


class Scores:
    """Action items score highest, so a plain ranking shows only Action."""

    @hookimpl
    def candidates(self, request):
        return [ScoredItem(item.id, (1.0 if item.id.startswith("a") else 0.5) - int(item.id[1:]) * 0.01, "fixed")
                for item in CATALOG]


class Vectors:
    def __init__(self):
        self.asked = []

    @hookimpl
    def item_vectors(self, item_ids):
        self.asked.append(list(item_ids))
        return {i: ([1.0, 0.0] if i.startswith("a") else [0.0, 1.0]) for i in item_ids}


@pytest.fixture
def rec(make_recommender):
    recommender = make_recommender(("scores", Scores()), settings=without_hook("candidates"))
    recommender.ingest(items=CATALOG)
    return recommender


def test_allow_and_deny(rec) -> None:
    assert [r.item.id for r in rec.recommend(k=3, deny=["a0", "a1"])] == ["a2", "a3", "c0"]
    assert [r.item.id for r in rec.recommend(k=5, allow=["c3", "a3"])] == ["a3", "c3"]
    with pytest.raises(UnknownItemError, match="'nope'"):
        rec.recommend(deny=["nope"])


def test_diversity_mixes_categories_and_zero_keeps_the_order(rec) -> None:
    plain = [r.item.id for r in rec.recommend(k=4)]
    assert plain == ["a0", "a1", "a2", "a3"]
    assert [r.item.id for r in rec.recommend(k=4, diversity=0.0)] == plain
    diverse = [r.item.id for r in rec.recommend(k=4, diversity=0.5)]
    assert diverse[0] == "a0" and {i[0] for i in diverse} == {"a", "c"}
    with pytest.raises(RecagentError, match="diversity must be between 0 and 1"):
        rec.recommend(diversity=2)


def test_hook_item_vectors_feed_diversity(make_recommender) -> None:
    vectors = Vectors()
    rec = make_recommender(("scores", Scores()), ("vectors", vectors), settings=without_hook("candidates"))
    rec.ingest(items=[Item(i.id, i.title) for i in CATALOG])  # no categories: only the vectors tell them apart
    diverse = [r.item.id for r in rec.recommend(k=2, diversity=0.7)]
    assert diverse == ["a0", "c0"] and vectors.asked


def test_mmr_and_intra_list_diversity_by_hand() -> None:
    similarity = np.array([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    assert mmr_order([1.0, 0.9, 0.5], similarity, 0.0, 3) == [0, 1, 2]
    assert mmr_order([1.0, 0.9, 0.5], similarity, 0.6, 3) == [0, 2, 1]
    assert intra_list_diversity(similarity) == pytest.approx(1 - (0.9 + 0.1 + 0.2) / 3)
    items = [Item("x", "x", categories=("A", "B")), Item("y", "y", categories=("B",)), Item("z", "z")]
    assert similarity_matrix(items)[0, 1] == pytest.approx(0.5) and similarity_matrix(items)[0, 2] == 0


def test_recommend_many(small_recommender) -> None:
    results = dict(small_recommender.recommend_many(["u1", "u2"], k=2))
    assert set(results) == {"u1", "u2"} and all(len(r) == 2 for r in results.values())
