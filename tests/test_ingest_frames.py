"""DataFrames in and out: pandas, polars and Arrow tables ingest like files with the same columns, and
batch recommendations come back as a table. TMDB-shaped columns (JSON lists, release dates) are understood."""

from __future__ import annotations

import json

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from recagent.errors import IngestError, RecagentError
from recagent.filter_check import check_filters
from recagent.filters import compile_filters

GENRES = [[{"id": 16, "name": "Animation"}, {"id": 35, "name": "Comedy"}], [{"id": 28, "name": "Action"}], [],
          [{"id": 18, "name": "Drama"}]]
MOVIES = {
    "id": [862, 603, 999, 13],
    "title": ["Toy Story", "The Matrix", "Untitled", "Forrest Gump"],
    "overview": ["Toys come alive.", "A hacker learns the truth.", "", "Life is like a box of chocolates."],
    "genres": [json.dumps(g) for g in GENRES],
    "keywords": [json.dumps([{"id": 1, "name": "toy"}]), "[]", "[]", json.dumps([{"id": 2, "name": "running"}])],
    "release_date": ["1995-10-30", "1999-03-30", None, "1994-07-06"],
    "vote_average": [7.7, 7.9, None, 8.2],
}
RATINGS = {"userId": [1, 1, 2, 2, 3], "movieId": [862, 603, 862, 13, 603],
           "rating": [5.0, 4.0, 4.5, 3.0, 5.0], "timestamp": [10, 20, 30, 40, 50]}


def _check_movies(rec) -> None:
    toy = rec.item("862")
    assert toy.title == "Toy Story" and toy.text == "Toys come alive."
    assert toy.categories == ("Animation", "Comedy")  # the JSON list read as names, not one junk category
    assert toy.metadata["year"] == 1995 and toy.metadata["tags"] == "toy" and toy.metadata["vote_average"] == 7.7
    assert rec.item("999").categories == () and "year" not in rec.item("999").metadata
    assert sorted(rec.categories()) == ["Action", "Animation", "Comedy", "Drama"]
    assert sorted(r.item.id for r in rec.recommend(k=5, filters={"year": {">=": 1995}})) == ["603", "862"]
    assert rec.stats().events == 5


@pytest.mark.parametrize("make_frame", [pd.DataFrame, pl.DataFrame, pa.table], ids=["pandas", "polars", "arrow"])
def test_a_dataframe_ingests_like_a_file_with_the_same_columns(make_recommender, make_frame) -> None:
    rec = make_recommender()
    report = rec.ingest(items=make_frame(MOVIES), events=make_frame(RATINGS))
    assert report.items.added == 4 and report.events.added == 5
    assert str(report).startswith("items: 4 read, 4 added") and "<4 ids>" in repr(report)  # short to print
    _check_movies(rec)


def test_records_from_a_dataframe_ingest_with_a_column_mapping(make_recommender) -> None:
    frame = pd.DataFrame(MOVIES).rename(columns={"overview": "plot"})
    rec = make_recommender()
    rec.ingest(items=frame.to_dict("records"), events=pd.DataFrame(RATINGS).to_dict("records"),
               columns={"text": "plot"})
    _check_movies(rec)


def test_a_bad_frame_is_a_clear_error_and_nothing_is_stored(make_recommender) -> None:
    rec = make_recommender()
    with pytest.raises(IngestError, match="missing column for 'id'"):
        rec.ingest(items=pd.DataFrame({"name": ["A"]}))
    with pytest.raises(IngestError, match="empty value"):
        rec.ingest(items=pd.DataFrame({"id": ["1", None], "title": ["A", "B"]}))
    with pytest.raises(IngestError, match="expected a file path, a DataFrame or a list of records"):
        rec.ingest(items={"id": "1"})
    assert rec.stats().items == 0


@pytest.mark.parametrize("backend", ["pandas", "polars", "arrow"])
def test_batch_recommendations_come_back_as_a_table(make_recommender, backend) -> None:
    rec = make_recommender()
    rec.ingest(items=pa.table(MOVIES), events=pa.table(RATINGS))
    table = rec.recommend_frame(["1", "2", "3"], k=2, backend=backend)
    frame = pl.from_arrow(table) if backend == "arrow" else table
    rows = pl.from_pandas(frame) if backend == "pandas" else frame
    assert rows.columns == ["user", "rank", "item", "title", "score", "reasons"]
    for user in ("1", "2", "3"):
        expected = rec.recommend(user=user, k=2)
        mine = rows.filter(pl.col("user") == user)
        assert expected and mine["item"].to_list() == [r.item.id for r in expected]
        assert mine["rank"].to_list() == list(range(1, len(expected) + 1))
        assert mine["title"].to_list() == [r.item.title for r in expected]
    with pytest.raises(RecagentError, match="unknown table backend"):
        rec.recommend_frame(["1"], backend="excel")


def test_the_tmdb_csv_ingests_with_real_genres_and_years(make_recommender, shared_data) -> None:
    path = shared_data / "tmdb-5000" / "tmdb_5000_movies.csv.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    rec = make_recommender(settings={"disable_plugins": "bert"})  # the file's own genres, no categorizer
    rec.ingest(items=path)
    categories = rec.categories()
    assert len(categories) == 20 and "Science Fiction" in categories and not any("[" in c for c in categories)
    avatar = rec.item("19995")
    assert avatar.title == "Avatar" and avatar.metadata["year"] == 2009
    assert set(avatar.categories) == {"Action", "Adventure", "Fantasy", "Science Fiction"}
    assert "space war" in avatar.metadata["tags"]
    keep = compile_filters(check_filters({"year": {">=": 1990}, "category": "comedy"}, rec.catalog))
    assert sum(keep(item) for item in rec.catalog.all_items()) > 1000  # "year>=1990" matches: years were read
