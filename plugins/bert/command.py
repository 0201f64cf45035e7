"""`recagent categorize`: fill in missing categories, or evaluate the categorizer on held-out items."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from recagent.errors import RecagentError
from recagent.types import Item

if TYPE_CHECKING:
    from recagent.sdk import Recommender


def categorize_command(recommender_command: Callable[[Callable[..., Any]], Callable[..., Any]]) -> click.Command:
    """The `categorize` command; `recommender_command` (from the `register_commands` hook) adds the common options."""

    @click.command("categorize")
    @click.option("--only", "only", multiple=True, metavar="CATEGORY",
                  help="Assign only these categories (repeatable); each must be one of the catalog's.")
    @click.option("--evaluate", is_flag=True,
                  help="Fine-tune on a seeded 80/20 split of the labelled items and score the held-out part.")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @recommender_command
    def categorize(rec: Recommender, only: tuple[str, ...], evaluate: bool, as_json: bool) -> None:
        """Fill in categories for items that have none (fine-tuned BERT, or zero-shot before training)."""
        if evaluate:
            _check_names(rec, only)
            _evaluate(rec, as_json)
        else:
            _categorize(rec, only, as_json)

    return categorize


def _check_names(rec: Recommender, only: tuple[str, ...]) -> list[str]:
    known = rec.categories()
    unknown = sorted(set(only) - set(known))
    if unknown:
        raise RecagentError(
            f"unknown category name(s) {', '.join(map(repr, unknown))}; the catalog's categories are: "
            f"{', '.join(known) or '(none yet)'}"
        )
    return known


def _categorize(rec: Recommender, only: tuple[str, ...], as_json: bool) -> None:
    from recagent.plugins.bert import categorize_items

    known = _check_names(rec, only)
    workspace = rec.workspace
    store = workspace.store
    missing = [item for item in store.iter_items() if not item.categories]
    proposed = categorize_items(missing, known, workspace) if missing else None
    changed: list[Item] = []
    for item in missing:
        labels = tuple(c for c in (proposed or {}).get(item.id, ()) if not only or c in only)
        if labels:
            changed.append(Item(item.id, item.title, item.text, labels, item.metadata))
    with store.transaction():
        store.upsert_items(changed)
    workspace.catalog.items_changed()
    if changed:
        changed_ids = [item.id for item in changed]
        rec.host.call_each("catalog_updated", item_ids=changed_ids, workspace=workspace)
    counts = Counter(c for item in changed for c in item.categories)
    if as_json:
        click.echo(json.dumps({"uncategorized": len(missing), "categorized": len(changed),
                               "by_category": dict(counts),
                               "items": {item.id: list(item.categories) for item in changed}}, indent=2))
        return
    click.echo(f"{len(missing):,} items had no categories; {len(changed):,} now have some "
               f"({len(missing) - len(changed):,} left uncategorised: not confident enough).")
    for item in changed[:20]:
        click.echo(f"  {item.id}  {item.title}  ->  {', '.join(item.categories)}")
    if len(changed) > 20:
        click.echo(f"  ... and {len(changed) - 20:,} more")


def _evaluate(rec: Recommender, as_json: bool) -> None:
    from recagent.plugins.bert import training_options
    from recagent.plugins.bert.backbone import backbone_path
    from recagent.plugins.bert.evaluation import evaluate_categorizer

    settings = rec.settings
    result = evaluate_categorizer(list(rec.workspace.store.iter_items()), backbone_path(settings.bert_model),
                                  training_options(rec.workspace), zero_shot_threshold=settings.bert_zero_shot_threshold)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"Fine-tuned on {result['train_items']:,} items, scored on {result['test_items']:,} held out "
               f"in {result['training']['seconds']} s of training.")
    click.echo(f"micro-F1 {result['micro_f1']:.3f}   macro-F1 {result['macro_f1']:.3f}   "
               f"zero-shot micro-F1 {result.get('zero_shot_micro_f1', float('nan')):.3f}")
    click.echo(f"{'category':<24}{'F1':>8}{'held-out items':>16}")
    for label, f1 in result["per_label_f1"].items():
        click.echo(f"{label:<24}{f1:>8.3f}{result['support'][label]:>16}")
