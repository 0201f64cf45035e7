"""The `recagent` command line, one module per command group; plugins add commands through a hook."""

from __future__ import annotations

import logging
import warnings

import click

from recagent.cli.common import RecagentGroup
from recagent.cli.data import ingest_command, stats_command
from recagent.cli.demo import demo_command
from recagent.cli.index import index_group
from recagent.cli.items import items_group
from recagent.cli.models import evaluate_command, train_command
from recagent.cli.plugins import plugins_command
from recagent.cli.recommend import recommend_command
from recagent.cli.chat import chat_command, models_group
from recagent.cli.serve import serve_command
from recagent.cli.settings import settings_command
from recagent.cli.users import users_group

__all__ = ["cli", "main", "BUILTIN_COMMANDS"]


@click.group(cls=RecagentGroup)
@click.version_option(package_name="recagent")
def cli() -> None:
    """recagent: a recommender that people talk to.

    Every command takes --workspace DIR (default ./recagent-data, or RECAGENT_WORKSPACE), --strict and
    --debug, and --json where it prints results. Plugins add commands of their own (recagent categorize).
    """


BUILTIN_COMMANDS = (
    ingest_command, stats_command, train_command, evaluate_command, recommend_command,
    chat_command, models_group, serve_command, plugins_command, settings_command, demo_command, index_group,
    items_group, users_group,
)
for command in BUILTIN_COMMANDS:
    cli.add_command(command)


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    click.echo(f"Warning: {message}", err=True)


def _log_to_stderr() -> None:
    """recagent's own progress lines (a training epoch and its validation score) on stderr; libraries stay quiet."""
    logger = logging.getLogger("recagent")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def main() -> None:
    """Console-script entry point."""
    warnings.showwarning = _one_line_warning
    _log_to_stderr()
    cli()
