"""The warehouse as a DuckLake lake (catalog in Postgres, data as Parquet): the same contract as the DuckDB
file, and several processes writing at once. Talks to this machine's Postgres (tests/services.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import Warehouse
from pipeline import lake
from pipeline.config import PROJECT_ROOT
from pipeline.queries import query
from pipeline.warehouse import connect, is_lake, transaction
from tests.services import lake_catalog, postgres_database

COLUMNS = """select schema_name, table_name, column_name, data_type from duckdb_columns()
where database_name = current_database() order by all"""


@pytest.fixture
def lake_env(monkeypatch, tmp_path: Path):
    """EVENTS_LAKE pointing at a new Postgres database; the Parquet files under tmp_path."""
    with postgres_database("lake_test") as database:
        monkeypatch.setenv("EVENTS_LAKE", lake_catalog(database))
        monkeypatch.setenv("EVENTS_LAKE_DATA", str(tmp_path / "lake"))
        yield database


def test_the_lake_has_the_tables_views_and_columns_of_the_file(tmp_path: Path, monkeypatch, lake_env):
    con = connect(tmp_path / "lake.duckdb")
    assert is_lake(con)
    in_lake = set(con.execute(COLUMNS).fetchall())
    con.close()
    monkeypatch.delenv("EVENTS_LAKE")
    con = connect(tmp_path / "file.duckdb")
    assert not is_lake(con)
    in_file = set(con.execute(COLUMNS).fetchall())
    con.close()
    assert in_lake == in_file
    names = {(schema, table) for schema, table, _, _ in in_lake}
    for view in ("articles", "event_mentions", "events", "quarantine", "event_sources"):
        assert ("main", view) in names


def test_the_extensions_are_loaded_from_the_installed_packages():
    for module_name, extension in lake.EXTENSIONS:
        path = lake.extension_path(module_name, extension)
        assert path.is_file() and path.stat().st_size > 0


def test_keys_and_checks_are_removed_for_the_lake_and_nothing_else():
    ddl = (
        "create table t (\n    a varchar primary key,\n    b boolean default true check (b),\n"
        "    c integer not null,\n    primary key (a, c)\n);\ncreate sequence if not exists s start 1;"
    )
    assert (
        lake.lake_schema(ddl) == "create table t (\n    a varchar,\n    b boolean default true,\n"
        "    c integer not null\n);\n"
    )


# Each process opens the lake (the first ones create its schema, at the same time), then appends rows and
# sets the state row many times, each write its own commit, so that the commits race. All wait for one
# moment (argv[4]) before opening, so that they race to create the new catalog too.
WRITER = textwrap.dedent("""
    import sys, time
    from pipeline.warehouse import connect, mark_incomplete, transaction
    time.sleep(max(0.0, float(sys.argv[4]) - time.time()))
    con = connect(sys.argv[1])
    for i in range(int(sys.argv[3])):
        with transaction(con):
            con.execute("insert into staging.sentences values (?, ?, 0, 1, 'a sentence')", [sys.argv[2], i])
        mark_incomplete(con, sys.argv[2], "test")
    con.close()
""")


def test_separate_processes_write_the_lake_at_once(tmp_path: Path, lake_env):
    writers, rows = 3, 15
    start = time.time() + 5  # after every process has imported the pipeline
    warehouse = str(tmp_path / "events.duckdb")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, warehouse, f"writer-{n}", str(rows), str(start)],
            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for n in range(writers)
    ]  # fmt: skip
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, out
    con = connect(tmp_path / "events.duckdb", read_only=True)
    try:
        counts = con.execute(
            "select article_id, count(*), count(distinct sentence_index) from staging.sentences group by 1"
        ).fetchall()
        state = con.execute(query("state.get")).fetchall()
    finally:
        con.close()
    assert sorted(counts) == [(f"writer-{n}", rows, rows) for n in range(writers)]
    # one state (two writers that found no row yet may both have inserted one: the newest is read)
    assert len(state) == 1 and state[0][0] is False and state[0][1].startswith("writer-")


def test_a_step_whose_lake_commit_loses_a_race_is_run_again(tmp_path: Path, lake_env):
    """A real DuckLake conflict: while the step's transaction is open, another writer deletes the same rows
    and commits first. The step's commit fails, Dagster runs the step again, and the second try succeeds."""
    warehouse = tmp_path / "events.duckdb"
    seed = connect(warehouse)
    seed.execute("insert into core.detection_reasons values ('old', 'a reason to replace')")
    seed.close()

    @dg.op
    def replace_reasons(context, warehouse: Warehouse) -> None:
        with warehouse.connect() as con, transaction(con):
            con.execute("delete from core.detection_reasons")
            con.execute("insert into core.detection_reasons values ('new', 'written by the step')")
            if context.retry_number == 0:
                other = connect(warehouse.database)  # another process's writer, first to commit
                other.execute("delete from core.detection_reasons")
                other.close()

    @dg.job(resource_defs={"warehouse": Warehouse(database=str(warehouse))})
    def replace():
        replace_reasons()

    with dg.instance_for_test() as instance:
        result = replace.execute_in_process(instance=instance, raise_on_error=False)
        restarted = [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_RESTARTED]
    assert result.success and len(restarted) == 1
    con = connect(warehouse, read_only=True)
    try:
        assert con.execute("select reason from core.detection_reasons").fetchall() == [("new",)]
    finally:
        con.close()
