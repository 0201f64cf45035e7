"""DataFrames, Arrow tables and records as tabular rows: they ingest like a file with the same columns.

pandas and polars DataFrames and pyarrow Tables are read through Arrow, so their values arrive as plain
Python values (no NumPy scalars, NaN as a missing cell). Records (a list of mappings, such as
`df.to_dict("records")`) are read the same way whenever they carry columns other than the fields of
`Item` or `Event` themselves. Neither pandas nor polars is needed unless the caller passes one of theirs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from recagent.errors import IngestError

__all__ = ["frame_rows", "record_rows"]

Row = tuple[int, dict[str, Any]]


def _arrow_table(source: Any) -> Any | None:
    """The source as a pyarrow Table when it is a DataFrame or an Arrow table; else None."""
    import pyarrow as pa

    if isinstance(source, pa.Table):
        return source
    if isinstance(source, pa.RecordBatch):
        return pa.Table.from_batches([source])
    module = type(source).__module__.split(".")[0]
    if module == "polars" and hasattr(source, "to_arrow"):
        return source.to_arrow()
    if module == "pandas" and hasattr(source, "columns") and hasattr(source, "iloc"):
        return pa.Table.from_pandas(source, preserve_index=False)
    return None


def frame_rows(source: Any) -> tuple[list[str], Iterator[Row]] | None:
    """The header and (row number, row) pairs of a DataFrame or Arrow table; None for anything else."""
    table = _arrow_table(source)
    if table is None:
        return None
    header = [str(name) for name in table.column_names]
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise IngestError(f"duplicate column names: {', '.join(duplicates)}", path="DataFrame")
    return header, ((number, row) for number, row in enumerate(table.to_pylist(), start=1))


def record_rows(records: Iterable[Mapping[str, Any]]) -> tuple[list[str], Iterator[Row]]:
    """The header (every key, in first-seen order) and (record number, row) pairs of a list of mappings."""
    rows = [{str(key): _plain(value) for key, value in record.items()} for record in records]
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    return list(header), ((number, row) for number, row in enumerate(rows, start=1))


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python value it holds (`df.to_dict("records")` gives numpy.int64 ids)."""
    if hasattr(value, "item") and type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
