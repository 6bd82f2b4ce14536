"""kill -9 of a real ``python -m pipeline run``: the next run frees what the dead run held and completes;
a run waiting for a live one says for whom and stops on SIGTERM."""

from __future__ import annotations

import shutil
import signal

import dagster as dg
import pytest
from faultkit import REPORTS, cli, kill_hard, new_home, spawn, state, wait_until, write_jsonl

from assets.runner import run_landing

pytestmark = pytest.mark.slow


def test_run_killed_mid_extraction_is_freed_and_the_next_run_completes(tmp_path, instance):
    home = new_home(tmp_path)
    landing = tmp_path / "landing"
    landing.mkdir()
    write_jsonl(landing / "wire.jsonl", REPORTS)
    warehouse = tmp_path / "wh" / "events.duckdb"
    args = ["run", "--landing", str(landing), "--warehouse", str(warehouse)]

    # A run stopped inside its extract step, the pool slot and the extract transaction held.
    marker = tmp_path / "paused"
    victim = spawn(home, args, tmp_path / "victim.log", pause_in="after_chunk_written", marker=marker)
    wait_until(marker.exists, victim, tmp_path / "victim.log")

    # A second run waits for it, says for whom, and stops on SIGTERM instead of spinning forever.
    waiter_log = tmp_path / "waiter.log"
    waiter = spawn(home, args, waiter_log)
    wait_until(lambda: "waiting for" in waiter_log.read_text(), waiter, waiter_log)
    assert f"pid {victim.pid}" in waiter_log.read_text()
    waiter.send_signal(signal.SIGTERM)
    assert waiter.wait(timeout=60) == 130, waiter_log.read_text()[-2000:]

    kill_hard(victim)  # the OOM killer: no handler, no cleanup, the slot stays claimed

    after = cli(home, *args, timeout=900)
    assert after.returncode == 0, after.stderr[-3000:]
    assert "run: succeeded" in after.stdout
    assert "freed the 'duckdb_warehouse' pool from run" in after.stderr
    with dg.DagsterInstance.from_config(str(home)) as dagster:
        info = dagster.event_log_storage.get_concurrency_info("duckdb_warehouse")
        assert not info.claimed_slots and not info.pending_steps
        statuses = sorted(r.status.value for r in dagster.get_runs())
    assert statuses == ["FAILURE", "SUCCESS"]  # the dead run is marked failed; the waiter never started one

    clean_landing = tmp_path / "clean"
    shutil.copytree(landing, clean_landing)
    clean = tmp_path / "clean.duckdb"
    assert run_landing(clean_landing, clean, instance=instance).success
    assert state(warehouse) == state(clean)
