"""The recommendation pipeline: quality against its parts, diversity, and latency without any LLM.

Usage (datasets are read from ../shared/data and never copied):

    nice -n 5 .venv/bin/python bench/pipeline.py quality-beauty [--max-users 3000]
    nice -n 5 .venv/bin/python bench/pipeline.py quality-movielens [--max-users 600]
    nice -n 5 .venv/bin/python bench/pipeline.py latency [--synthetic 100000] [--workspace DIR]

quality-beauty: leave-one-out, full ranking, seen items excluded; the full pipeline against the GPT model
alone, both trained on the same split (RECAGENT_GPT_* variables set the GPT training budget).
quality-movielens: ml-latest-small with TMDB overviews as item text; each test user's held-out movie is
described by a query made of its genres ("a Comedy Romance movie"); NDCG@10 of vector search alone (the
query only) and of the GPT model alone (the history only) against the pipeline (history and query, history
only); intra-list diversity and coverage with MMR off and on.
latency: warm `recommend()` (GPT, vector search, category affinity, popularity, ranker; no LLM) on the Beauty
catalog and on a synthetic catalog; p50/p99 in ms, batch users/s, peak memory.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from recagent import Event, Item, Recommender
from recagent.datasets import shared_data_dir
from recagent.diversity import intra_list_diversity, similarity_matrix
from recagent.evaluation.metrics import ndcg

os.environ.setdefault("RECAGENT_PROGRESS", "false")


def data_dir() -> Path:
    data = shared_data_dir()
    if data is None:
        sys.exit("the shared datasets (../shared/data) are absent; nothing to measure")
    return data


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quality_beauty(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rec = Recommender.open(folder)
        rec.ingest(events=data_dir() / "amazon-s3rec" / "Beauty.txt", format="s3rec")
        started = time.perf_counter()
        report = rec.evaluate(k=10, models=["pipeline", "gpt", "popularity"], max_users=args.max_users, sampled=0)
        print(f"Amazon Beauty, {report.users} test users, {report.items} items, {time.perf_counter() - started:.0f} s")
        print(f"{'model':12} {'HR@10':>8} {'NDCG@10':>8} {'MRR':>8} {'coverage':>9}")
        for name, m in report.as_dict().items():
            print(f"{name:12} {m['hr@10']:8.4f} {m['ndcg@10']:8.4f} {m['mrr']:8.4f} {m['coverage']:9.4f}")
        pipeline, gpt = report.metrics["pipeline"], report.metrics["gpt"]
        print(f"pipeline / gpt NDCG@10: {pipeline['ndcg@10'] / gpt['ndcg@10']:.3f}")
        print(f"peak memory {peak_memory_mb():.0f} MB")


def with_overviews(items: Iterable[Item], data: Path) -> list[Item]:
    """MovieLens movies with the TMDB 5000 overview as their text where the tmdbId matches (else as they were)."""
    with gzip.open(data / "tmdb-5000" / "tmdb_5000_movies.csv.gz", "rt", encoding="utf-8") as handle:
        overviews = {row["id"]: row["overview"] for row in csv.DictReader(io.StringIO(handle.read()))}
    return [
        Item(item.id, item.title, overviews.get(str(item.metadata.get("tmdbId", "")), "") or item.text,
             item.categories, dict(item.metadata))
        for item in items
    ]


def movielens_with_overviews(data: Path) -> list[Item]:
    """ml-latest-small's movies, with the TMDB overview as text where the tmdbId matches."""
    probe = Recommender.open(tempfile.mkdtemp(), settings={"disable_plugins": "bert,vectorsearch,gpt"})
    probe.ingest(data / "ml-latest-small")
    return with_overviews(probe.workspace.store.iter_items(), data)


def quality_movielens(args: argparse.Namespace) -> None:
    data = data_dir()
    items = movielens_with_overviews(data)
    with tempfile.TemporaryDirectory() as folder:
        rec = Recommender.open(folder)
        rec.ingest(items=items, events=data / "ml-latest-small" / "ratings.csv", format="movielens")
        store = rec.workspace.store
        users = store.users()
        random.Random(0).shuffle(users)
        users = users[: args.max_users]
        # Leave-one-out by hand: the held-out last item of each test user is removed before training.
        held_out = {user: store.user_history(user)[-1] for user in users}
        train_rec = Recommender.open(Path(folder) / "train")
        kept = [e for e in store.iter_events() if held_out.get(e.user) != e.item]
        train_rec.ingest(items=items, events=kept)
        started = time.perf_counter()
        train_rec.build_index()
        summary = train_rec.train()
        print(f"ml-latest-small + TMDB text: {len(users)} test users; index + training {time.perf_counter() - started:.0f} s")
        print("ranker:", json.dumps(summary.get("ranking", {})))
        catalog = {item.id: item for item in items}
        index = train_rec.catalog.index
        ranks = {"vector search (query)": [], "gpt alone (history)": [], "pipeline (history + query)": [],
                 "pipeline (history only)": []}
        lists = {0.0: [], 0.3: []}
        for user in users:
            target = held_out[user]
            history = [i for i in train_rec.workspace.store.user_history(user)]
            query = f"a {' '.join(catalog[target].categories) or 'good'} movie"
            hits = [h.item_id for h in index.query(query, k=200) if h.item_id not in set(history)][:100]
            ranks["vector search (query)"].append(hits.index(target) + 1 if target in hits else 10**6)
            predicted = [s.item_id for s in train_rec.interests(history=history, k=100 + len(history)).items
                         if s.item_id not in set(history)][:100]
            ranks["gpt alone (history)"].append(predicted.index(target) + 1 if target in predicted else 10**6)
            for name, q in (("pipeline (history + query)", query), ("pipeline (history only)", None)):
                recs = [r.item.id for r in train_rec.recommend(history=history, query=q, k=100)]
                ranks[name].append(recs.index(target) + 1 if target in recs else 10**6)
            for weight in lists:
                lists[weight].append([r.item for r in train_rec.recommend(history=history, k=10, diversity=weight)])
        print(f"{'model':28} {'NDCG@10':>8} {'HR@10':>7}")
        for name, values in ranks.items():
            array = np.asarray(values)
            print(f"{name:28} {ndcg(array, 10):8.4f} {float(np.mean(array <= 10)):7.4f}")
        print(f"{'MMR weight':10} {'intra-list diversity':>21} {'coverage@10':>12}")
        for weight, recommended in lists.items():
            vectors = [train_rec.host.call_first("item_vectors", item_ids=[i.id for i in r],
                                                 workspace=train_rec.workspace) for r in recommended]
            diversity = np.mean([intra_list_diversity(similarity_matrix(r, v[1] if v else None))
                                 for r, v in zip(recommended, vectors)])
            coverage = len({i.id for r in recommended for i in r}) / len(items)
            print(f"{weight:10.1f} {diversity:21.4f} {coverage:12.4f}")


def synthetic(count: int, users: int, seed: int = 7) -> tuple[list[Item], list[Event]]:
    rng = random.Random(seed)
    genres = [f"Genre{g}" for g in range(30)]
    items = [Item(str(i), f"Product {i}", f"A {rng.choice(['red', 'blue', 'green'])} thing number {i}",
                  tuple(rng.sample(genres, 2))) for i in range(count)]
    weights = [1 / (rank + 10) for rank in range(count)]  # a long tail, like real catalogs
    events = []
    for user in range(users):
        for step, item in enumerate(rng.choices(range(count), weights=weights, k=rng.randint(5, 30))):
            events.append(Event(f"u{user}", str(item), float(step)))
    return items, events


def measure_latency(rec: Recommender, histories: list[list[str]], repeats: int) -> dict[str, float]:
    for history in histories[:20]:  # warm: models loaded, caches filled
        rec.recommend(history=history, k=10)
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        rec.recommend(history=histories[n % len(histories)], k=10)
        times.append(1000 * (time.perf_counter() - started))
    users = rec.workspace.store.users()[:300]
    started = time.perf_counter()
    for _ in rec.recommend_many(users, k=10):
        pass
    return {"p50_ms": statistics.median(times), "p99_ms": float(np.percentile(times, 99)),
            "batch_users_per_s": len(users) / (time.perf_counter() - started)}


def prepared(folder: Path, settings: dict, prepare) -> Recommender:
    """A workspace built by `prepare` (ingest, index, train), or the one a run with --workspace left."""
    marker = folder / "prepared-by-bench"
    rec = Recommender.open(folder, settings=settings)
    if not marker.exists():
        prepare(rec)
        marker.write_text(json.dumps(settings))
    return rec


def latency(args: argparse.Namespace) -> None:
    budget = {"gpt_max_minutes": args.gpt_minutes}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.workspace or scratch)

        def beauty(rec: Recommender) -> None:
            rec.ingest(events=data_dir() / "amazon-s3rec" / "Beauty.txt", format="s3rec")
            rec.train()

        def synthetic_catalog(rec: Recommender) -> None:
            items, events = synthetic(args.synthetic, users=5000)
            rec.ingest(items=items, events=events)
            rec.build_index()
            rec.train()

        rec = prepared(folder / "beauty", budget, beauty)
        store = rec.workspace.store
        histories = [store.user_history(u)[-20:] for u in store.users()[:500]]
        rows.append(("Amazon Beauty (12,101 items)", measure_latency(rec, histories, args.repeats)))
        if args.synthetic:
            big = prepared(folder / f"synthetic-{args.synthetic}", budget, synthetic_catalog)
            store = big.workspace.store
            histories = [store.user_history(u)[-20:] for u in store.users()[:500]]
            rows.append((f"synthetic ({args.synthetic:,} items, with index)", measure_latency(big, histories, args.repeats)))
    print(f"{'catalog':36} {'p50 ms':>7} {'p99 ms':>7} {'batch users/s':>14}")
    for name, row in rows:
        print(f"{name:36} {row['p50_ms']:7.1f} {row['p99_ms']:7.1f} {row['batch_users_per_s']:14.1f}")
    print(f"peak memory {peak_memory_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", choices=["quality-beauty", "quality-movielens", "latency"])
    parser.add_argument("--max-users", type=int, default=None)
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=500)
    parser.add_argument("--gpt-minutes", type=float, default=3.0, help="GPT training budget for the latency run")
    parser.add_argument("--workspace", help="latency: keep the prepared workspaces here and reuse them next time")
    args = parser.parse_args()
    {"quality-beauty": quality_beauty, "quality-movielens": quality_movielens, "latency": latency}[args.run](args)


if __name__ == "__main__":
    main()
