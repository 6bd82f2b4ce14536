"""What changed, and when: the dedup step's history of every event (core.event_changes, event_history)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from kit import rows, write_jsonl

from pipeline.history import diff_events


def event(event_id: str, **values) -> dict:
    base = {
        "event_id": event_id, "event_date": dt.date(2025, 3, 3), "date_start": dt.date(2025, 3, 3),
        "date_end": dt.date(2025, 3, 3), "date_precision": "day", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Chad", "actor2": None,
        "location": "Bol", "admin1": "Lac", "country_code": "TD", "latitude": 13.46, "longitude": 14.71,
        "geo_precision": "place", "fatalities": 3, "fatalities_max": 3, "injured": None, "num_mentions": 1,
        "num_articles": 1, "num_sources": 1,
    }  # fmt: skip
    return {**base, **values}


ARTICLES = {"m1": ("a", "a-v1"), "m2": ("b", "b-v1"), "m3": ("a", "a-v2"), "m4": ("c", "c-v1")}


def test_diff_names_each_kind_of_change():
    before = [event("e1"), event("e2", location="Mao", latitude=14.1)]
    after = [event("e1", fatalities=5, fatalities_max=7, num_mentions=2, num_articles=2, num_sources=2)]
    changes = diff_events(before, {"m1": "e1", "m2": "e2"}, after, {"m3": "e1", "m2": "e1"}, ARTICLES)
    kinds = {(c.event_id, c.change) for c in changes}
    assert kinds == {
        ("e1", "report_joined"),  # b's report now counts for e1
        ("e1", "report_updated"),  # a was corrected (a new version, new mentions)
        ("e1", "toll_changed"),
        ("e2", "merged"),  # its only report now belongs to e1
    }
    toll = next(c for c in changes if c.change == "toll_changed")
    assert (toll.values_before, toll.values_after) == (
        {"fatalities": 3, "fatalities_max": 3},
        {"fatalities": 5, "fatalities_max": 7},
    )
    merged = next(c for c in changes if c.change == "merged")
    assert merged.related_event_id == "e1" and merged.values_after is None
    assert merged.values_before["location"] == "Mao"


def test_diff_created_split_and_removed():
    before = [event("e1", num_mentions=2)]
    after = [event("e1"), event("e9", location="Mao"), event("e5")]
    changes = diff_events(before, {"m1": "e1", "m2": "e1"}, after, {"m1": "e1", "m2": "e9", "m4": "e5"},
                          ARTICLES)  # fmt: skip
    kinds = {(c.event_id, c.change, c.related_event_id) for c in changes}
    assert ("e9", "split", "e1") in kinds and ("e5", "created", None) in kinds
    assert ("e1", "report_removed", None) in kinds
    gone = diff_events(after, {"m4": "e5"}, [], {}, ARTICLES)
    assert {(c.event_id, c.change) for c in gone} == {("e1", "removed"), ("e9", "removed"), ("e5", "removed")}
    assert diff_events(after, {"m4": "e5"}, after, {"m4": "e5"}, ARTICLES) == []


# --- A history with a second outlet, an update and a retraction, through the real Dagster job -------------

RAID = {
    "id": "lake-201", "outlet": "Lake Chad Monitor", "published_at": "2025-03-04",
    "text": "BOL, Chad — Soldiers clashed with militants near Bol on Monday, and at least three soldiers "
            "were killed, the army said.",
}  # fmt: skip
RAID_OTHER_OUTLET = {
    "id": "sahel-88", "outlet": "Sahel Courier", "published_at": "2025-03-04",
    "text": "Militants attacked an army patrol near Bol on Monday, killing five soldiers, a local official "
            "said.",
}  # fmt: skip
KIDNAP = {
    "id": "lake-202", "outlet": "Lake Chad Monitor", "published_at": "2025-03-05",
    "text": "Gunmen abducted nine traders from a village near Maiduguri on Tuesday, police said.",
}  # fmt: skip


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Four batches: two reports, a second outlet, a correction, a retraction; one Dagster run each."""
    import dagster as dg

    from assets.runner import run_landing

    root = tmp_path_factory.mktemp("history")
    landing, warehouse = root / "landing", root / "events.duckdb"
    landing.mkdir()
    runs = []
    with dg.instance_for_test() as instance:
        steps = [
            lambda: write_jsonl(landing / "b1.jsonl", [RAID, KIDNAP]),
            lambda: write_jsonl(landing / "b2.jsonl", [RAID_OTHER_OUTLET]),
            lambda: write_jsonl(
                landing / "b3.jsonl", [{**RAID, "text": RAID["text"].replace("three", "four")}]
            ),
            lambda: (landing / "b4.retract").write_text("lake-202\n", encoding="utf-8"),
        ]
        for step in steps:
            step()
            report = run_landing(landing, warehouse, instance=instance)
            assert report.success
            runs.append(report.run_ids[-1])
        yield landing, warehouse, runs, instance


pytestmark_slow = pytest.mark.slow


@pytestmark_slow
def test_event_history_names_each_change_and_its_log_entry(history):
    _, warehouse, runs, _ = history
    ((raid,),) = rows(warehouse, "select event_id from events where location = 'Bol'")
    found = rows(warehouse, "select change, log_seq, log_kind, article_key, batch_id, values_before, "
                            "values_after, run_id from event_history where event_id = ? order by change_seq",
                 [raid])  # fmt: skip
    changes = [(c, seq, kind, key, batch) for c, seq, kind, key, batch, *_ in found]
    assert changes[0] == ("created", 1, "ingested", "lake chad monitor/lake-201", "b1.jsonl")
    assert ("report_joined", 3, "ingested", "sahel courier/sahel-88", "b2.jsonl") in changes
    assert ("report_updated", 4, "updated", "lake chad monitor/lake-201", "b3.jsonl") in changes
    # The second outlet raises the highest figure; the correction raises the lowest.
    tolls = [(seq, json.loads(b), json.loads(a)) for c, seq, _, _, _, b, a, _ in found if c == "toll_changed"]
    assert tolls == [
        (3, {"fatalities_max": 3}, {"fatalities_max": 5}),
        (4, {"fatalities": 3}, {"fatalities": 4}),
    ]
    assert {r[7] for r in found} <= set(runs)

    ((kidnap, change, seq, kind, key, batch),) = rows(
        warehouse, "select event_id, change, log_seq, log_kind, article_key, batch_id from event_history "
                   "where change = 'removed'")  # fmt: skip
    assert (change, seq, kind, key, batch) == (
        "removed",
        5,
        "retracted",
        "lake chad monitor/lake-202",
        "b4.retract",
    )
    assert rows(warehouse, "select count(*) from events where event_id = ?", [kidnap]) == [(0,)]


@pytestmark_slow
def test_changes_command_since_a_run_and_since_a_date(history, capsys, monkeypatch, tmp_path):
    from app.cli import main

    _, warehouse, runs, _ = history
    monkeypatch.setenv("EVENTS_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))  # the CLI would set it for good
    assert main(["changes", "--since", runs[1], "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    first, *lines = out.strip().splitlines()
    assert first.startswith(f"changes since {runs[1]}: 0 created, 1 changed, 1 removed")
    assert any("removed" in line and "log 5 retracted lake chad monitor/lake-202" in line for line in lines)
    assert not any("report_joined" in line for line in lines)  # that was run 2 itself

    assert main(["changes", "--since", "2000-01-01", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("changes since 2000-01-01: 1 created, 0 changed, 1 removed")
    assert main(["changes", "--since", "no-such-run", "--warehouse", str(warehouse)]) == 2


@pytestmark_slow
def test_deletions_reruns_and_rebuild(history, tmp_path):
    from assets.runner import run_landing, run_rebuild
    from pipeline.export import ExportFilter, export
    from pipeline.warehouse import open_for_reading

    landing, warehouse, _, instance = history
    with open_for_reading(warehouse) as con:
        export(con, "acled", tmp_path / "acled.csv", ExportFilter(country="TD"), deleted=tmp_path / "td.csv")
        export(con, "acled", tmp_path / "acled.csv", ExportFilter(), deleted=tmp_path / "all.csv")
    ((removed,),) = rows(warehouse, "select event_id from event_history where change = 'removed'")
    assert (tmp_path / "td.csv").read_text().splitlines()[1:] == []  # the abduction was in Nigeria
    deleted = (tmp_path / "all.csv").read_text().splitlines()
    assert deleted[0].startswith("event_id_cnty,deleted_timestamp,event_id,change")
    assert [line.split(",")[0] for line in deleted[1:]] == [removed]

    history_sql = "select * exclude (recorded_at) from core.event_changes order by change_seq"
    before = rows(warehouse, history_sql)
    assert run_landing(landing, warehouse, rerun_all=True, instance=instance).success
    run_rebuild(landing, warehouse, instance=instance)
    assert rows(warehouse, history_sql) == before  # nothing changed, so nothing is recorded
