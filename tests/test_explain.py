"""``python -m pipeline explain``: one event with its coding, evidence, score and every sentence that reports
it, on the bundled samples loaded once through the real Dagster job (the ``demo_load`` fixture)."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.explain import EventNotFound, explain, find_event
from pipeline.warehouse import open_for_reading


@pytest.fixture(scope="module")
def demo(demo_load):
    with open_for_reading(demo_load.warehouse) as con:
        yield con


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    return con.execute(sql).fetchone()


def test_an_event_is_shown_with_every_sentence_that_reports_it(demo):
    event_id, sub_type, location = _one(
        demo,
        "select event_id, sub_event_type, location from events order by num_mentions desc, event_id limit 1",
    )
    page = explain(demo, event_id[:10])  # the first characters are enough when only one id starts so
    assert page.startswith(f"event {event_id} (in events)")
    assert f"/ {sub_type}" in page and f"where: {location}" in page
    reports = demo.execute(
        "select m.sentence, m.trigger, a.outlet from event_mentions m join articles a using (article_id) "
        "where m.event_id = ?",
        [event_id],
    ).fetchall()
    assert page.count("\n    sentence ") == len(reports) > 1
    for sentence, trigger, outlet in reports:
        assert f'"{sentence}"' in page and f"trigger {trigger!r}" in page and outlet in page
    assert "event: reports a specific, real event" in page or "merged" in page  # detection's decision


def test_a_withheld_event_says_so_and_what_lowered_its_score(demo):
    (event_id,) = _one(demo, "select event_id from withheld_events order by event_id limit 1")
    page = explain(demo, event_id)
    assert page.startswith(f"event {event_id} (withheld: in withheld_events, not in events)")
    score_line = next(line for line in page.splitlines() if line.startswith("  event score:"))
    (score,) = _one(demo, f"select event_score from withheld_events where event_id = '{event_id}'")
    assert score_line.startswith(f"  event score: {score} (withheld below 0.5)") and score < 0.5
    assert "lowered most by:" in page


def test_a_short_report_is_not_judged(demo):
    (event_id,) = _one(
        demo, "select event_id from events where event_score is null order by event_id limit 1"
    )
    assert "event score: not judged" in explain(demo, event_id)


def test_unknown_and_ambiguous_references_are_refused(demo):
    with pytest.raises(EventNotFound, match="no event id starts with 'zz'"):
        find_event(demo, "zz")
    with pytest.raises(EventNotFound, match="give an event id"):
        find_event(demo, " ")


def test_a_prefix_two_events_share_names_both():
    con = duckdb.connect(":memory:")
    con.execute("create table events as select * from (values ('abc1'), ('abd2')) t(event_id)")
    con.execute("create table withheld_events as select * from (values ('abc3')) t(event_id)")
    with pytest.raises(EventNotFound, match="2 events start with 'abc': abc1, abc3"):
        find_event(con, "abc")
    assert find_event(con, "abd")["event_id"] == "abd2"
    assert find_event(con, "abc3")["held_in"] == "withheld_events"


def test_the_command_prints_the_page_or_says_why_not(demo_load, capsys, monkeypatch, tmp_path):
    from app.cli import main

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))  # the CLI would set it for good
    with open_for_reading(demo_load.warehouse) as con:
        (event_id,) = _one(con, "select event_id from events order by event_id limit 1")
    assert main(["explain", event_id, "--warehouse", str(demo_load.warehouse)]) == 0
    assert capsys.readouterr().out.startswith(f"event {event_id} (in events)")
    assert main(["explain", "no-such-event", "--warehouse", str(demo_load.warehouse)]) == 2
    assert "explain: no event id starts with 'no-such-event'" in capsys.readouterr().err
