"""Results as tables: a pyarrow Table, or a pandas or polars DataFrame made from it.

Arrow is a dependency already; pandas and polars are imported only when asked for, with a clear error when
they are not installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from recagent.errors import RecagentError
from recagent.types import Recommendation

__all__ = ["BACKENDS", "as_backend", "check_backend", "recommendations_table"]

BACKENDS = ("pandas", "polars", "arrow")


def recommendations_table(results: Iterable[tuple[str, Sequence[Recommendation]]]) -> Any:
    """One row per recommended item: user, rank (1 = best), item, title, score, reasons (joined by "; ")."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {"user": [], "rank": [], "item": [], "title": [], "score": [], "reasons": []}
    for user, recommendations in results:
        for rank, recommendation in enumerate(recommendations, start=1):
            columns["user"].append(user)
            columns["rank"].append(rank)
            columns["item"].append(recommendation.item.id)
            columns["title"].append(recommendation.item.title)
            columns["score"].append(float(recommendation.score))
            columns["reasons"].append("; ".join(recommendation.reasons))
    schema = pa.schema([("user", pa.string()), ("rank", pa.int32()), ("item", pa.string()), ("title", pa.string()),
                        ("score", pa.float64()), ("reasons", pa.string())])
    return pa.table(columns, schema=schema)


def check_backend(backend: str) -> None:
    """A RecagentError unless `backend` is one of BACKENDS."""
    if backend not in BACKENDS:
        raise RecagentError(f"unknown table backend {backend!r}; use one of {', '.join(BACKENDS)}")


def as_backend(table: Any, backend: str) -> Any:
    """The Arrow table as `backend` asks: "pandas", "polars" or "arrow"."""
    check_backend(backend)
    if backend == "arrow":
        return table
    try:
        if backend == "pandas":
            return table.to_pandas()
        import polars

        return polars.from_arrow(table)
    except ImportError as exc:
        raise RecagentError(f"{backend} is not installed: pip install {backend} (or ask for backend='arrow')") from exc
