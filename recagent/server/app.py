"""The FastAPI app: the JSON API under /v1, health checks, and the web chat page."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from recagent.errors import (
    ChatInputError,
    ChatModelError,
    ConfigError,
    IndexDamagedError,
    IndexNotBuiltError,
    InvalidIdError,
    RecagentError,
    StorageFullError,
    StoreDamagedError,
    UnknownItemError,
    UnknownSessionError,
    UnknownUserError,
)
from recagent.filter_check import FilterNotInCatalogError
from recagent.ids import check_id
from recagent.server.admission import TurnGate
from recagent.server.schemas import (
    ID_SCHEMA,
    DeletedOut,
    ErasedOut,
    EventBody,
    EventOut,
    FeedbackBody,
    HealthOut,
    HistoryOut,
    InterestsOut,
    ItemOut,
    MessageBody,
    RecommendationOut,
    RecommendationsOut,
    ReadyOut,
    RecommendBody,
    ReplyOut,
    ScoreOut,
    SessionBody,
    SessionFeedbackOut,
    SessionOut,
    SessionProfileOut,
    TranscriptOut,
    error_responses,
)

__all__ = ["create_app", "app_from_environment", "parse_api_keys", "ApiError"]

MAX_BODY_BYTES = 256 * 1024
# The page's icon: a speech bubble in the page's accent colour (SVG, which every current browser takes).
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#2f6fed" d="M4 5h24a2 2 0 0 1 2 '
           '2v14a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z"/>'
           '<circle cx="10" cy="14" r="2" fill="#fff"/><circle cx="16" cy="14" r="2" fill="#fff"/>'
           '<circle cx="22" cy="14" r="2" fill="#fff"/></svg>')

# A user, item or session id in the path: the schema says what the id check accepts.
PathId = Annotated[str, Path(json_schema_extra=ID_SCHEMA)]


class ApiError(Exception):
    """An error with its HTTP status and a stable type name."""

    def __init__(self, status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.kind, self.message, self.headers = status, kind, message, headers


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)


def _status_of(exc: RecagentError) -> tuple[int, str]:
    if isinstance(exc, UnknownSessionError):
        return 404, "unknown_session"
    if isinstance(exc, UnknownItemError):
        return 404, "unknown_item"
    if isinstance(exc, UnknownUserError):
        return 404, "unknown_user"
    if isinstance(exc, ChatInputError):
        return 422, "bad_message"
    if isinstance(exc, InvalidIdError):
        return 422, "invalid_input"
    if isinstance(exc, ChatModelError):
        return 503, "chat_model_unavailable"
    if isinstance(exc, IndexNotBuiltError):
        return 409, "index_not_built"
    if isinstance(exc, IndexDamagedError):
        return 503, "index_damaged"
    if isinstance(exc, ConfigError):
        return 500, "bad_configuration"
    if isinstance(exc, StoreDamagedError):
        return 503, "store_damaged"
    if isinstance(exc, StorageFullError):
        return 507, "storage_full"
    if isinstance(exc, FilterNotInCatalogError):
        return 400, "not_in_catalog"
    return 400, "bad_request"


if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from recagent.agent import ChatAgent, ChatSession
    from recagent.sdk import Recommender
    from recagent.types import Recommendation


def parse_api_keys(entries: Any) -> dict[str, str]:
    """API key -> user, from `user:key` entries (the `api_keys` setting)."""
    keys: dict[str, str] = {}
    for entry in entries or ():
        user, sep, key = str(entry).partition(":")
        if not sep or not user.strip() or len(key.strip()) < 16:
            raise ConfigError(f"api_keys entries are user:key with a key of at least 16 characters, got {entry!r}")
        keys[key.strip()] = user.strip()
    return keys


def _out(entry: Recommendation) -> RecommendationOut:
    item = entry.item
    return RecommendationOut(item=ItemOut(id=item.id, title=item.title, categories=list(item.categories),
                                          text=item.text, metadata=dict(item.metadata)),
                             score=float(entry.score), reasons=list(entry.reasons))


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class _BodyLimit:
    """Refuses request bodies above a size, by header or as they arrive, with 413 and a JSON error.

    The body is read whole before the app sees it (it is small): a chunked body has no Content-Length to judge
    by, and an error raised while a route parses the body would reach the client as FastAPI's 400.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        too_big = _error(413, "too_large", f"request bodies are limited to {self.limit:,} bytes")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await too_big(scope, receive, send)
        parts, received = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None  # the client went away before its body arrived: there is nobody to answer
            parts.append(message.get("body", b""))
            received += len(parts[-1])
            if received > self.limit:
                return await too_big(scope, receive, send)
            if not message.get("more_body"):
                break
        body: dict | None = {"type": "http.request", "body": b"".join(parts), "more_body": False}

        async def replay() -> dict:
            nonlocal body
            if body is None:
                return await receive()  # after the body: the disconnect a streaming reply listens for
            message, body = body, None
            return message

        return await self.app(scope, replay, send)


def create_app(recommender: Recommender, *, api_keys: dict[str, str] | None = None,
               model: BaseChatModel | str | None = None, mode: str | None = None) -> FastAPI:
    """The app over one open Recommender; `api_keys` maps each key to its user (None: open, for loopback)."""
    keys = dict(api_keys or {})
    state: dict[str, Any] = {"agent": None}
    agent_lock = threading.Lock()
    turns = TurnGate(recommender.settings.chat_max_turns)

    def chat_agent() -> ChatAgent:
        with agent_lock:
            if state["agent"] is None:
                state["agent"] = recommender.chat_agent(model, mode)
            return state["agent"]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        from starlette.concurrency import run_in_threadpool

        agent = await run_in_threadpool(chat_agent)  # load the chat model before the first request
        await run_in_threadpool(agent.warm)
        await agent.async_graph()
        yield
        await agent.aclose()

    app = FastAPI(title="recagent", version="1", lifespan=lifespan,
                  description="Recommendations and chat sessions over one recagent workspace.")
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)
    message_chars = recommender.settings.chat_max_message_chars

    def openapi() -> dict[str, Any]:
        """FastAPI's schema, with the longest chat message this workspace takes (a setting) as the text's maxLength."""
        if app.openapi_schema is None:
            text = FastAPI.openapi(app)["components"]["schemas"]["MessageBody"]["properties"]["text"]
            text["maxLength"] = min(text["maxLength"], message_chars)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.kind, exc.message, exc.headers)

    @app.exception_handler(RecagentError)
    async def recagent_error(request: Request, exc: RecagentError) -> JSONResponse:
        status, kind = _status_of(exc)
        return _error(status, kind, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid_input", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI's answer to a body it cannot decode (not UTF-8, say)
            return _error(400, "bad_request", f"{exc.detail}: send a JSON body encoded as UTF-8")
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, kind, str(exc.detail), getattr(exc, "headers", None))

    def caller(request: Request) -> str | None:
        """The user behind the request's API key; None when the server runs open."""
        if not keys:
            return None
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        user = next((u for k, u in keys.items() if secrets.compare_digest(k, token.strip())), None) \
            if scheme.lower() == "bearer" else None
        if user is None:
            raise ApiError(401, "unauthorized", "send Authorization: Bearer <API key>")
        return user

    def as_user(requested: str | None, key_user: str | None) -> str | None:
        """The user a request acts for: the key's user, who may not act for anyone else."""
        if requested is not None:
            check_id(requested, "user id")
        if key_user is None:
            return requested
        if requested not in (None, key_user):
            raise ApiError(403, "forbidden", "this API key acts for its own user only")
        return key_user

    def own_session(session_id: str, key_user: str | None) -> ChatSession:
        check_id(session_id, "session id")
        agent = chat_agent()
        info = agent.get_session(session_id)
        if key_user is not None and info.user != key_user:
            raise UnknownSessionError(session_id)  # another user's session does not exist for this key
        return agent.session(info.id)

    # -- health ----------------------------------------------------------------------------------------
    @app.get("/healthz", response_model=HealthOut, tags=["health"])
    def healthz() -> HealthOut:
        return HealthOut(status="ok")

    @app.get("/readyz", response_model=ReadyOut, tags=["health"],
             responses={503: {"model": ReadyOut, "description": "Not ready: the chat model is still loading."}})
    def readyz() -> JSONResponse:
        stats = recommender.stats()
        ready = state["agent"] is not None
        body = ReadyOut(ready=ready, items=stats.items, users=stats.users, chat_model=ready,
                        models=recommender.model_versions())
        return JSONResponse(body.model_dump(), status_code=200 if ready else 503)

    # -- recommendations and items ---------------------------------------------------------------------
    @app.post("/v1/recommend", response_model=RecommendationsOut, tags=["recommend"],
              responses=error_responses(400, 401, 403, 404, 409, 413, 422, 503))
    def recommend(body: RecommendBody, key_user: str | None = Depends(caller)) -> RecommendationsOut:
        user = as_user(body.user, key_user)
        if key_user is not None and not body.user and not recommender.has_user(key_user):
            user = None  # a key whose user has no events yet: cold start (plus any history sent)
        found = recommender.recommend(
            user=user, history=body.history, query=body.query, k=body.k, filters=body.filters,
            exclude_seen=body.exclude_seen, allow=body.allow, deny=body.deny, diversity=body.diversity)
        return RecommendationsOut(items=[_out(r) for r in found])

    # A query of blanks only is refused by the search (400 bad_request): the pattern says so.
    @app.get("/v1/items", response_model=RecommendationsOut, tags=["items"],
             responses=error_responses(400, 401, 409, 422, 503))
    def search_items(q: str = Query(min_length=1, max_length=2000, json_schema_extra={"pattern": r"\S"}),
                     k: int = Query(10, ge=1, le=100),
                     category: str | None = None, key_user: str | None = Depends(caller)) -> RecommendationsOut:
        found = recommender.search(q, k=k, filters={"category": category} if category else None)
        return RecommendationsOut(items=[_out(r) for r in found])

    @app.get("/v1/items/{item_id}", response_model=ItemOut, tags=["items"],
             responses=error_responses(401, 404, 422, 503))
    def get_item(item_id: PathId, key_user: str | None = Depends(caller)) -> ItemOut:
        item = recommender.item(item_id)
        return ItemOut(id=item.id, title=item.title, categories=list(item.categories), text=item.text,
                       metadata=dict(item.metadata))

    @app.delete("/v1/items/{item_id}", response_model=DeletedOut, tags=["items"],
                responses=error_responses(401, 403, 404, 422, 503, 507))
    def delete_item(item_id: PathId, key_user: str | None = Depends(caller)) -> DeletedOut:
        if key_user is not None:  # API keys belong to end users: the catalog is the operator's
            raise ApiError(403, "forbidden", "API keys act for their users; delete items with "
                                             "`recagent items delete` on the server's workspace")
        removed = recommender.delete_items([recommender.item(item_id).id])
        return DeletedOut(item=item_id, events=removed.events)

    # -- users -----------------------------------------------------------------------------------------
    @app.delete("/v1/users/{user}", response_model=ErasedOut, tags=["users"],
                responses=error_responses(401, 403, 404, 422, 503, 507))
    def erase_user(user: PathId, key_user: str | None = Depends(caller)) -> ErasedOut:
        """Erase a user: every event and feedback, and every chat session of theirs (a key erases its own)."""
        user = as_user(user, key_user)
        removed = recommender.erase_user(user)
        return ErasedOut(user=user, events=removed.events, sessions=removed.sessions)

    @app.post("/v1/users/{user}/events", response_model=EventOut, status_code=201, tags=["users"],
              responses=error_responses(400, 401, 403, 404, 413, 422, 503, 507))
    def add_event(user: PathId, body: EventBody, key_user: str | None = Depends(caller)) -> EventOut:
        user = as_user(user, key_user)
        recommender.feedback(user, body.item, body.kind)
        return EventOut(user=user, item=body.item, kind=body.kind)

    @app.get("/v1/users/{user}/events", response_model=HistoryOut, tags=["users"],
             responses=error_responses(401, 403, 404, 422, 503))
    def list_events(user: PathId, limit: int = Query(100, ge=1, le=10_000),
                    key_user: str | None = Depends(caller)) -> HistoryOut:
        user = as_user(user, key_user)
        return HistoryOut(user=user, items=recommender.history(user)[-limit:])

    @app.get("/v1/users/{user}/profile", response_model=InterestsOut, tags=["users"],
             responses=error_responses(400, 401, 403, 404, 422, 503))
    def user_profile(user: PathId, k: int = Query(10, ge=1, le=100),
                     key_user: str | None = Depends(caller)) -> InterestsOut:
        interests = recommender.interests(user=as_user(user, key_user), k=k)
        return InterestsOut(user=user, categories=dict(interests.categories),
                            items=[ScoreOut(id=s.item_id, score=s.score) for s in interests.items])

    # -- chat sessions ---------------------------------------------------------------------------------
    def session_out(info: Any) -> SessionOut:
        return SessionOut(id=info.id, user=info.user, title=info.title, created=info.created, updated=info.updated)

    @app.post("/v1/sessions", response_model=SessionOut, status_code=201, tags=["chat"],
              responses=error_responses(400, 401, 403, 413, 422, 503, 507))
    def create_session(body: SessionBody | None = None, key_user: str | None = Depends(caller)) -> SessionOut:
        user = as_user(body.user if body else None, key_user)
        session = chat_agent().session(None, user)
        return session_out(chat_agent().get_session(session.id))

    @app.get("/v1/sessions", response_model=list[SessionOut], tags=["chat"],
             responses=error_responses(401, 403, 422, 503))
    def list_sessions(user: Annotated[str | None, Query(json_schema_extra=ID_SCHEMA)] = None,
                      key_user: str | None = Depends(caller)) -> list[SessionOut]:
        return [session_out(info) for info in chat_agent().sessions(as_user(user, key_user))]

    @app.get("/v1/sessions/{session_id}", response_model=TranscriptOut, tags=["chat"],
             responses=error_responses(401, 404, 422, 503))
    def get_session(session_id: PathId, key_user: str | None = Depends(caller)) -> TranscriptOut:
        session = own_session(session_id, key_user)
        info = chat_agent().get_session(session_id)
        turns = [{"role": t["role"], "text": t["text"], "items": [_out(r) for r in t["items"]]}
                 for t in session.transcript()]
        return TranscriptOut(**session_out(info).model_dump(), messages=turns)

    @app.delete("/v1/sessions/{session_id}", status_code=204, tags=["chat"],
                responses=error_responses(401, 404, 422, 503, 507))
    def delete_session(session_id: PathId, key_user: str | None = Depends(caller)) -> None:
        own_session(session_id, key_user)
        chat_agent().delete_session(session_id)

    @app.post("/v1/sessions/{session_id}/messages", response_model=ReplyOut, tags=["chat"],
              responses={200: {"content": {"text/event-stream": {}},
                               "description": "With stream=true: `token` events, then one `reply` event."},
                         **error_responses(400, 401, 404, 413, 422, 503, 507)})
    async def send_message(session_id: PathId, body: MessageBody, key_user: str | None = Depends(caller)) -> Any:
        # Async all the way: the agent runs with LangGraph's async SQLite checkpointer, and a slow reply
        # holds no worker thread while the model writes.
        session = own_session(session_id, key_user)
        session.check_message(body.text)  # a bad message is a 422 before any stream starts
        slot = turns.admit()
        if slot is None:
            wait = turns.retry_after()
            raise ApiError(503, "busy", f"the chat is answering {turns.in_flight} messages; try again in {wait} s "
                                        "(setting chat_max_turns)", headers={"Retry-After": str(wait)})
        if not body.stream:
            try:
                reply = await session.asend(body.text)
            finally:
                slot.release()
            return ReplyOut(session=session.id, text=reply.text, items=[_out(r) for r in reply.items],
                            dropped=list(reply.dropped))

        async def events() -> AsyncIterator[str]:
            try:
                async for part in session.astream(body.text):
                    if isinstance(part, str):
                        yield _sse("token", {"text": part})
                    else:
                        yield _sse("reply", ReplyOut(session=session.id, text=part.text,
                                                     items=[_out(r) for r in part.items],
                                                     dropped=list(part.dropped)).model_dump())
            except RecagentError as exc:
                status, kind = _status_of(exc)
                yield _sse("error", {"type": kind, "message": str(exc), "status": status})
            finally:
                slot.release()

        # The background task gives the place back too when the stream never starts (the client left).
        return StreamingResponse(events(), media_type="text/event-stream", background=BackgroundTask(slot.release),
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.post("/v1/sessions/{session_id}/feedback", response_model=SessionFeedbackOut, status_code=201,
              tags=["chat"], responses=error_responses(400, 401, 404, 413, 422, 503, 507))
    def session_feedback(session_id: PathId, body: FeedbackBody,
                         key_user: str | None = Depends(caller)) -> SessionFeedbackOut:
        own_session(session_id, key_user).feedback(body.item, body.kind)
        return SessionFeedbackOut(session=session_id, item=body.item, kind=body.kind)

    @app.get("/v1/sessions/{session_id}/profile", response_model=SessionProfileOut, tags=["chat"],
             responses=error_responses(401, 404, 422, 503))
    def session_profile(session_id: PathId, key_user: str | None = Depends(caller)) -> SessionProfileOut:
        session = own_session(session_id, key_user)
        return SessionProfileOut(session=session_id, profile=session.profile(), **session.state())

    # -- the web page ----------------------------------------------------------------------------------
    page = resources.files("recagent.server").joinpath("static/index.html").read_text(encoding="utf-8")
    page = page.replace("<body>", f'<body data-auth="{"keys" if keys else "open"}">', 1)  # which fields to show

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chat_page() -> str:
        return page

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of `recagent serve --workers N`: workspace, keys and model from settings."""
    from recagent.sdk import Recommender

    recommender = Recommender.open()
    settings = recommender.settings
    return create_app(recommender, api_keys=parse_api_keys(settings.api_keys))
