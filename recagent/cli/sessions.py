"""`recagent chat` and `recagent serve`: chat sessions in the terminal or over HTTP."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options
from recagent.errors import FeatureUnavailableError


@click.command("chat")
@click.option("--session", "session_id", help="Resume this chat session.")
@click.option("--user", "-u", help="Chat as this known user.")
@command_options
def chat_command(app: App, session_id: str | None, user: str | None) -> None:
    """Chat with the recommending agent."""
    app.recommender.chat(session_id=session_id, user=user)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@command_options
def serve_command(app: App, host: str, port: int) -> None:
    """Serve the HTTP API and the web chat page."""
    raise FeatureUnavailableError(
        "serve is not available in this version of recagent: the HTTP API is not built yet; "
        "use the SDK or `recagent recommend` meanwhile"
    )
