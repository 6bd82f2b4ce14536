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
from pipeline.queries import query

# Table in the export -> whether the filters apply (its statement is ``export.parquet_<table>``).
TABLES: dict[str, bool] = {
    "events": True, "event_mentions": True, "event_sources": True, "articles": True, "event_history": True,
    "quarantine": False, "events_daily": True, "events_weekly": True, "actor_dyads": False,
    "source_coverage": False,
}  # fmt: skip


def write(con: duckdb.DuckDBPyConnection, out: Path, filters: ExportFilter) -> Iterator[tuple[Path, int]]:
    """Write every table and the manifest into ``out``; yields (path, rows) for each file."""
    out.mkdir(parents=True, exist_ok=True)
    params = {**filters.params, "everything": filters.everything}
    entries = []
    for table, filtered in TABLES.items():
        if table == "event_history" and not has_history(con):
            continue
        sql = query(f"export.parquet_{table}")
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        relation = _parquet_types(con.sql(sql, params=used))
        path = out / f"{table}.parquet"
        relation.write_parquet(str(path))
        rows = relation.aggregate("count(*)").fetchone()[0]
        columns = [{"name": n, "type": str(t)} for n, t in zip(relation.columns, relation.types, strict=True)]
        entries.append({"table": table, "file": path.name, "rows": rows, "columns": columns,
                        "filtered": filtered and not filters.everything})  # fmt: skip
        yield path, rows
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


def _parquet_types(relation: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """128-bit integers (DuckDB's sums) cast to BIGINT: Parquet has none, and would store them as DOUBLE."""
    names = []
    for name, kind in zip(relation.columns, relation.types, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        names.append(f"{quoted}::bigint as {quoted}" if str(kind) in ("HUGEINT", "UHUGEINT") else quoted)
    return relation.project(", ".join(names))


def _database_path(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(query("export.database_path")).fetchone()
    return row[0] if row and row[0] else ""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
