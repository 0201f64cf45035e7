"""A deterministic synthetic catalog for the index benchmarks: titles, genres, a plot line and metadata."""

from __future__ import annotations

import random

from recagent.types import Item

GENRES = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
          "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]
# Film-Noir is rare, Drama and Comedy common, roughly as in MovieLens.
WEIGHTS = [8, 6, 3, 3, 14, 6, 2, 18, 4, 0.3, 5, 2, 3, 8, 4, 8, 2, 1]
ADJECTIVES = ["Silent", "Broken", "Golden", "Last", "Hidden", "Crimson", "Endless", "Lonely", "Wild", "Frozen",
              "Secret", "Burning", "Distant", "Savage", "Gentle", "Electric", "Midnight", "Forgotten"]
NOUNS = ["River", "City", "Empire", "Garden", "Machine", "Winter", "Kingdom", "Stranger", "Harbor", "Signal",
         "Mountain", "Promise", "Shadow", "Circus", "Island", "Letter", "Frontier", "Orchestra"]
HEROES = ["a retired detective", "two estranged sisters", "a young pilot", "a small-town teacher", "an android",
          "a struggling chef", "a band of thieves", "a grieving father", "a rookie reporter", "an old sailor"]
GOALS = ["must stop a conspiracy", "search for a missing child", "fall in love against all odds",
         "survive a deadly winter", "plan one final heist", "uncover a family secret", "win a dance contest",
         "escape a haunted house", "lead a rebellion", "cross the desert on foot"]
PLACES = ["in 1920s Chicago", "on a distant planet", "in a sleepy French village", "during the war",
          "in modern Tokyo", "on the high seas", "in the Wild West", "inside a virtual world",
          "in a crumbling mansion", "at a summer camp"]
LANGUAGES = ["en", "en", "en", "fr", "de", "es", "ja", "it", "ko"]


def synthetic_items(count: int, seed: int = 7) -> list[Item]:
    """`count` distinct items; the same count and seed give the same catalog."""
    rng = random.Random(seed)
    items = []
    for number in range(count):
        genres = tuple(sorted(set(rng.choices(GENRES, WEIGHTS, k=rng.randint(1, 3)))))
        year = rng.randint(1920, 2024)
        title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {number} ({year})"
        text = f"{rng.choice(HEROES).capitalize()} {rng.choice(GOALS)} {rng.choice(PLACES)}."
        metadata = {"year": year, "rating": rng.randint(2, 10) / 2, "language": rng.choice(LANGUAGES),
                    "classic": year < 1960 and rng.random() < 0.5}
        items.append(Item(f"s{number}", title, text, genres, metadata))
    return items
