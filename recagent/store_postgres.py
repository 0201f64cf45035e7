"""The catalog and event store on PostgreSQL (`store_url = "postgresql://..."`): the same contract as the SQLite
store in `recagent.store`, for several servers sharing one state.

psycopg 3 with a connection pool. A transaction holds one connection for its thread; reads outside a
transaction take any connection of the pool (autocommit). Bulk writes go through COPY into a temporary table,
then one INSERT ... ON CONFLICT, so an ingest of a million events is a handful of statements. Text columns use
the "C" collation, so every ORDER BY sorts as SQLite's does (by bytes) and both stores list rows alike; item
categories and metadata are stored as the same JSON text as in SQLite and read as jsonb where queried.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from recagent.errors import StorageFullError, StoreError
from recagent.store import (
    _POSITIVE,
    SCHEMA_VERSION,
    Removed,
    StoreStats,
    WriteCounts,
    _item_from_row,
    changed_item_rows,
)
from recagent.types import Event, Item

__all__ = ["PostgresStore", "is_postgres_url"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    categories TEXT NOT NULL,
    metadata TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    "user" TEXT COLLATE "C" NOT NULL,
    item TEXT COLLATE "C" NOT NULL,
    timestamp DOUBLE PRECISION NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    value DOUBLE PRECISION,
    PRIMARY KEY ("user", timestamp, item, kind)
);
CREATE INDEX IF NOT EXISTS events_by_item ON events (item);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unindexed_items (id TEXT COLLATE "C" PRIMARY KEY);
"""
_CONNECT_SECONDS = 10
_ITER_ROWS = 10_000  # rows fetched at a time when reading a whole table
# Only one process creates the tables at a time: two servers starting together would race on CREATE TABLE.
_SCHEMA_LOCK = 727_114_001
# SQLite's json_each types, which the filters expect, from a jsonb value.
_JSON_TYPE = """CASE jsonb_typeof(value)
    WHEN 'number' THEN CASE WHEN value::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    WHEN 'string' THEN 'text' WHEN 'boolean' THEN value::text ELSE jsonb_typeof(value) END"""


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).split("://", 1)[0] in ("postgresql", "postgres")


def _where(url: str) -> str:
    """The server and database of a URL, without its password, for messages."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"


class PostgresStore:
    """Items and events in PostgreSQL; writes happen inside `transaction()` and are all-or-nothing."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StoreError("a PostgreSQL store (store_url) needs psycopg: pip install 'recagent[postgres]'") from None

        self.url, self.where = url, _where(url)
        try:  # one connection first: its error says why (refused, unknown database, password), a pool's does not
            psycopg.connect(url, connect_timeout=_CONNECT_SECONDS).close()
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to the PostgreSQL store at {self.where}: {_first_line(exc)}; check store_url "
                "and that the server is running"
            ) from None
        self._pool = ConnectionPool(url, min_size=1, max_size=8, kwargs={"autocommit": True}, open=True,
                                    timeout=60, name="recagent-store")
        try:
            self._create_schema()
        except BaseException:
            self._pool.close()
            raise
        self._local = threading.local()  # the connection of this thread's open transaction
        self._write_lock = threading.Lock()

    def _create_schema(self) -> None:
        with self._said_plainly(), self._pool.connection() as connection, connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            connection.execute(_SCHEMA)
            connection.execute("INSERT INTO meta (key, value) VALUES ('schema_version', %s) ON CONFLICT DO NOTHING",
                               (str(SCHEMA_VERSION),))
            stored = int(connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
        if stored != SCHEMA_VERSION:
            newer = "a newer" if stored > SCHEMA_VERSION else "an older"
            raise StoreError(
                f"the PostgreSQL store at {self.where} has schema version {stored}, written by {newer} recagent; "
                f"this one reads version {SCHEMA_VERSION}: use the recagent version that wrote it, or a new database"
            )

    def close(self) -> None:
        self._pool.close()

    # -- connections and errors ---------------------------------------------------------------------------
    @contextmanager
    def _said_plainly(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except psycopg.errors.DiskFull as exc:
            raise StorageFullError(self.where, holder=f"the PostgreSQL store at {self.where}",
                                   detail=f"PostgreSQL: {_first_line(exc)}") from None
        except psycopg.errors.DataCorrupted as exc:
            raise StoreError(f"the PostgreSQL store at {self.where} reports damaged data ({_first_line(exc)}): "
                             "restore the database from your backup") from None
        except psycopg.OperationalError as exc:
            raise StoreError(f"the PostgreSQL store at {self.where} failed: {_first_line(exc)}") from None

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """This thread's transaction connection, or any of the pool's outside a transaction."""
        held = getattr(self._local, "connection", None)
        with self._said_plainly():
            if held is not None:
                yield held
                return
            with self._pool.connection() as connection:
                yield connection

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple]:
        with self._connection() as connection:
            return connection.execute(sql, parameters).fetchall()

    def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        with self._connection() as connection:
            return connection.execute(sql, parameters).fetchone()

    def _changed(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        with self._connection() as connection:
            return connection.execute(sql, parameters).rowcount

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction: everything is written, or nothing is."""
        if getattr(self._local, "connection", None) is not None:
            raise RuntimeError("transactions do not nest")
        with self._write_lock, self._said_plainly(), self._pool.connection() as connection:
            with connection.transaction():
                self._local.connection = connection
                try:
                    yield
                    self._bump("version")
                finally:
                    self._local.connection = None

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "connection", None) is not None

    @property
    def version(self) -> int:
        """A counter bumped by every committed write, for caches derived from the store."""
        row = self._one("SELECT value FROM meta WHERE key = 'version'")
        return int(row[0]) if row else 0

    @property
    def items_version(self) -> int:
        """A counter bumped by every write that changed items (not events), for caches of the catalog."""
        row = self._one("SELECT value FROM meta WHERE key = 'items_version'")
        return int(row[0]) if row else 0

    # -- writes --------------------------------------------------------------------------------------------
    def _require_transaction(self) -> None:
        if not self.in_transaction:
            raise RuntimeError("store writes must happen inside Store.transaction()")

    def _copy_into_temporary(self, connection: Any, name: str, like: str, columns: str, rows: list[tuple]) -> None:
        """`rows` into a temporary table shaped like `like`, dropped at the end of the transaction (COPY); an
        ingest writes batch after batch in one transaction, each into the emptied table."""
        connection.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {name} (LIKE {like} INCLUDING DEFAULTS, "
                           "position BIGINT) ON COMMIT DROP")
        connection.execute(f"TRUNCATE {name}")
        with connection.cursor().copy(f"COPY {name} ({columns}, position) FROM STDIN") as copy:
            for position, row in enumerate(rows):
                copy.write_row((*row, position))

    def upsert_items(self, items: Sequence[Item]) -> WriteCounts:
        """Insert new items and update changed ones; unchanged items are left alone."""
        self._require_transaction()
        rows, added, updated = changed_item_rows(items, self.content_hashes())
        if rows:
            with self._connection() as connection:
                self._copy_into_temporary(connection, "incoming_items", "items",
                                          "id, title, text, categories, metadata, content_hash", rows)
                # The last of an id's rows wins, as when SQLite replaces row after row.
                connection.execute(
                    "INSERT INTO items SELECT DISTINCT ON (id) id, title, text, categories, metadata, content_hash "
                    "FROM incoming_items ORDER BY id, position DESC ON CONFLICT (id) DO UPDATE SET "
                    "title = EXCLUDED.title, text = EXCLUDED.text, categories = EXCLUDED.categories, "
                    "metadata = EXCLUDED.metadata, content_hash = EXCLUDED.content_hash")
                connection.execute("INSERT INTO unindexed_items SELECT DISTINCT id FROM incoming_items "
                                   "ON CONFLICT DO NOTHING")
            self._bump("items_version")
        return WriteCounts(added, updated, len(items) - added - updated, tuple(row[0] for row in rows))

    def add_events(self, events: Iterable[Event]) -> WriteCounts:
        """Insert events; one already stored (same user, item, time and kind) is kept, its value updated."""
        self._require_transaction()
        rows = [(e.user, e.item, float(e.timestamp), e.kind, e.value) for e in events]
        if not rows:
            return WriteCounts(0, 0, 0)
        with self._connection() as connection:
            self._copy_into_temporary(connection, "incoming_events", "events",
                                      '"user", item, timestamp, kind, value', rows)
            # xmax is 0 on a row this statement inserted, and set on one it updated.
            inserted = connection.execute(
                'INSERT INTO events SELECT DISTINCT ON ("user", timestamp, item, kind) "user", item, timestamp, '
                'kind, value FROM incoming_events ORDER BY "user", timestamp, item, kind, position DESC '
                'ON CONFLICT ("user", timestamp, item, kind) DO UPDATE SET value = EXCLUDED.value '
                "WHERE events.value IS DISTINCT FROM EXCLUDED.value RETURNING xmax = 0").fetchall()
        added = sum(1 for (new,) in inserted if new)
        updated = len(inserted) - added
        return WriteCounts(added, updated, len(rows) - added - updated)

    def delete_items(self, item_ids: Sequence[str]) -> Removed:
        """Remove items and every event about them; the item index drops them on its next update."""
        self._require_transaction()
        ids = list(dict.fromkeys(str(item_id) for item_id in item_ids))
        events = self._changed("DELETE FROM events WHERE item = ANY(%s)", (ids,))
        items = self._changed("DELETE FROM items WHERE id = ANY(%s)", (ids,))
        # Listed like changed items, in the same transaction: the index removes ids the store no longer has.
        self._changed("INSERT INTO unindexed_items SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", (ids,))
        if items:
            self._bump("items_version")
        return Removed(items=items, events=events)

    def erase_user(self, user: str) -> Removed:
        """Remove every event of one user (feedback included)."""
        self._require_transaction()
        return Removed(events=self._changed('DELETE FROM events WHERE "user" = %s', (user,)))

    def wipe_free_space(self) -> None:
        """Make the space of deleted rows reusable (VACUUM). PostgreSQL overwrites it only as new rows come, and
        its write-ahead log and any backups keep old rows for their own retention: see docs/deploy.md."""
        self._changed("VACUUM events")

    def _bump(self, counter: str) -> None:
        self._changed("INSERT INTO meta (key, value) VALUES (%s, '1') "
                      "ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text", (counter,))

    def mark_indexed(self, item_ids: Iterable[str]) -> None:
        """The item index took these items in: they leave `unindexed_item_ids`."""
        self._changed("DELETE FROM unindexed_items WHERE id = ANY(%s)", ([str(item_id) for item_id in item_ids],))

    # -- reads ---------------------------------------------------------------------------------------------
    def unindexed_item_ids(self) -> list[str]:
        """Items changed by an ingest that the item index has not taken in yet."""
        return [row[0] for row in self._rows("SELECT id FROM unindexed_items ORDER BY id")]

    def _count(self, table: str) -> int:
        return int(self._one(f"SELECT COUNT(*) FROM {table}")[0])  # noqa: S608 - a table name of ours

    def content_hashes(self) -> dict[str, str]:
        return dict(self._rows("SELECT id, content_hash FROM items"))

    def item_ids(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT id FROM items")}

    def has_item(self, item_id: str) -> bool:
        return self._one("SELECT 1 FROM items WHERE id = %s", (item_id,)) is not None

    def get_items(self, item_ids: Sequence[str]) -> dict[str, Item]:
        """The stored items among `item_ids`, by id; unknown ids are left out."""
        rows = self._rows("SELECT * FROM items WHERE id = ANY(%s)", (list(item_ids),))
        return {row[0]: _item_from_row(row) for row in rows}

    def _stream(self, sql: str) -> Iterator[tuple]:
        """A whole table's rows, a batch at a time (a server-side cursor), or at once inside a transaction."""
        if self.in_transaction:
            yield from self._rows(sql)
            return
        with self._connection() as connection, connection.transaction():
            with connection.cursor(name="recagent_stream") as cursor:
                cursor.itersize = _ITER_ROWS
                cursor.execute(sql)
                yield from cursor

    def iter_items(self) -> Iterator[Item]:
        for row in self._stream("SELECT * FROM items ORDER BY id"):
            yield _item_from_row(row)

    def iter_events(self) -> Iterator[Event]:
        """Every positive event (dislikes left out), ordered by user then time."""
        for user, item, timestamp, kind, value in self._stream(
            f'SELECT "user", item, timestamp, kind, value FROM events WHERE {_POSITIVE} '
            'ORDER BY "user", timestamp, item'
        ):
            yield Event(user, item, timestamp, kind, value)

    def has_user(self, user: str) -> bool:
        return self._one('SELECT 1 FROM events WHERE "user" = %s LIMIT 1', (user,)) is not None

    def user_history(self, user: str) -> list[str]:
        """The items a user interacted with, oldest first, each once (at its latest interaction); no dislikes."""
        rows = self._rows(
            f'SELECT item FROM events WHERE "user" = %s AND {_POSITIVE} GROUP BY item ORDER BY MAX(timestamp), item',
            (user,))
        return [row[0] for row in rows]

    def users(self, limit: int | None = None) -> list[str]:
        sql = 'SELECT "user" FROM events GROUP BY "user" ORDER BY COUNT(*) DESC, "user"'
        rows = self._rows(sql + (" LIMIT %s" if limit else ""), (limit,) if limit else ())
        return [row[0] for row in rows]

    def item_popularity(self, since: float | None = None) -> list[tuple[str, int]]:
        """(item id, number of events) for every item with events (at or after `since`), most popular first."""
        where, args = (f"WHERE {_POSITIVE} AND timestamp >= %s", (since,)) if since is not None else (
            f"WHERE {_POSITIVE}", ())
        return [(item, int(n)) for item, n in self._rows(
            f"SELECT item, COUNT(*) AS n FROM events {where} GROUP BY item ORDER BY n DESC, item", args)]

    def co_chosen(self, item_ids: Sequence[str], users: int) -> list[tuple[str, int]]:
        """(item id, how many of the people who chose any of `item_ids` chose it too) for every other item they chose,
        reading at most `users` of those people (the first by id: an item thousands chose is read from a sample)."""
        if not item_ids:
            return []
        return [(item, int(n)) for item, n in self._rows(
            f'SELECT item, COUNT(DISTINCT "user") FROM events WHERE {_POSITIVE} AND NOT item = ANY(%s) AND "user" IN '
            f'(SELECT DISTINCT "user" FROM events WHERE item = ANY(%s) AND {_POSITIVE} ORDER BY "user" LIMIT %s) '
            "GROUP BY item", (list(item_ids), list(item_ids), users))]

    def item_ratings(self) -> list[tuple[str, int, float]]:
        """(item id, number of ratings, mean rating) for every item rated: events of kind "rating" with a value."""
        return [(item, int(n), float(mean)) for item, n, mean in self._rows(
            "SELECT item, COUNT(*), AVG(value) FROM events WHERE kind = 'rating' AND value IS NOT NULL "
            'GROUP BY item ORDER BY item')]

    def time_span(self) -> tuple[float | None, float | None]:
        """The first and last event times, or (None, None) without events."""
        first, last = self._one("SELECT MIN(timestamp), MAX(timestamp) FROM events")
        return first, last

    def category_names(self) -> list[str]:
        """Every category some item has, sorted."""
        rows = self._rows('SELECT DISTINCT value COLLATE "C" FROM items, '
                          "jsonb_array_elements_text(items.categories::jsonb) ORDER BY 1")
        return [row[0] for row in rows]

    def metadata_fields(self) -> dict[str, set[str]]:
        """Every metadata key some item has, with the JSON types of its values ("integer", "real", "text"...)."""
        rows = self._rows(f"SELECT DISTINCT key, {_JSON_TYPE} FROM items, jsonb_each(items.metadata::jsonb)")
        fields: dict[str, set[str]] = {}
        for key, kind in rows:
            fields.setdefault(key, set()).add(kind)
        return fields

    def stats(self) -> StoreStats:
        kinds = {kind: int(n)
                 for kind, n in self._rows("SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind")}
        first, last = self.time_span()
        categories = self._one("SELECT COUNT(DISTINCT value) FROM items, "
                               "jsonb_array_elements_text(items.categories::jsonb)")[0]
        return StoreStats(
            items=self._count("items"),
            users=int(self._one('SELECT COUNT(DISTINCT "user") FROM events')[0]),
            events=sum(kinds.values()),
            event_kinds=kinds,
            categories=int(categories),
            first_timestamp=first,
            last_timestamp=last,
        )

    def dump(self) -> tuple[list[tuple], list[tuple]]:
        """Every item and event row, sorted: lets tests prove a failed ingest changed nothing."""
        items = self._rows("SELECT * FROM items ORDER BY id")
        events = self._rows('SELECT * FROM events ORDER BY "user", timestamp, item, kind')
        return items, events


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

