"""Ablation of the GPT interest model on Amazon Beauty: one training per variant, side by side in one run.

Usage (from the repository root; the data is read from ../shared/data):

    .venv/bin/python bench/gpt_ablation.py                      # every variant, 15 minutes of training each
    .venv/bin/python bench/gpt_ablation.py --variants default sampled --max-minutes 15

Each variant is `bench/eval_datasets.py beauty --models gpt` in a fresh workspace with its settings given as
RECAGENT_GPT_* variables, so a row is exactly what a user gets from those settings. Printed per variant: the
settings changed, NDCG@10 and HR@10 on the test items (full ranking, all users), epochs, training seconds
(wall and CPU) and seconds per epoch. Run it on an otherwise idle machine: training time is part of the result.

The variants follow what the eSASRec authors (blondered/transformer_benchmark, configs/paper/loo) train on this
data: 256-wide embeddings, one block, one head, dropout 0.2 and a sampled softmax over 256 negatives ("SASRec+SS";
eSASRec adds LiGR layers, which a GPT-2 block does not have). The full softmax is the cross-entropy of "Turning
Dross Into Gold Loss"; gSASRec's gBCE corrects the overconfidence of few negatives, which 256 shared negatives
and the full softmax do not suffer from.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

VARIANTS: dict[str, dict[str, str]] = {
    "default": {},
    "wider": {"GPT_EMBEDDING_SIZE": "128"},
    "sampled": {"GPT_FULL_SOFTMAX_ITEMS": "0", "GPT_NEGATIVES": "256"},
    "dropout-0.2": {"GPT_DROPOUT": "0.2"},
    "patience-10": {"GPT_PATIENCE": "10"},
    "sasrec-ss": {"GPT_EMBEDDING_SIZE": "256", "GPT_LAYERS": "1", "GPT_HEADS": "1", "GPT_DROPOUT": "0.2",
                  "GPT_FULL_SOFTMAX_ITEMS": "0", "GPT_NEGATIVES": "256"},
}


def run_variant(name: str, max_minutes: float, scratch: Path) -> dict:
    """Train and evaluate one variant in its own process and workspace; its eval_datasets.py result."""
    out = scratch / f"{name}.json"
    env = {**os.environ, "RECAGENT_GPT_MAX_MINUTES": str(max_minutes),
           **{f"RECAGENT_{key}": value for key, value in VARIANTS[name].items()}}
    script = Path(__file__).with_name("eval_datasets.py")
    with open(scratch / f"{name}.log", "w") as log:
        subprocess.run([sys.executable, str(script), "beauty", "--models", "gpt", "--workspace",
                        str(scratch / name), "--json-out", str(out)], env=env, check=True, stdout=log, stderr=log)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="*", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--max-minutes", type=float, default=15.0, help="Training budget of each variant.")
    parser.add_argument("--json-out", help="Also write every variant's result as JSON to this file.")
    parser.add_argument("--keep-logs", help="Folder to keep each variant's training log in.")
    args = parser.parse_args()
    rows = {}
    print(f"{'variant':<14}{'NDCG@10':>9}{'HR@10':>8}{'epochs':>8}{'best':>6}{'train s':>9}{'CPU s':>8}"
          f"{'s/epoch':>9}  settings", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for name in args.variants:
            result = run_variant(name, args.max_minutes, scratch)
            rows[name] = result
            gpt, training = result["metrics"]["gpt"], result["training"]["gpt"]
            settings = " ".join(f"{key.lower()}={value}" for key, value in VARIANTS[name].items()) or "(defaults)"
            per_epoch = training["seconds"] / max(1, training["epochs"])
            print(f"{name:<14}{gpt['ndcg@10']:>9.4f}{gpt['hr@10']:>8.4f}{training['epochs']:>8}"
                  f"{training['best_epoch']:>6}{training['seconds']:>9.0f}{training['training_cpu_seconds']:>8.0f}"
                  f"{per_epoch:>9.1f}  {settings}", flush=True)
            if args.keep_logs:
                Path(args.keep_logs).mkdir(parents=True, exist_ok=True)
                (Path(args.keep_logs) / f"{name}.log").write_text((scratch / f"{name}.log").read_text())
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
