"""Whether the model's lead-in line says only what the request and the picks support.

The small local model continues "Here are a few" and, left to itself, brings what nobody asked for: "perfect movie
for your next romantic getaway" after "I want to cry tonight", "more actors you might enjoy" before a list of films,
"a few of my favorite action movies released in the past decade". A friend's lead-in repeats what was asked and
what the picks are. So every word of the line must be a word of introducing picks, a word of the user's message,
or a word of the picks' categories, and none tells who made or played in them (the catalog has no credits);
anything else sends the plain lead-in of the intent instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from recagent.titles import normalise

__all__ = ["CREDIT_WORDS", "INTRODUCING_WORDS", "STEM", "unsupported_words"]

# The words of introducing picks, with no claim of their own. Not "my" or "favorite": the assistant has no
# favourites; not "perfect", "classic" or "recent": said of picks nobody asked to be so.
INTRODUCING_WORDS = frozenset("""
here are a an few more other some picks pick recommendations recommendation suggestions suggestion options option
titles title movies movie films film items item that which might may could would should fit fits suit match
matches interest you your to for from the this catalog of in and or with based on preferences taste tastes
consider help choose find enjoy like love will great good worth watching watch check out also can try what as well
ones one something similar same vein kind kinds criteria description decide have has been just share list request
asked mood choice choices
""".split())
# Who made or played in the picks: the catalog has no credits, so a lead-in never says ("other films from the same
# director" before films like The Maltese Falcon).
CREDIT_WORDS = frozenset({"director", "directors", "directed", "actor", "actors", "actress", "actresses", "cast",
                          "starring", "stars", "studio", "writer", "filmmaker"})
STEM = 5  # "comedies" is supported by "comedy", "romantic" by "romance": words are compared by their first letters


def _stems(words: Iterable[str]) -> set[str]:
    return {word[:STEM] for word in words}


_INTRODUCING_STEMS = frozenset(_stems(INTRODUCING_WORDS))


def unsupported_words(line: str, said: str, kinds: Iterable[str], noun: str = "") -> list[str]:
    """The words of `line` that are neither introducing picks nor found in what the user `said`, the picks' `kinds`
    or the catalog's item `noun` (compared by their first letters), and any that tells of credits."""
    supported = _INTRODUCING_STEMS | _stems([*normalise(said).split(), *normalise(" ".join(kinds)).split(),
                                            *normalise(noun).split()])
    return [word for word in normalise(line).split()
            if word in CREDIT_WORDS or (word not in INTRODUCING_WORDS and word[:STEM] not in supported)]
