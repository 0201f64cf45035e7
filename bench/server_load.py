"""Load on the HTTP API, on loopback: concurrent chat sessions and concurrent recommend requests.

    python bench/server_load.py [--sessions 50] [--recommends 200] [--turns 2] [--workspace DIR]

The app (`recagent.server.create_app`) runs under uvicorn on a free 127.0.0.1 port in this process, over the
demo catalog (ml-latest-small, item index built with MiniLM on first use of a new workspace), with the guided
agent and a scripted model (the wording is fixed, so only the server, the agent's tools and the pipeline are
measured). Each session names its own movie, so every reply can be checked to belong to its session: the
reply must note that session's movie, and the session's transcript must hold its own messages only.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recagent import Recommender  # noqa: E402
from recagent.titles import display_title  # noqa: E402
from recagent.datasets import demo_catalog  # noqa: E402
from recagent.server import create_app  # noqa: E402
from recagent.testing import scripted_chat_model  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


async def chat_load(base: str, titles: list[str], turns: int) -> dict:
    latencies: list[float] = []
    errors, wrong = [], []

    async def one_session(client: httpx.AsyncClient, title: str) -> None:
        created = await client.post("/v1/sessions", json={})
        if created.status_code != 201:
            errors.append(f"create {created.status_code}")
            return
        session = created.json()["id"]
        messages = [f"I loved {title}. Recommend something please"] + ["More please"] * (turns - 1)
        for message in messages:
            began = time.perf_counter()
            response = await client.post(f"/v1/sessions/{session}/messages", json={"text": message})
            latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                errors.append(f"message {response.status_code}: {response.text[:200]}")
                return
            reply = response.json()
            if reply["session"] != session or (message == messages[0]
                                               and f"Noted: you liked {title}" not in reply["text"]):
                wrong.append(session)
        transcript = (await client.get(f"/v1/sessions/{session}")).json()
        if [m["text"] for m in transcript["messages"] if m["role"] == "user"] != messages:
            wrong.append(session)

    limits = httpx.Limits(max_connections=len(titles) + 10)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        began = time.perf_counter()
        await asyncio.gather(*(one_session(client, title) for title in titles))
        elapsed = time.perf_counter() - began
    return {"turns": len(latencies), "seconds": elapsed, "p50": _percentile(latencies, 0.5),
            "p99": _percentile(latencies, 0.99), "errors": errors, "wrong": sorted(set(wrong))}


async def recommend_load(base: str, users: list[str]) -> dict:
    latencies: list[float] = []
    errors = []

    async def one(client: httpx.AsyncClient, user: str) -> None:
        began = time.perf_counter()
        response = await client.post("/v1/recommend", json={"user": user, "k": 10})
        latencies.append(time.perf_counter() - began)
        if response.status_code != 200 or len(response.json()["items"]) != 10:
            errors.append(f"{user}: {response.status_code}")

    limits = httpx.Limits(max_connections=len(users) + 10)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        began = time.perf_counter()
        await asyncio.gather(*(one(client, user) for user in users))
        elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "seconds": elapsed, "p50": _percentile(latencies, 0.5),
            "p99": _percentile(latencies, 0.99), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--recommends", type=int, default=200)
    parser.add_argument("--turns", type=int, default=2, help="messages per chat session")
    parser.add_argument("--workspace", default=None, help="reuse this workspace (ingested, index built)")
    args = parser.parse_args()
    folder = Path(args.workspace or tempfile.mkdtemp(prefix="recagent-load-"))
    rec = Recommender.open(folder, settings={"progress": False})
    if rec.stats().items == 0:
        rec.ingest(demo_catalog(folder / "demo"))
        rec.build_index()
    store = rec.workspace.store
    titles = rec.catalog.titles
    popular = [item for item, _ in store.item_popularity()[: args.sessions * 3]]
    # Distinct titles that read back as themselves, one per session.
    names = [display_title(titles.titles[i]) for i in popular if titles.lookup(display_title(titles.titles[i])) == i]
    names = names[: args.sessions]
    users = [str(u) for u in store.users()[: args.recommends]]
    users = (users * (args.recommends // max(1, len(users)) + 1))[: args.recommends]

    model = scripted_chat_model(["picks for you"] * (args.sessions * args.turns * 2))
    app = create_app(rec, model=model, mode="guided")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    httpx.post(base + "/v1/recommend", json={"user": users[0], "k": 10}, timeout=120)  # warm caches once

    chat = asyncio.run(chat_load(base, names, args.turns))
    recs = asyncio.run(recommend_load(base, users))
    server.should_exit = True
    thread.join(timeout=30)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"catalog: {store.stats().items:,} items; {len(names)} concurrent chat sessions x {args.turns} turns; "
          f"{len(users)} concurrent recommend requests; 127.0.0.1:{port}")
    print("\n| load | requests | throughput | p50 | p99 | errors | replies in the wrong session |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| chat messages | {chat['turns']} | {chat['turns'] / chat['seconds']:.1f}/s | {chat['p50']:.2f} s "
          f"| {chat['p99']:.2f} s | {len(chat['errors'])} | {len(chat['wrong'])} |")
    print(f"| recommend | {recs['requests']} | {recs['requests'] / recs['seconds']:.1f}/s "
          f"| {1000 * recs['p50']:.0f} ms "
          f"| {1000 * recs['p99']:.0f} ms | {len(recs['errors'])} | - |")
    print(f"\npeak memory (RSS) {peak_mb:,.0f} MB")
    for error in (chat["errors"] + recs["errors"])[:10]:
        print("error:", error)
    rec.close()
    if chat["errors"] or recs["errors"] or chat["wrong"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
