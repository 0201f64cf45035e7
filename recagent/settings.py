"""Settings, declared once as data and read from defaults, `recagent.toml` and `RECAGENT_*` variables.

Later sources win: built-in default, then the workspace's `recagent.toml`, then the environment, then
explicit overrides (command-line flags or SDK arguments). `SETTINGS` are the core's; each plugin declares
its own through the `register_settings` hook, and the plugin host resolves those from the same sources
once the plugins are loaded (`Settings.with_plugin_settings`). `recagent settings` prints the result and
where each value came from; `docs/settings.md` is checked against every declared setting by the tests.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recagent.errors import ConfigError

__all__ = [
    "CORE",
    "CORE_BY_NAME",
    "ENV_PREFIX",
    "RawSettings",
    "SETTINGS",
    "SETTINGS_FILE",
    "Setting",
    "Settings",
    "check_declaration",
    "load_settings",
]

SETTINGS_FILE = "recagent.toml"
ENV_PREFIX = "RECAGENT_"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, type, default and a sentence of help."""

    name: str
    type: type
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()

    def parse(self, raw: Any, source: str) -> Any:
        """Convert a TOML value or an environment string to this setting's type."""
        if raw is None:
            return None
        try:
            if self.type is bool:
                return _parse_bool(raw)
            if self.type is list:
                if isinstance(raw, str):
                    return tuple(part.strip() for part in raw.split(",") if part.strip())
                if isinstance(raw, (list, tuple)) and all(isinstance(p, str) for p in raw):
                    return tuple(raw)
                raise ValueError("expected a list of strings or a comma-separated string")
            if self.type is float and isinstance(raw, str) and raw.strip() == "":
                return None
            if self.type in (int, float) and isinstance(raw, bool):
                raise ValueError("expected a number")
            value = self.type(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"setting {self.name!r} from {source}: {raw!r} is not a valid "
                f"{self.type.__name__} ({exc}); {self.help}"
            ) from None
        return value


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true/false, yes/no, on/off or 1/0")


SETTINGS: tuple[Setting, ...] = (
    Setting("workspace", str, "./recagent-data",
            "Workspace folder holding the store, the index, model artifacts and recagent.toml "
            "(set it with --workspace or RECAGENT_WORKSPACE; a recagent.toml cannot move its own folder)."),
    Setting("strict_plugins", bool, False,
            "Raise an error instead of warning and skipping when a plugin fails to load or raises in a hook."),
    Setting("load_plugins", list, None,
            "Entry-point plugins to load, by entry-point or distribution name (comma-separated); "
            "unset loads all, an empty value loads none. Built-in plugins are not affected."),
    Setting("disable_plugins", list, (),
            "Plugins not to register, built-in or third-party, by name (comma-separated)."),
    Setting("rating_threshold", float, None,
            "Keep only events whose value is at least this, turning explicit ratings into implicit "
            "feedback; unset keeps every event."),
    Setting("kcore", int, 0,
            "Repeatedly drop users and items with fewer than this many events in an ingested batch "
            "(k-core filtering); 0 keeps all."),
    Setting("category_separator", str, "|",
            "Separator between categories in a single CSV or Parquet column (MovieLens uses '|')."),
    Setting("progress", bool, True, "Show progress bars on long work (written to stderr)."),
    Setting("trace_hooks", bool, False,
            "Report every hook call on stderr: which plugin ran, how long it took, and the size of what it "
            "returned (never the data). The --trace flag sets it for one command."),
    Setting("embedding_model", str, None,
            "Local sentence-transformers folder for item embeddings in the index; unset uses the bundled "
            "all-MiniLM-L6-v2; 'hashing' (or hashing:DIM) is a fast word-hashing embedder for tests only."),
    Setting("embedding_device", str, "cpu", "Torch device for the index's embedding model, such as cpu or cuda."),
    Setting("chroma_url", str, None,
            "URL of a Chroma server (e.g. http://127.0.0.1:8000) holding the item index, shared by several "
            "processes; unset keeps the index in the workspace's chroma/ folder."),
    Setting("store_url", str, None,
            "PostgreSQL URL (postgresql://user:password@host:5432/db) of the store of items, events and users, "
            "shared by several servers; unset keeps the store in the workspace's recagent.sqlite."),
    Setting("models_dir", str, None,
            "Folder of the trained models (GPT, ranker, BERT), for several servers to share: `recagent train` "
            "on one publishes a new version there and every server uses it from its next request; unset keeps "
            "them in the workspace's models/ folder."),
    Setting("index_collection", str, "items", "Name of the Chroma collection that holds the item index."),
    Setting("index_text_fields", list, ("title", "categories", "text", "tags"),
            "What the index embeds for an item, in order: title, categories, text and any metadata keys "
            "(comma-separated); the default includes the `tags` metadata (MovieLens tags.csv), where moods and "
            "themes often are."),
    Setting("index_batch_size", int, 1024,
            "Items embedded and written to Chroma per batch (capped by Chroma's maximum batch size); "
            "an interrupted build loses at most one batch of work. A parallel build writes at most 256 at a time."),
    Setting("index_parallel_build", bool, True,
            "Encode in helper processes forked from the building one (one per CPU core, Linux, CPU models) "
            "while it writes to Chroma, for builds of more than 256 items."),
    Setting("index_on_ingest", bool, True,
            "Once the item index is built (`recagent index build`), update it after every ingest, "
            "re-embedding only the items that changed."),
    Setting("chat_model", str, "local",
            "The chat agent's model: 'local' (SmolLM2-135M-Instruct, offline, guided) or a LangChain spec "
            "such as 'openai:gpt-4o-mini' or 'ollama:qwen2.5'."),
    Setting("chat_mode", str, "auto",
            "How the agent uses its model: 'tools' (the model calls the tools), 'guided' (the message is read "
            "by catalog matching, the pipeline picks the items, the model only words the reply) or 'auto' "
            "(guided for the local default, tools otherwise)."),
    Setting("cache_dir", str, None,
            "Folder for what every workspace on this machine shares, such as the converted offline chat model "
            "(default: recagent in XDG_CACHE_HOME, else ~/.cache/recagent)."),
    Setting("chat_model_dir", str, None,
            "Folder for the converted local chat model (default: chat/smollm2-135m-instruct in cache_dir, or a "
            "copy an older version converted into the workspace's models/chat)."),
    Setting("chat_max_new_tokens", int, 48, "Most tokens the local chat model writes per reply."),
    Setting("chat_item_noun", str, "movie",
            "What the catalog's items are, in one word, for the local model's wording (movie, book, product...)."),
    Setting("chat_items", int, 5, "Items the agent shows per answer unless asked for another number."),
    Setting("chat_max_message_chars", int, 4000, "Longest chat message accepted, in characters."),
    Setting("chat_max_turns", int, 16,
            "Chat turns one server process answers or queues at once; more are refused with 503 and Retry-After."),
    Setting("api_keys", list, (),
            "API keys of `recagent serve` as user:key entries (comma-separated; keys of 16 characters or more); "
            "each key acts for its user only. Required when serving on anything but loopback."),
)

CORE = "core"  # the owner of SETTINGS; every other setting is owned by the plugin that declared it
CORE_BY_NAME = {setting.name: setting for setting in SETTINGS}  # the core's settings, by name
_SETTING_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SETTING_TYPES = (str, int, float, bool, list)  # the types `Setting.parse` reads from TOML and the environment


def check_declaration(setting: object) -> Setting:
    """A plugin's declared setting, checked: a `Setting` with a lowercase name and a type settings can parse."""
    if not isinstance(setting, Setting):
        raise TypeError(f"declare settings as recagent.Setting(name, type, default, help), got {setting!r}")
    if not isinstance(setting.name, str) or not _SETTING_NAME.fullmatch(setting.name):
        raise ValueError(
            f"setting name {setting.name!r} must be a lowercase identifier (letters, digits, underscores), "
            "best prefixed with the plugin's name, such as 'time_decay_half_life_days'"
        )
    if setting.type not in _SETTING_TYPES:
        raise ValueError(
            f"setting {setting.name!r} has type {setting.type!r}; use one of "
            f"{', '.join(t.__name__ for t in _SETTING_TYPES)}"
        )
    if not isinstance(setting.help, str) or not setting.help.strip():
        raise ValueError(f"setting {setting.name!r} needs a sentence of help for `recagent settings`")
    return setting


@dataclass(frozen=True)
class RawSettings:
    """What settings are read from, before any is parsed: recagent.toml, RECAGENT_* variables and overrides.

    Kept with the resolved settings so that plugin settings, declared once the plugin host exists, are
    read from the very same sources as the core's.
    """

    file: Path
    file_values: Mapping[str, Any]
    environ: Mapping[str, str]
    overrides: Mapping[str, Any]

    def resolve(self, setting: Setting) -> tuple[Any, str]:
        """The value in force for one setting and where it came from; later sources win."""
        value, source = setting.default, "default"
        if setting.name in self.file_values:
            value, source = setting.parse(self.file_values[setting.name], str(self.file)), str(self.file)
        if setting.env_var in self.environ:
            value, source = setting.parse(self.environ[setting.env_var], setting.env_var), setting.env_var
        if self.overrides.get(setting.name) is not None:
            value, source = setting.parse(self.overrides[setting.name], "override"), "override"
        return value, source

    def named(self) -> list[tuple[str, str]]:
        """(name, where it was set) for every setting named in the file or the overrides.

        Unknown environment variables are not among them: RECAGENT_* also names variables that are no
        settings, and a variable for a plugin that is not installed does no harm.
        """
        return [(name, str(self.file)) for name in self.file_values] + [(name, "overrides") for name in self.overrides]


class Settings(Mapping[str, Any]):
    """Resolved settings: a read-only mapping with attribute access, the source of each value and its owner.

    The owner is `CORE` or the plugin that declared the setting through the `register_settings` hook.
    """

    def __init__(self, values: dict[str, Any], sources: dict[str, str],
                 declared: Mapping[str, tuple[Setting, ...]], raw: RawSettings) -> None:
        self._values = values
        self._sources = sources
        self._declared = dict(declared)
        self._owners = {setting.name: owner for owner, group in declared.items() for setting in group}
        self._raw = raw

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # no setting starts so; and copy/pickle probe such names before __init__ ran
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def source(self, name: str) -> str:
        """Where the value of `name` came from: 'default', a file path, an env var or 'override'."""
        return self._sources[name]

    def owner(self, name: str) -> str:
        """Who declared `name`: `CORE`, or the name of the plugin that registered it."""
        return self._owners[name]

    def declared(self) -> dict[str, tuple[Setting, ...]]:
        """Every declared setting by owner: the core's first, then each plugin's in load order."""
        return dict(self._declared)

    @property
    def workspace_path(self) -> Path:
        return Path(self._values["workspace"]).expanduser()

    @property
    def models_path(self) -> Path:
        """Where trained models live (setting `models_dir`): the workspace's models/ folder unless shared."""
        if self._values.get("models_dir"):
            return Path(self._values["models_dir"]).expanduser()
        return self.workspace_path / "models"

    @property
    def cache_path(self) -> Path:
        """The machine's cache folder (setting `cache_dir`), shared by every workspace."""
        if self._values.get("cache_dir"):
            return Path(self._values["cache_dir"]).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base).expanduser() / "recagent"

    def with_plugin_settings(
        self, plugins: Mapping[str, Sequence[Setting]], *, not_loaded: Collection[str] = ()
    ) -> Settings:
        """These core settings plus the plugins' own, read from the same file, variables and overrides.

        `plugins` maps each plugin to the settings it declared. Now that every plugin has declared its
        settings, a name in recagent.toml or the overrides that nobody declared is an error, unless it is
        named like a setting of a plugin in `not_loaded` (disabled or failed to load): disabling a plugin
        for a while must not make its settings in recagent.toml an error on every command.
        """
        declared = {CORE: self._declared[CORE], **{plugin: tuple(group) for plugin, group in plugins.items() if group}}
        values = {name: self._values[name] for name in CORE_BY_NAME}
        sources = {name: self._sources[name] for name in CORE_BY_NAME}
        for group in declared.values():
            for setting in group:
                if setting.name not in values:
                    values[setting.name], sources[setting.name] = self._raw.resolve(setting)
        for name, where in self._raw.named():
            if name not in values and _not_loaded_owner(name, not_loaded) is None:
                raise _undeclared(name, where, list(values), not_loaded)
        return Settings(values, sources, declared, self._raw)


def _not_loaded_owner(name: str, not_loaded: Collection[str]) -> str | None:
    """The plugin, among those not loaded, whose setting `name` looks like (settings carry their plugin's prefix)."""
    return next((plugin for plugin in not_loaded if name.startswith(plugin.replace("-", "_") + "_")), None)


def _undeclared(name: str, where: str, known: Sequence[str], not_loaded: Collection[str]) -> ConfigError:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "`recagent settings` lists every known setting"
    unloaded = f" (plugins not loaded: {', '.join(not_loaded)})" if not_loaded else ""
    return ConfigError(
        f"unknown setting {name!r} in {where}: neither recagent nor a loaded plugin declares it{unloaded}; {hint}"
    )


def _read_settings_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    if "workspace" in data:
        raise ConfigError(
            f"{path}: 'workspace' cannot be set inside the workspace itself; use --workspace or RECAGENT_WORKSPACE"
        )
    return data


def load_settings(
    workspace: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve the core settings from defaults, the workspace's recagent.toml, the environment and overrides.

    Names the core does not know are kept for the plugins: the host resolves the settings that plugins
    declare (`Settings.with_plugin_settings`) and rejects the names that nobody declared.
    """
    env = os.environ if environ is None else environ
    given = dict(overrides or {})
    if workspace is not None:
        given["workspace"] = os.fspath(workspace)
    variables = {name: value for name, value in env.items() if name.startswith(ENV_PREFIX)}
    # The workspace says where recagent.toml is, so it is resolved before the file is read.
    folder, _ = RawSettings(Path(SETTINGS_FILE), {}, variables, given).resolve(CORE_BY_NAME["workspace"])
    toml_path = Path(folder).expanduser() / SETTINGS_FILE
    raw = RawSettings(toml_path, _read_settings_file(toml_path), variables, given)

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for setting in SETTINGS:
        values[setting.name], sources[setting.name] = raw.resolve(setting)
    for name in ("kcore",):
        if values[name] < 0:
            raise ConfigError(f"setting {name!r} from {sources[name]} must be 0 or more, got {values[name]}")
    return Settings(values, sources, {CORE: SETTINGS}, raw)
