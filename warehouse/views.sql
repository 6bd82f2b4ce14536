-- The names analysts and outside tools query (documented in warehouse/README.md).
-- They live in the default schema, so a plain duckdb.connect(path) finds them.

-- The current version of every article that has not been retracted.
create or replace view main.articles as
with latest as (
    select article_key,
           arg_max(content_hash, seq) as content_hash,
           arg_max(kind, seq)         as kind
    from raw.article_log
    group by article_key
)
select a.article_id, a.source_id, a.url, a.outlet, a.title, a.published_at, a.published_at_source,
       a.body, a.language, a.is_english, a.dateline_place, a.article_key, a.batch_id,
       a.n_chars, a.n_sentences, a.published_at_local, a.published_at_raw
from staging.articles a
join latest l on l.content_hash = a.article_id and l.kind <> 'retracted';

-- Sentence-level reports of events in current articles, with the event they were merged into.
create or replace view main.event_mentions as
select m.mention_id, em.event_id, m.article_id, m.sentence_index, m.char_start, m.char_end, m.sentence,
       m.trigger, m.event_type, m.sub_event_type, m.actor1, m.assoc_actor_1, m.inter1, m.actor2, m.assoc_actor_2,
       m.inter2, m.location, m.admin1,
       m.country_code, m.latitude, m.longitude, m.geo_precision, m.geo_evidence, m.event_date, m.date_start,
       m.date_end, m.date_precision, m.date_evidence, m.is_background, m.fatalities, m.injured, m.confidence,
       m.extractor_version, a.outlet, a.published_at
from core.mentions m
join main.articles a using (article_id)
left join core.event_members em using (mention_id);

-- One row per real-world event, with its district and country names (core.event_places).
create or replace view main.events as
select e.*, p.admin2, p.country
from core.events e
left join core.event_places p using (event_id);

-- The events whose reports tell both where and when: the place named in the event's own sentence (or a town of
-- the sentences around it inside the region that sentence names, or the lead's dateline) and the date told in
-- its sentence or counted from the story's event, not only the days before publication. Fewer events, and
-- more of them right (README: "Events the reports anchor").
create or replace view main.anchored_events as
select * from main.events
where geo_evidence in ('sentence', 'town_nearby', 'dateline') and date_evidence in ('sentence', 'story');

-- The events dedup made from the reports but withheld: their event_score says they are more likely wrong than
-- right (pipeline/event_score.py; README: "Withheld events"). Their reports stay in event_mentions.
create or replace view main.withheld_events as
select * from core.withheld_events;

-- Everything that could not be read, and why.
create or replace view main.quarantine as
select * from raw.quarantine;

-- Every event, where it happened and its counts, with the sentences that report it and who published them:
-- provenance at a glance (one row per mention).
create or replace view main.event_sources as
select e.event_id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2,
       e.location, e.admin1, e.admin2, e.country_code, e.country, e.latitude, e.longitude, e.geo_precision,
       e.fatalities, e.fatalities_max, e.num_mentions, e.num_articles, e.num_sources,
       m.outlet, m.published_at, a.title, a.url, m.sentence_index, m.char_start, m.char_end, m.sentence,
       m.fatalities as mention_fatalities
from main.events e
join main.event_mentions m using (event_id)
join main.articles a using (article_id);

-- Lineage: for every event, the mentions behind it, the article versions they were extracted from
-- (with the extractor version), and the log entries that brought those versions in.
create or replace view main.event_lineage as
select em.event_id, m.mention_id, m.sentence_index, m.extractor_version, m.extracted_at,
       v.content_hash as article_id, v.article_key, v.source_id, v.source_path, v.record_index,
       l.seq as log_seq, l.kind as log_kind, l.batch_id, l.logged_at
from core.event_members em
join core.mentions m using (mention_id)
join raw.article_versions v on v.content_hash = m.article_id
join raw.article_log l on l.content_hash = m.article_id;

-- The article log with what each entry did, newest first: the system of record, as analysts read it.
create or replace view main.article_log as
select l.seq, l.kind, l.article_key, l.content_hash, l.batch_id, l.source_path, l.record_index, l.logged_at,
       v.outlet, v.title
from raw.article_log l
left join raw.article_versions v using (content_hash);

-- What changed, and when: one row per change of an event, with the log entry that caused it.
create or replace view main.event_history as
select c.change_seq, c.event_id, c.change, c.related_event_id, c.fields, c.values_before, c.values_after,
       c.log_seq, l.kind as log_kind, l.article_key, l.batch_id, l.logged_at, c.log_seq_from, c.log_seq_to,
       c.run_id, c.extractor_version, c.recorded_at
from core.event_changes c
left join raw.article_log l on l.seq = c.log_seq;

-- Detection, sentence by sentence: every trigger word read in a current article, the decision (event,
-- merged, not_event), the reason and what it means, the evidence score, the mention and event it became, and
-- whether the event score withheld that event (event_withheld, with the event's event_score).
-- "Why was this sentence (not) coded?" is a filter on article and sentence_index.
create or replace view main.event_candidates as
select c.article_id, a.source_id, a.outlet, c.sentence_index, s.sentence, c.trigger, c.trigger_start,
       c.family, c.sub_event_type, c.decision, c.reason, r.meaning as reason_meaning, c.score, c.mention_id,
       em.event_id, w.event_id is not null as event_withheld, coalesce(w.event_score, e.event_score) as event_score,
       c.extractor_version
from core.event_candidates c
join main.articles a using (article_id)
join staging.sentences s using (article_id, sentence_index)
left join core.detection_reasons r using (reason)
left join core.event_members em using (mention_id)
left join core.events e on e.event_id = em.event_id
left join core.withheld_events w on w.event_id = em.event_id;

-- Which state this file holds: complete or half-written, the run that wrote it last, and when. In the
-- snapshot (what `python -m pipeline query` reads) it is always the complete state of the run named.
create or replace view main.warehouse_state as
select complete, run_id, job_name, changed_at from core.warehouse_state;
