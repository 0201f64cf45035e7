"""`recagent train` and `recagent evaluate`."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json


@click.command("train")
@click.option("--json", "as_json", is_flag=True, help="Print each plugin's training summary as JSON.")
@command_options
def train_command(app: App, as_json: bool) -> None:
    """Train every plugin that implements the fit hook on the workspace's data."""
    summaries = app.recommender.train()
    if as_json:
        echo_json(summaries)
        return
    for name, summary in summaries.items():
        details = ", ".join(f"{key}={value}" for key, value in dict(summary).items())
        click.echo(f"{name}: {details or 'trained'}")


@click.command("evaluate")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@command_options
def evaluate_command(app: App, as_json: bool) -> None:
    """Evaluate the models offline on held-out events."""
    result = app.recommender.evaluate()
    echo_json(result) if as_json else click.echo(result)
