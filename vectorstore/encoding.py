"""Encoding one batch while the previous one is written to Chroma.

Chroma's Python bindings hold the GIL while they write (measured: a spinning thread ran at under 1% of
its speed), so a thread cannot overlap encoding with writing. A separate process can: it loads the same
model and encodes batch i+1 while this process writes batch i.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from recagent.errors import IndexBuildError
from recagent.vectorstore.embedders import Embedder

__all__ = ["BatchEncoder", "InlineEncoder", "ProcessEncoder", "batch_encoder"]


class BatchEncoder:
    """Start encoding a batch, then collect its vectors; at most one batch is in flight."""

    def start(self, texts: Sequence[str]) -> None:
        raise NotImplementedError

    def finish(self) -> np.ndarray:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the encoder holds."""

    def __enter__(self) -> BatchEncoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InlineEncoder(BatchEncoder):
    """Encodes in this process when the vectors are collected."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._texts: Sequence[str] = ()

    def start(self, texts: Sequence[str]) -> None:
        self._texts = texts

    def finish(self) -> np.ndarray:
        return self.embedder.embed(list(self._texts))


def _serve(connection: Any, spec: tuple[str, str, int]) -> None:
    from transformers.utils import logging as transformers_logging

    from recagent.vectorstore.embedders import SentenceTransformerEmbedder

    transformers_logging.disable_progress_bar()  # the parent shows the build's own progress bar

    path, device, batch_size = spec
    embedder = SentenceTransformerEmbedder(path, device=device, batch_size=batch_size)
    embedder.embed(["warm up"])
    connection.send("ready")
    while True:
        try:
            texts = connection.recv()
        except (EOFError, OSError):
            return  # the building process is gone
        if texts is None:
            return
        try:
            connection.send(embedder.embed(texts))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
            connection.send(f"{type(exc).__name__}: {exc}")


def serve_on_descriptor(descriptor: int, path: str, device: str | None, batch_size: int) -> None:
    """The encoding process's entry point: serve batches over the socket it inherited."""
    _serve(Connection(descriptor), (path, device, batch_size))


_WORKER = ("import json, sys; from recagent.vectorstore.encoding import serve_on_descriptor; "
           "serve_on_descriptor(*json.loads(sys.argv[1]))")


class ProcessEncoder(BatchEncoder):
    """Encodes in a child Python process running the same sentence-transformers model.

    A fresh interpreter started with `-c`, not a multiprocessing child: fork would copy a process holding
    Chroma's threads, and spawn re-runs the caller's main script in the child, so a script without an
    `if __name__ == "__main__":` guard would run again there (ingesting twice) before failing.
    """

    def __init__(self, spec: tuple[str, str, int]) -> None:
        path, device, batch_size = spec
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _WORKER, json.dumps([theirs.fileno(), str(path), device, batch_size])],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
            )
        self._connection = Connection(ours.detach())
        # Not waiting for "ready" here lets the caller plan and write while the model loads (seconds).
        self._ready = False
        self._in_flight = False

    def _alive(self) -> bool:
        return self._process.poll() is None

    def _exit_code(self) -> int | None:
        try:
            return self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return None  # its end of the socket failed while it still runs

    def _receive(self) -> Any:
        try:
            return self._connection.recv()
        except (EOFError, OSError):
            raise IndexBuildError(
                f"the encoding process stopped (exit code {self._exit_code()}), perhaps out of memory; "
                "finished batches are kept: run `recagent index build` again, or set "
                "index_parallel_build = false to encode in one process"
            ) from None

    def _expect(self, message: str) -> None:
        answer = self._receive()
        if answer != message:
            raise IndexBuildError(f"the encoding process failed to start: {answer}")

    def start(self, texts: Sequence[str]) -> None:
        self._connection.send(list(texts))
        self._in_flight = True

    def finish(self) -> np.ndarray:
        if not self._ready:
            self._expect("ready")
            self._ready = True
        answer = self._receive()
        self._in_flight = False
        if isinstance(answer, str):
            raise IndexBuildError(f"encoding a batch failed: {answer}")
        return answer

    def close(self) -> None:
        if (self._in_flight or not self._ready) and self._alive():
            self._process.terminate()  # still loading, or encoding a batch nobody wants: do not wait
        if self._alive():
            try:
                self._connection.send(None)
            except OSError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.terminate()
        self._process.wait()
        self._connection.close()


def batch_encoder(embedder: Embedder, texts: int, batch_size: int, parallel: bool) -> BatchEncoder:
    """A process encoder for builds of several batches with a sentence-transformers model, else inline.

    The process starts loading the model at once; the first `finish` waits for it.
    """
    spec = getattr(embedder, "worker_spec", None)
    if parallel and spec is not None and texts > batch_size:
        return ProcessEncoder(spec())
    return InlineEncoder(embedder)
