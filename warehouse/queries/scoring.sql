-- What the scorers read (pipeline/scoring.py): only the analyst views, so any warehouse with the documented
-- contract (warehouse/README.md) can be scored.

-- name: events
select * from events

-- name: anchored_event_ids
select event_id from anchored_events

-- name: event_documents
-- Which articles report each event.
select distinct m.event_id, a.source_id from event_mentions m join articles a using (article_id)
where m.event_id is not null

-- name: report_mentions
select a.source_id, m.event_id, m.confidence, m.sentence_index
from event_mentions m join articles a using (article_id) where m.event_id is not null

-- name: article_events
select a.source_id, m.sentence_index as mention_sentence, e.* from articles a
join event_mentions m using (article_id) join events e on e.event_id = m.event_id
