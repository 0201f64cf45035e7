"""What every command shares: --workspace/--debug/--strict, error translation, and output helpers."""

from __future__ import annotations

import functools
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import click

from recagent.errors import PluginWarning, RecagentError
from recagent.host import create_host
from recagent.sdk import Recommender
from recagent.settings import Settings, load_settings

__all__ = ["RecagentGroup", "command_options", "recommender_command", "App", "confirm", "echo_json", "echo_table"]


class App:
    """Per-invocation state: the chosen workspace and, opened on first use, the Recommender."""

    def __init__(self, workspace: str | None, strict: bool, trace: bool = False) -> None:
        self.workspace_option = workspace
        self.strict = strict or None
        self.overrides = {"trace_hooks": True} if trace else {}
        self._recommender: Recommender | None = None

    @property
    def settings(self) -> Settings:
        """Settings for the chosen workspace, without opening its store or loading plugins."""
        return load_settings(self.workspace_option, overrides=self.overrides)

    @property
    def recommender(self) -> Recommender:
        if self._recommender is None:
            self._recommender = Recommender.open(self.workspace_option, settings=self.overrides, strict=self.strict)
        return self._recommender

    def close(self) -> None:
        if self._recommender is not None:
            self._recommender.close()


def command_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --workspace, --strict and --debug, pass an `App`, and turn errors into one readable line."""

    @click.option("--workspace", "-w", metavar="DIR", default=None,
                  help="Workspace folder [default: ./recagent-data, or RECAGENT_WORKSPACE].")
    @click.option("--strict", is_flag=True, help="Fail instead of skipping a plugin that fails.")
    @click.option("--trace", is_flag=True, help="Report every plugin hook call on stderr (plugin, time, result size).")
    @click.option("--debug", is_flag=True, help="Show full tracebacks on errors, and the model libraries' own "
                                               "progress bars and load reports.")
    @functools.wraps(func)
    def wrapper(*args: Any, workspace: str | None, strict: bool, trace: bool, debug: bool, **kwargs: Any) -> Any:
        if debug:  # before any model library is imported: they read these once
            os.environ.update(HF_HUB_DISABLE_PROGRESS_BARS="0", TRANSFORMERS_VERBOSITY="info")
        app = App(workspace, strict, trace)
        try:
            return func(app, *args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecagentError as exc:
            if debug:
                raise
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:  # noqa: BLE001 - the edge: a bug is still one line unless --debug
            if debug:
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback)"
            ) from None
        finally:
            app.close()

    return wrapper


def recommender_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """`command_options` for plugins' commands: the function receives the workspace's `Recommender` first.

    Handed to plugins by the `register_commands` hook, so that they need no import of the CLI.
    """

    @functools.wraps(func)
    def with_recommender(app: App, *args: Any, **kwargs: Any) -> Any:
        return func(app.recommender, *args, **kwargs)

    return command_options(with_recommender)


class RecagentGroup(click.Group):
    """A group that adds plugin commands (register_commands hook) when they are first needed."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        try:
            host = create_host(load_settings())
        except RecagentError as exc:
            warnings.warn(f"plugin commands not loaded: {exc}", PluginWarning, stacklevel=2)
            return
        builtin = set(self.commands)
        for plugin in host.implementers("register_commands"):
            staging = click.Group()
            host.call_one("register_commands", plugin, cli=staging, recommender_command=recommender_command)
            for name in sorted(staging.commands):
                if name in builtin or name in self.commands:
                    warnings.warn(
                        f"plugin {plugin!r} tried to add the command {name!r}, which already "
                        "exists; skipped", PluginWarning, stacklevel=2,
                    )
                else:
                    self.add_command(staging.commands[name], name)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands()
        return super().list_commands(ctx)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned text table."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for number, row in enumerate(cells):
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            click.echo("  ".join("-" * width for width in widths))


def confirm(question: str, yes: bool) -> None:
    """Go on only when the person agrees (or passed --yes); without a terminal to ask on, --yes is required."""
    if yes:
        return
    if not can_ask():
        raise click.UsageError(f"{question} Nothing was changed: pass --yes to confirm without a prompt.")
    click.confirm(question, abort=True)


def can_ask() -> bool:
    """Whether a person can answer a prompt: standard input is a terminal."""
    return sys.stdin.isatty()
