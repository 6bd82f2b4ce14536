"""ACLED format: one CSV row per event, with ACLED's export columns in ACLED's order and spelling.

How our fields become ACLED's (the README's *Exports* section has the table):

- ``event_id_cnty`` is our stable ``event_id``. ACLED's ids are a country acronym and a number; ours carry
  no country because an event's place can be corrected and its id must not change.
- ``time_precision``: day -> 1, week -> 2, month -> 3, year -> 3 (ACLED has nothing coarser),
  unknown -> empty.
- ``geo_precision``: place -> 1, near_place and admin2 -> 2, admin1 and country -> 3, unknown -> empty.
- ``disorder_type`` from the sub-event type (``data/event_codes.csv``); ``inter1``/``inter2`` are the events'
  own (``pipeline/extract/inter_codes.py``: from the actor names, ACLED's generic names and the named groups'
  categories; computed here for events coded before the columns existed); ``interaction`` joins them, lower
  first. ``assoc_actor_1``/``assoc_actor_2`` are the events' associated actors (a party, union, social group).
- ``iso``, ``country`` and ``region`` from the country table (``geography.py``).
- ``notes``: one sentence built from the event's fields, never article text.
- ``source``: the outlets that reported the event; ``timestamp``: when the event last changed (history).
- Left empty: ``admin2``, ``admin3``, ``source_scale``, ``tags``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipeline.export.codes import codes_for
from pipeline.export.geography import country
from pipeline.export.selection import ExportFilter
from pipeline.export.selection import events as selected
from pipeline.extract.inter_codes import inter_code

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"place": 1, "near_place": 2, "admin2": 2, "admin1": 3, "country": 3}


def write(con: duckdb.DuckDBPyConnection, out: Path, filters: ExportFilter) -> Iterator[tuple[Path, int]]:
    """Write the CSV; yields (path, rows)."""
    events = selected(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    now = int(dt.datetime.now(dt.UTC).timestamp())
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(row(event, now))
    yield out, len(events)


def row(e: dict, now: int) -> dict:
    """One event as an ACLED row."""
    codes = codes_for(e["sub_event_type"])
    place = country(e["country_code"])
    inter1 = e.get("inter1") or inter_code(e["actor1"], e["country_code"])
    inter2 = e.get("inter2") or inter_code(e["actor2"], e["country_code"])
    changed = e.get("last_changed_at")
    return {
        "event_id_cnty": e["event_id"],
        "event_date": e["event_date"].isoformat() if e["event_date"] else "",
        "year": e["event_date"].year if e["event_date"] else "",
        "time_precision": TIME_PRECISION.get(e["date_precision"], ""),
        "disorder_type": codes.disorder_type if codes else "",
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "actor1": e["actor1"] or "",
        "assoc_actor_1": e.get("assoc_actor_1") or "",
        "inter1": inter1 or "",
        "actor2": e["actor2"] or "",
        "assoc_actor_2": e.get("assoc_actor_2") or "",
        "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if (e["actor2"] or "").startswith("Civilians") else "",
        "iso": place.isonumeric if place else "",
        "region": (place.region or "") if place else "",
        "country": place.name if place else "",
        "admin1": e["admin1"] or "",
        "admin2": "",
        "admin3": "",
        "location": e["location"] or "",
        "latitude": _coordinate(e["latitude"]),
        "longitude": _coordinate(e["longitude"]),
        "geo_precision": GEO_PRECISION.get(e["geo_precision"], ""),
        "source": "; ".join(e.get("outlets") or []),
        "source_scale": "",
        "notes": notes(e, place.name if place else None),
        "fatalities": e["fatalities"] if e["fatalities"] is not None else 0,
        "tags": "",
        "timestamp": int(changed.replace(tzinfo=dt.UTC).timestamp()) if changed else now,
    }


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def interaction(inter1: int | None, inter2: int | None) -> int | str:
    """ACLED's interaction code: both actor types, the lower first; one actor alone is ``X0``."""
    if inter1 is None and inter2 is None:
        return ""
    if inter1 is None or inter2 is None:
        return (inter1 or inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


_WHEN = {
    "day": "On {d:%-d %B %Y}",
    "week": "In the week of {d:%-d %B %Y}",
    "month": "In {d:%B %Y}",
    "year": "In {d:%Y}",
}


def notes(e: dict, country_name: str | None) -> str:
    """One sentence from the event's fields: when, what, where, who, the toll and how many reported it."""
    when = _WHEN.get(e["date_precision"], "")
    when = when.format(d=e["event_date"]) if when and e["event_date"] else "On an unknown date"
    what = _what(e["sub_event_type"])
    where = _where(e, country_name)
    actors = [a for a in (e["actor1"], e["actor2"]) if a]
    who = f" involving {' and '.join(actors)}" if actors else ""
    toll = e["fatalities"] or 0
    toll_text = f"{toll} reported fatalities" if toll != 1 else "1 reported fatality"
    if (e.get("fatalities_max") or 0) > toll:
        toll_text += f" (reports range up to {e['fatalities_max']})"
    sources = e["num_sources"]
    return (f"{when}, {what}{where}{who}; {toll_text}; "
            f"reported by {sources} source{'s' if sources != 1 else ''}.")  # fmt: skip


# Sub-event types read without an article ("arrests", "mob violence"); the others take "a" or "an".
_MASS_NOUNS = frozenset({"Arrests", "Looting/property destruction", "Sexual violence", "Mob violence",
                         "Excessive force against protesters"})  # fmt: skip


def _what(sub_event_type: str) -> str:
    if sub_event_type == "Other":
        return "a strategic development"
    phrase = sub_event_type[0].lower() + sub_event_type[1:]  # keeps "IED"
    if sub_event_type in _MASS_NOUNS:
        return phrase
    return ("an " if phrase[0] in "aeiou" else "a ") + phrase


def _where(e: dict, country_name: str | None) -> str:
    location, admin1 = e["location"], e["admin1"]
    inside = ", ".join(p for p in (admin1, country_name) if p and p != location)
    suffix = f" ({inside})" if inside else ""
    precision = e["geo_precision"]
    if precision == "place" and location:
        return f" in {location}{suffix}"
    if precision == "near_place" and location:
        return f" near {location}{suffix}"
    if precision == "admin2" and location:
        return f" in the district of {location}{suffix}"
    if precision == "admin1" and (admin1 or location):
        return f" in {admin1 or location}" + (f" ({country_name})" if country_name else "")
    if country_name:
        return f" in {country_name}"
    return ""
