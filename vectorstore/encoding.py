"""Encoding a build's texts, in helper processes forked from this one while this process writes to Chroma.

Chroma's Python bindings hold the GIL while they write (measured: a spinning thread ran at under 1% of
its speed), so a thread cannot overlap encoding with writing; other processes can. The helpers are forked
rather than started afresh: a fresh interpreter spent about 5 s importing torch and sentence-transformers and
loading the model (a quarter of a 10k-item build on 2 cores), a forked one starts with this process's loaded
model in milliseconds, and no script is run again in it. Each helper runs torch on one thread, one helper a
core: two one-thread processes encode about as fast as one two-thread process (613 against 538 texts/s in
one run on 2 cores, about even in others), and when the writes take a core a one-thread helper loses only
its own share, where a two-thread process stalls at every operation waiting for its descheduled thread.
"""

from __future__ import annotations

import gc
import logging
import math
import mmap
import multiprocessing
import os
import signal
import sys
import warnings
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

import numpy as np

from recagent.errors import IndexBuildError
from recagent.lifetime import end_with_parent
from recagent.vectorstore.embedders import Embedder

__all__ = ["ChunkEncoder", "InlineEncoder", "ForkedEncoder", "chunk_encoder", "helper_count", "HELPER_CHUNK"]

# Texts a helper encodes at a time: small enough that the helpers finish close together at the end of a build
# and a result is written in a fraction of a second, large enough for full batches of 64.
HELPER_CHUNK = 256
_IN_FLIGHT = 2  # chunks queued per helper, so that it never waits for this process between two
# Helpers yield the CPU to this process's writes: writes that fell behind would leave one core idle at the end.
_HELPER_NICENESS = 5
# How often an idle helper checks that its parent is still there, where the kernel cannot be asked to tell it.
_PARENT_CHECK_SECONDS = 1.0

Chunk = tuple[range, np.ndarray]  # positions in the texts, and their vectors

log = logging.getLogger(__name__)


def _spans(count: int, size: int) -> list[range]:
    """Positions 0..count-1 in consecutive ranges of at most `size`."""
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


class ChunkEncoder:
    """Encodes texts chunk by chunk; `encode` yields each chunk as it is ready, in any order."""

    def encode(self, texts: Sequence[str]) -> Iterator[Chunk]:
        raise NotImplementedError

    def finished(self) -> Iterator[Chunk]:
        """Chunks already encoded but not yet yielded by `encode`, without waiting for more."""
        return iter(())

    def close(self) -> None:
        """Release what the encoder holds."""

    def __enter__(self) -> ChunkEncoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InlineEncoder(ChunkEncoder):
    """Encodes in this process, one chunk when the previous one has been taken."""

    def __init__(self, embedder: Embedder, chunk: int) -> None:
        self.embedder = embedder
        self.chunk = chunk

    def encode(self, texts: Sequence[str]) -> Iterator[Chunk]:
        for span in _spans(len(texts), self.chunk):
            yield span, self.embedder.embed(texts[span.start:span.stop])


def _serve(connection: Connection, embedder: Embedder, texts: Sequence[str], out: np.ndarray, parent: int,
           parent_ends: Sequence[Connection]) -> None:
    """A helper's loop: encode each span it is sent into the given slot of the shared array."""
    # Ended with its parent: a helper holds a copy of the loaded model (about 550 MB with MiniLM). Helpers are
    # forked by the thread that runs the build, which closes them before it returns.
    if not end_with_parent(parent):
        return
    # The fork copied the parent's ends of the pipes: closed here, so that when the parent dies this
    # helper's pipe has no writer left and its read ends at once.
    for end in parent_ends:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    # The tokenizer's thread pool did not survive the fork; saying so keeps it from warning about it.
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    try:
        import torch
    except ImportError:
        pass
    else:
        torch.set_num_threads(1)
    os.nice(_HELPER_NICENESS)
    while True:
        try:
            # Waiting a second at a time, the helper also ends where its parent's death closes nothing
            # (another process forked from the parent may hold a copy of the pipe's other end).
            while not connection.poll(_PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            message = connection.recv()
        except (EOFError, OSError):
            return  # the building process is gone
        if message is None:
            return
        slot, start, stop = message
        try:
            out[slot, : stop - start] = embedder.embed(texts[start:stop])
            reply: tuple[Any, ...] = ("done", slot, start, stop)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            connection.send(reply)
        except OSError:
            return  # the building process is gone
        if reply[0] == "error":
            return


class _Helper:
    """One forked helper: its process, its end of the pipe, and how many spans it has in flight."""

    def __init__(self, process: Any, connection: Connection) -> None:
        self.process = process
        self.connection = connection
        self.in_flight = 0

    def send(self, slot: int, span: range) -> None:
        self.connection.send((slot, span.start, span.stop))
        self.in_flight += 1


class ForkedEncoder(ChunkEncoder):
    """Encodes in helper processes forked from this one, each writing vectors into shared memory.

    Only the span's bounds and the slot travel through the pipes: the texts are already in the helpers'
    copy of this process, and the vectors go to an anonymous shared mapping, so a helper never waits for
    this process to read a result while it writes to Chroma.
    """

    def __init__(self, embedder: Embedder, helpers: int, chunk: int = HELPER_CHUNK) -> None:
        self.embedder = embedder
        self.helpers = helpers
        self.chunk = chunk
        self._running: list[_Helper] = []
        self._out: np.ndarray | None = None
        self._mapping: mmap.mmap | None = None
        self._spans: list[range] = []
        self._complete = False

    def _start(self, texts: Sequence[str]) -> None:
        dimension = self.embedder.dimension  # loads the model here, once, before the helpers share it
        slots = self.helpers * _IN_FLIGHT
        self._mapping = mmap.mmap(-1, slots * self.chunk * dimension * 4)
        self._out = np.frombuffer(self._mapping, dtype=np.float32).reshape(slots, self.chunk, dimension)
        context = multiprocessing.get_context("fork")
        parent = os.getpid()
        # Garbage is freed here, before the fork, and what the helpers inherit is frozen out of their collector:
        # a Chroma client dropped earlier but held in a reference cycle waits, when freed, on its runtime's
        # threads, which a forked helper does not have (a helper hung so, collecting one while it encoded).
        gc.collect()
        gc.freeze()
        with warnings.catch_warnings():
            # Python 3.12+ warns that forking a process with threads (Chroma's, tokenizers') may deadlock the
            # child; the helper runs none of their code, only torch on one thread and the loop above.
            warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
            try:
                self._fork_helpers(context, texts, parent)
            finally:
                gc.unfreeze()

    def _fork_helpers(self, context: Any, texts: Sequence[str], parent: int) -> None:
        for _ in range(self.helpers):
            ours, theirs = context.Pipe()
            parent_ends = [ours, *(helper.connection for helper in self._running)]
            process = context.Process(target=_serve, name="recagent-index-helper", daemon=True,
                                      args=(theirs, self.embedder, texts, self._out, parent, parent_ends))
            process.start()
            theirs.close()
            self._running.append(_Helper(process, ours))

    def _send_next(self, helper: _Helper, slot: int) -> None:
        if self._spans:
            helper.send(slot, self._spans.pop())

    def _receive(self, helper: _Helper) -> Chunk:
        try:
            message = helper.connection.recv()
        except (EOFError, OSError):
            helper.process.join(timeout=5)
            raise IndexBuildError(
                f"an encoding helper stopped (exit code {helper.process.exitcode}), perhaps out of memory; "
                "finished batches are kept: run `recagent index build` again, or set "
                "index_parallel_build = false to encode in this process alone"
            ) from None
        helper.in_flight -= 1
        if message[0] == "error":
            raise IndexBuildError(f"encoding a batch failed: {message[1]}")
        _, slot, start, stop = message
        assert self._out is not None
        vectors = self._out[slot, : stop - start].copy()  # the slot is handed the next span at once
        self._send_next(helper, slot)
        return range(start, stop), vectors

    def encode(self, texts: Sequence[str]) -> Iterator[Chunk]:
        self._spans = _spans(len(texts), self.chunk)[::-1]  # popped from the end: the first spans go first
        try:
            self._start(texts)
        except OSError as exc:  # fork refused (out of memory, a process limit): this process encodes alone
            self.close()
            log.warning("could not start encoding helpers (%s); encoding in this process", exc)
            yield from InlineEncoder(self.embedder, self.chunk).encode(texts)
            return
        for number, helper in enumerate(self._running):
            for slot in range(number * _IN_FLIGHT, (number + 1) * _IN_FLIGHT):
                self._send_next(helper, slot)
        while busy := {helper.connection: helper for helper in self._running if helper.in_flight}:
            for connection in wait(list(busy)):
                yield self._receive(busy[connection])
        self._complete = True

    def finished(self) -> Iterator[Chunk]:
        self._spans = []  # the build stopped: hand out no more work
        for helper in self._running:
            while helper.in_flight and helper.connection.poll(0):
                try:
                    yield self._receive(helper)
                except IndexBuildError:
                    break

    def close(self) -> None:
        for helper in self._running:
            if not self._complete and helper.process.is_alive():
                # Encoding spans nobody will write: end it at once. SIGKILL, since until its loop starts a
                # helper still has the parent's signal handlers (a server's SIGTERM handler, say).
                helper.process.kill()
            else:
                try:
                    helper.connection.send(None)
                except OSError:
                    pass
        for helper in self._running:
            helper.process.join(timeout=10)
            if helper.process.is_alive():  # asked to stop and did not
                helper.process.kill()
                helper.process.join()
            helper.connection.close()
        self._running = []
        # Unmapped when the last view of it goes (a traceback may still hold one: closing it would raise).
        self._out = None
        self._mapping = None


def helper_count() -> int:
    """One helper per CPU core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunk_encoder(embedder: Embedder, texts: int, batch_size: int, parallel: bool) -> ChunkEncoder:
    """Forked helpers for a build of more than one chunk with an embedder that allows it, else inline.

    Helpers need fork (Linux; macOS's system libraries are not fork-safe) and an embedder that says it may
    be used after a fork (torch on the CPU: CUDA cannot be), and pay off only with two cores or more.
    """
    chunk = min(HELPER_CHUNK, batch_size)
    helpers = min(helper_count(), math.ceil(texts / chunk))
    if (parallel and getattr(embedder, "fork_safe", False) and sys.platform.startswith("linux")
            and helpers >= 2):
        return ForkedEncoder(embedder, helpers, chunk)
    return InlineEncoder(embedder, batch_size)
