"""Aggregates asset: the analyst marts (per day, per week, actor dyads, source coverage)."""

import dagster as dg

from assets.partitions import WAREHOUSE_POOL
from assets.quality import check_spec, preview, run_suite, schema_of
from assets.resources import Warehouse
from pipeline.queries import query
from pipeline.report.data import read_report_data
from pipeline.report.summary import summary_markdown, totals
from pipeline.stages import build_marts
from pipeline.warehouse import publish_snapshot


@dg.asset(
    group_name="aggregates",
    pool=WAREHOUSE_POOL,
    kinds={"duckdb"},
    deps=["events"],
    check_specs=[
        check_spec("event_aggregates", "aggregates", "Marts add up to the events table.", blocking=False)
    ],
)
def event_aggregates(warehouse: Warehouse):
    """Marts: events and fatalities per day and week by place and type, actor dyads, source coverage."""
    from expectations.aggregates import reconciliation_frame

    with warehouse.connect() as con:
        counts = build_marts(con)
        reconciliation = reconciliation_frame(con)
        weekly = con.execute(query("aggregates.latest_weeks")).pl()
        report = read_report_data(con)
        # The last step of every run: readers get this complete state while the next run writes.
        warehouse.mark_complete(con)
        snapshot = publish_snapshot(con, warehouse.database)

    yield dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(counts.values()),
            **{f"rows_{name}": n for name, n in counts.items()},
            # Plain numbers: the UI plots them across materializations (the asset's Plots tab).
            **totals(report),
            "summary": dg.MetadataValue.md(summary_markdown(report)),
            "preview": preview(weekly, weekly.columns),
            "dagster/column_schema": schema_of(weekly, "marts.events_weekly"),
            "snapshot": dg.MetadataValue.path(str(snapshot)),
        }
    )
    yield run_suite("event_aggregates", "aggregates", reconciliation)
