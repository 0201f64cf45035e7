"""Where chat sessions live: the LangGraph checkpoints (messages and state) and the list of sessions.

By default, two SQLite files in the workspace (`sessions.sqlite`, `session-list.sqlite`). With `store_url`
naming a PostgreSQL database, both live there, beside the store: LangGraph's PostgresSaver and
AsyncPostgresSaver for the checkpoints and a `chat_sessions` table for the list, so every server on that
database continues any session.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recagent.errors import StoreError, UnknownSessionError

__all__ = ["SessionInfo", "SessionRegistry", "PostgresSessionRegistry", "SessionStorage", "session_storage",
           "session_registry", "SESSIONS_FILE", "SESSION_LIST_FILE"]

SESSIONS_FILE = "sessions.sqlite"  # the LangGraph checkpoints: every session's messages and state
# The list of sessions lives in a file of its own: under load, its small writes would otherwise wait behind
# a stream of checkpoint writes from another connection (SQLite lets one writer in at a time per file).
SESSION_LIST_FILE = "session-list.sqlite"
_REGISTRY = """
CREATE TABLE IF NOT EXISTS chat_sessions (
    id TEXT PRIMARY KEY,
    user TEXT,
    title TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL
)
"""
_POSTGRES_REGISTRY = """
CREATE TABLE IF NOT EXISTS chat_sessions (
    id TEXT COLLATE "C" PRIMARY KEY,
    "user" TEXT COLLATE "C",
    title TEXT NOT NULL DEFAULT '',
    created DOUBLE PRECISION NOT NULL,
    updated DOUBLE PRECISION NOT NULL
)
"""
# Servers starting together take turns creating the tables (CREATE TABLE IF NOT EXISTS races otherwise).
_SETUP_LOCK = 727_114_002
_SETUP_POLL_SECONDS = 0.1


def _dict_rows(cursor: Any) -> Any:
    from psycopg.rows import dict_row

    return dict_row(cursor)


# What LangGraph's savers need of a connection: autocommit, no prepared statements, rows as dicts.
_CONNECTION = {"autocommit": True, "prepare_threshold": 0, "row_factory": _dict_rows}


@dataclass(frozen=True)
class SessionInfo:
    """A chat session as listed: id, user, first message, times."""

    id: str
    user: str | None
    title: str
    created: float
    updated: float


def _new_session(user: str | None) -> SessionInfo:
    now = time.time()
    return SessionInfo(uuid.uuid4().hex[:12], user, "", now, now)


def _title(message: str) -> str:
    return " ".join(message.split())[:80]


class SessionRegistry:
    """The workspace's chat sessions (id, user, first message, times), in `session-list.sqlite`."""

    def __init__(self, workspace_path: str | Path) -> None:
        path = Path(workspace_path) / SESSION_LIST_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        # Several server processes may share the file: wait (the timeout) for each other's writes.
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA secure_delete=ON")  # a deleted session's first message is overwritten
        self.db.execute(_REGISTRY)
        self.lock = threading.Lock()

    def close(self) -> None:
        self.db.close()

    def create(self, user: str | None) -> SessionInfo:
        info = _new_session(user)
        self._write("INSERT INTO chat_sessions VALUES (?, ?, ?, ?, ?)",
                    (info.id, info.user, info.title, info.created, info.updated))
        return info

    def _write(self, sql: str, args: tuple) -> None:
        """One write, tried again for a while when SQLite answers "database is locked" at once.

        The busy timeout covers most waits for another server process, but not all: SQLite returns some
        busy states without waiting (seen once in CI: a session created while the other worker wrote failed
        with HTTP 500).
        """
        deadline = time.monotonic() + 30
        while True:
            try:
                with self.lock:
                    self.db.execute(sql, args)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def get(self, session_id: str) -> SessionInfo:
        # Reads take the lock too and finish their statement, so no statement of this connection (shared by
        # the server's threads) stays open while another thread writes.
        with self.lock:
            rows = self.db.execute("SELECT * FROM chat_sessions WHERE id = ?", (str(session_id),)).fetchall()
        if not rows:
            raise UnknownSessionError(str(session_id))
        return SessionInfo(*rows[0])

    def sessions(self, user: str | None = None) -> list[SessionInfo]:
        """Sessions, most recent first; only one user's when `user` is given."""
        sql, args = "SELECT * FROM chat_sessions", tuple[str, ...]()
        if user is not None:
            sql, args = sql + " WHERE user = ?", (str(user),)
        with self.lock:
            rows = self.db.execute(sql + " ORDER BY updated DESC, id", args).fetchall()
        return [SessionInfo(*row) for row in rows]

    def delete(self, session_id: str) -> None:
        self._write("DELETE FROM chat_sessions WHERE id = ?", (session_id,))

    def wipe_free_space(self) -> None:
        """Fold the write-ahead log into the file, so deleted rows survive in neither."""
        with self.lock:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def touch(self, session_id: str, message: str) -> None:
        self._write("UPDATE chat_sessions SET updated = ?, title = CASE WHEN title = '' THEN ? ELSE title END "
                    "WHERE id = ?", (time.time(), _title(message), session_id))


class PostgresSessionRegistry:
    """The list of chat sessions in the `chat_sessions` table of a PostgreSQL database (a pool's connections)."""

    def __init__(self, pool: Any, *, owns_pool: bool = False) -> None:
        self.pool, self.owns_pool = pool, owns_pool
        with pool.connection() as connection:
            connection.execute(_POSTGRES_REGISTRY)

    def close(self) -> None:
        if self.owns_pool:  # otherwise the pool is the storage's, which closes it
            self.pool.close()

    def _rows(self, sql: str, args: tuple = ()) -> list[SessionInfo]:
        with self.pool.connection() as connection:
            rows = connection.execute(sql, args).fetchall()
        return [SessionInfo(row["id"], row["user"], row["title"], row["created"], row["updated"]) for row in rows]

    def _execute(self, sql: str, args: tuple = ()) -> None:
        with self.pool.connection() as connection:
            connection.execute(sql, args)

    def create(self, user: str | None) -> SessionInfo:
        info = _new_session(user)
        self._execute("INSERT INTO chat_sessions VALUES (%s, %s, %s, %s, %s)",
                      (info.id, info.user, info.title, info.created, info.updated))
        return info

    def get(self, session_id: str) -> SessionInfo:
        rows = self._rows("SELECT * FROM chat_sessions WHERE id = %s", (str(session_id),))
        if not rows:
            raise UnknownSessionError(str(session_id))
        return rows[0]

    def sessions(self, user: str | None = None) -> list[SessionInfo]:
        """Sessions, most recent first; only one user's when `user` is given."""
        if user is None:
            return self._rows("SELECT * FROM chat_sessions ORDER BY updated DESC, id")
        return self._rows('SELECT * FROM chat_sessions WHERE "user" = %s ORDER BY updated DESC, id', (str(user),))

    def delete(self, session_id: str) -> None:
        self._execute("DELETE FROM chat_sessions WHERE id = %s", (session_id,))

    def wipe_free_space(self) -> None:
        """PostgreSQL reuses the space of deleted rows after a VACUUM (see docs/deploy.md)."""
        self._execute("VACUUM chat_sessions")

    def touch(self, session_id: str, message: str) -> None:
        self._execute("UPDATE chat_sessions SET updated = %s, title = CASE WHEN title = '' THEN %s ELSE title END "
                      "WHERE id = %s", (time.time(), _title(message), session_id))


class SessionStorage:
    """The registry and the checkpointers of one workspace's sessions; `async_checkpointer` for asyncio code."""

    def __init__(self, registry: Any, checkpointer: Any) -> None:
        self.registry, self.checkpointer = registry, checkpointer

    async def async_checkpointer(self) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        self.registry.close()

    async def aclose(self) -> None:
        """Close what `async_checkpointer` opened."""

    def wipe_free_space(self) -> None:
        """After deletions: make sure deleted rows survive in no file (SQLite) or become reusable (PostgreSQL)."""
        self.registry.wipe_free_space()


class _SqliteStorage(SessionStorage):
    def __init__(self, path: Path) -> None:
        from langgraph.checkpoint.sqlite import SqliteSaver

        self.path = path / SESSIONS_FILE
        self._connection = sqlite3.connect(self.path, check_same_thread=False, timeout=60)
        self._connection.execute("PRAGMA secure_delete=ON")  # a deleted session's messages are overwritten
        self._async_connection: Any = None
        super().__init__(SessionRegistry(path), SqliteSaver(self._connection))

    async def async_checkpointer(self) -> Any:
        import aiosqlite
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        connection = await aiosqlite.connect(self.path, timeout=60)  # the busy timeout, as above
        await connection.execute("PRAGMA secure_delete=ON")
        self._async_connection = connection
        return AsyncSqliteSaver(connection)

    async def aclose(self) -> None:
        if self._async_connection is not None:
            await self._async_connection.close()
            self._async_connection = None

    def close(self) -> None:
        super().close()
        self._connection.close()

    def wipe_free_space(self) -> None:
        # Old copies of deleted pages live on in the write-ahead logs until they are folded in.
        self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        super().wipe_free_space()


class _PostgresStorage(SessionStorage):
    def __init__(self, url: str) -> None:
        try:
            from langgraph.checkpoint.postgres import PostgresSaver
        except ImportError:
            raise StoreError("chat sessions on PostgreSQL (store_url) need langgraph-checkpoint-postgres: "
                             "pip install 'recagent[postgres]'") from None

        self.url = url
        self._pool = _postgres_pool(url, "recagent-sessions")
        self._async_pool: Any = None
        try:
            checkpointer = PostgresSaver(self._pool)
            with self._pool.connection() as connection:
                # Waiting by polling, each try a statement of its own: LangGraph's migrations create indexes
                # CONCURRENTLY, which waits for every transaction begun before it, and a server blocked inside
                # pg_advisory_lock is one, so the two would wait for each other for good.
                while not connection.execute("SELECT pg_try_advisory_lock(%s) AS taken",
                                             (_SETUP_LOCK,)).fetchone()["taken"]:
                    time.sleep(_SETUP_POLL_SECONDS)
                try:
                    checkpointer.setup()
                    registry = PostgresSessionRegistry(self._pool)
                finally:
                    connection.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))
        except BaseException:
            self._pool.close()
            raise
        super().__init__(registry, checkpointer)

    async def async_checkpointer(self) -> Any:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg_pool import AsyncConnectionPool

        self._async_pool = AsyncConnectionPool(self.url, min_size=1, max_size=8, kwargs=_CONNECTION, open=False,
                                               timeout=60, name="recagent-sessions-async")
        await self._async_pool.open()
        return AsyncPostgresSaver(self._async_pool)

    async def aclose(self) -> None:
        if self._async_pool is not None:
            await self._async_pool.close()
            self._async_pool = None

    def close(self) -> None:
        super().close()
        self._pool.close()


def _postgres_pool(url: str, name: str) -> Any:
    from psycopg_pool import ConnectionPool

    return ConnectionPool(url, min_size=1, max_size=8, kwargs=_CONNECTION, open=True, timeout=60, name=name)


def session_registry(workspace_path: str | Path, store_url: str | None) -> SessionRegistry | PostgresSessionRegistry:
    """The list of sessions alone (no checkpoints), for listing them without a chat agent; close it after use."""
    if store_url:
        return PostgresSessionRegistry(_postgres_pool(str(store_url), "recagent-session-list"), owns_pool=True)
    return SessionRegistry(workspace_path)


def session_storage(workspace_path: str | Path, store_url: str | None) -> SessionStorage:
    """The sessions of a workspace: in its folder, or in the PostgreSQL database `store_url` names."""
    if store_url:
        return _PostgresStorage(str(store_url))
    return _SqliteStorage(Path(workspace_path))
