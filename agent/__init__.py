"""The chat agent (`recagent.agent`): LangChain tools over the pipeline and the item index, chat sessions,
grounded replies, and the chat-model resolution (offline default SmolLM2-135M-Instruct).

The names below load on first use: the plugin host imports this package's `chat_tools` plugin in every
process, and LangChain takes seconds to import, so only a process that chats pays for it. The chat model
itself loads when the first agent is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recagent.agent.models import LocalChatModel, pull_local_model, resolve_chat_model
    from recagent.agent.session import ChatAgent, ChatSession, Reply, SessionInfo
    from recagent.agent.tools import ChatToolbox

__all__ = [
    "ChatAgent",
    "ChatSession",
    "Reply",
    "SessionInfo",
    "ChatToolbox",
    "LocalChatModel",
    "pull_local_model",
    "resolve_chat_model",
]

_HOMES = {
    "ChatAgent": "session", "ChatSession": "session", "Reply": "session", "SessionInfo": "session",
    "ChatToolbox": "tools",
    "LocalChatModel": "models", "pull_local_model": "models", "resolve_chat_model": "models",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # looked up once
    return value
