"""A damaged index: telling Chroma's errors for an unreadable database apart, and setting its folder aside.

A truncated or overwritten `chroma.sqlite3` makes Chroma raise a generic InternalError that mostly carries
SQLite's own words: "(code: 26) file is not a database" or "(code: 11) database disk image is malformed".
Not always: garbage over the pages of Chroma's write log made it say "Failed to pull logs from the log
store". So for an index in the workspace, any other unexpected error of Chroma's is followed by SQLite's
own check of the file (`PRAGMA quick_check`, milliseconds for a 6 MB file), which tells damage from the rest.
"""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from recagent.errors import IndexDamagedError

__all__ = ["is_damage", "sqlite_problem", "damage_error", "forget_chroma_system", "set_aside", "DATABASE"]

DATABASE = "chroma.sqlite3"
_SQLITE_DAMAGE = re.compile(r"\(code: (?:11|26)\)|database disk image is malformed|file is not a database")


def is_damage(exc: BaseException) -> bool:
    """Whether an error of Chroma's says that its database file cannot be read."""
    return bool(_SQLITE_DAMAGE.search(str(exc)))


def sqlite_problem(chroma_folder: Path) -> str | None:
    """What SQLite's quick check finds wrong with the folder's database file, None when nothing is."""
    database = (chroma_folder / DATABASE).resolve()
    if not database.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=5)) as connection:
            found = [str(row[0]) for row in connection.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:  # not a database at all, or damaged where the check begins
        return str(exc) if is_damage(exc) or "malformed" in str(exc) else None
    if found == ["ok"]:
        return None
    return "; ".join(line for text in found for line in text.splitlines() if not line.startswith("***"))


def damage_error(exc: BaseException, *, location: str, chroma_folder: Path | None) -> IndexDamagedError | None:
    """The error to raise for an error of Chroma's when it comes from a damaged database, else None.

    The next client of a damaged folder reads its files afresh (another process may rebuild it meanwhile).
    """
    detail = str(exc).strip()
    if not is_damage(exc):
        problem = sqlite_problem(chroma_folder) if chroma_folder is not None else None
        if problem is None:
            return None
        detail = f"{detail}; SQLite's check: {problem}"
    if chroma_folder is None:
        return IndexDamagedError(detail, location=location)
    forget_chroma_system(chroma_folder)
    return IndexDamagedError(detail, location=location, file=chroma_folder / DATABASE, folder=chroma_folder)


def forget_chroma_system(folder: Path) -> None:
    """Drop Chroma's cached system for a folder, so that the next client opens the folder's files again.

    Chroma keeps one system per path for the life of the process, and keeps it even when it failed to start
    (the next client of the path then fails with an AttributeError instead of the real cause). This reaches
    into Chroma's client class for want of a public way to forget one path; where that is not found it does
    nothing.
    """
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:
        return
    for cache in ("_identifier_to_system", "_identifier_to_refcount"):
        found = getattr(SharedSystemClient, cache, None)
        if isinstance(found, dict):
            found.pop(str(folder), None)


def set_aside(folder: Path) -> Path:
    """Move a damaged index folder out of the way, next to where it was; returns where it went."""
    forget_chroma_system(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder.with_name(f"{folder.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = folder.with_name(f"{folder.name}.damaged-{stamp}-{number}")
    folder.rename(target)
    return target
