"""Agent middleware: the guided mode for small models, the grounding check on every final reply, and the
isolation of plugins' tools."""

from __future__ import annotations

import dataclasses
import re
import uuid
import warnings
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain.agents.middleware.types import ExtendedModelResponse
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool
from langgraph.types import Command

from recagent.agent.grounding import Grounding, Supplied, word_windows
from recagent.agent.lead_in import INTRODUCING_WORDS, STEM, unsupported_words
from recagent.agent.mentions import catalog_mentions
from recagent.agent.protocol import (
    ARTIFACT_FEEDBACK,
    ARTIFACT_ITEMS,
    ARTIFACT_NOTE,
    ARTIFACT_PRESENT,
    ARTIFACT_TITLE,
    ARTIFACT_TOOL,
    ASSEMBLED_KEY,
    DROPPED_KEY,
    INTENT_KEY,
    ITEMS_KEY,
    PRESENTING_TOOLS,
    STREAM_TEXT_KEY,
    Tools,
)
from recagent.agent.rated import AGE_RATING, rating_words, ratings_text
from recagent.agent.state import ChatState, session_constraints
from recagent.agent.tool_choice import BUILT_IN_TOOLS, ToolChooser
from recagent.agent.tools import (FEEDBACK_WORDS, LENGTH_FIELDS, LOOSE_NOTE, feedback_note, is_checked_reply,
                                   is_follow_up, is_older_era, is_relative_era, length_direction, searched_theme,
                                   shown_by)
from recagent.agent.understanding import (
    AUDIENCE_CATEGORIES,
    COLOUR_YEAR,
    DIRECTION_MEANINGS,
    FEEL_TAGS,
    CategoryVocabulary,
    LIGHTER_KIND,
    OLDER_THAN,
    RECENT_YEARS,
    Understanding,
    asks_which_of_theirs,
    asks_which_was_suggested,
    direction_of,
    direction_said,
    era_of_shown,
    grouped_films,
    is_closing,
    language_named,
    maker_said_of,
    ruled_out_names,
    said_their_taste,
    says_years,
    understand,
    violent_kinds,
)
from recagent.titles import CatalogTitles, display_title, listed, normalise, title_year, year_after
from recagent.types import Item, Rating

if TYPE_CHECKING:
    from recagent.agent.tools import ChatToolbox

__all__ = ["GuidedMode", "GroundedReplies", "PluginToolIsolation", "ToolArguments", "turn_messages", "tool_items",
           "ITEMS_KEY"]

WORDING_PROMPT = "You are a helpful {noun} recommendation assistant."
# The small model continues this start of a line; alone it apologised, or named films it made up.
LEAD_IN = "Here are a few"
# Words a lead-in has no business with: it introduces the picks. A small model echoing an attack wrote
# "Here are a few more picks from the user's profile" (in an anonymous session) or "... from my memory".
OFF_SCRIPT_WORDS = frozenset({"user", "users", "profile", "profiles", "memory", "rule", "rules", "instruction",
                              "instructions", "prompt", "system", "developer", "admin", "administrator", "tool",
                              "tools", "code", "codeblock", "translate", "password", "secret", "ignore",
                              "year"})  # "movies that came out this year" of films years old
_AGAIN_WORDS = frozenset({"more", "other", "another", "additional"})  # a lead-in's words of a list shown before
# The intros of the intents that ask the model for a lead-in start as the lead-in does, so that its start is
# streamed at once, whichever of the two the line becomes.
SIMILAR_LEAD = "If you like it, these are in the same vein:"
CLOSEST_TITLES_INTRO = "The closest titles it has:"
FALLBACK_INTROS = {
    "recommend": "Here are a few picks for you from the catalog:",
    "more_like": "Here are a few titles from the catalog in the same vein:",
    "search": "Here are a few matches from the catalog:",
    "details": "Here are the details from the catalog:",
    "chat": "Tell me a few titles you liked, or what you are in the mood for, and I will find something.",
    "unclear": "Which film do you mean? Tell me its title, and I will look it up.",
    "closing": "Enjoy! Tell me how you like it, or ask me for more whenever you want.",
    "profile": "",
    "choose": "Of those, this is the one I would pick:",
    "which": "",
    "ratings": "",
    "again": "Here they are again:",
    "feedback": "Here are a few picks for you from the catalog:",
}
WHY_INTRO = "Here is what I chose each of them for:"  # "why?" after a list: its reasons, as they were
WHY_ONE_INTRO = "Here is what I chose it for:"  # "why did you pick the second one?"
# One item asked for ("just one please"): "a few" of it reads wrong, and a fixed line needs no model.
ONE_INTRO = "Here is one pick for you from the catalog:"
# "what's the worst sci-fi movie?": said as what it is, never introduced as picks for the user.
WORST_INTRO = "These are the lowest rated by the catalog's people:"
# A message that refines the conversation's theme: "what about ones with Clint Eastwood?", "any with ...", "something
# with ...", "anything starring ..."; not "any movies with Tom Cruise?", a request of its own.
_GOES_ON = re.compile(r"\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:(?:what|how)\s+about\s+(?:ones?|any|those|some)\b|"
                      r"(?:any|some)(?:thing)?\s+(?:ones?\s+)?(?:with|starring)\b|ones?\s+with\b)", re.IGNORECASE)
FAVORITE_NOTE = "I have no favorites of my own; of what you asked, this is what people rate highest in the catalog."
FAVORITES_NOTE = "I have no favorites of my own; of what you asked, these are what people rate highest in the catalog."


def turn_messages(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The messages of the current turn: everything after the last user message."""
    for position in range(len(messages) - 1, -1, -1):
        if isinstance(messages[position], HumanMessage):
            return list(messages[position + 1:])
    return list(messages)


def _searched_in_turn(messages: Sequence[BaseMessage]) -> str | None:
    """The query this turn's `recommend` call searched, if any."""
    return next((str(call["args"]["query"]) for message in turn_messages(messages) if isinstance(message, AIMessage)
                 for call in message.tool_calls if call["name"] == Tools.RECOMMEND and call["args"].get("query")),
                None)


def _people_searched_in_turn(messages: Sequence[BaseMessage]) -> bool:
    """Whether this turn searched the people the tags name on the film spoken of (a `recommend` of a new theme)."""
    return any(call["name"] == Tools.RECOMMEND and call["args"].get("new_theme")
               for message in turn_messages(messages) if isinstance(message, AIMessage) for call in message.tool_calls)


def _named_before(messages: Sequence[BaseMessage], name: str | None) -> bool:
    """Whether the user said the name, or its last word, before the current message."""
    said = [f" {normalise(message.text)} " for message in turn_messages_before(messages)
            if isinstance(message, HumanMessage)]
    key = normalise(name or "")
    return bool(key) and any(f" {key} " in text or f" {key.split()[-1]} " in text for text in said)


def _earlier_replies(messages: Sequence[BaseMessage]) -> Iterator[AIMessage]:
    """The checked replies before the current message (those that record the items they showed), latest first."""
    for message in reversed(turn_messages_before(messages)):
        if is_checked_reply(message):
            yield message


# Replies that answer about the last list ("are any of them funny?", "how are they rated?", "why the second one?") and
# list nothing new, or ask which of its films was meant ("the one from 1994" where none is): the next message still
# speaks of that list.
_ABOUT_THE_LIST = ("which", "ratings", "unclear", "why")


def _last_reply(messages: Sequence[BaseMessage]) -> AIMessage | None:
    """The last checked reply before the current message."""
    return next(_earlier_replies(messages), None)


def _last_list(messages: Sequence[BaseMessage]) -> AIMessage | None:
    """The last reply before the current message that listed items; after an answer about that list ("are any of
    them funny?"), the list itself."""
    return next((reply for reply in _earlier_replies(messages)
                 if reply.additional_kwargs.get(INTENT_KEY) not in _ABOUT_THE_LIST), None)


def last_shown(messages: Sequence[BaseMessage]) -> list[str]:
    """The ids of the items the last list presented, in order, which "the second one" points into."""
    return shown_by(_last_list(messages))


def last_entries(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """The items (id, reasons) the last list presented, as it listed them ("can you resend?" after "are any of them
    funny?" sends the list, not the answer)."""
    reply = _last_list(messages)
    return list(reply.additional_kwargs[ITEMS_KEY]) if reply else []


def choosing_among(messages: Sequence[BaseMessage]) -> list[str]:
    """The list a choice picks from: the last reply's items, or, after a reply that was itself a choice ("which
    is the funniest?", then "and the scariest?") or an answer about the list, the list that reply was about."""
    return shown_by(next((reply for reply in _earlier_replies(messages)
                           if reply.additional_kwargs.get(INTENT_KEY) not in ("choose", *_ABOUT_THE_LIST)), None))


def _takes_what_was_shown(messages: Sequence[BaseMessage]) -> bool:
    """Whether the user's message thanks for or accepts the items the last reply showed, or goes on taking them
    after the reply that said enjoy ("thanks you very much", then "i will check it out")."""
    return ((bool(last_shown(messages)) or last_intent(messages) == "closing")
            and is_closing(last_user_text(messages)))


def last_intent(messages: Sequence[BaseMessage]) -> str | None:
    """What the guided mode read the message of the last reply before the current one as ("details", ...)."""
    reply = _last_reply(messages)
    return reply.additional_kwargs.get(INTENT_KEY) if reply else None


def described_items(messages: Sequence[BaseMessage]) -> set[str]:
    """The ids of the items whose details these messages' tool results gave."""
    return {str(entry["id"]) for message in messages if isinstance(message, ToolMessage)
            and isinstance(message.artifact, dict) and message.artifact.get(ARTIFACT_TOOL) == Tools.DETAILS
            for entry in message.artifact.get(ARTIFACT_ITEMS, ())}


def turn_messages_before(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The messages before the current turn's user message."""
    for position in range(len(messages) - 1, -1, -1):
        if isinstance(messages[position], HumanMessage):
            return list(messages[:position])
    return []


def last_user_text(messages: Sequence[BaseMessage]) -> str:
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return message.text
    return ""


def tool_items(messages: Sequence[BaseMessage], presenting_only: bool = True) -> list[dict[str, Any]]:
    """Items (id, score, reasons) returned by the tools in these messages, first occurrence kept."""
    seen: dict[str, dict[str, Any]] = {}
    for message in messages:
        if not isinstance(message, ToolMessage) or not isinstance(message.artifact, dict):
            continue
        if presenting_only and not presents(message.artifact):
            continue
        for entry in message.artifact.get(ARTIFACT_ITEMS, ()):
            seen.setdefault(str(entry["id"]), entry)
    return list(seen.values())


def presents(artifact: Any) -> bool:
    """Whether a tool result shows items to the user: a built-in that does, or a plugin tool that says so."""
    if not isinstance(artifact, dict):
        return False
    return artifact.get(ARTIFACT_TOOL) in PRESENTING_TOOLS or artifact.get(ARTIFACT_PRESENT) is True


def _rules_out_unmentioned(reading: Understanding, message: str) -> bool:
    """Whether the names nothing in the catalog mentions are ruled out by the message ("no Julia Roberts please"),
    not asked for."""
    return bool(reading.unmentioned) and set(reading.unmentioned) <= set(ruled_out_names(message))


def _follows_items(reading: Understanding, context: bool) -> bool:
    """Whether a message only goes on from the items the conversation's theme is like: it asks for more, other or
    similar ones ("something else", "similar but more recent") or is small talk, and names no theme of its own."""
    # "I've seen all of those" after films like Pulp Fiction: told of the items shown only, more like Pulp Fiction;
    # "I don't like stupid comedy, like Napoleon Dynamite" after films like Dazed and Confused: more like it, not that.
    told_only = reading.intent == "feedback" and not reading.likes
    if ((reading.intent not in ("recommend", "chat") and not told_only) or (reading.intent == "chat" and not context)
            or reading.new_theme):
        return False
    # "I've seen that one already, anything else?": an item only said to be seen or disliked is no new subject.
    told_of = {*reading.seen, *reading.dislikes}
    # ... nor is one left out of what was said of the list ("I've seen all of those except the last one" lost the
    # theme and showed the best known films).
    pointed = {*(mention.item_id for mention in reading.titles), *(() if told_only else reading.references)} - told_of
    return not pointed and (reading.query is None or is_follow_up(reading.query))


SEEN_WORKS = 10  # the items of a body of work seen that the items like it are chosen by
# The asking in front of what a follow-up wants: "what about something with animals?" wants "with animals" (searched
# and said in the reasons whole, it read "like Frozen (2013), what about something with animals").
_ASKING_FOR = re.compile(r"^(?:(?:and|so|ok|okay|well|hmm)\s+)?(?:(?:what|how)\s+about\s+)?"
                         r"(?:(?:something|anything|ones?|any|a\s+movie|a\s+film)\s+)?")


def _asked_part(query: str | None) -> str | None:
    """A follow-up's words without the asking in front: "with animals" of "what about something with animals"."""
    rest = _ASKING_FOR.sub("", query or "").strip()
    return rest or query


def _turns_feel(direction: str | None) -> bool:
    """Whether a direction turns how the films feel or when they are from ("not too dark", "funnier", "older"),
    rather than naming what they are about ("heist ones")."""
    return bool(direction) and (direction in DIRECTION_MEANINGS or is_relative_era(direction) or bool(
        re.match(r"\s*(?:less|more|not|fewer)\b", direction or "", re.IGNORECASE)))


def _years_said(reading: Understanding, message: str) -> dict[str, int]:
    """The years a comparison asks for in numbers ("like Inception but from the 80s", "something older, before 2000",
    which showed Donnie Darko and The Machinist as older than Inception); none when it only moves in time from the
    item ("something more recent": newer than it, not the 2010s that "recent" alone means), nor for words of age
    ("there's an old one and a new one", said of a film, is no request for films before 1980)."""
    if not says_years(message):
        return {}
    years = {"year_from": reading.year_from, "year_to": reading.year_to}
    return {name: year for name, year in years.items() if year is not None}


def _list_options(reading: Understanding) -> dict[str, Any]:
    """The themes ruled out, how many items were asked for, how they are to be rated ("anything less mainstream?")
    and whether in another language, for a call that shows items."""
    return {**({"avoid": list(reading.avoided)} if reading.avoided else {}),
            **({"k": reading.count} if reading.count else {}),
            **({"rated": reading.rated} if reading.rated else {}),
            **({"foreign": True} if reading.foreign else {})}


def _call(name: str, args: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "args": {key: value for key, value in args.items() if value not in (None, [], "")},
            "id": f"guided-{uuid.uuid4().hex[:12]}", "type": "tool_call"}


@dataclass(frozen=True)
class Alike:
    """The films the conversation's last items are like, and how they were asked to differ from them: what a follow-up
    goes on from ("something similar but more recent" after items like Pulp Fiction)."""

    items: tuple[str, ...] = ()
    direction: str | None = None  # what they were asked to differ in ("older")
    theme: str | None = None  # what they were asked to be about ("monster")
    years: tuple[int | None, int | None] = (None, None)  # the years they were asked for

    @classmethod
    def of(cls, state: Mapping[str, Any]) -> Alike:
        """As the session holds it (`session_constraints`)."""
        year_from, year_to = state["alike_years"]
        return cls(tuple(state["alike"]), state["alike_direction"], state["alike_theme"], (year_from, year_to))


class GuidedMode(AgentMiddleware[ChatState]):
    """For models too small to pick tools: the message is read by catalog matching, tools are called for it,
    and the model only writes a sentence around the items the pipeline chose."""

    state_schema = ChatState

    def __init__(self, toolbox: ChatToolbox, tools: Sequence[BaseTool] = (),
                 grounded: GroundedReplies | None = None) -> None:
        super().__init__()
        self.toolbox = toolbox
        self.grounded = grounded  # the check of replies, which the model's lead-in line must pass too
        self.available = {tool.name for tool in tools}
        self.chooser = ToolChooser(toolbox.rec, [tool for tool in tools if tool.name not in BUILT_IN_TOOLS])

    def _understand(self, messages: Sequence[BaseMessage], alike: Sequence[str] = (),
                    suggested: Sequence[str] = ()) -> Understanding:
        """The last message read; `suggested` are the session's items shown, in the order they came, which "what
        was the first one you suggested?" counts over."""
        mentions = catalog_mentions(self.toolbox.rec)
        text = last_user_text(messages)
        over_all = bool(suggested) and asks_which_was_suggested(text)
        return understand(text, self.toolbox.titles, self.toolbox.vocabulary,
                          shown=suggested if over_all else last_shown(messages),
                          focused=not over_all and last_intent(messages) == "details",
                          mentioned=mentions, alike=alike, described=mentions.described,
                          respelled=mentions.respelled, theme_of=mentions.tagged, first_named=mentions.first_named,
                          surnamed=mentions.surnamed)

    def plan(self, reading: Understanding, done: Sequence[ToolMessage], message: str = "",
             context: bool = False, compared: Alike = Alike(), shown: Sequence[str] = (),
             theme_kinds: Sequence[str] = (), topic_person: str | None = None,
             topic: str | None = None) -> list[dict[str, Any]]:
        """The next tool calls for this message: feedback first (so the recommendation sees it), then the action.

        `context` says the session already knows what the user is after (a theme or titles they liked): then
        small talk ("OK, let's hear it") is answered with recommendations, as a friend would. `compared` holds the
        items the conversation's theme is like ("like Pulp Fiction and Fargo") and how they were asked to differ,
        which a follow-up goes on from. `shown` are the items "which of these is the funniest?" chooses among, in
        the order shown; `theme_kinds` the categories the conversation asked for; `topic_person` the person the
        tags name whom the conversation's theme named ("I love Christopher Nolan movies"), whom "him" is;
        `topic` the conversation's theme as said ("any good movies about space exploration?").
        """
        return [call for call in self._plan(reading, done, message, context, compared, shown, theme_kinds,
                                            topic_person, topic)
                if call["name"] in self.available]

    def _plan(self, reading: Understanding, done: Sequence[ToolMessage], message: str, context: bool,
              compared: Alike, shown: Sequence[str], theme_kinds: Sequence[str],
              topic_person: str | None, topic: str | None) -> list[dict[str, Any]]:
        alike, alike_direction = compared.items, compared.direction
        called = {message.name for message in done}
        if not called:
            # Someone else's favorite ("my kids love Harry Potter") is what to go on, not the user's taste.
            liked = [item for item in reading.likes if item not in reading.theirs]
            feedback = [_call(Tools.FEEDBACK, {"item": item, "feedback": kind})
                        for kind, items in (("like", liked), ("dislike", reading.dislikes),
                                            ("seen", reading.seen)) for item in items]
            if feedback:
                return feedback
        if reading.counted_kinds:
            # "2 horror movies and 2 comedies": so many of each in turn, each call leaving out what the last showed
            # (it showed two horror comedies).
            made = sum(message.name == Tools.RECOMMEND for message in done)
            if made == len(reading.counted_kinds):
                return []
            said, part, count = reading.counted_kinds[made]
            return [_call(Tools.RECOMMEND, {
                "query": said, "categories": list(part), "k": count, "audience": list(reading.audience),
                "exclude_categories": list(reading.exclude_categories),
                "year_from": reading.year_from, "year_to": reading.year_to,
                **({"all_categories": True} if len(part) > 1 else {})})]
        if called - {Tools.FEEDBACK}:
            return []
        if reading.intent == "unclear":
            return []
        if reading.intent == "profile":
            return [_call(Tools.PROFILE, {})]
        if reading.intent in ("again", "ratings"):
            return []  # the last list once more, or how its items were rated: composed without a tool
        if reading.intent == "choose" and (reading.among or shown):
            # "which is better, Memento or Inception?": the two named; "which of these is funniest?": those shown.
            return [_call(Tools.CHOOSE, {"items": list(reading.among or shown), "quality": reading.choice})]
        said_of = maker_said_of(message) if topic_person else None
        if topic_person and (not reading.subject and (reading.maker or said_of)
                             or reading.subject in reading.seen and said_of):
            # "anything else by him?" after "I love Christopher Nolan movies": his films not shown yet (its words were
            # searched: Get Him to the Greek). A film said seen is not whose ("something by him I haven't seen? I've
            # seen Inception": Leonardo DiCaprio's, whom Inception's tags name). "Which of his should I watch next?"
            # chooses among them all, the best rated first, those shown too (it showed only films like them).
            which = {"rated": "best"} if asks_which_of_theirs(message) else {"new_theme": True}
            return [_call(Tools.RECOMMEND, {"query": topic_person, **which, **_list_options(reading)})]
        people = self._makers_of(reading.subject, alike) if reading.intent == "more_like" and reading.subject and \
            reading.maker else []
        if people:
            # "anything else from the same director?" of The Shining: the films its tags' names tag (Stanley Kubrick).
            return [_call(Tools.RECOMMEND, {"query": people[0], "new_theme": True, **_list_options(reading)})]
        if reading.intent == "more_like" and reading.subject:
            # "something like Alien and The Thing": like both, not the first alone.
            unwanted = {reading.subject, *reading.dislikes, *reading.seen}
            also = list(dict.fromkeys(item_id for item_id in [*(m.item_id for m in reading.titles),
                                                              *reading.references, *self._series(reading, message)]
                                      if item_id not in unwanted))
            theme = reading.alike_theme
            if (theme is None and reading.references and not reading.direction and reading.query
                    and self.toolbox.moods.read(reading.query) is not None):
                # "something else that will make me cry like that" after Up: films like it of that mood (the mood was
                # lost: Finding Nemo, The Incredibles came).
                theme = reading.query
            return [_call(Tools.MORE_LIKE, {"item": reading.subject, "direction": reading.direction,
                                            "theme": theme, "english": reading.english or None,
                                            "categories": [*reading.categories, *reading.audience], "also": also,
                                            **_years_said(reading, message),
                                            **_list_options(reading)})]
        if reading.intent == "details" and reading.subject:
            # As a friend would: what it is, then a few more in its vein for whoever likes it; asked whether it is
            # of a kind ("is it good for kids?"), a few like it of that kind.
            similar = max(1, self.toolbox.items_per_answer - 1)
            return [_call(Tools.DETAILS, {"item": reading.subject}),
                    _call(Tools.MORE_LIKE, {"item": reading.subject, "k": similar,
                                            "categories": reading.kinds_wanted})]
        if reading.maker and not reading.subject:
            # "any others by the same director?" after a list of five, or none: which film's is not said (searched,
            # its words found Being John Malkovich and The Mask).
            return []
        chosen = self.chooser.choose(message) if message else None
        if chosen is not None:  # a plugin's tool that declared it answers requests like this one
            return [_call(chosen.name, self.chooser.arguments(chosen, message))]
        if reading.intent == "search" and reading.asks_alike and reading.unknown_title and not reading.namesake:
            return []  # "anything like Stranger Things", which the catalog lacks: films named alike are not like it
        if (reading.intent == "search" and reading.unknown_title and not reading.namesake
                and not self.toolbox.titles.share_a_word(reading.unknown_title)):
            # "have you seen Hereditary? was it good?" after horror films: no title holds a word of it, and its
            # closest titles by meaning were films of families (Some Mother's Son, Parenthood), shown in case one was
            # meant. The note says the catalog lacks it; the conversation goes on as after small talk, or nothing is
            # shown.
            if not context:
                return []
            reading = dataclasses.replace(reading, intent="chat", query=None, unknown_title=None)
        if reading.intent == "search":
            # "Frozen 2", which the catalog lacks: its namesake Frozen first, as a friend would offer it.
            query = (reading.namesake or reading.unknown_title
                     or (reading.titles[0].text if reading.titles else reading.query))
            if query:
                return [_call(Tools.SEARCH, {"query": query})]
        asked = reading.says_what
        # "Chris Pratt. I'm not into the actors though, just a good story": the best rated of the theme is asked.
        if reading.unmentioned and not (asked or reading.rated) and reading.intent in ("recommend", "chat"):
            if context and (_GOES_ON.match(message) or _rules_out_unmentioned(reading, message)):
                # "what about ones with Clint Eastwood?" after westerns of the 90s: said plainly, and more of them,
                # where it asked what the user was in the mood for; so for "no Julia Roberts please" after comedies.
                return [_call(Tools.RECOMMEND, {})]
            if reading.likes and not _rules_out_unmentioned(reading, message):
                # "I loved Get Out, anything else by Jordan Peele?": said plainly, and films like the one loved, where
                # it showed nothing.
                return [_call(Tools.MORE_LIKE, {"item": reading.likes[0], "also": list(reading.likes[1:]),
                                                **_list_options(reading)})]
            return []  # "any movies with Tom Cruise?" where nothing mentions him: said plainly, nothing made up
        if (reading.intent in ("feedback", "recommend") and reading.likes and reading.audience
                and not reading.categories and said_their_taste(message)):
            # "my kids are 7 and 10, they love Harry Potter": films like it for them, where it showed the best known
            # children's films (Ice Age, Shrek 2).
            also = [item_id for item_id in [*reading.likes[1:], *self._series(reading, message)]
                    if item_id != reading.likes[0]]
            return [_call(Tools.MORE_LIKE, {"item": reading.likes[0], "also": list(dict.fromkeys(also)),
                                            "categories": list(reading.audience), **_list_options(reading)})]
        examples = [item_id for item_id in reading.likes
                    if set(reading.categories) & set(self.toolbox.titles.categories.get(item_id, ()))]
        if (reading.intent in ("feedback", "recommend") and examples and not reading.audience
                and not reading.all_categories):
            # "I like action movies mostly, stuff like Die Hard": action films like Die Hard, where it showed the best
            # known action films; a title liked of another kind ("I loved Heat. any good comedies?") is no example.
            # What is ruled out holds: "a horror movie that isn't too gory? I liked The Conjuring" showed Scary Movie 4
            # and American Psycho by the user's taste alone.
            turned = re.search(r"\bnot too \w+", reading.query or "")  # "isn't too gory": suspense, searched so
            return [_call(Tools.MORE_LIKE, {"item": examples[0], "also": examples[1:],
                                            "categories": list(reading.categories),
                                            "direction": turned.group(0) if turned and turned.group(0)
                                            in DIRECTION_MEANINGS else None,
                                            "exclude_categories": list(reading.exclude_categories) or None,
                                            "avoid": list(reading.avoided) or None,
                                            **_years_said(reading, message), **_list_options(reading)})]
        # "I've seen all the Harry Potter movies, what should I watch next?": a body of work named as seen is what to go
        # on, as titles liked are (it showed the most popular films); so is one film seen where the session knows
        # nothing else ("I just watched Gladiator, what should I watch next?" showed the most popular films too), and
        # items shown said to be seen go on with what they were like.
        seen_only = [item_id for item_id in reading.seen if item_id not in reading.dislikes]
        gone_on = reading.likes or (seen_only if (len(seen_only) > 1 or not context) and not reading.references else [])
        if reading.intent in ("feedback", "recommend") and gone_on and not asked:
            # "I love Braveheart, and Saving Private Ryan", "I liked Get Out. What else should I watch?": the titles
            # just named, all of them, are what to go on, not the theme of earlier turns nor films of the same year.
            also = [item_id for item_id in [*gone_on[1:], *self._series(reading, message)] if item_id != gone_on[0]]
            # Films said seen during a theme go on with it: "I've seen Interstellar and The Martian" after films
            # about space exploration (films like the two came: The Avengers, Edge of Tomorrow).
            held = self.toolbox.theme_words(searched_theme(topic)) if context and not reading.likes else []
            theme = " ".join(held) or None
            return [_call(Tools.MORE_LIKE, {"item": gone_on[0], "also": list(dict.fromkeys(also)), "theme": theme,
                                            **_list_options(reading)})]
        if reading.seen_themes and not reading.subject:
            # "I've seen all the Tarantino films, what else?": films like them, none of them (the tags say which).
            works = self._works_of(reading.seen_themes)
            if works:
                return [_call(Tools.MORE_LIKE, {"item": works[0], "also": works[1:SEEN_WORKS],
                                                "categories": [*reading.categories, *reading.audience],
                                                **_list_options(reading)})]
        # "more korean movies please" after films like Oldboy asks for films in another language, which only the
        # request's own search answers (films like it, of any language, came under a note that they were Korean).
        if alike and _follows_items(reading, context) and not reading.foreign:
            # "no thanks, something else", "something similar but more recent" after items like Pulp Fiction:
            # more like Pulp Fiction, not the session's older theme or taste.
            # "any other recommendations for an action movie?": the kind is the categories, its words no direction.
            # "not sci-fi though" after "like those but older": older still.
            # "these are too old": newer than it.
            said_way = None if reading.categories else _asked_part(reading.query)
            # "none of these, something with less violence" after "anything similar but newer?" turns as a direction
            # said does: newer still (films from 1968 on came).
            new_direction = (direction_of(message) or era_of_shown(message)
                             or (said_way if said_way and direction_said(said_way) in DIRECTION_MEANINGS else None))
            direction = new_direction or said_way or alike_direction
            # "what about older ones" after "something less dark" of films like The Dark Knight: older and less dark
            # (it showed The Silence of the Lambs and Fight Club); a time and a feel said one after the other add up.
            goes_on = direction == alike_direction or bool(new_direction and alike_direction and (
                is_relative_era(new_direction) != is_relative_era(alike_direction)))
            if goes_on and direction != alike_direction:
                direction = f"{alike_direction} {new_direction}"
            # "not too dark though" after monster films like King Kong: monster films still, lighter (the theme was
            # lost: Big Fish, Mr. & Mrs. Smith); a direction of another theme ("what about heist ones?") replaces it.
            theme = compared.theme if direction == alike_direction or _turns_feel(direction) else None
            # "give me 3 more" after "like the first one but funnier": funnier still, comedies still.
            kinds = [*reading.categories, *reading.audience] or (self._kinds_of(alike_direction) if goes_on else [])
            horror = self.toolbox.vocabulary.resolve("horror")
            carried = bool(direction) and direction == alike_direction and not _turns_feel(direction)
            if horror in reading.softened and not reading.audience and (not direction or carried):
                # "something less scary" after films like Get Out: as "like Get Out but less scary" is answered (its
                # suspense, in thrillers); horror films like it came again, of horror or comedy. A theme it went on
                # with is kept: "something less scary though" after films with a twist ending like The Sixth Sense
                # (Saw, End of Days and Dead End came).
                theme = theme or (direction if carried else None)
                kinds, direction = [], "less scary"
            # "I didn't like the first one" after films like those from the 80s: from the 80s still.
            kept = dict(zip(("year_from", "year_to"), compared.years))
            # Not those of another way in time ("something more recent" after films from the 80s); those said with the
            # same way go on with it ("I didn't like the first one" after "something older, before 2000").
            years = _years_said(reading, message) or {
                name: year for name, year in kept.items()
                if year is not None and (direction == alike_direction or not is_relative_era(direction))}
            # "anything similar but in English?" after films like Amélie: like it, none in another language.
            return [_call(Tools.MORE_LIKE, {"item": alike[0], "also": list(alike[1:]), "direction": direction,
                                            "theme": theme, "english": reading.english or None,
                                            "categories": kinds, **years,
                                            **_list_options(reading)})]
        # "I hate Adam Sandler movies" said first: films without his, the theme remembered for the session, where it
        # asked what the user was in the mood for and forgot it.
        if reading.intent in ("recommend", "feedback", "search") or (reading.intent == "chat" and
                                                                       (context or reading.avoided)):
            year_from, year_to = self._years_from_shown(reading, message, shown)
            excluded = list(reading.exclude_categories)
            categories, all_categories = list(reading.categories), reading.all_categories
            if reading.fright_lessened and shown and not self._any_scary(shown, theme_kinds):
                # "anything less scary?" after children's films about dinosaurs, or adventures: those of the theme
                # without fright (it showed horror comedies: Hocus Pocus, The Mummy, Army of Darkness).
                frights = [self.toolbox.vocabulary.resolve(kind) for kind in ("horror", "thriller", LIGHTER_KIND)]
                categories, all_categories = [kind for kind in categories if kind not in frights], False
                excluded += [kind for kind in frights[:2] if kind and kind not in excluded]
            if reading.violence_down and shown and not reading.categories:
                # "nothing too violent" after thrillers: none of the action or horror films the theme is not of
                # (it showed The Silence of the Lambs and The Matrix); after horror films, horror still.
                excluded += violent_kinds(self.toolbox.vocabulary, [*theme_kinds, *excluded])
            return [_call(Tools.RECOMMEND, {
                "query": reading.query, "categories": categories, "audience": list(reading.audience),
                "exclude_categories": excluded,
                "exclude_together": [list(blend) for blend in reading.exclude_together],
                "year_from": year_from, "year_to": year_to,
                **({"exclude_years": list(reading.years_out)} if reading.years_out else {}),
                **({"all_categories": True} if all_categories else {}),
                **({"max_minutes": reading.max_minutes} if reading.max_minutes else {}),
                **({"new_theme": True} if reading.new_theme else {}),
                **({"series": True} if reading.series else {}),
                **({"sequels": True} if reading.sequels else {}),
                **({"english": True} if reading.english else {}),
                **_list_options(reading),
            })]
        return []

    def _years_from_shown(self, reading: Understanding, message: str,
                          shown: Sequence[str]) -> tuple[int | None, int | None]:
        """The years asked for; "older ones?" after a list is older than all of it, not before 1980 whatever it
        was (after Tom Hanks films of 1995 to 2006 it showed Annie Hall and Casablanca), or than its middle film
        and from before 1980 when the list already reaches back before then (after mysteries back to 1941 it showed
        films of the 1930s that a few people rated); "newer ones?" newer than all of it, or than its middle film
        when the list already reaches recent years: after heist films of 1998 to 2003 and American Heist (2015),
        newer than all of it left only films of 2016 on, none a heist."""
        era = direction_of(message)
        years = sorted(year for year in (self.toolbox.titles.years.get(item_id) for item_id in shown) if year)
        if not years or not is_relative_era(era) or says_years(message):
            return reading.year_from, reading.year_to
        if is_older_era(era):
            return None, (years[0] if years[0] > OLDER_THAN else min(years[len(years) // 2], OLDER_THAN + 1)) - 1
        newest = self.toolbox.titles.newest_year or years[-1]
        return (years[-1] + 1 if years[-1] < newest - RECENT_YEARS else years[len(years) // 2] + 1), None

    def _any_scary(self, shown: Sequence[str], theme_kinds: Sequence[str]) -> bool:
        """Whether the conversation's kinds or the films just shown hold horror, which less fright turns milder."""
        horror = self.toolbox.vocabulary.resolve("horror")
        found = self.toolbox.rec.catalog.items(list(shown))
        return horror in theme_kinds or any(horror in item.categories for item in found.values())

    def _kinds_of(self, direction: str | None) -> list[str]:
        """The kinds a direction asks for more of ("funnier": Comedy); none of one that asks for less."""
        if not direction or re.match(r"\s*(?:less|not|fewer)\b", direction, re.IGNORECASE):
            return []
        return list(dict.fromkeys(category for category, _, _ in self.toolbox.vocabulary.find(normalise(direction))))

    def _people_of(self, item_id: str) -> list[str]:
        """The people the item's tags name ("Stanley Kubrick"), where the catalog says who made or played in it."""
        return catalog_mentions(self.toolbox.rec).people_of(self.toolbox.rec.item(item_id))

    def _makers_of(self, item_id: str, alike: Sequence[str]) -> list[str]:
        """The people the tags name on the item and on the titles the conversation is like, those named on the most
        of them first, then those the tags name most: "any others by the same guy?" after Aliens and Terminator 2 is
        James Cameron, not Sigourney Weaver, whom the tags name on more films."""
        each = [self._people_of(other) for other in dict.fromkeys([item_id, *alike])]
        people = list(dict.fromkeys(person for theirs in each for person in theirs))
        return sorted(people, key=lambda person: -sum(person in theirs for theirs in each))

    def _works_of(self, themes: Sequence[str]) -> list[str]:
        """The best known of the items the catalog's tags give a theme ("marvel", "tarantino")."""
        mentions = catalog_mentions(self.toolbox.rec)
        return self.toolbox.titles.best_known(item_id for theme in themes for item_id in mentions.tagged(theme))

    def _series(self, reading: Understanding, message: str) -> list[str]:
        """The films of each series the message names by its name alone: "like Harry Potter" is like them all,
        and none of them is what it asks for; so is "the Dark Knight trilogy" (`grouped_films`). A series said not
        to be liked or seen ("Not into movies like “The Purge”") is none of what to go on."""
        unwanted = {*reading.dislikes, *reading.seen}
        titles = self.toolbox.titles
        return [item_id for mention in reading.titles if mention.item_id not in unwanted
                for item_id in titles.series_named(mention.text) or grouped_films(message, mention, titles)]

    def _step(self, request: ModelRequest) -> Any:
        """This model call's answer: the next tool calls, or the composition of the reply (a generator)."""
        turn = turn_messages(request.messages)
        done = [message for message in turn if isinstance(message, ToolMessage)]
        state = session_constraints(request.state)
        reading = self._understand(request.messages, state["alike"], state["shown"])
        # "thanks, I'll check it out" after a list takes it: a friend says enjoy, not five more further down.
        closing = reading.intent == "chat" and _takes_what_was_shown(request.messages)
        # A theme of kinds, years or who watches alone is one too: "something with Audrey Hepburn" after "a movie from
        # the 50s" said the catalog does not name her and showed nothing.
        context = bool(state["topic"] or state["likes"] or state["alike"] or state["topic_categories"]
                       or state["topic_audience"] or any(state["topic_years"])) and not closing
        named = catalog_mentions(self.toolbox.rec).named_in(state["topic"])
        calls = self.plan(reading, done, last_user_text(request.messages), context, Alike.of(state),
                          choosing_among(request.messages), state["topic_categories"], named[0] if named else None,
                          state["topic"])
        if not calls:
            return self.compose(request, reading, done, closing=closing)
        message = AIMessage(content="", tool_calls=calls)
        if not done and reading.exclude_categories:
            # "no horror" holds for the whole session, whatever the action of this message.
            update: Command[Any] = Command(update={
                "exclude_categories": list(reading.exclude_categories),
                "asked_again": [category for category in state["asked_again"]
                                if category not in reading.exclude_categories]})
            return ExtendedModelResponse(ModelResponse(result=[message]), update)
        return ModelResponse(result=[message])

    def wrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]) -> Any:
        step = self._step(request)
        if not isinstance(step, Generator):
            return step
        try:
            wanted = next(step)
            while True:
                wanted = step.send(handler(wanted))
        except StopIteration as finished:
            return finished.value

    async def awrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], Any]) -> Any:
        step = self._step(request)
        if not isinstance(step, Generator):
            return step
        try:
            wanted = next(step)
            while True:
                wanted = step.send(await handler(wanted))
        except StopIteration as finished:
            return finished.value

    def compose(self, request: ModelRequest, reading: Understanding, done: Sequence[ToolMessage],
                closing: bool = False) -> Generator[ModelRequest, ModelResponse, ModelResponse]:
        """The reply: the tools' notes, a line from the model, then the items as a list (`closing`: the message
        took what the last reply showed, and no tool was called).

        A generator, so that the sync and async model calls share it: it yields the model request for the
        lead-in line and receives the model's response.
        """
        items = tool_items(done)
        notes = tool_notes(done)
        notes += [str(message.text).removeprefix("Error: ") for message in done
                  if message.artifact and not message.artifact.get(ARTIFACT_ITEMS) and message.name in PRESENTING_TOOLS]
        if reading.unknown_title and (reading.intent in ("search", "more_like", "chat", "recommend")
                                      or reading.asks_alike or reading.likes):
            # "I loved Knives Out. what should I watch next?": said so, where it showed picks as if it knew it.
            asked = reading.asks_alike or bool(reading.query or reading.categories or reading.audience)
            answered_rest = reading.intent == "recommend" and bool(items) and asked
            unlike = (reading.asks_alike and reading.intent == "search" and not items) or (
                reading.intent == "recommend" and not answered_rest)
            notes.insert(0, f"I could not find \u201c{reading.unknown_title}\u201d in the catalog"
                            + (", so I cannot tell which titles are like it." if unlike else
                               ", so I matched the rest of what you asked." if answered_rest else "."))
        titles, said = self.toolbox.titles, last_user_text(request.messages)
        spoken_of = {*reading.likes, *reading.dislikes, *reading.seen, reading.subject}
        obscure = next((mention for mention in reading.titles if mention.item_id in spoken_of
                        and title_year(mention.text) is None and year_after(said, mention.end) is None
                        and titles.obscure(mention.item_id)), None)
        if obscure:
            # "someone who loved Parasite" in a catalog that has only the 1982 film, which next to nobody watched,
            # went on with films like it as if it were the film meant: said, so that the user can tell.
            notes.insert(0, f"\u201c{obscure.text}\u201d in the catalog is {titles.display(obscure.item_id)}, a film "
                            "few of its people have watched; if you meant another, the catalog does not have it.")
        if reading.unmentioned:
            # "no Julia Roberts please": what cannot be done is leaving her films out, not looking for them.
            ruled_out = _rules_out_unmentioned(reading, last_user_text(request.messages))
            went_alike = bool(reading.likes) and any(message.name == Tools.MORE_LIKE for message in done)
            liked = listed([titles.display(item_id) for item_id in reading.likes]) if went_alike else ""
            rest = ("cannot tell which films to leave out" if ruled_out and not items else
                    "cannot tell which films to leave out; these go on with what you were looking for" if ruled_out else
                    "cannot look for that" if not items else f"went on with films like {liked}" if went_alike
                    else "matched only the rest of what you asked" if reading.says_what
                    else "went on with what you were looking for")
            notes.insert(0, f"Nothing in the catalog's titles, tags or descriptions mentions "
                            f"{listed(list(reading.unmentioned))}, so I {rest}.")
        # "What else did he direct?" is of a film only where one is spoken of, which it no longer is once its people's
        # films are shown: the turn that searched them says it was.
        maker = reading.maker or (maker_said_of(last_user_text(request.messages))
                                  if _people_searched_in_turn(request.messages) else None)
        if maker and _named_before(request.messages, _searched_in_turn(request.messages)):
            maker = None  # of a person the user named ("anything else by him?" after "I love Christopher Nolan movies")
        if maker and (reading.subject or items):
            # The catalog has no credits: said so, and what was done instead. The film spoken of ("the same
            # director" after films like The Shining) is no longer the theme once its people's films are shown.
            searched = _searched_in_turn(request.messages)
            subject = reading.subject
            people = self._people_of(subject) if subject else []
            if searched and _people_searched_in_turn(request.messages) and searched not in people:
                # "what else by that director?" after films like Inception and Interstellar searched the people of
                # those two; read again now, the film spoken of is the first shown (Avatar), whose director the note
                # said it did not know, over films tagged Leonardo DiCaprio.
                subject, people = None, [searched]
            title = self.toolbox.titles.display(subject) if subject else "the film you spoke of"
            notes.insert(0, f"The catalog does not say who the {maker} of {title} is; "
                            + (f"its tags name {listed(people)}, so these are films tagged {people[0]}." if people
                               else "these are films like it instead."))
        if reading.asks_favorite and items:
            # Asked its own taste, it has none to tell: what it can say is what people rate highest.
            notes.insert(0, FAVORITE_NOTE if len(items) == 1 else FAVORITES_NOTE)
        if (reading.foreign or reading.english) and not self.toolbox.titles.foreign:
            notes.insert(0, "The catalog does not say which films are in other languages, so these are not chosen "
                            "by language.")
        if reading.service and items:
            # "what's on Netflix right now?" showed films tagged "In Netflix queue", as if that said so.
            notes.insert(0, f"The catalog does not say where its films stream, so these are not chosen by what is on "
                            f"{reading.service}.")
        if reading.this_year and items and self.toolbox.titles.newest_year:
            # "a movie that came out this year": the lead-in said they did, of films of 2016 and 2017.
            notes.insert(0, f"The catalog's newest films are from {self.toolbox.titles.newest_year}, so these are "
                            "from its last years.")
        if reading.awards and items:
            notes.insert(0, "The catalog does not say which films won awards, so these are the best rated of what you "
                            "asked.")
        if reading.year_of_shown:
            # "the one from 1994" where no film shown is of 1994 (the first shown was described), or two are.
            of_year = [self.toolbox.titles.display(item_id) for item_id in reading.shown_of_year]
            count = ("Two", "Three", "Four", "Five")[len(of_year) - 2] if 2 <= len(of_year) <= 5 else len(of_year)
            notes.insert(0, f"{count} of the films I showed are from {reading.year_of_shown}: {listed(of_year)}."
                         if of_year else f"None of the films I showed is from {reading.year_of_shown}.")
        if reading.years_out and items and any(message.name == Tools.RECOMMEND for message in done):
            notes.insert(0, f"Noted: nothing from {reading.years_out[0]} to {reading.years_out[1]}.")
        if reading.in_colour and items:
            notes.insert(0, f"The catalog does not say which films are in colour, so these are from {COLOUR_YEAR} on, "
                            "when most films were.")
        by_length = reading.max_minutes or length_direction(reading.direction or direction_of(
            last_user_text(request.messages)))
        if by_length and items and self.toolbox.length_field() is None:
            notes.insert(0, "The catalog does not say how long its films run, so these are not chosen by length.")
        # What a tool said of the items it found: "I want something with a strong female lead" showed Showgirls and
        # Tank Girl, none of whose words say so; "I really like Keanu Reeves" two films tagged so, and films like them.
        notes += [str(message.artifact[ARTIFACT_NOTE]) for message in done
                  if isinstance(message.artifact, dict) and message.artifact.get(ARTIFACT_NOTE)]
        language = language_named(last_user_text(request.messages)) if reading.foreign and items else None
        if language and self.toolbox.titles.foreign:
            # "any good Korean movies?": the titles say a film is in another language, not in which; the Chinese and
            # Japanese films shown were introduced as "a few Korean movies".
            notes = [note for note in notes if note != LOOSE_NOTE]
            # "anything French like Amelie?": those like it, not the closest to the word.
            closest = (f"these are the most like {self.toolbox.titles.display(reading.subject)}"
                       if reading.intent == "more_like" and reading.subject
                       else f"these come closest to \u201c{language}\u201d")
            notes.insert(0, "The catalog does not say which language each film is in: of the films whose titles are "
                            f"in another language, {closest}.")
        if reading.language:
            # Honest about what the offline models can read; titles and category words were still matched.
            notes.insert(0, f"I read English best, and this looks like {reading.language}: I matched the titles "
                            "and kinds of film I could recognise, and I answer in English.")
        # Small talk the session's theme was recommended for ("OK, let's hear it") is answered as a recommendation.
        chatted = reading.intent == "chat" and bool(done)
        intent = reading.intent if reading.intent in FALLBACK_INTROS and not chatted else "recommend"
        lines: list[str] = []
        emit = _line_writer(lines)
        for note in notes:  # shown at once, before the model is asked for anything
            emit(note)
        if reading.intent == "again" and not done:
            # "can you resend?": the last list as it was, reasons and all; nothing new is looked for.
            items = last_entries(request.messages)
            pointed = [(number, entry) for number, entry in enumerate(items, start=1)
                       if entry["id"] in reading.references] if reading.asks_why else []
            if pointed:
                # "why did you pick the second one?": that item's reasons, numbered as listed; an answer about the
                # list, which "the third one" still points into.
                emit(WHY_ONE_INTRO if len(pointed) == 1 else WHY_INTRO)
                for number, entry in pointed:
                    emit(display_line(number, titles, entry))
                items, intent = [], "why"
            else:
                emit((WHY_INTRO if reading.asks_why else FALLBACK_INTROS["again"]) if items
                     else FALLBACK_INTROS["chat"])
        elif reading.intent == "which" and not done:
            shown = self._last_items(request.messages)
            emit(which_of_kind(shown, reading.asked_of) if reading.asked_of
                 else which_of_years(shown, reading.year_from, reading.year_to))
        elif reading.intent == "ratings" and not done:
            shown = self._last_items(request.messages)
            emit(ratings_text(shown, self.toolbox.rec.ratings([item.id for item in shown]),
                              last_user_text(request.messages)))
        elif not done:
            unclear = reading.intent == "unclear" or reading.maker  # nothing done for a maker: of which film
            emit(FALLBACK_INTROS["closing" if closing else "unclear" if unclear else "chat"])
        elif items and reading.rated == "worst" and intent == "recommend":
            emit(WORST_INTRO)
        elif len(items) == 1 and reading.count == 1 and intent in ("recommend", "more_like", "feedback"):
            emit(ONE_INTRO)
        elif (items and intent == "search" and reading.unknown_title and not reading.namesake
              and any(message.name == Tools.SEARCH for message in done)):
            # "Knives Out.", which the catalog lacks: its closest titles, in case one is what was meant, never
            # introduced as picks ("Here are a few more recommendations for you:" before Get Out and Lights Out).
            emit(CLOSEST_TITLES_INTRO)
        elif items and intent in ("recommend", "more_like", "search", "feedback"):
            # The line's fixed start goes out now: the small model takes a second or two to write the rest.
            emit(LEAD_IN, partial=True)
            response = yield self.lead_in_request(request, items)
            grounding = None
            if self.grounded is not None:
                values: dict[str, Any] = dict(request.state)
                grounding = self.grounded.grounding(request.messages, values.get("feedback"), values.get("user"))
            kinds = [kind for entry in items for kind in self.toolbox.titles.categories.get(entry["id"], ())]
            line = self.checked_lead_in(response, reading, grounding, said=last_user_text(request.messages),
                                        kinds=kinds, first=not last_shown(request.messages))
            emit(line or FALLBACK_INTROS[intent])
        elif items:
            emit(FALLBACK_INTROS[intent])
        if intent == "details" and items:
            described = described_items(done)
            for entry in items:
                if entry["id"] in described:
                    item = self.toolbox.rec.item(entry["id"])
                    if reading.asked_of and entry["id"] == reading.subject:
                        emit(whether_of_kind(item, reading.asked_of))
                    if reading.felt and entry["id"] == reading.subject:
                        emit(how_it_feels(item, reading.felt))
                    when = (year_answer(item, reading.year_from, reading.year_to, said)
                            if entry["id"] == reading.subject else None)
                    if when:
                        emit(when)
                    emit(details_text(item, self.toolbox.rec.ratings([item.id]).get(item.id)))
                    unsaid = unlisted_fact(said, item)
                    if unsaid:  # "who directed it?" of a catalog without directors: said so, not guessed
                        emit(unsaid)
            alike = [entry for entry in items if entry["id"] not in described]
            kinds = reading.kinds_wanted
            if alike:
                emit(f"A few like it, listed under {listed(kinds)}:" if kinds else SIMILAR_LEAD)
            for number, entry in enumerate(alike, start=1):
                emit(display_line(number, titles, entry))
        else:
            for number, entry in enumerate(items, start=1):
                emit(display_line(number, titles, entry))
        text = "\n".join(lines)
        # Every line here comes from a tool result, except the lead-in, which `checked_lead_in` already
        # refused if it named anything: the grounding check need not read the app's own notes.
        kwargs = {INTENT_KEY: "closing" if closing else intent, ASSEMBLED_KEY: True}
        return ModelResponse(result=[AIMessage(content=text, additional_kwargs=kwargs)])

    def _last_items(self, messages: Sequence[BaseMessage]) -> list[Item]:
        """The items the last list presented, in order: what an answer about the list ("are any of them funny?",
        "how are they rated?") reads."""
        shown = last_shown(messages)
        found = self.toolbox.rec.catalog.items(shown)
        return [found[item_id] for item_id in shown if item_id in found]

    def lead_in_request(self, request: ModelRequest, items: Sequence[dict[str, Any]]) -> ModelRequest:
        """Ask the model to continue "Here are a few" for the user's message and the picks' categories."""
        categories = [c for entry in items for c in self.toolbox.titles.categories.get(entry["id"], ())]
        # Kinds most of them share: "Here are a few comedy and drama movies" came for five comedies, one a drama too.
        # Of kinds as common, the first met: by a set's order, the hint changed from one process to the next.
        common = [c for c in sorted(dict.fromkeys(categories), key=lambda c: -categories.count(c))[:2]
                  if 2 * categories.count(c) >= len(items)]
        hint = f" (The picks: {' and '.join(common)}.)" if common else ""
        return request.override(
            messages=[HumanMessage(last_user_text(request.messages)[:300] + hint), AIMessage(LEAD_IN)],
            system_message=SystemMessage(WORDING_PROMPT.format(noun=self.toolbox.rec.settings.chat_item_noun)),
            tools=[], tool_choice=None,
            model_settings={"stop": ["\n", ":", "."]},
        )

    def checked_lead_in(self, response: ModelResponse, reading: Understanding, grounding: Grounding | None = None,
                        said: str = "", kinds: Sequence[str] = (), first: bool = False) -> str:
        """The model's line, kept only if it names nothing, breaks no constraint, stays short and on script,
        says only what the request (`said`) and the picks' categories (`kinds`) support (`unsupported_words`),
        tells of no list before the `first` one, and passes the reply check (`grounding`: no name the user supplied,
        no other user, no system prompt)."""
        written = response.result[-1].text if response.result else ""
        # A model that starts over ("Here are a few sad movies") is taken as written, not as "Here are a few Here...".
        written = re.sub(rf"^\s*{re.escape(LEAD_IN)}\b", "", written, flags=re.IGNORECASE)
        line = " ".join(f"{LEAD_IN} {written.strip()}".split()).rstrip(" ,;!.") + ":"
        # "more animated movies" before the live-action films "something not animated?" asked for; "a few superhero
        # movies" before the films "like it but not a superhero film" asked for; "a few comedies" before the horror
        # films of "I usually like comedies but tonight I want something scary".
        excluded = {word[:STEM] for ruled_out in [*reading.exclude_categories, *reading.avoided, *reading.usual]
                    for word in normalise(ruled_out).split()}
        written_words = normalise(line).split()
        words = set(written_words)
        # "Here are a few more suggestions:" before the session's first list, where nothing came before it.
        again = (words & _AGAIN_WORDS) - set(normalise(said).split()) if first else set()
        # A word of its own said twice is the model stuttering: "a few more uplifting and uplifting movies".
        described = [word for word in written_words if word not in INTRODUCING_WORDS]
        if (again or len(line) > 120 or any(ch in line for ch in "\"“()0123456789") or words & OFF_SCRIPT_WORDS
                or len(described) > len(set(described))
                or {word[:STEM] for word in words} & excluded
                or unsupported_words(line, said, kinds, self.toolbox.rec.settings.chat_item_noun)
                or language_named(line)  # "a few Korean movies": no film's language is known
                or self.toolbox.titles.find(line) or (grounding is not None and grounding.unsupported(line))):
            return ""
        return line


class _LineWriter(Protocol):
    def __call__(self, line: str, partial: bool = False) -> None: ...


def _line_writer(lines: list[str]) -> _LineWriter:
    """Collects the reply's lines and streams each one as soon as it is known (LangGraph custom stream).

    A `partial` line is the known start of the next line: it is streamed at once, and the next line, which
    must begin with it, streams only the rest.
    """
    from langgraph.config import get_stream_writer

    try:
        writer = get_stream_writer()
    except RuntimeError:  # outside a graph run: nothing to stream to
        writer = None
    started = ""

    def emit(line: str, partial: bool = False) -> None:
        nonlocal started
        if not line.strip():
            return
        if partial:
            if writer is not None:
                writer({STREAM_TEXT_KEY: ("\n" if lines else "") + line})
            started = line
            return
        piece = ("\n" if lines else "") + line
        if started:
            # The line goes on from the start already streamed, or (should it not) follows it whole.
            piece = line[len(started):] if line.startswith(started) else "\n" + line
            started = ""
        if writer is not None:
            writer({STREAM_TEXT_KEY: piece})
        lines.append(line)

    return emit


def tool_notes(done: Sequence[ToolMessage]) -> list[str]:
    """What the tools that show no items said, feedback of one kind on several titles in a row as one note: one
    line per title read as a list of five after "I've seen all of those"."""
    quiet = [message for message in done if message.artifact and not presents(message.artifact)]
    notes: list[str] = []
    for kind, run in groupby(quiet, key=lambda message: message.artifact.get(ARTIFACT_FEEDBACK)):
        said = list(run)
        if kind in FEEDBACK_WORDS:
            notes.append(feedback_note(kind, [message.artifact[ARTIFACT_TITLE] for message in said]))
        else:
            notes += [str(message.text) for message in said]
    return notes


def which_of_kind(items: Sequence[Item], kinds: Sequence[str]) -> str:
    """The answer to "are any of them funny?" about the items shown, from their categories."""
    holding = [display_title(item.title) for item in items if set(kinds) & set(item.categories)]
    kind = listed(list(kinds), "or")
    if len(items) == 1:
        return whether_of_kind(items[0], kinds)
    if len(holding) == len(items):
        return f"Yes: all {len(items)} are listed under {kind}."
    if not holding and all(normalise(entry) in AUDIENCE_CATEGORIES for entry in kinds):
        return (f"The catalog does not rate films by age: none of the {len(items)} is listed under {kind}. Ask me for "
                "some that are, and I will find them.")
    if not holding:
        # No "No": "are any of them scary?" of Seven and its neighbours asks of a feel, which no category settles.
        return f"None of the {len(items)} is listed under {kind}. Ask me for some, and I will find them."
    return f"Listed under {kind}: {listed(holding)}; the other {len(items) - len(holding)} are not."


def which_of_years(items: Sequence[Item], year_from: int | None, year_to: int | None) -> str:
    """The answer to "are any of them from before 2000?" about the items shown, from their years."""
    years = (f"from {year_from}" if year_from == year_to else f"from {year_from} to {year_to}" if year_from and year_to
             else f"from {year_from} on" if year_from else f"from before {(year_to or 0) + 1}")
    holding = [display_title(item.title) for item in items if isinstance(year := item.metadata.get("year"), int)
               and (year_from is None or year >= year_from) and (year_to is None or year <= year_to)]
    if len(holding) == len(items):
        return f"Yes: all {len(items)} are {years}." if len(items) > 1 else f"Yes: {holding[0]} is {years}."
    if not holding:
        return f"None of the {len(items)} is {years}. Ask me for some, and I will find them."
    return f"{years[0].upper()}{years[1:]}: {listed(holding)}; the other {len(items) - len(holding)} " + (
        "is not." if len(items) - len(holding) == 1 else "are not.")


def whether_of_kind(item: Item, kinds: Sequence[str]) -> str:
    """The answer to "is it good for kids?" from the item's categories: "Dirty Dancing (1987) is not listed under
    Children; it is Drama, Musical, Romance."."""
    title = display_title(item.title)
    held = [kind for kind in kinds if kind in item.categories]
    lacking = [kind for kind in kinds if kind not in item.categories]
    if not lacking:
        return f"Yes: {title} is listed under {listed(held)}."
    what = _what_it_is(item)
    if not held and all(normalise(kind) in AUDIENCE_CATEGORIES for kind in lacking):
        # "is it appropriate for a 12 year old?" of The Empire Strikes Back: a "No" said more than the catalog knows.
        return f"The catalog does not rate films by age: {title} is not listed under {listed(lacking, 'or')}{what}."
    if not held:
        # No "No": "is the second one scary?" of Seven said "No: ... is not listed under Horror", of a feel no category
        # settles.
        return f"{title} is not listed under {listed(lacking, 'or')}{what}."
    return f"{title} is listed under {listed(held)}, not under {listed(lacking, 'or')}."


def _what_it_is(item: Item) -> str:
    """"; it is Drama, Romance": the item's categories, said after what they do not settle ("" without any)."""
    return f"; it is {', '.join(item.categories)}" if item.categories else ""


def how_it_feels(item: Item, feel: str) -> str:
    """The answer to "is it sad?" from what people tagged the item ("People tag Requiem for a Dream (2000)
    depressing."), or that no one tagged it so; it only gave the details, as if nothing was asked."""
    title = display_title(item.title)
    said = (feel, *FEEL_TAGS.get(feel, ()))
    held = [tag for tag in item.tags if any(word.startswith(said) for word in normalise(tag).split())]
    if held:
        return f"People tag {title} {', '.join(held[:3])}."
    return f"No one has tagged {title} {feel}{_what_it_is(item)}."


_WHEN = re.compile(r"\b(?:when\s+(?:did|was)|what\s+year)\b", re.IGNORECASE)


def year_answer(item: Item, year_from: int | None, year_to: int | None, message: str) -> str | None:
    """The answer to "is this a movie from 2019?" (the years asked of it) or "when did it come out?", from the item's
    year; None where neither is asked or the catalog gives no year."""
    year = item.metadata.get("year")
    if not isinstance(year, int):
        return None
    if year_from is None and year_to is None:
        return f"It came out in {year}." if _WHEN.search(message) else None
    within = (year_from is None or year >= year_from) and (year_to is None or year <= year_to)
    return f"{'Yes' if within else 'No'}: it came out in {year}."


DETAIL_TAGS = 8  # tags shown with an item's details: people's words for it where a catalog has no description
# Said as people's words, not the catalog's: "Tagged: annoying, Stupid ending" read as a verdict on Gone Girl.
TAGS_LABEL = "People's tags:"


# Facts people ask of a film, the metadata keys a catalog may hold them in (the details show the first one held),
# what to call them, and how to say they are not known.
_ASKED_FACTS = (
    (re.compile(r"\bwho\s+(?:directed|made)\b|\bdirected\s+by\b|\bthe\s+director\b", re.IGNORECASE),
     ("director", "directors", "directed_by"), "Directed by", "who directed it"),
    (re.compile(r"\bwho(?:'?s|\s+is|\s+was|\s+are)?\s+(?:in\s+it|in\s+(?:the|that|this)\s+(?:movie|film))|"
                r"\bwho\s+(?:stars|starred|plays|played)\b|\bthe\s+cast\b|\bactors?\b", re.IGNORECASE),
     ("cast", "actors", "stars", "starring"), "With", "who is in it"),
    (re.compile(r"\bhow\s+long\s+is\b|\bis\s+it\s+(?:very\s+|too\s+)?long\b|\brunning\s+time\b|\bruntime\b",
                re.IGNORECASE),
     LENGTH_FIELDS, "Runs", "how long it runs"),
    (re.compile(r"\b(?:netflix|hulu|disney\s*\+|disney\s+plus|prime\s+video|amazon\s+prime|hbo|apple\s+tv|"
                r"streaming|stream\s+it)\b|\bwhere\s+(?:can|could|do|should)\s+i\s+(?:watch|see|find|stream)\b",
                re.IGNORECASE),
     ("streaming", "where_to_watch", "providers"), "Streams on", "where it streams"),
    (AGE_RATING, ("certification", "mpaa", "age_rating", "content_rating"), "Certified", "its age rating"),
)


def unlisted_fact(message: str, item: Item) -> str | None:
    """A note that the catalog does not hold the fact asked of the item ("who directed it?"), or None."""
    for asked, keys, _, what in _ASKED_FACTS:
        if asked.search(message) and not any(item.metadata.get(key) for key in keys):
            return f"The catalog does not say {what}."
    return None


def details_text(item: Item, rating: Rating | None = None) -> str:
    """An item's details as people read them: title, categories, then its description, who made it and who is in
    it (where the catalog holds them), how people rated it, and its tags. "What's it rated?", "is it good?" of
    Heat showed its title and kinds alone."""
    head = display_title(item.title) + (f" ({', '.join(item.categories)})" if item.categories else "")
    facts = [f"{label}: {value}" for _, keys, label, _ in _ASKED_FACTS
             for value in [next((item.metadata[key] for key in keys if item.metadata.get(key)), None)] if value]
    if rating is not None:
        facts.append(rating_words(rating).capitalize() + ".")
    return "\n".join([head, *([item.text] if item.text else []), *facts,
                      *([f"{TAGS_LABEL} {', '.join(item.tags[:DETAIL_TAGS])}"] if item.tags else [])])


def display_line(number: int, titles: CatalogTitles, entry: dict[str, Any]) -> str:
    """One item of a reply as people read it: "1. Alien (1979) (Horror, Sci-Fi): because you liked Aliens"."""
    title = display_title(titles.titles.get(entry["id"], entry["id"]))
    categories = titles.categories.get(entry["id"], ())
    line = f"{number}. {title}" + (f" ({', '.join(categories)})" if categories else "")
    reasons = [reason for reason in entry.get("reasons", ()) if reason]
    return line + (f": {'; '.join(reasons[:2])}" if reasons else "")


class GroundedReplies(AgentMiddleware[ChatState]):
    """Checks every final reply against the items this session's tools returned, and records what it shows."""

    state_schema = ChatState

    def __init__(self, toolbox: ChatToolbox, system_prompt: str = "") -> None:
        super().__init__()
        self.toolbox = toolbox
        self.withheld = word_windows(system_prompt)
        self._named: dict[tuple[str, int], frozenset[str]] = {}
        self._supplied: dict[str, Supplied] = {}

    def grounding(self, messages: Sequence[BaseMessage], feedback: dict[str, str] | None = None,
                  user: str | None = None) -> Grounding:
        """What a reply may name: items the tools returned or named (reasons, notes), and items the user rated;
        what it may not pass off as titles: the names in the user's messages and in catalog descriptions; and
        what it may not speak of: the system prompt, and users other than the session's `user` (None: any)."""
        titles = self.toolbox.titles
        vocabulary = self.toolbox.vocabulary
        allowed = {entry["id"] for entry in tool_items(messages, presenting_only=False)} | set(feedback or {})
        supplied = []
        for message in messages:
            if isinstance(message, ToolMessage):
                allowed |= self._named_by_tool(titles, vocabulary, message)
            if isinstance(message, HumanMessage | ToolMessage):
                supplied += self._supplied_by(message)
        return Grounding(titles, allowed, reserved=vocabulary.words, supplied=supplied,
                         categories=frozenset(phrase for phrase, _ in vocabulary.phrases), withheld=self.withheld,
                         other_user=self._other_user(user))

    def _other_user(self, user: str | None) -> Callable[[str], bool]:
        """Whether a word is a known user's id other than `user`'s ("U2" counts for "u2"); asked once per word."""
        known: dict[str, bool] = {}
        has_user = self.toolbox.rec.has_user

        def other(word: str) -> bool:
            if word not in known:
                known[word] = any(candidate != user and has_user(candidate) for candidate in {word, word.lower()})
            return known[word]

        return other

    def _supplied_by(self, message: BaseMessage) -> list[Supplied]:
        """What the user wrote, or the catalog descriptions (<<...>>) in a tool's text; remembered per message."""
        key = message.id or getattr(message, "tool_call_id", None)
        if key is not None and key in self._supplied:
            return [self._supplied[key]]
        if isinstance(message, HumanMessage):
            text = str(message.text)
        else:
            text = "\n".join(re.findall(r"<<(.*?)>>", str(message.text), flags=re.DOTALL))
        if not text.strip():
            return []
        supplied = Supplied.read(text)
        if key is not None:
            if len(self._supplied) > 50_000:
                self._supplied.clear()
            self._supplied[key] = supplied
        return [supplied]

    def _named_by_tool(self, titles: CatalogTitles, vocabulary: CategoryVocabulary,
                       message: ToolMessage) -> frozenset[str]:
        """Items a tool's text names (reasons, notes), remembered per message: sessions grow, texts do not change."""
        key = (message.id or message.tool_call_id, id(titles))
        if key not in self._named:
            # Titles inside catalog text (<<...>>) do not count: a description cannot vouch for an item.
            text = re.sub(r"<<.*?>>", " ", message.text, flags=re.DOTALL)
            if len(self._named) > 50_000:
                self._named.clear()
            self._named[key] = frozenset(m.item_id for m in titles.find(text, reserved=vocabulary.words))
        return self._named[key]

    def after_model(self, state: ChatState, runtime: Any) -> dict[str, Any] | None:
        messages = state["messages"]
        reply = messages[-1] if messages else None
        if not isinstance(reply, AIMessage) or reply.tool_calls:
            return None
        grounding = self.grounding(messages, state.get("feedback"), state.get("user"))
        text: str
        dropped: list[str]
        assembled = bool(reply.additional_kwargs.get(ASSEMBLED_KEY))
        if assembled:  # every line from a tool's result, the lead-in checked
            text, dropped = str(reply.text), []
        else:
            text, dropped = grounding.check(str(reply.text))
        turn = turn_messages(messages)
        offered = tool_items(turn)
        if not offered and reply.additional_kwargs.get(INTENT_KEY) == "again":
            offered = last_entries(messages)  # "can you resend?" calls no tool: it shows the list it repeats
        excluded = set(session_constraints(state)["exclude_categories"])
        titles = grounding.titles
        # Respect the session's constraints even if a tool was asked to ignore them (item details excepted).
        detail_ids = described_items(turn)
        offered = [entry for entry in offered if entry["id"] in detail_ids
                   or not set(titles.categories.get(entry["id"], ())) & excluded]
        # A reply assembled from the tools' items lists every one of them, also those whose title cannot be told
        # from a word of the text ("10", whose bare number is no alias); a model's reply shows those it names.
        mentioned = [entry for entry in offered if _named_in(text, titles.aliases.get(entry["id"], frozenset()))]
        shown = offered if assembled else (mentioned or offered)
        if not text:
            intent = reply.additional_kwargs.get(INTENT_KEY, "recommend")
            text = FALLBACK_INTROS.get(intent if shown else "chat", FALLBACK_INTROS["recommend"])
            if shown and "\n1. " not in text:
                text += "\n" + "\n".join(display_line(n, titles, e) for n, e in enumerate(shown, start=1))
        kwargs = {**reply.additional_kwargs, ITEMS_KEY: shown, DROPPED_KEY: dropped}
        grounded = AIMessage(content=text, id=reply.id, additional_kwargs=kwargs,
                             response_metadata=reply.response_metadata)
        return {"messages": [grounded]}


def _named_in(text: str, aliases: frozenset[str]) -> bool:
    padded = f" {normalise(text)} "
    return any(len(alias) >= 3 and f" {alias} " in padded for alias in aliases)


# Argument names a model uses to ask a tool to act for someone else.
USER_ARGUMENTS = frozenset({"user", "user_id", "userid", "username", "uid", "as_user", "for_user", "on_behalf_of"})


class ToolArguments(AgentMiddleware[ChatState]):
    """Refuses a tool call that passes arguments the tool does not take, in words the model can act on.

    LangChain drops unknown arguments silently: a model that calls `recommend(user="u2")` would get this
    session's picks and could present them as u2's. Every tool acts for the session's own user (from the
    session's state), so a user argument is refused with that said, and nothing runs.
    """

    def wrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        refusal = self.refusal(request)
        return handler(request) if refusal is None else refusal

    async def awrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        refusal = self.refusal(request)
        return await handler(request) if refusal is None else refusal

    @staticmethod
    def refusal(request: Any) -> ToolMessage | None:
        """The error to send back instead of running the tool, or None when its arguments are all known."""
        tool = request.tool
        schema = getattr(tool, "args_schema", None)
        if tool is None or getattr(schema, "model_config", {}).get("extra") == "allow":
            return None
        expected = set(tool.args)
        unknown = [name for name in request.tool_call.get("args") or {} if name not in expected]
        if not unknown:
            return None
        name = request.tool_call["name"]
        users = [argument for argument in unknown if argument.lower() in USER_ARGUMENTS]
        if users:
            text = (f"Error: {name} acts for this session's user only and takes no {users[0]!r} argument; no tool "
                    "reads or changes another user's data. Call it again without it.")
        else:
            takes = ", ".join(sorted(expected)) or "nothing"
            text = (f"Error: {name} takes no argument {', '.join(map(repr, unknown))}; it takes {takes}. "
                    "Call it again with those.")
        return ToolMessage(text, name=name, status="error", tool_call_id=request.tool_call["id"],
                           artifact={ARTIFACT_TOOL: name, ARTIFACT_ITEMS: []})


class PluginToolIsolation(AgentMiddleware[ChatState]):
    """A plugin's tool that raises is isolated like a failing hook: a warning naming plugin and tool, and the
    model is told the tool failed; in strict mode the turn fails with a PluginError."""

    def __init__(self, owners: dict[str, str], strict: bool) -> None:
        super().__init__()
        self.owners, self.strict = owners, strict

    def wrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        if request.tool_call["name"] not in self.owners:
            return handler(request)
        try:
            return handler(request)
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            return self._failed(request, exc)

    async def awrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        if request.tool_call["name"] not in self.owners:
            return await handler(request)
        try:
            return await handler(request)
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            return self._failed(request, exc)

    def _failed(self, request: Any, exc: Exception) -> ToolMessage:
        from recagent.errors import PluginError, PluginWarning

        name = request.tool_call["name"]
        error = PluginError(self.owners[name], f"tool {name}", exc)
        if self.strict:
            raise error from exc
        warnings.warn(f"{error}; skipped", PluginWarning, stacklevel=3)
        return ToolMessage(f"Error: the tool {name} failed; answer without it.", name=name, status="error",
                           tool_call_id=request.tool_call["id"], artifact={ARTIFACT_TOOL: name, ARTIFACT_ITEMS: []})
