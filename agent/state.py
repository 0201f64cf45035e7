"""What a chat session remembers between turns, kept by the LangGraph checkpointer under the session id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from langchain.agents import AgentState
from typing_extensions import NotRequired

from recagent.agent.protocol import PRESENTING_TOOLS
from recagent.types import FEEDBACK_KINDS

__all__ = ["BLEND_JOIN", "ChatState", "FEEDBACK_KINDS", "PRESENTING_TOOLS", "session_constraints"]

BLEND_JOIN = " & "  # between the kinds of a blend ruled out, as the session keeps it: "Romance & Comedy"


def _merge_feedback(old: dict[str, str] | None, new: dict[str, str] | None) -> dict[str, str]:
    """The latest word on each item wins: liking an item after disliking it replaces the dislike."""
    return {**(old or {}), **(new or {})}


def _latest(old: Any, new: Any) -> Any:
    """The last word wins, also when several tools of one step set it (two `recommend` calls at once)."""
    return new


def _latest_list(old: list[str] | None, new: list[str] | None) -> list[str]:
    return list(new or [])


def _union(old: list[str] | None, new: list[str] | None) -> list[str]:
    return list(dict.fromkeys([*(old or []), *(new or [])]))


class ChatState(AgentState):
    """The agent's messages plus the session's user, feedback, lasting constraints and items already shown."""

    user: NotRequired[str | None]
    feedback: NotRequired[Annotated[dict[str, str], _merge_feedback]]
    exclude_categories: NotRequired[Annotated[list[str], _union]]
    # Kinds ruled out together, in one word ("no romcoms"), each as "Romance & Comedy": films of all of them are left
    # out until they are asked for; the whole list each time.
    excluded_blends: NotRequired[Annotated[list[str], _latest_list]]
    # Themes ruled out in words the catalog's tags hold ("not a prison movie"): their items are left out.
    avoided: NotRequired[Annotated[list[str], _union]]
    shown: NotRequired[Annotated[list[str], _union]]
    # What the conversation is about, in the user's words; follow-ups keep it.
    topic: NotRequired[Annotated[str | None, _latest]]
    # The categories the conversation asked for; a follow-up that names none keeps them.
    topic_categories: NotRequired[Annotated[list[str], _latest_list]]
    # Whether every item must have each of the topic's categories ("an animated sci-fi movie"), not any of them.
    topic_all_categories: NotRequired[Annotated[bool, _latest]]
    # Who the conversation's films are for ("for my kids": Children): every item must hold one; follow-ups keep it.
    topic_audience: NotRequired[Annotated[list[str], _latest_list]]
    # The years the conversation asked for ("something more recent": [2010, None]); a follow-up that names none
    # keeps them ("that one looks too gory" after recent horror films: recent ones still).
    topic_years: NotRequired[Annotated[list[int | None], _latest]]
    # Whether the conversation asked for films in another language ("any good foreign films?"); follow-ups keep it.
    topic_foreign: NotRequired[Annotated[bool, _latest]]
    # Whether the conversation asked for the first films of series ("a good trilogy to binge"); follow-ups keep it.
    topic_series: NotRequired[Annotated[bool, _latest]]
    # How the conversation's films were to be rated ("the best comedies": "best", "surprise me": "underrated");
    # follow-ups keep it ("more please" after the best rated comedies showed Ace Ventura and Dumb & Dumber).
    topic_rated: NotRequired[Annotated[str | None, _latest]]
    # Whether the user wants no films in another language ("my partner hates subtitles"): for the whole session,
    # until films in another language are asked for.
    english_only: NotRequired[Annotated[bool, _latest]]
    # Items the user named to compare with ("like A Clockwork Orange"): known to them, never recommended back.
    named: NotRequired[Annotated[list[str], _union]]
    # The items the conversation's theme is like, when the last request was for items like some ("like Heat"):
    # "something else" or "similar but newer" goes on from them. A request of its own clears them.
    alike: NotRequired[Annotated[list[str], _latest_list]]
    # What those items were asked to differ in ("like those but older"): a follow-up that says none keeps it ("not
    # sci-fi though" showed films as new as the two compared with).
    alike_direction: NotRequired[Annotated[str | None, _latest]]
    # What those items were asked to be about beside ("I like monster movies, like King Kong": monster): a follow-up
    # that turns the feel ("not too dark though") keeps it; the theme was lost for films that were only like King Kong.
    alike_theme: NotRequired[Annotated[str | None, _latest]]
    # The years those items were asked for ("something from the 80s" after films like Alien): a follow-up that says
    # none keeps them ("I didn't like the first one" showed Superman of 1978 and Armageddon of 1998).
    alike_years: NotRequired[Annotated[list[int | None], _latest]]
    # Kinds ruled out earlier and asked for since ("no horror", then "ok, a horror movie then"): they hold none until
    # a request rules them out again.
    asked_again: NotRequired[Annotated[list[str], _latest_list]]


def session_constraints(state: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a session's state that tools must respect, with defaults for a new session."""
    feedback = dict(state.get("feedback") or {})
    return {
        "user": state.get("user"),
        "likes": [item for item, kind in feedback.items() if kind == "like"],
        "dislikes": [item for item, kind in feedback.items() if kind == "dislike"],
        "seen": [item for item, kind in feedback.items() if kind == "seen"],
        "exclude_categories": [category for category in state.get("exclude_categories") or []
                               if category not in (state.get("asked_again") or ())],
        "excluded_blends": [blend.split(BLEND_JOIN) for blend in state.get("excluded_blends") or []],
        "avoided": list(state.get("avoided") or []),
        "shown": list(state.get("shown") or []),
        "topic": state.get("topic"),
        "topic_categories": list(state.get("topic_categories") or []),
        "topic_all_categories": bool(state.get("topic_all_categories")),
        "topic_audience": list(state.get("topic_audience") or []),
        "topic_years": list(state.get("topic_years") or [None, None]),
        "topic_foreign": bool(state.get("topic_foreign")),
        "topic_series": bool(state.get("topic_series")),
        "topic_rated": state.get("topic_rated"),
        "english_only": bool(state.get("english_only")),
        "named": list(state.get("named") or []),
        "alike": list(state.get("alike") or []),
        "alike_direction": state.get("alike_direction"),
        "alike_theme": state.get("alike_theme"),
        "alike_years": list(state.get("alike_years") or [None, None]),
        "asked_again": list(state.get("asked_again") or []),
    }
