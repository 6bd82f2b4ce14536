"""The warehouse's SQL: the named statements of ``warehouse/queries/`` and the tables Python writes into."""

from __future__ import annotations

import dataclasses

import duckdb
import polars as pl
import pytest

from pipeline.extract.mentions import Mention
from pipeline.queries import QueryFileError, all_queries, parse_queries, query
from pipeline.warehouse import connect, ensure_schema, frame_schema, publish_snapshot


@pytest.fixture
def con():
    con = duckdb.connect()
    ensure_schema(con)
    yield con
    con.close()


def test_every_statement_parses_and_names_its_stage():
    queries = all_queries()
    assert {name.split(".")[0] for name in queries} >= {"raw", "clean", "extract", "dedup", "tables"}
    for name, sql in queries.items():
        filled = sql.replace("{table}", "core.mentions")
        assert len(duckdb.extract_statements(filled)) == 1, name


def test_statements_come_with_their_comments_and_without_the_name_line():
    sql = query("dedup.current_mentions")
    assert "-- name:" not in sql and sql.rstrip().endswith("using (article_id)")


def test_table_placeholders_take_table_names_only():
    sql = query("tables.row_count", table="marts.events_daily")
    assert sql == 'select count(*) from "marts"."events_daily"'
    with pytest.raises(ValueError, match="not a table name"):
        query("tables.row_count", table="events; drop table core.events")
    with pytest.raises(ValueError, match="takes"):
        query("tables.row_count")
    with pytest.raises(ValueError, match="takes"):
        query("raw.version_by_hash", table="core.events")
    with pytest.raises(KeyError, match="no statement"):
        query("raw.no_such_statement")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("select 1\n-- name: a\nselect 2", "x.sql:1: SQL before the first"),
        ("-- name: a\nselect 1\n\n-- name: a\nselect 2", "x.sql:4: statement 'a' already named on line 1"),
        ("-- name: a\n-- only a comment\n-- name: b\nselect 1", "x.sql:1: statement 'a' has no SQL"),
        ("-- name: Bad-Name\nselect 1", "x.sql:1: bad statement name"),
    ],
)
def test_malformed_query_files_name_the_file_and_line(text, message):
    with pytest.raises(QueryFileError, match=message):
        parse_queries(text, "x.sql")


def test_a_file_header_comment_is_allowed():
    assert parse_queries("-- about this file\n\n-- name: a\nselect 1;\n", "x.sql") == {"a": "select 1"}


def test_mention_rows_are_a_mention_plus_what_the_stage_adds(con):
    # schema.sql is the one list of core.mentions' columns; the extractor's Mention must fit it exactly.
    columns = set(frame_schema(con, "core.mentions"))
    fields = {f.name for f in dataclasses.fields(Mention)}
    assert columns == fields | {"batch_id", "extracted_at"}


def test_frame_schemas_follow_the_tables(con):
    schema = frame_schema(con, "core.event_members")
    assert schema == {"mention_id": pl.String, "event_id": pl.String}
    assert frame_schema(con, "core.mentions")["extracted_at"] == pl.Datetime("us")


def test_a_snapshot_of_a_warehouse_named_like_a_keyword(tmp_path):
    # The database takes the file's name: "case" is an SQL keyword, and quotes belong in paths too.
    folder = tmp_path / "it's here"
    con = connect(folder / "case.duckdb")
    try:
        con.execute("insert into core.event_members values ('m1', 'e1')")
        snapshot = publish_snapshot(con, folder / "case.duckdb")
    finally:
        con.close()
    copy = duckdb.connect(str(snapshot), read_only=True)
    # The row was still in the live file's log: the snapshot is taken after a checkpoint, as bytes.
    assert copy.execute("select * from core.event_members").fetchall() == [("m1", "e1")]
    described = "select comment from duckdb_views() where schema_name = 'main' and view_name = 'events'"
    assert copy.execute(described).fetchone()[0]  # the descriptions come with it
    copy.close()


def test_the_schema_is_applied_again_only_when_its_files_change(tmp_path):
    from pipeline.catalog import catalog

    def events_comment(con) -> str:
        return con.execute(
            "select comment from duckdb_views() where schema_name = 'main' and view_name = 'events'"
        ).fetchone()[0]

    path = tmp_path / "events.duckdb"
    con = connect(path)
    assert events_comment(con) == catalog().table("main.events")
    con.execute("comment on view main.events is 'changed by hand'")
    con.close()
    con = connect(path)  # the same files: nothing is applied, the views are not re-created
    assert events_comment(con) == "changed by hand"
    con.execute("update core.ddl_digest set digest = 'an older version'")
    con.close()
    con = connect(path)  # files of another version: schema, views and descriptions applied again
    assert events_comment(con) == catalog().table("main.events")
    assert con.execute("select count(*) from core.ddl_digest").fetchone()[0] == 1
    con.close()


def test_anchored_events_are_those_whose_reports_tell_place_and_date(con):
    """``anchored_events``: the place named by the event's own reports and the date told, not borrowed."""
    columns = frame_schema(con, "core.events")
    base = {name: None for name in columns}
    base.update(
        event_type="Battles",
        sub_event_type="Armed clash",
        date_precision="day",
        geo_precision="place",
        num_mentions=1,
        num_articles=1,
        num_sources=1,
        confidence=0.5,
    )
    told = [("e1", "sentence", "sentence"), ("e2", "town_nearby", "story"), ("e3", "dateline", "sentence")]
    borrowed = [("e4", "nearby_sentence", "sentence"), ("e5", "sentence", "publication"),
                ("e6", "article_country", "publication"), ("e7", "sentence", None)]  # fmt: skip
    rows = [{**base, "event_id": e, "geo_evidence": g, "date_evidence": d} for e, g, d in told + borrowed]
    frame = pl.DataFrame(rows, schema=columns)  # noqa: F841 - read by the insert below
    con.execute("insert into core.events by name select * from frame")
    anchored = {r[0] for r in con.execute("select event_id from anchored_events").fetchall()}
    assert anchored == {e for e, _, _ in told}
    assert con.execute("select count(*) from events").fetchone()[0] == len(rows)
