"""Exports read back: ACLED CSV (pandas), GDELT 2.0 files (polars), Parquet tables (duckdb), each checked for
columns, types and rows against the warehouse the real Dagster job built from a small fictional batch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import polars as pl
import pytest
from kit import write_jsonl

from pipeline.export import ExportFilter, export
from pipeline.export.acled import COLUMNS as ACLED_COLUMNS
from pipeline.export.codes import event_codes
from pipeline.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, global_event_id
from pipeline.vocabulary import SUB_EVENT_TYPES
from pipeline.warehouse import open_for_reading

REPORTS = [
    {"id": "gao-1", "outlet": "Niger Bend Post", "url": "https://nigerbend.example/gao-clash",
     "published_at": "2025-04-08",
     "text": "GAO, Mali — Soldiers clashed with militants near Gao on Monday, and six soldiers were killed, "
             "the army said. Residents said the fighting lasted two hours."},
    {"id": "gao-2", "outlet": "Sahel Courier", "published_at": "2025-04-08",
     "text": "Militants attacked an army post near Gao on Monday, killing eight soldiers, a local official "
             "said."},
    {"id": "kat-1", "outlet": "Kano Ledger", "url": "https://kanoledger.example/katsina",
     "published_at": "2025-04-15",
     "text": "Gunmen abducted 14 farmers from a village near Katsina on Sunday, police said."},
    {"id": "kano-1", "outlet": "Kano Ledger", "published_at": "2025-04-16",
     "text": "Students of Kano Polytechnic marched in Kano on Tuesday to demand lower fees, and police fired "
             "tear gas to disperse them."},
]  # fmt: skip


def warehouse_rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with open_for_reading(path) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from assets.runner import run_landing

    root = tmp_path_factory.mktemp("exports")
    landing, warehouse = root / "landing", root / "events.duckdb"
    landing.mkdir()
    write_jsonl(landing / "reports.jsonl", REPORTS)
    with dg.instance_for_test() as instance:
        assert run_landing(landing, warehouse, instance=instance).success
    assert warehouse_rows(warehouse, "select count(*) from events")[0][0] >= 2
    return warehouse


def test_event_codes_cover_every_sub_type_with_cameo_and_plover():
    codes = event_codes()
    assert set(codes) == set(SUB_EVENT_TYPES)
    for c in codes.values():
        if c.sub_event_type != "Other":
            assert c.cameo_code.startswith(c.cameo_root_code) and c.cameo_code.startswith(c.cameo_base_code)
            assert c.plover_event_type.isupper() and c.quad_class in {"1", "2", "3", "4"}
        assert c.disorder_type in {"Political violence", "Demonstrations", "Strategic developments",
                                   "Political violence; Demonstrations"}  # fmt: skip


@pytest.mark.slow
def test_acled_csv_round_trip(built, tmp_path):
    with open_for_reading(built) as con:
        export(con, "acled", tmp_path / "acled.csv")
    frame = pd.read_csv(tmp_path / "acled.csv", keep_default_na=False, dtype={"event_id_cnty": str})
    assert tuple(frame.columns) == ACLED_COLUMNS
    events = dict(warehouse_rows(built, "select event_id, fatalities from events"))
    assert len(frame) == len(events)
    assert dict(zip(frame["event_id_cnty"], frame["fatalities"], strict=True)) == events
    assert frame["fatalities"].dtype.kind == "i" and frame["timestamp"].dtype.kind == "i"
    mali = frame[frame["country"] == "Mali"].iloc[0]
    assert (mali["iso"], mali["region"], mali["time_precision"]) == (466, "Western Africa", 1)
    assert mali["geo_precision"] in (1, 2)  # at or near Gao
    assert mali["disorder_type"] == "Political violence"
    assert set(mali["source"].split("; ")) == {"Niger Bend Post", "Sahel Courier"}
    bodies = " ".join(r[0] for r in warehouse_rows(built, "select body from articles"))
    for note in frame["notes"]:
        assert note.endswith(".") and note.count(". ") == 0  # one sentence
        assert note[:-1] not in bodies and "Residents said" not in note  # built from fields, not copied
    assert (frame["admin3"] == "").all()
    abduction = frame[frame["sub_event_type"] == "Abduction/forced disappearance"].iloc[0]
    codes = (abduction["inter1"], abduction["inter2"], abduction["interaction"])
    assert tuple(str(c) for c in codes) == ("3", "7", "37")  # inter2 is read as text: some rows have none
    assert abduction["assoc_actor_1"] == ""  # an armed group belongs to no one
    protest = frame[frame["event_type"] == "Protests"].iloc[0]
    assert (protest["actor1"], protest["assoc_actor_1"], str(protest["inter1"])) == (
        "Protesters (Nigeria)", "Students (Nigeria)", "6"
    )  # fmt: skip
    # The export writes the events' own fields.
    stored = warehouse_rows(built, "select assoc_actor_1, inter1 from events where event_type = 'Protests'")
    assert stored == [("Students (Nigeria)", 6)]


@pytest.mark.slow
def test_gdelt_files_round_trip(built, tmp_path):
    with open_for_reading(built) as con:
        export(con, "gdelt", tmp_path / "gdelt")
    events = pl.read_csv(tmp_path / "gdelt" / "events.tsv", separator="\t", infer_schema_length=0)
    mentions = pl.read_csv(tmp_path / "gdelt" / "mentions.tsv", separator="\t", infer_schema_length=0)
    ids_file = tmp_path / "gdelt" / "event_ids.tsv"
    ids = pl.read_csv(ids_file, separator="\t", schema_overrides={"GlobalEventID": pl.Int64})
    assert tuple(events.columns) == EVENT_COLUMNS and len(EVENT_COLUMNS) == 61
    assert tuple(mentions.columns) == MENTION_COLUMNS and len(MENTION_COLUMNS) == 16
    counts = warehouse_rows(built, "select event_id, num_mentions, num_sources from events")
    assert events.height == len(counts) == ids.height
    assert mentions.height == warehouse_rows(built, "select count(*) from event_mentions")[0][0]
    by_id = {global_event_id(e): (str(n), str(s)) for e, n, s in counts}
    got = {int(g): (n, s) for g, n, s in events.select("GlobalEventID", "NumMentions", "NumSources").rows()}
    assert got == by_id
    assert dict(ids.rows()) == {global_event_id(e): e for e, _, _ in counts}
    assert set(mentions["GlobalEventID"].cast(pl.Int64)) <= set(ids["GlobalEventID"])
    mali = events.filter(pl.col("ActionGeo_CountryCode") == "ML")  # FIPS: Mali is ML, Nigeria is NI
    assert mali.height >= 1 and (mali["EventRootCode"] == "19").any()
    assert set(events["ActionGeo_CountryCode"]) <= {"ML", "NI"}
    first = mentions.row(0, named=True)
    assert int(first["SentenceID"]) >= 1 and 0 <= int(first["Confidence"]) <= 100


@pytest.mark.slow
def test_parquet_tables_round_trip(built, tmp_path):
    with open_for_reading(built) as con:
        export(con, "parquet", tmp_path / "parquet")
        manifest = json.loads((tmp_path / "parquet" / "manifest.json").read_text())
        # Readers (exports included) read the last complete state: the snapshot the last run published.
        assert manifest["warehouse"].endswith(".duckdb") and manifest["extractor_version"]
        tables = {t["table"]: t for t in manifest["tables"]}
        assert set(tables) >= {"articles", "event_mentions", "events", "quarantine", "event_history",
                               "events_daily", "events_weekly", "actor_dyads", "source_coverage"}  # fmt: skip
        for name, entry in tables.items():
            source = name if name in ("articles", "event_mentions", "events", "quarantine", "event_history",
                                      "event_sources") else f"marts.{name}"  # fmt: skip
            expected = [(c[0], c[1].replace("HUGEINT", "BIGINT"))
                        for c in con.execute(f"describe {source}").fetchall()]  # fmt: skip
            path = tmp_path / "parquet" / entry["file"]
            back = duckdb.sql(f"describe select * from '{path}'").fetchall()
            assert [(c[0], c[1]) for c in back] == [(c[0], c[1]) for c in expected], name
            assert [(c["name"], c["type"]) for c in entry["columns"]] == [(c[0], c[1]) for c in expected]
            rows = duckdb.sql(f"select count(*) from '{path}'").fetchone()[0]
            assert rows == entry["rows"] == con.execute(f"select count(*) from {source}").fetchone()[0], name


@pytest.mark.slow
def test_filters_select_events_and_their_mentions(built, tmp_path):
    with open_for_reading(built) as con:
        export(con, "acled", tmp_path / "ng.csv", ExportFilter(country="NGA"))
        export(con, "gdelt", tmp_path / "early", ExportFilter(until=dt.date(2025, 4, 10)))
        export(con, "parquet", tmp_path / "pq", ExportFilter(since=dt.date(2025, 4, 10), country="Nigeria"))
        with pytest.raises(ValueError, match="unknown country"):
            export(con, "acled", tmp_path / "x.csv", ExportFilter(country="Atlantis"))
    ng = pd.read_csv(tmp_path / "ng.csv", keep_default_na=False)
    assert (
        len(ng) == warehouse_rows(built, "select count(*) from events where country_code = 'NG'")[0][0] >= 1
    )
    assert set(ng["country"]) == {"Nigeria"}
    early = pl.read_csv(tmp_path / "early" / "events.tsv", separator="\t", infer_schema_length=0)
    assert early.height >= 1 and all(day <= "20250410" for day in early["Day"])
    mentions = pl.read_csv(tmp_path / "early" / "mentions.tsv", separator="\t", infer_schema_length=0)
    assert set(mentions["GlobalEventID"]) == set(early["GlobalEventID"])
    pq_events = duckdb.sql(f"select country_code from '{tmp_path / 'pq' / 'events.parquet'}'").fetchall()
    assert pq_events and {c for (c,) in pq_events} == {"NG"}


@pytest.mark.slow
def test_export_command_and_asset(built, tmp_path, monkeypatch):
    from app.cli import main
    from assets.exports import exports
    from assets.resources import Warehouse

    monkeypatch.setenv("EVENTS_WAREHOUSE", str(built))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))  # the CLI would set it for good
    out = tmp_path / "cli.csv"
    assert main(["export", "acled", "--out", str(out), "--country", "ML", "--warehouse", str(built),
                 "--deleted", str(tmp_path / "deleted.csv")]) == 0  # fmt: skip
    assert out.exists() and (tmp_path / "deleted.csv").read_text().startswith("event_id_cnty,")
    assert (
        main(["export", "acled", "--out", str(out), "--country", "Atlantis", "--warehouse", str(built)]) == 2
    )

    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [exports],
            resources={"warehouse": Warehouse(database=str(built))},
            run_config={"ops": {"exports": {"config": {"out": str(tmp_path / "asset")}}}},
            instance=instance,
        )
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.passed and check.check_name == "exports_match_warehouse"
    metadata = result.asset_materializations_for_node("exports")[0].metadata
    assert metadata["dagster/row_count"].value == warehouse_rows(built, "select count(*) from events")[0][0]
    for name in (
        "acled.csv",
        "deleted.csv",
        "gdelt/events.tsv",
        "gdelt/mentions.tsv",
        "parquet/manifest.json",
    ):
        assert (tmp_path / "asset" / name).exists(), name


def test_documented_code_table_matches_the_data_file():
    readme = (Path(__file__).parent.parent / "pipeline" / "export" / "README.md").read_text(encoding="utf-8")
    documented = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] in SUB_EVENT_TYPES and len(cells) == 6:
            documented[cells[0]] = cells[1:5]
    expected = {}
    for c in event_codes().values():
        cameo = f"{c.cameo_code} ({c.cameo_base_code}, {c.cameo_root_code})" if c.cameo_code else ""
        plover = c.plover_event_type + (f" ({c.plover_mode})" if c.plover_mode else "")
        expected[c.sub_event_type] = [c.disorder_type, cameo, c.quad_class, plover]
    assert documented == expected


def test_events_export_from_a_warehouse_written_before_the_history(built, tmp_path):
    """No core.event_changes yet: the same events, with no first/last recorded times."""
    import shutil

    from pipeline.export.selection import events, selected_events

    old = tmp_path / "old.duckdb"
    shutil.copyfile(built, old)
    con = duckdb.connect(str(old))
    try:
        with selected_events(con, ExportFilter()):
            with_history = events(con)
        con.execute("drop view if exists main.event_history")
        con.execute("drop table core.event_changes")
        with selected_events(con, ExportFilter()):
            without = events(con)
    finally:
        con.close()
    assert [e["event_id"] for e in without] == [e["event_id"] for e in with_history]
    assert all(e["first_recorded_at"] is not None for e in with_history)
    assert all(e["first_recorded_at"] is None and e["last_changed_at"] is None for e in without)
