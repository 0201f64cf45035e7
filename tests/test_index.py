"""The item index over real embedded Chroma: writes, change detection, queries, filters, resume, bad inputs."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from recagent import Item
from recagent.errors import IndexBuildError, IndexInputError, ItemIndexError
from recagent.filters import FilterError, compile_filters
from recagent.settings import load_settings
from recagent.vectorstore import HashingEmbedder, ItemIndex, sync_index, to_chroma_where
from tests.conftest import SMALL_ITEMS


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, remembering every text it embedded."""

    def __init__(self) -> None:
        super().__init__(64)
        self.name = "hashing-64"
        self.texts: list[str] = []

    def embed(self, texts):
        self.texts += list(texts)
        return super().embed(texts)


def open_index(workspace: Path, embedder=None, **settings) -> ItemIndex:
    resolved = load_settings(workspace, overrides={"embedding_model": "hashing", **settings})
    return ItemIndex.open(resolved, embedder=embedder)


@pytest.fixture
def index(tmp_path: Path) -> ItemIndex:
    return open_index(tmp_path / "ws", CountingEmbedder())


def catalog(n: int) -> list[Item]:
    """Items with varied metadata types, so filters meet numbers, text, booleans and absent keys."""
    genres = ["Comedy", "Drama", "Horror", "Sci-Fi", "Film-Noir"]
    items = []
    for i in range(n):
        metadata: dict = {"year": 1950 + i % 70, "rating": round(1 + (i % 9) * 0.5, 1)}
        if i % 4 == 0:
            metadata["language"] = ["en", "fr", "de"][i % 3]
        if i % 5 == 0:
            metadata["classic"] = i % 10 == 0
        if i % 11 == 0:
            metadata["year"] = "unknown"
        categories = tuple(genres[j] for j in range(5) if (i >> j) % 3 == 0)
        items.append(Item(f"m{i}", f"Movie {i} about {genres[i % 5].lower()}", f"story number {i % 13}", categories,
                          metadata))
    return items


def test_upsert_embeds_only_changed_texts_and_updates_metadata_alone(index: ItemIndex) -> None:
    report = index.upsert(SMALL_ITEMS)
    assert (report.embedded, report.unchanged, index.count()) == (6, 0, 6)
    index.embedder.texts.clear()
    again = index.upsert(SMALL_ITEMS)
    assert (again.embedded, again.unchanged) == (0, 6) and index.embedder.texts == []

    heat = SMALL_ITEMS[3]
    changed = [Item(heat.id, heat.title, heat.text, heat.categories, {"year": 1996}),
               Item("1", "Alien (1979)", "A new description.", ("Horror",), {"year": 1979})]
    report = index.upsert(changed)
    assert (report.embedded, report.metadata_only) == (1, 1)
    assert index.embedder.texts == ["Alien (1979). Horror. A new description."]
    assert index.query("detective thieves", k=1, filters={"year": 1996})[0].item_id == "4"


def test_queries_by_text_vector_item_and_history_carry_ids_scores_and_metadata(index: ItemIndex) -> None:
    index.upsert(SMALL_ITEMS)
    hits = index.query("deadly creature in deep space", k=3)
    assert hits[0].item_id == "1" and hits[0].title == "Alien (1979)"
    assert hits[0].metadata == {"title": "Alien (1979)", "categories": ["Horror", "Sci-Fi"], "year": 1979}
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))

    vector = index.vectors(["3"])["3"]
    assert index.query(vector=vector, k=1)[0].item_id == "3"
    assert "1" not in [h.item_id for h in index.more_like("1", k=5)]
    history = index.for_history(["1", "2"], k=4)
    assert {"1", "2"}.isdisjoint(h.item_id for h in history) and len(history) == 4
    bare = index.for_history(["1", "2"], k=4, metadata=False)  # the pipeline's way: ids and scores only
    assert [(h.item_id, h.score) for h in bare] == [(h.item_id, h.score) for h in history]
    assert all(h.metadata == {} for h in bare)


def test_delete_and_rebuild(tmp_path: Path, make_recommender) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing"})
    rec.ingest(items=SMALL_ITEMS)
    index = open_index(rec.workspace.path)
    sync_index(index, rec.workspace.store)
    assert index.count() == 6
    assert index.delete(["1", "2", "not-there"]) == 2 and index.count() == 4
    report = sync_index(index, rec.workspace.store)
    assert (report.embedded, report.unchanged, index.count()) == (2, 4, 6)
    index.upsert([Item("extra", "Not in the store")])
    report = sync_index(index, rec.workspace.store, rebuild=True)
    assert (report.embedded, report.deleted, index.count()) == (6, 0, 6)



def _segment_folders(workspace: Path) -> list[str]:
    return sorted(folder.name for folder in (workspace / "chroma").iterdir() if (folder / "header.bin").is_file())


def test_rebuilds_leave_only_the_live_index_on_disk(make_recommender) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing"})
    rec.ingest(items=SMALL_ITEMS)
    for _ in range(3):
        sync_index(open_index(rec.workspace.path), rec.workspace.store, rebuild=True)
    # Chroma keeps each deleted collection's HNSW folder; the rebuild removes them, and a new client agrees.
    assert len(_segment_folders(rec.workspace.path)) == 1
    script = ("import sys; from recagent.settings import load_settings; from recagent.vectorstore import ItemIndex;"
              f"index = ItemIndex.open(load_settings({str(rec.workspace.path)!r}, "
              "overrides={'embedding_model': 'hashing'})); print(index.count())")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["6"], done.stderr[-2000:]
    assert len(_segment_folders(rec.workspace.path)) == 1


def test_a_chroma_folder_it_cannot_read_is_left_alone(tmp_path: Path) -> None:
    from recagent.vectorstore.segments import remove_orphaned_segments

    folder = tmp_path / "chroma" / "0f77e985-1138-4074-88c3-8fd949d9cf9d"
    folder.mkdir(parents=True)
    (folder / "header.bin").write_bytes(b"hnsw")
    assert remove_orphaned_segments(tmp_path / "chroma") == 0  # no database: nothing is known to be dead
    (tmp_path / "chroma" / "chroma.sqlite3").write_bytes(b"not a database")
    assert remove_orphaned_segments(tmp_path / "chroma") == 0 and folder.exists()


FILTERS = [
    {"category": "Comedy"},
    {"category": {"!=": "Drama"}},
    {"category": {"in": ["Horror", "Film-Noir"]}},
    {"category": {"not in": ["Comedy", "Sci-Fi"]}},
    {"category": {"all": ["Comedy", "Drama"]}},
    {"category": {"all": ["Comedy", "Drama"], "!=": "Horror"}},
    {"year": {">=": 1990}},
    {"year": {">": 1960, "<=": 1980}},
    {"year": {"!=": 1990}},
    {"year": {"in": [1955, 1956, 1957]}},
    {"year": {"all": [1955]}},
    {"rating": {"<": 2.5}},
    {"language": "fr"},
    {"language": {"!=": "fr"}},
    {"language": {"not in": ["en", "de"]}},
    {"classic": True},
    {"classic": {"!=": False}},
    {"title": "Movie 7 about horror"},
    {"category": "Comedy", "year": {">=": 1970}, "language": {"!=": "de"}},
]


@pytest.fixture(scope="module")
def catalog_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[ItemIndex, list[Item]]:
    """One index for all the filter cases: building it per case would be most of their run time."""
    items = catalog(240)
    index = open_index(tmp_path_factory.mktemp("catalog") / "ws")
    index.upsert(items)
    return index, items


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
@pytest.mark.parametrize("exact_rows", [10_000, 5], ids=["exact", "overfetch"])
def test_fast_filters_agree_with_chroma_where_and_recagent_filters(
    catalog_index, filters: dict, exact_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("recagent.vectorstore.index._EXACT_ROWS", exact_rows)
    index, items = catalog_index
    keep = compile_filters(filters)
    expected = {item.id for item in items if keep(item)}
    assert set(index.collection.get(where=to_chroma_where(filters), include=[])["ids"]) == expected

    query = index.embedder.embed(["story about comedy"])[0]
    assert {hit.item_id for hit in index.query(vector=query, k=len(items), filters=filters)} == expected
    vectors = index.vectors([item.id for item in items])
    scores = {item_id: float(vector @ query) for item_id, vector in vectors.items()}
    best = sorted(expected, key=lambda item_id: (-scores[item_id], item_id))[:5]
    top = index.query(vector=query, k=5, filters=filters)
    assert [round(h.score, 4) for h in top] == [round(scores[i], 4) for i in best]


class ScatteredEmbedder(HashingEmbedder):
    """A random direction per text (the same for the same text): points HNSW's graph finds only approximately."""

    def embed(self, texts):
        vectors = np.stack([np.random.default_rng(zlib.crc32(text.encode())).standard_normal(self.dimension)
                            for text in texts]).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_query_without_filters_finds_exactly_the_nearest_items(tmp_path: Path) -> None:
    # Chroma's HNSW graph is approximate: it returned 89 of these 100 nearest items (with real embeddings of the demo
    # catalog, 274 to 277 of 300, a different set in each process, so the same request could show other films).
    index = open_index(tmp_path / "ws", ScatteredEmbedder(64))
    items = [Item(f"m{i}", f"film {i}") for i in range(2000)]
    index.upsert(items)
    query = index.embedder.embed(["a query"])[0]
    vectors = index.vectors([item.id for item in items])
    scores = {item_id: float(vector @ query) for item_id, vector in vectors.items()}
    nearest = sorted(scores.keys() - {"m0"}, key=lambda item_id: -scores[item_id])[:100]
    hits = index.query(vector=query, k=100, exclude=["m0"])
    assert [hit.item_id for hit in hits] == nearest
    assert [round(hit.score, 5) for hit in hits] == [round(scores[item_id], 5) for item_id in nearest]
    assert hits[0].metadata == {"title": hits[0].metadata["title"]} and "film" in hits[0].metadata["title"]


def test_filtered_query_sees_writes_of_another_client(tmp_path: Path) -> None:
    first = open_index(tmp_path / "ws")
    first.upsert(SMALL_ITEMS)
    assert [h.item_id for h in first.query("creature", k=5, filters={"year": 2001})] == ["5"]
    second = open_index(tmp_path / "ws")
    second.upsert([Item("7", "Creature from 2001", "", ("Horror",), {"year": 2001})])
    assert {h.item_id for h in first.query("creature", k=5, filters={"year": 2001})} == {"5", "7"}
    second.delete(["5"])
    assert [h.item_id for h in first.query("creature", k=5, filters={"year": 2001})] == ["7"]
    assert first.count() == second.count() == len(SMALL_ITEMS)  # a count kept by one sees the other's writes
    second.upsert([Item("8", "Another creature", "", ("Horror",))])
    assert first.count() == len(SMALL_ITEMS) + 1


@pytest.mark.parametrize(
    "items, message",
    [
        ([Item("e", "", "", ())], "nothing to embed"),
        ([Item("d", "A"), Item("d", "B")], "appears twice"),
        ([Item("n", "A", metadata={"cast": ["x", "y"]})], "only str, int, float or bool"),
        ([Item("n", "A", metadata={"info": {"a": 1}})], "flatten it"),
        ([Item("n", "A", metadata={"score": float("nan")})], "finite numbers"),
        ([Item("r", "A", metadata={"title": "x"})], "reserved"),
    ],
)
def test_bad_items_are_refused_before_anything_is_written(index: ItemIndex, items, message) -> None:
    with pytest.raises(IndexInputError, match=message):
        index.upsert([Item("ok", "Fine item"), *items])
    assert index.count() == 0 and index.embedder.texts == []


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda i: i.query("x", filters={"year": {"~": 1}}), FilterError, "unknown filter operator '~'"),
        (lambda i: i.query("x", filters={"year": {"in": 1990}}), FilterError, "needs a list"),
        (lambda i: i.query("x", filters=["year"]), FilterError, "must be a mapping"),
        (lambda i: i.query("   "), IndexInputError, "query text is empty"),
        (lambda i: i.query("x", k=0), IndexInputError, "at least 1"),
        (lambda i: i.query(), IndexInputError, "either a query text or a vector"),
        (lambda i: i.query(vector=[0.0, 0.0]), IndexInputError, "not all zeros"),
        (lambda i: i.more_like("nope"), IndexInputError, "not in the index"),
    ],
)
def test_bad_queries_give_clear_errors(index: ItemIndex, call, error, message) -> None:
    index.upsert(SMALL_ITEMS)
    with pytest.raises(error, match=message):
        call(index)


def test_chroma_where_translation_refuses_what_chroma_cannot_do() -> None:
    assert to_chroma_where(None) is None
    assert to_chroma_where({"year": {">=": 1990, "<": 2000}}) == {
        "$and": [{"year": {"$gte": 1990}}, {"year": {"$lt": 2000}}]}
    with pytest.raises(FilterError, match="only numbers"):
        to_chroma_where({"title": {">": "M"}})
    with pytest.raises(FilterError, match="share one type"):
        to_chroma_where({"year": {"in": [1990, "old"]}})
    with pytest.raises(FilterError, match="unknown filter operator"):
        to_chroma_where({"year": {"=>": 1990}})


def test_a_failed_batch_keeps_its_embeddings_and_the_next_build_resumes(
    make_recommender, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing", "index_on_ingest": "false"})
    rec.ingest(items=SMALL_ITEMS)
    index = open_index(rec.workspace.path, CountingEmbedder(), index_batch_size=2)
    real_write, calls = index.write, []

    def failing_write(ids, documents, metadatas, vectors):
        calls.append(list(ids))
        if len(calls) == 2:
            raise ConnectionError("server went away")
        real_write(ids, documents, metadatas, vectors)

    monkeypatch.setattr(index, "write", failing_write)
    with pytest.raises(IndexBuildError, match="server went away.*2 items written before it.*index build"):
        sync_index(index, rec.workspace.store)
    assert index.count() == 2 and len(index.embedder.texts) == 4  # batch 2 was encoded, then its write failed
    assert list((rec.workspace.path / "index").glob("pending-*.npz"))

    monkeypatch.setattr(index, "write", real_write)
    index.embedder.texts.clear()
    report = sync_index(index, rec.workspace.store)
    assert (report.reused, report.embedded, report.unchanged) == (2, 2, 2)
    assert len(index.embedder.texts) == 2 and index.count() == 6
    assert not list((rec.workspace.path / "index").glob("pending-*.npz"))


def test_an_interrupted_write_keeps_its_embeddings(make_recommender, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = make_recommender(settings={"embedding_model": "hashing", "index_on_ingest": "false"})
    rec.ingest(items=SMALL_ITEMS)
    index = open_index(rec.workspace.path, index_batch_size=4)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(index, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync_index(index, rec.workspace.store)
    from recagent.vectorstore.pending import PendingEmbeddings

    assert PendingEmbeddings(rec.workspace.path / "index", "hashing-64").count() == 4


def test_index_persists_across_processes(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    script = (
        "import sys; from recagent.settings import load_settings; from recagent.vectorstore import ItemIndex;"
        "from tests.conftest import SMALL_ITEMS;"
        f"index = ItemIndex.open(load_settings({str(workspace)!r}, overrides={{'embedding_model': 'hashing'}}));"
        "index.upsert(SMALL_ITEMS[:4])"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", script], check=True, cwd=root)
    index = open_index(workspace)
    assert index.count() == 4
    assert index.query("detective thieves", k=1, filters={"category": "Crime"})[0].item_id == "4"
    index.upsert(SMALL_ITEMS[4:])
    check = (
        "from recagent.settings import load_settings; from recagent.vectorstore import ItemIndex;"
        f"index = ItemIndex.open(load_settings({str(workspace)!r}, overrides={{'embedding_model': 'hashing'}}));"
        "print(index.count(), index.query('waitress in Paris', k=1)[0].item_id)"
    )
    out = subprocess.run([sys.executable, "-c", check], check=True, cwd=root, capture_output=True, text=True)
    assert out.stdout.split() == ["6", "5"]


def test_switching_the_embedding_model_asks_for_a_rebuild(tmp_path: Path) -> None:
    open_index(tmp_path / "ws").upsert(SMALL_ITEMS)
    other = open_index(tmp_path / "ws", embedding_model="hashing:32")
    with pytest.raises(ItemIndexError, match="built with the embedding model 'hashing-64'.*--rebuild"):
        other.count()


def test_item_text_uses_the_configured_fields(tmp_path: Path) -> None:
    index = open_index(tmp_path / "ws", CountingEmbedder(), index_text_fields="title,director")
    index.upsert([Item("x", "Heat", "ignored text", ("Crime",), {"director": "Michael Mann"})])
    assert index.embedder.texts == ["Heat. director: Michael Mann"]


def test_vectors_are_unit_length_and_filters_match_nothing_cleanly(index: ItemIndex) -> None:
    index.upsert(SMALL_ITEMS)
    vectors = index.vectors(["1", "2"])
    assert np.allclose([np.linalg.norm(v) for v in vectors.values()], 1.0, atol=1e-5)
    assert index.query("space", filters={"year": {">": 3000}}) == []
    assert index.query("space", filters={"nope": "x"}) == []


def test_a_new_client_reads_the_saved_mirror_instead_of_all_of_chroma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recagent.vectorstore.mirror import IndexMirror

    first = open_index(tmp_path / "ws")
    first.upsert(SMALL_ITEMS)
    assert [h.item_id for h in first.query("creature", k=2, filters={"year": 2001})] == ["5"]

    def no_full_reads(*args, **kwargs):
        raise AssertionError("read every record from Chroma")

    monkeypatch.setattr(IndexMirror, "load", no_full_reads)
    second = open_index(tmp_path / "ws")
    assert [h.item_id for h in second.query("creature", k=2, filters={"year": 2001})] == ["5"]
    first.upsert([Item("7", "Creature from 2001", "", ("Horror",), {"year": 2001})])
    with pytest.raises(AssertionError, match="read every record"):  # the saved copy is out of date now
        second.query("creature", k=2, filters={"year": 2001})


def test_a_mirror_saved_by_two_threads_at_once_lands_whole(tmp_path, monkeypatch) -> None:
    """A server's threads that load the index's mirror at once each save it; neither may fail the other."""
    import threading

    import numpy as np

    from recagent.vectorstore.mirror import IndexMirror

    mirror = IndexMirror(["a", "b"], np.zeros((2, 3), dtype=np.float32), [{}, {}], "r1")
    both_written = threading.Barrier(2)
    real_save = np.save

    def save_then_wait(handle, array):  # both writers have written before either renames
        real_save(handle, array)
        both_written.wait(timeout=30)

    monkeypatch.setattr(np, "save", save_then_wait)
    errors: list[BaseException] = []

    def save() -> None:
        try:
            mirror.save(tmp_path, "items-x")
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and not list(tmp_path.glob("*.partial"))
    assert IndexMirror.read_saved(tmp_path, "items-x", "r1").ids == ["a", "b"]
