-- The aggregates stage: the marts themselves are rebuilt by ../marts.sql.

-- name: latest_weeks
-- The preview the aggregates asset shows.
select * from marts.events_weekly order by week desc limit 10

-- name: reconciliation
-- Totals of each mart next to the totals of core.events it should equal, one row per mart. Daily and weekly
-- marts leave out events without a date, so they are compared with the dated events only; actor dyads count
-- every event. DuckDB sums integers into HUGEINT, which pandas cannot hold: every total is cast to BIGINT.
with dated as (
    select count(*)::bigint as events, coalesce(sum(fatalities), 0)::bigint as fatalities
    from core.events where event_date is not null
), every as (
    select count(*)::bigint as events, coalesce(sum(fatalities), 0)::bigint as fatalities
    from core.events
)
select 'marts.events_daily' as mart,
       (select coalesce(sum(events), 0)::bigint from marts.events_daily)      as events_in_mart,
       dated.events                                                           as events_in_core,
       (select coalesce(sum(fatalities), 0)::bigint from marts.events_daily)  as fatalities_in_mart,
       dated.fatalities                                                       as fatalities_in_core
from dated
union all
select 'marts.events_weekly',
       (select coalesce(sum(events), 0)::bigint from marts.events_weekly),
       dated.events,
       (select coalesce(sum(fatalities), 0)::bigint from marts.events_weekly),
       dated.fatalities
from dated
union all
select 'marts.actor_dyads',
       (select coalesce(sum(events), 0)::bigint from marts.actor_dyads),
       every.events,
       (select coalesce(sum(fatalities), 0)::bigint from marts.actor_dyads),
       every.fatalities
from every

-- name: event_places_input
-- For each event, the gazetteer entry of one of its mentions placed where the event is (pipeline/marts.py
-- turns it into the district and country names of core.event_places).
select e.event_id, e.location, e.geo_precision, e.country_code,
       (select min(m.geonameid) from core.event_members em join core.mentions m using (mention_id)
        where em.event_id = e.event_id and m.location is not distinct from e.location) as geonameid
from core.events e
