"""The Dagster code location: assets by stage, checks, jobs, the landing sensor and schedule, resources."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets import aggregates, clean, dedup, exports, extract, raw
from assets.jobs import process_batch, refresh_events
from assets.rebuild import rebuild
from assets.resources import make_resources
from assets.sensors import landing_schedule, landing_sensor, warehouse_pool_monitor
from assets.terminal import terminal_logger


def make_definitions(
    landing: str | Path | None = None, warehouse: str | Path | None = None
) -> dg.Definitions:
    """Definitions over a landing folder and warehouse (defaults: EVENTS_LANDING_DIR, EVENTS_WAREHOUSE)."""
    return dg.Definitions(
        assets=dg.load_assets_from_modules([raw, clean, extract, dedup, aggregates, exports]),
        jobs=[process_batch, refresh_events, rebuild],
        sensors=[landing_sensor, warehouse_pool_monitor],
        schedules=[landing_schedule],
        resources=make_resources(landing, warehouse),
        # Runs use Dagster's console logger unless their config picks another: the CLI picks "terminal".
        loggers={"console": dg.colored_console_logger, "terminal": terminal_logger},
        # One process per run: spaCy and Great Expectations load once, and DuckDB has one writer anyway.
        executor=dg.in_process_executor,
    )


defs = make_definitions()
