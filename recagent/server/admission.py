"""How many chat turns a server process takes on at once: the rest are refused at once, never left to hang.

The chat model writes one reply at a time, so turns beyond the ones being written wait in a queue. A bounded
queue keeps each waiting turn's wait bounded too; a turn refused with 503 and `Retry-After` (the time the
turns ahead are expected to take) can come back, while a turn queued behind fifty others would time out.
"""

from __future__ import annotations

import math
import time

__all__ = ["TurnGate", "TurnSlot"]


class TurnSlot:
    """One admitted turn; `release` (idempotent) gives its place back and records how long it took."""

    def __init__(self, gate: TurnGate) -> None:
        self._gate, self._start, self._released = gate, time.monotonic(), False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._gate._finished(time.monotonic() - self._start)


class TurnGate:
    """Admits up to `limit` chat turns at once. Used from one event loop, so a plain counter is safe."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, int(limit))
        self.in_flight = 0
        self._seconds_per_turn = 2.0  # a first guess, replaced by a running average of turns measured

    def admit(self) -> TurnSlot | None:
        """A slot for one more turn, or None when `limit` turns are running or waiting."""
        if self.in_flight >= self.limit:
            return None
        self.in_flight += 1
        return TurnSlot(self)

    def retry_after(self) -> int:
        """Whole seconds until the turns taken on now are expected to be done (turns run one at a time)."""
        return max(1, math.ceil(self._seconds_per_turn * self.in_flight))

    def _finished(self, seconds: float) -> None:
        self.in_flight -= 1
        self._seconds_per_turn = 0.8 * self._seconds_per_turn + 0.2 * seconds
