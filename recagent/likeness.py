"""Items like one item: close in meaning (the item index) and chosen by the same people (the store's events).

Either signal alone misleads. Text embeddings put "Body Heat" and "City Heat" next to "Heat" for the word
they share; what people watch together puts every popular film of 1996 next to it, the more so the less each
film's own popularity discounts it (`chosen_together`). An item both rank high is
like it in kind and in audience, so the two ranks are multiplied: a pick must do well in both, and one that
only one list has counts as ranked just past its end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from recagent.titles import normalise, singular, title_year, without_year
from recagent.types import Item

__all__ = ["CHOSEN_POPULARITY", "CHOSEN_SHRINK", "OFFSET", "by_kind", "chosen_together", "fused", "held",
           "holding_first", "kin_first", "title_echoes_last", "toward"]

# Added to every rank before multiplying (0 is the best rank): without it the first of either list would win
# whatever the other list says.
OFFSET = 10.0


# How much an item's own popularity discounts how often it was chosen with the items named (0: not at all, 1: a
# share of its own choosers). The sequence models' next items put Batman Forever and Apollo 13, chosen by everyone
# in 1995, beside Pulp Fiction; at 0.8 Reservoir Dogs and Fargo come, and Die Hard 2 and RoboCop beside Die Hard where
# Jurassic Park and Star Trek II came (lists read for 14 films, and the suite's requests for films like a title).
CHOSEN_POPULARITY = 0.8
# Choosers so few that the share is noise count for less: a film two of them chose is no evidence.
CHOSEN_SHRINK = 10.0


def chosen_together(counts: Sequence[tuple[str, int]], popularity: Mapping[str, float]) -> list[str]:
    """The items of `counts` (item, how many of the people who chose the items named chose it too), most telling
    first: that number, discounted by the item's own `popularity` to the power `CHOSEN_POPULARITY` and shrunk by
    `CHOSEN_SHRINK` where it is small; ties by id."""
    def score(entry: tuple[str, int]) -> float:
        item, count = entry
        own = max(float(popularity.get(item, count)), 1.0)
        return count * count / ((count + CHOSEN_SHRINK) * own ** CHOSEN_POPULARITY)

    return [item for item, _ in sorted(counts, key=lambda entry: (-score(entry), entry[0]))]


def fused(meaning: Sequence[str], together: Sequence[str]) -> list[tuple[str, float]]:
    """Items of both lists, best first, with a score in (0, 1]: 1 for an item first in both."""
    missing = 1.5 * max(len(meaning), len(together), 1)  # just past the end of the longer list
    by_meaning = {item: rank for rank, item in enumerate(dict.fromkeys(meaning))}
    by_together = {item: rank for rank, item in enumerate(dict.fromkeys(together))}
    items = [*by_meaning, *(item for item in by_together if item not in by_meaning)]
    scores = {item: OFFSET ** 2 / ((OFFSET + by_meaning.get(item, missing)) * (OFFSET + by_together.get(item, missing)))
              for item in items}
    return sorted(scores.items(), key=lambda entry: -entry[1])


def toward(order: Sequence[str], *direction_similarities: Mapping[str, float]) -> list[str]:
    """`order` re-ranked by directions asked in words ("lighter"; a theme, "heist", is one too): the sum of an
    item's place in `order` and its place by similarity to each direction, so that it stays like the item and
    moves the ways asked. Each direction counts on its own: said as one text, "heist, serious" kept Spider-Man,
    the first like Ocean's Eleven and serious enough, second."""
    place = {item: rank for rank, item in enumerate(order)}
    moved = dict.fromkeys(order, 0)
    for similarity in direction_similarities:
        for rank, item in enumerate(sorted(order, key=lambda item: -similarity.get(item, -1.0))):
            moved[item] += rank
    return sorted(order, key=lambda item: (place[item] + moved[item], place[item]))


def kin_first(order: Sequence[str], kinds: Mapping[str, Sequence[str]], named: Sequence[str]) -> list[str]:
    """`order` with the items that share a category with one of the `named` items first, each part in its order.

    Watched together is not alike: the people who chose Beauty and the Beast in 1991 chose The Silence of the
    Lambs too, and both lists rank it high. Items of no category in common come after the rest, not dropped (a
    catalog without categories, or an item without any, keeps its order)."""
    wanted = {kind for item in named for kind in kinds.get(item, ())}
    if not wanted:
        return list(order)
    return sorted(order, key=lambda item: bool(kinds.get(item)) and not wanted & set(kinds.get(item, ())))


def by_kind(order: Sequence[str], kinds: Mapping[str, Sequence[str]], named: Sequence[str]) -> list[str]:
    """`order` by how much of their kind the items share with the `named` items (the Jaccard overlap of their
    categories), ties in their order: Tangled (animation, children's, comedy, fantasy, musical) is more of the kind
    of Frozen than Harry Potter (adventure, fantasy), which the same people chose too.

    Several items named weigh each category by the share of them that have it (a weighted Jaccard overlap): the eight
    Harry Potter films are all adventure and fantasy, one of them a children's film; counted alike, every category
    of any of them made Tangled, of seven categories, as much their kind as The Hobbit."""
    known = [item for item in named if kinds.get(item)]
    weight: dict[str, float] = {}
    for item in known:
        for kind in set(kinds[item]):
            weight[kind] = weight.get(kind, 0.0) + 1 / len(known)
    total = sum(weight.values())

    def overlap(item: str) -> float:
        have = set(kinds.get(item, ()))
        shared = sum(weight.get(kind, 0.0) for kind in have)
        union = len(have) + total - shared
        return shared / union if union else 0.0

    return sorted(order, key=lambda item: -overlap(item))


def held(item: Item, phrases: Sequence[str]) -> list[str]:
    """The phrases of a direction that the item's own words (categories, tags, text) hold, each word of three letters
    or more of them, in singular or plural: "psychological" of a film tagged so, not of The Mask."""
    if not phrases:  # no direction asked: the item's words are not read (every `similar` call comes here)
        return []
    said = " ".join([*item.categories, *item.tags, item.text]).lower()
    own = {singular(word) for word in re.findall(r"[a-z]+", said)}
    return [phrase for phrase in phrases
            if (words := [singular(word) for word in re.findall(r"[a-z]+", phrase.lower()) if len(word) > 2])
            and all(word in own for word in words)]


# Words of a direction that say nothing an item's words could hold ("with a good twist" is "twist"; "plot twists" are
# twists, and no tag says "plot"), and words that turn it away: "less action" is no wish for the films tagged action.
_SAYS_NOTHING = frozenset({"with", "good", "great", "nice", "really", "very", "some", "that", "more", "lots", "lot",
                           "plenty", "the", "and", "but", "movie", "movies", "film", "films", "one", "ones",
                           "something", "kind", "bit", "little", "much", "plot"})
_TURNS_AWAY = frozenset({"less", "not", "without", "fewer", "never", "nothing", "too", "no"})


def holding_first(order: Sequence[str], known: Mapping[str, Item], phrases: Sequence[str]) -> list[str]:
    """`order` with the items whose own words hold a phrase of the direction first, each part in its order: "a
    movie with a twist like Gone Girl" is Seven and Gone Baby Gone, tagged "twist ending", before The Hunger Games
    and The Losers, which are only more like it. A phrase that turns away ("less action") moves nothing."""
    wanted = []
    for phrase in phrases:
        words = re.findall(r"[a-z]+", phrase.lower())
        kept = [word for word in words if word not in _SAYS_NOTHING]
        if kept and not _TURNS_AWAY & set(words):
            wanted.append(" ".join(kept))
    holding = {entry for entry in order if entry in known and held(known[entry], wanted)}
    return sorted(order, key=lambda entry: entry not in holding)


# Words any title may hold: sharing them is no echo.
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "at"})


def _title_words(title: str) -> set[str]:
    return {singular(word) for word in normalise(without_year(title)).split() if word not in _SMALL_WORDS}


def title_echoes_last(order: Sequence[str], known: Mapping[str, Item], named: Sequence[str],
                      kin: Collection[str], describes: Callable[[Item], bool],
                      little_known: Callable[[str], bool] = lambda item_id: False) -> list[str]:
    """`order` with the items near the `named` ones only by a word of their titles after the rest: an item whose
    index text is only its title and categories (`describes` is false) that shares a title word with a named item,
    whose year is a word of a named item's title, or that is `little_known` and of a named item's year, and is not
    of its series (`kin`). "The Big Hit" and "Big Momma's House 2" came close to "The Big Lebowski" by "Big", and
    leaned that way by their categories alone when more action was asked; Swept from the Sea and Bliss, of 1997,
    came among the films like Titanic."""
    said = {word for item in named if item in known for word in _title_words(known[item].title)}
    years = {title_year(known[item].title) for item in named if item in known} - {None}

    def echoes(entry: str) -> bool:
        item = known.get(entry)
        if item is None or entry in kin:
            return False
        # A year in a title is a year to the embedding model: Planet of the Apes, K-PAX and Enemy at the Gates, all
        # of 2001, came next to "2001: A Space Odyssey", whatever their own words say.
        year = title_year(item.title)
        return (year is not None and (year in said or (year in years and little_known(entry)))) or (
            not describes(item) and bool(_title_words(item.title) & said))

    return sorted(order, key=echoes)

