"""Reading a chat message without a language model: intent, titles named, feedback, constraints, query.

Small local chat models cannot be trusted to pick tools or items (see docs/chat.md), so the guided mode
reads the message here, by catalog matching and a few word lists, and lets the pipeline choose the items.
Capable models call the tools themselves; the tools still use `CategoryVocabulary` and `CatalogTitles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recagent.titles import COMMON_WORDS, CatalogTitles, TitleMention, normalise

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["Understanding", "CategoryVocabulary", "category_vocabulary", "understand"]

# Everyday words for catalog categories; only categories the catalog really has are used.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sci-fi": ("sci fi", "scifi", "science fiction"),
    "comedy": ("comedies", "funny", "comic", "hilarious", "humor", "humour"),
    "horror": ("scary", "horrors", "frightening", "creepy", "slasher"),
    "romance": ("romantic", "love story", "love stories", "romances", "romcom", "rom com"),
    "animation": ("animated", "cartoon", "cartoons", "anime"),
    "children": ("kids", "childrens", "for kids", "family friendly"),
    "thriller": ("thrillers", "suspense", "suspenseful"),
    "documentary": ("documentaries", "docs", "true story"),
    "action": ("action packed",),
    "adventure": ("adventures", "adventurous"),
    "drama": ("dramas", "dramatic"),
    "crime": ("gangster", "gangsters", "mafia"),
    "mystery": ("mysteries", "whodunit", "detective story"),
    "fantasy": ("fairy tale", "fairy tales"),
    "musical": ("musicals",),
    "war": ("war movie", "war movies", "wartime"),
    "western": ("westerns", "cowboy", "cowboys"),
    "film-noir": ("noir", "film noir"),
}
NEGATIONS = ("no", "not", "without", "avoid", "except", "never", "hate", "hates", "dislike", "none", "nothing",
             "skip", "exclude", "excluding", "but not", "dont like", "no more", "anything but")
LIKE_CUES = ("liked", "loved", "love", "like", "enjoyed", "enjoy", "adore", "adored", "favorite", "favourite",
             "great", "amazing", "awesome", "fan of", "into")
DISLIKE_CUES = ("hated", "hate", "disliked", "dislike", "didnt like", "did not like", "dont like", "boring",
                "awful", "terrible", "bad", "not a fan", "couldnt stand", "not for me")
SEEN_CUES = ("seen", "watched", "already", "saw")
MORE_LIKE_CUES = ("more like", "similar to", "something like", "anything like", "like it", "same as",
                  "along the lines of")
DETAIL_CUES = ("tell me about", "what is", "whats", "details", "about the movie", "who is in", "plot of", "info on",
               "information about", "describe")
SEARCH_CUES = ("do you have", "have you got", "is there", "find", "search", "look up", "looking for the")
PROFILE_CUES = ("my profile", "what do i like", "my interests", "my taste", "what do you know about me",
                "what i like", "about me")
RECOMMEND_CUES = ("recommend", "suggest", "suggestion", "what should", "something", "anything", "give me", "show me",
                  "want", "looking for", "in the mood", "ideas", "watch", "more", "another", "others", "else")
_CLAUSE_SPLIT = re.compile(r"[.;!?\n]|,\s*(?:but|and then|though)\b|\bbut\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)
_DECADE = re.compile(r"\b(?:the\s+)?(19|20)?(\d0)'?s\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|since|newer than|from after|post)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|older than|pre|prior to)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_RECENT = re.compile(r"\b(recent|new|newer|latest|modern)\b(?!\s+(?:one|ones)\b)", re.IGNORECASE)
_OLD = re.compile(r"\b(old|older|classic|classics|vintage)\b", re.IGNORECASE)


class CategoryVocabulary:
    """The catalog's categories and the words that name each of them."""

    def __init__(self, categories: Iterable[str]) -> None:
        self.names: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for category in categories:
            key = normalise(category)
            if not key:
                continue
            self.names[key] = category
            phrases[key] = category
            phrases.setdefault(key + "s", category)
            for synonym in CATEGORY_SYNONYMS.get(category.lower(), ()):
                phrases.setdefault(normalise(synonym), category)
        # Longest phrases first, so "science fiction" wins over a shorter overlap.
        self.phrases = sorted(phrases.items(), key=lambda pair: -len(pair[0]))
        self.words = frozenset(phrase for phrase, _ in self.phrases if " " not in phrase)

    def resolve(self, name: str) -> str | None:
        """The catalog category a word names ("scifi" -> "Sci-Fi"), or None."""
        return dict(self.phrases).get(normalise(name))

    def find(self, text: str) -> list[tuple[str, int]]:
        """(category, word position) for each category named in normalised text."""
        padded = f" {text} "
        found: list[tuple[str, int]] = []
        taken: list[tuple[int, int]] = []
        for phrase, category in self.phrases:
            for match in re.finditer(rf"(?<= ){re.escape(phrase)}(?= )", padded):
                span = (match.start(), match.end())
                if any(start < span[1] and span[0] < end for start, end in taken):
                    continue
                taken.append(span)
                found.append((category, padded[:match.start()].count(" ") - 1))
        return sorted(found, key=lambda pair: pair[1])


def category_vocabulary(recommender: Recommender) -> CategoryVocabulary:
    """The catalog's categories and their words, a catalog view rebuilt only when items change."""
    return recommender.catalog.view("category_vocabulary", lambda catalog: CategoryVocabulary(catalog.categories()))


@dataclass(frozen=True)
class Understanding:
    """What one message asks for, read by catalog matching: the guided mode turns this into tool calls."""

    intent: str  # recommend | more_like | details | search | profile | feedback | chat
    titles: tuple[TitleMention, ...] = ()
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    query: str | None = None
    unknown_title: str | None = None
    subject: str | None = None  # the item a details or more-like request is about


def _has(text: str, cues: Sequence[str]) -> bool:
    padded = f" {text} "
    return any(f" {cue} " in padded for cue in cues)


def _years(message: str) -> tuple[int | None, int | None]:
    if match := _AFTER.search(message):
        return int(match.group(1)), None
    if match := _BEFORE.search(message):
        return None, int(match.group(1)) - 1
    if match := _DECADE.search(message):
        century = match.group(1) or ("20" if match.group(2) in ("00", "10", "20") else "19")
        start = int(century + match.group(2))
        return start, start + 9
    if _RECENT.search(message):
        return 2010, None
    if _OLD.search(message):
        return None, 1979
    return None, None


def _sentiment(clause: str) -> str | None:
    if _has(clause, DISLIKE_CUES):
        return "dislike"
    if _has(clause, SEEN_CUES) and not _has(clause, LIKE_CUES):
        return "seen"
    if _has(clause, LIKE_CUES) and not _has(clause, MORE_LIKE_CUES):
        return "like"
    return None


def _unknown_title(message: str, mentions: Sequence[TitleMention]) -> str | None:
    """A title the user asked for that the catalog does not have: quoted, or capitalised after "have"/"about"."""
    for mention in mentions:
        # "Star Wars Episode 12": the catalog knows "Star Wars", the user asked for more than that.
        tail = re.match(r"((?:\s+(?:[A-Z][\w']*|\d+|[IVX]+))+)", message[mention.end:])
        if tail and not re.match(r"\s*\(?\d{4}\)?", message[mention.end:]):
            return (mention.text + tail.group(1)).strip()
    known = [(m.start, m.end) for m in mentions]
    candidates = [(m.start(1), m.group(1)) for m in re.finditer(r"[\"“«]([^\"”»]{2,80})[\"”»]", message)]
    pattern = r"\b(?:have|got|about|find|watch|like)\s+((?:[A-Z0-9][\w':-]*\s?){1,8})"
    candidates += [(m.start(1), m.group(1).strip()) for m in re.finditer(pattern, message)]
    for start, text in candidates:
        if any(k_start <= start < k_end for k_start, k_end in known):
            continue
        if all(normalise(word) in COMMON_WORDS for word in text.split()):
            continue
        return text.strip(" ?!.,")
    return None


def _query(text: str, mentions: Sequence[TitleMention], vocabulary: CategoryVocabulary, message: str) -> str | None:
    """The message's remaining content words, for a text search ("space adventure with aliens")."""
    for mention in sorted(mentions, key=lambda m: -m.start):
        message = message[:mention.start] + " " + message[mention.end:]
    text = f" {normalise(message)} "
    for phrase, _ in vocabulary.phrases:
        text = text.replace(f" {phrase} ", " ")
    words = text.split()
    cue_words = {word for phrase in (*NEGATIONS, *LIKE_CUES, *DISLIKE_CUES, *SEEN_CUES, *MORE_LIKE_CUES,
                                     *DETAIL_CUES, *SEARCH_CUES, *RECOMMEND_CUES, *PROFILE_CUES)
                 for word in phrase.split()}
    stop = COMMON_WORDS | cue_words | {"im", "ive", "id", "ill", "youre", "dont", "didnt", "its", "please",
                                       "thanks", "maybe", "kind",
                                       "sort", "type", "genre", "year", "years", "old", "new", "recent", "older",
                                       "newer", "classic", "classics", "after", "before", "since", "hi", "hello",
                                       "hey", "big", "huge", "favourites", "favorites", "similar", "good", "nice",
                                       "best", "top", "lot", "lots", "ones", "stuff", "things", "tonight"}
    content = [word for word in words if word not in stop and not re.fullmatch(r"\d+s?", word)]
    return " ".join(content) if content else None


def understand(message: str, titles: CatalogTitles, vocabulary: CategoryVocabulary) -> Understanding:
    """Read a message: which items it names and how the user feels about them, categories, years, intent."""
    mentions = titles.find(message, reserved=vocabulary.words)
    text = normalise(message)
    likes: list[str] = []
    dislikes: list[str] = []
    seen: list[str] = []
    # Titles are masked before splitting into clauses: "Airplane!" or "Dr. Horrible" end no sentence.
    masked = message
    for mention in mentions:
        end = mention.end + (message[mention.end:mention.end + 1] in ("!", "?"))  # "Airplane!"
        masked = masked[:mention.start] + "_" * (end - mention.start) + masked[end:]
    boundaries = _CLAUSE_SPLIT.sub(lambda match: "." * len(match.group(0)), masked)  # offsets kept
    for match in re.finditer(r"[^.;!?\n]+", boundaries):
        start, end = match.span()
        clause = message[start:end]
        in_clause = [m for m in mentions if start <= m.start < end]
        feeling = _sentiment(normalise(clause))
        target = {"like": likes, "dislike": dislikes, "seen": seen}.get(feeling or "")
        if target is not None:
            target.extend(m.item_id for m in in_clause)

    categories: list[str] = []
    excluded: list[str] = []
    untitled = message
    for mention in sorted(mentions, key=lambda m: -m.start):  # "Star Wars" does not ask for War films
        untitled = untitled[:mention.start] + " " + untitled[mention.end:]
    words = normalise(untitled).split()
    for category, position in vocabulary.find(" ".join(words)):
        before = " ".join(words[max(0, position - 4):position])
        negated = _has(before, NEGATIONS)
        (excluded if negated else categories).append(category)

    query = _query(text, mentions, vocabulary, message)
    year_from, year_to = _years(message)
    unknown = _unknown_title(message, mentions)
    subject = next((m.item_id for m in mentions if m.item_id not in dislikes), None)
    if _has(text, PROFILE_CUES):
        intent = "profile"
    elif _has(text, MORE_LIKE_CUES) and mentions:
        intent = "more_like"
    elif _has(text, DETAIL_CUES) and mentions and not _has(text, RECOMMEND_CUES[:2]):
        intent = "details"
    elif _has(text, SEARCH_CUES) and (mentions or unknown):
        intent = "search"
    elif _has(text, RECOMMEND_CUES) or categories or excluded or year_from or year_to:
        intent = "recommend"
    elif likes or dislikes or seen:
        intent = "feedback"
    elif unknown:
        intent = "search"
    elif mentions:
        intent = "details"
    else:
        intent = "recommend" if query else "chat"
    return Understanding(
        intent=intent,
        titles=tuple(mentions),
        likes=tuple(dict.fromkeys(likes)),
        dislikes=tuple(dict.fromkeys(dislikes)),
        seen=tuple(dict.fromkeys(item for item in seen if item not in likes)),
        categories=tuple(dict.fromkeys(c for c in categories if c not in excluded)),
        exclude_categories=tuple(dict.fromkeys(excluded)),
        year_from=year_from,
        year_to=year_to,
        query=query,
        unknown_title=unknown if not mentions or intent == "search" else None,
        subject=subject,
    )
