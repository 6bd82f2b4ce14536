"""`python -m pipeline query`: every column, csv/json/parquet, COPY, one-line errors, the snapshot note."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.query import QueryError, main_query, render_table, run_query
from pipeline.warehouse import connect, publish_snapshot

WIDE = "select event_id, event_type, sub_event_type, actor1, actor2, location, sentence from t"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A warehouse with the schema and one small table of long values (fictional)."""
    path = tmp_path / "events.duckdb"
    con = connect(path)
    con.execute(
        "create table t as select * from (values "
        "('ev1', 'Battles', 'Armed clash', 'Military Forces of Chad', 'Unidentified Armed Group (Chad)', "
        "'Bol', 'Soldiers and gunmen exchanged fire for two hours near the market of Bol on Monday.'), "
        "('ev2', 'Protests', 'Peaceful protest', 'Protesters (Chad)', NULL, 'Mao', 'Teachers marched.'))"
        " as v(event_id, event_type, sub_event_type, actor1, actor2, location, sentence)"
    )
    con.close()
    return path


def test_a_table_too_wide_for_the_terminal_shows_every_column(warehouse: Path):
    text, source = run_query(warehouse, WIDE)
    assert not source.is_snapshot
    narrow = render_table(*_rows(warehouse, WIDE), width=60)
    for column in ("event_id", "event_type", "sub_event_type", "actor1", "actor2", "location", "sentence"):
        assert column in narrow
    # Long values wrap instead of being cut.
    assert "exchanged fire for two hours" in " ".join(line.split("| ", 1)[-1] for line in narrow.splitlines())
    assert "(2 rows, 7 columns)" in narrow


def test_rows_beyond_the_limit_are_announced(warehouse: Path):
    text, _ = run_query(warehouse, "select * from range(50)", limit=10)
    assert "40 more rows not shown" in text


def test_formats_and_copy(warehouse: Path, tmp_path: Path, capsys):
    csv_text, _ = run_query(warehouse, "select event_id, actor2 from t order by 1", fmt="csv")
    assert csv_text.splitlines() == ["event_id,actor2", "ev1,Unidentified Armed Group (Chad)", "ev2,"]
    records = json.loads(run_query(warehouse, "select event_id from t order by 1", fmt="json")[0])
    assert records == [{"event_id": "ev1"}, {"event_id": "ev2"}]
    out = tmp_path / "t.parquet"
    assert main_query(warehouse, "select * from t", "parquet", str(out), 40) == 0
    assert pl.read_parquet(out).shape == (2, 7)
    copied = tmp_path / "copied.csv"
    assert main_query(warehouse, f"copy (select * from t) to '{copied}' (header)", "table", None, 40) == 0
    assert copied.read_text().startswith("event_id,event_type")
    with pytest.raises(QueryError, match="give --out"):
        run_query(warehouse, "select 1", fmt="parquet")


def test_sql_errors_are_one_line_and_exit_1(warehouse: Path):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "query", "selec * from t", "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("query: Parser Error") and "Traceback" not in result.stderr


def test_while_a_run_writes_the_answer_comes_from_the_snapshot(warehouse: Path, capsys):
    con = connect(warehouse)
    publish_snapshot(con, warehouse)
    con.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ok', flush=True); time.sleep(60)", str(warehouse)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert main_query(warehouse, "select count(*) as n from t", "csv", None, 40) == 0
        printed = capsys.readouterr()
        assert printed.out == "n\n2\n"
        assert printed.err.startswith(
            "note: a run is writing the warehouse; this answer comes from its snapshot of "
        )
        assert "UTC" in printed.err
    finally:
        holder.kill()
        holder.wait()


def test_no_warehouse_yet(tmp_path: Path, capsys):
    assert main_query(tmp_path / "none.duckdb", "select 1", "table", None, 40) == 1
    assert "no warehouse at" in capsys.readouterr().err


def _rows(path: Path, sql: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        relation = con.sql(sql)
        return relation.columns, relation.fetchall()
    finally:
        con.close()
        time.sleep(0)
