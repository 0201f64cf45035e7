"""Test helpers for plugin authors: pytest fixtures and a contract check for every hook.

Installed as a pytest plugin (entry point `pytest11`), so a plugin package's tests can use the fixtures
directly:

    def test_my_plugin(recagent_recommender):
        rec = recagent_recommender(my_plugin)        # a workspace with a small catalog, my plugin registered
        check_plugin(rec, "my_plugin")               # every hook it implements, against the contract
        assert rec.recommend(user="u1", k=3)
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from recagent.errors import ConfigError, RecagentError
from recagent.ingest import IngestReport
from recagent.pipeline import gather_candidates
from recagent.sdk import Recommender
from recagent.settings import SETTINGS, check_declaration
from recagent.types import Candidate, Event, Interests, Item, RecommendRequest, ScoredItem

__all__ = [
    "SAMPLE_ITEMS",
    "SAMPLE_EVENTS",
    "ContractError",
    "check_plugin",
    "check_hook",
    "recagent_recommender",
    "recagent_scripted_chat_model",
    "scripted_chat_model",
]

SAMPLE_ITEMS: tuple[Item, ...] = (
    Item("1", "Alien (1979)", "A crew in deep space meets a deadly creature.", ("Horror", "Sci-Fi"), {"year": 1979}),
    Item("2", "Aliens (1986)", "Marines return to the planet of the creature.", ("Action", "Sci-Fi"), {"year": 1986}),
    Item("3", "Toy Story (1995)", "Toys come alive when nobody looks.", ("Animation", "Comedy"), {"year": 1995}),
    Item("4", "Heat (1995)", "A detective hunts a crew of thieves.", ("Crime", "Thriller"), {"year": 1995}),
    Item("5", "Amélie (2001)", "A shy waitress in Paris helps others in secret.", ("Comedy", "Romance"),
         {"year": 2001}),
    Item("6", "The Matrix (1999)", "A hacker learns that reality is a simulation.", ("Action", "Sci-Fi"),
         {"year": 1999}),
)
SAMPLE_EVENTS: tuple[Event, ...] = (
    Event("u1", "1", 1.0, "rating", 5.0), Event("u1", "2", 2.0, "rating", 4.0), Event("u1", "6", 3.0, "rating", 5.0),
    Event("u2", "3", 1.0, "rating", 4.0), Event("u2", "5", 2.0, "rating", 5.0), Event("u2", "6", 3.0, "rating", 3.0),
    Event("u3", "6", 1.0, "rating", 4.0), Event("u3", "1", 2.0, "rating", 2.0), Event("u3", "4", 3.0, "rating", 4.0),
)


class ContractError(AssertionError):
    """A plugin broke the hook contract; the message names the plugin, the hook and the rule."""


def _fail(plugin: str, hook: str, rule: str) -> ContractError:
    return ContractError(f"plugin {plugin!r}, hook {hook!r}: {rule}")


def _check_scored(plugin: str, hook: str, entries: Any, known: set[str]) -> None:
    if not isinstance(entries, (list, tuple)):
        raise _fail(plugin, hook, f"must return a list of ScoredItem (or None), got {type(entries).__name__}")
    for entry in entries:
        if not isinstance(entry, ScoredItem):
            raise _fail(plugin, hook, f"every entry must be a ScoredItem, got {type(entry).__name__}")
        if entry.item_id not in known:
            raise _fail(plugin, hook, f"item {entry.item_id!r} is not in the catalog")
        if not math.isfinite(entry.score):
            raise _fail(plugin, hook, f"score of {entry.item_id!r} is not finite")


def _sample_request(rec: Recommender) -> RecommendRequest:
    user = rec.workspace.store.users(limit=1)
    history = tuple(rec.workspace.store.user_history(user[0])) if user else ()
    return RecommendRequest(history=history, query="space adventure", k=3)


def check_hook(rec: Recommender, plugin: str, hook: str) -> Any:
    """Call one hook of one registered plugin on sample inputs and check the result; returns it."""
    workspace, store = rec.workspace, rec.workspace.store
    known = store.item_ids()
    call = lambda **kwargs: rec.host.call_one(hook, plugin, **kwargs)  # noqa: E731
    if hook == "preprocess_items":
        items = list(store.iter_items())
        before = copy.deepcopy(items)
        result = call(items=items, workspace=workspace, report=IngestReport())
        if items != before:
            raise _fail(plugin, hook, "must not change the list it receives; return a new one")
        if result is not None and not all(isinstance(i, Item) for i in result):
            raise _fail(plugin, hook, "must return a list of Item (or None)")
    elif hook == "preprocess_events":
        events = list(store.iter_events())
        before = list(events)
        result = call(events=events, item_ids=frozenset(known), workspace=workspace, report=IngestReport())
        if events != before:
            raise _fail(plugin, hook, "must not change the list it receives; return a new one")
        if result is not None and not all(isinstance(e, Event) for e in result):
            raise _fail(plugin, hook, "must return a list of Event (or None)")
    elif hook == "categorize_items":
        items = [Item(i.id, i.title, i.text) for i in store.iter_items()]
        result = call(items=items, categories=store.category_names(), workspace=workspace)
        if result is not None:
            if not isinstance(result, Mapping):
                raise _fail(plugin, hook, "must return a mapping of item id to categories (or None)")
            for item_id, labels in result.items():
                if item_id not in known or isinstance(labels, str) or not all(isinstance(c, str) for c in labels):
                    raise _fail(plugin, hook, f"{item_id!r}: ids must be given items, categories a list of str")
    elif hook == "catalog_updated":
        result = call(item_ids=sorted(known), workspace=workspace)
    elif hook == "predict_interests":
        result = call(history=list(_sample_request(rec).history), k=3, workspace=workspace)
        if result is not None:
            if not isinstance(result, Interests):
                raise _fail(plugin, hook, "must return Interests (or None)")
            _check_scored(plugin, hook, list(result.items), known)
    elif hook == "item_vectors":
        result = call(item_ids=sorted(known), workspace=workspace)
        if result is not None:
            for item_id, vector in result.items():
                if item_id not in known or not all(math.isfinite(float(v)) for v in vector):
                    raise _fail(plugin, hook, f"{item_id!r}: vectors must be for given items, with finite values")
    elif hook == "candidates":
        request = _sample_request(rec)
        result = call(request=request, workspace=workspace)
        if result is not None:
            _check_scored(plugin, hook, result, known)
            if len(result) > request.candidate_limit:
                raise _fail(plugin, hook, f"returned {len(result)} candidates, more than candidate_limit")
    elif hook == "rank":
        request = _sample_request(rec)
        candidates = gather_candidates(workspace, rec.host, request) or [Candidate(i, {"test": 0.5}) for i in known]
        result = call(request=request, candidates=candidates, workspace=workspace)
        if result is not None:
            _check_scored(plugin, hook, result, known)
            proposed = {c.item_id for c in candidates}
            extra = [e.item_id for e in result if e.item_id not in proposed]
            if extra:
                raise _fail(plugin, hook, f"ranked items that were not candidates: {extra}")
    elif hook == "fit":
        result = call(workspace=workspace)
        if result is not None and not isinstance(result, Mapping):
            raise _fail(plugin, hook, "must return a mapping summary (or None)")
    elif hook == "register_tools":
        tools: list[Any] = []
        result = call(register=tools.append, workspace=workspace, recommender=rec)
        for tool in tools:
            if not isinstance(getattr(tool, "name", None), str):
                raise _fail(plugin, hook, f"tool {tool!r} has no name")
            examples = (getattr(tool, "metadata", None) or {}).get("recagent_examples", ())
            if isinstance(examples, str) or not all(isinstance(e, str) and e.strip() for e in examples):
                raise _fail(plugin, hook, f"tool {tool.name!r}: metadata 'recagent_examples' must be a list of "
                                          "example requests (non-empty strings)")
        result = tools
    elif hook == "register_commands":
        import click

        from recagent.cli.common import recommender_command

        group = click.Group()
        call(cli=group, recommender_command=recommender_command)
        result = list(group.commands)
    elif hook == "register_settings":
        declared: list[Any] = []
        call(register=declared.append)
        _check_settings(plugin, hook, declared)
        result = declared
    elif hook == "register_evaluation_models":
        offered: list[tuple[Any, Any]] = []
        call(register=lambda name, factory: offered.append((name, factory)))
        for name, factory in offered:
            _check_evaluation_model(plugin, hook, name, factory, rec)
        result = [name for name, _ in offered]
    else:
        raise RecagentError(f"unknown hook {hook!r}")
    return result


def _check_settings(plugin: str, hook: str, declared: Sequence[Any]) -> None:
    names: set[str] = set()
    for setting in declared:
        try:
            check_declaration(setting)
            parsed = setting.parse(setting.default, "its default")
        except (TypeError, ValueError, ConfigError) as exc:
            raise _fail(plugin, hook, str(exc)) from None
        if parsed != setting.default:
            # Otherwise a setting read from recagent.toml and one left at its default differ in type.
            raise _fail(plugin, hook, f"the default of {setting.name!r} must be given as it is read, {parsed!r}")
        if setting.name in names or setting.name in {core.name for core in SETTINGS}:
            raise _fail(plugin, hook, f"setting {setting.name!r} is declared twice or is a core setting")
        names.add(setting.name)


def _check_evaluation_model(plugin: str, hook: str, name: Any, factory: Any, rec: Recommender) -> None:
    """Build the model, train it on the sample catalog's leave-one-out split and check its scores."""
    from recagent.evaluation import SequenceModel, leave_one_out

    if not isinstance(name, str) or not name or not callable(factory):
        raise _fail(plugin, hook, f"register(name, factory) takes a model name and factory(workspace), got {name!r}")
    model = factory(rec.workspace)
    if not isinstance(model, SequenceModel):
        raise _fail(plugin, hook, f"the factory of {name!r} must return a model with name, fit and score")
    split = leave_one_out(rec.workspace.store)
    model.fit(split.train, split.item_ids)
    histories = [split.test_history(row) for row in range(len(split.test_users))]
    scores = np.asarray(model.score(histories), dtype=np.float64)
    if scores.shape != (len(histories), split.n_items):
        raise _fail(plugin, hook, f"{name!r}: score() must return one row per history and one column per item, "
                                  f"{(len(histories), split.n_items)}; got {scores.shape}")
    if np.isnan(scores).any():
        raise _fail(plugin, hook, f"{name!r}: score() returned NaN")


def check_plugin(rec: Recommender, plugin: str) -> dict[str, Any]:
    """Run `check_hook` for every hook the named plugin implements; returns each hook's result."""
    info = next((i for i in rec.host.plugins() if i.name == plugin), None)
    if info is None:
        raise ContractError(f"plugin {plugin!r} is not registered; pass it to recagent_recommender(...)")
    if info.error:
        raise ContractError(f"plugin {plugin!r} failed to load: {info.error}")
    return {hook: check_hook(rec, plugin, hook) for hook in info.hooks}


@pytest.fixture
def recagent_recommender(tmp_path: Path) -> Iterator[Callable[..., Recommender]]:
    """A factory: Recommender on a temporary workspace holding the sample catalog, with your plugins registered.

    Plugins are registered in strict mode, so an exception in a hook fails the test instead of warning.
    """
    opened: list[Recommender] = []

    def make(*plugins: object, settings: Mapping[str, Any] | None = None,
             items: Sequence[Item] = SAMPLE_ITEMS, events: Sequence[Event] = SAMPLE_EVENTS) -> Recommender:
        folder = tmp_path / f"recagent-workspace-{len(opened)}"
        defaults = {"progress": False}
        rec = Recommender.open(folder, plugins=plugins, settings={**defaults, **(settings or {})}, strict=True)
        opened.append(rec)
        rec.ingest(items=list(items), events=list(events))
        return rec

    yield make
    for rec in opened:
        rec.close()


def scripted_chat_model(replies: Sequence[Any]) -> Any:
    """A LangChain chat model that answers with the given replies in order: text, or real tool calls.

    Each reply is a string, an `AIMessage`, or `{"tool_calls": [{"name": ..., "args": {...}}]}`. The
    model records every list of messages it was sent in `.calls` and the tools bound to it in `.bound`.
    """
    from recagent.agent.scripted import ScriptedChatModel

    return ScriptedChatModel(replies=list(replies))


@pytest.fixture
def recagent_scripted_chat_model() -> Callable[[Sequence[Any]], Any]:
    """A factory: a deterministic chat model that answers with the given replies or tool calls, in order."""
    return scripted_chat_model
