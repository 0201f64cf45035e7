"""How the guided mode, which has no model able to pick tools, chooses a plugin's tool for a message.

A tool says what it is for in its LangChain metadata: ``tool.metadata = {TOOL_EXAMPLES_KEY: ["what is trending",
"popular this week"]}``, requests it answers. A message is compared by meaning (the catalog's embedding
model) with every example; the tool whose example is closest is chosen when that similarity reaches the
tool's threshold (``TOOL_THRESHOLD_KEY``, default `DEFAULT_THRESHOLD`). Tools without examples are left to
models that call tools themselves. The guided mode calls a chosen tool with the user's message in its
`request` (or `query`) parameter when it has one, and with no arguments otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.tools import BaseTool

from recagent.agent.protocol import TOOL_EXAMPLES_KEY, Tools

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["BUILT_IN_TOOLS", "DEFAULT_THRESHOLD", "TOOL_THRESHOLD_KEY", "ToolChooser", "declared_examples"]

BUILT_IN_TOOLS = frozenset(value for key, value in vars(Tools).items() if key.isupper())
TOOL_THRESHOLD_KEY = "recagent_min_similarity"
# all-MiniLM-L6-v2 gives paraphrases of one request about 0.6-0.9 and unrelated requests under 0.4.
DEFAULT_THRESHOLD = 0.6
MESSAGE_PARAMETERS = ("request", "query")


def declared_examples(tool: BaseTool) -> tuple[str, ...]:
    """The example requests a tool declares in its metadata (none when it declares nothing usable)."""
    examples = (tool.metadata or {}).get(TOOL_EXAMPLES_KEY, ())
    if isinstance(examples, str):
        examples = (examples,)
    return tuple(str(example).strip() for example in examples if str(example).strip())


@dataclass(frozen=True)
class _Examples:
    tool: BaseTool
    threshold: float
    vectors: np.ndarray  # one unit-length row per example


class ToolChooser:
    """Chooses among the tools that declared example requests; the examples are embedded on first use."""

    def __init__(self, recommender: Recommender, tools: Sequence[BaseTool]) -> None:
        self.rec = recommender
        self.tools = [tool for tool in tools if declared_examples(tool)]
        self._examples: list[_Examples] | None = None

    def _embedded(self) -> list[_Examples]:
        if self._examples is None:
            self._examples = [
                _Examples(tool, float((tool.metadata or {}).get(TOOL_THRESHOLD_KEY, DEFAULT_THRESHOLD)),
                          self.rec.catalog.embed(declared_examples(tool)))
                for tool in self.tools
            ]
        return self._examples

    def choose(self, message: str) -> BaseTool | None:
        """The tool whose declared example is closest to the message, if close enough; else None."""
        if not self.tools or not message.strip():
            return None
        vector = self.rec.catalog.embed([message])[0]
        best: tuple[float, BaseTool] | None = None
        for entry in self._embedded():
            similarity = float(np.max(entry.vectors @ vector))
            if similarity >= entry.threshold and (best is None or similarity > best[0]):
                best = (similarity, entry.tool)
        return None if best is None else best[1]

    @staticmethod
    def arguments(tool: BaseTool, message: str) -> dict[str, Any]:
        """The chosen tool's arguments: the message in its `request` or `query` parameter, if it has one."""
        parameters = tool.args
        for name in MESSAGE_PARAMETERS:
            if name in parameters:
                return {name: message}
        return {}
