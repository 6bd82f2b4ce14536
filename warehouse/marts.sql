-- Aggregates for analysts, rebuilt from core.events after every dedup (tables, so that a reader's
-- snapshot holds them too). Weeks start on Monday (ISO weeks).

create or replace table marts.events_daily as
select event_date as day, country_code, admin1, event_type,
       count(*) as events, coalesce(sum(fatalities), 0) as fatalities,
       coalesce(sum(injured), 0) as injured
from core.events
where event_date is not null
group by all;

create or replace table marts.events_weekly as
select date_trunc('week', event_date)::date as week, country_code, admin1, event_type,
       count(*) as events, coalesce(sum(fatalities), 0) as fatalities,
       coalesce(sum(injured), 0) as injured
from core.events
where event_date is not null
group by all;

create or replace table marts.actor_dyads as
select coalesce(actor1, 'Unknown') as actor1, coalesce(actor2, 'Unknown') as actor2, event_type,
       count(*) as events, coalesce(sum(fatalities), 0) as fatalities,
       min(event_date) as first_event_date, max(event_date) as last_event_date
from core.events
group by all;

create or replace table marts.source_coverage as
with per_outlet as (
    select coalesce(a.outlet, 'Unknown') as outlet, m.event_id, e.num_sources
    from main.event_mentions m
    join main.articles a using (article_id)
    join core.events e using (event_id)
)
select outlet,
       count(distinct event_id)                                  as events,
       count(distinct event_id) filter (where num_sources = 1)   as exclusive_events,
       count(*)                                                  as mentions
from per_outlet
group by outlet;
