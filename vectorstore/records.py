"""What the index stores for an item: the text that is embedded, filterable metadata and content hashes."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from recagent.errors import IndexInputError
from recagent.types import Item

__all__ = ["IndexRecord", "item_record", "item_records", "says_more_than_its_name", "DEFAULT_TEXT_FIELDS",
           "TEXT_HASH_KEY", "RECORD_HASH_KEY"]

DEFAULT_TEXT_FIELDS = ("title", "categories", "text", "tags")
TEXT_HASH_KEY = "_recagent_text_hash"
RECORD_HASH_KEY = "_recagent_record_hash"
TITLE_KEY = "title"
CATEGORIES_KEY = "categories"
# Names the index uses itself; item metadata may not take them.
RESERVED_KEYS = frozenset({"id", TITLE_KEY, CATEGORIES_KEY, "category", TEXT_HASH_KEY, RECORD_HASH_KEY})


@dataclass(frozen=True, slots=True)
class IndexRecord:
    """One Chroma record: id, embedded text, metadata and the hashes that say what changed."""

    id: str
    document: str
    metadata: dict[str, Any]
    text_hash: str
    record_hash: str


def _digest(payload: Any) -> str:
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def _scalar(item_id: str, key: str, value: Any) -> Any:
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise IndexInputError(
                f"item {item_id!r}: metadata {key!r} is {value!r}; the index stores only finite numbers, "
                "so fix the value or leave the key out"
            )
        return value
    raise IndexInputError(
        f"item {item_id!r}: metadata {key!r} is a {type(value).__name__} ({value!r:.60}); the index stores "
        "only str, int, float or bool values, so flatten it into scalar keys (e.g. 'director') or leave it out"
    )


def item_text(item: Item, fields: Sequence[str] = DEFAULT_TEXT_FIELDS) -> str:
    """The text embedded for an item: the chosen fields (title, categories, text, metadata keys) in order."""
    parts: list[str] = []
    for field in fields:
        if field == "title":
            value = item.title
        elif field in ("categories", "category"):
            value = ", ".join(item.categories)
        elif field == "text":
            value = item.text
        else:
            raw = item.metadata.get(field)
            value = "" if raw is None else f"{field}: {raw}"
        value = value.strip()
        if value:
            parts.append(value)
    return ". ".join(parts)


def says_more_than_its_name(item: Item, fields: Sequence[str] = DEFAULT_TEXT_FIELDS) -> bool:
    """Whether the embedded text of `item` has words beyond its title and categories (a description, tags).

    Without them its vector holds the title's words and year and the categories, and the items nearest it are
    the films of its year and titles sharing a word ("Groundhog Day": "Knight and Day", "Calendar Girl")."""
    return bool(item_text(item, [field for field in fields if field not in ("title", "categories", "category")]))


def item_record(item: Item, fields: Sequence[str] = DEFAULT_TEXT_FIELDS) -> IndexRecord:
    """The record for one item; raises `IndexInputError` for empty text or non-scalar metadata."""
    document = item_text(item, fields)
    if not document:
        raise IndexInputError(
            f"item {item.id!r} has nothing to embed: its {', '.join(fields)} are all empty; "
            "give it a title or text, or choose other index_text_fields"
        )
    metadata: dict[str, Any] = {}
    for key, value in item.metadata.items():
        if key in RESERVED_KEYS:
            raise IndexInputError(
                f"item {item.id!r}: metadata key {key!r} is reserved by the index "
                f"({', '.join(sorted(RESERVED_KEYS))}); rename it"
            )
        if value is not None:  # a missing value and an absent key filter the same way
            metadata[key] = _scalar(item.id, key, value)
    metadata[TITLE_KEY] = item.title
    if item.categories:
        metadata[CATEGORIES_KEY] = [str(category) for category in item.categories]
    text_hash = _digest(document)
    record_hash = _digest([document, metadata])
    metadata[TEXT_HASH_KEY] = text_hash
    metadata[RECORD_HASH_KEY] = record_hash
    return IndexRecord(item.id, document, metadata, text_hash, record_hash)


def item_records(items: Iterable[Item], fields: Sequence[str] = DEFAULT_TEXT_FIELDS) -> list[IndexRecord]:
    """Records for a batch, refusing duplicate ids before any work is done."""
    records: list[IndexRecord] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Item):
            raise IndexInputError(f"expected recagent.Item objects, got a {type(item).__name__}")
        if item.id in seen:
            raise IndexInputError(
                f"item id {item.id!r} appears twice in one batch; pass each item once, in its latest version"
            )
        seen.add(item.id)
        records.append(item_record(item, fields))
    return records
