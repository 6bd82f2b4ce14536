"""The country an article's events happen in, by vote: the places it names (weighed by how surely each
points at one country), the demonyms and country names, the armed groups it names (their home country, and
where they mostly fight), the parties it names, its dateline, the country its outlet reports from, and names
it calls places that the gazetteer spells differently.

Reads the article's title and body; decides one country code (or None), before any sentence is parsed.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.actors import EXTRA_GROUP_COUNTRY, party_countries_in
from pipeline.extract.geo.gazetteer import Place, gazetteer
from pipeline.extract.geo.outlets import outlet_country
from pipeline.extract.geo.words import (
    CAPITALIZED_RUN,
    REGION_AFTER,
    called_a_city,
    names_no_place,
    place_name_in,
    said_to_be_a_place,
    verb_with_particle,
)
from pipeline.extract.lexicon import DEMONYMS, GROUP_COUNTRY, GROUP_THEATRES
from pipeline.extract.lexicon_loader import lexicon
from pipeline.extract.settings import (
    CALLED_A_CITY_VOTE,
    DATELINE_VOTE,
    DEMONYM_VOTE,
    GROUP_HOME_VOTE,
    GROUP_THEATRE_VOTE,
    MAJOR_PLACE_VOTE,
    MAJOR_TOWN,
    ONLY_COUNTRY_VOTE,
    OUTLET_VOTE,
    PARTY_VOTE,
    SPELLING_VOTE,
    TOWN,
    TOWN_VOTE,
    VILLAGE_SAID_VOTE,
    VILLAGE_VOTE,
)


def article_country(
    text: str, groups: Counter, dateline_place: str | None, outlet: str | None = None
) -> tuple[str | None, Place | None]:
    """The article's country and its dateline place (looked up in that country), from the article's text,
    the armed groups it names (name -> how often) and its outlet."""
    gaz = gazetteer()
    # Where a monitor is based or a group banned tells nothing of where the events are.
    text = DESCRIBED_AT.sub(" ", text)
    # Where is told by the places named, by who is named ("Yemeni troops", "HTS fighters") and by the
    # regions named ("Basra province"), each name weighed by how surely it points at one country.
    counter: Counter = place_votes(text)
    for code in demonym_codes(text):
        counter[code] += DEMONYM_VOTE
    for name in groups:
        if name in GROUP_COUNTRY or name in EXTRA_GROUP_COUNTRY:
            counter[GROUP_COUNTRY.get(name) or EXTRA_GROUP_COUNTRY[name]] += GROUP_HOME_VOTE
        for code in GROUP_THEATRES.get(name, ()):
            counter[code] += (
                GROUP_THEATRE_VOTE  # where the group mostly fights: breaks ties, never outvotes a place
            )
    for code in party_countries_in(text):
        counter[code] += PARTY_VOTE
    reports_from = outlet_country(outlet)
    if reports_from:
        counter[reports_from] += OUTLET_VOTE
    dateline = gaz.lookup(dateline_place) if dateline_place else None
    if dateline is not None and dateline.country_code:
        counter[dateline.country_code] += DATELINE_VOTE
    _spelling_votes(text, counter)
    country = main_country(counter)
    if dateline is not None and country and dateline.country_code != country:
        dateline = gaz.lookup(dateline_place, country_hint=country)
    return country, dateline


_WORD_RE = re.compile(r"[A-Z][\w.'-]*(?:[ -][A-Z][\w'-]*)?")


def demonym_codes(text: str) -> list[str]:
    """Countries named by a demonym or a country name in a text ("Iraqi", "Yemen's")."""
    codes = []
    for m in _WORD_RE.finditer(text):
        if CURRENCY_AFTER.match(text[m.end() :]):
            continue  # "the Turkish lira": a currency, wherever it is spent
        word = m.group(0).lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        first, last = word.split(" ")[0], word.split(" ")[-1]
        code = DEMONYMS.get(word) or DEMONYMS.get(word.replace("-", " ")) or DEMONYMS.get(first)
        if code is None and first in ("the", "a", "an"):
            code = DEMONYMS.get(last)  # "The Syrian army" opening a sentence
        if code is None and word.endswith("s"):
            code = DEMONYMS.get(word[:-1])  # "Yemenis", "Pakistanis"
        if code is not None:
            codes.append(code)
    return codes


# "the US dollar", "Turkish lira": a currency's country says nothing of where an event happened.
CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|euros?|pounds?|liras?|lire|rupees?|dinars?|riyals?|rials?|shillings?|francs?|nairas?|"
    r"rubles?|roubles?|hryvnias?|yuan|yen|pesos?|currency)\b",
    re.IGNORECASE,
)
# "the monitor, based in Britain", "a group outlawed in Russia" (geo/event_place.py: STATUS_PARTICIPLES)
DESCRIBED_AT = re.compile(
    r"\b(?:"
    + "|".join(sorted(lexicon().words("status_participles")))
    + r") (?:in|at) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*"
)
SPOKEN_FROM = re.compile(
    r"\b(?:[Ss]peaking|[Tt]alking|[Ww]riting) (?:from|in) [A-Z][\w'’-]*(?:[ ,]+[A-Z][\w'’-]*)*"
)


def place_votes(text: str) -> Counter:
    """How strongly the places a text names point at each country: a region or a city of more than 100,000
    people is one vote, a smaller town less; a name that several countries have splits its vote between
    them, so "Samba" (a city in Angola, a town in India) cannot outvote "Indian soldiers"."""
    gaz = gazetteer()
    votes: Counter = Counter()
    seen: set[str] = set()
    text = SPOKEN_FROM.sub(" ", text)  # where a minister spoke tells nothing of where the events are
    for m in CAPITALIZED_RUN.finditer(text):
        offset, name = place_name_in(m.group(0))
        key = name.lower()
        if key in seen or key in DEMONYMS or key.rstrip("s") in DEMONYMS or names_no_place(name):
            continue
        if verb_with_particle(text, m.start() + offset, m.end()) or CURRENCY_AFTER.match(text[m.end() :]):
            continue
        seen.add(key)
        said = said_to_be_a_place(text, m.start() + offset, m.end())
        weights: dict[str, float] = {}
        for place in gaz.candidates(name):
            if not place.country_code:
                continue
            if place.kind == "admin1" or place.population > MAJOR_TOWN:
                weight = MAJOR_PLACE_VOTE
            elif place.population > TOWN:
                weight = TOWN_VOTE
            else:
                weight = VILLAGE_SAID_VOTE if said else VILLAGE_VOTE
            weights[place.country_code] = max(weight, weights.get(place.country_code, 0.0))
        if called_a_city(text, m.start() + offset, m.end()) and any(
            p.kind == "city" and p.population > MAJOR_TOWN for p in gaz.candidates(name)
        ):
            # "the city of X": the big city called X, not a village of that name abroad
            weights = {
                p.country_code: MAJOR_PLACE_VOTE
                for p in gaz.candidates(name)
                if p.kind == "city" and p.population > MAJOR_TOWN and p.country_code
            }
        if said and len(weights) == 1:
            # "in the Afrin area": a place only one country has (GeoNames lacks many villages, so a town
            # named once is no proof)
            weights = {code: max(weight, ONLY_COUNTRY_VOTE) for code, weight in weights.items()}
        for code, weight in weights.items():
            votes[code] += weight / len(weights)
    return votes


def _spelling_votes(text: str, votes: Counter) -> None:
    """Names the text calls places ("Deir Ez-Zour governorate", "the town of Saraqab") that the gazetteer
    knows only under another spelling vote for the likely countries (those with votes already) that have
    such a place; a name called a city votes for the one country with a big city so spelled."""
    likely = [code for code, _ in votes.most_common(3)]
    gaz = gazetteer()
    for m in CAPITALIZED_RUN.finditer(text):
        offset, name = place_name_in(m.group(0))
        start, end = m.start() + offset, m.end()
        kind = "admin1" if REGION_AFTER.match(text[end : end + 20]) else "city"
        if (kind == "city" and not said_to_be_a_place(text, start, end)) or gaz.is_place_name(name):
            continue
        if kind == "city" and called_a_city(text, start, end):
            # "the city of Nasriyah": a big city of one country spelled so, whatever the other votes say.
            codes = {p.country_code for p in gaz.major_cities_spelled(name)}
            if len(codes) == 1:
                votes[codes.pop()] += CALLED_A_CITY_VOTE
                continue
        for code in likely:
            # A region is often called after its capital ("Sulaimani province"): its city's spellings count.
            kinds = (kind, "city") if kind == "admin1" else (kind,)
            if any(gaz.lookup_spelling(name, code, kind=k) is not None for k in kinds):
                votes[code] += SPELLING_VOTE


def main_country(counter: Counter) -> str | None:
    return counter.most_common(1)[0][0] if counter else None
