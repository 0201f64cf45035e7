"""`recagent serve`: the HTTP API and the web chat page."""

from __future__ import annotations

import ipaddress
import os

import click

from recagent.cli.common import App, command_options
from recagent.errors import ConfigError
from recagent.settings import ENV_PREFIX

__all__ = ["serve_command", "is_loopback"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--model", help="Chat model: 'local' (default) or a LangChain spec such as 'openai:gpt-4o-mini'.")
@click.option("--mode", type=click.Choice(["auto", "tools", "guided"]), default=None)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; more than one needs chroma_url (a Chroma server shared by them).")
@command_options
def serve_command(app: App, host: str, port: int, model: str | None, mode: str | None, workers: int) -> None:
    """Serve the HTTP API (/v1, OpenAPI docs at /docs) and the web chat page (/)."""
    from recagent.server import create_app, require_server_extra
    from recagent.server.app import parse_api_keys

    require_server_extra()
    import uvicorn

    keys = parse_api_keys(app.settings.api_keys)
    if not keys and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve on {host} without API keys: anyone who can reach it could read every session. "
            "Set api_keys (user:key entries, e.g. RECAGENT_API_KEYS='alice:<32 random characters>') "
            "or serve on 127.0.0.1"
        )
    auth = f"API keys for {len(keys)} user(s)" if keys else "open (loopback only, no API keys)"
    where = f"{app.settings.workspace_path} on http://{host}:{port}/ ({auth}"
    # In-flight requests finish before a process exits: a message being answered is not lost.
    options = {"host": host, "port": port, "log_level": "warning", "timeout_graceful_shutdown": 30}
    if workers == 1:
        web = create_app(app.recommender, api_keys=keys, model=model, mode=mode)
        click.echo(f"Serving {where}); Ctrl-C stops.", err=True)
        uvicorn.run(web, **options)
        return
    if not app.settings.chroma_url:
        raise ConfigError(
            "several worker processes share one item index through a Chroma server: set chroma_url "
            "(`chroma run --path DIR --port 8001`, then RECAGENT_CHROMA_URL=http://127.0.0.1:8001), "
            "or serve with one worker"
        )
    # Each worker opens the workspace itself, from the same settings; sessions are shared through SQLite.
    os.environ["RECAGENT_WORKSPACE"] = str(app.settings.workspace_path.resolve())
    passed = {"chat_model": model, "chat_mode": mode, "strict_plugins": app.strict, **app.overrides}
    for name, value in passed.items():
        if value is not None:
            os.environ[ENV_PREFIX + name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    app.close()
    click.echo(f"Serving {where}, {workers} workers); Ctrl-C stops.", err=True)
    uvicorn.run("recagent.server.app:app_from_environment", factory=True, workers=workers, **options)
