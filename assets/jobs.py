"""Jobs: process one landing batch end to end; refresh the events and marts."""

import dagster as dg

# raw -> clean -> extract for one batch, then dedup and marts over everything current.
process_batch = dg.define_asset_job(
    name="process_batch",
    selection=dg.AssetSelection.all(),
    description="Load one landing batch (a partition) and bring events and marts up to date.",
)

refresh_events = dg.define_asset_job(
    name="refresh_events",
    selection=dg.AssetSelection.groups("dedup", "aggregates"),
    description="Recompute deduplicated events and the marts from the current mentions.",
)
