"""The S3-Rec sequence format: one line per user, `user item item ...`, oldest item first."""

from __future__ import annotations

from pathlib import Path

from recagent.errors import IngestError
from recagent.readers.text import read_text
from recagent.types import Event, Item

__all__ = ["read_s3rec"]


def read_s3rec(path: Path, *, encoding: str | None = None) -> tuple[list[Event], list[Item]]:
    """Events in sequence order (the position is the timestamp) and a bare item for every item id."""
    events: list[Event] = []
    item_ids: dict[str, None] = {}
    users: set[str] = set()
    for number, line in enumerate(read_text(path, encoding).splitlines(), start=1):
        tokens = line.split()
        if not tokens:
            continue
        if len(tokens) < 2:
            raise IngestError("expected a user id followed by at least one item id", path=str(path), line=number)
        user, sequence = tokens[0], tokens[1:]
        if user in users:
            raise IngestError(f"user {user!r} has a second line; each user has exactly one", path=str(path), line=number)
        users.add(user)
        for position, item in enumerate(sequence):
            events.append(Event(user, item, float(position), "interaction", None))
            item_ids[item] = None
    if not events:
        raise IngestError("the file is empty; expected lines of 'user item item ...'", path=str(path))
    return events, [Item(item_id, f"Item {item_id}") for item_id in item_ids]
