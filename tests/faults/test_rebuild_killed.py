"""kill -9 of a real ``python -m pipeline rebuild``: the previous warehouse and its snapshot are intact."""

from __future__ import annotations

import dagster as dg
import pytest
from faultkit import REPORTS, kill_hard, new_home, spawn, state, wait_until, write_jsonl

from assets.runner import run_landing, run_rebuild
from pipeline.warehouse import rebuild_path, snapshot_path

pytestmark = pytest.mark.slow


def test_killed_rebuild_leaves_the_previous_state_and_the_next_run_reports_it_truly(tmp_path):
    home = new_home(tmp_path)
    landing = tmp_path / "landing"
    landing.mkdir()
    write_jsonl(landing / "monday.jsonl", REPORTS[:2])
    write_jsonl(landing / "tuesday.jsonl", REPORTS[2:])
    warehouse = tmp_path / "events.duckdb"
    with dg.DagsterInstance.from_config(str(home)) as dagster:
        assert run_landing(landing, warehouse, instance=dagster).success
    before, snapshot_before = state(warehouse), state(snapshot_path(warehouse))
    assert before["events"]

    # Every batch replayed (into the new file), the rebuild dies before its events are recomputed.
    marker, log = tmp_path / "paused", tmp_path / "rebuild.log"
    victim = spawn(home, ["rebuild", "--warehouse", str(warehouse)], log, pause_in="dedup_all", marker=marker)
    wait_until(marker.exists, victim, log)
    kill_hard(victim)
    assert state(warehouse) == before
    assert state(snapshot_path(warehouse)) == snapshot_before
    assert rebuild_path(warehouse).exists()  # the half-built file, never swapped in

    # The next run has nothing to repair and says so truly; a rebuild then completes and changes nothing.
    with dg.DagsterInstance.from_config(str(home)) as dagster:
        after = run_landing(landing, warehouse, instance=dagster)
        assert after.success and not after.repaired and after.batches == []
        assert run_rebuild(landing, warehouse, instance=dagster)["events"] == len(before["events"])
    assert state(warehouse) == before
    assert not rebuild_path(warehouse).exists()
