"""The built-in preprocessing plugin: text cleaning, merging, unknown items, thresholds, k-core, order."""

from __future__ import annotations

from recagent import Event, Item
from recagent.plugins.preprocess import clean_text


def test_clean_text_normalises_html_unicode_and_whitespace() -> None:
    assert clean_text("  <p>Tom &amp; Jerry</p>\n\n<br/>the  movie\t") == "Tom & Jerry the movie"
    assert clean_text("Ame\u0301lie") == "Amélie"  # decomposed accent -> one character (NFC)
    assert clean_text("a\x00b\u200bc") == "a b c"


def test_hook_preprocess_items_cleans_and_merges_duplicates(make_recommender) -> None:
    rec = make_recommender()
    report = rec.ingest(items=[
        Item("1", " <b>Alien</b> ", "space &amp; fear", ("Horror",), {"studio": " Fox "}),
        Item("2", "Heat"),
        Item("1", "1", "", ("Sci-Fi",), {"year": 1979}),
    ])
    assert report.dropped == {"duplicate items merged": 1}
    assert report.changed == {"items with cleaned text": 1}
    alien = rec.workspace.store.get_items(["1"])["1"]
    assert alien == Item("1", "Alien", "space & fear", ("Horror", "Sci-Fi"), {"studio": "Fox", "year": 1979})


def test_hook_preprocess_events_drops_unknown_items_and_orders_by_time(make_recommender) -> None:
    rec = make_recommender()
    report = rec.ingest(
        items=[Item("a", "A"), Item("b", "B")],
        events=[Event("u", "b", 5.0), Event("u", "ghost", 1.0), Event("u", "a", 2.0), Event("v", "zombie", 3.0)],
    )
    assert report.dropped == {"events for unknown items": 2}
    assert rec.workspace.store.user_history("u") == ["a", "b"]


def test_items_already_in_the_store_are_known(make_recommender) -> None:
    rec = make_recommender()
    rec.ingest(items=[Item("a", "A")])
    report = rec.ingest(events=[Event("u", "a", 1.0)])
    assert report.events.added == 1 and not report.dropped


def test_rating_threshold_turns_ratings_into_implicit_feedback(make_recommender) -> None:
    rec = make_recommender(settings={"rating_threshold": 4})
    report = rec.ingest(
        items=[Item("a", "A"), Item("b", "B"), Item("c", "C")],
        events=[Event("u", "a", 1, "rating", 5.0), Event("u", "b", 2, "rating", 2.5), Event("u", "c", 3, "view")],
    )
    assert report.dropped == {"events with a value below 4": 1}
    assert rec.workspace.store.user_history("u") == ["a", "c"]


def test_kcore_filters_repeatedly(make_recommender) -> None:
    rec = make_recommender(settings={"kcore": 2})
    items = [Item(i, i) for i in "abcd"]
    events = [Event("u1", "a", 1), Event("u1", "b", 2), Event("u2", "a", 3), Event("u2", "b", 4),
              Event("u3", "a", 5), Event("u3", "c", 6),  # c has one event -> dropped, then u3 has one -> dropped
              Event("u4", "d", 7)]
    report = rec.ingest(items=items, events=events)
    assert report.dropped == {"events outside the 2-core": 3}
    assert rec.stats().users == 2 and rec.stats().events == 4
