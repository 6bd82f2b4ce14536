-- The clean stage: article versions of a batch in, cleaned articles and their sentences out.

-- name: versions_to_clean
select content_hash, article_key, source_id, source_path, record_index, url, outlet, title,
published_at_raw, content, content_is_html from raw.article_versions where batch_id = ?
order by source_path, record_index

-- name: delete_sentences_of_batch
-- Sentences carry no batch_id: they go with the batch's articles.
delete from staging.sentences where article_id in
(select article_id from staging.articles where batch_id = ?)
