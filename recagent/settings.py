"""Settings, declared once as data and read from defaults, `recagent.toml` and `RECAGENT_*` variables.

Later sources win: built-in default, then the workspace's `recagent.toml`, then the environment, then
explicit overrides (command-line flags or SDK arguments). `recagent settings` prints the result and
where each value came from; `docs/settings.md` is checked against `SETTINGS` by the tests.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recagent.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings", "SETTINGS_FILE", "ENV_PREFIX"]

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
    Setting("gpt_max_length", int, 50,
            "How many of a user's most recent items the GPT interest model reads (its number of positions)."),
    Setting("gpt_embedding_size", int, 64, "Width of the GPT interest model's item embeddings and hidden states."),
    Setting("gpt_layers", int, 2, "Number of transformer blocks in the GPT interest model."),
    Setting("gpt_heads", int, 2, "Attention heads per block of the GPT interest model (must divide the embedding size)."),
    Setting("gpt_dropout", float, 0.5,
            "Dropout of the GPT interest model's embeddings, attention and residual connections."),
    Setting("gpt_epochs", int, 200,
            "Most training epochs of the GPT interest model; training usually stops earlier on validation."),
    Setting("gpt_patience", int, 5,
            "Stop GPT training after this many epochs without a better validation NDCG@10."),
    Setting("gpt_batch_size", int, 128, "Sequences per GPT training batch."),
    Setting("gpt_learning_rate", float, 0.001, "Adam learning rate of the GPT interest model."),
    Setting("gpt_seed", int, 42, "Seed of GPT training: the same data, settings and seed give the same model."),
    Setting("gpt_text_init", bool, True,
            "Start item embeddings from the items' text embeddings, so items added after training are scored "
            "from their text; ignored when most items have no text."),
    Setting("gpt_text_model", str, None,
            "Local sentence-transformers folder for item text embeddings; unset follows embedding_model (the "
            "item index's model), and without that the bundled all-MiniLM-L6-v2."),
    Setting("gpt_full_softmax_items", int, 100_000,
            "Catalogs up to this many items train with a full softmax; larger ones use a sampled softmax."),
    Setting("gpt_negatives", int, 8192, "Sampled negatives per batch when the sampled softmax is used."),
    Setting("gpt_max_minutes", float, None,
            "Stop GPT training after the epoch that passes this many minutes; unset has no time limit."),
    Setting("gpt_threads", int, 0,
            "CPU threads for GPT training and evaluation; 0 keeps torch's default (serving one history always "
            "uses one). On a machine whose cores are busy with other work, 1 is often several times faster."),
    Setting("bert_model", str, None,
            "Local BERT folder for the categorizer's backbone; unset uses the bundled all-MiniLM-L6-v2."),
    Setting("bert_epochs", int, 4, "Fine-tuning epochs of the BERT categorizer (the best on validation is kept)."),
    Setting("bert_batch_size", int, 16, "Items per fine-tuning batch of the BERT categorizer."),
    Setting("bert_learning_rate", float, 1e-4, "AdamW learning rate of the BERT categorizer's transformer layers."),
    Setting("bert_head_learning_rate", float, 1e-3,
            "AdamW learning rate of the BERT categorizer's classification layer (it starts from random weights)."),
    Setting("bert_max_length", int, 128, "Tokens of item text the BERT categorizer reads."),
    Setting("bert_trainable_layers", int, 2,
            "Top transformer layers the BERT categorizer fine-tunes (with its head); -1 fine-tunes all of them."),
    Setting("bert_seed", int, 0, "Seed of the BERT categorizer's fine-tuning and of its evaluation split."),
    Setting("bert_precision", str, "auto",
            "Arithmetic of the BERT categorizer: auto (bfloat16 where the CPU has bfloat16 instructions, about "
            "2.5x faster; float32 elsewhere), float32 or bfloat16."),
    Setting("bert_zero_shot_threshold", float, 0.35,
            "Least cosine similarity between item text and a category name for zero-shot categorization "
            "(which reads item descriptions, never titles alone)."),
    Setting("bert_always_fit", bool, False,
            "Fine-tune the BERT categorizer in `recagent train` even when every item already has categories."),
    Setting("bert_categories", list, (),
            "Category names for zero-shot categorization when the catalog has none of its own (comma-separated)."),
    Setting("embedding_model", str, None,
            "Local sentence-transformers folder for item embeddings in the index; unset uses the bundled "
            "all-MiniLM-L6-v2; 'hashing' (or hashing:DIM) is a fast word-hashing embedder for tests only."),
    Setting("embedding_device", str, "cpu", "Torch device for the index's embedding model, such as cpu or cuda."),
    Setting("chroma_url", str, None,
            "URL of a Chroma server (e.g. http://127.0.0.1:8000) holding the item index, shared by several "
            "processes; unset keeps the index in the workspace's chroma/ folder."),
    Setting("index_collection", str, "items", "Name of the Chroma collection that holds the item index."),
    Setting("index_text_fields", list, ("title", "categories", "text"),
            "What the index embeds for an item, in order: title, categories, text and any metadata keys "
            "(comma-separated)."),
    Setting("index_batch_size", int, 1024,
            "Items embedded and written to Chroma per batch (capped by Chroma's maximum batch size); "
            "an interrupted build loses at most one batch of work. A parallel build writes at most 256 at a time."),
    Setting("index_parallel_build", bool, True,
            "Encode in helper processes forked from the building one (one per CPU core, Linux, CPU models) "
            "while it writes to Chroma, for builds of more than 256 items."),
    Setting("index_on_ingest", bool, True,
            "Once the item index is built (`recagent index build`), update it after every ingest, "
            "re-embedding only the items that changed."),
    Setting("ranking_train_users", int, 5000,
            "How many users (sampled) the ranker learns from; each one's last item is the one to rank first."),
    Setting("ranking_seed", int, 0, "Seed of the ranker's sample of users and negatives."),
    Setting("chat_model", str, "local",
            "The chat agent's model: 'local' (SmolLM2-135M-Instruct, offline, guided) or a LangChain spec "
            "such as 'openai:gpt-4o-mini' or 'ollama:qwen2.5'."),
    Setting("chat_mode", str, "auto",
            "How the agent uses its model: 'tools' (the model calls the tools), 'guided' (the message is read "
            "by catalog matching, the pipeline picks the items, the model only words the reply) or 'auto' "
            "(guided for the local default, tools otherwise)."),
    Setting("chat_model_dir", str, None,
            "Folder for the converted local chat model (default: models/chat/smollm2-135m-instruct in the "
            "workspace); point several workspaces at one folder to convert it once."),
    Setting("chat_max_new_tokens", int, 48, "Most tokens the local chat model writes per reply."),
    Setting("chat_item_noun", str, "movie",
            "What the catalog's items are, in one word, for the local model's wording (movie, book, product...)."),
    Setting("chat_items", int, 5, "Items the agent shows per answer unless asked for another number."),
    Setting("chat_max_message_chars", int, 4000, "Longest chat message accepted, in characters."),
    Setting("api_keys", list, (),
            "API keys of `recagent serve` as user:key entries (comma-separated; keys of 16 characters or more); "
            "each key acts for its user only. Required when serving on anything but loopback."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved settings: a read-only mapping with attribute access and the source of each value."""

    def __init__(self, values: dict[str, Any], sources: dict[str, str]) -> None:
        self._values = values
        self._sources = sources

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def source(self, name: str) -> str:
        """Where the value of `name` came from: 'default', a file path, an env var or 'override'."""
        return self._sources[name]

    @property
    def workspace_path(self) -> Path:
        return Path(self._values["workspace"]).expanduser()


def _unknown(name: str, source: str) -> ConfigError:
    close = difflib.get_close_matches(name, list(_BY_NAME), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known settings: {', '.join(_BY_NAME)}"
    return ConfigError(f"unknown setting {name!r} in {source}{hint}")


def load_settings(
    workspace: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve every setting from defaults, the workspace's recagent.toml, the environment and overrides."""
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    sources = {s.name: "default" for s in SETTINGS}

    if workspace is not None:
        values["workspace"], sources["workspace"] = str(workspace), "override"
    elif _BY_NAME["workspace"].env_var in env:
        values["workspace"], sources["workspace"] = env["RECAGENT_WORKSPACE"], "RECAGENT_WORKSPACE"

    toml_path = Path(values["workspace"]).expanduser() / SETTINGS_FILE
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{toml_path}: not valid TOML ({exc}); fix or remove the file") from None
        for name, raw in data.items():
            if name not in _BY_NAME:
                raise _unknown(name, str(toml_path))
            if name == "workspace":
                raise ConfigError(
                    f"{toml_path}: 'workspace' cannot be set inside the workspace itself; "
                    "use --workspace or RECAGENT_WORKSPACE"
                )
            values[name], sources[name] = _BY_NAME[name].parse(raw, str(toml_path)), str(toml_path)

    for setting in SETTINGS:
        if setting.name != "workspace" and setting.env_var in env:
            values[setting.name] = setting.parse(env[setting.env_var], setting.env_var)
            sources[setting.name] = setting.env_var

    for name, raw in (overrides or {}).items():
        if name not in _BY_NAME:
            raise _unknown(name, "overrides")
        if raw is not None:
            values[name], sources[name] = _BY_NAME[name].parse(raw, "override"), "override"

    for name in ("kcore",):
        if values[name] < 0:
            raise ConfigError(f"setting {name!r} from {sources[name]} must be 0 or more, got {values[name]}")
    return Settings(values, sources)
