"""Ids that enter recagent (users, items, chat sessions) are text that can be shown and typed, checked by one function."""

from __future__ import annotations

from pathlib import Path

import pytest

from recagent import Event, IngestError, Recommender
from recagent.errors import InvalidIdError
from recagent.ids import ID_PATTERN, check_id, check_ids


@pytest.mark.parametrize("value", ["u1", "Amélie", "a b", "movie:260", "数字"])
def test_printable_ids_pass(value: str) -> None:
    assert check_id(value, "user id") == value
    check_ids([value, "x"], "item id")


@pytest.mark.parametrize(("value", "why"), [
    ("a\x00b", r"user id 'a\\x00b' contains a control character \(U\+0000\) at position 1"),
    ("a\nb", r"control character \(U\+000A\)"),
    ("\x7f", r"control character \(U\+007F\)"),
    ("x\x85", r"control character \(U\+0085\) at position 1"),
    ("\ud800", r"a lone surrogate \(U\+D800\), which is not valid Unicode"),
    ("", r"user id '' is empty"),
])
def test_unusable_ids_are_refused_with_the_reason(value: str, why: str) -> None:
    with pytest.raises(InvalidIdError, match=why) as raised:
        check_id(value, "user id")
    assert isinstance(raised.value, ValueError) and raised.value.what == "user id"
    with pytest.raises(InvalidIdError, match=why) as many:
        check_ids(["fine", "also fine", value], "user id")
    assert many.value.index == 2


def test_the_sdk_refuses_them_wherever_ids_enter(small_recommender: Recommender) -> None:
    rec = small_recommender
    before = rec.workspace.store.dump()
    with pytest.raises(InvalidIdError, match=r"user id 'a\\x00b' contains a control character"):
        rec.feedback("a\x00b", "1")
    with pytest.raises(InvalidIdError, match=r"item id '1\\x00'"):
        rec.feedback("u1", "1\x00")
    with pytest.raises(InvalidIdError, match="user id"):
        rec.recommend(user="u1\x1b")
    with pytest.raises(InvalidIdError, match=r"item id '1\\n'"):
        rec.recommend(history=["1\n"])
    with pytest.raises(InvalidIdError, match="item id"):
        rec.recommend(user="u1", deny=["2", "\x00"])
    with pytest.raises(InvalidIdError, match="user id"):
        rec.history("u1\x00")
    with pytest.raises(InvalidIdError, match="item id"):
        rec.item("1\x00")
    with pytest.raises(InvalidIdError, match="session id"):
        rec.chat("s\x00", model="scripted-is-never-loaded")
    with pytest.raises(InvalidIdError, match="user id"):
        rec.chat_sessions(user="\x00")
    assert rec.workspace.store.dump() == before


def test_ingest_refuses_them_naming_the_record_and_changes_nothing(small_recommender: Recommender,
                                                                   tmp_path: Path) -> None:
    rec = small_recommender
    before = rec.workspace.store.dump()
    with pytest.raises(IngestError, match=r"event 2: user id 'b\\x00' contains a control character"):
        rec.ingest(events=[Event("a", "1", 1.0), Event("b\x00", "2", 2.0)])
    with pytest.raises(IngestError, match=r"event 1: item id '1\\x07'"):
        rec.ingest(events=[{"user": "a", "item": "1\x07", "timestamp": 1}])
    events = tmp_path / "events.csv"
    events.write_text("user,item,timestamp\na,1,1\nb\x01,2,2\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"events\.csv: event 2: user id 'b\\x01'") as raised:
        rec.ingest(events=events)
    assert str(events) in str(raised.value)
    items = tmp_path / "items.csv"
    items.write_text("id,title\n7\x1b,Seven\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"items\.csv: item 1: item id '7\\x1b'"):
        rec.ingest(items=items)
    assert rec.workspace.store.dump() == before


@pytest.mark.parametrize("value", ["u1", "Amélie", "a b", "movie:260", "数字", "🎬", "", "a\x00b", "a\nb", "\x7f",
                                   "x\x85"])
def test_the_json_schema_pattern_says_what_the_check_takes(value: str) -> None:
    import re

    try:
        check_id(value, "user id")
    except InvalidIdError:
        assert re.search(ID_PATTERN, value) is None
    else:
        assert re.search(ID_PATTERN, value) is not None
