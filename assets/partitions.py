"""Landing batches are dynamic partitions: a sensor (or the schedule, or the CLI) adds one per new batch."""

import dagster as dg

from pipeline import lake

landing_batches = dg.DynamicPartitionsDefinition(name="landing_batches")

# Every asset that writes the warehouse runs in this pool; its limit of 1 serializes DuckDB's single writer.
WAREHOUSE_POOL = "duckdb_warehouse"

# The per-batch stages that need no other writer to wait: clean and extract replace only their batch's rows.
# A DuckLake lake (EVENTS_LAKE, pipeline/lake.py) takes several writers at once, so there they leave the pool
# and the batches of several runs are cleaned and extracted side by side; the raw stage (it numbers the
# article log), dedup and the marts (they recompute everything) stay in it. A DuckDB file has one writer.
BATCH_POOL = WAREHOUSE_POOL if lake.settings() is None else None
