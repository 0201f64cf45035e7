"""Ingest: read files, run the preprocess and categorize hooks, and write the store in one transaction."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recagent.errors import IngestError, InvalidIdError
from recagent.host import PluginHost
from recagent.ids import check_ids
from recagent.progress import chunks, progress_bar
from recagent.readers import read_events, read_folder, read_items
from recagent.readers.frames import frame_rows, record_rows
from recagent.readers.tabular import EVENT_COLUMNS, ITEM_COLUMNS, events_from_rows, items_from_rows
from recagent.store import WriteCounts
from recagent.types import Event, Item
from recagent.workspace import Workspace

__all__ = ["IngestReport", "ingest", "Source"]

# A file or folder path, records (Item/Event instances or mappings), or a pandas/polars DataFrame or Arrow table.
Source = str | Path | Iterable[Item | Event | Mapping[str, Any]] | Any
_WRITE_BATCH = 20_000


@dataclass
class IngestReport:
    """What an ingest read, changed, dropped and stored."""

    items_read: int = 0
    events_read: int = 0
    items: WriteCounts = WriteCounts(0, 0, 0)
    events: WriteCounts = WriteCounts(0, 0, 0)
    categorized: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def count(self, what: str, n: int, *, dropped: bool = True) -> None:
        """Record that a preprocessing step dropped (or, with dropped=False, changed) `n` records."""
        if n:
            target = self.dropped if dropped else self.changed
            target[what] = target.get(what, 0) + n

    def __str__(self) -> str:
        """A short summary, as `print(rec.ingest(...))` shows it."""
        text = (f"items: {self.items_read:,} read, {self.items.added:,} added, {self.items.updated:,} updated, "
                f"{self.items.unchanged:,} unchanged; events: {self.events_read:,} read, {self.events.added:,} "
                f"added, {self.events.unchanged:,} already stored; {self.seconds:.1f} s")
        if self.categorized:
            text += f"; {self.categorized:,} items categorized"
        if self.dropped:
            text += "; dropped " + ", ".join(f"{count:,} {what}" for what, count in self.dropped.items())
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "items_read": self.items_read,
            "events_read": self.events_read,
            "items": _counts_dict(self.items),
            "events": _counts_dict(self.events),
            "categorized": self.categorized,
            "dropped": self.dropped,
            "changed": self.changed,
            "seconds": round(self.seconds, 3),
        }


def _counts_dict(counts: WriteCounts) -> dict[str, int]:
    return {"added": counts.added, "updated": counts.updated, "unchanged": counts.unchanged}


def _coerce(records: Iterable[Any], kind: type, columns: Mapping[str, str] | None, separator: str) -> list[Any]:
    """Items or events from a DataFrame, an Arrow table, or records (instances of `kind` or mappings)."""
    frame = frame_rows(records)
    if frame is not None:
        return _from_rows(kind, *frame, "DataFrame", columns, separator)
    if isinstance(records, (str, bytes, Mapping)):
        raise IngestError(f"expected a file path, a DataFrame or a list of records, got a {type(records).__name__}")
    records = list(records)
    fields = {field.name for field in dataclasses.fields(kind)}
    mapped = set(columns or ()) & set(ITEM_COLUMNS if kind is Item else EVENT_COLUMNS)
    if records and all(isinstance(record, Mapping) for record in records) and (
            mapped or any(set(record) - fields for record in records)):
        # Columns of a table ("overview", "movieId", ...): recognised and mapped as in a file.
        return _from_rows(kind, *record_rows(records), "records", columns, separator)
    out = []
    for number, record in enumerate(records, start=1):
        if isinstance(record, kind):
            out.append(record)
        elif isinstance(record, Mapping):
            try:
                data = dict(record)
                if kind is Item and "categories" in data:
                    data["categories"] = tuple(data["categories"] or ())
                out.append(kind(**data))
            except (TypeError, ValueError) as exc:
                raise IngestError(f"record {number} is not a valid {kind.__name__}: {exc}") from None
        else:
            raise IngestError(
                f"record {number} is a {type(record).__name__}; expected a {kind.__name__}, a mapping, "
                "or pass a DataFrame as a whole"
            )
    return out


def _from_rows(kind: type, header: list[str], rows: Iterator[tuple[int, dict[str, Any]]], origin: str,
               columns: Mapping[str, str] | None, separator: str) -> list[Any]:
    if kind is Item:
        return items_from_rows(header, rows, origin, columns=columns, category_separator=separator)
    return events_from_rows(header, rows, origin, columns=columns)


def _read(
    items: Source | None,
    events: Source | None,
    fmt: str,
    columns: Mapping[str, str] | None,
    encoding: str | None,
    separator: str,
) -> tuple[list[Item], list[Event], list[Item]]:
    """Items, events and items implied by an events-only format (S3-Rec), from files or records."""
    read_items_list: list[Item] = []
    read_events_list: list[Event] = []
    implied: list[Item] = []
    if isinstance(items, (str, Path)) and Path(items).is_dir():
        if events is not None:
            raise IngestError("pass either a dataset folder or --events, not both", path=str(items))
        read_items_list, read_events_list = read_folder(items, fmt, encoding=encoding)
        return read_items_list, read_events_list, implied
    if isinstance(items, (str, Path)):
        read_items_list = read_items(items, fmt, columns=columns, encoding=encoding, category_separator=separator)
    elif items is not None:
        read_items_list = _coerce(items, Item, columns, separator)
    if isinstance(events, (str, Path)):
        if Path(events).is_dir():
            raise IngestError("--events must be a file; pass a dataset folder as the items source", path=str(events))
        read_events_list, implied = read_events(events, fmt, columns=columns, encoding=encoding)
    elif events is not None:
        read_events_list = _coerce(events, Event, columns, separator)
    return read_items_list, read_events_list, implied


def ingest(
    workspace: Workspace,
    host: PluginHost,
    items: Source | None = None,
    events: Source | None = None,
    *,
    fmt: str = "auto",
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> IngestReport:
    """Read, preprocess, categorize and store; a failure anywhere leaves the store exactly as it was."""
    if items is None and events is None:
        raise IngestError("nothing to ingest: pass items, events or both")
    started = time.perf_counter()
    settings = workspace.settings
    report = IngestReport()
    batch_items, batch_events, implied = _read(items, events, fmt, columns, encoding, settings.category_separator)
    report.items_read, report.events_read = len(batch_items), len(batch_events)
    _check_ids(batch_items, batch_events, items, events)  # as read: the numbers are those of the input

    store = workspace.store
    stored_ids = store.item_ids()
    if implied:
        known = stored_ids | {item.id for item in batch_items}
        batch_items += [item for item in implied if item.id not in known]
    batch_items = host.call_chain("preprocess_items", "items", batch_items, workspace=workspace, report=report)
    item_ids = stored_ids | {item.id for item in batch_items}
    batch_events = host.call_chain(
        "preprocess_events", "events", batch_events, item_ids=frozenset(item_ids), workspace=workspace, report=report
    )
    batch_items = _categorize(batch_items, host, workspace, report)

    enabled = settings.progress
    with store.transaction():
        item_counts, event_counts = [], []
        with progress_bar(total=len(batch_items) + len(batch_events), desc="storing", enabled=enabled,
                          unit="rows") as bar:
            for chunk in chunks(batch_items, _WRITE_BATCH):
                item_counts.append(store.upsert_items(chunk))
                bar.update(len(chunk))
            for chunk in chunks(batch_events, _WRITE_BATCH):
                event_counts.append(store.add_events(chunk))
                bar.update(len(chunk))
    report.items = _sum_counts(item_counts)
    report.events = _sum_counts(event_counts)
    # The index is the catalog's own: it follows every ingest before any plugin hears of the change.
    workspace.catalog.items_changed()
    if report.items.changed_ids:
        host.call_each("catalog_updated", item_ids=list(report.items.changed_ids), workspace=workspace)
    report.seconds = time.perf_counter() - started
    return report


def _check_ids(items: list[Item], events: list[Event], items_source: Source | None,
               events_source: Source | None) -> None:
    """Refuse unusable ids (empty, control characters) before anything is written, naming the record."""
    events_from = events_source if events_source is not None else items_source  # a dataset folder holds both
    checks = [
        ("item", items, items_source, "item id", lambda item: item.id),
        ("event", events, events_from, "user id", lambda event: event.user),
        ("event", events, events_from, "item id", lambda event: event.item),
    ]
    for record, records, source, what, field in checks:
        try:
            check_ids([str(field(entry)) for entry in records], what)
        except InvalidIdError as exc:
            path = str(source) if isinstance(source, (str, Path)) else None
            raise IngestError(f"{record} {exc.index + 1}: {exc}", path=path) from None


def _sum_counts(counts: list[WriteCounts]) -> WriteCounts:
    return WriteCounts(
        *(sum(getattr(c, f) for c in counts) for f in ("added", "updated", "unchanged")),
        tuple(item_id for c in counts for item_id in c.changed_ids),
    )


def _categorize(items: list[Item], host: PluginHost, workspace: Workspace, report: IngestReport) -> list[Item]:
    """Fill missing categories from the categorize hook; for each item the first plugin to answer decides."""
    missing = [item for item in items if not item.categories]
    if not missing or not host.implementers("categorize_items"):
        return items
    wanted = {item.id for item in missing}
    taxonomy = sorted(set(workspace.store.category_names()).union(*(item.categories for item in items)))
    proposed: dict[str, tuple[str, ...]] = {}
    for _plugin, result in host.call_each("categorize_items", items=missing, categories=taxonomy,
                                          workspace=workspace):
        for item_id, categories in dict(result).items():
            if item_id in wanted and item_id not in proposed and categories:
                proposed[item_id] = tuple(categories)
    report.categorized = len(proposed)
    return [
        Item(item.id, item.title, item.text, proposed[item.id], item.metadata) if item.id in proposed else item
        for item in items
    ]
