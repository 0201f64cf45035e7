"""Items like one item: the meaning and the co-watching ranks combined."""

from __future__ import annotations

from recagent import Item
from recagent.likeness import by_kind, chosen_together, fused, held, holding_first, kin_first, title_echoes_last, toward


def test_an_item_both_lists_rank_well_beats_the_first_of_either_alone() -> None:
    filler = [f"other {n}" for n in range(40)]
    meaning = ["body heat", "city heat", "ronin", "collateral", *filler]  # the shared word first
    together = ["independence day", "ronin", "twister", "collateral", *filler[::-1]]  # the year's hits first
    order = [item for item, _ in fused(meaning, together)]
    assert order[:2] == ["ronin", "collateral"]
    assert set(order) == set(meaning) | set(together)
    assert dict(fused(["a"], ["a"]))["a"] == 1.0  # first in both


def test_what_was_chosen_together_is_discounted_by_each_items_own_popularity() -> None:
    # Pulp Fiction's choosers chose Batman Forever more often than Reservoir Dogs, as everyone in 1995 did.
    counts = [("batman forever", 60), ("reservoir dogs", 40), ("a film two chose", 2)]
    popularity = {"batman forever": 140.0, "reservoir dogs": 45.0, "a film two chose": 2.0}
    assert chosen_together(counts, popularity) == ["reservoir dogs", "batman forever", "a film two chose"]
    assert chosen_together([("b", 3), ("a", 3)], {}) == ["a", "b"]  # ties by id; no popularity known: its count


def test_one_list_alone_keeps_its_order() -> None:
    assert [item for item, _ in fused(["x", "y", "z"], [])] == ["x", "y", "z"]
    assert fused([], []) == []


def test_a_direction_moves_items_it_matches_up_among_those_alike() -> None:
    order = ["dark", "darker", "light", "lighter"]
    moved = toward(order, {"light": 0.9, "lighter": 0.8, "dark": 0.1, "darker": 0.0})
    assert moved == ["dark", "light", "darker", "lighter"]  # "light" up past "darker"; likeness still counts
    assert toward(order, {}) == order


def test_each_direction_counts_on_its_own() -> None:
    # "a heist movie like Ocean's Eleven but more serious": the theme and the direction each rank the items.
    order = ["superhero", "heist", "serious heist"]
    heist = {"superhero": 0.1, "heist": 0.8, "serious heist": 0.9}
    serious = {"superhero": 0.5, "heist": 0.2, "serious heist": 0.6}
    assert toward(order, heist, serious) == ["serious heist", "superhero", "heist"]
    assert toward(order, serious) == ["superhero", "serious heist", "heist"]  # the first alike still comes first


def test_items_of_no_kind_in_common_come_after_those_alike_in_kind() -> None:
    kinds = {"beauty": ("Animation", "Children", "Musical"), "lambs": ("Crime", "Horror"),
             "lion king": ("Animation", "Musical"), "shrek": ("Animation", "Comedy"), "untold": ()}
    # The same people chose The Silence of the Lambs in 1991: watched together, not alike.
    order = ["lambs", "lion king", "untold", "shrek"]
    assert kin_first(order, kinds, ["beauty"]) == ["lion king", "untold", "shrek", "lambs"]
    assert kin_first(order, kinds, ["unknown"]) == order  # nothing known of the item: its order as it was


def test_items_sharing_more_of_the_kind_come_first_ties_in_order() -> None:
    kinds = {"frozen": ("Animation", "Children", "Musical"), "potter": ("Adventure", "Fantasy"),
             "tangled": ("Animation", "Children", "Musical", "Romance"), "up": ("Animation", "Adventure"),
             "nemo": ("Animation", "Children", "Comedy")}
    order = ["potter", "up", "nemo", "tangled"]  # as the same people chose them
    assert by_kind(order, kinds, ["frozen"]) == ["tangled", "nemo", "up", "potter"]
    assert by_kind(order, kinds, ["unknown"]) == order


def test_the_kind_of_several_items_is_what_most_of_them_share() -> None:
    kinds = {"one": ("Adventure", "Fantasy"), "two": ("Adventure", "Fantasy", "Romance"),
             "three": ("Adventure", "Fantasy", "Musical", "Comedy"),
             "tangled": ("Animation", "Comedy", "Fantasy", "Musical", "Romance"), "hobbit": ("Adventure", "Fantasy")}
    # Every category of any of them counted alike: Tangled held four of the five, The Hobbit two.
    assert by_kind(["tangled", "hobbit"], kinds, ["one", "two", "three"]) == ["hobbit", "tangled"]


def test_a_direction_is_held_where_the_items_own_words_say_it() -> None:
    # Ranked toward "suspenseful, atmospheric, psychological", The Mask was said to be all three.
    film = Item("1", "Whiplash (2014)", "A drummer pushed too far.", ("Drama",), {"tags": "psychological, drums"})
    assert held(film, ["suspenseful", "atmospheric", "psychological"]) == ["psychological"]
    assert held(film, ["in space", "drama", "drummers"]) == ["drama", "drummers"]
    assert held(film, ["in"]) == []  # no word of three letters or more: nothing said


def test_items_whose_own_words_say_the_direction_come_first() -> None:
    # "thrillers with a good twist, like Gone Girl" showed The Hunger Games and The Losers, more like it, before the
    # films tagged "twist ending".
    films = {
        "hunger": Item("hunger", "The Hunger Games (2012)", "", ("Action", "Thriller")),
        "seven": Item("seven", "Seven (1995)", "", ("Mystery", "Thriller"), {"tags": "twist ending, dark"}),
        "losers": Item("losers", "Losers, The (2010)", "", ("Action", "Thriller"), {"tags": "action"}),
        "shutter": Item("shutter", "Shutter Island (2010)", "", ("Thriller",), {"tags": "twist, psychological"}),
    }
    order = ["hunger", "seven", "losers", "shutter"]
    assert holding_first(order, films, ["thrillers with a good twist"]) == ["seven", "shutter", "hunger", "losers"]
    assert holding_first(order, films, ["twist ending"]) == ["seven", "hunger", "losers", "shutter"]
    # "plot twists" are twists: no tag says "plot" ("I like movies with good plot twists, like Fight Club").
    assert holding_first(order, films, ["plot twists"]) == ["seven", "shutter", "hunger", "losers"]
    # A direction that turns away moves nothing toward it; one no item holds keeps the order.
    assert holding_first(order, films, ["less action"]) == order
    assert holding_first(order, films, ["in space"]) == order


def test_items_near_only_by_a_word_of_their_titles_come_last() -> None:
    # "The Big Hit" and "Big Momma's House 2" came close to "The Big Lebowski" by "Big", having no other words.
    films = {
        "lebowski": Item("lebowski", "Big Lebowski, The (1998)", "", ("Comedy",), {"tags": "bowling, Coen Brothers"}),
        "hit": Item("hit", "Big Hit, The (1998)", "", ("Action", "Comedy")),
        "fargo": Item("fargo", "Fargo (1996)", "", ("Crime",), {"tags": "Coen Brothers"}),
        "big": Item("big", "Big (1988)", "", ("Comedy",), {"tags": "Tom Hanks"}),  # its own words: near by them
        "the film": Item("the film", "The Film of the Year (1998)", "", ("Comedy",)),  # shares only small words
        "sequel": Item("sequel", "Big Lebowski 2 (2020)", "", ("Comedy",)),
    }

    def describes(item: Item) -> bool:
        return bool(item.tags or item.text)

    order = ["hit", "fargo", "big", "the film", "sequel"]
    assert title_echoes_last(order, films, ["lebowski"], {"sequel"}, describes) == [
        "fargo", "big", "the film", "sequel", "hit"]
    assert title_echoes_last(order, films, ["fargo"], set(), describes) == order



def test_items_of_a_year_a_named_title_says_come_last() -> None:
    # The films of 2001 came next to "2001: A Space Odyssey" by the number, their own words aside.
    films = {
        "odyssey": Item("odyssey", "2001: A Space Odyssey (1968)", "", ("Sci-Fi",), {"tags": "Stanley Kubrick"}),
        "kpax": Item("kpax", "K-PAX (2001)", "", ("Drama", "Sci-Fi"), {"tags": "alien, psychiatrist"}),
        "moon": Item("moon", "Moon (2009)", "", ("Drama", "Sci-Fi"), {"tags": "space, clones"}),
        "space": Item("space", "Space Cowboys (2000)", "", ("Adventure",), {"tags": "space"}),
    }

    def describes(item: Item) -> bool:
        return bool(item.tags or item.text)

    assert title_echoes_last(["kpax", "moon", "space"], films, ["odyssey"], set(), describes) == [
        "moon", "space", "kpax"]


def test_little_known_items_of_a_named_item_s_year_come_last() -> None:
    # Swept from the Sea and Bliss, little known films of 1997, came among the films like Titanic by their year.
    films = {
        "titanic": Item("titanic", "Titanic (1997)", "", ("Drama", "Romance"), {"tags": "love story, ship"}),
        "swept": Item("swept", "Swept from the Sea (1997)", "", ("Drama", "Romance"), {"tags": "sea"}),
        "hunting": Item("hunting", "Good Will Hunting (1997)", "", ("Drama", "Romance"), {"tags": "genius"}),
        "notebook": Item("notebook", "Notebook, The (2004)", "", ("Drama", "Romance"), {"tags": "love story"}),
    }

    def describes(item: Item) -> bool:
        return bool(item.tags or item.text)

    order = ["swept", "hunting", "notebook"]
    assert title_echoes_last(order, films, ["titanic"], set(), describes, lambda item: item == "swept") == [
        "hunting", "notebook", "swept"]
    assert title_echoes_last(order, films, ["titanic"], set(), describes) == order  # all of them well known
