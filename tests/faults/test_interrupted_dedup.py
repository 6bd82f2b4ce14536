"""kill -9 inside dedup: readers keep the last complete state, and the next run repairs the projections
before it reports success, even when nothing new is left to load."""

from __future__ import annotations

import dagster as dg
import pytest
from faultkit import REPORTS, kill_hard, new_home, spawn, state, wait_until, write_jsonl

from assets.runner import run_landing
from pipeline.warehouse import open_for_reading, read_state

pytestmark = pytest.mark.slow


def test_kill_inside_dedup_is_invisible_to_readers_and_repaired_by_the_next_run(tmp_path, instance):
    home = new_home(tmp_path)
    landing = tmp_path / "landing"
    landing.mkdir()
    warehouse = tmp_path / "events.duckdb"
    write_jsonl(landing / "monday.jsonl", REPORTS[:1])
    with dg.DagsterInstance.from_config(str(home)) as dagster:
        first = run_landing(landing, warehouse, instance=dagster)
    assert first.success
    with open_for_reading(warehouse) as con:
        before = con.execute("select event_id, location from events").fetchall()

    # The next batch is stored, cleaned and extracted; the run dies inside dedup.
    write_jsonl(landing / "tuesday.jsonl", REPORTS[1:])
    marker, log = tmp_path / "paused", tmp_path / "victim.log"
    args = ["run", "--landing", str(landing), "--warehouse", str(warehouse)]
    victim = spawn(home, args, log, pause_in="cluster_mentions", marker=marker)
    wait_until(marker.exists, victim, log)
    kill_hard(victim)

    # Readers see the last complete state, and which one it is: no mention without its event.
    with open_for_reading(warehouse) as con:
        assert con.execute("select event_id, location from events").fetchall() == before
        assert con.execute("select count(*) from event_mentions where event_id is null").fetchone() == (0,)
        seen = read_state(con)
    assert seen["complete"] and seen["run_id"] == first.run_ids[-1]

    # The batch file is gone before the next run (nothing left to load): the run still repairs.
    (landing / "tuesday.jsonl").unlink()
    with dg.DagsterInstance.from_config(str(home)) as dagster:
        repair = run_landing(landing, warehouse, instance=dagster)
    assert repair.success and repair.batches == [] and repair.repaired
    with open_for_reading(warehouse) as con:
        assert con.execute("select count(*) from event_mentions where event_id is null").fetchone() == (0,)
        assert read_state(con)["run_id"] == repair.run_ids[-1]

    # The same as loading both batches cleanly.
    clean_landing = tmp_path / "clean"
    clean_landing.mkdir()
    write_jsonl(clean_landing / "monday.jsonl", REPORTS[:1])
    write_jsonl(clean_landing / "tuesday.jsonl", REPORTS[1:])
    clean = tmp_path / "clean.duckdb"
    assert run_landing(clean_landing, clean, instance=instance).success
    assert state(warehouse) == state(clean)
