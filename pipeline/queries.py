"""The warehouse's named statements, from ``warehouse/queries/*.sql``: ``query("raw.version_by_hash")``.

Each file holds the statements of one stage, each after a ``-- name: ...`` line, so that SQL is reviewed as
SQL and a statement is found by its name. The files are read and checked once per process: a statement
outside a name, a name used twice or a name with no statement is an error naming the file and line.

Values are always bound parameters (``?``). A ``{table}`` placeholder is the only thing filled in here, for
the statements that run the same way on several tables; only a plain or schema-qualified name is accepted,
and it goes in quoted, so a name that is also an SQL keyword still names the table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import PROJECT_ROOT

if TYPE_CHECKING:
    import duckdb

QUERIES_DIR = PROJECT_ROOT / "warehouse" / "queries"

_NAME_LINE = re.compile(r"^--\s*name:\s*(\S+)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


class QueryFileError(ValueError):
    """A malformed queries file: the message names the file and line."""


def parse_queries(text: str, source: str) -> dict[str, str]:
    """The named statements of one file's text (``source`` names it in errors)."""
    statements: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        found = _NAME_LINE.match(line.strip())
        if found:
            current = found[1]
            if not _NAME.match(current):
                raise QueryFileError(f"{source}:{number}: bad statement name {current!r} (a-z, 0-9, _)")
            if current in statements:
                raise QueryFileError(
                    f"{source}:{number}: statement {current!r} already named on line {starts[current]}"
                )
            statements[current], starts[current] = [], number
        elif current is not None:
            statements[current].append(line)
        elif line.strip() and not line.strip().startswith("--"):
            raise QueryFileError(f"{source}:{number}: SQL before the first '-- name:' line")
    queries = {}
    for name, lines in statements.items():
        sql = "\n".join(lines).strip().rstrip(";").strip()
        if not any(line.strip() and not line.strip().startswith("--") for line in lines):
            raise QueryFileError(f"{source}:{starts[name]}: statement {name!r} has no SQL")
        queries[name] = sql
    return queries


@cache
def all_queries(folder: Path = QUERIES_DIR) -> dict[str, str]:
    """Every statement of every file in the folder, as ``"<file stem>.<name>" -> SQL``. Read once."""
    queries = {}
    for path in sorted(folder.glob("*.sql")):
        for name, sql in parse_queries(path.read_text(encoding="utf-8"), str(path)).items():
            queries[f"{path.stem}.{name}"] = sql
    return queries


def query(name: str, **tables: str) -> str:
    """The SQL of a named statement, with its ``{table}`` placeholders (and only those) filled in."""
    try:
        sql = all_queries()[name]
    except KeyError:
        raise KeyError(f"no statement {name!r} in {QUERIES_DIR}") from None
    wanted = set(_PLACEHOLDER.findall(sql))
    if wanted != set(tables):
        raise ValueError(f"{name} takes {sorted(wanted) or 'no names'}, got {sorted(tables) or 'none'}")
    for key, value in tables.items():
        if not _IDENTIFIER.match(value):
            raise ValueError(f"{name}: {key}={value!r} is not a table name")
    return _PLACEHOLDER.sub(lambda m: quote_name(tables[m[1]]), sql) if tables else sql


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """The rows of a statement as dicts, column name -> value."""
    cursor = con.execute(sql, params) if params is not None else con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def quote_identifier(name: str) -> str:
    """One identifier, quoted: ``case`` -> ``"case"`` (a keyword), ``my-events`` -> ``"my-events"``."""
    return '"' + name.replace('"', '""') + '"'


def quote_name(name: str) -> str:
    """A plain or schema-qualified table name, each part quoted: ``core.events`` -> ``"core"."events"``."""
    return ".".join(quote_identifier(part) for part in name.split("."))


def quote_literal(text: str) -> str:
    """A string literal, for the few statements DuckDB takes no bound parameter in (``attach``)."""
    return "'" + text.replace("'", "''") + "'"
