"""The catalog and event store: one SQLite file in the workspace."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recagent.errors import StorageFullError, StoreDamagedError, StoreError
from recagent.types import Event, Item

__all__ = ["Store", "StoreStats", "Removed", "item_content_hash", "changed_item_rows"]

SCHEMA_VERSION = 1
# Event kinds that say a user did NOT want an item (feedback given in chat): they are kept, but histories,
# popularity and training read only the other kinds.
NEGATIVE_KINDS = ("dislike",)
_POSITIVE = "kind NOT IN (" + ", ".join(f"'{kind}'" for kind in NEGATIVE_KINDS) + ")"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    categories TEXT NOT NULL,
    metadata TEXT NOT NULL,
    content_hash TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
    user TEXT NOT NULL,
    item TEXT NOT NULL,
    timestamp REAL NOT NULL,
    kind TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (user, timestamp, item, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_item ON events (item);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Items an ingest changed that the item index has not taken in yet, written in the ingest's transaction:
-- an ingest killed after its commit leaves them here for the next one, which finds nothing else to change.
CREATE TABLE IF NOT EXISTS unindexed_items (id TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_BATCH = 5000


def item_content_hash(item: Item) -> str:
    """A stable hash of everything about an item, so unchanged items are recognised on re-ingest."""
    payload = json.dumps(
        [item.title, item.text, list(item.categories), dict(item.metadata)],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def changed_item_rows(items: Sequence[Item], existing: dict[str, str]) -> tuple[list[tuple], int, int]:
    """The rows to write for the items that are new or changed against `existing` content hashes (id, title,
    text, categories and metadata as JSON, hash), and how many are added and how many updated. Both stores write
    these rows: the JSON text is the same in each."""
    rows, added, updated = [], 0, 0
    for item in items:
        digest = item_content_hash(item)
        old = existing.get(item.id)
        if old == digest:
            continue
        added += old is None
        updated += old is not None
        rows.append((
            item.id, item.title, item.text,
            json.dumps(list(item.categories), ensure_ascii=False),
            json.dumps(dict(item.metadata), ensure_ascii=False, sort_keys=True),
            digest,
        ))
    return rows, added, updated


@dataclass(frozen=True)
class StoreStats:
    """Counts of what the store holds."""

    items: int
    users: int
    events: int
    event_kinds: dict[str, int]
    categories: int
    first_timestamp: float | None
    last_timestamp: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "users": self.users,
            "events": self.events,
            "event_kinds": self.event_kinds,
            "categories": self.categories,
            "first_timestamp": self.first_timestamp,
            "last_timestamp": self.last_timestamp,
        }


@dataclass(frozen=True)
class WriteCounts:
    """What one write changed; `changed_ids` lists items added or updated (empty for events)."""

    added: int
    updated: int
    unchanged: int
    changed_ids: tuple[str, ...] = ()

    def __repr__(self) -> str:  # the ids can be many thousands: printed, only their number
        return (f"WriteCounts(added={self.added}, updated={self.updated}, unchanged={self.unchanged}, "
                f"changed_ids=<{len(self.changed_ids)} ids>)")


@dataclass(frozen=True)
class Removed:
    """What a deletion or an erasure took out: items, events (feedback included) and chat sessions."""

    items: int = 0
    events: int = 0
    sessions: int = 0


class Store:
    """Items and events in SQLite; writes happen inside `transaction()` and are all-or-nothing."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = _Connection(self.path)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # Deleted rows are overwritten, not only unlinked: an erased user's events must not stay readable
            # in the file's free pages.
            self._db.execute("PRAGMA secure_delete=ON")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        except BaseException:
            self._db.close()
            raise
        self._in_transaction = False
        self._writer: int | None = None
        self._write_lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction: everything is written, or nothing is."""
        if self._in_transaction and self._writer == threading.get_ident():
            raise RuntimeError("transactions do not nest")
        # One connection serves every thread (chat tools run in parallel): writers take turns.
        with self._write_lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction, self._writer = True, threading.get_ident()
            try:
                yield
                self._bump("version")
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._rollback(exc)
                raise
            finally:
                self._in_transaction = False

    def _rollback(self, cause: BaseException) -> None:
        """Undo the open transaction, unless SQLite already did (it does on a full disk, for one)."""
        if not self._db.in_transaction:
            return
        try:
            self._db.execute("ROLLBACK")
        except (sqlite3.Error, StoreError) as failed:  # the cause stays the error; this is only a footnote
            cause.add_note(f"rolling back failed too: {failed}")

    @property
    def version(self) -> int:
        """A counter bumped by every committed write, for caches derived from the store."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    @property
    def items_version(self) -> int:
        """A counter bumped by every write that changed items (not events), for caches of the catalog."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'items_version'").fetchone()
        return int(row[0]) if row else 0

    # -- writes --------------------------------------------------------------------------------------
    def _require_transaction(self) -> None:
        if not self._in_transaction:
            raise RuntimeError("store writes must happen inside Store.transaction()")

    def upsert_items(self, items: Sequence[Item]) -> WriteCounts:
        """Insert new items and update changed ones; unchanged items are left alone."""
        self._require_transaction()
        rows, added, updated = changed_item_rows(items, self.content_hashes())
        self._db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)", rows)
        self._db.executemany("INSERT OR IGNORE INTO unindexed_items VALUES (?)", [(row[0],) for row in rows])
        if rows:
            self._bump("items_version")
        return WriteCounts(added, updated, len(items) - added - updated, tuple(row[0] for row in rows))

    def add_events(self, events: Iterable[Event]) -> WriteCounts:
        """Insert events; one already stored (same user, item, time and kind) is kept, its value updated."""
        self._require_transaction()
        before = self._count("events")
        changes_before = self._db.total_changes
        rows = [(e.user, e.item, float(e.timestamp), e.kind, e.value) for e in events]
        self._db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value "
            "WHERE value IS NOT excluded.value",
            rows,
        )
        added = self._count("events") - before
        updated = self._db.total_changes - changes_before - added
        return WriteCounts(added, updated, len(rows) - added - updated)

    def delete_items(self, item_ids: Sequence[str]) -> Removed:
        """Remove items and every event about them; the item index drops them on its next update."""
        self._require_transaction()
        ids = json.dumps(list(dict.fromkeys(str(item_id) for item_id in item_ids)))
        before = self._db.total_changes
        self._db.execute("DELETE FROM events WHERE item IN (SELECT value FROM json_each(?))", (ids,))
        events = self._db.total_changes - before
        self._db.execute("DELETE FROM items WHERE id IN (SELECT value FROM json_each(?))", (ids,))
        items = self._db.total_changes - before - events
        # Listed like changed items, in the same transaction: the index removes ids the store no longer has.
        self._db.execute("INSERT OR IGNORE INTO unindexed_items SELECT value FROM json_each(?)", (ids,))
        if items:
            self._bump("items_version")
        return Removed(items=items, events=events)

    def erase_user(self, user: str) -> Removed:
        """Remove every event of one user (feedback included)."""
        self._require_transaction()
        before = self._db.total_changes
        self._db.execute("DELETE FROM events WHERE user = ?", (user,))
        return Removed(events=self._db.total_changes - before)

    def wipe_free_space(self) -> None:
        """Fold the write-ahead log into the file, so deleted rows survive in neither (after an erasure)."""
        with self._write_lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _bump(self, counter: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, '1') "
            "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", (counter,)
        )

    def mark_indexed(self, item_ids: Iterable[str]) -> None:
        """The item index took these items in: they leave `unindexed_item_ids`."""
        with self._write_lock:  # one statement, so one transaction however many ids
            self._db.execute("DELETE FROM unindexed_items WHERE id IN (SELECT value FROM json_each(?))",
                             (json.dumps([str(item_id) for item_id in item_ids]),))

    # -- reads ---------------------------------------------------------------------------------------
    def unindexed_item_ids(self) -> list[str]:
        """Items changed by an ingest that the item index has not taken in yet."""
        return [row[0] for row in self._db.execute("SELECT id FROM unindexed_items ORDER BY id")]

    def _count(self, table: str) -> int:
        return self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def content_hashes(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT id, content_hash FROM items"))

    def item_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM items")}

    def has_item(self, item_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is not None

    def get_items(self, item_ids: Sequence[str]) -> dict[str, Item]:
        """The stored items among `item_ids`, by id; unknown ids are left out."""
        found: dict[str, Item] = {}
        for start in range(0, len(item_ids), _BATCH):
            chunk = list(item_ids[start:start + _BATCH])
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT * FROM items WHERE id IN ({marks})", chunk):
                found[row[0]] = _item_from_row(row)
        return found

    def iter_items(self) -> Iterator[Item]:
        for row in self._db.execute("SELECT * FROM items ORDER BY id"):
            yield _item_from_row(row)

    def iter_events(self) -> Iterator[Event]:
        """Every positive event (dislikes left out), ordered by user then time."""
        for user, item, timestamp, kind, value in self._db.execute(
            f"SELECT user, item, timestamp, kind, value FROM events WHERE {_POSITIVE} ORDER BY user, timestamp, item"
        ):
            yield Event(user, item, timestamp, kind, value)

    def has_user(self, user: str) -> bool:
        return self._db.execute("SELECT 1 FROM events WHERE user = ? LIMIT 1", (user,)).fetchone() is not None

    def user_history(self, user: str) -> list[str]:
        """The items a user interacted with, oldest first, each once (at its latest interaction); no dislikes."""
        rows = self._db.execute(
            f"SELECT item FROM events WHERE user = ? AND {_POSITIVE} GROUP BY item ORDER BY MAX(timestamp), item",
            (user,),
        )
        return [row[0] for row in rows]

    def users(self, limit: int | None = None) -> list[str]:
        sql = "SELECT user FROM events GROUP BY user ORDER BY COUNT(*) DESC, user"
        rows = self._db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [row[0] for row in rows]

    def item_popularity(self, since: float | None = None) -> list[tuple[str, int]]:
        """(item id, number of events) for every item with events (at or after `since`), most popular first."""
        where, args = (f"WHERE {_POSITIVE} AND timestamp >= ?", (since,)) if since is not None else (
            f"WHERE {_POSITIVE}", ())
        return list(self._db.execute(
            f"SELECT item, COUNT(*) AS n FROM events {where} GROUP BY item ORDER BY n DESC, item", args
        ))

    def co_chosen(self, item_ids: Sequence[str], users: int) -> list[tuple[str, int]]:
        """(item id, how many of the people who chose any of `item_ids` chose it too) for every other item they chose,
        reading at most `users` of those people (the first by id: an item thousands chose is read from a sample)."""
        if not item_ids:
            return []
        marks = ", ".join("?" * len(item_ids))
        return list(self._db.execute(
            f"SELECT item, COUNT(DISTINCT user) FROM events WHERE {_POSITIVE} AND item NOT IN ({marks}) AND user IN "
            f"(SELECT DISTINCT user FROM events WHERE item IN ({marks}) AND {_POSITIVE} ORDER BY user LIMIT ?) "
            "GROUP BY item", (*item_ids, *item_ids, users)))

    def item_ratings(self) -> list[tuple[str, int, float]]:
        """(item id, number of ratings, mean rating) for every item rated: events of kind "rating" with a value."""
        return list(self._db.execute(
            "SELECT item, COUNT(*), AVG(value) FROM events WHERE kind = 'rating' AND value IS NOT NULL "
            "GROUP BY item ORDER BY item"
        ))

    def time_span(self) -> tuple[float | None, float | None]:
        """The first and last event times, or (None, None) without events."""
        first, last = self._db.execute("SELECT MIN(timestamp), MAX(timestamp) FROM events").fetchone()
        return first, last

    def category_names(self) -> list[str]:
        """Every category some item has, sorted."""
        rows = self._db.execute("SELECT DISTINCT value FROM items, json_each(items.categories) ORDER BY value")
        return [row[0] for row in rows]

    def metadata_fields(self) -> dict[str, set[str]]:
        """Every metadata key some item has, with the JSON types of its values ("integer", "real", "text"...)."""
        rows = self._db.execute("SELECT key, type FROM items, json_each(items.metadata) GROUP BY key, type")
        fields: dict[str, set[str]] = {}
        for key, kind in rows:
            fields.setdefault(key, set()).add(kind)
        return fields

    def stats(self) -> StoreStats:
        kinds = dict(self._db.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind"))
        first, last = self.time_span()
        categories = self._db.execute(
            "SELECT COUNT(DISTINCT value) FROM items, json_each(items.categories)"
        ).fetchone()[0]
        return StoreStats(
            items=self._count("items"),
            users=self._db.execute("SELECT COUNT(DISTINCT user) FROM events").fetchone()[0],
            events=sum(kinds.values()),
            event_kinds=kinds,
            categories=categories,
            first_timestamp=first,
            last_timestamp=last,
        )

    def dump(self) -> tuple[list[tuple], list[tuple]]:
        """Every item and event row, sorted: lets tests prove a failed ingest changed nothing."""
        items = list(self._db.execute("SELECT * FROM items ORDER BY id"))
        events = list(self._db.execute("SELECT * FROM events ORDER BY user, timestamp, item, kind"))
        return items, events


class _Connection:
    """The store's SQLite connection, which says SQLite's full-disk and damaged-file errors as recagent's own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Autocommit mode: transactions are opened explicitly, so a failed ingest rolls back whole.
        # Server worker processes share the file: a writer waits for another's transaction instead of failing.
        self._raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)

    @contextmanager
    def _said_plainly(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            translated = _store_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> _Rows:
        with self._said_plainly():
            return _Rows(self._raw.execute(sql, parameters), self._said_plainly)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._said_plainly():
            self._raw.executemany(sql, rows)

    def executescript(self, script: str) -> None:
        with self._said_plainly():
            self._raw.executescript(script)

    @property
    def in_transaction(self) -> bool:
        return self._raw.in_transaction

    @property
    def total_changes(self) -> int:
        return self._raw.total_changes

    def close(self) -> None:
        self._raw.close()


class _Rows:
    """A cursor whose rows, read lazily, raise the same errors as the statement that made them."""

    def __init__(self, cursor: sqlite3.Cursor, said_plainly: Any) -> None:
        self._cursor, self._said_plainly = cursor, said_plainly

    def __iter__(self) -> Iterator[Any]:
        # A loop, not `yield from`: a generator left unfinished (an error while the rows were read) is closed when
        # it is collected, maybe after its connection, and `yield from` would close the cursor too, which SQLite
        # then refuses with an "Exception ignored" traceback after the error people should read.
        with self._said_plainly():
            for row in self._cursor:
                yield row

    def fetchone(self) -> Any:
        with self._said_plainly():
            return self._cursor.fetchone()


def _store_error(exc: sqlite3.DatabaseError, path: Path) -> StoreError | None:
    """recagent's error for a SQLite error that is about the file or the disk, not the statement."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF  # an extended code carries its primary code in the low byte
    if primary == sqlite3.SQLITE_FULL:
        return StorageFullError(str(path.parent))
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreDamagedError(str(path), str(exc))
    return None


def _item_from_row(row: tuple) -> Item:
    item_id, title, text, categories, metadata, _digest = row
    return Item(item_id, title, text, tuple(json.loads(categories)), json.loads(metadata))
