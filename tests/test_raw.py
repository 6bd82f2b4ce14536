"""Raw stage: the append-only article log on a real DuckDB file."""

from __future__ import annotations

import json

from pipeline.landing import read_batch
from pipeline.raw import store_batch
from pipeline.warehouse import connect


def log(con):
    return con.execute("select kind, article_key, batch_id from raw.article_log order by seq").fetchall()


def test_versions_log_and_idempotent_rerun(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Rebels attacked a base."}) + "\n" + '{"id": "x2", "text": ' + "\n",
        encoding="utf-8",
    )
    con = connect(tmp_path / "w.duckdb")
    first = store_batch(con, "feed.jsonl", read_batch(landing, "feed.jsonl"))
    assert (first.new_versions, first.log_entries, first.quarantined) == (1, 1, 1)
    again = store_batch(con, "feed.jsonl", read_batch(landing, "feed.jsonl"))
    assert (again.new_versions, again.log_entries, again.quarantined, again.unchanged) == (0, 0, 0, 1)
    assert log(con) == [("ingested", "x1", "feed.jsonl")]
    assert con.execute("select count(*) from raw.quarantine").fetchone()[0] == 1


def test_update_duplicate_and_retraction(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    con = connect(tmp_path / "w.duckdb")

    def drop(name, records):
        (landing / name).write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        return store_batch(con, name, read_batch(landing, name))

    drop("b1.jsonl", [{"id": "x1", "text": "First version."}])
    drop("b2.jsonl", [{"id": "x1", "text": "Corrected version."}])
    dup = drop("b3.jsonl", [{"id": "x1", "text": "Corrected version."}])
    assert dup.quarantined == 1 and dup.new_versions == 0
    drop("b4.jsonl", [{"id": "x1", "retract": True}, {"id": "nobody", "retract": True}])
    assert [k for k, *_ in log(con)] == ["ingested", "updated", "retracted"]
    reasons = [r for (r,) in con.execute("select reason from raw.quarantine order by batch_id").fetchall()]
    assert reasons[0].startswith("duplicate: same content as 'b2.jsonl' record 1")
    assert reasons[1] == "retraction of unknown article 'nobody'"
    assert con.execute("select count(*) from raw.article_versions").fetchone()[0] == 2


def test_same_content_under_two_names_is_stored_once(tmp_path):
    landing = tmp_path / "landing"
    (landing / "drop").mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (landing / "drop" / name).write_text("Soldiers repelled an attack on Gao.", encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    result = store_batch(con, "drop", read_batch(landing, "drop"))
    assert (result.new_versions, result.quarantined) == (1, 1)
    rerun = store_batch(con, "drop", read_batch(landing, "drop"))
    assert (rerun.new_versions, rerun.quarantined, rerun.log_entries) == (0, 0, 0)
    assert con.execute("select count(*) from raw.article_versions").fetchone()[0] == 1
