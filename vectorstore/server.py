"""Running a local Chroma server (`chroma run`), for tests, benchmarks and trying the server mode."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from recagent.errors import IndexUnavailableError

__all__ = ["chroma_server", "free_port"]


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _chroma_command() -> str:
    beside_python = Path(sys.executable).parent / "chroma"
    found = str(beside_python) if beside_python.exists() else shutil.which("chroma")
    if not found:
        raise IndexUnavailableError("the `chroma` command is not installed; pip install chromadb")
    return found


@contextmanager
def chroma_server(path: Path, *, port: int | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Start `chroma run` on a free loopback port, yield its URL, and stop it afterwards."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(Path(path).with_suffix(".log"), "wb")
    process = subprocess.Popen(
        [_chroma_command(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise IndexUnavailableError(
                        f"`chroma run` did not start on port {port} (see {log.name})"
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
