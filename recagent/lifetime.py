"""Helper processes that end with the process that started them, however it ends."""

from __future__ import annotations

import ctypes
import os
import signal

__all__ = ["end_with_parent"]

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
