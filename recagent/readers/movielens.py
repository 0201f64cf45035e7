"""MovieLens files: 100k (`u.item`, `u.data`), latest-small and 25M-style CSVs, and 1M (`*.dat`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from recagent.errors import IngestError
from recagent.readers.tabular import iter_rows
from recagent.readers.text import parse_number, read_text
from recagent.titles import title_year
from recagent.types import Event, Item

__all__ = ["read_movielens_items", "read_movielens_events", "read_movielens_folder"]

# The genre order of the 19 flags in u.item, used when no u.genre sits beside it.
ML100K_GENRES = (
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
    "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)
_NO_GENRES = {"(no genres listed)", "unknown"}


def _title_metadata(title: str) -> dict[str, int]:
    year = title_year(title)
    return {"year": int(year)} if year else {}


def _split_lines(path: Path, encoding: str, separator: str, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(read_text(path, encoding).splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split(separator)
        if len(cells) < width:
            raise IngestError(
                f"expected {width} fields separated by {separator!r}, found {len(cells)}",
                path=str(path), line=number,
            )
        rows.append((number, cells))
    return rows


def _require(header: list[str], wanted: tuple[str, ...], path: Path) -> None:
    missing = [name for name in wanted if name not in header]
    if missing:
        raise IngestError(
            f"missing column(s) {', '.join(missing)} of the MovieLens format (found: {', '.join(header)}); "
            "use --format csv with --map for other layouts",
            path=str(path), line=1,
        )


def read_movielens_items(path: Path, *, encoding: str | None = None) -> list[Item]:
    """Movies from `u.item` (100k), `movies.csv` (latest) or `movies.dat` (1M)."""
    if path.name == "u.item":
        genre_file = path.with_name("u.genre")
        genres = ML100K_GENRES
        if genre_file.exists():
            genres = tuple(cells[0] for _, cells in _split_lines(genre_file, "latin-1", "|", 2))
        items = []
        for number, cells in _split_lines(path, encoding or "latin-1", "|", 5 + len(genres)):
            flags = cells[5:5 + len(genres)]
            if any(flag not in ("0", "1") for flag in flags):
                raise IngestError("genre flags must be 0 or 1", path=str(path), line=number)
            title = cells[1].strip()
            metadata: dict[str, object] = _title_metadata(title)
            if cells[2]:
                metadata["release_date"] = cells[2]
            if cells[4]:
                metadata["imdb_url"] = cells[4]
            categories = tuple(g for g, flag in zip(genres, flags) if flag == "1" and g not in _NO_GENRES)
            items.append(Item(cells[0].strip(), title or cells[0], "", categories, metadata))
        return items
    if path.suffix == ".dat":
        return [
            _movie(cells[0], cells[1], cells[2].split("|"))
            for _, cells in _split_lines(path, encoding or "latin-1", "::", 3)
        ]
    header, rows = iter_rows(path, "csv", encoding)
    _require(header, ("movieId", "title", "genres"), path)
    return [_movie(row["movieId"], row["title"], row["genres"].split("|")) for _, row in rows]


def _movie(movie_id: str, title: str, genres: list[str]) -> Item:
    title = title.strip()
    categories = tuple(g.strip() for g in genres if g.strip() and g.strip() not in _NO_GENRES)
    return Item(movie_id.strip(), title or movie_id.strip(), "", categories, _title_metadata(title))


def read_movielens_events(path: Path, *, encoding: str | None = None) -> list[Event]:
    """Ratings from `u.data` (100k), `ratings.csv` (latest) or `ratings.dat` (1M)."""
    if path.name == "u.data" or path.suffix == ".dat":
        separator = "\t" if path.name == "u.data" else "::"
        return [
            _rating(cells[0], cells[1], cells[2], cells[3], path, number)
            for number, cells in _split_lines(path, encoding or "latin-1", separator, 4)
        ]
    header, rows = iter_rows(path, "csv", encoding)
    _require(header, ("userId", "movieId", "rating", "timestamp"), path)
    return [_rating(r["userId"], r["movieId"], r["rating"], r["timestamp"], path, n) for n, r in rows]


def _rating(user: str, item: str, rating: str, timestamp: str, path: Path, line: int) -> Event:
    value = parse_number(rating, path=path, line=line, column="rating")
    when = parse_number(timestamp, path=path, line=line, column="timestamp")
    if not user.strip() or not item.strip():
        raise IngestError("empty user or movie id", path=str(path), line=line)
    return Event(user.strip(), item.strip(), when, "rating", value)


def _with_tags_and_links(items: list[Item], folder: Path, encoding: str | None) -> list[Item]:
    """Fold tags.csv (as a 'tags' metadata string, most used first) and links.csv ids into the movies."""
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    if (folder / "tags.csv").exists():
        header, rows = iter_rows(folder / "tags.csv", "csv", encoding)
        _require(header, ("movieId", "tag"), folder / "tags.csv")
        for _, row in rows:
            if row["tag"].strip():
                tags[row["movieId"].strip()][row["tag"].strip()] += 1
    links: dict[str, dict[str, object]] = {}
    if (folder / "links.csv").exists():
        header, rows = iter_rows(folder / "links.csv", "csv", encoding)
        _require(header, ("movieId", "imdbId", "tmdbId"), folder / "links.csv")
        for _, row in rows:
            links[row["movieId"].strip()] = {
                key: row[key].strip() for key in ("imdbId", "tmdbId") if row[key].strip()
            }
    enriched = []
    for item in items:
        metadata = dict(item.metadata)
        metadata.update(links.get(item.id, {}))
        if tags.get(item.id):
            metadata["tags"] = ", ".join(tag for tag, _ in tags[item.id].most_common())
        enriched.append(Item(item.id, item.title, item.text, item.categories, metadata))
    return enriched


def read_movielens_folder(folder: Path, *, encoding: str | None = None) -> tuple[list[Item], list[Event]]:
    """A MovieLens release folder: items, ratings and, for the CSV releases, tags and links."""
    for items_name, events_name in (("u.item", "u.data"), ("movies.csv", "ratings.csv"), ("movies.dat", "ratings.dat")):
        if (folder / items_name).exists():
            items = read_movielens_items(folder / items_name, encoding=encoding)
            if items_name == "movies.csv":
                items = _with_tags_and_links(items, folder, encoding)
            events_path = folder / events_name
            events = read_movielens_events(events_path, encoding=encoding) if events_path.exists() else []
            return items, events
    raise IngestError(
        "not a MovieLens folder: expected u.item and u.data, movies.csv and ratings.csv, or movies.dat",
        path=str(folder),
    )
