"""The store on SQLite and on PostgreSQL, side by side in one run: ingest throughput and warm recommend latency.

Usage (from the repository root; the datasets are read from ../shared/data and never copied):

    .venv/bin/python bench/store_backends.py --ingest ml-1m --latency beauty

PostgreSQL is a throwaway local server (Debian's postgresql package, as the tests start it), or the one named
by --postgres-url (a new database is created on it). Ingest: the whole dataset into an empty store, events/s.
Latency: `recommend(user=...)` p50/p99 over sampled users of a trained workspace (trained once, on SQLite; the
PostgreSQL workspace gets the same store rows and the same model files), warm (each user asked once before).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.postgres_server, bench.eval_datasets

from recagent import Recommender  # noqa: E402
from recagent.datasets import shared_data_dir  # noqa: E402
from bench.eval_datasets import ingest as ingest_dataset  # noqa: E402 - the loaders the benchmarks share
from tests.postgres_server import create_database, postgres_server  # noqa: E402


def timed_ingest(dataset: str, data: Path, scratch: Path, settings: dict) -> tuple[float, int]:
    with Recommender.open(scratch / f"ws-{time.monotonic_ns()}", settings=settings) as rec:
        started = time.perf_counter()
        ingest_dataset(rec, dataset, data, scratch)
        return time.perf_counter() - started, rec.stats().events


def latency(rec: Recommender, users: list[str]) -> tuple[float, float]:
    for user in users:
        rec.recommend(user=user, k=10)  # warm: models loaded, caches filled
    times = []
    for user in users:
        started = time.perf_counter()
        rec.recommend(user=user, k=10)
        times.append(time.perf_counter() - started)
    return 1000 * float(np.percentile(times, 50)), 1000 * float(np.percentile(times, 99))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", default="ml-1m", help="Dataset to ingest (ml-1m, beauty, ml-100k...); '' skips.")
    parser.add_argument("--latency", default="beauty", help="Dataset for recommend latency; '' skips.")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--postgres-url", help="A PostgreSQL server to use (default: start a throwaway one).")
    args = parser.parse_args()
    os.environ.setdefault("RECAGENT_PROGRESS", "false")
    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data or RECAGENT_SHARED_DATA) are not present")
    servers = postgres_server() if not args.postgres_url else iter([args.postgres_url])
    server = next(servers)
    try:
        with tempfile.TemporaryDirectory(prefix="recagent-stores-") as scratch_dir:
            scratch = Path(scratch_dir)
            if args.ingest:
                rows = []
                for name, settings in (("sqlite", {}), ("postgresql", {"store_url": create_database(server)})):
                    seconds, events = timed_ingest(args.ingest, data, scratch, settings)
                    rows.append((name, seconds, events))
                print(f"ingest of {args.ingest}: {rows[0][2]:,} events")
                for name, seconds, events in rows:
                    print(f"  {name:<11} {seconds:7.1f} s {events / seconds:>10,.0f} events/s "
                          f"{(events / seconds) / (rows[0][2] / rows[0][1]):5.2f}x SQLite's")
            if args.latency:
                trained = scratch / "trained"
                with Recommender.open(trained, settings={"gpt_max_minutes": 3}) as rec:
                    ingest_dataset(rec, args.latency, data, scratch)
                    rec.train()
                    users = rec.users()[:: max(1, len(rec.users()) // args.users)][: args.users]
                    sqlite_p50, sqlite_p99 = latency(rec, users)
                on_postgres = scratch / "trained-pg"
                shutil.copytree(trained, on_postgres, ignore=shutil.ignore_patterns("recagent.sqlite*"))
                with Recommender.open(on_postgres, settings={"store_url": create_database(server)}) as rec:
                    ingest_dataset(rec, args.latency, data, scratch)
                    pg_p50, pg_p99 = latency(rec, users)
                print(f"warm recommend() on {args.latency}, {len(users)} users, k=10")
                print(f"  sqlite      p50 {sqlite_p50:6.1f} ms  p99 {sqlite_p99:6.1f} ms")
                print(f"  postgresql  p50 {pg_p50:6.1f} ms  p99 {pg_p99:6.1f} ms  "
                      f"p50 {pg_p50 / sqlite_p50:.2f}x SQLite's")
    finally:
        next(servers, None)


if __name__ == "__main__":
    main()
