"""The GPT interest model's options, read from the workspace settings and checked once."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from recagent.errors import ConfigError
from recagent.settings import Settings

__all__ = ["GPTOptions"]


@dataclass(frozen=True)
class GPTOptions:
    """Everything that shapes how the GPT interest model is built and trained."""

    max_length: int = 50
    embedding_size: int = 64
    layers: int = 2
    heads: int = 2
    dropout: float = 0.5
    epochs: int = 200
    patience: int = 5
    batch_size: int = 128
    learning_rate: float = 0.001
    seed: int = 42
    text_init: bool = True
    text_model: str | None = None
    full_softmax_items: int = 100_000
    negatives: int = 8192
    max_minutes: float | None = None
    threads: int = 0

    def __post_init__(self) -> None:
        for name in ("max_length", "embedding_size", "layers", "heads", "epochs", "batch_size", "negatives"):
            if getattr(self, name) < 1:
                raise ConfigError(f"setting 'gpt_{name}' must be at least 1, got {getattr(self, name)}")
        if self.embedding_size % self.heads:
            raise ConfigError(
                f"setting 'gpt_heads' ({self.heads}) must divide 'gpt_embedding_size' ({self.embedding_size}); "
                "for example 2 heads with 64 dimensions"
            )
        if not 0.0 <= self.dropout < 1.0:
            raise ConfigError(f"setting 'gpt_dropout' must be between 0 and 1, got {self.dropout}")
        if self.threads < 0:
            raise ConfigError(f"setting 'gpt_threads' must be 0 (torch's default) or more, got {self.threads}")
        if self.learning_rate <= 0 or self.patience < 1:
            raise ConfigError("settings 'gpt_learning_rate' and 'gpt_patience' must be positive")

    @classmethod
    def from_settings(cls, settings: Settings) -> GPTOptions:
        """Options from the `gpt_*` settings."""
        options = {name: settings[f"gpt_{name}"] for name in cls.__dataclass_fields__}
        index_model = settings.get("embedding_model")
        if options["text_model"] is None and index_model and not str(index_model).startswith("hashing"):
            options["text_model"] = index_model  # item text means the same to the index and to the model
        return cls(**options)

    def training_identity(self) -> dict[str, Any]:
        """The options a resumed run must share with the interrupted one (limits on time and epochs may change)."""
        identity = asdict(self)
        for name in ("epochs", "patience", "max_minutes", "threads"):
            identity.pop(name)
        return identity
