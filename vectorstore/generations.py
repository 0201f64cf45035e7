"""Generations of the item index: a rebuild fills a new collection beside the one in use, then switches to it.

Each generation is one Chroma collection: the configured name (`items`) for the first, `items-gen1`,
`items-gen2`... for those of later rebuilds. Its state is kept in the collection's own metadata, so that every
process sharing the index (embedded in one folder, or on a Chroma server) sees the same thing:

- `live`: complete; the live generation with the highest number is the one in use;
- `building`: being filled by a rebuild, whose process it names, and not searched;
- `replaced`: superseded by a newer live generation and about to be deleted.

Marking a finished generation live is the switch: one metadata write after its last batch. A rebuild that dies
before it leaves the generation in use untouched, and its half-built collection is removed by the next build.
"""

from __future__ import annotations

import os
import re
import socket
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Generation", "list_generations", "generation_name", "in_use", "new_builder", "builder_done",
           "STATE", "NUMBER", "BASE", "BUILDER", "WRITTEN_AT", "LIVE", "BUILDING", "REPLACED"]

STATE, NUMBER, BASE, BUILDER, WRITTEN_AT = "state", "generation", "base", "builder", "written_at"
LIVE, BUILDING, REPLACED = "live", "building", "replaced"
# A build writes a batch every few seconds; one silent this long was given up (on another machine, say).
ABANDONED_AFTER = 3600.0

_building_here: set[str] = set()  # builders of the rebuilds running in this process


def generation_name(base: str, number: int) -> str:
    return base if number == 0 else f"{base}-gen{number}"


@dataclass(frozen=True)
class Generation:
    """One collection of the index, with its number and the metadata that holds its state."""

    name: str
    number: int
    metadata: Mapping[str, Any]

    @property
    def state(self) -> str:
        return str(self.metadata.get(STATE, LIVE))  # an index built before generations existed is live

    def abandoned(self) -> bool:
        """Whether this generation was being built by a process that is gone (or silent for an hour)."""
        if self.state != BUILDING:
            return False
        if time.time() - float(self.metadata.get(WRITTEN_AT, 0.0)) > ABANDONED_AFTER:
            return True
        builder = str(self.metadata.get(BUILDER, ""))
        host, _, rest = builder.partition(":")
        pid, _, _ = rest.partition(":")
        if host != socket.gethostname() or not pid.isdigit():
            return False  # another machine's build: only its silence tells
        if int(pid) == os.getpid():
            return builder not in _building_here
        return not _running(int(pid))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _number(base: str, name: str, metadata: Mapping[str, Any]) -> int | None:
    if name == base:
        return 0
    match = re.fullmatch(re.escape(base) + r"-gen(\d+)", name)
    if match is None or metadata.get(BASE) != base:
        return None
    return int(match.group(1))


def list_generations(client: Any, base: str) -> list[Generation]:
    """Every generation of the index named `base`, oldest first."""
    found = []
    for collection in client.list_collections():
        metadata = dict(collection.metadata or {})
        number = _number(base, collection.name, metadata)
        if number is not None:
            found.append(Generation(collection.name, number, metadata))
    return sorted(found, key=lambda generation: generation.number)


def in_use(generations: list[Generation]) -> Generation | None:
    """The generation that answers searches: the newest live one."""
    live = [generation for generation in generations if generation.state == LIVE]
    return live[-1] if live else None


def new_builder() -> str:
    """A name for a rebuild starting in this process: machine, process id and a token."""
    builder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"
    _building_here.add(builder)
    return builder


def builder_done(builder: str) -> None:
    _building_here.discard(builder)
