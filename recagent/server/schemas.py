"""Request and response bodies of the HTTP API, validated by pydantic."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from recagent.filters import filters_json_schema
from recagent.ids import ID_PATTERN, check_id

__all__ = [
    "RecommendBody",
    "ItemOut",
    "RecommendationOut",
    "RecommendationsOut",
    "EventBody",
    "EventOut",
    "HistoryOut",
    "ScoreOut",
    "InterestsOut",
    "SessionBody",
    "SessionOut",
    "MessageBody",
    "ReplyOut",
    "HealthOut",
    "ReadyOut",
    "TurnOut",
    "TranscriptOut",
    "FeedbackBody",
    "SessionFeedbackOut",
    "SessionProfileOut",
    "ErrorDetail",
    "ErrorOut",
    "ID_SCHEMA",
    "error_responses",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _user_id(value: str) -> str:
    return check_id(value, "user id")


def _item_id(value: str) -> str:
    return check_id(value, "item id")


# What the core's id check accepts, said in the schema only: the check itself answers a bad id, with a message
# that names the id and the character (a pydantic pattern would only say that the pattern did not match).
ID_SCHEMA = {"pattern": ID_PATTERN}

# Ids in bodies pass the core's check: a control character is a 422 naming the field and the character.
# Lengths are checked first, so that a too long id is said as such.
UserId = Annotated[str, StringConstraints(max_length=200), Field(json_schema_extra=ID_SCHEMA),
                   AfterValidator(_user_id)]
ItemId = Annotated[str, Field(json_schema_extra=ID_SCHEMA), AfterValidator(_item_id)]


class RecommendBody(_Strict):
    """The options of `Recommender.recommend`."""

    user: UserId | None = None
    history: list[ItemId] = Field(default_factory=list, max_length=1000)
    query: str | None = Field(default=None, max_length=2000)
    k: int = Field(default=10, ge=1, le=200)
    # The syntax in the schema; the filter parser itself answers a filter it cannot read (400 bad_request).
    filters: dict[str, Any] | None = Field(default=None, json_schema_extra={"anyOf": [filters_json_schema(),
                                                                                      {"type": "null"}]})
    exclude_seen: bool = True
    allow: list[ItemId] | None = Field(default=None, max_length=10_000)
    deny: list[ItemId] = Field(default_factory=list, max_length=10_000)
    diversity: float = Field(default=0.0, ge=0.0, le=1.0)


class ItemOut(BaseModel):
    id: str
    title: str
    categories: list[str]
    text: str = ""
    metadata: dict[str, Any] = Field(default_factory=dict)


class RecommendationOut(BaseModel):
    item: ItemOut
    score: float
    reasons: list[str]


class RecommendationsOut(BaseModel):
    items: list[RecommendationOut]


class EventBody(_Strict):
    item: Annotated[str, StringConstraints(min_length=1, max_length=200), Field(json_schema_extra=ID_SCHEMA),
                    AfterValidator(_item_id)]
    kind: Literal["like", "dislike", "seen"] = "like"


class EventOut(BaseModel):
    user: str
    item: str
    kind: Literal["like", "dislike", "seen"]


class HistoryOut(BaseModel):
    user: str
    items: list[str] = Field(description="The user's item ids, oldest first.")


class ErasedOut(BaseModel):
    user: str
    events: int = Field(description="Events and feedback deleted.")
    sessions: int = Field(description="Chat sessions deleted.")


class DeletedOut(BaseModel):
    item: str
    events: int = Field(description="Events about the item deleted with it.")


class ScoreOut(BaseModel):
    id: str
    score: float


class InterestsOut(BaseModel):
    user: str
    categories: dict[str, float]
    items: list[ScoreOut]


class SessionBody(_Strict):
    user: UserId | None = None


class SessionOut(BaseModel):
    id: str
    user: str | None
    title: str
    created: float
    updated: float


class MessageBody(_Strict):
    # The chat's own check answers a blank message, a NUL or a message over its limit (chat_max_message_chars,
    # which create_app writes into the schema as maxLength) with 422 bad_message; the schema only says so.
    text: str = Field(max_length=100_000, json_schema_extra={"pattern": r"^[^\u0000]*[^\u0000\s][^\u0000]*$"})
    stream: bool = False


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    ready: bool
    items: int
    users: int
    chat_model: bool
    # The trained model each plugin serves: its version, or when it was saved (shared models_dir: every server alike).
    models: dict[str, str]


class ReplyOut(BaseModel):
    session: str
    text: str
    items: list[RecommendationOut]
    dropped: list[str]


class TurnOut(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    items: list[RecommendationOut]


class TranscriptOut(SessionOut):
    messages: list[TurnOut]


class FeedbackBody(EventBody):
    pass


class SessionFeedbackOut(BaseModel):
    session: str
    item: str
    kind: Literal["like", "dislike", "seen"]


class SessionProfileOut(BaseModel):
    session: str
    profile: str = Field(description="What the session knows of its user, in words.")
    user: str | None
    likes: list[str]
    dislikes: list[str]
    seen: list[str]
    exclude_categories: list[str]
    shown: list[str]
    topic: str | None


class ErrorDetail(BaseModel):
    type: str = Field(description="A stable name, such as `unknown_item`; see docs/server.md for the list.")
    message: str = Field(description="What went wrong and what to do next, in words.")


class ErrorOut(BaseModel):
    """Every error: `{"error": {"type": "unknown_item", "message": "..."}}` with the matching status code."""

    error: ErrorDetail


# The error types each status stands for (docs/server.md lists them all, with what they mean).
_ERROR_KINDS = {
    400: "`bad_request`: the request cannot be carried out, such as an unknown filter operator or a body that is "
         "not JSON text",
    401: "`unauthorized`: the server has API keys and the request carries none of them",
    403: "`forbidden`: the API key acts for another user",
    404: "`unknown_item`, `unknown_user` or `unknown_session`",
    409: "`index_not_built`: the item index has not been built",
    413: "`too_large`: the request body is over 256 KB",
    422: "`invalid_input` (a field, or an id with a control character) or `bad_message` (an empty or too long "
         "chat message)",
    503: "`store_damaged`, `index_damaged`, `chat_model_unavailable`, or `busy` (with `Retry-After`)",
    507: "`storage_full`: the disk is full; the write changed nothing",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that can answer with these error statuses, each with the error shape."""
    return {status: {"model": ErrorOut, "description": _ERROR_KINDS[status]} for status in statuses}
