"""Bad input never half-lands: each case names the file, line and column, and the store stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from recagent import IngestError, PluginError, Recommender, hookimpl
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

GOOD_ITEMS = "id,title\n1,Alien\n2,Heat\n"
GOOD_EVENTS = "user,item,rating,timestamp\na,1,5,1\nb,2,4,2\n"

# name -> (file name, content as bytes or text, which argument, format, expected message pattern)
CASES = {
    "missing id column": ("items.csv", "name,title\nx,Alien\n", "items", "auto",
                          r"items\.csv, line 1: missing column for 'id'.*--map id=COLUMN"),
    "missing user column": ("events.csv", "item,rating\n1,5\n", "events", "auto",
                            r"events\.csv, line 1: missing column for 'user'"),
    "rating not a number": ("events.csv", "user,item,rating,timestamp\na,1,5,1\na,2,five,2\n", "events", "auto",
                            r"events\.csv, line 3, column 'rating': 'five' is not a number"),
    "bad timestamp": ("events.csv", "user,item,timestamp\na,1,yesterday\n", "events", "auto",
                      r"line 2, column 'timestamp': 'yesterday' is neither a number of seconds nor an ISO 8601"),
    "infinite value": ("events.csv", "user,item,value\na,1,inf\n", "events", "auto",
                       r"line 2, column 'value': 'inf' is not a finite number"),
    "latin-1 in a UTF-8 file": ("items.csv", "id,title\n1,Alien\n2,Caf\xe9\n".encode("latin-1"), "items", "auto",
                                r"items\.csv, line 3: not valid utf-8 \(byte 0xe9.*--encoding"),
    "UTF-16 file": ("items.csv", "id,title\n1,Alien\n".encode("utf-16-le"), "items", "auto",
                    r"items\.csv, line 1: contains NUL characters.*UTF-16"),
    "ragged row": ("items.csv", "id,title\n1,Alien\n2,Heat,1995\n", "items", "auto",
                   r"items\.csv, line 3: the row has 3 fields but the header has 2"),
    "empty file": ("items.csv", "", "items", "auto", r"items\.csv, line 1: the file is empty"),
    "unterminated quote": ("items.csv", 'id,title\n1,"Alien\n', "items", "auto", r"items\.csv, line \d: malformed CSV"),
    "empty id": ("items.csv", "id,title\n1,Alien\n,Heat\n", "items", "auto",
                 r"items\.csv, line 3, column 'id': empty value"),
    "duplicate header": ("items.csv", "id,title,title\n1,a,b\n", "items", "auto", r"duplicate column names.*title"),
    "invalid JSON line": ("items.jsonl", '{"id": 1, "title": "a"}\n{"id": 2, "title": }\n', "items", "auto",
                          r"items\.jsonl, line 2: invalid JSON at character \d+"),
    "JSON line not an object": ("items.jsonl", '{"id": 1}\n[1, 2]\n', "items", "auto",
                                r"items\.jsonl, line 2: expected a JSON object per line, got list"),
    "not a parquet file": ("items.parquet", "id,title\n1,a\n", "items", "auto",
                           r"items\.parquet: not a readable Parquet file"),
    "unknown suffix": ("items.xlsx", "whatever", "items", "auto", r"cannot tell the format.*--format"),
    "MovieLens ratings without rating": ("ratings.csv", "userId,movieId,timestamp\n1,1,5\n", "events", "movielens",
                                         r"ratings\.csv, line 1: missing column\(s\) rating of the MovieLens format"),
    "u.data too few fields": ("u.data", "1\t2\t3\n", "events", "movielens",
                              r"u\.data, line 1: expected 4 fields separated by '\\t', found 3"),
    "S3-Rec line with a user only": ("Beauty.txt", "1 1 2\n2\n", "events", "s3rec",
                                     r"Beauty\.txt, line 2: expected a user id followed by at least one item id"),
    "S3-Rec user twice": ("Beauty.txt", "1 1 2\n1 3\n", "events", "s3rec", r"line 2: user '1' has a second line"),
    "S3-Rec as items": ("Beauty.txt", "1 1 2\n", "items", "s3rec", r"holds events only; pass the file with --events"),
}


@pytest.fixture
def seeded(make_recommender) -> Recommender:
    rec = make_recommender()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    return rec


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_file_is_named_and_changes_nothing(case: str, seeded: Recommender, tmp_path: Path) -> None:
    name, content, argument, fmt, pattern = CASES[case]
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    good = tmp_path / "good-items.csv"
    good.write_text(GOOD_ITEMS, encoding="utf-8")
    before = seeded.workspace.store.dump()
    with pytest.raises(IngestError, match=pattern) as raised:
        if argument == "items":
            seeded.ingest(items=path, format=fmt)
        else:  # a good items file alongside: it must not land either
            seeded.ingest(items=good if fmt == "auto" else None, events=path, format=fmt)
    assert str(path) in str(raised.value)
    assert seeded.workspace.store.dump() == before


def test_unknown_encoding_name(seeded: Recommender, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text(GOOD_ITEMS, encoding="utf-8")
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        seeded.ingest(items=path, encoding="klingon")


def test_other_encoding_is_read_when_named(seeded: Recommender, tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_bytes("id,title\n9,Caf\xe9\n".encode("latin-1"))
    seeded.ingest(items=path, encoding="latin-1")
    assert seeded.workspace.store.get_items(["9"])["9"].title == "Café"


def test_missing_file_and_bad_mapping(seeded: Recommender, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.csv: no such file"):
        seeded.ingest(items=tmp_path / "nope.csv")
    path = tmp_path / "items.csv"
    path.write_text(GOOD_ITEMS, encoding="utf-8")
    with pytest.raises(IngestError, match=r"column 'sku' \(mapped to 'id'\) is not in the header; found: id, title"):
        seeded.ingest(items=path, columns={"id": "sku"})
    with pytest.raises(IngestError, match="cannot map unknown field.*colour"):
        seeded.ingest(items=path, columns={"colour": "title"})
    with pytest.raises(IngestError, match="unknown format 'xml'"):
        seeded.ingest(items=path, format="xml")
    with pytest.raises(IngestError, match="nothing to ingest"):
        seeded.ingest()


def test_bad_records_from_python(seeded: Recommender) -> None:
    before = seeded.workspace.store.dump()
    with pytest.raises(IngestError, match="record 2 is not a valid Item"):
        seeded.ingest(items=[{"id": "a", "title": "A"}, {"id": "", "title": "B"}])
    with pytest.raises(IngestError, match="record 1 is a int; expected a Event, a mapping"):
        seeded.ingest(events=[42])
    assert seeded.workspace.store.dump() == before


def test_failure_while_writing_rolls_back_everything(seeded: Recommender, tmp_path: Path, monkeypatch) -> None:
    items, events = tmp_path / "items.csv", tmp_path / "events.csv"
    items.write_text(GOOD_ITEMS, encoding="utf-8")
    events.write_text(GOOD_EVENTS, encoding="utf-8")
    before = seeded.workspace.store.dump()

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(seeded.workspace.store, "add_events", disk_full)
    with pytest.raises(OSError, match="disk full"):
        seeded.ingest(items, events)
    monkeypatch.undo()
    assert seeded.workspace.store.dump() == before
    seeded.ingest(items, events)  # and the store still works afterwards
    assert seeded.stats().events == len(SMALL_EVENTS) + 2


class ExplodingPreprocessor:
    @hookimpl
    def preprocess_events(self, events):
        raise ValueError("cannot cope")


def test_plugin_failure_during_ingest_in_strict_mode_changes_nothing(make_recommender, tmp_path: Path) -> None:
    rec = make_recommender(ExplodingPreprocessor(), strict=True)
    items = tmp_path / "items.csv"
    items.write_text(GOOD_ITEMS, encoding="utf-8")
    with pytest.raises(PluginError, match="failed in hook 'preprocess_events': ValueError: cannot cope"):
        rec.ingest(items, [{"user": "a", "item": "1", "timestamp": 1}])
    assert rec.workspace.store.dump() == ([], [])
