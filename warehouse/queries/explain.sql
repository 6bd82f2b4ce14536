-- One event with everything that says why it is there (pipeline/explain.py: python -m pipeline explain).

-- name: events_by_prefix
-- The events and withheld events whose id starts with the reference (an id, or its first characters).
select *, 'events' as held_in from main.events where starts_with(event_id, ?)
union all by name
select *, 'withheld_events' as held_in from main.withheld_events where starts_with(event_id, ?)
order by event_id

-- name: event_reports
-- The event's mentions in report order, each with its article and the detection decision of its trigger
-- (the candidate that made the mention; others of the sentence were merged into it).
select m.mention_id, m.article_id, m.sentence_index, m.sentence, m.trigger, m.sub_event_type, m.actor1,
       m.location, m.geo_precision, m.geo_evidence, m.date_start, m.date_end, m.date_precision,
       m.date_evidence, m.fatalities, m.is_background, m.confidence, a.source_id, a.title, a.outlet,
       a.published_at, a.n_sentences, c.reason, c.reason_meaning
from main.event_mentions m
join main.articles a using (article_id)
left join main.event_candidates c on c.mention_id = m.mention_id and c.decision = 'event'
where m.event_id = ?
order by a.published_at nulls last, a.article_key, m.sentence_index, m.mention_id
