"""Filters checked against the catalog: a field, a category or a comparison the catalog cannot match is an
error that says what the catalog has (with the closest names), not a silent empty answer.

`category=comedy` is spelled as the catalog spells it (Comedy); `category=Comdy`, `genre=Comedy` and
`year>=abc` are errors with suggestions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from recagent.filters import CATEGORY_FIELDS, ORDER_OPERATORS, FilterError, parse_conditions

if TYPE_CHECKING:
    from recagent.catalog import Catalog

__all__ = ["CatalogFields", "FilterNotInCatalogError", "check_filters"]

# Fields every item has, whatever its metadata.
ITEM_FIELDS = ("id", "title", *sorted(CATEGORY_FIELDS))
NUMERIC = frozenset({"integer", "real"})
CATEGORY_LIKE = frozenset({"genre", "genres", "cat", "type", "types", "tag_category", "kind"})
SUGGESTIONS = 3
SIMILAR_ENOUGH = 60  # rapidfuzz WRatio: "Comdy" scores 91 against "Comedy", "genre" 0 against "year"


class FilterNotInCatalogError(FilterError):
    """A well-formed filter that names what this catalog does not have (or compares a number field with text)."""


@dataclass(frozen=True)
class CatalogFields:
    """What a filter can name in this catalog: its categories and metadata fields with their value types."""

    categories: tuple[str, ...]
    fields: Mapping[str, frozenset[str]]
    by_folded: Mapping[str, str]  # category names by their case-folded spelling

    @classmethod
    def of(cls, catalog: Catalog) -> CatalogFields:
        def build(c: Catalog) -> CatalogFields:
            categories = tuple(c.categories())
            return cls(categories, {key: frozenset(kinds) for key, kinds in c.store.metadata_fields().items()},
                       {name.casefold(): name for name in categories})

        return catalog.view("filter_fields", build)


def _closest(word: str, choices: Sequence[str]) -> list[str]:
    found = process.extract(word, list(choices), scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=SIMILAR_ENOUGH)
    return [choice for choice, _, _ in found]


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = _closest(word, choices)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _category(value: Any, known: CatalogFields) -> str:
    found = known.by_folded.get(str(value).strip().casefold())
    if found is None:
        listed = ", ".join(known.categories[:30]) + (" ..." if len(known.categories) > 30 else "") or "none"
        hint = _did_you_mean(str(value), known.categories)
        raise FilterNotInCatalogError(f"the catalog has no category {value!r}{hint} (its categories: {listed})")
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_filters(filters: Mapping[str, Any] | None, catalog: Catalog) -> dict[str, Any] | None:
    """The filters with categories spelled as the catalog spells them; FilterError for what cannot match."""
    conditions = parse_conditions(filters)
    if not conditions:
        return None
    known = CatalogFields.of(catalog)
    checked: dict[str, dict[str, Any]] = {}
    for condition in conditions:
        field, op, value = condition.field, condition.op, condition.value
        if field in CATEGORY_FIELDS:
            value = tuple(_category(v, known) for v in value) if isinstance(value, tuple) else _category(value, known)
        elif field not in ITEM_FIELDS:
            kinds = known.fields.get(field)
            if kinds is None:
                names = [*ITEM_FIELDS, *sorted(known.fields)]
                hint = "; did you mean 'category'?" if field.lower() in CATEGORY_LIKE else _did_you_mean(field, names)
                raise FilterNotInCatalogError(f"no item has the field {field!r}{hint} (fields: {', '.join(names)})")
            values = value if isinstance(value, tuple) else (value,)
            if kinds <= NUMERIC and not all(_is_number(v) for v in values):
                raise FilterNotInCatalogError(f"{field!r} is a number in this catalog; {value!r} is not a number")
            if op in ORDER_OPERATORS and not kinds & NUMERIC and _is_number(value):
                raise FilterNotInCatalogError(f"{field!r} holds text in this catalog; compare it with {op} against "
                                              f"text, not the number {value!r}")
        checked.setdefault(field, {})[op] = list(value) if isinstance(value, tuple) else value
    return checked
