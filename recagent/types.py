"""The public value types that flow through the pipeline and the plugin hooks."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FEEDBACK_KINDS",
    "Item",
    "Event",
    "ScoredItem",
    "Candidate",
    "Interests",
    "RecommendRequest",
    "Recommendation",
    "Rating",
]


# What a person can say about an item: recorded as events of these kinds (dislikes never count as interest).
FEEDBACK_KINDS = ("like", "dislike", "seen")


@dataclass(frozen=True, slots=True)
class Item:
    """A catalog item: an id, a title, free text, categories and scalar metadata."""

    id: str
    title: str
    text: str = ""
    categories: tuple[str, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"item id must be a non-empty string, got {self.id!r}")
        if not isinstance(self.categories, tuple):
            object.__setattr__(self, "categories", tuple(self.categories))

    @property
    def tags(self) -> tuple[str, ...]:
        """The item's tags: its "tags" metadata, comma-separated as the readers write it, each once, in order."""
        raw = str(self.metadata.get("tags") or "")
        return tuple(dict.fromkeys(tag.strip() for tag in raw.split(",") if tag.strip()))


@dataclass(frozen=True, slots=True)
class Event:
    """One interaction: a user did `kind` to an item at `timestamp` (seconds), with an optional value."""

    user: str
    item: str
    timestamp: float
    kind: str = "interaction"
    value: float | None = None


@dataclass(frozen=True, slots=True)
class ScoredItem:
    """An item id with a score; higher is better. `reason` explains the score to a person.

    A candidate source sets `matches_query` when the item answers the request's query (not only the
    user's taste): with a query, rankers put such items first.
    """

    item_id: str
    score: float
    reason: str | None = None
    matches_query: bool = False

    def __post_init__(self) -> None:
        if not math.isfinite(self.score):
            raise ValueError(f"score of item {self.item_id!r} must be finite, got {self.score!r}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item proposed by one or more candidate sources, with each source's score and reason.

    `query_relevance` is the best score of the sources that said the item answers the request's query
    (`ScoredItem.matches_query`), or None when none did.
    """

    item_id: str
    scores: Mapping[str, float]
    reasons: Mapping[str, str] = field(default_factory=dict)
    query_relevance: float | None = None

    @property
    def matches_query(self) -> bool:
        return self.query_relevance is not None

    @property
    def score(self) -> float:
        """The merged score before ranking: the sum of the sources' scores."""
        return float(sum(self.scores.values()))


@dataclass(frozen=True, slots=True)
class Interests:
    """What a user is predicted to want next: scored items and a category-level profile."""

    items: tuple[ScoredItem, ...]
    categories: Mapping[str, float] = field(default_factory=dict)


CANDIDATES = 100
QUERY_CANDIDATES = 300


@dataclass(frozen=True, slots=True)
class RecommendRequest:
    """What a caller asked for: a known user and/or an ad-hoc history, an optional query, filters and k.

    `allow` limits the answer to those item ids, `deny` never recommends them, and `diversity` (0..1)
    trades relevance for variety in the list (maximal marginal relevance; 0 is off).
    """

    user: str | None = None
    history: tuple[str, ...] = ()
    query: str | None = None
    k: int = 10
    filters: Mapping[str, Any] | None = None
    exclude_seen: bool = True
    allow: tuple[str, ...] | None = None
    deny: tuple[str, ...] = ()
    diversity: float = 0.0

    @property
    def candidate_limit(self) -> int:
        """How many candidates each source should propose (seen items left out when `exclude_seen`).

        More with a query: its close matches are reordered by popularity and taste, and a well-known match
        is often a few hundred places down by meaning alone.
        """
        return max(QUERY_CANDIDATES if self.query else CANDIDATES, 10 * self.k)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommended catalog item with its score and the reasons behind it."""

    item: Item
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rating:
    """How the catalog's people rated an item: how many rated it, their mean, and that mean drawn toward the
    catalog's own mean as if a few more people had given it (`adjusted`), so that one five-star rating makes no
    masterpiece; "the best" orders by `adjusted`."""

    count: int
    mean: float
    adjusted: float
