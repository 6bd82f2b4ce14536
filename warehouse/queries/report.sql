-- What the report (pipeline/report/) and the aggregates asset's summary show, read from the marts and views.

-- name: events_per_week_by_type
select week, event_type, sum(events)::bigint as events, sum(fatalities)::bigint as fatalities,
       sum(fatalities_max)::bigint as fatalities_max
from marts.events_weekly
group by all
order by week

-- name: top_dyads
-- The actor pairs with most events (over every type and country), ? of them.
select actor1, actor2, sum(events)::bigint as events, sum(fatalities)::bigint as fatalities
from marts.actor_dyads
group by actor1, actor2
order by events desc, fatalities desc, actor1, actor2
limit ?

-- name: top_outlets
select outlet, events, exclusive_events
from marts.source_coverage
order by events desc, outlet
limit ?

-- name: events_with_sentences
-- Every event with its fields and the sentences that report it (outlet and sentence, oldest report first).
select e.event_id, e.event_date, e.date_precision, e.event_type, e.sub_event_type, e.actor1, e.actor2,
       e.location, e.admin1, e.admin2, e.country, e.country_code, e.latitude, e.longitude, e.geo_precision,
       e.fatalities, e.fatalities_max, e.num_mentions, e.num_articles, e.num_sources,
       (select list({'outlet': coalesce(s.outlet, 'Unknown outlet'), 'sentence': s.sentence}
                    order by s.published_at, s.sentence_index)
        from event_sources s where s.event_id = e.event_id) as sentences
from events e
order by e.fatalities desc, e.event_date, e.event_id
