"""Raw stage: append a landing batch to the article log, the system of record.

Guarantees: article versions are immutable and keyed by content hash, so the same content is stored once
however often or under whatever name it arrives; the log only ever grows (``ingested``, ``updated``,
``retracted``), in sequence order; rerunning a batch adds nothing; duplicates and unknown retractions are
quarantined with a reason rather than dropped. All writes of a batch happen in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb

from pipeline.landing import Batch, QuarantineRecord
from pipeline.queries import query
from pipeline.warehouse import transaction


@dataclass
class RawResult:
    """What storing one batch did."""

    new_versions: int = 0
    log_entries: int = 0
    quarantined: int = 0
    unchanged: int = 0


def quarantine_id(batch_id: str, q: QuarantineRecord) -> str:
    """Deterministic, so that a rerun of a batch does not quarantine the same thing twice."""
    key = "\x1f".join([batch_id, q.source_path, str(q.record_index), q.reason])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def quarantine(con: duckdb.DuckDBPyConnection, batch_id: str, q: QuarantineRecord, now: dt.datetime) -> int:
    """Record one quarantined input; returns 1 when it is new, 0 when a rerun had recorded it already."""
    inserted = con.execute(
        query("raw.insert_quarantine"),
        [quarantine_id(batch_id, q), batch_id, q.source_path, q.record_index, q.reason,
         q.raw_content, q.content_bytes, now],
    ).fetchall()  # fmt: skip
    return len(inserted)


def store_batch(
    con: duckdb.DuckDBPyConnection, batch_id: str, batch: Batch, signature: tuple[str, int, int] = ("", 0, 0)
) -> RawResult:
    """Append one batch to the log and the version store (one transaction)."""
    result = RawResult()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    quarantined = list(batch.quarantined)
    with transaction(con):
        for rec in batch.articles:
            h = rec.content_hash
            known = con.execute(query("raw.version_by_hash"), [h]).fetchone()
            latest = _latest(con, rec.article_key)
            if known is not None:
                if (known[1], known[2], known[3]) == (batch_id, rec.source_path, rec.record_index):
                    result.unchanged += 1  # a rerun of this batch
                    continue
                if known[0] == rec.article_key and latest is not None and latest[1] not in (h, None):
                    # The article went back to an earlier version of itself: log it, store nothing new.
                    _log(con, "updated", rec.article_key, h, batch_id, rec.source_path, rec.record_index, now)
                    result.log_entries += 1
                    continue
                quarantined.append(_duplicate(rec, known))
                continue
            con.execute(
                query("raw.insert_version"),
                [
                    h, rec.article_key, rec.source_id, rec.source_path, rec.record_index, rec.format,
                    rec.url, rec.outlet, rec.title, rec.published_at_raw, rec.content, rec.content_is_html,
                    batch_id, now,
                ],
            )  # fmt: skip
            kind = "ingested" if latest is None or latest[0] == "retracted" else "updated"
            _log(con, kind, rec.article_key, h, batch_id, rec.source_path, rec.record_index, now)
            result.new_versions += 1
            result.log_entries += 1
        for ret in batch.retractions:
            latest = _latest(con, ret.article_key)
            if latest is None:
                quarantined.append(
                    QuarantineRecord(
                        ret.source_path, ret.record_index,
                        f"retraction of unknown article '{ret.article_key}'", ret.article_key, 0,
                    )
                )  # fmt: skip
            elif latest[0] != "retracted":
                _log(
                    con, "retracted", ret.article_key, None, batch_id, ret.source_path, ret.record_index, now
                )
                result.log_entries += 1
        for q in quarantined:
            result.quarantined += quarantine(con, batch_id, q, now)
        con.execute(
            query("raw.upsert_landing_batch"), [batch_id, signature[0], signature[1], signature[2], now, now]
        )
    return result


def _latest(con: duckdb.DuckDBPyConnection, article_key: str) -> tuple[str, str | None] | None:
    row = con.execute(query("raw.latest_log_entry"), [article_key]).fetchone()
    return (row[0], row[1]) if row else None


def _log(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    article_key: str,
    content_hash: str | None,
    batch_id: str,
    source_path: str,
    record_index: int,
    now: dt.datetime,
) -> None:
    con.execute(
        query("raw.append_log_entry"),
        [kind, article_key, content_hash, batch_id, source_path, record_index, now],
    )


def _duplicate(rec, known) -> QuarantineRecord:
    reason = f"duplicate: same content as '{known[2]}'" + (f" record {known[3]}" if known[3] else "")
    reason += f" (batch '{known[1]}'), stored once"
    return QuarantineRecord(rec.source_path, rec.record_index, reason, rec.content[:65536], len(rec.content))
