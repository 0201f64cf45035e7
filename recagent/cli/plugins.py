"""`recagent plugins`: what is loaded, from where, with which hooks, and what failed."""

from __future__ import annotations

import warnings

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import PluginWarning
from recagent.host import HOOK_NAMES, create_host


@click.command("plugins")
@click.option("--hook", type=click.Choice(HOOK_NAMES), help="Only plugins implementing this hook.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@command_options
def plugins_command(app: App, hook: str | None, as_json: bool) -> None:
    """List plugins: name, version, source, hooks and load errors."""
    with warnings.catch_warnings():
        # Load errors are part of this command's output, so they are not repeated as warnings.
        warnings.simplefilter("ignore", PluginWarning)
        infos = create_host(app.settings, strict=app.strict).plugins()
    if hook:
        infos = [info for info in infos if hook in info.hooks]
    if as_json:
        echo_json([info.as_dict() for info in infos])
        return
    echo_table(
        ["name", "version", "source", "hooks"],
        [[i.name, i.version or "-", i.source, f"FAILED: {i.error}" if i.error else ", ".join(i.hooks)] for i in infos],
    )
