"""`recagent plugins new`: write an installable plugin package with one hook, tests and a README."""

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
hook reference in recagent's docs/plugins.md for the others.
"""

from __future__ import annotations

from recagent import RecommendRequest, ScoredItem, Workspace, hookimpl

YEAR_FIELD = "year"  # the metadata field that dates an item


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    """Propose the newest items, scored 1.0 for the newest year down to 0 for the oldest."""
    dated = [item for item in workspace.store.iter_items() if isinstance(item.metadata.get(YEAR_FIELD), int)]
    if not dated:
        return None  # nothing to say: the other candidate sources carry on
    years = [item.metadata[YEAR_FIELD] for item in dated]
    newest, oldest = max(years), min(years)
    span = max(1, newest - oldest)
    seen = set(request.history) if request.exclude_seen else set()
    ranked = sorted((item for item in dated if item.id not in seen), key=lambda item: -item.metadata[YEAR_FIELD])
    return [
        ScoredItem(item.id, (item.metadata[YEAR_FIELD] - oldest) / span, f"new: from {{item.metadata[YEAR_FIELD]}}")
        for item in ranked[: request.candidate_limit]
    ]
'''

_TESTS = '''"""Tests for {module}, with the fixtures and contract checks of recagent.testing."""

import {module}
from recagent import RecommendRequest
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
'''

_README = '''# {dist}

A [recagent](https://pypi.org/project/recagent/) plugin: {title}. It implements the `candidates` hook
and proposes the newest items of the catalog (by their `year` metadata).

## Install and check

```bash
pip install -e '.[test]'
recagent plugins --hook candidates     # lists "{entry}"
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
    values = {"dist": dist, "module": module, "entry": entry, "title": title}
    (folder / "tests").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(_PYPROJECT.format(**values), encoding="utf-8")
    (folder / f"{module}.py").write_text(_MODULE.format(**values), encoding="utf-8")
    (folder / "tests" / f"test_{entry}.py").write_text(_TESTS.format(**values), encoding="utf-8")
    (folder / "README.md").write_text(_README.format(**values), encoding="utf-8")
    return folder
