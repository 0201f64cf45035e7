"""Readers that turn files into items and events: tabular (CSV, JSONL, Parquet), MovieLens and S3-Rec.

Every reader raises `IngestError` naming the file, line and column of the first problem it meets.
"""

from __future__ import annotations

from pathlib import Path

from recagent.errors import IngestError
from recagent.readers.movielens import read_movielens_events, read_movielens_folder, read_movielens_items
from recagent.readers.s3rec import read_s3rec
from recagent.readers.tabular import read_tabular_events, read_tabular_items
from recagent.types import Event, Item

__all__ = ["FORMATS", "detect_format", "read_items", "read_events", "read_folder"]

FORMATS = ("auto", "csv", "jsonl", "parquet", "movielens", "s3rec")
_SUFFIXES = {
    ".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet", ".pq": "parquet", ".txt": "s3rec",
}
_MOVIELENS_NAMES = {"u.data", "u.item", "ratings.csv", "movies.csv", "ratings.dat", "movies.dat"}


def detect_format(path: Path) -> str:
    """Guess a file's format from its name, and for CSV from a MovieLens header."""
    if path.is_dir():
        return "movielens"
    if path.name in _MOVIELENS_NAMES or path.name.removesuffix(".gz") in _MOVIELENS_NAMES:
        return "movielens"
    suffixes = [s.lower() for s in path.suffixes]
    suffix = suffixes[-2] if suffixes[-1:] == [".gz"] and len(suffixes) > 1 else path.suffix.lower()
    fmt = _SUFFIXES.get(suffix)
    if fmt == "parquet" and suffixes[-1:] == [".gz"]:
        fmt = None  # Parquet compresses its own columns

    if fmt is None:
        raise IngestError(
            f"cannot tell the format from the name {path.name!r}; pass --format "
            f"({', '.join(FORMATS[1:])})",
            path=str(path),
        )
    return fmt


def _check_format(path: Path, fmt: str) -> str:
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", path=str(path))
    if not path.exists():
        raise IngestError("no such file or folder", path=str(path))
    return detect_format(path) if fmt == "auto" else fmt


def read_items(
    path: str | Path,
    fmt: str = "auto",
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
    category_separator: str = "|",
) -> list[Item]:
    """Read an items file in any supported format."""
    path = Path(path)
    fmt = _check_format(path, fmt)
    if fmt == "movielens":
        return read_movielens_items(path, encoding=encoding)
    if fmt == "s3rec":
        raise IngestError("the S3-Rec format holds events only; pass the file with --events", path=str(path))
    return read_tabular_items(path, fmt, columns=columns, encoding=encoding, category_separator=category_separator)


def read_events(
    path: str | Path,
    fmt: str = "auto",
    *,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
) -> tuple[list[Event], list[Item]]:
    """Read an events file; returns the events and any items the format itself defines (S3-Rec)."""
    path = Path(path)
    fmt = _check_format(path, fmt)
    if fmt == "movielens":
        return read_movielens_events(path, encoding=encoding), []
    if fmt == "s3rec":
        return read_s3rec(path, encoding=encoding)
    return read_tabular_events(path, fmt, columns=columns, encoding=encoding), []


def read_folder(path: str | Path, fmt: str = "auto", *, encoding: str | None = None) -> tuple[list[Item], list[Event]]:
    """Read a whole dataset folder (MovieLens 100k or latest-small)."""
    path = Path(path)
    if not path.is_dir():
        raise IngestError("not a folder", path=str(path))
    if fmt not in ("auto", "movielens"):
        raise IngestError(f"a folder can be ingested only in the movielens format, not {fmt!r}", path=str(path))
    return read_movielens_folder(path, encoding=encoding)
