"""Each stage over the warehouse: read its input tables, call the domain step, write its output idempotently.

Per-batch stages (clean, extract) replace exactly the rows of their batch inside one transaction, so a rerun
or a failure midway never leaves partial or doubled rows. Dedup and the marts are projections recomputed from
everything current. Dagster assets call these functions and nothing else touches the tables.

The SQL is in ``warehouse/queries/`` (one file per stage, see ``pipeline.queries``), and the frames written
take their columns from the tables themselves (``schema.sql``), so no column list is repeated here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict

import duckdb
import polars as pl

from expectations.clean_articles import quarantine_reason
from pipeline.clean import clean_article
from pipeline.config import EXTRACTOR_VERSION
from pipeline.dedup import cluster_mentions
from pipeline.extract.detect import REASONS
from pipeline.extract.mentions import ArticleContext, SentenceInput
from pipeline.history import record_event_changes
from pipeline.landing import QuarantineRecord
from pipeline.parallel import chunk_articles, extract_chunks, map_chunks, warm_up
from pipeline.progress import Progress, Report
from pipeline.queries import query
from pipeline.raw import quarantine
from pipeline.warehouse import frame_schema, refresh_marts, transaction


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        con.register("_incoming", frame.to_arrow())
        con.execute(query("tables.insert_frame", table=table))
        con.unregister("_incoming")


def clean_batch(
    con: duckdb.DuckDBPyConnection, batch_id: str, progress: Report | None = None
) -> pl.DataFrame:
    """Clean every article version that came in with a batch; returns the cleaned articles.

    An article that cannot be cleaned, or breaks a row rule of the clean suite (too little text, markup
    left, dated in the future), is quarantined with its reason; the rest of the batch goes on.
    ``progress`` gets a line every few seconds while it works (see pipeline.progress)."""
    versions = con.execute(query("clean.versions_to_clean"), [batch_id]).pl()
    now = _now()
    article_schema = frame_schema(con, "staging.articles")
    sentence_schema = frame_schema(con, "staging.sentences")
    articles, sentences, empty = [], [], []
    done = Progress("clean", versions.height, progress)
    # The extraction workers start now and load their models while the batch is cleaned, on every core.
    warm_up(versions.height)
    size = chunk_articles(versions.height, CLEAN_CHUNK_ARTICLES)
    chunks = (
        (versions.slice(start, size).to_dicts(), batch_id, now) for start in range(0, versions.height, size)
    )
    cleaned = map_chunks(clean_chunk, chunks, versions.height)
    with transaction(con):
        con.execute(query("clean.delete_sentences_of_batch"), [batch_id])
        con.execute(query("tables.delete_batch", table="staging.articles"), [batch_id])
        for i, (article, article_sentences, reason) in enumerate(_flat(cleaned)):
            done.advance()
            if reason is not None:
                v = versions.row(i, named=True)
                empty.append(QuarantineRecord(v["source_path"], v["record_index"], reason,
                                              v["content"][:65536], len(v["content"])))  # fmt: skip
                continue
            articles.append(article)
            sentences.extend(article_sentences)
            if len(sentences) >= CLEAN_CHUNK_SENTENCES:  # written as they come, never all held
                _append(con, "staging.sentences", pl.DataFrame(sentences, schema=sentence_schema))
                sentences = []
        _append(con, "staging.sentences", pl.DataFrame(sentences, schema=sentence_schema))
        article_frame = pl.DataFrame(articles, schema=article_schema)
        _append(con, "staging.articles", article_frame)
        for q in empty:
            quarantine(con, batch_id, q, now)
    return article_frame


# Sentences are written every this many, inside the batch's transaction: 10,000 articles hold 250,000.
CLEAN_CHUNK_SENTENCES = 20_000
# Articles cleaned per chunk (a chunk is cleaned in one process; see pipeline.parallel).
CLEAN_CHUNK_ARTICLES = 50

Cleaned = tuple[dict | None, list[dict], str | None]


def clean_chunk(versions: list[dict], batch_id: str, now: dt.datetime) -> list[Cleaned]:
    """``_clean_one`` of each article version; one that cannot be cleaned gets its reason (a bug costs this
    article, not the batch)."""
    out: list[Cleaned] = []
    for v in versions:
        try:
            out.append(_clean_one(v, batch_id, now))
        except Exception as err:  # a bug costs this article, not the batch
            out.append((None, [], f"could not be cleaned: {type(err).__name__}: {err}"))
    return out


def _flat(chunks: Iterable[list[Cleaned]]) -> Iterator[Cleaned]:
    for chunk in chunks:
        yield from chunk


def _clean_one(v: dict, batch_id: str, now: dt.datetime) -> tuple[dict | None, list[dict], str | None]:
    """One article version: (article row, sentence rows, None), or (None, [], why it is quarantined)."""
    cleaned = clean_article(
        v["content"],
        is_html=v["content_is_html"],
        title=v["title"],
        outlet=v["outlet"],
        published_at_raw=v["published_at_raw"],
        url=v["url"],
    )
    reason = quarantine_reason(
        cleaned.body, len(cleaned.sentences), cleaned.published_at, now, v["published_at_raw"]
    )
    if reason is not None:
        return None, [], reason
    article = {
        "article_id": v["content_hash"],
        "batch_id": batch_id,
        "article_key": v["article_key"],
        "source_id": v["source_id"],
        "url": v["url"],
        "outlet": cleaned.outlet,
        "title": cleaned.title,
        "published_at": cleaned.published_at,
        "published_at_local": cleaned.published_at_local,
        "published_at_raw": v["published_at_raw"],
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
    rows = [
        {
            "article_id": v["content_hash"],
            "sentence_index": s.index,
            "char_start": s.char_start,
            "char_end": s.char_end,
            "sentence": s.text,
        }
        for s in cleaned.sentences
    ]
    return article, rows, None


# Articles are extracted and written in chunks (bounded memory on big batches), all inside one transaction.
# A chunk is also how often extraction can report progress: 50 articles take a few seconds.
EXTRACT_CHUNK_ARTICLES = 50


def after_chunk_written(batch_id: str, rows_so_far: int) -> None:
    """Called after each chunk of mentions is written, inside the batch's transaction.

    A seam for fault-injection tests: raising here must leave no partial rows behind."""


def extract_batch(
    con: duckdb.DuckDBPyConnection, batch_id: str, progress: Report | None = None
) -> pl.DataFrame:
    """Extract event mentions from the English articles of a batch; returns the mentions written.

    The chunks are extracted on every core (pipeline.extract.parallel) and written in order as they come
    back. ``progress`` gets a line every few seconds while it works (see pipeline.progress)."""
    articles = con.execute(query("extract.articles_to_extract"), [batch_id]).fetchall()
    schema = frame_schema(con, "core.mentions")
    candidate_schema = frame_schema(con, "core.event_candidates")
    frames = []
    done = Progress("extract", len(articles), progress)
    size = chunk_articles(len(articles), EXTRACT_CHUNK_ARTICLES)
    chunks = [articles[start : start + size] for start in range(0, len(articles), size)]
    with transaction(con):
        con.execute(query("tables.delete_batch", table="core.mentions"), [batch_id])
        con.execute(query("tables.delete_batch", table="core.event_candidates"), [batch_id])
        written = 0
        inputs = (_extract_inputs(con, chunk) for chunk in chunks)
        for chunk, (mentions, candidates) in zip(chunks, extract_chunks(inputs, len(articles)), strict=True):
            frame, candidate_frame = _frames(batch_id, mentions, candidates, schema, candidate_schema)
            _append(con, "core.mentions", frame)
            _append(con, "core.event_candidates", candidate_frame)
            written += frame.height
            frames.append(frame)
            after_chunk_written(batch_id, written)
            done.advance(len(chunk))
    return pl.concat(frames) if frames else pl.DataFrame(schema=schema)


def _extract_inputs(
    con: duckdb.DuckDBPyConnection, articles: list[tuple]
) -> tuple[list[ArticleContext], list[SentenceInput]]:
    ids = [row[0] for row in articles]
    sentences = con.execute(query("extract.sentences_of_articles"), [ids]).fetchall()
    return [ArticleContext(*row) for row in articles], [SentenceInput(*row) for row in sentences]


def _frames(
    batch_id: str,
    mentions: list,
    candidates: list,
    schema: dict[str, pl.DataType],
    candidate_schema: dict[str, pl.DataType],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    now = _now()
    added = {"batch_id": batch_id, "extractor_version": EXTRACTOR_VERSION, "extracted_at": now}
    # The columns are the tables' own (schema.sql): a Mention's or Candidate's fields, plus the stage's.
    return (
        pl.DataFrame([{**asdict(m), **added} for m in mentions], schema=schema),
        pl.DataFrame([{**asdict(c), **added} for c in candidates], schema=candidate_schema),
    )


def _refresh_reasons(con: duckdb.DuckDBPyConnection) -> None:
    reasons = pl.DataFrame({"reason": list(REASONS), "meaning": list(REASONS.values())})
    con.register("_incoming", reasons.to_arrow())
    try:
        con.execute(query("extract.refresh_detection_reasons"))
    finally:
        con.unregister("_incoming")


# A gate runs a stage's blocking check on what the stage wrote: (suite, batch or None, frame) -> passed.
Gate = Callable[[str, "str | None", pl.DataFrame], bool]


class ReplayBlocked(Exception):
    """A blocking check failed on the replayed events: the rebuild must not replace anything."""


def replay_log(
    con: duckdb.DuckDBPyConnection, gate: Gate | None = None, run_id: str | None = None
) -> list[str]:
    """Drop every projection and rebuild it from the article log, batch by batch in log order.

    Each stage of each batch passes the same blocking check as in an incremental run (``gate``): a batch a
    check blocked then is blocked again, and its later stages are not replayed. A failing events check
    raises ``ReplayBlocked``. The log and the article versions are not touched. Events are replaced by the
    final dedup, which records what the rebuild changed in the history (nothing, with the same code). Returns
    the batches."""
    gate = gate or (lambda suite, batch_id, frame: True)
    batches = [b for (b,) in con.execute(query("rebuild.batches_in_log_order")).fetchall()]
    with transaction(con):
        for table in ("staging.sentences", "staging.articles", "core.mentions", "core.event_candidates"):
            con.execute(query("tables.delete_all", table=table))
    for batch_id in batches:
        if not gate("raw_articles", batch_id, raw_versions_frame(con, batch_id)):
            continue
        if not gate("clean_articles", batch_id, clean_batch(con, batch_id)):
            continue
        mentions = extract_batch(con, batch_id)
        # A failed mentions check stops only the run it happened in; the next run's dedup counts them.
        gate("event_mentions", batch_id, mentions_check_frame(con, batch_id, mentions))
    if not gate("events", None, dedup_all(con, run_id=run_id)):
        raise ReplayBlocked("the events check failed on the replayed events")
    build_marts(con)
    return batches


def raw_versions_frame(con: duckdb.DuckDBPyConnection, batch_id: str) -> pl.DataFrame:
    """The article versions a batch brought in, as the raw check sees them."""
    return con.execute(query("raw.versions_of_batch"), [batch_id]).pl()


def mentions_check_frame(
    con: duckdb.DuckDBPyConnection, batch_id: str, mentions: pl.DataFrame
) -> pl.DataFrame:
    """A batch's mentions with their article's publication time, as the mentions check sees them."""
    published = con.execute(query("extract.publication_dates_of_batch"), [batch_id]).pl()
    return mentions.join(published, on="article_id", how="left")


def dedup_all(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> pl.DataFrame:
    """Recompute events from every current mention (stable ids: see pipeline.dedup); returns the events.

    What changed is appended to the history in the same transaction (pipeline.history)."""

    mentions = con.execute(query("dedup.current_mentions")).pl().to_dicts()
    events, members = cluster_mentions(mentions)
    kept, withheld = [], []
    for event in events:
        (withheld if event.pop("withheld") else kept).append(event)
    event_frame = pl.DataFrame(kept, schema=frame_schema(con, "core.events"))
    withheld_frame = pl.DataFrame(withheld, schema=frame_schema(con, "core.withheld_events"))
    member_frame = pl.DataFrame(members, schema=frame_schema(con, "core.event_members"))
    kept_ids = set(event_frame["event_id"].to_list())
    with transaction(con):
        # Here, not in the extract step: this step has one writer at a time (see extract.sql).
        _refresh_reasons(con)
        # The history is that of the events table: an event withheld leaves it, as one whose reports left.
        kept_members = member_frame.filter(pl.col("event_id").is_in(kept_ids))
        record_event_changes(con, event_frame, kept_members, run_id=run_id)
        for table, frame in (
            ("core.events", event_frame),
            ("core.withheld_events", withheld_frame),
            ("core.event_members", member_frame),
        ):
            con.execute(query("tables.delete_all", table=table))
            _append(con, table, frame)
    return event_frame


def build_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the events' place names and the aggregate tables; returns the marts' row counts."""
    from pipeline.marts import write_event_places

    with transaction(con):
        write_event_places(con)
        refresh_marts(con)
    names = ("events_daily", "events_weekly", "actor_dyads", "source_coverage")
    return {n: con.execute(query("tables.row_count", table=f"marts.{n}")).fetchone()[0] for n in names}
