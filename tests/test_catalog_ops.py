"""Catalog operations: deleting items (with their events and vectors) and erasing a user from every store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from recagent import Event, Recommender
from recagent.cli import cli
from recagent.errors import UnknownItemError, UnknownUserError
from recagent.server import create_app
from recagent.testing import scripted_chat_model

# Strings that occur nowhere else in the workspace: after an erasure, no file may hold them.
USER = "erase-me-7f3a9c"
SAID = "quokka-marmalade-tangent"


def _files_holding(folder: Path, needle: str) -> list[str]:
    """Every file under `folder` whose bytes contain `needle` (UTF-8), databases and their logs included."""
    raw = needle.encode()
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and raw in path.read_bytes())


def test_deleting_items_takes_their_events_and_vectors(chat_recommender: Recommender) -> None:
    rec = chat_recommender
    assert "1" in rec.catalog.index.vectors(["1"])
    removed = rec.delete_items(["Alien", "4"])  # a title and an id
    assert (removed.items, removed.events) == (2, 5)  # Alien: u1, u5 and u6 saw it; Heat: u3 and u6
    assert not rec.has_item("1") and not rec.has_item("4")
    assert "1" not in rec.history("u1") and "4" not in rec.history("u3")
    assert rec.catalog.index.vectors(["1", "4"]) == {}
    assert rec.index_status().to_delete == 0 and rec.catalog.index.count() == 14
    shown = {r.item.id for r in rec.recommend(user="u6", k=14)} | {r.item.id for r in rec.search("deep space", k=14)}
    assert not shown & {"1", "4"}
    assert rec.find_item("Alien") is None


def test_an_unknown_item_deletes_nothing(chat_recommender: Recommender) -> None:
    before = chat_recommender.workspace.store.dump()
    with pytest.raises(UnknownItemError):
        chat_recommender.delete_items(["3", "no such film"])
    assert chat_recommender.workspace.store.dump() == before


def test_vectors_of_items_deleted_by_a_process_killed_before_the_index_are_removed_next_time(
        chat_recommender: Recommender) -> None:
    store = chat_recommender.workspace.store
    with store.transaction():  # what delete_items commits before it updates the index
        store.delete_items(["9"])
    assert "9" in chat_recommender.catalog.index.vectors(["9"])
    chat_recommender.ingest(events=[Event("u1", "3", 99.0, "rating", 4.0)])  # any later write catches up
    assert chat_recommender.catalog.index.vectors(["9"]) == {}


def test_a_deleted_item_comes_back_when_ingested_again(chat_recommender: Recommender) -> None:
    from tests.chat_catalog import CHAT_ITEMS

    chat_recommender.delete_items(["16"])
    chat_recommender.ingest(items=CHAT_ITEMS)
    assert chat_recommender.has_item("16") and "16" in chat_recommender.catalog.index.vectors(["16"])


def test_erasing_a_user_leaves_nothing_of_them_in_any_file(chat_recommender: Recommender) -> None:
    rec = chat_recommender
    rec.ingest(events=[Event(USER, item, float(n), "rating", 4.0) for n, item in enumerate(["3", "7", "9"])])
    rec.feedback(USER, "16", "dislike")
    model = scripted_chat_model(["Here are a few picks."] * 10)
    session = rec.chat(user=USER, model=model, mode="guided")
    session.send(f"something with a {SAID} please")
    rec.chat(user="u2", model=model, mode="guided").send("a comedy")  # another user's session stays
    assert _files_holding(rec.path, USER) and _files_holding(rec.path, SAID)
    scratch = rec.path / "models" / "ranking" / "evaluation"  # an evaluation's copy of everyone's sequences
    scratch.mkdir(parents=True)

    removed = rec.erase_user(USER)
    assert (removed.events, removed.sessions) == (4, 1)
    assert not rec.has_user(USER) and rec.chat_sessions(USER) == []
    assert [info.user for info in rec.chat_sessions()] == ["u2"] and rec.history("u2")
    assert _files_holding(rec.path, USER) == [] and _files_holding(rec.path, SAID) == []
    assert not scratch.exists()
    with pytest.raises(UnknownUserError):
        rec.erase_user(USER)


def test_the_cli_asks_before_deleting(chat_recommender: Recommender, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = str(chat_recommender.path)
    chat_recommender.close()
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")  # the fixture's index model
    runner = CliRunner()
    refused = runner.invoke(cli, ["items", "delete", "Up", "--workspace", workspace])
    assert refused.exit_code == 2 and "--yes" in refused.output and "Up (2009)" in refused.output
    with monkeypatch.context() as patched:  # as on a terminal, where the person answers the question
        patched.setattr("recagent.cli.common.can_ask", lambda: True)
        asked = runner.invoke(cli, ["items", "delete", "Up", "--workspace", workspace], input="n\n")
    assert asked.exit_code == 1 and "Delete 1 item(s)" in asked.output and "Aborted" in asked.output
    done = runner.invoke(cli, ["items", "delete", "Up", "--yes", "--workspace", workspace])
    assert done.exit_code == 0 and "Deleted 1 item(s) and 1 event(s)" in done.output, done.output
    several = runner.invoke(cli, ["items", "delete", "Toy Story", "Toy Story 2", "--yes", "--workspace", workspace])
    assert several.exit_code == 0 and "Deleted 2 item(s) and 4 event(s)" in several.output, several.output
    shown = runner.invoke(cli, ["users", "show", "u2", "--workspace", workspace])
    assert shown.exit_code == 0 and "Finding Nemo" in shown.output and "Up (2009)" not in shown.output
    erased = runner.invoke(cli, ["users", "erase", "u2", "--yes", "--workspace", workspace])
    assert erased.exit_code == 0 and "Erased user 'u2': 2 event(s)" in erased.output, erased.output
    gone = runner.invoke(cli, ["users", "show", "u2", "--workspace", workspace])
    assert gone.exit_code == 1 and "u2" in gone.output


def test_the_api_erases_a_users_own_data_and_leaves_the_catalog_to_the_operator(chat_recommender) -> None:
    model = scripted_chat_model(["picks"] * 10)
    keyed = create_app(chat_recommender, model=model, mode="guided",
                       api_keys={"u1-key-0123456789ab": "u1", "u2-key-0123456789ab": "u2"})
    with TestClient(keyed) as client:
        u1 = {"Authorization": "Bearer u1-key-0123456789ab"}
        assert client.delete("/v1/users/u2", headers=u1).status_code == 403
        assert client.delete("/v1/items/3", headers=u1).status_code == 403
        session = client.post("/v1/sessions", json={}, headers=u1).json()["id"]
        erased = client.delete("/v1/users/u1", headers=u1)
        assert erased.status_code == 200 and erased.json() == {"user": "u1", "events": 5, "sessions": 1}
        assert client.get(f"/v1/sessions/{session}", headers=u1).status_code == 404
        assert client.get("/v1/users/u1/events", headers=u1).json()["error"]["type"] == "unknown_user"
    with TestClient(create_app(chat_recommender, model=model, mode="guided")) as client:
        deleted = client.delete("/v1/items/3")
        assert deleted.status_code == 200 and deleted.json() == {"item": "3", "events": 2}
        assert client.get("/v1/items/3").status_code == 404
        assert client.delete("/v1/items/3").json()["error"]["type"] == "unknown_item"
