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
    assert log(con) == [("ingested", "feed/x1", "feed.jsonl")]  # the key is (source, id): here the feed
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


# --- issue 10: article identity, file order, retractions ------------------------------------------------


def _drop(tmp_path, con, name, records):
    landing = tmp_path / "landing"
    landing.mkdir(exist_ok=True)
    (landing / name).write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return store_batch(con, name, read_batch(landing, name))


def test_the_same_id_from_two_outlets_is_two_articles(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    _drop(
        tmp_path, con, "coast.jsonl", [{"id": "1", "outlet": "Coast Wire", "text": "Gunmen attacked a boat."}]
    )
    _drop(
        tmp_path, con, "delta.jsonl", [{"id": "1", "outlet": "Delta Post", "text": "Troops shelled a town."}]
    )
    assert [kind for kind, *_ in log(con)] == ["ingested", "ingested"]
    # A retraction naming only the id "1" could mean either: it is refused, not guessed.
    _drop(tmp_path, con, "r.jsonl", [{"id": "1", "retract": True}])
    assert [kind for kind, *_ in log(con)] == ["ingested", "ingested"]
    (reason,) = con.execute("select reason from raw.quarantine").fetchone()
    assert "ambiguous" in reason
    _drop(tmp_path, con, "r2.jsonl", [{"id": "1", "outlet": "delta post", "retract": True}])
    assert log(con)[-1][:2] == ("retracted", "delta post/1")


def test_retraction_by_url_of_an_article_with_an_id(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    url = "https://www.coastwire.example/2025/06/03/kismayo-attack"
    _drop(tmp_path, con, "b1.jsonl", [{"id": "c-9", "url": url, "text": "Gunmen attacked a boat."}])
    (tmp_path / "landing" / "b2.retract").write_text("http://coastwire.example/2025/06/03/kismayo-attack/\n")
    store_batch(con, "b2.retract", read_batch(tmp_path / "landing", "b2.retract"))
    assert [k for k, *_ in log(con)] == ["ingested", "retracted"]
    assert con.execute("select count(*) from raw.quarantine").fetchone() == (0,)


def test_a_retracted_article_sent_again_is_ingested_again(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    report = {"id": "x1", "outlet": "Wire", "text": "Rebels attacked a base."}
    _drop(tmp_path, con, "b1.jsonl", [report])
    _drop(tmp_path, con, "b2.jsonl", [{"id": "x1", "outlet": "Wire", "retract": True}])
    again = _drop(tmp_path, con, "b3.jsonl", [report])
    assert (again.log_entries, again.quarantined) == (1, 0)
    assert [k for k, *_ in log(con)] == ["ingested", "retracted", "ingested"]
    rerun = store_batch(con, "b3.jsonl", read_batch(tmp_path / "landing", "b3.jsonl"))
    assert (rerun.log_entries, rerun.quarantined, rerun.unchanged) == (0, 0, 1)


def test_lines_of_a_file_are_applied_in_file_order(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    _drop(tmp_path, con, "b1.jsonl", [{"id": "x1", "text": "Rebels attacked a base."}])
    # The feed retracts its report, then sends a corrected one: the corrected one stays current.
    _drop(
        tmp_path,
        con,
        "b2.jsonl",
        [{"id": "x1", "retract": True}, {"id": "x1", "text": "Rebels attacked a post."}],
    )
    assert [k for k, *_ in log(con)] == ["ingested", "retracted", "ingested"]
    latest = con.execute(
        "select arg_max(kind, seq) from raw.article_log where article_key = 'b/x1'"
    ).fetchone()  # feed name of b1.jsonl and b2.jsonl: "b"
    assert latest == ("ingested",)
    rerun = store_batch(con, "b2.jsonl", read_batch(tmp_path / "landing", "b2.jsonl"))
    assert (rerun.log_entries, rerun.unchanged) == (0, 2)


def test_a_record_with_a_lone_surrogate_does_not_stop_its_batch(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "f.jsonl").write_text(
        '{"id": "\\ud800", "text": "Gunmen attacked a boat."}\n'
        + json.dumps({"id": "ok", "text": "Troops shelled a town."})
        + "\n",
        encoding="utf-8",
    )
    result = store_batch(con, "f.jsonl", read_batch(landing, "f.jsonl"))
    assert (result.new_versions, result.quarantined) == (1, 1)
