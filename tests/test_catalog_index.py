"""The catalog's item index, a core service, and the vectorsearch plugin, a candidate source over it.

The index follows every ingest; the SDK, the chat and the HTTP API search through the catalog; disabling
the plugin removes only its candidates.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from recagent import IndexNotBuiltError, Item, RecagentWarning
from recagent.types import RecommendRequest, ScoredItem
from recagent.vectorstore import ItemIndex
from tests.conftest import SMALL_EVENTS, SMALL_ITEMS

HASHING = {"embedding_model": "hashing"}


def built(make_recommender, **settings):
    """A Recommender over the small catalog whose index has been built."""
    rec = make_recommender(settings={**HASHING, **settings})
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    rec.build_index()
    return rec


def test_the_index_keeps_in_step_with_ingests(make_recommender) -> None:
    rec = built(make_recommender)
    index = ItemIndex.open(rec.settings)
    assert index.count() == 6
    rec.ingest(items=[Item("7", "Gravity (2013)", "Astronauts adrift in space.", ("Sci-Fi",), {"year": 2013})])
    assert index.count() == 7
    assert index.query("astronauts adrift", k=1, filters={"year": {">": 2010}})[0].item_id == "7"


def test_items_stored_by_an_ingest_that_died_before_indexing_them_are_indexed_by_the_next(make_recommender,
                                                                                         monkeypatch) -> None:
    """The store commits, then the index takes the items in: an ingest killed between the two leaves the
    items listed as unindexed in the store, and the next ingest (even one changing nothing) indexes them."""
    rec = built(make_recommender)
    gravity = Item("7", "Gravity (2013)", "Astronauts adrift in space.", ("Sci-Fi",), {"year": 2013})
    with monkeypatch.context() as patched:
        patched.setattr(ItemIndex, "upsert", lambda self, items: (_ for _ in ()).throw(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):  # a kill after the store's commit
            rec.ingest(items=[gravity])
    assert rec.has_item("7") and rec.index_status().items == 6
    assert rec.ingest(items=[gravity]).items.added == 0  # nothing to change in the store...
    assert rec.index_status().items == 7 and rec.search("astronauts adrift", k=1)[0].item.id == "7"  # ...indexed


def test_ingest_builds_no_index_until_one_is_built(make_recommender) -> None:
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=SMALL_ITEMS)
    assert not (rec.workspace.path / "chroma").exists()


def test_index_on_ingest_can_be_turned_off(make_recommender) -> None:
    rec = built(make_recommender, index_on_ingest="false")
    rec.ingest(items=[Item("7", "Gravity (2013)")])
    assert ItemIndex.open(rec.settings).count() == 6


def test_reasons_for_a_query_are_the_items_own_words() -> None:
    from recagent.plugins.vectorsearch import query_reasons

    heat = Item("4", "Heat (1995)", "A detective hunts a crew of thieves.", ("Crime", "Thriller"),
                {"tags": "heist, bank robbery, Al Pacino"})
    toys = Item("3", "Toy Story (1995)", "Toys come alive.", ("Animation", "Children", "Comedy"))
    assert query_reasons("a heist that goes wrong", {"4": heat, "3": toys}) == {"4": "as you asked: heist"}
    tagged = Item("9", "Akira (1988)", "", ("Animation", "Sci-Fi"), {"tags": "sci-fi, anime"})
    # The category and the tag of one name are one reason.
    assert query_reasons("an animated sci-fi movie", {"9": tagged}) == {"9": "as you asked: Animation, Sci-Fi"}
    assert query_reasons("animated films about thieves", {"4": heat, "3": toys}) == {
        "4": "as you asked: its story", "3": "as you asked: Animation"}
    # A word meets the tag whatever its ending; anime is no animated film ("animes" met Animation, never "anime").
    dead = Item("13", "Zombieland (2009)", "", ("Comedy", "Horror"), {"tags": "zombies"})
    assert query_reasons("i love zombie movies", {"13": dead}) == {"13": "as you asked: zombies"}
    assert query_reasons("I prefer animes", {"9": tagged}) == {"9": "as you asked: anime"}
    assert query_reasons("a movie about animals", {"3": toys}) == {}  # by its stem, "animals" met Animation


def test_hook_candidates_from_query_and_history(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = built(make_recommender)
    by_query = vectorsearch.candidates(RecommendRequest(query="toys come alive", k=2), rec.workspace)
    assert by_query[0].item_id == "3" and 0.0 <= by_query[0].score <= 1.0
    # The reason is in the item's own words: its description names the toys coming alive.
    assert by_query[0].matches_query and by_query[0].reason == "as you asked: its story"
    both = vectorsearch.candidates(RecommendRequest(query="toys come alive", history=("1",), k=2), rec.workspace)
    assert all(c.matches_query for c in both)  # a query is answered alone
    by_history = vectorsearch.candidates(RecommendRequest(history=("1",), k=2), rec.workspace)
    assert "1" not in {c.item_id for c in by_history} and by_history[0].reason == "like your recent items"
    filtered = vectorsearch.candidates(RecommendRequest(query="creature", filters={"year": {"<": 1990}}),
                                       rec.workspace)
    assert {c.item_id for c in filtered} == {"1", "2"}
    assert vectorsearch.candidates(RecommendRequest(k=2), rec.workspace) is None


def test_an_items_own_words_add_to_its_match_and_its_title_does_not(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    items = [Item("1", "Heist Night (2001)", "", ("Crime",), {}),
             Item("2", "Ocean's Eleven (2001)", "", ("Crime",), {"tags": "heist, Las Vegas"})]

    def scores(bonus: float, query: str) -> dict[str, float]:
        rec = make_recommender(settings={**HASHING, "vectorsearch_text_bonus": bonus})
        rec.ingest(items=items)
        rec.build_index()
        found = vectorsearch.candidates(RecommendRequest(query=query, k=2), rec.workspace)
        rec.close()
        return {c.item_id: c.score for c in found}

    plain, bonus = scores(0.0, "a good heist movie"), scores(0.05, "a good heist movie")
    assert bonus["2"] == pytest.approx(plain["2"] + 0.05)  # tagged heist
    assert bonus["1"] == pytest.approx(plain["1"])  # "heist" in its title only
    # Each word of the query its own words hold counts: heist, and Vegas.
    assert scores(0.05, "a heist in Vegas")["2"] == pytest.approx(scores(0.0, "a heist in Vegas")["2"] + 0.1)


def test_a_title_that_only_repeats_the_requests_words_for_films_comes_last(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    items = [Item("1", "Epic Movie (2007)", "", ("Comedy",), {}),
             Item("2", "Braveheart (1995)", "", ("Drama", "War"), {"tags": "epic, Scotland"}),
             Item("3", "Gladiator (2000)", "", ("Action", "Drama"), {"tags": "epic, Rome"}),
             Item("4", "Spartacus (1960)", "", ("Drama",), {}),
             Item("5", "Scotland, PA (2001)", "", ("Comedy",), {})]
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=items)
    rec.build_index()
    hits = {hit.item_id: hit.score for hit in rec.catalog.search("something epic", k=5)}
    assert max(hits, key=hits.__getitem__) == "1"  # by meaning alone its title is the closest
    found = {c.item_id: c.score for c in vectorsearch.candidates(RecommendRequest(query="something epic", k=5),
                                                                 rec.workspace)}
    # A word that tags films ("epic", held by two) is a description: the title made of it alone is a pun.
    assert found["1"] == min(hits.values()) and found["1"] < found["4"]
    # A word of one film's tags names no kind of film: "Scotland, PA" asked for keeps its place.
    scotland = {c.item_id: c.score for c in vectorsearch.candidates(
        RecommendRequest(query="scotland pa", k=5), rec.workspace)}
    assert scotland["5"] == max(scotland.values())


def _searched_and_found(rec, items: list[Item], query: str) -> tuple[dict[str, float], dict[str, float]]:
    """The items' scores by meaning alone, and as the search plugin's candidates."""
    from recagent.plugins import vectorsearch

    rec.ingest(items=items)
    rec.build_index()
    hits = {hit.item_id: hit.score for hit in rec.catalog.search(query, k=len(items))}
    request = RecommendRequest(query=query, k=len(items))
    return hits, {c.item_id: c.score for c in vectorsearch.candidates(request, rec.workspace)}


def test_a_title_of_what_films_are_about_is_no_pun_but_one_that_names_a_kind_of_film_is(make_recommender) -> None:
    # The tags say "dinosaurs" in the plural: what films are about. "Dinosaur" came after every other match.
    items = [Item("1", "Dinosaur (2000)", "", ("Animation",), {}),
             Item("2", "Good Dinosaur, The (2015)", "", ("Animation",), {}),
             Item("3", "Jurassic Park (1993)", "", ("Adventure",), {"tags": "dinosaurs"}),
             Item("4", "Lost World, The (1997)", "", ("Adventure",), {"tags": "dinosaurs"}),
             Item("5", "Dinosaur Movie (2009)", "", ("Comedy",), {}),
             Item("6", "Fog, The (1980)", "", ("Horror",), {})]
    hits, found = _searched_and_found(make_recommender(settings=HASHING), items, "a dinosaur movie")
    assert found["1"] == pytest.approx(hits["1"]) and found["2"] == pytest.approx(hits["2"])
    assert found["5"] < hits["5"] and found["5"] < found["1"]  # named after a kind of film, it is a pun still


def test_a_plural_in_a_name_the_catalog_tags_is_no_subject_of_films(make_recommender) -> None:
    # "bridges" is a plural in the tags only as the name "Jeff Bridges": "Bridges" came first as a film about them.
    items = [Item("1", "Bridges (2001)", "", ("Documentary",), {}),
             Item("2", "Big Lebowski, The (1998)", "", ("Comedy",), {"tags": "Jeff Bridges"}),
             Item("3", "Starman (1984)", "", ("Sci-Fi",), {"tags": "Jeff Bridges"}),
             Item("4", "Fog, The (1980)", "", ("Horror",), {})]
    hits, found = _searched_and_found(make_recommender(settings=HASHING), items, "bridges")
    assert found["1"] < hits["1"] and found["1"] == min(found.values())


def test_a_subject_of_films_beside_words_that_only_describe_them_brings_the_films_tagged_with_it(
        make_recommender) -> None:
    # "a funny dog movie" found Wag the Dog and Dogma by their words; the films tagged dogs came only for "a dog movie".
    items = [Item("1", "Best in Show (2000)", "", ("Comedy",), {"tags": "dogs, funny"}),
             Item("2", "Turner & Hooch (1989)", "", ("Comedy", "Crime"), {"tags": "dogs"}),
             Item("3", "Wag the Dog (1997)", "", ("Comedy",), {}),
             Item("4", "Dog Day Afternoon (1975)", "", ("Crime",), {}),
             Item("5", "Dogma (1999)", "", ("Comedy",), {"tags": "funny"}),
             *(Item(str(n), f"Dog Story {n} ({1950 + n})", "", ("Drama",), {}) for n in range(6, 16))]
    hits, found = _searched_and_found(make_recommender(settings=HASHING), items, "a funny dog movie")
    assert min(found["1"], found["2"]) > max(found["3"], found["4"], found["5"])
    assert max(hits["1"], hits["2"]) < max(hits.values())  # by meaning alone, titles saying "dog" come first


def test_items_tagged_as_asked_make_room_among_the_candidates_by_score_not_by_place(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = make_recommender(settings=HASHING)
    rec.ingest(items=[Item("2", "Big Lebowski, The (1998)", "", ("Comedy",), {"tags": "great dialogue"}),
                      Item("3", "Predator (1987)", "", ("Action",), {"tags": "dialogue"})])
    request = RecommendRequest(query="something with great dialogue")
    limit = request.candidate_limit
    # A full list whose last item an earlier call added as a match as good as the best: it was cut first.
    hits = [ScoredItem(f"x{n}", 0.5 - n / 10_000) for n in range(limit - 1)] + [ScoredItem("2", 0.5)]
    found = [hit.item_id for hit in vectorsearch._with_tagged(hits, {"dialogue": ["3"]}, request, rec.catalog)]
    assert len(found) == limit and {"2", "3"} <= set(found) and f"x{limit - 2}" not in found


def test_a_title_that_names_a_holiday_is_a_film_of_the_day_not_a_pun(make_recommender) -> None:
    # Its sequels are tagged halloween; the film named after the day came after every other match.
    items = [Item("1", "Halloween (1978)", "", ("Horror",), {}),
             Item("2", "Halloween II (1981)", "", ("Horror",), {"tags": "halloween"}),
             Item("3", "Halloween III (1982)", "", ("Horror",), {"tags": "halloween"}),
             Item("4", "The Fog (1980)", "", ("Horror",), {})]
    hits, found = _searched_and_found(make_recommender(settings=HASHING), items, "halloween")
    assert found["1"] == pytest.approx(hits["1"]) and found["1"] > min(hits.values())


def test_a_title_that_shares_a_word_of_a_name_the_catalog_tags_is_no_match_for_it(make_recommender) -> None:
    items = [Item("1", "Jackie Brown (1997)", "", ("Crime",), {}),
             Item("2", "Forbidden Kingdom, The (2008)", "", ("Action",), {"tags": "Jackie Chan, kung fu"}),
             Item("3", "Police Story (1985)", "", ("Action",), {}),
             Item("4", "Rush Hour (1998)", "", ("Action", "Comedy"), {})]
    hits, found = _searched_and_found(make_recommender(settings=HASHING), items, "jackie chan")
    assert hits["1"] > hits["3"]  # by meaning alone, the first name in its title brings Jackie Brown close
    assert found["1"] == min(hits.values()) and found["2"] == max(found.values())


def test_items_tagged_with_a_name_the_query_says_are_candidates_however_far_by_meaning(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    # More namesakes than a query's candidates, closer by meaning: the request is their title.
    namesakes = [Item(str(n), f"Something with Tom Hanks {n} ({1950 + n % 60})", "", ("Comedy",), {"year": 1950 + n % 60})
                 for n in range(100, 420)]
    perdition = Item("1", "Road to Perdition (2002)", "", ("Crime",), {"year": 2002, "tags": "Tom Hanks, gangsters"})
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=[perdition, *namesakes])
    rec.build_index()
    request = RecommendRequest(query="something with Tom Hanks", k=5)
    hits = rec.catalog.search(request.query, k=request.candidate_limit)
    assert "1" not in {hit.item_id for hit in hits}
    found = {c.item_id: c for c in vectorsearch.candidates(request, rec.workspace)}
    assert len(found) == request.candidate_limit and found["1"].reason == "as you asked: Tom Hanks"
    # As good a match as the best by meaning; Tom and Hanks each held, and the whole tag said: twice the evidence.
    assert found["1"].score == pytest.approx(hits[0].score + 4 * 0.05, abs=1e-5)
    assert found["1"].score == max(c.score for c in found.values())
    older = RecommendRequest(query="something with Tom Hanks", k=5, filters={"year": {"<": 2000}})
    assert "1" not in {c.item_id for c in vectorsearch.candidates(older, rec.workspace)}


def test_items_tagged_with_the_one_theme_asked_join_a_search_that_found_its_word_in_titles(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    # "a dog movie" found Wag the Dog, Dog Day Afternoon and War Dogs by their titles, none of the films tagged dogs.
    tagged = [Item("1", "Up (2009)", "", ("Animation",), {"tags": "dogs, balloons, pixar, old man, adventure"}),
              Item("2", "Turner & Hooch (1989)", "", ("Comedy",), {"tags": "Dogs"})]
    titled = [Item(str(n), title, "", ("Drama",), {}) for n, title in enumerate(
        ["Wag the Dog (1997)", "Dog Day Afternoon (1975)", "War Dogs (2016)", "Reservoir Dogs (1992)"], start=3)]
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=[*tagged, *titled])
    rec.build_index()
    hits = {hit.item_id: hit.score for hit in rec.catalog.search("a dog movie", k=6)}
    assert hits["1"] < hits["3"]  # by meaning alone, the titles come first
    found = {c.item_id: c for c in vectorsearch.candidates(RecommendRequest(query="a dog movie", k=5), rec.workspace)}
    best = max(c.score for c in found.values())
    assert found["1"].score == found["2"].score == best and found["1"].reason == "as you asked: dogs"
    # Where the search's first matches hold the word in their own words, a theme the tags give many films needs no
    # help: "something about music" finds musicals, where the films tagged music for their scores would come first.
    with_words = [Item(str(n), f"Film {n}", "A story of a dog and its boy.", ("Drama",), {}) for n in range(7, 10)]
    rec.ingest(items=with_words)
    rec.build_index()
    found = {c.item_id: c for c in vectorsearch.candidates(RecommendRequest(query="a dog movie", k=5), rec.workspace)}
    assert found["1"].score == max(c.score for c in found.values())  # a theme of few films: each of them joins
    many = [Item(str(n), f"Other {n} (2001)", "", ("Drama",), {"tags": "dogs"})
            for n in range(10, 10 + vectorsearch.THEME_LOOK)]
    rec.ingest(items=many)
    rec.build_index()
    hits = {hit.item_id: hit.score for hit in rec.catalog.search("a dog movie", k=30)}
    found = {c.item_id: c for c in vectorsearch.candidates(RecommendRequest(query="a dog movie", k=5), rec.workspace)}
    assert found["1"].score == pytest.approx(hits["1"] + 0.05, abs=1e-5)


def test_a_match_by_meaning_alone_of_no_kind_the_themes_films_mostly_are_answers_no_request_for_it(
        make_recommender) -> None:
    from recagent.plugins import vectorsearch

    # "a heist movie from before 1980" showed M*A*S*H and The Rocky Horror Picture Show beside the films tagged heist.
    items = [*(Item(str(n), title, "", ("Crime",), {"tags": "heist"}) for n, title in enumerate(
                 ["Heat (1995)", "Killing, The (1956)", "Score, The (2001)"], start=1)),
             Item("4", "Charade (1963)", "", ("Comedy", "Romance"), {"tags": "heist"}),
             Item("5", "Rififi (1955)", "", ("Crime", "Film-Noir"), {}),
             Item("6", "M*A*S*H (1970)", "", ("Comedy", "War"), {}),
             Item("7", "Jumanji (1995)", "", ("Adventure", "Children"), {}),
             *(Item(str(n), f"Tom Hanks drama {n} (2000)", "", ("Drama",), {"tags": "Tom Hanks"}) for n in (8, 9, 10)),
             Item("11", "Big (1988)", "", ("Comedy",), {})]
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=items)
    rec.build_index()

    def answers(query: str) -> dict[str, bool]:
        request = RecommendRequest(query=query, k=len(items))
        return {c.item_id: c.matches_query for c in vectorsearch.candidates(request, rec.workspace)}

    heist = answers("a heist movie")
    assert heist["5"] and heist["4"]  # a crime film found by meaning; a film tagged heist of another kind
    assert not heist["6"]  # most films tagged heist are crime films; M*A*S*H is found by meaning alone
    assert answers("a heist movie like Jumanji")["7"]  # a title the request names answers it, of whatever kind
    assert answers("something with Tom Hanks")["11"]  # who is in the films tagged with a name says nothing of kinds


def test_the_one_theme_a_request_asks_for_is_a_tag_of_one_word_of_no_kind() -> None:
    from recagent.plugins.vectorsearch import TaggedPhrases

    items = [Item("1", "Up (2009)", "", ("Animation",), {"tags": "dogs, comedy, balloons"}),
             Item("2", "Turner & Hooch (1989)", "", ("Comedy",), {"tags": "dog, comedy"}),
             Item("3", "Best in Show (2000)", "", ("Comedy",), {"tags": "Dogs, cats"}),
             Item("4", "Beethoven (1992)", "", ("Comedy",), {"tags": "big dogs"}),
             Item("5", "Hulk (2003)", "", ("Action",), {"tags": "bad dogs effects, Dogs Of War"})]
    phrases = TaggedPhrases(items)
    # However each tag writes it, then the films tagged with it among other words (not a fault, not a name).
    assert phrases.theme_of("a dog movie") == {"dogs": ["1", "2", "3", "4"]}
    # How much of it says no other theme ("a movie that's mostly dialogue" found Something to Talk About, The Mummy;
    # now the films tagged dialogue, then those tagged "great dialogue").
    assert phrases.theme_of("a movie that's mostly dogs") == phrases.theme_of("something with lots of dogs") == {
        "dogs": ["1", "2", "3", "4"]}
    assert phrases.theme_of("a movie about dogs and cats") == {}  # not the one theme asked
    assert phrases.theme_of("a comedy") == {}  # a kind of film, which the search finds by its categories
    assert phrases.theme_of("balloons") == {}  # one film's tag
    assert phrases.theme_of("a good one") == {}


def test_tag_phrases_are_found_whole_and_everyday_or_common_ones_are_not_kept() -> None:
    from recagent.plugins.vectorsearch import PHRASE_ITEMS, TaggedPhrases

    items = [Item("1", "Back to the Future (1985)", "", (), {"tags": "time travel, great movie, Michael J. Fox"}),
             *(Item(str(n), f"Film {n}", "", (), {"tags": "dark comedy"}) for n in range(2, PHRASE_ITEMS + 3))]
    phrases = TaggedPhrases(items)
    assert phrases.said_in("anything about Time-Travel with michael j fox?") == {
        "time travel": ["1"], "michael j fox": ["1"]}
    assert phrases.said_in("a great movie") == {}  # every word everyday
    assert phrases.said_in("a dark comedy") == {}  # held by more items than a search by meaning misses
    assert phrases.said_in("time to travel") == {}


def test_a_tag_is_said_whole_whatever_its_articles_and_plurals() -> None:
    # "what are some good movies based on books?" found Monsters, Inc. first: "based on a book" was not said whole.
    from recagent.plugins.vectorsearch import TaggedPhrases

    phrases = TaggedPhrases([Item("1", "Fight Club (1999)", "", (), {"tags": "based on a book, twist ending"}),
                             Item("2", "Seven (1995)", "", (), {"tags": "serial killer"})])
    assert phrases.said_in("what are some good movies based on books?") == {"based on a book": ["1"]}
    assert phrases.said_in("movies about serial killers with twist endings") == {
        "serial killer": ["2"], "twist ending": ["1"]}
    assert phrases.said_in("based on the book") == {"based on a book": ["1"]}
    assert phrases.said_in("a book based on") == {}  # the words in another order are not the tag
    animals = TaggedPhrases([Item("3", "Babe (1995)", "", (), {"tags": "animal movie, romantic comedies"})])
    assert animals.said_in("he can work in animated movies") == {}  # by word stems, it was "animal movie"
    assert animals.said_in("a romantic comedy") == {"romantic comedies": ["3"]}


def test_the_words_of_a_name_said_whole_are_no_reason_for_another_name() -> None:
    from recagent.plugins.vectorsearch import query_evidence

    hancock = Item("1", "Hancock (2008)", "", ("Action",), {"tags": "Will Smith, superhero"})
    dogma = Item("2", "Dogma (1999)", "A comedy by a Smith.", ("Comedy",), {"tags": "Kevin Smith"})
    items = {"1": hancock, "2": dogma}
    # "will" is an everyday word: Smith is held, and again as part of the whole name.
    assert query_evidence("something with Will Smith", items, ["will smith"]) == {
        "1": ("as you asked: Will Smith", 1 + 1)}
    assert set(query_evidence("something with Will Smith", items)) == {"1", "2"}  # word by word, as before
    # A kind's word counts wherever it is said: Love Actually, not tagged "romantic comedy", is still a comedy.
    wedding = Item("3", "My Best Friend's Wedding (1997)", "", ("Comedy", "Romance"), {"tags": "romantic comedy"})
    love = Item("4", "Love Actually (2003)", "", ("Comedy", "Drama", "Romance"), {"tags": "christmas"})
    found = query_evidence("romantic comedies", {"3": wedding, "4": love}, ["romantic comedy"])
    assert found == {"3": ("as you asked: Comedy, romantic comedy", 2 + 2), "4": ("as you asked: Comedy", 1)}
    plural = Item("5", "Hitch (2005)", "", ("Romance",), {"tags": "romantic comedies"})  # the tag in its plural
    assert query_evidence("a romantic comedy", {"5": plural}, ["romantic comedy"]) == {
        "5": ("as you asked: romantic comedies", 2 + 2)}


def test_a_name_is_no_reason_for_its_last_word_said_as_a_word() -> None:
    from recagent.plugins.vectorsearch import ThemeWords, query_evidence

    # "I want a good zombie movie" showed House of 1000 Corpses "as you asked: Rob Zombie", and "a movie about a king"
    # Stand by Me "as you asked: Stephen King".
    corpses = Item("1", "House of 1000 Corpses (2003)", "", ("Horror",), {"tags": "Rob Zombie"})
    dead = Item("2", "Night of the Living Dead (1968)", "", ("Horror",), {"tags": "zombies"})
    stand = Item("3", "Stand by Me (1986)", "", ("Drama",), {"tags": "Stephen King"})
    speech = Item("4", "King's Speech, The (2010)", "", ("Drama",), {"tags": "stuttering"})
    plain = ThemeWords([corpses, dead, stand, speech]).plain
    items = {"1": corpses, "2": dead, "3": stand}
    assert query_evidence("I want a good zombie movie", items, (), plain) == {"2": ("as you asked: zombies", 1)}
    assert query_evidence("a movie about a king", items, (), plain) == {}
    # Said whole, the name is the request; and a name's last word the catalog uses nowhere else is the person's.
    assert query_evidence("a movie with Rob Zombie", items, ["rob zombie"], plain) == {
        "1": ("as you asked: Rob Zombie", 2 + 2)}
    tarantino = Item("5", "Pulp Fiction (1994)", "", ("Crime",), {"tags": "Quentin Tarantino"})
    assert query_evidence("a tarantino film", {"5": tarantino}, (), plain) == {
        "5": ("as you asked: Quentin Tarantino", 1)}
    # Written as a name, not first in a sentence, it is the name, whatever else the catalog calls so: the search for
    # "seen all of the Hitchcock movies" lost Psycho, a title (Hitchcock, of 2012) holding the word.
    psycho = Item("6", "Psycho (1960)", "", ("Horror",), {"tags": "Alfred Hitchcock"})
    biopic = Item("7", "Hitchcock (2012)", "", ("Drama",), {})
    named = ThemeWords([psycho, biopic]).plain
    assert query_evidence("seen all of the Hitchcock movies", {"6": psycho}, (), named) == {
        "6": ("as you asked: Alfred Hitchcock", 1)}
    assert query_evidence("Zombie movies please", {"1": corpses}, (), plain) == {}


def test_a_tag_that_finds_fault_is_no_reason_unless_the_fault_is_asked_for() -> None:
    from recagent.plugins.vectorsearch import query_evidence

    # "movies with a lot of dialogue" showed Avatar "as you asked: poor dialogue".
    avatar = Item("1", "Avatar (2009)", "", ("Action",), {"tags": "poor dialogue, visually stunning"})
    talky = Item("2", "Before Sunrise (1995)", "", ("Romance",), {"tags": "good dialogue"})
    found = query_evidence("movies with a lot of dialogue", {"1": avatar, "2": talky})
    assert found == {"2": ("as you asked: good dialogue", 1)}
    assert set(query_evidence("films with poor dialogue", {"1": avatar, "2": talky})) == {"1", "2"}


def test_a_tag_of_sentences_is_quoted_by_its_first() -> None:
    from recagent.plugins.vectorsearch import query_evidence

    # "something to keep the kids busy" showed Meet the Robinsons "as you asked: Something for everyone in this one...
    # saw it without and plan on seeing it with kids!".
    robinsons = Item("1", "Meet the Robinsons (2007)", "", ("Animation",),
                     {"tags": "Something for everyone in this one... saw it without and plan on seeing it with kids!"})
    assert query_evidence("something to keep the kids busy", {"1": robinsons}) == {
        "1": ("as you asked: Something for everyone in this one", 1)}
    opinion = Item("2", "Toy Story (1995)", "", ("Animation",),
                   {"tags": "the kids in the theater would not stop laughing at every single scene"})
    assert query_evidence("something for the kids", {"2": opinion}) == {"2": ("as you asked: people's tags", 1)}


def test_whose_evening_it_is_and_a_liking_are_no_reason() -> None:
    from recagent.plugins.vectorsearch import query_evidence

    # "with my wife ... I like sci-fi" made Inception's "dead wife" and Moon's "2001-like" reasons.
    inception = Item("1", "Inception (2010)", "", ("Sci-Fi",), {"tags": "dead wife, dreams"})
    moon = Item("2", "Moon (2009)", "", ("Drama",), {"tags": "2001-like"})
    found = query_evidence("something with my wife, she likes dramas and I like sci-fi", {"1": inception, "2": moon})
    assert found == {"1": ("as you asked: Sci-Fi", 2), "2": ("as you asked: Drama", 1)}
    assert query_evidence("a thriller about a dead wife", {"1": inception}) == {"1": ("as you asked: dead wife", 2 + 2)}


def test_everyday_words_of_a_query_are_no_reason() -> None:
    from recagent.plugins.vectorsearch import query_reasons

    soundtrack = Item("9", "Drive (2011)", "", ("Drama",), {"tags": "good soundtrack, stylish"})
    assert query_reasons("a good movie", {"9": soundtrack}) == {}


def test_a_short_plural_in_the_tags_is_a_reason_for_its_word() -> None:
    from recagent.plugins.vectorsearch import query_reasons

    # "a movie about a dog" met no film tagged "dogs": Wag the Dog came first, 101 Dalmatians gave no reason.
    dalmatians = Item("1", "101 Dalmatians (1996)", "", ("Children",), {"tags": "dogs"})
    assert query_reasons("a movie about a dog", {"1": dalmatians}) == {"1": "as you asked: dogs"}
    bosses = Item("2", "Horrible Bosses (2011)", "", ("Comedy",), {"tags": "boss"})
    assert query_reasons("films about bad bosses", {"2": bosses}) == {"2": "as you asked: boss"}  # no plural "bos"


def test_recommend_with_a_query_puts_the_matching_item_first(make_recommender) -> None:
    rec = built(make_recommender, disable_plugins="popularity,categories,gpt")
    results = rec.recommend(query="hacker learns reality is a simulation", k=2)
    assert results[0].item.id == "6"


def test_no_candidates_or_vectors_before_an_index_exists(make_recommender) -> None:
    from recagent.plugins import vectorsearch

    rec = make_recommender(settings=HASHING)
    rec.ingest(items=SMALL_ITEMS)
    with pytest.warns(RecagentWarning, match="index is not built.*recagent index build"):
        assert vectorsearch.candidates(RecommendRequest(query="space"), rec.workspace) is None
    assert vectorsearch.candidates(RecommendRequest(history=("1",)), rec.workspace) is None  # quietly
    assert rec.catalog.vectors(["1"]) == {}
    assert not rec.index_built()
    with pytest.raises(IndexNotBuiltError, match="recagent index build"):
        rec.search("space")
    assert [r.item.id for r in rec.search("Alien")] == ["1"]  # an exact title needs no index


def test_item_vectors_come_from_the_index(make_recommender) -> None:
    rec = built(make_recommender)
    vectors = rec.catalog.vectors(["1", "2", "unknown"])
    assert set(vectors) == {"1", "2"} and len(vectors["1"]) == 64


def test_the_sdk_searches_and_finds_similar_items(make_recommender) -> None:
    rec = built(make_recommender)
    found = rec.search("toys come alive", k=2)
    assert found[0].item.id == "3" and found[0].reasons == ("close in meaning to your search",)
    assert [r.item.id for r in rec.search("toy story", k=3)][:1] == ["3"]  # the exact title first
    assert rec.search("toy story", k=3)[0].reasons == ("title match",)
    assert [r.item.id for r in rec.search("creature", filters={"year": {"<": 1990}})] == ["1", "2"] or \
        {r.item.id for r in rec.search("creature", filters={"year": {"<": 1990}})} == {"1", "2"}
    like_alien = rec.similar("Alien", k=2)
    assert "1" not in {r.item.id for r in like_alien} and like_alien[0].reasons[0].startswith("like Alien")
    assert "2" not in {r.item.id for r in rec.similar("1", k=5, deny=["2"])}
    like_both = rec.similar(["Alien", "Toy Story"], k=3)  # close to both together: neither is shown
    assert like_both and not {r.item.id for r in like_both} & {"1", "3"}
    assert like_both[0].reasons[0] == "like Alien (1979) and Toy Story (1995)"
    with pytest.raises(ValueError, match="at least one"):
        rec.similar([])


def test_an_item_known_only_by_its_title_and_categories_is_like_what_the_same_people_chose(make_recommender) -> None:
    # Title words would make "Knight and Day" like "Groundhog Day"; the people who watched it chose "Big".
    items = [Item("1", "Groundhog Day (1993)", "", ("Comedy",), {"year": 1993}),
             Item("2", "Knight and Day (2010)", "", ("Comedy",), {"year": 2010}),
             Item("3", "Big (1988)", "", ("Comedy",), {"year": 1988}),
             Item("4", "Heat (1995)", "A master thief and a detective.", ("Crime",), {"year": 1995}),
             Item("5", "Ronin (1998)", "A master thief hunted by a detective.", ("Crime",), {"year": 1998}),
             Item("6", "Casino (1995)", "", ("Crime",), {"year": 1995})]
    events = [{"user": user, "item": item, "timestamp": n}
              for user in ("a", "b", "c") for n, item in enumerate(["1", "3", "4", "6"])]
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=items, events=events)
    rec.build_index()
    assert not rec.catalog.describes(rec.item("1")) and rec.catalog.describes(rec.item("4"))
    assert [r.item.id for r in rec.similar("Groundhog Day", k=2)] == ["3", "2"]
    # A described item is still matched by meaning too: Ronin, which nobody chose, after Casino, of its kind and
    # chosen by the same people.
    assert [r.item.id for r in rec.similar("Heat", k=2)] == ["6", "5"]


def test_what_the_same_people_chose_is_discounted_by_how_many_chose_it_at_all(make_recommender) -> None:
    # The sequence models' next items put Batman Forever, chosen by everyone in 1995, beside Pulp Fiction. Known by
    # its title and categories alone, Pulp Fiction is like what the same people chose, of its kind.
    items = [Item("1", "Pulp Fiction (1994)", "", ("Crime",), {"year": 1994}),
             Item("2", "Batman Forever (1995)", "A crime story in a dark city.", ("Crime",), {"year": 1995}),
             Item("3", "Reservoir Dogs (1992)", "A crime story in a dark city.", ("Crime",), {"year": 1992}),
             Item("4", "Apollo 13 (1995)", "Astronauts in trouble.", ("Drama",), {"year": 1995}),
             Item("5", "Chicago (2002)", "Dancers sing in a jail.", ("Musical",), {"year": 2002})]
    everyone = [{"user": f"u{n}", "item": item, "timestamp": t} for n in range(40) for t, item in enumerate("24")]
    theirs = [{"user": f"u{n}", "item": item, "timestamp": 2 + t} for n in range(4) for t, item in enumerate("135")]
    rec = make_recommender(settings=HASHING)
    rec.ingest(items=items, events=[*everyone, *theirs])
    rec.build_index()
    assert [r.item.id for r in rec.similar("Pulp Fiction", k=2)] == ["3", "2"]


def test_disabling_the_candidate_source_keeps_the_index(make_recommender) -> None:
    rec = built(make_recommender, disable_plugins="vectorsearch")
    assert "vectorsearch" not in rec.host.implementers("candidates")
    assert rec.index_built() and rec.search("toys come alive", k=1)[0].item.id == "3"
    rec.ingest(items=[Item("7", "Gravity (2013)", "Astronauts adrift in space.", ("Sci-Fi",), {"year": 2013})])
    assert rec.search("astronauts adrift", k=1)[0].item.id == "7"  # the index still follows ingests


def test_plugin_import_loads_no_heavy_library() -> None:
    code = ("import sys, recagent.plugins.vectorsearch, recagent.cli.index; "
            "print(sorted(m for m in ('torch', 'chromadb', 'sentence_transformers', 'langchain_core') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_a_query_comes_before_the_users_interests(make_recommender) -> None:
    rec = built(make_recommender)
    rec.ingest(events=[{"user": "fan", "item": item, "timestamp": n} for n, item in enumerate(["3", "5"])])
    plain = rec.recommend(user="fan", k=3)
    asked = rec.recommend(user="fan", query="a deadly creature in deep space", k=3)
    assert [r.item.id for r in plain] != [r.item.id for r in asked]
    assert asked[0].item.id == "1" and "as you asked: its story" in asked[0].reasons
