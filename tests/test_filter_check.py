"""Filters are checked against the catalog: what cannot match is an error with the closest names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recagent.cli import cli
from recagent.filters import FilterError


@pytest.mark.parametrize(("filters", "message"), [
    ({"category": "Comdy"}, "no category 'Comdy'; did you mean 'Comedy'"),
    ({"category": {"in": ["Comedy", "Horor"]}}, "did you mean 'Horror'"),
    ({"genre": "Comedy"}, "no item has the field 'genre'; did you mean 'category'"),
    ({"yeer": {">=": 1990}}, "did you mean 'year'"),
    ({"year": {">=": "abc"}}, "'year' is a number in this catalog; 'abc' is not a number"),
])
def test_what_the_catalog_cannot_match_is_an_error_with_suggestions(small_recommender, filters, message) -> None:
    with pytest.raises(FilterError, match=message):
        small_recommender.recommend(user="u1", filters=filters)
    with pytest.raises(FilterError, match=message):
        small_recommender.search("space", filters=filters)


def test_a_category_in_other_case_is_read_as_the_catalog_spells_it(small_recommender) -> None:
    found = small_recommender.recommend(k=10, filters={"category": "comedy"})
    assert found and {r.item.id for r in found} == {"3", "5"}
    assert small_recommender.recommend(k=10, filters={"category": {"not in": ["sci-fi", "HORROR"]}})


def test_the_cli_fails_on_a_bad_filter_with_the_suggestion(small_recommender, workspace_dir: Path) -> None:
    runner = CliRunner()
    for bad, said in (("category=Comdy", "did you mean 'Comedy'"), ("genre=Comedy", "did you mean 'category'"),
                      ("year>=abc", "is not a number")):
        result = runner.invoke(cli, ["recommend", "--user", "u1", "--filter", bad, "--workspace", str(workspace_dir)])
        assert result.exit_code != 0 and said in result.output, result.output
    good = runner.invoke(cli, ["recommend", "--user", "u2", "--filter", "category=comedy",
                               "--workspace", str(workspace_dir)])
    assert good.exit_code == 0, good.output
