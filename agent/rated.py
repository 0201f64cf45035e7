"""The best rated: "which one is the best?", "the best movies of the 90s", "an underrated gem"; and the worst.

Asked for the best, a friend names the films people rated highest, not the most watched; asked for a hidden gem,
one rated as well that fewer people know. Both read the catalog's ratings (`Recommender.ratings`), whose adjusted
mean keeps a film two people loved below one a hundred people rated nearly as high. A catalog without ratings
keeps the ranking's order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from recagent.catalog_facts import POPULAR_SAID, RATING_PRIOR
from recagent.titles import display_title
from recagent.types import Item, Rating, Recommendation

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["AGE_RATING", "RATED_POOL", "UNDERRATED_MATCHES", "UNDERRATED_MIN_RATINGS", "UNDERRATED_POOL",
           "best_rated", "better_sequels", "rated_pool", "rating_words", "ratings_text"]

# How many items the best rated are chosen among, without words to match ("the best movies of the 90s", "top
# rated comedies"): the acclaimed films of the kind are there; a hidden gem is further down the popular ones.
# With words to match, the best among the usual few matches, by place and rating together (see `best_rated`).
RATED_POOL = 30
UNDERRATED_POOL = 500
UNDERRATED_MATCHES = 60  # with words to match: the less known among the matches are further down them
UNDERRATED_MIN_RATINGS = RATING_PRIOR // 2  # a hidden gem is rated by half as many people as a rating is drawn by


def rated_pool(rated: str | None, query: str | None) -> int:
    """How many items to choose the best rated among (0: as many as for any request)."""
    if rated in ("underrated", "worst"):  # the worst of the films people know are further down the popular ones
        return UNDERRATED_MATCHES if query else UNDERRATED_POOL
    return RATED_POOL if rated == "best" and not query else 0


def better_sequels(rec: Recommender, sequels: Mapping[str, str]) -> dict[str, str]:
    """Of `sequels` (each with the first film of its series), those people rated above that first film, by the
    adjusted mean: Toy Story 3 over Toy Story, Spider-Man 2 over Spider-Man. A film nobody rated is compared with
    none."""
    ratings = rec.ratings(list({*sequels, *sequels.values()}))
    return {film: first for film, first in sequels.items()
            if film in ratings and first in ratings and ratings[film].adjusted > ratings[first].adjusted}


def rating_words(rating: Rating) -> str:
    people = "person" if rating.count == 1 else "people"
    return f"rated {rating.mean:.1f} on average by {rating.count:,} {people}"


# "is it rated R?", "what's the age rating?": the catalog's ratings are people's stars, not a film board's.
AGE_RATING = re.compile(r"\b(?:rated\s+(?:g|pg|r|nc-?17)|pg(?:-?13)?|r[\s-]rated|nc-?17|mpaa|age\s+ratings?|"
                         r"parental\s+(?:guidance|rating))\b", re.IGNORECASE)


def ratings_text(items: Sequence[Item], ratings: dict[str, Rating], said: str = "") -> str:
    """How people rated the items shown, in the order shown, then the best rated of them: the answer to "how are
    they rated?" after a list (it showed five more of the theme)."""
    rated = [item for item in items if item.id in ratings]
    if not rated:
        return "Nobody has rated these in the catalog yet."
    lines = ["The catalog has no age ratings; this is how its people rated them:" if AGE_RATING.search(said)
             else "This is how people rated them:"]
    for number, item in enumerate(items, start=1):
        rating = ratings.get(item.id)
        lines.append(f"{number}. {display_title(item.title)}: {rating_words(rating) if rating else 'not rated yet'}")
    if len(rated) > 1:
        best = max(rated, key=lambda item: ratings[item.id].adjusted)
        lines.append(f"Best rated of them: {display_title(best.title)}.")
    return "\n".join(lines)


def _gems(found: Sequence[Recommendation], ratings: dict[str, Rating]) -> set[str]:
    """The hidden gems among `found`: rated by enough people to trust (`UNDERRATED_MIN_RATINGS`; "an underrated
    horror movie from the 2000s" showed five films one person rated), above the catalog's mean (which the adjusted
    mean is drawn toward: a gem rated 2.6 is none), by fewer people than most such films."""
    trusted = [entry for entry in found if ratings[entry.item.id].count >= UNDERRATED_MIN_RATINGS] or list(found)
    trusted = [entry for entry in trusted
               if ratings[entry.item.id].mean >= ratings[entry.item.id].adjusted] or trusted
    counts = sorted(ratings[entry.item.id].count for entry in trusted)
    known = counts[len(counts) // 2] if counts else 0
    return {entry.item.id for entry in trusted if ratings[entry.item.id].count < known} or {
        entry.item.id for entry in trusted}


def best_rated(rec: Recommender, found: Sequence[Recommendation], rated: str,
               matched: bool = False) -> list[Recommendation]:
    """`found` (best match first) ordered by rating: "best", the best rated first; "worst", the worst rated first;
    "underrated", its hidden gems (`_gems`) first, best rated first, then the rest. `matched`: `found` answers words
    searched, whose order still counts: each item goes by its place in `found` and its place by rating together
    ("the best heist movies" lifted Terminator 2, the fifteenth match, over Ocean's Eleven). Unrated items come
    after; without ratings, `found` as it is."""
    ratings = rec.ratings([entry.item.id for entry in found])
    if not ratings:
        return list(found)
    rated_found = [entry for entry in found if entry.item.id in ratings]
    gems = _gems(rated_found, ratings) if rated == "underrated" else set()
    worst = -1 if rated == "worst" else 1  # "the worst sci-fi movie": the lowest rated of those found first
    by_rating = sorted(rated_found, key=lambda entry: -worst * ratings[entry.item.id].adjusted)
    order = by_rating
    if matched:
        place = {entry.item.id: n for n, entry in enumerate(rated_found)}
        for n, entry in enumerate(by_rating):
            place[entry.item.id] += n
        order = sorted(rated_found, key=lambda entry: place[entry.item.id])
    order = sorted(order, key=lambda entry: rated == "underrated" and entry.item.id not in gems)
    # A gem is less known than the films matched: "popular" beside it contradicted it ("less known, rated 3.9 on
    # average by 41 people; popular: 41 interactions" for "I'm bored, surprise me").
    lifted = [Recommendation(entry.item, entry.score, (("less known, " if entry.item.id in gems else "")
                                                       + rating_words(ratings[entry.item.id]),
                                                       *(reason for reason in entry.reasons if entry.item.id not in gems
                                                         or not reason.startswith(POPULAR_SAID))))
              for entry in order]
    return lifted + [entry for entry in found if entry.item.id not in ratings]
