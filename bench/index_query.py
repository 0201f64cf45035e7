"""Query latency of the item index at 100k items: unfiltered, and filtered by the fast path and by Chroma.

    .venv/bin/python bench/index_query.py                 # builds a 100k synthetic index first
    .venv/bin/python bench/index_query.py --workspace /tmp/idx/synthetic-100000   # reuse one

Without --workspace the 100k vectors are MiniLM embeddings of 4,000 distinct synthetic texts plus a little
noise, so the vectors cluster as real ones do without spending minutes encoding 100k texts; queries are
embedded with MiniLM. Latency is for a query vector (the text encoding, reported apart, is the same for
every path). "fast" is `ItemIndex.query` (filter mask over numpy columns, then exact search over few rows or
HNSW over-fetch for broad filters; unfiltered, an exact search of an index of up to 20,000 items); "chroma" is
Chroma's own `where` on the same collection, and its HNSW search for the unfiltered row.
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

FILTERS = {
    "category=Comedy (broad)": {"category": "Comedy"},
    "year>=1990 (broad)": {"year": {">=": 1990}},
    "rating>=4.5 & lang=fr (3%)": {"rating": {">=": 4.5}, "language": "fr"},
    "Film-Noir & year<1960 (rare)": {"category": "Film-Noir", "year": {"<": 1960}},
    "Drama & !en & 1970-1999": {"category": "Drama", "language": {"!=": "en"}, "year": {">=": 1970, "<": 2000}},
}
QUERIES = ["a detective in a rainy city", "space adventure with robots", "a love story in Paris",
           "haunted house horror", "a western about outlaws", "children's animated musical",
           "war drama at sea", "a heist that goes wrong", "coming of age at summer camp", "a family secret"]


class LookupEmbedder:
    """Vectors computed ahead, looked up by text: lets the write path run without re-encoding 100k texts."""

    def __init__(self, name: str, vectors: dict[str, np.ndarray]) -> None:
        self.name = name
        self.vectors = vectors

    @property
    def dimension(self) -> int:
        return len(next(iter(self.vectors.values())))

    def embed(self, texts):
        return np.stack([self.vectors[text] for text in texts])


def build_synthetic(folder: Path, count: int) -> None:
    from recagent import Recommender
    from recagent.vectorstore import ItemIndex, SentenceTransformerEmbedder, sync_index
    from recagent.vectorstore.records import item_records

    minilm = SentenceTransformerEmbedder()
    items = synthetic_items(count)
    settings = {"index_on_ingest": "false", "progress": "false", "disable_plugins": "bert,gpt"}
    with Recommender.open(folder, settings=settings) as rec:
        rec.ingest(items=items)
        documents = [r.document for r in item_records(rec.workspace.store.iter_items())]
        rng = np.random.default_rng(0)
        base = minilm.embed(documents[:4000])
        noisy = base[np.arange(len(documents)) % len(base)] + rng.normal(0, 0.02, (len(documents), base.shape[1]))
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        lookup = LookupEmbedder(minilm.name, dict(zip(documents, noisy.astype(np.float32))))
        started = time.perf_counter()
        sync_index(ItemIndex.open(rec.settings, embedder=lookup), rec.workspace.store)
        print(f"wrote {len(documents):,} records to Chroma in {time.perf_counter() - started:.1f} s")


def percentiles(samples: list[float]) -> str:
    return f"{np.percentile(samples, 50):7.2f} {np.percentile(samples, 99):7.2f}"


def timed(call, vectors: np.ndarray, rounds: int) -> list[float]:
    samples = []
    for number in range(rounds):
        vector = vectors[number % len(vectors)]
        started = time.perf_counter()
        call(vector)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspace", type=Path, help="an existing workspace with a built index")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from recagent.settings import load_settings
    from recagent.vectorstore import ItemIndex, SentenceTransformerEmbedder, to_chroma_where

    temporary = None
    folder = args.workspace
    if folder is None:
        temporary = Path(tempfile.mkdtemp(prefix="recagent-query-bench-"))
        folder = temporary / "ws"
        build_synthetic(folder, args.items)
    minilm = SentenceTransformerEmbedder()
    index = ItemIndex.open(load_settings(folder), embedder=minilm)
    minilm.embed(["load the model first"])
    started = time.perf_counter()
    vectors = minilm.embed(QUERIES)
    encode_ms = (time.perf_counter() - started) * 1000 / len(QUERIES)
    started = time.perf_counter()
    mirror = index.mirror()
    load_s = time.perf_counter() - started

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; index of "
          f"{index.count():,} items; k={args.k}; {args.rounds} queries per row; latency in ms")
    print(f"query text encoding: {encode_ms:.1f} ms per query; mirror load (once per process): {load_s:.1f} s")
    print(f"{'query':<30} {'match':>6} {'fast p50':>8} {'p99':>7} {'chroma p50':>10} {'p99':>7} {'speed-up':>8}")
    chroma = index.collection
    # Unfiltered: an exact search in numpy up to 20,000 items, Chroma's HNSW above; beside it, HNSW on its own.
    unfiltered = timed(lambda v: index.query(vector=v, k=args.k), vectors, args.rounds)
    hnsw = timed(lambda v: chroma.query(query_embeddings=[v], n_results=args.k, include=["metadatas", "distances"]),
                 vectors, args.rounds)
    print(f"{'unfiltered':<30} {len(mirror):>6} {percentiles(unfiltered)} {percentiles(hnsw):>18} "
          f"{np.percentile(hnsw, 50) / np.percentile(unfiltered, 50):>7.1f}x", flush=True)
    for name, filters in FILTERS.items():
        where = to_chroma_where(filters)
        matching = int(mirror.mask(index_conditions(filters)).sum())
        fast = timed(lambda v: index.query(vector=v, k=args.k, filters=filters), vectors, args.rounds)
        native = timed(lambda v: chroma.query(query_embeddings=[v], n_results=args.k, where=where,
                                              include=["metadatas", "distances"]), vectors, max(20, args.rounds // 5))
        check_same(index, chroma, vectors[0], filters, where, args.k)
        print(f"{name:<30} {matching:>6} {percentiles(fast)} {percentiles(native):>18} "
              f"{np.percentile(native, 50) / np.percentile(fast, 50):>7.1f}x", flush=True)
    if temporary:
        shutil.rmtree(temporary, ignore_errors=True)


def index_conditions(filters):
    from recagent.filters import parse_conditions

    return parse_conditions(filters)


def check_same(index, chroma, vector, filters, where, k: int) -> None:
    """The fast path must find what Chroma's filtered search finds (allowing for HNSW's approximation)."""
    # Scores, not ids: near-duplicate vectors tie, and either side may pick any of them.
    fast = [hit.score for hit in index.query(vector=vector, k=k, filters=filters)]
    native = [1 - d for d in chroma.query(query_embeddings=[vector], n_results=k, where=where,
                                          include=["distances"])["distances"][0]]
    if len(fast) != len(native) or max((abs(a - b) for a, b in zip(fast, native)), default=0.0) > 0.02:
        print(f"  warning: scores differ from Chroma's for {filters}: {fast[:3]} vs {native[:3]}")


if __name__ == "__main__":
    main()
