"""The hook contract: every hook is typed, documented and tested; each combines results as documented."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner

import recagent.hookspecs as hookspecs
from recagent import Event, Interests, Item, PluginUnavailableError, PluginWarning, ScoredItem, Setting, hookimpl
from recagent.cli import BUILTIN_COMMANDS, cli
from recagent.cli.common import RecagentGroup
from recagent.host import HOOK_NAMES
from tests.conftest import without_hook

TESTS = Path(__file__).resolve().parent


def test_hook_names_cover_every_spec() -> None:
    assert set(HOOK_NAMES) == {
        "preprocess_items", "preprocess_events", "categorize_items", "catalog_updated", "predict_interests",
        "item_vectors", "candidates", "rank", "fit", "register_tools", "register_commands",
        "register_settings", "register_evaluation_models",
    }


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_is_typed_and_says_how_results_combine(name: str) -> None:
    spec = getattr(hookspecs, name)
    signature = inspect.signature(spec)
    assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values()), name
    assert signature.return_annotation is not inspect.Signature.empty, name
    assert "Combination:" in (spec.__doc__ or ""), f"{name}'s docstring must say how results combine"


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_has_a_test(name: str) -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("test_*.py"))
    assert re.search(rf"def test_hook_{name}[(_]", source), f"write a test named test_hook_{name}"


class Categorizer:
    def __init__(self, answer: dict[str, list[str]]) -> None:
        self.answer = answer
        self.seen: list[str] = []

    @hookimpl
    def categorize_items(self, items):
        self.seen += [item.id for item in items]
        return self.answer


def test_hook_categorize_items_fills_only_missing_and_first_answer_wins(make_recommender) -> None:
    first, second = Categorizer({"b": ["Drama"]}), Categorizer({"b": ["Comedy"], "c": ["Horror"], "a": ["X"]})
    rec = make_recommender(second, first)  # registered later -> called first
    report = rec.ingest(items=[Item("a", "A", categories=("Action",)), Item("b", "B"), Item("c", "C")])
    assert first.seen == ["b", "c"] and report.categorized == 2
    items = rec.workspace.store.get_items(["a", "b", "c"])
    assert [items[i].categories for i in "abc"] == [("Action",), ("Drama",), ("Horror",)]


class Listener:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    @hookimpl
    def catalog_updated(self, item_ids, workspace):
        assert workspace.store.has_item(item_ids[0])  # called after the commit
        self.calls.append(sorted(item_ids))


def test_hook_catalog_updated_gets_only_changed_items(make_recommender) -> None:
    listener = Listener()
    rec = make_recommender(listener)
    rec.ingest(items=[Item("a", "A"), Item("b", "B")])
    rec.ingest(items=[Item("a", "A"), Item("b", "B2")])
    rec.ingest(items=[Item("a", "A")])
    assert listener.calls == [["a", "b"], ["b"]]


class Interest:
    @hookimpl
    def predict_interests(self, history, k):
        return Interests((ScoredItem(history[-1], 1.0),), {"Sci-Fi": 0.7})


class NoOpinion:
    @hookimpl
    def predict_interests(self, history, k):
        return None


def _without(rec, hook: str) -> dict:
    """Settings that switch off every plugin implementing `hook`."""
    return {"disable_plugins": ",".join(rec.host.implementers(hook))}


def test_hook_predict_interests_first_answer_and_history_resolution(small_recommender, make_recommender) -> None:
    bare = make_recommender(settings=_without(small_recommender, "predict_interests"))
    with pytest.raises(PluginUnavailableError, match="'predict_interests' hook"):
        bare.interests(user="u1")
    rec = make_recommender(Interest(), NoOpinion(), settings=_without(small_recommender, "predict_interests"))
    interests = rec.interests(user="u1", history=["3"])
    assert interests.items[0].item_id == "3" and interests.categories == {"Sci-Fi": 0.7}


class Source:
    def __init__(self, scores: dict[str, float], reason: str) -> None:
        self.scores, self.reason, self.requests = scores, reason, []

    @hookimpl
    def candidates(self, request):
        self.requests.append(request)
        return [ScoredItem(item, score, self.reason) for item, score in self.scores.items()]


def test_hook_candidates_are_merged_by_item_with_every_source(small_recommender, make_recommender) -> None:
    one, two = Source({"3": 0.9, "4": 0.2}, "one says so"), Source({"4": 0.8, "ghost": 5.0}, "two says so")
    rec = make_recommender(("one", one), ("two", two), settings=without_hook("candidates", "rank"))
    recs = rec.recommend(history=["1"], k=5)
    assert [(r.item.id, round(r.score, 3)) for r in recs] == [("4", 1.0), ("3", 0.9)]  # ghost is not in the catalog
    assert set(recs[0].reasons) == {"one says so", "two says so"}
    assert one.requests[0].history == ("1",) and one.requests[0].k == 5


class Reverser:
    @hookimpl
    def rank(self, request, candidates):
        ordered = sorted(candidates, key=lambda c: c.score)
        return [ScoredItem(c.item_id, -c.score, "ranked by the reverser") for c in ordered]


def test_hook_rank_first_result_decides_the_order(small_recommender, make_recommender) -> None:
    # The test's ranker is registered last, so it is asked before the built-in one.
    rec = make_recommender(("src", Source({"3": 0.9, "4": 0.2, "5": 0.5}, "src")), ("rev", Reverser()),
                           settings=_without(small_recommender, "candidates"))
    recs = rec.recommend(history=["1"], k=2)
    assert [r.item.id for r in recs] == ["4", "5"]
    assert recs[0].reasons[0] == "ranked by the reverser"


class Trainable:
    @hookimpl
    def fit(self, workspace):
        (workspace.artifacts_dir("trainable") / "model.txt").write_text(str(workspace.store.stats().events))
        return {"events": workspace.store.stats().events}


def test_hook_fit_trains_every_plugin(small_recommender, make_recommender) -> None:
    bare = make_recommender(settings=_without(small_recommender, "fit"))
    with pytest.raises(PluginUnavailableError, match="train is not available until a plugin provides the 'fit'"):
        bare.train()
    rec = make_recommender(("trainable", Trainable()), settings=_without(small_recommender, "fit"))
    assert rec.train() == {"trainable": {"events": 9}}
    assert (rec.workspace.path / "models" / "trainable" / "model.txt").read_text() == "9"


class Tool:
    def __init__(self, name):
        self.name = name


class Tools:
    def __init__(self, *names):
        self.names = names

    @hookimpl
    def register_tools(self, register):
        for name in self.names:
            register(Tool(name))


def test_hook_register_tools_collects_and_rejects_duplicates(make_recommender) -> None:
    rec = make_recommender(("a", Tools("details", "search")), ("b", Tools("search", "more_like")))
    # Plugins register in load order: "b", loaded after "a" (and after the built-ins), is the one refused.
    with pytest.warns(PluginWarning) as caught:
        tools = rec.host.collect_tools(rec)
    messages = [str(warning.message) for warning in caught]
    assert any(re.search("plugin 'b' failed in hook 'register_tools'.*'search' is already .* 'a'", m) for m in messages)
    assert {"details", "search", "recommend", "more_like"} <= set(tools)
    assert rec.host.tool_owners["search"] == "a" and rec.host.tool_owners["more_like"] == "chat_tools"


class Commands:
    @hookimpl
    def register_commands(self, cli):
        @cli.command()
        def hello():
            """Say hello."""
            click.echo("hello from a plugin")

        @cli.command(name="stats")
        def clash():
            click.echo("should never run")


def test_hook_register_commands_adds_commands_but_never_replaces_builtins(monkeypatch) -> None:
    import recagent.cli.common as common

    real_create_host = common.create_host
    monkeypatch.setattr(common, "create_host",
                        lambda settings: real_create_host(settings, extra_plugins=[("cmds", Commands())]))
    group = RecagentGroup(commands={command.name: command for command in BUILTIN_COMMANDS})
    runner = CliRunner()
    with pytest.warns(PluginWarning, match="plugin 'cmds' tried to add the command 'stats'"):
        result = runner.invoke(group, ["hello"])
    assert result.output == "hello from a plugin\n"
    assert group.commands["stats"] is cli.commands["stats"]


class DeclaresSettings:
    def __init__(self, *names: str) -> None:
        self.names = names

    @hookimpl
    def register_settings(self, register):
        for name in self.names:
            register(Setting(name, int, 1, f"The {name} of a test plugin."))


def test_hook_register_settings_declares_settings_and_rejects_duplicates(make_recommender) -> None:
    # Declared in load order: "b", loaded after "a", is the one refused, and the error names both.
    with pytest.warns(PluginWarning, match="plugin 'b' failed in hook 'register_settings'.*'shared_limit' is already "
                                           "declared by plugin 'a'"):
        rec = make_recommender(("a", DeclaresSettings("shared_limit", "a_only")),
                               ("b", DeclaresSettings("shared_limit")), settings={"a_only": "3"})
    assert (rec.settings.a_only, rec.settings.source("a_only")) == (3, "override")
    assert rec.settings.owner("shared_limit") == "a"
    assert list(rec.settings.declared())[-1] == "a" and rec.workspace.settings.shared_limit == 1


class Fixed:
    """An evaluation model that scores every item by its catalog position."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fit(self, sequences, item_ids):
        self.size = len(item_ids)

    def score(self, histories):
        return np.tile(np.arange(self.size, dtype=np.float32), (len(histories), 1))


class EvaluationModels:
    def __init__(self, *names: str, broken: bool = False) -> None:
        self.names, self.broken = names, broken

    @hookimpl
    def register_evaluation_models(self, register):
        for name in self.names:
            register(name, self._broken if self.broken else lambda workspace, name=name: Fixed(name))

    @staticmethod
    def _broken(workspace):
        raise RuntimeError("no model today")


def test_hook_register_evaluation_models_are_evaluated_and_isolated(make_recommender) -> None:
    rec = make_recommender(("a", EvaluationModels("last_item", "fixed")), ("b", EvaluationModels("fixed")),
                           ("c", EvaluationModels("broken", broken=True)), settings=without_hook("fit"))
    rec.ingest(items=[Item(i, f"Film {i}") for i in "abcdef"],
               events=[Event(user, item, t) for user in ("u1", "u2") for t, item in enumerate("abcd")])
    with pytest.warns(PluginWarning) as caught:
        report = rec.evaluate(k=2, models=["last_item", "fixed", "popularity"], sampled=0)
    messages = [str(w.message) for w in caught]
    assert any("plugin 'b' failed in hook 'register_evaluation_models'" in m and "already registered by plugin 'a'"
               in m for m in messages)
    assert any("plugin 'c' failed in hook 'register_evaluation_models': RuntimeError: no model today" in m
               for m in messages)
    assert list(report.metrics) == ["last_item", "fixed", "popularity"]
    assert rec.host.evaluation_model_owners == {"last_item": "a", "fixed": "a"}
