"""Raw stage: append a landing batch to the article log, the system of record.

Guarantees: article versions are immutable and keyed by content hash, so the same content is stored once
however often or under whatever name it arrives; the log only ever grows (``ingested``, ``updated``,
``retracted``), in sequence order, and a batch's records are applied in file order; an article is identified
by its key (``source/id``, canonical URL or file path: see ``pipeline.landing``), so an id another outlet
also uses never replaces anything; an article sent again after its retraction is ``ingested`` again;
rerunning a batch adds nothing; duplicates and unknown or ambiguous retractions are quarantined with a reason
rather than dropped. All writes of a batch happen in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb

from pipeline.landing import ArticleRecord, Batch, QuarantineRecord, Retraction, canonical_url
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
    qid = quarantine_id(batch_id, q)
    if con.execute(query("raw.quarantine_exists"), [qid]).fetchone():
        return 0
    con.execute(
        query("raw.insert_quarantine"),
        [qid, batch_id, q.source_path, q.record_index, q.reason, q.raw_content, q.content_bytes, now],
    )
    return 1


def store_batch(
    con: duckdb.DuckDBPyConnection, batch_id: str, batch: Batch, signature: tuple[str, int, int] = ("", 0, 0)
) -> RawResult:
    """Append one batch to the log and the version store (one transaction), in file order: a retraction
    followed by a new version of the same article leaves the new version current."""
    result = RawResult()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    quarantined = list(batch.quarantined)
    with transaction(con):
        for item in batch.items:
            if isinstance(item, Retraction):
                _retract(con, batch_id, item, now, result, quarantined)
            else:
                _store_version(con, batch_id, item, now, result, quarantined)
        for q in quarantined:
            result.quarantined += quarantine(con, batch_id, q, now)
        con.execute(
            query("raw.upsert_landing_batch"), [batch_id, signature[0], signature[1], signature[2], now, now]
        )
    return result


def _store_version(
    con: duckdb.DuckDBPyConnection,
    batch_id: str,
    rec: ArticleRecord,
    now: dt.datetime,
    result: RawResult,
    quarantined: list[QuarantineRecord],
) -> None:
    h = rec.content_hash
    if _logged(con, batch_id, rec.source_path, rec.record_index, h):
        result.unchanged += 1  # a rerun of this batch
        return
    known = con.execute(query("raw.version_by_hash"), [h]).fetchone()
    latest = _latest(con, rec.article_key)
    if known is not None:
        if (known[1], known[2], known[3]) == (batch_id, rec.source_path, rec.record_index):
            result.unchanged += 1
            return
        if known[0] == rec.article_key and latest is not None and latest[0] == "retracted":
            # Sent again after its retraction: the article is back, with a version already stored.
            _log(con, "ingested", rec.article_key, h, batch_id, rec.source_path, rec.record_index, now)
            result.log_entries += 1
            return
        if known[0] == rec.article_key and latest is not None and latest[1] != h:
            # The article went back to an earlier version of itself: log it, store nothing new.
            _log(con, "updated", rec.article_key, h, batch_id, rec.source_path, rec.record_index, now)
            result.log_entries += 1
            return
        quarantined.append(_duplicate(rec, known))
        return
    con.execute(
        query("raw.insert_version"),
        [
            h, rec.article_key, rec.source_id, rec.source_path, rec.record_index, rec.format,
            rec.url, rec.outlet, rec.title, rec.published_at_raw, rec.content, rec.content_is_html,
            batch_id, now, rec.source,
        ],
    )  # fmt: skip
    kind = "ingested" if latest is None or latest[0] == "retracted" else "updated"
    _log(con, kind, rec.article_key, h, batch_id, rec.source_path, rec.record_index, now)
    result.new_versions += 1
    result.log_entries += 1


def _retract(
    con: duckdb.DuckDBPyConnection,
    batch_id: str,
    ret: Retraction,
    now: dt.datetime,
    result: RawResult,
    quarantined: list[QuarantineRecord],
) -> None:
    if _logged(con, batch_id, ret.source_path, ret.record_index, None):
        result.unchanged += 1  # a rerun of this batch
        return
    keys = resolve_retraction(con, ret)
    if not keys:
        reason = f"retraction of unknown article '{ret.article_key}'"
        quarantined.append(QuarantineRecord(ret.source_path, ret.record_index, reason, ret.article_key, 0))
        return
    if len(keys) > 1:
        shown = ", ".join(f"'{k}'" for k in keys[:5]) + (", ..." if len(keys) > 5 else "")
        reason = (
            f"retraction of '{ret.article_key}' is ambiguous: it names {len(keys)} articles ({shown}); "
            "give the outlet ('outlet' field) or the full article key"
        )
        quarantined.append(QuarantineRecord(ret.source_path, ret.record_index, reason, ret.article_key, 0))
        return
    latest = _latest(con, keys[0])
    if latest is not None and latest[0] != "retracted":
        _log(con, "retracted", keys[0], None, batch_id, ret.source_path, ret.record_index, now)
        result.log_entries += 1


def resolve_retraction(con: duckdb.DuckDBPyConnection, ret: Retraction) -> list[str]:
    """The article keys a retraction names: a full article key, a file name, a URL (matched on its
    canonical form against every version's URL), or an id: the outlet's when the record names one, else
    the id in the same feed, else the id in any source (several sources: ambiguous, all returned)."""
    name = ret.article_key
    keys = {k for (k,) in con.execute(query("raw.keys_named"), [name]).fetchall()}
    url = ret.url or (name if "://" in name or name.startswith("www.") else None)
    if url and (target := canonical_url(url)):
        host = target.split("/", 1)[0].split(":", 1)[0]
        rows = con.execute(query("raw.keys_and_urls_on_host"), [target, host]).fetchall()
        keys |= {k for k, u in rows if k == target or canonical_url(u) == target}
    if ret.url is None or ret.article_key != ret.url:  # the name may be an id or a file name
        if ret.source is not None:
            rows = con.execute(query("raw.keys_of_source_id"), [name, ret.source]).fetchall()
            keys |= {k for (k,) in rows}
        elif not keys:
            rows = con.execute(query("raw.keys_and_sources_of_id"), [name]).fetchall()
            same_feed = {k for k, s in rows if ret.feed is not None and s == ret.feed}
            keys |= same_feed or {k for k, _ in rows}
    return sorted(keys)


def _logged(
    con: duckdb.DuckDBPyConnection,
    batch_id: str,
    source_path: str,
    record_index: int,
    content_hash: str | None,
) -> bool:
    """Whether this batch's record was already applied (a rerun): log entries are never written twice."""
    row = con.execute(
        query("raw.record_already_logged"), [batch_id, source_path, record_index, content_hash]
    ).fetchone()
    return row is not None


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
