"""Warehouse files whose names are not plain SQL identifiers: a hyphen, a keyword, a quote."""

from __future__ import annotations

import pytest
from faultkit import REPORTS, write_jsonl

from assets.runner import run_landing, run_rebuild
from pipeline.warehouse import open_for_reading, read_state, snapshot_path

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["conflict-events.duckdb", "select.duckdb", "o'brien.duckdb"])
def test_run_snapshot_query_and_rebuild_with_an_awkward_warehouse_name(tmp_path, landing, instance, name):
    warehouse = tmp_path / name
    write_jsonl(landing / "wire.jsonl", REPORTS[:1])
    report = run_landing(landing, warehouse, instance=instance)
    assert report.success, report.checks_failed
    assert snapshot_path(warehouse).exists()
    with open_for_reading(warehouse) as con:
        assert con.execute("select location from events").fetchall() == [("Kidal",)]
        assert read_state(con)["complete"]
    assert run_rebuild(landing, warehouse, instance=instance)["events"] == 1
