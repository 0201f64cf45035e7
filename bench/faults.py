"""Kill -9 at random moments of ingest, index rebuild and train, many times, and count what the kills broke.

    python bench/faults.py [--kills 10] [--seed 17] [--commands ingest,rebuild,train]

The long version of tests/faults (same checks, same harness): the demo catalog's movies with its first 20,000
ratings, the hashing embedder, a short GPT training. Prints, per command: kills, runs that finished before
their kill, integrity failures, stores neither before nor after, index mismatches, orphan processes and
failed reruns. Every figure but the first two must be 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults.kills import (  # noqa: E402
    Command,
    KillReport,
    cli,
    copy_workspace,
    demo_subset,
    first_movies,
    kill_at_random,
    run,
    store_state,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=10, help="kills per command")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--commands", default="ingest,rebuild,train")
    args = parser.parse_args()
    wanted = args.commands.split(",")
    with tempfile.TemporaryDirectory(prefix="recagent-faults-") as scratch:
        folder = Path(scratch)
        catalog = demo_subset(folder)
        half_movies = first_movies(catalog, folder / "half.csv")
        full, half, work = folder / "full-ws", folder / "half-ws", folder / "ws"
        run(cli("ingest", "-w", str(full), str(catalog)), folder)
        run(cli("index", "build", "-w", str(full)), folder)
        run(cli("ingest", "-w", str(half), "--items", str(half_movies)), folder)
        run(cli("index", "build", "-w", str(half)), folder)
        reports: list[KillReport] = []
        started = time.perf_counter()
        if "ingest" in wanted:
            reports.append(kill_at_random(
                Command("ingest", cli("ingest", "-w", str(work), str(catalog)), seconds=6), work,
                kills=args.kills, seed=args.seed, check_index=True, reset=lambda: copy_workspace(half, work),
                states={store_state(half), store_state(full)}))
        if "rebuild" in wanted:
            reports.append(kill_at_random(
                Command("index rebuild", cli("index", "build", "--rebuild", "-w", str(work)), seconds=5), work,
                kills=args.kills, seed=args.seed, check_index=True, index_after_kill=True,
                reset=lambda: copy_workspace(full, work), states={store_state(full)}))
        if "train" in wanted:
            copy_workspace(full, work)
            run(cli("train", "-w", str(work)), folder)
            reports.append(kill_at_random(
                Command("train", cli("train", "-w", str(work)), seconds=15), work, kills=args.kills,
                seed=args.seed, reset=lambda: None, states={store_state(full)},
                after_kill=cli("recommend", "--user", "1", "-k", "3", "-w", str(work))))
    print(f"recagent fault injection: kill -9 at random moments, seed {args.seed}, "
          f"{time.perf_counter() - started:.0f} s\n")
    header = ("command", "kills", "finished first", "integrity", "store", "index", "orphans", "failed reruns")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for report in reports:
        print(" | ".join(str(value) for value in (
            report.command, report.kills, report.finished_before_the_kill, len(report.integrity_failures),
            len(report.store_mismatches), len(report.index_problems), len(report.orphans),
            len(report.failed_reruns))))
    problems = [problem for report in reports for problem in report.problems()]
    for problem in problems:
        print("  " + problem.splitlines()[0])
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
