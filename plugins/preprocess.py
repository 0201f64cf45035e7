"""Built-in preprocessing: clean item text, merge duplicate items, and filter and order events.

Settings: `rating_threshold` (explicit ratings to implicit feedback) and `kcore` (k-core filtering).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Set
from typing import TYPE_CHECKING

from recagent.host import hookimpl
from recagent.types import Event, Item

if TYPE_CHECKING:
    from recagent.ingest import IngestReport
    from recagent.workspace import Workspace

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Unescape HTML entities, drop tags, normalise Unicode (NFC) and collapse whitespace."""
    text = _TAG.sub(" ", html.unescape(text))
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _SPACE.sub(" ", text).strip()


def _merge(old: Item, new: Item) -> Item:
    """Later non-empty fields win; categories are united and metadata merged."""
    return Item(
        id=old.id,
        title=new.title if new.title and new.title != new.id else old.title,
        text=new.text or old.text,
        categories=tuple(dict.fromkeys(old.categories + new.categories)),
        metadata={**old.metadata, **new.metadata},
    )


@hookimpl(tryfirst=True)
def preprocess_items(items: list[Item], report: IngestReport) -> list[Item]:
    merged: dict[str, Item] = {}
    cleaned = 0
    for item in items:
        title, text = clean_text(item.title) or item.id, clean_text(item.text)
        categories = tuple(dict.fromkeys(c for c in (clean_text(c) for c in item.categories) if c))
        metadata = {k: clean_text(v) if isinstance(v, str) else v for k, v in item.metadata.items()}
        if (title, text, categories, metadata) != (item.title, item.text, item.categories, dict(item.metadata)):
            cleaned += 1
            item = Item(item.id, title, text, categories, metadata)
        merged[item.id] = _merge(merged[item.id], item) if item.id in merged else item
    report.count("items with cleaned text", cleaned, dropped=False)
    report.count("duplicate items merged", len(items) - len(merged))
    return list(merged.values())


def _kcore(events: list[Event], k: int) -> list[Event]:
    """Repeatedly drop users and items with fewer than k events until every one has at least k."""
    while True:
        users = Counter(e.user for e in events)
        items = Counter(e.item for e in events)
        kept = [e for e in events if users[e.user] >= k and items[e.item] >= k]
        if len(kept) == len(events):
            return kept
        events = kept


@hookimpl(tryfirst=True)
def preprocess_events(
    events: list[Event], item_ids: Set[str], workspace: Workspace, report: IngestReport
) -> list[Event]:
    known = [e for e in events if e.item in item_ids]
    report.count("events for unknown items", len(events) - len(known))
    threshold = workspace.settings.rating_threshold
    if threshold is not None:
        kept = [e for e in known if e.value is None or e.value >= threshold]
        report.count(f"events with a value below {threshold:g}", len(known) - len(kept))
        known = kept
    k = workspace.settings.kcore
    if k > 1:
        kept = _kcore(known, k)
        report.count(f"events outside the {k}-core", len(known) - len(kept))
        known = kept
    # Stable sort: events at the same time keep their order in the file.
    return sorted(known, key=lambda e: e.timestamp)
