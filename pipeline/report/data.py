"""What the report shows, read from the warehouse's marts and views (the SQL is all here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from pipeline.vocabulary import EVENT_TYPES

TOP_DYADS = 10
TOP_OUTLETS = 12

EVENTS_SQL = """
select e.event_id, e.event_date, e.date_precision, e.event_type, e.sub_event_type, e.actor1, e.actor2,
       e.location, e.admin1, e.admin2, e.country, e.country_code, e.latitude, e.longitude, e.geo_precision,
       e.fatalities, e.fatalities_max, e.num_mentions, e.num_articles, e.num_sources,
       (select list({'outlet': coalesce(s.outlet, 'Unknown outlet'), 'sentence': s.sentence}
                    order by s.published_at, s.sentence_index)
        from event_sources s where s.event_id = e.event_id) as sentences
from events e
order by e.fatalities desc, e.event_date, e.event_id
"""


@dataclass
class ReportData:
    weeks: list[dt.date] = field(default_factory=list)
    events_by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> events per week
    fatalities: list[int] = field(default_factory=list)  # per week, lowest credible
    fatalities_extra: list[int] = field(default_factory=list)  # per week, highest reported minus lowest
    dyads: list[tuple[str, str, int, int]] = field(default_factory=list)  # actor1, actor2, events, fatalities
    coverage: list[tuple[str, int, int]] = field(default_factory=list)  # outlet, events, exclusive events
    events: list[dict] = field(default_factory=list)  # every event, with its sentences

    @property
    def mapped(self) -> list[dict]:
        return [e for e in self.events if e["latitude"] is not None and e["longitude"] is not None]


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    data = ReportData()
    weekly = con.execute(
        "select week, event_type, sum(events)::bigint, sum(fatalities)::bigint, sum(fatalities_max)::bigint "
        "from marts.events_weekly group by all order by week"
    ).fetchall()
    data.weeks = sorted({row[0] for row in weekly})
    at = {week: i for i, week in enumerate(data.weeks)}
    types = list(EVENT_TYPES) + sorted({row[1] for row in weekly} - set(EVENT_TYPES))
    data.events_by_type = {t: [0] * len(data.weeks) for t in types}
    data.fatalities = [0] * len(data.weeks)
    data.fatalities_extra = [0] * len(data.weeks)
    for week, event_type, events, fatalities, fatalities_max in weekly:
        data.events_by_type[event_type][at[week]] += events
        data.fatalities[at[week]] += fatalities
        data.fatalities_extra[at[week]] += max(0, fatalities_max - fatalities)
    data.dyads = con.execute(
        "select actor1, actor2, sum(events)::bigint as events, sum(fatalities)::bigint as fatalities "
        "from marts.actor_dyads group by actor1, actor2 "
        "order by events desc, fatalities desc, actor1, actor2 "
        f"limit {TOP_DYADS}"
    ).fetchall()
    data.coverage = con.execute(
        "select outlet, events, exclusive_events from marts.source_coverage "
        f"order by events desc, outlet limit {TOP_OUTLETS}"
    ).fetchall()
    cursor = con.execute(EVENTS_SQL)
    names = [d[0] for d in cursor.description]
    data.events = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return data
