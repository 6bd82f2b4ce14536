"""Jobs: process one landing batch end to end; refresh the events and marts."""

import dagster as dg

# raw -> clean -> extract for one batch, then dedup and marts over everything current. Exports are made on
# request (materialize the ``exports`` asset, or ``python -m pipeline export``), not on every batch.
process_batch = dg.define_asset_job(
    name="process_batch",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("exports"),
    description="Load one landing batch (a partition) and bring events and marts up to date.",
)

refresh_events = dg.define_asset_job(
    name="refresh_events",
    selection=dg.AssetSelection.groups("dedup", "aggregates"),
    description="Recompute deduplicated events and the marts from the current mentions.",
)
