"""`recagent index build | status | query`: the item index of embeddings in Chroma."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from recagent.cli.common import App, command_options, echo_json, echo_table
from recagent.filters import parse_filter_option
from recagent.workspace import Workspace


@contextmanager
def _opened(app: App) -> Iterator[tuple[Any, Workspace]]:
    """The workspace and its item index, without loading every plugin."""
    from recagent.vectorstore import ItemIndex

    workspace = Workspace(app.settings)
    try:
        yield ItemIndex.open(workspace.settings), workspace
    finally:
        workspace.close()


@click.group("index")
def index_group() -> None:
    """Build, inspect and query the item index (item embeddings in Chroma)."""


@index_group.command("build")
@click.option("--rebuild", is_flag=True, help="Drop the index and embed every item again.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@command_options
def build_command(app: App, rebuild: bool, as_json: bool) -> None:
    """Index every catalog item; only new or changed texts are embedded, and an interrupted build resumes."""
    from recagent.vectorstore import sync_index

    with _opened(app) as (index, workspace):
        report = sync_index(index, workspace.store, rebuild=rebuild)
        total = index.count()
    if as_json:
        echo_json({**report.as_dict(), "items": total, "location": index.location})
        return
    click.echo(f"Index:    {index.location} (collection {index.collection_name!r}, model {index.embedder.name})")
    click.echo(f"Embedded: {report.embedded:,} items" + (
        f", {report.reused:,} more from embeddings kept by an interrupted build" if report.reused else ""))
    click.echo(f"Updated:  {report.metadata_only:,} items whose metadata alone changed")
    click.echo(f"Deleted:  {report.deleted:,} items no longer in the catalog")
    click.echo(f"Kept:     {report.unchanged:,} unchanged items")
    click.echo(f"Done in {report.seconds:.1f} s; the index holds {total:,} items")


@index_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@command_options
def status_command(app: App, as_json: bool) -> None:
    """Show where the index lives, its model, and how far it is behind the catalog."""
    from recagent.vectorstore import index_status

    with _opened(app) as (index, workspace):
        status = index_status(index, workspace.store)
    if as_json:
        echo_json(status.as_dict())
        return
    click.echo(f"Index:      {status.location} (collection {status.collection!r})")
    click.echo(f"Model:      {status.model}")
    click.echo(f"Items:      {status.items:,} indexed of {status.store_items:,} in the catalog")
    behind = f"{status.to_embed:,} to embed, {status.to_update:,} to update, {status.to_delete:,} to delete"
    click.echo("Up to date: yes" if status.up_to_date else f"Up to date: no ({behind}); run `recagent index build`")
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
    with _opened(app) as (index, _workspace):
        if like is not None:
            hits = index.more_like(like, k=k, filters=parsed or None)
        else:
            hits = index.query(text, k=k, filters=parsed or None)
    if as_json:
        echo_json([{"item_id": h.item_id, "score": round(h.score, 6), **h.metadata} for h in hits])
        return
    if not hits:
        click.echo("No items match; loosen the filters, or run `recagent index build` if the index is empty.")
        return
    echo_table(["#", "item", "title", "categories", "score"],
               [[n, h.item_id, h.title, ", ".join(h.metadata.get("categories", [])), f"{h.score:.3f}"]
                for n, h in enumerate(hits, start=1)])
