"""Ingest of the real public datasets in ../shared/data (skipped where they are absent)."""

from __future__ import annotations

from recagent.datasets import demo_catalog


def test_ml_latest_small_from_shared_data(make_recommender, shared_data) -> None:
    rec = make_recommender()
    report = rec.ingest(shared_data / "ml-latest-small")
    stats = rec.stats()
    assert (stats.items, stats.users, stats.events) == (9742, 610, 100836)
    assert stats.categories == 19  # 20 genre labels, "(no genres listed)" is not a category
    assert report.dropped == {}
    toy_story = rec.workspace.store.get_items(["1"])["1"]
    assert toy_story.metadata["tmdbId"] == "862" and "pixar" in toy_story.metadata["tags"]


def test_bundled_demo_catalog_matches_the_shared_copy(tmp_path, shared_data) -> None:
    folder = demo_catalog(tmp_path)
    for name in ("movies.csv", "ratings.csv", "tags.csv", "links.csv"):
        assert (folder / name).read_bytes() == (shared_data / "ml-latest-small" / name).read_bytes()


def test_ml_100k_from_shared_data(make_recommender, shared_data) -> None:
    rec = make_recommender()
    rec.ingest(shared_data / "ml-100k")
    stats = rec.stats()
    assert (stats.items, stats.users, stats.events) == (1682, 943, 100000)


def test_amazon_beauty_s3rec_from_shared_data(make_recommender, shared_data) -> None:
    rec = make_recommender()
    rec.ingest(events=shared_data / "amazon-s3rec" / "Beauty.txt", format="s3rec")
    stats = rec.stats()
    assert (stats.items, stats.users, stats.events) == (12101, 22363, 198502)
