-- Aggregates for analysts, rebuilt from core.events after every dedup (tables, so that a reader's
-- snapshot holds them too). Weeks start on Monday (ISO weeks). core.event_places (admin2, country name)
-- is filled just before this file runs (pipeline/marts.py). Column descriptions: warehouse/catalog.yaml.

-- Each event with its place names and the distinct outlets and articles that report it.
create or replace temp view mart_events as
select e.*, p.admin2, p.country,
       -- an article with no outlet counts as a source of its own, as in events.num_sources (pipeline/dedup.py)
       (select list(distinct coalesce(m.outlet, 'article:' || m.article_id)) from main.event_mentions m
        where m.event_id = e.event_id) as outlets,
       (select list(distinct m.article_id) from main.event_mentions m where m.event_id = e.event_id) as articles
from core.events e
left join core.event_places p using (event_id);

create or replace table marts.events_daily as
select event_date as day, country_code, country, admin1, admin2, event_type, sub_event_type,
       count(*) as events, coalesce(sum(fatalities), 0)::bigint as fatalities,
       coalesce(sum(fatalities_max), 0)::bigint as fatalities_max, coalesce(sum(injured), 0)::bigint as injured,
       len(list_distinct(flatten(list(outlets)))) as num_sources,
       len(list_distinct(flatten(list(articles)))) as num_articles
from mart_events
where event_date is not null
group by all;

create or replace table marts.events_weekly as
select date_trunc('week', event_date)::date as week, country_code, country, admin1, admin2, event_type,
       sub_event_type,
       count(*) as events, coalesce(sum(fatalities), 0)::bigint as fatalities,
       coalesce(sum(fatalities_max), 0)::bigint as fatalities_max, coalesce(sum(injured), 0)::bigint as injured,
       len(list_distinct(flatten(list(outlets)))) as num_sources,
       len(list_distinct(flatten(list(articles)))) as num_articles
from mart_events
where event_date is not null
group by all;

create or replace table marts.actor_dyads as
select coalesce(actor1, 'Unknown') as actor1, coalesce(actor2, 'Unknown') as actor2, event_type,
       sub_event_type, country_code, country,
       count(*) as events, coalesce(sum(fatalities), 0)::bigint as fatalities,
       coalesce(sum(fatalities_max), 0)::bigint as fatalities_max,
       len(list_distinct(flatten(list(outlets)))) as num_sources,
       len(list_distinct(flatten(list(articles)))) as num_articles,
       min(event_date) as first_event_date, max(event_date) as last_event_date
from mart_events
group by all;

create or replace table marts.source_coverage as
with per_outlet as (
    select distinct coalesce(m.outlet, 'Unknown') as outlet, m.event_id, m.article_id, m.mention_id,
           e.num_sources, e.fatalities, e.country_code
    from main.event_mentions m
    join core.events e using (event_id)
), per_event as (
    select distinct outlet, event_id, num_sources, fatalities, country_code from per_outlet
)
select o.outlet,
       count(distinct o.event_id)                                    as events,
       count(distinct o.event_id) filter (where o.num_sources = 1)   as exclusive_events,
       count(distinct o.mention_id)                                  as mentions,
       count(distinct o.article_id)                                  as num_articles,
       (select coalesce(sum(p.fatalities), 0)::bigint from per_event p where p.outlet = o.outlet) as fatalities,
       count(distinct o.country_code)                                as countries
from per_outlet o
group by o.outlet;

drop view mart_events;
