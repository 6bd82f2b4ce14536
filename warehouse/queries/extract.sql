-- The extract stage: the English articles of a batch and their sentences in, event mentions out.

-- name: articles_to_extract
-- Relative dates ("on Friday") count from the publisher's own day: its wall-clock time, not UTC.
select article_id, coalesce(published_at_local, published_at), dateline_place, title, body, outlet
from staging.articles
where batch_id = ? and is_english order by article_id

-- name: sentences_of_articles
-- The sentences of one chunk of articles (a list of article ids), in reading order.
select article_id, sentence_index, char_start, char_end, sentence from staging.sentences
where list_contains(?, article_id) order by article_id, sentence_index

-- name: publication_dates_of_batch
-- The event_mentions suite checks that no event is dated after its article was published, on the
-- publisher's own clock (event dates count from its day).
select article_id, coalesce(published_at_local, published_at) as published_at
from staging.articles where batch_id = ?

-- name: refresh_detection_reasons
-- The reason codes of core.event_candidates and their meanings, from pipeline/extract/detect.py. Written
-- by the dedup step, which has one writer at a time: extract steps of several batches may run at once in
-- the lake mode, and would each insert the same new reasons.
merge into core.detection_reasons t using _incoming s on t.reason = s.reason
when matched and t.meaning is distinct from s.meaning then update set meaning = s.meaning
when not matched then insert (reason, meaning) values (s.reason, s.meaning)

-- name: candidates_by_reason
-- What detection decided for a batch's trigger words: the counts the UI shows per reason.
select decision, reason, count(*) as candidates, count(distinct article_id || '#' || sentence_index) as sentences
from core.event_candidates where batch_id = ? group by all order by candidates desc
