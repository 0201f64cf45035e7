"""Filters in recagent's dict syntax, checked once and flattened into (field, operator, value) conditions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from recagent.filters import OPERATORS, FilterError

__all__ = ["Condition", "parse_conditions", "CATEGORY_FIELDS", "ORDER_OPERATORS"]

CATEGORY_FIELDS = frozenset({"category", "categories"})
ORDER_OPERATORS = frozenset({"<", "<=", ">", ">="})


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on one field, such as year >= 1990; several conditions must all hold."""

    field: str
    op: str
    value: Any


def _check_value(field: str, op: str, value: Any) -> Any:
    if op in ("in", "not in"):
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
