"""Rebuilds: the new index is built beside the one in use, which answers searches until the switch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recagent.errors import IndexBuildError
from recagent.settings import load_settings
from recagent.vectorstore import HashingEmbedder, ItemIndex, index_status, sync_index
from tests.conftest import SMALL_ITEMS

ROOT = Path(__file__).resolve().parent.parent


class Hashing64(HashingEmbedder):
    """The workspace's embedder (`hashing`), with a hook called before each batch is embedded."""

    def __init__(self, before_batch=None) -> None:
        super().__init__(64)
        self.before_batch = before_batch
        self.batches = 0

    def embed(self, texts):
        self.batches += 1
        if self.before_batch is not None:
            self.before_batch(self.batches)
        return super().embed(texts)


def open_index(workspace: Path, embedder=None, **settings) -> ItemIndex:
    resolved = load_settings(workspace, overrides={"embedding_model": "hashing", "index_parallel_build": "false",
                                                   **settings})
    return ItemIndex.open(resolved, embedder=embedder)


def collections(workspace: Path) -> list[str]:
    return sorted(collection.name for collection in open_index(workspace).client.list_collections())


def segment_folders(workspace: Path) -> list[str]:
    return sorted(folder.name for folder in (workspace / "chroma").iterdir() if (folder / "header.bin").is_file())


def serves_the_whole_catalog(index: ItemIndex) -> bool:
    return index.count() == 6 and index.query("waitress in Paris", k=1)[0].item_id == "5" and \
        [hit.item_id for hit in index.query("creature", k=5, filters={"year": 2001})] == ["5"]


@pytest.fixture
def built(make_recommender):
    """A workspace with the small catalog and its index built."""
    rec = make_recommender(settings={"embedding_model": "hashing", "index_on_ingest": "false"})
    rec.ingest(items=SMALL_ITEMS)
    sync_index(open_index(rec.workspace.path), rec.workspace.store)
    return rec


def test_the_index_in_use_answers_until_the_rebuild_is_complete(built) -> None:
    workspace, store = built.workspace.path, built.workspace.store
    server = open_index(workspace)  # a process that keeps the index open, like `recagent serve`
    assert serves_the_whole_catalog(server)
    seen = []

    def look(batch: int) -> None:
        status = index_status(open_index(workspace), store)
        seen.append((serves_the_whole_catalog(server), serves_the_whole_catalog(open_index(workspace)),
                     status.items, status.up_to_date, status.rebuilding))

    report = sync_index(open_index(workspace, Hashing64(look), index_batch_size=2), store, rebuild=True)
    assert report.embedded == 6 and len(seen) == 3
    assert seen == [(True, True, 6, True, 0), (True, True, 6, True, 2), (True, True, 6, True, 4)]
    assert serves_the_whole_catalog(server) and server.collection_name != "items"  # it follows the switch
    assert collections(workspace) == [server.collection_name] and len(segment_folders(workspace)) == 1
    assert index_status(open_index(workspace), store).rebuilding is None


class Broken(Exception):
    pass


def fail_at_batch_2(batch: int) -> None:
    if batch == 2:
        raise Broken("the embedder broke")


@pytest.mark.parametrize("where", ["embedder", "writer"])
def test_a_failed_rebuild_leaves_the_index_in_use_and_the_next_one_completes(
    built, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, store = built.workspace.path, built.workspace.store
    server = open_index(workspace)
    assert serves_the_whole_catalog(server)
    if where == "embedder":
        builder, expected = open_index(workspace, Hashing64(fail_at_batch_2), index_batch_size=2), Broken
    else:
        real_write, writes = ItemIndex.write, []

        def failing_write(self, *args):
            writes.append(1)
            if len(writes) == 2:
                raise ConnectionError("server went away")
            real_write(self, *args)

        monkeypatch.setattr(ItemIndex, "write", failing_write)
        builder, expected = open_index(workspace, index_batch_size=2), IndexBuildError
    with pytest.raises(expected) as failed:
        sync_index(builder, store, rebuild=True)
    if where == "writer":
        assert "index in use is unchanged" in str(failed.value) and "--rebuild" in str(failed.value)
        monkeypatch.undo()
    assert serves_the_whole_catalog(server) and serves_the_whole_catalog(open_index(workspace))
    assert collections(workspace) == ["items"] and index_status(open_index(workspace), store).up_to_date

    report = sync_index(open_index(workspace), store, rebuild=True)
    assert report.embedded + report.reused == 6 and serves_the_whole_catalog(server)
    assert collections(workspace) == [server.collection_name] and len(segment_folders(workspace)) == 1


STALLING_REBUILD = """
import sys, time
from pathlib import Path
from recagent import Recommender
from recagent.vectorstore import HashingEmbedder, ItemIndex, sync_index

class Stalling(HashingEmbedder):
    def __init__(self):
        super().__init__(64)
        self.batches = 0

    def embed(self, texts):
        self.batches += 1
        if self.batches == 3:
            Path(sys.argv[2]).touch()
            time.sleep(300)
        return super().embed(texts)

rec = Recommender.open(sys.argv[1], settings={"embedding_model": "hashing", "index_batch_size": 2,
                                              "index_parallel_build": "false"})
sync_index(ItemIndex.open(rec.settings, embedder=Stalling()), rec.workspace.store, rebuild=True)
"""


def test_a_rebuild_killed_midway_leaves_the_index_in_use_and_the_next_build_removes_its_remains(
    built, tmp_path: Path
) -> None:
    workspace, store = built.workspace.path, built.workspace.store
    marker = tmp_path / "two-batches-written"
    process = subprocess.Popen([sys.executable, "-c", STALLING_REBUILD, str(workspace), str(marker)], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), process.stderr.read() if process.poll() is not None else "no sign of the rebuild"
        assert len(collections(workspace)) == 2  # the half-built one beside the one in use
        assert index_status(open_index(workspace), store).rebuilding == 4
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stderr.close()

    assert serves_the_whole_catalog(open_index(workspace))
    status = index_status(open_index(workspace), store)
    assert status.up_to_date and status.rebuilding is None  # its builder is gone: not a rebuild in progress
    sync_index(open_index(workspace), store)  # any build removes what the killed one left
    assert collections(workspace) == ["items"] and len(segment_folders(workspace)) == 1
    report = sync_index(open_index(workspace), store, rebuild=True)
    assert report.embedded == 6 and serves_the_whole_catalog(open_index(workspace))
    assert len(collections(workspace)) == 1 and len(segment_folders(workspace)) == 1


def test_a_rebuild_for_another_embedding_model_replaces_the_index_built_with_the_old_one(built) -> None:
    workspace, store = built.workspace.path, built.workspace.store
    other = open_index(workspace, embedding_model="hashing:32")
    report = sync_index(other, store, rebuild=True)
    assert report.embedded == 6 and other.count() == 6 and other.query("waitress in Paris", k=1)[0].item_id == "5"
    assert other.collection.metadata["embedding_model"] == "hashing-32" and collections(workspace) == ["items-gen1"]
