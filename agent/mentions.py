"""Whether the catalog's texts mention a name at all: "any movies with Tom Cruise?" in a catalog that lists no cast.

Searched by meaning, a name the catalog never mentions still finds items ("Tom Cruise" found The Fifth Element and
Ace Ventura), each passed off as close to what was asked. The chat says plainly that nothing mentions the name and
matches only the rest of the request. A name the catalog's own words hold beside its titles ("Harrison Ford", a
tag) is a theme to search, never a film the catalog lacks; one typed with a slip ("Leonardo Decaprio") is the tag it
misspells. A person is a name the tags write so on several films, or on one where its meaning says it is a person's
("Harrison Ford", not "Las Vegas"). A theme ruled out in a word the tags hold ("not a prison movie though", "I hate
zombies") leaves out the items tagged with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from recagent.errors import RecagentError
from recagent.titles import COMMON_WORDS, normalise
from recagent.types import Item

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["CatalogMentions", "catalog_mentions", "people_by_meaning", "theme_word"]

NAME_WORDS = 4
FIRST_NAME_LETTERS = 3  # a first name said alone is at least this long: "M" of M. Night Shyamalan is none
THEME_LETTERS = 4  # a tag word shorter than this ("war", "sex") is no theme to leave out: it is too often a part
NAME_SIMILARITY = 88  # rapidfuzz ratio: "Seth Rogan" is Seth Rogen (90), "Tom Hardy" is not Tom Hanks (67)
# A name the tags give one film is a person's by meaning: nearer what people are than what places, themes and the
# craft of films are, by `PERSON_MARGIN` (the closest of each). Of the demo catalog's 166 such tags, all-MiniLM-L6-v2
# puts most people (and characters: Captain Kirk) 0.05 to 0.33 ahead (Harrison Ford 0.16, Denzel Washington 0.12, Bill
# Murray 0.12) and every other name at most 0.05 ahead ("well done"; Las Vegas -0.10, stock market -0.22, amazing
# cinematography -0.02); a few people fall below it (Uma Thurman 0.03) and stay themes, as every name of one film was.
PERSON_WORDS = ("an actor", "an actress", "a film director", "a writer", "a person's full name")
OTHER_WORDS = ("a city, a country or a place", "a topic or an event", "the acting, the visuals or the humor of a film",
               "a group of people", "a company", "a film")
PERSON_MARGIN = 0.05


class CatalogMentions:
    """Every title, category, tag and description of the catalog, normalised into texts to look names up in.
    `people_named` says which names the tags give one item are people's (`people_by_meaning`); without it, none is."""

    def __init__(self, items: Iterable[Item],
                 people_named: Callable[[Sequence[str]], Sequence[bool]] | None = None) -> None:
        titles, words = [], []
        tagged: dict[str, set[str]] = {}
        named: dict[str, set[str]] = {}  # each tag of two to four words, and the items it tags
        # How often each is written as people's names are ("Stanley Kubrick"), and how: "Twist Ending" is written
        # so once in twenty.
        capitalised: dict[str, list[str]] = {}
        kinds: set[str] = set()
        written_as: dict[str, list[int]] = {}  # each word of the tags: how often written, and how often capitalised
        for item in items:
            kinds.update(map(normalise, item.categories))
            titles.append(item.title)
            words += [*item.categories, item.text, *item.tags]
            for tag in item.tags:
                key = normalise(tag)
                if 2 <= len(key.split()) <= NAME_WORDS:
                    named.setdefault(key, set()).add(item.id)
                    if all(word[:1].isupper() for word in tag.split()):
                        capitalised.setdefault(key, []).append(" ".join(tag.split()))
            for word in {word for tag in item.tags for word in normalise(tag).split()}:
                if len(word) >= THEME_LETTERS and word not in COMMON_WORDS:
                    tagged.setdefault(theme_word(word), set()).add(item.id)
            for said in (said for tag in item.tags for said in tag.split()):
                written = written_as.setdefault(theme_word(normalise(said)), [0, 0])
                written[0] += 1
                written[1] += said[:1].isupper()
        self._tagged = tagged  # each word of the tags (as `theme_word` spells it), and the items tagged with it
        self._written_as = written_as
        self._named = {key: frozenset(ids) for key, ids in named.items()}
        self.words = " " + " | ".join(normalise(part) for part in words if part) + " "
        self.text = self.words + " | ".join(normalise(title) for title in titles) + " "
        self.names = sorted(named)  # the tags of two to four words: names of people, places, themes
        # People: written as names on most items they tag, on more than one item, and no category ("Sci-Fi"); by
        # their normalised tag, with the name as written and the items it tags.
        self._people = {key: (capitalised[key][0], frozenset(ids)) for key, ids in named.items()
                        if len(ids) > 1 and 2 * len(capitalised.get(key, ())) > len(ids) and key not in kinds}
        # A name written so on the one item it tags, of no everyday word, is a person's where its meaning says so
        # ("Harrison Ford", not "Las Vegas"): searched by meaning, "I like Harrison Ford" found Ace Ventura.
        once = [key for key, ids in named.items() if len(ids) == 1 and key in capitalised and key not in kinds
                and not any(word in COMMON_WORDS for word in key.split())]
        if people_named is not None and once:
            self._people.update((key, (capitalised[key][0], frozenset(named[key])))
                                for key, person in zip(once, people_named([capitalised[key][0] for key in once]))
                                if person)

    def __call__(self, name: str) -> bool:
        """Whether any text of the catalog has the name, as whole words."""
        key = normalise(name)
        return bool(key) and f" {key} " in self.text

    def described(self, name: str) -> bool:
        """Whether the catalog's own words (categories, tags, descriptions; not titles) have the name."""
        key = normalise(name)
        return bool(key) and f" {key} " in self.words

    def respelled(self, name: str) -> str | None:
        """The tag a name misspells ("Leonardo Decaprio": "leonardo dicaprio"), as many words and few letters
        changed; None when the name is no slip of one."""
        from rapidfuzz import fuzz, process

        key = normalise(name)
        if not key or f" {key} " in self.words:
            return None
        found = process.extractOne(key, self.names, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY)
        return found[0] if found and len(found[0].split()) == len(key.split()) else None


    def people_of(self, item: Item) -> list[str]:
        """The names in an item's tags, written as people's names are, that tag other items too ("Stanley Kubrick" of
        The Shining), those that tag the most items first: who made or played in it, where the tags say."""
        keys = {normalise(tag) for tag in item.tags}
        found = [person for key, person in self._people.items() if key in keys]
        return [name for name, _ in sorted(found, key=lambda person: -len(person[1]))]

    def is_person(self, text: str | None) -> bool:
        """Whether the text is one of the people the tags name ("Stephen King"): a name, no mood to read."""
        return normalise(text or "") in self._people

    def first_named(self, word: str) -> str | None:
        """The person the tags name whose first name the word is, if only one ("keanu": "Keanu Reeves"); None for
        names two people share ("Paul": Paul Rudd and Paul Giamatti) and for initials."""
        key = normalise(word)
        found = [name for person, (name, _) in self._people.items() if person.split()[0] == key]
        return found[0] if len(found) == 1 and len(key) >= FIRST_NAME_LETTERS else None

    def surnamed(self, word: str) -> str | None:
        """The person the tags name whose last name the word is ("kubrick": "Stanley Kubrick"), if only one; None for
        a word the tags hold beside that person's name ("stone" of Emma Stone and Oliver Stone, "king" of Stephen King
        and of The Lion King) and for everyday words."""
        key = normalise(word)
        if len(key) < THEME_LETTERS or key in COMMON_WORDS or " " in key:
            return None
        found = [(name, ids) for person, (name, ids) in self._people.items() if person.split()[-1] == key]
        if len(found) != 1:
            return None
        name, ids = found[0]
        return name if self.tagged(key) <= ids else None

    def named_in(self, text: str | None) -> tuple[str, frozenset[str]] | None:
        """The name the tags give people ("Keanu Reeves") that a request says first, the longest of those said there
        ("Samuel L. Jackson", not "Samuel"), with the items it tags; None when it says none. A theme followed up puts
        the new words first: "what about something with Morgan Freeman" after Denzel Washington's films is his."""
        said = f" {normalise(text or '')} "
        keys = [key for key in self._people if f" {key} " in said]
        return self._people[min(keys, key=lambda key: (said.index(f" {key} "), -len(key)))] if keys else None

    def works_named_in(self, text: str | None) -> frozenset[str]:
        """The items the tags name each person on that the text names ("Bruce Willis, Jim Carrey, Seth Rogen")."""
        said = f" {normalise(text or '')} "
        return frozenset().union(*(ids for key, (_, ids) in self._people.items() if f" {key} " in said))

    def tagged(self, word: str) -> frozenset[str]:
        """The items whose tags hold the word ("prison", "zombies"), or each word of a name ("Bill Murray"); none when
        no tag does."""
        key = normalise(word)
        if key in self._named:  # "Tom Hanks", whose "tom" is too short a word to look up alone
            return self._named[key]
        found = [frozenset(self._tagged.get(self._tag_word(part), ())) for part in key.split()]
        return frozenset.intersection(*found) if found else frozenset()

    def written_as_a_name(self, word: str) -> bool:
        """Whether the tags write the word with a capital at least half the time: a name ("Pixar", "Marvel"), not a
        theme ("zombies", whose "Rob Zombie" is two of eight)."""
        times, capitalised = self._written_as.get(self._tag_word(normalise(word)), (0, 0))
        return bool(times) and 2 * capitalised >= times

    def _tag_word(self, word: str) -> str:
        """A word as the tags are looked up by; a plural in "es" of a tag word too ("superheroes": superhero)."""
        key = theme_word(word)
        return word[:-2] if key not in self._tagged and word.endswith("es") and word[:-2] in self._tagged else key


def theme_word(word: str) -> str:
    """A word as tags are looked up by: "zombies" and "zombie" alike, "dogs" and "dog"."""
    return word[:-1] if len(word) >= THEME_LETTERS and word.endswith("s") and not word.endswith("ss") else word


def people_by_meaning(names: Sequence[str], embed: Callable[[Sequence[str]], np.ndarray]) -> list[bool]:
    """Whether each name is a person's, by meaning (`PERSON_WORDS` against `OTHER_WORDS`, `PERSON_MARGIN`)."""
    vectors = np.asarray(embed([*PERSON_WORDS, *OTHER_WORDS, *names]))
    people, others = vectors[:len(PERSON_WORDS)], vectors[len(PERSON_WORDS):len(PERSON_WORDS) + len(OTHER_WORDS)]
    named = vectors[len(PERSON_WORDS) + len(OTHER_WORDS):]
    margins = (named @ people.T).max(axis=1) - (named @ others.T).max(axis=1)
    return [bool(margin > PERSON_MARGIN) for margin in margins]


def catalog_mentions(recommender: Recommender) -> CatalogMentions:
    """The catalog's mentions, a catalog view rebuilt only when items change."""
    def people_named(names: Sequence[str]) -> list[bool]:
        try:
            return people_by_meaning(names, recommender.catalog.embed)
        except RecagentError:  # an item index that cannot be opened (damaged): names of one film stay themes
            return [False] * len(names)

    return recommender.catalog.view("catalog_mentions",
                                    lambda catalog: CatalogMentions(catalog.all_items(), people_named))
