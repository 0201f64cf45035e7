"""`recagent items search | show | list`: the catalog by title, outside the chat."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, confirm, echo_json, echo_table
from recagent.filter_check import check_filters
from recagent.filters import compile_filters
from recagent.titles import display_title
from recagent.types import Item

DESCRIPTION_CHARS = 80


def _row(item: Item) -> list[str]:
    text = item.text.strip().replace("\n", " ")
    short = text[:DESCRIPTION_CHARS] + ("..." if len(text) > DESCRIPTION_CHARS else "")
    return [item.id, display_title(item.title), ", ".join(item.categories), short]


def _as_json(item: Item) -> dict[str, object]:
    return {"id": item.id, "title": item.title, "categories": list(item.categories), "text": item.text,
            "metadata": dict(item.metadata)}


@click.group("items")
def items_group() -> None:
    """Find catalog items by title, show one, list them, or delete some."""


@items_group.command("search")
@click.argument("title")
@click.option("--k", "-k", default=10, show_default=True, type=click.IntRange(min=1), help="How many items.")
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
@command_options
def search_command(app: App, title: str, k: int, as_json: bool) -> None:
    """Items whose titles are closest to TITLE as typed (typos forgiven), best first."""
    found = app.recommender.find_items(title, k=k)
    if as_json:
        echo_json([_as_json(item) for item in found])
    elif not found:
        click.echo(f"No title is close to {title!r}; `recagent index query` searches by meaning.")
    else:
        echo_table(["id", "title", "categories", "description"], [_row(item) for item in found])


@items_group.command("show")
@click.argument("item")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
@command_options
def show_command(app: App, item: str, as_json: bool) -> None:
    """One item, by id or title: everything the catalog holds of it."""
    found = app.recommender.item_for(item)
    if as_json:
        echo_json(_as_json(found))
        return
    click.echo(f"{display_title(found.title)}  [id {found.id}]")
    click.echo(f"Categories: {', '.join(found.categories) or 'none'}")
    for key, value in found.metadata.items():
        click.echo(f"{key}: {value}")
    if found.text:
        click.echo(f"\n{found.text}")


@items_group.command("list")
@click.option("--category", "-c", default=None, help="Only items of this category.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="How many items.")
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
@command_options
def list_command(app: App, category: str | None, limit: int, as_json: bool) -> None:
    """Catalog items in id order, optionally of one category."""
    rec = app.recommender
    keep = None if category is None else compile_filters(check_filters({"category": category}, rec.catalog))
    listed: list[Item] = []
    for item in rec.catalog.all_items():
        if keep is None or keep(item):
            listed.append(item)
            if len(listed) == limit:
                break
    if as_json:
        echo_json([_as_json(item) for item in listed])
    else:
        echo_table(["id", "title", "categories", "description"], [_row(item) for item in listed])


@items_group.command("delete")
@click.argument("items", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Delete without asking.")
@command_options
def delete_command(app: App, items: tuple[str, ...], yes: bool) -> None:
    """Delete ITEMS (ids or titles) with their events and their vectors in the item index."""
    rec = app.recommender
    doomed = [rec.item_for(item) for item in items]  # an unknown or ambiguous one stops here, before asking
    for item in doomed:
        click.echo(f"  {display_title(item.title)}  [id {item.id}]")
    confirm(f"Delete {len(doomed)} item(s) and every event about them?", yes)
    removed = rec.delete_items([item.id for item in doomed])
    click.echo(f"Deleted {removed.items:,} item(s) and {removed.events:,} event(s).")
