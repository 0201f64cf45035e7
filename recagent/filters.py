"""Metadata filters from a simple dict, such as ``{"category": "Comedy", "year": {">=": 1990}}``.

A bare value means equality (for `category`: the item has that category). An operator dict may use
==, !=, <, <=, >, >=, in and not in. Fields are `id`, `title`, `category` and any metadata key.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from recagent.errors import RecagentError
from recagent.types import Item

__all__ = ["FilterError", "OPERATORS", "compile_filters", "parse_filter_option"]

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda value, options: value in options, "not in": lambda value, options: value not in options,
}


class FilterError(RecagentError, ValueError):
    """A filter that cannot be understood."""


def _values(item: Item, field: str) -> list[Any]:
    if field in ("category", "categories"):
        return list(item.categories)
    if field in ("id", "title"):
        return [getattr(item, field)]
    return [item.metadata[field]] if field in item.metadata else []


def _condition(field: str, spec: Any) -> Callable[[Item], bool]:
    conditions = spec.items() if isinstance(spec, Mapping) else [("==", spec)]
    checks = []
    for op, expected in conditions:
        if op not in OPERATORS:
            raise FilterError(f"unknown filter operator {op!r} for {field!r}; use one of {', '.join(OPERATORS)}")
        if op in ("in", "not in") and not isinstance(expected, (list, tuple, set, frozenset)):
            raise FilterError(f"filter {field!r} {op!r} needs a list of values, got {expected!r}")
        checks.append((OPERATORS[op], op, expected))

    def matches(item: Item) -> bool:
        values = _values(item, field)
        for compare, op, expected in checks:
            if op in ("!=", "not in"):
                ok = all(_safe(compare, v, expected) for v in values)
            else:
                ok = any(_safe(compare, v, expected) for v in values)
            if not ok:
                return False
        return True

    return matches


def _safe(compare: Callable[[Any, Any], bool], value: Any, expected: Any) -> bool:
    try:
        return bool(compare(value, expected))
    except TypeError:  # comparing a number with text: the item does not match
        return False


def compile_filters(filters: Mapping[str, Any] | None) -> Callable[[Item], bool]:
    """A predicate that is true for items matching every filter."""
    if not filters:
        return lambda item: True
    if not isinstance(filters, Mapping):
        raise FilterError(f"filters must be a mapping of field to value, got {type(filters).__name__}")
    conditions = [_condition(field, spec) for field, spec in filters.items()]
    return lambda item: all(condition(item) for condition in conditions)


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
