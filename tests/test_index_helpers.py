"""Index builds that encode in helper processes forked from the building one: results, failures, cleanup."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from recagent import Item
from recagent.errors import IndexBuildError
from recagent.settings import load_settings
from recagent.vectorstore import HashingEmbedder, ItemIndex, sync_index
from recagent.vectorstore import encoding
from recagent.vectorstore.encoding import ForkedEncoder, InlineEncoder, chunk_encoder
from recagent.vectorstore.pending import PendingEmbeddings
from recagent.vectorstore.records import item_records

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked on Linux only")


class ForkSafeHashing(HashingEmbedder):
    """The hashing embedder, declared safe to use after a fork; some texts make it fail or die."""

    fork_safe = True

    def embed(self, texts):
        if "raise here" in texts:
            raise ValueError("cannot embed 'raise here'")
        if "die here" in texts:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().embed(texts)


def _texts(count: int) -> list[str]:
    return [f"film number {n} about voyage {n % 7}" for n in range(count)]


def test_helpers_encode_every_text_once_as_this_process_would() -> None:
    embedder, texts = ForkSafeHashing(), _texts(50)
    with ForkedEncoder(embedder, helpers=2, chunk=8) as encoder:
        chunks = list(encoder.encode(texts))
    positions = [position for span, _ in chunks for position in span]
    assert sorted(positions) == list(range(50)) and len(chunks) == 7
    vectors = np.zeros((50, embedder.dimension), dtype=np.float32)
    for span, chunk_vectors in chunks:
        vectors[span.start:span.stop] = chunk_vectors
    assert np.allclose(vectors, embedder.embed(texts))
    assert not multiprocessing.active_children()


class CollectingHashing(ForkSafeHashing):
    """Collects garbage as it encodes, as a model's allocations may make the collector do in a helper."""

    def embed(self, texts):
        gc.collect()
        return super().embed(texts)


class _FreedWhere:
    """Writes which process freed it: freeing a Chroma client needs threads that only the building process has."""

    def __init__(self, record: Path) -> None:
        self.record = record
        self.cycle = self

    def __del__(self) -> None:
        with self.record.open("a") as out:
            out.write(f"{os.getpid()}\n")


def test_garbage_from_before_the_fork_is_freed_in_the_building_process_not_a_helper(tmp_path: Path) -> None:
    record = tmp_path / "freed-by"
    gc.disable()  # the cycle stays garbage until the build, as one left by an earlier request may
    try:
        _FreedWhere(record)
        with ForkedEncoder(CollectingHashing(), helpers=2, chunk=8) as encoder:
            assert len(list(encoder.encode(_texts(50)))) == 7
    finally:
        gc.enable()
    assert record.read_text().split() == [str(os.getpid())]


def test_a_helper_error_names_its_cause_and_no_helper_is_left() -> None:
    texts = _texts(30)
    texts[17] = "raise here"
    with pytest.raises(IndexBuildError, match="encoding a batch failed: ValueError: cannot embed 'raise here'"):
        with ForkedEncoder(ForkSafeHashing(), helpers=2, chunk=1) as encoder:
            list(encoder.encode(texts))
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_is_reported_with_its_exit_code() -> None:
    texts = _texts(30)
    texts[5] = "die here"
    with pytest.raises(IndexBuildError, match=r"helper stopped \(exit code -9\).*index build"):
        with ForkedEncoder(ForkSafeHashing(), helpers=2, chunk=1) as encoder:
            list(encoder.encode(texts))
    assert not multiprocessing.active_children()


def test_builds_use_helpers_only_where_they_pay_and_are_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoding, "helper_count", lambda: 2)
    assert isinstance(chunk_encoder(ForkSafeHashing(), 1000, 1024, parallel=True), ForkedEncoder)
    assert isinstance(chunk_encoder(ForkSafeHashing(), 200, 1024, parallel=True), InlineEncoder)  # one chunk
    assert isinstance(chunk_encoder(ForkSafeHashing(), 1000, 1024, parallel=False), InlineEncoder)
    assert isinstance(chunk_encoder(HashingEmbedder(), 1000, 1024, parallel=True), InlineEncoder)  # not declared
    monkeypatch.setattr(encoding, "helper_count", lambda: 1)
    assert isinstance(chunk_encoder(ForkSafeHashing(), 1000, 1024, parallel=True), InlineEncoder)


def _index(workspace: Path, **settings) -> ItemIndex:
    resolved = load_settings(workspace, overrides={"embedding_model": "hashing", **settings})
    return ItemIndex.open(resolved, embedder=ForkSafeHashing())


def _catalog(count: int) -> list[Item]:
    return [Item(str(n), f"Film {n}", f"a story about voyage number {n}", ("Drama",)) for n in range(count)]


@pytest.fixture
def store_of_200(make_recommender):
    rec = make_recommender(settings={"embedding_model": "hashing", "index_on_ingest": "false"})
    rec.ingest(items=_catalog(200))
    return rec


def test_a_parallel_build_indexes_everything_like_an_inline_one(store_of_200, monkeypatch) -> None:
    monkeypatch.setattr(encoding, "helper_count", lambda: 2)
    index = _index(store_of_200.workspace.path, index_batch_size=16)
    report = sync_index(index, store_of_200.workspace.store)
    assert report.embedded == 200 and index.count() == 200
    inline = _index(store_of_200.workspace.path, index_batch_size=16, index_parallel_build="false",
                    index_collection="inline")
    sync_index(inline, store_of_200.workspace.store)
    ids = [str(n) for n in range(200)]
    parallel_vectors, inline_vectors = index.vectors(ids), inline.vectors(ids)
    assert all(np.allclose(parallel_vectors[i], inline_vectors[i], atol=1e-6) for i in ids)
    records = item_records(store_of_200.workspace.store.iter_items(), index.text_fields)
    own = index.embedder.embed([record.document for record in records])
    assert all(np.allclose(parallel_vectors[record.id], vector, atol=1e-6) for record, vector in zip(records, own))
    assert not multiprocessing.active_children()


def test_a_failed_write_keeps_every_vector_the_helpers_finished(store_of_200, monkeypatch) -> None:
    monkeypatch.setattr(encoding, "helper_count", lambda: 2)
    index = _index(store_of_200.workspace.path, index_batch_size=16)
    real_write, calls = index.write, []

    def failing_write(ids, documents, metadatas, vectors):
        calls.append(len(ids))
        if len(calls) == 3:
            time.sleep(0.5)  # the helpers finish the chunks they were given meanwhile
            raise ConnectionError("server went away")
        real_write(ids, documents, metadatas, vectors)

    monkeypatch.setattr(index, "write", failing_write)
    with pytest.raises(IndexBuildError, match="server went away.*32 items written before it"):
        sync_index(index, store_of_200.workspace.store)
    kept = PendingEmbeddings(store_of_200.workspace.path / "index", "hashing-64").count()
    assert index.count() == 32 and kept > 16  # the failed batch and the finished ones after it
    assert not multiprocessing.active_children()

    monkeypatch.setattr(index, "write", real_write)
    report = sync_index(index, store_of_200.workspace.store)
    assert (report.reused, report.embedded, report.unchanged) == (kept, 200 - 32 - kept, 32)
    assert index.count() == 200


def test_an_interrupted_parallel_build_stops_its_helpers_and_keeps_its_vectors(store_of_200, monkeypatch) -> None:
    monkeypatch.setattr(encoding, "helper_count", lambda: 2)
    index = _index(store_of_200.workspace.path, index_batch_size=16)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync_index(index, store_of_200.workspace.store)
    assert PendingEmbeddings(store_of_200.workspace.path / "index", "hashing-64").count() >= 16
    assert not multiprocessing.active_children()


def test_the_helpers_of_a_build_that_stopped_early_are_ended_at_once() -> None:
    previous = signal.signal(signal.SIGTERM, lambda *args: None)  # as a server's handler would, keep running
    try:
        encoder = ForkedEncoder(ForkSafeHashing(), helpers=2, chunk=1)
        chunks = encoder.encode(_texts(400))
        next(chunks)
        processes = [helper.process for helper in encoder._running]
        encoder.close()  # the build stopped after one chunk: nobody waits for the rest
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert [process.exitcode for process in processes] == [-signal.SIGKILL, -signal.SIGKILL]
    assert not multiprocessing.active_children()


def test_a_refused_fork_encodes_in_this_process(monkeypatch, caplog) -> None:
    def refuse(self):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)
    embedder, texts = ForkSafeHashing(), _texts(20)
    with ForkedEncoder(embedder, helpers=2, chunk=8) as encoder:
        chunks = list(encoder.encode(texts))
    assert [(span.start, span.stop) for span, _ in chunks] == [(0, 8), (8, 16), (16, 20)]
    assert np.allclose(np.vstack([vectors for _, vectors in chunks]), embedder.embed(texts))
    assert "could not start encoding helpers" in caplog.text and not multiprocessing.active_children()


SLOW_PARALLEL_BUILD = """
import sys, time
from recagent import Item
from recagent.settings import load_settings
from recagent.vectorstore import HashingEmbedder, ItemIndex, encoding

class SlowForkSafe(HashingEmbedder):
    fork_safe = True

    def embed(self, texts):
        time.sleep(2)
        return super().embed(texts)

encoding.helper_count = lambda: 2
if sys.argv[2] == "without prctl":
    encoding._PR_SET_PDEATHSIG = -1  # an option the kernel refuses, as where there is no prctl
settings = load_settings(sys.argv[1], overrides={"embedding_model": "hashing"})
index = ItemIndex.open(settings, embedder=SlowForkSafe())
index.upsert([Item(str(n), f"Film {n}", f"a story about voyage number {n}") for n in range(4000)])
"""


def _process(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, None when there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[0], fields[19]


def _children(pid: int) -> dict[int, str]:
    """Start time of each child of a process, by pid."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[1]) == pid:
                children[int(entry.name)] = fields[19]
    return children


def _gone(pid: int, started: str) -> bool:
    found = _process(pid)
    return found is None or found[0] in ("Z", "X") or found[1] != started  # a zombie has ended


@pytest.mark.parametrize("signal_number, how", [(signal.SIGKILL, "with prctl"), (signal.SIGTERM, "with prctl"),
                                               (signal.SIGKILL, "without prctl")],
                         ids=["SIGKILL", "SIGTERM", "SIGKILL without prctl"])
def test_helpers_end_when_the_building_process_is_killed(tmp_path: Path, signal_number: int, how: str) -> None:
    import subprocess

    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen([sys.executable, "-c", SLOW_PARALLEL_BUILD, str(tmp_path / "ws"), how], cwd=root,
                               stderr=subprocess.PIPE, text=True)
    helpers: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 120
        while len(helpers) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            helpers = _children(process.pid)
        assert len(helpers) == 2, process.stderr.read() if process.poll() is not None else "no helpers started"
    finally:
        os.kill(process.pid, signal_number)
        process.wait()
        process.stderr.close()
    deadline = time.monotonic() + 30  # a bound on the wait, not a measure of speed
    while not all(_gone(pid, started) for pid, started in helpers.items()) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid, started in helpers.items() if not _gone(pid, started)]
    for pid in left:  # do not leave them behind this test either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"encoding helpers {left} outlived the build killed with {signal.Signals(signal_number).name}"
