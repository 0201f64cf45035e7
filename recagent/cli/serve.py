"""`recagent serve`: the HTTP API and the web chat page."""

from __future__ import annotations

import ipaddress

import click

from recagent.cli.common import App, command_options
from recagent.errors import ConfigError

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
@command_options
def serve_command(app: App, host: str, port: int, model: str | None, mode: str | None) -> None:
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
    web = create_app(app.recommender, api_keys=keys, model=model, mode=mode)
    auth = f"API keys for {len(keys)} user(s)" if keys else "open (loopback only, no API keys)"
    click.echo(f"Serving {app.recommender.workspace.path} on http://{host}:{port}/ ({auth}); Ctrl-C stops.",
               err=True)
    # In-flight requests finish before the process exits: a message being answered is not lost.
    uvicorn.run(web, host=host, port=port, log_level="warning", timeout_graceful_shutdown=30)
