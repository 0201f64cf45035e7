"""Helper processes: started fresh with a job in a scratch folder, ended with the process that started them
however it ends, and a helper's failure said to its parent in one line.

A helper is a new interpreter running `module.function` with the scratch folder and its number as arguments,
rather than a multiprocessing child: spawn imports the caller's main script again, which a script without a
`__main__` guard would run twice. The GPT training's ranks and the batch recommendation's shards use it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["end_with_parent", "start_helper", "helper_failure", "failures_reported", "stop_helpers"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(parent: int) -> bool:
    """Ask Linux to kill this process when its parent ends; False if the parent has already ended.

    A killed command (SIGKILL, SIGTERM) runs none of its own cleanup, so its helpers would run on, holding a
    model's memory, unless the kernel ends them. The signal comes when the *thread* that started the helper
    ends, not the process: start helpers from a thread that outlives them. Elsewhere than Linux nothing is
    asked, and the helper relies on its own checks (a closed pipe, a collective that fails).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    return os.getppid() == parent  # the parent may have died before prctl, which then never fires


def start_helper(module: str, function: str, scratch: Path, number: int) -> subprocess.Popen[bytes]:
    """Run `module.function()` in a new interpreter, with `scratch` and `number` as its arguments."""
    return subprocess.Popen([sys.executable, "-c", f"from {module} import {function}; {function}()", str(scratch),
                             str(number)], stdin=subprocess.DEVNULL)


def _error_file(scratch: Path, number: int) -> Path:
    return scratch / f"helper-{number}.error"


def helper_failure(helpers: Mapping[int, subprocess.Popen[bytes]],
                   scratch: Path) -> tuple[int, str, int | None] | None:
    """The first helper that failed: its number, what it wrote down (or ""), and its exit code once it ended."""
    for number, helper in helpers.items():
        report = _error_file(scratch, number)
        if report.exists():
            return number, report.read_text(encoding="utf-8").strip(), helper.poll()
        if helper.poll() not in (None, 0):
            return number, "", helper.returncode
    return None


@contextmanager
def failures_reported(scratch: Path, number: int) -> Iterator[None]:
    """In a helper: a failure of the block is written down for the parent (`helper_failure`), and the helper
    exits with status 1; the traceback goes to stderr."""
    try:
        yield
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        traceback.print_exc()
        _error_file(scratch, number).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
        raise SystemExit(1) from None


def stop_helpers(helpers: Mapping[int, subprocess.Popen[bytes]], wait: float | None = None) -> None:
    """Kill the helpers still running, and wait for every one to end."""
    for helper in helpers.values():
        if helper.poll() is None:
            helper.kill()
        helper.wait(timeout=wait)
