"""`recagent categorize`: fill in missing categories, or evaluate the categorizer on held-out items."""

from __future__ import annotations

from collections import Counter

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import RecagentError
from recagent.types import Item


@click.command("categorize")
@click.option("--only", "only", multiple=True, metavar="CATEGORY",
              help="Assign only these categories (repeatable); each must be one of the catalog's.")
@click.option("--evaluate", is_flag=True,
              help="Fine-tune on a seeded 80/20 split of the labelled items and score the held-out part.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@command_options
def categorize_command(app: App, only: tuple[str, ...], evaluate: bool, as_json: bool) -> None:
    """Fill in categories for items that have none (fine-tuned BERT, or zero-shot before training)."""
    rec = app.recommender
    store = rec.workspace.store
    known = store.category_names()
    unknown = sorted(set(only) - set(known))
    if unknown:
        raise RecagentError(
            f"unknown category name(s) {', '.join(map(repr, unknown))}; the catalog's categories are: "
            f"{', '.join(known) or '(none yet)'}"
        )
    if evaluate:
        _evaluate(rec, as_json)
        return
    from recagent.plugins.bert import categorize_items

    missing = [item for item in store.iter_items() if not item.categories]
    proposed = categorize_items(missing, known, rec.workspace) if missing else None
    changed: list[Item] = []
    for item in missing:
        labels = tuple(c for c in (proposed or {}).get(item.id, ()) if not only or c in only)
        if labels:
            changed.append(Item(item.id, item.title, item.text, labels, item.metadata))
    with store.transaction():
        store.upsert_items(changed)
    if changed:
        rec.host.call_each("catalog_updated", item_ids=[item.id for item in changed], workspace=rec.workspace)
    counts = Counter(c for item in changed for c in item.categories)
    if as_json:
        echo_json({"uncategorized": len(missing), "categorized": len(changed), "by_category": dict(counts),
                   "items": {item.id: list(item.categories) for item in changed}})
        return
    click.echo(f"{len(missing):,} items had no categories; {len(changed):,} now have some "
               f"({len(missing) - len(changed):,} left uncategorised: not confident enough).")
    for item in changed[:20]:
        click.echo(f"  {item.id}  {item.title}  ->  {', '.join(item.categories)}")
    if len(changed) > 20:
        click.echo(f"  ... and {len(changed) - 20:,} more")


def _evaluate(rec, as_json: bool) -> None:
    from recagent.plugins.bert import training_options
    from recagent.plugins.bert.backbone import backbone_path
    from recagent.plugins.bert.evaluation import evaluate_categorizer

    settings = rec.workspace.settings
    result = evaluate_categorizer(list(rec.workspace.store.iter_items()), backbone_path(settings.bert_model),
                                  training_options(rec.workspace), zero_shot_threshold=settings.bert_zero_shot_threshold)
    if as_json:
        echo_json(result)
        return
    click.echo(f"Fine-tuned on {result['train_items']:,} items, scored on {result['test_items']:,} held out "
               f"in {result['training']['seconds']} s of training.")
    click.echo(f"micro-F1 {result['micro_f1']:.3f}   macro-F1 {result['macro_f1']:.3f}   "
               f"zero-shot micro-F1 {result.get('zero_shot_micro_f1', float('nan')):.3f}")
    echo_table(["category", "F1", "held-out items"],
               [[label, f"{f1:.3f}", result["support"][label]] for label, f1 in result["per_label_f1"].items()])
