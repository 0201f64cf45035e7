"""`recagent demo`: build a workspace from the bundled MovieLens catalog and recommend for a sample user."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from recagent.cli.chat import run_chat
from recagent.cli.common import App, command_options, echo_table
from recagent.datasets import DEMO_CATALOG, demo_catalog

if TYPE_CHECKING:
    from recagent.sdk import Recommender


# Without a terminal (CI, a pipe) the demo shows the chat with these instead of waiting for input.
SAMPLE_MESSAGES = (
    "I loved Alien and The Matrix. Recommend some sci-fi, but no horror please.",
    "Something more like Toy Story?",
)


@click.command("demo")
@click.option("--user", "-u", default="414", show_default=True, help="The sample user to recommend for.")
@click.option("--k", "-k", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--chat/--no-chat", default=True, show_default=True,
              help="End in a chat with the agent (without a terminal: two sample messages).")
@command_options
def demo_command(app: App, user: str, k: int, chat: bool) -> None:
    """Ingest the bundled MovieLens latest-small catalog, recommend for a sample user, then chat."""
    rec = app.recommender
    click.echo(f"Workspace: {rec.path}")
    folder = demo_catalog(rec.path / "demo")
    report = rec.ingest(folder)
    click.echo(
        f"Ingested {DEMO_CATALOG}: {report.items_read:,} movies and {report.events_read:,} ratings "
        f"({report.items.added:,} items and {report.events.added:,} events new) in {report.seconds:.1f} s"
    )
    stats = rec.stats()
    click.echo(f"The store holds {stats.items:,} items, {stats.users:,} users and {stats.events:,} events.")
    _build_index(rec)

    history = rec.history(user) if rec.has_user(user) else []
    if history:
        click.echo(f"User {user} rated {len(history):,} movies; the latest:")
        for item in reversed(rec.items(history[-5:])):
            click.echo(f"  - {item.title}")
        click.echo()
    results = rec.recommend(user=user, k=k)
    click.echo(f"Recommended for user {user}:")
    echo_table(
        ["#", "title", "genres", "score", "why"],
        [[n, r.item.title, ", ".join(r.item.categories), f"{r.score:.3f}", "; ".join(r.reasons)]
         for n, r in enumerate(results, start=1)],
    )
    query = "space adventure with aliens"
    results = rec.recommend(user=user, query=query, k=5)
    click.echo(f"\nFor user {user}, asking for {query!r}:")
    echo_table(
        ["#", "title", "genres", "why"],
        [[n, r.item.title, ", ".join(r.item.categories), "; ".join(r.reasons)] for n, r in enumerate(results, start=1)],
    )
    click.echo(
        "\nNext: `recagent train` (GPT interests and the ranker, a few minutes), "
        "`recagent recommend --user 1 --query 'funny heist'`, `recagent chat`, `recagent plugins`."
    )
    if not chat:
        return
    click.echo("\nNow chat with the recommending agent about the demo catalog.")
    samples = () if sys.stdin.isatty() else SAMPLE_MESSAGES
    run_chat(rec, messages=samples)


def _build_index(rec: Recommender) -> None:
    """Embed the catalog into the item index once, so that queries in words work."""
    click.echo("Building the item index (embeddings of every movie; once, about half a minute)...")
    report = rec.build_index()
    click.echo(f"Index ready: {report.embedded:,} items embedded.\n")
