"""`recagent users show | erase`: one user's history, and erasing everything of theirs."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, confirm, echo_json, echo_table
from recagent.titles import display_title


@click.group("users")
def users_group() -> None:
    """Show a user's history, or erase a user."""


@users_group.command("show")
@click.argument("user")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most recent items shown.")
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
@command_options
def show_command(app: App, user: str, limit: int, as_json: bool) -> None:
    """USER's items, most recent last, and their chat sessions."""
    rec = app.recommender
    history = rec.history(user)
    sessions = rec.chat_sessions(user)
    if as_json:
        echo_json({"user": user, "items": history, "sessions": [info.id for info in sessions]})
        return
    click.echo(f"User {user}: {len(history):,} item(s), {len(sessions):,} chat session(s).")
    shown = rec.items(history[-limit:])
    echo_table(["id", "title"], [[item.id, display_title(item.title)] for item in shown])


@users_group.command("erase")
@click.argument("user")
@click.option("--yes", "-y", is_flag=True, help="Erase without asking.")
@command_options
def erase_command(app: App, user: str, yes: bool) -> None:
    """Erase USER: every event and feedback, and every chat session of theirs."""
    rec = app.recommender
    events = len(rec.history(user)) if rec.has_user(user) else 0
    sessions = len(rec.chat_sessions(user))
    confirm(f"Erase user {user!r} ({events:,} item(s) in their history, {sessions:,} chat session(s))?", yes)
    removed = rec.erase_user(user)
    click.echo(f"Erased user {user!r}: {removed.events:,} event(s), {removed.sessions:,} chat session(s).")
