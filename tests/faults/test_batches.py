"""Faults and concurrency: failures midway, duplicates, concurrent runs, readers during writes, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from faultkit import quarantine_reasons, state, write_jsonl

import pipeline.stages as stages
from assets.runner import run_landing
from pipeline.warehouse import open_for_reading

pytestmark = pytest.mark.slow

REPORTS = [
    {"id": "r1", "outlet": "Coast Wire", "published_at": "2025-06-03",
     "text": "Gunmen killed four fishermen near Kismayo on Monday, local officials said."},
    {"id": "r2", "outlet": "Coast Wire", "published_at": "2025-06-04",
     "text": "Police arrested nine protesters in Garissa on Tuesday after a march over water prices."},
    {"id": "r3", "outlet": "Delta Post", "published_at": "2025-06-04",
     "text": "Soldiers clashed with militants near Maiduguri on Tuesday, and three soldiers were killed."},
]  # fmt: skip


def test_failure_midway_leaves_no_partial_rows_and_rerun_completes(
    landing, warehouse, instance, monkeypatch, tmp_path
):
    write_jsonl(landing / "batch.jsonl", REPORTS)
    monkeypatch.setattr(stages, "EXTRACT_CHUNK_ARTICLES", 1)

    def crash(batch_id: str, rows_so_far: int) -> None:
        if rows_so_far:
            raise RuntimeError("injected fault after the first chunk of mentions was written")

    monkeypatch.setattr(stages, "after_chunk_written", crash)
    failed = run_landing(landing, warehouse, instance=instance)
    assert not failed.success
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from core.mentions").fetchone() == (0,)  # the transaction rolled back
    assert con.execute("select count(*) from events").fetchone() == (0,)
    assert con.execute("select count(*) from staging.articles").fetchone() == (3,)  # earlier stage committed
    con.close()

    monkeypatch.undo()
    rerun = run_landing(landing, warehouse, instance=instance)  # the failed batch is still pending
    assert rerun.success and rerun.batches == ["batch.jsonl"]

    clean_landing = tmp_path / "clean_landing"
    shutil.copytree(landing, clean_landing)
    clean_warehouse = tmp_path / "clean.duckdb"
    assert run_landing(clean_landing, clean_warehouse, instance=instance).success
    assert state(warehouse) == state(clean_warehouse)


def test_same_file_twice_and_same_content_under_two_names(landing, warehouse, instance):
    write_jsonl(landing / "monday.jsonl", REPORTS[:1])
    run_landing(landing, warehouse, instance=instance)
    shutil.copy(landing / "monday.jsonl", landing / "monday-again.jsonl")  # the same file dropped twice
    (landing / "copy.txt").write_text(REPORTS[2]["text"], encoding="utf-8")
    (landing / "copy-renamed.txt").write_text(REPORTS[2]["text"], encoding="utf-8")
    assert run_landing(landing, warehouse, instance=instance).success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from raw.article_versions").fetchone() == (2,)
        assert con.execute("select count(*) from articles").fetchone() == (2,)
        events = con.execute("select location, num_mentions, num_articles from events order by 1")
        assert events.fetchall() == [
            ("Kismayo", 1, 1), ("Maiduguri", 1, 1)
        ]  # fmt: skip
        reasons = con.execute("select source_path, reason from quarantine order by 1").fetchall()
    finally:
        con.close()
    assert [p for p, _ in reasons] == ["copy.txt", "monday-again.jsonl"] or [p for p, _ in reasons] == [
        "copy-renamed.txt", "monday-again.jsonl"
    ]  # fmt: skip
    assert all(r.startswith("duplicate: same content as") for _, r in reasons)


def test_bad_input_battery_is_quarantined_and_good_records_go_through(landing, warehouse, instance):
    drop = landing / "mixed-drop"
    drop.mkdir()
    (drop / "empty.txt").write_bytes(b"")
    (drop / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (drop / "latin1.txt").write_bytes("Des soldats ont été blessés à Gao.".encode("latin-1"))
    with (drop / "huge.txt").open("wb") as fh:
        fh.write(b"Militants attacked a convoy. " * (50 * 1024 * 1024 // 29 + 1))  # a 50 MB file
    records = [
        json.dumps(REPORTS[0]),
        '{"id": "t1", "text": "Rebels seized',  # truncated JSON line
        json.dumps({"id": "n1", "title": "No body"}),
        json.dumps({"id": "w1", "text": ["not", "a", "string"]}),
        json.dumps({"id": "w2", "text": "Troops shelled a village.", "published_at": 20250604}),
    ]
    (drop / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    report = run_landing(landing, warehouse, instance=instance)
    assert report.success
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        reasons = quarantine_reasons(con)
        events = con.execute("select location from events").fetchall()
    finally:
        con.close()
    assert reasons["mixed-drop/empty.txt:0"] == "empty file"
    assert reasons["mixed-drop/binary.txt:0"].startswith("binary content")
    assert reasons["mixed-drop/latin1.txt:0"].startswith("not valid UTF-8")
    assert reasons["mixed-drop/huge.txt:0"].startswith("file too large")
    assert reasons["mixed-drop/feed.jsonl:2"].startswith("malformed JSON on line 2")
    assert reasons["mixed-drop/feed.jsonl:3"] == "record has neither 'text' nor 'html' content"
    assert reasons["mixed-drop/feed.jsonl:4"] == "field 'text' must be a string, got list"
    assert "published_at" in reasons["mixed-drop/feed.jsonl:5"]
    assert len(reasons) == 8
    assert events == [("Kismayo",)]


def _dagster_home(tmp_path: Path) -> Path:
    """A Dagster home with one warehouse writer at a time, its storage created before the runs start (two
    processes creating a new SQLite storage at the same moment race on its tables)."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(
        "telemetry:\n  enabled: false\nconcurrency:\n  pools:\n    default_limit: 1\n", encoding="utf-8"
    )
    with dg.DagsterInstance.from_config(str(home)) as instance:
        instance.get_runs(limit=1)
    return home


def test_two_runs_at_once_are_serialized_and_equal_running_them_in_turn(tmp_path, instance):
    first, second = tmp_path / "landing-a", tmp_path / "landing-b"
    for folder, records in ((first, REPORTS[:1]), (second, REPORTS[2:])):
        folder.mkdir()
        write_jsonl(folder / f"{folder.name}.jsonl", records)
    warehouse = tmp_path / "shared.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(_dagster_home(tmp_path))}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "run",
                "--landing",
                str(folder),
                "--warehouse",
                str(warehouse),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for folder in (first, second)
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    for proc, out in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out[-3000:]
        assert "lock" not in out.lower() or "Could not set lock" not in out
        assert "run: succeeded" in out

    sequential = tmp_path / "sequential.duckdb"
    both = tmp_path / "both"
    both.mkdir()
    for folder in (first, second):
        shutil.copy(next(folder.glob("*.jsonl")), both)
    assert run_landing(both, sequential, instance=instance).success
    assert state(warehouse) == state(sequential)


def test_readers_see_the_last_complete_state_while_a_run_writes(landing, warehouse, instance):
    write_jsonl(landing / "first.jsonl", REPORTS[:1])
    assert run_landing(landing, warehouse, instance=instance).success
    # Another process takes the write lock and writes half a batch, as a run in progress does.
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time\n"
         f"con = duckdb.connect({str(warehouse)!r})\n"
         "con.execute(\"begin transaction\")\n"
         "con.execute(\"delete from core.events\")\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "locked"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(warehouse), read_only=True)  # DuckDB: a writer locks out every other process
        with open_for_reading(warehouse) as con:
            assert con.execute("select location from events").fetchall() == [("Kismayo",)]
        out = subprocess.run(
            [sys.executable, "-m", "pipeline", "query", "select count(*) as n from events",
             "--warehouse", str(warehouse)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert "1" in out.stdout
    finally:
        writer.kill()
        writer.wait()
    time.sleep(0.1)


# --- issue 10: one bad record never stops its batch; batch identity follows content ---------------------


def test_one_bad_record_never_stops_its_batch(landing, warehouse, instance):
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    plus14 = (now + dt.timedelta(hours=-1)).astimezone(dt.timezone(dt.timedelta(hours=14)))
    drop = landing / "hostile-drop"
    drop.mkdir()
    lines = [
        json.dumps(REPORTS[0]),
        '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "\\ud800", "outlet": "Coast Wire", "text": "Gunmen burned a market stall in Lamu."}',
        json.dumps({**REPORTS[1], "id": "r-plus14", "published_at": plus14.isoformat()}),
        json.dumps({**REPORTS[1], "id": "r-future", "text": "Rebels took a town.",
                    "published_at": (now + dt.timedelta(days=3)).date().isoformat()}),
    ]  # fmt: skip
    (drop / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (drop / "nav.html").write_text(
        "<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a> "
        "<a href='/news'>News</a></nav><script>load()</script></body></html>",
        encoding="utf-8",
    )
    (drop / "windows.txt").write_bytes(REPORTS[2]["text"].encode("utf-16"))
    report = run_landing(landing, warehouse, instance=instance)
    assert report.success
    assert report.checks_failed == []  # quarantined input is a warning, not a failure
    assert any(w.startswith("hostile-drop: ") and "quarantined" in w for w in report.checks_warned)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        reasons = quarantine_reasons(con)
        plus14_row = con.execute(
            "select published_at, published_at_local, published_at_raw from articles "
            "where source_id = 'r-plus14'"
        ).fetchone()
        locations = {loc for (loc,) in con.execute("select location from events").fetchall()}
    finally:
        con.close()
    assert "nested too deeply" in reasons["hostile-drop/feed.jsonl:2"]
    assert "not valid Unicode" in reasons["hostile-drop/feed.jsonl:3"]
    assert reasons["hostile-drop/feed.jsonl:5"].startswith("publication date in the future")
    assert reasons["hostile-drop/nav.html:0"].startswith("too little text to be an article")
    assert len(reasons) == 4
    published, local, raw = plus14_row
    assert abs(published - (now - dt.timedelta(hours=1)).replace(tzinfo=None)) < dt.timedelta(
        minutes=1
    )  # UTC
    assert local - published == dt.timedelta(hours=14) and raw == plus14.isoformat()
    assert {"Kismayo", "Garissa", "Maiduguri"} <= locations


def test_touching_a_file_or_moving_the_landing_folder_reloads_nothing(landing, warehouse, instance, tmp_path):
    write_jsonl(landing / "monday.jsonl", REPORTS[:1])
    assert run_landing(landing, warehouse, instance=instance).batches == ["monday.jsonl"]
    os.utime(landing / "monday.jsonl", (1_000_000_000, 1_000_000_000))  # same content, another time
    assert run_landing(landing, warehouse, instance=instance).batches == []
    moved = tmp_path / "elsewhere" / "landing"
    shutil.copytree(landing, moved, copy_function=shutil.copyfile)  # new path, new times
    assert run_landing(moved, warehouse, instance=instance).batches == []
