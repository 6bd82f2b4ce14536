"""The DuckDB warehouse: opening it and applying the schema, views and marts from ``warehouse/*.sql``."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipeline.config import PROJECT_ROOT
from pipeline.queries import query, quote_identifier, quote_literal

SQL_DIR = PROJECT_ROOT / "warehouse"


def sql_file(name: str) -> str:
    """The text of one of the warehouse's SQL files."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view that does not exist yet, with its descriptions (idempotent)."""
    from pipeline.catalog import apply_comments

    con.execute(sql_file("schema.sql"))
    con.execute(sql_file("views.sql"))
    apply_comments(con)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: commit when the block ends, roll back when it raises (readers never see half)."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def frame_schema(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, pl.DataType]:
    """The Polars schema of a table's rows, read from the table itself: ``schema.sql`` is the one place a
    table's columns are written, and frames built to be written into it take their columns from there."""
    return dict(con.execute(query("tables.empty", table=table)).pl().schema)


def refresh_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the aggregate tables from the current events (and describe them again: they are new tables)."""
    from pipeline.catalog import apply_comments

    con.execute(sql_file("marts.sql"))
    apply_comments(con)


# DuckDB has one writer per file. Another process holding it (a run started elsewhere) is waited for.
LOCK_WAIT_SECONDS = 120.0


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, creating its folder and schema when writing; waits while another process writes."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    if not read_only:
        ensure_schema(con)
    return con


def snapshot_path(path: str | Path) -> Path:
    """Where the last complete state of a warehouse is published for readers."""
    path = Path(path)
    return path.with_name(path.stem + ".snapshot" + path.suffix)


def publish_snapshot(con: duckdb.DuckDBPyConnection, path: str | Path) -> Path:
    """Copy the whole warehouse to a new file, then swap it in atomically for readers."""
    target = snapshot_path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    # The database is named after the file (a warehouse called case.duckdb is database "case", a keyword),
    # and ATTACH takes no bound parameter: both are quoted.
    db = con.execute("select current_database()").fetchone()[0]
    con.execute(f"attach {quote_literal(str(tmp))} as _snapshot")
    try:
        con.execute(f"copy from database {quote_identifier(db)} to _snapshot")
    finally:
        con.execute("detach _snapshot")
    os.replace(tmp, target)
    return target


@contextmanager
def open_for_reading(path: str | Path):
    """A read-only connection: the warehouse itself, or its last snapshot while a run holds the write lock."""
    path = Path(path)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException:
        snap = snapshot_path(path)
        if not snap.exists():
            raise
        con = duckdb.connect(str(snap), read_only=True)
    try:
        yield con
    finally:
        con.close()
