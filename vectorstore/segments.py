"""Removing the HNSW folders of deleted collections, which embedded Chroma 1.x leaves on disk.

Chroma deletes a collection's rows but not its vector segment's folder (chroma-core/chroma#5259, open for
Chroma 1.0.15 and later), so every `recagent index build --rebuild` would leave the previous index's
vectors behind: about 15 MB for 10k items, 150 MB for 100k. A folder is removed only when it is named like
a segment id, holds an HNSW index, and no segment row in Chroma's database names it.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

__all__ = ["remove_orphaned_segments"]

_DATABASE = "chroma.sqlite3"


def _is_segment_id(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def _live_segment_ids(chroma_folder: Path) -> set[str] | None:
    database = (chroma_folder / _DATABASE).resolve()  # as_uri() refuses a relative path
    if not database.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=5)) as connection:
            return {str(row[0]) for row in connection.execute("SELECT id FROM segments")}
    except sqlite3.Error:
        return None  # not the layout this was written for: leave everything as it is


def remove_orphaned_segments(chroma_folder: Path) -> int:
    """Delete segment folders that no collection uses any more; returns how many were removed."""
    if not chroma_folder.is_dir():
        return 0
    # Folders are listed before the segment rows are read: a collection created meanwhile by another client
    # has its row before its folder (the folder comes with its first write), so it is never taken for dead.
    candidates = [folder for folder in chroma_folder.iterdir()
                  if folder.is_dir() and _is_segment_id(folder.name) and (folder / "header.bin").is_file()]
    live = _live_segment_ids(chroma_folder)
    if live is None:
        return 0
    removed = 0
    for folder in candidates:
        if folder.name not in live:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed
