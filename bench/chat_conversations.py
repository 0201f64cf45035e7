"""Conversation benchmark: scripted multi-turn chats over the demo catalog, agent against the pipeline alone.

    python bench/chat_conversations.py [--conversations 40] [--model local] [--write-conversations]

Each conversation comes from one MovieLens user of the bundled ml-latest-small: the user names three movies
they rated highly (typed as people type titles: no year, sometimes lower case) and rules out a category they
never rate highly; the targets are the next ten movies they rated 4 or more (without that category). The
conversations, targets and constraints are written to bench/conversations.json.

Reported, per system: grounded rate (every item shown exists in the catalog and came from a tool result of
the session), constraint violations (an item of the ruled-out category, or one the user named), Recall@10 of
the targets over the first ten items shown; for the agent also turn latency (p50/p99, warm), the model's
share and the tool-and-pipeline part, and the first load. "pipeline alone" is `Recommender.recommend` given
the three item ids and the filter directly: the same choices without reading any message.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recagent import Recommender  # noqa: E402
from recagent.titles import display_title  # noqa: E402
from recagent.agent.middleware import tool_items  # noqa: E402
from recagent.datasets import demo_catalog  # noqa: E402

CONVERSATIONS_FILE = Path(__file__).with_name("conversations.json")
RULED_OUT = ["Horror", "Romance", "Children", "Documentary", "Musical", "Western", "War", "Animation", "Film-Noir"]
SAYINGS = {"Horror": "nothing scary", "Romance": "no romance", "Children": "no kids movies",
           "Documentary": "no documentaries", "Musical": "no musicals", "Western": "no westerns",
           "War": "no war movies", "Animation": "no animated films", "Film-Noir": "no film noir"}
STYLES = [
    ["I loved {a}, {b} and {c}. {no} please.", "More please."],
    ["Hi! I'm a big fan of {a} and {b}.", "I also enjoyed {c}, but {no}.", "What else?"],
    ["{a} and {b} are my favourites, and I liked {c}. Anything similar, {no}?", "Show me more."],
]


def _typed(title: str, rng: random.Random) -> str:
    name = display_title(title).rsplit(" (", 1)[0]
    return name.lower() if rng.random() < 0.3 else name


def write_conversations(rec: Recommender, count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Conversations from users' own ratings, seeded; written down so every run uses the same ones."""
    rng = random.Random(seed)
    store = rec.workspace.store
    titles = rec.catalog.titles
    popularity = dict(store.item_popularity())
    liked: dict[str, list[tuple[float, str]]] = {}
    for event in store.iter_events():
        if event.value is not None and event.value >= 4.0:
            liked.setdefault(event.user, []).append((event.timestamp, event.item))
    users = sorted(user for user, items in liked.items() if len(items) >= 30)
    rng.shuffle(users)
    conversations = []
    for user in users:
        history = [item for _, item in sorted(liked[user])]
        head, tail = history[: len(history) // 2], history[len(history) // 2:]
        # Titles a person would name: popular, and read back as the same item.
        famous = [item for item in sorted(head, key=lambda i: -popularity.get(i, 0))[:12]
                  if titles.lookup(display_title(titles.titles[item]).rsplit(" (", 1)[0]) == item]
        if len(famous) < 3:
            continue
        named = rng.sample(famous, 3)
        counts = {c: sum(c in titles.categories[i] for i in history) for c in RULED_OUT}
        allowed = [c for c in RULED_OUT if counts[c] == 0 and not any(c in titles.categories[i] for i in named)]
        if not allowed:
            continue
        excluded = rng.choice(allowed)
        targets = [i for i in tail if i not in named and excluded not in titles.categories[i]][:10]
        if len(targets) < 5:
            continue
        style = STYLES[len(conversations) % len(STYLES)]
        words = {key: _typed(titles.titles[item], rng) for key, item in zip("abc", named)}
        messages = [turn.format(**words, no=SAYINGS[excluded]) for turn in style]
        messages = [m[0].upper() + m[1:] for m in messages]
        conversations.append({"user": user, "messages": messages, "named": named, "exclude": excluded,
                              "targets": targets})
        if len(conversations) == count:
            break
    CONVERSATIONS_FILE.write_text(json.dumps(conversations, indent=1) + "\n")
    return conversations


class ModelTimer(BaseCallbackHandler):
    """Seconds spent inside chat-model calls during a turn."""

    def __init__(self) -> None:
        self.started: dict[Any, float] = {}
        self.seconds = 0.0

    def on_chat_model_start(self, serialized: Any, messages: Any, *, run_id: Any, **kwargs: Any) -> None:
        self.started[run_id] = time.perf_counter()

    def on_llm_end(self, response: Any, *, run_id: Any, **kwargs: Any) -> None:
        if run_id in self.started:
            self.seconds += time.perf_counter() - self.started.pop(run_id)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_agent(rec: Recommender, conversations: list[dict[str, Any]], model: str | None) -> dict[str, Any]:
    store = rec.workspace.store
    titles = rec.catalog.titles
    started = time.perf_counter()
    agent = rec.chat_agent(model)
    build_s = time.perf_counter() - started
    totals, model_s, other_s = [], [], []
    recalls, grounded, shown_total, violations = [], 0, 0, []
    first_turn_s = None
    for number, conversation in enumerate(conversations):
        session = agent.session()
        shown: list[str] = []
        offered: set[str] = set()
        for turn, message in enumerate(conversation["messages"]):
            said = " ".join(conversation["messages"][: turn + 1]).lower()
            ruled_out = SAYINGS[conversation["exclude"]] in said
            # An item the user named counts as a violation only once they have named it.
            named = [item for item in conversation["named"]
                     if display_title(titles.titles[item]).rsplit(" (", 1)[0].lower() in said]
            timer = ModelTimer()
            began = time.perf_counter()
            reply = session.send(message, callbacks=[timer])
            elapsed = time.perf_counter() - began
            offered |= {entry["id"] for entry in tool_items(session.last_turn(), presenting_only=False)}
            if first_turn_s is None:
                first_turn_s = elapsed
            elif reply.items:
                totals.append(elapsed)
                model_s.append(timer.seconds)
                other_s.append(elapsed - timer.seconds)
            for entry in reply.items:
                shown_total += 1
                grounded += store.has_item(entry.item.id) and entry.item.id in offered
                if ruled_out and conversation["exclude"] in titles.categories.get(entry.item.id, ()):
                    violations.append((number, turn, entry.item.title, f"is {conversation['exclude']}"))
                if entry.item.id in named:
                    violations.append((number, turn, entry.item.title, "named by the user"))
                shown.append(entry.item.id)
        top = list(dict.fromkeys(shown))[:10]
        recalls.append(len(set(top) & set(conversation["targets"])) / len(conversation["targets"]))
        print(f"  conversation {number + 1}/{len(conversations)}: recall@10 {recalls[-1]:.2f}", file=sys.stderr)
    return {"recall@10": statistics.mean(recalls), "grounded": grounded / max(1, shown_total),
            "items_shown": shown_total, "violations": len(violations), "violation_details": violations,
            "turn_p50_s": _percentile(totals, 0.5), "turn_p99_s": _percentile(totals, 0.99),
            "model_p50_s": _percentile(model_s, 0.5), "tools_pipeline_p50_ms": 1000 * _percentile(other_s, 0.5),
            "tools_pipeline_p99_ms": 1000 * _percentile(other_s, 0.99),
            "agent_build_s": build_s, "first_turn_s": first_turn_s, "turns_timed": len(totals)}


def run_pipeline(rec: Recommender, conversations: list[dict[str, Any]]) -> dict[str, Any]:
    titles = rec.catalog.titles
    recalls, violations, shown_total, seconds = [], 0, 0, []
    for conversation in conversations:
        began = time.perf_counter()
        found = rec.recommend(history=conversation["named"], k=10,
                              filters={"category": {"not in": [conversation["exclude"]]}})
        seconds.append(time.perf_counter() - began)
        ids = [r.item.id for r in found]
        shown_total += len(ids)
        violations += sum(conversation["exclude"] in titles.categories.get(i, ()) or i in conversation["named"]
                          for i in ids)
        recalls.append(len(set(ids) & set(conversation["targets"])) / len(conversation["targets"]))
    return {"recall@10": statistics.mean(recalls), "grounded": 1.0, "items_shown": shown_total,
            "violations": violations, "recommend_p50_ms": 1000 * _percentile(seconds, 0.5)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--model", default=None, help="chat model spec (default: the local SmolLM2, guided)")
    parser.add_argument("--workspace", default=None, help="reuse this workspace (ingested, index built)")
    parser.add_argument("--write-conversations", action="store_true", help="regenerate bench/conversations.json")
    args = parser.parse_args()
    folder = Path(args.workspace or tempfile.mkdtemp(prefix="recagent-chat-bench-"))
    rec = Recommender.open(folder, settings={"progress": False})
    if rec.stats().items == 0:
        began = time.perf_counter()
        rec.ingest(demo_catalog(folder / "demo"))
        rec.build_index()
        print(f"workspace {folder}: ingested and indexed in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    if args.write_conversations or not CONVERSATIONS_FILE.exists():
        conversations = write_conversations(rec, args.conversations)
    else:
        conversations = json.loads(CONVERSATIONS_FILE.read_text())[: args.conversations]
    turns = sum(len(c["messages"]) for c in conversations)
    print(f"{len(conversations)} conversations, {turns} turns, over {rec.stats().items:,} movies")
    pipeline = run_pipeline(rec, conversations)
    agent = run_agent(rec, conversations, args.model)
    print("\n| system | Recall@10 | grounded | violations | items shown |")
    print("|---|---:|---:|---:|---:|")
    for name, result in ((f"agent ({args.model or 'local SmolLM2, guided'})", agent), ("pipeline alone", pipeline)):
        print(f"| {name} | {result['recall@10']:.3f} | {100 * result['grounded']:.1f}% | {result['violations']} "
              f"| {result['items_shown']} |")
    for number, turn, title, why in agent["violation_details"]:
        print(f"violation: conversation {number + 1}, turn {turn + 1}: {title} {why}")
    print(f"\nagent / pipeline Recall@10: {agent['recall@10'] / max(pipeline['recall@10'], 1e-9):.2f}")
    print(f"recommendation turns (warm, {agent['turns_timed']}): p50 {agent['turn_p50_s']:.2f} s, "
          f"p99 {agent['turn_p99_s']:.2f} s (target p50 <= 4 s); model p50 {agent['model_p50_s']:.2f} s; "
          f"tools + pipeline p50 {agent['tools_pipeline_p50_ms']:.0f} ms, p99 {agent['tools_pipeline_p99_ms']:.0f} ms "
          f"(target p50 <= 150 ms)")
    print(f"first load: agent built in {agent['agent_build_s']:.1f} s, first turn {agent['first_turn_s']:.1f} s; "
          f"pipeline alone p50 {pipeline['recommend_p50_ms']:.0f} ms per call")
    rec.close()


if __name__ == "__main__":
    main()
