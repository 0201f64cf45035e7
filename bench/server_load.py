"""Load on the HTTP API, on loopback: concurrent chat sessions and concurrent recommend requests.

    python bench/server_load.py [--sessions 50] [--recommends 200] [--turns 2] [--workspace DIR]
    python bench/server_load.py --streams 50 [--workspace DIR]
    python bench/server_load.py --servers 2 [--sessions 50] [--turns 2]

The second form sends `--streams` streamed chat messages at once to the real local chat model: each must finish
or be refused at once with 503 and Retry-After (the server's bounded queue, setting chat_max_turns), none may
hang; it reports the first event's p50/p99, completed and refused counts, and whether the server answers a
message normally afterwards.

The app (`recagent.server.create_app`) runs under uvicorn on a free 127.0.0.1 port in this process, over the
demo catalog (ml-latest-small, item index built with MiniLM on first use of a new workspace), with the guided
agent and a scripted model (the wording is fixed, so only the server, the agent's tools and the pipeline are
measured). Each session names its own movie, so every reply can be checked to belong to its session: the
reply must note that session's movie, and the session's transcript must hold its own messages only.

With `--servers 2`, two apps, each on its own workspace folder, share one state: a throwaway PostgreSQL server
(store and chat sessions, `store_url`) and a `chroma run` (the item index); each session's turns alternate
between the two, so every second message continues on the other server a session begun on the first. The two
run in this one process (one interpreter lock between them): the figures show correctness under load across
servers, not the throughput two hosts would reach.
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


async def chat_load(bases: list[str], titles: list[str], turns: int) -> dict:
    latencies: list[float] = []
    errors, wrong, refused = [], [], []

    async def one_session(clients: list[httpx.AsyncClient], title: str) -> None:
        created = await clients[0].post("/v1/sessions", json={})
        if created.status_code != 201:
            errors.append(f"create {created.status_code}")
            return
        session = created.json()["id"]
        messages = [f"I loved {title}. Recommend something please"] + ["More please"] * (turns - 1)
        for turn, message in enumerate(messages):
            client = clients[turn % len(clients)]  # with two servers, every other turn on the other one
            began = time.perf_counter()
            response = await client.post(f"/v1/sessions/{session}/messages", json={"text": message})
            while response.status_code == 503 and "Retry-After" in response.headers:  # the queue is full
                refused.append(session)
                await asyncio.sleep(float(response.headers["Retry-After"]))
                response = await client.post(f"/v1/sessions/{session}/messages", json={"text": message})
            latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                errors.append(f"message {response.status_code}: {response.text[:200]}")
                return
            reply = response.json()
            if reply["session"] != session or (message == messages[0]
                                               and f"Noted: you liked {title}" not in reply["text"]):
                wrong.append(session)
        transcript = (await clients[-1].get(f"/v1/sessions/{session}")).json()
        if [m["text"] for m in transcript["messages"] if m["role"] == "user"] != messages:
            wrong.append(session)

    limits = httpx.Limits(max_connections=len(titles) + 10)
    clients = [httpx.AsyncClient(base_url=base, timeout=600, limits=limits) for base in bases]
    try:
        began = time.perf_counter()
        await asyncio.gather(*(one_session(clients, title) for title in titles))
        elapsed = time.perf_counter() - began
    finally:
        for client in clients:
            await client.aclose()
    return {"turns": len(latencies), "seconds": elapsed, "p50": _percentile(latencies, 0.5),
            "p99": _percentile(latencies, 0.99), "errors": errors, "wrong": sorted(set(wrong)),
            "refused": len(refused)}


async def stream_load(base: str, streams: int) -> dict:
    """`streams` streamed messages at once: time to the first event, completed, refused at once, hung."""
    first_event: list[float] = []
    refused_after: list[float] = []
    completed, hung, errors = 0, 0, []

    async def one(client: httpx.AsyncClient, session: str) -> None:
        nonlocal completed, hung
        began = time.perf_counter()
        try:
            async with client.stream("POST", f"/v1/sessions/{session}/messages",
                                     json={"text": "a funny 90s comedy please", "stream": True}) as response:
                if response.status_code == 503 and "Retry-After" in response.headers:
                    refused_after.append(time.perf_counter() - began)
                    return
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {(await response.aread())[:200]!r}")
                    return
                events = []
                async for line in response.aiter_lines():
                    if line.startswith("event: "):
                        if not events:
                            first_event.append(time.perf_counter() - began)
                        events.append(line[7:])
                if events and events[-1] == "reply":
                    completed += 1
                else:
                    errors.append(f"stream ended with {events[-1:] or 'no event'}")
        except httpx.TimeoutException:
            hung += 1

    limits = httpx.Limits(max_connections=streams + 10)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        sessions = [(await client.post("/v1/sessions", json={})).json()["id"] for _ in range(streams)]
        began = time.perf_counter()
        await asyncio.gather(*(one(client, session) for session in sessions))
        elapsed = time.perf_counter() - began
        after = await client.post(f"/v1/sessions/{sessions[0]}/messages", json={"text": "any sci-fi?"})
    return {"streams": streams, "seconds": elapsed, "completed": completed, "refused": len(refused_after),
            "refused_p99": _percentile(refused_after, 0.99), "hung": hung, "errors": errors,
            "first_p50": _percentile(first_event, 0.5), "first_p99": _percentile(first_event, 0.99),
            "after": after.status_code == 200 and bool(after.json()["items"])}


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
    parser.add_argument("--streams", type=int, default=0,
                        help="instead: this many streamed messages at once to the real local chat model")
    parser.add_argument("--servers", type=int, default=1, choices=(1, 2),
                        help="2: two apps on one PostgreSQL store and one Chroma server, turns alternating")
    args = parser.parse_args()
    if args.servers == 2:
        two_servers(args)
        return
    folder = Path(args.workspace or tempfile.mkdtemp(prefix="recagent-load-"))
    rec = Recommender.open(folder, settings={"progress": False})
    if rec.stats().items == 0:
        rec.ingest(demo_catalog(folder / "demo"))
        rec.build_index()
    store = rec.workspace.store
    names = _session_titles(rec, args.sessions)
    users = [str(u) for u in store.users()[: args.recommends]]
    users = (users * (args.recommends // max(1, len(users)) + 1))[: args.recommends]

    if args.streams:
        app = create_app(rec, model="local", mode="guided")
    else:
        app = create_app(rec, model=scripted_chat_model(["picks for you"] * (args.sessions * args.turns * 4)),
                         mode="guided")
    server, thread, base = _start(app)
    port = base.rsplit(":", 1)[1]
    httpx.post(base + "/v1/recommend", json={"user": users[0], "k": 10}, timeout=120)  # warm caches once
    if args.streams:
        report_streams(asyncio.run(stream_load(base, args.streams)), rec, port)
        server.should_exit = True
        thread.join(timeout=60)
        return

    chat = asyncio.run(chat_load([base], names, args.turns))
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
    print(f"\nchat messages refused with 503 and retried after Retry-After: {chat['refused']}")
    print(f"peak memory (RSS) {peak_mb:,.0f} MB")
    for error in (chat["errors"] + recs["errors"])[:10]:
        print("error:", error)
    rec.close()
    if chat["errors"] or recs["errors"] or chat["wrong"]:
        raise SystemExit(1)


def _session_titles(rec: Recommender, sessions: int) -> list[str]:
    """Distinct titles that read back as themselves, one per session, among the most popular items."""
    titles = rec.catalog.titles
    popular = [item for item, _ in rec.workspace.store.item_popularity()[: sessions * 3]]
    names = [display_title(titles.titles[i]) for i in popular if titles.lookup(display_title(titles.titles[i])) == i]
    return names[:sessions]


def _start(app) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def two_servers(args: argparse.Namespace) -> None:
    from recagent.vectorstore.server import chroma_server
    from tests.postgres_server import create_database, postgres_server

    scratch = Path(tempfile.mkdtemp(prefix="recagent-load-two-"))
    databases = postgres_server()
    with chroma_server(scratch / "chroma") as chroma_url:
        try:
            shared = {"progress": False, "store_url": create_database(next(databases)), "chroma_url": chroma_url}
            recs = [Recommender.open(scratch / name, settings=shared) for name in ("a", "b")]
            recs[0].ingest(demo_catalog(scratch / "demo"))
            recs[0].build_index()
            names = _session_titles(recs[0], args.sessions)
            replies = ["picks for you"] * (args.sessions * args.turns * 4)
            started = [_start(create_app(rec, model=scripted_chat_model(replies), mode="guided")) for rec in recs]
            chat = asyncio.run(chat_load([base for _, _, base in started], names, args.turns))
            for server, thread, _ in started:
                server.should_exit = True
                thread.join(timeout=30)
            print(f"catalog: {recs[0].stats().items:,} items; {len(names)} concurrent chat sessions x {args.turns} "
                  "turns, turns alternating between two servers on one PostgreSQL store and one Chroma server")
            print("\n| load | messages | throughput | p50 | p99 | errors | replies in the wrong session |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            print(f"| chat messages, two servers | {chat['turns']} | {chat['turns'] / chat['seconds']:.1f}/s "
                  f"| {chat['p50']:.2f} s | {chat['p99']:.2f} s | {len(chat['errors'])} | {len(chat['wrong'])} |")
            print(f"\nchat messages refused with 503 and retried after Retry-After: {chat['refused']}")
            for error in chat["errors"][:10]:
                print("error:", error)
            for rec in recs:
                rec.close()
        finally:
            next(databases, None)
    if chat["errors"] or chat["wrong"]:
        raise SystemExit(1)


def report_streams(load: dict, rec: Recommender, port: int) -> None:
    print(f"catalog: {rec.stats().items:,} items; {load['streams']} streamed chat messages at once, local model "
          f"(guided); chat_max_turns {rec.settings.chat_max_turns}; 127.0.0.1:{port}")
    print("\n| streams | completed | refused (503 + Retry-After) | hung | errors | first event p50 | first event p99 "
          "| refusal p99 | all done in | a message afterwards |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    print(f"| {load['streams']} | {load['completed']} | {load['refused']} | {load['hung']} | {len(load['errors'])} "
          f"| {load['first_p50']:.2f} s | {load['first_p99']:.2f} s | {1000 * load['refused_p99']:.0f} ms "
          f"| {load['seconds']:.1f} s | {'answered' if load['after'] else 'FAILED'} |")
    for error in load["errors"][:10]:
        print("error:", error)
    rec.close()
    if load["hung"] or load["errors"] or not load["after"] or load["completed"] + load["refused"] != load["streams"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
