"""Recommend through the SDK: known users, ad-hoc histories, cold start, filters and clear errors."""

from __future__ import annotations

import pytest

from recagent import PluginUnavailableError, RecagentError, UnknownItemError, UnknownUserError
from recagent.filters import (
    FilterError,
    compile_filters,
    filters_json_schema,
    parse_conditions,
    parse_filter_option,
)
from tests.conftest import SMALL_ITEMS, without_hook


def test_known_user_gets_unseen_items_with_scores_and_reasons(small_recommender, make_recommender) -> None:
    rec = make_recommender(settings=without_hook("candidates", "rank", keep=("popularity",)))
    recs = rec.recommend(user="u1", k=3)
    ids = [r.item.id for r in recs]
    assert len(ids) == 3 and not {"1", "2", "6"} & set(ids)
    # How many chose each; "popular" only of the best known tenth, here the most popular film, which u1 has seen.
    assert all(r.reasons and r.reasons[0].endswith((" interaction", " interactions")) for r in recs)
    assert not any(r.reasons[0].startswith("popular") for r in recs)
    best_known = rec.recommend(user="u1", k=1, exclude_seen=False)[0]
    assert best_known.item.id == "6" and best_known.reasons[0].startswith("popular: ")
    assert [r.score for r in recs] == sorted((r.score for r in recs), reverse=True)


def test_an_item_is_called_popular_only_among_the_best_known_tenth() -> None:
    from recagent.catalog_facts import popularity_said

    assert popularity_said(87, 27.0) == "popular: 87 interactions"
    assert popularity_said(27, 27.0) == "popular: 27 interactions"
    assert (popularity_said(4, 27.0), popularity_said(1, 27.0)) == ("4 interactions", "1 interaction")


def test_include_seen(small_recommender, make_recommender) -> None:
    rec = make_recommender(settings=without_hook("candidates", "rank", keep=("popularity",)))
    assert rec.recommend(user="u1", k=1, exclude_seen=False)[0].item.id == "6"  # most popular


def test_ad_hoc_history_for_a_new_user_and_cold_start(small_recommender) -> None:
    assert "6" not in [r.item.id for r in small_recommender.recommend(history=["6"], k=5)]
    assert small_recommender.recommend(k=1)[0].item.id == "6"
    assert small_recommender.recommend(user=12345, history=["1"], k=1)  # unknown user with a history is fine


def test_filters(small_recommender) -> None:
    recs = small_recommender.recommend(k=10, filters={"category": "Sci-Fi", "year": {">=": 1980}})
    assert sorted(r.item.id for r in recs) == ["2", "6"]
    assert small_recommender.recommend(k=10, filters={"category": {"not in": ["Sci-Fi", "Comedy"]}})[0].item.id == "4"


def test_filters_reach_past_the_most_popular_items(make_recommender) -> None:
    # "a good movie from 2015" without words to search: the hundred most popular films held none of that year,
    # and the answer was empty though the catalog has one.
    from recagent import Event, Item

    rec = make_recommender()
    items = [Item(str(n), f"Film {n}", metadata={"year": 2000 if n else 2015}) for n in range(150)]
    # Film 0, the only one of 2015, is the least popular: film n has n + 1 viewers, film 0 one.
    events = [Event(f"u{viewer}", str(n), float(viewer)) for n in range(150) for viewer in range(n + 1)]
    rec.ingest(items=items, events=events)
    assert [r.item.id for r in rec.recommend(k=5, filters={"year": 2015})] == ["0"]
    assert [r.item.id for r in rec.recommend(k=3, filters={"year": {"<": 2015}})] == ["149", "148", "147"]


def test_ratings_say_how_many_rated_an_item_and_how_well(small_recommender) -> None:
    from recagent import Rating

    ratings = small_recommender.ratings(["1", "6", "5"])
    # The catalog's mean is 36 / 9 = 4.0; an adjusted mean counts ten more ratings at it.
    assert ratings["6"] == Rating(3, 4.0, 4.0)
    assert (ratings["1"].count, ratings["1"].mean) == (2, 3.5) and ratings["1"].adjusted == pytest.approx(47 / 12)
    # One five-star rating is no masterpiece: above the mean, below a film many rated as high.
    assert ratings["5"].mean == 5.0 and ratings["5"].adjusted == pytest.approx(45 / 11)
    with pytest.raises(UnknownItemError):
        small_recommender.ratings(["zzz"])


def test_metadata_fields_say_what_filters_can_name(small_recommender) -> None:
    assert small_recommender.metadata_fields() == {"year": {"integer"}}


def test_items_nobody_rated_have_no_rating(make_recommender) -> None:
    from recagent import Event

    rec = make_recommender()
    rec.ingest(items=SMALL_ITEMS, events=[Event("u1", "1", 1.0), Event("u1", "2", 2.0, "rating", 4.0)])
    assert list(rec.ratings(["1", "2"])) == ["2"]  # an interaction without a value is no rating


def test_clear_errors(small_recommender) -> None:
    with pytest.raises(UnknownUserError, match="unknown user 'nobody'.*history="):
        small_recommender.recommend(user="nobody")
    with pytest.raises(UnknownItemError, match="unknown item id 'zzz'"):
        small_recommender.recommend(history=["1", "zzz"])
    with pytest.raises(RecagentError, match="k must be a whole number of at least 1, got 0"):
        small_recommender.recommend(k=0)
    with pytest.raises(FilterError, match="unknown filter operator '~'"):
        small_recommender.recommend(filters={"year": {"~": 3}})


def test_no_candidate_source_is_a_clear_error(make_recommender) -> None:
    rec = make_recommender(settings=without_hook("candidates"))
    with pytest.raises(PluginUnavailableError, match="recommend is not available until a plugin provides the 'candidates'"):
        rec.recommend()


@pytest.mark.parametrize("text, parsed", [
    ("category=Comedy", ("category", {"==": "Comedy"})),
    ("year>=1990", ("year", {">=": 1990})),
    ("rating<4.5", ("rating", {"<": 4.5})),
    ("studio!=Fox", ("studio", {"!=": "Fox"})),
])
def test_parse_filter_option(text, parsed) -> None:
    assert parse_filter_option(text) == parsed


def test_filter_semantics() -> None:
    alien, heat = SMALL_ITEMS[0], SMALL_ITEMS[3]
    assert compile_filters({"category": "Horror"})(alien) and not compile_filters({"category": "Horror"})(heat)
    assert compile_filters({"year": {">": 1990, "<": 2000}})(heat) and not compile_filters({"year": {">": 1990}})(alien)
    # "all": every one of the values; an animated comedy, not any comedy or any animated film
    toy_story, amelie = SMALL_ITEMS[2], SMALL_ITEMS[4]
    animated_comedy = compile_filters({"category": {"all": ["Animation", "Comedy"]}})
    assert animated_comedy(toy_story) and not animated_comedy(amelie) and not animated_comedy(alien)
    assert compile_filters({"year": {"all": [1979]}})(alien)
    assert not compile_filters({"year": {"all": [1979, 1986]}})(alien)
    assert not compile_filters({"studio": "Fox"})(alien)  # missing metadata never matches
    assert not compile_filters({"year": {">": "abc"}})(alien)  # mismatched types do not match
    with pytest.raises(FilterError, match="needs a list"):
        compile_filters({"category": {"in": "Horror"}})
    with pytest.raises(FilterError, match="cannot read the filter"):
        parse_filter_option("nonsense")


@pytest.mark.parametrize(("filters", "valid"), [
    ({"category": "Comedy", "year": {">=": 1990, "<": 2000}}, True),
    ({"year": {"in": [1995, 1999], "not in": [2001]}, "title": {"!=": "Heat (1995)"}, "rated": True}, True),
    ({"year": {}}, True),
    ({"year": {"~": 1}}, False),
    ({"year": None}, False),
    ({"year": [1995]}, False),
    ({"year": {"==": [1995]}}, False),
    ({"year": {"in": 1995}}, False),
    ({"category": {"all": ["Comedy", "Drama"]}}, True),
    ({"category": {"all": "Comedy"}}, False),
    ({"year": {"in": [[1995]]}}, False),
    ({"": "x"}, False),
])
def test_the_filters_json_schema_takes_what_the_parser_takes(filters, valid) -> None:
    import jsonschema

    assert jsonschema.Draft202012Validator(filters_json_schema()).is_valid(filters) is valid
    try:
        parse_conditions(filters)
    except FilterError:
        assert not valid
    else:
        assert valid


def test_cold_start_ranks_by_the_default_weights_whatever_the_ranker_learned(small_recommender,
                                                                            monkeypatch) -> None:
    import numpy as np

    from recagent.plugins import ranking

    def upside_down(workspace):
        """A ranker that learned to put the most popular items last (as one trained on long histories may)."""
        default = ranking.RankerModel.default(["popularity"])
        size = len(default.feature_names)
        return ranking.RankerModel(["popularity"], -default.weights, 0.0, np.zeros(size), np.ones(size),
                                   trained=False)

    monkeypatch.setattr(ranking, "load_ranker", upside_down)
    counts = dict(small_recommender.workspace.store.item_popularity())
    cold = [counts.get(r.item.id, 0) for r in small_recommender.recommend(k=4)]
    assert cold == sorted(cold, reverse=True) and cold[0] == max(counts.values())
