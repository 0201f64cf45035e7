"""recagent: a recommender that people talk to.

A pluggy host runs a pipeline of plugins (preprocessing, interest prediction, categorization,
ranking) over a workspace's catalog and events; `Recommender` is the SDK entry point.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version

# Loading a model, transformers draws a "Loading weights" bar and may log a load report ("classifier.weight
# MISSING ... newly initialized", for a head that is about to be trained) that reads like a failure. recagent
# says what it does in its own words; a variable the user set wins, and `--debug` shows them again.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from recagent.errors import (
    ConfigError,
    FeatureUnavailableError,
    IndexDamagedError,
    IndexNotBuiltError,
    IngestError,
    InvalidIdError,
    ModelNotTrainedError,
    NotEnoughDataError,
    PluginError,
    PluginUnavailableError,
    PluginWarning,
    RecagentError,
    RecagentWarning,
    StorageFullError,
    StoreDamagedError,
    StoreError,
    UnknownItemError,
    UnknownUserError,
)
from recagent.catalog import Catalog
from recagent.host import hookimpl
from recagent.ingest import IngestReport
from recagent.sdk import Recommender
from recagent.settings import SETTINGS, Setting, Settings, load_settings
from recagent.store import Removed, StoreStats
from recagent.types import (
    FEEDBACK_KINDS,
    Candidate,
    Event,
    Interests,
    Item,
    Rating,
    Recommendation,
    RecommendRequest,
    ScoredItem,
)
from recagent.workspace import Workspace

try:
    __version__ = version("recagent")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "__version__",
    "Recommender",
    "hookimpl",
    "Item",
    "Event",
    "ScoredItem",
    "Candidate",
    "Interests",
    "RecommendRequest",
    "Rating",
    "Recommendation",
    "IngestReport",
    "StoreStats",
    "Removed",
    "Workspace",
    "Catalog",
    "FEEDBACK_KINDS",
    "Setting",
    "Settings",
    "SETTINGS",
    "load_settings",
    "RecagentError",
    "ConfigError",
    "IngestError",
    "InvalidIdError",
    "NotEnoughDataError",
    "ModelNotTrainedError",
    "UnknownItemError",
    "UnknownUserError",
    "IndexNotBuiltError",
    "StoreError",
    "StorageFullError",
    "StoreDamagedError",
    "IndexDamagedError",
    "PluginError",
    "PluginUnavailableError",
    "FeatureUnavailableError",
    "RecagentWarning",
    "PluginWarning",
]
