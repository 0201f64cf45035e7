"""Built-in vector search: candidates similar to the request's query or recent items, and an index kept current.

The first build is explicit (`recagent index build`, or `sync_index`), because embedding a large catalog
takes minutes on a CPU; from then on every ingest re-embeds just the items it changed. Chroma and the
embedding model load on the first hook call that needs them, never at import time.
"""

from __future__ import annotations

import warnings
from collections import OrderedDict
from typing import TYPE_CHECKING

from recagent.errors import RecagentWarning
from recagent.host import hookimpl
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from recagent.types import RecommendRequest
    from recagent.vectorstore import ItemIndex
    from recagent.workspace import Workspace

# Opening Chroma and loading a model cost seconds, while hooks run on every request: keep a few open.
_OPEN: OrderedDict[tuple, ItemIndex] = OrderedDict()
_MAX_OPEN = 4


def item_index(workspace: Workspace) -> ItemIndex:
    """The workspace's item index, opened once per process and settings."""
    from recagent.vectorstore import ItemIndex

    settings = workspace.settings
    key = (str(workspace.path.resolve()), settings.chroma_url, settings.index_collection, settings.embedding_model,
           settings.index_text_fields)
    if key not in _OPEN:
        _OPEN[key] = ItemIndex.open(settings)
        while len(_OPEN) > _MAX_OPEN:
            _OPEN.popitem(last=False)
    _OPEN.move_to_end(key)
    return _OPEN[key]


def built_index(workspace: Workspace) -> ItemIndex | None:
    """The workspace's item index if it has been built, else None."""
    from recagent.vectorstore.client import CHROMA_FOLDER

    # An embedded index that was never built has no folder: answer without importing Chroma.
    if not workspace.settings.chroma_url and not (workspace.path / CHROMA_FOLDER).is_dir():
        return None
    index = item_index(workspace)
    return index if index.exists() else None


@hookimpl
def catalog_updated(item_ids: Sequence[str], workspace: Workspace) -> None:
    if not workspace.settings.index_on_ingest:
        return
    index = built_index(workspace)
    if index is None:
        return
    items = workspace.store.get_items(list(item_ids))
    index.upsert(items[item_id] for item_id in item_ids if item_id in items)


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not (request.query or request.history):
        return None
    index = built_index(workspace)
    if index is None or index.count() == 0:
        if request.query:
            warnings.warn(
                f"the item index is not built, so {request.query!r} is not matched by meaning; "
                "run `recagent index build` once", RecagentWarning, stacklevel=2,
            )
        return None
    limit = request.candidate_limit
    # With a query, this source answers the query only: the ranker puts its matches first and orders them
    # by the user's interests (search, then personalise). Without one, items like the recent ones.
    if request.query:
        hits = index.query(request.query, k=limit, filters=request.filters, metadata=False)
        return [ScoredItem(hit.item_id, max(0.0, hit.score), f"matches {request.query!r}") for hit in hits]
    hits = index.for_history(request.history, k=limit, filters=request.filters, metadata=False)
    return [ScoredItem(hit.item_id, max(0.0, hit.score), "like your recent items") for hit in hits]


@hookimpl
def item_vectors(item_ids: Sequence[str], workspace: Workspace) -> dict[str, list[float]] | None:
    index = built_index(workspace)
    if index is None:
        return None
    return {item_id: vector.tolist() for item_id, vector in index.vectors(list(item_ids)).items()} or None
