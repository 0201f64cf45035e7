"""The README's quickstart is what CI runs, and the documented examples stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quickstart_has_exactly_two_commands_with_torch_pinned() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2 and all("torch==2.13.0" in c and "\n" not in c for c in commands)
    assert commands[0].endswith("recagent demo")


def test_ci_runs_the_readme_test_command() -> None:
    assert _quickstart_commands()[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_hook_is_named_in_the_readme() -> None:
    from recagent.host import HOOK_NAMES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in HOOK_NAMES)


def test_readme_plugin_example_runs(make_recommender) -> None:
    import types

    from tests.conftest import SMALL_EVENTS, SMALL_ITEMS, without_hook

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = next(block for block in re.findall(r"```python\n(.+?)```", readme, re.S) if "@hookimpl" in block)
    module = types.ModuleType("readme_plugin")
    exec(compile(source, "README.md", "exec"), module.__dict__)
    rec = make_recommender(("newest", module), settings=without_hook("candidates"))
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    assert {r.reasons[0] for r in rec.recommend(k=3)} == {"new this year"}


def test_plugin_guide_hook_reference_matches_the_specs() -> None:
    import inspect

    import recagent.hookspecs as hookspecs
    from recagent.host import HOOK_NAMES

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOK_NAMES:
        spec = getattr(hookspecs, name)
        heading = f"### `{name}({', '.join(inspect.signature(spec).parameters)})`"
        assert f"{heading}\n\n{inspect.getdoc(spec)}\n" in guide, f"update the {name} entry of docs/plugins.md"
