"""GDELT format: an Events file and a Mentions file shaped like GDELT 2.0's, tab-separated, with a header.

Files written into the output folder: ``events.tsv`` (GDELT's 61 Events columns), ``mentions.tsv`` (its 16
Mentions columns) and ``event_ids.tsv`` (``GlobalEventID`` -> our ``event_id``: GDELT's id is an integer, so
ours is turned into one, the first 15 hex digits of the event id read as a number, stable across exports).

What is filled (the README's *Exports* section lists every column):

- dates (``Day``, ``MonthYear``, ``Year``, ``FractionDate``), the CAMEO codes and ``QuadClass`` from the
  sub-event type (``data/event_codes.csv``), ``NumMentions``, ``NumSources``, ``NumArticles``;
- actors: name, country (ISO alpha-3, as CAMEO country codes are) and a CAMEO type for the generic actors
  (``MIL``, ``COP``, ``GOV``, ``CVL``, ``UAF``, ``REB``);
- ``ActionGeo_*``: type (1 country, 4 a place, 5 a region or district), name, FIPS country code (GDELT's
  country codes are FIPS 10-4), coordinates and the GeoNames id of the place as ``ActionGeo_FeatureID``;
- ``DATEADDED``: when the history first recorded the event; ``SOURCEURL``: the first report's URL;
- per mention: time, outlet, URL, sentence number (1-based), the trigger's character offset, confidence
  (0-100) and the article's length.

Left empty: ``GoldsteinScale``, ``AvgTone``, ``MentionDocTone``, ethnic/religion/known-group codes, the
actor geographies (we code only where the event happened), ``ActionGeo_ADM1Code``/``ADM2Code`` beyond the
country part, ``MentionDocTranslationInfo`` and ``Extras``; actor offsets are -1 (not located).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipeline.export.codes import codes_for
from pipeline.export.geography import actor_country, country
from pipeline.export.selection import ExportFilter
from pipeline.export.selection import events as selected
from pipeline.queries import query

EVENT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
MENTION_COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

GEO_TYPE = {"country": 1, "place": 4, "near_place": 4, "admin2": 5, "admin1": 5}
# CAMEO actor type codes for ACLED's generic actor names.
ACTOR_TYPES = (
    ("Military Forces", "MIL"), ("Police Forces", "COP"), ("Government of", "GOV"), ("Civilians", "CVL"),
    ("Unidentified Armed Group", "UAF"), ("Protesters", "CVL"), ("Rioters", "CVL"),
)  # fmt: skip


def global_event_id(event_id: str) -> int:
    """GDELT's integer id for one of our event ids: stable, and below 2**60 (fits a signed 64-bit column)."""
    return int(event_id[:15], 16)


def write(con: duckdb.DuckDBPyConnection, out: Path, filters: ExportFilter) -> Iterator[tuple[Path, int]]:
    """Write events.tsv, mentions.tsv and event_ids.tsv into ``out``; yields (path, rows) for each."""
    out.mkdir(parents=True, exist_ok=True)
    events = selected(con)
    ids = [e["event_id"] for e in events]
    mentions = con.execute(query("export.gdelt_mentions")).pl().to_dicts()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    by_event: dict[str, list[dict]] = {}
    for m in mentions:
        by_event.setdefault(m["event_id"], []).append(m)
    added = {e["event_id"]: e.get("first_recorded_at") or now for e in events}
    features = dict(con.execute(query("export.gdelt_features")).fetchall())
    rows = [event_row({**e, "geonameid": features.get(e["event_id"])}, by_event.get(e["event_id"], []),
                      added[e["event_id"]]) for e in events]  # fmt: skip
    yield _write(out / "events.tsv", EVENT_COLUMNS, rows)
    yield _write(out / "mentions.tsv", MENTION_COLUMNS,
                 [mention_row(m, added[m["event_id"]]) for m in mentions])  # fmt: skip
    yield _write(out / "event_ids.tsv", ("GlobalEventID", "event_id"),
                 [{"GlobalEventID": global_event_id(i), "event_id": i} for i in ids])  # fmt: skip


def _write(path: Path, columns: tuple[str, ...], rows: list[dict]) -> tuple[Path, int]:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, delimiter="\t", restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _clean(v) for k, v in r.items()} for r in rows)
    return path, len(rows)


def _clean(value):
    return value.replace("\t", " ").replace("\n", " ") if isinstance(value, str) else value


def _stamp(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return ""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    return moment.strftime("%Y%m%d%H%M%S")


def _actor(n: int, name: str | None) -> dict:
    if not name:
        return {}
    place = country(actor_country(name))
    kind = next((code for prefix, code in ACTOR_TYPES if name.startswith(prefix)), "")
    code3 = place.iso3 if place else ""
    return {f"Actor{n}Name": name, f"Actor{n}CountryCode": code3, f"Actor{n}Type1Code": kind,
            f"Actor{n}Code": code3 + kind}  # fmt: skip


def event_row(e: dict, mentions: list[dict], added: dt.datetime) -> dict:
    """One event as a GDELT Events row (absent keys are written empty)."""
    codes = codes_for(e["sub_event_type"])
    place = country(e["country_code"])
    day = e["event_date"]
    row = {
        "GlobalEventID": global_event_id(e["event_id"]),
        "Day": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        **_actor(1, e["actor1"]),
        **_actor(2, e["actor2"]),
        "IsRootEvent": int(any(m["sentence_index"] == 0 for m in mentions)),
        "EventCode": codes.cameo_code if codes else "",
        "EventBaseCode": codes.cameo_base_code if codes else "",
        "EventRootCode": codes.cameo_root_code if codes else "",
        "QuadClass": codes.quad_class if codes else "",
        "NumMentions": e["num_mentions"],
        "NumSources": e["num_sources"],
        "NumArticles": e["num_articles"],
        "ActionGeo_Type": GEO_TYPE.get(e["geo_precision"], 0),
        "ActionGeo_FullName": ", ".join(
            p for p in (e["location"], e["admin1"], place.name if place else None) if p
        ),
        "ActionGeo_CountryCode": place.fips if place else "",
        "ActionGeo_ADM1Code": place.fips if place else "",
        "ActionGeo_Lat": "" if e["latitude"] is None else round(e["latitude"], 4),
        "ActionGeo_Long": "" if e["longitude"] is None else round(e["longitude"], 4),
        "ActionGeo_FeatureID": e.get("geonameid") or "",
        "DATEADDED": _stamp(added),
        "SOURCEURL": e.get("first_url") or "; ".join(e.get("outlets") or []),
    }
    return row


def mention_row(m: dict, added: dt.datetime) -> dict:
    """One mention as a GDELT Mentions row."""
    offset = (m["sentence"] or "").find(m["trigger"] or "\0")
    return {
        "GlobalEventID": global_event_id(m["event_id"]),
        "EventTimeDate": _stamp(added),
        "MentionTimeDate": _stamp(m["published_at"]),
        "MentionType": 1 if (m["url"] or "").startswith("http") else 2,
        "MentionSourceName": m["outlet"] or "",
        "MentionIdentifier": m["url"] or m["source_id"],
        "SentenceID": m["sentence_index"] + 1,
        "Actor1CharOffset": -1,
        "Actor2CharOffset": -1,
        "ActionCharOffset": m["char_start"] + offset if offset >= 0 else -1,
        "InRawText": 1,
        "Confidence": round((m["confidence"] or 0) * 100),
        "MentionDocLen": m["n_chars"],
    }
