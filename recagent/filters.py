"""Metadata filters from a simple dict, such as ``{"category": "Comedy", "year": {">=": 1990}}``.

A bare value means equality (for `category`: the item has that category). An operator dict may use
==, !=, <, <=, >, >=, in, not in and all (the item has every one of the values: `{"category": {"all": ["Animation",
"Sci-Fi"]}}` is an animated science-fiction film). Fields are `id`, `title`, `category` and any metadata key.
The one parser of the syntax: `parse_conditions` checks a filter dict once and flattens it into
conditions, which the pipeline tests against items (`compile_filters`) and the item index turns into
its own queries (`recagent.vectorstore`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from recagent.errors import RecagentError
from recagent.types import Item

__all__ = [
    "CATEGORY_FIELDS",
    "Condition",
    "FilterError",
    "LIST_OPERATORS",
    "OPERATORS",
    "ORDER_OPERATORS",
    "compile_filters",
    "filters_json_schema",
    "parse_conditions",
    "parse_filter_option",
]

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda value, options: value in options, "not in": lambda value, options: value not in options,
    # Tested against all of an item's values at once (`_holds`): each option must be among them.
    "all": lambda value, options: value in options,
}
LIST_OPERATORS = frozenset({"in", "not in", "all"})


CATEGORY_FIELDS = frozenset({"category", "categories"})
ORDER_OPERATORS = frozenset({"<", "<=", ">", ">="})


class FilterError(RecagentError, ValueError):
    """A filter that cannot be understood."""


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on one field, such as year >= 1990; several conditions must all hold."""

    field: str
    op: str
    value: Any


def _check_value(field: str, op: str, value: Any) -> Any:
    if op in LIST_OPERATORS:
        if not isinstance(value, list | tuple | set | frozenset):
            raise FilterError(f"filter {field!r} {op!r} needs a list of values, got {value!r}")
        values = list(value)
        for entry in values:
            _check_value(field, "==", entry)
        return tuple(values)
    if isinstance(value, Mapping | list | tuple | set) or value is None:
        raise FilterError(
            f"filter {field!r} {op!r} compares with {value!r}; compare with one str, int, float or bool "
            "(use 'in' for a list of values)"
        )
    return value


def parse_conditions(filters: Mapping[str, Any] | None) -> list[Condition]:
    """The conditions of a filter dict such as {"category": "Comedy", "year": {">=": 1990}}."""
    if not filters:
        return []
    if not isinstance(filters, Mapping):
        raise FilterError(f"filters must be a mapping of field to value, got {type(filters).__name__}")
    conditions = []
    for field, spec in filters.items():
        if not isinstance(field, str) or not field:
            raise FilterError(f"filter fields must be non-empty strings, got {field!r}")
        pairs = spec.items() if isinstance(spec, Mapping) else [("==", spec)]
        for op, value in pairs:
            if op not in OPERATORS:
                raise FilterError(
                    f"unknown filter operator {op!r} for {field!r}; use one of {', '.join(OPERATORS)}"
                )
            conditions.append(Condition(field, op, _check_value(field, op, value)))
    return conditions


def _values(item: Item, field: str) -> list[Any]:
    if field in CATEGORY_FIELDS:
        return list(item.categories)
    if field in ("id", "title"):
        return [getattr(item, field)]
    return [item.metadata[field]] if field in item.metadata else []


def filters_json_schema() -> dict[str, Any]:
    """What `parse_conditions` accepts, as JSON Schema: the HTTP API's schema declares the syntax with it."""
    scalar = {"type": ["string", "number", "boolean"]}
    operators = {op: {"type": "array", "items": scalar} if op in LIST_OPERATORS else scalar for op in OPERATORS}
    return {
        "type": "object",
        "propertyNames": {"minLength": 1},
        "additionalProperties": {"anyOf": [scalar, {"type": "object", "properties": operators,
                                                    "additionalProperties": False}]},
    }


def _holds(condition: Condition, item: Item) -> bool:
    compare = OPERATORS[condition.op]
    values = _values(item, condition.field)
    if condition.op == "all":
        return all(any(_safe(operator.eq, value, expected) for value in values) for expected in condition.value)
    if condition.op in ("!=", "not in"):  # no value may be excluded (a missing field excludes nothing)
        return all(_safe(compare, value, condition.value) for value in values)
    return any(_safe(compare, value, condition.value) for value in values)


def _safe(compare: Callable[[Any, Any], bool], value: Any, expected: Any) -> bool:
    try:
        return bool(compare(value, expected))
    except TypeError:  # comparing a number with text: the item does not match
        return False


def compile_filters(filters: Mapping[str, Any] | None) -> Callable[[Item], bool]:
    """A predicate that is true for items matching every filter."""
    conditions = parse_conditions(filters)
    if not conditions:
        return lambda item: True
    return lambda item: all(_holds(condition, item) for condition in conditions)


def parse_filter_option(text: str) -> tuple[str, dict[str, Any]]:
    """One command-line filter such as ``category=Comedy`` or ``year>=1990`` as (field, {op: value})."""
    for op in (">=", "<=", "!=", "==", ">", "<", "="):
        field, sep, raw = text.partition(op)
        if sep and field.strip():
            value: Any = raw.strip()
            try:
                value = int(value)
            except ValueError:
                try:
                    value = float(value)
                except ValueError:
                    pass
            return field.strip(), {"==" if op == "=" else op: value}
    raise FilterError(f"cannot read the filter {text!r}; write FIELD=VALUE or FIELD>=NUMBER (also <=, >, <, !=)")
