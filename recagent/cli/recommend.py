"""`recagent recommend`: one request as a table or JSON, or a batch of users as JSON lines or Parquet."""

from __future__ import annotations

import sys

import click

from recagent.batch import recommendation_dicts
from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import UnknownItemError
from recagent.filters import parse_filter_option
from recagent.sdk import Recommender


def _ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for entry in values for part in entry.split(",") if part.strip()]


def _history(rec: Recommender, values: tuple[str, ...]) -> list[str]:
    """Item ids for --history entries: ids or titles ("Heat (1995)"), several separated by commas. A title
    with a comma of its own ("Lock, Stock and Two Smoking Barrels") is read whole first."""
    ids = []
    for entry in values:
        try:
            ids.append(rec.item_for(entry).id)
        except UnknownItemError:
            if "," not in entry:
                raise
            ids += [rec.item_for(part).id for part in _ids((entry,))]
    return ids


@click.command("recommend")
@click.option("--user", "-u", help="A known user id.")
@click.option("--history", multiple=True, metavar="ITEM",
              help="An item the user liked, by id or title, oldest first (repeat, or separate with commas); "
                   "works for new users.")
@click.option("--query", "-q", help="What the user is looking for, in words.")
@click.option("--k", "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many items.")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Keep only matching items, e.g. category=Comedy or year>=1990 (repeatable).")
@click.option("--allow", multiple=True, metavar="ITEM", help="Recommend only among these items (repeatable, or commas).")
@click.option("--deny", multiple=True, metavar="ITEM", help="Never recommend these items (repeatable, or commas).")
@click.option("--diversity", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Trade relevance for variety (maximal marginal relevance); 0 is off.")
@click.option("--include-seen", is_flag=True, help="Also recommend items the user already interacted with.")
@click.option("--users", metavar="IDS|all",
              help="A batch: comma-separated user ids, or 'all'; writes one JSON line per user (or Parquet).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="Where a batch goes: a .parquet file (a row per item), else JSON lines; written whole or not at all.")
@click.option("--nproc", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Share a batch's users out among N processes.")
@click.option("--json", "as_json", is_flag=True, help="Print the recommendations as JSON.")
@command_options
def recommend_command(app: App, user: str | None, history: tuple[str, ...], query: str | None, k: int,
                      filters: tuple[str, ...], allow: tuple[str, ...], deny: tuple[str, ...], diversity: float,
                      include_seen: bool, users: str | None, output: str, nproc: int, as_json: bool) -> None:
    """Recommend catalog items for a user, a history, a query, or nobody in particular."""
    parsed: dict[str, dict] = {}
    for text in filters:
        field, condition = parse_filter_option(text)
        parsed.setdefault(field, {}).update(condition)
    options = dict(query=query, k=k, filters=parsed or None, exclude_seen=not include_seen,
                   allow=_ids(allow) or None, deny=_ids(deny), diversity=diversity)
    rec = app.recommender
    if users:
        if user or history:
            raise click.UsageError("--users makes a batch: leave out --user and --history")
        batch = rec.users() if users == "all" else _ids((users,))
        rec.recommend_to_file(batch, sys.stdout if output == "-" else output, processes=nproc, **options)
        return
    if nproc != 1 or output != "-":
        raise click.UsageError("--nproc and --output go with a batch (--users)")
    results = rec.recommend(user=user, history=_history(rec, history), **options)
    if as_json:
        echo_json(recommendation_dicts(results))
        return
    if not results:
        click.echo("No items match; loosen the filters or ingest more data.")
        return
    echo_table(
        ["#", "item", "title", "categories", "score", "why"],
        [[n, r.item.id, r.item.title, ", ".join(r.item.categories), f"{r.score:.3f}", "; ".join(r.reasons)]
         for n, r in enumerate(results, start=1)],
    )
