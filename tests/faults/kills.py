"""Kill -9 at random moments of real recagent commands, and check what each kill left behind.

Shared by the fault tests (a few kills per command) and `bench/faults.py --kills N` (many). After each kill:
every SQLite file of the workspace passes `PRAGMA integrity_check`; the store equals its state before the
command or after a complete run; the next run of the same command completes; the index holds each item once;
and no process the command started is left running.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["NOTHING_STORED", "Command", "KillReport", "cli", "copy_workspace", "demo_subset", "first_movies",
           "index_problems", "integrity_problems", "kill_at_random",
           "live_processes", "run", "run_side_by_side", "store_state", "wait_gone"]

ENVIRONMENT = {  # fast and offline: the hashing embedder, no progress bars, no BERT, short GPT and ranker training
    "RECAGENT_EMBEDDING_MODEL": "hashing",
    "RECAGENT_PROGRESS": "false",
    "RECAGENT_DISABLE_PLUGINS": "bert",
    "RECAGENT_GPT_EPOCHS": "1",
    "RECAGENT_GPT_THREADS": "1",
    "RECAGENT_GPT_TEXT_INIT": "false",
    "RECAGENT_RANKING_TRAIN_USERS": "40",
}


def cli(*args: str) -> list[str]:
    """The command line that runs `recagent ARGS` with this interpreter."""
    return [sys.executable, "-c", "from recagent.cli import main; main()", *args]


@dataclass(frozen=True)
class Command:
    """A command to kill: its name, its argv, and how long a whole run takes (kills land within that)."""

    name: str
    argv: Sequence[str]
    seconds: float


@dataclass
class KillReport:
    """What the kills of one command left: each figure must be 0."""

    command: str
    kills: int = 0
    finished_before_the_kill: int = 0
    integrity_failures: list[str] = field(default_factory=list)
    store_mismatches: list[str] = field(default_factory=list)  # neither the before nor the after state
    index_problems: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    failed_reruns: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (self.integrity_failures + self.store_mismatches + self.index_problems + self.orphans
                + self.failed_reruns)


def _environment() -> dict[str, str]:
    return {**os.environ, **ENVIRONMENT}


def demo_subset(folder: Path, movies: int | None = None) -> Path:
    """The demo catalog's movies (the first `movies` of them, or all) with its first 20,000 ratings of those,
    unpacked under `folder`: an ingest of a few seconds to kill."""
    from recagent.datasets import demo_catalog

    source = demo_catalog(folder / "full")
    target = folder / "ml-latest-small"
    target.mkdir()
    with (source / "movies.csv").open(encoding="utf-8") as catalog:
        kept = [line for number, line in enumerate(catalog) if movies is None or number <= movies]
    (target / "movies.csv").write_text("".join(kept), encoding="utf-8")
    ids = {line.split(",", 1)[0] for line in kept[1:]}
    with (source / "ratings.csv").open(encoding="utf-8") as ratings:
        header = next(ratings)
        rows = (line for line in ratings if line.split(",", 2)[1] in ids)  # userId,movieId,...
        (target / "ratings.csv").write_text(header + "".join(itertools.islice(rows, 20_000)), encoding="utf-8")
    return target


def first_movies(catalog: Path, target: Path, count: int = 4_000) -> Path:
    """The catalog's first `count` movies as a file of their own: a workspace for an ingest of all to add to."""
    with (catalog / "movies.csv").open(encoding="utf-8") as source:
        target.write_text("".join(next(source) for _ in range(count + 1)), encoding="utf-8")
    return target


def copy_workspace(source: Path, target: Path) -> None:
    """Replace `target` with a copy of the workspace `source`."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def run(argv: Sequence[str], cwd: Path, timeout: float = 600) -> None:
    """Run a command to the end; raise with its output if it fails."""
    done = subprocess.run(list(argv), cwd=cwd, env=_environment(), capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(argv[3:])} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def run_side_by_side(*chains: tuple[Sequence[str], ...], cwd: Path) -> None:
    """Run each chain of commands in order, the chains at the same time: two cores prepare two workspaces in
    the time of one."""
    from concurrent.futures import ThreadPoolExecutor

    def run_chain(chain: tuple[Sequence[str], ...]) -> None:
        for argv in chain:
            run(argv, cwd)

    with ThreadPoolExecutor(len(chains)) as pool:
        for done in [pool.submit(run_chain, chain) for chain in chains]:
            done.result()


def live_processes(group: int) -> list[str]:
    """Processes of a process group that are still running (zombies have ended: only their entry is left)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so split after its last ")"
        pid, rest = text.split(" ", 1)[0], text.rsplit(")", 1)[1].split()
        if int(rest[2]) == group and rest[0] not in ("Z", "X"):
            found.append(f"pid {pid} ({text[text.index('(') + 1:text.rindex(')')]}, state {rest[0]})")
    return found


def wait_gone(group: int, bound: float = 30) -> list[str]:
    """The group's processes still running after up to `bound` seconds (a process killed needs a moment)."""
    deadline = time.monotonic() + bound
    while (alive := live_processes(group)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


def integrity_problems(workspace: Path) -> list[str]:
    """`PRAGMA integrity_check` on every SQLite file under the workspace: the files that fail, and why."""
    problems = []
    for path in sorted(workspace.rglob("*")):
        if not path.is_file() or path.suffix not in (".sqlite", ".sqlite3", ".db"):
            continue
        try:
            with closing(sqlite3.connect(path, timeout=30)) as connection:
                answer = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            answer = [str(exc)]
        if answer != ["ok"]:
            problems.append(f"{path.relative_to(workspace)}: {'; '.join(answer[:3])}")
    return problems


NOTHING_STORED = "nothing stored"


def store_state(workspace: Path) -> str:
    """A digest of the store's items and events: equal digests, equal stores; NOTHING_STORED for a store
    without rows or without a file (a kill may land before or after the file is created)."""
    path = workspace / "recagent.sqlite"
    if not path.exists():
        return NOTHING_STORED
    digest, rows = hashlib.sha256(), 0
    with closing(sqlite3.connect(path, timeout=30)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table, order in (("items", "id"), ("events", "user, timestamp, item, kind")):
            if table in tables:
                for row in connection.execute(f"SELECT * FROM {table} ORDER BY {order}"):  # noqa: S608
                    digest.update(repr(row).encode())
                    rows += 1
    return digest.hexdigest() if rows else NOTHING_STORED


def index_problems(workspace: Path) -> list[str]:
    """How the index differs from the store: it must hold each item once, and nothing else.

    Asked of `recagent index status` in a process of its own, as an operator would: Chroma caches a path's
    collections per process, and the workspace is replaced between kills.
    """
    done = subprocess.run(cli("index", "status", "--json", "-w", str(workspace)), cwd=workspace.parent,
                          env=_environment(), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        return [f"recagent index status failed: {done.stderr.strip()[-500:]}"]
    status = json.loads(done.stdout)
    if status["items"] == status["store_items"] and status["up_to_date"]:
        return []
    return [f"the index holds {status['items']:,} entries for {status['store_items']:,} items "
            f"({status['to_embed']} to embed, {status['to_update']} to update, {status['to_delete']} to delete)"]


def kill_at_random(command: Command, workspace: Path, *, kills: int, seed: int, reset: Callable[[], None],
                   states: set[str], check_index: bool = False, index_after_kill: bool = False,
                   after_kill: Sequence[str] | None = None) -> KillReport:
    """Start `command` `kills` times in `workspace` (as left by `reset`), SIGKILL it at a random moment of its
    run, and check what is left.

    `states` are the store digests a kill may leave (before the command, after a whole run). `after_kill` is
    a command that must work right after the kill (the previous model still serves), and with
    `index_after_kill` the index must still match the store (a killed rebuild leaves the index in use). Then
    the same command runs again, which must complete; with `check_index`, the index must then match the store.
    """
    report = KillReport(command.name)
    chance = random.Random(seed)
    for attempt in range(kills):
        reset()
        delay = chance.uniform(0.2, command.seconds)
        process = subprocess.Popen(list(command.argv), cwd=workspace.parent, env=_environment(),
                                   start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
            report.finished_before_the_kill += 1
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
            process.wait()
        report.kills += 1
        where = f"kill {attempt + 1} at {delay:.1f} s"
        report.orphans += [f"{where}: {alive}" for alive in wait_gone(process.pid)]
        report.integrity_failures += [f"{where}: {problem}" for problem in integrity_problems(workspace)]
        if store_state(workspace) not in states:
            report.store_mismatches.append(f"{where}: the store is neither its state before the command nor after")
        if index_after_kill:
            report.index_problems += [f"{where}, before the rerun: {problem}" for problem in index_problems(workspace)]
        if after_kill is not None:
            try:
                run(after_kill, workspace.parent)
            except AssertionError as exc:
                report.failed_reruns.append(f"{where}, {' '.join(after_kill[3:5])} right after: {exc}")
        try:
            run(command.argv, workspace.parent)
        except AssertionError as exc:
            report.failed_reruns.append(f"{where}: {exc}")
            continue
        if check_index:
            report.index_problems += [f"{where}: {problem}" for problem in index_problems(workspace)]
    return report
