"""Built-in popularity candidates: the items with the most events, a baseline and the cold-start answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recagent.catalog_facts import catalog_facts, popularity_said
from recagent.filters import compile_filters
from recagent.host import hookimpl
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace

# With filters, how far down the popularity order to look, in multiples of the candidates wanted: "a good movie
# from 2015" finds its hundred among the first few thousand, and a filter nothing passes stops there.
FILTERED_SCAN = 50


@hookimpl(trylast=True)
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem]:
    facts = catalog_facts(workspace)
    if not len(facts.by_popularity):
        return []
    top = float(facts.counts[facts.by_popularity[0]])
    popular = facts.popular_count
    seen = set(request.history) if request.exclude_seen else set()
    limit = request.candidate_limit
    # Only the head of the ranking can be proposed: never convert the whole catalog's order to a list. With
    # filters, the items that pass them: the most popular hundred of any kind hold one film of 2015, if any.
    keep = compile_filters(request.filters) if request.filters else None
    scan = limit + len(seen) if keep is None else FILTERED_SCAN * limit
    proposed: list[ScoredItem] = []
    rows = facts.by_popularity[:scan].tolist()
    step = 2 * limit
    for start in range(0, len(rows), step):
        chunk = [(facts.ids[row], int(facts.counts[row])) for row in rows[start:start + step]]
        chunk = [(item_id, count) for item_id, count in chunk if item_id not in seen]
        if keep is not None:
            items = workspace.store.get_items([item_id for item_id, _ in chunk])
            chunk = [(item_id, count) for item_id, count in chunk if item_id in items and keep(items[item_id])]
        for item_id, count in chunk:
            reason = popularity_said(count, popular)
            proposed.append(ScoredItem(item_id, count / top, reason))
            if len(proposed) == limit:
                return proposed
    return proposed
