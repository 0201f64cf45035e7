"""`recagent plugins new`: write an installable plugin package with a few hooks, tests and a README."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

from recagent.errors import RecagentError

__all__ = ["create_plugin_package", "package_names"]

_PYPROJECT = '''[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "A recagent plugin: {title}."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["recagent"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.entry-points.recagent]
{entry} = "{module}"

[tool.setuptools]
py-modules = ["{module}"]
'''

_MODULE = '''"""{title}: a recagent plugin that proposes the newest items of the catalog as candidates.

recagent finds this module through the `recagent` entry point in pyproject.toml. Each function marked
with `@hookimpl` implements the hook of the same name; see `recagent plugins --hook candidates` and the
hook reference in recagent's docs/plugins.md for the others. This one declares a setting
(`register_settings`), proposes candidates (`candidates`), adds a chat tool (`register_tools`) and offers
a model to `recagent evaluate` (`register_evaluation_models`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from recagent import Item, RecommendRequest, ScoredItem, Setting, Workspace, hookimpl

if TYPE_CHECKING:
    from recagent import Recommender

# Read like any recagent setting: recagent.toml, RECAGENT_{upper_entry}_DATE_FIELD or an SDK override.
DATE_FIELD = Setting("{entry}_date_field", str, "year",
                     "The item metadata field (a whole number, such as a year) that says how new an item is.")


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    register(DATE_FIELD)


def item_dates(workspace: Workspace, items: Sequence[Item]) -> dict[str, int]:
    """Each item's date, by id, for the items that have one."""
    field = workspace.settings[DATE_FIELD.name]
    return {{item.id: item.metadata[field] for item in items if isinstance(item.metadata.get(field), int)}}


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    """Propose the newest items, scored 1.0 for the newest date down to 0 for the oldest."""
    dates = item_dates(workspace, list(workspace.store.iter_items()))
    if not dates:
        return None  # nothing to say: the other candidate sources carry on
    newest, oldest = max(dates.values()), min(dates.values())
    span = max(1, newest - oldest)
    seen = set(request.history) if request.exclude_seen else set()
    ranked = sorted((item_id for item_id in dates if item_id not in seen), key=lambda item_id: -dates[item_id])
    return [
        ScoredItem(item_id, (dates[item_id] - oldest) / span, f"new: from {{dates[item_id]}}")
        for item_id in ranked[: request.candidate_limit]
    ]


@hookimpl
def register_tools(register: Callable[[Any], None], recommender: Recommender) -> None:
    from langchain_core.tools import tool

    @tool(response_format="content_and_artifact")
    def {entry}_picks(request: str = "") -> tuple[str, dict]:
        """The newest items of the catalog."""
        dates = item_dates(recommender.workspace, list(recommender.workspace.store.iter_items()))
        newest = sorted(dates, key=lambda item_id: -dates[item_id])[:5]
        items = recommender.items(newest)
        text = "\\n".join(f"{{item.title}} ({{dates[item.id]}})" for item in items)
        return text, {{"items": [{{"id": item.id, "score": 1.0, "reasons": [f"new: from {{dates[item.id]}}"]}}
                                for item in items], "present": True}}

    # The chat's offline guided mode calls this tool for messages close in meaning to these requests.
    {entry}_picks.metadata = {{"recagent_examples": ["what is new", "show me the newest releases", "anything recent"]}}
    register({entry}_picks)


class NewestModel:
    """For `recagent evaluate`: every user gets the newest items first, a baseline for the plugin to beat."""

    name = "{entry}"

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.dates: list[float] = []

    def fit(self, sequences: Sequence[Sequence[int]], item_ids: Sequence[str]) -> None:
        catalog = self.workspace.store.get_items(list(item_ids))
        dates = item_dates(self.workspace, list(catalog.values()))
        self.dates = [float(dates.get(item_id, 0)) for item_id in item_ids]

    def score(self, histories: Sequence[Sequence[int]]) -> list[list[float]]:
        return [list(self.dates) for _ in histories]


@hookimpl
def register_evaluation_models(register: Callable[[str, Callable[[Workspace], NewestModel]], None]) -> None:
    register(NewestModel.name, NewestModel)
'''

_TESTS = '''"""Tests for {module}, with the fixtures and contract checks of recagent.testing."""

import {module}
from recagent import Item, RecommendRequest
from recagent.testing import check_plugin


def test_follows_the_hook_contract(recagent_recommender):
    rec = recagent_recommender(("{entry}", {module}))
    check_plugin(rec, "{entry}")


def test_proposes_the_newest_items_first(recagent_recommender):
    rec = recagent_recommender(("{entry}", {module}))
    proposed = {module}.candidates(RecommendRequest(k=2), rec.workspace)
    years = [rec.workspace.store.get_items([p.item_id])[p.item_id].metadata["year"] for p in proposed[:2]]
    assert years == [2001, 1999]
    assert proposed[0].reason == "new: from 2001"


def test_recommendations_include_the_newest_item(recagent_recommender):
    rec = recagent_recommender(("{entry}", {module}))
    assert "new: from 2001" in {{reason for r in rec.recommend(k=6) for reason in r.reasons}}


def test_the_date_field_is_a_setting(recagent_recommender):
    items = [Item("a", "A", metadata={{"year": 1990, "released": 2020}}), Item("b", "B", metadata={{"year": 2000}})]
    rec = recagent_recommender(("{entry}", {module}), items=items, events=[],
                               settings={{"{entry}_date_field": "released"}})
    assert [p.item_id for p in {module}.candidates(RecommendRequest(k=2), rec.workspace)] == ["a"]


def test_the_chat_tool_is_chosen_offline(recagent_recommender, recagent_scripted_chat_model):
    rec = recagent_recommender(("{entry}", {module}), settings={{"embedding_model": "hashing"}})
    model = recagent_scripted_chat_model(["Here are a few"] * 2)
    reply = rec.chat(model=model, mode="guided").send("what is new?")
    assert reply.items[0].item.id == "5" and reply.items[0].reasons == ("new: from 2001",)


def test_recagent_evaluate_scores_the_model(recagent_recommender):
    rec = recagent_recommender(("{entry}", {module}))
    report = rec.evaluate(k=2, models=["{entry}", "popularity"], sampled=0)
    assert set(report.metrics["{entry}"]) >= {{"hr@2", "ndcg@2"}}
'''

_README = '''# {dist}

A [recagent](https://pypi.org/project/recagent/) plugin: {title}. It implements the `candidates` hook
and proposes the newest items of the catalog, dated by the metadata field its setting
`{entry}_date_field` names (`year` unless `recagent.toml`, `RECAGENT_{upper_entry}_DATE_FIELD` or an SDK
override says otherwise; `register_settings` declares it). `register_tools` adds a chat tool,
`{entry}_picks`, which the chat calls for "what is new?" even with the offline model (its metadata lists
the requests it answers). `register_evaluation_models` offers the same idea as a model to
`recagent evaluate`, to compare with the built-in ones.

## Install and check

```bash
pip install -e '.[test]'
recagent plugins --hook candidates     # lists "{entry}"
recagent settings                      # {entry}_date_field, under the plugin's name
recagent evaluate --model {entry}       # after `recagent ingest ...`: HR@10, NDCG@10 of the model
pytest
```

## Publish

Build with `python -m build` and upload the wheel to PyPI with `twine upload dist/*`; anyone who
installs it gets the plugin, found through the `recagent` entry point in pyproject.toml.
'''


def package_names(name: str) -> tuple[str, str, str]:
    """(distribution, module, entry-point) names for a plugin called `name`."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    if not cleaned or not cleaned[0].isalpha():
        raise RecagentError(f"{name!r} is not a usable plugin name; start with a letter, e.g. 'newest-items'")
    base = cleaned.removeprefix("recagent-")
    module = "recagent_" + base.replace("-", "_")
    if keyword.iskeyword(module):
        raise RecagentError(f"{name!r} gives the module name {module!r}, a Python keyword; choose another name")
    return f"recagent-{base}", module, base.replace("-", "_")


def create_plugin_package(name: str, parent: Path) -> Path:
    """Write the package into parent/<distribution>; refuses to overwrite an existing folder."""
    dist, module, entry = package_names(name)
    folder = parent / dist
    if folder.exists():
        raise RecagentError(f"{folder} already exists; choose another name or remove it first")
    title = entry.replace("_", " ").capitalize()
    values = {"dist": dist, "module": module, "entry": entry, "upper_entry": entry.upper(), "title": title}
    (folder / "tests").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(_PYPROJECT.format(**values), encoding="utf-8")
    (folder / f"{module}.py").write_text(_MODULE.format(**values), encoding="utf-8")
    (folder / "tests" / f"test_{entry}.py").write_text(_TESTS.format(**values), encoding="utf-8")
    (folder / "README.md").write_text(_README.format(**values), encoding="utf-8")
    return folder
