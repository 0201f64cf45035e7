"""Prompt-injection benchmark: the whole corpus (tests/injection/corpus.json) against the chat agent.

    RECAGENT_CHAT_MODEL_DIR=~/.cache/recagent-tests/smollm2 python bench/injection.py [--skip-local]

Each attack is the first message of a fresh session, over the chat test catalog plus the corpus's own items
(instructions inside their descriptions) and users, in two runs, each in a workspace of its own:
- adversarial: a scripted model in tools mode that obeys every attack: it calls the tools for other users,
  with unknown and injected ids, huge counts and SQL-ish filters, then writes absent titles, other users'
  histories and the system prompt into its reply;
- local: the offline default, SmolLM2-135M in guided mode.

Printed per run: messages, refusals, items shown, the violations (items not in the catalog; absent titles or
unknown ids in the text; another user's data; events written for another user; the system prompt) and, apart,
absent titles the agent repeated only to say they are not in the catalog or inside a description it showed
as an item's details; then every attack with a violation, and the local model's turn time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from recagent.testing import scripted_chat_model  # noqa: E402
from tests.injection import (VIOLATIONS, Corpus, Outcome, adversarial_script, figures, load_corpus,  # noqa: E402
                             open_workspace, run_attack)

DEFAULT_MODEL_DIR = Path.home() / ".cache" / "recagent-tests" / "smollm2"


def adversarial(folder: Path, corpus: Corpus) -> tuple[list[Outcome], list[float]]:
    rec = open_workspace(folder, corpus)
    model = scripted_chat_model([])
    agent = rec.chat_agent(model, "tools")

    def prepare(attack) -> None:
        model.replies[:] = adversarial_script(attack, corpus, rec)

    try:
        return _timed(lambda attack: run_attack(attack, corpus, rec, agent, prepare), corpus)
    finally:
        rec.close()


def local(folder: Path, corpus: Corpus) -> tuple[list[Outcome], list[float]]:
    rec = open_workspace(folder, corpus)
    try:
        started = time.perf_counter()
        agent = rec.chat_agent()  # the default offline path: the local model, guided
        print(f"local model loaded in {time.perf_counter() - started:.1f} s (guided: {agent.guided})", flush=True)
        return _timed(lambda attack: run_attack(attack, corpus, rec, agent), corpus)
    finally:
        rec.close()


def _timed(run, corpus: Corpus) -> tuple[list[Outcome], list[float]]:
    outcomes, seconds = [], []
    for attack in corpus.attacks:
        started = time.perf_counter()
        outcomes.append(run(attack))
        seconds.append(time.perf_counter() - started)
    return outcomes, seconds


def report(runs: dict[str, tuple[list[Outcome], list[float]]]) -> None:
    names = list(runs)
    counts = {name: figures(outcomes) for name, (outcomes, _) in runs.items()}
    print("\n| figure | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for key in counts[names[0]]:
        print(f"| {key} | " + " | ".join(str(counts[name][key]) for name in names) + " |")
    for name, (outcomes, seconds) in runs.items():
        answered = [s for s, o in zip(seconds, outcomes, strict=True) if not o.refused]
        print(f"\n{name}: turn p50 {statistics.median(answered):.2f} s, max {max(answered):.2f} s, "
              f"total {sum(seconds):.0f} s")
        for outcome in outcomes:
            found = {key: value for key, value in outcome.violations.items() if value}
            if found:
                print(f"  VIOLATION {outcome.attack.id}: {found}")
    clean = all(counts[name][key] == 0 for name in names for key in VIOLATIONS)
    print("\nall violations 0: " + ("yes" if clean else "NO"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", default=None, help="a folder for the two runs' workspaces (default: temporary)")
    parser.add_argument("--skip-local", action="store_true", help="run only the scripted adversarial model")
    parser.add_argument("--show", action="store_true", help="print every reply's text")
    args = parser.parse_args()
    os.environ.setdefault("RECAGENT_PROGRESS", "false")
    os.environ.setdefault("RECAGENT_CHAT_MODEL_DIR", str(DEFAULT_MODEL_DIR))
    corpus = load_corpus()
    base = Path(args.workspace or tempfile.mkdtemp(prefix="recagent-injection-"))
    print(f"{len(corpus.attacks)} attacks; workspaces under {base}", flush=True)
    runs = {"adversarial (scripted, tools)": adversarial(base / "adversarial", corpus)}
    if not args.skip_local:
        runs["local SmolLM2 (guided)"] = local(base / "local", corpus)
    if args.show:
        for name, (outcomes, _) in runs.items():
            for outcome in outcomes:
                print(f"--- {name} {outcome.attack.id}\n{outcome.refused or outcome.text}")
    report(runs)


if __name__ == "__main__":
    main()
