"""The one great-circle distance of the project (the dedup stage uses it too)."""

from __future__ import annotations

import math

from pipeline.extract.geo.gazetteer import Place

EARTH_DIAMETER_KM = 12742


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two points given in degrees."""
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(a))


def km_between(a: Place, b: Place) -> float:
    """Distance between two places; infinite when either has no coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return float("inf")
    return km(a.latitude, a.longitude, b.latitude, b.longitude)
