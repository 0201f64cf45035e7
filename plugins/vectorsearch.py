"""Built-in candidate source by meaning: items that match the request's query, or that are like its recent items.

The item index itself is the catalog's (`workspace.catalog`), a core service: disabling this plugin removes
this source of candidates, while the chat, the HTTP API and the SDK still search the catalog by meaning.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from recagent.errors import RecagentWarning
from recagent.host import hookimpl
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.types import RecommendRequest
    from recagent.workspace import Workspace


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not (request.query or request.history):
        return None
    catalog = workspace.catalog
    if catalog.built_index() is None:
        if request.query:
            warnings.warn(
                f"the item index is not built, so {request.query!r} is not matched by meaning; "
                "run `recagent index build` once", RecagentWarning, stacklevel=2,
            )
        return None
    limit = request.candidate_limit
    # With a query, this source answers the query only, and says so: the ranker puts such matches first
    # and orders them by the user's interests (search, then personalise). Without one, items like the
    # recent ones.
    if request.query:
        return [ScoredItem(hit.item_id, hit.score, "matches what you asked for", matches_query=True)
                for hit in catalog.search(request.query, k=limit, filters=request.filters)]
    return [ScoredItem(hit.item_id, hit.score, "like your recent items")
            for hit in catalog.like_history(request.history, k=limit, filters=request.filters)]
