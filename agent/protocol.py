"""The agent's protocol, declared once: tool names, the keys of tool artifacts and of reply messages.

Tools, middleware, sessions, the scripted test model and plugin authors all speak through these names; a
plugin's tool that shows items returns an artifact ``{ARTIFACT_ITEMS: [...], ARTIFACT_PRESENT: True}``
(see the `register_tools` hook).
"""

from __future__ import annotations

__all__ = [
    "ARTIFACT_FEEDBACK",
    "ARTIFACT_ITEMS",
    "ARTIFACT_NOTE",
    "ARTIFACT_PRESENT",
    "ARTIFACT_TITLE",
    "ARTIFACT_TOOL",
    "ASSEMBLED_KEY",
    "DROPPED_KEY",
    "INTENT_KEY",
    "ITEMS_KEY",
    "PRESENTING_TOOLS",
    "STREAM_TEXT_KEY",
    "TOOL_EXAMPLES_KEY",
    "Tools",
]


class Tools:
    """Names of the built-in tools (registered by the built-in plugin `chat_tools`)."""

    RECOMMEND = "recommend"
    SEARCH = "search_catalog"
    DETAILS = "item_details"
    MORE_LIKE = "more_like"
    FEEDBACK = "record_feedback"
    PROFILE = "show_profile"
    CHOOSE = "choose_among"


# Tools whose results are items shown to the user; the others (feedback, profile) only report.
PRESENTING_TOOLS = frozenset({Tools.RECOMMEND, Tools.SEARCH, Tools.MORE_LIKE, Tools.DETAILS, Tools.CHOOSE})

# A tool's ToolMessage artifact: which tool answered, the items it returned, and (for plugins' tools)
# whether those items are shown to the user.
ARTIFACT_TOOL = "tool"
ARTIFACT_ITEMS = "items"
ARTIFACT_PRESENT = "present"
# The feedback tool's artifact also holds the kind recorded and the item's title, so that a reply can say it of
# several titles at once ("Noted: you have already seen A, B and C.").
ARTIFACT_FEEDBACK = "feedback"
ARTIFACT_TITLE = "title"
# What a tool that shows items says the reply must tell of them, in a sentence ("these come closest by meaning").
ARTIFACT_NOTE = "note"

# A tool's LangChain `metadata` key listing requests it answers ("what is trending this week"); the
# guided mode, which has no model to choose tools, picks a plugin's tool when a message is close in meaning
# to one of them.
TOOL_EXAMPLES_KEY = "recagent_examples"

# Keys in a final reply's `additional_kwargs`.
ITEMS_KEY = "recagent_items"  # the ids (with scores and reasons) of the items the reply presents
DROPPED_KEY = "recagent_dropped"  # sentences the grounding check removed
INTENT_KEY = "recagent_intent"  # what the guided mode read the message as
ASSEMBLED_KEY = "recagent_assembled"  # the reply was assembled from tool results (already grounded)

# The key of a guided reply's lines in LangGraph's custom stream.
STREAM_TEXT_KEY = "recagent_text"
