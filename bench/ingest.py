"""Ingest throughput on the shared datasets, through the real CLI in a fresh workspace each run.

Usage: python bench/ingest.py [--repeat 3]
Prints, per dataset, the wall time of `recagent ingest` (process start included), rows per second, and the
ratio to the time Python's csv module alone takes to read the same files (the floor for any CSV ingest).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from recagent.datasets import shared_data_dir

RECAGENT = Path(sys.executable).with_name("recagent")


def _csv_floor(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        with path.open(newline="", encoding="latin-1") as handle:
            for _ in csv.reader(handle):
                pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data) are absent; nothing to measure")
    cases = {
        "ml-latest-small (ratings+movies+tags+links)": (
            ["ingest", str(data / "ml-latest-small")],
            [data / "ml-latest-small" / n for n in ("ratings.csv", "movies.csv", "tags.csv", "links.csv")],
            100_836 + 9_742,
        ),
        "ml-100k (u.data+u.item)": (["ingest", str(data / "ml-100k")],
                                    [data / "ml-100k" / "u.data", data / "ml-100k" / "u.item"], 100_000 + 1_682),
        "Amazon Beauty (S3-Rec)": (["ingest", "--events", str(data / "amazon-s3rec" / "Beauty.txt"), "--format", "s3rec"],
                                   [data / "amazon-s3rec" / "Beauty.txt"], 198_502 + 12_101),
    }
    print(f"{'dataset':46} {'median s':>9} {'rows/s':>9} {'csv-only s':>10} {'ratio':>6}")
    for name, (command, files, rows) in cases.items():
        times = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as workspace:
                started = time.perf_counter()
                subprocess.run([RECAGENT, *command, "--workspace", workspace], check=True, capture_output=True)
                times.append(time.perf_counter() - started)
        median = statistics.median(times)
        floor = _csv_floor(files)
        print(f"{name:46} {median:9.2f} {rows / median:9,.0f} {floor:10.2f} {median / floor:6.1f}")


if __name__ == "__main__":
    main()
