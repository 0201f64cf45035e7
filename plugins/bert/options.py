"""The BERT categorizer's settings, declared by the plugin through its `register_settings` hook."""

from __future__ import annotations

from recagent.settings import Setting

__all__ = ["BERT_SETTINGS"]

BERT_SETTINGS: tuple[Setting, ...] = (
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
            "Fine-tune the BERT categorizer in `recagent train` even when few or no items lack categories."),
    Setting("bert_fit_min_share", float, 0.02,
            "`recagent train` fine-tunes the BERT categorizer only when at least this share of the items has no "
            "categories: minutes of fine-tuning to fill 34 of 9,742 movies is not worth it (bert_always_fit "
            "forces it)."),
    Setting("bert_categories", list, (),
            "Category names for zero-shot categorization when the catalog has none of its own (comma-separated)."),
)
