"""Where "a good match" lies: the query settings of the ranker swept on the INSPIRED development dialogues.

    python bench/query_prior.py --workspace WS [--popularity 0,0.1,0.2,0.3,0.4,0.5] [--margin 0.05,0.1,0.2]
                                [--text-bonus 0,0.05,0.1,0.2]

For each pair of `ranking_query_popularity` (how much popularity adds to a match with the query) and
`ranking_query_margin` (how close to the best match the user's taste may reorder), Recall@10 of
`recommend(query=<the seeker's last message>)` over the INSPIRED dev cases (see bench/chat_quality.py),
on a workspace prepared as bench/chat_quality.py prepares it. The defaults in plugins/ranking/training.py
are the best pair of this sweep; it is one development set, so the grid is coarse on purpose.

Then, at the defaults, `vectorsearch_text_bonus` (what a match gains when the item's own words hold a word of
the query) is swept: Recall@10 of the same search, and Recall@5 without the movies the seeker named (the chat
leaves those out), so that the word evidence is seen where titles named back do not decide.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.chat_quality import CASES, K, load_cases, named_titles, prepared, recall, seeker_messages  # noqa: E402
from recagent import Recommender  # noqa: E402


def figures(folder: Path, cases: list[dict], popularity: float, margin: float) -> float:
    settings = {"progress": False, "ranking_query_popularity": popularity, "ranking_query_margin": margin}
    with Recommender.open(folder, settings=settings) as rec:
        return statistics.mean(
            recall([r.item.id for r in rec.recommend(query=seeker_messages(case)[-1], k=K)], case["target_ids"])
            for case in cases)


def bonus_figures(folder: Path, cases: list[dict], bonus: float) -> tuple[float, float]:
    with Recommender.open(folder, settings={"progress": False, "vectorsearch_text_bonus": bonus}) as rec:
        top, unnamed = [], []
        for case in cases:
            messages = seeker_messages(case)
            top.append(recall([r.item.id for r in rec.recommend(query=messages[-1], k=K)], case["target_ids"]))
            found = rec.recommend(query=messages[-1], k=5, deny=named_titles(rec, messages))
            unnamed.append(recall([r.item.id for r in found], case["target_ids"]))
        return statistics.mean(top), statistics.mean(unnamed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", required=True, help="a workspace prepared by bench/chat_quality.py")
    parser.add_argument("--popularity", default="0,0.1,0.2,0.3,0.4,0.5")
    parser.add_argument("--margin", default="0.05,0.1,0.2")
    parser.add_argument("--text-bonus", default="0,0.05,0.1,0.2")
    parser.add_argument("--data", default=str(CASES))
    args = parser.parse_args()
    folder = Path(args.workspace)
    prepared(folder).close()
    cases = load_cases(Path(args.data), None)
    margins = [float(value) for value in args.margin.split(",")]
    print(f"Recall@10 of recommend(query=last message), {len(cases)} INSPIRED dev cases")
    print("| popularity | " + " | ".join(f"margin {m}" for m in margins) + " |")
    print("|---:|" + "---:|" * len(margins))
    for popularity in (float(value) for value in args.popularity.split(",")):
        row = [figures(folder, cases, popularity, margin) for margin in margins]
        print(f"| {popularity} | " + " | ".join(f"{value:.3f}" for value in row) + " |", flush=True)
    print("\n| vectorsearch_text_bonus | Recall@10 | Recall@5 without the named movies |\n|---:|---:|---:|")
    for bonus in (float(value) for value in args.text_bonus.split(",")):
        top, unnamed = bonus_figures(folder, cases, bonus)
        print(f"| {bonus} | {top:.3f} | {unnamed:.3f} |", flush=True)


if __name__ == "__main__":
    main()
