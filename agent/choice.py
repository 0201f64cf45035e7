"""A choice among the items just shown: "Which of these is the funniest?", "which one is best for kids?".

A friend answers with one of the films on the table, not with five new ones. The quality asked for is read as
any request is: the categories its words name ("funniest": Comedy), the mood it asks for ("to cheer me up"), and
its meaning, compared in the catalog's embedding model with each item. Asked only which is best ("which one would
you pick?"), the answer is the one the catalog's people rated best, or the one the ranking put first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recagent.agent.rated import rating_words
from recagent.titles import COMMON_WORDS, display_title, normalise

if TYPE_CHECKING:
    from recagent.agent.moods import MoodReader
    from recagent.agent.understanding import CategoryVocabulary
    from recagent.sdk import Recommender
    from recagent.types import Item

__all__ = ["Choice", "choose"]

# Words that ask only which is best, nothing about what kind.
_BEST_ONLY = frozenset({"best", "better", "good", "great", "top", "one", "pick", "choose", "recommend", "suggest",
                        "the", "a", "most", "you", "your", "favorite", "favourite", "would", "do", "think", "is", "be",
                        "go", "with", "for", "me", "to", "watch", "first", "it", "that", "this", "yours"})


# A choice by year: "the most recent", "the newest", "the latest"; "the oldest", "the earliest".
_BY_YEAR = re.compile(r"\b(?:(?P<new>(?:most\s+)?recent|newest|latest|most\s+modern)|oldest|earliest|most\s+classic)\b",
                      re.IGNORECASE)

# A choice by length: "the shortest", "the quickest watch"; "the longest".
_BY_LENGTH = re.compile(r"\b(?:(?P<short>shortest|quickest|briefest)|longest)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Choice:
    """The item chosen, and why, in words for the user."""

    item_id: str
    reason: str


def choose(rec: Recommender, vocabulary: CategoryVocabulary, moods: MoodReader, item_ids: Sequence[str],
           quality: str, length_field: str | None = None, said: str = "shown") -> Choice:
    """The item of `item_ids` (in the order shown) that best fits `quality`, in the user's words: an item of a
    category the quality names first ("the funniest" of a comedy and four thrillers is the comedy, however close
    a thriller's words come), then the closest in meaning. The shortest or longest is by the metadata key
    `length_field` (minutes), where the catalog has one. `said`: how the items came up ("shown", or "named" for
    "which is better, Memento or Inception?")."""
    if not item_ids:
        raise ValueError("nothing to choose among: no items were shown")
    asked = quality.strip(" ?!.")
    words = normalise(asked).split()
    of = f"of the {len(item_ids)} {said}" if len(item_ids) > 1 else said
    if all(word in _BEST_ONLY for word in words):
        # "Which one is the best?": the one people rated best, as a friend would say; without ratings, the first.
        ratings = rec.ratings(list(item_ids))
        if ratings:
            best = max(item_ids, key=lambda item_id: (item_id in ratings, ratings[item_id].adjusted
                                                      if item_id in ratings else 0.0, -item_ids.index(item_id)))
            # Of two, how the other was rated too: "is it better than Inception?" is answered by both.
            other = [item_id for item_id in item_ids if item_id != best and item_id in ratings]
            beside = (f" ({display_title(rec.item(other[0]).title)}: {rating_words(ratings[other[0]])})"
                      if len(item_ids) == 2 and other else "")
            most = "better" if len(item_ids) == 2 else "best"
            return Choice(best, f"the {most} rated {of}: {rating_words(ratings[best])}{beside}")
        return Choice(item_ids[0], f"the first {of}, the one the ranking put first")
    by_year = _BY_YEAR.search(asked)
    items = rec.catalog.items(list(item_ids))
    years = {item_id: year for item_id in item_ids
             if item_id in items and isinstance(year := items[item_id].metadata.get("year"), int)}
    if by_year and years:
        # "which of those is the most recent?": by their years, where it chose by meaning ("most recent" is no theme).
        newest = by_year.group("new") is not None
        picked = max(years, key=lambda item_id: (years[item_id] if newest else -years[item_id],
                                                 -item_ids.index(item_id)))
        return Choice(picked, f"the {'most recent' if newest else 'oldest'} {of}: {years[picked]}")
    by_length = _BY_LENGTH.search(asked)
    if by_length:
        return _by_length(item_ids, items, length_field, by_length.group("short") is not None, of)
    mood = moods.read(asked)
    wanted = {category for category, _, _ in vocabulary.find(" ".join(words))}
    if mood is not None and not wanted:
        wanted = set(moods.categories(mood))
    vectors = rec.catalog.vectors(list(item_ids))
    # Everyday words ("the", "most") would match items by their titles' small words.
    target = rec.catalog.embed([mood.search if mood else " ".join(w for w in words if w not in COMMON_WORDS)
                                or asked])[0]
    scores = {}
    for position, item_id in enumerate(item_ids):
        closeness = float(vectors[item_id] @ target) if item_id in vectors else 0.0
        held = bool(wanted & set(items[item_id].categories)) if item_id in items else False
        # An item of a category asked for first, then the closest in meaning; ties to the ranking's own order.
        scores[item_id] = (held, closeness, -position)
    best = max(scores, key=lambda item_id: scores[item_id])
    held_categories = [c for c in items[best].categories if c in wanted] if best in items else []
    fit = f"the best fit {of} for \u201c{asked}\u201d"
    return Choice(best, f"{fit}: {', '.join(held_categories)}" if held_categories else f"{fit}, by meaning")


def _by_length(item_ids: Sequence[str], items: Mapping[str, Item], field: str | None, shortest: bool,
               of: str) -> Choice:
    """The shortest or longest of the items, by how many minutes they run; a catalog that does not say is said so
    (by meaning, "the shortest" chose Guardians of the Galaxy)."""
    minutes = {item_id: float(value) for item_id in item_ids if item_id in items and field
               and isinstance(value := items[item_id].metadata.get(field), int | float)}
    if not minutes:
        return Choice(item_ids[0], f"the catalog does not say how long its films run; the first {of}")
    picked = min(minutes, key=lambda item_id: (minutes[item_id] if shortest else -minutes[item_id],
                                               item_ids.index(item_id)))
    return Choice(picked, f"the {'shortest' if shortest else 'longest'} {of}: {minutes[picked]:.0f} minutes")
