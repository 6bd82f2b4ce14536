"""The warehouse as a lake: DuckLake, its catalog in Postgres and its data as Parquet files.

Selected by configuration: ``EVENTS_LAKE`` names the DuckLake catalog (``postgres:dbname=events
host=127.0.0.1 user=postgres``, i.e. what follows ``ducklake:`` in an ATTACH), ``EVENTS_LAKE_DATA`` where
the Parquet files go (a folder, or an object-store URL on a deployment; default: ``lake/`` beside the
warehouse file). Without ``EVENTS_LAKE`` the warehouse is the single DuckDB file, as before.

In lake mode a connection is an in-memory DuckDB with the lake attached as ``lake`` and made the default
catalog, so every statement of ``warehouse/`` runs unchanged: ``raw.article_log`` and ``main.events`` name
the lake's tables and views. Several processes may write at once (DuckLake commits through the catalog
and retries what does not conflict). The warehouse file's path still names the writer lock and the
readers' snapshot, which stays a plain DuckDB file in both modes (see ``pipeline.warehouse``).

DuckLake has no primary keys, unique or check constraints, indexes or sequences. ``schema.sql`` is applied
without them (``lake_schema``): the statements that relied on a key (upserts, ``on conflict``) are written
as ``merge`` or as a look-up before the insert, which both modes run the same way, and ``raw.article_log``
numbers its entries ``max(seq) + 1``, which is safe because the raw stage has one writer at a time (the
``duckdb_warehouse`` pool) in both modes.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.queries import quote_literal

CATALOG_NAME = "lake"


@dataclass(frozen=True)
class LakeSettings:
    catalog: str  # the DuckLake catalog, e.g. "postgres:dbname=events host=127.0.0.1 user=postgres"
    data_path: str  # where the Parquet files are written


def settings(warehouse: str | Path | None = None) -> LakeSettings | None:
    """The lake the environment selects, or None for the single DuckDB file."""
    catalog = os.environ.get("EVENTS_LAKE", "").strip()
    if not catalog:
        return None
    data = os.environ.get("EVENTS_LAKE_DATA", "").strip()
    if not data:
        from pipeline.config import warehouse_path

        data = str(Path(warehouse or warehouse_path()).parent / "lake")
    return LakeSettings(catalog, data)


def extension_path(module_name: str, extension: str) -> Path:
    """The extension binary a PyPI package ships for the installed DuckDB (nothing is downloaded)."""
    module = __import__(module_name)
    folder = Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = folder / f"{extension}.duckdb_extension"
    if not path.exists():
        raise RuntimeError(
            f"{module_name} has no {extension} extension for DuckDB {duckdb.__version__}: pin both to the "
            "same version (pyproject.toml)"
        )
    return path


# The catalog lives in Postgres (postgres_scanner), the tables are DuckLake's.
EXTENSIONS = [
    ("duckdb_extension_postgres_scanner", "postgres_scanner"),
    ("duckdb_extension_ducklake", "ducklake"),
]


def open_lake(lake: LakeSettings, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose default catalog is the lake."""
    # No replacement scans: a missing table must be an error, not a Python variable of the same name.
    con = duckdb.connect(
        ":memory:", config={"autoinstall_known_extensions": False, "python_enable_replacements": False}
    )
    for module_name, extension in EXTENSIONS:
        con.execute(f"load {quote_literal(str(extension_path(module_name, extension)))}")
    data = lake.data_path
    if "://" not in data:
        Path(data).mkdir(parents=True, exist_ok=True)
        data = data.rstrip("/") + "/"
    options = f"data_path {quote_literal(data)}" + (", read_only" if read_only else "")
    attach = f"attach {quote_literal('ducklake:' + lake.catalog)} as {CATALOG_NAME} ({options})"
    # The first processes to open a new lake all create its catalog tables; the losers find them next time
    # (Postgres tells a loser either of a duplicate key or that a catalog table already exists).
    retry_on_conflict(lambda: con.execute(attach), also=("already exists",))
    con.execute(f"use {CATALOG_NAME}")
    return con


# What DuckLake does not have, removed from schema.sql's DDL (see the module docstring).
_UNSUPPORTED = [
    (re.compile(r"create sequence[^;]*;", re.I), ""),
    (re.compile(r",\s*primary key\s*\([^)]*\)", re.I), ""),  # a table's key
    (re.compile(r"\s+primary key\b", re.I), ""),  # a column's key
    (re.compile(r"\s+check\s*\([^)]*\)", re.I), ""),
]


def lake_schema(sql: str) -> str:
    """``schema.sql`` as DuckLake takes it: the same tables and columns, without keys and checks."""
    for pattern, replacement in _UNSUPPORTED:
        sql = pattern.sub(replacement, sql)
    return sql


SCHEMA_MARK_TABLE = "core.ddl_digest"  # created by schema.sql, in the lake and in a DuckDB file alike


def schema_is_current(con: duckdb.DuckDBPyConnection, digest: str) -> bool:
    """Whether the warehouse's DDL was applied from these files already. Checked before writing any DDL: on a
    lake DDL is a commit that conflicts with the same DDL of another process (``create or replace view`` in
    every step of every worker would), and in a DuckDB file re-creating the views drops their comments, which
    then have to be written again at every opening."""
    try:
        row = con.execute(f"select digest from {SCHEMA_MARK_TABLE}").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == digest


def mark_schema(con: duckdb.DuckDBPyConnection, digest: str) -> None:
    con.execute(f"delete from {SCHEMA_MARK_TABLE}")
    con.execute(f"insert into {SCHEMA_MARK_TABLE} values (?)", [digest])


def digest(*texts: str) -> str:
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]


CONFLICT_WORDS = ("conflict", "concurrent", "duplicate key")


def is_conflict(err: Exception, also: tuple[str, ...] = ()) -> bool:
    """A commit DuckLake refused because another process changed the same thing first: worth retrying."""
    text = str(err).lower()
    return any(word in text for word in CONFLICT_WORDS + also)


def retry_on_conflict(action, attempts: int = 20, also: tuple[str, ...] = ()):
    """Run ``action`` again while another writer wins the race for the same rows (a short statement only:
    the rows are re-read on every attempt). ``also``: more error words that mean a lost race here."""
    delay = 0.05
    for attempt in range(attempts):
        try:
            return action()
        except (duckdb.TransactionException, duckdb.Error) as err:
            if attempt == attempts - 1 or not is_conflict(err, also):
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
