"""`recagent plugins`: what is loaded, from where, with which hooks, and what failed."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import PluginWarning
from recagent.host import HOOK_NAMES, create_host
from recagent.plugin_choice import choose_plugin
from recagent.scaffold import create_plugin_package


class _ListByDefault(click.Group):
    """`recagent plugins` lists; `recagent plugins new NAME` scaffolds."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h")):
            args = ["list", *args]  # `recagent plugins --help` still shows both subcommands
        return super().parse_args(ctx, args)


@click.group("plugins", cls=_ListByDefault)
def plugins_command() -> None:
    """List plugins (name, version, source, hooks, load errors), enable or disable one here, or scaffold one."""


@plugins_command.command("new")
@click.argument("name")
@click.option("--dir", "parent", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to create the package folder.")
@command_options
def new_plugin_command(app: App, name: str, parent: Path) -> None:
    """Create an installable plugin package NAME with one hook, tests and a README."""
    folder = create_plugin_package(name, parent)
    click.echo(f"Created {folder}")
    click.echo(f"Next: pip install -e '{folder}[test]' && pytest {folder}")


@plugins_command.command("enable")
@click.argument("name")
@command_options
def enable_command(app: App, name: str) -> None:
    """Load the installed plugin NAME in this workspace (its recagent.toml)."""
    click.echo(choose_plugin(app.settings.workspace_path, name, enabled=True))


@plugins_command.command("disable")
@click.argument("name")
@command_options
def disable_command(app: App, name: str) -> None:
    """Stop loading the installed plugin NAME in this workspace (its recagent.toml); other workspaces keep it."""
    click.echo(choose_plugin(app.settings.workspace_path, name, enabled=False))


@plugins_command.command("list")
@click.option("--hook", type=click.Choice(HOOK_NAMES), help="Only plugins implementing this hook.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@command_options
def list_plugins_command(app: App, hook: str | None, as_json: bool) -> None:
    """List plugins: name, version, source, hooks and load errors."""
    with warnings.catch_warnings():
        # Load errors are part of this command's output, so they are not repeated as warnings.
        warnings.simplefilter("ignore", PluginWarning)
        host = create_host(app.settings, strict=app.strict)
    infos, left_out = host.plugins(), [] if hook else host.left_out
    if hook:
        infos = [info for info in infos if hook in info.hooks]
    if as_json:
        echo_json([{**info.as_dict(), "enabled": True} for info in infos]
                  + [{**info.as_dict(), "enabled": False} for info in left_out])
        return
    echo_table(
        ["name", "version", "source", "hooks"],
        [[i.name, i.version or "-", i.source, f"FAILED: {i.error}" if i.error else ", ".join(i.hooks)] for i in infos]
        + [[i.name, i.version or "-", i.source, "not loaded in this workspace (recagent plugins enable)"]
           for i in left_out],
    )
