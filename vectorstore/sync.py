"""Keeping the index in step with the catalog store: what to embed, update or delete, and doing it."""

from __future__ import annotations

from dataclasses import dataclass

from recagent.store import Store
from recagent.vectorstore.generations import BUILDING
from recagent.vectorstore.index import ItemIndex
from recagent.vectorstore.pending import PendingEmbeddings
from recagent.vectorstore.records import IndexRecord, item_records
from recagent.vectorstore.results import IndexStatus, WriteReport
from recagent.vectorstore.writer import write_records

__all__ = ["SyncPlan", "plan_sync", "sync_index", "index_status"]


@dataclass(frozen=True)
class SyncPlan:
    """The store's records, the index's hashes, and which ids the index holds but the store does not."""

    records: list[IndexRecord]
    existing: dict[str, tuple[str, str]]
    orphans: list[str]

    def counts(self) -> tuple[int, int]:
        """(items to embed, items whose metadata alone changed)."""
        to_embed = to_update = 0
        for record in self.records:
            stored = self.existing.get(record.id)
            if stored is None or stored[0] != record.text_hash:
                to_embed += 1
            elif stored[1] != record.record_hash:
                to_update += 1
        return to_embed, to_update


def plan_sync(index: ItemIndex, store: Store) -> SyncPlan:
    """Compare every stored item with the index by content hash."""
    records = item_records(store.iter_items(), index.text_fields)
    existing = index.stored_hashes()
    in_store = {record.id for record in records}
    return SyncPlan(records, existing, sorted(set(existing) - in_store))


def sync_index(index: ItemIndex, store: Store, *, rebuild: bool = False) -> WriteReport:
    """Index every stored item, re-embedding only changed texts; an interrupted run resumes where it stopped.

    `rebuild` embeds every item into a new generation of the index while the one in use keeps answering
    searches, and switches to it once it is complete; a rebuild that fails or is killed changes nothing in use.
    Every build first removes what rebuilds that died left behind.
    """
    index.remove_stale_generations()
    if not rebuild:
        return _sync(index, store)
    fresh = index.new_generation()
    try:
        report = _sync(fresh, store)
    except BaseException:
        try:
            index.discard(fresh)
        except Exception:  # noqa: BLE001 - the build's own error matters; the next build removes the remains
            pass
        raise
    index.switch_to(fresh)
    return report


def _sync(index: ItemIndex, store: Store) -> WriteReport:
    plan = plan_sync(index, store)
    deleted = index.delete(plan.orphans) if plan.orphans else 0
    report = write_records(index, plan.records, plan.existing)
    report.deleted = deleted
    return report


def index_status(index: ItemIndex, store: Store | None = None) -> IndexStatus:
    """How many items the index holds and, given the store, how far behind it is."""
    pending = PendingEmbeddings(index.local_folder, index.embedder.name).count()
    items = index.count()
    building = [generation for generation in index.generations()
                if generation.state == BUILDING and not generation.abandoned()]
    rebuilding = sum(index.client.get_collection(generation.name, embedding_function=None).count()
                     for generation in building[-1:]) if building else None
    base = dict(location=index.location, collection=index.collection_name, model=index.embedder.name,
                items=items, pending_embeddings=pending, rebuilding=rebuilding)
    if store is None:
        return IndexStatus(**base)
    plan = plan_sync(index, store)
    to_embed, to_update = plan.counts()
    return IndexStatus(**base, store_items=len(plan.records), to_embed=to_embed, to_update=to_update,
                       to_delete=len(plan.orphans))
