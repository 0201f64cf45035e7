"""Ingest from every supported format, idempotent re-ingest, and column mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from recagent import Event, IngestError, Item

ITEMS_CSV = """id,title,description,genres,year,studio
1,Alien (1979),A crew meets a creature.,Horror|Sci-Fi,1979,Fox
2,Heat (1995),Cops and robbers.,Crime|Thriller,1995,
3,Toy Story (1995),Toys come alive.,Animation|Comedy,1995,Pixar
"""
EVENTS_CSV = """user_id,item_id,rating,timestamp
u1,1,5,100
u1,2,4,2020-01-01T00:00:00Z
u2,3,3.5,50
"""


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_csv_items_and_events_with_recognised_columns(small_recommender_factory, tmp_path: Path) -> None:
    rec = small_recommender_factory()
    report = rec.ingest(_write(tmp_path / "items.csv", ITEMS_CSV), _write(tmp_path / "events.csv", EVENTS_CSV))
    assert (report.items.added, report.events.added) == (3, 3)
    item = rec.workspace.store.get_items(["1"])["1"]
    assert item == Item("1", "Alien (1979)", "A crew meets a creature.", ("Horror", "Sci-Fi"),
                        {"year": 1979, "studio": "Fox"})
    assert rec.workspace.store.get_items(["2"])["2"].metadata == {"year": 1995}  # empty cells are left out
    events = list(rec.workspace.store.iter_events())
    assert Event("u1", "2", 1577836800.0, "rating", 4.0) in events
    assert {e.kind for e in events} == {"rating"}


def test_reingest_is_idempotent_and_changes_are_updates(small_recommender_factory, tmp_path: Path) -> None:
    rec = small_recommender_factory()
    items, events = _write(tmp_path / "items.csv", ITEMS_CSV), _write(tmp_path / "events.csv", EVENTS_CSV)
    rec.ingest(items, events)
    before = rec.workspace.store.dump()
    again = rec.ingest(items, events)
    assert (again.items.added, again.items.updated, again.items.unchanged) == (0, 0, 3)
    assert (again.events.added, again.events.updated, again.events.unchanged) == (0, 0, 3)
    assert rec.workspace.store.dump() == before
    changed = rec.ingest(_write(tmp_path / "items2.csv", ITEMS_CSV.replace("Cops and robbers.", "A heist.")),
                         _write(tmp_path / "events2.csv", EVENTS_CSV.replace("u2,3,3.5", "u2,3,4.5")))
    assert (changed.items.updated, changed.items.changed_ids) == (1, ("2",))
    assert changed.events.updated == 1
    assert rec.stats().events == 3


def test_column_mapping(small_recommender_factory, tmp_path: Path) -> None:
    rec = small_recommender_factory()
    items = _write(tmp_path / "items.csv", "sku,label\nA,Lamp\nB,Desk\n")
    events = _write(tmp_path / "events.csv", "who,what,when,action\nx,A,1,view\nx,B,2,buy\n")
    rec.ingest(items, events, columns={"id": "sku", "title": "label", "user": "who", "item": "what",
                                       "timestamp": "when", "kind": "action"})
    assert rec.workspace.store.get_items(["A"])["A"].title == "Lamp"
    assert [(e.item, e.kind, e.value) for e in rec.workspace.store.iter_events()] == [("A", "view", None),
                                                                                    ("B", "buy", None)]


def test_jsonl(small_recommender_factory, tmp_path: Path) -> None:
    rec = small_recommender_factory()
    items = tmp_path / "items.jsonl"
    items.write_text("\n".join(json.dumps(r) for r in [
        {"id": 10, "title": "Lamp", "categories": ["Home", "Light"], "price": 12.5},
        {"id": 11, "title": "Desk", "categories": "Home"},
    ]) + "\n\n", encoding="utf-8")
    events = _write(tmp_path / "events.jsonl", '{"user": "a", "item": 10, "timestamp": 5}\n')
    report = rec.ingest(items, events)
    assert (report.items.added, report.events.added) == (2, 1)
    lamp = rec.workspace.store.get_items(["10"])["10"]
    assert (lamp.categories, lamp.metadata) == (("Home", "Light"), {"price": 12.5})


def test_parquet(small_recommender_factory, tmp_path: Path) -> None:
    rec = small_recommender_factory()
    pq.write_table(pa.table({"item_id": [1, 2], "name": ["Lamp", "Desk"], "genres": ["Home|Light", "Home"]}),
                   tmp_path / "items.parquet")
    pq.write_table(pa.table({"user": ["a", "a"], "item": [1, 2], "ts": [1.0, 2.0], "rating": [4.0, 5.0]}),
                   tmp_path / "events.parquet")
    report = rec.ingest(tmp_path / "items.parquet", tmp_path / "events.parquet")
    assert (report.items.added, report.events.added) == (2, 2)
    assert rec.workspace.store.user_history("a") == ["1", "2"]


def test_records_from_python(small_recommender_factory) -> None:
    rec = small_recommender_factory()
    rec.ingest(items=[{"id": "x", "title": "X", "categories": ["A"]}, Item("y", "Y")],
               events=[{"user": "u", "item": "x", "timestamp": 1}, Event("u", "y", 2.0)])
    assert rec.stats().as_dict()["items"] == 2 and rec.workspace.store.user_history("u") == ["x", "y"]


def test_movielens_100k_files(small_recommender_factory, tmp_path: Path) -> None:
    folder = tmp_path / "ml-100k"
    folder.mkdir()
    flags = ["0"] * 19
    action = flags.copy()
    action[1] = "1"
    (folder / "u.item").write_bytes(
        ("1|Toy Story (1995)|01-Jan-1995||http://x|" + "|".join(flags[:3] + ["1"] + flags[4:]) + "\n"
         "2|Caf\xe9 Noir (1995)|01-Jan-1995||http://y|" + "|".join(action) + "\n").encode("latin-1"))
    (folder / "u.data").write_text("196\t1\t3\t881250949\n186\t2\t5\t891717742\n", encoding="latin-1")
    rec = small_recommender_factory()
    report = rec.ingest(folder, format="movielens")
    assert (report.items.added, report.events.added) == (2, 2)
    items = rec.workspace.store.get_items(["1", "2"])
    assert items["1"].categories == ("Animation",) and items["1"].metadata["year"] == 1995
    assert items["2"].title == "Café Noir (1995)" and items["2"].categories == ("Action",)


def test_movielens_latest_folder_with_tags_and_links(small_recommender_factory, tmp_path: Path) -> None:
    folder = tmp_path / "ml-latest-small"
    folder.mkdir()
    _write(folder / "movies.csv", 'movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation\r\n'
                                  '2,"Jumanji, The (1995)",(no genres listed)\r\n')
    _write(folder / "ratings.csv", "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,2,4.5,964981247\r\n")
    _write(folder / "tags.csv", "userId,movieId,tag,timestamp\r\n2,1,pixar,1\r\n3,1,fun,2\r\n4,1,pixar,3\r\n")
    _write(folder / "links.csv", "movieId,imdbId,tmdbId\r\n1,0114709,862\r\n2,0113497,\r\n")
    rec = small_recommender_factory()
    rec.ingest(folder)
    items = rec.workspace.store.get_items(["1", "2"])
    assert items["1"].metadata == {"year": 1995, "imdbId": "0114709", "tmdbId": "862", "tags": "pixar, fun"}
    assert items["2"].title == "Jumanji, The (1995)" and items["2"].categories == ()
    assert rec.workspace.store.user_history("1") == ["2", "1"]


def test_s3rec_sequences_create_bare_items_but_never_overwrite_known_ones(small_recommender_factory,
                                                                         tmp_path: Path) -> None:
    rec = small_recommender_factory()
    rec.ingest(items=[Item("2", "A real title")])
    report = rec.ingest(events=_write(tmp_path / "Beauty.txt", "1 1 2 3\n2 3 4\n"), format="s3rec")
    assert report.events.added == 5 and report.items.added == 3
    items = rec.workspace.store.get_items(["1", "2"])
    assert items["2"].title == "A real title" and items["1"].title == "Item 1"
    assert rec.workspace.store.user_history("1") == ["1", "2", "3"]


@pytest.fixture
def small_recommender_factory(make_recommender):
    return make_recommender


def test_gzip_compressed_files(make_recommender, tmp_path: Path) -> None:
    import gzip

    (tmp_path / "items.csv.gz").write_bytes(gzip.compress(ITEMS_CSV.encode()))
    (tmp_path / "events.jsonl.gz").write_bytes(gzip.compress(b'{"user": "a", "item": "1", "timestamp": 1}\n'))
    rec = make_recommender()
    report = rec.ingest(tmp_path / "items.csv.gz", tmp_path / "events.jsonl.gz")
    assert (report.items.added, report.events.added) == (3, 1)
    (tmp_path / "broken.csv.gz").write_bytes(b"not gzip at all")
    with pytest.raises(IngestError, match=r"broken\.csv\.gz: cannot read the file \(Not a gzipped file"):
        rec.ingest(tmp_path / "broken.csv.gz")
