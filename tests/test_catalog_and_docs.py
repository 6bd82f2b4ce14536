"""Documentation that can be checked: every table, view and column is described (DuckDB comments and the
Dagster asset schemas, from warehouse/catalog.yaml), and the READMEs' example queries give rows on the demo"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline.catalog import catalog
from pipeline.config import PROJECT_ROOT
from pipeline.stages import build_marts
from pipeline.warehouse import connect

DOCS = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "warehouse" / "README.md"]


def undescribed(con: duckdb.DuckDBPyConnection) -> list[str]:
    objects = con.execute(
        "select schema_name || '.' || table_name, comment from duckdb_tables() "
        "where database_name = current_database() and not internal and not temporary "
        "union all select schema_name || '.' || view_name, comment from duckdb_views() "
        "where database_name = current_database() and not internal and not temporary"
    ).fetchall()
    columns = con.execute(
        "select schema_name || '.' || table_name || '.' || column_name, comment from duckdb_columns() "
        "where database_name = current_database() and not internal"
    ).fetchall()
    return [name for name, comment in objects + columns if not comment]


def test_every_table_view_and_column_has_a_comment(tmp_path: Path):
    con = connect(tmp_path / "events.duckdb")
    build_marts(con)
    assert undescribed(con) == []
    # Nothing in the catalog describes a table or column that no longer exists.
    existing = {
        (s, t, c)
        for s, t, c in con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where database_name = current_database() and not internal"
        ).fetchall()
    }
    tables = {(s, t) for s, t, _ in existing}
    for name, entry in catalog().tables.items():
        schema, table = name.split(".")
        assert (schema, table) in tables, f"catalog.yaml describes {name}, which does not exist"
        for column in entry.get("columns") or {}:
            assert (schema, table, column) in existing, f"catalog.yaml describes {name}.{column}"
    events = dict(
        con.execute(
            "select column_name, comment from duckdb_columns() where table_name = 'events' "
            "and schema_name = 'core'"
        ).fetchall()
    )
    assert events["fatalities_max"] == catalog().column("core.events", "fatalities_max")
    con.close()


def sql_examples() -> list[tuple[str, str]]:
    """Every statement of every ```sql block in the READMEs, with where it was found."""
    found = []
    for doc in DOCS:
        for n, block in enumerate(re.findall(r"```sql\n(.*?)```", doc.read_text(encoding="utf-8"), re.S), 1):
            for statement in block.split(";"):
                code = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--"))
                if code.strip():
                    found.append((f"{doc.relative_to(PROJECT_ROOT)} block {n}", statement.strip()))
    return found


def test_the_readmes_have_sql_examples():
    places = {where.split(" block")[0] for where, _ in sql_examples()}
    assert places == {"README.md", "warehouse/README.md"}


@pytest.mark.slow
@pytest.mark.parametrize("where, statement", sql_examples(), ids=lambda v: v if " block " in v else "")
def test_readme_examples_return_rows_on_the_demo(demo_load, where: str, statement: str):
    con = duckdb.connect(str(demo_load.warehouse), read_only=True)
    try:
        # "= '...'" in an example stands for an event: the demo's most widely reported one.
        (event_id,) = con.execute(
            "select event_id from events order by num_sources desc, event_id limit 1"
        ).fetchone()
        rows = con.execute(statement.replace("'...'", f"'{event_id}'")).fetchall()
    finally:
        con.close()
    assert rows, f"{where}: no rows on the demo data:\n{statement}"


@pytest.mark.slow
def test_dagster_shows_the_same_column_descriptions(demo_load):
    for asset, table in (("events", "core.events"), ("event_mentions", "core.mentions"),
                         ("event_aggregates", "marts.events_weekly")):  # fmt: skip
        schema = demo_load.column_schemas[asset]
        assert schema.columns
        for column in schema.columns:
            assert column.description == catalog().column(table, column.name), (asset, column.name)


def test_the_events_asset_shows_how_many_events_their_reports_anchor_and_how_many_it_withheld(demo_load):
    """The UI plots ``anchored_events`` and ``withheld_events`` run after run: the counts of those views."""
    con = duckdb.connect(str(demo_load.warehouse), read_only=True)
    try:
        anchored, withheld, total = con.execute(
            "select (select count(*) from anchored_events), (select count(*) from withheld_events), "
            "count(*) from events"
        ).fetchone()
    finally:
        con.close()
    assert demo_load.events_metadata["anchored_events"] == anchored
    assert 0 < anchored < total  # the samples hold an undated report placed by its neighbours
    assert demo_load.events_metadata["withheld_events"] == withheld == 1  # the over-coded weapons seizure
