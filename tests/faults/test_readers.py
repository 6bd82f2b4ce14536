"""Readers get one consistent view, the last complete state, and are told which (its time and run)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from faultkit import REPORTS, cli, new_home, write_jsonl

from assets.runner import run_landing
from pipeline.landing import read_batch
from pipeline.raw import store_batch
from pipeline.stages import clean_batch, extract_batch
from pipeline.warehouse import connect, mark_incomplete, open_for_reading, read_state

pytestmark = pytest.mark.slow


def test_first_run_readers_get_an_empty_state_not_a_lock_error(tmp_path):
    warehouse = tmp_path / "events.duckdb"
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, time\n"
         f"con = duckdb.connect({str(warehouse)!r})\n"
         "con.execute('create table half_done(x int)')\n"
         "print('locked', flush=True)\n"
         "time.sleep(120)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "locked"  # the first run holds the new file
        with open_for_reading(warehouse) as con:
            assert con.execute("select count(*) from events").fetchone() == (0,)
            assert read_state(con) is None
        sql = "select count(*) as n from events"
        out = cli(new_home(tmp_path), "query", sql, "--warehouse", str(warehouse))
        assert out.returncode == 0, out.stderr[-2000:]
        assert "no complete state yet" in out.stderr
    finally:
        writer.kill()
        writer.wait()


def test_between_the_steps_of_a_run_readers_see_the_last_complete_state(landing, warehouse, instance):
    write_jsonl(landing / "monday.jsonl", REPORTS[:1])
    first = run_landing(landing, warehouse, instance=instance)
    assert first.success
    with open_for_reading(warehouse) as con:
        before = {
            "articles": con.execute("select article_id from articles").fetchall(),
            "events": con.execute("select event_id from events").fetchall(),
        }

    # A run between its extract and dedup steps: the file is not locked, mentions have no events yet.
    write_jsonl(landing / "tuesday.jsonl", REPORTS[1:])
    con = connect(warehouse)
    try:
        mark_incomplete(con, "a-run-in-progress", "process_batch")
        store_batch(con, "tuesday.jsonl", read_batch(landing, "tuesday.jsonl"))
        clean_batch(con, "tuesday.jsonl")
        assert extract_batch(con, "tuesday.jsonl").height
    finally:
        con.close()
    live = duckdb.connect(str(warehouse), read_only=True)
    assert live.execute("select count(*) from event_mentions where event_id is null").fetchone()[0] > 0
    live.close()

    with open_for_reading(warehouse) as con:
        assert con.execute("select article_id from articles").fetchall() == before["articles"]
        assert con.execute("select event_id from events").fetchall() == before["events"]
        assert con.execute("select count(*) from event_mentions where event_id is null").fetchone() == (0,)
        seen = read_state(con)
    assert seen["complete"] and seen["run_id"] == first.run_ids[-1] and seen["job_name"] == "process_batch"
