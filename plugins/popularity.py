"""Built-in popularity candidates: the items with the most events, a baseline and the cold-start answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recagent.host import hookimpl
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace

# Counts are cached per store version: the query scans every event, while requests come often.
_cache: dict[tuple[str, int], list[tuple[str, int]]] = {}


def popularity(workspace: Workspace) -> list[tuple[str, int]]:
    """(item id, events) for every item with events, most popular first."""
    store = workspace.store
    key = (str(store.path), store.version)
    if key not in _cache:
        _cache.clear()
        _cache[key] = store.item_popularity()
    return _cache[key]


@hookimpl(trylast=True)
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem]:
    counts = popularity(workspace)
    if not counts:
        return []
    top = counts[0][1]
    seen = set(request.history) if request.exclude_seen else set()
    proposed = []
    for item_id, count in counts:
        if item_id not in seen:
            proposed.append(ScoredItem(item_id, count / top, f"popular: {count} interaction{'s' if count != 1 else ''}"))
            if len(proposed) == request.candidate_limit:
                break
    return proposed
