"""Built-in candidate source by meaning: items that match the request's query, or that are like its recent items.

The item index itself is the catalog's (`workspace.catalog`), a core service: disabling this plugin removes
this source of candidates, while the chat, the HTTP API and the SDK still search the catalog by meaning.

A match by meaning alone favours titles: most items of a catalog like the demo's are their title and categories,
so "heartwarming" finds "I Heart Huckabees" and "a heist that goes wrong" "American Heist". An item whose own
words (categories, tags, description, never its title) hold words of the query gets `vectorsearch_text_bonus`
added to its match for each such word: the evidence of a search by words beside the one by meaning.

A name is not a meaning: "something with Tom Hanks" is closest to Tom and Jerry and Tom Segura's shows, while the
films tagged "Tom Hanks" lie further off. An item holding a tag of two words or more that the query says whole
(`TaggedPhrases`) matches as well as the best match by meaning, however far off it lies, and the whole tag counts
twice as evidence.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING

import snowballstemmer

from recagent.errors import IndexDamagedError, IndexNotBuiltError, RecagentWarning
from recagent.filters import compile_filters
from recagent.host import hookimpl
from recagent.settings import Setting
from recagent.titles import COMMON_WORDS, HOLIDAYS, normalise, starts_sentence
from recagent.types import ScoredItem

if TYPE_CHECKING:
    from recagent.catalog import Catalog
    from recagent.types import Item, RecommendRequest
    from recagent.workspace import Workspace


_WORD = re.compile(r"[a-z0-9]+")
TEXT_BONUS = Setting(
    "vectorsearch_text_bonus", float, 0.05,
    "With a query, what an item gains on its match by meaning for each word of the query its categories, tags or "
    "description (not its title) hold: asked for \"a heist that goes wrong\", Ocean's Eleven (tagged heist) comes "
    "before American Heist. Chosen on the INSPIRED development dialogues (bench/query_prior.py): the largest value "
    "that keeps the last-message search's Recall@10 and its Recall@5 without the movies the seeker named.")


_ENGLISH = snowballstemmer.stemmer("english")
# Words the stemmer would meet with others of another meaning: anime is a kind of animation, not every animated film,
# and a film about animals is no animated film.
_OWN_STEMS = {"anime": "anime", "animes": "anime", "animal": "animal", "animals": "animal"}


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word's stem, enough to meet "heists" with "heist", "animated" with "animation", "zombies" with "zombie" and
    "animes" with "anime" (a suffix list of its own met "animes" with Animation and never "zombies" with "zombie")."""
    return _OWN_STEMS.get(word) or str(_ENGLISH.stemWord(word))


def _stems(text: str) -> set[str]:
    return {_stem(word) for word in _WORD.findall(text.lower())}


# A theme of one word that the tags hold: the films tagged with it join the search's matches where fewer than
# `THEME_HELD` of its first `THEME_LOOK` hold the word in their own words (most were found by their titles alone), or
# where the tags give it to `THEME_LOOK` films or fewer.
THEME_LOOK = 10
THEME_HELD = 3
# A tag held by more items than this is a theme the search by meaning finds on its own ("great movie").
PHRASE_ITEMS = 100
LONGEST_PHRASE = 5
KIND_ITEMS = 3  # a kind of film a theme's films mostly are is one at least this many of them are


class TaggedPhrases:
    """The catalog's tags of two words or more, each with the items holding it: "Tom Hanks", "time travel"; and those
    of one word that are themes ("dogs").

    A tag is said whole whatever its articles and plurals: "movies based on books" says "based on a book", "serial
    killers" "serial killer" (searched by meaning alone, "what are some good movies based on books?" found Monsters,
    Inc. first). Not by word stems: "animated movies" is no "animal movie"."""

    def __init__(self, items: Iterable[Item]) -> None:
        holders: dict[str, list[str]] = defaultdict(list)
        single: dict[str, list[str]] = defaultdict(list)
        self.phrases: dict[str, str] = {}  # each key, as the first tag of it was written (normalised)
        kinds: set[str] = set()
        kinds_held: dict[str, Counter[str]] = defaultdict(Counter)  # the categories of each tag's items, counted
        people: set[str] = set()
        within: dict[str, list[str]] = defaultdict(list)  # the items holding a word in a tag of several, not a fault
        for item in items:
            kinds.update(_singular(word) for category in item.categories for word in normalise(category).split())
            keys: set[str] = set()
            for tag in item.tags:
                words = normalise(tag).split()
                key = _phrase_key(words)
                if len(words) == 1 and words[0] not in COMMON_WORDS and len(key) > 2:
                    single[key].append(item.id)
                    self.phrases.setdefault(key, words[0])
                    keys.add(key)
                if 2 <= len(words) <= LONGEST_PHRASE and " " in key and not all(word in COMMON_WORDS for word in words):
                    holders[key].append(item.id)
                    self.phrases.setdefault(key, " ".join(words))
                    keys.add(key)
                    if _name(tag):
                        people.add(key)
                    elif not _stems(tag) & _FAULT_STEMS:
                        for word in key.split():
                            within[word].append(item.id)
            for key in keys:
                kinds_held[key].update(set(item.categories))
        self.holders = {key: ids for key, ids in holders.items() if len(ids) <= PHRASE_ITEMS}
        # Tags of one word, of no kind of film, held by a few items: "dogs", "friendship" (see `theme_of`).
        self.themes = {key: ids for key, ids in single.items()
                       if THEME_ITEMS <= len(ids) <= PHRASE_ITEMS and key not in kinds}
        # A theme's films are also those tagged with it among other words: "great dialogue" is a film of dialogue.
        self._within = {key: [item_id for item_id in dict.fromkeys(within[key]) if item_id not in ids]
                        for key, ids in self.themes.items() if key in within}
        # The kinds most films of a theme are of, three at least: 11 of the 13 films tagged heist are crime films (two
        # of the three tagged "awesome" comedies say nothing). Not of a person's films: who is in a film says nothing
        # of its kind.
        self.kinds_of = {key: frozenset(kind for kind, count in kinds_held[key].items()
                                        if 2 * count > len(set(ids)) and count >= KIND_ITEMS)
                         for key, ids in [*self.themes.items(), *self.holders.items()] if key not in people}

    def theme_of(self, text: str, words_for_films: ThemeWords | None = None) -> dict[str, list[str]]:
        """The tag of one word that is the text's only word of content ("a dog movie": dogs), with its items (by the
        tag as written); empty when there is none. With the catalog's `words_for_films`, a subject of films the rest
        of the text only describes is one too: "a funny dog movie" asks for the films tagged dogs that are funny."""
        words = [word for word in normalise(text).split()
                 if word not in COMMON_WORDS and word not in _ARTICLES and word not in _HOW_MUCH]
        key = _singular(words[0]) if len(words) == 1 else None
        if words_for_films is not None and len(words) > 1:
            subjects = [word for word in words if _singular(word) in self.themes and words_for_films.subject(word)]
            if len(subjects) == 1 and all(words_for_films.describes(word) for word in words if word != subjects[0]):
                key = _singular(subjects[0])
        return {self.phrases[key]: [*self.themes[key], *self._within.get(key, ())]} if key in self.themes else {}

    def said_in(self, text: str) -> dict[str, list[str]]:
        """The tags the text says whole, as words, with the items holding each (by the tag as written)."""
        return {self.phrases[key]: self.holders[key] for key in self._phrase_keys(text)}

    def _phrase_keys(self, text: str) -> list[str]:
        words = _phrase_key(normalise(text).split()).split()
        return [key for size in range(2, LONGEST_PHRASE + 1) for start in range(len(words) - size + 1)
                if (key := " ".join(words[start:start + size])) in self.holders]

    def kinds_asked(self, text: str) -> frozenset[str]:
        """The kinds of film that most films of the themes the text says are of: crime films for "a heist movie from
        before 1980", where the films tagged heist are crime films mostly; none where the text says no theme."""
        words = [_singular(word) for word in normalise(text).split() if word not in COMMON_WORDS]
        keys = [*(word for word in words if word in self.themes), *self._phrase_keys(text)]
        return frozenset().union(*(self.kinds_of.get(key, frozenset()) for key in keys))


_ARTICLES = frozenset({"a", "an", "the"})
# How much of a theme a film has, and "that's" as normalised: "a movie that's mostly dialogue", "something with lots
# of dialogue" ask for the theme alone (they found Something to Talk About and The Mummy by meaning).
_HOW_MUCH = frozenset({"mostly", "mainly", "largely", "entirely", "lots", "lot", "plenty", "full", "tons", "heavy",
                       "thats"})


def _phrase_key(words: Iterable[str]) -> str:
    """Words as tags are matched by: singular, articles left out."""
    return " ".join(_singular(word) for word in words if word not in _ARTICLES)


def _singular(word: str) -> str:
    """A word without its plural ending, written alike for both forms: "comedies" and "comedy" are "comedy",
    "movies" and "movie" "movy", "witches" "witch", "superheroes" "superhero"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "oes")):  # "superheroes": "superhero"
        return word[:-2]
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:-2] + "y" if word.endswith("ie") else word


def tagged_phrases(catalog: Catalog) -> TaggedPhrases:
    """The catalog's tag phrases, a catalog view rebuilt only when items change."""
    return catalog.view("tagged_phrases", lambda catalog: TaggedPhrases(catalog.all_items()))


_OWNED = re.compile(r"\b(?:my|our)\s+(\w+)")
# Words people tag a film's faults with.
_FAULTS = ("poor", "bad", "terrible", "awful", "weak", "worst", "boring", "overrated", "horrible", "lame", "unfunny",
           "pointless", "mediocre", "disappointing", "lacks", "lacking", "waste", "annoying", "predictable")
_FAULT_STEMS = frozenset(_stem(word) for word in _FAULTS)


QUOTED_TAG_WORDS = 8  # a longer tag is someone's opinion, not a phrase to say back


def _quoted(tag: str) -> str | None:
    """A tag as a reason quotes it: its first sentence, if that is short enough to be a phrase."""
    first = re.split(r"[.!?]", tag, maxsplit=1)[0].strip()
    return first if first and len(first.split()) <= QUOTED_TAG_WORDS else None


def query_evidence(query: str, items: Mapping[str, Item], names: Collection[str] = (),
                   plain: Collection[str] = ()) -> dict[str, tuple[str, int]]:
    """Why each item answers the query, in the item's own words, and how many words of the query they hold: its
    categories, tags and text that the query names ("as you asked: heist, caper"), a whole tag of two words or more
    counting twice; items that share no word are left out.

    `names` are tags the query says whole (normalised): their words count only where an item holds the whole tag, so
    that "something with Will Smith" is no reason for Dogma, tagged Kevin Smith. `plain` are the stems of words the
    catalog also uses outside names (`ThemeWords.plain`): the last word of a name not said whole is no evidence of
    them, as "a good zombie movie" is no request for Rob Zombie's films, nor "a movie about a king" for Stephen
    King's, unless the query writes it as a name ("the Hitchcock movies")."""
    # Everyday words are no evidence: "a good movie" would find every item tagged "good soundtrack"; nor is whose the
    # evening is, nor a liking: "with my wife ... I like sci-fi" made Inception's tag "dead wife" a reason, and Moon's
    # "2001-like".
    unsaid = {*_OWNED.findall(query.lower()), "like", "likes"}
    wanted = {_stem(word) for word in _WORD.findall(query.lower())
              if len(word) > 2 and word not in COMMON_WORDS and word not in unsaid}
    said = f" {normalise(query)} "
    # A name's last word the query writes as a name, not first in a sentence, is the name: "seen all of the Hitchcock
    # movies" asks for the films tagged Alfred Hitchcock (a title, Hitchcock of 2012, holds the word too).
    written = {_stem(found.group(0).lower()) for found in _CAPITALISED.finditer(query)
               if not starts_sentence(query, found.start())}
    # A kind's word counts wherever it is said: "romantic comedies" says the tag "romantic comedy", and Love Actually,
    # a comedy not so tagged, still holds "comedy".
    kinds = set().union(*(_stems(category) for item in items.values() for category in item.categories))
    named_words = set().union(*(_stems(name) for name in names)) - kinds
    name_keys = {_phrase_key(name.split()) for name in names}  # however an item writes it: "romantic comedies"
    evidence = {}
    for item_id, item in items.items():
        # A tag that finds fault ("poor dialogue", "bad acting") answers no request but one for the fault: "movies
        # with a lot of dialogue" showed Avatar "as you asked: poor dialogue".
        keys = {phrase: _phrase_key(normalise(phrase).split()) for phrase in (*item.categories, *item.tags)
                if not (_stems(phrase) & _FAULT_STEMS) - wanted}
        held_by = {phrase: _stems(phrase) & (wanted if key in name_keys
                                             else wanted - named_words - _surname(phrase, plain, written))
                   for phrase, key in keys.items()}
        named = [phrase for phrase, held in held_by.items() if held]
        held = set().union(*held_by.values())
        whole = sum(len(held_by[phrase]) for phrase in named
                    if " " in keys[phrase] and (keys[phrase] in name_keys or f" {normalise(phrase)} " in said))
        if not named and (held := _stems(item.text) & (wanted - named_words)):
            named = ["its story"]
        if named:
            # Each once, however the item writes it: the category "Sci-Fi" and the tag "sci-fi" are one reason.
            # A tag of sentences is quoted by its first: "something to keep the kids busy" showed Meet the Robinsons
            # "as you asked: Something for everyone in this one... saw it without and plan on seeing it with kids!".
            distinct: dict[str, str] = {}
            for phrase in named:
                quoted = phrase if phrase == "its story" or phrase in item.categories else _quoted(phrase)
                if quoted:
                    distinct.setdefault(normalise(quoted), quoted)
            said_of = list(distinct.values())[:3] or ["people's tags"]
            evidence[item_id] = ("as you asked: " + ", ".join(said_of), len(held) + whole)
    return evidence


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _surname(tag: str, plain: Collection[str], written: Collection[str]) -> set[str]:
    """The stem of a name's last word where the catalog uses that word outside names too and the query does not
    write it as a name: "zombie" of Rob Zombie."""
    words = _WORD.findall(tag.lower())
    last = _stem(words[-1]) if words and _name(tag) else None
    return {last} if last in plain and last not in written else set()


def _with_tagged(hits: list[ScoredItem], names: Mapping[str, list[str]], request: RecommendRequest,
                 catalog: Catalog) -> list[ScoredItem]:
    """The hits by meaning, and the items holding a tag the query says whole (`names`: the tags and their items).

    Such an item matches as well as the best hit by meaning: "something with Will Smith" asks for Suicide Squad,
    tagged Will Smith among twenty tags, more than for Good Will Hunting, however far off its tags put it. It keeps
    its place among the candidates (up to half of them); the hits furthest off make room."""
    holders = {item_id for ids in names.values() for item_id in ids}
    if not holders:
        return hits
    best = max((hit.score for hit in hits), default=0.0)
    found = {hit.item_id for hit in hits}
    keep = compile_filters(request.filters)
    missing = [item_id for item_id, item in catalog.items(sorted(holders - found)).items() if keep(item)]
    extra = [ScoredItem(item_id, best) for item_id in missing[:request.candidate_limit // 2]]
    lifted = [ScoredItem(hit.item_id, max(hit.score, best)) if hit.item_id in holders else hit for hit in hits]
    # By score, not place: the items an earlier call added come last, and were cut first ("something with great
    # dialogue" lost Pulp Fiction and The Big Lebowski, tagged so, when the films tagged dialogue joined).
    furthest = sorted(range(len(lifted)), key=lambda place: lifted[place].score)
    cut = set(furthest[:max(0, len(lifted) + len(extra) - request.candidate_limit)])
    return [hit for place, hit in enumerate(lifted) if place not in cut] + extra


THEME_ITEMS = 2  # a word in the tags of this many items or more describes films ("epic", "scary")
_YEAR = re.compile(r"\(\d{4}\)")
_COMMON_STEMS = frozenset(_stem(word) for word in COMMON_WORDS)


def _plural(word: str) -> bool:
    """Whether a word is a plural of what it names: "dinosaurs", "zombies", "comedies" (not "serious", "news")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and _stem(word) == _stem(word[:-1])


def _name(tag: str) -> bool:
    """Whether a tag is a name, every word of it capitalised: "Jeff Bridges", "Coen Brothers" (not "ROBOTS")."""
    words = tag.split()
    return len(words) > 1 and not tag.isupper() and all(word[:1].isupper() for word in words)


# A title that names a kind of film is a pun on a request for it, whatever its words ("Superhero Movie").
_KIND_NOUNS = frozenset({"movie", "movies", "film", "films", "flick", "flicks"})


class ThemeWords:
    """The words (stemmed) the catalog describes films with: its categories' and those of tags of `THEME_ITEMS`
    items or more. A title made only of them ("Scary Movie", "Epic") reads like a request, not like a name."""

    def __init__(self, items: Iterable[Item]) -> None:
        holders: dict[str, set[str]] = defaultdict(set)
        categories: set[str] = set()
        # What films are about, as the tags say it in the plural ("dinosaurs", "zombies"), not how they are ("epic"),
        # nor whom they are by or with: for the tag "Jeff Bridges", "The Bridge" is a pun on "bridges".
        subjects: set[str] = set()
        plain: set[str] = set()  # the words of titles and of tags that are no names
        for item in items:
            categories.update(_stems(" ".join(item.categories)))
            plain.update(_stems(_YEAR.sub(" ", item.title)))
            for tag in item.tags:
                for word in _WORD.findall(tag.lower()):
                    holders[_stem(word)].add(item.id)
                    if _plural(word) and not _name(tag):
                        subjects.add(_stem(word))
                if not _name(tag):
                    plain.update(_stems(tag))
        self.stems = frozenset(categories | {stem for stem, ids in holders.items() if len(ids) >= THEME_ITEMS})
        self.subjects = frozenset(subjects)
        # A name's last word that is one of these may be a word said, not the name ("zombie", "king", "bridges").
        self.plain = frozenset(plain | categories)

    def subject(self, word: str) -> bool:
        """Whether a word is what films are about, as the tags say it in the plural ("dog": dogs)."""
        return _stem(word) in self.subjects

    def describes(self, word: str) -> bool:
        """Whether a word is one the catalog describes films with ("funny", "scary", "comedy")."""
        return _stem(word) in self.stems

    def echoed(self, title: str, asked: set[str]) -> bool:
        """Whether a title is only words of the request that describe films: found by its title, it is a pun. A
        holiday's name is none: "Halloween" is a film of the day (as a pun, only its tagged sequels came). Nor is a
        title of what a film is about ("Dinosaur", "The Good Dinosaur" came last for "a dinosaur movie"), unless
        it names a kind of film ("Superhero Movie")."""
        said = normalise(_YEAR.sub(" ", title)).split()
        words = {_stem(word) for word in said if word not in COMMON_WORDS and not word.isdigit()}
        if not (words and words <= asked and words <= self.stems) or HOLIDAYS & set(said):
            return False
        return not (words <= self.subjects and not _KIND_NOUNS & set(said))


def theme_words(catalog: Catalog) -> ThemeWords:
    """The catalog's words for films, a catalog view rebuilt only when items change."""
    return catalog.view("theme_words", lambda catalog: ThemeWords(catalog.all_items()))


def _without_puns(hits: list[ScoredItem], query: str, items: Mapping[str, Item],
                  evidence: Mapping[str, tuple[str, int]], words: ThemeWords,
                  names: Mapping[str, list[str]]) -> list[ScoredItem]:
    """The hits, those matched by a title that only repeats the request's words for films last: "something epic"
    is closest to Epic Movie and "a scary movie" to Scary Movie by their titles, which say nothing of the films.
    An item whose own words hold the request's words (a tag, a category) keeps its place. So do puns on a name
    the catalog tags films with (`names`): "Jackie Chan" is no reason for Jackie Brown."""
    asked = _stems(query)
    floor = min((hit.score for hit in hits), default=0.0)
    named = [(_stems(phrase), set(holders)) for phrase, holders in names.items()]

    def pun(item_id: str) -> bool:
        if item_id not in items:
            return False
        title = items[item_id].title
        if item_id not in evidence and words.echoed(title, asked):
            return True
        title_words = _stems(_YEAR.sub(" ", title)) - _COMMON_STEMS
        return any(item_id not in holders and title_words & phrase for phrase, holders in named)

    return [ScoredItem(hit.item_id, floor) if pun(hit.item_id) else hit for hit in hits]


def _off_kind(hits: list[ScoredItem], query: str, kinds: frozenset[str], items: Mapping[str, Item],
              evidence: Mapping[str, tuple[str, int]]) -> set[str]:
    """The hits found by meaning alone (no word of theirs holds the request's) that are of none of the `kinds` the
    films of the request's themes mostly are: no answer to it. "a heist movie from before 1980" showed M*A*S*H and The
    Rocky Horror Picture Show after the three films of then tagged heist, where The Italian Job and The Lavender Hill
    Mob, crime films, were found as well (the search's popularity lifted the first two over them)."""
    if not kinds:
        return set()
    asked = _stems(query) - _COMMON_STEMS  # a title the request names is an answer: Jumanji for "I liked Jumanji"
    return {hit.item_id for hit in hits if hit.item_id in items and hit.item_id not in evidence
            and not kinds & set(items[hit.item_id].categories)
            and not asked & _stems(_YEAR.sub(" ", items[hit.item_id].title))}


def query_reasons(query: str, items: Mapping[str, Item]) -> dict[str, str]:
    """Why each item answers the query, in the item's own words (see `query_evidence`)."""
    return {item_id: reason for item_id, (reason, _) in query_evidence(query, items).items()}


@hookimpl
def candidates(request: RecommendRequest, workspace: Workspace) -> list[ScoredItem] | None:
    if not (request.query or request.history):
        return None
    catalog = workspace.catalog
    limit = request.candidate_limit
    # With a query, this source answers the query only, and says so: the ranker puts such matches first
    # and orders them by the user's interests (search, then personalise). Without one, items like the
    # recent ones. The search itself says when there is no index: asking first would read Chroma twice.
    try:
        if request.query:
            phrases = tagged_phrases(catalog)  # the catalog view, read once: each read checks the store's version
            names = phrases.said_in(request.query)
            hits = _with_tagged(catalog.search(request.query, k=limit, filters=request.filters), names, request,
                                catalog)
            found = catalog.items([hit.item_id for hit in hits])
            words = theme_words(catalog)
            evidence = query_evidence(request.query, found, names, words.plain)
            theme = phrases.theme_of(request.query, words)
            # The theme's word, not "funny"'s.
            held = query_evidence(next(iter(theme)), found, (), words.plain) if theme else {}
            few = theme and sum(map(len, theme.values())) <= THEME_LOOK
            if theme and (few or sum(hit.item_id in held for hit in hits[:THEME_LOOK]) < THEME_HELD):
                # "a dog movie" found Wag the Dog, Dog Day Afternoon and War Dogs by their titles, and of the films
                # tagged dogs 101 Dalmatians alone; "something about music" finds musicals, whose words say it. The
                # films of a theme the tags give few are each among them: "what are the pixar movies" found three
                # of the four tagged Pixar, not Up.
                hits = _with_tagged(hits, theme, request, catalog)
                read = {**found, **catalog.items([hit.item_id for hit in hits if hit.item_id not in found])}
                found = {hit.item_id: read[hit.item_id] for hit in hits if hit.item_id in read}  # not those pushed out
                evidence = query_evidence(request.query, found, names, words.plain)
            hits = _without_puns(hits, request.query, found, evidence, words, names)
            kinds = phrases.kinds_asked(request.query)
            off_kind = _off_kind(hits, request.query, kinds, found, evidence)
            bonus = float(workspace.settings.get(TEXT_BONUS.name, TEXT_BONUS.default))
            no_words = ("close to what you asked for", 0)
            # Each word of the query the item's own words hold counts: "action and a bit of romance" is both.
            return [ScoredItem(hit.item_id, hit.score + bonus * held, reason, matches_query=True)
                    if hit.item_id not in off_kind else ScoredItem(hit.item_id, hit.score)
                    for hit in hits for reason, held in [evidence.get(hit.item_id, no_words)]]
        liked = catalog.like_history(request.history, k=limit, filters=request.filters)
    except IndexNotBuiltError:
        if request.query:
            warnings.warn(
                f"the item index is not built, so {request.query!r} is not matched by meaning; "
                "run `recagent index build` once", RecagentWarning, stacklevel=2,
            )
        return None
    except IndexDamagedError as exc:
        if request.query:
            raise  # an answer without the query's matches would pass for one
        # Without a query this is one source among several: the others still answer, and the user is told.
        warnings.warn(f"{exc}; recommending without items like the recent ones", RecagentWarning, stacklevel=2)
        return None
    return [ScoredItem(hit.item_id, hit.score, "like your recent items") for hit in liked]


@hookimpl
def register_settings(register: Callable[[Setting], None]) -> None:
    register(TEXT_BONUS)
