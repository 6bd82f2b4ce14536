-- The raw stage: the append-only article log, the immutable article versions, landing batches, quarantine.

-- name: insert_quarantine
-- The id is a hash of what was quarantined, so a rerun of the batch inserts nothing.
insert into raw.quarantine values (?,?,?,?,?,?,?,?) on conflict do nothing returning 1

-- name: version_by_hash
-- The version already stored under a content hash, if any: a rerun, a return to it, or a duplicate.
select article_key, batch_id, source_path, record_index from raw.article_versions
where content_hash = ?

-- name: insert_version
insert into raw.article_versions values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)

-- name: latest_log_entry
-- What last happened to an article: decides between ingested and updated, and whether a retraction is news.
select kind, content_hash from raw.article_log where article_key = ? order by seq desc limit 1

-- name: append_log_entry
insert into raw.article_log values (nextval('raw.article_log_seq'),?,?,?,?,?,?,?)

-- name: upsert_landing_batch
-- The signature of the batch's files as loaded, so that an unchanged batch is not loaded again.
insert into raw.landing_batches values (?,?,?,?,?,?) on conflict (batch_id) do update set
signature = excluded.signature, files = excluded.files, bytes = excluded.bytes,
last_loaded_at = excluded.last_loaded_at

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
