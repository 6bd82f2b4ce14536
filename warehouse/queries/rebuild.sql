-- Replaying the article log into fresh projections.

-- name: batches_in_log_order
-- Every batch that brought an article version, in the order the log first heard of it.
select v.batch_id from raw.article_versions v join raw.article_log l using (content_hash)
group by v.batch_id order by min(l.seq)

-- name: log_end
-- How far the article log goes: a rebuild checks that nobody appended while it replayed.
select count(*), max(seq) from raw.article_log
