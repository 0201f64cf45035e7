"""How far the INSPIRED dialogues can be answered at all: does the human recommender's next movie appear among the
first 10 or 50 items of any of the recommender's own ways to choose items from what the seeker said?

    python bench/inspired_reach.py [--workspace WS]

bench/chat_quality.py scores the chat; this scores the sources it draws on, each given the most it could use:
- last message: `recommend(query=<the last seeker message>)`, as chat_quality.py's baseline;
- last two messages, and the whole seeker side: the same search over more of the dialogue;
- named, history: `recommend(history=<the movies the seeker named>)`, the sequence models and items like them;
- named, similar: `similar(<the movies the seeker named>)`, close in meaning and chosen by the same people;
- any: the target among the first k of at least one of them (an upper bound no single list reaches).
A target the seeker named themselves counts too (the chat leaves such movies out: a friend does not recommend
back the film just talked about). The workspace is chat_quality.py's (the demo catalog after `train`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.chat_quality import CASES, load_cases, named_titles, prepared, seeker_messages  # noqa: E402

CUTS = (5, 10, 50)
POOL = max(CUTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", type=Path, help="the chat_quality.py workspace to use (built when missing)")
    args = parser.parse_args()
    folder = args.workspace or Path("bench-chat-workspace")
    rec = prepared(folder)
    cases = load_cases(CASES, None)
    sources = ("last message", "last two messages", "whole seeker side", "named, history", "named, similar")
    ranks: dict[str, list[int | None]] = {source: [] for source in sources}
    for case in cases:
        messages = seeker_messages(case)
        targets = set(case["target_ids"])
        named = named_titles(rec, messages)
        lists = {
            "last message": rec.recommend(query=messages[-1], k=POOL),
            "last two messages": rec.recommend(query=" ".join(messages[-2:]), k=POOL),
            "whole seeker side": rec.recommend(query=" ".join(messages)[-2000:], k=POOL),
            "named, history": rec.recommend(history=named, k=POOL) if named else [],
            "named, similar": rec.similar(named, k=POOL) if named else [],
        }
        for source, found in lists.items():
            ids = [entry.item.id for entry in found]
            ranks[source].append(next((rank for rank, item_id in enumerate(ids) if item_id in targets), None))
    print(f"INSPIRED dev cases: {len(cases)}; the share whose target is among the first k of each source")
    print("| source | " + " | ".join(f"k={cut}" for cut in CUTS) + " |")
    print("|---|" + "---:|" * len(CUTS))
    for source in sources:
        shares = [sum(rank is not None and rank < cut for rank in ranks[source]) / len(cases) for cut in CUTS]
        print(f"| {source} | " + " | ".join(f"{share:.3f}" for share in shares) + " |")
    reach = [sum(any(ranks[source][n] is not None and ranks[source][n] < cut for source in sources)
                 for n in range(len(cases))) / len(cases) for cut in CUTS]
    print("| any of them | " + " | ".join(f"{share:.3f}" for share in reach) + " |")


if __name__ == "__main__":
    main()
