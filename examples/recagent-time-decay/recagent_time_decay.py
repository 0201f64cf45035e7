"""Trending items for recagent: popularity where each interaction counts less the older it is.

An interaction `age` days before the store's latest one counts 0.5 ** (age / half_life). The half-life
is the plugin's own setting, `time_decay_half_life_days` (default 30), declared through `register_settings`
and so read like any recagent setting: from recagent.toml, RECAGENT_TIME_DECAY_HALF_LIFE_DAYS or an SDK
override. The plugin adds a candidate source (`candidates`) and a chat tool, `trending_now` (`register_tools`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

from recagent import ConfigError, RecommendRequest, ScoredItem, Setting, Workspace, hookimpl

DAY = 86_400.0
HALF_LIFE = Setting("time_decay_half_life_days", float, 30.0,
                    "Days after which an interaction counts half as much in the trending items (time_decay plugin).")


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    register(HALF_LIFE)


def half_life_days(workspace: Workspace) -> float:
    """The half-life setting; recagent has already parsed it as a number of days."""
    value = workspace.settings[HALF_LIFE.name]
    if not value > 0:
        raise ConfigError(f"setting {HALF_LIFE.name!r} from {workspace.settings.source(HALF_LIFE.name)} "
                          f"must be above 0 days, got {value}")
    return value


def trending(workspace: Workspace) -> list[tuple[str, float]]:
    """(item id, decayed count) for every item with events, most trending first."""
    events = list(workspace.store.iter_events())
    if not events:
        return []
    latest = max(event.timestamp for event in events)
    rate = math.log(2) / (half_life_days(workspace) * DAY)
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
