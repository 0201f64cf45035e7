"""What an index build spends per item on 2 cores: encoding at one and two threads, and Chroma's write.

    .venv/bin/python bench/index_write_cost.py                 # ml-latest-small's movies
    .venv/bin/python bench/index_write_cost.py --synthetic 20000

Encodes the catalog's index texts with all-MiniLM-L6-v2 at two threads (as the raw baseline of
bench/index_build.py does) and at one thread (as each build helper does), then writes the same records with
those vectors to fresh embedded Chroma collections, 256 at a time, as stored and without parts of them.
From these it prints the best build-to-raw ratio two cores allow when encoding keeps both busy and the
writes' CPU comes on top: raw core-ms / (one-thread core-ms + write ms).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_synthetic import synthetic_items  # noqa: E402

_CHUNK = 256


def _encode_ms_per_core(model, texts: list[str], threads: int, batch_size: int) -> tuple[float, np.ndarray]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        model.encode(texts[:256], batch_size=batch_size)  # warm up
        started = time.perf_counter()
        vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
        return 1000 * threads * (time.perf_counter() - started) / len(texts), vectors
    finally:
        torch.set_num_threads(before)


def _write_ms(client, name: str, records, vectors: np.ndarray, variant: str) -> float:
    collection = client.create_collection(name, configuration={"hnsw": {"space": "cosine"}},
                                          embedding_function=None)
    started = time.perf_counter()
    for start in range(0, len(records), _CHUNK):
        batch = records[start:start + _CHUNK]
        metadatas = [dict(record.metadata) for record in batch]
        documents = [record.document for record in batch]
        if variant == "document in metadata":
            for metadata, document in zip(metadatas, documents):
                metadata["document"] = document
        if variant == "categories as one string":
            for metadata in metadatas:
                metadata["categories"] = "|".join(metadata.get("categories", []))
        fields = {} if variant in ("no document", "document in metadata") else {"documents": documents}
        collection.upsert(ids=[record.id for record in batch], embeddings=vectors[start:start + _CHUNK],
                          metadatas=metadatas, **fields)
    return 1000 * (time.perf_counter() - started) / len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=0, help="a synthetic catalog of this size instead")
    args = parser.parse_args()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from recagent.datasets import shared_data_dir
    from recagent.vectorstore import SentenceTransformerEmbedder
    from recagent.vectorstore.records import DEFAULT_TEXT_FIELDS, item_records

    if args.synthetic:
        items, name = synthetic_items(args.synthetic), f"synthetic-{args.synthetic}"
    else:
        from recagent.readers import read_items

        data = shared_data_dir()
        if data is None:
            sys.exit("the shared datasets are not here; pass --synthetic N")
        items, name = read_items(data / "ml-latest-small" / "movies.csv"), "ml-latest-small"
    records = item_records(items, DEFAULT_TEXT_FIELDS)
    texts = [record.document for record in records]
    embedder = SentenceTransformerEmbedder()
    raw_ms, vectors = _encode_ms_per_core(embedder.model, texts, 2, embedder.batch_size)
    one_ms, _ = _encode_ms_per_core(embedder.model, texts, 1, embedder.batch_size)
    vectors = np.asarray(vectors, dtype=np.float32)
    print(f"{name}: {len(texts):,} texts; encoding, core-ms per text: two threads {raw_ms:.2f}, "
          f"one thread {one_ms:.2f}")

    client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="recagent-write-cost-"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    variants = ["as stored", "no document", "document in metadata", "categories as one string", "as stored"]
    for number, variant in enumerate(variants):
        write_ms = _write_ms(client, f"items{number}", records, vectors, variant)
        print(f"  write {variant:<26} {write_ms:.3f} ms per item; best ratio on 2 cores "
              f"{raw_ms / (one_ms + write_ms):.2f}", flush=True)


if __name__ == "__main__":
    main()
