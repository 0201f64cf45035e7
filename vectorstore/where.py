"""Filters in recagent's dict syntax translated to Chroma's `where`, for callers that query Chroma directly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recagent.filters import CATEGORY_FIELDS, ORDER_OPERATORS, Condition, FilterError, parse_conditions
from recagent.vectorstore.records import CATEGORIES_KEY

__all__ = ["to_chroma_where"]

_CHROMA_OPS = {"==": "$eq", "!=": "$ne", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte",
               "in": "$in", "not in": "$nin"}


def _category(condition: Condition) -> dict[str, Any]:
    op, value = condition.op, condition.value
    if op in ORDER_OPERATORS:
        raise FilterError(
            f"Chroma cannot compare categories with {op!r}; use ItemIndex.query, which can, or '=='/'in'"
        )
    if op in ("==", "!="):
        return {CATEGORIES_KEY: {"$contains" if op == "==" else "$not_contains": value}}
    if not value:
        raise FilterError(f"filter {condition.field!r} {op!r} needs at least one value for Chroma")
    parts = [{CATEGORIES_KEY: {"$not_contains" if op == "not in" else "$contains": v}} for v in value]
    return parts[0] if len(parts) == 1 else {"$or" if op == "in" else "$and": parts}


def _field(condition: Condition) -> dict[str, Any]:
    op, value = condition.op, condition.value
    if condition.field == "id":
        raise FilterError("Chroma's where cannot filter on item ids; pass ids to Chroma, or use ItemIndex.query")
    if op in ORDER_OPERATORS and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise FilterError(
            f"Chroma compares only numbers with {op!r}, got {value!r} for {condition.field!r}; "
            "use ItemIndex.query, which compares text too"
        )
    if op == "all":  # one value each: every one of them only when they are all the same
        parts = [{condition.field: {"$eq": v}} for v in dict.fromkeys(value)]
        if not parts:
            raise FilterError(f"filter {condition.field!r} 'all' needs at least one value for Chroma")
        return parts[0] if len(parts) == 1 else {"$and": parts}
    if op in ("in", "not in"):
        if not value:
            raise FilterError(f"filter {condition.field!r} {op!r} needs at least one value for Chroma")
        if len({type(v) for v in value}) > 1:
            raise FilterError(
                f"Chroma needs the values of {condition.field!r} {op!r} to share one type, got {list(value)!r}"
            )
        value = list(value)
    return {condition.field: {_CHROMA_OPS[op]: value}}


def to_chroma_where(filters: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Chroma's `where` for a recagent filter dict, or None for no filter."""
    clauses = []
    for condition in parse_conditions(filters):
        clause = _category(condition) if condition.field in CATEGORY_FIELDS else _field(condition)
        clauses.append(clause)
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
