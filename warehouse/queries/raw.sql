-- The raw stage: the append-only article log, the immutable article versions, landing batches, quarantine.

-- name: quarantine_exists
-- The id is a hash of what was quarantined: a rerun of the batch finds it and inserts nothing. (A look-up,
-- not `on conflict`: the lake mode has no keys, see pipeline/lake.py.)
select 1 from raw.quarantine where quarantine_id = ?

-- name: insert_quarantine
insert into raw.quarantine values (?,?,?,?,?,?,?,?)

-- name: version_by_hash
-- The version already stored under a content hash, if any: a rerun, a return to it, or a duplicate.
select article_key, batch_id, source_path, record_index from raw.article_versions
where content_hash = ?

-- name: insert_version
-- By name: warehouses made before the source column existed have it last (added by schema.sql).
insert into raw.article_versions by name
select ? as content_hash, ? as article_key, ? as source_id, ? as source_path, ? as record_index,
       ? as format, ? as url, ? as outlet, ? as title, ? as published_at_raw, ? as content,
       ? as content_is_html, ? as batch_id, ? as ingested_at, ? as source

-- name: record_already_logged
-- Whether a batch's record was already applied (a rerun of the batch): log entries are never written twice.
select 1 from raw.article_log
where batch_id = ? and source_path = ? and record_index = ? and content_hash is not distinct from ?
limit 1

-- name: keys_named
-- Retractions: the article a full key, file path or canonical URL names.
select distinct article_key from raw.article_versions where article_key = ?

-- name: keys_and_urls_on_host
-- Retractions by URL: candidates on the URL's host (canonical forms are compared in Python).
select distinct article_key, url from raw.article_versions
where article_key = ? or (url is not null and contains(lower(url), ?))

-- name: keys_of_source_id
-- Retractions by id: the articles of one source with that id.
select distinct article_key from raw.article_versions where source_id = ? and source = ?

-- name: keys_and_sources_of_id
-- Retractions by id when no outlet is named: that id in every source.
select distinct article_key, source from raw.article_versions where source_id = ?

-- name: latest_log_entry
-- What last happened to an article: decides between ingested and updated, and whether a retraction is news.
select kind, content_hash from raw.article_log where article_key = ? order by seq desc limit 1

-- name: append_log_entry
-- The next number after the last: the raw stage is the log's only writer, one batch at a time (the
-- duckdb_warehouse pool), and the lake mode has no sequences (pipeline/lake.py).
insert into raw.article_log select coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? from raw.article_log

-- name: upsert_landing_batch
-- The signature (a hash of the batch's file contents) as loaded, so that an unchanged batch is not loaded
-- again, whatever its files' times or the landing folder's path.
merge into raw.landing_batches t
using (select ? as batch_id, ? as signature, ? as files, ? as bytes, ? as first_loaded_at, ? as last_loaded_at) s
on t.batch_id = s.batch_id
when matched then update set signature = s.signature, files = s.files, bytes = s.bytes,
    last_loaded_at = s.last_loaded_at
when not matched then insert values (s.batch_id, s.signature, s.files, s.bytes, s.first_loaded_at,
    s.last_loaded_at)

-- name: landing_batch_signatures
select batch_id, signature from raw.landing_batches

-- name: versions_of_batch
-- What the raw asset shows and validates: the batch's versions, in file and record order.
select content_hash, article_key, source_id, source_path, record_index, format, outlet,
title, published_at_raw, length(content) as content_chars, content, batch_id
from raw.article_versions where batch_id = ? order by source_path, record_index

-- name: quarantine_of_batch
select source_path, record_index, reason, content_bytes from raw.quarantine
where batch_id = ? order by source_path, record_index
