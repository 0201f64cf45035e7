"""Chroma clients: embedded in the workspace folder by default, a Chroma server when a URL is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from recagent.errors import ConfigError, IndexUnavailableError
from recagent.vectorstore.damage import damage_error, forget_chroma_system

__all__ = ["connect", "CHROMA_FOLDER"]

CHROMA_FOLDER = "chroma"


def _chroma_settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False)


def _server_address(url: str) -> tuple[str, int, bool]:
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"chroma_url {url!r} is not an http(s) URL; write it like http://127.0.0.1:8000")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 8000)
    except ValueError:
        raise ConfigError(f"chroma_url {url!r} has a bad port; write it like http://127.0.0.1:8000") from None
    return parts.hostname, port, parts.scheme == "https"


def connect(workspace_path: Path, chroma_url: str | None) -> tuple[Any, str]:
    """A Chroma client and a description of where the index lives, with telemetry off."""
    import chromadb

    if not chroma_url:
        # Absolute, so that a later change of directory cannot point the index elsewhere, and one folder
        # has one name in Chroma's cache of open systems (keyed by the path as written).
        folder = (workspace_path / CHROMA_FOLDER).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(folder), settings=_chroma_settings()), str(folder)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # Chroma's Rust code panics on some damage: a BaseException (pyo3)
            forget_chroma_system(folder)  # else the next client of this folder gets the system that failed
            damaged = damage_error(exc, location=str(folder), chroma_folder=folder)
            if damaged is not None:
                raise damaged from exc
            raise
    host, port, ssl = _server_address(chroma_url)
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
        client.heartbeat()
    except Exception as exc:  # noqa: BLE001 - chromadb raises several kinds for an unreachable server
        raise IndexUnavailableError(
            f"cannot reach the Chroma server at {chroma_url} ({type(exc).__name__}: {exc}); start it with "
            f"`chroma run --path DIR --host {host} --port {port}`, or unset chroma_url to keep the index "
            "in the workspace"
        ) from None
    return client, chroma_url
