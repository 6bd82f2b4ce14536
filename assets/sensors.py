"""Incremental loads: a sensor and a schedule that turn new landing batches into partitioned runs."""

from __future__ import annotations

import json
import os

import dagster as dg

from assets.jobs import process_batch
from assets.partitions import landing_batches
from assets.recovery import create_pool_limit, reap_dead_runs
from assets.resources import LandingFolder
from pipeline.landing import batch_signature, list_batches


def pending_batches(landing: LandingFolder, seen: dict[str, str]) -> dict[str, str]:
    """Batches that are new or whose files changed since ``seen`` (batch id -> signature)."""
    current = {b: batch_signature(landing.root, b)[0] for b in list_batches(landing.root)}
    return {b: sig for b, sig in current.items() if seen.get(b) != sig}


@dg.sensor(
    job=process_batch,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Watches the landing folder; requests one run per new or changed batch (file or folder).",
)
def landing_sensor(context: dg.SensorEvaluationContext, landing: LandingFolder):
    seen = json.loads(context.cursor) if context.cursor else {}
    new = pending_batches(landing, seen)
    if not new:
        return dg.SkipReason(f"no new batches in {landing.root}")
    context.update_cursor(json.dumps({**seen, **new}, sort_keys=True))
    create_pool_limit(context.instance)  # before the runs it requests start side by side
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=b, run_key=f"{b}:{sig}") for b, sig in sorted(new.items())],
        dynamic_partitions_requests=[landing_batches.build_add_request(sorted(new))],
    )


@dg.sensor(
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Frees the duckdb_warehouse pool from runs whose process is gone (killed, out of memory) and "
    "marks them failed, so that later runs do not wait for them forever.",
)
def warehouse_pool_monitor(context: dg.SensorEvaluationContext):
    reaped = reap_dead_runs(context.instance)
    if reaped:
        context.log.warning(f"marked failed and freed the pool from dead runs: {', '.join(reaped)}")
    return dg.SkipReason(f"freed {len(reaped)} dead runs" if reaped else "no dead run holds the pool")


SCHEDULE_CRON = os.environ.get("EVENTS_SCHEDULE_CRON", "0 * * * *")


@dg.schedule(
    job=process_batch,
    cron_schedule=SCHEDULE_CRON,
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Hourly by default (EVENTS_SCHEDULE_CRON): loads every new or changed landing batch.",
)
def landing_schedule(context: dg.ScheduleEvaluationContext, landing: LandingFolder):
    # run_key = batch and signature: Dagster skips a request whose key this schedule has already used.
    new = pending_batches(landing, {})
    known = set(context.instance.get_dynamic_partitions(landing_batches.name))
    missing = sorted(set(new) - known)
    if missing:
        context.instance.add_dynamic_partitions(landing_batches.name, missing)
    if not new:
        return dg.SkipReason(f"no batches in {landing.root}")
    create_pool_limit(context.instance)  # before the runs it requests start side by side
    return [dg.RunRequest(partition_key=b, run_key=f"{b}:{sig}") for b, sig in sorted(new.items())]
