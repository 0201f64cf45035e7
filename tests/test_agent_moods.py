"""Moods, audiences and occasions read by meaning with the real embedding model (all-MiniLM-L6-v2, offline)."""

from __future__ import annotations

import pytest

from recagent import Event, Item
from recagent.agent.moods import MoodReader
from recagent.testing import scripted_chat_model
from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS


@pytest.fixture(scope="module")
def meaning_recommender(tmp_path_factory):
    """The chat catalog indexed with the bundled MiniLM model, which moods are read with."""
    from recagent import Recommender

    rec = Recommender.open(tmp_path_factory.mktemp("moods") / "ws", settings={"progress": False})
    rec.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
    rec.build_index()
    yield rec
    rec.close()


@pytest.mark.parametrize(("request_text", "mood"), [
    ("I'm feeling down, cheer me up", "uplifting"),
    ("a movie that will make me cry", "tearjerker"),
    ("something to watch with my grandma", "gentle"),
    ("a fun movie for a rainy afternoon with my grandma", "gentle"),  # no mood; Grandma's Boy came by its title
    ("movie night with my parents, they're in their 60s", "gentle"),  # searched: Meet the Parents, Parenthood
    ("a good date night movie", "date night"),
    ("a movie that makes me think", "thoughtful"),
    ("a movie that will make me think about life", "thoughtful"),  # the details of Life (1999) came
    ("I like stoner comedies", "stoner"),
    # three words running, in a longer message: the whole dilutes them
    ("yea im thinking a comedy of some sort im having a blue day so i want to lift my spirits", "uplifting"),
    ("i prefer comedy and action i also watch fantasy and childrens movies as i have two young daughters",
     "everyone"),
    # Watched with a parent, not the teens' own films: it showed Superbad and Fast Times at Ridgemont High.
    ("hey! looking for something to watch with my teenage kids tonight", "with teens"),
    ("what's a good movie to watch with my teenage son?", "with teens"),
    ("a movie my teenage daughter and I can both enjoy", "with teens"),  # read as the whole family's: Monsters, Inc.
    ("a movie for teenagers", "teens"),
    ("a movie for my 15 year old", "teens"),  # read as a child's: Monsters, Inc., Toy Story
    ("What's a good movie for a boys' night?", "guys night"),  # read as a girls night: Clueless, Twilight
    ("I'm feeling nostalgic", "nostalgic"),
    ("what's a good movie to watch on a first date?", "date night"),
    ("I need something to fall asleep to", "cozy"),
    ("something exciting", "exciting"),
    ("I'm bored, any ideas?", "exciting"),  # "bored" was searched and found The Big Short
    ("a good movie for a sunday morning", "cozy"),  # searched: Freaky Friday, Friday, Good Morning, Vietnam
    ("something light", "uplifting"),  # searched: The Unbearable Lightness of Being, Lights Out, Spotlight
    # searched whole, it found romantic comedies by "friends" and "everyone"
    ("we're having a movie night with friends, something everyone will like", "crowd-pleaser"),
    ("I need a good movie for a long flight", "journey"),  # searched: Airplane!, The Fly, Flightplan
    ("what should I watch on my flight to Paris?", "journey"),  # searched: Midnight in Paris, Paris, I Love You
    ("something to watch while I eat dinner", "uplifting"),  # searched: What's Eating Gilbert Grape
    ("something mindless", "mindless"),  # searched: Eternal Sunshine of the Spotless Mind
    ("something mindless and fun, I'm exhausted", "mindless"),  # searched: Eternal Sunshine, The Game
    ("I'm exhausted", "mindless"),
    ("a movie that's good background noise while I work", "mindless"),  # searched: White Noise, by its title
    ("a slow burn thriller", "slow burn"),  # searched: Cigarette Burns
    ("I'm looking for a movie that's sad but hopeful", "bittersweet"),  # searched: Requiem for a Dream
    ("I want to cry but in a good way", "bittersweet"),  # read as tears alone: Requiem for a Dream came fifth
    ("what's a movie that everyone quotes?", "crowd-pleaser"),  # searched: Inglourious Basterds, Casablanca
    ("I need a movie for a girls night", "girls night"),  # as a crowd-pleaser: Step Brothers, Dr. Strangelove
    ("a movie that's funny but also has heart", "heartwarming"),  # searched: I Heart Huckabees, Dumb & Dumber
    ("a heartwarming comedy", "heartwarming"),
    ("I want a movie that feels like a warm hug", "heartwarming"),  # searched: Warm Bodies, The Mummy
    ("I want to see stuff blow up", "explosive"),  # "blow" alone read as "a movie that will blow my mind"
    ("anything with explosions?", "explosive"),
    ("a movie that will blow my mind", "mind-bending"),
    ("I've had a rough week, I need to laugh", "uplifting"),  # Grumpy Old Men and Necessary Roughness by meaning
    ("I need a laugh after a long week", "uplifting"),  # searched: The Longest Week by its title
    ("hey! looking for something light to watch with my mom tonight", "uplifting"),  # searched: Serial Mom
    ("a movie to watch with my dad", "gentle"),  # said alone, whom it is watched with is the mood
    ("I'm in the mood for something weird", "weird"),  # searched: Arachnophobia, Se7en
    ("I need something to distract me, I'm anxious", "uplifting"),  # searched: Independence Day, The Shining
    ("a coming of age story", "coming of age"),  # searched: On Golden Pond, tagged aging
    ("any good movies about growing up?", "coming of age"),  # read as nostalgia: "a classic I grew up with"
    ("we're having a sleepover, the girls are 12", "sleepover"),  # searched: Sleepless in Seattle by its words
    ("any ideas for a slumber party?", "sleepover"),
    ("I'm in the mood for something weird and artsy", "artsy"),  # searched: Arachnophobia, That Thing You Do!
    ("any good art house films?", "artsy"),
    ("a movie about grief", "grief"),  # searched: Hollow Man, Scary Movie
    ("I lost my mom recently, something about grief", "grief"),
    ("something about grieving", "grief"),
    ("a movie that will make me feel smart", "thoughtful"),  # searched: Smart People, Dumb & Dumber, I.Q.
    ("what's a good movie to watch when you're sick in bed?", "cozy"),  # searched: The Mummy, The Big Sick
    ("what's a good movie to watch when you can't sleep?", "cozy"),  # searched: Sleepless in Seattle, The Mummy
    ("a movie that's like a puzzle", "mind-bending"),  # searched: The Mummy, Monsters, Inc.
    ("something that keeps me guessing", "mind-bending"),  # searched: Cliffhanger, The Thing
    ("a thriller that keeps you on the edge of your seat", "suspense"),  # as exciting: Casino Royale, The Mummy
    ("a real nail-biter", "suspense"),  # searched: Office Space, Anger Management
    ("Hi, I'm looking for a movie to watch with my husband tonight", "date night"),  # searched: The Mummy
    ("I want something dark and gritty", "dark"),  # searched: Blazing Saddles ("dark humor")
    ("I'm in the mood for an epic adventure", "epic"),  # searched: Epic Movie, Epic
])
def test_a_mood_is_read_by_meaning(meaning_recommender, request_text, mood) -> None:
    found = MoodReader(meaning_recommender).read(request_text)
    assert found is not None and found.name == mood


@pytest.mark.parametrize("request_text", ["a horror movie", "i do like comedies", "I've heard there's a twist",
                                          "recommend some comedies",
                                          "i love reese witherspoon and vince vaughn i feel it was a real movie",
                                          "an action movie", "a crew of thieves and a detective",
                                          "a movie about friendship", "a movie about a road trip",
                                          "a movie about a school", "a film about real events", "dumb and dumber",
                                          "a movie for my 6 year old",  # whom it is for: it read as nostalgic
                                          "a movie set in London", "movies about Paris",
                                          "something about a plane crash", "a movie about time travel",
                                          "a funny movie", "funny movies", "a funny movie for tonight",
                                          "I'm tired of superhero movies", "a long movie for the week",
                                          "I'm sick of superhero movies", "a movie about a sick kid",
                                          "a thriller", "I love suspense", "I'm on edge today, I need to relax",
                                          "a dark comedy", "an adventure movie", "an action adventure", ""])
def test_a_request_of_its_own_is_no_mood(meaning_recommender, request_text) -> None:
    assert MoodReader(meaning_recommender).read(request_text) is None


def test_a_wish_to_learn_asks_for_documentaries_where_the_catalog_has_them(meaning_recommender) -> None:
    # Searched, "I want to learn something" found How to Train Your Dragon and Harry Potter.
    class WithDocumentaries:
        catalog = type("Catalog", (), {"categories": staticmethod(lambda: ["Documentary", "Drama"]),
                                       "embed": staticmethod(meaning_recommender.catalog.embed)})()

    found = MoodReader(WithDocumentaries()).read("I want to learn something")  # type: ignore[arg-type]
    assert found is not None and found.categories == ("Documentary",)
    assert MoodReader(meaning_recommender).read("I want to learn something") is None  # the chat catalog has none


def test_a_catalog_without_the_moods_categories_reads_no_mood(meaning_recommender) -> None:
    class Lipsticks:
        catalog = type("Catalog", (), {"categories": staticmethod(lambda: ["Lipstick", "Mascara"])})()

    assert MoodReader(Lipsticks()).read("I'm feeling down, cheer me up") is None  # type: ignore[arg-type]


def test_a_mood_is_answered_with_its_categories_not_the_words_typed(meaning_recommender) -> None:
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    reply = session.send("I'm feeling down, cheer me up")
    assert reply.items and all("Comedy" in entry.item.categories for entry in reply.items)
    assert session.state()["topic"] == "im feeling down cheer me up"  # the profile repeats the user's words


def test_kinds_held_together_are_searched_in_the_request_s_words_not_as_a_mood(meaning_recommender) -> None:
    message = "I usually like action movies, but my wife likes romantic comedies. Something we can both enjoy?"
    assert MoodReader(meaning_recommender).read(message) is not None  # it comes close to the family mood
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    reply = session.send(message)
    # This catalog has no action romantic comedy: films of some of the kinds follow, an action film among them,
    # where the family mood's words put Finding Nemo in its place.
    shown = [set(entry.item.categories) for entry in reply.items]
    assert shown and all(kinds & {"Action", "Romance", "Comedy"} for kinds in shown)
    assert any("Action" in kinds for kinds in shown)


def test_an_item_titled_with_the_words_of_a_mood_is_not_what_it_asks_for(tmp_path) -> None:
    from recagent import Recommender

    cry = Item("50", "Boys Don't Cry (1999)", "", ("Drama",), {"year": 1999})
    sad = Item("51", "Notebook, The (2004)", "", ("Drama", "Romance"), {"year": 2004, "tags": "sad, tearjerker"})
    rec = Recommender.open(tmp_path / "ws", settings={"progress": False})
    rec.ingest(items=[*CHAT_ITEMS, cry, sad], events=CHAT_EVENTS)
    rec.build_index()
    session = rec.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    reply = session.send("a movie that will make me cry")
    order = [entry.item.id for entry in reply.items]
    # By the catalog's "sad, tearjerker", not by the word "cry" of a title; among Drama and Romance only.
    assert "51" in order and ("50" not in order or order.index("51") < order.index("50"))
    assert all({"Drama", "Romance"} & set(entry.item.categories) for entry in reply.items)
    rec.close()


@pytest.mark.parametrize(("quality", "chosen"), [
    ("set in space", "1"),  # no category named: by meaning, Alien of the four
    ("about a crime family", "12"),
    ("to cheer me up", "10"),  # a mood: its categories (Notting Hill is the comedy)
])
def test_a_choice_among_items_shown_reads_the_quality_by_meaning(meaning_recommender, quality, chosen) -> None:
    from recagent.agent.choice import choose
    from recagent.agent.understanding import category_vocabulary

    picked = choose(meaning_recommender, category_vocabulary(meaning_recommender), MoodReader(meaning_recommender),
                    ["4", "1", "12", "10"], quality)
    assert picked.item_id == chosen


def _spied(rec, monkeypatch, method: str, argument: str) -> list:
    """The `argument` each call of `rec.<method>` is given from now on, in order."""
    given: list = []
    real = getattr(rec, method)

    def spy(*args, **kwargs):
        given.append(kwargs.get(argument))
        return real(*args, **kwargs)

    monkeypatch.setattr(rec, method, spy)
    return given


def _shown_for(workspace, items: list[Item], message: str) -> list[str]:
    """The ids shown in the guided reply to `message`, of the chat catalog with `items` added, indexed by meaning."""
    from recagent import Recommender

    with Recommender.open(workspace, settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, *items], events=CHAT_EVENTS)
        rec.build_index()
        reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send(message)
    return [entry.item.id for entry in reply.items]


def _queries_searched(rec, monkeypatch) -> list[str | None]:
    """The queries `rec.recommend` is asked for from now on, in order."""
    return _spied(rec, monkeypatch, "recommend", "query")


def _abouts_searched(rec, monkeypatch) -> list[object]:
    """What `rec.similar` is asked the items be about from now on, in order."""
    return _spied(rec, monkeypatch, "similar", "about")


def test_a_cozy_evening_with_a_partner_is_a_date_night(meaning_recommender, monkeypatch) -> None:
    # "a movie for a rainy day with my girlfriend" read as cozy and showed the fairy tales Shrek and Lady in the Water.
    searched = _queries_searched(meaning_recommender, monkeypatch)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    date_night = MoodReader(meaning_recommender).named("date night")
    assert MoodReader(meaning_recommender).read("a movie for a rainy day with my girlfriend").name == "cozy"
    session.send("a movie for a rainy day with my girlfriend")
    assert date_night is not None and searched[-1] == date_night.search
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("something for a rainy day")  # alone, still cozy
    assert searched[-1] != date_night.search


def test_violence_turned_down_after_action_films_is_their_best_known_not_a_search_for_suspense(
        meaning_recommender, monkeypatch) -> None:
    # "one with less violence" after 90s action films searched "with suspenseful", which few action films are: Another
    # 48 Hrs. and The Chase came. Thrillers are still searched for their suspense.
    searched = _queries_searched(meaning_recommender, monkeypatch)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("some action movies")
    before = len(searched)
    session.send("one with less violence")
    assert searched[before] is None  # the kind's best known first (this catalog's three are shown already)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("I usually like thrillers")
    session.send("yeah but nothing too violent")
    assert "suspenseful" in (searched[-1] or "")


def test_an_action_film_made_less_violent_is_its_action_of_adventure_not_suspense(meaning_recommender,
                                                                                   monkeypatch) -> None:
    # "movies like Mad Max: Fury Road but with less violence" leaned to suspense, as a thriller made less violent does:
    # The Prestige, Prisoners and The Departed came, none of them action. Of an action film, its action films that lean
    # to adventure (Guardians of the Galaxy, Jurassic World); a thriller like Se7en still leans to suspense.
    directions = _spied(meaning_recommender, monkeypatch, "similar", "direction")
    filters = _spied(meaning_recommender, monkeypatch, "similar", "filters")
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("movies like The Matrix but with less violence")
    assert "adventure" in (directions[-1] or "") and "Action" in str(filters[-1])
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("a movie like Heat but not too violent")
    assert "suspenseful" in (directions[-1] or "")


def test_a_mood_turned_by_a_follow_up_is_searched_the_way_asked(meaning_recommender, monkeypatch) -> None:
    searched = _queries_searched(meaning_recommender, monkeypatch)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("I want a movie that will make me cry")
    first = searched[-1]
    reply = session.send("something less depressing")
    # The same sad search again, which found The Crying Game by "cry" in the demo catalog.
    assert searched[-1] == f"something funny, {first}"
    # Searched in the catalog's words, not the user's: no note that nothing holds them.
    assert "so many words" not in reply.text, reply.text


def test_a_mood_made_lighter_is_its_comedies_the_mood_still_searched(meaning_recommender, monkeypatch) -> None:
    # "too heavy, something lighter but still smart" after "a movie that makes me think": read with the turn, the
    # request was no mood, and The Thing and The Mummy came among the mood's thrillers and science fiction.
    searched: list[tuple[str | None, object]] = []
    recommend = meaning_recommender.recommend

    def spy(*args, **kwargs):
        searched.append((kwargs.get("query"), kwargs.get("filters")))
        return recommend(*args, **kwargs)

    monkeypatch.setattr(meaning_recommender, "recommend", spy)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("I want a movie that makes me think")
    first = searched[-1][0]
    reply = session.send("that's a bit too heavy, something lighter but still smart")
    assert searched[-1][0] == f"funny, {first}"
    assert reply.items and all("Comedy" in entry.item.categories for entry in reply.items)


def test_a_narrower_kind_is_searched_in_the_catalog_s_tags(tmp_path) -> None:
    # "some anime movies" read as animation alone showed the best known animated films, The Simpsons Movie first.
    from recagent import Recommender

    anime = Item("201", "Spirited Away (2001)", "A girl in a world of spirits.", ("Animation", "Fantasy"),
                 {"year": 2001, "tags": "anime, Studio Ghibli"})
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, anime], events=CHAT_EVENTS)
        rec.build_index()
        reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send("some anime movies")
    assert reply.items[0].item.id == "201" and "anime" in reply.items[0].reasons[0]
    assert all("Animation" in entry.item.categories for entry in reply.items)


def test_a_film_to_watch_with_a_teenager_is_a_well_loved_adventure(tmp_path) -> None:
    # "what's a good movie to watch with my teenage son?" searched the teens' words and showed Superbad and Fast Times
    # at Ridgemont High; a parent and a teenager watch the adventures everyone knows.
    from recagent import Recommender

    films = [Item("401", "Superbad (2007)", "Two teenagers try to buy alcohol for a party.", ("Comedy",),
                  {"year": 2007, "tags": "high school, teen"}),
             Item("402", "Raiders of the Lost Ark (1981)", "An archaeologist races to find the Ark.",
                  ("Action", "Adventure"), {"year": 1981}),
             Item("403", "Back to the Future (1985)", "A teenager is sent thirty years into the past.",
                  ("Adventure", "Comedy", "Sci-Fi"), {"year": 1985})]
    # Everyone has seen the adventures; the comedies without adventure are better known still.
    seen = {"401": 2, "402": 5, "403": 4, "5": 6, "10": 6}
    events = [Event(f"w{n}", item, float(n), "rating", 4.0) for item, count in seen.items() for n in range(count)]
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, *films], events=[*CHAT_EVENTS, *events])
        rec.build_index()
        reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send(
            "what's a good movie to watch with my teenage son?")
        assert [entry.item.id for entry in reply.items][:2] == ["402", "403"]
        assert all("Adventure" in entry.item.categories for entry in reply.items)
        # A kind said too: its films of the mood's kinds first (the best known comedies came first).
        reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send(
            "a funny movie to watch with my teenage son")
        assert reply.items[0].item.id == "403"


def test_items_found_by_a_mood_s_words_say_so(tmp_path) -> None:
    # "as you asked: Adventure" for a long flight said what nobody asked.
    from recagent import Recommender

    bear = Item("202", "Paddington (2014)", "A bear in London.", ("Comedy", "Children"), {"year": 2014,
                                                                                            "tags": "feel-good"})
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, bear], events=CHAT_EVENTS)
        rec.build_index()
        reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send("cheer me up")
    reasons = {entry.item.id: entry.reasons for entry in reply.items}
    assert "fits the mood: feel-good" in reasons["202"]
    assert not any(reason.startswith("as you asked") for found in reasons.values() for reason in found)


@pytest.mark.parametrize(("message", "mood"), [("a sad animated movie", "tearjerker"),  # "sad animated": no mood
                                               ("a feel-good romance", "uplifting"),  # read as bittersweet
                                               ("a funny movie to watch with my teenage son", "with teens")])
def test_a_mood_said_of_a_kind_of_film_is_read_without_the_kind(meaning_recommender, message, mood) -> None:
    kinds = {"animated", "romance", "funny", "son"}.__contains__
    read = MoodReader(meaning_recommender).reading(message, lambda word: False, kinds,
                                                   lambda word: kinds(word) and word != "son").mood
    assert read is not None and read.name == mood


def test_a_mood_said_of_a_kind_is_searched_among_the_kind_s_films_of_the_mood_s_kinds_first(tmp_path) -> None:
    # "a romance with a happy ending", "a feel-good romance": the romances the mood's words found came in their order,
    # Leaving Las Vegas and American Beauty among them; the romantic comedies are what a friend would name.
    romances = [Item("311", "Leaving Las Vegas (1995)", "A writer drinks himself to death.",
                     ("Drama", "Romance"), {"year": 1995, "tags": "feel-good"}),
                Item("312", "While You Were Sleeping (1995)", "A lonely fare collector is mistaken for a fiancee.",
                     ("Comedy", "Romance"), {"year": 1995})]
    shown = _shown_for(tmp_path / "ws", romances, "a feel-good romance")
    comedies = {item.id for item in [*CHAT_ITEMS, *romances] if "Comedy" in item.categories}
    assert "311" in shown and set(shown[:shown.index("311")]) <= comedies
    assert shown.index("311") == len(shown) - 1


def test_a_theme_said_beside_a_mood_is_searched_among_the_mood_s_kinds(tmp_path) -> None:
    # "a feel good sports movie" showed films tagged feel-good (Eternal Sunshine of the Spotless Mind, The Lego
    # Movie) before any sports film; "an uplifting sports movie" searched "feel-good" alone and showed no sports.
    from recagent import Recommender

    sports = [Item("301", "Major League (1989)", "A losing baseball team is bought to fail.", ("Comedy",),
                   {"year": 1989, "tags": "sports, baseball"}),
              Item("302", "Dodgeball: A True Underdog Story (2004)", "A gym owner's team plays for his gym.",
                   ("Comedy",), {"year": 2004, "tags": "sports"}),
              Item("303", "Raging Bull (1980)", "A boxer's violent rise and fall.", ("Drama",),
                   {"year": 1980, "tags": "sports, boxing, violent"})]
    cheerful = Item("304", "Paddington (2014)", "A bear in London.", ("Comedy", "Children"),
                    {"year": 2014, "tags": "feel-good"})
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, *sports, cheerful], events=CHAT_EVENTS)
        rec.build_index()
        reader = MoodReader(rec)
        reading = reader.reading("an uplifting sports movie", lambda word: word == "sports", lambda word: False)
        mood, theme = reading.mood, reading.beside
        assert mood is not None and mood.name == "uplifting" and theme == "sports"
        # The theme as said, its small words kept ("black white" found films tagged "black comedy"), and a word of
        # an era is no mood ("old" read as nostalgic).
        tagged = {"black", "white"}.__contains__
        reading = reader.reading("a feel good black and white movie", tagged, lambda word: False)
        mood, theme = reading.mood, reading.beside
        assert mood is not None and mood.name == "uplifting" and theme == "black and white"
        reading = reader.reading("an old black and white movie", tagged, lambda word: False)
        assert (reading.mood, reading.beside) == (None, None)
        for message in ("a feel good sports movie", "an uplifting sports movie"):
            reply = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided").send(message)
            shown = [entry.item.id for entry in reply.items]
            assert shown[:2] == ["301", "302"] or shown[:2] == ["302", "301"], (message, shown)
            assert "303" not in shown  # not a comedy: not what a feel-good mood asks for
            assert all("Comedy" in entry.item.categories for entry in reply.items)


def test_a_theme_said_beside_who_watches_is_searched_with_the_words_for_them(tmp_path) -> None:
    # "what's a good movie about friendship for teens?" searched friendship alone and showed Léon and In Bruges.
    from recagent import Recommender

    films = [Item("301", "Léon: The Professional (1994)", "A hitman takes in a girl whose family was killed.",
                  ("Action", "Crime"), {"year": 1994, "tags": "friendship, hitman"}),
             Item("302", "In Bruges (2008)", "Two hitmen hide in Bruges after a job gone wrong.", ("Comedy", "Crime"),
                  {"year": 2008, "tags": "friendship, dark comedy"}),
             Item("303", "Superbad (2007)", "Two friends try to reach a party before they leave for college.",
                  ("Comedy",), {"year": 2007, "tags": "friendship, high school, teen"})]
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        known = [Event(f"fan{n}", item, float(n), "rating", 4.0) for item, fans in (("301", 30), ("302", 20))
                 for n in range(fans)]
        rec.ingest(items=[*CHAT_ITEMS, *films], events=[*CHAT_EVENTS, *known])
        rec.build_index()
        reply = rec.chat(model=scripted_chat_model(["Here are a few"]), mode="guided").send(
            "what's a good movie about friendship for teens?")
        assert reply.items[0].item.id == "303"


@pytest.mark.parametrize("message", ["what should I watch on my flight to Paris?", "a good date night movie in Paris"])
def test_an_occasion_s_other_words_are_no_theme(meaning_recommender, message) -> None:
    # "my flight to Paris" asks for nothing about Paris: searched, it found Midnight in Paris.
    reading = MoodReader(meaning_recommender).reading(message, lambda word: word == "paris", lambda word: False)
    mood, theme = reading.mood, reading.beside
    assert mood is not None and not mood.themed and theme is None


@pytest.mark.parametrize(("message", "holiday"), [("movies for a Christmas party", "christmas"),
                                               ("something for a halloween party", "halloween")])
def test_a_holiday_beside_an_occasion_is_the_theme(meaning_recommender, message, holiday) -> None:
    # "a Christmas party" read as a party alone showed Step Brothers and Dr. Strangelove.
    reading = MoodReader(meaning_recommender).reading(message, lambda word: word == holiday, lambda word: False)
    mood, theme = reading.mood, reading.beside
    assert mood is not None and not mood.themed and theme == holiday


def test_any_with_something_after_a_kind_searches_the_new_words_among_that_kind(meaning_recommender, monkeypatch):
    # Read as requests of their own, "ones with cars" after action films showed Cars and "any with dancing?" after
    # modern musicals dance films of any kind and time.
    asked: list[dict] = []
    recommend = meaning_recommender.recommend

    def spy(*args, **kwargs):
        asked.append(kwargs)
        return recommend(*args, **kwargs)

    monkeypatch.setattr(meaning_recommender, "recommend", spy)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("some sci-fi movies from after 1990")
    session.send("any with a wormhole?")
    assert asked[-1]["query"] == "with a wormhole"
    assert asked[-1]["filters"] == {"category": {"in": ["Sci-Fi"]}, "year": {">=": 1991}}
    assert session.state()["topic"] == "with a wormhole"
    # Without a kind to keep, the new words refine the theme's: searched together.
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("a crew of thieves and a detective")
    session.send("any with a twist?")
    assert asked[-1]["query"] == "any with a twist a crew of thieves and a detective"


def test_picks_none_of_whose_words_say_what_was_asked_are_said_to_be_closest_by_meaning(meaning_recommender) -> None:
    # "I want something with a strong female lead" showed Showgirls and Tank Girl as if they were what was asked.
    note = "Nothing in the catalog says that in so many words; these come closest by meaning."
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    weak = chat.send("something with a purple umbrella")
    assert weak.items and all("close to what you asked for" in entry.reasons for entry in weak.items)
    assert weak.text.startswith(note)
    # The tool says so, for a model that calls it itself too.
    assert note in chat.last_turn()[-2].text
    # Beside an audience too: "any that are good for kids?" after dinosaur films showed Shrek and Finding Nemo.
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    kids = chat.send("something with a purple umbrella for my kids")
    assert kids.items and all("Children" in entry.item.categories for entry in kids.items)
    assert kids.text.startswith(note)
    # A title that says it is named: the note said nothing said so of We're Back! A Dinosaur's Story.
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    titled = chat.send("something with a hypnotist")
    assert "14" in [entry.item.id for entry in titled.items]
    assert titled.text.startswith("Only The Hypnotist (2012) says so by its title; the others come closest by meaning.")
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    set_in = chat.send("something set in a hypnotist")  # "set" is where, no word the title must hold
    assert set_in.text.startswith("Only The Hypnotist (2012) says so by its title")
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    held = chat.send("a crew of thieves and a detective")  # Heat's own words hold them
    assert held.items and note not in held.text
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    kind = chat.send("recommend something funny")  # comedies: the kind asked for is what they are
    assert kind.items and all("Comedy" in entry.item.categories for entry in kind.items) and note not in kind.text
    # A kind named in a phrase: "year old" asks for children's films, "old" nothing beside them.
    chat = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    young = chat.send("I need a movie for my 5 year old")
    assert young.items and all("Children" in entry.item.categories for entry in young.items) and note not in young.text


def test_items_like_one_about_a_theme_are_those_alike_closest_to_it(meaning_recommender) -> None:
    # "a heist movie like Ocean's Eleven but more serious": ranked beside the direction alone, the theme kept
    # Spider-Man, the first like Ocean's Eleven, among its heist films.
    found = meaning_recommender.similar("Heat", k=3, about="outer space", direction="older")
    assert found and all("Sci-Fi" in entry.item.categories for entry in found)
    assert found[0].reasons[0].startswith("like Heat (1995)")  # the theme named only where the film's words hold it


def test_a_mood_said_beside_a_film_is_what_films_like_it_are_about(meaning_recommender, monkeypatch) -> None:
    # "I like movies that make me think, like The Matrix" searched "that make me think" among films like it: The
    # Terminator and Spider-Man 2 came in the demo catalog, where Gattaca and Memento come now.
    about = _abouts_searched(meaning_recommender, monkeypatch)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("I like movies that make me think, like The Matrix")
    thoughtful = MoodReader(meaning_recommender).named("thoughtful")
    assert thoughtful is not None and about[-1] == thoughtful.search
    assert session.state()["alike_theme"] == "that make me think"  # as said, which a follow-up reads again


def test_a_mood_said_of_films_like_one_shown_is_what_they_are_about(meaning_recommender, monkeypatch) -> None:
    # "something else that will make me cry like that" after films like Up lost the mood (Finding Nemo, The
    # Incredibles, Star Trek came).
    about = _abouts_searched(meaning_recommender, monkeypatch)
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    session.send("I loved Up")
    session.send("something else that will make me cry like that")
    tearjerker = MoodReader(meaning_recommender).named("tearjerker")
    assert tearjerker is not None and about[-1] == tearjerker.search
    session.send("any others like that?")  # no mood said: films like it, about nothing more
    assert about[-1] is None


def test_a_theme_the_tags_hold_beside_a_film_is_searched_as_said_not_as_a_mood(tmp_path, monkeypatch) -> None:
    # "a movie like Mean Girls for my teenage daughter" searches "teen" among films like it; read as the teens' mood
    # (a theme's words beside a film are read as a mood where they are one), Superbad came.
    from recagent import Recommender

    teen = [Item("305", "Clueless (1995)", "A Beverly Hills teenager plays matchmaker.", ("Comedy", "Romance"),
                 {"year": 1995, "tags": "teen, high school"}),
            Item("306", "Heathers (1989)", "Popular girls at a high school.", ("Comedy",),
                 {"year": 1989, "tags": "teen"})]
    with Recommender.open(tmp_path / "ws", settings={"progress": False}) as rec:
        rec.ingest(items=[*CHAT_ITEMS, *teen], events=CHAT_EVENTS)
        rec.build_index()
        assert MoodReader(rec).read("teen") is not None  # alone, a mood
        about = _abouts_searched(rec, monkeypatch)
        session = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided")
        session.send("a teen movie like Notting Hill but funnier")
        assert about[-1] == "teen"  # not the teens' mood: "teen, high school, coming of age"


def test_an_occasions_words_echoed_by_a_title_are_no_reason_to_show_it(tmp_path) -> None:
    # "a good date night movie" showed The Wedding Date by its title: the occasion's words ask for no title.
    from recagent import Event, Recommender

    punned = Item("17", "Date Night (2010)", "A couple's quiet evening goes wrong.", ("Comedy", "Romance"),
                  {"year": 2010})
    events = [*CHAT_EVENTS, *(Event(f"fan{n}", "17", 1.0, "rating", 5.0) for n in range(8))]
    rec = Recommender.open(tmp_path / "ws", settings={"progress": False})
    rec.ingest(items=[*CHAT_ITEMS, punned], events=events)
    rec.build_index()
    chat = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided")
    shown = [entry.item.id for entry in chat.send("a good date night movie").items]
    assert shown and ("17" not in shown or shown[-1] == "17")  # last, if at all (it came first, by its title)
    # Beside kinds held together, which read no mood: "a romantic comedy for date night" showed it first. It comes
    # after the other romantic comedies, Amélie and Notting Hill.
    for request in ("a romantic comedy for date night", "we want a romantic comedy for date night"):
        blended = rec.chat(model=scripted_chat_model(["Here are a few"] * 2), mode="guided")
        shown = [entry.item.id for entry in blended.send(request).items]
        assert shown[:2] == ["5", "10"] or shown[:2] == ["10", "5"], (request, shown)
    rec.close()


def test_kinds_ruled_out_together_beside_a_mood_of_those_kinds_hold(meaning_recommender) -> None:
    # A date night's kinds are no asking for romantic comedies: it showed them (at first, Date Movie's details).
    session = meaning_recommender.chat(model=scripted_chat_model(["Here are a few"] * 4), mode="guided")
    reply = session.send("what's a good first date movie that isn't a romcom?")
    assert reply.items and not any({"Romance", "Comedy"} <= set(r.item.categories) for r in reply.items)


def test_a_theme_the_tags_hold_in_a_short_plural_is_the_theme_beside_a_mood(meaning_recommender) -> None:
    # "a sad movie about a dog": the tags say "dogs", which "dog" did not look up, so no theme was read beside the mood,
    # nor the mood, and Wag the Dog came first.
    from recagent.agent.mentions import CatalogMentions, theme_word

    assert theme_word("dogs") == theme_word("dog") == "dog" and theme_word("zombies") == "zombie"
    assert theme_word("boss") == "boss"
    mentions = CatalogMentions([Item("1", "Up (2009)", "", ("Animation",), {"tags": "dogs, balloons"}),
                                Item("2", "Turner & Hooch (1989)", "", ("Comedy",), {"tags": "dogs"})])
    assert mentions.tagged("dog") == {"1", "2"}
    reading = MoodReader(meaning_recommender).reading(
        "a sad movie about a dog", lambda word: len(mentions.tagged(word)) >= 2, lambda word: False)
    mood, theme = reading.mood, reading.beside
    assert mood is not None and mood.name == "tearjerker" and theme == "dog"


def test_a_coming_of_age_story_is_a_film_about_growing_up(tmp_path) -> None:
    # "a coming of age story" was searched as typed: the word "age" found a film tagged "aging" first.
    films = [Item("501", "On Golden Pond (1981)", "An old couple spends a summer at their lake house.", ("Drama",),
                  {"year": 1981, "tags": "aging"}),
             Item("502", "Thirteen (2003)", "A girl of thirteen falls in with the wrong crowd.", ("Drama",),
                  {"year": 2003, "tags": "adolescence, teenagers"})]
    shown = _shown_for(tmp_path / "ws", films, "a coming of age story")
    assert shown[0] == "502" and "501" not in shown[:2]


def test_a_name_the_tags_give_one_film_is_a_persons_by_meaning(meaning_recommender) -> None:
    from recagent.agent.mentions import people_by_meaning

    names = ["Harrison Ford", "Denzel Washington", "Bill Murray", "Las Vegas", "Stock Market", "Amazing Cinematography"]
    assert people_by_meaning(names, meaning_recommender.catalog.embed) == [True, True, True, False, False, False]
