"""The grounding check: a reply may name only items that a tool of this session returned.

A chat model can invent titles, or name a real catalog item it never looked up (and so never checked
against the session's constraints). Each sentence of a reply is checked on its own: one that names a
catalog title outside the session's tool results, or something written like a title ("Quoted Name",
Name (1999)) that is not one of them, is dropped. Sentence by sentence, so a streamed reply is checked
as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from recagent.titles import COMMON_WORDS, CatalogTitles, normalise

__all__ = ["Grounding", "split_sentences"]

# A sentence ends at . ! ? and a space, but not after the number of a list line ("1. Alien").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!^\d\.)(?<!^\d\d\.)[ \t]+|\n+", re.MULTILINE)
_TITLE_LIKE = re.compile(
    r"[\"“«]([^\"”»\n]{2,80})[\"”»]"  # "Quoted Name"
    r"|((?:[A-Z0-9][\w'’:&-]*\s+){0,7}[A-Z0-9][\w'’:&-]*)\s*\((?:19|20)\d\d\)"  # Name (1999)
)
_ITEM_ID = re.compile(r"\[id ([^\]]+)\]")


def split_sentences(text: str) -> Iterator[tuple[str, str]]:
    """(sentence, the whitespace after it) pairs; joining them gives the text back."""
    position = 0
    for match in _SENTENCE_END.finditer(text):
        yield text[position:match.start()], match.group(0)
        position = match.end()
    if position < len(text):
        yield text[position:], ""


@dataclass
class Grounding:
    """Checks sentences against the items the session's tools returned (by id)."""

    titles: CatalogTitles
    allowed: Collection[str]
    reserved: frozenset[str] = frozenset()  # category words, which name no item

    def _allowed_names(self) -> set[str]:
        return {alias for item_id in self.allowed for alias in self.titles.aliases.get(item_id, ())}

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
        allowed_names = self._allowed_names()
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
        return problems

    def check(self, text: str) -> tuple[str, list[str]]:
        """The text without its ungrounded sentences, and what was dropped."""
        kept: list[str] = []
        dropped: list[str] = []
        for sentence, gap in split_sentences(text):
            if sentence.strip() and self.unsupported(sentence):
                dropped.append(sentence.strip())
                continue
            kept.append(sentence + gap)
        return "".join(kept).strip(), dropped
