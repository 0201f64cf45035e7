"""A damaged index file: every face says so and how to fix it, and `--rebuild` starts a fresh index."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from recagent import IndexDamagedError, RecagentWarning
from recagent.cli import cli
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

HASHING = {"embedding_model": "hashing"}


def overwrite_the_first_pages(database: Path) -> None:
    with open(database, "r+b") as handle:
        handle.write(b"\xde\xad\xbe\xef" * 4096)


def truncate(database: Path) -> None:
    database.write_bytes(database.read_bytes()[:10_000])


def overwrite_the_collections_table(database: Path) -> None:
    """Damage that Chroma meets only on reading: it opens the database and fails at the first operation."""
    with closing(sqlite3.connect(database)) as connection:
        (page,), = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'collections'").fetchall()
        (size,), = connection.execute("PRAGMA page_size").fetchall()
    with open(database, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))


def overwrite_the_second_half(database: Path) -> None:
    size = database.stat().st_size
    with open(database, "r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(b"\xde\xad\xbe\xef" * ((size - handle.tell()) // 4))


DAMAGES = [overwrite_the_first_pages, truncate, overwrite_the_collections_table]


@pytest.fixture(params=DAMAGES, ids=[damage.__name__ for damage in DAMAGES])
def damaged(request, make_recommender) -> Path:
    """A workspace whose index was built, then its Chroma database damaged."""
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    rec.build_index()
    database = rec.workspace.path / "chroma" / "chroma.sqlite3"
    request.param(database)
    return database


def test_a_damaged_index_names_the_file_and_the_fix_and_a_rebuild_restores_it(damaged: Path,
                                                                                make_recommender) -> None:
    rec = make_recommender(settings=HASHING)
    expected = rf"{damaged}.*is damaged.*recagent index build --rebuild"
    with pytest.raises(IndexDamagedError, match=expected):
        rec.index_status()
    with pytest.raises(IndexDamagedError, match=expected):
        rec.search("waitress in Paris")
    with pytest.raises(IndexDamagedError, match=expected):  # not an answer without the query's matches
        rec.recommend(query="waitress in Paris", k=2)
    with pytest.raises(IndexDamagedError):
        rec.index_built()
    with pytest.warns(RecagentWarning, match="is damaged"):  # other sources still answer without a query
        assert rec.recommend(user="u1", k=2)

    report = rec.build_index(rebuild=True)
    assert report.embedded == 6 and report.set_aside is not None
    kept = Path(report.set_aside)
    assert kept.parent == damaged.parent.parent and (kept / "chroma.sqlite3").is_file()
    assert rec.search("waitress in Paris", k=1)[0].item.id == "5"
    assert rec.recommend(query="waitress in Paris", k=1)[0].item.id == "5"
    assert rec.index_status().up_to_date
    assert make_recommender(settings=HASHING).search("waitress in Paris", k=1)[0].item.id == "5"


def test_the_command_line_says_the_index_is_damaged_and_rebuilds_it(damaged: Path, workspace_dir: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")
    runner = CliRunner()
    for args in (["index", "status"], ["index", "query", "space"], ["recommend", "--query", "space"]):
        result = runner.invoke(cli, [*args, "-w", str(workspace_dir)])
        assert result.exit_code == 1 and "unexpected" not in result.output, result.output
        assert f"Error: the item index file {damaged} is damaged" in result.output
        assert "recagent index build --rebuild" in result.output
    rebuilt = runner.invoke(cli, ["index", "build", "--rebuild", "-w", str(workspace_dir)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "the damaged index was moved to" in rebuilt.output and "the index holds 6 items" in rebuilt.output
    status = json.loads(runner.invoke(cli, ["index", "status", "--json", "-w", str(workspace_dir)]).output)
    assert status["items"] == 6 and status["up_to_date"]


def test_the_server_answers_503_index_damaged(damaged: Path, make_recommender) -> None:
    from fastapi.testclient import TestClient

    from recagent.server import create_app
    from recagent.testing import scripted_chat_model

    app = create_app(make_recommender(settings=HASHING), model=scripted_chat_model(["x"]), mode="guided")
    with TestClient(app) as client:
        response = client.get("/v1/items", params={"q": "toys come alive", "k": 1})
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "index_damaged"
    assert "recagent index build --rebuild" in response.json()["error"]["message"]


def test_an_error_chroma_words_otherwise_is_taken_for_damage_only_when_sqlite_finds_some(tmp_path: Path) -> None:
    from recagent.vectorstore.damage import damage_error

    folder = tmp_path / "chroma"
    folder.mkdir()
    with closing(sqlite3.connect(folder / "chroma.sqlite3")) as connection, connection:
        connection.execute("CREATE TABLE logs (id INTEGER PRIMARY KEY, body TEXT)")
        connection.executemany("INSERT INTO logs (body) VALUES (?)", [("x" * 500,)] * 200)
    unrelated = RuntimeError("Failed to pull logs from the log store")
    assert damage_error(unrelated, location=str(folder), chroma_folder=folder) is None
    overwrite_the_second_half(folder / "chroma.sqlite3")
    found = damage_error(unrelated, location=str(folder), chroma_folder=folder)
    assert isinstance(found, IndexDamagedError) and "SQLite's check" in str(found)
    assert found.folder == folder and "recagent index build --rebuild" in str(found)
    assert damage_error(unrelated, location="http://127.0.0.1:8000", chroma_folder=None) is None
