"""Index build throughput, as a ratio to raw SentenceTransformer.encode of the same texts in the same run.

    .venv/bin/python bench/index_build.py                      # ml-latest-small and 100k synthetic items
    .venv/bin/python bench/index_build.py --synthetic 20000 --keep /tmp/idx

The build is `recagent index build` minus the command line: read every stored item, hash it, compare with
the index, embed (in helper processes forked from this one, while this one writes) and write to embedded
Chroma. The raw baseline is one `SentenceTransformer.encode` call over the same texts with the same batch
size, measured before and after each build; the ratio uses the medians, so load that comes and goes on the
machine affects both sides alike. "load" is the 1-minute load average at the end (2 means both cores busy).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_synthetic import synthetic_items  # noqa: E402


def _raw_encode_seconds(texts: list[str]) -> float:
    from recagent.vectorstore import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    model = embedder.model
    model.encode(texts[:256], batch_size=embedder.batch_size)  # warm up, as the build's encoder does
    started = time.perf_counter()
    model.encode(texts, batch_size=embedder.batch_size, convert_to_numpy=True, normalize_embeddings=True,
                 show_progress_bar=False)
    return time.perf_counter() - started


def measure(name: str, items_source, folder: Path, repeats: int) -> dict:
    from recagent import Recommender
    from recagent.vectorstore import ItemIndex, sync_index
    from recagent.vectorstore.records import item_records

    settings = {"index_on_ingest": "false", "progress": "false", "disable_plugins": "bert,gpt"}
    with Recommender.open(folder, settings=settings) as rec:
        rec.ingest(items_source)
        store = rec.workspace.store
        index = ItemIndex.open(rec.settings)
        texts = [record.document for record in item_records(store.iter_items(), index.text_fields)]
        raws, builds = [_raw_encode_seconds(texts)], []
        for _ in range(repeats):  # raw, build, raw, build, raw: load that comes and goes hits both sides
            started = time.perf_counter()
            report = sync_index(index, store, rebuild=True)
            builds.append(time.perf_counter() - started)
            assert index.count() == len(texts) and report.embedded == len(texts)
            raws.append(_raw_encode_seconds(texts))
    raw, build = float(np.median(raws)), float(np.median(builds))
    return {"catalog": name, "items": len(texts), "raws_s": raws, "builds_s": builds, "build_s": build,
            "raw_per_s": len(texts) / raw, "build_per_s": len(texts) / build, "ratio": raw / build,
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000, help="synthetic catalog size (0 skips it)")
    parser.add_argument("--skip-movielens", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the built workspaces under this folder")
    parser.add_argument("--repeats", type=int, default=1, help="builds per catalog, each between two raw runs")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from recagent.datasets import shared_data_dir

    root = args.keep or Path(tempfile.mkdtemp(prefix="recagent-index-bench-"))
    runs = []
    if not args.skip_movielens:
        data = shared_data_dir()
        if data is None:
            sys.exit("the shared datasets are not here; pass --skip-movielens")
        runs.append(("ml-latest-small", str(data / "ml-latest-small" / "movies.csv")))
    if args.synthetic:
        runs.append((f"synthetic-{args.synthetic}", synthetic_items(args.synthetic)))

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    print(f"{'catalog':<18} {'items':>7} {'raw enc/s':>10} {'build/s':>9} {'ratio':>6}  load  raw runs | builds (s)")
    results = []
    for name, source in runs:
        folder = root / name
        shutil.rmtree(folder, ignore_errors=True)
        result = measure(name, source, folder, args.repeats)
        results.append(result)
        runs_text = " ".join(f"{s:.1f}" for s in result["raws_s"]) + " | " + " ".join(
            f"{s:.1f}" for s in result["builds_s"])
        print(f"{name:<18} {result['items']:>7,} {result['raw_per_s']:>10.1f} {result['build_per_s']:>9.1f} "
              f"{result['ratio']:>6.2f} {result['load']:>5.1f}  {runs_text}", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    worst = min(r["ratio"] for r in results)
    print(f"lowest ratio: {worst:.2f} (target at least 0.85)")


if __name__ == "__main__":
    main()
