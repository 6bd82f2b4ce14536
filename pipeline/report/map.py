"""The map of events as inline SVG: country outlines in a plain longitude/latitude projection, one circle per
event (area grows with fatalities, colour by event type), framed on where the events are."""

from __future__ import annotations

import math
from html import escape

from pipeline.report.basemap import outlines
from pipeline.report.charts import color_of

ASPECT = 2.0  # width / height of the map frame


def frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points, padded, at least 40 degrees wide, ASPECT wide to high."""
    if not points:
        return -180.0, -60.0, 180.0, 85.0
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad = max(8.0, 0.12 * max(east - west, north - south))
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    width, height = max(east - west, 40.0), north - south
    if width / max(height, 1e-9) < ASPECT:
        width = height * ASPECT
    else:
        height = width / ASPECT
    cx, cy = (west + east) / 2, (south + north) / 2
    width = min(width, 360.0)
    height = min(height, 150.0)
    cx = min(max(cx, -180 + width / 2), 180 - width / 2)
    cy = min(max(cy, -65 + height / 2), 85 - height / 2)
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def radius(fatalities: int | None, unit: float) -> float:
    """Circle radius: area proportional to 1 + fatalities, so an event without deaths still shows."""
    return unit * 3.2 * math.sqrt(1 + max(0, fatalities or 0))


def map_svg(events: list[dict]) -> str:
    """SVG of the events (dicts with latitude, longitude, fatalities, event_type, location); markers are
    ``circle.marker`` elements with ``data-i`` = the event's position in ``events``."""
    placed = [(i, e) for i, e in enumerate(events) if e.get("latitude") is not None]
    west, south, east, north = frame([(e["longitude"], e["latitude"]) for _, e in placed])
    width, height = east - west, north - south
    unit = width / 1000
    paths = []
    for ring in outlines(round(width / 700, 3)):
        if all(x < west or x > east for x, _ in ring) or all(y < south or y > north for _, y in ring):
            continue
        d = "M" + "L".join(f"{x:g},{-y:g}" for x, y in ring) + "Z"
        paths.append(d)
    land = (
        f'<path class="land" d="{" ".join(paths)}" fill="#eceff1" stroke="#aab4be" stroke-width="0.6" '
        'vector-effect="non-scaling-stroke"/>'
    )
    graticule = []
    step = 30 if width > 120 else 10 if width > 40 else 5
    for lon in range(-180, 181, step):
        if west <= lon <= east:
            graticule.append(f'<line x1="{lon}" x2="{lon}" y1="{-north:g}" y2="{-south:g}"/>')
    for lat in range(-90, 91, step):
        if south <= lat <= north:
            graticule.append(f'<line x1="{west:g}" x2="{east:g}" y1="{-lat}" y2="{-lat}"/>')
    markers = []
    # Biggest first, so small circles stay clickable on top of big ones.
    for i, e in sorted(placed, key=lambda p: -(p[1].get("fatalities") or 0)):
        r = radius(e.get("fatalities"), unit)
        label = f"{e.get('location') or ''}: {e.get('sub_event_type') or e.get('event_type')}"
        markers.append(
            f'<circle class="marker" data-i="{i}" cx="{e["longitude"]:.4f}" cy="{-e["latitude"]:.4f}" '
            f'r="{r:.3f}" fill="{color_of(e.get("event_type", ""))}" fill-opacity="0.78" stroke="#fff" '
            f'stroke-width="1.2" vector-effect="non-scaling-stroke"><title>{escape(label)}</title></circle>'
        )
    return (
        '<svg id="map" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{west:g} {-north:g} {width:g} {height:g}" '
        'preserveAspectRatio="xMidYMid meet" width="100%" role="img" aria-label="map of events">'
        f'<rect x="{west:g}" y="{-north:g}" width="{width:g}" height="{height:g}" fill="#f7fbff"/>'
        f"{land}"
        f'<g stroke="#d6dde3" stroke-width="0.4" vector-effect="non-scaling-stroke" '
        f'style="vector-effect:non-scaling-stroke">{"".join(graticule)}</g>'
        f'<g id="markers">{"".join(markers)}</g></svg>'
    )
