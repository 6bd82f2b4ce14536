"""Landing batches are dynamic partitions: a sensor (or the schedule, or the CLI) adds one per new batch."""

import dagster as dg

landing_batches = dg.DynamicPartitionsDefinition(name="landing_batches")

# Every asset that writes the warehouse runs in this pool; its limit of 1 serializes DuckDB's single writer.
WAREHOUSE_POOL = "duckdb_warehouse"
