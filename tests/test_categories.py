"""The category-affinity candidate source."""

from __future__ import annotations

from recagent import Event, Item
from recagent.plugins.categories import history_profile
from tests.conftest import without_hook


def test_history_profile_weighs_recent_items_more() -> None:
    categories = {"a": ("Horror",), "b": ("Comedy",), "c": ("Comedy", "Romance")}
    profile = history_profile(["a", "b", "c"], categories)
    assert abs(sum(profile.values()) - 1) < 1e-9
    assert profile["Comedy"] > profile["Horror"] and profile["Romance"] < profile["Comedy"]
    assert history_profile(["zzz"], categories) == {}


def test_recommends_within_the_users_categories_with_a_reason(make_recommender) -> None:
    rec = make_recommender(settings=without_hook("candidates", "rank", keep=("categories",)))
    items = [Item(f"h{i}", f"Horror {i}", categories=("Horror",)) for i in range(5)]
    items += [Item(f"c{i}", f"Comedy {i}", categories=("Comedy",)) for i in range(5)]
    events = [Event("fan", "h0", 1), Event("fan", "h1", 2)]
    events += [Event(f"crowd{i}", "c0", i) for i in range(9)] + [Event("x", "h4", 1), Event("y", "h4", 2)]
    rec.ingest(items=items, events=events)
    recs = rec.recommend(user="fan", k=3)
    assert [r.item.id for r in recs][0] == "h4"  # the popular one of the user's category comes first
    assert all(r.item.categories == ("Horror",) for r in recs)
    assert recs[0].reasons == ("matches your interest in Horror",)
    assert rec.recommend(k=3) == []  # no history, no category signal, and popularity is off
