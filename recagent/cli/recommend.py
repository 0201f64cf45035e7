"""`recagent recommend`."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.filters import parse_filter_option


@click.command("recommend")
@click.option("--user", "-u", help="A known user id.")
@click.option("--history", multiple=True, metavar="ITEM",
              help="An item the user liked, oldest first (repeat, or separate with commas); works for new users.")
@click.option("--query", "-q", help="What the user is looking for, in words.")
@click.option("--k", "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many items.")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Keep only matching items, e.g. category=Comedy or year>=1990 (repeatable).")
@click.option("--include-seen", is_flag=True, help="Also recommend items the user already interacted with.")
@click.option("--json", "as_json", is_flag=True, help="Print the recommendations as JSON.")
@command_options
def recommend_command(app: App, user: str | None, history: tuple[str, ...], query: str | None, k: int,
                      filters: tuple[str, ...], include_seen: bool, as_json: bool) -> None:
    """Recommend catalog items for a user, a history, a query, or nobody in particular."""
    items = [part.strip() for entry in history for part in entry.split(",") if part.strip()]
    parsed: dict[str, dict] = {}
    for text in filters:
        field, condition = parse_filter_option(text)
        parsed.setdefault(field, {}).update(condition)
    results = app.recommender.recommend(user=user, history=items, query=query, k=k, filters=parsed or None,
                                        exclude_seen=not include_seen)
    if as_json:
        echo_json([
            {"item_id": r.item.id, "title": r.item.title, "categories": list(r.item.categories),
             "score": round(r.score, 6), "reasons": list(r.reasons)}
            for r in results
        ])
        return
    if not results:
        click.echo("No items match; loosen the filters or ingest more data.")
        return
    echo_table(
        ["#", "item", "title", "categories", "score", "why"],
        [[n, r.item.id, r.item.title, ", ".join(r.item.categories), f"{r.score:.3f}", "; ".join(r.reasons)]
         for n, r in enumerate(results, start=1)],
    )
