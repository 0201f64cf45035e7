"""GPT training in one process and in several (data parallel, gloo), side by side in one run.

Usage (from the repository root; the datasets are read from ../shared/data and never copied):

    .venv/bin/python bench/gpt_processes.py ml-100k --processes 1 2 --epochs 30

Each run trains the GPT model of `recagent evaluate` from scratch in a fresh workspace (same data, same seed)
and scores the leave-one-out test items against the whole catalog. Prints HR@10 and NDCG@10 with their 95%
bootstrap intervals, the epochs trained, wall and CPU seconds, and each run's NDCG@10 as a ratio of the
one-process run's. On a machine with fewer free cores than processes the wall time shows the cost of
coordinating, not a speed-up: the question this answers first is whether the quality holds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench.eval_datasets

from bench.eval_datasets import ingest  # noqa: E402 - the loaders the benchmarks share
from recagent import Recommender  # noqa: E402
from recagent.datasets import shared_data_dir  # noqa: E402

DATASETS = ("ml-100k", "ml-latest-small", "beauty")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=DATASETS)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--epochs", type=int, default=30, help="Most epochs (early stopping still applies).")
    args = parser.parse_args()
    os.environ.setdefault("RECAGENT_PROGRESS", "false")
    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data or RECAGENT_SHARED_DATA) are not present")
    rows = []
    for processes in args.processes:
        with tempfile.TemporaryDirectory() as scratch:
            settings = {"gpt_processes": processes, "gpt_epochs": args.epochs}
            with Recommender.open(Path(scratch) / "ws", settings=settings) as rec:
                ingest(rec, args.dataset, data, Path(scratch))
                report = rec.evaluate(k=10, models=["gpt"], sampled=0)
            metrics, training = report.as_dict()["gpt"], report.training["gpt"]
            low, high = report.intervals["gpt"]["ndcg@10"]
            rows.append((processes, metrics["hr@10"], metrics["ndcg@10"], low, high, training["epochs"],
                         training["seconds"], training["training_cpu_seconds"]))
            print(f"{processes} process(es) done: {training}", flush=True)
    print(f"{args.dataset}, {report.users:,} test users, {report.items:,} items, at most {args.epochs} epochs")
    print(f"{'processes':>9}{'HR@10':>9}{'NDCG@10':>9}{'95% interval':>18}{'epochs':>8}{'wall s':>8}{'CPU s':>8}"
          f"{'NDCG / 1 proc':>15}")
    for processes, hr, ndcg, low, high, epochs, seconds, cpu in rows:
        print(f"{processes:>9}{hr:>9.4f}{ndcg:>9.4f}{f'{low:.4f}-{high:.4f}':>18}{epochs:>8}{seconds:>8.0f}{cpu:>8.0f}"
              f"{ndcg / rows[0][2]:>15.3f}")


if __name__ == "__main__":
    main()
