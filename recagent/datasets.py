"""Datasets recagent knows where to find: the bundled demo catalog and the shared benchmark data."""

from __future__ import annotations

import os
import zipfile
from importlib import resources
from pathlib import Path

__all__ = ["DEMO_CATALOG", "demo_catalog", "shared_data_dir"]

DEMO_CATALOG = "ml-latest-small"


def demo_catalog(target: Path) -> Path:
    """Unpack the bundled MovieLens latest-small into `target` (once) and return its folder."""
    folder = target / DEMO_CATALOG
    if not (folder / "ratings.csv").exists():
        archive = resources.files("recagent.data").joinpath(f"{DEMO_CATALOG}.zip")
        with archive.open("rb") as handle, zipfile.ZipFile(handle) as bundle:
            bundle.extractall(target)
    return folder


def shared_data_dir() -> Path | None:
    """The folder of public benchmark datasets (`RECAGENT_SHARED_DATA`, else ../shared/data), if present."""
    configured = os.environ.get("RECAGENT_SHARED_DATA")
    candidates = [Path(configured)] if configured else []
    root = Path(__file__).resolve().parent.parent
    candidates += [root.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    return next((path for path in candidates if path.is_dir()), None)
