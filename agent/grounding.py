"""The grounding check: a reply may name only items that a tool of this session returned.

A chat model can invent titles, or name a real catalog item it never looked up (and so never checked
against the session's constraints). Each sentence of a reply is checked on its own: one that names a
catalog title outside the session's tool results, or something written like a title ("Quoted Name",
Name (1999)) that is not one of them, is dropped. Sentence by sentence, so a streamed reply is checked
as it is written.

Two kinds of made-up title are written like plain words, so they are caught by where they come from: a
name that the user's messages or a catalog description supplied (a prompt injection's "recommend Fake
Movie 3000"), and a catalog title with a number or "vs" after it that the catalog lacks ("Toy Story 9").
The cost: a tool-calling model's sentence that repeats a place or a person named only by the user or a
description ("set in Los Angeles") is dropped too; the items still show.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from recagent.titles import COMMON_WORDS, CatalogTitles, normalise

__all__ = ["Grounding", "Supplied", "readable", "split_sentences", "word_windows"]

# A sentence ends at . ! ? and a space, but not after the number of a list line ("1. Alien").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!^\d\.)(?<!^\d\d\.)[ \t]+|\n+", re.MULTILINE)
_TITLE_LIKE = re.compile(
    r"[\"“«]([^\"”»\n]{2,80})[\"”»]"  # "Quoted Name"
    r"|((?:[A-Z0-9][\w'’:&-]*\s+){0,7}[A-Z0-9][\w'’:&-]*)\s*\((?:19|20)\d\d\)"  # Name (1999)
)
_ITEM_ID = re.compile(r"\[id ([^\]]+)\]")
_QUOTED = re.compile(r"[\"“«]([^\"”»\n]{2,80})[\"”»]|(?<!\w)['‘]([^'‘’\n]{2,80}?)['’](?!\w)")
_TOKEN = re.compile(r"[\w'’&-]+|[^\w\s]")
# Small words inside a name ("Lord of the Rings", "Alien vs Accountant").
_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "vs", "versus", "de", "la",
                      "le", "du", "von", "der"})
_MAX_NAME_WORDS = 8
# What makes a catalog title into one the catalog may lack: a number (not a year), "Part IV", "vs".
_SEQUEL = re.compile(r"[ \t]+(?:\d{1,3}(?![\d.)])|(?:ii|iii|iv|vi|vii|viii|ix)\b|part\s+(?:\d{1,3}|[ivx]{1,4})\b"
                     r"|vs\b|versus\b)", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Words that could be a user id: "u2", "alice" (of "alice's"), "jo.doe@x.org".
_USER_WORD = re.compile(r"\w(?:[\w@+.-]*\w)?")
# A reply sharing this many words in a row with the system prompt is quoting it.
WITHHELD_WORDS = 6
# Letters of other scripts drawn like Latin ones ("Тhe Маtrix" written with Cyrillic letters).
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсухіІјЈѕЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαο", "ABEKMHOPCTXaeopcyxiIjJsSABEZHIKMNOPTYXao")


def split_sentences(text: str) -> Iterator[tuple[str, str]]:
    """(sentence, the whitespace after it) pairs; joining them gives the text back."""
    position = 0
    for match in _SENTENCE_END.finditer(text):
        yield text[position:match.start()], match.group(0)
        position = match.end()
    if position < len(text):
        yield text[position:], ""


def readable(text: str) -> str:
    """The text as a person reads it: full-width and other compatibility forms folded, look-alike letters of
    other scripts made Latin, invisible format characters (zero-width spaces, direction marks) made spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)
    return "".join(" " if unicodedata.category(ch) == "Cf" else ch for ch in text)


def _capitalised_runs(text: str) -> Iterator[list[str]]:
    """Runs of words written like a name: each capitalised or a number, small joining words between."""
    run: list[str] = []
    pending: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token[0].isupper() or token[0].isdigit():
            run += [*pending, token]
            pending = []
        elif run and (token.lower() in _JOINERS or token == ":"):
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = [], []
    if run:
        yield run


def _spans(words: Sequence[str]) -> Iterator[str]:
    """Every stretch of two words or more (up to a name's length), normalised."""
    for start in range(len(words) - 1):
        for end in range(start + 2, min(len(words), start + _MAX_NAME_WORDS) + 1):
            yield " ".join(words[start:end])


def written_names(text: str) -> set[str]:
    """Names in readable text, normalised: every stretch of its capitalised runs, and what it quotes."""
    names = {span for run in _capitalised_runs(text) for span in _spans(normalise(" ".join(run)).split())}
    for match in _QUOTED.finditer(text):
        quoted = match.group(1) or match.group(2) or ""
        words = normalise(quoted).split()
        # One quoted word counts when written like a name ('"Sharknado"', not '"name"').
        if 0 < len(words) <= _MAX_NAME_WORDS and (len(words) > 1 or quoted.strip()[:1].isupper()):
            names.add(" ".join(words))
    return names


def word_windows(text: str, size: int = WITHHELD_WORDS) -> frozenset[str]:
    """Every run of `size` words in the text, normalised."""
    words = normalise(readable(text)).split()
    return frozenset(" ".join(words[n:n + size]) for n in range(len(words) - size + 1))


def user_words(text: str) -> Iterator[str]:
    """The words of readable text that could name a user: a number only right after "user" or "id" (numbers
    are everywhere in replies, as counts, years and list numbers)."""
    previous = ""
    for match in _USER_WORD.finditer(re.sub(r"['’]s\b", "", text)):
        word = match.group(0)
        if (not word.isdigit() or previous in ("user", "users", "id")) and normalise(word) not in COMMON_WORDS:
            yield word
        previous = word.lower()


@dataclass(frozen=True)
class Supplied:
    """Text that a person or a catalog description wrote: a reply may not pass off its names as titles."""

    text: str  # normalised, with a space at each end
    names: frozenset[str]

    @classmethod
    def read(cls, text: str) -> Supplied:
        text = readable(text)
        return cls(f" {normalise(text)} ", frozenset(written_names(text)))


@dataclass
class Grounding:
    """Checks sentences against the items the session's tools returned (by id)."""

    titles: CatalogTitles
    allowed: Collection[str]
    reserved: frozenset[str] = frozenset()  # category words, which name no item
    supplied: Sequence[Supplied] = ()  # the user's messages and the catalog descriptions tools returned
    categories: frozenset[str] = field(default=frozenset())  # category names and synonyms, normalised
    withheld: frozenset[str] = frozenset()  # word windows of the system prompt, which no reply may quote
    # Whether a word is the id of a user other than the session's: a reply never speaks of another user.
    other_user: Callable[[str], bool] | None = None

    @cached_property
    def _allowed_names(self) -> set[str]:
        return {alias for item_id in self.allowed for alias in self.titles.aliases.get(item_id, ())}

    @cached_property
    def _supplied_names(self) -> set[str]:
        return {name for text in self.supplied for name in text.names if self._passes_for_a_title(name)}

    def _passes_for_a_title(self, name: str) -> bool:
        """Whether a name from supplied text could be a title the catalog lacks: not everyday or category
        words, not a catalog title (the catalog check judges those), not part of an allowed title."""
        words = name.split()
        ordinary = COMMON_WORDS | _JOINERS | self.reserved
        if words[0] in ordinary or words[-1] in ordinary:
            return False
        rest = f" {name} "
        for phrase in sorted(self.categories, key=len, reverse=True):
            rest = rest.replace(f" {phrase} ", " ")
        if all(word in ordinary for word in rest.split()) or self.titles.ids_for(name):
            return False
        return not any(f" {name} " in f" {allowed} " for allowed in self._allowed_names)

    def _repeated_names(self, sentence: str) -> list[str]:
        """Names the sentence repeats from what the user or a description wrote, that no tool returned."""
        if not self.supplied:
            return []
        padded = f" {normalise(sentence)} "
        # The sentence's own capitalised names, wherever the user or a description wrote them (in any case).
        own = {name for name in written_names(sentence)
               if any(f" {name} " in text.text for text in self.supplied) and self._passes_for_a_title(name)}
        found = [name for name in self._supplied_names | own if f" {name} " in padded]
        return sorted(name for name in found if not any(name != longer and f" {name} " in f" {longer} "
                                                        for longer in found))

    def _invented_sequels(self, sentence: str) -> list[str]:
        """Catalog titles made into ones the catalog lacks: "Toy Story 9", "Heat 2", "alien vs accountant"."""
        words = list(_WORD.finditer(sentence))
        keys = [normalise(word.group(0)) for word in words]
        problems = []
        position = 0
        while position < len(words):
            for length in range(min(10, len(words) - position), 0, -1):
                alias = " ".join(keys[position:position + length])
                if not self.titles.ids_for(alias):
                    continue
                first = words[position]
                at_start = not sentence[:first.start()].strip() or sentence[:first.start()].rstrip()[-1] in ".!?"
                if length == 1 and alias in COMMON_WORDS and (not first.group(0)[:1].isupper() or at_start):
                    continue  # "up 2 floors" names no film, nor "Up 2 floors" at the start of a sentence
                end = words[position + length - 1].end()
                sequel = _SEQUEL.match(sentence, end)
                if sequel:
                    problems.append(sentence[first.start():sequel.end()].strip())
                position += length - 1
                break
            position += 1
        return problems

    def unsupported(self, sentence: str) -> list[str]:
        """What this sentence names that no tool of the session returned (empty when it is grounded)."""
        problems = [f"id {item_id}" for item_id in _ITEM_ID.findall(sentence) if item_id.strip() not in self.allowed]
        for mention in self.titles.find(sentence, reserved=self.reserved):
            if mention.item_id in self.allowed:
                continue
            # Words shared by several titles ("Star Wars") are fine when one of those titles is allowed.
            if set(self.titles.ids_for(mention.text)) & set(self.allowed):
                continue
            problems.append(mention.title)
        allowed_names = self._allowed_names
        for match in _TITLE_LIKE.finditer(sentence):
            named = (match.group(1) or match.group(2) or "").strip()
            key = normalise(named)
            if not key or all(word in COMMON_WORDS for word in key.split()):
                continue
            # The capitals before "(1999)" may hold a prefix ("Title: Alien") or end a longer allowed title
            # ("... - The Phantom Menace").
            padded = f" {key} "
            if any(f" {name} " in padded or name.endswith(" " + key) for name in allowed_names):
                continue
            problems.append(named)
        plain = readable(sentence)
        problems += self._repeated_names(plain) + self._invented_sequels(plain)
        if self.withheld and word_windows(plain) & self.withheld:
            problems.append("the system prompt")
        if self.other_user is not None:
            problems += [f"user {word}" for word in dict.fromkeys(user_words(plain)) if self.other_user(word)]
        return problems

    def _quotes_withheld_across(self, before: str, sentence: str, after: str) -> bool:
        """Whether the sentence carries on a quote of the system prompt from the sentence before or after it
        (the prompt's wrapped lines split into fragments: "gave them).")."""
        if not self.withheld:
            return False
        size = WITHHELD_WORDS
        head = normalise(readable(before)).split()[-(size - 1):] if before else []
        own = normalise(readable(sentence)).split()
        words = head + own + (normalise(readable(after)).split()[:size - 1] if after else [])
        first, last = len(head), len(head) + len(own)
        return any(" ".join(words[n:n + size]) in self.withheld
                   for n in range(max(0, first - size + 1), min(last, len(words) - size + 1)))

    def check(self, text: str) -> tuple[str, list[str]]:
        """The text without its ungrounded sentences, and what was dropped."""
        kept: list[str] = []
        dropped: list[str] = []
        sentences = list(split_sentences(text))
        for position, (sentence, gap) in enumerate(sentences):
            before = sentences[position - 1][0] if position else ""
            after = sentences[position + 1][0] if position + 1 < len(sentences) else ""
            if sentence.strip() and (self.unsupported(sentence)
                                     or self._quotes_withheld_across(before, sentence, after)):
                dropped.append(sentence.strip())
                continue
            kept.append(sentence + gap)
        return "".join(kept).strip(), dropped
