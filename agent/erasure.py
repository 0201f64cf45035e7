"""Erasing one user's chat sessions: their messages, state and listing, overwritten on disk (SQLite) or left
for PostgreSQL to reuse (VACUUM), not only unlinked."""

from __future__ import annotations

from pathlib import Path

from recagent.agent.session_storage import session_registry, session_storage

__all__ = ["erase_user_sessions"]


def erase_user_sessions(workspace_path: str | Path, user: str, store_url: str | None = None) -> int:
    """Delete every session of `user` (anonymous sessions name no user and are left); returns how many.

    Works without a chat model, beside a running server: SQLite lets the connections take turns, and
    PostgreSQL serves them all.
    """
    listing = session_registry(workspace_path, store_url)
    try:
        sessions = listing.sessions(user)
    finally:
        listing.close()
    if not sessions:
        return 0  # nothing to open: a workspace that never chatted gets no checkpoint file
    storage = session_storage(workspace_path, store_url)
    try:
        for info in sessions:
            storage.checkpointer.delete_thread(info.id)
            storage.registry.delete(info.id)
        storage.wipe_free_space()
        return len(sessions)
    finally:
        storage.close()
