"""Tests for recagent_time_decay, with recagent's fixtures and contract checks."""

import pytest

import recagent_time_decay
from recagent import ConfigError, Event, Item, RecommendRequest
from recagent.testing import check_plugin

DAY = 86_400.0
ITEMS = [Item("old", "Old hit"), Item("new", "New hit"), Item("mid", "Middling")]
EVENTS = [Event(f"u{n}", "old", 0.0) for n in range(10)] + [Event(f"v{n}", "new", 100 * DAY) for n in range(3)]
EVENTS += [Event("w", "mid", 99 * DAY)]


def test_follows_the_hook_contract(recagent_recommender):
    check_plugin(recagent_recommender(("time_decay", recagent_time_decay)), "time_decay")


def test_recent_interactions_outweigh_old_ones(recagent_recommender):
    rec = recagent_recommender(("time_decay", recagent_time_decay), items=ITEMS, events=EVENTS)
    proposed = recagent_time_decay.candidates(RecommendRequest(k=3), rec.workspace)
    # Ten interactions 100 days (over three half-lives) ago weigh about 1.0; three today weigh 3.
    assert [p.item_id for p in proposed] == ["new", "old", "mid"]
    assert proposed[0].reason == "trending lately"


def test_half_life_setting(recagent_recommender, monkeypatch):
    plugin = ("time_decay", recagent_time_decay)
    rec = recagent_recommender(plugin, items=ITEMS, events=EVENTS, settings={"time_decay_half_life_days": 1000})
    assert rec.settings.time_decay_half_life_days == 1000.0
    assert rec.settings.owner("time_decay_half_life_days") == "time_decay"
    assert recagent_time_decay.candidates(RecommendRequest(k=1), rec.workspace)[0].item_id == "old"
    rec = recagent_recommender(plugin, items=ITEMS, events=EVENTS, settings={"time_decay_half_life_days": 0})
    with pytest.raises(ConfigError, match="'time_decay_half_life_days' from override must be above 0 days"):
        recagent_time_decay.candidates(RecommendRequest(k=1), rec.workspace)
    monkeypatch.setenv("RECAGENT_TIME_DECAY_HALF_LIFE_DAYS", "soon")
    with pytest.raises(ConfigError, match="'time_decay_half_life_days' from RECAGENT_TIME_DECAY_HALF_LIFE_DAYS: "
                                          "'soon' is not a valid float"):
        recagent_recommender(plugin)


def test_trending_tool(recagent_recommender):
    rec = recagent_recommender(("time_decay", recagent_time_decay), items=ITEMS, events=EVENTS)
    tools = rec.host.collect_tools(rec)
    assert tools["trending_now"].invoke({"k": 2}) == "New hit [id new]\nOld hit [id old]"


def test_trending_in_a_chat(recagent_recommender, recagent_scripted_chat_model):
    rec = recagent_recommender(("time_decay", recagent_time_decay), items=ITEMS, events=EVENTS)
    model = recagent_scripted_chat_model([
        {"tool_calls": [{"name": "trending_now", "args": {"k": 2}}]},
        "Trending now: New hit, then Old hit.",
    ])
    reply = rec.chat(model=model).send("what is trending?")
    assert [r.item.id for r in reply.items] == ["new", "old"]
    assert reply.items[0].reasons == ("trending lately",)
    assert reply.text == "Trending now: New hit, then Old hit."
