"""The DuckDB warehouse: opening it and applying the schema, views and marts from ``warehouse/*.sql``."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.config import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "warehouse"


def sql_file(name: str) -> str:
    """The text of one of the warehouse's SQL files."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view that does not exist yet (idempotent)."""
    con.execute(sql_file("schema.sql"))
    con.execute(sql_file("views.sql"))


def refresh_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the aggregate tables from the current events."""
    con.execute(sql_file("marts.sql"))


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, creating its folder and schema when writing."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        ensure_schema(con)
        return con
    return duckdb.connect(str(path), read_only=True)
