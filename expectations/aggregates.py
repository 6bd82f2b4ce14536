"""Suite for the aggregates: every mart must add up to the events it was built from.

The frame is built by :func:`reconciliation_frame`: one row per mart with its totals next to the
totals of ``core.events``. Daily and weekly marts leave out events without a date, so they are
compared with the dated events only; actor dyads count every event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.queries import query

if TYPE_CHECKING:
    import duckdb
    import polars as pl

FRAME = "reconciliation of marts against core.events"
KEY = ("mart",)

EXPECTATIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "events_in_mart", "column_B": "events_in_core"},
        "a mart that counts more or fewer events than core.events is stale or groups rows away",
    ),
    (
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "fatalities_in_mart", "column_B": "fatalities_in_core"},
        "fatality totals must survive aggregation; a gap means double counting or lost rows",
    ),
]


def reconciliation_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Totals of each mart next to the totals of ``core.events`` it should equal, one row per mart
    (the query is ``aggregates.reconciliation`` in ``warehouse/queries/aggregates.sql``)."""
    return con.sql(query("aggregates.reconciliation")).pl()
