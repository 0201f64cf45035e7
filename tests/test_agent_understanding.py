"""Reading messages without a model: titles typed loosely, feedback, constraints, years; and the grounding check."""

from __future__ import annotations

import pytest

from recagent import Item
from recagent.titles import CatalogTitles, display_title, normalise, opening_words, short_title, singular
from recagent.agent.grounding import Grounding, Supplied, split_sentences
from recagent.agent.mentions import theme_word
from recagent.agent.tools import _ruled_out_said, followed_topic, is_follow_up, searched_theme
from recagent.agent.understanding import (
    DARK_TAGS,
    DIRECTION_MEANINGS,
    RECENT_YEARS,
    CategoryVocabulary,
    Understanding,
    asks_which_of_theirs,
    asks_which_was_suggested,
    content_words,
    direction_of,
    direction_said,
    grouped_films,
    is_closing,
    ruled_out_names,
    understand,
    without_asking,
)
from recagent.titles import in_another_language
from tests.chat_catalog import CHAT_ITEMS


@pytest.fixture(scope="module")
def titles() -> CatalogTitles:
    return CatalogTitles(CHAT_ITEMS, popularity={"7": 5, "3": 3})


@pytest.fixture(scope="module")
def vocabulary() -> CategoryVocabulary:
    return CategoryVocabulary(sorted({c for item in CHAT_ITEMS for c in item.categories}))


def _ids(titles: CatalogTitles, message: str) -> list[str]:
    return [mention.item_id for mention in titles.find(message)]


@pytest.mark.parametrize(("message", "expected"), [
    ("I loved the matrix", ["6"]),
    ("I loved The Matrix (1999)", ["6"]),
    ("Matrix was fine", ["6"]),
    ("have you seen amelie?", ["5"]),
    ("Toy Story 2 is better than Toy Story", ["7", "3"]),
    ("what about 'Up'?", ["9"]),
    ("We watched Up last night", ["9"]),
    ("I want something up to date", []),
    ("Up is great", []),  # an everyday word at the start of a sentence is not a title
    ("Terminator 2: Judgment Day rocks", ["11"]),
    ("We really enjoyed the original heat", ["4"]),  # which film of a series, typed in lower case
    ("We saw the first up", ["9"]),
    ("I liked the first one", []),
    ("the first heat wave", []),  # no cue that a film was watched
    ("I loved toystory", ["3"]),  # its words run together
    ("I loved Finding Ne mo", ["16"]),  # or split apart
])
def test_titles_are_found_as_people_type_them(titles, message, expected) -> None:
    assert _ids(titles, message) == expected


def test_the_films_whose_titles_hold_a_title_of_two_words_or_more() -> None:
    titles = CatalogTitles([Item("1", "Jurassic Park (1993)", "", ("Adventure",)),
                            Item("2", "Lost World: Jurassic Park, The (1997)", "", ("Adventure",)),
                            Item("3", "Alien (1979)", "", ("Horror",)),
                            Item("4", "Alien Nation (1988)", "", ("Sci-Fi",))])
    assert sorted(titles.holding("Jurassic Park (1993)")) == ["1", "2"]
    assert titles.holding("alien") == []  # Alien Nation is no Alien film


def test_who_watches_said_in_lower_case_is_no_title() -> None:
    titles = CatalogTitles([*CHAT_ITEMS, Item("93", "Girls, The (1961)", "", ("Comedy",), {"year": 1961})])
    # "we're having a sleepover, the girls are 12" showed The Girls and films like it.
    assert [m.item_id for m in titles.find("we're having a sleepover, the girls are 12")] == []
    assert [m.item_id for m in titles.find("We watched The Girls last night")] == ["93"]
    assert [m.item_id for m in titles.find("I loved the girls")] == ["93"]  # said of
    # "movie night with my roommates, we like dumb comedies" noted Roommates (1995) as liked.
    roommates = CatalogTitles([*CHAT_ITEMS, Item("94", "Roommates (1995)", "", ("Comedy",), {"year": 1995})])
    assert [m.item_id for m in roommates.find("movie night with my roommates, we like dumb comedies")] == []
    assert [m.item_id for m in roommates.find("I watched Roommates last night")] == ["94"]


def test_a_title_after_its_form_is_found_in_lower_case(vocabulary) -> None:
    with_aladdin = CatalogTitles([*CHAT_ITEMS, Item("92", "Aladdin (1992)", "", ("Animation",), {"year": 1992})])
    for message in ("I haven't seen the live action aladdin yet", "have you seen the live-action aladdin?",
                    "the animated aladdin is better"):
        assert [m.item_id for m in with_aladdin.find(message)] == ["92"], message
    assert [m.item_id for m in with_aladdin.find("thinking of aladdin")] == []  # no form, no cue: a word
    # "live action" is the form of the film talked about, no kind of film asked for (it showed 300 and Dragonheart).
    reading = understand("I haven't seen the live action aladdin yet", with_aladdin, vocabulary)
    assert (reading.categories, reading.exclude_categories) == ((), ())


@pytest.mark.parametrize("message", ["a live action movie for kids", "a live-action fairy tale please"])
def test_live_action_asked_for_is_no_animation_and_no_action(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert "Action" not in reading.categories and reading.exclude_categories == ("Animation",)


def test_a_word_of_a_category_or_an_article_after_a_comma_is_no_title(vocabulary) -> None:
    namesakes = CatalogTitles([*CHAT_ITEMS, Item("90", "Family, The (2013)", "", ("Comedy",), {"year": 2013}),
                               Item("91", "Heat, The (2013)", "", ("Comedy",), {"year": 2013})])
    reserved = vocabulary.words | {"family"}
    assert [m.item_id for m in namesakes.find("a christmas movie for the family", reserved=reserved)] == []
    assert [m.item_id for m in namesakes.find("I loved Heat, the best movie ever")] == ["4"]
    assert [m.item_id for m in namesakes.find("I loved Heat, The (2013)")] == ["91"]  # as the catalog writes it
    assert [m.item_id for m in namesakes.find("We watched The Family last night")] == ["90"]


def test_a_holiday_said_as_the_day_is_no_film_of_its_name() -> None:
    # "what should I watch on Halloween?" named the film of 1978, which was then left out as the film talked about.
    catalog = CatalogTitles([*CHAT_ITEMS, Item("90", "Halloween (1978)", "", ("Horror",), {"year": 1978})])
    for message in ("what should I watch on Halloween?", "something scary for Halloween", "any ideas this Halloween"):
        assert _ids(catalog, message) == [], message
    assert _ids(catalog, "I loved Halloween") == ["90"]
    assert _ids(catalog, "something like Halloween") == ["90"]


def test_a_title_typed_in_lower_case_with_a_slip_after_watching_it_is_found(vocabulary) -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("90", "Insidious (2010)", "", ("Horror",), {"year": 2010})])
    reading = understand("I have also watched incidious and loved it", catalog, vocabulary)
    assert [m.item_id for m in reading.titles] == ["90"]
    assert understand("I watched everything", catalog, vocabulary).titles == ()
    assert understand("I loved interstelar", catalog, vocabulary).likes == ("15",)


def test_a_shared_title_goes_to_the_year_given_else_the_most_popular(titles) -> None:
    remake = Item("99", "Toy Story (2030)", "", (), {"year": 2030})
    doubled = CatalogTitles([*CHAT_ITEMS[:3], remake], popularity={"3": 10})
    assert doubled.lookup("toy story") == "3"
    assert doubled.lookup("Toy Story (2030)") == "99"
    assert display_title("Matrix, The (1999)") == "The Matrix (1999)"


def test_a_title_spaced_another_way_is_the_same_name_and_the_better_known_film_answers_it() -> None:
    films = CatalogTitles([Item("1", "Old Boy (2003)", "", ("Thriller",), {"year": 2003}),
                           Item("2", "Oldboy (2013)", "", ("Action",), {"year": 2013}),
                           Item("3", "Paperman (2012)", "", ("Animation",), {"year": 2012}),
                           Item("4", "Paper Man (2009)", "", ("Comedy",), {"year": 2009})],
                          popularity={"1": 39, "2": 2, "3": 5, "4": 4})
    assert films.lookup("Oldboy") == "1" and films.lookup("old boy") == "1"
    assert films.lookup("Oldboy (2013)") == "2"
    assert films.lookup("Paperman") == "3" and films.lookup("Paper Man") == "4"  # neither far better known


def test_a_kind_of_film_after_words_of_degree_is_no_title(vocabulary) -> None:
    # "what's a good first date movie that isn't a romcom?" showed the details of Date Movie (2006).
    films = CatalogTitles([Item("1", "Date Movie (2006)", "", ("Comedy",), {"year": 2006}),
                           Item("2", "Scary Movie (2000)", "", ("Comedy",), {"year": 2000})])
    for message in ("what's a good first date movie that isn't a romcom?", "a really good scary movie"):
        assert understand(message, films, vocabulary).titles == (), message
    assert understand("I loved date movie", films, vocabulary).likes == ("1",)


def test_everyday_words_in_lower_case_are_no_titles_unless_said_of(vocabulary) -> None:
    films = CatalogTitles([Item("1", "Together (Tillsammans) (2000)", "", ("Comedy",), {"year": 2000}),
                           Item("2", "Happy Endings (2005)", "", ("Comedy",), {"year": 2005}),
                           Item("3", "Sunshine (2007)", "", ("Sci-Fi",), {"year": 2007}),
                           Item("4", "Vacation (2015)", "", ("Comedy",), {"year": 2015})])
    # "what should we watch together?" liked the film Together; "movies with happy endings" liked Happy Endings.
    for message in ("my grandpa loves westerns, what should we watch together?",
                    "I love movies with happy endings and sunshine", "we're on vacation, what should we watch"):
        assert understand(message, films, vocabulary).titles == (), message
    assert understand("I watched together last night", films, vocabulary).seen == ("1",)  # said of
    assert understand("I loved sunshine", films, vocabulary).likes == ("3",)
    assert understand("I love Happy Endings", films, vocabulary).likes == ("2",)


def test_everyday_words_in_lower_case_name_a_little_known_film_only_where_said_of_or_listed(vocabulary) -> None:
    films = CatalogTitles([Item("1", "Real Life (1979)", "", ("Comedy",), {"year": 1979}),
                           Item("2", "Comedian (2002)", "", ("Documentary",), {"year": 2002}),
                           Item("3", "Comic Book: The Movie (2004)", "", ("Comedy",), {"year": 2004}),
                           Item("4", "Dark Knight, The (2008)", "", ("Action",), {"year": 2008}),
                           Item("5", "Heat (1995)", "", ("Crime",), {"year": 1995}),
                           Item("6", "Alien (1979)", "", ("Horror",), {"year": 1979}),
                           Item("7", "Toy Story (1995)", "", ("Animation",), {"year": 1995}),
                           Item("8", "Up (2009)", "", ("Animation",), {"year": 2009})],
                          popularity={"4": 300, "5": 100, "6": 200, "7": 150, "8": 90, "1": 1, "2": 2, "3": 1})
    for message in ("a romance that feels like it could happen in real life", "anything with my favorite comedian?",
                    "I'm really into comic book movies"):
        assert understand(message, films, vocabulary).titles == (), message
    assert _ids(films, "what happens at the end of the dark knight?") == ["4"]
    assert understand("I watched comedian last night", films, vocabulary).seen == ("2",)  # said of
    assert understand("I loved Heat and real life", films, vocabulary).likes == ("5", "1")  # listed after a title


def test_a_word_thought_about_names_a_film_only_written_as_its_title(vocabulary) -> None:
    # "a movie that will make me think about life" gave the details of Life (1999), chosen by 4 of the demo
    # catalog's people, more than most of its films: "about" said of a film ("what about Life?") is a cue.
    films = CatalogTitles([Item("1", "Life (1999)", "", ("Comedy",), {"year": 1999}),
                           Item("2", "Heat (1995)", "", ("Crime",), {"year": 1995})],
                          popularity={"1": 40, "2": 100})
    assert understand("a movie that will make me think about life", films, vocabulary).titles == ()
    assert understand("something to think about love and loss", films, vocabulary).titles == ()
    assert _ids(films, "I keep thinking about Life, anything like it?") == ["1"]
    assert _ids(films, "what do you know about life?") == ["1"]


def test_understanding_reads_feedback_constraints_and_years(titles, vocabulary) -> None:
    reading = understand("I loved Alien and the matrix, but hated Heat. Recommend some sci-fi from the 90s, "
                         "no horror please", titles, vocabulary)
    assert reading.intent == "recommend"
    assert reading.likes == ("1", "6") and reading.dislikes == ("4",)
    assert reading.categories == ("Sci-Fi",) and reading.exclude_categories == ("Horror",)
    assert (reading.year_from, reading.year_to) == (1990, 1999)


@pytest.mark.parametrize(("message", "intent", "subject"), [
    ("more like The Godfather please", "more_like", "12"),
    ("tell me about Toy Story 2", "details", "7"),
    ("what do you know about me?", "profile", None),
    ("what did I say I liked?", "profile", None),  # five more films like those liked came
    ("what have I told you so far?", "profile", None),
    ("I've seen Heat already", "feedback", "4"),
    ("hello!", "chat", None),
    ("something funny after 2000", "recommend", None),
])
def test_understanding_finds_the_intent(titles, vocabulary, message, intent, subject) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == intent
    assert reading.subject == subject


def test_a_title_the_catalog_lacks_is_reported_not_guessed(titles, vocabulary) -> None:
    reading = understand('Do you have "Space Llamas"?', titles, vocabulary)
    assert reading.intent == "search" and reading.unknown_title == "Space Llamas" and not reading.titles
    longer = understand("Do you have Toy Story 7 Returns?", titles, vocabulary)
    assert longer.unknown_title == "Toy Story 7 Returns"


@pytest.mark.parametrize("message", ["recommend me a thriller. no wait, make it a comedy",
                                     "a thriller... actually, make it something funny",
                                     "something scary. scratch that, a comedy",
                                     "a thriller, on second thought a comedy"])
def test_a_request_taken_back_in_the_message_is_what_follows(titles, vocabulary, message) -> None:
    # It showed comedies that were thrillers too; "make it" searched found Bring It On and Borat ("Make Benefit").
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "recommend" and reading.categories == ("Comedy",)
    assert not {"thriller", "scary", "make"} & set(reading.query.split())


def test_the_whole_request_is_the_query_and_category_words_also_filter(titles, vocabulary) -> None:
    reading = understand("I'd like a funny heist with aliens", titles, vocabulary)
    assert reading.categories == ("Comedy",)
    # The request whole, in the user's words: not the words left after the categories were taken out.
    assert reading.query == "id like a funny heist with aliens"
    family = understand("a funny animated movie the whole family can watch", titles, vocabulary)
    assert family.query == "a funny animated movie the whole family can watch"
    # "family" names the audience: comedies or animated films, for children.
    assert set(family.categories) == {"Comedy", "Animation"} and family.audience == ("Children",)
    reading = understand("a feel-good movie for a rainy Sunday", titles, vocabulary)
    assert reading.query == "a feel good movie for a rainy sunday"


@pytest.mark.parametrize(("message", "query", "excluded"), [
    ("nothing too scary, a heist that goes wrong", "a heist that goes wrong", ("Horror",)),
    # Not liked as well as not wanted: "I don't like anything too gory" searched "less gory" alone (Saw came second).
    ("I don't like anything too scary, a heist that goes wrong", "a heist that goes wrong", ("Horror",)),
    ("I can't handle movies that are too scary", None, ("Horror",)),
    # Scary with horror ruled out is a psychological thriller: "scary" searched found The Nightmare Before Christmas.
    ("i want to see something scary tonight but my girlfriend hates horror",
     "i want to see something creepy psychological thriller tonight", ("Horror",)),
    # What is said of a title is feedback, not the request.
    ("I loved Heat. Some sci-fi, but no horror please", "some sci fi but please", ("Horror",)),
    ("no, something older, from before 1980", None, ()),  # only constraints: the theme goes on
    # "anything but horror" searched "horror" (Black Swan, "as you asked: horror").
    ("anything but horror", None, ("Horror",)),
])
def test_what_is_ruled_out_or_said_of_titles_is_not_searched(titles, vocabulary, message, query, excluded) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.query, reading.exclude_categories) == (query, excluded)


@pytest.mark.parametrize(("message", "query", "avoided"), [
    ("a sci-fi movie other than The Matrix", "a sci fi movie", ("The Matrix (1999)",)),
    ("something scary besides Alien", "something scary", ("Alien (1979)",)),
    ("a crime movie that isn't Heat", "a crime movie", ("Heat (1995)",)),
    ("romantic movies, anything but Notting Hill", "romantic movies", ("Notting Hill (1999)",)),
    ("something funny, not Toy Story", "something funny", ("Toy Story (1995)",)),
    # It asked for films like Notting Hill, "nothing" their direction.
    ("something funny, nothing like Notting Hill", "something funny", ("Notting Hill (1999)",)),
])
def test_a_title_ruled_out_of_a_request_is_avoided_not_asked_about(titles, vocabulary, message, query,
                                                                    avoided) -> None:
    reading = understand(message, titles, vocabulary)
    # Read as about the title, "other than The Matrix" showed its details.
    assert (reading.intent, reading.query, reading.avoided) == ("recommend", query, avoided)
    assert not reading.titles and reading.subject is None


def test_a_way_a_kind_said_should_not_be_is_a_way_to_search(titles, vocabulary) -> None:
    # "I don't like stupid comedies" showed the best known films of any kind.
    smart = understand("I don't like stupid comedies", titles, vocabulary)
    assert (smart.intent, smart.query) == ("recommend", "i not too stupid")
    # Said of no kind, it asks nothing yet.
    assert understand("I hate gory movies", titles, vocabulary).query is None


def test_a_title_said_after_a_negation_of_a_verb_is_still_the_film(titles, vocabulary) -> None:
    assert understand("I did not like Heat", titles, vocabulary).dislikes == ("4",)


def test_war_films_ruled_out_are_every_war_film_and_either_is_no_request(titles) -> None:
    kinds = CategoryVocabulary(["Action", "Drama", "War"])
    # "no war movies" ruled out none, as a narrower kind of war film would not be.
    drama = understand("I want a drama, no war movies", titles, kinds)
    assert (drama.categories, drama.exclude_categories) == (("Drama",), ("War",))
    # "either" was searched after a person ruled out, and the action theme was lost.
    willis = understand("no Bruce Willis either", titles, kinds, theme_of=lambda name: name == "Bruce Willis")
    assert (willis.avoided, willis.query) == (("Bruce Willis",), None)


SHOWN = ("4", "6", "3")  # Heat, The Matrix, Toy Story: the last reply's items, in order


@pytest.mark.parametrize(("message", "intent", "subject"), [
    ("more like the second one", "more_like", "6"),
    ("something like number 3", "more_like", "3"),
    ("tell me about the last one", "details", "3"),
    ("more like that one", "more_like", "4"),
])
def test_references_to_the_items_shown_are_resolved(titles, vocabulary, message, intent, subject) -> None:
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject) == (intent, subject)


def test_already_seen_by_reference_is_feedback_and_the_rest_a_follow_up(titles, vocabulary) -> None:
    reading = understand("I already saw that. Something funnier?", titles, vocabulary, shown=SHOWN)
    assert reading.seen == ("4",) and reading.intent == "recommend"
    assert reading.categories == ("Comedy",) and reading.query == "something funnier"


def test_the_first_few_seen_and_the_next_one_liked_is_that_one_told_of(titles, vocabulary) -> None:
    # The third was lost: it was read as seen with the first two, and more of the theme came.
    reading = understand("I've seen the first two, the third one looks good", titles, vocabulary, shown=SHOWN)
    assert reading.seen == SHOWN[:2] and reading.intent == "details" and reading.subject == SHOWN[2]
    reading = understand("I've seen the first two, what about the others?", titles, vocabulary, shown=SHOWN)
    assert reading.seen == SHOWN[:2] and reading.intent != "details"


def test_instead_of_or_rather_than_a_kind_rules_it_out_and_instead_is_no_word_searched(titles, vocabulary) -> None:
    # "instead of a cartoon" showed animated films; "for my 12 year old instead" searched "instead".
    reading = understand("a movie for my 12 year old instead of a cartoon", titles, vocabulary)
    assert reading.exclude_categories == ("Animation",) and "Children" in reading.audience
    reading = understand("a thriller rather than a horror movie", titles, vocabulary)
    assert reading.categories == ("Thriller",) and reading.exclude_categories == ("Horror",)
    assert understand("for my 12 year old instead", titles, vocabulary, shown=SHOWN).query is None


def test_a_word_read_as_a_title_that_starts_a_phrase_of_the_tags_is_that_theme(vocabulary) -> None:
    films = CatalogTitles([*CHAT_ITEMS, Item("90", "Stand, The (1994)", "", ("Horror",), {"year": 1994})])
    tags = {"stand up": frozenset({"10"})}
    reading = understand("my favorite comedian? I love stand up", films, vocabulary,
                         theme_of=lambda name: tags.get(name, frozenset()))
    assert reading.titles == () and reading.likes == ()
    assert _ids(films, "I love stand up") == ["90"]  # read alone, the words name the film


def test_a_request_after_a_comma_is_no_part_of_the_feedback_before_it(titles, vocabulary) -> None:
    # Read as one clause of feedback, the request was lost: the next best known science fiction came.
    reading = understand("I've seen Heat already, something more thought-provoking", titles, vocabulary)
    assert reading.seen == ("4",) and reading.intent == "recommend"
    assert "thought provoking" in (reading.query or "")
    liked = understand("I loved Heat, anything about time travel?", titles, vocabulary)
    assert liked.likes == ("4",) and "time travel" in (liked.query or "")


def test_a_title_after_than_is_compared_with(titles, vocabulary) -> None:
    # "something lighter than The Dark Knight" showed The Dark Knight itself, found by "dark".
    reading = understand("something lighter than The Matrix", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "6", "lighter")
    assert reading.likes == ()
    both = understand("something less dark and older than Heat", titles, vocabulary)
    assert (both.intent, both.subject, both.direction) == ("more_like", "4", "less dark and older")
    liked = understand("I liked Heat more than The Matrix", titles, vocabulary)
    assert liked.direction is None


def test_a_time_said_beside_a_feel_leaves_the_feel_whole() -> None:
    from recagent.agent.tools import SAME_ERA_YEARS, _year_direction

    # "less dark and older than The Dark Knight" searched "less dark and" and found Darkman and Donnie Darko.
    assert _year_direction("less dark and older", 2008) == (None, 2008 - SAME_ERA_YEARS - 1, "less dark")
    assert _year_direction("newer, and funnier", 1980) == (1980 + SAME_ERA_YEARS + 1, None, "funnier")
    assert _year_direction("a bit more funny", 1980) == (None, None, "funny")


def test_more_is_kept_where_the_direction_s_words_say_it() -> None:
    from recagent.agent.tools import _year_direction

    # "like The Hangover but with more heart" was read as "with heart": Hanging Up and The Hangover Part III came.
    for said in ("with more heart", "but more serious", "a bit more heartwarming"):
        _, _, rest = _year_direction(said, 2009)
        assert rest is not None and direction_said(rest) in DIRECTION_MEANINGS, said
    assert DIRECTION_MEANINGS["with more heart"].startswith("heartwarming")


def test_a_pronoun_said_short_is_no_word_of_the_request(titles, vocabulary) -> None:
    # "something we'd both like?" searched "wed" and found weddings.
    assert "wed" not in (understand("something we'd both like?", titles, vocabulary).query or "").split()
    assert "theyll" not in (understand("a comedy they'll love", titles, vocabulary).query or "")


def test_the_asking_around_a_request_is_left_and_what_it_rules_out_kept() -> None:
    # Searched again with years, "can you recommend a good movie based on a true story" found Tropic Thunder.
    assert without_asking("can you recommend a good movie based on a true story") == "based on a true story"
    assert without_asking("not too violent") == "not too violent"
    assert without_asking("a thriller please") == "thriller"
    assert without_asking("something") == "something"


def test_a_comparison_keeps_the_title_and_the_direction(titles, vocabulary) -> None:
    reading = understand("something like The Matrix but less confusing", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "6", "less confusing")
    older = understand("like Heat but older", titles, vocabulary)
    assert (older.intent, older.subject, older.direction) == ("more_like", "4", "older")
    assert older.alike_theme is None


def test_where_a_comparison_is_set_is_its_direction(titles, vocabulary) -> None:
    # "something like Die Hard but in space" compared with Die Hard alone.
    reading = understand("something like Heat but in space", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "4", "in space")
    assert understand("I liked Heat but in the end it dragged", titles, vocabulary).direction is None  # no comparison
    # Said "set in space", it compared with Die Hard alone: Face/Off, Jurassic Park.
    assert understand("I want a movie like Heat but set in space", titles, vocabulary).direction == "in space"
    assert understand("what's like Alien but set underwater?", titles, vocabulary).direction == "underwater"


def test_a_theme_before_a_comparison_with_a_direction_is_kept_beside_it(titles, vocabulary) -> None:
    # "a heist movie like Ocean's Eleven but more serious" lost the heist: Spider-Man came first.
    reading = understand("a space movie like Toy Story but older", titles, vocabulary)
    assert (reading.subject, reading.direction, reading.alike_theme) == ("3", "older", "space")
    alone = understand("a space movie like Toy Story", titles, vocabulary)  # the theme is the direction
    assert (alone.subject, alone.direction, alone.alike_theme) == ("3", "space", None)


def test_a_theme_said_before_a_comma_and_a_comparison_is_its_direction(titles, vocabulary) -> None:
    # "thrillers with a good twist, like Gone Girl" lost the twist (The Hunger Games came).
    reading = understand("crime films with a good twist, like Heat", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "4", "crime films with a good twist")
    # Another sentence is no part of it; a comma after feedback compares nothing.
    assert understand("I want something scary. Something like Heat", titles, vocabulary).direction is None
    assert understand("I loved it, like Heat", titles, vocabulary).direction is None


def test_a_film_someone_else_likes_is_theirs_not_the_users(titles, vocabulary) -> None:
    # "my kids love Harry Potter" said "Noted: you liked Harry Potter".
    kids = understand("my kids love Toy Story, what else would they like?", titles, vocabulary)
    assert (kids.likes, kids.theirs) == (("3",), ("3",))
    both = understand("I love Heat and my wife likes Notting Hill", titles, vocabulary)
    assert (set(both.likes), both.theirs) == ({"4", "10"}, ("10",))
    turned = understand("my wife likes Notting Hill but I love Heat", titles, vocabulary)
    assert turned.theirs == ("10",)
    assert understand("I loved Heat", titles, vocabulary).theirs == ()
    assert understand("my kids are 6 and 9, they loved Toy Story", titles, vocabulary).theirs == ("3",)


def test_sentences_split_without_breaking_list_lines() -> None:
    text = "Here you go!\n1. Alien (1979): scary. Great.\n2. Heat"
    assert [s for s, _ in split_sentences(text)] == ["Here you go!", "1. Alien (1979): scary.", "Great.", "2. Heat"]
    assert "".join(s + gap for s, gap in split_sentences(text)) == text


def test_grounding_drops_sentences_naming_items_no_tool_returned(titles) -> None:
    grounding = Grounding(titles, allowed={"1", "6"})
    text, dropped = grounding.check(
        "You will love Alien (1979). The Matrix too! Also try Heat. Or \u201cSpace Llamas\u201d. Or Llama Wars (2031).")
    assert text == "You will love Alien (1979). The Matrix too!"
    assert dropped == ["Also try Heat.", "Or \u201cSpace Llamas\u201d.", "Or Llama Wars (2031)."]
    assert grounding.unsupported("Try [id 4] tonight") == ["id 4"]


def test_grounding_keeps_what_the_user_asked_for_and_drops_names_only_they_supplied(titles, vocabulary) -> None:
    asked = Supplied.read("Recommend Something Like The Matrix, a Sci-Fi Thriller. Or is Space Llamas 2 in?")
    grounding = Grounding(titles, allowed={"6", "2"}, reserved=vocabulary.words, supplied=[asked],
                          categories=frozenset(phrase for phrase, _ in vocabulary.phrases))
    for kept in ("If you like The Matrix, try Aliens (1986).", "Here is a Sci-Fi Thriller for you.",
                 "Matrix, The (1999) has 2 sequels I cannot show.", "Up 2 floors, no: Aliens 1986 it is."):
        assert grounding.unsupported(kept) == [], kept
    assert grounding.unsupported("space llamas 2 is a hidden gem") == ["space llamas 2"]
    assert grounding.unsupported("Try The Matrix 5 tonight") == ["The Matrix 5"]


def test_lists_of_titles_apostrophes_and_titles_with_punctuation(vocabulary) -> None:
    titles = CatalogTitles([Item(str(n), title) for n, title in enumerate(
        ["Airplane! (1980)", "Big (1988)", "Fan, The (1996)", "Memento (2000)", "Shrek (2001)", "Heat (1995)",
         "Schindler's List (1993)", "Dr. Horrible's Sing-Along Blog (2008)"])])
    ids = {title: item_id for item_id, title in titles.titles.items()}
    # "I'm ... schindler's": apostrophes inside words quote nothing, so "big" and "fan" stay words.
    reading = understand("Hi! I'm a big fan of shrek and schindlers list.", titles, vocabulary)
    assert reading.likes == (ids["Shrek (2001)"], ids["Schindler's List (1993)"])
    # A lower-case title listed beside a recognised one is a title; "!" and "." inside titles end no clause.
    reading = understand("Airplane! and memento are my favourites, and I loved dr. horrible's sing-along blog",
                         titles, vocabulary)
    assert set(reading.likes) == {ids["Airplane! (1980)"], ids["Memento (2000)"],
                                  ids["Dr. Horrible's Sing-Along Blog (2008)"]}
    assert understand("I want a big movie and heat", titles, vocabulary).likes == ()


def test_numbers_are_never_titles() -> None:
    titles = CatalogTitles([Item("5", "5"), Item("7", "1917 (2019)"), Item("8", "Heat (1995)")])
    assert titles.find("Give me 5 movies like the ones from 1917") == []
    assert [m.item_id for m in titles.find("I liked Heat (1995)")] == ["8"]


def test_a_message_in_another_language_is_recognised_and_its_category_words_still_count(titles, vocabulary) -> None:
    reading = understand("un film romantique français, pas trop triste", titles, vocabulary)
    assert reading.language == "French" and reading.categories == ("Romance",)
    spanish = understand("quiero una comedia sin terror", titles, vocabulary)
    assert (spanish.language, spanish.categories, spanish.exclude_categories) == ("Spanish", ("Comedy",), ("Horror",))
    assert understand("I want a sad movie with a dog please", titles, vocabulary).language is None
    # Not from the titles named: "I loved La La Land, what else?" was said to look like French.
    land = CatalogTitles([Item("1", "La La Land (2016)", "", ("Musical", "Romance"))])
    loved = understand("I loved La La Land, what else?", land, vocabulary)
    assert (loved.language, loved.likes) == (None, ("1",))


@pytest.mark.parametrize(("message", "years"), [
    ("something more recent, after 2010", (2011, None)),
    ("since 2010 please", (2010, None)),
    ("from before 1980", (None, 1979)),
    ("an old man who flies away with balloons", (None, None)),
    ("an old comedy", (None, 1979)),  # it showed Analyze This and Grown Ups
    ("I'm looking for an old black and white comedy", (None, 1979)),
    ("an old horror movie", (None, 1979)),
    ("a movie about an old dog", (None, None)),
    # Ruled out: "and nothing from before 2000" showed films of the 80s and 90s.
    ("and nothing from before 2000", (2000, None)),
    ("no movies older than 1990", (1990, None)),
    ("nothing after 2010 please", (None, 2010)),
    ("no something from before 1980", (None, 1979)),  # "no" says nothing of the years
])
def test_years_asked_for(titles, vocabulary, message, years) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.year_from, reading.year_to) == years


@pytest.mark.parametrize(("message", "years_out"), [
    # Read as the decade itself, "not from the 80s please" showed films of the 80s.
    ("not from the 80s please", (1980, 1989)), ("a comedy, nothing from the 90s", (1990, 1999)),
    ("no movies from the 2000s", (2000, 2009)), ("something from the 80s", None),
])
def test_a_decade_ruled_out_is_no_years_asked_for(titles, vocabulary, message, years_out) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.years_out == years_out
    if years_out:
        assert (reading.year_from, reading.year_to) == (None, None)


def test_liking_a_title_counts_even_when_asking_for_more_like_it(titles, vocabulary) -> None:
    reading = understand("I really liked Toy Story, more like it please", titles, vocabulary)
    assert reading.likes == ("3",) and reading.intent == "more_like" and reading.subject == "3"


def test_a_night_of_the_week_is_a_time_to_watch_not_a_title(vocabulary) -> None:
    # "what's good on a Friday night?" showed the details of Friday; searched, it found Friday the 13th.
    catalog = CatalogTitles([*CHAT_ITEMS, Item("90", "Friday (1995)", "", ("Comedy",), {"year": 1995})])
    night = understand("what's good on a Friday night?", catalog, vocabulary)
    assert (night.intent, night.titles, night.query) == ("recommend", (), None)
    assert understand("a comedy for saturday night", catalog, vocabulary).query == "a comedy for"
    assert [m.item_id for m in understand("I loved Friday", catalog, vocabulary).titles] == ["90"]


def test_how_old_the_children_are_is_no_word_to_search(titles, vocabulary) -> None:
    # "a funny movie for kids under 10" searched "under 10" too, and the reply said nothing says that in so many words.
    # Who watches said with nothing else is no words to search either (below).
    for said, query in (("a funny movie for kids under 10", "a funny movie for kids"),
                        ("a movie for kids ages 8 and up", None),
                        ("something for kids under 5", None)):
        reading = understand(said, titles, vocabulary)
        assert (reading.audience, reading.query) == (("Children",), query), said


def test_a_film_liked_and_another_hated_in_one_sentence_are_each_felt_so(titles, vocabulary) -> None:
    # "I loved Heat and I hated Alien" noted both as disliked: "and" before a new "I" starts a clause of its own.
    for message in ("I loved Heat and I hated Alien", "I hated Alien and I loved Heat"):
        reading = understand(message, titles, vocabulary)
        assert (reading.likes, reading.dislikes) == (("4",), ("1",)), message
    assert understand("I liked Heat and we also loved Alien", titles, vocabulary).likes == ("4", "1")


def test_an_item_shown_said_to_look_good_is_taken_up_as_its_title_would_be(titles, vocabulary) -> None:
    # "the third one looks good" went on with more of the theme, and "anything like that from the 2000s?" then meant
    # the first of those; "Pretty Woman looks good" showed its details.
    shown = ["3", "7", "16"]
    for message in ("the third one looks good", "ooh the third one sounds interesting!", "Finding Nemo looks good"):
        reading = understand(message, titles, vocabulary, shown=shown)
        assert (reading.intent, reading.subject) == ("details", "16"), message
    asked = understand("the third one looks good, anything similar?", titles, vocabulary, shown=shown)
    assert (asked.intent, asked.subject) == ("more_like", "16")
    assert understand("sounds good, we'll watch that. thanks!", titles, vocabulary, shown=shown).intent == "chat"


def test_who_watches_said_alone_is_no_words_to_search(titles, vocabulary) -> None:
    # "for a 7 year old" after films like The Princess Bride searched the age and showed the best known children's
    # films, of no theme: said alone, who watches leaves nothing to search, so the conversation's theme goes on.
    for said in ("for a 7 year old", "something the kids can watch too", "for my 6 year old daughter",
                 "a movie the whole family can enjoy"):
        reading = understand(said, titles, vocabulary)
        assert (reading.audience, reading.query) == (("Children",), None), said
    for said, query in (("a funny movie for kids", "a funny movie for kids"),
                        ("something with animals for my kids", "something with animals for my kids")):
        assert understand(said, titles, vocabulary).query == query, said


def test_a_time_a_film_is_for_is_no_title(vocabulary) -> None:
    # "I need a movie for date night" showed the details of Date Night, "a good movie for New Year's Eve" those of
    # New Year's Eve.
    catalog = CatalogTitles([*CHAT_ITEMS, Item("91", "Date Night (2010)", "", ("Comedy",), {"year": 2010}),
                             Item("92", "New Year's Eve (2011)", "", ("Comedy",), {"year": 2011})])
    for said in ("I need a movie for date night", "a good movie for New Year's Eve",
                 "something to watch on date night"):
        reading = understand(said, catalog, vocabulary)
        assert (reading.intent, reading.titles) == ("recommend", ()), said
    assert [m.item_id for m in understand("what is Date Night about?", catalog, vocabulary).titles] == ["91"]


def test_a_kind_of_film_and_a_that_clause_are_neither_titles_nor_references(titles, vocabulary) -> None:
    reading = understand("I love heat movies", titles, vocabulary, shown=SHOWN)
    assert reading.titles == () and reading.likes == ()  # "heat movies" is a kind, "Heat" would be the film
    reading = understand("I like that he can play anyone", titles, vocabulary, shown=SHOWN)
    assert reading.references == () and reading.likes == ()
    assert understand("I like that!", titles, vocabulary, shown=SHOWN).likes == ("4",)


@pytest.mark.parametrize("message", ["more comedies like that", "any thrillers like that one?", "other ones like that",
                                     "something else like that", "anything else like that?",
                                     "any hidden gems like that?"])
def test_a_kind_like_an_item_shown_compares_with_it_and_likes_nothing(titles, vocabulary, message) -> None:
    # "more comedies like that" and "something else like that" after a list noted that the user liked its first film.
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject, reading.likes) == ("more_like", SHOWN[0], ())
    # The less known of those like it (it showed the best known, as if nothing more was said).
    assert reading.rated == ("underrated" if "gems" in message else None)


# Moments from real conversations (INSPIRED dev dialogues), read as a friend would.
@pytest.mark.parametrize("message", ["hello there", "Hi! nice to meet you too!!", "Greetings, how are you?",
                                     "I'm doing great. How about you?",
                                     # reactions to the conversation: no theme of their own to search
                                     "He is a very good actor.", "I like him", "one of the best!",
                                     "do you have one in mind?", "it was great it was telling his life story",
                                     # where and how they watch tells of no kind of film
                                     "I enjoy watching at home more than the theater",
                                     "I like watching movies at home", "We mostly stream on weekends",
                                     # asked of the recommender's own taste
                                     "What movie did you see last and liked it? Could be anything...",
                                     # it found I Know What You Did Last Summer by "last"
                                     "yes i like this movie,what's the last movie you've seen?"])
def test_small_talk_asks_for_nothing(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query) == ("chat", None)


@pytest.mark.parametrize("message", [
    "Yes I watched a few horror movies this week.",  # a time, not an item
    "I love to be scared, plus it's really hard for a movie to scare me",  # "it" after a list: no item
    "I really enjoyed the first Frozen",  # an ordinal that names a film of its own
    "The last action movie that I saw was a car chase one",
    # It liked the last film shown, then the first: what the sentence says is of the user's own film.
    "lets see that last one I watched was this ww2 movie about teens in love i forgot the name",
])
def test_words_that_only_look_like_references_point_at_nothing(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert reading.references == () and (reading.likes, reading.seen) == ((), ())


def test_it_means_the_item_a_reply_was_about(titles, vocabulary) -> None:
    assert understand("I've seen it", titles, vocabulary, shown=("4",)).seen == ("4",)
    assert understand("I've seen it", titles, vocabulary, shown=SHOWN, focused=True).seen == ("4",)
    assert understand("I've seen it", titles, vocabulary, shown=SHOWN).seen == ()
    # In a message naming a title, "that" is the title: not the first item of the last list.
    loved = understand("I loved Toy Story 2, we watched that twenty times", titles, vocabulary, shown=SHOWN)
    assert loved.likes == ("7",) and loved.references == ()
    lower = understand("I really enjoyed the original heat. We've watched that 20 times", titles, vocabulary,
                       shown=SHOWN)
    assert lower.likes == ("4",) and lower.references == () and lower.seen == ()


def test_a_title_asked_about_stays_in_the_request(titles, vocabulary) -> None:
    reading = understand("Does it also include Heat? Seems like he's also a Michael Mann hero.", titles, vocabulary)
    assert (reading.likes, reading.dislikes, reading.seen) == ((), (), ())  # "seems like" likes nothing
    assert reading.query is not None and "heat" in reading.query
    grouped = understand("Another classic, seen all of the Alien movies, Ridley Scott is a genius", titles, vocabulary)
    assert grouped.titles == () and grouped.seen == () and "alien movies" in (grouped.query or "")


def test_a_question_about_a_title_the_catalog_lacks_is_a_search(titles, vocabulary) -> None:
    reading = understand("What is 21 Bridges about?", titles, vocabulary)
    assert (reading.intent, reading.unknown_title) == ("search", "21 Bridges")


def test_feelings_carry_over_a_list_of_titles_and_my_latest_is_no_year(titles, vocabulary) -> None:
    reading = understand("Yes, I love Heat too. Also Up, The Godfather (big crime fan)", titles, vocabulary)
    assert reading.likes == ("4", "9", "12")
    latest = understand("my latest movie was Up, what do you recommend?", titles, vocabulary)
    assert (latest.year_from, latest.year_to) == (None, None)


@pytest.mark.parametrize(("query", "follows"), [
    (None, True), ("funnier", True), ("something darker", True), ("a bit more romantic", True),
    ("something quirkier", True), ("creepier", True),  # after films like The Grand Budapest Hotel, creepy films
    ("but less violent", True), ("any funny christmas movie", False), ("a heist film", False),
    ("something a bit more exciting", True), ("something romantic", False),
    ("though my kids will watch", True),  # "not too scary though, my kids will watch" after Halloween films
    # "no, something with more comedy" after 80s action films: 80s action comedies, not Ace Ventura.
    ("something with more comedy", True), ("with less violence", True), ("something with dinosaurs", False),
    # "any that are good for kids?" after dinosaur films: dinosaur films for children, not any children's film.
    ("any with dancing", True), ("ones with cars", True), ("any that are good for kids", True), ("any for kids", True),
    ("any movies with cars", False),
    # "the one with the robots looks cool" after 80s sci-fi, none of it with robots: robot films of any time came.
    ("the one with the robots looks cool", True),
    # "hmm, not too violent please" after thrillers: thrillers still (it showed Saw and 28 Weeks Later, of any kind).
    ("not too violent please", True),
    # "I like psychological ones" after thrillers: psychological thrillers (The Silence of the Lambs and Garden State
    # came, of any kind); said with a turn, it is still the theme refined.
    ("i like psychological ones", True), ("i like psychological ones, less violent", True),
    ("i like movies with aliens", False),
    ("anything with a female lead", True),  # after thrillers of the 2010s it showed What Women Want and Top Gun
    ("i prefer something with a female lead", True),  # after action films: What Women Want and Pretty Woman came
    ("i'd prefer one with a happy ending", True), ("i prefer something with dinosaurs", True),
    ("i prefer comedies", False),
])
def test_a_follow_up_refines_the_theme_and_a_new_request_starts_one(query, follows) -> None:
    assert is_follow_up(query) is follows


def test_a_theme_is_searched_in_the_words_catalogs_tag_films_with() -> None:
    # "something less gory" searched as said is closest to gory films; the theme keeps the user's words.
    theme = followed_topic("a horror movie", "something a bit less gory")
    assert theme == "something a bit less gory a horror movie"
    assert searched_theme(theme) == "something suspenseful a horror movie"
    # "one that's" points at a film, no words to search: "and one thats" beside the heist found Terminator 2 and The
    # Mask. Nor is the theme's asking ("give me" beside "less bloody" and the revenge found Snatch and Ghost).
    assert followed_topic("recommend a heist movie", "and one thats more serious") == "more serious, a heist movie"
    assert (followed_topic("give me a good revenge movie", "something less bloody")
            == "something less bloody, a good revenge movie")
    assert searched_theme("but lighter a heist") == "but funny a heist"
    # "something less predictable" after mysteries found The Prophecy and What Lies Beneath by "predictable".
    assert searched_theme("something less predictable a good mystery") == "something twist ending a good mystery"
    assert searched_theme("but more action a horror movie") == "but more action a horror movie"


def test_a_theme_ruled_out_is_avoided_when_the_tags_hold_it(titles, vocabulary) -> None:
    def tagged(word: str) -> bool:  # as the catalog's tags would say
        return theme_word(word) in {"prison", "zombie", "tom", "cruise", "long", "thank"}

    def avoided(message: str) -> tuple[str, ...]:
        return understand(message, titles, vocabulary, theme_of=tagged).avoided

    assert avoided("not a prison movie though") == ("prison",)
    assert avoided("I hate zombies. Something scary please") == ("zombies",)
    assert avoided("a horror movie, nothing with zombies") == ("zombies",)
    # "not the ones with zombies" after a list searched "with zombies" and ruled out "ones".
    ones = understand("but not the ones with zombies", titles, vocabulary, theme_of=tagged)
    assert (ones.avoided, ones.query) == (("zombies",), None)
    assert avoided("I don't like Tom Cruise") == ()  # a name, not a theme: the words "tom" and "cruise" are not avoided
    # A name of one word is a theme: "animated movies but not Disney" showed The Aristocats and The Lion King.
    disney = understand("I like animated movies but not Disney", titles, vocabulary, theme_of={"disney"}.__contains__)
    assert (disney.avoided, disney.categories) == (("disney",), ("Animation",))
    # A person the tags name is, whole: "not Christopher Nolan though" searched "nolan though" (The Dark Knight Rises).
    person = understand("not Christopher Nolan though", titles, vocabulary,
                        theme_of=lambda name: name == "Christopher Nolan")
    assert (person.avoided, person.query) == (("Christopher Nolan",), None)
    assert understand("I don't like Tom Hanks. any good dramas?", titles, vocabulary,
                      theme_of=lambda name: name == "Tom Hanks").avoided == ("Tom Hanks",)
    # "not with Will Ferrell" after comedies asked for his films ("as you asked: Will Ferrell").
    for message in ("not with Will Ferrell", "nothing starring Will Ferrell please"):
        ferrell = understand(message, titles, vocabulary, shown=SHOWN, theme_of=lambda name: name == "Will Ferrell")
        assert (ferrell.avoided, ferrell.query) == (("Will Ferrell",), None), message
    assert avoided("no thanks") == ()
    assert avoided("not a comedy") == ()  # a category, ruled out as one
    # What a film is made of is no theme: it left out the films the catalog tags "actors".
    made_of = {"actors", "soundtrack", "zombies"}.__contains__
    for message in ("I am not overly interested in the actors though, just a good story",
                    "I'm not interested in the soundtrack"):
        assert understand(message, titles, vocabulary, theme_of=made_of).avoided == (), message
    assert understand("I'm not interested in zombies", titles, vocabulary, theme_of=made_of).avoided == ("zombies",)
    # "not that interested": "that" is "so", no item of the list pointed at (its words were searched).
    so = understand("I'm not that interested in the actors, just a good story", titles, vocabulary, shown=SHOWN,
                    theme_of=made_of)
    assert (so.references, so.avoided, so.query) == ((), (), None)
    assert understand("not that one", titles, vocabulary, shown=SHOWN).references == (SHOWN[0],)
    # A theme of two words is one, turned down with "less" too: "something with less crude humor" searched it.
    crude = {"crude humor", "crude"}.__contains__
    for message in ("something with less crude humor", "no crude humor please"):
        less = understand(message, titles, vocabulary, theme_of=crude)
        assert (less.avoided, less.query) == (("crude humor",), None), message
    assert understand("something less dark", titles, vocabulary, theme_of=crude).avoided == ()
    # ... and one of three, however the war is said: "not world war 2 though" ruled out "world" alone.
    war = {"world war ii"}.__contains__
    for message in ("not world war 2 though", "no ww2 movies", "nothing about the second world war"):
        assert understand(message, titles, vocabulary, theme_of=war).avoided == ("world war ii",), message
    assert understand("something about world war 2", titles, vocabulary).query == "something about world war ii"
    assert understand("not a prison movie though", titles, vocabulary).avoided == ()  # without tags, no theme
    # Two themes or kinds said with "or" are both ruled out: "not Disney or Pixar please" searched "or pixar please"
    # (Pixar films first), "no horror or comedy" searched "or comedy".
    studios = {"disney", "pixar"}.__contains__
    for message in ("not Disney or Pixar please", "nothing from disney or pixar"):
        either = understand(message, titles, vocabulary, theme_of=studios)
        assert (either.avoided, either.query) == (("disney", "pixar"), None), message
    kinds = understand("no horror or comedy", titles, vocabulary)
    assert (kinds.exclude_categories, kinds.query) == (("Horror", "Comedy"), None)
    # A body of work seen whole, its name capitalised or not
    seen = understand("I've seen all the Tom Cruise movies, what else?", titles, vocabulary, theme_of=tagged)
    assert seen.seen_themes == ("tom", "cruise") and seen.avoided == ("tom", "cruise")


def test_how_many_is_read_and_no_part_of_the_search(titles, vocabulary) -> None:
    three = understand("give me 3 comedies", titles, vocabulary)
    assert (three.count, three.query) == (3, "comedies")  # "3" searched found Three Kings
    assert understand("suggest two thrillers", titles, vocabulary).count == 2
    assert understand("give me the 2 best sci-fi movies", titles, vocabulary).count == 2  # it showed five
    assert understand("recommend a couple of movies", titles, vocabulary).count == 2
    # "just one please, the best one" showed five; "just one more" and "only one of them" ask for no count
    assert understand("just one please, the best one", titles, vocabulary).count == 1
    assert understand("just one more", titles, vocabulary).count is None
    assert understand("I only liked one of them", titles, vocabulary).count is None
    assert understand("That would be fine, or if it's only one, that's okay too.", titles, vocabulary).count is None
    assert understand("I have 3 kids, something funny", titles, vocabulary).count is None
    # Said before the kind, first or after a wish ("two comedies from the 90s" showed five).
    two = understand("two comedies from the 90s", titles, vocabulary)
    assert (two.count, two.query, two.year_from) == (2, "comedies", 1990)
    assert understand("I want 3 good thrillers", titles, vocabulary).count == 3
    assert understand("I've seen two horror movies this week", titles, vocabulary).count is None
    assert understand("show me one with Will Ferrell", titles, vocabulary).count is None
    mood = understand("I'm in the mood for something exciting", titles, vocabulary)
    assert mood.query == "something exciting"  # not In the Mood for Love


def test_a_yes_no_question_about_an_item_shown_asks_for_its_details(titles, vocabulary) -> None:
    reading = understand("the first one, is it sad?", titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject) == ("details", SHOWN[0])


def test_what_the_child_a_film_is_for_likes_is_what_is_searched(titles, vocabulary) -> None:
    # Searched whole, "something my 10 year old and I would both enjoy, she likes horses" put Shrek first.
    horses = understand("something my 10 year old and I would both enjoy, she likes horses", titles, vocabulary)
    assert (horses.audience, horses.query) == (("Children",), "horses")
    assert understand("a movie for my son, he loves trucks and cars", titles, vocabulary).query == "trucks and cars"
    assert understand("my kids love dinosaurs", titles, vocabulary).query == "dinosaurs"
    # An older child, no audience of children's films: read as the teen mood, it showed high-school comedies.
    teen = understand("something to watch with my teenage son, he likes superheroes", titles, vocabulary)
    assert (teen.audience, teen.query) == ((), "superheroes")
    # Not for a child: what a partner likes is no theme of its own here.
    assert understand("something for date night, she likes horses", titles, vocabulary).query != "horses"
    # Said on its own, after "a movie for my 5 year old": what to look for (read as a reaction, it was nothing).
    princesses = understand("she loves princesses", titles, vocabulary, shown=SHOWN)
    assert (princesses.intent, princesses.query) == ("recommend", "princesses")
    assert understand("she loves it", titles, vocabulary, shown=SHOWN).intent == "chat"
    assert understand("they liked the second one", titles, vocabulary, shown=SHOWN).likes == (SHOWN[1],)


def test_a_plural_after_a_hiss_loses_its_es() -> None:
    # "princesses" was "princesse", and no title said "princess" to the note of what the titles say.
    assert [singular(word) for word in ("princesses", "witches", "boxes", "horses", "movies", "boss", "bus")] == [
        "princess", "witch", "box", "horse", "movie", "boss", "bus"]


def test_too_much_of_something_said_of_the_list_asks_for_its_theme_the_other_way(titles, vocabulary) -> None:
    # "that's too sad, something happier" searched "too sad" and found Requiem for a Dream.
    sad = understand("that's too sad, something happier", titles, vocabulary, shown=SHOWN)
    assert (sad.intent, sad.query) == ("recommend", "less sad")
    violent = understand("those are way too violent", titles, vocabulary, shown=SHOWN)
    assert (violent.intent, violent.query) == ("recommend", "less violent")  # it was small talk
    # Asked of what comes next, the same turn: "not too dark please" read "dark" as a theme ruled out and asked for
    # nothing ("nothing too sad" for nothing at all).
    assert understand("not too violent please", titles, vocabulary, shown=SHOWN).query == "less violent"
    # A theme the tags hold said with it is asked for too: "I like psychological ones, not too violent" after thrillers
    # searched "less violent" alone (The Firm, The Perfect Storm).
    psychological = understand("I like psychological ones, not too violent", titles, vocabulary, shown=SHOWN,
                               theme_of=lambda word: frozenset({"4"}) if word == "psychological" else frozenset())
    assert psychological.query == "i like psychological ones, less violent"
    # Said of the list, the rest is the turn's own words: "that's a bit too heavy, something lighter but still smart"
    # after films that make one think is lighter still (searched with its words, The Big Short came among comedies).
    heavy = understand("that's a bit too heavy, something lighter but still smart", titles, vocabulary, shown=SHOWN,
                       theme_of=lambda word: frozenset({"4"}) if word == "smart" else frozenset())
    assert heavy.query == "less heavy"
    # Darkness turned down leaves out the films tagged dark or disturbing, no tag of its word alone.
    for message, asked, avoided in (("not too dark please", "less dark", DARK_TAGS),
                                    ("nothing too sad", "less sad", ())):
        reading = understand(message, titles, vocabulary, shown=SHOWN, theme_of=lambda word: frozenset({"4"}))
        assert (reading.intent, reading.query, reading.avoided) == ("recommend", asked, avoided)
    assert understand("I liked it too", titles, vocabulary, shown=SHOWN).intent == "chat"


def test_a_quality_the_list_lacked_asks_for_more_of_it_and_rules_nothing_out(titles, vocabulary) -> None:
    # "it wasn't scary enough, something scarier" after horror films ruled horror out (The World Is Not Enough came).
    for message, kind, asked in (("it wasn't scary enough, something scarier", "Horror", "scarier"),
                                 ("the last one was not that funny, something funnier", "Comedy", "funnier"),
                                 ("those weren't funny enough", "Comedy", "funnier")):
        reading = understand(message, titles, vocabulary, shown=SHOWN)
        assert (reading.intent, reading.categories, reading.exclude_categories, reading.query) == (
            "recommend", (kind,), (), asked), message
    assert understand("those weren't very exciting", titles, vocabulary, shown=SHOWN).query == "more exciting"
    # Without a list, or of a quality no direction heightens, a negation still rules out.
    assert understand("I was not into horror", titles, vocabulary, shown=SHOWN).exclude_categories == ("Horror",)


def test_what_the_list_looked_like_before_a_request_is_not_searched(titles, vocabulary) -> None:
    # "those all look kind of cheesy. anything more realistic?" was searched whole (Doctor Strange, Dr. Strangelove).
    reading = understand("those all look kind of cheesy. anything more realistic?", titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.query) == ("recommend", "anything more realistic")
    boring = understand("hmm, those seem boring. something with more action", titles, vocabulary, shown=SHOWN)
    assert (boring.query, boring.categories) == ("something with more action", ("Action",))
    # Years alone after it: "those look great. anything older?" searched "those look great", the theme lost.
    older = understand("those look great. anything older?", titles, vocabulary, shown=SHOWN)
    assert (older.query, older.year_to) == (None, 1979)
    # Without a list, or with nothing asked after it, the words stay.
    assert understand("those all look kind of cheesy. anything more realistic?", titles, vocabulary).query == (
        "those all look kind of cheesy anything more realistic")


@pytest.mark.parametrize(("message", "place"), [("what was the first one you suggested?", 0),
                                               ("remind me of the second movie you recommended", 1),
                                               ("which was the last one you mentioned?", -1)])
def test_which_of_the_films_suggested_it_was_is_asked_of_it(titles, vocabulary, message, place) -> None:
    assert asks_which_was_suggested(message)
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.references, reading.query) == ("details", (SHOWN[place],), None)
    assert not asks_which_was_suggested("what was the first one about?")


@pytest.mark.parametrize(("message", "place", "direction"), [("the first one but older", 0, "older"),
                                                             ("the second one, but funnier", 1, "funnier"),
                                                             ("that one but newer", 0, "newer")])
def test_an_item_shown_and_how_to_differ_from_it_compares(titles, vocabulary, message, place, direction) -> None:
    # "the first one but older" was a request of its own: the most popular films of the 70s.
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", SHOWN[place], direction)
    assert understand("the first one but I've seen it", titles, vocabulary, shown=SHOWN).intent == "feedback"


def test_a_word_of_two_kinds_ruled_out_rules_out_films_of_both_not_of_either(titles, vocabulary) -> None:
    # "no romantic comedies" ruled out every comedy and every romance; "no romcoms please" nothing.
    for message in ("no romantic comedies", "no romcoms please, something with action", "I hate rom-coms"):
        reading = understand(message, titles, vocabulary)
        assert reading.exclude_together == (("Romance", "Comedy"),) and reading.exclude_categories == ()
        assert reading.intent == "recommend"
    asked = understand("a romcom please", titles, vocabulary)
    assert (asked.categories, asked.all_categories, asked.exclude_together) == (("Romance", "Comedy"), True, ())


def test_not_that_kind_of_a_kind_asks_for_another_of_it(titles, vocabulary) -> None:
    # "not that kind of humor, something smarter" after comedies ruled comedies out.
    reading = understand("not that kind of humor, something smarter", titles, vocabulary, shown=SHOWN)
    assert (reading.categories, reading.exclude_categories) == (("Comedy",), ())
    assert understand("no comedy please", titles, vocabulary).exclude_categories == ("Comedy",)


def test_a_film_that_is_not_too_long_is_asked_by_its_length(titles, vocabulary) -> None:
    # "a good sci fi movie that isn't too long" ruled out films tagged "long".
    reading = understand("what's a good sci fi movie that isn't too long", titles, vocabulary)
    assert (reading.max_minutes, reading.avoided) == (100, ())


def test_being_a_fan_is_the_asking_not_what_is_asked(titles, vocabulary) -> None:
    # "I'm a big fan of Christopher Nolan" found Inception by its tag "big budget".
    assert understand("I'm a big fan of Christopher Nolan", titles, vocabulary).query == "christopher nolan"
    assert understand("we are huge fans of Pixar", titles, vocabulary).query == "pixar"
    # "I am really big on 80's movies too" after horror films searched "big" (The Big Chill) and lost the horror.
    eighties = understand("I am really big on 80's movies too", titles, vocabulary, shown=SHOWN)
    assert (eighties.intent, eighties.query, eighties.year_from, eighties.year_to) == ("recommend", None, 1980, 1989)
    assert understand("I'm big on heist movies", titles, vocabulary).query == "heist movies"


def test_the_middle_one_of_an_odd_list_is_its_middle_item(titles, vocabulary) -> None:
    # "the middle one, who is in it?" after three comedies showed five new ones.
    reading = understand("the middle one, who is in it?", titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject) == ("details", SHOWN[1])
    assert understand("more like the middle one", titles, vocabulary, shown=(*SHOWN, "1")).references == ()  # which?


def test_your_top_few_are_the_best_rated(titles, vocabulary) -> None:
    reading = understand("what are your top 3 comedies from the 90s?", titles, vocabulary)
    assert (reading.rated, reading.count, reading.categories) == ("best", 3, ("Comedy",))


def test_it_in_a_later_clause_is_the_item_named_before_it(titles, vocabulary) -> None:
    # "the second one looks good but I've seen it. similar ones?" noted nothing seen.
    reading = understand("the second one looks good but I've seen it. similar ones?", titles, vocabulary, shown=SHOWN)
    assert (reading.seen, reading.intent, reading.subject) == ((SHOWN[1],), "more_like", SHOWN[1])
    assert understand("I loved Heat, have you seen it?", titles, vocabulary).seen == ()  # asked of the recommender


def test_a_childhood_is_no_audience(titles, vocabulary) -> None:
    reading = understand("I loved Toy Story when I was a kid. anything with the same vibe?", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.categories, reading.audience) == ("more_like", "3", (), ())
    assert understand("movies we loved when we were kids", titles, vocabulary).categories == ()


def test_teenagers_are_no_audience_of_childrens_films(titles, vocabulary) -> None:
    assert understand("something to watch with my teenage kids", titles, vocabulary).categories == ()
    older = understand("I like comedies, but my kid is a teenager so nothing too childish", titles, vocabulary)
    assert older.categories == ("Comedy",) and older.exclude_categories == ("Children",)
    kids = understand("a comedy for my kids", titles, vocabulary)
    assert (kids.categories, kids.audience) == (("Comedy",), ("Children",))
    assert understand("my son is 13 and loves superheroes", titles, vocabulary).audience == ()  # a teenager
    assert understand("my son is 8 and loves superheroes", titles, vocabulary).audience == ("Children",)
    kinds = understand("I love comedies and family movies as well", titles, vocabulary)  # two kinds listed
    assert (kinds.categories, kinds.audience) == (("Comedy", "Children"), ())
    assert understand("a movie for a 6 year old", titles, vocabulary).audience == ("Children",)
    # "with 10 year olds" was no audience (The Hangover and American Pie for a sleepover); "my 15 year old" was one
    # (Monsters, Inc. and Toy Story).
    assert understand("something for a sleepover with 10 year olds", titles, vocabulary).audience == ("Children",)
    for older_one in ("a movie for my 15 year old", "a movie for 14 year olds"):
        assert understand(older_one, titles, vocabulary).audience == (), older_one
    # Someone's son or daughter watches; a story of a father and son is no kind of film.
    son = understand("My wife wants to take our son to it. He may be a little young still", titles, vocabulary)
    assert son.audience == ("Children",)
    assert understand("something my grandkids would enjoy", titles, vocabulary).audience == ("Children",)
    story = understand("a story about a father and son", titles, vocabulary)
    assert (story.categories, story.audience) == ((), ())
    assert understand("my teenage son likes action", titles, vocabulary).audience == ()


@pytest.mark.parametrize(("message", "together"), [
    ("an animated sci-fi movie", True),  # stacked before one noun: one film of both kinds
    ("a funny horror movie", True),
    ("something scary and funny", True),  # words of a kind joined by "and" describe one film
    ("a comedy drama", True),
    ("I usually like action movies, but my wife likes romantic comedies. Something we can both enjoy?", True),
    ("a mix of horror and comedy", True),
    # One kind with some of another: "a good love story but also some action" showed either (WALL·E, Léon).
    ("something with a good love story but also some action", True),
    ("a horror movie with a touch of comedy", True),
    ("I like comedies but also dramas", False),
    ("comedies and some dramas please", False),
    ("with my girlfriend tonight, she likes romance and I like sci-fi", True),  # a film for both of them
    ("my husband loves action and I love comedies", True),
    ("I like horror and comedy", False),
    ("I like comedies and dramas", False),  # kinds to choose from
    ("I like comedy, drama", False),
    ("an action movie or a comedy", False),
    ("I love comedies and family movies", False),
    ("a sci-fi movie, no horror please", False),  # one kind wanted
    ("Occasionally. I prefer animes and romantic comedies.", False),  # anime or a romantic comedy
])
def test_kinds_said_of_one_film_are_all_wanted(titles, vocabulary, message, together) -> None:
    reading = understand(message, titles, vocabulary)
    assert len(reading.categories) > 1 or not together
    assert reading.all_categories is together
    assert "Animation" in reading.categories or "anime" not in message  # the plural "animes" was no kind


def test_less_of_a_kind_is_none_of_it_and_less_fright_is_milder_horror(titles, vocabulary) -> None:
    # "a comedy with less romance" showed romantic comedies, "something with less action" action films: the kind
    # after "less" was asked for, and searched.
    for said, kinds, out in (("a comedy with less romance", ("Comedy",), ("Romance",)),
                             ("something with less action", (), ("Action",)),
                             ("a bit less of the romance please", (), ("Romance",)),
                             ("fewer comedies", (), ("Comedy",))):
        reading = understand(said, titles, vocabulary)
        assert (reading.categories, reading.exclude_categories) == (kinds, out), said
        assert not {"less", "fewer", "romance", "action", "with"} & set(content_words(reading.query)), said
    # Less fright after horror films is milder horror (it showed The Silence of the Lambs and The Sixth Sense), as
    # is horror asked for less scary; compared with a film, it is that film's suspense (`more_like`).
    for said in ("something less scary", "a horror movie that is less scary"):
        milder = understand(said, titles, vocabulary, shown=SHOWN)
        assert (milder.categories, milder.all_categories, milder.exclude_categories, milder.softened) == (
            ("Horror", "Comedy"), True, (), ("Horror",)), said
    compared = understand("more like that but less scary", titles, vocabulary, shown=SHOWN)
    assert (compared.intent, compared.exclude_categories, compared.direction) == ("more_like", (), "less scary")


def test_a_place_a_film_is_not_set_in_is_ruled_out_and_not_searched(titles, vocabulary) -> None:
    # "a sci-fi movie that isn't set in space" ruled out "set" and searched "in space" (Star Wars, Aliens came).
    for said, place in (("a sci-fi movie that isn't set in space", "space"),
                        ("a movie that doesn't take place in new york", "new york")):
        reading = understand(said, titles, vocabulary, theme_of=lambda words: frozenset({"1"}) if words in (
            "space", "new york") else frozenset())
        assert reading.avoided == (place,), said
        assert not {"set", "space", "take", "place", "new", "york"} & set(content_words(reading.query)), said


def test_wit_asked_of_a_comedy_and_romance_without_cheese_are_searched_as_catalogs_tag_them(titles, vocabulary) -> None:
    # "a smart comedy" found Smart People, "something funny but smart" Funny People, and "a witty comedy" was closest
    # to every comedy; wit is searched in the words catalogs tag it with.
    for said in ("a smart comedy", "something funny but smart", "a witty comedy", "a clever comedy from the 90s"):
        reading = understand(said, titles, vocabulary)
        assert (reading.categories, reading.query) == (("Comedy",), "witty, satire, clever"), said
    assert understand("a smart comedy about politics", titles, vocabulary).query == "a smart comedy about politics"
    # "a romantic movie that isn't cheesy" ruled out the tag "cheesy" and showed The Wedding Date: the kind's dramas,
    # searched as real.
    real = understand("a romantic movie that isn't cheesy", titles, vocabulary, theme_of=lambda word: frozenset({"5"}))
    assert (real.categories, real.all_categories, real.avoided) == (("Romance", "Drama"), True, ())
    assert searched_theme(real.query) == "a romantic movie that serious"


def test_a_title_given_as_an_example_of_a_theme_liked_is_like_it_of_the_theme(titles, vocabulary) -> None:
    # "I like monster movies, like King Kong" searched "monster movies" (Monsters, Inc. by its title); "I love movies
    # with a twist, like The Sixth Sense" showed films like it, The Mummy among them.
    for said, theme in (("I love movies with a twist, like The Matrix", "twist"),
                        ("I really like heist movies, such as The Matrix", "heist")):
        reading = understand(said, titles, vocabulary)
        assert (reading.intent, reading.subject, reading.alike_theme, reading.direction, reading.likes) == (
            "more_like", "6", theme, None, ("6",)), said
    assert understand("I like movies like The Matrix", titles, vocabulary).alike_theme is None  # no theme


def test_the_kind_usually_watched_before_asking_for_something_else_is_none_of_it(titles, vocabulary) -> None:
    # "I usually watch action movies but I want to try something different" showed action films.
    for said, kind in (("I usually watch action movies but I want to try something different", "Action"),
                       ("I normally go for horror but want something else tonight", "Horror")):
        reading = understand(said, titles, vocabulary)
        assert (reading.intent, reading.categories, reading.exclude_categories) == ("recommend", (), (kind,)), said
    assert understand("I usually watch action movies and love them", titles, vocabulary).categories == ("Action",)


def test_the_kind_usually_watched_is_set_aside_for_another_asked_for_now(titles, vocabulary) -> None:
    # "I usually like comedies but tonight I want something scary" showed The Frighteners and Scary Movie.
    for said, kind, usual in (("I usually like comedies but tonight I want something scary", "Horror", "Comedy"),
                              ("I normally watch dramas, but I'm in the mood for a comedy", "Comedy", "Drama")):
        reading = understand(said, titles, vocabulary)
        assert (reading.categories, reading.exclude_categories, reading.usual) == ((kind,), (), (usual,)), said
        assert usual.lower()[:5] not in (reading.query or ""), said  # the usual kind is not searched either
    for said in ("I usually like comedies but I also love horror",  # both
                 "I usually watch horror but today I want a horror comedy"):  # the usual kind asked for again
        reading = understand(said, titles, vocabulary)
        assert set(reading.categories) == {"Comedy", "Horror"} and reading.usual == (), said


def test_years_read_as_years_are_not_searched(titles, vocabulary) -> None:
    # "my wife and I want to watch a comedy tonight, something from the 2000s": searched, "2000s" found films of 2000.
    reading = understand("my wife and I want to watch a comedy tonight, something from the 2000s", titles, vocabulary)
    assert (reading.year_from, reading.year_to) == (2000, 2009) and "2000s" not in (reading.query or "")


def test_a_kind_asked_lighter_is_its_lighter_films_and_nothing_dark(titles, vocabulary) -> None:
    # "a thriller, not too dark" said "Noted: no films the catalog tags dark." and showed Se7en and The Silence of the
    # Lambs; "a thriller but lighter" showed The Others and The Thing.
    for said in ("a thriller, not too dark", "a thriller but lighter", "a thriller that is less intense",
                 "I want a thriller that isn't too dark"):
        reading = understand(said, titles, vocabulary, theme_of=lambda word: frozenset({"4"}))
        assert (reading.categories, reading.all_categories) == (("Thriller", "Comedy"), True), said
        assert reading.avoided == (DARK_TAGS if "dark" in said else ()), said


def test_a_request_with_a_lighter_turn_or_words_of_quality_searches_what_it_asks_for(titles, vocabulary) -> None:
    # What is ruled out is never searched; a lighter turn is, in one word of the catalog's tags.
    space = understand("something set in space but not too serious", titles, vocabulary)
    assert (space.query, space.categories) == ("something set in space, funny", ("Comedy",))
    drama = understand("a drama but not too sad", titles, vocabulary)  # a comedy drama
    assert (drama.categories, drama.all_categories) == (("Drama", "Comedy"), True)
    lighter = understand("a drama that is not too heavy", titles, vocabulary)  # without "but" too
    assert (lighter.categories, lighter.all_categories) == (("Drama", "Comedy"), True)
    # Without "too": "a war movie that isn't depressing" showed Schindler's List first.
    for said in ("a drama that isn't depressing", "a drama that's not sad"):
        assert understand(said, titles, vocabulary).categories == ("Drama", "Comedy"), said
    # Tears ruled out are sadness: "a movie about a dog that won't make me cry" found Dog Day Afternoon and Alpha Dog.
    for said in ("a movie about a dog that won't make me cry", "a movie about a dog that doesn't make you cry"):
        dog = understand(said, titles, vocabulary)
        assert dog.categories == ("Comedy",) and "cry" not in (dog.query or "") and "dog" in (dog.query or ""), said
    assert "cry" in (understand("a movie that will make me cry", titles, vocabulary).query or "")
    # The user's sadness is lifted: "I'm sad today" read as "something sad" and showed The Notebook and Requiem for a
    # Dream; one who asks for tears is given them.
    for said in ("I'm sad today", "I'm feeling a bit sad, any ideas?"):
        assert (understand(said, titles, vocabulary).query or "").startswith("cheer me up"), said
    for said in ("I'm sad, I need a good cry", "something sad"):
        assert "cheer" not in (understand(said, titles, vocabulary).query or ""), said
    # So is a breakup, whom with said or not ("I just broke up with my girlfriend" searched its words: My Super
    # Ex-Girlfriend, The Break-Up); "going through a breakup, I want a good cry" asks for the tears.
    for said in ("I just broke up with my girlfriend", "my boyfriend dumped me, I need a movie", "I got dumped"):
        query = understand(said, titles, vocabulary).query or ""
        assert "cheer me up" in query and "friend" not in query, said
    # Laughing out loud is a comedy, no words to search ("make me laugh out loud" found Scary Movie, said loosely);
    # "something to make us laugh" is a mood, as before.
    for said in ("I want a movie that will make me laugh out loud", "I need something that will crack me up"):
        loud = understand(said, titles, vocabulary)
        assert loud.categories == ("Comedy",) and "laugh" not in (loud.query or "") and "crack" not in (
            loud.query or ""), said
    assert understand("something to make us laugh", titles, vocabulary).query == "something to make us laugh"
    # After children's films, more grown up yet fine for them is what parents watch with older children.
    for said in ("something a bit more grown up but still ok for them", "something older but still fine for the kids"):
        assert understand(said, titles, vocabulary).query == "something to watch with my teenage kids", said
    assert understand("something more grown up", titles, vocabulary).query == "something more grown up"
    tears = understand("going through a breakup, I want a good cry", titles, vocabulary).query or ""
    assert "cheer" not in tears and "breakup" not in tears and "cry" in tears
    assert "cheer" not in (understand("a movie about a couple who broke up", titles, vocabulary).query or "")
    # Thinking ruled out is a mindless film: "need something that doesn't require much thinking" searched "thinking"
    # (Inception, A Beautiful Mind); asked for, thinking stays.
    for said in ("need something that doesn't require much thinking", "I don't want to think too hard tonight"):
        assert "mindless" in (understand(said, titles, vocabulary).query or ""), said
    assert understand("a movie that requires thinking", titles, vocabulary).query == "a movie that requires thinking"
    # Gore and violence turned down are suspense: "scary but not gory" searched "scary" alone and found Scary Movie.
    thriller = understand("a thriller but not too violent", titles, vocabulary).query
    assert (thriller, searched_theme(thriller)) == ("a thriller but not too violent", "a thriller but suspenseful")
    scary = understand("a scary movie that isn't too gory", titles, vocabulary)
    assert (scary.categories, searched_theme(scary.query)) == (("Horror",), "a scary movie that suspenseful")
    # Stupidity turned down is wit: "a comedy, nothing too stupid" ruled out the tag "stupid" and showed Dumb & Dumber.
    clever = understand("looking for a comedy, nothing too stupid", titles, vocabulary)
    assert (clever.categories, clever.avoided, searched_theme(clever.query)) == (("Comedy",), (),
                                                                               "witty, satire, clever")
    # ... and leave out the kinds of violence not asked for ("a war movie that isn't too violent" showed Braveheart).
    assert understand("a thriller but not too violent", titles, vocabulary).exclude_categories == ("Action", "Horror")
    assert scary.exclude_categories == ("Action",)
    assert understand("an action movie without much violence", titles, vocabulary).exclude_categories == ("Horror",)
    # Less of it asked for: "something with less violence" after 80s action showed The Thing and RoboCop.
    less = understand("an action movie with less violence", titles, vocabulary)
    assert less.violence_down and less.exclude_categories == ("Horror",)
    assert searched_theme("something with less violence") == "something with suspenseful"
    # A kind asked for and turned down in degree is milder, not ruled out: it excluded horror, and for a 12-year-old
    # showed Ice Age and Freaky Friday; now Hocus Pocus, and Shaun of the Dead for grown-ups.
    mild = understand("a horror movie that's not too scary for a 12 year old", titles, vocabulary)
    assert (mild.categories, mild.all_categories, mild.exclude_categories) == (("Horror", "Comedy"), True, ())
    assert understand("a thriller that is not too scary", titles, vocabulary).exclude_categories == ("Horror",)
    assert understand("not too scary please", titles, vocabulary).exclude_categories == ("Horror",)
    # So is horror for someone who scares easily ("I want a horror movie but I get scared easily" showed The Shining
    # and The Exorcist), and the fright is not searched.
    for said in ("I want a horror movie but I get scared easily", "a horror film, I'm a scaredy cat"):
        easily = understand(said, titles, vocabulary)
        assert (easily.categories, easily.all_categories) == (("Horror", "Comedy"), True), said
        assert not {"scared", "easily", "scaredy"} & set(content_words(easily.query))
    # So is horror for someone new to it: "never" ruled horror out (Ghost, Monsters, Inc., Cape Fear came).
    for said in ("what's a good movie for someone who has never seen a horror film?", "horror for beginners",
                 "a good first horror movie", "I'm new to horror, where do I start?"):
        new = understand(said, titles, vocabulary)
        assert (new.categories, new.all_categories, new.exclude_categories) == (("Horror", "Comedy"), True, ()), said
        assert not {"never", "someone", "beginners", "first"} & set(content_words(new.query)), said
    # Not liked is still ruled out.
    assert understand("I've never seen a horror movie I liked, a thriller maybe?", titles,
                      vocabulary).exclude_categories == ("Horror",)
    # Words of quality alone ask for films people love, not for Top Five or Best in Show.
    best = understand("the greatest movies of all time", titles, vocabulary)
    assert (best.intent, best.query) == ("recommend", None)
    assert understand("top rated comedies", titles, vocabulary).query == "comedies"
    nineties = understand("what are the best movies of the 90s?", titles, vocabulary)
    assert (nineties.intent, nineties.query, nineties.year_from, nineties.year_to) == ("recommend", None, 1990, 1999)


def test_tell_me_more_about_an_item_shown_asks_for_its_details(titles, vocabulary) -> None:
    reading = understand("the third one sounds fun, tell me more", titles, vocabulary, shown=SHOWN)
    assert reading.intent == "details" and reading.subject == SHOWN[2]
    assert understand("tell me more about Heat", titles, vocabulary).intent == "details"


def test_a_question_whether_an_item_is_of_a_kind_asks_about_it(titles, vocabulary) -> None:
    kids = understand("the second one, is it good for kids?", titles, vocabulary, shown=SHOWN)
    assert (kids.intent, kids.subject, kids.asked_of) == ("details", SHOWN[1], ("Children",))
    that = understand("is that a comedy?", titles, vocabulary, shown=SHOWN)
    assert (that.intent, that.subject, that.asked_of) == ("details", SHOWN[0], ("Comedy",))
    named = understand("Is Heat a comedy?", titles, vocabulary)
    assert (named.intent, named.subject, named.asked_of) == ("details", "4", ("Comedy",))
    after = understand("Heat, is it funny?", titles, vocabulary)  # the title first: it showed comedies
    assert (after.intent, after.subject, after.asked_of) == ("details", "4", ("Comedy",))
    # Too scary for kids is asked of the item, no rule for the rest of the session.
    scary = understand("would it be too scary for my kids?", titles, vocabulary, shown=SHOWN[:1])
    assert set(scary.asked_of) == {"Horror", "Children"} and scary.exclude_categories == ()
    assert understand("is there a comedy like Heat?", titles, vocabulary).intent == "more_like"


def test_that_after_a_noun_begins_a_clause_and_points_at_nothing(titles, vocabulary) -> None:
    reading = understand("something that isn't a comedy", titles, vocabulary, shown=SHOWN)
    assert reading.references == () and reading.exclude_categories == ("Comedy",) and reading.categories == ()
    assert understand("a movie that won't make me cry", titles, vocabulary, shown=SHOWN).references == ()
    assert understand("I like that one", titles, vocabulary, shown=SHOWN).references == (SHOWN[0],)


def test_a_dislike_of_an_item_shown_leaves_nothing_to_search(titles, vocabulary) -> None:
    reading = understand("I didn't like the first one. Something else?", titles, vocabulary, shown=SHOWN)
    assert reading.dislikes == (SHOWN[0],) and reading.query is None


def test_anything_similar_after_a_title_asks_for_films_like_it(titles, vocabulary) -> None:
    reading = understand("I just watched Heat and loved it. Anything similar?", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.likes) == ("more_like", "4", ("4",))
    asked = understand("the second one looks interesting, who's in it?", titles, vocabulary, shown=SHOWN)
    assert (asked.intent, asked.subject) == ("details", SHOWN[1])
    assert understand("similar storyline", titles, vocabulary, shown=SHOWN).intent != "details"
    assert understand("I don't really like superhero movies, they're all the same", titles, vocabulary).query is None


def test_a_question_whether_the_items_shown_are_of_a_kind_asks_which(titles, vocabulary) -> None:
    reading = understand("Those sound very cool, do they have a lot of action in them?", titles, vocabulary,
                         shown=SHOWN)
    assert (reading.intent, reading.asked_of, reading.categories) == ("which", ("Action",), ("Action",))
    assert understand("are any of them too scary?", titles, vocabulary, shown=SHOWN).exclude_categories == ()
    assert understand("do they have a lot of action?", titles, vocabulary).intent == "recommend"  # nothing shown
    # Without a verb: "any of those funny?" showed comedies of any kind; "any of those with cars?" refines the theme.
    funny = understand("any of those funny?", titles, vocabulary, shown=SHOWN)
    assert (funny.intent, funny.asked_of) == ("which", ("Comedy",))
    assert understand("any of those with cars?", titles, vocabulary, shown=SHOWN).intent == "recommend"


def test_a_question_how_the_items_shown_were_rated_asks_their_ratings(titles, vocabulary) -> None:
    for message in ("are those any good?", "how are they rated?", "what's it rated?", "is any of them rated R?"):
        assert understand(message, titles, vocabulary, shown=SHOWN).intent == "ratings", message
    # After one film's details, "it" is that film; a reference or a title is that one; nothing shown asks nothing.
    focused = understand("what's it rated?", titles, vocabulary, shown=SHOWN, focused=True)
    assert (focused.intent, focused.subject) == ("details", SHOWN[0])
    assert understand("what is the second one rated?", titles, vocabulary, shown=SHOWN).subject == SHOWN[1]
    assert understand("how are they rated?", titles, vocabulary).intent != "ratings"


def test_what_a_negation_rules_out_is_no_part_of_the_request(titles, vocabulary) -> None:
    reading = understand("no, not a comedy", titles, vocabulary)
    assert (reading.query, reading.exclude_categories) == (None, ("Comedy",))


@pytest.mark.parametrize("message", ["I hate horror but love thrillers", "I don't like horror but I like thrillers",
                                     "I can't stand horror, though I love a good thriller",
                                     # a question after a comma asks afresh: they ruled thrillers out too
                                     "I hate horror, any thrillers?", "I'm sick of horror, got any thrillers?",
                                     "I'm tired of horror. Thrillers please",
                                     # a film named afresh after a comma: it ruled thrillers out too
                                     "no horror please, a thriller", "not a horror movie, just a good thriller"])
def test_a_dislike_ends_where_the_sentence_turns(titles, vocabulary, message) -> None:
    # "I hate horror but love thrillers" ruled out thrillers too, and showed the most popular films of any kind.
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.exclude_categories) == (("Thriller",), ("Horror",))


def test_tired_of_a_kind_rules_it_out(titles, vocabulary) -> None:
    # "I'm tired of superhero movies, something else" searched and showed Batman and Spider-Man.
    tired = understand("I'm tired of superhero movies, something else", titles, vocabulary,
                       theme_of={"superhero"}.__contains__)
    assert (tired.avoided, tired.query) == (("superhero",), None)
    assert understand("fed up with horror", titles, vocabulary).exclude_categories == ("Horror",)
    # ... as bored of them does: "i'm bored of superhero movies, give me something original" showed Spider-Man.
    bored = understand("i'm bored of superhero movies, give me something original", titles, vocabulary,
                       theme_of={"superhero"}.__contains__)
    assert bored.avoided == ("superhero",) and "superhero" not in (bored.query or "")
    assert understand("bored with horror", titles, vocabulary).exclude_categories == ("Horror",)
    assert understand("I'm tired, something funny", titles, vocabulary).categories == ("Comedy",)
    assert understand("not a fan of sci fi or any action", titles, vocabulary).exclude_categories == (
        "Sci-Fi", "Action")


def test_praise_of_titles_likes_them_and_a_question_about_one_does_not(titles, vocabulary) -> None:
    # "my favorites are Heat and Alien" showed Heat's details; "is Heat great?" noted a like of it.
    assert understand("my favorites are Heat and Alien", titles, vocabulary).likes == ("4", "1")
    assert understand("Amélie is brilliant", titles, vocabulary).likes == ("5",)
    for asked in ("is Heat great?", "was Alien any good?", "so is Amélie hilarious?"):
        reading = understand(asked, titles, vocabulary)
        assert (reading.likes, reading.intent) == ((), "details"), asked
    assert understand("Heat was great", titles, vocabulary).likes == ("4",)
    # "I loved Heat, it was hilarious" asked for comedies: the praise is of the film, no kind asked for.
    praised = understand("I loved Heat, it was hilarious", titles, vocabulary)
    assert (praised.likes, praised.categories) == (("4",), ())
    assert understand("I loved Heat. any hilarious movies?", titles, vocabulary).categories == ("Comedy",)


@pytest.mark.parametrize("message", ["I don't like romance, comedies are fine", "no romance, a comedy is ok",
                                     "not into romance, comedies would be great"])
def test_a_kind_said_to_do_after_a_dislike_is_asked_for(titles, vocabulary, message) -> None:
    # "I don't like romance, comedies are fine" ruled comedies out too and showed Star Wars and The Big Short.
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.exclude_categories) == (("Comedy",), ("Romance",))
    # A clause that goes on with the dislike still rules out.
    assert "Comedy" in understand("I don't like romance, comedies are not good either", titles,
                                  vocabulary).exclude_categories


def test_gore_turned_down_avoids_the_goriest_and_keeps_the_themes_kind(titles, vocabulary) -> None:
    def tagged(word: str) -> bool:  # as the catalog's tags would say
        return word in ("gore", "brutal", "brutality", "zombies")

    # "something scary but not too gory" showed Saw, tagged brutal.
    scary = understand("I want something scary but not too gory", titles, vocabulary, theme_of=tagged)
    # Natural Born Killers, tagged brutality, came for "something with less violence".
    assert scary.avoided == ("gore", "brutal", "brutality") and scary.categories == ("Horror",)
    # "not too gory please" after horror films ruled horror out (it showed Ghost and Monsters, Inc.).
    after = understand("not too gory please", titles, vocabulary, shown=SHOWN, theme_of=tagged)
    assert after.avoided == ("gore", "brutal", "brutality") and "Horror" not in after.exclude_categories
    # Violence turned down leaves out the films tagged violent too ("nothing too violent" after thrillers showed Fight
    # Club); gore alone does not.
    def tagged_violent(word: str) -> bool:
        return word in ("gore", "violence")

    violent = understand("yeah but nothing too violent", titles, vocabulary, shown=SHOWN, theme_of=tagged_violent)
    assert violent.avoided == ("gore", "violence")
    assert understand("not too gory", titles, vocabulary, shown=SHOWN, theme_of=tagged_violent).avoided == ("gore",)
    assert understand("horror movies please", titles, vocabulary, theme_of=tagged).avoided == ()


@pytest.mark.parametrize("message", ["she doesn't like violence", "no violence please", "I hate violent movies"])
def test_violence_ruled_out_is_turned_down_too(titles, vocabulary, message) -> None:
    # Only the few films the tags call violent were left out: The Brothers Grimm, a horror film, came.
    reading = understand(message, titles, vocabulary, theme_of=lambda word: True)
    assert reading.violence_down and reading.intent == "recommend"
    assert set(reading.exclude_categories) == {"Action", "Horror"} and "gore" in reading.avoided
    # After a list the theme's own kinds stay (left out in the guided mode: those the theme is not of).
    after = understand(message, titles, vocabulary, shown=SHOWN, theme_of=lambda word: True)
    assert after.violence_down and after.exclude_categories == ()


def test_not_too_graphic_is_violence_turned_down(titles, vocabulary) -> None:
    # "a war movie but not too graphic" showed Saving Private Ryan and Braveheart (only "graphic" was ruled out).
    reading = understand("a thriller but not too graphic", titles, vocabulary, theme_of=lambda word: True)
    assert reading.violence_down and reading.categories == ("Thriller",)
    assert "Action" in reading.exclude_categories and {"gore", "violence"} <= set(reading.avoided)


@pytest.mark.parametrize("message", ["they're a bit older, like 12", "she is older now", "something for my older kids",
                                     "my kids are a little older"])
def test_older_said_of_people_asks_for_no_years(titles, vocabulary, message) -> None:
    # "they're a bit older, like 12" after films for children showed Snow White and The Jungle Book (before 1980).
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.year_from, reading.year_to, direction_of(message)) == (None, None, None)
    assert understand("anything a bit older?", titles, vocabulary).year_to == 1979
    assert direction_of("anything a bit older?") == "older"


def test_if_i_liked_a_title_is_a_like_and_if_i_enjoy_it_one_to_come(titles, vocabulary) -> None:
    # "what should I watch if I liked The Godfather and Goodfellas?" searched the whole message and showed both films.
    reading = understand("what should I watch if I liked The Godfather and Heat?", titles, vocabulary)
    assert (reading.likes, reading.query) == (("12", "4"), None)
    one_to_come = understand("if I enjoy Heat, what else is there?", titles, vocabulary)
    # Films like it: searched whole, the message found Heat and The Heat, then Warm Bodies.
    assert (one_to_come.likes, one_to_come.intent, one_to_come.subject) == ((), "more_like", "4")


def test_surprise_me_asks_for_anything_and_a_surprise_ending_for_one(titles, vocabulary) -> None:
    anything = understand("surprise me", titles, vocabulary)
    assert (anything.intent, anything.query) == ("recommend", None)  # it searched "surprise": Saw, a twist
    assert understand("a movie with a surprise ending", titles, vocabulary).query == "a movie with a surprise ending"


def test_a_relative_that_points_at_nothing(titles, vocabulary) -> None:
    reading = understand("any recommendations that would be similar to Knives Out?", titles, vocabulary, shown=SHOWN)
    assert reading.references == () and reading.subject is None


def test_a_kind_of_film_after_an_indefinite_article_is_no_title() -> None:
    catalog = CatalogTitles([Item("1", "Scary Movie (2000)", "", ("Comedy",), {}),
                             Item("2", "Superhero Movie (2008)", "", ("Comedy",), {})])
    assert catalog.find("a scary movie that keeps me up at night") == []
    assert catalog.find("in the mood for any superhero movie") == []
    assert [m.item_id for m in catalog.find("I loved Scary Movie, and superhero movie")] == ["1", "2"]
    # "a really scary movie" showed the details of Scary Movie and comedies like it.
    assert catalog.find("a really scary movie") == catalog.find("I want a good scary movie") == []


@pytest.mark.parametrize(("message", "intent", "unknown"), [
    ("I loved Heat 2", "search", "Heat 2"),
    ("I really liked Alien: Covenant Returns", "search", "Alien: Covenant Returns"),
    ("have you seen Toy Story 9?", "search", "Toy Story 9"),
    ("I loved Heat (2009)", "search", "Heat (2009)"),  # a year not the catalog's: another film of that title
    ("I watched The Irishman", "chat", "The Irishman"),  # not in the catalog: said so, not searched as words
    ("Knives Out.", "search", "Knives Out"),  # a name alone, answering what was watched last
    ("I really liked alien:covenant. It's a horror film", "recommend", "alien:covenant"),  # horror, searched whole
])
def test_a_title_that_goes_on_past_a_catalog_title_is_a_film_the_catalog_lacks(titles, vocabulary, message,
                                                                                intent, unknown) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.likes == () and reading.seen == ()  # not recorded for the catalog's shorter namesake
    assert (reading.intent, reading.unknown_title) == (intent, unknown)
    if intent == "recommend":
        assert "alien covenant" in (reading.query or "")


def test_a_colon_after_a_title_that_starts_a_sentence_is_no_subtitle(titles, vocabulary) -> None:
    reading = understand("I loved Heat: it was tense all the way", titles, vocabulary)
    assert reading.likes == ("4",) and reading.unknown_title is None


def test_a_title_inside_a_persons_name_is_no_title() -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("90", "Rock, The (1996)", "", ("Action",)),
                             Item("91", "Paul (2011)", "", ("Comedy",))])
    message = "Actors I like: Seth Rogen, Paul Rudd, Dwayne The Rock Johnson and Tom Hanks"
    assert _ids(catalog, message) == []
    assert _ids(catalog, "I loved The Rock, and Paul was fun too") == ["90", "91"]
    assert _ids(catalog, "Watched Heat on Saturday") == ["4"]  # a sentence's start, a day: no name
    assert _ids(catalog, "I loved The Rock (1996) with Sean Connery") == ["90"]


def test_a_title_inside_a_name_joined_by_a_small_word_is_no_title(vocabulary) -> None:
    # "I like Game of Thrones" liked The Game; "I loved Parks and Rec" liked [REC].
    catalog = CatalogTitles([*CHAT_ITEMS, Item("92", "Game, The (1997)", "", ("Thriller",)),
                             Item("93", "[REC] (2007)", "", ("Horror",))])
    assert _ids(catalog, "I like Game of Thrones, any fantasy movies?") == []
    assert _ids(catalog, "I loved Parks and Rec, any funny movies like that?") == []
    assert _ids(catalog, "I loved The Game and Heat") == ["92", "4"]  # each a title of its own
    reading = understand("I loved Parks and Rec, any funny movies like that?", catalog, vocabulary)
    assert reading.unknown_title == "Parks and Rec" and reading.likes == ()


def test_a_lower_case_title_after_similar_to(titles, vocabulary) -> None:
    reading = understand("any crime films similar to heat?", titles, vocabulary)
    assert (reading.intent, reading.subject) == ("more_like", "4")


def test_ruling_out_a_kind_of_film_keeps_its_category(titles, vocabulary) -> None:
    """"Not into slasher films" rules out slashers, not every horror film; "no horror" rules out horror."""
    subgenre = understand("I like psychological thrillers - I'm not too into slasher films", titles, vocabulary)
    assert subgenre.exclude_categories == () and "slasher" not in (subgenre.query or "")
    assert understand("not a fan of horror, something funny", titles, vocabulary).exclude_categories == ("Horror",)
    # A romantic comedy is both (it was romance alone, and "a good romcom" found Speed and True Lies).
    romcoms = understand("old rom coms please", titles, vocabulary)
    assert (romcoms.categories, romcoms.all_categories, romcoms.query) == (("Romance", "Comedy"), True,
                                                                          "old romantic comedy please")
    assert not understand("I enjoy drama movies and romantic comedies", titles, vocabulary).all_categories
    assert understand("not into romance, something scary", titles, vocabulary).categories == ("Horror",)


@pytest.mark.parametrize(("message", "years"), [
    ("I don't mind if it's older", (None, None)),  # allowed, not asked for
    ("I don't mind old movies", (None, None)),
    ("fine with recent films too", (None, None)),
    ("something older please", (None, 1979)),
])
def test_years_allowed_are_not_years_asked_for(titles, vocabulary, message, years) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.year_from, reading.year_to) == years


def test_a_film_said_with_trilogy_or_movies_stands_for_those_its_title_goes_on_to() -> None:
    films = CatalogTitles([Item("1", "Dark Knight, The (2008)", "", ("Action",)),
                           Item("2", "Dark Knight Rises, The (2012)", "", ("Action",)),
                           Item("3", "Toy, The (1982)", "", ("Comedy",)),
                           Item("4", "Toy Story (1995)", "", ("Comedy",)),
                           Item("5", "Toy Story 2 (1999)", "", ("Comedy",)), Item("6", "Alien (1979)", "", ("Horror",)),
                           Item("7", "Alien Nation (1988)", "", ("Sci-Fi",))], popularity={"1": 9, "2": 5})
    vocabulary = CategoryVocabulary(["Action", "Comedy", "Horror", "Sci-Fi"])
    # It searched "i loved the dark knight trilogy" and showed The Three Musketeers and A Knight's Tale.
    reading = understand("I loved the Dark Knight trilogy", films, vocabulary)
    assert (reading.intent, reading.likes) == ("feedback", ("1",))
    assert grouped_films("I loved the Dark Knight trilogy", reading.titles[0], films) == ["1", "2"]
    assert grouped_films("I loved the Dark Knight", reading.titles[0], films) == []  # the film alone
    # "the Toy Story movies": Toy Story, not the film "The Toy" its first words make.
    toys = understand("I loved the Toy Story movies", films, vocabulary)
    assert [mention.item_id for mention in toys.titles] == ["4"]
    assert films.titled_alike("toy story") == ["4", "5"] and films.titled_alike("alien") == []  # no Alien Nation
    assert understand("I loved The Toy", films, vocabulary).likes == ("3",)


def test_a_name_said_with_movies_that_titles_hold_is_their_films_of_a_kind() -> None:
    # "I loved the Rocky movies" searched its words and showed The Rocky Horror Picture Show and the Rocky films loved;
    # "the Dollars trilogy" and "the Bourne movies", which no title is, found Pirates of the Caribbean and Bourne films.
    films = CatalogTitles([Item("1", "Rocky (1976)", "", ("Drama",)),
                           Item("2", "Rocky II (1979)", "", ("Action", "Drama")),
                           Item("3", "Rocky Horror Picture Show, The (1975)", "", ("Comedy", "Musical")),
                           Item("4", "Fistful of Dollars, A (1964)", "", ("Action", "Western")),
                           Item("5", "For a Few Dollars More (1965)", "", ("Action", "Western")),
                           Item("6", "Before Sunrise (1995)", "", ("Drama", "Romance")),
                           Item("7", "Before Sunset (2004)", "", ("Drama", "Romance")),
                           Item("8", "Before Night Falls (2000)", "", ("Drama",)),
                           Item("9", "Before Midnight (2013)", "", ("Drama", "Romance")),
                           Item("10", "Nightmare Before Christmas, The (1993)", "", ("Animation",)),
                           Item("11", "First Blood (Rambo: First Blood) (1982)", "", ("Action",)),
                           Item("12", "Rambo III (1988)", "", ("Action",)),
                           Item("13", "Milk Money (1994)", "", ("Comedy",)),
                           Item("14", "Alien (1979)", "", ("Horror", "Sci-Fi")),
                           Item("15", "Aliens (1986)", "", ("Action", "Horror", "Sci-Fi")),
                           Item("16", "Alien Nation (1988)", "", ("Crime", "Sci-Fi", "Thriller"))],
                          popularity={"1": 9, "2": 5, "3": 8, "6": 7, "7": 6, "8": 5, "9": 1, "10": 20, "11": 4,
                                      "14": 9})
    vocabulary = CategoryVocabulary(["Action", "Animation", "Comedy", "Drama", "Musical", "Romance", "Western"])
    assert films.named_in_titles("Rocky") == ["1", "2"]  # half their kinds shared with Rocky at least
    assert films.named_in_titles("rambo") == ["11", "12"]  # by its other title too
    assert films.named_in_titles("Alien") == ["14", "15"]  # "Aliens" too, not Alien Nation
    assert films.named_in_titles("Milk") == [] and films.named_in_titles("Horror") == []  # one film only
    rocky = understand("I loved the Rocky movies", films, vocabulary)
    assert rocky.likes == ("1",) and grouped_films("I loved the Rocky movies", rocky.titles[0], films) == ["1", "2"]
    dollars = understand("I loved the Dollars trilogy", films, vocabulary)
    assert (dollars.intent, dollars.likes) == ("feedback", ("4",))
    assert grouped_films("I loved the Dollars trilogy", dollars.titles[0], films) == ["4", "5"]
    # Three of those that begin with the name, the best known first, then those of its kinds: not The Nightmare
    # Before Christmas, nor Before Night Falls, better known than Before Midnight.
    before = understand("I loved the Before trilogy", films, vocabulary)
    assert grouped_films("I loved the Before trilogy", before.titles[0], films) == ["6", "7", "9"]
    assert understand("I love the Western movies", films, vocabulary).titles == ()  # a kind, no name
    # A sentence's first word is none.
    assert understand("hi. Before movies were this long, ...", films, vocabulary).titles == ()


@pytest.mark.parametrize(("message", "years"), [
    ("what's a good movie from 2015?", (2015, 2015)),  # it asked for titles liked, as if nothing were asked
    ("any 1994 comedies?", (1994, 1994)),
    ("a film from 2010-2015", (2010, 2015)),
    ("something between 2000 and 2005", (2000, 2005)),
    ("films of the 2000s", (2000, 2009)),  # a decade, not the year 2000
    ("a film from 2015 on", (2015, None)),
    ("anything 2010 or later", (2010, None)),
])
def test_a_year_said_alone_or_a_range_of_years(titles, vocabulary, message, years) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, (reading.year_from, reading.year_to)) == ("recommend", years)


def test_an_age_in_decades_is_no_decade_of_films(titles, vocabulary) -> None:
    # "my parents, they're in their 70s" showed The Rocky Horror Picture Show and Meatballs.
    parents = understand("I need something to watch with my parents, they're in their 70s", titles, vocabulary)
    assert (parents.year_from, parents.year_to) == (None, None)
    grandma = understand("my grandma is in her late 80s, something from the 50s", titles, vocabulary)
    assert (grandma.year_from, grandma.year_to) == (1950, 1959)


def test_an_old_black_and_white_movie_is_old(titles, vocabulary) -> None:
    # Not read as years, "old" was a nostalgic mood: Manhattan, Dr. Strangelove and Bambi, no Psycho.
    assert understand("an old black and white movie", titles, vocabulary).year_to == 1979
    assert understand("an old silent film", titles, vocabulary).year_to == 1979
    assert understand("my 10 year old loves movies", titles, vocabulary).year_to is None
    assert understand("a cult classic", titles, vocabulary).year_to is None  # Pulp Fiction is one


@pytest.mark.parametrize(("message", "rated", "query"), [
    ("what are the best movies of the 90s?", "best", None),
    ("the best comedies of the 90s", "best", "the comedies"),  # searched: Ace Ventura, Dumb & Dumber
    ("top rated comedies", "best", "comedies"),
    ("the greatest films of all time", "best", None),
    ("an underrated gem", "underrated", None),  # it found Romancing the Stone and Diamonds Are Forever
    ("any hidden gems?", "underrated", None),
    ("something lesser-known but good", "underrated", None),
    ("something less mainstream?", "underrated", None),  # searched, it showed The Matrix and Silence of the Lambs
    ("surprise me", "underrated", None), ("something random", "underrated", None),  # the five most popular came
    ("my best friend is over, something funny", None, "my friend is over something funny"),
    ("the most popular movies", None, "the most movies"),  # the ranking's own order, not ratings
    # The craft people rate films for, which the catalog knows only by their ratings ("good actors" found titles
    # with "Actor" in them).
    ("and maybe with some really good actors in it too?", "best", None),
    ("a well acted war movie", "best", "a war movie"),
    ("a horror movie that's actually good", "best", "a horror movie thats"),  # Scary Movie came by its title
    ("recommend a movie from the 80s that's still good today", "best", None),  # its words were searched
    ("I am not overly interested in the actors though, just a good story.", "best", None),
    # The films everyone should see: the best rated, no words to search ("a classic everyone should see" searched
    # them and showed Monty Python's comedies).
    ("what should everyone see at least once?", "best", None),
    ("what movies should I watch before I die?", "best", None),
    ("a must-see thriller", "best", "a thriller"),
    ("some essential movies", "best", None),
    # Where to look is no word to search: "catalog" was, and Toy Story came first of the best rated.
    ("what's the highest rated movie in the catalog?", "best", None),
    ("what is the worst movie in your collection", "worst", None),
    # A film everyone loves is the best rated, one the user has probably not seen the well rated and less known: their
    # words found Love Actually.
    ("what's a movie everyone loves?", "best", None),
    ("what's a movie everyone loves but I probably haven't seen?", "underrated", None),
    ("something good I probably haven't heard of", "underrated", None),
    ("a comedy that's actually funny", "best", "a comedy thats"),  # the comedies most people know came
    ("I've never seen a western in my life", None, "ive a western in my life"),
    ("a horror movie we should watch tonight", None, "a horror movie we should watch tonight"),
])
def test_the_best_rated_and_the_underrated_are_asked_for(titles, vocabulary, message, rated, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.rated, reading.query) == ("recommend", rated, query)


@pytest.mark.parametrize(("message", "categories", "years"), [
    ("what is your favorite film?", (), (None, None)),  # it asked what the user was in the mood for
    ("Perfect. I'll check it out and one other: your favorite film. What might that be?", (), (None, None)),
    ("what's your all time favourite comedy from the 90s?", ("Comedy",), (1990, 1999)),
])
def test_the_recommenders_favorite_is_the_best_rated_of_what_is_asked(titles, vocabulary, message, categories,
                                                                       years) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.rated, reading.count, reading.asks_favorite) == ("recommend", "best", 1, True)
    assert (reading.query, reading.categories, (reading.year_from, reading.year_to)) == (None, categories, years)
    # Of a list shown, it chooses among it.
    among = understand("what's your favorite of these?", titles, vocabulary, shown=SHOWN)
    assert (among.choice, among.asks_favorite) == ("best", False)


@pytest.mark.parametrize(("message", "query"), [
    # It showed Batman and Spider-Man; to the horror fan who had seen the classics, films before 1980.
    ("I also love superhero movies, but I think I've seen most of them", "i also love superhero movies"),
    ("I love horror movies but I've seen most of the classics", "i love horror movies"),
    ("any good thrillers? I've seen all the popular ones", "any good thrillers"),
    ("a sci-fi movie, I've already watched the big ones", "a sci fi movie"),
    ("I like horror, I've seen most of them though", "i like horror though"),
    ("I've seen pretty much all the classics", None),
])
def test_the_well_known_films_seen_ask_for_good_ones_less_known(titles, vocabulary, message, query) -> None:
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.rated, reading.query) == ("recommend", "underrated", query)
    assert (reading.references, reading.seen, reading.year_to) == ((), (), None)  # "them": the kind, not the list


def test_most_of_those_after_a_list_is_still_the_list(titles, vocabulary) -> None:
    reading = understand("hmm, I've seen most of those. older ones?", titles, vocabulary, shown=SHOWN)
    assert (reading.seen, reading.rated) == (tuple(SHOWN), None)


@pytest.mark.parametrize("message", ["the second one is too cheesy", "not that one, the second one is too cheesy",
                                     "the second one sounds way too slow"])
def test_an_item_shown_said_to_be_too_much_is_not_liked(titles, vocabulary, message) -> None:
    # "is too cheesy" was searched as a request of its own, and the theme was lost.
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.dislikes, reading.query) == ("feedback", (SHOWN[1],), None)


def test_too_much_of_what_a_comparison_can_lessen_is_its_direction(titles, vocabulary) -> None:
    # Searched as said, "with less violence" leaned to violence: Natural Born Killers came.
    assert direction_said("with less violence") == "less violence"
    assert direction_said("with a happy ending") == "with happy ending"  # said so in the table
    assert direction_of("the third one is too violent") == "less violent"
    assert direction_of("the third one is too slow") is None  # no meaning to search for less of it
    asked = understand("is the first one too scary?", titles, vocabulary, shown=SHOWN)
    assert asked.dislikes == () and asked.intent == "details"  # a question, not a judgement


@pytest.mark.parametrize(("message", "direction"), [
    ("something like Jaws but not so old", "newer"),  # searched as words: The Exorcist, of 1973, came
    ("like Casablanca but not as old", "newer"),
    ("like Inception but not too new", "older"),
    ("like Heat but not too old", "newer"),
    ("like Jaws but less scary and not that old", "less scary and newer"),
])
def test_an_age_said_with_a_negation_in_a_comparison_is_the_way_in_time(message, direction) -> None:
    assert direction_of(message) == direction


def test_a_comparison_with_or_without_something_and_an_era_after_a_sentence_are_directions(titles,
                                                                                           vocabulary) -> None:
    assert direction_of("like Titanic but with a happy ending") == "with a happy ending"
    assert DIRECTION_MEANINGS[direction_said("with a happy ending")].startswith("happy ending")
    # "one with a happier ending" after films like Eternal Sunshine of the Spotless Mind was searched as said: The
    # Notebook and Requiem for a Dream came ("sad" is near "happy" by meaning); the light ones are searched as funny.
    assert DIRECTION_MEANINGS[direction_said("with a happier ending")].startswith("funny")
    # "without" rules out: "like 28 Days Later but without zombies" searched toward zombies as a direction.
    assert direction_of("something like 28 Days Later but without zombies") is None
    # After films like Inception it searched "ive seen most of those" from before 1980.
    reading = understand("hmm, I've seen most of those. older ones?", titles, vocabulary, shown=SHOWN)
    assert (reading.seen, reading.query) == (tuple(SHOWN), None)
    assert direction_of("hmm, I've seen most of those. older ones?") == "older"
    # "what about older ones" after films like The Dark Knight showed newer ones; "what about newer ones" was small
    # talk.
    assert direction_of("what about older ones") == "older" and direction_of("how about newer ones?") == "newer"
    # "and older" after films like Inception but funnier showed films of 2010, funny and like it.
    assert direction_of("and older") == "older" and direction_of("but newer") == "newer"
    assert understand("what about newer ones", titles, vocabulary, shown=SHOWN).year_from is not None
    assert understand("the newer one", titles, vocabulary, shown=SHOWN).year_from is None  # one of those talked about


@pytest.mark.parametrize(("message", "asked_of"), [
    ("is it funny?", ("Comedy",)),  # it recommended comedies, It's Kind of a Funny Story first
    ("and is it good for kids?", ("Children",)),
    ("who directed it?", ()),
    ("is it long?", ()),
])
def test_a_question_about_it_right_after_a_list_is_about_its_first_item(titles, vocabulary, message,
                                                                       asked_of) -> None:
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.references, reading.asked_of) == ("details", (SHOWN[0],), asked_of)
    assert reading.kinds_wanted == list(asked_of)  # a few like it of that kind follow
    # Not a question about it: a request.
    assert understand("is there something funny?", titles, vocabulary, shown=SHOWN).intent == "recommend"


@pytest.mark.parametrize("message", ["is it good for a 13 year old?", "is it ok for my teenager?",
                                     "the second one, is it appropriate for teens?"])
def test_asked_whether_it_suits_a_teenager_is_whether_it_is_a_childrens_film(titles, vocabulary, message) -> None:
    # It answered with the details alone, as if nothing was asked; the films like it are of any kind still.
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.asked_of, reading.kinds_wanted) == ("details", ("Children",), [])


def test_asked_whether_it_is_scary_the_films_like_it_are_not_of_that_kind(titles, vocabulary) -> None:
    # "is the fourth one scary?" of WALL-E showed I Am Legend and 28 Days Later: feared, not asked for.
    reading = understand("ooh the third one looks interesting. is it scary?", titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.references, reading.asked_of) == ("details", (SHOWN[2],), ("Horror",))
    assert reading.kinds_wanted == [] and reading.exclude_categories == ()


@pytest.mark.parametrize(("message", "minutes", "query"), [
    ("something short, under 90 minutes", 90, None),  # "short" and "90 minutes" found Get Shorty, 15 Minutes
    ("a comedy less than two hours", 120, "a comedy"),
    ("a movie under an hour and a half", 90, None),
    ("nothing too long please, a thriller", 100, "movie please a thriller"),
    ("I have a short attention span, something fun", None, "i have a short attention span something fun"),
    # The time there is: it said it could not find "90" and searched "minutes" (15 Minutes, 30 Minutes or Less).
    ("I have like 90 minutes, what should I watch?", 90, None),
    ("we've only got two hours, any good comedy?", 120, "any good comedy"),
    ("I've got 2 hours to kill", 120, None),  # "kill" found Kill Bill
    ("I'm in a rush, something short please", 100, None),  # "in a rush" found Rush Hour and Rushmore
    ("we're in a hurry, a thriller", 100, "movie a thriller"),  # "we're" is no word of it
    ("something shorter", 100, None),  # "shorter" found Get Shorty
    ("any shorter ones?", 100, None),
    ("something shorter than two hours", 120, None),
])
def test_how_long_the_films_may_run_is_read_not_searched(titles, vocabulary, message, minutes, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.max_minutes, reading.query) == ("recommend", minutes, query)


@pytest.mark.parametrize(("message", "new_theme"), [
    ("what's popular right now?", False),  # it asked for titles liked, as if nothing were asked
    ("what's trending?", False),  # "trending" found Minority Report
    ("what are people watching these days?", False),
    ("surprise me", True),
    ("something completely different", True),  # found Monty Python's And Now for Something Completely Different
    ("give me a random movie", True),  # "random" found The Mummy and Snatch, "close to what you asked for"
    ("something random", True),
])
def test_asking_for_anything_good_is_a_request_with_nothing_to_search(titles, vocabulary, message,
                                                                     new_theme) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query, reading.new_theme) == ("recommend", None, new_theme)


@pytest.mark.parametrize("message", ["what's new?", "any new releases?", "old classics",
                                     # "in a while" was searched, and showed As Good as It Gets and Pulp Fiction
                                     "I haven't been to the movies in a while, what's good that came out recently?",
                                     # An opinion beside them asks for nothing more: after horror films, it
                                     # searched these words and showed Zootopia and Toy Story 3.
                                     "the classics are usually better, but I'd like to see something new"])
def test_words_of_age_alone_are_read_as_years_not_searched(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "recommend" and reading.query is None  # "what's new?" found Now You See Me
    assert (reading.year_from, reading.year_to) != (None, None)
    assert understand("something set in new york from the 2000s", titles, vocabulary).query is not None
    told = understand("I recently watched Heat and loved it", titles, vocabulary)  # told, not asked
    assert (told.year_from, told.year_to) == (None, None)


@pytest.mark.parametrize(("message", "years"), [
    ("something from this century", (2000, None)),
    ("anything from the 21st century?", (2000, None)),
    ("a movie from the last century", (None, 1999)),
    # "too old, something from this century" after a list found Return to Oz and The Land Before Time
    ("too old, something from this century", (2000, None)),
    ("these are too old", ("recent", None)),  # said of the films shown: newer ones
    ("those are too new for me", (None, 1979)),  # was read as "new": films since 2010
    ("a movie set in the 20th century", (None, None)),  # where it is set, not when it was made
    ("I'm too old for cartoons", (None, None)),  # of the user
    ("not an old one please", (1980, None)),  # "a musical, but not an old one" asked for the old ones
    ("nothing too old please", (1980, None)),
    # An era disliked as a taste: "I don't like old ones" after musicals showed Singin' in the Rain and West Side Story.
    ("I don't like old ones", (1980, None)), ("I hate old movies", (1980, None)),
    ("not a fan of classics", (1980, None)), ("I don't really like new movies", (None, 1979)),
    ("that's too old for me", ("recent", None)),  # of the film: it searched "s too old for me"
])
def test_centuries_and_films_shown_said_to_be_too_old_or_too_new(titles, vocabulary, message, years) -> None:
    reading = understand(message, titles, vocabulary)
    recent = (titles.newest_year or 2018) - RECENT_YEARS
    assert (reading.year_from, reading.year_to) == tuple(recent if year == "recent" else year for year in years)
    if years != (None, None) and "set" not in message:
        assert reading.query is None  # "last century" searched found nothing of the kind


def test_what_a_film_is_about_is_no_title_that_starts_with_the_same_word() -> None:
    about = CatalogTitles([Item("1", "About Time (2013)", "", ("Drama",)),
                           Item("2", "Into the Wild (2007)", "", ("Drama",))])
    # "a movie about time travel" asked for the details of About Time.
    assert about.find("a movie about time travel") == []
    assert [m.item_id for m in about.find("i loved about time")] == ["1"]  # said of, it is the film
    assert [m.item_id for m in about.find("something like into the wild")] == ["2"]


def test_what_a_film_is_about_is_no_title_of_that_one_word() -> None:
    one_word = CatalogTitles([Item("1", "Cars (2006)", "", ("Animation",)), Item("2", "Toys (1992)", "", ("Comedy",))])
    # "a film about cars" asked for the details of Cars, and "a movie about toys" of Toys, not Toy Story.
    assert one_word.find("a film about cars") == one_word.find("something about toys") == []
    assert [m.item_id for m in one_word.find("tell me about toys")] == ["2"]
    assert [m.item_id for m in one_word.find("a movie about Cars")] == ["1"]  # written as a title


def test_what_a_film_is_about_said_at_length_is_no_title_inside_it() -> None:
    dog = CatalogTitles([Item("1", "Boy and His Dog, A (1975)", "", ("Sci-Fi",))])
    # It showed the details of the 1975 film, a dark science fiction.
    assert dog.find("a movie about friendship between a boy and his dog") == []
    assert [m.item_id for m in dog.find("a movie about friendship like A Boy and His Dog")] == ["1"]
    assert [m.item_id for m in dog.find("something about friendship, I loved a boy and his dog")] == ["1"]


def test_to_scare_and_spooky_ask_for_horror(titles, vocabulary) -> None:
    # "something that will scare my friends at a sleepover" showed Ghost World and Freaky Friday.
    sleepover = understand("I want to watch something that will scare my friends at a sleepover", titles, vocabulary)
    assert sleepover.categories == ("Horror",)
    spooky = understand("something spooky for my kids", titles, vocabulary)
    assert (spooky.categories, spooky.audience) == (("Horror",), ("Children",))
    assert understand("I don't want anything that will scare me", titles, vocabulary).exclude_categories == ("Horror",)
    assert understand("I love to be scared", titles, vocabulary).categories == ("Horror",)
    # The fright is ruled out, not the children who watch ("something that isn't scary for my kids" ruled children's
    # films out too and showed Star Wars and Jurassic Park); both ruled out in one breath are.
    for said in ("something that isn't scary for my kids", "something not scary for my kids"):
        calm = understand(said, titles, vocabulary)
        assert (calm.audience, calm.exclude_categories) == (("Children",), ("Horror",)), said
    assert understand("no horror or kids movies", titles, vocabulary).exclude_categories == ("Horror", "Children")


def test_a_true_story_is_no_documentary_and_a_laugh_is_a_comedy(titles, vocabulary) -> None:
    # "something inspiring, based on a true story" showed documentaries only: An Inconvenient Truth, Hoop Dreams.
    assert understand("something inspiring, based on a true story", titles, vocabulary).categories == ()
    assert understand("I want to laugh really hard", titles, vocabulary).categories == ("Comedy",)


@pytest.mark.parametrize("message", ["not a cartoon though", "no cartoons please", "I'm too old for cartoons"])
def test_cartoons_ruled_out_are_animated_films_ruled_out(titles, vocabulary, message) -> None:
    # After "I need a movie to cheer me up", "not a cartoon though" asked for nothing: read as small talk.
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.exclude_categories, reading.categories) == ("recommend", ("Animation",), ())


def test_the_last_years_count_back_from_the_catalogs_newest(titles, vocabulary) -> None:
    newest = titles.newest_year
    assert newest == 2014
    reading = understand("a comedy released in the last two years", titles, vocabulary)
    assert (reading.year_from, reading.year_to) == (newest - 2, None)
    assert understand("something recent", titles, vocabulary).year_from == newest - 8
    # Read as years, the words are no request: searched, "from the last few years" found films by its words.
    reading = understand("I want something from the last few years", titles, vocabulary)
    assert (reading.intent, reading.year_from, reading.query) == ("recommend", newest - 3, None)


@pytest.mark.parametrize("message", ["Yes I actually own that movie on dvd. poor mathew in he was in for it",
                                     "i've seen marriage story. I know the supporting actress has won.",
                                     "I am not familiar with her, did she has previous acting experience in award "
                                     "winning movies? if so, which ones?"])
def test_what_people_tell_of_themselves_asks_for_nothing(titles, vocabulary, message) -> None:
    # Searched, their words found Stuart Little, Peggy Sue Got Married, She's All That: the conversation goes on.
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query) == ("chat", None)


@pytest.mark.parametrize("message", ["I'm really into heist films", "i love zombie movies", "I need a good cry",
                                     "my kids love dinosaurs", "I like stories about time travel",
                                     "we just got back from Japan", "I'm feeling down, cheer me up",
                                     "we just got back from a long trip"])
def test_a_taste_told_of_is_a_request(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "recommend" and reading.query


@pytest.mark.parametrize("message", ["a movie where he loses his memory", "Timothee Chalamet", "heist films",
                                     "They are okay. I think Marvel does a better job"])  # a name is a theme
def test_requests_without_a_cue_are_still_requests(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "recommend" and reading.query


@pytest.mark.parametrize(("message", "wanted", "excluded"), [
    ("I prefer romantic comedies. I am not a huge fan of sci fi or action films", ("Romance", "Comedy"),
     ("Sci-Fi", "Action")),  # ruled out across "a huge fan of", and on through "or"
    ("I'm not sure, maybe a comedy", ("Comedy",), ()),  # unsure is no negation
    ("no horror, but a comedy and some action", ("Comedy", "Action"), ("Horror",)),
])
def test_what_is_ruled_out_reaches_as_far_as_people_mean(titles, vocabulary, message, wanted, excluded) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.exclude_categories) == (wanted, excluded)


@pytest.mark.parametrize(("message", "years", "query"), [
    # "Cool!" asks for nothing; "current" the catalog's last two years, and no word to search: searched, it lost the
    # suspenseful action films asked before for Captain America: Civil War and Star Wars: The Last Jedi.
    ("Cool! Got anything current?", (2012, None), None), ("anything modern?", (2006, None), None),
    ("I will watch the older one first then", (None, None), None),  # a plan: nothing asked
    ("I'd prefer an older one", (None, 1979), None),  # older, of the conversation's theme
    ("a movie set in New York", (None, None), "a movie set in new york"),  # a place (it showed films of 2010 on)
    ("something recent", (2006, None), None),  # the catalog's last eight years
    # What is popular now is of the last years too (it showed the best known films of the 90s).
    ("what's popular right now?", (2012, None), None), ("anything trending?", (2012, None), None),
    ("what should I watch right now?", (None, None), None),  # tonight, not the latest
    # This year and last are the latest too: "a movie that came out this year" searched its words (The Mummy).
    ("can you recommend a movie that came out this year?", (2012, None), None),
    ("what's a good movie from last year?", (2012, None), None), ("anything from this year?", (2012, None), None),
    ("I saw Heat last year, something like it", (None, None), None),
    # Made ever is no word to search: "what's the best movie ever made?" searched "made" and read a mood.
    ("what's the best movie ever made?", (None, None), None),
])
def test_reactions_and_references_are_not_requests_for_years(titles, vocabulary, message, years, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert ((reading.year_from, reading.year_to), reading.query) == (years, query)
    assert reading.this_year == ("year" in message and years != (None, None))


def test_a_year_said_of_the_user_is_no_request_for_this_year(titles, vocabulary) -> None:
    # Only the films of this year or last asked for get the note of the catalog's newest year.
    assert not understand("I saw Heat last year, something from the 90s", titles, vocabulary).this_year


def test_a_lower_case_title_that_a_phrase_goes_on_from_is_no_title() -> None:
    catalog = CatalogTitles([Item("1", "Edge, The (1997)", "", ("Thriller",), {})])
    assert catalog.find("I love movies that keep you on the edge of your seat") == []
    assert [m.item_id for m in catalog.find("I loved the edge")] == ["1"]
    assert [m.item_id for m in catalog.find("I loved the edge of course")] == ["1"]
    assert [m.item_id for m in catalog.find("I watched The Edge of course")] == ["1"]  # written as a title


@pytest.mark.parametrize(("message", "likes", "query"), [
    # What is told of a title liked asks for nothing: the title is what to go on.
    ("I really enjoyed Toy Story. We've watched that probably 20 times since it was released", ("3",), None),
    ("I loved Heat. I've seen it before but it's been awhile!", ("4",), None),
    # A kind of film said beside them is a theme.
    ("I love disney movies. I also loved Toy Story", ("3",), "i love disney movies"),
])
def test_what_is_told_of_titles_liked_is_no_request(titles, vocabulary, message, likes, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.likes, reading.query) == ("feedback", likes, query)


@pytest.mark.parametrize(("message", "feeling"), [
    ("I loved 10 Things I Hate About You", "likes"),
    ("I really enjoyed Bad Santa", "likes"),
    ("we watched Bad Santa last night", "seen"),
    ("Bad Santa was awful", "dislikes"),
])
def test_the_words_of_a_title_are_no_feeling_about_it(vocabulary, message, feeling) -> None:
    from recagent import Item

    # "Bad" and "Hate" are words of dislike, but not when they are the film's own name: it was read as disliked.
    films = [*CHAT_ITEMS, Item("90", "10 Things I Hate About You (1999)", categories=("Comedy", "Romance")),
             Item("91", "Bad Santa (2003)", categories=("Comedy",))]
    reading = understand(message, CatalogTitles(films), vocabulary)
    named = reading.titles[0].item_id
    assert {kind: getattr(reading, kind) for kind in ("likes", "dislikes", "seen") if getattr(reading, kind)} \
        == {feeling: (named,)}


def test_asking_for_recommendations_like_a_film_the_catalog_lacks_is_no_search(titles, vocabulary) -> None:
    reading = understand('I like the suspense of the "who-dun-it". Do you have any other recommendations that would '
                         "be similar to Knives Out?", titles, vocabulary)
    assert reading.intent == "recommend" and "suspense" in reading.query
    assert understand('Do you have "Knives Out"?', titles, vocabulary).intent == "search"


@pytest.mark.parametrize("query", ["similar storyline", "I did not see anything. Can you resend?", "Same here",
                                   # searched, it found Next (2007)
                                   "I just finished it, what should I watch next?",
                                   "I like newer stuff"])
def test_words_that_only_point_back_ask_for_no_new_theme(titles, vocabulary, query) -> None:
    assert understand(query, titles, vocabulary).query is None


def test_versus_is_typed_either_way() -> None:
    catalog = CatalogTitles([Item("1", "Joe Versus the Volcano (1990)", "", ("Comedy",), {}),
                             Item("2", "Kramer vs. Kramer (1979)", "", ("Drama",), {})])
    assert [m.item_id for m in catalog.find("Big is my favorite, and Joe vs. the Volcano a close second")] == ["1"]
    assert [m.item_id for m in catalog.find("I cried at Kramer versus Kramer")] == ["2"]


def test_a_verb_that_is_also_a_title_is_no_title() -> None:
    catalog = CatalogTitles([Item("1", "Saw (2004)", "", ("Horror",), {}),
                             Item("2", "Parasite (1982)", "", ("Horror",), {}),
                             Item("3", "Waiting... (2005)", "", ("Comedy",), {})])
    assert [m.item_id for m in catalog.find("I saw Parasite")] == ["2"]  # next to a title is no list of two
    assert catalog.find("Saw it last night. It was good.") == []
    # A horror fan's "Waiting on a part two" was a comedy liked, and films like it shown.
    assert catalog.find("It has a great story line. Waiting on a part two.") == []
    assert [m.item_id for m in catalog.find("Waiting is my favorite")] == ["3"]
    assert [m.item_id for m in catalog.find("Saw, Parasite")] == ["1", "2"]
    assert [m.item_id for m in catalog.find("I loved Saw")] == ["1"]


@pytest.mark.parametrize(("message", "felt"), [("Heat, is it sad?", "sad"), ("Heat. is that one too slow?", "slow"),
                                               ("Heat, is it long?", None), ("Heat, is it worth it?", None)])
def test_a_feel_asked_of_an_item_is_read_where_the_catalog_describes_films_so(titles, vocabulary, message,
                                                                             felt) -> None:
    # "the first one, is it sad?" gave the details alone, as if nothing was asked.
    reading = understand(message, titles, vocabulary, described={"sad", "slow", "long", "worth"}.__contains__)
    assert reading.intent == "details" and reading.felt == felt


@pytest.mark.parametrize(("message", "felt"), [("is Heat very gory?", "gory"), ("is Heat sad?", "sad"),
                                               ("is Heat good?", None), ("is Heat a good movie for a date?", None)])
def test_a_feel_asked_of_an_item_named_is_read_a_word_tagged_for_it_too(titles, vocabulary, message, felt) -> None:
    # "is The Shining very gory?" gave the details alone, as if nothing was asked: a title was no "it", and the catalog
    # tags gore, not "gory".
    reading = understand(message, titles, vocabulary, described={"sad", "gore", "good", "date"}.__contains__)
    assert reading.intent == "details" and reading.felt == felt


@pytest.mark.parametrize(("message", "felt"), [("is the first one sad?", "sad"), ("is the second movie slow?", "slow"),
                                               ("is the last one long?", None)])
def test_a_feel_asked_of_an_item_shown_by_its_place_is_read(titles, vocabulary, message, felt) -> None:
    # "is the first one sad?" gave the details alone.
    reading = understand(message, titles, vocabulary, shown=SHOWN,
                         described={"sad", "slow", "long"}.__contains__)
    assert reading.intent == "details" and reading.felt == felt


@pytest.mark.parametrize(("message", "query"), [
    # read as the whole family ("what can we watch together"), it showed Monsters, Inc. and Toy Story 3
    ("my wife hates horror, what can we watch together?", "what can my wife and i watch together"),
    ("my wife and kids, what can we watch?", "my wife and kids what can we watch"),  # a family: as said
    ("we like comedies", "we like comedies")])
def test_we_are_the_user_and_the_partner_the_message_names(titles, vocabulary, message, query) -> None:
    assert understand(message, titles, vocabulary).query == query


@pytest.mark.parametrize("message", ["I like horror but my wife hates it. something we can both enjoy?",
                                     "I love horror, my wife doesn't. what can we watch?",
                                     "I'm into horror but she can't stand them"])
def test_a_kind_whoever_watches_too_turns_down_is_ruled_out(titles, vocabulary, message) -> None:
    # It showed The Silence of the Lambs and The Shining: "it" was none of the kind said.
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.exclude_categories) == ((), ("Horror",))
    assert understand("I like horror and my wife likes it too", titles, vocabulary).categories == ("Horror",)


def test_an_everyday_word_listed_last_beside_a_title_is_a_title() -> None:
    catalog = CatalogTitles([Item("1", "Toy Story (1995)", "", ("Animation",), {}),
                             Item("2", "Up (2009)", "", ("Animation",), {}),
                             Item("3", "Her (2013)", "", ("Romance",), {})])
    # "i also watched the beauty and the beast, ..., toy story and up" noted Toy Story alone, and showed Up first.
    assert [m.item_id for m in catalog.find("i also watched toy story and up")] == ["1", "2"]
    assert [m.item_id for m in catalog.find("we watched up, toy story")] == ["2", "1"]
    assert [m.item_id for m in catalog.find("we watched toy story and up in the attic")] == ["1"]
    assert [m.item_id for m in catalog.find("Toy Story and her")] == ["1"]  # a pronoun


@pytest.mark.parametrize(("message", "query", "categories", "excluded"), [
    # what is said of an item already named is no part of the request: the theme goes on, without it
    ("That movie looks terribly unfunny and is not something that interests me, how about another recommendation",
     None, (), ()),
    ("This one is too scary, something lighter", "something lighter", (), ("Horror",)),  # too scary: less of it
    ("yes i do like comedies", "i do like comedies", ("Comedy",), ()),  # not "Yes Man"
    ("It was great. Any space adventures?", "any space adventures", ("Adventure",), ()),
    # of those shown, then what is asked: "those are all superhero movies" was searched with the rest
    ("hmm those are all superhero movies, I want something like it but not a superhero film", None, (), ()),
    ("these look great, but any space adventures?", "any space adventures", ("Adventure",), ()),
])
def test_what_is_said_of_an_item_named_is_no_part_of_the_request(titles, vocabulary, message, query, categories,
                                                                 excluded) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "recommend"
    assert (reading.query, reading.categories, reading.exclude_categories) == (query, categories, excluded)


def test_what_is_said_of_an_item_shown_is_no_part_of_the_request(titles, vocabulary) -> None:
    # After a list, "That movie" points into it, and was taken out first: the rest of the clause was searched.
    message = "That movie looks terribly unfunny and is not something that interests me, how about another one"
    assert understand(message, titles, vocabulary, shown=SHOWN).query is None


@pytest.mark.parametrize(("message", "intent", "categories", "excluded"), [
    # one sort of a kind disliked is not the kind: the same person loves stoner comedies; the way it should not be is
    # the way to search (`test_a_way_a_kind_said_should_not_be_is_a_way_to_search`)
    ('I don\'t like potty humor or "stupid" comedy, I can\'t stand that movie.', "recommend", (), ()),
    ("The only thing i dislike is light comedy movies with no story.", "chat", (), ()),
    ("I hate romantic comedies", "recommend", (), ()),  # films of both ruled out (`exclude_together`), not either
    ("I don't like horror, but a thriller is fine", "recommend", ("Thriller",), ("Horror",)),
])
def test_what_the_user_dislikes_is_ruled_out_never_searched(titles, vocabulary, message, intent, categories,
                                                           excluded) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.categories, reading.exclude_categories) == (intent, categories, excluded)
    said = (reading.query or "").replace("not too stupid", "")  # turned down, searched as wit
    assert "stupid" not in said and "light" not in said
    assert reading.unknown_title is None  # "stupid" in quotes is no title


def test_a_question_about_a_title_asked_of_the_recommender_records_nothing(titles, vocabulary) -> None:
    reading = understand("Have you seen Heat?", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.seen, reading.likes) == ("details", "4", (), ())
    assert understand("I have seen Heat", titles, vocabulary).seen == ("4",)


def test_an_exclamation_that_is_also_a_title_is_no_title() -> None:
    catalog = CatalogTitles([Item("1", "Perfect (1985)", "", ("Drama",), {})])
    assert catalog.find("Perfect. I'll check it out") == []
    assert catalog.find("Perfect! Thanks") == []
    assert [m.item_id for m in catalog.find('I loved "Perfect".')] == ["1"]
    assert [m.item_id for m in catalog.find("Perfect is a film I liked")] == ["1"]


def test_not_into_a_title_is_a_dislike(titles, vocabulary) -> None:
    reading = understand('I like monster movies, like Alien. Not into movies like "Heat" and "The Shining".', titles,
                         vocabulary)
    assert reading.likes == ("1",) and set(reading.dislikes) == {"4", "8"}


@pytest.mark.parametrize(("message", "likes", "dislikes"), [
    # a comma before a new "I" starts a clause of its own once the first said how the user feels
    ('I don\'t like "stupid" comedy, I loved Heat though', ("4",), ()),
    ("I hated Alien, I loved Heat", ("4",), ("1",)),
    ("Heat, I loved it", ("4",), ()),  # the title's clause says nothing yet: one clause
])
def test_a_new_i_after_a_comma_says_a_feeling_of_its_own(titles, vocabulary, message, likes, dislikes) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.likes, reading.dislikes) == (likes, dislikes)


@pytest.mark.parametrize("message", ['I guess the "future" portrayed seemed a little dated', "The ending felt rushed"])
def test_a_judgement_of_what_was_watched_is_no_theme(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query) == ("chat", None)


@pytest.mark.parametrize(("message", "takes"), [("thanks you very much", True), ("I will check it out", True),
                                               ("sounds good", True), ("No thanks", False),
                                               ("He is a good actor", False), ("perfect", True), ("great!", True),
                                               ("great comedies", False)])  # "perfect" was searched
def test_thanks_and_acceptance_take_what_was_shown(message, takes) -> None:
    assert is_closing(message) is takes


def test_a_pick_taken_for_two_asks_for_nothing(titles, vocabulary) -> None:
    # "sounds good, we'll watch that. thanks!" after a film's details showed five more films.
    reading = understand("sounds good, we'll watch that. thanks!", titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.query) == ("chat", None)


@pytest.mark.parametrize("message", ["Will watch soon", "Yeah . Planned to watch this weekend",
                                     "Going good buddy. What about you?", "i am good how are u?",
                                     "I have not, I accept that reccomendation", "thanks for the suggestion!",
                                     "I appreciate the recommendation!"])
def test_plans_to_watch_and_small_talk_ask_for_nothing(titles, vocabulary, message) -> None:
    # Their words were searched: "Planned to watch this weekend" showed Weekend at Bernie's, "I accept that
    # reccomendation" Accepted.
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query) == ("chat", None)
    assert understand("thanks, I will watch it. something funny next?", titles, vocabulary).categories == ("Comedy",)
    assert understand("hi how are you, can you recommend me a movie?", titles, vocabulary).intent == "recommend"


@pytest.mark.parametrize(("message", "direction"), [
    ("something dark and violent like Heat", "dark and violent"),
    ("movies like Heat", None),
    ("a funny film like Heat, please", "funny"),
])
def test_like_after_a_request_compares_with_the_title(titles, vocabulary, message, direction) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "more_like" and reading.subject == "4" and reading.direction == direction
    assert reading.likes == ()  # a title compared with is no feedback on it


@pytest.mark.parametrize("message", ["I really like Heat", "we like Heat", "I don't like Heat"])
def test_like_after_someone_who_likes_is_feedback(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.likes + reading.dislikes == ("4",)


def test_a_title_followed_by_movie_after_an_article_is_a_kind_of_film(vocabulary) -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("90", "Date Night (2010)", "", ("Comedy",), {"year": 2010})])
    reading = understand("a good date night movie", catalog, vocabulary)
    assert reading.titles == () and reading.intent == "recommend" and reading.query == "a good date night movie"
    assert [m.item_id for m in understand("I loved Date Night, what a movie", catalog, vocabulary).titles] == ["90"]


@pytest.mark.parametrize("message", ["I've seen all of those", "seen both of them already", "I saw all these",
                                     "seen them all", "I've seen those", "already seen these"])
def test_all_of_those_is_every_item_shown(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary, shown=["3", "7", "16"][:2 if "both" in message else 3])
    assert reading.seen == (("3", "7") if "both" in message else ("3", "7", "16"))


def test_them_all_after_a_kind_is_of_that_kind_not_of_the_list(titles, vocabulary) -> None:
    # "I like westerns but I've seen them all": the westerns known best are seen, not the five films shown.
    reading = understand("I like westerns but I've seen them all", titles, vocabulary, shown=["3", "7", "16"])
    assert reading.seen == () and reading.intent == "recommend"
    assert understand("I've seen these kinds of movies", titles, vocabulary, shown=["3", "7", "16"]).seen == ()


def test_an_everyday_phrase_is_no_title_unless_written_as_one() -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("91", "Anything Else (2003)", "", ("Comedy",), {"year": 2003})])
    assert catalog.find("the second one sounds good, anything else like it?") == []
    assert [m.item_id for m in catalog.find('I liked "Anything Else"')] == ["91"]


def test_though_asks_for_nothing(titles, vocabulary) -> None:
    assert understand("not so dark though", titles, vocabulary).query is None


def test_a_grown_up_of_the_family_is_whom_the_film_is_for_not_what_it_is_about(titles, vocabulary) -> None:
    # Searched, "a comedy to watch with my mom" found Mr. Mom and Serial Mom; "a western for my dad, he loves John
    # Wayne" found Maverick and Wild Wild West before the classics (Dances with Wolves, The Good, the Bad and the Ugly).
    assert understand("a comedy to watch with my mom", titles, vocabulary).query == "a comedy"
    thriller = understand("I want a thriller for my dad, he loves John Wayne", titles, vocabulary,
                          mentioned=lambda name: False)
    assert thriller.query == "i want a thriller"
    # Without a kind, whom it is for is the request (the gentle mood reads it).
    assert understand("a movie to watch with my dad", titles, vocabulary).query == "a movie to watch with my dad"
    assert understand("movie night with my parents", titles, vocabulary).query == "movie night with my parents"


def test_a_name_the_catalog_never_mentions_is_no_part_of_the_request(titles, vocabulary) -> None:
    reading = understand("any movies with Tom Cruise?", titles, vocabulary, mentioned=lambda name: False)
    assert reading.unmentioned == ("Tom Cruise",) and reading.query is None
    known = understand("any movies with Tom Cruise?", titles, vocabulary, mentioned=lambda name: True)
    assert known.unmentioned == () and "tom cruise" in (known.query or "")
    # Whose taste it is, without the name, asks for nothing: "my dad loves John Wayne movies" searched "my dad loves
    # movies" (The Empire Strikes Back, Forrest Gump).
    dad = understand("my dad loves John Wayne movies", titles, vocabulary, mentioned=lambda name: False)
    assert (dad.unmentioned, dad.query) == (("John Wayne",), None)
    # A sentence's first word is no part of a name: the reply said nothing mentions "Everything Adam".
    listed = understand("Everything Adam sandlers, Tiffaney Haddish, movies i love", titles, vocabulary,
                        mentioned=lambda name: False)
    assert listed.unmentioned == ("Tiffaney Haddish",)
    funny = understand("my wife loves Wes Anderson films, something funny", titles, vocabulary,
                       mentioned=lambda name: False)
    assert funny.categories == ("Comedy",) and "funny" in (funny.query or "")


def test_a_name_the_catalogs_own_words_hold_is_a_theme_not_a_missing_title(titles, vocabulary) -> None:
    from recagent.agent.mentions import CatalogMentions

    mentions = CatalogMentions([*CHAT_ITEMS, Item("93", "Witness (1985)", "", ("Thriller",), {"tags": "Harrison Ford"}),
                                Item("94", "The Irishman's Daughter (1990)", "", ("Drama",), {})])
    reading = understand("I like Harrison Ford", titles, vocabulary, mentioned=mentions, described=mentions.described)
    assert reading.unknown_title is None and reading.intent == "recommend" and "harrison ford" in reading.query
    # Said before this: the catalog lacks a film of that name, and now it still does.
    assert understand("I like Harrison Ford", titles, vocabulary).unknown_title == "Harrison Ford"
    # A name only the catalog's titles hold is a title it lacks, as before.
    missing = understand("I watched The Irishman", titles, vocabulary, mentioned=mentions,
                         described=mentions.described)
    assert missing.unknown_title == "The Irishman"


def test_a_person_the_tags_name_is_no_title_that_only_begins_with_the_name(vocabulary) -> None:
    from recagent.agent.mentions import CatalogMentions

    # "I really like Stanley Kubrick" liked the documentary Stanley Kubrick: A Life in Pictures.
    items = [*CHAT_ITEMS, Item("95", "Shining, The (1980)", "", ("Horror",), {"tags": "Stanley Kubrick"}),
             Item("96", "2001: A Space Odyssey (1968)", "", ("Sci-Fi",), {"tags": "Stanley Kubrick"}),
             Item("97", "Stanley Kubrick: A Life in Pictures (2001)", "", ("Documentary",), {})]
    mentions, titled = CatalogMentions(items), CatalogTitles(items)

    def read(message: str) -> Understanding:
        return understand(message, titled, vocabulary, mentioned=mentions, described=mentions.described,
                          surnamed=mentions.surnamed)

    for message in ("I really like Stanley Kubrick", "I really like Stanley Kubrick's style"):
        reading = read(message)
        assert reading.titles == () and reading.likes == () and "stanley kubrick" in (reading.query or "")
    assert read("I liked Stanley Kubrick: A Life in Pictures").likes == ("97",)  # the film, said whole


def test_a_name_said_with_an_apostrophe_s_is_the_name(titles, vocabulary) -> None:
    # "I could not find “Wes Anderson's” in the catalog."
    assert understand("I really like Wes Anderson's style", titles, vocabulary).unknown_title == "Wes Anderson"
    ruled_out = understand("no Tom Cruise's movies please", titles, vocabulary, mentioned=lambda name: False)
    assert ruled_out.unmentioned == ("Tom Cruise",) and ruled_out_names("no Tom Cruise's movies please") == [
        "Tom Cruise"]


@pytest.mark.parametrize(("message", "likes", "dislikes"), [
    ("my wife likes Notting Hill", ("10",), ()),  # it asked for the details of Notting Hill
    ("she loves Alien but hates Aliens", ("1",), ("2",)),
    ("I have also watched Heat really likes that one", ("4",), ()),  # it took Heat as seen only
])
def test_a_taste_told_in_the_third_person_is_feedback(titles, vocabulary, message, likes, dislikes) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.likes, reading.dislikes) == ("feedback", likes, dislikes)


def test_a_kind_the_user_finds_films_to_be_is_no_request(titles, vocabulary) -> None:
    # It asked for comedies too, and searched "find them funny".
    reading = understand("it's really hard for a movie to scare me, I sometimes find them funny. you know any good "
                         "horror movies?", titles, vocabulary)
    assert reading.categories == ("Horror",) and "funny" not in (reading.query or "")
    assert understand("I want to find a funny movie", titles, vocabulary).categories == ("Comedy",)


def test_a_series_said_seen_is_every_film_of_it(titles, vocabulary) -> None:
    # Only Toy Story was taken as seen: its sequel could still be shown.
    assert understand("they've seen all the Toy Story movies", titles, vocabulary).seen == ("3", "7")
    assert understand("I have seen Toy Story", titles, vocabulary).seen == ("3",)


def test_a_name_beside_titles_liked_is_what_is_searched(titles, vocabulary) -> None:
    # "(big Tom Hanks fan)" beside two films liked showed films like them (Star Wars, The Matrix), never his.
    from recagent.agent.mentions import CatalogMentions

    mentions = CatalogMentions([*CHAT_ITEMS, Item("95", "Big (1988)", "", ("Comedy",), {"tags": "Tom Hanks"})])
    reading = understand("Yes, I love that movie too. Also Heat, Up (big Tom Hanks fan)", titles, vocabulary,
                         mentioned=mentions, described=mentions.described)
    assert (reading.intent, reading.likes, reading.query) == ("feedback", ("4", "9"), "tom hanks")
    assert understand("I loved Heat and Up", titles, vocabulary, mentioned=mentions,
                      described=mentions.described).query is None


def test_a_name_typed_with_a_slip_is_searched_as_the_catalog_spells_it(titles, vocabulary) -> None:
    from recagent.agent.mentions import CatalogMentions

    mentions = CatalogMentions([*CHAT_ITEMS, Item("96", "The Departed (2006)", "", ("Crime",),
                                                  {"tags": "Leonardo DiCaprio, Tom Hanks"})])
    reading = understand("any movies with Leonardo Decaprio?", titles, vocabulary, mentioned=mentions,
                         described=mentions.described, respelled=mentions.respelled)
    assert reading.unmentioned == () and "leonardo dicaprio" in (reading.query or "")
    liked = understand("I like Leonardo Decaprio", titles, vocabulary, mentioned=mentions,
                       described=mentions.described, respelled=mentions.respelled)
    assert liked.unknown_title is None and "leonardo dicaprio" in (liked.query or "")
    # Another name is no slip of a tag: Tom Hardy is not Tom Hanks.
    assert mentions.respelled("Tom Hardy") is None and mentions.respelled("Leonardo DiCaprio") is None


@pytest.mark.parametrize("message", ["Which Joker Movie? The one I saw", "Also Notting Hill, Finding Nemo",
                                     "I loved Toy Story 2", "Hi I'm good"])
def test_capitalised_words_that_are_titles_or_everyday_words_are_no_names(titles, vocabulary, message) -> None:
    assert understand(message, titles, vocabulary, mentioned=lambda name: False).unmentioned == ()


def test_a_message_that_capitalises_titles_writes_its_lower_case_words_as_words(vocabulary) -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("92", "Monsters (2010)", "", ("Sci-Fi",), {"year": 2010})])
    careful = understand("I enjoy movies where people turn into monsters, like The Shining.", catalog, vocabulary)
    assert [m.item_id for m in careful.titles] == ["8"]
    assert [m.item_id for m in understand("i loved monsters and Heat", catalog, vocabulary).titles] == ["92", "4"]


def test_not_liking_an_item_shown_is_no_request_for_more_like_it(titles, vocabulary) -> None:
    reading = understand("I didn't like the first one", titles, vocabulary, shown=["3", "7"])
    assert reading.dislikes == ("3",) and reading.intent == "feedback" and reading.subject is None


def test_what_about_an_item_shown_asks_for_its_details(titles, vocabulary) -> None:
    reading = understand("what about the third one?", titles, vocabulary, shown=["3", "7", "16"])
    assert reading.intent == "details" and reading.subject == "16"


def test_like_that_after_items_like_some_titles_means_those_titles(titles, vocabulary) -> None:
    reading = understand("something like that but funnier", titles, vocabulary, shown=["6", "2"], alike=["4"])
    assert reading.intent == "more_like" and reading.subject == "4" and reading.direction == "funnier"
    assert understand("more like that one", titles, vocabulary, shown=["6", "2"], alike=["4"]).subject == "6"
    # "something with that same kind of humor" after films like The Princess Bride showed films like Moonstruck, the
    # first of them.
    same = understand("something with that same kind of humor", titles, vocabulary, shown=["6", "2"], alike=["4"])
    assert (same.intent, same.subject, same.categories) == ("more_like", "4", ("Comedy",))


def test_along_those_lines_after_items_like_some_titles_means_all_of_those_titles(titles, vocabulary) -> None:
    # After films like The Notebook and Titanic, "something along those lines but a bit happier" searched "something
    # but a bit happier" and showed The Lego Movie.
    for message in ("something along those lines but a bit happier", "more like those but happier",
                    "anything in that vein, only happier?"):
        reading = understand(message, titles, vocabulary, shown=["6", "2"], alike=["4", "1"])
        assert (reading.intent, reading.subject, reading.references) == ("more_like", "4", ("4", "1")), message
        assert reading.direction is not None and "happier" in reading.direction, message
    assert understand("more movies like those but older", titles, vocabulary, shown=["6", "2"],
                      alike=["4"]).direction == "older"
    # Liking them, or nothing like them, compares nothing.
    for said in ("I like them", "I don't like those", "nothing like those please", "like those you showed"):
        assert "4" not in understand(said, titles, vocabulary, shown=["6", "2"], alike=["4"]).references, said


@pytest.mark.parametrize(("message", "seen"), [("I've seen the first two", ("6", "2")),
                                               ("seen the last three ones already", ("2", "3", "7")),
                                               ("the first two Toy Story movies were great", ())])  # a series
def test_the_first_few_items_shown_are_pointed_at_together(titles, vocabulary, message, seen) -> None:
    reading = understand(message, titles, vocabulary, shown=["6", "2", "3", "7"])
    assert reading.seen == seen and (reading.query is None or not seen)  # it searched "ive seen the first two"


def test_films_for_grown_ups_are_no_children_s_films(titles, vocabulary) -> None:
    best = understand("what are the best animated movies for adults?", titles, vocabulary)  # Monsters, Inc. came
    assert (best.categories, best.exclude_categories) == (("Animation",), ("Children",))
    enjoyed = understand("an animated movie that adults would enjoy", titles, vocabulary)  # so did Toy Story
    assert (enjoyed.exclude_categories, content_words(enjoyed.query)) == (("Children",), ["animated"])
    assert understand("a movie that kids and adults would enjoy", titles, vocabulary).exclude_categories == ()
    # "not the ones for little kids" was read as whom the films are for: Monsters, Inc., Toy Story, Shrek.
    for said in ("I like animated movies, but not the ones for little kids", "an animated film, not one for children"):
        older = understand(said, titles, vocabulary)
        assert (older.categories, older.audience, older.exclude_categories) == (("Animation",), (), ("Children",))
        assert "kids" not in content_words(older.query) and "children" not in content_words(older.query)
    # After animated films: grown-ups' animated films, where "for adults" was searched (high-school comedies).
    grown = understand("none of those, something for adults", titles, vocabulary, shown=SHOWN)
    assert (grown.exclude_categories, grown.query) == (("Children",), None)
    # "something less childish" after anime showed Monsters, Inc.: "childish" named the children's films.
    for said in ("something less childish", "not so childish please"):
        less = understand(said, titles, vocabulary, shown=SHOWN)
        assert (less.categories, less.exclude_categories, less.query) == ((), ("Children",), None), said
    assert understand("a comedy for my kids", titles, vocabulary).exclude_categories == ()
    # A comparison leaves them out of its answer alone, not out of the session.
    assert understand("like Toy Story but for adults", titles, vocabulary).exclude_categories == ()
    # Its words are no film to be like as well: "for grown ups" named Grown Ups (2010).
    catalog = CatalogTitles([*CHAT_ITEMS, Item("95", "Grown Ups (2010)", "", ("Comedy",), {"year": 2010})])
    grown_ups = understand("something like Toy Story but for grown ups", catalog, vocabulary)
    assert ([m.item_id for m in grown_ups.titles], grown_ups.direction) == (["3"], "for grown ups")
    # Said without "but" ("something like Toy Story for adults" showed Toy Story 2 and A Bug's Life).
    adults = understand("something like Toy Story for adults", titles, vocabulary)
    assert (adults.intent, adults.subject, adults.direction) == ("more_like", "3", "for adults")


@pytest.mark.parametrize(("message", "subject"), [("the second one", "6"), ("ok, number 3 please", "3"),
                                                  ("that one", "4"),
                                                  ("and the second best?", "6")])  # it searched and found comedies
def test_an_item_shown_pointed_at_alone_is_told_of(titles, vocabulary, message, subject) -> None:
    # It went on with the theme and showed five more films.
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.subject) == ("details", subject)


def test_another_one_like_an_item_shown_compares_and_likes_nothing(titles, vocabulary) -> None:
    reading = understand("another one like the first", titles, vocabulary, shown=SHOWN)  # it liked Heat
    assert (reading.intent, reading.subject, reading.likes) == ("more_like", "4", ())
    assert understand("I love movies like Heat", titles, vocabulary).likes == ("4",)  # a feeling said, as before


def test_items_shown_are_pointed_at_by_ordinals_in_a_list_and_by_words_of_their_titles(titles, vocabulary) -> None:
    shown = ["6", "2", "3", "7"]
    # "I liked the first and third" liked the first alone.
    assert understand("I liked the first and third", titles, vocabulary, shown=shown).likes == ("6", "3")
    assert understand("I've seen the second and the last one", titles, vocabulary, shown=shown).seen == ("2", "7")
    # "the first and third look good, more like those" was like the first alone.
    looks = understand("the first and third look good, more like those", titles, vocabulary, shown=shown)
    assert (looks.intent, looks.references) == ("more_like", ("6", "3"))
    # "the toy story one" asked for the details of Toy Story, not the Toy Story 2 shown.
    told = understand("tell me more about the toy story one", titles, vocabulary, shown=["6", "7", "4"])
    assert (told.intent, told.subject) == ("details", "7")
    assert understand("I liked the alien one", titles, vocabulary, shown=["6", "1", "4"]).likes == ("1",)
    assert understand("I liked the alien one", titles, vocabulary, shown=["6", "2", "4"]).likes == ("2",)  # Aliens
    elsewhere = understand("tell me more about the godfather one", titles, vocabulary, shown=["6", "1", "4"])
    assert elsewhere.subject == "12"  # not shown: the catalog's title
    # By the person the tags name on it; a name on no film shown asks which film (it searched "fincher").
    people = {"david fincher": frozenset({"4", "14"}), "tom hanks": frozenset({"3", "7"})}
    read = {"theme_of": lambda name: people.get(normalise(name), frozenset()),
            "surnamed": {"fincher": "David Fincher", "hanks": "Tom Hanks"}.get}
    fincher = understand("what's the Fincher one about?", titles, vocabulary, shown=["6", "4", "3"], **read)
    assert (fincher.intent, fincher.subject) == ("details", "4")
    unsaid = understand("what's the Fincher one about?", titles, vocabulary, shown=["6", "1", "3"], **read)
    assert (unsaid.intent, unsaid.query) == ("unclear", None)
    hanks = understand("tell me about the Hanks movie", titles, vocabulary, shown=["6", "7", "4"], **read)
    assert (hanks.intent, hanks.subject) == ("details", "7")  # "hanks", not "hank"
    spielberg = understand("what's the Spielberg one about?", titles, vocabulary, shown=["6", "1"], **read)
    assert spielberg.intent == "unclear"


def test_films_like_a_film_of_teens_for_a_teenager_are_of_teens(titles, vocabulary) -> None:
    # "a movie like Mean Girls for my teenage daughter" showed Old School and Superbad, films like it for adults.
    high_school = {"high school": frozenset({"10"})}  # Notting Hill, as if tagged so
    read = {"theme_of": lambda tag: high_school.get(tag, frozenset())}
    teens = understand("a movie like Notting Hill for my teenage daughter", titles, vocabulary, **read)
    assert (teens.intent, teens.subject, teens.alike_theme) == ("more_like", "10", "teen")
    # A film of no teens' tag is liked for itself: the fantasy films like Harry Potter, not films of teens.
    other = understand("something like Heat for my 15 year old son", titles, vocabulary, **read)
    assert (other.intent, other.subject, other.alike_theme) == ("more_like", "4", None)
    assert understand("a movie like Notting Hill", titles, vocabulary, **read).alike_theme is None


@pytest.mark.parametrize(("message", "rated"), [
    # "and the worst?" after the best rated sci-fi films showed the most watched ones.
    ("and the worst?", "worst"), ("what's the worst movie ever?", "worst"), ("worst rated horror films", "worst"),
    ("the worst comedies of the 90s", "worst"), ("that was the worst movie ever", None),
])
def test_the_worst_rated_asked_for(titles, vocabulary, message, rated) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.rated == rated
    assert "worst" not in (reading.query or "")


@pytest.mark.parametrize(("message", "query"), [
    # "i dunno, something good" searched its words (As Good as It Gets, A Few Good Men); "eh not feeling it.
    # something else" searched "eh it".
    ("i dunno, something good", None), ("eh not feeling it. something else", None), ("idk, whatever is good", None),
    ("I don't know, maybe a comedy?", "maybe a comedy"),
])
def test_hesitation_and_a_shrug_at_the_list_are_not_searched(titles, vocabulary, message, query) -> None:
    reading = understand(message, titles, vocabulary, shown=SHOWN)
    assert (reading.intent, reading.query) == ("recommend", query)


def test_jump_scares_ruled_out_ask_for_the_slow_creeping_kind(titles, vocabulary) -> None:
    # "I'm a huge fan of horror but I hate jump scares" searched "horror but i" (Shaun of the Dead, Jaws).
    # "not cheap jump scares" searched "jump scares" and found Scary Movie and Scary Movie 3.
    for message in ("I'm a huge fan of horror but I hate jump scares", "a horror movie without jump scares",
                    "a horror movie that's actually good, not cheap jump scares"):
        reading = understand(message, titles, vocabulary)
        assert reading.categories == ("Horror",) and reading.query.endswith("suspenseful atmospheric"), message
    assert understand("I love jump scares", titles, vocabulary).query == "i love jump scares"
    # A sentence cut after its subject leaves none behind: "i like comedies but i (hate slapstick)".
    assert understand("i like comedies but i hate slapstick", titles, vocabulary).query == "i like comedies"


def test_awards_are_read_and_never_searched(titles, vocabulary) -> None:
    # "what movies won best picture?" searched "what movies won picture" (Cars, Monsters, Inc.).
    for message in ("what movies won best picture?", "any oscar winners?", "an oscar winning comedy"):
        reading = understand(message, titles, vocabulary)
        assert (reading.awards, reading.rated) == (True, "best") and "oscar" not in (reading.query or ""), message
    catalog = CatalogTitles([*CHAT_ITEMS, Item("91", "Oscar and Lucinda (1997)", "", ("Drama",), {"year": 1997})])
    named = understand("I liked Oscar and Lucinda", catalog, vocabulary)  # a title, not an award
    assert (named.awards, named.likes) == (False, ("91",))
    for message in ("Wasn't the actress nominated for an Oscar?", "it won an oscar for best picture"):
        assert understand(message, titles, vocabulary, shown=SHOWN).awards is False, message


def test_a_holiday_said_after_a_title_compared_with_is_the_way_it_differs(titles, vocabulary) -> None:
    # "movies like Home Alone for christmas" showed films like it of any season (Pretty Woman, Ghost).
    reading = understand("movies like Toy Story for christmas", titles, vocabulary)
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "3", "christmas")
    assert understand("something like Toy Story for my kids", titles, vocabulary).direction is None


def test_a_request_after_a_title_disliked_is_a_request_not_a_question_about_it(titles, vocabulary) -> None:
    # "i really didn't like titanic. what's a good romance that isn't sappy?" was read as a question about Titanic:
    # the dislike was noted and nothing shown.
    reading = understand("i really didn't like notting hill. what's a good romance that isn't sappy?", titles,
                         vocabulary)
    assert (reading.intent, reading.dislikes, reading.categories) == ("recommend", ("10",), ("Romance", "Drama"))
    assert understand("what's Notting Hill about?", titles, vocabulary).intent == "details"
    # Not a chick flick: the kind's dramas too (it showed My Best Friend's Wedding and The Wedding Date).
    assert understand("recommend something romantic but not a chick flick", titles, vocabulary).categories == (
        "Romance", "Drama")


def test_a_choice_asked_where_nothing_was_shown_asks_which_films(titles, vocabulary) -> None:
    # "which one should I start with?" after a name the catalog lacks searched "start" and showed Batman Begins.
    assert understand("which one should I start with?", titles, vocabulary).intent == "unclear"
    assert understand("which one should I start with?", titles, vocabulary, shown=SHOWN).intent == "choose"
    assert understand("which one is the best horror movie?", titles, vocabulary).intent == "recommend"


def test_an_item_shown_is_pointed_at_by_its_year(titles, vocabulary) -> None:
    # "the one from 1994 - what is it about?" after Tom Hanks films, none of 1994, described the first shown.
    shown = ["6", "4", "3", "10"]  # The Matrix (1999), Heat (1995), Toy Story (1995), Notting Hill (1999)
    for message in ("tell me about the one from 1995", "the movie from 1995?"):
        assert understand(message, titles, vocabulary, shown=["6", "4", "8"]).subject == "4", message
    liked = understand("I liked the one from 1999", titles, vocabulary, shown=["6", "4", "8"])
    assert (liked.intent, liked.likes) == ("feedback", ("6",))
    for message, year, of_year in (("the one from 1994 - what is it about?", 1994, ()),
                                   ("what's the one from 1999 about?", 1999, ("6", "10"))):
        reading = understand(message, titles, vocabulary, shown=shown)
        assert (reading.intent, reading.subject, reading.year_of_shown, reading.shown_of_year) == (
            "unclear", None, year, of_year), message
    # A film asked for of a year is the years wanted.
    new = understand("a movie from 1995", titles, vocabulary, shown=shown)
    assert (new.intent, new.year_from, new.year_of_shown) == ("recommend", 1995, None)


def test_all_but_one_of_the_items_shown_are_seen_and_that_one_is_spoken_of(titles, vocabulary) -> None:
    reading = understand("I've seen them all except the last one, what's it about?", titles, vocabulary,
                         shown=["6", "2", "3", "7"])
    # It recorded the last one as seen, the one that was not, and told of it as if asked.
    assert (reading.intent, reading.subject, reading.seen) == ("details", "7", ("6", "2", "3"))
    # "Both of them" points at a list of two, not at five (it recorded all five as seen).
    assert understand("Yes, I've seen both of them", titles, vocabulary, shown=["6", "2", "3", "7", "4"]).seen == ()
    assert understand("I've seen both of them", titles, vocabulary, shown=["6", "2"]).seen == ("6", "2")
    # "not" before a title is no "not seen": "not Toy Story, we've seen it a million times" has seen it.
    assert understand("not Toy Story, we've seen it a million times", titles, vocabulary).seen == ("3",)
    assert understand("I haven't seen Toy Story yet", titles, vocabulary).seen == ()


def test_the_newer_side_of_what_was_shown_is_a_comparison_of_time(titles, vocabulary) -> None:
    reading = understand("any of those on the newer side?", titles, vocabulary, shown=["6", "2"])
    assert direction_of("any of those on the newer side?") == "newer" and reading.query is None
    assert understand("meh, something else", titles, vocabulary).query is None  # searched "meh"
    # A kind alone, not "many" searched beside it (it found The Grandmother and Princess Blade for "she").
    assert content_words("Has she been in many action movies before?") == ["action"]
    assert content_words("ok I'll watch it. what should I watch after?") == []  # it searched "ill watch"


def test_the_same_director_asks_for_films_by_who_made_the_one_spoken_of(titles, vocabulary) -> None:
    reading = understand("I liked that one, anything else from the same director?", titles, vocabulary,
                         shown=["6", "2"])
    assert (reading.intent, reading.subject, reading.maker, reading.likes) == ("more_like", "6", "director", ("6",))
    after = understand("anything else from the same director?", titles, vocabulary, shown=["6", "2"], alike=["4"])
    assert (after.intent, after.subject, after.maker) == ("more_like", "4", "director")  # the film spoken of
    # "That actor" is of the film spoken of too ("I loved The Dark Knight", then "what else did that director
    # make?" was of The Matrix, the first of the films shown like it); with nothing spoken of, of the first shown.
    pointed = understand("more with that actor", titles, vocabulary, shown=["6", "2"], alike=["4"])
    assert (pointed.intent, pointed.subject, pointed.maker) == ("more_like", "4", "actor")
    first = understand("more with that actor", titles, vocabulary, shown=["6", "2"])
    assert (first.intent, first.subject, first.maker) == ("more_like", "6", "actor")
    assert understand("more with the same actor", titles, vocabulary, shown=["6", "2"]).subject is None
    assert understand("I like the cast", titles, vocabulary, shown=["6", "2"]).maker is None
    # "by the same guy" was searched as words.
    for said in ("any others by the same guy?", "anything else by the guy who made it?", "more from the same people"):
        guy = understand(said, titles, vocabulary, shown=["6", "2"], alike=["4"])
        assert (guy.intent, guy.subject, guy.maker) == ("more_like", "4", "director")
    # Asked with a pronoun: "what else did he direct?" after Get Out searched its words.
    for said, maker in (("what else did he direct?", "director"), ("what else has she been in?", "actor"),
                        ("what else is he in?", "actor"), ("has she written anything else?", "writer"),
                        ("his other movies?", "director")):
        asked = understand(said, titles, vocabulary, shown=["6", "2"], alike=["4"])
        assert (asked.intent, asked.subject, asked.maker) == ("more_like", "4", maker)
    # A list with nothing spoken of: whom is not known, and nothing is asked of a film ("Has she been in many action
    # movies before?" of an actress the other side named asked which film); a name said is no pronoun.
    unknown = understand("Has she been in many action movies before?", titles, vocabulary, shown=["6", "2"])
    assert (unknown.subject, unknown.maker) == (None, None)
    assert understand("what else did James Cameron direct?", titles, vocabulary, shown=["6", "2"]).maker is None


@pytest.mark.parametrize(("title", "foreign"), [
    ("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", True),
    ("Seven Samurai (Shichinin no samurai) (1954)", True),
    ("Spirited Away (Sen to Chihiro no kamikakushi) (2001)", True), ("Toy Story (1995)", False),
    ("Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)", False),  # its own words
    ("I Spit on Your Grave (Day of the Woman) (1978)", False), ("Alien³ (a.k.a. Alien 3) (1992)", False),  # English
    # The original title first, its English one after; another language's words with no other are not said to be.
    ("Boot, Das (Boat, The) (1981)", True), ("Cercle Rouge, Le (Red Circle, The) (1970)", True),
    ("Bamba, La (1987)", False), ("Misérables, Les (2012)", False),
    ("(500) Days of Summer (2009)", False)])  # shown for "anything French like Amelie?"
def test_a_title_that_gives_an_original_title_in_another_language_is_of_a_foreign_film(title, foreign) -> None:
    assert in_another_language(title) is foreign


def test_foreign_films_are_asked_for_not_searched(titles, vocabulary) -> None:
    reading = understand("any good foreign films?", titles, vocabulary)
    assert (reading.intent, reading.foreign, reading.query) == ("recommend", True, None)  # "foreign" found titles
    assert understand("a horror movie with subtitles", titles, vocabulary).foreign
    french = understand("a french comedy", titles, vocabulary)  # a language: still searched
    assert (french.foreign, french.categories, french.query) == (True, ("Comedy",), "a french comedy")


def test_not_just_something_allows_it_and_asks_for_more(titles, vocabulary) -> None:
    # It searched "i prefer ones with a explosions": what was allowed, as if asked for.
    reading = understand("I prefer ones with a good story, not just explosions", titles, vocabulary)
    assert (reading.intent, reading.query, reading.rated) == ("recommend", None, "best")
    assert understand("not just comedies", titles, vocabulary).exclude_categories == ()  # no comedy ruled out


def test_something_similar_after_an_items_details_is_like_that_item(titles, vocabulary) -> None:
    reading = understand("ok, anything similar but less violent?", titles, vocabulary, shown=["4", "12"], focused=True)
    # It searched "anything similar but less violent", the film told of forgotten.
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "4", "less violent")
    assert understand("anything similar?", titles, vocabulary, shown=["4", "12"]).subject is None  # a list: no one


def test_a_film_told_of_by_its_qualities_is_more_like_it_of_them(titles, vocabulary) -> None:
    # "It has some serious psychological concepts in it." after the details of A Clockwork Orange was small talk, and
    # the chat went on with the horror films asked for before (28 Days Later, Zombieland).
    tags = {"psychological": frozenset({"4", "6"}), "serious": frozenset({"4", "12"}), "boring": frozenset({"4", "6"})}

    def told(message: str, focused: bool = True):
        return understand(message, titles, vocabulary, shown=["4", "12"], focused=focused, theme_of=tags.get)

    reading = told("It has some serious psychological concepts in it.")
    assert (reading.intent, reading.subject, reading.alike_theme) == ("more_like", "4", "serious psychological")
    assert told("it's really psychological").alike_theme == "psychological"
    # A fault told of, a praise of no theme, or a list of films spoken of asks for no more like it.
    assert told("it was boring and psychological").intent != "more_like"
    assert told("it wasn't psychological enough").intent != "more_like"
    assert told("It was a really cool movie").intent != "more_like"
    assert told("It has some serious psychological concepts in it.", focused=False).intent != "more_like"


@pytest.mark.parametrize("said", ["it's a classic", "it\u2019s way too slow, something else", "that's a classic"])
def test_a_film_told_of_leaves_no_part_of_its_verb_to_search(titles, vocabulary, said) -> None:
    # "it's a classic" of the film just told of searched "s a classic": the reference went, its "'s" stayed.
    query = understand(said, titles, vocabulary, shown=SHOWN, focused=True).query
    assert "s" not in normalise(query or "").split(), query


def test_lighter_than_that_compares_with_what_was_spoken_of(titles, vocabulary) -> None:
    # It searched "something lighter than": the leftovers of a comparison.
    reading = understand("something lighter than that", titles, vocabulary, shown=["6", "2"], alike=["4"])
    assert (reading.intent, reading.subject, reading.direction) == ("more_like", "4", "lighter")
    reading = understand("anything less violent than those?", titles, vocabulary, shown=["6", "2"])
    assert (reading.intent, reading.subject, reading.references, reading.direction) == (
        "more_like", "6", ("6", "2"), "less violent")
    assert understand("something lighter than that", titles, vocabulary).intent == "recommend"  # nothing shown


def test_who_dislikes_something_is_no_part_of_the_request(titles, vocabulary) -> None:
    reading = understand("not too scary though, my wife doesn't like scary stuff", titles, vocabulary)
    assert (reading.exclude_categories, reading.query) == (("Horror",), None)  # it searched "though my wife"
    assert understand("a movie for my wife", titles, vocabulary).query == "a movie for my wife"  # asked for her


@pytest.mark.parametrize(("message", "intent", "subject"), [
    ("something like Stranger Things", "search", None),  # the catalog lacks it: said so
    ("more like Toy Story 7 please", "more_like", "3"),  # like its namesake, which the catalog has
    # films for its fans: said so, where its words removed the rest searched "someone who loved" (The Notebook)
    ("what would you recommend for someone who loved Stranger Things", "search", None),
])
def test_like_a_title_the_catalog_lacks(titles, vocabulary, message, intent, subject) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.subject) == (intent, subject) and reading.unknown_title


@pytest.mark.parametrize(("message", "direction"), [("a movie for someone who likes Toy Story", None),
                                                   ("a funny movie for people who enjoyed Alien", "funny"),
                                                   ("something for a fan of Heat", None)])
def test_a_film_for_the_fans_of_a_title_is_like_it(titles, vocabulary, message, direction) -> None:
    # "a movie for someone who likes Toy Story" asked for the details of Toy Story.
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.direction, reading.likes) == ("more_like", direction, ())


def test_how_about_another_one_asks_for_more_not_for_details(titles, vocabulary) -> None:
    reading = understand("That movie looks unfunny, how about another recommendation", titles, vocabulary,
                         shown=["6", "2"])
    assert reading.intent == "recommend"


@pytest.mark.parametrize(("word", "spelled"), [("comdedy", "comedy"), ("thrillr", "thriller"),
                                               ("animaton", "animation"), ("thrilled", "thrilled"),
                                               ("dreams", "dreams"), ("drams", "drams"),
                                               # short words, read only with a doubled letter typed single
                                               ("horor", "horror"), ("funy", "funny"), ("hororr", "hororr")])
def test_a_category_word_typed_one_letter_off_is_read(word, spelled) -> None:
    vocabulary = CategoryVocabulary(["Comedy", "Thriller", "Animation", "Drama", "Horror"])
    assert vocabulary.spelled(word) == spelled


def test_a_misspelt_category_is_asked_for(titles, vocabulary) -> None:
    assert understand("I'm thinking a comdedy of some sort", titles, vocabulary).categories == ("Comedy",)
    # ... and searched as spelled right: "horor movies pls" searched as typed found Monsters, Inc.
    horror = understand("horor movies pls", titles, vocabulary)
    assert (horror.categories, content_words(horror.query)) == (("Horror",), ["horror"])
    funny = understand("somthing funy", titles, vocabulary)
    assert (funny.categories, content_words(funny.query)) == (("Comedy",), ["funny"])


@pytest.mark.parametrize("message", ["Hi, how's your day going?", "what's up", "good morning!", "Hello There"])
def test_greetings_ask_for_nothing(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == "chat" and reading.query is None


def test_last_night_is_a_time_not_the_film_unless_written_as_a_title() -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("93", "Last Night (1998)", "", ("Drama",), {"year": 1998})])
    assert catalog.find("yes, i just saw heat last night. Amazing")[-1].item_id == "4"
    assert [m.item_id for m in catalog.find("yes, i just saw heat last night")] == ["4"]
    assert [m.item_id for m in catalog.find('I loved "Last Night"')] == ["93"]


@pytest.mark.parametrize(("message", "intent", "query"), [
    ("a funny movie like Stranger Things", "recommend", "a funny movie like"),
    ("I love a good who-dun-it, anything similar to Knives Out?", "recommend", None),
    ("movies like Stranger Things", "search", None),
])
def test_like_a_title_the_catalog_lacks_answers_the_rest(titles, vocabulary, message, intent, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.intent == intent and reading.asks_alike and reading.unknown_title
    if query:
        assert reading.query == query


@pytest.mark.parametrize("words", ["who dun it", "whodunnit", "who done it"])
def test_a_whodunit_however_typed_is_a_mystery(words) -> None:
    assert [found[0] for found in CategoryVocabulary(["Mystery"]).find(words)] == ["Mystery"]


def test_a_title_the_catalog_lacks_given_as_an_example_of_a_dislike_is_no_comparison(titles, vocabulary) -> None:
    reading = understand('I don\'t like "stupid" comedy, like Napolean Dynamite, I can\'t stand that movie.', titles,
                         vocabulary)
    assert not reading.asks_alike


@pytest.mark.parametrize(("typed", "expected"), [
    ("Interstelar", "15"), ("Terminator 2: Judgement Day", "11"), ("The Godfater", "12"),
    ("Terminator 3: Judgment Day", None),  # another number is another film
    ("Toy Story 2 Returns", None),  # more words: a film the catalog lacks
    ("The Irishman", None), ("Alienz", None),  # too far, or too short to tell a slip from another name
])
def test_a_title_typed_with_a_slip_is_the_catalog_item(titles, typed, expected) -> None:
    assert titles.misspelled(typed) == expected


def test_a_word_other_titles_spell_so_is_no_slip() -> None:
    catalog = CatalogTitles([Item("1", "Crow, The (1994)", "", ("Action",)),
                             Item("2", "Thomas Crown Affair, The (1999)", "", ("Crime",))])
    # "I just finished watching The Crown" showed the details of The Crow.
    assert catalog.misspelled("The Crown") is None
    assert catalog.misspelled("The Crrow") == "1"
    guys = CatalogTitles([Item("1", "How to Lose a Guy in 10 Days (2003)", "", ("Comedy",)),
                          Item("2", "Guys and Dolls (1955)", "", ("Musical",))])
    assert guys.misspelled("How to Lose a Guys in 10 Days") == "1"  # a plural slipped in is a slip still


@pytest.mark.parametrize("message", ["what should I watch after finishing Breaking Bad?",
                                     "anything to watch after seeing Breaking Bad?"])
def test_a_title_the_catalog_lacks_watched_before_leaves_nothing_to_search(titles, vocabulary, message) -> None:
    # "what should i watch after finishing" was searched: V for Vendetta, The Mummy.
    reading = understand(message, titles, vocabulary)
    assert (reading.unknown_title, reading.query) == ("Breaking Bad", None)


def test_a_name_said_alone_that_goes_on_past_a_catalog_title_is_a_film_the_catalog_lacks(titles, vocabulary) -> None:
    # "Stranger Things" showed the details of The Stranger (1946).
    reading = understand("Alien Nation", titles, vocabulary)
    assert (reading.unknown_title, reading.titles, reading.subject) == ("Alien Nation", (), None)
    assert understand("Alien", titles, vocabulary).subject == "1"


def test_a_title_finished_is_seen(titles, vocabulary) -> None:
    assert understand("I just finished Heat, what next?", titles, vocabulary).seen == ("4",)


def test_by_the_way_names_no_film() -> None:
    catalog = CatalogTitles([*CHAT_ITEMS, Item("95", "Way, The (2010)", "", ("Drama",), {"year": 2010})])
    assert [m.item_id for m in catalog.find("I can't stand Heat by the way")] == ["4"]
    assert [m.item_id for m in catalog.find("I loved The Way")] == ["95"]


def test_a_misspelt_title_takes_the_feedback_said_of_it(titles, vocabulary) -> None:
    # Not found, "that movie" would have meant the last item shown, which the user never spoke of.
    reading = understand("I don't like stupid comedy, like The Godfater, I can't stand that movie.", titles,
                         vocabulary, shown=["3", "7"])
    assert reading.dislikes == ("12",) and reading.unknown_title is None
    assert understand("I can't stand The Godfater", titles, vocabulary).dislikes == ("12",)
    assert understand("I liked The Godfater", titles, vocabulary).likes == ("12",)
    # A title with the small words titles keep in lower case, typed with a slip.
    catalog = CatalogTitles([*CHAT_ITEMS, Item("95", "How to Lose a Guy in 10 Days (2003)", "", ("Comedy",), {})])
    slip = understand("Kate Hudson, I loved her in the movie How to Lose a Guys in 10 Days", catalog, vocabulary)
    assert slip.likes == ("95",)
    assert understand("I like Harrison Ford and Tom Hanks", catalog, vocabulary).unknown_title == "Harrison Ford"


def test_a_series_is_the_films_numbered_after_one_and_no_remake() -> None:
    catalog = CatalogTitles([Item("1", "Saw (2004)"), Item("2", "Saw II (2005)"), Item("3", "Saw VII 3D (2010)"),
                             Item("4", "Saw (2003)"), Item("5", "Back to the Future (1985)"),
                             Item("6", "Back to the Future Part II (1989)"), Item("7", "Frozen (2013)"),
                             Item("8", "Frozen (2010)"), Item("9", "Why Did I Get Married? (2007)"),
                             Item("10", "Why Did (2001)"), Item("11", "Sawdust (2001)")])
    assert catalog.series("1") == ["2", "3"]  # not the short of 2003 of the same name
    assert catalog.series("2") == ["1", "3", "4"]  # a sequel follows either
    assert catalog.series("5") == ["6"] and catalog.series("6") == ["5"]
    assert catalog.series("7") == [] and catalog.series("9") == [] and catalog.series("11") == []


def test_the_first_films_of_series_are_those_a_binge_starts_with() -> None:
    # "a good trilogy to binge this weekend" found The Mask and Good Will Hunting by its words.
    def film(item_id: str, title: str, *kinds: str) -> Item:
        return Item(item_id, title, "", kinds or ("Action", "Sci-Fi"), {"year": int(title[-5:-1])})

    catalog = CatalogTitles([film("1", "Terminator, The (1984)"), film("2", "Terminator 2: Judgment Day (1991)"),
                             film("3", "Terminator 3: Rise of the Machines (2003)"),
                             film("4", "Lord of the Rings, The (1978)", "Animation", "Children", "Fantasy"),
                             film("5", "Lord of the Rings: The Fellowship of the Ring, The (2001)", "Fantasy"),
                             film("6", "Lord of the Rings: The Two Towers, The (2002)", "Fantasy"),
                             film("7", "Lord of the Rings: The Return of the King, The (2003)", "Fantasy"),
                             film("8", "Three Musketeers, The (1973)", "Adventure"),
                             film("9", "Three Musketeers, The (1993)", "Adventure"),
                             film("10", "Three Musketeers, The (2011)", "Adventure"),
                             film("11", "Toy Story (1995)", "Animation"),
                             film("12", "Toy Story 2 (1999)", "Animation")],
                            popularity={"1": 131, "2": 224, "3": 50, "4": 5, "5": 198, "6": 188, "7": 185, "9": 20})
    # The Terminator, better known than a quarter of Terminator 2; The Fellowship of the Ring, not the cartoon of
    # 1978, of other kinds and hardly known; no remakes of one title, and no series of two.
    assert catalog.series_firsts == {"1": ["1", "2", "3"], "5": ["5", "6", "7"]}


def test_a_series_asked_for_without_a_name_is_read_so(titles, vocabulary) -> None:
    # How long the weekend is says nothing of the films: "long" was searched, and The Mummy came first.
    for said in ("a good trilogy to binge this weekend", "any good movie franchises?", "something to binge watch",
                 "a movie for a long weekend binge, maybe a trilogy"):
        reading = understand(said, titles, vocabulary)
        assert reading.series and reading.intent == "recommend" and reading.query is None, said
    scifi = understand("a sci-fi trilogy", titles, vocabulary)
    assert scifi.series and scifi.categories == ("Sci-Fi",)
    # A series named is its films, liked or compared with (`grouped_films`), none asked for without a name.
    assert not understand("I loved the Toy Story trilogy", titles, vocabulary).series
    assert not understand("I watched a TV series", titles, vocabulary).series


def test_a_series_is_named_by_what_its_titles_begin_with_before_and_the() -> None:
    catalog = CatalogTitles([Item("1", "Harry Potter and the Sorcerer's Stone (2001)"),
                             Item("2", "Harry Potter and the Chamber of Secrets (2002)"),
                             Item("3", "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)"),
                             Item("4", "Indiana Jones and the Last Crusade (1989)"),
                             Item("5", "The Fox and the Hound (1981)"), Item("6", "The Fox and the Hound 2 (2006)"),
                             Item("7", "Charlie and the Chocolate Factory (2005)")],
                            popularity={"1": 10, "2": 5, "3": 20, "4": 8})
    assert catalog.series_named("Harry Potter") == ["1", "2"]
    assert catalog.series_named("indiana jones") == ["3", "4"]  # the alternative title in parentheses counts
    assert [m.item_id for m in catalog.find("something like Harry Potter")] == ["1"]
    assert catalog.series_named("The Fox") == [] and catalog.series_named("Charlie") == []
    assert catalog.series_named("Harry Potter and the Chamber of Secrets") == []  # a film, not its series
    assert catalog.series("2") == ["1"] and catalog.series("4") == ["3"]  # a film not liked keeps them away too
    vocabulary = CategoryVocabulary(["Adventure"])
    assert [m.item_id for m in understand("I loved the Indiana Jones movies", catalog, vocabulary).titles] == ["3"]


def test_a_title_that_goes_on_from_a_series_name_is_of_the_series() -> None:
    # Three Austin Powers films were shown in one reply: "in Goldmember" has no colon.
    catalog = CatalogTitles([Item("1", "Austin Powers: International Man of Mystery (1997)"),
                             Item("2", "Austin Powers: The Spy Who Shagged Me (1999)"),
                             Item("3", "Austin Powers in Goldmember (2002)"), Item("4", "Austin (2020)")])
    assert sorted(catalog.series("3")) == ["1", "2"] and catalog.series("4") == []


@pytest.mark.parametrize(("message", "english", "foreign"), [
    ("no movies with subtitles please", True, False),  # it read "with subtitles" and asked for foreign films
    ("my partner hates subtitles and I hate musicals", True, False),
    ("I don't like reading subtitles, any good comedies?", True, False),
    ("a comedy in english", True, False),
    ("I won't watch anything with subtitles", True, False),  # it searched the words, and said nothing said so
    ("something with subtitles", False, True),
    ("any good foreign films?", False, True),
])
def test_subtitles_ruled_out_are_films_in_english(titles, vocabulary, message, english, foreign) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.english, reading.foreign) == (english, foreign)
    if message.startswith("I won't"):
        assert reading.query is None  # the language is all it asks


def test_a_first_name_the_tags_give_a_person_is_that_person_not_a_little_known_film(vocabulary) -> None:
    # "I really like Keanu" liked the film Keanu and showed comedies like it.
    catalog = CatalogTitles([Item("1", "Keanu (2016)", "", ("Comedy",)), Item("2", "Hannibal (2001)", "", ("Horror",)),
                             *(Item(str(n), f"Film {n} (2000)") for n in range(3, 9))],
                            popularity={"1": 2, "2": 39, **{str(n): 10 for n in range(3, 9)}})
    people = {"keanu": "Keanu Reeves", "hannibal": "Hannibal Lecter"}

    def read(message):
        return understand(message, catalog, vocabulary, first_named=lambda word: people.get(word.lower()))

    keanu = read("I really like Keanu")
    assert (keanu.likes, keanu.query) == ((), "i really like keanu reeves")
    assert read("I watched the movie Keanu").seen == ("1",)  # said as a film
    assert read("I loved Hannibal").likes == ("2",)  # a well known film is the film


def test_a_last_name_the_tags_give_a_person_is_searched_as_that_person(vocabulary) -> None:
    # By meaning "kubrick" was close to 2001 and then to The Terminator; "I love Hitchcock" liked the biopic.
    catalog = CatalogTitles([Item("1", "Hitchcock (2012)", "", ("Drama",)),
                             *(Item(str(n), f"Film {n} (2000)") for n in range(2, 9))],
                            popularity={"1": 40, **{str(n): 10 for n in range(2, 9)}})
    people = {"kubrick": "Stanley Kubrick", "hitchcock": "Alfred Hitchcock", "street": "Wall Street"}

    def read(message):
        return understand(message, catalog, vocabulary, first_named=lambda word: None,
                          surnamed=lambda word: people.get(word.lower()))

    assert read("any Kubrick movies?").query == "any stanley kubrick movies"
    assert read("something by kubrick").query == "something by stanley kubrick"
    assert read("kubrick's best?").query == "stanley kubrick"
    # Said whole, with the possessive: searched as "stanley stanley kubrick style" before.
    assert read("films in Stanley Kubrick's style").query == "films in stanley kubrick style"
    hitchcock = read("I love Hitchcock")
    assert (hitchcock.likes, hitchcock.query) == ((), "i love alfred hitchcock")  # well known or not
    assert read("I watched the movie Hitchcock").seen == ("1",)  # said as a film
    # A last name that is a word too is a name only where written or said as one.
    assert read("a street racing movie").query == "a street racing movie"
    assert read("i liked the kubrick one").query == "i liked the kubrick one"


def test_a_well_known_title_is_found_by_the_words_before_its_comma() -> None:
    # "anything like Crouching Tiger?" said the catalog lacked it.
    films = [Item("1", "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)"),
             Item("2", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"),
             Item("3", "Fast Food, Fast Women (2000)"), Item("4", "New York, New York (1977)"),
             Item("5", "Matrix, The (1999)"), *(Item(str(n), f"Film {n} (2000)") for n in range(6, 61))]
    popularity = {"1": 110, "2": 97, "3": 1, "4": 50, "5": 200, **{str(n): 5 for n in range(6, 61)}}
    catalog = CatalogTitles(films, popularity=popularity)  # the best known 5%: three of 60
    assert [m.item_id for m in catalog.find("anything like Crouching Tiger?")] == ["1"]
    assert [m.item_id for m in catalog.find("I loved Dr. Strangelove")] == ["2"]
    assert catalog.find("I could eat some Fast Food") == []  # little known: not said short
    assert catalog.find("something set in New York") == []  # everyday words first: never said short
    assert short_title("Matrix, The (1999)") is None  # an article after the comma is no short form


def test_a_well_known_long_title_is_found_by_its_first_words() -> None:
    # "I like movies like Amelie and Eternal Sunshine" liked Amélie alone, and showed Eternal Sunshine as a pick.
    films = [Item("1", "Eternal Sunshine of the Spotless Mind (2004)"),
             Item("2", "Fantastic Beasts and Where to Find Them (2016)"),
             Item("3", "Fantastic Beasts: The Crimes of Grindelwald (2018)"), Item("4", "Back to the Future (1985)"),
             Item("5", "Four Weddings and a Funeral (1994)"),
             *(Item(str(n), f"Film {n} (2000)") for n in range(6, 61))]
    popularity = {"1": 131, "2": 110, "3": 100, "4": 171, "5": 3, **{str(n): 5 for n in range(6, 61)}}
    catalog = CatalogTitles(films, popularity=popularity)  # the best known 5%: three of 60
    assert [m.item_id for m in catalog.find("I like Amelie and Eternal Sunshine")] == ["1"]
    assert "fantastic beasts" not in catalog.aliases["2"]  # two titles start so: which one is not said
    assert opening_words("Back to the Future (1985)") is None  # everyday words first
    assert catalog.find("four weddings and a party") == []  # little known: not said short
    assert opening_words("Up (2009)") is None and opening_words("Star Wars: A New Hope (1977)") is None


def test_a_word_after_a_or_an_is_no_title_of_one_word() -> None:
    # "Wasn't the actress nominated for an Oscar?" asked about the film Oscar (1967).
    catalog = CatalogTitles([Item("1", "Oscar (1967)"), Item("2", "Rocky (1976)")])
    assert catalog.find("Wasn't the actress nominated for an Oscar?") == []
    assert [m.item_id for m in catalog.find("I loved Oscar")] == ["1"]
    assert [m.item_id for m in catalog.find("I want a Rocky movie")] == ["2"]  # of the film, as before


def test_a_title_of_one_part_is_named_without_its_part() -> None:
    # "My recent favorite is Avengers Infinity War" named the films Infinity and War.
    catalog = CatalogTitles([Item("1", "Avengers: Infinity War - Part I (2018)"), Item("2", "Infinity (1996)"),
                             Item("3", "War, The (1994)"), Item("4", "The Hunger Games: Mockingjay - Part 1 (2014)"),
                             Item("5", "The Hunger Games: Mockingjay - Part 2 (2015)")],
                            popularity={"1": 5, "2": 1, "3": 5, "4": 9, "5": 7})
    assert [m.item_id for m in catalog.find("My recent favorite is Avengers Infinity War")] == ["1"]
    assert [m.item_id for m in catalog.find("I liked the hunger games mockingjay")] == ["4"]  # the better known
    assert [m.item_id for m in catalog.find("I liked The Hunger Games: Mockingjay - Part 2")] == ["5"]


def test_a_series_is_named_by_what_its_titles_say_before_a_colon() -> None:
    catalog = CatalogTitles([Item("1", "Lord of the Rings: The Fellowship of the Ring, The (2001)"),
                             Item("2", "Lord of the Rings: The Two Towers, The (2002)"),
                             Item("3", "Lord of the Rings, The (1978)"),
                             Item("4", "The Hobbit: The Battle of the Five Armies (2014)"),
                             Item("5", "Hobbit: An Unexpected Journey, The (2012)"),
                             Item("6", "Batman: Mask of the Phantasm (1993)"), Item("7", "Batman: Year One (2011)"),
                             Item("8", "Chronicles of Narnia: The Lion, the Witch and the Wardrobe, The (2005)"),
                             Item("9", "Chronicles of Narnia: Prince Caspian, The (2008)"), Item("10", "Lion (2016)"),
                             Item("11", "The Purge (2013)"), Item("12", "Purge: Anarchy, The (2014)"),
                             Item("13", "The Purge: Election Year (2016)")],
                            popularity={"1": 30, "2": 20, "3": 2, "4": 5, "5": 8, "11": 10, "12": 12})
    assert catalog.series_named("the Lord of the Rings") == ["1", "2", "3"]  # the 1978 film of that name too
    assert catalog.series_named("The Hobbit") == ["5", "4"]  # its article moved to the end or not
    assert catalog.series_named("Batman") == []  # one word before the colon: a name, not surely a series
    assert catalog.series("4") == ["5"]
    # A whole title that begins like its series is that film, not the series and words after it.
    narnia = "I loved The Chronicles of Narnia: The Lion, the Witch and the Wardrobe"
    assert [m.item_id for m in catalog.find(narnia)] == ["8"]
    assert catalog.series_named("the Chronicles of Narnia") == ["8", "9"]
    # The film of the very title said, unless another of its series is far better known (the 1978 film above).
    assert [m.item_id for m in catalog.find('Not into movies like "The Purge"')] == ["11"]
    assert catalog.series_named("The Purge") == ["11", "12", "13"]
    assert catalog.series("11") == ["12", "13"]  # not liking The Purge keeps its sequels away
    vocabulary = CategoryVocabulary(["Adventure"])
    reading = understand("I loved the Lord of the Rings movies", catalog, vocabulary)
    assert (reading.intent, reading.likes) == ("feedback", ("1",))  # Jackson's films, the most watched first


def test_a_seen_title_the_catalog_lacks_asks_for_nothing(titles, vocabulary) -> None:
    assert understand("I watched The Irishman", titles, vocabulary).query is None
    assert understand("I watched The Irishman last week", titles, vocabulary).intent == "chat"
    assert understand("OHH GOOD U", titles, vocabulary).unknown_title is None  # shouted, not a title
    enjoyed = understand("Knives Out, which I also enjoyed.", titles, vocabulary)
    assert (enjoyed.unknown_title, enjoyed.query, enjoyed.intent) == ("Knives Out", None, "chat")
    assert understand("good i see the movie after some time", titles, vocabulary).query is None
    # What else the message says is still asked for, without the title's words.
    rest = understand("I watched The Irishman. Real stories with families at christmas", titles, vocabulary)
    assert rest.intent == "recommend" and "christmas" in (rest.query or "") and "irishman" not in (rest.query or "")
    # Asked about, it is still looked for (and said to be missing).
    assert understand("Have you heard of The Irishman?", titles, vocabulary).intent == "search"
    # Asked for more beside it, what is told of it is no part of the request: "knives out" found Blade.
    loved = understand("hey, I just watched Knives Out and loved it. what should I watch next?", titles, vocabulary)
    assert (loved.intent, loved.query, loved.unknown_title) == ("recommend", None, "Knives Out")
    thrillers = understand("I loved Knives Out, any good thrillers?", titles, vocabulary)
    assert (thrillers.query, thrillers.categories) == ("any good thrillers", ("Thriller",))


def test_that_time_period_is_the_years_around_the_film_spoken_of(titles, vocabulary) -> None:
    reading = understand("I love that movie, but I have already seen it. Is there another movie from that time "
                         "period that you would recommend", titles, vocabulary, shown=["5", "3"])
    assert (reading.year_from, reading.year_to) == (1996, 2006)  # Amélie, 2001
    assert reading.likes == ("5",) and reading.query is None  # nothing else asked: the theme goes on
    named = understand("anything from the same era as Heat?", titles, vocabulary)
    assert (named.year_from, named.year_to) == (1990, 2000)
    assert understand("that time I saw Heat", titles, vocabulary).year_from is None


def test_another_one_goes_on_with_the_theme_whatever_else_it_says() -> None:
    assert is_follow_up("is there another movie that you would recommend")
    assert is_follow_up("any others with a bit more action")
    assert not is_follow_up("a movie about two friends helping each other in space")
    assert not is_follow_up("friends who help one another")


@pytest.mark.parametrize(("message", "query"), [
    ("I like stoner comedies like Heat", "i like stoner comedies"),  # the kind liked is asked for, Heat an example
    ("I really like comedies such as Toy Story", "i really like comedies"),
    ("I loved Heat", None),  # said of the film alone: nothing asked
])
def test_a_title_given_as_an_example_leaves_the_kind_in_the_request(titles, vocabulary, message, query) -> None:
    reading = understand(message, titles, vocabulary)
    assert reading.likes and reading.query == query


@pytest.mark.parametrize("message", ["I am not overly interested in the actors though, just a good story",
                                     "I'm not too into slasher films, just a good story"])
def test_what_the_user_is_not_into_is_no_part_of_the_request(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    # "just a good story": the best rated, which is how the catalog knows a good story.
    query = reading.query or ""
    assert reading.rated == "best" and "actors" not in query and "slasher" not in query


@pytest.mark.parametrize(("message", "rated"), [("what's the funniest movie ever?", "best"),
                                               ("the scariest movie of all time", "best"),
                                               ("the funniest one", None)])  # of a list: chosen, not rated
def test_the_funniest_film_ever_is_the_best_rated_of_its_kind(titles, vocabulary, message, rated) -> None:
    # It showed Ace Ventura, the most watched comedy.
    assert understand(message, titles, vocabulary).rated == rated


def test_great_reviews_and_years_between_ask_for_ratings_and_years_not_words(titles, vocabulary) -> None:
    # Searched, "a movie between 1995 and 2005 with great reviews" found As Good as It Gets, Nine Months, Mallrats.
    reading = understand("a movie between 1995 and 2005 with great reviews", titles, vocabulary)
    assert (reading.rated, reading.year_from, reading.year_to, reading.query) == ("best", 1995, 2005, None)
    assert understand("a comedy from 1990 to 1995", titles, vocabulary).query == "a comedy"


@pytest.mark.parametrize(("message", "service"), [("what's on Netflix right now?", "Netflix"),
                                                  ("any good comedies on Disney+?", "Disney+"),
                                                  ("a movie about the amazon", None),
                                                  ("we watched Heat 20 times since Disney+ came out", None),
                                                  ("I watched Heat on Netflix last night and loved it", None)])
def test_where_a_film_streams_is_read_and_never_searched(titles, vocabulary, message, service) -> None:
    # Searched, "what's on Netflix right now?" showed films tagged "In Netflix queue".
    reading = understand(message, titles, vocabulary)
    assert reading.service == service
    asked = reading.intent == "recommend" and service is not None
    assert service is None or (asked and service.lower().rstrip("+") not in (reading.query or ""))


@pytest.mark.parametrize(("message", "year_from", "year_to", "in_colour"), [
    ("something in color", 1960, None, True), ("a western, but nothing black and white", 1960, None, True),
    ("I don't like black and white movies", 1960, None, True), ("something from the 80s in colour", 1980, 1989, False),
    ("a 1950s movie in color", 1950, 1959, False), ("an old black and white movie", None, 1979, False)])
def test_films_in_colour_are_read_as_years_and_never_searched(titles, vocabulary, message, year_from, year_to,
                                                              in_colour) -> None:
    # Searched, "something in color" after film noir found The Color Purple and Three Colors: Blue.
    reading = understand(message, titles, vocabulary)
    assert (reading.year_from, reading.year_to, reading.in_colour) == (year_from, year_to, in_colour)
    assert "colo" not in (reading.query or "")


def test_a_dramedy_is_a_comedy(titles, vocabulary) -> None:
    assert "Comedy" in understand("I love a good dramedy", titles, vocabulary).categories


@pytest.mark.parametrize(("message", "choice"), [
    ("Which of these is the funniest?", "the funniest"),
    ("which one would be best for kids?", "best for kids"),
    ("which would you pick?", "best"),
    ("Which one do you think is the most romantic?", "the most romantic"),
    ("which movie did you see last?", None),  # asked of the recommender, no choice among the items
    ("which one should I watch first?", "best"),  # it searched the words: V for Vendetta, Harry Potter
])
def test_which_of_these_asks_to_choose_among_the_items_shown(titles, vocabulary, message, choice) -> None:
    reading = understand(message, titles, vocabulary, shown=["3", "4"])
    assert (reading.intent == "choose", reading.choice) == (choice is not None, choice)
    assert understand(message, titles, vocabulary).choice is None  # nothing shown: nothing to choose among


@pytest.mark.parametrize("message", ["I haven't! What is the movie about?", "what's it about?",
                                     "I have never heard of it. Can you tell me a bit about the story line?",
                                     # searched, it found The NeverEnding Story and It's Kind of a Funny Story
                                     "I'd like to know more about the story.",
                                     "no i havent whats it about"])  # without its apostrophe it was small talk
def test_what_is_it_about_after_a_list_asks_about_its_first_item(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary, shown=["4", "3"])
    assert (reading.intent, reading.subject) == ("details", "4")
    assert understand("a movie with a good plot", titles, vocabulary, shown=["4", "3"]).intent != "details"
    assert understand("movies where the story matters", titles, vocabulary, shown=["4", "3"]).intent != "details"


@pytest.mark.parametrize(("message", "categories", "excluded"), [
    ("Not really. Comedies are my thing", ("Comedy",), ()),
    ("no horror. comedies please", ("Comedy",), ("Horror",)),
    ("I have not! A thriller is exactly what I'm looking for", ("Thriller",), ()),
    ("not a fan of sci fi or action", (), ("Sci-Fi", "Action")),  # within one sentence, both
])
def test_a_negation_holds_within_its_sentence(titles, vocabulary, message, categories, excluded) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.exclude_categories) == (categories, excluded)


@pytest.mark.parametrize("message", ["Anything is fine to be honest", "whatever you think is good",
                                     "I'm open to anything really", "I'm not picky", "any genre works for me",
                                     "it doesn't matter, up to you"])
def test_any_film_will_do_asks_for_films_with_no_words_searched_and_no_title(vocabulary, message) -> None:
    # "whatever" found the film Whatever, "I'm open to anything" Eyes Wide Shut, close by meaning to "open".
    titles = CatalogTitles([*CHAT_ITEMS, Item("90", "Whatever (1998)", "", ("Drama",), {"year": 1998})])
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.query, reading.titles) == ("recommend", None, ())
    kind = understand("I like horror. Any genre works for me though, honestly", titles, vocabulary)
    assert kind.categories == ("Horror",) and not {"genre", "works"} & set((kind.query or "").split())


@pytest.mark.parametrize("message", ["I like a lot of different movies. Let's try drama",
                                     "I watch all kinds of movies, maybe a drama",
                                     "I enjoy a wide variety of films, a drama please"])
def test_a_broad_taste_is_no_words_to_search(titles, vocabulary, message) -> None:
    # "I like a lot of different movies. Let's try drama" searched "different" and showed A Lot Like Love.
    reading = understand(message, titles, vocabulary)
    assert reading.categories == ("Drama",)
    assert not {"lot", "different", "kinds", "wide", "variety"} & set(content_words(reading.query))
    # A kind or a theme said in it is still what is asked for.
    assert understand("I like all kinds of horror movies", titles, vocabulary).categories == ("Horror",)
    assert "hanks" in (understand("I like lots of movies with Tom Hanks", titles, vocabulary).query or "")


@pytest.mark.parametrize(("message", "expected"), [
    ("recommend me 2 horror movies and 2 comedies", (("horror movies", ("Horror",), 2), ("comedies", ("Comedy",), 2))),
    ("one comedy, one drama and one thriller please",
     (("comedy", ("Comedy",), 1), ("drama", ("Drama",), 1), ("thriller please", ("Thriller",), 1))),
    ("give me 3 comedies", ()),  # one kind: a count, as before
    ("2 horror movies and one with Tom Hanks", ()),  # a part of no kind: read as a whole
    ("two comedies and 2 comedies", ()),
])
def test_so_many_of_each_kind_is_read_part_by_part(titles, vocabulary, message, expected) -> None:
    assert understand(message, titles, vocabulary).counted_kinds == expected


@pytest.mark.parametrize("message", ["really what type of story is that movie.", "what is that movie about?",
                                     "that sounds great, is it scary?", "is it any good?"])
def test_a_question_about_a_film_none_shown_nor_named_asks_which(titles, vocabulary, message) -> None:
    # "what type of story is that movie" found The NeverEnding Story by its words.
    assert (understand(message, titles, vocabulary).intent, understand(message, titles, vocabulary).query) == (
        "unclear", None)
    assert understand(message, titles, vocabulary, shown=["4", "1"]).intent != "unclear"  # the film shown first


@pytest.mark.parametrize("message", ["is it possible to get a comedy?", "I want a movie with a good storyline",
                                     "is Heat any good?", "does it have to be new? I like comedies"])
def test_a_question_that_is_no_question_about_a_film_is_read_as_before(titles, vocabulary, message) -> None:
    assert understand(message, titles, vocabulary).intent != "unclear"


@pytest.mark.parametrize(("message", "searched"), [
    ("a movie that's funny but also has heart", "a movie thats funny but also heartwarming"),
    ("a comedy with a lot of heart", "a comedy heartwarming"),
    ("a movie about a heart surgeon", "a movie about a heart surgeon"),
])
def test_a_film_with_heart_is_searched_as_heartwarming(titles, vocabulary, message, searched) -> None:
    # "funny but also has heart" found I Heart Huckabees by its title.
    assert understand(message, titles, vocabulary).query == searched


def test_the_others_after_a_list_are_the_rest_of_it_not_the_film_the_others(vocabulary) -> None:
    # It recorded the film The Others as seen, showed its details, and lost "the first two".
    titles = CatalogTitles([*CHAT_ITEMS, Item("90", "Others, The (2001)", "", ("Horror",), {"year": 2001})])
    reading = understand("I've seen the first two, what about the others?", titles, vocabulary, shown=["4", "6", "1"])
    assert reading.seen == ("4", "6") and not reading.titles and reading.intent != "details"
    rest = understand("I've seen the first one. what about the rest?", titles, vocabulary, shown=["4", "6", "1"])
    assert (rest.seen, rest.query) == (("4",), None)  # "what about the rest" was searched, and found The Others
    alone = understand("have you seen the others?", titles, vocabulary)  # nothing shown: the film
    assert [mention.item_id for mention in alone.titles] == ["90"]


def test_films_based_on_true_stories_are_a_theme_not_the_film_true_stories(vocabulary) -> None:
    # "I like movies based on true stories" liked David Byrne's True Stories and showed films like it.
    titles = CatalogTitles([*CHAT_ITEMS, Item("90", "True Stories (1986)", "", ("Comedy",), {"year": 1986})])
    for message in ("I like movies based on true stories", "any good true story movies?"):
        reading = understand(message, titles, vocabulary)
        assert not reading.titles and not reading.likes and "true" in (reading.query or "")
    assert [m.item_id for m in understand("have you seen True Stories?", titles, vocabulary).titles] == ["90"]


def test_true_crime_is_a_kind_of_story_not_the_film_true_crime(vocabulary) -> None:
    # "I'm into true crime stuff" liked True Crime (1999) and showed crime films of 1999 (Entrapment, Go).
    titles = CatalogTitles([*CHAT_ITEMS, Item("91", "True Crime (1999)", "", ("Crime", "Thriller"), {"year": 1999})])
    for message in ("I'm into true crime stuff", "any good true-crime movies?"):
        reading = understand(message, titles, vocabulary)
        assert not reading.titles and not reading.likes and reading.categories == ("Crime",)
        assert "crime based on a true story" in (reading.query or "")  # as the tags say it
    assert [m.item_id for m in understand("I liked True Crime (1999)", titles, vocabulary).titles] == ["91"]


def test_a_film_liked_with_a_fault_found_is_liked_not_disliked_too(titles, vocabulary) -> None:
    # "I liked Titanic but it was too long" recorded a like and a dislike of it.
    reading = understand("I liked Heat but it was too long", titles, vocabulary)
    assert (reading.likes, reading.dislikes) == (("4",), ())
    both = understand("I hated Heat but loved Alien", titles, vocabulary)
    assert (both.likes, both.dislikes) == (("1",), ("4",))


def test_a_name_ruled_out_beside_feedback_is_none_to_search(titles, vocabulary) -> None:
    # "not that one, I hate Jim Carrey" after a list searched his name and showed films like his.
    reading = understand("not that one, I hate Tom Cruise", titles, vocabulary, shown=SHOWN,
                         described=lambda name: name.lower() == "tom cruise",
                         theme_of=lambda name: name.lower() == "tom cruise")
    assert (reading.dislikes, reading.query, reading.avoided) == (("4",), None, ("Tom Cruise",))
    # A person ruled out is said to be tagged on few films: others of theirs may still come (Ace Ventura did).
    said = _ruled_out_said(["Tom Cruise"], lambda word: [], "tom cruise".__eq__)
    assert said.startswith("no films the catalog tags Tom Cruise (its tags name people on a few of their films only")


def test_a_theme_of_the_tags_ending_in_a_kind_s_word_asks_for_that_kind_only_where_its_films_are_of_it() -> None:
    # "something set during the Cold War" read war films and showed Saving Private Ryan and Patton; the films the
    # catalog tags "cold war" are comedies and a thriller (Good Bye Lenin!, Ninotchka, WarGames).
    items = [*CHAT_ITEMS, Item("w1", "Glory (1989)", "", ("Drama", "War")),
             Item("w2", "Cold Mountain (2003)", "", ("Drama", "Romance", "War"))]
    titles = CatalogTitles(items)
    vocabulary = CategoryVocabulary(sorted({c for item in items for c in item.categories}))
    tags = {"cold war": frozenset({"5", "10", "14"}), "civil war": frozenset({"w1", "w2"})}

    def read(message: str) -> tuple[str, ...]:
        return understand(message, titles, vocabulary, theme_of=lambda name: tags.get(name, frozenset())).categories

    assert read("something set during the Cold War") == ()
    assert read("a civil war movie") == ("War",)
    assert read("a war movie") == ("War",)


@pytest.mark.parametrize("message", ["a good sequel that's better than the original",
                                     "any sci-fi sequels better than the first one?",
                                     "which sequels beat the original?"])
def test_a_sequel_better_than_the_original_is_asked_for_by_rating(titles, vocabulary, message) -> None:
    reading = understand(message, titles, vocabulary)
    assert (reading.intent, reading.sequels) == ("recommend", True)
    assert not {"sequel", "sequels", "original", "better"} & set(content_words(reading.query))


def test_a_sequel_said_better_of_a_title_asks_for_no_sequels(titles, vocabulary) -> None:
    assert not understand("I loved Toy Story 2, the sequel was better than the original", titles, vocabulary).sequels


def test_old_hollywood_is_the_studio_era_and_under_the_radar_is_no_words_to_search(titles, vocabulary) -> None:
    # "she likes musicals and old Hollywood" showed Get Shorty, tagged Hollywood, and Mamma Mia! of 2008.
    hollywood = understand("she likes musicals and old Hollywood", titles, vocabulary)
    assert (hollywood.year_from, hollywood.year_to) == (None, 1965)
    assert "hollywood" not in content_words(hollywood.query)
    # "something from the 2010s that flew under the radar" searched "something that flew", said to match loosely.
    radar = understand("something from the 2010s that flew under the radar", titles, vocabulary)
    assert (radar.rated, radar.year_from, radar.query) == ("underrated", 2010, None)


@pytest.mark.parametrize(("message", "recent"), [("a modern one", True), ("a more recent one", True),
                                                 ("any newer ones?", True), ("a new one please", False)])
def test_an_era_said_of_one_film_is_years_but_a_new_one_is_another(titles, vocabulary, message, recent) -> None:
    # "a modern one" after westerns showed Modern Times, of 1936, by its title.
    assert (understand(message, titles, vocabulary).year_from is not None) is recent


@pytest.mark.parametrize(("message", "which"), [
    ("which of his should I watch next? I've seen Pulp Fiction and Kill Bill", True),
    ("which of her movies is the best?", True), ("what's his best movie?", True),
    ("which one of his would you pick", True),
    ("anything else by him?", False), ("which of these is the funniest?", False),
    ("which of his friends did you mean?", False)])
def test_which_of_a_persons_films_is_a_choice_among_them(message, which) -> None:
    assert asks_which_of_theirs(message) is which


@pytest.mark.parametrize(("message", "lessened"), [
    ("anything less scary?", True), ("something less scary please", True), ("a less scary horror movie", False),
    ("a horror movie that's less scary", False)])
def test_less_fright_with_no_kind_said_is_told_apart(titles, vocabulary, message, lessened) -> None:
    # Less fright alone is milder than the conversation, which may be of no horror at all (`GuidedMode`).
    reading = understand(message, titles, vocabulary)
    assert ("Horror" in reading.softened, reading.fright_lessened) == (True, lessened)


@pytest.mark.parametrize("message", ["recommend a comedy that isn't stupid", "something funny but nothing too dumb",
                                     "a comedy that's not dumb please"])
def test_a_comedy_not_stupid_is_a_witty_one(titles, vocabulary, message) -> None:
    # "a comedy that isn't stupid" showed Road Trip and Anchorman among the best known comedies.
    reading = understand(message, titles, vocabulary)
    assert (reading.categories, reading.query) == (("Comedy",), "witty, satire, clever")


def test_as_good_is_asked_of_films_to_come_never_of_a_film_named(titles, vocabulary) -> None:
    # "what else is on that level?" is the best rated like the film liked (`GuidedMode`); a title, or a question of one
    # film against another, keeps its words.
    assert understand("anything as good as that?", titles, vocabulary, alike=("4",)).rated == "best"
    for said in ("I loved As Good as It Gets", "is Toy Story 2 as good as the first one?",
                 "something as good as possible"):
        assert understand(said, titles, vocabulary).rated is None, said


def test_an_item_shown_compared_with_is_no_feedback_on_it(titles, vocabulary) -> None:
    # "something else that will make me cry like that" after films like Up noted Up as liked again, and searched
    # "... cry like".
    reading = understand("something else that will make me cry like that", titles, vocabulary, shown=("9", "3"),
                         alike=("9",))
    assert (reading.intent, reading.subject, reading.likes) == ("more_like", "9", ())
    assert reading.query == "something else that will make me cry"
    assert understand("I really like that one", titles, vocabulary, shown=("9", "3")).likes == ("9",)
