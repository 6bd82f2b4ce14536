"""Past one machine, end to end: Dagster on Postgres, runs executed by two Celery workers (separate
processes, taking work from RabbitMQ), the warehouse a DuckLake lake in Postgres. The warehouse that comes out
is the one a single process writes into a DuckDB file (the session's demo load), read the way the scorers read
it: a plain DuckDB file, the snapshot."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from kit import write_jsonl

from assets import distributed
from assets.recovery import PID_TAG
from assets.runner import open_instance, run_landing, summary_text
from pipeline.config import DEPLOY_DIR, PROJECT_ROOT, SAMPLES_DIR
from pipeline.warehouse import snapshot_path
from tests.services import RABBITMQ_URL, dagster_pg_url, lake_catalog, postgres_database, rabbitmq_queue

pytestmark = pytest.mark.slow

# The contract analysts and the scorers read, the same in both modes.
CONTRACT = ["articles", "event_mentions", "events", "quarantine", "event_sources", "marts.events_daily",
            "marts.events_weekly", "marts.actor_dyads", "marts.source_coverage"]  # fmt: skip


def contract_rows(path: Path) -> dict[str, list]:
    """Every row of the contract, without load timestamps and run ids (they differ between runs by design)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        state = {}
        for name in CONTRACT:
            cols = [c for (c, *_) in con.execute(f"describe {name}").fetchall()
                    if (not c.endswith("_at") or c.startswith("published_") or c == "first_reported_at")
                    and c != "run_id"]  # fmt: skip
            state[name] = con.execute(f"select {', '.join(cols)} from {name} order by all").fetchall()
        return state
    finally:
        con.close()


def drop_corrections(landing: Path) -> None:
    """A later batch: one sample article corrected by its outlet (a new toll), another retracted."""
    records = [
        {"id": "ledger-7781", "outlet": "Levant Ledger", "published_at": "2024-03-12",
         "title": "16 dead, 30 wounded as bomb rips through Baquba market",
         "text": "BAQUBAH, Iraq - Sixteen people were killed and 30 wounded when a bomb exploded in a "
                 "crowded market in Baqubah on Tuesday, police said."},
        {"id": "andes-1187", "outlet": "Andes Report", "retract": True},
    ]  # fmt: skip
    write_jsonl(landing / "corrections.jsonl", records)


def start_worker(name: str, queue: str, env: dict, log: Path) -> subprocess.Popen:
    celery = Path(sys.executable).parent / "celery"
    cmd = [str(celery), "-A", "assets.workers", "worker", "--pool", "solo", "-Q", queue, "-n", f"{name}@%h",
           "--without-gossip", "--without-mingle", "--loglevel", "INFO"]  # fmt: skip
    return subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def wait_ready(logs: list[Path], timeout: float = 180.0) -> None:
    """Until every worker says it is ready (so that both are there when the runs are launched)."""
    deadline = time.monotonic() + timeout
    while not all(" ready." in log.read_text() for log in logs):
        if time.monotonic() > deadline:
            pytest.fail("workers not ready:\n" + "\n".join(log.read_text()[-2000:] for log in logs))
        time.sleep(0.5)


def test_two_celery_workers_fill_and_correct_the_lake_as_one_process_does_the_file(
    demo_load, tmp_path, monkeypatch
):
    with (
        postgres_database("dagster_test") as dagster_db,
        postgres_database("lake_test") as lake_db,
        rabbitmq_queue() as queue,
    ):
        home = tmp_path / "dagster_home"
        home.mkdir()
        config = yaml.safe_load((DEPLOY_DIR / "dagster-celery.yaml").read_text())
        config["run_launcher"]["config"]["default_queue"] = queue
        (home / "dagster.yaml").write_text(yaml.safe_dump(config))
        env = {
            "DAGSTER_HOME": str(home),
            "DAGSTER_PG_URL": dagster_pg_url(dagster_db),
            "PIPELINE_CELERY_BROKER": RABBITMQ_URL,
            "EVENTS_LAKE": lake_catalog(lake_db),
            "EVENTS_LAKE_DATA": str(tmp_path / "lake"),
        }
        landing, warehouse = tmp_path / "landing", tmp_path / "warehouse" / "events.duckdb"
        shutil.copytree(SAMPLES_DIR, landing)
        logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
        workers = [
            start_worker(f"{queue}-{n}", queue, {**os.environ, **env}, log) for n, log in enumerate(logs, 1)
        ]
        # The launching side runs here, as `python -m pipeline run` would (it calls run_landing), with the
        # same environment as the workers; a run no worker finishes fails the test instead of hanging it.
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(distributed, "RUN_TIMEOUT_SECONDS", 420.0)
        try:
            # Entered, so that the definitions run_landing builds see this instance (Dagster's current one).
            with open_instance() as instance:
                wait_ready(logs)
                first = run_landing(landing, warehouse, instance=instance)
                after_samples = contract_rows(snapshot_path(warehouse))
                # Event sourcing on the workers: a corrected version of one article, a retraction of another.
                drop_corrections(landing)
                second = run_landing(landing, warehouse, instance=instance)
                runs = instance.get_runs(filters=dg.RunsFilter(job_name="process_batch"))
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)  # warm shutdown: nothing is running by now
            for worker in workers:
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
        worker_logs = "\n".join(log.read_text()[-3000:] for log in logs)
        for report in (first, second):
            assert report.success and not report.checks_failed, summary_text(report) + worker_logs
        assert first.counts == demo_load.report.counts
        assert second.batches == ["corrections.jsonl"]

        # Each batch's run was executed by a worker (which tags the run with its process), and both took some.
        assert len(runs) == 6 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        assert {r.tags[PID_TAG] for r in runs} == {str(w.pid) for w in workers}, worker_logs

        # The lake's snapshot is a plain DuckDB file, as the scorers open it, and it holds what one process
        # wrote into the single file.
        assert after_samples == contract_rows(snapshot_path(demo_load.warehouse))
        assert len(after_samples["events"]) == demo_load.report.counts["events"] > 0
        # The Parquet files are where the lake keeps the data.
        assert any((tmp_path / "lake").rglob("*.parquet"))

        # The same corrections loaded by one process into a copy of the single file give the same projections.
        for name in env:
            monkeypatch.delenv(name)
        base_landing, base = tmp_path / "one" / "landing", tmp_path / "one" / "events.duckdb"
        shutil.copytree(demo_load.landing, base_landing)
        shutil.copyfile(demo_load.warehouse, base)
        drop_corrections(base_landing)
        with dg.instance_for_test() as inst:
            assert run_landing(base_landing, base, instance=inst, only=["corrections.jsonl"]).success
        after_corrections = contract_rows(snapshot_path(warehouse))
        assert after_corrections == contract_rows(snapshot_path(base))
        assert after_corrections != after_samples
        retracted = [a for a in after_corrections["articles"] if "andes-1187" in repr(a)]
        assert retracted == []
