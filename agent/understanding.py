"""Reading a chat message without a language model: intent, titles named, feedback, constraints, query.

Small local chat models cannot be trusted to pick tools or items (see docs/chat.md), so the guided mode
reads the message here, by catalog matching and a few word lists, and lets the pipeline choose the items.
Capable models call the tools themselves; the tools still use `CategoryVocabulary` and `CatalogTitles`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from recagent.titles import (COMMON_WORDS, HOLIDAYS, CatalogTitles, TitleMention, normalise, singular,
                             starts_sentence, title_year)

if TYPE_CHECKING:
    from recagent.sdk import Recommender

__all__ = ["DARK_TAGS", "ENGLISH_ONLY", "NOT_CHEESY", "Understanding", "CategoryVocabulary", "category_vocabulary",
           "content_words", "direction_of", "for_the_couple", "language_named", "ruled_out_names", "understand",
           "turns_down_violence", "violent_kinds", "VIOLENT_TAGS", "with_full_names"]

# Everyday words for catalog categories; only categories the catalog really has are used.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "sci-fi": ("sci fi", "scifi", "science fiction", "ciencia ficcion", "fantascienza"),
    "comedy": ("comedies", "funny", "funnier", "funniest", "comic", "hilarious", "humor", "humour", "laugh", "comedie",
               "drole", "comedia", "komodie", "lustig", "lustigen", "lustige", "commedia", "divertente"),
    "horror": ("scary", "scarier", "scariest", "spooky", "scare", "be scared", "horrors", "frightening", "terrifying",
               "creepy", "slasher", "horreur", "terror", "miedo", "gruselig"),
    "romance": ("romantic", "love story", "love stories", "romances", "romantique", "romantico", "romantica",
                "romantisch"),
    "animation": ("animated", "cartoon", "cartoons", "anime", "animes", "dessin anime", "animacion", "zeichentrick"),
    "children": ("kids", "kid", "childrens", "childish", "for kids", "family friendly", "family", "year old",
                 "years old", "year olds", "toddler", "toddlers", "little ones", "enfants", "ninos", "kinder",
                 "bambini", "son", "sons", "daughter", "daughters", "grandkids", "grandchildren", "nephew", "niece"),
    "thriller": ("thrillers", "suspense", "suspenseful"),
    # "based on a true story" is a drama as often as a documentary: searched, the tags say which films are.
    "documentary": ("documentaries", "docs"),
    "action": ("action packed",),
    "adventure": ("adventures", "adventurous"),
    "drama": ("dramas", "dramatic"),
    "crime": ("gangster", "gangsters", "mafia"),
    "mystery": ("mysteries", "whodunit", "whodunnit", "who dun it", "who done it", "detective story"),
    "fantasy": ("fairy tale", "fairy tales"),
    "musical": ("musicals",),
    "war": ("war movie", "war movies", "wartime"),
    "western": ("westerns", "cowboy", "cowboys"),
    "film-noir": ("noir", "film noir"),
}
# Words that name one film of two kinds: "a good romcom" is a romantic comedy (it was read as romance alone and
# found Speed and True Lies), a dramedy a comedy and a drama.
COMPOUND_KINDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("romcom", "rom com", "romcoms", "rom coms", "romantic comedy", "romantic comedies"),
                    ("romance", "comedy")),
    **dict.fromkeys(("dramedy", "dramedies"), ("comedy", "drama")),
}
_ROMCOM = re.compile(r"\brom[\s-]?coms?\b", re.IGNORECASE)
_WITH_HEART = re.compile(r"\s+(?:that\s+)?(?:has|have|had|with|got)\s+"
                         r"(?:a\s+lot\s+of\s+|some\s+|real\s+|a\s+big\s+|so\s+much\s+)?heart\b", re.IGNORECASE)
# Kinds of film narrower than their category: "not into slasher films" rules out slashers, not every horror film.
# "not a cartoon though" is no animation at all: a cartoon is any animated film, not a kind of them.
SUBGENRES = frozenset({"slasher", "gangster", "gangsters", "mafia", "anime", "animes", "whodunit",
                       "detective story", "cowboy", "cowboys", "love story", "love stories",
                       "fairy tale", "fairy tales", "romcom", "rom com", "romcoms", "rom coms", "noir", "film noir",
                       "toddler", "toddlers"})  # not "war movies", which are every war film ("no war movies" kept them)
NEGATION_WORDS = frozenset({"no", "not", "without", "avoid", "except", "never", "nothing", "none", "skip",
                            "exclude", "excluding", "dont", "hate", "hates", "isnt", "arent", "wasnt", "doesnt",
                            "pas", "sans", "sin", "nicht", "ohne", "kein", "keine", "senza"})
NEGATIONS = ("pas", "sans", "sin", "nicht", "ohne", "no", "not", "without", "avoid", "except", "never", "hate",
             "hates", "dislike", "none", "nothing", "isnt", "arent", "wasnt", "doesnt",
             "skip", "exclude", "excluding", "but not", "dont like", "no more", "anything but", "instead of",
             "rather than", "other than")
LIKE_CUES = ("liked", "loved", "love", "like", "enjoyed", "enjoy", "adore", "adored", "favorite", "favourite",
             "great", "amazing", "awesome", "fan of", "into", "likes", "loves", "enjoys", "favorites", "favourites",
             "hilarious", "brilliant", "fantastic", "excellent", "masterpiece")
STRONG_LIKE_CUES = ("liked", "loved", "enjoyed", "adored", "favorite", "favourite", "fan of", "favorites",
                    "favourites")
DISLIKE_CUES = ("hated", "hate", "disliked", "dislike", "didnt like", "did not like", "dont like", "boring",
                "awful", "terrible", "bad", "not a fan", "couldnt stand", "not for me", "not into", "not really into",
                "cant stand", "cannot stand", "not big on", "never liked", "not a big fan", "not a huge fan",
                "not really a fan", "not much of a fan", "hates", "dislikes")
_FEARED = frozenset({"scary", "scarier", "scariest", "frightening", "terrifying", "creepy"})  # asked of a film
_OLDER_KIDS = frozenset({"teenage", "teen", "teenaged", "older", "grown", "adult"})
# "it's hard for a movie to scare me, I sometimes find them funny": a kind said of films, not asked for (it asked for
# comedies too, and searched "find them funny").
_FOUND_SO = re.compile(r"\b(?:find|finds|found)\s+(?:them|it|those|these|him|her)\s+(?P<kind>\w+)", re.IGNORECASE)
# Children who watch, said only of someone's ("my son", "our daughter"): a film "about a father and son" is no kind.
_CHILDREN_WATCHING = frozenset({"son", "sons", "daughter", "daughters", "grandkids", "grandchildren", "nephew",
                                "niece"})
# Categories that name who watches rather than a kind of film, and the words around them that make them an audience:
# "a comedy for my kids", "something my kids can watch", "a movie for a 6 year old" ask for children's films of
# that kind; "I love comedies and family movies" lists two kinds.
AUDIENCE_CATEGORIES = frozenset({"children", "kids", "family"})
# The two words before "kid" or "kids" that say who the user was: "when I was a kid", "when we were kids".
_ONCE_A_CHILD = frozenset({"was a", "as a", "we were"})
# The words that say who watches, once an audience is read: "for my 6 year old daughter", "the whole family".
_WATCHERS = frozenset({"kid", "kids", "child", "children", "family", "whole", "old", "olds", "toddler", "toddlers",
                       "little", "ones", "young", "younger", *_CHILDREN_WATCHING})
_AUDIENCE_BEFORE = frozenset({"for", "with", "my", "our", "his", "her", "their", "your", "whole", "little", "young"})
_AUDIENCE_AFTER = frozenset({"can", "could", "will", "would", "friendly", "to", "love", "like", "enjoy", "might"})
_ALWAYS_AUDIENCE = frozenset({"year old", "years old", "year olds", "toddler", "toddlers", "little ones", "for kids",
                              "family friendly"})


def _as_audience(words: Sequence[str], position: int, phrase: str) -> bool:
    """Whether the category phrase at `position` says who will watch (see `AUDIENCE_CATEGORIES`)."""
    following = position + len(phrase.split())
    return (phrase in _ALWAYS_AUDIENCE or (position > 0 and words[position - 1] in _AUDIENCE_BEFORE)
            or (following < len(words) and words[following] in _AUDIENCE_AFTER))


_TEEN_AGE = re.compile(r"1[3-9]")  # "my son is 13": a teenager
_TEEN_WATCHING = re.compile(r"\b(?:1[3-9][\s-]*(?:years?|yrs?)[\s-]*olds?|teens?|teenagers?|teenaged?)\b",
                            re.IGNORECASE)
_AGES = frozenset({"year old", "years old", "year olds"})
TEEN_THEME = "teen"  # what films like a film of teens are about where a teenager watches, in the tags' word
_TEEN_TAGS = ("teen", "teenager", "teenagers", "high school", "coming of age")


def _of_teens(item_id: str, theme_of: Callable[[str], object] | None) -> bool:
    """Whether the catalog's tags say the film is of teenagers ("High School" of Mean Girls)."""
    return theme_of is not None and any(isinstance(tagged := theme_of(tag), Collection) and item_id in tagged
                                        for tag in _TEEN_TAGS)


def _older_kid(words: Sequence[str], position: int) -> bool:
    """Whether the kid at `position` is a teenager or older: "my teenage kids", "my kid is a teenager"."""
    return ((position > 0 and words[position - 1] in _OLDER_KIDS)
            or any(word.startswith("teen") or _TEEN_AGE.fullmatch(word) for word in words[position + 1:position + 4]))

# The kinds "them" can be in "I like horror, I've seen most of them"; "comedies like that" compares.
_KIND_SAID = (r"(?:movies|films|flicks|comed(?:y|ies)|horror|thrillers?|sci[\s-]?fi|westerns?|dramas?|"
              r"documentar(?:y|ies)|musicals?|romances?|rom-?coms?|cartoons?|anime|action|myster(?:y|ies)|fantasy)")
# "like" that compares or wishes rather than likes: "seems like a Stan Lee story", "more comedies like that",
# "something else like that" (it noted a like of the first film shown), "any hidden gems like that?".
_LIKENESS = re.compile(r"\b(?:seems?|looks?|sounds?|feels?|felt|would|kind of|sort of|just|is|was|something|more|else|"
                       rf"(?:is|was) (?:it|this|that)|{_KIND_SAID}|ones?|others?|gems?|picks?|titles?|options?|"
                       r"suggestions?|recommendations?|classics?)"
                       r" like\b")
# "what's good on a Friday night?": a time to watch, not the film Friday (its details were shown).
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\s+(?:night|evening|afternoon|morning)s?\b", re.IGNORECASE)
# A night to watch on asks for nothing to search; "a lazy Sunday morning" is a mood (`recagent.agent.moods`).
_WEEKDAY_NIGHT = re.compile(rf"\b{_WEEKDAY.pattern}\s+(?:night|evening)s?\b", re.IGNORECASE)
# "a good date night movie", "a Batman film": a kind of film, named after a title (the catalog's "Date Night").
_KIND_NOUN = re.compile(r"\s+(?:movie|film|flick)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_GOES_ON = re.compile(r"(?:also|and|plus|as well as|or|too)\b")
_GROUP = re.compile(r"\s+(?:movies|films|series|franchise|saga|trilogy)\b", re.IGNORECASE)
# Whoever watches too turning down the kind just said: "my wife hates it", "she can't stand them", "my wife doesn't."
_WATCHER_HATES_IT = re.compile(r"\b(?:(?:my|our|his|her)\s+\w+|she|he|they)\s+(?:really\s+|just\s+)?"
                               r"(?:(?:hates?|dislikes?|can'?t\s+stand|doesn'?t\s+(?:like|enjoy))\s+(?:it|them|that)\b|"
                               r"doesn'?t(?=\s*(?:[.,;!?]|$)))", re.IGNORECASE)
# "kids under 10", "ages 8 and up", "for 12 and over": how old those who watch are.
_AGE_LIMIT = re.compile(r"\b(?:(?:under|below|over|above|aged?|ages)\s+\d{1,2}|\d{1,2}\s+and\s+(?:up|under|over|older|"
                        r"younger))\b(?:\s+and\s+(?:up|under|over|older|younger)\b)?")
# "a movie for date night", "something to watch on New Year's Eve": a time to watch in, not the film of that title
# (it showed the details of Date Night).
_FOR_OCCASION = re.compile(r"\b(?:movies?|films?|flicks?|something|anything|ones?|watch)\s+(?:to\s+watch\s+)?"
                           r"(?:for|on)\s+(?:a\s+|an\s+|our\s+|the\s+)?$", re.IGNORECASE)
# "the Bourne movies", "the Dollars trilogy": a name, as people write one, before the words of a group of films.
_NAMED_GROUP = re.compile(r"\b(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
                          r"(?=\s+(?:movies|films|series|franchise|saga|trilogy)\b)")
SEEN_CUES = ("seen", "watched", "already", "saw", "finished", "finishing", "binged", "after seeing")
MORE_LIKE_CUES = ("more like", "similar to", "something like", "anything like", "like it", "same as",
                  "along the lines of", "anything similar", "something similar", "any similar", "similar ones",
                  "similar movies", "similar films", "similar one",
                  "one like", "ones like",  # "another one like the first" likes none
                  "same vibe", "same feel", "same vein", "same kind of", "same style", "in the vein of")
DETAIL_CUES = ("tell me about", "what is", "whats", "details", "about the movie", "who is in", "whos in",
               "who stars", "the cast", "plot of", "info on", "who directed", "who made", "who plays", "who wrote",
               "directed by", "how long is", "when did", "when was", "what year",
               "information about", "describe", "story line", "storyline", "the plot", "synopsis", "tell me more",
               "more about", "know more")
SEARCH_CUES = ("do you have", "have you got", "is there", "find", "search", "look up", "looking for the")
# "Do you have any other recommendations similar to Knives Out?" asks for films, not whether one is there.
ASKING_FOR_OTHERS = ("recommendation", "recommendations", "suggestions", "similar to", "any other", "anything else",
                     "what else")
PROFILE_CUES = ("my profile", "what do i like", "my interests", "my taste", "what do you know about me",
                "what i like", "about me", "what did i say", "what have i told you", "what did i tell you",
                "what have i said", "my likes", "what did i like", "what have i liked")  # "what did I say I liked?"
RECOMMEND_CUES = ("recommend", "suggest", "suggestion", "what should", "something", "anything", "give me", "show me",
                  "want", "looking for", "in the mood", "ideas", "watch", "more", "another", "others", "else",
                  "surprise me")
_MORE_THAN = re.compile(r"\bmore than\b")  # "I enjoy it at home more than the theater" asks for no more
_CLAUSE_SPLIT = re.compile(r"[.;!?\n]|,\s*(?:but|and then|though)\b|\bbut\b|\bwhereas\b|\bhowever\b|\bexcept\b",
                           re.IGNORECASE)
# "I don't like stupid comedy, I loved Dazed and Confused though": a comma before a new "I" starts a clause of
# its own when the words before it already said how the user feels ("Heat, I loved it" is one clause); so does one
# before a request said afresh: "I've seen Star Wars already, something more thought-provoking" (read as one clause
# of feedback, the request was lost and the next best known science fiction came, Return of the Jedi first).
# "I loved Heat and I hated Alien": so does "and" before a new "I" (Heat was read as disliked too).
_NEW_SUBJECT = re.compile(r",\s*(?=(?:i|we|something|anything|any|maybe|perhaps|(?:what|how)\s+about|got\s+any|"
                          r"(?:can|could)\s+you|recommend|suggest|(?:show|give)\s+me|"
                          r"(?:but\s+)?the\s+(?:first|second|third|fourth|fifth|last|other)\s+one)\b)|"
                          r"\s+and\s+(?=(?:i|we)\b)", re.IGNORECASE)
_DECADE = re.compile(r"\b(?:the\s+)?(19|20)?(\d0)'?s\b", re.IGNORECASE)
# "my parents, they're in their 70s", "when I was in my 20s": an age, not the years of films (it showed 70s films).
_AGED = re.compile(r"\bin\s+(?:their|his|her|my|our|your)\s+(?:early\s+|late\s+|mid[\s-]*)?$", re.IGNORECASE)
_AFTER = re.compile(r"\b(after|since|newer than|from after|post)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:before|older than|pre|prior to)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# Years ruled out: "and nothing from before 2000" showed films of the 80s and 90s.
_RULED_OUT_YEARS = re.compile(r"\b(?:nothing|none|not|never|no\s+(?:movies?|films?|ones?))"
                              r"(?:\s+(?:from|made|released|that|which|came|out|is|are|set))*\s*$", re.IGNORECASE)
# "from 2015 on", "2010 or later".
# ... and "2017-present", "from 2010 to now" (read as no years, it searched "say from 2017 present").
_ON_FROM = re.compile(r"\b((?:19|20)\d\d)(?:\s+(?:on|onwards?|or\s+(?:later|newer|after)|and\s+(?:later|newer|up))|"
                      r"\s*(?:-|\u2013|to|till|until|through)\s*(?:the\s+)?(?:present|now|today|date|current))\b",
                      re.IGNORECASE)
# "from 2010-2015", "between 2000 and 2005", "2010 to 2015".
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|\u2013|to|and|through|till|until)\s*((?:19|20)\d\d)\b",
                         re.IGNORECASE)
_YEARS_BETWEEN = re.compile(r"(?:\b(?:between|from)\s+)?" + _YEAR_RANGE.pattern, re.IGNORECASE)
# "a good movie from 2015", "what came out in 2015?", "2015 comedies": that year alone.
_ONE_YEAR = re.compile(r"\b(?:from|in|of|during)\s+((?:19|20)\d\d)\b(?!\s*[-\u2013]|'?s)|"
                       r"\b((?:19|20)\d\d)\s+(?:movies?|films?|comedies|dramas|releases?)\b", re.IGNORECASE)
# "something different", "surprise me": away from the conversation's theme and what it was like. "A random movie"
# too (searched, "random" found The Mummy and Snatch, "close to what you asked for").
_ELSEWHERE = re.compile(r"\bsurprise\s+me\b|\b(?:something|anything)\s+(?:completely\s+|totally\s+)?different\b|"
                        r"\ba\s+change\s+of\s+pace\b|\b(?:something|anything)\s+random\b|"
                        r"\b(?:a\s+|some\s+)?random\s+(?:movies?|films?|ones?|picks?|recommendations?)\b",
                        re.IGNORECASE)
# Asking for films with no words to search: "what's popular right now?", "what's trending?", and those above.
_NOW = r"(?:\s+(?:right\s+now|these\s+days|lately|at\s+the\s+moment|nowadays))?"
_ANYTHING_GOOD = re.compile(rf"\bwhat(?:'?s|\s+is|\s+are)\s+(?:popular|trending|hot){_NOW}\b|\btrending{_NOW}\b|"
                            rf"\bpopular{_NOW}\b|\bwhat\s+(?:are|is)\s+(?:people|everyone)\s+watching{_NOW}\b|"
                            rf"{_ELSEWHERE.pattern}", re.IGNORECASE)
# "Anything is fine", "whatever you think is good", "I'm not picky": any film will do, nothing to search. Blanked
# before anything is read, so that no title is found in them ("whatever" found the film Whatever) and nothing is
# searched by their meaning ("I'm open to anything" showed Eyes Wide Shut, close to "open").
_ANY_WILL_DO = re.compile(
    r"\b(?:any(?:thing|\s+(?:genre|kind|type)s?)(?:'s|\s+is|\s+works|\s+will\s+do|\s+would\s+(?:do|work|be\s+\w+))"
    r"(?:\s+(?:fine|ok|okay|good|great|cool|alright|with\s+me))?|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:open\s+to\s+(?:anything|whatever|all\s+(?:genres|kinds)|any\s+genre|"
    r"suggestions)|open|not\s+(?:picky|fussy)|easy)|"
    r"i'?(?:ll|\s+will|\s+would|'?d)\s+watch\s+(?:just\s+|pretty\s+much\s+)?anything|"
    r"whatever\s+(?:you\s+(?:think|like|want|recommend|suggest|choose|prefer)|works|is\s+good)"
    r"(?:\s+(?:is\s+)?(?:good|best|fine|great))?|"
    r"(?:it\s+)?(?:does\s*n[o']?t|doesnt)\s+matter(?:\s+to\s+(?:me|us))?|no\s+preferences?|up\s+to\s+you|"
    # A broad taste says no kind: "I like a lot of different movies. Let's try drama" found A Lot Like Love.
    r"(?:i|we)\s+(?:\w+\s+)?(?:like|love|enjoy|watch)\s+(?:a\s+lot\s+of|lots\s+of|many|various|all|"
    r"a\s+(?:wide\s+)?(?:variety|range|mix)\s+of)\s+(?:(?:different|kinds\s+of|sorts\s+of|types\s+of)\s+)*"
    r"(?:movies|films|genres|things|stuff)(?!\s+(?:about|with|like|from|of|that|where|set|based)\b))\b",
    re.IGNORECASE)
# "I've seen most of the classics", "seen all the popular ones", "I love superhero movies, but I've seen most of
# them": the well known films of what is asked are seen, and a friend names good ones less known (it showed Batman
# and Spider-Man, and to the horror fan who had seen the classics, The Exorcist and Alien, read as "classic" films).
# Blanked before anything is read, as above: "them" is the kind said, not the last reply; "classics" no years.
_KNOWN_ONES = r"(?:classic|popular|famous|well[\s-]*known|big|obvious|usual|main|mainstream|major)"
_HAVE_SEEN = (r"(?:(?:but\s+)?(?:i\s+(?:think|guess|believe)\s+)?(?:i'?ve|i\s+have|we'?ve|we\s+have)\s+"
              r"(?:probably\s+|already\s+|pretty\s+much\s+)?)?(?:seen|watched)"
              r"(?:\s+(?:pretty\s+much|just\s+about|basically|probably|already))?")
_SEEN_THE_KNOWN = re.compile(
    rf"\b{_HAVE_SEEN}\s+(?:(?:most|many|a\s+lot|lots|loads|tons|plenty|the\s+majority|all)\s+(?:of\s+)?(?:the\s+)?"
    rf"(?:{_KNOWN_ONES}\s+(?:ones|movies|films)|classics)|(?:the\s+)?{_KNOWN_ONES}\s+ones)\b", re.IGNORECASE)
# "...seen most of them" is of the kind said before it in the sentence ("superhero movies"), not of a list shown.
_SEEN_MOST_OF_KIND = re.compile(
    rf"\b(?P<kind>(?<!those\s)(?<!these\s)(?<!the\s){_KIND_SAID}\b[^.!?;]*?)\b{_HAVE_SEEN}\s+"
    r"(?:(?:most|many|a\s+lot|lots|loads|tons|plenty|the\s+majority|all)\s+of\s+them|them\s+all)\b", re.IGNORECASE)


def _seen_the_known(message: str) -> list[tuple[int, int]]:
    """The spans saying that the well known films of what is asked are seen (`_SEEN_THE_KNOWN`)."""
    spans = [match.span() for match in _SEEN_THE_KNOWN.finditer(message)]
    return spans + [(match.end("kind"), match.end()) for match in _SEEN_MOST_OF_KIND.finditer(message)]
# Words that say only how old the films asked for are, once read as years.
_AGE_WORDS = frozenset({"new", "newer", "newest", "latest", "release", "releases", "released", "lately", "recently",
                        "came", "out", "last", "year", "years", "old", "older", "oldest", "classic", "classics",
                        "vintage", "dated", "current", "modern"})
# "my latest movie was ..." tells what the user watched last, and asks for no year; "a movie set in New York" of no
# year either (it showed films from 2010 on).
# "the newer one" points at one film talked about; "newer ones" asks for them, as "older ones" does.
# "what's good that came out recently?" asks for recent films; "I recently watched Little" tells.
_RECENT = re.compile(r"(?<!\bmy )(?<!\bour )\b(recent|new|newer|newest|latest|modern|current|"
                     r"(?:came|come|out|released)\s+recently|recently\s+(?:released|came\s+out|out))\b"
                     # "a new one" is another one, "the latest one" one of those shown; "a modern one" after
                     # westerns is of an era (it showed Modern Times, of 1936, by its title).
                     r"(?!(?:(?<=\bnew)|(?<=\bnewest)|(?<=\blatest)|(?<=\bcurrent))\s+ones?\b)(?<!the\snewer)"
                     r"(?!\s+(?:york|zealand|orleans|jersey|mexico|england|hampshire|delhi|year|years)\b)",
                     re.IGNORECASE)
# "old" alone says nothing of years ("an old man who flies away"): only old movies, older, classics do, and old
# films of a kind ("an old horror movie", "an old comedy": it showed Analyze This and Grown Ups); "the older one"
# points at one of two films talked about.
_OLD = re.compile(r"\b(older(?!\s+ones?\b)|(?<!the )older|(?<!cult )classics?|vintage|"
                  r"old(?=\s+(?:(?:black[\s-]+and[\s-]+white|silent|hollywood)\s+)?"
                  r"(?:movies?|films?|ones?|stuff|school|titles?|(?:comed(?:y|ies)|westerns?|musicals?|thrillers?|"
                  r"romances?|cartoons?|documentar(?:y|ies)|noirs?|horror|sci[\s-]*fi|war|action|disney|animated|"
                  r"crime|mystery|monster|gangster|spy|detective|kung\s+fu)(?:\s+(?:movies?|films?))?)\b))\b",
                  re.IGNORECASE)
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
            "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "eighth": 7, "ninth": 8, "tenth": 9, "last": -1}
_ORDINAL_WORD = "|".join([*ORDINALS, "middle"])


def _place(word: str, count: int) -> int | None:
    """The index in a list of `count` items an ordinal word points at ("second": 1, "last": -1, "middle": the one in
    the middle of an odd count); None when it points past the list or the middle is not one item."""
    if word.lower() == "middle":
        return count // 2 if count % 2 else None
    index = ORDINALS[word.lower()]
    return index if -count <= index < count else None
_ITEM_NOUN = r"(?:one|movie|film|title|pick|item|suggestion)"
# "the second (one)", "second one", "number 3": an ordinal alone ("last night", "close second") is no reference.
# "the second" points at an item only when nothing but a little word follows it: "the first Frozen", "the last
# action movie I saw" and "the last time" name something else.
# "and the second best?" after the best rated: the second of them (searched, it found Dumb & Dumber).
_AFTER_BARE_ORDINAL = (r"(?=\s*(?:$|[.,;:!?)]|best\s*(?:$|[.,;:!?)])|"
                       r"(?:please|already|again|too|and|or|but|is|was|are|were|sounds?|looks?|seems?|better)\b))")
# "the last one I watched was a ww2 movie", "the first film we ever saw": the user's own, not one shown.
_WATCHED_BY_THEM = r"\s+(?:that\s+)?(?:i|we)\s+(?:\w+\s+)?(?:watched|saw|seen|rented|went|remember)"
_THEIR_OWN = rf"(?!{_WATCHED_BY_THEM})"
_ORDINAL = re.compile(rf"\bthe\s+({_ORDINAL_WORD})\b(?:\s+{_ITEM_NOUN}\b{_THEIR_OWN}|{_AFTER_BARE_ORDINAL})"
                      rf"|\b({_ORDINAL_WORD})\s+{_ITEM_NOUN}\b{_THEIR_OWN}|(?:number|no\.|#)\s*(\d{{1,2}})\b"
                      # "I liked the first and third": the third too
                      rf"|(?<=\band\s)(?:the\s+)?({_ORDINAL_WORD})\b"
                      rf"(?:\s+(?:ones|movies|films)\b|{_AFTER_BARE_ORDINAL})",
                      re.IGNORECASE)
# A message that only points at an item shown: "the second one", "ok, that one", "number 3 please".
_BARE_REFERENCE = re.compile(rf"^\W*(?:(?:ok(?:ay)?|so|yes|yeah|hmm+|um+|and)\W+)?(?:the\s+(?:{_ORDINAL_WORD})"
                             rf"(?:\s+{_ITEM_NOUN}|\s+best)?|(?:that|this)\s+{_ITEM_NOUN}|"
                             rf"(?:number|no\.|#)\s*\d{{1,2}})"
                             rf"(?:\W+please)?\W*$", re.IGNORECASE)
# "the third one looks good", "ooh that one sounds interesting": an item shown, taken up as its title would be ("Pretty
# Woman looks good" tells of it); it went on with more of the theme, and "like that" then meant another. Said last,
# after what the rest of the list was: "I've seen the first two, the third one looks good".
_REFERENCE_LIKED = re.compile(rf"^(?:.*[,;.!?])?\W*(?:(?:ok(?:ay)?|so|yes|yeah|hmm+|o+h+|wow)\W+)?"
                              rf"(?:the\s+(?:{_ORDINAL_WORD})"
                              rf"(?:\s+{_ITEM_NOUN})?|(?:that|this)(?:\s+(?:{_ORDINAL_WORD}))?\s+{_ITEM_NOUN})\s+"
                              r"(?:sounds?|looks?)\s+(?:really\s+|so\s+|very\s+|pretty\s+)?(?:good|great|"
                              r"interesting|fun|cool|awesome|amazing|nice)\W*$", re.IGNORECASE)
# Which film it was, of those suggested: "what was the first one you suggested?", "remind me of the second movie you
# recommended" (searched, "what was you suggested" found children's films). Of the whole session's suggestions, in
# the order they came (`asks_which_was_suggested`).
_WHICH_WAS_SUGGESTED = re.compile(rf"\b(?:what|which)(?:'s|\s+(?:was|is|were))?\s+(?:the\s+)?(?:{_ORDINAL_WORD})"
                                  rf"(?:\s+{_ITEM_NOUN})?|\bremind\s+me\b", re.IGNORECASE)
_YOU_SUGGESTED = re.compile(r"\b(?:you|u)\s+(?:first\s+)?(?:suggested|recommended|showed|mentioned|listed|gave|named|"
                            r"told\s+me\s+about)\b", re.IGNORECASE)


def asks_which_was_suggested(message: str) -> bool:
    """Whether the message asks which film of those suggested in the session it was ("what was the first one you
    suggested?"), whose ordinal counts over every suggestion, not the last reply's alone."""
    return bool(_WHICH_WAS_SUGGESTED.search(message) and _YOU_SUGGESTED.search(message))


# ... and what a sentence that speaks of it says is said of that film: "this ww2 movie about teens in love".
_OWN_FILM = re.compile(rf"\b(?:{_ORDINAL_WORD}|latest)\s+{_ITEM_NOUN}{_WATCHED_BY_THEM}", re.IGNORECASE)
# "I've seen the first two", "the last three ones": the first or last few items of the list.
_FIRST_FEW = re.compile(rf"\bthe\s+(?P<end>first|last|top)\s+(?P<count>two|three|four|2|3|4)\b"
                        rf"(?:\s+(?:ones|movies|films|picks|suggestions)\b|{_AFTER_BARE_ORDINAL})", re.IGNORECASE)
_FEW = {"two": 2, "three": 3, "four": 4}
# "that one", "I like that!": a reference; "I like that he can act", "that the film...", "this week",
# "recommendations that would be similar" or "that director" (the maker asked after, of the film spoken of) is not.
_DEMONSTRATIVE = re.compile(r"\b(?:that|this)(?:\s+(?:one|movie|film)\b|\b(?!\s+(?:he|she|they|we|you|i|it|there|"
                            r"the|a|an|his|her|their|my|your|its|is\s+what|was\s+what|week|weekend|time|year|month|"
                            r"morning|evening|night|kind|sort|type|genre|stuff|way|would|could|will|can|should|"
                            r"might|may|are|were|has|have|had|does|did|director|directors|filmmaker|actor|actress|"
                            r"star|cast|writer|guy|person)\b))", re.IGNORECASE)
_ASKED_OF_THAT = re.compile(r"(?:^|[.,;!?]\s*)(?:is|was|would|does|will)\s+(that|this)\b", re.IGNORECASE)
_THAT = re.compile(r"that|this", re.IGNORECASE)


def _asked_of_that(message: str) -> re.Match[str] | None:
    """"that" in "is that a comedy?", a question about the item shown first (the match is the word alone)."""
    asked = _ASKED_OF_THAT.search(message)
    return _THAT.match(message, asked.start(1)) if asked else None


# An item shown, then how to differ from it: "the first one but older", "that one, but funnier".
_POINTED_BUT = re.compile(rf"\W*(?:(?:ok(?:ay)?|so|hmm+|maybe)\W+)?(?:the\s+(?:{_ORDINAL_WORD})(?:\s+{_ITEM_NOUN})?|"
                          rf"(?:that|this)\s+{_ITEM_NOUN}|(?:number|no\.|#)\s*\d{{1,2}})\W*\s*but\b", re.IGNORECASE)
# "not that interested", "wasn't all that scary": the "that" before is "so".
_NOT_THAT_MUCH = re.compile(r"(?:\bnot|n't)\s+(?:all\s+)?$", re.IGNORECASE)
# "something that ...", "a movie that ...": "that" begins a clause about the noun before it.
_RELATIVE_THAT = re.compile(r"\b(?:something|anything|nothing|everything|movies?|films?|flicks?|shows?|ones?|"
                            r"stor(?:y|ies)|comed(?:y|ies)|dramas?|thrillers?|documentar(?:y|ies)|cartoons?|series)"
                            r"\s*,?\s*$", re.IGNORECASE)
# "I've seen all of those", "both of them": every item of the last reply; "most of those" too, as a friend would
# take it (none of them again).
# "seen them all", "I've seen those" and "already seen these" say it of each as well.
_ALL_SHOWN = re.compile(r"\b(?:all|each|every\s+one|most)\s+(?:of\s+)?(?:those|these|them)\b|\ball\s+(?:those|these)\b|"
                        r"\bboth\s+of\s+(?:them|those)\b|\bthem\s+all\b|"
                        r"\b(?:seen|watched|saw)\s+(?:those|these|them)\b(?!\s+(?:kinds?|types?|sorts?)\b)",
                        re.IGNORECASE)
_ALL_EXCEPT = re.compile(rf"\b(?:them\s+all|all(?:\s+(?:of\s+)?(?:them|those|these))?)\s+(?P<but>except|but|apart\s+"
                         rf"from|other\s+than|besides)\s+(?:for\s+)?(?:the\s+)?(?P<which>{_ORDINAL_WORD})"
                         rf"(?:\s+{_ITEM_NOUN})?\b", re.IGNORECASE)
# "it" points at an item only after a reply that showed one: after a list of five, "I've heard of it" could mean
# any of them, or a film the user has in mind.
_IT = re.compile(r"\bit\b", re.IGNORECASE)
_COMPARISON = re.compile(r"\b(?:but|only|just|yet|though)\s+(?:a\s+(?:bit|little)\s+|much\s+|way\s+)?"
                         # "but set in space" is where, as "but in space"
                         r"(?:set\s+(?=(?:on|in|at|under|underwater|underground)\b))?"
                         r"(?P<direction>(?:for\s+(?:adults|grown[\s-]?ups)|"
                         r"(?:from|in)\s+(?:the\s+)?(?:(?:19|20)?\d0'?s|(?:19|20)\d\d)|more|less|"
                         r"not\s+as|not\s+so|not\s+too|with\s+|lighter|darker|funnier|older|newer|"
                         r"shorter|longer|scarier|happier|sadder|simpler|slower|faster|[a-z]+er\b|"
                         # "like Jaws but on land", "like Die Hard but in space": where it is set
                         r"(?:on|in|at|under)\s+(?:land|space|the\s+sea|sea|water|a\s+\w+|the\s+\w+)\b|"
                         r"underwater\b|underground\b)[^.;!?]*)",
                         re.IGNORECASE)
# ... and said without "but": "something like Toy Story for adults" showed Toy Story 2 and A Bug's Life.
_FOR_ADULTS = re.compile(r"\blike\b.*?\b(?P<direction>for\s+(?:adults|grown[\s-]?ups|grownups))\b", re.IGNORECASE)
# The one item spoken of earlier in the message: "... but I've seen it".
_SAID_BEFORE = re.compile(r"\b(?:it|that\s+one|this\s+one)\b", re.IGNORECASE)
# A title said as a film's: "the movie Keanu", "I watched Keanu".
_AS_A_FILM = re.compile(r"\b(?:the\s+(?:movie|film)|watched|saw|seen|watching)\s*$", re.IGNORECASE)
# Words that carry no request of their own: greetings, politeness and the asking itself. What is left of a
# message after them (and after titles, feedback and constraints) is searched by meaning, whole.
FILLER = frozenset("""
hi hello hey thanks thank please ok okay yes yeah sure well so um uh can could would you me i im id ive we us my
recommend recommendation recommendations suggest suggestion suggestions show give find get got want wanted looking
need watch watching see something anything some any movie movies film films one ones a an the for to of and or
what whats which how about do does is are be maybe perhaps really kind sort type genre if mind
tonight today now again also too either more else other another others but just very instead
older newer recent latest classic classics before after from since decade century year years present say
like with in on at by as it its ive youre dont lot lots bit little can will should must let lets try
greetings there here hows am doing fine good great nice cool awesome interesting glad meet pleased welcome
yea yep yup nope alright right exactly indeed definitely probably actually fact think guess know sounds sound seems
heard hear have has had havent hasnt was were been that thats this these those they them he she his her all
love loved liked enjoy enjoyed favorite favourite oh ohh wow lol haha agree absolutely course honestly
much check out awhile while resend tell did seen saw honest tbh pick picks choose watched similar same storyline plot
ready already random everything
reccomend recomend reccommend reccomendation recomendation reccommendation reccomendations recomendations
than usually mostly only thing things stuff next finished prefer home theater theaters theatre theatres cinema
cinemas stream streaming finish finishing seeing
weekend weekends tv though although your yours yourself going morning evening afternoon day up time times
didnt doesnt isnt wasnt arent werent wont cant couldnt wouldnt shouldnt not theyre hes shes whos surprise
best greatest top popular famous acclaimed highest rated known ever made meh hmm hmmm nah side many ill then
starring featuring
pls plz thx somthing smth
""".split())
# Words of quality alone: "the best movies of the 90s", "top rated comedies" ask for well-loved films of a kind and
# are never searched by meaning (they found Top Five and Best in Show); the films people love come first anyway.
_QUALITY = frozenset({"best", "better", "greatest", "top", "popular", "famous", "acclaimed", "highest", "rated"})
_BEST_OF = re.compile(r"\b(?:best|greatest|top(?:[\s-]+rated)?|highest[\s-]+rated|most\s+popular)\s+(?:[\w-]+\s+)?"
                      r"(?:movies|films|flicks|ones|picks)\b", re.IGNORECASE)
# Right before a title, the form of it talked about: "the live action aladdin".
_LIVE_ACTION = re.compile(r"\blive[\s-]+action\s+$", re.IGNORECASE)
# The films a negation speaks of before what it rules out: "not the ones with aliens", "no movies about war".
_WHICH_FILMS = frozenset({"ones", "one", "movies", "movie", "films", "film", "stuff", "those", "these"})
# Where a film is set, between a negation and the place ruled out: "a sci-fi movie that isn't set in space" ruled out
# "set" and searched "in space" (Star Wars and Aliens came, "as you asked: space").
_SETTING = frozenset({"set", "in", "on", "during", "takes", "take", "taking", "place"})
# Words between a negation and what it rules out: "nothing too scary", "not so much horror".
_NEGATION_GAP = frozenset({"too", "so", "very", "overly", "really", "much", "a", "an", "the", "any", "that", "more",
                           "into", "big", "huge", "fan", "of", "keen", "on", "with", "about", "involving", "from", "by",
                           "trop", "tres", "muy", "demasiado", "zu", "sehr", "troppo"})
# All that may stand between a negation and what it rules out ("not the ones set in space").
_PAST_NEGATION = _NEGATION_GAP | _WHICH_FILMS | _SETTING


# A category word typed one letter off is read from this length on ("comdedy"); a word with an ending of its own
# is a word ("thrilled").
MIN_TYPO_LENGTH = 6
_OWN_ENDINGS = ("ed", "ing", "ly")


class CategoryVocabulary:
    """The catalog's categories and the words that name each of them."""

    def __init__(self, categories: Iterable[str]) -> None:
        self.names: dict[str, str] = {}
        phrases: dict[str, str] = {}
        for category in categories:
            key = normalise(category)
            if not key:
                continue
            self.names[key] = category
            phrases[key] = category
            phrases.setdefault(key + "s", category)
            for synonym in CATEGORY_SYNONYMS.get(category.lower(), ()):
                phrases.setdefault(normalise(synonym), category)
        # A word of two kinds names the first, and `find` gives both: "romcom" is Romance and Comedy.
        self.compound: dict[str, list[str]] = {}
        for phrase, kinds in COMPOUND_KINDS.items():
            named = [self.names[normalise(kind)] for kind in kinds if normalise(kind) in self.names]
            if named:
                phrases.setdefault(normalise(phrase), named[0])
                self.compound[normalise(phrase)] = named
        # Longest phrases first, so "science fiction" wins over a shorter overlap.
        self.phrases = sorted(phrases.items(), key=lambda pair: -len(pair[0]))
        self.words = frozenset(phrase for phrase, _ in self.phrases if " " not in phrase)
        self.phrase_words = frozenset(word for phrase, _ in self.phrases for word in phrase.split())
        # Words too short for a typo read any way, typed with a doubled letter single: "horor movies" (it showed
        # Monsters, Inc.), "somthing funy".
        self.undoubled = {word[:at] + word[at + 1:]: word for word in self.words
                          for at in range(1, len(word)) if word[at] == word[at - 1] and word[at].isalpha()
                          and len(word) <= MIN_TYPO_LENGTH}

    def resolve(self, name: str) -> str | None:
        """The catalog category a word names ("scifi" -> "Sci-Fi"), or None."""
        return dict(self.phrases).get(normalise(name))

    def find(self, text: str) -> list[tuple[str, int, str]]:
        """(category, word position, the words that named it) for each category named in normalised text, a
        category word typed one letter off included ("comdedy")."""
        padded = f" {' '.join(self.spelled(word) for word in text.split())} "
        found: list[tuple[str, int, str]] = []
        taken: list[tuple[int, int]] = []
        for phrase, category in self.phrases:
            for match in re.finditer(rf"(?<= ){re.escape(phrase)}(?= )", padded):
                span = (match.start(), match.end())
                if any(start < span[1] and span[0] < end for start, end in taken):
                    continue
                taken.append(span)
                position = padded[:match.start()].count(" ") - 1
                found += [(kind, position, phrase) for kind in self.compound.get(phrase, [category])]
        return sorted(found, key=lambda pair: pair[1])

    def spelled(self, word: str) -> str:
        """The category word `word` is a typo of (one letter added, dropped or changed), or `word` itself. Short
        words and words with an ending of their own are left as typed: "drams" may be "dreams", "thrilled" is no
        "thriller"."""
        if word in self.words or word in FILLER:
            return word
        if word in self.undoubled:
            return self.undoubled[word]
        if len(word) < MIN_TYPO_LENGTH or word.endswith(_OWN_ENDINGS):
            return word
        return next((phrase for phrase in self.words
                     if len(phrase) >= MIN_TYPO_LENGTH and Levenshtein.distance(word, phrase, score_cutoff=1) <= 1),
                    word)


def category_vocabulary(recommender: Recommender) -> CategoryVocabulary:
    """The catalog's categories and their words, a catalog view rebuilt only when items change."""
    return recommender.catalog.view("category_vocabulary", lambda catalog: CategoryVocabulary(catalog.categories()))


@dataclass(frozen=True)
class Understanding:
    """What one message asks for, read by catalog matching: the guided mode turns this into tool calls."""

    # recommend | more_like | details | search | profile | feedback | choose | which | ratings (of the items shown) |
    # again | chat | unclear (asked of a film, none known)
    intent: str
    titles: tuple[TitleMention, ...] = ()
    likes: tuple[str, ...] = ()
    # Of the likes, those of whom a film is for ("my kids love Harry Potter"): what to go on, no taste of the user's.
    theirs: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    exclude_together: tuple[tuple[str, ...], ...] = ()  # "no romcoms": no film of all these kinds at once
    usual: tuple[str, ...] = ()  # "I usually like comedies but tonight...": kinds set aside this time, not ruled out
    year_from: int | None = None
    year_to: int | None = None
    years_out: tuple[int, int] | None = None  # "nothing from the 80s": a decade ruled out, first and last year
    query: str | None = None  # the request in the user's words, for a search by meaning
    unknown_title: str | None = None
    namesake: str | None = None  # the catalog title an unknown one goes on from: "Frozen" of "Frozen 2"
    subject: str | None = None  # the item a details or more-like request is about
    direction: str | None = None  # "like X but lighter": what should differ from the subject
    # "a heist movie like Ocean's Eleven but more serious": what the items should be about beside the direction
    alike_theme: str | None = None
    language: str | None = None  # the message's language when it is clearly not English
    unmentioned: tuple[str, ...] = ()  # names no text of the catalog has ("Tom Cruise" without cast lists)
    avoided: tuple[str, ...] = ()  # themes ruled out in words the catalog's tags hold ("not a prison movie")
    violence_down: bool = False  # "not too violent", "nothing too gory": turned down, not ruled out
    count: int | None = None  # how many items were asked for ("give me 3 comedies")
    # So many of each kind ("2 horror movies and 2 comedies"): the kind as said, its categories (all at once), how many.
    counted_kinds: tuple[tuple[str, tuple[str, ...], int], ...] = ()
    max_minutes: int | None = None  # how long the films may run: "something short", "under 90 minutes"
    new_theme: bool = False  # "something different": not the conversation's theme, nor what it was like
    rated: str | None = None  # "best": the best rated ("the best movies of the 90s"); "underrated": "a hidden gem"
    seen_themes: tuple[str, ...] = ()  # a body of work seen whole, in words the tags hold ("all the Marvel movies")
    asks_alike: bool = False  # "anything like Stranger Things": items like the title, not the title itself
    references: tuple[str, ...] = ()  # items of the last reply the message points at ("the second one")
    choice: str | None = None  # "which of these is the funniest?": the quality to choose one shown item by
    among: tuple[str, ...] = ()  # the films a choice is among where the message names them, else those shown
    asked_of: tuple[str, ...] = ()  # "is it good for kids?" of an item: the categories asked whether it has
    felt: str | None = None  # "is it sad?" of an item: a word the tags describe films with, which no category says
    audience: tuple[str, ...] = ()  # who will watch ("a comedy for my kids": Children); every item must have it
    maker: str | None = None  # "anything else from the same director?": the maker asked after ("director")
    foreign: bool = False  # "any good foreign films?": films in another language than English
    english: bool = False  # "no subtitles", "she hates subtitles": no films in another language, for the session
    series: bool = False  # "a good trilogy to binge": the first films of series, none named
    sequels: bool = False  # "a sequel that's better than the original": sequels rated above their series' first
    service: str | None = None  # "what's on Netflix?": where to watch, which no catalog field says
    awards: bool = False  # "what movies won best picture?": awards, which no catalog field says; the best rated
    in_colour: bool = False  # "something in color": read as years (`COLOUR_YEAR`), which the reply says
    # "the one from 1994" where no item shown, or more than one, is of 1994: the year, and those of it
    year_of_shown: int | None = None
    shown_of_year: tuple[str, ...] = ()
    asks_why: bool = False  # "why?" after a list: the list again, for its reasons
    this_year: bool = False  # "a movie that came out this year": the catalog's newest, which may be years back
    asks_favorite: bool = False  # "what's your favorite movie?": the catalog's best rated, the recommender having none
    # Every item must have each of the categories: "an animated sci-fi movie", "something we can both enjoy".
    all_categories: bool = False
    # Kinds asked for turned down in degree ("a horror movie that's not too scary", "something less scary"), and
    # answered with a lighter kind beside them (horror comedies).
    softened: tuple[str, ...] = ()
    # Less fright asked for with no kind said ("anything less scary?"): a milder horror film after horror films, but
    # after others those films without it.
    fright_lessened: bool = False

    @property
    def says_what(self) -> bool:
        """Whether the message says what it asks for: words to search, kinds, who watches or years."""
        return bool(self.query or self.categories or self.audience or self.year_from or self.year_to)

    @property
    def kinds_wanted(self) -> list[str]:
        """The categories a question asked of an item wants ("is it good for kids?": Children), not those it fears
        ("too scary?"): a few like the item of these kinds answer it."""
        return [category for category in self.asked_of if category in (*self.categories, *self.audience)]


# "Which of these is the funniest?", "which one would be best for kids?", "which would you pick?": one of the
# items shown, chosen for the quality that follows.
# "What would you pick?", "what's your favorite?" after a list ask the same (it showed five more of the theme).
_CHOICE = re.compile(r"(?:\bwhich\s+(?:(?:one|movie|film)s?\s+)?(?:of\s+(?:these|those|them|the\s+\w+)\s+)?"
                     r"(?:(?:do\s+you\s+think\s+)?(?:is|would\s+be|will\s+be|'s)|would\s+you\s+"
                     r"(?:pick|choose|recommend|suggest|go\s+with|watch)|should\s+i\s+(?:watch|see|pick|choose|"
                     r"start\s+with)(?:\s+first)?)|\bwhat\s+would\s+you\s+(?:pick|choose|go\s+with|watch)|"
                     r"\bwhat(?:'?s|\s+is)\s+your\s+(?:pick|favou?rite|choice)(?:\s+of\s+(?:these|those|them))?)"
                     r"\b\s*(?P<quality>[^?.!]*)", re.IGNORECASE)


# Two films set against each other: "which is better, Memento or Inception?", "is it better than Inception?".
_WHICH_OF_NAMED = re.compile(r"(?:\bwhich\s+(?:(?:one|movie|film)\s+)?"
                             r"(?:(?:do\s+you\s+think\s+)?(?:is|was|would\s+be|'s)|"
                             r"would\s+you\s+(?:pick|choose|recommend|watch)|should\s+i\s+(?:watch|see|pick))|"
                             # "what's better, The Matrix or Inception?" (it gave the details of the first)
                             r"\bwhat(?:'?s|\s+is)(?=\s+(?:better|funnier|scarier|darker|sadder|lighter)\b))\s*"
                             r"(?P<quality>[^?.!,]*)|\b(?:is|was)\s+(?P<it>it|that|this|\w+(?:\s+\w+){0,4}?)\s+"
                             r"(?P<than>(?:any\s+)?(?:better|worse|funnier|scarier|darker|sadder|lighter)\s+than)\b",
                             re.IGNORECASE)


def _among_named(message: str, named: Sequence[str], spoken_of: str | None) -> tuple[tuple[str, ...], str | None]:
    """The films a message sets against each other (`named`, and the one `spoken_of` before where "it" stands for
    it: "is it better than Inception?" after Memento's details), and the quality to choose by ("better": the better
    rated); nothing when it asks no such thing of two films."""
    match = _WHICH_OF_NAMED.search(message)
    if match and spoken_of and len(named) == 1 and (match.group("it") or "").lower() in ("it", "that", "this"):
        named = [spoken_of, *named]
    among = tuple(dict.fromkeys(named))
    if match is None or len(among) < 2:
        return (), None
    quality = match.group("quality") if match.group("than") is None else match.group("than").split()[-2]
    return among, (quality or "").strip(" ,") or "best"


# "do they have a lot of action?", "are any of them funny?": whether the items shown are of a kind.
_ASKED_OF_THEM = re.compile(r"(?:^|[.,;!?]\s*|\b(?:and|but|so)\s+)(?:do|are|would|will|were|is)\s+"
                            r"(?:they|those|these|any\s+of\s+(?:them|those|these)|either\s+of\s+them)\b|"
                            # "any of those funny?" (it showed comedies of any kind); not "any of those with cars?"
                            r"^\s*(?:(?:so|and|hmm|ok|okay)[\s,]+)?any\s+(?:one\s+)?of\s+(?:them|those|these)\s+"
                            r"(?!with\b|that\b|which\b|where\b|about\b|for\b)[^?]*\?", re.IGNORECASE)


# "how are they rated?", "what are their ratings?", "what's it rated?" after a list: how people rated the items shown.
_RATINGS_OF_SHOWN = re.compile(
    r"\bhow\s+(?:well\s+)?(?:are|were|is|was)\s+(?P<they>they|those|these|them|it)\s+(?:rated|reviewed)|"
    r"\bhow\s+(?:well\s+)?(?:rated|reviewed)\s+(?:are|were|is|was)\s+(?P<those>they|those|these|it)\b|"
    r"\bwhat\s+(?:are|were)\s+(?:they|those|these)\s+rated|\bwhat(?:'?s|\s+is|\s+was)\s+(?P<it>it)\s+rated|"
    r"\b(?:their|the)\s+ratings?(?:\s+(?:of|for)\s+(?:them|those|these))?\s*\??\s*$|"
    r"\bratings?\s+(?:of|for)\s+(?:them|those|these)\b|"
    r"\b(?:are|were)\s+(?:any\s+of\s+)?(?:they|them|those|these)\s+(?:well|highly|any\s+good|good)(?:[\s-]+rated)?\b|"
    r"\b(?:is|are)\s+(?:any\s+of\s+)?(?P<age>it|they|them|those|these)\s+rated\s+(?:g|pg|r|nc)\b",
    re.IGNORECASE)


def _asks_ratings_of_shown(message: str, focused: bool) -> bool:
    """Whether the message asks how the items shown were rated; "what's it rated?" after one film's details asks
    of that film (its details), after a list of all of them (it showed five more of the theme)."""
    match = _RATINGS_OF_SHOWN.search(message)
    if match is None:
        return False
    return not (focused and next((said for said in match.groups() if said), "").lower() == "it")


def _choice(message: str, shown: Sequence[str]) -> str | None:
    """The quality a message asks to choose one of the items shown by ("the funniest"), "best" when it asks
    only which to pick; None when it asks no such thing, or nothing was shown."""
    match = _CHOICE.search(message) if shown else None
    if match is None:
        return None
    return match.group("quality").strip(" ,") or "best"


# "the second one, is it good for kids?", "is that one scary?", "is Heat a comedy?": whether an item has a quality.
_YES_NO = re.compile(r"(?:^|[.,;!?]\s*|\b(?:and|but|so|also)\s+)(?:is|was|would|does|will)\s+"
                     r"(?:it|that|this|(?:that|this|the\s+\w+)\s+(?:one|movie|film))\b", re.IGNORECASE)
_YES_NO_TITLE = re.compile(r"(?:^|[.,;!?]\s*)(?:(?:so|and|but|ok|okay)\s+)?(?:is|was)\s+$", re.IGNORECASE)


def _asks_whether(message: str, mentions: Sequence[TitleMention], references: Sequence[tuple[str, int, int]]) -> bool:
    """Whether the message asks if an item it points at is of some kind: "is it good for kids?"."""
    if references and _YES_NO.search(message):
        return True
    # "is Heat funny?", and "Heat, is it funny?" of the title said just before (it showed comedies).
    return any(_YES_NO_TITLE.search(message[:mention.start]) or _YES_NO.match(message, mention.end)
               for mention in mentions)


def _has(text: str, cues: Sequence[str]) -> bool:
    padded = f" {text} "
    return any(f" {cue} " in padded for cue in cues)


# "I don't mind if it's older", "fine with recent films too": allowed, not asked for.
_ALLOWED = re.compile(r"\b(?:(?:don'?t|do not|doesn'?t|does not|wouldn'?t|would not)\s+(?:mind|care)|"
                      r"(?:ok|okay|fine|happy)\s+(?:with|if)|even if|no matter)\b[^.;!?]{0,25}$", re.IGNORECASE)


def _asked(message: str, match: re.Match[str] | None) -> bool:
    """Whether a year word found is asked for, not just allowed."""
    return match is not None and not _ALLOWED.search(message[:match.start()])


# "released in the last two years", "from the past few years": counted back from the catalog's newest year.
_LAST_YEARS = re.compile(r"\b(?:in|from|of|over|within|during)\s+the\s+(?:last|past)\s+(?P<count>\d{1,2}|one|two|"
                         r"three|four|five|six|seven|eight|nine|ten|few|couple(?:\s+of)?)\s+years?\b", re.IGNORECASE)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "few": 3}
OLDER_THAN = 1979  # "older", "classics", "old movies": up to 1979
RECENT_YEARS = 8  # "recent" in a catalog whose newest film is from 2018: 2010 on (and 2010 on without years)
# "Got anything current?", "the latest releases": the catalog's last years, not the last eight ("recent" showed Star
# Wars: The Force Awakens and How to Train Your Dragon, of 2015 and 2010). So is what is popular now ("what's popular
# right now?", "anything trending?" showed the best known films of the 90s).
# "a movie that came out this year" searched its words (The Mummy): the catalog's newest, which may be years before
# now (the reply says how new they are).
_THIS_YEAR_SAID = (r"(?:from|of|in)\s+this\s+year|this\s+year'?s|(?:came|come|released|out)\s+(?:out\s+)?"
                   r"(?:this|last)\s+year|(?:from|of|in)\s+last\s+year")
_THIS_YEAR = re.compile(rf"\b(?:{_THIS_YEAR_SAID})\b", re.IGNORECASE)
_LATEST = re.compile(r"(?<!\bmy )(?<!\bour )\b(?:latest|newest|current|brand[\s-]new|new\s+releases?|"
                     r"just\s+(?:came|come)\s+out|trending|popular\s+(?:right\s+now|now|these\s+days|lately)|"
                     rf"{_THIS_YEAR_SAID})\b", re.IGNORECASE)
LATEST_YEARS = 2
# "anything from this century?", "made in the 21st century"; a film "set in the 20th century" asks for no years.
_CENTURY = re.compile(r"\b(?:(?:from|in|of|during)\s+)?(?:the\s+)?(?P<which>this|21st|twenty[\s-]first|last|"
                      r"previous|20th|twentieth)\s+century\b", re.IGNORECASE)
_SET_IN = re.compile(r"\bset\s*$", re.IGNORECASE)
# Said of the films just shown: "these are too old" asks for newer ones, "too new for me" for older ones. "I'm too
# old for cartoons" speaks of the user.
_TOO_OLD = re.compile(r"\btoo\s+(?:old|dated|old[\s-]fashioned)\b(?!\s+for\b(?!\s+(?:me|us|my\s+taste)\b))",
                      re.IGNORECASE)  # "that's too old for me" speaks of the film
# An era disliked as a taste: "I don't like old ones" after musicals, "I hate old movies", "not a fan of new stuff".
_DISLIKE_ERA = (r"\b(?:(?:(?:do|does|did)\s*n[o'\u2019]?t|never)\s+(?:really\s+|much\s+|usually\s+)?(?:like|love|enjoy|"
                r"want|watch|care\s+for|do)|hate|dislike|can'?t\s+stand|not\s+(?:really\s+)?(?:into|"
                r"a\s+(?:big\s+)?fan\s+of|big\s+on|keen\s+on))\s+(?:any\s+|the\s+|really\s+|very\s+|too\s+)?")
_ERA_NOUN = r"\s+(?:ones|movies|films|stuff|flicks)\b"
_TOO_NEW = re.compile(rf"\btoo\s+(?:new|recent|modern)\b|{_DISLIKE_ERA}(?:new(?:er)?|recent|modern){_ERA_NOUN}",
                      re.IGNORECASE)
# "a musical, but not an old one": from after the years "old" asks for (it asked for them: The Sound of Music).
_NOT_OLD = re.compile(r"\bnot\s+(?:an?\s+old\s+(?:one|movie|film)|(?:too|that|so|as)\s+old|"
                      r"old\s+(?:ones|movies|films))\b|"
                      r"\bnothing\s+(?:too\s+|that\s+)?old\b|"
                      rf"{_DISLIKE_ERA}(?:old(?:er)?{_ERA_NOUN}|classics\b|oldies\b)",
                      re.IGNORECASE)


def era_of_shown(message: str) -> str | None:
    """The way in time from the films shown that a message asks, where it says how old they are: "these are too old",
    "not that old please" after films like A Simple Plan want newer ones ("newer"; read as no years at all, it showed
    Midnight Run and The Presidio, of 1988, older than the film), "too new for me" older ones."""
    if _TOO_NEW.search(message):
        return "older"
    return "newer" if _TOO_OLD.search(message) or _NOT_OLD.search(message) else None


def _century(message: str) -> re.Match[str] | None:
    """The century the films asked for were made in, not one they are set in."""
    return next((match for match in _CENTURY.finditer(message) if not _SET_IN.search(message[:match.start()])),
                None)


def _years(message: str, newest: int | None = None, untitled: str | None = None) -> tuple[int | None, int | None]:
    """The years asked for; `untitled` is the message without the titles it names, where a year said alone is
    read ("what did you think of 2012?" names a film)."""
    if (match := _YEAR_RANGE.search(message if untitled is None else untitled)) and match.group(1) <= match.group(2):
        return int(match.group(1)), int(match.group(2))
    if match := _ON_FROM.search(message):  # "from 2015 on"
        return int(match.group(1)), None
    if match := _AFTER.search(message):  # "after 2010" starts in 2011, "since 2010" in 2010
        year = int(match.group(2))
        if _RULED_OUT_YEARS.search(message[:match.start()]):  # "nothing after 2010": up to 2010
            return None, year
        return year + (match.group(1).lower() != "since"), None
    if match := _BEFORE.search(message):
        year = int(match.group(1))
        if _RULED_OUT_YEARS.search(message[:match.start()]):  # "nothing from before 2000": from 2000 on
            return year, None
        return None, year - 1
    if decade := _decade_said(message, ruled_out=False):
        return decade
    if match := _ONE_YEAR.search(message if untitled is None else untitled):
        year = int(match.group(1) or match.group(2))
        return year, year
    if match := _century(message):
        which = match.group("which").lower()
        return (2000, None) if which in ("this", "21st") or "first" in which else (None, 1999)
    last = _LAST_YEARS.search(message)
    if newest is not None and last is not None and _asked(message, last):
        count = last.group("count").lower()
        return newest - (int(count) if count.isdigit() else _COUNTS.get(count, 2)), None
    if _TOO_NEW.search(message):
        return None, OLDER_THAN
    if _NOT_OLD.search(message):
        return OLDER_THAN + 1, None
    if _asked(message, _LATEST.search(message)):
        return (newest or 2018) - LATEST_YEARS, None
    if _TOO_OLD.search(message) or _asked(message, _RECENT.search(message)):
        return (newest or 2018) - RECENT_YEARS, None  # without years in the catalog the filter is moot
    if _asked(message, _OLD.search(message)):
        return None, OLDER_THAN
    return None, None


def _decade_said(message: str, ruled_out: bool) -> tuple[int, int] | None:
    """The first and last year of the first decade the message names (never an age: "in their 70s") that it asks for,
    or with `ruled_out` that it rules out; None where it names none so."""
    match = next((found for found in _DECADE.finditer(message) if not _AGED.search(message[:found.start()])
                  and bool(_RULED_OUT_YEARS.search(message[:found.start()])) == ruled_out), None)
    if match is None:
        return None
    century = match.group(1) or ("20" if match.group(2) in ("00", "10", "20") else "19")
    start = int(century + match.group(2))
    return start, start + 9


def decade_ruled_out(message: str) -> tuple[int, int] | None:
    """The decade a message rules out, first and last year: "nothing from the 80s", "not from the 90s please" (read
    as the decade itself, it showed films of those years)."""
    return _decade_said(message, ruled_out=True)


# "another movie from that time period", "something from the same era": the years around the film spoken of.
_SAME_ERA = re.compile(r"\b(?:from|of|in|around)\s+(?:that|the\s+same)\s+(?:time(?:\s+period)?|period|era|"
                       r"years?|decade)\b|\baround\s+(?:that|the\s+same)\s+time\b", re.IGNORECASE)
SAME_ERA_YEARS = 5  # either side of the film's year: "that time period" of a 2000 film is 1995 to 2005


def _era_of(items: Sequence[str], titles: CatalogTitles, spread: int = SAME_ERA_YEARS) -> tuple[int | None, int | None]:
    """The years around the first of `items` (the films spoken of, first) that has a year, `spread` either side;
    none without one."""
    year = next((titles.years.get(item_id) for item_id in items if titles.years.get(item_id)), None)
    return (year - spread, year + spread) if year else (None, None)


# "Have you seen Heat?", "do you like Alien?": asked of the other, it tells nothing of the user.
_ASKED_OF_YOU = re.compile(r"^\s*(?:have|did|do|does|would|will|could|are|were)\s+you\b")
# "What movie did you see last?", "what's the last movie you've seen?": asked of the recommender, no request of the
# user's ("the last movie you've seen" found I Know What You Did Last Summer).
_OF_YOU = re.compile(r"\b(?:movie|film|one)\s+(?:did|have)\s+you\s+(?:\w+\s+)?(?:see|seen|watch|watched)\s+(?:\w+\s+)?"
                     r"last\b|\blast\s+(?:movie|film|one)\s+(?:that\s+)?you(?:'?ve|\s+have)?\s+(?:seen|saw|watched)\b",
                     re.IGNORECASE)
# "What's your favorite movie?", "your favourite comedy?" with no list to choose from: the recommender has no taste of
# its own, and answers with the film people rate highest (it asked what the user was in the mood for).
# Asked for several ("your top 3 all time favorites", "your favorite movies"), several: "favorites" was searched, and
# "all time" found time travel films.
_YOUR_FAVORITE = re.compile(r"\byour\s+(?:own\s+|personal\s+)?(?:top\s+(?:\d+|three|five|ten|few)\s+)?"
                            r"(?:all[\s-]+time\s+)?(?:favou?rite|fave|pick)(?P<several>s)?\b"
                            r"(?:\s+(?:movie|film)(?P<films>s)?)?(?:\s+(?:of\s+all\s+time|ever))?", re.IGNORECASE)
# "i am good how are u?", "Going good buddy. What about you?": small talk, which asks for nothing where nothing else
# in the message does ("hi, how are you, can you recommend me a movie?" does).
_SMALL_TALK = re.compile(r"\bhow\s+(?:are|r)\s+(?:you|u|ya)\b|"
                         r"\b(?:what|how)\s+about\s+(?:you|yourself)\s*[?!.]*\s*$", re.IGNORECASE)


# "the second one is too cheesy", "that one sounds way too slow": said of an item, not wanted; "is it too
# scary?" asks.
# Said of the items shown, that they are too much of something: "that's too sad", "those are way too violent".
_COMPLAINT = re.compile(r"(?<!\bnot )(?<!\bnothing )\btoo\s+(\w+)", re.IGNORECASE)
# Asked of what comes next, after a list: "not too dark please", "nothing too sad" (it read a theme ruled out, or
# nothing, and went on as before).
_NOT_TOO = re.compile(r"\b(?:not|nothing|none)\s+(?:too|so|that|overly)\s+(\w+)", re.IGNORECASE)
_TOO_MUCH = re.compile(r"\b(?:is|was|looks|looked|sounds|seems|feels|s)\s+(?:way\s+|a\s+bit\s+|a\s+little\s+|"
                       r"kind\s+of\s+|far\s+|just\s+)?too\s+(\w+)")
# Said of what was shown, a quality it lacked: "it wasn't scary enough", "those weren't that funny" want more of it
# (read as ruled out, they showed no horror, no comedy).
_FELL_SHORT = re.compile(r"\b(?:was|were)(?:n'?t|\s+not)\s+(?:(?:that|very|so|really|particularly|all\s+that)\s+)?"
                         r"(?P<lacked>[a-z]+)\b|(?:\bnot|n't)\s+(?P<short>[a-z]+)\s+enough\b", re.IGNORECASE)


def _fell_short(message: str) -> tuple[re.Match[str], str] | None:
    """A quality the items shown lacked, and the direction that asks for more of it: "scarier" for "it wasn't scary
    enough"; None where no direction says more of it."""
    for match in _FELL_SHORT.finditer(message):
        quality = (match.group("lacked") or match.group("short")).lower()
        stem = quality[:-1] + "i" if quality.endswith("y") else quality
        for more in (f"more {quality}", f"{stem}er", f"{quality}{quality[-1]}er"):
            if more in DIRECTION_MEANINGS:
                return match, more
    return None


# "I haven't seen it", "never watched that one": not seen (a clause already normalised: "havent").
_NOT_SEEN = re.compile(r"\b(?:havent|have\s+not|hasnt|has\s+not|never|didnt|did\s+not|not)\s+"
                       r"(?:(?:yet|even|ever|really|actually)\s+)?(?:seen|watched|saw|see|watch)\b")


_SOUNDS_GOOD = re.compile(r"\b(?:sounds?|looks?)\s+(?:really\s+|so\s+|very\s+)?(?:good|great|perfect|fun|interesting|"
                          r"awesome|amazing|nice|cool)\b")


# "I would love to watch that movie some day", "I'd like to see it": a wish to watch, not a film liked (normalised).
_WISH_TO_WATCH = re.compile(r"\b(?:would|id|wed)\s+(?:really\s+|definitely\s+)?(?:love|like)\s+to\s+(?:watch|see)\b")


# "If I enjoy that movie, are there any others?": a feeling to come, not one had (normalised); "what should I watch
# if I liked The Godfather and Goodfellas?" says one had (it searched the whole message and showed both films).
_IF_FELT = re.compile(r"\bif\s+(?:i|we)\s+(?:\w+\s+)?(?:enjoy|like|love)\b")


# "is Superbad great?", "was it any good?": asked, not said ("is Superbad great?" noted a like of it).
_ASKED_WHETHER = re.compile(r"^\s*(?:(?:so|and|but|ok|okay|hmm)\s+)?(?:is|was|are|were|would|will|does|do|did|could)\s+"
                            r"(?!(?:i|we)\b)")


def _sentiment(clause: str) -> str | None:
    if _ASKED_OF_YOU.match(clause):
        return None
    clause = _LIKENESS.sub(" ", clause)  # "seems like a Stan Lee story" likes nothing
    clause = _SOUNDS_GOOD.sub(" ", clause)  # "the second one sounds great, thanks!" takes it, has not seen it
    clause = _WISH_TO_WATCH.sub(" ", clause)
    clause = _IF_FELT.sub(" ", clause)
    if _has(clause, DISLIKE_CUES) or _TOO_MUCH.search(clause):
        return "dislike"
    if _has(clause, SEEN_CUES) and not _has(clause, LIKE_CUES) and not _NOT_SEEN.search(clause):
        return "seen"
    if _has(clause, LIKE_CUES) and not _has(clause, MORE_LIKE_CUES):
        return "like"
    if _has(clause, STRONG_LIKE_CUES):  # "I really liked Toy Story, more like it please"
        return "like"
    return None


def _clause_of(message: str, title: str) -> tuple[int, int]:
    """The span of the clause of the message that names `title`: "I loved Knives Out" of "I loved Knives Out, any
    mysteries?"."""
    start = message.find(title)
    before = max(message.rfind(mark, 0, start) for mark in ".,;!?\n") + 1
    after = [found for mark in ".,;!?\n" if (found := message.find(mark, start + len(title))) >= 0]
    return before, min(after, default=len(message))


def _said_of(message: str, title: str) -> bool:
    """Whether the sentence that names `title` says how the user feels about it or that they saw it."""
    start = message.find(title)
    sentence = re.split(r"[.;!?\n]", message[:start])[-1] + re.split(r"[.;!?\n]", message[start:])[0]
    return _sentiment(normalise(sentence)) is not None


# "I like stoner comedies like Dazed and Confused": the title is an example of the kind of film liked.
_EXAMPLE = re.compile(r"[\s,]*\b(?:like|such\s+as|including|especially)(?:\s+it)?\s*$", re.IGNORECASE)


def _feedback_span(message: str, start: int, end: int, named: Sequence[tuple[str, int, int]]) -> tuple[int, int]:
    """What of the clause `start:end` is said of the items named in it, and so no part of the request: all of it
    ("I loved Alien"), or from the "like" before a title given as an example of a kind of film, so that the kind
    is still asked for ("I like stoner comedies like Dazed and Confused")."""
    first = min(item_start for _, item_start, _ in named if start <= item_start < end)
    example = _EXAMPLE.search(message[start:first])
    if example and content_words(message[start:start + example.start()]):
        return start + example.start(), end
    return start, end


def _split_felt(text: str) -> str:
    """`text` (clauses already ended by dots) with a comma before a new "I" or a request said afresh made a dot
    where the clause up to it has a feeling of its own (`_NEW_SUBJECT`); same length, so offsets hold."""
    for match in _NEW_SUBJECT.finditer(text):  # the replacements keep every offset
        start = text.rfind(".", 0, match.start()) + 1
        if _sentiment(normalise(text[start:match.start()])) is not None:
            text = text[:match.start()] + "." + text[match.start() + 1:]
    return text


# What continues a title past the part the catalog knows: a subtitle after a colon ("Jumanji: The Next Level",
# "Jumanji:next level"), a sequel's number ("Frozen 2", "Toy Story 7 Returns"), or two capitalised words or more
# ("Avengers End Game"); a year is no part of it, "And" or "Is" neither.
_SUBTITLE = re.compile(r":(?:(?=\w)|\s+(?=[A-Z0-9]))[\w'][\w' -]{0,60}?(?=\s*(?:[.,;!?(]|$))")  # not "Heat: it was"
_SEQUEL = re.compile(r"(?:\s+(?:[A-Z][\w']*|\d{1,2}\b|[IVX]+\b))*\s+(?:\d{1,2}|[IVX]+)\b(?:\s+[A-Z][\w']*)*")
# A message that is only a capitalised name of two words or more: "Knives Out.", "Stranger Things".
_NAME_ALONE = re.compile(r"\s*((?:[A-Z0-9][\w':-]*\s+){1,7}[A-Z0-9][\w':-]*)\s*[.!?]*\s*")
_MORE_WORDS = re.compile(r"(?:\s+(?!(?:And|Or|But|Is|Was|So|Too|As|Also|Then)\b)[A-Z][\w']*){2,}")


def _longer_titles(message: str, mentions: Sequence[TitleMention]) -> list[tuple[int, int]]:
    """Spans of titles the user named that go on past a catalog title: the catalog lacks the film named
    ("Avengers End Game" is not "The Avengers"; "Frozen 2" is not "Frozen"; "Parasite (2019)" is not the
    catalog's Parasite of 1982)."""
    spans = []
    # A message that is only a capitalised name, of which one catalog title is a part: "Stranger Things" is not The
    # Stranger (1946), whose details it showed.
    alone = _NAME_ALONE.fullmatch(message)
    if alone and len(mentions) == 1 and len(mentions[0].text.strip()) < len(alone.group(1)):
        return [alone.span(1)]
    for mention in mentions:
        rest = message[mention.end:]
        year = re.match(r"\s*\(?(\d{4})\)?", rest)
        if year:
            own = title_year(mention.title)  # the catalog item's year, which lookup preferred
            if own and own != year.group(1):
                spans.append((mention.start, mention.end + year.end()))
            continue
        tails = [match.end() for match in (_SUBTITLE.match(rest), _SEQUEL.match(rest), _MORE_WORDS.match(rest))
                 if match]
        if tails:
            spans.append((mention.start, mention.end + max(tails)))
    return spans


# A name as titles are written: capitalised words, with the small words titles keep in lower case between them
# ("How to Lose a Guy in 10 Days"); "and" ends it ("Harrison Ford and Tom Hanks" are two names), except between two
# words alone ("Parks and Rec", "Pride and Prejudice").
_CAPITALISED_NAME = (r"(?:[A-Z][\w'-]*\s+and\s+[A-Z][\w'-]*(?!\s+[A-Z])|"
                     r"[A-Z0-9][\w':-]*(?:\s+(?:(?:a|an|the|of|to|in|on|for|with|at|by|from)\s+)*"
                     r"[A-Z0-9][\w':-]*){0,7})")
_NAMED_THEN_FELT = re.compile(r"\s*((?:[A-Z0-9][\w':-]*\s?){1,8}),?\s+(?i:(?:which|that)\s+(?:i|we)\s+(?:\w+\s+)?"
                              r"(?:enjoyed|liked|loved|watched|saw|hated|disliked))\b")


_POSSESSIVE = re.compile(r"['’]s$")  # "Wes Anderson's": the name


def _unknown_title(message: str, mentions: Sequence[TitleMention], longer: Sequence[tuple[int, int]]) -> str | None:
    """A title the user asked for that the catalog does not have: one that goes on past a catalog title,
    quoted, or capitalised after "have"/"about"."""
    if longer:
        start, end = longer[0]
        return message[start:end].strip(" ?!.,")
    known = [(m.start, m.end) for m in mentions]
    # A quoted lower-case word is said with scare quotes ("stupid" comedy), not a title.
    candidates = [(m.start(1), m.group(1)) for m in re.finditer(r"[\"“«]([^\"”»]{2,80})[\"”»]", message)
                  if not re.fullmatch(r"[a-z][\w'-]*", m.group(1))]
    pattern = (r"\b(?:have|got|about|find|watch|watched|saw|seen|like|liked|loved|enjoyed|hated|disliked|stand|movie|"
               r"film|seeing|watching|finishing|finished|binged|binging|"
               r"(?i:what\s+is|what's|whats|heard\s+of|similar\s+to))\s+"
               rf"({_CAPITALISED_NAME})")
    candidates += [(m.start(1), m.group(1).strip()) for m in re.finditer(pattern, message)]
    # "Knives Out, which I also enjoyed.": a name, then what was felt of it.
    candidates += [(m.start(1), m.group(1).strip()) for m in [_NAMED_THEN_FELT.match(message)] if m]
    # A message that is only a capitalised name of two words or more ("Knives Out."), an answer naming a film:
    # one with an everyday word in it, else it is a person's name ("Timothee Chalamet"), and not only everyday
    # words ("Hello There"), nor shouted.
    alone = _NAME_ALONE.fullmatch(message)
    everyday = [normalise(word) in _EVERYDAY for word in alone.group(1).split()] if alone else []
    if alone and any(everyday) and not all(everyday) and not alone.group(1).isupper():  # not "OHH GOOD U"
        candidates.append((alone.start(1), alone.group(1)))
    for start, text in candidates:
        if any(k_start <= start < k_end for k_start, k_end in known) or re.fullmatch(r"\d{1,3}", text.strip(" ?!.,")):
            continue  # "I have like 90 minutes": a number, no title (a year may be one: "1917")
        if all(normalise(word) in COMMON_WORDS for word in text.split()):
            continue
        return _POSSESSIVE.sub("", text.strip(" ?!.,"))  # "I really like Wes Anderson's style": "Wes Anderson"
    return None


# "I loved Parasite and Knives Out", "Heat, Knives Out and Alien": a name listed right after a title.
_LISTED_AFTER = re.compile(rf"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)({_CAPITALISED_NAME})")


def _listed_unknown(message: str, mentions: Sequence[TitleMention]) -> str | None:
    """A title listed beside those the catalog has that it lacks: "Knives Out" of "I loved Parasite and Knives Out",
    where the reply went on with Parasite alone, as if the other had not been said."""
    known = [(mention.start, mention.end) for mention in mentions]
    for mention in mentions:
        found = _LISTED_AFTER.match(message, mention.end)
        if found is None or any(start <= found.start(1) < end for start, end in known):
            continue
        text = found.group(1).strip(" ?!.,")
        if not all(normalise(word) in COMMON_WORDS for word in text.split()):
            return _POSSESSIVE.sub("", text)
    return None


# A word typed in lower case after watching or liking it, one letter or two off a title ("incidious" of Insidious
# scores 89); the title must be as long as `MISSPELLED_MIN_CHARS` and alone in its words.
_WATCHED_WORD = re.compile(r"\b(?:watched|seen|saw|loved|liked|enjoyed)\s+([a-z][a-z']{7,})\b")
LOWER_CASE_SIMILARITY = 88


def _with_misspelled(message: str, mentions: list[TitleMention], titles: CatalogTitles) -> list[TitleMention]:
    """The mentions, with a title the user typed with a slip ("I can't stand Napolean Dynamite") as the catalog
    item it misspells: else it is a film the catalog lacks, and "that movie" after it means the last item shown."""
    typed = _unknown_title(message, mentions, ())
    item_id = titles.misspelled(typed) if typed else None
    if typed is None or item_id is None:
        # "I have also watched incidious": one rare word in lower case right after watching or liking, a letter or
        # two off a title of one word.
        found = _WATCHED_WORD.search(message)
        if found is None or normalise(found.group(1)) in _EVERYDAY or any(
                mention.start <= found.start(1) < mention.end for mention in mentions):
            return mentions
        typed, item_id = found.group(1), titles.misspelled(found.group(1), LOWER_CASE_SIMILARITY)
        if item_id is None:
            return mentions
    start = message.find(typed)
    mention = TitleMention(item_id, titles.titles[item_id], start, start + len(typed), typed)
    return sorted([*mentions, mention], key=lambda found: found.start)


# Everyday words of the languages people most often write in besides English. The offline models read
# English: a message mostly in another language gets an honest note, and titles and category words still work.
_FOREIGN = {
    "French": frozenset("le la les un une des du de et est pas trop tres avec pour sans je veux voudrais quelque "
                        "chose film films drole triste francais comme mais aussi".split()),
    "Spanish": frozenset("el la los las un una unos y es no muy con para sin quiero algo pelicula peliculas "
                         "triste espanol como pero tambien".split()),
    "German": frozenset("der die das ein eine und ist nicht sehr mit fur ohne ich mochte etwas film filme "
                        "traurig deutsch wie aber auch".split()),
    "Italian": frozenset("il lo la gli le un una e non molto con per senza voglio qualcosa triste italiano come "
                         "ma anche".split()),
}
_ENGLISH = frozenset("the a an and is not very with for without i want something movie movies film like but "
                     "please some me my you it of to in that this".split())


def message_language(message: str) -> str | None:
    """The language a message is mostly written in, when it is clearly not English; else None."""
    words = normalise(message).split()
    if len(words) < 3:
        return None
    english = sum(word in _ENGLISH for word in words)
    scores = {language: sum(word in vocabulary for word in words) for language, vocabulary in _FOREIGN.items()}
    language, score = max(scores.items(), key=lambda pair: pair[1])
    return language if score >= 2 and score > english else None


# A question about the story of a film already spoken of: "what is it about?", "tell me about the story line", typed
# without its apostrophe too ("no i havent whats it about" was small talk).
_ABOUT_IT = re.compile(r"\bwhat(?:'?s|\s+is|\s+was)\s+(?:it|the\s+movie|the\s+film)\s+about\b|"
                       r"(?<!similar )(?<!same )\b(?:story\s*line|the\s+plot|synopsis)\b|"
                       r"\b(?:about|what(?:'?s|\s+is))\s+the\s+story\b", re.IGNORECASE)


# "is it funny?", "who directed it?" right after a list: a question about its first item, the one put first (it
# recommended comedies, It's Kind of a Funny Story first).
_IT_QUESTION = re.compile(r"^\s*(?:(?:and|so|but|ok|okay)[\s,]+)?(?:(?:is|was|does|did|would|will|has|can)\s+it\b|"
                          r"(?:who|how\s+long|when|what\s+year|where)\b[^.!?]*\bit\s*\?|"
                          r"(?:when|what\s+year)\b[^.!?]*\bit\s+(?:come\s+out|came\s+out|released|made|from)\b)",
                          re.IGNORECASE)


# A question about a film when none was shown or named ("what type of story is that movie?", "is it any good?" first
# thing): which film is not known (its words found The NeverEnding Story). Not "is it possible to ...".
_KIND_OF_IT = re.compile(r"\bwhat\s+(?:type|kind|sort|genre)\s+of\s+(?:story|movie|film)\s+(?:is|was)\s+"
                         r"(?:it|that|this)\b|\bwhat(?:'?s|\s+is|\s+was)\s+"
                         r"(?:it|(?:that|this|the)\s+(?:one|movie|film))\s+about\b", re.IGNORECASE)
_NOT_OF_AN_ITEM = re.compile(r"\b(?:is|was|would|will|can|does)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|fine|true|"
                             r"matter|have\s+to|need\s+to|too\s+late)\b", re.IGNORECASE)


# "which one should I start with?" where nothing was shown: a choice among none (searched, "start" found Batman Begins).
_WHICH_ONE = re.compile(r"\bwhich\s+(?:one|of\s+(?:them|those|these))\s+(?:should|would|do|shall|to)\s+"
                        r"(?:(?:i|we|you)\s+)?(?:start|begin|watch|see|pick|choose)\b", re.IGNORECASE)


def _asks_of_nothing(message: str, shown: Sequence[str], named: bool) -> bool:
    """Whether the message asks about a film where nothing was shown and it names none (`named`)."""
    if shown or named or _NOT_OF_AN_ITEM.search(message) or _has(normalise(message), RECOMMEND_CUES):
        return False
    return bool(_KIND_OF_IT.search(message) or _IT_QUESTION.search(message) or _YES_NO.search(message)
                or _asked_of_that(message) or _WHICH_ONE.search(message))


# "what's a good romance that isn't sappy?" after "i really didn't like titanic": a request, whatever title was said
# before it (it was read as a question about Titanic, and nothing was shown).
_GOOD_ONE_ASKED = re.compile(r"\bwhat(?:'?s|\s+is|\s+are)\s+(?:a|an|some|any)\s+"
                             r"(?:good|great|nice|fun|decent|better)\b", re.IGNORECASE)
# A holiday said after a title compared with, in the same sentence: "movies like Home Alone for christmas".
_FOR_HOLIDAY = re.compile(r"^[^.;!?]*?\bfor\s+(?:the\s+)?(?P<holiday>" + "|".join(sorted(HOLIDAYS)) + r")\b",
                          re.IGNORECASE)


_TRUE_CRIME = re.compile(r"\btrue[\s-]+crime\b", re.IGNORECASE)
# "I'm into true crime stuff": the kind of story, not the film True Crime (it liked that film and showed films of 1999).
_TRUE_STORY = re.compile(r"\b(?:based\s+on|inspired\s+by|about|from)\s+(?:a\s+|real\s+)?true\s+"
                         r"(?:story|stories|events)\b|\btrue\s+stor(?:y|ies)\s+(?:movies?|films?)\b|"
                         rf"{_TRUE_CRIME.pattern}(?!\s*\(?(?:19|20)\d\d)", re.IGNORECASE)
_PERSON_NAME = r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2}"  # as people's names are written: "Bill Murray"
# Of the user or of whoever watches with them: "she hates Will Ferrell", "my wife doesn't like Adam Sandler".
_RULED_OUT_NAME = re.compile(r"\b(?i:no|not|without|except|avoid|nothing|(?:do(?:es)?\s*n[o']?t|dont|doesnt)\s+"
                             r"(?:really\s+|much\s+)?(?:like|want)|hates?|can'?t\s+stand)\s+"
                             r"(?i:(?:any(?:thing)?\s+|(?:movies|films)\s+)?(?:with|by|from|starring)\s+|more\s+)?"
                             rf"(?P<name>{_PERSON_NAME})")


def ruled_out_names(message: str) -> list[str]:
    """The names the message rules out, as said: "no Bill Murray please", "I don't really like Julia Roberts"; and
    those whose films were all seen ("he's seen all the Clint Eastwood ones")."""
    seen = [" ".join(match.group("body").split()) for match in _SEEN_ALL.finditer(message)]
    said = [_POSSESSIVE.sub("", " ".join(match.group("name").split())) for match in _RULED_OUT_NAME.finditer(message)]
    return [*said, *(name for name in seen if re.fullmatch(_PERSON_NAME, name))]


def _person_ruled_out(message: str, said: str) -> bool:
    """Whether `said` is a person's name the message rules out ("I don't like Tom Cruise"): no title to look for
    (it said it could not find "Tom Cruise" in the catalog, as if asked for a film of that name); "I don't like
    Knives Out", whose words are no name, stays one."""
    return said in ruled_out_names(message) and [name for name, _, _ in _names_in(said, ())] == [said]


_THE_REST = re.compile(r"the\s+others?|the\s+rest", re.IGNORECASE)
_ABOUT_THE_REST = re.compile(r"\b(?:(?:what|how)\s+about\s+)?(?:all\s+)?the\s+(?:others?|rest)(?:\s+of\s+(?:them|those|"
                             r"these|the\s+list))?\b", re.IGNORECASE)
# What the list looked like to the user, before what they ask next: "those all look kind of cheesy. anything more
# realistic?" (searched whole, it found Doctor Strange and Dr. Strangelove).
_SAID_OF_SHOWN = re.compile(r"^\s*(?:(?:hmm+|well|ok|okay|meh|ugh)[\s,.!]+)?(?:those|these|they|them|that|it)\s+"
                            r"(?:all\s+)?(?:look|looks|seem|seems|sound|sounds|are|were|feel|feels)\s+(?:all\s+)?"
                            r"(?:kind\s+of\s+|kinda\s+|sort\s+of\s+|a\s+(?:bit|little)\s+|pretty\s+|so\s+|really\s+|"
                            r"very\s+)?[a-z]+\s*[.!,;]", re.IGNORECASE)


# "the terminator one", "the alien movie": an item of the last reply named by words of its title.
_BY_TITLE_WORDS = re.compile(r"\bthe\s+(?P<words>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+(?:one|movie|film)\b", re.IGNORECASE)


def _names_one(message: str) -> bool:
    """Whether the message points at one film by a name ("the Fincher one", "the Hanks movie")."""
    return any(any(word[:1].isupper() for word in match.group("words").split())
               for match in _BY_TITLE_WORDS.finditer(message))


def _shown_by_title_words(message: str, shown: Sequence[str], titles: CatalogTitles,
                          theme_of: Callable[[str], object] | None = None,
                          surnamed: Callable[[str], str | None] | None = None) -> tuple[str, int, int] | None:
    """The item of the last reply whose title holds every word said before "one" ("I liked the alien one"), or whose
    tags name the person said ("the Tarantino movie": Pulp Fiction), with the span that says it; None where no item
    or more than one does."""
    for match in _BY_TITLE_WORDS.finditer(message):
        said = {singular(word) for word in normalise(match.group("words")).split() if word not in COMMON_WORDS}
        if not said or said & {*ORDINALS, "middle"}:
            continue
        fitting = [item_id for item_id in shown
                   if said <= {singular(word) for word in normalise(titles.titles.get(item_id, "")).split()}]
        person = surnamed(normalise(match.group("words")).split()[-1]) if surnamed and not fitting else None
        tagged = theme_of(person) if theme_of and person else ()  # the items the person's tag is on
        named = {singular(word) for word in normalise(person or "").split()}
        if isinstance(tagged, Collection) and person and said <= named:
            fitting = [item_id for item_id in shown if item_id in tagged]
        if len(fitting) == 1:
            return fitting[0], match.start(), match.end()
    return None


# "the one from 1994", "the movie from 2006": an item of the last reply by its year.
_OF_YEAR = re.compile(r"\b(?:the|that)\s+(?:one|movie|film)\s+"
                      r"(?:from|of|made\s+in|released\s+in|that\s+came\s+out\s+in)\s+(?P<year>(?:19|20)\d\d)\b",
                      re.IGNORECASE)


def _shown_by_year(message: str, shown: Sequence[str],
                   titles: CatalogTitles) -> tuple[int, list[str], int, int] | None:
    """The year said of an item of the last reply ("the one from 1994"), the items shown of that year and the span
    that says it; None where no year is said so."""
    said = _OF_YEAR.search(message)
    if not said:
        return None
    year = int(said.group("year"))
    return year, [item_id for item_id in shown if titles.years.get(item_id) == year], said.start(), said.end()


def _references(message: str, shown: Sequence[str], titled: bool = False,
                focused: bool = False, alike: Sequence[str] = ()) -> list[tuple[str, int, int]]:
    """Items of the last reply the message points at, with their spans: "the second one", "number 3", "that".

    In a message that names a title (`titled`), "that" and "it" are about the title: "I loved Frozen, we watched
    that twenty times". After items like some titles (`alike`), "something like that" is like those titles.
    """
    if not shown:
        return []
    found = []
    excepted = _ALL_EXCEPT.search(message)
    kept_at = _place(excepted.group("which"), len(shown)) if excepted else None
    if excepted and kept_at is not None:
        # "I've seen them all except the last one": every item but that one, which is spoken of on its own.
        kept = shown[kept_at]
        return [*((item_id, excepted.start(), excepted.start("but")) for item_id in shown if item_id != kept),
                (kept, excepted.start("which"), excepted.end())]
    every = _ALL_SHOWN.search(message)
    if every and every.group(0).lower().startswith("both") and len(shown) != 2:
        every = None  # "I've seen both of them" after five: which two is not said
    if every:  # "I've seen all of those": each item of the last reply
        return [(item_id, every.start(), every.end()) for item_id in shown]
    than = None if titled else _THAN_SHOWN.search(message)
    if than:  # "lighter than those": all of the list; "than that": the titles the list was like, or its first item
        pointed = (alike or shown[:1]) if than.group("what").lower() in ("that", "this", "it") else shown
        return [(item_id, than.start(), than.end()) for item_id in pointed]
    # After a film's details the list numbered "1." on is the films like it: "the third one" is the third of them.
    numbered = shown[1:] if focused and len(shown) > 1 else shown
    few = None if titled else _FIRST_FEW.search(message)
    if few:
        count = _FEW.get(few.group("count").lower()) or int(few.group("count"))
        pointed = numbered[-count:] if few.group("end").lower() == "last" else numbered[:count]
        found = [(item_id, few.start(), few.end()) for item_id in pointed]
    # "I've seen the first two, the third one looks good": the third is spoken of too.
    for match in _ORDINAL.finditer(message, few.end() if few else 0):
        word = match.group(1) or match.group(2) or match.group(4)
        index = _place(word, len(numbered)) if word else int(match.group(3)) - 1
        if index is not None and -len(numbered) <= index < len(numbered):  # "the middle one" of three: the second
            found.append((numbered[index], match.start(), match.end()))
    # "What is the movie about?" after a list asks about its first item, the one put first; so does "is that a
    # comedy?".
    demonstrative = None if found or titled or _OWN_FILM.search(message) else (
        _DEMONSTRATIVE.search(message) or ((len(shown) == 1 or focused) and _IT.search(message))
        or _ABOUT_IT.search(message) or _asked_of_that(message) or _IT_QUESTION.search(message))
    # "like that", "with that same kind of humor" after films like a title: like that title (after films like The
    # Princess Bride, "something with that same kind of humor" showed films like Moonstruck, the first of them).
    compared = demonstrative is not None and (re.search(r"\blike\s+$", message[:demonstrative.start()], re.IGNORECASE)
                                              or re.match(r"\s+same\b", message[demonstrative.end():], re.IGNORECASE))
    lines = _like_those(message) if alike and not (found or titled) else None
    if lines:  # "something along those lines but a bit happier" after films like The Notebook and Titanic
        found += [(item_id, lines.start(), lines.end()) for item_id in alike]
    elif demonstrative and alike and compared and demonstrative.group(0).lower() in ("that", "this"):
        found += [(item_id, demonstrative.start(), demonstrative.end()) for item_id in alike]
    elif demonstrative and demonstrative.group(0).lower() == "that" and _RELATIVE_THAT.search(
            message[:demonstrative.start()]):
        pass  # "something that isn't a comedy", "a movie that won't make me cry": no item pointed at
    elif demonstrative and demonstrative.group(0).lower() == "that" and _NOT_THAT_MUCH.search(
            message[:demonstrative.start()]) and re.match(r"\s+\w", message[demonstrative.end():]):
        pass  # "I'm not that interested in the actors", "it wasn't that scary": "that" is "so", no item pointed at
    elif demonstrative:  # "that one" after a list means its first item; after one item, that item
        found.append((shown[0], demonstrative.start(), demonstrative.end()))
    return found


# The films a list was like, spoken of as more than one: "along those lines", "more like those", "in that vein"; not
# "I like those" (a "like" of liking, `_compares`) nor "nothing like those".
_LIKE_THOSE = re.compile(r"\b(?:along|on)\s+(?:those|these|the\s+same|similar)\s+lines\b|"
                         r"\blike\s+(?P<those>those|these|them)\b(?!\s+(?:ones?\s+)?(?:you|i|we)\b)|"
                         r"\bin\s+(?:that|the\s+same|a\s+similar)\s+vein\b", re.IGNORECASE)


def _like_those(message: str) -> re.Match[str] | None:
    """Where the message speaks of the films a list was like as more than one (`_LIKE_THOSE`)."""
    for match in _LIKE_THOSE.finditer(message):
        if match.group("those") is None:
            return match
        before = message[:match.start("those")]
        ruled_out = normalise(before).split()[-2:-1]  # the word before "like": "nothing like those"
        if _compares(before) and not set(ruled_out) & NEGATION_WORDS:
            return match
    return None


# Who or what can like a title: "I really like Heat" likes it; after any other word, "like" compares with it
# ("something dark and violent like A Clockwork Orange", "movies like Heat").
_LIKERS = frozenset("""i we you they he she it people everyone id wed youd theyd would really also do does did dont
doesnt didnt not never still just totally definitely absolutely kinda sort kind both all too always usually so
""".split())


_BARE_LIKE = frozenset({"like", "just", "more", "kind", "sort", "of", "but", "maybe", "ok", "okay", "so"})


# "what would you recommend for someone who loved Breaking Bad?": films like it (its words removed, the rest searched
# "someone who loved" and found The Notebook); "a movie for someone who likes Toy Story" asked for its details.
_FOR_FANS = re.compile(r"\b(?:for|to)\s+(?:(?:some|any)one|people|a\s+(?:person|fan)|fans?)\s+(?:who|that)?\s*"
                       r"(?:(?:really\s+)?(?:loves?|loved|likes?|liked|enjoys?|enjoyed|adores?|adored)|"
                       r"(?:is|are)\s+(?:a\s+)?fans?\s+of|of)\s*$", re.IGNORECASE)


def _like_before(message: str, start: int) -> int:
    """Where a comparison with what starts at `start` begins: at its "like" ("like that"), else at `start`."""
    like = re.search(r"\blike\s+$", message[:start], re.IGNORECASE)
    return like.start() if like else start


def _past_contraction(message: str, end: int) -> int:
    """Where a reference that ends at `end` ends with the verb it is said with: "it's" whole (without it, "it's a
    classic" of a film told of searched "s a classic")."""
    said = re.match(r"['\u2019]s\b", message[end:])
    return end + said.end() if said else end


def _compares(before: str) -> bool:
    """Whether the text before a title ends in a "like" that compares with it ("something dark and violent like"),
    not one of liking ("I really like") nor an example of what the sentence feels about ("I like monster movies,
    like", "I don't like stupid comedy, like"), or asks for its fans ("a movie for someone who likes")."""
    if _FOR_FANS.search(before):
        return True
    words = normalise(before).split()
    said = normalise(re.split(r"[.;!?]", before)[-1]).split()
    if said and said[-1] == "like" and set(said) <= _BARE_LIKE:
        return True  # "like Heat but older", "just like Heat": a comparison that starts the sentence
    if len(words) < 2 or words[-1] != "like" or words[-2] in _LIKERS:
        return False
    return _sentiment(" ".join(normalise(re.split(r"[.;!?]", before)[-1]).split()[:-1])) is None


_FILLER_OR_BLANK = FILLER | {""}
_FILLER_NOT_NEGATION = FILLER - NEGATION_WORDS  # what a search leaves out at either end, keeping what it rules out
# A last name said of films: "a Kubrick movie", "any nolan films?", "Tarantino's", "something by Spielberg".
_OF_FILMS = re.compile(r"^(?:'s\b|s'|\s+(?:movies?|films?|flicks?)\b)", re.IGNORECASE)
_BY_SOMEONE = re.compile(r"\b(?:by|with|starring|from|directed\s+by)\s+$", re.IGNORECASE)


def with_full_names(query: str, message: str, surnamed: Callable[[str], str | None]) -> str:
    """The query with each last name the tags know said in full ("a kubrick movie": "a stanley kubrick movie"), so
    that it is searched as the person: by meaning, "kubrick" came close to 2001 and then to The Terminator. Only a
    name written as one, or said of films, is: "street" is no Wall Street in "a street racing movie"."""
    for word in dict.fromkeys(content_words(query)):
        # "kubrick's best": "kubricks" once normalised
        name = word if surnamed(word) or not word.endswith("s") else word[:-1]
        person = surnamed(name)
        if person is None or f" {normalise(person)} " in f" {normalise(query)} ":
            continue
        said = [match for match in re.finditer(rf"\b{re.escape(name)}(?='?s\b|\b)", message, re.IGNORECASE)
                if (match.group(0)[:1].isupper() and not starts_sentence(message, match.start()))
                or _OF_FILMS.match(message[match.end():]) or _BY_SOMEONE.search(message[:match.start()])]
        if said:
            # The first names the query already has before it are taken with it: "stanley kubricks style" is
            # "stanley kubrick style", not "stanley stanley kubrick style".
            first = "".join(rf"{re.escape(word)}\s+" for word in normalise(person).split()[:-1])
            query = re.sub(rf"\b(?:{first})?{re.escape(name)}(?:'s|s)?\b", normalise(person), query,
                           flags=re.IGNORECASE)
    return query


def _stripped(words: list[str], dropped: frozenset[str] = _FILLER_OR_BLANK) -> list[str]:
    """The words without filler (`dropped`) at either end: "something dark and violent" -> "dark and violent"."""
    while words and normalise(words[0]) in dropped:
        words = words[1:]
    while words and normalise(words[-1]) in dropped:
        words = words[:-1]
    return words


def _compared(message: str, mentions: Sequence[TitleMention]) -> list[tuple[TitleMention, str | None]]:
    """Titles the message compares with, each with what should differ: "something dark and violent like A Clockwork
    Orange" -> (A Clockwork Orange, "dark and violent")."""
    found: list[tuple[TitleMention, str | None]] = []
    for mention in mentions:
        before = message[:mention.start]
        than = _THAN_BEFORE.search(before)
        if than:
            # "something lighter than The Dark Knight": like it, lighter (it showed The Dark Knight itself, found
            # by "dark").
            found.append((mention, than.group("also") + than.group("direction")))
            continue
        if not _compares(before):
            continue
        # What differs, in the user's words: "something dark and violent like" -> "dark and violent"; "a funny movie
        # for someone who likes" -> "funny".
        fans = _FOR_FANS.search(before)
        clause = (re.split(r"[.;!?,]", before[:fans.start()])[-1].split() if fans
                  else re.split(r"[.;!?,]", before)[-1].split()[:-1])
        clause = _stripped(clause)
        parts = re.split(r"[.;!?]", before)[-1].split(",")
        if not clause and not fans and len(parts) > 1:
            # "thrillers with a good twist, like Gone Girl": the words before the comma (the twist was lost, and The
            # Hunger Games came).
            clause = _stripped(parts[-2].split())
        found.append((mention, " ".join(clause) or None))
    return found


# A theme liked and a title given as its example: "I like monster movies, like King Kong", "I love movies with a
# twist, such as The Sixth Sense".
_EXAMPLE_OF = re.compile(r"(?:^|[.;!?]\s*)(?:i|we)\s+(?:really\s+|just\s+|especially\s+)?(?:like|love|enjoy|am\s+into|"
                         r"'?m\s+into|dig)\s+(?P<theme>[^.;!?,]+?),?\s+(?:like|such\s+as|for\s+example|e\.?g\.?)\s+$",
                         re.IGNORECASE)
# Words of a theme liked that name nothing of it ("movies with good plot twists": "plot twists").
_GOOD = frozenset({"good", "great", "nice", "cool", "awesome", "lots", "lot", "of", "with", "a", "an", "the"})


def _example_of(message: str, mentions: Sequence[TitleMention]) -> tuple[str, str] | None:
    """The title given as an example of a theme liked, and the theme: "I like monster movies, like King Kong" ->
    (King Kong, "monster"); None where the theme is only films ("I like movies like Heat")."""
    for mention in mentions:
        liked = _EXAMPLE_OF.search(message[:mention.start])
        theme = [word for word in normalise(liked.group("theme")).split()
                 if word not in _GOOD and not _FILM_NOUNS.fullmatch(word)] if liked else []
        if theme:
            return mention.item_id, " ".join(theme)
    return None


# Words of every day and of asking: no name is made of them ("Which Joker Movie").
_EVERYDAY = COMMON_WORDS | FILLER
# A person's or a place's name: two to four capitalised words ("Tom Cruise", "Robert Downey Jr.").
_NAME = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|[A-Z]\.|Jr\.?|Sr\.?)){1,3}")


def _names_in(message: str, taken: Sequence[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Names in the message outside the spans `taken` (titles), everyday words in front left out ("Any Tom Cruise"
    is "Tom Cruise"); a run with an everyday word inside ("Which Joker Movie") is no name."""
    found = []
    for match in _NAME.finditer(message):
        words = [(word.start(), word.end()) for word in re.finditer(r"\S+", match.group(0))]
        while words and normalise(match.group(0)[words[0][0]:words[0][1]]) in _EVERYDAY:
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = match.start() + words[0][0], match.start() + words[-1][1]
        if any(normalise(message[match.start() + a:match.start() + b]) in _EVERYDAY for a, b in words):
            continue
        if any(t_start < end and start < t_end for t_start, t_end in taken):
            continue
        found.append((_POSSESSIVE.sub("", message[start:end].rstrip(".")), start, end))  # "Wes Anderson's"
    return found


def _writes_titles_with_capitals(message: str, mentions: Sequence[TitleMention]) -> bool:
    """Whether the message is written with capitals where they belong (a capital first letter, "I" not "i") and
    capitalises a title it names: then a single word in lower case is a word, not a title ("i believe inception and
    Mirrors" capitalises as it goes, and names Inception; "I loved Alien and the matrix" names The Matrix)."""
    first = re.search(r"[A-Za-z]", message)
    if first is None or not first.group(0).isupper() or re.search(r"\bi\b", message):
        return False
    return any(any(ch.isupper() for ch in mention.text) and not starts_sentence(message, mention.start)
               for mention in mentions)


# "what about the third one?", "how about Heat?": a question about the item named right after it ("how about
# another recommendation" asks for more).
_ABOUT = re.compile(r"\b(?:what|how)\s+about\s+", re.IGNORECASE)


def _asks_about(message: str, mentions: Sequence[TitleMention], references: Sequence[tuple[str, int, int]]) -> bool:
    starts = {mention.start for mention in mentions} | {start for _, start, _ in references}
    return any(match.end() in starts for match in _ABOUT.finditer(message))


def _without(query: str | None, title: str) -> str | None:
    """The query without a title's words (the title the catalog lacks), None when nothing is left to ask."""
    if not query:
        return None
    rest = re.sub(rf"\b{re.escape(normalise(title))}\b", " ", query)
    return " ".join(rest.split()) if content_words(rest) else None


# What a comparison's direction asks for, in the words catalogs tag films with: searched as said, "lighter" found
# Dying of the Light and Lost in the Sun by their titles, and "less sad" is closest to "sad" (Requiem for a Dream).
_LIGHT = "funny, feel-good, heartwarming"  # not "light-hearted": its words found Dying of the Light
_SUSPENSE = "suspenseful, atmospheric, psychological"  # scary without the gore
# Funny without the stupidity: "a comedy, nothing too stupid" ruled out the tag "stupid" and showed Dumb & Dumber.
_CLEVER = "witty, satire, clever"
# Real, not cheesy: "a romantic movie that isn't cheesy" ruled out the tag "cheesy" and showed The Wedding Date.
_REAL = "serious, realistic"
_HEART = "heartwarming, touching, feel-good"  # the heartwarming mood's words
_TWIST = "twist ending, plot twist, unpredictable"  # surprise asked for, as the catalog's tags name it
_WEIRD = "surreal, weird, bizarre"
_QUIRKY = "quirky, offbeat, whimsical"
_CREEPY = "creepy, eerie, disturbing"
_WILD = "crazy, wild, over the top"
_SILLY = "silly, goofy, absurd"
_GORY = "violent, gory, brutal"
# Wit asked of a comedy, searched as the catalog's tags say it: as said, "a witty comedy" was closest to every comedy
# (Analyze This, Accepted, Grown Ups), "a smart comedy" to Smart People.
_WIT = re.compile(r"\b(?:smart|clever|witty|intelligent)\b", re.IGNORECASE)
DIRECTION_MEANINGS = {
    "lighter": _LIGHT, "less dark": _LIGHT, "less serious": _LIGHT, "less heavy": _LIGHT, "not too serious": _LIGHT,
    "not so serious": _LIGHT, "less sad": _LIGHT, "not as sad": _LIGHT, "not too sad": _LIGHT, "not so sad": _LIGHT,
    "less depressing": _LIGHT, "not too depressing": _LIGHT, "less intense": _LIGHT, "not too intense": _LIGHT,
    "happier": "feel-good, uplifting",
    # "a thriller that's not too violent" is still a thriller: suspense, not the comedies "funny" found.
    "less violent": _SUSPENSE, "not too violent": _SUSPENSE, "less violence": _SUSPENSE, "less gore": _SUSPENSE,
    "less gory": _SUSPENSE, "not too gory": _SUSPENSE, "not so gory": _SUSPENSE, "less bloody": _SUSPENSE,
    "not too bloody": _SUSPENSE,
    "less stupid": _CLEVER, "not too stupid": _CLEVER, "less dumb": _CLEVER, "not too dumb": _CLEVER,
    "less silly": _CLEVER, "not too silly": _CLEVER,
    "darker": "dark, gritty, disturbing", "more serious": "serious, dramatic", "funnier": "funny, hilarious",
    "scarier": "scary, frightening", "sadder": "sad, emotional", "smarter": "intelligent, thought-provoking",
    "less confusing": "straightforward, easy to follow", "more romantic": "romantic, love story",
    # "something less predictable" after mysteries: searched as said, it found The Prophecy and What Lies Beneath.
    "less predictable": _TWIST, "not too predictable": _TWIST, "not so predictable": _TWIST,
    "more unpredictable": _TWIST, "more surprising": _TWIST,
    "more exciting": "exciting, suspenseful, action-packed", "more thrilling": "exciting, suspenseful, action-packed",
    # "those all look kind of cheesy. anything more realistic?" after romantic comedies: their dramas (searched as
    # said, it found Doctor Strange and The Illusionist).
    "more realistic": _REAL, "less cheesy": _REAL, "not too cheesy": _REAL, "not so cheesy": _REAL,
    "less sappy": _REAL, "not too sappy": _REAL, "less corny": _REAL, "not too corny": _REAL,
    # "like Titanic but with a happy ending" (said without its article, as `direction_said` reads it); "but without
    # zombies" rules a theme out instead.
    "with happy ending": "happy ending, feel-good, uplifting",
    # "one with a happier ending" after films like Eternal Sunshine of the Spotless Mind: searched as said, The Notebook
    # and Requiem for a Dream came, and so they did for "happy ending, uplifting" ("sad" is near "happy" by meaning).
    "with happier ending": _LIGHT,
    # "like The Hangover but with more heart": searched as said, it found Hanging Up and What Happens in Vegas.
    "with more heart": _HEART, "more heart": _HEART, "more heartwarming": _HEART, "sweeter": _HEART,
    "more touching": _HEART,
    # More of what the films shown were, in the word the catalog tags films with: searched as said, "weirder" after
    # weird films found Weird Science, "creepier" Creepshow and Jeepers Creepers, "crazier" after action films Memento
    # and A Bug's Life, and "something quirkier" after films like The Grand Budapest Hotel was a request of its own.
    "weirder": _WEIRD, "more weird": _WEIRD, "more bizarre": _WEIRD, "trippier": "trippy, psychedelic, surreal",
    "quirkier": _QUIRKY, "more quirky": _QUIRKY, "creepier": _CREEPY, "more creepy": _CREEPY,
    "crazier": _WILD, "wilder": _WILD, "sillier": _SILLY, "goofier": _SILLY, "more silly": _SILLY,
    "cheesier": "cheesy, campy", "gorier": _GORY, "bloodier": _GORY, "more violent": _GORY, "more gory": _GORY,
    "more intense": "intense, tense, gripping",
}
_DIRECTION_WORDS = frozenset(word for said in DIRECTION_MEANINGS for word in said.split())


_LIGHTER = re.compile(r"(?:less|not (?:too|so|as)) (?:serious|sad|dark|heavy|depressing)")
# "a war movie that isn't depressing", "a drama that's not too heavy": light, as "but not too depressing" is (it
# showed Schindler's List first, and said only that no film is tagged depressing).
_NOT_HEAVY = re.compile(r"\b(?:is\s+not|isn'?t|(?:that|it)'?s\s+not|nothing)\s+(?:too\s+|so\s+|very\s+|overly\s+)?"
                        r"(?:sad|depressing|dark|heavy|serious|bleak)\b", re.IGNORECASE)


_YEARS_SAID = re.compile(r"\b(?:from|in|of|after|before|since)?\s*(?:the\s+)?(?:(?:19|20)?\d0'?s|(?:19|20)\d\d)\b",
                         re.IGNORECASE)


def says_years(message: str) -> bool:
    """Whether the message names years: in numbers ("from the 80s", "after 2005"), counted back from now ("from
    the last few years", "this century") or those of the film spoken of ("from the same year"), not only in words
    relative to a film ("older")."""
    return bool(_YEARS_SAID.search(message) or _LAST_YEARS.search(message) or _century(message)
                or _SAME_ERA.search(message))


def direction_said(direction: str) -> str:
    """A direction as `DIRECTION_MEANINGS` spells it: "a bit less sad" -> "less sad", "with less violence" -> "less
    violence" (searched as said, it leaned to violence: Natural Born Killers came among films like The Silence of
    the Lambs)."""
    said = " ".join(word for word in normalise(direction).split() if word not in ("a", "bit", "little", "much"))
    bare = said.removeprefix("with ")
    return bare if said not in DIRECTION_MEANINGS and bare in DIRECTION_MEANINGS else said


# "something more recent", "anything older?": the era to move to, without a "but" before it.
# "and older" after films like Inception but funnier: older as well (films of 2010 came, like it and funny).
_ERA_DIRECTION = re.compile(r"(?:^\s*|[.!?,;]\s*|\b(?:something|anything|any|some|ones?|bit|little|much|maybe|even|"
                            r"about|me|on\s+the|and|but|also|though)\s+)(more\s+recent|newer|older|earlier)\b"
                            r"(?!\s+than\b)", re.IGNORECASE)  # "older than Heat", "older than 1990": compared


# "anything else from the same director?", "other movies with that actor", "his other films": films by who made
# or played in the one spoken of, which a catalog says only where its tags name them.
_SAME_MAKER = re.compile(r"\b(?:same|that|this)\s+(?P<maker>director|filmmaker|actor|actress|star|cast|writer|"
                         r"studio)\b|\b(?:directed|made)\s+by\s+(?:him|her|them|the\s+same)\b|"
                         # "any others by the same guy?", "by the guy who made it": its director, as people mean
                         r"\b(?:by|from)\s+(?:the\s+same\s+(?:guy|person|people|man|woman|team|one)|"
                         r"the\s+(?:guy|person|people|man|woman|one)\s+who\s+(?:made|directed|did)\s+"
                         r"(?:it|that|this|them|those))\b", re.IGNORECASE)
# "what else did he direct?", "what else has she been in?", "his other movies?": of the film spoken of, where one is;
# without one, whom is not known ("Has she been in many action movies before?" of an actress the other side named).
_THEIR_OTHER_FILMS = re.compile(r"\b(?:did|has|have)\s+(?:he|she|they)\s+(?:also\s+|ever\s+)?(?:(?:direct(?:ed)?|"
                                r"make|made|do|done)|(?P<wrote>write|written)|(?P<played>star(?:red)?\s+in|been\s+in|"
                                r"act(?:ed)?\s+in))\b|\bwhat\s+else\s+(?:is|was)\s+(?:he|she|they)\s+(?P<in>in)\b|"
                                r"\b(?:his|her|their)\s+other\s+(?:movies|films|work|ones)\b|"
                                # "anything else by him?", "more of his movies", "something with her I haven't seen"
                                r"\b(?:anything|something|more|others?|other\s+(?:movies|films|ones))\s+(?:else\s+)?"
                                r"(?:by|from)\s+(?:him|her|them)\b|\bmore\s+of\s+(?:his|her|their)\s+(?:movies|films|"
                                r"stuff|work)\b|\b(?:anything|something|more|others?)\s+(?:else\s+)?(?P<with>with)\s+"
                                r"(?:him|her)\b", re.IGNORECASE)
# One of a person's films to choose, those shown among them: "which of his should I watch next?", "what's her best?"
_WHICH_OF_THEIRS = re.compile(r"\b(?:which|what)\s+(?:one\s+)?of\s+(?:his|her|their)(?:\s+(?:movies|films|ones|stuff|"
                              r"work))?(?=\s*(?:[?.!,]|$)|\s+(?:should|would|do|does|is|was|are|were|can|could|i|you)"
                              r"\b)|\b(?:what'?s|what\s+is|which\s+is)\s+(?:his|her|their)\s+best\b", re.IGNORECASE)


# "no subtitles", "my partner hates subtitles", "in English": none of the films whose titles give another language,
# for the rest of the session ("no movies with subtitles please" read "with subtitles" and asked for foreign films).
ENGLISH_ONLY = re.compile(r"\b(?:in\s+english|english[\s-]+(?:speaking|language)|not\s+(?:foreign|subtitled)|"
                          r"(?:no|without|nothing\s+with|hates?|dislikes?|can'?t\s+stand|cannot\s+stand|"
                          r"(?:do|does|will|wo)(?:\s+not|n'?t)\s+(?:like|want|enjoy|do|watch|read)|"
                          r"not\s+(?:a\s+fan\s+of|into))\s+"
                          r"(?:\w+\s+){0,2}?(?:subtitles?|subtitled|foreign\s+(?:films?|movies?)))\b", re.IGNORECASE)
# "a good trilogy to binge this weekend", "any good movie franchises?": the first films of series, where no title
# is said before the word ("the Dark Knight trilogy" names its films: `grouped_films`). "Series" alone may be a show.
_SERIES_ASKED = re.compile(r"\b(?:trilog(?:y|ies)|franchises?|sagas?|(?:movie|film)\s+series|"
                           r"series\s+of\s+(?:movies|films)|binge(?:[\s-]?watch(?:ing)?)?|binging|bingeing)\b",
                           re.IGNORECASE)
# "a good sequel that's better than the original", "sequels that beat the first one": searched, it showed Men in Black
# II, tagged "crappy sequel".
_BETTER_SEQUEL = re.compile(r"\b(?:sequels?|part\s+(?:2|two|ii))\b[^.!?]*?\b(?:(?:better|as\s+good)\s+(?:than|as)|"
                            r"beats?|tops?|surpass(?:es)?|outdo(?:es)?)\s+(?:the\s+|their\s+|its\s+)?"
                            r"(?:original|first(?:\s+(?:one|film|movie)s?)?|originals)\b", re.IGNORECASE)
# "a long weekend", "after a long day": how long the time is, not the film (with a series asked for, "a movie for a
# long weekend binge, maybe a trilogy" searched "long" and showed The Mummy and [REC] first).
_LONG_TIME = re.compile(r"\blong(?=\s+(?:weekends?|weeks?|days?|nights?|evenings?|flights?|drives?|trips?)\b)",
                        re.IGNORECASE)
# "any good foreign films?", "something with subtitles": films in another language (`CatalogTitles.foreign`).
_ANOTHER_LANGUAGE = re.compile(r"\b(?:foreign(?:[\s-]language)?|non[\s-]english|subtitled|with\s+subtitles|"
                               r"world\s+cinema|not\s+in\s+english|in\s+another\s+language)\b", re.IGNORECASE)


# "a French film", "un film français", "something Japanese": films of that language are in another one; the word is
# still searched (Seven Samurai and Spirited Away for "something Japanese").
_OF_A_LANGUAGE = re.compile(r"\b(?:french|fran[cç]aise?|italian|spanish|german|japanese|korean|chinese|swedish|"
                            r"danish|russian|bollywood|mexican|brazilian|iranian)\b", re.IGNORECASE)


def language_named(text: str) -> str | None:
    """The language a text names ("any good Korean movies?": "Korean"), or None."""
    match = _OF_A_LANGUAGE.search(text)
    return match.group(0).capitalize() if match else None


def maker_asked(message: str) -> tuple[str | None, bool]:
    """Who made or played in a film, when the message asks for their other films ("from the same director"), and
    whether it points at them ("that director")."""
    match = _SAME_MAKER.search(message)
    if match is None:
        return None, False
    return (match.group("maker") or "director").lower(), match.group(0).lower().startswith(("that", "this"))


def asks_which_of_theirs(message: str) -> bool:
    """Whether the message asks which of a person's films to watch ("which of his should I watch next?"): a choice
    among them all, those just shown too, not others of theirs."""
    return bool(_WHICH_OF_THEIRS.search(message))


def maker_said_of(message: str) -> str | None:
    """Who made or played in the film spoken of, asked of by "he", "she" or "they" ("what else did he direct?")."""
    match = _THEIR_OTHER_FILMS.search(message)
    if match is None:
        return "director" if _WHICH_OF_THEIRS.search(message) else None
    played = match.group("played") or match.group("in") or match.group("with")
    return "writer" if match.group("wrote") else "actor" if played else "director"


# What should differ, said as a comparison: "less violent", "lighter".
_COMPARATIVE = (r"(?P<direction>(?:more|less)\s+[a-z]+|lighter|darker|funnier|scarier|sadder|happier|smarter|older|"
                r"newer|shorter|longer|simpler|slower|faster|sillier|weirder|creepier|sweeter|gorier|quieter|crazier|"
                r"wilder)\s+than")
# "something lighter than that", "less violent than those": compared with what was just spoken of or shown.
_THAN_SHOWN = re.compile(rf"\b{_COMPARATIVE}\s+(?P<what>that|this|it|those|these|them)"
                         r"(?:\s+(?:one|ones|movie|movies|film|films|list))?\b", re.IGNORECASE)
# "something lighter than", before a title: compared with it; "less dark and older than" is all of it.
_THAN_BEFORE = re.compile(r"\b(?P<also>(?:(?:(?:more|less)\s+[a-z]+|[a-z]+er)\s*(?:,|\band\b)\s*)*)"
                          rf"{_COMPARATIVE}\s*$", re.IGNORECASE)


# "they're a bit older, like 12", "she's older now": the age of whoever watches, no era (read as films before 1980, it
# showed Snow White and The Jungle Book to a twelve-year-old).
_PEOPLE_OLDER = re.compile(r"\b(?:(?:they|he|she|we)(?:['\u2019]?re|['\u2019]?s|\s+(?:are|is))|i['\u2019]?m|i\s+am|"
                           r"(?:kids|children|boys|girls|sons?|daughters?)\s+(?:are|is))\s+"
                           r"(?:(?:a\s+(?:bit|little|lot)|much|way|now|getting|quite|slightly|bit)\s+)*"
                           r"(?P<older>older)\b",
                           re.IGNORECASE)


# ... and "my older kids", "her older brother".
_OLDER_KIN = re.compile(r"\bolder(?=\s+(?:kids|children|brothers?|sisters?|sons?|daughters?|siblings?|boys|girls|"
                        r"teens?|teenagers?)\b)", re.IGNORECASE)


def _without_people_older(message: str) -> str:
    """The message with "older" said of people blanked (`_PEOPLE_OLDER`, `_OLDER_KIN`); offsets kept."""
    return _blanked(message, [*(match.span("older") for match in _PEOPLE_OLDER.finditer(message)),
                              *(match.span() for match in _OLDER_KIN.finditer(message))])


def direction_of(message: str) -> str | None:
    """What should differ in a comparison: "like Inception but less confusing" -> "less confusing", "something
    more recent" -> "more recent"."""
    message = _without_people_older(message)
    match = _COMPARISON.search(message) or _FOR_ADULTS.search(message)
    if match:
        return _era_in_words(match.group("direction").strip(" ,"))
    than = _THAN_SHOWN.search(message)
    if than:
        return than.group("direction")
    era = _ERA_DIRECTION.search(message)
    if era:
        return era.group(1)
    # "the third one is too violent" after films like Pulp Fiction: more like it, less violent.
    too = _TOO_MUCH.search(message)
    return f"less {too.group(1).lower()}" if too and f"less {too.group(1).lower()}" in DIRECTION_MEANINGS else None


def _era_in_words(direction: str) -> str:
    """A direction's time as the tools read it: "not so old" is "newer", "too new" "older" ("like Jaws but not so old"
    was searched as words and showed The Exorcist, of 1973, older than Jaws)."""
    direction = _TOO_NEW.sub("older", re.sub(r"\bnot\s+(?=too\s+(?:new|recent|modern)\b)", "", direction,
                                             flags=re.IGNORECASE))
    return _TOO_OLD.sub("newer", _NOT_OLD.sub("newer", direction))


def _blanked(message: str, spans: Iterable[tuple[int, int]]) -> str:
    """The message with each span's characters made spaces: what is left keeps its offsets."""
    for start, end in spans:
        message = message[:start] + " " * (end - start) + message[end:]
    return message


# "we'd", "they'll", "she'd": without the apostrophe, "wed", "theyll" and "shed" are words of no request ("I'm",
# "I'd" are read as the asking, then as filler).
_PRONOUN_CONTRACTION = re.compile(r"\b(?:we|you|they|he|she)['’](?:d|ll|re|ve)\b", re.IGNORECASE)


# The Second World War as catalogs' tags name it ("World War II"), however it is said.
_SECOND_WORLD_WAR = re.compile(r"\b(?:ww\s?(?:2|ii)|world\s+war\s+(?:2|two|ii)|second\s+world\s+war)\b", re.IGNORECASE)


def _request_text(message: str, spans: Sequence[tuple[int, int]], vocabulary: CategoryVocabulary,
                  theme_of: Callable[[str], object] | None = None) -> tuple[str | None, list[str]]:
    """The request in the user's words, for a search by meaning: the message without the titles and references
    in `spans`, without what it rules out ("no horror") and its filler; None when nothing is asked in words. With
    it, the words ruled out that name no category ("not a prison movie": "prison"), and a theme of two words the
    catalog's tags hold (`theme_of`) as one ("no crude humor": "crude humor"), as is one turned down with "less"
    ("something with less crude humor", which searched it and found Ted)."""
    message = _blanked(message, spans)  # blanked, not cut, so that overlapping spans keep their offsets
    message = _NO_JUMP_SCARES.sub(f" {_SUSPENSE_SAID} ", message)
    ruled_out = [word for clause in _DISLIKED_CLAUSE.findall(message) for word in normalise(clause).split()[1:]]
    # The way a kind said should not be is a way it should, as "nothing too stupid" is: "I don't like stupid
    # comedies" showed the best known films of any kind. Said of no kind ("I hate gory movies"), it asks nothing yet.
    turned = next((word for word in ruled_out
                   if DIRECTION_MEANINGS.get(f"not too {word}") in (_SUSPENSE, _CLEVER, _REAL)), None)
    turned = turned if turned and vocabulary.find(normalise(message)) else None  # the kind, before the clause goes
    # What the user, or who watches with them, does not like is no part of what they ask for: "my wife doesn't
    # like scary stuff" searched "my wife".
    message = _DISLIKED_BY.sub(" ", message)
    message = f"{message} not too {turned}" if turned else message
    message = _SCARED_EASILY.sub(" ", message)  # who will watch, not what to search
    message = _NOT_FOR_KIDS.sub(" ", message)  # "not the ones for little kids" is whom it is not for
    message = _ASKING_PHRASE.sub(" ", message)  # "I'm in the mood for something exciting" found In the Mood for Love
    message = _COUNT_OF_KIND.sub(" ", _COUNT.sub(" ", message))  # "give me 3 comedies" found Three Kings
    message = _UNDERRATED.sub(" ", message)  # read as ratings: "a hidden gem" found Romancing the Stone
    message = _WORST_ASKED.sub(" ", message)
    message = _WELL_MADE.sub(" ", _REVIEWED.sub(" ", message))
    message = _MUST_SEE.sub(" ", message)
    message = _WEEKDAY_NIGHT.sub(" ", message)  # a time to watch: "a Friday night" found Friday and Friday the 13th
    message = _ANYTHING_BUT.sub(" no ", message)  # ruled out as "no horror" is: "anything but horror" searched horror
    message = _NOT_JUST.sub(" ", message)  # "not just explosions": allowed, neither asked for nor ruled out
    message = _OTHER_OF_KIND.sub(" ", message)
    message = _ROMCOM.sub("romantic comedy", message)  # as the catalog's tags say it: "romcom" found True Lies
    message = _SECOND_WORLD_WAR.sub("world war ii", message)  # "not world war 2 though" ruled out "world" alone
    message = _WITH_HEART.sub(" heartwarming", message)  # an idiom: "funny but has heart" found I Heart Huckabees
    # "something different" found Monty Python's And Now for Something Completely Different, "what's trending?"
    # Minority Report: nothing to search, the user's taste and what people watch answer it.
    message = _ANYTHING_GOOD.sub(" ", message)
    # Read as running time: "something short" found Get Shorty, "under 90 minutes" 15 Minutes.
    message = _SHORT.sub(" movie ", _LENGTH_SAID.sub(" ", message))
    message = _PRONOUN_CONTRACTION.sub(" ", message)  # "something we'd both like" searched "wed" and found weddings
    # "Cool! Got anything current?": a sentence that asks for nothing ("Cool!", "Absolutely.") is no part of it,
    # nor what is said of an item already named ("That movie looks unfunny, how about another?"), nor a "yes" in
    # front ("yes i do like comedies" searched "Yes Man").
    sentences = [_INTERJECTIONS.sub("", _without_reaction(sentence))
                 for sentence in re.split(r"(?<=[.!?])\s+", message)]
    message = " ".join([sentence for sentence in sentences if content_words(sentence)] or sentences)
    # A kind typed with a slip is searched as spelled right: "horor movies" searched so found Monsters, Inc.
    words = [vocabulary.spelled(word) for word in normalise(message).split()]

    def tagged_run(start: int) -> int:
        """How many words from `start`, three or two, are a theme the tags hold, of no category ("crude humor",
        "world war ii"); 0 when none are."""
        for size in (3, 2):
            run = words[start:start + size]
            plain = len(run) == size and not any(word in FILLER or word in _NEGATION_GAP for word in run)
            if theme_of is not None and plain and theme_of(" ".join(run)) and not vocabulary.find(run[0]):
                return size
        return 0

    def kind_said(start: int) -> int:
        """How many words from `start` name a kind of film ("romantic comedy"); 0 when none do."""
        following = " ".join(words[start:start + 4]) + " "
        return max((len(phrase.split()) for phrase, _ in vocabulary.phrases if following.startswith(phrase + " ")),
                   default=0)

    kept: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        if word in _LESS:
            past = position
            while past < len(words) and words[past] in _LESS_GAP:
                past += 1
            lessened = kind_said(past)
            if lessened:  # "a comedy with less romance": less of a kind is no part of what to search
                position = past + lessened
                continue
        ahead = position  # "nothing about the second world war": past the words between
        while word in NEGATION_WORDS and ahead < len(words) and words[ahead] in _PAST_NEGATION:
            ahead += 1
        run_ruled_out = tagged_run(ahead) if word in NEGATION_WORDS or word in _LESS else 0
        if word not in NEGATION_WORDS and not run_ruled_out:
            kept.append(word)
            continue
        if run_ruled_out:
            ruled_out.append(" ".join(words[ahead:ahead + run_ruled_out]))
            position = ahead + run_ruled_out
            continue
        # "no horror", "nothing too scary", "no, not a comedy": what is ruled out is a constraint, not the request.
        while position < len(words) and (words[position] in _PAST_NEGATION or words[position] in NEGATION_WORDS):
            position += 1  # "not the ones with aliens": aliens ruled out, not "ones" (it searched "with aliens")
        named = kind_said(position)
        turned_down = (position < len(words)
                       and DIRECTION_MEANINGS.get(f"not too {words[position]}") in (_SUSPENSE, _CLEVER, _REAL))
        if not named and turned_down:
            # "scary but not gory", "a thriller that isn't too violent", "a comedy, nothing too stupid": a way the
            # films should be, searched in the words catalogs use for it ("suspenseful"); ruled out alone, it left
            # only "scary".
            kept.append(f"not too {words[position]}")
        elif named:  # "no horror or comedy": the second kind is ruled out too, no word to search ("or comedy")
            while (position + named + 1 < len(words) and words[position + named] in ("or", "nor")
                   and kind_said(position + named + 1)):
                position += 1 + named
                named = kind_said(position)
        elif position < len(words):
            ruled_out.append(words[position])
            # "not Disney or Pixar please": both ruled out (Pixar was searched, and shown first).
            while (position + 2 < len(words) and words[position + 1] in ("or", "nor")
                   and words[position + 2] not in FILLER and not kind_said(position + 2)):
                position += 2
                ruled_out.append(words[position])
        position += named or 1
    kept = [word for word in kept if word not in _QUALITY]
    # "a thriller but (not too violent)": the thriller; "horror but i (hate gore)": horror
    while kept and kept[-1] in ("but", "and", "or", "with", "i", "we", "he", "she", "they"):
        kept.pop()
    # The request is searched whole, in the user's own words ("something that makes me laugh"): cutting it
    # down to its rare words searched leftovers ("whole" of "the whole family"). Filler only is no request.
    return (" ".join(kept) if content_words(" ".join(kept)) else None), ruled_out


# "a movie about a dog that won't make me cry": one that isn't sad (searched, it found Dog Day Afternoon and Alpha Dog by
# their titles); "a movie that will make me cry" is the tearjerker's.
_WONT_CRY = re.compile(r"\b(?:that\s+|which\s+)?(?:won'?t|will\s+not|wouldn'?t|would\s+not|doesn'?t|does\s+not|"
                       r"(?:do\s*n[o']?t|doesnt)\s+(?:want\s+(?:it\s+)?to|need\s+(?:it\s+)?to))\s+"
                       r"(?:make|have)\s+(?:me|us|you|them|her|him|my\s+\w+)\s+(?:cry|sob|tear\s+up|bawl)\b|"
                       r"\bwithout\s+(?:making\s+(?:me|us)\s+)?(?:crying|tears)\b", re.IGNORECASE)
# "need something that doesn't require much thinking": a mindless one (searched, "thinking" found Inception and A
# Beautiful Mind); the embedding model reads the words, not the "doesn't".
_NO_THINKING = re.compile(r"\b(?:that\s+|which\s+)?(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|will\s+not|"
                          r"wouldn'?t)\s+(?:require|need|take|involve)\s+(?:much\s+|a\s+lot\s+of\s+|any\s+|"
                          r"too\s+much\s+)?(?:thinking|thought|brain\s*power|concentration)\b|"
                          r"\b(?:i\s+)?(?:don'?t|do\s+not)\s+want\s+to\s+(?:have\s+to\s+)?think"
                          r"(?:\s+(?:too\s+)?(?:hard|much))?\b|"
                          r"\bwithout\s+(?:much\s+|having\s+to\s+|too\s+much\s+)?think(?:ing)?\b", re.IGNORECASE)
# "I don't like anything too gory" is "nothing too gory" (it searched "less gory" alone and showed Saw second).
_DONT_LIKE_TOO = re.compile(r"\b(?:i\s+)?(?:don'?t|do\s+not|can'?t|cannot)\s+(?:really\s+)?(?:like|want|handle|stand|"
                            r"do|watch)\s+(?:anything|something|stuff|things|movies|films|ones)\s+(?:that'?s\s+|"
                            r"that\s+(?:is|are)\s+)?(?=(?:too|overly|very|so)\s+\w)", re.IGNORECASE)
# Scary with horror ruled out is a psychological thriller: "something scary tonight but my girlfriend hates horror"
# searched "scary" among all else and showed The Nightmare Before Christmas and Ghostbusters.
_SCARY = re.compile(r"(?<!\btoo\s)(?<!\bnot\s)(?<!\bso\s)\b(?:scary|creepy|spooky|frightening|terrifying)\b",
                    re.IGNORECASE)
_NO_HORROR = re.compile(r"\b(?:hates?|dislikes?|no|not|nothing|without|(?:do|does|can)\s*(?:n'?t|not)\s+(?:like|"
                        r"stand|do|watch)|not\s+(?:into|a\s+fan\s+of))\s+(?:\w+\s+)?horror\b", re.IGNORECASE)
# Laughing out loud asks for a comedy ("a movie that will make me laugh out loud" searched its words: Scary Movie,
# said to match loosely).
_LAUGH_OUT_LOUD = re.compile(r"\b(?:(?:make|makes|making)\s+(?:me|us)\s+)?(?:laugh\s+out\s+loud|laugh\s+(?:my|our)\s+"
                             r"(?:heads?|ass(?:es)?|butts?)\s+off|crack\s+(?:me|us)\s+up|pee\s+(?:my|our)\s+pants|"
                             r"(?:make|makes|making)\s+(?:me|us)\s+laugh\s+(?:so\s+|really\s+)?hard)\b",
                             re.IGNORECASE)
# Funny and not stupid is witty (`_WIT`): "recommend a comedy that isn't stupid" showed Road Trip and Anchorman among
# the best known comedies.
_NOT_STUPID = re.compile(r"\b(?:(?:that|which)\s+)?(?:isn'?t|is\s+not|aren'?t|are\s+not|not|nothing|without\s+being)\s+"
                         r"(?:too\s+|so\s+|that\s+|totally\s+|completely\s+)?"
                         r"(?:stupid|dumb|brainless|idiotic|moronic)\b", re.IGNORECASE)
# The one the recommender picked or named is the one it showed: "something like the one you picked" after a choice
# between two films searched its words (I Know What You Did Last Summer, The One).
_YOUR_PICK = re.compile(r"\bthe\s+(?:one|movie|film)\s+(?:that\s+)?you\s+(?:just\s+)?(?:picked|chose|chosen|"
                        r"recommended|suggested|mentioned|went\s+with)\b", re.IGNORECASE)
# As good as a film liked is the best rated like it: "what else is on that level?" after The Shawshank Redemption
# searched "what else is on level" (The Two Towers, Up, The Phantom Menace came).
# Asked of films to come, never of a film named ("is Toy Story 2 as good as the first one?", "As Good as It Gets").
_AS_GOOD = re.compile(r"\b(?:(?:on|at)\s+(?:that|this|the\s+same|a\s+similar)\s+level|"
                      r"in\s+(?:that|the\s+same)\s+league|"
                      r"of\s+(?:that|the\s+same|similar)\s+(?:caliber|calibre|quality)|"
                      r"\b(?P<ask>anything|something|else|more|others|movies|films|ones|one)\s+"
                      r"(?:that'?s\s+|that\s+(?:is|are)\s+)?(?:just\s+|equally\s+)?as\s+good"
                      r"(?:\s+as\s+(?:that|this|those|these|them|it(?!\s+gets))(?:\s+(?:one|movie|film)s?)?)?"
                      r"(?P<named>\s+as(?!\s+(?:it\s+gets|possible|new|ever|gold)\b))?(?!\s+as\b))\b",
                      re.IGNORECASE)
# After children's films, "something a bit more grown up but still ok for them" asks for what parents watch with older
# children, the adventures everyone knows (its words were searched: Ice Age, Cars); read as the mood of those.
_MORE_GROWN_UP = re.compile(r"\b(?:something\s+|anything\s+)?(?:a\s+(?:bit|little)\s+|slightly\s+)?"
                            r"(?:more\s+grown[\s-]?up|older)\s*,?\s+(?:but|and|yet)\s+still\s+(?:ok|okay|fine|good|"
                            r"appropriate|suitable|safe|alright|all\s+right)\s+for\s+(?:them|the\s+kids|my\s+kids|"
                            r"kids|children|him|her)\b",
                            re.IGNORECASE)
# "I'm sad today": the user's feeling, which a friend lifts (read as "something sad", it showed The Notebook and
# Requiem for a Dream); one who asks to cry ("I'm sad, I need a good cry") is given the tearjerker still.
_FEELING_SAD = re.compile(r"\b(?:i'?m|i\s+am|i\s+feel|i'?ve\s+been|(?:i'?m\s+)?feeling)\s+(?:so\s+|really\s+|very\s+|"
                          r"a\s+(?:bit|little)\s+|kind\s+of\s+|kinda\s+|pretty\s+|quite\s+)?(?:sad|depressed|"
                          r"heartbroken|miserable|gloomy)\b", re.IGNORECASE)
# A breakup is the same sadness: "I just broke up with my girlfriend" searched its words (My Super Ex-Girlfriend, The
# Break-Up, Leaving Las Vegas); whom with is consumed, or "girlfriend" reads as a date night.
_BROKEN_UP = re.compile(r"\b(?:i|we)\s+(?:just\s+|recently\s+)?(?:broke|split)\s+up(?:\s+with\s+(?:my|our)\s+"
                        r"(?:girlfriend|boyfriend|partner|wife|husband|fianc[eé]e?|gf|bf))?\b|"
                        r"\b(?:i\s+)?(?:just\s+)?got\s+dumped\b|\bgoing\s+through\s+a\s+(?:break[\s-]?up|divorce)\b|"
                        r"\bmy\s+(?:girlfriend|boyfriend|partner|wife|husband|gf|bf)\s+(?:just\s+)?(?:left|dumped)"
                        r"\s+me\b", re.IGNORECASE)
_WANTS_TEARS = re.compile(r"\b(?:cry|crying|tears|tearjerker|sad\s+(?:movie|film|one|story)|something\s+sad|wallow)\b",
                          re.IGNORECASE)
# Old Hollywood is a time, the studio era up to the mid-1960s, not films about Hollywood: "she likes musicals and old
# Hollywood" showed Get Shorty, tagged Hollywood, and Mamma Mia! of 2008 (read as "old", Grease and The Rocky Horror
# Picture Show).
_OLD_HOLLYWOOD = re.compile(r"\b(?:old|classic|vintage|golden[\s-]+age(?:\s+of)?)\s+hollywood\b"
                            r"(?:\s+(?:movies|films))?", re.IGNORECASE)
# New to horror, a milder horror film to start with, as for one scared easily: "what's a good movie for someone who
# has never seen a horror film?" read "never" as horror ruled out (Ghost, Monsters, Inc., Cape Fear). Not "I've never
# seen a horror movie I liked".
_NEW_TO_HORROR = re.compile(r"(?:\b(?:for\s+)?(?:someone|somebody|a\s+person|people|a\s+friend)\s+who\s+)?"
                            r"\b(?:(?:has|have|had|'ve)\s+)?never\s+(?:seen|watched)\s+(?:a\s+|any\s+)?horror"
                            r"(?>(?:\s+(?:movies?|films?))?)\b(?!\s+(?:i|that|which|we)\b)|"
                            r"\b(?:an?\s+)?(?:good\s+)?first\s+horror\s+(?:movies?|films?)\b|"
                            r"\bhorror\s+(?:movies?\s+|films?\s+)?for\s+(?:a\s+)?"
                            r"(?:beginners?|newbies?|first[\s-]timers?)\b|"
                            r"\bnew\s+to\s+horror(?:\s+(?:movies|films))?\b|\bgateway\s+horror(?:\s+(?:movies?|films?))?\b",
                            re.IGNORECASE)
# A request taken back within the message: "no wait", "scratch that", "on second thought", "actually, make it".
_CORRECTION = re.compile(r"(?:^|(?<=[.!?,;]))\s*(?:no\s*,?\s*wait|wait\s*,?\s*no|scratch\s+that|"
                         r"on\s+second\s+thoughts?|actually\s*,?\s*(?:no\b|(?=make\s+it\b|i'?d\s+rather\b)))[\s,.!-]*",
                         re.IGNORECASE)
# "if I enjoy Heat, what else is there?", "what else would you recommend?" after a title: films like it (the title was
# searched: Heat and The Heat, Warm Bodies). Not "what else did he direct?", "what else is he in?": of its people.
_WHAT_ELSE = re.compile(r"\bwhat\s+else\s+(?:is\s+there|(?:would|could|can|should|do)\s+(?:you|i|we)\b)",
                        re.IGNORECASE)
_SEEN_ALL = re.compile(r"\b(?:seen|watched|saw)\s+(?:all|every\s+one|each)\s+(?:of\s+)?(?:the\s+)?"
                       r"(?P<body>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+(?:movies|films|ones)\b", re.IGNORECASE)
# "I'm in the mood for", "I'm a big fan of": the asking, no words of what is asked ("big" found films tagged "big
# budget" for "I'm a big fan of Christopher Nolan").
_ASKING_PHRASE = re.compile(r"\b(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+)?(?:in\s+the\s+mood\s+for|(?:a\s+)?"
                            r"(?:(?:big|huge|massive|great|real|die[\s-]?hard)\s+)?fans?\s+of)\b|"
                            # "I am really big on 80's movies too": the years, where "big" found The Big Chill
                            r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:(?:really|rally|very|so|pretty|super|quite)\s+)?"
                            r"(?:big|huge)\s+on\b|"
                            # "make it a comedy": "make it" found Bring It On and Borat ("Make Benefit")
                            r"^\s*(?:(?:let'?s\s+)?make\s+it|let'?s\s+(?:do|go\s+with))\b|"
                            # "what's the highest rated movie in the catalog?": where to look, not what ("catalog"
                            # was searched, and Toy Story came first of the best rated)
                            r"\b(?:in|from|of|on)\s+(?:the|your|this)\s+(?:catalog(?:ue)?|collection|database|"
                            r"library)\b", re.IGNORECASE)
# "give me 3 comedies", "suggest two thrillers", "top 5 horror movies": how many items to show.
_COUNT = re.compile(r"\b(?:(?:give|show|suggest|recommend|name|list|tell)\s+(?:me\s+)?(?:the\s+)?|top\s+|just\s+)"
                    r"(?P<count>[1-9]|10|two|three|four|five|six|seven|eight|nine|ten|a\s+couple(?:\s+of)?)\b"
                    r"(?!\s+(?:year|years|hours?|minutes?)\b)", re.IGNORECASE)
# A count before the kind of film, said first or after a wish: "two comedies from the 90s", "I want 3 horror movies"
# (it showed five).
_COUNT_OF_KIND = re.compile(r"(?:^[\s\W]*|\b(?:want|need|like|get|have|find|watch|see)\s+)"
                            r"(?P<count>[1-9]|10|two|three|four|five|six|seven|eight|nine|ten|a\s+couple(?:\s+of)?)"
                            rf"(?=\s+(?:[\w-]+\s+){{0,2}}?{_KIND_SAID}\b)", re.IGNORECASE)


def _number(said: str) -> int:
    """A count as said: "3", "three", "a couple of" (two)."""
    said = said.lower()
    return 2 if said.startswith("a") else int(said) if said.isdigit() else _COUNTS[said]


# "2 horror movies and 2 comedies", "one comedy, one drama": so many of each kind, each counted part naming its own.
_COUNTED_KIND = re.compile(r"\b(?P<count>[1-9]|10|one|two|three|four|five|a\s+couple(?:\s+of)?)\s+"
                           r"(?P<kind>[a-z][\w\s-]{1,40}?)(?=\s*(?:,|\band\b|\bplus\b|&|[.!?]|$))", re.IGNORECASE)


def kinds_counted(message: str, vocabulary: CategoryVocabulary) -> tuple[tuple[str, tuple[str, ...], int], ...]:
    """The kinds asked for as said, with their categories and how many of each ("2 horror movies and 2 comedies":
    ("horror movies", (Horror,), 2), ("comedies", (Comedy,), 2)), where two or more counted parts each name other
    kinds; () otherwise."""
    parts: list[tuple[str, tuple[str, ...], int]] = []
    for match in _COUNTED_KIND.finditer(message):
        kinds = tuple(dict.fromkeys(category for category, _, _ in vocabulary.find(normalise(match.group("kind")))))
        if not kinds:
            return ()  # "2 horror movies and one for the kids": a part of no kind, read as a whole
        parts.append((match.group("kind"), kinds, _number(match.group("count"))))
    return tuple(parts) if len(parts) > 1 and len({kinds for _, kinds, _ in parts}) == len(parts) else ()


# "just one please", "only one": a single item, where five came ("just one more" asks for more, "only one of them"
# points at the items shown, "if it's only one, that's okay too" allows one).
_JUST_ONE = re.compile(r"(?<!'s )(?<!\bits )(?<!\bis )(?<!\bwas )\b(?:just|only)\s+(?:one|1)\b"
                       r"(?!\s+(?:more|like|of|with|that|which|thing)\b)", re.IGNORECASE)


def count_asked(message: str) -> int | None:
    """How many items the message asks for ("give me 3 comedies": 3), or None."""
    if _JUST_ONE.search(message):
        return 1
    match = _COUNT.search(message) or _COUNT_OF_KIND.search(message)
    if not match:
        return None
    return _number(match.group("count"))


# "with great reviews", "well reviewed": rated, no words to search (searched: As Good as It Gets, Nine Months,
# Mallrats).
_REVIEWED = re.compile(r"(?:\bwith\s+)?\b(?:really\s+)?(?:great|good|rave|glowing|strong|positive|excellent)\s+"
                       r"reviews\b|\b(?:well|highly)[\s-]+reviewed\b", re.IGNORECASE)
# "the best movies of the 90s", "top rated comedies", "acclaimed dramas": the best rated of what is asked.
_BEST_RATED = re.compile(r"\b(?:(?:top|highest|best|well|highly)[\s-]+rated|(?:critically\s+)?acclaimed|masterpieces?|"
                         r"(?:your\s+)?top\s+(?:\d{1,2}|three|five|ten)\b|"  # "your top 3 comedies": the best of them
                         r"(?:best|greatest)(?:\s+[\w-]+)?\s+(?:movies?|films?|ones?)|greatest|all[\s-]+time\s+best|"
                         rf"{_REVIEWED.pattern}|"
                         # "the funniest movie ever" (it showed Ace Ventura, the most watched comedy)
                         r"(?:funniest|scariest|saddest)\s+(?:[\w-]+\s+)?(?:movies?|films?|ones?|comed(?:y|ies))"
                         r"(?:\s+(?:ever(?:\s+made)?|of\s+all\s+time|in\s+history))|"
                         # "the best comedies of the 90s" (searched: Ace Ventura, Dumb & Dumber)
                         r"(?:best|greatest)\s+(?:comedies|dramas|thrillers|westerns|musicals|documentaries|cartoons|"
                         r"romances|mysteries|rom-?coms|animations|horrors|adventures|fantasies|war\s+stories))\b",
                         re.IGNORECASE)
# "with really good actors", "well acted", "just a good story": the craft people rate films for; the catalog knows it
# only by how they rated them, so these ask for the best rated, and are no words to search ("good actors" found
# films with "Actor" in the title).
_WELL_MADE = re.compile(r"\b(?:(?:good|great|strong|excellent|brilliant|amazing|solid|fine|terrific)\s+"
                        r"(?:actors|acting|cast|performances?|story(?:line)?|plot|script|writing)|"
                        r"well[\s-]+(?:acted|written|made|crafted)|"
                        # "a horror movie that's actually good": its best rated (Scary Movie came, by its title);
                        # "a movie from the 80s that's still good today" too (its words were searched)
                        r"(?:actually|genuinely|truly|legitimately)\s+(?:good|funny)|still\s+(?:good|great|holds?\s+up)"
                        r"(?:\s+(?:today|now|these\s+days))?|holds?\s+up(?:\s+(?:today|now|well))?|"
                        r"aged\s+well|stood\s+the\s+test\s+of\s+time)\b", re.IGNORECASE)
# "a classic everyone should see", "a must-see", "what should I watch before I die": the films people rate best,
# no words to search ("everyone should see" showed Monty Python's comedies); "what should I watch?" alone is none.
_ONCE = r"(?:at\s+least\s+once|in\s+(?:their|your|my|a)\s+life(?:time)?|before\s+(?:i|you|we)\s+die)"
_SEE = rf"(?:see|watch)(?:\s+{_ONCE})?"
_MUST_SEE = re.compile(rf"\b(?:must[\s-]+(?:see|watch)(?:es)?|(?:see|watch)\s+{_ONCE}|before\s+(?:i|you|we)\s+die"
                       rf"|(?:everyone|everybody|people)\s+(?:should|must|(?:has|have|needs?|ought)\s+to)\s+{_SEE}|"
                       rf"(?:should|must)\s+(?:everyone|everybody|people)\s+{_SEE}|"
                       r"essential\s+(?:movies?|films?|viewing|watching|classics?)|"
                       # "what's a movie everyone loves?" (its words found Love Actually)
                       r"(?:everyone|everybody|most\s+people)\s+(?:seems\s+to\s+)?(?:loves?|likes?|adores?|raves?\s+"
                       r"about))\b", re.IGNORECASE)
# Right before a title ruled out of a request: "other than", "besides", "that isn't", "but not", "anything but"; "not
# Toy Story" opening a message is said of the film ("not Toy Story, we've seen it a million times").
_TITLE_RULED_OUT = re.compile(r"(?:\b(?:other\s+than|besides|apart\s+from|except(?:\s+for)?|excluding|but\s+not|"
                              r"nothing\s+like|"
                              r"(?:anything|everything)\s+(?:but|except)|(?:that|which)(?:\s+is\s*n['’]?t|\s+is\s+not|"
                              r"['’]?s\s+not|\s+isnt))|(?:[,;:]|\bbut)\s*(?:just\s+)?not)\s+(?:the\s+)?$",
                              re.IGNORECASE)
# "not Titanic" said alone: the film ruled out (it showed Titanic's details); "not Toy Story, we've seen it a million
# times" says more of it, and is feedback.
_NOT_BEFORE_ALONE = re.compile(r"^\s*(?:(?:no|nah|nope|ok|okay|hmm+)\s*[,.!]?\s*)?not\s+(?:the\s+)?$", re.IGNORECASE)
# "anything but horror", "everything except comedies": ruled out as "no horror" is (it searched "horror").
_ANYTHING_BUT = re.compile(r"\b(?:anything|everything)\s+(?:but|except)\b", re.IGNORECASE)
# "a good story, not just explosions": more than that, which is neither the request nor ruled out.
_NOT_JUST = re.compile(r"\bnot\s+(?:just|only|merely|all)\s+(?:about\s+)?[\w-]+", re.IGNORECASE)
# "not that kind of humor, something smarter": another of the kind, not none of it (it ruled comedies out).
_OTHER_OF_KIND = re.compile(r"\b(?:not|never)\s+(?:that|this|those|these)\s+(?:kinds?|sorts?|types?)\s+of\b",
                            re.IGNORECASE)
# "an underrated gem", "something overlooked", "a lesser-known thriller": well rated and less known.
_UNDERRATED = re.compile(r"\b(?:underrated|under-rated|underappreciated|overlooked|(?:hidden\s+)?gems?|"
                         r"(?:lesser|little|less)[\s-]+known|(?:(?:flew|flown|flies|fly|flying|went|gone|slipped|"
                         r"slid)\s+)?under\s+the\s+radar|not\s+(?:so\s+|very\s+|too\s+)?"
                         r"(?:well[\s-]+known|mainstream|popular|famous)|less\s+(?:mainstream|popular|famous)|"
                         r"obscure|"
                         # "a movie everyone loves but I probably haven't seen" (its words found Love Actually)
                         r"(?:i|you)(?:'ve|\s+have)?\s+(?:probably|might|may|likely)\s+(?:not\s+(?:have\s+)?seen|"
                         r"(?:have\s*n[o'\u2019]?t|haven'?t|never)\s+seen|(?:have\s*n[o'\u2019]?t|haven'?t|never)\s+"
                         r"heard\s+of)|(?:i|you)\s+(?:probably\s+)?(?:haven'?t|have\s+not)\s+heard\s+of)\b",
                         re.IGNORECASE)


# "under 90 minutes", "less than two hours and a half", "something short", "nothing too long": how long the films
# may run.
_LENGTH_SAID = re.compile(r"\b(?:under|less\s+than|shorter\s+than|no\s+(?:longer|more)\s+than|at\s+most|"
                          r"max(?:imum)?|within|"
                          # "I have like 90 minutes", "we've only got two hours": the time there is
                          r"(?:i|we)(?:'ve|\s+have)?\s+(?:only\s+|just\s+)?(?:have|got)"
                          r"(?:\s+(?:like|about|around|only|just|maybe))?)\s+(?P<amount>\d{1,3}|an?|one|two|three)\s*"
                          r"(?P<unit>minutes?|mins?|hours?|hrs?)\b(?P<half>\s+and\s+a\s+half)?"
                          # "I've got 2 hours to kill": searched, "kill" found Kill Bill
                          r"(?:\s+to\s+(?:kill|spare|fill))?", re.IGNORECASE)
# "I'm in a rush", "short on time" ask for a short film too (searched, "in a rush" found Rush Hour and Rushmore).
_SHORT = re.compile(r"\b(?:short|quick)\s+(?:movies?|films?|ones?|watch)\b|\b(?:something|anything)\s+short\b|"
                    r"\b(?:not|nothing|isn'?t|aren'?t|is\s+not|are\s+not)\s+(?:too|very|so|that|overly)\s+long\b|"
                    r"\bin\s+a\s+(?:rush|hurry)\b|"
                    # "something shorter" after a list (searched, "shorter" found Get Shorty)
                    r"\bshorter\b(?!\s+than)|\bless\s+long\b|"
                    r"\b(?:short\s+on|pressed\s+for|don'?t\s+have\s+(?:much|a\s+lot\s+of))\s+time\b", re.IGNORECASE)
SHORT_MINUTES = 100  # "something short": a film of an hour and forty minutes or less
_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


def minutes_asked(message: str) -> int | None:
    """The longest running time the message allows, in minutes ("under 90 minutes": 90), or None."""
    match = _LENGTH_SAID.search(message)
    if not match:
        return SHORT_MINUTES if _SHORT.search(message) else None
    said = match.group("amount").lower()
    amount = float(said) if said.isdigit() else float(_AMOUNTS[said])
    hours = match.group("unit").lower().startswith("h")
    return int((amount + (0.5 if match.group("half") else 0.0)) * (60 if hours else 1))


_WATCHED_THERE = re.compile(r"\b(?:watched|watching|saw|seen|streamed|rewatched)\b[^.!?;,]*$", re.IGNORECASE)
# How an item asked of feels, in a word of no kind of film: "the first one, is it sad?", "is that one too slow?",
# "is the first one sad?" (it gave the details alone, as if nothing was asked).
_FELT = re.compile(r"\b(?:is|was)\s+(?:it|that|this|the\s+[a-z0-9]+\s+(?:one|movie|film))(?:\s+one)?\s+"
                   r"(?:too\s+|very\s+|really\s+|a\s+bit\s+|kind\s+of\s+)?(?P<feel>[a-z]{3,})\s*(?:[?.!]|$)",
                   re.IGNORECASE)
# Asked of an item, these are its length, years or worth, which the details answer: no feel.
_NO_FEEL = frozenset({"long", "short", "new", "old", "recent", "good", "bad", "worth", "out", "available", "free"})


# The words people tag a feel with besides its own: Requiem for a Dream is tagged "depressing", not "sad"; the catalog
# tags gore rather than calling films gory.
FEEL_TAGS = {"sad": ("depressing", "tearjerker", "heartbreaking", "tragic", "tragedy", "moving"),
             "depressing": ("sad", "bleak", "tragic"), "violent": ("violence", "gore", "gory", "brutal", "bloody"),
             "gory": ("gore", "bloody", "brutal", "splatter", "violence", "violent"),
             "bloody": ("gore", "gory", "brutal", "splatter", "violence", "violent"),
             "dark": ("disturbing", "bleak", "grim"), "slow": ("boring", "slow-paced")}


def _felt(message: str, mentions: Sequence[TitleMention], described: Callable[[str], bool] | None,
          vocabulary: CategoryVocabulary) -> str | None:
    """The word an item is asked to feel like ("sad" of "is it sad?", "gory" of "is The Shining very gory?"), where
    the catalog's words hold it or a word tagged for it, and no kind of film is named by it."""
    for mention in sorted(mentions, key=lambda said: -said.start):  # a title asked of is "it"
        message = f"{message[:mention.start]}it{message[mention.end:]}"
    asked = _FELT.search(message)
    feel = asked.group("feel").lower() if asked else ""
    return feel if feel and described is not None and any(map(described, (feel, *FEEL_TAGS.get(feel, ())))) \
        and feel not in FILLER and feel not in _NO_FEEL and not vocabulary.find(feel) else None


# Films in colour, which no catalog field says: those from 1960 on, when most were ("something in color" after film noir
# searched the words, and found The Color Purple and Three Colors: Blue by their titles).
_IN_COLOUR = re.compile(r"\b(?:in\s+colou?r|(?:not|no|nothing|without|hate|(?:don'?t|do\s+not)\s+(?:like|want))\s+"
                        r"(?:in\s+|any(?:thing)?\s+)?black[\s-]+(?:and|&|n)[\s-]+white"
                        r"(?:\s+(?:movies?|films?|ones?))?)\b", re.IGNORECASE)
COLOUR_YEAR = 1960
# Awards, which no catalog field says: "what movies won best picture?", "any oscar winners?" (searched, Cars and
# Monsters, Inc. came); the best rated of what is asked answer them, said so.
_AWARDS = re.compile(r"\b(?:(?:won|win|winning|winners?\s+of)\s+(?:an?\s+|the\s+)?)?(?:best\s+picture|oscars?|"
                     r"academy\s+awards?|golden\s+globes?|palme\s+d'?or)(?:[\s-]+(?:winn(?:ing|ers?)|nominated|"
                     r"nominees?))?\b", re.IGNORECASE)  # not "award winning": "did she act in award winning movies?"
_YES_NO_ASKED = re.compile(r"\s*(?:was|wasn'?t|is|isn'?t|did|didn'?t|does|doesn'?t|has|hasn'?t)\b", re.IGNORECASE)
# Where a film streams: "what's on Netflix right now?", "anything good on Disney+?"; the service said otherwise asks for
# nothing ("we've watched Frozen 20 times since disney+ was released").
_STREAMED_ON = re.compile(r"\b(?:on|from)\s+(?P<service>netflix|hulu|amazon\s+prime(?:\s+video)?|"
                          r"prime\s+video|disney\s*(?:\+|plus\b)|hbo(?:\s+max)?|apple\s+tv(?:\s*\+|\s+plus\b)?|"
                          r"peacock|paramount\s*(?:\+|plus\b))(?:\s+(?:right\s+)?now)?", re.IGNORECASE)


# "surprise me", "something random": films people rate well and few have seen, as a friend's surprise is; it showed
# the five most popular (Forrest Gump, The Shawshank Redemption).
_SURPRISE = re.compile(r"\bsurprise\s+(?:me|us)\b|\b(?:something|anything)\s+random\b|"
                       r"\b(?:a\s+|some\s+)?random\s+(?:movies?|films?|ones?|picks?)\b", re.IGNORECASE)


# The worst rated, asked for: "what's the worst sci-fi movie?", "and the worst?" after the best rated (it showed the
# most watched). Said of a film ("that was the worst movie ever") it is no request.
_WORST_ASKED = re.compile(r"\b(?:worst|lowest)[\s-]+rated\b|(?:^\W*|\b(?:what(?:'?s|\s+is|\s+are|\s+was)|"
                          r"which\s+(?:is|are|was)|show\s+me|give\s+me|and|how\s+about|what\s+about|name)\s+)"
                          r"(?:the\s+|some\s+(?:of\s+)?(?:the\s+)?)?worst\b", re.IGNORECASE)


def rated_asked(message: str) -> str | None:
    """"underrated" when the message asks for a film well rated and less known, "best" when it asks for the best
    rated ("the best sci-fi movies", "top rated comedies"), "worst" for the worst rated; else None. "The most
    popular" is no rating."""
    if _WORST_ASKED.search(message):
        return "worst"
    if _UNDERRATED.search(message) or _SURPRISE.search(message):
        return "underrated"
    return "best" if any(said.search(message) for said in (_BEST_RATED, _WELL_MADE, _MUST_SEE)) else None


# ... and hesitation, or a shrug at the list: "i dunno, something good" searched "i dunno something good" (As Good as It
# Gets, A Few Good Men), "eh not feeling it. something else" searched "eh it".
_INTERJECTIONS = re.compile(r"^\s*(?:(?:yes|yeah|yep|yup|ok|okay|sure|well|oh|ah|hmm+|absolutely|definitely|shoot|"
                            r"cool|great|nice|awesome|alright|eh|meh|idk|dunno|i\s+dunno|i\s+don'?t\s+know|"
                            r"not\s+sure|no\s+idea|not\s+(?:really\s+)?feeling\s+(?:it|this|that|those|these|them))"
                            r"(?![-\w])[\s,!.]*)+", re.IGNORECASE)
# A clause about an item already in the conversation: "That movie looks terribly unfunny", "this one is too scary".
_ABOUT_NAMED = re.compile(r"\s*(?:(?:(?:(?:that|this|the)\s+)?(?:movie|film|one)|it|that|this)\s+"
                          r"(?:looks?|sounds?|seems?|is|was)|looks?|sounds?|seems?)\b[^,;]*(?:[,;]\s*|$)",
                          re.IGNORECASE)  # (the title or reference said first may be taken out already)


# A first clause about the items just shown, followed by what is asked: "hmm those are all superhero movies, I want
# something like it but not a superhero film" searched "those are all superhero movies" with the rest.
_ABOUT_SHOWN = re.compile(r"\s*(?:(?:hmm+|well|oh|ah|but|so)[\s,]+)?(?:those|these)(?:\s+(?:movies|films|ones))?\s+"
                          r"(?:are|were|look|seem|sound)\b[^,;]*[,;]\s*(?:but\s+)?(?=\S)", re.IGNORECASE)


def _without_reaction(sentence: str) -> str:
    """The sentence without a first clause that speaks of an item already named ("This one is too scary, something
    lighter" asks for something lighter), or of those shown."""
    match = _ABOUT_NAMED.match(sentence) or _ABOUT_SHOWN.match(sentence)
    return sentence[match.end():] if match else sentence


# A message that speaks of someone or something already in the conversation ("I like him", "it was great", "one
# of the best!") without asking for anything or naming a kind of film: a reaction, not a new request.
_SPOKEN_OF = re.compile(r"\b(?:he|she|him|her|it|they|them|one of|(?:that|this|those|these)(?=\s+(?:is|was|are|were|"
                        r"sounds?|looks?|seems?)\b))\b", re.IGNORECASE)  # "toys that come alive" is a request
_FILM_NOUNS = re.compile(r"\b(?:movies?|films?|flicks?|shows?|series|documentar(?:y|ies)|cartoons?|where|about)\b",
                         re.IGNORECASE)


# "the future portrayed seemed a little dated", "the ending felt rushed": a judgement of something watched.
_JUDGED = re.compile(r"\b(?:seemed|felt|looked|sounded)\b(?!\s+like\b)", re.IGNORECASE)


# "thanks, I'll check it out", "sounds good", "thanks for the suggestion!": what was shown is taken, and nothing more
# is asked ("no thanks" is not taking it); "suggestion" thanked for is no request for one.
_THANKED_FOR = (r"(?:the|your|that|this|these|those|all\s+the)\s+(?:recc?omm?endations?|suggestions?|ideas?|picks?|"
                r"help)")
_ACCEPTS_PICK = r"accept(?:ed)?\s+(?:that|this|your|the)\s+(?:recc?omm?endation|suggestion|pick|one)"
_CLOSING = re.compile(r"(?<!no )\b(?:(?:thanks?|thank\s+you|thx)(?:\s+(?:so\s+much|a\s+lot))?(?:\s+for\s+"
                      + _THANKED_FOR + r")?|appreciate\s+(?:it|that|" + _THANKED_FOR + r")|"
                      r"(?:i'?ll|i\s+will|we'?ll|we\s+will|will)\s+(?:check|watch|look|give|try)|"
                      # "I would love to watch that movie some day": the film shown, taken
                      r"(?:would|'d)\s+(?:love|like)\s+to\s+(?:watch|see)\s+(?:it|that|this|them|those|"
                      r"the\s+(?:\w+\s+)?(?:one|movie|film))\b(?!\s+kind)|"
                      r"plan(?:ned|ning)?\s+(?:to|on)\s+(?:watch|see)(?:ing)?\b"
                      r"(?!\s+(?:a|an|some|something|anything)\b)|"
                      + _ACCEPTS_PICK + r"|"
                      r"check\s+(?:it|them|that)\s+out|sounds?\s+(?:good|great|perfect|fun)|bye|goodbye|"
                      r"add\s+(?:it|them|that|those)\s+to\s+my\s+(?:watch\s*)?list)\b",
                      re.IGNORECASE)


# "perfect", "great!": a word alone that takes what was shown; searched, "perfect" found Heat and You've Got Mail.
_ACCEPTED = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:perfect|great|awesome|excellent|lovely|brilliant|nice\s+one)\W*$",
                       re.IGNORECASE)


# "I accept your recommendation", "You've convinced me, I'm definitely going to watch this movie": what was shown is
# taken, whatever else the message tells of the user's taste.
_ACCEPTS = re.compile(rf"\b{_ACCEPTS_PICK}\b|"
                      r"\b(?:you'?ve|you\s+have)\s+convinced\s+me\b|"
                      r"\b(?:i'?m|i\s+am)\s+(?:\w+\s+)?(?:going\s+to|gonna)\s+(?:watch|see|check\s+out)\s+"
                      r"(?:it|this|that|them|those)\b", re.IGNORECASE)


def _asks_beside_accepting(text: str, message: str, categories: Sequence[str]) -> bool:
    """Whether a message that takes what was shown asks for more too: "I accept your recommendation, any other
    comedies?". `text` is the message normalised."""
    rest = _ACCEPTS.sub(" ", _CLOSING.sub(" ", text))
    return (_has(rest, RECOMMEND_CUES) or _has(rest, ASKING_FOR_OTHERS)
            or (bool(categories) and message.rstrip().endswith("?")))


# "I did not see anything. Can you resend?", "show me those again", "what were they again?": the last reply's list
# once more (it showed five further down the theme). Of the list, not a film: "I'd watch it again" is no request.
_LIST_WORDS = r"(?:them|those|these|that|the\s+(?:list|titles|movies|films|names|picks|suggestions|recommendations))"
_AGAIN = re.compile(r"\b(?:re-?send|re-?post|re-?list)\b|"
                    r"\b(?:show|send|list|give|tell|post|repeat)\s+(?:me\s+|us\s+)?" + _LIST_WORDS
                    + r"\s+(?:again|one\s+more\s+time)\b|"
                    r"\brepeat\s+(?:that|the\s+list|them|those)\b|"
                    r"\bwhat\s+were\s+(?:they|those|the\s+\w+)\s+again\b|"
                    r"\b(?:the\s+list|the\s+(?:titles|movies|films))\s+(?:didn'?t|did\s+not|doesn'?t|"
                    r"does\s+not|never)\s+(?:show|load|come|appear)|"
                    r"\bnothing\s+(?:showed|came)\s+up\b", re.IGNORECASE)


def _asks_again(message: str) -> bool:
    """Whether a message asks to see the last reply's list again."""
    return bool(_AGAIN.search(message))


# "why?", "why those?", "how come?" after a list: what it was chosen for, which its reasons say (searched, "why"
# found Why Him? and Because I Said So).
_WHY = re.compile(r"^\s*(?:(?:but|and|so|ok|okay|hmm+)[\s,]+)?(?:why|how\s+come|what\s+makes\s+(?:them|those|these|it)"
                  r"(?:\s+so)?\s+(?:good|great|special))(?:\s+(?:those|these|them|that\s+one|this\s+one|that|this|"
                  r"those\s+ones|did\s+you\s+(?:pick|choose|suggest)\s+(?:those|these|them|that|it)|do\s+you\s+"
                  r"(?:say|think)\s+(?:so|that)))?\s*[?!.]*\s*$", re.IGNORECASE)

# "why did you pick the second one?", "why the third?", "how come you suggested Clerks?": what that item was chosen for
# (searched, "why did you pick" found Because I Said So).
_WHY_POINTED = re.compile(r"^\s*(?:(?:but|and|so|ok|okay|hmm+)[\s,]+)?(?:why|how\s+come)\s+(?:(?:did|do|would)\s+"
                          r"you\s+|you\s+)?(?:(?:pick|picked|choose|chose|suggest|suggested|recommend|recommended|"
                          r"include|included|put|add|added)\b|(?:is|was)\b|the\b|number\b)", re.IGNORECASE)


def is_closing(message: str) -> bool:
    """Whether a message thanks for or accepts what was shown (read only where it asks for nothing)."""
    return bool(_CLOSING.search(message) or _ACCEPTED.match(message) or _ACCEPTS.search(message))


def is_reaction(message: str) -> bool:
    """Whether a message without a request cue only reacts to the conversation: its words are no theme to search.
    A name in it is a theme ("They are okay. I think Marvel does a better job")."""
    spoken_of = _SPOKEN_OF.search(message) or _JUDGED.search(message)
    return bool(spoken_of) and not _FILM_NOUNS.search(message) and not _names(message)


# "I actually own that movie on dvd", "i've seen marriage story. I know the supporting actress has won": the user tells
# of a film or a person spoken of, and asks for nothing; searched, their words found Stuart Little and Peggy Sue Got
# Married. "I'm really into heist films", "my kids love dinosaurs" tell of a taste ("talk me into" does not), "I'm
# feeling down, cheer me up" of a mood; a name is a theme ("They are okay. I think Marvel does a better job").
_TELLS = re.compile(r"^(?:i|im|ive|id|ill|we|weve|were|thats|its|my|our|he|hes|she|shes|they|theyre)\b")
_OF_WHAT_WAS_SAID = re.compile(r"\b(?:he|she|him|her|it|they|them|(?:that|this|the)\s+(?:movie|film|one)|seen|saw|"
                               r"watched|own)\b")
_TASTE_CUES = (*(cue for cue in LIKE_CUES if cue != "into"), "im into", "really into", "am into", "are into",
               "want", "wants", "need", "needs", "prefer", "prefers", "mood", "looking for", "interested", "fancy",
               "craving", "hoping", "wish", "miss")


# A film just told of, said to have qualities: "It has some serious psychological concepts in it." after the details of
# A Clockwork Orange (small talk, it went on with the horror films asked for before: 28 Days Later, Zombieland).
_TOLD_OF_IT = re.compile(r"^\W*it(?:'?s)?\b", re.IGNORECASE)
# A quality denied or found fault with asks for no more of it: "it wasn't scary enough", "it was boring".
_DENIED = re.compile(r"\b(?:not|no|never|nothing|too|but|though)\b|n't\b|\b(?:isnt|wasnt|doesnt|didnt)\b",
                     re.IGNORECASE)
_FAULTS = frozenset({"boring", "slow", "dated", "bad", "awful", "terrible", "overrated", "predictable", "confusing",
                     "stupid", "dumb", "cheesy", "long", "lame", "mediocre", "disappointing", "pretentious",
                     "forgettable", "annoying", "weak", "overlong", "silly", "corny", "meh"})
# Praise that names no quality to look for: "It was a really cool movie".
_PRAISE = frozenset({"good", "great", "cool", "nice", "amazing", "awesome", "excellent", "fantastic", "brilliant",
                     "best", "favorite", "favourite", "interesting", "entertaining", "enjoyable", "fun", "wonderful",
                     "perfect", "incredible", "classic", "masterpiece", "okay", "ok", "fine", "decent", "solid"})


def _qualities_told(message: str, theme_of: Callable[[str], object] | None) -> list[str]:
    """The themes the catalog's tags hold that a message says the film just told of has, in their order: "it has some
    serious psychological concepts in it" is "serious", "psychological". None for a fault or a quality denied."""
    if theme_of is None or not _TOLD_OF_IT.match(message) or _DENIED.search(message):
        return []
    words = [word for word in content_words(normalise(message)) if word not in _EVERYDAY and word not in _ASPECTS]
    if _FAULTS & set(words):
        return []

    def tagged(word: str) -> bool:
        films = theme_of(word)
        return isinstance(films, Collection) and len(films) > 1

    return [word for word in dict.fromkeys(words) if word not in _PRAISE and tagged(word)]


def _tells_only(message: str, query: str) -> bool:
    """Whether a message (its words normalised in `query`, no request cue in them) tells of a film or a person spoken
    of, not of a taste, a wish or a name."""
    return (bool(_TELLS.match(query)) and bool(_OF_WHAT_WAS_SAID.search(query)) and not _has(query, _TASTE_CUES)
            and not _names(message))


def _names(message: str) -> list[str]:
    """Capitalised words that do not start a sentence and are not "I": names of people, studios, places."""
    return [match.group(0) for match in re.finditer(r"\b[A-Z][\w'-]*", message)
            if not starts_sentence(message, match.start())
            and not re.fullmatch(r"I(?:'\w+)?", match.group(0))]


_CONTRAST = frozenset({"but", "though", "although", "however", "instead", "rather"})
# The words that say a dislike, inside the clause of what is disliked: no theme of it.
_DISLIKE_WORDS = frozenset(word for cue in DISLIKE_CUES for word in normalise(cue).split()) | {
    "stand", "cannot", "care", "fan", "into", "keen", "fond", "interested", "really", "huge", "big"}
_UNSURE = re.compile(r"\b(?:not|no)\s+(?:really\s+)?(?:sure|idea|clue)\b")
# What a film is made of, not what it is about: "not overly interested in the actors, just a good story" rules out no
# theme (it left out the films the catalog tags "actors").
_ASPECTS = frozenset({"actor", "actors", "actress", "actresses", "acting", "cast", "director", "directors", "plot",
                      "story", "storyline", "script", "dialogue", "soundtrack", "score", "cinematography", "visuals"})


# What the user does not like, to the end of its clause: "I don't like potty humor or stupid comedy, ...".
# "I'm a huge fan of horror but I hate jump scares": the slow, creeping kind, searched so ("horror but i" was searched,
# and Shaun of the Dead and Jaws came); no catalog tags jump scares.
_NO_JUMP_SCARES = re.compile(r"(?:\b(?:but|and)\s+)?(?:\b(?:i|we|she|he|they)\s+)?"
                             r"\b(?:(?:hate[sd]?|dislike[sd]?|can'?t\s+stand|no|not|without|nothing\s+with|"
                             r"(?:do|does)(?:n'?t|\s+not)\s+(?:really\s+)?like)\s+(?:any\s+|the\s+|a\s+lot\s+of\s+)?|"
                             # "not cheap jump scares" searched "jump scares" and found Scary Movie and Scary Movie 3
                             r"\bless\s+)(?:(?:cheap|cheesy|lazy|constant|endless|stupid|obvious|just)\s+)?"
                             r"jump[\s-]?scares?\b", re.IGNORECASE)
_SUSPENSE_SAID = "suspenseful atmospheric"
_DISLIKED_CLAUSE = re.compile(r"\b(?:(?:do|does|did)(?:n'?t|\s+not)\s+(?:really\s+)?(?:like|enjoy|care for|want)|"
                              r"dislike[sd]?|hate[sd]?|can'?t stand|cannot stand|(?:tired|sick|bored) of|bored with|"
                              r"fed up with|"
                              r"had enough of|not (?:really )?(?:a |much of a )?"
                              r"(?:big |huge )?fan of|not (?:(?:really|overly|too|that|very|so|all that) )?"
                              r"(?:into|big on|interested in|keen on|fond of))\b"
                              # to the clause's end or a turn: "I hate horror but love thrillers" ruled out both
                              r"(?:(?!\b(?:but|though|however|yet)\b)[^,;.!?])*", re.IGNORECASE)

# Someone close to the user: "my wife", "our two kids".
_MY_RELATION = (r"(?:my|our)\s+(?:\w+\s+)?(?:wife|husband|girlfriend|boyfriend|partner|fiancee?|friends?|mom|mother|"
                r"dad|father|parents|kids?|children|son|daughter|brother|sister|roommate|family)")
_DISLIKED_BY = re.compile(rf"(?:\b{_MY_RELATION}\s+)?" + _DISLIKED_CLAUSE.pattern, re.IGNORECASE)
# Who watches, with the user: "my girlfriend and I want a comedy" found Girls Just Want to Have Fun and My Girl.
_WE_WHO_WATCH = re.compile(rf"\b{_MY_RELATION}\s+and\s+(?:i|me)\b(?:\s+(?:both\s+)?"
                           r"(?:want|would\s+like|need|like|love|enjoy|are\s+looking\s+for))?", re.IGNORECASE)
# Who rules a name out, said before it, is no request: "but she" of "a comedy but she hates Will Ferrell" found Girls
# Just Want to Have Fun.
_RULED_OUT_BY = re.compile(rf"(?:\b(?:but|and|though)\s+)?\b(?:i|she|he|they|we|{_MY_RELATION})\s+$", re.IGNORECASE)


def _words_disliked(text: str) -> tuple[list[str], list[bool]]:
    """The normalised words of `text`, and whether each is inside a clause of what the user does not like."""
    words: list[str] = []
    disliked: list[bool] = []
    position = 0
    for match in _DISLIKED_CLAUSE.finditer(text):
        for piece, inside in ((text[position:match.start()], False), (match.group(0), True)):
            found = normalise(piece).split()
            words += found
            disliked += [inside] * len(found)
        position = match.end()
    rest = normalise(text[position:]).split()
    return words + rest, disliked + [False] * len(rest)


# "Something we can both enjoy", "a mix of horror and comedy": one film of all the kinds said, not any of them.
_TOGETHER = re.compile(r"\b(?:(?:we|us)(?:'?d|'?ll)?|and\s+i)\s+(?:\w+\s+)?both\b|\bboth\s+of\s+us\b|"
                       r"\bmix(?:ture)?\s+of\b|\bcombin(?:es|ing|ation\s+of)\b|\bat\s+the\s+same\s+time\b|"
                       # "a good love story but also some action" (it showed either: WALL·E, Léon), "a comedy with a
                       # bit of romance"
                       r"\b(?:but\s+also|with(?:\s+also)?)\s+(?:some|a\s+(?:bit|little|touch)(?:\s+of)?|"
                       r"(?:a\s+)?lots?\s+of|plenty\s+of|a\s+dash\s+of)\s+\w", re.IGNORECASE)


# How old someone spoken of is, said between them and what they like: "my son is 12 and loves", "my daughter, 5,
# loves", "he's 10 and likes".
_AGE_BETWEEN = (r"(?:\s*,?\s*(?:(?:who\s+)?is|who's|'s)?\s*\d{1,2}(?:\s*-?\s*(?:years?(?:\s*-?\s*old)?|yo|y/o))?"
                r"\s*,?\s*(?:and|who)?)?")
# Two people's tastes ("she likes romance and I like sci-fi"): a film for both of them has all of the kinds.
_THEIR_TASTE = re.compile(r"\b(?:she|he|they|my\s+(?:wife|husband|girlfriend|boyfriend|partner|fiance|fiancee|"
                          r"son|daughter|kids?|friends?|mom|mother|dad|father|brother|sister|roommate))"
                          rf"{_AGE_BETWEEN}\s+"
                          r"(?:\w+\s+)?(?:likes?|liked|loves?|loved|prefers?|preferred|enjoys?|enjoyed|is\s+into|"
                          r"are\s+into)\b", re.IGNORECASE)  # "they loved Frozen and Moana" too
# What the child a film is for likes, which is what to look for: "something my 10 year old and I would both enjoy,
# she likes horses" (searched whole, Shrek came before the horse films).
_CHILD_LIKES = re.compile(r"\b(?:she|he|they|(?:my|our)\s+(?:son|daughter|kids?|children|grandkids|grandchildren|"
                          r"nephew|niece|little\s+ones?)|(?:the\s+)?kids?)"
                          rf"{_AGE_BETWEEN}\s+(?:really\s+|also\s+|just\s+)?"
                          r"(?:likes?|liked|loves?|loved|enjoys?|enjoyed|adores?|adored|is\s+into|are\s+into|"
                          r"(?:is|are)\s+obsessed\s+with|"
                          r"(?:is|are)\s+crazy\s+about)\s+(?P<what>[^.,;!?]+)", re.IGNORECASE)
_A_CHILD = re.compile(r"\b(?:sons?|daughters?|kids?|children|nephews?|nieces?|grandkids|teen(?:age(?:rs?|d)?|s)?)\b",
                      re.IGNORECASE)
_MY_TASTE = re.compile(r"\b(?:i|i'?m)\s+(?:\w+\s+)?(?:like|liked|love|loved|prefer|enjoy|enjoyed|adore|adored|into)\b",
                       re.IGNORECASE)


def _liked_by_another(before: str) -> bool:
    """Whether the words before a title liked say that someone else likes it ("I love Heat and my wife likes
    Titanic": Titanic), not the user."""
    theirs = [found.end() for said in (_THEIR_TASTE, _CHILD_LIKES) for found in said.finditer(before)]
    return bool(theirs) and max(theirs) > max((found.end() for found in _MY_TASTE.finditer(before)), default=-1)


# The user's partner, whose taste said earlier is what "something we can watch together" goes on with.
_PARTNER = re.compile(r"\b(?:my|our)\s+(?:wife|husband|girlfriend|boyfriend|partner|fianc[eé]e?|spouse|"
                      r"significant\s+other|gf|bf)\b", re.IGNORECASE)
_WE_TWO = re.compile(r"\b(?:we|us|both|together|the\s+two\s+of\s+us)\b", re.IGNORECASE)


def for_the_couple(request: str | None, earlier: str | None) -> bool:
    """Whether the request is for the user and the partner whose taste `earlier` said ("something we can watch
    together tonight" after "my wife likes musicals"), with no child among them."""
    return bool(request and earlier and _WE_TWO.search(request) and _PARTNER.search(earlier)
                and not _A_CHILD.search(f"{earlier} {request}"))


def with_a_partner(request: str | None) -> bool:
    """Whether the request is for the user and a partner it names ("with my girlfriend"), with no child among them."""
    return bool(request and _PARTNER.search(request) and not _A_CHILD.search(request))


def said_their_taste(message: str) -> bool:
    """Whether the message says what the one a film is for likes ("my kids are 7 and 10, they love Harry Potter")."""
    return bool(_CHILD_LIKES.search(message))


# Words that start a clause asking afresh, after one that ruled something out.
# "any" and a question's start too: "I hate horror, any comedies?" ruled comedies out as well; and an article, which
# names a film afresh: "not a comedy, a horror movie please" ruled out horror too.
_FRESH_CLAUSE = frozenset({"something", "anything", "maybe", "perhaps", "rather", "instead", "how", "what", "i", "id",
                           "show", "give", "recommend", "suggest", "any", "got", "do", "can", "could", "a", "an",
                           "just"})


# A clause that says a kind will do: "I don't like romance, comedies are fine" wants comedies.
_WILL_DO = re.compile(r"\b(?:fine|ok|okay|good|great|cool|alright|all\s+right|works?|will\s+do)\b")


def _list_breaks(text: str, affirmed: bool = False) -> set[int]:
    """The positions, among the normalised words of `text`, of the words that follow a comma, slash or stop: "I
    like comedy, drama" lists two kinds, "a comedy drama" is one. `affirmed`: only where the clause that follows
    says its kind will do ("comedies are fine")."""
    breaks, count = set(), 0
    for piece in re.split(r"[,/;.!?]", text):
        said = normalise(piece)
        if not affirmed or (_WILL_DO.search(said) and not _has(said, NEGATIONS)):
            breaks.add(count)
        count += len(said.split())
    return breaks


def _said_together(kinds: Sequence[tuple[str, int, str]], words: Sequence[str], breaks: set[int],
                   vocabulary: CategoryVocabulary) -> bool:
    """Whether the kinds found ((category, position, phrase), in order) describe one film: stacked before one
    noun ("an animated sci-fi movie", "a funny horror movie"), or words of a kind joined by "and" ("scary and
    funny"); "comedies and dramas", "comedy or drama" are kinds to choose from."""
    for (_, position, phrase), (_, following, then) in zip(kinds, kinds[1:]):
        end = position + len(phrase.split())
        described = not any(said in vocabulary.names or said.endswith("s") for said in (phrase, then))  # no noun
        stacked = following == end and following not in breaks
        joined = following == end + 1 and words[end] == "and" and described and following not in breaks
        if not (stacked or joined):
            return False
    return True


def _sentence_starts(text: str) -> list[int]:
    """The positions, among the normalised words of `text`, of the first word of each sentence."""
    starts, count = [], 0
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        starts.append(count)
        count += len(normalise(sentence).split())
    return starts


def _qualified(words: Sequence[str], position: int, vocabulary: CategoryVocabulary) -> bool:
    """Whether a kind ruled out is only one sort of it: "I don't like stupid comedy", "no light comedies with no
    story" rule out dumb comedies, not comedy (the same person loves stoner comedies)."""
    if position == 0:
        return False
    before = words[position - 1]
    return before not in (FILLER | NEGATION_WORDS | _NEGATION_GAP | vocabulary.phrase_words
                          | {"or", "nor", "dislike", "hated", "disliked", "stand"})  # "I can't stand horror": all of it


# Films for grown-ups: no children's films ("animated movies for adults"); read on the message and the query.
# "something less childish" after anime showed Monsters, Inc. and Minions: "childish" named the children's films.
_LESS_CHILDISH = re.compile(r"\b(?:less\s+|not\s+(?:so\s+|too\s+)?)(?:childish|kiddy|kiddie)\b", re.IGNORECASE)
# "not the ones for little kids" says whom the films are not for (read as an audience: Monsters, Inc., Toy Story).
_NOT_FOR_KIDS = re.compile(r"\bnot\s+(?:the\s+ones?\s+|ones?\s+|(?:the\s+)?(?:movies|films)\s+)?(?:made\s+|meant\s+)?"
                           r"for\s+(?:little\s+|young\s+|small\s+)?(?:kids|children)\b", re.IGNORECASE)
# "an animated movie that adults would enjoy" too (it showed Monsters, Inc. and Toy Story).
_FOR_GROWN_UPS = re.compile(r"\bfor\s+(?:adults|grown[\s-]?ups|grownups)\b|"
                            r"\b(?:that\s+|which\s+)?(?<!and )(?<!& )(?:adults|grown[\s-]?ups|grownups)\s+"
                            r"(?:would|will|can|could|might)\s+(?:\w+\s+)?(?:enjoy|like|love|appreciate|watch)\b|"
                            r"\badult\s+(?:animation|animated|cartoons?)\b|" + _NOT_FOR_KIDS.pattern + "|"
                            + _LESS_CHILDISH.pattern, re.IGNORECASE)
# A grown-up of the family the film is for or watched with, in a query's normalised words, and what they like said
# after: "to watch with my mom", "for my dad he loves".
_GROWN_UPS_ALONG = re.compile(r"\b(?:(?:to|we\s+can|i\s+can)\s+(?:watch|see)\s+)?(?:with|for)\s+(?:my|our)\s+"
                              r"(?:mom|mum|mother|dad|father|parents|grandma|grandpa|grandparents|grandmother|"
                              r"grandfather|granny|nan|sister|brother|sisters|brothers|aunt|uncle)\b"
                              r"(?:\s+(?:he|she|they)\s+(?:loves?|likes?|enjoys?)$)?")
# The kind a kind asked for and turned down in degree is held with ("a horror movie that's not too scary").
LIGHTER_KIND = "funny"
# A kind asked for and turned down in a degree no category word says, as "but not too sad" does, or asked lighter:
# lighter, as "not too scary" horror is ("a drama that is not too heavy" is a comedy drama; "a thriller, not too dark"
# showed Se7en and The Silence of the Lambs, "a thriller but lighter" The Others and The Thing). Not gore nor violence,
# which turned down are suspense (`searched_theme`): a horror comedy is no answer to "scary but not gory".
_HEAVY = frozenset({"heavy", "sad", "depressing", "serious", "dark", "intense", "bleak", "grim"})
_LIGHT_TURN = re.compile(r"(?:(?:\bnot|n't|\bisnt|\bwasnt|\bnothing)\s+(?:too|so|that|very|overly)|\bless)\s+(?:"
                         + "|".join(sorted(_HEAVY)) + r")\b|\blighter\b|\blight[\s-]?hearted\b", re.IGNORECASE)
# The words catalogs tag the darkest films with, none of which "not too dark" wants.
DARK_TAGS = ("dark", "dark comedy", "black comedy", "dark humor", "disturbing", "bleak", "grim")
# "something romantic but not a chick flick" is the same (it showed My Best Friend's Wedding and The Wedding Date).
NOT_CHEESY = re.compile(r"(?:(?:\bnot|n't|\bisnt|\barent|\bnothing)\s+(?:too\s+|so\s+|that\s+|overly\s+)?|\bless\s+)"
                        r"(?:cheesy|corny|sappy)\b|(?:\bnot|n't|\bisnt|\bno|\bnothing\s+like)\s+(?:an?\s+)?"
                        r"(?:typical\s+)?chick[\s-]?flicks?\b", re.IGNORECASE)
# What the user usually watches, said before asking for something else: none of it.
_USUAL_THEN_OTHER = re.compile(
    r"\b(?:usually|normally|always|mostly|typically|generally)\s+"
    r"(?:watch|like|love|go\s+for|pick|stick\s+to|enjoy|see)\b(?P<usual>[^.!?;]*?)\b(?:but|though|however|so)\b"
    r"(?=[^.!?]*\b(?:(?:something|anything)\s+(?:(?:completely|totally|a\s+bit|a\s+little)\s+)?(?:different|new|else)|"
    r"(?:change|switch|mix)\s+(?:it\s+|things\s+)?up|change\s+of\s+pace|branch\s+out|"
    r"(?:try|trying)\s+(?:something|anything)))", re.IGNORECASE)
# What the user usually watches, said before asking for another kind for now: "I usually like comedies but tonight I
# want something scary" asks for horror (it showed The Frighteners and Scary Movie, comedies of horror).
_NOT_BOTH = r"(?:(?!\b(?:also|too|as\s+well)\b)[^.!?])"  # a letter of a sentence that asks for no kind beside
_USUAL_INSTEAD = re.compile(
    r"\b(?:usually|normally|always|mostly|typically|generally)\s+"
    r"(?:watch|like|love|go\s+for|pick|stick\s+to|enjoy|see)\b(?P<usual>[^.!?;]*?)\b(?:but|though|however)\b"
    rf"(?=(?P<asked>{_NOT_BOTH}*?\b(?:tonight|today|now|this\s+time|in\s+the\s+mood|feel\s+like|want|looking\s+for|"
    rf"craving)\b{_NOT_BOTH}*))", re.IGNORECASE)
# Less of a kind ("a comedy with less romance", "a bit less of the action"), past the words between.
_LESS = frozenset({"less", "fewer"})
_LESS_GAP = frozenset({"a", "bit", "little", "much", "of", "the"})

# Fright turned down by who will watch: "I want a horror movie but I get scared easily" showed The Shining and The
# Exorcist; as "not too scary", a milder horror film.
_SCARED_EASILY = re.compile(r"\b(?:get|gets|getting|am|is|are|i'?m|she'?s|he'?s|we'?re)\s+(?:really\s+|very\s+|so\s+)?"
                            r"(?:scared|spooked|frightened)\s+(?:really\s+|very\s+|so\s+)?easily\b|"
                            r"\b(?:scares?|spooks?|frightens?)\s+(?:really\s+|very\s+|so\s+)?easily\b|"
                            r"\beasily\s+(?:scared|spooked|frightened)\b|\bscaredy[\s-]?cats?\b", re.IGNORECASE)

# Violence turned down: "not too violent", "isn't so gory", "without much violence".
_NOT_TOO_VIOLENT = re.compile(r"(?:\bnot|n't|\bisnt|\bwasnt|\bless|\bnothing)\s+(?:(?:too|so|that|very|overly)\s+)?"
                              r"(?:violent|gory|bloody|brutal|graphic|gruesome)\b|"
                              r"\bwithout\s+(?:much\s+|too\s+much\s+)?"
                              # "something with less violence" after 80s action showed The Thing and RoboCop
                              r"(?:violence|gore|blood)\b|\b(?:less|not\s+(?:so\s+|too\s+)?much)\s+"
                              r"(?:violence|gore|blood)\b", re.IGNORECASE)


# The words catalogs tag the goriest films with, none of which "not too gory" or "not too violent" wants; and those
# of the violent ones, which "not too violent" does not want either ("nothing too violent" after thrillers showed Fight
# Club, tagged violence).
# "something with less violence" after films like The Silence of the Lambs showed Natural Born Killers, tagged
# brutality.
_GORE_TAGS = ("gore", "gory", "bloody", "brutal", "brutality", "splatter", "slasher")
_VIOLENCE_TAGS = ("violence", "violent")
VIOLENT_TAGS = frozenset({*_GORE_TAGS, *_VIOLENCE_TAGS})


def turns_down_violence(said: str) -> bool:
    """Whether the words turn violence down: "not so violent", "with less violence", "less gory"."""
    return bool(_NOT_TOO_VIOLENT.search(said))


def violent_kinds(vocabulary: CategoryVocabulary, kept: Sequence[str]) -> list[str]:
    """The kinds violence turned down leaves out ("a thriller but not too violent": action, horror and war), those
    the catalog has and `kept` does not hold (asked for, or already ruled out)."""
    # War too: without it "no violence please" showed Schindler's List; "a war movie that isn't too violent" keeps war.
    return [kind for kind in map(vocabulary.resolve, ("action", "horror", "war")) if kind and kind not in kept]


def _theme_of_other_kinds(words: Sequence[str], position: int, phrase: str, category: str, titles: CatalogTitles,
                          theme_of: Callable[[str], object] | None) -> bool:
    """Whether the word of a kind at `position` ends a theme of two words the catalog's tags hold whose films are
    mostly of other kinds: "the Cold War" (Ninotchka, Good Bye Lenin!, WarGames; read as war films, "something set
    during the Cold War" showed Saving Private Ryan and Patton), not "a civil war film" or "a romantic comedy"."""
    if theme_of is None or position == 0 or not content_words(words[position - 1]):  # "the war": no theme
        return False
    tagged = theme_of(f"{words[position - 1]} {phrase}")
    if not isinstance(tagged, Collection) or not tagged:
        return False
    of_kind = sum(category in titles.categories.get(str(item_id), ()) for item_id in tagged)
    return 2 * of_kind < len(tagged)


def _turned_down(words: Sequence[str], position: int) -> bool:
    """Whether the word at `position` is turned down in degree, not ruled out: "not too scary", "isn't so gory"."""
    return position >= 2 and words[position - 1] in ("too", "so", "overly") and words[position - 2] in NEGATION_WORDS


def _lessened(words: Sequence[str], position: int) -> bool:
    """Whether less of the kind said at `position` is asked for: "a comedy with less romance", "fewer musicals"."""
    start = position
    while start > 0 and words[start - 1] in _LESS_GAP:
        start -= 1
    return start > 0 and words[start - 1] in _LESS


def _negated(words: Sequence[str], position: int) -> bool:
    """Whether the word at `position` is ruled out: a negation within four words before it, or before the words
    that may stand between ("not a huge fan of sci fi")."""
    window = words[max(0, position - 4):position]
    # "anything but horror" still rules out, as does "instead of a cartoon" or "rather than a comedy"
    turns = [n for n, word in enumerate(window) if word in _CONTRAST
             and not (n and window[n - 1] in ("anything", "all")) and window[n + 1:n + 2] not in (["of"], ["than"])]
    if turns:  # "no horror, but a comedy": the comedy is wanted
        window = window[turns[-1] + 1:]
    if _has(_UNSURE.sub(" ", " ".join(window)), NEGATIONS):  # "not sure, maybe a comedy" rules nothing out
        return True
    start = position
    while start > 0 and words[start - 1] in _NEGATION_GAP:
        start -= 1
    return start > 0 and words[start - 1] in NEGATION_WORDS


def content_words(text: str | None) -> list[str]:
    """The words of a request that ask for something: not greetings, politeness, the asking itself or numbers."""
    return [word for word in normalise(text or "").split() if word not in FILLER and not re.fullmatch(r"\d+s?", word)]


def without_asking(text: str) -> str:
    """`text` without the filler at either end, what it rules out kept: "can you recommend a good movie based on a
    true story" -> "based on a true story", "not too violent" as it is. Searched whole, the asking drowned the
    request once years were asked too ("something more recent" after it found Tropic Thunder and Love Actually)."""
    return " ".join(_stripped(text.split(), _FILLER_NOT_NEGATION)) or text


def grouped_films(message: str, mention: TitleMention, titles: CatalogTitles) -> list[str]:
    """The films a title said with "movies", "trilogy" or "series" stands for ("I loved the Dark Knight trilogy":
    The Dark Knight and The Dark Knight Rises; "the Rocky movies", its sequels too); [] when it is said alone. A
    trilogy is three: the best known and the two of the most kinds alike ("the Before trilogy" is Before Sunrise,
    Before Sunset and Before Midnight, not Before Night Falls, better known than the last)."""
    group = _GROUP.match(message, mention.end)
    if not group:
        return []
    films = (titles.series_named(mention.text) or titles.titled_alike(mention.text)
             or titles.named_in_titles(mention.text))
    if group.group(0).strip().lower() == "trilogy" and len(films) > 3:
        films = [films[0], *sorted(films[1:], key=lambda item_id: -titles.kinship(films[0], item_id))[:2]]
    return films


def _named_groups(message: str, mentions: Sequence[TitleMention], titles: CatalogTitles,
                  vocabulary: CategoryVocabulary, theme_of: Callable[[str], object] | None) -> list[TitleMention]:
    """A name said with "movies" or "trilogy" that no title is, but titles hold ("I loved the Bourne movies", "the
    Dollars trilogy"), as a mention of the best known of its films (`grouped_films` gives the rest): it was searched,
    and the films loved were shown. A name the tags hold ("the Marvel movies") or a kind ("Horror films") is none,
    nor a word a sentence begins with ("Old movies are the best" is no Old School)."""
    found = []
    for named in _NAMED_GROUP.finditer(message):
        name = named.group("name")
        if (not message[:named.start()].strip() or message[:named.start()].rstrip()[-1] in ".!?"
                or any(mention.start < named.end("name") and named.start("name") < mention.end for mention in mentions)
                or vocabulary.find(normalise(name)) or (theme_of is not None and theme_of(normalise(name)))):
            continue
        films = titles.named_in_titles(name)
        if films:
            found.append(TitleMention(films[0], titles.titles[films[0]], named.start("name"), named.end("name"), name))
    return found


def _of_a_kind(found: re.Match[str], vocabulary: CategoryVocabulary) -> bool:
    """Whether what the user finds films to be (`_FOUND_SO`) is a kind of film ("funny"), not "hard"."""
    return bool(vocabulary.find(normalise(found["kind"])))


def _series_seen(message: str, item_id: str, mentions: Sequence[TitleMention], titles: CatalogTitles) -> list[str]:
    """The other films of a series said seen by its title and "movies" ("all the Toy Story movies")."""
    return [film for mention in mentions if mention.item_id == item_id
            for film in grouped_films(message, mention, titles)]


def _phrase_of_the_tags(message: str, mention: TitleMention, theme_of: Callable[[str], object]) -> bool:
    """Whether a lone word in lower case read as a title starts a phrase the catalog's tags hold with the word after
    it: "stand up" ("I love stand up" liked the film The Stand and showed comedies like it)."""
    following = re.match(r"[\s-]+(\w+)", message[mention.end:])
    return (mention.text.islower() and " " not in mention.text and following is not None
            and bool(theme_of(f"{mention.text} {following.group(1)}")))


def understand(message: str, titles: CatalogTitles, vocabulary: CategoryVocabulary,
               shown: Sequence[str] = (), focused: bool = False,
               mentioned: Callable[[str], bool] | None = None, alike: Sequence[str] = (),
               described: Callable[[str], bool] | None = None,
               respelled: Callable[[str], str | None] | None = None,
               theme_of: Callable[[str], object] | None = None,
               first_named: Callable[[str], str | None] | None = None,
               surnamed: Callable[[str], str | None] | None = None) -> Understanding:
    """Read a message: which items it names and how the user feels about them, categories, years, intent.

    `shown` are the ids of the items of the last reply, in order, so that "the second one" or "that" can be
    resolved; `focused` says that reply was about its first item (its details), which "it" then means.
    `mentioned` says whether the catalog's texts have a name: one they lack is no part of the request searched.
    `alike` are the items the conversation's theme is like ("I loved The Dark Knight"): "like that" means them.
    `described` says whether the catalog's own words (not its titles) have a name: "I like Harrison Ford", a tag,
    asks for a theme, not for a film the catalog lacks. `respelled` gives the catalog's spelling of a name typed with
    a slip ("Leonardo Decaprio": "leonardo dicaprio"), which is searched as the catalog spells it. `theme_of` says
    whether the catalog's tags hold a word (the items they tag): one ruled out ("not a prison movie") is avoided.
    `first_named` gives the person the tags name by a first name ("keanu": "Keanu Reeves"), `surnamed` by a last name
    ("kubrick": "Stanley Kubrick").
    """
    message = _WONT_CRY.sub(" that isn't sad", message)
    message = _NO_THINKING.sub(" something mindless", message)
    message = _MORE_GROWN_UP.sub("something to watch with my teenage kids", message)
    message = _DONT_LIKE_TOO.sub("nothing ", message)
    message = _LAUGH_OUT_LOUD.sub("hilarious", message)
    message = _NOT_STUPID.sub(" that is witty", message)
    message = _YOUR_PICK.sub("that one", message) if len(shown) == 1 else message
    message = _AS_GOOD.sub(lambda match: f"{match.group('ask') or ''} the best rated like" if match.group("named")
                           else f"{match.group('ask') or ''} like that, the best rated", message)
    message = _NEW_TO_HORROR.sub(" a horror movie, scares easily", message)
    message = _OLD_HOLLYWOOD.sub("movies from before 1966", message)
    if _NO_HORROR.search(message):
        message = _SCARY.sub("creepy psychological thriller", message)
    if not _WANTS_TEARS.search(message):
        message = _BROKEN_UP.sub("cheer me up", _FEELING_SAD.sub("cheer me up", message))
    else:  # "going through a breakup, I want a good cry": the tears are what is asked
        message = _BROKEN_UP.sub(" ", message)
    # "recommend me a thriller. no wait, make it a comedy": what comes after the correction is the request (it showed
    # comedies that are thrillers too).
    message = _blanked(message, [(0, correction.end()) for correction in list(_CORRECTION.finditer(message))[-1:]
                                 if message[correction.end():].strip(" .!?")])
    open_to_any = bool(_ANY_WILL_DO.search(message))
    message = _ANY_WILL_DO.sub(lambda match: " " * len(match.group(0)), message)  # offsets kept
    seen_known = _seen_the_known(message)
    message = _blanked(message, seen_known)
    # "the Hitchcock movies", "the Alien films": a body of work, not the catalog item of that title; "the Dark Knight
    # trilogy" names the film and those whose titles go on from it (`grouped_films`).
    mentions = [mention for mention in titles.find(message, reserved=vocabulary.words)
                if not (_GROUP.match(message, mention.end) and not grouped_films(message, mention, titles))
                and not (_KIND_NOUN.match(message, mention.end) and _ARTICLE_BEFORE.search(message[:mention.start]))
                and not (_WEEKDAY.fullmatch(mention.text) and _TIME_OF_DAY.match(message, mention.end))
                and not _FOR_OCCASION.search(message[:mention.start])]
    mentions = sorted([*mentions, *_named_groups(message, mentions, titles, vocabulary, theme_of)],
                      key=lambda mention: mention.start)
    # "a dinosaur movie other than Jurassic Park": the film ruled out, and with it its words (read as a question about
    # it, it showed Jurassic Park's details; "that isn't Jurassic Park" searched "park").
    ruled_out_from = [(mention, cue.start()) for mention in mentions
                      if (cue := _TITLE_RULED_OUT.search(message[:mention.start])
                          or (_NOT_BEFORE_ALONE.match(message[:mention.start])
                              if not content_words(message[mention.end:]) else None))]
    titles_out = [mention for mention, _ in ruled_out_from]
    mentions = [mention for mention in mentions if mention not in titles_out]
    message = _blanked(message, [(start, mention.end) for mention, start in ruled_out_from])
    if _writes_titles_with_capitals(message, mentions):
        # "I really do enjoy movies where people turn into monsters, like The Beast Within": a word, not "Monsters".
        mentions = [mention for mention in mentions if not (mention.text.islower() and " " not in mention.text)]
    mentions = _with_misspelled(message, mentions, titles)
    # "movies based on true stories": a theme the tags hold, not David Byrne's True Stories (it liked that film).
    true_stories = [found.span() for found in _TRUE_STORY.finditer(message)]
    mentions = [mention for mention in mentions
                if not any(start <= mention.start < end for start, end in true_stories)]
    if theme_of is not None:  # "I love stand up": the tags' "Stand Up", not the film The Stand
        mentions = [mention for mention in mentions if not _phrase_of_the_tags(message, mention, theme_of)]
    if shown:  # "I've seen the first two, what about the others?": the rest of the list, not the film The Others
        mentions = [mention for mention in mentions if not _THE_REST.fullmatch(mention.text)]
    # "I really like Keanu": Keanu Reeves, whom the tags name, not the little known film Keanu (it showed comedies
    # like it); "the movie Keanu", or a well known film ("I loved Hannibal"), is the film. A last name is the person
    # whatever the film: "I love Hitchcock" liked the biopic Hitchcock and showed Nixon and Jobs.
    def person_called(mention: TitleMention) -> str | None:
        by_last_name = surnamed(mention.text) if surnamed is not None else None
        by_first_name = (first_named(mention.text) if first_named is not None
                         and titles.little_known(mention.item_id) else None)
        return by_last_name or by_first_name

    def person_titled(mention: TitleMention) -> str | None:
        """The person the tags name whose whole name the mention is, said of a title that goes on after it with a
        subtitle: "I really like Stanley Kubrick('s style)" liked the documentary Stanley Kubrick: A Life in
        Pictures and showed films like it."""
        said = _POSSESSIVE.sub("", mention.text.strip())
        person = surnamed(said.split()[-1]) if surnamed is not None and " " in said else None
        title = titles.display(mention.item_id)
        subtitled = title.lower().startswith(said.lower()) and title[len(said):].lstrip().startswith(":")
        return person if person and subtitled and normalise(person) == normalise(said) else None

    people = {mention.text: person for mention in mentions  # the name as said, and the person it names
              if (" " not in mention.text.strip() and (person := person_called(mention))
                  and not _AS_A_FILM.search(message[:mention.start])
                  and not normalise(message[mention.end:]).startswith(normalise(person).split()[-1]))
              or (person := person_titled(mention))}
    mentions = [mention for mention in mentions if mention.text not in people]
    # "I loved Avengers End Game": neither The Avengers nor The Game was named, but a film the catalog lacks.
    longer = _longer_titles(message, mentions)
    # "Frozen" of "Frozen 2": the catalog's namesake of the first title it lacks, to show in its place.
    named_after = next((m for m in mentions if longer and longer[0][0] <= m.start < longer[0][1]), None)
    namesake = named_after.text if named_after else None
    mentions = [mention for mention in mentions if not any(start <= mention.start < end for start, end in longer)]
    # "the terminator one" after a list with Terminator 2: that item, not The Terminator of 1984.
    by_title_words = _shown_by_title_words(message, shown, titles, theme_of, surnamed)
    if by_title_words:
        mentions = [mention for mention in mentions if not by_title_words[1] <= mention.start < by_title_words[2]]
    # "the one from 1994": the item shown of that year; where none or two are, which is asked (the first shown was
    # taken for it).
    by_year = None if by_title_words else _shown_by_year(message, shown, titles)
    year_of_shown, shown_of_year = (by_year[0], by_year[1]) if by_year and len(by_year[1]) != 1 else (None, [])
    references = ([by_title_words] if by_title_words else [(by_year[1][0], by_year[2], by_year[3])]
                  if by_year and not year_of_shown else [] if by_year
                  else _references(message, shown, titled=bool(mentions), focused=focused, alike=alike))
    compared = _compared(message, mentions)
    text = normalise(message)
    likes: list[str] = []
    theirs: list[str] = []
    dislikes: list[str] = []
    seen: list[str] = []
    named = [(m.item_id, m.start, m.end) for m in mentions] + references
    pointed_at = {(item_id, item_start) for item_id, item_start, _ in references}
    feedback_spans: list[tuple[int, int]] = []
    # Titles are masked before splitting into clauses: "Airplane!" or "Dr. Horrible" end no sentence.
    masked = message
    for mention in mentions:
        follows = message[mention.end:mention.end + 1]
        end = mention.end + (follows in ("!", "?") and follows in mention.title)  # "Airplane!", not "Hulk?"
        masked = masked[:mention.start] + "_" * (end - mention.start) + masked[end:]
    boundaries = _split_felt(_CLAUSE_SPLIT.sub(lambda match: "." * len(match.group(0)), masked))  # offsets kept
    previous: str | None = None
    for match in re.finditer(r"[^.;!?\n]+", boundaries):
        start, end = match.span()
        clause = message[start:end]
        # A title compared with ("dark and violent like A Clockwork Orange") is no feedback on it.
        # So is an item shown compared with: "something else that will make me cry like that" after Up (noted as
        # liked again).
        in_clause = [item_id for item_id, item_start, _ in named if start <= item_start < end
                     and not any(mention.start == item_start for mention, _ in compared)
                     and not (item_start > 0 and (item_id, item_start) in pointed_at
                              and _compares(message[:item_start]))]
        # Read without the titles in it: "I loved 10 Things I Hate About You", "I really enjoyed Bad Santa" are liked.
        feeling = (None if _ASKED_WHETHER.match(normalise(clause))
                   else _sentiment(normalise(masked[start:end].replace("_", " "))))
        if feeling is None and in_clause and _GOES_ON.match(normalise(clause)):
            feeling = previous  # "I loved Heat. Also Braveheart, Saving Private Ryan": loved too
        previous = feeling
        target = {"like": likes, "dislike": dislikes, "seen": seen}.get(feeling or "")
        spoken_of = [item_id for item_id, item_start, _ in named if item_start < start]
        if target is not None and not in_clause and len(set(spoken_of)) == 1 and _SAID_BEFORE.search(clause):
            # "the second one looks good but I've seen it": that one, named before in the message (nothing was noted)
            target.append(spoken_of[0])
            feedback_spans.append((start, end))
        elif target is not None and in_clause:
            target.extend(in_clause)
            feedback_spans.append(_feedback_span(message, start, end, named))
            if target is likes:  # "Noted: you liked Harry Potter" came for "my kids love Harry Potter"
                theirs += [item_id for item_id, item_start, _ in named
                           if item_id in in_clause and _liked_by_another(message[start:item_start])]

    categories: list[str] = []
    kinds: list[tuple[str, int, str]] = []  # the categories wanted, with where and how they were said
    audience: list[str] = []
    excluded: list[str] = []
    softened: list[str] = []  # kinds asked for and turned down in degree ("a horror movie that's not too scary")
    fright_lessened = False  # "anything less scary?", no kind said
    blends: list[tuple[str, ...]] = []  # kinds ruled out together, in one word ("no romcoms")
    untitled = message
    titled_live_action = any(_LIVE_ACTION.search(message[:item_start]) for _, item_start, _ in named)
    spans_named = [(item_start, item_end) for _, item_start, item_end in named] + list(longer)
    for item_start, item_end in sorted(spans_named, key=lambda span: -span[0]):  # "Star Wars" asks for no War film
        untitled = untitled[:item_start] + " " + untitled[item_end:]
    # "not just comedies" rules no comedy out: it asks for more than comedies.
    untitled = _NOT_JUST.sub(lambda match: " " * len(match.group(0)), untitled)
    fell_short = _fell_short(untitled) if shown and not mentions else None
    if fell_short:  # "it wasn't scary enough": horror, and more of it; nothing ruled out
        said, _ = fell_short
        quality = "lacked" if said.group("lacked") else "short"
        untitled = (untitled[:said.start()] + " " * (said.start(quality) - said.start()) + said.group(quality)
                    + " " * (said.end() - said.end(quality)) + untitled[said.end():])
    untitled = _OTHER_OF_KIND.sub(lambda match: " " * len(match.group(0)), untitled)
    untitled = _LESS_CHILDISH.sub(lambda match: " " * len(match.group(0)), untitled)
    # "not the ones for little kids" names no audience: the children's films are ruled out (below).
    untitled = _NOT_FOR_KIDS.sub(lambda match: " " * len(match.group(0)), untitled)
    untitled = _FOUND_SO.sub(lambda match: " " * len(match.group(0)) if _of_a_kind(match, vocabulary)
                             else match.group(0), untitled)
    words, disliked = _words_disliked(untitled)
    # A negation holds within its sentence: "Not really. Comedies are my thing" asks for comedies.
    starts = _sentence_starts(untitled)
    # ... and within its clause when the next asks afresh: "not into romance, something scary" wants horror.
    starts += [start for start in _list_breaks(untitled) if start < len(words) and words[start] in _FRESH_CLAUSE]
    starts += _list_breaks(untitled, affirmed=True)  # ... or says its kind will do: "comedies are fine"
    horror = vocabulary.resolve("horror")
    ruled_out_until = -1  # where the last category ruled out ended: "not a fan of sci fi or action" rules out both
    for category, position, phrase in vocabulary.find(" ".join(words)):
        if phrase in ("kids", "kid", *_CHILDREN_WATCHING) and _older_kid(words, position):
            continue  # "my teenage kids", "my kid is a teenager": no audience of children's films
        if phrase in _AGES and position > 0 and _TEEN_AGE.fullmatch(words[position - 1]):
            continue  # "a movie for my 15 year old" is for a teenager (it showed Monsters, Inc. and Toy Story)
        if phrase in _CHILDREN_WATCHING and not (position > 0 and words[position - 1] in _AUDIENCE_BEFORE):
            continue  # "a story of a father and son" names no kind of film
        if phrase == "action" and position > 0 and words[position - 1] == "live":
            # "a live action movie" is none animated; "the live action aladdin" is a form of the film named, no kind
            # asked for (read as action films, it showed 300 and Dragonheart).
            animation = vocabulary.resolve("animation")
            if animation and not titled_live_action and animation not in excluded:
                excluded.append(animation)
            continue
        if " ".join(words[max(0, position - 2):position]) in _ONCE_A_CHILD:
            continue  # "I loved The Princess Bride when I was a kid": who they were, not who will watch
        if _theme_of_other_kinds(words, position, phrase, category, titles, theme_of):
            continue  # "something set during the Cold War": a theme, not war films
        if phrase in LIKE_CUES and likes and not (position + 1 < len(words) and words[position + 1] in _WHICH_FILMS):
            continue  # "I loved Heat, it was hilarious": praise of the film liked, no kind asked for
        sentence = max(start for start in starts if start <= position)
        # "this one is too scary": less of it, not more.
        # "I'm too old for cartoons": none of them.
        too = position > sentence and (words[position - 1] == "too" or words[max(sentence, position - 3):position]
                                       == ["too", "old", "for"])
        fright = category == horror
        # "like Get Out but less scary" compares: its suspense (`more_like`), no horror comedy.
        if _lessened(words, position) and not (fright and named and category not in categories):
            # "a comedy with less romance" showed romantic comedies, "something with less action" action films: less
            # of a kind is none of it, but less fright ("something less scary" after horror films) or less of a kind
            # asked for ("a horror movie that's less scary") is a milder one.
            if category in categories or fright:
                if category not in categories:
                    categories.append(category)
                    kinds.append((category, position, phrase))
                    fright_lessened = True
                softened.append(category)
            elif category not in excluded:
                excluded.append(category)
            continue
        negated = disliked[position] or too or _negated(words[sentence:], position - sentence) or (
            ruled_out_until > sentence  # ruled out earlier in this sentence
            and set(words[ruled_out_until:position]) <= {"or", "nor", "and", "any"})
        if (negated and not disliked[position] and normalise(category) in AUDIENCE_CATEGORIES
                and ruled_out_until > sentence and set(words[ruled_out_until:position]) <= _AUDIENCE_BEFORE):
            # "something not scary for my kids": the negation is of the fright just ruled out, and the children watch
            # (it ruled children's films out, and showed Star Wars and Jurassic Park).
            negated = False
        if not negated:
            if normalise(category) in AUDIENCE_CATEGORIES and _as_audience(words, position, phrase):
                audience.append(category)
            else:
                categories.append(category)
                kinds.append((category, position, phrase))
            continue
        if category in categories and _turned_down(words, position):
            # "a horror movie that's not too scary": milder horror, not none; a lighter kind beside it (below).
            softened.append(category)
            continue
        ruled_out_until = position + len(phrase.split())
        if phrase in vocabulary.compound:
            # "no romcoms please": no film of both kinds; "no romantic comedies" ruled out every comedy and romance.
            blends.append(tuple(vocabulary.compound[phrase]))
        elif phrase not in SUBGENRES and not _qualified(words, position, vocabulary):
            excluded.append(category)

    light_turn = _LIGHT_TURN.search(message)
    if categories and not softened and light_turn:
        softened.append(categories[0])  # "a drama that is not too heavy": it showed dramas of every weight
    # "a romantic movie that isn't cheesy": the kind's dramas, as "something less cheesy" after a list is (it showed
    # My Best Friend's Wedding and The Wedding Date).
    # A title said only to be liked or not ("i really didn't like titanic. what's a good romance that isn't sappy?")
    # is none it is compared with.
    compared_with = [item_id for item_id, _, _ in named if item_id not in {*likes, *dislikes, *seen}]
    serious = (vocabulary.resolve("drama") if categories and not compared_with and NOT_CHEESY.search(message)
               else None)
    if serious and serious not in categories and serious not in excluded:
        categories.append(serious)
        kinds.append((serious, len(words), "drama"))
    if horror in categories and horror not in softened and _SCARED_EASILY.search(message):
        softened.append(horror)
    # "like Toy Story but for adults" compares, and leaves children's films out of that answer alone (`more_like`).
    children = vocabulary.resolve("children") if _FOR_GROWN_UPS.search(message) and not mentions else None
    if children and children not in categories and children not in audience and children not in excluded:
        excluded.append(children)  # "the best animated movies for adults": Monsters, Inc. and Shrek came
    milder = vocabulary.resolve(LIGHTER_KIND) if softened else None
    if milder and milder not in categories and milder not in excluded:
        # Asked for with a lighter kind, as a friend would answer it: Shaun of the Dead, Gremlins, not The Exorcist.
        categories.append(milder)
        kinds.append((milder, len(words), LIGHTER_KIND))
    usual = _USUAL_THEN_OTHER.search(message)
    for category, _, _ in vocabulary.find(normalise(usual.group("usual"))) if usual else ():
        # "I usually watch action movies but I want to try something different": none of them (it showed them)
        categories = [kind for kind in categories if kind != category]
        excluded += [category] if category not in excluded else []
    instead = None if usual else _USUAL_INSTEAD.search(message)
    set_aside: set[str] = set()
    if instead:
        usual_kinds = {kind for kind, _, _ in vocabulary.find(normalise(instead.group("usual")))}
        asked_kinds = {kind for kind, _, _ in vocabulary.find(normalise(instead.group("asked")))}
        set_aside = usual_kinds - asked_kinds if asked_kinds - usual_kinds else set()
        categories = [kind for kind in categories if kind not in set_aside]  # not ruled out: asked for, not usual
    hated = _WATCHER_HATES_IT.search(message)
    said_before = [category for category, _, phrase in kinds
                   if hated and phrase in normalise(message[:hated.start()]).split()]
    if len(said_before) == 1:
        # "I like horror but my wife hates it. something we can both enjoy?": the kind said is hers to rule out (it
        # showed The Silence of the Lambs and The Shining), as "my wife hates horror" is.
        categories = [kind for kind in categories if kind != said_before[0]]
        excluded += [said_before[0]] if said_before[0] not in excluded else []
    kinds = [kind for kind in kinds if kind[0] not in excluded and kind[0] not in audience and kind[0] not in set_aside]
    # "a good romcom": both kinds of the one word; "dramas and romantic comedies" still lists kinds to choose from.
    compound = {phrase for _, _, phrase in kinds} <= set(vocabulary.compound)
    all_categories = len({category for category, _, _ in kinds}) > 1 and (
        compound or bool(softened) or bool(serious) or bool(_TOGETHER.search(message))
        or bool(_THEIR_TASTE.search(message) and _MY_TASTE.search(message))
        or _said_together(kinds, words, _list_breaks(untitled), vocabulary))
    year_from, year_to = _years(_without_people_older(message), titles.newest_year, untitled)
    years_out = decade_ruled_out(_without_people_older(message))
    era = _SAME_ERA.search(message)  # "from that time period"
    if era and year_from is None and year_to is None:
        spoken_of = [*(item_id for item_id, _, _ in references), *(m.item_id for m in mentions), *alike, *shown]
        # "any comedies from that year?" after films of 2015: of 2015, where it showed comedies of 2010 to 2014.
        year_from, year_to = _era_of(spoken_of, titles, 0 if era.group(0).lower().endswith("year") else SAME_ERA_YEARS)
    in_colour = _IN_COLOUR.search(message)
    if in_colour and (year_to is None or year_to >= COLOUR_YEAR):
        year_from = max(year_from or COLOUR_YEAR, COLOUR_YEAR)
    unknown = _unknown_title(message, mentions, longer)
    # A name as typed, and as the catalog's words spell it ("seth rogan": "seth rogen", "keanu": "keanu reeves").
    spellings: dict[str, str] = {normalise(said): normalise(person) for said, person in people.items()}

    def catalog_name(name: str) -> bool:
        """Whether the catalog's own words have the name, as typed or with a slip ("Seth Rogan")."""
        if described is not None and described(name):
            return True
        spelled = respelled(name) if respelled is not None else None
        if spelled:
            spellings[normalise(name)] = spelled
        return bool(spelled)

    if unknown and not longer and (unknown in people or catalog_name(unknown) or _person_ruled_out(message, unknown)):
        unknown = None
    listed_unknown = _listed_unknown(message, mentions) if mentions else None
    if listed_unknown and (listed_unknown in people or catalog_name(listed_unknown)):
        listed_unknown = None  # "I loved Heat and Tom Hanks": a person the catalog's words name
    subject = next((m.item_id for m in mentions if m.item_id not in dislikes), None)
    liked_references = [item_id for item_id, _, _ in references if item_id not in dislikes]
    # "I've seen them all except the last one, what's it about?": the one not seen is spoken of.
    unseen = [item_id for item_id in liked_references if item_id not in seen]
    liked_references = unseen or liked_references
    if liked_references and (subject is None or not mentions):
        subject = liked_references[0]
    # "more like the second one" compares; "I didn't like the first one" does not.
    more_like = _has(text, MORE_LIKE_CUES) or bool(re.search(r"(?<!n't )(?<!not )(?<!nt )\blike (?:the|that|this|"
                                                             r"number|no|#)|\b(?:is|was) (?:it|this|that) like\b",
                                                             message, re.I))
    more_like = more_like or bool(references and _THAN_SHOWN.search(message))  # "lighter than those"
    more_like = more_like or bool(alike and references and _like_those(message))  # "along those lines"
    more_like = more_like or bool(mentions and _WHAT_ELSE.search(message))  # "if I enjoy Heat, what else is there?"
    if more_like and subject is None and not mentions and focused and shown:
        # "anything similar but less violent?" after the details of The Usual Suspects: like it, less violent.
        # (After items like some titles, the guided mode goes on from all of those titles.)
        subject = shown[0]
    maker, pointed = maker_asked(message)  # "any other films by the same director as Heat?"
    # "the same director" after films like The Shining: its director; "that director" after any list, that of the
    # film the list was like, else of its first.
    if maker and subject is None and (alike or len(shown) == 1 or focused or (pointed and shown)):
        subject = (alike or shown)[0]
    said_of = None if maker else maker_said_of(message)
    if said_of and (subject is not None or alike or len(shown) == 1 or focused):
        maker, subject = said_of, subject if subject is not None else (alike or shown)[0]
    more_like = more_like or bool(maker)
    direction = direction_of(message) if subject else None
    alike_theme = None
    if compared:
        subject, more_like = compared[0][0].item_id, True
        # "a heist movie like Ocean's Eleven but more serious": heist films like it, more serious (the heist was lost,
        # and Spider-Man came first); without a direction after it, the words before the title are the direction.
        alike_theme = compared[0][1] if direction else None
        direction = direction or compared[0][1]
    holiday = _FOR_HOLIDAY.search(message[compared[0][0].end:]) if compared and not direction else None
    if holiday and not compared[0][1]:
        # "movies like Home Alone for christmas": its Christmas films (Pretty Woman and Ghost came, of 1990 too).
        direction = holiday.group("holiday").lower()
    example = None if compared or direction or categories or maker else _example_of(message, mentions)
    if example:
        # "I like monster movies, like King Kong": films like it, of the theme (searched alone, the theme found
        # Monsters, Inc. by its title; "I love movies with a twist, like The Sixth Sense" showed The Mummy).
        (subject, alike_theme), more_like = example, True
    # "like Heat but older" compares; "I like Heat" is feedback. So does an item shown and how it should differ:
    # "the first one but older" (read as a request of its own, it showed the most popular films of the 70s).
    more_like = more_like or bool(direction and (re.match(r"\s*(?:just\s+|more\s+)?like\b", message, re.I)
                                                 or (references and _POINTED_BUT.match(message))))
    direction = direction if more_like else None
    if direction and _YEARS_SAID.search(direction) and (year_from is not None or year_to is not None):
        # "like Heat but from the 2000s": the years are read as years; what else differs is searched.
        undated = re.sub(r"[\s,]+(?:and|or|but)?[\s,]*$", "", _YEARS_SAID.sub(" ", direction))
        direction = undated.strip(" ,") if content_words(undated) else None
    # A title said of in feedback ("I loved Alien") or pointed at ("the second one") is no part of the request;
    # one asked about stays in it: "in the mood for a superhero movie" asks for superhero movies, whatever the
    # catalog's "Superhero Movie" is, and "does it include the Incredible Hulk?" for Hulk films.
    # "like that" is the reference whole: "something else that will make me cry like that" asks for no "like".
    spans = [(_like_before(message, item_start), _past_contraction(message, item_end))
             for _, item_start, item_end in references] + feedback_spans
    # "not Christopher Nolan though", "no Bill Murray please": a person the tags name, whose films are left out; the
    # name is no request ("nolan though" found The Dark Knight Rises and Batman Begins).
    people_ruled_out = [match for match in _RULED_OUT_NAME.finditer(message)
                        if theme_of is not None and theme_of(match.group("name"))]
    spans += [(by.start() if (by := _RULED_OUT_BY.search(message[:match.start()])) else match.start(), match.end())
              for match in people_ruled_out]
    if categories:  # with a kind said; without one, who watches says the evening ("my girlfriend and I": a date)
        spans += [found.span() for found in _WE_WHO_WATCH.finditer(message)]
    titled = [(m.start, m.end) for m in mentions] + list(longer)
    unmentioned = [] if mentioned is None else [
        (name, start, end) for name, start, end in _names_in(message, titled)
        if not mentioned(name) and not catalog_name(name)]
    spans += [(start, end) for _, start, end in unmentioned]
    if (unknown and not longer and not more_like and not _compares(message[:message.find(unknown)])
            and _said_of(message, unknown)):
        # "I just watched Knives Out and loved it. what should I watch next?", which the catalog lacks: what is told
        # of it asks for nothing (searched, "knives out" found Blade and The Mask); the rest of the message is asked.
        spans.append(_clause_of(message, unknown))
    if direction:
        said_at = message.lower().rfind(direction.lower())
        spans.append((said_at, said_at + len(direction)))
        # "like Toy Story but for grown ups": words of the direction, not the film Grown Ups to be like as well.
        mentions = [mention for mention in mentions if not (mention.text.islower()
                                                            and said_at <= mention.start < said_at + len(direction))]
    if era and year_from is not None and year_to is not None:
        spans.append(era.span())  # read as years: no words to search by
    if (years_between := _YEARS_BETWEEN.search(message)) and year_from is not None and year_to is not None:
        spans.append(years_between.span())  # "between 1995 and 2005" too (searched, it found films of 1995)
    if century := _century(message):
        spans.append(century.span())
    spans += [found.span() for found in _FOUND_SO.finditer(message) if _of_a_kind(found, vocabulary)]
    if in_colour:
        spans.append(in_colour.span())
    # Not in a title ("I liked Oscar and Lucinda"), nor said of what is spoken of ("wasn't the actress nominated for an
    # Oscar?", "it won an Oscar").
    awarded = None if _SPOKEN_OF.search(message) or _YES_NO_ASKED.match(message) else next(
        (found for found in _AWARDS.finditer(message) if not any(m.start <= found.start() < m.end for m in mentions)),
        None)
    if awarded:
        spans.append(awarded.span())  # searched, "what movies won best picture?" found Cars and Monsters, Inc.
    service = _STREAMED_ON.search(message)
    if service:
        spans.append(service.span())  # searched, "what's on Netflix?" found films tagged "In Netflix queue"
        if _WATCHED_THERE.search(message[:service.start()]):
            service = None  # "I watched Heat on Netflix and loved it" tells where, and asks nothing of it
    english = ENGLISH_ONLY.search(message)
    if english and re.match(r"in\s|english|not\s|(?:do|does|will|wo)(?:\s+not|n'?t)\s+(?:watch|read)", english.group(0),
                            re.IGNORECASE):
        # "something funny in english", "I won't watch anything with subtitles": a language, no words to search by
        # (searched, nothing said so); "hates subtitles" is left out as a dislike.
        spans.append(english.span())
    foreign = None if english else _ANOTHER_LANGUAGE.search(message)
    if foreign:
        spans.append(foreign.span())  # read as films in another language: searched, "foreign" found Foreign Student
    series = [found for found in _SERIES_ASKED.finditer(message)
              if not any(message[mention.end:found.start()].strip(" ,'\u2019s") == "" for mention in mentions
                         if mention.end <= found.start())]
    spans += [found.span() for found in series]  # searched, "a trilogy to binge" found The Mask and Good Will Hunting
    better_sequel = _BETTER_SEQUEL.search(message) if not mentions else None
    if better_sequel:
        spans.append(better_sequel.span())
    spans += [found.span() for found in _LONG_TIME.finditer(message)]
    if (last_years := _LAST_YEARS.search(message)) and year_from is not None:
        spans.append(last_years.span())  # "something from the last few years": years, no words to search by
    if year_from is not None or year_to is not None or years_out:
        # "... a comedy tonight, something from the 2000s": searched, "2000s" found five films of 2000
        spans += [said.span() for said in _YEARS_SAID.finditer(message)]
    if shown:  # "I've seen the first one. what about the rest?": no words to search (it found The Others)
        spans += [found.span() for found in _ABOUT_THE_REST.finditer(message)]
        reaction = _SAID_OF_SHOWN.match(message)
        # "those look great. anything older?": what follows may be years alone (it searched "those look great")
        if reaction and re.search(r"[a-z]", message[reaction.end():], re.IGNORECASE):
            spans.append(reaction.span())
    favorite = None if _choice(message, shown) else _YOUR_FAVORITE.search(message)
    if favorite:
        spans.append(favorite.span())  # asked of the recommender: no words to search by
    said_usual = usual or (instead if set_aside else None)
    if said_usual:
        spans.append(said_usual.span())  # what they usually watch is what they do not ask for
    query, ruled_out = _request_text(message, spans, vocabulary, theme_of)
    query = None if favorite else query  # the kinds and years of "your favorite comedy of the 90s" are read as such
    if query and unmentioned and not [word for word in content_words(_THEIR_TASTE.sub(" ", query))
                                      if not _FILM_NOUNS.fullmatch(word)]:
        query = None  # "my dad loves John Wayne movies", none of whose films the catalog names: "my dad loves movies"
    if query and categories and _GROWN_UPS_ALONG.search(query):
        # "a comedy to watch with my mom", "a western for my dad, he loves ...": whom a kind is for (searched, "mom"
        # found Mr. Mom and Serial Mom). Without a kind ("movie night with my parents") it stays, the gentle mood's
        # words.
        query = " ".join(_GROWN_UPS_ALONG.sub(" ", query).split())
    if query and _FOR_GROWN_UPS.search(query):
        # "none of those, something for adults" after animated films: grown-ups' animated films, where "for adults"
        # searched alone found high-school comedies.
        query = " ".join(_FOR_GROWN_UPS.sub(" ", query).split())
        query = query if content_words(query) else None
    if query and audience:
        # "a funny movie for kids under 10": who watches, no words to search (the reply said that nothing in the
        # catalog says so in so many words).
        query = " ".join(_AGE_LIMIT.sub(" ", query).split())
        # "for a 7 year old" after films like Harry Potter, "something the kids can watch too" after heist films: who
        # watches and nothing more, so the conversation's theme goes on for them (searched, the words found the best
        # known children's films, of no theme).
        query = query if [word for word in content_words(query) if word not in _WATCHERS] else None
    # What the child a film is for likes is what to look for, an older child's too, said without a kind ("with my
    # teenage son, he likes superheroes" read as the teen mood and showed high-school comedies); a partner's is no
    # theme of its own ("for date night, she likes horses").
    liked = _CHILD_LIKES.search(message) if query and (audience or _A_CHILD.search(message)) else None
    liked = liked if liked and (audience or not vocabulary.find(normalise(liked.group("what")))) else None
    if liked and content_words(liked.group("what")) and not mentions:
        query = " ".join(normalise(liked.group("what")).split())  # "she likes horses": horses, for her
    # "she loves princesses" after "a movie for my 5 year old": what the one the film is for likes is what to look
    # for (read as a reaction, it went on with any children's film).
    told_of = None if audience or mentions or references or unknown else _CHILD_LIKES.match(message.strip())
    told_of = told_of if told_of and content_words(told_of.group("what")) else None
    if told_of:
        query = " ".join(normalise(told_of.group("what")).split())
    if (year_from is not None or year_to is not None) and set(content_words(query)) <= _AGE_WORDS:
        query = None  # "what's new?", "any new releases?": read as years, and searched found Now You See Me
    partner = _PARTNER.search(message)
    if query and partner and not _PARTNER.search(query) and not _A_CHILD.search(message):
        # "my wife hates horror, what can we watch together?": "we" are the two of them, whom the clause of her dislike
        # (left out) named; read as the whole family, it showed Monsters, Inc. and Toy Story 3.
        query = re.sub(r"\bwe\b", f"{normalise(partner.group(0))} and i", query)
    # "not a prison movie though", "I hate zombies": a theme the catalog's tags hold, never a word of a name ("I don't
    # like Tom Cruise") nor a word of every day; a name of one word is ("animated movies but not Disney").
    capitalised = {normalise(word) for name in re.findall(r"\b[A-Z][\w']+(?:\s+[A-Z][\w']+)+", message)
                   for word in name.split()}
    avoided = [word for word in dict.fromkeys(ruled_out)
               if word not in _EVERYDAY and word not in capitalised and word not in vocabulary.phrase_words
               and word not in _DISLIKE_WORDS and word not in _ASPECTS and theme_of is not None and theme_of(word)]
    # "I've seen all the Marvel movies, what else is there?": a body of work seen, whose name (a studio, a
    # director) is no title; searched still (films like them), its films left out.
    seen_all = [word for match in _SEEN_ALL.finditer(message) for word in normalise(match.group("body")).split()
                if word not in _EVERYDAY and word not in vocabulary.phrase_words and theme_of is not None
                and theme_of(word)]
    names_out = [" ".join(match.group("name").split()) for match in people_ruled_out]
    films_out = [titles.display(mention.item_id) for mention in titles_out]  # "Jurassic Park (1993)", with its year
    avoided = list(dict.fromkeys([*avoided, *seen_all, *names_out, *films_out]))
    # "a war movie that isn't too violent": none of its action or horror films (it showed Braveheart and Saving
    # Private Ryan; the catalog tags violence on few films, and searched as suspense it found action war films).
    # After a list ("not too gory please" after horror films) the theme's kinds stay, the way asked (it showed Ghost
    # and Monsters, Inc.).
    turned_down = _NOT_TOO_VIOLENT.search(message)
    # "she doesn't like violence", "no violence please": ruled out, it is turned down as well (only the few films the
    # tags call violent were left out: The Brothers Grimm, a horror film, came for a gentle afternoon).
    violence_down = turned_down.group(0) if turned_down else next(
        (word for word in avoided if word in VIOLENT_TAGS), None)
    if violence_down and (categories or not shown):
        # "like Mad Max: Fury Road but with less violence": the film compared keeps its own kinds, as a war movie
        # keeps war (with no action, The Prestige, Prisoners and The Departed came).
        compared_kinds = list(titles.categories.get(str(subject), ())) if more_like and subject else []
        excluded += violent_kinds(vocabulary, [*categories, *audience, *excluded, *compared_kinds])
    lighter = _LIGHTER.fullmatch(direction_said(direction_of(message) or "")) or _NOT_HEAVY.search(message)
    funny = vocabulary.resolve("comedy")
    if not subject and lighter and content_words(query):
        # "something set in space but not too serious", "a war movie, but not too depressing": a request of its own,
        # and a light one, of the kinds said and a comedy too (M*A*S*H, Good Morning, Vietnam); searched in one word
        # of the catalog's tags (more drowned the request; what is ruled out is never searched).
        query = f"{query}, funny"
        if funny and funny not in excluded and funny not in categories:
            all_categories = bool(categories)
            categories.append(funny)
    complaint = ((_COMPLAINT.search(message) or _NOT_TOO.search(message))
                 if shown and not mentions and not more_like else None)
    lessened = f"less {complaint.group(1).lower()}" if complaint else None
    if lessened in DIRECTION_MEANINGS:
        # "that's too sad, something happier", "those are too violent", "not too dark please" after a list: its
        # theme, the way asked (searched, "too sad" found Requiem for a Dream). A theme the tags hold said with a
        # turn asked of what comes next is kept: "I like psychological ones, not too violent" after thrillers searched
        # "less violent" alone. Said of the list ("that's a bit too heavy, something lighter but still smart"), the
        # rest is the turn's own words.
        besides = " ".join(_COMPLAINT.sub(" ", _NOT_TOO.sub(" ", query or "")).split())
        themes = [word for word in content_words(besides) if word not in _DIRECTION_WORDS and word not in _EVERYDAY
                  and theme_of is not None and theme_of(word)]
        query = f"{besides}, {lessened}" if themes and not _COMPLAINT.search(message) else lessened
        avoided = [word for word in avoided if word != lessened.split()[-1]]
    else:
        lessened = None
    if light_turn and re.search(r"\bdark\b", light_turn.group(0), re.IGNORECASE) and theme_of is not None:
        # "a thriller, not too dark": none of the films the tags call dark or disturbing (Pulp Fiction and Fargo came).
        avoided += [tag for tag in DARK_TAGS if tag not in avoided and theme_of(tag)]
    if fell_short and not lessened:
        query = fell_short[1]  # searched, "wasn't scary enough" found The World Is Not Enough
    if query and funny in categories and _WIT.search(query) and not [
            word for word in content_words(query)
            if word not in vocabulary.phrase_words and not _WIT.fullmatch(word) and not _FILM_NOUNS.fullmatch(word)]:
        query = _CLEVER  # "a smart comedy", "something funny but smart": wit, no more (Smart People, Funny People came)
    if violence_down and theme_of is not None:
        # "something scary but not too gory": none of the films the tags call gory or brutal (it showed Saw).
        # "a war movie but not too graphic" is violence too (it showed Saving Private Ryan and Braveheart).
        violent = re.search(r"violen|graphic", violence_down, re.IGNORECASE)
        avoided += [word for word in (*_GORE_TAGS, *(_VIOLENCE_TAGS if violent else ()))
                    if word not in avoided and theme_of(word)]
    if query:  # "true crime" is searched as the tags say it (True Romance and The Mask came for "true" and "crime")
        query = _TRUE_CRIME.sub("crime based on a true story", query)
    for typed, spelled in spellings.items():  # "seth rogan" is searched as the catalog's "seth rogen"
        query = re.sub(rf"\b{re.escape(typed)}\b", spelled, query) if query else query
    if query and surnamed is not None:
        query = with_full_names(query, message, surnamed)
    asks_of_you = bool(_OF_YOU.search(message))
    if unknown and not more_like:  # "a funny movie like Stranger Things", which the catalog lacks
        more_like = _compares(message[:max(0, message.find(unknown))])
    if more_like and subject is None and unknown and named_after is not None:
        subject = named_after.item_id  # "something like Avengers End Game": like The Avengers, which the catalog has
    among, choice = _among_named(message, [*(item_id for item_id, _, _ in references), *(m.item_id for m in mentions)],
                                 shown[0] if shown and (focused or len(shown) == 1) else None)
    choice = choice or (_choice(message, shown) if not mentions else None)
    # ... or of their years: "are any of them from before 2000?" (it showed more films of those years).
    asked_of_them = (choice is None and shown and not mentions
                     and (categories or audience or excluded or year_from is not None or year_to is not None)
                     and _ASKED_OF_THEM.search(message))
    asked_of: list[str] = []
    told: list[str] = []  # the qualities a film just told of is said to have
    if _has(text, PROFILE_CUES):
        intent = "profile"
    elif shown and not mentions and (_asks_again(message) or _WHY.match(message)):
        intent = "again"
    elif shown and _WHY_POINTED.match(message) and (references or mentions) and all(
            mention.item_id in shown for mention in mentions):
        intent = "again"  # the item's reasons, as they were
        references = references or [(mention.item_id, mention.start, mention.end) for mention in mentions]
    elif _WHY.match(message):  # nothing shown to tell of: no request either
        intent, query = "chat", None
    elif _asks_of_nothing(message, shown, bool(mentions or unknown or longer)) or (
            shown and not mentions and not references and _has(text, DETAIL_CUES) and _names_one(message)) or (
            year_of_shown and not mentions):
        # "what's the Fincher one about?" where no film shown is said to be his: which film, not a search of the
        # name (The Birdcage and The Birds, by its letters); so "the one from 1994" where none or two are of 1994
        # (the first shown was taken for it, or films of the year were searched).
        intent, query = "unclear", None
    elif choice is not None:
        intent = "choose"
    elif shown and not mentions and not references and _asks_ratings_of_shown(message, focused):
        intent, query = "ratings", None
    elif asked_of_them:  # "are any of them funny?": answered from the categories of the items shown
        intent, asked_of, excluded = "which", [*categories, *audience, *excluded], []
    elif ((categories or audience or excluded or _TEEN_WATCHING.search(message)) and subject and not more_like
          and _asks_whether(message, mentions, references)):
        # "would it be too scary for my kids?": a question about the item, not a request, nor a rule for the session.
        # Of a teenager ("is it good for a 13 year old?"), whether it is a children's film: it answered with the
        # details alone, as if nothing was asked.
        children = vocabulary.resolve("children")
        teen = [children] if children and not (categories or audience or excluded) else []
        intent, asked_of, excluded = "details", [*categories, *audience, *excluded, *teen], []
        # "is it scary?" of WALL-E fears it rather than asks for more of it: films like it, not horror films like it.
        categories = [category for category in categories
                      if not any(kind == category and phrase in _FEARED for kind, _, phrase in kinds)]
    elif more_like and subject:
        intent = "more_like"
        if not (alike_theme or audience) and _TEEN_WATCHING.search(message) and _of_teens(subject, theme_of):
            # "a movie like Mean Girls for my teenage daughter": like it, and of teens (Old School and Superbad came).
            # Films like Harry Potter for a 13 year old are the fantasy films like it, of no teens' tag.
            alike_theme = TEEN_THEME
    elif more_like and unknown and not mentions:
        # "something like Stranger Things", which the catalog lacks: said so, nothing named alike; with more asked
        # ("I like the suspense of the who-dun-it, anything similar to Knives Out?") the rest of it, and a note.
        rest = _without(query, unknown)
        if rest and _FOR_FANS.search(rest):  # "what would you recommend for someone who loved": nothing more asked
            rest = " ".join(_FOR_FANS.sub(" ", rest).split()) if content_words(_FOR_FANS.sub(" ", rest)) else None
        intent, query = ("recommend", rest) if categories or audience or rest else ("search", query)
    elif ((_has(text, DETAIL_CUES) or _asks_about(message, mentions, references)
           or (references and not mentions and _asks_whether(message, mentions, references)))
          and (mentions or references) and not _has(text, RECOMMEND_CUES[:2]) and not _GOOD_ONE_ASKED.search(message)):
        # "the first one, is it sad?": a question about the item, whatever kind it asks of
        intent = "details"
    elif _has(text, SEARCH_CUES) and (mentions or unknown) and not _has(text, ASKING_FOR_OTHERS):
        intent = "search"
    elif _ACCEPTS.search(message) and not mentions and not _asks_beside_accepting(text, message, categories):
        # "I enjoy movies that have a romantic touch. You've convinced me, I am definitely going to watch this movie.
        # I accept your recommendation": it liked the film not yet seen and showed romances.
        intent, query, likes = "chat", None, []
    elif ((_has(_MORE_THAN.sub(" ", _CLOSING.sub(" ", text)), RECOMMEND_CUES) and not asks_of_you)
          or categories or audience or excluded or blends or year_from or year_to or years_out or foreign or english
          or series or better_sequel
          or _BEST_OF.search(message) or rated_asked(message) or minutes_asked(message)
          or _ANYTHING_GOOD.search(message) or open_to_any or seen_known or favorite or service or awarded):
        intent = "recommend"
    elif seen and references and not mentions and _REFERENCE_LIKED.match(message):
        # "I've seen the first two, the third one looks good": noted, and the third told of (it went on with more of
        # the theme, the third forgotten).
        intent, query = "details", None
    elif likes or dislikes or seen:
        # "I really enjoyed the first frozen. We've watched that twenty times": what is said around feedback tells
        # of the titles, it asks for nothing; the titles liked are what to go on. "I love disney movies" beside
        # them speaks of a kind of film: a theme. "Also Braveheart, Saving Private Ryan (big Tom Hanks fan)": a name
        # the catalog's own words hold is one, and is what is searched (films like the two came: Star Wars, The Matrix).
        intent = "feedback"
        # A name ruled out is none to search: "not that one, I hate Jim Carrey" showed films like his.
        names = [normalise(name) for name, _, _ in _names_in(message, titled)
                 if described is not None and described(name) and normalise(name) not in map(normalise, avoided)]
        if names:
            query = " ".join(names)
        elif not (query and _FILM_NOUNS.search(query)):
            query = None
    elif unknown and not longer and not unknown.isupper() and _said_of(message, unknown):
        # "I watched The Irishman", which the catalog lacks: told of a film, nothing asked, and films named alike
        # (Kill the Irishman) are no answer; the conversation goes on, with a note. What else the message says is
        # still asked for. "They like DC" names a studio, whose name the titles may hold: searched.
        rest = _without(query, unknown)
        asks_more = any(word not in _EVERYDAY for word in normalise(rest or "").split())  # not "last week"
        intent, query = ("recommend", rest) if asks_more else ("chat", None)
    elif unknown:
        intent = "search"
    elif mentions:
        intent = "details"
    elif references and (_BARE_REFERENCE.match(message) or _REFERENCE_LIKED.match(message)
                         or asks_which_was_suggested(message)):
        # "the second one", "number 3" alone: that item told of, where it showed five more of the theme.
        intent, query = "details", None
    elif told := (_qualities_told(message, theme_of) if focused and subject and not mentions else []):
        intent, query, alike_theme = "more_like", None, " ".join(told)  # more like it, of what was told
    else:
        # "He is a very good actor": chat, which goes on with the conversation's theme when it has one.
        # "Will watch soon", "Planned to watch this weekend": of what was shown; their words are no theme.
        # "what's good on a Friday night?": picks for that night, its words no search (`_WEEKDAY_NIGHT`).
        intent = ("recommend" if lessened is not None or (told_of and query) or _WEEKDAY_NIGHT.search(message) or (
            query and not is_reaction(message) and not asks_of_you and not is_closing(message)
            and not _SMALL_TALK.search(message) and not _tells_only(message, query)) else "chat")
        query = query if intent == "recommend" else None
    felt = _felt(message, mentions, described, vocabulary) if intent == "details" and subject and not asked_of else None
    return Understanding(
        intent=intent,
        titles=tuple(mentions),
        likes=tuple(dict.fromkeys(likes)),
        theirs=tuple(item_id for item_id in dict.fromkeys(theirs) if item_id in likes),
        # "I liked Titanic but it was too long": liked, with a fault found; not disliked as well.
        dislikes=tuple(item_id for item_id in dict.fromkeys(dislikes) if item_id not in likes),
        # "they've seen all the Toy Story movies": every film of the series (Toy Story alone was taken as seen).
        seen=tuple(dict.fromkeys(item for said in seen if said not in likes
                                 for item in (said, *_series_seen(message, said, mentions, titles)))),
        categories=tuple(dict.fromkeys(c for c in categories if c not in excluded and c not in audience)),
        audience=tuple(dict.fromkeys(c for c in audience if c not in excluded)),
        all_categories=all_categories,
        softened=tuple(dict.fromkeys(softened)),
        # "a less scary horror movie" says its kind
        fright_lessened=fright_lessened and sum(kind == horror for kind, _, _ in kinds) == 1,
        exclude_categories=tuple(dict.fromkeys(excluded)),
        usual=tuple(sorted(set_aside)),
        exclude_together=tuple(dict.fromkeys(blends)),
        year_from=year_from,
        year_to=year_to,
        query=query,
        unknown_title=unknown if not mentions or intent == "search" else listed_unknown,
        namesake=namesake if intent == "search" else None,
        subject=subject,
        direction=direction,
        alike_theme=alike_theme if intent == "more_like" and (direction or example or told or alike_theme == TEEN_THEME)
        else None,
        references=tuple(dict.fromkeys(item_id for item_id, _, _ in references)),
        choice=choice,
        violence_down=bool(violence_down),
        among=among,
        asked_of=tuple(dict.fromkeys(asked_of)),
        # Not from the titles it names: "I loved La La Land, what else?" was said to look like French.
        language=message_language(_blanked(message, spans_named)),
        asks_alike=more_like,
        avoided=tuple(avoided),
        count=count_asked(message) or (1 if favorite and intent == "recommend"
                                       and not (favorite.group("several") or favorite.group("films")) else None),
        counted_kinds=kinds_counted(message, vocabulary) if intent == "recommend" else (),
        # "anything less mainstream?" after films like The Dark Knight: the less known of those like it.
        rated=("underrated" if seen_known else "best" if favorite or awarded else rated_asked(message))
        if intent in ("recommend", "more_like") else None,
        asks_favorite=bool(favorite) and intent == "recommend",
        max_minutes=minutes_asked(message) if intent == "recommend" else None,
        new_theme=intent == "recommend" and bool(_ELSEWHERE.search(message)),
        maker=maker,
        # "I liked Amelie, anything French like that?": films like it in another language.
        foreign=bool(foreign or (not english and _OF_A_LANGUAGE.search(message))) and intent in ("recommend",
                                                                                                "more_like"),
        english=bool(english),
        series=bool(series) and intent == "recommend",
        sequels=bool(better_sequel) and intent == "recommend",
        service=" ".join(service.group("service").split()) if service else None,
        awards=bool(awarded) and intent == "recommend",
        in_colour=bool(in_colour) and year_from == COLOUR_YEAR,
        year_of_shown=year_of_shown, shown_of_year=tuple(shown_of_year),
        years_out=years_out,
        felt=felt,
        asks_why=intent == "again" and bool(_WHY.match(message) or _WHY_POINTED.match(message)),
        this_year=year_from is not None and year_to is None and bool(_asked(message, _THIS_YEAR.search(message))),
        seen_themes=tuple(dict.fromkeys(seen_all)),
        # A title the catalog lacks ("Space Llamas") is said so by its own note.
        unmentioned=tuple(dict.fromkeys(name for name, _, _ in unmentioned
                                        if not (unknown and normalise(name) in normalise(unknown)))),
    )
