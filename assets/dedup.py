"""Dedup stage asset: one row per real-world event, recomputed from every current mention."""

import dagster as dg

from assets.partitions import WAREHOUSE_POOL
from assets.quality import check_spec, run_suite, table_metadata
from assets.resources import Warehouse
from pipeline.queries import query
from pipeline.stages import dedup_all


@dg.asset(
    group_name="dedup",
    pool=WAREHOUSE_POOL,
    kinds={"duckdb"},
    deps=["event_mentions"],
    check_specs=[check_spec("events", "events", "Unique ids, every event reported, counts consistent.")],
)
def events(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Deduplicated events with mention, article and outlet counts and reconciled fatalities."""
    with warehouse.connect() as con:
        frame = dedup_all(con, run_id=context.run.run_id)
        anchored = con.execute(query("dedup.anchored_events")).fetchone()[0]
        withheld = con.execute(query("dedup.withheld_events")).fetchone()[0]
    yield dg.MaterializeResult(
        metadata=table_metadata(
            frame,
            [
                "event_date",
                "event_type",
                "sub_event_type",
                "actor1",
                "actor2",
                "location",
                "fatalities",
                "num_sources",
            ],
            table="core.events",
            multi_source_events=int((frame["num_sources"] > 1).sum()) if frame.height else 0,
            anchored_events=anchored,  # whose reports tell where and when (the view anchored_events)
            withheld_events=withheld,  # more likely wrong than right (the view withheld_events)
        )  # fmt: skip
    )
    yield run_suite("events", "events", frame)
