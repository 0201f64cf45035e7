"""How many CPU cores are free right now, measured: GPT training uses that many threads by default.

torch starts one thread per core. On a machine whose cores are busy with other work, those threads wait on
each other and an epoch can take several times longer than with one thread (seen: a training not done after
50 minutes that takes 7 idle). So the idle share of the cores this process may run on is measured over a
moment, from /proc/stat, rather than guessed from the core count; during training, `CoresLeft` measures again
over each epoch what other work leaves free.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["free_cores", "CoresLeft"]

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


class CoresLeft:
    """The cores other processes leave this one, measured over each stretch of training (an epoch).

    Measured once at the start, a training that began on an idle machine kept all its threads when another
    job started beside it: three threads on two cores, each epoch 2.5-2.9x slower (bench/RESULTS.md). During
    training the machine is busy with this process's own threads, so the idle share says nothing; what counts
    is the machine's busy time less this process's CPU time.
    """

    def __init__(self) -> None:
        self._since = self._now()

    @staticmethod
    def _now() -> tuple[tuple[int, int] | None, float, float]:
        return _cpu_times(), time.process_time(), time.monotonic()

    def since_last(self) -> int | None:
        """Cores free for this process over the time since the last call (or since it was made); None where
        /proc/stat cannot tell."""
        (before, mine_before, wall_before), now = self._since, self._now()
        self._since = now
        (after, mine_after, wall_after) = now
        if before is None or after is None or after[1] <= before[1] or wall_after <= wall_before:
            return None
        hertz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        busy = ((after[1] - after[0]) - (before[1] - before[0])) / hertz  # CPU seconds, every process
        others = max(0.0, busy - (mine_after - mine_before)) / (wall_after - wall_before)  # cores, on average
        machine = os.cpu_count() or _allowed_cores()
        return max(1, min(_allowed_cores(), round(machine - others)))
