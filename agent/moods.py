"""Moods, audiences and occasions, read by meaning: "cheer me up" asks for a feel-good comedy, not for films with
"cheer" or "up" in their titles.

A request searched as typed meets titles that share its words ("Boys Don't Cry" for "a movie that will make me
cry", "Grandma's Boy" for "something to watch with my grandma"): the catalog's texts are mostly titles. A mood is
recognised by comparing the request with its example requests in the catalog's embedding model, so paraphrases
count ("I'm having a blue day so I want to lift my spirits"), and it is answered with the catalog categories it stands
for and a search in the words the catalog's own tags use ("feel-good", "thought-provoking").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from recagent.agent.understanding import content_words
from recagent.titles import HOLIDAYS, normalise

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["CLEAR_MOOD_SIMILARITY", "MOODS", "MOOD_SIMILARITY", "Mood", "MoodReader", "MoodReading", "mood_reader"]

# Requests (whole, and three content words running) and examples are compared by their content words only: "a
# movie that ..." in both made "a horror movie" look like "a movie that will make me cry". all-MiniLM-L6-v2 puts
# the content of paraphrases at 0.7-1.0; chosen on the natural-request suite and the INSPIRED development dialogues
# (bench/chat_quality.py): below it, "i do like comedies" read as stoner comedies (0.69) and "I've heard there's a
# twist" as a mind-bending request (0.68).
MOOD_SIMILARITY = 0.7
MOOD_WINDOW = 3  # content words read together, besides the whole request
# A mood read clearly: a mood read without the kinds said must come this near (and nearer than the whole request),
# since fewer words read as moods by chance ("watch teenage son" came to 0.74 of the teens' own films; "sad" of "a
# sad animated movie" is 1.0), and only a mood read so puts a kind's films of its own kinds first.
CLEAR_MOOD_SIMILARITY = 0.8
# Words of an era, read as years ("an old movie": before 1980), never as a mood beside a theme.
_ERA_WORDS = frozenset({"old", "older", "new", "newer", "recent", "classic", "classics", "modern", "vintage"})


@dataclass(frozen=True)
class Mood:
    """A kind of request without a category word: requests that ask for it, what answers it."""

    name: str
    examples: tuple[str, ...]
    categories: tuple[str, ...]  # any of them; only those the catalog has are used
    search: str  # searched by meaning instead of the request's words; none: the best known films of the categories
    # Whether a theme said beside it is what to search ("a feel-good sports movie": sports, among comedies). An
    # occasion's other words ask for nothing: "what should I watch on my flight to Paris?" found Midnight in Paris.
    themed: bool = True
    # Whether it says who watches, whose words are searched with a theme said beside it: "a movie about friendship for
    # teens" searched friendship alone among the mood's kinds and showed Léon and In Bruges.
    audience: bool = False


MOODS = (
    Mood("uplifting", ("cheer me up", "I'm feeling down", "I had a bad day", "something uplifting",
                       "something to put me in a good mood", "something happy", "a feel-good movie",
                       "I need a pick-me-up", "something light and fun", "a lighthearted movie", "something light",
                       "I want to lift my spirits", "I'm feeling blue", "something to watch while I eat",
                       "a movie to watch while eating dinner", "a movie with a happy ending",
                       "I need a laugh", "it was a rough week at work", "a good laugh after a long week at work",
                       "something fun to unwind after a hard day at work", "I'm anxious, I need a distraction"),
         ("Comedy",), "feel-good"),
    # "Funny but has heart" (read as "heartwarming"): searched as said, it found I Heart Huckabees and Dumb & Dumber.
    # "a movie that feels like a warm hug" found Warm Bodies and The Mummy.
    Mood("heartwarming", ("a heartwarming comedy", "something funny and heartwarming", "a heartwarming movie",
                          "something sweet and heartwarming", "a movie that feels like a warm hug"),
         ("Comedy",), "heartwarming, feel-good, touching"),
    Mood("tearjerker", ("a movie that will make me cry", "a tearjerker", "something sad",
                        "a movie that breaks my heart", "something emotional", "I want to cry"),
         ("Drama", "Romance"), "a sad, emotional, heartbreaking story"),
    # "a movie about grief" found Hollow Man and Scary Movie by meaning; no tag says grief, but the films tagged death
    # are of it (Three Colors: Blue, The Sweet Hereafter, Ponette).
    # No example says "losing" or "coping": the tests' hashing embedder puts them where it puts "space" and "horror".
    Mood("grief", ("a movie about grief", "a movie about loss and mourning", "a film about grieving after my mother died",
                   "a story of a widow mourning her husband"),
         ("Drama",), "death, heartbreaking"),
    # Sad and hopeful at once: searched as said, "sad but hopeful" found Requiem for a Dream and The Lost Boys.
    Mood("bittersweet", ("a movie that's sad but hopeful", "something bittersweet", "a sad movie with a happy ending",
                         "something that makes me cry but feel good", "heartbreaking but uplifting",
                         "I want to cry but in a good way"),  # read as tears alone: Requiem for a Dream came
         ("Drama", "Romance"), "bittersweet, heartwarming, uplifting"),
    Mood("thoughtful", ("a movie that makes me think", "something thought-provoking", "an intelligent movie",
                        "something deep and philosophical", "a film with a message",
                        "a movie that will make me feel smart", "a movie that makes me think about life"),
         ("Drama", "Sci-Fi", "Mystery", "Thriller"), "thought-provoking, philosophical, intelligent, cerebral"),
    # "I'm in the mood for something weird" was searched as said: Arachnophobia, Se7en, What's Eating Gilbert Grape.
    # (No example says "weird" alone: in the tests' hashing embedder it is the very vector of "comedies".)
    Mood("weird", ("something bizarre and trippy", "a strange, surreal film", "a surreal movie", "something trippy",
                   "a bizarre film"),
         ("Comedy", "Drama", "Fantasy", "Sci-Fi", "Mystery", "Thriller"), "surreal, quirky, weird"),
    # "something weird and artsy" found Arachnophobia and That Thing You Do! by its words.
    Mood("artsy", ("something artsy", "an art house film", "an arthouse movie", "something odd and artsy",
                   "an artsy, experimental film", "a weird, artsy, offbeat indie film"),
         ("Drama", "Fantasy", "Mystery", "Romance"), "artsy, surreal, atmospheric, visually stunning"),
    # "a movie that's like a puzzle" found The Mummy and Monsters, Inc. by meaning, "something that keeps me guessing"
    # Cliffhanger and The Thing. (No example says "puzzle" itself: in the tests' hashing embedder it is the very vector
    # of "horror".)
    Mood("mind-bending", ("a mind-bending movie", "something that messes with my head", "a movie with a twist ending",
                          "a movie that will blow my mind", "movies that are puzzles to solve",
                          "something that keeps me guessing"),
         ("Sci-Fi", "Thriller", "Mystery"), "mind-bending, twist ending, psychological"),
    # "a movie to watch with my husband tonight" read no mood and searched its words: The Mummy, From Dusk Till Dawn.
    Mood("date night", ("a good date night movie", "a movie for a date", "something to watch with my girlfriend",
                        "something to watch with my boyfriend", "a movie for a romantic evening",
                        "a movie to watch on a first date", "something to watch with my husband"),
         ("Romance", "Comedy"), "romantic comedy, love story, charming", themed=False),
    Mood("gentle", ("something to watch with my grandma", "a movie my parents would like",
                    "a fun movie for a rainy afternoon with grandma",
                    "something to watch with my grandparents", "a movie for my mom", "a movie night with my parents"),
         ("Comedy", "Romance", "Musical"), "heartwarming", themed=False),
    Mood("everyone", ("a movie the whole family can enjoy", "something we can all watch together",
                      "something for all ages", "a movie to watch with my young daughters"),
         ("Children", "Animation", "Comedy", "Adventure"), "family friendly, fun for all ages, heartwarming"),
    # "a movie night with friends": the well-loved comedies and adventures a group laughs at together.
    # "what's a movie that everyone quotes?" searched its words: Inglourious Basterds, Casablanca, said to match
    # loosely. (No example says "a movie everyone quotes": the tests' hashing embedder puts it at "something about
    # space".)
    Mood("crowd-pleaser", ("a movie night with friends", "something everyone will like",
                           "a fun movie to watch with a group of friends", "something for a party",
                           "a film full of lines everyone quotes"),
         ("Comedy", "Adventure", "Action"), "funny, fun, quotable", themed=False),
    # Read as a crowd-pleaser, "a movie for a girls night" showed Step Brothers and Dr. Strangelove.
    Mood("girls night", ("a movie for a girls night", "a girls night in", "a chick flick",
                         "something to watch with my girlfriends", "a movie for a night in with the girls"),
         ("Comedy", "Romance"), "chick flick, girl power, friendship", themed=False),
    # A night of friends the age of the children watching: "movie for a sleepover" found Sleepless in Seattle, The Long
    # Kiss Goodnight and From Dusk Till Dawn by their words of sleep and night.
    Mood("sleepover", ("a movie for a sleepover", "something for a slumber party", "we're having a sleepover",
                       "a sleepover with my daughter and her friends"),
         ("Children",), "teen, high school, friendship, girl power", themed=False),
    # Read as a girls night, "a good movie for a boys' night" showed Clueless and Twilight.
    Mood("guys night", ("a movie for a boys night", "a boys night in", "a movie for a night with the lads",
                        "a bro movie"),
         ("Action", "Comedy"), "action-packed, funny, buddy movie", themed=False),
    # Watched with a parent: the adventures everyone knows (read as the teens' mood, it showed Superbad and Fast Times
    # at Ridgemont High; read as the whole family's, Monsters, Inc.). The catalog's tags say nothing of them.
    Mood("with teens", ("a good movie to watch with my teenage son", "something to watch with my teenage kids",
                        "a movie my teenage daughter and I can both enjoy"),
         ("Adventure",), ""),
    Mood("teens", ("a movie for teenagers", "a good movie for a teen",
                   "something my teenage son would like", "something my teenage daughter would like",
                   "a movie for my teenager", "a movie for teens"),
         ("Adventure", "Action", "Comedy", "Sci-Fi", "Fantasy"), "teen, high school, coming of age", audience=True),
    # Growing up as the story, not as who watches: "a coming of age story" showed On Golden Pond, tagged aging, and
    # "a movie about growing up" read as nostalgia for one's childhood.
    Mood("coming of age", ("a coming of age story", "a coming-of-age movie", "a movie about growing up",
                           "a film about adolescence"),
         ("Drama", "Comedy"), "adolescence, growing up, teenage years"),
    Mood("cozy", ("something cozy", "something cozy for a snowy evening", "a comfort movie", "a relaxing movie",
                  "something warm and cozy for a winter night", "something for a rainy day",
                  "something to fall asleep to", "something calm and soothing", "a lazy Sunday morning movie",
                  "something to watch when I'm sick in bed", "a movie for when I can't sleep"),
         ("Comedy", "Romance", "Children", "Animation", "Fantasy"), "whimsical, charming, fairy tale", themed=False),
    # No example says "comedies": "recommend some comedies" came within 0.01 of the threshold.
    Mood("stoner", ("a stoner movie", "stoner flicks", "a movie about weed", "something to watch when high",
                    "a movie about smoking pot"),
         # "stoner" alone finds Romancing the Stone; "getting high" the films tagged high school (Ferris Bueller)
         ("Comedy",), "marijuana, weed, stoner movie, drugs"),
    Mood("nostalgic", ("I'm feeling nostalgic", "something nostalgic", "a movie from my childhood",
                       "an old favorite from when I was a kid", "a classic I grew up with"),
         ("Adventure", "Comedy", "Children", "Fantasy"), "80s classic, childhood, adventure"),
    # No example names a kind ("lots of action"): "an action movie" came within reach and was searched as a mood.
    Mood("exciting", ("something exciting", "an exciting movie", "something thrilling",
                      "an adrenaline rush", "I'm bored", "I'm so bored, entertain me"),
         ("Action", "Adventure", "Thriller"), "exciting, suspenseful, action-packed"),
    # Read as exciting, "an edge of my seat movie" showed Casino Royale, The Mummy and Into the Wild "fits the mood:
    # Action"; searched as typed, "a real nail-biter" found Office Space and Anger Management. No example names a kind:
    # "a thriller" came within reach; nor says "suspenseful", a thriller's word (`understanding.CATEGORY_SYNONYMS`).
    Mood("suspense", ("an edge of my seat movie", "something that keeps me on the edge of my seat", "a nail-biter",
                      "something gripping and tense"),
         ("Thriller", "Mystery", "Crime"), "suspense, tense, suspenseful"),
    # "I'm in the mood for an epic adventure" found Epic Movie and Epic by their titles. No example names a kind alone.
    Mood("epic", ("something epic", "an epic movie", "a grand sweeping epic", "an epic saga"),
         ("Adventure", "Fantasy", "War", "Action"), "epic"),
    # "I want to see stuff blow up" read as "a movie that will blow my mind"; explosions are few catalogs' tags.
    # No example says "action": "an action movie" is the kind alone (see "exciting").
    Mood("explosive", ("I want to see stuff blow up", "explosions and car chases", "something with big explosions",
                       "a loud movie with explosions"),
         ("Action",), "action-packed, explosions, spectacular"),
    # "a good movie for a long flight" found Airplane!, The Fly and Flightplan by their titles.
    # Not "while traveling": "a movie about time travel" came within reach.
    Mood("journey", ("a good movie for a long flight", "something to watch on the plane",
                     "a movie for a long train ride", "something for my flight to London"),
         ("Adventure", "Comedy", "Action"), "entertaining, fun, adventure", themed=False),
    # "I want to learn something" found How to Train Your Dragon and Harry Potter by "learn" and "school".
    Mood("curious", ("I want to learn something", "something educational", "a movie that teaches me something",
                     "something informative"),
         ("Documentary",), "documentary, educational, informative"),
    # "something mindless" found Eternal Sunshine of the Spotless Mind and One Flew Over the Cuckoo's Nest; "a movie
    # that's good background noise while I work" White Noise, by its title.
    Mood("mindless", ("something mindless", "a dumb fun movie", "something I don't have to think about",
                      "I want to turn my brain off", "a popcorn movie", "something mindless and fun",
                      "I'm too tired to think", "something to have on in the background",
                      "good background noise while I work"),
         ("Comedy", "Action"), "silly, goofy, dumb"),
    # "a slow burn thriller" found Cigarette Burns by its title.
    Mood("slow burn", ("a slow burn thriller", "a slow burn", "something slow and atmospheric",
                       "a quiet, brooding film"),
         ("Thriller", "Mystery", "Drama"), "atmospheric, tense, suspenseful"),
    # "something dark and gritty" read as no mood: searched, "dark" found Blazing Saddles ("dark humor").
    Mood("dark", ("something dark and violent", "a gritty, violent film", "something dark and disturbing",
                  "a brutal movie", "something dark and gritty", "a bleak, grim film"),
         ("Crime", "Thriller", "Drama"), "dark, violent, gritty, disturbing"),
)


@dataclass(frozen=True)
class _Embedded:
    moods: tuple[Mood, ...]
    owners: np.ndarray  # the mood (index in `moods`) of each example row
    vectors: np.ndarray  # one unit-length row per example
    contents: tuple[str, ...]  # each example's content words


@dataclass(frozen=True)
class MoodReading:
    """A request's mood, the theme said beside it, and how near the request came to the mood's nearest example."""

    mood: Mood | None
    beside: str | None
    similarity: float


class MoodReader:
    """Recognises the mood a request asks for; the examples are embedded once per catalog."""

    def __init__(self, recommender: Recommender, moods: tuple[Mood, ...] = MOODS,
                 threshold: float = MOOD_SIMILARITY) -> None:
        self.rec = recommender
        known = set(recommender.catalog.categories())
        # A mood none of whose categories the catalog has (a catalog of books or of lipsticks) is not read.
        self.moods = tuple(mood for mood in moods if known & set(mood.categories))
        self.known = known
        self.threshold = threshold
        self._embedded: _Embedded | None = None
        self._words: frozenset[str] | None = None

    def _examples(self) -> _Embedded:
        if self._embedded is None:
            examples = [(number, _content(example)) for number, mood in enumerate(self.moods)
                        for example in mood.examples]
            vectors = self.rec.catalog.embed([example for _, example in examples]) if examples else np.zeros((0, 1))
            self._embedded = _Embedded(self.moods, np.array([number for number, _ in examples]), vectors,
                                       tuple(example for _, example in examples))
        return self._embedded

    def read(self, request: str | None) -> Mood | None:
        """The mood the request asks for, when one of its examples is close enough in meaning to the request or
        to three words of it running; else None."""
        mood, similarity, _ = self._nearest(request)
        return mood if similarity >= self.threshold else None

    def _nearest(self, request: str | None) -> tuple[Mood | None, float, str]:
        """The mood of the example nearest in meaning to the request or three words of it running, how near, and
        the example's content words."""
        if not request or not request.strip() or not self.moods:
            return None, 0.0, ""
        embedded = self._examples()
        similarity = self.rec.catalog.embed(_pieces(request)) @ embedded.vectors.T
        piece, best = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        return embedded.moods[int(embedded.owners[best])], float(similarity[piece, best]), embedded.contents[best]

    def reading(self, request: str | None, is_theme: Callable[[str], bool], is_kind: Callable[[str], bool],
                is_film_kind: Callable[[str], bool] | None = None) -> MoodReading:
        """The mood a request asks for, and the theme said beside it: "a feel-good sports movie" is the uplifting
        mood and sports (the mood's words searched with it found Eternal Sunshine of the Spotless Mind and The Lego
        Movie, tagged feel-good; an uplifting one lost the sports). The theme is the request's words that no mood's
        examples use, that read as no mood alone and name no kind (`is_kind`), at least one of them held by the
        catalog's tags (`is_theme`); the mood is read from the rest when the whole reads as none."""
        words = content_words(_FEEL_GOOD.sub(" uplifting ", request or ""))
        kinds = [word for word in words if is_film_kind is not None and is_film_kind(word)]
        # The mood said of a kind of film (`is_film_kind`, not of who watches: "son"; where a request is said in one
        # turn, not where it goes on: "something more serious" after action films), read without it where clearly
        # so, in words of the example it is read by: "a sad animated movie" read "sad animated" as no mood, "a
        # feel-good romance" as bittersweet ("love" of "I love to be scared" is none: its nearest example is another
        # word's). Not words the tags hold, which are searched as said ("a dark comedy", "suspenseful atmospheric
        # horror").
        mood, similarity, _ = self._nearest(request)
        left = [word for word in words if word not in kinds]
        if kinds and left and not is_theme(" ".join(words)) and not any(map(is_theme, left)):
            alone, nearer, example = self._nearest(" ".join(left))
            if nearer >= max(similarity, CLEAR_MOOD_SIMILARITY) and set(left) & set(example.split()):
                mood, similarity = alone, nearer
        mood = mood if similarity >= self.threshold else None
        beside = [word for word in words if word not in self._mood_words() and not is_kind(word)]
        if not any(is_theme(word) for word in beside):
            return MoodReading(mood, None, similarity)
        if mood is None:  # words of an era are read as years: "old" read as nostalgic ("an old black and white movie")
            rest = [word for word in words if word not in beside and word not in _ERA_WORDS]
            mood, similarity, _ = self._nearest(" ".join(rest)) if rest else (None, 0.0, "")
            mood = mood if similarity >= self.threshold else None
        # Beside an occasion ("a Christmas party", "a Halloween party") a holiday is what to search, where a party's
        # other words ask for nothing (read as a party, it showed Step Brothers).
        if mood is None or (not mood.themed and not HOLIDAYS & set(beside)):
            return MoodReading(mood, None, similarity)
        theme = [word for word in beside if self.read(word) != mood]
        if not any(is_theme(word) for word in theme):
            return MoodReading(mood, None, similarity)
        # From its first word to its last as said: "black and white", not "black white" (tagged "black comedy").
        said = normalise(request or "").split()
        first, last = said.index(theme[0]), len(said) - 1 - said[::-1].index(theme[-1])
        return MoodReading(mood, " ".join(said[first:last + 1]), similarity)

    def _mood_words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(word for mood in self.moods for example in mood.examples
                                    for word in content_words(example))
        return self._words

    def named(self, name: str) -> Mood | None:
        """The mood of that name, where the catalog has its categories."""
        return next((mood for mood in self.moods if mood.name == name), None)

    def categories(self, mood: Mood) -> list[str]:
        """The mood's categories that the catalog has."""
        return [category for category in mood.categories if category in self.known]


# "stuff blow up" and "blow my mind" hold one content word, "blow" ("up" and "mind" are everyday words): said as what
# is meant, the explosions are no mind-bending request.
_BLOW_UP = re.compile(r"\b(?:blow(?:s|ing)?|blew)\s+(?:\w+\s+){0,2}?up\b|\bblown\s+up\b", re.IGNORECASE)


# "feel-good" is one word of meaning, whose "good" content words drop as everyday: "a feel-good romance" read as "feel
# romance", nearest a romantic evening, and no mood.
_FEEL_GOOD = re.compile(r"\bfeel[\s-]*good\b", re.IGNORECASE)


def _as_meant(text: str) -> str:
    """`text` with the phrases whose words mean more together than apart said in one word of their meaning."""
    return _FEEL_GOOD.sub(" uplifting ", _BLOW_UP.sub(" big explosions ", text))


def _content(text: str) -> str:
    text = _as_meant(text)
    return " ".join(content_words(text)) or text


# "a movie for my 6 year old" says whom the film is for (an audience, read elsewhere), not a mood: its "year old"
# came close to "an old favorite from when I was a kid" and showed 80s classics "as you asked: Adventure".
_AGE = re.compile(r"\b\d+\s*(?:-\s*)?(?:years?|yrs?)(?:\s*-\s*|\s+)olds?\b", re.IGNORECASE)
# A grown-up of the family watching along says no mood beside one said: "something light to watch with my mom
# tonight" read no mood, "mom" beside "light", and showed Serial Mom. Said alone ("a movie to watch with my dad") it is
# the mood asked (gentle), as parents of an age, grandparents, children, friends and partners are.
_GROWN_UP_ALONG = re.compile(r"\bwith\s+(?:my|our)\s+(?:mom|mum|mother|dad|father|sisters?|brothers?)\b",
                             re.IGNORECASE)
# ... though a teenager's age says the teens' mood: "a movie for my 15 year old" is "a movie for my teenager".
_TEEN_YEARS = re.compile(r"\b1[3-9]\s*(?:-\s*)?(?:years?|yrs?)(?:\s*-\s*|\s+)olds?\b", re.IGNORECASE)


# "I'm in the mood for something weird" asks for what follows: "mood weird" was nearest "something to put me in a
# good mood".
_IN_THE_MOOD = re.compile(r"\bin\s+the\s+mood\s+for\b", re.IGNORECASE)


def _pieces(request: str) -> list[str]:
    """The request's content words, whole and three by three: "yea im thinking a comedy of some sort, im having a
    blue day so i want to lift my spirits" holds "blue lift spirits", which the whole dilutes. Two by two, "i feel
    it was a real movie" read as "feel real", a feel-good request."""
    request = _as_meant(_AGE.sub(" ", _TEEN_YEARS.sub(" teenager ", request)))
    words = content_words(_IN_THE_MOOD.sub(" ", request))
    beside = content_words(_IN_THE_MOOD.sub(" ", _GROWN_UP_ALONG.sub(" ", request)))
    words = beside or words
    if len(words) <= MOOD_WINDOW:
        return [" ".join(words) or request]
    runs = [" ".join(words[start:start + MOOD_WINDOW]) for start in range(len(words) - MOOD_WINDOW + 1)]
    return [" ".join(words), *runs]


def mood_reader(recommender: Recommender) -> MoodReader:
    """The catalog's mood reader, a catalog view rebuilt only when items change."""
    return recommender.catalog.view("mood_reader", lambda catalog: MoodReader(recommender))
