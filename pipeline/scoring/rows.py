"""What every scorer needs to read a warehouse and compare its values with gold: rows as dicts, names and
dates normalised, figures rounded as printed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

# The key under which each scorer gives the 95% bootstrap intervals of its headline figures
# (``pipeline.intervals``).
INTERVALS = "intervals"


def normalize(text: Any) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit turned into a space."""
    text = str(text or "").lower().replace("'", "").replace("\u2019", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def query_rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def round3(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
