"""Domain errors: the library raises these, and the CLI and server translate them at the edge.

Every message says what went wrong and what to do next.
"""

from __future__ import annotations

import shlex
from pathlib import Path

__all__ = [
    "RecagentError",
    "ConfigError",
    "IngestError",
    "UnknownItemError",
    "UnknownUserError",
    "PluginError",
    "PluginUnavailableError",
    "FeatureUnavailableError",
    "NotEnoughDataError",
    "ModelNotTrainedError",
    "TrainingError",
    "RecagentWarning",
    "PluginWarning",
    "ItemIndexError",
    "IndexInputError",
    "IndexUnavailableError",
    "IndexBuildError",
    "IndexNotBuiltError",
    "DataDamagedError",
    "IndexDamagedError",
    "ChatInputError",
    "ChatModelError",
    "UnknownSessionError",
    "StoreError",
    "StorageFullError",
    "StoreDamagedError",
    "InvalidIdError",
]


class RecagentError(Exception):
    """Base class of every error recagent raises on purpose."""


class ConfigError(RecagentError):
    """A setting has a bad value or the settings file cannot be read."""


class IngestError(RecagentError):
    """An input file cannot be ingested; the store was left unchanged.

    ``path``, ``line`` and ``column`` locate the problem when they are known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        where = [part for part in (path, f"line {line}" if line else None) if part]
        if column:
            where.append(f"column {column!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class UnknownItemError(RecagentError, KeyError):
    """An item id that is not in the catalog."""

    def __init__(self, item_ids: list[str], suggestions: list[str] | None = None) -> None:
        self.item_ids = item_ids
        self.suggestions = list(suggestions or [])
        shown = ", ".join(repr(i) for i in item_ids[:5])
        more = f" and {len(item_ids) - 5} more" if len(item_ids) > 5 else ""
        hint = (f"; the closest titles: {'; '.join(self.suggestions)}" if self.suggestions
                else "; find items with `recagent items search TITLE`, or ingest them first")
        super().__init__(f"unknown item id {shown}{more}: not in the catalog, by id or title{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class AmbiguousTitleError(RecagentError):
    """A title that several catalog items share: the caller must say which one."""

    def __init__(self, title: str, candidates: list[str]) -> None:
        self.title = title
        self.candidates = candidates
        super().__init__(f"{len(candidates)} items are titled {title!r}: {'; '.join(candidates[:10])}; "
                         "give the year or the id")


class UnknownUserError(RecagentError, KeyError):
    """A user id that has no events in the store."""

    def __init__(self, user: str) -> None:
        self.user = user
        super().__init__(
            f"unknown user {user!r}: no events for this user in the store; "
            "pass their recent items as history=[...] (--history) or ingest their events first"
        )

    def __str__(self) -> str:
        return self.args[0]


class PluginError(RecagentError):
    """A plugin failed to load or raised inside a hook (raised in strict mode)."""

    def __init__(self, plugin: str, hook: str | None, cause: BaseException | str) -> None:
        self.plugin = plugin
        self.hook = hook
        where = f"plugin {plugin!r} failed in hook {hook!r}" if hook else f"plugin {plugin!r} failed to load"
        detail = cause if isinstance(cause, str) else f"{type(cause).__name__}: {cause}"
        super().__init__(f"{where}: {detail}")


class PluginUnavailableError(RecagentError):
    """No loaded plugin implements a hook that an operation needs."""

    def __init__(self, operation: str, hook: str) -> None:
        self.operation = operation
        self.hook = hook
        super().__init__(
            f"{operation} is not available until a plugin provides the {hook!r} hook; "
            "none of the loaded plugins implements it (see `recagent plugins --hook "
            f"{hook}`; a plugin may have been disabled or failed to load)"
        )


class FeatureUnavailableError(RecagentError):
    """A part of recagent that this installation does not provide yet."""


class RecagentWarning(UserWarning):
    """Base class of recagent's warnings."""


class PluginWarning(RecagentWarning):
    """A plugin was skipped because it failed to load or raised inside a hook."""


class NotEnoughDataError(RecagentError):
    """The store holds too little data to train or evaluate a model."""


class ModelNotTrainedError(RecagentError):
    """A model was asked for predictions before it was trained."""

    def __init__(self, model: str) -> None:
        self.model = model
        super().__init__(f"the {model} model has not been trained in this workspace; run `recagent train` first")


class TrainingError(RecagentError):
    """Training failed for a reason other than its data, e.g. a helper process of a training across processes."""


class ItemIndexError(RecagentError):
    """The item index cannot do what was asked; the message says how to fix it."""


class IndexInputError(ItemIndexError, ValueError):
    """Items, queries or filters given to the item index are not valid."""


class IndexUnavailableError(ItemIndexError):
    """The item index cannot be reached or opened (Chroma server down, model folder missing)."""


class IndexBuildError(ItemIndexError):
    """A batch of the index build failed; finished batches and computed embeddings were kept."""


class IndexNotBuiltError(ItemIndexError):
    """A search by meaning was asked of a workspace whose item index has not been built."""

    def __init__(self) -> None:
        super().__init__("the item index is not built, so nothing can be matched by meaning; "
                         "run `recagent index build` (or Recommender.build_index()) once")


class DataDamagedError(RecagentError):
    """Data the workspace keeps cannot be read; the message names what is damaged and how to fix it.

    Never taken for a plugin's failure: the plugin host lets it through a hook instead of skipping the
    plugin, since an answer made without that data would look complete when it is not.
    """


class IndexDamagedError(ItemIndexError, DataDamagedError):
    """The item index's database is damaged (truncated, overwritten): nothing can be searched by meaning.

    ``file`` is the damaged file and ``folder`` the index's folder in the workspace, which
    `recagent index build --rebuild` sets aside; both are None for an index on a Chroma server.
    """

    def __init__(self, detail: str, *, location: str, file: Path | None = None, folder: Path | None = None) -> None:
        self.file = file
        self.folder = folder
        if file is not None:
            message = (f"the item index file {file} is damaged ({detail}), so nothing can be searched by meaning; "
                       "run `recagent index build --rebuild` to set it aside and embed every item into a fresh index")
        else:
            message = (f"the Chroma server at {location} says its database is damaged ({detail}); repair or "
                       "replace the server's data folder, then run `recagent index build --rebuild`")
        super().__init__(message)


class ChatInputError(RecagentError, ValueError):
    """A chat message that cannot be sent: empty, too long, or not text."""


class ChatModelError(RecagentError):
    """The chat model cannot be resolved, fetched or loaded; the message says how to fix it."""


class UnknownSessionError(RecagentError, KeyError):
    """A chat session id that this workspace does not have."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(f"no chat session {session_id!r} in this workspace; `recagent chat --list` shows them")

    def __str__(self) -> str:
        return str(self.args[0])


class StoreError(RecagentError):
    """The workspace's store cannot be read or written; the message says why and what to do."""


class StorageFullError(StoreError):
    """The disk holding the workspace is full; the write that hit it was undone whole."""

    def __init__(self, workspace: str, *, holder: str | None = None,
                 detail: str = "SQLite: database or disk is full") -> None:
        self.workspace = workspace
        super().__init__(
            f"the disk holding {holder or f'the workspace {workspace}'} is full ({detail}); "
            "nothing was written and the store is unchanged: free some space, then run it again"
        )


class StoreDamagedError(StoreError, DataDamagedError):
    """The store file is damaged or is not a SQLite database at all."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        quoted = shlex.quote(path)
        super().__init__(
            f"the store file {path} is damaged (SQLite: {detail}), so its items and events cannot be read; "
            "recagent keeps no backup copy of it: restore the file from your own backup, or salvage what is "
            f"still readable with `sqlite3 {quoted} .recover | sqlite3 recovered.sqlite` and put recovered.sqlite "
            "in its place (move the damaged file and any -wal and -shm files beside it away first)"
        )


class InvalidIdError(RecagentError, ValueError):
    """A user, item or session id that cannot be used: empty, not text, or with a control character.

    ``what`` says which id ("user id"), ``value`` is the id, and ``index`` its position when it came in a list.
    """

    def __init__(self, what: str, value: object, why: str, *, index: int | None = None) -> None:
        self.what, self.value, self.index = what, value, index
        super().__init__(f"{what} {value!r} {why}; ids must be printable text: "
                         "remove the character, or map the ids to clean ones before sending them")
