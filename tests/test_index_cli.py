"""`recagent index build | status | query`, in-process with click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recagent.cli import cli
from tests.conftest import SMALL_ITEMS


@pytest.fixture
def run(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [*args, "--workspace", str(workspace_dir)])

    return invoke


@pytest.fixture
def catalog(make_recommender) -> None:
    make_recommender(settings={"index_on_ingest": "false", "embedding_model": "hashing"}).ingest(items=SMALL_ITEMS)


def test_status_build_query(run, catalog) -> None:
    status = run("index", "status")
    assert status.exit_code == 0, status.output
    assert "0 indexed of 6" in status.output and "6 to embed" in status.output

    built = run("index", "build")
    assert built.exit_code == 0, built.output
    assert "Embedded: 6 items" in built.output and "the index holds 6 items" in built.output
    assert "Up to date: yes" in run("index", "status").output
    again = json.loads(run("index", "build", "--json").output)
    assert (again["embedded"], again["unchanged"]) == (0, 6)
    rebuilt = json.loads(run("index", "build", "--rebuild", "--json").output)
    assert (rebuilt["embedded"], rebuilt["items"]) == (6, 6)

    hits = json.loads(run("index", "query", "waitress in Paris", "-k", "2", "--json").output)
    assert hits[0]["item_id"] == "5" and hits[0]["title"] == "Amélie (2001)"
    table = run("index", "query", "creature", "--filter", "year<1990", "--filter", "category=Sci-Fi")
    assert table.exit_code == 0 and "Alien (1979)" in table.output and "Toy Story" not in table.output
    like = json.loads(run("index", "query", "--like", "1", "--json").output)
    assert "1" not in [hit["item_id"] for hit in like]


def test_query_errors_are_one_readable_line(run, catalog) -> None:
    run("index", "build")
    for args, message in [
        (("index", "query"), "give a TEXT"),
        (("index", "query", "x", "--filter", "year"), "cannot read the filter"),
        (("index", "query", "--like", "nope"), "unknown item id 'nope'"),
        (("index", "query", " "), "query text is empty"),
    ]:
        result = run(*args)
        assert result.exit_code != 0 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_server_url_that_does_not_answer(run, catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    from recagent.vectorstore.server import free_port

    monkeypatch.setenv("RECAGENT_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    result = run("index", "status")
    assert result.exit_code == 1 and "cannot reach the Chroma server" in result.output


@pytest.mark.parametrize("workspace", [None, "ws"], ids=["default ./recagent-data", "relative -w"])
def test_a_rebuild_in_a_relative_workspace_keeps_the_index(
    workspace: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recagent import Recommender

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")
    rec = Recommender.open(workspace, settings={"index_on_ingest": "false"})
    rec.ingest(items=SMALL_ITEMS)
    rec.close()
    where = ["-w", workspace] if workspace else []
    runner = CliRunner()
    assert runner.invoke(cli, ["index", "build", *where]).exit_code == 0
    for _ in range(2):
        rebuilt = runner.invoke(cli, ["index", "build", "--rebuild", "--json", *where])
        assert rebuilt.exit_code == 0, rebuilt.output
        assert (json.loads(rebuilt.output)["embedded"], json.loads(rebuilt.output)["items"]) == (6, 6)
    status = runner.invoke(cli, ["index", "status", "--json", *where])
    assert json.loads(status.output)["items"] == 6 and json.loads(status.output)["up_to_date"]


def test_status_shows_a_rebuild_in_progress(run, catalog, workspace_dir: Path) -> None:
    from recagent.settings import load_settings
    from recagent.vectorstore import ItemIndex

    run("index", "build")
    index = ItemIndex.open(load_settings(workspace_dir, overrides={"embedding_model": "hashing"}))
    fresh = index.new_generation()  # as a rebuild running in another process would leave it
    status = run("index", "status")
    assert "Rebuild:    in progress, 0 items written" in status.output and "6 indexed of 6" in status.output
    index.discard(fresh)
    assert "Rebuild" not in run("index", "status").output
