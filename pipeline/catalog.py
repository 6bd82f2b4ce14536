"""Descriptions of every table, view and column, from ``warehouse/catalog.yaml`` (their one source).

They become DuckDB ``COMMENT``s (applied after the schema, views and marts are created, so any SQL client sees
them in ``duckdb_columns()``) and the column descriptions of each Dagster asset's schema.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import duckdb
import yaml

from pipeline.config import PROJECT_ROOT
from pipeline.queries import query, quote_literal, quote_name

CATALOG_FILE = PROJECT_ROOT / "warehouse" / "catalog.yaml"


@dataclass(frozen=True)
class Catalog:
    glossary: dict[str, str]  # column name -> description, wherever the column appears
    tables: dict[str, dict]  # "schema.table" -> {"description": ..., "columns": {...}}

    def table(self, name: str) -> str | None:
        return (self.tables.get(_qualified(name)) or {}).get("description")

    def column(self, table: str, column: str) -> str | None:
        own = (self.tables.get(_qualified(table)) or {}).get("columns") or {}
        return own.get(column) or self.glossary.get(column)


def _qualified(name: str) -> str:
    return name if "." in name else f"main.{name}"


@functools.cache
def catalog() -> Catalog:
    """The descriptions, read and checked once per process."""
    data = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    glossary = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    tables = data.get("tables") or {}
    for name, entry in tables.items():
        if "." not in name or not (entry or {}).get("description"):
            raise ValueError(f"{CATALOG_FILE.name}: {name} needs a schema-qualified name and a description")
    return Catalog(glossary, tables)


def comment_statements(con: duckdb.DuckDBPyConnection, view_columns: bool = True) -> list[str]:
    """The COMMENT statements that would bring the warehouse's comments in line with the catalog.

    ``view_columns=False`` leaves the columns of views alone: DuckLake cannot comment them (the readers'
    snapshot of a lake, a DuckDB file, gets them: ``pipeline.warehouse.copy_database``)."""
    cat = catalog()
    objects = con.execute(query("catalog.objects")).fetchall()
    columns = con.execute(query("catalog.columns")).fetchall()
    kinds = {(s, t): k for s, t, k, _ in objects}
    statements = []
    for schema, table, kind, current in objects:
        wanted = cat.table(f"{schema}.{table}")
        if wanted and wanted != current:
            statements.append(
                f"comment on {kind} {quote_name(f'{schema}.{table}')} is {quote_literal(wanted)}"
            )
    for schema, table, column, current in columns:
        if (schema, table) not in kinds or (not view_columns and kinds[(schema, table)] == "view"):
            continue
        wanted = cat.column(f"{schema}.{table}", column)
        if wanted and wanted != current:
            name = f"{quote_name(f'{schema}.{table}')}.{quote_name(column)}"
            statements.append(f"comment on column {name} is {quote_literal(wanted)}")
    return statements


def apply_comments(con: duckdb.DuckDBPyConnection, view_columns: bool = True) -> None:
    """Comment every table, view and column the catalog describes (only those whose comment differs)."""
    statements = comment_statements(con, view_columns)
    if statements:
        con.execute(";\n".join(statements))
