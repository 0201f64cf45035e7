"""Progress bars for long work, on stderr, off when the `progress` setting is false or not a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.auto import tqdm

__all__ = ["progress_bar", "chunks"]

T = TypeVar("T")


def progress_bar(iterable: Iterable[T] | None = None, *, total: int | None = None, desc: str, enabled: bool = True,
                 unit: str = "it") -> tqdm:
    """A tqdm bar; `disable=None` keeps it quiet when stderr is not a terminal (logs, CI)."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=None if enabled else True,
                leave=False, dynamic_ncols=True)


def chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
