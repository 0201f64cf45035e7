"""CSV, JSONL and Parquet files with a header, mapped onto item and event fields by column name."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from recagent.errors import IngestError
from recagent.readers.text import coerce_scalar, parse_number, parse_timestamp, read_text
from recagent.types import Event, Item

__all__ = ["ITEM_COLUMNS", "EVENT_COLUMNS", "events_from_rows", "items_from_rows", "iter_rows", "read_tabular_events",
           "read_tabular_items", "year_of"]

# Field -> column names recognised without a mapping (compared case-insensitively); the first is canonical.
ITEM_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "item", "item_id", "itemid", "movieid", "product_id", "productid", "asin", "sku"),
    "title": ("title", "name"),
    "text": ("text", "description", "overview", "summary", "body", "content"),
    "categories": ("categories", "category", "genres", "genre"),
}
EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "user": ("user", "user_id", "userid", "customer_id", "reviewerid"),
    "item": ("item", "item_id", "itemid", "movieid", "product_id", "productid", "asin"),
    "timestamp": ("timestamp", "time", "ts", "datetime", "date", "unixreviewtime"),
    "kind": ("kind", "event", "event_type", "type", "action"),
    "value": ("value", "rating", "score", "weight"),
}
_REQUIRED = {"id", "user", "item"}
# Date columns whose year becomes the item's `year` when it has none (TMDB's release_date).
DATE_COLUMNS = ("release_date", "released", "release", "date", "air_date", "first_air_date", "publication_date")
# Columns of keywords that become the item's `tags` (searched by meaning) when the file has no tags column.
TAG_COLUMNS = {"keywords": "tags", "keyword": "tags"}
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")

Row = tuple[int, dict[str, Any]]


def iter_rows(path: Path, fmt: str, encoding: str | None) -> tuple[list[str], Iterator[Row]]:
    """The header and the (line number, row) pairs of a tabular file."""
    if fmt == "csv":
        return _csv_rows(path, encoding)
    if fmt == "jsonl":
        return _jsonl_rows(path, encoding)
    if fmt == "parquet":
        return _parquet_rows(path)
    raise IngestError(f"{fmt!r} is not a tabular format", path=str(path))


def _csv_rows(path: Path, encoding: str | None) -> tuple[list[str], Iterator[Row]]:
    text = read_text(path, encoding)
    delimiter = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise IngestError(f"unreadable header ({exc})", path=str(path), line=1) from None
    if not header or not any(cell.strip() for cell in header):
        raise IngestError("the file is empty; expected a header line naming the columns", path=str(path), line=1)
    header = [cell.strip() for cell in header]
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise IngestError(f"duplicate column names in the header: {', '.join(duplicates)}", path=str(path), line=1)

    def rows() -> Iterator[Row]:
        line = reader.line_num
        while True:
            start = line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise IngestError(f"malformed CSV ({exc})", path=str(path), line=reader.line_num) from None
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != len(header):
                raise IngestError(
                    f"the row has {len(cells)} fields but the header has {len(header)}; "
                    "check for an unquoted delimiter or a missing value",
                    path=str(path), line=start,
                )
            yield start, dict(zip(header, cells))

    return header, rows()


def _jsonl_rows(path: Path, encoding: str | None) -> tuple[list[str], Iterator[Row]]:
    lines = read_text(path, encoding).splitlines()
    parsed: list[Row] = []
    header: dict[str, None] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(f"invalid JSON at character {exc.colno}: {exc.msg}", path=str(path), line=number) from None
        if not isinstance(row, dict):
            raise IngestError(f"expected a JSON object per line, got {type(row).__name__}", path=str(path), line=number)
        header.update(dict.fromkeys(row))
        parsed.append((number, row))
    if not parsed:
        raise IngestError("the file is empty; expected one JSON object per line", path=str(path))
    return list(header), iter(parsed)


def _parquet_rows(path: Path) -> tuple[list[str], Iterator[Row]]:
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        table = pq.read_table(path)
    except (ArrowException, OSError) as exc:
        raise IngestError(f"not a readable Parquet file ({exc})", path=str(path)) from None
    # Parquet has no lines: errors name the row, counted from 1 like a line after a header.
    return list(table.column_names), ((number, row) for number, row in enumerate(table.to_pylist(), start=1))


def _resolve_columns(
    header: list[str], known: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str] | None, path: str
) -> dict[str, str]:
    """Field -> column in this file, from the explicit mapping first and then the recognised names."""
    # One mapping serves both the items and the events file: each takes the fields it knows.
    every_field = {*ITEM_COLUMNS, *EVENT_COLUMNS}
    unknown_fields = sorted(set(mapping or {}) - every_field)
    if unknown_fields:
        raise IngestError(
            f"cannot map unknown field(s) {', '.join(unknown_fields)}; fields are {', '.join(sorted(every_field))}",
            path=path,
        )
    mapping = {field: column for field, column in (mapping or {}).items() if field in known}
    by_lower = {name.lower(): name for name in header}
    resolved: dict[str, str] = {}
    for field, aliases in known.items():
        if field in mapping:
            if mapping[field] not in header:
                raise IngestError(
                    f"column {mapping[field]!r} (mapped to {field!r}) is not in the header; "
                    f"found: {', '.join(header)}",
                    path=path, line=1,
                )
            resolved[field] = mapping[field]
            continue
        taken = set(resolved.values()) | set(mapping.values())
        match = next((by_lower[a] for a in aliases if a in by_lower and by_lower[a] not in taken), None)
        if match is not None:
            resolved[field] = match
        elif field in _REQUIRED:
            raise IngestError(
                f"missing column for {field!r}: the header has none of {', '.join(aliases)} "
                f"(found: {', '.join(header)}); map one with --map {field}=COLUMN",
                path=path, line=1,
            )
    return resolved


def _required_text(row: dict[str, Any], column: str, path: str, line: int) -> str:
    value = row.get(column)
    text = "" if _missing(value) else str(value).strip()
    if not text:
        raise IngestError("empty value; every row needs one", path=path, line=line, column=column)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # ids read as floats from Parquet or JSON keep their integer spelling
    return text


def _categories(value: Any, separator: str) -> tuple[str, ...]:
    if _missing(value):
        return ()
    if isinstance(value, str) and value.strip().startswith("["):
        value = _json_list(value)  # TMDB: '[{"id": 28, "name": "Action"}, ...]', or '["Action", ...]'
    if isinstance(value, (list, tuple)) or _is_array(value):
        parts = [str(part.get("name", "")) if isinstance(part, Mapping) else str(part) for part in value]
    else:
        parts = str(value).split(separator)
    return tuple(dict.fromkeys(part.strip() for part in parts if part and part.strip()))


def _metadata_value(value: Any) -> Any:
    """A cell as metadata: numbers as numbers, and a JSON list (TMDB's keywords, companies) as its names."""
    if isinstance(value, str) and value.strip().startswith("["):
        listed = _json_list(value)
        if isinstance(listed, list):
            return ", ".join(_categories(listed, ","))
    if isinstance(value, (list, tuple)) or _is_array(value):
        return ", ".join(_categories(value, ","))
    return coerce_scalar(value)


def _json_list(text: str) -> Any:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text  # a category that happens to start with "[": kept as written
    return value if isinstance(value, list) else text


def _is_array(value: Any) -> bool:
    """A list cell of a DataFrame (a NumPy array from pandas, a Series from polars), not a string."""
    return hasattr(value, "__len__") and hasattr(value, "__iter__") and not isinstance(value, (str, bytes, Mapping))


def read_tabular_items(
    path: Path,
    fmt: str,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    category_separator: str = "|",
) -> list[Item]:
    """Items from a tabular file; unmapped columns become metadata."""
    header, rows = iter_rows(path, fmt, encoding)
    return items_from_rows(header, rows, str(path), columns=columns, category_separator=category_separator)


def items_from_rows(
    header: list[str],
    rows: Iterable[Row],
    origin: str,
    *,
    columns: Mapping[str, str] | None = None,
    category_separator: str = "|",
) -> list[Item]:
    """Items from rows of any tabular source (a file, a DataFrame, records); `origin` names it in errors."""
    fields = _resolve_columns(header, ITEM_COLUMNS, columns, origin)
    used = set(fields.values())
    year_column = None if any(name.lower() == "year" for name in header) else next(
        (name for name in header if name.lower() in DATE_COLUMNS and name not in used), None)
    tags_free = not any(name.lower() == "tags" for name in header)
    items = []
    for line, row in rows:
        item_id = _required_text(row, fields["id"], origin, line)
        title = row.get(fields["title"]) if "title" in fields else None
        text = row.get(fields["text"]) if "text" in fields else None
        metadata = {
            TAG_COLUMNS.get(key.lower(), key) if tags_free else key: _metadata_value(value)
            for key, value in row.items()
            if key not in used and not _missing(value)
        }
        if year_column is not None and (year := year_of(row.get(year_column))) is not None:
            metadata["year"] = year  # "release_date": "2009-12-10" filters as year>=2000
        items.append(Item(
            id=item_id,
            title=str(title).strip() if not _missing(title) else item_id,
            text="" if _missing(text) else str(text),
            categories=_categories(row.get(fields["categories"]), category_separator) if "categories" in fields else (),
            metadata=metadata,
        ))
    return items


def read_tabular_events(
    path: Path,
    fmt: str,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> list[Event]:
    """Events from a tabular file; without a time column, the row order is the time order."""
    header, rows = iter_rows(path, fmt, encoding)
    return events_from_rows(header, rows, str(path), columns=columns)


def events_from_rows(header: list[str], rows: Iterable[Row], origin: str, *,
                     columns: Mapping[str, str] | None = None) -> list[Event]:
    """Events from rows of any tabular source; without a time column, the row order is the time order."""
    fields = _resolve_columns(header, EVENT_COLUMNS, columns, origin)
    default_kind = "rating" if fields.get("value", "").lower() == "rating" else "interaction"
    events = []
    for line, row in rows:
        user = _required_text(row, fields["user"], origin, line)
        item = _required_text(row, fields["item"], origin, line)
        if "timestamp" in fields:
            timestamp = parse_timestamp(row.get(fields["timestamp"]), path=origin, line=line,
                                        column=fields["timestamp"])
        else:
            timestamp = float(line)
        value = None
        if "value" in fields and not _missing(row.get(fields["value"])):
            value = parse_number(row[fields["value"]], path=origin, line=line, column=fields["value"])
        kind = str(row.get(fields["kind"]) or "").strip() if "kind" in fields else ""
        events.append(Event(user, item, timestamp, kind or default_kind, value))
    return events


def _missing(value: Any) -> bool:
    """An empty cell: None, "", or a DataFrame's NaN / NaT."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    return isinstance(value, float) and math.isnan(value)


def year_of(value: Any) -> int | None:
    """The year of a date cell ("2009-12-10", "12/10/2009", a date or datetime), or None."""
    if _missing(value):
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.year
    match = _YEAR.search(str(value))
    return int(match.group(0)) if match else None
