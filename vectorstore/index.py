"""`ItemIndex`: item embeddings in a Chroma collection, with text, vector, item and history queries."""

from __future__ import annotations

import copy
import functools
import math
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from recagent.errors import IndexInputError, ItemIndexError, RecagentError
from recagent.settings import Settings
from recagent.types import Item
from recagent.filters import parse_conditions
from recagent.vectorstore import generations
from recagent.vectorstore.damage import damage_error
from recagent.vectorstore.embedders import Embedder, embedder_from_setting
from recagent.vectorstore.generations import Generation, generation_name, in_use, list_generations
from recagent.vectorstore.mirror import IndexMirror
from recagent.vectorstore.records import DEFAULT_TEXT_FIELDS, RECORD_HASH_KEY, TEXT_HASH_KEY, item_records
from recagent.vectorstore.results import IndexHit, WriteReport
from recagent.vectorstore.segments import remove_orphaned_segments

__all__ = ["ItemIndex", "INDEX_FOLDER"]

# The workspace folder for what the index keeps on local disk: embeddings of a failed write, and a copy of
# the mirror that filtered queries use.
INDEX_FOLDER = "index"
_SCHEMA = 1
_PAGE = 5000
_EXACT_ROWS = 5000  # filters matching at most this many rows are searched exactly in numpy (< 1 ms)
# An index of at most this many items is searched exactly in numpy without a filter too: 2.2 ms p50 at 20k, where
# Chroma's HNSW took 2.5 ms, and 1.5-2.2 ms at 9,742 against 2.5-3.2 (bench/index_query.py). HNSW is
# approximate, and not the same from one process to the next: of the 300 nearest of 9,742 items it found 274 to 277,
# a different set each time, and The Shining, eleventh, in some processes only.
_EXACT_SEARCH_ROWS = 20_000
_OVERFETCH = 2.0  # how many more hits than expected to be needed are fetched from HNSW for a filter
_HISTORY_DECAY = 0.85  # each older history item weighs this much less in a history query


def _public(metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    return {key: value for key, value in (metadata or {}).items() if not key.startswith("_recagent")}


Method = TypeVar("Method", bound=Callable[..., Any])


def _chroma_operation(method: Method) -> Method:
    """Say so when Chroma's database is damaged, and run an operation again on the generation in use when
    a rebuild elsewhere deleted the one it met."""

    @functools.wraps(method)
    def run(self: ItemIndex, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (RecagentError, KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # Chroma's Rust code panics on some damage: a BaseException (pyo3)
            from chromadb.errors import NotFoundError

            if not isinstance(exc, NotFoundError):
                damaged = damage_error(exc, location=self.location, chroma_folder=self.chroma_folder)
                if damaged is not None:
                    self.damaged = True
                    raise damaged from exc
                raise
            if self._building is not None or self._collection is None:
                raise
            self._forget()
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


def _check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise IndexInputError(f"k must be a whole number of at least 1, got {k!r}")
    return k


class ItemIndex:
    """Item embeddings in a Chroma collection (cosine space), kept in step with the catalog.

    The collection is the index's generation in use (see `recagent.vectorstore.generations`): a rebuild fills
    a new one beside it, and every process follows the switch on its next operation.

    >>> index = ItemIndex.open(workspace.settings)
    >>> index.upsert(items)
    >>> index.query("space horror", k=5, filters={"year": {">=": 1990}})
    """

    def __init__(
        self,
        client: Any,
        embedder: Embedder,
        *,
        location: str,
        collection: str = "items",
        text_fields: Sequence[str] = DEFAULT_TEXT_FIELDS,
        batch_size: int = 1024,
        parallel_build: bool = True,
        local_folder: Path | None = None,
        chroma_folder: Path | None = None,
        progress: bool = False,
    ) -> None:
        if batch_size < 1:
            raise IndexInputError(f"index_batch_size must be at least 1, got {batch_size}")
        self.client = client
        self.embedder = embedder
        self.location = location
        self.base_name = collection
        self.text_fields = tuple(text_fields) or DEFAULT_TEXT_FIELDS
        # Chroma refuses batches above its own limit, so the configured size is capped by it.
        self.batch_size = min(batch_size, int(client.get_max_batch_size()))
        self.parallel_build = parallel_build
        self.local_folder = local_folder
        self.chroma_folder = chroma_folder  # an embedded index's Chroma folder; None on a server
        self.progress = progress
        self.damaged = False  # an operation found Chroma's database damaged: open the index again
        self._name: str | None = None  # the collection in use, found on first use
        self._collection: Any = None
        self._seen: dict[str, Any] = {}  # its metadata as last read
        self._building: str | None = None  # the builder's name, in the index object of a rebuild's generation
        self._mirror: IndexMirror | None = None
        self._mirror_lock = threading.Lock()
        self._counted: tuple[str, int] | None = None  # (revision, count)

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None) -> ItemIndex:
        """The index a workspace's settings describe: embedded in the workspace, or on a Chroma server."""
        from recagent.vectorstore.client import connect

        workspace = settings.workspace_path
        client, location = connect(workspace, settings.chroma_url)
        return cls(
            client,
            embedder or embedder_from_setting(settings.embedding_model, device=settings.embedding_device),
            location=location,
            collection=settings.index_collection,
            text_fields=settings.index_text_fields,
            batch_size=settings.index_batch_size,
            parallel_build=settings.index_parallel_build,
            local_folder=(workspace / INDEX_FOLDER).resolve(),
            chroma_folder=None if settings.chroma_url else Path(location),
            progress=settings.progress,
        )

    # -- the collection ------------------------------------------------------------------------------
    def _metadata(self, revision: str) -> dict[str, Any]:
        return {"recagent_index": _SCHEMA, "embedding_model": self.embedder.name, "revision": revision,
                generations.WRITTEN_AT: time.time()}

    @property
    def collection_name(self) -> str:
        """The name of the collection in use: the configured one, or the generation of the latest rebuild."""
        if self._name is None:
            current = in_use(self.generations())
            self._name = current.name if current is not None else self.base_name
        return self._name

    @_chroma_operation
    def generations(self) -> list[Generation]:
        """Every collection of this index, oldest first: the one in use, and those of rebuilds."""
        return list_generations(self.client, self.base_name)

    def _forget(self) -> None:
        """Find the collection in use again on the next operation (a rebuild switched to another)."""
        self._name = None
        self._collection = None
        self._mirror = None
        self._counted = None

    @property
    @_chroma_operation
    def collection(self) -> Any:
        """The Chroma collection in use, created with cosine space on first use."""
        if self._collection is None:
            collection = self.client.get_or_create_collection(
                self.collection_name,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={**self._metadata(uuid.uuid4().hex), generations.STATE: generations.LIVE},
                embedding_function=None,  # Chroma's default function would download a model
            )
            built_with = (collection.metadata or {}).get("embedding_model")
            if built_with != self.embedder.name:
                raise ItemIndexError(
                    f"the index {self.collection_name!r} in {self.location} was built with the embedding model "
                    f"{built_with!r}, but embedding_model now gives {self.embedder.name!r}; run "
                    "`recagent index build --rebuild` to re-embed every item, or set embedding_model back"
                )
            self._collection = collection
        return self._collection

    def exists(self) -> bool:
        """Whether the collection has been created (by a build or an upsert), without creating it."""
        if self._collection is not None:
            return True
        return in_use(self.generations()) is not None

    @_chroma_operation
    def revision(self) -> str:
        """A token that changes with every write, from any process."""
        for _ in range(2):
            self.collection  # noqa: B018 - creates the collection on first use
            current = self.client.get_collection(self.collection_name, embedding_function=None)
            metadata = dict(current.metadata or {})
            if metadata.get(generations.STATE) != generations.REPLACED or self._building is not None:
                break
            self._forget()  # a rebuild switched to its new generation and is about to delete this one
        self._seen = metadata
        return str(metadata.get("revision", ""))

    def _bump_revision(self, before: str) -> str:
        revision = uuid.uuid4().hex
        # Chroma replaces a collection's metadata whole: keep what it says of the generation.
        self.collection.modify(metadata={**self._seen, **self._metadata(revision)})
        if self._mirror is not None and self._mirror.revision != before:
            self._mirror = None  # another process wrote too: reload on the next filtered query
        return revision

    @_chroma_operation
    def count(self) -> int:
        """Items in the index, counted again only after a write (Chroma takes milliseconds to count 100k)."""
        return self._count_at(self.revision())

    def _count_at(self, revision: str) -> int:
        if self._counted is None or self._counted[0] != revision:
            self._counted = (revision, int(self.collection.count()))
        return self._counted[1]

    # -- rebuilds: a new generation beside the one in use ---------------------------------------------
    @property
    def rebuilding(self) -> bool:
        """Whether this is the index object of a rebuild's new generation, not yet in use."""
        return self._building is not None

    @_chroma_operation
    def new_generation(self) -> ItemIndex:
        """An empty generation to rebuild into; the one in use keeps answering until `switch_to` it."""
        builder = generations.new_builder()
        number = max([generation.number for generation in self.generations()], default=0) + 1
        metadata = {**self._metadata(uuid.uuid4().hex), generations.STATE: generations.BUILDING,
                    generations.BASE: self.base_name, generations.BUILDER: builder}
        while True:
            name = generation_name(self.base_name, number)
            try:
                collection = self.client.create_collection(
                    name, configuration={"hnsw": {"space": "cosine"}},
                    metadata={**metadata, generations.NUMBER: number}, embedding_function=None)
            except Exception as exc:  # noqa: BLE001 - Chroma says "already exists" with a generic error
                if "already exists" not in str(exc):
                    generations.builder_done(builder)
                    raise
                number += 1  # another rebuild took this number meanwhile
                continue
            break
        fresh = copy.copy(self)
        fresh._forget()
        fresh._name, fresh._collection, fresh._building = name, collection, builder
        fresh._seen = dict(collection.metadata or {})
        return fresh

    @_chroma_operation
    def switch_to(self, fresh: ItemIndex) -> None:
        """Put a completely built generation in use, then delete the ones it replaces."""
        if fresh._building is None:
            raise ValueError("switch_to takes the index of a generation from new_generation()")
        fresh.revision()  # reads its metadata as it is now
        fresh.collection.modify(metadata={
            key: value for key, value in {**fresh._seen, generations.STATE: generations.LIVE}.items()
            if key != generations.BUILDER})
        generations.builder_done(fresh._building)
        fresh._building = None
        self.remove_stale_generations()
        self._forget()

    @_chroma_operation
    def discard(self, fresh: ItemIndex) -> None:
        """Delete the generation of a rebuild that did not finish."""
        if fresh._building is not None:
            generations.builder_done(fresh._building)
            fresh._building = None
        self._delete_generations([(fresh.collection_name, fresh.embedder.name)])

    @_chroma_operation
    def remove_stale_generations(self) -> list[str]:
        """Delete generations that nothing will use again: those replaced by a newer one, and the half-built
        ones of rebuilds that stopped (their process is gone). Returns their names."""
        found = self.generations()
        current = in_use(found)
        stale = [generation for generation in found
                 if generation.abandoned() or (current is not None and generation.state != generations.BUILDING
                                               and generation.number < current.number)]
        for generation in stale:
            if generation.state == generations.LIVE:
                # Processes reading it move on at their next operation, before it is gone.
                self._mark_replaced(generation)
        self._delete_generations([(generation.name, str(generation.metadata.get("embedding_model")))
                                  for generation in stale])
        return [generation.name for generation in stale]

    def _mark_replaced(self, generation: Generation) -> None:
        from chromadb.errors import NotFoundError

        try:
            self.client.get_collection(generation.name, embedding_function=None).modify(
                metadata={**generation.metadata, generations.STATE: generations.REPLACED})
        except (NotFoundError, ValueError):
            pass  # deleted meanwhile by another build

    def _delete_generations(self, doomed: Sequence[tuple[str, str]]) -> None:
        """Delete collections, given as (name, embedding model), with their saved mirrors."""
        from chromadb.errors import NotFoundError

        for name, model in doomed:
            try:
                self.client.delete_collection(name)
            except (NotFoundError, ValueError):
                pass
            if self.local_folder is not None:
                IndexMirror.remove_saved(self.local_folder, f"{name}-{model}")
        if doomed and self.chroma_folder is not None:
            remove_orphaned_segments(self.chroma_folder)  # Chroma leaves a deleted collection's vectors on disk

    @_chroma_operation
    def stored_hashes(self) -> dict[str, tuple[str, str]]:
        """(text hash, record hash) of every record, by item id."""
        hashes: dict[str, tuple[str, str]] = {}
        offset = 0
        while True:
            page = self.collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
            if not page["ids"]:
                return hashes
            for item_id, metadata in zip(page["ids"], page["metadatas"]):
                metadata = metadata or {}
                hashes[item_id] = (str(metadata.get(TEXT_HASH_KEY)), str(metadata.get(RECORD_HASH_KEY)))
            offset += len(page["ids"])

    # -- writes --------------------------------------------------------------------------------------
    @_chroma_operation
    def write(self, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict[str, Any]],
              vectors: np.ndarray | None) -> None:
        """Write one batch: upsert with vectors, or, when None, update metadata of unchanged texts."""
        before = self.revision()
        if vectors is None:
            # Passing documents without vectors would make Chroma embed them with its default function.
            self.collection.update(ids=list(ids), metadatas=list(metadatas))
        else:
            self.collection.upsert(ids=list(ids), embeddings=vectors, documents=list(documents),
                                   metadatas=list(metadatas))
        revision = self._bump_revision(before)
        if self._mirror is not None:
            self._mirror.apply_upsert(ids, vectors, metadatas, revision)

    @_chroma_operation
    def upsert(self, items: Iterable[Item]) -> WriteReport:
        """Add or update items, re-embedding only those whose text changed."""
        from recagent.vectorstore.writer import write_records

        records = item_records(items, self.text_fields)
        existing: dict[str, tuple[str, str]] = {}
        ids = [record.id for record in records]
        for start in range(0, len(ids), _PAGE):
            page = self.collection.get(ids=ids[start:start + _PAGE], include=["metadatas"])
            for item_id, metadata in zip(page["ids"], page["metadatas"]):
                metadata = metadata or {}
                existing[item_id] = (str(metadata.get(TEXT_HASH_KEY)), str(metadata.get(RECORD_HASH_KEY)))
        return write_records(self, records, existing)

    @_chroma_operation
    def delete(self, item_ids: Iterable[str]) -> int:
        """Remove items from the index; ids that are not there are ignored. Returns how many were there."""
        ids = list(dict.fromkeys(item_ids))
        present: list[str] = []
        for start in range(0, len(ids), _PAGE):
            present += self.collection.get(ids=ids[start:start + _PAGE], include=[])["ids"]
        if not present:
            return 0
        before = self.revision()
        for start in range(0, len(present), self.batch_size):
            self.collection.delete(ids=present[start:start + self.batch_size])
        revision = self._bump_revision(before)
        if self._mirror is not None:
            self._mirror.apply_delete(present, revision)
        return len(present)

    # -- queries -------------------------------------------------------------------------------------
    def embed_query(self, text: str) -> np.ndarray:
        if not isinstance(text, str) or not text.strip():
            raise IndexInputError(f"the query text is empty ({text!r}); say what to look for, e.g. 'space horror'")
        return self.embedder.embed([text.strip()])[0]

    @_chroma_operation
    def vectors(self, item_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the given items that are in the index."""
        if not item_ids:
            return {}
        found = self.collection.get(ids=list(dict.fromkeys(item_ids)), include=["embeddings"])
        return {item_id: np.asarray(vector, dtype=np.float32)
                for item_id, vector in zip(found["ids"], found["embeddings"])}

    @_chroma_operation
    def query(
        self,
        text: str | None = None,
        *,
        vector: Sequence[float] | np.ndarray | None = None,
        k: int = 10,
        filters: Mapping[str, Any] | None = None,
        exclude: Sequence[str] = (),
        metadata: bool = True,
    ) -> list[IndexHit]:
        """The k items closest to a text or a vector, optionally filtered, best first.

        `metadata=False` leaves the hits' metadata empty: an unfiltered query of an index too large to search
        exactly then skips reading it from Chroma's SQLite, three times faster for 200 hits at 100k items (2.5 ms
        against 7.8 ms).
        """
        k = _check_k(k)
        if (text is None) == (vector is None):
            raise IndexInputError("pass either a query text or a vector (not both, not neither)")
        query = self.embed_query(text) if text is not None else self._check_vector(vector)
        conditions = parse_conditions(filters)
        if not conditions:
            revision = self.revision()
            # Counted, not loaded: an index too large to search exactly reads no mirror for it.
            if self._count_at(revision) > _EXACT_SEARCH_ROWS:
                return self._hnsw(query, k, exclude, metadata=metadata)
            mirror = self._mirror_at(revision)
            return _exact(mirror, query, mirror.mask([], exclude), k, metadata=metadata)
        return self._filtered(query, k, conditions, exclude)

    @_chroma_operation
    def more_like(self, item_id: str, *, k: int = 10, filters: Mapping[str, Any] | None = None) -> list[IndexHit]:
        """Items most like one item of the index, without the item itself."""
        vector = self.vectors([item_id]).get(item_id)
        if vector is None:
            raise IndexInputError(
                f"item {item_id!r} is not in the index; ingest it, or run `recagent index build` to index "
                "the whole catalog"
            )
        return self.query(vector=vector, k=k, filters=filters, exclude=[item_id])

    @_chroma_operation
    def for_history(self, item_ids: Sequence[str], *, k: int = 10, filters: Mapping[str, Any] | None = None,
                    recent: int = 10, metadata: bool = True) -> list[IndexHit]:
        """Items like a user's recent items (oldest first; the newest weigh most), without those items."""
        wanted = list(dict.fromkeys(item_ids))[-recent:]
        vectors = self.vectors(wanted)
        profile = _history_profile([vectors[item_id] for item_id in wanted if item_id in vectors])
        if profile is None:
            return []
        return self.query(vector=profile, k=k, filters=filters, exclude=list(dict.fromkeys(item_ids)),
                          metadata=metadata)

    def similarity_to_history(self, history: Sequence[str], item_ids: Sequence[str], *,
                              recent: int = 10) -> np.ndarray:
        """How close in meaning each item is to a history (cosine with the history's profile, as `for_history`
        builds it); 0 for items not in the index, and for all when none of the history is."""
        mirror = self.mirror()
        # One reference to each, and rows checked against the vectors: this process's own writes may extend the
        # mirror while a request reads it.
        vectors, position = mirror.vectors, mirror.rows
        rows = np.array([position.get(item_id, -1) for item_id in item_ids], dtype=np.int64)
        known = (rows >= 0) & (rows < len(vectors))
        wanted = [position.get(item_id, -1) for item_id in list(dict.fromkeys(history))[-recent:]]
        profile = _history_profile([vectors[row] for row in wanted if 0 <= row < len(vectors)])
        similarity = np.zeros(len(item_ids), dtype=np.float32)
        if profile is not None:  # einsum, not BLAS threads that busy cores wake slowly (see IndexMirror.search_rows)
            similarity[known] = np.einsum("ij,j->i", vectors[rows[known]], profile.astype(np.float32, copy=False))
        return similarity

    def _check_vector(self, vector: Any) -> np.ndarray:
        array = np.asarray(vector, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(array))
        if array.size == 0 or not math.isfinite(norm) or norm == 0.0:
            raise IndexInputError("the query vector must be non-empty, finite and not all zeros")
        return array / norm

    def _hnsw(self, vector: np.ndarray, k: int, exclude: Sequence[str], *, metadata: bool = True) -> list[IndexHit]:
        excluded = set(exclude)
        # Chroma returns what it has when asked for more than the collection holds.
        found = self.collection.query(query_embeddings=[vector], n_results=k + len(excluded),
                                      include=["metadatas", "distances"] if metadata else ["distances"])
        metadatas = found["metadatas"][0] if metadata else [{}] * len(found["ids"][0])
        hits = [
            IndexHit(item_id, 1.0 - float(distance), _public(stored))
            for item_id, distance, stored in zip(found["ids"][0], found["distances"][0], metadatas)
            if item_id not in excluded
        ]
        return hits[:k]

    @_chroma_operation
    def mirror(self) -> IndexMirror:
        """The in-memory copy that queries search, reloaded when another process wrote."""
        return self._mirror_at(self.revision())

    def _mirror_at(self, revision: str) -> IndexMirror:
        with self._mirror_lock:  # the threads of a server load it once, not each on its own
            return self._current_mirror(revision)

    def _current_mirror(self, revision: str) -> IndexMirror:
        if self._mirror is None or self._mirror.revision != revision:
            folder, name = self.local_folder, f"{self.collection_name}-{self.embedder.name}"
            saved = IndexMirror.read_saved(folder, name, revision) if folder else None
            if saved is not None:
                self._mirror = saved
            else:
                self._mirror = IndexMirror.load(self.collection, revision, 0)
                if folder is not None and len(self._mirror):
                    self._mirror.save(folder, name)
        return self._mirror

    def _filtered(self, vector: np.ndarray, k: int, conditions: list, exclude: Sequence[str]) -> list[IndexHit]:
        mirror = self.mirror()
        mask = mirror.mask(conditions, exclude)
        matching = int(mask.sum())
        if matching == 0:
            return []
        if matching > _EXACT_ROWS:
            # A broad filter: HNSW finds enough matching hits among a few more results than k; when it
            # does not (an unlucky neighbourhood), once more with four times as many, then exactly.
            fetch = math.ceil(k * len(mirror) / matching * _OVERFETCH) + 10
            for attempt in (fetch, 4 * fetch):
                if attempt >= len(mirror) // 2:
                    break
                found = self.collection.query(query_embeddings=[vector], n_results=attempt, include=["distances"])
                kept = []
                for item_id, distance in zip(found["ids"][0], found["distances"][0]):
                    row = mirror.rows.get(item_id)
                    if row is not None and mask[row]:
                        kept.append((item_id, distance, row))
                        if len(kept) == k:
                            return [IndexHit(i, 1.0 - float(d), _public(mirror.metadatas[r])) for i, d, r in kept]
        return _exact(mirror, vector, mask, k)

    def __repr__(self) -> str:
        return f"ItemIndex({self.location!r}, collection={self.collection_name!r})"


def _exact(mirror: IndexMirror, vector: np.ndarray, mask: np.ndarray, k: int, *,
           metadata: bool = True) -> list[IndexHit]:
    """The k items of the mirror's rows in `mask` closest to `vector`, searched exactly, best first."""
    return [IndexHit(mirror.ids[row], score, _public(mirror.metadatas[row]) if metadata else {})
            for row, score in mirror.search_rows(vector, np.flatnonzero(mask), k)]


def _history_profile(vectors: Sequence[np.ndarray]) -> np.ndarray | None:
    """The unit vector of a history's items (oldest first), the newest weighing most; None when it has none."""
    if not vectors:
        return None
    weights = np.array([_HISTORY_DECAY ** age for age in range(len(vectors) - 1, -1, -1)], dtype=np.float32)
    profile = (weights[:, None] * np.stack(vectors)).sum(axis=0)
    norm = float(np.linalg.norm(profile))
    return None if norm == 0.0 else profile / norm
