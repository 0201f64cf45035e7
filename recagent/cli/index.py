"""`recagent index build | status | query`: the item index of embeddings in Chroma."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.errors import IndexNotBuiltError
from recagent.filters import parse_filter_option


@click.group("index")
def index_group() -> None:
    """Build, inspect and query the item index (item embeddings in Chroma)."""


@index_group.command("build")
@click.option("--rebuild", is_flag=True,
              help="Embed every item again into a new index, which replaces the one in use once it is complete.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@command_options
def build_command(app: App, rebuild: bool, as_json: bool) -> None:
    """Index every catalog item; only new or changed texts are embedded, and an interrupted build resumes."""
    rec = app.recommender
    report = rec.build_index(rebuild=rebuild)
    status = rec.index_status()
    if as_json:
        echo_json({**report.as_dict(), "items": status.items, "location": status.location})
        return
    if report.set_aside:
        click.echo(f"Set aside: the damaged index was moved to {report.set_aside}; "
                   "delete it once you no longer need it")
    click.echo(f"Index:    {status.location} (collection {status.collection!r}, model {status.model})")
    click.echo(f"Embedded: {report.embedded:,} items" + (
        f", {report.reused:,} more from embeddings kept by an interrupted build" if report.reused else ""))
    click.echo(f"Updated:  {report.metadata_only:,} items whose metadata alone changed")
    click.echo(f"Deleted:  {report.deleted:,} items no longer in the catalog")
    click.echo(f"Kept:     {report.unchanged:,} unchanged items")
    click.echo(f"Done in {report.seconds:.1f} s; the index holds {status.items:,} items")


@index_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@command_options
def status_command(app: App, as_json: bool) -> None:
    """Show where the index lives, its model, and how far it is behind the catalog."""
    status = app.recommender.index_status()
    if as_json:
        echo_json(status.as_dict())
        return
    click.echo(f"Index:      {status.location} (collection {status.collection!r})")
    click.echo(f"Model:      {status.model}")
    click.echo(f"Items:      {status.items:,} indexed of {status.store_items:,} in the catalog")
    behind = f"{status.to_embed:,} to embed, {status.to_update:,} to update, {status.to_delete:,} to delete"
    click.echo("Up to date: yes" if status.up_to_date else f"Up to date: no ({behind}); run `recagent index build`")
    if status.rebuilding is not None:
        click.echo(f"Rebuild:    in progress, {status.rebuilding:,} items written; "
                   "the index above answers until it is done")
    if status.pending_embeddings:
        click.echo(f"Kept:       {status.pending_embeddings:,} embeddings from an interrupted build, reused by the next")


@index_group.command("query")
@click.argument("text", required=False)
@click.option("--like", "like", metavar="ITEM", help="Find items like this item instead of a text.")
@click.option("--k", "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many items.")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Keep only matching items, e.g. category=Comedy or year>=1990 (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@command_options
def query_command(app: App, text: str | None, like: str | None, k: int, filters: tuple[str, ...],
                  as_json: bool) -> None:
    """Find the items closest to TEXT (or to --like ITEM) by embedding similarity."""
    if (text is None) == (like is None):
        raise click.UsageError('give a TEXT to search for, or --like ITEM (not both), e.g. recagent index query "space horror"')
    parsed: dict[str, dict] = {}
    for entry in filters:
        field, condition = parse_filter_option(entry)
        parsed.setdefault(field, {}).update(condition)
    rec = app.recommender
    if not rec.index_built():
        raise IndexNotBuiltError()
    if like is not None:
        hits = rec.catalog.similar(rec.resolve_item(like), k=k, filters=parsed or None)
    else:
        hits = rec.catalog.search(text or "", k=k, filters=parsed or None)
    items = {item.id: item for item in rec.items([hit.item_id for hit in hits])}
    if as_json:
        echo_json([{"item_id": h.item_id, "score": round(h.score, 6), "title": items[h.item_id].title,
                    "categories": list(items[h.item_id].categories), **items[h.item_id].metadata} for h in hits])
        return
    if not hits:
        click.echo("No items match; loosen the filters.")
        return
    echo_table(["#", "item", "title", "categories", "score"],
               [[n, h.item_id, items[h.item_id].title, ", ".join(items[h.item_id].categories), f"{h.score:.3f}"]
                for n, h in enumerate(hits, start=1)])
