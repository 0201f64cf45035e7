"""The catalog as a core service: item reads, titles, search by meaning, and views rebuilt when items change.

The workspace owns one `Catalog`. The item index (`recagent.vectorstore`) is part of it, so every face and
plugin that searches by meaning goes through `Catalog.search` and `Catalog.similar`; disabling a candidate
source never turns the index off. Derived views of the catalog (title aliases, category words, facts a
ranker reads) are cached in one place, keyed by the store's items version, so an ingest refreshes them all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from recagent.errors import IndexDamagedError, IndexNotBuiltError, UnknownItemError
from recagent.titles import CatalogTitles
from recagent.types import Item, ScoredItem

if TYPE_CHECKING:
    import numpy as np

    from recagent.store import Store
    from recagent.vectorstore import IndexStatus, ItemIndex, WriteReport
    from recagent.workspace import Workspace

__all__ = ["Catalog"]

View = TypeVar("View")


class Catalog:
    """The items of one workspace, with their title lookup and their item index."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._index: ItemIndex | None = None
        self._views: dict[str, tuple[int, Any]] = {}  # name -> (the version it was built for, the view)
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        return self._workspace.store

    # -- reads ---------------------------------------------------------------------------------------
    def has_item(self, item_id: str) -> bool:
        return self.store.has_item(item_id)

    def item(self, item_id: str) -> Item:
        """One item by id; an unknown id is an UnknownItemError."""
        found = self.store.get_items([item_id])
        if item_id not in found:
            raise UnknownItemError([item_id])
        return found[item_id]

    def items(self, item_ids: Sequence[str]) -> dict[str, Item]:
        """The known items among these ids, by id (unknown ids are left out)."""
        return self.store.get_items(list(item_ids))

    def all_items(self) -> Iterable[Item]:
        return self.store.iter_items()

    def categories(self) -> list[str]:
        """Every category name the catalog uses."""
        return self.store.category_names()

    # -- views ---------------------------------------------------------------------------------------
    def view(self, name: str, build: Callable[[Catalog], View], *, with_events: bool = False) -> View:
        """A view derived from the catalog, built once and rebuilt after what it derives from changes.

        Every derived view lives here, keyed by the store's items version (or, `with_events`, by its
        version, which every event also moves): feedback does not rebuild a title lookup, while an
        ingest that changes items rebuilds each view on its next use.
        """
        version = self.store.version if with_events else self.store.items_version
        with self._lock:
            cached = self._views.get(name)
            if cached is not None and cached[0] == version:
                return cached[1]
        value = build(self)
        with self._lock:
            self._views[name] = (version, value)
        return value

    @property
    def titles(self) -> CatalogTitles:
        """The title lookup: ids for the titles people type."""
        return self.view("titles", lambda catalog: CatalogTitles(
            catalog.all_items(), dict(catalog.store.item_popularity())))

    # -- the item index ------------------------------------------------------------------------------
    @property
    def index(self) -> ItemIndex:
        """The item index (Chroma), opened on first use; it may not be built yet (see `built_index`).

        An index that found its database damaged is opened again, so that a process keeps working once
        another one rebuilt it; until then, opening it raises IndexDamagedError.
        """
        if self._index is None or self._index.damaged:
            from recagent.vectorstore import ItemIndex

            self._index = None
            self._index = ItemIndex.open(self._workspace.settings)
        return self._index

    def built_index(self) -> ItemIndex | None:
        """The item index if it has been built and holds items, else None."""
        from recagent.vectorstore.client import CHROMA_FOLDER

        # An embedded index that was never built has no folder: answer without importing Chroma.
        if not self._workspace.settings.chroma_url and not (self._workspace.path / CHROMA_FOLDER).is_dir():
            return None
        index = self.index
        return index if index.exists() and index.count() > 0 else None

    def build_index(self, *, rebuild: bool = False) -> WriteReport:
        """Embed new and changed items into the index (every item with `rebuild`).

        A rebuild of a damaged index in the workspace moves its folder aside (the report says where) and
        starts a fresh one.
        """
        from recagent.vectorstore import set_aside_damaged, sync_index

        try:
            return sync_index(self.index, self.store, rebuild=rebuild)
        except IndexDamagedError as exc:
            if not rebuild or exc.folder is None:
                raise
            damaged = exc.folder
        self._index = None
        kept = set_aside_damaged(damaged)  # not deleted: it is the user's data, and may be worth a look
        report = sync_index(self.index, self.store, rebuild=True)
        report.set_aside = str(kept)
        return report

    def index_status(self) -> IndexStatus:
        from recagent.vectorstore import index_status

        return index_status(self.index, self.store)

    def items_changed(self) -> None:
        """Bring a built index up to date with the items ingests changed (`index_on_ingest`) and deletions removed.

        The store lists them, written in each ingest's or deletion's transaction, so items a process killed
        before this step had changed are taken in by the next ingest, even one that changes nothing. Without a
        built index, or with `index_on_ingest` off, changed items are dropped from the list: a build compares
        every item by its hash.
        """
        item_ids = self.store.unindexed_item_ids()
        if not item_ids:
            return
        index = self.built_index()
        if index is not None:
            items = self.items(item_ids)
            gone = [item_id for item_id in item_ids if item_id not in items]
            if gone:  # deleted from the catalog: their vectors go, whatever the setting
                index.delete(gone)
            if self._workspace.settings.index_on_ingest:
                index.upsert(items[item_id] for item_id in item_ids if item_id in items)
        self.store.mark_indexed(item_ids)

    def _require_index(self) -> ItemIndex:
        index = self.built_index()
        if index is None:
            raise IndexNotBuiltError()
        return index

    def search(self, text: str, k: int = 10, filters: Mapping[str, Any] | None = None) -> list[ScoredItem]:
        """Items whose text is closest in meaning to `text`, best first (cosine similarity, 0..1).

        The one search by meaning of the project: the chat, the HTTP API, the SDK and the query candidate
        source all come here. An index that is not built is an IndexNotBuiltError.
        """
        hits = self._require_index().query(text, k=k, filters=filters, metadata=False)
        return [ScoredItem(hit.item_id, max(0.0, float(hit.score))) for hit in hits]

    def similar(self, item_id: str, k: int = 10, filters: Mapping[str, Any] | None = None) -> list[ScoredItem]:
        """Items closest in meaning to one item, best first, the item itself left out."""
        hits = self._require_index().more_like(item_id, k=k, filters=filters)
        return [ScoredItem(hit.item_id, max(0.0, float(hit.score))) for hit in hits]

    def describes(self, item: Item) -> bool:
        """Whether the item index embeds more for `item` than its title and categories (its text, its tags)."""
        from recagent.vectorstore.records import says_more_than_its_name

        return says_more_than_its_name(item, self._workspace.settings.index_text_fields)

    def like_history(self, item_ids: Sequence[str], k: int = 10,
                     filters: Mapping[str, Any] | None = None) -> list[ScoredItem]:
        """Items closest in meaning to a history (recent items weigh more), its items left out."""
        hits = self._require_index().for_history(item_ids, k=k, filters=filters, metadata=False)
        return [ScoredItem(hit.item_id, max(0.0, float(hit.score))) for hit in hits]

    def history_similarity(self, history: Sequence[str], item_ids: Sequence[str]) -> np.ndarray:
        """How close in meaning each item is to a history's recent items (cosine, aligned with `item_ids`); zeros
        without a built index, and for items it lacks."""
        index = self.built_index() if history and item_ids else None
        if index is None:
            import numpy

            return numpy.zeros(len(item_ids), dtype=numpy.float32)
        return index.similarity_to_history(history, item_ids)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors of texts with the index's embedding model (rows align with `texts`)."""
        return self.index.embedder.embed(list(texts))

    def vectors(self, item_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Unit-length index vectors of these items ({} without a built index)."""
        index = self.built_index()
        return {} if index is None else index.vectors(list(item_ids))

    def close(self) -> None:
        self._index = None
        self._views = {}
