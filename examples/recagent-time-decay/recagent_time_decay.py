"""Trending items for recagent: popularity where each interaction counts less the older it is.

An interaction `age` days before the store's latest one counts 0.5 ** (age / half_life). The half-life
is read from RECAGENT_TIME_DECAY_HALF_LIFE_DAYS (default 30). The plugin adds a candidate source
(`candidates`) and a chat tool, `trending_now` (`register_tools`).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict

from recagent import RecommendRequest, ScoredItem, Workspace, hookimpl

DAY = 86_400.0


def half_life_days() -> float:
    raw = os.environ.get("RECAGENT_TIME_DECAY_HALF_LIFE_DAYS", "30")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"RECAGENT_TIME_DECAY_HALF_LIFE_DAYS must be a number of days, got {raw!r}") from None
    if not value > 0:
        raise ValueError(f"RECAGENT_TIME_DECAY_HALF_LIFE_DAYS must be above 0, got {raw!r}")
    return value


def trending(workspace: Workspace) -> list[tuple[str, float]]:
    """(item id, decayed count) for every item with events, most trending first."""
    events = list(workspace.store.iter_events())
    if not events:
        return []
    latest = max(event.timestamp for event in events)
    rate = math.log(2) / (half_life_days() * DAY)
    weights: dict[str, float] = defaultdict(float)
    for event in events:
        weights[event.item] += math.exp(-rate * (latest - event.timestamp))
    return sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    ranked = trending(workspace)
    if not ranked:
        return None
    top = ranked[0][1]
    seen = set(request.history) if request.exclude_seen else set()
    return [
        ScoredItem(item_id, weight / top, "trending lately")
        for item_id, weight in ranked
        if item_id not in seen
    ][: request.candidate_limit]


@hookimpl
def register_tools(register, workspace: Workspace) -> None:
    from langchain_core.tools import tool

    @tool(response_format="content_and_artifact")
    def trending_now(k: int = 5) -> tuple[str, dict]:
        """List the catalog items that are trending lately, most trending first."""
        ranked = trending(workspace)[:k]
        items = workspace.store.get_items([item_id for item_id, _ in ranked])
        top = ranked[0][1] if ranked else 1.0
        text = "\n".join(f"{items[item_id].title} [id {item_id}]" for item_id, _ in ranked)
        # The artifact tells the agent which items this tool shows: the chat presents them as cards.
        shown = [{"id": item_id, "score": weight / top, "reasons": ["trending lately"]} for item_id, weight in ranked]
        return text or "Nothing is trending yet.", {"items": shown, "present": True}

    register(trending_now)
