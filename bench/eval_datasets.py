"""Leave-one-out benchmark of the GPT interest model against the popularity and item-kNN baselines.

Usage (from the repository root; the datasets are read from ../shared/data and never copied):

    nice -n 5 .venv/bin/python bench/eval_datasets.py beauty
    nice -n 5 .venv/bin/python bench/eval_datasets.py ml-100k --json-out /tmp/ml100k.json

GPT settings come from RECAGENT_GPT_* variables (e.g. RECAGENT_GPT_DROPOUT=0.2). Prints the metrics table,
the ratios against the targets, GPT training time and epochs, one-history scoring latency and peak memory.

    .venv/bin/python bench/eval_datasets.py beauty --models gpt pipeline popularity itemknn \
        --peer-python /tmp/recbole-venv/bin/python

`--peer-python` (Beauty) then runs RecBole's SASRec (bench/eval_recbole_sasrec.py, in RecBole's own
environment) with the GPT model's training time as its budget, and prints both side by side.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from recagent import Recommender
from recagent.datasets import shared_data_dir

DATASETS = ("beauty", "ml-100k", "ml-latest-small", "ml-1m")
TARGETS = {"beauty": {"ndcg@10": 0.055, "hr@10": 0.090}}  # the research frontier on this data, and past it


def ingest(rec: Recommender, dataset: str, data: Path, scratch: Path) -> None:
    """Load one shared dataset into the workspace."""
    if dataset == "beauty":
        rec.ingest(events=data / "amazon-s3rec" / "Beauty.txt", format="s3rec")
    elif dataset in ("ml-100k", "ml-latest-small"):
        rec.ingest(data / dataset)
    elif dataset == "ml-1m":
        # The split lacks test inputs: each user's sequence is the training row plus the test item
        # (DATASET.md option a), so figures are not exactly comparable with published ML-1M results.
        split = data / "ml-1m" / "sasrec_gsasrec_split"
        train = (split / "train" / "input.txt").read_text().splitlines()
        test = (split / "test" / "output.txt").read_text().splitlines()
        sequences = scratch / "ml-1m.txt"
        sequences.write_text("".join(f"{n} {row} {last}\n" for n, (row, last) in enumerate(zip(train, test), 1)))
        rec.ingest(events=sequences, format="s3rec")


def latency_ms(model, histories: list[np.ndarray], repeats: int = 200) -> float:
    """Median milliseconds to score one history against the whole catalog."""
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        model.score([histories[n % len(histories)]])
        times.append(time.perf_counter() - started)
    return 1000 * float(np.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=DATASETS)
    parser.add_argument("--workspace", help="Workspace folder to use (default: a fresh temporary one).")
    parser.add_argument("--models", nargs="*", default=["gpt", "popularity", "itemknn"],
                        help="Models to evaluate (default: gpt popularity itemknn). `pipeline` trains every plugin in a "
                             "scratch workspace; after `gpt` it reuses that network.")
    parser.add_argument("--max-users", type=int, default=None)
    parser.add_argument("--json-out", help="Also write the results as JSON to this file.")
    parser.add_argument("--peer-python", help="Beauty: the Python of RecBole's environment, to run its SASRec too.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    os.environ.setdefault("RECAGENT_PROGRESS", "false")

    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data or RECAGENT_SHARED_DATA) are not present")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.workspace) if args.workspace else Path(scratch) / "workspace"
        with Recommender.open(folder) as rec:
            if rec.stats().events == 0:
                ingest(rec, args.dataset, data, Path(scratch))
            stats = rec.stats()
            print(f"{args.dataset}: {stats.users:,} users, {stats.items:,} items, {stats.events:,} events")
            started = time.perf_counter()
            report = rec.evaluate(k=[10, 20], models=args.models, max_users=args.max_users)
            total = time.perf_counter() - started
            result: dict = {"dataset": args.dataset, "users": report.users, "items": report.items,
                            "metrics": report.as_dict(), "seconds": report.seconds, "training": report.training,
                            "evaluation_seconds": round(total, 1)}
            if "gpt" in report.models:
                model = report.models["gpt"]
                histories = _sample_histories(rec)
                result["gpt_score_one_history_p50_ms"] = round(latency_ms(model, histories), 3)
    result["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    _print(result)
    if args.peer_python and "gpt" in result["training"]:
        result["peer"] = run_peer(args.peer_python, data, result["training"]["gpt"]["seconds"])
        _print_peer(result)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


def run_peer(python: str, data: Path, budget_seconds: float) -> dict:
    """RecBole's SASRec on Beauty in its own environment, trained for the same wall-clock budget."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "peer.json"
        env = {**os.environ, "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1", "RECAGENT_SHARED_DATA": str(data)}
        script = Path(__file__).with_name("eval_recbole_sasrec.py")
        print(f"RecBole SASRec, {budget_seconds:.0f} s of training (the GPT model's) ...", flush=True)
        subprocess.run([python, str(script), "--max-seconds", str(budget_seconds), "--json-out", str(out)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


def _print_peer(result: dict) -> None:
    gpt, peer = result["metrics"]["gpt"], result["peer"]
    summary = result["training"]["gpt"]
    rows = [
        ("recagent gpt", gpt["hr@10"], gpt["ndcg@10"], summary["epochs"], summary["seconds"]),
        (peer["model"], peer["test"]["hit@10"], peer["test"]["ndcg@10"], peer["epochs"], peer["train_seconds"]),
    ]
    print(f"{'same training budget':<28}{'HR@10':>9}{'NDCG@10':>9}{'epochs':>8}{'train s':>9}{'s/epoch':>9}")
    for name, hr, ndcg, epochs, seconds in rows:
        print(f"{name:<28}{hr:>9.4f}{ndcg:>9.4f}{epochs:>8}{seconds:>9.0f}{seconds / max(1, epochs):>9.1f}")
    if peer["test"]["ndcg@10"] > 0:
        print(f"gpt / RecBole SASRec NDCG@10: {gpt['ndcg@10'] / peer['test']['ndcg@10']:.2f}x")


def _sample_histories(rec: Recommender) -> list[np.ndarray]:
    from recagent.evaluation import leave_one_out

    split = leave_one_out(rec.workspace.store, max_users=200, seed=1)
    return [split.test_history(row) for row in range(len(split.test_users))]


def _print(result: dict) -> None:
    metrics = result["metrics"]
    keys = ["hr@10", "ndcg@10", "hr@20", "ndcg@20", "mrr", "coverage", "sampled_hr@10", "sampled_ndcg@10"]
    print(f"{'model':<12}" + "".join(f"{key:>16}" for key in keys) + f"{'fit s':>10}")
    for name, values in metrics.items():
        print(f"{name:<12}" + "".join(f"{values[key]:>16.4f}" for key in keys)
              + f"{result['seconds'][name]['fit']:>10.1f}")
    if "gpt" in metrics:
        gpt = metrics["gpt"]
        for baseline in ("popularity", "itemknn"):
            if baseline in metrics and metrics[baseline]["ndcg@10"] > 0:
                print(f"gpt / {baseline} NDCG@10: {gpt['ndcg@10'] / metrics[baseline]['ndcg@10']:.2f}x")
        if "pipeline" in metrics and gpt["ndcg@10"] > 0:
            print(f"pipeline / gpt NDCG@10: {metrics['pipeline']['ndcg@10'] / gpt['ndcg@10']:.3f} "
                  "(the pipeline ranks over the same GPT network)")
        for key, target in TARGETS.get(result["dataset"], {}).items():
            verdict = "met" if gpt[key] >= target else "NOT met"
            print(f"target {key} >= {target}: {gpt[key]:.4f} ({gpt[key] / target:.2f}x, {verdict})")
        print(f"gpt training: {json.dumps(result['training'].get('gpt'))}")
        print(f"gpt scoring one history against {result['items']:,} items: "
              f"p50 {result.get('gpt_score_one_history_p50_ms')} ms")
    print(f"peak memory: {result['peak_memory_mib']} MiB; evaluation took {result['evaluation_seconds']} s")


if __name__ == "__main__":
    main()
