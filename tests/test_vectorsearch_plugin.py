"""The built-in vectorsearch plugin: the index follows every ingest, and candidates come from similarity."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recagent import Item, RecagentWarning
from recagent.types import RecommendRequest
from recagent.vectorstore import ItemIndex, sync_index
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

HASHING = {"embedding_model": "hashing"}


def built(make_recommender, **settings):
    """A Recommender over the small catalog whose index has been built."""
    rec = make_recommender(settings={**HASHING, **settings})
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    sync_index(ItemIndex.open(rec.settings), rec.workspace.store)
    return rec


def test_hook_catalog_updated_keeps_the_index_in_step_with_ingests(make_recommender) -> None:
    rec = built(make_recommender)
    index = ItemIndex.open(rec.settings)
    assert index.count() == 6
    rec.ingest(items=[Item("7", "Gravity (2013)", "Astronauts adrift in space.", ("Sci-Fi",), {"year": 2013})])
    assert index.count() == 7
    assert index.query("astronauts adrift", k=1, filters={"year": {">": 2010}})[0].item_id == "7"


def test_ingest_builds_no_index_until_one_is_built(make_recommender) -> None:
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=SMALL_ITEMS)
    assert not (rec.workspace.path / "chroma").exists()


def test_index_on_ingest_can_be_turned_off(make_recommender) -> None:
    rec = built(make_recommender, index_on_ingest="false")
    rec.ingest(items=[Item("7", "Gravity (2013)")])
    assert ItemIndex.open(rec.settings).count() == 6


def test_hook_candidates_from_query_and_history(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = built(make_recommender)
    by_query = vectorsearch.candidates(RecommendRequest(query="toys come alive", k=2), rec.workspace)
    assert by_query[0].item_id == "3" and 0.0 <= by_query[0].score <= 1.0
    assert by_query[0].reason == "matches 'toys come alive'"
    both = vectorsearch.candidates(RecommendRequest(query="toys come alive", history=("1",), k=2), rec.workspace)
    assert {c.reason for c in both} == {"matches 'toys come alive'"}  # a query is answered alone
    by_history = vectorsearch.candidates(RecommendRequest(history=("1",), k=2), rec.workspace)
    assert "1" not in {c.item_id for c in by_history} and by_history[0].reason == "like your recent items"
    filtered = vectorsearch.candidates(RecommendRequest(query="creature", filters={"year": {"<": 1990}}),
                                       rec.workspace)
    assert {c.item_id for c in filtered} == {"1", "2"}
    assert vectorsearch.candidates(RecommendRequest(k=2), rec.workspace) is None


def test_recommend_with_a_query_puts_the_matching_item_first(make_recommender) -> None:
    rec = built(make_recommender, disable_plugins="popularity,categories,gpt")
    results = rec.recommend(query="hacker learns reality is a simulation", k=2)
    assert results[0].item.id == "6"


def test_no_candidates_or_vectors_before_an_index_exists(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = make_recommender(settings=HASHING)
    rec.ingest(items=SMALL_ITEMS)
    with pytest.warns(RecagentWarning, match="index is not built.*recagent index build"):
        assert vectorsearch.candidates(RecommendRequest(query="space"), rec.workspace) is None
    assert vectorsearch.candidates(RecommendRequest(history=("1",)), rec.workspace) is None  # quietly
    assert vectorsearch.item_vectors(["1"], rec.workspace) is None


def test_item_vectors_come_from_the_index(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = built(make_recommender)
    vectors = vectorsearch.item_vectors(["1", "2", "unknown"], rec.workspace)
    assert set(vectors) == {"1", "2"} and len(vectors["1"]) == 64


def test_plugin_import_loads_no_heavy_library() -> None:
    code = ("import sys, recagent.plugins.vectorsearch, recagent.cli.index; "
            "print(sorted(m for m in ('torch', 'chromadb', 'sentence_transformers', 'langchain_core') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_a_query_comes_before_the_users_interests(make_recommender) -> None:
    rec = built(make_recommender)
    rec.ingest(events=[{"user": "fan", "item": item, "timestamp": n} for n, item in enumerate(["3", "5"])])
    plain = rec.recommend(user="fan", k=3)
    asked = rec.recommend(user="fan", query="a deadly creature in deep space", k=3)
    assert [r.item.id for r in plain] != [r.item.id for r in asked]
    assert asked[0].item.id == "1" and "matches 'a deadly creature in deep space'" in asked[0].reasons
