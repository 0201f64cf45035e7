"""The local chat model's generations: one at a time, in the order asked, on a thread of their own.

Callers never hold a thread while they wait for their turn. A lock taken around each generation did: LangChain
reads a sync model's stream on the event loop's few worker threads, one token per task, so turns waiting at
the lock filled every worker thread, the generating turn could not read its next token, and a server given more
streamed chat turns at once than it had worker threads hung for good. Here a turn queues its generation and
reads tokens from a streamer: a waiting async turn awaits, and a waiting sync one blocks only its own thread.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Generation", "GenerationQueue"]


@dataclass
class Generation:
    """One queued generation: how to run it, how to end its reader, whether its reader stopped wanting it."""

    run: Callable[[], None]
    end_reader: Callable[[], None]  # the streamer's end: the reader's loop stops after what was written
    finished: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None

    def check(self) -> None:
        """Raise what the generation failed with, in the reader's thread."""
        if self.error is not None:
            raise self.error


class GenerationQueue:
    """Runs queued generations one after another on one daemon thread (torch uses every core for one)."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Generation] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def submit(self, generation: Generation) -> Generation:
        with self._start_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._serve, name="recagent-generation", daemon=True)
                self._worker.start()
        self._queue.put(generation)
        return generation

    def _serve(self) -> None:
        while True:
            generation = self._queue.get()
            if generation.finished.is_set():  # its reader left before its turn came
                _quietly(generation.end_reader)
                continue
            try:
                generation.run()
            except BaseException as exc:  # noqa: BLE001 - handed to the reader, which raises it
                generation.error = exc
                _quietly(generation.end_reader)  # a failed generate() does not end its streamer itself


def _quietly(end_reader: Callable[[], None]) -> None:
    # An async reader's event loop may be closed already (its client left); the worker must outlive that.
    with contextlib.suppress(RuntimeError):
        end_reader()
