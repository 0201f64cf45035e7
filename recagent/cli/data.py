"""`recagent ingest` and `recagent stats`."""

from __future__ import annotations

import click

from recagent.cli.common import App, command_options, echo_json
from recagent.ingest import IngestReport
from recagent.readers import FORMATS


def _parse_map(pairs: tuple[str, ...]) -> dict[str, str] | None:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(f"{pair!r} is not FIELD=COLUMN (for example user=customer_id)", param_hint="--map")
        mapping[field.strip()] = column.strip()
    return mapping or None


def _describe(report: IngestReport) -> str:
    lines = [
        f"Items:  {report.items_read:,} read; {report.items.added:,} added, {report.items.updated:,} updated, "
        f"{report.items.unchanged:,} unchanged",
        f"Events: {report.events_read:,} read; {report.events.added:,} added, {report.events.updated:,} updated, "
        f"{report.events.unchanged:,} already stored",
    ]
    if report.categorized:
        lines.append(f"Categorized: {report.categorized:,} items had categories filled in")
    lines += [f"Dropped {n:,} {what}" for what, n in report.dropped.items()]
    lines += [f"Changed {n:,} {what}" for what, n in report.changed.items()]
    lines.append(f"Done in {report.seconds:.1f} s")
    return "\n".join(lines)


@click.command("ingest")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--items", "items_path", metavar="FILE", help="Items file (CSV, JSONL, Parquet or MovieLens).")
@click.option("--events", "events_path", metavar="FILE", help="Events file (CSV, JSONL, Parquet, MovieLens or S3-Rec).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format; auto decides from the file names.")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
              help="Map a field (id, title, text, categories, user, item, timestamp, kind, value) to a column.")
@click.option("--encoding", default=None, help="Text encoding of the files [default: utf-8; latin-1 for MovieLens .dat/u.*].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@command_options
def ingest_command(app: App, folder: str | None, items_path: str | None, events_path: str | None, fmt: str,
                   mapping: tuple[str, ...], encoding: str | None, as_json: bool) -> None:
    """Add items and events to the store, as one transaction.

    Pass a MovieLens FOLDER, or --items and/or --events files. A file that cannot be read changes nothing.
    """
    if folder and items_path:
        raise click.UsageError("pass either a FOLDER or --items, not both")
    if not (folder or items_path or events_path):
        raise click.UsageError("nothing to ingest: pass a FOLDER, --items FILE or --events FILE")
    report = app.recommender.ingest(folder or items_path, events_path, fmt, columns=_parse_map(mapping),
                                    encoding=encoding)
    if as_json:
        echo_json(report.as_dict())
    else:
        click.echo(_describe(report))


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@command_options
def stats_command(app: App, as_json: bool) -> None:
    """Show how many items, users and events the store holds."""
    stats = app.recommender.stats()
    if as_json:
        echo_json(stats.as_dict())
        return
    click.echo(f"Workspace:  {app.recommender.path}")
    click.echo(f"Items:      {stats.items:,} ({stats.categories:,} categories)")
    click.echo(f"Users:      {stats.users:,}")
    click.echo(f"Events:     {stats.events:,}" + (
        " (" + ", ".join(f"{kind} {n:,}" for kind, n in stats.event_kinds.items()) + ")" if stats.event_kinds else ""
    ))
