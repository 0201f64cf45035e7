"""How many CPU cores are free right now, measured: GPT training uses that many threads by default.

torch starts one thread per core. On a machine whose cores are busy with other work, those threads wait on
each other and an epoch can take several times longer than with one thread (seen: a training not done after
50 minutes that takes 7 idle). So the idle share of the cores this process may run on is measured over a
moment, from /proc/stat, rather than guessed from the core count.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["free_cores"]

PROC_STAT = Path("/proc/stat")
SAMPLE_SECONDS = 0.5


def _cpu_times() -> tuple[int, int] | None:
    """(idle, total) jiffies of all CPUs, or None where /proc/stat does not exist."""
    try:
        fields = PROC_STAT.read_text().splitlines()[0].split()
    except OSError:
        return None
    values = [int(value) for value in fields[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle and waiting for I/O
    return idle, sum(values[:8])  # guest times are already counted in user and nice


def _allowed_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def free_cores(sample_seconds: float = SAMPLE_SECONDS) -> int:
    """The cores this process may use that sat idle over the last `sample_seconds` (at least 1)."""
    cores = _allowed_cores()
    before = _cpu_times()
    if before is None:
        return cores
    time.sleep(sample_seconds)
    after = _cpu_times()
    if after is None or after[1] <= before[1]:
        return cores
    idle_share = (after[0] - before[0]) / (after[1] - before[1])
    machine = os.cpu_count() or cores
    # /proc/stat counts every core of the machine; this process may be pinned to fewer of them.
    return max(1, min(cores, round(idle_share * machine)))
