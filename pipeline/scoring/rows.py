"""What every scorer needs to read a warehouse and compare its values with gold: rows as dicts
(``pipeline.queries.query_rows``), names and dates normalised, figures rounded as printed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.queries import query_rows

__all__ = ["INTERVALS", "as_date", "normalize", "query_rows", "round3"]

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


def round3(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
