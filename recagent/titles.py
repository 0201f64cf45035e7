"""Finding catalog items by the titles people type: "the matrix", "Alien", "Star Wars".

Catalog titles are messy ("Matrix, The (1999)", "Seven (a.k.a. Se7en) (1995)"); people type them loosely.
Each title gets a few normalised aliases; a message is scanned for the longest alias at each word.
Single words that are also everyday words ("Up", "Heat", "It") count only when the user capitalised or
quoted them, so "I want something up to date" does not mention a movie.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recagent.types import Item

__all__ = ["COMMON_WORDS", "HOLIDAYS", "CatalogTitles", "TitleMention", "display_title", "in_another_language",
           "listed", "normalise", "short_title", "singular", "starts_sentence", "title_year", "without_year",
           "year_after"]

_YEAR = re.compile(r"\((\d{4})\)\s*$")
_PARENS = re.compile(r"\([^)]*\)")
_PARENS_TEXT = re.compile(r"\(([^)]*)\)")
_ARTICLE_SUFFIX = re.compile(r"^(?P<body>.*),\s*(?P<article>the|a|an|les|la|le|l'|il|el|die|der|das)$", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_MAX_WORDS = 10
_JOINED_CHARS = 7  # "ironman" of "Iron Man"
_SPELLED_OUT = {"vs": "versus"}
# The slips nearly everyone makes in the words people ask with: "could you reccomend me a movie" asks for one.
_COMMON_SLIPS = {slip + ending: "recommend" + ending for slip in ("reccomend", "recomend", "reccommend")
                 for ending in ("", "s", "ed", "ation", "ations")}
_RESPELLED = {**_SPELLED_OUT, **_COMMON_SLIPS}
# "harry potter and the sorcerers stone"; not "the fox and the hound", whose head is no name.
_SERIES_HEAD = re.compile(r"^((?!(?:the|a|an) )\w+ \w+(?: \w+)?) and the \w")
SHORT_TITLE_SHARE = 0.05  # the best known share of items, whose titles are also said by their first words
# Next to nobody watched an item chosen by fewer people than this share of those who chose the best known one: the
# "Parasite" of a catalog that has only the 1982 film (2 people of 329), likely a namesake of the one meant.
OBSCURE_SHARE = 0.01
SERIES_FILMS = 3  # films of a series asked for without a name ("a trilogy to binge")
SERIES_KNOWN = 0.25  # a series starts with its first film known at least this share as well as its best known
_NO_YEAR = 10_000  # a film of no year comes after those of any year
BETTER_KNOWN = 3  # times the interactions of the film of a series' very title that another film of it must have
_SEQUEL_MARK = re.compile(r"\d{1,2}|[ivx]{1,4}|part")  # "Saw II", "Toy Story 2", "Back to the Future Part II"
# The holidays films are made about, and named after: "Halloween" and "Valentine's Day" are films of the day.
HOLIDAYS = frozenset({"christmas", "xmas", "halloween", "thanksgiving", "valentines", "valentine", "easter",
                      "hanukkah", "holiday", "holidays"})
# Words so common that a title made only of them ("It", "Up", "Go") must be capitalised or quoted to count.
COMMON_WORDS = frozenset("""
a about above after again all also am an and any are as at be because been before being below best between
both but by can could did do does doing down during each few for from further get go good had has have
having he her here hers him his how i if in into is it its just like love me more most my new no nor not now
of off on once only or other our out over own really same she should so some something such than that the
their them then there these they this those through to too under until up very was we were what when where
which while who why will with would you your yours one two movie movies film films show me watch want
something anything else recommend suggest please thanks thank yes ok okay fine great nice cool sure maybe
last night tonight yesterday week way
""".split())


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, words separated by single spaces, common slips respelled."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    # "Schindler's" and "schindlers", "don't" and "dont" are typed alike.
    text = text.replace("'", "").replace("’", "")
    # "Joe vs. the Volcano" is "Joe Versus the Volcano".
    return " ".join(_RESPELLED.get(word, word) for word in _WORD.findall(text.replace("_", " ")))


def singular(word: str) -> str:
    """A word without a short plural's "s" ("dogs": "dog", "aliens": "alien"), or its "es" after a hiss
    ("princesses": "princess", "witches": "witch", "boxes": "box"); "boss" and "bus" as they are."""
    if len(word) >= 5 and word.endswith(("sses", "tches", "shes", "xes")):
        return word[:-2]
    return word[:-1] if len(word) >= 4 and word.endswith("s") and not word.endswith("ss") else word


_PART = re.compile(r"\s+-\s+Part\s+(?:\d+|[IVX]+)$")


def _aliases(title: str) -> set[str]:
    """The ways a person might type this title: with and without year, article moved to the front."""
    bare = _YEAR.sub("", title).strip()
    forms = {bare, _PARENS.sub("", bare).strip()}
    for paren in re.findall(r"\(([^)]*)\)", bare):  # "(a.k.a. Se7en)": the alternative title
        alternative = re.sub(r"^(a\.k\.a\.|aka)\s*", "", paren.strip(), flags=re.IGNORECASE)
        if alternative and alternative != paren.strip():
            forms.add(alternative)
    for form in list(forms):
        match = _ARTICLE_SUFFIX.match(form)
        if match:
            forms.add(f"{match['article']} {match['body']}")
            forms.add(match["body"])
        if ":" in form:  # "Star Wars: Episode IV - A New Hope" is also asked for as "Star Wars"
            head = form.split(":", 1)[0]
            if len(head.split()) >= 2:
                forms.add(head)
    # "Avengers: Infinity War - Part I" is asked for as "Avengers Infinity War" (read as the films Infinity and War).
    forms |= {_PART.sub("", form) for form in forms if _PART.search(form)}
    aliases = {normalise(form) for form in forms}
    # "The Matrix" is also typed "Matrix".
    aliases |= {alias[4:] for alias in aliases if alias.startswith("the ") and len(alias) > 6}
    # A bare number ("1917", or a catalog whose titles are ids) would match every number in a message.
    return {alias for alias in aliases if alias and not alias.replace(" ", "").isdigit()}


# A year said right after a title: "Heat (1995)", "Heat 1995", "Parasite, 1982", "Parasite from 1982".
_YEAR_AFTER = re.compile(r"\s*[(,]?\s*(?:from\s+|in\s+)?\(?((?:19|20)\d\d)\b\)?")


def year_after(message: str, end: int) -> int | None:
    """The year said right after the words ending at `end` (a title's), if any."""
    match = _YEAR_AFTER.match(message, end)
    return int(match.group(1)) if match else None


def title_year(title: str) -> str | None:
    """The year that ends a title, as written: "1997" of "Titanic (1997)"; None where it has none."""
    found = _YEAR.search(title)
    return found.group(1) if found else None


def without_year(title: str) -> str:
    """The title without the year that ends it: "Big Lebowski, The (1998)" -> "Big Lebowski, The "."""
    return _YEAR.sub("", title)


def short_title(title: str) -> str | None:
    """The words a title is said by for short, before its comma or its "or:" ("crouching tiger" of "Crouching Tiger,
    Hidden Dragon", "dr strangelove"); None for a title said whole, or whose first words are everyday words
    ("New York, New York", "Come Back, Little Sheba": every message that says them would name it)."""
    bare = _PARENS.sub("", _YEAR.sub("", title)).strip()
    head = re.split(r",|\s+or:\s", bare, maxsplit=1)[0]
    words = normalise(head).split()
    if head == bare or _ARTICLE_SUFFIX.match(bare) or len(words) < 2 or set(words) & COMMON_WORDS:
        return None
    return " ".join(words)


OPENING_WORDS = 2  # "Eternal Sunshine": the words a long title is said by
LONG_TITLE_WORDS = 4


def opening_words(title: str) -> str | None:
    """The first words a long title is said by for short ("eternal sunshine" of "Eternal Sunshine of the Spotless
    Mind", "four weddings"); None for a short title, one said by the words before its comma or colon, or one whose
    first words are everyday words or letters ("Back to the Future", "E.T. the Extra-Terrestrial")."""
    bare = _PARENS.sub("", _YEAR.sub("", title)).strip()
    words = normalise(bare).split()
    if (re.search(r"[,:]", bare) or _ARTICLE_SUFFIX.match(bare) or len(words) < LONG_TITLE_WORDS
            or set(words[:OPENING_WORDS]) & COMMON_WORDS or min(map(len, words[:OPENING_WORDS])) < 2):
        return None
    return " ".join(words[:OPENING_WORDS])


def display_title(title: str) -> str:
    """ "Matrix, The (1999)" as "The Matrix (1999)"; other titles unchanged."""
    match = re.match(r"^(?P<body>.*?),\s*(?P<article>The|A|An)(?P<rest>\s*\(\d{4}\))?$", title)
    if not match:
        return title
    return f"{match['article']} {match['body']}{match['rest'] or ''}"


def _named_series(titles: dict[str, str], aliases: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    """The series named by what two titles or more begin with before "and the": "harry potter" for "Harry Potter
    and the Sorcerer's Stone" and the rest; "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost
    Ark)" is of "indiana jones" by its alternative title."""
    films: dict[str, list[str]] = {}
    for item_id, title in titles.items():
        forms = [*aliases[item_id], *(normalise(other) for other in _PARENS_TEXT.findall(title))]
        for name in dict.fromkeys(found.group(1) for found in map(_SERIES_HEAD.match, forms) if found):
            films.setdefault(name, []).append(item_id)
    return {name: ids for name, ids in films.items() if len(ids) >= 2}


def _as_said(title: str) -> str:
    """A title as people say it, without year or parentheses: "The Hobbit: An Unexpected Journey" for "Hobbit: An
    Unexpected Journey, The (2012)"."""
    return _PARENS.sub("", _YEAR.sub("", display_title(title))).strip()


def _headed_series(said: dict[str, str]) -> dict[str, list[str]]:
    """The series named by what two titles or more (`said`: each item's title as `_as_said` gives it) say before a
    colon, in two words or more: "lord of the rings" for "Lord of the Rings: The Two Towers" and the rest, "star
    wars" for its episodes ("Batman: ..." is too short to tell a series from a name). A title that goes on from the
    name without a colon is of it too: "Austin Powers in Goldmember" (three of the series were shown in one reply)."""
    films: dict[str, list[str]] = {}
    for item_id, title in said.items():
        if ":" in title:
            head = normalise(title.split(":", 1)[0])
            if len(head.split()) >= 2:  # "the hobbit" and "lord of the rings", never "batman" alone
                films.setdefault(_without_article(head), []).append(item_id)
    series = {name: ids for name, ids in films.items() if len(ids) >= 2}
    longest = max((len(name.split()) for name in series), default=0)
    for item_id, title in said.items():
        words = _without_article(normalise(title)).split()
        # The names the title begins with and goes on from: its first words, looked up (not every name tried).
        for length in range(1, min(longest, len(words) - 1) + 1):
            ids = series.get(" ".join(words[:length]))
            if ids is not None and item_id not in ids:
                ids.append(item_id)
    return series


def _whole_title(said: str) -> set[str]:
    """A title as said whole (by `_as_said`), its article in front or not: "the lord of the rings" and "lord of the
    rings" for "Lord of the Rings, The (1978)"."""
    whole = normalise(said)
    return {whole, _without_article(whole)}


def _spacings(by_alias: dict[str, list[str]]) -> dict[str, list[str]]:
    """The aliases that are one name spaced in more than one way ("old boy", "oldboy"), by that name unspaced."""
    forms: dict[str, list[str]] = {}
    for alias in by_alias:
        forms.setdefault(alias.replace(" ", ""), []).append(alias)
    return {joined: spaced for joined, spaced in forms.items() if len(spaced) > 1}


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", text)


def _numbered_name(title: str) -> tuple[str, bool]:
    """A title up to a sequel's number, and whether it has one: ("saw", True) for "Saw II (2005)". Two films of
    one name and no number are a remake, not a series; "Why Did I Get Married" is no sequel of a film "Why Did"."""
    words = normalise(_YEAR.sub("", display_title(title))).split()
    cut = next((at for at in range(1, len(words)) if _SEQUEL_MARK.fullmatch(words[at])
                and not all(word in COMMON_WORDS for word in words[:at])), len(words))
    return " ".join(words[:cut]), cut < len(words)


def listed(names: Sequence[str], last: str = "and") -> str:
    """"A", "A and B", "A, B and C" (or with `last`: "A or B")."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A catalog item named in a message: which words named it and where they are."""

    item_id: str
    title: str
    start: int
    end: int
    text: str


# Words only English has among the languages of film titles: "Day of the Woman" is an English alias, "Sen to
# Chihiro no kamikakushi" is not ("to" is Japanese too, "a" Italian, "in" German).
_ENGLISH_ONLY = frozenset({"the", "of", "and", "on", "with", "your", "my", "his", "her", "from", "for", "part",
                           "is", "are", "you", "we", "they", "what", "who", "how", "when", "where", "an", "at", "by",
                           "this", "that", "s"})


# The articles other languages' titles end with as MovieLens writes them ("Boot, Das", "Trou, Le").
_ARTICLE_LAST = re.compile(r",\s*(?:das|der|die|le|la|les|l'|el|los|las|il|lo|gli|i|un|une|una)$", re.IGNORECASE)


def in_another_language(title: str) -> bool:
    """Whether a title gives the film's original title in another language, as MovieLens writes films not in
    English: "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", or the original first with its English title
    after: "Boot, Das (Boat, The) (1981)". An alias mostly of the title's own words ("Raiders of the Lost Ark (Indiana
    Jones and the Raiders of the Lost Ark)"), one with English words ("I Spit on Your Grave (Day of the Woman)") and an
    "a.k.a." are no other language, nor is a number ("(500) Days of Summer"), nor a title of another language's words
    with no other ("La Bamba", "Les Misérables", both made in English too)."""
    bare = _YEAR.sub("", title).strip()
    if _PARENS_TEXT.search(bare) and _ARTICLE_LAST.search(_PARENS.sub(" ", bare).strip()):
        return True
    own = set(normalise(_PARENS.sub(" ", bare)).split())
    for said in _PARENS_TEXT.findall(bare):
        words = normalise(said).split()
        if (words and not said.lower().startswith("a.k.a") and 2 * len([w for w in words if w in own]) < len(words)
                and not _ENGLISH_ONLY & set(words) and not all(word.isdigit() for word in words)):
            return True
    return False


class CatalogTitles:
    """Every item's title aliases, for finding items named in free text (most popular item on ties)."""

    def __init__(self, items: Iterable[Item], popularity: dict[str, int] | None = None) -> None:
        popularity = popularity or {}
        self._popularity = popularity
        self.titles: dict[str, str] = {}
        self.categories: dict[str, tuple[str, ...]] = {}
        self.years: dict[str, int | None] = {}
        self.aliases: dict[str, frozenset[str]] = {}
        by_alias: dict[str, list[str]] = {}
        for item in items:
            self.titles[item.id] = item.title
            self.categories[item.id] = item.categories
            year = item.metadata.get("year")
            self.years[item.id] = year if isinstance(year, int) else None
            self.aliases[item.id] = frozenset(_aliases(item.title))
            for alias in self.aliases[item.id]:
                by_alias.setdefault(alias, []).append(item.id)
        # "I loved Crouching Tiger": a well known film is said by the words before its comma; a little known one is not
        # (every message saying "fast food" would name Fast Food, Fast Women).
        known = sorted(popularity.values(), reverse=True)
        self._middle_popularity = known[len(known) // 2] if known else 0
        self._most_popular = known[0] if known else 0
        place = int(len(self.titles) * SHORT_TITLE_SHARE)
        floor = max(1, known[place]) if place < len(known) else 1
        # A long one by its first words, where no other title starts with them ("Harry Potter" is a series).
        openings = Counter(" ".join(normalise(_as_said(title)).split()[:OPENING_WORDS])
                           for title in self.titles.values())
        for item_id, title in self.titles.items():
            short = short_title(title)
            opening = opening_words(title)
            short = short or (opening if opening and openings[opening] == 1 else None)
            if short and short not in by_alias and popularity.get(item_id, 0) >= floor:
                self.aliases[item_id] |= {short}
                by_alias[short] = [item_id]
        # "Harry Potter", "Indiana Jones": a series' name said alone finds its films (unless a film has that title);
        # so does the name its films say before a colon ("the Lord of the Rings movies"), which the 1978 film of
        # that name shares.
        said = {item_id: _as_said(title) for item_id, title in self.titles.items()}
        titled: dict[str, set[str]] = {}  # the films whose whole title an alias is (not a part before a colon)
        for item_id, title in said.items():
            for form in _whole_title(title):
                titled.setdefault(form, set()).add(item_id)
        # The film whose whole title is the name before the colon is of the series: The Purge of The Purge: Anarchy.
        headed = {name: [*sorted(titled.get(name, set()) - set(ids)), *ids]
                  for name, ids in _headed_series(said).items()}
        self._named_series = {**{name: ids for name, ids in _named_series(self.titles, self.aliases).items()
                                 if name not in by_alias}, **headed}
        self._named_series_of: dict[str, list[str]] = {}  # each film's named series, for `series`
        for name, ids in self._named_series.items():
            # "The Lord of the Rings" is Jackson's films too, not the 1978 one alone.
            for alias in (name, f"the {name}"):
                if alias == name or alias in by_alias:
                    by_alias[alias] = list(dict.fromkeys([*by_alias.get(alias, ()), *ids]))
            for item_id in ids:
                self.aliases[item_id] |= {name}
                self._named_series_of.setdefault(item_id, []).append(name)
        # Titles that differ only by their spacing are one name said: "Oldboy" is the remake Oldboy (2013) and
        # Park Chan-wook's Old Boy (2003) alike, so the ties below choose between them.
        for forms in _spacings(by_alias).values():
            shared = list(dict.fromkeys(item_id for form in forms for item_id in by_alias[form]))
            for form in forms:
                by_alias[form] = shared
        # Ties (remakes, shared names) go to the item most people interacted with; a film of the very title said
        # goes before the other films of its series, unless one of them is far better known ("The Purge" is the
        # film of 2013; "The Lord of the Rings" is The Fellowship of the Ring, not the 1978 film).
        def order(alias: str, ids: list[str]) -> list[str]:
            ranked = self.best_known(ids)
            own = next((item_id for item_id in ranked if item_id in titled.get(alias, ())), ranked[0])
            if popularity.get(ranked[0], 0) >= BETTER_KNOWN * max(1, popularity.get(own, 0)):
                return ranked
            return [own, *(item_id for item_id in ranked if item_id != own)]

        self._by_alias = {alias: order(alias, ids) for alias, ids in by_alias.items()}
        self._alias_keys = list(self._by_alias)
        # Each word of a title's aliases, with the aliases holding it: a name said with "movies" is found among the
        # titles holding its first word, not by reading every alias of the catalog for each message.
        self._aliases_with: dict[str, list[str]] = {}
        for alias in self._alias_keys:
            for word in dict.fromkeys(alias.split()):
                self._aliases_with.setdefault(word, []).append(alias)
        self._title_words = frozenset(self._aliases_with)
        # "A clock work orange", "Spiderman": a title typed with its words run together or split apart. Only
        # long ones, so that two everyday words joined ("any more") do not name a film.
        self._by_joined: dict[str, str] = {}
        for alias in self._alias_keys:
            joined = alias.replace(" ", "")
            if " " in alias and len(joined) >= _JOINED_CHARS:
                self._by_joined.setdefault(joined, alias)
        self._numbered_name = {item_id: _numbered_name(title) for item_id, title in self.titles.items()}
        self._numbered_series: dict[str, list[str]] = {}
        for item_id, (name, _) in self._numbered_name.items():
            self._numbered_series.setdefault(name, []).append(item_id)
        # "foreign films": those whose titles give an original title in another language (none in most catalogs).
        self.foreign = frozenset(item_id for item_id, title in self.titles.items() if in_another_language(title))
        # The catalog's "now": "the last two years" of a catalog that ends in 2018 are 2016 to 2018.
        self.newest_year: int | None = max((year for year in self.years.values() if year), default=None)

    def __len__(self) -> int:
        return len(self.titles)

    def ids_for(self, text: str) -> list[str]:
        """Every item whose title is `text` (loosely typed), most popular first."""
        return list(self._by_alias.get(normalise(_YEAR.sub("", text)), ()))

    def sharing(self, text: str) -> list[str]:
        """The items a title without a year leaves open ("Dune": 1984 and 2021), most popular first; one or
        none when the title, or its year, names a single item."""
        return [] if _YEAR.search(text.strip()) else self.ids_for(text)

    def closest(self, text: str, k: int = 10) -> list[str]:
        """Item ids whose titles are closest to `text` as typed (typos and word order forgiven), best first."""
        from rapidfuzz import fuzz, process

        wanted = normalise(_YEAR.sub("", text))
        if not wanted:
            return []
        found = process.extract(wanted, self._alias_keys, scorer=fuzz.WRatio, limit=k * 3, score_cutoff=CLOSE_ENOUGH)
        ids: dict[str, None] = {}
        for alias, _, _ in found:
            ids.update(dict.fromkeys(self._by_alias[alias]))
        return list(ids)[:k]

    def share_a_word(self, text: str) -> bool:
        """Whether some title holds a word of `text` other than the small words of titles ("the", "of", "and"), in
        either number: "21 Bridges" (The Bridge), "Knives Out" (Get Out); not "Hereditary"."""
        words = {form for word in normalise(text).split() if word not in _SMALL for form in (word, singular(word))}
        return any(word in self._title_words or f"{word}s" in self._title_words for word in words)

    def misspelled(self, text: str, similarity: float = 0.0) -> str | None:
        """The item whose title `text` misspells ("Napolean Dynamite", "The Conjouring 2"), if one is close
        enough to be the same title; None otherwise.

        Stricter than `closest`, since a name the catalog lacks must not pass for a film it has: as many words,
        the same numbers ("Toy Story 4" is not Toy Story 2, "Super Troopers 2" not Super Troopers), a long enough
        title, few letters changed (`similarity`, a rapidfuzz ratio, `MISSPELLED_SIMILARITY` unless given), and a
        changed word that no other title spells so."""
        from rapidfuzz import fuzz, process

        wanted = normalise(_YEAR.sub("", text))
        if len(wanted) < MISSPELLED_MIN_CHARS or wanted in self._by_alias:
            return None
        words = wanted.split()
        numbers = [word for word in words if word.isdigit()]
        for alias, _, _ in process.extract(wanted, self._alias_keys, scorer=fuzz.ratio, limit=5,
                                           score_cutoff=similarity or MISSPELLED_SIMILARITY):
            alias_words = alias.split()
            if len(alias_words) != len(words) or [word for word in alias_words if word.isdigit()] != numbers:
                continue
            # A word other titles spell so is no slip ("The Crown" is a show, not The Crow misspelled), but for its
            # plural: "How to Lose a Guys in 10 Days" is a slip.
            changed = [word for word, said in zip(words, alias_words) if singular(word) != singular(said)]
            if not changed or not all(word in self._title_words for word in changed):
                return self._by_alias[alias][0]
        return None

    def series(self, item_id: str) -> list[str]:
        """The other items of the item's series: "Saw" gives Saw II and Saw III, "Saw II" gives Saw and Saw III,
        "Harry Potter and the Chamber of Secrets" the other Harry Potter films; a remake of the same name is no
        part of it."""
        name, numbered = self._numbered_name.get(item_id, ("", False))
        others = [other for other in self._numbered_series.get(name, ())
                  if numbered or self._numbered_name[other][1]]
        others += [other for series in self._named_series_of.get(item_id, ()) for other in self._named_series[series]]
        return [other for other in dict.fromkeys(others) if other != item_id]

    def series_groups(self, item_ids: Sequence[str]) -> list[str]:
        """For each of `item_ids`, one id that stands for its series among them: films linked only through another
        are one series (Halloween II is of Halloween and of its remake of 2007, which `series` keeps apart)."""
        joined = {item_id: item_id for item_id in item_ids}

        def root(item_id: str) -> str:
            while joined[item_id] != item_id:
                item_id = joined[item_id]
            return item_id

        for item_id in item_ids:
            for other in self.series(item_id):
                if other in joined:
                    joined[root(other)] = root(item_id)
        return [root(item_id) for item_id in item_ids]

    @functools.cached_property
    def series_firsts(self) -> dict[str, list[str]]:
        """The first film of each series of `SERIES_FILMS` films or more, with the series' films as they came out:
        what "a good trilogy to binge" asks for (The Fellowship of the Ring, Back to the Future, The Matrix). A
        series is the films `series` gives, and those titled alike (Die Hard: With a Vengeance), of half the kinds
        of its best known at least, no remake; it starts with the first of them known at least a `SERIES_KNOWN`
        share as well as that one: The Terminator, not Terminator 2; The Fellowship of the Ring, not the cartoon of
        1978."""
        return {first: films for first, films in self._series_runs(titled_alike=True).items()
                if len(films) >= SERIES_FILMS}

    @functools.cached_property
    def sequels(self) -> dict[str, str]:
        """Each film that follows the first of its series, with that first film: what "a sequel better than the
        original" compares (Spider-Man 2 with Spider-Man). Only the films `series` gives: titles alike alone make
        pairs of no series ("The Babe" and "Babe", "The Unforgiven" and "Unforgiven")."""
        return {film: first for first, films in self._series_runs(titled_alike=False).items() for film in films[1:]}

    def _series_runs(self, titled_alike: bool) -> dict[str, list[str]]:
        """The first film of each series of two films or more, with its films as they came out (`series_firsts`)."""
        runs: dict[str, list[str]] = {}
        seen: set[str] = set()
        for item_id in self.best_known(self.titles):
            if item_id in seen:
                continue
            group = {item_id, *self.series(item_id)}
            if titled_alike:
                group.update(self.titled_alike(display_title(self.titles[item_id])))
            seen.update(group)
            # A remake is no sequel: of the films of one title (The Three Musketeers of 1973, 1993 and 2011), the
            # best known.
            by_title: dict[str, str] = {}
            for film in self.best_known(group):
                by_title.setdefault(normalise(_YEAR.sub("", display_title(self.titles[film]))), film)
            films = sorted((film for film in by_title.values() if self.kinship(item_id, film) >= 0.5),
                           key=lambda film: (self.years.get(film) or _NO_YEAR, film))
            known = self._popularity.get(item_id, 0) * SERIES_KNOWN
            first = next((film for film in films if self._popularity.get(film, 0) >= known), item_id)
            films = films[films.index(first):] if first in films else [first]
            if len(films) >= 2:
                runs[first] = films
        return runs

    def little_known(self, item_id: str) -> bool:
        """Whether fewer people chose the item than chose most items: "Keanu" (2016), not "Hannibal" (2001)."""
        return self._popularity.get(item_id, 0) < self._middle_popularity

    def obscure(self, item_id: str) -> bool:
        """Whether next to nobody chose the item (`OBSCURE_SHARE` of the best known's people): "Parasite" (1982)."""
        return self._popularity.get(item_id, 0) < OBSCURE_SHARE * self._most_popular

    def best_known(self, item_ids: Iterable[str]) -> list[str]:
        """The items, those most people interacted with first (ties by id)."""
        return sorted(set(item_ids), key=lambda item_id: (-self._popularity.get(item_id, 0), item_id))

    def series_named(self, text: str) -> list[str]:
        """The films of the series `text` names by its name alone ("Harry Potter"), most popular first; [] when
        it names no series."""
        key = _without_article(normalise(_YEAR.sub("", text)))  # "the Lord of the Rings movies"
        return list(self._by_alias.get(key, ())) if key in self._named_series else []

    def titled_alike(self, text: str) -> list[str]:
        """The films whose titles are `text` said whole or go on from it, for a film said with "movies" or "trilogy":
        "the dark knight" gives The Dark Knight and The Dark Knight Rises, "the matrix" its two sequels (most popular
        first); [] for a single word without its article ("Alien Nation" is no Alien film) or one film alone."""
        said = normalise(_YEAR.sub("", text))
        key = _without_article(said)
        # One word only with the article the catalog writes it with: "the matrix" ("Matrix, The"), never "alien".
        if len(key.split()) < 2 and not (said != key and said in self._by_alias):
            return []
        found = {item_id for alias in self._aliases_with.get(next(iter(key.split()), ""), ())
                 if (bare := _without_article(alias)) == key or bare.startswith(key + " ")
                 for item_id in self._by_alias[alias]}
        return self.best_known(found) if len(found) > 1 else []

    def holding(self, text: str) -> list[str]:
        """The films whose titles hold `text` whole, of two words or more: "jurassic park" gives Jurassic Park,
        Jurassic Park III and The Lost World: Jurassic Park (most popular first); [] for one word ("alien" is in
        Alien Nation and Cowboys & Aliens, which are no Alien films)."""
        key = _without_article(normalise(_YEAR.sub("", text)))
        if len(key.split()) < 2:
            return []
        return self.best_known({item_id for alias in self._aliases_with.get(key.split()[0], ())
                                if f" {key} " in f" {alias} " for item_id in self._by_alias[alias]})

    def named_in_titles(self, text: str) -> list[str]:
        """The films a name said with "movies" or "trilogy" stands for where no title is that name: those whose titles
        hold it as words ("bourne": The Bourne Identity, The Bourne Ultimatum...; "dollars": A Fistful of Dollars and
        For a Few Dollars More), begin with it where two do (The Nightmare Before Christmas is no film of "the Before
        trilogy"), and share half their kinds at least with the best known of them (The Rocky Horror Picture Show is
        no Rocky film); most popular first, [] for fewer than two."""
        key = _without_article(normalise(_YEAR.sub("", text)))
        if not key:
            return []
        said = (f"{key} ", f"{key}s ")  # "Aliens" is of "the Alien movies"
        first = key.split()[0]
        aliases = {*self._aliases_with.get(first, ()), *self._aliases_with.get(f"{first}s", ())}
        holding = {item_id for alias in aliases if any(f" {form}" in f" {alias} " for form in said)
                   for item_id in self._by_alias[alias]}

        def opens(item_id: str) -> bool:  # "First Blood (Rambo: First Blood)" by its other title
            forms = [*self.aliases.get(item_id, ()), *map(normalise, _PARENS_TEXT.findall(self.titles[item_id]))]
            return any(f"{_without_article(form)} ".startswith(said) for form in forms)

        opening = {item_id for item_id in holding if opens(item_id)}
        found = self.best_known(opening if len(opening) >= 2 else holding)
        if not found:
            return []
        kin = [item_id for item_id in found if self.kinship(found[0], item_id) >= 0.5]
        return kin if len(kin) >= 2 else []

    def kinship(self, item_id: str, other: str) -> float:
        """The share of the two items' kinds (categories) that both have: 1 for the same kinds, 0 for none shared."""
        own, others = set(self.categories.get(item_id, ())), set(self.categories.get(other, ()))
        return len(own & others) / max(len(own | others), 1)

    def display(self, item_id: str) -> str:
        """A title as people write it: "The Matrix (1999)" for the catalog's "Matrix, The (1999)"."""
        return display_title(self.titles.get(item_id, item_id))

    def lookup(self, text: str, year: int | None = None) -> str | None:
        """The item id whose title is exactly `text` (loosely typed), preferring `year` when given."""
        ids = self._by_alias.get(normalise(_YEAR.sub("", text)))
        if not ids:
            return None
        match = _YEAR.search(text.strip())
        year = year or (int(match.group(1)) if match else None)
        if year is not None:
            dated = [item_id for item_id in ids if self.years.get(item_id) == year]
            if dated:
                return dated[0]
        return ids[0]

    def find(self, message: str, reserved: frozenset[str] = frozenset()) -> list[TitleMention]:
        """Catalog titles named in a message, longest first at each position, not overlapping.

        `reserved` words (category names) never count as a one-word title unless quoted.
        """
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(message)]
        normalised = [normalise(word) for _, _, word in words]
        quoted = _quoted_spans(message)
        mentions: list[TitleMention] = []
        position = 0
        while position < len(words):
            found = None
            for length in range(min(_MAX_WORDS, len(words) - position), 0, -1):
                alias = " ".join(normalised[position:position + length])
                alias = alias if alias in self._by_alias else self._by_joined.get(alias.replace(" ", ""), alias)
                ids = self._by_alias.get(alias)
                if not ids:
                    continue
                start, end = words[position][0], words[position + length - 1][1]
                item_id = self.lookup(alias, year_after(message, end))
                # Little known in lower case only where said of, or listed after a title: "Alien and the matrix".
                listed = bool(mentions) and _only_lists(message[mentions[-1].end:start])
                known = listed or not self.little_known(item_id)
                if not self._plausible(message, words, position, length, start, end, quoted, reserved, known):
                    continue
                if self._overlapped(normalised, position, length):
                    break  # "the Toy Story movies": Toy Story, not the film "The Toy" the words start with
                found = TitleMention(item_id, self.titles[item_id], start, end, message[start:end])
                position += length
                break
            if found is None:
                position += 1
            else:
                mentions.append(found)
        mentions = [m for m in mentions if not _inside_name(message, words, m, mentions, quoted)]
        return self._list_neighbours(message, words, normalised, mentions, reserved)

    def _overlapped(self, normalised: Sequence[str], position: int, length: int) -> bool:
        """Whether a longer title starts inside these words and goes on past them."""
        for inner in range(position + 1, position + length):
            for size in range(min(_MAX_WORDS, len(normalised) - inner), position + length - inner, -1):
                if " ".join(normalised[inner:inner + size]) in self._by_alias:
                    return True
        return False

    def _list_neighbours(self, message: str, words: Sequence[tuple[int, int, str]], normalised: list[str],
                         mentions: list[TitleMention], reserved: frozenset[str]) -> list[TitleMention]:
        """Lone lower-case titles listed next to a title already found: "memento and Heat", "Alien, up"."""
        taken = {(m.start, m.end) for m in mentions}
        added = []
        for position, (start, end, word) in enumerate(words):
            key = normalised[position]
            if (start, end) in taken or key in reserved or not self._by_alias.get(key):
                continue
            if key in COMMON_WORDS and not self._listed_last(message, end, key):
                continue
            if any(m.start <= start < m.end for m in mentions):
                continue
            for neighbour in mentions:
                gap = message[end:neighbour.start] if neighbour.start >= end else message[neighbour.end:start]
                if _only_lists(gap):  # "memento and Heat", "Alien, up"; "I saw Parasite" lists no film "Saw"
                    item_id = self.lookup(key)
                    added.append(TitleMention(item_id, self.titles[item_id], start, end, word))
                    break
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _listed_last(self, message: str, end: int, key: str) -> bool:
        """Whether an everyday word listed next to a title is a well-known film's title that ends its place in the
        list: "I also watched toy story and up" (Up), "frozen, up and coco"; not "Toy Story and more" nor "Heat and
        then Alien", nor a pronoun ("Toy Story and it")."""
        ends = re.match(r"\s*(?:[,.!?;]|(?:and|or)\b|$)", message[end:], re.IGNORECASE)
        return bool(ends) and key not in _OBJECTS and not self.little_known(self.lookup(key))

    def _plausible(self, message: str, words: Sequence[tuple[int, int, str]], position: int, length: int,
                   start: int, end: int, quoted: list[tuple[int, int]], reserved: frozenset[str],
                   known: bool = True) -> bool:
        """Whether these words name a title rather than being everyday words that happen to be one; `known`: whether
        its film is known well enough to be named in lower case unless said of."""
        # Quoted whole: "Saw". A word inside quotes is no title of its own: the "it" of "who-dun-it".
        if any(normalise(message[q_start:q_end]) == normalise(message[start:end]) for q_start, q_end in quoted):
            return True
        span = [word for _, _, word in words[position:position + length]]
        if length > 1 and normalise(span[-1]) in _ARTICLES and not re.match(r"\s*\(?\d{4}\b", message[end:]):
            return False  # "I loved Heat, the best movie ever": Heat, not the catalog's "Heat, The" of 2013
        named = [word for word in span if normalise(word) not in _ARTICLES]
        if len(named) == 1 and normalise(named[0]) in reserved and (length == 1 or not named[0][:1].isupper()):
            return False  # "Comedy", "for the family" ask for a category, not for the film of that name
        everyday = all(normalise(word) in COMMON_WORDS for word in span)
        lowercase = not any(word[:1].isupper() for word in span)
        previous = _word_at(words, position - 1)
        back = position - 1
        while back > position - 4 and _word_at(words, back) in _DEGREE:
            back -= 1
        if lowercase and _word_at(words, back) in _INDEFINITE:
            # "a scary movie", "any superhero movie", "a really scary movie", "a good first date movie": a kind, not
            # "Scary Movie" or "Date Movie"
            return False
        if length == 1 and previous in ("a", "an") and _word_at(words, position + 1) not in _KIND_NOUNS:
            return False  # "nominated for an Oscar": the award, not the film Oscar ("a Rocky movie" is of Rocky)
        if len(named) == 1 and normalise(named[0]) in HOLIDAYS and previous in _DAY_CUES:
            return False  # "what should I watch on Halloween?": the day, not the film of 1978
        if length == 1 and _edition_named(words, position):
            return True
        if (length == 1 and normalise(span[0]) in _EXCLAMATIONS and starts_sentence(message, start)
                and message[end:end + 1] in (".", "!", ",")):
            return False  # "Perfect. I'll check it out": said of what came before, not the film "Perfect"
        following, after = _word_at(words, position + length), _word_at(words, position + length + 1)
        if following == "of" and after != "course" and lowercase:
            return False  # "on the edge of your seat", "the heat of the moment": a phrase goes on, not "The Edge"
        if lowercase and previous in ("about", "with") and _word_at(words, position - 2) in _ABOUT_WHAT:
            return False  # "a movie about cars", "movies with happy endings": what it is about, not the film "Cars"
        if lowercase and length > 1 and _said_to_be_about(words, position):
            return False  # "a movie about friendship between a boy and his dog", not the film "A Boy and His Dog"
        # Said of: right after "liked", "seen", "a fan of"...
        cued = previous in _CUES or " ".join(normalise(w[2]) for w in words[max(0, position - 2):position]) in _CUES
        if previous == "about" and _word_at(words, position - 2) in _PONDERING:
            cued = False  # "a movie that will make me think about life": a topic, not the film Life (1999)
        if lowercase and length > 1 and normalise(span[0]) in _PREPOSITIONS and not cued:
            return False  # "a movie about time travel": what it is about, not the film "About Time"
        if lowercase and not cued and named and all(normalise(word) in _PEOPLE for word in named):
            return False  # "we're having a sleepover, the girls are 12": who watches, not the film "The Girls"
        if lowercase and not cued and previous in _POSSESSIVES:
            return False  # "movie night with my roommates": whose, not the film "Roommates" (noted as liked)
        if lowercase and not cued and not known:
            # "I watched it in real life", "my favorite comedian", "comic book movies": words in lower case, said of
            # no film, name Real Life (1979), Comedian (2002) or Comic Book: The Movie only by chance; people type
            # the films they talk of in lower case where most people know them ("the dark knight").
            return False
        if not everyday:
            if length > 1:
                return True
            if starts_sentence(message, start) and (following in _OBJECTS or (
                    normalise(span[0]).endswith("ing") and following in _PREPOSITIONS)):
                return False  # "Saw it last night", "Waiting on a part two": a verb that starts the sentence
            # A lone rare word: capitalised, long, or said of.
            if not span[0][:1].isupper() and following in _KIND_NOUNS:
                return False  # "I love zombie movies" names a kind of film, not the film "Zombie"
            long_rare = len(span[0]) >= 8 and normalise(span[0]) not in _EVERYDAY_LONG
            return span[0][:1].isupper() or long_rare or cued
        # Everyday words count only when written like a title: capitals, and not just the sentence start.
        capitalised = all(word[:1].isupper() or word.isdigit() for word in span if normalise(word) not in _SMALL)
        sentence_start = starts_sentence(message, start)
        return capitalised and not (sentence_start and length == 1)


CLOSE_ENOUGH = 75  # rapidfuzz WRatio: "inceptoin" scores 89 against "inception", "star wars" 90 against an episode
# rapidfuzz ratio of a title typed with a slip: "napolean dynamite" scores 94 against "napoleon dynamite", "the
# conjouring 2" 97 against "the conjuring 2"; names the catalog lacks stay below ("the irishman": 83 against
# "the freshman", "harrison ford": 80 against "harrisons flowers").
MISSPELLED_SIMILARITY = 90
MISSPELLED_MIN_CHARS = 8
_SMALL = frozenset({"a", "an", "the", "of", "and", "in", "on", "to", "for"})
_ARTICLES = frozenset({"a", "an", "the"})
_PREPOSITIONS = frozenset({"about", "in", "on", "at", "into", "after", "before", "for", "from", "with", "without", "of",
                           "to", "under", "over", "between", "through", "during", "around"})
_CUES = frozenset({"liked", "loved", "like", "love", "enjoyed", "seen", "watched", "hated", "disliked", "about",
                   "than", "adore", "adored", "fan of", "saw", "similar to"})
_KIND_NOUNS = frozenset({"movie", "movies", "film", "films", "flick", "flicks", "ones", "stuff", "genre", "type",
                         "kind", "stories", "story", "shows", "show"})
_ABOUT_WHAT = _KIND_NOUNS | {"something", "anything", "one"}
# Thinking about something names a topic; "about" after them says no film is meant unless its title is written so.
_PONDERING = frozenset({"think", "thinking", "thought", "reflect", "reflecting", "wonder", "wondering", "ponder"})
# Long words of every day: in lower case they name a film only where said of it ("I watched together last night");
# "what should we watch together?" liked the film Together.
_EVERYDAY_LONG = frozenset({"together", "tomorrow", "whatever", "suddenly", "somewhere", "overnight", "everyone",
                            "everything", "sometimes", "meantime", "beautiful", "vacation", "sunshine"})
# Who watches, said in lower case: a title of these words alone ("The Girls", "The Kids") needs capitals or a cue.
_PEOPLE = frozenset({"girls", "boys", "kids", "guys", "children", "ladies", "lads", "twins", "parents", "family",
                     "neighbors", "neighbours", "grandparents", "friends"})
_POSSESSIVES = frozenset({"my", "our", "your", "his", "her", "their"})
_LIST_JOINERS = frozenset({"and", "or", "also"})
_OBJECTS = frozenset({"it", "that", "this", "them", "him", "her", "the", "a", "an", "one", "some"})
_INDEFINITE = frozenset({"a", "an", "any", "some", "another"})
# Words before a holiday said as the day: "on Halloween", "for Christmas", "this Easter".
_DAY_CUES = frozenset({"on", "for", "at", "this", "over", "during", "before", "after", "until", "till", "next"})
# Words between the article and a kind of film: "a really scary movie", "a good scary movie", "a good first date movie".
_DEGREE = frozenset({"really", "very", "truly", "genuinely", "super", "seriously", "properly", "proper", "good",
                     "great", "decent", "solid", "fun", "nice", "real", "legit", "actually", "first"})
_EXCLAMATIONS = frozenset({"perfect", "great", "awesome", "amazing", "excellent", "wonderful", "fantastic", "brilliant",
                           "cool", "nice", "sweet", "beautiful", "incredible", "exactly", "absolutely", "definitely",
                           "sure", "right", "true", "fine", "wow", "yes", "no", "okay", "agreed"})


_ABOUT_REACH = 6  # words back from a title to the "about" of what a film is about


def _only_lists(gap: str) -> bool:
    """Whether the text between two titles only lists them: "Alien and the matrix", "memento, Heat"."""
    return normalise(gap) in _LIST_JOINERS or (not normalise(gap) and gap.strip() == ",")


def _said_to_be_about(words: Sequence[tuple[int, int, str]], position: int) -> bool:
    """Whether the words just before `position` say what a film is about ("a movie about friendship between"), with
    no word of liking or watching after the "about"."""
    for back in range(1, _ABOUT_REACH + 1):
        word = _word_at(words, position - back)
        if word == "about":
            return _word_at(words, position - back - 1) in _ABOUT_WHAT
        if not word or word in _CUES:
            return False
    return False


def _word_at(words: Sequence[tuple[int, int, str]], position: int) -> str:
    """The word at `position`, normalised; "" before the first word or past the last."""
    return normalise(words[position][2]) if 0 <= position < len(words) else ""


def starts_sentence(message: str, start: int) -> bool:
    """Whether the text at `start` begins a sentence: the message's start, or after ".", "!" or "?"."""
    return message[:start].rstrip()[-1:] in {".", "!", "?", ""}


# Capitalised words that often stand next to a title without being part of a name.
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                      "july august september october november december christmas easter halloween".split())


def _inside_name(message: str, words: Sequence[tuple[int, int, str]], mention: TitleMention,
                 mentions: Sequence[TitleMention], quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a title found is only part of a longer name: "Dwayne The Rock Johnson", "Paul Rudd" name actors,
    not the films "The Rock" and "Paul". The title is glued to a capitalised word that is neither an everyday
    word, a day or month, nor another title; quoted titles, titles with a year, and messages written in
    capitals throughout keep their titles."""
    if any(start <= mention.start and mention.end <= end for start, end in quoted):
        return False
    if year_after(message, mention.end) is not None:
        return False
    capitalised = sum(word[:1].isupper() for _, _, word in words)
    if capitalised > 0.9 * len(words):
        return False
    inside = [position for position, (start, end, _) in enumerate(words)
              if mention.start <= start and end <= mention.end]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    neighbours = []
    if first > 0 and message[words[first - 1][1]:mention.start] == " ":
        before = words[first - 1]
        if not starts_sentence(message, before[0]):  # "Watched Heat": a sentence's start, not a name
            neighbours.append(before)
    if last + 1 < len(words) and message[mention.end:words[last + 1][0]] == " ":
        neighbours.append(words[last + 1])
    # Names joined by a small word: "Game of Thrones" is no film "The Game", "Parks and Rec" no "[REC]" (a title of
    # one word: "Amelie and Eternal Sunshine" are two films, whether or not the catalog has the first).
    if last + 2 < len(words) and normalise(words[last + 1][2]) == "of":
        neighbours.append(words[last + 2])
    if (first == last and first > 1 and normalise(words[first - 1][2]) == "and"
            and not starts_sentence(message, words[first - 2][0])):
        neighbours.append(words[first - 2])
    for start, _, word in neighbours:
        key = normalise(word)
        if (word[:1].isupper() and key not in COMMON_WORDS | _CALENDAR | _CUES and key != "i"
                and not any(other.start <= start < other.end for other in mentions if other is not mention)):
            return True
    return False


# "I enjoyed the first frozen", "we saw the original heat": which film of a series, however it is typed.
_EDITIONS = frozenset({"first", "original", "second", "third", "new", "newest", "latest", "old"})
# What usually follows "the first" or "the new" instead of a title: "I liked the first one / time / part".
_NOT_EDITIONS = frozenset({"one", "ones", "time", "times", "thing", "things", "day", "days", "night", "week",
                           "part", "half", "scene", "season", "episode", "few", "two", "three", "year", "version"})


# The form of a film said before its title: "the live action aladdin", "the animated mulan".
_FORMS = ("live action", "animated", "cartoon")


def _edition_named(words: Sequence[tuple[int, int, str]], position: int) -> bool:
    """Whether the word at `position` follows "<liked/seen...> the <first/original...>" (a title of a series) or "the
    live action", "the animated": a title, in another form than the catalog's, perhaps."""
    before = [normalise(word) for _, _, word in words[max(0, position - 3):position]]
    if normalise(words[position][2]) in _NOT_EDITIONS | _KIND_NOUNS:
        return False
    return ((len(before) == 3 and before[0] in _CUES and before[1] == "the" and before[2] in _EDITIONS)
            or any(" ".join(before).endswith(f"the {form}") for form in _FORMS))


# Quotes around a title; an apostrophe inside a word ("I'm", "Schindler's") opens or closes nothing.
_QUOTED = re.compile(r"[\"“«]([^\"”»]{2,80})[\"”»]|(?<!\w)['‘]([^'‘’]{2,80}?)['’](?!\w)")


def _quoted_spans(message: str) -> list[tuple[int, int]]:
    spans = []
    for match in _QUOTED.finditer(message):
        group = 1 if match.group(1) is not None else 2
        spans.append((match.start(group), match.end(group)))
    return spans


