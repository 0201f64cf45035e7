"""Natural chat requests over the demo catalog, each with an expectation written before any run.

Kinds: mood, audience, occasion, reference, comparison, follow-up, exclusion, feedback, language, and honesty
(what the catalog cannot answer, said plainly). A case is
its messages (sent in one fresh session; the last reply is checked) and what that reply must show:
- `any_of`: categories; at least `SHARE` of the items shown have one of them;
- `none_of`: categories no item shown may have;
- `before` / `after`: every item shown is from before / after that year;
- `like`: the n-th item (1-based) of the previous reply is the one the answer is like (the tool was called
  with it), `-1` for the last;
- `seen`: the n-th item of the previous reply is recorded as seen; `profile`: words the profile must hold;
- `note`: words the reply's text must hold;
- `not_in_titles`: words no title shown may hold (a request answered from its leftover words: "Boys Don't Cry"
  for "a movie that will make me cry");
- `like_title`: the answer is like this catalog title (the tool was called with it); `like_all`: [n, m, ...],
  the answer is like each of those items of the previous reply (the tool was called with all of them); `like_each`:
  titles liked apart, for each of which some item shown is said to be like it alone;
- `fresh`: no item of the previous reply is shown again;
- `seen_all`: every item of the previous reply is recorded as seen; `no_items`: the reply shows no item;
- `disliked`: the n-th item of the previous reply is recorded as disliked; `details`: the reply gives the n-th
  item's details;
- `chosen`: the reply shows exactly one item, one of the previous reply's;
- `disliked_title`: this catalog title is recorded as disliked (typed with a slip in the message);
- `era_of`: every item shown is within five years of the n-th item of the previous reply;
- `not_both`: categories no item shown has all of (kinds ruled out together: "no romcoms"); `each_of`: categories
  each of which some item shown has (tastes listed apart: "westerns and sci-fi");
- `all_of`: categories every item shown has; `tagged`: [tag, n], the first n items shown are tagged so;
- `not_series`: no item shown is this catalog title or of its series; `not_note`: words the reply must not hold;
- `varied`: no more than two items shown are of one series; `not_tagged`: a tag no item shown holds; `about`:
  [word, n], at least n items shown hold the word in their title or tags (a theme kept);
- `count`: how many items the reply shows; `foreign`: every item shown gives its title in another language;
- `again`: the reply shows the previous reply's items, in the same order; `shows`: a catalog title among the items
  shown (the film a friend would name).
Every reply must also show items (except feedback-only checks) that exist in the catalog (grounded).
"""

from __future__ import annotations

from typing import Any

SHARE = 0.8

FAMILY = ["Children", "Animation"]
FUNNY = ["Comedy"]
SCARY = ["Horror", "Thriller"]
ROMANTIC = ["Romance"]
EXCITING = ["Action", "Adventure", "Thriller"]

CASES: list[dict[str, Any]] = [
    # -- mood ---------------------------------------------------------------------------------------------
    {"kind": "mood", "messages": ["a feel-good movie for a rainy Sunday"], "any_of": ["Comedy", "Romance", "Children", "Animation", "Musical"]},
    {"kind": "mood", "messages": ["something funny to cheer me up"], "any_of": FUNNY},
    {"kind": "mood", "messages": ["I want to laugh until I cry"], "any_of": FUNNY},
    {"kind": "mood", "messages": ["a scary movie that keeps me up at night"], "any_of": SCARY},
    {"kind": "mood", "messages": ["something creepy and unsettling"], "any_of": SCARY},
    {"kind": "mood", "messages": ["a tearjerker, I feel like crying"], "any_of": ["Drama", "Romance"]},
    {"kind": "mood", "messages": ["an adrenaline rush, lots of explosions"], "any_of": EXCITING},
    {"kind": "mood", "messages": ["a romantic movie that makes me believe in love"], "any_of": ROMANTIC},
    {"kind": "mood", "messages": ["a mind-bending sci-fi puzzle"], "any_of": ["Sci-Fi", "Mystery", "Thriller"]},
    {"kind": "mood", "messages": ["something dark and gritty about crime"], "any_of": ["Crime", "Thriller", "Film-Noir"]},
    {"kind": "mood", "messages": ["a light and silly comedy"], "any_of": FUNNY},
    {"kind": "mood", "messages": ["an epic adventure in a fantasy world"], "any_of": ["Fantasy", "Adventure"]},
    {"kind": "mood", "messages": ["a suspenseful thriller with twists"], "any_of": ["Thriller", "Mystery", "Crime"]},
    {"kind": "mood", "messages": ["I'm in the mood for a heartwarming story"], "any_of": ["Drama", "Comedy", "Children", "Romance"]},
    {"kind": "mood", "messages": ["scary but not gory"], "any_of": SCARY},
    {"kind": "mood", "messages": ["I'm feeling down, cheer me up"], "any_of": FUNNY, "not_in_titles": ["down", "cheer"]},
    {"kind": "mood", "messages": ["a movie that will make me cry"], "any_of": ["Drama", "Romance"], "not_in_titles": ["cry"]},
    {"kind": "mood", "messages": ["I like stoner comedies"], "any_of": FUNNY, "not_in_titles": ["stone"]},
    {"kind": "mood", "messages": ["something uplifting after a long week"], "any_of": ["Comedy", "Drama", "Romance", "Children", "Animation", "Musical"], "not_in_titles": ["week", "long"]},
    {"kind": "mood", "messages": ["a movie that makes me think"], "any_of": ["Drama", "Sci-Fi", "Mystery", "Thriller"], "not_in_titles": ["think"]},
    {"kind": "mood", "messages": ["an animated sci-fi movie"], "all_of": ["Animation", "Sci-Fi"]},
    {"kind": "mood", "messages": ["something scary and funny"], "all_of": ["Horror", "Comedy"]},
    {"kind": "mood", "messages": ["a romantic drama"], "all_of": ["Romance", "Drama"]},
    {"kind": "mood", "messages": ["what are the best movies of the 90s?"], "after": 1989, "before": 2000, "not_in_titles": ["best"]},
    {"kind": "mood", "messages": ["the greatest movies of all time"], "not_in_titles": ["great", "time"]},
    {"kind": "mood", "messages": ["something set in space but not too serious"], "any_of": FUNNY},
    {"kind": "mood", "messages": ["a war movie, but not too depressing"], "all_of": ["War", "Comedy"]},
    {"kind": "mood", "messages": ["I'm feeling nostalgic"], "any_of": FAMILY + ["Adventure", "Fantasy", "Comedy"], "not_in_titles": ["nostalgi"]},
    {"kind": "mood", "messages": ["I need something to fall asleep to"], "not_in_titles": ["sleep"]},
    {"kind": "mood", "messages": ["give me 3 comedies"], "count": 3, "all_of": ["Comedy"], "not_in_titles": ["three"]},
    {"kind": "mood", "messages": ["what should I watch tonight? I'm in the mood for something exciting"], "any_of": EXCITING, "not_in_titles": ["mood"]},
    # -- audience -----------------------------------------------------------------------------------------
    {"kind": "audience", "messages": ["a funny animated movie the whole family can watch"], "any_of": FAMILY},
    {"kind": "audience", "messages": ["something my kids will love"], "any_of": FAMILY},
    {"kind": "audience", "messages": ["a movie for a 6 year old"], "any_of": FAMILY},
    {"kind": "audience", "messages": ["a cartoon for children"], "any_of": FAMILY},
    {"kind": "audience", "messages": ["family movie night, nothing scary"], "any_of": FAMILY + ["Comedy"], "none_of": ["Horror"]},
    {"kind": "audience", "messages": ["a film to watch with my grandparents, a classic"], "before": 1980},
    {"kind": "audience", "messages": ["a comedy for teenagers"], "any_of": FUNNY},
    {"kind": "audience", "messages": ["animated films for adults"], "any_of": ["Animation"]},
    {"kind": "audience", "messages": ["something my little sister would enjoy, she loves princesses"], "any_of": FAMILY + ["Fantasy", "Musical"]},
    {"kind": "audience", "messages": ["a war movie for my dad"], "any_of": ["War"]},
    {"kind": "audience", "messages": ["a documentary for a curious teenager"], "any_of": ["Documentary"]},
    {"kind": "audience", "messages": ["kid friendly adventure"], "any_of": FAMILY + ["Adventure"]},
    {"kind": "audience", "messages": ["something to watch with my grandma"], "none_of": ["Horror"], "not_in_titles": ["grandma", "grandpa", "grandmother"]},
    {"kind": "audience", "messages": ["a movie my teenage daughter and I can both enjoy"], "none_of": ["Horror"], "not_in_titles": ["daughter", "teenage"]},
    {"kind": "audience", "messages": ["a comedy for my kids"], "all_of": ["Children", "Comedy"]},
    {"kind": "audience", "messages": ["something scary my kids can watch"], "all_of": ["Children"], "any_of": SCARY},
    {"kind": "audience", "messages": ["hey! looking for something to watch with my teenage kids tonight"], "none_of": ["Children"]},
    {"kind": "audience", "messages": ["I like comedies, but my kid is a teenager so nothing too childish"], "any_of": FUNNY, "none_of": ["Children"]},
    {"kind": "audience", "messages": ["I usually like action movies, but my wife likes romantic comedies. Something we can both enjoy?"], "all_of": ["Action", "Comedy", "Romance"]},
    {"kind": "audience", "messages": ["a christmas movie for the family"], "any_of": FAMILY, "not_in_titles": ["family"]},
    {"kind": "audience", "messages": ["I want to watch something with my girlfriend tonight, she likes romance and I like sci-fi"], "all_of": ["Romance", "Sci-Fi"]},
    # -- occasion -----------------------------------------------------------------------------------------
    {"kind": "occasion", "messages": ["date night, something romantic"], "any_of": ROMANTIC + FUNNY},
    {"kind": "occasion", "messages": ["a Halloween movie"], "any_of": SCARY},
    {"kind": "occasion", "messages": ["a Christmas movie for the holidays"], "any_of": ["Comedy", "Children", "Drama", "Romance", "Animation", "Fantasy"]},
    {"kind": "occasion", "messages": ["something to watch with friends and pizza, funny"], "any_of": FUNNY},
    {"kind": "occasion", "messages": ["a movie for a sleepover with kids"], "any_of": FAMILY + FUNNY},
    {"kind": "occasion", "messages": ["a sad movie for a lonely evening"], "any_of": ["Drama", "Romance"]},
    {"kind": "occasion", "messages": ["an action movie for a boys night"], "any_of": EXCITING},
    {"kind": "occasion", "messages": ["a romantic comedy for Valentine's day"], "any_of": ROMANTIC + FUNNY},
    {"kind": "occasion", "messages": ["a spooky film for a stormy night"], "any_of": SCARY},
    {"kind": "occasion", "messages": ["a musical to sing along with"], "any_of": ["Musical", "Animation", "Children"]},
    {"kind": "occasion", "messages": ["a good date night movie"], "any_of": ROMANTIC + FUNNY, "not_in_titles": ["date"]},
    {"kind": "occasion", "messages": ["something cozy for a snowy evening"], "any_of": ["Comedy", "Romance", "Children", "Animation", "Drama", "Fantasy"], "not_in_titles": ["snow", "evening"]},
    {"kind": "occasion", "messages": ["what's a good movie to watch on a first date?"], "any_of": ROMANTIC + FUNNY, "not_in_titles": ["first"]},
    # -- reference ----------------------------------------------------------------------------------------
    {"kind": "reference", "messages": ["some dramas", "are any of them funny?"], "note": ["listed under Comedy"], "no_items": True},
    {"kind": "reference", "messages": ["some comedies", "the second one looks interesting, who's in it?"], "details": 2},
    {"kind": "reference", "messages": ["I'm in the mood for a musical", "the second one, is it good for kids?"], "details": 2, "note": ["listed under Children"]},
    {"kind": "reference", "messages": ["some horror movies", "is that a comedy?"], "details": 1, "note": ["listed under Comedy"]},
    {"kind": "reference", "messages": ["something like The Princess Bride", "the third one sounds fun, tell me more"], "details": 3},
    {"kind": "reference", "messages": ["recommend some comedies", "more like the second one"], "like": 2},
    {"kind": "reference", "messages": ["some animated movies please", "more like the first one"], "like": 1},
    {"kind": "reference", "messages": ["a good horror movie", "something like the third one"], "like": 3},
    {"kind": "reference", "messages": ["give me some westerns", "more like the last one"], "like": -1},
    {"kind": "reference", "messages": ["sci-fi movies please", "anything similar to number 2?"], "like": 2},
    {"kind": "reference", "messages": ["a crime thriller", "more like that one"], "like": 1},
    {"kind": "reference", "messages": ["romantic comedies", "similar to the fourth one"], "like": 4},
    {"kind": "reference", "messages": ["war movies", "more like the second"], "like": 2},
    {"kind": "reference", "messages": ["documentaries please", "something like the first"], "like": 1},
    {"kind": "reference", "messages": ["musicals", "more like number 3"], "like": 3},
    {"kind": "reference", "messages": ["a funny movie from the 80s", "the second one sounds good, anything else like it?"], "like": 2},
    {"kind": "reference", "messages": ["a western", "what about the third one?"], "details": 3},
    {"kind": "reference", "messages": ["some comedies and thrillers", "Which of these is the funniest?"], "chosen": True, "any_of": FUNNY},
    {"kind": "reference", "messages": ["sci-fi movies please", "which of those would you pick?"], "chosen": True},
    {"kind": "reference", "messages": ["a film about friendship", "the first one, is it sad?"], "details": 1},
    {"kind": "reference", "messages": ["any good romantic comedies from the 90s?", "the third one, who directed it?"], "details": 3},
    # -- comparison ---------------------------------------------------------------------------------------
    {"kind": "comparison", "messages": ["give me a movie like Alien but less scary"], "like_title": "Alien", "none_of": ["Horror"]},
    {"kind": "comparison", "messages": ["I loved The Chronicles of Narnia: The Lion, the Witch and the Wardrobe"], "varied": True, "like_title": "The Chronicles of Narnia: The Lion, the Witch and the Wardrobe"},
    {"kind": "comparison", "messages": ["something like Harry Potter"], "not_in_titles": ["harry potter"], "any_of": ["Fantasy", "Adventure"]},
    {"kind": "comparison", "messages": ["I just watched Get Out and loved it. Anything similar?"], "like_title": "Get Out"},
    {"kind": "comparison", "messages": ["something like Inception but older"], "before": 2010},
    {"kind": "comparison", "messages": ["like Heat but older"], "before": 1995},
    {"kind": "comparison", "messages": ["something like Alien but newer"], "after": 1979},
    {"kind": "comparison", "messages": ["like Toy Story but newer"], "after": 1995},
    {"kind": "comparison", "messages": ["like The Godfather but more recent"], "after": 1972},
    {"kind": "comparison", "messages": ["something like Die Hard but funnier"], "any_of": FUNNY + ["Action"]},
    {"kind": "comparison", "messages": ["like Pulp Fiction but older"], "before": 1994},
    {"kind": "comparison", "messages": ["something like Titanic but older"], "before": 1997},
    {"kind": "comparison", "messages": ["like Jaws but newer"], "after": 1975},
    {"kind": "comparison", "messages": ["something like Groundhog Day but older"], "before": 1993},
    {"kind": "comparison", "messages": ["something dark and violent like A Clockwork Orange"], "like_title": "Clockwork Orange, A (1971)"},
    {"kind": "comparison", "messages": ["I loved The Dark Knight", "something like that but funnier"], "like_title": "Dark Knight, The (2008)"},
    {"kind": "comparison", "messages": ["something like The Notebook but less sad"], "like_title": "The Notebook", "any_of": FUNNY},
    {"kind": "comparison", "messages": ["I loved Heat, the best movie ever"], "like_title": "Heat (1995)"},
    {"kind": "comparison", "messages": ["something like Toy Story but for adults"], "like_title": "Toy Story", "none_of": ["Children"]},
    {"kind": "comparison", "messages": ["what's a movie like Inception?", "what about something like that but from the 80s?"], "like_title": "Inception", "after": 1979, "before": 1990},
    {"kind": "comparison", "messages": ["I loved the Lord of the Rings movies"], "like_title": "The Lord of the Rings: The Fellowship of the Ring", "not_series": "The Lord of the Rings: The Fellowship of the Ring"},
    {"kind": "comparison", "messages": ["I liked Get Out. What else should I watch?"], "like_title": "Get Out"},
    # -- follow-up ----------------------------------------------------------------------------------------
    {"kind": "follow-up", "messages": ["a comedy for my kids", "more like the first one"], "all_of": ["Children"], "like": 1},
    {"kind": "follow-up", "messages": ["I'm in the mood for something romantic", "no, not a comedy"], "any_of": ROMANTIC, "none_of": ["Comedy"]},
    {"kind": "follow-up", "messages": ["something like Titanic", "I've seen that one already, anything else?"], "seen": 1, "like_title": "Titanic"},
    {"kind": "follow-up", "messages": ["a comedy for my kids", "something a bit more exciting"], "all_of": ["Children"]},
    {"kind": "follow-up", "messages": ["heist movies", "no, something older, from before 1980"], "before": 1980, "any_of": ["Crime", "Thriller", "Action", "Comedy", "Drama"]},
    {"kind": "follow-up", "messages": ["a romantic comedy", "something more recent, after 2010"], "after": 2010, "any_of": ROMANTIC + FUNNY},
    {"kind": "follow-up", "messages": ["animated movies", "what else?"], "any_of": ["Animation"]},
    {"kind": "follow-up", "messages": ["a horror movie", "more please"], "any_of": SCARY},
    {"kind": "follow-up", "messages": ["westerns please", "from the 60s"], "after": 1959, "before": 1970},
    {"kind": "follow-up", "messages": ["sci-fi", "but no horror"], "any_of": ["Sci-Fi"], "none_of": ["Horror"]},
    {"kind": "follow-up", "messages": ["a war movie", "something older"], "before": 1980, "any_of": ["War"]},
    {"kind": "follow-up", "messages": ["comedies", "from the 90s"], "after": 1989, "before": 2000, "any_of": FUNNY},
    {"kind": "follow-up", "messages": ["a musical", "show me others"], "any_of": ["Musical"]},
    {"kind": "follow-up", "messages": ["a documentary", "another one"], "any_of": ["Documentary"]},
    {"kind": "follow-up", "messages": ["I loved Pulp Fiction and Fargo", "something similar but more recent"], "after": 1994, "like_title": "Pulp Fiction (1994)"},
    {"kind": "follow-up", "messages": ["something like A Clockwork Orange", "no thanks, something else"], "like_title": "Clockwork Orange, A (1971)", "fresh": True},
    {"kind": "follow-up", "messages": ["an animated sci-fi movie", "more please"], "all_of": ["Animation", "Sci-Fi"]},
    {"kind": "follow-up", "messages": ["something like Pulp Fiction", "something more recent"], "like_title": "Pulp Fiction", "after": 1994},
    # -- exclusion ----------------------------------------------------------------------------------------
    {"kind": "exclusion", "messages": ["something that isn't a comedy"], "none_of": ["Comedy"]},
    {"kind": "exclusion", "messages": ['I\'m a huge fan of horror movies. Not into movies like "Saw" and "The Purge".', "more please", "more please"], "any_of": SCARY, "not_series": "Saw"},
    {"kind": "exclusion", "messages": ["a comedy, but no romance"], "any_of": FUNNY, "none_of": ["Romance"]},
    {"kind": "exclusion", "messages": ["sci-fi without horror"], "any_of": ["Sci-Fi"], "none_of": ["Horror"]},
    {"kind": "exclusion", "messages": ["anything but drama"], "none_of": ["Drama"]},
    {"kind": "exclusion", "messages": ["an action movie, nothing animated"], "any_of": ["Action"], "none_of": ["Animation"]},
    {"kind": "exclusion", "messages": ["a thriller, no horror please"], "any_of": ["Thriller"], "none_of": ["Horror"]},
    {"kind": "exclusion", "messages": ["no musicals", "a family movie"], "none_of": ["Musical"]},
    {"kind": "exclusion", "messages": ["I hate war movies. Recommend an adventure"], "any_of": ["Adventure"], "none_of": ["War"]},
    {"kind": "exclusion", "messages": ["a crime film without any violence, no thrillers"], "none_of": ["Thriller"]},
    {"kind": "follow-up", "messages": ["romantic comedies", "I love the first one. Is there another movie from that time period?"], "any_of": ROMANTIC + FUNNY, "era_of": 1},
    {"kind": "exclusion", "messages": ["something like 28 Days Later but without zombies"], "not_tagged": "zombies", "like_title": "28 Days Later"},
    {"kind": "exclusion", "messages": ["something like Cool Hand Luke", "not a prison movie though"], "not_tagged": "prison"},
    {"kind": "exclusion", "messages": ["I've seen all the Marvel movies, what else is there?"], "not_tagged": "marvel"},
    # -- feedback -----------------------------------------------------------------------------------------
    {"kind": "feedback", "messages": ["Kate Hudson, I loved her in the movie How to Lose a Guys in 10 Days"], "like_title": "How to Lose a Guy in 10 Days"},
    {"kind": "feedback", "messages": ["something like Heat", "I didn't like the first one. Something else?"], "disliked": 1, "like_title": "Heat"},
    {"kind": "feedback", "messages": ["recommend a comedy", "I already saw that. Something funnier?"], "seen": 1, "any_of": FUNNY},
    {"kind": "feedback", "messages": ["I hated Titanic. What do you know about me?"], "profile": ["Did not like: Titanic"]},
    {"kind": "feedback", "messages": ["I loved Heat and Pulp Fiction", "what do you know about me?"], "profile": ["Liked:", "Heat", "Pulp Fiction"]},
    {"kind": "feedback", "messages": ["a horror film", "seen the first one already"], "seen": 1},
    {"kind": "feedback", "messages": ["I've seen Shrek. Something for kids"], "profile": ["Already seen: Shrek"], "any_of": FAMILY},
    {"kind": "feedback", "messages": ["I really liked Toy Story, more like it please"], "profile": ["Liked: Toy Story"]},
    {"kind": "feedback", "messages": ["recommend me a good thriller", "I've seen all of those"], "seen_all": True, "fresh": True},
    {"kind": "feedback", "messages": ["recommend a comedy", "I didn't like the first one"], "disliked": 1, "fresh": True},
    {"kind": "feedback", "messages": ["some comedies", "I don't like stupid comedy, like Napolean Dynamite, I can't stand that movie."], "disliked_title": "Napoleon Dynamite"},
    # -- another language ---------------------------------------------------------------------------------
    {"kind": "language", "messages": ["un film romantique français, pas trop triste"], "note": ["I read English best"], "any_of": ROMANTIC},
    {"kind": "language", "messages": ["quiero una comedia sin terror"], "note": ["I read English best"], "any_of": FUNNY, "none_of": ["Horror"]},
    {"kind": "language", "messages": ["ich möchte einen lustigen film"], "note": ["I read English best"], "any_of": FUNNY},
    {"kind": "language", "messages": ["une comédie pour les enfants s'il vous plaît"], "note": ["I read English best"], "any_of": FUNNY + FAMILY},
    {"kind": "language", "messages": ["voglio un film romantico e divertente per la serata"], "any_of": ROMANTIC + FUNNY},
    # -- honesty ------------------------------------------------------------------------------------------
    {"kind": "honesty", "messages": ["any movies with Leonardo Decaprio?"], "tagged": ["Leonardo DiCaprio", 3], "not_note": ["Nothing in the catalog"]},
    {"kind": "honesty", "messages": ["some mysteries please", "Knives Out, which I also enjoyed."], "note": ["could not find"], "not_in_titles": ["knives"], "any_of": ["Mystery"]},
    {"kind": "honesty", "messages": ["I like Harrison Ford"], "tagged": ["Harrison Ford", 1], "not_note": ["could not find"]},
    {"kind": "honesty", "messages": ["any movies with Tom Hanks?"], "tagged": ["Tom Hanks", 4]},
    {"kind": "honesty", "messages": ["something with Will Smith"], "tagged": ["Will Smith", 2]},
    {"kind": "honesty", "messages": ["any movies with Tom Cruise?"], "note": ["Nothing in the catalog", "Tom Cruise"], "no_items": True},
    {"kind": "honesty", "messages": ["a funny movie with Tom Cruise"], "note": ["Nothing in the catalog"], "any_of": FUNNY},
    {"kind": "honesty", "messages": ["do you have Frozen 2?"], "note": ["could not find"]},
    {"kind": "honesty", "messages": ["something like Stranger Things"], "note": ["could not find"], "no_items": True},
    {"kind": "honesty", "messages": ["some comedies", "I watched The Irishman"], "note": ["could not find"], "not_in_titles": ["irishman"], "any_of": FUNNY},
    # -- years and ratings --------------------------------------------------------------------------------
    {"kind": "years and ratings", "messages": ["what's a good movie from 2015?"], "after": 2014, "before": 2016},
    {"kind": "years and ratings", "messages": ["any comedies from 2010 to 2012?"], "any_of": FUNNY, "after": 2009, "before": 2013},
    {"kind": "years and ratings", "messages": ["a thriller from 2005 on"], "any_of": ["Thriller"], "after": 2004},
    {"kind": "years and ratings", "messages": ["what are the best movies of the 90s?"], "after": 1989, "before": 2000, "note": ["rated"]},
    {"kind": "years and ratings", "messages": ["the best horror movies"], "any_of": ["Horror"], "note": ["rated"]},
    {"kind": "years and ratings", "messages": ["an underrated gem"], "note": ["less known"], "not_in_titles": ["gem", "stone", "diamond", "ruby", "jade"]},
    {"kind": "years and ratings", "messages": ["any hidden gems in sci-fi?"], "any_of": ["Sci-Fi"], "note": ["less known"]},
    {"kind": "years and ratings", "messages": ["some comedies", "which one is the best?"], "chosen": True, "note": ["best rated"]},
    {"kind": "honesty", "messages": ["something short, under 90 minutes"], "note": ["does not say how long"], "not_in_titles": ["short", "minutes", "seconds"]},
    {"kind": "follow-up", "messages": ["some horror films", "just comedies now"], "any_of": FUNNY, "none_of": ["Horror"]},
    {"kind": "follow-up", "messages": ["something like Alien", "something different"], "fresh": True, "not_in_titles": ["different"]},
    {"kind": "occasion", "messages": ["what's popular right now?"], "not_in_titles": ["popular", "now"], "after": 2014},
    {"kind": "mood", "messages": ["I'm bored, any ideas?"], "any_of": EXCITING, "not_in_titles": ["bored"]},
    {"kind": "feedback", "messages": ["I loved the Dark Knight trilogy"], "like_title": "The Dark Knight", "not_in_titles": ["knight"]},
    {"kind": "comparison", "messages": ["something like the Toy Story movies"], "like_title": "Toy Story", "not_in_titles": ["toy"]},
    {"kind": "mood", "messages": ["a good romcom"], "all_of": ["Romance", "Comedy"]},
    {"kind": "exclusion", "messages": ["not into romance, something scary"], "any_of": SCARY, "none_of": ["Romance"]},
    # -- more on items shown ------------------------------------------------------------------------------
    {"kind": "reference", "messages": ["a good war movie", "is it funny?"], "details": 1, "not_in_titles": ["funny"]},
    {"kind": "reference", "messages": ["some sci-fi movies", "who directed it?"], "details": 1},
    {"kind": "feedback", "messages": ["a romantic comedy", "the second one is too cheesy"], "disliked": 2, "any_of": ROMANTIC, "fresh": True},
    {"kind": "follow-up", "messages": ["something like Pulp Fiction", "I've seen all of those"], "seen_all": True, "like_title": "Pulp Fiction", "fresh": True},
    {"kind": "comparison", "messages": ["something like Pulp Fiction", "the third one is too violent"], "disliked": 3, "like_title": "Pulp Fiction", "fresh": True},
    # -- what real dialogues said: craft, plans, small talk, slips, titles' own words ------------------------
    {"kind": "years and ratings", "messages": ["some sci-fi films", "and maybe with some really good actors in it too?"], "any_of": ["Sci-Fi"], "note": ["rated"], "not_in_titles": ["actor"]},
    {"kind": "follow-up", "messages": ["a good horror movie", "the classics are usually better, but I'd like to see something new"], "any_of": ["Horror"], "after": 2009},
    {"kind": "follow-up", "messages": ["a heist film", "Planned to watch this weekend"], "no_items": True},
    {"kind": "follow-up", "messages": ["romantic comedies", "could you reccomend me a different movie too?"], "any_of": ROMANTIC, "fresh": True, "not_in_titles": ["different"]},
    {"kind": "feedback", "messages": ["I loved 10 Things I Hate About You"], "like_title": "10 Things I Hate About You"},
    {"kind": "feedback", "messages": ["something like Heat", "I can't stand stupid action films, like The Matrix"], "like_title": "Heat", "disliked_title": "The Matrix"},
    # -- kinds said alone, titles that repeat the request, centuries, films shown too old ----------------------
    {"kind": "mood", "messages": ["a scary movie"], "any_of": SCARY, "not_in_titles": ["scary"]},
    {"kind": "mood", "messages": ["a funny movie"], "any_of": FUNNY, "not_in_titles": ["scary", "movie"]},
    {"kind": "mood", "messages": ["I'm in the mood for something epic"], "not_in_titles": ["epic"]},
    {"kind": "mood", "messages": ["a scary movie that isn't too gory"], "any_of": SCARY, "not_in_titles": ["scary"]},
    {"kind": "years and ratings", "messages": ["anything from this century?"], "after": 1999},
    {"kind": "follow-up", "messages": ["what would you suggest for a rainy afternoon?", "too old, something from this century"], "after": 1999, "any_of": ["Comedy", "Romance", "Children", "Animation", "Fantasy"]},
    {"kind": "follow-up", "messages": ["any good war movies?", "those are too new"], "any_of": ["War"], "before": 1980},
    {"kind": "exclusion", "messages": ["I need a movie to cheer me up", "not a cartoon though"], "any_of": FUNNY, "none_of": ["Animation"]},
    {"kind": "audience", "messages": ["my kids are 8 and 10, what can we watch together?", "something with animals"], "all_of": ["Children"]},
    {"kind": "comparison", "messages": ["something like Die Hard but more recent"], "like_title": "Die Hard", "after": 1993},
    {"kind": "follow-up", "messages": ["Inception was great. anything like that but less confusing?", "hmm, I've seen most of those. older ones?"], "seen_all": True, "like_title": "Inception", "before": 2005},
    {"kind": "reference", "messages": ["like Toy Story", "the second one. tell me more"], "details": 2, "none_of": ["Horror", "Crime", "Thriller"]},
    {"kind": "years and ratings", "messages": ["some sci-fi films", "and maybe with some really good actors in it too?", "any other well acted ones?"], "any_of": ["Sci-Fi"], "fresh": True, "note": ["rated"]},
    {"kind": "mood", "messages": ["a movie about time travel"], "any_of": ["Sci-Fi"], "not_in_titles": ["about", "time"]},
    {"kind": "audience", "messages": ["something my daughter would enjoy, she loves animals"], "all_of": ["Children"]},
    {"kind": "mood", "messages": ["something inspiring, based on a true story"], "none_of": ["Documentary"]},
    {"kind": "occasion", "messages": ["a good movie for a sunday morning"], "not_in_titles": ["friday", "morning", "sunday"]},
    {"kind": "reference", "messages": ["I'm a big fan of Marvel movies", "which one should I watch first?"], "chosen": True},
    {"kind": "mood", "messages": ["something light"], "not_in_titles": ["light"]},
    {"kind": "feedback", "messages": ["a funny animated movie the whole family can watch", "I like the 2nd one, more like that", "the last one is too childish"], "disliked": -1, "none_of": ["Children"]},
    # -- credits, foreign films, comparisons with what was shown, years kept, acceptance ------------------------
    {"kind": "honesty", "messages": ["I loved The Shining", "anything else from the same director?"], "note": ["The catalog does not say who the director"], "not_in_titles": ["director"]},
    {"kind": "honesty", "messages": ["a classic film noir", "I liked that one, anything else from the same director?"], "note": ["films like it instead"], "like": 1, "not_note": ["from the same director"]},
    {"kind": "years and ratings", "messages": ["any good foreign films?"], "foreign": True, "not_in_titles": ["foreign"]},
    {"kind": "exclusion", "messages": ["a horror movie with subtitles"], "foreign": True, "any_of": ["Horror"]},
    {"kind": "comparison", "messages": ["I loved Groundhog Day, anything like it?", "more like the second one", "something lighter than that"], "any_of": FUNNY, "not_in_titles": ["light"]},
    {"kind": "comparison", "messages": ["any movie like Die Hard?", "I want something from the last few years"], "like_title": "Die Hard", "after": 2014},
    {"kind": "exclusion", "messages": ["I'm in the mood for a good thriller", "not too scary though, my wife doesn't like scary stuff"], "none_of": ["Horror"], "not_in_titles": ["wife"]},
    {"kind": "feedback", "messages": ["what's a good feel-good movie?", "I've seen the first two"], "seen": 2, "fresh": True, "not_in_titles": ["see", "two"]},
    {"kind": "comparison", "messages": ["i liked pulp fiction and reservoir dogs", "any of those on the newer side?"], "like_title": "Pulp Fiction", "after": 1994},
    {"kind": "occasion", "messages": ["we're having a movie night with friends, something everyone will like"], "any_of": ["Comedy", "Adventure", "Action"], "not_in_titles": ["friends", "night", "everyone"]},
    {"kind": "follow-up", "messages": ["I like sci-fi", "perfect"], "no_items": True},
    {"kind": "follow-up", "messages": ["give me some films from after 2000", "more please"], "after": 2000, "fresh": True},
    {"kind": "follow-up", "messages": ["any movie like Alien?", "Do you have any other recommendations for an action movie?"], "like_title": "Alien", "all_of": ["Action"]},
    {"kind": "follow-up", "messages": ["what do you think of Inception?", "ok I'll watch it. what should I watch after?"], "not_in_titles": ["ill", "watch"]},
    # -- films like one for the children spoken of ----------------------------------------------------------------
    {"kind": "audience", "messages": ["I have two young daughters, what can we watch together?", "we all loved Frozen"], "like_title": "Frozen", "all_of": ["Children"]},
    {"kind": "audience", "messages": ["something for my kids", "they really liked Up"], "like_title": "Up", "all_of": ["Children"]},
    {"kind": "follow-up", "messages": ["an 80s action movie", "no, something with more comedy"], "all_of": ["Comedy"], "any_of": ["Action"], "after": 1979, "before": 1990},
    {"kind": "feedback", "messages": ["some heist movies", "I'd love to see the second one"], "no_items": True},
    {"kind": "feedback", "messages": ["any good thrillers?", "Oh yes I would love to watch that movie some day. I will accept your recommendation"], "no_items": True},
    {"kind": "mood", "messages": ["a horror movie that's not too scary"], "all_of": ["Horror"]},
    {"kind": "audience", "messages": ["a horror movie that's not too scary for a 12 year old"], "any_of": ["Horror"]},
    {"kind": "reference", "messages": ["some comedies", "That sounds great! Is the first one a movie from 2019?"], "details": 1, "note": ["No: it came out in"]},
    {"kind": "exclusion", "messages": ["some sci-fi", "but not the ones with aliens"], "not_tagged": "aliens", "any_of": ["Sci-Fi"]},
    {"kind": "exclusion", "messages": ["no horror please", "ok, a horror movie then"], "all_of": ["Horror"]},
    {"kind": "audience", "messages": ["what are the best animated movies for adults?"], "all_of": ["Animation"], "none_of": ["Children"]},
    # The Terminator film shown is the third since the list counts films a third of whose kinds are sci-fi (The Matrix
    # and Star Wars come first); it was the first.
    {"kind": "reference", "messages": ["some sci-fi movies", "tell me more about the terminator one"], "details": 3},
    {"kind": "occasion", "messages": ["I need a good movie for a long flight"], "not_in_titles": ["flight", "air", "fly", "plane"]},
    {"kind": "years and ratings", "messages": ["I have like 90 minutes, what should I watch?"], "note": ["The catalog does not say how long"], "not_in_titles": ["minutes"]},
    # -- told of, not asked; moods and kinds of film; names beside titles (2026-12-04) -----------------------------
    {"kind": "follow-up", "messages": ["a good thriller", "Yes I actually own that movie on dvd. poor mathew in he was in for it"], "any_of": ["Thriller"], "not_in_titles": ["stuart", "dvd"]},
    {"kind": "mood", "messages": ["I want to learn something"], "any_of": ["Documentary"], "not_in_titles": ["train", "learn", "school"]},
    {"kind": "mood", "messages": ["something mindless"], "any_of": ["Comedy", "Action"], "not_in_titles": ["mind"]},
    {"kind": "mood", "messages": ["a slow burn thriller"], "all_of": ["Thriller"], "not_in_titles": ["burn"]},
    {"kind": "mood", "messages": ["some anime movies"], "tagged": ["anime", 3]},
    {"kind": "mood", "messages": ["a drama that is not too heavy"], "all_of": ["Drama", "Comedy"]},
    {"kind": "years and ratings", "messages": ["Cool! Got anything current?"], "after": 2015},
    {"kind": "honesty", "messages": ["what would you recommend for someone who loved Breaking Bad?"], "no_items": True, "note": ["could not find"]},
    {"kind": "comparison", "messages": ["a movie for someone who likes Toy Story"], "like_title": "Toy Story"},
    {"kind": "comparison", "messages": ["I loved Inception and Interstellar", "something like those but older", "not sci-fi though"], "before": 2010, "none_of": ["Sci-Fi"]},
    {"kind": "comparison", "messages": ["something like Harry Potter"], "none_of": ["Animation"]},
    {"kind": "feedback", "messages": ["they've seen all the Toy Story movies", "something like Toy Story please"], "not_series": "Toy Story"},
    {"kind": "feedback", "messages": ["Yes, I love that movie too. Also Braveheart, Saving Private Ryan (big Tom Hanks fan)"], "tagged": ["Tom Hanks", 2]},
    {"kind": "feedback", "messages": ["my wife likes Notting Hill"], "like_title": "Notting Hill"},
    {"kind": "audience", "messages": ["a movie for my 6 year old"], "all_of": ["Children"], "not_note": ["as you asked: Adventure"]},
    {"kind": "occasion", "messages": ["what should I watch on my flight to Paris?"], "not_in_titles": ["paris"]},
    {"kind": "follow-up", "messages": ["a good heist movie", "just one please, the best one"], "count": 1},
    # -- the list again, a theme beside a mood, asked to be frightened, refinements, films the catalog lacks ------
    # (2026-12-04, later)
    {"kind": "follow-up", "messages": ["a movie about a heist", "I did not see anything. Can you resend?"], "again": True},
    # After a film's details, the third of the films listed like it (the reply's fourth item, after the film itself)
    {"kind": "reference", "messages": ["something like Heat", "the second one", "more like the third one"], "like": 4},
    {"kind": "mood", "messages": ["a feel good sports movie"], "about": ["sport", 3], "not_in_titles": ["player"], "none_of": ["Animation"]},
    {"kind": "mood", "messages": ["I love to be scared. any good horror movies?"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    {"kind": "mood", "messages": ["a really scary movie"], "all_of": ["Horror"], "not_in_titles": ["scary"]},
    {"kind": "follow-up", "messages": ["an action movie", "ones with cars"], "all_of": ["Action"], "not_in_titles": ["cars"]},
    {"kind": "honesty", "messages": ["hey, I just watched Knives Out and loved it. what should I watch next?"], "note": ["could not find"], "not_in_titles": ["blade", "knives"]},
    {"kind": "honesty", "messages": ["I want to watch something with a strong female lead"], "note": ["closest by meaning"]},
    {"kind": "follow-up", "messages": ["I loved Interstellar", "something like the first one but funnier", "give me 3 more"], "all_of": ["Comedy"], "count": 3},
    {"kind": "audience", "messages": ["my kids loved Frozen, anything similar?", "they've seen all of those"], "all_of": ["Children"]},
    {"kind": "years and ratings", "messages": ["I'm bored. Give me something good to watch", "eh, I've seen most of those. something less mainstream?"], "note": ["less known"]},
    {"kind": "comparison", "messages": ["what do you think about The Godfather?", "something like it but shorter"], "note": ["does not say how long"], "not_note": ["shorter"]},
    {"kind": "comparison", "messages": ["something like Toy Story but for grown ups"], "like_title": "Toy Story", "not_in_titles": ["grown"]},
    {"kind": "follow-up", "messages": ["my kids loved Frozen, anything similar?", "what about something with animals?"], "not_note": ["what about"]},
    {"kind": "years and ratings", "messages": ["an old black and white movie"], "before": 1980, "tagged": ["black and white", 3]},
    {"kind": "language", "messages": ["recommend me something like Amelie", "anything similar but in english?"], "like_title": "Amelie"},
    # -- people the tags name on few films, themes beside a comparison --------------------------------------------
    # (2026-12-04, evening)
    {"kind": "honesty", "messages": ["I really like Keanu Reeves"], "tagged": ["Keanu Reeves", 2], "note": ["films like them"], "not_note": ["close to what you asked"]},
    {"kind": "honesty", "messages": ["any good Tom Hanks movies?"], "tagged": ["Tom Hanks", 4], "not_note": ["close to what you asked"]},
    # Heist films are of no science fiction: Spider-Man and Minority Report came, the heist lost
    {"kind": "comparison", "messages": ["a heist movie like Ocean's Eleven but more serious"], "like_title": "Ocean's Eleven", "none_of": ["Sci-Fi"]},
    {"kind": "audience", "messages": ["something my 10 year old and I would both enjoy, she likes horses"], "all_of": ["Children"], "tagged": ["horses", 3]},
    {"kind": "comparison", "messages": ["I like action movies mostly, stuff like Die Hard"], "like_title": "Die Hard", "all_of": ["Action"]},
    {"kind": "comparison", "messages": ["I loved The Princess Bride when I was a kid. anything with the same vibe?"], "like_title": "The Princess Bride"},
    {"kind": "language", "messages": ["no movies with subtitles please"], "not_foreign": True},
    {"kind": "reference", "messages": ["anything like Crouching Tiger?"], "like_title": "Crouching Tiger, Hidden Dragon"},
    {"kind": "follow-up", "messages": ["recommend a movie for a rainy day", "that's too sad, something happier"], "none_of": ["Horror"], "not_in_titles": ["requiem"], "fresh": True},
    {"kind": "honesty", "messages": ["I'm a big fan of Christopher Nolan"], "tagged": ["Christopher Nolan", 3], "not_note": ["big budget", "close to what you asked"]},
    {"kind": "follow-up", "messages": ["what's the best movie of all time?", "why?"], "again": True, "note": ["chose each of them for"]},
    {"kind": "follow-up", "messages": ["I need a good laugh", "not that kind of humor, something smarter"], "all_of": ["Comedy"], "fresh": True},
    {"kind": "honesty", "messages": ["what's a good sci fi movie that isn't too long"], "all_of": ["Sci-Fi"], "note": ["does not say how long"]},
    {"kind": "exclusion", "messages": ["no romcoms please", "something funny"], "all_of": ["Comedy"], "none_of": ["Romance"]},
    {"kind": "feedback", "messages": ["I really like Keanu"], "tagged": ["Keanu Reeves", 2]},
    {"kind": "feedback", "messages": ["I want to watch a western", "the second one looks good but I've seen it. similar ones?"], "seen": 2},
    {"kind": "mood", "messages": ["I'm looking for a movie that's sad but hopeful"], "any_of": ["Drama"], "not_in_titles": ["requiem"]},
    {"kind": "reference", "messages": ["what are your top 3 comedies from the 90s?", "the middle one, who is in it?"], "details": 2},
    {"kind": "follow-up", "messages": ["recommend something with Will Smith", "any of those funny?"], "no_items": True, "note": ["Listed under Comedy"]},
    {"kind": "comparison", "messages": ["something like Die Hard but in space"], "like_title": "Die Hard", "all_of": ["Sci-Fi"]},
    {"kind": "occasion", "messages": ["I need a movie for a girls night"], "any_of": ["Romance"], "none_of": ["War"]},
    {"kind": "honesty", "messages": ["some dinosaur movies", "any that are good for kids?"], "all_of": ["Children"], "note": ["the others come closest by meaning"]},
    # -- any film will do, counted kinds, questions of no film, people's films of other years (2026-12-04, late) ------
    {"kind": "mood", "messages": ["Anything is fine to be honest"], "not_note": ["closest by meaning", "close to what you asked"]},
    {"kind": "mood", "messages": ["whatever you think is good"], "not_in_titles": ["whatever"], "not_note": ["close to what you asked"]},
    {"kind": "reference", "messages": ["show me some mysteries", "what would you pick?"], "chosen": True},
    {"kind": "honesty", "messages": ["any good Tom Hanks movies?", "older ones?"], "not_in_titles": ["tom"], "note": ["films like them"]},
    {"kind": "mood", "messages": ["recommend me 2 horror movies and 2 comedies"], "count": 4, "any_of": ["Horror", "Comedy"]},
    {"kind": "honesty", "messages": ["what type of story is that movie?"], "no_items": True, "note": ["Which film do you mean"]},
    {"kind": "honesty", "messages": ["Knives Out."], "note": ["could not find", "closest titles"]},
    {"kind": "follow-up", "messages": ["yes i like this movie, what's the last movie you've seen?"], "no_items": True},
    {"kind": "feedback", "messages": ["I've seen all the Harry Potter movies, what should I watch next?"], "like_title": "Harry Potter and the Sorcerer's Stone", "not_series": "Harry Potter and the Sorcerer's Stone"},
    {"kind": "mood", "messages": ["a movie that's funny but also has heart"], "all_of": ["Comedy"], "not_in_titles": ["heart"]},
    {"kind": "exclusion", "messages": ["I want a comedy from the 80s", "no Bill Murray please"], "not_tagged": "bill murray", "all_of": ["Comedy"], "not_in_titles": ["murray"]},
    {"kind": "exclusion", "messages": ["what do you think of Inception?", "I loved it! any others like that?", "not Christopher Nolan though"], "not_tagged": "christopher nolan"},
    {"kind": "feedback", "messages": ["hi! can you recommend a good thriller?", "I've seen the first two, what about the others?"], "seen": 2, "not_in_titles": ["others"]},
    {"kind": "mood", "messages": ["I like movies based on true stories"], "any_of": ["Drama"]},
    {"kind": "honesty", "messages": ["I'm in a rush, something short please"], "not_in_titles": ["rush"], "note": ["does not say how long"]},
    {"kind": "follow-up", "messages": ["I want a movie that makes me think", "that's a bit too heavy, something lighter but still smart"], "all_of": ["Comedy"], "fresh": True},
    # -- the known films seen, ... (2026-12-04, evening) -----------------------------------------------------------
    {"kind": "years and ratings", "messages": ["I love horror movies but I've seen most of the classics"], "all_of": ["Horror"], "note": ["less known"]},
    {"kind": "years and ratings", "messages": ["show me some comedies", "I also love superhero movies, but I think I've seen most of them"], "note": ["less known"]},
    {"kind": "comparison", "messages": ["something like Shrek but for adults"], "like_title": "Shrek", "all_of": ["Comedy"], "none_of": ["Children", "Animation"]},
    {"kind": "comparison", "messages": ["something like The Big Lebowski but more action"], "like_title": "The Big Lebowski", "any_of": ["Action"], "not_in_titles": ["big hit", "big momma"]},
    {"kind": "honesty", "messages": ["any Kubrick movies?"], "tagged": ["Stanley Kubrick", 2], "note": ["films like them"]},
    {"kind": "feedback", "messages": ["I love Hitchcock"], "tagged": ["Alfred Hitchcock", 3], "not_in_titles": ["hitchcock"]},
    {"kind": "follow-up", "messages": ["any good horror movies?", "I am really big on 80's movies too"], "all_of": ["Horror"], "after": 1979, "before": 1990},
    {"kind": "follow-up", "messages": ["what's your favourite movie?"], "count": 1, "note": ["no favorites of my own"]},
    {"kind": "years and ratings", "messages": ["the best comedies of the 90s"], "all_of": ["Comedy"], "after": 1989, "before": 2000, "note": ["rated"], "not_in_titles": ["pulp fiction", "forrest gump"]},
    {"kind": "reference", "messages": ["recommend a good mystery", "which of those is the oldest?"], "chosen": True, "note": ["the oldest of the 5 shown"]},
    {"kind": "honesty", "messages": ["show me some westerns", "what about ones with Clint Eastwood?"], "all_of": ["Western"], "note": ["went on with what you were looking for"], "fresh": True},
    {"kind": "follow-up", "messages": ["I've seen Alien and The Matrix", "something from the 80s", "I didn't like the first one"], "disliked": 1, "after": 1979, "before": 1990},
    # -- directions that keep the theme, ... (2026-12-04, night) ----------------------------------------------------
    # Mars Attacks! and Deadpool after the heist comedies the tags name: any comedy, the heist lost
    {"kind": "follow-up", "messages": ["what's a good heist movie?", "I've seen Ocean's Eleven", "something funnier"], "all_of": ["Comedy", "Crime"], "fresh": True},
    # Kung Fu Panda and Despicable Me for grown-ups who said nothing of children
    {"kind": "audience", "messages": ["I'm usually interested in action movies and I don't mind comedy movies as well."], "none_of": ["Children"]},
    {"kind": "audience", "messages": ["Mostly I am into comedies. I like movies that can make me laugh."], "all_of": ["Comedy"], "none_of": ["Children"]},
    # Nothing shown and nothing held: it asked what the user was in the mood for
    {"kind": "exclusion", "messages": ["I hate Adam Sandler movies"], "not_tagged": "adam sandler", "note": ["Noted: no films the catalog tags Adam Sandler"]},
    # The director of The Matrix, the first of the films like it; the words searched (Being John Malkovich, The Mask)
    {"kind": "reference", "messages": ["I loved The Dark Knight", "what else did that director make?"], "note": ["director of The Dark Knight"]},
    {"kind": "reference", "messages": ["some sci-fi movies", "any others by the same director?"], "no_items": True, "note": ["Which film do you mean"]},
    # The Grand Budapest Hotel (2014), Kick-Ass (2010): five years either side of The Martian
    {"kind": "years and ratings", "messages": ["what are some good movies from 2015?", "any comedies from that year?"], "all_of": ["Comedy"], "after": 2014, "before": 2016},
    {"kind": "years and ratings", "messages": ["I loved Heat", "something else from the same year?"], "after": 1994, "before": 1996},
    # -- the language and the films everyone should see (2026-12-04, late night) -------------------------------------
    # French comedies like Amélie: the follow-up of films like a title liked dropped the language
    {"kind": "comparison", "messages": ["I loved Amélie", "anything similar but in English?"], "like_title": "Amelie", "not_foreign": True},
    # Monty Python's comedies by the words "everyone should see"
    {"kind": "years and ratings", "messages": ["what's a classic everyone should see?"], "before": 1980, "note": ["rated"], "not_in_titles": ["monty python"]},
    # "more comedies like that" noted that the user liked the first film shown
    {"kind": "follow-up", "messages": ["I'm feeling nostalgic, something from the 90s", "more comedies like that"], "like": 1, "all_of": ["Comedy"], "not_note": ["you liked"]},
    {"kind": "years and ratings", "messages": ["what should everyone see at least once?"], "note": ["rated"], "not_in_titles": ["once"]},
    # Dumb & Dumber and Cars after films about artificial intelligence; "not too dark" read "dark" as a theme ruled out
    {"kind": "follow-up", "messages": ["any movies about artificial intelligence?", "not too dark please"], "all_of": ["Comedy", "Sci-Fi"], "not_note": ["Noted: no films"], "fresh": True},
    {"kind": "follow-up", "messages": ["what's a good heist movie?", "something lighter"], "all_of": ["Comedy", "Crime"], "fresh": True},
    {"kind": "years and ratings", "messages": ["two comedies from the 90s"], "count": 2, "all_of": ["Comedy"], "after": 1989, "before": 2000},
    # Guardians of the Galaxy chosen by meaning as "the shortest"
    {"kind": "honesty", "messages": ["I liked Inception and Interstellar", "which one of those is the shortest?"], "chosen": True, "note": ["does not say how long"]},
    # The Birdcage and The Birds, by the letters of "Fincher" (no film shown is tagged with his name)
    {"kind": "reference", "messages": ["recommend me a thriller", "what's the Fincher one about?"], "no_items": True, "note": ["Which film do you mean"]},
    # "Nothing in the catalog says that in so many words" after a list of the films tagged dinosaur
    {"kind": "honesty", "messages": ["some dinosaur movies", "more please"], "note": ["the others come closest by meaning"], "fresh": True},
    # Films like Titanic, twice, after "I hated it" of Titanic just told of
    {"kind": "feedback", "messages": ["what do you think of Titanic?", "I hated it"], "disliked_title": "Titanic", "not_note": [": like Titanic"]},
    # Step Brothers and Dr. Strangelove: the party's words alone
    {"kind": "occasion", "messages": ["movies for a Christmas party"], "not_in_titles": ["step brothers", "strangelove"], "note": ["Christmas"]},
    # "I could not find “Julia Roberts” in the catalog", as if a film of that name were asked for
    {"kind": "honesty", "messages": ["I don't really like Julia Roberts"], "no_items": True, "note": ["cannot tell which films to leave out"]},
    {"kind": "exclusion", "messages": ["some comedies", "no Julia Roberts please"], "all_of": ["Comedy"], "fresh": True, "note": ["cannot tell which films to leave out"]},
    # Read as a reaction: any children's film (Shrek, Finding Nemo, Toy Story)
    {"kind": "audience", "messages": ["I need a movie for my 5 year old", "she loves princesses"], "all_of": ["Children"], "note": ["say so by their titles"]},
    {"kind": "honesty", "messages": ["I need a movie for my 5 year old"], "all_of": ["Children"], "not_note": ["in so many words"]},
    # U-571, The Patriot, Braveheart, Pearl Harbor, Saving Private Ryan
    {"kind": "mood", "messages": ["a war movie that isn't too violent"], "all_of": ["War"], "none_of": ["Action", "Horror"]},
    # The details of Friday (1995)
    {"kind": "occasion", "messages": ["what's good on a Friday night?"], "not_in_titles": ["friday"]},
    # Anchorman, Zoolander, Old School, Step Brothers: "as you asked: Will Ferrell"
    {"kind": "exclusion", "messages": ["I want a comedy", "something from the 2000s", "not with Will Ferrell"], "not_tagged": "will ferrell", "all_of": ["Comedy"], "after": 1999},
    # Schindler's List: "no war movies" ruled out no war film; "anything but horror" searched horror (Black Swan)
    {"kind": "exclusion", "messages": ["I want a drama, no war movies"], "all_of": ["Drama"], "none_of": ["War"]},
    {"kind": "exclusion", "messages": ["anything but horror"], "none_of": ["Horror"], "not_note": ["horror"]},
    # "either" searched: comedies of any kind after action films
    {"kind": "exclusion", "messages": ["some action movies", "no Bruce Willis either"], "all_of": ["Action"], "not_tagged": "bruce willis", "fresh": True},
    # Films of the 80s and 90s: the years ruled out read as the years asked for
    {"kind": "years and ratings", "messages": ["some comedies", "and nothing from before 2000"], "all_of": ["Comedy"], "after": 1999},
    # The Aristocats and The Lion King (tagged Disney)
    {"kind": "exclusion", "messages": ["I like animated movies but not Disney"], "all_of": ["Animation"], "not_tagged": "disney"},
    # The Incredibles, Finding Nemo, Antz "as you asked: Animation", as if they were his
    {"kind": "follow-up", "messages": ["show me some Tom Hanks movies", "what about his animated ones?"], "all_of": ["Animation"], "note": ["Toy Story 2"], "fresh": True},
    # Pulp Fiction, Fight Club, Memento: "blow" read as "a movie that will blow my mind"
    {"kind": "mood", "messages": ["I want to see stuff blow up"], "all_of": ["Action"]},
    # Alien (1979), Interview with the Vampire (1994), Shaun of the Dead (2004): the 80s forgotten
    {"kind": "follow-up", "messages": ["what are some good movies from the 80s?", "any horror ones?"], "all_of": ["Horror"], "after": 1979, "before": 1990},
    # Ice Age, Shrek 2, Finding Nemo: the best known children's films, none like Harry Potter
    {"kind": "audience", "messages": ["my kids are 7 and 10, they love Harry Potter"], "all_of": ["Children"], "like_title": "Harry Potter and the Sorcerer's Stone (a.k.a. Harry Potter and the Philosopher's Stone) (2001)"},
    # "Noted: you liked Ice Age (2002)", the first film shown
    {"kind": "follow-up", "messages": ["some animated movies", "something else like that"], "like": 1, "all_of": ["Animation"], "not_note": ["you liked"]},
    # Masterminds, Coach Carter, The Ref: the words searched by meaning
    {"kind": "honesty", "messages": ["I really liked Get Out", "what else did he direct?"], "like_title": "Get Out (2017)", "note": ["does not say who the director"]},
    {"kind": "reference", "messages": ["I loved The Shining", "what else did he direct?"], "tagged": ["Stephen King", 3], "note": ["does not say who the director"]},
    # "so I cannot look for that", and nothing shown
    {"kind": "honesty", "messages": ["I'm in the mood for a western", "something with Clint Eastwood?"], "all_of": ["Western"], "fresh": True, "note": ["went on with what you were looking for"]},
    # Grumpy Old Men, Necessary Roughness: "Nothing in the catalog says that in so many words"
    {"kind": "mood", "messages": ["I've had a rough week, I need to laugh"], "all_of": ["Comedy"], "not_in_titles": ["rough", "grumpy"], "not_note": ["in so many words"]},
    # Hitch, Knocked Up, Shallow Hal: comedies still
    {"kind": "follow-up", "messages": ["I'm looking for a romantic comedy from the 2000s", "something a little more serious"], "all_of": ["Romance", "Drama"], "none_of": ["Comedy"], "after": 1999, "before": 2010},
    # Heat's title and kinds alone, nothing of what people thought of it
    {"kind": "reference", "messages": ["tell me about Heat", "is it any good?"], "note": ["Rated 3.9 on average by"]},
    # "Noted: no films the catalog tags stupid", then Ace Ventura and Dumb & Dumber
    {"kind": "exclusion", "messages": ["looking for a comedy, nothing too stupid"], "all_of": ["Comedy"], "not_in_titles": ["dumb", "ace ventura"], "not_note": ["Noted"]},
    {"kind": "follow-up", "messages": ["some comedies", "not too silly please"], "all_of": ["Comedy"], "fresh": True, "not_note": ["Noted"]},
    # What's Eating Gilbert Grape, Babette's Feast: the documentaries forgotten
    {"kind": "follow-up", "messages": ["recommend a documentary", "something about food"], "all_of": ["Documentary"], "fresh": True},
    # Five more films of the kinds asked, after the one taken
    {"kind": "feedback", "messages": ["my girlfriend and I want something to watch tonight. she likes romance, I like action", "the first one, tell me more", "sounds good, we'll watch that. thanks!"], "no_items": True},
    # Amélie alone liked, and Eternal Sunshine of the Spotless Mind shown as a pick
    {"kind": "reference", "messages": ["I like movies like Amelie and Eternal Sunshine"], "not_series": "Eternal Sunshine of the Spotless Mind (2004)"},
    # Ferris Bueller's Day Off, Grease, Superbad: the teen mood's high-school comedies
    {"kind": "audience", "messages": ["something to watch with my teenage son, he likes superheroes"], "tagged": ["superhero", 3]},
    # Kiki's Delivery Service, Monsters, Inc., Minions: "childish" named the children's films
    {"kind": "audience", "messages": ["any good anime?", "something less childish"], "all_of": ["Animation"], "none_of": ["Children"]},
    # The Sound of Music, An American in Paris, Meet Me in St. Louis
    {"kind": "years and ratings", "messages": ["I'm looking for a musical, but not an old one"], "all_of": ["Musical"], "after": 1979},
    # Five more comedies ("what's it rated?"); R.I.P.D. and Three Kings ("rated R" searched)
    {"kind": "reference", "messages": ["some comedies", "what's it rated?"], "no_items": True, "note": ["This is how people rated them:", "Best rated of them:"]},
    {"kind": "reference", "messages": ["some action movies", "are any of them rated R?"], "no_items": True, "note": ["no age ratings", "Best rated of them:"]},
    {"kind": "reference", "messages": ["some comedies", "the second one", "is it rated PG-13?"], "note": ["does not say its age rating"]},
    # "Noted: you liked True Crime (1999)", then Entrapment, Go, Stigmata
    {"kind": "mood", "messages": ["I'm into true crime stuff"], "all_of": ["Crime"], "not_in_titles": ["true"], "not_note": ["Noted"]},
    # The Hunger Games, The Losers, 10 Cloverfield Lane: the twist lost
    {"kind": "comparison", "messages": ["thrillers with a good twist, like Gone Girl"], "all_of": ["Thriller"], "tagged": ["twist ending", 3]},
    # "Noted: you liked Harry Potter and the Sorcerer's Stone"
    {"kind": "feedback", "messages": ["my kids love Harry Potter, what else would they like?"], "all_of": ["Children"], "not_note": ["Noted"]},
    # Crouching Tiger, Hero, Kiki's Delivery Service as "a few Korean movies"
    {"kind": "language", "messages": ["any good Korean movies?"], "note": ["does not say which language"], "not_note": ["Korean movies"]},
    # The Mummy, Snatch, Dumb & Dumber: "Nothing in the catalog says that in so many words"
    {"kind": "mood", "messages": ["give me a random movie"], "not_note": ["in so many words"]},
    # Forrest Gump, The Shawshank Redemption, Star Wars: thrillers ruled out with horror
    {"kind": "exclusion", "messages": ["I hate horror but love thrillers"], "all_of": ["Thriller"], "none_of": ["Horror"]},
    # "I can't stand horror" was small talk: nothing ruled out
    {"kind": "exclusion", "messages": ["some movies for tonight", "I can't stand horror"], "none_of": ["Horror"], "fresh": True},
    # Ghost, Scary Movie 2, Monsters, Inc.: horror ruled out
    {"kind": "follow-up", "messages": ["horror movies", "not too gory please"], "all_of": ["Horror"], "not_tagged": "brutal", "fresh": True},
    # Saw (2004), tagged brutal
    {"kind": "mood", "messages": ["I want something scary but not too gory"], "not_in_titles": ["saw"], "not_tagged": "brutal"},
    # Inglourious Basterds, Star Wars, The Big Short: comedies ruled out with romance
    {"kind": "exclusion", "messages": ["I don't like romance, comedies are fine"], "all_of": ["Comedy"], "none_of": ["Romance"]},
    # The Others, A Lot Like Love, Crazy, Stupid, Love.: "different" searched
    {"kind": "feedback", "messages": ["I like a lot of different movies. Let's try drama"], "all_of": ["Drama"], "not_in_titles": ["lot", "love"]},
    # Monsters, Inc., Toy Story 3, Brave: "together" read as the whole family
    {"kind": "occasion", "messages": ["my wife likes musicals", "something we can watch together tonight"], "all_of": ["Musical"], "none_of": ["Children"]},
    # Kung Fury (2015), Zombieland (2009), Logan (2017): "what about" read as no direction
    {"kind": "follow-up", "messages": ["I loved The Dark Knight", "something less dark", "what about older ones"], "before": 2008, "fresh": True},
    {"kind": "follow-up", "messages": ["some comedies", "what about newer ones"], "all_of": ["Comedy"], "after": 2000, "fresh": True},
    # Almost Famous, The Sound of Music, Mr. Holland's Opus: the documentaries left
    {"kind": "follow-up", "messages": ["a good documentary", "about music"], "all_of": ["Documentary"], "fresh": True},
    # Manhattan, When Harry Met Sally...: like Moonstruck, the first film shown
    {"kind": "reference", "messages": ["my favorite movie is The Princess Bride", "something with that same kind of humor"], "all_of": ["Comedy"], "like_title": "The Princess Bride (1987)"},
    # The Firm, Rear Window, Fight Club (tagged violence)
    {"kind": "follow-up", "messages": ["I usually like thrillers", "yeah but nothing too violent"], "all_of": ["Thriller"], "not_tagged": "violence", "fresh": True},
    # The Firm, Rear Window, The Silence of the Lambs (Horror), The Matrix (Action)
    {"kind": "follow-up", "messages": ["I usually like thrillers", "yeah but nothing too violent"], "all_of": ["Thriller"], "none_of": ["Action", "Horror"], "fresh": True},
    # The Shining, Poltergeist, The Exorcist, The Ring
    {"kind": "audience", "messages": ["I want a horror movie but I get scared easily"], "all_of": ["Horror", "Comedy"]},
    # Memento's details and five like it
    {"kind": "reference", "messages": ["which is better, Memento or Inception?"], "count": 1, "note": ["Inception (2010): rated"]},
    # Heat's details and four like it
    {"kind": "feedback", "messages": ["my favorites are Heat and Alien"], "profile": ["Liked: Heat (1995)", "Alien (1979)"]},
    # "Noted: you liked Superbad (2007)."
    {"kind": "feedback", "messages": ["is Superbad great?"], "not_note": ["Noted"]},
    # Get Out, It, As Good as It Gets: "say from 2017 present" searched
    {"kind": "years and ratings", "messages": ["some good comedy movies in recent times", "say from 2017-Present"], "all_of": ["Comedy"], "after": 2016},
    # Big Hero 6 (2014), As Good as It Gets (1997): the years of the theme lost
    {"kind": "follow-up", "messages": ["some comedies from 2017 on", "any movie that is really funny?"], "all_of": ["Comedy"], "after": 2016},
    # The Terminator, Face/Off, Jurassic Park: "set in space" lost
    {"kind": "comparison", "messages": ["I want a movie like Die Hard but set in space"], "like_title": "Die Hard", "all_of": ["Sci-Fi"]},
    # Monsters, Inc., Shrek, Toy Story: read as films for little kids
    {"kind": "audience", "messages": ["I like animated movies, but not the ones for little kids"], "all_of": ["Animation"], "none_of": ["Children"]},
    # The Dark Knight itself, A Knight's Tale, The Three Musketeers: "dark" and "knight" searched
    {"kind": "comparison", "messages": ["something lighter than The Dark Knight"], "like_title": "The Dark Knight (2008)", "not_in_titles": ["dark knight"]},
    # Blazing Saddles, Dr. Strangelove ("dark humor"): the title compared with was not read
    {"kind": "comparison", "messages": ["something less dark and older than The Dark Knight"], "like_title": "The Dark Knight (2008)", "before": 2008, "not_in_titles": ["dark"]},
    # Forrest Gump, The Shawshank Redemption, Pulp Fiction: the most popular films
    {"kind": "feedback", "messages": ["I just watched Gladiator. what should I watch next?"], "like_title": "Gladiator (2000)"},
    {"kind": "feedback", "messages": ["oh i seen fences"], "like_title": "Fences (2016)"},
    # "Noted: you liked Star Wars ... and Harry Potter ...", then Finding Nemo, Ice Age, Shrek 2 ("fits what you watched lately")
    {"kind": "audience", "messages": ["my son is 12 and loves Star Wars and Harry Potter"], "like_title": "Star Wars: Episode IV - A New Hope (1977)", "not_note": ["Noted"]},
    # What Women Want, A Lot Like Love, 50 First Dates: romantic comedies still
    {"kind": "follow-up", "messages": ["some romantic comedies", "something a bit more exciting"], "all_of": ["Action", "Comedy", "Romance"], "fresh": True},
    {"kind": "occasion", "messages": ["looking for a movie for date night", "something a bit more exciting"], "any_of": ["Action", "Adventure", "Thriller"], "fresh": True},
    {"kind": "follow-up", "messages": ["some dramas", "something more exciting please"], "all_of": ["Action", "Drama"], "fresh": True},
    # Films like Terminator 2 alone: "third look good" was not read as the third
    {"kind": "reference", "messages": ["show me some sci-fi", "the first and third look good, more like those"], "like_all": [1, 3]},
    # "wed" searched: My Best Friend's Wedding, The Wedding Singer
    {"kind": "mood", "messages": ["any comedies we'd both enjoy?"], "all_of": ["Comedy"], "not_in_titles": ["wedding"]},
    # Clueless, Twilight, Real Women Have Curves: read as a girls night
    {"kind": "occasion", "messages": ["What's a good movie for a boys' night?"], "any_of": ["Action", "Comedy"], "none_of": ["Romance"]},
    # Indiana Jones and the Kingdom of the Crystal Skull, Tropic Thunder, Love Actually: "can you recommend a good movie" searched with the years
    {"kind": "follow-up", "messages": ["Can you recommend a good movie based on a true story?", "something more recent"], "after": 2002, "none_of": ["Action", "Comedy"]},
    # Ted, There's Something About Mary, South Park: "less crude humor" searched, films tagged crude humor
    {"kind": "follow-up", "messages": ["something like The Hangover", "something with less crude humor"], "like_title": "The Hangover (2009)", "not_tagged": "crude humor"},
    # Rumble in the Bronx, Fargo, Sabrina ("fits what you watched lately"): "hilarious" read as a request for comedies
    {"kind": "feedback", "messages": ["I loved Heat, it was hilarious"], "like_title": "Heat (1995)"},
    # Sicario, Snowpiercer, Predestination: "Oldboy" was the remake of 2013, rated by two people
    {"kind": "reference", "messages": ["have you seen oldboy? something like it please"], "like_title": "Old Boy (2003)"},
    # "Noted: no films the catalog tags actors."
    {"kind": "exclusion", "messages": ["some sci-fi please", "I'm not that interested in the actors, just a good story"], "all_of": ["Sci-Fi"], "not_note": ["Noted"]},
    # The Sum of All Fears, Fear, The World Is Not Enough: horror ruled out, "enough" searched
    {"kind": "follow-up", "messages": ["a good horror movie", "it wasn't scary enough, something scarier"], "all_of": ["Horror"], "fresh": True},
    # Inglourious Basterds, The Big Short, Funny Games: comedies ruled out
    {"kind": "follow-up", "messages": ["some comedies please", "the last one was not that funny, something funnier"], "all_of": ["Comedy"], "fresh": True},
    # Psycho, Scary Movie, The Exorcist, Arachnophobia: horror comedies, found by "scary"
    {"kind": "follow-up", "messages": ["some horror movies", "something scarier"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    # The Matrix, Star Wars, Inception, nothing said of lengths the catalog does not hold (alone, "shorter" found Get Shorty)
    {"kind": "follow-up", "messages": ["some sci-fi please", "something shorter"], "all_of": ["Sci-Fi"], "note": ["does not say how long"]},
    # The Mask, Mars Attacks!, The Mummy, Last Action Hero: action comedies
    {"kind": "follow-up", "messages": ["some action movies", "something more serious"], "all_of": ["Action"], "none_of": ["Comedy"], "fresh": True},
    # Dr. Strangelove, Doctor Strange, There's Something About Mary: the whole message searched
    {"kind": "follow-up", "messages": ["recommend some romantic comedies", "those all look kind of cheesy. anything more realistic?"], "all_of": ["Romance"], "none_of": ["Comedy"], "fresh": True},
    # "Noted: you liked Together (2000)", then westerns like it: "watch together" named the film
    {"kind": "audience", "messages": ["my grandpa loves westerns, what should we watch together?"], "all_of": ["Western"], "not_note": ["Noted"]},
    # "Noted: you liked Happy Endings (2005).", then films like it (Varsity Blues, Rushmore)
    {"kind": "feedback", "messages": ["I love movies with happy endings"], "not_note": ["Noted"]},
    # "what was you suggested" searched: The Net, Ghost, Heat
    {"kind": "reference", "messages": ["some sci-fi please", "what was the second one you suggested?"], "details": 2},
    # Eternal Sunshine of the Spotless Mind, The Game, The Mummy: searched
    {"kind": "mood", "messages": ["something mindless and fun, I'm exhausted"], "any_of": ["Comedy", "Action"], "not_in_titles": ["mind"]},
    # Batman, Spider-Man, Batman Forever, Superman: the superhero films searched
    {"kind": "exclusion", "messages": ["I'm tired of superhero movies, something else"], "not_tagged": "superhero"},
    # Inglourious Basterds, Pocahontas, The Big Short: comedies ruled out with horror
    {"kind": "exclusion", "messages": ["I hate horror, any comedies?"], "all_of": ["Comedy"], "none_of": ["Horror"]},
    # The details of Date Movie (2006), rated 0.8 by three people
    {"kind": "occasion", "messages": ["what's a good first date movie that isn't a romcom?"], "not_in_titles": ["date movie"], "not_both": ["Romance", "Comedy"]},
    # What Women Want, A Lot Like Love, 50 First Dates: a date night's kinds read as asking for romantic comedies
    {"kind": "exclusion", "messages": ["a good date night movie", "no romcoms though"], "not_both": ["Romance", "Comedy"]},
    # Forrest Gump, The Shawshank Redemption, Pulp Fiction: a request of its own for films before 1980
    {"kind": "comparison", "messages": ["something like Shrek", "the first one but older"], "like": 1, "before": 2001},
    # The Hangover, Bedtime Stories, Home Alone, American Pie: no audience read
    {"kind": "audience", "messages": ["something for a sleepover with 10 year olds"], "any_of": ["Children"]},
    # Monsters, Inc., Toy Story, Babe: children's films for a teenager
    {"kind": "audience", "messages": ["a movie for my 15 year old"], "none_of": ["Children"]},
    # Sixteen Candles, From Dusk Till Dawn, Parenthood, Meet the Parents: searched
    {"kind": "occasion", "messages": ["movie night with my parents, they're in their 60s"], "not_in_titles": ["parent"], "none_of": ["Horror"]},
    # Chalet Girl, The Hangover, Conception: films searched, no profile
    {"kind": "feedback", "messages": ["I loved Amelie and Midnight in Paris", "what did I say I liked?"], "note": ["Liked: "], "no_items": True},
    # "Noted: no films the catalog tags world." (the films tagged World War II ruled out by none of its words)
    {"kind": "exclusion", "messages": ["what are some good war movies?", "not world war 2 though"], "all_of": ["War"], "not_tagged": "world war ii", "not_note": ["tags world."]},
    # The Iron Giant (1999), A.I. (2001): robot films of any time, the 80s lost
    {"kind": "follow-up", "messages": ["some sci-fi movies from the 80s", "the one with the robots looks cool"], "after": 1979, "before": 1990, "all_of": ["Sci-Fi"]},
    # The Matrix, Star Wars, Terminator 2, The Empire Strikes Back, Inception: no western
    {"kind": "feedback", "messages": ["I like westerns and sci-fi"], "each_of": ["Western", "Sci-Fi"], "any_of": ["Western", "Sci-Fi"]},
    # The Eye: Infinity, The Breed, Boy Eats Girl: "less known, rated 5.0 on average by 1 person", each
    {"kind": "years and ratings", "messages": ["an underrated horror movie from the 2000s"], "all_of": ["Horror"], "after": 1999, "before": 2010, "not_note": ["less known, rated 5.0 on average by 1 person"]},
    # "Tell me a few titles you liked, or what you are in the mood for": no item noted as seen, none shown
    {"kind": "feedback", "messages": ["recommend me a classic I should have seen by now", "seen them all"], "seen_all": True, "fresh": True, "before": 1980},
    # Alien, Return of the Jedi, Roger & Me, E.T.: "those look great" searched before 1980, the theme lost
    {"kind": "follow-up", "messages": ["a romantic comedy", "those look great. anything older?"], "all_of": ["Romance"], "before": 1997, "not_note": ["so many words"]},
    # Analyze This, The Ref, The Longest Week, The Hangover Part II: the words searched, a week by its title
    {"kind": "mood", "messages": ["I need a laugh after a long week"], "any_of": FUNNY, "not_in_titles": ["week"], "not_note": ["so many words"]},
    # The Little Mermaid, The Nutty Professor, The Brothers Grimm (horror): only the films tagged violence left out
    {"kind": "exclusion", "messages": ["something for a rainy afternoon with my mom", "she doesn't like violence"], "none_of": ["Horror", "Action", "War"], "not_note": ["bloody, brutal"]},
    # Forrest Gump, The Shawshank Redemption, Schindler's List: "no films the catalog tags violence, gore, bloody..."
    {"kind": "exclusion", "messages": ["no violence please"], "none_of": ["Horror", "Action", "War"], "note": ["nothing violent"]},
    # "No catalog item matches all of that": the children still the audience, their films ruled out
    {"kind": "follow-up", "messages": ["a comedy for my kids", "something less childish"], "none_of": ["Children"], "any_of": FUNNY},
    # Monsters, Inc., Attack of the Clones, The Mummy: no kind read, the misspelt words searched
    {"kind": "mood", "messages": ["horor movies pls"], "all_of": ["Horror"]},
    # The Hangover, That Thing You Do!, Hot Fuzz, Guardians of the Galaxy 2: no kind read
    {"kind": "mood", "messages": ["somthing funy"], "all_of": FUNNY},
    # Pirates of the Caribbean, Star Wars: The Last Jedi, Wonder Woman: films of the same year, no kind of its own left
    {"kind": "comparison", "messages": ["I just watched Get Out and loved it", "more like that but less scary"], "none_of": ["Horror"], "any_of": ["Thriller", "Mystery"], "like_title": "Get Out (2017)"},
    # Avatar "as you asked: poor dialogue", Interstellar "as you asked: bad dialogue"
    {"kind": "mood", "messages": ["I like movies with a lot of dialogue"], "not_note": ["poor dialogue", "bad dialogue"]},
    # Goodfellas, The Godfather, The Boondock Saints, The Godfather: Part II: the whole message searched
    {"kind": "feedback", "messages": ["what should I watch if I liked The Godfather and Goodfellas?"], "not_series": "Godfather, The (1972)", "profile": ["Goodfellas"]},
    # Ace Ventura, Dumb & Dumber, Mrs. Doubtfire: the most watched comedies, no rating said
    {"kind": "years and ratings", "messages": ["what's the funniest movie ever?"], "all_of": FUNNY, "note": ["rated"]},
    # Monsters, Inc., Toy Story, Shrek, Ice Age, Finding Nemo: children's films
    {"kind": "audience", "messages": ["an animated movie that adults would enjoy"], "all_of": ["Animation"], "none_of": ["Children"]},
    # Real Genius, Dumb & Dumber, Dazed and Confused, American Pie 2: comedies close to the words
    {"kind": "mood", "messages": ["a funny movie about artificial intelligence"], "all_of": ["Comedy", "Sci-Fi"]},
    # Broken Flowers, Everything Is Illuminated: "as you asked: In Netflix queue", as if the tag said so
    {"kind": "honesty", "messages": ["what's on Netflix right now?"], "note": ["does not say where its films stream"], "not_note": ["Netflix queue"]},
    # As Good as It Gets, GoldenEye, Nine Months, Mallrats: the words and years searched, no rating asked
    {"kind": "years and ratings", "messages": ["a movie between 1995 and 2005 with great reviews"], "after": 1994, "before": 2006, "note": ["rated"]},
    # Kill Bill: Vol. 1 and 2 "say so by their titles", In the Line of Fire, Lethal Weapon
    {"kind": "honesty", "messages": ["I've got 2 hours to kill"], "note": ["how long its films run"], "not_in_titles": ["kill"]},
    # Inception "as you asked: Drama, Sci-Fi, dead wife", Moon "2001-like"
    {"kind": "audience", "messages": ["I want to watch something with my wife tonight, she likes dramas and I like sci-fi"], "any_of": ["Drama", "Sci-Fi"], "not_note": ["dead wife", "2001-like"]},
    # The Holiday, Easy A, Nine Months, Hitch, Adaptation: all romantic comedies ("less romance" asked for romance)
    {"kind": "exclusion", "messages": ["a comedy with less romance"], "all_of": ["Comedy"], "none_of": ["Romance"]},
    # The Little Mermaid, Amélie, Crazy, Stupid, Love., Eternal Sunshine of the Spotless Mind: romance again
    {"kind": "follow-up", "messages": ["a cozy movie for a snowy evening", "something with less romance"], "none_of": ["Romance"], "fresh": True},
    # Gone in 60 Seconds, Last Action Hero, The Hunt for Red October "as you asked: Action"
    {"kind": "exclusion", "messages": ["something with less action"], "none_of": ["Action"]},
    # "Noted: no films the catalog tags dark." then Se7en and The Silence of the Lambs
    {"kind": "mood", "messages": ["a thriller, not too dark"], "all_of": ["Thriller"], "not_tagged": "disturbing", "note": ["nothing dark or disturbing"]},
    # The Others, The Mummy, The Thing, The Cell: horror thrillers
    {"kind": "mood", "messages": ["a thriller but lighter"], "all_of": ["Thriller", "Comedy"]},
    # The Silence of the Lambs, The Sixth Sense, Halloween: no less scary than the horror films before
    {"kind": "follow-up", "messages": ["scary movies", "something less scary"], "all_of": ["Horror", "Comedy"], "fresh": True},
    # Star Wars, The Empire Strikes Back, Aliens, 2001 "as you asked: space"
    {"kind": "exclusion", "messages": ["a sci-fi movie that isn't set in space"], "all_of": ["Sci-Fi"], "not_tagged": "space"},
    # Smart People by its title, then A Serious Man and The Breakfast Club
    {"kind": "mood", "messages": ["a smart comedy"], "all_of": ["Comedy"], "not_in_titles": ["smart"], "tagged": ["satire", 1]},
    # "Nothing in the catalog says that in so many words", then It's Kind of a Funny Story and Funny People
    {"kind": "mood", "messages": ["something funny but smart"], "all_of": ["Comedy"], "not_in_titles": ["funny"], "not_note": ["so many words"]},
    # "Noted: no films the catalog tags cheesy." then My Best Friend's Wedding, WALL·E and The Wedding Date
    {"kind": "mood", "messages": ["a romantic movie that isn't cheesy"], "all_of": ["Romance", "Drama"], "not_note": ["tags cheesy"]},
    # Terminator 2, Raiders of the Lost Ark, The Matrix: the action films usually watched
    {"kind": "exclusion", "messages": ["I usually watch action movies but I want to try something different"], "none_of": ["Action"]},
    # Monsters, Inc. and Monsters University by their titles, then The Mummy and Ghost
    {"kind": "reference", "messages": ["I like monster movies, like King Kong"], "like_title": "King Kong (2005)", "not_in_titles": ["monsters"]},
    # The Usual Suspects, Pulp Fiction, Memento "fits what you watched lately": nothing like it was asked
    {"kind": "reference", "messages": ["I like movies with good plot twists, like Fight Club"], "like_title": "Fight Club (1999)", "tagged": ["twist ending", 1]},
    # "Nothing in the catalog says that in so many words", then Arachnophobia, Se7en and What's Eating Gilbert Grape
    {"kind": "mood", "messages": ["I'm in the mood for something weird"], "tagged": ["surreal", 1], "not_note": ["so many words"]},
    # Independence Day, The Silence of the Lambs, The Shining for someone anxious
    {"kind": "mood", "messages": ["I need something to distract me, I'm anxious"], "any_of": FUNNY, "none_of": ["Horror"]},
    # Scary Movie 4, American Psycho, Hollow Man, Scary Movie 3 "fits what you watched lately": no film like it
    {"kind": "reference", "messages": ["any recommendations for a horror movie that isn't too gory? I liked The Conjuring"], "like_title": "Conjuring, The (2013)", "all_of": ["Horror"], "none_of": ["Action", "Comedy"]},
    # Deadpool, It, Ben-hur, Zootopia: films of 2016 on, newer than all of the list, where no heist film is
    {"kind": "follow-up", "messages": ["a heist movie", "anything newer?"], "after": 2001, "about": ["heist", 3], "fresh": True},
    # Kung Fury, Big Fish, Charlie and the Chocolate Factory: only like King Kong, and not a word of the dark films left out
    {"kind": "follow-up", "messages": ["I like monster movies, like King Kong", "not too dark though"], "like_title": "King Kong (2005)", "not_tagged": "dark", "note": ["nothing dark or disturbing"]},
    # Eternal Sunshine, Pulp Fiction, The Sixth Sense, Twelve Monkeys: their films, the comedy asked for lost
    {"kind": "follow-up", "messages": ["I would love to watch a good comedy right now, tough day", "I like Bruce Willis, Jim Carrey, Seth Rogen and Paul Rudd"], "all_of": ["Comedy"]},
    # Goodfellas, The Silence of the Lambs, The Matrix: chosen by everyone who chose it, not like it
    {"kind": "reference", "messages": ["something like The Godfather"], "like_title": "Godfather, The (1972)", "none_of": ["Horror", "Sci-Fi"]},
    # The Silence of the Lambs, Fight Club, The Shawshank Redemption, Natural Born Killers, Batman Forever
    {"kind": "reference", "messages": ["something like Pulp Fiction"], "like_title": "Pulp Fiction (1994)", "none_of": ["Adventure"]},
    # Blade II, Final Destination 2, Ghost Ship, Saw III, Don't Breathe (no horror film)
    {"kind": "reference", "messages": ["I loved The Conjuring, anything similar?"], "like_title": "Conjuring, The (2013)", "all_of": ["Horror"]},
    # "Noted: you liked The Game (1997)." then Young Frankenstein and Dogma
    {"kind": "reference", "messages": ["I like Game of Thrones, any fantasy movies?"], "all_of": ["Fantasy"], "not_note": ["The Game"]},
    # "Noted: you liked [REC] (2007)." then The Host, Fido, Dead End: horror comedies like it
    {"kind": "reference", "messages": ["I loved Parks and Rec, any funny movies like that?"], "all_of": ["Comedy"], "none_of": ["Horror"], "not_note": ["[REC]"]},
    # "Nothing in the catalog [...] mentions Clint Eastwood, so I cannot look for that.", and nothing shown
    {"kind": "follow-up", "messages": ["my dad loves westerns, what should we watch together?", "he's seen all the Clint Eastwood ones"], "all_of": ["Western"], "note": ["these go on with what you were looking for"], "fresh": True},
    # My Best Friend's Wedding, The Proposal, The Wedding Date, Hitch, The Wedding Planner: the words searched
    {"kind": "mood", "messages": ["a romantic comedy"], "all_of": ["Romance", "Comedy"], "not_in_titles": ["wedding"]},
    # Ferris Bueller's Day Off, Grease, Superbad, Fast Times at Ridgemont High: the teens' own high-school comedies
    {"kind": "audience", "messages": ["what's a good movie to watch with my teenage son?"], "any_of": ["Adventure"], "not_tagged": "high school"},
    # Ferris Bueller's Day Off, Grease, Superbad: the teens' high-school comedies (with adventures read, Pulp Fiction)
    {"kind": "audience", "messages": ["a funny movie to watch with my teenage son"], "all_of": ["Comedy"], "any_of": ["Adventure"]},
    # 101 Dalmatians, Wag the Dog, Dog Day Afternoon, War Dogs: the word found in titles, one film tagged dogs
    {"kind": "mood", "messages": ["a dog movie"], "about": ["dog", 4], "not_in_titles": ["wag the dog", "dog day"]},
    # Casablanca, The Social Network, Friends with Benefits, Circle of Friends: "friend" in titles
    {"kind": "mood", "messages": ["something about friendship"], "about": ["friendship", 4], "not_in_titles": ["friends with"]},
    # Desperado, Love and a .45, Fargo, Fun, Léon: like both at once, half of each
    {"kind": "reference", "messages": ["I like Amelie and Heat"], "like_each": ["Amelie", "Heat"]},
    # Wag the Dog, 101 Dalmatians, Babe, Ace Ventura, Dog Day Afternoon: "dog" was no theme the tags hold ("dogs"), nor the mood read
    {"kind": "mood", "messages": ["a sad movie about a dog"], "any_of": ["Drama", "Romance"], "not_in_titles": ["wag the dog"]},
    # What Women Want, Girls Just Want to Have Fun, Mean Girls, She's All That, My Girl: "girlfriend" and "she" searched, nobody ruled out
    {"kind": "exclusion", "messages": ["my girlfriend and I want a comedy but she hates Will Ferrell"], "all_of": ["Comedy"], "not_in_titles": ["girl", "want"], "note": ["Will Ferrell"]},
    # Memento (2000), Donnie Darko (2001), The Machinist (2004): older than Inception, the years said dropped
    {"kind": "comparison", "messages": ["recommend a movie like Inception", "something older, before 2000"], "before": 2000},
    # Planet of the Apes (1968), A.I. (2001), Unbreakable, K-PAX (2001), Donnie Darko (2001) after it: the films of 2001 near by the number
    {"kind": "comparison", "messages": ["something like 2001: A Space Odyssey", "any others?"], "not_in_titles": ["(2001)"], "any_of": ["Sci-Fi"]},
    # On Golden Pond (tagged aging), The NeverEnding Story, A Christmas Story: "age" and "story" searched
    {"kind": "mood", "messages": ["a coming of age story"], "tagged": ["adolescence", 3]},
    # The NeverEnding Story, The Goonies, Monsters, Inc., Ice Age: read as "a classic I grew up with", nostalgia
    {"kind": "mood", "messages": ["any good movies about growing up?"], "about": ["adolescence", 2]},
    # The Nightmare Before Christmas, Halloween II, Halloween III, The Mummy, Halloween: Resurrection: the film of 1978 taken as the one talked about
    {"kind": "occasion", "messages": ["what should I watch on Halloween?"], "shows": "Halloween (1978)"},
    # Good Will Hunting, Wedding Crashers, Armageddon, Swept from the Sea (1997), Bliss (1997): little known films near by the year
    {"kind": "comparison", "messages": ["I loved Titanic"], "not_in_titles": ["swept from the sea", "bliss"], "any_of": ["Romance", "Drama"]},
    # Desperate Measures (1998), Midnight Run (1988), Heist (2001), The Sweet Hereafter (1997), The Presidio (1988): films like A Simple Plan of any year
    {"kind": "follow-up", "messages": ["something like A Simple Plan", "not that old please"], "after": 1998},
    # Eraser (1996), True Romance (1993), The Untouchables (1987), The Crow (1994), In the Line of Fire (1993): films like Heat of any year
    {"kind": "follow-up", "messages": ["something like Heat", "these are too old"], "after": 1995, "any_of": ["Action", "Crime", "Thriller"]},
    # The Goonies, Shrek, The Golden Child, Monsters, Inc., The Mummy: "live action" read as action films, animated ones kept
    {"kind": "audience", "messages": ["a live-action fairy tale movie for the kids"], "none_of": ["Animation"], "any_of": ["Fantasy", "Children"]},
    # 300, Dragonheart, The Mask, Crouching Tiger, The Princess Bride: action films, the title in lower case not read
    {"kind": "reference", "messages": ["I haven't seen the live action aladdin yet"], "shows": "Aladdin (1992)"},
    # Jurassic Park, The Lost World: Jurassic Park, Jurassic Park III, Ice Age: Dawn of the Dinosaurs, Zootopia: "isn't Jurassic" ruled out, "park" searched
    {"kind": "exclusion", "messages": ["anything with dinosaurs that isn't Jurassic Park"], "not_in_titles": ["jurassic park"], "note": ["not Jurassic Park"]},
    # My Best Friend's Wedding, Notting Hill, Nine Months, Groundhog Day, The Englishman Who Went Up a Hill...: the title searched
    {"kind": "exclusion", "messages": ["a romantic comedy other than Notting Hill"], "all_of": ["Romance", "Comedy"], "not_in_titles": ["notting hill"]},
    # Ice Age: Dawn of the Dinosaurs, Shrek 2, Shrek, Monsters, Inc., We're Back!: Dinosaur (2000) and The Good Dinosaur read as puns on the request
    {"kind": "audience", "messages": ["a dinosaur movie for my kids"], "shows": "Dinosaur (2000)", "all_of": ["Children"]},
    # The Girls (1961), then Soviet comedies like it: "the girls" read as the film
    {"kind": "occasion", "messages": ["we're having a sleepover, the girls are 12"], "all_of": ["Children"], "not_in_titles": ["the girls"]},
    # Arachnophobia, That Thing You Do!, Old Boy, Doctor Strange, Intouchables: its words searched
    {"kind": "mood", "messages": ["I'm in the mood for something weird and artsy"], "about": ["surreal", 2]},
    # My Best Friend's Wedding, Date Night, 50 First Dates, The Wedding Date, Date Movie: the occasion's words found titles
    {"kind": "occasion", "messages": ["we want a romantic comedy for date night"], "all_of": ["Romance", "Comedy"], "not_in_titles": ["date night", "date movie", "wedding date"]},
    # the details of Alien alone, the question unanswered
    {"kind": "reference", "messages": ["some horror movies", "is the first one ok for my teenager?"], "details": 1, "note": ["does not rate films by age"]},
    # The Thomas Crown Affair, The Two Towers, At World's End: its words searched, as "The Crow" misspelled once the title was read
    {"kind": "honesty", "messages": ["I just finished watching The Crown, what next?"], "note": ["could not find", "The Crown"]},
    # V for Vendetta, The Mummy, Watchmen, "close to what you asked for": "what should i watch after finishing" searched
    {"kind": "honesty", "messages": ["what should I watch after finishing Breaking Bad?"], "note": ["cannot tell which titles are like it"]},
    # "Noted: you liked Frozen (2013) and Moana (2016)", then Zootopia, Despicable Me 2, Brave as the user's own taste
    {"kind": "audience", "messages": ["my kids are 6 and 9, they loved Frozen and Moana"], "all_of": ["Children"], "not_note": ["Noted"], "like_title": "Frozen"},
    # Hollow Man, The Crying Game, Scary Movie, Little Miss Sunshine, The Lost Boys: by meaning, no tag says grief
    {"kind": "mood", "messages": ["a movie about grief"], "all_of": ["Drama"], "about": ["death", 2]},
    # Wag the Dog, 101 Dalmatians, War Dogs, Ace Ventura, The Animal: by the word "dog", Best in Show left out
    {"kind": "mood", "messages": ["a funny dog movie"], "all_of": ["Comedy"], "shows": "Best in Show (2000)"},
    # Batman Begins, Terminator 2, The Incredible Hulk, Batman & Robin, Superman Returns: the complaint searched
    {"kind": "comparison", "messages": ["I want something like The Dark Knight", "hmm those are all superhero movies, I want something like it but not a superhero film"], "like_title": "The Dark Knight", "not_tagged": "superhero", "not_series": "Spider-Man"},
    # horror ruled out with the comedy: Cape Fear, The Skulls, The Sum of All Fears
    {"kind": "exclusion", "messages": ["not a comedy, a horror movie please"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    # Three Colors: Blue, The Color Purple, Three Colors: White, The Color of Money: by their titles, noir lost
    {"kind": "years and ratings", "messages": ["a classic noir film", "something in color"], "after": 1959, "all_of": ["Film-Noir"], "note": ["in colour"]},
    # Predator and The Hateful Eight, tagged dialogue; Pulp Fiction and The Big Lebowski, tagged so, cut from the matches
    {"kind": "mood", "messages": ["something with great dialogue"], "tagged": ["great dialogue", 2]},
    # "Noted: you have already seen Toy Story (1995)." then Up first
    {"kind": "feedback", "messages": ["I love pixar movies. i also watched toy story and up"], "profile": ["Up (2009)"], "not_series": "Up"},
    # the details of Love Actually alone, as if nothing was asked
    {"kind": "reference", "messages": ["recommend me a romance", "tell me more about the third one", "is it sad?"], "details": 1, "note": ["tagged Love Actually (2003) sad"]},
    # Forrest Gump, The Shawshank Redemption, Pulp Fiction: the five most popular
    {"kind": "years and ratings", "messages": ["surprise me"], "note": ["less known"]},
    # comedies, as if a comedy was asked for
    {"kind": "reference", "messages": ["The Mask, is it funny?"], "note": ["Yes: The Mask (1994) is listed under Comedy"]},
    # Monsters, Inc., Toy Story 3, Brave: "we" read as the whole family
    {"kind": "audience", "messages": ["my wife hates horror, what can we watch together?"], "none_of": ["Horror", "Children"]},
    # The Firm, Rear Window, True Romance, The Perfect Storm: "less violent" searched alone, "psychological" lost
    {"kind": "follow-up", "messages": ["Hi! I'm looking for a good thriller for tonight", "I like psychological ones, not too violent"], "all_of": ["Thriller"], "none_of": ["Action", "Horror"], "about": ["psycholog", 2]},
    # the details of Catch Me If You Can (2002), the first shown: no film shown is from 1994
    {"kind": "reference", "messages": ["anything with Tom Hanks?", "the one from 1994 - what is it about?"], "no_items": True, "note": ["None of the films I showed is from 1994"]},
    # Back to the Future, Time Bandits, Back to the Future Part II, "as you asked: time travel": "all time favorites" searched
    {"kind": "honesty", "messages": ["give me your top 3 all time favorites"], "count": 3, "note": ["no favorites of my own"], "not_tagged": "time travel"},
    # Napoleon Dynamite, Old School, Superbad, Legally Blonde, School of Rock: films like it for adults, the teenager left out
    {"kind": "audience", "messages": ["a movie like Mean Girls for my teenage daughter"], "like_title": "Mean Girls", "about": ["high school", 3], "not_in_titles": ["old school", "superbad"]},
    # Gothic, The Village, The Gate, Zodiac: films like them in any language, under a note that they were Korean
    {"kind": "language", "messages": ["I liked Parasite and Oldboy", "more korean movies please"], "foreign": True, "note": ["closest to \u201cKorean\u201d"]},
    # A Bug's Life, Monsters, Inc., Ice Age, The Iron Giant, Up, "as you asked: Pixar": "or pixar please" searched
    {"kind": "exclusion", "messages": ["recommend me some animated movies", "not Disney or Pixar please"], "all_of": ["Animation"], "not_tagged": "Pixar", "note": ["disney or pixar"]},
    # The Notebook, A Beautiful Mind, Love Actually, Requiem for a Dream: "with a happier ending" searched as said
    {"kind": "comparison", "messages": ["movies similar to Eternal Sunshine of the Spotless Mind", "one with a happier ending"], "like_title": "Eternal Sunshine of the Spotless Mind", "not_in_titles": ["requiem", "notebook"], "any_of": ["Comedy"]},
    # Go, Swingers, Bowfinger, Midnight Run, Peter's Friends: more films, the question unanswered
    {"kind": "years and ratings", "messages": ["recommend me a good heist movie", "something like the second one but funnier", "are any of them from before 2000?"], "no_items": True, "note": ["From before 2000:"]},
    # Batman Begins, Star Wars: Episode I, X-Men: First Class, "close to what you asked for": "start" searched
    {"kind": "honesty", "messages": ["I love Wes Anderson movies", "which one should I start with?"], "no_items": True, "note": ["Which film do you mean?"]},
    # Terminator 2 (1991), Jurassic Park (1993), The Matrix (1999): "nothing from the 90s" read as the 90s
    {"kind": "years and ratings", "messages": ["some action movies", "not from the 90s please"], "all_of": ["Action"], "note": ["nothing from 1990 to 1999"]},
    # "Noted: you did not like Titanic (1997)." and nothing more: read as a question about Titanic
    {"kind": "feedback", "messages": ["i really didn't like titanic. what's a good romance that isn't sappy?"], "all_of": ["Romance"], "disliked_title": "Titanic"},
    # Home Alone 2, Pretty Woman, Christmas Vacation, The Santa Clause, Elf: films like it of any season
    {"kind": "occasion", "messages": ["movies like Home Alone for christmas"], "like_title": "Home Alone", "about": ["christmas", 4], "not_in_titles": ["pretty woman"]},
    # Terminator 2, Alien, Interstellar, Contact, Starship Troopers again: "the worst" unread, the most watched shown
    {"kind": "years and ratings", "messages": ["what's the highest rated sci-fi movie?", "and the worst?"], "all_of": ["Sci-Fi"], "fresh": True, "note": ["lowest rated"]},
    # five films: "give me the 2" not read as a count
    {"kind": "years and ratings", "messages": ["give me the 2 best sci-fi movies"], "count": 2, "all_of": ["Sci-Fi"]},
    # Alien, The Shining, Interview with the Vampire, Shaun of the Dead, Jaws: "horror but i" searched
    {"kind": "mood", "messages": ["I'm a huge fan of horror but I hate jump scares"], "all_of": ["Horror"], "about": ["atmospheric", 2], "not_in_titles": ["jaws"]},
    # As Good as It Gets, A Few Good Men, Chocolat: "i dunno something good" searched, "close to what you asked for"
    {"kind": "follow-up", "messages": ["hi", "i dunno, something good"], "not_in_titles": ["good"], "not_note": ["in so many words"]},
    # The Empire Strikes Back, Forrest Gump, The Mummy, The Cable Guy, "close to what you asked for": "my dad loves movies" searched
    {"kind": "honesty", "messages": ["my dad loves John Wayne movies"], "no_items": True, "note": ["mentions John Wayne"]},
    # Spider-Man, Batman, Batman Forever, Superman, Mystery Men, "as you asked: superhero": the kind searched
    {"kind": "exclusion", "messages": ["i'm bored of superhero movies, give me something original"], "not_tagged": "superhero", "not_series": "Batman"},
    # Warm Bodies, The Mummy, Love Actually, Good Will Hunting, Knocked Up: "warm" found Warm Bodies, nothing read as a mood
    {"kind": "mood", "messages": ["I want a movie that feels like a warm hug"], "not_in_titles": ["warm", "mummy"], "not_note": ["in so many words"]},
    # The Big Lebowski, Kick-Ass (2010), The Other Guys (2010), Machete (2010), Intouchables (2011): "and older" unread
    {"kind": "comparison", "messages": ["I want a movie like Inception but funnier", "and older"], "before": 2010, "like_title": "Inception"},
    # Cars, Monsters, Inc., Kung Fu Panda, Dumb & Dumber, V for Vendetta: "what movies won picture" searched
    {"kind": "honesty", "messages": ["what movies won best picture?"], "note": ["does not say which films won awards"], "not_in_titles": ["cars", "kung fu panda", "dumb"]},
    # Harry Potter and the Sorcerer's Stone, ... Order of the Phoenix, A Very Potter Sequel: "is there" searched the title
    {"kind": "feedback", "messages": ["I watched all the Harry Potter films already, what else is there?"], "not_series": "Harry Potter and the Sorcerer's Stone", "not_in_titles": ["potter"], "like_title": "Harry Potter and the Sorcerer's Stone"},
    # Heat, The Heat, Eternal Sunshine of the Spotless Mind, Warm Bodies: the message searched whole
    {"kind": "reference", "messages": ["if I enjoy Heat, what else is there?"], "like_title": "Heat (1995)", "not_in_titles": ["heat", "warm"]},
    # Ghost, The Mummy, Snatch, Idiocracy, The Frighteners, "as you asked: Comedy, Thriller": the thriller taken back still held
    {"kind": "follow-up", "messages": ["recommend me a thriller. no wait, make it a comedy"], "all_of": ["Comedy"], "none_of": ["Thriller"], "not_in_titles": ["make", "it on"]},
    # The Rocky Horror Picture Show, Rocky, Rocky IV, Rocky Balboa, The Adventures of Rocky and Bullwinkle: the words searched
    {"kind": "reference", "messages": ["I loved the Rocky movies"], "like_title": "Rocky (1976)", "not_in_titles": ["rocky"]},
    # The Lord of the Rings: The Two Towers, Pirates of the Caribbean, Monsters, Inc., Milk Money: "dollars trilogy" searched
    {"kind": "reference", "messages": ["I loved the Dollars trilogy"], "like_title": "A Fistful of Dollars", "not_in_titles": ["dollars", "pirates"], "any_of": ["Western"]},
    # The Bourne Identity, The Bourne Supremacy, The Bourne Legacy, Jason Bourne: the films seen, searched
    {"kind": "feedback", "messages": ["I've seen all the Bourne movies, what else?"], "not_in_titles": ["bourne"], "any_of": ["Action", "Thriller"]},
    # Schindler's List, Full Metal Jacket, Dr. Strangelove, Platoon, Hotel Rwanda: only the films tagged depressing left out
    {"kind": "mood", "messages": ["a war movie that isn't depressing"], "all_of": ["War"], "not_in_titles": ["schindler", "platoon", "hotel rwanda"]},
    # the details of Date Night (2010), then films like it: the occasion read as the film's title
    {"kind": "occasion", "messages": ["I need a movie for date night"], "any_of": ["Romance", "Comedy"], "not_in_titles": ["date night"], "not_note": ["details"]},
    # Monsters, Inc., Ice Age, Chicken Run under "Nothing in the catalog says that in so many words": "under 10" searched
    {"kind": "audience", "messages": ["a funny movie for kids under 10"], "all_of": ["Comedy", "Children"], "not_note": ["in so many words"]},
    # The Usual Suspects, Terminator 2, The Mask, The Mummy, Mars Attacks!: "and one thats" searched beside the heist
    {"kind": "follow-up", "messages": ["recommend a heist movie", "ok and one that's more serious"], "fresh": True, "about": ["heist", 2], "not_in_titles": ["terminator", "mask", "mummy", "mars attacks"]},
    # The Mummy, The Silence of the Lambs, The Others, The Shining, Underworld: "hates it" read as none of the horror said
    {"kind": "audience", "messages": ["I like horror but my wife hates it. something we can both enjoy?"], "none_of": ["Horror"]},
    # Paris Is Burning, Midnight in Paris, An American in Paris under "Nothing in the catalog says that in so many words"
    {"kind": "honesty", "messages": ["a film set in Paris"], "note": ["Midnight in Paris (2011)"], "not_note": ["in so many words"]},
    # Dumb & Dumber, Snatch, Die Hard 2 under "Nothing in the catalog says that in so many words": "the second" searched
    {"kind": "reference", "messages": ["best movie of all time?", "and the second best?"], "details": 2},
    # Short Circuit, Rain Man, Amadeus under "Nothing in the catalog says that in so many words", the five tagged shown
    {"kind": "honesty", "messages": ["movies about artificial intelligence", "any good ones from before 1990?"], "before": 1990, "note": ["tags artificial intelligence are shown"]},
    # films like Lemony Snicket's A Series of Unfortunate Events, his: the name hated searched beside the feedback
    {"kind": "feedback", "messages": ["what are some underrated 90s comedies?", "not that one, I hate Jim Carrey"], "disliked": 1, "not_in_titles": ["lemony", "grinch", "shrek"], "note": ["others may still come"]},
    # Serial Mom, Mom's Night Out, From Dusk Till Dawn, Friday Night Lights: "mom" and "tonight" searched, no mood read
    {"kind": "mood", "messages": ["hey! looking for something light to watch with my mom tonight"], "not_in_titles": ["mom", "night", "dusk"], "any_of": ["Comedy"]},
    # What Women Want, Top Gun, Take the Lead, The Running Man: the thrillers of the 2010s forgotten
    {"kind": "follow-up", "messages": ["what's a good thriller from the 2010s?", "anything with a female lead?"], "all_of": ["Thriller"], "after": 2009},
    # The Killing, Charade, The Maltese Falcon, M*A*S*H, The Rocky Horror Picture Show: popular films found by meaning
    {"kind": "years and ratings", "messages": ["a heist movie from before 1980"], "before": 1980, "any_of": ["Crime", "Thriller", "Mystery"], "not_in_titles": ["m*a*s*h", "rocky horror"]},
    # The Mummy, Something to Talk About, The Cell, Tropic Thunder: "mostly" a word of the request beside the theme
    {"kind": "mood", "messages": ["a movie that's mostly dialogue"], "about": ["dialogue", 2], "not_in_titles": ["mummy", "talk about"]},
    # Terminator 2, Alien, Interstellar, Contact, Starship Troopers: only the films mainly sci-fi were ranked
    {"kind": "years and ratings", "messages": ["what's the highest rated sci-fi movie?"], "all_of": ["Sci-Fi"], "note": ["rated"], "shows": "Star Wars: Episode IV - A New Hope (1977)"},
    # Terminator 2, Alien, Contact, Interstellar, Starship Troopers: only films half of whose kinds are sci-fi first
    {"kind": "mood", "messages": ["a sci-fi movie"], "all_of": ["Sci-Fi"], "shows": "Matrix, The (1999)"},
    # The Usual Suspects, The Prophecy, What Lies Beneath, Conspiracy Theory: "predictable" searched as said
    {"kind": "follow-up", "messages": ["I'm in the mood for a good mystery", "something less predictable"], "fresh": True, "any_of": ["Mystery", "Thriller"], "not_in_titles": ["prophecy", "what lies beneath"]},
    # Lethal Weapon 2, Lethal Weapon, The Thing, RoboCop: "with less violence" searched, nothing turned down
    {"kind": "follow-up", "messages": ["give me a good 80s action movie", "something with less violence"], "all_of": ["Action"], "none_of": ["Horror"], "not_in_titles": ["thing", "robocop"], "after": 1979, "before": 1990},
    # Léon: The Professional, Superbad, In Bruges, Mary and Max: friendship searched alone among the teens' kinds
    {"kind": "audience", "messages": ["what's a good movie about friendship for teens?"], "not_in_titles": ["léon", "in bruges"]},
    # Westworld, Terminator 2, Star Wars: Episode V, Inception, Aliens, Blade Runner: "more" of sci-fi alone
    {"kind": "follow-up", "messages": ["I like westerns and sci-fi", "more please"], "fresh": True, "each_of": ["Western", "Sci-Fi"]},
    # Scary Movie, Scary Movie 3, The Mummy: the horror comedies closest to "witty", searched for "not too silly"
    {"kind": "mood", "messages": ["a horror movie that's not too silly"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    # Are You Scared?, Fear, Arachnophobia, Don't Be Afraid of the Dark: the words searched, no kind read
    {"kind": "mood", "messages": ["I love to be scared"], "all_of": ["Horror"], "not_in_titles": ["scared", "fear", "afraid"]},
    # Star Wars, Jurassic Park, The Fellowship of the Ring: children's films ruled out with the fright
    {"kind": "audience", "messages": ["something that isn't scary for my kids"], "all_of": ["Children"], "none_of": ["Horror"]},
    # Quiz Show, Lost in Translation, Das Boot under "Nothing in the catalog says that in so many words"
    {"kind": "language", "messages": ["I won't watch anything with subtitles"], "not_foreign": True, "not_note": ["in so many words"]},
    # Knocked Up, Tin Cup, The Wolf of Wall Street, Win Win, Bull Durham: boxing among comedies alone
    {"kind": "mood", "messages": ["an uplifting boxing movie"], "about": ["boxing", 3]},
    # Shaun of the Dead, Fido, Scouts Guide to the Zombie Apocalypse, Zombieland: the mood's kind holds the theme enough
    {"kind": "mood", "messages": ["a fun zombie movie"], "all_of": ["Comedy"], "about": ["zombie", 3]},
    # Titanic's details, then Good Will Hunting, Wedding Crashers, Armageddon like it: the title ruled out asked about
    {"kind": "exclusion", "messages": ["I want to watch something with Leonardo DiCaprio", "not Titanic"], "fresh": True, "not_in_titles": ["titanic"], "note": ["not Titanic"]},
    # Pulp Fiction, Dumb & Dumber, Smart People, Austin Powers, I.Q.: "smart" searched, found in titles
    {"kind": "mood", "messages": ["a movie that will make me feel smart"], "not_in_titles": ["smart", "dumb", "i.q."]},
    # The Mummy, The Big Sick, Ghost, Good Morning, Vietnam, Warm Bodies: the words searched, no mood read
    {"kind": "mood", "messages": ["what's a good movie to watch when you're sick in bed?"], "not_in_titles": ["sick", "mummy"], "not_note": ["in so many words"]},
    # Fight Club, Pulp Fiction, Eternal Sunshine of the Spotless Mind: "made" searched, a thoughtful mood read
    {"kind": "years and ratings", "messages": ["what's the best movie ever made?"], "note": ["rated"], "shows": "Shawshank Redemption, The (1994)"},
    # The Shawshank Redemption, Pulp Fiction, The Silence of the Lambs, The Matrix: the best known films of any kind
    {"kind": "mood", "messages": ["I don't like stupid comedies"], "any_of": ["Comedy"], "not_tagged": "stupid"},
    # Love Actually, Titanic, A Beautiful Mind, Crazy, Stupid, Love.: searched as serious among romantic dramas
    {"kind": "mood", "messages": ["a romance that isn't sappy"], "all_of": ["Romance"], "not_in_titles": ["titanic", "notebook", "love actually"]},
    # Good Will Hunting, Beautiful Thing, Excess Baggage, Water: films like Titanic, "nothing" read as their direction
    {"kind": "exclusion", "messages": ["something fun, nothing like Titanic"], "not_in_titles": ["titanic"], "any_of": ["Comedy"]},
    # As Good as It Gets, Pulp Fiction, Ghost, The Mummy: "in a while" searched, "came out recently" no year
    {"kind": "years and ratings", "messages": ["I haven't been to the movies in a while, what's good that came out recently?"], "after": 2009, "not_note": ["in so many words"]},
    # The Frighteners, Scary Movie, Pulp Fiction beside two horror films: the comedies usually watched asked for too
    {"kind": "mood", "messages": ["I usually like comedies but tonight I want something scary"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    # The Mummy, Monsters, Inc., Clue, The Others, Scary Movie: closest by meaning, no mood read
    {"kind": "mood", "messages": ["a movie that's like a puzzle"], "any_of": ["Mystery", "Thriller"], "not_note": ["in so many words"]},
    # Cliffhanger, The Thing, I Know What You Did Last Summer, District 9: closest by meaning, no mood read
    {"kind": "mood", "messages": ["something that keeps me guessing"], "any_of": ["Mystery", "Thriller"], "not_note": ["in so many words"]},
    # What Women Want, Pretty Woman, Mrs. Doubtfire, Top Gun, Take the Lead: the action films forgotten
    {"kind": "follow-up", "messages": ["what's a good action movie?", "I prefer something with a female lead"], "fresh": True, "all_of": ["Action"]},
    # Knocked Up, Forgetting Sarah Marshall, What Happens in Vegas..., Hanging Up, The Hangover Part III: "with heart"
    {"kind": "comparison", "messages": ["I liked The Hangover", "something like that but with more heart"], "like_title": "Hangover, The (2009)", "not_in_titles": ["hangover", "hanging"]},
    # Shrek, Lady in the Water, Into the Woods, Enchanted, The Nutty Professor: the cozy mood's fairy tales
    {"kind": "occasion", "messages": ["Recommend a movie for a rainy day with my girlfriend"], "all_of": ["Romance"]},
    # Natural Born Killers, Batman (1989), Silence, A Clockwork Orange: "with less violence" searched as said, "newer" lost
    {"kind": "comparison", "messages": ["I want a good thriller", "the first one looks good, anything similar but newer?", "none of these, something with less violence"], "fresh": True, "after": 1991, "not_in_titles": ["natural born killers"]},
    # Sex and the City, What Women Want, The Holiday, Hitch, The Princess Diaries: leaned to "serious, realistic"
    {"kind": "comparison", "messages": ["like Notting Hill but less cheesy"], "like_title": "Notting Hill (1999)", "all_of": ["Romance"], "not_in_titles": ["sex and the city", "hitch", "what women want"]},
    # Office Space, Anger Management, Arachnophobia, What's Eating Gilbert Grape: closest by meaning, no mood read
    {"kind": "mood", "messages": ["a real nail-biter"], "any_of": ["Thriller", "Mystery", "Crime"], "not_note": ["in so many words"]},
    # Pulp Fiction, Casino Royale, The Mummy, Into the Wild, Cliffhanger: read as exciting, "fits the mood: Action"
    {"kind": "mood", "messages": ["an edge of my seat movie"], "all_of": ["Thriller"]},
    # Return of the Jedi, Back to the Future, Men in Black, X-Men, Alien: the request after the comma lost
    {"kind": "feedback", "messages": ["what are some good sci-fi movies?", "I've seen Star Wars already, something more thought-provoking"], "any_of": ["Sci-Fi"], "not_in_titles": ["star wars"]},
    # Analyze This, Grown Ups, Back to School, Kingpin: "old" before a kind read as no years
    {"kind": "years and ratings", "messages": ["an old comedy"], "before": 1980, "all_of": ["Comedy"]},
    # Man on Wire, Fahrenheit 9/11, Super Size Me: the documentary Stanley Kubrick: A Life in Pictures liked, films like it
    {"kind": "feedback", "messages": ["I really like Stanley Kubrick's style"], "tagged": ["Stanley Kubrick", 2], "not_in_titles": ["life in pictures"]},
    # Schindler's List, Braveheart, Saving Private Ryan, Inglourious Basterds, Apocalypse Now: "graphic" alone ruled out
    {"kind": "exclusion", "messages": ["a war movie but not too graphic"], "all_of": ["War"], "none_of": ["Action"]},
    # The Mummy, From Dusk Till Dawn, Inside Man, Casino Royale, Children of Men: no mood read, the words searched
    {"kind": "occasion", "messages": ["Hi, I'm looking for a movie to watch with my husband tonight"], "any_of": ["Romance", "Comedy"], "not_note": ["in so many words"]},
    # Insidious: Chapter 2, Creep, Insidious: Chapter 3, Scouts Guide to the Zombie Apocalypse: horror like it again
    {"kind": "follow-up", "messages": ["Can you recommend a movie similar to Get Out?", "something less scary"], "none_of": ["Horror"], "like_title": "Get Out (2017)"},
    # the details of Love Actually alone, the question not answered
    {"kind": "reference", "messages": ["I like movies like The Notebook and A Walk to Remember", "is the first one sad?"], "note": ["tagged Love Actually (2003) sad"]},
    # "The catalog does not say who the director of Avatar (2009) is; these are films like it instead." over films tagged Leonardo DiCaprio
    {"kind": "honesty", "messages": ["I liked Inception and Interstellar", "what else by that director?"], "not_note": ["films like it instead", "Avatar"]},
    # Another 48 Hrs., The Chase, The Quick and the Dead, The Mask, The Assignment: "with suspenseful" searched
    {"kind": "follow-up", "messages": ["give me a good 90s action movie", "one with less violence"], "all_of": ["Action"], "after": 1989, "before": 2000, "not_in_titles": ["another 48", "the chase", "assignment"]},
    # Into the Wild "less known, rated 3.9 on average by 41 people; popular: 41 interactions": both said of one film
    {"kind": "honesty", "messages": ["I'm bored, surprise me"], "not_note": ["people; popular:"]},
    # Shaun of the Dead, 28 Days Later, Night of the Living Dead, The Evil Dead, House of 1000 Corpses "as you asked: Rob Zombie"
    {"kind": "honesty", "messages": ["I want a good zombie movie"], "about": ["zombie", 4], "not_tagged": "rob zombie"},
    # The King's Speech, Kingpin, Holy Grail, The Last King of Scotland, Stand by Me "as you asked: Stephen King"
    {"kind": "honesty", "messages": ["a movie about a king"], "not_tagged": "stephen king"},
    # The Martian, The Big Short, Birdman, Superbad, Mean Girls: a request of its own, "fits what you watched lately"
    {"kind": "follow-up", "messages": ["I liked The Grand Budapest Hotel", "something quirkier"], "like_title": "Grand Budapest Hotel, The (2014)", "about": ["quirky", 2]},
    # Memento, The Crazies, A Bug's Life, Se7en, The Usual Suspects: "crazier" searched as said, the action lost
    {"kind": "follow-up", "messages": ["a crazy action movie", "crazier"], "all_of": ["Action"]},
    # Weird Science, Wild Things, Edward Scissorhands, Eyes Wide Shut: "weirder" searched as said, by meaning
    {"kind": "follow-up", "messages": ["I'm in the mood for something weird", "weirder"], "not_in_titles": ["weird"], "not_note": ["in so many words"]},
    # Creepshow, Jeepers Creepers, Creep, Creepshow 2, Creep: found by their titles
    {"kind": "follow-up", "messages": ["something creepy", "creepier"], "all_of": ["Horror"], "not_in_titles": ["creep"]},
    # The Mask, Lord of the Rings: The Two Towers, Pirates of the Caribbean, Good Will Hunting: the words searched
    {"kind": "occasion", "messages": ["a good trilogy to binge this weekend"], "shows": "Matrix, The (1999)", "not_in_titles": ["two towers", "mask", "good will"]},
    # The Shining, The Mummy, The Others, Shaun of the Dead, The Frighteners: horror films, none of a series
    {"kind": "occasion", "messages": ["a horror franchise I can binge"], "all_of": ["Horror"], "shows": "Exorcist, The (1973)"},
    # The Mummy (1999) and [REC] first, before The Matrix: "long" of "a long weekend" was searched
    {"kind": "occasion", "messages": ["a movie for a long weekend binge, maybe a trilogy"], "shows": "Matrix, The (1999)", "not_in_titles": ["mummy", "[rec]"]},
    # The Mummy (1999), House of 1000 Corpses, Poltergeist, Rosemary's Baby, The Sixth Sense: close to "zombie, creepy"
    {"kind": "follow-up", "messages": ["I want zombie movies", "something creepier"], "all_of": ["Horror"], "tagged": ["creepy", 1], "not_in_titles": ["mummy"]},
    # Captain America: Civil War, Star Wars: The Last Jedi, Geostorm, Deadpool: "got anything current" searched as said
    {"kind": "follow-up", "messages": ["I'm looking for a movie that's suspenseful and mysterious, but with a lot of action", "Cool! Got anything current?"], "after": 2015, "any_of": ["Thriller", "Mystery"], "not_note": ["in so many words"]},
    # American Gangster "as you asked: Denzel Washington", then Rushmore, Inglourious Basterds, The Cell, Night at the Museum, "close to what you asked for": close to his name by meaning
    {"kind": "honesty", "messages": ["any Denzel Washington movies?"], "tagged": ["Denzel Washington", 1], "note": ["the others are films like it"], "none_of": ["Children"]},
    # Corpse Bride "as you asked: Johnny Depp", then Groundhog Day, Charlie's Angels, Mallrats, Hot Shots! Part Deux by meaning
    {"kind": "honesty", "messages": ["movies with Johnny Depp"], "tagged": ["Johnny Depp", 1], "note": ["the others are films like it"]},
    # My Best Friend's Wedding, Ghost, Corpse Bride, The Holiday, Nurse Betty: the zombies searched among romantic comedies
    {"kind": "feedback", "messages": ["I love zombie movies and romantic comedies"], "about": ["zombie", 2], "each_of": ["Romance"]},
    {"kind": "feedback", "messages": ["I like heist movies and musicals"], "about": ["heist", 2], "each_of": ["Musical"]},
    # Spirited Away, The Good, the Bad and the Ugly, Monsters, Inc. ("close to what you asked for"), Rango, Akira
    {"kind": "feedback", "messages": ["I like anime and westerns"], "about": ["anime", 3], "each_of": ["Western"], "not_in_titles": ["monsters"]},
    # Who watches said alone after a theme: the age or the children were searched, and the best known children's
    # films came, of no theme (Toy Story, Shrek, The Lion King, Aladdin, Finding Nemo after each of the first three).
    {"kind": "follow-up", "messages": ["a movie about dinosaurs", "for my kids"], "all_of": ["Children"], "about": ["dinosaur", 2]},
    {"kind": "follow-up", "messages": ["a heist movie", "something the kids can watch too"], "all_of": ["Children"], "each_of": ["Crime"]},
    {"kind": "follow-up", "messages": ["space movies", "for a 10 year old"], "all_of": ["Children"], "about": ["space", 2]},
    {"kind": "follow-up", "messages": ["recommend me something like The Princess Bride", "for a 7 year old"], "like_title": "The Princess Bride", "all_of": ["Children"]},
    {"kind": "follow-up", "messages": ["something like Harry Potter", "for a 6 year old"], "like_title": "Harry Potter and the Sorcerer's Stone", "all_of": ["Children"]},
    # A film liked and another hated, each in a clause of its own joined by "and": both were noted as disliked.
    {"kind": "feedback", "messages": ["I loved Inception and I hated Titanic"], "disliked_title": "Titanic", "note": ["you liked Inception"]},
    # A film the catalog lacks listed beside one it has: it went on with Heat alone, saying nothing of the other.
    {"kind": "honesty", "messages": ["I loved Heat and Knives Out"], "note": ["I could not find \u201cKnives Out\u201d"]},
    # A title the catalog lacks that no title shares a word with: its closest titles by meaning came, films of
    # families (Some Mother's Son, Tarnation, Sibling Rivalry, Parenthood), as if one might be what was meant.
    {"kind": "honesty", "messages": ["have you seen Hereditary?"], "no_items": True, "note": ["I could not find \u201cHereditary\u201d"]},
    {"kind": "honesty", "messages": ["I like scary movies but not the gory ones. The Conjuring was great", "have you seen Hereditary? was it good?"], "any_of": ["Horror", "Thriller"], "note": ["I could not find \u201cHereditary\u201d"], "not_note": ["closest titles"]},
    # An item shown said to look good: more of the theme came, and "like that" then meant the first of those.
    {"kind": "reference", "messages": ["recommend a romantic comedy", "the third one looks good"], "details": 3},
    {"kind": "reference", "messages": ["recommend a romantic comedy", "the third one looks good", "is there anything like that from the 2000s?"], "like_title": "Pretty Woman", "after": 1999},
    # A title of one part named without it: the films Infinity and War were liked. An award after "an": read as the
    # film Oscar (1967), and then as the first name of Oscar Wilde (The Importance of Being Earnest came).
    {"kind": "feedback", "messages": ["My recent favorite is Avengers Infinity War"], "like_title": "Avengers: Infinity War - Part I"},
    {"kind": "honesty", "messages": ["Wasn't the actress nominated for an Oscar?"], "not_in_titles": ["oscar"], "not_note": ["Oscar Wilde"]},
    # Lower-case words that are a little known film's title, said of no film: "in real life" showed films in the
    # same vein as Real Life (1979), Christmas in Connecticut first; "my favorite comedian" liked Comedian (2002);
    # "I love stand up" liked The Stand (1994) and showed comedies of the 1930s "like what you watched lately".
    {"kind": "mood", "messages": ["a romance that feels like it could happen in real life"], "any_of": ["Romance"], "not_note": ["same vein"]},
    {"kind": "honesty", "messages": ["a documentary about my favorite comedian"], "any_of": ["Documentary"], "not_note": ["Comedian (2002)"]},
    {"kind": "honesty", "messages": ["anything with my favorite comedian? I love stand up"], "tagged": ["Stand Up", 1], "not_note": ["The Stand"]},
    # The first few seen and the next said to look good: that one was read as seen too, and more heist films came.
    {"kind": "reference", "messages": ["a good heist movie", "I've seen the first two, the third one looks good"], "details": 3},
    # "instead of a cartoon" showed animated films; "for my 12 year old instead" searched "instead", the comedies lost.
    {"kind": "exclusion", "messages": ["a movie for my 12 year old instead of a cartoon"], "none_of": ["Animation"], "any_of": ["Children"]},
    {"kind": "exclusion", "messages": ["a thriller rather than a horror movie"], "none_of": ["Horror"], "any_of": ["Thriller"]},
    {"kind": "follow-up", "messages": ["some comedies for the kids", "for my 12 year old instead"], "all_of": ["Children", "Comedy"]},
    # A body of work the tags name on a few films: after three of the four tagged Pixar, Beauty and the Beast came by
    # meaning, and once those were seen Life of Pi, Beauty and the Beast, Toy Story 3, Antz and Dumb & Dumber; "I
    # love Marvel movies" showed X-Men and Hulk, then Batman and The Incredibles.
    {"kind": "follow-up", "messages": ["what are the best Pixar movies?", "I've seen all of those"], "all_of": ["Animation"], "fresh": True},
    {"kind": "feedback", "messages": ["I love Marvel movies"], "all_of": ["Action", "Sci-Fi"]},
    # An occasion's cheese turned down: the date night's films came as if nothing more was said (My Best Friend's
    # Wedding, WALL·E, Love Actually, Crazy, Stupid, Love., The Wedding Planner).
    {"kind": "occasion", "messages": ["a movie for a first date, nothing too cheesy"], "all_of": ["Romance"], "not_in_titles": ["wedding"]},
    # A mood turned the way asked is searched in the catalog's words: the reply said nothing held the user's.
    {"kind": "follow-up", "messages": ["a movie that will make me cry", "something less sad"], "fresh": True, "not_note": ["so many words"]},
    # An era disliked as a taste: "I don't like old ones" after musicals showed Singin' in the Rain and West Side Story.
    {"kind": "years and ratings", "messages": ["recommend a good musical", "I don't like old ones"], "any_of": ["Musical"], "after": 1979},
    # "dark and gritty" read as no mood: searched, "dark" found Blazing Saddles ("dark humor") and Dr. Strangelove.
    {"kind": "mood", "messages": ["I want something dark and gritty"], "any_of": ["Crime", "Thriller", "Drama", "Horror", "War"]},
    # The less known of films like one: "any hidden gems like that?" after films like Heat noted Heat as liked and
    # showed the best known like it; "anything less mainstream?" after films like The Dark Knight showed The Avengers.
    {"kind": "follow-up", "messages": ["something like Heat", "any hidden gems like that?"], "like_title": "Heat", "note": ["less known"], "not_note": ["you liked Heat"]},
    {"kind": "follow-up", "messages": ["I loved The Dark Knight and Inception", "have you got anything less mainstream?"], "like_title": "The Dark Knight", "note": ["less known"], "not_in_titles": ["avengers"]},
    # An epic adventure: Epic Movie and Epic came by their titles.
    {"kind": "mood", "messages": ["I'm in the mood for an epic adventure"], "not_in_titles": ["epic"], "any_of": ["Adventure", "Fantasy", "War", "Action"]},
    # Films like one liked in another language: Adaptation and The Royal Tenenbaums came.
    {"kind": "comparison", "messages": ["I liked Amelie, anything French like that?"], "like_title": "Amelie", "foreign": True},
    # Tears ruled out: Dog Day Afternoon, The Truth About Cats & Dogs and Alpha Dog came by their titles.
    {"kind": "mood", "messages": ["a movie about a dog that won't make me cry"], "all_of": ["Comedy"], "not_in_titles": ["dog day", "alpha dog"]},
    # Thinking ruled out: "thinking" searched found Inception, Apocalypse Now and A Beautiful Mind.
    {"kind": "mood", "messages": ["I've had a long day, need something that doesn't require much thinking"], "any_of": ["Comedy", "Action"], "not_in_titles": ["inception", "mind"]},
    # Cheap jump scares ruled out, and a film actually good: "jump scares" searched found Scary Movie and Scary Movie 3.
    {"kind": "exclusion", "messages": ["a horror movie that's actually good, not cheap jump scares"], "any_of": ["Horror"], "not_in_titles": ["scary movie"]},
    # Another person after one: the note said the first person's film was left out (the longer name of the two).
    {"kind": "follow-up", "messages": ["anything with Denzel Washington?", "what about something with Morgan Freeman"], "tagged": ["Morgan Freeman", 1], "not_note": ["Denzel"]},
    # The user's sadness: read as "something sad", it showed The Notebook, The Pursuit of Happyness, Requiem for a Dream.
    {"kind": "mood", "messages": ["I'm sad today"], "any_of": ["Comedy"], "not_in_titles": ["requiem", "notebook"]},
    # A film of a decade that still holds up: its words were searched (Good Morning, Vietnam first), said loosely.
    {"kind": "years and ratings", "messages": ["recommend a movie from the 80s that's still good today"], "after": 1979, "before": 1990, "not_note": ["so many words"]},
    # A cult classic: read as old, films before 1980 searched for "cult" (2001, A Clockwork Orange, Dog Day Afternoon).
    {"kind": "years and ratings", "messages": ["a cult classic"], "not_note": ["so many words"], "tagged": ["cult film", 1]},
    # A film next to nobody watched, named without its year: films like Parasite (1982) came as if it were the film meant.
    # Not a chick flick: the date night's romantic comedies came (My Best Friend's Wedding, The Wedding Date).
    {"kind": "exclusion", "messages": ["recommend something romantic but not a chick flick"], "all_of": ["Romance", "Drama"], "not_in_titles": ["wedding"]},
    # A maker the catalog lacks beside a film loved: the note, and nothing shown.
    {"kind": "honesty", "messages": ["I loved Get Out, anything else by Jordan Peele?"], "like_title": "Get Out", "note": ["Nothing in the catalog's titles, tags or descriptions mentions Jordan Peele"]},
    # A title of another language's words is no message in it: "I loved La La Land" was said to look like French.
    {"kind": "language", "messages": ["I loved La La Land, what else?"], "not_note": ["looks like French"], "like_title": "La La Land"},
    {"kind": "honesty", "messages": ["what would you recommend for someone who loved Parasite?"], "note": ["\u201cParasite\u201d in the catalog is Parasite (1982)"]},
    # A life thought about: the details of Life (1999) came, "about" read as said of the film.
    {"kind": "mood", "messages": ["a movie that will make me think about life"], "tagged": ["thought-provoking", 1]},
    # "Along those lines" after films like two loved: "something but a bit happier" was searched (The Lego Movie).
    {"kind": "follow-up", "messages": ["my wife and I liked The Notebook and Titanic", "something along those lines but a bit happier"], "like_title": "The Notebook"},
    # A breakup: its words were searched (My Super Ex-Girlfriend, The Break-Up, Leaving Las Vegas).
    {"kind": "mood", "messages": ["I just broke up with my girlfriend"], "any_of": ["Comedy"], "not_in_titles": ["girlfriend", "break-up"]},
    # "Him" after a person's films: its words were searched (Get Him to the Greek).
    {"kind": "follow-up", "messages": ["I love Christopher Nolan movies", "anything else by him?"], "note": ["Christopher Nolan"], "not_in_titles": ["him to the greek"]},
    # Where to look: "catalog" was searched and Toy Story came first of the best rated.
    {"kind": "years and ratings", "messages": ["what's the highest rated movie in the catalog?"], "not_note": ["so many words"], "shows": "The Shawshank Redemption"},
    # Why one item was picked: "why did you pick" was searched (Because I Said So, Zodiac).
    {"kind": "reference", "messages": ["suggest a comedy from the 90s", "why did you pick the second one?"], "note": ["Here is what I chose it for:\n2. "], "not_note": ["Because I Said So"]},
    # More grown up than children's films: Toy Story, Shrek and The Lion King came first again.
    {"kind": "follow-up", "messages": ["I want to watch something with my kids, they're 8 and 10", "something a bit more grown up but still ok for them"], "none_of": ["Children"], "fresh": True},
    # Seen all but one of films like a title: the theme was lost and the best known films came (Forrest Gump first).
    {"kind": "feedback", "messages": ["recommend something like Pulp Fiction", "I've seen all of those except the last one"], "like_title": "Pulp Fiction", "fresh": True},
    # This year: its words were searched (The Mummy, Ghost), said to match loosely.
    {"kind": "years and ratings", "messages": ["can you recommend a movie that came out this year?"], "after": 2015, "note": ["newest films are from 2018"]},
    # Not liked, too gory: "less gory" alone was searched, and Saw came second.
    {"kind": "exclusion", "messages": ["I'm in the mood for a good mystery", "I don't like anything too gory"], "none_of": ["Horror"], "note": ["nothing gory"]},
    # One kind with some of another: either came (WALL·E, Léon, Good Will Hunting).
    {"kind": "mood", "messages": ["hey, I need a movie for tonight. something with a good love story but also some action"], "all_of": ["Romance", "Action"]},
    # Scary, horror ruled out: The Nightmare Before Christmas, Fear, Ghostbusters came by meaning.
    {"kind": "exclusion", "messages": ["i want to see something scary tonight but my girlfriend hates horror"], "all_of": ["Thriller"], "none_of": ["Horror", "Children"]},
    # Loved by everyone, probably not seen: Love Actually came by "loves", said to match loosely.
    {"kind": "years and ratings", "messages": ["what's a movie everyone loves but I probably haven't seen?"], "note": ["less known"], "not_in_titles": ["love"]},
    # For adults said without "but": Toy Story 2, A Bug's Life, Beauty and the Beast came.
    {"kind": "comparison", "messages": ["something like Toy Story for adults"], "like_title": "Toy Story", "none_of": ["Children"]},
    # Stoner movies: Ferris Bueller's Day Off came first, "fits the mood: High School" (searched: "getting high").
    {"kind": "mood", "messages": ["any good stoner movies?"], "tagged": ["Stoner Movie", 1], "not_note": ["High School"]},
    # A rainy afternoon with grandma: no mood was read, and Grandma's Boy came first by its title.
    {"kind": "audience", "messages": ["a fun movie for a rainy afternoon with my grandma"], "not_in_titles": ["grandma"], "not_note": ["so many words"]},
    # Laughing out loud: its words were searched (Scary Movie second, said to match loosely).
    {"kind": "mood", "messages": ["I want a movie that will make me laugh out loud"], "all_of": ["Comedy"], "not_in_titles": ["scary"], "not_note": ["so many words"]},
    # Not so old: "not so old" was searched as words, and The Exorcist (1973) came third.
    {"kind": "comparison", "messages": ["something like Jaws but not so old"], "like_title": "Jaws", "after": 1975},
    # New to horror: "never" ruled horror out (Ghost, Monsters, Inc., Cape Fear came).
    {"kind": "audience", "messages": ["what's a good movie for someone who has never seen a horror film?"], "all_of": ["Horror"]},
    # The Cold War: read as war films (Saving Private Ryan, Patton), the films tagged so came under a note of none.
    {"kind": "mood", "messages": ["something set during the Cold War"], "tagged": ["Cold War", 3], "not_note": ["None of the films"]},
    # Another surprise: the best known came (Forrest Gump, The Shawshank Redemption), rating unsaid.
    {"kind": "follow-up", "messages": ["give me a random movie", "another one"], "note": ["less known"], "fresh": True},
    # More of the best rated: Ace Ventura and Dumb & Dumber came, "popular", rating unsaid.
    {"kind": "follow-up", "messages": ["what are the best comedies?", "more please"], "all_of": ["Comedy"], "note": ["rated "], "fresh": True},
    # A sequel better than the original: its words were searched (Men in Black II, tagged "crappy sequel", third).
    {"kind": "years and ratings", "messages": ["a good sequel that's better than the original"], "note": ["rated above"], "not_in_titles": ["men in black"]},
    # Quoted by everyone: its words were searched (Inglourious Basterds, Casablanca), said to match loosely.
    {"kind": "mood", "messages": ["what's a movie that everyone quotes?"], "all_of": ["Comedy"], "not_note": ["so many words"]},
    # Tears in a good way: read as tears alone, Requiem for a Dream came fifth.
    {"kind": "mood", "messages": ["I want to cry but in a good way"], "not_in_titles": ["requiem"], "tagged": ["bittersweet", 1]},
    # Old Hollywood: Get Shorty, tagged Hollywood, and Mamma Mia! of 2008 came.
    {"kind": "audience", "messages": ["I need something to watch with my mom, she likes musicals and old Hollywood"], "all_of": ["Musical"], "before": 1966},
    # Under the radar: "something that flew" was searched, said to match loosely.
    {"kind": "years and ratings", "messages": ["something from the 2010s that flew under the radar"], "after": 2009, "note": ["less known"], "not_note": ["so many words"]},
    # A modern one after westerns: Modern Times (1936) came first, by its title.
    {"kind": "follow-up", "messages": ["I'm looking for a good western", "a modern one"], "all_of": ["Western"], "after": 1999},
    # Background noise: White Noise came first by its title, said to match loosely.
    {"kind": "occasion", "messages": ["a movie that's good background noise while I work"], "not_in_titles": ["noise"], "all_of": ["Comedy"]},
    # A fan of horror: Scary Movie came first, and Scary Movie 3 fourth.
    {"kind": "audience", "messages": ["I have a date tonight and she loves horror"], "all_of": ["Horror"], "none_of": ["Comedy"]},
    # Which of his after Tarantino's films: films like two said seen came (The Silence of the Lambs, Batman).
    {"kind": "follow-up", "messages": ["I've been on a real Tarantino kick lately", "which of his should I watch next? I've seen Pulp Fiction and Kill Bill"], "tagged": ["Quentin Tarantino", 3]},
    # Less scary after adventures, or dinosaurs for children: horror comedies came (The Mummy, Army of Darkness;
    # Hocus Pocus, The Haunted Mansion).
    {"kind": "follow-up", "messages": ["any good adventure movies?", "anything less scary?"], "all_of": ["Adventure"], "none_of": ["Horror"]},
    {"kind": "follow-up", "messages": ["my kids are obsessed with dinosaurs", "anything less scary?"], "all_of": ["Children"], "none_of": ["Horror"]},
    # A comedy that isn't stupid: the best known comedies came, Anchorman (tagged stupid) and Road Trip among them.
    {"kind": "mood", "messages": ["recommend a comedy that isn't stupid"], "all_of": ["Comedy"], "not_tagged": "stupid"},
    # When you can't sleep: its words were searched (Sleepless in Seattle, The Mummy, Sleepers), said to match loosely.
    {"kind": "occasion", "messages": ["what's a good movie to watch when you can't sleep?"], "not_in_titles": ["sleep"], "not_note": ["so many words"]},
    # Films that make me think, like The Matrix: "that make me think" was searched among films like it (The Terminator,
    # Spider-Man 2, The Dark Knight).
    {"kind": "comparison", "messages": ["I like movies that make me think, like The Matrix"], "like_title": "The Matrix", "about": ["thought-provoking", 3]},
    # On that level: "what else is on level" was searched (The Two Towers, Up, The Phantom Menace).
    {"kind": "follow-up", "messages": ["I just watched The Shawshank Redemption and loved it", "what else is on that level?"], "like_title": "The Shawshank Redemption", "note": ["rated "]},
    # A person the catalog does not name after films of the 50s: said so, and nothing shown.
    {"kind": "honesty", "messages": ["recommend me a movie from the 50s", "something with Audrey Hepburn"], "after": 1949, "before": 1960, "note": ["went on with"]},
    # What's better of two named: the first film's details came.
    {"kind": "comparison", "messages": ["what's better, The Matrix or Inception?"], "note": ["better rated"]},
    # To cry like that, after Up: Up was noted as liked again, and the tears were lost (Star Trek, Big Hero 6 came).
    {"kind": "follow-up", "messages": ["I loved Up, the opening made me cry", "something else that will make me cry like that"], "like_title": "Up", "not_note": ["Noted: you liked"]},
    # Two said seen during a theme: films like the two came, the theme lost (The Avengers, Edge of Tomorrow).
    {"kind": "feedback", "messages": ["any good movies about space exploration?", "I've seen Interstellar and The Martian"], "about": ["space", 3]},
    # Roommates watching: Roommates (1995) was noted as liked, and comedies like it came (Crooklyn, Meatballs 4).
    {"kind": "audience", "messages": ["movie night with my roommates, we like dumb comedies"], "all_of": ["Comedy"], "not_in_titles": ["roommates"], "not_note": ["Noted: you liked"]},
    # Whom a comedy is for was searched: Mother, Mr. Mom, Serial Mom, Mom's Night Out came.
    {"kind": "audience", "messages": ["a comedy to watch with my mom"], "all_of": ["Comedy"], "not_in_titles": ["mom", "mother"]},
    # A feel asked of a film by its title, in a word the tags say otherwise: the details alone, as if nothing was asked.
    {"kind": "follow-up", "messages": ["I want to watch a scary movie tonight", "is The Shining very gory?"], "note": ["No one has tagged The Shining (1980) gory"]},
    {"kind": "honesty", "messages": ["is Saw gory?"], "note": ["People tag Saw (2004) brutal"]},
    # A mood said of a kind: "sad animated" read as no mood (Finding Nemo, Toy Story, Monsters, Inc. came), "a
    # feel-good romance" as bittersweet (Good Will Hunting, Phenomenon, American Beauty).
    {"kind": "mood", "messages": ["a sad animated movie"], "all_of": ["Animation"], "any_of": ["Drama", "Romance"]},
    {"kind": "mood", "messages": ["a feel-good romance"], "all_of": ["Romance"], "any_of": ["Comedy"]},
    {"kind": "mood", "messages": ["a romance with a happy ending"], "all_of": ["Romance"], "any_of": ["Comedy"]},
    # Less fright after twists like a horror film's asked for its horror and comedies: Saw, End of Days, Dead End.
    {"kind": "follow-up", "messages": ["something with a twist ending like The Sixth Sense", "something less scary though"], "none_of": ["Horror"], "about": ["twist", 2]},
    # A film told of by its qualities was small talk; the horror films asked for before came (Shaun of the Dead, Jaws).
    {"kind": "follow-up", "messages": ["a horror movie", "tell me about A Clockwork Orange", "It has some serious psychological concepts in it."], "like_title": "A Clockwork Orange", "about": ["psychological", 2]},
    # An action film made less violent leaned to suspense and lost its action: The Prestige, Prisoners, The Departed.
    {"kind": "comparison", "messages": ["movies like Mad Max: Fury Road but with less violence"], "like_title": "Mad Max: Fury Road", "all_of": ["Action"], "none_of": ["Horror", "War"]},
]
