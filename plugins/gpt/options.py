"""The GPT interest model's settings (declared by the plugin) and its options, read from them and checked once."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from recagent.errors import ConfigError
from recagent.plugins.gpt.device import check_device
from recagent.settings import Setting, Settings

__all__ = ["GPT_SETTINGS", "GPTOptions"]

# Declared through the plugin's `register_settings` hook; `GPTOptions.from_settings` reads them back.
GPT_SETTINGS: tuple[Setting, ...] = (
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
            "Stop GPT training once this many minutes have passed, within the epoch under way (validated like "
            "a whole one; the best model so far is kept); unset has no time limit. `recagent train --max-minutes` "
            "sets it for one run."),
    Setting("gpt_threads", int, 0,
            "CPU threads for GPT training and evaluation; 0 uses as many as cores are free when training starts "
            "(measured over half a second) and follows, epoch by epoch, the cores other work leaves free, so a "
            "machine busy with other work trains on fewer threads instead of slowing to a crawl (serving one "
            "history always uses one)."),
    Setting("gpt_processes", int, 1,
            "Processes that train the GPT interest model together (torch.distributed data parallel: gloo on the "
            "CPU, NCCL and one GPU each on CUDA): each takes its share of every epoch's batches and the gradients "
            "are averaged, on gpt_threads threads shared out among them. `recagent train --nproc N` sets it for "
            "one run."),
    Setting("gpt_device", str, "auto",
            "Where GPT training runs: \"auto\" (a CUDA GPU when torch finds one, else the CPU), \"cpu\", \"cuda\" or "
            "\"cuda:N\"; several processes on CUDA take one GPU each and meet over NCCL. Bfloat16 mixed precision "
            "on GPUs that support it. The model is always served on the CPU."),
)


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
    processes: int = 1
    device: str = "auto"

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
        if self.max_minutes is not None and self.max_minutes <= 0:
            raise ConfigError(f"setting 'gpt_max_minutes' must be above 0 (or unset for no limit), got {self.max_minutes}")
        if self.processes < 1:
            raise ConfigError(f"setting 'gpt_processes' must be at least 1, got {self.processes}")
        if self.threads < 0:
            raise ConfigError(f"setting 'gpt_threads' must be 0 (the free cores) or more, got {self.threads}")
        check_device(self.device)
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
        """The options a resumed run must share with the interrupted one (limits on time and epochs may change, and
        so may where it runs: a run interrupted on a GPU may go on on the CPU)."""
        identity = asdict(self)
        for name in ("epochs", "patience", "max_minutes", "threads", "processes", "device"):
            identity.pop(name)
        return identity
