"""Parquet format: the analyst tables as Parquet files, with a JSON manifest.

Written into the output folder: one ``<table>.parquet`` per table and ``manifest.json`` listing, per file, the
table, its rows and columns (name and DuckDB type), with when it was written, from which warehouse and with
which extractor version. The filters select events; mentions, sources, history and articles follow their
events; the daily and weekly marts are filtered by day/week and country; the other marts and the quarantine
are written whole (``"filtered": false`` in the manifest). Types are DuckDB's, except that 128-bit integers
(the marts' sums) are written as BIGINT.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipeline.config import EXTRACTOR_VERSION
from pipeline.export.selection import ExportFilter, has_history

# table name in the export -> (query, whether the filters apply). ``{events}`` is the selected event ids.
TABLES: dict[str, tuple[str, bool]] = {
    "events": ("select * from main.events where event_id in ({events}) order by event_id", True),
    "event_mentions": (
        "select * from main.event_mentions where event_id in ({events}) order by event_id, mention_id",
        True,
    ),
    "event_sources": ("select * from main.event_sources where event_id in ({events}) order by all", True),
    "articles": (
        "select * from main.articles where {all_events} or article_id in "
        "(select article_id from main.event_mentions where event_id in ({events})) order by article_id",
        True,
    ),
    "event_history": (
        "select * from main.event_history where {all_events} or event_id in ({events}) order by change_seq",
        True,
    ),
    "quarantine": ("select * from main.quarantine order by quarantined_at, quarantine_id", False),
    "events_daily": ("select * from marts.events_daily where {marts_day} order by all", True),
    "events_weekly": ("select * from marts.events_weekly where {marts_week} order by all", True),
    "actor_dyads": ("select * from marts.actor_dyads order by all", False),
    "source_coverage": ("select * from marts.source_coverage order by all", False),
}


def write(con: duckdb.DuckDBPyConnection, out: Path, filters: ExportFilter) -> Iterator[tuple[Path, int]]:
    """Write every table and the manifest into ``out``; yields (path, rows) for each file."""
    out.mkdir(parents=True, exist_ok=True)
    where, params = filters.where("e")
    con.execute(f"create or replace temp table _export_events as select event_id from main.events e "
                f"where {where}", params)  # fmt: skip
    unfiltered = where == "true"
    marts_day, marts_params = _mart_filter(filters, "day")
    marts_week, _ = _mart_filter(filters, "week")
    entries = []
    try:
        for table, (query, filtered) in TABLES.items():
            if table == "event_history" and not has_history(con):
                continue
            sql = query.format(
                events="select event_id from _export_events",
                all_events="true" if unfiltered else "false",
                marts_day=marts_day,
                marts_week=marts_week,
            )
            path = out / f"{table}.parquet"
            args = marts_params if table in ("events_daily", "events_weekly") else []
            con.execute(f"create or replace temp table _export_rows as {sql}", args)
            con.execute(f"create or replace temp table _export_rows as select {_parquet_columns(con)} "
                        f"from _export_rows")  # fmt: skip
            described = con.execute("describe _export_rows").fetchall()
            columns = [{"name": row[0], "type": row[1]} for row in described]
            count = con.execute("select count(*) from _export_rows").fetchone()[0]
            con.execute(f"copy _export_rows to '{_quoted(path)}' (format parquet)")
            entries.append({"table": table, "file": path.name, "rows": count, "columns": columns,
                            "filtered": filtered and not unfiltered})  # fmt: skip
            yield path, count
    finally:
        con.execute("drop table if exists _export_events")
        con.execute("drop table if exists _export_rows")
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "warehouse": _database_path(con),
        "extractor_version": EXTRACTOR_VERSION,
        "filters": {"since": _iso(filters.since), "until": _iso(filters.until), "country": filters.iso2},
        "tables": entries,
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    yield path, len(entries)


def _parquet_columns(con: duckdb.DuckDBPyConnection) -> str:
    """The columns of ``_export_rows``, 128-bit integers (DuckDB's sums) cast to BIGINT: Parquet has none,
    and would store them as DOUBLE."""
    names = []
    for name, kind, *_ in con.execute("describe _export_rows").fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        names.append(f"{quoted}::bigint as {quoted}" if kind in ("HUGEINT", "UHUGEINT") else quoted)
    return ", ".join(names)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _mart_filter(filters: ExportFilter, column: str) -> tuple[str, list]:
    clauses, params = ["true"], []
    if filters.since:
        # A week that began before ``since`` still holds days after it.
        start = filters.since
        if column == "week":
            start -= dt.timedelta(days=start.weekday())
        clauses.append(f"{column} >= ?")
        params.append(start)
    if filters.until:
        clauses.append(f"{column} <= ?")
        params.append(filters.until)
    if filters.country:
        clauses.append("country_code = ?")
        params.append(filters.iso2)
    return " and ".join(clauses), params


def _database_path(con: duckdb.DuckDBPyConnection) -> str:
    name = con.execute("select current_database()").fetchone()[0]
    row = con.execute("select path from duckdb_databases() where database_name = ?", [name]).fetchone()
    return row[0] if row and row[0] else name


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
