"""The peer: RecBole's SASRec (CE loss) on Amazon Beauty, same leave-one-out split and full ranking.

RecBole needs its own virtual environment (its pins clash with ours), and this script runs inside it:

    python -m venv /tmp/recbole-venv
    /tmp/recbole-venv/bin/pip install "setuptools<70" "numpy<2" "pandas<2.2" recbole==1.2.1
    /tmp/recbole-venv/bin/pip install --no-deps --force-reinstall torch==2.13.0

(torch 2.13 declares setuptools>=77, so installing everything at once is refused, and installing RecBole
after torch makes pip swap in an older, CUDA build of torch; the last step puts the CPU torch 2.13.0 back.)
    TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1 nice -n 5 /tmp/recbole-venv/bin/python bench/eval_recbole_sasrec.py \
        --max-seconds 540 --json-out /tmp/recbole-beauty.json

`--max-seconds` stops training after the epoch that passes that much time, as RECAGENT_GPT_MAX_MINUTES
does for the GPT model, so both reach what they can within the same budget; the best epoch on validation
is tested. `bench/eval_datasets.py beauty --peer-python /tmp/recbole-venv/bin/python` runs this script
after the GPT model with the GPT model's training time as the budget and prints both side by side.
RecBole's split is the same as ours: the last item tests, the one before validates, and history items are
excluded. Its MRR is MRR@10 (truncated at the cut-off), unlike ours.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def beauty_file() -> Path:
    configured = os.environ.get("RECAGENT_SHARED_DATA")
    data = Path(configured) if configured else ROOT.parent / "shared" / "data"
    path = data / "amazon-s3rec" / "Beauty.txt"
    if not path.exists():
        sys.exit(f"{path} is missing; set RECAGENT_SHARED_DATA to the shared datasets folder")
    return path


class TimeBudgetSpent(Exception):
    """Raised after the epoch that passes --max-seconds."""


def write_atomic(source: Path, folder: Path) -> None:
    """Beauty.txt (`user item item ...`, oldest first) as RecBole's beauty.inter, the position as time."""
    target = folder / "beauty"
    target.mkdir(parents=True)
    with open(target / "beauty.inter", "w") as out:
        out.write("user_id:token\titem_id:token\ttimestamp:float\n")
        for line in source.read_text().splitlines():
            user, *items = line.split()
            for position, item in enumerate(items):
                out.write(f"{user}\t{item}\t{position}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=200, help="most epochs")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop after the epoch that passes this")
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--json-out")
    args = parser.parse_args()

    from recbole.config import Config
    from recbole.data import create_dataset, data_preparation
    from recbole.model.sequential_recommender import SASRec
    from recbole.trainer import Trainer
    from recbole.utils import init_seed

    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)  # RecBole writes its logs and tensorboard files into the working folder
        write_atomic(beauty_file(), Path(scratch))
        config = Config(model="SASRec", dataset="beauty", config_dict={
            "data_path": scratch, "checkpoint_dir": str(Path(scratch) / "saved"),
            "USER_ID_FIELD": "user_id", "ITEM_ID_FIELD": "item_id", "TIME_FIELD": "timestamp",
            "load_col": {"inter": ["user_id", "item_id", "timestamp"]},
            "user_inter_num_interval": "[0,inf)", "item_inter_num_interval": "[0,inf)",
            "MAX_ITEM_LIST_LENGTH": 50, "hidden_size": 64, "inner_size": 256, "n_layers": 2, "n_heads": 2,
            "hidden_dropout_prob": args.dropout, "attn_dropout_prob": args.dropout,
            "loss_type": "CE", "train_neg_sample_args": None, "learning_rate": 0.001, "train_batch_size": 256,
            "epochs": args.epochs, "eval_step": 1, "stopping_step": 10,
            "eval_args": {"split": {"LS": "valid_and_test"}, "order": "TO", "mode": "full", "group_by": "user"},
            "metrics": ["Hit", "NDCG", "MRR"], "topk": [10, 20], "valid_metric": "NDCG@10",
            "seed": 42, "reproducibility": True, "device": "cpu", "use_gpu": False, "show_progress": False,
        })
        init_seed(config["seed"], config["reproducibility"])
        dataset = create_dataset(config)
        train_data, valid_data, test_data = data_preparation(config, dataset)
        model = SASRec(config, train_data.dataset).to(config["device"])
        trainer = Trainer(config, model)
        epochs_done = []

        def after_validation(epoch: int, score: float) -> None:
            epochs_done.append({"epoch": epoch + 1, "valid_ndcg@10": round(float(score), 6),
                                "seconds": round(time.perf_counter() - started, 1)})
            if args.max_seconds is not None and time.perf_counter() - started >= args.max_seconds:
                raise TimeBudgetSpent  # RecBole has no time limit of its own; its best epoch is already saved

        started = time.perf_counter()
        try:
            trainer.fit(train_data, valid_data, saved=True, show_progress=False, callback_fn=after_validation)
        except TimeBudgetSpent:
            pass
        train_seconds = time.perf_counter() - started
        test = trainer.evaluate(test_data, load_best_model=True, show_progress=False)
    result = {
        "model": "RecBole 1.2.1 SASRec (CE)",
        "epochs": len(epochs_done),
        "epoch_log": epochs_done,
        "train_seconds": round(train_seconds, 1),
        "seconds_per_epoch": round(train_seconds / max(1, len(epochs_done)), 1),
        "test": {key: round(float(value), 6) for key, value in dict(test).items()},
        "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
