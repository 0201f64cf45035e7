"""Decoding input files with errors that name the line, and parsing of scalar values."""

from __future__ import annotations

import codecs
import gzip
import math
from datetime import datetime
from pathlib import Path

from recagent.errors import IngestError

__all__ = ["read_text", "parse_number", "parse_timestamp", "coerce_scalar"]


def read_text(path: Path, encoding: str | None = None) -> str:
    """The whole file as text; a decoding error names the line and the byte and how to fix it."""
    encoding = encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise IngestError(f"unknown encoding {encoding!r}; pass a Python codec name such as utf-8 or latin-1",
                          path=str(path)) from None
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise IngestError(f"cannot read the file ({reason})", path=str(path)) from None
    if encoding.replace("-", "").lower() in ("utf8", "utf8sig") and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "pass the file's encoding with --encoding (for example latin-1) or re-encode it as UTF-8",
            path=str(path),
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError(
            "contains NUL characters: this looks like a binary file or another encoding (UTF-16?); "
            "pass its encoding with --encoding or check the file",
            path=str(path),
            line=line,
        )
    return text


def parse_number(raw: object, *, path: Path | str, line: int, column: str) -> float:
    """A finite float from a cell, or an IngestError naming the cell."""
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise IngestError(f"{raw!r} is not a number", path=str(path), line=line, column=column) from None
    if not math.isfinite(value):
        raise IngestError(f"{raw!r} is not a finite number", path=str(path), line=line, column=column)
    return value


def parse_timestamp(raw: object, *, path: Path | str, line: int, column: str) -> float:
    """Seconds since the epoch from a number or an ISO 8601 date/time."""
    if isinstance(raw, datetime):
        return raw.timestamp()
    if isinstance(raw, str) and raw and not _looks_numeric(raw):
        try:
            return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).timestamp()
        except ValueError:
            raise IngestError(
                f"{raw!r} is neither a number of seconds nor an ISO 8601 date/time",
                path=str(path), line=line, column=column,
            ) from None
    return parse_number(raw, path=path, line=line, column=column)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def coerce_scalar(raw: object) -> object:
    """CSV cells are strings: turn numeric ones into int or float so filters can compare them."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if text.lstrip("-").isdigit() and not (len(text.lstrip("-")) > 1 and text.lstrip("-").startswith("0")):
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return raw
    return value if math.isfinite(value) else raw
