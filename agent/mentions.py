"""Whether the catalog's texts mention a name at all: "any movies with Tom Cruise?" in a catalog that lists no cast.

Searched by meaning, a name the catalog never mentions still finds items ("Tom Cruise" found The Fifth Element and
Ace Ventura), each passed off as close to what was asked. The chat says plainly that nothing mentions the name and
matches only the rest of the request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from recagent.titles import normalise
from recagent.types import Item

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["CatalogMentions", "catalog_mentions"]


class CatalogMentions:
    """Every title, category, tag and description of the catalog, normalised into one text to look names up in."""

    def __init__(self, items: Iterable[Item]) -> None:
        parts = []
        for item in items:
            parts += [item.title, *item.categories, item.text, str(item.metadata.get("tags") or "")]
        self.text = " " + " | ".join(normalise(part) for part in parts if part) + " "

    def __call__(self, name: str) -> bool:
        """Whether any text of the catalog has the name, as whole words."""
        key = normalise(name)
        return bool(key) and f" {key} " in self.text


def catalog_mentions(recommender: Recommender) -> CatalogMentions:
    """The catalog's mentions, a catalog view rebuilt only when items change."""
    return recommender.catalog.view("catalog_mentions", lambda catalog: CatalogMentions(catalog.all_items()))
