"""`recagent settings`: every setting with its value, where the value came from, and its help."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.settings import SETTINGS


def _show(value: object) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, tuple):
        return ",".join(value) or "(none)"
    return str(value).lower() if isinstance(value, bool) else str(value)


@click.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@command_options
def settings_command(app: App, as_json: bool) -> None:
    """Show every setting, its value and its source (default, recagent.toml, RECAGENT_* or a flag)."""
    settings = app.settings
    if as_json:
        echo_json({
            s.name: {"value": settings[s.name], "source": settings.source(s.name), "env": s.env_var, "help": s.help}
            for s in SETTINGS
        })
        return
    echo_table(
        ["setting", "value", "source", "environment variable"],
        [[s.name, _show(settings[s.name]), settings.source(s.name), s.env_var] for s in SETTINGS],
    )
    click.echo()
    for setting in SETTINGS:
        click.echo(f"{setting.name}: {setting.help}")
