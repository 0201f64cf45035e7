"""What index operations return: query hits, write reports and the index's status."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["IndexHit", "WriteReport", "IndexStatus"]


@dataclass(frozen=True, slots=True)
class IndexHit:
    """An item found by a query: its id, cosine similarity (higher is closer) and stored metadata."""

    item_id: str
    score: float
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))


@dataclass
class WriteReport:
    """What an upsert or a build did to the index."""

    embedded: int = 0
    reused: int = 0
    metadata_only: int = 0
    unchanged: int = 0
    deleted: int = 0
    seconds: float = 0.0
    set_aside: str | None = None  # where a rebuild moved the damaged index it replaced

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class IndexStatus:
    """Where the index lives, which model built it, and how far it is behind the store."""

    location: str
    collection: str
    model: str
    items: int
    store_items: int | None = None
    to_embed: int | None = None
    to_update: int | None = None
    to_delete: int | None = None
    pending_embeddings: int = 0
    rebuilding: int | None = None  # items a rebuild in progress has written to the index that will replace this one

    @property
    def up_to_date(self) -> bool | None:
        if self.to_embed is None:
            return None
        return not (self.to_embed or self.to_update or self.to_delete)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "up_to_date": self.up_to_date}
