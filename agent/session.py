"""Chat sessions: one agent per Recommender, each session a LangGraph thread in the workspace's SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage

from recagent.agent.grounding import split_sentences
from recagent.agent.middleware import ITEMS_KEY, GroundedReplies, GuidedMode, turn_messages
from recagent.agent.models import resolve_chat_model
from recagent.agent.prompts import SYSTEM_PROMPT
from recagent.agent.state import ChatState, session_constraints
from recagent.agent.tools import ChatToolbox
from recagent.errors import ChatInputError, ChatModelError, UnknownSessionError
from recagent.types import Recommendation

__all__ = ["ChatAgent", "ChatSession", "Reply", "SessionInfo", "SESSIONS_FILE"]

SESSIONS_FILE = "sessions.sqlite"
_REGISTRY = """
CREATE TABLE IF NOT EXISTS chat_sessions (
    id TEXT PRIMARY KEY,
    user TEXT,
    title TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL
)
"""


@dataclass(frozen=True)
class Reply:
    """One answer of the agent: its text and the catalog items it presents (id, score, reasons)."""

    text: str
    items: tuple[Recommendation, ...] = ()
    dropped: tuple[str, ...] = field(default=())  # sentences the grounding check removed


@dataclass(frozen=True)
class SessionInfo:
    """A chat session as listed: id, user, first message, times."""

    id: str
    user: str | None
    title: str
    created: float
    updated: float


class ChatAgent:
    """The LangChain agent of one Recommender: its model, tools, middleware and session storage."""

    def __init__(self, recommender: Any, model: BaseChatModel | str | None = None, *, mode: str | None = None,
                 progress: bool | None = None) -> None:
        self.rec = recommender
        settings = recommender.settings
        progress = settings.progress if progress is None else progress
        if isinstance(model, BaseChatModel):
            self.model, small = model, False
        else:
            self.model, small = resolve_chat_model(model, settings, progress=progress)
        mode = (mode or settings.chat_mode or "auto").lower()
        if mode not in ("auto", "tools", "guided"):
            raise ChatModelError(f"chat_mode must be auto, tools or guided, got {mode!r}")
        self.guided = mode == "guided" or (mode == "auto" and small)
        self.toolbox = ChatToolbox(recommender, items_per_answer=settings.chat_items)
        tools = self.toolbox.build()
        taken = {tool.name for tool in tools}
        for name, plugin_tool in recommender.host.collect_tools(recommender.workspace).items():
            if name in taken:
                raise ChatModelError(f"a plugin registers a tool named {name!r}, which is a built-in tool's name")
            tools.append(plugin_tool)
        self.tools = tools
        path = Path(recommender.workspace.path) / SESSIONS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_REGISTRY)
        self._lock = threading.Lock()
        from langgraph.checkpoint.sqlite import SqliteSaver

        self.checkpointer = SqliteSaver(self._db)
        middleware = [GuidedMode(self.toolbox)] if self.guided else []
        middleware.append(GroundedReplies(self.toolbox))
        self.graph = create_agent(self.model, tools, system_prompt=SYSTEM_PROMPT, middleware=middleware,
                                  state_schema=ChatState, checkpointer=self.checkpointer, name="recagent")

    def close(self) -> None:
        self._db.close()

    # -- sessions ------------------------------------------------------------------------------------
    def session(self, session_id: str | None = None, user: str | None = None) -> ChatSession:
        """Resume a session by id, or start a new one (for a known user, or anonymous)."""
        now = time.time()
        if session_id is not None:
            info = self.get_session(session_id)
            if user is not None and info.user is not None and str(user) != info.user:
                raise ChatInputError(f"session {session_id!r} belongs to another user")
            return ChatSession(self, info.id, info.user)
        session_id = uuid.uuid4().hex[:12]
        user = None if user is None else str(user)
        with self._lock:
            self._db.execute("INSERT INTO chat_sessions VALUES (?, ?, '', ?, ?)", (session_id, user, now, now))
        return ChatSession(self, session_id, user)

    def get_session(self, session_id: str) -> SessionInfo:
        row = self._db.execute("SELECT * FROM chat_sessions WHERE id = ?", (str(session_id),)).fetchone()
        if row is None:
            raise UnknownSessionError(str(session_id))
        return SessionInfo(*row)

    def sessions(self, user: str | None = None) -> list[SessionInfo]:
        """Sessions, most recent first; only one user's when `user` is given."""
        sql, args = "SELECT * FROM chat_sessions", ()
        if user is not None:
            sql, args = sql + " WHERE user = ?", (str(user),)
        return [SessionInfo(*row) for row in self._db.execute(sql + " ORDER BY updated DESC", args)]

    def delete_session(self, session_id: str) -> None:
        self.get_session(session_id)
        with self._lock:
            self.checkpointer.delete_thread(session_id)
            self._db.execute("DELETE FROM chat_sessions WHERE id = ?", (session_id,))

    def _touch(self, session_id: str, message: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE chat_sessions SET updated = ?, title = CASE WHEN title = '' THEN ? ELSE title END "
                "WHERE id = ?", (time.time(), " ".join(message.split())[:80], session_id))


class ChatSession:
    """One conversation: `send` a message and get a grounded `Reply`; `stream` yields its text as written."""

    def __init__(self, agent: ChatAgent, session_id: str, user: str | None) -> None:
        self.agent = agent
        self.id = session_id
        self.user = user

    @property
    def _config(self) -> dict[str, Any]:
        return {"configurable": {"thread_id": self.id}, "recursion_limit": 25}

    def _check(self, message: Any) -> str:
        if not isinstance(message, str):
            raise ChatInputError(f"a chat message must be text, got {type(message).__name__}")
        limit = self.agent.rec.settings.chat_max_message_chars
        if len(message) > limit:
            raise ChatInputError(
                f"the message is {len(message):,} characters long; the limit is {limit:,} "
                "(setting chat_max_message_chars)")
        if not message.strip():
            raise ChatInputError("the message is empty; say what you are in the mood for, or name a title you liked")
        if "\x00" in message:
            raise ChatInputError("the message contains a NUL character; send plain text")
        return message.strip()

    def _input(self, message: str) -> dict[str, Any]:
        return {"messages": [HumanMessage(message)], "user": self.user}

    def send(self, message: str) -> Reply:
        """Send one message and wait for the whole reply."""
        message = self._check(message)
        self.agent._touch(self.id, message)
        state = self.agent.graph.invoke(self._input(message), self._config)
        return self._reply(state["messages"])

    def stream(self, message: str) -> Iterator[str | Reply]:
        """Send one message; yield the reply's text in grounded sentences as written, then the `Reply`."""
        message = self._check(message)
        self.agent._touch(self.id, message)
        pending = ""
        sent = ""
        grounding = None
        for chunk, metadata in self.agent.graph.stream(self._input(message), self._config, stream_mode="messages"):
            if not isinstance(chunk, AIMessageChunk) or chunk.tool_call_chunks or not chunk.text:
                continue
            if metadata.get("langgraph_node") != "model":
                continue
            pending += chunk.text
            sentences = list(split_sentences(pending))
            if len(sentences) < 2:
                continue
            if grounding is None:
                grounding = self._grounding()
            *complete, (last, _) = sentences
            pending = last
            for sentence, gap in complete:
                if sentence.strip() and not grounding.unsupported(sentence):
                    sent += sentence + gap
                    yield sentence + gap
        reply = self._reply(self.agent.graph.get_state(self._config).values["messages"])
        rest = reply.text[len(sent):] if reply.text.startswith(sent) else "\n" + reply.text
        if rest:
            yield rest
        yield reply

    def _grounding(self) -> Any:
        values = self.agent.graph.get_state(self._config).values
        return GroundedReplies(self.agent.toolbox).grounding(values.get("messages", []), values.get("feedback"))

    def _reply(self, messages: Sequence[Any]) -> Reply:
        final = messages[-1] if messages else None
        if not isinstance(final, AIMessage):
            return Reply(text="")
        entries = final.additional_kwargs.get(ITEMS_KEY, [])
        items = self.agent.rec.workspace.store.get_items([entry["id"] for entry in entries])
        shown = tuple(Recommendation(items[entry["id"]], float(entry.get("score", 0.0)),
                                     tuple(entry.get("reasons", ())))
                      for entry in entries if entry["id"] in items)
        return Reply(text=final.text, items=shown, dropped=tuple(final.additional_kwargs.get("recagent_dropped", ())))

    # -- what the session remembers ------------------------------------------------------------------
    def history(self) -> list[tuple[str, str]]:
        """(role, text) of each user message and final reply, oldest first."""
        values = self.agent.graph.get_state(self._config).values
        turns = []
        for message in values.get("messages", []):
            if isinstance(message, HumanMessage):
                turns.append(("user", message.text))
            elif isinstance(message, AIMessage) and not message.tool_calls and message.text:
                turns.append(("assistant", message.text))
        return turns

    def state(self) -> dict[str, Any]:
        """The session's user, likes, dislikes, seen items, constraints and items shown."""
        return session_constraints(self.agent.graph.get_state(self._config).values or {"user": self.user})

    def last_turn(self) -> list[Any]:
        return turn_messages(self.agent.graph.get_state(self._config).values.get("messages", []))
