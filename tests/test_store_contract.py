"""One store contract, two backends: SQLite in the workspace and PostgreSQL (`store_url`), checked alike.

Each test runs against both; PostgreSQL is a real server (tests/postgres_server.py), skipped with the reason
where it is not installed and required in CI.
"""

from __future__ import annotations

import socket

import pytest

from recagent import Event, Item, Recommender
from recagent.errors import ConfigError, StoreError
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request, workspace_dir, make_recommender):
    """Open a Recommender on the backend under test (each call opens the same store again)."""
    settings = {"embedding_model": "hashing"}
    if request.param == "postgresql":
        settings["store_url"] = request.getfixturevalue("postgres_url")
    return lambda: make_recommender(settings=settings)


def test_ingest_reads_and_counts(open_store) -> None:
    rec = open_store()
    report = rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    assert (report.items.added, report.events.added) == (6, 9)
    store = rec.workspace.store
    stats = store.stats()
    assert (stats.items, stats.users, stats.events, stats.categories) == (6, 3, 9, 8)
    assert stats.event_kinds == {"rating": 9} and (stats.first_timestamp, stats.last_timestamp) == (1.0, 3.0)
    assert store.user_history("u3") == ["6", "1", "4"] and store.has_user("u2") and not store.has_user("nobody")
    assert store.users() == ["u1", "u2", "u3"] and store.users(limit=1) == ["u1"]
    assert store.item_popularity()[0] == ("6", 3) and store.item_popularity(since=3.0) == [("6", 2), ("4", 1)]
    assert store.item_ratings() == [("1", 2, 3.5), ("2", 1, 4.0), ("3", 1, 4.0), ("4", 1, 4.0), ("5", 1, 5.0),
                                    ("6", 3, 4.0)]
    # What the people who chose 6 chose too; read from the first of them by id alone, u1's.
    assert sorted(store.co_chosen(["6"], 10)) == [("1", 2), ("2", 1), ("3", 1), ("4", 1), ("5", 1)]
    assert sorted(store.co_chosen(["6"], 1)) == [("1", 1), ("2", 1)] and store.co_chosen([], 10) == []
    assert store.category_names() == ["Action", "Animation", "Comedy", "Crime", "Horror", "Romance", "Sci-Fi",
                                      "Thriller"]
    assert store.metadata_fields() == {"year": {"integer"}}
    assert store.get_items(["5", "missing"])["5"] == SMALL_ITEMS[4]  # unicode title, categories, metadata intact
    assert [item.id for item in store.iter_items()] == ["1", "2", "3", "4", "5", "6"]
    assert [event.item for event in store.iter_events()][:3] == ["1", "2", "6"]
    with store.transaction():  # batch after batch in one transaction, as an ingest writes them
        store.upsert_items([Item("8", "Up (2009)")])
        store.upsert_items([Item("7", "Gravity (2013)")])
        assert store.add_events([Event("u5", "7", 1.0)]).added == 1
        assert store.add_events([Event("u5", "8", 2.0), Event("u5", "7", 1.0)]).added == 1
    assert store.user_history("u5") == ["7", "8"]
    assert store.unindexed_item_ids()[-2:] == ["7", "8"]  # listed for the item index until it takes them in
    store.mark_indexed(["7"])
    assert "7" not in store.unindexed_item_ids() and "8" in store.unindexed_item_ids()


def test_reingest_is_idempotent_and_updates_what_changed(open_store) -> None:
    rec = open_store()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    before, items_version = rec.workspace.store.dump(), rec.workspace.store.items_version
    again = rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    assert (again.items.unchanged, again.events.added, again.events.updated) == (6, 0, 0)
    assert rec.workspace.store.dump() == before and rec.workspace.store.items_version == items_version
    changed = rec.ingest(items=[Item("1", "Alien (1979)", "Director's cut.", ("Horror",), {"year": 1979})],
                         events=[Event("u1", "1", 1.0, "rating", 3.0), Event("u4", "2", 9.0, "rating", 5.0)])
    assert (changed.items.updated, changed.events.updated, changed.events.added) == (1, 1, 1)
    assert rec.workspace.store.items_version == items_version + 1
    assert rec.item("1").text == "Director's cut."


def test_a_failed_ingest_changes_nothing(open_store) -> None:
    rec = open_store()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    before, version = rec.workspace.store.dump(), rec.workspace.store.version

    def events_then_a_failure():
        yield Event("u9", "1", 1.0)
        raise OSError("the source went away")

    with pytest.raises(OSError, match="went away"):
        rec.ingest(items=[Item("7", "Gravity (2013)")], events=events_then_a_failure())
    assert rec.workspace.store.dump() == before and rec.workspace.store.version == version


def test_deletion_and_erasure(open_store) -> None:
    rec = open_store()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    removed = rec.delete_items(["6"])
    assert (removed.items, removed.events) == (1, 3)
    assert not rec.workspace.store.has_item("6") and "6" not in rec.workspace.store.user_history("u1")
    assert rec.erase_user("u2").events == 2 and not rec.workspace.store.has_user("u2")
    assert rec.workspace.store.stats().events == 4


def test_dislikes_are_kept_but_read_by_nothing(open_store) -> None:
    rec = open_store()
    rec.ingest(items=SMALL_ITEMS, events=[*SMALL_EVENTS, Event("u1", "4", 9.0, "dislike")])
    store = rec.workspace.store
    assert store.stats().event_kinds == {"dislike": 1, "rating": 9}
    assert "4" not in store.user_history("u1") and ("4", 1) in store.item_popularity()


def test_recommendations_are_the_same_from_both_stores(make_recommender, postgres_url, tmp_path) -> None:
    on_sqlite = make_recommender(settings={"embedding_model": "hashing"})
    with Recommender.open(tmp_path / "pg-ws", settings={"embedding_model": "hashing",
                                                        "store_url": postgres_url}) as on_postgres:
        for rec in (on_sqlite, on_postgres):
            rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
            rec.build_index()
        assert on_postgres.workspace.store.dump() == on_sqlite.workspace.store.dump()
        assert on_postgres.stats() == on_sqlite.stats()
        for request in ({"user": "u1"}, {"history": ["3"]}, {"query": "a creature in deep space"}, {}):
            assert ([r.item.id for r in on_postgres.recommend(k=4, **request)]
                    == [r.item.id for r in on_sqlite.recommend(k=4, **request)])


def test_an_unreachable_server_is_one_clear_line(tmp_path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://someone:secret@127.0.0.1:{port}/shop"
    with Recommender.open(tmp_path / "ws", settings={"store_url": url}) as rec:
        with pytest.raises(StoreError, match=f"cannot connect to the PostgreSQL store at 127.0.0.1:{port}/shop") as error:
            rec.stats()
    assert "secret" not in str(error.value) and "\n" not in str(error.value)


def test_a_store_url_that_is_not_postgresql_is_refused(tmp_path) -> None:
    with Recommender.open(tmp_path / "ws", settings={"store_url": "mysql://db/shop"}) as rec:
        with pytest.raises(ConfigError, match="must be a postgresql:// URL; got one starting 'mysql'"):
            rec.stats()


def test_a_schema_from_another_version_is_refused(postgres_url, tmp_path) -> None:
    import psycopg

    with Recommender.open(tmp_path / "ws", settings={"store_url": postgres_url}) as rec:
        rec.stats()  # creates the schema
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with Recommender.open(tmp_path / "ws", settings={"store_url": postgres_url}) as rec:
        with pytest.raises(StoreError, match="schema version 99, written by a newer recagent"):
            rec.stats()


def test_an_evaluation_keeps_its_scratch_copy_out_of_the_shared_store(postgres_url, tmp_path) -> None:
    """The pipeline's evaluation trains a scratch workspace: its users must never reach the database users use."""
    shared_models = tmp_path / "shared-models"
    settings = {"embedding_model": "hashing", "store_url": postgres_url, "models_dir": str(shared_models),
                "gpt_epochs": 1, "gpt_text_init": False, "disable_plugins": "bert"}
    with Recommender.open(tmp_path / "ws", settings=settings) as rec:
        rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
        before = rec.workspace.store.dump()
        rec.evaluate(models=["pipeline"], sampled=0, bootstrap=0)
        assert rec.workspace.store.dump() == before
        # The scratch copy trained its own models in its own folder: nothing was published for the servers.
        assert not (shared_models / "ranking" / "ranker.json").exists()
        assert not list((shared_models / "gpt").glob("v-*"))
