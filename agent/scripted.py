"""A scripted chat model for deterministic tests: it answers with given replies, including real tool calls."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolCallChunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from recagent.agent.models import token_chunk

__all__ = ["ScriptedChatModel"]


def _as_message(reply: Any) -> AIMessage:
    if isinstance(reply, AIMessage):
        return reply
    if isinstance(reply, str):
        return AIMessage(content=reply)
    if isinstance(reply, dict) and "tool_calls" in reply:
        calls = [{"name": call["name"], "args": dict(call.get("args", {})),
                  "id": call.get("id") or f"call-{uuid.uuid4().hex[:10]}", "type": "tool_call"}
                 for call in reply["tool_calls"]]
        return AIMessage(content=reply.get("content", ""), tool_calls=calls)
    raise TypeError(f"a scripted reply is a str, an AIMessage or {{'tool_calls': [...]}}, got {reply!r}")


class ScriptedChatModel(BaseChatModel):
    """Answers each call with the next scripted reply; fails loudly when the script runs out."""

    replies: list[Any]
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "recagent-scripted"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        self.bound = [getattr(tool, "name", None) or tool.get("name", "?") for tool in tools]
        return self

    def _next(self, messages: list[BaseMessage]) -> AIMessage:
        self.calls.append(list(messages))
        if not self.replies:
            raise AssertionError(f"the scripted chat model ran out of replies after {len(self.calls) - 1} calls")
        return _as_message(self.replies.pop(0))

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        message = self._next(messages)
        if message.tool_calls:
            chunks = [ToolCallChunk(name=c["name"], args=json.dumps(c["args"]), id=c["id"], index=n,
                                    type="tool_call_chunk") for n, c in enumerate(message.tool_calls)]
            yield ChatGenerationChunk(message=AIMessageChunk(content=message.text, tool_call_chunks=chunks))
            return
        for piece in re.split(r"(\s+)", message.text):  # word by word, like a real model's tokens
            if piece:
                yield token_chunk(piece, run_manager)
