"""The item index on a Chroma server started with `chroma run`, shared by several clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from recagent import Item
from recagent.errors import IndexUnavailableError
from recagent.settings import load_settings
from recagent.vectorstore import ItemIndex, sync_index
from recagent.vectorstore.server import chroma_server, free_port
from tests.conftest import SMALL_ITEMS


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free loopback port, stopped when the module's tests are done."""
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as url:
        yield url


def server_index(workspace: Path, url: str, collection: str) -> ItemIndex:
    settings = load_settings(workspace, overrides={
        "embedding_model": "hashing", "chroma_url": url, "index_collection": collection})
    return ItemIndex.open(settings)


def test_server_index_is_shared_between_clients(chroma_url: str, tmp_path: Path) -> None:
    writer = server_index(tmp_path / "a", chroma_url, "shared")
    reader = server_index(tmp_path / "b", chroma_url, "shared")
    assert writer.location == chroma_url and not (tmp_path / "a" / "chroma").exists()
    writer.upsert(SMALL_ITEMS)
    assert reader.count() == 6
    assert reader.query("deadly creature in deep space", k=1)[0].item_id == "1"
    assert [h.item_id for h in reader.query("creature", k=3, filters={"category": "Comedy", "year": 2001})] == ["5"]
    writer.upsert([Item("7", "Another comedy", "", ("Comedy",), {"year": 2001})])
    assert {h.item_id for h in reader.query("comedy", k=3, filters={"category": "Comedy", "year": 2001})} == {"5", "7"}
    assert reader.delete(["7"]) == 1 and writer.count() == 6


def test_server_collection_uses_cosine_space(chroma_url: str, tmp_path: Path) -> None:
    index = server_index(tmp_path, chroma_url, "cosine-check")
    index.upsert(SMALL_ITEMS[:2])
    assert index.collection.configuration["hnsw"]["space"] == "cosine"


def test_recommender_uses_the_server_index(chroma_url: str, make_recommender) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing", "chroma_url": chroma_url,
                                     "index_collection": "recommender"})
    rec.ingest(items=SMALL_ITEMS)
    sync_index(ItemIndex.open(rec.settings), rec.workspace.store)
    assert not (rec.workspace.path / "chroma").exists()
    results = rec.recommend(query="waitress in Paris", k=1)
    assert results[0].item.id == "5" and "as you asked: its story" in results[0].reasons


def test_unreachable_server_says_how_to_start_one(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(IndexUnavailableError, match=r"cannot reach the Chroma server.*chroma run"):
        server_index(tmp_path, url, "items")


def test_a_rebuild_on_the_server_is_followed_by_every_client(chroma_url: str, make_recommender) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing", "chroma_url": chroma_url,
                                     "index_collection": "rebuilt", "index_on_ingest": "false"})
    rec.ingest(items=SMALL_ITEMS)
    reader = ItemIndex.open(rec.settings)
    sync_index(ItemIndex.open(rec.settings), rec.workspace.store)
    assert reader.count() == 6
    sync_index(ItemIndex.open(rec.settings), rec.workspace.store, rebuild=True)
    assert reader.count() == 6 and reader.collection_name == "rebuilt-gen1"
    assert reader.query("waitress in Paris", k=1)[0].item_id == "5"
    names = [c.name for c in reader.client.list_collections()]
    assert "rebuilt-gen1" in names and "rebuilt" not in names
