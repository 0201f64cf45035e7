"""Chat understanding: real INSPIRED dialogues, and a suite of natural requests with written expectations.

    python bench/chat_quality.py [--workspace WS] [--cases N] [--model local] [--skip-inspired] [--skip-requests]
                                 [--streamed ROUNDS] [--chat-items N] [--overviews]

`../shared/data/inspired-dev/cases.jsonl` holds 118 moments of real INSPIRED dev dialogues where a person
asked for a movie, with the movie the human recommender named next, mapped to the demo catalog (see its
DATASET.md; the file is never copied into the repository). Each case is replayed in a fresh anonymous
session: the seeker's side only, each run of consecutive seeker utterances sent as one message. The items of
the agent's last reply are scored against the recommender's next movie (Recall@10: the share of target
movies among the items shown, at most ten).

Side by side, on the same workspace and cases:
- agent: the chat, with the real local model by default (guided mode);
- recommend(query=last message): `Recommender.recommend(query=<the last seeker message>, k=10)`;
- popularity: the ten most popular movies, the same for everyone.

The natural-request suite (bench/chat_requests.py: mood, audience, occasion, reference, comparison, follow-up,
exclusion, feedback, another language) is sent to the agent, one fresh session per case; the pass rate per
kind is printed. Then warm streamed turns are timed: the seconds to the first piece of text and to the whole
reply.

The workspace is the demo catalog after ingest, the item index build and `train`, as a user gets with
`recagent demo` then `recagent train`; `--workspace` keeps it for the next run. `--overviews` gives the movies
the TMDB 5000 overviews as their text where the tmdbId matches (../shared/data/tmdb-5000): the same catalog with
descriptions, as a catalog that has them gets. The figures go to bench/RESULTS.md with the command and the date.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.chat_requests import CASES as REQUESTS  # noqa: E402
from bench.chat_requests import SHARE  # noqa: E402
from bench.pipeline import with_overviews  # noqa: E402
from recagent import Recommender  # noqa: E402
from recagent.agent.protocol import Tools  # noqa: E402
from recagent.datasets import demo_catalog, shared_data_dir  # noqa: E402
from recagent.titles import in_another_language  # noqa: E402

CASES = ROOT.parent / "shared" / "data" / "inspired-dev" / "cases.jsonl"
K = 10


def load_cases(path: Path, limit: int | None) -> list[dict[str, Any]]:
    if not path.is_file():
        sys.exit(f"{path} is missing: the INSPIRED dev cases live in ../shared/data/inspired-dev")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return cases[:limit] if limit else cases


def seeker_messages(case: dict[str, Any]) -> list[str]:
    """The seeker's side of the dialogue so far, each run of consecutive utterances as one message."""
    messages: list[str] = []
    previous = None
    for utterance in case["context"]:
        text = utterance["text"].replace("QUOTATION_MARK", '"').strip()
        if utterance["speaker"] != "seeker" or not text:
            previous = utterance["speaker"]
            continue
        if previous == "seeker" and messages:
            messages[-1] = f"{messages[-1]} {text}"
        else:
            messages.append(text)
        previous = "seeker"
    return messages


def recall(shown: list[str], targets: list[str]) -> float:
    top = list(dict.fromkeys(shown))[:K]
    return len(set(top) & set(targets)) / len(targets)


def prepared(folder: Path, chat_items: int | None = None, overviews: bool = False) -> Recommender:
    settings: dict[str, Any] = {"progress": False}
    if chat_items:
        settings["chat_items"] = chat_items
    rec = Recommender.open(folder, settings=settings)
    if rec.stats().items == 0:
        began = time.perf_counter()
        rec.ingest(demo_catalog(folder / "demo"))
        if overviews:
            data = shared_data_dir()
            if data is None or not (data / "tmdb-5000").is_dir():
                sys.exit("--overviews reads ../shared/data/tmdb-5000, which is missing")
            rec.ingest(items=with_overviews(rec.workspace.store.iter_items(), data))
        # As `recagent demo` then `recagent train` do: the index first, so the ranker learns its source too.
        rec.build_index()
        rec.train()
        print(f"workspace {folder}: ingest, index build and train in {time.perf_counter() - began:.0f} s",
              file=sys.stderr)
    elif not rec.index_built():
        rec.build_index()
    return rec


def run_agent(rec: Recommender, cases: list[dict[str, Any]], model: str | None) -> dict[str, Any]:
    agent = rec.chat_agent(model)
    recalls, seconds, grounded, shown_total = [], [], 0, 0
    for number, case in enumerate(cases):
        session = agent.session()
        reply = None
        for message in seeker_messages(case):
            began = time.perf_counter()
            reply = session.send(message[:4000])
            seconds.append(time.perf_counter() - began)
        shown = [entry.item.id for entry in reply.items] if reply else []
        shown_total += len(shown)
        grounded += sum(rec.has_item(item_id) for item_id in shown)
        recalls.append(recall(shown, case["target_ids"]))
        print(f"  case {number + 1}/{len(cases)}: recall {recalls[-1]:.2f}", file=sys.stderr)
        agent.delete_session(session.id)
    return {"recall": statistics.mean(recalls), "turn_p50_s": statistics.median(seconds),
            "grounded": grounded / max(1, shown_total), "shown": shown_total}


def named_titles(rec: Recommender, messages: list[str]) -> list[str]:
    """The catalog items the seeker named in the dialogue, by the chat's own title matcher."""
    return list(dict.fromkeys(mention.item_id for message in messages for mention in rec.catalog.titles.find(message)))


def run_last_message(rec: Recommender, cases: list[dict[str, Any]], k: int = K,
                     without_named: bool = False) -> dict[str, Any]:
    """`recommend(query=last message)`; `without_named` leaves out the movies the seeker named, as the chat does
    (a friend does not recommend back the film you just talked about)."""
    recalls, seconds = [], []
    for case in cases:
        messages = seeker_messages(case)
        deny = named_titles(rec, messages) if without_named else []
        began = time.perf_counter()
        found = rec.recommend(query=messages[-1] if messages else None, k=k, deny=deny)
        seconds.append(time.perf_counter() - began)
        recalls.append(recall([r.item.id for r in found], case["target_ids"]))
    return {"recall": statistics.mean(recalls), "turn_p50_s": statistics.median(seconds)}


def run_popularity(rec: Recommender, cases: list[dict[str, Any]]) -> dict[str, Any]:
    top = [item_id for item_id, _ in rec.workspace.store.item_popularity()[:K]]
    return {"recall": statistics.mean(recall(top, case["target_ids"]) for case in cases)}


def check_request(rec: Recommender, case: dict[str, Any], session: Any, previous: list[str],
                  reply: Any) -> list[str]:
    """What the reply got wrong against the case's expectation (empty when it passed)."""
    problems = []
    items = [entry.item for entry in reply.items]
    if not all(rec.has_item(item.id) for item in items):
        problems.append("an item shown is not in the catalog")
    needs_items = any(key in case for key in ("any_of", "none_of", "before", "after", "like", "like_all", "like_title",
                                              "not_in_titles", "fresh", "chosen", "era_of", "all_of", "tagged",
                                              "not_series", "varied", "not_tagged", "about", "count", "foreign",
                                              "not_foreign", "again", "not_both", "each_of", "like_each", "shows"))
    if needs_items and not items:
        problems.append("no items shown")
    if "any_of" in case and items:
        share = sum(bool(set(item.categories) & set(case["any_of"])) for item in items) / len(items)
        if share < SHARE:
            problems.append(f"only {share:.0%} of the items are {'/'.join(case['any_of'])}")
    problems += [f"no item shown is {kind}" for kind in case.get("each_of", ())
                 if not any(kind in item.categories for item in items)]
    if "tagged" in case:
        tag, first = case["tagged"]
        problems += [f"{item.title} is not tagged {tag!r}" for item in items[:first] if tag not in item.tags]
    if "shows" in case and rec.resolve_item(case["shows"]) not in {item.id for item in items}:
        problems.append(f"{case['shows']} is not shown")
    if "about" in case:  # a theme kept: so many items shown hold its word in their title or tags
        word, least = case["about"]
        holding = [item for item in items
                   if word in item.title.lower() or any(word in tag.lower() for tag in item.tags)]
        if len(holding) < least:
            problems.append(f"{len(holding)} items shown hold {word!r} in their title or tags, not {least}")
    if "not_tagged" in case:  # a theme ruled out: no item shown is tagged with it
        problems += [f"{item.title} is tagged {case['not_tagged']!r}" for item in items
                     if case["not_tagged"] in (tag.lower() for tag in item.tags)]
    if case.get("varied"):
        series = rec.catalog.titles.series_groups([item.id for item in items])
        problems += [f"{series.count(key)} items of the series of {rec.item(key).title}" for key in set(series)
                     if series.count(key) > 2]
    if "not_series" in case:
        title = rec.resolve_item(case["not_series"])
        series = {title, *rec.catalog.titles.series(title)}
        problems += [f"{item.title} is of the series of {case['not_series']}" for item in items if item.id in series]
    for item in items:
        if not set(case.get("all_of", ())) <= set(item.categories):
            problems.append(f"{item.title} is not {' and '.join(case['all_of'])}")
        if set(item.categories) & set(case.get("none_of", ())):
            problems.append(f"{item.title} is {'/'.join(set(item.categories) & set(case['none_of']))}")
        if "not_both" in case and set(case["not_both"]) <= set(item.categories):
            problems.append(f"{item.title} is {' and '.join(case['not_both'])}")
        year = item.metadata.get("year")
        if "before" in case and not (isinstance(year, int) and year < case["before"]):
            problems.append(f"{item.title} is not from before {case['before']}")
        if "after" in case and not (isinstance(year, int) and year > case["after"]):
            problems.append(f"{item.title} is not from after {case['after']}")
        problems += [f"{item.title} holds {word!r}" for word in case.get("not_in_titles", ())
                     if word in item.title.lower()]
        if case.get("fresh") and item.id in previous:
            problems.append(f"{item.title} was shown in the previous reply")
        if case.get("foreign") and not in_another_language(item.title):
            problems.append(f"{item.title} gives no title in another language")
        if case.get("not_foreign") and in_another_language(item.title):
            problems.append(f"{item.title} gives a title in another language")
    position = case.get("like") or case.get("seen") or case.get("disliked") or case.get("details")
    pointed = None
    if position is not None and previous:
        pointed = previous[position - 1] if position > 0 else previous[position]
    if "like" in case:
        calls = [call for message in session.last_turn() for call in getattr(message, "tool_calls", None) or []
                 if call["name"] == Tools.MORE_LIKE]
        if pointed is None or not calls or rec.resolve_item(calls[0]["args"]["item"]) != pointed:
            problems.append("the reference was not resolved to the item shown")
    if "like_all" in case:  # several items shown pointed at: the answer is like each of them
        calls = [call for message in session.last_turn() for call in getattr(message, "tool_calls", None) or []
                 if call["name"] == Tools.MORE_LIKE]
        pointed_at = {previous[place - 1] for place in case["like_all"] if 0 < place <= len(previous)}
        compared = {rec.resolve_item(entry) for call in calls[:1]
                    for entry in [call["args"]["item"], *call["args"].get("also", ())]}
        if len(pointed_at) < len(case["like_all"]) or not pointed_at <= compared:
            problems.append(f"the answer is not like each of the items shown at {case['like_all']}")
    for title in case.get("like_each", ()):  # films liked apart: some shown for each alone
        alike = f"like {rec.catalog.titles.display(rec.resolve_item(title))}"
        if not any(reason.startswith(alike) and not reason.startswith(f"{alike} and")
                   for entry in reply.items for reason in entry.reasons[:1]):
            problems.append(f"nothing shown is {alike} alone")
    if "like_title" in case:
        calls = [call for message in session.last_turn() for call in getattr(message, "tool_calls", None) or []
                 if call["name"] == Tools.MORE_LIKE]
        if not calls or rec.resolve_item(calls[0]["args"]["item"]) != rec.resolve_item(case["like_title"]):
            problems.append(f"the answer is not like {case['like_title']}")
    if "disliked" in case and pointed not in session.state()["dislikes"]:
        problems.append("'dislike' was not recorded for the item shown")
    if "details" in case:
        calls = [call for message in session.last_turn() for call in getattr(message, "tool_calls", None) or []
                 if call["name"] == Tools.DETAILS]
        if pointed is None or not calls or rec.resolve_item(calls[0]["args"]["item"]) != pointed:
            problems.append("the details were not of the item shown")
    if case.get("seen_all") and not set(previous) <= set(session.state()["seen"]):
        problems.append("not every item shown was recorded as seen")
    if case.get("again") and [item.id for item in items] != previous:
        problems.append("the previous reply's items were not shown again as they were")
    if "count" in case and len(items) != case["count"]:
        problems.append(f"{len(items)} items shown, not the {case['count']} asked for")
    if case.get("no_items") and items:
        problems.append("items were shown for what the catalog cannot answer")
    if case.get("chosen") and (len(items) != 1 or items[0].id not in previous):
        problems.append("the answer is not one of the items shown")
    if "disliked_title" in case and rec.resolve_item(case["disliked_title"]) not in session.state()["dislikes"]:
        problems.append(f"'dislike' was not recorded for {case['disliked_title']}")
    if "era_of" in case and previous:
        year = rec.item(previous[case["era_of"] - 1 if case["era_of"] > 0 else case["era_of"]]).metadata.get("year")
        problems += [f"{item.title} is not within five years of {year}" for item in items
                     if not (isinstance(year, int) and isinstance(item.metadata.get("year"), int)
                             and abs(item.metadata["year"] - year) <= 5)]
    if "seen" in case and pointed not in session.state()["seen"]:
        problems.append("'seen' was not recorded for the item shown")
    if "profile" in case:
        profile = session.profile()
        problems += [f"the profile lacks {words!r}" for words in case["profile"] if words not in profile]
    problems += [f"the reply lacks {words!r}" for words in case.get("note", ()) if words not in reply.text]
    problems += [f"the reply says {words!r}" for words in case.get("not_note", ()) if words in reply.text]
    return problems


def run_requests(rec: Recommender, model: str | None) -> dict[str, Any]:
    agent = rec.chat_agent(model)
    by_kind: dict[str, list[bool]] = {}
    failures = []
    for case in REQUESTS:
        session = agent.session()
        previous: list[str] = []
        reply = None
        for message in case["messages"]:
            if reply is not None:
                previous = [entry.item.id for entry in reply.items]
            reply = session.send(message)
        problems = check_request(rec, case, session, previous, reply)
        by_kind.setdefault(case["kind"], []).append(not problems)
        if problems:
            failures.append((case["kind"], " / ".join(case["messages"]), "; ".join(problems[:3]),
                             [entry.item.title for entry in reply.items]))
        agent.delete_session(session.id)
    passed = sum(sum(results) for results in by_kind.values())
    return {"by_kind": {kind: sum(results) / len(results) for kind, results in by_kind.items()},
            "counts": {kind: (sum(results), len(results)) for kind, results in by_kind.items()},
            "overall": passed / len(REQUESTS), "failures": failures}


STREAMED = ("a funny movie for tonight", "something scary but not gory", "a heist film", "more like the second one",
            "a feel-good movie for a rainy Sunday", "show me others")


def run_streamed(rec: Recommender, model: str | None, rounds: int) -> dict[str, Any]:
    """Warm streamed recommendation turns: seconds to the first piece of text, and to the whole reply."""
    agent = rec.chat_agent(model)
    agent.session().send("a comedy")  # warm-up: the model and the catalog views loaded, not timed
    first, whole = [], []
    for _ in range(rounds):
        session = agent.session()
        for message in STREAMED:
            began = time.perf_counter()
            arrived = None
            for part in session.stream(message):
                if arrived is None and isinstance(part, str) and part.strip():
                    arrived = time.perf_counter() - began
            whole.append(time.perf_counter() - began)
            first.append(arrived if arrived is not None else whole[-1])
        agent.delete_session(session.id)
    return {"first_p50": statistics.median(first), "first_max": max(first),
            "whole_p50": statistics.median(whole), "turns": len(whole)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", default=None, help="keep the prepared workspace here and reuse it")
    parser.add_argument("--cases", type=int, default=None, help="only the first N cases")
    parser.add_argument("--model", default=None, help="chat model spec (default: the local SmolLM2, guided)")
    parser.add_argument("--data", default=str(CASES), help="the INSPIRED dev cases file")
    parser.add_argument("--skip-inspired", action="store_true", help="run only the natural-request suite")
    parser.add_argument("--skip-requests", action="store_true", help="run only the INSPIRED cases")
    parser.add_argument("--chat-items", type=int, default=None, metavar="N",
                        help="items the agent shows per answer (default: the chat_items setting, 5)")
    parser.add_argument("--streamed", type=int, default=3, metavar="ROUNDS",
                        help=f"rounds of {len(STREAMED)} warm streamed turns timed (0: none)")
    parser.add_argument("--overviews", action="store_true",
                        help="a new workspace's movies get the TMDB 5000 overviews as their text")
    args = parser.parse_args()
    rec = prepared(Path(args.workspace or tempfile.mkdtemp(prefix="recagent-chat-quality-")), args.chat_items,
                   args.overviews)
    if not args.skip_requests:
        suite = run_requests(rec, args.model)
        print(f"\nNatural requests ({len(REQUESTS)}): {suite['overall']:.1%} passed")
        print("| kind | passed |\n|---|---:|")
        for kind, (passed, total) in suite["counts"].items():
            print(f"| {kind} | {passed}/{total} ({passed / total:.0%}) |")
        for kind, messages, why, shown in suite["failures"]:
            print(f"failed ({kind}): {messages!r}: {why}; shown {shown[:5]}")
    if args.streamed:
        timing = run_streamed(rec, args.model, args.streamed)
        print(f"\nStreamed turns ({timing['turns']}, warm): first text p50 {timing['first_p50']:.2f} s "
              f"(max {timing['first_max']:.2f} s), whole reply p50 {timing['whole_p50']:.2f} s")
    if args.skip_inspired:
        rec.close()
        return
    cases = load_cases(Path(args.data), args.cases)
    print(f"\n{len(cases)} INSPIRED dev cases over {rec.stats().items:,} movies")
    popularity = run_popularity(rec, cases)
    last = run_last_message(rec, cases)
    last_five = run_last_message(rec, cases, k=5)
    unnamed = run_last_message(rec, cases, k=5, without_named=True)
    unnamed_ten = run_last_message(rec, cases, without_named=True)
    agent = run_agent(rec, cases, args.model)
    print("\n| system | Recall@10 | turn p50 |")
    print("|---|---:|---:|")
    shows = rec.settings.chat_items
    print(f"| agent ({args.model or 'local SmolLM2, guided'}; shows {shows} items) | {agent['recall']:.3f} | "
          f"{agent['turn_p50_s']:.2f} s |")
    print(f"| recommend(query=last message) | {last['recall']:.3f} | {last['turn_p50_s']:.2f} s |")
    print(f"| recommend(query=last message), first 5 | {last_five['recall']:.3f} | |")
    print(f"| recommend(query=last message), first 5, without the movies the seeker named | "
          f"{unnamed['recall']:.3f} | |")
    print(f"| recommend(query=last message), without the movies the seeker named | {unnamed_ten['recall']:.3f} | |")
    print(f"| popularity | {popularity['recall']:.3f} | |")
    print(f"\nagent / recommend(query=last message): {agent['recall'] / max(last['recall'], 1e-9):.2f}; "
          f"grounded {100 * agent['grounded']:.1f}% of {agent['shown']} items shown")
    rec.close()


if __name__ == "__main__":
    main()
