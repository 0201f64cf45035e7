"""Built-in popularity candidates: the items with the most events, a baseline and the cold-start answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recagent.host import hookimpl
from recagent.catalog_facts import catalog_facts
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace


@hookimpl(trylast=True)
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem]:
    facts = catalog_facts(workspace)
    if not len(facts.by_popularity):
        return []
    top = float(facts.counts[facts.by_popularity[0]])
    seen = set(request.history) if request.exclude_seen else set()
    proposed = []
    # Only the head of the ranking can be proposed: never convert the whole catalog's order to a list.
    for row in facts.by_popularity[: request.candidate_limit + len(seen)].tolist():
        item_id, count = facts.ids[row], int(facts.counts[row])
        if item_id not in seen:
            proposed.append(ScoredItem(item_id, count / top, f"popular: {count} interaction{'s' if count != 1 else ''}"))
            if len(proposed) == request.candidate_limit:
                break
    return proposed
