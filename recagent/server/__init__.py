"""The HTTP API and the web chat page (`recagent serve`); needs the `server` extra (FastAPI, uvicorn)."""

from __future__ import annotations

from typing import Any

from recagent.errors import FeatureUnavailableError

__all__ = ["create_app", "require_server_extra"]


def require_server_extra() -> None:
    """Fail with the exact fix when FastAPI or uvicorn is missing."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise FeatureUnavailableError(
            f"the HTTP server needs FastAPI and uvicorn ({exc.name} is missing): pip install 'recagent[server]'"
        ) from None


def create_app(recommender: Any, **options: Any) -> Any:
    """The FastAPI app over an open Recommender (see `recagent.server.app.create_app`)."""
    require_server_extra()
    from recagent.server.app import create_app as build

    return build(recommender, **options)
