"""Erasing one user's chat sessions: their messages, state and listing, overwritten on disk, not only unlinked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from recagent.agent.session import SESSIONS_FILE, SessionRegistry

__all__ = ["erase_user_sessions"]


def erase_user_sessions(workspace_path: str | Path, user: str) -> int:
    """Delete every session of `user` (anonymous sessions name no user and are left); returns how many.

    Works without a chat model, beside a running server: SQLite lets the connections take turns.
    """
    from langgraph.checkpoint.sqlite import SqliteSaver

    registry = SessionRegistry(workspace_path)
    try:
        sessions = registry.sessions(user)
        if not sessions:
            return 0
        checkpoints = sqlite3.connect(Path(workspace_path) / SESSIONS_FILE, check_same_thread=False, timeout=60)
        try:
            checkpoints.execute("PRAGMA secure_delete=ON")
            saver = SqliteSaver(checkpoints)
            for info in sessions:
                saver.delete_thread(info.id)
                registry.delete(info.id)
            # Old copies of the deleted pages live on in the write-ahead logs until they are folded in.
            checkpoints.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            checkpoints.close()
        registry.wipe_free_space()
        return len(sessions)
    finally:
        registry.close()
