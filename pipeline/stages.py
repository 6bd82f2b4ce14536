"""Each stage over the warehouse: read its input tables, call the domain step, write its output idempotently.

Per-batch stages (clean, extract) replace exactly the rows of their batch inside one transaction, so a rerun
or a failure midway never leaves partial or doubled rows. Dedup and the marts are projections recomputed from
everything current. Dagster assets call these functions and nothing else touches the tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import duckdb
import polars as pl

from pipeline.clean import clean_article
from pipeline.dedup import cluster_mentions
from pipeline.extract.mentions import ArticleContext, SentenceInput, extract_mentions
from pipeline.landing import QuarantineRecord
from pipeline.raw import quarantine
from pipeline.warehouse import refresh_marts, transaction


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _replace(
    con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, where: str, params: list
) -> None:
    con.execute(f"delete from {table} where {where}", params)
    _append(con, table, frame)


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        con.register("_incoming", frame.to_arrow())
        con.execute(f"insert into {table} by name select * from _incoming")
        con.unregister("_incoming")


def clean_batch(con: duckdb.DuckDBPyConnection, batch_id: str) -> pl.DataFrame:
    """Clean every article version that came in with a batch; returns the cleaned articles."""
    versions = con.execute(
        "select content_hash, article_key, source_id, source_path, record_index, url, outlet, title, "
        "published_at_raw, content, content_is_html from raw.article_versions where batch_id = ? "
        "order by source_path, record_index",
        [batch_id],
    ).pl()
    now = _now()
    articles, sentences, empty = [], [], []
    for v in versions.iter_rows(named=True):
        cleaned = clean_article(
            v["content"],
            is_html=v["content_is_html"],
            title=v["title"],
            outlet=v["outlet"],
            published_at_raw=v["published_at_raw"],
            url=v["url"],
        )
        if not cleaned.body.strip() or not cleaned.sentences:
            empty.append(QuarantineRecord(v["source_path"], v["record_index"], "no text left after cleaning",
                                          v["content"][:65536], len(v["content"])))  # fmt: skip
            continue
        articles.append(
            {
                "article_id": v["content_hash"],
                "batch_id": batch_id,
                "article_key": v["article_key"],
                "source_id": v["source_id"],
                "url": v["url"],
                "outlet": cleaned.outlet,
                "title": cleaned.title,
                "published_at": cleaned.published_at,
                "published_at_source": cleaned.published_at_source,
                "dateline_place": cleaned.dateline_place,
                "body": cleaned.body,
                "language": cleaned.language,
                "is_english": cleaned.is_english,
                "n_chars": len(cleaned.body),
                "n_sentences": len(cleaned.sentences),
                "removed_lines": cleaned.removed_lines,
                "cleaned_at": now,
            }
        )
        sentences.extend(
            {
                "article_id": v["content_hash"],
                "sentence_index": s.index,
                "char_start": s.char_start,
                "char_end": s.char_end,
                "sentence": s.text,
            }
            for s in cleaned.sentences
        )
    article_frame = pl.DataFrame(articles, schema=_ARTICLE_SCHEMA)
    sentence_frame = pl.DataFrame(sentences, schema=_SENTENCE_SCHEMA)
    with transaction(con):
        con.execute(
            "delete from staging.sentences where article_id in "
            "(select article_id from staging.articles where batch_id = ?)",
            [batch_id],
        )
        _replace(con, "staging.articles", article_frame, "batch_id = ?", [batch_id])
        _append(con, "staging.sentences", sentence_frame)
        for q in empty:
            quarantine(con, batch_id, q, now)
    return article_frame


# Articles are extracted and written in chunks (bounded memory on big batches), all inside one transaction.
EXTRACT_CHUNK_ARTICLES = 200


def after_chunk_written(batch_id: str, rows_so_far: int) -> None:
    """Called after each chunk of mentions is written, inside the batch's transaction.

    A seam for fault-injection tests: raising here must leave no partial rows behind."""


def extract_batch(con: duckdb.DuckDBPyConnection, batch_id: str) -> pl.DataFrame:
    """Extract event mentions from the English articles of a batch; returns the mentions written."""
    articles = con.execute(
        "select article_id, published_at, dateline_place, title, body from staging.articles "
        "where batch_id = ? and is_english order by article_id",
        [batch_id],
    ).fetchall()
    frames = []
    with transaction(con):
        con.execute("delete from core.mentions where batch_id = ?", [batch_id])
        written = 0
        for start in range(0, len(articles), EXTRACT_CHUNK_ARTICLES):
            chunk = articles[start : start + EXTRACT_CHUNK_ARTICLES]
            frame = _extract_chunk(con, batch_id, chunk)
            _append(con, "core.mentions", frame)
            written += frame.height
            frames.append(frame)
            after_chunk_written(batch_id, written)
    return pl.concat(frames) if frames else pl.DataFrame(schema=_MENTION_SCHEMA)


def _extract_chunk(con: duckdb.DuckDBPyConnection, batch_id: str, articles: list[tuple]) -> pl.DataFrame:
    ids = [row[0] for row in articles]
    sentences = con.execute(
        "select article_id, sentence_index, char_start, char_end, sentence from staging.sentences "
        "where list_contains(?, article_id) order by article_id, sentence_index",
        [ids],
    ).fetchall()
    contexts = [ArticleContext(*row) for row in articles]
    mentions = extract_mentions(contexts, [SentenceInput(*row) for row in sentences])
    now = _now()
    return pl.DataFrame(
        [{**asdict(m), "batch_id": batch_id, "extracted_at": now} for m in mentions], schema=_MENTION_SCHEMA
    )


def replay_log(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop every projection and rebuild it from the article log, batch by batch in log order.

    The log and the article versions are not touched. Returns the batches replayed."""
    batches = [
        b for (b,) in con.execute(
            "select v.batch_id from raw.article_versions v join raw.article_log l using (content_hash) "
            "group by v.batch_id order by min(l.seq)"
        ).fetchall()
    ]  # fmt: skip
    with transaction(con):
        for table in ("staging.sentences", "staging.articles", "core.mentions", "core.event_members",
                      "core.events"):  # fmt: skip
            con.execute(f"delete from {table}")
    for batch_id in batches:
        clean_batch(con, batch_id)
        extract_batch(con, batch_id)
    dedup_all(con)
    build_marts(con)
    return batches


# Mentions in the order the log first heard of their article (stable across later versions of it).
CURRENT_MENTIONS_SQL = """
select m.*, a.outlet, a.published_at, f.first_seq as log_seq
from core.mentions m
join main.articles a using (article_id)
join (select article_key, min(seq) as first_seq from raw.article_log group by article_key) f
    using (article_key)
"""


def dedup_all(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Recompute events from every current mention (stable ids: see pipeline.dedup); returns the events."""
    mentions = con.execute(CURRENT_MENTIONS_SQL).pl().to_dicts()
    events, members = cluster_mentions(mentions)
    event_frame = pl.DataFrame(events, schema=_EVENT_SCHEMA)
    member_frame = pl.DataFrame(members, schema={"mention_id": pl.String, "event_id": pl.String})
    with transaction(con):
        _replace(con, "core.events", event_frame, "true", [])
        _replace(con, "core.event_members", member_frame, "true", [])
    return event_frame


def build_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the aggregate tables; returns their row counts."""
    with transaction(con):
        refresh_marts(con)
    names = ("events_daily", "events_weekly", "actor_dyads", "source_coverage")
    return {n: con.execute(f"select count(*) from marts.{n}").fetchone()[0] for n in names}


_ARTICLE_SCHEMA = {
    "article_id": pl.String, "batch_id": pl.String, "article_key": pl.String, "source_id": pl.String,
    "url": pl.String, "outlet": pl.String, "title": pl.String, "published_at": pl.Datetime("us"),
    "published_at_source": pl.String, "dateline_place": pl.String, "body": pl.String, "language": pl.String,
    "is_english": pl.Boolean, "n_chars": pl.Int32, "n_sentences": pl.Int32, "removed_lines": pl.Int32,
    "cleaned_at": pl.Datetime("us"),
}  # fmt: skip
_SENTENCE_SCHEMA = {
    "article_id": pl.String, "sentence_index": pl.Int32, "char_start": pl.Int32, "char_end": pl.Int32,
    "sentence": pl.String,
}  # fmt: skip
_MENTION_SCHEMA = {
    "mention_id": pl.String, "article_id": pl.String, "batch_id": pl.String, "sentence_index": pl.Int32,
    "char_start": pl.Int32, "char_end": pl.Int32, "sentence": pl.String, "trigger": pl.String,
    "event_type": pl.String, "sub_event_type": pl.String, "actor1": pl.String, "actor2": pl.String,
    "location": pl.String, "admin1": pl.String, "country_code": pl.String, "latitude": pl.Float64,
    "longitude": pl.Float64, "geo_precision": pl.String, "geonameid": pl.Int64, "event_date": pl.Date,
    "date_start": pl.Date, "date_end": pl.Date, "date_precision": pl.String, "is_background": pl.Boolean,
    "fatalities": pl.Int32, "injured": pl.Int32, "confidence": pl.Float64, "extractor_version": pl.String,
    "extracted_at": pl.Datetime("us"),
}  # fmt: skip
_EVENT_SCHEMA = {
    "event_id": pl.String, "event_date": pl.Date, "date_start": pl.Date, "date_end": pl.Date,
    "date_precision": pl.String, "event_type": pl.String, "sub_event_type": pl.String, "actor1": pl.String,
    "actor2": pl.String, "location": pl.String, "admin1": pl.String, "country_code": pl.String,
    "latitude": pl.Float64, "longitude": pl.Float64, "geo_precision": pl.String, "fatalities": pl.Int32,
    "fatalities_max": pl.Int32, "injured": pl.Int32, "num_mentions": pl.Int32, "num_articles": pl.Int32,
    "num_sources": pl.Int32, "first_reported_at": pl.Datetime("us"), "confidence": pl.Float64,
}  # fmt: skip
