"""A workspace: one folder with the store, the catalog and its item index, model artifacts and the settings file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from recagent.catalog import Catalog
from recagent.errors import ConfigError
from recagent.settings import Settings, load_settings
from recagent.store import Store

if TYPE_CHECKING:
    from recagent.host import PluginHost

__all__ = ["Workspace"]

STORE_FILE = "recagent.sqlite"


class Workspace:
    """The folder behind a Recommender; plugins receive it in their hooks."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else load_settings()
        self.path: Path = self.settings.workspace_path
        self._store: Store | None = None
        self.catalog = Catalog(self)
        # The plugin host serving this workspace, for plugins that run the pipeline themselves (a ranker
        # learning from everyone's candidates); set by Recommender.
        self.host: PluginHost | None = None

    @property
    def store(self) -> Store:
        """The store, opened on first use: SQLite in the workspace, or PostgreSQL when `store_url` names it."""
        if self._store is None:
            self.path.mkdir(parents=True, exist_ok=True)
            url = self.settings.get("store_url")
            if url:
                from recagent.store_postgres import PostgresStore, is_postgres_url

                if not is_postgres_url(url):
                    raise ConfigError("setting 'store_url' must be a postgresql:// URL; got one starting "
                                      f"{url.split(':', 1)[0]!r}")
                # The same contract as the SQLite store (tests/test_store_contract.py runs against both).
                self._store = cast(Store, PostgresStore(url))
            else:
                self._store = Store(self.path / STORE_FILE)
        return self._store

    @property
    def models_path(self) -> Path:
        """The trained models' folder: models/ in the workspace, or the shared one `models_dir` names."""
        return self.settings.models_path

    def artifacts_dir(self, plugin: str) -> Path:
        """A folder for a plugin's trained artifacts, created on demand."""
        folder = self.models_path / plugin
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def close(self) -> None:
        self.catalog.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"
