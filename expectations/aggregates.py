"""Suite for the aggregates: every mart must add up to the events it was built from.

The frame is built by :func:`reconciliation_frame`: one row per mart with its totals next to the
totals of ``core.events``. Daily and weekly marts leave out events without a date, so they are
compared with the dated events only; actor dyads count every event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

# DuckDB sums integers into HUGEINT, which pandas cannot hold: every total is cast to BIGINT.
RECONCILIATION_SQL = """
with dated as (
    select count(*)::bigint as events, coalesce(sum(fatalities), 0)::bigint as fatalities
    from core.events where event_date is not null
), every as (
    select count(*)::bigint as events, coalesce(sum(fatalities), 0)::bigint as fatalities
    from core.events
)
select 'marts.events_daily' as mart,
       (select coalesce(sum(events), 0)::bigint from marts.events_daily)      as events_in_mart,
       dated.events                                                           as events_in_core,
       (select coalesce(sum(fatalities), 0)::bigint from marts.events_daily)  as fatalities_in_mart,
       dated.fatalities                                                       as fatalities_in_core
from dated
union all
select 'marts.events_weekly',
       (select coalesce(sum(events), 0)::bigint from marts.events_weekly),
       dated.events,
       (select coalesce(sum(fatalities), 0)::bigint from marts.events_weekly),
       dated.fatalities
from dated
union all
select 'marts.actor_dyads',
       (select coalesce(sum(events), 0)::bigint from marts.actor_dyads),
       every.events,
       (select coalesce(sum(fatalities), 0)::bigint from marts.actor_dyads),
       every.fatalities
from every
"""


def reconciliation_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Totals of each mart next to the totals of ``core.events`` it should equal, one row per mart."""
    return con.sql(RECONCILIATION_SQL).pl()
