"""Request and response bodies of the HTTP API, validated by pydantic."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from recagent.ids import check_id

__all__ = [
    "RecommendBody",
    "ItemOut",
    "RecommendationOut",
    "RecommendationsOut",
    "EventBody",
    "SessionBody",
    "SessionOut",
    "MessageBody",
    "ReplyOut",
    "TurnOut",
    "TranscriptOut",
    "FeedbackBody",
    "ErrorOut",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _user_id(value: str) -> str:
    return check_id(value, "user id")


def _item_id(value: str) -> str:
    return check_id(value, "item id")


# Ids in bodies pass the core's check: a control character is a 422 naming the field and the character.
# Lengths are checked first, so that a too long id is said as such.
UserId = Annotated[str, StringConstraints(max_length=200), AfterValidator(_user_id)]
ItemId = Annotated[str, AfterValidator(_item_id)]


class RecommendBody(_Strict):
    """The options of `Recommender.recommend`."""

    user: UserId | None = None
    history: list[ItemId] = Field(default_factory=list, max_length=1000)
    query: str | None = Field(default=None, max_length=2000)
    k: int = Field(default=10, ge=1, le=200)
    filters: dict[str, Any] | None = None
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
    item: Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_item_id)]
    kind: Literal["like", "dislike", "seen"] = "like"


class SessionBody(_Strict):
    user: UserId | None = None


class SessionOut(BaseModel):
    id: str
    user: str | None
    title: str
    created: float
    updated: float


class MessageBody(_Strict):
    text: str = Field(max_length=100_000)  # the chat's own limit (chat_max_message_chars) answers with 422 first
    stream: bool = False


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


class ErrorOut(BaseModel):
    """Every error: `{"error": {"type": "unknown_item", "message": "..."}}` with the matching status code."""

    error: dict[str, str]
