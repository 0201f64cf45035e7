"""Progress of long work on stderr: a bar on a terminal, a line now and then in a log; off when the `progress`
setting is false."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.auto import tqdm

__all__ = ["progress_bar", "chunks"]

T = TypeVar("T")


# Not on a terminal (a log file, CI), progress is a plain line this often, and one when the work is done.
LINE_SECONDS = 30.0


class _ProgressLines(tqdm):
    """tqdm that writes whole lines ("gpt epoch 3: 40% 120/300 batches [00:41<01:02]") instead of redrawing
    one: a log file gets a line every LINE_SECONDS, not a wall of carriage returns."""

    lines = 0

    def display(self, msg: str | None = None, pos: int | None = None) -> None:
        # Work that ends within the first interval prints nothing: a line is for work worth waiting on.
        if self.n == 0 or self._time() - self.start_t < LINE_SECONDS:
            return
        text = (msg if msg is not None else str(self)).strip()
        if text:
            self.fp.write(text + "\n")
            self.fp.flush()
            self.lines += 1

    def close(self) -> None:
        if not self.disable and self.lines and self.last_print_n != self.n:
            self.display()  # the last state, which the interval skipped
        self.leave = False
        super().close()


def progress_bar(iterable: Iterable[T] | None = None, *, total: int | None = None, desc: str, enabled: bool = True,
                 unit: str = "it") -> tqdm:
    """A tqdm bar on a terminal; elsewhere (logs, CI) a line every LINE_SECONDS; nothing when not `enabled`."""
    if enabled and not sys.stderr.isatty():
        return _ProgressLines(iterable, total=total, desc=desc, unit=unit, file=sys.stderr,
                              mininterval=LINE_SECONDS, maxinterval=LINE_SECONDS, ascii=True, leave=False)
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=not enabled, leave=False, dynamic_ncols=True)


def chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
