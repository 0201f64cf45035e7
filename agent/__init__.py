"""The chat agent (`recagent.agent`): LangChain tools over the pipeline and the item index, chat sessions,
grounded replies, and the chat-model resolution (offline default SmolLM2-135M-Instruct).

Importing this package loads LangChain; the chat model loads when the first agent is built.
"""

from __future__ import annotations

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
