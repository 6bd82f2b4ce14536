"""Dagster on Postgres: DAGSTER_PG_URL selects deploy/dagster-postgres.yaml for a new DAGSTER_HOME, whose
runs, event log, schedules and pool slots then live in Postgres. Talks to this machine's Postgres."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets.definitions import make_definitions
from assets.partitions import WAREHOUSE_POOL, landing_batches
from assets.runner import open_instance, resolve_job
from pipeline.config import DEPLOY_DIR
from tests.services import POSTGRES, postgres_database


def test_dagster_pg_url_puts_runs_events_and_schedules_in_postgres(tmp_path: Path, monkeypatch):
    import psycopg2

    with postgres_database("dagster_test") as database:
        home = tmp_path / "dagster_home"
        monkeypatch.setenv("DAGSTER_HOME", str(home))
        # A plain postgresql:// URL, as operators write it (psycopg2 is the driver we install).
        monkeypatch.setenv("DAGSTER_PG_URL", f"postgresql://postgres@{POSTGRES[0]}:{POSTGRES[1]}/{database}")
        # Entered, so that definitions built in the block see this instance (Dagster's current one).
        with open_instance() as instance:
            assert (home / "dagster.yaml").read_text() == (DEPLOY_DIR / "dagster-postgres.yaml").read_text()
            storages = {type(s).__name__ for s in (
                instance.run_storage, instance.event_log_storage, instance.schedule_storage
            )}  # fmt: skip
            assert storages == {"PostgresRunStorage", "PostgresEventLogStorage", "PostgresScheduleStorage"}

            # A real run of a job of the pipeline (dedup and marts over an empty warehouse) is recorded there.
            job = resolve_job(
                make_definitions(tmp_path / "landing", tmp_path / "events.duckdb"), "refresh_events", instance
            )
            result = job.execute_in_process(instance=instance)
            assert result.success
            instance.add_dynamic_partitions(landing_batches.name, ["batch-a"])

        con = psycopg2.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname=database)
        try:
            with con.cursor() as cur:
                cur.execute("select status from runs where run_id = %s", [result.run_id])
                assert cur.fetchone() == ("SUCCESS",)
                cur.execute("select count(*) from event_logs where run_id = %s", [result.run_id])
                assert cur.fetchone()[0] > 0
                cur.execute("select partition from dynamic_partitions where partitions_def_name = %s",
                            [landing_batches.name])  # fmt: skip
                assert cur.fetchall() == [("batch-a",)]
                # The pool that serializes writers has its one slot in the shared storage: every worker and
                # machine waits for the same slot.
                cur.execute(
                    "select count(*) from concurrency_slots where concurrency_key = %s", [WAREHOUSE_POOL]
                )
                assert cur.fetchone()[0] == 1
        finally:
            con.close()

        # Another process (here: another instance) sees the same runs.
        other = dg.DagsterInstance.from_config(str(home))
        try:
            assert other.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.SUCCESS
        finally:
            other.dispose()


def test_the_pool_has_its_limit_before_any_run_starts(tmp_path: Path, monkeypatch):
    """Two runs starting at once on two workers each created the pool's limit on first use; on Postgres the
    loser's insert fails and Dagster's update after it runs in the aborted transaction, failing the run. The
    launching side (``open_instance``, the sensor, the schedule) creates it first, and again is a no-op."""
    from assets.recovery import create_pool_limit

    with postgres_database("dagster_test") as database:
        monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
        monkeypatch.setenv("DAGSTER_PG_URL", f"postgresql://postgres@{POSTGRES[0]}:{POSTGRES[1]}/{database}")
        with open_instance() as instance:
            limits = {p.name: p.limit for p in instance.event_log_storage.get_pool_limits()}
            assert limits[WAREHOUSE_POOL] == 1
            create_pool_limit(instance)  # the row is there: nothing to do, nothing fails
            # What a worker's run does when its step claims the pool: it finds the limit and creates nothing.
            with open_instance() as worker:
                assert worker.event_log_storage.get_concurrency_info(WAREHOUSE_POOL).slot_count == 1
