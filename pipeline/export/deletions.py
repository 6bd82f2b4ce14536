"""The deletions list: events an earlier export may hold that no longer exist (removed, or merged into
another event), as ACLED publishes one, so that a downstream copy can delete them.

A CSV with ``event_id_cnty`` (our event id, as in the ACLED export), ``deleted_timestamp`` (Unix time the
history recorded the removal), ``event_id``, ``change`` (``removed`` or ``merged``), ``merged_into`` and the
GDELT ``GlobalEventID``. The export's filters apply to the event's last values."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb

from pipeline.export.gdelt import global_event_id
from pipeline.export.selection import ExportFilter, has_history
from pipeline.history import deleted_events

COLUMNS = ("event_id_cnty", "deleted_timestamp", "event_id", "change", "merged_into", "GlobalEventID")


def rows(con: duckdb.DuckDBPyConnection, filters: ExportFilter) -> list[dict]:
    if not has_history(con):
        return []
    out = []
    for d in deleted_events(con).iter_rows(named=True):
        last = json.loads(d["last_values"]) if d["last_values"] else {}
        day = dt.date.fromisoformat(last["event_date"]) if last.get("event_date") else None
        if not filters.keeps(day, last.get("country_code")):
            continue
        out.append({
            "event_id_cnty": d["event_id"],
            "deleted_timestamp": int(d["deleted_at"].replace(tzinfo=dt.UTC).timestamp()),
            "event_id": d["event_id"],
            "change": d["change"],
            "merged_into": d["merged_into"] or "",
            "GlobalEventID": global_event_id(d["event_id"]),
        })  # fmt: skip
    return out


def write(con: duckdb.DuckDBPyConnection, path: Path, filters: ExportFilter) -> int:
    """Write the deletions CSV; returns its rows."""
    found = rows(con, filters)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(found)
    return len(found)
