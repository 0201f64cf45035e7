"""Chat sessions: one agent per Recommender, each session a LangGraph thread (stored as session_storage says)."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.errors import GraphRecursionError
from langgraph.types import StreamMode

from recagent.agent.grounding import Grounding, split_sentences
from recagent.agent.middleware import GroundedReplies, GuidedMode, PluginToolIsolation, ToolArguments, turn_messages
from recagent.agent.models import LocalChatModel, resolve_chat_model
from recagent.agent.prompts import SYSTEM_PROMPT
from recagent.agent.protocol import DROPPED_KEY, ITEMS_KEY, STREAM_TEXT_KEY
from recagent.agent.session_storage import (
    SESSION_LIST_FILE,
    SESSIONS_FILE,
    SessionInfo,
    SessionRegistry,
    session_storage,
)
from recagent.agent.state import ChatState, session_constraints
from recagent.agent.tools import ChatToolbox
from recagent.errors import ChatInputError, ChatModelError, IndexDamagedError
from recagent.types import FEEDBACK_KINDS, Recommendation

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["ChatAgent", "ChatSession", "Reply", "SessionInfo", "SessionRegistry", "SESSIONS_FILE",
           "SESSION_LIST_FILE"]


@dataclass(frozen=True)
class Reply:
    """One answer of the agent: its text and the catalog items it presents (id, score, reasons)."""

    text: str
    items: tuple[Recommendation, ...] = ()
    dropped: tuple[str, ...] = field(default=())  # sentences the grounding check removed


def _log(line: str) -> None:
    print(f"recagent: {line}", file=sys.stderr, flush=True)


def _index_state(recommender: Recommender) -> str:
    """"built", "missing" or "damaged" (logged): with a damaged index the chat still starts, and each search
    by meaning says that the index is damaged; a build cannot repair it, only a rebuild."""
    try:
        return "built" if recommender.index_built() else "missing"
    except IndexDamagedError as exc:
        _log(str(exc))
        return "damaged"


def _no_answer() -> ChatModelError:
    return ChatModelError("the chat model kept calling tools without answering; try again, or use another model")


# What a turn streams: tokens, the guided mode's lines, and the state after each step. The grounding of a
# streamed sentence and the final reply are read from that state, not from the checkpointer, which may still
# be writing the previous step's checkpoint while the next step runs (LangGraph writes them in the background).
STREAM_MODES: list[StreamMode] = ["messages", "custom", "values"]


class _StreamedText:
    """Turns a run's stream events into the reply's text as it may be shown: guided lines as they come,
    a tool-calling model's tokens in whole sentences that pass the grounding check."""

    def __init__(self, guided: bool, grounding_of: Callable[[dict[str, Any]], Grounding]) -> None:
        self.guided = guided
        self.grounding_of = grounding_of
        self.pending = ""
        self.sent = ""
        self.values: dict[str, Any] = {}
        self.grounding: Grounding | None = None

    def _token(self, mode: str, payload: Any) -> str:
        if mode != "messages" or self.guided:
            return ""
        chunk, metadata = payload
        if not isinstance(chunk, AIMessageChunk) or chunk.tool_call_chunks:
            return ""
        return chunk.text if metadata.get("langgraph_node") == "model" else ""

    def feed(self, mode: str, payload: Any) -> list[str]:
        if mode == "values":
            self.values = payload
            return []
        if mode == "custom":
            # Guided replies arrive line by line, each built from tool results or already checked.
            if isinstance(payload, dict) and STREAM_TEXT_KEY in payload:
                self.sent += payload[STREAM_TEXT_KEY]
                return [payload[STREAM_TEXT_KEY]]
            return []
        token = self._token(mode, payload)
        if not token:
            return []
        self.pending += token
        sentences = list(split_sentences(self.pending))
        if len(sentences) < 2:
            return []
        *complete, (self.pending, _) = sentences
        if self.grounding is None:  # loaded once, from the state the model is answering
            self.grounding = self.grounding_of(self.values)
        shown = [sentence + gap for sentence, gap in complete
                 if sentence.strip() and not self.grounding.unsupported(sentence)]
        self.sent += "".join(shown)
        return shown

    def finish(self, reply: Reply) -> list[str | Reply]:
        if reply.text.startswith(self.sent):
            rest = reply.text[len(self.sent):]
        else:  # the check changed what was streamed (a fallback line): send the reply whole
            rest = "\n\n" + reply.text
        return [rest, reply] if rest else [reply]


class ChatAgent:
    """The LangChain agent of one Recommender: its model, tools, middleware and session storage."""

    def __init__(self, recommender: Recommender, model: BaseChatModel | str | None = None, *, mode: str | None = None,
                 progress: bool | None = None) -> None:
        self.rec = recommender
        settings = recommender.settings
        progress = settings.progress if progress is None else progress
        if isinstance(model, BaseChatModel):
            self.model, small = model, False
        else:
            self.model, small = resolve_chat_model(model, settings, progress=progress)
        if isinstance(self.model, LocalChatModel):
            self.model.load()
        mode = (mode or settings.chat_mode or "auto").lower()
        if mode not in ("auto", "tools", "guided"):
            raise ChatModelError(f"chat_mode must be auto, tools or guided, got {mode!r}")
        self.guided = mode == "guided" or (mode == "auto" and small)
        # The catalog helpers the middleware shares with the tools; the tools themselves, the built-in
        # ones included, come from the plugins' `register_tools`.
        self.toolbox = ChatToolbox(recommender, items_per_answer=settings.chat_items)
        tools = list(recommender.host.collect_tools(recommender).values())
        self.tools = tools
        if _index_state(recommender) == "missing" and recommender.stats().items:
            # A chat without the item index would match nothing by meaning: build it once, now.
            report = recommender.build_index()
            _log(f"built the item index for the chat: {report.embedded:,} items embedded in {report.seconds:.1f} s")
        # In the workspace's folder, or beside the store in PostgreSQL, where every server reaches them.
        self.storage = session_storage(recommender.path, settings.get("store_url"))
        self.registry, self.checkpointer = self.storage.registry, self.storage.checkpointer
        self.grounded = GroundedReplies(self.toolbox, SYSTEM_PROMPT)
        middleware: list[AgentMiddleware[Any]] = [GuidedMode(self.toolbox, tools, self.grounded)] if self.guided else []
        middleware += [self.grounded, ToolArguments(),
                       PluginToolIsolation(dict(recommender.host.tool_owners), recommender.host.strict)]
        self.graph = create_agent(self.model, tools, system_prompt=SYSTEM_PROMPT, middleware=middleware,
                                  state_schema=ChatState, checkpointer=self.checkpointer, name="recagent")
        self._turn_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._async_graph: Any = None
        self._async_graph_lock = asyncio.Lock()
        self._async_locks: dict[str, asyncio.Lock] = {}

    async def async_graph(self) -> Any:
        """The same agent with LangGraph's async checkpointer (same sessions), for asyncio servers."""
        # Made once: turns that arrive together each opened a connection of their own, and the ones not kept
        # were never closed (their threads then held the process open at exit).
        async with self._async_graph_lock:
            if self._async_graph is None:
                checkpointer = await self.storage.async_checkpointer()
                self._async_graph = self.graph.copy(update={"checkpointer": checkpointer})
        return self._async_graph

    async def aclose(self) -> None:
        await self.storage.aclose()
        self._async_graph = None

    @asynccontextmanager
    async def aturn(self, session_id: str) -> AsyncIterator[None]:
        """`turn` for asyncio code."""
        lock = self._async_locks.setdefault(session_id, asyncio.Lock())
        async with lock:
            try:
                yield
            except GraphRecursionError:
                raise _no_answer() from None

    @contextmanager
    def turn(self, session_id: str) -> Iterator[None]:
        """One turn at a time per session (two browser tabs may send at once); other sessions run freely."""
        with self._locks_lock:
            lock = self._turn_locks.setdefault(session_id, threading.Lock())
        with lock:
            try:
                yield
            except GraphRecursionError:
                raise _no_answer() from None

    def close(self) -> None:
        self.storage.close()

    def warm(self) -> None:
        """Load what a first turn would otherwise wait for: the catalog's titles and the item index's model."""
        self.toolbox.titles  # noqa: B018 - builds the title lookup
        if _index_state(self.rec) == "built":
            self.rec.search("warm up", k=1)

    # -- sessions ------------------------------------------------------------------------------------
    def session(self, session_id: str | None = None, user: str | None = None) -> ChatSession:
        """Resume a session by id, or start a new one (for a known user, or anonymous)."""
        if session_id is not None:
            info = self.registry.get(session_id)
            if user is not None and info.user is not None and str(user) != info.user:
                raise ChatInputError(f"session {session_id!r} belongs to another user")
            return ChatSession(self, info.id, info.user)
        info = self.registry.create(None if user is None else str(user))
        return ChatSession(self, info.id, info.user)

    def get_session(self, session_id: str) -> SessionInfo:
        return self.registry.get(session_id)

    def sessions(self, user: str | None = None) -> list[SessionInfo]:
        """Sessions, most recent first; only one user's when `user` is given."""
        return self.registry.sessions(user)

    def delete_session(self, session_id: str) -> None:
        """Forget a session: its messages, state and listing."""
        self.registry.get(session_id)
        self.checkpointer.delete_thread(session_id)
        self.registry.delete(session_id)


class ChatSession:
    """One conversation: `send` a message and get a grounded `Reply`; `stream` yields its text as written."""

    def __init__(self, agent: ChatAgent, session_id: str, user: str | None) -> None:
        self.agent = agent
        self.id = session_id
        self.user = user

    @property
    def _config(self) -> RunnableConfig:
        return {"configurable": {"thread_id": self.id}, "recursion_limit": 25}

    def _run_config(self, callbacks: Sequence[Any] | None) -> RunnableConfig:
        return RunnableConfig(**self._config, callbacks=list(callbacks)) if callbacks else self._config

    def check_message(self, message: Any) -> str:
        """The message, stripped, if it can be sent; else a ChatInputError saying why."""
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

    def _input(self, message: str) -> Any:  # the agent's input state, which LangGraph types loosely
        return {"messages": [HumanMessage(message)], "user": self.user}

    # A turn is written once, as a stream: `send` is the stream's last part. The sync and asyncio streams
    # differ only in how they drive the graph and read its state; what a turn is (checking the message, one
    # turn at a time per session, the streamed text, grounding, the Reply) is shared.
    def send(self, message: str, *, callbacks: Sequence[Any] | None = None) -> Reply:
        """Send one message and wait for the whole reply; `callbacks` are LangChain callback handlers."""
        *_, reply = self.stream(message, callbacks=callbacks)
        assert isinstance(reply, Reply)
        return reply

    def stream(self, message: str, *, callbacks: Sequence[Any] | None = None) -> Iterator[str | Reply]:
        """Send one message; yield the reply's text in grounded sentences as written, then the `Reply`."""
        message = self.check_message(message)
        graph = self.agent.graph
        with self.agent.turn(self.id):
            self.agent.registry.touch(self.id, message)
            text = _StreamedText(self.agent.guided, self._grounding)
            for mode, payload in graph.stream(self._input(message), self._run_config(callbacks),
                                              stream_mode=STREAM_MODES):
                yield from text.feed(mode, payload)
            yield from text.finish(self._reply(text.values["messages"]))

    async def asend(self, message: str, *, callbacks: Sequence[Any] | None = None) -> Reply:
        """`send` for asyncio code: the graph runs with LangGraph's async SQLite checkpointer."""
        reply: str | Reply = ""
        async for reply in self.astream(message, callbacks=callbacks):
            pass
        assert isinstance(reply, Reply)
        return reply

    async def astream(self, message: str, *, callbacks: Sequence[Any] | None = None) -> AsyncIterator[str | Reply]:
        """`stream` for asyncio code."""
        message = self.check_message(message)
        graph = await self.agent.async_graph()
        async with self.agent.aturn(self.id):
            await asyncio.to_thread(self.agent.registry.touch, self.id, message)
            text = _StreamedText(self.agent.guided, self._grounding)
            async for mode, payload in graph.astream(self._input(message), self._run_config(callbacks),
                                                     stream_mode=STREAM_MODES):
                for part in text.feed(mode, payload):
                    yield part
            for last in text.finish(self._reply(text.values["messages"])):
                yield last

    def _grounding(self, values: dict[str, Any]) -> Grounding:
        # The agent's own middleware: its memory of which items each tool message named is reused.
        return self.agent.grounded.grounding(values.get("messages", []), values.get("feedback"), self.user)

    def _reply(self, messages: Sequence[Any]) -> Reply:
        final = messages[-1] if messages else None
        if not isinstance(final, AIMessage):
            return Reply(text="")
        entries = final.additional_kwargs.get(ITEMS_KEY, [])
        items = self.agent.rec.catalog.items([entry["id"] for entry in entries])
        shown = tuple(Recommendation(items[entry["id"]], float(entry.get("score", 0.0)),
                                     tuple(entry.get("reasons", ())))
                      for entry in entries if entry["id"] in items)
        return Reply(text=final.text, items=shown, dropped=tuple(final.additional_kwargs.get(DROPPED_KEY, ())))

    # -- what the session remembers ------------------------------------------------------------------
    def history(self) -> list[tuple[str, str]]:
        """(role, text) of each user message and final reply, oldest first."""
        values = self.agent.graph.get_state(self._config).values
        turns: list[tuple[str, str]] = []
        for message in values.get("messages", []):
            if isinstance(message, HumanMessage):
                turns.append(("user", str(message.text)))
            elif isinstance(message, AIMessage) and not message.tool_calls and message.text:
                turns.append(("assistant", str(message.text)))
        return turns

    def state(self) -> dict[str, Any]:
        """The session's user, likes, dislikes, seen items, constraints and items shown."""
        return session_constraints(self.agent.graph.get_state(self._config).values or {"user": self.user})

    def transcript(self) -> list[dict[str, Any]]:
        """Each user message and final reply with the items it showed: what a chat page redraws."""
        values = self.agent.graph.get_state(self._config).values
        turns: list[dict[str, Any]] = []
        for message in values.get("messages", []):
            if isinstance(message, HumanMessage):
                turns.append({"role": "user", "text": message.text, "items": []})
            elif isinstance(message, AIMessage) and not message.tool_calls and message.text:
                turns.append({"role": "assistant", "text": message.text,
                              "items": self._reply([message]).items})
        return turns

    def feedback(self, item_id: str, kind: str) -> None:
        """Record a like, dislike or seen given outside the conversation (a button on an item card)."""
        if kind not in FEEDBACK_KINDS:
            raise ChatInputError(f"feedback must be one of {', '.join(FEEDBACK_KINDS)}, got {kind!r}")
        self.agent.rec.item(str(item_id))  # an unknown item is an UnknownItemError
        if self.user is not None:
            self.agent.rec.feedback(self.user, item_id, kind)
        self.agent.graph.update_state(self._config, {"feedback": {str(item_id): kind}, "user": self.user})

    def profile(self) -> str:
        """What the session knows of its user: likes, dislikes, constraints and predicted interests."""
        values = self.agent.graph.get_state(self._config).values or {}
        return self.agent.toolbox.profile_text({"user": self.user, **values})

    def last_turn(self) -> list[Any]:
        return turn_messages(self.agent.graph.get_state(self._config).values.get("messages", []))
