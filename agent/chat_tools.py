"""Built-in plugin `chat_tools`: the agent's own tools, registered through `register_tools` like any plugin's.

Its module imports nothing heavy: LangChain and the toolbox load when an agent is built, not when the
plugin host starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from recagent.host import hookimpl

if TYPE_CHECKING:
    from recagent.sdk import Recommender


@hookimpl
def register_tools(register: Callable[[Any], None], recommender: Recommender) -> None:
    from recagent.agent.tools import ChatToolbox

    for tool in ChatToolbox(recommender, items_per_answer=recommender.settings.chat_items).build():
        register(tool)
