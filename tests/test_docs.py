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


def _guide_block(marker: str) -> str:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    return next(block for block in re.findall(r"```python\n(.+?)```", guide, re.S) if marker in block)


def _guide_plugin(*markers: str) -> object:
    import types

    import click

    from recagent import hookimpl

    module = types.ModuleType("guide_plugin")
    module.__dict__.update(hookimpl=hookimpl, click=click)
    for marker in markers:
        exec(compile(_guide_block(marker), "docs/plugins.md", "exec"), module.__dict__)
    return module


def test_plugin_guide_tool_is_chosen_by_the_guided_mode(make_recommender) -> None:
    from recagent import Item
    from recagent.testing import scripted_chat_model
    from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

    rec = make_recommender(("guide", _guide_plugin("def register_tools(register, recommender)")),
                           settings={"embedding_model": "hashing"})
    rec.ingest(items=[*SMALL_ITEMS, Item("260", "Star Wars (1977)")], events=SMALL_EVENTS)
    reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send(
        "what do the staff recommend?")
    assert reply.items and {r.reasons for r in reply.items} == {("a staff pick",)}


def test_plugin_guide_command_runs_with_the_workspace(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    import recagent.cli.common as common
    from recagent import Item, Recommender
    from recagent.cli import BUILTIN_COMMANDS
    from recagent.cli.common import RecagentGroup
    from tests.conftest import SMALL_ITEMS

    rec_path = tmp_path / "ws"
    with Recommender.open(rec_path) as rec:
        rec.ingest(items=[*SMALL_ITEMS, Item("260", "Star Wars (1977)")])
    real_create_host = common.create_host
    plugin = _guide_plugin("def register_commands(cli, recommender_command)")
    monkeypatch.setattr(common, "create_host",
                        lambda settings: real_create_host(settings, extra_plugins=[("guide", plugin)]))
    group = RecagentGroup(commands={command.name: command for command in BUILTIN_COMMANDS})
    result = CliRunner().invoke(group, ["staff-picks", "--workspace", str(rec_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Alien (1979)", "Star Wars (1977)"]


def _readme_command_lines() -> list[list[str]]:
    """Every `recagent ...` command line in the README's bash blocks, split as a shell would (comments cut)."""
    import shlex

    text = (ROOT / "README.md").read_text()
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "recagent":
                lines.append(words[1:])
    return lines


def test_every_readme_command_line_is_accepted_by_the_cli() -> None:
    """The README's commands (plugins' included), subcommands and options exist, so --help says what it says."""
    import click

    from recagent.cli import cli

    context = click.Context(cli, info_name="recagent")
    lines = _readme_command_lines()
    assert len(lines) >= 12
    for words in lines:
        command: click.Command | None = cli
        remaining = list(words)
        while isinstance(command, click.Group) and remaining and not remaining[0].startswith("-"):
            found = command.get_command(context, remaining[0])
            if found is None:
                break
            command, remaining = found, remaining[1:]
        if isinstance(command, click.Group):
            assert not remaining[:1] or remaining[0].startswith("-"), f"'recagent {' '.join(words)}': no such command"
            if "list" in command.list_commands(context):
                command = command.get_command(context, "list")  # `recagent plugins --json` lists
        assert command is not None
        known = {opt for param in command.get_params(context) for opt in param.opts + param.secondary_opts}
        for word in remaining:
            if word.startswith("-"):
                assert word.split("=")[0] in known, f"'recagent {' '.join(words)}': {word} is not an option of it"
    every = {name for name in cli.list_commands(context) if not cli.get_command(context, name).hidden}
    documented = {words[0] for words in lines if words}
    assert every <= documented, f"commands the README does not show: {sorted(every - documented)}"


def test_the_cli_help_names_the_options_the_readme_promises() -> None:
    from click.testing import CliRunner

    from recagent.cli import cli

    text = CliRunner().invoke(cli, ["--help"]).output
    assert all(option in text for option in ("--workspace", "--strict", "--debug", "--json"))
    plugins = CliRunner().invoke(cli, ["plugins", "--help"]).output
    assert "new" in plugins and "list" in plugins
