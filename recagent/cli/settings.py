"""`recagent settings`: every setting, core first and then each plugin's, with its value, source and help."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.settings import CORE


def _show(value: object) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, tuple):
        return ",".join(value) or "(none)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _heading(owner: str) -> str:
    return "core settings" if owner == CORE else f"settings of plugin {owner!r}"


@click.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@command_options
def settings_command(app: App, as_json: bool) -> None:
    """Show every setting, its value and its source (default, recagent.toml, RECAGENT_* or a flag).

    The core's settings come first, then those each loaded plugin declares (register_settings hook).
    """
    # Plugin settings exist once the plugins are loaded, so this opens the workspace's Recommender.
    settings = app.recommender.settings
    groups = settings.declared()
    if as_json:
        echo_json({
            s.name: {"value": settings[s.name], "source": settings.source(s.name), "env": s.env_var,
                     "plugin": owner, "help": s.help}
            for owner, group in groups.items() for s in group
        })
        return
    for number, (owner, group) in enumerate(groups.items()):
        if number:
            click.echo()
        click.echo(_heading(owner))
        echo_table(
            ["setting", "value", "source", "environment variable"],
            [[s.name, _show(settings[s.name]), settings.source(s.name), s.env_var] for s in group],
        )
        click.echo()
        for setting in group:
            click.echo(f"{setting.name}: {setting.help}")
