-- The exports (pipeline/export/). Every format reads the events the filters selected into _export_events.
-- Named parameters: $since / $until (first and last event date; NULL: no bound, and either bound leaves
-- undated events out), $country (ISO alpha-2 code; NULL: every country), $everything (no filter given).

-- name: select_events
create or replace temp table _export_events as
select event_id from main.events
where ($since::date is null or event_date >= $since::date)
  and ($until::date is null or event_date <= $until::date)
  and ($country::varchar is null or country_code = $country::varchar)

-- name: drop_selection
drop table if exists _export_events

-- name: drop_history_summary
drop table if exists _export_history

-- name: has_history
-- Warehouses written before the history existed have no core.event_changes until their next run.
select count(*) from duckdb_tables() where schema_name = 'core' and table_name = 'event_changes'

-- name: history_summary
-- When the history first and last recorded each event, for export.events.
create or replace temp table _export_history as
select event_id, min(recorded_at) as first_recorded_at, max(recorded_at) as last_changed_at
from core.event_changes group by event_id

-- name: no_history_summary
-- The same for a warehouse written before the history existed: nothing recorded yet.
create or replace temp table _export_history as
select null::varchar as event_id, null::timestamp as first_recorded_at, null::timestamp as last_changed_at
where false

-- name: events
-- The selected events with their outlets, their first report's URL and when the history first and last
-- recorded them (_export_history).
select e.*, s.outlets, s.first_url, h.first_recorded_at, h.last_changed_at
from main.events e
join _export_events using (event_id)
left join (
    select event_id,
           list_sort(list_distinct(list(coalesce(outlet, 'Unknown')))) as outlets,
           arg_min(url, published_at) as first_url
    from main.event_mentions join (select article_id, url from main.articles) using (article_id)
    group by event_id
) s using (event_id)
left join _export_history h using (event_id)
order by e.event_date nulls last, e.event_id

-- name: gdelt_mentions
select m.event_id, m.mention_id, m.sentence_index, m.sentence, m.trigger, m.char_start, m.confidence,
       a.outlet, a.url, a.source_id, a.published_at, a.n_chars
from main.event_mentions m
join main.articles a using (article_id)
where m.event_id in (select event_id from _export_events)
order by m.event_id, a.published_at nulls last, m.article_id, m.sentence_index

-- name: gdelt_features
-- The GeoNames id of the place an event is coded at: that of a mention coded at the same place.
select e.event_id, min(m.geonameid)
from core.events e
join core.event_members em using (event_id)
join core.mentions m using (mention_id)
where m.location is not distinct from e.location and m.geo_precision = e.geo_precision
group by e.event_id

-- name: parquet_events
select * from main.events where event_id in (select event_id from _export_events) order by event_id

-- name: parquet_event_mentions
select * from main.event_mentions where event_id in (select event_id from _export_events)
order by event_id, mention_id

-- name: parquet_event_sources
select * from main.event_sources where event_id in (select event_id from _export_events) order by all

-- name: parquet_articles
-- Every current article, or (filtered) those that report a selected event.
select * from main.articles
where $everything or article_id in (
    select article_id from main.event_mentions where event_id in (select event_id from _export_events)
)
order by article_id

-- name: parquet_event_history
select * from main.event_history
where $everything or event_id in (select event_id from _export_events)
order by change_seq

-- name: parquet_quarantine
select * from main.quarantine order by quarantined_at, quarantine_id

-- name: parquet_events_daily
select * from marts.events_daily
where ($since::date is null or day >= $since::date)
  and ($until::date is null or day <= $until::date)
  and ($country::varchar is null or country_code = $country::varchar)
order by all

-- name: parquet_events_weekly
-- A week that began before $since still holds days after it.
select * from marts.events_weekly
where ($since::date is null or week >= date_trunc('week', $since::date))
  and ($until::date is null or week <= $until::date)
  and ($country::varchar is null or country_code = $country::varchar)
order by all

-- name: parquet_actor_dyads
select * from marts.actor_dyads order by all

-- name: parquet_source_coverage
select * from marts.source_coverage order by all

-- name: database_path
select path from duckdb_databases() where database_name = current_database()
